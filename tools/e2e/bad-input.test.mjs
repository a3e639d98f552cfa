// The corpus of bad input (issue 12), in the browser: every case of
// tests/bad-input/cases.json through the <bridge-map> element. For each:
// the specific error (its path and reason) in the element's banner or
// error panel and in its dataerror / error event; no page error and no
// console error but the one that goes with that event; nothing a name or an
// id holds turned into markup; and, where the geometry itself is fine, a
// map that still draws, picks and comes back alive when it is removed and
// inserted again. `cargo test --test bad_input` runs what it can of the
// same manifest natively; the manifest says why each answer is right.
//
//   node --test tools/e2e/bad-input.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { ROOT, launchBrowser, startServer } from "./helpers.mjs";

const DIR = path.join(ROOT, "tests", "bad-input");
const CASES = JSON.parse(readFileSync(path.join(DIR, "cases.json"), "utf8"));
const BASE = JSON.parse(readFileSync(path.join(DIR, CASES.base), "utf8"));
const GEOMETRY = readFileSync(path.join(DIR, CASES.geometry));
const DETAIL = readFileSync(path.join(DIR, CASES.detail));

let server, browser, origin;

before(async () => {
  server = await startServer();
  origin = server.origin;
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A page of the test's own with its console, page errors and every error
 *  and dataerror event of every <bridge-map> recorded. */
async function openPage(url, { width = 900, height = 600, route } = {}) {
  const context = await browser.newContext({ viewport: { width, height } });
  await context.addInitScript(() => {
    window.__events = [];
    for (const type of ["error", "dataerror"]) {
      // They do not bubble: caught on the way down.
      document.addEventListener(type, (e) => {
        if (e.target?.localName === "bridge-map") {
          window.__events.push({ on: e.target.id, type, message: e.detail?.message, attribute: e.detail?.attribute });
        }
      }, true);
    }
  });
  const log = [];
  const page = await context.newPage();
  page.on("console", (m) => log.push({ type: m.type(), text: m.text() }));
  page.on("pageerror", (e) => log.push({ type: "pageerror", text: String(e?.stack || e) }));
  if (route) await route(page);
  await page.goto(url);
  return { context, page, log };
}

/** The console lines that go with the events seen, and nothing else: a
 *  warning per attribute error, a console error per other one, plus the
 *  `allowed` browser messages (a failed download). */
function checkConsole(log, events, allowed = []) {
  const problems = log.filter((l) => l.type === "pageerror");
  assert.deepEqual(problems, [], "no page error");
  const errors = log.filter((l) => l.type === "error" && !allowed.some((a) => l.text.includes(a)));
  const warnings = log.filter((l) => l.type === "warning" && l.text.startsWith("bridge-map:"));
  const fatal = events.filter((e) => !e.attribute);
  assert.equal(errors.length, fatal.length, `console errors: ${JSON.stringify(errors)} for events ${JSON.stringify(fatal)}`);
  for (const e of fatal) assert.ok(errors.some((l) => l.text.includes(e.message.slice(0, 60))), `a console error for ${e.message}`);
  assert.equal(warnings.length, events.length - fatal.length, `console warnings: ${JSON.stringify(warnings)}`);
}

// --- Overlay data -------------------------------------------------------

/** In the page: makes a case's input from the base and the manifest's
 *  description (the same generators as tests/bad_input.rs). */
function makeInput({ kase, base, origin }) {
  const steps = (p) => p.split(".").filter(Boolean).flatMap((part) => {
    const [key, ...indices] = part.split("[");
    return [...(key ? [key] : []), ...indices.map((i) => Number(i.replace("]", "")))];
  });
  const point = (i, n) => ({ lon: 50 + (30 * i) / (n - 1), lat: 45, q: "V", r: "doc", ...(i + 1 < n ? { mode: "rail" } : {}) });
  const NEST = "\u0001nest\u0001";
  let nest = 0;
  let root = structuredClone(base);
  const make = (v) => {
    if (Array.isArray(v)) return v.map(make);
    if (!v || typeof v !== "object" || !Object.keys(v).some((k) => k.startsWith("$"))) return v;
    if ("$number" in v) return Number(v.$number);
    if ("$text" in v) return v.$text.repeat(Math.ceil(v.bytes / new TextEncoder().encode(v.$text).length));
    if ("$route" in v) return Array.from({ length: v.$route }, (_, i) => point(i, v.$route));
    if ("$nodes" in v) {
      return Array.from({ length: v.$nodes }, (_, i) => ({ ...structuredClone(base.features[1]), id: `node-${i}`, lon: 40 + (i % 100) * 0.5, lat: 35 + Math.floor(i / 100) * 0.2 }));
    }
    if ("$nest" in v) { nest = v.$nest; return NEST; }
    if ("$function" in v) return () => {};
    throw new Error(`generator ${JSON.stringify(v)}`);
  };
  for (const edit of kase.patch ?? []) {
    const path = steps(edit.at);
    const last = path.pop();
    let parent = root;
    for (const s of path) parent = parent[s];
    if (last === undefined) { root = make(edit.set); continue; }
    if (edit.delete) { delete parent[last]; continue; }
    if (edit.set && edit.set.$throws) {
      Object.defineProperty(parent, last, { enumerable: true, get() { throw new Error(edit.set.$throws); } });
    } else if (edit.set && edit.set.$root) {
      parent[last] = root;
    } else {
      parent[last] = make(edit.set);
    }
  }
  const text = () => {
    const t = JSON.stringify(root);
    return nest ? t.replace(JSON.stringify(NEST), "[".repeat(nest) + "]".repeat(nest)) : t;
  };
  if (kase.missing) return { url: `${origin}/tests/bad-input/${kase.missing}` };
  if (kase.file) return { url: `${origin}/tests/bad-input/${kase.file}`, file: true };
  if (kase.feed === "object") return { object: root };
  if (kase.feed === "text") return { text: text() };
  return { url: URL.createObjectURL(new Blob([text()], { type: "application/json" })) };
}

/** In the page: mounts a fresh map, feeds it the case, and reports what
 *  the visitor and the host see; then resets the data, removes the map and
 *  inserts it again (the named defect) and reports whether it works. */
async function feed({ kase, base, origin }) {
  const frame = () => new Promise((r) => requestAnimationFrame(r));
  const until = async (fn, what, ms = 20000) => {
    const end = performance.now() + ms;
    while (!fn()) {
      if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
      await frame();
    }
  };
  const works = (el) => {
    const at = el.project(71.446, 51.18);
    const hit = at && el.pick(at.x, at.y, "country");
    return Boolean(el.view && hit && hit.id === "KAZ" && el.getAttribute("data-state") !== "error");
  };
  const markup = (el) => [...el.shadowRoot.querySelectorAll("*")].filter((n) =>
    ["img", "script", "iframe", "object", "embed", "style"].includes(n.localName)
    || [...n.attributes].some((a) => a.name.startsWith("on"))).map((n) => n.outerHTML.slice(0, 120));
  document.getElementById("map")?.remove();
  const el = document.createElement("bridge-map");
  el.id = "map";
  el.style.cssText = "display:block;width:800px;height:500px";
  document.body.append(el);
  await el.ready;
  await until(() => el.stats.texts, "the shipped overlay's texts");
  let input = window.__makeInput({ kase, base, origin });
  if (input.file && kase.feed === "text") input = { text: await (await fetch(input.url)).text() };
  let detail = null;
  el.addEventListener("dataerror", (e) => { detail = e.detail; }, { once: true });
  if (input.url) el.setAttribute("data", input.url);
  else el.data = input.object ?? input.text;
  const out = {};
  if (kase.expect.accepted) {
    const id = kase.expect.accepted.feature;
    await until(() => detail || el.features().some((f) => f.id === id && el.stats.languages.length === 3), "the data to be applied");
    out.detail = detail;
    const f = el.features().find((x) => x.id === id);
    out.feature = f ?? null;
    if (f && kase.expect.accepted.text) {
      // Shown as typed: in the text twin, and in the info panel.
      el.select(id);
      await frame();
      const root = el.shadowRoot;
      out.twin = root.querySelector('[part="twin"]').textContent;
      out.info = root.querySelector('[part="info"]').textContent;
    }
  } else {
    await until(() => detail, "a dataerror event");
    out.detail = detail;
    const banner = el.shadowRoot.querySelector('[part="data-error"]');
    out.banner = { hidden: banner.hidden, text: banner.textContent };
  }
  out.markup = markup(el);
  out.xss = window.__xss ?? null;
  out.works = works(el);
  // The named defect: data replaced, reset, the element removed and
  // inserted again.
  if (input.url) el.removeAttribute("data");
  else el.data = null;
  await until(() => el.features().length > 40, "the shipped data back");
  el.remove();
  document.body.append(el);
  await el.ready;
  out.worksAgain = works(el);
  out.viewAgain = el.view;
  el.remove();
  return out;
}

/** Where `expect` says: a problem at its path with its reason, among the
 *  problems a dataerror message lists. */
function hasProblem(message, expect) {
  if (!expect.path && !expect.pathPrefix) return message.includes(expect.reason);
  const listed = message.replace(/^invalid overlay data \(\d+ problems?\): /, "").split("; ");
  return listed.some((p) => (expect.path ? p.startsWith(`${expect.path}: `) : p.startsWith(expect.pathPrefix))
    && p.includes(expect.reason));
}

test("overlay data: every case of the corpus", { timeout: 600_000 }, async (t) => {
  const { context, page, log } = await openPage(`${origin}/www/index.html?blank`, {
    route: (p) => p.route(`${origin}/www/index.html?blank`, (r) => r.fulfill({
      contentType: "text/html",
      body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/www/bridge-map.js"></script><body></body>',
    })),
  });
  try {
    await page.evaluate(`window.__makeInput = ${makeInput.toString()}`);
    await page.evaluate(() => customElements.whenDefined("bridge-map"));
    for (const kase of CASES.overlay) {
      await t.test(kase.name, async () => {
        const from = log.length;
        await page.evaluate(() => { window.__events.length = 0; });
        const out = await page.evaluate(`(${feed.toString()})(${JSON.stringify({ kase, base: BASE, origin })})`);
        const events = await page.evaluate(() => window.__events.splice(0));
        const e = kase.expect;
        if (e.accepted) {
          assert.equal(out.detail, null, `accepted, with no dataerror: ${JSON.stringify(out.detail)}`);
          assert.ok(out.feature, `the feature ${e.accepted.feature} is shown`);
          if (e.accepted.text) {
            assert.ok(out.twin.includes(e.accepted.text), `the name as typed, in the text twin: ${out.twin.slice(0, 200)}`);
            assert.ok(out.info.includes(e.accepted.text), "the name as typed, in the info panel");
          }
        } else {
          assert.ok(hasProblem(out.detail.message, e), `dataerror names ${e.path ?? e.pathPrefix ?? ""}: ${e.reason}; got ${out.detail.message.slice(0, 400)}`);
          assert.equal(out.banner.hidden, false, "the banner shows");
          assert.ok(hasProblem(out.banner.text.replace(/^.*?(invalid overlay data|could not download)/s, "$1"), e)
            || out.banner.text.includes(e.reason), `the banner says it: ${out.banner.text.slice(0, 300)}`);
        }
        assert.deepEqual(out.markup, [], "nothing in the data became markup");
        assert.equal(out.xss, null, "no script of the data ran");
        assert.ok(out.works, "the basemap still draws and picks");
        assert.ok(out.worksAgain && out.viewAgain, `removed and inserted again, it works: ${JSON.stringify(out.viewAgain)}`);
        checkConsole(log.slice(from), events.filter((x) => x.type === "dataerror" || x.attribute), kase.console);
        assert.equal(events.filter((x) => x.type === "error").length, 0, `no error event: ${JSON.stringify(events)}`);
        assert.equal(events.length, e.accepted ? 0 : 1, `one dataerror: ${JSON.stringify(events)}`);
      });
    }
  } finally {
    await context.close();
  }
});

// --- Geometry -----------------------------------------------------------

/** Where each section of a v4 base file ends (data/SOURCE.md); the same
 *  walker as tests/bad_input.rs. */
function sections(b) {
  let at = 40;
  const varint = () => {
    let v = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = b[at++];
      v += (byte & 0x7f) * 2 ** shift;
      if (!(byte & 0x80)) return v;
    }
  };
  const out = [["header", at]];
  // `at += varint()` would add to `at` as it was before the varint.
  const skip = (n) => { at += n; };
  for (const name of ["detail-name", "fine-name"]) { skip(varint()); out.push([name, at]); }
  skip(32 * varint()); out.push(["keep", at]);
  const arcs = varint(); out.push(["arc-count", at]);
  let points = 0;
  for (let i = 0; i < arcs; i++) points += varint();
  out.push(["point-counts", at]);
  for (const name of ["x-deltas", "y-deltas"]) { for (let i = 0; i < points; i++) varint(); out.push([name, at]); }
  const countries = varint(); out.push(["country-count", at]);
  at += 3 * countries; out.push(["ids", at]);
  for (const name of ["names-en", "names-kk", "names-ru"]) { for (let i = 0; i < countries; i++) skip(varint()); out.push([name, at]); }
  let refs = 0;
  for (let c = 0; c < countries; c++) for (let p = varint(); p > 0; p--) for (let r = varint(); r > 0; r--) refs += varint();
  out.push(["shapes", at]);
  for (let i = 0; i < refs; i++) varint();
  out.push(["references", at]);
  const lakes = varint(); out.push(["lake-count", at]);
  for (let l = 0; l < lakes; l++) for (let p = varint(); p > 0; p--) varint();
  out.push(["lakes", at]);
  assert.equal(at, b.length - 4, "the walker reads the whole base file");
  return new Map(out);
}

const reseal = (body) => Buffer.concat([body, (() => { const c = Buffer.alloc(4); c.writeUInt32LE(zlib.crc32(body)); return c; })()]);

function varintBytes(v) {
  const out = [];
  for (;;) {
    const b = v % 128;
    v = Math.floor(v / 128);
    if (v === 0) { out.push(b); return Buffer.from(out); }
    out.push(b | 0x80);
  }
}

/** The bytes a basemap case describes (the manifest's `about`). */
function basemapBytes(make) {
  if (make.empty) return Buffer.alloc(0);
  if (make.bytes) return Buffer.from(make.bytes);
  let b = Buffer.from(make.file === "detail" ? DETAIL : GEOMETRY);
  const secs = sections(GEOMETRY);
  if (make.set) {
    const at = make.set.at === "middle" ? Math.floor(b.length / 2) : make.set.at === "trailer" ? b.length - 4 : make.set.at;
    Buffer.from(make.set.bytes).copy(b, at);
  }
  if (make.cut !== undefined) {
    const len = make.cut === "half" ? Math.floor(b.length / 2) : typeof make.cut === "string" ? secs.get(make.cut) : make.cut;
    b = b.subarray(0, len);
    return make.reseal ? reseal(b) : b;
  }
  if (make.count) {
    const names = [...secs.keys()];
    const start = secs.get(names[names.indexOf(make.count) - 1]);
    let end = start;
    while (b[end] & 0x80) end++;
    return reseal(Buffer.concat([b.subarray(0, start), varintBytes(make.value), b.subarray(end + 1, b.length - 4)]));
  }
  if (make.append) return reseal(Buffer.concat([b.subarray(0, b.length - 4), Buffer.from([0])]));
  if (make.reseal) return reseal(b.subarray(0, b.length - 4));
  return b;
}

test("geometry: every case of the corpus", { timeout: 300_000 }, async (t) => {
  const served = new Map(); // path -> bytes
  const { context, page, log } = await openPage(`${origin}/geometry-cases.html`, {
    route: async (p) => {
      await p.route(`${origin}/geometry-cases.html`, (r) => r.fulfill({
        contentType: "text/html",
        body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/www/bridge-map.js"></script><body></body>',
      }));
      await p.route(`${origin}/bad-geometry/**`, (r) => {
        const bytes = served.get(new URL(r.request().url()).pathname);
        return bytes ? r.fulfill({ body: bytes, contentType: "application/octet-stream" }) : r.fulfill({ status: 404, body: "" });
      });
    },
  });
  try {
    await page.evaluate(() => customElements.whenDefined("bridge-map"));
    for (const kase of CASES.basemap) {
      await t.test(kase.name, async () => {
        const from = log.length;
        const bytes = basemapBytes(kase.make);
        const dir = `/bad-geometry/${kase.name}`;
        if (kase.as === "detail") {
          served.set(`${dir}/countries.bmap`, GEOMETRY);
          served.set(`${dir}/countries-50m.bmap`, bytes);
        } else {
          served.set(`${dir}/countries.bmap`, bytes);
        }
        // The detail file is fetched after `ready`; its fate is one warning.
        const warned = kase.as === "detail"
          && page.waitForEvent("console", { predicate: (m) => m.text().includes("could not use the detailed geometry"), timeout: 20000 });
        const out = await page.evaluate(async ({ url }) => {
          document.getElementById("map")?.remove();
          const el = document.createElement("bridge-map");
          el.id = "map";
          el.style.cssText = "display:block;width:800px;height:500px";
          el.setAttribute("geometry", url);
          window.__events.length = 0;
          document.body.append(el);
          const ready = await el.ready.then(() => null, (e) => e.message);
          const panel = el.shadowRoot.querySelector('[part="error"]');
          return { ready, state: el.getAttribute("data-state"), panel: { hidden: panel.hidden, text: panel.textContent } };
        }, { url: `${dir}/countries.bmap` });
        if (warned) await warned;
        Object.assign(out, await page.evaluate(() => {
          const el = document.getElementById("map");
          const at = el.project(71.446, 51.18);
          const out = {
            works: Boolean(el.view && at && el.pick(at.x, at.y, "country")?.id === "KAZ"),
            detail: el.stats?.detail ?? null,
            events: window.__events.splice(0),
          };
          el.remove();
          return out;
        }));
        const e = kase.expect;
        if (kase.as === "detail") {
          assert.equal(out.ready, null, "the map loads from its base");
          assert.ok(out.works, "and draws and picks at its coarse level");
          assert.equal(out.detail, false, "without the broken detail");
          assert.equal(out.panel.hidden, true, "no error panel");
          assert.deepEqual(out.events, [], "no error event");
          const warned = log.slice(from).filter((l) => l.type === "warning" && l.text.includes("could not use the detailed geometry"));
          assert.equal(warned.length, 1, "one console warning");
          assert.ok(warned[0].text.includes(e.reason), `the warning says why: ${warned[0].text}`);
          assert.deepEqual(log.slice(from).filter((l) => l.type === "error" || l.type === "pageerror"), []);
          return;
        }
        assert.ok(out.ready?.includes(e.reason), `el.ready rejects with the reason: ${out.ready}`);
        assert.equal(out.state, "error");
        assert.equal(out.panel.hidden, false, "the error panel shows");
        assert.ok(out.panel.text.includes(e.reason), `the panel says it: ${out.panel.text}`);
        assert.equal(out.events.length, 1, JSON.stringify(out.events));
        assert.ok(out.events[0].message.includes(e.reason) && !out.events[0].attribute, JSON.stringify(out.events[0]));
        checkConsole(log.slice(from), out.events);
      });
    }
  } finally {
    await context.close();
  }
});

// --- Attributes and the API: the host pages --------------------------------

/** The hash a case asks for: written, or generated to a size. */
function hashOf(kase) {
  if (kase.hash) return kase.hash;
  if (!kase.hashGenerate) return "";
  const { key, repeat, bytes } = kase.hashGenerate;
  return `#${key}=${repeat.repeat(Math.ceil(bytes / repeat.length))}`;
}

for (const kase of CASES.pages) {
  test(`page: ${kase.name}`, { timeout: 120_000 }, async () => {
    const held = [];
    const { context, page, log } = await openPage(`${origin}/tests/bad-input/${kase.page}${hashOf(kase)}`, {
      route: kase.hold && (async (p) => {
        // Held until the page says so: a download still running when the
        // page sets other data.
        let released = null;
        await p.route(`${origin}${kase.hold}`, async (r) => {
          held.push(r);
          released ??= p.waitForFunction(() => window.__release, null, { polling: "raf", timeout: 60000 });
          await released;
          await r.fulfill({ path: path.join(DIR, CASES.base), contentType: "application/json" });
        });
      }),
    });
    try {
      const done = await page.evaluate(() => Promise.race([
        window.__done.then(() => true),
        new Promise((r) => setTimeout(() => r(false), 60000)), // a deadline, not a delay
      ]));
      assert.ok(done, "the page finished its scenario");
      const checks = await page.evaluate(() => window.__checks);
      const failed = checks.filter((c) => !c.ok);
      assert.deepEqual(failed, [], `checks: ${JSON.stringify(failed)}`);
      assert.ok(checks.length > 0, "the page checked something");
      const events = await page.evaluate(() => window.__events);
      const expected = kase.expect.events;
      const matches = (ev, x) => ev.on === x.on && ev.type === x.type && (ev.attribute ?? null) === (x.attribute ?? null)
        && [x.message].flat().every((m) => ev.message.includes(m));
      for (const x of expected) assert.ok(events.some((ev) => matches(ev, x)), `expected ${JSON.stringify(x)} among ${JSON.stringify(events)}`);
      assert.equal(events.length, expected.length, `exactly the expected events: ${JSON.stringify(events)}`);
      for (const ev of events) assert.ok(ev.message.length <= 1000, `a readable message (${ev.message.length} characters)`);
      checkConsole(log, events, kase.console);
      for (const id of kase.expect.usable) {
        const ok = await page.evaluate((i) => {
          const el = document.getElementById(i);
          const at = el.project(71.446, 51.18);
          return Boolean(el.view && at && el.pick(at.x, at.y, "country")?.id === "KAZ" && el.getAttribute("data-state") !== "error");
        }, id);
        assert.ok(ok, `${id} draws and picks at the end`);
      }
      if (kase.hold) assert.ok(held.length >= 1, "the held download was asked for");
    } finally {
      await context.close();
    }
  });
}
