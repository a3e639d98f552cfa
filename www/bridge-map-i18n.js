// UI text for <bridge-map> in English, Kazakh and Russian, one language per
// module under i18n/. Feature and country names come from the data (CLDR and
// data/bridge.json), not from here. The languages themselves are the core's
// (VOCABULARY.languages); the text sweep (tools/e2e/text.test.mjs) checks
// there is a module for exactly those, key for key.
//
// English comes with the element; another language is downloaded when a map
// first shows it (loadText), so a page carries the text of the languages it
// shows and no others. The bundles keep the modules beside them in pkg/i18n/
// (tools/package.mjs).

import { VOCABULARY } from "./bridge-map-vocabulary.js";
import EN from "./i18n/en.js";

/** The text of each language loaded so far, by language: the first of the
 *  core's languages (i18n/en.js; text.test.mjs checks it is English) from
 *  the start. */
export const TEXT = { [VOCABULARY.languages[0]]: EN };

/** The text of the language of `tag` if it is in, else the first
 *  language's. */
export function textOf(tag) {
  return TEXT[langOf(tag)] ?? TEXT[VOCABULARY.languages[0]];
}

/** Downloads of languages under way, by language. */
const loading = new Map();

/**
 * The text of `lang` (one of VOCABULARY.languages), downloaded once. A
 * download that fails is forgotten, so a later call tries again.
 * @returns {Promise<object>}
 */
export function loadText(lang) {
  if (TEXT[lang]) return Promise.resolve(TEXT[lang]);
  if (!isLang(lang)) return Promise.reject(new Error(`no UI text in "${lang}"`));
  if (!loading.has(lang)) {
    // Not a string the bundler would follow: the module stays a file of its
    // own, beside whichever script holds this code.
    const url = new URL(`./i18n/${lang}.js`, import.meta.url).href;
    loading.set(lang, import(url).then(
      (m) => { loading.delete(lang); return (TEXT[lang] = m.default); },
      (err) => { loading.delete(lang); throw err; },
    ));
  }
  return loading.get(lang);
}

export function langOf(tag) {
  return isLang(tag) ? primary(tag) : VOCABULARY.languages[0];
}

/** Whether the map speaks the language of `tag` (`kk`, `ru-RU`, …). */
export function isLang(tag) {
  return VOCABULARY.languages.includes(primary(tag));
}

function primary(tag) {
  return String(tag).toLowerCase().split(/[-_]/)[0];
}
