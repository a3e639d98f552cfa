//! Layer 2, data: the bytes and JSON the map loads, read and checked.
//! The `BMAP` geometry file is decoded into a topology; overlay JSON is read
//! into a [`json::Json`] tree and validated into the typed [`overlay::Overlay`], and
//! [`export`] writes it out as GeoJSON and CSV.

pub mod crc32;
pub mod error;
pub mod export;
pub mod json;
pub mod kazakh_latin;
pub mod overlay;
pub mod places;
pub mod topology;
pub mod validate;
