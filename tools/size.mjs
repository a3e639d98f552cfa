#!/usr/bin/env node
// The size budget of issue 10, checked by tools/test.sh (stage "size"):
// every file a page downloads before its first full map (the element's
// `ready` and the overlay's features drawn) must come to at most 200 KB
// gzipped in total, as Leaflet and MapLibre guard their bundle sizes.
//
//   node tools/size.mjs            prints each page's total per language and
//                                  each file's share; exit 1 when over
//   node tools/size.mjs --json     the same figures as JSON on stdout
//
// The files are not guessed from the source: a fresh browser context (empty
// cache) opens each page from a loopback server and records every response,
// so a new import, a preload or a second geometry file fetched too early
// shows up here. Sizes are gzip -9 and brotli q11 of the files on disk, as a
// static host would precompress them (tools/bench/serve.mjs compressedSizes,
// the benchmark's own measure). Needs pkg/ (the release build) and
// tools/node_modules, both left by the earlier stages of tools/test.sh.
import { readFileSync } from "node:fs";
import path from "node:path";
import { ROOT, launchBrowser, startServer, waitReady } from "./e2e/helpers.mjs";
import { compressedSizes } from "./bench/serve.mjs";
import { VOCABULARY } from "../www/bridge-map-vocabulary.js";

/** The budget: 200 KB (KiB, as the benchmark prints it), gzipped. */
export const BUDGET_GZIP_BYTES = 200 * 1024;

/** The pages a visitor or a host opens, and the element each waits for.
 *  The overlay comes one pack per language, so each page is measured in
 *  every language (the hash or query a link would carry). */
const LANGUAGES = VOCABULARY.languages;
const PAGES = LANGUAGES.flatMap((lang) => [
  { page: "www/index.html", url: `www/index.html#lang=${lang}`, lang, selector: "#map" },
  { page: "www/embed.html", url: `www/embed.html?lang=${lang}`, lang, selector: "#map" },
]);

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

/** Opens `page` in a new context; resolves to the paths it fetched before its first full map. */
async function filesToFirstMap(browser, origin, { page: file, url, lang, selector }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  // Notes when the element's ready promise settles, from before the page's
  // scripts run (as the benchmark does).
  await context.addInitScript((sel) => {
    window.__sizeReadyAt = null;
    const watch = () => {
      const el = document.querySelector(sel);
      if (!el || !el.ready) return setTimeout(watch, 5);
      Promise.resolve(el.ready).then(() => { window.__sizeReadyAt = performance.now(); }, () => {});
    };
    watch();
  }, selector);
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/${url}`);
    const r = await waitReady(page, 60000);
    if (!r.ok) throw new Error(`${url}: not ready: ${r.error}`);
    // What the page had asked for when its first full map was drawn: the
    // document and every resource whose fetch started before `ready`
    // (the full-detail geometry, fetched after it, is not counted). The
    // first full map shows the overlay too, so it must be in by then.
    const { readyAt, features, resources } = await page.evaluate(async (sel) => {
      const el = document.querySelector(sel);
      await el.ready;
      return {
        readyAt: window.__sizeReadyAt,
        features: typeof el.features === "function" ? el.features().length : 0,
        resources: performance.getEntriesByType("resource").map((e) => ({ name: e.name, start: e.startTime })),
      };
    }, selector);
    if (features === 0) throw new Error(`${url}: the overlay was not drawn at ready`);
    const shown = await page.evaluate((sel) => document.querySelector(sel).getAttribute("lang"), selector);
    if (shown !== lang) throw new Error(`${url}: the map shows ${shown}, not ${lang}`);
    const own = (u) => new URL(u).origin === origin;
    const paths = [new URL(`${origin}/${file}`).pathname];
    for (const e of resources) if (e.start <= readyAt && own(e.name)) paths.push(new URL(e.name).pathname);
    return [...new Set(paths)];
  } finally {
    await context.close();
  }
}

/** gzip/brotli sizes of the fetched files, largest first, and their total. */
export function shares(paths) {
  const files = [];
  for (const p of paths) {
    const rel = decodeURIComponent(p).replace(/^\/+/, "");
    files.push({ file: rel, ...compressedSizes(readFileSync(path.join(ROOT, rel))) });
  }
  files.sort((a, b) => b.gzip - a.gzip);
  const total = files.reduce((t, f) => ({ raw: t.raw + f.raw, gzip: t.gzip + f.gzip, brotli: t.brotli + f.brotli }),
    { raw: 0, gzip: 0, brotli: 0 });
  return { files, total };
}

async function main() {
  const json = process.argv.includes("--json");
  const server = await startServer();
  const browser = await launchBrowser();
  const results = [];
  try {
    for (const p of PAGES) results.push({ page: p.page, lang: p.lang, ...shares(await filesToFirstMap(browser, server.origin, p)) });
  } finally {
    await browser.close();
    await server.stop();
  }
  const over = results.some((r) => r.total.gzip > BUDGET_GZIP_BYTES);
  if (!json) {
    // Per page: each language's total, then the file shares of the heaviest.
    for (const page of new Set(results.map((r) => r.page))) {
      const mine = results.filter((r) => r.page === page);
      const totals = mine.map((r) => `${r.lang} ${kb(r.total.gzip)}`).join(", ");
      const worst = mine.reduce((a, b) => (b.total.gzip > a.total.gzip ? b : a));
      const ok = worst.total.gzip <= BUDGET_GZIP_BYTES;
      console.log(`${page}: ${totals} gzipped, of ${kb(BUDGET_GZIP_BYTES)}: ${ok ? "ok" : "OVER BUDGET"}`);
      console.log(`  heaviest (${worst.lang}): ${kb(worst.total.gzip)} gzipped, ${kb(worst.total.brotli)} brotli, ${kb(worst.total.raw)} raw`);
      for (const f of worst.files) {
        const share = ((100 * f.gzip) / worst.total.gzip).toFixed(1).padStart(5);
        console.log(`  ${kb(f.gzip).padStart(9)} ${share}%  ${f.file}  (brotli ${kb(f.brotli)}, raw ${kb(f.raw)})`);
      }
    }
  }
  if (json) console.log(JSON.stringify({ budgetGzipBytes: BUDGET_GZIP_BYTES, pages: results }, null, 2));
  if (over) {
    console.error(`size: over the ${kb(BUDGET_GZIP_BYTES)} gzip budget (issue 10); see the shares above`);
    process.exitCode = 1;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((e) => {
    console.error(`size: ${e.stack || e}`);
    process.exitCode = 1;
  });
}
