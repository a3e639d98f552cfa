// Keyboard handling of the element itself: Escape closes the topmost open
// dialog, the share dialog first, then the About box, then the info panel (which also clears the
// selection), then the attribution a compact map's ⓘ button opened. The
// map's own keys (+, -, 0, arrows) are the core's.

import { Controller } from "./controller.js";

export class KeyboardController extends Controller {
  #share;
  #about;
  #info;
  #attribution;

  /** @param {{share: import("./share.js").ShareController, about: import("./about.js").AboutController, info: import("./info.js").InfoController, attribution: import("./attribution.js").AttributionController}} dialogs */
  constructor({ share, about, info, attribution }) {
    super();
    this.#share = share;
    this.#about = about;
    this.#info = info;
    this.#attribution = attribution;
  }

  listen(signal) {
    this.host.element.addEventListener("keydown", (e) => {
      if (e.key !== "Escape") return;
      if (this.#share.isOpen) {
        e.preventDefault();
        this.#share.shut();
      } else if (this.#about.isOpen) {
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
