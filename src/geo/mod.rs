//! Layer 1, geometry: the coordinate spaces, the projection from degrees
//! to the plane, the cut at the projection's seam, and the view that maps
//! the plane onto the screen. Pure maths; imports nothing else in the crate.

pub mod antimeridian;
pub mod coords;
pub mod projection;
pub mod view;
