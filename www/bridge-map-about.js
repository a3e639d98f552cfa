// The About box's texts, in the languages the data is written in: loaded
// when a visitor first opens the box (few do), so they stay out of the
// first download (tools/package.mjs ships this file beside the bundles, as
// pkg/bridge-map-about.js). Latin Kazakh reads the Kazakh, written in the
// Latin alphabet by the core (bridge-map-i18n.js inScript). With them, the
// box's builder. No imports: a module loaded on its own must not carry a
// second copy of any other.

export const ABOUT = {
  en: {
    aboutTitle: "About this map",
    aboutText: "Kazakhstan sits on the land routes between China and Europe and hosts platforms for dialogue. This map shows the corridors, energy links and diplomacy behind that role. Dashed legs are indicative; every figure carries its year and source. The map is based on the op-ed by Roman Vassilenko, Deputy Foreign Minister of Kazakhstan, “Sky Is The Limit For Middle Power Diplomacy”, Modern Diplomacy, 27 April 2023.",
    credits: "Credits",
    creditNE: "Boundaries: Natural Earth admin-0 countries 1:50m, and 1:10m for the corridors' region when zoomed in, via world-atlas; lakes: Natural Earth 1:10m. Public domain.",
    creditCLDR: "Country names in English, Kazakh and Russian: Unicode CLDR 48 (Unicode licence).",
    creditGeoNames: "Place coordinates: GeoNames (CC BY 4.0).",
    creditLatin: "Kazakh in the Latin script: the alphabet of 2021 (Government of Kazakhstan, 28 January 2021), in which the map writes its Kazakh texts.",
    creditCode: "Map software: Bridge Map, Rust and WebAssembly.",
    factSources: "Sources of the facts",
  },
  kk: {
    aboutTitle: "Карта туралы",
    aboutText: "Қазақстан Қытай мен Еуропа арасындағы құрлық жолдарының бойында орналасқан және диалог алаңдарына ұйытқы болып отыр. Бұл карта осы рөлдің негізіндегі дәліздерді, энергетикалық байланыстарды және дипломатияны көрсетеді. Үзік сызықты бөліктер шартты; әр көрсеткіштің жылы мен дереккөзі берілген. Карта Қазақстан Республикасы Сыртқы істер министрінің орынбасары Роман Василенконың мақаласына негізделген: «Sky Is The Limit For Middle Power Diplomacy», «Modern Diplomacy», 2023 жылғы 27 сәуір.",
    credits: "Дереккөздер мен лицензиялар",
    creditNE: "Шекаралар: Natural Earth, 1:50 млн масштабтағы елдер картасы, жақындатқанда дәліздер аймағы үшін 1:10 млн, world-atlas арқылы; көлдер: Natural Earth, 1:10 млн. Қоғамдық игілік.",
    creditCLDR: "Елдердің ағылшын, қазақ және орыс тіліндегі атаулары: Unicode CLDR 48 (Unicode лицензиясы).",
    creditGeoNames: "Орындардың координаталары: GeoNames (CC BY 4.0).",
    creditLatin: "Латын графикасындағы қазақ тілі: 2021 жылғы әліпби (Қазақстан Үкіметі, 2021 жылғы 28 қаңтар), карта қазақша мәтіндерін осы әліпбимен жазады.",
    creditCode: "Карта бағдарламасы: Bridge Map, Rust және WebAssembly.",
    factSources: "Фактілердің дереккөздері",
  },
  ru: {
    aboutTitle: "О карте",
    aboutText: "Казахстан расположен на сухопутных маршрутах между Китаем и Европой и предоставляет площадки для диалога. Карта показывает транспортные коридоры, энергетические связи и дипломатические инициативы, на которых основана эта роль. Пунктирные участки условные; у каждого показателя указаны год и источник. В основе карты — статья заместителя министра иностранных дел Республики Казахстан Романа Василенко «Sky Is The Limit For Middle Power Diplomacy» («Возможности дипломатии средних держав безграничны»), опубликованная в издании «Modern Diplomacy» 27 апреля 2023 года.",
    credits: "Источники и лицензии",
    creditNE: "Границы: Natural Earth, государства мира в масштабе 1:50 млн, при приближении для региона коридоров — 1:10 млн, в сборке world-atlas; озёра: Natural Earth, 1:10 млн. Общественное достояние.",
    creditCLDR: "Названия стран на английском, казахском и русском языках: Unicode CLDR 48 (лицензия Unicode).",
    creditGeoNames: "Координаты пунктов: GeoNames (CC BY 4.0).",
    creditLatin: "Казахский язык на латинице: алфавит 2021 года (Правительство Казахстана, 28 января 2021 года), которым карта записывает свои казахские тексты.",
    creditCode: "Программное обеспечение карты: Bridge Map (Rust и WebAssembly).",
    factSources: "Источники фактов",
  },
};

/** The box's content: what the map shows and whom it credits. `t` holds
 *  the texts; `h` and `link` are the panels' DOM builders (passed in, as
 *  this module imports nothing). */
export function buildAbout(t, sources, h, link) {
  const title = h("h2", null, t.aboutTitle);
  title.id = "about-title";
  const credits = h("ul", "credits", ...[t.creditNE, t.creditCLDR, t.creditGeoNames, t.creditLatin, t.creditCode].map((c) => h("li", null, c)));
  const list = h("ol", "sources");
  for (const s of sources) list.append(h("li", null, link(s)));
  return [title, h("p", null, t.aboutText), h("h3", null, t.credits), credits, h("h3", null, t.factSources), list];
}
