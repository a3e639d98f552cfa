#!/usr/bin/env node
// The size budget of issue 10, checked by tools/test.sh (stage "size"):
// every file a page downloads before its first full map (the element's
// `ready` and the overlay's features drawn) must come to at most 200 KB
// gzipped in total, as Leaflet and MapLibre guard their bundle sizes.
//
//   node tools/size.mjs            prints each file's share; exit 1 when over
//   node tools/size.mjs --json     the same figures as JSON on stdout
//
// The files are not guessed from the source: a fresh browser context (empty
// cache) opens each page from a loopback server and records every response,
// so a new import, a preload or a second geometry file fetched too early
// shows up here. Sizes are gzip -9 and brotli q11 of the files on disk, as a
// static host would precompress them (tools/bench/serve.mjs compressedSizes,
// the benchmark's own measure). Needs pkg/ (the release build) and
// tools/node_modules, both left by the earlier stages of tools/test.sh.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, launchBrowser, startServer, waitReady } from "./e2e/helpers.mjs";
import { compressedSizes } from "./bench/serve.mjs";

/** The budget: 200 KB (KiB, as the benchmark prints it), gzipped. */
export const BUDGET_GZIP_BYTES = 200 * 1024;

/** The pages a visitor or a host opens, and the element each waits for. */
const PAGES = [
  { page: "www/index.html", selector: "#map" },
  { page: "www/embed.html", selector: "#map" },
];

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Opens `page` in a new context; resolves to the paths it fetched before its first full map. */
async function filesToFirstMap(browser, origin, { page: url, selector }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  try {
    const page = await context.newPage();
    const fetched = [];
    page.on("response", (r) => {
      if (r.status() === 200) fetched.push(new URL(r.url()).pathname);
    });
    await page.goto(`${origin}/${url}`);
    const r = await waitReady(page, 60000);
    if (!r.ok) throw new Error(`${url}: not ready: ${r.error}`);
    // The first full map also shows the overlay: wait until its features are in.
    await page.waitForFunction((sel) => {
      const el = document.querySelector(sel);
      return typeof el?.features === "function" && el.features().length > 0;
    }, selector, { timeout: 60000 });
    return [...new Set(fetched)];
  } finally {
    await context.close();
  }
}

/** gzip/brotli sizes of the fetched files, largest first, and their total. */
export function shares(paths) {
  const files = [];
  for (const p of paths) {
    const rel = decodeURIComponent(p).replace(/^\/+/, "");
    files.push({ file: rel, ...compressedSizes(readFileSync(path.join(ROOT, rel))) });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

async function main() {
  const json = process.argv.includes("--json");
  const server = await startServer();
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const p of PAGES) results.push({ page: p.page, ...shares(await filesToFirstMap(browser, server.origin, p)) });
  } finally {
    await browser.close();
    await server.stop();
  }
  let over = false;
  for (const r of results) {
    const ok = r.total.gzip <= BUDGET_GZIP_BYTES;
    over ||= !ok;
    if (json) continue;
    console.log(`${r.page}: ${kb(r.total.gzip)} gzipped (${kb(r.total.brotli)} brotli, ${kb(r.total.raw)} raw) of ${kb(BUDGET_GZIP_BYTES)}: ${ok ? "ok" : "OVER BUDGET"}`);
    for (const f of r.files) {
      const share = ((100 * f.gzip) / r.total.gzip).toFixed(1).padStart(5);
      console.log(`  ${kb(f.gzip).padStart(9)} ${share}%  ${f.file}  (brotli ${kb(f.brotli)}, raw ${kb(f.raw)})`);
    }
  }
  if (json) console.log(JSON.stringify({ budgetGzipBytes: BUDGET_GZIP_BYTES, pages: results }, null, 2));
  if (over) {
    console.error(`size: over the ${kb(BUDGET_GZIP_BYTES)} gzip budget (issue 10); see the shares above`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(`size: ${e.stack || e}`);
    process.exitCode = 1;
  });
}
