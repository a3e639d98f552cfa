// The map controls in the corner: zoom in, zoom out and reset (each presses
// the same key the keyboard would, so the core handles both alike), and a
// slot for the other controllers' buttons (flow play/pause, download, About).

import { h } from "../bridge-map-panels.js";
import { Controller, attrs, button } from "./controller.js";

export class ControlsController extends Controller {
  node = attrs(h("div", "controls"), { part: "controls" });
  #zoom = [["+", "+"], ["-", "−"], ["0", "⌂"]].map(([key, label]) => {
    const b = button(null, label);
    b.dataset.key = key;
    return b;
  });

  /** @param {HTMLButtonElement[]} extra  buttons other controllers own, shown after a gap */
  constructor(extra) {
    super();
    this.node.append(...this.#zoom, h("div", "gap"), ...extra);
  }

  listen(signal) {
    this.node.addEventListener("click", (e) => {
      const key = e.target.closest("button")?.dataset.key;
      if (key && this.map) this.map.press(key);
    }, { signal });
  }

  text(t) {
    const [zin, zout, reset] = this.#zoom;
    for (const [b, label] of [[zin, t.zoomIn], [zout, t.zoomOut], [reset, t.reset]]) {
      b.setAttribute("aria-label", label);
      b.title = label;
    }
  }

  /** A static figure (`interactive="false"`) has no zoom buttons. */
  setInteractive(on) {
    for (const b of this.#zoom) b.hidden = !on;
  }

  hide() {
    this.node.hidden = true;
  }

  restore() {
    this.node.hidden = false;
  }
}
