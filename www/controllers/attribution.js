// The attribution line (boundaries, names, sources). On a compact map (see
// layout.js) it shrinks to an ⓘ button in the corner that shows and hides
// the line (aria-expanded; Escape hides it too).

import { h } from "../bridge-map-panels.js";
import { Controller, attrs, button } from "./controller.js";

export class AttributionController extends Controller {
  node = attrs(h("div", "attribution"), { part: "attribution" });
  line = attrs(h("span", "attribution-text"), { id: "attribution-text" });
  /** The ⓘ button: shown only on a compact map. */
  button = attrs(button("attribution-button", "ⓘ"), {
    part: "attribution-button", "aria-expanded": "false", "aria-controls": "attribution-text",
  });

  constructor() {
    super();
    this.node.append(this.line, this.button);
  }

  listen(signal) {
    this.button.addEventListener("click", () => this.show(!this.isOpen), { signal });
  }

  text(t) {
    this.line.textContent = t.attribution;
    this.button.setAttribute("aria-label", t.mapCredits);
    this.button.title = t.mapCredits;
  }

  /** The line is shown on a compact map (always shown on a larger one). */
  get isOpen() {
    return this.node.classList.contains("open");
  }

  show(open) {
    this.node.classList.toggle("open", open);
    this.button.setAttribute("aria-expanded", String(open));
  }

  /** Hides the line again (Escape). */
  shut() {
    this.show(false);
    this.button.focus();
  }

  stopped() {
    this.show(false);
  }
}
