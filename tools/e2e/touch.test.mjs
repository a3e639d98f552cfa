// Touch gestures on a phone-sized page: one finger pans, two fingers pinch-zoom.
// Touches are sent through the DevTools protocol (Input.dispatchTouchEvent),
// which Chromium turns into real pointer events with pointerType "touch".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { armEvent, startServer, launchBrowser, evalMap, waitReady, frames, until } from "./helpers.mjs";

let server, browser, page, cdp;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 390, height: 780 }, deviceScaleFactor: 3, hasTouch: true, isMobile: true });
  page = await context.newPage();
  await page.goto(`${server.origin}/www/index.html`);
  const r = await waitReady(page);
  assert.ok(r.ok, r.error);
  cdp = await context.newCDPSession(page);
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const touch = (type, points) =>
  cdp.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });

test("one finger drags the map", async () => {
  // One level in: the home view shows the whole kept region and has little
  // room to pan (tests/crop.rs).
  await evalMap(page, (el) => { el.view = { zoom: el.view.zoom + 1 }; });
  await frames(page, 2);
  const start = await evalMap(page, (el) => el.project(76.912, 43.253));
  const from = [start.x, start.y];
  await touch("touchStart", [from]);
  for (let i = 1; i <= 8; i++) await touch("touchMove", [[from[0] - 10 * i, from[1] + 5 * i]]);
  await touch("touchEnd", []);
  await frames(page, 2);
  const now = await evalMap(page, (el) => el.project(76.912, 43.253));
  assert.ok(Math.abs(now.x - (start.x - 80)) < 1.5, `x moved to ${now.x}, expected ${start.x - 80}`);
  assert.ok(Math.abs(now.y - (start.y + 40)) < 1.5, `y moved to ${now.y}, expected ${start.y + 40}`);
});

test("two fingers spreading apart zoom in around their midpoint", async () => {
  await evalMap(page, (el) => el.view = { lon: 70, lat: 47, zoom: 3 });
  await frames(page, 2);
  const mid = [195, 400];
  const under = await evalMap(page, (el, [x, y]) => el.unproject(x, y), mid);
  const before = await evalMap(page, (el) => el.view.zoom);
  // 60 px apart → 240 px apart: two zoom levels.
  await touch("touchStart", [[mid[0] - 30, mid[1]], [mid[0] + 30, mid[1]]]);
  for (let i = 1; i <= 9; i++) await touch("touchMove", [[mid[0] - 30 - 10 * i, mid[1]], [mid[0] + 30 + 10 * i, mid[1]]]);
  await touch("touchEnd", []);
  await frames(page, 2);
  const after = await evalMap(page, (el) => el.view.zoom);
  assert.ok(Math.abs(after - before - 2) < 0.02, `zoom ${before} → ${after}, expected +2`);
  const p = await evalMap(page, (el, ll) => el.project(ll.lon, ll.lat), under);
  assert.ok(Math.abs(p.x - mid[0]) < 1.5 && Math.abs(p.y - mid[1]) < 1.5, `anchor drifted to ${p.x},${p.y}`);
});

test("a tap selects the country and shows its name", async () => {
  // The basemap under a finger: hide the overlay (the Northern Corridor
  // runs through Astana; tapping it would rightly select the corridor).
  await evalMap(page, (el) => { el.layers = []; el.view = { lon: 67, lat: 48, zoom: 4 }; });
  await frames(page, 2);
  const astana = await evalMap(page, (el) => el.project(71.446, 51.18));
  const picked = await armEvent(page, "select"); // listening before the tap
  await touch("touchStart", [[astana.x, astana.y]]);
  await touch("touchEnd", []);
  const detail = await picked();
  assert.equal(detail?.id, "KAZ");
  const tip = await evalMap(page, (el) => {
    const t = el.shadowRoot.querySelector("[role=tooltip]");
    return { hidden: t.hidden, text: t.textContent };
  });
  assert.equal(tip.hidden, false);
  assert.match(tip.text, /Kazakhstan/);
});

test("embedded: one finger scrolls the page with a hint, two fingers zoom the map", async () => {
  const ctx = await browser.newContext({ viewport: { width: 390, height: 700 }, deviceScaleFactor: 2, hasTouch: true, isMobile: true });
  const p = await ctx.newPage();
  // A long article with an embedded map in the middle.
  await p.route(`${server.origin}/embed-touch.html`, (route) => route.fulfill({
    contentType: "text/html",
    body: `<!doctype html><meta name="viewport" content="width=device-width, initial-scale=1">
      <script type="module" src="/www/bridge-map.js"></script>
      <style>body{margin:0} .pad{height:900px;background:#eee} bridge-map{display:block;height:420px}</style>
      <div class="pad"></div><bridge-map id="map" embed layers=""></bridge-map><div class="pad"></div>`,
  }));
  await p.goto(`${server.origin}/embed-touch.html`);
  await p.evaluate(() => window.scrollTo(0, 700));
  const r = await waitReady(p);
  assert.ok(r.ok, r.error);
  const c = await ctx.newCDPSession(p);
  const t = (type, points) => c.send("Input.dispatchTouchEvent", { type, touchPoints: points.map(([x, y], id) => ({ x, y, id })) });
  const box = await p.evaluate(() => {
    const b = document.getElementById("map").getBoundingClientRect();
    return { x: b.left, y: b.top, w: b.width, h: b.height };
  });
  const cx = box.x + box.w / 2, cy = box.y + box.h / 2;
  const view0 = await evalMap(p, (el) => el.view);
  const scroll0 = await p.evaluate(() => window.scrollY);

  // One finger, upwards: the page scrolls, the map does not pan. The scroll
  // flings on after the finger lifts; `scrollend` says when it has stopped.
  await p.evaluate(() => {
    window.__scrollEnded = new Promise((resolve) => document.addEventListener("scrollend", () => resolve(), { once: true }));
  });
  await t("touchStart", [[cx, cy + 80]]);
  for (let i = 1; i <= 10; i++) await t("touchMove", [[cx, cy + 80 - 15 * i]]);
  await t("touchEnd", []);
  const ended = await p.evaluate(() => Promise.race([
    window.__scrollEnded.then(() => true),
    new Promise((resolve) => setTimeout(() => resolve(false), 10000)), // a deadline, not a delay
  ]));
  assert.ok(ended, "no scrollend event within 10 s of the one-finger scroll");
  // And the page has come to rest: the same scrollY for 10 animation frames,
  // so no fling is still running when the two fingers land.
  await until(p, () => {
    const s = (window.__still ??= { y: NaN, n: 0 });
    if (window.scrollY === s.y) s.n++; else { s.y = window.scrollY; s.n = 0; }
    return s.n >= 10;
  }, null, "the page to stop scrolling");
  const scroll1 = await p.evaluate(() => window.scrollY);
  const view1 = await evalMap(p, (el) => el.view);
  assert.ok(scroll1 > scroll0 + 50, `the page should scroll under one finger: ${scroll0} → ${scroll1}`);
  assert.ok(Math.abs(view1.lon - view0.lon) < 1e-9 && Math.abs(view1.lat - view0.lat) < 1e-9, "the map must not pan under one finger");
  const hint = await evalMap(p, (el) => { const h = el.shadowRoot.querySelector(".hint"); return { hidden: h.hidden, text: h.textContent }; });
  assert.equal(hint.hidden, false, "a hint explains how to move the map");
  assert.match(hint.text, /two fingers/i);

  // Two fingers spreading: the map zooms, the page stays.
  const b2 = await p.evaluate(() => {
    const b = document.getElementById("map").getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  const scroll2 = await p.evaluate(() => window.scrollY);
  await t("touchStart", [[b2.x - 30, b2.y], [b2.x + 30, b2.y]]);
  for (let i = 1; i <= 9; i++) await t("touchMove", [[b2.x - 30 - 10 * i, b2.y], [b2.x + 30 + 10 * i, b2.y]]);
  await t("touchEnd", []);
  await until(p, (z) => document.getElementById("map").view.zoom > z + 1, view1.zoom, "the map to zoom under two fingers");
  await frames(p, 2);
  const view2 = await evalMap(p, (el) => el.view);
  const scroll3 = await p.evaluate(() => window.scrollY);
  assert.ok(Math.abs(view2.zoom - view1.zoom - 2) < 0.05, `two fingers zoom: ${view1.zoom} → ${view2.zoom}`);
  assert.ok(Math.abs(scroll3 - scroll2) < 2, `the page must not scroll under two fingers: ${scroll2} → ${scroll3}`);
  await ctx.close();
});
