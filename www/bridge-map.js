// Entry module: wires the <bridge-map> element to the wasm-pack build in ../pkg.
// A page needs only: <script type="module" src=".../www/bridge-map.js"></script>
import init, { BridgeMap, kazakhLatin } from "../pkg/bridge_map.js";
import { defineBridgeMap } from "./bridge-map-element.js";

let initialised = null;
const RASTER_URL = new URL("./bridge-map-raster.js", import.meta.url).href;

export const BridgeMapElement = defineBridgeMap({
  init: () => (initialised ??= init()),
  createMap: (canvas, particles, bytes, onEvent) => new BridgeMap(canvas, particles, bytes, onEvent),
  // Latin Kazakh (kk-Latn): the element's own Kazakh text, written in the
  // 2021 alphabet by the core's transliteration.
  transliterate: kazakhLatin,
  // After its first frame each map draws its renderings off the main
  // thread, in a raster worker of its own (src/web/raster.rs).
  rasterUrl: RASTER_URL,
  geometryUrl: new URL("../data/countries.bmap", import.meta.url).href,
  // One pack per language (data/bridge.en.json, …): a visitor downloads
  // the texts of the language shown, not all three.
  dataUrl: (lang) => new URL(`../data/bridge.${lang}.json`, import.meta.url).href,
  // "Download data" writes out the overlay in every language, from the
  // file the packs are made from.
  fullDataUrl: new URL("../data/bridge.json", import.meta.url).href,
  // Each pack's outline (names, routes, places, the tour) is drawn first;
  // the pack with the texts of open features follows after `ready`.
  outlineUrl: (lang) => new URL(`../data/bridge.${lang}.outline.json`, import.meta.url).href,
});
