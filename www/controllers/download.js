// PNG export: the download button among the map controls, and the saving
// of files: the picture that bridge-map-export.js draws (the current view
// at 2×, with title, legend and attribution) as bridge-map.png, and the
// data files of the share dialog (offer). That module is
// loaded when a picture is first asked for: few visitors download one, and
// it stays out of the first download (tools/package.mjs ships it beside the
// bundles, as pkg/bridge-map-export.js).

import { Controller, button } from "./controller.js";

export class DownloadController extends Controller {
  button = button("download", "⤓");
  #urls = new Set(); // object URLs not yet revoked

  listen(signal) {
    this.button.addEventListener("click", () => this.host.element.download(), { signal });
  }

  text(t) {
    this.button.setAttribute("aria-label", t.download);
    this.button.title = t.download;
  }

  /** Renders, offers the file for download, and returns the PNG blob. */
  async save() {
    const host = this.host;
    const map = this.map;
    if (!map) return;
    const { exportPng } = await import("../bridge-map-export.js");
    const blob = await exportPng(map, {
      width: host.element.clientWidth, height: host.element.clientHeight, scale: 2, t: host.t, legend: map.legend(), dark: host.dark,
    });
    this.offer(blob, "bridge-map.png");
    return blob;
  }

  /** Offers `blob` for download as `name` (the PNG, or the data files of
   *  the share dialog). */
  offer(blob, name) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = name;
    a.click();
    // The browser reads the URL after the click; let it go a moment later
    // (or at once if the map was removed meanwhile: no timer outlives it).
    this.#urls.add(a.href);
    if (this.host) this.later(() => this.#revoke(a.href), 1000);
    else this.#revoke(a.href);
  }

  stopped() {
    for (const url of this.#urls) this.#revoke(url);
  }

  #revoke(url) {
    URL.revokeObjectURL(url);
    this.#urls.delete(url);
  }
}
