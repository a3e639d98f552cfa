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
/// Line width of routes inside Kazakhstan, in CSS pixels.
pub const ROUTE_WIDTH_IN_KAZAKHSTAN: f64 = 3.6;

/// Colours of the overlay.
#[derive(Clone, Debug, PartialEq)]
pub struct RoutePalette {
    /// Rail legs.
    pub rail: Rgba,
    /// Road legs.
    pub road: Rgba,
    /// Sea legs.
    pub sea: Rgba,
    /// Oil pipelines.
    pub oil: Rgba,
    /// Gas pipelines.
    pub gas: Rgba,
    /// Data cables.
    pub cable: Rgba,
    /// Power lines.
    pub power: Rgba,
    /// Diplomatic events and their links.
    pub diplomacy: Rgba,
    /// Under every solid route, so it reads on any fill.
    pub casing: Rgba,
    /// The glow of a selected, hovered or tour-highlighted feature; it must show on
    /// Kazakhstan's gold as well as on the land.
    pub halo: Rgba,
    /// Node markers.
    pub node_fill: Rgba,
    /// Node marker outlines.
    pub node_stroke: Rgba,
    /// Node markers in Kazakhstan.
    pub node_fill_in_kazakhstan: Rgba,
    /// Node marker outlines in Kazakhstan.
    pub node_stroke_in_kazakhstan: Rgba,
    /// Event marker outlines.
    pub event_stroke: Rgba,
    /// The fill of flow particles (their outline takes the route's colour).
    pub particle: Rgba,
}

/// Every colour and width the renderer uses.
#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// The sea, and the background.
    pub water: Rgba,
    /// Meridians and parallels.
    pub graticule: StrokeStyle,
    /// Every country but Kazakhstan.
    pub land: Rgba,
    /// Coastlines.
    pub coast: StrokeStyle,
    /// Land borders.
    pub border: StrokeStyle,
    /// Kazakhstan's fill: the one saturated fill on the basemap.
    pub kazakhstan_fill: Rgba,
    /// Kazakhstan's outline.
    pub kazakhstan_outline: StrokeStyle,
    /// A hovered country's fill.
    pub hover_fill: Rgba,
    /// A hovered country's outline.
    pub hover_outline: StrokeStyle,
    /// The selected country's fill.
    pub selected_fill: Rgba,
    /// The selected country's outline.
    pub selected_outline: StrokeStyle,
    /// Country and node labels.
    pub label: Rgba,
    /// Kazakhstan's label.
    pub kazakhstan_label: Rgba,
    /// The halo behind every label.
    pub halo: Rgba,
    /// Kazakhstan's label face.
    pub kazakhstan_font: Font,
    /// The face of Kazakhstan's neighbours' labels.
    pub neighbour_font: Font,
    /// The face of large countries' labels.
    pub country_font: Font,
    /// The face of small countries' labels.
    pub small_font: Font,
    /// The face of node labels.
    pub node_font: Font,
    /// The names of seas and lakes.
    pub water_label: Rgba,
    /// Their face.
    pub water_font: Font,
    /// The overlay's colours.
    pub routes: RoutePalette,
}

/// Width in CSS pixels of the basemap's thin lines (coasts, borders, the
/// graticule): one device pixel at a device pixel ratio of 2.
///
/// A line at most one device pixel wide is a *hairline* to the canvas:
/// Skia draws it directly, its alpha scaled by its width, instead of
/// outlining the stroke and filling the outline. In software raster at
/// 2560×1600 that made the basemap's coasts and borders about 45 ms
/// cheaper (0.8 and 0.7 px strokes: 76 ms a render; hairlines: 31 ms).
/// The colours of these lines were darkened to keep the ink of the wider
/// strokes they replace (width × contrast with the ground they lie on), so
/// the map reads as before, only crisper, at any pixel ratio.
pub const HAIRLINE: f64 = 0.5;

const FONTS: (Font, Font, Font, Font, Font, Font) = (
    Font {
        size: 17.0,
        weight: 700,
        italic: false,
    },
    Font {
        size: 12.5,
        weight: 600,
        italic: false,
    },
    Font {
        size: 12.0,
        weight: 500,
        italic: false,
    },
    Font {
        size: 10.5,
        weight: 500,
        italic: false,
    },
    Font {
        size: 11.0,
        weight: 600,
        italic: false,
    },
    Font {
        size: 12.5,
        weight: 500,
        italic: true,
    },
);

impl Style {
    /// The day palette: cool water, neutral land, Kazakhstan in gold.
    pub fn light() -> Style {
        let (kazakhstan_font, neighbour_font, country_font, small_font, node_font, water_font) =
            FONTS;
        Style {
            water: Rgba::hex(0xcfe3ee),
            graticule: StrokeStyle::solid(Rgba::hex(0x5b87a3).with_alpha(0.18), 0.6),
            land: Rgba::hex(0xf6f2e9),
            coast: StrokeStyle::solid(Rgba::hex(0x356381), HAIRLINE).flat(),
            border: StrokeStyle::solid(Rgba::hex(0x786e5e), HAIRLINE).flat(),
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
            water_label: Rgba::hex(0x2b5f82),
            water_font,
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
        let (kazakhstan_font, neighbour_font, country_font, small_font, node_font, water_font) =
            FONTS;
        Style {
            water: Rgba::hex(0x0e1c29),
            graticule: StrokeStyle::solid(Rgba::hex(0x8fb4cc).with_alpha(0.12), 0.6),
            land: Rgba::hex(0x2a333b),
            coast: StrokeStyle::solid(Rgba::hex(0x8bc6ec), HAIRLINE).flat(),
            border: StrokeStyle::solid(Rgba::hex(0x7e8a93), HAIRLINE).flat(),
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
            water_label: Rgba::hex(0x8fc3e6),
            water_font,
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
