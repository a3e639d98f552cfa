// Types for the `bridge-map` npm package: the <bridge-map> custom element.
//
// This file is the element's contract, in one machine-readable place:
// attributes, properties, methods, events with their `detail`, CSS parts and
// CSS custom properties. tools/e2e/contract.test.mjs reads it with the
// TypeScript compiler and fails when README.md's API table or the element
// itself (at run time) disagree with it; tests/vocabulary.rs checks its word
// unions against the core's vocabulary. tools/package.mjs copies it to
// pkg/bridge-map.d.ts, next to the entry module pkg/bridge-map.js. The raw
// wasm-bindgen API is typed by wasm-pack's bridge_map.d.ts (also importable
// as "bridge-map/wasm").

/** Kinds of feature that `pick` can return. Countries use ISO 3166-1 alpha-3 ids. */
export type FeatureKind = "country" | "corridor" | "node" | "event";

/** Kinds of overlay feature (everything but countries). */
export type OverlayKind = "corridor" | "node" | "event";

/** The overlay layers. */
export type Layer = "trade" | "energy" | "diplomacy" | "plans";

/** Languages of names and UI text (the `lang` attribute): English, Kazakh
 *  in Cyrillic (`kk`) and in the Latin alphabet of 2021 (`kk-Latn`), Russian. */
export type Lang = "en" | "kk" | "kk-Latn" | "ru";

/** Languages the overlay data is written in (its text objects and packs):
 *  `kk-Latn` reads the `kk` texts, transliterated by the core. */
export type DataLang = "en" | "kk" | "ru";

/** Colour themes (the `theme` attribute); `auto` follows the system. */
export type Theme = "light" | "dark" | "auto";

/** What the flow animation does (`el.flow`): the dots move, hold still
 *  (after a minute without interaction, or because someone paused them),
 *  or there are none (reduced motion, or no moving layer shown). */
export type FlowState = "playing" | "paused" | "off";

/** The file formats of "Download data" (`el.exportData`): GeoJSON (RFC
 *  7946, every feature) and CSV (RFC 4180, every figure). */
export type DataFormat = "geojson" | "csv";

/**
 * The element's attributes: `lang` (a Lang), `geometry` (URL of the base
 * .bmap file; the full-detail file it names is fetched after `ready`, from
 * next to it), `data` (URL of overlay JSON), `layers` ("trade,energy"), `step`
 * (1-based), `view` ("lon,lat,zoom"), `theme` (a Theme), `interactive`
 * ("false" = a static figure), `embed` (cooperative gestures for scrolling
 * pages), `permalink` (keep the state in the URL hash), `flow-pause`
 * (seconds without interaction before the flow animation pauses; default
 * 60, `0` never).
 */
export type BridgeMapAttribute =
  "lang" | "geometry" | "data" | "layers" | "step" | "view" | "theme" | "interactive" | "embed" | "permalink" | "flow-pause";

/** The shadow parts a host stylesheet can style with `bridge-map::part(…)`. */
export type BridgeMapPart =
  "canvas" | "particles" | "flow" | "twin" | "hint" | "status" | "tooltip" | "layers" | "info" | "tour" | "about" | "share" | "tour-start" | "controls" | "attribution" | "attribution-button" | "data-error" | "error";

/**
 * Attributes the element sets on itself, for a host's stylesheet and
 * scripts (never read back): `data-compact` while the map is at most 480 px
 * wide or 420 px high (its legend folds to one button, its tour card is
 * short, its attribution an ⓘ button), `data-state="error"` when the map
 * could not load.
 */
export type BridgeMapStateAttribute = "data-compact" | "data-state";

/** CSS custom properties the element reads from its host:
 *  `--bridge-map-inset-top` keeps the map's own panels below a host's overlay. */
export type BridgeMapCssProperty = "--bridge-map-inset-top";

/** The map view: centre and zoom level. */
export interface View {
  lon: number;
  lat: number;
  zoom: number;
}

/** A point in CSS pixels from the element's top-left corner. */
export interface ScreenPoint {
  x: number;
  y: number;
}

/** A geographic position in degrees. */
export interface LonLat {
  lon: number;
  lat: number;
}

/** What `pick`, `select`, `selected` and the `select` event return. */
export interface Feature {
  kind: FeatureKind;
  id: string;
  name: string;
}

/** An overlay feature as `features()` lists it, names in the current language. */
export interface OverlayFeature {
  kind: OverlayKind;
  id: string;
  name: string;
  layer: Layer;
  lon?: number;
  lat?: number;
  mode?: string;
  status?: string;
  date?: string;
}

/** Frame counters, for tests and performance checks. */
export interface Stats {
  frames: number;
  basemapRenders: number;
  /** Flow dots on screen now (each an element moved by a compositor animation). */
  dots: number;
  loadMs: number;
  /** Main-thread ms of the last rendering of the map, all its stages together
   *  (with the raster worker: writing it down and showing it). */
  lastBasemapMs: number;
  lastFrameMs: number;
  /** Stages of renderings drawn: drawn on the main thread, a rendering after
   *  the view settles is drawn over several frames, one stage each; a whole
   *  rendering, or one the raster worker drew, counts all of its. */
  stages: number;
  /** `"worker"` once the raster worker (started after the first frame)
   *  draws the renderings off the main thread; `"main"` before, and for
   *  good if the worker cannot run. */
  raster: "worker" | "main";
  /** Renderings and highlights asked of the raster worker. */
  requests: number;
  /** The raster worker's ms for the last drawing it sent back. */
  workerMs: number;
  /** The picture shows a sharp rendering of the current view, layers,
   *  language, theme, data and highlights, and nothing is being drawn. */
  current: boolean;
  /** The full-detail geometry has arrived and is drawn from zoom 4 up. */
  detail: boolean;
  /** Decoding and preparing the full-detail geometry, ms (0 before it arrives). */
  detailMs: number;
  /** The fine geometry (Natural Earth 1:10m for the corridors' region,
   *  fetched when a view first comes close) has arrived and is drawn from
   *  zoom 5 up in views inside that region. */
  fine: boolean;
  /** Decoding and preparing the fine geometry, ms (0 before it arrives). */
  fineMs: number;
  /** The languages of the overlay data in use: the shipped overlay comes one
   *  language at a time, so after `lang` changes this shows when its texts are in. */
  languages: DataLang[];
  /** The overlay's summaries, figures and sources are in. The shipped overlay
   *  first comes as an outline (names, routes, places, the tour), drawn by
   *  `ready`; its texts follow right after. */
  texts: boolean;
}

/** `detail` of the `tourstep` event while the tour runs (null when it ends). */
export interface TourStepDetail {
  /** 1-based step number. */
  step: number;
  /** The tour step's own id (`tour[].id` in the overlay data, e.g. "middle-corridor"). */
  id: string;
}

/** `detail` of the `dataerror` and `error` events. */
export interface ErrorDetail {
  message: string;
  /** On an `error` event: the attribute whose value the map could not use
   *  (`"lang"`, `"layers"`, `"step"`, `"view"`, or `"permalink"` for a part
   *  of the URL hash); the map ignores it and keeps working. */
  attribute?: string;
}

/** Overlay data in the format of data/bridge.json, or its JSON text. */
export type OverlayData = Record<string, unknown> | string;

/** Events a <bridge-map> fires, in addition to the usual HTMLElement ones. */
export interface BridgeMapEventMap extends Omit<HTMLElementEventMap, "error"> {
  /** The view changed; at most once per frame. */
  viewchange: CustomEvent<View>;
  /** A feature was picked, or the selection was cleared (null). */
  select: CustomEvent<Feature | null>;
  /** The tour went to a step, or ended (null). */
  tourstep: CustomEvent<TourStepDetail | null>;
  /** Overlay data was invalid; `message` lists the first problems. */
  dataerror: CustomEvent<ErrorDetail>;
  /** The visitor switched layers in the layers panel. */
  layerschange: CustomEvent<Layer[]>;
  /** The map could not load (geometry missing or corrupt, or a panic), or,
   *  with `detail.attribute`, an attribute value it could not use. */
  error: CustomEvent<ErrorDetail>;
}

/** The <bridge-map> element; its attributes are the BridgeMapAttribute union. */
export interface BridgeMapElement extends HTMLElement {
  /** Resolves after the first frame is drawn; rejects if the map fails to load. */
  readonly ready: Promise<void>;

  /** `{x, y}` in CSS px from the element's top-left, or null (off the globe, or not loaded). */
  project(lon: number, lat: number): ScreenPoint | null;
  /** `{lon, lat}` under a point, or null. */
  unproject(x: number, y: number): LonLat | null;
  /** The topmost feature at a point (of `kind`, if given), or null. */
  pick(x: number, y: number, kind?: FeatureKind): Feature | null;

  /** The view; setting it moves the map (missing fields keep their value). */
  get view(): View | null;
  set view(v: Partial<View>);

  /** The shown layers; set an array or a comma-separated string. */
  get layers(): Layer[];
  set layers(v: Layer[] | string);

  /** Overlay data used instead of the shipped one; null goes back to it. */
  get data(): OverlayData | null;
  set data(v: OverlayData | null | undefined);

  /** The tour step (1-based), or null when the tour is not running. */
  get step(): number | null;
  set step(v: number | null | undefined);

  /** The selected feature, or null. */
  readonly selected: Feature | null;
  /** Selects a feature by id (null clears); fires "select" and returns the feature. */
  select(id: string | null): Feature | null;

  /** Overlay features, all or of one kind, names in the current language. */
  features(kind?: OverlayKind): OverlayFeature[];

  /** Saves the current view as a PNG (2×, with title, legend and attribution)
   *  and returns it; undefined before the map is loaded. */
  download(): Promise<Blob | undefined>;

  /** "Download data": the overlay as a file named
   *  `bridge-map-data-v<format version>-<YYYY-MM-DD>.<geojson|csv>`, with
   *  names and texts in every language of the data and a licence line. A
   *  Promise because it waits for `ready`, fetches the shipped overlay's
   *  every language (`data/bridge.json`; the map holds one) and loads the
   *  export's own wasm. Rejects with a TypeError for another format. */
  exportData(format: DataFormat): Promise<File>;

  /** Frame counters, or null before the map is loaded. */
  readonly stats: Stats | null;

  /** The flow animation's state; set "paused" to hold it still until
   *  "playing" is set or the visitor presses play. */
  get flow(): FlowState;
  set flow(v: "playing" | "paused");

  addEventListener<K extends keyof BridgeMapEventMap>(
    type: K,
    listener: (this: BridgeMapElement, ev: BridgeMapEventMap[K]) => any,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof BridgeMapEventMap>(
    type: K,
    listener: (this: BridgeMapElement, ev: BridgeMapEventMap[K]) => any,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}

/** The element class, registered as `bridge-map` when this module is imported. */
export declare const BridgeMapElement: {
  prototype: BridgeMapElement;
  new (): BridgeMapElement;
  readonly observedAttributes: string[];
};

declare global {
  interface HTMLElementTagNameMap {
    "bridge-map": BridgeMapElement;
  }
}

// The wasm-bindgen API (BridgeMap, initSync, …); its default export, the
// wasm initialiser, is re-exported as `initWasm`.
export * from "./bridge_map.js";
export { default as initWasm } from "./bridge_map.js";
