//! The home view fits the element's shape: measured on the real basemap.
//!
//! For each map size the forum's site uses (a phone held upright, a small
//! embed, an article column, a laptop), the home view is measured as a
//! reader sees it: how much of the frame's width Kazakhstan spans, and how
//! much of the frame is empty sea (or beyond the globe), sampled every 4 CSS
//! pixels with the basemap's own point-in-country test at full detail. Run
//! with `--nocapture` to print the figures.
//!
//! The tour's steps are written for a desktop map; a small map zooms out so
//! that every place a step frames on the desktop is on its screen too.

mod common;

use approx::assert_relative_eq;
use bridge_map::app::App;
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Body;
use bridge_map::data::topology::Lang;
use bridge_map::geo::coords::{LonLat, Screen};
use bridge_map::geo::projection::Projection;
use bridge_map::geo::view::{home, home_region, scale_for_zoom, View, Viewport, STEP_VIEWPORT};

/// Sampling step over the frame, in CSS pixels.
const SAMPLE_PX: f64 = 4.0;

const SHIPPED: &str = include_str!("../data/bridge.json");

/// What a home view shows, measured on the full-detail basemap.
struct Measured {
    /// Kazakhstan's width on screen (the part inside the frame), as a share
    /// of the frame's width.
    kazakhstan: f64,
    /// The share of the frame with no country under it.
    sea: f64,
    /// Kazakhstan lies wholly inside the frame.
    kazakhstan_whole: bool,
}

fn measure(v: View, vp: Viewport) -> Measured {
    let bm = common::basemap();
    let kaz = bm
        .country_index("KAZ")
        .expect("Kazakhstan is in the basemap");
    let bbox = bm.countries[kaz].bbox;
    let (a, b) = (
        v.world_to_screen(bbox.min, vp),
        v.world_to_screen(bbox.max, vp),
    );
    let (left, right) = (a.x.min(b.x), a.x.max(b.x));
    let (top, bottom) = (a.y.min(b.y), a.y.max(b.y));
    let on_screen = (right.min(vp.width) - left.max(0.0)).max(0.0);
    let (mut sea, mut all) = (0usize, 0usize);
    let mut y = SAMPLE_PX / 2.0;
    while y < vp.height {
        let mut x = SAMPLE_PX / 2.0;
        while x < vp.width {
            all += 1;
            let w = v.screen_to_world(Screen::new(x, y), vp);
            if bm.country_at_world(w).is_none() {
                sea += 1;
            }
            x += SAMPLE_PX;
        }
        y += SAMPLE_PX;
    }
    Measured {
        kazakhstan: on_screen / vp.width,
        sea: sea as f64 / all as f64,
        kazakhstan_whole: left >= 0.0 && right <= vp.width && top >= 0.0 && bottom <= vp.height,
    }
}

fn on_screen(v: View, vp: Viewport, lon: f64, lat: f64) -> bool {
    let p = Projection::bridge();
    let s = v.world_to_screen(
        p.lonlat_to_world(LonLat::new(lon, lat))
            .expect("on the globe"),
        vp,
    );
    (0.0..=vp.width).contains(&s.x) && (0.0..=vp.height).contains(&s.y)
}

fn report(name: &str, vp: Viewport) -> (View, Measured) {
    let (v, _) = home(&Projection::bridge(), vp);
    let m = measure(v, vp);
    let c = Projection::bridge()
        .world_to_lonlat(v.center)
        .expect("centre on the globe");
    println!(
        "{name} {}x{}: zoom {:.2} at {:.1}°E {:.1}°N; Kazakhstan {:.0}% of the width ({:.0} px), sea {:.0}% of the frame",
        vp.width,
        vp.height,
        v.zoom,
        c.lon,
        c.lat,
        m.kazakhstan * 100.0,
        m.kazakhstan * vp.width,
        m.sea * 100.0
    );
    (v, m)
}

#[test]
fn a_tall_phone_sees_kazakhstan_across_half_its_width_over_land() {
    let vp = Viewport::new(390.0, 844.0);
    let (v, m) = report("phone", vp);
    assert!(
        m.kazakhstan >= 0.5,
        "Kazakhstan spans {:.2} of the phone's width",
        m.kazakhstan
    );
    assert!(
        m.sea <= 0.25,
        "{:.2} of the phone's frame is empty sea",
        m.sea
    );
    assert!(
        m.kazakhstan_whole,
        "all of Kazakhstan is on the phone's home view"
    );
    // Central Asia around it, from the Caspian to the Chinese border.
    for (name, lon, lat) in [
        ("Astana", 71.446, 51.18),
        ("Almaty", 76.945, 43.238),
        ("Aktau", 51.17, 43.65),
        ("Tashkent", 69.24, 41.31),
        ("Khorgos", 80.42, 44.21),
        ("Ashgabat", 58.38, 37.95),
    ] {
        assert!(
            on_screen(v, vp, lon, lat),
            "{name} on the phone's home view"
        );
    }
}

#[test]
fn a_small_embed_and_an_article_column_frame_the_corridors_over_land() {
    // A small embed (or a phone held sideways in a sidebar): between the
    // corridors' core and Central Asia.
    let small = Viewport::new(320.0, 420.0);
    let (_, m) = report("small embed", small);
    assert!(
        m.kazakhstan >= 0.5,
        "Kazakhstan spans {:.2} of the small embed",
        m.kazakhstan
    );
    assert!(
        m.sea <= 0.25,
        "{:.2} of the small embed is empty sea",
        m.sea
    );
    assert!(
        m.kazakhstan_whole,
        "all of Kazakhstan is in the small embed"
    );
    // An article column, wider than tall: the corridors' core, Istanbul to
    // Xi'an, as before.
    let article = Viewport::new(600.0, 360.0);
    let (v, m) = report("article", article);
    assert!(
        m.sea <= 0.25,
        "{:.2} of the article map is empty sea",
        m.sea
    );
    assert!(
        m.kazakhstan_whole,
        "all of Kazakhstan is in the article map"
    );
    for (name, lon, lat) in [
        ("Istanbul", 28.95, 41.01),
        ("Moscow", 37.618, 55.752),
        ("Astana", 71.446, 51.18),
        ("Xi'an", 108.929, 34.258),
    ] {
        assert!(
            on_screen(v, article, lon, lat),
            "{name} on the article map's home view"
        );
    }
}

#[test]
fn a_desktop_keeps_the_whole_of_eurasia() {
    let p = Projection::bridge();
    for vp in [Viewport::new(1280.0, 800.0), Viewport::new(1920.0, 1080.0)] {
        let (v, m) = report("desktop", vp);
        // Exactly the home region fitted with its 4% margin, as always.
        let r = home_region(&p);
        let fit = (f64::min(vp.width * 0.92 / r.width(), vp.height * 0.92 / r.height())
            / scale_for_zoom(0.0))
        .log2();
        assert_relative_eq!(v.zoom, fit, epsilon = 1e-9);
        assert_relative_eq!(v.center.x, r.center().x, epsilon = 1e-9);
        assert_relative_eq!(v.center.y, r.center().y, epsilon = 1e-9);
        assert!(m.kazakhstan_whole);
        for (name, lon, lat) in [("Lisbon", -9.139, 38.722), ("Tokyo", 139.692, 35.69)] {
            assert!(
                on_screen(v, vp, lon, lat),
                "{name} on the desktop home view"
            );
        }
    }
}

/// The map after a jump to tour step `i` at size `vp`.
fn at_step(vp: Viewport, i: usize) -> App {
    let mut app = App::new(common::GEOMETRY, vp).expect("geometry");
    let json: Json = serde_json::from_str(SHIPPED).expect("data/bridge.json is JSON");
    app.set_overlay(&json).expect("shipped data is valid");
    app.set_step(Some(i));
    app
}

#[test]
fn a_small_map_zooms_out_to_show_every_place_a_tour_step_frames() {
    let desktop = Viewport::new(1280.0, 800.0);
    let steps = at_step(desktop, 0)
        .overlay()
        .expect("overlay")
        .overlay
        .tour
        .len();
    let mut checked = 0;
    for i in 0..steps {
        let big = at_step(desktop, i);
        let o = &big.overlay().expect("overlay").overlay;
        let step = &o.tour[i];
        // The desktop shows the step at the data's own zoom.
        assert_relative_eq!(big.view_state().zoom, step.zoom, epsilon = 1e-9);
        // The places the step frames: those in the middle 960×600 of the
        // desktop map, clear of its tour card.
        let framed: Vec<(&str, LonLat)> = o
            .features
            .iter()
            .filter_map(|f| match f.body {
                Body::Node { at, .. } => Some((f.name.stored(Lang::En), at)),
                _ => None,
            })
            .filter(|(_, at)| {
                big.project(*at).is_some_and(|s| {
                    (s.x - desktop.width / 2.0).abs() <= STEP_VIEWPORT.width / 2.0
                        && (s.y - desktop.height / 2.0).abs() <= STEP_VIEWPORT.height / 2.0
                })
            })
            .collect();
        for small in [
            Viewport::new(390.0, 844.0),
            Viewport::new(268.0, 520.0),
            Viewport::new(320.0, 420.0),
            Viewport::new(600.0, 360.0),
        ] {
            let app = at_step(small, i);
            assert!(
                app.view_state().zoom < step.zoom,
                "step {} zooms out on a {}x{} map",
                step.id,
                small.width,
                small.height
            );
            for (name, at) in &framed {
                let s = app.project(*at).expect("on the globe");
                assert!(
                    (0.0..=small.width).contains(&s.x) && (0.0..=small.height).contains(&s.y),
                    "step {}: {name} is on the desktop map but off a {}x{} map (at {:.0},{:.0})",
                    step.id,
                    small.width,
                    small.height,
                    s.x,
                    s.y
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "only {checked} places checked");
}
