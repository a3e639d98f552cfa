// Shared helpers for the browser tests and the perf script: a static file
// server on a free loopback port, a headless Chromium, and small in-page
// helpers that talk to <bridge-map id="map">.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = path.join(ROOT, "artifacts");
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

export function ensureArtifacts() {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host: "127.0.0.1" }, () => {
      sock.destroy();
      resolve(true);
    });
    sock.on("error", () => resolve(false));
  });
}

/**
 * Starts `python3 -m http.server` on a free port serving the repo root.
 * Returns { origin, port, proc, stop() }.
 */
export async function startServer(root = ROOT) {
  if (!existsSync(path.join(root, "pkg", "bridge_map_bg.wasm"))) {
    throw new Error("pkg/bridge_map_bg.wasm is missing: run `source tools/env.sh && wasm-pack build --release --target web`");
  }
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const proc = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let exited = false;
    proc.on("exit", () => { exited = true; });
    proc.stderr.resume(); // the access log goes to stderr; drain it
    const deadline = Date.now() + 5000;
    while (!exited && Date.now() < deadline) {
      if (await canConnect(port)) {
        const origin = `http://127.0.0.1:${port}`;
        return {
          origin,
          port,
          proc,
          stop: () => new Promise((resolve) => {
            if (exited || proc.exitCode !== null) return resolve();
            proc.once("exit", () => resolve());
            proc.kill("SIGTERM");
          }),
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) proc.kill("SIGTERM");
  }
  throw new Error("could not start python3 -m http.server");
}

export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/** Runs fn(el, arg) in the page with el = document.getElementById('map'). */
export function evalMap(page, fn, arg) {
  return page.evaluate(
    ([src, a]) => {
      const el = document.getElementById("map");
      // eslint-disable-next-line no-new-func
      const f = new Function(`return (${src});`)();
      return f(el, a);
    },
    [fn.toString(), arg],
  );
}

/** Waits for `n` animation frames in the page. */
export function frames(page, n = 2) {
  return page.evaluate(
    (count) =>
      new Promise((resolve) => {
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      }),
    n,
  );
}

/** Waits until the element's ready promise settles; returns {ok, error}. */
export function waitReady(page, timeout = 15000) {
  return page.evaluate(
    (ms) => {
      const el = document.getElementById("map");
      const wait = customElements.whenDefined("bridge-map").then(() => el.ready);
      return Promise.race([
        wait.then(() => ({ ok: true }), (e) => ({ ok: false, error: String(e && e.message || e) })),
        new Promise((r) => setTimeout(() => r({ ok: false, error: "timeout waiting for el.ready" }), ms)),
      ]);
    },
    timeout,
  );
}

/**
 * Installs a recorder on the element: every viewchange / select event is
 * pushed to window.__events. Returns nothing.
 */
export function recordEvents(page) {
  return page.evaluate(() => {
    if (window.__events) return;
    window.__events = [];
    const el = document.getElementById("map");
    for (const type of ["viewchange", "select"]) {
      el.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
    }
  });
}

export function takeEvents(page) {
  return page.evaluate(() => window.__events.splice(0));
}

/** Page coordinates of the element's top-left (the element is full-window, so usually 0,0). */
export function mapOrigin(page) {
  return evalMap(page, (el) => {
    const r = el.getBoundingClientRect();
    return { x: r.left, y: r.top };
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
