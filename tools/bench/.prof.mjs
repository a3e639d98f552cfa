// Scratch profiler (not committed): where the settle render's time goes.
import { launchBrowser, startServer, evalMap, frames, waitReady } from "../e2e/helpers.mjs";
const server = await startServer(process.argv[2] || undefined);
const browser = await launchBrowser();
const INIT = () => {
  const P = (window.__prof = { on: false, flush: false, t: {}, n: {} });
  const C = CanvasRenderingContext2D.prototype;
  const wrap = (name, flush) => {
    const f = C[name];
    C[name] = function (...a) {
      if (!P.on) return f.apply(this, a);
      const t0 = performance.now();
      const r = f.apply(this, a);
      if (P.flush && flush) this.getImageData(0, 0, 1, 1);
      P.t[name] = (P.t[name] || 0) + performance.now() - t0;
      P.n[name] = (P.n[name] || 0) + 1;
      return r;
    };
  };
  for (const m of ["fill", "stroke", "fillText", "strokeText", "drawImage", "fillRect", "clearRect"]) wrap(m, true);
  let pts = 0;
  for (const C of [CanvasRenderingContext2D.prototype, OffscreenCanvasRenderingContext2D.prototype]) {
  const lt = C.lineTo, bp = C.beginPath, st = C.stroke, fl = C.fill;
  C.lineTo = function (...a) { pts++; return lt.apply(this, a); };
  C.beginPath = function (...a) { pts = 0; return bp.apply(this, a); };
  P.ops = [];
  C.stroke = function (...a) { if (window.__join && this.lineWidth < 1.5) { this.lineJoin = window.__join; this.lineCap = "butt"; } const t0 = performance.now(); const r = st.apply(this, a); if (P.on && P.flush) { this.getImageData(0,0,1,1); P.ops.push({ op: "stroke", ms: performance.now() - t0, w: this.lineWidth, dash: this.getLineDash().join(","), c: this.strokeStyle, pts, cw: this.canvas.width }); } return r; };
  C.fill = function (...a) { const t0 = performance.now(); const r = fl.apply(this, a); if (P.on && P.flush) { this.getImageData(0,0,1,1); P.ops.push({ op: "fill", ms: performance.now() - t0, c: this.fillStyle, pts, cw: this.canvas.width }); } return r; };
  }
  for (const m of ["measureText", "moveTo", "lineTo", "beginPath", "closePath", "arc", "setLineDash", "setTransform"]) wrap(m, false);
  if (self.OffscreenCanvasRenderingContext2D) {
    const O = OffscreenCanvasRenderingContext2D.prototype;
    for (const m of ["fill", "stroke", "fillText", "strokeText", "fillRect"]) { const f = O[m]; O[m] = function (...a) { if (!P.on) return f.apply(this, a); const t0 = performance.now(); const r = f.apply(this, a); if (P.flush) this.getImageData(0, 0, 1, 1); P.t["off." + m] = (P.t["off." + m] || 0) + performance.now() - t0; P.n["off." + m] = (P.n["off." + m] || 0) + 1; return r; }; }
    const T = OffscreenCanvas.prototype.transferToImageBitmap;
    OffscreenCanvas.prototype.transferToImageBitmap = function () { const t0 = performance.now(); const r = T.call(this); if (P.on) { P.t.transferTo = (P.t.transferTo || 0) + performance.now() - t0; P.n.transferTo = (P.n.transferTo || 0) + 1; } return r; };
    const F = ImageBitmapRenderingContext.prototype.transferFromImageBitmap;
    ImageBitmapRenderingContext.prototype.transferFromImageBitmap = function (b) { const t0 = performance.now(); const r = F.call(this, b); if (P.on) { P.t.transferFrom = (P.t.transferFrom || 0) + performance.now() - t0; P.n.transferFrom = (P.n.transferFrom || 0) + 1; } return r; };
  }
};
try {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2, reducedMotion: "reduce" });
  if (!process.env.CLEAN) await ctx.addInitScript(INIT);
  if (process.env.JOIN) await ctx.addInitScript((j) => { window.__join = j; }, process.env.JOIN);
  const page = await ctx.newPage();
  await page.goto(`${server.origin}/www/index.html`);
  await waitReady(page, 30000);
  await frames(page, 5);
  const home = await evalMap(page, (el) => el.view);
  const views = { home, kz4x: { lon: 67.5, lat: 48.3, zoom: home.zoom + 2 } };
  for (const flush of process.env.CLEAN ? [false] : [false, true]) {
    for (const [name, v] of Object.entries(views)) {
      const rows = [];
      for (let i = 0; i < 10; i++) {
        await evalMap(page, (el, [v, i]) => { el.view = { ...v, lon: v.lon + (i % 2 ? 0.3 : 0) }; }, [v, i]);
        await page.waitForTimeout(250);
        if (!process.env.CLEAN) await evalMap(page, (el, f) => { window.__prof.on = true; window.__prof.flush = f; window.__prof.t = {}; window.__prof.n = {}; window.__prof.ops = []; }, flush);
        await evalMap(page, (el, [v, i]) => { el.view = { ...v, lon: v.lon + (i % 2 ? 0 : 0.3) }; }, [v, i]);
        await page.waitForTimeout(300);
        const r = await page.evaluate(() => { if (window.__prof) window.__prof.on = false; else window.__prof = { t: {}, n: {}, ops: [] }; const s = document.getElementById("map").stats; return { s, t: window.__prof.t, n: window.__prof.n, ops: window.__prof.ops }; });
        rows.push(r);
      }
      const med = (xs) => Math.min(...xs);
      console.log(`\n${name} flush=${flush}: lastBasemapMs median ${med(rows.map((r) => r.s.lastBasemapMs)).toFixed(1)} lastFrameMs ${med(rows.map((r) => r.s.lastFrameMs)).toFixed(1)}`);
      const keys = Object.keys(rows.at(-1).t);
      for (const k of keys) console.log(`  ${k.padEnd(12)} ${med(rows.map((r) => r.t[k] || 0)).toFixed(2).padStart(7)} ms  × ${rows.at(-1).n[k]}`);
      if (flush) {
        // Per op (by position), the minimum over the runs.
        const n = rows[0].ops.length;
        const ops = rows[0].ops.map((o, i) => ({ ...o, ms: Math.min(...rows.map((r) => r.ops[i]?.ms ?? Infinity)) }));
        const total = ops.reduce((a, o) => a + o.ms, 0);
        console.log(`   ${n} ops, sum of minima ${total.toFixed(1)} ms`);
        for (const o of ops.sort((a, b) => b.ms - a.ms).slice(0, 12)) console.log("   ", JSON.stringify({ ...o, ms: +o.ms.toFixed(2) }));
      }
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
