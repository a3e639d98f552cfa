// The About box (role="dialog"): what the map shows and whom it credits,
// opened by the "i" button among the map controls. Focus moves to its close
// button and returns to the "i" button when it closes. Its texts are loaded
// when it is first opened (bridge-map-about.js: few visitors open it).

import { h, linkTo } from "../bridge-map-panels.js";
import { inScript } from "../bridge-map-i18n.js";
import { VOCABULARY } from "../bridge-map-vocabulary.js";
import { Controller, attrs, button } from "./controller.js";

export class AboutController extends Controller {
  dialog = attrs(h("section", "card about"), { part: "about", role: "dialog", "aria-labelledby": "about-title" });
  close = button("close");
  content = h("div", "content");
  /** The "i" button; the map controls hold it. */
  button = button("about-button", "i");

  /** @param {() => void} [opened]  called as the box opens (the share
   *  dialog, which takes the same place, closes) */
  constructor(opened = () => {}) {
    super();
    this.opened = opened;
    this.dialog.append(this.close, this.content);
    this.dialog.hidden = true;
  }

  listen(signal) {
    this.button.addEventListener("click", () => this.open(), { signal });
    this.close.addEventListener("click", () => this.shut(), { signal });
  }

  text(t) {
    this.close.textContent = "×";
    this.close.setAttribute("aria-label", t.panel.close);
    this.button.setAttribute("aria-label", t.about);
    this.button.title = t.about;
  }

  get isOpen() {
    return !this.dialog.hidden;
  }

  /** Opens the box in the map's language; resolves once it shows. */
  async open() {
    const map = this.map;
    if (!map) return;
    const { ABOUT, buildAbout } = await import("../bridge-map-about.js");
    const host = this.host;
    if (!host || this.map !== map) return; // removed meanwhile
    const own = inScript(host.lang, ABOUT[VOCABULARY.dataLanguage[host.lang]]);
    this.content.replaceChildren(...buildAbout({ ...host.t, ...own }, map.sources(), h, linkTo));
    this.opened();
    this.dialog.hidden = false;
    this.close.focus();
  }

  shut() {
    this.dialog.hidden = true;
    // Built afresh at every opening: a closed box keeps no list of sources.
    this.content.replaceChildren();
    this.button.focus();
  }

  hide() {
    this.dialog.hidden = true;
    this.content.replaceChildren();
  }
}
