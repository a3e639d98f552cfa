//! Loading the shipped geometry, and what broken files produce.

mod common;

use bridge_map::data::error::DataError;
use bridge_map::data::topology::{
    decode, decode_detail, encode, encode_detail, ArcRef, CountryId, CountryRecord, LakeRecord,
    Names, Topology,
};
use bridge_map::geo::coords::LonLat;

#[test]
fn shipped_geometry_has_eurasia_with_iso_ids_and_three_languages() {
    let t = common::topology();
    // Every country that can be on screen; the Americas' south and the
    // Pacific beyond New Guinea never are (tests/crop.rs).
    assert!(t.countries.len() > 180, "{} countries", t.countries.len());
    for id in ["ARG", "CHL", "NZL", "FJI"] {
        assert!(
            !t.countries.iter().any(|c| c.id.as_str() == id),
            "{id} is outside the kept region"
        );
    }
    let kaz = t
        .countries
        .iter()
        .find(|c| c.id.as_str() == "KAZ")
        .expect("Kazakhstan is in the data");
    assert_eq!(kaz.names.en, "Kazakhstan");
    assert_eq!(kaz.names.kk, "Қазақстан");
    assert_eq!(kaz.names.ru, "Казахстан");
    for id in [
        "RUS", "CHN", "KGZ", "UZB", "TKM", "AZE", "GEO", "TUR", "IRN", "KOS", "CYN", "SOL",
    ] {
        assert!(
            t.countries.iter().any(|c| c.id.as_str() == id),
            "{id} present"
        );
    }
    assert!(
        !t.countries.iter().any(|c| c.id.as_str() == "ATA"),
        "Antarctica is left out"
    );
    assert!(t.arcs.iter().flatten().all(LonLat::is_valid));
}

fn tiny() -> Topology {
    let square = vec![
        LonLat::new(70.0, 45.0),
        LonLat::new(80.0, 45.0),
        LonLat::new(80.0, 50.0),
        LonLat::new(70.0, 50.0),
        LonLat::new(70.0, 45.0),
    ];
    Topology {
        arcs: vec![square],
        countries: vec![CountryRecord {
            id: CountryId::parse("KAZ").unwrap(),
            names: Names {
                en: "Kazakhstan".into(),
                kk: "Қазақстан".into(),
                ru: "Казахстан".into(),
            },
            polygons: vec![vec![vec![ArcRef(0)]]],
        }],
        lakes: Vec::new(),
        detail: String::new(),
        fine: String::new(),
        keep: Vec::new(),
        crc: 0,
    }
}

/// Re-seals a modified body with a valid checksum, so the decoder gets past
/// the CRC and meets the structural fault.
fn reseal(mut bytes: Vec<u8>) -> Vec<u8> {
    bytes.truncate(bytes.len() - 4);
    let crc = crc32fast::hash(&bytes);
    bytes.extend_from_slice(&crc.to_le_bytes());
    bytes
}

#[test]
fn encode_then_decode_round_trips() {
    let t = tiny();
    let bytes = encode(&t, 1e-3);
    let back = decode(&bytes).unwrap();
    assert_eq!(back.countries, t.countries);
    assert_eq!(
        back.crc,
        u32::from_le_bytes(bytes[bytes.len() - 4..].try_into().unwrap())
    );
    for (a, b) in back.arcs[0].iter().zip(&t.arcs[0]) {
        assert!((a.lon - b.lon).abs() < 1e-9 && (a.lat - b.lat).abs() < 1e-9);
    }
}

#[test]
fn broken_files_give_specific_errors() {
    let good = encode(&tiny(), 1e-3);
    assert_eq!(decode(&[]), Err(DataError::Empty));
    assert_eq!(
        decode(b"<!doctype html><title>404</title>"),
        Err(DataError::BadMagic)
    );

    let mut v = good.clone();
    v[4] = 9;
    assert_eq!(decode(&v), Err(DataError::UnsupportedVersion(9)));
    let mut v1 = good.clone();
    v1[4] = 1;
    assert_eq!(decode(&v1), Err(DataError::UnsupportedVersion(1)));

    let mut flipped = good.clone();
    let mid = flipped.len() / 2;
    flipped[mid] ^= 0x55;
    assert!(matches!(
        decode(&flipped),
        Err(DataError::ChecksumMismatch { .. })
    ));

    let cut = good[..good.len() - 7].to_vec();
    assert!(matches!(
        decode(&cut),
        Err(DataError::ChecksumMismatch { .. })
    ));

    // Structural faults behind a valid checksum.
    let header = 4 + 2 + 1 + 1 + 32;
    // After the header: the detail and fine files' names (empty), the keep
    // rectangles (none), then the number of arcs.
    let arcs_at = header + 3;
    let mut lying_count = good.clone();
    lying_count[arcs_at] = 0x7f; // claims 127 arcs
    assert!(matches!(
        decode(&reseal(lying_count)),
        Err(DataError::BadInteger { .. })
    ));
    let mut lying_points = good.clone();
    lying_points[arcs_at + 1] = 0x7f; // claims 127 points in the one arc
    assert!(matches!(
        decode(&reseal(lying_points)),
        Err(DataError::BadInteger { .. } | DataError::Truncated { .. })
    ));
    let mut one_point = good.clone();
    one_point[arcs_at + 1] = 1; // an arc needs two points
    assert!(matches!(
        decode(&reseal(one_point)),
        Err(DataError::BadArc { arc: 0 } | DataError::TrailingBytes { .. })
    ));
    for len in [header + 1, arcs_at + 3, good.len() - 8] {
        let mut cut = good[..len].to_vec();
        cut.extend_from_slice(&[0; 4]);
        assert!(
            matches!(
                decode(&reseal(cut)),
                Err(DataError::Truncated { .. } | DataError::BadInteger { .. })
            ),
            "cut at {len}"
        );
    }
    let mut detail_kind = good.clone();
    detail_kind[6] = 2;
    assert_eq!(
        decode(&reseal(detail_kind)),
        Err(DataError::WrongKind { found: 2 })
    );

    let mut bad_id = good.clone();
    let id_at = bad_id.windows(3).position(|w| w == b"KAZ").unwrap();
    bad_id[id_at] = b'k';
    assert_eq!(
        decode(&reseal(bad_id)),
        Err(DataError::BadId { offset: id_at })
    );

    let mut bad_ref = good.clone();
    let n = bad_ref.len();
    // The country's one reference, before the number of lakes (none) and
    // the trailer.
    bad_ref[n - 6] = 2 * 5 + 1; // zigzag 5, plus one: arc 5 does not exist
    assert!(matches!(
        decode(&reseal(bad_ref)),
        Err(DataError::ArcOutOfRange { arc: 5, .. })
    ));

    let mut trailing = good.clone();
    trailing.insert(trailing.len() - 4, 0);
    assert!(matches!(
        decode(&reseal(trailing)),
        Err(DataError::TrailingBytes { .. })
    ));

    let mut dup = tiny();
    dup.countries.push(dup.countries[0].clone());
    assert_eq!(
        decode(&encode(&dup, 1e-3)),
        Err(DataError::DuplicateId("KAZ".into()))
    );

    let mut bad_name = good.clone();
    let name_at = bad_name.windows(4).position(|w| w == b"Kaza").unwrap();
    bad_name[name_at] = 0xff;
    assert!(matches!(
        decode(&reseal(bad_name)),
        Err(DataError::BadName { .. })
    ));
}

#[test]
fn errors_read_well() {
    let msg = DataError::ChecksumMismatch {
        expected: 1,
        actual: 2,
    }
    .to_string();
    assert!(msg.contains("corrupt"), "{msg}");
    assert!(DataError::BadMagic
        .to_string()
        .contains("not a Bridge Map geometry file"));
    // The versions read are spelled out in the message (a literal: the
    // wasm's formatting is kept small), so they must follow the decoder.
    use bridge_map::data::topology::{OLDEST_VERSION, VERSION};
    let msg = DataError::UnsupportedVersion(99).to_string();
    assert!(
        msg.contains(&format!("reads versions {OLDEST_VERSION} to {VERSION}")),
        "{msg}"
    );
}

#[test]
fn own_crc32_matches_crc32fast() {
    // The crate's byte-at-a-time CRC-32 must give the checksum the
    // converter writes (the same as crc32fast's) on every input length
    // and on the shipped file.
    let shipped = include_bytes!("../data/countries-50m.bmap");
    for len in [
        0,
        1,
        2,
        3,
        7,
        8,
        15,
        16,
        17,
        63,
        64,
        65,
        1000,
        shipped.len() - 4,
    ] {
        let bytes = &shipped[..len];
        assert_eq!(
            bridge_map::data::crc32::hash(bytes),
            crc32fast::hash(bytes),
            "length {len}"
        );
    }
    let stored = u32::from_le_bytes(shipped[shipped.len() - 4..].try_into().unwrap());
    assert_eq!(
        bridge_map::data::crc32::hash(&shipped[..shipped.len() - 4]),
        stored
    );
}

#[test]
fn a_detail_file_fits_only_its_own_base_file() {
    let base = encode(&tiny(), 1e-3);
    let t = decode(&base).unwrap();
    // The same square with a point more on its southern edge.
    let mut finer = t.arcs.clone();
    finer[0].insert(1, LonLat::new(75.0, 45.0));
    let detail = encode_detail(&finer, 1e-4, t.crc);
    let arcs = decode_detail(&detail, &t).unwrap();
    assert_eq!(arcs[0].len(), 6);
    assert!((arcs[0][1].lon - 75.0).abs() < 1e-9);

    // A detail file is not a base file, and the other way round.
    assert_eq!(decode(&detail), Err(DataError::WrongKind { found: 2 }));
    assert_eq!(
        decode_detail(&base, &t),
        Err(DataError::WrongKind { found: 1 })
    );
    // Another base file's detail, or another number of arcs.
    assert_eq!(
        decode_detail(&encode_detail(&finer, 1e-4, t.crc ^ 1), &t),
        Err(DataError::DetailMismatch)
    );
    let mut two = finer.clone();
    two.push(finer[0].clone());
    assert_eq!(
        decode_detail(&encode_detail(&two, 1e-4, t.crc), &t),
        Err(DataError::DetailMismatch)
    );
    // Cut, flipped and lying files fail as base files do.
    assert!(matches!(
        decode_detail(&detail[..detail.len() - 3], &t),
        Err(DataError::ChecksumMismatch { .. })
    ));
    let mut lying = detail.clone();
    lying[4 + 2 + 1 + 1 + 32 + 4 + 1] = 0x7f; // 127 points in the one arc
    assert!(matches!(
        decode_detail(&reseal(lying), &t),
        Err(DataError::BadInteger { .. } | DataError::Truncated { .. })
    ));
    let mut trailing = detail.clone();
    trailing.insert(trailing.len() - 4, 0);
    assert!(matches!(
        decode_detail(&reseal(trailing), &t),
        Err(DataError::TrailingBytes { .. })
    ));
}

#[test]
fn the_shipped_files_pair_up() {
    let t = common::topology();
    assert_eq!(t.detail, "countries-50m.bmap");
    let detail = decode_detail(common::DETAIL, t).expect("the shipped detail decodes");
    assert_eq!(detail.len(), t.arcs.len());
    // Same topology: every arc has at least the coarse level's points and
    // starts and ends in the same place (within the coarse grid).
    for (coarse, full) in t.arcs.iter().zip(&detail) {
        assert!(full.len() >= coarse.len());
        for (a, b) in [
            (coarse[0], full[0]),
            (coarse[coarse.len() - 1], full[full.len() - 1]),
        ] {
            assert!(
                (a.lon - b.lon).abs() < 0.05 && (a.lat - b.lat).abs() < 0.05,
                "{a:?} vs {b:?}"
            );
        }
    }
}

/// `tiny()` with a lake in Kazakhstan, a square: one arc of its own, the
/// next after the country's.
fn tiny_with_a_lake() -> Topology {
    let mut t = tiny();
    t.arcs.push(vec![
        LonLat::new(74.0, 46.0),
        LonLat::new(74.0, 47.0),
        LonLat::new(76.0, 47.0),
        LonLat::new(76.0, 46.0),
        LonLat::new(74.0, 46.0),
    ]);
    t.lakes.push(LakeRecord {
        polygons: vec![vec![ArcRef(1)]],
    });
    t
}

#[test]
fn lakes_round_trip_and_version_2_and_3_files_still_read() {
    let mut t = tiny_with_a_lake();
    t.fine = "fine.bmap".to_owned();
    let bytes = encode(&t, 1e-3);
    assert_eq!(
        u16::from_le_bytes([bytes[4], bytes[5]]),
        4,
        "written as version 4"
    );
    let back = decode(&bytes).unwrap();
    assert_eq!(back.lakes, t.lakes);
    assert_eq!(back.countries, t.countries);
    assert_eq!(back.fine, "fine.bmap");
    assert_eq!(back.arcs.len(), 2);

    // A version 3 base file is the same without the fine file's name (here
    // empty: one byte after the detail file's, also empty), and a version
    // 2 file also without the lakes section (here the count 0, the last
    // byte before the trailer).
    let header = 4 + 2 + 1 + 1 + 32;
    let mut v3 = encode(&tiny(), 1e-3);
    assert_eq!(&v3[header..header + 2], &[0, 0], "no detail or fine file");
    v3.remove(header + 1);
    v3[4] = 3;
    let old = decode(&reseal(v3.clone())).expect("a version 3 file still reads");
    assert_eq!(old.countries, tiny().countries);
    assert!(old.fine.is_empty());
    let mut v2 = v3;
    let n = v2.len();
    assert_eq!(v2[n - 5], 0, "no lakes");
    v2.remove(n - 5);
    v2[4] = 2;
    let old = decode(&reseal(v2)).expect("a version 2 file still reads");
    assert_eq!(old.countries, tiny().countries);
    assert!(old.lakes.is_empty());
    let mut v5 = bytes.clone();
    v5[4] = 5;
    assert_eq!(decode(&v5), Err(DataError::UnsupportedVersion(5)));

    // A lake ring is the next arc after the countries': a lake claiming a
    // second ring (or ever so many) claims more arcs than the file has.
    for claim in [&[2][..], &[0xff, 0xff, 0xff, 0xff, 0x0f]] {
        let mut lying = bytes.clone();
        let n = lying.len();
        assert_eq!(lying[n - 5], 1, "the lake's one polygon has one ring");
        lying.splice(n - 5..n - 4, claim.iter().copied());
        assert_eq!(
            decode(&reseal(lying)),
            Err(DataError::BadInteger { offset: n - 5 }),
            "{claim:?} rings"
        );
    }
}

#[test]
fn the_shipped_base_file_has_its_lakes() {
    // data/src/lakes.geojson's 20 lakes (the Aral Sea in four parts,
    // Baikal with Olkhon), each ring a closed arc of its own after the
    // countries' arcs, which end the file.
    let t = common::topology();
    assert_eq!(t.lakes.len(), 20);
    let polygons: usize = t.lakes.iter().map(|l| l.polygons.len()).sum();
    assert_eq!(polygons, 23);
    let used_by_countries = t
        .countries
        .iter()
        .flat_map(|c| c.polygons.iter().flatten().flatten())
        .map(|r| r.index())
        .max()
        .unwrap();
    let rings: Vec<ArcRef> = t
        .lakes
        .iter()
        .flat_map(|l| l.polygons.iter().flatten().copied())
        .collect();
    assert_eq!(rings.len(), 24);
    for (k, ring) in rings.iter().enumerate() {
        assert_eq!(ring.index(), used_by_countries + 1 + k, "the next arc");
        let arc = &t.arcs[ring.index()];
        assert_eq!(arc.first(), arc.last(), "closed");
    }
    assert_eq!(used_by_countries + 1 + rings.len(), t.arcs.len());
}

/// Found by fuzzing (`fuzz/regressions/basemap/`): the format lets a lake
/// polygon have no rings. Building the basemap once skipped such a polygon
/// but kept its lake's record, so every later lake took the box of the one
/// before it, and the last one's box was read past the end: a panic on
/// load. Now the empty polygon adds nothing, and the real lake after it is
/// water with its own box.
#[test]
fn a_lake_polygon_without_rings_adds_nothing_and_shifts_no_lake() {
    use bridge_map::geo::projection::Projection;
    use bridge_map::scene::basemap::Basemap;
    let mut t = tiny_with_a_lake();
    t.lakes.insert(
        0,
        LakeRecord {
            polygons: vec![Vec::new()],
        },
    );
    let back = decode(&encode(&t, 1e-3)).expect("an empty lake polygon is in the format");
    assert_eq!(back.lakes, t.lakes);
    let bm = Basemap::build(&back, Projection::bridge());
    assert_eq!(bm.coarse.lakes.len(), 1, "one lake polygon with rings");
    let p = |lon, lat| {
        bm.projection
            .lonlat_to_world(LonLat::new(lon, lat))
            .unwrap()
    };
    // The lake's middle is water, with the lake's own box; beside it,
    // Kazakhstan.
    let water = p(75.0, 46.5);
    let b = bm
        .coarse
        .lake_box_at_world(water)
        .expect("the lake is water");
    assert_eq!(b, bm.coarse.lakes[0].bbox);
    assert_eq!(bm.country_at_world(water), None);
    assert_eq!(bm.country_at(LonLat::new(71.43, 48.0)), Some(0));
}
