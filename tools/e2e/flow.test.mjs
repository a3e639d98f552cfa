// End-to-end tests of the flow animation: the particles are elements moved
// by compositor animations, built once per settled view. They pause after
// `flow-pause` seconds without interaction and any interaction resumes them;
// the play/pause button works by keyboard and its pause outlasts
// interactions; a hidden page and an off-screen map hold them still; and
// re-renders and remounts leave exactly one element and one animation per
// particle.
//
//   node --test tools/e2e/flow.test.mjs
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { evalMap, frames, launchBrowser, settled, startServer, until, waitReady } from "./helpers.mjs";
import { TEXT, loadText } from "../../www/bridge-map-i18n.js";

const VIEWPORT = { width: 1280, height: 800 };
let server, browser, origin;
const problems = []; // console errors and page errors on every page of this suite

// A long same-origin page with a map far below the first screen.
const FAR_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>far</title>
<style>body { margin: 0; } .spacer { height: 3000px; } #map { display: block; width: 800px; height: 500px; }</style>
<script type="module" src="/www/bridge-map.js"></script>
</head><body><div class="spacer"></div><bridge-map id="map" layers="trade,energy"></bridge-map><div class="spacer"></div></body></html>`;

function watch(p) {
  p.on("console", (m) => {
    if (m.type() === "error") problems.push({ type: m.type(), text: m.text(), url: p.url() });
  });
  p.on("pageerror", (e) => problems.push({ type: "pageerror", text: String(e && e.stack || e), url: p.url() }));
}

/** A fresh context with motion allowed, showing `path`, its map ready. */
async function openPage(path = "/www/index.html") {
  const ctx = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, reducedMotion: "no-preference" });
  await ctx.route(`${origin}/far.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: FAR_HTML }));
  const page = await ctx.newPage();
  watch(page);
  await page.goto(`${origin}${path}`);
  const r = await waitReady(page);
  assert.ok(r.ok, `el.ready did not resolve: ${r.error}`);
  return { ctx, page };
}

/** The particle layer of #map: dot elements, their animations, play states. */
const layer = (page) => evalMap(page, (el) => {
  const l = el.shadowRoot.querySelector(".particles");
  const anims = l.getAnimations({ subtree: true });
  return {
    flow: el.flow,
    dots: l.querySelectorAll("i").length,
    animations: anims.length,
    states: [...new Set(anims.map((a) => a.playState))].sort(),
    counted: el.stats?.dots ?? null,
  };
});

/** The play/pause button: shown?, its label and whether it looks paused. */
const button = (page) => evalMap(page, (el) => {
  const b = el.shadowRoot.querySelector("button.flow");
  return { hidden: b.hidden, label: b.getAttribute("aria-label"), paused: b.classList.contains("paused") };
});

const flowIs = (page, state) => until(page, (s) => document.getElementById("map").flow === s, state, `el.flow to be "${state}"`);

/** Where the first particle is drawn now (its animated transform). */
const firstDot = (page) => evalMap(page, (el) => getComputedStyle(el.shadowRoot.querySelector(".particles i")).transform);

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
  if (problems.length) console.log("console errors / page errors:", JSON.stringify(problems, null, 2));
});

test("1. the flow pauses after flow-pause seconds without interaction; a mouse move resumes it", async () => {
  const { ctx, page } = await openPage();
  try {
    const start = await layer(page);
    assert.equal(start.flow, "playing");
    assert.ok(start.dots > 10, `particles at home: ${JSON.stringify(start)}`);
    assert.deepEqual(start.states, ["running"]);
    assert.deepEqual(await button(page), { hidden: false, label: TEXT.en.flowPause, paused: false });
    // One second without interaction (the default is a minute).
    await evalMap(page, (el) => el.setAttribute("flow-pause", "1"));
    await flowIs(page, "paused");
    const held = await layer(page);
    assert.deepEqual(held.states, ["paused"], `every particle holds still: ${JSON.stringify(held)}`);
    assert.equal(held.dots, start.dots, "paused particles stay on the map");
    assert.deepEqual(await button(page), { hidden: false, label: TEXT.en.flowPlay, paused: true });
    const at = await firstDot(page);
    await frames(page, 20);
    assert.equal(await firstDot(page), at, "a paused particle does not move");
    // Any interaction resumes: the pointer moving over the map.
    await page.mouse.move(640, 420);
    await page.mouse.move(660, 430);
    await flowIs(page, "playing");
    assert.deepEqual((await layer(page)).states, ["running"]);
    assert.equal((await button(page)).label, TEXT.en.flowPause);
    // It pauses again after another quiet second; a click in a panel (not
    // on the map itself) resumes it too.
    await flowIs(page, "paused");
    await page.locator("bridge-map").locator(".layers summary").click();
    await flowIs(page, "playing");
  } finally {
    await ctx.close();
  }
});

test("2. the button pauses and resumes by keyboard, in every language, and its pause outlasts interactions", async () => {
  const { ctx, page } = await openPage();
  try {
    await evalMap(page, (el) => el.setAttribute("flow-pause", "0")); // never by itself
    // Reach the button with Tab from the map.
    await evalMap(page, (el) => el.focus());
    let found = false;
    for (let i = 0; i < 60 && !found; i++) {
      await page.keyboard.press("Tab");
      found = await evalMap(page, (el) => el.shadowRoot.activeElement?.classList.contains("flow") ?? false);
    }
    assert.ok(found, "Tab reaches the flow button");
    await page.keyboard.press("Enter");
    await flowIs(page, "paused");
    assert.deepEqual((await layer(page)).states, ["paused"]);
    assert.deepEqual(await button(page), { hidden: false, label: TEXT.en.flowPlay, paused: true });
    // Interactions do not override the visitor's pause.
    await page.mouse.move(600, 400);
    await page.mouse.wheel(0, 120);
    await evalMap(page, (el) => el.shadowRoot.querySelector(".layers summary").dispatchEvent(new PointerEvent("pointerdown", { bubbles: true, composed: true })));
    await frames(page, 30);
    assert.equal((await layer(page)).flow, "paused", "still paused after a pointer move, a wheel and a click in a panel");
    // The label follows the language.
    for (const lang of ["kk", "ru", "en"]) {
      await evalMap(page, (el, l) => el.setAttribute("lang", l), lang);
      // The language's text may have to be downloaded first.
      const want = (await loadText(lang)).flowPlay;
      await until(page, (w) => document.getElementById("map").shadowRoot.querySelector("button.flow").getAttribute("aria-label") === w, want, `the ${lang} label while paused`);
    }
    await evalMap(page, (el) => el.shadowRoot.querySelector("button.flow").focus());
    await page.keyboard.press("Space");
    await flowIs(page, "playing");
    assert.deepEqual((await layer(page)).states, ["running"]);
    // The host can do the same with el.flow.
    await evalMap(page, (el) => { el.flow = "paused"; });
    assert.equal((await layer(page)).flow, "paused");
    const err = await evalMap(page, (el) => { try { el.flow = "stopped"; return null; } catch (e) { return e.name; } });
    assert.equal(err, "TypeError");
    await evalMap(page, (el) => { el.flow = "playing"; });
    assert.equal((await layer(page)).flow, "playing");
  } finally {
    await ctx.close();
  }
});

test("3. a hidden page and an off-screen map hold the particles still", async () => {
  const { ctx, page } = await openPage();
  try {
    // Headless Chromium never hides a page, so the test does what the
    // browser does when a tab goes to the background: visibilityState
    // reads "hidden" and visibilitychange fires.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
      document.dispatchEvent(new Event("visibilitychange"));
    });
    let s = await layer(page);
    assert.deepEqual(s.states, ["paused"], `hidden page: ${JSON.stringify(s)}`);
    assert.equal(s.flow, "playing", "hidden is not a pause the visitor has to undo");
    await page.evaluate(() => {
      delete document.visibilityState; // back to the prototype's getter
      document.dispatchEvent(new Event("visibilitychange"));
    });
    assert.deepEqual((await layer(page)).states, ["running"], "shown again: the particles move");
  } finally {
    await ctx.close();
  }

  const far = await openPage("/far.html");
  try {
    // Below the first screen: built, but held.
    await until(far.page, () => {
      const l = document.getElementById("map").shadowRoot.querySelector(".particles");
      const a = l.getAnimations({ subtree: true });
      return a.length > 0 && a.every((x) => x.playState === "paused");
    }, null, "the off-screen map's particles to be held");
    await evalMap(far.page, (el) => el.scrollIntoView());
    await until(far.page, () => {
      const a = document.getElementById("map").shadowRoot.querySelector(".particles").getAnimations({ subtree: true });
      return a.length > 0 && a.every((x) => x.playState === "running");
    }, null, "the particles to move once the map is on screen");
    await far.page.evaluate(() => window.scrollTo(0, 0));
    await until(far.page, () => document.getElementById("map").shadowRoot.querySelector(".particles")
      .getAnimations({ subtree: true }).every((x) => x.playState === "paused"), null, "the particles to hold once the map is off screen again");
  } finally {
    await far.ctx.close();
  }
});

test("4. re-renders and remounts leave one element and one animation per particle", async () => {
  const { ctx, page } = await openPage();
  try {
    const home = await evalMap(page, (el) => el.view);
    const first = await layer(page);
    assert.ok(first.dots > 10);
    const consistent = (s, what) => {
      assert.equal(s.animations, s.dots, `${what}: one animation per particle (${JSON.stringify(s)})`);
      assert.equal(s.counted, s.dots, `${what}: el.stats.dots agrees`);
    };
    consistent(first, "at load");
    for (let i = 0; i < 12; i++) {
      let since = await evalMap(page, (el) => el.stats.basemapRenders);
      await evalMap(page, (el, z) => { el.view = { lon: 67.5, lat: 48.3, zoom: z }; }, home.zoom + 2);
      await settled(page, since);
      consistent(await layer(page), `zoomed in, round ${i}`);
      since = await evalMap(page, (el) => el.stats.basemapRenders);
      await evalMap(page, (el, l) => { el.layers = l; }, i % 2 ? ["energy"] : ["trade", "energy", "diplomacy", "plans"]);
      await evalMap(page, (el, v) => { el.view = v; }, home);
      await evalMap(page, (el) => el.setAttribute("theme", el.getAttribute("theme") === "dark" ? "light" : "dark"));
      await settled(page, since);
      consistent(await layer(page), `back home, round ${i}`);
    }
    const since = await evalMap(page, (el) => el.stats.basemapRenders);
    await evalMap(page, (el) => { el.layers = ["trade", "energy", "diplomacy", "plans"]; });
    await settled(page, since);
    const back = await layer(page);
    assert.equal(back.dots, first.dots, "the same particles at home, every layer on, after 12 rounds");
    assert.equal(await evalMap(page, (el) => el.shadowRoot.getAnimations().length), back.dots, "no other animation in the element");

    // Remounts: the element removed and put back; the removed map's layer
    // is emptied at once.
    for (let i = 0; i < 15; i++) {
      const removed = await evalMap(page, (el) => {
        const parent = el.parentNode, next = el.nextSibling;
        el.remove();
        const l = el.shadowRoot.querySelector(".particles");
        const out = { dots: l.querySelectorAll("i").length, animations: el.shadowRoot.getAnimations().length };
        parent.insertBefore(el, next);
        return out;
      });
      assert.deepEqual(removed, { dots: 0, animations: 0 }, `removal ${i} leaves no particle or animation`);
      const r = await waitReady(page);
      assert.ok(r.ok, `remount ${i}: ${r.error}`);
      await until(page, () => document.getElementById("map").stats?.dots > 0, null, `remount ${i}: particles back`);
      consistent(await layer(page), `remount ${i}`);
    }
    assert.equal(await evalMap(page, (el) => el.shadowRoot.getAnimations().length), (await layer(page)).dots);
  } finally {
    await ctx.close();
  }
});

test("5. no console errors or page errors", () => {
  assert.deepEqual(problems, []);
});
