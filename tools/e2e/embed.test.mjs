// End-to-end tests of embedding: the demo forum page under a strict CSP
// (www/demo-host.html), the iframe page (www/embed.html) and its postMessage
// API, and the snippets in README.md's "Embedding" section, served verbatim.
//
//   node --test tools/e2e/embed.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, ARTIFACTS, ensureArtifacts, frames, launchBrowser, startServer, until } from "./helpers.mjs";

const README = readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The fenced block right after `<!-- snippet:name -->` in README.md. */
function snippet(name) {
  const marker = `<!-- snippet:${name} -->`;
  const at = README.indexOf(marker);
  assert.ok(at >= 0, `README.md has no ${marker} marker`);
  const m = /^[ \t]*\n?```[\w-]*\n([\s\S]*?)\n```/m.exec(README.slice(at + marker.length));
  assert.ok(m && README.slice(at + marker.length).trimStart().startsWith("```"), `no fenced block right after ${marker}`);
  return m[1];
}

let server, browser, origin;

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
  ensureArtifacts();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A context that records CSP violations (window.__csp, in every frame) and,
 *  in the top window, every message it receives (window.__msgs). */
async function newContext(viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__csp.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, line: e.lineNumber, sample: e.sample });
    });
    if (window === window.top) {
      window.__msgs = [];
      window.addEventListener("message", (e) => window.__msgs.push(e.data));
    }
  });
  return context;
}

function watch(page) {
  const log = { errors: [], requests: [] };
  page.on("console", (m) => { if (m.type() === "error") log.errors.push(`${m.text()} (${m.location()?.url ?? ""})`); });
  page.on("pageerror", (e) => log.errors.push(`pageerror: ${e && e.stack || e}`));
  page.on("request", (r) => log.requests.push(r.url()));
  return log;
}

/** Waits for el.ready of every element matched by `selector` in `frame`. */
function readyAll(frame, selector, timeout = 20000) {
  return frame.evaluate(async ([sel, ms]) => {
    await customElements.whenDefined("bridge-map");
    const els = [...document.querySelectorAll(sel)];
    const all = Promise.all(els.map((el, i) => el.ready.then(() => null, (e) => `#${el.id || i}: ${e && e.message || e}`)));
    const errs = await Promise.race([all, new Promise((r) => setTimeout(() => r(["timeout waiting for el.ready"]), ms))]);
    return { count: els.length, errors: errs.filter(Boolean) };
  }, [selector, timeout]);
}

const msgs = (page) => page.evaluate(() => window.__msgs.slice());

function embedFrame(page) {
  const f = page.frames().find((fr) => fr.url().includes("/www/embed.html"));
  assert.ok(f, "no frame with /www/embed.html");
  return f;
}

test("served HTML has no inline scripts, no style attributes and no <style> blocks", async () => {
  for (const file of ["demo-host.html", "embed.html"]) {
    const html = await (await fetch(`${origin}/www/${file}`)).text();
    const scripts = html.match(/<script\b[^>]*>/gi) ?? [];
    assert.ok(scripts.length > 0, `${file}: no <script> at all`);
    const inline = scripts.filter((s) => !/\bsrc\s*=/i.test(s));
    assert.deepEqual(inline, [], `${file}: inline <script> without src`);
    assert.deepEqual(html.match(/<[^>]*\sstyle\s*=[^>]*>/gi) ?? [], [], `${file}: style= attributes`);
    assert.deepEqual(html.match(/<style\b/gi) ?? [], [], `${file}: <style> blocks`);
    assert.match(html, /http-equiv="Content-Security-Policy"[^>]*default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'/, `${file}: strict CSP meta`);
  }
});

test("demo host under a strict CSP: every map renders, nothing is blocked, nothing leaves the origin", async () => {
  const context = await newContext();
  const page = await context.newPage();
  const log = watch(page);
  try {
    await page.goto(`${origin}/www/demo-host.html`);
    // The maps that are visible from the start (the one in the closed <details> is not).
    const visible = await readyAll(page, "bridge-map:not(details:not([open]) bridge-map)");
    assert.ok(visible.count >= 2, `expected at least two visible maps, found ${visible.count}`);
    assert.deepEqual(visible.errors, [], "visible maps did not become ready");

    // The iframe example.
    const frameReady = await readyAll(embedFrame(page), "bridge-map");
    assert.equal(frameReady.count, 1);
    assert.deepEqual(frameReady.errors, [], "the iframe's map did not become ready");
    const frameHeight = await until(page, () => {
      const h = document.getElementById("embed-frame").clientHeight;
      return h !== 400 && h > 300 ? h : null;
    }, null, "the demo page's iframe to take the height the frame asks for");
    assert.ok(frameHeight > 300);

    // The hidden map: open the <details>; it must render once it has a size.
    const hidden = await page.evaluate(() => {
      const el = document.getElementById("details-map");
      return { inClosedDetails: !!el.closest("details:not([open])"), width: el.getBoundingClientRect().width };
    });
    assert.ok(hidden.inClosedDetails, "the details map should start inside a closed <details>");
    await page.evaluate(() => { document.getElementById("energy-details").open = true; });
    await page.locator("#details-map").scrollIntoViewIfNeeded();
    const shown = await readyAll(page, "#details-map");
    assert.deepEqual(shown.errors, [], "the map in <details> did not become ready after it was shown");
    const drawn = await until(page, () => {
      const el = document.getElementById("details-map");
      const c = el.shadowRoot.querySelector("canvas");
      if (!c || c.width === 0 || c.height === 0) return null;
      const rect = el.getBoundingClientRect();
      // Several distinct colours: the map was really painted, not just sized.
      // Read through a scratch canvas: the map canvas shows bitmaps.
      const s = document.createElement("canvas");
      s.width = c.width; s.height = c.height;
      const ctx = s.getContext("2d", { willReadFrequently: true });
      ctx.drawImage(c, 0, 0);
      const px = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      for (let i = 0; i < px.length; i += 4 * 97) colours.add((px[i] << 16) | (px[i + 1] << 8) | px[i + 2]);
      return colours.size > 5 ? { w: c.width, h: c.height, cssW: rect.width, cssH: rect.height, colours: colours.size } : null;
    }, null, "the <details> map's canvas to be painted");
    assert.ok(drawn.w >= drawn.cssW && drawn.h >= drawn.cssH, `backing store ${drawn.w}×${drawn.h} smaller than ${drawn.cssW}×${drawn.cssH}`);

    // A violation is reported by an event queued as a task: give every frame
    // 10 animation frames to deliver any that are still on their way.
    for (const f of page.frames()) await frames(f, 10);
    const violations = [];
    for (const f of page.frames()) violations.push(...(await f.evaluate(() => window.__csp ?? [])).map((v) => ({ frame: f.url(), ...v })));
    assert.deepEqual(violations, [], "CSP violations");
    const foreign = log.requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"));
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.ok(log.requests.some((u) => u.endsWith(".wasm")), "the .wasm was not fetched?");
    assert.deepEqual(log.errors, [], "console errors");

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(ARTIFACTS, "demo-host.png"), fullPage: true });
  } finally {
    await context.close();
  }
});

test("embed attribute: on the demo page the wheel scrolls the page instead of zooming the map", async () => {
  const context = await newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/www/demo-host.html`);
    const r = await readyAll(page, "#article-map");
    assert.deepEqual(r.errors, []);
    const box = await page.locator("#article-map").boundingBox();
    await page.mouse.move(box.x + box.width / 2, Math.min(box.y + box.height / 2, 850));
    const before = await page.evaluate(() => ({ y: scrollY, zoom: document.getElementById("article-map").view.zoom }));
    // Count the wheel events that reach the page (they bubble out of the
    // shadow root), then wait for all three and for the scroll they cause.
    await page.evaluate(() => {
      window.__wheels = 0;
      window.addEventListener("wheel", () => { window.__wheels++; }, { passive: true });
    });
    for (let i = 0; i < 3; i++) { await page.mouse.wheel(0, 120); await frames(page, 1); }
    await until(page, (y0) => window.__wheels >= 3 && window.scrollY > y0, before.y, "three wheel events and a page scroll");
    await frames(page, 2);
    const afterWheel = await page.evaluate(() => ({ y: scrollY, zoom: document.getElementById("article-map").view.zoom }));
    assert.ok(afterWheel.y > before.y, `the page did not scroll (${before.y} → ${afterWheel.y})`);
    assert.ok(Math.abs(afterWheel.zoom - before.zoom) < 1e-6, `the map zoomed (${before.zoom} → ${afterWheel.zoom})`);
  } finally {
    await context.close();
  }
});

test("README iframe snippet, served verbatim: auto height and the postMessage API", async () => {
  const html = snippet("iframe");
  assert.match(html, /<iframe[^>]*src="\/www\/embed\.html\?lang=en"/);
  const context = await newContext();
  const page = await context.newPage();
  const log = watch(page);
  try {
    await page.route(`${origin}/test-host.html`, (route) => route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>host</title></head>\n<body>\n<h1>A host page</h1>\n${html}\n<p>After the map.</p>\n</body></html>`,
    }));
    await page.goto(`${origin}/test-host.html`);
    await until(page, () => window.__msgs.some((m) => m?.type === "bridge-map:ready"), null, "bridge-map:ready");

    // Auto height: the message arrived and the snippet applied it.
    const heightMsg = (await msgs(page)).filter((m) => m?.type === "bridge-map:height").pop();
    assert.ok(heightMsg && heightMsg.height > 300, `height message: ${JSON.stringify(heightMsg)}`);
    const frameH = await until(page, (h) => {
      const r = document.querySelector("iframe").clientHeight; // the frame's viewport, without its border
      return Math.abs(r - h) < 1 ? r : null;
    }, heightMsg.height, `the iframe to become ${heightMsg.height}px tall`);
    assert.ok(frameH > 300 && frameH !== 480, `iframe height ${frameH}`);
    const frame = embedFrame(page);

    // setLang
    const englishStart = await frame.evaluate(() => document.getElementById("map").shadowRoot.querySelector(".tour-start").textContent);
    await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "bridge-map:setLang", lang: "kk" }, location.origin));
    await until(frame, () => document.getElementById("map").getAttribute("lang") === "kk", null, "lang=kk in the frame");
    const kazakhStart = await frame.evaluate(() => document.getElementById("map").shadowRoot.querySelector(".tour-start").textContent);
    assert.notEqual(kazakhStart, englishStart, "the UI text did not change language");
    // Latin Kazakh: the same words, in the 2021 alphabet, and the frame's
    // own language and title with them.
    await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "bridge-map:setLang", lang: "kk-Latn" }, location.origin));
    await until(frame, () => document.documentElement.lang === "kk-Latn", null, "lang=kk-Latn in the frame");
    const latin = await frame.evaluate(() => ({
      start: document.getElementById("map").shadowRoot.querySelector(".tour-start").textContent,
      title: document.title,
    }));
    const written = await frame.evaluate(async (kk) => (await import("/pkg/bridge_map.js")).kazakhLatin(kk), kazakhStart);
    assert.deepEqual(latin, { start: written, title: "Qazaqstan: Şyğys pen Batys arasyndağy köpır — Bridge Map" });
    await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "bridge-map:setLang", lang: "kk" }, location.origin));
    await until(frame, () => document.getElementById("map").getAttribute("lang") === "kk", null, "lang=kk in the frame again");

    // A message that does not come from the parent window is ignored.
    // The frame's own listener was added at load, before this one, so when
    // this one sees the message the frame has already handled (ignored) it.
    await frame.evaluate(() => new Promise((resolve) => {
      window.addEventListener("message", function seen(e) {
        if (e.data?.lang === "ru") { window.removeEventListener("message", seen); resolve(); }
      });
      window.postMessage({ type: "bridge-map:setLang", lang: "ru" }, "*");
    }));
    await frames(frame, 2);
    assert.equal(await frame.evaluate(() => document.getElementById("map").getAttribute("lang")), "kk", "obeyed a message from a non-parent window");

    // setStep
    await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "bridge-map:setStep", step: 2 }, location.origin));
    await until(frame, () => document.getElementById("map").step === 2, null, "el.step === 2 in the frame");
    const tour = await until(page, () => window.__msgs.find((m) => m?.type === "bridge-map:tourstep"), null, "a bridge-map:tourstep message");
    assert.equal(tour.detail?.step, 2);

    // select
    await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "bridge-map:select", id: "titr" }, location.origin));
    const sel = await until(page, () => window.__msgs.find((m) => m?.type === "bridge-map:select"), null, "a bridge-map:select message");
    assert.equal(sel.feature?.id, "titr");
    assert.equal(await frame.evaluate(() => document.getElementById("map").selected?.id), "titr");

    // setStep null ends the tour.
    await page.evaluate(() => document.querySelector("iframe").contentWindow.postMessage({ type: "bridge-map:setStep", step: null }, location.origin));
    await until(frame, () => document.getElementById("map").step === null, null, "the tour to end");

    assert.deepEqual(log.errors, [], "console errors");
    await page.locator("iframe").screenshot({ path: path.join(ARTIFACTS, "embed.png") });
  } finally {
    await context.close();
  }
});

test("embed.html: the origin parameter restricts outgoing messages to that origin", async () => {
  const context = await newContext();
  const page = await context.newPage();
  try {
    const host = (src) => `<!doctype html><html><head><meta charset="utf-8"></head><body><iframe src="${src}" width="600" height="400"></iframe></body></html>`;
    await page.route((url) => url.pathname === "/origin-host.html", (route) => route.fulfill({ contentType: "text/html", body: host(new URL(route.request().url()).searchParams.get("src")) }));
    // Right origin: messages arrive.
    await page.goto(`${origin}/origin-host.html?src=${encodeURIComponent(`/www/embed.html?origin=${origin}`)}`);
    await until(page, () => window.__msgs.some((m) => m?.type === "bridge-map:ready"), null, "ready with the right origin");
    // Wrong origin: the browser drops them.
    await page.goto(`${origin}/origin-host.html?src=${encodeURIComponent("/www/embed.html?origin=https://elsewhere.example")}`);
    const f = embedFrame(page);
    const r = await readyAll(f, "bridge-map");
    assert.deepEqual(r.errors, []);
    // Messages are delivered in the order they are posted: once a probe
    // posted by the frame afterwards has arrived, the frame's ready and
    // height messages would have arrived too.
    await frames(f, 2);
    await f.evaluate(() => window.parent.postMessage({ type: "test:probe" }, "*"));
    await until(page, () => window.__msgs.some((m) => m?.type === "test:probe"), null, "the probe message");
    const got = (await msgs(page)).filter((m) => m?.type !== "test:probe");
    assert.deepEqual(got, [], "messages reached a parent that is not the given origin");
  } finally {
    await context.close();
  }
});

test("embed.html: query parameters configure the map, unknown values are ignored", async () => {
  const context = await newContext({ width: 900, height: 560 });
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/www/embed.html?lang=xx&layers=energy,bogus&view=71.4,51.2,5&theme=dark&interactive=maybe&step=zz`);
    const r = await readyAll(page, "bridge-map");
    assert.deepEqual(r.errors, []);
    // Layers are applied once the overlay data has loaded (see the el.ready test below).
    await until(page, () => document.getElementById("map").features().length > 0, null, "the overlay data");
    const state = await page.evaluate(() => {
      const el = document.getElementById("map");
      return {
        attrs: Object.fromEntries([...el.attributes].map((a) => [a.name, a.value])),
        layers: el.layers, view: el.view, step: el.step,
      };
    });
    assert.equal(state.attrs.lang, undefined, "an unknown lang was passed through");
    assert.equal(state.attrs.layers, "energy");
    assert.deepEqual(state.layers, ["energy"]);
    assert.equal(state.attrs.theme, "dark");
    assert.equal(state.attrs.interactive, undefined, "interactive=maybe was passed through");
    assert.equal(state.attrs.step, undefined);
    assert.equal(state.step, null);
    assert.ok("embed" in state.attrs);
    assert.ok(Math.abs(state.view.lon - 71.4) < 0.05 && Math.abs(state.view.lat - 51.2) < 0.05 && Math.abs(state.view.zoom - 5) < 0.01,
      `view ${JSON.stringify(state.view)}`);
  } finally {
    await context.close();
  }
});

test("the element observes the embedding attributes (theme, interactive, view, embed, permalink)", async () => {
  const context = await newContext();
  const page = await context.newPage();
  try {
    await page.goto(`${origin}/www/embed.html`);
    const observed = await page.evaluate(async () => {
      await customElements.whenDefined("bridge-map");
      return customElements.get("bridge-map").observedAttributes;
    });
    // `embed` and `permalink` may be read once at connect time; the others
    // must follow changes.
    const missing = ["theme", "interactive", "view"].filter((a) => !observed.includes(a));
    assert.deepEqual(missing, [], `observedAttributes is ${JSON.stringify(observed)}`);
  } finally {
    await context.close();
  }
});

test("element: when el.ready resolves, the layers and step attributes are applied and the overlay is loaded", async () => {
  const context = await newContext({ width: 900, height: 560 });
  const page = await context.newPage();
  try {
    // The overlay data is held back until the map has drawn its first frame
    // (the basemap alone would be enough for a frame), so the order is visible.
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    // (the element has no lang: English, so the English outline, which is
    // what the first map draws)
    await page.route((url) => url.pathname === "/data/bridge.en.outline.json", async (route) => {
      await held;
      await route.continue();
    });
    await page.route((url) => url.pathname === "/ready-order.html", (route) => route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/www/bridge-map.js"></script></head>
<body><bridge-map id="map" layers="energy" step="3" embed></bridge-map></body></html>`,
    }));
    await page.goto(`${origin}/ready-order.html`);
    const readyState = page.evaluate(async () => {
      await customElements.whenDefined("bridge-map");
      const el = document.getElementById("map");
      await el.ready;
      return { features: el.features().length, step: el.step };
    });
    await until(page, () => document.getElementById("map").stats?.frames >= 1, null, "the first frame, before the overlay data");
    await frames(page, 2);
    release();
    const atReady = await readyState;
    assert.ok(atReady.features > 0, `el.ready resolved before the overlay data was loaded: ${JSON.stringify(atReady)}`);
    assert.equal(atReady.step, 3, `el.ready resolved before the step attribute was applied: ${JSON.stringify(atReady)}`);
  } finally {
    await context.close();
  }
});

test("README element snippet, served verbatim, shows a working map", async () => {
  const html = snippet("element");
  // The snippet loads the element bundle that tools/package.mjs makes.
  assert.match(html, /<script type="module" src="\/pkg\/bridge-map\.bundle\.js"><\/script>/);
  const context = await newContext();
  const page = await context.newPage();
  const log = watch(page);
  try {
    await page.route(`${origin}/test-element.html`, (route) => route.fulfill({
      contentType: "text/html; charset=utf-8",
      body: `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>element</title></head>\n<body>\n${html}\n</body></html>`,
    }));
    await page.goto(`${origin}/test-element.html`);
    const r = await readyAll(page, "bridge-map");
    assert.equal(r.count, 1);
    assert.deepEqual(r.errors, []);
    const size = await page.evaluate(() => document.querySelector("bridge-map").getBoundingClientRect().height);
    assert.ok(size >= 300, `the snippet's map is ${size}px tall`);
    assert.deepEqual(log.errors, []);
  } finally {
    await context.close();
  }
});

test("README npm snippet imports the package entry", () => {
  const html = snippet("npm");
  assert.match(html, /import\s+["']\/node_modules\/bridge-map\/bridge-map\.js["']/);
  assert.match(html, /<bridge-map\b[^>]*><\/bridge-map>/);
  assert.match(README, /npm install bridge-map/);
  assert.match(README, /import "bridge-map";/);
});
