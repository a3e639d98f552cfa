// <bridge-map>'s stylesheet: every rule of the element's shadow DOM, in one
// constructed CSSStyleSheet that each shadow root adopts
// (`adoptedStyleSheets`). A constructed sheet is not an inline style, so it
// works under a strict Content Security Policy (`style-src 'self'`), and one
// parsed sheet serves every map on the page. Themes (`theme`, dark mode),
// the embed mode, print and the layouts by the map's size are all here: the
// narrow one (a container query) and the compact one (`data-compact`, set
// by controllers/layout.js). Every panel keeps clear of the column of map
// controls at the right (--bm-clear), so no button is ever under a panel.
// The map's palette, its font stack and the narrow breakpoint come from the
// core's vocabulary, so the panels and the canvas can never disagree.

import { VOCABULARY } from "./bridge-map-vocabulary.js";

const L = VOCABULARY.palette.light;
const D = VOCABULARY.palette.dark;

/**
 * Gives one of our own host pages (index.html, embed.html) the map's palette
 * and font as CSS custom properties on its root element: --bm-light-water,
 * --bm-dark-water, … and --bm-font, so its stylesheet needs no copy. CSSOM
 * writes are allowed under the pages' strict CSP.
 */
export function setPageVocabulary(root = document.documentElement.style) {
  for (const [theme, colours] of Object.entries(VOCABULARY.palette)) {
    for (const [name, value] of Object.entries(colours)) root.setProperty(`--bm-${theme}-${name}`, value);
  }
  root.setProperty("--bm-font", VOCABULARY.fontFamilies);
}

export const STYLE = `
:host { display: block; position: relative; overflow: hidden; min-height: 240px;
  --panel: rgba(255,255,255,.97); --ink: ${L["node-stroke"]}; --muted: ${L.label}; --line: #8ea3b0;
  --btn: #fff; --btn-hover: #eef4f8; --accent: ${L["hover-outline"]}; --accent-ink: #fff; --link: #14507a;
  --note: #5b3c00; --water: ${L.water};
  --casing: ${L.casing}; --node-fill: ${L["node-fill"]}; --node-stroke: ${L["node-stroke"]};
  --node-kaz-fill: ${L["node-fill-in-kazakhstan"]}; --node-kaz-stroke: ${L["node-stroke-in-kazakhstan"]};
  --diplomacy: ${L.diplomacy}; --event-stroke: ${L["event-stroke"]};
  --place-fill: ${L.label}; --place-ring: ${L.halo};
  --bm-clear: 58px;
  background: var(--water); color: var(--ink); contain: layout paint; container-type: inline-size;
  font-family: ${VOCABULARY.fontFamilies}; font-size: 14px; }
:host(:state(dark)), :host([data-dark]) {
  --panel: rgba(22,30,38,.97); --ink: ${D["node-stroke"]}; --muted: #b9c6cf; --line: #5a6a76;
  --btn: #1f2a33; --btn-hover: #2b3a46; --accent: ${D["hover-outline"]}; --accent-ink: ${D.water}; --link: #9fd6ff;
  --note: #f5d08a; --water: ${D.water};
  --casing: ${D.casing}; --node-fill: ${D["node-fill"]}; --node-stroke: ${D["node-stroke"]};
  --node-kaz-fill: ${D["node-fill-in-kazakhstan"]}; --node-kaz-stroke: ${D["node-stroke-in-kazakhstan"]};
  --diplomacy: ${D.diplomacy}; --event-stroke: ${D["event-stroke"]};
  --place-fill: ${D.label}; --place-ring: ${D.halo}; }
:host(:state(pending)) * { visibility: hidden; }
/* An embedded map the host gives no height (the share dialog's element
   code has no style attribute, which a strict CSP would refuse) is 16:10 of
   its width, as the iframe page asks its host for (embed.css): the host's
   only in-flow content is this box, 16:10 of the width the host has. Not
   aspect-ratio on the host itself, which, given a height and no width,
   would make the width 1.6 times the height instead of the host's. */
:host([embed])::before { content: ""; display: block; aspect-ratio: 16 / 10; pointer-events: none; }
:host([embed]) canvas, :host([embed]) .stage { touch-action: pan-x pan-y; }
:host([interactive="false"]) canvas, :host([interactive="false"]) .stage { cursor: default; }
.sr-only { position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.twin { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.hint { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); z-index: 6;
  padding: 10px 16px; border-radius: 6px; background: rgba(16,24,31,.86); color: #fff; font-size: 15px;
  pointer-events: none; }
/* Centred in the room below a host's overlay (--bridge-map-inset-top), and
   above every other panel and button (.card.about: .card's own z-index,
   later in the sheet, must not win). */
.card.about { left: 50%; top: calc(50% + var(--bridge-map-inset-top, 0px) / 2); transform: translate(-50%, -50%); width: 520px;
  max-width: calc(100% - 2 * var(--bm-clear)); max-height: calc(100% - var(--bridge-map-inset-top, 0px) - 40px); overflow: auto;
  padding: 14px 16px; z-index: 7; }
.about .close { position: absolute; top: 8px; right: 8px; }
.about p { line-height: 1.45; }
.credits { margin: 0; padding-left: 18px; font-size: 13px; line-height: 1.5; }
@media print {
  .controls, .tour-start, .tooltip, .hint, .layers summary, .twin, .data-error { display: none !important; }
  .layers { box-shadow: none; }
  .attribution-button { display: none !important; }
  .attribution { position: absolute !important; right: 0 !important; bottom: 0 !important; padding: 2px 6px !important;
    background: var(--panel) !important; }
  .attribution-text { display: inline !important; position: static !important; padding: 0 !important; box-shadow: none !important; }
}
:host([hidden]) { display: none; }
.stage { position: absolute; inset: 0; overflow: hidden; touch-action: none; cursor: grab; }
.stage:active { cursor: grabbing; }
.picture { position: absolute; inset: 0; transform-origin: 0 0; will-change: transform; }
canvas { position: absolute; inset: 0; display: block; width: 100%; height: 100%;
  touch-action: none; cursor: grab; outline: none; }
canvas:active { cursor: grabbing; }
.particles { position: absolute; inset: 0; z-index: 1; overflow: hidden; pointer-events: none;
  transform-origin: 0 0; contain: strict; }
.particles > div { display: contents; }
.particles i { position: absolute; left: -3.4px; top: -3.4px; width: 6.8px; height: 6.8px;
  box-sizing: border-box; border-radius: 50%; border: 1.6px solid var(--dot-stroke); background: var(--dot-fill); }
canvas.highlights { pointer-events: none; }
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
/* A folded legend is not laid out at all, rather than skipped (the closed
   <details> default, content-visibility: hidden): Chromium keeps the last
   layout of skipped content, and through it every node of the legend it
   showed before it folded, which the panel rebuilds at each tour step and
   language. */
.layers:not([open])::details-content { display: none; }
.layers h2 { font-size: 13px; margin: 8px 0 4px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.layer-list, .legend { list-style: none; margin: 0; padding: 0; }
.layer-list li { margin: 2px 0; }
.legend li { display: flex; align-items: center; gap: 6px; font-size: 12px; line-height: 1.3; margin: 3px 0; }
.legend svg { flex: none; }
.legend .casing { stroke: var(--casing); }
.legend .marker { fill: var(--node-fill); stroke: var(--node-stroke); }
.legend .marker.kaz { fill: var(--node-kaz-fill); stroke: var(--node-kaz-stroke); }
.legend .marker.event { fill: var(--diplomacy); stroke: var(--event-stroke); }
.legend .marker.city { fill: var(--place-fill); stroke: var(--place-ring); }
.info { right: 12px; top: 12px; width: 360px; max-width: calc(100% - 24px);
  max-height: calc(100% - 298px); overflow: auto; padding: 12px 14px; }
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
.tour { left: 12px; bottom: 12px; width: 440px; max-width: calc(100% - 80px); padding: 12px 14px;
  box-sizing: border-box; max-height: calc(100% - 24px); display: flex; flex-direction: column; }
.tour > * { flex: none; }
.tour .tour-text { flex: 0 1 auto; min-height: 0; overflow: auto; }
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
.controls button svg { display: block; margin: auto; }
.controls button.flow.paused { background: var(--accent); color: var(--accent-ink); border-color: var(--accent); }
.controls .gap { height: 6px; }
.attribution { position: absolute; right: 0; bottom: 0; z-index: 2; padding: 2px 6px;
  background: var(--panel); font-size: 11px; color: var(--muted); }
.attribution-button { display: none; }
.status { position: absolute; inset: 0; display: flex; align-items: center; justify-content: center;
  color: var(--muted); font-size: 14px; }
.error { position: absolute; inset: 0; z-index: 6; display: flex; flex-direction: column;
  align-items: center; justify-content: center; gap: 8px; padding: 24px; text-align: center;
  background: ${L.land}; color: #7a1f1a; font-size: 15px; }
.error strong { font-size: 17px; }
.retry { margin-top: 6px; padding: 3px 12px; font: inherit; cursor: pointer; }
.error code, .data-error code { color: #3b4a55; font-size: 13px; white-space: pre-wrap; }
.error details, .data-error details { margin-top: 6px; }
.error summary, .data-error summary { cursor: pointer; font-size: 13px; }
.data-error { position: absolute; left: 50%; top: 12px; transform: translateX(-50%); z-index: 4;
  max-width: min(560px, calc(100% - 24px)); padding: 10px 14px; border-radius: 6px;
  background: #fff4f2; color: #7a1f1a; border: 1px solid #e0a49c; font-size: 13px; }
@container (max-width: ${VOCABULARY.narrowPx}px) {
  .layers { width: auto; right: var(--bm-clear); }
  .attribution { max-width: calc(100% - 150px); font-size: 10px; }
  .info { left: 8px; right: var(--bm-clear); width: auto; top: auto; bottom: 48px; max-height: 55%; z-index: 5;
    box-sizing: border-box; }
  .tour { left: 8px; right: var(--bm-clear); width: auto; max-width: none; }
}
:host([data-compact]) .layers { left: 8px; top: var(--bridge-map-inset-top, 8px); right: auto; width: auto;
  max-width: calc(100% - 8px - var(--bm-clear)); max-height: calc(100% - var(--bridge-map-inset-top, 8px) - 56px); }
:host([data-compact]) .layers[open] { right: var(--bm-clear); }
:host([data-compact]) .layers summary { padding: 6px 10px; font-size: 13px; }
:host([data-compact]) .tour { left: 8px; right: var(--bm-clear); bottom: 8px; width: auto; max-width: 440px;
  padding: 8px 10px; font-size: 13px; }
.tour.short h2 { font-size: 14px; margin: 0 0 6px; }
.tour-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 8px; }
.tour.short .end { padding: 0 7px; line-height: 1.4; font-size: 16px; }
.tour.short .tour-text { margin: 0 0 8px; }
.tour-more { margin: 0 0 6px; }
.card .tour-more .more { border: 0; background: none; color: var(--link); text-decoration: underline; padding: 2px 0; }
.card .tour-more .more:hover { background: none; }
:host([data-compact]) .tour-start { left: 8px; bottom: 8px; padding: 6px 12px; font-size: 13px; }
:host([data-compact]) .info { left: 8px; right: var(--bm-clear); width: auto; top: auto; bottom: 48px; max-height: 55%;
  z-index: 5; box-sizing: border-box; }
:host([data-compact]) .about { left: 8px; right: var(--bm-clear); width: auto; max-width: none; transform: translateY(-50%); }
/* Compact: the ⓘ button in the corner under the controls; the line it
   shows sits above the row of the tour button, left of the controls. */
:host([data-compact]) .attribution { position: static; max-width: none; padding: 0; background: none; font-size: 11px; }
:host([data-compact]) .attribution-text { display: none; position: absolute; z-index: 4; left: 8px; right: var(--bm-clear);
  bottom: 46px; width: fit-content; margin-left: auto; padding: 4px 8px; border-radius: 4px;
  background: var(--panel); box-shadow: 0 1px 6px rgba(0,0,0,.18); }
:host([data-compact]) .attribution.open .attribution-text { display: block; }
:host([data-compact]) .attribution-button { display: block; position: absolute; z-index: 2; right: 16px; bottom: 6px;
  width: 26px; height: 26px; padding: 0; border-radius: 50%;
  border: 1px solid var(--line); background: var(--btn); color: var(--ink); font-size: 17px; line-height: 1; cursor: pointer; }
:host([data-compact]) .attribution-button:hover { background: var(--btn-hover); }
`;

let sheet = null;

/** The shared stylesheet, made on first use (after the DOM exists). */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(STYLE);
  }
  return sheet;
}
