// The layers and legend panel: a checkbox per layer and a legend whose
// swatches come from the renderer's own styles. Folded on a phone-sized map
// and while the tour runs (the tour sets the layers itself).

import { h, buildLayers } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";
import { VOCABULARY } from "../bridge-map-vocabulary.js";

export class LayersController extends Controller {
  node = attrs(h("details", "card layers"), { part: "layers" });
  summary = h("summary");
  body = h("div", "body");

  constructor() {
    super();
    this.node.append(this.summary, this.body);
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
      // Open on wide maps; a phone-sized map starts with it folded.
      this.node.open = host.element.clientWidth > VOCABULARY.narrowPx;
      this.node.dataset.init = "1";
    }
  }

  /** The visitor switched a layer: the core decides what changed and fires
   *  `layerschange`, which the element dispatches. */
  #toggle(key, on) {
    this.map?.toggleLayer(key, on);
  }

  fold() {
    this.node.open = false;
  }

  hide() {
    this.node.hidden = true;
  }
}
