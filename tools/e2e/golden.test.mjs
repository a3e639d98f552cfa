// Render goldens, as d3-geo and OpenLayers keep them: three views of the map
// drawn in Chromium and compared, pixel by pixel, with committed PNGs in
// tests/golden/. A changed style, a moved label or a shifted line fails.
//
//   node --test tools/e2e/golden.test.mjs                     compare
//   UPDATE_GOLDENS=1 node --test tools/e2e/golden.test.mjs    rewrite the goldens
//
// The page is fixed so the picture is too: 1280×800 at deviceScaleFactor 1,
// reduced motion (no particles), every layer on, English, light theme, and
// the full-detail and 1:10m geometry loaded (the home view draws the coarse
// level, the close views, at zooms 5.5 and 6.5, the 1:10m level). Only the
// map's canvas is compared (the DOM panels over it are tested elsewhere).
// On a mismatch the actual picture and a diff (differing pixels in red over a
// faded copy) are written to artifacts/golden-<name>-{actual,diff}.png.
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ARTIFACTS, ROOT, basemapRenders, comparePng, ensureArtifacts, frames, launchBrowser, settled, startServer, until, waitReady,
} from "./helpers.mjs";

const GOLDEN_DIR = path.join(ROOT, "tests", "golden");
const UPDATE = process.env.UPDATE_GOLDENS === "1";
const SIZE = { width: 1280, height: 800 };

// A pixel differs when one of its channels differs by more than CHANNEL; a
// view fails when more than MAX_SHARE of its pixels differ. Chromium's
// software rasteriser is deterministic on one machine, so the same build
// matches exactly; the margins absorb anti-aliasing changes between Chromium
// or font builds. A view moved by 3 px differs in several per cent of its
// pixels (every coastline, border, route and label), which each test checks.
const CHANNEL = 48;
const MAX_SHARE = 0.002;

// Views are given relative to the fitted home view, so they follow the home
// view's definition: the Caucasus at 4× (two zoom levels in) and Kazakhstan
// at 8× (three levels in).
const VIEWS = [
  { name: "home", view: null },
  { name: "caucasus-4x", view: { lon: 46.5, lat: 41.0, dz: 2 } },
  { name: "kazakhstan-8x", view: { lon: 67, lat: 48, dz: 3 } },
];

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>golden</title>
<style>body { margin: 0; } bridge-map { display: block; width: ${SIZE.width}px; height: ${SIZE.height}px; }</style>
<script type="module" src="/www/bridge-map.js"></script>
</head><body><bridge-map id="map" lang="en" theme="light" layers="trade,energy,diplomacy,plans"></bridge-map></body></html>`;

let server, browser, context, page, home;
const problems = [];

before(async () => {
  ensureArtifacts();
  server = await startServer();
  browser = await launchBrowser();
  context = await browser.newContext({
    viewport: SIZE, deviceScaleFactor: 1, reducedMotion: "reduce", colorScheme: "light", locale: "en-GB",
  });
  await context.route(`${server.origin}/golden.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE }));
  page = await context.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e && e.stack || e)));
  await page.goto(`${server.origin}/golden.html`);
  const r = await waitReady(page);
  assert.ok(r.ok, `el.ready did not resolve: ${r.error}`);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  // The close views are drawn from the full detail, which comes after ready.
  await until(page, () => document.getElementById("map").stats?.detail === true, null, "the full-detail geometry");
  home = await page.evaluate(() => document.getElementById("map").view);
  // From zoom 5 they are drawn from the 1:10m file, which is fetched when a
  // view first comes close: have it before any golden, so a golden never
  // depends on whether it has arrived yet.
  await page.evaluate((h) => { document.getElementById("map").view = { ...h, zoom: h.zoom + 2 }; }, home);
  await until(page, () => document.getElementById("map").stats?.fine === true, null, "the fine geometry");
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

/** Shows `view` ({lon, lat, zoom}) and waits until its basemap is drawn. */
async function show(view) {
  const same = await page.evaluate((v) => {
    const cur = document.getElementById("map").view;
    return Math.abs(cur.lon - v.lon) < 1e-12 && Math.abs(cur.lat - v.lat) < 1e-12 && Math.abs(cur.zoom - v.zoom) < 1e-12;
  }, view);
  if (!same) {
    const renders = await basemapRenders(page);
    await page.evaluate((v) => { document.getElementById("map").view = v; }, view);
    await settled(page, renders);
  }
  await frames(page, 2);
}

/** The map canvas as a PNG (base64). */
function canvasPng() {
  return page.evaluate(() => {
    const c = document.getElementById("map").shadowRoot.querySelector("canvas");
    return c.toDataURL("image/png").replace(/^data:image\/png;base64,/, "");
  });
}

/** Compares the map canvas with a PNG (base64); see helpers.mjs comparePng. */
async function compare(expectedB64, withDiff) {
  return comparePng(page, await canvasPng(), expectedB64, CHANNEL, withDiff);
}

const pct = (x) => `${(x * 100).toFixed(3)} %`;

for (const { name, view } of VIEWS) {
  test(`golden: ${name}`, async () => {
    const v = view ? { lon: view.lon, lat: view.lat, zoom: home.zoom + view.dz } : home;
    await show(v);
    const file = path.join(GOLDEN_DIR, `${name}.png`);
    if (UPDATE) {
      mkdirSync(GOLDEN_DIR, { recursive: true });
      writeFileSync(file, Buffer.from(await canvasPng(), "base64"));
      console.log(`# golden written: ${path.relative(ROOT, file)}`);
      return;
    }
    assert.ok(existsSync(file), `${path.relative(ROOT, file)} is missing: run UPDATE_GOLDENS=1 node --test tools/e2e/golden.test.mjs`);
    const golden = readFileSync(file).toString("base64");
    const r = await compare(golden, false);
    console.log(`# golden ${name}: ${r.differing} of ${r.width * r.height} pixels differ (${pct(r.share)}), largest channel difference ${r.maxChannel}`);
    if (r.share > MAX_SHARE) {
      const full = await compare(golden, true);
      const actual = path.join(ARTIFACTS, `golden-${name}-actual.png`);
      const diff = path.join(ARTIFACTS, `golden-${name}-diff.png`);
      writeFileSync(actual, Buffer.from(await canvasPng(), "base64"));
      writeFileSync(diff, Buffer.from(full.diffPng, "base64"));
      assert.fail(`${name}: ${pct(r.share)} of pixels differ from ${path.relative(ROOT, file)} by more than ${CHANNEL} ` +
        `(allowed ${pct(MAX_SHARE)})${r.sizeMismatch ? `; the golden is ${r.sizeMismatch}` : ""}. ` +
        `See ${path.relative(ROOT, actual)} and ${path.relative(ROOT, diff)}; if the change is intended, ` +
        "refresh with UPDATE_GOLDENS=1 node --test tools/e2e/golden.test.mjs");
    }

    // The tolerance must catch a small move: the same view shifted by 3 px
    // (its centre moved 3 CSS px to the right) has to fail the comparison.
    const shifted = await page.evaluate(({ x, y }) => {
      const el = document.getElementById("map");
      const c = el.unproject(x, y);
      return c && { lon: c.lon, lat: c.lat, zoom: el.view.zoom };
    }, { x: SIZE.width / 2 + 3, y: SIZE.height / 2 });
    assert.ok(shifted, "unproject of the point 3 px right of the centre");
    await show(shifted);
    const moved = await compare(golden, false);
    console.log(`# golden ${name} shifted by 3 px: ${pct(moved.share)} of pixels differ`);
    assert.ok(moved.share > MAX_SHARE * 5,
      `${name}: a view shifted by 3 px differs in only ${pct(moved.share)} of pixels; the tolerance (${pct(MAX_SHARE)}) would not catch it`);
  });
}

test("golden: no console errors or page errors", () => {
  assert.deepEqual(problems, []);
});
