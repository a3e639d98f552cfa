//! View maths: pans undo, zoom keeps its anchor, limits hold.

mod common;

use approx::assert_relative_eq;
use bridge_map::geo::coords::{LonLat, Screen, World};
use bridge_map::geo::projection::Projection;
use bridge_map::geo::view::{home, View, Viewport};

fn vp() -> Viewport {
    Viewport::new(1280.0, 800.0)
}

#[test]
fn a_pan_and_the_opposite_pan_change_nothing() {
    let v = View {
        center: World::new(-0.12, 0.3),
        zoom: 3.7,
    };
    for (dx, dy) in [(10.0, 0.0), (-250.5, 33.25), (0.0, -799.0), (1e-3, 1e4)] {
        let back = v.panned(dx, dy).panned(-dx, -dy);
        assert_relative_eq!(back.center.x, v.center.x, epsilon = 1e-12);
        assert_relative_eq!(back.center.y, v.center.y, epsilon = 1e-12);
        assert_eq!(back.zoom, v.zoom);
    }
}

#[test]
fn panning_moves_content_with_the_pointer() {
    let v = View {
        center: World::new(0.0, 0.0),
        zoom: 3.0,
    };
    let w = World::new(0.05, -0.02);
    let before = v.world_to_screen(w, vp());
    let after = v.panned(40.0, -25.0).world_to_screen(w, vp());
    assert_relative_eq!(after.x - before.x, 40.0, epsilon = 1e-9);
    assert_relative_eq!(after.y - before.y, -25.0, epsilon = 1e-9);
}

#[test]
fn zoom_keeps_the_point_under_the_anchor() {
    let p = Projection::bridge();
    let v = View {
        center: World::new(0.0, 0.0),
        zoom: 3.0,
    };
    let astana = p.lonlat_to_world(LonLat::new(71.446, 51.18)).unwrap();
    let anchor = v.world_to_screen(astana, vp());
    for dz in [1.0, -0.75, 0.3333, 2.5] {
        let z = v.zoomed_by(dz, anchor, vp());
        assert_relative_eq!(z.zoom, 3.0 + dz);
        let now = z.world_to_screen(astana, vp());
        assert_relative_eq!(now.x, anchor.x, epsilon = 1e-9);
        assert_relative_eq!(now.y, anchor.y, epsilon = 1e-9);
    }
}

#[test]
fn screen_and_world_round_trip() {
    let v = View {
        center: World::new(0.2, -0.1),
        zoom: 5.25,
    };
    for s in [
        Screen::new(0.0, 0.0),
        Screen::new(1280.0, 800.0),
        Screen::new(333.3, 17.0),
    ] {
        let back = v.world_to_screen(v.screen_to_world(s, vp()), vp());
        assert_relative_eq!(back.x, s.x, epsilon = 1e-9);
        assert_relative_eq!(back.y, s.y, epsilon = 1e-9);
    }
}

#[test]
fn home_view_shows_eurasia_from_the_atlantic_to_the_pacific() {
    let p = Projection::bridge();
    let (v, limits) = home(&p, vp());
    let on_screen = |lon: f64, lat: f64| {
        let s = v.world_to_screen(p.lonlat_to_world(LonLat::new(lon, lat)).unwrap(), vp());
        (0.0..=1280.0).contains(&s.x) && (0.0..=800.0).contains(&s.y)
    };
    for (name, lon, lat) in [
        ("Lisbon", -9.139, 38.722),
        ("Reykjavik", -21.895, 64.135),
        ("Cairo", 31.236, 30.044),
        ("Mumbai", 72.883, 19.073),
        ("Tokyo", 139.692, 35.690),
        ("Uelen, Chukotka", -169.812, 66.160),
        ("Astana", 71.446, 51.180),
        ("Singapore", 103.851, 1.290),
    ] {
        assert!(on_screen(lon, lat), "{name} is in the home view");
    }
    assert!(limits.min_zoom < v.zoom && v.zoom < limits.max_zoom);
    // A narrow map wider than tall frames the corridors' core instead:
    // Istanbul, Moscow, Astana and Xi'an all on screen.
    let article_vp = Viewport::new(600.0, 360.0);
    let (article, _) = home(&p, article_vp);
    for (name, lon, lat) in [
        ("Istanbul", 28.95, 41.01),
        ("Moscow", 37.618, 55.752),
        ("Astana", 71.446, 51.18),
        ("Xi'an", 108.929, 34.258),
    ] {
        let s = article.world_to_screen(
            p.lonlat_to_world(LonLat::new(lon, lat)).unwrap(),
            article_vp,
        );
        assert!(
            (0.0..=600.0).contains(&s.x) && (0.0..=360.0).contains(&s.y),
            "{name} on the narrow landscape home view"
        );
    }
    // A portrait phone frames Central Asia (tests/home.rs measures it):
    // Istanbul to Xi'an is 2.3 times Kazakhstan's width, so with both on
    // screen Kazakhstan could never span half the phone's width. Astana and
    // Almaty are on screen, Kazakhstan larger than the whole continent's
    // width would allow.
    let phone_vp = Viewport::new(390.0, 844.0);
    let (phone, phone_limits) = home(&p, phone_vp);
    for (name, lon, lat) in [("Astana", 71.446, 51.18), ("Almaty", 76.945, 43.238)] {
        let s = phone.world_to_screen(p.lonlat_to_world(LonLat::new(lon, lat)).unwrap(), phone_vp);
        assert!(
            (0.0..=390.0).contains(&s.x) && (0.0..=844.0).contains(&s.y),
            "{name} on the phone's home view"
        );
    }
    let whole_width_zoom = (390.0 * 0.92
        / bridge_map::geo::view::home_region(&p).width()
        / bridge_map::geo::view::scale_for_zoom(0.0))
    .log2();
    assert!(
        phone.zoom > whole_width_zoom + 0.5,
        "phone zoom {} vs whole-continent fit {whole_width_zoom}",
        phone.zoom
    );
    assert!(phone_limits.min_zoom < phone.zoom);
}

#[test]
fn limits_clamp_zoom_and_keep_the_anchor_while_clamping() {
    let p = Projection::bridge();
    let (v, limits) = home(&p, vp());
    let anchor = Screen::new(900.0, 300.0);
    let fixed = v.screen_to_world(anchor, vp());
    let zin = limits.zoom_around(v, 100.0, anchor, vp());
    assert_eq!(zin.zoom, limits.max_zoom);
    let zout = limits.zoom_around(v, -100.0, anchor, vp());
    assert_eq!(zout.zoom, limits.min_zoom);
    // One level in from home keeps the anchor exactly (centre stays in bounds).
    let one = limits.zoom_around(v, 1.0, anchor, vp());
    let now = one.world_to_screen(fixed, vp());
    assert_relative_eq!(now.x, anchor.x, epsilon = 1e-9);
    assert_relative_eq!(now.y, anchor.y, epsilon = 1e-9);
    // Panning far away stops at the bounds.
    let far = limits.constrain(v.panned(1e7, 1e7));
    assert!(far.center.x >= limits.bounds.min.x && far.center.y <= limits.bounds.max.y);
}

/// A page's zoom is clamped to what the map can show when it is a zoom
/// (within `ZOOMS`), and refused when it is a mistake (1e308, NaN); the
/// messages spell the range out, since the wasm formats no floats.
#[test]
fn a_zoom_beyond_the_range_is_refused_and_one_within_it_clamped() {
    use bridge_map::app::{App, ViewError, ViewState};
    use bridge_map::data::overlay::Reason;
    use bridge_map::geo::view::ZOOMS;
    let range = format!("between {} and {}", ZOOMS.start(), ZOOMS.end());
    assert!(ViewError::BadZoom.to_string().contains(&range), "{range}");
    assert!(Reason::BadZoom.to_string().contains(&range), "{range}");
    let mut app = App::new(common::GEOMETRY, vp()).expect("geometry");
    let at = |zoom| ViewState {
        lon: 70.0,
        lat: 45.0,
        zoom,
    };
    for bad in [
        1e308,
        -1e308,
        f64::NAN,
        f64::INFINITY,
        ZOOMS.end() + 0.01,
        ZOOMS.start() - 0.01,
    ] {
        assert_eq!(
            app.set_view_state(at(bad)).err(),
            Some(ViewError::BadZoom),
            "{bad}"
        );
    }
    app.set_view_state(at(*ZOOMS.end()))
        .expect("the top of the range");
    assert_eq!(app.view_state().zoom, 9.0, "clamped to the closest zoom");
    app.set_view_state(at(*ZOOMS.start()))
        .expect("the bottom of the range");
    assert!(
        app.view_state().zoom > *ZOOMS.start(),
        "clamped to the widest zoom"
    );
}
