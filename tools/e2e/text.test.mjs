// Every text finished: walks every feature, in every language, through the
// tooltip, the info panel and the text twin (plus the tour, the legend, the
// About dialog and a country tooltip), and fails on anything a reader should
// never see: null, undefined, NaN, [object …], a raw ISO date, a raw ISO
// country code, an English word in Kazakh or Russian text, or an internal
// production note. Latin Kazakh (kk-Latn) must hold no Cyrillic letter and
// no letter outside the 2021 alphabet (bar the Latin names below), and be
// exactly the Kazakh text written in Latin by the core.
//
//   node --test tools/e2e/text.test.mjs
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { ROOT, evalMap, frames, openMapPage, until, waitReady } from "./helpers.mjs";
import { VOCABULARY } from "../../www/bridge-map-vocabulary.js";

const DATA = JSON.parse(readFileSync(path.join(ROOT, "data", "bridge.json"), "utf8"));
const LANGS = VOCABULARY.languages;

// Every ISO 3166-1 alpha-3 code the data uses, plus the neighbours the map
// names: none of them may reach a reader as a bare code.
const ISO3 = new Set(["KAZ", "RUS", "CHN", "KGZ", "UZB", "TKM", "TJK", "AZE", "IRN", "GEO", "TUR", "ARM", "ROU", "BLR", "POL", "DEU", "IND", "GBR", "USA", "IDN", "EGY", "ARE", "CHE", "AUT", "SYR", "MNG", "AFG", "PAK"]);
for (const f of DATA.features) {
  if (f.country) ISO3.add(f.country);
  for (const c of f.countries ?? []) ISO3.add(c);
}

// Latin words that are names, not English: product and data-set names in the
// credits, the data formats of "Download data" (GeoJSON, CSV), keyboard keys
// as printed on the keys, companies known only by a
// Latin name (SOCAR, CESI), and the UN's climate-conference designation
// (COP27…), which Kazakh official texts use as is. A title or company name
// in quotation marks is a citation and is left alone too.
const LATIN_NAMES = new Set([
  "Natural", "Earth", "Unicode", "CLDR", "GeoNames", "world-atlas", "Rust", "WebAssembly", "PNG", "GeoJSON", "CSV", "CC", "BY", "Bridge", "Map",
  "Enter", "Escape", "Esc", "Tab", "Home", "End", "Ctrl", "Shift",
  "SOCAR", "CESI", "COP",
]);
// The Latin Kazakh alphabet of 2021 (src/data/kazakh_latin.rs): a word
// with any other letter is one of the Latin names above, or a citation.
const KK_LATN_LETTERS = /^[A-Za-zÄäĞğİıÑñÖöŞşŪūÜü]+$/;
const NOT_2021 = /[CcWwX]/;
const QUOTED_LATIN = /«[^»А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*»|"[^"А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*"|“[^”А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]*”/g;

/** Every problem in one visible text, as short strings. */
function faults(text, lang, where) {
  const out = [];
  const say = (what, m) => out.push(`${lang} ${where}: ${what} ${JSON.stringify(m)} in ${JSON.stringify(text.slice(0, 160))}`);
  for (const m of text.match(/\bnull\b|\bundefined\b|\bNaN\b|\[object/g) ?? []) say("leaked value", m);
  for (const m of text.match(/\b(19|20)\d\d-\d\d(-\d\d)?\b/g) ?? []) say("raw ISO date", m);
  for (const m of text.match(/\b[A-Z]{3}\b/g) ?? []) if (ISO3.has(m)) say("raw country code", m);
  for (const m of text.match(/\b(the reference|placeholder|not (yet )?verified|no coordinate|TODO|FIXME)\b/gi) ?? []) say("internal note", m);
  for (const m of text.match(/атауы әлі расталмаған|название не подтверждено/g) ?? []) say("internal note", m);
  if (lang === "kk-Latn") {
    for (const m of text.match(/[\u0400-\u04ff]+/g) ?? []) say("Cyrillic letters", m);
    // Words (a name such as "world-atlas" whole, else each part), split
    // where a small letter meets a capital: textContent joins neighbouring
    // elements' texts ("Konferentsiia" + "COP27").
    const ok = (w) => LATIN_NAMES.has(w) || (KK_LATN_LETTERS.test(w) && !NOT_2021.test(w));
    for (const token of text.replace(QUOTED_LATIN, "").match(/\p{L}[\p{L}'’-]*/gu) ?? []) {
      if (LATIN_NAMES.has(token)) continue;
      for (const w of token.split(/(?<=\p{Ll})(?=\p{Lu})/u).flatMap((p) => (LATIN_NAMES.has(p) ? [] : p.split(/['’-]/)))) {
        if (w && !ok(w)) say("not in the 2021 alphabet", w);
      }
    }
  } else if (lang !== "en") {
    for (const m of text.replace(QUOTED_LATIN, "").match(/[A-Za-z][A-Za-z'’-]*/g) ?? []) if (!LATIN_NAMES.has(m)) say("Latin-script word", m);
  }
  return out;
}

let map, page;

before(async () => {
  map = await openMapPage();
  ({ page } = map);
});

after(() => map?.close());

/**
 * In the page: for every twin button, focus it (the tooltip points at the
 * feature) and click it (the info panel opens), and collect the texts.
 * Source citations (titles of the cited articles, in their own language) are
 * read separately: they are checked for leaks, not for script.
 */
function sweep(lang) {
  return evalMap(page, async (el, l) => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    el.setAttribute("lang", l);
    // The overlay's texts come in that language's pack (kk-Latn reads kk's).
    const { VOCABULARY } = await import("/www/bridge-map-vocabulary.js");
    for (let i = 0; !el.stats.languages.includes(VOCABULARY.dataLanguage[l]); i++) {
      if (i > 600) throw new Error(`the ${l} overlay pack never arrived`);
      await frame();
    }
    el.step = null;
    el.select(null);
    el.layers = ["trade", "energy", "diplomacy", "plans"];
    await frame();
    const root = el.shadowRoot;
    const texts = [];
    const readInfo = () => {
      const info = root.querySelector("[role=dialog].info, .info");
      const clone = info.cloneNode(true);
      const cites = [...clone.querySelectorAll(".sources, .fig-sources")].map((n) => n.textContent);
      for (const n of clone.querySelectorAll(".sources, .fig-sources")) n.remove();
      return { text: clone.textContent, cites };
    };
    const ids = [...root.querySelectorAll(".twin button")].map((b) => b.dataset.id);
    for (const id of ids) {
      const b = root.querySelector(`.twin button[data-id="${id}"]`);
      b.focus();
      await frame();
      const tip = root.querySelector("[role=tooltip]");
      texts.push({ where: `tooltip of ${id}`, text: tip.hidden ? "" : tip.textContent, shown: !tip.hidden });
      root.querySelector(`.twin button[data-id="${id}"]`).click();
      await frame();
      const { text, cites } = readInfo();
      texts.push({ where: `info panel of ${id}`, text, shown: text.trim().length > 0, cites });
    }
    el.select(null);
    await frame();
    texts.push({ where: "text twin", text: root.querySelector(".twin").textContent, shown: true });
    texts.push({ where: "layers and legend", text: root.querySelector(".layers").textContent, shown: true });
    const steps = el.tourSteps?.length ?? null;
    for (let i = 1; ; i++) {
      el.step = i;
      await frame();
      if (el.step !== i) break;
      texts.push({ where: `tour step ${i}`, text: root.querySelector(".tour").textContent, shown: true });
    }
    el.step = null;
    return { texts, count: ids.length, steps };
  }, lang);
}

for (const lang of LANGS) {
  test(`${lang}: every feature's tooltip, info panel and twin entry, the tour and the legend read as finished text`, async () => {
    const { texts, count } = await sweep(lang);
    assert.equal(count, DATA.features.length, "the twin lists every feature");
    const problems = [];
    for (const t of texts) {
      if (!t.shown) problems.push(`${lang} ${t.where}: nothing shown`);
      problems.push(...faults(t.text, lang, t.where));
      for (const c of t.cites ?? []) problems.push(...faults(c, "en", `${t.where} (sources)`));
    }
    const tourTexts = texts.filter((t) => t.where.startsWith("tour step"));
    assert.equal(tourTexts.length, DATA.tour.length, "every tour step was read");
    assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join("\n")}`);
  });
}

test("kk-Latn: every text is the Kazakh text, written in the Latin alphabet by the core", async () => {
  const kk = (await sweep("kk")).texts;
  const latn = (await sweep("kk-Latn")).texts;
  assert.equal(latn.length, kk.length);
  const written = await page.evaluate(async (list) => {
    const { kazakhLatin } = await import("/pkg/bridge_map.js");
    return list.map(kazakhLatin);
  }, kk.map((t) => t.text));
  for (const [i, t] of latn.entries()) {
    assert.equal(t.where, kk[i].where);
    assert.equal(t.text, written[i], `${t.where}: kk-Latn is the kk text in Latin`);
  }
  // And it does read Latin: the Middle Corridor's panel, in the 2021 alphabet.
  const titr = latn.find((t) => t.where === "info panel of titr").text;
  assert.match(titr, /Transkaspii halyqaralyq kölık bağyty \(Orta dälız\)/);
  assert.match(titr, /Qazaqstan/);
});

test("a country's tooltip names it, and nothing else, in every language", async () => {
  for (const lang of LANGS) {
    await evalMap(page, (el, l) => {
      el.setAttribute("lang", l);
      el.view = { lon: 67, lat: 48, zoom: 4 };
    }, lang);
    await frames(page, 3);
    // An empty stretch of steppe west of Karaganda, clear of routes and markers.
    const p = await evalMap(page, (el) => el.project(69.0, 49.6));
    const hit = await evalMap(page, (el, a) => el.pick(a.x, a.y), p);
    assert.equal(hit?.kind, "country", `the point picks a country, not ${JSON.stringify(hit)}`);
    await page.mouse.move(p.x - 30, p.y - 30);
    await page.mouse.move(p.x, p.y, { steps: 4 });
    await frames(page, 3);
    const tip = await evalMap(page, (el) => {
      const t = el.shadowRoot.querySelector("[role=tooltip]");
      return { hidden: t.hidden, text: t.textContent, name: t.querySelector("strong")?.textContent };
    });
    assert.equal(tip.hidden, false, `${lang}: tooltip shown over Kazakhstan`);
    assert.equal(tip.name, hit.name, `${lang}: the tooltip names the country`);
    assert.deepEqual(faults(tip.text, lang, "country tooltip"), []);
    assert.ok(tip.text.endsWith(hit.name), `${lang}: nothing follows the name: ${JSON.stringify(tip.text)}`);
  }
});

test("dates and periods are formatted for each language", async () => {
  const uk = DATA.features.find((f) => f.id === "uk-visit-2023");
  assert.ok(uk, "the UK visit is in the data");
  const expected = { en: /18 March 2023/, kk: /2023 жылғы 18 наурыз/, "kk-Latn": /2023 jylğy 18 nauryz/, ru: /18 марта 2023/ };
  for (const lang of LANGS) {
    const text = await evalMap(page, async (el, l) => {
      el.setAttribute("lang", l);
      el.select("uk-visit-2023");
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      return el.shadowRoot.querySelector(".info").textContent;
    }, lang);
    assert.match(text, expected[lang], `${lang}: the UK visit's date`);
  }
  const period = await evalMap(page, async (el) => {
    const { formatPeriod } = await import("/www/bridge-map-format.js");
    // These are www/'s modules, not the bundle's: hand them the core's
    // transliteration as the element hands it to its own.
    const { useTransliteration } = await import("/www/bridge-map-i18n.js");
    useTransliteration((await import("/pkg/bridge_map.js")).kazakhLatin);
    return ["en", "kk", "ru", "kk-Latn"].map((l) => formatPeriod("2024-01/2024-11", l));
  });
  assert.match(period[0], /^Jan\s?–\s?Nov 2024$/);
  assert.match(period[1], /^2024 жылғы қаң\.\s?–\s?қар\.$/);
  assert.match(period[2], /янв\..*нояб\..*2024/);
  assert.match(period[3], /^2024 jylğy qañ\.\s?–\s?qar\.$/);
  // Numbers group digits as Kazakh does (as far as the browser's ICU
  // knows Kazakh), in both scripts alike.
  const km = await evalMap(page, async () => {
    const { formatKm } = await import("/www/bridge-map-format.js");
    const { loadText, textOf } = await import("/www/bridge-map-i18n.js");
    const { kazakhLatin } = await import("/pkg/bridge_map.js");
    await loadText("kk"); // kk-Latn is written from it
    const [kk, latn] = ["kk", "kk-Latn"].map((l) => formatKm(11179, textOf(l), l));
    return { kk, latn, written: kazakhLatin(kk) };
  });
  assert.match(km.kk, /^11\D?179\u00a0км$/);
  assert.equal(km.latn, km.written);
  assert.match(km.latn, /km$/);
  await evalMap(page, (el) => { el.select(null); el.setAttribute("lang", "en"); });
});

test("every UI string (panels, announcements, errors, PNG export, About) reads as finished text", async () => {
  const all = await page.evaluate(async () => {
    const { TEXT, textOf, inScript, loadText, useTransliteration } = await import("/www/bridge-map-i18n.js");
    useTransliteration((await import("/pkg/bridge_map.js")).kazakhLatin);
    const { ABOUT } = await import("/www/bridge-map-about.js");
    const { SHARE } = await import("/www/bridge-map-export.js");
    const { VOCABULARY } = await import("/www/bridge-map-vocabulary.js");
    for (const lang of VOCABULARY.languages) await loadText(lang);
    const out = { written: Object.keys(TEXT), about: Object.keys(ABOUT), share: Object.keys(SHARE) };
    for (const lang of VOCABULARY.languages) {
      // The About box's and the share dialog's texts are loaded when they
      // open, beside the rest.
      const from = VOCABULARY.dataLanguage[lang];
      const t = { ...textOf(lang), about: inScript(lang, ABOUT[from]), share: inScript(lang, SHARE[from]) };
      const name = { en: "Astana", "kk-Latn": "Astana" }[lang] ?? "Астана";
      const list = [];
      const walk = (v, key) => {
        if (typeof v === "string") list.push([key, v]);
        else if (typeof v === "function") list.push([key, String(v(2, 9, name))]);
        else if (v && typeof v === "object") for (const [k, x] of Object.entries(v)) walk(x, `${key}.${k}`);
      };
      walk(t, lang);
      out[lang] = list;
    }
    return out;
  });
  assert.deepEqual(all.written.sort(), [...VOCABULARY.dataLanguages].sort(), "TEXT has exactly the languages the data is written in");
  assert.deepEqual(all.about.sort(), [...VOCABULARY.dataLanguages].sort(), "ABOUT too");
  assert.deepEqual(all.share.sort(), [...VOCABULARY.dataLanguages].sort(), "SHARE too");
  delete all.written;
  delete all.about;
  delete all.share;
  assert.equal(LANGS[0], "en", "the first language is English, whose text bridge-map-i18n.js bundles (i18n/en.js)");
  assert.deepEqual(readdirSync(path.join(ROOT, "www", "i18n")).sort(), [...VOCABULARY.dataLanguages].map((l) => `${l}.js`).sort(), "www/i18n/ has a module for each language the data is written in, and no other");
  const keys = (lang) => all[lang].map(([k]) => k.slice(lang.length)).sort();
  const problems = [];
  for (const lang of LANGS) {
    assert.deepEqual(keys(lang), keys("en"), `${lang} has the same UI strings as en`);
    for (const [key, text] of all[lang]) {
      if (!text.trim()) problems.push(`${key}: empty`);
      problems.push(...faults(text, lang, key));
    }
  }
  assert.deepEqual(problems, [], `${problems.length} problem(s):\n${problems.join("\n")}`);
});

test("the About box opens in every language, Latin Kazakh written by the core", async () => {
  const read = (lang) => evalMap(page, async (el, l) => {
    el.setAttribute("lang", l);
    const root = el.shadowRoot;
    root.querySelector("button.about-button").click();
    const box = root.querySelector(".about");
    for (let i = 0; box.hidden; i++) {
      if (i > 300) throw new Error("the About box never opened");
      await new Promise((r) => requestAnimationFrame(r));
    }
    const clone = box.cloneNode(true);
    for (const n of clone.querySelectorAll(".sources, button")) n.remove();
    const text = clone.textContent;
    root.querySelector(".about .close").click();
    return { text, focus: root.activeElement?.className ?? null };
  }, lang);
  const texts = {};
  for (const lang of LANGS) {
    const { text } = await read(lang);
    texts[lang] = text;
    assert.deepEqual(faults(text, lang, "About box"), [], `${lang}: ${text.slice(0, 200)}`);
    assert.ok(text.length > 400, `${lang}: the About box has its texts`);
  }
  const written = await page.evaluate(async (kk) => (await import("/pkg/bridge_map.js")).kazakhLatin(kk), texts.kk);
  assert.equal(texts["kk-Latn"], written, "kk-Latn's About box is the Kazakh one in Latin");
  assert.match(texts["kk-Latn"], /Karta turaly/);
  await evalMap(page, (el) => el.setAttribute("lang", "en"));
});

test("the overlay comes one language at a time, and a switch keeps the view, the selection and the tour step", async () => {
  const packs = () => page.evaluate(() => performance.getEntriesByType("resource")
    .map((e) => new URL(e.name).pathname).filter((p) => p.startsWith("/data/bridge")));
  const fresh = await map.browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    // A first visit in Kazakh downloads the Kazakh outline for the first
    // map, then the Kazakh pack, and nothing in another language.
    const kk = await fresh.newPage();
    await kk.addInitScript(() => {
      customElements.whenDefined("bridge-map").then(() => document.getElementById("map").ready).then(() => {
        const el = document.getElementById("map");
        window.__atReady = { at: performance.now(), features: el.features().length, texts: el.stats.texts };
      });
    });
    await kk.goto(`${map.server.origin}/www/index.html#lang=kk`);
    assert.ok((await waitReady(kk)).ok);
    const first = await kk.evaluate(() => ({
      lang: document.getElementById("map").getAttribute("lang"),
      languages: document.getElementById("map").stats.languages,
      texts: document.getElementById("map").stats.texts,
      packs: performance.getEntriesByType("resource").filter((e) => new URL(e.name).pathname.startsWith("/data/bridge"))
        .map((e) => ({ path: new URL(e.name).pathname, afterReady: e.startTime >= window.__atReady.at })),
      atReady: window.__atReady,
    }));
    assert.deepEqual(first.packs, [
      { path: "/data/bridge.kk.outline.json", afterReady: false },
      { path: "/data/bridge.kk.json", afterReady: true },
    ], "the outline before ready, the pack after");
    assert.ok(first.atReady.features > 40, `the first map draws every feature: ${JSON.stringify(first.atReady)}`);
    assert.deepEqual({ lang: first.lang, languages: first.languages, texts: first.texts }, { lang: "kk", languages: ["kk"], texts: true });
    // The texts of an open feature are there once the pack is in.
    const info = await kk.evaluate(() => {
      const el = document.getElementById("map");
      el.select("titr");
      return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(el.shadowRoot.querySelector(".info").textContent))));
    });
    const titrKk = DATA.features.find((f) => f.id === "titr");
    assert.ok(info.includes(titrKk.summary.kk.slice(0, 40)), `the Kazakh summary in the info panel: ${info.slice(0, 160)}`);
  } finally {
    await fresh.close();
  }

  // On the shared page (English): open step 2, select the Middle Corridor,
  // then switch to Russian.
  const titr = DATA.features.find((f) => f.id === "titr");
  const before = await evalMap(page, async (el) => {
    el.setAttribute("lang", "en");
    while (!el.stats.languages.includes("en")) await new Promise((r) => requestAnimationFrame(r));
    el.step = 2;
    el.select("titr");
    return { view: el.view, step: el.step };
  });
  const stepView = await evalMap(page, async (el) => {
    // Wait for the step's flight to land, so the view is at rest.
    let last = JSON.stringify(el.view);
    for (let still = 0; still < 10;) {
      await new Promise((r) => requestAnimationFrame(r));
      const now = JSON.stringify(el.view);
      still = now === last ? still + 1 : 0;
      last = now;
    }
    return el.view;
  });
  assert.equal(before.step, 2);
  await evalMap(page, (el) => el.setAttribute("lang", "ru"));
  await until(page, () => document.getElementById("map").stats.languages.includes("ru"), null, "the Russian pack in use");
  const after = await evalMap(page, (el) => ({
    view: el.view, step: el.step, selected: el.selected, info: el.shadowRoot.querySelector(".info").textContent,
  }));
  assert.deepEqual(after.view, stepView, "the view stays");
  assert.equal(after.step, 2, "the tour step stays");
  assert.equal(after.selected?.id, "titr", "the selection stays");
  assert.equal(after.selected?.name, titr.name.ru, "in Russian");
  assert.ok(after.info.includes(titr.summary.ru.slice(0, 40)), `the info panel reads Russian: ${after.info.slice(0, 120)}`);
  assert.ok((await packs()).includes("/data/bridge.ru.json"));

  // Quick switches end in the last language asked for, whatever order the
  // downloads finish in.
  await evalMap(page, (el) => { el.setAttribute("lang", "kk"); el.setAttribute("lang", "en"); el.setAttribute("lang", "kk"); });
  await until(page, () => document.getElementById("map").stats.languages.includes("kk"), null, "the Kazakh pack in use");
  await frames(page, 5);
  const last = await evalMap(page, (el) => ({ languages: el.stats.languages, name: el.selected?.name }));
  assert.deepEqual(last, { languages: ["kk"], name: titr.name.kk });
  await evalMap(page, (el) => { el.select(null); el.step = null; el.setAttribute("lang", "en"); });
  await until(page, () => document.getElementById("map").stats.languages.includes("en"), null, "the English pack back");
});
