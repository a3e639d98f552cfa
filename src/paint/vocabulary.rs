//! The map's vocabulary, gathered for the JS shell: layers, modes, kinds,
//! languages, themes, event names, flow-animation states, the palette of
//! both themes, the font stack and the layout breakpoints.
//!
//! Each word keeps its one home in the core (the word enums in
//! [`crate::data::overlay`], [`Lang`], [`Style`], [`FONT_FAMILIES`], [`NARROW_PX`],
//! [`COMPACT_WIDTH_PX`]);
//! this module only collects them into one serialisable value. The shell
//! never writes its own copy: `tests/vocabulary.rs` writes
//! `www/bridge-map-vocabulary.js` from [`Vocabulary::current`] and fails when
//! the committed file differs, and the JS modules import it.
//!
//! Exhaustive destructuring below means a new colour or word in the core
//! does not compile until it is handed on here too.

use crate::data::export::Format;
use crate::data::overlay::{EventType, Kind, Layer, MainMode, Mode, NodeType, Status};
use crate::data::topology::Lang;
use crate::geo::view::NARROW_PX;
use crate::paint::style::{RoutePalette, Style};
use crate::paint::surface::{Rgba, StrokeStyle, FONT_FAMILIES};
use serde::Serialize;
use std::collections::BTreeMap;

/// The events `<bridge-map>` fires, in the order the README lists them.
pub const EVENTS: &[&str] = &[
    "viewchange",
    "select",
    "tourstep",
    "layerschange",
    "dataerror",
    "error",
];

/// Events the core sends only to the shell, which does not re-dispatch them:
/// the first frame is drawn, the pointer moved onto a feature, an embedded
/// map left a gesture to the page, the flow animation started, paused or
/// stopped (detail: one of [`FLOW_STATES`]).
pub const SHELL_EVENTS: &[&str] = &["ready", "hover", "hint", "flow"];

/// What the flow animation does (`el.flow`), in the order of
/// `app::flow::FlowState`: the dots move, hold still, or there are none.
pub const FLOW_STATES: &[&str] = &["playing", "paused", "off"];

/// A map at most this wide (CSS px) is *compact*: its legend starts as one
/// button, its tour card shows the step's title and buttons with the text
/// on demand, and its attribution is an ⓘ button. Measured on the element
/// itself, not the window, so a sidebar map on a desktop page is compact.
pub const COMPACT_WIDTH_PX: f64 = 480.0;

/// A map at most this high (CSS px) is compact too, however wide: an
/// article map 360 px high has no room for an open legend.
pub const COMPACT_HEIGHT_PX: f64 = 420.0;

/// The values of the element's `theme` attribute.
pub const THEMES: &[&str] = &["light", "dark", "auto"];

/// Everything the shell needs to speak the core's language.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Vocabulary {
    /// Language tags, in menu order (`kk-Latn` among them).
    pub languages: Vec<&'static str>,
    /// The languages the data is written in: the overlay's text objects
    /// and language packs have exactly these.
    pub data_languages: &'static [&'static str],
    /// For each language, the stored language whose texts (and overlay
    /// pack) it reads: `kk-Latn` reads `kk`, through the core's
    /// transliteration.
    pub data_language: BTreeMap<&'static str, &'static str>,
    /// Overlay layers, in legend order.
    pub layers: &'static [&'static str],
    /// Kinds of overlay feature (countries are `"country"` besides these).
    pub kinds: &'static [&'static str],
    /// Modes of one leg.
    pub modes: &'static [&'static str],
    /// A corridor's main mode.
    pub main_modes: &'static [&'static str],
    /// Corridor statuses.
    pub statuses: &'static [&'static str],
    /// Node types.
    pub node_types: &'static [&'static str],
    /// Diplomatic event types.
    pub event_types: &'static [&'static str],
    /// Themes of the `theme` attribute.
    pub themes: &'static [&'static str],
    /// Events the element fires.
    pub events: &'static [&'static str],
    /// Events the core sends the shell only.
    pub shell_events: &'static [&'static str],
    /// States of the flow animation (`el.flow`).
    pub flow_states: &'static [&'static str],
    /// The formats `el.exportData` writes (`data::export::Format`).
    pub export_formats: &'static [&'static str],
    /// CSS font families of every map and panel text.
    pub font_families: &'static str,
    /// Below this width (CSS px) the map uses its narrow layout.
    pub narrow_px: f64,
    /// At most this wide (CSS px), the map is compact ([`COMPACT_WIDTH_PX`]).
    pub compact_width_px: f64,
    /// At most this high (CSS px), the map is compact ([`COMPACT_HEIGHT_PX`]).
    pub compact_height_px: f64,
    /// Colours by theme (`light`, `dark`), then by name, as CSS colours.
    pub palette: BTreeMap<&'static str, BTreeMap<&'static str, String>>,
}

impl Vocabulary {
    /// The vocabulary of this build.
    ///
    /// ```
    /// let v = bridge_map::paint::vocabulary::Vocabulary::current();
    /// assert_eq!(v.layers, ["trade", "energy", "diplomacy", "plans"]);
    /// assert_eq!(v.palette["light"]["kazakhstan-fill"], "#f5c94c");
    /// ```
    pub fn current() -> Vocabulary {
        Vocabulary {
            languages: Lang::ALL.iter().map(|l| l.as_str()).collect(),
            data_languages: Lang::STORED_WORDS,
            data_language: Lang::ALL
                .iter()
                .map(|l| (l.as_str(), l.stored().as_str()))
                .collect(),
            layers: Layer::WORDS,
            kinds: Kind::WORDS,
            modes: Mode::WORDS,
            main_modes: MainMode::WORDS,
            statuses: Status::WORDS,
            node_types: NodeType::WORDS,
            event_types: EventType::WORDS,
            themes: THEMES,
            events: EVENTS,
            shell_events: SHELL_EVENTS,
            flow_states: FLOW_STATES,
            export_formats: Format::WORDS,
            font_families: FONT_FAMILIES,
            narrow_px: NARROW_PX,
            compact_width_px: COMPACT_WIDTH_PX,
            compact_height_px: COMPACT_HEIGHT_PX,
            palette: BTreeMap::from([
                ("light", palette(&Style::light())),
                ("dark", palette(&Style::dark())),
            ]),
        }
    }
}

/// A colour as CSS writes it: `#rrggbb` when opaque, else `rgba(…)`.
fn css(c: Rgba) -> String {
    if c.a >= 1.0 {
        format!("#{:02x}{:02x}{:02x}", c.r, c.g, c.b)
    } else {
        c.css()
    }
}

/// Every colour of a style, named in CSS custom-property style.
fn palette(s: &Style) -> BTreeMap<&'static str, String> {
    let Style {
        water,
        graticule,
        land,
        coast,
        border,
        kazakhstan_fill,
        kazakhstan_outline,
        hover_fill,
        hover_outline,
        selected_fill,
        selected_outline,
        label,
        kazakhstan_label,
        halo,
        kazakhstan_font: _,
        neighbour_font: _,
        country_font: _,
        small_font: _,
        node_font: _,
        water_label,
        water_font: _,
        routes,
    } = s;
    let RoutePalette {
        rail,
        road,
        sea,
        oil,
        gas,
        cable,
        power,
        diplomacy,
        casing,
        halo: route_halo,
        node_fill,
        node_stroke,
        node_fill_in_kazakhstan,
        node_stroke_in_kazakhstan,
        event_stroke,
        particle,
    } = routes;
    let stroke = |s: &StrokeStyle| css(s.color);
    BTreeMap::from([
        ("water", css(*water)),
        ("graticule", stroke(graticule)),
        ("land", css(*land)),
        ("coast", stroke(coast)),
        ("border", stroke(border)),
        ("kazakhstan-fill", css(*kazakhstan_fill)),
        ("kazakhstan-outline", stroke(kazakhstan_outline)),
        ("hover-fill", css(*hover_fill)),
        ("hover-outline", stroke(hover_outline)),
        ("selected-fill", css(*selected_fill)),
        ("selected-outline", stroke(selected_outline)),
        ("label", css(*label)),
        ("kazakhstan-label", css(*kazakhstan_label)),
        ("halo", css(*halo)),
        ("water-label", css(*water_label)),
        ("rail", css(*rail)),
        ("road", css(*road)),
        ("sea", css(*sea)),
        ("oil", css(*oil)),
        ("gas", css(*gas)),
        ("cable", css(*cable)),
        ("power", css(*power)),
        ("diplomacy", css(*diplomacy)),
        ("casing", css(*casing)),
        ("route-halo", css(*route_halo)),
        ("node-fill", css(*node_fill)),
        ("node-stroke", css(*node_stroke)),
        ("node-fill-in-kazakhstan", css(*node_fill_in_kazakhstan)),
        ("node-stroke-in-kazakhstan", css(*node_stroke_in_kazakhstan)),
        ("event-stroke", css(*event_stroke)),
        ("particle", css(*particle)),
    ])
}
