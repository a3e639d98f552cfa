// The fatal error state: the readable message (role="alert") that replaces
// the map when its geometry cannot load or the wasm module panics, with a
// button to try again: the element mounts afresh; after a panic, whose
// module cannot be trusted any more, the page is reloaded. A panic reaches
// the map it struck as a `bridge-map-panic` event on its canvas (or every
// map, on the window, when the core cannot tell which it struck), which
// this controller hands to the element; other maps keep working.

import { h, buildError } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";

export class ErrorController extends Controller {
  node = attrs(h("div", "error"), { part: "error", role: "alert" });
  #onPanic;
  #retry;
  #panicked = false;

  /**
   * @param {(err: Error) => void} onPanic  the element's failure path
   * @param {() => void} retry  mounts the map afresh
   */
  constructor(onPanic, retry) {
    super();
    this.#onPanic = onPanic;
    this.#retry = retry;
    this.node.hidden = true;
  }

  listen(signal) {
    const panic = (e) => {
      this.#panicked = true;
      this.#onPanic(new Error(String(e.detail)));
    };
    // A panic that struck this map comes on its canvas; one that may have
    // broken every map, to the window.
    this.host.canvas.addEventListener("bridge-map-panic", panic, { signal });
    window.addEventListener("bridge-map-panic", (e) => { if (e.target === window) panic(e); }, { signal });
  }

  /** Shows `message` in the reader's language, the detail folded away,
   *  and the button that tries again. */
  show(t, message) {
    const run = this.#panicked ? () => location.reload() : this.#retry;
    this.node.replaceChildren(...buildError(t.error, t.errorDetails, message, { label: t.retry, run }));
    this.node.hidden = false;
  }

  clear() {
    this.node.hidden = true;
  }
}
