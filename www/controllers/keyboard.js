// Keyboard handling of the element itself: Escape closes the topmost open
// dialog, the About box first, then the info panel (which also clears the
// selection), then the attribution a compact map's ⓘ button opened. The
// map's own keys (+, -, 0, arrows) are the core's.

import { Controller } from "./controller.js";

export class KeyboardController extends Controller {
  #about;
  #info;
  #attribution;

  /** @param {{about: import("./about.js").AboutController, info: import("./info.js").InfoController, attribution: import("./attribution.js").AttributionController}} dialogs */
  constructor({ about, info, attribution }) {
    super();
    this.#about = about;
    this.#info = info;
    this.#attribution = attribution;
  }

  listen(signal) {
    this.host.element.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      if (this.#about.isOpen) {
        e.preventDefault();
        this.#about.shut();
      } else if (this.#info.isOpen) {
        e.preventDefault();
        this.host.element.select(null);
      } else if (this.#attribution.isOpen) {
        e.preventDefault();
        this.#attribution.shut();
      }
    }, { signal });
  }
}
