// Golden screenshots of the whole element, canvas and panels, at the six
// sizes of issue 11 (a 320 × 420 sidebar, a 390 × 844 phone, a 600 × 360
// article column, an 800 × 500 iframe, 1280 × 800 and 1920 × 1080) in the
// light and the dark theme, each compared with a committed PNG in
// tests/golden/sizes/. A moved label, a panel that grows or a changed
// colour fails the comparison; the test also shows that a 3 px shift of the
// map would fail it.
//
//   node --test tools/e2e/sizes.test.mjs                     compare
//   UPDATE_GOLDENS=1 node --test tools/e2e/sizes.test.mjs    rewrite the goldens
//
// Each page holds only the element, at the size, at deviceScaleFactor 1,
// reduced motion (no particles), English, default layers, the full detail
// loaded and fonts ready. On a mismatch the actual screenshot and a diff
// (differing pixels in red over a faded copy) go to
// artifacts/sizes-<name>-{actual,diff}.png.
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  ARTIFACTS, ROOT, basemapRenders, comparePng, ensureArtifacts, frames, launchBrowser, settled, startServer, until, waitReady,
} from "./helpers.mjs";

const DIR = path.join(ROOT, "tests", "golden", "sizes");
const UPDATE = process.env.UPDATE_GOLDENS === "1";
// The same margins as the canvas goldens (golden.test.mjs): a pixel differs
// when a channel differs by more than CHANNEL; a size fails when more than
// MAX_SHARE of its pixels differ.
const CHANNEL = 48;
const MAX_SHARE = 0.002;

export const SIZES = [
  [320, 420], [390, 844], [600, 360], [800, 500], [1280, 800], [1920, 1080],
];
const THEMES = ["light", "dark"];

const page = (w, h, theme) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>sizes</title>
<style>body { margin: 0; } bridge-map { display: block; width: ${w}px; height: ${h}px; }</style>
<script type="module" src="/www/bridge-map.js"></script>
</head><body><bridge-map id="map" lang="en" theme="${theme}"></bridge-map></body></html>`;

let server, browser;
const problems = [];

before(async () => {
  ensureArtifacts();
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

/** Opens the element alone at w × h in `theme`, ready, with the detail. */
async function open(w, h, theme) {
  const context = await browser.newContext({
    viewport: { width: w, height: h }, deviceScaleFactor: 1, reducedMotion: "reduce", colorScheme: theme, locale: "en-GB",
  });
  await context.route(`${server.origin}/sizes.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: page(w, h, theme) }));
  const p = await context.newPage();
  p.on("console", (m) => { if (m.type() === "error") problems.push(`${w}×${h} ${theme}: ${m.text()}`); });
  p.on("pageerror", (e) => problems.push(`${w}×${h} ${theme}: ${String(e && e.stack || e)}`));
  await p.goto(`${server.origin}/sizes.html`);
  const r = await waitReady(p);
  assert.ok(r.ok, `el.ready did not resolve: ${r.error}`);
  await p.evaluate(() => document.fonts.ready.then(() => undefined));
  await until(p, () => document.getElementById("map").stats?.detail === true, null, "the full-detail geometry");
  // Whatever the detail's arrival re-rendered has settled.
  await settled(p, await basemapRenders(p) - 1).catch(() => {});
  await frames(p, 3);
  return { context, page: p };
}

const shot = async (p, w, h) => (await p.screenshot({ clip: { x: 0, y: 0, width: w, height: h } })).toString("base64");

const compare = (p, a, b, withDiff) => comparePng(p, a, b, CHANNEL, withDiff);

const pct = (x) => `${(x * 100).toFixed(3)} %`;

for (const [w, h] of SIZES) {
  for (const theme of THEMES) {
    const name = `${w}x${h}-${theme}`;
    test(`sizes golden: ${name}`, async () => {
      const { context, page: p } = await open(w, h, theme);
      try {
        const file = path.join(DIR, `${name}.png`);
        const actual = await shot(p, w, h);
        if (UPDATE) {
          mkdirSync(DIR, { recursive: true });
          writeFileSync(file, Buffer.from(actual, "base64"));
          console.log(`# golden written: ${path.relative(ROOT, file)}`);
          return;
        }
        assert.ok(existsSync(file), `${path.relative(ROOT, file)} is missing: run UPDATE_GOLDENS=1 node --test tools/e2e/sizes.test.mjs`);
        const golden = readFileSync(file).toString("base64");
        const r = await compare(p, actual, golden, false);
        console.log(`# sizes ${name}: ${r.differing} of ${r.width * r.height} pixels differ (${pct(r.share)}), largest channel difference ${r.maxChannel}`);
        if (r.share > MAX_SHARE) {
          const full = await compare(p, actual, golden, true);
          const a = path.join(ARTIFACTS, `sizes-${name}-actual.png`);
          const d = path.join(ARTIFACTS, `sizes-${name}-diff.png`);
          writeFileSync(a, Buffer.from(actual, "base64"));
          writeFileSync(d, Buffer.from(full.diffPng, "base64"));
          assert.fail(`${name}: ${pct(r.share)} of pixels differ from ${path.relative(ROOT, file)} by more than ${CHANNEL} ` +
            `(allowed ${pct(MAX_SHARE)})${r.sizeMismatch ? `; the golden is ${r.sizeMismatch}` : ""}. ` +
            `See ${path.relative(ROOT, a)} and ${path.relative(ROOT, d)}; if the change is intended, ` +
            "refresh with UPDATE_GOLDENS=1 node --test tools/e2e/sizes.test.mjs");
        }
        // The tolerance catches a small move: the map shifted by 3 px.
        const renders = await basemapRenders(p);
        await p.evaluate(() => {
          const el = document.getElementById("map");
          const c = el.unproject(el.clientWidth / 2 + 3, el.clientHeight / 2);
          el.view = { lon: c.lon, lat: c.lat };
        });
        await settled(p, renders);
        await frames(p, 3);
        const moved = await compare(p, await shot(p, w, h), golden, false);
        console.log(`# sizes ${name} shifted by 3 px: ${pct(moved.share)} of pixels differ`);
        assert.ok(moved.share > MAX_SHARE * 5,
          `${name}: the map shifted by 3 px differs in only ${pct(moved.share)} of pixels; the tolerance would not catch it`);
      } finally {
        await context.close();
      }
    });
  }
}

test("sizes golden: no console errors or page errors", () => {
  assert.deepEqual(problems, []);
});

test("the bundles' minified stylesheet parses into the same rules as www/bridge-map-styles.js", async () => {
  const { STYLE } = await import("../../www/bridge-map-styles.js");
  const { minifyCss } = await import("../css-min.mjs");
  const small = minifyCss(STYLE);
  assert.ok(small.length < STYLE.length * 0.9, `minified: ${small.length} of ${STYLE.length} characters`);
  const page = await browser.newPage();
  try {
    const [a, b] = await page.evaluate((sheets) => sheets.map((css) => {
      const s = new CSSStyleSheet();
      s.replaceSync(css);
      return [...s.cssRules].map((r) => r.cssText);
    }), [STYLE, small]);
    assert.ok(a.length > 50, `the source sheet has its rules: ${a.length}`);
    assert.deepEqual(b, a);
  } finally {
    await page.close();
  }
});
