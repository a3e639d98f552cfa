#!/usr/bin/env node
// Independent reference values for Bridge Map's conic equal-area projection,
// computed with d3-geo. Writes tests/fixtures/d3-conic-equal-area.json.
//
// Usage (from the repo root):  npm ci --prefix tools && node tools/d3-reference.mjs
//
// Convention: d3's planar y axis points DOWN (north is negative y). With
// scale(1) and translate([0,0]) the outputs are in units of the sphere radius,
// and center([0,45]) after rotate([-75,0]) maps lon 75 / lat 45 to (0,0).
// Numbers are written exactly as JavaScript prints them (shortest round-trip).

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { geoConicEqualArea } from "d3-geo";

const TOOLS = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(TOOLS);
const OUTPUT = join(ROOT, "tests", "fixtures", "d3-conic-equal-area.json");

const d3Version = JSON.parse(
  readFileSync(join(TOOLS, "node_modules", "d3-geo", "package.json"), "utf8"),
).version;

const projection = geoConicEqualArea()
  .parallels([30, 60])
  .rotate([-75, 0])
  .center([0, 45])
  .scale(1)
  .translate([0, 0]);

const PLACES = [
  ["Projection centre", 75, 45],
  ["Astana", 71.446, 51.18],
  ["Almaty", 76.912, 43.253],
  ["Aktau", 51.174, 43.661],
  ["Beijing", 116.397, 39.907],
  ["Xi'an", 108.929, 34.258],
  ["Moscow", 37.618, 55.752],
  ["London", -0.126, 51.507],
  ["Lisbon", -9.139, 38.722],
  ["Reykjavik", -21.895, 64.135],
  ["Istanbul", 28.95, 41.014],
  ["Tehran", 51.422, 35.694],
  ["Mumbai", 72.883, 19.073],
  ["Cairo", 31.236, 30.044],
  ["Singapore", 103.851, 1.29],
  ["Tokyo", 139.692, 35.69],
  ["Anadyr", 177.509, 64.734],
  ["Uelen", -169.812, 66.16],
  ["Yakutsk", 129.733, 62.034],
  ["Norilsk", 88.203, 69.354],
  ["Dakar", -17.444, 14.693],
];

const points = PLACES.map(([name, lon, lat]) => {
  const [x, y] = projection([lon, lat]);
  const [invLon, invLat] = projection.invert([x, y]);
  for (const v of [x, y, invLon, invLat]) {
    if (!Number.isFinite(v)) throw new Error(`${name}: non-finite projection result`);
  }
  return { name, lon, lat, x, y, inv_lon: invLon, inv_lat: invLat };
});

const fixture = {
  generator:
    `d3-geo ${d3Version} geoConicEqualArea parallels [30,60] rotate [-75,0] ` +
    `center [0,45] scale 1 translate [0,0]`,
  points,
};

mkdirSync(dirname(OUTPUT), { recursive: true });
writeFileSync(OUTPUT, JSON.stringify(fixture, null, 2) + "\n");
console.log(relative(ROOT, OUTPUT));
