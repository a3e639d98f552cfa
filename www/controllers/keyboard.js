// Keyboard handling of the element itself: Escape closes the topmost open
// dialog, the About box first, then the info panel (which also clears the
// selection). The map's own keys (+, -, 0, arrows) are the core's.

import { Controller } from "./controller.js";

export class KeyboardController extends Controller {
  #about;
  #info;

  /** @param {{about: import("./about.js").AboutController, info: import("./info.js").InfoController}} dialogs */
  constructor({ about, info }) {
    super();
    this.#about = about;
    this.#info = info;
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
      }
    }, { signal });
  }
}
