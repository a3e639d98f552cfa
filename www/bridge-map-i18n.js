// UI text for <bridge-map> in English, Kazakh and Russian. Feature and
// country names come from the data (CLDR and data/bridge.json), not from here.

export const TEXT = {
  en: {
    label: "Interactive map of Eurasia centred on Kazakhstan. Drag or use the arrow keys to pan, plus and minus to zoom, 0 to reset.",
    zoomIn: "Zoom in", zoomOut: "Zoom out", reset: "Reset view", loading: "Loading map…",
    error: "The map could not be displayed.", dataError: "The map data could not be used.",
    attribution: "Boundaries: Natural Earth · Names: Unicode CLDR · Facts: see each feature's sources",
    kinds: { country: "Country", corridor: "Corridor", node: "Place", event: "Diplomacy" },
    layersTitle: "Layers", legendTitle: "Legend", showLegend: "Layers and legend",
    layers: { trade: "Trade routes", energy: "Energy", diplomacy: "Diplomacy", plans: "Plans" },
    legend: {
      rail: "Rail", road: "Road", sea: "Sea crossing", indicative: "Indicative leg (no source puts traffic here)",
      "in-kazakhstan": "Section inside Kazakhstan", oil: "Oil pipeline", gas: "Gas pipeline", plan: "Planned link",
      diplomacy: "Diplomatic link", border: "Border crossing", seaport: "Seaport", dryport: "Dry port or hub",
      field: "Oil field or terminal", event: "Diplomatic event", kaz: "Place in Kazakhstan",
    },
    modes: { rail: "rail", road: "road", sea: "sea", oil: "oil", gas: "gas", cable: "cable", power: "power", multimodal: "rail and sea" },
    status: { operating: "Operating", plan: "Plan", "under-construction": "Under construction" },
    nodeTypes: { border: "Border crossing", seaport: "Seaport", dryport: "Dry port", hub: "Hub", field: "Oil field", terminal: "Terminal" },
    eventTypes: { platform: "Platform for dialogue", talks: "Talks", visit: "Visit", summit: "Summit", conference: "Conference" },
    panel: {
      close: "Close", mode: "Mode", status: "Status", length: "Length", measured: "longest branch, measured along the drawn route",
      figures: "Figures", sources: "Sources", date: "Date", country: "Country", unverified: "name not yet verified",
      indicative: "Dashed legs are indicative: they follow geography, but no source confirms traffic uses them.",
      year: "Year",
    },
    tour: { start: "Take the tour", next: "Next", prev: "Previous", close: "End tour", step: (i, n) => `Step ${i} of ${n}` },
    km: "km",
  },
  kk: {
    label: "Қазақстан ортасында орналасқан Еуразияның интерактивті картасы. Жылжыту үшін сүйреңіз не бағыт пернелерін басыңыз, масштаб үшін плюс пен минус, бастапқы көрініс үшін 0.",
    zoomIn: "Үлкейту", zoomOut: "Кішірейту", reset: "Бастапқы көрініс", loading: "Карта жүктелуде…",
    error: "Картаны көрсету мүмкін болмады.", dataError: "Карта деректерін пайдалану мүмкін болмады.",
    attribution: "Шекаралар: Natural Earth · Атаулар: Unicode CLDR · Деректер: әр нысанның дереккөздері",
    kinds: { country: "Ел", corridor: "Дәліз", node: "Орын", event: "Дипломатия" },
    layersTitle: "Қабаттар", legendTitle: "Шартты белгілер", showLegend: "Қабаттар мен шартты белгілер",
    layers: { trade: "Сауда жолдары", energy: "Энергетика", diplomacy: "Дипломатия", plans: "Жоспарлар" },
    legend: {
      rail: "Темір жол", road: "Автожол", sea: "Теңіз арқылы өту", indicative: "Болжамды бөлік (дереккөз растамаған)",
      "in-kazakhstan": "Қазақстан аумағындағы бөлік", oil: "Мұнай құбыры", gas: "Газ құбыры", plan: "Жоспарланған байланыс",
      diplomacy: "Дипломатиялық байланыс", border: "Шекара өткелі", seaport: "Теңіз порты", dryport: "Құрғақ порт немесе хаб",
      field: "Мұнай кен орны немесе терминал", event: "Дипломатиялық оқиға", kaz: "Қазақстандағы орын",
    },
    modes: { rail: "темір жол", road: "автожол", sea: "теңіз", oil: "мұнай", gas: "газ", cable: "кабель", power: "электр", multimodal: "темір жол мен теңіз" },
    status: { operating: "Жұмыс істейді", plan: "Жоспар", "under-construction": "Салынуда" },
    nodeTypes: { border: "Шекара өткелі", seaport: "Теңіз порты", dryport: "Құрғақ порт", hub: "Хаб", field: "Мұнай кен орны", terminal: "Терминал" },
    eventTypes: { platform: "Диалог алаңы", talks: "Келіссөздер", visit: "Сапар", summit: "Саммит", conference: "Конференция" },
    panel: {
      close: "Жабу", mode: "Көлік түрі", status: "Мәртебесі", length: "Ұзындығы", measured: "ең ұзын тармақ, сызылған бағыт бойынша өлшенген",
      figures: "Көрсеткіштер", sources: "Дереккөздер", date: "Күні", country: "Ел", unverified: "атауы әлі расталмаған",
      indicative: "Үзік сызықты бөліктер болжамды: олар жер бедеріне сай сызылған, бірақ тасымалдың сол жолмен жүретінін дереккөз растамайды.",
      year: "Жыл",
    },
    tour: { start: "Шолуды бастау", next: "Келесі", prev: "Алдыңғы", close: "Шолуды аяқтау", step: (i, n) => `${n} қадамның ${i}-қадамы` },
    km: "км",
  },
  ru: {
    label: "Интерактивная карта Евразии с Казахстаном в центре. Перетаскивайте или используйте стрелки для сдвига, плюс и минус для масштаба, 0 для сброса.",
    zoomIn: "Приблизить", zoomOut: "Отдалить", reset: "Исходный вид", loading: "Загрузка карты…",
    error: "Не удалось показать карту.", dataError: "Не удалось использовать данные карты.",
    attribution: "Границы: Natural Earth · Названия: Unicode CLDR · Факты: см. источники каждого объекта",
    kinds: { country: "Страна", corridor: "Коридор", node: "Пункт", event: "Дипломатия" },
    layersTitle: "Слои", legendTitle: "Условные обозначения", showLegend: "Слои и обозначения",
    layers: { trade: "Торговые пути", energy: "Энергетика", diplomacy: "Дипломатия", plans: "Планы" },
    legend: {
      rail: "Железная дорога", road: "Автодорога", sea: "Морская переправа", indicative: "Ориентировочный участок (не подтверждён источником)",
      "in-kazakhstan": "Участок в Казахстане", oil: "Нефтепровод", gas: "Газопровод", plan: "Планируемая связь",
      diplomacy: "Дипломатическая связь", border: "Пограничный переход", seaport: "Морской порт", dryport: "Сухой порт или хаб",
      field: "Месторождение или терминал", event: "Дипломатическое событие", kaz: "Пункт в Казахстане",
    },
    modes: { rail: "железная дорога", road: "автодорога", sea: "море", oil: "нефть", gas: "газ", cable: "кабель", power: "электроэнергия", multimodal: "железная дорога и море" },
    status: { operating: "Действует", plan: "План", "under-construction": "Строится" },
    nodeTypes: { border: "Пограничный переход", seaport: "Морской порт", dryport: "Сухой порт", hub: "Хаб", field: "Месторождение", terminal: "Терминал" },
    eventTypes: { platform: "Площадка для диалога", talks: "Переговоры", visit: "Визит", summit: "Саммит", conference: "Конференция" },
    panel: {
      close: "Закрыть", mode: "Вид транспорта", status: "Статус", length: "Протяжённость", measured: "самая длинная ветка, измерено по нарисованному маршруту",
      figures: "Показатели", sources: "Источники", date: "Дата", country: "Страна", unverified: "название не подтверждено",
      indicative: "Пунктирные участки ориентировочные: они следуют географии, но источники не подтверждают, что грузы идут именно так.",
      year: "Год",
    },
    tour: { start: "Начать обзор", next: "Далее", prev: "Назад", close: "Завершить обзор", step: (i, n) => `Шаг ${i} из ${n}` },
    km: "км",
  },
};

export function langOf(tag) {
  const primary = String(tag || "en").toLowerCase().split(/[-_]/)[0];
  return primary in TEXT ? primary : "en";
}
