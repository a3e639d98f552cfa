//! Kazakh in the Latin alphabet of 2021: the one transliteration from the
//! Cyrillic Kazakh the data is written in to the Latin Kazakh (`kk-Latn`)
//! the map also speaks.
//!
//! ## The source
//!
//! The alphabet is the 31-letter one that the Government of Kazakhstan
//! presented at the session of the National Commission on the transition
//! to the Latin script, chaired by Prime Minister Askar Mamin on
//! 28 January 2021 (Kazinform, "New version of Latin-based Kazakh alphabet
//! presented at Government", 28 January 2021; the transition is planned for
//! 2023–2031):
//!
//! `A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z`
//!
//! Kazinform names the six new signs: ә → Ä, ө → Ö, ү → Ü, ұ → Ū (macron),
//! ғ → Ğ (breve), ш → Ş (cedilla). The rest of the table, as set out in
//! Wikipedia's "Kazakh alphabets" (its 2021 table and transliterated
//! sample text, e.g. «Бұрыңғы ... бір данышпан кісі» → «Būryñğy ... bır
//! danyşpan kısı»): ң → Ñ; і → I ı (dotless); и and й → İ i (dotted);
//! ы → Y y; у → U u; х and һ → H h; в → V; ж → J; қ → Q; the other
//! letters as in the Latin alphabet. There is no C, Ç, W or X.
//!
//! ## The letters the table leaves out
//!
//! Nine Cyrillic letters have no letter of their own in the 2021
//! alphabet: ё, ц, ч, щ, ъ, ь, э, ю, я. They occur only in words taken
//! from or through Russian (and щ in three native words, where it is a
//! long ш). This module writes each with the table's own letters for the
//! sounds it stands for, so the result uses the 31 letters and nothing
//! else:
//!
//! | Cyrillic | Latin | why |
//! |---|---|---|
//! | э | e | the same sound as е |
//! | ъ, ь | (nothing) | signs, not sounds |
//! | я | ia | й + а |
//! | ю | iu | й + у |
//! | ё | io | й + о |
//! | ц | ts | т + с |
//! | ч | tş | т + ш |
//! | щ | şş | a long ш (ащы → aşşy) |
//!
//! So Азия → Aziia, Ляньюньган → Lianiungan, Беларусь → Belarus,
//! Чабахар → Tşabahar, Суэц → Suets.
//!
//! ## Case and everything else
//!
//! A capital stays a capital: И → İ, І → I (the dotted and dotless pairs
//! are written out, never left to a locale's case rules). A capital that
//! becomes two letters is written all in capitals inside a word in
//! capitals (ЮНИСЕФ → İUNİSEF) and as a capital and a small letter
//! elsewhere (Яғни → İağni). Anything that is not a Kazakh Cyrillic letter
//! (digits, punctuation, Latin letters, other scripts, other Cyrillic
//! letters such as Ukrainian ї) is copied as it is, so a text already in
//! Latin comes back unchanged.

/// The Latin letters of the 2021 alphabet, small, in its order.
pub const ALPHABET: &str = "aäbdefgğhıijklmnñoöpqrsştuūüvyz";

/// The Latin for а–я (U+0430–U+044F), in code point order, `|` between
/// letters: а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я.
/// One string rather than a `match` of 64 arms: the wasm is budgeted.
const A_TO_YA: &str = "a|b|v|g|d|e|j|z|i|i|k|l|m|n|o|p|r|s|t|u|f|h|ts|tş|ş|şş||y||e|iu|ia";

/// The Latin (small letters) for one Kazakh Cyrillic letter, and whether
/// the letter is a capital; `None` for anything else. The capitals are
/// А–Я (U+0410–U+042F, 0x20 below their small letters), Ё and І (U+0401,
/// U+0406, 0x50 below), and Ә Ғ Қ Ң Ө Ұ Ү Һ of the Cyrillic Supplement
/// (even code points, their small letter the next one). Written out rather
/// than `char::to_lowercase`, whose Unicode tables would weigh on the wasm.
fn letter(c: char) -> Option<(&'static str, bool)> {
    let u = c as u32;
    let (small, upper) = match u {
        0x410..=0x44F => {
            let l = A_TO_YA.split('|').nth((u as usize - 0x410) % 32)?;
            return Some((l, u < 0x430));
        }
        0x401 | 0x406 => (u + 0x50, true),
        0x460.. if u.is_multiple_of(2) => (u + 1, true),
        _ => (u, false),
    };
    let latin = match small {
        0x4D9 => "ä",  // ә
        0x493 => "ğ",  // ғ
        0x49B => "q",  // қ
        0x4A3 => "ñ",  // ң
        0x4E9 => "ö",  // ө
        0x4B1 => "ū",  // ұ
        0x4AF => "ü",  // ү
        0x4BB => "h",  // һ
        0x456 => "ı",  // і
        0x451 => "io", // ё
        _ => return None,
    };
    Some((latin, upper))
}

/// A Latin letter of the alphabet in capitals: i → İ and ı → I, as the
/// alphabet pairs them.
fn capital(c: char) -> char {
    match c {
        'i' => 'İ',
        'ı' => 'I',
        'ä' => 'Ä',
        'ğ' => 'Ğ',
        'ñ' => 'Ñ',
        'ö' => 'Ö',
        'ş' => 'Ş',
        'ū' => 'Ū',
        'ü' => 'Ü',
        _ => c.to_ascii_uppercase(),
    }
}

/// Whether `c` is a letter, Kazakh Cyrillic or Latin, and if so whether it
/// is a capital (for the case of a capital that becomes two letters).
/// (A `char` pattern in `str::contains` would bring the substring searcher
/// into the wasm, so the alphabet is walked.)
fn case_of(c: char) -> Option<bool> {
    if c.is_ascii_alphabetic() {
        return Some(c.is_ascii_uppercase());
    }
    if let Some((_, upper)) = letter(c) {
        return Some(upper);
    }
    ALPHABET
        .chars()
        .find(|&a| a == c || capital(a) == c)
        .map(|a| a != c)
}

/// Writes Cyrillic Kazakh `text` in the Latin alphabet of 2021 (see the
/// module doc for the table and the rules).
///
/// ```
/// use bridge_map::data::kazakh_latin::to_latin;
/// assert_eq!(to_latin("Қазақстан"), "Qazaqstan");
/// assert_eq!(to_latin("Шығыс пен Батыс"), "Şyğys pen Batys");
/// assert_eq!(to_latin("ЮНИСЕФ, 2023 ж."), "İUNİSEF, 2023 j.");
/// assert_eq!(to_latin("Natural Earth"), "Natural Earth");
/// ```
pub fn to_latin(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut prev = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match letter(c) {
            None => out.push(c),
            Some((l, false)) => out.push_str(l),
            Some((l, true)) => {
                // A capital: all its letters are capitals in a word written
                // in capitals (the next letter is one, or at a word's end
                // the one before), else only the first.
                let all = match chars.peek().copied().and_then(case_of) {
                    Some(next) => next,
                    None => prev.and_then(case_of).unwrap_or(false),
                };
                for (j, ch) in l.chars().enumerate() {
                    out.push(if j == 0 || all { capital(ch) } else { ch });
                }
            }
        }
        prev = Some(c);
    }
    out
}
