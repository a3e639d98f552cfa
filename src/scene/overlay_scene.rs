//! The overlay made drawable: corridor legs, diplomatic arcs and markers on
//! the projected plane, with hit-testing, drawing and flow particles.
//!
//! Built once from a validated [`Overlay`]. Legs follow great circles
//! (geo's haversine interpolation) and are split at the conic's seam like
//! the basemap. A leg is *indicative* when either end is a point that no
//! source puts on the route (`r: "ind"`); it is then dashed. Legs and
//! markers inside Kazakhstan are flagged so they can be drawn stronger.
//! The particles on operating corridors are not drawn here: their tracks
//! go to the browser's compositor (see [`crate::scene::flow`]).

use crate::data::overlay::{Body, Kind, Layer, Mode, NodeType, Overlay, Status};
use crate::geo::antimeridian::split_line;
use crate::geo::coords::{LonLat, Screen, World, WorldRect};
use crate::geo::view::{View, Viewport};
use crate::paint::style::{Style, ROUTE_WIDTH_IN_KAZAKHSTAN};
use crate::paint::surface::DrawError;
use crate::paint::surface::{trace_visible, trace_visible_dashed, ScreenBox, StrokeStyle, Surface};
use crate::scene::basemap::{Basemap, KAZAKHSTAN};
use crate::scene::flow::{self, FlowDots, ScreenFlow};
use geo::{Distance, Haversine, InterpolatePoint, Point};

/// Which layers are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layers([bool; 4]);

impl Default for Layers {
    fn default() -> Self {
        Layers([true; 4])
    }
}

impl Layers {
    fn index(l: Layer) -> usize {
        match l {
            Layer::Trade => 0,
            Layer::Energy => 1,
            Layer::Diplomacy => 2,
            Layer::Plans => 3,
        }
    }

    /// No layer shown.
    pub fn none() -> Layers {
        Layers([false; 4])
    }

    /// True when the layer is shown.
    pub fn shows(&self, l: Layer) -> bool {
        self.0[Self::index(l)]
    }

    /// Shows or hides one layer.
    pub fn set(&mut self, l: Layer, on: bool) {
        self.0[Self::index(l)] = on;
    }

    /// Parses a comma- or space-separated list such as `"trade,energy"`;
    /// unknown words are returned as the error.
    ///
    /// ```
    /// use bridge_map::{data::overlay::Layer, scene::overlay_scene::Layers};
    /// let l = Layers::parse("trade, plans").unwrap();
    /// assert!(l.shows(Layer::Trade) && !l.shows(Layer::Energy));
    /// assert_eq!(Layers::parse("trade,ships"), Err("ships".to_string()));
    /// ```
    pub fn parse(s: &str) -> Result<Layers, String> {
        let mut out = Layers::none();
        for w in s.split([',', ' ']).map(str::trim).filter(|w| !w.is_empty()) {
            out.set(Layer::parse(w).ok_or_else(|| w.to_owned())?, true);
        }
        Ok(out)
    }

    /// The shown layers' words, in legend order.
    pub fn list(&self) -> Vec<&'static str> {
        [Layer::Trade, Layer::Energy, Layer::Diplomacy, Layer::Plans]
            .into_iter()
            .filter(|l| self.shows(*l))
            .map(Layer::as_str)
            .collect()
    }
}

/// One leg of a corridor, projected.
#[derive(Clone, Debug)]
pub struct Leg {
    /// The corridor it belongs to (index into the overlay's features).
    pub feature: usize,
    /// How it is travelled.
    pub mode: Mode,
    /// An end is not on a documented route: drawn dashed.
    pub indicative: bool,
    /// Its middle lies in Kazakhstan: drawn wider.
    pub in_kazakhstan: bool,
    /// The great-circle line, projected.
    pub points: Vec<World>,
    /// Its bounding box, for culling and picking.
    pub bbox: WorldRect,
}

/// A diplomatic link's great-circle arc (one piece of it, if split at the seam).
#[derive(Clone, Debug)]
pub struct Arc {
    /// The event it belongs to.
    pub feature: usize,
    /// The great-circle line, projected.
    pub points: Vec<World>,
    /// Its bounding box.
    pub bbox: WorldRect,
}

/// A node or event marker.
#[derive(Clone, Debug)]
pub struct Marker {
    /// The node or event it marks.
    pub feature: usize,
    /// Where, on the plane.
    pub at: World,
    /// It stands in Kazakhstan: drawn larger.
    pub in_kazakhstan: bool,
    /// Screen offset (CSS px) that fans out markers sharing one place.
    pub fan: (f64, f64),
}

/// A corridor path as a polyline with its length, for particles.
#[derive(Clone, Debug)]
struct Flow {
    feature: usize,
    points: Vec<World>,
    /// Cumulative length at each point, world units.
    along: Vec<f64>,
    both_ways: bool,
    bbox: WorldRect,
}

/// The drawable overlay.
pub struct OverlayScene {
    /// The validated data it was built from.
    pub overlay: Overlay,
    /// Every corridor leg.
    pub legs: Vec<Leg>,
    /// Every diplomatic link's arc.
    pub arcs: Vec<Arc>,
    /// Every node and event marker.
    pub markers: Vec<Marker>,
    flows: Vec<Flow>,
}

/// The line the map draws for one leg or arc: great-circle points between
/// two places, every 50 km (both ends included). The renderer joins them
/// with straight segments on the projected plane; the geography test
/// (`tests/geography.rs`) samples exactly this line.
pub fn great_circle(a: LonLat, b: LonLat) -> Vec<LonLat> {
    Haversine
        .points_along_line(
            Point::new(a.lon, a.lat),
            Point::new(b.lon, b.lat),
            50_000.0,
            true,
        )
        .map(|p| LonLat::new(p.x(), p.y()))
        .collect()
}

fn bbox(points: &[World]) -> WorldRect {
    WorldRect::around(points.iter().copied()).unwrap_or(WorldRect {
        min: World::default(),
        max: World::default(),
    })
}

impl OverlayScene {
    /// Projects the overlay once: legs, arcs, markers and particle flows.
    pub fn build(overlay: Overlay, basemap: &Basemap) -> OverlayScene {
        let proj = &basemap.projection;
        let kazakhstan = basemap.country_index(KAZAKHSTAN);
        let in_kazakhstan = |p: LonLat| kazakhstan.is_some() && basemap.country_at(p) == kazakhstan;
        let mut legs = Vec::new();
        let mut arcs = Vec::new();
        let mut markers = Vec::new();
        let mut flows = Vec::new();
        for (fi, f) in overlay.features.iter().enumerate() {
            match &f.body {
                Body::Corridor { paths, status, .. } => {
                    for path in paths {
                        let mut flow_pts: Vec<World> = Vec::new();
                        for w in path.windows(2) {
                            let (a, b) = (&w[0], &w[1]);
                            let Some(mode) = a.mode else { continue };
                            let gc = great_circle(a.at, b.at);
                            let mid = gc.get(gc.len() / 2).copied().unwrap_or(a.at);
                            let indicative = a.indicative_leg(b);
                            for piece in split_line(proj, &gc) {
                                flow_pts
                                    .extend(piece.iter().skip(usize::from(!flow_pts.is_empty())));
                                legs.push(Leg {
                                    feature: fi,
                                    mode,
                                    indicative,
                                    in_kazakhstan: in_kazakhstan(mid),
                                    bbox: bbox(&piece),
                                    points: piece,
                                });
                            }
                        }
                        if *status == Status::Operating && flow_pts.len() > 1 {
                            let mut along = vec![0.0];
                            for w in flow_pts.windows(2) {
                                along.push(
                                    along.last().copied().unwrap_or(0.0)
                                        + (w[1].x - w[0].x).hypot(w[1].y - w[0].y),
                                );
                            }
                            flows.push(Flow {
                                feature: fi,
                                bbox: bbox(&flow_pts),
                                points: flow_pts,
                                along,
                                both_ways: f.layer == Layer::Trade,
                            });
                        }
                    }
                }
                Body::Node { at, country, .. } => {
                    if let Some(w) = proj.lonlat_to_world(*at) {
                        markers.push(Marker {
                            feature: fi,
                            at: w,
                            in_kazakhstan: country == KAZAKHSTAN,
                            fan: (0.0, 0.0),
                        });
                    }
                }
                Body::Event { at, arc_from, .. } => {
                    if let Some(w) = proj.lonlat_to_world(*at) {
                        markers.push(Marker {
                            feature: fi,
                            at: w,
                            in_kazakhstan: in_kazakhstan(*at),
                            fan: (0.0, 0.0),
                        });
                    }
                    if let Some((from, _)) = arc_from {
                        for piece in split_line(proj, &great_circle(*from, *at)) {
                            arcs.push(Arc {
                                feature: fi,
                                bbox: bbox(&piece),
                                points: piece,
                            });
                        }
                    }
                }
            }
        }
        // Events at one place (Astana hosts many) fan out around it.
        let n = markers.len();
        for i in 0..n {
            if overlay.features[markers[i].feature].kind != Kind::Event {
                continue;
            }
            let same: Vec<usize> = (0..n)
                .filter(|&j| {
                    overlay.features[markers[j].feature].kind == Kind::Event
                        && (markers[j].at.x - markers[i].at.x).abs() < 1e-4
                        && (markers[j].at.y - markers[i].at.y).abs() < 1e-4
                })
                .collect();
            if same.len() > 1 {
                let k = same.iter().position(|&j| j == i).unwrap_or(0) as f64;
                let angle =
                    std::f64::consts::TAU * k / same.len() as f64 - std::f64::consts::FRAC_PI_2;
                let r = 7.0 + same.len() as f64;
                markers[i].fan = (r * angle.cos(), r * angle.sin());
            }
        }
        OverlayScene {
            overlay,
            legs,
            arcs,
            markers,
            flows,
        }
    }

    fn shown(&self, feature: usize, layers: &Layers) -> bool {
        self.overlay
            .features
            .get(feature)
            .is_some_and(|f| layers.shows(f.layer))
    }

    /// Where a marker is drawn on screen.
    pub fn marker_screen(&self, m: &Marker, view: &View, vp: Viewport) -> Screen {
        let s = view.world_to_screen(m.at, vp);
        Screen::new(s.x + m.fan.0, s.y + m.fan.1)
    }

    /// Marker radius in CSS px.
    pub fn marker_radius(&self, m: &Marker) -> f64 {
        if m.in_kazakhstan {
            5.5
        } else {
            4.5
        }
    }

    /// The topmost visible overlay feature at a screen point: markers first,
    /// then corridors and arcs.
    pub fn pick(
        &self,
        p: Screen,
        view: &View,
        vp: Viewport,
        layers: &Layers,
        kind: Option<Kind>,
    ) -> Option<usize> {
        let wanted = |fi: usize| {
            self.shown(fi, layers) && kind.is_none_or(|k| self.overlay.features[fi].kind == k)
        };
        let mut best: Option<(f64, usize)> = None;
        for m in self.markers.iter().filter(|m| wanted(m.feature)) {
            let d = self.marker_screen(m, view, vp).distance(p);
            if d <= self.marker_radius(m) + 4.0 && best.is_none_or(|(bd, _)| d < bd) {
                best = Some((d, m.feature));
            }
        }
        if best.is_some() {
            return best.map(|b| b.1);
        }
        let near = 6.0;
        let area = WorldRect {
            min: view.screen_to_world(Screen::new(p.x - near, p.y + near), vp),
            max: view.screen_to_world(Screen::new(p.x + near, p.y - near), vp),
        };
        let lines = self
            .legs
            .iter()
            .map(|l| (l.feature, &l.points, l.bbox))
            .chain(self.arcs.iter().map(|a| (a.feature, &a.points, a.bbox)));
        let to = view.to_screen(vp);
        for (fi, pts, b) in lines {
            if !wanted(fi) || !b.intersects(&area) {
                continue;
            }
            for w in pts.windows(2) {
                let d = p.distance_to_segment(to.apply(w[0]), to.apply(w[1]));
                if d <= near && best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, fi));
                }
            }
        }
        best.map(|b| b.1)
    }

    /// Draws arcs, legs and markers of the shown layers (the static part).
    pub fn draw(
        &self,
        s: &mut dyn Surface,
        view: &View,
        vp: Viewport,
        layers: &Layers,
        style: &Style,
    ) -> Result<(), DrawError> {
        let area = view.visible(vp).inflate(20.0 / view.scale());
        // Lines trace only what can be seen: a route far out of view costs
        // nothing to stroke. Dashes keep their places on the whole line; the
        // margin is wider than any dash period plus the widest stroke.
        let keep = ScreenBox::around(vp.width, vp.height, 24.0);
        let to = view.to_screen(vp);
        let trace = |s: &mut dyn Surface, pts: &[World], st: &StrokeStyle| {
            let on_screen = pts.iter().map(|&p| to.apply(p));
            if st.is_dashed() {
                trace_visible_dashed(s, on_screen, keep, st.dash[0] + st.dash[1]);
            } else {
                trace_visible(s, on_screen, keep);
            }
        };
        let arc_stroke = style.diplomacy_stroke();
        s.begin_path();
        for a in self
            .arcs
            .iter()
            .filter(|a| self.shown(a.feature, layers) && a.bbox.intersects(&area))
        {
            trace(s, &a.points, &arc_stroke);
        }
        s.stroke(&arc_stroke)?;

        let legs: Vec<&Leg> = self
            .legs
            .iter()
            .filter(|l| self.shown(l.feature, layers) && l.bbox.intersects(&area))
            .collect();
        // A light casing under every route keeps it readable on any fill.
        let casing = StrokeStyle::solid(style.routes.casing, ROUTE_WIDTH_IN_KAZAKHSTAN + 2.0);
        s.begin_path();
        for l in legs.iter().filter(|l| !l.indicative && l.mode != Mode::Sea) {
            trace(s, &l.points, &casing);
        }
        s.stroke(&casing)?;
        // Group legs by stroke so each style is one path.
        let mut styles: Vec<StrokeStyle> = Vec::new();
        let stroke_of = |l: &Leg| {
            let plan = self.overlay.features[l.feature].layer == Layer::Plans;
            style.leg_stroke(l.mode, l.indicative, plan, l.in_kazakhstan)
        };
        for l in &legs {
            let st = stroke_of(l);
            if !styles.contains(&st) {
                styles.push(st);
            }
        }
        for st in styles {
            s.begin_path();
            for l in legs.iter().filter(|l| stroke_of(l) == st) {
                trace(s, &l.points, &st);
            }
            s.stroke(&st)?;
        }

        for m in self
            .markers
            .iter()
            .filter(|m| self.shown(m.feature, layers))
        {
            self.draw_marker(s, m, view, vp, style)?;
        }
        Ok(())
    }

    fn draw_marker(
        &self,
        s: &mut dyn Surface,
        m: &Marker,
        view: &View,
        vp: Viewport,
        style: &Style,
    ) -> Result<(), DrawError> {
        let c = self.marker_screen(m, view, vp);
        let r = self.marker_radius(m);
        let f = &self.overlay.features[m.feature];
        s.begin_path();
        match &f.body {
            Body::Node { node_type, .. } => match node_type {
                NodeType::Border => {
                    s.move_to(Screen::new(c.x, c.y - r * 1.25));
                    s.line_to(Screen::new(c.x + r * 1.25, c.y));
                    s.line_to(Screen::new(c.x, c.y + r * 1.25));
                    s.line_to(Screen::new(c.x - r * 1.25, c.y));
                    s.close_path();
                }
                NodeType::Dryport | NodeType::Hub => {
                    s.move_to(Screen::new(c.x - r, c.y - r));
                    s.line_to(Screen::new(c.x + r, c.y - r));
                    s.line_to(Screen::new(c.x + r, c.y + r));
                    s.line_to(Screen::new(c.x - r, c.y + r));
                    s.close_path();
                }
                NodeType::Field | NodeType::Terminal => {
                    s.move_to(Screen::new(c.x, c.y - r * 1.3));
                    s.line_to(Screen::new(c.x + r * 1.2, c.y + r * 0.9));
                    s.line_to(Screen::new(c.x - r * 1.2, c.y + r * 0.9));
                    s.close_path();
                }
                NodeType::Seaport => s.circle(c, r)?,
            },
            Body::Corridor { .. } | Body::Event { .. } => s.circle(c, r)?,
        }
        let (fill, stroke) = match (&f.body, m.in_kazakhstan) {
            (Body::Event { .. }, _) => (style.routes.diplomacy, style.routes.event_stroke),
            (_, true) => (
                style.routes.node_fill_in_kazakhstan,
                style.routes.node_stroke_in_kazakhstan,
            ),
            (_, false) => (style.routes.node_fill, style.routes.node_stroke),
        };
        s.fill(fill);
        s.stroke(&StrokeStyle::solid(stroke, 1.4))?;
        Ok(())
    }

    /// Draws the hover or selection emphasis for one feature: a glow along
    /// the whole corridor (every branch), or a ring round a marker.
    pub fn draw_highlight(
        &self,
        s: &mut dyn Surface,
        feature: usize,
        view: &View,
        vp: Viewport,
        strong: bool,
        style: &Style,
    ) -> Result<(), DrawError> {
        let glow = if strong {
            style.routes.halo
        } else {
            style.routes.halo.with_alpha(style.routes.halo.a * 0.6)
        };
        let halo = StrokeStyle::solid(glow, 10.0);
        s.begin_path();
        let mut any = false;
        let lines = self
            .legs
            .iter()
            .filter(|l| l.feature == feature)
            .map(|l| &l.points);
        for pts in lines.chain(
            self.arcs
                .iter()
                .filter(|a| a.feature == feature)
                .map(|a| &a.points),
        ) {
            any |= trace_line(s, pts, view, vp);
        }
        if any {
            s.stroke(&halo)?;
            for l in self.legs.iter().filter(|l| l.feature == feature) {
                let plan = self.overlay.features[feature].layer == Layer::Plans;
                s.begin_path();
                trace_line(s, &l.points, view, vp);
                s.stroke(&style.leg_stroke(l.mode, l.indicative, plan, true))?;
            }
        }
        for m in self.markers.iter().filter(|m| m.feature == feature) {
            let c = self.marker_screen(m, view, vp);
            s.begin_path();
            s.circle(c, self.marker_radius(m) + 5.0)?;
            s.fill(glow);
            self.draw_marker(s, m, view, vp, style)?;
        }
        Ok(())
    }

    /// True when some shown layer has moving particles.
    pub fn animates(&self, layers: &Layers) -> bool {
        self.flows.iter().any(|f| self.shown(f.feature, layers))
    }

    /// The flow particles for a view, as compositor animations (see
    /// [`crate::scene::flow`]): dots that travel along the operating
    /// corridors of the shown layers — both ways on trade routes, source to
    /// market on pipelines — at a constant screen speed. `time_ms` is the
    /// flow clock, which sets every dot's phase.
    pub fn flow_dots(
        &self,
        view: &View,
        vp: Viewport,
        layers: &Layers,
        style: &Style,
        time_ms: f64,
    ) -> FlowDots {
        let area = view.visible(vp).inflate(8.0 / view.scale());
        let to = view.to_screen(vp);
        let scale = to.scale;
        let mut tracks = Vec::new();
        for f in self
            .flows
            .iter()
            .filter(|f| self.shown(f.feature, layers) && f.bbox.intersects(&area))
        {
            let stroke = match &self.overlay.features[f.feature].body {
                Body::Corridor { mode, .. } => style.mode_color(mode.leg_mode()),
                // Flows are built from corridors only.
                Body::Node { .. } | Body::Event { .. } => style.routes.rail,
            };
            let points: Vec<Screen> = f.points.iter().map(|&w| to.apply(w)).collect();
            let along: Vec<f64> = f.along.iter().map(|a| a * scale).collect();
            let flow = ScreenFlow {
                points: &points,
                along: &along,
                both_ways: f.both_ways,
                stroke,
            };
            flow::tracks(&flow, vp, time_ms, &mut tracks);
        }
        FlowDots {
            fill: style.routes.particle,
            tracks,
        }
    }

    /// Great-circle length in km of a corridor's longest branch, for the
    /// info panel when the data gives no length. (Adding up branches would
    /// overstate it: the Middle Corridor has five.)
    pub fn measured_km(&self, feature: usize) -> Option<f64> {
        match &self.overlay.features.get(feature)?.body {
            Body::Corridor { paths, .. } => paths
                .iter()
                .map(|p| {
                    p.windows(2)
                        .map(|w| {
                            Haversine.distance(
                                Point::new(w[0].at.lon, w[0].at.lat),
                                Point::new(w[1].at.lon, w[1].at.lat),
                            ) / 1000.0
                        })
                        .sum::<f64>()
                })
                .max_by(f64::total_cmp),
            _ => None,
        }
    }
}

/// Adds a projected polyline to the current path; false when it is empty.
fn trace_line(s: &mut dyn Surface, pts: &[World], view: &View, vp: Viewport) -> bool {
    let to = view.to_screen(vp);
    let mut it = pts.iter().map(|&p| to.apply(p));
    let Some(first) = it.next() else { return false };
    s.move_to(first);
    it.for_each(|p| s.line_to(p));
    true
}
