import { launchBrowser, serveStatic } from "../e2e/helpers.mjs";
const server = await serveStatic("/tmp/compositor-exp");
const browser = await launchBrowser();
try {
  for (const qs of (process.env.QS || "canvases=1,canvases=0").split(",")) {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const page = await ctx.newPage();
    await page.goto(`${server.origin}/t.html?${qs}`);
    await page.waitForTimeout(500); await page.evaluate(() => window.go(10));
    await browser.startTracing(page, { categories: ["toplevel", "devtools.timeline", "cc", "disabled-by-default-devtools.timeline", "blink", "gpu", "skia"] });
    await page.evaluate(() => window.go(120));
    const buf = await browser.stopTracing();
    const ev = JSON.parse(buf.toString()).traceEvents;
    const names = {};
    for (const e of ev) if (e.ph === "M" && e.name === "thread_name") names[`${e.pid}:${e.tid}`] = e.args.name;
    const main = ev.filter((e) => e.ph === "X" && names[`${e.pid}:${e.tid}`] === "CrRendererMain");
    const sum = (n) => main.filter((e) => e.name === n).reduce((a, e) => a + e.dur, 0) / 1000 / 120;
    const med = (n) => { const v = main.filter((e) => e.name === n).map((e) => e.dur / 1000).sort((a, b) => a - b); return v[Math.floor(v.length / 2)] ?? 0; };
    console.log(qs.padEnd(22), "tasks/frame", sum("ThreadControllerImpl::RunTask").toFixed(2), "BMF", sum("ProxyMain::BeginMainFrame").toFixed(2), "Commit", sum("Commit").toFixed(2), "med", med("Commit").toFixed(2), "DoUpdateLayers", sum("LayerTreeHost::DoUpdateLayers").toFixed(2));
    const agg = {};
    for (const e of main) agg[e.name] = (agg[e.name] || 0) + e.dur / 1000 / 120;
    console.log("   ", Object.entries(agg).sort((a, b) => b[1] - a[1]).slice(2, 16).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(" | "));
    await ctx.close();
  }
} finally { await browser.close(); await server.stop(); }
