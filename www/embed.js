// The iframe page (embed.html): one full-frame <bridge-map embed>, set up
// from the query string, and a small postMessage API for the host page.
//
//   embed.html?lang=kk&step=2&layers=trade,energy&theme=dark&view=71.4,51.2,5
//             &interactive=false&origin=https://forum.example.org
//
// Host → frame:  {type: "bridge-map:setLang", lang}   "en" | "kk" | "kk-Latn" | "ru"
//                {type: "bridge-map:setStep", step}   1-based number, or null
//                {type: "bridge-map:select", id}      feature id, or null
// Frame → host:  {type: "bridge-map:ready"}
//                {type: "bridge-map:height", height}  CSS px the iframe should be
//                {type: "bridge-map:select", feature} feature or null
//                {type: "bridge-map:tourstep", detail} {step, id} or null
//
// Only messages from window.parent are obeyed. Outgoing messages go to the
// `origin` query parameter when given (and then incoming ones must come from
// it too); without it they go to "*": they carry nothing private (a height,
// a feature name that is public data), so any embedding page may read them.

import { loadText, textOf, transliterationReady } from "./bridge-map-i18n.js";
import { VOCABULARY } from "./bridge-map-vocabulary.js";
import { setPageVocabulary } from "./bridge-map-styles.js";

// The frame's background is the map's water while the map loads (embed.css).
setPageVocabulary();

const LANGS = new Set(VOCABULARY.languages);
const LAYERS = new Set(VOCABULARY.layers);
const THEMES = new Set(VOCABULARY.themes);

const map = document.getElementById("map");
const query = new URLSearchParams(location.search);
const parent = window.parent !== window ? window.parent : null;

/** The origin given by ?origin=, "*" when none, null when it is malformed. */
function targetOrigin() {
  const given = query.get("origin");
  if (given == null || given === "") return "*";
  try {
    const origin = new URL(given).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}
const TARGET = targetOrigin();
if (TARGET === null) console.warn(`bridge-map embed: ignoring malformed origin parameter; no messages are sent`);

function post(message) {
  if (!parent || TARGET === null) return;
  parent.postMessage(message, TARGET);
}

/** Features and tour details are plain data; make sure they clone. */
const plain = (value) => (value == null ? null : JSON.parse(JSON.stringify(value)));

function parseStep(value) {
  if (value === null || value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 99 ? n : undefined;
}

function parseView(value) {
  const parts = String(value).split(",").map((s) => Number(s.trim()));
  if (parts.length !== 3 || !parts.every(Number.isFinite)) return null;
  const [lon, lat, zoom] = parts;
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90 || zoom < -2 || zoom > 12) return null;
  return { lon, lat, zoom };
}

/** Switches the map, the page's language and its title (read by screen readers). */
function setLang(l) {
  map.setAttribute("lang", l);
  document.documentElement.lang = l;
  showTitle(l);
}

/** The title in language `l`, once its text is downloaded and, in Latin
 *  Kazakh, once the core can write it (a moment after load). */
function showTitle(l) {
  if (map.getAttribute("lang") !== l) return;
  const t = textOf(l);
  if (t) document.title = `${t.pngTitle} — Bridge Map`;
  else loadText(l).then(() => (textOf(l) ? showTitle(l) : transliterationReady.then(() => showTitle(l))), () => {}); // the element says why in the console
}

// --- 1. Configure the element from the query string (unknown values are ignored).
const lang = query.get("lang");
if (LANGS.has(lang)) setLang(lang);
if (query.has("layers")) {
  const layers = query.get("layers").split(",").map((s) => s.trim()).filter((s) => LAYERS.has(s));
  // "layers=" (empty) is a valid request for no overlay layers.
  if (layers.length > 0 || query.get("layers").trim() === "") map.setAttribute("layers", layers.join(","));
}
const step = parseStep(query.get("step"));
if (step != null) map.setAttribute("step", String(step));
const theme = query.get("theme");
if (THEMES.has(theme)) {
  map.setAttribute("theme", theme);
  document.documentElement.dataset.theme = theme;
}
const view = query.has("view") ? parseView(query.get("view")) : null;
if (view) map.setAttribute("view", `${view.lon},${view.lat},${view.zoom}`);
if (query.get("interactive") === "false") map.setAttribute("interactive", "false");

// --- 2. Tell the host how tall the frame should be.
const sizer = document.querySelector(".sizer");
let lastHeight = 0;
function reportHeight(always = false) {
  const height = Math.ceil(sizer.getBoundingClientRect().height);
  if (height > 0 && (always || height !== lastHeight)) {
    lastHeight = height;
    post({ type: "bridge-map:height", height });
  }
}
new ResizeObserver(() => reportHeight()).observe(sizer);

// --- 3. Forward the element's events.
map.addEventListener("select", (e) => post({ type: "bridge-map:select", feature: plain(e.detail) }));
map.addEventListener("tourstep", (e) => post({ type: "bridge-map:tourstep", detail: plain(e.detail) }));

// --- 4. Obey the host.
window.addEventListener("message", async (event) => {
  if (!parent || event.source !== parent) return;
  if (TARGET === null || (TARGET !== "*" && event.origin !== TARGET)) return;
  const msg = event.data;
  if (!msg || typeof msg !== "object" || typeof msg.type !== "string") return;
  switch (msg.type) {
    case "bridge-map:setLang":
      if (LANGS.has(msg.lang)) setLang(msg.lang);
      break;
    case "bridge-map:setStep": {
      const s = parseStep(msg.step);
      if (s !== undefined) {
        await map.ready;
        map.step = s;
      }
      break;
    }
    case "bridge-map:select":
      if (msg.id === null || typeof msg.id === "string") {
        await usable();
        map.select(msg.id);
      }
      break;
    default:
      break; // other bridge-map:* messages are the frame's own, or from a newer host
  }
});

// --- 5. Load the element now that its attributes are in place.
await import("./bridge-map.js");
// Until the element reads the `view` attribute itself, set the property.
if (view && !(customElements.get("bridge-map").observedAttributes || []).includes("view")) map.view = view;
/** el.ready resolves on the first drawn frame, which can come before the
 *  overlay data has loaded; "ready" for the host means select() works too. */
async function usable() {
  await map.ready;
  for (let i = 0; i < 100 && map.features().length === 0; i++) await new Promise((r) => setTimeout(r, 50));
}
usable().then(
  // Say the height again: the host's listener may have been added after the
  // first report (module scripts of the host page run late).
  () => { reportHeight(true); post({ type: "bridge-map:ready" }); },
  () => { /* the element shows its own error message */ },
);
