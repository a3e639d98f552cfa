//! Shared fixtures for the native tests: the real shipped geometry, loaded once.
#![allow(dead_code)]

use bridge_map::data::topology::{decode, Topology};
use bridge_map::geo::projection::Projection;
use bridge_map::scene::basemap::Basemap;
use std::sync::OnceLock;

pub const GEOMETRY: &[u8] = include_bytes!("../../data/countries-50m.bmap");

pub fn topology() -> &'static Topology {
    static T: OnceLock<Topology> = OnceLock::new();
    T.get_or_init(|| decode(GEOMETRY).expect("shipped geometry decodes"))
}

pub fn basemap() -> &'static Basemap {
    static B: OnceLock<Basemap> = OnceLock::new();
    B.get_or_init(|| Basemap::build(topology(), Projection::bridge()))
}
