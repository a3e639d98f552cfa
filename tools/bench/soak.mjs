// The soak of issue 12: `bash tools/bench.sh --soak [--minutes N] [--snapshots]`.
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
// Each sample is taken in the same settled state, so that what it counts is
// what the page keeps, not what it happens to show: a tour under way is
// played to its end first; the language switch has finished (the new
// language's pack alone in use, with its texts, `el.stats.languages` and
// `texts`); the map is at its home view with every layer shown, nothing
// selected and the pointer off it (over the page's title card), and the
// rendering of that is done (`el.stats.current`). The flow particles are one
// element each, so the DOM count at a close view with every corridor on
// screen is not the count at home; an open info panel holds a couple of
// hundred nodes. After the sample the map goes back to the view, layers and
// selection it had, and the workload carries on from there.
//
// Passes when the page logged no console error or page error and each of
// the four ended within 5 % of its value after the first minute (growth in
// the first minute is warming up: caches, the detail geometry). Before the
// clock starts the page is shown once in each language, so every
// language's pack is in from the start, and does each kind of work a few
// times (20 mounts, the tour, 50 gestures), so V8 has compiled the code
// that runs once a mount (see the warm-up below). Prints the curves and writes
// bench/soak.json (ignored by git); with --snapshots, also heap snapshots
// at the sample after the first minute and at the end
// (bench/soak-<seconds>s.heapsnapshot, for DevTools' Memory panel and its
// Comparison view). Not part of CI: it takes the time it says.
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
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
const SNAPSHOTS = argv.includes("--snapshots");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// The clock: from the end of the warm-up (below).
let t0 = Date.now();
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
// The reference state every sample is taken in: the home view the page
// opened at, and every layer.
const HOME = await evalMap(page, (el) => el.view);
const ALL_LAYERS = await evalMap(page, (el) => el.layers);
// The second map's box, beside the title card.
await page.evaluate(() => {
  const box = document.createElement("div");
  box.id = "soak-box";
  box.style.cssText = "position:fixed;right:70px;top:10px;width:300px;height:200px;z-index:10";
  document.body.append(box);
});

/** Writes a heap snapshot to bench/soak-<s>s.heapsnapshot. */
async function snapshot(s) {
  const file = path.join(ROOT, "bench", `soak-${s}s.heapsnapshot`);
  const out = openSync(file, "w");
  const write = ({ chunk }) => writeSync(out, chunk);
  cdp.on("HeapProfiler.addHeapSnapshotChunk", write);
  await cdp.send("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
  cdp.off("HeapProfiler.addHeapSnapshotChunk", write);
  closeSync(out);
  log(`heap snapshot: ${path.relative(ROOT, file)}`);
}

/** Brings the map to the reference state (see the top of this file),
 *  measures, and puts back the view, layers and selection it had. */
async function sample({ snap = false } = {}) {
  await Promise.all(tours);
  const had = await evalMap(page, (el) => ({ view: el.view, layers: el.layers, selected: el.selected?.id ?? null }));
  await evalMap(page, (el, [home, layers]) => {
    el.select(null);
    el.layers = layers;
    el.view = home;
  }, [HOME, ALL_LAYERS]);
  await page.mouse.move(40, 30);
  // (kk-Latn is drawn from the Kazakh pack: VOCABULARY.dataLanguage.)
  await page.waitForFunction((dataLanguage) => {
    const el = document.getElementById("map");
    const s = el.stats;
    return s.current && s.texts && s.languages.join() === dataLanguage[el.getAttribute("lang") || "en"];
  }, VOCABULARY.dataLanguage, { timeout: 30000, polling: 100 });
  // The flow particles are built in the frame after the rendering is shown.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
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
  const s = Math.round((Date.now() - t0) / 1000);
  if (snap) await snapshot(s);
  await evalMap(page, (el, h) => {
    el.view = h.view;
    el.layers = h.layers;
    if (h.selected) el.select(h.selected);
  }, had);
  return { s, heapBytes: heap.usedSize, wasmBytes: wasm, nodes: dom.nodes, listeners: dom.jsEventListeners, ...stats };
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

/** Plays the tour through, a step every 1.5 s, and ends it: from step 1
 *  to the step whose Next button is disabled, the last. */
async function tour() {
  for (let step = 1; ; step++) {
    await evalMap(page, (el, s) => { el.step = s; }, step);
    await sleep(1500);
    const last = await evalMap(page, (el) => el.shadowRoot.querySelector(".tour button.next")?.disabled !== false);
    if (last) break;
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

// Warm-up, before the clock starts: the page shown once in each language,
// so every language's pack is loaded (a switch every 30 s would otherwise
// load the third only at the first minute, and count its texts as growth);
// then each kind of work done a few times: 20 mounts, the tour, 50
// gestures. V8 compiles a function optimised once it has run often enough,
// and the code of what runs once a mount (each controller's attach,
// listen, detach) reached that only after 20 to 40 mounts: at a mount every
// 12 s, the compiled code grew the JS heap for the first four or five
// minutes (heap snapshots: 91 % of the growth after the first minute was
// compiled code of pkg/index.bundle.js and the glue, the rest 12 KB), and
// stayed flat after. The measured run is the workload below, unchanged.
for (const lang of [...LANGS.slice(1), LANGS[0]]) {
  await evalMap(page, (el, l) => el.setAttribute("lang", l), lang);
  await page.waitForFunction((l) => document.getElementById("map").stats.languages.includes(l) && document.getElementById("map").stats.texts, VOCABULARY.dataLanguage[lang], { timeout: 30000 });
}
for (let i = 0; i < 20; i++) await mount();
await tour();
for (let i = 0; i < 50; i++) await gesture();
seed = 12; // the measured run makes the same gestures as without the warm-up
log(`warm-up done; the clock starts`);
t0 = Date.now();

mkdirSync(path.join(ROOT, "bench"), { recursive: true });
const tours = [];
const samples = [await sample()];
log(`start: ${JSON.stringify(samples[0])}`);
tours.push(tour().then(() => log("tour 1 played")));
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
    // The snapshot is taken at the sample the growth is measured from.
    samples.push(await sample({ snap: SNAPSHOTS && !samples.some((x) => x.s >= 60) && Date.now() - t0 >= 60000 }));
    const s = samples.at(-1);
    log(`${s.s}s: heap ${(s.heapBytes / 1048576).toFixed(2)} MB, wasm ${(s.wasmBytes / 1048576).toFixed(2)} MB, nodes ${s.nodes}, listeners ${s.listeners} (dots ${s.dots}); ${gestures} gestures, ${mounts} mounts, lang ${s.lang}`);
  }
  await sleep(20);
}
samples.push(await sample({ snap: SNAPSHOTS }));
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
writeFileSync(path.join(ROOT, "bench", "soak.json"), JSON.stringify({ minutes: MINUTES, gestures, mounts, samples, results, problems, pass }, null, 2));
process.exit(pass ? 0 : 1);
