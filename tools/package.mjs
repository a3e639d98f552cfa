#!/usr/bin/env node
// Turns wasm-pack's pkg/ into the complete `bridge-map` npm package, and
// bundles the element for this repository's own pages.
//
//   wasm-pack build --release --target web && node tools/package.mjs
//
// Adds to pkg/ (esbuild, minified):
//   bridge-map.js         package entry: www/bridge-map.js with every element
//                         module bundled in, data URLs pointing into the
//                         package; registers <bridge-map>, re-exports the
//                         element class and the wasm API
//   bridge-map-raster.js  the raster worker (www/bridge-map-raster.js bundled)
//   bridge-map-export.js  the PNG export, data export and share dialog,
//                         loaded on demand (www/bridge-map-export.js bundled)
//   export/bridge_map_export.js, export/bridge_map_export_bg.wasm
//                         the wasm of "Download data" (the crate built with
//                         --features export-only, which this script runs),
//                         loaded only when the data is first asked for
//   bridge-map.d.ts       element types (copy of tools/bridge-map.d.ts)
//   data/*                default geometry and overlay data (the JSON minified)
//   README.md             if wasm-pack did not copy it
//   NOTICE                third-party licences and notices (copy of ./NOTICE)
//   bridge-map.bundle.js  www/bridge-map.js bundled, for pages that serve this
//                         repository's www/, pkg/ and data/ (data from ../data/)
//   index.bundle.js, embed.bundle.js, demo-host.bundle.js
//                         each page's script with the element bundled in
//                         (+ .map source maps pointing at www/)
// gives the wasm's imports short names (tools/wasm-imports.mjs) and
// minifies wasm-pack's glue pkg/bridge_map.js in place (the bundles import
// it, so every map on a page shares one wasm instance with anything else
// that imports it), and rewrites pkg/package.json (exports, files, types,
// sideEffects). Idempotent: running it twice gives the same pkg/. Fails
// loudly when pkg/ or wasm-pack's files are missing, or when
// www/bridge-map.js no longer has the shape this script rewrites.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { minifyCss } from "./css-min.mjs";
import { shortenImports } from "./wasm-imports.mjs";
import { VOCABULARY } from "../www/bridge-map-vocabulary.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PKG = path.join(ROOT, "pkg");

// The whole overlay (for hosts to start from), its one-language packs and
// their outlines, which the element loads (tools/build-data.mjs writes them).
const DATA_FILES = ["countries.bmap", "countries-50m.bmap", "countries-10m.bmap", "bridge.json",
  ...VOCABULARY.dataLanguages.flatMap((l) => [`bridge.${l}.json`, `bridge.${l}.outline.json`])];
const WASM_PACK_FILES = ["bridge_map.js", "bridge_map_bg.wasm", "bridge_map.d.ts", "package.json"];

function fail(message) {
  console.error(`package.mjs: ${message}`);
  process.exit(1);
}

function rel(p) {
  return path.relative(ROOT, p) || ".";
}

function mustExist(file, hint) {
  if (!existsSync(file)) fail(`${rel(file)} is missing${hint ? `: ${hint}` : ""}`);
}

// --- 1. wasm-pack's output must be there ------------------------------------
const BUILD_HINT = "run `source tools/env.sh && wasm-pack build --release --target web` first";
if (!existsSync(PKG) || !statSync(PKG).isDirectory()) fail(`pkg/ is missing: ${BUILD_HINT}`);
for (const f of WASM_PACK_FILES) mustExist(path.join(PKG, f), BUILD_HINT);

const wasmPackJson = JSON.parse(readFileSync(path.join(PKG, "package.json"), "utf8"));
if (wasmPackJson.name !== "bridge-map") {
  fail(`pkg/package.json has name ${JSON.stringify(wasmPackJson.name)}, expected "bridge-map"`);
}

// --- 2. data ---------------------------------------------------------------
function copyDir(dirName, srcDir, files) {
  const dest = path.join(PKG, dirName);
  rmSync(dest, { recursive: true, force: true }); // no stale files from earlier runs
  mkdirSync(dest, { recursive: true });
  for (const f of files) {
    const src = path.join(srcDir, f);
    mustExist(src);
    mkdirSync(path.dirname(path.join(dest, f)), { recursive: true });
    copyFileSync(src, path.join(dest, f));
  }
}
rmSync(path.join(PKG, "element"), { recursive: true, force: true }); // older builds shipped the modules
copyDir("data", path.join(ROOT, "data"), DATA_FILES);
// The overlay without the indentation the repository keeps for review:
// the same JSON value, 23 % fewer bytes (3 KB less gzipped).
for (const f of DATA_FILES.filter((f) => f.endsWith(".json"))) {
  const file = path.join(PKG, "data", f);
  writeFileSync(file, JSON.stringify(JSON.parse(readFileSync(file, "utf8"))));
}

// --- 3. the glue, the package entry and the pages' bundles -------------------
const WWW = path.join(ROOT, "www");
const MINIFY = { format: "esm", target: "es2022", minify: true, legalComments: "none", charset: "utf8", logLevel: "error" };
// The element's stylesheet (www/bridge-map-styles.js, CSS in one template
// literal) is bundled without its comments and the whitespace CSS does not
// need (tools/css-min.mjs).
const stylesMinified = {
  name: "styles-minified",
  setup(build) {
    build.onLoad({ filter: /bridge-map-styles\.js$/ }, (args) => ({
      loader: "js",
      contents: readFileSync(args.path, "utf8").replace(/(export const STYLE = `)([^`]*)(`;)/, (_, a, css, b) => a + minifyCss(css) + b),
    }));
  },
};

// The PNG export (www/bridge-map-export.js) is loaded when a visitor first
// asks for a picture, and the About box's texts (www/bridge-map-about.js)
// when it is first opened: the bundles leave them out and import them from
// beside themselves in pkg/ (built there below, 3a'').
const ON_DEMAND = ["bridge-map-export.js", "bridge-map-about.js"];
const exportExternal = {
  name: "on-demand-external",
  setup(build) {
    build.onResolve({ filter: /(^|\/)bridge-map-(export|about)\.js$/ }, (args) => ({ path: `./${path.basename(args.path)}`, external: true }));
  },
};

// The bundles import the glue, never copy it: one wasm instance per page,
// shared with anything else that imports pkg/bridge_map.js.
const glueExternal = {
  name: "glue-external",
  setup(build) {
    build.onResolve({ filter: /(^|\/)bridge_map\.js$/ }, () => ({ path: "./bridge_map.js", external: true }));
  },
};

// 3a. wasm-bindgen's glue, minified in place once (the first line marks it),
// with its snippets (www/bridge-map-path.js, which wasm-bindgen copies into
// pkg/snippets/) bundled in: the page would otherwise learn of the snippet
// only once the glue had arrived, a second round trip before the module
// graph can run and the map start. The raster worker bundles its own copy.
const GLUE = path.join(PKG, "bridge_map.js");
const GLUE_MARK = "// wasm-bindgen's glue (wasm-pack), minified by tools/package.mjs\n";
if (!readFileSync(GLUE, "utf8").startsWith(GLUE_MARK)) {
  // First the imports' short names, in the wasm and the glue together
  // (tools/wasm-imports.mjs: 3 KB gzipped less of random hash digits).
  const WASM = path.join(PKG, "bridge_map_bg.wasm");
  const short = shortenImports(readFileSync(WASM), readFileSync(GLUE, "utf8"), "./bridge_map_bg.js");
  writeFileSync(WASM, short.wasm);
  writeFileSync(GLUE, short.glue);
  await esbuild.build({ ...MINIFY, bundle: true, entryPoints: [GLUE], outfile: GLUE, allowOverwrite: true, banner: { js: GLUE_MARK.trimEnd() } });
  rmSync(path.join(PKG, "snippets"), { recursive: true, force: true });
}

// 3a''. The wasm of "Download data" (src/web/export_only.rs): the same
// crate built with --features export-only, none of the map in it, so the
// map's own wasm, which every visitor downloads first, carries no export
// code. Its glue and wasm go in pkg/export/ (not beside the map's wasm:
// wasm-pack's next build would run wasm-opt over every .wasm in pkg/ again,
// which fails on an optimised one); bridge-map-export.js imports the glue
// when the data is first asked for.
const EXPORT_OUT = path.join(ROOT, "target", "export-pkg");
// With the tools tools/setup.sh installed on the PATH (tools/env.sh's), so
// a plain `node tools/package.mjs` works too: wasm-pack must find npm's
// binaryen, or it tries to download one, which fails here.
const TOOL_PATH = [path.join(ROOT, ".tools", "npm", "bin"), path.join(process.env.HOME ?? "", ".cargo", "bin"), process.env.PATH].join(path.delimiter);
const exportBuild = spawnSync("wasm-pack", ["build", "--release", "--target", "web", "--out-dir", EXPORT_OUT,
  "--out-name", "bridge_map_export", "--no-pack", "--", "--features", "export-only"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, PATH: TOOL_PATH } });
if (exportBuild.status !== 0) fail(`the export wasm did not build (wasm-pack ... -- --features export-only): ${exportBuild.error?.message ?? `exit ${exportBuild.status}`}`);
mkdirSync(path.join(PKG, "export"), { recursive: true });
for (const f of ["bridge_map_export_bg.wasm", "bridge_map_export.js"]) copyFileSync(path.join(EXPORT_OUT, f), path.join(PKG, "export", f));

// The lazy export module imports that glue from export/ beside itself.
const exportGlueExternal = {
  name: "export-glue-external",
  setup(build) {
    build.onResolve({ filter: /(^|\/)bridge_map_export\.js$/ }, () => ({ path: "./export/bridge_map_export.js", external: true }));
  },
};

// 3a'''. The PNG export, the data export and the share dialog, and the
// About box's texts, one file each, beside the bundles that import them.
for (const file of ON_DEMAND) {
  await esbuild.build({
    ...MINIFY,
    bundle: true,
    entryPoints: [path.join(WWW, file)],
    outfile: path.join(PKG, file),
    plugins: [exportGlueExternal],
  });
}

// 3a''''. The UI text of each language the data is written in but the
// first (which the element bundles; kk-Latn is written from kk's), one small
// module each: bridge-map-i18n.js imports
// new URL("./i18n/<lang>.js", import.meta.url) when a map first shows the
// language, beside any bundle in pkg/.
const LATER_LANGUAGES = VOCABULARY.dataLanguages.slice(1);
rmSync(path.join(PKG, "i18n"), { recursive: true, force: true }); // no languages left from earlier runs
for (const lang of LATER_LANGUAGES) {
  await esbuild.build({
    ...MINIFY,
    bundle: true,
    entryPoints: [path.join(WWW, "i18n", `${lang}.js`)],
    outfile: path.join(PKG, "i18n", `${lang}.js`),
  });
}

// 3a'. The raster worker, one file (its op codes and path helper bundled
// in), next to the entry that starts it: new URL("./bridge-map-raster.js",
// import.meta.url) finds it beside any bundle in pkg/.
await esbuild.build({
  ...MINIFY,
  bundle: true,
  entryPoints: [path.join(WWW, "bridge-map-raster.js")],
  outfile: path.join(PKG, "bridge-map-raster.js"),
});

// 3b. The package entry: www/bridge-map.js with the data URLs pointing into
// the package, every element module bundled in.
let entry = readFileSync(path.join(WWW, "bridge-map.js"), "utf8");
const REWRITES = [
  [/(["'])\.\.\/pkg\/bridge_map\.js\1/g, '"./bridge_map.js"'],
  [/(new URL\(\s*)(["'`])\.\.\/data\//g, "$1$2./data/"],
];
for (const [re, replacement] of REWRITES) {
  if (!re.test(entry)) fail(`www/bridge-map.js no longer matches ${re}; update tools/package.mjs`);
  re.lastIndex = 0;
  entry = entry.replace(re, replacement);
}
const leftover = entry.match(/["'`]\.\.\/[^"'`]*["'`]/);
if (leftover) fail(`www/bridge-map.js refers to ${leftover[0]}, outside the package; update tools/package.mjs`);
for (const m of entry.matchAll(/new URL\(\s*["'](\.\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
  if (!existsSync(path.resolve(PKG, m[1]))) fail(`generated pkg/bridge-map.js points at missing ${m[1]}`);
}
if (!/\bexport\s+const\s+BridgeMapElement\b/.test(entry)) {
  fail("www/bridge-map.js no longer exports BridgeMapElement; update tools/package.mjs and tools/bridge-map.d.ts");
}
entry +=
  "\n// The wasm-bindgen API (BridgeMap, initSync, …); the default export, the\n" +
  "// wasm initialiser, is available as `initWasm`.\n" +
  'export * from "./bridge_map.js";\n' +
  'export { default as initWasm } from "./bridge_map.js";\n';
await esbuild.build({
  ...MINIFY,
  bundle: true,
  stdin: { contents: entry, resolveDir: WWW, sourcefile: "www/bridge-map.js", loader: "js" },
  plugins: [glueExternal, stylesMinified, exportExternal],
  outfile: path.join(PKG, "bridge-map.js"),
  banner: {
    js: "// Entry module of the `bridge-map` npm package: importing it registers <bridge-map>.\n" +
      "// Bundled by tools/package.mjs from www/bridge-map.js and the modules it imports; do not edit.",
  },
});

// 3c. The pages of this repository: each page's script with the element
// bundled in, one file instead of the ~30 modules of www/. They sit in pkg/
// next to the glue, so `../data/` still reaches the repository's data/.
const PAGE_SCRIPTS = ["bridge-map.js", "index.js", "embed.js", "demo-host.js"];
for (const script of PAGE_SCRIPTS) {
  mustExist(path.join(WWW, script));
  await esbuild.build({
    ...MINIFY,
    bundle: true,
    entryPoints: [path.join(WWW, script)],
    outfile: path.join(PKG, script.replace(/\.js$/, ".bundle.js")),
    plugins: [glueExternal, stylesMinified, exportExternal],
    sourcemap: "linked",
    sourcesContent: false,
  });
}

// --- 4. types ------------------------------------------------------------------
// wasm-bindgen declares `[Symbol.dispose](): void` on BridgeMap, which only
// type-checks with lib esnext.disposable; a consumer on lib es2022 would get
// TS2550 from our types. The JS adds that method only `if (Symbol.dispose)`,
// so dropping the declaration also matches what every runtime can rely on.
const wasmTypesFile = path.join(PKG, "bridge_map.d.ts");
const wasmTypes = readFileSync(wasmTypesFile, "utf8");
const portableTypes = wasmTypes.replace(/^[ \t]*\[Symbol\.dispose\]\(\): void;[ \t]*\r?\n/gm, "");
if (portableTypes !== wasmTypes) writeFileSync(wasmTypesFile, portableTypes);

const typesSrc = path.join(ROOT, "tools", "bridge-map.d.ts");
mustExist(typesSrc);
copyFileSync(typesSrc, path.join(PKG, "bridge-map.d.ts"));

// --- 5. README and NOTICE --------------------------------------------------------
if (!existsSync(path.join(PKG, "README.md"))) {
  mustExist(path.join(ROOT, "README.md"));
  copyFileSync(path.join(ROOT, "README.md"), path.join(PKG, "README.md"));
}

// NOTICE goes with the package: the licences of the crates in the wasm and
// of the data (CLDR's requires its notice with every copy) ask for it.
mustExist(path.join(ROOT, "NOTICE"));
copyFileSync(path.join(ROOT, "NOTICE"), path.join(PKG, "NOTICE"));

// --- 6. package.json -------------------------------------------------------------
const files = [
  "bridge-map.js",
  "bridge-map-raster.js",
  "bridge-map-export.js",
  "export/bridge_map_export.js",
  "export/bridge_map_export_bg.wasm",
  ...LATER_LANGUAGES.map((lang) => `i18n/${lang}.js`),
  "bridge-map-about.js",
  "bridge-map.d.ts",
  "bridge_map.js",
  "bridge_map.d.ts",
  "bridge_map_bg.wasm",
  // Not bridge_map_bg.wasm.d.ts: it types the wasm's raw exports for
  // bundlers that import the .wasm as a module, which nothing here does.
  // No snippets/: the glue has them bundled in (3a above).
  "data/",
  "README.md",
  "NOTICE",
  ...readdirSync(PKG).filter((f) => /^(LICEN[CS]E|COPYING)/i.test(f)).sort(),
];
const sideEffects = ["./bridge-map.js"];

const pkgJson = {
  name: "bridge-map",
  version: wasmPackJson.version,
  description: wasmPackJson.description,
  license: wasmPackJson.license,
  ...(wasmPackJson.repository ? { repository: wasmPackJson.repository } : {}),
  ...(wasmPackJson.keywords ? { keywords: wasmPackJson.keywords } : {}),
  ...(wasmPackJson.homepage ? { homepage: wasmPackJson.homepage } : {}),
  ...(wasmPackJson.author ? { author: wasmPackJson.author } : {}),
  ...(wasmPackJson.collaborators ? { collaborators: wasmPackJson.collaborators } : {}),
  type: "module",
  main: "bridge-map.js",
  module: "bridge-map.js",
  types: "bridge-map.d.ts",
  exports: {
    ".": { types: "./bridge-map.d.ts", default: "./bridge-map.js" },
    "./wasm": { types: "./bridge_map.d.ts", default: "./bridge_map.js" },
    "./package.json": "./package.json",
  },
  files,
  sideEffects,
};
for (const key of ["version", "description", "license"]) {
  if (pkgJson[key] == null) fail(`pkg/package.json has no ${key}`);
}
for (const f of files) mustExist(path.join(PKG, f));
writeFileSync(path.join(PKG, "package.json"), JSON.stringify(pkgJson, null, 2) + "\n");

console.log(`package.mjs: pkg/ is the bridge-map@${pkgJson.version} npm package (${files.length} entries in "files")`);
