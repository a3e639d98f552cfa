#!/usr/bin/env node
// Bridge Map geometry converter.
//
// Reads the Natural Earth 1:50m admin-0 countries TopoJSON shipped by the npm
// package world-atlas (already quantized + delta-encoded) and writes the
// compact binary "BMAP v1" file data/countries-50m.bmap consumed by the Rust
// code. Country ids come from CLDR's code mappings, names (en, kk, ru) from
// CLDR's localenames. See data/SOURCE.md for the format description.
//
// Usage (from the repo root):  npm ci --prefix tools && node tools/build-data.mjs
//
// Plain node (>= 20), no runtime dependencies: the packages in
// tools/node_modules are read as JSON files only. Output is deterministic.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const TOOLS = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(TOOLS);
const NM = join(TOOLS, "node_modules");
const INPUT = join(NM, "world-atlas", "countries-50m.json");
const OUTPUT = join(ROOT, "data", "countries-50m.bmap");
const LOCALES = ["en", "kk", "ru"];

// Features skipped on purpose (matched by world-atlas numeric id).
// Antarctica: its outer ring encloses the south pole; a conic projection
// centred on Kazakhstan cannot represent it and it is never in view.
const SKIP_IDS = new Map([["010", "Antarctica"]]);

// Features that world-atlas ships WITHOUT an ISO 3166-1 numeric id, or whose
// numeric id is shared with another feature. Keyed by properties.name; ids follow
// Natural Earth's ADM0_A3 convention. `cldr` is the CLDR territory code used
// for names (null = no CLDR name, English fallback from properties.name).
// Every entry must match exactly one feature, and only features listed here may
// bypass the CLDR numeric mapping; anything else unmappable fails the build.
const NON_ISO = [
  { name: "Somaliland", worldAtlasId: undefined, id: "SOL", cldr: null },
  { name: "Kosovo", worldAtlasId: undefined, id: "KOS", cldr: "XK" },
  { name: "N. Cyprus", worldAtlasId: undefined, id: "CYN", cldr: null },
  { name: "Indian Ocean Ter.", worldAtlasId: undefined, id: "IOA", cldr: null },
  { name: "Siachen Glacier", worldAtlasId: undefined, id: "KAS", cldr: null },
  // world-atlas gives Ashmore and Cartier Is. Australia's numeric id 036.
  // Australia keeps AUS (via CLDR); this feature gets NE's ADM0_A3 "ATC".
  { name: "Ashmore and Cartier Is.", worldAtlasId: "036", id: "ATC", cldr: null },
];

function fail(msg) {
  console.error(`build-data: ERROR: ${msg}`);
  process.exit(1);
}

const readJson = (p) => JSON.parse(readFileSync(p, "utf8"));

// ---------------------------------------------------------------- CLDR data
const codeMappings = readJson(join(NM, "cldr-core", "supplemental", "codeMappings.json"))
  .supplemental.codeMappings;
const territoryAlias = readJson(join(NM, "cldr-core", "supplemental", "aliases.json"))
  .supplemental.metadata.alias.territoryAlias;

// numeric -> [{alpha2, alpha3}], territory (2-letter) keys only, deprecated
// codes (BU, ZR, TP, YU, CS, ...) excluded. Currency codes share this file and
// have 3-letter keys, so they are dropped by the key filter.
const byNumeric = new Map();
for (const alpha2 of Object.keys(codeMappings).sort()) {
  const m = codeMappings[alpha2];
  if (!/^[A-Z]{2}$/.test(alpha2) || !m._numeric || !m._alpha3) continue;
  if (territoryAlias[alpha2]?._reason === "deprecated") continue;
  if (!byNumeric.has(m._numeric)) byNumeric.set(m._numeric, []);
  byNumeric.get(m._numeric).push({ alpha2, alpha3: m._alpha3 });
}

const territoryNames = {};
for (const loc of LOCALES) {
  territoryNames[loc] = readJson(
    join(NM, "cldr-localenames-full", "main", loc, "territories.json"),
  ).main[loc].localeDisplayNames.territories;
}

// CLDR's short forms read well on a map ("Bosnia", "Hong Kong", "Palestine"),
// but its "UK" and "US" are abbreviations, not names: keep those in full.
const FULL_NAME_ONLY = new Set(["GB", "US"]);

function cldrName(loc, alpha2) {
  const t = territoryNames[loc];
  if (FULL_NAME_ONLY.has(alpha2)) return t[alpha2];
  return t[`${alpha2}-alt-short`] ?? t[alpha2];
}

// ---------------------------------------------------------------- TopoJSON
const topo = readJson(INPUT);
if (topo.type !== "Topology") fail("input is not a TopoJSON Topology");
if (!topo.transform) fail("input TopoJSON is not quantized (no transform)");
const [scaleX, scaleY] = topo.transform.scale;
const [translateX, translateY] = topo.transform.translate;
const geometries = topo.objects?.countries?.geometries;
if (!Array.isArray(geometries)) fail("objects.countries.geometries missing");

// ---------------------------------------------------------------- resolve ids
const nonIsoUsed = new Map(NON_ISO.map((e) => [e, 0]));
const countries = [];
const report = { skipped: [], nullGeometry: [], nonIso: [], fallbackNames: [] };

for (const f of geometries) {
  const name = f.properties?.name;
  if (f.id !== undefined && SKIP_IDS.has(f.id)) {
    report.skipped.push(`${f.id} ${name}`);
    continue;
  }
  if (f.type === null || f.type === undefined || !f.arcs) {
    report.nullGeometry.push(`${f.id ?? "(no id)"} ${name}`);
    continue;
  }
  if (f.type !== "Polygon" && f.type !== "MultiPolygon") {
    fail(`feature ${f.id} ${name}: unexpected geometry type ${f.type}`);
  }

  let id, alpha2;
  const special = NON_ISO.find((e) => e.name === name && e.worldAtlasId === f.id);
  if (special) {
    nonIsoUsed.set(special, nonIsoUsed.get(special) + 1);
    id = special.id;
    alpha2 = special.cldr;
    report.nonIso.push({ name, worldAtlasId: f.id, id });
  } else {
    if (f.id === undefined) fail(`feature "${name}" has no id and no NON_ISO entry`);
    const cands = byNumeric.get(f.id);
    if (!cands || cands.length === 0) fail(`feature ${f.id} "${name}": CLDR has no alpha-3 for this numeric id`);
    if (cands.length > 1) fail(`feature ${f.id} "${name}": ambiguous CLDR mapping ${JSON.stringify(cands)}`);
    ({ alpha2, alpha3: id } = cands[0]);
  }
  if (!/^[A-Z]{3}$/.test(id)) fail(`feature "${name}": id ${id} is not 3 ASCII letters`);

  const names = {};
  let fallback = false;
  for (const loc of LOCALES) {
    const n = alpha2 ? cldrName(loc, alpha2) : undefined;
    if (n === undefined) fallback = true;
    names[loc] = n;
  }
  if (fallback) {
    if (names.en !== undefined && alpha2) fail(`${id}: CLDR has an en name but not all locales`);
    if (!name) fail(`feature ${id}: no CLDR name and no properties.name`);
    for (const loc of LOCALES) names[loc] = name;
    report.fallbackNames.push({ id, name });
  }

  const polygons = f.type === "Polygon" ? [f.arcs] : f.arcs;
  countries.push({ id, names, polygons, numeric: f.id });
}

for (const [e, n] of nonIsoUsed) {
  if (n !== 1) fail(`NON_ISO entry ${e.id} "${e.name}" matched ${n} features (expected exactly 1)`);
}
const seenIds = new Map();
for (const c of countries) {
  if (seenIds.has(c.id)) fail(`duplicate country id ${c.id} (${seenIds.get(c.id)} and ${c.names.en})`);
  seenIds.set(c.id, c.names.en);
}
// Duplicate numeric ids in world-atlas are only allowed when all but one are
// handled explicitly in NON_ISO (checked above through id uniqueness).

// ---------------------------------------------------------------- writer
class Writer {
  constructor() {
    this.buf = Buffer.alloc(1 << 20);
    this.len = 0;
  }
  ensure(n) {
    if (this.len + n <= this.buf.length) return;
    const nb = Buffer.alloc(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(nb, 0, 0, this.len);
    this.buf = nb;
  }
  bytes(b) {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  u8(v) {
    this.ensure(1);
    this.buf[this.len++] = v;
  }
  u16(v) {
    this.ensure(2);
    this.buf.writeUInt16LE(v, this.len);
    this.len += 2;
  }
  u32(v) {
    this.ensure(4);
    this.buf.writeUInt32LE(v >>> 0, this.len);
    this.len += 4;
  }
  f64(v) {
    this.ensure(8);
    this.buf.writeDoubleLE(v, this.len);
    this.len += 8;
  }
  varint(v) {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) fail(`varint out of range: ${v}`);
    while (v >= 0x80) {
      this.u8((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.u8(v);
  }
  svarint(n) {
    if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) fail(`svarint out of range: ${n}`);
    this.varint(((n << 1) ^ (n >> 31)) >>> 0);
  }
  str(s) {
    const b = Buffer.from(s, "utf8");
    this.varint(b.length);
    this.bytes(b);
  }
  result() {
    return this.buf.subarray(0, this.len);
  }
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(buf) {
  let c = 0xffffffff;
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// ---------------------------------------------------------------- encode
const w = new Writer();
w.bytes(Buffer.from("BMAP", "ascii"));
w.u16(1); // version
w.u16(0); // reserved
w.f64(scaleX);
w.f64(scaleY);
w.f64(translateX);
w.f64(translateY);

const nArcs = topo.arcs.length;
let nPoints = 0;
w.varint(nArcs);
for (const arc of topo.arcs) {
  w.varint(arc.length);
  for (const p of arc) {
    if (p.length < 2) fail("arc point with fewer than 2 coordinates");
    w.svarint(p[0]);
    w.svarint(p[1]);
  }
  nPoints += arc.length;
}

let nPolygons = 0;
let nRings = 0;
w.varint(countries.length);
for (const c of countries) {
  w.bytes(Buffer.from(c.id, "ascii"));
  for (const loc of LOCALES) w.str(c.names[loc]);
  w.varint(c.polygons.length);
  nPolygons += c.polygons.length;
  for (const poly of c.polygons) {
    w.varint(poly.length);
    nRings += poly.length;
    for (const ring of poly) {
      w.varint(ring.length);
      for (const r of ring) {
        const a = r < 0 ? ~r : r;
        if (!Number.isInteger(r) || a >= nArcs) fail(`${c.id}: bad arc reference ${r}`);
        w.svarint(r);
      }
    }
  }
}

const body = w.result();
const out = Buffer.alloc(body.length + 4);
body.copy(out);
out.writeUInt32LE(crc32(body), body.length);

if (process.argv.includes("--check")) {
  // CI guard: the committed asset must be exactly what this command makes.
  let committed;
  try {
    committed = readFileSync(OUTPUT);
  } catch {
    fail(`${relative(ROOT, OUTPUT)} is missing; run: node tools/build-data.mjs`);
  }
  if (!committed.equals(out)) {
    fail(`${relative(ROOT, OUTPUT)} is stale (${committed.length} bytes committed, ${out.length} generated); run: node tools/build-data.mjs`);
  }
  console.log(`build-data --check: ${relative(ROOT, OUTPUT)} is up to date (${out.length} bytes)`);
  process.exit(0);
}

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, out);

if (process.argv.includes("--verbose")) {
  console.error("skipped:", report.skipped);
  console.error("null geometry:", report.nullGeometry);
  console.error("non-ISO ids:", report.nonIso);
  console.error("fallback names:", report.fallbackNames);
}
console.log(
  `build-data: ${relative(ROOT, OUTPUT)}: ${nArcs} arcs, ${nPoints} points, ` +
    `${countries.length} countries (${nPolygons} polygons, ${nRings} rings), ${out.length} bytes, ` +
    `crc32 ${out.readUInt32LE(body.length).toString(16).padStart(8, "0")}`,
);
