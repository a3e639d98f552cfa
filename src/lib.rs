//! # Bridge Map
//!
//! An interactive map of Eurasia that shows Kazakhstan as the bridge
//! between East and West, written in Rust and compiled to WebAssembly.
//!
//! The crate is a **pure core** plus a **thin web layer**:
//!
//! ```text
//!  data/countries.bmap (+ -50m after ready)     data/bridge.json
//!        │ data::topology::decode(_detail)            │ data::validate
//!        ▼                                            ▼
//!  scene::basemap::Basemap::build        scene::overlay_scene::OverlayScene
//!        │ (project once, cut at the seam,    (legs, arcs, markers, flows)
//!        │  coarse + detail levels, index)            │
//!        └──────────────┬─────────────────────────────┘
//!                       ▼
//!  geo::view::View ◄── app::input::Gestures ◄── web::events (DOM → Input)
//!                       │
//!                       ▼ app::frame::plan_frame (what to redraw)
//!  scene::labels + render ──► paint::surface::Surface
//!                       │ paint::display_list (the drawing written down)
//!                       ▼
//!  web::raster (a worker, after the first frame) or web::canvas, both
//!  replayed by www/bridge-map-path.js
//! ```
//!
//! ## The ladder
//!
//! The source tree is grouped by layer. A module may import from its own
//! layer and from the layers *below* it, never from a layer above; no two
//! modules import each other. `tests/layers.rs` reads this table and every
//! `crate::` path in `src/`, and fails on an import that climbs the ladder
//! or closes a cycle.
//!
//! | layer | folder | may import | what it holds |
//! |-------|--------|------------|---------------|
//! | 1 geo | `geo/` | — | coordinate spaces, the projection, the seam cut, the view (camera) |
//! | 2 data | `data/` | geo | decoding the geometry file, JSON, the overlay model and its validation |
//! | 3 paint | `paint/` | geo, data | colours, strokes, fonts, the palette, the `Surface` trait and the display list |
//! | 4 scene | `scene/` | geo, data, paint | the basemap and overlay made drawable, labels, host-facing descriptions |
//! | 5 render | `render/` | geo, data, paint, scene | composing the basemap frame and highlights, bitmap reuse |
//! | 6 app | `app/` | all of the above | state, gestures, and the frame planner |
//! | 7 web | `web/` | all of the above | the only place that touches `web-sys` (wasm only) |
//!
//! Everything below `web` compiles and is tested natively; `web` exists only
//! for `wasm32`. Coordinate conventions are written down once, in
//! [`geo::coords`].

#![warn(missing_docs)]

pub mod app;
pub mod data;
pub mod geo;
pub mod paint;
pub mod render;
pub mod scene;
#[cfg(all(target_arch = "wasm32", not(feature = "export-only")))]
pub mod web;
/// Built with `--features export-only`: the lazily loaded wasm of
/// "Download data", which holds none of the map.
#[cfg(all(target_arch = "wasm32", feature = "export-only"))]
#[path = "web/export_only.rs"]
pub mod web;
