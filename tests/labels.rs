//! The label layout with the shipped overlay and the places table, at
//! three zooms: who is named where it matters, and nothing overlaps.

mod common;

use bridge_map::data::json::Json;
use bridge_map::data::overlay::Overlay;
use bridge_map::data::places::{PlaceClass, PLACES};
use bridge_map::data::topology::Lang;
use bridge_map::geo::coords::{LonLat, Screen};
use bridge_map::geo::view::{home, View, Viewport};
use bridge_map::paint::style::Style;
use bridge_map::paint::surface::{Font, RecordingSurface, Surface};
use bridge_map::scene::labels::{place_labels, place_radius, Bounds, LabelOf, PlacedLabel};
use bridge_map::scene::overlay_scene::{Layers, OverlayScene};
use std::sync::OnceLock;

fn measure(t: &str, f: &Font) -> f64 {
    RecordingSurface::default()
        .measure_text(t, f)
        .expect("the recording surface measures")
}

fn scene() -> &'static OverlayScene {
    static S: OnceLock<OverlayScene> = OnceLock::new();
    S.get_or_init(|| {
        let json: Json = serde_json::from_str(include_str!("../data/bridge.json")).unwrap();
        OverlayScene::build(Overlay::from_json(&json).unwrap(), common::basemap())
    })
}

const VP: Viewport = Viewport {
    width: 1280.0,
    height: 800.0,
};

/// A view centred on a place, at a zoom.
fn at(lon: f64, lat: f64, zoom: f64) -> View {
    View {
        center: common::basemap()
            .projection
            .lonlat_to_world(LonLat::new(lon, lat))
            .unwrap(),
        zoom,
    }
}

/// The three zooms: the home view, Kazakhstan's east at zoom 5.5 and the
/// Caspian and the Caucasus at zoom 6.5.
fn views() -> [(&'static str, View); 3] {
    let bm = common::basemap();
    [
        ("home", home(&bm.projection, VP).0),
        ("east", at(79.0, 45.0, 5.5)),
        ("caspian", at(47.0, 41.5, 6.5)),
    ]
}

fn labels(view: &View, lang: Lang) -> Vec<PlacedLabel> {
    place_labels(
        common::basemap(),
        Some((scene(), &Layers::default())),
        view,
        VP,
        lang,
        &Style::light(),
        &mut measure,
    )
}

fn square(c: Screen, r: f64) -> Bounds {
    Bounds {
        x0: c.x - r,
        y0: c.y - r,
        x1: c.x + r,
        y1: c.y + r,
    }
}

fn named(labels: &[PlacedLabel]) -> Vec<String> {
    labels
        .iter()
        .filter_map(|l| match l.of {
            LabelOf::Place(i) => Some(PLACES[i].id.to_owned()),
            LabelOf::Node(f) => Some(scene().overlay.features[f].id.clone()),
            LabelOf::Country(_) => None,
        })
        .collect()
}

#[test]
fn no_label_overlaps_a_label_or_a_marker_at_three_zooms() {
    let s = scene();
    let layers = Layers::default();
    let mut pairs = 0;
    for (name, view) in views() {
        let markers: Vec<Bounds> = s
            .markers
            .iter()
            .filter(|m| layers.shows(s.overlay.features[m.feature].layer))
            .map(|m| square(s.marker_screen(m, &view, VP), s.marker_radius(m)))
            .collect();
        for lang in Lang::ALL {
            let placed = labels(&view, lang);
            let dots: Vec<Bounds> = placed
                .iter()
                .filter_map(|l| match (l.of, l.dot) {
                    (LabelOf::Place(i), Some(c)) => Some(square(c, place_radius(PLACES[i].class))),
                    _ => None,
                })
                .collect();
            for (i, a) in placed.iter().enumerate() {
                for b in &placed[i + 1..] {
                    assert!(
                        !a.bounds.overlaps(&b.bounds),
                        "{name} {lang:?}: {:?} overlaps {:?}",
                        a.text,
                        b.text
                    );
                    pairs += 1;
                }
                for (m, bounds) in markers.iter().chain(&dots).enumerate() {
                    assert!(
                        !a.bounds.overlaps(bounds),
                        "{name} {lang:?}: {:?} covers marker or dot {m}",
                        a.text
                    );
                }
            }
        }
    }
    assert!(pairs > 500, "enough pairs were compared ({pairs})");
}

/// Each place of the story is named at the zoom where it matters: the
/// capitals and the main crossings and ports from the home view, the rest
/// of the crossings and Urumqi over Kazakhstan's east, the Caspian's and
/// the Black Sea's ports and the Caucasus' capitals over the Caspian.
#[test]
fn capitals_ports_and_crossings_are_named_where_they_matter() {
    let [(_, home_view), (_, east), (_, caspian)] = views();
    let expect: [(&View, &[&str]); 3] = [
        (
            &home_view,
            &[
                "astana", "almaty", "tashkent", "baku", "moscow", "istanbul", "xian", "aktau",
                "khorgos", "dostyk",
            ],
        ),
        (
            &east,
            &[
                "astana",
                "almaty",
                "bishkek",
                "urumqi",
                "khorgos",
                "dostyk",
                "alashankou",
            ],
        ),
        (
            &caspian,
            &[
                "baku",
                "tbilisi",
                "yerevan",
                "aktau",
                "kuryk",
                "alat",
                "turkmenbashi",
                "poti",
                "batumi",
            ],
        ),
    ];
    for (view, ids) in expect {
        for lang in Lang::ALL {
            let got = named(&labels(view, lang));
            for id in ids {
                assert!(
                    got.iter().any(|g| g == id),
                    "{id} named at zoom {:.1} in {lang:?}; named: {got:?}",
                    view.zoom
                );
            }
        }
    }
}

#[test]
fn astana_keeps_its_name_and_minor_capitals_wait_for_zoom() {
    let [(_, home_view), (_, east), _] = views();
    for view in [&home_view, &east] {
        let got = labels(view, Lang::Kk);
        let astana = got
            .iter()
            .find(|l| matches!(l.of, LabelOf::Place(i) if PLACES[i].id == "astana"))
            .expect("Astana is named");
        assert_eq!(astana.text, "Астана");
        assert!(astana.dot.is_some(), "with its dot");
    }
    // Bishkek is a capital of the region's second tier: named at zoom 5.5,
    // not on the home view (zoom 3.5), where Almaty's name has the room.
    assert!(home_view.zoom < PlaceClass::Capital.min_zoom());
    assert!(!named(&labels(&home_view, Lang::En))
        .iter()
        .any(|g| g == "bishkek"));
}

#[test]
fn every_place_is_where_geonames_puts_it_in_its_country() {
    let bm = common::basemap();
    let expected = [
        ("astana", "KAZ"),
        ("almaty", "KAZ"),
        ("tashkent", "UZB"),
        ("baku", "AZE"),
        ("tbilisi", "GEO"),
        ("urumqi", "CHN"),
        ("moscow", "RUS"),
        ("istanbul", "TUR"),
        ("bishkek", "KGZ"),
        ("dushanbe", "TJK"),
        ("ashgabat", "TKM"),
        ("yerevan", "ARM"),
        ("tehran", "IRN"),
        ("ulaanbaatar", "MNG"),
        ("minsk", "BLR"),
        ("warsaw", "POL"),
        ("berlin", "DEU"),
        // Seas: their names stand on open water ("" = no country).
        ("caspian-sea", ""),
        ("black-sea", ""),
        ("mediterranean-sea", ""),
        ("persian-gulf", ""),
        ("arabian-sea", ""),
        ("yellow-sea", ""),
        // Lakes: on the lake's water.
        ("aral-sea", ""),
        ("balkhash", ""),
        ("alakol", ""),
        ("issyk-kul", ""),
        ("baikal", ""),
        ("kapchagay", ""),
        ("aydar", ""),
    ];
    assert_eq!(PLACES.len(), expected.len(), "every place is checked");
    for (id, country) in expected {
        let p = PLACES.iter().find(|p| p.id == id).expect(id);
        let got = bm.country_at(p.at).map(|i| bm.countries[i].id.as_str());
        let water = p.class.is_water();
        assert_eq!(
            water,
            country.is_empty(),
            "{id}: only a sea or a lake has no country"
        );
        if p.class == PlaceClass::Lake {
            let w = bm.projection.lonlat_to_world(p.at).unwrap();
            for level in [&bm.coarse, bm.detail.as_ref().unwrap()] {
                assert!(level.lake_at_world(w), "{id} stands on its lake");
            }
        }
        assert_eq!(got, (!water).then_some(country), "{id} lies in {country:?}");
        // Every name is written in the script of its language.
        assert!(
            p.names[0].chars().all(|c| c.is_ascii() || "Üü".contains(c)),
            "{id} en"
        );
        for n in &p.names[1..] {
            assert!(
                n.chars().all(|c| !c.is_ascii_alphabetic()),
                "{id}: {n} is Cyrillic"
            );
        }
    }
}

#[test]
fn the_seas_of_the_middle_corridor_are_named_on_their_water() {
    let bm = common::basemap();
    // At home the Caspian is 40 px wide and the Black Sea 80, both ringed
    // by their ports' names, which rank first; closer in they are named.
    let [_, _, (_, caspian)] = views();
    for (view, seas) in [(&caspian, &["caspian-sea", "black-sea"][..])] {
        for lang in Lang::ALL {
            let placed = labels(view, lang);
            for id in seas {
                let label = placed
                    .iter()
                    .find(|l| matches!(l.of, LabelOf::Place(i) if PLACES[i].id == *id))
                    .unwrap_or_else(|| panic!("{id} named at zoom {} in {lang:?}", view.zoom));
                assert!(label.dot.is_none(), "a sea has no dot");
                let at = view.screen_to_world(label.at, VP);
                assert_eq!(
                    bm.country_at_zoom(at, view.zoom),
                    None,
                    "{id}'s name stands on water"
                );
            }
        }
    }
}

#[test]
fn the_lakes_are_named_on_their_own_water_once_zoomed_in() {
    let bm = common::basemap();
    let [(_, home_view), (_, east), _] = views();
    // Over Kazakhstan's east (zoom 5.5) Balkhash; the Aral, Baikal,
    // Issyk-Kul, Alakol, and the two lakes the routes go round (Kapchagay
    // near Almaty, Aydar in Uzbekistan) from views of their own, close
    // enough for each lake to be about as wide on screen as its name.
    let expect: [(View, &[&str]); 7] = [
        (east, &["balkhash"]),
        (at(77.3, 42.4, 6.0), &["issyk-kul"]),
        (at(61.0, 45.5, 5.5), &["aral-sea"]),
        (at(105.0, 52.0, 5.5), &["baikal"]),
        (at(81.7, 46.1, 8.0), &["alakol"]),
        (at(77.6, 44.0, 8.5), &["kapchagay"]),
        (at(67.2, 40.8, 7.0), &["aydar"]),
    ];
    // Smaller on screen than its name, a lake stays unnamed rather than
    // hidden under it: the Kapchagay Reservoir at zoom 7, Alakol over the
    // east.
    let kapchagay = PLACES.iter().position(|p| p.id == "kapchagay").unwrap();
    let alakol = PLACES.iter().position(|p| p.id == "alakol").unwrap();
    assert!(!labels(&at(77.6, 44.0, 7.0), Lang::En)
        .iter()
        .any(|l| l.of == LabelOf::Place(kapchagay)));
    assert!(!labels(&east, Lang::En)
        .iter()
        .any(|l| l.of == LabelOf::Place(alakol)));
    let style = Style::light();
    for (view, ids) in expect {
        for lang in Lang::ALL {
            let placed = labels(&view, lang);
            for id in ids {
                let p = PLACES.iter().position(|p| p.id == *id).expect(id);
                let label = placed
                    .iter()
                    .find(|l| l.of == LabelOf::Place(p))
                    .unwrap_or_else(|| panic!("{id} named at zoom {} in {lang:?}", view.zoom));
                assert_eq!(label.text, PLACES[p].name(lang));
                assert!(label.dot.is_none(), "a lake has no dot");
                assert_eq!(label.font, style.water_font, "{id} in the water's italics");
                assert_eq!(label.color, style.water_label);
                let w = view.screen_to_world(label.at, VP);
                assert!(
                    bm.lake_at_zoom(w, view.zoom),
                    "{id}'s name stands on its lake in {lang:?}"
                );
            }
        }
    }
    // Not on the home view, where Balkhash is 40 px long.
    assert!(home_view.zoom < PlaceClass::Lake.min_zoom());
    let home = named(&labels(&home_view, Lang::En));
    for id in ["aral-sea", "balkhash", "alakol", "issyk-kul", "baikal"] {
        assert!(!home.iter().any(|g| g == id), "{id} waits for zoom 5");
    }
}

#[test]
fn a_seas_name_stays_on_its_own_water() {
    // On a phone's home view the Caspian is a sliver: its name must not
    // drift onto the Persian Gulf, however free that water is.
    let bm = common::basemap();
    let phone = Viewport {
        width: 390.0,
        height: 844.0,
    };
    let mut cases: Vec<(View, Viewport)> = views().iter().map(|(_, v)| (*v, VP)).collect();
    cases.push((home(&bm.projection, phone).0, phone));
    let mut seen = 0;
    for (view, vp) in cases {
        for lang in Lang::ALL {
            let placed = place_labels(
                bm,
                Some((scene(), &Layers::default())),
                &view,
                vp,
                lang,
                &Style::light(),
                &mut measure,
            );
            for l in &placed {
                let LabelOf::Place(i) = l.of else { continue };
                if PLACES[i].class != PlaceClass::Sea {
                    continue;
                }
                let from =
                    view.world_to_screen(bm.projection.lonlat_to_world(PLACES[i].at).unwrap(), vp);
                for k in 0..=20 {
                    let t = k as f64 / 20.0;
                    let p = Screen::new(
                        from.x + (l.at.x - from.x) * t,
                        from.y + (l.at.y - from.y) * t,
                    );
                    let w = view.screen_to_world(p, vp);
                    assert_eq!(
                        bm.country_at_zoom(w, view.zoom),
                        None,
                        "{} ({lang:?}, zoom {:.2}): its name is joined to its point by water",
                        l.text,
                        view.zoom
                    );
                }
                seen += 1;
            }
        }
    }
    assert!(seen >= 10, "{seen} sea names checked");
}
