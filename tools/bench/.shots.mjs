// Scratch script (not committed): screenshots mid-drag, mid-flight, settled.
import { launchBrowser, startServer, evalMap, frames, waitReady } from "../e2e/helpers.mjs";
const out = process.argv[2] || "/tmp/compositor-shots";
const server = await startServer();
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: "no-preference" });
  const page = await ctx.newPage();
  page.on("console", (m) => { if (m.type() === "error") console.log("console:", m.text()); });
  page.on("pageerror", (e) => console.log("pageerror:", String(e)));
  await page.goto(`${server.origin}/www/index.html`);
  console.log(await waitReady(page, 30000));
  await frames(page, 5);
  await page.screenshot({ path: `${out}/0-home.png` });
  // Mid-drag: down, move 200 px right and 80 down over a few frames, shoot before release.
  await page.mouse.move(600, 400);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) { await page.mouse.move(600 + 20 * i, 400 + 8 * i); await frames(page, 1); }
  const mid = await evalMap(page, (el) => ({ stats: el.stats, t: el.shadowRoot.querySelector(".picture").style.transform }));
  console.log("mid-drag", JSON.stringify(mid));
  await page.screenshot({ path: `${out}/1-mid-drag.png` });
  await page.mouse.up();
  await frames(page, 3);
  const after = await evalMap(page, (el) => ({ stats: el.stats, t: el.shadowRoot.querySelector(".picture").style.transform }));
  console.log("after release", JSON.stringify(after));
  await page.screenshot({ path: `${out}/2-after-drag.png` });
  // Wheel zoom out one notch mid-gesture.
  await page.mouse.move(640, 400);
  for (let i = 0; i < 3; i++) { await page.mouse.wheel(0, 100); await frames(page, 1); }
  console.log("mid-wheel", await evalMap(page, (el) => el.shadowRoot.querySelector(".picture").style.transform));
  await page.screenshot({ path: `${out}/3-mid-wheel-out.png` });
  await page.waitForTimeout(400);
  // Tour: step 5 then fly to step 6 and shoot mid-flight.
  await evalMap(page, (el) => { el.step = 5; });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: `${out}/4-step5.png` });
  const t0 = await evalMap(page, (el) => el.stats);
  await evalMap(page, (el) => { el.step = 6; });
  const shots = [];
  for (let i = 0; i < 8; i++) {
    await frames(page, 8);
    const s = await evalMap(page, (el) => ({ v: el.view, t: el.shadowRoot.querySelector(".picture").style.transform, s: el.stats }));
    shots.push(s);
    await page.screenshot({ path: `${out}/5-flight-${i}.png` });
  }
  console.log(JSON.stringify(shots, null, 0));
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `${out}/6-step6.png` });
  console.log("after flight", JSON.stringify(await evalMap(page, (el) => ({ v: el.view, s: el.stats, t: el.shadowRoot.querySelector(".picture").style.transform }))), "before", JSON.stringify(t0));
} finally {
  await browser.close();
  await server.stop();
}
