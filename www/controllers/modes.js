// The element's modes: `interactive="false"` makes the map a static figure
// (an image to assistive technology, no zoom buttons, no tour), and `embed`
// makes gestures cooperative for a scrolling page (one finger scrolls the
// page, two move the map; the wheel zooms only with Ctrl or ⌘).

import { Controller } from "./controller.js";

export class ModesController extends Controller {
  #stage;
  #canvas;
  #controls;
  #tour;

  /**
   * @param {HTMLElement} stage  the element that takes the map's input
   * @param {HTMLCanvasElement} canvas  the map canvas
   * @param {{controls: import("./controls.js").ControlsController, tour: import("./tour.js").TourController}} peers
   */
  constructor(stage, canvas, { controls, tour }) {
    super();
    this.#stage = stage;
    this.#canvas = canvas;
    this.#controls = controls;
    this.#tour = tour;
  }

  listen(signal) {
    // Embedded: two fingers belong to the map, so the page must not scroll
    // under them; one finger still scrolls the page.
    this.#stage.addEventListener("touchmove", (e) => {
      if (this.host.element.hasAttribute("embed") && e.touches.length > 1) e.preventDefault();
    }, { signal, passive: false });
  }

  /** Applies the `interactive` and `embed` attributes of `element`. */
  apply(element, map) {
    const interactive = element.getAttribute("interactive") !== "false";
    this.#canvas.tabIndex = interactive ? 0 : -1;
    this.#canvas.setAttribute("role", interactive ? "application" : "img");
    this.#controls.setInteractive(interactive);
    map?.setInteractive(interactive);
    map?.setCooperative(element.hasAttribute("embed"));
    this.#tour.render();
  }
}
