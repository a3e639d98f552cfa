// UI text for <bridge-map> in English, Kazakh and Russian, one language per
// module under i18n/. Feature and country names come from the data (CLDR and
// data/bridge.json), not from here. The languages themselves are the core's
// (VOCABULARY.languages); the text sweep (tools/e2e/text.test.mjs) checks
// there is a module for exactly the languages the data is written in
// (VOCABULARY.dataLanguages), key for key. The About box's texts are in
// bridge-map-about.js, loaded when the box is first opened.
//
// English comes with the element; another language is downloaded when a map
// first shows it (loadText), so a page carries the text of the languages it
// shows and no others. The bundles keep the modules beside them in pkg/i18n/
// (tools/package.mjs).
//
// Latin Kazakh (kk-Latn) is not written here: textOf("kk-Latn") is the
// Kazakh of i18n/kk.js, written in the Latin alphabet of 2021 by the core's
// own transliteration (the wasm export kazakhLatin,
// src/data/kazakh_latin.rs), which the element hands over once the wasm is
// in (useTransliteration).

import { VOCABULARY } from "./bridge-map-vocabulary.js";
import EN from "./i18n/en.js";

/** The text of each data language loaded so far, by language: the first of
 *  the core's languages (i18n/en.js; text.test.mjs checks it is English)
 *  from the start. */
export const TEXT = { [VOCABULARY.languages[0]]: EN };

/** Downloads of languages under way, by language. */
const loading = new Map();

/**
 * The text `lang` (one of VOCABULARY.languages) is written from: its data
 * language's module (kk for kk-Latn), downloaded once. A download that
 * fails is forgotten, so a later call tries again.
 * @returns {Promise<object>}
 */
export function loadText(lang) {
  if (!isLang(lang)) return Promise.reject(new Error(`no UI text in "${lang}"`));
  const source = VOCABULARY.dataLanguage[lang];
  if (TEXT[source]) return Promise.resolve(TEXT[source]);
  if (!loading.has(source)) {
    // Not a string the bundler would follow: the module stays a file of its
    // own, beside whichever script holds this code.
    const url = new URL(`./i18n/${source}.js`, import.meta.url).href;
    loading.set(source, import(url).then(
      (m) => { loading.delete(source); return (TEXT[source] = m.default); },
      (err) => { loading.delete(source); throw err; },
    ));
  }
  return loading.get(source);
}

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
 *  it is not downloaded yet (loadText) or its script waits for the core
 *  (kk-Latn before the wasm is in). */
export function textOf(lang) {
  if (!transliterated(lang)) return TEXT[lang] ?? null;
  if (!TEXT[VOCABULARY.dataLanguage[lang]]) return null;
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
