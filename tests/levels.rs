//! The two levels of the basemap: the coarse level drawn first and at low
//! zooms, the full detail from `COARSE_ZOOM` up once it has arrived, and
//! what the renderer leaves out off screen.

mod common;

use bridge_map::app::{App, ViewState};
use bridge_map::data::error::DataError;
use bridge_map::data::topology::{decode, decode_detail};
use bridge_map::geo::coords::{LonLat, World, WorldRect};
use bridge_map::geo::projection::Projection;
use bridge_map::geo::view::scale_for_zoom;
use bridge_map::geo::view::Viewport;
use bridge_map::paint::surface::RecordingSurface;
use bridge_map::render::fold_offscreen;
use bridge_map::scene::basemap::{
    lod_for_zoom, Basemap, COARSE_ZOOM, FINE_ZOOM, LOD_TOLERANCE_PX, LOD_ZOOMS,
};
use geo::{LineString, Simplify};

fn app() -> App {
    App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).expect("geometry loads")
}

fn drawn_vertices(a: &App) -> usize {
    let mut s = RecordingSurface::default();
    a.render_basemap(&mut s).expect("draws");
    s.calls("L ").count()
}

#[test]
fn the_coarse_level_is_drawn_below_coarse_zoom_even_with_the_detail() {
    let mut a = app();
    assert!(
        a.view().zoom < COARSE_ZOOM,
        "the home view is a coarse view"
    );
    assert_eq!(a.detail_url(), Some("countries-50m.bmap"));
    let before = drawn_vertices(&a);
    a.cache_rendered();
    let needs = a.add_detail(common::DETAIL).expect("the detail fits");
    assert!(a.has_detail());
    assert_eq!(a.detail_url(), None, "nothing more to fetch");
    assert!(!a.cache_stale(), "the home view looks the same: no redraw");
    assert!(!needs.frame);
    assert_eq!(drawn_vertices(&a), before, "still the coarse level at home");

    // Closer in, the detail draws more points than the coarse level.
    let close = ViewState {
        lon: 49.87,
        lat: 40.41,
        zoom: 6.0,
    };
    let mut coarse_only = app();
    coarse_only.set_view_state(close).unwrap();
    a.set_view_state(close).unwrap();
    assert!(
        drawn_vertices(&a) > drawn_vertices(&coarse_only) * 6 / 5,
        "Baku at zoom 6: detail {} vs coarse {}",
        drawn_vertices(&a),
        drawn_vertices(&coarse_only)
    );
}

#[test]
fn the_detail_arriving_over_a_close_view_redraws_it() {
    let mut a = app();
    a.set_view_state(ViewState {
        lon: 67.5,
        lat: 48.3,
        zoom: COARSE_ZOOM + 1.5,
    })
    .unwrap();
    a.cache_rendered();
    let needs = a.add_detail(common::DETAIL).expect("the detail fits");
    assert!(needs.frame && a.cache_stale());
}

#[test]
fn a_wrong_detail_file_leaves_the_coarse_level() {
    let mut a = app();
    let mut flipped = common::DETAIL.to_vec();
    flipped[100] ^= 1;
    assert!(matches!(
        a.add_detail(&flipped),
        Err(DataError::ChecksumMismatch { .. })
    ));
    assert_eq!(
        a.add_detail(common::GEOMETRY).err(),
        Some(DataError::WrongKind { found: 1 })
    );
    assert!(!a.has_detail());
    assert_eq!(a.detail_url(), Some("countries-50m.bmap"));
    assert!(drawn_vertices(&a) > 1000, "the coarse map still draws");
}

#[test]
fn picking_uses_the_level_drawn_at_the_zoom() {
    let mut a = app();
    a.add_detail(common::DETAIL).unwrap();
    let bm = &a.basemap;
    let detail = bm.detail.as_ref().unwrap();
    // A point where the two levels disagree: near a coast, inside one
    // level's outline and outside the other's.
    let kaz = bm.country_index("KAZ").unwrap();
    let mut found = None;
    'search: for i in 0..400 {
        for j in 0..400 {
            let w = World::new(-0.35 + i as f64 * 0.0012, -0.1 + j as f64 * 0.0008);
            let areas = vec![1.0; bm.countries.len()];
            let c = bm.coarse.country_at_world(w, &areas);
            let d = detail.country_at_world(w, &areas);
            if c != d && (c == Some(kaz) || d == Some(kaz)) {
                found = Some((w, c, d));
                break 'search;
            }
        }
    }
    let (w, c, d) = found.expect("somewhere along Kazakhstan's edges the levels differ");
    assert_eq!(bm.country_at_zoom(w, COARSE_ZOOM - 0.5), c);
    assert_eq!(bm.country_at_zoom(w, COARSE_ZOOM + 0.5), d);
    assert_eq!(
        bm.country_at_world(w),
        d,
        "without a zoom: the finest level"
    );
}

#[test]
fn places_land_in_their_countries_at_the_coarse_level_too() {
    let bm = common::coarse_basemap();
    for (name, iso, lon, lat) in [
        ("Astana", "KAZ", 71.446, 51.18),
        ("Almaty", "KAZ", 76.886, 43.238),
        ("Tashkent", "UZB", 69.24, 41.3),
        ("Bishkek", "KGZ", 74.59, 42.87),
        ("Baku", "AZE", 49.87, 40.41),
        ("Tbilisi", "GEO", 44.79, 41.72),
        ("Urumqi", "CHN", 87.62, 43.83),
        ("Moscow", "RUS", 37.62, 55.75),
        ("Ankara", "TUR", 32.86, 39.93),
        ("Tehran", "IRN", 51.39, 35.69),
    ] {
        let at = bm
            .country_at(LonLat::new(lon, lat))
            .map(|i| bm.countries[i].id.as_str());
        assert_eq!(at, Some(iso), "{name}");
    }
    assert_eq!(bm.country_at(LonLat::new(51.0, 42.0)), None, "the Caspian");
}

/// Nonzero winding of a closed polyline around a point.
fn winding(ring: &[World], p: World) -> i32 {
    let mut wn = 0;
    for s in ring.windows(2) {
        let (a, b) = (s[0], s[1]);
        let side = (b.x - a.x) * (p.y - a.y) - (p.x - a.x) * (b.y - a.y);
        if a.y <= p.y {
            if b.y > p.y && side > 0.0 {
                wn += 1;
            }
        } else if b.y <= p.y && side < 0.0 {
            wn -= 1;
        }
    }
    wn
}

#[test]
fn folding_off_screen_runs_keeps_what_is_filled_on_screen() {
    let area = WorldRect {
        min: World::new(-1.0, -1.0),
        max: World::new(1.0, 1.0),
    };
    // Rings that leave the screen and come back on every side, wind twice
    // around it, and one that encloses it.
    let mut rings: Vec<Vec<World>> = Vec::new();
    for k in 0..6 {
        let n = 200 + 37 * k;
        let turns = if k == 4 { 2.0 } else { 1.0 };
        let mut ring: Vec<World> = (0..n)
            .map(|i| {
                let t = turns * std::f64::consts::TAU * i as f64 / n as f64;
                let r = 1.2 + (0.9 + 0.1 * k as f64) * (5.0 * t + k as f64).sin();
                World::new(r * t.cos() + 0.1 * k as f64, 0.8 * r * t.sin())
            })
            .collect();
        ring.push(ring[0]);
        rings.push(ring);
    }
    rings.push(vec![
        World::new(-5.0, -5.0),
        World::new(5.0, -5.0),
        World::new(5.0, 5.0),
        World::new(-5.0, 5.0),
        World::new(-5.0, -5.0),
    ]);
    for (k, ring) in rings.iter().enumerate() {
        let folded = fold_offscreen(ring, &area);
        assert!(folded.len() <= ring.len());
        assert_eq!(folded.first(), folded.last(), "ring {k} stays closed");
        for i in 0..=60 {
            for j in 0..=60 {
                let p = World::new(-0.999 + i as f64 * 0.0333, -0.999 + j as f64 * 0.0333);
                assert_eq!(winding(&folded, p), winding(ring, p), "ring {k} at {p:?}");
            }
        }
    }
    // A ring wholly off screen around the area folds to its corners.
    assert!(fold_offscreen(&rings[6], &area).len() <= 5);
}

#[test]
fn the_land_fill_covers_exactly_the_countries() {
    // The land is filled as one set of rings (coasts chained, borders left
    // out); it must cover the same points as the countries' own polygons.
    for bm in [common::basemap(), common::coarse_basemap()] {
        for level in [Some(&bm.coarse), bm.detail.as_ref()].into_iter().flatten() {
            let rings: Vec<Vec<World>> = level
                .land
                .iter()
                .map(|r| level.ring(&r.pieces, usize::MAX))
                .collect();
            let areas = vec![1.0; bm.countries.len()];
            let mut checked = 0;
            for i in 0..160 {
                for j in 0..110 {
                    let p = World::new(-1.7 + i as f64 * 0.0201, -0.9 + j as f64 * 0.0183);
                    let land: i32 = rings.iter().map(|r| winding(r, p)).sum();
                    let country = level.country_at_world(p, &areas);
                    assert_eq!(
                        land != 0,
                        country.is_some(),
                        "at {p:?}: land winding {land}, country {:?}",
                        country.map(|c| bm.countries[c].id)
                    );
                    checked += 1;
                }
            }
            assert_eq!(checked, 160 * 110);
        }
    }
}

/// Nonzero winding of the recorded subpaths (`M`/`L` ops) around a point.
fn path_winding(ops: &[String], p: (f64, f64)) -> i32 {
    let pt = |o: &str| {
        let (x, y) = o[2..].split_once(',').unwrap();
        World::new(x.parse().unwrap(), y.parse().unwrap())
    };
    let mut total = 0;
    let mut ring: Vec<World> = Vec::new();
    let mut flush = |ring: &mut Vec<World>| {
        if let Some(&first) = ring.first() {
            ring.push(first);
            total += winding(ring, World::new(p.0, p.1));
        }
        ring.clear();
    };
    for o in ops {
        if o.starts_with("M ") {
            flush(&mut ring);
            ring.push(pt(o));
        } else if o.starts_with("L ") {
            ring.push(pt(o));
        }
    }
    flush(&mut ring);
    total
}

#[test]
fn the_drawn_land_covers_the_countries_on_screen_at_every_zoom() {
    // What the canvas fills as land (the Ground stage's land path, folded
    // and simplified for the zoom), less the lakes it paints as water over
    // it, must cover the countries and nothing else, seen from views across
    // the corridors (Balkhash, Issyk-Kul and the Aral among them) at zooms
    // 3 to 9; then again with the fine level (1:10m from zoom 5).
    let mut app = App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).unwrap();
    app.add_detail(common::DETAIL).unwrap();
    let mut fine = App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).unwrap();
    fine.add_detail(common::DETAIL).unwrap();
    fine.add_fine(common::FINE).unwrap();
    let bm = common::basemap();
    let style = bridge_map::paint::style::Style::light();
    let land = format!("fill {}", style.land.css());
    let water = format!("fill {}", style.water.css());
    let mut checked = 0;
    let mut on_lakes = 0;
    for app in [&mut app, &mut fine] {
        for (lon, lat) in [
            (67.0, 48.0),
            (71.4, 51.2),
            (52.0, 42.0),
            (76.9, 43.3),
            (45.0, 41.5),
            (90.0, 45.0),
            (74.5, 46.2),
            (60.0, 45.5),
        ] {
            for zoom in [3.0, 4.5, 5.5, 6.5, 7.5, 9.0] {
                let vs = ViewState { lon, lat, zoom };
                app.set_view_state(vs).unwrap();
                let view = app.view();
                let mut s = RecordingSurface::default();
                app.render_stage(&mut s, &view, 0).unwrap();
                let end = s
                    .ops
                    .iter()
                    .position(|o| *o == land)
                    .expect("land is filled");
                let start = s.ops[..end].iter().rposition(|o| o == "begin").unwrap();
                let path = &s.ops[start..end];
                // The lakes' path, when a lake is in view: the next fill in
                // the water's colour.
                let lakes = match s.ops[end..].iter().position(|o| *o == water) {
                    Some(k) => {
                        let lakes_end = end + k;
                        let lakes_start = s.ops[..lakes_end]
                            .iter()
                            .rposition(|o| o == "begin")
                            .unwrap();
                        &s.ops[lakes_start..lakes_end]
                    }
                    None => &[][..],
                };
                let vp = app.viewport();
                for i in 0..16 {
                    for j in 0..10 {
                        let p = (20.0 + i as f64 * 82.0, 20.0 + j as f64 * 84.0);
                        let w = view
                            .screen_to_world(bridge_map::geo::coords::Screen::new(p.0, p.1), vp);
                        let Some(ll) = bm.projection.world_to_lonlat(w) else {
                            continue;
                        };
                        // Points near a coast may differ by the simplification.
                        let near_coast = [(-0.15, 0.0), (0.15, 0.0), (0.0, -0.15), (0.0, 0.15)]
                            .iter()
                            .any(|(dx, dy)| {
                                bm.country_at(LonLat::new(ll.lon + dx, ll.lat + dy))
                                    .is_some()
                                    != bm.country_at(ll).is_some()
                            });
                        if near_coast {
                            continue;
                        }
                        let on_lake = path_winding(lakes, p) != 0;
                        assert_eq!(
                            path_winding(path, p) != 0 && !on_lake,
                            bm.country_at(ll).is_some(),
                            "at {ll:?} (screen {p:?}), view {vs:?}"
                        );
                        checked += 1;
                        on_lakes += usize::from(on_lake);
                    }
                }
            }
        }
    }
    assert!(fine.has_fine());
    assert!(checked > 6_000, "{checked}");
    // 15 on the shipped data: lake points clear of the shores by 0.15°.
    assert!(
        on_lakes >= 10,
        "enough points on lakes were checked ({on_lakes})"
    );
}

/// A fresh basemap with the shipped detail and fine levels, none of their
/// simplified versions made yet (the shared one in `common` is used by
/// other tests at the same time).
fn fresh_fine_basemap() -> Basemap {
    let mut bm = Basemap::build(common::topology(), Projection::bridge());
    let arcs = decode_detail(common::DETAIL, common::topology()).expect("shipped detail decodes");
    bm.add_detail(common::topology(), &arcs);
    bm.add_fine(decode(common::FINE).expect("shipped fine file decodes"))
        .expect("the fine file fits the base");
    bm
}

#[test]
fn a_level_of_detail_keeps_the_points_douglas_peucker_keeps() {
    let bm = fresh_fine_basemap();
    let detail = bm.detail.as_ref().expect("detail");
    let mut kept = [0; LOD_ZOOMS.len()];
    for (lod, &zoom) in LOD_ZOOMS.iter().enumerate() {
        let eps = LOD_TOLERANCE_PX / scale_for_zoom(zoom);
        for piece in &detail.pieces {
            let line =
                LineString::from(piece.full().iter().map(|p| (p.x, p.y)).collect::<Vec<_>>());
            let expected: Vec<World> = line
                .simplify(eps)
                .coords()
                .map(|c| World::new(c.x, c.y))
                .collect();
            let points = piece.points(lod);
            assert_eq!(points.iter().collect::<Vec<_>>(), expected, "lod {lod}");
            assert_eq!(
                points.iter().rev().collect::<Vec<_>>(),
                expected.iter().rev().copied().collect::<Vec<_>>()
            );
            assert_eq!(points.len(), expected.len());
            kept[lod] += points.len();
        }
    }
    // The levels of detail do thin the lines out, the farther the more.
    let full: usize = detail.pieces.iter().map(|p| p.full().len()).sum();
    assert!(kept[0] < full / 2, "kept {kept:?} of {full} points");
    assert!(
        kept.windows(2).all(|k| k[0] < k[1]) && kept[LOD_ZOOMS.len() - 1] < full,
        "kept {kept:?} of {full} points"
    );
    // Beyond the last level of detail: the level's own points.
    let piece = &detail.pieces[0];
    assert_eq!(
        piece.points(LOD_ZOOMS.len()).iter().collect::<Vec<_>>(),
        piece.full()
    );
}

/// Every simplified version the map can draw of the shipped detail (from
/// COARSE_ZOOM) and fine level (from FINE_ZOOM) together: what a visitor
/// who pans and zooms everywhere fills in, and what then stays in the wasm
/// memory for the life of the map (the soak, `tools/bench/soak.mjs`, saw
/// it fill in as growth). As copies of the points it would be 4.3 MB; as
/// indices, a quarter of that.
#[test]
fn every_simplified_version_of_the_shipped_levels_fits_in_1_2_mb() {
    let bm = fresh_fine_basemap();
    let detail = bm.detail.as_ref().expect("detail");
    let fine = bm.fine.as_ref().expect("fine");
    assert_eq!(
        detail.simplified_bytes() + fine.simplified_bytes(),
        0,
        "none made before use"
    );
    let mut kept = 0;
    for (level, from) in [(detail, COARSE_ZOOM), (fine, FINE_ZOOM)] {
        for lod in lod_for_zoom(from)..LOD_ZOOMS.len() {
            kept += level
                .pieces
                .iter()
                .map(|p| p.points(lod).len())
                .sum::<usize>();
        }
    }
    let bytes = detail.simplified_bytes() + fine.simplified_bytes();
    assert_eq!(bytes, kept * 4, "four bytes a kept point ({kept} points)");
    assert!(bytes <= 1_200_000, "{bytes} bytes for {kept} kept points");
    assert!(
        kept * 16 > 4_400_000,
        "as copies these {kept} points took {} bytes",
        kept * 16
    );
}
