// Scratch (not committed): what a drag frame's main-thread time is made of.
import { launchBrowser, startServer, evalMap, frames, waitReady } from "../e2e/helpers.mjs";
const server = await startServer();
const browser = await launchBrowser();
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, reducedMotion: "reduce" });
  const page = await ctx.newPage();
  await page.goto(`${server.origin}/www/index.html`);
  await waitReady(page, 30000);
  await frames(page, 5);
  if (process.env.HIDE) await page.evaluate((sel) => { for (const e of document.getElementById("map").shadowRoot.querySelectorAll(sel)) e.style.display = "none"; document.querySelectorAll(sel).forEach((e) => e.style.display = "none"); }, process.env.HIDE);
  await page.mouse.move(560, 380);
  await page.mouse.down();
  await browser.startTracing(page, { categories: ["toplevel", "blink.user_timing", "devtools.timeline", "disabled-by-default-devtools.timeline", "cc", "viz"] });
  let x = 560;
  for (let i = 0; i < 60; i++) { x += i % 40 < 20 ? 8 : -8; await page.mouse.move(x, 380); await page.evaluate(() => new Promise((r) => requestAnimationFrame(r))); }
  const buf = await browser.stopTracing();
  await page.mouse.up();
  const { traceEvents } = JSON.parse(buf.toString());
  const main = traceEvents.filter((e) => e.name === "ThreadControllerImpl::RunTask" && e.ph === "X");
  // Main thread: the renderer thread with most RunTask.
  const byTid = {};
  for (const e of traceEvents) if (e.ph === "M" && e.name === "thread_name") byTid[`${e.pid}:${e.tid}`] = e.args.name;
  const tasks = main.filter((e) => byTid[`${e.pid}:${e.tid}`] === "CrRendererMain");
  const total = tasks.reduce((a, e) => a + e.dur, 0) / 1000;
  console.log("renderer main tasks", tasks.length, "total ms", total.toFixed(1), "per frame", (total / 60).toFixed(2));
  // Aggregate the direct children names by total duration on the main thread.
  const tid = tasks[0] && `${tasks[0].pid}:${tasks[0].tid}`;
  const agg = {};
  for (const e of traceEvents) {
    if (e.ph !== "X" || `${e.pid}:${e.tid}` !== tid) continue;
    agg[e.name] = (agg[e.name] || 0) + e.dur / 1000;
  }
  const per = (name) => traceEvents.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === tid && e.name === name).map((e) => +(e.dur / 1000).toFixed(2));
  const md = (n) => { const v = per(n).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
  for (const n of ["ProxyMain::BeginMainFrame", "Commit", "LayerTreeHost::DoUpdateLayers", "FireAnimationFrame", "EventDispatch"]) console.log(n, "median", md(n));
  const kids = {};
  const dul = traceEvents.filter((e) => e.ph === "X" && `${e.pid}:${e.tid}` === tid && e.name === "LayerTreeHost::DoUpdateLayers");
  for (const e of traceEvents) {
    if (e.ph !== "X" || `${e.pid}:${e.tid}` !== tid) continue;
    if (dul.some((d) => e.ts > d.ts && e.ts + e.dur <= d.ts + d.dur)) kids[e.name] = (kids[e.name] || 0) + e.dur / 1000;
  }
  console.log("inside DoUpdateLayers:", JSON.stringify(Object.entries(kids).sort((a, b) => b[1] - a[1]).slice(0, 10)));
  const top = Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(0, 30);
  for (const [k, v] of top) console.log(k.padEnd(50), (v / 60).toFixed(2), "ms/frame");
} finally {
  await browser.close();
  await server.stop();
}
