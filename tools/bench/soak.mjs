// The soak of issue 12: `bash tools/bench.sh --soak [--minutes N]`.
//
// Ten minutes (N) of a kiosk's life in one page of www/index.html, in
// headless Chromium through playwright-core: the flow animation on and never
// pausing (`flow-pause="0"`), the tour played through twice, 500 random
// gestures (drags, wheels, double-clicks, keys), the language switched every
// 30 s and 50 mounts and unmounts of a second map beside the first. Every
// 30 s, after two garbage collections, it records the JS heap, the wasm
// memory, the DOM nodes and the JS event listeners (DevTools'
// Memory.getDOMCounters).
//
// Passes when the page logged no console error or page error and each of
// the four ended within 5 % of its value after the first minute (growth in
// the first minute is warming up: caches, the detail geometry). Before the
// clock starts the page is shown once in each language, so every
// language's pack is in from the start. Prints the curves and writes bench/soak.json (ignored by
// git). Not part of CI: it takes the time it says.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, evalMap, launchBrowser, waitReady } from "../e2e/helpers.mjs";
import { serveCompressed } from "./serve.mjs";
import { VOCABULARY } from "../../www/bridge-map-vocabulary.js";

const argv = process.argv.slice(2);
const at = argv.indexOf("--minutes");
const MINUTES = at >= 0 && Number(argv[at + 1]) > 0 ? Number(argv[at + 1]) : 10;
const TOTAL_MS = MINUTES * 60000;
const SAMPLE_MS = 30000;
const GESTURES = Math.round(500 * MINUTES / 10);
const MOUNTS = Math.round(50 * MINUTES / 10);
// Every language, Latin Kazakh among them (it reads the Kazakh pack).
const LANGS = VOCABULARY.languages;
const GROWTH = 0.05;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0 = Date.now();
const log = (...a) => console.error(`[soak ${((Date.now() - t0) / 1000).toFixed(0).padStart(4)}s]`, ...a);

// A pseudo-random sequence with a fixed seed: every run makes the same gestures.
let seed = 12;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);

const server = await serveCompressed(ROOT);
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, reducedMotion: "no-preference" });
const page = await context.newPage();
const problems = [];
page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
page.on("pageerror", (e) => problems.push(`pageerror: ${e}`));
const cdp = await context.newCDPSession(page);
await cdp.send("HeapProfiler.enable");

await page.goto(`${server.origin}/www/index.html`);
const ready = await waitReady(page, 30000);
if (!ready.ok) throw new Error(`soak: the map did not load: ${ready.error}`);
await evalMap(page, (el) => el.setAttribute("flow-pause", "0"));
// Warm-up, before the clock starts: the page shown once in each language,
// so every language's pack is loaded (a switch every 30 s would otherwise
// load the third only at the first minute, and count its texts as growth).
for (const lang of [...LANGS.slice(1), LANGS[0]]) {
  await evalMap(page, (el, l) => el.setAttribute("lang", l), lang);
  await page.waitForFunction((l) => document.getElementById("map").stats.languages.includes(l) && document.getElementById("map").stats.texts, VOCABULARY.dataLanguage[lang], { timeout: 30000 });
}
// The second map's box, beside the title card.
await page.evaluate(() => {
  const box = document.createElement("div");
  box.id = "soak-box";
  box.style.cssText = "position:fixed;right:70px;top:10px;width:300px;height:200px;z-index:10";
  document.body.append(box);
});

async function sample() {
  for (let i = 0; i < 2; i++) await cdp.send("HeapProfiler.collectGarbage");
  await sleep(200); // finalizers (FinalizationRegistry) run between the collections
  for (let i = 0; i < 2; i++) await cdp.send("HeapProfiler.collectGarbage");
  const heap = await cdp.send("Runtime.getHeapUsage");
  const dom = await cdp.send("Memory.getDOMCounters");
  const wasm = await page.evaluate(async () => {
    const w = await (await import("/pkg/bridge_map.js")).default();
    return w.memory.buffer.byteLength;
  });
  const stats = await evalMap(page, (el) => ({ frames: el.stats.frames, dots: el.stats.dots, lang: el.getAttribute("lang") }));
  return { s: Math.round((Date.now() - t0) / 1000), heapBytes: heap.usedSize, wasmBytes: wasm, nodes: dom.nodes, listeners: dom.jsEventListeners, ...stats };
}

/** One random gesture on the map: a drag, a wheel turn, a double-click or a key. */
async function gesture() {
  const x = 200 + random() * 880, y = 200 + random() * 500;
  const kind = Math.floor(random() * 4);
  if (kind === 0) {
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let i = 1; i <= 5; i++) await page.mouse.move(x + i * (random() * 40 - 20), y + i * (random() * 30 - 15));
    await page.mouse.up();
  } else if (kind === 1) {
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, random() < 0.5 ? -240 : 240);
  } else if (kind === 2) {
    await page.mouse.dblclick(x, y);
  } else {
    await evalMap(page, (el) => el.shadowRoot.querySelector("canvas").focus());
    await page.keyboard.press(["+", "-", "ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown", "0"][Math.floor(random() * 7)]);
  }
}

/** Plays the tour through, a step every 1.5 s, and ends it. */
async function tour() {
  const steps = await page.evaluate(() => document.getElementById("map").shadowRoot.querySelectorAll(".tour [data-step], .tour .dot").length);
  const n = Math.max(steps, 9);
  for (let i = 0; i < n; i++) {
    await evalMap(page, (el, s) => { el.step = s; }, i);
    await sleep(1500);
  }
  await evalMap(page, (el) => { el.step = null; });
}

/** Mounts a second map, waits for it, and removes it. */
async function mount() {
  await page.evaluate(async () => {
    const el = document.createElement("bridge-map");
    el.style.cssText = "display:block;width:300px;height:200px";
    document.getElementById("soak-box").append(el);
    await Promise.race([el.ready, new Promise((_, reject) => setTimeout(() => reject(new Error("the second map was not ready in 15 s")), 15000))]);
    el.remove();
  });
}

const samples = [await sample()];
log(`start: ${JSON.stringify(samples[0])}`);
const tours = [tour().then(() => log("tour 1 played"))];
let gestures = 0, mounts = 0, nextSample = SAMPLE_MS, nextTour = TOTAL_MS / 2, langIndex = 0;
const gestureEvery = TOTAL_MS / GESTURES, mountEvery = TOTAL_MS / MOUNTS;
while (Date.now() - t0 < TOTAL_MS) {
  const now = Date.now() - t0;
  if (gestures * gestureEvery <= now && gestures < GESTURES) { await gesture(); gestures++; }
  if (mounts * mountEvery <= now && mounts < MOUNTS) { await mount(); mounts++; }
  if (now >= nextTour) { nextTour = Infinity; tours.push(tour().then(() => log("tour 2 played"))); }
  if (now >= nextSample) {
    nextSample += SAMPLE_MS;
    langIndex = (langIndex + 1) % LANGS.length;
    await evalMap(page, (el, l) => el.setAttribute("lang", l), LANGS[langIndex]);
    samples.push(await sample());
    const s = samples.at(-1);
    log(`${s.s}s: heap ${(s.heapBytes / 1048576).toFixed(2)} MB, wasm ${(s.wasmBytes / 1048576).toFixed(2)} MB, nodes ${s.nodes}, listeners ${s.listeners}; ${gestures} gestures, ${mounts} mounts, lang ${s.lang}`);
  }
  await sleep(20);
}
await Promise.all(tours);
samples.push(await sample());
await context.close();
await browser.close();
await server.stop();

const base = samples.find((s) => s.s >= 60) ?? samples[0];
const end = samples.at(-1);
const rows = [["JS heap, MB", "heapBytes", 1048576], ["wasm memory, MB", "wasmBytes", 1048576], ["DOM nodes", "nodes", 1], ["JS event listeners", "listeners", 1]];
const results = rows.map(([name, key, unit]) => {
  const growth = (end[key] - base[key]) / base[key];
  return { name, start: samples[0][key] / unit, afterMinute: base[key] / unit, end: end[key] / unit, max: Math.max(...samples.map((s) => s[key])) / unit, growth, pass: growth < GROWTH };
});
const pass = problems.length === 0 && results.every((r) => r.pass);
console.log(`\nsoak: ${MINUTES} min, ${gestures} gestures, ${mounts} mounts, 2 tours, a language switch every 30 s; ${samples.length} samples`);
console.log("| figure | at start | after 1 min | at end | max | growth after 1 min (< 5 %) |");
console.log("|---|---|---|---|---|---|");
const f = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));
for (const r of results) console.log(`| ${r.name} | ${f(r.start)} | ${f(r.afterMinute)} | ${f(r.end)} | ${f(r.max)} | ${(r.growth * 100).toFixed(1)} % ${r.pass ? "ok" : "OVER"} |`);
console.log(`console errors and page errors: ${problems.length}${problems.length ? `\n  ${problems.slice(0, 10).join("\n  ")}` : ""}`);
console.log(`soak: ${pass ? "PASS" : "FAIL"}`);
mkdirSync(path.join(ROOT, "bench"), { recursive: true });
writeFileSync(path.join(ROOT, "bench", "soak.json"), JSON.stringify({ minutes: MINUTES, gestures, mounts, samples, results, problems, pass }, null, 2));
process.exit(pass ? 0 : 1);
