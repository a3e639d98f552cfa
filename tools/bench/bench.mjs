#!/usr/bin/env node
// The benchmark of issue 10: `bash tools/bench.sh [--long] [--frames N] [--d3-frames N]`.
//
// One run, headless Chromium (/usr/bin/chromium through playwright-core,
// software raster, as the e2e suites and CI run it), 1280×800 CSS px at
// deviceScaleFactor 2 (a 2560×1600 canvas):
//   1. main-thread time per frame for every path that moves the view (drag,
//      wheel, pinch, keys, tour steps, el.view set every frame), at the home
//      view and at 4× (home zoom + 2) over Kazakhstan: median and p95;
//   2. the same for the same geometry and projection drawn by d3-geo
//      (tools/bench/d3.html), and the ratio d3 / map;
//   3. frames over 16.7 ms in a scripted 5-second pan-and-zoom;
//   4. cold load (empty cache): first basemap frame and `ready`, on
//      localhost and under DevTools throttling (1.6 Mbps, 150 ms RTT);
//   5. pick() latency over 10,000 random screen points;
//   6. bytes the page downloads to show the map, gzip and brotli;
//   7. the idle flow animation: main-thread ms per second and the frames per
//      second the compositor presents (the particles are compositor
//      animations), checked to be measured while the flow plays;
//   8. wasm memory after load, after 200 mounts (and, with --long, every
//      minute over 10 minutes of animation);
//   9. the drag pan with synthetic overlays of 1×, 10× and 100× the shipped
//      features (copies made in the page, never written to disk).
// Prints a table with the budgets of issue 10 §2 and writes bench/results.json.
//
// How "main-thread time per frame" is measured: a DevTools trace (categories
// `toplevel` and `blink.user_timing`) records every task of the renderer's
// main thread; an injected wrapper of requestAnimationFrame puts a
// performance.mark after each animation frame in which the map changed what
// it shows: its el.stats.frames counter moved, or the CSS transform of its
// picture changed (a frame that only moves the picture counts as a frame).
// A frame's time is the sum of the main thread's tasks from the end of the
// previous drawn frame's task to the end of its own: input handling, the
// map's frame callback, style, paint and the canvas raster, and the
// benchmark's own small wait for the next frame. Gestures are driven one
// input event per animation frame, like a 60 Hz mouse. The trace goes on
// past the gesture until the sharp re-render after it. That re-render is
// drawn in stages, one an animation frame (el.stats.stages counts them),
// and the dots are rebuilt in the frame after it is shown: its cost is the
// sum of the main-thread tasks from the one holding its first stage to the
// one holding that next frame (everything the main thread did meanwhile,
// the page's own frame callbacks too), and its longest task is reported
// beside it. A rendering drawn whole counts the same way (one task, the
// dots in it). With the raster worker (el.stats.raster "worker", the
// default) the re-render is asked for in one frame (el.stats.requests),
// drawn off the main thread and shown in a later frame: its cost runs from
// the task that asked for it to the frame after the one that showed it,
// and so includes whatever else the main thread did while it waited.
// Timings are never asserted; only the size budget is a test (tools/test.sh).
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, evalMap, frames, launchBrowser } from "../e2e/helpers.mjs";
import { compressedSizes, serveCompressed } from "./serve.mjs";

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const num = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && Number(argv[i + 1]) > 0 ? Math.round(Number(argv[i + 1])) : dflt;
};
const LONG = flag("--long");
const FRAMES = num("--frames", 200); // per path and view, for the map
// d3-geo needs 100–200 ms a frame here: 200 frames × 12 runs would take most of
// the time budget on its own, and its per-frame cost hardly varies.
const D3_FRAMES = num("--d3-frames", 60);
const SCALE_FRAMES = num("--scale-frames", 100);
// A cap on each path's wall time, so that a slow build still finishes in
// about 6 minutes; the table shows the frame count when a path hit the cap.
const PATH_SECONDS = num("--path-seconds", 12);
const D3_PATH_SECONDS = num("--d3-path-seconds", 6);
const SCALE_SECONDS = num("--scale-seconds", 10);
let deadline = Infinity; // of the path being measured (Date.now() ms)
const VIEWPORT = { width: 1280, height: 800 };
const DPR = 2;
const FRAME_BUDGET_MS = 1000 / 60;
const KZ = { lon: 67.5, lat: 48.3 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0run = Date.now();
const log = (...a) => console.error(`[bench ${((Date.now() - t0run) / 1000).toFixed(0).padStart(3)}s]`, ...a);

// ---------------------------------------------------------------- statistics
function quantile(xs, q) {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos), hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
const summary = (xs) => ({
  n: xs.length,
  median: quantile(xs, 0.5),
  p95: quantile(xs, 0.95),
  p99: quantile(xs, 0.99),
  mean: xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null,
  max: xs.length ? Math.max(...xs) : null,
});

// --------------------------------------------------------- in-page recorder
// Installed before any page script. Marks every animation frame in which
// #map drew (its stats.frames moved) while recording is on, counts them,
// and records when the first basemap frame and el.ready came.
const INIT = () => {
  const b = (window.__bench = { rec: false, count: 0, lastFrames: 0, lastRenders: 0, lastStages: 0, lastRequests: 0, lastTransform: "", firstBasemapAt: null, readyAt: null, readyError: null });
  const raf = window.requestAnimationFrame.bind(window);
  window.__rawRaf = raf; // the helpers' frame waits use it, so they are not wrapped
  const check = () => {
    const el = document.getElementById("map");
    const s = el && el.stats;
    if (!s) return;
    if (b.firstBasemapAt === null && s.basemapRenders > 0) b.firstBasemapAt = performance.now();
    // The picture's transform, for a frame that only moved it.
    const t = el.shadowRoot?.querySelector(".picture")?.style.transform ?? "";
    if (s.frames !== b.lastFrames || t !== b.lastTransform) {
      b.lastFrames = s.frames;
      b.lastTransform = t;
      if (b.rec) { b.count++; performance.mark("bench:frame"); }
    }
    if (s.stages !== b.lastStages) {
      b.lastStages = s.stages;
      if (b.rec) performance.mark("bench:stage");
    }
    // A rendering asked of the raster worker begins there.
    if ((s.requests ?? 0) !== b.lastRequests) {
      b.lastRequests = s.requests ?? 0;
      if (b.rec) performance.mark("bench:stage");
    }
    if (s.basemapRenders !== b.lastRenders) {
      b.lastRenders = s.basemapRenders;
      if (b.rec) performance.mark("bench:render");
    }
  };
  window.requestAnimationFrame = (cb) => raf((t) => { try { return cb(t); } finally { check(); } });
  const watchReady = () => {
    const el = document.getElementById("map");
    if (!el || !el.ready) return false;
    Promise.resolve(el.ready).then(
      () => { b.readyAt = performance.now(); check(); },
      (e) => { b.readyError = String((e && e.message) || e); },
    );
    return true;
  };
  const poll = () => { if (!watchReady()) setTimeout(poll, 5); };
  // The first frame in which the basemap has been drawn, polled every frame
  // (the first render need not come from a wrapped callback).
  const firstFrame = () => {
    const s = document.getElementById("map")?.stats;
    if (s && s.basemapRenders > 0) { if (b.firstBasemapAt === null) b.firstBasemapAt = performance.now(); return; }
    raf(firstFrame);
  };
  raf(firstFrame);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", poll, { once: true });
  else poll();
};

async function newPage(browser, url, { motion = false, touch = true } = {}) {
  const context = await browser.newContext({
    viewport: VIEWPORT, deviceScaleFactor: DPR, hasTouch: touch,
    reducedMotion: motion ? "no-preference" : "reduce",
  });
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  const cdp = await context.newCDPSession(page);
  await cdp.send("Performance.enable", { timeDomain: "timeTicks" });
  await page.goto(url);
  const r = await waitReady(page, 60000);
  if (!r.ok) throw new Error(`${url}: not ready: ${r.error}`);
  await frames(page, 2);
  return { context, page, cdp, errors };
}

/** Waits for #map's ready promise (the map's, or the d3 page's stand-in). */
function waitReady(page, timeout) {
  return page.evaluate(async (ms) => {
    const deadline = performance.now() + ms;
    while (!document.getElementById("map")?.ready) {
      if (performance.now() > deadline) return { ok: false, error: "no #map with a ready promise" };
      await new Promise((r) => setTimeout(r, 10));
    }
    return Promise.race([
      document.getElementById("map").ready.then(() => ({ ok: true }), (e) => ({ ok: false, error: String((e && e.message) || e) })),
      new Promise((r) => setTimeout(() => r({ ok: false, error: "timeout waiting for ready" }), ms)),
    ]);
  }, timeout);
}

/** Marks the end of a gesture's measured frames (see frameTimes). */
const markEnd = (page) => page.evaluate(() => {
  if (window.__bench.rendersAtEnd != null) return; // marked already
  window.__bench.rendersAtEnd = window.__bench.lastRenders;
  performance.mark("bench:end");
});
const setRec = (page, on) => page.evaluate((v) => { window.__bench.rec = v; if (v) { window.__bench.count = 0; window.__bench.rendersAtEnd = null; performance.mark("bench:start"); } }, on);
/** Waits one animation frame; returns how many drawn frames were recorded. */
const nextFrame = (page) => page.evaluate(() => new Promise((r) => window.__rawRaf(() => r(window.__bench.count))));

// ------------------------------------------------------------ trace analysis
const MAIN_TASK = new Set(["ThreadControllerImpl::RunTask", "RunTask", "ThreadPool_RunTask"]);

/**
 * Per drawn frame up to the `bench:end` mark, main-thread ms (see the
 * header); and the first re-render after it (the settle, see the header):
 * `{ms, longestMs, tasks}`, or null.
 */
function frameTimes(events) {
  const mark = (name) => events.filter((e) => e.name === name && String(e.cat).includes("blink.user_timing")).sort((a, b) => a.ts - b.ts);
  const start = mark("bench:start")[0];
  const endMark = mark("bench:end")[0]; // the first: a gesture may mark it before its release
  const until = endMark ? endMark.ts : Infinity;
  const marks = mark("bench:frame").filter((m) => m.ts <= until);
  const renders = mark("bench:render").filter((m) => m.ts > until);
  const settle = settleTime(events, mark("bench:stage").filter((m) => m.ts > until)[0], renders[0], mark("bench:frame"));
  if (!marks.length) return { times: [], settle };
  const { pid, tid } = marks[0];
  const raw = events
    .filter((e) => e.ph === "X" && e.pid === pid && e.tid === tid && MAIN_TASK.has(e.name) && e.dur > 0)
    .sort((a, b) => a.ts - b.ts);
  const tasks = []; // top-level only: drop tasks nested in another (nested run loops)
  let end = -Infinity;
  for (const t of raw) {
    if (t.ts >= end) { tasks.push(t); end = t.ts + t.dur; }
  }
  const bounds = marks.map((m) => {
    const t = tasks.find((k) => k.ts <= m.ts && m.ts <= k.ts + k.dur);
    return t ? t.ts + t.dur : m.ts;
  });
  let prev = start ? start.ts : (tasks[0]?.ts ?? bounds[0]) - 1;
  let i = tasks.findIndex((t) => t.ts > prev);
  if (i < 0) i = tasks.length;
  const out = [];
  for (const b of bounds) {
    let sum = 0;
    while (i < tasks.length && tasks[i].ts <= b) {
      const t = tasks[i];
      sum += Math.min(t.ts + t.dur, b) - Math.max(t.ts, prev);
      i++;
    }
    out.push(sum / 1000);
    prev = b;
  }
  return { times: out, settle };
}

/**
 * The settle's main-thread cost: the top-level tasks from the one holding
 * `first` (its first stage) to the one holding the first drawn frame after
 * `shown` (the frame that shows it, in which the dots are rebuilt when it
 * was drawn in stages), or null.
 */
function settleTime(events, first, shown, frameMarks) {
  if (!first || !shown) return null;
  const { pid, tid } = shown;
  const tasks = events
    .filter((e) => e.ph === "X" && e.pid === pid && e.tid === tid && MAIN_TASK.has(e.name) && e.dur > 0)
    .sort((a, b) => a.ts - b.ts);
  const top = [];
  let end = -Infinity;
  for (const t of tasks) if (t.ts >= end) { top.push(t); end = t.ts + t.dur; }
  const holding = (m) => top.find((t) => t.ts <= m.ts && m.ts <= t.ts + t.dur);
  const from = holding(first), to = holding(shown);
  if (!from || !to) return null;
  const after = frameMarks.find((m) => m.ts > to.ts + to.dur);
  const last = (after && holding(after)) || to;
  const inside = top.filter((t) => t.ts >= from.ts && t.ts <= last.ts);
  return {
    ms: inside.reduce((a, t) => a + t.dur, 0) / 1000,
    longestMs: Math.max(...inside.map((t) => t.dur)) / 1000,
    tasks: inside.length,
  };
}

/**
 * Traces `run()`; then, with `after`, marks the end of the measured frames
 * and traces `after()` too (the wait for the settle render).
 */
async function traced(browser, page, run, after = null) {
  await browser.startTracing(page, { categories: ["toplevel", "blink.user_timing"] });
  let result, error, afterResult = null;
  try {
    await setRec(page, true);
    result = await run();
    if (after) {
      await markEnd(page);
      afterResult = await after();
    }
  } catch (e) {
    error = e;
  } finally {
    await setRec(page, false).catch(() => {});
  }
  const buf = await browser.stopTracing();
  if (error) throw error;
  const { traceEvents } = JSON.parse(buf.toString("utf8"));
  const { times, settle } = frameTimes(traceEvents);
  return { result, times, settle, afterResult };
}

// ---------------------------------------------------------------- gestures
/** DevTools wheel units per DOM pixel (headless Chromium at DPR 2 scales them). */
async function wheelUnit(page) {
  await page.evaluate(() => { window.__wheel = []; window.addEventListener("wheel", (e) => window.__wheel.push(e.deltaY), { capture: true, passive: true }); });
  await page.mouse.move(640, 400);
  await page.mouse.wheel(0, -10);
  await frames(page, 2);
  const got = await page.evaluate(() => window.__wheel.splice(0));
  const sum = got.reduce((a, b) => a + b, 0);
  return sum ? -10 / sum : 1;
}

/** Runs `step(i)` once per animation frame until `n` drawn frames (or 4n steps). */
async function perFrame(page, n, step) {
  let count = 0;
  for (let i = 0; count < n && i < 4 * n && Date.now() < deadline; i++) {
    await step(i);
    count = await nextFrame(page);
  }
  return count;
}

const GESTURES = {
  async drag(page, n) {
    const x0 = 560, y0 = 380;
    let x = x0;
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    // 8 px a frame to the right for 20 frames, then back; a little down and up.
    const c = await perFrame(page, n, (i) => {
      x += Math.floor(i / 20) % 2 ? -8 : 8;
      return page.mouse.move(x, y0 + (i % 40 < 20 ? i % 20 : 20 - (i % 20)));
    });
    await markEnd(page); // the release renders at once: that is the settle
    await page.mouse.up();
    return c;
  },
  async wheel(page, n, ctx) {
    const at = await evalMap(page, (el, kz) => el.project(kz.lon, kz.lat), KZ) || { x: 640, y: 400 };
    await page.mouse.move(at.x, at.y);
    // 40 DOM px a frame: 10 in, 10 out, so the zoom stays near where it began.
    return perFrame(page, n, (i) => page.mouse.wheel(0, (Math.floor(i / 10) % 2 ? 40 : -40) * ctx.wheelUnit));
  },
  async pinch(page, n, ctx) {
    const touch = (type, pts) => ctx.cdp.send("Input.dispatchTouchEvent", { type, touchPoints: pts.map(([x, y], id) => ({ x, y, id })) });
    const cx = 640, cy = 400;
    const pts = (i) => {
      const k = i % 40;
      const half = 60 + 6 * (k < 20 ? k : 40 - k); // 120 → 360 → 120 px apart
      const dx = 3 * Math.sin(i / 7); // and a little pan
      return [[cx - half + dx, cy], [cx + half + dx, cy]];
    };
    await touch("touchStart", pts(0));
    const c = await perFrame(page, n, (i) => touch("touchMove", pts(i + 1)));
    await markEnd(page);
    await touch("touchEnd", []);
    return c;
  },
  async keys(page, n) {
    await evalMap(page, (el) => el.focus());
    const seq = ["+", "ArrowLeft", "ArrowUp", "-", "ArrowRight", "ArrowDown"];
    return perFrame(page, n, (i) => page.keyboard.press(seq[i % seq.length]));
  },
  // Tour steps, in order and round again; the next step is set once the view
  // has landed on the current step's, so every frame of every flight counts.
  // Flights are what a visitor who allows motion sees, so this path alone
  // runs without the reduced-motion preference (a step jumps under it); the
  // flow particles then run too, and pause while the picture moves.
  async tour(page, n, ctx) {
    await ctx.cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-reduced-motion", value: "no-preference" }] });
    await frames(page, 2);
    try {
      return await tourSteps(page, n);
    } finally {
      await ctx.cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-reduced-motion", value: "reduce" }] });
    }
  },  // A host page animating el.view: pan and zoom together, every frame.
  async view(page, n) {
    return page.evaluate(async ([count, ms]) => {
      const end = performance.now() + ms;
      const el = document.getElementById("map");
      const v0 = el.view;
      const frame = () => new Promise((r) => window.__rawRaf(r));
      for (let i = 0; window.__bench.count < count && i < 4 * count && performance.now() < end; i++) {
        el.view = {
          lon: v0.lon + 4 * Math.sin((2 * Math.PI * i) / 120),
          lat: v0.lat + 2 * Math.sin((2 * Math.PI * i) / 90),
          zoom: v0.zoom + 0.5 * Math.sin((2 * Math.PI * i) / 60),
        };
        await frame();
      }
      return window.__bench.count;
    }, [n, deadline - Date.now()]);
  },
};
const PATHS = ["drag", "wheel", "pinch", "keys", "tour", "view"];

function tourSteps(page, n) {
    return page.evaluate(async ([count, ms]) => {
      const end = performance.now() + ms;
      const el = document.getElementById("map");
      const data = await (await fetch("/data/bridge.json")).json();
      const steps = data.tour.map((s) => s.view);
      const frame = () => new Promise((r) => window.__rawRaf(r));
      let k = 0;
      for (let guard = 0; window.__bench.count < count && guard < 8 * count && performance.now() < end; guard++) {
        const target = steps[k % steps.length];
        el.step = (k % steps.length) + 1;
        k++;
        for (let w = 0; w < 240; w++) {
          await frame();
          const v = el.view;
          if (Math.abs(v.zoom - target.zoom) < 1e-3 && Math.abs(v.lon - target.lon) < 1e-3 && Math.abs(v.lat - target.lat) < 1e-3) break;
        }
      }
      el.step = null;
      return window.__bench.count;
    }, [n, deadline - Date.now()]);
}

async function setView(page, v) {
  await evalMap(page, (el, view) => { el.view = view; }, v);
  await frames(page, 3);
}

/** Waits for the sharp re-render after a gesture (the first render after
 *  the `bench:end` mark, which the trace finds); returns el.stats' own
 *  figures for it, for the record. */
async function settle(page) {
  const t = Date.now();
  while (Date.now() - t < 3000) {
    const s = await evalMap(page, (el) => el.stats);
    if (await page.evaluate(() => window.__bench.lastRenders > window.__bench.rendersAtEnd)) {
      await frames(page, 2);
      const s2 = await evalMap(page, (el) => el.stats);
      return { lastBasemapMs: s2.lastBasemapMs ?? null, lastFrameMs: s2.lastFrameMs ?? null };
    }
    await frames(page, 2);
  }
  return { lastBasemapMs: null, lastFrameMs: null };
}

async function measurePath(browser, ctx, name, view, n, seconds) {
  await setView(ctx.page, view);
  await sleep(300); // let any settle render of the previous run finish outside the trace
  await frames(ctx.page, 2);
  const w0 = Date.now();
  deadline = w0 + seconds * 1000;
  // The sharp re-render that follows the gesture, traced too. A tour ends
  // by leaving the tour, which moves nothing: its flights land sharp.
  const after = name === "tour" || !ctx.settles ? null : async () => settle(ctx.page);
  const { result, times, settle: cost, afterResult } = await traced(browser, ctx.page, () => GESTURES[name](ctx.page, n, ctx), after);
  deadline = Infinity;
  const wallMs = Date.now() - w0;
  return { frames: result, wallMs, ...summary(times), over16: times.filter((t) => t > FRAME_BUDGET_MS).length, settle: { ...afterResult, frameMs: cost?.ms ?? null, longestTaskMs: cost?.longestMs ?? null, tasks: cost?.tasks ?? null }, times };
}

async function gestureSuite(browser, url, n, seconds, label) {
  const ctx = await newPage(browser, url);
  ctx.wheelUnit = await wheelUnit(ctx.page);
  ctx.settles = label === "map"; // the d3 page redraws every frame: no settle
  const home = await evalMap(ctx.page, (el) => el.view);
  const views = { home, kz4x: { lon: KZ.lon, lat: KZ.lat, zoom: home.zoom + 2 } };
  const out = { views, paths: {} };
  for (const [vname, v] of Object.entries(views)) {
    for (const p of PATHS) {
      const r = await measurePath(browser, ctx, p, v, n, seconds);
      out.paths[`${p}@${vname}`] = r;
      log(`${label} ${p}@${vname}: ${r.frames} frames, median ${r.median?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms (${(r.wallMs / 1000).toFixed(1)} s)`);
    }
  }
  // 3. a scripted 5-second pan-and-zoom: drag, with a wheel step every 4th frame.
  await setView(ctx.page, home);
  await sleep(300);
  const { result, times } = await traced(browser, ctx.page, async () => {
    const end = Date.now() + 5000;
    let x = 500, dir = 1, i = 0;
    await ctx.page.mouse.move(x, 400);
    await ctx.page.mouse.down();
    while (Date.now() < end) {
      if (i % 4 === 3) await ctx.page.mouse.wheel(0, (Math.floor(i / 40) % 2 ? 40 : -40) * ctx.wheelUnit);
      else { x += 8 * dir; if (x > 800 || x < 400) dir = -dir; await ctx.page.mouse.move(x, 400 + (i % 20)); }
      await nextFrame(ctx.page);
      i++;
    }
    await ctx.page.mouse.up();
    return i;
  });
  out.fiveSeconds = { events: result, frames: times.length, missed: times.filter((t) => t > FRAME_BUDGET_MS).length, ...summary(times) };
  log(`${label} 5-second pan-and-zoom: ${out.fiveSeconds.missed} of ${times.length} frames over 16.7 ms`);
  out.pageErrors = ctx.errors;
  return { ctx, out };
}

// ---------------------------------------------------------------- the rest
async function coldLoad(browser, origin, throttled) {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: DPR }); // a new context: empty cache
  await context.addInitScript(INIT);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (throttled) {
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8,
    });
  }
  const responses = [];
  page.on("response", (r) => responses.push(new URL(r.url()).pathname));
  await page.goto(`${origin}/www/index.html`);
  const r = await waitReady(page, 90000);
  if (!r.ok) throw new Error(`cold load: ${r.error}`);
  // Files fetched after `ready` (the full-detail geometry) do not hold up the
  // map: wait for them, then tell them apart by when they were requested.
  await page.waitForFunction(() => document.getElementById("map").stats?.detail !== false, null, { timeout: 90000, polling: 50 })
    .catch(() => {});
  const b = await page.evaluate(() => {
    const el = document.getElementById("map");
    const ready = window.__bench.readyAt;
    const entries = performance.getEntriesByType("resource");
    const after = entries.filter((e) => e.startTime > ready);
    const detail = entries.find((e) => e.name.endsWith("countries-50m.bmap"));
    return {
      first: window.__bench.firstBasemapAt, ready, loadMs: el.stats?.loadMs ?? null,
      afterReady: after.map((e) => new URL(e.name).pathname),
      // When the detail was in use: its download's end plus its preparation.
      detailMs: detail && el.stats?.detail ? detail.responseEnd + el.stats.detailMs : null,
      detailPrepMs: el.stats?.detailMs ?? null,
    };
  });
  await context.close();
  const afterReady = new Set(b.afterReady);
  return {
    firstBasemapMs: b.first, readyMs: b.ready, elementLoadMs: b.loadMs, detailMs: b.detailMs, detailPrepMs: b.detailPrepMs,
    files: responses.filter((f) => !afterReady.has(f)), afterReady: [...afterReady],
  };
}

function transfer(files) {
  const seen = [...new Set(files)];
  const rows = [];
  for (const p of seen) {
    try {
      const buf = readFileSync(path.join(ROOT, decodeURIComponent(p)));
      rows.push({ file: p, ...compressedSizes(buf) });
    } catch { /* not a file of ours */ }
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
  return { files: rows, total };
}

async function pickLatency(page) {
  return page.evaluate(() => {
    const el = document.getElementById("map");
    const r = el.getBoundingClientRect();
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 4294967296);
    const pts = Array.from({ length: 10000 }, () => [rnd() * r.width, rnd() * r.height]);
    for (let i = 0; i < 500; i++) el.pick(pts[i][0], pts[i][1]); // warm up
    const BATCH = 10; // performance.now() ticks in 5 µs steps even when isolated
    const per = [];
    const t0 = performance.now();
    for (let i = 0; i < pts.length; i += BATCH) {
      const a = performance.now();
      for (let j = i; j < i + BATCH; j++) el.pick(pts[j][0], pts[j][1]);
      per.push(((performance.now() - a) / BATCH) * 1000);
    }
    const total = performance.now() - t0;
    return { perCallUs: per, meanUs: (total / pts.length) * 1000, isolated: self.crossOriginIsolated === true, batch: BATCH };
  });
}

async function taskSeconds(cdp) {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return metrics.find((m) => m.name === "TaskDuration").value;
}

/**
 * Frames the renderer's compositor presented, from a trace with the
 * `disabled-by-default-devtools.timeline.frame` category: one
 * PipelineReporter per frame, with its fate (presented, dropped, no update).
 * Only frames of `pid` (the page's renderer) count.
 */
function presentedFrames(events, pid) {
  const reports = events.filter((e) => e.name === "PipelineReporter" && e.ph === "b" && e.pid === pid && e.args?.frame_reporter);
  const shown = reports.filter((e) => /^STATE_PRESENTED_(ALL|PARTIAL)$/.test(e.args.frame_reporter.state));
  return {
    presented: shown.length,
    withCompositorAnimation: shown.filter((e) => e.args.frame_reporter.has_compositor_animation).length,
    dropped: reports.filter((e) => e.args.frame_reporter.state === "STATE_DROPPED").length,
  };
}

/**
 * The idle row: the full-window map, motion allowed, nothing touched, for
 * 5 s after a second of rest. Main-thread ms per second from DevTools
 * TaskDuration; frames per second as the screen shows them, counted from a
 * trace of the compositor's presented frames (the flow particles are
 * compositor animations, which `el.stats.frames` does not count; with the
 * old canvas particles every drawn frame was presented too). The run also
 * checks that it measured a moving flow: `el.flow` is "playing" at both
 * ends (the idle pause comes after a minute) and a particle moved.
 */
async function idle(browser, origin) {
  const ctx = await newPage(browser, `${origin}/www/index.html`, { motion: true });
  const probe = () => evalMap(ctx.page, (el) => {
    const dot = el.shadowRoot.querySelector(".particles i");
    return { flow: el.flow ?? null, frames: el.stats.frames, dots: el.stats.dots ?? null, at: dot ? getComputedStyle(dot).transform : null };
  });
  await sleep(1000);
  await browser.startTracing(ctx.page, { categories: ["disabled-by-default-devtools.timeline.frame", "blink.user_timing"] });
  await ctx.page.evaluate(() => performance.mark("bench:idle"));
  const p0 = await probe();
  const t0 = await taskSeconds(ctx.cdp);
  const w0 = Date.now();
  await sleep(5000);
  const t1 = await taskSeconds(ctx.cdp);
  const secs = (Date.now() - w0) / 1000;
  const p1 = await probe();
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString("utf8"));
  await ctx.context.close();
  const mark = traceEvents.find((e) => e.name === "bench:idle");
  const frames = presentedFrames(traceEvents, mark?.pid);
  if (p0.flow === "paused" || p1.flow === "paused") throw new Error(`idle: the flow paused during the measurement (${p0.flow} → ${p1.flow})`);
  return {
    taskMsPerSecond: ((t1 - t0) * 1000) / secs,
    framesPerSecond: frames.presented / secs,
    compositorAnimationFramesPerSecond: frames.withCompositorAnimation / secs,
    droppedPerSecond: frames.dropped / secs,
    mapFramesPerSecond: (p1.frames - p0.frames) / secs,
    flow: [p0.flow, p1.flow],
    dots: p1.dots,
    dotMoved: p0.at !== null && p0.at !== p1.at,
    seconds: secs,
  };
}

const wasmBytes = (page) => page.evaluate(async () => {
  const m = await import("/pkg/bridge_map.js");
  const w = await m.default();
  return w && w.memory instanceof WebAssembly.Memory ? w.memory.buffer.byteLength : null;
});

async function memory(browser, origin) {
  const ctx = await newPage(browser, `${origin}/www/index.html`);
  const afterLoad = await wasmBytes(ctx.page);
  await ctx.page.evaluate(async () => {
    const box = document.createElement("div");
    box.style.cssText = "position:fixed;left:0;top:0;width:600px;height:400px";
    document.body.append(box);
    for (let i = 0; i < 200; i++) {
      const el = document.createElement("bridge-map");
      el.style.cssText = "display:block;width:600px;height:400px";
      box.append(el);
      await Promise.race([el.ready, new Promise((_, rej) => setTimeout(() => rej(new Error(`mount ${i}: not ready`)), 15000))]);
      el.remove();
    }
    box.remove();
  });
  await ctx.cdp.send("HeapProfiler.enable");
  for (let i = 0; i < 2; i++) await ctx.cdp.send("HeapProfiler.collectGarbage");
  await frames(ctx.page, 6);
  const after200 = await wasmBytes(ctx.page);
  await ctx.context.close();
  const out = { afterLoadBytes: afterLoad, after200MountsBytes: after200, longRun: null };
  if (LONG) {
    const a = await newPage(browser, `${origin}/www/index.html`, { motion: true });
    // Ten minutes of animation: the idle pause (after a minute) is turned off.
    await evalMap(a.page, (el) => el.setAttribute("flow-pause", "0"));
    const samples = [{ minute: 0, bytes: await wasmBytes(a.page) }];
    for (let m = 1; m <= 10; m++) {
      await sleep(60000);
      samples.push({ minute: m, bytes: await wasmBytes(a.page), frames: await evalMap(a.page, (el) => el.stats.frames), flow: await evalMap(a.page, (el) => el.flow ?? null) });
      log(`long run: minute ${m}, wasm ${(samples.at(-1).bytes / 1048576).toFixed(2)} MB`);
    }
    await a.context.close();
    out.longRun = samples;
  }
  return out;
}

/** Sets el.data to the shipped overlay with (factor − 1) offset copies of every feature. */
async function setOverlay(page, factor) {
  return page.evaluate(async (k) => {
    const el = document.getElementById("map");
    const data = await (await fetch("/data/bridge.json")).json();
    const base = data.features;
    const wrap = (lon) => ((((lon + 180) % 360) + 360) % 360) - 180;
    const clampLat = (lat) => Math.max(-85, Math.min(85, lat));
    const shift = (p, dl, dp) => ({ ...p, lon: wrap(p.lon + dl), lat: clampLat(p.lat + dp) });
    const features = [...base];
    for (let c = 1; c < k; c++) {
      const dl = (((c * 7) % 21) - 10) * 0.9, dp = (((c * 3) % 11) - 5) * 0.6;
      for (const f of base) {
        const g = { ...f, id: `${f.id}-copy${c}` };
        delete g.figures; // text only; the copies are for drawing
        if (typeof g.lon === "number") Object.assign(g, shift(g, dl, dp));
        if (g.arc && g.arc.from) g.arc = { ...g.arc, from: shift(g.arc.from, dl, dp) };
        if (Array.isArray(g.paths)) {
          g.paths = g.paths.map((line) => line.map((pt) => {
            const q = shift(pt, dl, dp);
            if (q.node) q.node = `${q.node}-copy${c}`;
            return q;
          }));
        }
        features.push(g);
      }
    }
    const err = new Promise((r) => el.addEventListener("dataerror", (e) => r(e.detail?.message || "dataerror"), { once: true }));
    el.data = { ...data, features };
    const result = await Promise.race([err, new Promise((r) => setTimeout(() => r(null), 1500))]);
    return { features: features.length, error: result };
  }, factor);
}

async function scaling(browser, origin) {
  const ctx = await newPage(browser, `${origin}/www/index.html`);
  await evalMap(ctx.page, (el) => { el.layers = ["trade", "energy", "diplomacy", "plans"]; });
  const home = await evalMap(ctx.page, (el) => el.view);
  const out = {};
  for (const k of [1, 10, 100]) {
    const d = await setOverlay(ctx.page, k);
    if (d.error) { out[`${k}x`] = { error: d.error, features: d.features }; log(`scaling ${k}×: ${d.error}`); continue; }
    const r = await measurePath(browser, ctx, "drag", home, SCALE_FRAMES, SCALE_SECONDS);
    delete r.times;
    out[`${k}x`] = { features: d.features, ...r };
    log(`scaling ${k}× (${d.features} features): median ${r.median?.toFixed(1)} ms, p95 ${r.p95?.toFixed(1)} ms`);
  }
  await ctx.context.close();
  return out;
}

// ------------------------------------------------------------------ report
const f = (x, d = 1) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : Number(x).toFixed(d));
const kb = (b) => (b == null ? "—" : `${(b / 1024).toFixed(1)} KB`);
const mb = (b) => (b == null ? "—" : `${(b / 1048576).toFixed(2)} MB`);
const verdict = (ok) => (ok === null || ok === undefined ? "" : ok ? "PASS" : "OVER");

function table(R) {
  const rows = [["figure", "measured", "budget", ""]];
  const add = (a, b, c = "", ok = null) => rows.push([a, b, c, verdict(ok)]);
  add("main thread per frame, ms (median / p95)", "", "≤ 10 / ≤ 16.7, d3 ≥ 20×");
  for (const key of Object.keys(R.map.paths)) {
    const m = R.map.paths[key], d = R.d3.paths[key];
    const ratio = m.median && d?.median ? d.median / m.median : null;
    R.ratios[key] = ratio;
    add(`  ${key}`, `${f(m.median)} / ${f(m.p95)} (${m.times.length} fr)   d3 ${f(d?.median)} / ${f(d?.p95)} (${d?.times.length ?? 0} fr)   d3/map ×${f(ratio, 1)}`, "",
      m.median !== null && m.median <= 10 && m.p95 <= FRAME_BUDGET_MS && ratio !== null && ratio >= 20);
  }
  const fs = R.map.fiveSeconds;
  add("frames over 16.7 ms, 5 s pan-and-zoom", `${fs.missed} of ${fs.frames} (d3: ${R.d3.fiveSeconds.missed} of ${R.d3.fiveSeconds.frames})`, "0", fs.missed === 0);
  const settles = Object.values(R.map.paths).map((p) => p.settle?.frameMs).filter(Number.isFinite);
  const sMax = settles.length ? Math.max(...settles) : null;
  add("re-render after a gesture settles, main thread in all, ms (median / max)", `${f(quantile(settles, 0.5))} / ${f(sMax)}`, "≤ 33", sMax === null ? null : sMax <= 33);
  const longest = Object.values(R.map.paths).map((p) => p.settle?.longestTaskMs).filter(Number.isFinite);
  const tasks = Object.values(R.map.paths).map((p) => p.settle?.tasks).filter(Number.isFinite);
  add("  its longest task, ms (median / max); tasks", `${f(quantile(longest, 0.5))} / ${f(longest.length ? Math.max(...longest) : null)}; ${tasks.length ? Math.min(...tasks) : "—"}–${tasks.length ? Math.max(...tasks) : "—"}`);
  const c = R.coldLoad;
  add("cold load, localhost: first basemap frame, ms", f(c.localhost.firstBasemapMs, 0), "≤ 300", c.localhost.firstBasemapMs <= 300);
  add("cold load, localhost: ready, ms", f(c.localhost.readyMs, 0));
  add("cold load, 1.6 Mbps 150 ms RTT: first basemap / ready, ms", `${f(c.throttled.firstBasemapMs, 0)} / ${f(c.throttled.readyMs, 0)}`);
  add("pick(), µs (median / p99)", `${f(R.pick.medianUs, 1)} / ${f(R.pick.p99Us, 1)}`, "median ≤ 50", R.pick.medianUs <= 50);
  add("transfer to show the map, gzip / brotli", `${kb(R.transfer.total.gzip)} / ${kb(R.transfer.total.brotli)}`, "gzip ≤ 200 KB", R.transfer.total.gzip <= 200 * 1024);
  for (const x of R.transfer.files) add(`  ${x.file}`, `${kb(x.gzip)} / ${kb(x.brotli)} (raw ${kb(x.raw)})`);
  for (const x of R.transferAfterReady?.files ?? []) add(`  after ready, not counted: ${x.file}`, `${kb(x.gzip)} / ${kb(x.brotli)} (raw ${kb(x.raw)})`);
  if (c.localhost.detailMs != null) {
    add("full detail in use (localhost / throttled), ms; preparing it", `${f(c.localhost.detailMs, 0)} / ${f(c.throttled.detailMs, 0)}; ${f(c.localhost.detailPrepMs, 1)}`);
  }
  add("idle animation: main-thread ms/s, fps", `${f(R.idle.taskMsPerSecond, 0)} ms/s, ${f(R.idle.framesPerSecond, 1)} fps`, "≤ 30 ms/s at ≥ 30 fps",
    R.idle.taskMsPerSecond <= 30 && R.idle.framesPerSecond >= 30);
  add("  presented frames / map frames / particles", `${f(R.idle.framesPerSecond, 1)} / ${f(R.idle.mapFramesPerSecond, 1)} per s; ${R.idle.dots ?? "—"} particles, ${R.idle.dotMoved ? "moving" : "canvas"}, flow ${R.idle.flow.map((x) => x ?? "—").join(" → ")}`);
  add("wasm memory: after load / after 200 mounts", `${mb(R.memory.afterLoadBytes)} / ${mb(R.memory.after200MountsBytes)}`);
  if (R.memory.longRun) {
    const l = R.memory.longRun;
    add("wasm memory after 10 min of animation", `${mb(l.at(-1).bytes)} (start ${mb(l[0].bytes)})`, "flat, ≤ 32 MB",
      l.at(-1).bytes <= 32 * 1048576 && l.at(-1).bytes <= l[0].bytes);
  } else add("wasm memory after 10 min of animation", "not run (--long)", "flat, ≤ 32 MB");
  const sc = R.scaling;
  for (const k of ["1x", "10x", "100x"]) {
    const s = sc[k];
    add(`drag with ${k} overlay features, ms (median / p95)`, s?.error ? `error: ${String(s.error).slice(0, 100)}` : `${f(s?.median)} / ${f(s?.p95)}  (${s?.features} features)`);
  }
  const r10 = sc["1x"]?.median && sc["10x"]?.median ? sc["10x"].median / sc["1x"].median : null;
  add("  10× / 1×", `×${f(r10, 2)}`, "≤ 2×", r10 === null ? null : r10 <= 2);
  const w = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
  return rows.map((r, i) => {
    const line = `${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`.trimEnd();
    return i === 0 ? `${line}\n${"-".repeat(line.length)}` : line;
  }).join("\n");
}

// -------------------------------------------------------------------- main
async function main() {
  const server = await serveCompressed(ROOT);
  const browser = await launchBrowser();
  const R = {
    date: new Date().toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryBytes: os.totalmem(), platform: `${os.type()} ${os.release()}`, node: process.version, chromium: browser.version() },
    setup: { viewport: VIEWPORT, deviceScaleFactor: DPR, raster: "software (--disable-gpu)", frames: FRAMES, d3Frames: D3_FRAMES, scaleFrames: SCALE_FRAMES, pathSeconds: PATH_SECONDS, d3PathSeconds: D3_PATH_SECONDS, long: LONG,
      frameTime: "DevTools trace: main-thread top-level tasks per drawn frame (see tools/bench/bench.mjs)" },
    ratios: {},
  };
  try {
    log(`Chromium ${R.machine.chromium}, ${R.machine.cpus} CPUs; map: ${FRAMES} frames per path, d3: ${D3_FRAMES}`);
    // 4 and 6 first, while nothing is cached anywhere.
    const local = [];
    for (let i = 0; i < 3; i++) local.push(await coldLoad(browser, server.origin, false));
    const throttled = await coldLoad(browser, server.origin, true);
    const med = (k) => quantile(local.map((x) => x[k]), 0.5);
    R.coldLoad = {
      localhost: { runs: local.length, firstBasemapMs: med("firstBasemapMs"), readyMs: med("readyMs"), elementLoadMs: med("elementLoadMs") },
      throttled: { latencyMs: 150, downloadMbps: 1.6, firstBasemapMs: throttled.firstBasemapMs, readyMs: throttled.readyMs },
      encodingServed: [...new Set(server.log.map((x) => x.encoding))],
    };
    R.coldLoad.localhost.detailMs = med("detailMs");
    R.coldLoad.localhost.detailPrepMs = med("detailPrepMs");
    R.coldLoad.throttled.detailMs = throttled.detailMs;
    R.transfer = transfer(local[0].files);
    R.transferAfterReady = transfer(local[0].afterReady);
    log(`cold load: first basemap ${f(R.coldLoad.localhost.firstBasemapMs, 0)} ms, ready ${f(R.coldLoad.localhost.readyMs, 0)} ms; throttled ${f(throttled.firstBasemapMs, 0)} / ${f(throttled.readyMs, 0)} ms; ${kb(R.transfer.total.gzip)} gzipped`);

    // 1 and 3 on the map, 5 on the same page.
    const m = await gestureSuite(browser, `${server.origin}/www/index.html`, FRAMES, PATH_SECONDS, "map");
    await setView(m.ctx.page, m.out.views.home);
    const p = await pickLatency(m.ctx.page);
    R.pick = { points: 10000, medianUs: quantile(p.perCallUs, 0.5), p99Us: quantile(p.perCallUs, 0.99), meanUs: p.meanUs, crossOriginIsolated: p.isolated, timedInBatchesOf: p.batch };
    log(`pick: median ${f(R.pick.medianUs)} µs, p99 ${f(R.pick.p99Us)} µs`);
    await m.ctx.context.close();
    R.map = m.out;

    // 2 and 3 on the d3-geo page.
    const d = await gestureSuite(browser, `${server.origin}/tools/bench/d3.html`, D3_FRAMES, D3_PATH_SECONDS, "d3");
    await d.ctx.context.close();
    R.d3 = d.out;

    R.idle = await idle(browser, server.origin); // 7
    log(`idle: ${f(R.idle.taskMsPerSecond, 0)} ms/s at ${f(R.idle.framesPerSecond, 1)} presented fps (map frames ${f(R.idle.mapFramesPerSecond, 1)}/s)`);
    R.memory = await memory(browser, server.origin); // 8
    log(`memory: ${mb(R.memory.afterLoadBytes)} after load, ${mb(R.memory.after200MountsBytes)} after 200 mounts`);
    R.scaling = await scaling(browser, server.origin); // 9
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }

  const text = table(R);
  console.log(`\nBridge Map benchmark, ${R.date}`);
  console.log(`${R.machine.cpuModel} × ${R.machine.cpus}, ${mb(R.machine.memoryBytes)} RAM, ${R.machine.platform}; Chromium ${R.machine.chromium}, headless, software raster; ${VIEWPORT.width}×${VIEWPORT.height} @${DPR}x`);
  console.log(`frames per path: map ${FRAMES} (or ${PATH_SECONDS} s), d3-geo ${D3_FRAMES} (or ${D3_PATH_SECONDS} s); main-thread ms per drawn frame from a DevTools trace\n`);
  console.log(text);
  // Per-frame samples stay in the JSON for the paths, without bloating it.
  for (const side of [R.map, R.d3]) for (const v of Object.values(side.paths)) v.times = v.times.map((t) => Math.round(t * 100) / 100);
  const dir = path.join(ROOT, "bench");
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "results.json");
  writeFileSync(out, JSON.stringify({ ...R, table: text }, null, 2) + "\n");
  console.log(`\nwrote ${path.relative(ROOT, out)} in ${((Date.now() - t0run) / 1000).toFixed(0)} s`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
