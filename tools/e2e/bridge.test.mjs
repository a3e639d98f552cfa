// End-to-end tests of the Bridge Map overlay in headless Chromium: layers,
// corridor clicks and the info panel, node tooltips, the guided tour (keyboard
// only), Kazakh text, reduced motion, overlay data errors and screenshots.
//
//   node --test tools/e2e/bridge.test.mjs
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  ARTIFACTS, ROOT, basemapRenders, current, drawnOver, ensureArtifacts, evalMap, frames, launchBrowser, settled, startServer, until,
  waitReady,
} from "./helpers.mjs";

const DATA = JSON.parse(readFileSync(path.join(ROOT, "data", "bridge.json"), "utf8"));
const TOUR = DATA.tour;
const byId = (id) => DATA.features.find((f) => f.id === id);
const ASTANA = [71.446, 51.18];
const KAZ_FILL = [0xf5, 0xc9, 0x4c];
const VIEWPORT = { width: 1280, height: 800 };

let server, browser, context, page, origin;
const problems = []; // console errors/warnings and page errors on every page except the bad-data one

function watch(p) {
  p.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") problems.push({ type: m.type(), text: m.text(), url: p.url() });
  });
  p.on("pageerror", (e) => problems.push({ type: "pageerror", text: String(e && e.stack || e), url: p.url() }));
}

/** Opens the page in a context, waits for el.ready and records the element's events. */
async function open(ctx = context, hash = "", { watched = true } = {}) {
  const p = await ctx.newPage();
  if (watched) watch(p);
  await p.goto(`${origin}/www/index.html${hash}`);
  const r = await waitReady(p);
  assert.ok(r.ok, `el.ready did not resolve: ${r.error}`);
  await p.evaluate(() => {
    window.__ev = [];
    const el = document.getElementById("map");
    for (const type of ["select", "tourstep", "viewchange", "layerschange", "dataerror"]) {
      el.addEventListener(type, (e) => window.__ev.push({ type, detail: e.detail }));
    }
  });
  return p;
}

/** Moves the mouse off the canvas, onto the attribution strip, so no hover emphasis is drawn. */
async function park(p) {
  const r = await shadow(p, (root) => {
    const b = root.querySelector(".attribution").getBoundingClientRect();
    return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
  });
  await p.mouse.move(r.x, r.y);
}

/** Back to a known state: no tour, nothing selected, all layers, English, a fixed view. */
async function reset(p, view = LEG_VIEW) {
  const renders = await basemapRenders(p);
  const moved = await evalMap(p, (el, v) => {
    const was = el.view;
    el.step = null;
    el.select(null);
    el.layers = ["trade", "energy", "diplomacy", "plans"];
    if (v) el.view = v;
    const now = el.view;
    return ["lon", "lat", "zoom"].some((k) => Math.abs(was[k] - now[k]) > 1e-9);
  }, view);
  // A moved view shows the old picture, moved, until the sharp rendering
  // after the settle: the tests read the map's pixels, so wait for it.
  if (moved) await settled(p, renders);
  if (await p.evaluate(() => document.getElementById("map").getAttribute("lang")) !== "en") {
    await p.locator(".langs button[data-lang=en]").click();
  }
  await park(p);
  await frames(p, 2);
  await events(p);
}

const events = (p, type) => p.evaluate((t) => window.__ev.splice(0).filter((e) => !t || e.type === t), type);
const project = (p, [lon, lat]) => evalMap(p, (el, a) => el.project(a[0], a[1]), [lon, lat]);
const pick = (p, { x, y }, kind) => evalMap(p, (el, a) => el.pick(a.x, a.y, a.kind), { x, y, kind });
const shadow = (p, fn, arg) => evalMap(p, (el, a) => new Function(`return (${a.src});`)()(el.shadowRoot, a.arg), { src: fn.toString(), arg });
const visible = (p, sel) => shadow(p, (r, s) => {
  const n = r.querySelector(s);
  return !!n && !n.hidden && n.getClientRects().length > 0;
}, sel);

/**
 * Waits until the element has fired a `type` event (recorded in window.__ev,
 * not taken out) whose detail passes `pred`, then two animation frames, so the
 * map has drawn what the event reports.
 */
async function waitEv(p, type, pred = null) {
  await until(p, ([t, src]) => {
    const ok = src ? new Function(`return (${src});`)() : () => true;
    return window.__ev.some((e) => e.type === t && ok(e.detail));
  }, [type, pred && pred.toString()], `a ${type} event${pred ? ` matching ${pred}` : ""}`);
  await frames(p, 2);
}

/** Waits until the element's shadow-root node `sel` is shown (or hidden). */
const waitVisible = (p, sel, shown = true) => until(p, ([s, want]) => {
  const n = document.getElementById("map").shadowRoot.querySelector(s);
  return (!!n && !n.hidden && n.getClientRects().length > 0) === want;
}, [sel, shown], `${sel} to be ${shown ? "shown" : "hidden"}`);

/** Spherical midpoint of two lon/lat points (the map draws great-circle legs). */
function gcMid(a, b) {
  const r = Math.PI / 180;
  const v = ([lon, lat]) => [Math.cos(lat * r) * Math.cos(lon * r), Math.cos(lat * r) * Math.sin(lon * r), Math.sin(lat * r)];
  const [x, y, z] = v(a).map((c, i) => c + v(b)[i]);
  return [Math.atan2(y, x) / r, Math.atan2(z, Math.hypot(x, y)) / r];
}

const titrPoint = (label) => {
  const p = byId("titr").paths.flat().find((q) => q.label === label);
  assert.ok(p, `titr point ${label} in bridge.json`);
  return [p.lon, p.lat];
};
const ZHEZ = titrPoint("Zhezkazgan");
const SAKS = titrPoint("Saksaulskiy");
const LEG_MID = gcMid(ZHEZ, SAKS);
// A view with the Zhezkazgan–Saksaulskiy leg well clear of labels.
const LEG_VIEW = { lon: 64.4, lat: 47.45, zoom: 5.5 };

/** The map's pixels of a (2r+1)² block round CSS point (x, y), read at device
 *  pixels: the map canvas with the highlight canvas the core draws over it. */
function block(p, { x, y }, r = 1) {
  return evalMap(p, (el, a) => {
    const c = el.shadowRoot.querySelector("canvas");
    const lit = el.shadowRoot.querySelector("canvas.highlights");
    const s = c.width / c.clientWidth;
    const n = 2 * a.r + 1;
    const scratch = document.createElement("canvas");
    scratch.width = scratch.height = n;
    const g = scratch.getContext("2d", { willReadFrequently: true });
    for (const src of [c, lit]) {
      if (src && getComputedStyle(src).visibility !== "hidden") g.drawImage(src, Math.round(a.x * s) - a.r, Math.round(a.y * s) - a.r, n, n, 0, 0, n, n);
    }
    const d = g.getImageData(0, 0, n, n).data;
    const out = [];
    for (let i = 0; i < d.length; i += 4) out.push([d[i], d[i + 1], d[i + 2]]);
    return out;
  }, { x, y, r });
}

const redness = ([r, g, b]) => r - (g + b) / 2;
const diff = (a, b) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

before(async () => {
  ensureArtifacts();
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
  page = await open();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

test("8a. screenshot of the default view", async () => {
  await frames(page, 2);
  await page.screenshot({ path: path.join(ARTIFACTS, "bridge-default.png") });
  const n = await evalMap(page, (el) => el.features().length);
  assert.ok(n >= 40, `default overlay should have ≥ 40 features, got ${n}`);
});

test("1. toggling the Trade layer hides and shows the Middle Corridor", async () => {
  await reset(page);
  const mid = await project(page, LEG_MID);
  assert.ok(mid && mid.x > 0 && mid.x < VIEWPORT.width && mid.y > 0 && mid.y < VIEWPORT.height,
    `Zhezkazgan–Saksaulskiy midpoint should be on screen: ${JSON.stringify(mid)}`);
  // Pick the reddest pixel of the 3×3 block (rail is #b3261e); read a few
  // times so a passing particle doesn't hide the line.
  let best = null;
  for (let k = 0; k < 4; k++) {
    const px = await block(page, mid, 1);
    px.forEach((c, i) => { if (!best || redness(c) > redness(best.c)) best = { c, i }; });
    await frames(page, 2);
  }
  const at = { x: Math.round(mid.x) + (best.i % 3) - 1, y: Math.round(mid.y) + Math.floor(best.i / 3) - 1 };
  const readAt = async () => (await block(page, at, 0))[0];
  assert.ok(redness(best.c) > 60, `a rail pixel near the leg midpoint should be reddish, got rgb(${best.c})`);
  const on = best.c;

  const checkbox = page.locator("bridge-map input[data-layer=trade]");
  assert.equal(await checkbox.isChecked(), true, "Trade checkbox starts checked");
  await events(page);
  await checkbox.click();
  await waitEv(page, "layerschange");
  const layersOff = await evalMap(page, (el) => el.layers);
  assert.ok(!layersOff.includes("trade"), `el.layers after unchecking Trade: ${JSON.stringify(layersOff)}`);
  const ev = await events(page, "layerschange");
  assert.equal(ev.length, 1, "one layerschange event");
  assert.ok(!ev[0].detail.includes("trade"), `layerschange detail: ${JSON.stringify(ev[0].detail)}`);
  await current(page);
  const off = await readAt();
  assert.ok(diff(on, off) > 60, `pixel should change clearly with Trade off: on rgb(${on}) off rgb(${off})`);
  // All layers off: the bare basemap colour there.
  const all = ["trade", "energy", "diplomacy", "plans"];
  await evalMap(page, (el) => { el.layers = []; });
  await current(page);
  const base = await readAt();
  assert.ok(diff(base, KAZ_FILL) <= 12, `basemap at the leg should be the Kazakhstan fill #f5c94c, got rgb(${base})`);
  assert.ok(diff(off, base) <= 12, `with Trade off the pixel should equal the basemap: rgb(${off}) vs rgb(${base})`);
  await evalMap(page, (el, a) => { el.layers = a; }, all.filter((l) => l !== "trade"));
  await current(page);
  await events(page);
  await checkbox.click();
  await waitEv(page, "layerschange");
  assert.equal(await checkbox.isChecked(), true);
  assert.deepEqual([...(await evalMap(page, (el) => el.layers))].sort(), [...all].sort());
  assert.equal((await events(page, "layerschange")).length, 1, "layerschange on re-check");
  await current(page);
  // A passing particle may cover the pixel for a moment.
  let back = null;
  for (let k = 0; k < 4 && !(back && redness(back) > 60); k++) { back = await readAt(); await frames(page, 2); }
  assert.ok(diff(back, on) <= 40 && redness(back) > 60, `re-checking Trade should bring the rail back: rgb(${back}) vs rgb(${on})`);
});

/** The Zhezkazgan–Saksaulskiy leg midpoint and two points 4 px either side of it. */
async function legGeometry(p) {
  const mid = await project(p, LEG_MID);
  const a = await project(p, ZHEZ), b = await project(p, SAKS);
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const nrm = { x: -(b.y - a.y) / len, y: (b.x - a.x) / len };
  const side = [4, -4].map((d) => ({ x: Math.round(mid.x + nrm.x * d), y: Math.round(mid.y + nrm.y * d) }));
  return { mid, side };
}
const readAll = (p, pts) => Promise.all(pts.map(async (q) => (await block(p, q, 0))[0]));

test("2a. clicking the Middle Corridor opens its info panel, Esc closes it", async () => {
  await reset(page);
  const { mid } = await legGeometry(page);
  const hit = await pick(page, mid, "corridor");
  assert.equal(hit?.id, "titr", `pick(corridor) at the leg midpoint: ${JSON.stringify(hit)}`);
  await events(page);
  await page.mouse.click(mid.x, mid.y);
  await waitEv(page, "select");
  await page.screenshot({ path: path.join(ARTIFACTS, "info-panel.png") });
  const sel = await events(page, "select");
  assert.equal(sel.length, 1, `one select event, got ${JSON.stringify(sel)}; page errors: ${JSON.stringify(problems.map((q) => q.text.split("\n")[0]))}`);
  assert.equal(sel[0].detail?.id, "titr");
  assert.equal(sel[0].detail?.kind, "corridor");
  assert.ok(await visible(page, "section.info[role=dialog]"), "info panel visible");
  const info = await shadow(page, (r) => {
    const s = r.querySelector("section.info");
    return {
      title: s.querySelector("h2#info-title")?.textContent,
      rows: [...s.querySelectorAll("table.figures tr")].map((tr) => tr.textContent),
      links: [...s.querySelectorAll('ol.sources a[href^="http"]')].length,
      facts: s.querySelector("dl.facts")?.textContent ?? "",
    };
  });
  assert.equal(info.title, byId("titr").name.en);
  assert.ok(info.rows.length >= 3, `figures rows: ${info.rows.length}`);
  for (const r of info.rows) assert.match(r, /\b\d{4}\b/, `figure row without a year: ${r}`);
  assert.ok(info.links >= 1, "at least one http source link");
  assert.match(info.facts, /Status/);
  assert.match(info.facts, /Operating/);

  await page.keyboard.press("Escape");
  await waitEv(page, "select", (d) => d === null);
  assert.equal(await visible(page, "section.info"), false, "Escape should hide the info panel");
  const cleared = await events(page, "select");
  assert.ok(cleared.some((e) => e.detail === null), `select(null) after Escape: ${JSON.stringify(cleared)}`);
});

test("2b. the selected corridor glows beside its line", async () => {
  await reset(page);
  const { mid, side } = await legGeometry(page);
  const before = await readAll(page, side);
  await page.mouse.click(mid.x, mid.y);
  await park(page); // no hover emphasis, only the selection
  await waitEv(page, "select");
  assert.equal((await evalMap(page, (el) => el.selected))?.id, "titr", "titr selected after the click");
  const during = await readAll(page, side);
  const changed = side.map((_, i) => diff(before[i], during[i]));
  assert.ok(Math.max(...changed) > 30,
    `pixels 4 px beside the selected leg should change clearly (glow): before ${JSON.stringify(before)} during ${JSON.stringify(during)}`);
  await evalMap(page, (el) => el.select(null));
  await frames(page, 2);
  const afterClear = await readAll(page, side);
  assert.ok(side.every((_, i) => diff(before[i], afterClear[i]) <= 12), `glow should go when deselected: ${JSON.stringify(afterClear)} vs ${JSON.stringify(before)}`);
});

test("3. hovering the Aktau marker shows a tooltip", async () => {
  await reset(page, { lon: 55, lat: 45, zoom: 5 });
  const aktau = byId("aktau");
  const p = await project(page, [aktau.lon, aktau.lat]);
  assert.ok(p && p.x > 0 && p.x < VIEWPORT.width && p.y > 0 && p.y < VIEWPORT.height, `Aktau on screen: ${JSON.stringify(p)}`);
  assert.equal((await pick(page, p))?.id, "aktau", "pick at the Aktau marker");
  await page.mouse.move(p.x - 40, p.y - 40);
  await page.mouse.move(p.x, p.y, { steps: 5 });
  await waitVisible(page, "[role=tooltip]");
  assert.ok(await visible(page, "[role=tooltip]"), "tooltip visible over Aktau");
  const tip = await shadow(page, (r) => {
    const t = r.querySelector("[role=tooltip]");
    return { kind: t.querySelector(".kind")?.textContent, name: t.querySelector("strong")?.textContent };
  });
  assert.equal(tip.name, aktau.name.en);
  assert.equal(tip.kind, "Seaport");
  await park(page);
  await waitVisible(page, "[role=tooltip]", false);
  assert.equal(await visible(page, "[role=tooltip]"), false, "tooltip hides when the pointer leaves the map");
});

test("4. the tour, by keyboard, and a deep link to step 3", async () => {
  const n = TOUR.length;
  await reset(page);
  await page.locator("bridge-map button.tour-start").click();
  await waitEv(page, "tourstep");
  assert.ok(await visible(page, "section.tour"), "tour panel visible");
  const state = () => shadow(page, (r) => ({
    count: r.querySelector(".tour-count")?.textContent,
    title: r.querySelector("#tour-title")?.textContent,
    nextDisabled: r.querySelector(".next")?.disabled,
    prevDisabled: r.querySelector(".prev")?.disabled,
  }));
  let s = await state();
  assert.equal(s.count, `Step 1 of ${n}`);
  assert.equal(s.title, TOUR[0].title.en);
  let ts = await events(page, "tourstep");
  assert.deepEqual(ts.map((e) => e.detail?.step), [1], `tourstep events: ${JSON.stringify(ts)}`);
  assert.equal(ts[0].detail.id, TOUR[0].id);
  assert.match(new URL(page.url()).hash, /step=1\b/);
  let prevView = await evalMap(page, (el) => el.view);

  /** Tabs until the shadow root's focused element matches sel; returns Tab presses used. */
  async function tabTo(sel) {
    for (let i = 1; i <= 30; i++) {
      await page.keyboard.press("Tab");
      if (await shadow(page, (r, q) => !!r.activeElement?.matches(q), sel)) return i;
    }
    assert.fail(`could not reach ${sel} with Tab`);
  }
  const focusLost = [];
  const firstTabs = await tabTo(".next");
  for (let i = 2; i <= n; i++) {
    if (!(await shadow(page, (r) => !!r.activeElement?.matches(".next")))) {
      focusLost.push(`${i - 1} (${await tabTo(".next")} Tabs to get back)`);
    }
    await page.keyboard.press("Enter");
    await waitEv(page, "tourstep", new Function("d", `return d?.step === ${i};`));
    s = await state();
    assert.equal(s.count, `Step ${i} of ${n}`);
    assert.equal(s.title, TOUR[i - 1].title.en);
    ts = await events(page, "tourstep");
    assert.ok(ts.some((e) => e.detail?.step === i), `tourstep ${i}: ${JSON.stringify(ts)}`);
    assert.equal(await evalMap(page, (el) => el.step), i);
    const tv = TOUR[i - 1].view;
    const pv = TOUR[i - 2].view;
    if (tv.lon !== pv.lon || tv.lat !== pv.lat || tv.zoom !== pv.zoom) {
      // A step flies to its view: the view moves over the next frames, not
      // in the frame of the event, so wait (on every frame) for it to move.
      await until(page, (p) => {
        const v = document.getElementById("map").view;
        return Math.abs(v.lon - p.lon) > 0.01 || Math.abs(v.lat - p.lat) > 0.01 || Math.abs(v.zoom - p.zoom) > 0.01;
      }, prevView, `the view to change at step ${i} from ${JSON.stringify(prevView)}`);
    }
    prevView = await evalMap(page, (el) => el.view);
    assert.deepEqual([...(await evalMap(page, (el) => el.layers))].sort(), [...TOUR[i - 1].layers].sort(), `layers at step ${i}`);
    assert.match(new URL(page.url()).hash, new RegExp(`step=${i}\\b`));
  }
  s = await state();
  assert.equal(s.nextDisabled, true, "Next disabled on the last step");
  await events(page);
  await page.locator("bridge-map section.tour .prev").click();
  await waitEv(page, "tourstep");
  assert.equal((await state()).count, `Step ${n - 1} of ${n}`, "Previous goes back one step");
  assert.equal(await evalMap(page, (el) => el.step), n - 1);

  // Deep link.
  const p2 = await open(context, "#step=3"); // el.ready: the step is applied
  await frames(p2, 2);
  assert.ok(await visible(p2, "section.tour"), "deep link: tour panel visible");
  const t3 = await shadow(p2, (r) => ({ count: r.querySelector(".tour-count")?.textContent, title: r.querySelector("#tour-title")?.textContent }));
  assert.equal(t3.title, TOUR[2].title.en);
  assert.equal(t3.count, `Step 3 of ${n}`);
  assert.equal(await evalMap(p2, (el) => el.step), 3);
  await p2.screenshot({ path: path.join(ARTIFACTS, "tour-step.png") });
  await p2.close();
  // End the tour on the main page for the next tests.
  await events(page);
  await page.locator("bridge-map section.tour .end").click();
  await waitEv(page, "tourstep", (d) => d === null);
  assert.equal(await visible(page, "section.tour"), false, "End tour hides the panel");
  assert.doesNotMatch(new URL(page.url()).hash, /step=/);
  // Focus should stay on Next after pressing it (the panel is rebuilt on every step).
  assert.deepEqual(focusLost, [], `keyboard focus left the Next button after pressing Enter on it at steps ${focusLost.join(", ")}; the first Next took ${firstTabs} Tabs`);
});

test("5. Kazakh: names, legend, country names and glyphs", async () => {
  await reset(page, { lon: 66, lat: 48, zoom: 4.5 });
  await page.locator(".langs button[data-lang=kk]").click();
  await frames(page, 2);
  assert.equal(await evalMap(page, (el) => el.getAttribute("lang")), "kk");
  assert.match(new URL(page.url()).hash, /lang=kk/);
  await evalMap(page, (el) => el.select("titr"));
  await waitEv(page, "select", (d) => d?.id === "titr");
  await page.screenshot({ path: path.join(ARTIFACTS, "kazakh.png") });
  const corridors = await evalMap(page, (el) => el.features("corridor"));
  assert.ok(corridors.length > 0);
  for (const c of corridors) assert.equal(c.name, byId(c.id).name.kk, `Kazakh name of ${c.id}`);
  const legend = await shadow(page, (r) => r.querySelector("ul.legend")?.textContent ?? "");
  assert.match(legend, /Темір жол/);
  const kaz = await pick(page, await project(page, ASTANA), "country");
  assert.equal(kaz?.id, "KAZ");
  assert.equal(kaz?.name, "Қазақстан");

  const glyphs = await page.evaluate(async () => {
    await document.fonts.ready;
    const font = '24px "Noto Sans", "DejaVu Sans", sans-serif';
    const draw = (ch) => {
      const c = document.createElement("canvas");
      c.width = c.height = 40;
      const g = c.getContext("2d", { willReadFrequently: true });
      g.font = font;
      g.fillStyle = "#000";
      g.textBaseline = "top";
      g.fillText(ch, 4, 4);
      return g.getImageData(0, 0, 40, 40).data.filter((_, i) => i % 4 === 3);
    };
    const tofu = draw("\uE000");
    const out = [];
    for (const ch of "ӘҒҚҢӨҰҮҺІәғқңөұүһі") {
      const b = draw(ch);
      const ink = b.reduce((s, v) => s + (v > 0 ? 1 : 0), 0);
      const same = b.every((v, i) => v === tofu[i]);
      out.push({ ch, ink, same });
    }
    return {
      out,
      noto: document.fonts.check('16px "Noto Sans"', "ӘҒҚ"),
      dejavu: document.fonts.check('16px "DejaVu Sans"', "ӘҒҚ"),
    };
  });
  const bad = glyphs.out.filter((g) => g.ink === 0 || g.same);
  assert.deepEqual(bad, [], `Kazakh letters drawn empty or as tofu: ${JSON.stringify(bad)}`);
  assert.ok(glyphs.noto || glyphs.dejavu, `document.fonts.check for Noto Sans / DejaVu Sans: ${JSON.stringify(glyphs)}`);
  assert.ok(await visible(page, "section.info"), "info panel visible for titr (el.select)");
  assert.equal(await shadow(page, (r) => r.querySelector("#info-title")?.textContent), byId("titr").name.kk);

  // Back to English for later tests.
  await page.keyboard.press("Escape");
  await page.locator(".langs button[data-lang=en]").click();
  await frames(page, 2);
  assert.equal(await evalMap(page, (el) => el.getAttribute("lang")), "en");
});

test("5b. Latin Kazakh: the menu, names, legend, title, letters with diacritics and the permalink", async () => {
  await reset(page, { lon: 66, lat: 48, zoom: 4.5 });
  // The menu offers both scripts, the Latin label being the core's
  // transliteration of the Cyrillic one.
  const labels = await page.evaluate(async () => {
    const { kazakhLatin } = await import("/pkg/bridge_map.js");
    const kk = document.querySelector(".langs button[data-lang=kk]");
    const latn = document.querySelector(".langs button[data-lang=kk-Latn]");
    return { kk: kk.textContent, latn: latn.textContent, written: kazakhLatin(kk.textContent), tag: latn.lang };
  });
  assert.deepEqual(labels, { kk: "Қазақша", latn: "Qazaqşa", written: "Qazaqşa", tag: "kk-Latn" });
  await page.locator(".langs button[data-lang=kk-Latn]").click();
  await until(page, () => document.getElementById("map").stats.languages.includes("kk"), null, "the Kazakh pack in use");
  await frames(page, 2);
  assert.equal(await evalMap(page, (el) => el.getAttribute("lang")), "kk-Latn");
  assert.match(new URL(page.url()).hash, /[#&]lang=kk-Latn(&|$)/);
  const pageText = await page.evaluate(() => ({
    html: document.documentElement.lang,
    h1: document.querySelector(".title h1").textContent,
    pressed: [...document.querySelectorAll(".langs button")].filter((b) => b.getAttribute("aria-pressed") === "true").map((b) => b.dataset.lang),
  }));
  assert.deepEqual(pageText, { html: "kk-Latn", h1: "Qazaqstan: Şyğys pen Batys arasyndağy köpır", pressed: ["kk-Latn"] });
  await evalMap(page, (el) => el.select("titr"));
  await waitEv(page, "select", (d) => d?.id === "titr");
  await page.screenshot({ path: path.join(ARTIFACTS, "kazakh-latin.png") });
  const names = { corridors: await evalMap(page, (el) => el.features("corridor")) };
  assert.ok(names.corridors.length > 0);
  const written = await page.evaluate(async (list) => {
    const { kazakhLatin } = await import("/pkg/bridge_map.js");
    return list.map(kazakhLatin);
  }, names.corridors.map((c) => byId(c.id).name.kk));
  names.corridors.forEach((c, i) => assert.equal(c.name, written[i], `Latin Kazakh name of ${c.id}`));
  assert.equal(names.corridors.find((c) => c.id === "titr").name, "Transkaspii halyqaralyq kölık bağyty (Orta dälız)");
  const legend = await shadow(page, (r) => r.querySelector("ul.legend")?.textContent ?? "");
  assert.match(legend, /Temır jol/);
  assert.doesNotMatch(legend, /[\u0400-\u04ff]/, "no Cyrillic left in the legend");
  assert.equal(await shadow(page, (r) => r.querySelector("#info-title")?.textContent), "Transkaspii halyqaralyq kölık bağyty (Orta dälız)");
  const kaz = await pick(page, await project(page, ASTANA), "country");
  assert.deepEqual([kaz?.id, kaz?.name], ["KAZ", "Qazaqstan"]);

  // The map's font stack draws every letter of the alphabet with its mark,
  // each unlike the letter without it.
  const glyphs = await page.evaluate(async () => {
    await document.fonts.ready;
    const { VOCABULARY } = await import("/www/bridge-map-vocabulary.js");
    const draw = (ch) => {
      const c = document.createElement("canvas");
      c.width = c.height = 40;
      const g = c.getContext("2d", { willReadFrequently: true });
      g.font = `24px ${VOCABULARY.fontFamilies}`;
      g.fillStyle = "#000";
      g.textBaseline = "top";
      g.fillText(ch, 4, 4);
      return g.getImageData(0, 0, 40, 40).data.filter((_, i) => i % 4 === 3);
    };
    const tofu = draw("\uE000");
    const out = [];
    for (const [ch, bare] of [["Ä", "A"], ["ä", "a"], ["Ğ", "G"], ["ğ", "g"], ["İ", "I"], ["ı", "i"], ["Ñ", "N"], ["ñ", "n"], ["Ö", "O"], ["ö", "o"], ["Ş", "S"], ["ş", "s"], ["Ū", "U"], ["ū", "u"], ["Ü", "U"], ["ü", "u"]]) {
      const b = draw(ch);
      const plain = draw(bare);
      out.push({ ch, ink: b.reduce((s, v) => s + (v > 0 ? 1 : 0), 0), tofu: b.every((v, i) => v === tofu[i]), bare: b.every((v, i) => v === plain[i]) });
    }
    return out;
  });
  const bad = glyphs.filter((g) => g.ink === 0 || g.tofu || g.bare);
  assert.deepEqual(bad, [], `letters drawn empty, as tofu or without their mark: ${JSON.stringify(bad)}`);

  // A permalink in Latin Kazakh opens the map in it, with its selection.
  const p2 = await open(context, "#lang=kk-Latn&sel=titr");
  await until(p2, () => document.getElementById("map").selected?.id === "titr", null, "titr selected from the permalink");
  const opened = await p2.evaluate(() => {
    const el = document.getElementById("map");
    return { lang: el.getAttribute("lang"), html: document.documentElement.lang, name: el.selected.name, hash: location.hash };
  });
  assert.equal(opened.lang, "kk-Latn");
  assert.equal(opened.html, "kk-Latn");
  assert.equal(opened.name, "Transkaspii halyqaralyq kölık bağyty (Orta dälız)");
  assert.match(opened.hash, /[#&]lang=kk-Latn(&|$)/, "the hash keeps the language");
  await p2.close();

  // Back to English for later tests.
  await page.keyboard.press("Escape");
  await page.locator(".langs button[data-lang=en]").click();
  await frames(page, 2);
  assert.equal(await evalMap(page, (el) => el.getAttribute("lang")), "en");
});

test("6. reduced motion: no particles; otherwise they move on the compositor with no map frames", async () => {
  // Idle is measured over a counted number of animation frames (90, 1.5 s at
  // 60 Hz), never over wall-clock time. The first frames after parking the
  // pointer draw the hover going away, so the count starts after them.
  const IDLE_RAFS = 90;
  /** The particle layer: dot elements, their animations and play states. */
  const layer = (p) => shadow(p, (r) => {
    const l = r.querySelector(".particles");
    const anims = l.getAnimations({ subtree: true });
    return { dots: l.querySelectorAll("i").length, animations: anims.length, states: [...new Set(anims.map((a) => a.playState))] };
  });
  const rctx = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: "reduce" });
  try {
    const rp = await open(rctx);
    // The full-detail geometry arrives after `ready` and may redraw once
    // (legs at a border can change sides): the map is idle only after it.
    await until(rp, () => document.getElementById("map").stats?.detail === true, null, "the full detail to be in use", 30000);
    await park(rp);
    // The hover going away is drawn, by the raster worker, a few frames on.
    await until(rp, () => document.getElementById("map").stats.current, null, "the picture to show the parked pointer");
    await frames(rp, 3);
    const idle = await drawnOver(rp, IDLE_RAFS);
    assert.equal(idle.frames, 0, `reduced motion: ${idle.frames} map frames in ${IDLE_RAFS} animation frames while idle`);
    assert.deepEqual(await layer(rp), { dots: 0, animations: 0, states: [] }, "reduced motion: no particles");
    assert.equal(await evalMap(rp, (el) => el.flow), "off");
  } finally {
    await rctx.close();
  }

  const mp = await open(context);
  try {
    await park(mp);
    // The flow starts a moment after `ready` (later on a busy machine):
    // wait for it rather than for a count of frames.
    await until(mp, () => document.getElementById("map").stats?.dots > 10, null, "the flow particles", 15000);
    await frames(mp, 3);
    const moving = await layer(mp);
    assert.ok(moving.dots > 10, `motion allowed: expected particles, got ${JSON.stringify(moving)}`);
    assert.equal(moving.animations, moving.dots, "one animation per particle");
    assert.deepEqual(moving.states, ["running"]);
    assert.equal((await evalMap(mp, (el) => el.stats)).dots, moving.dots, "el.stats.dots counts them");
    // They move: a particle's animated position changes from frame to frame...
    const at = () => shadow(mp, (r) => getComputedStyle(r.querySelector(".particles i")).transform);
    const before = await at();
    await frames(mp, 10);
    assert.notEqual(await at(), before, "a particle moved in 10 animation frames");
    // ...while the map draws nothing.
    const idle = await drawnOver(mp, IDLE_RAFS);
    assert.equal(idle.frames, 0, `motion allowed: ${idle.frames} map frames in ${IDLE_RAFS} animation frames while idle`);
    await mp.emulateMedia({ reducedMotion: "reduce" });
    await until(mp, () => matchMedia("(prefers-reduced-motion: reduce)").matches, null, "the page to prefer reduced motion");
    await until(mp, () => document.getElementById("map").flow === "off", null, "the flow to stop");
    await frames(mp, 3);
    assert.deepEqual(await layer(mp), { dots: 0, animations: 0, states: [] }, "after switching to reduced motion the particles are gone");
    const stopped = await drawnOver(mp, IDLE_RAFS);
    assert.equal(stopped.frames, 0, `after switching to reduced motion: ${stopped.frames} map frames in ${IDLE_RAFS} animation frames`);
  } finally {
    await mp.close();
  }
});

test("7. overlay data by property, bad data, reset, and a 404 URL", async () => {
  const bp = await open(context, "", { watched: false });
  try {
    const keep = new Set(["titr", "aktau"]);
    const small = {
      ...DATA,
      // Path points may name a node feature; drop those links to removed nodes.
      features: JSON.parse(JSON.stringify(DATA.features.filter((f) => keep.has(f.id)), (k, v) =>
        (k === "node" && typeof v === "string" && !keep.has(v) ? undefined : v))),
      tour: DATA.tour.map((t) => ({ ...t, focus: (t.focus || []).filter((id) => keep.has(id)) })),
    };
    await evalMap(bp, (el, d) => { el.data = d; }, small);
    await until(bp, () => {
      const el = document.getElementById("map");
      return el.features().length === 2 || !el.shadowRoot.querySelector(".data-error").hidden;
    }, null, "the small overlay (or an error banner)");
    await frames(bp, 2);
    assert.equal(await visible(bp, ".data-error"), false,
      `valid small overlay should not show the error banner: ${await shadow(bp, (r) => r.querySelector(".data-error").textContent)}`);
    const f = await evalMap(bp, (el) => el.features());
    assert.deepEqual(f.map((x) => x.id).sort(), ["aktau", "titr"]);
    assert.deepEqual(await events(bp, "dataerror"), []);

    await evalMap(bp, (el) => {
      el.data = { format: "bridge-map/overlay", version: 1, sources: {}, features: [{ id: "Bad Id" }], tour: [] };
    });
    await waitEv(bp, "dataerror");
    assert.ok(await visible(bp, ".data-error[role=alert]"), "data error banner visible");
    const banner = await shadow(bp, (r) => r.querySelector(".data-error").textContent);
    assert.match(banner, /features\[0\]/, `banner: ${banner}`);
    const de = await events(bp, "dataerror");
    assert.equal(de.length, 1, `dataerror events: ${JSON.stringify(de)}`);
    assert.match(de[0].detail.message, /features\[0\]/);
    assert.deepEqual(await evalMap(bp, (el) => el.features()), []);
    const kaz = await pick(bp, await project(bp, ASTANA));
    assert.equal(kaz?.id, "KAZ", "basemap still picks Kazakhstan after bad data");

    await evalMap(bp, (el) => { el.data = null; });
    await until(bp, () => {
      const el = document.getElementById("map");
      return el.features().length > 2 || !!el.shadowRoot.querySelector(".data-error").textContent.match(/HTTP|could not/);
    }, null, "the shipped overlay back (or an error banner)");
    await frames(bp, 2);
    assert.equal(await visible(bp, ".data-error"), false, "banner hidden after going back to the shipped data");
    const n = await evalMap(bp, (el) => el.features().length);
    assert.ok(n >= 40, `shipped overlay after el.data = null: ${n} features`);

    await events(bp);
    await evalMap(bp, (el) => el.setAttribute("data", "/data/does-not-exist.json"));
    await waitEv(bp, "dataerror");
    assert.ok(await visible(bp, ".data-error"), "banner for a 404 data URL");
    const b404 = await shadow(bp, (r) => r.querySelector(".data-error").textContent);
    assert.match(b404, /HTTP 404/, `banner: ${b404}`);
    assert.equal((await events(bp, "dataerror")).length, 1);
  } finally {
    await bp.close();
  }
});

test("9. no console errors or page errors", () => {
  assert.deepEqual(problems, []);
});
