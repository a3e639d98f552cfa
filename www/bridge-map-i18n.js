// UI text for <bridge-map> in English, Kazakh and Russian. Feature and
// country names come from the data (CLDR and data/bridge.json), not from here.
// The languages themselves are the core's (VOCABULARY.languages); the text
// sweep (tools/e2e/text.test.mjs) checks TEXT has exactly the languages the
// data is written in (VOCABULARY.dataLanguages), key for key.
//
// Latin Kazakh (kk-Latn) is not written here: textOf("kk-Latn") is the
// Kazakh below, written in the Latin alphabet of 2021 by the core's own
// transliteration (the wasm export kazakhLatin, src/data/kazakh_latin.rs),
// which the element hands over once the wasm is in (useTransliteration).

import { VOCABULARY } from "./bridge-map-vocabulary.js";

export const TEXT = {
  en: {
    label: "Interactive map of Eurasia centred on Kazakhstan. Drag or use the arrow keys to pan, plus and minus to zoom, 0 to reset.",
    zoomIn: "Zoom in", zoomOut: "Zoom out", reset: "Reset view", loading: "Loading map…",
    error: "The map could not be displayed.", dataError: "The map data could not be used.", errorDetails: "Technical details", retry: "Try again",
    attribution: "Boundaries: Natural Earth · Names: Unicode CLDR · Facts: see each feature's sources",
    kinds: { country: "Country", corridor: "Corridor", node: "Place", event: "Diplomacy" },
    layersTitle: "Layers", legendTitle: "Legend", showLegend: "Layers and legend",
    layers: { trade: "Trade routes", energy: "Energy", diplomacy: "Diplomacy", plans: "Plans" },
    legend: {
      rail: "Rail", road: "Road", sea: "Sea crossing", indicative: "Indicative leg (no source confirms traffic here)",
      "in-kazakhstan": "Section inside Kazakhstan", oil: "Oil pipeline", gas: "Gas pipeline", plan: "Planned link",
      diplomacy: "Diplomatic link", border: "Border crossing", seaport: "Seaport", dryport: "Dry port or hub",
      field: "Oil field or terminal", event: "Diplomatic event", kaz: "Place in Kazakhstan", city: "City",
    },
    modes: { rail: "rail", road: "road", sea: "sea", oil: "oil", gas: "gas", cable: "cable", power: "power", multimodal: "rail and sea" },
    status: { operating: "Operating", plan: "Plan", "under-construction": "Under construction" },
    nodeTypes: { border: "Border crossing", seaport: "Seaport", dryport: "Dry port", hub: "Hub", field: "Oil field", terminal: "Terminal" },
    eventTypes: { platform: "Platform for dialogue", talks: "Talks", visit: "Visit", summit: "Summit", conference: "Conference", example: "Example cited in the op-ed" },
    panel: {
      close: "Close", mode: "Mode", status: "Status", length: "Length", measured: "longest branch, measured along the drawn route",
      figures: "Figures", sources: "Sources", date: "Date", country: "Country",
      proxy: "The marker stands at the nearest town; the exact site is not mapped.",
      indicative: "Dashed legs are indicative: they follow geography, but no source confirms traffic uses them.",
      year: "Year",
    },
    tour: { start: "Take the tour", next: "Next", prev: "Previous", close: "End tour", more: "Read more", less: "Show less", step: (i, n) => `Step ${i} of ${n}` },
    km: "km",
    region: "Map of Kazakhstan as a bridge between East and West",
    twin: "Map features: routes, places and diplomatic events. Use the arrow keys to move between them and Enter to open one.",
    twinGroups: { corridor: "Routes", node: "Places", event: "Diplomatic events" },
    announceSelect: (name, kind) => `Selected: ${name}, ${kind}. Details are open; press Escape to close them.`,
    announceClear: "Selection cleared.",
    announceStep: (i, n, title) => `Tour step ${i} of ${n}: ${title}`,
    hintWheel: (mac) => `Use ${mac ? "⌘" : "Ctrl"} + scroll to zoom the map`,
    hintTouch: "Use two fingers to move the map",
    download: "Download PNG", about: "About this map", mapCredits: "Map credits",
    flowPause: "Pause the flow animation", flowPlay: "Resume the flow animation",
    pngTitle: "Kazakhstan: the bridge between East and West",
  },
  kk: {
    label: "Ортасында Қазақстан орналасқан Еуразияның интерактивті картасы. Картаны жылжыту үшін сүйреңіз немесе бағыт пернелерін басыңыз; масштабты плюс пен минус пернелерімен өзгертіңіз, бастапқы көрініске 0 пернесімен оралыңыз.",
    zoomIn: "Үлкейту", zoomOut: "Кішірейту", reset: "Бастапқы көрініс", loading: "Карта жүктелуде…",
    error: "Картаны көрсету мүмкін болмады.", dataError: "Карта деректерін жүктеу мүмкін болмады.", errorDetails: "Техникалық мәліметтер", retry: "Қайталап көру",
    attribution: "Шекаралар: Natural Earth · Атаулар: Unicode CLDR · Деректер: әр нысанның дереккөздерін қараңыз",
    kinds: { country: "Ел", corridor: "Дәліз", node: "Орын", event: "Дипломатия" },
    layersTitle: "Қабаттар", legendTitle: "Шартты белгілер", showLegend: "Қабаттар мен шартты белгілер",
    layers: { trade: "Сауда жолдары", energy: "Энергетика", diplomacy: "Дипломатия", plans: "Жоспарлар" },
    legend: {
      rail: "Темір жол", road: "Автожол", sea: "Теңіз өткелі", indicative: "Шартты бөлік (дереккөз растамаған)",
      "in-kazakhstan": "Қазақстан аумағындағы бөлік", oil: "Мұнай құбыры", gas: "Газ құбыры", plan: "Жоспарланған байланыс",
      diplomacy: "Дипломатиялық байланыс", border: "Шекара өткелі", seaport: "Теңіз порты", dryport: "Құрғақ порт немесе логистикалық торап",
      field: "Мұнай кен орны немесе терминал", event: "Дипломатиялық оқиға", kaz: "Қазақстандағы орын", city: "Қала",
    },
    modes: { rail: "темір жол", road: "автожол", sea: "теңіз", oil: "мұнай", gas: "газ", cable: "кабель", power: "электр энергиясы", multimodal: "темір жол мен теңіз" },
    status: { operating: "Жұмыс істейді", plan: "Жоспар", "under-construction": "Салынуда" },
    nodeTypes: { border: "Шекара өткелі", seaport: "Теңіз порты", dryport: "Құрғақ порт", hub: "Торап", field: "Мұнай кен орны", terminal: "Терминал" },
    eventTypes: { platform: "Диалог алаңы", talks: "Келіссөздер", visit: "Сапар", summit: "Саммит", conference: "Конференция", example: "Мақалада келтірілген мысал" },
    panel: {
      close: "Жабу", mode: "Көлік түрі", status: "Жай-күйі", length: "Ұзындығы", measured: "ең ұзын тармақ, картадағы сызық бойынша өлшенген",
      figures: "Көрсеткіштер", sources: "Дереккөздер", date: "Күні", country: "Ел",
      proxy: "Белгі ең жақын елді мекенге қойылған; нысанның нақты орны картада көрсетілмеген.",
      indicative: "Үзік сызықты бөліктер шартты: олар географиялық жағдайды ескеріп сызылған, бірақ тасымалдың осы жолмен жүретінін дереккөздер растамайды.",
      year: "Жыл",
    },
    tour: { start: "Шолуды бастау", next: "Келесі", prev: "Алдыңғы", close: "Шолуды аяқтау", more: "Толығырақ оқу", less: "Жасыру", step: (i, n) => `${i}-қадам (барлығы ${n})` },
    km: "км",
    region: "Карта: Қазақстан — Шығыс пен Батыс арасындағы көпір",
    twin: "Карта нысандары: бағыттар, орындар және дипломатиялық оқиғалар. Олардың арасында бағыт пернелерімен ауысыңыз, нысанды Enter пернесімен ашыңыз.",
    twinGroups: { corridor: "Бағыттар", node: "Орындар", event: "Дипломатиялық оқиғалар" },
    announceSelect: (name, kind) => `Таңдалды: ${name}, ${kind}. Толық мәлімет ашық; жабу үшін Escape пернесін басыңыз.`,
    announceClear: "Таңдау алынды.",
    announceStep: (i, n, title) => `Шолу, ${i}-қадам (барлығы ${n}): ${title}`,
    hintWheel: (mac) => `Картаның масштабын өзгерту үшін ${mac ? "⌘" : "Ctrl"} пернесін басып тұрып, тінтуір дөңгелегін айналдырыңыз`,
    hintTouch: "Картаны екі саусақпен жылжытыңыз",
    download: "PNG жүктеп алу", about: "Карта туралы", mapCredits: "Картаның дереккөздері",
    flowPause: "Ағындар анимациясын кідірту", flowPlay: "Ағындар анимациясын жалғастыру",
    pngTitle: "Қазақстан: Шығыс пен Батыс арасындағы көпір",
  },
  ru: {
    label: "Интерактивная карта Евразии с Казахстаном в центре. Перетаскивайте карту или используйте клавиши со стрелками; плюс и минус меняют масштаб, 0 возвращает исходный вид.",
    zoomIn: "Приблизить", zoomOut: "Отдалить", reset: "Исходный вид", loading: "Загрузка карты…",
    error: "Не удалось отобразить карту.", dataError: "Не удалось загрузить данные карты.", errorDetails: "Технические подробности", retry: "Повторить",
    attribution: "Границы: Natural Earth · Названия: Unicode CLDR · Факты: см. источники каждого объекта",
    kinds: { country: "Страна", corridor: "Коридор", node: "Пункт", event: "Дипломатия" },
    layersTitle: "Слои", legendTitle: "Условные обозначения", showLegend: "Слои и обозначения",
    layers: { trade: "Торговые пути", energy: "Энергетика", diplomacy: "Дипломатия", plans: "Планы" },
    legend: {
      rail: "Железная дорога", road: "Автодорога", sea: "Морская переправа", indicative: "Условный участок (не подтверждён источником)",
      "in-kazakhstan": "Участок в Казахстане", oil: "Нефтепровод", gas: "Газопровод", plan: "Планируемая связь",
      diplomacy: "Дипломатическая связь", border: "Пограничный переход", seaport: "Морской порт", dryport: "Сухой порт или транспортный узел",
      field: "Месторождение или терминал", event: "Дипломатическое событие", kaz: "Пункт в Казахстане", city: "Город",
    },
    modes: { rail: "железная дорога", road: "автодорога", sea: "море", oil: "нефтепровод", gas: "газопровод", cable: "кабель связи", power: "линия электропередачи", multimodal: "железная дорога и море" },
    status: { operating: "Действует", plan: "Планируется", "under-construction": "Строится" },
    nodeTypes: { border: "Пограничный переход", seaport: "Морской порт", dryport: "Сухой порт", hub: "Транспортный узел", field: "Месторождение", terminal: "Терминал" },
    eventTypes: { platform: "Площадка для диалога", talks: "Переговоры", visit: "Визит", summit: "Саммит", conference: "Конференция", example: "Пример из статьи" },
    panel: {
      close: "Закрыть", mode: "Тип маршрута", status: "Статус", length: "Протяжённость", measured: "по самой длинной ветке, измерено по линии на карте",
      figures: "Показатели", sources: "Источники", date: "Дата", country: "Страна",
      proxy: "Метка поставлена у ближайшего населённого пункта; точное местоположение объекта на карте не показано.",
      indicative: "Пунктирные участки условные: они проведены с учётом географии, но источники не подтверждают, что грузы идут именно так.",
      year: "Год",
    },
    tour: { start: "Начать обзор", next: "Далее", prev: "Назад", close: "Завершить обзор", more: "Читать далее", less: "Свернуть", step: (i, n) => `Шаг ${i} из ${n}` },
    km: "км",
    region: "Карта: Казахстан как мост между Востоком и Западом",
    twin: "Объекты карты: маршруты, пункты и дипломатические события. Для перехода между ними используйте клавиши со стрелками, для открытия объекта — Enter.",
    twinGroups: { corridor: "Маршруты", node: "Пункты", event: "Дипломатические события" },
    announceSelect: (name, kind) => `Выбрано: ${name}, ${kind}. Открыты подробные сведения; чтобы закрыть их, нажмите Escape.`,
    announceClear: "Выбор снят.",
    announceStep: (i, n, title) => `Шаг обзора ${i} из ${n}: ${title}`,
    hintWheel: (mac) => `Чтобы изменить масштаб карты, прокручивайте колесо мыши, удерживая ${mac ? "⌘" : "Ctrl"}`,
    hintTouch: "Двигайте карту двумя пальцами",
    download: "Скачать PNG", about: "О карте", mapCredits: "Источники данных карты",
    flowPause: "Приостановить анимацию потоков", flowPlay: "Возобновить анимацию потоков",
    pngTitle: "Казахстан: мост между Востоком и Западом",
  },
};

/** The core's transliteration into the Latin alphabet, once the wasm is in. */
let latin = null;
/** UI text of the languages read through it, made once each. */
const derived = new Map();

let handedOver;
/** Resolves once the core's transliteration is in: from then on textOf and
 *  inScript answer for every language. */
export const transliterationReady = new Promise((resolve) => { handedOver = resolve; });

/** Hands over the core's transliteration (Cyrillic Kazakh → Latin). */
export function useTransliteration(fn) {
  latin ??= fn;
  handedOver();
}

/** Whether `lang`'s text is read from another language's (kk-Latn from kk). */
function transliterated(lang) {
  return VOCABULARY.dataLanguage[lang] !== lang;
}

/** `text` of `lang`'s data language written in `lang`'s script: a string,
 *  a function returning one, or an array or object of them. Null while the core's
 *  transliteration is not yet in. */
export function inScript(lang, text) {
  if (!transliterated(lang)) return text;
  if (!latin) return null;
  if (typeof text === "string") return latin(text);
  if (typeof text === "function") return (...args) => latin(text(...args));
  if (Array.isArray(text)) return text.map((v) => inScript(lang, v));
  return Object.fromEntries(Object.entries(text).map(([k, v]) => [k, inScript(lang, v)]));
}

/** The UI text of a language (one of VOCABULARY.languages), or null while
 *  its script waits for the core (kk-Latn before the wasm is in). */
export function textOf(lang) {
  if (!transliterated(lang)) return TEXT[lang];
  if (!derived.has(lang) && latin) derived.set(lang, inScript(lang, TEXT[VOCABULARY.dataLanguage[lang]]));
  return derived.get(lang) ?? null;
}

/** The map's language for a BCP 47 tag (`kk-KZ` is `kk`, `kk-Latn-KZ` is
 *  `kk-Latn`); English for one it does not speak. */
export function langOf(tag) {
  return matchLang(tag) ?? VOCABULARY.languages[0];
}

/** Whether the map speaks the language of `tag` (`kk`, `ru-RU`, `kk-Latn`, …). */
export function isLang(tag) {
  return matchLang(tag) != null;
}

/** As the core's Lang::parse: the language subtag, and the script subtag
 *  when there is one (else the language written without one). */
function matchLang(tag) {
  let given;
  try {
    given = new Intl.Locale(String(tag).replaceAll("_", "-"));
  } catch {
    return null;
  }
  return VOCABULARY.languages.find((l) => {
    const own = new Intl.Locale(l);
    if (own.language !== given.language) return false;
    return given.script ? own.maximize().script === given.script : !own.script;
  }) ?? null;
}
