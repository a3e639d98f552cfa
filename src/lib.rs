//! # Bridge Map
//!
//! An interactive map of Eurasia that shows Kazakhstan as the bridge
//! between East and West, written in Rust and compiled to WebAssembly.
//!
//! The crate is a **pure core** plus a **thin web layer**:
//!
//! ```text
//!  data/countries-50m.bmap
//!        │ topology::decode            (bytes → arcs + countries)
//!        ▼
//!  basemap::Basemap::build             (project once, cut at the seam,
//!        │                              simplify per zoom, index)
//!        ▼
//!  view::View  ◄── input::Gestures ◄── web::events (DOM → input::Input)
//!        │
//!        ▼
//!  labels + render ──► surface::Surface ──► web::canvas (Canvas 2D)
//! ```
//!
//! Everything above `web` compiles and is tested natively; `web` exists only
//! for `wasm32` and is the only place that touches `web-sys`.
//! Coordinate conventions are written down once, in [`coords`].

pub mod antimeridian;
pub mod app;
pub mod basemap;
pub mod coords;
pub mod describe;
pub mod error;
pub mod input;
pub mod json;
pub mod labels;
pub mod overlay;
pub mod overlay_scene;
pub mod projection;
pub mod render;
pub mod style;
pub mod surface;
pub mod topology;
pub mod validate;
pub mod view;
pub mod vocabulary;
#[cfg(target_arch = "wasm32")]
pub mod web;
