// The fatal error state: the readable message (role="alert") that replaces
// the map when its geometry cannot load or the wasm module panics. A panic
// anywhere on the page reaches every map through the `bridge-map-panic`
// window event, which this controller hands to the element.

import { h, buildError } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";

export class ErrorController extends Controller {
  node = attrs(h("div", "error"), { part: "error", role: "alert" });
  #onPanic;

  /** @param {(err: Error) => void} onPanic  the element's failure path */
  constructor(onPanic) {
    super();
    this.#onPanic = onPanic;
    this.node.hidden = true;
  }

  listen(signal) {
    window.addEventListener("bridge-map-panic", (e) => this.#onPanic(new Error(String(e.detail))), { signal });
  }

  /** Shows `message` in the reader's language, the detail folded away. */
  show(t, message) {
    this.node.replaceChildren(...buildError(t.error, t.errorDetails, message));
    this.node.hidden = false;
  }

  clear() {
    this.node.hidden = true;
  }
}
