// Gesture hints: "Ctrl + scroll to zoom", "two fingers to move", shown for a
// moment when a cooperative (embedded) map declines a gesture. The core
// decides when; this controller shows the words.

import { h } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";

const isMac = /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

export class HintController extends Controller {
  node = attrs(h("div", "hint"), { part: "hint", role: "status" });
  #timer = 0;

  constructor() {
    super();
    this.node.hidden = true;
  }

  /** Shows the hint for a declined gesture: `"touch"` or `"wheel"`. */
  mapEvent(type, detail) {
    if (type === "hint") this.show(detail);
  }

  show(kind) {
    const t = this.host.t;
    this.node.textContent = kind === "touch" ? t.hintTouch : t.hintWheel(isMac);
    this.node.hidden = false;
    this.cancel(this.#timer);
    this.#timer = this.later(() => { this.node.hidden = true; }, 1500);
  }

  hide() {
    this.node.hidden = true;
  }
}
