// End-to-end tests of <bridge-map> in headless Chromium, driven like a person
// (real mouse and keyboard input through the DevTools protocol).
//
//   node --test tools/e2e/
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  ROOT, basemapRenders, current, drawnOver, ensureArtifacts, evalMap, frames, launchBrowser, recordEvents,
  settled, startServer, takeEvents, until, waitReady,
} from "./helpers.mjs";

const PLACES = {
  astana: [71.446, 51.18],
  almaty: [76.912, 43.253],
  moscow: [37.618, 55.752],
  caspian: [51, 42],
  china: [100, 35],
};
const PX = 1.5; // screen tolerance in CSS px

let server, browser, context, page, origin;
let initialView;
const problems = []; // console errors/warnings and page errors on the main pages
const requests = []; // every request URL made by the main pages

function watch(p) {
  p.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push({ type: m.type(), text: m.text(), url: p.url() });
  });
  p.on("pageerror", (e) => problems.push({ type: "pageerror", text: String(e && e.stack || e), url: p.url() }));
  p.on("request", (r) => requests.push(r.url()));
}

async function openMain(ctx = context) {
  const p = await ctx.newPage();
  watch(p);
  await p.goto(`${origin}/www/index.html`);
  const r = await waitReady(p);
  assert.ok(r.ok, `el.ready did not resolve: ${r.error}`);
  // This suite checks the basemap: with the bridge overlay shown, the
  // Northern Corridor runs through Astana and ferries cross the Caspian, so
  // picks and hovers there would (rightly) meet routes. bridge.test.mjs
  // covers the overlay.
  await evalMap(p, (el) => { el.layers = []; });
  // The sharp rendering without layers (the first frame is soft).
  await current(p);
  await recordEvents(p);
  return p;
}

const project = (p, [lon, lat]) => evalMap(p, (el, a) => el.project(a[0], a[1]), [lon, lat]);
const pick = (p, { x, y }) => evalMap(p, (el, a) => el.pick(a.x, a.y), { x, y });
const view = (p) => evalMap(p, (el) => el.view);
const setView = (p, v) => evalMap(p, (el, a) => { el.view = a; }, v);

function near(actual, expected, tol, what) {
  assert.ok(actual, `${what}: got ${JSON.stringify(actual)}`);
  const dx = actual.x - expected.x, dy = actual.y - expected.y;
  assert.ok(Math.abs(dx) <= tol && Math.abs(dy) <= tol,
    `${what}: expected (${expected.x.toFixed(2)}, ${expected.y.toFixed(2)}) ±${tol}, got (${actual.x.toFixed(2)}, ${actual.y.toFixed(2)})`);
}

function sameView(a, b, tol, what) {
  for (const k of ["lon", "lat", "zoom"]) {
    assert.ok(Math.abs(a[k] - b[k]) <= tol, `${what}: ${k} expected ${b[k]}, got ${a[k]} (view ${JSON.stringify(a)})`);
  }
}

/** Back to the home view with the mouse parked over the sea and no pending frames. */
async function reset(p = page) {
  await setView(p, initialView);
  const sea = await project(p, PLACES.caspian);
  await p.mouse.move(sea.x, sea.y);
  await frames(p, 3);
  await takeEvents(p);
}

/** Focuses the canvas by clicking an empty sea point (no country there). */
async function focusCanvas(p = page) {
  const sea = await project(p, PLACES.caspian);
  assert.equal(await pick(p, sea), null, "Caspian point should be sea");
  await p.mouse.click(sea.x, sea.y);
  const focused = await evalMap(p, (el) => el.shadowRoot.activeElement?.tagName ?? null);
  assert.equal(focused, "CANVAS", "canvas should have focus after a click");
  await frames(p, 2);
  await takeEvents(p);
}

async function press(p, key) {
  await p.keyboard.press(key);
  await frames(p, 2);
}

/** Colour of the map under CSS point (x, y), read at device-pixel coordinates:
 *  the map canvas with the highlight canvas the core draws over it. */
function canvasPixel(p, { x, y }) {
  return evalMap(p, (el, a) => {
    const c = el.shadowRoot.querySelector("canvas");
    const lit = el.shadowRoot.querySelector("canvas.highlights");
    const s = c.width / c.clientWidth;
    // Copy through a 1×1 scratch canvas so repeated reads don't touch the map's own context.
    const scratch = document.createElement("canvas");
    scratch.width = scratch.height = 1;
    const g = scratch.getContext("2d", { willReadFrequently: true });
    g.drawImage(c, Math.round(a.x * s), Math.round(a.y * s), 1, 1, 0, 0, 1, 1);
    if (lit && getComputedStyle(lit).visibility !== "hidden") g.drawImage(lit, Math.round(a.x * s), Math.round(a.y * s), 1, 1, 0, 0, 1, 1);
    const d = g.getImageData(0, 0, 1, 1).data;
    return [d[0], d[1], d[2], d[3]];
  }, { x, y });
}

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  page = await openMain();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

test("1. loads: HiDPI canvas, Astana picks KAZ, Caspian is sea", async () => {
  initialView = await view(page);
  assert.ok(initialView && Number.isFinite(initialView.zoom), `initial view: ${JSON.stringify(initialView)}`);
  const size = await evalMap(page, (el) => {
    const c = el.shadowRoot.querySelector("canvas");
    return { w: c.width, h: c.height, cw: c.clientWidth, ch: c.clientHeight };
  });
  assert.deepEqual(size, { w: 2560, h: 1600, cw: 1280, ch: 800 });
  const astana = await project(page, PLACES.astana);
  assert.ok(astana && astana.x > 0 && astana.x < 1280 && astana.y > 0 && astana.y < 800,
    `Astana should project inside the viewport, got ${JSON.stringify(astana)}`);
  const kaz = await pick(page, astana);
  assert.equal(kaz?.id, "KAZ", `pick at Astana: ${JSON.stringify(kaz)}`);
  assert.equal(kaz?.kind, "country");
  assert.equal(kaz?.name, "Kazakhstan");
  const caspian = await project(page, PLACES.caspian);
  assert.equal(await pick(page, caspian), null, "Caspian Sea should pick null");
  // Round trip project ↔ unproject.
  const ll = await evalMap(page, (el, a) => el.unproject(a.x, a.y), astana);
  assert.ok(Math.abs(ll.lon - PLACES.astana[0]) < 1e-6 && Math.abs(ll.lat - PLACES.astana[1]) < 1e-6,
    `unproject(project(Astana)) = ${JSON.stringify(ll)}`);
});

test("2. drag pans by exactly the pointer movement", async () => {
  await reset();
  // One level in: the home view shows the whole kept region and has little
  // room to pan (tests/crop.rs).
  await setView(page, { zoom: initialView.zoom + 1 });
  await frames(page, 2);
  await takeEvents(page);
  const a = await project(page, PLACES.almaty);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(a.x + 200, a.y + 100, { steps: 10 });
  await page.mouse.up();
  await frames(page, 2);
  const b = await project(page, PLACES.almaty);
  near(b, { x: a.x + 200, y: a.y + 100 }, PX, "Almaty after drag");
  const ev = await takeEvents(page);
  assert.ok(ev.some((e) => e.type === "viewchange"), "a viewchange event should fire while dragging");
});

test("3. wheel zooms around the pointer", async () => {
  // Headless Chromium with deviceScaleFactor 2 scales the DOM deltaY of a
  // DevTools wheel event (wheel(0, -300) arrives as deltaY -150), so the
  // test records what the canvas actually receives and sends enough for a
  // DOM deltaY of -300 px, which the map turns into exactly one zoom level.
  await reset();
  await evalMap(page, (el) => {
    window.__wheel = [];
    el.shadowRoot.querySelector("canvas").addEventListener("wheel",
      (e) => window.__wheel.push({ dy: e.deltaY, mode: e.deltaMode }), { passive: true });
  });
  const p = await project(page, PLACES.moscow);
  await page.mouse.move(p.x, p.y);
  const z0 = (await view(page)).zoom;
  await page.mouse.wheel(0, -100);
  await frames(page, 2);
  const [probe] = await page.evaluate(() => window.__wheel.splice(0));
  assert.ok(probe && probe.mode === 0 && probe.dy < 0, `wheel event seen by the canvas: ${JSON.stringify(probe)}`);
  const zp = (await view(page)).zoom;
  assert.ok(Math.abs(zp - z0 - (-probe.dy / 300)) <= 0.01, `wheel deltaY ${probe.dy}: zoom ${z0} → ${zp}`);
  near(await project(page, PLACES.moscow), p, PX, "Moscow under the pointer after a small wheel");

  await reset();
  const q = await project(page, PLACES.moscow);
  await page.mouse.move(q.x, q.y);
  const scale = -100 / probe.dy; // CDP units per DOM px
  await page.mouse.wheel(0, -300 * scale);
  await frames(page, 3);
  const [w] = await page.evaluate(() => window.__wheel.splice(0));
  assert.ok(Math.abs(w.dy + 300) < 1, `DOM wheel deltaY should be -300, got ${w.dy}`);
  const ev = await takeEvents(page);
  assert.ok(ev.some((e) => e.type === "viewchange"), "viewchange after wheel");
  const z1 = (await view(page)).zoom;
  assert.ok(Math.abs(z1 - z0 - 1) <= 0.01, `zoom after wheel deltaY -300: ${z0} → ${z1}, expected +1`);
  near(await project(page, PLACES.moscow), q, PX, "Moscow under the pointer after wheel");
});

test("4. double-click zooms in by 1 around the point", async () => {
  await reset();
  const p = { x: 760, y: 430 };
  const ll = await evalMap(page, (el, a) => el.unproject(a.x, a.y), p);
  assert.ok(ll, "unproject(760, 430)");
  const z0 = (await view(page)).zoom;
  await page.mouse.dblclick(p.x, p.y);
  await frames(page, 3);
  const z1 = (await view(page)).zoom;
  assert.ok(Math.abs(z1 - z0 - 1) <= 0.01, `zoom after dblclick: ${z0} → ${z1}`);
  near(await project(page, [ll.lon, ll.lat]), p, PX, "point under the double-click");
});

test("5. keyboard: + - arrows 0 Home", async () => {
  await reset();
  await focusCanvas();
  const z0 = (await view(page)).zoom;
  await press(page, "+");
  assert.ok(Math.abs((await view(page)).zoom - (z0 + 1)) <= 1e-6, `'+' zoom ${z0} → ${(await view(page)).zoom}`);
  await press(page, "-");
  assert.ok(Math.abs((await view(page)).zoom - z0) <= 1e-6, `'-' zoom back to ${z0}, got ${(await view(page)).zoom}`);
  // The arrows one level in, where the view has room to pan.
  await press(page, "+");
  const before = await project(page, PLACES.astana);
  await press(page, "ArrowRight");
  near(await project(page, PLACES.astana), { x: before.x - 96, y: before.y }, PX, "Astana after ArrowRight");
  await press(page, "ArrowDown");
  near(await project(page, PLACES.astana), { x: before.x - 96, y: before.y - 96 }, PX, "Astana after ArrowDown");
  await press(page, "0");
  sameView(await view(page), initialView, 1e-6, "view after '0'");
  await press(page, "ArrowLeft");
  await press(page, "ArrowUp");
  await press(page, "+");
  assert.notDeepEqual(await view(page), initialView);
  await press(page, "Home");
  sameView(await view(page), initialView, 1e-6, "view after Home");
  const ev = await takeEvents(page);
  assert.ok(ev.filter((e) => e.type === "viewchange").length >= 8, `viewchange per key press, got ${ev.length}`);
});

test("6. zoom limits", async () => {
  await reset();
  await focusCanvas();
  // Zooming out stops at most one level below the home view, sooner when
  // the map would show more than the geometry keeps (tests/crop.rs).
  const zs = [];
  for (let i = 0; i < 5; i++) {
    await press(page, "-");
    zs.push((await view(page)).zoom);
  }
  const min = zs.at(-1);
  assert.ok(min >= initialView.zoom - 1 - 1e-6 && min < initialView.zoom, `zoom out stops between initial−1 and initial: ${zs}`);
  assert.ok(Math.abs(zs.at(-2) - min) <= 1e-6, `zoom should stop at its floor: ${zs}`);
  const kz = await project(page, PLACES.astana);
  await page.mouse.move(kz.x, kz.y);
  let maxSeen = -Infinity;
  for (let i = 0; i < 16; i++) {
    await page.mouse.wheel(0, -400);
    maxSeen = Math.max(maxSeen, (await view(page)).zoom);
  }
  await frames(page, 2);
  const ev = await takeEvents(page);
  for (const e of ev) if (e.type === "viewchange") maxSeen = Math.max(maxSeen, e.detail.zoom);
  assert.ok(maxSeen <= 9 + 1e-6, `zoom exceeded 9: ${maxSeen}`);
  assert.ok(Math.abs((await view(page)).zoom - 9) <= 1e-6, `zoom should reach 9, got ${(await view(page)).zoom}`);
  // And the key: + at max stays at max.
  await press(page, "+");
  assert.ok((await view(page)).zoom <= 9 + 1e-6);
});

test("7. hover shows the tooltip and highlights the country", async () => {
  await reset();
  const tip = page.locator("#map [role=tooltip]");
  const kz = await project(page, PLACES.astana);
  const sea = await project(page, PLACES.caspian);
  await frames(page, 3);
  assert.equal(await tip.isVisible(), false, "tooltip hidden over the sea");
  const plain = await canvasPixel(page, kz);
  await page.mouse.move(kz.x, kz.y, { steps: 4 });
  await tip.waitFor({ state: "visible", timeout: 3000 });
  assert.match(await tip.locator("strong").textContent(), /Kazakhstan/);
  await frames(page, 3);
  const lit = await canvasPixel(page, kz);
  assert.notDeepEqual(lit, plain, `Kazakhstan pixel should change on hover (before ${plain}, hover ${lit})`);
  await page.mouse.move(sea.x, sea.y, { steps: 4 });
  await tip.waitFor({ state: "hidden", timeout: 3000 });
  await frames(page, 3);
  assert.deepEqual(await canvasPixel(page, kz), plain, "highlight should go away when the pointer leaves");
});

test("8. click selects", async () => {
  await reset();
  const cn = await project(page, PLACES.china);
  assert.equal((await pick(page, cn))?.id, "CHN");
  await page.mouse.click(cn.x, cn.y);
  await frames(page, 2);
  let sel = (await takeEvents(page)).filter((e) => e.type === "select");
  assert.equal(sel.length, 1, `one select event, got ${JSON.stringify(sel)}`);
  assert.equal(sel[0].detail?.id, "CHN");
  const sea = await project(page, PLACES.caspian);
  await page.mouse.click(sea.x, sea.y);
  await frames(page, 2);
  sel = (await takeEvents(page)).filter((e) => e.type === "select");
  assert.equal(sel.length, 1, `one select event on the sea, got ${JSON.stringify(sel)}`);
  assert.equal(sel[0].detail, null);
});

test("9. idle draws nothing", async () => {
  await reset();
  const a = await evalMap(page, (el) => el.stats);
  assert.ok(a && Number.isFinite(a.frames) && a.frames >= 1, `stats: ${JSON.stringify(a)}`);
  // Idle over a counted number of animation frames (60, a second at 60 Hz).
  const idle = await drawnOver(page, 60);
  assert.equal(idle.frames, 0, `${idle.frames} map frames drawn in ${idle.rafs} idle animation frames`);
  assert.equal(idle.basemapRenders, 0, "basemap re-rendered while idle");
});

test("10. resize keeps HiDPI and picking", async () => {
  try {
    await page.setViewportSize({ width: 700, height: 900 });
    let size;
    for (let i = 0; i < 50; i++) {
      await frames(page, 1);
      size = await evalMap(page, (el) => {
        const c = el.shadowRoot.querySelector("canvas");
        return { w: c.width, h: c.height };
      });
      if (size.w === 1400 && size.h === 1800) break;
    }
    assert.deepEqual(size, { w: 1400, h: 1800 });
    await frames(page, 2);
    const astana = await project(page, PLACES.astana);
    assert.ok(astana && astana.x > 0 && astana.x < 700 && astana.y > 0 && astana.y < 900,
      `Astana inside the resized viewport: ${JSON.stringify(astana)}`);
    assert.equal((await pick(page, astana))?.id, "KAZ");
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
    await frames(page, 3);
  }
});

// Pages that are expected to fail live in their own context, so their
// (expected) console errors are not counted against the main page.
async function failingPage(ctx, body, contentType = "application/octet-stream", status = 200) {
  const p = await ctx.newPage();
  const pageErrors = [];
  const consoleErrors = [];
  p.on("pageerror", (e) => pageErrors.push(String(e)));
  p.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  await p.route("**/data/countries.bmap", (route) =>
    route.fulfill({ status, contentType, body }));
  await p.goto(`${origin}/www/index.html`);
  const r = await waitReady(p);
  const box = p.locator("#map .error");
  await box.waitFor({ state: "visible", timeout: 5000 });
  const text = await box.textContent();
  const state = await evalMap(p, (el) => el.getAttribute("data-state"));
  await p.close();
  return { ready: r, text, state, pageErrors, consoleErrors };
}

test("11. bad geometry shows a readable error", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const real = readFileSync(path.join(ROOT, "data", "countries.bmap"));
    const flipped = Buffer.from(real);
    flipped[flipped.length >> 1] ^= 0x5a;
    const cases = [
      { name: "404", body: "Not Found", type: "text/plain", status: 404, expect: [/geometry/i, /HTTP 404|404/] },
      { name: "corrupt", body: flipped, expect: [/corrupt|checksum/i] },
      { name: "html", body: "<!doctype html><title>oops</title>", type: "text/html", expect: [/not a Bridge Map geometry file/] },
    ];
    for (const c of cases) {
      const r = await failingPage(ctx, c.body, c.type, c.status ?? 200);
      assert.equal(r.ready.ok, false, `${c.name}: el.ready should reject`);
      assert.equal(r.state, "error", `${c.name}: data-state`);
      for (const re of c.expect) assert.match(r.text, re, `${c.name}: error text`);
      assert.match(r.ready.error, c.expect[0], `${c.name}: ready rejection message`);
      assert.deepEqual(r.pageErrors, [], `${c.name}: uncaught page errors`);
    }
  } finally {
    await ctx.close();
  }
});

test("11b. the full detail arrives after ready; without it the map keeps its coarse level", async () => {
  // The normal page: the detail file is fetched after `ready` and taken in.
  await until(page, () => document.getElementById("map").stats?.detail === true, null, "the full-detail geometry");
  const loaded = await page.evaluate(() => performance.getEntriesByType("resource")
    .filter((e) => e.name.endsWith(".bmap")).map((e) => new URL(e.name).pathname));
  // (Earlier tests zoomed this page in, so the 1:10m file may follow: 11c.)
  assert.deepEqual(loaded.filter((p) => !p.endsWith("-10m.bmap")), ["/data/countries.bmap", "/data/countries-50m.bmap"]);

  // A detail file that fails (404, cut, or never answering) leaves a
  // working map: ready resolves, picking works, one warning, no page error.
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const real = readFileSync(path.join(ROOT, "data", "countries-50m.bmap"));
    for (const [name, reply] of [
      ["404", (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "Not Found" })],
      ["cut", (route) => route.fulfill({ status: 200, contentType: "application/octet-stream", body: real.subarray(0, 5000) })],
      ["hanging", () => {}],
    ]) {
      const p = await ctx.newPage();
      const logged = [];
      let warned;
      const warning = new Promise((resolve) => { warned = resolve; });
      p.on("console", (m) => {
        if (m.type() === "error" || m.type() === "warning") logged.push({ type: m.type(), text: m.text() });
        if (m.type() === "warning" && /bridge-map/.test(m.text())) warned();
      });
      p.on("pageerror", (e) => logged.push({ type: "pageerror", text: String(e) }));
      await p.route("**/data/countries-50m.bmap", reply);
      await p.goto(`${origin}/www/index.html`);
      assert.ok((await waitReady(p)).ok, `${name}: el.ready resolves`);
      if (name !== "hanging") {
        let timer;
        await Promise.race([warning, new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`${name}: no warning about the detail`)), 10000);
        })]).finally(() => clearTimeout(timer));
      }
      await evalMap(p, (el) => { el.layers = []; });
      const astana = await project(p, PLACES.astana);
      assert.equal((await pick(p, astana))?.id, "KAZ", `${name}: pick works on the coarse level`);
      await setView(p, { lon: 49.87, lat: 40.41, zoom: 6 });
      await frames(p, 20);
      const stats = await evalMap(p, (el) => el.stats);
      assert.equal(stats.detail, false, `${name}: no detail`);
      assert.equal(await evalMap(p, (el) => el.getAttribute("data-state")), null, `${name}: no error state`);
      const ours = logged.filter((l) => l.type === "pageerror" || /bridge-map/.test(l.text));
      assert.ok(ours.every((l) => l.type === "warning"), `${name}: only warnings: ${JSON.stringify(logged)}`);
      assert.ok(ours.length <= 1, `${name}: at most one warning: ${JSON.stringify(logged)}`);
      await p.close();
    }
  } finally {
    await ctx.close();
  }
});

test("11c. the 1:10m geometry is fetched only once a view comes close, and drawn there", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const bmaps = (p) => p.evaluate(() => performance.getEntriesByType("resource")
      .filter((e) => e.name.endsWith(".bmap")).map((e) => new URL(e.name).pathname));
    const p = await ctx.newPage();
    await p.goto(`${origin}/www/index.html`);
    assert.ok((await waitReady(p)).ok);
    await until(p, () => document.getElementById("map").stats?.detail === true, null, "the full-detail geometry");
    await setView(p, { lon: 60, lat: 45, zoom: 4.2 });
    await frames(p, 10);
    assert.deepEqual(await bmaps(p), ["/data/countries.bmap", "/data/countries-50m.bmap"], "not at zoom 4.2");
    assert.equal((await evalMap(p, (el) => el.stats)).fine, false);
    // Close over Baku: fetched once, taken in, drawn.
    await setView(p, { lon: 49.87, lat: 40.41, zoom: 7 });
    await until(p, () => document.getElementById("map").stats?.fine === true, null, "the fine geometry");
    await frames(p, 20);
    assert.deepEqual(await bmaps(p), ["/data/countries.bmap", "/data/countries-50m.bmap", "/data/countries-10m.bmap"]);
    const stats = await evalMap(p, (el) => el.stats);
    assert.ok(stats.fineMs > 0, "its preparation is timed");
    await evalMap(p, (el) => { el.layers = []; });
    await frames(p, 10);
    const baku = await project(p, [49.87, 40.41]);
    assert.equal((await pick(p, baku))?.id, "AZE", "Baku is in Azerbaijan at 1:10m");
    await p.screenshot({ path: path.join(ensureArtifacts(), "fine-baku.png"), scale: "css" });
    await p.close();

    // A fine file that cannot be had leaves the 1:50m detail: one warning.
    const q = await ctx.newPage();
    const warnings = [];
    q.on("console", (m) => { if (m.type() === "warning" && /bridge-map/.test(m.text())) warnings.push(m.text()); });
    await q.route("**/data/countries-10m.bmap", (route) => route.fulfill({ status: 404, contentType: "text/plain", body: "Not Found" }));
    await q.goto(`${origin}/www/index.html#v=49.87,40.41,7`);
    assert.ok((await waitReady(q)).ok);
    await until(q, () => document.getElementById("map").stats?.detail === true, null, "the full-detail geometry");
    for (let i = 0; i < 100 && warnings.length === 0; i++) await frames(q, 5);
    assert.equal((await evalMap(q, (el) => el.stats)).fine, false);
    assert.equal(warnings.length, 1, JSON.stringify(warnings));
    assert.match(warnings[0], /fine geometry/);
    await q.close();
  } finally {
    await ctx.close();
  }
});

test("12. panic event switches to the error state", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const p = await ctx.newPage();
    const pageErrors = [];
    p.on("pageerror", (e) => pageErrors.push(String(e)));
    await p.goto(`${origin}/www/index.html`);
    assert.ok((await waitReady(p)).ok);
    assert.equal(await p.locator("#map .error").isVisible(), false);
    await p.evaluate(() => window.dispatchEvent(new CustomEvent("bridge-map-panic", { detail: "test panic" })));
    const box = p.locator("#map .error");
    await box.waitFor({ state: "visible", timeout: 3000 });
    assert.match(await box.textContent(), /test panic/);
    assert.equal(await evalMap(p, (el) => el.getAttribute("data-state")), "error");
    assert.equal(await evalMap(p, (el) => el.stats), null, "map freed after the panic");
    assert.deepEqual(pageErrors, []);
  } finally {
    await ctx.close();
  }
});

test("12b. error state hides the canvas (not focusable behind the error box)", async () => {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const p = await ctx.newPage();
    await p.goto(`${origin}/www/index.html`);
    assert.ok((await waitReady(p)).ok);
    await p.evaluate(() => window.dispatchEvent(new CustomEvent("bridge-map-panic", { detail: "test panic" })));
    await p.locator("#map .error").waitFor({ state: "visible", timeout: 3000 });
    const c = await evalMap(p, (el) => {
      const c = el.shadowRoot.querySelector("canvas");
      return { hiddenAttr: c.hidden, display: getComputedStyle(c).display };
    });
    assert.equal(c.hiddenAttr, true, "the element sets canvas.hidden");
    assert.equal(c.display, "none",
      "canvas[hidden] is still displayed (shadow CSS `canvas { display: block }` overrides the hidden attribute), so it stays in the tab order behind the error box");
  } finally {
    await ctx.close();
  }
});

test("13. screenshots", async () => {
  const dir = ensureArtifacts();
  const p = await openMain();
  const home = path.join(dir, "e2e-home.png");
  const sea = await project(p, PLACES.caspian);
  await p.mouse.move(sea.x, sea.y);
  await frames(p, 3);
  await p.screenshot({ path: home, scale: "css" });
  const kz = await project(p, [67.5, 48.3]);
  await p.mouse.move(kz.x, kz.y);
  const renders = await basemapRenders(p);
  const z0 = (await view(p)).zoom;
  for (let i = 0; i < 3; i++) await p.mouse.wheel(0, -300);
  await settled(p, renders); // the sharp basemap after the wheel pauses
  await frames(p, 2);
  const zoomed = path.join(dir, "e2e-zoomed.png");
  await p.screenshot({ path: zoomed, scale: "css" });
  const z1 = (await view(p)).zoom;
  await p.close();
  const png = (f) => { const b = readFileSync(f); return { w: b.readUInt32BE(16), h: b.readUInt32BE(20) }; };
  assert.deepEqual(png(home), { w: 1280, h: 800 });
  assert.deepEqual(png(zoomed), { w: 1280, h: 800 });
  // The size alone is Playwright's; the pictures must show what was done.
  assert.ok(z1 > z0 + 0.5, `the wheel zoomed in: ${z0} → ${z1}`);
  assert.notDeepEqual(readFileSync(zoomed), readFileSync(home), "the zoomed screenshot equals the home one");
  console.log(`screenshots: ${home}\n             ${zoomed}`);
});

test("14. main pages: no console errors, no page errors, same-origin requests only", async () => {
  const warnings = problems.filter((p) => p.type === "warning");
  if (warnings.length) console.log(`console warnings:\n${warnings.map((w) => `  ${w.text}`).join("\n")}`);
  const errors = problems.filter((p) => p.type !== "warning");
  assert.deepEqual(errors, [], "console errors / page errors on the main pages");
  assert.ok(requests.length > 0);
  const foreign = requests.filter((u) => new URL(u).origin !== origin);
  assert.deepEqual(foreign, [], "requests to other origins");
});
