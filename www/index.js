// The full-page shell: language buttons and the title in the map's
// languages (Latin Kazakh is the Kazakh title written by the core).
// The map itself keeps the URL hash (view, layers, language, selection and
// tour step) because it has the `permalink` attribute.
// The page loads this script bundled with the element (pkg/index.bundle.js,
// made by tools/package.mjs).
import "./bridge-map.js";
import { setPageVocabulary } from "./bridge-map-styles.js";
import { inScript, isLang, langOf, transliterationReady } from "./bridge-map-i18n.js";
import { VOCABULARY } from "./bridge-map-vocabulary.js";

const map = document.getElementById("map");

// The page's own chrome uses the map's palette and font (see index.css).
setPageVocabulary();
const TITLES = {
  en: ["Kazakhstan: the bridge between East and West", "Trade routes, energy links and diplomacy that cross the steppe. Drag to pan, scroll or pinch to zoom, click a route for its facts."],
  kk: ["Қазақстан: Шығыс пен Батыс арасындағы көпір", "Даланы кесіп өтетін сауда жолдары, энергетикалық байланыстар мен дипломатия. Картаны жылжыту үшін сүйреңіз, масштабын тінтуір дөңгелегімен немесе екі саусақпен өзгертіңіз, толық мәлімет үшін бағытты басыңыз."],
  ru: ["Казахстан: мост между Востоком и Западом", "Торговые пути, энергетические связи и дипломатия через степь. Перетаскивайте карту, меняйте масштаб колесом или жестом, нажмите на маршрут, чтобы увидеть факты."],
};

function showLang() {
  const given = map.getAttribute("lang");
  const l = isLang(given) ? langOf(given) : "en";
  for (const b of document.querySelectorAll(".langs button")) b.setAttribute("aria-pressed", String(b.dataset.lang === l));
  // Latin Kazakh waits for the core to write it (a moment after load).
  const titles = inScript(l, TITLES[VOCABULARY.dataLanguage[l]]);
  if (!titles) return;
  document.documentElement.lang = l;
  const [title, text] = titles;
  document.title = `${title} — Bridge Map`;
  document.querySelector('meta[name="description"]')?.setAttribute("content", text);
  document.querySelector(".title h1").textContent = title;
  document.querySelector(".title p").textContent = text;
}

for (const b of document.querySelectorAll(".langs button")) {
  b.addEventListener("click", () => map.setAttribute("lang", b.dataset.lang));
}
// The map may change language itself (from a permalink): follow it.
new MutationObserver(showLang).observe(map, { attributes: true, attributeFilter: ["lang"] });
showLang();
transliterationReady.then(showLang);

// The map's own panels start below the title card, whatever its height in
// the current language.
new ResizeObserver(() => {
  const bottom = document.querySelector(".title").getBoundingClientRect().bottom;
  map.style.setProperty("--bridge-map-inset-top", `${Math.ceil(bottom + 10)}px`);
}).observe(document.querySelector(".title"));
