#!/usr/bin/env node
// Regenerates www/static-map.jpg, the picture index.html's <noscript>
// fallback shows: the default view, without animation or panels.
//   node tools/static-image.mjs
import path from "node:path";
import { ROOT, startServer, launchBrowser, waitReady, evalMap } from "./e2e/helpers.mjs";

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const server = await startServer();
const browser = await launchBrowser();
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: "reduce", colorScheme: "light" });
  const page = await context.newPage();
  await page.goto(`${server.origin}/www/index.html`);
  const r = await waitReady(page, 30000);
  if (!r.ok) throw new Error(`map failed to load: ${r.error}`);
  // The picture is the map, not its controls.
  await evalMap(page, (el) => {
    el.shadowRoot.querySelector("details.layers").open = false;
    for (const s of [".controls", ".tour-start", "details.layers"]) el.shadowRoot.querySelector(s).hidden = true;
  });
  await page.addStyleTag({ content: ".title { display: none }" });
  await sleep(300);
  const out = path.join(ROOT, "www", "static-map.jpg");
  await page.screenshot({ path: out, type: "jpeg", quality: 78 });
  console.log(`wrote ${path.relative(ROOT, out)}`);
} finally {
  await browser.close();
  await server.stop();
}
