// The permalink (maps with the `permalink` attribute): keeps the view,
// layers, language, selection and tour step in the URL hash, and applies
// the hash when it changes (Back, Forward, a pasted link). Discrete changes
// push a history entry so Back undoes them; panning and zooming replace the
// entry, at most once per 400 ms.
//
// Two guards keep it from chasing its own echo: nothing is written while a
// hash is being applied, and nothing at all until the hash the page was
// opened with has been applied once.

import { langOf } from "../bridge-map-i18n.js";
import { parseHash, formatHash } from "../bridge-map-permalink.js";
import { Controller } from "./controller.js";


/** How long a moving view waits before it writes the hash (ms): a pan writes
 *  once it pauses, not on every frame. */
export const WRITE_DELAY_MS = 400;

export class PermalinkController extends Controller {
  /** The language the page gave the map; a hash without `lang` means this one. */
  defaultLang = null;
  #applying = false;
  #applied = false;
  #timer = 0;

  listen(signal) {
    window.addEventListener("hashchange", () => this.read(), { signal });
    window.addEventListener("popstate", () => this.read(), { signal });
  }

  stopped() {
    this.#applied = false;
  }

  /** True while the hash is being applied: what it sets is a jump, not a
   *  move the visitor should watch. */
  get applying() {
    return this.#applying;
  }

  get #on() {
    return Boolean(this.map) && this.host.element.hasAttribute("permalink");
  }

  /** Applies the page's hash, then starts writing it. */
  start() {
    this.read();
    this.#applied = true;
    this.write(false);
  }

  /** Before the map mounts: takes the hash's language, so that the first
   *  overlay download is the pack of the language the map will show. */
  applyLanguage() {
    const el = this.host?.element;
    if (!el?.hasAttribute("permalink")) return;
    this.defaultLang ??= langOf(el.getAttribute("lang"));
    const lang = parseHash(location.hash).lang;
    if (lang && lang !== el.getAttribute("lang")) el.setAttribute("lang", lang);
  }

  /** Applies the URL hash to the map. */
  read() {
    if (!this.#on) return;
    const { element: el, map } = this.host;
    const state = parseHash(location.hash);
    // Each part on its own: a part the map cannot use is ignored with a
    // warning and an `error` event (attribute "permalink"), the rest still
    // applies. Keys the map does not own are the page's, and left alone.
    const part = (key, value, apply) => {
      try {
        apply();
      } catch (err) {
        this.host.warn("permalink", `${key}=${value}`, err);
      }
    };
    this.#applying = true;
    try {
      // No `lang` in the hash means the page's own language (Back to an
      // entry from before a language switch must switch back).
      const lang = state.lang ?? this.defaultLang;
      if (lang && lang !== el.getAttribute("lang")) el.setAttribute("lang", lang);
      if (state.layers != null) part("l", state.layers, () => { map.layers = state.layers; });
      const step = state.step ?? null;
      if (step !== el.step) {
        if (step == null) el.removeAttribute("step"); else el.setAttribute("step", String(step));
      }
      if (state.view) part("v", Object.values(state.view), () => { map.view = state.view; });
      if ((state.sel ?? null) !== (map.selected?.id ?? null)) map.select(state.sel ?? undefined);
    } finally {
      this.#applying = false;
    }
    this.host.refresh();
  }

  /** Writes the state into the hash: a history entry for discrete changes
   *  (`push`), a replaced entry for panning and zooming. */
  /** The view moving replaces the history entry; a selection, a tour step
   *  or a layer switch adds one (Back undoes it). */
  mapEvent(type) {
    if (type === "viewchange") this.write(false);
    else if (type === "select" || type === "tourstep" || type === "layerschange") this.write(true);
  }

  write(push) {
    if (!this.#on || this.#applying || !this.#applied) return;
    const write = () => {
      if (!this.#on) return;
      const { element: el, map } = this.host;
      const lang = langOf(el.getAttribute("lang"));
      const hash = formatHash({
        view: map.view, layers: map.layers, lang: lang === this.defaultLang ? null : lang,
        sel: map.selected?.id ?? null, step: el.step,
      }, location.hash);
      if (hash === location.hash.replace(/^#/, "")) return;
      const url = `${location.pathname}${location.search}#${hash}`;
      if (push) history.pushState(null, "", url); else history.replaceState(null, "", url);
    };
    this.cancel(this.#timer);
    if (push) write(); else this.#timer = this.later(write, WRITE_DELAY_MS);
  }
}
