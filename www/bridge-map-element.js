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
//                            data (URL of overlay JSON), layers ("trade,energy"), step (1-based)

import { TEXT, langOf } from "./bridge-map-i18n.js";
import { h, buildLayers, buildInfo, buildTour } from "./bridge-map-panels.js";

const STYLE = `
:host { display: block; position: relative; overflow: hidden; min-height: 240px;
  background: #cfe3ee; color: #1d2a33; contain: layout paint; container-type: inline-size;
  font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; font-size: 14px; }
:host([hidden]) { display: none; }
canvas { position: absolute; inset: 0; display: block; width: 100%; height: 100%;
  touch-action: none; cursor: grab; outline: none; }
canvas:active { cursor: grabbing; }
canvas.particles { pointer-events: none; z-index: 1; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px #1f6f9a; }
[hidden] { display: none !important; }
.tooltip { position: absolute; left: 0; top: 0; z-index: 5; pointer-events: none;
  max-width: 260px; padding: 5px 9px; border-radius: 4px; background: rgba(24, 34, 44, 0.94);
  color: #fff; font-size: 13px; line-height: 1.35; box-shadow: 0 2px 8px rgba(0,0,0,.25); }
.tooltip .kind { display: block; font-size: 11px; opacity: .85; }
.tooltip .sub { display: block; font-size: 12px; opacity: .9; }
.card { position: absolute; z-index: 3; background: rgba(255,255,255,.97); border-radius: 6px;
  box-shadow: 0 2px 10px rgba(0,0,0,.18); }
.card h2 { margin: 0 0 6px; font-size: 16px; line-height: 1.25; }
.card h3 { margin: 12px 0 4px; font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #44505a; }
button { font: inherit; }
.card button { border: 1px solid #9fb3c0; border-radius: 4px; background: #fff; color: #1d2a33;
  padding: 4px 10px; cursor: pointer; }
.card button:hover { background: #eef4f8; }
.card button:disabled { opacity: .45; cursor: default; }
button:focus-visible, summary:focus-visible, a:focus-visible, input:focus-visible {
  outline: 3px solid #1f6f9a; outline-offset: 1px; }
.layers { left: 12px; top: var(--bridge-map-inset-top, 12px); width: 250px;
  max-height: calc(100% - var(--bridge-map-inset-top, 12px) - 70px); overflow: auto; }
.layers summary { padding: 8px 12px; font-weight: 600; cursor: pointer; }
.layers .body { padding: 0 12px 10px; }
.layers h2 { font-size: 13px; margin: 8px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: #44505a; }
.layer-list, .legend { list-style: none; margin: 0; padding: 0; }
.layer-list li { margin: 2px 0; }
.legend li { display: flex; align-items: center; gap: 6px; font-size: 12px; line-height: 1.3; margin: 3px 0; }
.legend svg { flex: none; }
.info { right: 12px; top: 12px; width: 360px; max-width: calc(100% - 24px);
  max-height: calc(100% - 176px); overflow: auto; padding: 12px 14px; }
.info .close { position: absolute; top: 8px; right: 8px; }
.info-kind { margin: 0 0 2px; font-size: 12px; color: #44505a; }
.info .summary { margin: 6px 0; line-height: 1.45; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 2px 10px; margin: 6px 0; }
.facts dt { color: #44505a; }
.facts dd { margin: 0; }
.note { font-size: 12px; color: #5b3c00; margin: 4px 0; }
.figures { border-collapse: collapse; width: 100%; font-size: 13px; }
.figures th { text-align: left; font-weight: 600; padding: 3px 8px 3px 0; vertical-align: top; width: 40%; }
.figures td { padding: 3px 0; vertical-align: top; }
.fig-year { color: #44505a; }
.fig-sources a { font-size: 11px; }
.sources { margin: 0; padding-left: 20px; font-size: 12px; line-height: 1.4; }
a { color: #14507a; }
.tour { left: 12px; bottom: 12px; width: 440px; max-width: calc(100% - 80px); padding: 12px 14px; }
.tour-count { margin: 0 0 2px; font-size: 12px; color: #44505a; }
.tour-text { margin: 4px 0 10px; line-height: 1.45; }
.tour-buttons { display: flex; gap: 6px; }
.tour-buttons .end { margin-left: auto; }
.tour-start { position: absolute; left: 12px; bottom: 12px; z-index: 3; padding: 8px 14px;
  border: 0; border-radius: 20px; background: #1f6f9a; color: #fff; font-weight: 600; cursor: pointer;
  box-shadow: 0 2px 8px rgba(0,0,0,.2); }
.tour-start:hover { background: #185a7e; }
.controls { position: absolute; right: 12px; bottom: 36px; z-index: 2; display: flex;
  flex-direction: column; gap: 2px; }
.controls button { width: 34px; height: 34px; border: 1px solid #9fb3c0; border-radius: 4px;
  background: #fff; color: #1d2a33; font: 600 18px/1 system-ui, sans-serif; cursor: pointer; padding: 0; }
.controls button:hover { background: #eef4f8; }
.attribution { position: absolute; right: 0; bottom: 0; z-index: 2; padding: 2px 6px;
  background: rgba(255,255,255,.85); font-size: 11px; color: #3b4a55; }
.status { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: #3b4a55; font-size: 14px; }
.error { position: absolute; inset: 0; z-index: 6; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 8px; padding: 24px; text-align: center;
  background: #f6f2e9; color: #7a1f1a; font-size: 15px; }
.error strong { font-size: 17px; }
.error code, .data-error code { color: #3b4a55; font-size: 13px; white-space: pre-wrap; }
.data-error { position: absolute; left: 50%; top: 12px; transform: translateX(-50%); z-index: 4;
  max-width: min(560px, calc(100% - 24px)); padding: 10px 14px; border-radius: 6px;
  background: #fff4f2; color: #7a1f1a; border: 1px solid #e0a49c; font-size: 13px; }
@container (max-width: 620px) {
  .layers { width: auto; right: 12px; }
  .info { left: 8px; right: 8px; width: auto; top: auto; bottom: 8px; max-height: 55%; }
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
 * @param {() => object[]} [config.legend]  the renderer's legend strokes
 * @param {string} [config.tagName]
 */
export function defineBridgeMap({ init, createMap, geometryUrl, dataUrl = null, legend = () => [], tagName = "bridge-map" }) {
  if (customElements.get(tagName)) return customElements.get(tagName);

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);

  class BridgeMapElement extends HTMLElement {
    static observedAttributes = ["lang", "geometry", "data", "layers", "step"];

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
    #ui;
    #abort = null;
    #infoId = null;

    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = `
        <canvas part="canvas" tabindex="0" role="application" aria-roledescription="map"></canvas>
        <canvas class="particles" part="particles" aria-hidden="true"></canvas>
        <div class="status" part="status" aria-live="polite"></div>
        <div class="tooltip" part="tooltip" role="tooltip" id="tooltip" hidden></div>
        <details class="card layers" part="layers"><summary></summary><div class="body"></div></details>
        <section class="card info" part="info" role="dialog" aria-labelledby="info-title" hidden>
          <button type="button" class="close"></button><div class="content"></div>
        </section>
        <section class="card tour" part="tour" role="region" aria-labelledby="tour-title" aria-live="polite" hidden></section>
        <button type="button" class="tour-start" part="tour-start" hidden></button>
        <div class="controls" part="controls">
          <button type="button" data-key="+">+</button>
          <button type="button" data-key="-">−</button>
          <button type="button" data-key="0">⌂</button>
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
        dataError: q(".data-error"), error: q(".error"),
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
      const c = this.#ui.canvas;
      const track = (e) => {
        this.#pointer = { x: e.offsetX, y: e.offsetY, type: e.pointerType };
        this.#placeTooltip();
      };
      c.addEventListener("pointermove", track, { signal, passive: true });
      c.addEventListener("pointerdown", track, { signal, passive: true });
      this.#ui.controls.addEventListener("click", (e) => {
        const key = e.target.closest("button")?.dataset.key;
        if (key && this.#map) this.#map.press(key);
      }, { signal });
      this.#ui.infoClose.addEventListener("click", () => this.select(null), { signal });
      this.#ui.tourStart.addEventListener("click", () => { this.step = 1; }, { signal });
      this.addEventListener("keydown", (e) => {
        if (e.key === "Escape" && !this.#ui.info.hidden) {
          e.preventDefault();
          this.select(null);
        }
      }, { signal });
      window.addEventListener("bridge-map-panic", (e) => this.#fail(new Error(String(e.detail))), { signal });
      const motion = matchMedia("(prefers-reduced-motion: reduce)");
      motion.addEventListener("change", () => this.#map?.setMotion(!motion.matches), { signal });
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
      this.#abort?.abort();
      this.#abort = null;
      clearTimeout(this.#tipTimer);
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
      } else if (name === "geometry" && this.isConnected) {
        this.disconnectedCallback();
        this.connectedCallback();
      } else if (name === "data" && this.#map) {
        this.#loadData();
      } else if (name === "layers" && this.#map && value != null) {
        this.layers = value;
      } else if (name === "step" && this.#map) {
        this.#goStep(value == null || value === "" ? null : Number(value));
      }
    }

    async #mount(motion) {
      const generation = ++this.#generation;
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
        this.#map.setMotion(!motion.matches);
        if (this.#pendingView) {
          this.#map.view = this.#pendingView;
          this.#pendingView = null;
        }
        await this.#loadData();
        if (generation !== this.#generation || !this.#map) return;
        if (this.hasAttribute("layers")) this.layers = this.getAttribute("layers");
        if (this.hasAttribute("step")) this.#goStep(Number(this.getAttribute("step")));
        this.#refreshPanels();
      } catch (err) {
        if (generation === this.#generation) this.#fail(err);
      }
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
          let response;
          try {
            response = await fetch(url);
          } catch (err) {
            throw new Error(`could not download the overlay data from ${url}: ${err.message}`);
          }
          if (!response.ok) throw new Error(`could not download the overlay data from ${url} (HTTP ${response.status})`);
          data = await response.text();
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
        box.replaceChildren(h("strong", null, this.#t.dataError), h("br"), h("code", null, message));
        box.hidden = false;
        this.dispatchEvent(new CustomEvent("dataerror", { detail: { message } }));
      }
      this.#refreshPanels();
    }

    #onMapEvent(type, detail) {
      switch (type) {
        case "ready":
          this.#ui.status.hidden = true;
          this.#resolveReady();
          break;
        case "viewchange":
          this.dispatchEvent(new CustomEvent("viewchange", { detail }));
          break;
        case "hover":
          this.#showTooltip(detail);
          break;
        case "select":
          if (this.#pointer.type === "touch") {
            this.#showTooltip(detail);
            clearTimeout(this.#tipTimer);
            this.#tipTimer = setTimeout(() => this.#showTooltip(null), 2500);
          }
          this.#showInfo(detail && detail.kind !== "country" ? detail.id : null);
          this.dispatchEvent(new CustomEvent("select", { detail }));
          break;
      }
    }

    #showTooltip(feature) {
      const tip = this.#ui.tooltip;
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
        sub = d.dateEnd ? `${d.date} – ${d.dateEnd}` : d.date;
      }
      tip.replaceChildren(h("span", "kind", kind), h("strong", null, feature.name), sub ? h("span", "sub", sub) : null);
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
        this.#ui.info.hidden = true;
        return;
      }
      this.#ui.infoContent.replaceChildren(...buildInfo(d, this.#t, langOf(this.getAttribute("lang"))));
      this.#ui.info.hidden = false;
    }

    #refreshPanels() {
      if (!this.#map) return;
      const t = this.#t;
      this.#ui.layersBody.replaceChildren(...buildLayers(t, this.#map.layers, legend(), (key, on) => {
        const next = new Set(this.#map.layers);
        if (on) next.add(key); else next.delete(key);
        this.#map.layers = [...next];
        this.dispatchEvent(new CustomEvent("layerschange", { detail: [...next] }));
      }));
      if (!this.#ui.layers.dataset.init) {
        // Open on wide maps; a phone-sized map starts with it folded.
        this.#ui.layers.open = this.clientWidth > 620;
        this.#ui.layers.dataset.init = "1";
      }
      this.#showInfo(this.#infoId);
      this.#renderTour();
    }

    #renderTour() {
      const steps = this.#map ? this.#map.tour() : [];
      const index = this.#map?.step;
      this.#ui.tourStart.hidden = steps.length === 0 || index != null;
      if (index == null || !steps[index]) {
        this.#ui.tour.hidden = true;
        return;
      }
      const t = this.#t;
      // Rebuilding removes the focused button: remember which one it was so
      // a keyboard user can keep pressing Enter on Next.
      const focused = this.shadowRoot.activeElement;
      const kept = focused && this.#ui.tour.contains(focused) ? focused.className : null;
      this.#ui.tour.replaceChildren(...buildTour(steps[index], index, steps.length, t, (i) => { this.step = i + 1; }, () => { this.step = null; }));
      if (kept) {
        const again = this.#ui.tour.querySelector(`button.${kept}`);
        const target = again && !again.disabled ? again : this.#ui.tour.querySelector("button:not(:disabled)");
        target?.focus();
      }
      if (this.#ui.tour.hidden) this.#ui.layers.open = false; // the tour sets the layers itself
      this.#ui.tour.hidden = false;
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
      box.replaceChildren(h("strong", null, this.#t.error), h("code", null, message));
      box.hidden = false;
      for (const part of ["canvas", "particles", "status", "tooltip", "layers", "info", "tour", "tourStart", "controls"]) this.#ui[part].hidden = true;
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
    let response;
    try {
      response = await fetch(url);
    } catch (err) {
      throw new Error(`Could not download the map geometry from ${url}: ${err.message}`);
    }
    if (!response.ok) {
      throw new Error(`Could not download the map geometry from ${url} (HTTP ${response.status}).`);
    }
    return new Uint8Array(await response.arrayBuffer());
  }

  customElements.define(tagName, BridgeMapElement);
  return BridgeMapElement;
}
