//! What the host page is told about overlay features, in its language.
//!
//! These are plain serialisable views of the validated overlay: the list
//! behind `el.features(kind)`, the details behind the info panel, the tour
//! steps, and the legend's styles (so the DOM legend shows exactly the
//! strokes the canvas draws).

use crate::data::overlay::{Body, Kind, Mode, Overlay, Quality};
use crate::data::topology::Lang;
use crate::paint::style::Style;
use crate::paint::surface::StrokeStyle;
use crate::scene::basemap::Basemap;
use crate::scene::overlay_scene::OverlayScene;
use crate::scene::sort::sort_by;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// One entry of `el.features()`.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureInfo {
    /// `"corridor"`, `"node"` or `"event"`.
    pub kind: &'static str,
    /// The feature's id.
    pub id: String,
    /// Its name in the current language.
    pub name: String,
    /// The layer that shows it.
    pub layer: &'static str,
    /// Longitude of a node or event.
    pub lon: Option<f64>,
    /// Latitude of a node or event.
    pub lat: Option<f64>,
    /// A corridor's main mode.
    pub mode: Option<&'static str>,
    /// A corridor's status.
    pub status: Option<&'static str>,
    /// An event's date.
    pub date: Option<String>,
}

impl FeatureInfo {
    /// Writes the fields into an object being serialised: for the feature
    /// list and, first, for [`Details`]. By hand rather than derived because
    /// `#[serde(flatten)]` in `Details` made serde go through its map
    /// serialiser, a second copy of every field's code (about 1.2 KB of the
    /// gzipped wasm); the object is the same, keys in the same order.
    fn fields<M: SerializeStruct>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_field("kind", self.kind)?;
        m.serialize_field("id", &self.id)?;
        m.serialize_field("name", &self.name)?;
        m.serialize_field("layer", self.layer)?;
        // `None` is left out, not written as null.
        if let Some(lon) = self.lon {
            m.serialize_field("lon", &lon)?;
        }
        if let Some(lat) = self.lat {
            m.serialize_field("lat", &lat)?;
        }
        if let Some(mode) = self.mode {
            m.serialize_field("mode", mode)?;
        }
        if let Some(status) = self.status {
            m.serialize_field("status", status)?;
        }
        if let Some(date) = &self.date {
            m.serialize_field("date", date)?;
        }
        Ok(())
    }
}

impl Serialize for FeatureInfo {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("FeatureInfo", 9)?;
        self.fields(&mut m)?;
        m.end()
    }
}

/// A source as the info panel links it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceInfo {
    /// The source's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its address.
    pub url: String,
    /// Its year.
    pub year: i32,
}

/// A figure in the current language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FigureInfo {
    /// What is measured.
    pub label: String,
    /// The value.
    pub value: String,
    /// The period it refers to.
    pub year: String,
    /// The sources that give it.
    pub sources: Vec<SourceInfo>,
}

/// Everything the info panel shows about one feature: the feature list's
/// fields, then these (keys in camelCase).
#[derive(Clone, Debug, PartialEq)]
pub struct Details {
    /// The fields of the feature list.
    pub info: FeatureInfo,
    /// One or two sentences about it.
    pub summary: String,
    /// A corridor's length in km, sourced or measured.
    pub length_km: Option<f64>,
    /// True when `length_km` was measured along the drawn route, not sourced.
    pub length_measured: bool,
    /// Leg modes used, in order of first use.
    pub modes: Vec<&'static str>,
    /// True when some legs are indicative (drawn dashed).
    pub has_indicative_legs: bool,
    /// A node's type.
    pub node_type: Option<&'static str>,
    /// An event's type.
    pub event_type: Option<&'static str>,
    /// When an event ended.
    pub date_end: Option<String>,
    /// A node's country code.
    pub country: Option<String>,
    /// The node's country named in the current language (CLDR, from the
    /// basemap), so no raw ISO code reaches the reader.
    pub country_name: Option<String>,
    /// True when the marker stands at a nearby town rather than the exact
    /// site (quality `P` or `A`); the panel then says so in the reader's language.
    pub approximate_place: bool,
    /// Figures in the current language.
    pub figures: Vec<FigureInfo>,
    /// The feature's sources.
    pub sources: Vec<SourceInfo>,
}

impl Serialize for Details {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_struct("Details", 22)?;
        self.info.fields(&mut m)?;
        m.serialize_field("summary", &self.summary)?;
        if let Some(km) = self.length_km {
            m.serialize_field("lengthKm", &km)?;
        }
        m.serialize_field("lengthMeasured", &self.length_measured)?;
        m.serialize_field("modes", &self.modes)?;
        m.serialize_field("hasIndicativeLegs", &self.has_indicative_legs)?;
        if let Some(t) = self.node_type {
            m.serialize_field("nodeType", t)?;
        }
        if let Some(t) = self.event_type {
            m.serialize_field("eventType", t)?;
        }
        if let Some(d) = &self.date_end {
            m.serialize_field("dateEnd", d)?;
        }
        if let Some(c) = &self.country {
            m.serialize_field("country", c)?;
        }
        if let Some(n) = &self.country_name {
            m.serialize_field("countryName", n)?;
        }
        m.serialize_field("approximatePlace", &self.approximate_place)?;
        m.serialize_field("figures", &self.figures)?;
        m.serialize_field("sources", &self.sources)?;
        m.end()
    }
}

/// A tour step in the current language.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepInfo {
    /// The step's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its text.
    pub text: String,
    /// The layers it shows.
    pub layers: Vec<&'static str>,
}

/// One legend swatch: a stroke as CSS can draw it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendStroke {
    /// What the swatch stands for, e.g. `"rail"`.
    pub key: &'static str,
    /// CSS colour.
    pub color: String,
    /// Width in CSS pixels.
    pub width: f64,
    /// Dash and gap in CSS pixels; zeros for solid.
    pub dash: [f64; 2],
}

fn info(f: &crate::data::overlay::Feature, lang: Lang) -> FeatureInfo {
    let (lon, lat) = f
        .point()
        .map(|p| (Some(p.lon), Some(p.lat)))
        .unwrap_or((None, None));
    let (mode, status, date) = match &f.body {
        Body::Corridor { mode, status, .. } => (Some(mode.as_str()), Some(status.as_str()), None),
        Body::Event { date, .. } => (None, None, Some(date.clone())),
        Body::Node { .. } => (None, None, None),
    };
    FeatureInfo {
        kind: f.kind.as_str(),
        id: f.id.clone(),
        name: f.name.get(lang).into_owned(),
        layer: f.layer.as_str(),
        lon,
        lat,
        mode,
        status,
        date,
    }
}

/// All features, or those of one kind.
pub fn features(o: &Overlay, kind: Option<Kind>, lang: Lang) -> Vec<FeatureInfo> {
    o.features
        .iter()
        .filter(|f| kind.is_none_or(|k| f.kind == k))
        .map(|f| info(f, lang))
        .collect()
}

fn source(o: &Overlay, id: &str) -> Option<SourceInfo> {
    o.source(id).map(|s| SourceInfo {
        id: s.id.clone(),
        title: s.title.clone(),
        url: s.url.clone(),
        year: s.year,
    })
}

/// The info panel's content for one feature. Country names come from the
/// basemap's CLDR names.
pub fn details(scene: &OverlayScene, basemap: &Basemap, id: &str, lang: Lang) -> Option<Details> {
    let o = &scene.overlay;
    let (index, f) = o.features.iter().enumerate().find(|(_, f)| f.id == id)?;
    let mut d = Details {
        info: info(f, lang),
        summary: f.summary.get(lang).into_owned(),
        length_km: None,
        length_measured: false,
        modes: Vec::new(),
        has_indicative_legs: false,
        node_type: None,
        event_type: None,
        date_end: None,
        country: None,
        country_name: None,
        approximate_place: false,
        figures: f
            .figures
            .iter()
            .map(|g| FigureInfo {
                label: g.label.get(lang).into_owned(),
                value: g.value.get(lang).into_owned(),
                year: g.year.clone(),
                sources: g.sources.iter().filter_map(|s| source(o, s)).collect(),
            })
            .collect(),
        sources: f.sources.iter().filter_map(|s| source(o, s)).collect(),
    };
    match &f.body {
        Body::Corridor {
            length_km, paths, ..
        } => {
            d.length_km = *length_km;
            if d.length_km.is_none() {
                d.length_km = scene.measured_km(index).map(|k| k.round());
                d.length_measured = d.length_km.is_some();
            }
            for m in paths.iter().flatten().filter_map(|p| p.mode) {
                if !d.modes.contains(&m.as_str()) {
                    d.modes.push(m.as_str());
                }
            }
            d.has_indicative_legs = scene
                .legs
                .iter()
                .any(|l| l.feature == index && l.indicative);
        }
        Body::Node {
            node_type,
            country,
            quality,
            ..
        } => {
            d.node_type = Some(node_type.as_str());
            d.country = Some(country.clone());
            d.country_name = basemap
                .country_index(country)
                .map(|i| basemap.countries[i].names.get(lang).into_owned());
            d.approximate_place = *quality != Quality::Verified;
        }
        Body::Event {
            event_type,
            date_end,
            quality,
            ..
        } => {
            d.event_type = Some(event_type.as_str());
            d.date_end = date_end.clone();
            d.approximate_place = *quality != Quality::Verified;
        }
    }
    Some(d)
}

/// Every source the overlay cites, in id order.
pub fn all_sources(o: &Overlay) -> Vec<SourceInfo> {
    let mut v: Vec<SourceInfo> = o
        .sources
        .iter()
        .map(|s| SourceInfo {
            id: s.id.clone(),
            title: s.title.clone(),
            url: s.url.clone(),
            year: s.year,
        })
        .collect();
    sort_by(&mut v, |a, b| a.id.cmp(&b.id));
    v
}

/// The tour in the current language.
pub fn tour(o: &Overlay, lang: Lang) -> Vec<StepInfo> {
    o.tour
        .iter()
        .map(|s| StepInfo {
            id: s.id.clone(),
            title: s.title.get(lang).into_owned(),
            text: s.text.get(lang).into_owned(),
            layers: s.layers.iter().map(|l| l.as_str()).collect(),
        })
        .collect()
}

fn swatch(key: &'static str, st: StrokeStyle) -> LegendStroke {
    LegendStroke {
        key,
        color: st.color.css(),
        width: st.width,
        dash: st.dash,
    }
}

/// The strokes the legend explains, straight from the renderer's styles.
pub fn legend(style: &Style) -> Vec<LegendStroke> {
    vec![
        swatch("rail", style.leg_stroke(Mode::Rail, false, false, false)),
        swatch("road", style.leg_stroke(Mode::Road, false, false, false)),
        swatch("sea", style.leg_stroke(Mode::Sea, false, false, false)),
        swatch(
            "indicative",
            style.leg_stroke(Mode::Rail, true, false, false),
        ),
        swatch(
            "in-kazakhstan",
            style.leg_stroke(Mode::Rail, false, false, true),
        ),
        swatch("oil", style.leg_stroke(Mode::Oil, false, false, false)),
        swatch("gas", style.leg_stroke(Mode::Gas, false, false, false)),
        swatch("plan", style.leg_stroke(Mode::Cable, false, true, false)),
        swatch("diplomacy", style.diplomacy_stroke()),
    ]
}
