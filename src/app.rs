//! The map's state and behaviour, without a browser.
//!
//! [`App`] owns the basemap, the current [`View`], hover and selection. The
//! web layer feeds it [`Input`]s and host calls, and asks it to draw; it
//! never reaches back into the DOM. State flows one way: input → new view
//! → frame.

use crate::basemap::Basemap;
use crate::coords::{LonLat, Screen};
use crate::error::DataError;
use crate::input::{Command, Context, Gestures, Input};
use crate::labels::place_country_labels;
use crate::projection::Projection;
use crate::render::{draw_basemap, draw_highlight};
use crate::style::Style;
use crate::surface::Surface;
use crate::topology::{decode, Lang};
use crate::view::{home, Limits, View, Viewport};
use serde::Serialize;
use std::fmt;

/// A feature as the host page sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Feature {
    pub kind: &'static str,
    pub id: String,
    pub name: String,
}

/// The view as the host page sees it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct ViewState {
    pub lon: f64,
    pub lat: f64,
    pub zoom: f64,
}

/// Why a requested view was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewError {
    /// Longitude or latitude is missing, not finite, or out of range.
    BadCoordinates,
    /// Zoom is not a finite number.
    BadZoom,
}

impl fmt::Display for ViewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ViewError::BadCoordinates => {
                write!(f, "view needs lon in [-180, 180] and lat in [-90, 90]")
            }
            ViewError::BadZoom => write!(f, "view zoom must be a finite number"),
        }
    }
}

impl std::error::Error for ViewError {}

/// Something the host page should hear about.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Hover(Option<Feature>),
    Select(Option<Feature>),
}

/// What the frame scheduler must do after an input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// Something visible changed: schedule one frame.
    pub frame: bool,
    /// A continuous gesture moved the view: re-render sharply once it pauses.
    pub settle_later: bool,
}

impl std::ops::BitOrAssign for Needs {
    fn bitor_assign(&mut self, o: Needs) {
        self.frame |= o.frame;
        self.settle_later |= o.settle_later;
    }
}

/// The whole map, minus the browser.
pub struct App {
    pub basemap: Basemap,
    pub style: Style,
    lang: Lang,
    view: View,
    viewport: Viewport,
    limits: Limits,
    gestures: Gestures,
    hover: Option<usize>,
    selected: Option<usize>,
    /// False until the user or host moves the map; until then a resize
    /// re-fits the home view instead of keeping the old centre and zoom.
    moved: bool,
    /// False while a continuous gesture runs (the cached bitmap may be reused).
    settled: bool,
    /// The view changed since the host was last told.
    view_changed: bool,
}

impl App {
    /// Decodes and prepares the geometry for a viewport.
    pub fn new(geometry: &[u8], viewport: Viewport) -> Result<App, DataError> {
        let topo = decode(geometry)?;
        let basemap = Basemap::build(&topo, Projection::bridge());
        let (view, limits) = home(&basemap.projection, viewport);
        Ok(App {
            basemap,
            style: Style::light(),
            lang: Lang::En,
            view,
            viewport,
            limits,
            gestures: Gestures::default(),
            hover: None,
            selected: None,
            moved: false,
            settled: true,
            view_changed: true,
        })
    }

    pub fn view(&self) -> View {
        self.view
    }

    pub fn viewport(&self) -> Viewport {
        self.viewport
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    pub fn settled(&self) -> bool {
        self.settled
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Marks the current view as final, so the next frame renders sharply.
    pub fn settle(&mut self) -> bool {
        let was = self.settled;
        self.settled = true;
        !was
    }

    /// Takes the "view changed" flag (for one `viewchange` event per frame).
    pub fn take_view_changed(&mut self) -> bool {
        std::mem::take(&mut self.view_changed)
    }

    fn set_view_internal(&mut self, view: View, settled: bool) -> Needs {
        let view = self.limits.constrain(view);
        let changed = view != self.view;
        self.view = view;
        self.settled = settled || (self.settled && !changed);
        self.view_changed |= changed;
        Needs {
            frame: changed || settled,
            settle_later: changed && !settled,
        }
    }

    /// Feeds one input event; returns events for the host and what to redraw.
    pub fn handle(&mut self, input: Input) -> (Vec<Event>, Needs) {
        let cx = Context {
            view: self.view,
            viewport: self.viewport,
            limits: self.limits,
        };
        let mut events = Vec::new();
        let mut needs = Needs::default();
        for cmd in self.gestures.handle(input, &cx) {
            match cmd {
                Command::View { view, settled } => {
                    self.moved = true;
                    needs |= self.set_view_internal(view, settled);
                }
                Command::Home => {
                    self.moved = false;
                    let (view, _) = home(&self.basemap.projection, self.viewport);
                    needs |= self.set_view_internal(view, true);
                }
                Command::Hover(at) => {
                    let hit = at.and_then(|p| self.country_at_screen(p));
                    if hit != self.hover {
                        self.hover = hit;
                        needs.frame = true;
                        events.push(Event::Hover(hit.map(|i| self.feature(i))));
                    }
                }
                Command::Select(at) => {
                    let hit = self.country_at_screen(at);
                    if hit != self.selected {
                        self.selected = hit;
                        needs.frame = true;
                    }
                    events.push(Event::Select(hit.map(|i| self.feature(i))));
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
        let target = if self.moved { self.view } else { home_view };
        // A resize never leaves a stale bitmap on screen.
        let mut needs = self.set_view_internal(target, true);
        needs.frame = true;
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
        if !v.zoom.is_finite() {
            return Err(ViewError::BadZoom);
        }
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
        self.handle(Input::Key(crate::input::Key::Home)).1
    }

    pub fn set_lang(&mut self, lang: Lang) -> Needs {
        if lang == self.lang {
            return Needs::default();
        }
        self.lang = lang;
        // Labels change: the cached bitmap must be redrawn.
        self.settled = true;
        Needs {
            frame: true,
            settle_later: false,
        }
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

    fn country_at_screen(&self, p: Screen) -> Option<usize> {
        if !p.x.is_finite() || !p.y.is_finite() {
            return None;
        }
        self.basemap
            .country_at_world(self.view.screen_to_world(p, self.viewport))
    }

    fn feature(&self, country: usize) -> Feature {
        let c = &self.basemap.countries[country];
        Feature {
            kind: "country",
            id: c.id.as_str().to_owned(),
            name: c.names.get(self.lang).to_owned(),
        }
    }

    /// The topmost feature at a screen point, optionally of one kind.
    pub fn pick(&self, p: Screen, kind: Option<&str>) -> Option<Feature> {
        match kind {
            None | Some("country") => self.country_at_screen(p).map(|i| self.feature(i)),
            Some(_) => None,
        }
    }

    pub fn hovered(&self) -> Option<Feature> {
        self.hover.map(|i| self.feature(i))
    }

    pub fn selected(&self) -> Option<Feature> {
        self.selected.map(|i| self.feature(i))
    }

    /// Selects a country by id (`None` clears). Unknown ids clear too.
    pub fn select_id(&mut self, id: Option<&str>) -> (Option<Feature>, Needs) {
        let next = id.and_then(|id| self.basemap.country_index(id));
        let needs = Needs {
            frame: next != self.selected,
            settle_later: false,
        };
        self.selected = next;
        (next.map(|i| self.feature(i)), needs)
    }

    /// True while a pointer is down.
    pub fn gesture_active(&self) -> bool {
        self.gestures.active()
    }

    /// Draws the expensive layer: basemap and labels, for the current view.
    pub fn render_basemap(&self, s: &mut dyn Surface) {
        let labels = {
            let mut measure = |t: &str, f: &crate::surface::Font| s.measure_text(t, f);
            place_country_labels(
                &self.basemap,
                &self.view,
                self.viewport,
                self.lang,
                &self.style,
                &mut measure,
            )
        };
        draw_basemap(
            s,
            &self.basemap,
            &self.view,
            self.viewport,
            &self.style,
            &labels,
        );
    }

    /// Draws the cheap layer: hover and selection highlights.
    pub fn render_overlay(&self, s: &mut dyn Surface) {
        if let Some(h) = self.hover.filter(|&h| Some(h) != self.selected) {
            draw_highlight(
                s,
                &self.basemap,
                h,
                &self.view,
                self.viewport,
                self.style.hover_fill,
                &self.style.hover_outline,
            );
        }
        if let Some(sel) = self.selected {
            draw_highlight(
                s,
                &self.basemap,
                sel,
                &self.view,
                self.viewport,
                self.style.selected_fill,
                &self.style.selected_outline,
            );
        }
    }
}
