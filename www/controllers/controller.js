// The base of <bridge-map>'s controllers, after Leaflet's Handler: each
// controller owns one concern of the shell (its DOM, its listeners, its
// timers) and nothing else. The element builds the controllers once, when it
// is constructed, and calls `attach(host)` when it is connected and
// `detach()` when it is removed. Between `detach` and the next `attach` a
// controller holds no listener, no timer and no reference to the host, so a
// removed map can be collected whole (tools/e2e/lifecycle.test.mjs mounts and
// removes the element 200 times and checks exactly that).
//
// `host` is the element's facade for its controllers:
//   element              the <bridge-map> element (attributes, size, focus)
//   root                 its shadow root
//   canvas               the map canvas (drawn by the core; a CSS transform
//                        may move it while the view moves)
//   stage                the element around it that never moves: where
//                        pointer positions are measured from
//   map                  the core (the wasm BridgeMap), or null before it loads
//   t, lang              the UI text and language tag now in force
//   dark                 whether the dark palette is in force
//   emit(type, detail)   dispatches a public event on the element
//   refresh()            rebuilds every panel from the core's state
//   announce(text)       speaks to screen readers (live region)
//   applyTheme()         applies the `theme` attribute (the scheme changed)
//   warn(name, value, err)  reports a value the map cannot use and ignores
//                        (a console warning, an `error` event naming `name`)

import { h } from "../bridge-map-panels.js";

export class Controller {
  /** The host while attached, else null. */
  host = null;
  #abort = null;
  #timers = new Set();
  #frames = new Set();

  /** Starts listening; the listeners live until `detach`. */
  attach(host) {
    this.detach();
    this.host = host;
    this.#abort = new AbortController();
    this.listen(this.#abort.signal);
  }

  /** Drops every listener and timer, and the host. Safe to call twice. */
  detach() {
    this.#abort?.abort();
    this.#abort = null;
    for (const id of this.#timers) clearTimeout(id);
    this.#timers.clear();
    for (const id of this.#frames) cancelAnimationFrame(id);
    this.#frames.clear();
    this.stopped();
    this.host = null;
  }

  /** Adds this controller's listeners, each with `{ signal }`. */
  listen(_signal) {}

  /** Sets this controller's text in the language now in force (`t` is
   *  that language's entry of bridge-map-i18n.js). */
  text(_t) {}

  /** Hides this controller's DOM (the element's fatal error state). */
  hide() {}

  /** The map is mounted again after its error state (the error panel's
   *  button): show again what hide() hid for good. */
  restore() {}

  /** The core reported an event (one of VOCABULARY.events or
   *  VOCABULARY.shellEvents); a controller reacts to those it cares about.
   *  The element re-dispatches the public ones after every controller has
   *  heard them. */
  mapEvent(_type, _detail) {}

  /** Called by `detach` after the listeners and timers are gone, for
   *  anything else that must not outlive the attachment. */
  stopped() {}

  /** The core, or null: it exists only while the element is attached. */
  get map() {
    return this.host?.map ?? null;
  }

  /** setTimeout that `detach` cancels. */
  later(fn, ms) {
    const id = setTimeout(() => {
      this.#timers.delete(id);
      fn();
    }, ms);
    this.#timers.add(id);
    return id;
  }

  /** clearTimeout for an id from `later`. */
  cancel(id) {
    clearTimeout(id);
    this.#timers.delete(id);
  }

  /** requestAnimationFrame that `detach` cancels. */
  nextFrame(fn) {
    const id = requestAnimationFrame((t) => {
      this.#frames.delete(id);
      fn(t);
    });
    this.#frames.add(id);
    return id;
  }
}

/** Sets attributes on a node and returns it (DOM APIs only: no markup). */
export function attrs(node, values) {
  for (const [k, v] of Object.entries(values)) node.setAttribute(k, v);
  return node;
}

/** A `type="button"` button with a class and text. */
export function button(className, text) {
  const b = h("button", className, text);
  b.type = "button";
  return b;
}
