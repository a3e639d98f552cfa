//! Overlay data validation: the shipped file passes, and each kind of
//! mistake gives its own error at its own path.

mod common;

use bridge_map::data::json::Json;
use bridge_map::data::overlay::{Body, Kind, Overlay, Problem, Reason, TourStep};
use bridge_map::data::topology::Lang;
use serde_json::{json, Value};

const MIN: &str = include_str!("fixtures/overlay-min.json");
const SHIPPED: &str = include_str!("../data/bridge.json");

fn to_json(v: &Value) -> Json {
    serde_json::from_value(v.clone()).expect("serde_json values convert")
}

fn base() -> Value {
    serde_json::from_str(MIN).unwrap()
}

/// Applies a mutation to the minimal file and returns the problems.
fn problems(mutate: impl FnOnce(&mut Value)) -> Vec<Problem> {
    let mut v = base();
    mutate(&mut v);
    Overlay::from_json(&to_json(&v))
        .expect_err("the variant must be rejected")
        .0
}

fn has(problems: &[Problem], path: &str, reason: Reason) -> bool {
    problems
        .iter()
        .any(|p| p.path == path && p.reason == reason)
}

#[test]
fn the_minimal_fixture_is_valid() {
    let o = Overlay::from_json(&to_json(&base())).expect("valid");
    assert_eq!(o.features.len(), 3);
    assert_eq!(o.tour.len(), 6);
    assert!(matches!(&o.features[0].body, Body::Corridor { paths, .. } if paths.len() == 2));
}

#[test]
fn the_shipped_overlay_is_valid_and_complete() {
    let json: Json = serde_json::from_str(SHIPPED).expect("data/bridge.json is JSON");
    let o = match Overlay::from_json(&json) {
        Ok(o) => o,
        Err(e) => panic!("data/bridge.json: {e}"),
    };
    for id in ["titr", "cpc"] {
        assert!(o.feature(id).is_some(), "{id} is in the shipped data");
    }
    let count = |k: Kind| o.features.iter().filter(|f| f.kind == k).count();
    assert!(
        count(Kind::Corridor) >= 10,
        "corridors: {}",
        count(Kind::Corridor)
    );
    assert!(count(Kind::Node) >= 15, "nodes: {}", count(Kind::Node));
    assert!(count(Kind::Event) >= 10, "events: {}", count(Kind::Event));
    assert!((6..=10).contains(&o.tour.len()));
    // Every feature has names in three languages and dated sources.
    for f in &o.features {
        assert!(!f.sources.is_empty(), "{} has sources", f.id);
        for s in &f.sources {
            assert!(
                o.source(s).is_some_and(|s| s.year >= 1990),
                "{}: source {s} has a year",
                f.id
            );
        }
    }
}

/// The latest year a figure's period or an event's dates name.
fn last_year(period: &str) -> Option<i32> {
    period
        .split(|c: char| !c.is_ascii_digit())
        .filter(|t| t.len() == 4)
        .filter_map(|t| t.parse().ok())
        .max()
}

/// A source cannot report what happened after it was published: every
/// figure's newest source is at least as recent as the period it gives, and
/// every event's newest source at least as recent as the event.
#[test]
fn no_fact_cites_a_source_older_than_itself() {
    let json: Json = serde_json::from_str(SHIPPED).expect("data/bridge.json is JSON");
    let o = Overlay::from_json(&json).expect("valid");
    let newest = |ids: &[String]| ids.iter().filter_map(|s| o.source(s)).map(|s| s.year).max();
    let mut stale = Vec::new();
    for f in &o.features {
        for (i, g) in f.figures.iter().enumerate() {
            if let (Some(fact), Some(src)) = (last_year(&g.year), newest(&g.sources)) {
                if src < fact {
                    stale.push(format!(
                        "{}.figures[{i}] ({}): newest source {src}",
                        f.id, g.year
                    ));
                }
            }
        }
        if let Body::Event { date, date_end, .. } = &f.body {
            let fact = last_year(date_end.as_deref().unwrap_or(date));
            if let (Some(fact), Some(src)) = (fact, newest(&f.sources)) {
                if src < fact {
                    stale.push(format!("{} (event {date}): newest source {src}", f.id));
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "facts older than no source:\n{}",
        stale.join("\n")
    );
}

#[test]
fn each_kind_of_mistake_has_its_own_error() {
    type Case = (
        &'static str,
        Box<dyn FnOnce(&mut Value)>,
        &'static str,
        Reason,
    );
    let cases: Vec<Case> = vec![
        (
            "wrong format tag",
            Box::new(|v| v["format"] = json!("geojson")),
            "format",
            Reason::UnknownFormat,
        ),
        (
            "future version",
            Box::new(|v| v["version"] = json!(2)),
            "version",
            Reason::UnsupportedVersion,
        ),
        (
            "features not an array",
            Box::new(|v| v["features"] = json!({})),
            "features",
            Reason::WrongType {
                expected: "an array",
                found: "an object",
            },
        ),
        (
            "missing id",
            Box::new(|v| {
                v["features"][1].as_object_mut().unwrap().remove("id");
            }),
            "features[1].id",
            Reason::Missing,
        ),
        (
            "bad id",
            Box::new(|v| v["features"][1]["id"] = json!("Khorgos Node")),
            "features[1].id",
            Reason::BadId,
        ),
        (
            "duplicate id",
            Box::new(|v| v["features"][2]["id"] = json!("test-node")),
            "features[2].id",
            Reason::DuplicateId,
        ),
        (
            "unknown kind",
            Box::new(|v| v["features"][1]["kind"] = json!("airport")),
            "features[1].kind",
            Reason::NotOneOf(Kind::WORDS),
        ),
        (
            "unknown layer",
            Box::new(|v| v["features"][0]["layer"] = json!("tourism")),
            "features[0].layer",
            Reason::NotOneOf(bridge_map::data::overlay::Layer::WORDS),
        ),
        (
            "missing Kazakh name",
            Box::new(|v| {
                v["features"][0]["name"]
                    .as_object_mut()
                    .unwrap()
                    .remove("kk");
            }),
            "features[0].name.kk",
            Reason::Missing,
        ),
        (
            "empty Russian name",
            Box::new(|v| v["features"][0]["name"]["ru"] = json!("  ")),
            "features[0].name.ru",
            Reason::Empty,
        ),
        (
            "longitude out of range",
            Box::new(|v| v["features"][1]["lon"] = json!(280.4)),
            "features[1].lon",
            Reason::LonOutOfRange,
        ),
        (
            "latitude out of range",
            Box::new(|v| v["features"][0]["paths"][0][1]["lat"] = json!(-95)),
            "features[0].paths[0][1].lat",
            Reason::LatOutOfRange,
        ),
        (
            "coordinate as text",
            Box::new(|v| v["features"][2]["lat"] = json!("51.18")),
            "features[2].lat",
            Reason::WrongType {
                expected: "a number",
                found: "a string",
            },
        ),
        (
            "one-point path",
            Box::new(|v| {
                v["features"][0]["paths"][1] = json!([{ "lon": 1, "lat": 1, "q": "V", "r": "doc" }])
            }),
            "features[0].paths[1]",
            Reason::TooFewPoints,
        ),
        (
            "missing leg mode",
            Box::new(|v| {
                v["features"][0]["paths"][0][1]
                    .as_object_mut()
                    .unwrap()
                    .remove("mode");
            }),
            "features[0].paths[0][1].mode",
            Reason::MissingLegMode,
        ),
        (
            "mode on the last point",
            Box::new(|v| v["features"][0]["paths"][1][1]["mode"] = json!("rail")),
            "features[0].paths[1][1].mode",
            Reason::ModeOnLastPoint,
        ),
        (
            "unknown leg mode",
            Box::new(|v| v["features"][0]["paths"][0][0]["mode"] = json!("camel")),
            "features[0].paths[0][0].mode",
            Reason::NotOneOf(bridge_map::data::overlay::Mode::WORDS),
        ),
        (
            "unknown routing flag",
            Box::new(|v| v["features"][0]["paths"][0][0]["r"] = json!("maybe")),
            "features[0].paths[0][0].r",
            Reason::NotOneOf(bridge_map::data::overlay::Routing::WORDS),
        ),
        (
            "unknown quality flag",
            Box::new(|v| v["features"][1]["q"] = json!("X")),
            "features[1].q",
            Reason::NotOneOf(bridge_map::data::overlay::Quality::WORDS),
        ),
        (
            "unknown source",
            Box::new(|v| v["features"][1]["sources"] = json!(["S99"])),
            "features[1].sources[0]",
            Reason::UnknownSource,
        ),
        (
            "no sources",
            Box::new(|v| v["features"][2]["sources"] = json!([])),
            "features[2].sources",
            Reason::NoSources,
        ),
        (
            "figure without a year",
            Box::new(|v| v["features"][0]["figures"][0]["year"] = json!("recently")),
            "features[0].figures[0].year",
            Reason::BadYear,
        ),
        (
            "source year out of range",
            Box::new(|v| v["sources"]["S2"]["year"] = json!(3024)),
            "sources.S2.year",
            Reason::BadYear,
        ),
        (
            "source URL not http",
            Box::new(|v| v["sources"]["S1"]["url"] = json!("javascript:alert(1)")),
            "sources.S1.url",
            Reason::BadUrl,
        ),
        (
            "figure period in English words",
            Box::new(|v| v["features"][0]["figures"][0]["year"] = json!("Jan–Nov 2024")),
            "features[0].figures[0].year",
            Reason::BadYear,
        ),
        (
            "month range written backwards",
            Box::new(|v| v["features"][0]["figures"][0]["year"] = json!("2024-11/2024-01")),
            "features[0].figures[0].year",
            Reason::BadYear,
        ),
        (
            "source URL on a staging host",
            Box::new(|v| {
                v["sources"]["S1"]["url"] = json!("https://staging.rferl.org/a/1069776.html")
            }),
            "sources.S1.url",
            Reason::SuspectUrl,
        ),
        (
            "source URL cut off mid-slug",
            Box::new(|v| {
                v["sources"]["S1"]["url"] = json!(
                    "https://astanatimes.com/2024/10/container-transit-ministry-of-transport-of-"
                )
            }),
            "sources.S1.url",
            Reason::SuspectUrl,
        ),
        (
            "corridor without countries",
            Box::new(|v| v["features"][0]["countries"] = json!([])),
            "features[0].countries",
            Reason::NoCountries,
        ),
        (
            "corridor country not an ISO code",
            Box::new(|v| v["features"][0]["countries"] = json!(["KAZ", "Azerbaijan"])),
            "features[0].countries[1]",
            Reason::BadCountry,
        ),
        (
            "sea leg declared as land",
            Box::new(|v| v["features"][0]["paths"][0][2]["surface"] = json!("land")),
            "features[0].paths[0][2].surface",
            Reason::SeaLegOnLand,
        ),
        (
            "unknown surface",
            Box::new(|v| v["features"][0]["paths"][0][0]["surface"] = json!("air")),
            "features[0].paths[0][0].surface",
            Reason::NotOneOf(bridge_map::data::overlay::LegSurface::WORDS),
        ),
        (
            "bad date",
            Box::new(|v| v["features"][2]["date"] = json!("8 June 2023")),
            "features[2].date",
            Reason::BadDate,
        ),
        (
            "unknown node reference",
            Box::new(|v| v["features"][0]["paths"][0][0]["node"] = json!("nowhere")),
            "features[0].paths[0][0].node",
            Reason::UnknownFeature,
        ),
        (
            "bad country code",
            Box::new(|v| v["features"][1]["country"] = json!("kz")),
            "features[1].country",
            Reason::BadCountry,
        ),
        (
            "unknown status",
            Box::new(|v| v["features"][0]["status"] = json!("rumoured")),
            "features[0].status",
            Reason::NotOneOf(bridge_map::data::overlay::Status::WORDS),
        ),
        (
            "tour too short",
            Box::new(|v| {
                v["tour"].as_array_mut().unwrap().truncate(5);
            }),
            "tour",
            Reason::TourLength,
        ),
        (
            "tour too long",
            Box::new(|v| {
                let tour = v["tour"].as_array_mut().unwrap();
                let step = tour[0].clone();
                for i in 0..5 {
                    let mut s = step.clone();
                    s["id"] = json!(format!("extra-{i}"));
                    tour.push(s);
                }
            }),
            "tour",
            Reason::TourLength,
        ),
        (
            "tour focus unknown",
            Box::new(|v| v["tour"][0]["focus"] = json!(["ghost"])),
            "tour[0].focus[0]",
            Reason::UnknownFeature,
        ),
        (
            "tour zoom out of range",
            Box::new(|v| v["tour"][1]["view"]["zoom"] = json!(40)),
            "tour[1].view.zoom",
            Reason::BadZoom,
        ),
        (
            "top level not an object",
            Box::new(|v| *v = json!([1, 2])),
            "(root)",
            Reason::WrongType {
                expected: "an object",
                found: "an array",
            },
        ),
    ];
    for (what, mutate, path, reason) in cases {
        let found = problems(mutate);
        assert!(
            has(&found, path, reason.clone()),
            "{what}: expected {path}: {reason:?}, got {found:?}"
        );
    }
}

#[test]
fn all_problems_are_reported_together_with_readable_paths() {
    let found = problems(|v| {
        v["features"][1]["lon"] = json!(999);
        v["features"][2]["date"] = json!("soon");
        v["features"][0]["name"]["kk"] = json!("");
    });
    assert_eq!(found.len(), 3, "{found:?}");
    let message = bridge_map::data::overlay::OverlayError(found).to_string();
    assert!(message.contains("3 problems"), "{message}");
    assert!(
        message.contains("features[1].lon: longitude outside -180..180"),
        "{message}"
    );
    assert!(message.contains("features[2].date"), "{message}");
}

/// The one-language packs the element downloads (written by
/// `tools/build-data.mjs` from data/bridge.json).
const PACKS: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../data/bridge.en.json")),
    (Lang::Kk, include_str!("../data/bridge.kk.json")),
    (Lang::Ru, include_str!("../data/bridge.ru.json")),
];

/// Every text of an overlay in one language, in data order.
fn texts(o: &Overlay, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for f in &o.features {
        out.push(f.name.get(lang).into_owned());
        out.push(f.summary.get(lang).into_owned());
        for g in &f.figures {
            out.push(g.label.get(lang).into_owned());
            out.push(g.value.get(lang).into_owned());
        }
    }
    for s in &o.tour {
        out.push(s.title.get(lang).into_owned());
        out.push(s.text.get(lang).into_owned());
    }
    out
}

/// Each pack is the shipped overlay in its language: the same features,
/// sources, routes and tour, the same words in its language, and those
/// words again wherever another language is asked for.
#[test]
fn each_language_pack_is_the_shipped_overlay_in_one_language() {
    let full = Overlay::from_json(&serde_json::from_str(SHIPPED).expect("JSON")).expect("valid");
    assert_eq!(full.languages, Lang::STORED.to_vec());
    for (lang, text) in PACKS {
        let json: Json = serde_json::from_str(text).expect("a pack is JSON");
        let pack = match Overlay::from_json(&json) {
            Ok(o) => o,
            Err(e) => panic!("data/bridge.{}.json: {e}", lang.as_str()),
        };
        assert_eq!(pack.languages, vec![lang]);
        assert_eq!(pack.sources, full.sources);
        assert_eq!(pack.features.len(), full.features.len());
        for (p, f) in pack.features.iter().zip(&full.features) {
            assert_eq!((&p.id, &p.body, &p.sources), (&f.id, &f.body, &f.sources));
        }
        assert_eq!(texts(&pack, lang), texts(&full, lang));
        // Latin Kazakh reads the stand-in's words in its own script.
        for other in Lang::ALL {
            let want: Vec<String> = texts(&full, lang)
                .iter()
                .map(|t| other.write(t).into_owned())
                .collect();
            assert_eq!(
                texts(&pack, other),
                want,
                "{} pack asked for {}",
                lang.as_str(),
                other.as_str()
            );
        }
    }
    // The Kazakh pack really is Kazakh: Astana's name.
    let kk = Overlay::from_json(&serde_json::from_str(PACKS[1].1).expect("JSON")).expect("valid");
    let astana = kk.features.iter().find(|f| f.name.en.contains("Астана"));
    assert!(
        astana.is_some(),
        "a Kazakh name for Astana in bridge.kk.json"
    );
}

#[test]
fn a_one_language_file_needs_its_language_everywhere() {
    let p = problems(|v| {
        v["languages"] = json!(["kk"]);
        v["features"][0]["name"] = json!({"en": "Middle Corridor"});
    });
    assert!(has(&p, "features[0].name.kk", Reason::Missing), "{p:?}");
    // The other texts of the fixture have kk, so nothing else is missing.
    assert!(p.iter().all(|q| q.path == "features[0].name.kk"), "{p:?}");
}

#[test]
fn the_languages_list_names_known_languages_once() {
    let p = problems(|v| v["languages"] = json!([]));
    assert!(has(&p, "languages", Reason::Languages), "{p:?}");
    let p = problems(|v| v["languages"] = json!(["kk", "kk"]));
    assert!(has(&p, "languages[1]", Reason::Languages), "{p:?}");
    let p = problems(|v| v["languages"] = json!(["kk", "fr"]));
    assert!(
        has(&p, "languages[1]", Reason::NotOneOf(Lang::STORED_WORDS)),
        "{p:?}"
    );
    // Latin Kazakh is read from the Kazakh, never stored.
    let p = problems(|v| v["languages"] = json!(["kk", "kk-Latn"]));
    assert!(
        has(&p, "languages[1]", Reason::NotOneOf(Lang::STORED_WORDS)),
        "{p:?}"
    );
    let p = problems(|v| v["languages"] = json!("kk"));
    assert!(
        has(
            &p,
            "languages",
            Reason::WrongType {
                expected: "an array",
                found: "a string"
            }
        ),
        "{p:?}"
    );
}

#[test]
fn a_two_language_file_stands_in_with_its_first_language() {
    let mut v = base();
    v["languages"] = json!(["ru", "en"]);
    let o = Overlay::from_json(&to_json(&v)).expect("the fixture has ru and en texts");
    let f = &o.features[0];
    assert_eq!(f.name.get(Lang::Kk), f.name.get(Lang::Ru));
    assert_ne!(f.name.get(Lang::En), f.name.get(Lang::Ru));
}

/// Each pack's outline, which the element draws first: the same features,
/// names, routes and tour steps as the pack, none of the texts only an
/// open feature or an open tour card shows.
#[test]
fn each_outline_is_its_pack_without_the_open_features_texts() {
    let outlines = [
        include_str!("../data/bridge.en.outline.json"),
        include_str!("../data/bridge.kk.outline.json"),
        include_str!("../data/bridge.ru.outline.json"),
    ];
    for ((lang, pack), outline) in PACKS.into_iter().zip(outlines) {
        let pack = Overlay::from_json(&serde_json::from_str(pack).expect("JSON")).expect("valid");
        let outline = match Overlay::from_json(&serde_json::from_str(outline).expect("JSON")) {
            Ok(o) => o,
            Err(e) => panic!("data/bridge.{}.outline.json: {e}", lang.as_str()),
        };
        assert!(outline.outline && !pack.outline);
        assert_eq!(outline.languages, vec![lang]);
        assert!(outline.sources.is_empty());
        // The steps without their texts, which come with the pack.
        assert!(!pack.tour.is_empty() && pack.tour.iter().all(|s| !s.text.get(lang).is_empty()));
        assert!(outline.tour.iter().all(|s| s.text.get(lang).is_empty()));
        let untexted: Vec<_> = pack
            .tour
            .iter()
            .map(|s| TourStep {
                text: Default::default(),
                ..s.clone()
            })
            .collect();
        assert_eq!(outline.tour, untexted);
        assert_eq!(outline.features.len(), pack.features.len());
        for (o, p) in outline.features.iter().zip(&pack.features) {
            // The outline leaves out the route points' English names, which
            // nothing drawn reads.
            let mut body = p.body.clone();
            if let Body::Corridor { paths, .. } = &mut body {
                for point in paths.iter_mut().flatten() {
                    point.label = None;
                }
            }
            assert_eq!(
                (&o.id, o.kind, o.layer, &o.name, &o.body),
                (&p.id, p.kind, p.layer, &p.name, &body)
            );
            assert!(
                o.summary.get(lang).is_empty() && o.figures.is_empty() && o.sources.is_empty(),
                "{}",
                o.id
            );
        }
    }
}

#[test]
fn only_an_outline_may_leave_out_summaries_sources_and_step_texts() {
    let strip = |v: &mut Value| {
        v.as_object_mut().expect("object").remove("sources");
        for f in v["features"].as_array_mut().expect("features") {
            let f = f.as_object_mut().expect("feature");
            f.remove("summary");
            f.remove("sources");
            f.remove("figures");
        }
        for s in v["tour"].as_array_mut().expect("the fixture has a tour") {
            s.as_object_mut().expect("step").remove("text");
        }
    };
    let p = problems(strip);
    assert!(has(&p, "sources", Reason::Missing), "{p:?}");
    assert!(has(&p, "features[0].summary", Reason::Missing), "{p:?}");
    assert!(has(&p, "features[0].sources", Reason::Missing), "{p:?}");
    assert!(has(&p, "tour[0].text", Reason::Missing), "{p:?}");
    let mut v = base();
    strip(&mut v);
    v["outline"] = json!(true);
    let o = Overlay::from_json(&to_json(&v)).expect("an outline without texts is valid");
    assert!(o.outline);
    assert!(!o.tour.is_empty() && o.tour.iter().all(|s| s.text.get(Lang::En).is_empty()));
    // An outline's texts, when given, are still checked.
    let p = problems(|v| {
        v["outline"] = json!(true);
        v["features"][0]["sources"] = json!([]);
    });
    assert!(has(&p, "features[0].sources", Reason::NoSources), "{p:?}");
    let p = problems(|v| v["outline"] = json!("yes"));
    assert!(
        has(
            &p,
            "outline",
            Reason::WrongType {
                expected: "a boolean",
                found: "a string"
            }
        ),
        "{p:?}"
    );
}
