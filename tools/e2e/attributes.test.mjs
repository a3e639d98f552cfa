// Attribute values the map cannot use (issue 12): a typo in `layers` or a
// broken `view` must not kill the map, nor throw out of the attribute
// callback (a host's error monitoring records that as a crash). The map
// ignores the value, keeps working, warns in the console and fires an
// `error` event whose detail names the attribute.
//
//   node --test tools/e2e/attributes.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { evalMap, frames, launchBrowser, startServer, waitReady } from "./helpers.mjs";

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

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><script type="module" src="/www/bridge-map.js"></script></head>
<body><bridge-map id="map" layers="foo" view="71.4,51.2,x"></bridge-map></body></html>`;

test("bad layers and view attributes are ignored with a warning and an error event naming them; the map works", async () => {
  const context = await browser.newContext({ viewport: { width: 900, height: 560 } });
  // Every `error` event of the element (they do not bubble: caught on the
  // way down), from the first.
  await context.addInitScript(() => {
    window.__errors = [];
    document.addEventListener("error", (e) => {
      if (e.target?.id === "map") window.__errors.push(e.detail);
    }, true);
  });
  const page = await context.newPage();
  const log = [];
  page.on("console", (m) => { if (m.type() === "warning" || m.type() === "error") log.push(`${m.type()}: ${m.text()}`); });
  page.on("pageerror", (e) => log.push(`pageerror: ${e}`));
  await page.route(`${origin}/attributes.html`, (route) => route.fulfill({ contentType: "text/html", body: PAGE }));
  try {
    await page.goto(`${origin}/attributes.html`);
    const r = await waitReady(page);
    assert.ok(r.ok, `the map loads despite the bad attributes: ${r.error}`);
    const at = await evalMap(page, (el) => ({ state: el.getAttribute("data-state"), layers: el.layers, features: el.features().length }));
    assert.notEqual(at.state, "error");
    assert.deepEqual(at.layers, ["trade", "energy", "diplomacy", "plans"], "the unusable layers value is ignored");
    assert.ok(at.features > 0);
    const errors = await page.evaluate(() => window.__errors.splice(0));
    assert.deepEqual(errors.map((e) => e.attribute).sort(), ["layers", "view"], JSON.stringify(errors));
    assert.match(errors.find((e) => e.attribute === "layers").message, /layers="foo": unknown layer "foo"/);
    assert.match(errors.find((e) => e.attribute === "view").message, /view="71.4,51.2,x"/);

    // Set later, by a host: the same, and a good value still works.
    await evalMap(page, (el) => el.setAttribute("layers", "trade,nonsense"));
    await evalMap(page, (el) => el.setAttribute("view", "71.4,,5"));
    await frames(page, 2);
    const later = await page.evaluate(() => window.__errors.splice(0));
    assert.deepEqual(later.map((e) => e.attribute), ["layers", "view"], JSON.stringify(later));
    assert.deepEqual(await evalMap(page, (el) => el.layers), ["trade", "energy", "diplomacy", "plans"]);
    await evalMap(page, (el) => el.setAttribute("layers", "energy"));
    await evalMap(page, (el) => el.setAttribute("view", "71.4,51.2,5"));
    await frames(page, 2);
    assert.deepEqual(await evalMap(page, (el) => el.layers), ["energy"]);
    const v = await evalMap(page, (el) => el.view);
    assert.ok(Math.abs(v.lon - 71.4) < 0.05 && Math.abs(v.zoom - 5) < 0.01, JSON.stringify(v));
    assert.deepEqual(await page.evaluate(() => window.__errors), [], "good values fire nothing");

    assert.equal(log.filter((l) => l.startsWith("warning") && /bridge-map: (layers|view)=/.test(l)).length, 4, log.join(" | "));
    assert.deepEqual(log.filter((l) => !l.startsWith("warning")), [], "no console error, no page error");
  } finally {
    await context.close();
  }
});
