// The <bridge-map> custom element: the one way a page puts the map on screen.
//
// This module knows nothing about where the WebAssembly comes from: the
// entry module (bridge-map.js) passes in `init`, `createMap` and the default
// geometry URL, and the browser tests pass in their own. That keeps the
// element usable from ../pkg, from an npm install, and from wasm-bindgen-test.
//
// The element owns the core (the wasm map), the `ready` promise and the
// public API, and routes the core's events. Every other concern is a
// controller in controllers/ (see controllers/index.js), attached while the
// element is connected; the styles are bridge-map-styles.js.
//
// The public contract (attributes, properties, methods, events and their
// detail, CSS parts, CSS custom properties) is stated once, in
// tools/bridge-map.d.ts; README.md's API table and this element are checked
// against it at run time by tools/e2e/contract.test.mjs.

import { TEXT, langOf, isLang, loadText, textOf, useTransliteration } from "./bridge-map-i18n.js";
import { VOCABULARY } from "./bridge-map-vocabulary.js";
import { styleSheet } from "./bridge-map-styles.js";
import { buildShell } from "./controllers/index.js";
import { ReadyGate } from "./controllers/ready.js";

const EVENTS = new Set(VOCABULARY.events);
const SHELL_EVENTS = new Set(VOCABULARY.shellEvents);
const [PLAYING, PAUSED, OFF] = VOCABULARY.flowStates;

/**
 * Defines <bridge-map>.
 * @param {object} config
 * @param {() => Promise<unknown>} config.init  initialises the wasm module (idempotent)
 * @param {(canvas: HTMLCanvasElement, particles: HTMLElement, bytes: Uint8Array, onEvent: Function) => object} config.createMap
 * @param {(text: string) => string} [config.transliterate]  the core's Kazakh
 *   Cyrillic → Latin (the wasm export kazakhLatin), callable once `init`
 *   resolves: the element's own text in kk-Latn is written through it
 * @param {string|Uint8Array} config.geometryUrl  default geometry (URL, or the bytes themselves)
 * @param {string|((lang: string) => string)} [config.dataUrl]  URL of the default overlay data,
 *   or of its pack in a language (data/bridge.<lang>.json)
 * @param {(lang: string) => string} [config.outlineUrl]  URL of a pack's outline
 *   (data/bridge.<lang>.outline.json): drawn first, the pack loaded after `ready`
 * @param {string} [config.fullDataUrl]  URL of the shipped overlay in every
 *   language (data/bridge.json), which "Download data" (`exportData`) writes
 *   out; the map itself loads one language's pack
 * @param {string} [config.rasterUrl]  URL of the raster worker
 *   (bridge-map-raster.js), started after `ready`: the map then draws off the
 *   main thread; without it, on the page
 * @param {string} [config.tagName]
 */
export function defineBridgeMap({ init, createMap, transliterate = null, geometryUrl, dataUrl = null, outlineUrl = null, fullDataUrl = null, rasterUrl = null, tagName = "bridge-map" }) {
  if (customElements.get(tagName)) return customElements.get(tagName);

  class BridgeMapElement extends HTMLElement {
    static observedAttributes = ["lang", "geometry", "data", "layers", "step", "view", "theme", "interactive", "embed", "permalink", "flow-pause"];

    #map = null;
    #generation = 0;
    #ready = new ReadyGate();
    #pendingView = null;
    #pendingData = undefined;
    #pendingFlow = null;
    #failed = false;
    #attached = false;
    /** The canvases the core draws on, and the controllers by concern. */
    #ui;
    #c;
    /** What the controllers see of the element (see controllers/controller.js). */
    #host;

    constructor() {
      super();
      // delegatesFocus: focusing <bridge-map> (Tab, or el.focus()) lands
      // on the map canvas inside.
      const root = this.attachShadow({ mode: "open", delegatesFocus: true });
      root.adoptedStyleSheets = [styleSheet()];
      this.#ui = buildShell(root, { geometryUrl, dataUrl, outlineUrl, fullDataUrl, internals: this.attachInternals?.() ?? null, fail: (err) => this.#fail(err), retry: () => this.#retry() });
      const c = this.#c = this.#ui.controllers;
      const el = this;
      this.#host = {
        element: this, root, canvas: this.#ui.canvas, stage: this.#ui.stage,
        get map() { return el.#map; },
        get t() { return el.#t; },
        get lang() { return langOf(el.getAttribute("lang")); },
        get dark() { return c.env.isDark(el); },
        emit: (type, detail) => this.#emit(type, detail),
        refresh: () => this.#refresh(),
        announce: (text) => c.live.announce(text),
        applyTheme: () => this.#applyTheme(),
        warn: (name, value, err) => this.#badAttribute(name, value, err),
      };
      this.#applyText();
    }

    /** The UI text of the element's language; until it is in, that of the
     *  language it is read from (kk-Latn's Kazakh before the core can write
     *  it in Latin), else English, kept out of sight (#applyText). */
    get #t() {
      const lang = langOf(this.getAttribute("lang"));
      return textOf(lang) ?? textOf(VOCABULARY.dataLanguage[lang]) ?? TEXT[VOCABULARY.languages[0]];
    }

    /** Downloads the UI text of the element's language (for kk-Latn, the
     *  Kazakh it is written from) if it is not in yet and then shows it;
     *  never rejects (a text that cannot be had leaves English, and the
     *  console says why). */
    #loadText() {
      const lang = langOf(this.getAttribute("lang"));
      const source = VOCABULARY.dataLanguage[lang];
      if (TEXT[source]) return Promise.resolve();
      return loadText(lang).then(() => {
        if (langOf(this.getAttribute("lang")) !== lang) return;
        this.#applyText();
        this.#refresh();
        this.#c.tooltip.refresh();
      }, (err) => console.warn(`bridge-map: the ${lang} text could not be loaded (${err.message}); the map shows English`));
    }

    /** Fires one of the core's events (VOCABULARY.events); any other name is a bug. */
    #emit(type, detail) {
      if (!EVENTS.has(type)) throw new Error(`bridge-map: "${type}" is not one of the core's events`);
      this.dispatchEvent(new CustomEvent(type, { detail }));
    }

    /** Resolves once the first frame is drawn; rejects if the map fails. */
    get ready() {
      return this.#ready.promise;
    }

    connectedCallback() {
      if (this.#map || this.#attached) return;
      this.#attached = true;
      // A landmark with a name, unless the host page gave its own.
      if (!this.hasAttribute("role")) this.setAttribute("role", "region");
      if (!this.hasAttribute("aria-label")) this.setAttribute("aria-label", this.#t.region);
      for (const c of Object.values(this.#c)) c.attach(this.#host);
      this.#mount();
    }

    disconnectedCallback() {
      this.#generation++;
      this.#attached = false;
      for (const c of Object.values(this.#c)) c.detach();
      // The map is let go whatever happens: one that could not be freed
      // must not stop the element from mounting a new one when it is
      // inserted again.
      try {
        this.#pendingView = this.#map?.view ?? this.#pendingView;
        this.#map?.free();
      } catch { /* a map broken by a page's code is dropped all the same */ }
      this.#map = null;
      this.#ready.renew();
    }

    attributeChangedCallback(name, oldValue, value) {
      if (oldValue === value) return;
      const c = this.#c;
      if (name === "lang") {
        // At mount the element checks it itself, once its events are heard.
        if (this.#map) this.#checkLang();
        this.#applyText();
        const text = this.#loadText();
        this.#map?.setLang(langOf(value));
        // The shipped overlay comes as one pack per language: fetch this
        // one (once per page) and swap it in; the view, selection and tour
        // step stay. It downloads beside the UI text and goes in after it,
        // so a host that sees the pack in (`stats.languages`) sees the
        // whole map in the language. Both Kazakh scripts read the same pack.
        const pack = (tag) => VOCABULARY.dataLanguage[langOf(tag)];
        if (this.#map && this.#pendingData == null && c.loader.perLanguage && pack(oldValue) !== pack(value)) {
          c.loader.prefetchData();
          text.then(() => this.#loadData());
        }
        this.#refresh();
        c.tooltip.refresh();
        c.permalink.write(true);
      } else if (name === "geometry" && this.isConnected) {
        this.disconnectedCallback();
        this.connectedCallback();
      } else if (name === "data" && this.#map) {
        this.#loadData();
      } else if (name === "layers" && this.#map && value != null) {
        this.#applyLayersAttribute();
      } else if (name === "step" && this.#map) {
        // The tour's buttons and a host's `el.step` fly; a permalink jumps.
        this.#applyStep(!c.permalink.applying);
      } else if (name === "view" && this.#map) {
        this.#applyViewAttribute();
      } else if (name === "theme") {
        this.#applyTheme();
      } else if (name === "interactive" || name === "embed") {
        c.modes.apply(this, this.#map);
      } else if (name === "permalink" && value != null) {
        c.permalink.read();
      } else if (name === "flow-pause") {
        this.#applyFlowPause();
      }
    }

    async #mount() {
      const generation = ++this.#generation;
      const { loader, error, env, permalink } = this.#c;
      this.#ready.start();
      this.#failed = false;
      error.clear();
      if (this.hasAttribute("data-state")) {
        // Mounted again from the error state (its button).
        this.removeAttribute("data-state");
        for (const c of Object.values(this.#c)) c.restore();
      }
      this.#ui.canvas.hidden = this.#ui.stage.hidden = false;
      loader.loading(true);
      try {
        // The geometry and the overlay download while the wasm compiles;
        // the overlay in the language a permalink asks for.
        permalink.applyLanguage();
        if (this.#pendingData == null) loader.prefetchData();
        const [, bytes] = await Promise.all([init().then(() => {
          if (transliterate) useTransliteration(transliterate);
          this.#applyText();
        }), loader.geometry(this.getAttribute("geometry")), this.#loadText()]);
        if (generation !== this.#generation || !this.isConnected) return;
        this.#map = createMap(this.#ui.canvas, this.#ui.particles, bytes, (type, detail) => this.#onMapEvent(type, detail));
        this.#map.setLang(langOf(this.getAttribute("lang")));
        permalink.defaultLang ??= langOf(this.getAttribute("lang"));
        this.#map.setMotion(env.motion);
        this.#map.setVisible(env.visible);
        this.#applyFlowPause();
        if (this.#pendingFlow) {
          this.#map.setFlow(this.#pendingFlow === PLAYING);
          this.#pendingFlow = null;
        }
        this.#applyTheme();
        this.#c.modes.apply(this, this.#map);
        this.#checkLang();
        // The view the element had when it was removed, or one a page set
        // meanwhile: one the map refuses must not cost the whole map.
        const v = this.#pendingView;
        this.#pendingView = null;
        if (v) this.#applyView(v, [v.lon, v.lat, v.zoom].join());
        this.#applyViewAttribute();
        await this.#loadData();
        if (generation !== this.#generation || !this.#map) return;
        // A step sets its own view and layers; `layers` and `view` given
        // with it refine them (an embed code of a view moved on from its
        // step opens that view, at that step).
        if (this.hasAttribute("step")) this.#applyStep(false);
        if (this.hasAttribute("layers")) this.#applyLayersAttribute();
        if (this.hasAttribute("step")) this.#applyViewAttribute();
        permalink.start();
        this.#refresh();
        this.#ready.setupDone();
        // The full detail and the overlay's texts come after `ready`, so
        // they never delay the map: in a task of their own, after the
        // host page's own `ready` handlers.
        this.#ready.promise.then(() => setTimeout(() => {
          if (generation !== this.#generation) return;
          // The first frames were drawn here, at one pixel per CSS pixel
          // and with no worker to wait for; from now on the map is drawn
          // sharp, off the main thread (or here, without a worker).
          this.#map?.useRaster(rasterUrl);
          loader.texts(this.#pendingData != null);
          loader.detail(this.getAttribute("geometry"));
          loader.fine(this.getAttribute("geometry"));
        }));
      } catch (err) {
        if (generation === this.#generation) this.#fail(err);
      }
    }

    /** The core's events: every controller hears them (each reacts to those
     *  it cares about), then the public ones are dispatched on the element. */
    #onMapEvent(type, detail) {
      if (!EVENTS.has(type) && !SHELL_EVENTS.has(type)) throw new Error(`bridge-map: the core sent an unknown event "${type}"`);
      if (type === "ready") this.#ready.frameDrawn();
      // A failed draw: the core reports it once and keeps trying.
      if (type === "error") console.error(`bridge-map: ${detail.message}`);
      for (const c of Object.values(this.#c)) c.mapEvent(type, detail);
      if (EVENTS.has(type)) this.#emit(type, detail);
    }

    /** Applies the `data` property, else the `data` attribute's URL, else
     *  the overlay shipped with the map. */
    #loadData() {
      return this.#c.loader.data(this.#pendingData ?? null);
    }

    #applyViewAttribute() {
      const given = this.getAttribute("view");
      if (!this.#map || given == null) return;
      const parts = given.split(",").map((p) => (p.trim() === "" ? NaN : Number(p)));
      if (parts.length !== 3 || !parts.every(Number.isFinite)) this.#badAttribute("view", given, "expected three numbers: lon,lat,zoom");
      else this.#applyView({ lon: parts[0], lat: parts[1], zoom: parts[2] }, given);
    }

    /** Moves the map to `v` (from the `view` attribute or a view kept
     *  while the element was out of the page); one the core refuses is
     *  reported as a bad `view`. */
    #applyView(v, given) {
      try {
        this.#map.view = v;
      } catch (err) {
        this.#badAttribute("view", given, err);
      }
    }

    /** The `step` attribute: a step the tour does not have is reported,
     *  and the tour stays as it was. */
    #applyStep(fly) {
      const given = this.getAttribute("step");
      const count = this.#c.tour.go(given == null || given === "" ? null : Number(given), { fly });
      if (count != null) this.#badAttribute("step", given, `the tour has ${count} steps`);
    }

    /** A `lang` the map does not speak: English, and the host hears why. */
    #checkLang() {
      const given = this.getAttribute("lang");
      if (given && !isLang(given)) this.#badAttribute("lang", given, `use ${VOCABULARY.languages.join(", ")}`);
    }

    #applyLayersAttribute() {
      const given = this.getAttribute("layers");
      try {
        this.layers = given;
      } catch (err) {
        this.#badAttribute("layers", given, err);
      }
    }

    /** An attribute value the map cannot use: the map keeps what it had,
     *  and the host hears why — a console warning, and an `error` event
     *  whose detail names the attribute (never an exception thrown out of
     *  the attribute callback, which a host's error monitoring would
     *  record as a crash). */
    #badAttribute(name, value, err) {
      // A value quoted whole could be a 100 KB permalink.
      const message = `${name}="${String(value).slice(0, 80)}": ${err instanceof Error ? err.message : err}`.slice(0, 300);
      console.warn(`bridge-map: ${message}`);
      this.#emit("error", { message, attribute: name });
    }

    /** `flow-pause`: seconds of running without interaction before the
     *  flow pauses; 0 never pauses; absent or not a number: the core's
     *  default (a minute). */
    #applyFlowPause() {
      const given = this.getAttribute("flow-pause");
      const seconds = given == null || given.trim() === "" ? NaN : Number(given);
      this.#map?.setFlowPause(Number.isFinite(seconds) ? seconds : undefined);
    }

    #applyTheme() {
      const dark = this.#c.env.applyTheme(this);
      if (this.#map) {
        this.#map.setDark(dark);
        this.#refresh();
      }
    }

    /** Rebuilds every panel from the core's state. */
    #refresh() {
      if (!this.#map) return;
      const { layers, info, tour, twin } = this.#c;
      layers.render();
      info.refresh();
      tour.render();
      twin.render();
    }

    #applyText() {
      const t = this.#t;
      // Text in another script than the language's (kk-Latn's Kazakh
      // before the core can write it in Latin) is never shown or read out.
      this.#c.env.textPending(this, !textOf(langOf(this.getAttribute("lang"))));
      this.#ui.canvas.setAttribute("aria-label", t.label);
      for (const c of Object.values(this.#c)) c.text(t);
      // Our own region name follows the language; a host page's stays.
      const ours = VOCABULARY.languages.map((l) => textOf(l)?.region);
      if (ours.includes(this.getAttribute("aria-label"))) this.setAttribute("aria-label", t.region);
    }

    /** The error state's button: mounts the map afresh, as a new
     *  `geometry` does (the failed download is not cached). */
    #retry() {
      if (!this.isConnected) return;
      this.disconnectedCallback();
      this.connectedCallback();
    }

    #fail(err) {
      if (this.#failed) return;
      this.#failed = true;
      const message = err instanceof Error ? err.message : String(err);
      console.error(`bridge-map: ${message}`);
      this.#c.error.show(this.#t, message);
      // The stage too: the highlight canvas in it must not show over the error.
      this.#ui.canvas.hidden = this.#ui.particles.hidden = this.#ui.stage.hidden = true;
      for (const c of Object.values(this.#c)) c.hide();
      this.setAttribute("data-state", "error");
      try { this.#map?.free(); } catch { /* the instance may be poisoned after a panic */ }
      this.#map = null;
      this.#ready.reject(new Error(message));
      this.#emit("error", { message });
    }

    // The public API: see the contract at the top of this file.
    project(lon, lat) { return this.#map ? this.#map.project(Number(lon), Number(lat)) : null; }
    unproject(x, y) { return this.#map ? this.#map.unproject(Number(x), Number(y)) : null; }
    pick(x, y, kind) { return this.#map ? this.#map.pick(Number(x), Number(y), kind ?? undefined) : null; }
    /** Overlay features, all or of one kind, names in the current language. */
    features(kind) { return this.#map ? this.#map.features(kind ?? undefined) : []; }
    /** The selected feature, or null. */
    get selected() { return this.#map ? this.#map.selected : null; }
    /** Selects a feature by id (null clears); fires "select". */
    select(id) { return this.#map ? this.#map.select(id ?? undefined) : null; }
    /** Saves the current view as a PNG at 2×, with title, legend and attribution. */
    download() { return this.#c.download.save(); }
    /** The overlay's data as a file (a Blob with its name): "geojson" or
     *  "csv". A Promise: the shipped overlay's every language is fetched. */
    async exportData(format) {
      await this.ready;
      return this.#c.share.file(format);
    }
    /** Frame counters, for tests and performance checks. */
    get stats() { return this.#map ? this.#map.stats() : null; }

    /** The flow animation: "playing", "paused" or "off" (no moving dots). */
    get flow() { return this.#map ? this.#map.flow : OFF; }

    /** "paused" holds the flow still until "playing" is set (or the play
     *  button pressed); any other value throws. */
    set flow(v) {
      if (v !== PLAYING && v !== PAUSED) throw new TypeError(`bridge-map: flow must be "${PLAYING}" or "${PAUSED}", not ${JSON.stringify(v)}`);
      if (this.#map) this.#map.setFlow(v === PLAYING);
      else this.#pendingFlow = v;
    }
    get view() { return this.#map ? this.#map.view : this.#pendingView; }

    set view(v) {
      if (this.#map) this.#map.view = v;
      else this.#pendingView = { ...(this.#pendingView || {}), ...v };
    }

    get layers() {
      if (this.#map) return this.#map.layers;
      const given = this.getAttribute("layers");
      return given ? given.split(",") : [...VOCABULARY.layers];
    }

    set layers(v) {
      const words = Array.isArray(v) ? v.join() : String(v);
      if (!this.#map) {
        this.setAttribute("layers", words);
        return;
      }
      this.#map.layers = words;
      this.#refresh();
      this.#c.permalink.write(true);
    }

    get data() { return this.#pendingData ?? null; }

    /** Overlay data (object or JSON text); null goes back to the `data`
     *  attribute or the shipped data. */
    set data(v) {
      this.#pendingData = v ?? undefined;
      if (this.#map) this.#loadData();
    }

    /** The tour step, 1-based, or null when the tour is not running. */
    get step() { return this.#map?.step == null ? null : this.#map.step + 1; }

    set step(v) {
      // attributeChangedCallback does the work, so the attribute and the
      // property always agree.
      if (v == null) this.removeAttribute("step");
      else this.setAttribute("step", String(v));
    }
  }

  customElements.define(tagName, BridgeMapElement);
  return BridgeMapElement;
}
