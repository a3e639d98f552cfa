// Layouts by the map's own size: a ResizeObserver on the element (not the
// window: a sidebar map on a wide page is small) decides whether the map is
// *compact*, at most VOCABULARY.compactWidthPx wide or compactHeightPx high.
// A compact map carries a `data-compact` attribute, which the stylesheet
// (and a host's) reacts to; its legend starts as one button, its tour card
// shows the step's title and buttons with the text on demand, and its
// attribution is an ⓘ button. The panels that size themselves by what they
// measure (the legend) are told after every change of size.

import { Controller } from "./controller.js";
import { VOCABULARY } from "../bridge-map-vocabulary.js";

/** Whether a map of this size (CSS px) is compact. */
export function isCompact(width, height) {
  return width <= VOCABULARY.compactWidthPx || height <= VOCABULARY.compactHeightPx;
}

export class LayoutController extends Controller {
  #peers;
  /** A layout has been applied since the controller started listening. */
  #laidOut = false;

  /**
   * @param {{layers: import("./layers.js").LayersController, tour: import("./tour.js").TourController,
   *   attribution: import("./attribution.js").AttributionController}} peers
   *   the panels whose layout follows the size
   */
  constructor(peers) {
    super();
    this.#peers = peers;
  }

  listen(signal) {
    const { element } = this.host;
    const seen = new ResizeObserver((entries) => {
      const box = entries[entries.length - 1]?.contentRect;
      if (box) this.#apply(box.width, box.height);
    });
    seen.observe(element);
    signal.addEventListener("abort", () => seen.disconnect());
  }

  stopped() {
    this.#laidOut = false;
  }

  /** Whether the map is compact now. */
  get compact() {
    return this.host?.element.hasAttribute("data-compact") ?? false;
  }

  #apply(width, height) {
    // A hidden map (display: none, a closed <details>) has no size: keep
    // the last layout until it is shown.
    if (width === 0 && height === 0) return;
    const { element } = this.host;
    const compact = isCompact(width, height);
    const changed = compact !== this.compact || !this.#laidOut;
    element.toggleAttribute("data-compact", compact);
    this.#laidOut = true;
    if (changed) this.#peers.attribution.show(false);
    // The card may change between short and whole at any size.
    this.#peers.tour.render();
    this.#peers.layers.fit({ compact, changed });
  }
}
