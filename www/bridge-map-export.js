// What a visitor takes away, loaded only when first asked for (the bundles
// import it from beside themselves, see tools/package.mjs):
// - "Download PNG": the current view at 2×, with a title, the legend and the
//   attribution drawn on, as a person would want to paste it into a slide;
// - "Download data": the overlay as GeoJSON or CSV, written by the core;
// - "Embed this view": the content of the share dialog, an <iframe> and a
//   <bridge-map> code that open the map as it is now.

import { VOCABULARY } from "./bridge-map-vocabulary.js";
import { h } from "./bridge-map-panels.js";

/** One legend row's stroke over its casing, as the canvas draws the route. */
function drawSwatch(ctx, s, x, y, casing) {
  ctx.save();
  ctx.lineCap = "round";
  ctx.strokeStyle = casing;
  ctx.lineWidth = s.width + 2;
  ctx.setLineDash([]);
  ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 30, y); ctx.stroke();
  ctx.strokeStyle = s.color;
  ctx.lineWidth = s.width;
  ctx.setLineDash(s.dash[0] > 0 ? s.dash : []);
  ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 30, y); ctx.stroke();
  ctx.restore();
}

/**
 * Renders the map into a new canvas at `scale` and decorates it.
 * @returns {Promise<Blob>}
 */
export async function exportPng(map, { width, height, scale = 2, t, legend, dark }) {
  const canvas = document.createElement("canvas");
  map.renderTo(canvas, scale);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  // The map renderer leaves its own text settings behind (centred labels).
  ctx.textAlign = "left";
  ctx.setLineDash([]);
  const font = (weight, size) => `${weight} ${size}px ${VOCABULARY.fontFamilies}`;
  const panel = dark ? "rgba(16,24,31,0.92)" : "rgba(255,255,255,0.92)";
  const palette = VOCABULARY.palette[dark ? "dark" : "light"];
  const ink = palette["node-stroke"];

  // Title, top left.
  ctx.font = font(700, 20);
  const tw = ctx.measureText(t.pngTitle).width;
  ctx.fillStyle = panel;
  ctx.fillRect(12, 12, tw + 28, 40);
  ctx.fillStyle = ink;
  ctx.textBaseline = "middle";
  ctx.fillText(t.pngTitle, 26, 32);

  // Legend, bottom left.
  const rows = legend.filter((s) => t.legend[s.key]);
  ctx.font = font(500, 12);
  const lw = Math.max(...rows.map((s) => ctx.measureText(t.legend[s.key]).width)) + 60;
  const lh = rows.length * 18 + 34;
  const ly = height - lh - 30;
  ctx.fillStyle = panel;
  ctx.fillRect(12, ly, lw, lh);
  ctx.fillStyle = ink;
  ctx.font = font(700, 12);
  ctx.fillText(t.legendTitle, 24, ly + 14);
  ctx.font = font(500, 12);
  rows.forEach((s, i) => {
    const y = ly + 34 + i * 18;
    drawSwatch(ctx, s, 24, y, palette.casing);
    ctx.fillStyle = ink;
    ctx.fillText(t.legend[s.key], 62, y);
  });

  // Attribution, bottom right.
  ctx.font = font(500, 11);
  const aw = ctx.measureText(t.attribution).width + 12;
  ctx.fillStyle = panel;
  ctx.fillRect(width - aw, height - 18, aw, 18);
  ctx.fillStyle = ink;
  ctx.fillText(t.attribution, width - aw + 6, height - 9);

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
}

/** Overlay files fetched for an export, parsed, by URL (each fetched once). */
const fetched = new Map();

/** The wasm of "Download data" (src/web/export_only.rs), started once. */
let writer = null;

/**
 * The overlay as a File of `format` ("geojson" or "csv"), written by the
 * core's export wasm (loaded now, the first time): from `data` (a host's
 * object or JSON text) or else from `url` (the shipped data/bridge.json,
 * with every language, or a host's `data` attribute). Named after the
 * format version and today's date (UTC).
 * @returns {Promise<File>}
 */
export async function exportData({ data = null, url = null }, format) {
  writer ??= import("../pkg/export/bridge_map_export.js").then(async (m) => { await m.default(); return m.exportData; });
  writer.catch(() => { writer = null; }); // a failed download is tried again next time
  if (data == null && url) {
    if (!fetched.has(url)) {
      fetched.set(url, fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return r.json();
      }));
      fetched.get(url).catch(() => fetched.delete(url));
    }
    data = await fetched.get(url);
  } else if (typeof data === "string") {
    data = JSON.parse(data);
  }
  const [name, type, text] = (await writer)(data, format, new Date().toISOString().slice(0, 10));
  return new File([text], name, { type });
}

/** Where this repository's site serves a file: beside www/ and pkg/. */
const site = (file) => new URL(`../${file}`, import.meta.url).href;

/** `s` in an HTML attribute value, quoted. */
const attr = (s) => `"${String(s).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;")}"`;

/**
 * The two embed codes for the map as it is: language, layers, view
 * (lon/lat to 4 decimals, about 10 m; zoom to 2) and tour step.
 * @returns {{frame: string, element: string}}
 */
export function embedCodes({ lang, layers, view, step, title }) {
  const v = `${view.lon.toFixed(4)},${view.lat.toFixed(4)},${view.zoom.toFixed(2)}`;
  const params = new URLSearchParams({ lang, layers: layers.join(","), view: v });
  if (step != null) params.set("step", String(step));
  // URLSearchParams writes "," as %2C; both read alike, the comma is easier on the eye.
  const src = `${site("www/embed.html")}?${params.toString().replace(/%2C/g, ",")}`;
  const frame = `<iframe src=${attr(src)} title=${attr(title)} width="100%" height="480"></iframe>`;
  const element = `<script type="module" src=${attr(site("pkg/bridge-map.bundle.js"))}></script>\n` +
    `<bridge-map lang=${attr(lang)} layers=${attr(layers.join(","))} view=${attr(v)}${step != null ? ` step=${attr(step)}` : ""} embed></bridge-map>`;
  return { frame, element };
}

/** Tab and Shift+Tab wrap round the share dialog, so focus stays in it.
 *  (The dialog's keydown, handled here once this module is in: the dialog
 *  is only open after it has loaded.) */
export function trapFocus(e, share) {
  if (e.key !== "Tab" || !share.host) return;
  const all = [...share.dialog.querySelectorAll("button, textarea")];
  const at = share.host.root.activeElement;
  if (e.shiftKey && at === all[0]) { e.preventDefault(); all.at(-1).focus(); }
  else if (!e.shiftKey && at === all.at(-1)) { e.preventDefault(); all[0].focus(); }
}

/**
 * The overlay as a File of `format`, for the share dialog and
 * el.exportData: the shipped overlay fetched whole (data/bridge.json, every
 * language; the map holds one language's pack), or a host's own data
 * (`el.data`, else the `data` attribute's file) as it was given.
 * @returns {Promise<File>}
 */
export async function shareFile(share, format) {
  if (!VOCABULARY.exportFormats.includes(format)) {
    throw new TypeError(`bridge-map: unknown format ${JSON.stringify(format)}: use ${VOCABULARY.exportFormats.join(" or ")}`);
  }
  const el = share.host?.element;
  if (!el) throw new Error("bridge-map: the map is not in the page");
  const given = el.getAttribute("data");
  const source = el.data != null ? { data: el.data } : { url: given ? new URL(given, document.baseURI).href : share.fullDataUrl };
  if (!source.data && !source.url) throw new Error("bridge-map: no overlay data to export");
  return exportData(source, format);
}

/** The share dialog's texts, in the languages the data is written in: they
 *  come with this module, when the dialog is first opened, not in the first
 *  download. Latin Kazakh reads the Kazakh, written in Latin by the core
 *  (controllers/share.js hands them over through inScript). */
export const SHARE = {
  en: {
    shareTitle: "Embed and download",
    embedTitle: "Embed this view",
    embedText: "Paste either code into a web page: the map opens at this view, with these layers, in this language and at this tour step.",
    embedFrame: "Iframe, for any page",
    embedElement: "Element, for pages that load the map's script",
    copy: "Copy",
    copied: "Copied to the clipboard.",
    copyFailed: "The browser did not allow copying: the code is selected, copy it with the keyboard.",
    dataTitle: "Download data",
    dataText: "Routes, places and events as GeoJSON, or every figure with its year and sources as CSV, with names and texts in every language of the map's data.",
    dataGeoJson: "Download GeoJSON",
    dataCsv: "Download CSV",
    dataFailed: "The data could not be downloaded.",
  },
  kk: {
    shareTitle: "Енгізу және жүктеп алу",
    embedTitle: "Осы көріністі енгізу",
    embedText: "Төмендегі екі кодтың кез келгенін веб-бетке қойыңыз: карта осы көріністе, осы қабаттармен, осы тілде және шолудың осы қадамында ашылады.",
    embedFrame: "«iframe» коды\u00a0— кез келген бетке",
    embedElement: "Элемент\u00a0— картаның скриптін жүктейтін беттерге",
    copy: "Көшіру",
    copied: "Алмасу буферіне көшірілді.",
    copyFailed: "Браузер көшіруге рұқсат бермеді: код белгіленді, оны пернетақта арқылы көшіріңіз.",
    dataTitle: "Деректерді жүктеп алу",
    dataText: "Бағыттар, орындар мен оқиғалар GeoJSON пішімінде, ал әр көрсеткіш жылымен және дереккөздерімен бірге CSV пішімінде беріледі; атаулар мен мәтіндер карта деректерінің барлық тілінде.",
    dataGeoJson: "GeoJSON жүктеп алу",
    dataCsv: "CSV жүктеп алу",
    dataFailed: "Деректерді жүктеп алу мүмкін болмады.",
  },
  ru: {
    shareTitle: "Встраивание и данные",
    embedTitle: "Встроить этот вид",
    embedText: "Вставьте любой из этих кодов на веб-страницу: карта откроется в этом виде, с этими слоями, на этом языке и на этом шаге обзора.",
    embedFrame: "Код «iframe»\u00a0— для любой страницы",
    embedElement: "Элемент\u00a0— для страниц, которые загружают скрипт карты",
    copy: "Копировать",
    copied: "Скопировано в буфер обмена.",
    copyFailed: "Браузер не разрешил копирование: код выделен, скопируйте его с клавиатуры.",
    dataTitle: "Скачать данные",
    dataText: "Маршруты, пункты и события в формате GeoJSON или все показатели с указанием года и источников в формате CSV; названия и тексты\u00a0— на всех языках данных карты.",
    dataGeoJson: "Скачать GeoJSON",
    dataCsv: "Скачать CSV",
    dataFailed: "Не удалось скачать данные.",
  },
};

/** Fills the share dialog (controllers/share.js) for the map as it is now,
 *  with its texts `s` (SHARE's, in the host's language), keeping focus on
 *  the control that had it. */
export function fillShare(share, s) {
  const { host, content } = share;
  const controls = () => [...content.querySelectorAll("button, textarea")];
  const keep = controls().indexOf(host.root.activeElement);
  content.replaceChildren(...buildShare(host, s, {
    announce: (text) => host.announce(text),
    save: (format) => shareFile(share, format).then((f) => share.download.offer(f, f.name), () => host.announce(s.dataFailed)),
  }));
  if (keep >= 0) controls()[keep]?.focus();
}

let sheet = null;

/**
 * The share dialog's content in the host's language: the embed codes of
 * the view on screen with their copy buttons, and the data downloads.
 * @param {object} host  the element's facade (controllers/controller.js)
 * @param {object} s  the dialog's texts (SHARE's, in the host's language)
 * @param {{announce: (text: string) => void, save: (format: string) => void}} actions
 */
export function buildShare(host, s, { announce, save }) {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`.share textarea { box-sizing: border-box; width: 100%; height: 4.6em; font: 12px/1.4 ui-monospace, monospace;
  resize: vertical; border: 1px solid var(--line); border-radius: 4px; background: var(--btn); color: var(--ink); }
.share label { display: block; margin: 8px 0 3px; font-weight: 600; }
.share .row { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 6px; }`);
  }
  if (!host.root.adoptedStyleSheets.includes(sheet)) host.root.adoptedStyleSheets = [...host.root.adoptedStyleSheets, sheet];
  const { t, map, element } = host;
  const codes = embedCodes({ lang: host.lang, layers: map.layers, view: map.view, step: element.step, title: t.region });
  const title = h("h2", null, s.shareTitle);
  title.id = "share-title";
  const block = (id, label, code) => {
    const box = h("textarea");
    box.id = `share-${id}`;
    box.readOnly = true;
    box.spellcheck = false;
    box.value = code;
    const l = h("label", null, label);
    l.htmlFor = box.id;
    const copy = h("button", "copy", s.copy);
    copy.type = "button";
    copy.dataset.code = id;
    copy.setAttribute("aria-describedby", l.id = `${box.id}-label`);
    copy.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(code);
        announce(s.copied);
      } catch {
        // Refused (no permission, an insecure page): select the code, so a
        // keyboard shortcut copies it, and try the older command.
        box.focus();
        box.select();
        let done = false;
        try { done = document.execCommand("copy"); } catch { /* not supported */ }
        announce(done ? s.copied : s.copyFailed);
      }
    });
    return [l, box, h("div", "row", copy)];
  };
  const buttons = h("div", "row");
  for (const [format, label] of [["geojson", s.dataGeoJson], ["csv", s.dataCsv]]) {
    const b = h("button", null, label);
    b.type = "button";
    b.dataset.format = format;
    b.addEventListener("click", () => save(format));
    buttons.append(b);
  }
  return [title, h("h3", null, s.embedTitle), h("p", null, s.embedText),
    ...block("frame", s.embedFrame, codes.frame), ...block("element", s.embedElement, codes.element),
    h("h3", null, s.dataTitle), h("p", null, s.dataText), buttons];
}
