//! The map's state and behaviour, without a browser.
//!
//! [`App`] owns the basemap, the current [`View`], hover and selection. The
//! web layer feeds it [`Input`]s and host calls, and asks it to draw; it
//! never reaches back into the DOM. State flows one way: input → new view
//! → frame.

pub mod flight;
pub mod flow;
pub mod frame;
pub mod input;

use crate::app::flight::Flight;
use crate::app::flow::{DotState, FlowClock, FlowState};
use crate::app::input::{Command, Context, Gestures, Input};
use crate::data::error::DataError;
use crate::data::json::Json;
use crate::data::overlay::{Kind, Layer, Overlay, OverlayError};
use crate::data::topology::{decode, decode_detail, Lang, Topology};
use crate::geo::coords::{LonLat, Screen};
use crate::geo::projection::Projection;
use crate::geo::view::{home, step_zoom, Limits, View, Viewport, ZOOMS};
use crate::paint::style::Style;
use crate::paint::surface::DrawError;
use crate::paint::surface::Surface;
use crate::render::{draw_basemap_stage, draw_highlight, Stage};
use crate::scene::basemap::{Basemap, FINE_ZOOM};
use crate::scene::flow::FlowDots;
use crate::scene::labels::{place_labels, PlacedLabel};
use crate::scene::overlay_scene::{Layers, OverlayScene};
use serde::Serialize;
use std::fmt;

/// What the host page is told about a target: `{kind, id, name}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TargetInfo {
    /// `"country"`, `"corridor"`, `"node"` or `"event"`.
    pub kind: &'static str,
    /// The country's ISO code or the feature's id.
    pub id: String,
    /// The name in the current language.
    pub name: String,
}

/// The view as the host page sees it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ViewState {
    /// Longitude of the centre, degrees.
    pub lon: f64,
    /// Latitude of the centre, degrees.
    pub lat: f64,
    /// Zoom level.
    pub zoom: f64,
}

/// Why a requested view was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// Longitude or latitude is missing, not finite, or out of range.
    BadCoordinates,
    /// Zoom is not a number within [`crate::geo::view::ZOOMS`].
    BadZoom,
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewError::BadCoordinates => {
                write!(f, "view needs lon in [-180, 180] and lat in [-90, 90]")
            }
            ViewError::BadZoom => write!(f, "view zoom must be between -2 and 12"),
        }
    }
}

impl std::error::Error for ViewError {}

/// What is under the pointer or selected: a country or an overlay feature.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A basemap country, by index.
    Country(usize),
    /// An overlay feature (corridor, node or event), by index.
    Overlay(usize),
}

/// Something the host page should hear about. The element dispatches these;
/// it never decides by itself that one happened.
#[derive(Clone, Debug, PartialEq)]
pub enum MapEvent {
    /// The pointer moved onto another target, or off every target.
    Hover(Option<TargetInfo>),
    /// A click or tap picked a target, or the sea (`None`).
    Select(Option<TargetInfo>),
    /// An embedded map left a gesture to the page: show how to move the map.
    Hint(crate::app::input::Hint),
    /// The tour went to another step, or ended (`None`).
    TourStep(Option<TourStepInfo>),
    /// The visitor switched a layer: the layers now shown, in legend order.
    LayersChanged(Vec<&'static str>),
}

/// `detail` of the `tourstep` event.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct TourStepInfo {
    /// The step, 1-based.
    pub step: usize,
    /// The tour step's own id (`tour[].id` in the overlay data).
    pub id: String,
}

/// What the frame scheduler must do after an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// Something visible changed: schedule one frame.
    pub frame: bool,
    /// The view moved (by any path): call [`App::settle`] once it has been
    /// quiet for the settle period, to re-render sharply.
    pub settle_later: bool,
}

impl Needs {
    /// One frame if `changed`, nothing otherwise.
    pub fn frame_if(changed: bool) -> Needs {
        Needs {
            frame: changed,
            settle_later: false,
        }
    }
}

impl std::ops::BitOrAssign for Needs {
    fn bitor_assign(&mut self, o: Needs) {
        self.frame |= o.frame;
        self.settle_later |= o.settle_later;
    }
}

/// The whole map, minus the browser.
pub struct App {
    /// The prepared countries.
    pub basemap: Basemap,
    /// The decoded base file, kept to pair the detail file with it.
    topology: Topology,
    /// The palette in use (light or dark).
    pub style: Style,
    lang: Lang,
    view: View,
    viewport: Viewport,
    limits: Limits,
    gestures: Gestures,
    hover: Option<Target>,
    selected: Option<Target>,
    overlay: Option<OverlayScene>,
    layers: Layers,
    /// Features the current tour step highlights.
    tour_highlights: Vec<usize>,
    step: Option<usize>,
    /// False when the visitor prefers reduced motion: nothing animates.
    motion: bool,
    /// False while the map cannot be seen (scrolled out of view, or the
    /// page hidden): the flow holds still.
    visible: bool,
    /// False for a static map that takes no input.
    interactive: bool,
    /// False until the user or host moves the map; until then a resize
    /// re-fits the home view instead of keeping the old centre and zoom.
    moved: bool,
    /// False while the view moves, by any path, until it has been quiet
    /// for the settle period (the cached bitmap may be reused meanwhile).
    settled: bool,
    /// The view changed since the host was last told.
    view_changed: bool,
    /// Events from state changes the host has not been told about yet
    /// (see [`App::take_events`]).
    pending: Vec<MapEvent>,
    /// The cached bitmap shows other layers, language or data.
    cache_stale: bool,
    /// The flow dots show other layers, colours or data.
    dots_stale: bool,
    /// The flow time and the idle pause.
    flow: FlowClock,
    /// The flow state the shell was last told about.
    flow_told: Option<FlowState>,
    /// A tour flight in progress, stepped once per animation frame by
    /// [`App::advance`].
    flight: Option<Flight>,
    /// The highlights the picture on screen was drawn with (`None`: not
    /// known), so a frame that only moves it back into place draws nothing.
    drawn_highlights: Option<Highlights>,
}

/// What the highlight layer shows: hover, selection and the tour step's
/// features.
#[derive(Clone, Debug, PartialEq)]
struct Highlights {
    hover: Option<Target>,
    selected: Option<Target>,
    tour: Vec<usize>,
}

impl App {
    /// Decodes and prepares the geometry for a viewport.
    pub fn new(geometry: &[u8], viewport: Viewport) -> Result<App, DataError> {
        let topology = decode(geometry)?;
        let basemap = Basemap::build(&topology, Projection::bridge());
        let (view, limits) = home(&basemap.projection, viewport);
        Ok(App {
            basemap,
            topology,
            style: Style::light(),
            lang: Lang::En,
            view,
            viewport,
            limits,
            gestures: Gestures::default(),
            hover: None,
            selected: None,
            overlay: None,
            layers: Layers::default(),
            tour_highlights: Vec::new(),
            step: None,
            motion: true,
            visible: true,
            interactive: true,
            moved: false,
            settled: true,
            view_changed: true,
            pending: Vec::new(),
            cache_stale: true,
            dots_stale: true,
            flow: FlowClock::default(),
            flow_told: None,
            flight: None,
            drawn_highlights: None,
        })
    }

    /// Where the base file says its full detail is, relative to the base
    /// file's URL, while the detail has not been added; `None` when there
    /// is none or it is in.
    pub fn detail_url(&self) -> Option<&str> {
        (self.basemap.detail.is_none() && !self.topology.detail.is_empty())
            .then_some(self.topology.detail.as_str())
    }

    /// True once the full detail is in use.
    pub fn has_detail(&self) -> bool {
        self.basemap.detail.is_some()
    }

    /// Where the fine geometry is, relative to the geometry file's URL,
    /// once a view comes close enough to want it (half a zoom step before
    /// [`FINE_ZOOM`], so it is usually there when that zoom is reached) and
    /// until it has been added: a map that is never zoomed in never
    /// downloads it.
    pub fn fine_url(&self) -> Option<&str> {
        (self.basemap.fine.is_none()
            && !self.topology.fine.is_empty()
            && self.view.zoom >= FINE_ZOOM - 0.5)
            .then_some(self.topology.fine.as_str())
    }

    /// True once the fine geometry is in use.
    pub fn has_fine(&self) -> bool {
        self.basemap.fine.is_some()
    }

    /// Adds the fine geometry (the bytes of the file [`App::fine_url`]
    /// names); redraws if the view is close enough to show it.
    pub fn add_fine(&mut self, bytes: &[u8]) -> Result<Needs, DataError> {
        self.basemap.add_fine(decode(bytes)?)?;
        let redraw = self.view.zoom >= FINE_ZOOM - 1e-9;
        self.cache_stale |= redraw;
        if redraw {
            self.settled = true;
        }
        Ok(Needs::frame_if(redraw))
    }

    /// The languages the overlay data in use carries (none without data).
    pub fn data_languages(&self) -> &[Lang] {
        self.overlay.as_ref().map_or(&[], |o| &o.overlay.languages)
    }

    /// True when overlay data is in use and it is not an outline: its
    /// summaries, figures and sources are there.
    pub fn has_texts(&self) -> bool {
        self.overlay.as_ref().is_some_and(|o| !o.overlay.outline)
    }

    /// Adds the full detail from the detail file's bytes. Views below
    /// [`crate::scene::basemap::COARSE_ZOOM`] look the same; a closer view
    /// is redrawn. Hit-testing at those zooms, and the overlay's places
    /// (which country a route or marker is in), then use the full detail.
    /// On error nothing changes: the coarse level stays.
    pub fn add_detail(&mut self, bytes: &[u8]) -> Result<Needs, DataError> {
        let arcs = decode_detail(bytes, &self.topology)?;
        self.basemap.add_detail(&self.topology, &arcs);
        // Which legs and markers lie in Kazakhstan may change at a border.
        let mut moved = false;
        if let Some(o) = self.overlay.take() {
            let flags = |o: &OverlayScene| -> Vec<bool> {
                o.legs
                    .iter()
                    .map(|l| l.in_kazakhstan)
                    .chain(o.markers.iter().map(|m| m.in_kazakhstan))
                    .collect()
            };
            let before = flags(&o);
            let scene = OverlayScene::build(o.overlay, &self.basemap);
            moved = flags(&scene) != before;
            self.overlay = Some(scene);
        }
        let redraw = moved || self.view.zoom >= crate::scene::basemap::COARSE_ZOOM;
        self.cache_stale |= redraw;
        if redraw {
            self.settled = true;
        }
        Ok(Needs::frame_if(redraw))
    }

    /// The current view.
    pub fn view(&self) -> View {
        self.view
    }

    /// The map's size in CSS pixels.
    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    /// True when the view has stopped moving.
    pub fn settled(&self) -> bool {
        self.settled
    }

    /// The language names are shown in.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Marks the current view as final, so the next frame renders sharply.
    /// A tour flight is never final before it lands: a settle timer left
    /// from an earlier gesture changes nothing while one is under way.
    pub fn settle(&mut self) -> bool {
        if self.flight.is_some() {
            return false;
        }
        let was = self.settled;
        self.settled = true;
        !was
    }

    /// Takes the "view changed" flag (for one `viewchange` event per frame).
    pub fn take_view_changed(&mut self) -> bool {
        std::mem::take(&mut self.view_changed)
    }

    /// Events that state changes (a tour step, a layer switched by the
    /// visitor) produced since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<MapEvent> {
        std::mem::take(&mut self.pending)
    }

    /// Every view change goes through here, whatever its source (a
    /// gesture, a key, a zoom button, a tour step, the host's `el.view`): a
    /// changed view is *moving* until it has been quiet for the settle
    /// period, so frames meanwhile reuse the cached bitmap and the sharp
    /// render happens once, when the motion stops. `ended` is a gesture
    /// that is over (a pointer released): a view it leaves unchanged is
    /// final at once, with no wait.
    fn set_view_internal(&mut self, view: View, ended: bool) -> Needs {
        let view = self.limits.constrain(view);
        let changed = view != self.view;
        self.view = view;
        let was_settled = self.settled;
        self.settled = if changed {
            false
        } else {
            self.settled || ended
        };
        self.view_changed |= changed;
        Needs {
            frame: changed || self.settled != was_settled,
            settle_later: changed,
        }
    }

    /// Feeds one input event; returns events for the host and what to redraw.
    /// A non-interactive map ignores input.
    pub fn handle(&mut self, input: Input) -> (Vec<MapEvent>, Needs) {
        if !self.interactive {
            return (Vec::new(), Needs::default());
        }
        let cx = Context {
            view: self.view,
            viewport: self.viewport,
            limits: self.limits,
        };
        let mut events = Vec::new();
        let mut needs = Needs::default();
        if let Some(cmd) = self.gestures.handle(input, &cx) {
            match cmd {
                Command::View { view, settled } => {
                    // The visitor takes over: a flight stops where it is.
                    self.flight = None;
                    self.moved = true;
                    needs |= self.set_view_internal(view, settled);
                }
                Command::Hint(h) => events.push(MapEvent::Hint(h)),
                Command::Home => {
                    self.flight = None;
                    self.moved = false;
                    let (view, _) = home(&self.basemap.projection, self.viewport);
                    needs |= self.set_view_internal(view, true);
                }
                Command::Hover(at) => {
                    let hit = at.and_then(|p| self.target_at(p, None));
                    if hit != self.hover {
                        self.hover = hit;
                        needs.frame = true;
                        events.push(MapEvent::Hover(hit.map(|t| self.info(t))));
                    }
                }
                Command::Select(at) => {
                    let hit = self.target_at(at, None);
                    if hit != self.selected {
                        self.selected = hit;
                        needs.frame = true;
                    }
                    events.push(MapEvent::Select(hit.map(|t| self.info(t))));
                }
            }
        }
        (events, needs)
    }

    /// The map's element was resized.
    pub fn resize(&mut self, viewport: Viewport) -> Needs {
        if viewport == self.viewport {
            return Needs::default();
        }
        self.viewport = viewport;
        let (home_view, limits) = home(&self.basemap.projection, viewport);
        self.limits = limits;
        // A flight lands at once: its path was planned for the old size.
        let target = match self.flight.take() {
            Some(f) => f.target(),
            None if self.moved => self.view,
            None => home_view,
        };
        // A resize never leaves a stale bitmap on screen: the view is final
        // at once, and the resized canvases need a render anyway.
        let mut needs = self.set_view_internal(target, true);
        self.settled = true;
        needs.frame = true;
        needs.settle_later = false;
        needs
    }

    /// Moves the map to a host-requested view.
    pub fn set_view_state(&mut self, v: ViewState) -> Result<Needs, ViewError> {
        let ll = LonLat::new(v.lon, v.lat);
        let center = self
            .basemap
            .projection
            .lonlat_to_world(ll)
            .ok_or(ViewError::BadCoordinates)?;
        if !ZOOMS.contains(&v.zoom) {
            return Err(ViewError::BadZoom);
        }
        // The host's view is immediate: it ends any flight.
        self.flight = None;
        self.moved = true;
        Ok(self.set_view_internal(
            View {
                center,
                zoom: v.zoom,
            },
            true,
        ))
    }

    /// The current view in host terms.
    pub fn view_state(&self) -> ViewState {
        let c = self
            .basemap
            .projection
            .world_to_lonlat(self.view.center)
            .unwrap_or(LonLat::new(75.0, 45.0));
        ViewState {
            lon: c.lon,
            lat: c.lat,
            zoom: self.view.zoom,
        }
    }

    /// Returns to the home view.
    pub fn reset(&mut self) -> Needs {
        self.handle(Input::Key(crate::app::input::Key::Home)).1
    }

    /// Switches the language of names and labels.
    pub fn set_lang(&mut self, lang: Lang) -> Needs {
        if lang == self.lang {
            return Needs::default();
        }
        self.lang = lang;
        // Labels change: the cached bitmap must be redrawn.
        self.settled = true;
        self.cache_stale = true;
        Needs::frame_if(true)
    }

    /// Screen position of a geographic point, or `None` if not representable.
    pub fn project(&self, p: LonLat) -> Option<Screen> {
        let w = self.basemap.projection.lonlat_to_world(p)?;
        Some(self.view.world_to_screen(w, self.viewport))
    }

    /// Geographic point under a screen position, or `None` off the globe.
    pub fn unproject(&self, p: Screen) -> Option<LonLat> {
        if !p.x.is_finite() || !p.y.is_finite() {
            return None;
        }
        self.basemap
            .projection
            .world_to_lonlat(self.view.screen_to_world(p, self.viewport))
    }

    fn target_at(&self, p: Screen, kind: Option<&str>) -> Option<Target> {
        if !p.x.is_finite() || !p.y.is_finite() {
            return None;
        }
        let overlay_kind = match kind {
            None => None,
            Some("country") => {
                return self
                    .basemap
                    .country_at_zoom(self.view.screen_to_world(p, self.viewport), self.view.zoom)
                    .map(Target::Country)
            }
            Some(k) => Some(Kind::parse(k)?),
        };
        if let Some(o) = &self.overlay {
            if let Some(f) = o.pick(p, &self.view, self.viewport, &self.layers, overlay_kind) {
                return Some(Target::Overlay(f));
            }
        }
        if overlay_kind.is_some() {
            return None;
        }
        // The level drawn at this zoom: what you click is what you see.
        self.basemap
            .country_at_zoom(self.view.screen_to_world(p, self.viewport), self.view.zoom)
            .map(Target::Country)
    }

    fn info(&self, t: Target) -> TargetInfo {
        match t {
            Target::Country(i) => {
                let c = &self.basemap.countries[i];
                TargetInfo {
                    kind: "country",
                    id: c.id.as_str().to_owned(),
                    name: c.names.get(self.lang).into_owned(),
                }
            }
            Target::Overlay(i) => match self
                .overlay
                .as_ref()
                .and_then(|o| o.overlay.features.get(i))
            {
                Some(f) => TargetInfo {
                    kind: f.kind.as_str(),
                    id: f.id.clone(),
                    name: f.name.get(self.lang).into_owned(),
                },
                None => TargetInfo {
                    kind: "unknown",
                    id: String::new(),
                    name: String::new(),
                },
            },
        }
    }

    /// The topmost feature at a screen point, optionally of one kind
    /// (`"country"`, `"corridor"`, `"node"` or `"event"`).
    pub fn pick(&self, p: Screen, kind: Option<&str>) -> Option<TargetInfo> {
        self.target_at(p, kind).map(|t| self.info(t))
    }

    /// The selected country or feature, as the host sees it.
    pub fn selected(&self) -> Option<TargetInfo> {
        self.selected.map(|t| self.info(t))
    }

    fn find(&self, id: &str) -> Option<Target> {
        if let Some(i) = self
            .overlay
            .as_ref()
            .and_then(|o| o.overlay.features.iter().position(|f| f.id == id))
        {
            return Some(Target::Overlay(i));
        }
        self.basemap.country_index(id).map(Target::Country)
    }

    /// Selects a country or overlay feature by id (`None` clears). Unknown
    /// ids clear too.
    pub fn select_id(&mut self, id: Option<&str>) -> (Option<TargetInfo>, Needs) {
        let next = id.and_then(|id| self.find(id));
        let needs = Needs::frame_if(next != self.selected);
        self.selected = next;
        (next.map(|t| self.info(t)), needs)
    }

    /// Loads overlay data. On error the overlay is cleared and the basemap
    /// keeps working; the error lists the first problems with their paths.
    ///
    /// What the new data still has stays: a selected feature with the same
    /// id stays selected, and the tour step's highlights are those of the
    /// new data's step. So swapping in the same overlay in another language
    /// (the element's one-language packs) changes only the words.
    pub fn set_overlay(&mut self, data: &Json) -> Result<Needs, OverlayError> {
        let result = Overlay::from_json(data);
        let selected_id = match (self.selected, &self.overlay) {
            (Some(Target::Overlay(i)), Some(o)) => o.overlay.features.get(i).map(|f| f.id.clone()),
            _ => None,
        };
        self.hover = None;
        self.selected = self.selected.filter(|t| matches!(t, Target::Country(_)));
        self.tour_highlights.clear();
        self.settled = true;
        self.dots_stale = true;
        // The rendered bitmap holds the overlay's lines, markers and names,
        // not its texts: new texts for the same picture (the element swaps a
        // language's outline for its full pack) keep it, which saves a full
        // re-render right after the first frame.
        let same_picture =
            matches!((&self.overlay, &result), (Some(old), Ok(new)) if old.overlay.draws_like(new));
        self.cache_stale |= !same_picture;
        match result {
            Ok(o) => {
                if let Some(id) = selected_id {
                    self.selected = o
                        .features
                        .iter()
                        .position(|f| f.id == id)
                        .map(Target::Overlay);
                }
                if let Some(step) = self.step {
                    self.tour_highlights = o.step_highlights(step);
                }
                self.overlay = Some(OverlayScene::build(o, &self.basemap));
                Ok(Needs::frame_if(true))
            }
            Err(e) => {
                self.overlay = None;
                Err(e)
            }
        }
    }

    /// Removes the overlay; the basemap stays.
    pub fn clear_overlay(&mut self) {
        self.overlay = None;
        self.hover = None;
        self.selected = self.selected.filter(|t| matches!(t, Target::Country(_)));
        self.tour_highlights.clear();
        self.step = None;
        self.cache_stale = true;
        self.dots_stale = true;
    }

    /// The drawable overlay, if data is loaded.
    pub fn overlay(&self) -> Option<&OverlayScene> {
        self.overlay.as_ref()
    }

    /// The shown layers.
    pub fn layers(&self) -> Layers {
        self.layers
    }

    /// The visitor switched one layer on or off (the layers panel): unlike a
    /// host setting the layers, this is news, and a `LayersChanged` event
    /// follows when the shown layers change.
    pub fn toggle_layer(&mut self, layer: Layer, on: bool) -> Needs {
        let mut layers = self.layers;
        layers.set(layer, on);
        let before = self.layers;
        let needs = self.set_layers(layers);
        if self.layers != before {
            self.pending
                .push(MapEvent::LayersChanged(self.layers.list()));
        }
        needs
    }

    /// Shows exactly these layers; hidden features lose hover and selection.
    pub fn set_layers(&mut self, layers: Layers) -> Needs {
        if layers == self.layers {
            return Needs::default();
        }
        self.layers = layers;
        self.cache_stale = true;
        self.dots_stale = true;
        // Hidden features cannot stay hovered or selected.
        let visible = |t: &Option<Target>, o: &Option<OverlayScene>| match (t, o) {
            (Some(Target::Overlay(i)), Some(o)) => o
                .overlay
                .features
                .get(*i)
                .is_some_and(|f| layers.shows(f.layer)),
            _ => true,
        };
        if !visible(&self.hover, &self.overlay) {
            self.hover = None;
        }
        if !visible(&self.selected, &self.overlay) {
            self.selected = None;
        }
        Needs::frame_if(true)
    }

    /// Allows or stops the flow animation (reduced motion).
    pub fn set_motion(&mut self, on: bool) -> Needs {
        let changed = on != self.motion;
        self.motion = on;
        Needs::frame_if(changed)
    }

    /// Switches between the light and dark palettes.
    pub fn set_dark(&mut self, dark: bool) -> Needs {
        let style = if dark { Style::dark() } else { Style::light() };
        if style == self.style {
            return Needs::default();
        }
        self.style = style;
        self.cache_stale = true;
        self.dots_stale = true;
        Needs::frame_if(true)
    }

    /// A static map ignores every gesture and key.
    pub fn set_interactive(&mut self, on: bool) {
        self.interactive = on;
    }

    /// Cooperative gestures for maps embedded in scrolling pages.
    pub fn set_cooperative(&mut self, on: bool) {
        self.gestures.cooperative = on;
    }

    /// Highlights a feature as if hovered (keyboard focus in the text
    /// twin), or clears with `None`. Returns the feature, if found.
    pub fn hover_id(&mut self, id: Option<&str>) -> (Option<TargetInfo>, Needs) {
        let next = id.and_then(|id| self.find(id));
        let needs = Needs::frame_if(next != self.hover);
        self.hover = next;
        (next.map(|t| self.info(t)), needs)
    }

    /// A representative point of a feature: a node's or event's place, the
    /// middle of a corridor's longest branch, a country's label point.
    pub fn anchor(&self, id: &str) -> Option<LonLat> {
        match self.find(id)? {
            Target::Country(c) => {
                let a = self.basemap.countries[c].label?;
                self.basemap.projection.world_to_lonlat(a.at)
            }
            Target::Overlay(f) => {
                let feature = self.overlay.as_ref()?.overlay.features.get(f)?;
                match &feature.body {
                    crate::data::overlay::Body::Corridor { paths, .. } => {
                        let longest = paths.iter().max_by_key(|p| p.len())?;
                        longest.get(longest.len() / 2).map(|p| p.at)
                    }
                    _ => feature.point(),
                }
            }
        }
    }

    /// Whether the map can be seen (on screen, in a page that is not
    /// hidden); unseen maps hold their flow still.
    pub fn set_visible(&mut self, visible: bool) -> Needs {
        let changed = visible != self.visible;
        self.visible = visible;
        Needs::frame_if(changed)
    }

    /// What the flow animation does: off without motion (reduced motion),
    /// data or a moving layer shown; paused while held; else playing.
    pub fn flow_state(&self) -> FlowState {
        let moving = self
            .overlay
            .as_ref()
            .is_some_and(|o| o.animates(&self.layers));
        if !(self.motion && moving) {
            FlowState::Off
        } else if self.flow.hold().is_some() {
            FlowState::Paused
        } else {
            FlowState::Playing
        }
    }

    /// True when the dots move now: playing, and the map can be seen.
    pub fn flow_running(&self) -> bool {
        self.flow_state() == FlowState::Playing && self.visible
    }

    /// Starts or stops the flow clock to match [`App::flow_running`]; the
    /// web layer calls it, with the time, after every change of state.
    pub fn flow_sync(&mut self, now_ms: f64) {
        let running = self.flow_running();
        self.flow.sync(now_ms, running);
    }

    /// The visitor interacted with the map at `now_ms` (any input, or a
    /// click or key in its panels): an idle pause ends, and the idle
    /// countdown starts again.
    pub fn activity(&mut self, now_ms: f64) -> Needs {
        Needs::frame_if(self.flow.activity(now_ms))
    }

    /// The visitor (the pause button) or the host (`el.flow`) asks for the
    /// flow to play or pause. A pause asked for lasts until play is asked.
    pub fn set_flow(&mut self, play: bool, now_ms: f64) -> Needs {
        Needs::frame_if(self.flow.ask(play, now_ms))
    }

    /// How long the flow runs without interaction before it pauses, in ms
    /// (`None`: it never pauses). The default is [`flow::PAUSE_AFTER_MS`].
    pub fn set_flow_pause(&mut self, after_ms: Option<f64>) {
        self.flow.set_pause_after(after_ms);
    }

    /// When (page clock, ms) to call [`App::flow_tick`]: the idle pause is
    /// due then unless someone interacts. `None` while the flow does not run.
    pub fn flow_deadline(&self, now_ms: f64) -> Option<f64> {
        self.flow.deadline(now_ms)
    }

    /// Pauses the flow if it has run the pause period without interaction.
    pub fn flow_tick(&mut self, now_ms: f64) -> Needs {
        Needs::frame_if(self.flow.tick(now_ms))
    }

    /// The flow state, when the shell has not been told it yet.
    pub fn take_flow_change(&mut self) -> Option<FlowState> {
        let now = self.flow_state();
        (self.flow_told.replace(now) != Some(now)).then_some(now)
    }

    /// Describes the dot layer for [`flow::plan_dots`]; `built` is the view
    /// the web layer's dots were built for (`None`: no dots), `busy` says a
    /// rendering in stages is under way or was shown in this frame.
    pub fn dot_state(&self, built: Option<View>, busy: bool) -> DotState {
        DotState {
            shown: self.flow_state() != FlowState::Off,
            built,
            stale: self.dots_stale,
            view: self.view,
            viewport: self.viewport,
            settled: self.settled,
            busy,
        }
    }

    /// The flow dots for the current view at `now_ms`, each at the phase
    /// the flow clock gives it; none when the flow is off.
    pub fn flow_dots(&self, now_ms: f64) -> FlowDots {
        match (&self.overlay, self.flow_state()) {
            (Some(o), FlowState::Playing | FlowState::Paused) => o.flow_dots(
                &self.view,
                self.viewport,
                &self.layers,
                &self.style,
                self.flow.time_ms(now_ms),
            ),
            _ => FlowDots {
                fill: self.style.routes.particle,
                tracks: Vec::new(),
            },
        }
    }

    /// The web layer's dots now show the current layers, colours and data.
    pub fn dots_built(&mut self) {
        self.dots_stale = false;
    }

    /// The current tour step.
    pub fn step(&self) -> Option<usize> {
        self.step
    }

    /// Goes to a tour step at once: moves the view, sets the layers and
    /// highlights the step's features. `None` leaves the tour (the view
    /// stays). A permalink, or a step opened with the page, jumps so.
    pub fn set_step(&mut self, step: Option<usize>) -> Needs {
        self.go_to_step(step, false)
    }

    /// Goes to a tour step as the tour's own buttons and `el.step` do: the
    /// map *flies* to the step's view ([`flight`]) unless the visitor
    /// prefers reduced motion, when it jumps as [`App::set_step`] does.
    /// The layers and highlights change at once in the state; the picture
    /// shows them from its next full rendering, which is the flight's
    /// landing unless the flight needs one on the way.
    pub fn fly_to_step(&mut self, step: Option<usize>) -> Needs {
        self.go_to_step(step, self.motion)
    }

    fn go_to_step(&mut self, step: Option<usize>, fly: bool) -> Needs {
        let Some(o) = &self.overlay else {
            return Needs::default();
        };
        let Some(i) = step.filter(|&i| i < o.overlay.tour.len()) else {
            if self.step.take().is_some() {
                self.pending.push(MapEvent::TourStep(None));
            }
            self.tour_highlights.clear();
            // Leaving the tour mid-flight: the view stays where it is.
            let mut needs = Needs::frame_if(true);
            if self.flight.take().is_some() {
                needs |= self.set_view_internal(self.view, true);
            }
            return needs;
        };
        let s = o.overlay.tour[i].clone();
        let highlights = o.overlay.step_highlights(i);
        let mut layers = Layers::none();
        for l in &s.layers {
            layers.set(*l, true);
        }
        if self.step.replace(i) != Some(i) {
            self.pending.push(MapEvent::TourStep(Some(TourStepInfo {
                step: i + 1,
                id: s.id.clone(),
            })));
        }
        self.tour_highlights = highlights;
        let mut needs = self.set_layers(layers);
        // The step's zoom is written for a desktop map; a smaller one
        // zooms out to show the same subject.
        let target = ViewState {
            lon: s.center.lon,
            lat: s.center.lat,
            zoom: step_zoom(s.zoom, self.viewport),
        };
        let goal = self
            .basemap
            .projection
            .lonlat_to_world(LonLat::new(target.lon, target.lat))
            .filter(|_| fly && target.zoom.is_finite())
            .map(|center| {
                self.limits.constrain(View {
                    center,
                    zoom: target.zoom,
                })
            });
        match goal {
            Some(to) if to != self.view => {
                self.moved = true;
                self.flight = Some(Flight::new(self.view, to, self.viewport));
                self.settled = false;
            }
            _ => {
                if let Ok(n) = self.set_view_state(target) {
                    needs |= n;
                }
            }
        }
        needs.frame = true;
        needs
    }

    /// True while a tour flight is under way: the web layer keeps asking for
    /// animation frames and calls [`App::advance`] in each.
    pub fn flying(&self) -> bool {
        self.flight.is_some()
    }

    /// Steps a flight to the animation frame at `now_ms` (the frame's own
    /// timestamp). Returns true when the view changed, so the frame has
    /// something to show. At the landing the view is exactly the step's
    /// and final at once: that frame renders sharply, with no settle wait.
    pub fn advance(&mut self, now_ms: f64) -> bool {
        let Some(f) = self.flight.as_mut() else {
            return false;
        };
        let view = f.step(now_ms);
        if f.done(f.now_ms()) {
            self.flight = None;
            self.set_view_internal(view, true);
            self.settled = true;
            return true;
        }
        self.set_view_internal(view, false);
        true
    }

    /// Draws the expensive layer: basemap, overlay lines and markers, and
    /// labels, for the current view.
    pub fn render_basemap(&self, s: &mut dyn Surface) -> Result<(), DrawError> {
        self.render_basemap_at(s, &self.view)
    }

    /// [`App::render_basemap`] for another view: a flight renders ahead of
    /// where it is ([`frame::FramePlan::Render`]).
    pub fn render_basemap_at(&self, s: &mut dyn Surface, view: &View) -> Result<(), DrawError> {
        for stage in 0..frame::RENDER_STAGES {
            self.render_stage(s, view, stage)?;
        }
        Ok(())
    }

    /// Draws stage `stage` (from 0 to [`frame::RENDER_STAGES`] − 1, one per
    /// [`crate::render::Stage`]) of the rendering of `view`: the stages in
    /// order, on one surface, draw what [`App::render_basemap_at`] draws.
    /// A stage past the last draws nothing.
    pub fn render_stage(
        &self,
        s: &mut dyn Surface,
        view: &View,
        stage: usize,
    ) -> Result<(), DrawError> {
        let Some(&stage) = crate::render::STAGES.get(stage) else {
            return Ok(());
        };
        match stage {
            Stage::Ground => {
                draw_basemap_stage(s, &self.basemap, view, self.viewport, &self.style, stage)
            }
            Stage::Lines => {
                draw_basemap_stage(s, &self.basemap, view, self.viewport, &self.style, stage)?;
                match &self.overlay {
                    Some(o) => o.draw(s, view, self.viewport, &self.layers, &self.style),
                    None => Ok(()),
                }
            }
            Stage::Labels => self.draw_labels(s, view),
        }
    }

    /// Places the basemap's and the overlay's labels for `view` and draws
    /// them.
    fn draw_labels(&self, s: &mut dyn Surface, view: &View) -> Result<(), DrawError> {
        let labels = self.labels(s, view)?;
        crate::render::draw_labels(s, &labels, &self.style)
    }

    /// The labels the map draws at `view`, measured on `s`: what the
    /// rendering shows, for tests that check it on the drawn pixels.
    pub fn labels(&self, s: &mut dyn Surface, view: &View) -> Result<Vec<PlacedLabel>, DrawError> {
        let overlay = self.overlay.as_ref().map(|o| (o, &self.layers));
        // Label placement wants a plain width; a failed measurement is kept
        // and reported after placing, as the frame's draw error.
        let mut failed: Option<DrawError> = None;
        let labels = {
            let mut measure = |t: &str, f: &crate::paint::surface::Font| match s.measure_text(t, f)
            {
                Ok(w) => w,
                Err(e) => {
                    failed.get_or_insert(e);
                    0.0
                }
            };
            place_labels(
                &self.basemap,
                overlay,
                view,
                self.viewport,
                self.lang,
                &self.style,
                &mut measure,
            )
        };
        match failed {
            Some(e) => Err(e),
            None => Ok(labels),
        }
    }

    /// Describes one frame for [`frame::plan_frame`]: the app's side of it
    /// (view, size, settledness, bitmap staleness) with the web layer's
    /// side (canvases sized, something changed, the view its bitmap shows).
    pub fn frame_state(
        &self,
        sized: bool,
        dirty: bool,
        cached: Option<View>,
        staged: Option<frame::Staged>,
        remote: Option<frame::Remote>,
    ) -> frame::FrameState {
        frame::FrameState {
            sized,
            dirty,
            view: self.view,
            viewport: self.viewport,
            cached,
            cache_stale: self.cache_stale,
            settled: self.settled,
            flight: self.flight.filter(|_| !self.settled),
            highlights_changed: self.drawn_highlights.as_ref() != Some(&self.highlights()),
            staged,
            remote,
        }
    }

    /// The web layer's cached bitmap now shows the current state, and the
    /// picture on screen the current highlights.
    pub fn cache_rendered(&mut self) {
        self.cache_stale = false;
        self.highlights_drawn();
    }

    /// The web layer asked a raster worker for a rendering of the current
    /// state: that is the state the next picture shows, and a change from
    /// now on marks it stale again. (Its highlights are drawn when it is
    /// shown: [`App::highlights_drawn`].)
    pub fn rendering_requested(&mut self) {
        self.cache_stale = false;
    }

    /// The highlights on screen are unknown (the web layer lost them):
    /// the next frame draws them again.
    pub fn highlights_lost(&mut self) {
        self.drawn_highlights = None;
    }

    /// The web layer drew the current highlights over the picture.
    pub fn highlights_drawn(&mut self) {
        self.drawn_highlights = Some(self.highlights());
    }

    /// True when there is any highlight to draw.
    pub fn has_highlights(&self) -> bool {
        self.hover.is_some()
            || self.selected.is_some()
            || (self.overlay.is_some() && !self.tour_highlights.is_empty())
    }

    fn highlights(&self) -> Highlights {
        Highlights {
            hover: self.hover,
            selected: self.selected,
            tour: self.tour_highlights.clone(),
        }
    }

    /// True when the cached basemap bitmap no longer matches the state
    /// (layers, language or data changed).
    pub fn cache_stale(&self) -> bool {
        self.cache_stale
    }

    /// Draws the cheap layer: hover and selection highlights and the tour
    /// step's highlighted features, for the current view.
    pub fn render_highlights(&self, s: &mut dyn Surface) -> Result<(), DrawError> {
        self.render_highlights_at(s, &self.view)
    }

    /// [`App::render_highlights`] over a rendering made for `view`, which
    /// the compositor may be moving to the current view.
    pub fn render_highlights_at(&self, s: &mut dyn Surface, view: &View) -> Result<(), DrawError> {
        for target in [
            self.hover.filter(|&h| Some(h) != self.selected),
            self.selected,
        ]
        .into_iter()
        .flatten()
        {
            let strong = Some(target) == self.selected;
            match target {
                Target::Country(c) => {
                    let (fill, outline) = if strong {
                        (self.style.selected_fill, &self.style.selected_outline)
                    } else {
                        (self.style.hover_fill, &self.style.hover_outline)
                    };
                    draw_highlight(s, &self.basemap, c, view, self.viewport, fill, outline)?;
                }
                Target::Overlay(f) => {
                    if let Some(o) = &self.overlay {
                        o.draw_highlight(s, f, view, self.viewport, strong, &self.style)?;
                    }
                }
            }
        }
        if let Some(o) = &self.overlay {
            for &f in &self.tour_highlights {
                if Some(Target::Overlay(f)) != self.selected {
                    o.draw_highlight(s, f, view, self.viewport, false, &self.style)?;
                }
            }
        }
        Ok(())
    }
}
