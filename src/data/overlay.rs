//! The bridge overlay's data model: corridors, nodes, diplomacy events and
//! the tour, with the errors bad data produces.
//!
//! Content lives in `data/bridge.json` (documented in `data/BRIDGE.md`), not
//! in code. [`Overlay::from_json`] turns a [`crate::data::json::Json`] tree into these types via
//! [`crate::data::validate`], which reports *every* problem with its path
//! (`features[3].paths[0][2].lat: latitude outside −90…90`) so a web team
//! passing its own data sees all that is wrong at once. The map keeps its
//! basemap whatever the overlay's fate.

use crate::data::topology::{Lang, Names};
use crate::geo::coords::LonLat;
use std::fmt;

/// The data format tag and version this build reads.
pub const FORMAT: &str = "bridge-map/overlay";
/// The overlay format version this build reads.
pub const VERSION: f64 = 1.0;

/// At most this many items in one list or table of overlay data: room for
/// 100 times the shipped 52 features, the largest overlay the benchmark
/// measures (issue 10's scaling). A longer one is refused before it is
/// read: the map applied 1,000 features in 0.2 s and 10,000 in 2.3 s, and
/// a route of 1,000,000 points never finished.
pub const MAX_ITEMS: usize = 6000;
/// At most this many route points in all: room for 100 times the shipped
/// data's 156. Each is drawn, culled and animated; 10,000 took 0.3 s to
/// apply, 100,000 took 2.4 s, and ten frames after them 4.4 s.
pub const MAX_POINTS: usize = 20_000;
/// At most this many bytes (UTF-8) in one text: the shipped data's longest
/// has 1,383 (756 characters of Russian), and a name of 1 MB took 0.6 s to
/// draw as a label, every frame. Bytes, not characters: counting those
/// would cost the wasm a second string scan.
pub const MAX_TEXT: usize = 10_000;
/// At most this many levels of nesting in a page's data object (the
/// format needs 6): a deeper or cyclic object is refused before it is
/// walked, instead of overflowing the wasm stack.
pub const MAX_DEPTH: usize = 32;

/// Why one value in the overlay data is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// A required field is absent.
    Missing,
    /// The value has the wrong JSON type.
    WrongType {
        /// The type the format asks for.
        expected: &'static str,
        /// The type found.
        found: &'static str,
    },
    /// The `format` tag is not `bridge-map/overlay`.
    UnknownFormat,
    /// The `version` is not one this build reads.
    UnsupportedVersion,
    /// An id is not lowercase letters, digits and hyphens.
    BadId,
    /// Two features, sources or tour steps share an id.
    DuplicateId,
    /// The value is not one of the allowed words.
    NotOneOf(&'static [&'static str]),
    /// A text is empty.
    Empty,
    /// A longitude outside −180…180.
    LonOutOfRange,
    /// A latitude outside −90…90.
    LatOutOfRange,
    /// A path has fewer than two points.
    TooFewPoints,
    /// A point that has a next point does not say the leg's mode.
    MissingLegMode,
    /// The last point of a path says a leg mode, but no leg follows it.
    ModeOnLastPoint,
    /// A source id that the `sources` table does not define.
    UnknownSource,
    /// A feature id that does not exist, or is not of the required kind.
    UnknownFeature,
    /// A feature lists no sources.
    NoSources,
    /// A year is missing, not a 4-digit year, or outside 1900–2100; or a
    /// figure's period is not one of the forms the element can format.
    BadYear,
    /// A date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    BadDate,
    /// A URL is not http(s).
    BadUrl,
    /// A country code is not three capital letters.
    BadCountry,
    /// A zoom level outside [`crate::geo::view::ZOOMS`].
    BadZoom,
    /// The tour has fewer than 6 or more than 10 steps.
    TourLength,
    /// A corridor declares no country that its route crosses.
    NoCountries,
    /// A leg travelled by sea declares a land surface.
    SeaLegOnLand,
    /// The `languages` list is empty or names a language twice.
    Languages,
    /// A URL points at a staging host or ends mid-word (a truncated link).
    SuspectUrl,
    /// A number is NaN or infinite (a page's own data object can hold them;
    /// JSON text cannot).
    NotFinite,
    /// A number that must be positive (a length) is zero or negative.
    NotPositive,
    /// A list or table has more than [`MAX_ITEMS`] items.
    TooMany,
    /// The routes have more than [`MAX_POINTS`] points in all; the path is
    /// the route where the count passes it.
    TooManyPoints,
    /// A text has more than [`MAX_TEXT`] bytes.
    TooLong,
    /// A text holds a control character or a bidirectional formatting one
    /// (U+202E and its kin), which could reverse or hide what it shows: the
    /// map's languages are all written left to right.
    ControlCharacter,
    /// A page's data object nests deeper than [`MAX_DEPTH`] (or refers to
    /// itself).
    TooDeep,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Missing => write!(f, "missing"),
            Reason::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            Reason::UnknownFormat => write!(f, "format must be \"{FORMAT}\""),
            Reason::UnsupportedVersion => {
                write!(f, "unsupported version (this build reads version 1)")
            }
            Reason::BadId => write!(f, "ids use lowercase letters, digits and hyphens"),
            Reason::DuplicateId => write!(f, "id used twice"),
            Reason::NotOneOf(words) => write!(f, "must be one of {}", words.join(", ")),
            Reason::Empty => write!(f, "empty text"),
            Reason::LonOutOfRange => write!(f, "longitude outside -180..180"),
            Reason::LatOutOfRange => write!(f, "latitude outside -90..90"),
            Reason::TooFewPoints => write!(f, "a path needs at least two points"),
            Reason::MissingLegMode => write!(f, "mode of the leg to the next point is missing"),
            Reason::ModeOnLastPoint => write!(f, "the last point of a path cannot have a leg mode"),
            Reason::UnknownSource => write!(f, "unknown source id"),
            Reason::UnknownFeature => write!(f, "unknown feature id"),
            Reason::NoSources => write!(f, "at least one source is required"),
            Reason::BadYear => write!(
                f,
                "needs a year 1900–2100; periods are 2024, 2022–2024, 2024-03, 2024-01/2024-11 or alternatives joined by \" / \""
            ),
            Reason::BadDate => write!(f, "dates are YYYY, YYYY-MM or YYYY-MM-DD"),
            Reason::BadUrl => write!(f, "URLs must start with http:// or https://"),
            Reason::BadCountry => write!(f, "country codes are three capital letters"),
            Reason::BadZoom => write!(f, "zoom must be between -2 and 12"),
            Reason::TourLength => write!(f, "the tour needs 6 to 10 steps"),
            Reason::NoCountries => write!(f, "list the countries the route crosses"),
            Reason::SeaLegOnLand => write!(f, "a sea leg cannot have surface \"land\""),
            Reason::Languages => write!(f, "list each language once, at least one"),
            Reason::SuspectUrl => {
                write!(f, "URL looks like a staging host or a truncated link")
            }
            Reason::NotFinite => write!(f, "must be a finite number"),
            Reason::NotPositive => write!(f, "must be greater than 0"),
            Reason::TooMany => write!(f, "more than {MAX_ITEMS} items"),
            Reason::TooManyPoints => write!(f, "more than {MAX_POINTS} route points in all"),
            Reason::TooLong => write!(f, "longer than {MAX_TEXT} bytes"),
            Reason::ControlCharacter => write!(f, "control or bidi character"),
            Reason::TooDeep => write!(f, "nested over {MAX_DEPTH} deep"),
        }
    }
}

/// One problem, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where, e.g. `features[3].paths[0][2].lat`.
    pub path: String,
    /// What is wrong there.
    pub reason: Reason,
}

/// All problems found in a piece of overlay data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OverlayError(pub Vec<Problem>);

impl fmt::Display for OverlayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SHOWN: usize = 8;
        let n = self.0.len();
        write!(
            f,
            "invalid overlay data ({n} problem{}): ",
            if n == 1 { "" } else { "s" }
        )?;
        for (i, p) in self.0.iter().take(SHOWN).enumerate() {
            let sep = if i == 0 { "" } else { "; " };
            write!(f, "{sep}{}: {}", p.path, p.reason)?;
        }
        if n > SHOWN {
            write!(f, "; and {} more", n - SHOWN)?;
        }
        Ok(())
    }
}

impl std::error::Error for OverlayError {}

macro_rules! words {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum $name { $(#[doc = concat!("`\"", $word, "\"` in the data.")] $variant),+ }
        impl $name {
            /// Every allowed word, as the data spells it.
            pub const WORDS: &'static [&'static str] = &[$($word),+];
            /// The value a data word names; `None` for any other word.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($word => Some(Self::$variant),)+ _ => None }
            }
            /// The word the data uses for this value.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $word),+ }
            }
        }
    };
}

words!(
    /// What a feature is: a line, a place, or a dated diplomatic event.
    Kind { Corridor = "corridor", Node = "node", Event = "event" }
);
words!(
    /// The toggleable layers.
    Layer { Trade = "trade", Energy = "energy", Diplomacy = "diplomacy", Plans = "plans" }
);
words!(
    /// How one leg of a corridor is travelled.
    Mode { Rail = "rail", Road = "road", Sea = "sea", Oil = "oil", Gas = "gas", Cable = "cable", Power = "power" }
);
words!(
    /// A corridor's main mode.
    MainMode { Rail = "rail", Road = "road", Multimodal = "multimodal", Oil = "oil", Gas = "gas", Cable = "cable", Power = "power" }
);
words!(
    /// Whether a corridor exists yet.
    Status { Operating = "operating", Plan = "plan", UnderConstruction = "under-construction" }
);
words!(
    /// What a leg runs over: land (rail, road, pipeline on shore) or sea
    /// (ferries, tankers, subsea cables). The geography test holds each leg
    /// to it.
    LegSurface { Land = "land", Sea = "sea" }
);
words!(
    /// Coordinate quality from the reference: verified, proxy, approximate.
    Quality { Verified = "V", Proxy = "P", Approximate = "A" }
);
words!(
    /// Whether a source puts a point on the route, or it only follows geography.
    Routing { Documented = "doc", Indicative = "ind" }
);
words!(
    /// What a node is.
    NodeType { Border = "border", Seaport = "seaport", Dryport = "dryport", Hub = "hub", Field = "field", Terminal = "terminal" }
);
words!(
    /// What a diplomatic event is.
    EventType { Platform = "platform", Talks = "talks", Visit = "visit", Summit = "summit", Conference = "conference", Example = "example" }
);

impl MainMode {
    /// The leg mode whose colour stands for the whole corridor (its flow
    /// particles). Every main mode is named, so a new one must choose.
    pub fn leg_mode(self) -> Mode {
        match self {
            MainMode::Rail => Mode::Rail,
            MainMode::Road => Mode::Road,
            // Multimodal corridors are rail-led with sea links: rail colour.
            MainMode::Multimodal => Mode::Rail,
            MainMode::Oil => Mode::Oil,
            MainMode::Gas => Mode::Gas,
            MainMode::Cable => Mode::Cable,
            MainMode::Power => Mode::Power,
        }
    }
}

/// A cited source.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The id other entries cite it by.
    pub id: String,
    /// The title as published.
    pub title: String,
    /// Where to read it (http or https).
    pub url: String,
    /// The year it was published.
    pub year: i32,
}

/// A figure with the period it refers to and its sources.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// What is measured.
    pub label: Names,
    /// The value, written out per language.
    pub value: Names,
    /// The period the value refers to.
    pub year: String,
    /// Ids of the sources that give it.
    pub sources: Vec<String>,
}

/// One point of a corridor path.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPoint {
    /// Where the point is.
    pub at: LonLat,
    /// How sure its position is.
    pub quality: Quality,
    /// Whether a source puts it on the route.
    pub routing: Routing,
    /// A place name for the point, if any.
    pub label: Option<String>,
    /// The id of the node feature at this point, if any.
    pub node: Option<String>,
    /// Mode of the leg to the next point (`None` on the last point).
    pub mode: Option<Mode>,
    /// What the leg to the next point runs over (`None` on the last point):
    /// `sea` for sea legs, else `land` unless the data says `sea` (a subsea
    /// cable).
    pub surface: Option<LegSurface>,
}

impl PathPoint {
    /// Whether the leg from this point to `next` is indicative (drawn
    /// dashed): either end is only there to follow geography.
    pub fn indicative_leg(&self, next: &PathPoint) -> bool {
        self.routing == Routing::Indicative || next.routing == Routing::Indicative
    }

    /// Whether `other` is drawn the same: everything but the place name,
    /// which only the data checks read (an outline leaves it out).
    pub fn draws_like(&self, other: &PathPoint) -> bool {
        self.at == other.at
            && self.quality == other.quality
            && self.routing == other.routing
            && self.node == other.node
            && self.mode == other.mode
            && self.surface == other.surface
    }
}

/// What differs between kinds of feature.
#[derive(Clone, Debug, PartialEq)]
pub enum Body {
    /// A transport or energy route.
    Corridor {
        /// Whether it runs yet.
        status: Status,
        /// Its main mode.
        mode: MainMode,
        /// Its length in km, when a source gives one.
        length_km: Option<f64>,
        /// ISO 3166-1 alpha-3 codes of every country the real route crosses.
        countries: Vec<String>,
        /// Its branches, each a list of points.
        paths: Vec<Vec<PathPoint>>,
    },
    /// A place on the routes.
    Node {
        /// Where it is.
        at: LonLat,
        /// How sure its position is.
        quality: Quality,
        /// What kind of place it is.
        node_type: NodeType,
        /// The ISO 3166-1 alpha-3 code of its country.
        country: String,
    },
    /// A dated diplomatic event.
    Event {
        /// Where it took place.
        at: LonLat,
        /// How sure its position is.
        quality: Quality,
        /// When it began: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
        date: String,
        /// When it ended, if it spanned days.
        date_end: Option<String>,
        /// What kind of event it is.
        event_type: EventType,
        /// Where a link to it comes from, with that place's name.
        arc_from: Option<(LonLat, Option<String>)>,
    },
}

impl Body {
    /// Whether `other` is drawn the same (see [`PathPoint::draws_like`]).
    pub fn draws_like(&self, other: &Body) -> bool {
        match (self, other) {
            (
                Body::Corridor {
                    status,
                    mode,
                    length_km,
                    countries,
                    paths,
                },
                Body::Corridor {
                    status: s,
                    mode: m,
                    length_km: l,
                    countries: c,
                    paths: p,
                },
            ) => {
                status == s
                    && mode == m
                    && length_km == l
                    && countries == c
                    && paths.len() == p.len()
                    && paths.iter().zip(p).all(|(a, b)| {
                        a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.draws_like(y))
                    })
            }
            _ => self == other,
        }
    }
}

/// A corridor, node or event.
#[derive(Clone, Debug, PartialEq)]
pub struct Feature {
    /// Unique id: lowercase letters, digits and hyphens.
    pub id: String,
    /// Corridor, node or event.
    pub kind: Kind,
    /// The layer that shows it.
    pub layer: Layer,
    /// Its name per language.
    pub name: Names,
    /// One or two sentences per language.
    pub summary: Names,
    /// Ids of the sources behind it.
    pub sources: Vec<String>,
    /// Figures with their periods and sources.
    pub figures: Vec<Figure>,
    /// What only its kind has.
    pub body: Body,
}

impl Feature {
    /// The feature's point, for nodes and events.
    pub fn point(&self) -> Option<LonLat> {
        match &self.body {
            Body::Node { at, .. } | Body::Event { at, .. } => Some(*at),
            Body::Corridor { .. } => None,
        }
    }
}

/// One step of the guided tour.
#[derive(Clone, Debug, PartialEq)]
pub struct TourStep {
    /// Unique id of the step.
    pub id: String,
    /// The step's title per language.
    pub title: Names,
    /// The step's text per language.
    pub text: Names,
    /// Where the map looks.
    pub center: LonLat,
    /// How close.
    pub zoom: f64,
    /// The layers the step shows.
    pub layers: Vec<Layer>,
    /// Ids of the features this step highlights (`focus` in the data).
    pub highlights: Vec<String>,
}

/// Validated overlay data.
#[derive(Clone, Debug, PartialEq)]
pub struct Overlay {
    /// The languages the data carries (its `languages` list, else all
    /// three), first the one that stands in for the others.
    pub languages: Vec<Lang>,
    /// An outline: the data leaves out what only an open feature shows
    /// (summaries, figures, sources), which a second download brings.
    pub outline: bool,
    /// Every cited source.
    pub sources: Vec<Source>,
    /// Corridors, nodes and events, in data order.
    pub features: Vec<Feature>,
    /// The guided tour, in order.
    pub tour: Vec<TourStep>,
}

impl Overlay {
    /// The feature with this id.
    pub fn feature(&self, id: &str) -> Option<&Feature> {
        self.features.iter().find(|f| f.id == id)
    }

    /// Whether `other` draws the same picture: the same features, in the
    /// same order, with the same kinds, layers, names and geometry. Their
    /// summaries, figures, sources and tour texts may differ, since none of
    /// those is drawn on the map: so the outline of a language and its full
    /// pack draw alike, and swapping one for the other need not redraw.
    pub fn draws_like(&self, other: &Overlay) -> bool {
        self.features.len() == other.features.len()
            && self.features.iter().zip(&other.features).all(|(a, b)| {
                a.id == b.id
                    && a.kind == b.kind
                    && a.layer == b.layer
                    && a.name == b.name
                    && a.body.draws_like(&b.body)
            })
    }

    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Indices of the features tour step `step` (0-based) highlights, in
    /// the step's order; empty for a step that does not exist.
    pub fn step_highlights(&self, step: usize) -> Vec<usize> {
        self.tour.get(step).map_or_else(Vec::new, |s| {
            s.highlights
                .iter()
                .filter_map(|id| self.features.iter().position(|f| &f.id == id))
                .collect()
        })
    }
}
