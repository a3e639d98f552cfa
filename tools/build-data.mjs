#!/usr/bin/env node
// Bridge Map data builder: the geometry files and the overlay's language packs.
//
// Reads the Natural Earth 1:50m and 1:10m admin-0 countries TopoJSON shipped
// by the npm package world-atlas (already quantized + delta-encoded) and
// writes the three "BMAP v4" files the Rust code reads:
//   data/countries.bmap      the base file, loaded before the first frame:
//                            countries, names, lakes and a coarse level of
//                            every arc;
//   data/countries-50m.bmap  the detail file, loaded after `ready`: the same
//                            arcs at full 1:50m detail;
//   data/countries-10m.bmap  the fine file, loaded when a view first comes
//                            close: the corridors' region at 1:10m.
// The lakes (the Aral Sea, Balkhash, ...) come from data/src/lakes.geojson,
// a Natural Earth extract made by hand with tools/extract-lakes.py.
// Each keeps only what the map can show from it (its kept region, below),
// with the topology intact. Country ids come from CLDR's code mappings, names (en,
// kk, ru) from CLDR's localenames. See data/SOURCE.md for the format and the
// measured sizes.
//
// It also writes one pack per language from the overlay data/bridge.json
// (hand-edited, all three languages): data/bridge.en.json, bridge.kk.json and
// bridge.ru.json hold the same overlay with only that language's texts and a
// `languages` list, so a visitor downloads one language (about 25 KB gzipped
// instead of 57); and each pack's outline, bridge.<lang>.outline.json (about
// 7 KB), which the element draws first. See data/BRIDGE.md.
//
// Usage (from the repo root):  npm ci --prefix tools && node tools/build-data.mjs
//
// Plain node (>= 20), no runtime dependencies: the packages in
// tools/node_modules are read as JSON files only. Output is deterministic.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import zlib, { brotliCompressSync, gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { VOCABULARY } from "../www/bridge-map-vocabulary.js";

const TOOLS = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(TOOLS);
const NM = join(TOOLS, "node_modules");
const INPUT = join(NM, "world-atlas", "countries-50m.json");
// The languages the data is written in, from the Rust core (through its
// generated vocabulary); Latin Kazakh is read from the Kazakh by the core.
const LOCALES = VOCABULARY.dataLanguages;

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

// ---------------------------------------------------------------- projection
// The map's Albers equal-area conic, as src/geo/projection.rs computes it
// (parallels 30° and 60° N, central meridian 75° E, origin 45° N; World
// units are Earth radii, y north). Used to decide what can be on screen and
// how much detail each level needs; the file itself stores degrees.
const RAD = Math.PI / 180;
const LON0 = 75;
const P_N = (Math.sin(30 * RAD) + Math.sin(60 * RAD)) / 2;
const P_C = 1 + Math.sin(30 * RAD) * (2 * P_N - Math.sin(30 * RAD));
const P_R0 = Math.sqrt(P_C) / P_N;
const Y_ORIGIN = P_R0 - Math.sqrt(P_C - 2 * P_N * Math.sin(45 * RAD)) / P_N;

function rotatedLon(lon) {
  let l = lon - LON0;
  if (Math.abs(l) > 180) l -= Math.round(l / 360) * 360;
  return l;
}

function toWorld(lon, lat) {
  const r = Math.sqrt(Math.max(0, P_C - 2 * P_N * Math.sin(lat * RAD))) / P_N;
  const a = rotatedLon(lon) * RAD * P_N;
  return [r * Math.sin(a), P_R0 - r * Math.cos(a) - Y_ORIGIN];
}

// ---------------------------------------------------------------- levels of detail
// The kept region: src/geo/view.rs `extent()` (what any allowed view can
// show, as three rectangles of the projected plane), rounded outward to
// 0.01 Earth radii and grown by 0.08 (more than the 4 px the renderer draws
// beyond the screen, down to zoom 0.3). Inside it the geometry is exactly
// Natural Earth's; tests/crop.rs checks that it covers every view the limits
// allow. As [x0, y0, x1, y1].
const KEEP = [
  [-1.79, -0.93, 1.57, 1.13], // a 16:9 screen's home view
  [-1.44, -1.23, 1.22, 1.43], // a square screen's home view
  [-0.78, -1.63, 0.83, 1.62], // a 9:21 phone's home view (the corridors' core)
];
// Points farther than this (degrees) from the central meridian, within 5° of
// the conic's cut at 105° W, are never dropped: the map splits rings there
// (src/geo/antimeridian.rs).
const NEAR_CUT = 175;

// The coarse level, shipped first: drawn below COARSE_ZOOM (src/scene/basemap.rs
// `COARSE_ZOOM`) even once the full detail has arrived, so it must look right
// up to there at devicePixelRatio 2. Douglas–Peucker on every arc within
// COARSE_PX CSS pixels at COARSE_ZOOM, then a grid of QUANT × the source's.
const COARSE_ZOOM = 4;
const COARSE_PX = 0.55;
const COARSE_EPS = COARSE_PX / ((256 * 2 ** COARSE_ZOOM) / (2 * Math.PI));
const QUANT = [12, 24];

const BASE_OUT = join(ROOT, "data", "countries.bmap");
const DETAIL_OUT = join(ROOT, "data", "countries-50m.bmap");
const DETAIL_NAME = "countries-50m.bmap"; // relative to the base file's URL

// 2. The coarse level: Douglas–Peucker in World units. A closed arc (an
// island) is split at its farthest point; one smaller than the tolerance
// collapses to its first point twice (the map skips it below COARSE_ZOOM
// anyway), a larger one keeps at least a triangle.
function douglasPeucker(w, from, to, eps, keep) {
  const stack = [[from, to]];
  while (stack.length) {
    const [i, j] = stack.pop();
    if (j <= i + 1) continue;
    const [ax, ay] = w[i], [bx, by] = w[j];
    const dx = bx - ax, dy = by - ay, len = Math.hypot(dx, dy);
    let far = -1, at = -1;
    for (let k = i + 1; k < j; k++) {
      const [px, py] = w[k];
      const d = len > 0 ? Math.abs((px - ax) * dy - (py - ay) * dx) / len : Math.hypot(px - ax, py - ay);
      if (d > far) { far = d; at = k; }
    }
    if (far > eps) {
      keep[at] = 1;
      stack.push([i, at], [at, j]);
    }
  }
}

function coarseArc(w, q, eps = COARSE_EPS) {
  const n = w.length;
  const keep = new Uint8Array(n);
  keep[0] = keep[n - 1] = 1;
  const closed = n > 2 && q[0][0] === q[n - 1][0] && q[0][1] === q[n - 1][1];
  if (!closed) {
    douglasPeucker(w, 0, n - 1, eps, keep);
  } else {
    let far = -1, at = -1;
    for (let k = 1; k < n - 1; k++) {
      const d = Math.hypot(w[k][0] - w[0][0], w[k][1] - w[0][1]);
      if (d > far) { far = d; at = k; }
    }
    if (far > eps) {
      keep[at] = 1;
      douglasPeucker(w, 0, at, eps, keep);
      douglasPeucker(w, at, n - 1, eps, keep);
      if (keep.reduce((s, v) => s + v, 0) < 4) {
        // A triangle at least: the point farthest from the first–far chord.
        let best = -1, bi = -1;
        const [ax, ay] = w[0], [bx, by] = w[at];
        for (let k = 1; k < n - 1; k++) {
          if (keep[k]) continue;
          const d = Math.abs((w[k][0] - ax) * (by - ay) - (w[k][1] - ay) * (bx - ax));
          if (d > best) { best = d; bi = k; }
        }
        if (bi >= 0) keep[bi] = 1;
      }
    }
  }
  const out = [];
  for (let k = 0; k < n; k++) {
    if (!keep[k]) continue;
    const p = [Math.round(q[k][0] / QUANT[0]), Math.round(q[k][1] / QUANT[1])];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length < 2) out.push(out[0]);
  return out;
}


// How often rings wind around a point (non-zero: inside), and a ring's points.
function winding(pt, rings) {
  let wn = 0;
  for (const ring of rings) {
    for (let k = 0; k + 1 < ring.length; k++) {
      const [ax, ay] = ring[k], [bx, by] = ring[k + 1];
      const side = (bx - ax) * (pt[1] - ay) - (pt[0] - ax) * (by - ay);
      if (ay <= pt[1]) { if (by > pt[1] && side > 0) wn++; }
      else if (by <= pt[1] && side < 0) wn--;
    }
  }
  return wn;
}
function ringWorld(ring, arcs) {
  const out = [];
  for (const r of ring) {
    const a = r < 0 ? [...arcs[~r]].reverse() : arcs[r];
    out.push(...(out.length ? a.slice(1) : a));
  }
  return out;
}

// ---------------------------------------------------------------- geometry
// One Natural Earth TopoJSON (world-atlas), resolved to countries and cropped
// to the rectangles `KEEP` of the projected plane, topology intact. Run for
// the 1:50m file (the base and detail files) and for the 1:10m one (the fine
// file). `adopt(lon, lat)` names the country that takes in a feature with no
// id of its own (the 1:10m file's Baikonur lease, Akrotiri, ...); without it
// such a feature is an error.
function geometry(INPUT, KEEP, adopt = null) {
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
  const report = { skipped: [], nullGeometry: [], nonIso: [], fallbackNames: [], adopted: [] };
  const orphans = [];

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
      if (f.id === undefined && adopt) {
        orphans.push(f);
        continue;
      }
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

  const qArcs = topo.arcs.map((arc) => {
    let x = 0, y = 0;
    return arc.map((p) => {
      if (p.length < 2) fail("arc point with fewer than 2 coordinates");
      x += p[0];
      y += p[1];
      return [x, y];
    });
  });
  const lonLatOf = ([qx, qy]) => [qx * scaleX + translateX, qy * scaleY + translateY];
  const worldArcs = qArcs.map((arc) => arc.map((q) => toWorld(...lonLatOf(q))));
  const lambdaArcs = qArcs.map((arc) => arc.map((q) => rotatedLon(lonLatOf(q)[0])));
  // A feature without an id of its own joins the country `adopt` names at
  // the centre of its first ring's box or, failing that (a peninsula whose
  // centre the coarser data puts at sea), at the first of the ring's points
  // it names one for; it is dropped if there is none.
  for (const f of orphans) {
    const polygons = f.type === "Polygon" ? [f.arcs] : f.arcs;
    const ring = polygons[0][0].flatMap((r) => qArcs[r < 0 ? ~r : r].map(lonLatOf));
    const lons = ring.map((p) => p[0]), lats = ring.map((p) => p[1]);
    const centre = [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
    const id = [centre, ...ring].map(([lon, lat]) => adopt(lon, lat)).find((a) => a);
    const host = countries.find((c) => c.id === id);
    report.adopted.push(`${f.properties?.name} → ${host?.id ?? "(dropped)"}`);
    if (!host) continue;
    // An enclave (Baikonur) fills a hole of its host: the hole goes, so the
    // host is one polygon again, with no ring round the enclave to stroke.
    const arcsOf = (ring) => ring.map((r) => (r < 0 ? ~r : r)).sort((a, b) => a - b).join();
    for (const poly of polygons) {
      const outline = arcsOf(poly[0]);
      const hole = host.polygons.map((hp) => [hp, hp.findIndex((ring, i) => i > 0 && arcsOf(ring) === outline)])
        .find(([, i]) => i > 0);
      if (hole) {
        const [hp, i] = hole;
        hp.splice(i, 1, ...poly.slice(1));
      } else {
        host.polygons.push(poly);
      }
    }
  }

  const meetsKeep = (x0, y0, x1, y1) =>
    KEEP.some(([a0, b0, a1, b1]) => x0 <= a1 && a0 <= x1 && y0 <= b1 && b0 <= y1);

  // True when segment p–q meets rectangle r (Liang–Barsky clipping).
  function segmentMeetsRect(p, q, [x0, y0, x1, y1]) {
    let t0 = 0, t1 = 1;
    const dx = q[0] - p[0], dy = q[1] - p[1];
    for (const [num, den] of [[p[0] - x0, -dx], [x1 - p[0], dx], [p[1] - y0, -dy], [y1 - p[1], dy]]) {
      if (den === 0) {
        if (num < 0) return false;
      } else {
        const t = num / den;
        if (den < 0) { if (t > t1) return false; if (t > t0) t0 = t; }
        else { if (t < t0) return false; if (t < t1) t1 = t; }
      }
    }
    return true;
  }
  const segmentMeetsKeep = (p, q) => KEEP.some((r) => segmentMeetsRect(p, q, r));
  const CENTRES = KEEP.map(([x0, y0, x1, y1]) => [(x0 + x1) / 2, (y0 + y1) / 2]);
  // Signed angle p–q subtends at c.
  function sweep(p, q, c) {
    const ax = p[0] - c[0], ay = p[1] - c[1], bx = q[0] - c[0], by = q[1] - c[1];
    return Math.atan2(ax * by - ay * bx, ax * bx + ay * by);
  }
  const wrap180 = (d) => d - 360 * Math.round(d / 360);

  // 1. Crop. Polygons whose box misses the kept region are dropped. On the
  // arcs that remain, a run of points outside the kept region is replaced by
  // a chord when the chord also stays outside and the run and the chord turn
  // the same way around every kept rectangle (same swept angle): the ring
  // then winds around every kept point exactly as before, so filling,
  // hit-testing and strokes inside the kept region are unchanged (checked
  // below on a grid of points).
  function cropArc(i) {
    const w = worldArcs[i], lam = lambdaArcs[i], n = w.length;
    const needed = new Uint8Array(n);
    needed[0] = needed[n - 1] = 1;
    for (let k = 0; k < n; k++) {
      if (Math.abs(lam[k]) > NEAR_CUT) for (let j = Math.max(0, k - 1); j <= Math.min(n - 1, k + 1); j++) needed[j] = 1;
      if (k + 1 < n && (segmentMeetsKeep(w[k], w[k + 1]) || Math.abs(lam[k + 1] - lam[k]) > 180)) needed[k] = needed[k + 1] = 1;
    }
    const unwrapped = [lam[0]];
    for (let k = 1; k < n; k++) unwrapped.push(unwrapped[k - 1] + wrap180(lam[k] - lam[k - 1]));
    const keep = [0];
    let a = 0;
    while (a < n - 1) {
      let best = a + 1;
      const swept = CENTRES.map(() => 0);
      for (let j = a + 1; j < n; j++) {
        CENTRES.forEach((c, r) => (swept[r] += sweep(w[j - 1], w[j], c)));
        if (j > a + 1 && !segmentMeetsKeep(w[a], w[j]) && Math.abs(unwrapped[j] - unwrapped[a]) < 180 &&
            CENTRES.every((c, r) => Math.abs(swept[r] - sweep(w[a], w[j], c)) < 1e-9)) {
          best = j;
        }
        if (needed[j]) break;
      }
      keep.push(best);
      a = best;
    }
    return keep;
  }

  // The crop, applied.
  const keptCountries = [];
  const usedArcs = new Set();
  let droppedPolygons = 0;
  const polygonBox = (poly) => {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const ring of poly) for (const r of ring) for (const [x, y] of worldArcs[r < 0 ? ~r : r]) {
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
    return [x0, y0, x1, y1];
  };
  // A country's polygons in a chain from each to the nearest one left (by box
  // centre), starting with the first: islands near each other follow each
  // other, so the jump to the next island's first point is short.
  function nearestFirst(polygons) {
    const centre = (poly) => { const [x0, y0, x1, y1] = polygonBox(poly); return [(x0 + x1) / 2, (y0 + y1) / 2]; };
    const left = polygons.map((poly) => ({ poly, c: centre(poly) }));
    const out = [];
    let at = left.shift();
    while (at) {
      out.push(at.poly);
      let best = -1, bestD = Infinity;
      left.forEach((o, i) => { const d = Math.hypot(o.c[0] - at.c[0], o.c[1] - at.c[1]); if (d < bestD) { bestD = d; best = i; } });
      at = best >= 0 ? left.splice(best, 1)[0] : undefined;
    }
    return out;
  }
  for (const c of countries) {
    for (const poly of c.polygons) for (const ring of poly) for (const r of ring) {
      if (!Number.isInteger(r) || (r < 0 ? ~r : r) >= topo.arcs.length) fail(`${c.id}: bad arc reference ${r}`);
    }
    const polygons = nearestFirst(c.polygons.filter((poly) => meetsKeep(...polygonBox(poly))));
    droppedPolygons += c.polygons.length - polygons.length;
    if (polygons.length === 0) continue;
    for (const poly of polygons) for (const ring of poly) for (const r of ring) usedArcs.add(r < 0 ? ~r : r);
    keptCountries.push({ ...c, polygons });
  }
  // Arcs are renumbered in the order the rings first use them and turned the
  // way that first use runs: a ring's references then mostly count up by one,
  // and an arc mostly starts where the one before it ended.
  const oldArcs = [], flipped = new Map();
  for (const c of keptCountries) for (const poly of c.polygons) for (const ring of poly) for (const r of ring) {
    const a = r < 0 ? ~r : r;
    if (!flipped.has(a)) {
      flipped.set(a, r < 0);
      oldArcs.push(a);
    }
  }
  const newIndex = new Map(oldArcs.map((old, i) => [old, i]));
  const turn = (a, old) => (flipped.get(old) ? [...a].reverse() : a);
  const detailArcs = [], detailWorld = [], coarseArcs = [];
  for (const old of oldArcs) {
    const idx = cropArc(old);
    const q = turn(idx.map((k) => qArcs[old][k]), old);
    const w = turn(idx.map((k) => worldArcs[old][k]), old);
    detailArcs.push(q);
    detailWorld.push(w);
    coarseArcs.push(coarseArc(w, q));
  }
  const toNew = (r) => {
    const old = r < 0 ? ~r : r;
    const i = newIndex.get(old);
    return (r < 0) !== flipped.get(old) ? ~i : i;
  };
  const toOld = (r) => {
    const old = oldArcs[r < 0 ? ~r : r];
    return (r < 0) !== flipped.get(old) ? ~old : old;
  };
  for (const c of keptCountries) c.polygons = c.polygons.map((poly) => poly.map((ring) => ring.map(toNew)));

  // The crop's proof on a grid: at every grid point of the kept region, every
  // changed polygon winds around it exactly as the original does.
  let checked = 0;
  {
    const changed = keptCountries.flatMap((c, ci) => c.polygons.map((poly, pi) => ({ poly, orig: countries.find((o) => o.id === c.id), ci, pi })))
      .filter(({ poly }) => poly.flat().some((r) => detailArcs[r < 0 ? ~r : r].length !== qArcs[oldArcs[r < 0 ? ~r : r]].length));
    for (const { poly, ci, pi } of changed) {
      const now = poly.map((ring) => ringWorld(ring, detailWorld));
      const before = poly.map((ring) => ringWorld(ring.map(toOld), worldArcs));
      const [bx0, by0, bx1, by1] = polygonBox(poly.map((ring) => ring.map(toOld)));
      for (const [x0, y0, x1, y1] of KEEP) {
        const STEPS = 120;
        for (let i = 0; i <= STEPS; i++) for (let j = 0; j <= STEPS; j++) {
          const pt = [x0 + ((x1 - x0) * (i + 0.5)) / (STEPS + 1), y0 + ((y1 - y0) * (j + 0.5)) / (STEPS + 1)];
          if (pt[0] < bx0 || pt[0] > bx1 || pt[1] < by0 || pt[1] > by1) continue;
          checked++;
          if (winding(pt, now) !== winding(pt, before)) fail(`${keptCountries[ci].id} polygon ${pi}: crop changed what covers world point ${pt} (a polygon's winding differs)`);
        }
      }
    }
  }

  return {
    topo, scaleX, scaleY, translateX, translateY, countries, keptCountries, report, qArcs, lonLatOf, meetsKeep,
    detailArcs, detailWorld, coarseArcs, droppedPolygons, checked,
  };
}

const G = geometry(INPUT, KEEP);
const {
  topo, scaleX, scaleY, translateX, translateY, countries, keptCountries, report, qArcs,
  detailArcs, coarseArcs, droppedPolygons, checked,
} = G;

// ---------------------------------------------------------------- lakes
// The lakes the map draws as water over the land: data/src/lakes.geojson,
// made by hand with tools/extract-lakes.py from Natural Earth's 1:10m lakes
// (the Aral Sea as it is now, Balkhash, Issyk-Kul, Baikal, ...; see
// data/SOURCE.md). The countries fill them as land (Natural Earth's admin-0
// polygons cut out only the Caspian), so they are painted on top. Every
// ring becomes one closed arc after the countries' arcs, on the detail
// file's grid, with a coarse level made like an island's but within 1 px
// at COARSE_ZOOM (below it, where the coarse level is drawn, a shore moves
// less than a pixel and the largest lake, Baikal, is under 65 px long),
// which saves the first frame 0.27 KB gzipped.
const LAKES_IN = join(ROOT, "data", "src", "lakes.geojson");
const LAKE_COARSE_EPS = 2 * COARSE_EPS;
const lakeSource = readJson(LAKES_IN);
if (lakeSource.type !== "FeatureCollection" || !Array.isArray(lakeSource.features)) {
  fail(`${relative(ROOT, LAKES_IN)} is not a GeoJSON FeatureCollection`);
}
// The lakes on `g`'s grid, their arcs appended to `g`'s.
function lakesOf(g) {
  const { translateX, translateY, scaleX, scaleY, lonLatOf, meetsKeep, detailArcs, detailWorld, coarseArcs } = g;
  const onGrid = ([lon, lat]) => [Math.round((lon - translateX) / scaleX), Math.round((lat - translateY) / scaleY)];
  const lakes = [];
  const lakeIds = new Set();
  for (const f of lakeSource.features) {
    const id = f.properties?.id;
    if (typeof id !== "string" || lakeIds.has(id)) fail(`lake ${JSON.stringify(id)}: missing or repeated id`);
    lakeIds.add(id);
    if (f.geometry?.type !== "MultiPolygon") fail(`lake ${id}: not a MultiPolygon`);
    const polygons = f.geometry.coordinates.map((poly, pi) => {
      if (!Array.isArray(poly) || poly.length === 0) fail(`lake ${id}: polygon ${pi} has no rings`);
      const rings = poly.map((ring, ri) => {
        const ok = Array.isArray(ring) && ring.length >= 4 && ring.every((p) =>
          Array.isArray(p) && p.length === 2 && Math.abs(p[0]) <= 180 && Math.abs(p[1]) <= 90);
        if (!ok) fail(`lake ${id}: polygon ${pi} ring ${ri} is not a ring of [lon, lat] points`);
        // The map draws a lake only whole: none may come near the conic's cut.
        if (ring.some(([lon]) => Math.abs(rotatedLon(lon)) > NEAR_CUT)) fail(`lake ${id}: polygon ${pi} lies near the conic's cut`);
        const first = ring[0], last = ring[ring.length - 1];
        if (first[0] !== last[0] || first[1] !== last[1]) fail(`lake ${id}: polygon ${pi} ring ${ri} is not closed`);
        const q = [];
        for (const p of ring) {
          const g = onGrid(p);
          const prev = q[q.length - 1];
          if (!prev || prev[0] !== g[0] || prev[1] !== g[1]) q.push(g);
        }
        if (q.length < 4) fail(`lake ${id}: polygon ${pi} ring ${ri} has fewer than three points on the grid`);
        return q;
      });
      const world = rings.map((q) => q.map((p) => toWorld(...lonLatOf(p))));
      const xs = world.flat().map((p) => p[0]), ys = world.flat().map((p) => p[1]);
      if (!meetsKeep(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys))) {
        fail(`lake ${id}: polygon ${pi} lies outside the kept region`);
      }
      return rings.map((q, ri) => {
        detailArcs.push(q);
        detailWorld.push(world[ri]);
        coarseArcs.push(coarseArc(world[ri], q, LAKE_COARSE_EPS));
        return [detailArcs.length - 1];
      });
    });
    lakes.push({ id, polygons });
  }
  return lakes;
}
const lakes = lakesOf(G);
const nLakeArcs = lakes.reduce((s, l) => s + l.polygons.flat().length, 0);

// ---------------------------------------------------------------- the fine level
// From zoom FINE_ZOOM (src/scene/basemap.rs) the map draws the corridors'
// region, the Black Sea to the Yellow Sea, from Natural Earth's 1:10m
// countries (world-atlas's countries-10m.json, the same public-domain source
// at a finer scale), so coasts and borders are not angular where the routes
// run. The file is fetched only when a view first comes that close. It holds
// the countries that meet FINE_KEEP, cropped to it as the base is cropped to
// KEEP, with their ids and names, and the lakes at full detail; the map
// matches its countries to the base's by id. The 1:10m file has features
// without an id of their own (the Baikonur lease inside Kazakhstan, the
// British bases and the UN buffer zone on Cyprus): each joins the country
// the 1:50m data puts its centre in, so the map names the same country at
// every zoom.
const FINE_INPUT = join(NM, "world-atlas", "countries-10m.json");
const FINE_OUT = join(ROOT, "data", "countries-10m.bmap");
const FINE_NAME = "countries-10m.bmap"; // relative to the base file's URL
// The region as [x0, y0, x1, y1] of the projected plane: 20°E to 130°E,
// 30°N to 60°N at their widest on the conic, so that a close view of the
// ends of the routes (Constanța and the Bosphorus, Ceyhan, Lianyungang, the
// Yellow Sea, Moscow) still lies inside it. A view must lie wholly inside to
// be drawn from it.
const FINE_KEEP = (() => {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let k = 0; k <= 100; k++) {
    for (const [lon, lat] of [[20 + k * 1.1, 30], [20 + k * 1.1, 60], [20, 30 + k * 0.3], [130, 30 + k * 0.3]]) {
      const [x, y] = toWorld(lon, lat);
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    }
  }
  const r = (v) => Math.round(v * 1000) / 1000;
  return [[r(x0), r(y0), r(x1), r(y1)]];
})();
const hostAt50 = (lon, lat) => {
  const pt = toWorld(lon, lat);
  const host = keptCountries.find((c) =>
    winding(pt, c.polygons.flatMap((poly) => poly.map((ring) => ringWorld(ring, G.detailWorld)))) !== 0);
  return host?.id;
};
const F = geometry(FINE_INPUT, FINE_KEEP, hostAt50);
const fineLakes = lakesOf(F);
for (const c of F.keptCountries) {
  if (!keptCountries.some((k) => k.id === c.id)) fail(`fine file: ${c.id} is not in the base file`);
}

// ---------------------------------------------------------------- encode (BMAP v4)
// Every file: "BMAP", u16 version 4, u8 kind (1 base or fine, 2 detail), u8
// 0, the four f64 of the file's own quantisation, then the body, then a
// CRC-32. Arcs are written as three streams (point counts, all x deltas, all
// y deltas), which compress better than interleaved pairs; the first point
// of an arc is relative to the last point of the one before (arcs that meet
// follow each other in TopoJSON order, so that delta is often 0).
function header(w, kind, quant, g) {
  w.bytes(Buffer.from("BMAP", "ascii"));
  w.u16(4);
  w.u8(kind);
  w.u8(0);
  w.f64(g.scaleX * quant[0]);
  w.f64(g.scaleY * quant[1]);
  w.f64(g.translateX);
  w.f64(g.translateY);
}

function writeArcs(w, arcs) {
  w.varint(arcs.length);
  for (const arc of arcs) w.varint(arc.length);
  for (const axis of [0, 1]) {
    let prev = 0;
    for (const arc of arcs) for (const p of arc) {
      w.svarint(p[axis] - prev);
      prev = p[axis];
    }
  }
}

function seal(w) {
  const body = w.result();
  const out = Buffer.alloc(body.length + 4);
  body.copy(out);
  out.writeUInt32LE(crc32(body), body.length);
  return out;
}

// Ring references: 0 is the next arc not used before, forwards (arcs are
// numbered by first use, so every first use is one); any other reference r
// is written as zigzag(r) + 1. Returns how many arcs the countries use.
function writeRefs(w, kept) {
  let next = 0;
  for (const c of kept) for (const poly of c.polygons) for (const ring of poly) for (const r of ring) {
    if (r === next) {
      w.varint(0);
      next++;
    } else {
      if (r >= next || ~r >= next) fail(`${c.id}: arc ${r} used before it is introduced`);
      w.varint((((r << 1) ^ (r >> 31)) >>> 0) + 1);
    }
  }
  return next;
}

// A base-kind file: the names of its detail and fine files, its kept
// region, the arcs, the countries (ids, names, shapes, references), the
// lakes.
let nPolygons = 0, nRings = 0;
function topologyFile(g, quant, names, keep, arcs, kept, lakeList, count = false) {
  const w = new Writer();
  header(w, 1, quant, g);
  for (const name of names) w.str(name);
  w.varint(keep.length);
  for (const r of keep) r.forEach((v) => w.f64(v));
  writeArcs(w, arcs);
  w.varint(kept.length);
  for (const c of kept) w.bytes(Buffer.from(c.id, "ascii"));
  for (const loc of LOCALES) for (const c of kept) w.str(c.names[loc]);
  for (const c of kept) {
    w.varint(c.polygons.length);
    if (count) nPolygons += c.polygons.length;
    for (const poly of c.polygons) {
      w.varint(poly.length);
      if (count) nRings += poly.length;
      for (const ring of poly) w.varint(ring.length);
    }
  }
  // The lakes: only how many rings each polygon has. Every lake ring is one
  // arc, the arcs after the countries' in order, so no reference is stored.
  let arc = writeRefs(w, kept);
  w.varint(lakeList.length);
  for (const l of lakeList) {
    w.varint(l.polygons.length);
    for (const poly of l.polygons) {
      w.varint(poly.length);
      for (const ring of poly) if (ring.length !== 1 || ring[0] !== arc++) fail(`lake ${l.id}: its arcs are not the next ones`);
    }
  }
  if (arc !== arcs.length) fail(`${arcs.length - arc} arcs are never used`);
  return seal(w);
}
const base = topologyFile(G, QUANT, [DETAIL_NAME, FINE_NAME], KEEP, coarseArcs, keptCountries, lakes, true);

const detail = (() => {
  const w = new Writer();
  header(w, 2, [1, 1], G);
  w.u32(base.readUInt32LE(base.length - 4));
  writeArcs(w, detailArcs);
  return seal(w);
})();

const fine = topologyFile(F, [1, 1], ["", ""], FINE_KEEP, F.detailArcs, F.keptCountries, fineLakes);

// ---------------------------------------------------------------- output
const points = (arcs) => arcs.reduce((s, a) => s + a.length, 0);
const sizes = (buf) => `${buf.length} bytes, ${gzipSync(buf, { level: 9 }).length} gzip -9, ` +
  `${brotliCompressSync(buf, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length} brotli 11`;

// ---------------------------------------------------------- language packs
// A text object is one with exactly the map's languages as keys; every other
// value is copied as it is. Packs are written compact: nobody edits them.
const OVERLAY = join(ROOT, "data", "bridge.json");
const isText = (o) => {
  const keys = Object.keys(o);
  return keys.length === LOCALES.length && LOCALES.every((l) => typeof o[l] === "string");
};
function onlyLanguage(v, lang) {
  if (Array.isArray(v)) return v.map((x) => onlyLanguage(x, lang));
  if (v === null || typeof v !== "object") return v;
  if (isText(v)) return { [lang]: v[lang] };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, onlyLanguage(x, lang)]));
}
// The outline of a pack: what the first full map shows (names, routes,
// places, the tour's steps and titles), without what only an open feature
// shows (summaries, figures, sources), what only an open tour card shows
// (each step's text: about 2.5 KB gzipped per pack) or only the data checks
// read (the English names of route points: about 1 KB gzipped per pack).
// The element draws it first and loads the pack after.
const TEXT_ONLY = new Set(["summary", "figures", "sources"]);
const outlinePaths = (paths) => paths.map((path) => path.map(({ label, ...point }) => point));
const overlay = readJson(OVERLAY);
const packs = LOCALES.flatMap((lang) => {
  const { format, version, sources, features, ...rest } = onlyLanguage(overlay, lang);
  const pack = { format, version, languages: [lang], sources, features, ...rest };
  const outline = {
    format, version, languages: [lang], outline: true,
    features: features.map((f) =>
      Object.fromEntries(
        Object.entries(f)
          .filter(([k]) => !TEXT_ONLY.has(k))
          .map(([k, v]) => [k, k === "paths" ? outlinePaths(v) : v]),
      ),
    ),
    ...rest,
    tour: rest.tour.map(({ text, ...step }) => step),
  };
  const out = (name, v) => [join(ROOT, "data", name), Buffer.from(`${JSON.stringify(v)}\n`)];
  return [out(`bridge.${lang}.json`, pack), out(`bridge.${lang}.outline.json`, outline)];
});

// ------------------------------------------------------------------ places
// The cities the map names besides its overlay's nodes: Kazakhstan's capital,
// the region's capitals and key cities, written into the core as a Rust
// table (src/data/places_table.rs). Coordinates from GeoNames (the city's
// main record). Names from CLDR 48's exemplar city names for time zones
// (cldr-dates-full, main/<lang>/timeZoneNames.json), looked up by the zone
// named here; English uses the zone's own city name when CLDR gives no
// exemplar (it gives one only where the English differs from the zone id).
// Astana has no zone of its own (it keeps Asia/Almaty's time), so its
// names, the same in the three languages' scripts as the constitution
// writes them, are given here.
// `class`: "national-capital" (Kazakhstan's), "major" (a capital or key city
// of the corridors, named from the home view), "capital" (another capital
// of the region, named from zoom 4), "sea" (a sea's name, on the water),
// "lake" (a lake's name, on the lake, named from zoom 5).
const PLACES = [
  { id: "astana", lon: 71.4460, lat: 51.1801, class: "national-capital", names: { en: "Astana", kk: "Астана", ru: "Астана" } },
  { id: "almaty", lon: 76.9285, lat: 43.2565, class: "major", zone: "Asia/Almaty" },
  { id: "tashkent", lon: 69.2163, lat: 41.2646, class: "major", zone: "Asia/Tashkent" },
  { id: "baku", lon: 49.8920, lat: 40.3777, class: "major", zone: "Asia/Baku" },
  { id: "tbilisi", lon: 44.8337, lat: 41.6941, class: "major", zone: "Asia/Tbilisi" },
  { id: "urumqi", lon: 87.6005, lat: 43.8010, class: "major", zone: "Asia/Urumqi" },
  { id: "moscow", lon: 37.6156, lat: 55.7522, class: "major", zone: "Europe/Moscow" },
  { id: "istanbul", lon: 28.9497, lat: 41.0138, class: "major", zone: "Europe/Istanbul" },
  { id: "bishkek", lon: 74.5900, lat: 42.8700, class: "capital", zone: "Asia/Bishkek" },
  { id: "dushanbe", lon: 68.7791, lat: 38.5358, class: "capital", zone: "Asia/Dushanbe" },
  { id: "ashgabat", lon: 58.3833, lat: 37.9500, class: "capital", zone: "Asia/Ashgabat" },
  { id: "yerevan", lon: 44.5136, lat: 40.1811, class: "capital", zone: "Asia/Yerevan" },
  { id: "tehran", lon: 51.4215, lat: 35.6944, class: "capital", zone: "Asia/Tehran" },
  { id: "ulaanbaatar", lon: 106.8832, lat: 47.9077, class: "capital", zone: "Asia/Ulaanbaatar" },
  { id: "minsk", lon: 27.5667, lat: 53.9000, class: "capital", zone: "Europe/Minsk" },
  { id: "warsaw", lon: 21.0118, lat: 52.2298, class: "capital", zone: "Europe/Warsaw" },
  { id: "berlin", lon: 13.4105, lat: 52.5244, class: "capital", zone: "Europe/Berlin" },
  // Seas and gulfs the routes cross or skirt. CLDR has no names for them,
  // so the three languages' standard names are written here; the point is
  // where the name stands, on open water (tests/labels.rs checks it): the
  // Caspian's in its southern basin, clear of the ports of the crossing.
  { id: "caspian-sea", lon: 51.0, lat: 38.4, class: "sea", names: { en: "Caspian Sea", kk: "Каспий теңізі", ru: "Каспийское море" } },
  { id: "black-sea", lon: 34.0, lat: 43.3, class: "sea", names: { en: "Black Sea", kk: "Қара теңіз", ru: "Чёрное море" } },
  { id: "mediterranean-sea", lon: 25.0, lat: 34.3, class: "sea", names: { en: "Mediterranean Sea", kk: "Жерорта теңізі", ru: "Средиземное море" } },
  { id: "persian-gulf", lon: 51.3, lat: 27.3, class: "sea", names: { en: "Persian Gulf", kk: "Парсы шығанағы", ru: "Персидский залив" } },
  { id: "arabian-sea", lon: 63.0, lat: 17.5, class: "sea", names: { en: "Arabian Sea", kk: "Араб теңізі", ru: "Аравийское море" } },
  { id: "yellow-sea", lon: 123.5, lat: 35.5, class: "sea", names: { en: "Yellow Sea", kk: "Сары теңіз", ru: "Жёлтое море" } },
  // Lakes the routes skirt, drawn from data/src/lakes.geojson; named the
  // same way, at a point on the lake's own water (tests/labels.rs checks
  // it): the Aral Sea's on its northern part, the Small Aral, held up by
  // Kazakhstan's Kokaral dam since 2005.
  { id: "aral-sea", lon: 60.75, lat: 46.45, class: "lake", names: { en: "Aral Sea", kk: "Арал теңізі", ru: "Аральское море" } },
  { id: "balkhash", lon: 74.6, lat: 46.35, class: "lake", names: { en: "Lake Balkhash", kk: "Балқаш көлі", ru: "озеро Балхаш" } },
  { id: "alakol", lon: 81.75, lat: 46.1, class: "lake", names: { en: "Lake Alakol", kk: "Алакөл", ru: "озеро Алаколь" } },
  { id: "issyk-kul", lon: 77.3, lat: 42.45, class: "lake", names: { en: "Issyk-Kul", kk: "Ыстықкөл", ru: "Иссык-Куль" } },
  { id: "baikal", lon: 108.0, lat: 53.5, class: "lake", names: { en: "Lake Baikal", kk: "Байкал көлі", ru: "озеро Байкал" } },
  // The two the routes now go round (data/BRIDGE.md): the Zhetygen–Altynkol
  // line north of the reservoir, the gas pipeline north of Aydar Lake.
  { id: "kapchagay", lon: 77.55, lat: 43.84, class: "lake", names: { en: "Kapchagay Reservoir", kk: "Қапшағай су қоймасы", ru: "Капчагайское водохранилище" } },
  { id: "aydar", lon: 67.1, lat: 40.9, class: "lake", names: { en: "Aydar Lake", kk: "Айдаркөл", ru: "озеро Айдаркуль" } },
];
const PLACE_CLASSES = { "national-capital": "NationalCapital", major: "Major", capital: "Capital", sea: "Sea", lake: "Lake" };
const zoneNames = Object.fromEntries(LOCALES.map((loc) => [loc,
  readJson(join(NM, "cldr-dates-full", "main", loc, "timeZoneNames.json")).main[loc].dates.timeZoneNames.zone]));
const rustString = (s) => JSON.stringify(s); // JSON string escapes are valid Rust for these names
const placesTable = (() => {
  const rows = PLACES.map((p) => {
    if (!PLACE_CLASSES[p.class]) fail(`place ${p.id}: unknown class ${p.class}`);
    const names = LOCALES.map((loc) => {
      if (p.names) return p.names[loc];
      const [area, city] = p.zone.split("/");
      const entry = zoneNames[loc][area]?.[city];
      const name = entry?.exemplarCity ?? (loc === "en" ? city.replaceAll("_", " ") : undefined);
      if (!name) fail(`place ${p.id}: CLDR has no ${loc} exemplar city for ${p.zone}`);
      return name;
    });
    return `    Place {\n        id: ${rustString(p.id)},\n        at: LonLat::new(${p.lon.toFixed(4)}, ${p.lat.toFixed(4)}),\n` +
      `        class: PlaceClass::${PLACE_CLASSES[p.class]},\n        names: [${names.map(rustString).join(", ")}],\n    },\n`;
  });
  return Buffer.from(
    "//! The places table: generated by `node tools/build-data.mjs` from its\n" +
    "//! `PLACES` list (GeoNames coordinates) and CLDR 48's exemplar city names.\n" +
    "//! Do not edit; `node tools/build-data.mjs --check` fails when it is stale.\n\n" +
    "use super::{Place, PlaceClass};\nuse crate::geo::coords::LonLat;\n\n" +
    `/// Every place the map can name, names in the order of \`Lang::STORED\`.\n` +
    `pub const PLACES: [Place; ${rows.length}] = [\n${rows.join("")}];\n`);
})();
const PLACES_OUT = join(ROOT, "src", "data", "places_table.rs");

const files = [[BASE_OUT, base], [DETAIL_OUT, detail], [FINE_OUT, fine], ...packs, [PLACES_OUT, placesTable]];

if (process.argv.includes("--check")) {
  // CI guard: the committed assets must be exactly what this command makes.
  for (const [file, out] of files) {
    let committed;
    try {
      committed = readFileSync(file);
    } catch {
      fail(`${relative(ROOT, file)} is missing; run: node tools/build-data.mjs`);
    }
    if (!committed.equals(out)) {
      fail(`${relative(ROOT, file)} is stale (${committed.length} bytes committed, ${out.length} generated); run: node tools/build-data.mjs`);
    }
  }
  console.log(`build-data --check: ${files.map(([f, o]) => `${relative(ROOT, f)} (${o.length} bytes)`).join(", ")} are up to date`);
  process.exit(0);
}

for (const [file, out] of files) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, out);
}

if (process.argv.includes("--verbose")) {
  console.error("skipped:", report.skipped);
  console.error("null geometry:", report.nullGeometry);
  console.error("non-ISO ids:", report.nonIso);
  console.error("fallback names:", report.fallbackNames);
  console.error("dropped countries (outside the kept region):", countries.filter((c) => !keptCountries.some((k) => k.id === c.id)).map((c) => c.id).join(" "));
}
const crc = (buf) => buf.readUInt32LE(buf.length - 4).toString(16).padStart(8, "0");
console.log(
  `build-data: source ${topo.arcs.length} arcs, ${points(qArcs)} points; kept ${keptCountries.length} countries ` +
    `(${nPolygons} polygons, ${nRings} rings; ${droppedPolygons} polygons outside the kept region dropped), ` +
    `${detailArcs.length} arcs; crop checked at ${checked} grid points\n` +
    `  lakes: ${lakes.length} (${lakes.reduce((s, l) => s + l.polygons.length, 0)} polygons, ${nLakeArcs} rings), ` +
    `${points(coarseArcs.slice(-nLakeArcs))} coarse and ${points(detailArcs.slice(-nLakeArcs))} detail points\n` +
    `  ${relative(ROOT, BASE_OUT)}: coarse, ${points(coarseArcs)} points, ${sizes(base)}, crc32 ${crc(base)}\n` +
    `  ${relative(ROOT, DETAIL_OUT)}: detail, ${points(detailArcs)} points, ${sizes(detail)}, crc32 ${crc(detail)}\n` +
    `  ${relative(ROOT, FINE_OUT)}: fine, ${F.keptCountries.length} countries in ${JSON.stringify(FINE_KEEP)}, ` +
    `${points(F.detailArcs)} points, ${sizes(fine)}; adopted: ${F.report.adopted.join(", ")}\n` +
    packs.map(([file, out]) => `  ${relative(ROOT, file)}: ${sizes(out)}`).join("\n"),
);
