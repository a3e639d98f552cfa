// The <bridge-map> custom element: the one way a page puts the map on screen.
//
// This module knows nothing about where the WebAssembly comes from: the
// entry module (bridge-map.js) passes in `init`, `createMap` and the default
// geometry URL, and the browser tests pass in their own. That keeps the
// element usable from ../pkg, from an npm install, and from wasm-bindgen-test.
//
// Contract (host pages and tests rely on it):
//   el.ready                 Promise, resolves after the first frame is drawn
//   el.project(lon, lat)     {x, y} CSS px from the element's top-left, or null
//   el.unproject(x, y)       {lon, lat} or null
//   el.pick(x, y, kind?)     {kind, id, name} or null; kinds: country, corridor, node, event
//   el.view                  {lon, lat, zoom}, read and write
//   el.features(kind?)       overlay features {kind, id, name, layer, lon?, lat?, mode?, status?, date?}
//   el.layers                ["trade", "energy", "diplomacy", "plans"], read and write
//   el.data                  overlay data (object or JSON text) to use instead of the built-in one
//   el.step                  tour step (1-based) or null; el.select(id)
//   events                   viewchange, select (detail = feature or null), tourstep (detail = {step, id} or null),
//                            dataerror (detail = {message})
//   attributes               lang (en | kk | ru), geometry (URL of the .bmap file),
//                            data (URL of overlay JSON), layers ("trade,energy"), step (1-based),
//                            view ("lon,lat,zoom"), theme (light | dark | auto),
//                            interactive ("false" = a static figure), embed (cooperative
//                            gestures for scrolling pages), permalink (sync the URL hash)

import { TEXT, langOf } from "./bridge-map-i18n.js";
import { h, buildLayers, buildInfo, buildTour, buildTwin, buildAbout, buildError } from "./bridge-map-panels.js";
import { exportPng } from "./bridge-map-export.js";
import { formatDate } from "./bridge-map-format.js";
import { parseHash, formatHash } from "./bridge-map-permalink.js";

// One download per URL for every map on the page (and every remount).
const fetched = new Map();
function fetchOnce(url, read) {
  const key = `${read}:${url}`;
  if (!fetched.has(key)) {
    const p = fetch(url).then((r) => {
      if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
      return read === "bytes" ? r.arrayBuffer().then((b) => new Uint8Array(b)) : r.text();
    });
    // A failed download may succeed later: do not keep the failure.
    p.catch(() => fetched.delete(key));
    fetched.set(key, p);
  }
  return fetched.get(key);
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

const STYLE = `
:host { display: block; position: relative; overflow: hidden; min-height: 240px;
  --panel: rgba(255,255,255,.97); --ink: #1d2a33; --muted: #44505a; --line: #8ea3b0;
  --btn: #fff; --btn-hover: #eef4f8; --accent: #1f6f9a; --accent-ink: #fff; --link: #14507a;
  --note: #5b3c00; --water: #cfe3ee;
  --casing: rgba(255,255,255,.85); --node-fill: #fff; --node-stroke: #1d2a33; --node-kaz-stroke: #4a3000;
  --diplomacy: #4338ca; --event-stroke: #fff;
  background: var(--water); color: var(--ink); contain: layout paint; container-type: inline-size;
  font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; font-size: 14px; }
:host(:state(dark)), :host([data-dark]) {
  --panel: rgba(22,30,38,.97); --ink: #e6edf2; --muted: #b9c6cf; --line: #5a6a76;
  --btn: #1f2a33; --btn-hover: #2b3a46; --accent: #7cc4ee; --accent-ink: #0e1c29; --link: #9fd6ff;
  --note: #f5d08a; --water: #0e1c29;
  --casing: rgba(16,24,31,.8); --node-fill: #1b242c; --node-stroke: #e6edf2; --node-kaz-stroke: #10181f;
  --diplomacy: #9aa5ff; --event-stroke: #10181f; }
:host([embed]) canvas { touch-action: pan-x pan-y; }
:host([interactive="false"]) canvas { cursor: default; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.twin { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.hint { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); z-index: 6;
  padding: 10px 16px; border-radius: 6px; background: rgba(16,24,31,.86); color: #fff; font-size: 15px;
  pointer-events: none; }
.about { left: 50%; top: 50%; transform: translate(-50%, -50%); width: 520px; max-width: calc(100% - 24px);
  max-height: calc(100% - 40px); overflow: auto; padding: 14px 16px; z-index: 7; }
.about .close { position: absolute; top: 8px; right: 8px; }
.about p { line-height: 1.45; }
.credits { margin: 0; padding-left: 18px; font-size: 13px; line-height: 1.5; }
@media print {
  .controls, .tour-start, .tooltip, .hint, .layers summary, .twin, .data-error { display: none !important; }
  .layers { box-shadow: none; }
}
:host([hidden]) { display: none; }
canvas { position: absolute; inset: 0; display: block; width: 100%; height: 100%;
  touch-action: none; cursor: grab; outline: none; }
canvas:active { cursor: grabbing; }
canvas.particles { pointer-events: none; z-index: 1; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px var(--accent); }
[hidden] { display: none !important; }
.tooltip { position: absolute; left: 0; top: 0; z-index: 5; pointer-events: none;
  max-width: 260px; padding: 5px 9px; border-radius: 4px; background: rgba(16, 24, 31, 0.94);
  color: #fff; font-size: 13px; line-height: 1.35; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.tooltip .kind { display: block; font-size: 11px; opacity: .85; }
.tooltip .sub { display: block; font-size: 12px; opacity: .9; }
.card { position: absolute; z-index: 3; background: var(--panel); color: var(--ink); border-radius: 6px;
  box-shadow: 0 2px 10px rgba(0,0,0,.18); }
.card h2 { margin: 0 0 6px; font-size: 16px; line-height: 1.25; }
.card h3 { margin: 12px 0 4px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
button { font: inherit; }
.card button { border: 1px solid var(--line); border-radius: 4px; background: var(--btn); color: var(--ink);
  padding: 4px 10px; cursor: pointer; }
.card button:hover { background: var(--btn-hover); }
.card button:disabled { opacity: .45; cursor: default; }
button:focus-visible, summary:focus-visible, a:focus-visible, input:focus-visible {
  outline: 3px solid var(--accent); outline-offset: 1px; }
.layers { left: 12px; top: var(--bridge-map-inset-top, 12px); width: 250px;
  max-height: calc(100% - var(--bridge-map-inset-top, 12px) - 70px); overflow: auto; }
.layers summary { padding: 8px 12px; font-weight: 600; cursor: pointer; }
.layers .body { padding: 0 12px 10px; }
.layers h2 { font-size: 13px; margin: 8px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.layer-list, .legend { list-style: none; margin: 0; padding: 0; }
.layer-list li { margin: 2px 0; }
.legend li { display: flex; align-items: center; gap: 6px; font-size: 12px; line-height: 1.3; margin: 3px 0; }
.legend svg { flex: none; }
.legend .casing { stroke: var(--casing); }
.legend .marker { fill: var(--node-fill); stroke: var(--node-stroke); }
.legend .marker.kaz { fill: #f5c94c; stroke: var(--node-kaz-stroke); }
.legend .marker.event { fill: var(--diplomacy); stroke: var(--event-stroke); }
.info { right: 12px; top: 12px; width: 360px; max-width: calc(100% - 24px);
  max-height: calc(100% - 262px); overflow: auto; padding: 12px 14px; }
.info .close { position: absolute; top: 8px; right: 8px; }
.info-kind { margin: 0 0 2px; font-size: 12px; color: var(--muted); }
.info .summary { margin: 6px 0; line-height: 1.45; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; }
.note { font-size: 12px; color: var(--note); margin: 4px 0; }
.figures { border-collapse: collapse; width: 100%; font-size: 13px; }
.figures th { text-align: left; font-weight: 600; padding: 3px 8px 3px 0; vertical-align: top; width: 40%; }
.figures td { padding: 3px 0; vertical-align: top; }
.fig-year { color: var(--muted); }
.fig-sources a { font-size: 11px; }
.sources { margin: 0; padding-left: 20px; font-size: 12px; line-height: 1.4; }
a { color: var(--link); }
.tour { left: 12px; bottom: 12px; width: 440px; max-width: calc(100% - 80px); padding: 12px 14px; }
.tour-count { margin: 0 0 2px; font-size: 12px; color: var(--muted); }
.tour-text { margin: 4px 0 10px; line-height: 1.45; }
.tour-buttons { display: flex; gap: 6px; }
.tour-buttons .end { margin-left: auto; }
.tour-start { position: absolute; left: 12px; bottom: 12px; z-index: 3; padding: 8px 14px;
  border: 0; border-radius: 20px; background: var(--accent); color: var(--accent-ink); font-weight: 600; cursor: pointer;
  box-shadow: 0 2px 8px rgba(0,0,0,.2); }
.tour-start:hover { filter: brightness(1.1); }
.controls { position: absolute; right: 12px; bottom: 36px; z-index: 2; display: flex;
  flex-direction: column; gap: 2px; }
.controls button { width: 34px; height: 34px; border: 1px solid var(--line); border-radius: 4px;
  background: var(--btn); color: var(--ink); font: 600 18px/1 system-ui, sans-serif; cursor: pointer; padding: 0; }
.controls button:hover { background: var(--btn-hover); }
.controls .gap { height: 6px; }
.attribution { position: absolute; right: 0; bottom: 0; z-index: 2; padding: 2px 6px;
  background: var(--panel); font-size: 11px; color: var(--muted); }
.status { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: var(--muted); font-size: 14px; }
.error { position: absolute; inset: 0; z-index: 6; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 8px; padding: 24px; text-align: center;
  background: #f6f2e9; color: #7a1f1a; font-size: 15px; }
.error strong { font-size: 17px; }
.error code, .data-error code { color: #3b4a55; font-size: 13px; white-space: pre-wrap; }
.error details, .data-error details { margin-top: 6px; }
.error summary, .data-error summary { cursor: pointer; font-size: 13px; }
.data-error { position: absolute; left: 50%; top: 12px; transform: translateX(-50%); z-index: 4;
  max-width: min(560px, calc(100% - 24px)); padding: 10px 14px; border-radius: 6px;
  background: #fff4f2; color: #7a1f1a; border: 1px solid #e0a49c; font-size: 13px; }
@container (max-width: 420px) {
  .tour { padding: 8px 10px; font-size: 13px; }
  .tour h2 { font-size: 14px; }
  .tour-text { max-height: 6.5em; overflow: auto; margin: 2px 0 6px; }
  .tour-start { padding: 6px 10px; font-size: 13px; }
}
@container (max-width: 620px) {
  .layers { width: auto; right: 12px; }
  .attribution { max-width: calc(100% - 150px); font-size: 10px; }
  .info { left: 8px; right: 8px; width: auto; top: auto; bottom: 8px; max-height: 55%; z-index: 5; }
  .tour { left: 8px; right: 8px; width: auto; max-width: none; }
}
`;

/**
 * Defines <bridge-map>.
 * @param {object} config
 * @param {() => Promise<unknown>} config.init  initialises the wasm module (idempotent)
 * @param {(canvas: HTMLCanvasElement, particles: HTMLCanvasElement, bytes: Uint8Array, onEvent: Function) => object} config.createMap
 * @param {string|Uint8Array} config.geometryUrl  default geometry (URL, or the bytes themselves)
 * @param {string} [config.dataUrl]  URL of the default overlay data (data/bridge.json)
 * @param {string} [config.tagName]
 */
export function defineBridgeMap({ init, createMap, geometryUrl, dataUrl = null, tagName = "bridge-map" }) {
  if (customElements.get(tagName)) return customElements.get(tagName);

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);

  class BridgeMapElement extends HTMLElement {
    static observedAttributes = ["lang", "geometry", "data", "layers", "step", "view", "theme", "interactive", "embed", "permalink"];

    #map = null;
    #generation = 0;
    #ready;
    #resolveReady;
    #rejectReady;
    #pendingView = null;
    #pendingData = undefined;
    #failed = false;
    #pointer = { x: 0, y: 0, type: "mouse" };
    #tipTimer = 0;
    #tip = null; // the feature the tooltip names, so a language switch can rename it
    #ui;
    #abort = null;
    #infoId = null;
    #internals = null;
    #twinFocus = null;
    #hintTimer = 0;
    #applyingHash = false;
    /** False until the hash the page was opened with has been applied; the
     *  map writes nothing before that, so it never reads back its own echo. */
    #hashApplied = false;
    /** `ready` needs both: the first frame, and the element's own setup
     *  (overlay data, layers, step, permalink) applied. */
    #frameDrawn = false;
    #setupDone = false;
    /** The language the page gave the map; a permalink without `lang` means this one. */
    #defaultLang = null;
    #hashTimer = 0;
    #returnFocus = null;

    constructor() {
      super();
      // delegatesFocus: focusing <bridge-map> (Tab, or el.focus()) lands
      // on the map canvas inside.
      const root = this.attachShadow({ mode: "open", delegatesFocus: true });
      root.adoptedStyleSheets = [sheet];
      this.#internals = this.attachInternals?.() ?? null;
      root.innerHTML = `
        <canvas part="canvas" tabindex="0" role="application" aria-roledescription="map"></canvas>
        <canvas class="particles" part="particles" aria-hidden="true"></canvas>
        <nav class="twin" part="twin" aria-labelledby="twin-title"></nav>
        <div class="sr-only live" aria-live="polite"></div>
        <div class="hint" part="hint" role="status" hidden></div>
        <div class="status" part="status" aria-live="polite"></div>
        <div class="tooltip" part="tooltip" role="tooltip" id="tooltip" hidden></div>
        <details class="card layers" part="layers"><summary></summary><div class="body"></div></details>
        <section class="card info" part="info" role="dialog" aria-labelledby="info-title" hidden>
          <button type="button" class="close"></button><div class="content"></div>
        </section>
        <section class="card tour" part="tour" role="region" aria-labelledby="tour-title" hidden></section>
        <section class="card about" part="about" role="dialog" aria-labelledby="about-title" hidden>
          <button type="button" class="close"></button><div class="content"></div>
        </section>
        <button type="button" class="tour-start" part="tour-start" hidden></button>
        <div class="controls" part="controls">
          <button type="button" data-key="+">+</button>
          <button type="button" data-key="-">−</button>
          <button type="button" data-key="0">⌂</button>
          <div class="gap"></div>
          <button type="button" class="download">⤓</button>
          <button type="button" class="about-button">i</button>
        </div>
        <div class="attribution" part="attribution"></div>
        <div class="data-error" part="data-error" role="alert" hidden></div>
        <div class="error" part="error" role="alert" hidden></div>`;
      const q = (s) => root.querySelector(s);
      this.#ui = {
        canvas: q("canvas"), particles: q("canvas.particles"), status: q(".status"), tooltip: q(".tooltip"), layers: q(".layers"),
        layersSummary: q(".layers summary"), layersBody: q(".layers .body"), info: q(".info"),
        infoClose: q(".info .close"), infoContent: q(".info .content"), tour: q(".tour"),
        tourStart: q(".tour-start"), controls: q(".controls"), attribution: q(".attribution"),
        dataError: q(".data-error"), error: q(".error"), twin: q(".twin"), live: q(".live"),
        hint: q(".hint"), about: q(".about"), aboutClose: q(".about .close"),
        aboutContent: q(".about .content"), download: q(".download"), aboutButton: q(".about-button"),
      };
      this.#newReady();
      this.#applyText();
    }

    #newReady() {
      this.#ready = new Promise((resolve, reject) => {
        this.#resolveReady = resolve;
        this.#rejectReady = reject;
      });
      // Awaiting callers still see the rejection; nobody awaiting is fine.
      this.#ready.catch(() => {});
    }

    get #t() {
      return TEXT[langOf(this.getAttribute("lang"))];
    }

    /** Resolves once the first frame is drawn; rejects if the map fails. */
    get ready() {
      return this.#ready;
    }

    connectedCallback() {
      if (this.#map || this.#abort) return;
      this.#abort = new AbortController();
      const signal = this.#abort.signal;
      // A landmark with a name, unless the host page gave its own.
      if (!this.hasAttribute("role")) this.setAttribute("role", "region");
      if (!this.hasAttribute("aria-label")) this.setAttribute("aria-label", this.#t.region);
      const c = this.#ui.canvas;
      const track = (e) => {
        this.#pointer = { x: e.offsetX, y: e.offsetY, type: e.pointerType };
        this.#placeTooltip();
      };
      c.addEventListener("pointermove", track, { signal, passive: true });
      c.addEventListener("pointerdown", track, { signal, passive: true });
      // Embedded: two fingers belong to the map, so the page must not scroll
      // under them; one finger still scrolls the page.
      c.addEventListener("touchmove", (e) => {
        if (this.hasAttribute("embed") && e.touches.length > 1) e.preventDefault();
      }, { signal, passive: false });
      this.#ui.controls.addEventListener("click", (e) => {
        const key = e.target.closest("button")?.dataset.key;
        if (key && this.#map) this.#map.press(key);
      }, { signal });
      this.#ui.download.addEventListener("click", () => this.download(), { signal });
      this.#ui.aboutButton.addEventListener("click", () => this.#openAbout(), { signal });
      this.#ui.aboutClose.addEventListener("click", () => this.#closeAbout(), { signal });
      this.#ui.infoClose.addEventListener("click", () => this.select(null), { signal });
      this.#ui.tourStart.addEventListener("click", () => { this.step = 1; }, { signal });
      this.#ui.twin.addEventListener("keydown", (e) => this.#twinKey(e), { signal });
      this.#ui.twin.addEventListener("focusin", (e) => this.#twinFocused(e.target.closest("button")), { signal });
      this.#ui.twin.addEventListener("focusout", (e) => {
        if (!this.#ui.twin.contains(e.relatedTarget)) this.#twinFocused(null);
      }, { signal });
      this.#ui.twin.addEventListener("click", (e) => {
        const b = e.target.closest("button");
        if (b) {
          this.#returnFocus = b;
          this.select(b.dataset.id);
        }
      }, { signal });
      this.addEventListener("keydown", (e) => {
        if (e.key !== "Escape") return;
        if (!this.#ui.about.hidden) {
          e.preventDefault();
          this.#closeAbout();
        } else if (!this.#ui.info.hidden) {
          e.preventDefault();
          this.select(null);
        }
      }, { signal });
      window.addEventListener("bridge-map-panic", (e) => this.#fail(new Error(String(e.detail))), { signal });
      window.addEventListener("hashchange", () => this.#readHash(), { signal });
      window.addEventListener("popstate", () => this.#readHash(), { signal });
      const motion = matchMedia("(prefers-reduced-motion: reduce)");
      motion.addEventListener("change", () => this.#map?.setMotion(!motion.matches), { signal });
      matchMedia("(prefers-color-scheme: dark)").addEventListener("change", () => this.#applyTheme(), { signal });
      // Off-screen maps (further down a long article) stop animating.
      const seen = new IntersectionObserver((entries) => {
        const e = entries[entries.length - 1];
        if (e) this.#map?.setVisible(e.isIntersecting);
      });
      seen.observe(this);
      signal.addEventListener("abort", () => seen.disconnect());
      this.#mount(motion);
    }

    disconnectedCallback() {
      this.#generation++;
      this.#hashApplied = false;
      this.#abort?.abort();
      this.#abort = null;
      clearTimeout(this.#tipTimer);
      clearTimeout(this.#hintTimer);
      clearTimeout(this.#hashTimer);
      if (this.#map) {
        this.#pendingView = this.view;
        this.#map.free();
        this.#map = null;
      }
      this.#newReady();
    }

    attributeChangedCallback(name, oldValue, value) {
      if (oldValue === value) return;
      if (name === "lang") {
        this.#applyText();
        this.#map?.setLang(langOf(value));
        this.#refreshPanels();
        this.#refreshTooltip();
        this.#writeHash(true);
      } else if (name === "geometry" && this.isConnected) {
        this.disconnectedCallback();
        this.connectedCallback();
      } else if (name === "data" && this.#map) {
        this.#loadData();
      } else if (name === "layers" && this.#map && value != null) {
        this.layers = value;
      } else if (name === "step" && this.#map) {
        this.#goStep(value == null || value === "" ? null : Number(value));
      } else if (name === "view" && this.#map) {
        this.#applyViewAttribute();
      } else if (name === "theme") {
        this.#applyTheme();
      } else if (name === "interactive" || name === "embed") {
        this.#applyModes();
      } else if (name === "permalink" && value != null) {
        this.#readHash();
      }
    }

    async #mount(motion) {
      const generation = ++this.#generation;
      this.#frameDrawn = false;
      this.#setupDone = false;
      this.#failed = false;
      this.#ui.error.hidden = true;
      this.#ui.canvas.hidden = false;
      this.#ui.status.hidden = false;
      try {
        await init();
        const url = this.getAttribute("geometry") || geometryUrl;
        const bytes = await loadGeometry(url);
        if (generation !== this.#generation || !this.isConnected) return;
        this.#map = createMap(this.#ui.canvas, this.#ui.particles, bytes, (type, detail) => this.#onMapEvent(type, detail));
        this.#map.setLang(langOf(this.getAttribute("lang")));
        this.#defaultLang ??= langOf(this.getAttribute("lang"));
        this.#map.setMotion(!motion.matches);
        this.#applyTheme();
        this.#applyModes();
        if (this.#pendingView) {
          this.#map.view = this.#pendingView;
          this.#pendingView = null;
        }
        this.#applyViewAttribute();
        await this.#loadData();
        if (generation !== this.#generation || !this.#map) return;
        if (this.hasAttribute("layers")) this.layers = this.getAttribute("layers");
        if (this.hasAttribute("step")) this.#goStep(Number(this.getAttribute("step")));
        this.#readHash();
        this.#hashApplied = true;
        this.#writeHash(false);
        this.#refreshPanels();
        this.#setupDone = true;
        if (this.#frameDrawn) this.#resolveReady();
      } catch (err) {
        if (generation === this.#generation) this.#fail(err);
      }
    }

    #applyViewAttribute() {
      const parts = (this.getAttribute("view") || "").split(",").map(Number);
      if (this.#map && parts.length === 3 && parts.every(Number.isFinite)) {
        try {
          this.#map.view = { lon: parts[0], lat: parts[1], zoom: parts[2] };
        } catch (err) {
          console.error(`bridge-map: view="${this.getAttribute("view")}": ${err.message}`);
        }
      }
    }

    /** The palette: the `theme` attribute, or the visitor's preference for `auto`. */
    #isDark() {
      const theme = this.getAttribute("theme") || "light";
      return theme === "dark" || (theme === "auto" && matchMedia("(prefers-color-scheme: dark)").matches);
    }

    #applyTheme() {
      const dark = this.#isDark();
      try {
        if (dark) this.#internals.states.add("dark"); else this.#internals.states.delete("dark");
      } catch {
        // No custom states in this browser: fall back to an attribute.
        this.toggleAttribute("data-dark", dark);
      }
      if (this.#map) {
        this.#map.setDark(dark);
        this.#refreshPanels();
      }
    }

    #applyModes() {
      const interactive = this.getAttribute("interactive") !== "false";
      this.#ui.canvas.tabIndex = interactive ? 0 : -1;
      this.#ui.canvas.setAttribute("role", interactive ? "application" : "img");
      for (const b of this.#ui.controls.querySelectorAll("[data-key]")) b.hidden = !interactive;
      this.#map?.setInteractive(interactive);
      this.#map?.setCooperative(this.hasAttribute("embed"));
      this.#renderTour();
    }

    #showHint(kind) {
      const t = this.#t;
      this.#ui.hint.textContent = kind === "touch" ? t.hintTouch : t.hintWheel(isMac);
      this.#ui.hint.hidden = false;
      clearTimeout(this.#hintTimer);
      this.#hintTimer = setTimeout(() => { this.#ui.hint.hidden = true; }, 1500);
    }

    #announce(text) {
      // Re-setting identical text is not announced again: clear first.
      this.#ui.live.textContent = "";
      requestAnimationFrame(() => { this.#ui.live.textContent = text; });
    }

    /** Arrow keys move between the twin's buttons (roving tabindex). */
    #twinKey(e) {
      const buttons = [...this.#ui.twin.querySelectorAll("button")];
      const i = buttons.indexOf(e.target.closest("button"));
      if (i < 0) return;
      const next = { ArrowDown: i + 1, ArrowRight: i + 1, ArrowUp: i - 1, ArrowLeft: i - 1, Home: 0, End: buttons.length - 1 }[e.key];
      if (next == null) return;
      e.preventDefault();
      const target = buttons[Math.max(0, Math.min(buttons.length - 1, next))];
      buttons[i].tabIndex = -1;
      target.tabIndex = 0;
      target.focus();
    }

    /** A twin button got keyboard focus: show that feature on the map. */
    #twinFocused(button) {
      if (!this.#map) return;
      const id = button?.dataset.id ?? null;
      this.#twinFocus = id;
      const feature = this.#map.focusFeature(id ?? undefined);
      if (!feature) {
        this.#showTooltip(null);
        return;
      }
      // Bring it into view, then point the tooltip at it.
      const anchor = this.#map.anchor(id);
      let p = anchor ? this.#map.project(anchor.lon, anchor.lat) : null;
      if (anchor && (!p || p.x < 40 || p.y < 40 || p.x > this.clientWidth - 40 || p.y > this.clientHeight - 40)) {
        this.#map.view = { lon: anchor.lon, lat: anchor.lat };
        p = this.#map.project(anchor.lon, anchor.lat);
      }
      if (p) this.#pointer = { x: p.x, y: p.y, type: "keyboard" };
      this.#showTooltip(feature);
    }

    #openAbout() {
      if (!this.#map) return;
      this.#ui.aboutContent.replaceChildren(...buildAbout(this.#t, this.#map.sources()));
      this.#ui.about.hidden = false;
      this.#ui.aboutClose.focus();
    }

    #closeAbout() {
      this.#ui.about.hidden = true;
      this.#ui.aboutButton.focus();
    }

    /** Saves the current view as a PNG at 2×, with title, legend and attribution. */
    async download() {
      if (!this.#map) return;
      const t = this.#t;
      const dark = this.#isDark();
      const blob = await exportPng(this.#map, { width: this.clientWidth, height: this.clientHeight, scale: 2, t, legend: this.#map.legend(), dark });
      const a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = "bridge-map.png";
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
      return blob;
    }

    /** Applies the URL hash (permalink maps only). */
    #readHash() {
      if (!this.#map || !this.hasAttribute("permalink")) return;
      const state = parseHash(location.hash);
      this.#applyingHash = true;
      try {
        // No `lang` in the hash means the page's own language (Back to an
        // entry from before a language switch must switch back).
        const lang = state.lang ?? this.#defaultLang;
        if (lang && lang !== this.getAttribute("lang")) this.setAttribute("lang", lang);
        if (state.layers) this.#map.layers = state.layers;
        const step = state.step ?? null;
        if (step !== this.step) {
          if (step == null) this.removeAttribute("step"); else this.setAttribute("step", String(step));
        }
        if (state.view) this.#map.view = state.view;
        if ((state.sel ?? null) !== (this.#map.selected?.id ?? null)) this.#map.select(state.sel ?? undefined);
      } catch (err) {
        console.error(`bridge-map: ignoring a bad permalink: ${err.message}`);
      } finally {
        this.#applyingHash = false;
      }
      this.#refreshPanels();
    }

    /** Writes the state into the hash: a history entry for discrete changes
     *  (so Back undoes them), a replaced entry for panning and zooming. */
    #writeHash(push) {
      if (!this.#map || !this.hasAttribute("permalink") || this.#applyingHash || !this.#hashApplied) return;
      const write = () => {
        const hash = formatHash({
          view: this.#map.view, layers: this.#map.layers,
          lang: langOf(this.getAttribute("lang")) === this.#defaultLang ? null : langOf(this.getAttribute("lang")),
          sel: this.#map.selected?.id ?? null, step: this.step,
        }, location.hash);
        if (hash === location.hash.replace(/^#/, "")) return;
        const url = `${location.pathname}${location.search}#${hash}`;
        if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
      };
      clearTimeout(this.#hashTimer);
      if (push) write(); else this.#hashTimer = setTimeout(write, 400);
    }

    /** Applies the `data` property, else the `data` attribute's URL, else
     *  the overlay shipped with the map. */
    async #loadData() {
      const box = this.#ui.dataError;
      box.hidden = true;
      let data = this.#pendingData ?? null;
      try {
        const url = this.getAttribute("data") || dataUrl;
        if (data == null && url) {
          try {
            data = await fetchOnce(url, "text");
          } catch (err) {
            throw new Error(`could not download the overlay data from ${url} (${err.message})`);
          }
        }
        if (typeof data === "string") {
          try {
            data = JSON.parse(data);
          } catch (err) {
            throw new Error(`invalid overlay data: not JSON (${err.message})`);
          }
        }
        if (!this.#map) return;
        this.#map.setData(data);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        console.error(`bridge-map: ${message}`);
        box.replaceChildren(...buildError(this.#t.dataError, this.#t.errorDetails, message));
        box.hidden = false;
        this.dispatchEvent(new CustomEvent("dataerror", { detail: { message } }));
      }
      this.#refreshPanels();
    }

    #onMapEvent(type, detail) {
      switch (type) {
        case "ready":
          this.#ui.status.hidden = true;
          this.#frameDrawn = true;
          if (this.#setupDone) this.#resolveReady();
          break;
        case "viewchange":
          this.dispatchEvent(new CustomEvent("viewchange", { detail }));
          this.#writeHash(false);
          break;
        case "hover":
          this.#showTooltip(detail);
          break;
        case "hint":
          this.#showHint(detail);
          break;
        case "select":
          if (this.#pointer.type === "touch") {
            this.#showTooltip(detail);
            clearTimeout(this.#tipTimer);
            this.#tipTimer = setTimeout(() => this.#showTooltip(null), 2500);
          }
          this.#showInfo(detail && detail.kind !== "country" ? detail.id : null);
          this.#announce(detail ? this.#t.announceSelect(detail.name, this.#t.kinds[detail.kind] ?? detail.kind) : this.#t.announceClear);
          this.#syncTwin();
          this.#writeHash(true);
          this.dispatchEvent(new CustomEvent("select", { detail }));
          break;
      }
    }

    /** Names the tooltip's feature again, in the language now set. */
    #refreshTooltip() {
      const f = this.#tip;
      if (!f || !this.#map) return;
      const fresh = f.kind === "country"
        ? this.#map.pick(this.#pointer.x, this.#pointer.y, "country")
        : this.#map.features(f.kind).find((x) => x.id === f.id);
      this.#showTooltip(fresh?.id === f.id ? fresh : null);
    }

    #showTooltip(feature) {
      const tip = this.#ui.tooltip;
      this.#tip = feature ?? null;
      if (!feature) {
        tip.hidden = true;
        this.#ui.canvas.removeAttribute("aria-describedby");
        return;
      }
      const t = this.#t;
      const d = feature.kind === "country" ? null : this.#map?.details(feature.id);
      let kind = t.kinds[feature.kind] ?? feature.kind;
      let sub = null;
      if (d?.kind === "corridor") sub = `${d.modes.map((m) => t.modes[m] ?? m).join(", ")} · ${t.status[d.status] ?? d.status}`;
      if (d?.kind === "node") kind = t.nodeTypes[d.nodeType] ?? kind;
      if (d?.kind === "event") {
        kind = t.eventTypes[d.eventType] ?? kind;
        sub = formatDate(d.date, d.dateEnd, langOf(this.getAttribute("lang")));
      }
      // replaceChildren would turn a null into the text "null": pass only nodes.
      tip.replaceChildren(...[h("span", "kind", kind), h("strong", null, feature.name), sub ? h("span", "sub", sub) : null].filter(Boolean));
      tip.hidden = false;
      this.#ui.canvas.setAttribute("aria-describedby", "tooltip");
      this.#placeTooltip();
    }

    #placeTooltip() {
      const tip = this.#ui.tooltip;
      if (tip.hidden) return;
      const { x, y } = this.#pointer;
      const w = tip.offsetWidth, hgt = tip.offsetHeight;
      // Keep the tooltip inside the map, flipping to the other side of the pointer.
      const left = x + 14 + w > this.clientWidth ? x - 14 - w : x + 14;
      const top = y + 16 + hgt > this.clientHeight ? y - 12 - hgt : y + 16;
      tip.style.transform = `translate(${Math.max(2, left)}px, ${Math.max(2, top)}px)`;
    }

    #showInfo(id) {
      this.#infoId = id;
      const d = id && this.#map ? this.#map.details(id) : null;
      if (!d) {
        const wasOpen = !this.#ui.info.hidden;
        this.#ui.info.hidden = true;
        // Back to the twin button that opened the panel (keyboard users).
        if (wasOpen && this.#returnFocus?.isConnected) this.#returnFocus.focus();
        this.#returnFocus = null;
        return;
      }
      this.#ui.infoContent.replaceChildren(...buildInfo(d, this.#t, langOf(this.getAttribute("lang"))));
      this.#ui.info.hidden = false;
      // Opened from the keyboard: take focus into the panel.
      if (this.#returnFocus) this.#ui.infoClose.focus();
    }

    /** Keeps the twin's pressed state in step with the selection. */
    #syncTwin() {
      const sel = this.#map?.selected?.id ?? null;
      for (const b of this.#ui.twin.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.id === sel));
    }

    #refreshPanels() {
      if (!this.#map) return;
      const t = this.#t;
      this.#ui.layersBody.replaceChildren(...buildLayers(t, this.#map.layers, this.#map.legend(), (key, on) => {
        const next = new Set(this.#map.layers);
        if (on) next.add(key); else next.delete(key);
        this.#map.layers = [...next];
        this.#writeHash(true);
        this.dispatchEvent(new CustomEvent("layerschange", { detail: [...next] }));
      }));
      if (!this.#ui.layers.dataset.init) {
        // Open on wide maps; a phone-sized map starts with it folded.
        this.#ui.layers.open = this.clientWidth > 620;
        this.#ui.layers.dataset.init = "1";
      }
      this.#showInfo(this.#infoId);
      this.#renderTour();
      const keep = this.#ui.twin.contains(this.shadowRoot.activeElement);
      this.#ui.twin.replaceChildren(...buildTwin(this.#map.features(), t, langOf(this.getAttribute("lang")), this.#map.selected?.id ?? null, this.#twinFocus));
      if (keep) this.#ui.twin.querySelector('button[tabindex="0"]')?.focus();
    }

    #renderTour() {
      const steps = this.#map ? this.#map.tour() : [];
      const index = this.#map?.step;
      // Read focus before anything is hidden or rebuilt: keyboard users stay
      // where they were, on the same tour button, or on Next when the tour
      // was just started from its (about to be hidden) button.
      const focused = this.shadowRoot.activeElement;
      const kept = focused && this.#ui.tour.contains(focused) ? focused.className : focused === this.#ui.tourStart ? "next" : null;
      this.#ui.tourStart.hidden = steps.length === 0 || index != null || this.getAttribute("interactive") === "false";
      if (index == null || !steps[index]) {
        this.#ui.tour.hidden = true;
        return;
      }
      const t = this.#t;
      this.#ui.tour.replaceChildren(...buildTour(steps[index], index, steps.length, t, (i) => { this.step = i + 1; }, () => { this.step = null; }));
      if (this.#ui.tour.hidden) this.#ui.layers.open = false; // the tour sets the layers itself
      this.#ui.tour.hidden = false;
      if (kept) {
        const again = this.#ui.tour.querySelector(`button.${kept}`);
        const target = again && !again.disabled ? again : this.#ui.tour.querySelector("button:not(:disabled)");
        target?.focus();
      }
      // On a narrow map the text scrolls: keyboard users must be able to
      // reach it to scroll it.
      const text = this.#ui.tour.querySelector(".tour-text");
      if (text && text.scrollHeight > text.clientHeight) {
        text.tabIndex = 0;
        text.setAttribute("role", "group");
        text.setAttribute("aria-labelledby", "tour-title");
      }
    }

    #goStep(step) {
      if (!this.#map) return;
      const steps = this.#map.tour();
      const index = Number.isInteger(step) && step >= 1 && step <= steps.length ? step - 1 : null;
      const before = this.#map.step;
      this.#map.setStep(index);
      this.#refreshPanels();
      if (before !== this.#map.step) {
        const detail = index == null ? null : { step: index + 1, id: steps[index].id };
        if (index != null) this.#announce(this.#t.announceStep(index + 1, steps.length, steps[index].title));
        this.#writeHash(true);
        this.dispatchEvent(new CustomEvent("tourstep", { detail }));
      }
    }

    #applyText() {
      const t = this.#t;
      this.#ui.canvas.setAttribute("aria-label", t.label);
      this.#ui.status.textContent = t.loading;
      this.#ui.attribution.textContent = t.attribution;
      this.#ui.layersSummary.textContent = t.showLegend;
      this.#ui.infoClose.textContent = "×";
      this.#ui.infoClose.setAttribute("aria-label", t.panel.close);
      this.#ui.tourStart.textContent = t.tour.start;
      if (this.getAttribute("aria-label") === TEXT.en.region || this.getAttribute("aria-label") === TEXT.kk.region || this.getAttribute("aria-label") === TEXT.ru.region) {
        this.setAttribute("aria-label", t.region);
      }
      this.#ui.aboutClose.textContent = "×";
      this.#ui.aboutClose.setAttribute("aria-label", t.panel.close);
      for (const [b, label] of [[this.#ui.download, t.download], [this.#ui.aboutButton, t.about]]) {
        b.setAttribute("aria-label", label);
        b.title = label;
      }
      const [zin, zout, reset] = this.#ui.controls.querySelectorAll("button");
      for (const [b, label] of [[zin, t.zoomIn], [zout, t.zoomOut], [reset, t.reset]]) {
        b.setAttribute("aria-label", label);
        b.title = label;
      }
    }

    #fail(err) {
      if (this.#failed) return;
      this.#failed = true;
      const message = err instanceof Error ? err.message : String(err);
      console.error(`bridge-map: ${message}`);
      const box = this.#ui.error;
      box.replaceChildren(...buildError(this.#t.error, this.#t.errorDetails, message));
      box.hidden = false;
      for (const part of ["canvas", "particles", "twin", "about", "hint", "status", "tooltip", "layers", "info", "tour", "tourStart", "controls"]) this.#ui[part].hidden = true;
      this.setAttribute("data-state", "error");
      try { this.#map?.free(); } catch { /* the instance may be poisoned after a panic */ }
      this.#map = null;
      this.#rejectReady(new Error(message));
      this.dispatchEvent(new CustomEvent("error", { detail: { message } }));
    }

    project(lon, lat) {
      return this.#map ? this.#map.project(Number(lon), Number(lat)) : null;
    }

    unproject(x, y) {
      return this.#map ? this.#map.unproject(Number(x), Number(y)) : null;
    }

    pick(x, y, kind) {
      return this.#map ? this.#map.pick(Number(x), Number(y), kind ?? undefined) : null;
    }

    /** Overlay features, all or of one kind, names in the current language. */
    features(kind) {
      return this.#map ? this.#map.features(kind ?? undefined) : [];
    }

    get view() {
      return this.#map ? this.#map.view : this.#pendingView;
    }

    set view(v) {
      if (this.#map) this.#map.view = v;
      else this.#pendingView = { ...(this.#pendingView || {}), ...v };
    }

    get layers() {
      return this.#map ? this.#map.layers : (this.getAttribute("layers") || "trade,energy,diplomacy,plans").split(",");
    }

    set layers(v) {
      if (!this.#map) {
        this.setAttribute("layers", Array.isArray(v) ? v.join(",") : String(v));
        return;
      }
      this.#map.layers = v;
      this.#refreshPanels();
      this.#writeHash(true);
    }

    get data() {
      return this.#pendingData ?? null;
    }

    /** Overlay data (object or JSON text); null goes back to the `data`
     *  attribute or the shipped data. */
    set data(v) {
      this.#pendingData = v ?? undefined;
      if (this.#map) this.#loadData();
    }

    /** The tour step, 1-based, or null when the tour is not running. */
    get step() {
      const s = this.#map?.step;
      return s == null ? null : s + 1;
    }

    set step(v) {
      // attributeChangedCallback does the work, so the attribute and the
      // property always agree.
      if (v == null) this.removeAttribute("step");
      else this.setAttribute("step", String(v));
    }

    /** The selected feature, or null. */
    get selected() {
      return this.#map ? this.#map.selected : null;
    }

    /** Selects a feature by id (null clears); fires "select". */
    select(id) {
      return this.#map ? this.#map.select(id ?? undefined) : null;
    }

    /** Frame counters, for tests and performance checks. */
    get stats() {
      return this.#map ? this.#map.stats() : null;
    }
  }

  async function loadGeometry(url) {
    if (url instanceof Uint8Array) return url;
    try {
      return await fetchOnce(url, "bytes");
    } catch (err) {
      throw new Error(err.status
        ? `Could not download the map geometry from ${url} (HTTP ${err.status}).`
        : `Could not download the map geometry from ${url}: ${err.message}`);
    }
  }

  customElements.define(tagName, BridgeMapElement);
  return BridgeMapElement;
}
