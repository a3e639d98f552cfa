//! Shared fixtures for the native tests: the real shipped geometry (the base
//! file and its full detail), loaded once.
#![allow(dead_code)]

use bridge_map::data::topology::{decode, decode_detail, Topology};
use bridge_map::geo::projection::Projection;
use bridge_map::scene::basemap::Basemap;
use std::sync::OnceLock;

/// The base file: countries, names and the coarse level.
pub const GEOMETRY: &[u8] = include_bytes!("../../data/countries.bmap");
/// The detail file: the same arcs at full 1:50m detail.
pub const DETAIL: &[u8] = include_bytes!("../../data/countries-50m.bmap");
/// The fine file: 1:10m for the corridors' region.
pub const FINE: &[u8] = include_bytes!("../../data/countries-10m.bmap");

pub fn topology() -> &'static Topology {
    static T: OnceLock<Topology> = OnceLock::new();
    T.get_or_init(|| decode(GEOMETRY).expect("shipped geometry decodes"))
}

/// The basemap with its full detail, as the map has it once the detail
/// file has arrived: hit-testing and geography checks use the full detail.
pub fn basemap() -> &'static Basemap {
    static B: OnceLock<Basemap> = OnceLock::new();
    B.get_or_init(with_detail)
}

fn with_detail() -> Basemap {
    let mut bm = Basemap::build(topology(), Projection::bridge());
    let arcs = decode_detail(DETAIL, topology()).expect("shipped detail decodes");
    bm.add_detail(topology(), &arcs);
    bm
}

/// The basemap with its full detail and the fine level, as the map has it
/// once a view has come close.
pub fn fine_basemap() -> &'static Basemap {
    static B: OnceLock<Basemap> = OnceLock::new();
    B.get_or_init(|| {
        let mut bm = with_detail();
        bm.add_fine(decode(FINE).expect("shipped fine file decodes"))
            .expect("the fine file fits the base");
        bm
    })
}

/// The basemap with the coarse level only, as the map has it before the
/// detail file arrives.
pub fn coarse_basemap() -> &'static Basemap {
    static B: OnceLock<Basemap> = OnceLock::new();
    B.get_or_init(|| Basemap::build(topology(), Projection::bridge()))
}
