//! The geometry file keeps only what the map can ever show: every view the
//! limits allow stays inside the file's kept region, and inside it the data
//! is whole.
//!
//! The kept region is a union of rectangles of the projected plane
//! (`geo::view::extent`, stored in the base file's header, grown by a
//! margin): a place is kept when its projection lies inside. So a view's
//! visible lon/lat area is inside the kept region exactly when its visible
//! rectangle of the plane is, which is what these tests check, for every
//! viewport shape, at the lowest zoom and across every allowed centre.

mod common;

use bridge_map::geo::coords::{LonLat, World, WorldRect};
use bridge_map::geo::projection::Projection;
use bridge_map::geo::view::{extent, home, scale_for_zoom, View, Viewport};

/// Room a frame draws beyond the viewport (the renderer culls with a 4 px
/// margin), in CSS pixels.
const DRAWN_MARGIN_PX: f64 = 4.0;

fn inside(a: &WorldRect, b: &WorldRect) -> bool {
    a.min.x >= b.min.x && a.min.y >= b.min.y && a.max.x <= b.max.x && a.max.y <= b.max.y
}

fn kept(r: &WorldRect) -> bool {
    common::topology().keep.iter().any(|k| inside(r, k))
}

/// Viewports from tall phones to very wide banners, narrow and wide, at
/// sizes from a small embed to an 8K screen.
fn viewports() -> Vec<Viewport> {
    let mut out = Vec::new();
    for width in [
        200.0, 320.0, 390.0, 639.0, 640.0, 800.0, 1024.0, 1280.0, 1920.0, 3840.0, 7680.0,
    ] {
        for aspect in [
            0.2,
            9.0 / 21.0,
            0.5,
            0.75,
            1.0,
            4.0 / 3.0,
            1.6,
            16.0 / 9.0,
            21.0 / 9.0,
            32.0 / 9.0,
            6.0,
        ] {
            out.push(Viewport::new(width, width / aspect));
        }
    }
    out
}

#[test]
fn the_file_keeps_the_whole_extent_the_view_limits_use() {
    let p = Projection::bridge();
    let keep = &common::topology().keep;
    assert!(!keep.is_empty(), "the base file declares its kept region");
    for r in extent(&p) {
        // A 0.06 radii margin: more than the drawn margin (4 px) at any
        // zoom from 0.75 up (a 200 px wide map's lowest).
        assert!(
            kept(&r.inflate(0.06)),
            "view extent {r:?} is not inside the file's kept region {keep:?}"
        );
    }
}

#[test]
fn no_allowed_view_shows_what_the_file_leaves_out() {
    let p = Projection::bridge();
    let mut checked = 0;
    for vp in viewports() {
        let (home_view, limits) = home(&p, vp);
        let b = limits.bounds;
        let mut views = vec![home_view];
        for dz in [0.0, 0.05, 0.3, 1.0, 2.5, 9.0] {
            let zoom = limits.min_zoom + dz;
            // Centres across the bounds and far beyond them: constrain must
            // bring every one of them back to a view inside the kept region.
            for i in -2..=12 {
                for j in -2..=12 {
                    let c = World::new(
                        b.min.x + b.width() * i as f64 / 10.0,
                        b.min.y + b.height() * j as f64 / 10.0,
                    );
                    views.push(limits.constrain(View { center: c, zoom }));
                }
            }
            views.push(limits.constrain(View {
                center: World::new(1e6, -1e6),
                zoom,
            }));
        }
        // Zooming out as far as the limits go, around each corner.
        for anchor in [(0.0, 0.0), (vp.width, vp.height), (vp.width, 0.0)] {
            let s = bridge_map::geo::coords::Screen::new(anchor.0, anchor.1);
            views.push(limits.zoom_around(home_view, -20.0, s, vp));
        }
        for v in views {
            assert!(v.zoom >= limits.min_zoom - 1e-9 && v.zoom <= limits.max_zoom + 1e-9);
            let drawn = v
                .visible(vp)
                .inflate(DRAWN_MARGIN_PX / scale_for_zoom(v.zoom));
            assert!(
                kept(&drawn),
                "{}×{} at zoom {:.3}, centre {:?}: shows {drawn:?}, beyond the kept region",
                vp.width,
                vp.height,
                v.zoom,
                v.center
            );
            checked += 1;
        }
    }
    assert!(checked > 100_000, "{checked} views");
}

#[test]
fn screens_from_square_to_16_9_and_phones_to_9_21_see_their_whole_home_view() {
    let p = Projection::bridge();
    for (w, h) in [
        (1280.0, 800.0),
        (1920.0, 1080.0),
        (3840.0, 2160.0),
        (1000.0, 1000.0),
        (1024.0, 768.0),
        (390.0, 844.0),
        (360.0, 840.0),
    ] {
        let vp = Viewport::new(w, h);
        let (v, limits) = home(&p, vp);
        assert!(
            limits.min_zoom < v.zoom,
            "{w}×{h}: the home view ({}) is above the lowest zoom ({})",
            v.zoom,
            limits.min_zoom
        );
    }
}

#[test]
fn what_can_be_on_screen_is_in_the_data_and_what_cannot_is_left_out() {
    let p = Projection::bridge();
    let shown = |ll: LonLat| {
        let w = p.lonlat_to_world(ll).unwrap();
        extent(&p)
            .iter()
            .any(|r| (r.min.x..=r.max.x).contains(&w.x) && (r.min.y..=r.max.y).contains(&w.y))
    };
    // At the edges of what some view can show: the data has them, at both
    // levels.
    for (name, iso, lon, lat) in [
        ("Reykjavik", "ISL", -21.9, 64.1),
        ("Greenland's ice sheet", "GRL", -45.0, 72.0),
        ("Senegal", "SEN", -14.5, 14.5),
        ("the Karoo", "ZAF", 22.0, -31.0),
        ("Western Australia", "AUS", 117.0, -31.0),
        ("Arnhem Land", "AUS", 133.0, -13.0),
        ("Alaska", "USA", -150.0, 64.0),
        ("Chukotka", "RUS", 176.0, 66.0),
        ("New Guinea", "PNG", 145.0, -6.0),
    ] {
        let ll = LonLat::new(lon, lat);
        assert!(shown(ll), "{name} is in some view");
        for bm in [common::basemap(), common::coarse_basemap()] {
            let at = bm.country_at(ll).map(|i| bm.countries[i].id.as_str());
            assert_eq!(at, Some(iso), "{name}");
        }
    }
    // Never on screen: outside every view, so the file need not have them.
    for (name, lon, lat) in [
        ("Buenos Aires", -58.4, -34.6),
        ("Lima", -77.0, -12.0),
        ("Sydney", 151.2, -33.9),
        ("Havana", -82.4, 23.1),
        ("Los Angeles", -118.2, 34.05),
        ("Mexico City", -99.1, 19.4),
        ("Auckland", 174.8, -36.8),
    ] {
        assert!(!shown(LonLat::new(lon, lat)), "{name} is never on screen");
    }
}
