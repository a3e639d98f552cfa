// "Download data" and "Embed this view" (issue 13): el.exportData writes the
// overlay as GeoJSON and CSV in every language, with its licence, from a
// wasm loaded only then; the share dialog opens by mouse, touch and
// keyboard, keeps focus, closes with Escape, copies its codes; and each
// code, opened in a page of its own, shows exactly the view, layers,
// language and tour step it was copied from.
//
//   node --test tools/e2e/share.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, evalMap, frames, launchBrowser, startServer, until, waitReady } from "./helpers.mjs";

const DATA = JSON.parse(readFileSync(path.join(ROOT, "data", "bridge.json"), "utf8"));
const MIN = JSON.parse(readFileSync(path.join(ROOT, "tests", "fixtures", "overlay-min.json"), "utf8"));
const VIEWPORT = { width: 1280, height: 800 };

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

/** A page of www/index.html (with `hash`), its map ready; requests logged. */
async function openIndex(hash = "", options = {}) {
  const context = await browser.newContext({ viewport: VIEWPORT, ...options });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${origin}/www/index.html${hash}`);
  const r = await waitReady(page);
  assert.ok(r.ok, `the map did not load: ${r.error}`);
  return { context, page, requests, errors };
}

/** el.exportData(format) in the page: the file's name, type, bytes' head and text. */
function exportIn(page, format, selector = "#map") {
  return page.evaluate(async ([f, sel]) => {
    const file = await document.querySelector(sel).exportData(f);
    const bytes = new Uint8Array(await file.arrayBuffer());
    return { isBlob: file instanceof Blob, name: file.name, type: file.type, head: [...bytes.slice(0, 3)], text: new TextDecoder().decode(bytes) };
  }, [format, selector]);
}

/** Records of an RFC 4180 text (CRLF records, "" for a quote in quotes). */
function readCsv(text) {
  const records = [];
  let record = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') {
      assert.equal(field, "", "a quote inside an unquoted field");
      quoted = true;
    } else if (c === ",") { record.push(field); field = ""; }
    else if (c === "\r") {
      assert.equal(text[i + 1], "\n", "CR without LF");
      i++;
      record.push(field); records.push(record); record = []; field = "";
    } else if (c === "\n") assert.fail("a bare LF ends a record");
    else field += c;
  }
  assert.equal(quoted, false, "an unterminated quoted field");
  assert.deepEqual([record, field], [[], ""], "the last record ends with CRLF");
  return records;
}

test("el.exportData: GeoJSON and CSV in every language, with licence, version and date, from a wasm loaded only then", async () => {
  // The map shows Kazakh: it holds only the Kazakh pack, yet the files
  // carry all three languages.
  const { context, page, requests, errors } = await openIndex("#lang=kk");
  try {
    await until(page, () => document.getElementById("map").stats.languages.includes("kk"), null, "the Kazakh pack");
    assert.ok(!requests.some((p) => p.endsWith("bridge_map_export_bg.wasm") || p.endsWith("/bridge.json")),
      "neither the export wasm nor the full overlay is downloaded before the data is asked for");

    const g = await exportIn(page, "geojson");
    assert.ok(g.isBlob);
    assert.match(g.name, /^bridge-map-data-v1-\d{4}-\d\d-\d\d\.geojson$/);
    assert.equal(g.name.slice(19, 29), new Date().toISOString().slice(0, 10), "named with today's date (UTC)");
    assert.equal(g.type, "application/geo+json");
    assert.ok(requests.some((p) => p.endsWith("/pkg/export/bridge_map_export_bg.wasm")), "the export wasm is loaded now");
    assert.ok(requests.some((p) => p.endsWith("/data/bridge.json")), "the full overlay is fetched for its three languages");
    const json = JSON.parse(g.text);
    assert.equal(json.type, "FeatureCollection");
    assert.equal(json.version, 1);
    assert.match(json.license, /MIT OR Apache-2\.0/);
    assert.match(json.license, /GeoNames under CC BY 4\.0/);
    assert.deepEqual(json.languages, ["en", "kk", "ru"]);
    assert.equal(json.features.length, DATA.features.length);
    const astana = json.features.find((f) => f.id === DATA.features.find((x) => x.kind === "event").id);
    for (const f of json.features) {
      for (const l of ["en", "kk", "ru"]) assert.ok(f.properties[`name_${l}`], `${f.id} has name_${l}`);
      const src = DATA.features.find((x) => x.id === f.id);
      assert.equal(f.properties.name_ru, src.name.ru);
      if (f.geometry.type === "Point") {
        assert.deepEqual(f.geometry.coordinates, [src.lon, src.lat], `${f.id}: [lon, lat]`);
      } else {
        assert.ok(["LineString", "MultiLineString"].includes(f.geometry.type));
        assert.equal(f.properties.legs.flat().length, src.paths.reduce((n, p) => n + p.length - 1, 0));
      }
    }
    assert.ok(astana.properties.date, "events keep their date");

    const c = await exportIn(page, "csv");
    assert.match(c.name, /^bridge-map-data-v1-\d{4}-\d\d-\d\d\.csv$/);
    assert.equal(c.type, "text/csv;charset=utf-8");
    assert.deepEqual(c.head, [0xef, 0xbb, 0xbf], "UTF-8 with a byte-order mark, so spreadsheets read Cyrillic");
    const records = readCsv(c.text.replace(/^\uFEFF/, ""));
    assert.match(records[0][0], /^# bridge-map-data v1 \d{4}-\d\d-\d\d: .*GeoNames/);
    const header = records[1];
    assert.ok(records.every((r) => r.length === header.length), "every record has as many fields as the header");
    const figures = DATA.features.flatMap((f) => (f.figures ?? []).map((fig) => ({ f, fig })));
    assert.equal(records.length - 2, figures.length);
    const col = (name) => header.indexOf(name);
    records.slice(2).forEach((row, i) => {
      const { f, fig } = figures[i];
      assert.equal(row[col("feature_id")], f.id);
      assert.equal(row[col("value_kk")], fig.value.kk);
      assert.equal(row[col("label_ru")], fig.label.ru);
      assert.equal(row[col("year")], fig.year);
    });

    const bad = await page.evaluate(() => document.getElementById("map").exportData("xml").then(() => null, (e) => ({ name: e.name, message: e.message })));
    assert.equal(bad?.name, "TypeError");
    assert.match(bad.message, /unknown format "xml": use geojson or csv/);

    // A host's own data is exported as given (here in all three languages,
    // three features).
    await evalMap(page, (el, data) => { el.data = data; }, MIN);
    await until(page, (n) => document.getElementById("map").features().length === n, MIN.features.length, "the host's data");
    const own = JSON.parse((await exportIn(page, "geojson")).text);
    assert.deepEqual(own.features.map((f) => f.id), MIN.features.map((f) => f.id));
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The share dialog's state, from inside the shadow root. */
function dialogState(page) {
  return evalMap(page, (el) => {
    const d = el.shadowRoot.querySelector("[part=share]");
    const active = el.shadowRoot.activeElement;
    return {
      open: !d.hidden,
      role: d.getAttribute("role"),
      title: d.querySelector("#share-title")?.textContent ?? null,
      focusInside: !!active && d.contains(active),
      focusOnButton: active === el.shadowRoot.querySelector(".share-button"),
      codes: [...d.querySelectorAll("textarea")].map((t) => t.value),
      live: el.shadowRoot.querySelector(".live").textContent,
    };
  });
}

test("the share dialog: mouse, keyboard and touch open it; focus stays in it; Escape closes it; Copy copies and says so", async () => {
  const { context, page, errors } = await openIndex("", { hasTouch: true });
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  try {
    // Mouse.
    await page.locator("bridge-map .share-button").click();
    await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=share]").hidden, null, "the dialog open");
    let s = await dialogState(page);
    assert.equal(s.role, "dialog");
    assert.equal(s.title, "Embed and download");
    assert.ok(s.focusInside, "focus moves into the dialog");
    assert.equal(s.codes.length, 2);
    // Tab and Shift+Tab never leave it.
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press(i < 7 ? "Tab" : "Shift+Tab");
      assert.ok((await dialogState(page)).focusInside, `focus left the dialog after ${i + 1} presses`);
    }
    // Copy: the clipboard holds the code, and a screen reader hears it.
    await page.locator("bridge-map .share button.copy").first().click();
    const clip = await page.evaluate(() => navigator.clipboard.readText());
    assert.equal(clip, s.codes[0]);
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".live").textContent === "Copied to the clipboard.", null, "the announcement");
    await page.keyboard.press("Escape");
    s = await dialogState(page);
    assert.equal(s.open, false, "Escape closes the dialog");
    assert.ok(s.focusOnButton, "focus returns to the button that opened it");

    // Keyboard: Enter on the focused button.
    await page.keyboard.press("Enter");
    await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=share]").hidden, null, "opened by Enter");
    await page.keyboard.press("Escape");
    assert.equal((await dialogState(page)).open, false);

    // Touch: a tap.
    const box = await page.locator("bridge-map .share-button").boundingBox();
    await page.touchscreen.tap(box.x + box.width / 2, box.y + box.height / 2);
    await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=share]").hidden, null, "opened by a tap");
    // The close button (×) closes it too.
    await page.locator("bridge-map .share .close").click();
    assert.equal((await dialogState(page)).open, false);

    // The About box takes the same place: opening one closes the other.
    await page.locator("bridge-map .about-button").click();
    await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=about]").hidden, null, "the About box");
    await page.locator("bridge-map .share-button").click();
    await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=share]").hidden, null, "the dialog over the About box");
    assert.equal(await evalMap(page, (el) => el.shadowRoot.querySelector("[part=about]").hidden), true, "the About box closed as the share dialog opened");
    await page.locator("bridge-map .about-button").click();
    await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=about]").hidden, null, "the About box again");
    assert.equal(await evalMap(page, (el) => el.shadowRoot.querySelector("[part=share]").hidden), true, "the share dialog closed as the About box opened");
    await page.keyboard.press("Escape");

    // In Kazakh, the dialog speaks Kazakh.
    await evalMap(page, (el) => el.setAttribute("lang", "kk"));
    await until(page, () => document.getElementById("map").shadowRoot.querySelector(".share-button").title.startsWith("Осы"), null, "the Kazakh text");
    await page.locator("bridge-map .share-button").click();
    await until(page, () => document.getElementById("map").shadowRoot.querySelector("#share-title")?.textContent === "Енгізу және жүктеп алу", null, "the Kazakh dialog");
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

/** The map's state as a snippet must reproduce it. */
function stateOf(target, selector = "#map") {
  return target.evaluate((sel) => {
    const el = document.querySelector(sel);
    return { view: el.view, layers: el.layers, lang: el.getAttribute("lang"), step: el.step };
  }, selector);
}

function assertSame(got, want, what) {
  assert.ok(Math.abs(got.view.lon - want.view.lon) < 1e-3, `${what}: lon ${got.view.lon} vs ${want.view.lon}`);
  assert.ok(Math.abs(got.view.lat - want.view.lat) < 1e-3, `${what}: lat ${got.view.lat} vs ${want.view.lat}`);
  assert.ok(Math.abs(got.view.zoom - want.view.zoom) < 0.01, `${what}: zoom ${got.view.zoom} vs ${want.view.zoom}`);
  assert.deepEqual([...got.layers].sort(), [...want.layers].sort(), `${what}: layers`);
  assert.equal(got.lang, want.lang, `${what}: language`);
  assert.equal(got.step, want.step, `${what}: tour step`);
}

for (const lang of ["kk", "en"]) {
  test(`${lang}: the copied codes open exactly this view: the iframe's and the element's, each in a page of its own`, async () => {
    const { context, page } = await openIndex(`#lang=${lang}`);
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
    try {
      // Tour step 3 (trade routes only), then moved on from it: panned
      // and zoomed (the view the step set is not the one to copy) and the
      // energy layer switched on.
      await evalMap(page, (el) => { el.step = 3; });
      await until(page, () => document.getElementById("map").step === 3, null, "step 3");
      await frames(page, 4);
      await evalMap(page, (el) => {
        el.view = { lon: 69.5973, lat: 42.3417, zoom: 5.37 }; // Shymkent
        el.layers = [...el.layers, "energy"];
      });
      const want = await stateOf(page);
      assert.equal(want.step, 3, "the tour stays at its step");
      assert.deepEqual([...want.layers].sort(), ["energy", "trade"]);

      await page.locator("bridge-map .share-button").click();
      await until(page, () => !document.getElementById("map").shadowRoot.querySelector("[part=share]").hidden, null, "the dialog");
      const copy = async (i) => {
        await page.locator("bridge-map .share button.copy").nth(i).click();
        return page.evaluate(() => navigator.clipboard.readText());
      };
      const frameCode = await copy(0);
      const elementCode = await copy(1);
      assert.match(frameCode, /^<iframe src="[^"]*\/www\/embed\.html\?[^"]*" title="[^"]+" width="100%" height="480"><\/iframe>$/);
      assert.match(elementCode, /<script type="module" src="[^"]*\/pkg\/bridge-map\.bundle\.js"><\/script>\n<bridge-map [^>]*><\/bridge-map>$/);

      // The iframe code, pasted into a host page.
      const host = await context.newPage();
      await host.route(`${origin}/paste-frame.html`, (route) => route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html><head><meta charset="utf-8"><title>frame</title><style>body{margin:0}</style></head><body>${frameCode}</body></html>`,
      }));
      await host.setViewportSize(VIEWPORT);
      await host.goto(`${origin}/paste-frame.html`);
      const frame = await (await host.waitForSelector("iframe")).contentFrame();
      await frame.waitForFunction(() => document.getElementById("map")?.step != null, null, { timeout: 15000 });
      // The iframe is 480 px tall: the same map at a smaller size, so it is
      // checked against the same state read at the original's size.
      assertSame(await stateOf(frame), want, "iframe code");

      // The element code, in a page of its own under the strict CSP a
      // forum's site may have (demo-host.html's): no inline style, so the
      // code carries none, and the map takes its height from its width.
      assert.doesNotMatch(elementCode, /\sstyle=/, "the element code has no style attribute");
      const own = await context.newPage();
      const refused = [];
      own.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
      await own.route(`${origin}/paste-element.html`, (route) => route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'"><title>element</title></head><body>${elementCode}</body></html>`,
      }));
      await own.setViewportSize(VIEWPORT);
      await own.goto(`${origin}/paste-element.html`);
      await own.waitForFunction(() => document.querySelector("bridge-map")?.step != null, null, { timeout: 15000 });
      assertSame(await stateOf(own, "bridge-map"), want, "element code");
      const box = await own.evaluate(() => document.querySelector("bridge-map").getBoundingClientRect().toJSON());
      assert.ok(box.width > 1200 && Math.abs(box.height - box.width * 10 / 16) < 1, `the element is 16:10 of its width: ${box.width}×${box.height}`);
      assert.deepEqual(refused, [], "the strict CSP refused nothing");
      // A host that gives the map a height and no width keeps its width:
      // the 16:10 box only fills in a missing height.
      const sized = await context.newPage();
      await sized.route(`${origin}/paste-sized.html`, (route) => route.fulfill({
        contentType: "text/html; charset=utf-8",
        body: `<!doctype html><html><head><meta charset="utf-8"><title>sized</title><style>body{margin:0} bridge-map{height:300px}</style></head><body>${elementCode}</body></html>`,
      }));
      await sized.setViewportSize(VIEWPORT);
      await sized.goto(`${origin}/paste-sized.html`);
      const sizedBox = await sized.evaluate(() => document.querySelector("bridge-map").getBoundingClientRect().toJSON());
      assert.deepEqual([sizedBox.width, sizedBox.height], [VIEWPORT.width, 300], "a height given, the width is the page's");
    } finally {
      await context.close();
    }
  });
}
