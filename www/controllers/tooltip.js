// The tooltip (role="tooltip"): names the feature under the pointer, or the
// one a keyboard user is on in the text twin, and follows the pointer,
// flipping to stay inside the map. It tracks the pointer itself, so the
// other controllers can ask where it is and with what (mouse, touch, pen,
// keyboard).

import { h } from "../bridge-map-panels.js";
import { formatDate } from "../bridge-map-format.js";
import { Controller, attrs } from "./controller.js";

export class TooltipController extends Controller {
  node = attrs(h("div", "tooltip"), { part: "tooltip", role: "tooltip", id: "tooltip" });
  /** Where the pointer is, in CSS px from the element's corner, and its type. */
  pointer = { x: 0, y: 0, type: "mouse" };
  #feature = null; // what the tooltip names, so a language switch can rename it
  #timer = 0;

  constructor() {
    super();
    this.node.hidden = true;
  }

  listen(signal) {
    // Measured from the stage, as the core measures: mid-gesture the canvas
    // may be moved by a transform, so its offsetX is not the map's.
    const stage = this.host.stage;
    const track = (e) => {
      const r = stage.getBoundingClientRect();
      this.pointer = { x: e.clientX - r.left, y: e.clientY - r.top, type: e.pointerType };
      this.place();
    };
    stage.addEventListener("pointermove", track, { signal, passive: true });
    stage.addEventListener("pointerdown", track, { signal, passive: true });
  }

  /** A tap selects without hovering: name the feature for a moment. */
  mapEvent(type, detail) {
    if (type === "hover") this.show(detail);
    else if (type === "select") this.tapped(detail);
  }

  tapped(feature) {
    if (this.pointer.type !== "touch") return;
    this.show(feature);
    this.cancel(this.#timer);
    this.#timer = this.later(() => this.show(null), 2500);
  }

  /** Points the tooltip at a screen position reached from the keyboard. */
  pointAt(p) {
    this.pointer = { x: p.x, y: p.y, type: "keyboard" };
  }

  /** Names `feature` (`{kind, id, name}`), or hides the tooltip for null. */
  show(feature) {
    const host = this.host;
    if (!host) return;
    const tip = this.node;
    this.#feature = feature ?? null;
    if (!feature) {
      tip.hidden = true;
      host.canvas.removeAttribute("aria-describedby");
      return;
    }
    const t = host.t;
    const d = feature.kind === "country" ? null : host.map?.details(feature.id);
    let kind = t.kinds[feature.kind] ?? feature.kind;
    let sub = null;
    if (d?.kind === "corridor") sub = `${d.modes.map((m) => t.modes[m] ?? m).join(", ")} · ${t.status[d.status] ?? d.status}`;
    if (d?.kind === "node") kind = t.nodeTypes[d.nodeType] ?? kind;
    if (d?.kind === "event") {
      kind = t.eventTypes[d.eventType] ?? kind;
      sub = formatDate(d.date, d.dateEnd, host.lang);
    }
    // replaceChildren would turn a null into the text "null": pass only nodes.
    tip.replaceChildren(...[h("span", "kind", kind), h("strong", null, feature.name), sub ? h("span", "sub", sub) : null].filter(Boolean));
    tip.hidden = false;
    host.canvas.setAttribute("aria-describedby", "tooltip");
    this.place();
  }

  /** Names the tooltip's feature again, in the language now set. */
  refresh() {
    const f = this.#feature;
    const map = this.map;
    if (!f || !map) return;
    const fresh = f.kind === "country"
      ? map.pick(this.pointer.x, this.pointer.y, "country")
      : map.features(f.kind).find((x) => x.id === f.id);
    this.show(fresh?.id === f.id ? fresh : null);
  }

  /** Keeps the tooltip inside the map, flipping to the other side of the pointer. */
  place() {
    const tip = this.node;
    if (tip.hidden || !this.host) return;
    const { x, y } = this.pointer;
    const { clientWidth, clientHeight } = this.host.element;
    const w = tip.offsetWidth, hgt = tip.offsetHeight;
    const left = x + 14 + w > clientWidth ? x - 14 - w : x + 14;
    const top = y + 16 + hgt > clientHeight ? y - 12 - hgt : y + 16;
    // A CSSOM property, not a style attribute: allowed under style-src 'self'.
    tip.style.transform = `translate(${Math.max(2, left)}px, ${Math.max(2, top)}px)`;
  }

  hide() {
    this.node.hidden = true;
  }
}
