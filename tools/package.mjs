#!/usr/bin/env node
// Turns wasm-pack's pkg/ into the complete `bridge-map` npm package.
//
//   wasm-pack build --release --target web && node tools/package.mjs
//
// Adds to pkg/:
//   bridge-map.js      package entry: registers <bridge-map>, re-exports the
//                      element class and the wasm API (generated from www/bridge-map.js)
//   bridge-map.d.ts    element types (copy of tools/bridge-map.d.ts)
//   element/**/*.js    the element modules from www/ (and the modules they import,
//                      at the same paths: element/controllers/*.js)
//   data/*             default geometry and overlay data
//   README.md          if wasm-pack did not copy it
// and rewrites pkg/package.json (exports, files, types, sideEffects).
// Idempotent: running it twice gives the same pkg/. Fails loudly when pkg/
// or wasm-pack's files are missing, or when www/bridge-map.js no longer has
// the shape this script rewrites.
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const PKG = path.join(ROOT, "pkg");

const ELEMENT_FILES = ["bridge-map-element.js", "bridge-map-panels.js", "bridge-map-i18n.js"];
const DATA_FILES = ["countries.bmap", "countries-50m.bmap", "bridge.json"];
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

// --- 2. element modules and data ---------------------------------------------
// Every relative import in the element modules must be shipped too: start from
// the three element modules and follow their relative imports within www/
// (subfolders included: the controllers live in www/controllers/). Files are
// named by their path relative to www/, with forward slashes.
const IMPORT_RE = /(?:^|[;\s])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;
function relativeImports(source) {
  const out = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith(".") || spec.startsWith("/")) out.push(spec);
  }
  return out;
}
const WWW = path.join(ROOT, "www");
const elementFiles = [...ELEMENT_FILES];
for (let i = 0; i < elementFiles.length; i++) {
  const file = path.join(WWW, elementFiles[i]);
  mustExist(file);
  for (const spec of relativeImports(readFileSync(file, "utf8"))) {
    const target = path.resolve(path.dirname(file), spec);
    const name = path.relative(WWW, target).split(path.sep).join("/");
    if (name.startsWith("../") || path.isAbsolute(name) || !existsSync(target)) {
      fail(`www/${elementFiles[i]} imports ${JSON.stringify(spec)}, which is not a module in www/; the package cannot ship it`);
    }
    if (!elementFiles.includes(name)) elementFiles.push(name);
  }
}

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
copyDir("element", WWW, elementFiles);
copyDir("data", path.join(ROOT, "data"), DATA_FILES);

// --- 3. the entry module, from www/bridge-map.js ----------------------------
const wwwEntry = readFileSync(path.join(ROOT, "www", "bridge-map.js"), "utf8");
let entry = wwwEntry.replace(/^(?:\/\/.*\n)+/, ""); // drop the header comment; ours replaces it
const REWRITES = [
  [/(["'])\.\.\/pkg\/bridge_map\.js\1/g, '"./bridge_map.js"'],
  [/(["'])\.\/bridge-map-element\.js\1/g, '"./element/bridge-map-element.js"'],
  [/(new URL\(\s*)(["'])\.\.\/data\//g, "$1$2./data/"],
];
for (const [re, replacement] of REWRITES) {
  if (!re.test(entry)) fail(`www/bridge-map.js no longer matches ${re}; update tools/package.mjs`);
  re.lastIndex = 0;
  entry = entry.replace(re, replacement);
}
const leftover = entry.match(/["']\.\.\/[^"']*["']/);
if (leftover) fail(`www/bridge-map.js refers to ${leftover[0]}, outside the package; update tools/package.mjs`);
for (const spec of relativeImports(entry)) {
  if (!existsSync(path.resolve(PKG, spec))) fail(`generated pkg/bridge-map.js imports missing ${spec}`);
}
for (const m of entry.matchAll(/new URL\(\s*["'](\.\/[^"']+)["']\s*,\s*import\.meta\.url\s*\)/g)) {
  if (!existsSync(path.resolve(PKG, m[1]))) fail(`generated pkg/bridge-map.js points at missing ${m[1]}`);
}
if (!/\bexport\s+const\s+BridgeMapElement\b/.test(entry)) {
  fail("www/bridge-map.js no longer exports BridgeMapElement; update tools/package.mjs and tools/bridge-map.d.ts");
}
entry =
  "// Entry module of the `bridge-map` npm package: importing it registers\n" +
  "// <bridge-map>. Generated by tools/package.mjs from www/bridge-map.js; do not edit.\n" +
  entry.trimEnd() +
  "\n\n// The wasm-bindgen API (BridgeMap, initSync, …); the default export, the\n" +
  "// wasm initialiser, is available as `initWasm`.\n" +
  'export * from "./bridge_map.js";\n' +
  'export { default as initWasm } from "./bridge_map.js";\n';
writeFileSync(path.join(PKG, "bridge-map.js"), entry);

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

// --- 5. README -------------------------------------------------------------------
if (!existsSync(path.join(PKG, "README.md"))) {
  mustExist(path.join(ROOT, "README.md"));
  copyFileSync(path.join(ROOT, "README.md"), path.join(PKG, "README.md"));
}

// --- 6. package.json -------------------------------------------------------------
const files = [
  "bridge-map.js",
  "bridge-map.d.ts",
  "bridge_map.js",
  "bridge_map.d.ts",
  "bridge_map_bg.wasm",
  ...(existsSync(path.join(PKG, "bridge_map_bg.wasm.d.ts")) ? ["bridge_map_bg.wasm.d.ts"] : []),
  ...(existsSync(path.join(PKG, "snippets")) ? ["snippets/"] : []),
  "element/",
  "data/",
  "README.md",
  ...readdirSync(PKG).filter((f) => /^(LICEN[CS]E|COPYING)/i.test(f)).sort(),
];
const sideEffects = ["./bridge-map.js", "./element/*.js", "./element/**/*.js"];
if (existsSync(path.join(PKG, "snippets"))) sideEffects.push("./snippets/*");

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
