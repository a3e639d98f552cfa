// A loopback static server for the benchmark: like the e2e suites' server
// (tools/e2e/helpers.mjs serveStatic) but it compresses text and wasm
// responses (brotli when the browser asks for it, else gzip), as any real
// host would, so a cold load under network throttling moves the bytes a
// visitor would download; and it sends COOP/COEP so the page is
// cross-origin isolated, which gives performance.now() its fine (5 µs)
// resolution instead of 100 µs, for the pick() timings.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".bmap": "application/octet-stream",
};
const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".wasm", ".svg", ".bmap"]);

/** gzip -9 and brotli q11 sizes of a buffer (what a static host would precompress). */
export function compressedSizes(buf) {
  return {
    raw: buf.length,
    gzip: zlib.gzipSync(buf, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(buf, {
      params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
}

/**
 * Serves `root` on a free port of 127.0.0.1. Returns {origin, stop(), log}
 * where log lists {path, encoding, bytes} of every 200 response.
 */
export function serveCompressed(root) {
  const cache = new Map(); // path+encoding → Buffer
  const log = [];
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://x");
      let rel = decodeURIComponent(url.pathname);
      const file = path.join(root, path.normalize(rel).replace(/^(\.\.[/\\])+/, ""));
      if (!file.startsWith(root)) { res.writeHead(403).end(); return; }
      const st = await stat(file).catch(() => null);
      if (!st || !st.isFile()) { res.writeHead(404).end("not found"); return; }
      const ext = path.extname(file).toLowerCase();
      const accept = String(req.headers["accept-encoding"] || "");
      const enc = !COMPRESSIBLE.has(ext) ? "identity" : /\bbr\b/.test(accept) ? "br" : /\bgzip\b/.test(accept) ? "gzip" : "identity";
      const key = `${file}|${enc}|${st.mtimeMs}`;
      let body = cache.get(key);
      if (!body) {
        const raw = await readFile(file);
        body = enc === "br" ? zlib.brotliCompressSync(raw, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } })
          : enc === "gzip" ? zlib.gzipSync(raw, { level: 9 }) : raw;
        cache.set(key, body);
      }
      const headers = {
        "content-type": TYPES[ext] || "application/octet-stream",
        "content-length": body.length,
        "cache-control": "no-cache",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-embedder-policy": "require-corp",
        "cross-origin-resource-policy": "same-origin",
      };
      if (enc !== "identity") headers["content-encoding"] = enc;
      if (enc !== "identity") headers.vary = "accept-encoding";
      res.writeHead(200, headers);
      res.end(req.method === "HEAD" ? undefined : body);
      log.push({ path: rel, encoding: enc, bytes: body.length });
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve, reject) => {
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      resolve({
        origin: `http://127.0.0.1:${port}`,
        log,
        stop: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }),
      });
    });
  });
}
