// The loader: downloads the geometry and the overlay data (one download per
// URL for every map on the page), shows "Loading…" until the first frame,
// and the data-error banner (role="alert") when overlay data cannot be used.
// A bad overlay leaves the map usable, so it is a banner, not the fatal
// error state. Once the map is ready it fetches the full-detail geometry the
// base file names; if that fails the map keeps its coarse level. When a view
// first comes close (the map's `fineUrl()` says so) it fetches the fine
// geometry the base file names; if that fails the map keeps the full detail.

import { h, buildError } from "../bridge-map-panels.js";
import { Controller, attrs } from "./controller.js";
import { VOCABULARY } from "../bridge-map-vocabulary.js";

// A download that has not finished in this time has stalled (the shipped
// files are 5–130 KB; on a 1.6 Mbps phone link the largest takes about a
// second): it fails, and the visitor can try again.
const TIMEOUT_S = 20;

// One download per URL for every map on the page (and every remount).
const fetched = new Map();
function fetchOnce(url, read) {
  const key = `${read}:${url}`;
  if (!fetched.has(key)) {
    const p = fetch(url, { signal: AbortSignal.timeout(TIMEOUT_S * 1000) }).then((r) => {
      if (!r.ok) throw Object.assign(new Error(`HTTP ${r.status}`), { status: r.status });
      return read === "bytes" ? r.arrayBuffer().then((b) => new Uint8Array(b)) : r.text();
    }).catch((err) => {
      throw err?.name === "TimeoutError" ? new Error(`no answer in ${TIMEOUT_S} s`) : err;
    });
    // A failed download may succeed later: do not keep the failure.
    p.catch(() => fetched.delete(key));
    fetched.set(key, p);
  }
  return fetched.get(key);
}

// Detail files that failed, so each is reported once per page.
const warned = new Set();

export class LoaderController extends Controller {
  status = attrs(h("div", "status"), { part: "status", "aria-live": "polite" });
  dataError = attrs(h("div", "data-error"), { part: "data-error", role: "alert" });
  #geometryUrl;
  #dataUrl;
  #outlineUrl;
  /** Until the map is ready, the shipped overlay loads as its outline. */
  #firstMap = true;
  /** {url, text}: the overlay download prefetchData() started. */
  #prefetched = null;
  /** The newest data() call: an older one that finishes later gives way. */
  #latest = null;
  /** Identifies the newest #load, which alone may apply its data. */
  #token = null;
  /** The map the fine geometry was asked for: once per map. */
  #fineFor = null;

  /**
   * @param {string|Uint8Array} geometryUrl  default geometry (URL, or the bytes themselves)
   * @param {string|((lang: string) => string)|null} dataUrl  default overlay
   *   data: one URL, or the URL of each language's pack (the shipped
   *   overlay comes as one pack per language, data/bridge.<lang>.json)
   * @param {((lang: string) => string)|null} outlineUrl  the URL of each
   *   pack's outline (data/bridge.<lang>.outline.json), drawn before the
   *   pack: the first map needs the names, not the texts of open features
   */
  constructor(geometryUrl, dataUrl, outlineUrl = null) {
    super();
    this.#geometryUrl = geometryUrl;
    this.#dataUrl = dataUrl;
    this.#outlineUrl = outlineUrl;
    this.dataError.hidden = true;
  }

  text(t) {
    this.status.textContent = t.loading;
  }

  /** "Loading…" until the first frame. */
  mapEvent(type) {
    if (type === "ready") this.loading(false);
    if (type === "viewchange") this.fine(this.host?.element.getAttribute("geometry"));
  }

  loading(on) {
    this.status.hidden = !on;
  }

  hide() {
    this.status.hidden = true;
  }

  /** The geometry bytes from `url` (the `geometry` attribute), else the default. */
  async geometry(url) {
    url ||= this.#geometryUrl;
    if (url instanceof Uint8Array) return url;
    try {
      return await fetchOnce(url, "bytes");
    } catch (err) {
      throw new Error(err.status
        ? `Could not download the map geometry from ${url} (HTTP ${err.status}).`
        : `Could not download the map geometry from ${url}: ${err.message}`);
    }
  }

  /** Starts downloading the overlay data the map will ask for (the `data`
   *  attribute's URL, else the shipped overlay), so it arrives while the
   *  wasm and the geometry load; data() then finds it. */
  prefetchData() {
    const url = this.#url();
    // Kept until data() takes it, even when it fails: a failed download is
    // reported once, not fetched a second time.
    this.#prefetched = url ? { url, text: fetchOnce(url, "text") } : null;
  }

  /** After `ready`: fetches the full-detail geometry that the geometry file
   *  at `url` (the `geometry` attribute, else the default) names, and hands
   *  it to the map. A failure leaves the coarse level and logs one warning. */
  detail(url) {
    const map = this.host?.map;
    return this.#more(map?.detailUrl(), url, (bytes) => map.addDetail(bytes), "detailed", "its coarse level");
  }

  /** When the map asks for it (a view close enough), fetches the fine
   *  geometry that the geometry file at `url` (the `geometry` attribute,
   *  else the default) names, once per map, and hands it over. A failure
   *  leaves the full detail and logs one warning. */
  fine(url) {
    const map = this.host?.map;
    if (!map || this.#fineFor === map) return undefined;
    const name = map.fineUrl();
    if (name) this.#fineFor = map;
    return this.#more(name, url, (bytes) => map.addFine(bytes), "fine", "the 1:50m detail");
  }

  /** Fetches the geometry file `name` (relative to the geometry file at
   *  `url`) and gives its bytes to `add`, unless the map was replaced
   *  meanwhile; a failure is reported once per page. */
  async #more(name, url, add, what, keeps) {
    const host = this.host;
    const map = host?.map;
    url ||= this.#geometryUrl;
    if (!name || typeof url !== "string") return;
    const full = new URL(name, new URL(url, document.baseURI)).href;
    try {
      const bytes = await fetchOnce(full, "bytes");
      if (host.map === map) add(bytes);
    } catch (err) {
      if (warned.has(full)) return;
      warned.add(full);
      console.warn(`bridge-map: could not use the ${what} geometry ${full} (${err.message}); the map keeps ${keeps}`);
    }
  }

  /** The overlay's URL: the `data` attribute's, else the shipped
   *  overlay's (the pack of the language the element's reads: kk-Latn
   *  reads kk's, which the core writes in Latin). */
  #url() {
    const own = this.host?.element.getAttribute("data");
    if (own) return own;
    const lang = VOCABULARY.dataLanguage[this.host?.lang] ?? "en";
    if (this.#firstMap && this.#outlineUrl && this.perLanguage) return this.#outlineUrl(lang);
    return typeof this.#dataUrl === "function" ? this.#dataUrl(lang) : this.#dataUrl;
  }

  /** After `ready`: the shipped overlay's texts. Swaps the outline drawn
   *  first for the whole pack (the view, selection and tour step stay);
   *  nothing to do when the host gave the data (`hostData`). */
  texts(hostData) {
    if (!this.#firstMap) return undefined;
    this.#firstMap = false;
    const map = this.host?.map;
    if (hostData || !map || !this.#outlineUrl || !this.perLanguage || map.stats().texts) return undefined;
    return this.data(null);
  }

  /** True when the overlay in use depends on the language: the shipped
   *  packs, with no `data` attribute. */
  get perLanguage() {
    return typeof this.#dataUrl === "function" && !this.host?.element.getAttribute("data");
  }

  /** Applies `data` (the `data` property), else the `data` attribute's URL,
   *  else the overlay shipped with the map; a failure shows the banner and
   *  fires `dataerror`. When calls overlap (a visitor switching languages
   *  quickly), the newest wins and every caller waits for it. */
  data(data) {
    const load = this.#load(data).then((applied) => (applied || load === this.#latest ? undefined : this.#latest));
    this.#latest = load;
    return load;
  }

  /** The data banner's button: downloads the overlay again, afresh (a
   *  download still stalled is not waited for a second time). */
  #again() {
    fetched.delete(`text:${this.#url()}`);
    this.#prefetched = null;
    return this.data(null);
  }

  /** One data() call; false when a newer call took over before it applied. */
  async #load(data) {
    // The element may be removed while the download runs: keep its facade.
    const host = this.host;
    if (!host) return true;
    const box = this.dataError;
    const mine = {};
    this.#token = mine;
    try {
      const url = this.#url();
      if (data == null && url) {
        const pre = this.#prefetched;
        this.#prefetched = null;
        try {
          data = await (pre?.url === url ? pre.text : fetchOnce(url, "text"));
        } catch (err) {
          // A download may succeed when tried again; bad data would not.
          throw Object.assign(new Error(`could not download the overlay data from ${url} (${err.message})`), { retry: true });
        }
      }
      if (typeof data === "string") {
        try {
          data = JSON.parse(data);
        } catch (err) {
          throw new Error(`invalid overlay data: not JSON (${err.message})`);
        }
      }
      if (this.#token !== mine) return false;
      if (!host.map) return true;
      host.map.setData(data);
      // Only now: a banner about data that could not be used stays while
      // the next attempt downloads, instead of flickering away and back.
      box.hidden = true;
    } catch (err) {
      if (this.#token !== mine) return false;
      const message = err instanceof Error ? err.message : String(err);
      console.error(`bridge-map: ${message}`);
      box.replaceChildren(...buildError(host.t.dataError, host.t.errorDetails, message, err?.retry ? { label: host.t.retry, run: () => this.#again() } : null));
      box.hidden = false;
      host.emit("dataerror", { message });
    }
    host.refresh();
    return true;
  }
}
