//! Layer 4, scene: the loaded data made drawable, pickable and describable.
//! The basemap is projected, simplified and indexed once; the overlay
//! becomes legs, arcs, markers and particle flows (animated as keyframes
//! on the compositor); labels are placed; and
//! host-facing descriptions are built from both.

pub mod basemap;
pub mod describe;
pub mod flow;
pub mod labels;
pub mod overlay_scene;
pub mod sort;
