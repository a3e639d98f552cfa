//! The flow animation across the app, with the shipped geometry and data:
//! the dots' keyframes follow the drawn corridors at every zoom, the dot
//! layer is built once per settled view and moved with the map meanwhile,
//! and the flow pauses after a minute without interaction until the visitor
//! interacts or presses play.

mod common;

use bridge_map::app::flow::{plan_dots, DotPlan, FlowState, PAUSE_AFTER_MS};
use bridge_map::app::frame::{plan_frame, FramePlan, Staged};
use bridge_map::app::input::{Input, Key, PointerKind};
use bridge_map::app::{App, Needs, ViewState};
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Layer;
use bridge_map::geo::coords::Screen;
use bridge_map::geo::view::{View, Viewport};
use bridge_map::scene::flow::{dot_position, FlowDots, SPACING_PX, SPEED_PX_PER_S};
use bridge_map::scene::overlay_scene::Layers;

const BRIDGE: &str = include_str!("../data/bridge.json");

fn app() -> App {
    let mut a = App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).expect("geometry");
    let json: Json = serde_json::from_str(BRIDGE).expect("bridge.json is JSON");
    a.set_overlay(&json).expect("bridge.json is valid");
    a
}

/// Distance from `p` to the nearest drawn leg of a shown corridor, CSS px.
fn off_route(a: &App, p: Screen) -> f64 {
    let o = a.overlay().expect("overlay");
    let layers = a.layers();
    let (view, vp) = (a.view(), a.viewport());
    let mut best = f64::INFINITY;
    for leg in &o.legs {
        if !layers.shows(o.overlay.features[leg.feature].layer) {
            continue;
        }
        for w in leg.points.windows(2) {
            let (s, t) = (
                view.world_to_screen(w[0], vp),
                view.world_to_screen(w[1], vp),
            );
            let (dx, dy) = (t.x - s.x, t.y - s.y);
            let len2 = dx * dx + dy * dy;
            let u = if len2 > 0.0 {
                (((p.x - s.x) * dx + (p.y - s.y) * dy) / len2).clamp(0.0, 1.0)
            } else {
                0.0
            };
            best = best.min(p.distance(Screen::new(s.x + u * dx, s.y + u * dy)));
        }
    }
    best
}

/// Every dot at a few moments of its loop, checked against the drawn legs.
fn dots_follow_the_routes(a: &App, dots: &FlowDots, what: &str) {
    let mut on_screen = 0;
    for t in &dots.tracks {
        assert_eq!(
            t.points.len(),
            t.offsets.len(),
            "{what}: one offset per keyframe"
        );
        assert!(
            t.offsets.windows(2).all(|w| w[0] <= w[1]),
            "{what}: offsets never go back"
        );
        for d in &t.dots {
            for ms in [0.0, 700.0, 2900.0, 11_000.0] {
                let p = dot_position(t, d, ms);
                if (0.0..1280.0).contains(&p.x) && (0.0..800.0).contains(&p.y) {
                    on_screen += 1;
                }
                let off = off_route(a, p);
                assert!(
                    off < 0.5,
                    "{what}: a dot at {p:?} is {off:.2} px off every route"
                );
            }
        }
    }
    assert!(
        on_screen > 20,
        "{what}: only {on_screen} dot positions on screen"
    );
}

#[test]
fn the_dots_ride_on_the_drawn_corridors_at_home_and_zoomed_in() {
    let mut a = app();
    let home = a.flow_dots(12_345.0);
    let (dots, keyframes): (usize, usize) = (
        home.dot_count(),
        home.tracks
            .iter()
            .map(|t| t.points.len() * t.dots.len())
            .sum(),
    );
    println!(
        "home: {} tracks, {dots} dots, {keyframes} keyframes in all",
        home.tracks.len()
    );
    // About a dot every 70 px of operating corridor on screen.
    assert!((20..400).contains(&dots), "{dots} dots at home");
    dots_follow_the_routes(&a, &home, "home");

    // Zoomed in five levels over Kazakhstan the corridors are 32 times as
    // long, but only what is near the screen gets dots.
    a.set_view_state(ViewState {
        lon: 67.5,
        lat: 48.3,
        zoom: a.view_state().zoom + 5.0,
    })
    .expect("a view");
    let close = a.flow_dots(12_345.0);
    println!(
        "zoomed: {} tracks, {} dots",
        close.tracks.len(),
        close.dot_count()
    );
    // Whole, the corridors would need about 32 times the dots of home.
    assert!(
        close.dot_count() < 3 * dots,
        "{} dots zoomed in",
        close.dot_count()
    );
    assert!(
        close.tracks.iter().all(|t| t.period_ms < 60_000.0),
        "windows span about a screen, not a corridor"
    );
    dots_follow_the_routes(&a, &close, "zoomed in");
}

#[test]
fn dots_keep_the_spacing_and_speed_of_the_canvas_particles() {
    let a = app();
    let dots = a.flow_dots(0.0);
    for t in &dots.tracks {
        // A track is travelled at the particles' speed...
        let len: f64 = t.points.windows(2).map(|w| w[0].distance(w[1])).sum();
        let speed = len / (t.period_ms / 1000.0);
        assert!(
            (speed - SPEED_PX_PER_S).abs() < 0.05 * SPEED_PX_PER_S,
            "{speed} px/s"
        );
        // ...and holds a dot per spacing along it.
        assert!(
            (t.dots.len() as f64 - len / SPACING_PX).abs() <= 1.0,
            "{} dots on {len} px",
            t.dots.len()
        );
    }
}

#[test]
fn layers_colours_and_motion_decide_which_dots_there_are() {
    let mut a = app();
    let all = a.flow_dots(0.0).dot_count();
    let mut energy = Layers::none();
    energy.set(Layer::Energy, true);
    a.set_layers(energy);
    let pipelines = a.flow_dots(0.0);
    assert!(pipelines.dot_count() > 0 && pipelines.dot_count() < all);
    assert!(
        pipelines
            .tracks
            .iter()
            .flat_map(|t| &t.dots)
            .all(|d| !d.reverse),
        "pipelines flow one way, source to market"
    );
    let mut diplomacy = Layers::none();
    diplomacy.set(Layer::Diplomacy, true);
    a.set_layers(diplomacy);
    assert_eq!(a.flow_state(), FlowState::Off, "no moving layer shown");
    assert_eq!(a.flow_dots(0.0).dot_count(), 0);
    a.set_layers(Layers::default());
    let light = a.flow_dots(0.0).fill;
    a.set_dark(true);
    assert_ne!(a.flow_dots(0.0).fill, light, "dark theme, dark-theme dots");
    a.set_motion(false);
    assert_eq!(a.flow_state(), FlowState::Off, "reduced motion");
}

/// The web layer's part for the dot layer: the view its dots were built
/// for, carried out as `web::Runner` does.
struct Sim {
    app: App,
    cached: Option<View>,
    built: Option<View>,
    settle_armed: bool,
    staged: Option<Staged>,
}

impl Sim {
    fn new() -> Sim {
        let mut sim = Sim {
            app: app(),
            cached: None,
            built: None,
            staged: None,
            settle_armed: false,
        };
        assert!(matches!(
            sim.frame(),
            (FramePlan::Render { .. }, DotPlan::Build)
        ));
        sim
    }

    fn apply(&mut self, needs: Needs) {
        self.settle_armed |= needs.settle_later;
    }

    fn input(&mut self, input: Input) {
        let (_, needs) = self.app.handle(input);
        self.apply(needs);
    }

    /// One frame: the map's plan and the dots'.
    fn frame(&mut self) -> (FramePlan, DotPlan) {
        let plan = plan_frame(
            &self
                .app
                .frame_state(true, true, self.cached, self.staged, None),
        );
        self.staged = None;
        match plan {
            FramePlan::Render { view, .. } => {
                self.app.cache_rendered();
                self.cached = Some(view);
            }
            FramePlan::Stage { view, stage, .. } => {
                self.staged = Some(Staged {
                    view,
                    done: stage + 1,
                })
            }
            _ => {}
        }
        let busy =
            self.staged.is_some() || matches!(plan, FramePlan::Render { from, .. } if from > 0);
        let dots = plan_dots(&self.app.dot_state(self.built, busy));
        match dots {
            DotPlan::Build => {
                self.built = Some(self.app.view());
                self.app.dots_built();
            }
            DotPlan::Clear => self.built = None,
            DotPlan::Keep | DotPlan::Move(_) => {}
        }
        (plan, dots)
    }

    /// The quiet period ends: the plan of the frame that shows the new
    /// rendering and the dots' plan of the frame that rebuilds them (the
    /// same frame for a whole rendering, the next one after stages).
    fn settle(&mut self) -> (FramePlan, DotPlan) {
        assert!(std::mem::take(&mut self.settle_armed), "a settle is armed");
        assert!(self.app.settle());
        let (mut plan, mut dots) = self.frame();
        let mut staged = false;
        while matches!(plan, FramePlan::Stage { .. }) {
            assert_eq!(dots, DotPlan::Keep, "the dots wait while stages are drawn");
            staged = true;
            (plan, dots) = self.frame();
        }
        if staged {
            // The frame that shows the rendering builds no dots either: the
            // next one does, the picture in place.
            assert_eq!(dots, DotPlan::Keep, "{plan:?}");
            let (after, built) = self.frame();
            assert_eq!(
                after,
                FramePlan::Move {
                    transform: bridge_map::render::Blit::IDENTITY
                }
            );
            dots = built;
        }
        (plan, dots)
    }
}

#[test]
fn a_drag_moves_the_dots_with_the_bitmap_and_builds_them_once_it_settles() {
    let mut sim = Sim::new();
    let c = sim.app.viewport().center();
    let kind = PointerKind::Mouse;
    sim.input(Input::PointerDown {
        id: 1,
        pos: c,
        kind,
    });
    for i in 1..=5 {
        let pos = Screen::new(c.x + 10.0 * f64::from(i), c.y);
        sim.input(Input::PointerMove { id: 1, pos, kind });
        match sim.frame() {
            (FramePlan::Move { transform }, DotPlan::Move(moved)) => {
                assert_eq!(transform, moved, "the dots move exactly like the picture")
            }
            other => panic!("frame {i} of the drag: {other:?}"),
        }
    }
    // Held still, not released: the quiet period settles it.
    assert!(matches!(
        sim.settle(),
        (FramePlan::Render { .. }, DotPlan::Build)
    ));
    assert_eq!(
        sim.frame(),
        (
            FramePlan::Move {
                transform: bridge_map::render::Blit::IDENTITY,
            },
            DotPlan::Keep
        )
    );
}

#[test]
fn layers_and_motion_rebuild_or_clear_the_dots_at_once() {
    let mut sim = Sim::new();
    let mut no_trade = Layers::default();
    no_trade.set(Layer::Trade, false);
    sim.app.set_layers(no_trade);
    assert_eq!(sim.frame().1, DotPlan::Build);
    assert_eq!(sim.frame().1, DotPlan::Keep);
    sim.app.set_motion(false);
    assert_eq!(sim.frame().1, DotPlan::Clear);
    assert_eq!(sim.frame().1, DotPlan::Keep, "an empty layer stays empty");
    sim.app.set_motion(true);
    assert_eq!(sim.frame().1, DotPlan::Build);
    // A key press moves the view: the dots move, then are built again.
    sim.input(Input::Key(Key::Look { dx: 80.0, dy: 0.0 }));
    assert!(matches!(sim.frame().1, DotPlan::Move(_)));
    assert_eq!(sim.settle().1, DotPlan::Build);
}

#[test]
fn the_flow_pauses_after_a_minute_alone_and_any_interaction_resumes_it() {
    let mut a = app();
    assert_eq!(
        a.take_flow_change(),
        Some(FlowState::Playing),
        "the shell hears the first state"
    );
    assert_eq!(a.take_flow_change(), None, "and then only changes");
    a.activity(0.0);
    a.flow_sync(0.0);
    let due = a.flow_deadline(0.0).expect("a running flow has a deadline");
    assert_eq!(due, PAUSE_AFTER_MS);
    // An interaction half-way: the first check is early, and says so.
    a.activity(20_000.0);
    assert_eq!(a.flow_tick(due), Needs::default());
    let due = a.flow_deadline(due).expect("still running");
    assert_eq!(due, 20_000.0 + PAUSE_AFTER_MS);
    assert!(a.flow_tick(due).frame, "the flow pauses");
    a.flow_sync(due);
    assert_eq!(a.flow_state(), FlowState::Paused);
    assert!(!a.flow_running());
    assert_eq!(a.take_flow_change(), Some(FlowState::Paused));
    assert_eq!(
        a.flow_deadline(due + 1.0),
        None,
        "nothing to wait for while paused"
    );
    // The phase is kept: the flow clock stopped with the dots.
    let t = a.flow_dots(due + 5000.0);
    assert_eq!(t, a.flow_dots(due + 50_000.0), "paused dots do not move");
    // Any interaction resumes.
    assert!(a.activity(due + 60_000.0).frame);
    assert_eq!(a.flow_state(), FlowState::Playing);
}

#[test]
fn a_pause_asked_for_holds_until_play_and_unseen_maps_do_not_run() {
    let mut a = app();
    a.flow_sync(0.0);
    assert!(a.set_flow(false, 1000.0).frame);
    a.flow_sync(1000.0);
    assert_eq!(a.flow_state(), FlowState::Paused);
    assert_eq!(
        a.activity(2000.0),
        Needs::default(),
        "interaction does not override the button"
    );
    assert_eq!(a.flow_state(), FlowState::Paused);
    assert!(a.set_flow(true, 3000.0).frame);
    a.flow_sync(3000.0);
    assert_eq!(a.flow_state(), FlowState::Playing);
    // Off screen, or in a hidden page: still playing for the visitor, but
    // the dots hold still and no pause is pending.
    assert!(a.set_visible(false).frame, "the dots must be held");
    a.flow_sync(4000.0);
    assert!(!a.flow_running());
    assert_eq!(a.flow_deadline(4000.0), None);
    assert!(a.set_visible(true).frame);
    a.flow_sync(100_000.0);
    assert_eq!(
        a.flow_deadline(100_000.0),
        Some(100_000.0 + PAUSE_AFTER_MS - 1000.0),
        "the second unseen did not count"
    );
    // The host can turn the idle pause off.
    a.set_flow_pause(None);
    assert_eq!(a.flow_deadline(100_000.0), None);
}
