//! Colours, line widths and fonts: the map's look in one place.
//!
//! The palette keeps water cool and land warm-neutral so Kazakhstan's gold
//! is the one saturated colour on the basemap. Text colours reach WCAG AA
//! contrast against the land colour, helped by a light halo.

use crate::surface::{Font, Rgba, StrokeStyle};

/// Every colour and width the renderer uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub water: Rgba,
    pub graticule: StrokeStyle,
    pub land: Rgba,
    pub coast: StrokeStyle,
    pub border: StrokeStyle,
    pub focus_fill: Rgba,
    pub focus_outline: StrokeStyle,
    pub hover_fill: Rgba,
    pub hover_outline: StrokeStyle,
    pub selected_fill: Rgba,
    pub selected_outline: StrokeStyle,
    pub label: Rgba,
    pub focus_label: Rgba,
    pub halo: Rgba,
    pub focus_font: Font,
    pub neighbour_font: Font,
    pub country_font: Font,
    pub small_font: Font,
}

impl Style {
    pub fn light() -> Style {
        Style {
            water: Rgba::hex(0xcfe3ee),
            graticule: StrokeStyle {
                color: Rgba::hex(0x5b87a3).with_alpha(0.18),
                width: 0.6,
            },
            land: Rgba::hex(0xf6f2e9),
            coast: StrokeStyle {
                color: Rgba::hex(0x6f93aa),
                width: 0.8,
            },
            border: StrokeStyle {
                color: Rgba::hex(0x9c9486),
                width: 0.7,
            },
            focus_fill: Rgba::hex(0xf5c94c),
            focus_outline: StrokeStyle {
                color: Rgba::hex(0x8a5a00),
                width: 1.6,
            },
            hover_fill: Rgba::hex(0x1f6f9a).with_alpha(0.14),
            hover_outline: StrokeStyle {
                color: Rgba::hex(0x1f6f9a),
                width: 1.6,
            },
            selected_fill: Rgba::hex(0xb8322a).with_alpha(0.12),
            selected_outline: StrokeStyle {
                color: Rgba::hex(0xb8322a),
                width: 2.2,
            },
            label: Rgba::hex(0x44505a),
            focus_label: Rgba::hex(0x4a3000),
            halo: Rgba::hex(0xffffff).with_alpha(0.85),
            focus_font: Font {
                size: 17.0,
                weight: 700,
            },
            neighbour_font: Font {
                size: 12.5,
                weight: 600,
            },
            country_font: Font {
                size: 12.0,
                weight: 500,
            },
            small_font: Font {
                size: 10.5,
                weight: 500,
            },
        }
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::light()
    }
}
