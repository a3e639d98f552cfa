// The page and the visitor around the map: the colour theme (`theme`
// attribute, or the visitor's scheme for `auto`), reduced motion, and
// whether the map can be seen: on screen (off-screen maps further down a
// long article hold their flow still) and in a page that is not hidden (a
// background tab); and the screen's pixel ratio. The core is told; this
// controller only listens.

import { Controller } from "./controller.js";

const DARK = "(prefers-color-scheme: dark)";
const REDUCED = "(prefers-reduced-motion: reduce)";

export class EnvironmentController extends Controller {
  #internals;
  /** The map's box intersects the viewport (as last reported). */
  #onScreen = true;

  /** @param {ElementInternals|null} internals  for the `dark` custom state */
  constructor(internals) {
    super();
    this.#internals = internals;
  }

  listen(signal) {
    const { element } = this.host;
    const motion = matchMedia(REDUCED);
    motion.addEventListener("change", () => this.map?.setMotion(!motion.matches), { signal });
    matchMedia(DARK).addEventListener("change", () => this.host.applyTheme(), { signal });
    const seen = new IntersectionObserver((entries) => {
      const e = entries[entries.length - 1];
      if (!e) return;
      this.#onScreen = e.isIntersecting;
      this.map?.setVisible(this.visible);
    });
    seen.observe(element);
    document.addEventListener("visibilitychange", () => this.map?.setVisible(this.visible), { signal });
    signal.addEventListener("abort", () => seen.disconnect());
    this.#watchRatio(signal);
  }

  /** A change of pixel ratio alone (the page zoomed, the window moved to
   *  another screen) leaves the map's CSS size, so its resize observer
   *  says nothing: a query on the ratio now tells the map to draw sharp
   *  at the new one, then watches that. */
  #watchRatio(signal) {
    matchMedia(`(resolution: ${devicePixelRatio}dppx)`).addEventListener("change", () => {
      this.map?.ratioChanged();
      this.#watchRatio(signal);
    }, { signal, once: true });
  }

  /** Whether the map can be seen: on screen, in a page that is shown. */
  get visible() {
    return this.#onScreen && document.visibilityState !== "hidden";
  }

  stopped() {
    this.#onScreen = true;
  }

  /** Whether the visitor lets the map animate. */
  get motion() {
    return !matchMedia(REDUCED).matches;
  }

  /** Whether `element` shows the dark palette. */
  isDark(element) {
    const theme = element.getAttribute("theme") || "light";
    return theme === "dark" || (theme === "auto" && matchMedia(DARK).matches);
  }

  /** Hides the element's text (the `pending` state) while its language's
   *  script waits for the core: kk-Latn before the wasm is in. */
  textPending(element, on) {
    try {
      if (on) this.#internals.states.add("pending"); else this.#internals.states.delete("pending");
    } catch {
      // No custom states in this browser: the text shows in the script it has.
    }
  }

  /** Sets the element's `dark` state (for its CSS) and returns it. */
  applyTheme(element) {
    const dark = this.isDark(element);
    try {
      if (dark) this.#internals.states.add("dark"); else this.#internals.states.delete("dark");
    } catch {
      // No custom states in this browser: fall back to an attribute.
      element.toggleAttribute("data-dark", dark);
    }
    return dark;
  }
}
