//! Property tests (proptest): the promises of the projection, the view, the
//! gestures, hit-testing, the seam cut and the overlay reader, checked on
//! generated inputs rather than only the cases written down elsewhere.
//!
//! Each property runs a fixed number of cases from proptest's default seed
//! handling (a failure is shrunk and saved under `proptest-regressions/`),
//! few enough that a debug `cargo test` spends well under two seconds on
//! each.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use approx::assert_relative_eq;
use bridge_map::app::input::{Command, Context, Gestures, Input, PointerKind};
use bridge_map::app::{App, ViewState};
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Overlay;
use bridge_map::geo::antimeridian::{cut_polygon, split_line};
use bridge_map::geo::coords::{LonLat, Screen, World, WorldRect};
use bridge_map::geo::projection::Projection;
use bridge_map::geo::view::{View, Viewport};
use bridge_map::scene::basemap::{FillPolygon, Level, LOD_ZOOMS};
use geo::{Contains, LineString, Point, Polygon};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};

/// A runner for `cases` cases. Failures are shrunk, and persisted next to
/// this file so a found case is replayed first on the next run.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(config(cases))
}

/// The runners' configuration: `cases` cases, failures kept beside this
/// file.
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        source_file: Some(file!()),
        ..Config::default()
    }
}

/// A runner whose cases are the same on every run: for a test that also
/// counts how many cases were of a kind, which a random seed would make
/// pass or fail by chance.
fn seeded_runner(cases: u32) -> TestRunner {
    use proptest::test_runner::{RngAlgorithm, TestRng};
    TestRunner::new_with_rng(
        config(cases),
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    )
}

/// Runs a property and turns a failure into the test's panic, with the
/// shrunk input.
fn check<S: Strategy>(cases: u32, strategy: S, test: impl Fn(S::Value) -> Result<(), TestCaseError>)
where
    S::Value: std::fmt::Debug,
{
    if let Err(e) = runner(cases).run(&strategy, test) {
        panic!("{e}");
    }
}

/// Angular difference of two longitudes, in degrees (180°E is 180°W).
fn lon_diff(a: f64, b: f64) -> f64 {
    let d = (a - b).rem_euclid(360.0);
    d.min(360.0 - d)
}

#[test]
fn projecting_then_inverting_returns_the_point() {
    let p = Projection::bridge();
    // The whole globe but the last degree at each pole, where the inverse's
    // arcsine loses the latitude's digits (the poles are arcs on a conic,
    // and tests/projection.rs checks the real places).
    check(256, (-180.0..=180.0f64, -89.0..=89.0f64), |(lon, lat)| {
        let w = p
            .lonlat_to_world(LonLat::new(lon, lat))
            .ok_or_else(|| TestCaseError::fail("a valid point projects"))?;
        let back = p
            .world_to_lonlat(w)
            .ok_or_else(|| TestCaseError::fail(format!("{w:?} inverts")))?;
        prop_assert!(
            lon_diff(back.lon, lon) < 1e-9,
            "lon {lon} came back {}",
            back.lon
        );
        prop_assert!(
            (back.lat - lat).abs() < 1e-9,
            "lat {lat} came back {}",
            back.lat
        );
        Ok(())
    });
}

/// A view anywhere over the projected plane's middle, at any zoom the map
/// allows and beyond.
fn views() -> impl Strategy<Value = View> {
    (-3.0..3.0f64, -3.0..3.0f64, 0.0..12.0f64).prop_map(|(x, y, zoom)| View {
        center: World::new(x, y),
        zoom,
    })
}

#[test]
fn a_pan_and_the_pan_back_return_the_view() {
    check(
        256,
        (views(), -5000.0..5000.0f64, -5000.0..5000.0f64),
        |(v, dx, dy)| {
            let back = v.panned(dx, dy).panned(-dx, -dy);
            prop_assert_eq!(back.zoom, v.zoom);
            // The offsets are added and taken away again: only rounding
            // remains, about an ulp of the largest term (at zoom 0, a
            // 5000 px pan is 123 radii).
            assert_relative_eq!(back.center.x, v.center.x, epsilon = 1e-11);
            assert_relative_eq!(back.center.y, v.center.y, epsilon = 1e-11);
            Ok(())
        },
    );
}

/// The gestures' context: a desktop map whose limits are far away, so no
/// clamp moves the view and the gesture alone is measured.
fn open_context(view: View) -> Context {
    Context {
        view,
        viewport: Viewport::new(1280.0, 800.0),
        limits: bridge_map::geo::view::Limits {
            min_zoom: -5.0,
            max_zoom: 30.0,
            bounds: WorldRect {
                min: World::new(-1e6, -1e6),
                max: World::new(1e6, 1e6),
            },
            extent: None,
        },
    }
}

/// Feeds inputs to a gesture machine, threading the view through.
fn gesture(view: View, inputs: &[Input]) -> View {
    let mut g = Gestures::default();
    let mut view = view;
    for &i in inputs {
        if let Some(Command::View { view: v, .. }) = g.handle(i, &open_context(view)) {
            view = v;
        }
    }
    view
}

fn drag(from: Screen, by: (f64, f64)) -> [Input; 4] {
    let kind = PointerKind::Mouse;
    let to = Screen::new(from.x + by.0, from.y + by.1);
    let half = Screen::new(from.x + by.0 / 2.0, from.y + by.1 / 2.0);
    [
        Input::PointerDown {
            id: 1,
            pos: from,
            kind,
        },
        Input::PointerMove {
            id: 1,
            pos: half,
            kind,
        },
        Input::PointerMove {
            id: 1,
            pos: to,
            kind,
        },
        Input::PointerUp { id: 1, pos: to },
    ]
}

fn screen_points() -> impl Strategy<Value = Screen> {
    (0.0..1280.0f64, 0.0..800.0f64).prop_map(|(x, y)| Screen::new(x, y))
}

#[test]
fn a_drag_and_the_drag_back_return_the_view() {
    check(
        128,
        (
            views(),
            screen_points(),
            screen_points(),
            -600.0..600.0f64,
            -400.0..400.0f64,
        ),
        |(v, a, b, dx, dy)| {
            let there = gesture(v, &drag(a, (dx, dy)));
            // A drag beyond the click slop moves the content with the
            // pointer, all the way.
            if dx.hypot(dy) > 10.0 {
                let moved = v.panned(dx, dy);
                assert_relative_eq!(there.center.x, moved.center.x, epsilon = 1e-11);
                assert_relative_eq!(there.center.y, moved.center.y, epsilon = 1e-11);
            }
            let back = gesture(there, &drag(b, (-dx, -dy)));
            prop_assert_eq!(back.zoom, v.zoom);
            assert_relative_eq!(back.center.x, v.center.x, epsilon = 1e-11);
            assert_relative_eq!(back.center.y, v.center.y, epsilon = 1e-11);
            Ok(())
        },
    );
}

#[test]
fn zoom_keeps_the_point_under_the_cursor_fixed() {
    let vp = Viewport::new(1280.0, 800.0);
    check(
        256,
        (views(), screen_points(), -4.0..4.0f64),
        |(v, cursor, dz)| {
            let under = v.screen_to_world(cursor, vp);
            let z = v.zoomed_by(dz, cursor, vp);
            assert_relative_eq!(z.zoom, v.zoom + dz, epsilon = 1e-12);
            let now = z.world_to_screen(under, vp);
            assert_relative_eq!(now.x, cursor.x, epsilon = 1e-6);
            assert_relative_eq!(now.y, cursor.y, epsilon = 1e-6);
            Ok(())
        },
    );
}

#[test]
fn a_wheel_zooms_about_the_pointer() {
    let vp = Viewport::new(1280.0, 800.0);
    check(
        128,
        (views(), screen_points(), -600.0..600.0f64, any::<bool>()),
        |(v, pos, delta_px, pinch)| {
            let under = v.screen_to_world(pos, vp);
            let z = gesture(
                v,
                &[Input::Wheel {
                    pos,
                    delta_px,
                    pinch,
                    modified: false,
                }],
            );
            // Towards the user zooms out.
            if delta_px.abs() > 1.0 {
                prop_assert_eq!(z.zoom < v.zoom, delta_px > 0.0, "{:?} -> {:?}", v, z);
            }
            let now = z.world_to_screen(under, vp);
            assert_relative_eq!(now.x, pos.x, epsilon = 1e-6);
            assert_relative_eq!(now.y, pos.y, epsilon = 1e-6);
            Ok(())
        },
    );
}

/// A level's polygon as a `geo` polygon, from the same ring points the
/// level keeps (its full detail, outline then holes).
fn geo_polygon(level: &Level, p: &FillPolygon) -> Polygon<f64> {
    let ring = |r: &bridge_map::scene::basemap::FillRing| {
        LineString::from(
            level
                .ring(&r.pieces, LOD_ZOOMS.len())
                .iter()
                .map(|w| (w.x, w.y))
                .collect::<Vec<_>>(),
        )
    };
    let mut rings = p.rings.iter().map(ring);
    let outline = rings.next().unwrap_or_else(|| LineString::new(Vec::new()));
    Polygon::new(outline, rings.collect())
}

/// What `pick` should answer at a point by `geo`'s exact `Contains`, on the
/// polygons of the level drawn at `zoom`: nothing on a lake's water, else
/// the smallest country whose polygon holds the point, else nothing.
fn contains_answer(app: &App, w: World, zoom: f64) -> Option<String> {
    let bm = &app.basemap;
    let level = bm.level(zoom, &WorldRect { min: w, max: w }).0;
    let at = Point::new(w.x, w.y);
    let hit = |p: &FillPolygon| {
        (p.bbox.min.x..=p.bbox.max.x).contains(&w.x)
            && (p.bbox.min.y..=p.bbox.max.y).contains(&w.y)
            && geo_polygon(level, p).contains(&at)
    };
    if level.lakes.iter().any(hit) {
        return None;
    }
    level
        .polygons
        .iter()
        .enumerate()
        .filter(|(_, polygons)| polygons.iter().any(hit))
        .map(|(ci, _)| ci)
        .min_by(|&a, &b| bm.countries[a].area.total_cmp(&bm.countries[b].area))
        .map(|ci| bm.countries[ci].id.as_str().to_owned())
}

#[test]
fn pick_agrees_with_geo_contains_on_the_same_polygons() {
    let vp = Viewport::new(960.0, 600.0);
    let mut app = App::new(common::GEOMETRY, vp).expect("the shipped geometry loads");
    app.add_detail(common::DETAIL).expect("the detail fits");
    app.add_fine(common::FINE).expect("the fine file fits");
    // Astana is in Kazakhstan and the Caspian is water, by either rule:
    // the comparison below is between two answers that know the map.
    for (lon, lat, id) in [(71.43, 51.13, Some("KAZ")), (51.0, 42.0, None)] {
        app.set_view_state(ViewState {
            lon,
            lat,
            zoom: 6.0,
        })
        .unwrap();
        let picked = app.pick(vp.center(), Some("country")).map(|t| t.id);
        assert_eq!(picked.as_deref(), id, "at {lon}E {lat}N");
    }
    let app = std::cell::RefCell::new(app);
    let (land, water) = (std::cell::Cell::new(0), std::cell::Cell::new(0));
    // Views over the map's Eurasia, at zooms from the coarse level (below
    // 4) through the detail to the fine level (from 5 over the corridors):
    // half at any point of the screen, half within a few pixels of a
    // point of a coast, border or lake shore at full detail, where the
    // levels and the two rules could part.
    let arcs = bridge_map::data::topology::decode_detail(common::DETAIL, common::topology())
        .expect("the detail decodes");
    let arcs = &arcs;
    let anywhere = (
        (-10.0..150.0f64, 5.0..75.0f64, 2.0..9.0f64),
        screen_points_in(vp),
    );
    let near_a_line = (
        0..arcs.len(),
        0.0..1.0f64,
        2.0..9.0f64,
        -3.0..3.0f64,
        -3.0..3.0f64,
    )
        .prop_map(|(arc, along, zoom, dx, dy)| {
            let arc = &arcs[arc];
            let at = arc[((arc.len() - 1) as f64 * along) as usize];
            let s = Screen::new(vp.width / 2.0 + dx, vp.height / 2.0 + dy);
            ((at.lon, at.lat, zoom), s)
        });
    let mut runner = runner(64);
    let result = runner.run(
        &prop_oneof![anywhere, near_a_line],
        |((lon, lat, zoom), s)| {
            let mut app = app.borrow_mut();
            app.set_view_state(ViewState { lon, lat, zoom })
                .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
            let picked = app.pick(s, Some("country")).map(|t| t.id);
            let view = app.view();
            let w = view.screen_to_world(s, vp);
            let expected = contains_answer(&app, w, view.zoom);
            prop_assert_eq!(&picked, &expected, "at {:?} zoom {}", w, view.zoom);
            let tally = if picked.is_some() { &land } else { &water };
            tally.set(tally.get() + 1);
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    // Both answers occurred: the generated points are not all sea.
    let (land, water) = (land.get(), water.get());
    assert!(land > 5 && water > 5, "{land} on land, {water} on water");
}

fn screen_points_in(vp: Viewport) -> impl Strategy<Value = Screen> {
    (0.0..vp.width, 0.0..vp.height).prop_map(|(x, y)| Screen::new(x, y))
}

/// Half the map, at a latitude: half the distance across the fan, from its
/// edge on one side of the cut to its edge on the other. A stroke smeared
/// across the cut spans all of it.
fn half_the_map(p: &Projection, lat: f64) -> f64 {
    let a = p.rotated_to_world(-180.0, lat);
    let b = p.rotated_to_world(180.0, lat);
    (b.x - a.x).hypot(b.y - a.y) / 2.0
}

fn length(a: World, b: World) -> f64 {
    (b.x - a.x).hypot(b.y - a.y)
}

/// The longest segment of a polyline measured against half the map at the
/// nearer pole's end of it (where the fan is narrowest): above 1, it would
/// reach across half the map.
fn worst_ratio(p: &Projection, pts: &[World]) -> f64 {
    pts.windows(2)
        .map(|w| {
            let lat = |x: World| p.world_to_lonlat(x).map_or(90.0, |l| l.lat);
            let bound = half_the_map(p, lat(w[0]).max(lat(w[1])));
            length(w[0], w[1]) / bound
        })
        .fold(0.0, f64::max)
}

/// A wandering line like a coast or a border: a start, then steps of up to
/// 20° of longitude and 10° of latitude, starting near the cut (105°W) so
/// that many lines cross it.
fn wandering_lines() -> impl Strategy<Value = Vec<LonLat>> {
    (
        -160.0..-50.0f64,
        -75.0..85.0f64,
        prop::collection::vec((-20.0..20.0f64, -10.0..10.0f64), 1..30),
    )
        .prop_map(|(lon, lat, steps)| {
            let mut out = vec![LonLat::new(lon, lat)];
            let (mut lon, mut lat) = (lon, lat);
            for (dl, dp) in steps {
                lon += dl;
                if lon > 180.0 {
                    lon -= 360.0;
                } else if lon < -180.0 {
                    lon += 360.0;
                }
                lat = (lat + dp).clamp(-80.0, 89.0);
                out.push(LonLat::new(lon, lat));
            }
            out
        })
}

#[test]
fn cutting_at_the_seam_never_makes_a_segment_longer_than_half_the_map() {
    let p = Projection::bridge();
    let crossed = std::cell::Cell::new(0);
    let mut runner = runner(256);
    let result = runner.run(&wandering_lines(), |line| {
        let parts = split_line(&p, &line);
        for part in &parts {
            let r = worst_ratio(&p, part);
            prop_assert!(r < 1.0, "a segment reaches {r:.2} of half the map");
        }
        // The bound tells a smear from a line: the same line projected
        // point by point, uncut, has a segment across the map wherever the
        // cutter had to break it.
        if parts.len() > 1 {
            crossed.set(crossed.get() + 1);
            let uncut: Vec<World> = line.iter().filter_map(|l| p.lonlat_to_world(*l)).collect();
            let r = worst_ratio(&p, &uncut);
            prop_assert!(r > 1.0, "uncut, the crossing reaches only {r:.2}");
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let crossed = crossed.get();
    assert!(crossed > 20, "only {crossed} of 256 lines crossed the cut");
}

/// A small polygon with no hole (a star about a centre, up to 8° across),
/// near the cut.
fn small_polygons() -> impl Strategy<Value = Vec<LonLat>> {
    (
        -140.0..-70.0f64,
        -70.0..75.0f64,
        prop::collection::vec((0.0..1.0f64, 1.0..8.0f64), 3..12),
    )
        .prop_map(|(lon, lat, spokes)| {
            let n = spokes.len() as f64;
            let mut ring: Vec<LonLat> = spokes
                .iter()
                .enumerate()
                .map(|(i, &(jitter, r))| {
                    let a = (i as f64 + jitter * 0.9) / n * std::f64::consts::TAU;
                    LonLat::new(lon + r * a.cos(), lat + r * a.sin())
                })
                .collect();
            ring.push(ring[0]);
            ring
        })
}

#[test]
fn cut_polygons_have_no_ring_edge_longer_than_half_the_map() {
    let p = Projection::bridge();
    let split = std::cell::Cell::new(0);
    // Seeded: the count of polygons across the cut is checked below.
    let mut runner = seeded_runner(128);
    let result = runner.run(&small_polygons(), |ring| {
        let cut = cut_polygon(&p, std::slice::from_ref(&ring))
            .ok_or_else(|| TestCaseError::fail("a small ring winds round no pole"))?;
        prop_assert!(!cut.is_empty(), "the polygon vanished");
        if cut.len() > 1 {
            split.set(split.get() + 1);
        }
        for poly in &cut {
            for r in poly {
                let ratio = worst_ratio(&p, r);
                prop_assert!(
                    ratio < 1.0,
                    "a ring edge reaches {ratio:.2} of half the map"
                );
            }
        }
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let split = split.get();
    assert!(split > 10, "only {split} of 128 polygons straddled the cut");
}

/// Keys the overlay reader looks for, so generated objects reach its
/// deeper checks, and a few it does not.
const KEYS: &[&str] = &[
    "format",
    "version",
    "languages",
    "outline",
    "sources",
    "features",
    "tour",
    "id",
    "kind",
    "layer",
    "name",
    "summary",
    "figures",
    "label",
    "value",
    "year",
    "title",
    "url",
    "status",
    "mode",
    "length_km",
    "countries",
    "paths",
    "lon",
    "lat",
    "q",
    "r",
    "node",
    "surface",
    "type",
    "country",
    "date",
    "date_end",
    "arc",
    "from",
    "text",
    "view",
    "zoom",
    "focus",
    "en",
    "kk",
    "ru",
    "",
    "extra",
];

/// Words of the format, and others.
const WORDS: &[&str] = &[
    "bridge-map/overlay",
    "corridor",
    "node",
    "event",
    "trade",
    "energy",
    "diplomacy",
    "plans",
    "operating",
    "plan",
    "rail",
    "sea",
    "road",
    "land",
    "V",
    "P",
    "doc",
    "ind",
    "border",
    "platform",
    "KAZ",
    "kk",
    "en",
    "ru",
    "2024",
    "2024-03-18",
    "2022–2024",
    "2024-01/2024-11",
    "https://example.org/a",
    "a-b",
    "",
    " ",
    "—",
    "Қазақстан",
];

/// Any JSON value, as a host page's object or a file could hold, with
/// numbers a JavaScript object can carry too (NaN, infinities).
fn any_json() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        prop_oneof![
            any::<f64>(),
            -200.0..200.0f64,
            Just(1.0),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(-0.0)
        ]
        .prop_map(Json::Num),
        prop::sample::select(WORDS).prop_map(|s| Json::Str(s.to_owned())),
        ".{0,12}".prop_map(Json::Str),
    ];
    leaf.prop_recursive(5, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Arr),
            prop::collection::vec(
                (prop::sample::select(KEYS).prop_map(str::to_owned), inner),
                0..8
            )
            .prop_map(Json::Obj),
        ]
    })
}

/// Checks what a reading promises: a rejection names at least one problem,
/// each at a path; an acceptance holds only features it can find by id.
fn read_checked(json: &Json) -> Result<bool, TestCaseError> {
    match Overlay::from_json(json) {
        Ok(o) => {
            for f in &o.features {
                prop_assert!(o.feature(&f.id).is_some(), "{} is lost", f.id);
            }
            Ok(true)
        }
        Err(e) => {
            prop_assert!(!e.0.is_empty(), "rejected without a problem");
            for p in &e.0 {
                prop_assert!(!p.path.is_empty(), "a problem without a path: {p:?}");
            }
            prop_assert!(!e.to_string().is_empty());
            Ok(false)
        }
    }
}

#[test]
fn the_overlay_reader_never_panics_on_arbitrary_json() {
    check(256, any_json(), |json| {
        prop_assert!(!read_checked(&json)?, "random JSON is no overlay: {json:?}");
        Ok(())
    });
    // Arbitrary text, as the element's `data` property may hold: what
    // serde_json reads goes to the validator.
    check(256, ".{0,64}", |text| {
        if let Ok(json) = serde_json::from_str::<Json>(&text) {
            read_checked(&json)?;
        }
        Ok(())
    });
}

/// Every node of a tree, by its path of child indices, in pre-order.
fn node_paths(json: &Json, at: &mut Vec<usize>, out: &mut Vec<Vec<usize>>) {
    out.push(at.clone());
    let children: Vec<&Json> = match json {
        Json::Arr(items) => items.iter().collect(),
        Json::Obj(fields) => fields.iter().map(|(_, v)| v).collect(),
        _ => Vec::new(),
    };
    for (i, c) in children.into_iter().enumerate() {
        at.push(i);
        node_paths(c, at, out);
        at.pop();
    }
}

/// The node at a path, to replace.
fn node_mut<'a>(json: &'a mut Json, path: &[usize]) -> &'a mut Json {
    match path.split_first() {
        None => json,
        Some((&i, rest)) => match json {
            Json::Arr(items) => node_mut(&mut items[i], rest),
            Json::Obj(fields) => node_mut(&mut fields[i].1, rest),
            _ => unreachable!("paths lead through arrays and objects"),
        },
    }
}

#[test]
fn the_overlay_reader_never_panics_on_a_valid_file_with_one_part_replaced() {
    // The minimal valid fixture: small enough that a case costs little, and
    // with every kind of feature and a tour.
    let valid: Json =
        serde_json::from_str(include_str!("fixtures/overlay-min.json")).expect("the fixture reads");
    assert!(Overlay::from_json(&valid).is_ok());
    let mut paths = Vec::new();
    node_paths(&valid, &mut Vec::new(), &mut paths);
    let rejected = std::cell::Cell::new(0);
    let mut runner = runner(256);
    let result = runner.run(
        &(prop::sample::select(paths), any_json()),
        |(path, replacement)| {
            let mut json = valid.clone();
            *node_mut(&mut json, &path) = replacement;
            if !read_checked(&json)? {
                rejected.set(rejected.get() + 1);
            }
            Ok(())
        },
    );
    if let Err(e) = result {
        panic!("{e}");
    }
    // Most replacements break the file, and the reader says so.
    let rejected = rejected.get();
    assert!(
        rejected > 128,
        "only {rejected} of 256 replacements were refused"
    );
}
