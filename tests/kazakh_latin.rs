//! Latin Kazakh (`kk-Latn`): the 2021 alphabet letter by letter, real place
//! names, case, text that is not Kazakh, and every Kazakh text the map
//! ships (the overlay pack, the countries' and places' names) read in
//! Latin with the alphabet's 31 letters and nothing left in Cyrillic.

use bridge_map::data::kazakh_latin::{to_latin, ALPHABET};
use bridge_map::data::overlay::Overlay;
use bridge_map::data::places::PLACES;
use bridge_map::data::topology::{decode, Lang, Names};

/// The 2021 table as the Government presented it on 28 January 2021: each
/// Cyrillic letter of the Kazakh alphabet with its Latin letter, capital
/// and small (see src/data/kazakh_latin.rs for the source).
const TABLE: [(&str, &str); 33] = [
    ("Аа", "Aa"),
    ("Әә", "Ää"),
    ("Бб", "Bb"),
    ("Вв", "Vv"),
    ("Гг", "Gg"),
    ("Ғғ", "Ğğ"),
    ("Дд", "Dd"),
    ("Ее", "Ee"),
    ("Жж", "Jj"),
    ("Зз", "Zz"),
    ("Ии", "İi"),
    ("Йй", "İi"),
    ("Кк", "Kk"),
    ("Ққ", "Qq"),
    ("Лл", "Ll"),
    ("Мм", "Mm"),
    ("Нн", "Nn"),
    ("Ңң", "Ññ"),
    ("Оо", "Oo"),
    ("Өө", "Öö"),
    ("Пп", "Pp"),
    ("Рр", "Rr"),
    ("Сс", "Ss"),
    ("Тт", "Tt"),
    ("Уу", "Uu"),
    ("Ұұ", "Ūū"),
    ("Үү", "Üü"),
    ("Фф", "Ff"),
    ("Хх", "Hh"),
    ("Һһ", "Hh"),
    ("Шш", "Şş"),
    ("Ыы", "Yy"),
    ("Іі", "Iı"),
];

/// The nine letters the table leaves out, written with its letters for
/// the sounds they stand for (the module's own rule): capital alone, small.
const BY_RULE: [(&str, &str, &str); 9] = [
    ("Ёё", "İo", "io"),
    ("Цц", "Ts", "ts"),
    ("Чч", "Tş", "tş"),
    ("Щщ", "Şş", "şş"),
    ("Ъъ", "", ""),
    ("Ьь", "", ""),
    ("Ээ", "E", "e"),
    ("Юю", "İu", "iu"),
    ("Яя", "İa", "ia"),
];

#[test]
fn every_letter_of_the_2021_table() {
    for (cyr, lat) in TABLE {
        let (cap, small): (Vec<char>, Vec<char>) = (cyr.chars().collect(), lat.chars().collect());
        assert_eq!(
            to_latin(&cap[0].to_string()),
            small[0].to_string(),
            "{cyr}: the capital"
        );
        assert_eq!(
            to_latin(&cap[1].to_string()),
            small[1].to_string(),
            "{cyr}: the small letter"
        );
    }
    // The whole alphabet, small, is the 31 letters and only they.
    let mut got: Vec<char> = TABLE.iter().flat_map(|(_, l)| l.chars().nth(1)).collect();
    got.sort_unstable();
    got.dedup();
    let mut want: Vec<char> = ALPHABET.chars().collect();
    want.sort_unstable();
    assert_eq!(got, want);
    assert_eq!(want.len(), 31);
}

#[test]
fn the_letters_outside_the_table_by_rule() {
    for (cyr, cap, small) in BY_RULE {
        let c: Vec<char> = cyr.chars().collect();
        assert_eq!(to_latin(&c[0].to_string()), cap, "{cyr}: the capital alone");
        assert_eq!(
            to_latin(&c[1].to_string()),
            small,
            "{cyr}: the small letter"
        );
    }
    // Inside a word in capitals, all capitals; in a word with one, one.
    assert_eq!(to_latin("ЮНИСЕФ"), "İUNİSEF");
    assert_eq!(to_latin("Юнисеф"), "İunisef");
    assert_eq!(to_latin("ЦИК"), "TSİK");
    assert_eq!(
        to_latin("ЕСЦ"),
        "ESTS",
        "at a word's end, the letter before says"
    );
    assert_eq!(to_latin("Чабахар"), "Tşabahar");
    assert_eq!(to_latin("Суэц"), "Suets");
    assert_eq!(to_latin("Беларусь"), "Belarus");
    assert_eq!(to_latin("Ляньюньган"), "Lianiungan");
    assert_eq!(to_latin("Азия"), "Aziia");
    assert_eq!(to_latin("ащы"), "aşşy");
    assert_eq!(to_latin("съезі"), "sezı");
}

#[test]
fn place_names_read_as_their_latin_forms() {
    for (cyr, lat) in [
        ("Қазақстан", "Qazaqstan"),
        ("Қазақстан Республикасы", "Qazaqstan Respublikasy"),
        ("Астана", "Astana"),
        ("Алматы", "Almaty"),
        ("Ақтау", "Aqtau"),
        ("Құрық", "Qūryq"),
        ("Шымкент", "Şymkent"),
        ("Қорғас", "Qorğas"),
        ("Жезқазған", "Jezqazğan"),
        ("Өскемен", "Öskemen"),
        ("Түркістан", "Türkıstan"),
        ("Ұлытау", "Ūlytau"),
        ("Атырау", "Atyrau"),
        ("Петропавл", "Petropavl"),
        ("Ресей", "Resei"),
        ("Қытай", "Qytai"),
        ("Мәскеу", "Mäskeu"),
        ("ҚАЗАҚСТАН", "QAZAQSTAN"),
    ] {
        assert_eq!(to_latin(cyr), lat);
    }
}

/// The sentence of 1902 that Wikipedia's "Kazakh alphabets" prints in
/// modern Cyrillic and in the 2021 alphabet (its dashes kept as in the
/// Cyrillic).
#[test]
fn a_published_text_in_the_2021_alphabet() {
    let cyrillic = "Бұрыңғы өткен заманда, бір данышпан кісі, Бағдат шаһарының бір үлкен \
        қазысының үйіне келіп қоныпты. Қазыменен сөйлесіп, қазыны сөзге жеңе беріпті. \
        Сонда қазы қорқып, — „Бұл маған келген бала — менің қазылығымды тартып алса \
        керек! Не де болса, бұған жалынып, сый беріп, орнымда қалайын!“ — деп, \
        қатынына ақылдасыпты.";
    let latin = "Būryñğy ötken zamanda, bır danyşpan kısı, Bağdat şaharynyñ bır ülken \
        qazysynyñ üiıne kelıp qonypty. Qazymenen söilesıp, qazyny sözge jeñe berıptı. \
        Sonda qazy qorqyp, — „Būl mağan kelgen bala — menıñ qazylyğymdy tartyp alsa \
        kerek! Ne de bolsa, būğan jalynyp, syi berıp, ornymda qalaiyn!“ — dep, \
        qatynyna aqyldasypty.";
    assert_eq!(to_latin(cyrillic), latin);
}

#[test]
fn text_that_is_not_kazakh_is_left_as_it_is() {
    for s in [
        "",
        "Natural Earth · Unicode CLDR 48 (CC BY 4.0), 1:50m",
        "Qazaqstan — 2023-04-27, ≈ 11 179 km",
        "中国 · Türkiye · Ελλάδα · ї є ў",
    ] {
        assert_eq!(to_latin(s), s);
    }
    assert_eq!(
        to_latin("Unicode CLDR 48 (Unicode лицензиясы)."),
        "Unicode CLDR 48 (Unicode litsenziiasy)."
    );
    assert_eq!(to_latin("2011–2021 жж., 53%-ы"), "2011–2021 jj., 53%-y");
    // Latin Kazakh through the table again is itself.
    let once = to_latin("Шығыс пен Батыс арасындағы көпір");
    assert_eq!(to_latin(&once), once);
}

#[test]
fn tags_parse_to_the_two_kazakh_scripts() {
    for (tag, lang) in [
        ("kk", Some(Lang::Kk)),
        ("kk-KZ", Some(Lang::Kk)),
        ("kk-Cyrl", Some(Lang::Kk)),
        ("kk-Cyrl-KZ", Some(Lang::Kk)),
        ("kk-Latn", Some(Lang::KkLatn)),
        ("KK-LATN", Some(Lang::KkLatn)),
        ("kk_Latn_KZ", Some(Lang::KkLatn)),
        ("en-GB", Some(Lang::En)),
        ("en-Latn", Some(Lang::En)),
        ("ru-Cyrl-RU", Some(Lang::Ru)),
        ("ru-Latn", None),
        ("kk-Arab", None),
        ("latn", None),
        ("", None),
    ] {
        assert_eq!(Lang::parse(tag), lang, "{tag}");
    }
    for l in Lang::ALL {
        assert_eq!(Lang::parse(l.as_str()), Some(l));
        assert_eq!(Lang::from_word(l.as_str()), Some(l));
    }
    assert_eq!(Lang::KkLatn.stored(), Lang::Kk);
    assert_eq!(Lang::stored_from_word("kk-Latn"), None, "never stored");
}

/// What a visitor reading Latin Kazakh sees must hold no Cyrillic letter
/// and only the alphabet's letters besides the Latin already in the
/// Cyrillic text (names such as "Natural Earth", "CPC").
fn assert_latin(cyrillic: &str, what: &str) {
    let latin = to_latin(cyrillic);
    assert!(
        !latin.chars().any(|c| ('\u{400}'..='\u{4ff}').contains(&c)),
        "{what}: {latin}"
    );
    let own: Vec<char> = cyrillic
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    for c in latin.chars().filter(|c| c.is_alphabetic()) {
        let small = match c {
            'İ' => 'i',
            'I' => 'ı',
            _ => c.to_lowercase().next().unwrap_or(c),
        };
        assert!(
            ALPHABET.contains(small) || own.contains(&small) || (c == 'I' && own.contains(&'i')),
            "{what}: {c} is not in the 2021 alphabet: {latin}"
        );
    }
}

fn texts(n: &Names) -> &str {
    &n.kk
}

#[test]
fn every_kazakh_text_the_map_ships_reads_in_latin() {
    let pack = include_str!("../data/bridge.kk.json");
    let o = Overlay::from_json(&serde_json::from_str(pack).expect("JSON")).expect("valid");
    let mut n = 0;
    for f in &o.features {
        assert_latin(texts(&f.name), &f.id);
        assert_latin(texts(&f.summary), &f.id);
        for g in &f.figures {
            assert_latin(texts(&g.label), &f.id);
            assert_latin(texts(&g.value), &f.id);
        }
        n += 1;
    }
    for s in &o.tour {
        assert_latin(texts(&s.title), &s.id);
        assert_latin(texts(&s.text), &s.id);
    }
    assert!(n > 40);
    // The names are read through the language, not the raw field.
    let titr = o.feature("titr").unwrap();
    assert!(titr
        .name
        .get(Lang::KkLatn)
        .starts_with("Transkaspii halyqaralyq kölık"));
    assert_eq!(titr.name.get(Lang::Kk), titr.name.kk);

    let topo = decode(include_bytes!("../data/countries.bmap")).unwrap();
    for c in &topo.countries {
        assert_latin(&c.names.kk, c.id.as_str());
    }
    let kaz = topo
        .countries
        .iter()
        .find(|c| c.id.as_str() == "KAZ")
        .unwrap();
    assert_eq!(kaz.names.get(Lang::KkLatn), "Qazaqstan");
    for p in PLACES {
        assert_latin(&p.name(Lang::Kk), p.id);
        assert_eq!(p.name(Lang::KkLatn), to_latin(&p.name(Lang::Kk)));
    }
    let astana = PLACES.iter().find(|p| p.id == "astana").unwrap();
    assert_eq!(astana.name(Lang::KkLatn), "Astana");
}
