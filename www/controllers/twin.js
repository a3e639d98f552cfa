// The text twin: every route, place and event as a button in a visually
// hidden <nav>, for keyboard and screen-reader users. One tab stop with a
// roving tabindex (arrow keys, Home, End); focusing a button shows that
// feature on the map with the tooltip, Enter selects it and opens the info
// panel, and Escape brings focus back here.

import { h, buildTwin } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";

export class TwinController extends Controller {
  node = attrs(h("nav", "twin"), { part: "twin", "aria-labelledby": "twin-title" });
  #tooltip;
  #info;
  #focus = null; // the id of the focused button, kept across rebuilds
  #restoring = false; // a rebuild is putting focus back where it was

  /** @param {{tooltip: import("./tooltip.js").TooltipController, info: import("./info.js").InfoController}} peers */
  constructor({ tooltip, info }) {
    super();
    this.#tooltip = tooltip;
    this.#info = info;
  }

  listen(signal) {
    const nav = this.node;
    nav.addEventListener("keydown", (e) => this.#key(e), { signal });
    nav.addEventListener("focusin", (e) => this.#focused(e.target.closest("button"), !this.#restoring), { signal });
    nav.addEventListener("focusout", (e) => {
      if (!nav.contains(e.relatedTarget)) this.#focused(null);
    }, { signal });
    nav.addEventListener("click", (e) => {
      const b = e.target.closest("button");
      if (b) {
        this.#info.returnFocus = b;
        this.host.element.select(b.dataset.id);
      }
    }, { signal });
  }

  /** Rebuilds the buttons (features, language or selection changed),
   *  keeping keyboard focus in the twin if it was there. */
  render() {
    const host = this.host;
    const map = this.map;
    if (!map) return;
    const keep = this.node.contains(host.root.activeElement);
    this.node.replaceChildren(...buildTwin(map.features(), host.t, host.lang, map.selected?.id ?? null, this.#focus));
    // Focus goes back to the same feature's new button, and its tooltip
    // with it, but the map does not move: a rebuild (new words, new data)
    // is not the visitor asking to see that feature.
    if (keep) {
      this.#restoring = true;
      try {
        this.node.querySelector('button[tabindex="0"]')?.focus();
      } finally {
        this.#restoring = false;
      }
    }
  }

  /** Keeps the buttons' pressed state in step with the selection. */
  mapEvent(type) {
    if (type === "select") this.sync();
  }

  sync() {
    const sel = this.map?.selected?.id ?? null;
    for (const b of this.node.querySelectorAll("button")) b.setAttribute("aria-pressed", String(b.dataset.id === sel));
  }

  hide() {
    this.node.hidden = true;
  }

  /** Arrow keys move between the buttons (roving tabindex). */
  #key(e) {
    const buttons = [...this.node.querySelectorAll("button")];
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

  /** A button got keyboard focus: show that feature on the map (brought
   *  into view unless `bringIntoView` is false). */
  #focused(button, bringIntoView = true) {
    const map = this.map;
    if (!map) return;
    const id = button?.dataset.id ?? null;
    this.#focus = id;
    const feature = map.focusFeature(id ?? undefined);
    if (!feature) {
      this.#tooltip.show(null);
      return;
    }
    // Bring it into view, then point the tooltip at it.
    const { clientWidth, clientHeight } = this.host.element;
    const anchor = map.anchor(id);
    let p = anchor ? map.project(anchor.lon, anchor.lat) : null;
    if (bringIntoView && anchor && (!p || p.x < 40 || p.y < 40 || p.x > clientWidth - 40 || p.y > clientHeight - 40)) {
      map.view = { lon: anchor.lon, lat: anchor.lat };
      p = map.project(anchor.lon, anchor.lat);
    }
    if (p) this.#tooltip.pointAt(p);
    this.#tooltip.show(feature);
  }
}
