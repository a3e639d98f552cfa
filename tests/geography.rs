//! Every line on the right side of every border: the shipped overlay's
//! routes checked against the project's own basemap, as the map draws them.
//!
//! Each corridor declares the countries its real route crosses, and each leg
//! its surface (sea legs by their mode, subsea cables by `surface: "sea"`).
//! Every leg is sampled along the very line the renderer strokes
//! ([`great_circle`] points joined straight on the projected plane) every
//! kilometre, and each sample is looked up with the basemap's own
//! point-in-country test. Consecutive legs of one surface form a *passage*
//! (a sea passage runs from port to port), and the test fails with the
//! feature, the leg, what was entered and for how many kilometres when:
//!
//! - a land passage crosses an undeclared country for more than 3 km, or a
//!   declared one that neither end of the leg lies in (a KAZ → KAZ leg that
//!   clips China is wrong even though the corridor starts in China);
//! - a land passage runs over open water for more than 8 km;
//! - a sea passage crosses land for more than 12 km, ignoring 6 km at each port;
//! - a node lies inside another country as drawn, or more than 2 km off its
//!   declared country (a coastal place may fall just offshore on a 1:50m
//!   coast, never on the wrong side of a border).

mod common;

use bridge_map::data::json::Json;
use bridge_map::data::overlay::{Body, LegSurface, Overlay, PathPoint};
use bridge_map::geo::coords::{LonLat, World};
use bridge_map::scene::basemap::Basemap;
use bridge_map::scene::overlay_scene::great_circle;
use geo::{Destination, Distance, Haversine, Point};

/// Sampling step along a drawn line, in km (the issue asks for 2 km or less).
const STEP_KM: f64 = 1.0;
const MAX_FOREIGN_KM: f64 = 3.0;
const MAX_WATER_KM: f64 = 8.0;
const MAX_SEA_LAND_KM: f64 = 12.0;
const PORT_ALLOWANCE_KM: f64 = 6.0;
const NODE_TOLERANCE_KM: f64 = 2.0;

/// The shipped overlay, or the file named by `BRIDGE_OVERLAY` (so a host's
/// own data can be checked: `BRIDGE_OVERLAY=their.json cargo test --test geography`).
fn shipped() -> Overlay {
    let path = std::env::var("BRIDGE_OVERLAY")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/data/bridge.json").to_owned());
    let text = std::fs::read_to_string(&path).expect("overlay file is readable");
    let json: Json = serde_json::from_str(&text).expect("overlay file is JSON");
    Overlay::from_json(&json).expect("overlay file is valid")
}

fn km(a: LonLat, b: LonLat) -> f64 {
    Haversine.distance(Point::new(a.lon, a.lat), Point::new(b.lon, b.lat)) / 1000.0
}

thread_local! {
    /// Check against the 1:10m fine level where it is drawn (from zoom 5,
    /// in the corridors' region) instead of the 1:50m detail. Per test
    /// thread, so the two checks can run side by side.
    static FINE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The basemap a check reads.
fn basemap() -> &'static Basemap {
    if FINE.get() {
        common::fine_basemap()
    } else {
        common::basemap()
    }
}

/// The country at a point of the plane, as drawn closest up.
fn country_at_world(w: World) -> Option<usize> {
    basemap().country_at_zoom(w, 12.0)
}

fn country_at(p: LonLat) -> Option<usize> {
    country_at_world(basemap().projection.lonlat_to_world(p)?)
}

fn bm_countries(i: usize) -> &'static str {
    basemap().countries[i].id.as_str()
}

/// What lies under one sample: a country's ISO code, or water.
fn under(w: World) -> Option<&'static str> {
    country_at_world(w).map(bm_countries)
}

/// One sample of a passage: where it is along the passage, which leg it
/// belongs to, and what lies under it.
struct Sample {
    at_km: f64,
    leg: usize,
    under: Option<&'static str>,
}

/// Samples the legs `legs` of `path` as drawn, every [`STEP_KM`] or less.
fn sample(path: &[PathPoint], legs: std::ops::Range<usize>) -> Vec<Sample> {
    let proj = &basemap().projection;
    let mut out = Vec::new();
    let mut along = 0.0;
    let last = legs.end - 1;
    for leg in legs {
        let line = great_circle(path[leg].at, path[leg + 1].at);
        for seg in line.windows(2) {
            let (Some(a), Some(b)) = (proj.lonlat_to_world(seg[0]), proj.lonlat_to_world(seg[1]))
            else {
                continue;
            };
            let len = km(seg[0], seg[1]);
            let n = (len / STEP_KM).ceil().max(1.0) as usize;
            for i in 0..n {
                let t = i as f64 / n as f64;
                let w = World::new(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t);
                out.push(Sample {
                    at_km: along + len * t,
                    leg,
                    under: under(w),
                });
            }
            along += len;
        }
    }
    // The passage's end point, which the loop above stops short of.
    if let Some(end) = proj.lonlat_to_world(path[last + 1].at) {
        out.push(Sample {
            at_km: along,
            leg: last,
            under: under(end),
        });
    }
    out
}

/// Runs of consecutive samples that share a fault, as
/// (first sample, last sample, fault), longest stretch measured between them.
fn runs<F>(samples: &[Sample], fault: F) -> Vec<(&Sample, &Sample, String)>
where
    F: Fn(&Sample) -> Option<String>,
{
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, s) in samples.iter().enumerate() {
        let f = fault(s);
        match (&open, f) {
            (Some((_, cur)), Some(f)) if *cur == f => {}
            (Some((start, cur)), f) => {
                out.push((&samples[*start], &samples[i - 1], cur.clone()));
                open = f.map(|f| (i, f));
            }
            (None, f) => open = f.map(|f| (i, f)),
        }
    }
    if let Some((start, cur)) = open {
        out.push((&samples[start], &samples[samples.len() - 1], cur));
    }
    out
}

fn leg_name(path: &[PathPoint], leg: usize) -> String {
    let name = |p: &PathPoint| {
        p.label
            .clone()
            .unwrap_or_else(|| format!("({:.3}, {:.3})", p.at.lat, p.at.lon))
    };
    format!("{} → {}", name(&path[leg]), name(&path[leg + 1]))
}

/// Every violation in the overlay, one line each.
fn violations(overlay: &Overlay) -> Vec<String> {
    let mut out = Vec::new();
    for f in &overlay.features {
        match &f.body {
            Body::Corridor {
                countries, paths, ..
            } => {
                for (pi, path) in paths.iter().enumerate() {
                    // What lies under each leg's two ends, as drawn.
                    let proj = &basemap().projection;
                    let end_country = |p: &PathPoint| proj.lonlat_to_world(p.at).and_then(under);
                    let leg_ends: Vec<[Option<&str>; 2]> = path
                        .windows(2)
                        .map(|w| [end_country(&w[0]), end_country(&w[1])])
                        .collect();
                    // Split the path into passages of one surface.
                    let mut start = 0;
                    while start + 1 < path.len() {
                        let surface = path[start].surface;
                        let mut end = start + 1;
                        while end + 1 < path.len() && path[end].surface == surface {
                            end += 1;
                        }
                        let samples = sample(path, start..end);
                        let total = samples.last().map_or(0.0, |s| s.at_km);
                        let report = |a: &Sample, b: &Sample, what: &str, out: &mut Vec<String>| {
                            out.push(format!(
                                "{} path {pi}, leg {}: {what} for {:.1} km (from km {:.0} of the passage)",
                                f.id,
                                leg_name(path, a.leg),
                                b.at_km - a.at_km + STEP_KM,
                                a.at_km
                            ));
                        };
                        match surface {
                            Some(LegSurface::Land) => {
                                let found = runs(&samples, |s| match s.under {
                                    None => Some("open water".to_owned()),
                                    Some(c) if !countries.iter().any(|d| d == c) => {
                                        Some(format!("undeclared country {c}"))
                                    }
                                    Some(c) if !leg_ends[s.leg].contains(&Some(c)) => Some(
                                        format!("country {c}, which neither end of the leg is in"),
                                    ),
                                    Some(_) => None,
                                });
                                for (a, b, what) in found {
                                    let limit = if what == "open water" {
                                        MAX_WATER_KM
                                    } else {
                                        MAX_FOREIGN_KM
                                    };
                                    if b.at_km - a.at_km + STEP_KM > limit {
                                        report(a, b, &what, &mut out);
                                    }
                                }
                            }
                            Some(LegSurface::Sea) => {
                                let found = runs(&samples, |s| {
                                    let at_port = s.at_km < PORT_ALLOWANCE_KM
                                        || s.at_km > total - PORT_ALLOWANCE_KM;
                                    (s.under.is_some() && !at_port).then(|| "land".to_owned())
                                });
                                for (a, b, _) in found {
                                    if b.at_km - a.at_km + STEP_KM > MAX_SEA_LAND_KM {
                                        let what = format!("land ({})", a.under.unwrap_or("?"));
                                        report(a, b, &what, &mut out);
                                    }
                                }
                            }
                            None => {}
                        }
                        start = end;
                    }
                }
            }
            Body::Node { at, country, .. } => {
                if let Some(off) = km_outside(*at, country) {
                    out.push(format!(
                        "{} node: {:.1} km outside its declared country {country} (it lies in {})",
                        f.id,
                        off,
                        country_at(*at).map_or("water", bm_countries)
                    ));
                }
            }
            Body::Event { .. } => {}
        }
    }
    out
}

/// `None` when `at` is in `country`, or over water within
/// [`NODE_TOLERANCE_KM`] of it; otherwise roughly how far outside it lies
/// (0 for a place drawn inside another country near the border).
fn km_outside(at: LonLat, country: &str) -> Option<f64> {
    let inside = |p: LonLat| country_at(p).map(bm_countries) == Some(country);
    if inside(at) {
        return None;
    }
    let in_other_country = country_at(at).is_some();
    let rings = (1..=200).map(|k| k as f64 * 0.5);
    for r in rings {
        let hit = (0..72).any(|k| {
            let p = Haversine.destination(Point::new(at.lon, at.lat), k as f64 * 5.0, r * 1000.0);
            inside(LonLat::new(p.x(), p.y()))
        });
        if hit {
            return (in_other_country || r > NODE_TOLERANCE_KM).then_some(r);
        }
    }
    Some(f64::INFINITY)
}

#[test]
fn every_route_runs_where_the_real_route_runs() {
    let v = violations(&shipped());
    assert!(
        v.is_empty(),
        "{} geography violation(s):\n{}",
        v.len(),
        v.join("\n")
    );
}

/// The same check against the coasts and borders drawn close up: the
/// 1:10m fine level in the corridors' region.
#[test]
fn every_route_runs_where_the_real_route_runs_at_1_10m() {
    FINE.set(true);
    let v = violations(&shipped());
    assert!(
        v.is_empty(),
        "{} geography violation(s) at 1:10m:\n{}",
        v.len(),
        v.join("\n")
    );
}

/// The check itself can fail: a land leg straight across the Caspian, a sea
/// leg straight across the Absheron peninsula, a rail leg through Kyrgyzstan
/// and a node on the wrong side of a border are each caught.
#[test]
fn the_check_catches_each_kind_of_error() {
    let mut o = shipped();
    let mut bad = |id: &str, f: &dyn Fn(&mut Body)| {
        let feat = o
            .features
            .iter_mut()
            .find(|x| x.id == id)
            .expect("feature exists");
        f(&mut feat.body);
    };
    let pt = |lon: f64, lat: f64, s: Option<LegSurface>| PathPoint {
        at: LonLat::new(lon, lat),
        quality: bridge_map::data::overlay::Quality::Verified,
        routing: bridge_map::data::overlay::Routing::Indicative,
        label: None,
        node: None,
        mode: s.map(|s| match s {
            LegSurface::Land => bridge_map::data::overlay::Mode::Rail,
            LegSurface::Sea => bridge_map::data::overlay::Mode::Sea,
        }),
        surface: s,
    };
    // Atyrau → Astrakhan by land, straight over the north Caspian.
    bad("cpc", &|b| {
        if let Body::Corridor { paths, .. } = b {
            paths.push(vec![
                pt(51.884, 47.105, Some(LegSurface::Land)),
                pt(48.041, 46.350, None),
            ]);
        }
    });
    // Aktau → Baku (city) by sea, straight across the Absheron peninsula.
    bad("kcts", &|b| {
        if let Body::Corridor { paths, .. } = b {
            paths.push(vec![
                pt(51.174, 43.661, Some(LegSurface::Sea)),
                pt(49.0, 40.3, None),
            ]);
        }
    });
    // Taraz → Korday straight, through Kyrgyzstan.
    bad("we-wc", &|b| {
        if let Body::Corridor { paths, .. } = b {
            paths.push(vec![
                pt(71.373, 42.898, Some(LegSurface::Land)),
                pt(74.713, 43.039, None),
            ]);
        }
    });
    // Altynkol → Aktogay drawn through China (declared for the corridor,
    // but neither end of this leg is there).
    bad("northern", &|b| {
        if let Body::Corridor { paths, .. } = b {
            paths.push(vec![
                pt(80.300, 44.160, Some(LegSurface::Land)),
                pt(79.676, 46.951, None),
            ]);
        }
    });
    // Khorgos moved onto the Chinese town of Horgos.
    bad("khorgos", &|b| {
        if let Body::Node { at, .. } = b {
            *at = LonLat::new(80.414, 44.126);
        }
    });
    let v = violations(&o);
    let has = |needle: &str| v.iter().any(|l| l.contains(needle));
    assert!(has("cpc path 1") && has("open water"), "{v:#?}");
    assert!(has("kcts path 1") && has("land (AZE)"), "{v:#?}");
    assert!(
        has("we-wc path 1") && has("undeclared country KGZ"),
        "{v:#?}"
    );
    assert!(
        has("northern path 2") && has("CHN, which neither end"),
        "{v:#?}"
    );
    assert!(has("khorgos node"), "{v:#?}");
}
