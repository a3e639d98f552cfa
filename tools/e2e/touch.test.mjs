// Touch gestures on a phone-sized page: one finger pans, two fingers pinch-zoom.
// Touches are sent through the DevTools protocol (Input.dispatchTouchEvent),
// which Chromium turns into real pointer events with pointerType "touch".
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, launchBrowser, evalMap, waitReady, frames, sleep } from "./helpers.mjs";

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
  const picked = evalMap(page, (el) => new Promise((resolve) => el.addEventListener("select", (e) => resolve(e.detail), { once: true })));
  await sleep(50);
  await touch("touchStart", [[astana.x, astana.y]]);
  await touch("touchEnd", []);
  const detail = await picked;
  assert.equal(detail?.id, "KAZ");
  const tip = await evalMap(page, (el) => {
    const t = el.shadowRoot.querySelector("[role=tooltip]");
    return { hidden: t.hidden, text: t.textContent };
  });
  assert.equal(tip.hidden, false);
  assert.match(tip.text, /Kazakhstan/);
});
