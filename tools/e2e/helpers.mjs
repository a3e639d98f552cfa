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
 * Starts `python3 -m http.server` on a free port serving `root`, and resolves
 * once the server says it is listening (its "Serving HTTP on" line).
 * Returns { origin, port, proc, stop() }.
 */
export async function serveStatic(root) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    // -u: unbuffered, so the "Serving HTTP" line arrives as soon as it is printed.
    const proc = spawn("python3", ["-u", "-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", root], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stderr.resume(); // the access log goes to stderr; drain it
    const listening = await new Promise((resolve) => {
      let out = "";
      const timer = setTimeout(() => resolve(false), 10000); // a deadline, not a delay
      proc.stdout.on("data", (chunk) => {
        out += chunk;
        if (out.includes("Serving HTTP on")) { clearTimeout(timer); resolve(true); }
      });
      proc.once("exit", () => { clearTimeout(timer); resolve(false); });
    });
    proc.stdout.resume();
    if (listening && (await canConnect(port))) {
      return {
        origin: `http://127.0.0.1:${port}`,
        port,
        proc,
        stop: () => new Promise((resolve) => {
          if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
          proc.once("exit", () => resolve());
          proc.kill("SIGTERM");
        }),
      };
    }
    if (proc.exitCode === null) proc.kill("SIGTERM");
  }
  throw new Error("could not start python3 -m http.server");
}

/** serveStatic for the repository root, which must hold the wasm build. */
export async function startServer(root = ROOT) {
  if (!existsSync(path.join(root, "pkg", "bridge_map_bg.wasm"))) {
    throw new Error("pkg/bridge_map_bg.wasm is missing: run `source tools/env.sh && wasm-pack build --release --target web`");
  }
  return serveStatic(root);
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
        // __rawRaf: the browser's own, where a suite counts the map's calls.
        const raf = window.__rawRaf ?? window.requestAnimationFrame.bind(window);
        let left = count;
        const tick = () => (--left <= 0 ? resolve() : raf(tick));
        raf(tick);
      }),
    n,
  );
}

/** Waits until the element's ready promise settles; returns {ok, error}. */
export function waitReady(page, timeout = 15000) {
  return page.evaluate(
    (ms) => {
      const el = document.getElementById("map");
      // Ready, and the overlay's texts in: the shipped overlay draws its
      // outline by `ready` and swaps in the whole pack right after.
      const outline = () => {
        const s = el.stats;
        return s && s.languages.length > 0 && !s.texts;
      };
      const texts = () => new Promise((resolve) => {
        const check = () => (outline() ? requestAnimationFrame(check) : resolve());
        check();
      });
      const wait = customElements.whenDefined("bridge-map").then(() => el.ready).then(texts);
      return Promise.race([
        wait.then(() => ({ ok: true }), (e) => ({ ok: false, error: String(e && e.message || e) })),
        new Promise((r) => setTimeout(() => r({ ok: false, error: outline() ? "timeout waiting for the overlay's texts after el.ready" : "timeout waiting for el.ready" }), ms)),
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

/**
 * Counts what the map draws over `n` animation frames of the page: for checks
 * that "nothing happens for a while", measured in frames, not wall-clock time.
 * Returns { frames, basemapRenders, rafs } (rafs = animation frames waited).
 */
export function drawnOver(page, n, selector = "#map") {
  return page.evaluate(([count, sel]) => new Promise((resolve) => {
    const el = document.querySelector(sel);
    // The lifecycle suite wraps requestAnimationFrame to count the map's
    // calls; it leaves the browser's own as __rawRaf so waiting is not counted.
    const raf = window.__rawRaf ?? window.requestAnimationFrame.bind(window);
    const s0 = el.stats;
    let left = count;
    const tick = () => {
      if (--left > 0) return raf(tick);
      const s1 = el.stats;
      resolve({ frames: s1.frames - s0.frames, basemapRenders: s1.basemapRenders - s0.basemapRenders, rafs: count });
    };
    raf(tick);
  }), [n, selector]);
}

/**
 * Arms a one-shot listener for the element's `type` event *before* the action
 * that causes it. Returns an async function that waits for the event and
 * returns its detail, failing with a clear message after `timeout` ms.
 *   const selected = await armEvent(page, "select");
 *   await page.mouse.click(x, y);
 *   const detail = await selected();
 */
export async function armEvent(page, type, { selector = "#map", timeout = 10000 } = {}) {
  const key = await page.evaluate(([t, sel]) => {
    const el = document.querySelector(sel);
    if (!el) throw new Error(`armEvent: no element ${sel}`);
    window.__armed ??= { n: 0 };
    const k = `${t}#${++window.__armed.n}`;
    window.__armed[k] = new Promise((resolve) => {
      el.addEventListener(t, (e) => resolve(e.detail ?? null), { once: true });
    });
    return k;
  }, [type, selector]);
  return async () => {
    const r = await page.evaluate(([k, ms]) => {
      const p = window.__armed[k];
      delete window.__armed[k];
      return Promise.race([
        p.then((detail) => ({ ok: true, detail })),
        new Promise((res) => setTimeout(() => res({ ok: false }), ms)), // a deadline, not a delay
      ]);
    }, [key, timeout]);
    if (!r.ok) throw new Error(`no ${type} event on ${selector} within ${timeout} ms`);
    return r.detail;
  };
}

/**
 * Polls fn(arg) in the page (or frame) on every animation frame until it
 * returns a truthy value, and returns that value; fails naming `what`.
 */
export async function until(target, fn, arg, what, timeout = 10000) {
  try {
    const handle = await target.waitForFunction(fn, arg, { polling: "raf", timeout });
    const v = await handle.jsonValue();
    await handle.dispose();
    return v;
  } catch (e) {
    let last;
    try { last = await target.evaluate(fn, arg); } catch { last = "(could not evaluate)"; }
    throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)}): ${String(e.message).split("\n")[0]}`);
  }
}

/** The number of basemap renders so far (`el.stats.basemapRenders`). */
export function basemapRenders(page, selector = "#map") {
  return page.evaluate((sel) => document.querySelector(sel).stats.basemapRenders, selector);
}

/**
 * Waits until the map shows a sharp rendering of its current state and
 * nothing is being drawn (`el.stats.current`), then one more frame: after
 * a change of layers, language or data, whether the worker or the main
 * thread draws it, and however slow the machine.
 */
export async function current(page, selector = "#map") {
  await until(page, (sel) => document.querySelector(sel).stats.current, selector, "a sharp rendering of the current state");
  await frames(page, 1);
}

/**
 * Waits until the map has everything it loads after `ready` (the full-detail
 * geometry and the overlay's texts) and shows all of it sharp: after this an
 * idle map has nothing left to draw. A test that counts an idle map's work
 * starts here, or what arrives late on a slow machine is counted as work.
 */
export async function complete(page, selector = "#map") {
  await until(page, (sel) => {
    const s = document.querySelector(sel).stats;
    return s.detail && (s.languages.length === 0 || s.texts) && s.current;
  }, selector, "the full detail and the overlay's texts, shown sharp", 30000);
  await frames(page, 1);
}

/**
 * Waits for the sharp re-render that follows a gesture once it pauses: the
 * basemap render count passes `since` (read before the gesture).
 */
export async function settled(page, since, selector = "#map") {
  // With the raster worker a rendering shown may be one asked for before the
  // last change: wait for one that shows the current state (stats.current).
  await until(page, ([n, sel]) => {
    const s = document.querySelector(sel).stats;
    return s.basemapRenders > n && s.current;
  }, [since, selector], `the basemap to re-render after the gesture (more than ${since} renders, showing the current view)`);
  await frames(page, 1);
}

/**
 * A loopback server, a browser and one page showing www/index.html with its
 * map ready: the setup of suites that only read what the map shows.
 * Returns { server, browser, page, close() }; fails if `el.ready` rejects.
 */
export async function openMapPage({ width = 1280, height = 800, deviceScaleFactor = 1 } = {}) {
  const server = await startServer();
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close().catch(() => {});
    await server.stop();
  };
  const page = await (await browser.newContext({ viewport: { width, height }, deviceScaleFactor })).newPage();
  await page.goto(`${server.origin}/www/index.html`);
  const r = await waitReady(page);
  if (!r.ok) {
    await close();
    throw new Error(`el.ready did not resolve: ${r.error}`);
  }
  return { server, browser, page, close };
}

/**
 * Compares two PNGs (base64) pixel by pixel in `page`: a pixel differs when
 * one of its colour channels differs by more than `channel`. Returns
 * { width, height, differing, share, maxChannel, sizeMismatch?, diffPng? }
 * where diffPng (base64, with `withDiff`) marks differing pixels in red
 * over a faded copy of the first. Used by the render goldens
 * (golden.test.mjs, sizes.test.mjs).
 */
export function comparePng(page, actualB64, expectedB64, channel, withDiff) {
  return page.evaluate(async ([a64, b64, channel, wantDiff]) => {
    const decode = async (b) => {
      const bytes = Uint8Array.from(atob(b), (ch) => ch.charCodeAt(0));
      const img = await createImageBitmap(new Blob([bytes], { type: "image/png" }),
        { colorSpaceConversion: "none", premultiplyAlpha: "none" });
      const s = document.createElement("canvas");
      s.width = img.width; s.height = img.height;
      const g = s.getContext("2d", { willReadFrequently: true });
      g.drawImage(img, 0, 0);
      return g.getImageData(0, 0, img.width, img.height);
    };
    const [A, B] = [await decode(a64), await decode(b64)];
    const { width: w, height: h } = A;
    if (B.width !== w || B.height !== h) {
      return { width: w, height: h, differing: w * h, share: 1, maxChannel: 255, sizeMismatch: `${B.width}×${B.height}` };
    }
    const a = A.data, b = B.data;
    let differing = 0, maxChannel = 0;
    const out = wantDiff ? new ImageData(w, h) : null;
    for (let i = 0; i < a.length; i += 4) {
      const d = Math.max(Math.abs(a[i] - b[i]), Math.abs(a[i + 1] - b[i + 1]), Math.abs(a[i + 2] - b[i + 2]), Math.abs(a[i + 3] - b[i + 3]));
      if (d > maxChannel) maxChannel = d;
      const bad = d > channel;
      if (bad) differing++;
      if (out) {
        const grey = 192 + ((a[i] + a[i + 1] + a[i + 2]) / 3) / 4;
        out.data.set(bad ? [255, 0, 0, 255] : [grey, grey, grey, 255], i);
      }
    }
    let diffPng;
    if (out) {
      const s = document.createElement("canvas");
      s.width = w; s.height = h;
      s.getContext("2d").putImageData(out, 0, 0);
      diffPng = s.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
    }
    return { width: w, height: h, differing, share: differing / (w * h), maxChannel, diffPng };
  }, [actualB64, expectedB64, channel, withDiff]);
}
