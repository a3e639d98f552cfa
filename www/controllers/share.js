// "Embed and download" (role="dialog"), opened by the </> button among the
// map controls: the embed codes of the view on screen (an <iframe> of
// embed.html and a <bridge-map> element), each with a copy button, and the
// overlay's data as GeoJSON or CSV (el.exportData). Focus moves into it,
// stays in it (Tab and Shift+Tab wrap) and returns to the button when
// Escape or × closes it. All but its frame is in bridge-map-export.js,
// loaded when the dialog is first opened or data first asked for: it stays
// out of the first download, as the PNG export does.

import { inScript } from "../bridge-map-i18n.js";
import { h } from "../bridge-map-panels.js";
import { VOCABULARY } from "../bridge-map-vocabulary.js";
import { Controller, attrs, button } from "./controller.js";

const lazy = () => import("../bridge-map-export.js");

export class ShareController extends Controller {
  dialog = attrs(h("section", "card about share"), { part: "share", role: "dialog", "aria-labelledby": "share-title" });
  close = button("close", "×");
  content = h("div", "content");
  /** The </> button; the map controls hold it. */
  button = button("share-button", "</>");
  /** bridge-map-export.js, once loaded (the dialog opens only after). */
  #module = null;

  /**
   * @param {import("./download.js").DownloadController} download  saves files
   * @param {string|null} fullDataUrl  the shipped overlay in every language (data/bridge.json)
   * @param {() => void} [opened]  called as the dialog opens (the About box,
   *   which takes the same place, closes)
   */
  constructor(download, fullDataUrl, opened = () => {}) {
    super();
    this.opened = opened;
    this.download = download;
    this.fullDataUrl = fullDataUrl;
    this.dialog.append(this.close, this.content);
    this.dialog.hidden = true;
  }

  listen(signal) {
    this.button.addEventListener("click", () => this.open(), { signal });
    this.close.addEventListener("click", () => this.shut(), { signal });
    // At once, not after an import: a key's default happens in its event.
    this.dialog.addEventListener("keydown", (e) => this.#module?.trapFocus(e, this), { signal });
  }

  text(t) {
    this.close.setAttribute("aria-label", t.panel.close);
    this.button.setAttribute("aria-label", t.share);
    this.button.title = t.share;
    if (this.isOpen) this.build();
  }

  get isOpen() {
    return !this.dialog.hidden;
  }

  async open() {
    await this.build();
    if (!this.map) return;
    this.opened();
    this.dialog.hidden = false;
    this.close.focus();
  }

  shut() {
    this.dialog.hidden = true;
    this.button.focus();
  }

  hide() {
    this.dialog.hidden = true;
  }

  /** The view moved, the layers or the step changed: the codes follow. */
  mapEvent(type) {
    if (this.isOpen && /^(viewchange|layerschange|tourstep)$/.test(type)) this.build();
  }

  /** Fills the dialog in the language now in force, for the view now shown. */
  async build() {
    const m = this.#module = await lazy();
    if (this.map) m.fillShare(this, inScript(this.host.lang, m.SHARE[VOCABULARY.dataLanguage[this.host.lang]]));
  }

  /** The overlay as a File of `format` ("geojson" or "csv"): see el.exportData. */
  async file(format) {
    return (await lazy()).shareFile(this, format);
  }
}
