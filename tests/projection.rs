//! The projection against d3-geo, and the seam handling.

mod common;

use approx::assert_relative_eq;
use bridge_map::data::topology::{ArcRef, CountryId, CountryRecord, Names, Topology};
use bridge_map::geo::antimeridian::split_line;
use bridge_map::geo::coords::{LonLat, World};
use bridge_map::geo::projection::Projection;
use bridge_map::scene::basemap::Basemap;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    generator: String,
    points: Vec<RefPoint>,
}

#[derive(Deserialize)]
struct RefPoint {
    name: String,
    lon: f64,
    lat: f64,
    x: f64,
    y: f64,
}

/// d3's y axis points down; ours points north.
fn d3_to_world(p: &RefPoint) -> World {
    World::new(p.x, -p.y)
}

#[test]
fn matches_d3_geo_on_reference_points() {
    let fixture: Fixture = serde_json::from_str(include_str!("fixtures/d3-conic-equal-area.json"))
        .expect("fixture parses");
    assert!(fixture
        .generator
        .contains("geoConicEqualArea parallels [30,60] rotate [-75,0] center [0,45]"));
    assert!(
        fixture.points.len() >= 10,
        "need at least 10 reference points"
    );
    let p = Projection::bridge();
    for r in &fixture.points {
        let ours = p
            .lonlat_to_world(LonLat::new(r.lon, r.lat))
            .unwrap_or_else(|| panic!("{} projects", r.name));
        let theirs = d3_to_world(r);
        // Relative 1e-6, with an absolute floor for coordinates near 0
        // (the projection centre is exactly 0).
        assert_relative_eq!(ours.x, theirs.x, max_relative = 1e-6, epsilon = 1e-12);
        assert_relative_eq!(ours.y, theirs.y, max_relative = 1e-6, epsilon = 1e-12);
    }
}

#[test]
fn inverse_round_trips_the_reference_points() {
    let fixture: Fixture =
        serde_json::from_str(include_str!("fixtures/d3-conic-equal-area.json")).unwrap();
    let p = Projection::bridge();
    for r in &fixture.points {
        let back = p
            .world_to_lonlat(d3_to_world(r))
            .unwrap_or_else(|| panic!("{} inverts", r.name));
        assert_relative_eq!(back.lon, r.lon, epsilon = 1e-9);
        assert_relative_eq!(back.lat, r.lat, epsilon = 1e-9);
    }
}

#[test]
fn rejects_invalid_and_unrepresentable_points() {
    let p = Projection::bridge();
    assert!(p.lonlat_to_world(LonLat::new(f64::NAN, 0.0)).is_none());
    assert!(p.lonlat_to_world(LonLat::new(0.0, 91.0)).is_none());
    // Far outside the fan: no geographic point maps there.
    assert!(p.world_to_lonlat(World::new(0.0, -10.0)).is_none());
    assert!(p.world_to_lonlat(World::new(f64::INFINITY, 0.0)).is_none());
}

#[test]
fn chukotka_east_of_180_continues_russia_without_a_jump() {
    let p = Projection::bridge();
    let anadyr = p.lonlat_to_world(LonLat::new(177.509, 64.734)).unwrap();
    let uelen = p.lonlat_to_world(LonLat::new(-169.812, 66.160)).unwrap();
    // Anadyr (177.5°E) and Uelen (169.8°W) are about 650 km apart on the
    // globe; on the unit sphere that is ~0.1 radii. A projection that broke
    // at 180° would put them on opposite edges of the map.
    let gap = (uelen.x - anadyr.x).hypot(uelen.y - anadyr.y);
    assert!(
        gap < 0.15,
        "neighbours across 180° stay neighbours (gap {gap})"
    );
    // A line across 180° at Chukotka is one piece.
    let parts = split_line(&p, &[LonLat::new(175.0, 66.0), LonLat::new(-175.0, 66.0)]);
    assert_eq!(parts.len(), 1);
}

#[test]
fn lines_crossing_the_seam_end_on_opposite_edges() {
    let p = Projection::bridge();
    let parts = split_line(&p, &[LonLat::new(-110.0, 50.0), LonLat::new(-100.0, 50.0)]);
    assert_eq!(parts.len(), 2);
    let a_end = *parts[0].last().unwrap();
    let b_start = parts[1][0];
    // Same latitude on the seam, mirrored across the central meridian.
    assert_relative_eq!(a_end.x, -b_start.x, epsilon = 1e-9);
    assert_relative_eq!(a_end.y, b_start.y, epsilon = 1e-9);
    assert!(
        a_end.x.abs() > 0.5,
        "the seam is at the far edge of the fan"
    );
    assert!(
        (a_end.x - b_start.x).abs() > 1.0,
        "the halves are drawn far apart, not joined"
    );
}

#[test]
fn no_stroke_smears_across_the_map() {
    let bm = common::basemap();
    // The longest single segment of any coastline or border, at both
    // levels, inside the kept region (outside it the file keeps only a few
    // points, far apart). A polygon smeared across the seam would produce a
    // jump of several Earth radii; real 1:50m segments are far below 0.1,
    // and the coarse level keeps straight desert borders (Egypt–Libya, 1,000
    // km) in one segment, below 0.25.
    let keep = &common::topology().keep;
    let inside = |p: World| {
        keep.iter()
            .any(|r| (r.min.x..=r.max.x).contains(&p.x) && (r.min.y..=r.max.y).contains(&p.y))
    };
    for (level, limit) in [(&bm.coarse, 0.25), (bm.detail.as_ref().unwrap(), 0.1)] {
        let mut longest = 0.0f64;
        for line in &level.lines {
            let pts = level.pieces[line.piece].full();
            for w in pts.windows(2).filter(|w| inside(w[0]) && inside(w[1])) {
                longest = longest.max((w[1].x - w[0].x).hypot(w[1].y - w[0].y));
            }
        }
        assert!(longest < limit, "longest segment {longest} (limit {limit})");
    }
}

#[test]
fn russia_is_one_continuous_shape_across_180() {
    let bm = common::basemap();
    let rus = &bm.countries[bm.country_index("RUS").unwrap()];
    let chukotka = bm
        .projection
        .lonlat_to_world(LonLat::new(-175.0, 67.0))
        .unwrap();
    assert_eq!(
        bm.country_at(LonLat::new(-175.0, 67.0)),
        bm.country_index("RUS"),
        "Chukotka east of 180° is Russia"
    );
    assert_eq!(
        bm.country_at(LonLat::new(-174.0, 66.0)),
        bm.country_index("RUS"),
        "Chukotka east of 180° is Russia"
    );
    // Russia's box ends at Chukotka, not at the far edge of the fan.
    assert!(rus.bbox.max.x < chukotka.x + 0.2);
    assert!(
        rus.bbox.width() < 2.5,
        "Russia spans {} radii",
        rus.bbox.width()
    );
}

#[test]
fn countries_straddling_the_seam_are_split_not_smeared() {
    // The shipped file leaves North America out (it is never on screen), so
    // a made-up country straddles the cut at 105° W instead.
    let square = vec![
        LonLat::new(-115.0, 35.0),
        LonLat::new(-95.0, 35.0),
        LonLat::new(-95.0, 45.0),
        LonLat::new(-115.0, 45.0),
        LonLat::new(-115.0, 35.0),
    ];
    let topo = Topology {
        arcs: vec![square],
        countries: vec![CountryRecord {
            id: CountryId::parse("USA").unwrap(),
            names: Names::default(),
            polygons: vec![vec![vec![ArcRef(0)]]],
        }],
        lakes: Vec::new(),
        detail: String::new(),
        fine: String::new(),
        keep: Vec::new(),
        crc: 0,
    };
    let bm = Basemap::build(&topo, Projection::bridge());
    // Each polygon lies wholly on one side of the fan.
    let polygons = &bm.coarse.polygons[0];
    assert_eq!(polygons.len(), 2, "one polygon on each side of the cut");
    for poly in polygons {
        let b = poly.bbox;
        assert!(b.width() < 2.0, "a polygon spans {} radii", b.width());
    }
    assert_eq!(bm.country_at(LonLat::new(-100.0, 40.0)), Some(0));
    assert_eq!(bm.country_at(LonLat::new(-110.0, 40.0)), Some(0));
    assert_eq!(bm.country_at(LonLat::new(-120.0, 40.0)), None);
}
