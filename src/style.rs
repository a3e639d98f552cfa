//! Colours, line widths and fonts: the map's look in one place.
//!
//! The palette keeps water cool and land warm-neutral so Kazakhstan's gold
//! is the one saturated colour on the basemap. Text colours reach WCAG AA
//! contrast against the land colour, helped by a light halo.

use crate::overlay::Mode;
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
    pub node_font: Font,
}

impl Style {
    pub fn light() -> Style {
        Style {
            water: Rgba::hex(0xcfe3ee),
            graticule: StrokeStyle::solid(Rgba::hex(0x5b87a3).with_alpha(0.18), 0.6),
            land: Rgba::hex(0xf6f2e9),
            coast: StrokeStyle::solid(Rgba::hex(0x6f93aa), 0.8),
            border: StrokeStyle::solid(Rgba::hex(0x9c9486), 0.7),
            focus_fill: Rgba::hex(0xf5c94c),
            focus_outline: StrokeStyle::solid(Rgba::hex(0x8a5a00), 1.6),
            hover_fill: Rgba::hex(0x1f6f9a).with_alpha(0.14),
            hover_outline: StrokeStyle::solid(Rgba::hex(0x1f6f9a), 1.6),
            selected_fill: Rgba::hex(0xb8322a).with_alpha(0.12),
            selected_outline: StrokeStyle::solid(Rgba::hex(0xb8322a), 2.2),
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
            node_font: Font {
                size: 11.0,
                weight: 600,
            },
            small_font: Font {
                size: 10.5,
                weight: 500,
            },
        }
    }
}

/// Line width of overlay routes, in CSS pixels; routes inside Kazakhstan
/// are drawn wider so the country's share of each corridor stands out.
pub const ROUTE_WIDTH: f64 = 2.4;
pub const ROUTE_WIDTH_IN_FOCUS: f64 = 3.6;

/// Colours of the overlay layers.
pub mod overlay {
    use super::Rgba;
    pub const RAIL: Rgba = Rgba::hex(0xb3261e);
    pub const ROAD: Rgba = Rgba::hex(0xc2410c);
    pub const SEA: Rgba = Rgba::hex(0x1d5fa8);
    pub const OIL: Rgba = Rgba::hex(0x27272a);
    pub const GAS: Rgba = Rgba::hex(0x0f766e);
    pub const CABLE: Rgba = Rgba::hex(0x7c3aed);
    pub const POWER: Rgba = Rgba::hex(0xc026d3);
    pub const DIPLOMACY: Rgba = Rgba::hex(0x4338ca);
    pub const CASING: Rgba = Rgba {
        r: 255,
        g: 255,
        b: 255,
        a: 0.85,
    };
    /// Blue glow: it must show on Kazakhstan's gold as well as on beige land.
    pub const HALO: Rgba = Rgba {
        r: 31,
        g: 111,
        b: 154,
        a: 0.5,
    };
    pub const NODE_FILL: Rgba = Rgba::hex(0xffffff);
    pub const NODE_STROKE: Rgba = Rgba::hex(0x1d2a33);
    pub const NODE_FILL_IN_FOCUS: Rgba = Rgba::hex(0xf5c94c);
    pub const NODE_STROKE_IN_FOCUS: Rgba = Rgba::hex(0x4a3000);
}

/// The colour of a leg mode.
pub fn mode_color(mode: Mode) -> Rgba {
    use overlay::*;
    match mode {
        Mode::Rail => RAIL,
        Mode::Road => ROAD,
        Mode::Sea => SEA,
        Mode::Oil => OIL,
        Mode::Gas => GAS,
        Mode::Cable => CABLE,
        Mode::Power => POWER,
    }
}

/// How a corridor leg is stroked: colour by mode; sea legs dotted;
/// indicative legs dashed; planned links long-dashed.
///
/// ```
/// use bridge_map::{overlay::Mode, style::leg_stroke};
/// assert!(!leg_stroke(Mode::Rail, false, false, false).is_dashed());
/// assert!(leg_stroke(Mode::Rail, true, false, false).is_dashed());
/// assert!(leg_stroke(Mode::Rail, false, false, true).width > leg_stroke(Mode::Rail, false, false, false).width);
/// ```
pub fn leg_stroke(mode: Mode, indicative: bool, plan: bool, in_focus: bool) -> StrokeStyle {
    let width = if in_focus {
        ROUTE_WIDTH_IN_FOCUS
    } else {
        ROUTE_WIDTH
    };
    let color = mode_color(mode);
    if plan {
        StrokeStyle::dashed(color, width, 10.0, 6.0)
    } else if mode == Mode::Sea {
        StrokeStyle::dashed(color, width, 2.0, 5.0)
    } else if indicative {
        StrokeStyle::dashed(color, width, 7.0, 5.0)
    } else {
        StrokeStyle::solid(color, width)
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::light()
    }
}
