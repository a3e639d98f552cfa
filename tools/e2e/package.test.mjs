// End-to-end test of the `bridge-map` npm package that tools/package.mjs
// makes out of pkg/: pack it, check the tarball holds exactly what a host
// needs, install it into a fresh consumer project, load the README's npm
// snippet from node_modules in Chromium, and type-check consumer TypeScript
// against the shipped types.
//
//   node --test tools/e2e/package.test.mjs
//
// Needs pkg/ built and packaged:
//   wasm-pack build --release --target web && node tools/package.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { ROOT, launchBrowser, serveStatic } from "./helpers.mjs";
import { VOCABULARY } from "../../www/bridge-map-vocabulary.js";

const PKG = path.join(ROOT, "pkg");
const TSC = path.join(ROOT, "tools", "node_modules", ".bin", "tsc");
const ASTANA = [71.446, 51.18];
const SNIPPET_MARK = "<!-- snippet:npm -->";

// What a host needs, file by file: this list is the test's own (not read
// from tools/package.mjs or pkg/package.json, which it checks), so a file
// that slips into "files" fails here, and so does one that drops out.
const NEEDED = [
  "package.json",
  "README.md", // the repository's README (the npm page; the snippet below)
  "NOTICE", // third-party licences: the wasm's crates, CLDR's notice
  "bridge-map.js", // the entry: registers <bridge-map>
  "bridge-map-raster.js", // the raster worker the entry starts
  "bridge-map-export.js", // the PNG export, the data export and the share dialog, loaded on demand
  "bridge-map-about.js", // the About box's texts, loaded when it is first opened
  "export/bridge_map_export.js", "export/bridge_map_export_bg.wasm", // the export's own wasm and glue, loaded when data is first asked for
  // The UI text of each language the data is written in but the first
  // (bundled in the entry), loaded when a map first shows it.
  ...VOCABULARY.dataLanguages.slice(1).map((l) => `i18n/${l}.js`),
  "bridge-map.d.ts", // the element's types
  "bridge_map.js", "bridge_map.d.ts", "bridge_map_bg.wasm", // the core and its glue
  // The element's data: geometry at three levels, the whole overlay, and
  // each language's pack and outline.
  "data/countries.bmap", "data/countries-50m.bmap", "data/countries-10m.bmap", "data/bridge.json",
  ...VOCABULARY.dataLanguages.flatMap((l) => [`data/bridge.${l}.json`, `data/bridge.${l}.outline.json`]),
];

let tmp, consumer, installed, packed;

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  if (r.error) throw r.error;
  return r;
}

function mustRun(cmd, args, opts = {}) {
  const r = run(cmd, args, opts);
  assert.equal(r.status, 0, `${cmd} ${args.join(" ")} failed (exit ${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

before(() => {
  const pj = path.join(PKG, "package.json");
  assert.ok(existsSync(pj), "pkg/ is missing: run `wasm-pack build --release --target web && node tools/package.mjs`");
  const meta = JSON.parse(readFileSync(pj, "utf8"));
  assert.ok(meta.exports && existsSync(path.join(PKG, "bridge-map.js")),
    "pkg/ is not packaged: run `node tools/package.mjs` after wasm-pack build");

  tmp = mkdtempSync(path.join(os.tmpdir(), "bridge-map-package-"));
  const packDir = path.join(tmp, "pack");
  mkdirSync(packDir);
  // --json lists the files that went into the tarball (what --dry-run would).
  const pack = mustRun("npm", ["pack", PKG, "--pack-destination", packDir, "--json", "--loglevel=error"], { cwd: ROOT });
  packed = JSON.parse(pack.stdout)[0].files.map((f) => f.path).sort();
  const tarballs = readdirSync(packDir).filter((f) => /^bridge-map-.*\.tgz$/.test(f));
  assert.equal(tarballs.length, 1, `npm pack made ${JSON.stringify(readdirSync(packDir))}`);

  consumer = path.join(tmp, "consumer");
  mkdirSync(consumer);
  writeFileSync(path.join(consumer, "package.json"),
    JSON.stringify({ name: "bridge-map-consumer", version: "1.0.0", private: true, type: "module" }, null, 2) + "\n");
  const install = ["install", path.join(packDir, tarballs[0]), "--no-audit", "--no-fund", "--ignore-scripts"];
  let r = run("npm", [...install, "--offline"], { cwd: consumer });
  if (r.status !== 0) r = run("npm", install, { cwd: consumer }); // some npm versions refuse --offline here
  assert.equal(r.status, 0, `npm install of the tarball failed:\n${r.stdout}\n${r.stderr}`);
  installed = path.join(consumer, "node_modules", "bridge-map");
});

after(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

test("0. the tarball holds exactly what a host needs, and nothing else", () => {
  // wasm-bindgen's snippets: exactly the ones the glue still imports as
  // files (tools/package.mjs bundles them in: then none; their paths stay
  // as the names of the wasm's import modules, which are no imports).
  const glue = readFileSync(path.join(PKG, "bridge_map.js"), "utf8");
  const snippets = [...new Set([...glue.matchAll(/\b(?:from|import)\s*["']\.\/(snippets\/[^"']+)["']/g)].map((m) => m[1]))];
  // A licence file at the repository's root is copied by wasm-pack (npm
  // would ship it whatever "files" says).
  const licences = readdirSync(ROOT).filter((f) => /^(LICEN[CS]E|COPYING)/i.test(f));
  const expected = [...NEEDED, ...snippets, ...licences].sort();
  const missing = expected.filter((f) => !packed.includes(f));
  const unexpected = packed.filter((f) => !expected.includes(f));
  assert.deepEqual({ missing, unexpected }, { missing: [], unexpected: [] },
    `npm pack's tarball (${packed.length} files) differs from what a host needs`);
  // Belt and braces, by kind, so a change to NEEDED cannot let these in.
  const NEVER = /(^|\/)\.|\.map$|\.bundle\.js$|\.test\.m?js$|\.rs$|(^|\/)tests?\/|^(Cargo\.(toml|lock)|src|www|tools|target)(\/|$)/;
  assert.deepEqual(packed.filter((f) => NEVER.test(f)), [], "dotfiles, source maps, page bundles, tests or sources in the tarball");
});

test("1. the packed tarball installs with entry, wasm, data and types; the entry bundles the element", () => {
  const meta = JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8"));
  assert.equal(meta.name, "bridge-map");
  assert.equal(meta.type, "module");
  assert.equal(meta.types, "bridge-map.d.ts");
  assert.deepEqual(meta.exports["."], { types: "./bridge-map.d.ts", default: "./bridge-map.js" });
  for (const f of NEEDED) {
    assert.ok(existsSync(path.join(installed, f)), `node_modules/bridge-map/${f} is missing`);
  }
  // The wasm's imports from its glue have short names (tools/wasm-imports.mjs),
  // not wasm-bindgen's hashed ones, and its modules are one letter each.
  const wasmImports = WebAssembly.Module.imports(new WebAssembly.Module(readFileSync(path.join(installed, "bridge_map_bg.wasm"))));
  assert.ok(wasmImports.length > 50, `${wasmImports.length} imports`);
  assert.deepEqual([...new Set(wasmImports.map((i) => i.module))].sort(), ["a", "b"], "two import modules, the glue and the canvas snippet");
  const long = wasmImports.filter((i) => i.module === "a" && !/^_[0-9a-z]{1,2}$/.test(i.name)).map((i) => i.name);
  assert.deepEqual(long, [], "imports from the glue with long names");
  // Shipped files are byte-identical to their sources.
  for (const [shipped, src] of [
    ["data/countries.bmap", "data/countries.bmap"],
    ["data/countries-50m.bmap", "data/countries-50m.bmap"],
    ["data/countries-10m.bmap", "data/countries-10m.bmap"],
    ["bridge-map.d.ts", "tools/bridge-map.d.ts"],
    // The repository's own, not one wasm-pack made or an older copy.
    ["README.md", "README.md"],
    ["NOTICE", "NOTICE"],
  ]) {
    assert.ok(readFileSync(path.join(installed, shipped)).equals(readFileSync(path.join(ROOT, src))), `${shipped} differs from ${src}`);
  }
  const entry = readFileSync(path.join(installed, "bridge-map.js"), "utf8");
  assert.doesNotMatch(entry, /["'`]\.\.\//, "the entry module reaches outside the package");
  // One file with the whole element (tools/package.mjs bundles www/): the
  // modules it imports are the wasm glue, which `./wasm` exports too, and,
  // when a picture is first asked for or the About box first opened, the PNG
  // export and the About texts beside it.
  const imports = [...entry.matchAll(/\b(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']/g)]
    .map((m) => m[1] ?? m[2] ?? m[3]);
  assert.ok(imports.length > 0, "the entry imports the wasm glue");
  assert.deepEqual([...new Set(imports)].sort(), ["./bridge-map-about.js", "./bridge-map-export.js", "./bridge_map.js"], "the entry imports only the wasm glue, the PNG export and the About texts");
  assert.ok(!existsSync(path.join(installed, "element")), "the element's modules are bundled into the entry, not shipped beside it");
});

/** The fenced block after `<!-- snippet:npm -->` in README.md, as page HTML, or null. */
function readmeSnippet() {
  const lines = readFileSync(path.join(ROOT, "README.md"), "utf8").split("\n");
  const at = lines.findIndex((l) => l.trim() === SNIPPET_MARK);
  if (at < 0) return null;
  for (let i = at + 1; i < lines.length && !/^#{1,6}\s/.test(lines[i]); i++) {
    const open = lines[i].match(/^(\s*)(`{3,}|~{3,})\s*([\w-]*)/);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(open[2]));
    if (end < 0) return null;
    const body = lines.slice(i + 1, end).join("\n");
    const lang = open[3].toLowerCase();
    if (lang === "html" || (lang === "" && body.includes("<"))) return { lang: "html", body };
    if (["js", "javascript", "mjs", "ts", "typescript"].includes(lang)) {
      // A module snippet: run it as a module script, with an element if it makes none.
      const el = body.includes("bridge-map") && /createElement\(\s*["']bridge-map/.test(body)
        ? "" : '\n<bridge-map style="display:block; height: 480px"></bridge-map>';
      return { lang, body: `<script type="module">\n${body}\n</script>${el}` };
    }
    // e.g. an `npm install bridge-map` shell block: keep looking for the markup.
  }
  return null;
}

const FALLBACK_SNIPPET =
  '<script type="module">import "/node_modules/bridge-map/bridge-map.js";</script>\n' +
  '<bridge-map style="display:block; height: 480px"></bridge-map>';

test("2. the README's npm snippet, served from node_modules, draws the map; KAZ picks at Astana", async (t) => {
  const found = readmeSnippet();
  const snippet = found ? found.body : FALLBACK_SNIPPET;
  t.diagnostic(found
    ? `README ${SNIPPET_MARK} block found (${found.lang}), used as the page body`
    : `README has no ${SNIPPET_MARK} fenced block yet; using the fallback snippet`);
  console.log(found ? `snippet: README ${SNIPPET_MARK} block (${found.lang})` : `snippet: fallback (README has no ${SNIPPET_MARK} block)`);

  // The import map lets a bundler-style snippet (`import "bridge-map"`) run
  // unbundled; a snippet with a /node_modules/ path does not need it.
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>bridge-map package test</title>
<link rel="icon" href="data:,">
<script type="importmap">{"imports": {
  "bridge-map": "/node_modules/bridge-map/bridge-map.js",
  "bridge-map/wasm": "/node_modules/bridge-map/bridge_map.js"
}}</script>
</head>
<body>
${snippet}
</body>
</html>
`;
  writeFileSync(path.join(consumer, "index.html"), html);

  const server = await serveStatic(consumer);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    const errors = [];
    const requests = [];
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(String(e && e.stack || e)));
    page.on("request", (r) => requests.push(r.url()));
    page.on("requestfailed", (r) => errors.push(`request failed: ${r.url()}`));
    page.on("response", (r) => { if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`); });

    await page.goto(`${server.origin}/index.html`);
    const ready = await page.evaluate(async () => {
      await customElements.whenDefined("bridge-map");
      const el = document.querySelector("bridge-map");
      if (!el) return { ok: false, error: "no <bridge-map> in the page" };
      return Promise.race([
        el.ready.then(() => ({ ok: true }), (e) => ({ ok: false, error: String(e && e.message || e) })),
        new Promise((r) => setTimeout(() => r({ ok: false, error: "timeout waiting for el.ready" }), 15000)),
      ]);
    });
    assert.ok(ready.ok, `el.ready did not resolve: ${ready.error}`);
    await page.waitForFunction(() => document.querySelector("bridge-map").stats?.texts === true, null, { timeout: 15000 });

    const r = await page.evaluate(([lon, lat]) => {
      const el = document.querySelector("bridge-map");
      const p = el.project(lon, lat);
      const box = el.getBoundingClientRect();
      return {
        p,
        size: { w: box.width, h: box.height },
        pick: p && el.pick(p.x, p.y, "country"),
        ctor: el.constructor.name,
        geometry: performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.endsWith(".bmap")),
        overlay: performance.getEntriesByType("resource").map((e) => e.name).filter((u) => u.endsWith(".json")),
      };
    }, ASTANA);
    assert.ok(r.p, "project(Astana) returned null");
    assert.ok(r.p.x >= 0 && r.p.y >= 0 && r.p.x <= r.size.w && r.p.y <= r.size.h,
      `Astana projects to ${JSON.stringify(r.p)}, outside the ${r.size.w}x${r.size.h} element`);
    assert.equal(r.pick?.kind, "country");
    assert.equal(r.pick?.id, "KAZ");
    assert.ok(r.geometry.some((u) => u.includes("/node_modules/bridge-map/data/countries.bmap")),
      `geometry not loaded from the package: ${JSON.stringify(r.geometry)}`);
    // The overlay: the outline of the element's language, then its pack,
    // from the package.
    const lang = await page.evaluate(() => document.querySelector("bridge-map").getAttribute("lang") || "en");
    assert.deepEqual(r.overlay.filter((u) => u.includes("/data/bridge")).map((u) => new URL(u).pathname),
      [`/node_modules/bridge-map/data/bridge.${lang}.outline.json`, `/node_modules/bridge-map/data/bridge.${lang}.json`],
      "the outline, then the pack, from the package");

    // The entry module's exports.
    const exportsOk = await page.evaluate(async () => {
      const m = await import("/node_modules/bridge-map/bridge-map.js");
      return {
        element: m.BridgeMapElement === customElements.get("bridge-map"),
        initWasm: typeof m.initWasm === "function",
        BridgeMap: typeof m.BridgeMap === "function",
      };
    });
    assert.deepEqual(exportsOk, { element: true, initWasm: true, BridgeMap: true });

    assert.deepEqual(errors, [], "console errors / page errors / failed requests");
    const foreign = requests.filter((u) => /^https?:/.test(u) && new URL(u).origin !== server.origin);
    assert.deepEqual(foreign, [], "requests to other origins");
    assert.ok(requests.some((u) => u.endsWith("/node_modules/bridge-map/bridge_map_bg.wasm")), "the wasm was not loaded from the package");
  } finally {
    await browser.close();
    await server.stop();
  }
});

function tsc(file) {
  return run(TSC, [
    "--noEmit", "--strict", "--lib", "dom,es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
    "--target", "es2022", file,
  ], { cwd: consumer });
}

const GOOD_TS = `import { BridgeMapElement, BridgeMap, initWasm, initSync } from "bridge-map";
import type { Feature, FeatureKind, Layer, OverlayFeature, Stats, View } from "bridge-map";
import initRaw, { BridgeMap as RawBridgeMap } from "bridge-map/wasm";

async function main(): Promise<void> {
  const el = document.querySelector("bridge-map")!;
  await el.ready;
  const p: { x: number; y: number } | null = el.project(71.4, 51.2);
  const ll: { lon: number; lat: number } | null = el.unproject(10, 20);
  if (p) {
    const f: Feature | null = el.pick(p.x, p.y, "country");
    const k: FeatureKind | undefined = f?.kind;
    const id: string | undefined = f?.id;
    void k; void id;
  }
  el.pick(1, 2);
  el.view = { zoom: 3 };
  el.view = { lon: 70, lat: 48, zoom: 2 };
  const v: View | null = el.view;
  el.layers = ["trade", "energy"];
  el.layers = "trade,plans";
  const layers: Layer[] = el.layers;
  el.data = { features: [] };
  el.data = "{}";
  el.data = null;
  el.step = 2;
  el.step = null;
  const step: number | null = el.step;
  el.select("KAZ");
  el.select(null);
  const sel: Feature | null = el.selected;
  const nodes: OverlayFeature[] = el.features("node");
  const all: OverlayFeature[] = el.features();
  const stats: Stats | null = el.stats;
  const png: Blob | undefined = await el.download();
  el.addEventListener("viewchange", (e) => { const z: number = e.detail.zoom; void z; });
  el.addEventListener("select", (e) => { const f: Feature | null = e.detail; void f; });
  el.addEventListener("tourstep", (e) => { const s: number | undefined = e.detail?.step; void s; });
  el.addEventListener("dataerror", (e) => { const m: string = e.detail.message; void m; });
  el.addEventListener("layerschange", (e) => { const l: Layer[] = e.detail; void l; });
  el.addEventListener("click", (e) => { const x: number = e.clientX; void x; });
  const made = document.createElement("bridge-map");
  made.setAttribute("lang", "kk");
  const ok: boolean = made instanceof BridgeMapElement;
  void [ll, v, layers, step, sel, nodes, all, stats, png, ok, BridgeMap, RawBridgeMap, initSync];
  await initWasm();
  await initRaw();
}
void main;
`;

const BAD_TS = {
  "project with a string": 'document.querySelector("bridge-map")!.project("a", 1);',
  "pick with an unknown kind": 'document.querySelector("bridge-map")!.pick(1, 2, "planet");',
  "an unknown layer": 'document.querySelector("bridge-map")!.layers = ["roads"];',
  "a misspelt event detail": 'document.querySelector("bridge-map")!.addEventListener("select", (e) => e.detail.idd);',
  "view without a null check": 'const z: number = document.querySelector("bridge-map")!.view.zoom;',
};

test("3. TypeScript (strict, nodenext) accepts correct use of the shipped types and rejects wrong use", async (t) => {
  assert.ok(existsSync(TSC), `${TSC} is missing: run npm install --prefix tools`);
  const good = path.join(consumer, "good.ts");
  writeFileSync(good, GOOD_TS);
  const r = tsc("good.ts");
  assert.equal(r.status, 0, `tsc rejected correct use:\n${r.stdout}\n${r.stderr}`);

  for (const [name, line] of Object.entries(BAD_TS)) {
    await t.test(`rejects ${name}`, () => {
      const file = `bad-${name.replace(/\W+/g, "-")}.ts`;
      writeFileSync(path.join(consumer, file), `import type {} from "bridge-map";\n${line}\nexport {};\n`);
      const b = tsc(file);
      assert.notEqual(b.status, 0, `tsc accepted ${line}`);
      assert.match(b.stdout + b.stderr, new RegExp(`${file.replace(/\./g, "\\.")}\\(2,\\d+\\): error TS\\d+`),
        `expected a type error on line 2 of ${file}:\n${b.stdout}${b.stderr}`);
    });
  }
});
