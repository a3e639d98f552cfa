//! The fine level: Natural Earth 1:10m for the corridors' region
//! (`data/countries-10m.bmap`), drawn from zoom 5 in views inside that
//! region, and what it must keep from the 1:50m data the rest of the map is
//! drawn from.

mod common;

use approx::assert_relative_eq;
use bridge_map::app::App;
use bridge_map::data::topology::decode;
use bridge_map::geo::coords::{LonLat, WorldRect};
use bridge_map::geo::view::{View, Viewport};
use bridge_map::scene::basemap::{Basemap, Level, FINE_ZOOM};

const DESKTOP: Viewport = Viewport {
    width: 1280.0,
    height: 800.0,
};

fn view(bm: &Basemap, lon: f64, lat: f64, zoom: f64) -> View {
    View {
        center: bm
            .projection
            .lonlat_to_world(LonLat::new(lon, lat))
            .expect("on the map"),
        zoom,
    }
}

/// The level the map draws for a view on a 1280 × 800 screen.
fn drawn(bm: &Basemap, v: &View) -> *const Level {
    let area = bridge_map::render::drawn_area(v, DESKTOP);
    bm.level(v.zoom, &area).0
}

fn is(level: *const Level, other: Option<&Level>) -> bool {
    other.is_some_and(|o| std::ptr::eq(level, o))
}

/// Points of the coast and borders drawn at full detail inside a box of
/// longitudes and latitudes.
fn points_in(bm: &Basemap, level: &Level, (lon0, lat0, lon1, lat1): (f64, f64, f64, f64)) -> usize {
    level
        .lines
        .iter()
        .flat_map(|l| level.pieces[l.piece].full())
        .filter_map(|&w| bm.projection.world_to_lonlat(w))
        .filter(|p| p.lon >= lon0 && p.lon <= lon1 && p.lat >= lat0 && p.lat <= lat1)
        .count()
}

#[test]
fn close_views_over_the_corridors_draw_the_fine_level() {
    let bm = common::fine_basemap();
    let fine = bm.fine.as_ref();
    // Baku and the Absheron peninsula, Khorgos, the Bosphorus, Xi'an, Astana.
    for (lon, lat) in [
        (49.9, 40.4),
        (80.3, 44.2),
        (29.0, 41.0),
        (108.9, 34.3),
        (71.4, 51.2),
    ] {
        assert!(
            is(drawn(bm, &view(bm, lon, lat, 7.0)), fine),
            "{lon}, {lat} at zoom 7"
        );
    }
    // Not below zoom 5, and not where the region ends: Duisburg, Mumbai.
    assert!(!is(drawn(bm, &view(bm, 49.9, 40.4, FINE_ZOOM - 0.1)), fine));
    assert!(is(
        drawn(bm, &view(bm, 49.9, 40.4, FINE_ZOOM - 0.1)),
        bm.detail.as_ref()
    ));
    for (lon, lat) in [(6.8, 51.4), (72.9, 19.1)] {
        assert!(
            is(drawn(bm, &view(bm, lon, lat, 7.0)), bm.detail.as_ref()),
            "{lon}, {lat}: the 1:50m detail"
        );
    }
}

#[test]
fn the_absheron_coast_is_drawn_in_far_more_detail() {
    // The example: at zoom 6 the 1:50m coast round Baku is a few
    // straight strokes.
    let bm = common::fine_basemap();
    let absheron = (49.2, 40.0, 50.5, 40.7);
    let coarse = points_in(bm, bm.detail.as_ref().unwrap(), absheron);
    let fine = points_in(bm, bm.fine.as_ref().unwrap(), absheron);
    assert!(fine >= 4 * coarse, "1:10m {fine} points, 1:50m {coarse}");
}

#[test]
fn places_keep_their_country_in_the_fine_level() {
    let bm = common::fine_basemap();
    let at = |lon: f64, lat: f64| {
        let w = bm
            .projection
            .lonlat_to_world(LonLat::new(lon, lat))
            .unwrap();
        bm.country_at_zoom(w, 7.0)
            .map(|c| bm.countries[c].id.as_str())
    };
    assert!(is(
        bm.level(
            7.0,
            &WorldRect {
                min: bm
                    .projection
                    .lonlat_to_world(LonLat::new(63.3, 45.6))
                    .unwrap(),
                max: bm
                    .projection
                    .lonlat_to_world(LonLat::new(63.3, 45.6))
                    .unwrap(),
            }
        )
        .0,
        bm.fine.as_ref()
    ));
    assert_eq!(at(71.446, 51.18), Some("KAZ"), "Astana");
    // The Baikonur lease is its own feature in the 1:10m data, with no
    // id: it is drawn as Kazakhstan, as at 1:50m, not as a hole.
    assert_eq!(at(63.31, 45.62), Some("KAZ"), "Baikonur");
    assert_eq!(at(63.0, 45.85), Some("KAZ"), "Baikonur's north");
    // The British bases on Cyprus likewise join Cyprus.
    assert_eq!(at(33.75, 35.0), Some("CYP"), "Dhekelia");
    assert_eq!(at(44.834, 41.691), Some("GEO"), "Tbilisi");
    assert_eq!(at(49.867, 40.409), Some("AZE"), "Baku");
    assert_eq!(at(80.3, 44.16), Some("KAZ"), "Altynkol / Khorgos");
    assert_eq!(at(108.929, 34.258), Some("CHN"), "Xi'an");
    assert_eq!(at(37.62, 55.75), Some("RUS"), "Moscow");
    assert_eq!(at(51.0, 42.0), None, "the Caspian is water");
    assert_eq!(at(74.6, 46.35), None, "Lake Balkhash is water");
    assert_eq!(
        at(58.5, 45.2),
        None,
        "the Aral Sea (its western basin) is water"
    );
}

#[test]
fn the_fine_file_fits_only_a_base_with_its_countries() {
    let mut bm = Basemap::build(
        common::topology(),
        bridge_map::geo::projection::Projection::bridge(),
    );
    let mut fine = decode(common::FINE).unwrap();
    // It names no detail or fine file of its own, and claims its region.
    assert!(fine.detail.is_empty() && fine.fine.is_empty());
    assert_eq!(fine.keep.len(), 1);
    assert_eq!(common::topology().fine, "countries-10m.bmap");
    fine.countries[0].id = bridge_map::data::topology::CountryId::parse("XXX").unwrap();
    assert!(bm.add_fine(fine).is_err());
    assert!(bm.fine.is_none());
}

#[test]
fn the_app_asks_for_the_fine_file_only_when_a_view_comes_close() {
    let mut app = App::new(common::GEOMETRY, DESKTOP).unwrap();
    assert_eq!(app.fine_url(), None, "the home view needs no 1:10m data");
    let close = bridge_map::app::ViewState {
        lon: 49.9,
        lat: 40.4,
        zoom: FINE_ZOOM - 0.4,
    };
    app.set_view_state(close).unwrap();
    assert_eq!(app.fine_url(), Some("countries-10m.bmap"));
    app.add_fine(common::FINE).unwrap();
    assert!(app.has_fine());
    assert_eq!(app.fine_url(), None, "asked for once");
    assert_relative_eq!(app.view().zoom, FINE_ZOOM - 0.4);
}

#[test]
fn baikonur_is_no_hole_in_kazakhstan() {
    // The 1:10m file cuts the Baikonur lease out of Kazakhstan as a feature
    // of its own. Joined back, it must leave no ring round it: the map
    // strokes Kazakhstan's rings, and a ring there would draw a circle in
    // the steppe.
    let bm = common::fine_basemap();
    let fine = bm.fine.as_ref().unwrap();
    let kaz = bm.country_index("KAZ").unwrap();
    let at = bm
        .projection
        .lonlat_to_world(LonLat::new(63.31, 45.62))
        .unwrap();
    let here = WorldRect { min: at, max: at };
    let rings = fine.polygons[kaz]
        .iter()
        .flat_map(|p| &p.rings)
        .filter(|r| r.bbox.intersects(&here))
        .count();
    assert_eq!(
        rings, 1,
        "only Kazakhstan's own outline passes round Baikonur"
    );
}
