// Live announcements: the polite live region through which <bridge-map>
// tells screen-reader users what a click or a tour step did.

import { h } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";

export class LiveController extends Controller {
  node = attrs(h("div", "sr-only live"), { "aria-live": "polite" });

  /** Speaks `text` (once per call, even when it repeats the last one). */
  mapEvent(type, detail) {
    const t = this.host?.t;
    if (type !== "select" || !t) return;
    this.announce(detail ? t.announceSelect(detail.name, t.kinds[detail.kind] ?? detail.kind) : t.announceClear);
  }

  announce(text) {
    // Re-setting identical text is not announced again: clear first, and
    // write it in the next frame.
    this.node.textContent = "";
    this.nextFrame(() => { this.node.textContent = text; });
  }
}
