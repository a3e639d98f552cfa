// Lifecycle tests of <bridge-map>: mounting and unmounting many times leaks
// nothing, two maps on a page are independent, a map that starts hidden
// becomes ready once shown, the permalink keeps the URL hash and history,
// PNG export and the print stylesheet.
//
//   node --test tools/e2e/lifecycle.test.mjs
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { statSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ARTIFACTS, current, drawnOver, ensureArtifacts, evalMap, frames, launchBrowser, startServer, until, waitReady,
} from "./helpers.mjs";

let server, browser, origin;
const problems = []; // console errors and page errors on every page of this suite

// A blank same-origin page that only loads the element.
const LIFECYCLE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>lifecycle</title>
<style>
  body { margin: 0; }
  .m { display: block; width: 600px; height: 400px; }
  .hidden { display: none; }
</style>
<script type="module" src="/www/bridge-map.js"></script>
</head><body><div id="box"></div></body></html>`;

// Counts requestAnimationFrame calls and the callbacks they run, and the
// live ResizeObserver / IntersectionObserver observations, without holding
// references to anything (a strong reference would itself be a leak).
const COUNTERS = () => {
  const c = { rafCalls: 0, rafRuns: 0, resizeObserving: 0, intersectionObserving: 0 };
  window.__counters = c;
  const raf = window.requestAnimationFrame.bind(window);
  // The tests' own frame waits (helpers `frames`, `drawnOver`) use this one,
  // so they are not counted as the map's.
  window.__rawRaf = raf;
  window.requestAnimationFrame = function (cb) {
    c.rafCalls++;
    return raf((t) => { c.rafRuns++; cb(t); });
  };
  for (const [Ctor, key] of [[window.ResizeObserver, "resizeObserving"], [window.IntersectionObserver, "intersectionObserving"]]) {
    if (!Ctor) continue;
    const live = new WeakMap(); // observer -> WeakSet of targets, and a count
    const { observe, unobserve, disconnect } = Ctor.prototype;
    Ctor.prototype.observe = function (target, ...rest) {
      let s = live.get(this);
      if (!s) live.set(this, (s = { targets: new WeakSet(), n: 0 }));
      if (!s.targets.has(target)) { s.targets.add(target); s.n++; c[key]++; }
      return observe.call(this, target, ...rest);
    };
    Ctor.prototype.unobserve = function (target) {
      const s = live.get(this);
      if (s && s.targets.has(target)) { s.targets.delete(target); s.n--; c[key]--; }
      return unobserve.call(this, target);
    };
    Ctor.prototype.disconnect = function () {
      const s = live.get(this);
      if (s) { c[key] -= s.n; s.n = 0; s.targets = new WeakSet(); }
      return disconnect.call(this);
    };
  }
};

function watch(p) {
  p.on("console", (m) => {
    if (m.type() === "error") problems.push({ type: m.type(), text: m.text(), url: p.url() });
  });
  p.on("pageerror", (e) => problems.push({ type: "pageerror", text: String(e && e.stack || e), url: p.url() }));
}

/** A new context + page with the lifecycle page routed in. */
async function lifecyclePage(opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, ...opts });
  await ctx.addInitScript(COUNTERS);
  await ctx.route(`${origin}/lifecycle.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: LIFECYCLE_HTML }));
  const page = await ctx.newPage();
  watch(page);
  await page.goto(`${origin}/lifecycle.html`);
  await page.evaluate(() => customElements.whenDefined("bridge-map"));
  return { ctx, page };
}

async function mainPage(hash = "", opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, ...opts });
  const page = await ctx.newPage();
  watch(page);
  await page.goto(`${origin}/www/index.html${hash}`);
  const r = await waitReady(page);
  assert.ok(r.ok, `el.ready did not resolve: ${r.error}`);
  return { ctx, page };
}

before(async () => {
  ensureArtifacts();
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (problems.length) console.log("console errors / page errors:", JSON.stringify(problems, null, 2));
});

test("1. mount/unmount 200 times leaks no listeners, nodes, heap, wasm memory or frames", { timeout: 240_000 }, async () => {
  const { ctx, page } = await lifecyclePage();
  try {
    const cdp = await ctx.newCDPSession(page);
    await cdp.send("HeapProfiler.enable");

    const cycles = (n) => page.evaluate(async (count) => {
      const box = document.getElementById("box");
      const times = [];
      for (let i = 0; i < count; i++) {
        const t0 = performance.now();
        const el = document.createElement("bridge-map");
        el.className = "m";
        box.append(el);
        await Promise.race([
          el.ready,
          new Promise((_, rej) => setTimeout(() => rej(new Error(`cycle ${i}: el.ready timed out`)), 15000)),
        ]);
        if (!el.stats || !(el.stats.frames >= 1)) throw new Error(`cycle ${i}: no frame drawn (stats ${JSON.stringify(el.stats)})`);
        el.remove();
        // Reset the counters at the moment of the last removal.
        window.__counters.rafCalls = 0;
        window.__counters.rafRuns = 0;
        window.__last = el;
        times.push(performance.now() - t0);
      }
      return times;
    }, n);

    const wasmBytes = () => page.evaluate(async () => {
      const m = await import("/pkg/bridge_map.js");
      const w = await m.default();
      return w && w.memory instanceof WebAssembly.Memory ? w.memory.buffer.byteLength : null;
    });

    const measure = async () => {
      for (let i = 0; i < 2; i++) await cdp.send("HeapProfiler.collectGarbage");
      await frames(page, 6); // let finalizers (FinalizationRegistry) run between the collections
      for (let i = 0; i < 2; i++) await cdp.send("HeapProfiler.collectGarbage");
      const dom = await cdp.send("Memory.getDOMCounters");
      const heap = await cdp.send("Runtime.getHeapUsage");
      return {
        nodes: dom.nodes, jsEventListeners: dom.jsEventListeners, documents: dom.documents,
        heapUsed: heap.usedSize, wasm: await wasmBytes(),
        observers: await page.evaluate(() => ({ resize: window.__counters.resizeObserving, intersection: window.__counters.intersectionObserving })),
      };
    };

    const t20 = await cycles(20);
    const m20 = await measure();
    const t180 = await cycles(180);
    // Nothing runs now: any requestAnimationFrame call in the next 60
    // animation frames (a second at 60 Hz) comes from a removed map.
    await page.evaluate(() => new Promise((resolve) => {
      let left = 60;
      const tick = () => (--left <= 0 ? resolve() : window.__rawRaf(tick));
      window.__rawRaf(tick);
    }));
    const raf = await page.evaluate(() => ({ ...window.__counters, lastStats: window.__last.stats, lastConnected: window.__last.isConnected }));
    const m200 = await measure();

    const mean = (a) => a.reduce((s, x) => s + x, 0) / a.length;
    const mb = (b) => (b / 1048576).toFixed(2);
    console.log(`# lifecycle: mean mount→ready→remove ${mean(t20).toFixed(1)} ms (cycles 1-20), ${mean(t180).toFixed(1)} ms (cycles 21-200)`);
    console.log(`# lifecycle after 20:  nodes ${m20.nodes}, jsEventListeners ${m20.jsEventListeners}, documents ${m20.documents}, JS heap ${mb(m20.heapUsed)} MB, wasm memory ${m20.wasm == null ? "n/a" : mb(m20.wasm) + " MB"}, observing: resize ${m20.observers.resize}, intersection ${m20.observers.intersection}`);
    console.log(`# lifecycle after 200: nodes ${m200.nodes}, jsEventListeners ${m200.jsEventListeners}, documents ${m200.documents}, JS heap ${mb(m200.heapUsed)} MB, wasm memory ${m200.wasm == null ? "n/a" : mb(m200.wasm) + " MB"}, observing: resize ${m200.observers.resize}, intersection ${m200.observers.intersection}`);
    console.log(`# lifecycle 60 animation frames after the last removal: requestAnimationFrame calls ${raf.rafCalls}, callbacks run ${raf.rafRuns}, removed element stats ${JSON.stringify(raf.lastStats)}`);

    assert.equal(raf.lastConnected, false);
    assert.equal(raf.rafCalls, 0, `requestAnimationFrame was called ${raf.rafCalls} times in the 60 animation frames after the last map was removed`);
    assert.ok(m200.jsEventListeners <= m20.jsEventListeners + 5,
      `jsEventListeners grew: ${m20.jsEventListeners} after 20 cycles → ${m200.jsEventListeners} after 200`);
    assert.ok(m200.nodes <= m20.nodes + 50, `DOM nodes grew: ${m20.nodes} after 20 cycles → ${m200.nodes} after 200`);
    assert.ok(m200.heapUsed <= m20.heapUsed * 1.15 + 2 * 1048576,
      `JS heap grew: ${mb(m20.heapUsed)} MB after 20 cycles → ${mb(m200.heapUsed)} MB after 200`);
    assert.notEqual(m20.wasm, null, "the wasm module's memory is not reachable through /pkg/bridge_map.js");
    assert.ok(m200.wasm <= m20.wasm + 8 * 1048576, `wasm memory grew: ${mb(m20.wasm)} MB after 20 cycles → ${mb(m200.wasm)} MB after 200`);
    assert.equal(m200.observers.resize, 0, `${m200.observers.resize} ResizeObserver observations still live after every map was removed`);
    assert.equal(m200.observers.intersection, 0, `${m200.observers.intersection} IntersectionObserver observations still live after every map was removed`);
  } finally {
    await ctx.close();
  }
});

test("2. two maps on one page are independent", async () => {
  const { ctx, page } = await lifecyclePage();
  try {
    const r = await page.evaluate(async () => {
      const box = document.getElementById("box");
      const mk = (id, lang, layers) => {
        const el = document.createElement("bridge-map");
        el.id = id; el.className = "m"; el.setAttribute("lang", lang); el.setAttribute("layers", layers);
        box.append(el);
        return el;
      };
      const a = mk("a", "en", "trade");
      const b = mk("b", "kk", "energy,diplomacy");
      await Promise.all([a.ready, b.ready]);
      return { aLayers: a.layers, bLayers: b.layers, aView: a.view, bView: b.view };
    });
    assert.deepEqual(r.aLayers, ["trade"]);
    assert.deepEqual(r.bLayers, ["energy", "diplomacy"]);

    const get = (id, fn, arg) => page.evaluate(([i, src, a]) => {
      const el = document.getElementById(i);
      return new Function(`return (${src});`)()(el, a);
    }, [id, fn.toString(), arg]);

    // Pan one.
    const bBefore = await get("b", (el) => el.view);
    await get("a", (el) => { el.view = { lon: 40, lat: 50, zoom: 5 }; });
    await frames(page, 3);
    const aAfter = await get("a", (el) => el.view);
    const bAfter = await get("b", (el) => el.view);
    assert.ok(Math.abs(aAfter.lon - 40) < 1e-6 && Math.abs(aAfter.lat - 50) < 1e-6 && Math.abs(aAfter.zoom - 5) < 1e-6,
      `map a should take the new view, got ${JSON.stringify(aAfter)}`);
    assert.deepEqual(bAfter, bBefore, "map b's view changed when map a was panned");

    // Select in one.
    const selA = await get("a", (el) => { el.select("titr"); return el.selected; });
    assert.equal(selA?.id, "titr");
    assert.equal(await get("b", (el) => el.selected), null, "map b got a selection when map a selected");
    await get("b", (el) => el.select("cpc"));
    assert.equal((await get("a", (el) => el.selected))?.id, "titr", "map a's selection changed when map b selected");
    assert.equal((await get("b", (el) => el.selected))?.id, "cpc");

    // Languages and layers stay their own.
    const names = await page.evaluate(() => {
      const a = document.getElementById("a"), b = document.getElementById("b");
      const find = (el, id) => el.features().find((f) => f.id === id)?.name;
      return { a: find(a, "cpc"), b: find(b, "cpc"), aLang: a.getAttribute("lang"), bLang: b.getAttribute("lang"), aLayers: a.layers, bLayers: b.layers };
    });
    assert.equal(names.aLang, "en");
    assert.equal(names.bLang, "kk");
    assert.ok(names.a && names.b && names.a !== names.b, `feature names should differ by language: en ${names.a}, kk ${names.b}`);
    assert.deepEqual(names.aLayers, ["trade"]);
    assert.deepEqual(names.bLayers, ["energy", "diplomacy"]);
  } finally {
    await ctx.close();
  }
});

test("3. a map in a hidden container becomes ready once shown, at CSS size × DPR", async () => {
  const { ctx, page } = await lifecyclePage({ deviceScaleFactor: 2 });
  try {
    await page.evaluate(() => {
      const wrap = document.createElement("div");
      wrap.id = "wrap";
      wrap.className = "hidden";
      const el = document.createElement("bridge-map");
      el.id = "map";
      el.className = "m";
      wrap.append(el);
      document.getElementById("box").append(wrap);
      window.__readyAt = null;
      el.ready.then(() => { window.__readyAt = performance.now(); }, (e) => { window.__readyError = String(e); });
    });
    // Wait until the geometry and data are downloaded (and a few frames on,
    // decoded), so the map is shown long after it could have loaded.
    await until(page, () => {
      const done = (name) => performance.getEntriesByType("resource").some((e) => e.name.includes(name) && e.responseEnd > 0);
      return done("countries.bmap") && done("/data/bridge.en.outline.json");
    }, null, "the geometry and the overlay data to be downloaded");
    await frames(page, 10);
    const whileHidden = await page.evaluate(() => {
      const el = document.getElementById("map");
      const c = el.shadowRoot.querySelector("canvas");
      return { readyAt: window.__readyAt, error: window.__readyError ?? null, w: c.width, h: c.height, frames: el.stats?.frames ?? null };
    });
    console.log(`# hidden container: ready ${whileHidden.readyAt == null ? "not yet resolved" : "already resolved"} while display:none (canvas ${whileHidden.w}×${whileHidden.h}, frames ${whileHidden.frames})`);
    // The contract: a hidden map resolves `ready` when it is first shown, not before.
    assert.equal(whileHidden.error, null, `el.ready rejected while hidden: ${whileHidden.error}`);
    assert.equal(whileHidden.readyAt, null, "el.ready resolved while the map was display:none");
    assert.ok(!whileHidden.frames, `frames drawn while hidden: ${whileHidden.frames}`);
    await page.evaluate(() => { window.__shownAt = performance.now(); document.getElementById("wrap").className = ""; });
    const r = await waitReady(page, 10000);
    assert.ok(r.ok, `el.ready after showing the container: ${r.error}`);
    // The first frame is soft (one pixel per CSS pixel); the sharp one follows.
    await current(page);
    const size = await evalMap(page, (el) => {
      const c = el.shadowRoot.querySelector("canvas");
      const rect = c.getBoundingClientRect();
      return { w: c.width, h: c.height, cw: rect.width, ch: rect.height, dpr: devicePixelRatio, frames: el.stats?.frames };
    });
    assert.equal(size.dpr, 2);
    assert.deepEqual({ cw: size.cw, ch: size.ch }, { cw: 600, ch: 400 }, "CSS size of the canvas");
    assert.deepEqual({ w: size.w, h: size.h }, { w: 1200, h: 800 }, `canvas backing store should be CSS size × DPR, got ${JSON.stringify(size)}`);
    assert.ok(size.frames >= 1, `frames drawn: ${size.frames}`);
    // And it actually drew something: not a blank canvas.
    const painted = await evalMap(page, (el) => {
      const c = el.shadowRoot.querySelector("canvas");
      const s = document.createElement("canvas");
      s.width = 60; s.height = 40;
      const g = s.getContext("2d", { willReadFrequently: true });
      g.drawImage(c, 0, 0, 60, 40);
      const d = g.getImageData(0, 0, 60, 40).data;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4) colours.add(`${d[i] >> 4},${d[i + 1] >> 4},${d[i + 2] >> 4},${d[i + 3] >> 4}`);
      return colours.size;
    });
    assert.ok(painted > 3, `the canvas looks blank after showing (${painted} colours)`);
  } finally {
    await ctx.close();
  }
});

test("4a. permalink: select, layers, lang and view write the hash; Back and Forward restore", async () => {
  const { ctx, page } = await mainPage();
  try {
    // The initial replaceState writes the view (400 ms after ready).
    await until(page, () => /[#&]v=/.test(location.hash), null, "the initial view in the hash");
    const hash = () => page.evaluate(() => decodeURIComponent(location.hash));
    const histLen = () => page.evaluate(() => history.length);
    const len0 = await histLen();

    await evalMap(page, (el) => el.select("titr"));
    assert.match(await hash(), /[#&]sel=titr(&|$)/, "hash after select('titr')");
    await evalMap(page, (el) => { el.layers = ["trade"]; });
    assert.match(await hash(), /[#&]l=trade(&|$)/, "hash after layers = ['trade']");
    await evalMap(page, (el) => el.setAttribute("lang", "kk"));
    assert.match(await hash(), /[#&]lang=kk(&|$)/, "hash after lang=kk");
    await evalMap(page, (el) => { el.view = { lon: 70, lat: 45, zoom: 5 }; });
    // The view is written 400 ms after it stops changing; wait for the write.
    await until(page, () => /[#&]v=70,45,5(&|$)/.test(decodeURIComponent(location.hash)), null, "v=70,45,5 in the hash");
    const h4 = await hash();
    assert.match(h4, /[#&]v=70,45,5(&|$)/, "hash after setting the view");
    assert.equal(await histLen(), len0 + 3, "select, layers and lang should each push one history entry; the view replaces");

    const state = () => evalMap(page, (el) => ({
      lang: el.getAttribute("lang") || "en", layers: el.layers, sel: el.selected?.id ?? null, view: el.view, hash: decodeURIComponent(location.hash),
    }));
    // The element restores its state on popstate; a listener added after its
    // own runs after it, so its promise resolves once the state is applied.
    const travel = async (go) => {
      await page.evaluate(() => {
        window.__popped = new Promise((resolve) => window.addEventListener("popstate", () => resolve(), { once: true }));
      });
      await go();
      await page.evaluate(() => window.__popped);
      await frames(page, 2);
    };
    const back = () => travel(() => page.goBack({ waitUntil: "commit" }));
    const forward = () => travel(() => page.goForward({ waitUntil: "commit" }));

    // Walk the history, then judge: a failure message shows the whole walk.
    const walk = {};
    await back(); walk.back1 = await state();
    await back(); walk.back2 = await state();
    await forward(); walk.forward1 = await state();
    await forward(); walk.forward2 = await state();
    const all = `history walk: ${JSON.stringify(walk, null, 1)}`;
    const ALL = ["trade", "energy", "diplomacy", "plans"];
    const expect = {
      back1: { lang: "en", layers: ["trade"], sel: "titr" },
      back2: { lang: "en", layers: ALL, sel: "titr" },
      forward1: { lang: "en", layers: ["trade"], sel: "titr" },
      forward2: { lang: "kk", layers: ["trade"], sel: "titr" },
    };
    const wrong = Object.entries(expect).filter(([k, e]) =>
      walk[k].lang !== e.lang || JSON.stringify(walk[k].layers) !== JSON.stringify(e.layers) || walk[k].sel !== e.sel)
      .map(([k, e]) => `${k}: expected ${JSON.stringify(e)}, got ${JSON.stringify({ lang: walk[k].lang, layers: walk[k].layers, sel: walk[k].sel })}`);
    assert.deepEqual(wrong, [], all);
    const v = walk.forward2.view;
    assert.ok(Math.abs(v.lon - 70) < 1e-3 && Math.abs(v.lat - 45) < 1e-3 && Math.abs(v.zoom - 5) < 1e-3,
      `after going forward to the last entry the view should be (70, 45, 5): ${all}`);
  } finally {
    await ctx.close();
  }
});

test("4b. opening a permalink restores view, layers, language and selection", async () => {
  const opened = await mainPage("#v=51.2,43.6,6&l=energy&lang=ru&sel=cpc&step=");
  try {
    const s = await evalMap(opened.page, (el) => {
      const info = el.shadowRoot.querySelector(".info");
      const r = info.getBoundingClientRect();
      return {
        view: el.view, layers: el.layers, lang: el.getAttribute("lang"), sel: el.selected?.id ?? null, step: el.step,
        info: { hidden: info.hidden, display: getComputedStyle(info).display, w: r.width, h: r.height, text: info.textContent.slice(0, 80) },
      };
    });
    for (const [k, v] of [["lon", 51.2], ["lat", 43.6], ["zoom", 6]]) {
      assert.ok(Math.abs(s.view[k] - v) <= 1e-3, `permalink view.${k}: expected ${v}, got ${s.view[k]}`);
    }
    assert.deepEqual(s.layers, ["energy"]);
    assert.equal(s.lang, "ru");
    assert.equal(s.sel, "cpc");
    assert.equal(s.step, null, "an empty step= means no tour");
    assert.ok(!s.info.hidden && s.info.display !== "none" && s.info.w > 50 && s.info.h > 50,
      `the info panel should be visible: ${JSON.stringify(s.info)}`);
  } finally {
    await opened.ctx.close();
  }
});

test("4c. a map without `permalink` never touches the hash or history", async () => {
  const { ctx: ctx2, page: p2 } = await lifecyclePage();
  try {
    await p2.evaluate(() => { history.replaceState(null, "", "#host=1"); });
    const before = await p2.evaluate(() => ({ hash: location.hash, len: history.length }));
    await p2.evaluate(async () => {
      const el = document.createElement("bridge-map");
      el.id = "map"; el.className = "m";
      document.getElementById("box").append(el);
      await el.ready;
      el.select("titr");
      el.layers = ["trade"];
      el.setAttribute("lang", "kk");
      el.view = { lon: 70, lat: 45, zoom: 5 };
    });
    // A map with `permalink` writes the view 400 ms after it settles: watch
    // for 60 animation frames (a second at 60 Hz) that nothing is written.
    await drawnOver(p2, 60);
    const afterS = await p2.evaluate(() => ({ hash: location.hash, len: history.length, sel: document.getElementById("map").selected?.id }));
    assert.equal(afterS.sel, "titr");
    assert.equal(afterS.hash, before.hash, "a map without `permalink` changed the host's hash");
    assert.equal(afterS.len, before.len, "a map without `permalink` pushed history entries");
  } finally {
    await ctx2.close();
  }
});

test("5. PNG export: 2× size, title, legend and attribution, download named bridge-map.png", async () => {
  const { ctx, page } = await mainPage("", { acceptDownloads: true });
  try {
    await frames(page, 2);
    const [download, result] = await Promise.all([
      page.waitForEvent("download", { timeout: 15000 }),
      evalMap(page, async (el) => {
        const blob = await el.download();
        const bmp = await createImageBitmap(blob);
        const c = document.createElement("canvas");
        c.width = bmp.width; c.height = bmp.height;
        const g = c.getContext("2d", { willReadFrequently: true });
        g.drawImage(bmp, 0, 0);
        const px = (x, y) => Array.from(g.getImageData(x, y, 1, 1).data);
        // Share of dark (text) pixels in a device-pixel box.
        const ink = (x, y, w, h) => {
          const d = g.getImageData(x, y, w, h).data;
          let n = 0;
          for (let i = 0; i < d.length; i += 4) if (d[i] + d[i + 1] + d[i + 2] < 3 * 110) n++;
          return n / (w * h);
        };
        const sea = el.project(88, 15); // the Bay of Bengal
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let bin = "";
        for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return {
          type: blob.type, size: blob.size, w: bmp.width, h: bmp.height, cssW: el.clientWidth, cssH: el.clientHeight,
          water: sea ? px(Math.round(sea.x * 2), Math.round(sea.y * 2)) : null,
          titleBg: px(2 * 16, 2 * 16),
          titleInk: ink(2 * 26, 2 * 22, 2 * 120, 2 * 20),
          // Left of the title box (x < 12 CSS px) there must be no title text.
          titleSpill: ink(0, 2 * 22, 2 * 10, 2 * 20),
          cornerBg: px(bmp.width - 3, bmp.height - 3),
          attribInk: ink(bmp.width - 2 * 120, bmp.height - 2 * 16, 2 * 114, 2 * 14),
          legendBg: px(2 * 16, bmp.height - 2 * 34),
          b64: btoa(bin),
        };
      }),
    ]);
    const { b64, ...info } = result;
    console.log(`# export: ${JSON.stringify(info)}`);
    const file = path.join(ARTIFACTS, "export.png");
    writeFileSync(file, Buffer.from(b64, "base64"));

    assert.equal(download.suggestedFilename(), "bridge-map.png");
    const dl = await download.path();
    assert.equal(statSync(dl).size, info.size, "the downloaded file should be the returned blob");
    assert.equal(info.type, "image/png");
    assert.deepEqual({ cssW: info.cssW, cssH: info.cssH }, { cssW: 1280, cssH: 800 });
    assert.deepEqual({ w: info.w, h: info.h }, { w: 2560, h: 1600 });

    const close = (a, b, tol = 12) => a && b && a.slice(0, 3).every((v, i) => Math.abs(v - b[i]) <= tol);
    assert.ok(info.water && info.water[2] > info.water[0], `the Bay of Bengal should be on screen and look like water: ${JSON.stringify(info.water)}`);
    const light = (p) => p[0] >= 225 && p[1] >= 225 && p[2] >= 225 && p[3] === 255;
    assert.ok(light(info.titleBg) && !close(info.titleBg, info.water),
      `the top-left title box should be a light panel, not water ${JSON.stringify(info.water)}: got ${JSON.stringify(info.titleBg)}`);
    assert.ok(info.titleSpill < 0.01,
      `title text spills out of the left of its box (ink ${info.titleSpill.toFixed(3)} left of x = 12): is the text left-aligned?`);
    assert.ok(info.titleInk > 0.03, `the title box should hold dark text (ink ${info.titleInk.toFixed(3)})`);
    assert.ok(light(info.cornerBg) && !close(info.cornerBg, info.water),
      `the bottom-right corner should be the attribution panel: got ${JSON.stringify(info.cornerBg)}`);
    assert.ok(info.attribInk > 0.02, `the attribution box should hold dark text (ink ${info.attribInk.toFixed(3)})`);
    assert.ok(light(info.legendBg), `the bottom-left legend box should be a light panel: got ${JSON.stringify(info.legendBg)}`);
  } finally {
    await ctx.close();
  }
});

test("6. print: controls and tour button hidden, PDF produced", async () => {
  const { ctx, page } = await mainPage();
  try {
    const shown = await evalMap(page, (el) => ({
      controls: getComputedStyle(el.shadowRoot.querySelector(".controls")).display,
      tour: getComputedStyle(el.shadowRoot.querySelector("button.tour-start")).display,
    }));
    assert.notEqual(shown.controls, "none", "controls should show on screen");
    assert.notEqual(shown.tour, "none", "the tour button should show on screen");
    await page.emulateMedia({ media: "print" });
    const printed = await evalMap(page, (el) => ({
      controls: getComputedStyle(el.shadowRoot.querySelector(".controls")).display,
      tour: getComputedStyle(el.shadowRoot.querySelector("button.tour-start")).display,
      attribution: getComputedStyle(el.shadowRoot.querySelector(".attribution")).display,
    }));
    assert.equal(printed.controls, "none", "controls in print");
    assert.equal(printed.tour, "none", "tour button in print");
    assert.notEqual(printed.attribution, "none", "the attribution must stay in print");
    const file = path.join(ARTIFACTS, "print.pdf");
    await page.pdf({ path: file, format: "A4", landscape: true, printBackground: true });
    const size = statSync(file).size;
    console.log(`# print.pdf: ${size} bytes`);
    assert.ok(size > 20 * 1024, `print.pdf is only ${size} bytes`);
  } finally {
    await ctx.close();
  }
});

test("7. a closed info panel, tour card, About box or folded legend keeps nothing of what it showed (the soak of issue 12)", async () => {
  const { ctx, page } = await mainPage();
  try {
    const cdp = await ctx.newCDPSession(page);
    const gc = async () => {
      for (let i = 0; i < 2; i++) await cdp.send("HeapProfiler.collectGarbage");
      await frames(page, 2);
      for (let i = 0; i < 2; i++) await cdp.send("HeapProfiler.collectGarbage");
    };
    // The legend folds while the tour runs and is rebuilt at each step:
    // the one it showed open must go too (Chromium keeps the last layout
    // of a closed <details>' content, and the nodes it laid out).
    const legendOpen = await evalMap(page, (el) => {
      const layers = el.shadowRoot.querySelector(".layers");
      window.__shown = new WeakRef(layers.querySelector(".layer-list"));
      return layers.open;
    });
    assert.equal(legendOpen, true, "the legend starts open on a 1280×800 map");
    await evalMap(page, (el) => { el.step = 1; });
    await frames(page, 2);
    await evalMap(page, (el) => { el.step = 2; });
    await frames(page, 2);
    assert.equal(await evalMap(page, (el) => el.shadowRoot.querySelector(".layers").open), false, "the tour folds the legend");
    await gc();
    assert.equal(await page.evaluate(() => window.__shown.deref() === undefined), true,
      "the folded legend keeps the one it showed before the tour alive");
    await evalMap(page, (el) => { el.step = null; });
    // Opens a panel, remembers its first element weakly, closes it; then
    // the closed panel must be empty and, after garbage collection, the
    // element gone: nothing (a listener, a variable, the panel itself)
    // still holds it.
    const cases = [
      ["info", ".info .content", (el) => el.select("titr"), (el) => el.select(null)],
      ["tour", ".tour", (el) => { el.step = 2; }, (el) => { el.step = null; }],
      // (The About box fills in once its texts' module is in.)
      ["about", "[part=about] .content", (el) => el.shadowRoot.querySelector(".about-button").click(),
        (el) => el.shadowRoot.querySelector("[part=about] .close").click()],
    ];
    for (const [name, selector, open, close] of cases) {
      await evalMap(page, (el, src) => { new Function(`return (${src});`)()(el); }, open.toString());
      await until(page, (sel) => document.getElementById("map").shadowRoot.querySelector(sel)?.querySelectorAll("*").length >= 5,
        selector, `${name}: the open panel shows its content`);
      await evalMap(page, (el, sel) => {
        window.__shown = new WeakRef(el.shadowRoot.querySelector(sel).firstElementChild);
      }, selector);
      const left = await evalMap(page, (el, [sel, src]) => {
        new Function(`return (${src});`)()(el);
        return el.shadowRoot.querySelector(sel).childNodes.length;
      }, [selector, close.toString()]);
      assert.equal(left, 0, `${name}: the closed panel still holds ${left} nodes`);
      await gc();
      assert.equal(await page.evaluate(() => window.__shown.deref() === undefined), true,
        `${name}: what the closed panel showed is still alive after garbage collection`);
    }
  } finally {
    await ctx.close();
  }
});
