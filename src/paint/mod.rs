//! Layer 3, paint: how things look, and where they are drawn. Colours,
//! strokes and fonts, the light and dark palettes, and the narrow
//! [`surface::Surface`] trait every drawing goes through.

pub mod style;
pub mod surface;
