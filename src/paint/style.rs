//! Colours, line widths and fonts: the map's look in one place.
//!
//! Two palettes, light and dark. Each keeps water cool and land neutral so
//! Kazakhstan's gold is the one saturated fill on the basemap; route colours
//! are chosen per palette so every mode stays distinct against the land.
//! Label colours with their halo reach WCAG AA contrast on the land colour.

use crate::data::overlay::Mode;
use crate::paint::surface::{Font, Rgba, StrokeStyle};

/// Line width of overlay routes, in CSS pixels; routes inside Kazakhstan
/// are drawn wider so the country's share of each corridor stands out.
pub const ROUTE_WIDTH: f64 = 2.4;
pub const ROUTE_WIDTH_IN_KAZAKHSTAN: f64 = 3.6;

/// Colours of the overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutePalette {
    pub rail: Rgba,
    pub road: Rgba,
    pub sea: Rgba,
    pub oil: Rgba,
    pub gas: Rgba,
    pub cable: Rgba,
    pub power: Rgba,
    pub diplomacy: Rgba,
    /// Under every solid route, so it reads on any fill.
    pub casing: Rgba,
    /// The glow of a selected, hovered or tour-highlighted feature; it must show on
    /// Kazakhstan's gold as well as on the land.
    pub halo: Rgba,
    pub node_fill: Rgba,
    pub node_stroke: Rgba,
    pub node_fill_in_kazakhstan: Rgba,
    pub node_stroke_in_kazakhstan: Rgba,
    pub event_stroke: Rgba,
    pub particle: Rgba,
}

/// Every colour and width the renderer uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub water: Rgba,
    pub graticule: StrokeStyle,
    pub land: Rgba,
    pub coast: StrokeStyle,
    pub border: StrokeStyle,
    pub kazakhstan_fill: Rgba,
    pub kazakhstan_outline: StrokeStyle,
    pub hover_fill: Rgba,
    pub hover_outline: StrokeStyle,
    pub selected_fill: Rgba,
    pub selected_outline: StrokeStyle,
    pub label: Rgba,
    pub kazakhstan_label: Rgba,
    pub halo: Rgba,
    pub kazakhstan_font: Font,
    pub neighbour_font: Font,
    pub country_font: Font,
    pub small_font: Font,
    pub node_font: Font,
    pub routes: RoutePalette,
}

const FONTS: (Font, Font, Font, Font, Font) = (
    Font {
        size: 17.0,
        weight: 700,
    },
    Font {
        size: 12.5,
        weight: 600,
    },
    Font {
        size: 12.0,
        weight: 500,
    },
    Font {
        size: 10.5,
        weight: 500,
    },
    Font {
        size: 11.0,
        weight: 600,
    },
);

impl Style {
    pub fn light() -> Style {
        let (kazakhstan_font, neighbour_font, country_font, small_font, node_font) = FONTS;
        Style {
            water: Rgba::hex(0xcfe3ee),
            graticule: StrokeStyle::solid(Rgba::hex(0x5b87a3).with_alpha(0.18), 0.6),
            land: Rgba::hex(0xf6f2e9),
            coast: StrokeStyle::solid(Rgba::hex(0x6f93aa), 0.8),
            border: StrokeStyle::solid(Rgba::hex(0x9c9486), 0.7),
            kazakhstan_fill: Rgba::hex(0xf5c94c),
            kazakhstan_outline: StrokeStyle::solid(Rgba::hex(0x8a5a00), 1.6),
            hover_fill: Rgba::hex(0x1f6f9a).with_alpha(0.14),
            hover_outline: StrokeStyle::solid(Rgba::hex(0x1f6f9a), 1.6),
            selected_fill: Rgba::hex(0xb8322a).with_alpha(0.12),
            selected_outline: StrokeStyle::solid(Rgba::hex(0xb8322a), 2.2),
            label: Rgba::hex(0x44505a),
            kazakhstan_label: Rgba::hex(0x4a3000),
            halo: Rgba::hex(0xffffff).with_alpha(0.85),
            kazakhstan_font,
            neighbour_font,
            country_font,
            small_font,
            node_font,
            routes: RoutePalette {
                rail: Rgba::hex(0xb3261e),
                road: Rgba::hex(0xc2410c),
                sea: Rgba::hex(0x1d5fa8),
                oil: Rgba::hex(0x27272a),
                gas: Rgba::hex(0x0f766e),
                cable: Rgba::hex(0x7c3aed),
                power: Rgba::hex(0xc026d3),
                diplomacy: Rgba::hex(0x4338ca),
                casing: Rgba::hex(0xffffff).with_alpha(0.85),
                halo: Rgba::hex(0x1f6f9a).with_alpha(0.5),
                node_fill: Rgba::hex(0xffffff),
                node_stroke: Rgba::hex(0x1d2a33),
                node_fill_in_kazakhstan: Rgba::hex(0xf5c94c),
                node_stroke_in_kazakhstan: Rgba::hex(0x4a3000),
                event_stroke: Rgba::hex(0xffffff),
                particle: Rgba::hex(0xffffff),
            },
        }
    }

    /// The night palette: dark water, slate land, brighter routes.
    pub fn dark() -> Style {
        let (kazakhstan_font, neighbour_font, country_font, small_font, node_font) = FONTS;
        Style {
            water: Rgba::hex(0x0e1c29),
            graticule: StrokeStyle::solid(Rgba::hex(0x8fb4cc).with_alpha(0.12), 0.6),
            land: Rgba::hex(0x2a333b),
            coast: StrokeStyle::solid(Rgba::hex(0x5c86a3), 0.8),
            border: StrokeStyle::solid(Rgba::hex(0x66717a), 0.7),
            kazakhstan_fill: Rgba::hex(0xb8892a),
            kazakhstan_outline: StrokeStyle::solid(Rgba::hex(0xf5c94c), 1.6),
            hover_fill: Rgba::hex(0x7cc4ee).with_alpha(0.18),
            hover_outline: StrokeStyle::solid(Rgba::hex(0x7cc4ee), 1.6),
            selected_fill: Rgba::hex(0xff8a80).with_alpha(0.16),
            selected_outline: StrokeStyle::solid(Rgba::hex(0xff8a80), 2.2),
            label: Rgba::hex(0xdbe4ea),
            kazakhstan_label: Rgba::hex(0xfff3cf),
            halo: Rgba::hex(0x10181f).with_alpha(0.85),
            kazakhstan_font,
            neighbour_font,
            country_font,
            small_font,
            node_font,
            routes: RoutePalette {
                rail: Rgba::hex(0xff6b5e),
                road: Rgba::hex(0xffa24d),
                sea: Rgba::hex(0x62b3f5),
                oil: Rgba::hex(0xe4e4e7),
                gas: Rgba::hex(0x34d3bd),
                cable: Rgba::hex(0xb197fc),
                power: Rgba::hex(0xf08cf5),
                diplomacy: Rgba::hex(0x9aa5ff),
                casing: Rgba::hex(0x10181f).with_alpha(0.8),
                halo: Rgba::hex(0x7cc4ee).with_alpha(0.45),
                node_fill: Rgba::hex(0x1b242c),
                node_stroke: Rgba::hex(0xe6edf2),
                node_fill_in_kazakhstan: Rgba::hex(0xf5c94c),
                node_stroke_in_kazakhstan: Rgba::hex(0x10181f),
                event_stroke: Rgba::hex(0x10181f),
                particle: Rgba::hex(0x10181f),
            },
        }
    }

    /// The colour of a leg mode.
    pub fn mode_color(&self, mode: Mode) -> Rgba {
        let r = &self.routes;
        match mode {
            Mode::Rail => r.rail,
            Mode::Road => r.road,
            Mode::Sea => r.sea,
            Mode::Oil => r.oil,
            Mode::Gas => r.gas,
            Mode::Cable => r.cable,
            Mode::Power => r.power,
        }
    }

    /// How a corridor leg is stroked: colour by mode; sea legs dotted;
    /// indicative legs dashed; planned links long-dashed.
    ///
    /// ```
    /// use bridge_map::{data::overlay::Mode, paint::style::Style};
    /// let s = Style::light();
    /// assert!(!s.leg_stroke(Mode::Rail, false, false, false).is_dashed());
    /// assert!(s.leg_stroke(Mode::Rail, true, false, false).is_dashed());
    /// assert!(s.leg_stroke(Mode::Rail, false, false, true).width > s.leg_stroke(Mode::Rail, false, false, false).width);
    /// ```
    pub fn leg_stroke(
        &self,
        mode: Mode,
        indicative: bool,
        plan: bool,
        in_kazakhstan: bool,
    ) -> StrokeStyle {
        let width = if in_kazakhstan {
            ROUTE_WIDTH_IN_KAZAKHSTAN
        } else {
            ROUTE_WIDTH
        };
        let color = self.mode_color(mode);
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

    /// The dotted great-circle arc of a diplomatic link.
    pub fn diplomacy_stroke(&self) -> StrokeStyle {
        StrokeStyle::dashed(self.routes.diplomacy.with_alpha(0.8), 1.6, 1.0, 3.5)
    }
}

impl Default for Style {
    fn default() -> Self {
        Style::light()
    }
}
