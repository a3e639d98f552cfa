// Dates, periods and numbers for <bridge-map>'s text, per language, with Intl.
// The data keeps machine-readable values (ISO dates, periods such as
// "2024-01/2024-11"); nothing raw reaches the reader.
//
// Latin Kazakh (kk-Latn) is formatted as Kazakh and written in the Latin
// alphabet by the core (inScript): ICU has no Latin Kazakh, and for
// "kk-Latn" gives the Cyrillic month names of "kk".

import { inScript } from "./bridge-map-i18n.js";
import { VOCABULARY } from "./bridge-map-vocabulary.js";

const LOCALES = { en: "en-GB", kk: "kk-KZ", ru: "ru-RU" };

/** The Intl locale for one of the element's languages (kk-Latn groups
 *  digits as kk does). */
export function localeOf(lang) {
  return LOCALES[VOCABULARY.dataLanguage[lang]] ?? LOCALES.en;
}

/** For a language read through another (kk-Latn): `format` in that one,
 *  written in the language's script; else null. */
function through(lang, format) {
  const from = VOCABULARY.dataLanguage[lang];
  return from && from !== lang ? inScript(lang, format(from)) ?? "" : null;
}

// Kazakh style writes "2023 жылғы 18 наурыз"; ICU abbreviates it to "2023 ж.".
function finish(text, lang) {
  return lang === "kk" ? text.replace(/(\d{4})\s?ж\./g, "$1 жылғы") : text;
}

// Some browsers ship ICU without Kazakh month names (Debian's Chromium
// writes "2023 M03 18"). There the element writes Kazakh dates itself, in the
// same form ICU gives where it has the data.
const KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];
const KK_SHORT = ["қаң.", "ақп.", "нау.", "сәу.", "мам.", "мау.", "шіл.", "там.", "қыр.", "қаз.", "қар.", "жел."];
let kkIntl = null;
function intlKnowsKazakh() {
  kkIntl ??= /наурыз/.test(new Intl.DateTimeFormat("kk-KZ", { month: "long", timeZone: "UTC" }).format(new Date(Date.UTC(2020, 2, 1))));
  return kkIntl;
}

/** Kazakh without ICU data: one date or a span, at day or month precision. */
function kazakh(a, b, precision, short = false) {
  const y = (d) => d.getUTCFullYear(), m = (d) => (short ? KK_SHORT : KK_MONTHS)[d.getUTCMonth()], day = (d) => d.getUTCDate();
  const one = (d) => (precision === "day" ? `${day(d)} ${m(d)}` : precision === "month" ? m(d) : "");
  if (precision === "year") return b ? `${y(a)}–${y(b)}` : `${y(a)}`;
  if (!b) return `${y(a)} жылғы ${one(a)}`;
  if (y(a) !== y(b)) return `${y(a)} жылғы ${one(a)} – ${y(b)} жылғы ${one(b)}`;
  if (precision === "day" && a.getUTCMonth() === b.getUTCMonth()) return `${y(a)} жылғы ${day(a)}–${day(b)} ${m(a)}`;
  return `${y(a)} жылғы ${one(a)}${precision === "month" ? "–" : " – "}${one(b)}`;
}

/** Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" into a UTC date and its precision. */
function parse(iso) {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(String(iso ?? ""));
  if (!m) return null;
  const precision = m[3] ? "day" : m[2] ? "month" : "year";
  return { date: new Date(Date.UTC(+m[1], m[2] ? +m[2] - 1 : 0, m[3] ? +m[3] : 1)), precision };
}

const FIELDS = {
  day: { day: "numeric", month: "long", year: "numeric" },
  month: { month: "long", year: "numeric" },
  year: { year: "numeric" },
  // A span of months in a figure's period: "Jan–Nov 2024".
  short: { month: "short", year: "numeric" },
};

// Making an Intl formatter loads the locale's data: milliseconds each, and
// the panels and the text twin format hundreds of dates. One per kind.
const FORMATTERS = new Map();
function formatter(precision, lang) {
  const key = `${lang}|${precision}`;
  let f = FORMATTERS.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(localeOf(lang), { ...FIELDS[precision], timeZone: "UTC" });
    FORMATTERS.set(key, f);
  }
  return f;
}

/**
 * A date or a span of dates, e.g. "18 March 2023", "2023 жылғы 18–19 наурыз",
 * "8–9 июня 2023 г.". Returns "" for a missing or malformed date.
 */
export function formatDate(start, end, lang) {
  const written = through(lang, (from) => formatDate(start, end, from));
  if (written != null) return written;
  const a = parse(start);
  if (!a) return "";
  const b = parse(end);
  const span = b && b.precision === a.precision && b.date > a.date;
  if (lang === "kk" && !intlKnowsKazakh()) return kazakh(a.date, span ? b.date : null, a.precision);
  const f = formatter(a.precision, lang);
  if (span) return finish(f.formatRange(a.date, b.date), lang);
  return finish(f.format(a.date), lang);
}

/**
 * A figure's period (see data/BRIDGE.md): "2024", "2022–2024", "2024-03",
 * "2024-01/2024-11", or alternatives joined by " / ". "—" (timeless) is "".
 */
export function formatPeriod(period, lang) {
  const written = through(lang, (from) => formatPeriod(period, from));
  if (written != null) return written;
  if (period == null || period === "—") return "";
  return String(period)
    .split(" / ")
    .map((alt) => {
      if (/^\d{4}(–\d{4})?$/.test(alt)) return alt;
      const [from, to] = alt.split("/");
      const a = parse(from);
      if (!a) return alt;
      const b = parse(to);
      if (lang === "kk" && !intlKnowsKazakh()) return kazakh(a.date, b?.date ?? null, b ? "month" : a.precision, !!b);
      const f = formatter(b ? "short" : a.precision, lang);
      return finish(b ? f.formatRange(a.date, b.date) : f.format(a.date), lang);
    })
    .join(" / ");
}

/** A whole number of kilometres, grouped for the language: "11 179 км". */
const NUMBERS = new Map();
export function formatKm(km, t, lang) {
  let f = NUMBERS.get(lang);
  if (!f) NUMBERS.set(lang, (f = new Intl.NumberFormat(localeOf(lang))));
  return `${f.format(Math.round(km))}\u00a0${t.km}`;
}
