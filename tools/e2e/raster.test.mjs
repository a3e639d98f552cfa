// The raster worker (src/web/raster.rs, www/bridge-map-raster.js): after
// its first frame each map draws its renderings off the main thread. These
// tests check that it does, that the picture is the one the main thread
// would draw, and that a page which refuses the worker, or a worker that
// fails, leaves a map that keeps working on the main thread; and that the
// first frame, drawn before the worker starts, is soft (one pixel per CSS
// pixel) and followed by the sharp one.
//
//   node --test tools/e2e/raster.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { comparePng, current, evalMap, frames, launchBrowser, settled, startServer, waitReady } from "./helpers.mjs";

let server, browser, origin;

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const EMBED = "/www/embed.html?lang=en";
/** A view over Kazakhstan, closer than home: a real rendering to compare. */
const VIEW = { lon: 68, lat: 47.5, zoom: 4.6 };

/**
 * Opens the embed page in a new context; `csp` replaces its policy (the
 * page's own is strict: default-src 'self'). Returns {context, page, log}
 * where log collects console warnings and errors and page errors.
 */
async function open({ csp = null, blockWorker = false, dpr = 1 } = {}) {
  const context = await browser.newContext({ viewport: { width: 900, height: 560 }, deviceScaleFactor: dpr });
  // When `ready` resolved, in the page's clock; and the map canvas's width
  // and `stats.current` in the first frame that shows the basemap.
  await context.addInitScript(() => {
    const first = () => {
      const el = document.getElementById("map");
      const s = el?.stats;
      if (!s || s.basemapRenders === 0) return requestAnimationFrame(first);
      window.__first = { width: el.shadowRoot.querySelector("canvas:not(.highlights)").width, current: s.current };
    };
    requestAnimationFrame(first);
    const watch = () => {
      const el = document.getElementById("map");
      if (!el?.ready) return setTimeout(watch, 5);
      el.ready.then(() => { window.__readyAt = performance.now(); }, () => {});
    };
    watch();
  });
  const page = await context.newPage();
  const log = [];
  page.on("console", (m) => { if (m.type() === "warning" || m.type() === "error") log.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => log.push(`pageerror: ${e}`));
  if (csp) {
    await page.route((url) => url.pathname === "/www/embed.html", async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(/(http-equiv="Content-Security-Policy" content=")[^"]*"/, `$1${csp}"`);
      assert.ok(body.includes(csp), "the test page carries the policy under test");
      await route.fulfill({ response, body });
    });
  }
  if (blockWorker) {
    await page.route((url) => url.pathname.endsWith("/bridge-map-raster.js"), (route) => route.fulfill({ status: 404, body: "not here" }));
  }
  await page.goto(`${origin}${EMBED}`);
  const r = await waitReady(page);
  assert.ok(r.ok, `el.ready: ${r.error}`);
  if (dpr !== 1) return { context, page, log };
  await evalMap(page, (el) => { el.layers = []; });
  return { context, page, log };
}

/** Waits, an animation frame at a time, until `log` has a line matching `re`. */
async function logged(page, log, re, what) {
  for (let i = 0; i < 600 && !log.some((l) => re.test(l)); i++) await frames(page, 1);
  assert.ok(log.some((l) => re.test(l)), `${what}: ${log.join(" | ")}`);
}

/** Moves the map to VIEW and waits for its sharp rendering there; returns a PNG (base64) of the map. */
async function renderedAt(page) {
  const since = await evalMap(page, (el) => el.stats.basemapRenders);
  await evalMap(page, (el, v) => { el.view = v; }, VIEW);
  await settled(page, since);
  await frames(page, 3);
  const png = await page.locator("#map").screenshot();
  return png.toString("base64");
}

test("after ready the map draws off the main thread, and the worker's picture is the main thread's", async () => {
  const withWorker = await open();
  const without = await open({ csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'none'" });
  try {
    // The worker starts after `ready`, so it is not part of the first load.
    const { raster, startedAfterReady } = await withWorker.page.evaluate(async () => {
      const el = document.getElementById("map");
      const since = performance.now();
      while (el.stats.raster !== "worker" && performance.now() - since < 10000) {
        await new Promise((r) => requestAnimationFrame(r));
      }
      const entry = performance.getEntriesByType("resource").find((e) => e.name.endsWith("/bridge-map-raster.js"));
      return { raster: el.stats.raster, startedAfterReady: entry && window.__readyAt ? entry.startTime >= window.__readyAt : null };
    });
    assert.equal(raster, "worker", "the raster worker took over after ready");
    assert.equal(startedAfterReady, true, "the worker script is fetched after ready, not before the first frame");

    // The page that refuses workers says why, and draws on.
    await logged(without.page, without.log, /main thread/, "the console says the map draws on the main thread");

    const requestsBefore = await evalMap(withWorker.page, (el) => el.stats.requests);
    const a = await renderedAt(withWorker.page);
    const b = await renderedAt(without.page);
    const sA = await evalMap(withWorker.page, (el) => el.stats);
    const sB = await evalMap(without.page, (el) => el.stats);
    assert.equal(sA.raster, "worker");
    assert.ok(sA.requests > requestsBefore, `the rendering was asked of the worker: ${JSON.stringify(sA)}`);
    assert.ok(sA.workerMs > 0, `the worker timed its drawing: ${sA.workerMs}`);
    assert.equal(sB.raster, "main");
    assert.equal(sB.requests, 0, "without a worker nothing is asked of one");

    const diff = await comparePng(withWorker.page, a, b, 8, false);
    assert.ok(!diff.sizeMismatch, `same size: ${JSON.stringify(diff)}`);
    assert.ok(diff.share < 0.002, `the worker's rendering is the main thread's: ${(diff.share * 100).toFixed(3)} % of pixels differ (max channel ${diff.maxChannel})`);

    // A refused worker is a warning, never an error on the host's page.
    assert.deepEqual(without.log.filter((l) => l.startsWith("pageerror")), []);
    assert.deepEqual(withWorker.log, [], "the map with its worker logs nothing");
  } finally {
    await withWorker.context.close();
    await without.context.close();
  }
});

test("a worker that fails to load leaves a map that renders, selects and highlights on the main thread", async () => {
  const { context, page, log } = await open({ blockWorker: true });
  try {
    // The worker's failure arrives as an event: the console says why.
    await logged(page, log, /main thread/, "the console says the map draws on the main thread");
    const png = await renderedAt(page);
    assert.ok(png.length > 1000);
    const s = await evalMap(page, (el) => el.stats);
    assert.equal(s.raster, "main", JSON.stringify(s));
    // A selection's highlight is drawn here too.
    await evalMap(page, (el) => { el.layers = ["trade"]; });
    await frames(page, 3);
    const picked = await evalMap(page, (el) => { el.select("titr"); return el.selected?.id ?? null; });
    assert.equal(picked, "titr");
    await frames(page, 3);
    const lit = await page.evaluate(() => getComputedStyle(document.getElementById("map").shadowRoot.querySelector("canvas.highlights")).visibility);
    assert.equal(lit, "visible", "the selection's highlight is shown");
    assert.deepEqual(log.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await context.close();
  }
});

test("at a pixel ratio of 2 the first frame is soft, and the sharp one follows from the worker, or without one from the main thread", async () => {
  const withWorker = await open({ dpr: 2 });
  const without = await open({ dpr: 2, csp: "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'none'" });
  try {
    for (const [m, raster] of [[withWorker, "worker"], [without, "main"]]) {
      const first = await m.page.evaluate(() => window.__first);
      // 900 CSS px wide: drawn at one pixel per CSS pixel, and not current.
      assert.deepEqual(first, { width: 900, current: false }, `the first frame (${raster})`);
      await current(m.page);
      const now = await evalMap(m.page, (el) => ({ width: el.shadowRoot.querySelector("canvas:not(.highlights)").width, raster: el.stats.raster }));
      assert.deepEqual(now, { width: 1800, raster }, "then the sharp rendering, at the screen's pixel ratio");
    }
    assert.deepEqual(withWorker.log, [], "the map with its worker logs nothing");
    assert.deepEqual(without.log.filter((l) => l.startsWith("pageerror")), []);
  } finally {
    await withWorker.context.close();
    await without.context.close();
  }
});
