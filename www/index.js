// The full-page shell: language switcher and deep links to tour steps.
// The URL hash holds them, e.g. index.html#lang=kk&step=3.
const map = document.getElementById("map");
const TITLES = {
  en: ["Kazakhstan: the bridge between East and West", "Trade routes, energy links and diplomacy that cross the steppe. Drag to pan, scroll or pinch to zoom, click a route for its facts."],
  kk: ["Қазақстан: Шығыс пен Батыс арасындағы көпір", "Даланы кесіп өтетін сауда жолдары, энергетикалық байланыстар мен дипломатия. Жылжыту үшін сүйреңіз, масштаб үшін дөңгелекті айналдырыңыз, дерек үшін бағытты басыңыз."],
  ru: ["Казахстан: мост между Востоком и Западом", "Торговые пути, энергетические связи и дипломатия через степь. Перетаскивайте карту, меняйте масштаб колесом или жестом, нажмите на маршрут, чтобы увидеть факты."],
};

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { lang: p.get("lang"), step: p.get("step") };
}

function writeHash(changes) {
  const p = new URLSearchParams(location.hash.slice(1));
  for (const [k, v] of Object.entries(changes)) {
    if (v == null || v === "") p.delete(k);
    else p.set(k, v);
  }
  const next = p.toString();
  if (next !== location.hash.slice(1)) history.pushState(null, "", next ? `#${next}` : location.pathname + location.search);
}

function setLang(lang) {
  const l = TITLES[lang] ? lang : "en";
  map.setAttribute("lang", l);
  document.documentElement.lang = l;
  const [title, text] = TITLES[l];
  document.querySelector(".title h1").textContent = title;
  document.querySelector(".title p").textContent = text;
  for (const b of document.querySelectorAll(".langs button")) b.setAttribute("aria-pressed", String(b.dataset.lang === l));
}

function applyHash() {
  const { lang, step } = readHash();
  setLang(lang || "en");
  if (step) map.setAttribute("step", step);
  else map.removeAttribute("step");
}

for (const b of document.querySelectorAll(".langs button")) {
  b.addEventListener("click", () => {
    setLang(b.dataset.lang);
    writeHash({ lang: b.dataset.lang === "en" ? null : b.dataset.lang });
  });
}
map.addEventListener("tourstep", (e) => writeHash({ step: e.detail ? String(e.detail.step) : null }));
// The map's own panels start below the title card, whatever its height in
// the current language.
new ResizeObserver(() => {
  const bottom = document.querySelector(".title").getBoundingClientRect().bottom;
  map.style.setProperty("--bridge-map-inset-top", `${Math.ceil(bottom + 10)}px`);
}).observe(document.querySelector(".title"));
addEventListener("popstate", applyHash);
addEventListener("hashchange", applyHash);
applyHash();
