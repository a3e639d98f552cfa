// The layers and legend panel: a checkbox per layer and a legend whose
// swatches come from the renderer's own styles. It opens by itself only
// where it fits: on a map that is not compact (see layout.js), whole (not
// cut off by the map's edge) and over at most MAX_SHARE of the map;
// elsewhere it starts folded to one button. Folded while the tour runs too
// (the tour sets the layers itself). Once the visitor opens or folds it,
// it stays so, until the map changes between compact and not.

import { h, buildLayers } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";

/** The largest share of the map's area the legend covers when it opens by itself. */
export const MAX_SHARE = 0.4;

export class LayersController extends Controller {
  node = attrs(h("details", "card layers"), { part: "layers" });
  summary = attrs(h("summary"), { "aria-expanded": "false" });
  body = h("div", "body");
  /** The open state this controller last chose; a different one is the visitor's. */
  #chosen = false;
  /** True until the visitor opens or folds the panel: the layout decides. */
  #auto = true;

  constructor() {
    super();
    this.node.append(this.summary, this.body);
  }

  listen(signal) {
    this.node.addEventListener("toggle", () => {
      this.summary.setAttribute("aria-expanded", String(this.node.open));
      if (this.node.open !== this.#chosen) {
        this.#auto = false;
        this.#chosen = this.node.open;
      }
    }, { signal });
  }

  text(t) {
    this.summary.textContent = t.showLegend;
  }

  /** Rebuilds the checkboxes and the legend from the core's state. */
  render() {
    const host = this.host;
    const map = this.map;
    if (!map) return;
    this.body.replaceChildren(...buildLayers(host.t, map.layers, map.legend(), (key, on) => this.#toggle(key, on)));
    if (!this.node.dataset.init) {
      this.node.dataset.init = "1";
      this.#decide();
    }
  }

  /**
   * The map's size changed (`changed`: between compact and not). A panel
   * the visitor has not touched follows the layout; on a map that just
   * became compact, one that covers too much folds however it was opened.
   */
  fit({ compact, changed }) {
    if (!this.node.dataset.init) return;
    if (changed) this.#auto = true;
    if (this.#auto || (compact && this.node.open && this.#share() > MAX_SHARE)) this.#decide();
  }

  /** Opens the panel if it fits the map whole, else folds it. */
  #decide() {
    const element = this.host?.element;
    if (!element) return;
    let open = false;
    if (!element.hasAttribute("data-compact") && !this.#touring()) {
      this.#set(true);
      const whole = this.node.scrollHeight <= this.node.clientHeight + 1;
      open = whole && this.#share() <= MAX_SHARE;
    }
    this.#set(open);
  }

  /** The share of the map's area the panel covers as it is now. */
  #share() {
    const { element } = this.host;
    const r = this.node.getBoundingClientRect();
    return (r.width * r.height) / Math.max(1, element.clientWidth * element.clientHeight);
  }

  #touring() {
    return this.map?.step != null;
  }

  #set(open) {
    this.#chosen = open;
    this.node.open = open;
    this.summary.setAttribute("aria-expanded", String(open));
  }

  /** The visitor switched a layer: the core decides what changed and fires
   *  `layerschange`, which the element dispatches. */
  #toggle(key, on) {
    this.map?.toggleLayer(key, on);
  }

  /** Folds the panel (the tour opened: it sets the layers itself). */
  fold() {
    this.#set(false);
  }

  hide() {
    this.node.hidden = true;
  }

  restore() {
    this.node.hidden = false;
  }
}
