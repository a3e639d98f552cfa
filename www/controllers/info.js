// The info panel (role="dialog"): the selected route, place or event with
// its mode, status, length, figures and sources. Closed by × or Escape
// (which clear the selection); when a keyboard user opened it from the text
// twin, focus goes into the panel and back to that button afterwards.

import { h, buildInfo } from "../bridge-map-panels.js";
import { Controller, attrs, button } from "./controller.js";

export class InfoController extends Controller {
  node = attrs(h("section", "card info"), { part: "info", role: "dialog", "aria-labelledby": "info-title" });
  close = button("close");
  content = h("div", "content");
  /** The button to give focus back to when the panel closes (keyboard users). */
  returnFocus = null;
  #id = null;

  constructor() {
    super();
    this.node.append(this.close, this.content);
    this.node.hidden = true;
  }

  listen(signal) {
    this.close.addEventListener("click", () => this.host.element.select(null), { signal });
  }

  text(t) {
    this.close.textContent = "×";
    this.close.setAttribute("aria-label", t.panel.close);
  }

  get isOpen() {
    return !this.node.hidden;
  }

  /** Shows the details of feature `id`, or closes the panel for null. */
  mapEvent(type, detail) {
    if (type === "select") this.show(detail && detail.kind !== "country" ? detail.id : null);
  }

  show(id) {
    this.#id = id;
    const d = id && this.map ? this.map.details(id) : null;
    if (!d) {
      const wasOpen = this.isOpen;
      this.node.hidden = true;
      // A closed panel keeps nothing of the feature it showed: a corridor's
      // figures and sources are a couple of hundred nodes, which would
      // otherwise stay in the page until the next feature is opened.
      this.content.replaceChildren();
      // Back to the twin button that opened the panel (keyboard users).
      if (wasOpen && this.returnFocus?.isConnected) this.returnFocus.focus();
      this.returnFocus = null;
      return;
    }
    this.content.replaceChildren(...buildInfo(d, this.host.t, this.host.lang));
    this.node.hidden = false;
    // Opened from the keyboard: take focus into the panel.
    if (this.returnFocus) this.close.focus();
  }

  /** Rebuilds the panel (language, theme or data changed). */
  refresh() {
    this.show(this.#id);
  }

  hide() {
    this.node.hidden = true;
  }
}
