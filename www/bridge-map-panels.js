// DOM building blocks of <bridge-map>'s panels: legend swatches, the layers
// and legend panel, the info panel and the tour panel. Everything is built
// with DOM APIs and textContent (never innerHTML with data), so feature text
// cannot inject markup, and no inline styles are needed (strict CSP).

import { formatDate, formatPeriod, formatKm } from "./bridge-map-format.js";
import { VOCABULARY } from "./bridge-map-vocabulary.js";

const SVG = "http://www.w3.org/2000/svg";

/** Creates an element with a class and children (strings become text). */
export function h(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const c of children) if (c != null) node.append(c);
  return node;
}

function svg(width, height, ...children) {
  const s = document.createElementNS(SVG, "svg");
  s.setAttribute("width", width);
  s.setAttribute("height", height);
  s.setAttribute("viewBox", `0 0 ${width} ${height}`);
  s.setAttribute("aria-hidden", "true");
  s.append(...children);
  return s;
}

function shape(tag, attrs) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** A swatch drawing exactly the stroke the canvas uses. */
export function strokeSwatch({ color, width, dash }) {
  // The casing's colour comes from the theme (.casing in the element's CSS).
  const casing = shape("line", { x1: 2, y1: 7, x2: 34, y2: 7, class: "casing", stroke: "#fff", "stroke-width": width + 2, "stroke-linecap": "round" });
  const line = shape("line", { x1: 2, y1: 7, x2: 34, y2: 7, stroke: color, "stroke-width": width, "stroke-linecap": "round" });
  if (dash[0] > 0) line.setAttribute("stroke-dasharray", `${dash[0]} ${dash[1]}`);
  return svg(36, 14, casing, line);
}

/** A swatch for a marker shape, as the canvas draws it. */
export function markerSwatch(kind) {
  // Colours come from the theme: see .marker in the element's CSS.
  const cls = kind === "event" || kind === "kaz" || kind === "city" ? `marker ${kind}` : "marker";
  const common = { class: cls, "stroke-width": 1.4 };
  const node = {
    border: () => shape("polygon", { points: "18,1.5 23.5,7 18,12.5 12.5,7", ...common }),
    dryport: () => shape("rect", { x: 13.5, y: 2.5, width: 9, height: 9, ...common }),
    field: () => shape("polygon", { points: "18,1.2 23.4,11 12.6,11", ...common }),
    // A city's dot: the canvas's radius (scene::labels::place_radius) and ring.
    city: () => shape("circle", { cx: 18, cy: 7, r: 2.6, class: cls, "stroke-width": 1.2 }),
  }[kind]?.() ?? shape("circle", { cx: 18, cy: 7, r: kind === "kaz" ? 5.5 : 4.5, ...common });
  return svg(36, 14, node);
}

/** The layers-and-legend panel body. */
export function buildLayers(t, layers, strokes, onToggle) {
  const list = h("ul", "layer-list");
  for (const key of VOCABULARY.layers) {
    const input = h("input");
    input.type = "checkbox";
    input.checked = layers.includes(key);
    input.dataset.layer = key;
    input.addEventListener("change", () => onToggle(key, input.checked));
    list.append(h("li", null, h("label", null, input, " ", t.layers[key])));
  }
  const legend = h("ul", "legend");
  for (const s of strokes) legend.append(h("li", null, strokeSwatch(s), h("span", null, t.legend[s.key] ?? s.key)));
  for (const m of ["border", "seaport", "dryport", "field", "kaz", "event", "city"]) {
    legend.append(h("li", null, markerSwatch(m), h("span", null, t.legend[m])));
  }
  return [h("h2", null, t.layersTitle), list, h("h2", null, t.legendTitle), legend];
}

/** A link to a cited source: its title and year. */
export function linkTo(source) {
  const a = h("a", null, `${source.title} (${source.year})`);
  a.href = source.url;
  a.target = "_blank";
  a.rel = "noopener noreferrer";
  return a;
}

function row(dl, label, value) {
  if (value == null || value === "") return;
  dl.append(h("dt", null, label), h("dd", null, value));
}

/** The info panel's content for a feature's details. */
export function buildInfo(d, t, lang) {
  const kind = d.kind === "node" && d.nodeType ? t.nodeTypes[d.nodeType] : d.kind === "event" && d.eventType ? t.eventTypes[d.eventType] : t.kinds[d.kind];
  const title = h("h2", null, d.name);
  title.id = "info-title";
  const head = h("div", "info-head", h("p", "info-kind", kind), title);
  const dl = h("dl", "facts");
  if (d.kind === "corridor") {
    const modes = d.modes.map((m) => t.modes[m] ?? m).join(", ");
    row(dl, t.panel.mode, modes);
    row(dl, t.panel.status, t.status[d.status] ?? d.status);
    if (d.lengthKm != null) row(dl, t.panel.length, d.lengthMeasured ? `≈ ${formatKm(d.lengthKm, t, lang)} (${t.panel.measured})` : formatKm(d.lengthKm, t, lang));
  }
  if (d.kind === "event") row(dl, t.panel.date, formatDate(d.date, d.dateEnd, lang));
  if (d.kind === "node") row(dl, t.panel.country, d.countryName);
  const body = [head, h("p", "summary", d.summary), dl];
  if (d.hasIndicativeLegs) body.push(h("p", "note", t.panel.indicative));
  if (d.approximatePlace) body.push(h("p", "note", t.panel.proxy));
  if (d.figures.length) {
    const table = h("table", "figures");
    for (const f of d.figures) {
      const sources = h("span", "fig-sources");
      f.sources.forEach((s, i) => {
        if (i) sources.append(", ");
        const a = linkTo(s);
        a.textContent = s.id;
        a.title = `${s.title} (${s.year})`;
        sources.append(a);
      });
      const period = formatPeriod(f.year, lang);
      table.append(h("tr", null, h("th", null, f.label), h("td", null, f.value, period ? h("span", "fig-year", ` · ${period}`) : null, " ", sources)));
    }
    body.push(h("h3", null, t.panel.figures), table);
  }
  if (d.sources.length) {
    const list = h("ol", "sources");
    for (const s of d.sources) list.append(h("li", null, linkTo(s)));
    body.push(h("h3", null, t.panel.sources), list);
  }
  return body;
}

/**
 * The tour panel's content for a step. A compact card (`compact`) shows the
 * step, its title and Previous/Next, with the text behind a "Read more"
 * button (`more`, aria-expanded) and End as a × in the corner; `expanded`
 * shows the text; `onMore` is called when the visitor presses it.
 */
export function buildTour(step, index, count, t, go, close, { compact = false, expanded = false, onMore = null } = {}) {
  const title = h("h2", null, step.title);
  title.id = "tour-title";
  const prev = h("button", "prev", t.tour.prev);
  prev.type = "button";
  prev.disabled = index === 0;
  prev.addEventListener("click", () => go(index - 1));
  const next = h("button", "next", t.tour.next);
  next.type = "button";
  next.disabled = index === count - 1;
  next.addEventListener("click", () => go(index + 1));
  const end = h("button", "end", compact ? "×" : t.tour.close);
  end.type = "button";
  end.addEventListener("click", close);
  const text = h("p", "tour-text", step.text);
  text.id = "tour-text";
  // The outline drawn first has no step texts; the pack after `ready` does.
  text.hidden = !step.text;
  const counter = h("p", "tour-count", t.tour.step(index + 1, count));
  if (!compact) return [counter, title, text, h("div", "tour-buttons", prev, next, end)];
  end.setAttribute("aria-label", t.tour.close);
  end.title = t.tour.close;
  const more = h("button", "more", expanded ? t.tour.less : t.tour.more);
  more.type = "button";
  more.setAttribute("aria-expanded", String(expanded));
  more.setAttribute("aria-controls", "tour-text");
  more.addEventListener("click", () => onMore?.());
  more.hidden = !step.text;
  text.hidden = !expanded || !step.text;
  return [h("div", "tour-head", counter, end), title, text, h("p", "tour-more", more), h("div", "tour-buttons", prev, next)];
}

/**
 * The "text twin": every feature as a button, grouped by kind, for keyboard
 * and screen-reader users. One tab stop (roving tabindex); the arrow keys
 * move between buttons, Enter opens one.
 */
export function buildTwin(features, t, lang, selectedId, focusedId) {
  const heading = h("h2", "sr-only", t.twin);
  heading.id = "twin-title";
  const body = [heading];
  const buttons = [];
  for (const kind of ["corridor", "node", "event"]) {
    const items = features.filter((f) => f.kind === kind);
    if (!items.length) continue;
    if (kind === "event") items.sort((a, b) => String(a.date).localeCompare(String(b.date)));
    const list = h("ul", null);
    for (const f of items) {
      const detail = kind === "corridor" ? t.modes[f.mode] : kind === "event" ? formatDate(f.date, null, lang) : null;
      const b = h("button", null, f.name, detail ? h("span", "sr-only", `, ${detail}`) : null);
      b.type = "button";
      b.dataset.id = f.id;
      b.setAttribute("aria-pressed", String(f.id === selectedId));
      b.tabIndex = -1;
      buttons.push(b);
      list.append(h("li", null, b));
    }
    body.push(h("h3", null, t.twinGroups[kind]), list);
  }
  const current = buttons.find((b) => b.dataset.id === focusedId) ?? buttons.find((b) => b.dataset.id === selectedId) ?? buttons[0];
  if (current) current.tabIndex = 0;
  return body;
}

/**
 * An error for the reader: the heading in their language, and the technical
 * detail (always English, for the host's developers) folded away and marked
 * as English so screen readers pronounce it right.
 */
export function buildError(heading, detailsLabel, message, action = null) {
  const code = h("code", null, message);
  code.lang = "en";
  const parts = [h("strong", null, heading), h("details", null, h("summary", null, detailsLabel), code)];
  if (action) {
    const button = h("button", "retry", action.label);
    button.type = "button";
    button.addEventListener("click", action.run, { once: true });
    parts.push(button);
  }
  return parts;
}
