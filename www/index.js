// The full-page shell: language buttons and the title in three languages.
// The map itself keeps the URL hash (view, layers, language, selection and
// tour step) because it has the `permalink` attribute.
// The page loads this script bundled with the element (pkg/index.bundle.js,
// made by tools/package.mjs).
import "./bridge-map.js";
import { setPageVocabulary } from "./bridge-map-styles.js";

const map = document.getElementById("map");

// The page's own chrome uses the map's palette and font (see index.css).
setPageVocabulary();
const TITLES = {
  en: ["Kazakhstan: the bridge between East and West", "Trade routes, energy links and diplomacy that cross the steppe. Drag to pan, scroll or pinch to zoom, click a route for its facts."],
  kk: ["Қазақстан: Шығыс пен Батыс арасындағы көпір", "Даланы кесіп өтетін сауда жолдары, энергетикалық байланыстар мен дипломатия. Картаны жылжыту үшін сүйреңіз, масштабын тінтуір дөңгелегімен немесе екі саусақпен өзгертіңіз, толық мәлімет үшін бағытты басыңыз."],
  ru: ["Казахстан: мост между Востоком и Западом", "Торговые пути, энергетические связи и дипломатия через степь. Перетаскивайте карту, меняйте масштаб колесом или жестом, нажмите на маршрут, чтобы увидеть факты."],
};

function showLang() {
  const l = TITLES[map.getAttribute("lang")] ? map.getAttribute("lang") : "en";
  document.documentElement.lang = l;
  const [title, text] = TITLES[l];
  document.title = `${title} — Bridge Map`;
  document.querySelector('meta[name="description"]')?.setAttribute("content", text);
  document.querySelector(".title h1").textContent = title;
  document.querySelector(".title p").textContent = text;
  for (const b of document.querySelectorAll(".langs button")) b.setAttribute("aria-pressed", String(b.dataset.lang === l));
}

for (const b of document.querySelectorAll(".langs button")) {
  b.addEventListener("click", () => map.setAttribute("lang", b.dataset.lang));
}
// The map may change language itself (from a permalink): follow it.
new MutationObserver(showLang).observe(map, { attributes: true, attributeFilter: ["lang"] });
showLang();

// The map's own panels start below the title card, whatever its height in
// the current language.
new ResizeObserver(() => {
  const bottom = document.querySelector(".title").getBoundingClientRect().bottom;
  map.style.setProperty("--bridge-map-inset-top", `${Math.ceil(bottom + 10)}px`);
}).observe(document.querySelector(".title"));
