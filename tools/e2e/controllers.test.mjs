// Tests of the element's controllers (www/controllers/): every controller
// module is a Controller, is shipped to the wasm-bindgen test page, and
// after `detach` holds no listener, no timer and no host. The last two
// tests remove a real map while one of its controllers has a timer or an
// animation frame pending, and check that it never fires.
//
//   node --test tools/e2e/controllers.test.mjs
//
// Needs pkg/ (wasm-pack build --release --target web) and /usr/bin/chromium.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ROOT, launchBrowser, startServer } from "./helpers.mjs";

let server, browser, origin;
const problems = [];

const PAGE_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>controllers</title>
<script type="module" src="/www/bridge-map.js"></script>
</head><body><div id="box"></div></body></html>`;

// Keeps the ids of pending setTimeout timers in window.__pendingTimers, so a
// test can see whether a removed map left one behind.
const TRACK_TIMERS = () => {
  const pending = new Set();
  window.__pendingTimers = pending;
  const set = window.setTimeout.bind(window);
  const clear = window.clearTimeout.bind(window);
  window.setTimeout = function (fn, ms, ...args) {
    const id = set((...a) => { pending.delete(id); if (typeof fn === "function") fn(...a); }, ms, ...args);
    pending.add(id);
    return id;
  };
  window.clearTimeout = function (id) {
    pending.delete(id);
    return clear(id);
  };
};

const CONTROLLERS = path.join(ROOT, "www", "controllers");
/** Modules of www/controllers/ that are not controllers themselves. */
const NOT_CONTROLLERS = ["controller.js", "index.js", "ready.js"];

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

async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 900, height: 600 } });
  await ctx.addInitScript(TRACK_TIMERS);
  await ctx.route(`${origin}/controllers.html`, (route) =>
    route.fulfill({ status: 200, contentType: "text/html; charset=utf-8", body: PAGE_HTML }));
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") problems.push({ text: m.text(), url: page.url() }); });
  page.on("pageerror", (e) => problems.push({ text: String(e?.stack || e), url: page.url() }));
  await page.goto(`${origin}/controllers.html`);
  await page.evaluate(() => customElements.whenDefined("bridge-map"));
  return { ctx, page };
}

test("1. every element module is named in tests/web.rs, so the browser tests ship it", () => {
  const web = readFileSync(path.join(ROOT, "tests", "web.rs"), "utf8");
  const named = new Set([...web.matchAll(/module\s*=\s*"\/www\/([^"]+)"/g)].map((m) => m[1]));
  // The raster worker's script runs in a worker, never in the page (importing
  // it would make the page's own onmessage its handler): raster.test.mjs
  // loads it where it runs.
  const modules = [
    ...readdirSync(path.join(ROOT, "www")).filter((f) => /^bridge-map-.+\.js$/.test(f) && f !== "bridge-map-raster.js"),
    ...readdirSync(CONTROLLERS).filter((f) => f.endsWith(".js")).map((f) => `controllers/${f}`),
  ];
  const missing = modules.filter((m) => !named.has(m));
  assert.deepEqual(missing, [], `add a #[wasm_bindgen(module = "/www/…")] block to tests/web.rs for: ${missing.join(", ")}`);
});

test("2. each controller module exports a Controller, and a detached controller keeps nothing", async () => {
  const files = readdirSync(CONTROLLERS).filter((f) => f.endsWith(".js") && !NOT_CONTROLLERS.includes(f));
  assert.ok(files.length >= 10, `expected the controllers in www/controllers/, found ${files.join(", ")}`);
  const { ctx, page } = await newPage();
  try {
    const r = await page.evaluate(async (names) => {
      const { Controller } = await import("/www/controllers/controller.js");
      const kinds = {};
      for (const f of names) {
        const m = await import(`/www/controllers/${f}`);
        kinds[f] = Object.values(m).filter((x) => typeof x === "function" && x.prototype instanceof Controller).map((x) => x.name);
      }
      // The base class: listeners through the signal, `later` and
      // `nextFrame`, all gone after detach; attaching twice does not
      // double the listeners.
      class Probe extends Controller {
        calls = [];
        listen(signal) {
          window.addEventListener("probe", () => this.calls.push("window"), { signal });
          this.host.element.addEventListener("probe", () => this.calls.push("element"), { signal });
        }
      }
      const p = new Probe();
      const host = { element: document.getElementById("box"), map: null };
      p.attach(host);
      p.attach(host);
      window.dispatchEvent(new Event("probe"));
      host.element.dispatchEvent(new Event("probe"));
      const attached = [...p.calls];
      const PROBE_MS = 10;
      p.later(() => p.calls.push("timer"), PROBE_MS);
      p.nextFrame(() => p.calls.push("frame"));
      const hostWhileAttached = p.host === host;
      p.detach();
      window.dispatchEvent(new Event("probe"));
      host.element.dispatchEvent(new Event("probe"));
      // Timers fire in order of expiry: once a timer of PROBE_MS started
      // after detach has run, the cancelled one would have run too.
      await new Promise((r) => setTimeout(r, PROBE_MS));
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return { kinds, attached, after: p.calls.slice(attached.length), hostWhileAttached, hostAfter: p.host };
    }, files);
    const notControllers = Object.entries(r.kinds).filter(([, k]) => k.length !== 1).map(([f, k]) => `${f}: ${JSON.stringify(k)}`);
    assert.deepEqual(notControllers, [], "each controller module exports exactly one subclass of Controller");
    assert.deepEqual(r.attached, ["window", "element"], "attached twice, each listener must run once");
    assert.equal(r.hostWhileAttached, true);
    assert.deepEqual(r.after, [], "after detach no listener, timer or frame callback may run");
    assert.equal(r.hostAfter, null, "a detached controller must drop its host");
  } finally {
    await ctx.close();
  }
});

test("3. removing a map cancels its pending announcement (a frame) and permalink write (a timer)", async () => {
  const { ctx, page } = await newPage();
  try {
    const r = await page.evaluate(async () => {
      const box = document.getElementById("box");
      const mount = async (attrs = {}) => {
        const el = document.createElement("bridge-map");
        for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
        el.className = "m";
        box.append(el);
        await el.ready;
        return el;
      };
      // Timers fire in order of expiry: once a timer of the permalink's own
      // delay, started now, has run, any write it deferred has had its turn.
      const { WRITE_DELAY_MS } = await import("/www/controllers/permalink.js");
      const settle = async () => {
        await new Promise((r) => setTimeout(r, WRITE_DELAY_MS));
        await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      };

      // The live region writes its text in the next frame: remove the map
      // right after the selection, before that frame.
      const a = await mount();
      const live = a.shadowRoot.querySelector(".live");
      let selected = null;
      a.addEventListener("select", (e) => { selected = e.detail?.id ?? null; a.remove(); }, { once: true });
      a.select("titr");
      await settle();
      const announced = live.textContent;

      // A map that keeps the permalink writes a pan 400 ms later: remove it
      // as soon as the pan is reported.
      const b = await mount({ permalink: "" });
      await settle(); // the write for the initial state
      const hashBefore = location.hash;
      let panned = false;
      let left = null; // timers started since the pan and still pending once the map is gone
      const timersBefore = new Set(window.__pendingTimers);
      b.addEventListener("viewchange", () => {
        panned = true;
        queueMicrotask(() => {
          b.remove();
          left = [...window.__pendingTimers].filter((id) => !timersBefore.has(id)).length;
        });
      }, { once: true });
      b.view = { lon: 60, lat: 40, zoom: 4 };
      const deadline = performance.now() + 5000;
      while (!panned && performance.now() < deadline) await new Promise((r) => requestAnimationFrame(r));
      await settle();
      return { selected, announced, panned, left, hashBefore, hashAfter: location.hash, connected: a.isConnected || b.isConnected };
    });
    assert.equal(r.selected, "titr", "the select event should have fired");
    assert.equal(r.connected, false);
    assert.equal(r.announced, "", "the removed map's live region was written after removal");
    assert.equal(r.panned, true, "the viewchange event should have fired");
    assert.equal(r.left, 0, "the removed map left a timer pending (the permalink's deferred write)");
    assert.equal(r.hashAfter, r.hashBefore, "the removed map wrote the URL hash after removal");
  } finally {
    await ctx.close();
  }
});
