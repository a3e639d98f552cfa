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
//   el.pick(x, y, kind?)     {kind, id, name} or null
//   el.view                  {lon, lat, zoom}, read and write
//   events                   "viewchange" (detail = view), "select" (detail = feature or null)
//   attributes               lang (en | kk | ru), geometry (URL of the .bmap file)

const STYLE = `
:host { display: block; position: relative; overflow: hidden; min-height: 240px;
  background: #cfe3ee; color: #1d2a33; contain: layout paint;
  font-family: "Noto Sans", "DejaVu Sans", system-ui, sans-serif; }
:host([hidden]) { display: none; }
canvas { position: absolute; inset: 0; display: block; width: 100%; height: 100%;
  touch-action: none; cursor: grab; outline: none; }
canvas:active { cursor: grabbing; }
canvas:focus-visible { box-shadow: inset 0 0 0 3px #1f6f9a; }
.tooltip { position: absolute; left: 0; top: 0; z-index: 3; pointer-events: none;
  max-width: 240px; padding: 5px 9px; border-radius: 4px; background: rgba(24, 34, 44, 0.94);
  color: #fff; font-size: 13px; line-height: 1.35; box-shadow: 0 2px 8px rgba(0,0,0,.25);
  white-space: nowrap; }
.tooltip[hidden], .error[hidden], .status[hidden], canvas[hidden] { display: none; }
.tooltip .kind { display: block; font-size: 11px; opacity: .8; }
.controls { position: absolute; right: 12px; bottom: 36px; z-index: 2; display: flex;
  flex-direction: column; gap: 2px; }
.controls button { width: 34px; height: 34px; border: 1px solid #9fb3c0; border-radius: 4px;
  background: #fff; color: #1d2a33; font: 600 18px/1 system-ui, sans-serif; cursor: pointer; }
.controls button:hover { background: #eef4f8; }
.controls button:focus-visible { outline: 3px solid #1f6f9a; outline-offset: 1px; }
.attribution { position: absolute; right: 0; bottom: 0; z-index: 2; padding: 2px 6px;
  background: rgba(255,255,255,.8); font-size: 11px; color: #3b4a55; }
.status { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: #3b4a55; font-size: 14px; }
.error { position: absolute; inset: 0; z-index: 4; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 8px; padding: 24px; text-align: center;
  background: #f6f2e9; color: #7a1f1a; font-size: 15px; }
.error strong { font-size: 17px; }
.error code { color: #3b4a55; font-size: 13px; white-space: pre-wrap; }
`;

const TEXT = {
  en: {
    label: "Interactive map of Eurasia centred on Kazakhstan. Drag or use the arrow keys to pan, plus and minus to zoom, 0 to reset.",
    zoomIn: "Zoom in", zoomOut: "Zoom out", reset: "Reset view", loading: "Loading map…",
    error: "The map could not be displayed.", country: "Country",
    attribution: "Boundaries: Natural Earth · Names: Unicode CLDR",
  },
  kk: {
    label: "Қазақстан ортасында орналасқан Еуразияның интерактивті картасы. Жылжыту үшін сүйреңіз не бағыт пернелерін басыңыз, масштаб үшін плюс пен минус, бастапқы көрініс үшін 0.",
    zoomIn: "Үлкейту", zoomOut: "Кішірейту", reset: "Бастапқы көрініс", loading: "Карта жүктелуде…",
    error: "Картаны көрсету мүмкін болмады.", country: "Ел",
    attribution: "Шекаралар: Natural Earth · Атаулар: Unicode CLDR",
  },
  ru: {
    label: "Интерактивная карта Евразии с Казахстаном в центре. Перетаскивайте или используйте стрелки для сдвига, плюс и минус для масштаба, 0 для сброса.",
    zoomIn: "Приблизить", zoomOut: "Отдалить", reset: "Исходный вид", loading: "Загрузка карты…",
    error: "Не удалось показать карту.", country: "Страна",
    attribution: "Границы: Natural Earth · Названия: Unicode CLDR",
  },
};

function langOf(tag) {
  const primary = String(tag || "en").toLowerCase().split(/[-_]/)[0];
  return primary in TEXT ? primary : "en";
}

/**
 * Defines <bridge-map>.
 * @param {object} config
 * @param {() => Promise<unknown>} config.init  initialises the wasm module (idempotent)
 * @param {(canvas: HTMLCanvasElement, bytes: Uint8Array, onEvent: Function) => object} config.createMap
 * @param {string} config.geometryUrl  default URL of the geometry file
 * @param {string} [config.tagName]
 */
export function defineBridgeMap({ init, createMap, geometryUrl, tagName = "bridge-map" }) {
  if (customElements.get(tagName)) return customElements.get(tagName);

  const sheet = new CSSStyleSheet();
  sheet.replaceSync(STYLE);

  class BridgeMapElement extends HTMLElement {
    static observedAttributes = ["lang", "geometry"];

    #map = null;
    #generation = 0;
    #ready;
    #resolveReady;
    #rejectReady;
    #pendingView = null;
    #failed = false;
    #pointer = { x: 0, y: 0, type: "mouse" };
    #tipTimer = 0;
    #ui;
    #abort = null;

    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      root.adoptedStyleSheets = [sheet];
      root.innerHTML = `
        <canvas part="canvas" tabindex="0" role="application" aria-roledescription="map"></canvas>
        <div class="status" part="status" aria-live="polite"></div>
        <div class="tooltip" part="tooltip" role="tooltip" id="tooltip" hidden></div>
        <div class="controls" part="controls">
          <button type="button" data-key="+">+</button>
          <button type="button" data-key="-">−</button>
          <button type="button" data-key="0">⌂</button>
        </div>
        <div class="attribution" part="attribution"></div>
        <div class="error" part="error" role="alert" hidden></div>`;
      this.#ui = {
        canvas: root.querySelector("canvas"),
        status: root.querySelector(".status"),
        tooltip: root.querySelector(".tooltip"),
        controls: root.querySelector(".controls"),
        attribution: root.querySelector(".attribution"),
        error: root.querySelector(".error"),
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

    /** Resolves once the first frame is drawn; rejects if the map fails. */
    get ready() {
      return this.#ready;
    }

    connectedCallback() {
      if (this.#map || this.#abort) return;
      this.#abort = new AbortController();
      const signal = this.#abort.signal;
      const c = this.#ui.canvas;
      c.addEventListener("pointermove", (e) => {
        this.#pointer = { x: e.offsetX, y: e.offsetY, type: e.pointerType };
        this.#placeTooltip();
      }, { signal, passive: true });
      c.addEventListener("pointerdown", (e) => {
        this.#pointer = { x: e.offsetX, y: e.offsetY, type: e.pointerType };
      }, { signal, passive: true });
      this.#ui.controls.addEventListener("click", (e) => {
        const key = e.target.closest("button")?.dataset.key;
        if (key && this.#map) this.#map.press(key);
      }, { signal });
      window.addEventListener("bridge-map-panic", (e) => this.#fail(new Error(String(e.detail))), { signal });
      this.#mount();
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
      } else if (name === "geometry" && this.isConnected) {
        this.disconnectedCallback();
        this.connectedCallback();
      }
    }

    async #mount() {
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
        this.#map = createMap(this.#ui.canvas, bytes, (type, detail) => this.#onMapEvent(type, detail));
        this.#map.setLang(langOf(this.getAttribute("lang")));
        if (this.#pendingView) {
          this.#map.view = this.#pendingView;
          this.#pendingView = null;
        }
      } catch (err) {
        if (generation === this.#generation) this.#fail(err);
      }
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
      const t = TEXT[langOf(this.getAttribute("lang"))];
      tip.replaceChildren();
      const kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = t.country;
      const name = document.createElement("strong");
      name.textContent = feature.name;
      tip.append(kind, name);
      tip.hidden = false;
      this.#ui.canvas.setAttribute("aria-describedby", "tooltip");
      this.#placeTooltip();
    }

    #placeTooltip() {
      const tip = this.#ui.tooltip;
      if (tip.hidden) return;
      const { x, y } = this.#pointer;
      const w = tip.offsetWidth, h = tip.offsetHeight;
      // Keep the tooltip inside the map, flipping to the other side of the pointer.
      const left = x + 14 + w > this.clientWidth ? x - 14 - w : x + 14;
      const top = y + 16 + h > this.clientHeight ? y - 12 - h : y + 16;
      tip.style.transform = `translate(${Math.max(2, left)}px, ${Math.max(2, top)}px)`;
    }

    #applyText() {
      const t = TEXT[langOf(this.getAttribute("lang"))];
      this.#ui.canvas.setAttribute("aria-label", t.label);
      this.#ui.status.textContent = t.loading;
      this.#ui.attribution.textContent = t.attribution;
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
      const t = TEXT[langOf(this.getAttribute("lang"))];
      const box = this.#ui.error;
      box.replaceChildren();
      const title = document.createElement("strong");
      title.textContent = t.error;
      const detail = document.createElement("code");
      detail.textContent = message;
      box.append(title, detail);
      box.hidden = false;
      this.#ui.canvas.hidden = true;
      this.#ui.status.hidden = true;
      this.#ui.tooltip.hidden = true;
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

    get view() {
      return this.#map ? this.#map.view : this.#pendingView;
    }

    set view(v) {
      if (this.#map) this.#map.view = v;
      else this.#pendingView = { ...(this.#pendingView || {}), ...v };
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
