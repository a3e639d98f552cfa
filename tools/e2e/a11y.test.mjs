// Accessibility tests of <bridge-map> in headless Chromium: the host's role
// and name, keyboard-only use of the text twin for every corridor, tour
// announcements, visible focus, axe-core (WCAG 2.1 A/AA) on every page in
// both themes, and the live region under reduced motion.
//
//   node --test tools/e2e/a11y.test.mjs
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import {
  ARTIFACTS, ensureArtifacts, evalMap, frames, launchBrowser, startServer, waitReady,
} from "./helpers.mjs";

const VIEWPORT = { width: 1280, height: 800 };
const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

let server, browser, origin;
const problems = []; // page errors and console errors on every page

function watch(p) {
  p.on("console", (m) => {
    if (m.type() === "error") problems.push({ type: m.type(), text: m.text(), url: p.url() });
  });
  p.on("pageerror", (e) => problems.push({ type: "pageerror", text: String(e && e.stack || e), url: p.url() }));
}

async function newContext(opts = {}) {
  return browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, ...opts });
}

/** Opens a page with <bridge-map id="map"> and waits for el.ready. */
async function open(ctx, url) {
  const p = await ctx.newPage();
  watch(p);
  await p.goto(`${origin}${url}`);
  const r = await waitReady(p);
  assert.ok(r.ok, `${url}: el.ready did not resolve: ${r.error}`);
  await frames(p, 2);
  return p;
}

/** What has focus: the document's active element and, inside the map, the shadow root's. */
function focusState(p) {
  return evalMap(p, (el) => {
    const root = el.shadowRoot;
    const a = root.activeElement;
    return {
      inMap: document.activeElement === el,
      outside: document.activeElement === el ? null : `${document.activeElement?.tagName}.${document.activeElement?.className ?? ""}`,
      tag: a?.tagName ?? null,
      cls: a?.className ?? null,
      id: a?.dataset?.id ?? null,
      canvas: a === root.querySelector("canvas"),
      twin: !!a && root.querySelector("nav.twin").contains(a),
      infoClose: a === root.querySelector(".info .close"),
    };
  });
}

async function press(p, key, n = 1) {
  for (let i = 0; i < n; i++) await p.keyboard.press(key);
  await frames(p, 2);
}

const visible = (node) => !!node && !node.hidden && node.checkVisibility();

/** Tooltip state: visible, its text, and its box. */
function tooltip(p) {
  return evalMap(p, (el) => {
    const tip = el.shadowRoot.querySelector("[role=tooltip]");
    const r = tip.getBoundingClientRect();
    return { visible: !tip.hidden && tip.checkVisibility(), text: tip.textContent, x: r.left, y: r.top, w: r.width, h: r.height };
  });
}

/** Presses Tab until pred(focusState) holds; returns the number of presses, or -1. */
async function tabUntil(p, pred, max) {
  for (let n = 1; n <= max; n++) {
    await p.keyboard.press("Tab");
    await frames(p, 1);
    if (pred(await focusState(p))) return n;
  }
  return -1;
}

/** The computed focus indicator of the shadow root's active element. */
function focusStyle(p) {
  return evalMap(p, (el) => {
    const a = el.shadowRoot.activeElement;
    if (!a) return null;
    const s = getComputedStyle(a);
    return {
      cls: a.className, label: a.getAttribute("aria-label") ?? a.textContent,
      focusVisible: a.matches(":focus-visible"),
      outlineStyle: s.outlineStyle, outlineWidth: s.outlineWidth, outlineColor: s.outlineColor, boxShadow: s.boxShadow,
    };
  });
}

function hasIndicator(s) {
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
  const shadow = s.boxShadow && s.boxShadow !== "none";
  return outline || shadow;
}

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await server?.stop();
});

test("1. the host is a named region and focus lands on the canvas", async () => {
  const ctx = await newContext();
  try {
    const p = await open(ctx, "/www/index.html");
    const r = await evalMap(p, (el) => {
      el.focus();
      const canvas = el.shadowRoot.querySelector("canvas");
      return {
        role: el.getAttribute("role"),
        label: el.getAttribute("aria-label"),
        active: document.activeElement === el,
        canvasActive: el.shadowRoot.activeElement === canvas,
        canvasLabel: canvas.getAttribute("aria-label"),
        canvasRole: canvas.getAttribute("role"),
      };
    });
    assert.equal(r.role, "region", `host role: ${JSON.stringify(r)}`);
    assert.ok(r.label && r.label.trim().length > 0, `host aria-label: ${JSON.stringify(r)}`);
    assert.ok(r.active, "document.activeElement should be the <bridge-map> after el.focus()");
    assert.ok(r.canvasActive, `el.focus() should focus the shadow canvas (delegatesFocus): ${JSON.stringify(r)}`);
    assert.ok(r.canvasLabel && r.canvasLabel.trim().length > 0, `canvas aria-label: ${JSON.stringify(r)}`);
    assert.equal(r.canvasRole, "application");
  } finally {
    await ctx.close();
  }
});

test("2. keyboard only: every corridor through the text twin", async () => {
  const ctx = await newContext();
  try {
    const p = await open(ctx, "/www/index.html");
    const start = await p.evaluate(() => document.activeElement === document.body);
    assert.ok(start, "focus should start on the document body");

    const tabs = await tabUntil(p, (s) => s.canvas, 15);
    assert.ok(tabs > 0, `Tab never reached the map canvas in 15 presses (last: ${JSON.stringify(await focusState(p))})`);

    await press(p, "Tab");
    let s = await focusState(p);
    assert.ok(s.twin, `Tab after the canvas should land on a twin button, got ${JSON.stringify(s)}`);
    const roving = await evalMap(p, (el) => [...el.shadowRoot.querySelectorAll("nav.twin button")]
      .filter((b) => b.getAttribute("tabindex") === "0").map((b) => b.dataset.id));
    assert.equal(roving.length, 1, `exactly one twin button should have tabindex 0, got ${JSON.stringify(roving)}`);
    assert.equal(s.id, roving[0], "focus should be on the roving twin button");

    const corridors = await evalMap(p, (el) => el.features("corridor").map((f) => ({ id: f.id, name: f.name })));
    assert.ok(corridors.length > 0, "el.features('corridor') should not be empty");
    const order = await evalMap(p, (el) => [...el.shadowRoot.querySelectorAll("nav.twin button")].map((b) => b.dataset.id));
    for (const c of corridors) assert.ok(order.includes(c.id), `corridor ${c.id} has no twin button (twin: ${order.join(",")})`);

    console.log(`# canvas after ${tabs} Tab press(es); ${corridors.length} corridors: ${corridors.map((c) => c.id).join(", ")}`);
    let shot = false;
    for (const c of corridors) {
      const here = order.indexOf((await focusState(p)).id);
      assert.ok(here >= 0, `focus should be on a twin button before moving to ${c.id}: ${JSON.stringify(await focusState(p))}`);
      const delta = order.indexOf(c.id) - here;
      if (delta !== 0) await press(p, delta > 0 ? "ArrowDown" : "ArrowUp", Math.abs(delta));
      await frames(p, 2);
      s = await focusState(p);
      assert.equal(s.id, c.id, `arrow keys should move focus to ${c.id}: ${JSON.stringify(s)}`);
      const rov = await evalMap(p, (el) => [...el.shadowRoot.querySelectorAll("nav.twin button")]
        .filter((b) => b.getAttribute("tabindex") === "0").map((b) => b.dataset.id));
      assert.deepEqual(rov, [c.id], `roving tabindex should follow focus to ${c.id}`);

      // The map shows the focused feature: a tooltip with its name.
      const tip = await tooltip(p);
      assert.ok(tip.visible, `${c.id}: tooltip should be visible while its twin button has focus: ${JSON.stringify(tip)}`);
      assert.ok(tip.text.includes(c.name), `${c.id}: tooltip should name "${c.name}", got "${tip.text}"`);
      assert.ok(tip.x >= 0 && tip.y >= 0 && tip.x + tip.w <= VIEWPORT.width && tip.y + tip.h <= VIEWPORT.height,
        `${c.id}: tooltip should be inside the viewport: ${JSON.stringify(tip)}`);
      if (!shot) {
        ensureArtifacts();
        await p.screenshot({ path: path.join(ARTIFACTS, "a11y-keyboard.png") });
        shot = true;
      }

      await press(p, "Enter");
      await frames(p, 2);
      const info = await evalMap(p, (el) => {
        const panel = el.shadowRoot.querySelector("section.info[role=dialog]");
        return {
          visible: !panel.hidden && panel.checkVisibility(),
          title: panel.querySelector("h2")?.textContent ?? null,
          selected: el.selected?.id ?? null,
          live: el.shadowRoot.querySelector(".live[aria-live=polite]")?.textContent ?? null,
        };
      });
      assert.ok(info.visible, `${c.id}: Enter should open the info panel: ${JSON.stringify(info)}`);
      assert.equal(info.title, c.name, `${c.id}: info panel title`);
      assert.equal(info.selected, c.id, `${c.id}: el.selected after Enter`);
      assert.ok(info.live && info.live.includes(c.name), `${c.id}: live region should announce "${c.name}", got ${JSON.stringify(info.live)}`);
      s = await focusState(p);
      assert.ok(s.infoClose, `${c.id}: focus should move to the info panel's close button: ${JSON.stringify(s)}`);

      await press(p, "Escape");
      await frames(p, 2);
      const closed = await evalMap(p, (el) => el.shadowRoot.querySelector("section.info").hidden
        || !el.shadowRoot.querySelector("section.info").checkVisibility());
      assert.ok(closed, `${c.id}: Escape should close the info panel`);
      s = await focusState(p);
      assert.ok(s.twin && s.id === c.id, `${c.id}: Escape should return focus to its twin button: ${JSON.stringify(s)}`);
    }
  } finally {
    await ctx.close();
  }
});

test("3. the tour announces its steps (keyboard only)", async () => {
  const ctx = await newContext();
  try {
    const p = await open(ctx, "/www/index.html");
    const n = await tabUntil(p, (s) => s.cls === "tour-start", 60);
    assert.ok(n > 0, `Tab never reached button.tour-start in 60 presses (last: ${JSON.stringify(await focusState(p))})`);
    await press(p, "Enter");
    await frames(p, 3);
    const live1 = await evalMap(p, (el) => el.shadowRoot.querySelector(".live").textContent);
    assert.match(live1, /Tour step 1 of \d+/, `live region after starting the tour: ${JSON.stringify(live1)}`);
    const afterStart = await focusState(p);
    // Starting the tour hides its button: focus must move to Next, not fall to <body>.
    assert.equal(afterStart.cls, "next", `focus after Enter on "Take the tour": ${JSON.stringify(afterStart)}`);
    const m = afterStart.cls === "next" ? 0 : await tabUntil(p, (s) => s.cls === "next", 60);
    assert.ok(m >= 0, `Tab never reached the tour's Next button in 60 presses (focus after Enter on tour-start: ${JSON.stringify(afterStart)}; last: ${JSON.stringify(await focusState(p))})`);
    await press(p, "Enter");
    await frames(p, 3);
    const live2 = await evalMap(p, (el) => el.shadowRoot.querySelector(".live").textContent);
    assert.match(live2, /Tour step 2 of \d+/, `live region after Next: ${JSON.stringify(live2)}`);
    const s = await focusState(p);
    assert.equal(s.cls, "next", `focus should stay on Next after pressing it: ${JSON.stringify(s)}`);
    // Record for the report how many presses it took.
    console.log(`# tour-start reached after ${n} Tab presses; Next after ${m} more (focus after Enter on tour-start: ${JSON.stringify(afterStart)})`);
  } finally {
    await ctx.close();
  }
});

test("4. focus is visible: canvas, twin (tooltip), zoom and tour buttons", async () => {
  const ctx = await newContext();
  try {
    const p = await open(ctx, "/www/index.html");
    assert.ok(await tabUntil(p, (s) => s.canvas, 15) > 0, "Tab should reach the canvas");
    const canvas = await focusStyle(p);
    assert.ok(canvas.focusVisible, `canvas should match :focus-visible after Tab: ${JSON.stringify(canvas)}`);
    assert.ok(canvas.boxShadow && canvas.boxShadow !== "none", `canvas needs a focus ring (box-shadow): ${JSON.stringify(canvas)}`);

    await press(p, "Tab");
    const twin = await focusState(p);
    assert.ok(twin.twin, `Tab after canvas → twin: ${JSON.stringify(twin)}`);
    const tip = await tooltip(p);
    const name = await evalMap(p, (el, id) => el.features().find((f) => f.id === id)?.name, twin.id);
    assert.ok(tip.visible && tip.text.includes(name), `focused twin button ${twin.id} should show a tooltip naming "${name}": ${JSON.stringify(tip)}`);

    const checked = [];
    for (const key of ["+", "-", "0"]) {
      const n = await tabUntil(p, (s) => s.tag === "BUTTON" && s.cls === "" && !s.twin && !s.infoClose, 60);
      assert.ok(n > 0, `Tab should reach zoom button "${key}"`);
      const st = await focusStyle(p);
      assert.ok(st.focusVisible && hasIndicator(st), `zoom button ${st.label}: no visible focus indicator: ${JSON.stringify(st)}`);
      checked.push(st.label);
    }
    assert.equal(checked.length, 3);

    // Tour buttons: start the tour from the keyboard, then Tab to prev/next/end.
    await p.keyboard.down("Shift");
    const back = await tabUntil(p, (s) => s.cls === "tour-start", 60);
    await p.keyboard.up("Shift");
    assert.ok(back > 0, "Shift+Tab should reach the tour-start button");
    const startStyle = await focusStyle(p);
    assert.ok(startStyle.focusVisible && hasIndicator(startStyle), `tour-start: no visible focus indicator: ${JSON.stringify(startStyle)}`);
    await press(p, "Enter");
    assert.ok(await tabUntil(p, (s) => s.cls === "next", 60) > 0, "Tab should reach the tour's Next button");
    await press(p, "Enter"); // step 2, so Previous is enabled
    for (const cls of ["prev", "next", "end"]) {
      let n = await tabUntil(p, (s) => s.cls === cls, 60);
      if (n < 0) {
        await p.keyboard.down("Shift");
        n = await tabUntil(p, (s) => s.cls === cls, 60);
        await p.keyboard.up("Shift");
      }
      assert.ok(n > 0, `Tab should reach the tour's ${cls} button`);
      const st = await focusStyle(p);
      assert.ok(st.focusVisible && hasIndicator(st), `tour .${cls}: no visible focus indicator: ${JSON.stringify(st)}`);
    }
  } finally {
    await ctx.close();
  }
});

function formatViolations(where, violations) {
  return violations.map((v) => [
    `[${where}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s)`,
    ...v.nodes.slice(0, 3).map((n) => `    target ${JSON.stringify(n.target)}\n      ${String(n.failureSummary).replace(/\n/g, "\n      ")}`),
  ].join("\n")).join("\n");
}

const axeFindings = [];

async function axe(p, where) {
  const r = await new AxeBuilder({ page: p }).withTags(WCAG).analyze();
  if (r.violations.length) {
    const text = formatViolations(where, r.violations);
    axeFindings.push(text);
    console.log(text);
  }
  return r.violations.map((v) => `${v.id}(${v.impact})`);
}

/** Waits until every <bridge-map> on the page (and in same-origin iframes) is ready. */
async function allReady(p, timeout = 15000) {
  const res = await p.evaluate(async (ms) => {
    await customElements.whenDefined("bridge-map");
    const maps = [...document.querySelectorAll("bridge-map")];
    const out = await Promise.all(maps.map((m) => Promise.race([
      m.ready.then(() => ({ id: m.id, ok: true }), (e) => ({ id: m.id, ok: false, error: String(e?.message ?? e) })),
      new Promise((r) => setTimeout(() => r({ id: m.id, ok: false, error: "timeout" }), ms)),
    ])));
    return out;
  }, timeout);
  for (const f of p.frames()) {
    if (f === p.mainFrame()) continue;
    const r = await f.evaluate(async (ms) => {
      const m = document.getElementById("map");
      if (!m) return { ok: true };
      await customElements.whenDefined("bridge-map");
      return Promise.race([m.ready.then(() => ({ ok: true }), (e) => ({ ok: false, error: String(e) })),
        new Promise((r) => setTimeout(() => r({ ok: false, error: "timeout" }), ms))]);
    }, timeout);
    res.push({ id: `iframe ${f.url()}`, ...r });
  }
  return res;
}

for (const dark of [false, true]) {
  const theme = dark ? "dark" : "light";
  test(`5. axe-core WCAG 2.1 A/AA, ${theme} theme`, async () => {
    const ctx = await newContext({ colorScheme: dark ? "dark" : "light" });
    const found = {};
    try {
      // index.html, info panel closed, then open.
      const p = await open(ctx, "/www/index.html");
      await evalMap(p, (el, t) => el.setAttribute("theme", t), theme);
      await frames(p, 3);
      found[`index.html ${theme}`] = await axe(p, `index.html ${theme}`);
      if (dark) {
        ensureArtifacts();
        await p.screenshot({ path: path.join(ARTIFACTS, "dark.png") });
      }
      await evalMap(p, (el) => el.select("titr"));
      await frames(p, 3);
      const open_ = await evalMap(p, (el) => !el.shadowRoot.querySelector("section.info").hidden);
      assert.ok(open_, "el.select('titr') should open the info panel");
      found[`index.html ${theme} + info panel`] = await axe(p, `index.html ${theme} + info panel (titr)`);
      await p.close();

      const e = await open(ctx, `/www/embed.html?theme=${theme}`);
      found[`embed.html?theme=${theme}`] = await axe(e, `embed.html?theme=${theme}`);
      await e.close();

      const d = await ctx.newPage();
      watch(d);
      await d.goto(`${origin}/www/demo-host.html`);
      // A map in a closed <details> draws (and is ready) only once it is
      // shown: open it as a reader would, so axe sees every map.
      await d.evaluate(() => { for (const det of document.querySelectorAll("details")) det.open = true; });
      const ready = await allReady(d);
      const bad = ready.filter((r) => !r.ok);
      assert.deepEqual(bad, [], `demo-host maps not ready: ${JSON.stringify(ready)}`);
      await frames(d, 3);
      found[`demo-host.html ${theme}`] = await axe(d, `demo-host.html (color-scheme ${theme})`);
      await d.close();
    } finally {
      await ctx.close();
    }
    const failed = Object.entries(found).filter(([, v]) => v.length);
    assert.deepEqual(failed, [], `axe violations (details printed above):\n${failed.map(([k, v]) => `${k}: ${v.join(", ")}`).join("\n")}`);
  });
}

test("6. reduced motion: the live region announces a selection", async () => {
  const ctx = await newContext({ reducedMotion: "reduce" });
  try {
    const p = await open(ctx, "/www/index.html");
    const reduce = await p.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches);
    assert.ok(reduce, "reduced motion should be emulated");
    const r = await evalMap(p, async (el) => {
      const live = el.shadowRoot.querySelector(".live");
      const f = el.features("corridor")[0];
      el.select(f.id);
      await new Promise((res) => requestAnimationFrame(() => requestAnimationFrame(res)));
      const s = getComputedStyle(live);
      return {
        name: f.name, text: live.textContent, politeness: live.getAttribute("aria-live"),
        display: s.display, visibility: s.visibility, hidden: live.hidden,
      };
    });
    assert.equal(r.politeness, "polite");
    assert.ok(!r.hidden && r.display !== "none" && r.visibility !== "hidden",
      `live region must stay in the accessibility tree: ${JSON.stringify(r)}`);
    assert.ok(r.text.includes(r.name), `live region should announce "${r.name}" under reduced motion, got ${JSON.stringify(r.text)}`);
  } finally {
    await ctx.close();
  }
});

test("7. no page errors or console errors", async () => {
  assert.deepEqual(problems, []);
});
