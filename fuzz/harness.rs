//! The fuzz targets' bodies, shared with `tests/fuzz_corpus.rs`.
//!
//! Each function feeds one input to the crate the way the map feeds it a
//! download, and panics only when the crate breaks one of its own promises:
//! a decoder that panics, an error that points outside the file, a decoded
//! file whose references lead nowhere. The fuzz targets in `fuzz_targets/`
//! call these functions and nothing else, and `cargo test` replays the
//! committed corpus through the very same code, so a crash fixed once stays
//! fixed without nightly Rust.
#![allow(dead_code)]

use bridge_map::data::crc32;
use bridge_map::data::error::DataError;
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Overlay;
use bridge_map::data::topology::{
    decode, decode_detail, encode, encode_detail, ArcRef, CountryId, CountryRecord, LakeRecord,
    Names, Topology,
};
use bridge_map::geo::coords::{LonLat, Screen, World, WorldRect};
use bridge_map::geo::projection::Projection;
use bridge_map::geo::view::{View, Viewport};
use bridge_map::scene::basemap::{Basemap, Level, COARSE_ZOOM, FINE_ZOOM, LOD_ZOOMS};
use bridge_map::scene::overlay_scene::{Layers, OverlayScene};
use std::sync::OnceLock;

/// The shipped base file: overlay inputs are placed on its coarse level.
const SHIPPED_BASE: &[u8] = include_bytes!("../data/countries.bmap");

/// What one input came to, so the corpus replay can check that its inputs
/// reach past the first checks and that rejections are the errors promised.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// Refused before the crate's own code saw it (not JSON; too short to
    /// carry a checksum).
    Unread,
    /// Rejected with the crate's error (for overlays, its number of problems).
    Rejected(String),
    /// Accepted and used.
    Accepted,
}

/// `bytes` with its last four bytes replaced by the CRC-32 of the rest, so
/// a mutated file gets past the checksum to the decoder proper; `None` for
/// inputs too short to have a trailer.
pub fn resealed(bytes: &[u8]) -> Option<Vec<u8>> {
    let body = bytes.get(..bytes.len().checked_sub(4)?)?;
    let mut out = body.to_vec();
    out.extend_from_slice(&crc32::hash(body).to_le_bytes());
    Some(out)
}

/// Checks the promises every `DataError` makes about a file of `len`
/// bytes: the offsets it names are in the file, and it reads as a sentence.
pub fn check_error(e: &DataError, len: usize) {
    let offset = match e {
        DataError::Truncated { offset }
        | DataError::BadInteger { offset }
        | DataError::BadId { offset }
        | DataError::BadName { offset }
        | DataError::TrailingBytes { offset } => Some(*offset),
        _ => None,
    };
    if let Some(offset) = offset {
        assert!(offset <= len, "{e:?} points past the file's {len} bytes");
    }
    assert!(!e.to_string().is_empty(), "{e:?} has no message");
}

/// Checks what a decoded file promises its users: every reference leads to
/// an arc, every point is on the globe, no id twice.
pub fn check_topology(t: &Topology) {
    assert!(
        t.arcs.iter().all(|a| a.len() >= 2),
        "an arc of fewer than 2 points"
    );
    assert!(
        t.arcs.iter().flatten().all(LonLat::is_valid),
        "a point off the globe"
    );
    let refs = t
        .countries
        .iter()
        .flat_map(|c| c.polygons.iter().flatten().flatten())
        .chain(t.lakes.iter().flat_map(|l| l.polygons.iter().flatten()));
    for r in refs {
        assert!(r.index() < t.arcs.len(), "{r:?} past {} arcs", t.arcs.len());
    }
    let mut ids: Vec<CountryId> = t.countries.iter().map(|c| c.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), t.countries.len(), "an id twice");
}

/// Asks a basemap what the map asks it while it is used: the country under
/// points over its data at every level's zoom, and every ring's points at
/// every level of detail.
fn exercise(bm: &Basemap, t: &Topology) {
    let probes: Vec<World> = t
        .arcs
        .iter()
        .flatten()
        .take(64)
        .filter_map(|p| bm.projection.lonlat_to_world(*p))
        .collect();
    let Some(area) = WorldRect::around(probes.iter().copied()) else {
        return;
    };
    for zoom in [2.0, COARSE_ZOOM, FINE_ZOOM, 8.0] {
        for i in 0..5 {
            for j in 0..5 {
                let w = World::new(
                    area.min.x + area.width() * (i as f64 + 0.5) / 5.0,
                    area.min.y + area.height() * (j as f64 + 0.5) / 5.0,
                );
                if let Some(c) = bm.country_at_zoom(w, zoom) {
                    assert!(c < bm.countries.len());
                }
                bm.lake_at_zoom(w, zoom);
            }
        }
        let (level, lod) = bm.level(zoom, &area);
        rings(level, lod);
    }
    rings(bm.finest(), usize::MAX);
    for (i, _) in t.countries.iter().enumerate() {
        let _ = &bm.countries[i].label;
    }
}

fn rings(level: &Level, lod: usize) {
    for (ci, pi) in level.polygons_in(&WorldRect {
        min: World::new(-1e9, -1e9),
        max: World::new(1e9, 1e9),
    }) {
        for ring in &level.polygons[ci][pi].rings {
            level.ring(&ring.pieces, lod);
        }
    }
    for ring in &level.land {
        level.ring(&ring.pieces, lod.min(LOD_ZOOMS.len()));
    }
}

/// Target `basemap`: a base geometry file, as `App::new` reads it: decoded,
/// then projected, cut at the seam and indexed into a basemap.
pub fn basemap(data: &[u8]) -> Outcome {
    let raw = decode(data);
    if let Err(e) = &raw {
        check_error(e, data.len());
    }
    let Some(fixed) = resealed(data) else {
        return Outcome::Unread;
    };
    let topo = match decode(&fixed) {
        Ok(t) => t,
        Err(e) => {
            check_error(&e, fixed.len());
            assert!(
                !matches!(e, DataError::ChecksumMismatch { .. }),
                "a resealed file failed its checksum"
            );
            return Outcome::Rejected(format!("{e:?}"));
        }
    };
    if let Ok(r) = &raw {
        assert_eq!(r, &topo, "a valid file decodes the same resealed");
    }
    check_topology(&topo);
    let bm = Basemap::build(&topo, Projection::bridge());
    assert_eq!(bm.countries.len(), topo.countries.len());
    exercise(&bm, &topo);
    Outcome::Accepted
}

/// A small base file, Kazakhstan and Uzbekistan around their shared border
/// with a lake: what the `detail` and `fine` targets' files must fit. Its
/// detail file is `tiny_detail()`, its fine file `tiny_fine()`.
pub fn tiny_base() -> &'static (Vec<u8>, Topology) {
    static T: OnceLock<(Vec<u8>, Topology)> = OnceLock::new();
    T.get_or_init(|| {
        let pts = |v: &[(f64, f64)]| v.iter().map(|&(x, y)| LonLat::new(x, y)).collect();
        let kaz = |s: &str| CountryId::parse(s).expect("three capitals");
        let topo = Topology {
            arcs: vec![
                // The shared border, north to south, then each country's
                // remaining outline, then the lake's shore.
                pts(&[(60.0, 45.0), (61.0, 42.0)]),
                pts(&[
                    (61.0, 42.0),
                    (75.0, 42.0),
                    (75.0, 50.0),
                    (60.0, 50.0),
                    (60.0, 45.0),
                ]),
                pts(&[
                    (60.0, 45.0),
                    (55.0, 45.0),
                    (55.0, 38.0),
                    (61.0, 38.0),
                    (61.0, 42.0),
                ]),
                pts(&[(58.0, 44.0), (60.0, 44.0), (59.0, 46.0), (58.0, 44.0)]),
            ],
            countries: vec![
                CountryRecord {
                    id: kaz("KAZ"),
                    names: Names {
                        en: "Kazakhstan".into(),
                        kk: "Қазақстан".into(),
                        ru: "Казахстан".into(),
                    },
                    polygons: vec![vec![vec![ArcRef(0), ArcRef(1)]]],
                },
                CountryRecord {
                    id: kaz("UZB"),
                    names: Names {
                        en: "Uzbekistan".into(),
                        kk: "Өзбекстан".into(),
                        ru: "Узбекистан".into(),
                    },
                    polygons: vec![vec![vec![ArcRef(!0), ArcRef(2)]]],
                },
            ],
            lakes: vec![LakeRecord {
                polygons: vec![vec![ArcRef(3)]],
            }],
            detail: "tiny-50m.bmap".into(),
            fine: "tiny-10m.bmap".into(),
            keep: vec![WorldRect {
                min: World::new(-1.0, -1.0),
                max: World::new(1.0, 1.0),
            }],
            crc: 0,
        };
        let bytes = encode(&topo, 1e-3);
        let decoded = decode(&bytes).expect("the tiny base decodes");
        (bytes, decoded)
    })
}

/// A detail file for [`tiny_base`]: its arcs with a point more on each.
pub fn tiny_detail() -> Vec<u8> {
    let (_, base) = tiny_base();
    let arcs: Vec<Vec<LonLat>> = base
        .arcs
        .iter()
        .map(|a| {
            let mut out = vec![a[0]];
            for w in a.windows(2) {
                out.push(LonLat::new(
                    (w[0].lon + w[1].lon) / 2.0 + 0.1,
                    (w[0].lat + w[1].lat) / 2.0,
                ));
                out.push(w[1]);
            }
            out
        })
        .collect();
    encode_detail(&arcs, 1e-4, base.crc)
}

/// A fine file for [`tiny_base`]: Kazakhstan alone, finer, with its kept
/// region.
pub fn tiny_fine() -> Vec<u8> {
    let (_, base) = tiny_base();
    let mut t = base.clone();
    t.countries.truncate(1);
    t.lakes.clear();
    t.detail.clear();
    t.fine.clear();
    encode(&t, 1e-4)
}

/// Target `detail`: a detail file for [`tiny_base`], as `App::add_detail`
/// reads it, then added to the basemap and used.
pub fn detail(data: &[u8]) -> Outcome {
    let (_, base) = tiny_base();
    if let Err(e) = decode_detail(data, base) {
        check_error(&e, data.len());
    }
    let Some(fixed) = resealed(data) else {
        return Outcome::Unread;
    };
    let arcs = match decode_detail(&fixed, base) {
        Ok(a) => a,
        Err(e) => {
            check_error(&e, fixed.len());
            assert!(!matches!(e, DataError::ChecksumMismatch { .. }));
            return Outcome::Rejected(format!("{e:?}"));
        }
    };
    assert_eq!(arcs.len(), base.arcs.len(), "a detail file of another size");
    assert!(arcs.iter().all(|a| a.len() >= 2));
    assert!(arcs.iter().flatten().all(LonLat::is_valid));
    let mut bm = Basemap::build(base, Projection::bridge());
    bm.add_detail(base, &arcs);
    let mut detailed = base.clone();
    detailed.arcs = arcs;
    exercise(&bm, &detailed);
    Outcome::Accepted
}

/// Target `fine`: a fine file for [`tiny_base`], as `App::add_fine` reads
/// it (a base-kind file of its own), then added to the basemap and used.
pub fn fine(data: &[u8]) -> Outcome {
    let (_, base) = tiny_base();
    let Some(fixed) = resealed(data) else {
        return Outcome::Unread;
    };
    let topo = match decode(&fixed) {
        Ok(t) => t,
        Err(e) => {
            check_error(&e, fixed.len());
            assert!(!matches!(e, DataError::ChecksumMismatch { .. }));
            return Outcome::Rejected(format!("{e:?}"));
        }
    };
    check_topology(&topo);
    let mut bm = Basemap::build(base, Projection::bridge());
    let result = bm.add_fine(topo.clone());
    match result {
        Ok(()) => {
            assert!(bm.fine.is_some(), "a fine file accepted and not used");
            exercise(&bm, &topo);
            Outcome::Accepted
        }
        Err(e) => {
            assert!(matches!(e, DataError::FineMismatch(_)), "{e:?}");
            assert!(bm.fine.is_none(), "a refused fine file left a level");
            Outcome::Rejected(format!("{e:?}"))
        }
    }
}

/// The shipped base's coarse basemap, for placing overlays.
fn shipped_basemap() -> &'static Basemap {
    static B: OnceLock<Basemap> = OnceLock::new();
    B.get_or_init(|| {
        let t = decode(SHIPPED_BASE).expect("the shipped base decodes");
        Basemap::build(&t, Projection::bridge())
    })
}

/// Target `overlay`: overlay JSON text, as the element hands a host's data
/// to `App::set_overlay`: read into a [`Json`] tree, validated, and, when
/// valid, placed on the shipped basemap and picked from.
pub fn overlay(data: &[u8]) -> Outcome {
    let Ok(json) = serde_json::from_slice::<Json>(data) else {
        return Outcome::Unread;
    };
    let overlay = match Overlay::from_json(&json) {
        Ok(o) => o,
        Err(e) => {
            assert!(!e.0.is_empty(), "rejected without a problem");
            for p in &e.0 {
                assert!(!p.path.is_empty(), "a problem without a path: {p:?}");
            }
            assert!(!e.to_string().is_empty());
            return Outcome::Rejected(format!("{} problems", e.0.len()));
        }
    };
    for f in &overlay.features {
        assert!(overlay.feature(&f.id).is_some(), "{} cannot be found", f.id);
    }
    for step in 0..overlay.tour.len() + 1 {
        for i in overlay.step_highlights(step) {
            assert!(i < overlay.features.len());
        }
    }
    assert!(overlay.draws_like(&overlay));
    let scene = OverlayScene::build(overlay, shipped_basemap());
    let vp = Viewport::new(640.0, 400.0);
    let proj = &shipped_basemap().projection;
    let centers = scene
        .overlay
        .features
        .iter()
        .filter_map(|f| f.point())
        .take(4)
        .chain([LonLat::new(71.43, 51.13)]);
    for c in centers {
        let Some(center) = proj.lonlat_to_world(c) else {
            continue;
        };
        for zoom in [3.0, 6.0] {
            let view = View { center, zoom };
            for (x, y) in [(320.0, 200.0), (300.0, 190.0), (0.0, 0.0)] {
                if let Some(i) = scene.pick(Screen::new(x, y), &view, vp, &Layers::default(), None)
                {
                    assert!(i < scene.overlay.features.len());
                }
            }
        }
    }
    Outcome::Accepted
}
