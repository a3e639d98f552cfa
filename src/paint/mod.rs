//! Layer 3, paint: how things look, and where they are drawn. Colours,
//! strokes and fonts, the light and dark palettes, and the narrow
//! [`surface::Surface`] trait every drawing goes through; the
//! [`display_list`] that writes a drawing down for a raster worker; and the
//! [`vocabulary`] that hands the palette and the core's words to the shell.

pub mod display_list;
pub mod style;
pub mod surface;
pub mod vocabulary;
