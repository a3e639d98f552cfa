// Layouts for every size: the map's own panels never bury it. At six sizes,
// from a 320×420 embed to a 1920×1080 screen, at rest and with the tour
// open, every visible panel's bounding box is measured as a share of the
// map's area (at most 40% at rest, the tour card at most 55%), and no map
// control (the zoom column, the tour button, the ⓘ button) may overlap a
// panel. A map at most 480 px wide or 420 px high is compact
// (`data-compact`): its legend starts as one button, its tour card is short
// with the text behind "Read more", its attribution an ⓘ button; it switches
// when the map is resized, without a reload. The three embeds of the demo
// forum page (sidebar, article, iframe) are checked the same way.
//
//   node --test tools/e2e/layout.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { armEvent, frames, launchBrowser, startServer, until, waitReady } from "./helpers.mjs";
import { VOCABULARY } from "../../www/bridge-map-vocabulary.js";

const SIZES = [[320, 420], [390, 844], [600, 360], [800, 500], [1280, 800], [1920, 1080]];
const AT_REST = 0.4;
const TOUR = 0.55;

let server, browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const expectCompact = (w, h) => w <= VOCABULARY.compactWidthPx || h <= VOCABULARY.compactHeightPx;

/**
 * What a map shows, measured in the page (or frame) holding it: the map's
 * box, every visible panel's box and share of the map's area, every visible
 * control's box, and the compact layout's state.
 */
function measure(target, selector = "#map") {
  return target.evaluate((sel) => {
    const el = document.querySelector(sel);
    const root = el.shadowRoot;
    const box = el.getBoundingClientRect();
    const area = box.width * box.height;
    const shown = (node) => {
      if (!node) return null;
      const r = node.getBoundingClientRect();
      if (r.width < 1 || r.height < 1 || getComputedStyle(node).visibility === "hidden") return null;
      // Clipped to the map: the element hides what overflows it.
      const left = Math.max(r.left, box.left), right = Math.min(r.right, box.right);
      const top = Math.max(r.top, box.top), bottom = Math.min(r.bottom, box.bottom);
      if (right <= left || bottom <= top) return null;
      return { left, right, top, bottom, share: ((right - left) * (bottom - top)) / area };
    };
    const panels = {};
    for (const [name, q] of Object.entries({
      layers: ".layers", info: ".info", tour: ".tour", about: ".about", attribution: ".attribution-text", "data-error": ".data-error",
    })) {
      const r = shown(root.querySelector(q));
      if (r) panels[name] = r;
    }
    const controls = [];
    for (const [name, q] of [["zoom column", ".controls button"], ["tour button", ".tour-start"], ["ⓘ button", ".attribution-button"]]) {
      root.querySelectorAll(q).forEach((node, i) => {
        const r = shown(node);
        if (r) controls.push({ name: `${name} ${node.getAttribute("aria-label") || node.textContent || i}`, ...r });
      });
    }
    const layers = root.querySelector(".layers");
    const summary = layers.querySelector("summary");
    const credits = root.querySelector(".attribution-button");
    return {
      width: box.width, height: box.height, panels, controls,
      compact: el.hasAttribute("data-compact"),
      legend: {
        open: layers.open, expanded: summary.getAttribute("aria-expanded"),
        whole: layers.scrollHeight <= layers.clientHeight + 1,
      },
      credits: { shown: !!shown(credits), expanded: credits.getAttribute("aria-expanded"), label: credits.getAttribute("aria-label") },
      tour: {
        short: root.querySelector(".tour")?.classList.contains("short") ?? false,
        more: root.querySelector(".tour .more")?.getAttribute("aria-expanded") ?? null,
        text: !!shown(root.querySelector(".tour .tour-text")),
      },
    };
  }, selector);
}

/** Fails when a panel covers more than its share or a control overlaps a
 *  panel. `open` names the panels opened on demand (the tour card, a
 *  selection's info panel), which may cover up to 55%. */
function checkLayout(m, where, { open = [] } = {}) {
  for (const [name, p] of Object.entries(m.panels)) {
    const limit = open.includes(name) ? TOUR : AT_REST;
    assert.ok(p.share <= limit, `${where}: the ${name} panel covers ${(p.share * 100).toFixed(1)}% of the map (at most ${limit * 100}%)`);
  }
  for (const c of m.controls) {
    for (const [name, p] of Object.entries(m.panels)) {
      const w = Math.min(c.right, p.right) - Math.max(c.left, p.left);
      const h = Math.min(c.bottom, p.bottom) - Math.max(c.top, p.top);
      assert.ok(w <= 0.5 || h <= 0.5, `${where}: the ${c.name} overlaps the ${name} panel (${w.toFixed(1)}×${h.toFixed(1)} px)`);
    }
  }
}

const shares = (m) => Object.entries(m.panels).map(([n, p]) => `${n} ${(p.share * 100).toFixed(1)}%`).join(", ");

/** A page showing embed.html (one map filling the window) at a size, ready. */
async function openEmbed(width, height, query = "lang=en") {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
  const page = await context.newPage();
  await page.goto(`${server.origin}/www/embed.html?${query}`);
  const r = await waitReady(page);
  assert.ok(r.ok, `el.ready at ${width}×${height}: ${r.error}`);
  await frames(page, 2);
  return { page, close: () => context.close() };
}

/** Ends the tour and waits for its card to go. */
async function endTour(target, selector = "#map") {
  const ended = await armEvent(target, "tourstep", { selector });
  await target.evaluate((sel) => { document.querySelector(sel).step = null; }, selector);
  assert.equal(await ended(), null);
  await until(target, (sel) => document.querySelector(sel).shadowRoot.querySelector(".tour").hidden, selector, "the tour card gone");
}

/** Opens tour step `step` and waits for its card. */
async function openTour(target, step = 1, selector = "#map") {
  const shown = await armEvent(target, "tourstep", { selector });
  await target.evaluate(([sel, s]) => { document.querySelector(sel).step = s; }, [selector, step]);
  await shown();
  await until(target, (sel) => !document.querySelector(sel).shadowRoot.querySelector(".tour").hidden, selector, "the tour card");
  await frames(target, 2);
}

for (const [width, height] of SIZES) {
  test(`${width}×${height}: panels at rest and with the tour open leave the map and its controls free`, async () => {
    const { page, close } = await openEmbed(width, height);
    try {
      const where = `${width}×${height}`;
      const compact = expectCompact(width, height);
      const rest = await measure(page);
      console.log(`${where} at rest: ${shares(rest)}${rest.compact ? " (compact)" : ""}`);
      assert.equal(rest.compact, compact, `${where}: data-compact`);
      checkLayout(rest, `${where} at rest`);
      // The legend opens by itself only whole, and never on a compact map.
      assert.equal(rest.legend.expanded, String(rest.legend.open), `${where}: the legend's aria-expanded`);
      if (rest.legend.open) assert.ok(rest.legend.whole, `${where}: the open legend is cut off`);
      if (compact) {
        assert.equal(rest.legend.open, false, `${where}: a compact map's legend starts folded`);
        assert.ok(rest.credits.shown && rest.credits.expanded === "false", `${where}: the ⓘ button, folded`);
        assert.ok(!rest.panels.attribution, `${where}: the attribution line hides behind the ⓘ button`);
      } else {
        assert.ok(!rest.credits.shown && rest.panels.attribution, `${where}: the attribution line itself`);
      }
      if (width >= 1280) assert.equal(rest.legend.open, true, `${where}: a desktop map opens its legend`);

      await openTour(page);
      const touring = await measure(page);
      console.log(`${where} with the tour: ${shares(touring)}${touring.tour.short ? " (short card)" : ""}`);
      assert.ok(touring.panels.tour, `${where}: the tour card is shown`);
      checkLayout(touring, `${where} with the tour`, { open: ["tour"] });
      if (compact) {
        assert.ok(touring.tour.short && touring.tour.more === "false" && !touring.tour.text,
          `${where}: a compact map's card shows the step, its title and buttons, the text folded: ${JSON.stringify(touring.tour)}`);
        // "Read more" opens the text; the card still leaves the map free.
        await page.locator("bridge-map .tour .more").click();
        await until(page, () => document.getElementById("map").shadowRoot.querySelector(".tour .more")?.getAttribute("aria-expanded") === "true",
          null, "the text after Read more");
        const more = await measure(page);
        assert.ok(more.tour.text, `${where}: the step's text after Read more`);
        checkLayout(more, `${where} with the tour's text open`, { open: ["tour"] });
      } else if (width >= 1280) {
        assert.ok(!touring.tour.short && touring.tour.text, `${where}: a desktop map shows the whole card`);
      }

      // A selection's info panel keeps clear of the controls too.
      await endTour(page);
      const selected = await armEvent(page, "select");
      await page.evaluate(() => document.getElementById("map").select("titr"));
      await selected();
      await until(page, () => !document.getElementById("map").shadowRoot.querySelector(".info").hidden, null, "the info panel");
      const info = await measure(page);
      console.log(`${where} with a selection: ${shares(info)}`);
      assert.ok(info.panels.info, `${where}: the info panel is shown`);
      checkLayout(info, `${where} with a selection`, { open: ["info"] });
    } finally {
      await close();
    }
  });
}

test("compact layout: the legend and the ⓘ button open by click and keyboard, with aria-expanded", async () => {
  const { page, close } = await openEmbed(390, 844, "lang=kk");
  try {
    const summary = page.locator("bridge-map .layers summary");
    await summary.click();
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".layers summary").getAttribute("aria-expanded") === "true",
      null, "the legend opened by a click");
    assert.equal((await measure(page)).legend.open, true);
    await summary.focus();
    await page.keyboard.press("Enter");
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".layers summary").getAttribute("aria-expanded") === "false",
      null, "the legend folded by Enter");
    // The ⓘ button: named in the map's language, opens the line, Escape folds it.
    const m = await measure(page);
    assert.equal(m.credits.label, "Картаның дереккөздері");
    const credits = page.locator("bridge-map .attribution-button");
    await credits.focus();
    await page.keyboard.press("Enter");
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".attribution-button").getAttribute("aria-expanded") === "true",
      null, "the attribution opened from the keyboard");
    const open = await measure(page);
    assert.ok(open.panels.attribution, "the attribution line shows");
    checkLayout(open, "390×844 with the attribution open");
    await page.keyboard.press("Escape");
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".attribution-button").getAttribute("aria-expanded") === "false",
      null, "the attribution folded by Escape");
    assert.ok(!(await measure(page)).panels.attribution, "the attribution line hides again");
  } finally {
    await close();
  }
});

test("compact layout follows a resize without a reload: legend, tour card and attribution switch both ways", async () => {
  const { page, close } = await openEmbed(1280, 800);
  try {
    const wide = await measure(page);
    assert.ok(!wide.compact && wide.legend.open, "1280×800: not compact, legend open");
    await page.setViewportSize({ width: 390, height: 844 });
    await until(page, () => document.getElementById("map").hasAttribute("data-compact"), null, "data-compact after shrinking");
    await frames(page, 2);
    const narrow = await measure(page);
    assert.equal(narrow.legend.open, false, "the legend folds on the phone-sized map");
    assert.ok(narrow.credits.shown && !narrow.panels.attribution, "the attribution becomes the ⓘ button");
    checkLayout(narrow, "resized to 390×844");
    await openTour(page, 2);
    assert.ok((await measure(page)).tour.short, "the tour card is short on the phone-sized map");
    await page.setViewportSize({ width: 1280, height: 800 });
    await until(page, () => !document.getElementById("map").hasAttribute("data-compact"), null, "no data-compact after growing");
    await frames(page, 2);
    const back = await measure(page);
    assert.ok(!back.tour.short && back.tour.text, "the whole tour card again");
    assert.ok(!back.credits.shown && back.panels.attribution, "the attribution line again");
    checkLayout(back, "back to 1280×800 with the tour", { open: ["tour"] });
    // The legend stays folded while the tour runs; it opens again after.
    await endTour(page);
    await page.setViewportSize({ width: 1280, height: 790 });
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".layers").open, null, "the legend open again on the desktop map");
  } finally {
    await close();
  }
});

for (const [width, height] of [[1280, 900], [390, 844]]) test(`the demo forum page at ${width}×${height}: sidebar, article and iframe maps are not covered by their panels`, async () => {
  const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
  const page = await context.newPage();
  try {
    await page.goto(`${server.origin}/www/demo-host.html`);
    const ready = (target, sel) => until(target, (s) => {
      const el = document.querySelector(s);
      return el?.stats?.texts === true && (el.step == null || !el.shadowRoot.querySelector(".tour").hidden);
    }, sel, `${sel} ready with its texts`, 20000);
    for (const [sel, tour] of [["#sidebar-map", true], ["#article-map", false]]) {
      await page.locator(sel).scrollIntoViewIfNeeded();
      await ready(page, sel);
      await frames(page, 2);
      const m = await measure(page, sel);
      console.log(`demo at ${width}×${height} ${sel} ${Math.round(m.width)}×${Math.round(m.height)}: ${shares(m)}${m.compact ? " (compact)" : ""}`);
      checkLayout(m, `demo ${sel}`, { open: tour ? ["tour"] : [] });
      assert.equal(m.compact, expectCompact(m.width, m.height), `demo ${sel}: data-compact`);
      assert.equal(m.legend.open, false, `demo ${sel}: the legend starts folded (it would be cut off or cover the map)`);
      if (tour) assert.ok(m.panels.tour && m.tour.short, `demo ${sel}: the sidebar's tour step, on a short card`);
    }
    await page.locator("#embed-frame").scrollIntoViewIfNeeded();
    const frame = page.frames().find((f) => f.url().includes("/www/embed.html"));
    assert.ok(frame, "the embed frame");
    await ready(frame, "#map");
    await frames(frame, 2);
    const m = await measure(frame);
    console.log(`demo at ${width}×${height} iframe ${Math.round(m.width)}×${Math.round(m.height)}: ${shares(m)}${m.compact ? " (compact)" : ""}`);
    checkLayout(m, "demo iframe");
    if (m.legend.open) assert.ok(m.legend.whole, "demo iframe: the open legend is cut off");
  } finally {
    await context.close();
  }
});

test("the About box sits below a host's overlay (--bridge-map-inset-top) and above everything else, on a desktop and a phone", async () => {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const context = await browser.newContext({ viewport: { width, height }, reducedMotion: "reduce" });
    try {
      const page = await context.newPage();
      await page.goto(`${server.origin}/www/index.html#lang=kk`);
      assert.ok((await waitReady(page)).ok);
      await page.locator("#map button.about-button").click();
      await until(page, () => !document.getElementById("map").shadowRoot.querySelector(".about").hidden, null, "the About box");
      const r = await page.evaluate(() => {
        const el = document.getElementById("map");
        const about = el.shadowRoot.querySelector(".about");
        const box = about.getBoundingClientRect();
        const title = document.querySelector("header.title").getBoundingClientRect();
        // A grid of points over the part of the box inside the window: at
        // each, the page's topmost element is the map, and the map's is the box.
        const covered = [];
        const bottom = Math.min(box.bottom, innerHeight) - 2;
        for (let i = 0; i <= 6; i++) {
          for (let j = 0; j <= 6; j++) {
            const x = box.left + 2 + ((box.width - 4) * i) / 6, y = box.top + 2 + ((bottom - box.top - 2) * j) / 6;
            const top = document.elementFromPoint(x, y);
            const inner = el.shadowRoot.elementFromPoint(x, y);
            if (top !== el || !about.contains(inner)) covered.push(`${Math.round(x)},${Math.round(y)}: ${top?.tagName}/${inner?.className}`);
          }
        }
        return { top: box.top, titleBottom: title.bottom, covered };
      });
      assert.ok(r.top >= r.titleBottom, `${width}×${height}: the box starts below the title card (${r.top} < ${r.titleBottom})`);
      assert.deepEqual(r.covered, [], `${width}×${height}: nothing covers the box`);
    } finally {
      await context.close();
    }
  }
});
