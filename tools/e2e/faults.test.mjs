// Faults a host page or a visitor's browser can throw at <bridge-map>
// (issue 12, part 3): a container of no size, a change of pixel ratio, a
// storm of resizes and of pointer events, overlay data that fails on the
// server, a wasm file that does not load, and a hidden tab. In each the map
// keeps working or says clearly why it cannot, and nothing is thrown on the
// host's page.
//
//   node --test tools/e2e/faults.test.mjs
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { complete, current, evalMap, frames, launchBrowser, startServer, until, waitReady } from "./helpers.mjs";

let server, browser, origin;

// A blank same-origin page that only loads the element; tests add maps.
const BLANK = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>faults</title>
<style>body { margin: 0; } bridge-map { display: block; width: 600px; height: 400px; }</style>
<script type="module" src="/www/bridge-map.js"></script>
</head><body><div id="box"></div></body></html>`;

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

/**
 * A new context and page. `html` (optional) is served at /faults.html;
 * `route(page)` may add routes first. Returns {ctx, page, problems}: the
 * console errors and page errors seen.
 */
async function open({ html = BLANK, path = "/faults.html", dpr = 1, route = null } = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1000, height: 700 }, deviceScaleFactor: dpr });
  const page = await ctx.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
  await page.route((u) => u.pathname === "/faults.html", (r) => r.fulfill({ status: 200, contentType: "text/html", body: html }));
  if (route) await route(page);
  await page.goto(`${origin}${path}`);
  return { ctx, page, problems };
}

/** Adds a <bridge-map id="map"> (with `style`) to #box; resolves once defined. */
function addMap(page, style = "") {
  return page.evaluate(async (css) => {
    await customElements.whenDefined("bridge-map");
    const el = document.createElement("bridge-map");
    el.id = "map";
    el.style.cssText = css;
    window.__ready = null;
    el.ready.then(() => { window.__ready = "resolved"; }, (e) => { window.__ready = `rejected: ${e.message}`; });
    document.getElementById("box").append(el);
  }, style);
}

/** The map canvas's backing size and CSS size. */
function canvasSize(page) {
  return evalMap(page, (el) => {
    const c = el.shadowRoot.querySelector("canvas:not(.highlights)");
    const r = c.getBoundingClientRect();
    return { w: c.width, h: c.height, cssW: Math.round(r.width), cssH: Math.round(r.height) };
  });
}

test("a 0×0 container draws nothing and throws nothing; given a size, the map becomes ready at that size", async () => {
  const { ctx, page, problems } = await open();
  try {
    await addMap(page, "width: 0; height: 0");
    // Long enough for the geometry and data to load and be decoded.
    await until(page, () => document.getElementById("map").stats !== null, null, "the map to be created");
    await frames(page, 10);
    const before = await page.evaluate(() => ({ ready: window.__ready, frames: document.getElementById("map").stats.frames }));
    assert.deepEqual(before, { ready: null, frames: 0 }, "no frame and no ready while the container has no size");
    await evalMap(page, (el) => { el.style.cssText = "width: 500px; height: 300px"; });
    assert.equal((await waitReady(page)).ok, true);
    await current(page);
    assert.deepEqual(await canvasSize(page), { w: 500, h: 300, cssW: 500, cssH: 300 });
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test("a change of device pixel ratio (the page zoomed) redraws the map sharp at the new ratio", async () => {
  const { ctx, page, problems } = await open();
  try {
    await addMap(page);
    assert.equal((await waitReady(page)).ok, true);
    await current(page);
    assert.deepEqual(await canvasSize(page), { w: 600, h: 400, cssW: 600, cssH: 400 });
    const cdp = await ctx.newCDPSession(page);
    // Chromium re-lays the page out only when the window changes too: one
    // pixel wider, which leaves the map's own CSS size as it was, so only
    // its size in device pixels changes.
    await cdp.send("Emulation.setDeviceMetricsOverride", { width: 1001, height: 700, deviceScaleFactor: 2, mobile: false });
    await until(page, () => devicePixelRatio === 2, null, "the pixel ratio to change");
    await until(page, () => {
      const el = document.getElementById("map");
      return el.shadowRoot.querySelector("canvas:not(.highlights)").width === 1200 && el.stats.current;
    }, null, "a sharp rendering at the new pixel ratio");
    assert.deepEqual(await canvasSize(page), { w: 1200, h: 800, cssW: 600, cssH: 400 });
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test("50 resizes in one second end in one sharp rendering at the last size, which still picks", async () => {
  const { ctx, page, problems } = await open();
  try {
    await addMap(page);
    assert.equal((await waitReady(page)).ok, true);
    await page.evaluate(async () => {
      const el = document.getElementById("map");
      for (let i = 0; i < 50; i++) {
        el.style.width = `${400 + ((i * 37) % 300)}px`;
        el.style.height = `${250 + ((i * 53) % 200)}px`;
        await new Promise((r) => setTimeout(r, 20));
      }
      el.style.width = "700px";
      el.style.height = "450px";
    });
    // The resize observer reports the last size after the next layout,
    // which can come after a frame in which the map, at its old size, was
    // current: wait for a sharp rendering at the size set.
    await until(page, () => {
      const el = document.getElementById("map");
      const c = el.shadowRoot.querySelector("canvas:not(.highlights)");
      return el.stats.current && c.width === 700 && c.height === 450;
    }, null, "a sharp rendering at 700×450");
    await current(page);
    assert.deepEqual(await canvasSize(page), { w: 700, h: 450, cssW: 700, cssH: 450 });
    // Astana, wherever the resizes left the view, is still Kazakhstan.
    const hit = await evalMap(page, (el) => { const p = el.project(71.43, 51.13); return p && el.pick(p.x, p.y, "country"); });
    assert.equal(hit?.id, "KAZ", `pick at Astana: ${JSON.stringify(hit)}`);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test("10,000 pointer events in one second: one frame per animation frame at most, a sane view, a map that still answers", async () => {
  const { ctx, page, problems } = await open();
  try {
    await addMap(page);
    assert.equal((await waitReady(page)).ok, true);
    const r = await page.evaluate(async () => {
      const el = document.getElementById("map");
      const stage = el.shadowRoot.querySelector(".stage") ?? el;
      const box = stage.getBoundingClientRect();
      const framesBefore = el.stats.frames;
      let animationFrames = 0;
      let counting = true;
      const tick = () => { if (counting) { animationFrames++; requestAnimationFrame(tick); } };
      requestAnimationFrame(tick);
      const send = (type, i, buttons) => stage.dispatchEvent(new PointerEvent(type, {
        bubbles: true, composed: true, cancelable: true, pointerId: 1, pointerType: "mouse", isPrimary: true, buttons,
        clientX: box.left + box.width / 2 + 150 * Math.sin(i / 40), clientY: box.top + box.height / 2 + 100 * Math.cos(i / 55),
      }));
      const t0 = performance.now();
      let sent = 0;
      // 10,000 events spread over about a second, in slices of one task each.
      while (sent < 10000) {
        for (let k = 0; k < 500; k++, sent++) {
          if (sent % 1000 === 0) send("pointerdown", sent, 1);
          else if (sent % 1000 === 999) send("pointerup", sent, 0);
          else send("pointermove", sent, sent % 1000 < 999 ? 1 : 0);
        }
        await new Promise((res) => setTimeout(res, 50));
      }
      const ms = performance.now() - t0;
      await new Promise((res) => setTimeout(res, 300));
      counting = false;
      return { ms, mapFrames: el.stats.frames - framesBefore, animationFrames, view: el.view };
    });
    assert.ok(r.mapFrames <= r.animationFrames + 2, `the map drew at most once an animation frame: ${JSON.stringify(r)}`);
    for (const k of ["lon", "lat", "zoom"]) assert.ok(Number.isFinite(r.view[k]), `view.${k} is finite: ${JSON.stringify(r.view)}`);
    await current(page);
    const hit = await evalMap(page, (el) => { const p = el.project(71.43, 51.13); return p && el.pick(p.x, p.y, "country"); });
    if (hit) assert.equal(hit.id, "KAZ");
    await evalMap(page, (el) => { el.view = { lon: 71.43, lat: 51.13, zoom: 4 }; });
    await current(page);
    const centre = await evalMap(page, (el) => el.pick(300, 200, "country"));
    assert.equal(centre?.id, "KAZ", "after the storm the map still moves and picks");
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

for (const [name, reply, reason] of [
  ["answers 500", { status: 500, contentType: "text/plain", body: "server error" }, /500/],
  ["answers with an HTML page instead of JSON", { status: 200, contentType: "text/html", body: "<!doctype html><p>Not found</p>" }, /JSON|json/],
]) {
  test(`overlay data that ${name}: the data banner says why, the basemap stays usable`, async () => {
    const { ctx, page, problems } = await open({
      route: (p) => p.route((u) => /\/data\/bridge\.[a-z]+(\.outline)?\.json$/.test(u.pathname), (r) => r.fulfill(reply)),
    });
    try {
      await page.evaluate(() => {
        window.__dataerror = null;
        document.addEventListener("dataerror", (e) => { window.__dataerror = e.detail.message; }, true);
      });
      await addMap(page);
      await until(page, () => window.__dataerror, null, "a dataerror event");
      const banner = await evalMap(page, (el) => {
        const b = el.shadowRoot.querySelector(".data-error");
        return { hidden: b.hidden, text: b.textContent };
      });
      assert.equal(banner.hidden, false, "the data banner is shown");
      assert.match(banner.text, reason, `the banner says why: ${banner.text}`);
      assert.equal((await waitReady(page)).ok, true, "the map is ready without its overlay");
      const hit = await evalMap(page, (el) => { const p = el.project(71.43, 51.13); return p && el.pick(p.x, p.y, "country"); });
      assert.equal(hit?.id, "KAZ", "the basemap picks");
      assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
    } finally {
      await ctx.close();
    }
  });
}

test("a wasm file that does not load: the error state says so, ready rejects, nothing is thrown on the page", async () => {
  const { ctx, page, problems } = await open({
    route: (p) => p.route((u) => u.pathname.endsWith(".wasm"), (r) => r.fulfill({ status: 404, contentType: "text/plain", body: "not here" })),
  });
  try {
    await addMap(page);
    await until(page, () => window.__ready, null, "el.ready to settle");
    assert.match(await page.evaluate(() => window.__ready), /^rejected: /);
    const state = await evalMap(page, (el) => ({
      state: el.getAttribute("data-state"),
      error: !el.shadowRoot.querySelector(".error").hidden,
      text: el.shadowRoot.querySelector(".error").textContent,
      stats: el.stats, view: el.view, pick: el.pick(10, 10),
    }));
    assert.equal(state.state, "error");
    assert.equal(state.error, true, "the error panel is shown");
    assert.ok(state.text.length > 10, `the panel says something: ${state.text}`);
    assert.deepEqual([state.stats, state.view, state.pick], [null, null, null], "later calls answer null, not throw");
    assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  } finally {
    await ctx.close();
  }
});

test("a hidden tab does no work: no frames, no animation frames, no timers; shown again, it shows what changed meanwhile", async () => {
  const { ctx, page, problems } = await open();
  try {
    await addMap(page);
    assert.equal((await waitReady(page)).ok, true);
    await complete(page);
    // Headless Chromium never hides a page: do what the browser does when
    // a tab goes to the background (see flow.test.mjs). A real browser also
    // holds animation frames there; this one does not, so the test counts
    // what the map asks for.
    const r = await page.evaluate(async () => {
      const el = document.getElementById("map");
      const count = { raf: 0, timers: 0 };
      const { requestAnimationFrame: raf, setTimeout: st, setInterval: si } = window;
      window.requestAnimationFrame = (cb) => { count.raf++; return raf.call(window, cb); };
      window.setTimeout = (...a) => { count.timers++; return st.apply(window, a); };
      window.setInterval = (...a) => { count.timers++; return si.apply(window, a); };
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      Object.defineProperty(document, "hidden", { configurable: true, get: () => true });
      document.dispatchEvent(new Event("visibilitychange"));
      // The frame that holds the particles still (a real browser runs it
      // when the tab is shown again); from then on, nothing.
      await new Promise((res) => raf.call(window, () => raf.call(window, res)));
      Object.assign(count, { raf: 0, timers: 0 });
      const before = el.stats.frames;
      await new Promise((res) => st(res, 1500));
      const idle = { frames: el.stats.frames - before, ...count };
      Object.assign(window, { requestAnimationFrame: raf, setTimeout: st, setInterval: si });
      // A host page that changes the view while the tab is hidden.
      el.view = { lon: 60, lat: 45, zoom: 3 };
      delete document.visibilityState;
      delete document.hidden;
      document.dispatchEvent(new Event("visibilitychange"));
      return idle;
    });
    assert.deepEqual(r, { frames: 0, raf: 0, timers: 0 }, "an idle map in a hidden tab does nothing at all");
    await current(page);
    assert.deepEqual(await evalMap(page, (el) => { const v = el.view; return [Math.round(v.lon), Math.round(v.lat), v.zoom]; }), [60, 45, 3]);
    assert.deepEqual(problems, []);
  } finally {
    await ctx.close();
  }
});

test("geometry that fails to download: the error state's button tries again, and the map loads", async () => {
  let refused = 0;
  const { ctx, page, problems } = await open({
    route: (p) => p.route((u) => u.pathname.endsWith("/data/countries.bmap"), (r) => {
      if (refused++ === 0) return r.fulfill({ status: 503, contentType: "text/plain", body: "busy" });
      return r.continue();
    }),
  });
  try {
    await addMap(page);
    await until(page, () => window.__ready, null, "el.ready to settle");
    assert.match(await page.evaluate(() => window.__ready), /HTTP 503/);
    const button = page.locator("#map .error button.retry");
    assert.equal(await button.textContent(), "Try again");
    await button.click();
    assert.equal((await waitReady(page)).ok, true, "el.ready after trying again");
    assert.equal(await evalMap(page, (el) => el.getAttribute("data-state")), null, "out of the error state");
    assert.equal(await page.locator("#map .error").isVisible(), false);
    await current(page);
    const hit = await evalMap(page, (el) => { const p = el.project(71.43, 51.13); return p && el.pick(p.x, p.y, "country"); });
    assert.equal(hit?.id, "KAZ");
    assert.equal(refused, 2, "the geometry was asked for twice");
    assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  } finally {
    await ctx.close();
  }
});

test("overlay data that stalls: after 20 s the banner says so, and its button loads the data", { timeout: 60_000 }, async () => {
  let stall = true;
  const held = [];
  const { ctx, page, problems } = await open({
    route: (p) => p.route((u) => /\/data\/bridge\.[a-z]+(\.outline)?\.json$/.test(u.pathname), (r) => {
      if (stall) held.push(r); // never answered while stalling
      else r.continue();
    }),
  });
  try {
    await page.evaluate(() => {
      window.__dataerror = null;
      document.addEventListener("dataerror", (e) => { window.__dataerror = e.detail.message; }, true);
    });
    await addMap(page);
    assert.equal((await waitReady(page, 40000)).ok, true, "the basemap is ready while the data stalls");
    await until(page, () => window.__dataerror, null, "a dataerror after the stall", 40000);
    assert.match(await page.evaluate(() => window.__dataerror), /no answer in 20 s/);
    const button = page.locator("#map .data-error button.retry");
    assert.equal(await button.textContent(), "Try again");
    stall = false;
    await button.click();
    await until(page, () => document.getElementById("map").features().length > 0, null, "the overlay to load on trying again");
    assert.equal(await page.locator("#map .data-error").isVisible(), false, "the banner is gone once the data is in");
    assert.ok(held.length >= 1);
    assert.deepEqual(problems.filter((p) => p.startsWith("pageerror")), []);
  } finally {
    await ctx.close();
  }
});

// Canvas context loss. A 2D context is lost when the GPU process resets or
// the browser reclaims memory; what was drawn goes with it, and the context
// comes back only if the browser chooses. Headless Chromium in software
// raster never loses one and has no call that forces it, so these tests do
// what a loss does: the context says `isContextLost()` and its canvas is
// torn down (cleared) at the moment the map asks. The map must not show
// the blank drawing, must draw again on a fresh canvas, and must keep
// going; drawing in the raster worker, the worker does the same.

/** A page that refuses workers: the map draws on the main thread. */
const NO_WORKER = BLANK.replace("<title>", `<meta http-equiv="Content-Security-Policy" content="worker-src 'none'"><title>`);

/** Makes the next `n` `isContextLost()` calls on any OffscreenCanvas 2D
 *  context in `scope` (the page or a worker) lose it: the canvas is
 *  cleared and the call says true. `self.__lost` counts them, and
 *  `self.__fresh` counts OffscreenCanvases made since. */
function arm(scope, n) {
  return scope.evaluate((count) => {
    const proto = OffscreenCanvasRenderingContext2D.prototype;
    self.__realLost ??= proto.isContextLost;
    self.__lost = 0;
    self.__fresh = 0;
    let left = count;
    proto.isContextLost = function () {
      if (left > 0) {
        left--;
        self.__lost++;
        this.canvas.width = this.canvas.width; // the teardown: the pixels are gone
        return true;
      }
      return self.__realLost.call(this);
    };
    const Real = self.__RealOffscreen ??= OffscreenCanvas;
    self.OffscreenCanvas = class extends Real {
      constructor(...a) { super(...a); self.__fresh++; }
    };
  }, n);
}

/** How many colours the shown map canvas (`canvas.highlights` for `lit`)
 *  has on a 60×40 sample: 1 for a blank one. */
function colours(page, lit = false) {
  return evalMap(page, (el, sel) => {
    const c = el.shadowRoot.querySelector(sel);
    const s = document.createElement("canvas");
    s.width = 60; s.height = 40;
    const g = s.getContext("2d", { willReadFrequently: true });
    g.drawImage(c, 0, 0, 60, 40);
    const d = g.getImageData(0, 0, 60, 40).data;
    const seen = new Set();
    for (let i = 0; i < d.length; i += 4) seen.add(`${d[i] >> 4},${d[i + 1] >> 4},${d[i + 2] >> 4},${d[i + 3] >> 4}`);
    return seen.size;
  }, lit ? "canvas.highlights" : "canvas:not(.highlights)");
}

test("context loss on the main thread: the blank drawing is not shown, the map and its highlights are drawn again on fresh canvases", async () => {
  const { ctx, page, problems } = await open({ html: NO_WORKER });
  try {
    await addMap(page);
    assert.equal((await waitReady(page)).ok, true);
    await complete(page);
    assert.equal(await evalMap(page, (el) => el.stats.raster), "main", "the page refuses workers");
    // A rendering whose canvas is lost as it is finished.
    await arm(page, 1);
    const before = await evalMap(page, (el) => el.stats.basemapRenders);
    await evalMap(page, (el) => { el.view = { lon: 67, lat: 48, zoom: 2 }; });
    await current(page);
    const after = await page.evaluate(() => ({ lost: self.__lost, fresh: self.__fresh, renders: document.getElementById("map").stats.basemapRenders }));
    assert.equal(after.lost, 1, "the loss was seen");
    assert.ok(after.fresh >= 1, `a fresh canvas was made (${after.fresh})`);
    assert.ok(after.renders > before, `drawn again after the loss (${before} → ${after.renders})`);
    assert.ok(await colours(page) > 3, "the map shows a drawing, not the blank canvas");
    // The highlights' canvas lost as the selection is drawn.
    await arm(page, 1);
    await evalMap(page, (el) => el.select("KAZ"));
    await current(page);
    assert.equal(await page.evaluate(() => self.__lost), 1);
    assert.ok(await page.evaluate(() => self.__fresh) >= 1, "a fresh highlights canvas was made");
    assert.ok(await colours(page, true) > 1, "the selection is drawn");
    // And it goes on: a pan and a pick.
    await evalMap(page, (el) => { el.view = { lon: 71.43, lat: 51.13, zoom: 3 }; });
    await current(page);
    const hit = await evalMap(page, (el) => { const p = el.project(71.43, 51.13); return p && el.pick(p.x, p.y, "country"); });
    assert.equal(hit?.id, "KAZ");
    assert.deepEqual(problems.filter((p) => !/Content Security Policy/.test(p)), []);
  } finally {
    await ctx.close();
  }
});

for (const [losses, keeps] of [[1, "worker"], [2, "main"]]) {
  test(`context loss in the raster worker, ${losses === 1 ? "once: it draws again on a fresh canvas" : "twice running: the map draws on the main thread"}`, async () => {
    const { ctx, page, problems } = await open();
    try {
      await addMap(page);
      assert.equal((await waitReady(page)).ok, true);
      await complete(page);
      assert.equal(await evalMap(page, (el) => el.stats.raster), "worker");
      const [worker] = page.workers();
      assert.ok(worker, "the raster worker runs");
      await arm(worker, losses);
      const before = await evalMap(page, (el) => el.stats.basemapRenders);
      await evalMap(page, (el) => { el.view = { lon: 67, lat: 48, zoom: 2 }; });
      await until(page, (n) => { const s = document.getElementById("map").stats; return s.current && s.basemapRenders > n; }, before, "a rendering after the loss");
      assert.equal(await evalMap(page, (el) => el.stats.raster), keeps);
      if (keeps === "worker") assert.equal(await worker.evaluate(() => self.__lost), 1, "the loss was seen");
      else assert.ok(!page.workers().includes(worker), "the worker that failed is gone");
      assert.ok(await colours(page) > 3, "the map shows a drawing, not the blank canvas");
      const hit = await evalMap(page, (el) => { const p = el.project(71.43, 51.13); return p && el.pick(p.x, p.y, "country"); });
      assert.equal(hit?.id, "KAZ");
      assert.deepEqual(problems, []);
    } finally {
      await ctx.close();
    }
  });
}
