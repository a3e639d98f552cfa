#!/usr/bin/env node
// Performance probe for <bridge-map> in headless Chromium (1280×800, DPR 2).
//
//   node tools/perf.mjs [--runs N]      (default 3 runs; the median is reported)
//
// Measures, per run, on a fresh page of /www/index.html:
//   - time to first frame: navigation start → el.ready resolved (performance.now() in the page)
//   - a scripted pan: mouse drag of 60 steps × 8 px
//   - a scripted zoom: 30 wheel events of −40 px (DOM deltaY) around a point
//   - `el.view` set by the page every animation frame, 60 frames each: a pan
//     (0.4° of longitude a frame), a zoom (+0.03 a frame) and both together
//   - the keyboard: 12 presses of ArrowRight with the map focused
//   - the zoom buttons: 3 clicks on + then 3 on −
//   - the tour: steps 1 to 7 in turn (each step moves the view: a "flight")
// For each gesture: main-thread TaskDuration (DevTools Performance.getMetrics)
// delta, frames drawn (el.stats.frames delta), requestAnimationFrame callbacks
// (injected counter), TaskDuration per drawn frame, basemap renders during the
// gesture and in the settle period after it.
// Also the raw and gzip -9 size of pkg/bridge_map_bg.wasm.
// Writes artifacts/perf.json.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ROOT, ensureArtifacts, evalMap, frames, launchBrowser, startServer, waitReady } from "./e2e/helpers.mjs";

// Wall-clock waits belong here, in the measurements of time, not in the tests.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const argRuns = process.argv.indexOf("--runs");
const RUNS = argRuns > 0 ? Math.max(1, Number(process.argv[argRuns + 1]) || 3) : 3;
const SETTLE_MS = 800;

// Injected before any page script: counts rAF callbacks and records when el.ready resolves.
const INIT = () => {
  window.__perf = { raf: 0, readyAt: null, readyError: null, wheel: [] };
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((t) => { window.__perf.raf++; return cb(t); });
  customElements.whenDefined("bridge-map").then(() => {
    const el = document.getElementById("map");
    el.ready.then(
      () => { window.__perf.readyAt = performance.now(); },
      (e) => { window.__perf.readyError = String(e && e.message || e); },
    );
  });
  window.addEventListener("wheel", (e) => window.__perf.wheel.push(e.deltaY), { capture: true, passive: true });
};

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return m.TaskDuration;
}

const stats = (page) => evalMap(page, (el) => el.stats);
const rafCount = (page) => page.evaluate(() => window.__perf.raf);

/** Runs `gesture`, returning main-thread time, frames and basemap renders for it. */
async function measure(page, cdp, gesture) {
  await frames(page, 2);
  await sleep(SETTLE_MS);
  const s0 = await stats(page);
  const r0 = await rafCount(page);
  const t0 = await taskSeconds(cdp);
  const w0 = Date.now();
  await gesture();
  await frames(page, 2);
  const t1 = await taskSeconds(cdp);
  const wall = Date.now() - w0;
  const s1 = await stats(page);
  const r1 = await rafCount(page);
  await sleep(SETTLE_MS);
  await frames(page, 2);
  const s2 = await stats(page);
  const taskMs = (t1 - t0) * 1000;
  const drawn = s1.frames - s0.frames;
  return {
    taskMs,
    wallMs: wall,
    frames: drawn,
    rafCallbacks: r1 - r0,
    taskMsPerFrame: drawn > 0 ? taskMs / drawn : null,
    basemapRendersDuring: s1.basemapRenders - s0.basemapRenders,
    basemapRendersSettle: s2.basemapRenders - s1.basemapRenders,
    lastFrameMs: s1.lastFrameMs,
    lastBasemapMs: s2.lastBasemapMs,
  };
}

async function oneRun(browser, origin) {
  // Gestures are measured with reduced motion, so every frame counted is a
  // frame the gesture caused (flow particles would add their own frames);
  // the animation's own cost is measured separately below.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, reducedMotion: "reduce" });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
  await page.goto(`${origin}/www/index.html`);
  const r = await waitReady(page, 30000);
  if (!r.ok) throw new Error(`map failed to load: ${r.error}`);
  const perf0 = await page.evaluate(() => window.__perf);
  const initialView = await evalMap(page, (el) => el.view);

  // Calibrate the wheel: headless Chromium with DPR 2 scales DevTools wheel
  // deltas, so find how many DevTools units make one DOM pixel.
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, -10);
  await frames(page, 2);
  const probe = await page.evaluate(() => window.__perf.wheel.splice(0));
  const cdpPerDomPx = probe.length ? -10 / probe.reduce((a, b) => a + b, 0) : 1;
  await evalMap(page, (el, v) => { el.view = v; }, initialView);

  // Pan: drag from the middle, 60 steps of 8 px (to the right and slightly down).
  const pan = await measure(page, cdp, async () => {
    let x = 420, y = 360;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 0; i < 60; i++) {
      x += 8; y += i % 4 === 0 ? 2 : 0;
      await page.mouse.move(x, y);
    }
    await page.mouse.up();
  });

  await evalMap(page, (el, v) => { el.view = v; }, initialView);
  // Zoom: 30 wheel events of -40 DOM px around Kazakhstan.
  const kz = await evalMap(page, (el) => el.project(67.5, 48.3));
  const zoom = await measure(page, cdp, async () => {
    await page.mouse.move(kz.x, kz.y);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -40 * cdpPerDomPx);
  });
  const wheelDeltas = await page.evaluate(() => window.__perf.wheel.splice(0));
  const zoomAfter = (await evalMap(page, (el) => el.view)).zoom;

  // A host page animating `el.view`: one set per animation frame.
  const viewLoop = (dLon, dZoom) => evalMap(page, (el, [dl, dz]) => new Promise((resolve) => {
    let n = 0;
    const tick = () => {
      const v = el.view;
      el.view = { lon: v.lon + dl, lat: v.lat, zoom: v.zoom + dz };
      if (++n < 60) requestAnimationFrame(tick); else resolve();
    };
    requestAnimationFrame(tick);
  }), [dLon, dZoom]);
  await evalMap(page, (el, v) => { el.view = v; }, initialView);
  const viewPan = await measure(page, cdp, () => viewLoop(0.4, 0));
  await evalMap(page, (el, v) => { el.view = v; }, initialView);
  const viewZoom = await measure(page, cdp, () => viewLoop(0, 0.03));
  await evalMap(page, (el, v) => { el.view = v; }, initialView);
  const viewPanZoom = await measure(page, cdp, () => viewLoop(0.4, 0.03));

  // The keyboard: the map focused (not clicked: a click would select).
  await evalMap(page, (el, v) => { el.view = v; el.focus(); }, initialView);
  const keys = await measure(page, cdp, async () => {
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press("ArrowRight");
      await frames(page, 1);
    }
  });

  // The zoom buttons in the corner.
  await evalMap(page, (el, v) => { el.view = v; }, initialView);
  const buttons = await measure(page, cdp, async () => {
    for (const key of ["+", "+", "+", "-", "-", "-"]) {
      await evalMap(page, (el, k) => el.shadowRoot.querySelector(`[part=controls] button[data-key="${k}"]`).click(), key);
      await frames(page, 1);
    }
  });

  // The tour: every step moves the view.
  await evalMap(page, (el, v) => { el.view = v; }, initialView);
  const tour = await measure(page, cdp, async () => {
    const steps = 7; // the shipped tour (README: seven steps)
    for (let i = 1; i <= steps; i++) {
      await evalMap(page, (el, n) => { el.step = n; }, i);
      await frames(page, 2);
    }
  });
  await evalMap(page, (el) => { el.step = null; });
  await context.close();

  // Idle with the flow particles running (motion allowed).
  const animCtx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const animPage = await animCtx.newPage();
  const animCdp = await animCtx.newCDPSession(animPage);
  await animCdp.send("Performance.enable", { timeDomain: "timeTicks" });
  await animPage.goto(`${origin}/www/index.html`);
  const ra = await waitReady(animPage, 30000);
  if (!ra.ok) throw new Error(`map failed to load: ${ra.error}`);
  await sleep(1000);
  const f0 = await evalMap(animPage, (el) => el.stats.frames);
  const t0 = await taskSeconds(animCdp);
  await sleep(3000);
  const f1 = await evalMap(animPage, (el) => el.stats.frames);
  const t1 = await taskSeconds(animCdp);
  await animCtx.close();
  const animation = { framesPerSecond: (f1 - f0) / 3, taskMsPerSecond: ((t1 - t0) * 1000) / 3 };

  return {
    firstFrameMs: perf0.readyAt,
    initialZoom: initialView.zoom,
    zoomAfter,
    wheelDomDeltaY: wheelDeltas.length ? wheelDeltas[0] : null,
    wheelEvents: wheelDeltas.length,
    pan,
    zoom,
    viewPan,
    viewZoom,
    viewPanZoom,
    keys,
    buttons,
    tour,
    animation,
    pageErrors: errors,
  };
}

/** The paths measured besides the drag and the wheel: [key in a run, label]. */
const PATHS = [
  ["viewPan", "el.view pan each frame"],
  ["viewZoom", "el.view zoom each frame"],
  ["viewPanZoom", "el.view pan+zoom each frame"],
  ["keys", "keys (12 × ArrowRight)"],
  ["buttons", "zoom buttons (3 × +, 3 × −)"],
  ["tour", "tour steps 1–7"],
];

const median = (xs) => {
  const v = xs.filter((x) => typeof x === "number" && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const m = v.length >> 1;
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};

function medianOf(runs, get) {
  return median(runs.map(get));
}

async function main() {
  const wasmPath = path.join(ROOT, "pkg", "bridge_map_bg.wasm");
  const wasm = readFileSync(wasmPath);
  const gz = zlib.gzipSync(wasm, { level: 9 });

  const server = await startServer();
  const browser = await launchBrowser();
  const runs = [];
  try {
    for (let i = 0; i < RUNS; i++) runs.push(await oneRun(browser, server.origin));
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }

  const keys = ["taskMs", "wallMs", "frames", "rafCallbacks", "taskMsPerFrame", "basemapRendersDuring", "basemapRendersSettle", "lastFrameMs", "lastBasemapMs"];
  const med = {
    firstFrameMs: medianOf(runs, (r) => r.firstFrameMs),
    pan: Object.fromEntries(keys.map((k) => [k, medianOf(runs, (r) => r.pan[k])])),
    zoom: Object.fromEntries(keys.map((k) => [k, medianOf(runs, (r) => r.zoom[k])])),
    ...Object.fromEntries(PATHS.map(([name]) => [name, Object.fromEntries(keys.map((k) => [k, medianOf(runs, (r) => r[name][k])]))])),
    animation: {
      framesPerSecond: medianOf(runs, (r) => r.animation.framesPerSecond),
      taskMsPerSecond: medianOf(runs, (r) => r.animation.taskMsPerSecond),
    },
    wasmBytes: wasm.length,
    wasmGzipBytes: gz.length,
  };

  const f = (x, d = 1) => (x === null || x === undefined ? "—" : Number(x).toFixed(d));
  const rows = [
    ["time to first frame (ms)", f(med.firstFrameMs)],
    ["pan: main-thread task time (ms)", f(med.pan.taskMs)],
    ["pan: frames drawn / rAF callbacks", `${f(med.pan.frames, 0)} / ${f(med.pan.rafCallbacks, 0)}`],
    ["pan: task time per frame (ms)", f(med.pan.taskMsPerFrame, 2)],
    ["pan: el.stats.lastFrameMs (ms)", f(med.pan.lastFrameMs, 2)],
    ["pan: basemap renders during / settle", `${f(med.pan.basemapRendersDuring, 0)} / ${f(med.pan.basemapRendersSettle, 0)}`],
    ["zoom: main-thread task time (ms)", f(med.zoom.taskMs)],
    ["zoom: frames drawn / rAF callbacks", `${f(med.zoom.frames, 0)} / ${f(med.zoom.rafCallbacks, 0)}`],
    ["zoom: task time per frame (ms)", f(med.zoom.taskMsPerFrame, 2)],
    ["zoom: el.stats.lastFrameMs (ms)", f(med.zoom.lastFrameMs, 2)],
    ["zoom: basemap renders during / settle", `${f(med.zoom.basemapRendersDuring, 0)} / ${f(med.zoom.basemapRendersSettle, 0)}`],
    ...PATHS.flatMap(([name, label]) => [
      [`${label}: task time per frame (ms)`, f(med[name].taskMsPerFrame, 2)],
      [`${label}: frames drawn / basemap renders during / settle`,
        `${f(med[name].frames, 0)} / ${f(med[name].basemapRendersDuring, 0)} / ${f(med[name].basemapRendersSettle, 0)}`],
    ]),
    ["last basemap render (ms)", f(med.zoom.lastBasemapMs, 2)],
    // The particles are compositor animations: the map itself draws no
    // frames for them (tools/bench/bench.mjs counts the presented frames).
    ["idle, particles moving: map frames per s", f(med.animation.framesPerSecond, 1)],
    ["idle, particles moving: task ms per s", f(med.animation.taskMsPerSecond, 0)],
    ["wasm raw (bytes)", String(med.wasmBytes)],
    ["wasm gzip -9 (bytes)", String(med.wasmGzipBytes)],
  ];
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`Bridge Map perf — median of ${RUNS} run(s), 1280×800 @2x, headless Chromium`);
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  const errs = runs.flatMap((r) => r.pageErrors);
  if (errs.length) console.log(`page errors:\n  ${errs.join("\n  ")}`);

  const out = path.join(ensureArtifacts(), "perf.json");
  writeFileSync(out, JSON.stringify({
    date: new Date().toISOString(),
    viewport: { width: 1280, height: 800, deviceScaleFactor: 2 },
    runs: RUNS,
    median: med,
    perRun: runs,
  }, null, 2) + "\n");
  console.log(`wrote ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
