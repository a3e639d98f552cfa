//! Frame planning across the app: every path that moves the view — drag,
//! wheel, pinch, double-click, keys, the zoom buttons, a tour step, a
//! permalink or `el.view` — moves the last rendering with a CSS transform
//! while the view moves and renders the basemap once it settles; changes
//! that are not a move (layers, language, palette, data) render at once.
//! Tour flights land exactly on the step's view.

mod common;

use bridge_map::app::frame::{plan_frame, FramePlan, Remote, Staged, RENDER_STAGES};
use bridge_map::app::input::{Input, Key, PointerKind};
use bridge_map::app::{App, Needs, ViewState};
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Layer;
use bridge_map::data::topology::Lang;
use bridge_map::geo::coords::Screen;
use bridge_map::geo::view::{View, Viewport};
use bridge_map::render::Blit;
use bridge_map::scene::overlay_scene::Layers;

const MIN: &str = include_str!("fixtures/overlay-min.json");

/// The web layer's part, reduced to what planning needs: the view its
/// bitmap shows and whether a settle timer is armed. It carries plans out
/// as `web::Runner` does.
struct Sim {
    app: App,
    cached: Option<View>,
    settle_armed: bool,
    /// The animation-frame clock, in ms.
    now_ms: f64,
    /// A rendering drawn in stages under way, as the web layer keeps it.
    staged: Option<Staged>,
    /// With a raster worker: what was asked of it and what came back.
    remote: Option<Remote>,
}

impl Sim {
    /// A map whose first frame is drawn and settled.
    fn new() -> Sim {
        let app = App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).expect("geometry");
        let mut sim = Sim {
            app,
            cached: None,
            staged: None,
            remote: None,
            settle_armed: false,
            now_ms: 1000.0,
        };
        assert!(
            matches!(sim.frame(), FramePlan::Render { .. }),
            "the first frame renders"
        );
        sim
    }

    /// A map that draws through a raster worker, its first rendering
    /// shown and settled.
    fn remote() -> Sim {
        let app = App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).expect("geometry");
        let mut sim = Sim {
            app,
            cached: None,
            staged: None,
            remote: Some(Remote::default()),
            settle_armed: false,
            now_ms: 1000.0,
        };
        let view = sim.app.view();
        assert_eq!(
            sim.frame(),
            FramePlan::Request {
                view,
                transform: Blit::IDENTITY,
                map: true
            },
            "the first frame asks for a rendering"
        );
        assert_eq!(sim.frame(), FramePlan::Skip, "nothing to show meanwhile");
        sim.arrive();
        assert_eq!(
            sim.frame(),
            FramePlan::Show {
                view,
                transform: Blit::IDENTITY
            }
        );
        assert!(is_at_rest(&sim.frame()));
        sim
    }

    /// The worker sends back the rendering asked for.
    fn arrive(&mut self) {
        let r = self.remote.as_mut().expect("a worker");
        r.arrived = Some(r.pending.take().expect("a rendering was asked for"));
    }

    fn with_overlay() -> Sim {
        let mut sim = Sim::new();
        let json: Json = serde_json::from_str(MIN).expect("fixture is JSON");
        let needs = sim.app.set_overlay(&json).expect("fixture is valid");
        sim.apply(needs);
        assert!(
            matches!(sim.frame(), FramePlan::Render { .. }),
            "new data renders"
        );
        sim.quiet();
        sim
    }

    fn apply(&mut self, needs: Needs) {
        self.settle_armed |= needs.settle_later;
    }

    fn input(&mut self, input: Input) {
        let (_, needs) = self.app.handle(input);
        self.apply(needs);
    }

    /// One animation frame, a 60th of a second after the last, as
    /// `web::Runner` draws it.
    fn frame(&mut self) -> FramePlan {
        self.now_ms += 1000.0 / 60.0;
        let moved = self.app.advance(self.now_ms);
        let plan =
            plan_frame(
                &self
                    .app
                    .frame_state(true, true, self.cached, self.staged, self.remote),
            );
        self.staged = None;
        match plan {
            FramePlan::Request { view, map, .. } => {
                let r = self.remote.as_mut().expect("a request only with a worker");
                assert!(r.pending.is_none(), "one drawing asked for at a time");
                r.pending = Some(view);
                if map {
                    self.app.rendering_requested();
                } else {
                    assert_eq!(
                        self.cached,
                        Some(view),
                        "highlights alone: for the picture's view"
                    );
                }
                self.app.highlights_drawn();
            }
            FramePlan::Show { view, .. } => {
                let r = self
                    .remote
                    .as_mut()
                    .expect("a rendering shown only with a worker");
                assert_eq!(r.arrived.take(), Some(view), "shows what came back");
                self.cached = Some(view);
                self.app.highlights_drawn();
            }
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
            FramePlan::Redraw => self.app.highlights_drawn(),
            _ => {}
        }
        let _ = moved;
        plan
    }

    /// Frames until a rendering drawn in stages is shown: the plan of the
    /// frame that shows it (or of the first frame, when it is no stage).
    /// Each stage before it draws the same view, in order, and keeps the
    /// old picture on screen.
    fn finish(&mut self) -> FramePlan {
        let plan = self.frame();
        self.finish_from(plan)
    }

    /// [`Sim::finish`] from the plan of a frame already drawn.
    fn finish_from(&mut self, mut plan: FramePlan) -> FramePlan {
        let mut stage = 0;
        while let FramePlan::Stage { view, stage: s, .. } = plan {
            assert_eq!(s, stage, "stages are drawn in order");
            assert_eq!(view, self.app.view(), "a stage draws the settled view");
            assert!(self.cached != Some(view), "the old picture stays meanwhile");
            stage += 1;
            plan = self.frame();
        }
        if stage > 0 {
            assert!(
                matches!(plan, FramePlan::Render { from, .. } if from == stage),
                "the last frame draws the rest and shows it: {plan:?}"
            );
        }
        plan
    }

    /// The settle timer fires (the view was quiet): the frame that shows
    /// the rendering it asks for (see [`Sim::finish`]).
    fn settle(&mut self) -> FramePlan {
        assert!(self.settle_armed, "a view change arms the settle timer");
        self.settle_armed = false;
        assert!(self.app.settle(), "the view was moving until now");
        self.finish()
    }

    /// Lets any pending settle happen.
    fn quiet(&mut self) {
        if std::mem::take(&mut self.settle_armed) && self.app.settle() {
            self.finish();
        }
    }

    fn center(&self) -> Screen {
        self.app.viewport().center()
    }
}

/// A frame on the compositor's path: the picture moved by a transform,
/// nothing drawn.
fn is_moved_blit(p: &FramePlan) -> bool {
    matches!(p, FramePlan::Move { transform, .. } if *transform != Blit::IDENTITY)
}

/// A frame that changes nothing the picture shows and leaves it in place.
fn is_at_rest(p: &FramePlan) -> bool {
    matches!(p, FramePlan::Move { transform, .. } if *transform == Blit::IDENTITY)
}

/// A full rendering of the current view, the transform reset.
fn is_render_here(p: &FramePlan, sim: &Sim) -> bool {
    matches!(p, FramePlan::Render { view, transform, .. } if *view == sim.app.view() && *transform == Blit::IDENTITY)
}

/// The common assertion: the frames while the view moves only move the
/// picture (no basemap render), and the settle renders it once for the new
/// view and resets the transform.
fn moves_on_the_fast_path(sim: &mut Sim, what: &str) {
    let plan = sim.frame();
    assert!(
        is_moved_blit(&plan),
        "{what}: expected a moved picture, got {plan:?}"
    );
    assert!(!sim.app.settled(), "{what}: the view is moving");
    let plan = sim.settle();
    assert!(
        is_render_here(&plan, sim),
        "{what}: settle renders, got {plan:?}"
    );
    assert_eq!(
        sim.cached,
        Some(sim.app.view()),
        "{what}: the bitmap shows the final view"
    );
    // Nothing more to do: the next frame leaves the sharp picture as is.
    assert!(is_at_rest(&sim.frame()));
}

#[test]
fn a_drag_blits_while_moving_and_renders_on_release() {
    let mut sim = Sim::new();
    let c = sim.center();
    let kind = PointerKind::Mouse;
    sim.input(Input::PointerDown {
        id: 1,
        pos: c,
        kind,
    });
    for i in 1..=10 {
        let pos = Screen::new(c.x + 8.0 * f64::from(i), c.y);
        sim.input(Input::PointerMove { id: 1, pos, kind });
        let plan = sim.frame();
        assert!(is_moved_blit(&plan), "drag step {i}: got {plan:?}");
    }
    sim.input(Input::PointerUp {
        id: 1,
        pos: Screen::new(c.x + 80.0, c.y),
    });
    // The release is the end of the gesture: sharp at once, no quiet
    // period to wait for (the rendering is drawn in stages).
    assert!(sim.app.settled());
    assert!(is_render_here(&sim.finish(), &sim));
}

#[test]
fn a_drag_that_pauses_renders_after_the_quiet_period() {
    let mut sim = Sim::new();
    let c = sim.center();
    let kind = PointerKind::Touch;
    sim.input(Input::PointerDown {
        id: 1,
        pos: c,
        kind,
    });
    sim.input(Input::PointerMove {
        id: 1,
        pos: Screen::new(c.x + 40.0, c.y + 10.0),
        kind,
    });
    moves_on_the_fast_path(&mut sim, "paused drag");
}

#[test]
fn the_wheel_blits_while_moving_and_renders_after_settle() {
    let mut sim = Sim::new();
    let pos = sim.center();
    for _ in 0..5 {
        sim.input(Input::Wheel {
            pos,
            delta_px: -40.0,
            pinch: false,
            modified: false,
        });
        assert!(is_moved_blit(&sim.frame()));
    }
    moves_on_the_fast_path(&mut sim, "wheel");
}

#[test]
fn a_trackpad_pinch_and_a_two_finger_pinch_use_the_fast_path() {
    let mut sim = Sim::new();
    let pos = sim.center();
    sim.input(Input::Wheel {
        pos,
        delta_px: -20.0,
        pinch: true,
        modified: true,
    });
    moves_on_the_fast_path(&mut sim, "trackpad pinch");

    let c = sim.center();
    let kind = PointerKind::Touch;
    sim.input(Input::PointerDown {
        id: 1,
        pos: Screen::new(c.x - 50.0, c.y),
        kind,
    });
    sim.input(Input::PointerDown {
        id: 2,
        pos: Screen::new(c.x + 50.0, c.y),
        kind,
    });
    sim.input(Input::PointerMove {
        id: 2,
        pos: Screen::new(c.x + 90.0, c.y),
        kind,
    });
    moves_on_the_fast_path(&mut sim, "two-finger pinch");
}

#[test]
fn a_double_click_blits_then_renders_after_settle() {
    let mut sim = Sim::new();
    let pos = sim.center();
    sim.input(Input::DoubleClick {
        pos,
        zoom_out: false,
    });
    moves_on_the_fast_path(&mut sim, "double-click in");
    sim.input(Input::DoubleClick {
        pos,
        zoom_out: true,
    });
    moves_on_the_fast_path(&mut sim, "shift+double-click out");
}

#[test]
fn keys_and_the_zoom_buttons_blit_then_render_after_settle() {
    // The zoom buttons press the same keys (`BridgeMap::press`).
    let mut sim = Sim::new();
    for key in ["ArrowRight", "ArrowDown", "+", "-", "=", "_"] {
        let k = Key::from_dom(key).expect("a map key");
        sim.input(Input::Key(k));
        moves_on_the_fast_path(&mut sim, key);
    }
    // Held down: autorepeat moves the view every frame; one render at the
    // end. Zoomed in first, so the pans stay inside the limits.
    sim.input(Input::Key(Key::ZoomIn));
    sim.quiet();
    for _ in 0..4 {
        sim.input(Input::Key(Key::Look { dx: 96.0, dy: 0.0 }));
        assert!(is_moved_blit(&sim.frame()));
    }
    moves_on_the_fast_path(&mut sim, "held arrow key");
    // Home (the `0` key and the reset button), from one level in: the way
    // back is on the fast path too.
    let mut sim = Sim::new();
    sim.input(Input::Key(Key::ZoomIn));
    sim.quiet();
    sim.input(Input::Key(Key::Home));
    moves_on_the_fast_path(&mut sim, "Home");
}

#[test]
fn a_host_view_blits_while_it_animates_and_renders_once_it_stops() {
    // `el.view` set every frame by a host page, and a permalink jump (which
    // sets `el.view` too).
    let mut sim = Sim::new();
    let start = sim.app.view_state();
    for i in 1..=30 {
        let needs = sim
            .app
            .set_view_state(ViewState {
                lon: start.lon + 0.3 * f64::from(i),
                lat: start.lat,
                zoom: start.zoom + 0.02 * f64::from(i),
            })
            .expect("a valid view");
        sim.apply(needs);
        // The view reads back at once, before any frame.
        let now = sim.app.view_state();
        assert!((now.zoom - (start.zoom + 0.02 * f64::from(i))).abs() < 1e-9);
        let plan = sim.frame();
        assert!(is_moved_blit(&plan), "host frame {i}: got {plan:?}");
        // One `viewchange` per frame.
        assert!(sim.app.take_view_changed());
        assert!(!sim.app.take_view_changed());
    }
    moves_on_the_fast_path(&mut sim, "el.view");
}

#[test]
fn a_far_jump_renders_at_once_and_the_settle_does_not_render_again() {
    let mut sim = Sim::new();
    let needs = sim
        .app
        .set_view_state(ViewState {
            lon: 71.4,
            lat: 51.2,
            zoom: 7.0,
        })
        .expect("a valid view");
    sim.apply(needs);
    // Eight times magnified: too blurry even for a moment.
    assert!(is_render_here(&sim.frame(), &sim));
    let plan = sim.settle();
    assert!(
        is_at_rest(&plan),
        "the bitmap already shows the final view: {plan:?}"
    );
}

#[test]
fn a_tour_step_is_a_view_change_like_any_other() {
    let mut sim = Sim::with_overlay();
    // The first step shows the trade layer around (70°E, 45°N) at zoom 3;
    // start nearby with its layers, so only the view changes.
    let needs = sim.app.set_layers(Layers::parse("trade").expect("a layer"));
    sim.apply(needs);
    let needs = sim
        .app
        .set_view_state(ViewState {
            lon: 71.0,
            lat: 45.5,
            zoom: 3.0,
        })
        .expect("a valid view");
    sim.apply(needs);
    sim.frame();
    sim.quiet();
    let needs = sim.app.set_step(Some(0));
    sim.apply(needs);
    moves_on_the_fast_path(&mut sim, "tour step");
    // The next step switches layers: a full render, at once.
    let needs = sim.app.set_step(Some(1));
    sim.apply(needs);
    assert!(is_render_here(&sim.frame(), &sim));
}

#[test]
fn changes_that_are_not_moves_render_at_once_even_mid_motion() {
    let mut sim = Sim::with_overlay();
    type Change = fn(&mut App) -> Needs;
    let changes: [(&str, Change); 5] = [
        ("layers", |a| {
            a.toggle_layer(Layer::Energy, !a.layers().shows(Layer::Energy))
        }),
        ("language", |a| {
            a.set_lang(if a.lang() == Lang::Kk {
                Lang::Ru
            } else {
                Lang::Kk
            })
        }),
        ("theme", |a| {
            a.set_dark(a.style == bridge_map::paint::style::Style::light())
        }),
        ("data", |a| {
            // Data that draws otherwise (the same data again draws alike:
            // see texts_for_the_same_picture_keep_the_bitmap).
            let mut json: serde_json::Value = serde_json::from_str(MIN).expect("fixture is JSON");
            json["features"][0]["name"]["en"] = serde_json::json!("Another name");
            let json: Json = serde_json::from_value(json).expect("converts");
            a.set_overlay(&json).expect("fixture is valid")
        }),
        ("data removed", |a| {
            a.clear_overlay();
            Needs::frame_if(true)
        }),
    ];
    for (what, change) in changes {
        // The view is moving (a wheel turn) when the change comes.
        let pos = sim.center();
        sim.input(Input::Wheel {
            pos,
            delta_px: -30.0,
            pinch: false,
            modified: false,
        });
        assert!(is_moved_blit(&sim.frame()), "{what}: the move blits");
        let needs = change(&mut sim.app);
        assert!(needs.frame, "{what}: asks for a frame");
        sim.apply(needs);
        let plan = sim.frame();
        assert!(
            is_render_here(&plan, &sim),
            "{what}: expected a render, got {plan:?}"
        );
        sim.quiet();
    }
}

#[test]
fn a_selection_redraws_its_highlight_over_the_exact_bitmap() {
    let mut sim = Sim::with_overlay();
    let (picked, needs) = sim.app.select_id(Some("KAZ"));
    assert!(picked.is_some() && needs.frame);
    sim.apply(needs);
    // The selection is drawn on top of the bitmap, which it does not
    // change: the full, sharp frame needs no basemap render.
    let plan = sim.frame();
    assert!(matches!(plan, FramePlan::Redraw), "got {plan:?}");
    assert!(!sim.settle_armed, "a selection does not move the view");
}

#[test]
fn a_resize_renders_at_once_and_arms_no_settle() {
    let mut sim = Sim::new();
    let needs = sim.app.resize(Viewport::new(900.0, 700.0));
    assert!(needs.frame && !needs.settle_later);
    // The web layer drops its bitmap when the canvases change size.
    sim.cached = None;
    assert!(is_render_here(&sim.frame(), &sim));
    assert!(sim.app.settled());
}

const SHIPPED: &str = include_str!("../data/bridge.json");

/// A settled map with the shipped overlay (the real tour).
fn with_shipped_tour() -> Sim {
    let mut sim = Sim::new();
    let json: Json = serde_json::from_str(SHIPPED).expect("data/bridge.json is JSON");
    let needs = sim.app.set_overlay(&json).expect("shipped data is valid");
    sim.apply(needs);
    assert!(matches!(sim.frame(), FramePlan::Render { .. }));
    sim.quiet();
    sim
}

/// The tour step's own view, as the data gives it.
fn step_view(i: usize) -> ViewState {
    let json: serde_json::Value = serde_json::from_str(SHIPPED).expect("JSON");
    let v = &json["tour"][i]["view"];
    ViewState {
        lon: v["lon"].as_f64().expect("lon"),
        lat: v["lat"].as_f64().expect("lat"),
        zoom: v["zoom"].as_f64().expect("zoom"),
    }
}

/// What one flight did, frame by frame.
struct Flown {
    frames: usize,
    renders_on_the_way: usize,
    views: Vec<View>,
}

/// Flies to step `i` and runs frames until the flight lands, checking on
/// the way that every frame is on the compositor's path or a rendering
/// whose transform puts it where the view is.
fn fly(sim: &mut Sim, i: usize) -> Flown {
    let needs = sim.app.fly_to_step(Some(i));
    sim.apply(needs);
    assert!(needs.frame, "a step asks for a frame");
    assert!(
        sim.app.flying(),
        "step {}: motion allowed, so it flies",
        i + 1
    );
    let max_frames = (bridge_map::app::flight::MAX_FLIGHT_MS / (1000.0 / 60.0)).ceil() as usize + 2;
    let mut flown = Flown {
        frames: 0,
        renders_on_the_way: 0,
        views: vec![sim.app.view()],
    };
    while sim.app.flying() {
        assert!(
            flown.frames < max_frames,
            "step {}: still flying after {} frames",
            i + 1,
            flown.frames
        );
        let plan = sim.frame();
        flown.frames += 1;
        flown.views.push(sim.app.view());
        match plan {
            FramePlan::Move { transform, .. } if sim.app.flying() => {
                assert_ne!(
                    transform,
                    Blit::IDENTITY,
                    "step {}: a flight frame moves",
                    i + 1
                );
            }
            // The landing, when the flight did not render this very view on
            // the way: the flight's last picture is moved into place while
            // the landing view is drawn in stages, then shown.
            FramePlan::Stage {
                view, transform, ..
            } if !sim.app.flying() => {
                let cached = sim.cached.expect("a flight shows a picture");
                assert_eq!(view, sim.app.view(), "step {}: the landing is drawn", i + 1);
                assert_eq!(
                    transform,
                    bridge_map::render::blit(&cached, &view, sim.app.viewport()),
                    "step {}: the old picture is moved to the landing view",
                    i + 1
                );
                assert!(
                    bridge_map::app::frame::flight_covers(&transform, sim.app.viewport()),
                    "step {}: the picture shown meanwhile covers the screen: {transform:?}",
                    i + 1
                );
                let shown = sim.finish_from(plan);
                assert!(is_render_here(&shown, sim), "step {}: {shown:?}", i + 1);
            }
            // The landing, when the flight rendered this very view on the
            // way: the picture is only put in place.
            FramePlan::Move { transform, .. } => {
                assert_eq!(transform, Blit::IDENTITY, "step {}: landed in place", i + 1);
                assert_eq!(sim.cached, Some(sim.app.view()));
            }
            FramePlan::Render {
                view, transform, ..
            } => {
                let expected = bridge_map::render::blit(&view, &sim.app.view(), sim.app.viewport());
                assert!(
                    (transform.scale - expected.scale).abs() < 1e-9
                        && (transform.dx - expected.dx).abs() < 1e-6
                        && (transform.dy - expected.dy).abs() < 1e-6,
                    "step {}: a rendering ahead is moved into place: {transform:?}, {expected:?}",
                    i + 1
                );
                if sim.app.flying() {
                    flown.renders_on_the_way += 1;
                    assert!(
                        transform.scale <= bridge_map::app::frame::FLIGHT_FRESH_SCALE + 1e-9,
                        "step {}: a rendering on the way first appears sharp enough: {transform:?}",
                        i + 1
                    );
                }
            }
            other => panic!("step {}: unexpected frame {other:?}", i + 1),
        }
    }
    flown
}

#[test]
fn a_tour_step_flies_and_lands_exactly_on_the_steps_view() {
    let mut sim = with_shipped_tour();
    let mut total_renders = 0;
    let steps = sim.app.overlay().expect("overlay").overlay.tour.len();
    for i in 0..steps {
        let start = sim.app.view();
        let flown = fly(&mut sim, i);
        // The first view shown is a step away from the start, not the start.
        assert_ne!(
            flown.views[1],
            start,
            "step {}: the first frame moves",
            i + 1
        );
        // It landed: exactly the step's view, sharp, with its layers.
        let want = step_view(i);
        let got = sim.app.view_state();
        assert!(
            (got.lon - want.lon).abs() < 1e-9
                && (got.lat - want.lat).abs() < 1e-9
                && (got.zoom - want.zoom).abs() < 1e-9,
            "step {}: landed at {got:?}, the step says {want:?}",
            i + 1
        );
        assert!(sim.app.settled(), "step {}: the landing is final", i + 1);
        assert_eq!(
            sim.cached,
            Some(sim.app.view()),
            "step {}: the landing rendered",
            i + 1
        );
        assert!(
            !sim.app.cache_stale(),
            "step {}: with the step's layers",
            i + 1
        );
        assert!(
            !sim.settle_armed || !sim.app.settle(),
            "step {}: no second rendering after the landing",
            i + 1
        );
        sim.settle_armed = false;
        total_renders += flown.renders_on_the_way;
        eprintln!(
            "step {}: {} frames, {} renderings on the way, zoom {:.2} to {:.2}, lowest {:.2}",
            i + 1,
            flown.frames,
            flown.renders_on_the_way,
            flown.views[0].zoom,
            sim.app.view().zoom,
            flown
                .views
                .iter()
                .map(|v| v.zoom)
                .fold(f64::INFINITY, f64::min)
        );
        // A rendering on the way is the exception: most frames only move
        // the picture.
        assert!(
            flown.renders_on_the_way * 8 <= flown.frames,
            "step {}: {} renderings in {} frames",
            i + 1,
            flown.renders_on_the_way,
            flown.frames
        );
    }
    eprintln!("whole tour: {total_renders} renderings on the way");
}

#[test]
fn a_flight_makes_steady_progress_from_a_to_b() {
    let mut sim = with_shipped_tour();
    // From the home view to the first step, then on to the fifth (a zoom
    // in) and the sixth (south, out again).
    for i in [0, 4, 5] {
        let a = sim.app.view();
        let flown = fly(&mut sim, i);
        let b = sim.app.view();
        let (dx, dy) = (b.center.x - a.center.x, b.center.y - a.center.y);
        let len2 = dx * dx + dy * dy;
        // The centre moves along the line from A to B, never back.
        let along: Vec<f64> = flown
            .views
            .iter()
            .map(|v| ((v.center.x - a.center.x) * dx + (v.center.y - a.center.y) * dy) / len2)
            .collect();
        assert!(along.first().is_some_and(|&t| t.abs() < 1e-12));
        assert!(along.last().is_some_and(|&t| (t - 1.0).abs() < 1e-9));
        for w in along.windows(2) {
            assert!(
                w[1] >= w[0] - 1e-12,
                "step {}: went back from {} to {}",
                i + 1,
                w[0],
                w[1]
            );
        }
        for v in &flown.views {
            let off = (v.center.x - a.center.x) * dy - (v.center.y - a.center.y) * dx;
            assert!(
                off.abs() < 1e-9 * len2.sqrt().max(1.0),
                "step {}: left the line",
                i + 1
            );
        }
        // Bounded: between the shortest and the longest flight.
        let ms = flown.frames as f64 * 1000.0 / 60.0;
        assert!(
            (bridge_map::app::flight::MIN_FLIGHT_MS - 20.0
                ..=bridge_map::app::flight::MAX_FLIGHT_MS + 20.0)
                .contains(&ms),
            "step {}: {ms} ms",
            i + 1
        );
    }
}

#[test]
fn under_reduced_motion_a_step_jumps() {
    let mut sim = with_shipped_tour();
    sim.app.set_motion(false);
    let needs = sim.app.fly_to_step(Some(2));
    sim.apply(needs);
    assert!(!sim.app.flying());
    let want = step_view(2);
    let got = sim.app.view_state();
    assert!((got.zoom - want.zoom).abs() < 1e-9 && (got.lon - want.lon).abs() < 1e-9);
}

#[test]
fn the_visitor_or_the_host_can_take_over_a_flight() {
    // A drag stops the flight where it is.
    let mut sim = with_shipped_tour();
    let needs = sim.app.fly_to_step(Some(3));
    sim.apply(needs);
    for _ in 0..10 {
        sim.frame();
    }
    assert!(sim.app.flying());
    let c = sim.center();
    let kind = PointerKind::Mouse;
    sim.input(Input::PointerDown {
        id: 1,
        pos: c,
        kind,
    });
    sim.input(Input::PointerMove {
        id: 1,
        pos: Screen::new(c.x + 30.0, c.y),
        kind,
    });
    assert!(!sim.app.flying(), "a drag takes over");
    let here = sim.app.view();
    sim.frame();
    assert_eq!(sim.app.view(), here, "the flight no longer moves the view");

    // A host's `el.view` is immediate and ends the flight.
    let mut sim = with_shipped_tour();
    let needs = sim.app.fly_to_step(Some(3));
    sim.apply(needs);
    sim.frame();
    let target = ViewState {
        lon: 60.0,
        lat: 45.0,
        zoom: 5.0,
    };
    let needs = sim.app.set_view_state(target).expect("a valid view");
    sim.apply(needs);
    assert!(!sim.app.flying());
    assert!((sim.app.view_state().zoom - 5.0).abs() < 1e-9, "at once");

    // A resize lands it at once.
    let mut sim = with_shipped_tour();
    let needs = sim.app.fly_to_step(Some(3));
    sim.apply(needs);
    sim.frame();
    sim.app.resize(Viewport::new(1000.0, 700.0));
    assert!(!sim.app.flying());
    assert!((sim.app.view_state().zoom - step_view(3).zoom).abs() < 1e-9);
}

#[test]
fn a_settle_timer_left_over_does_not_render_mid_flight() {
    let mut sim = with_shipped_tour();
    // A wheel turn arms the settle timer; the flight starts before it fires.
    let pos = sim.center();
    sim.input(Input::Wheel {
        pos,
        delta_px: -30.0,
        pinch: false,
        modified: false,
    });
    sim.frame();
    let needs = sim.app.fly_to_step(Some(1));
    sim.apply(needs);
    sim.frame();
    assert!(!sim.app.settle(), "the flight is not final before it lands");
    assert!(sim.app.flying());
}

/// The highlight layer's drawing calls, without its text (whose words
/// depend on the language of the data).
fn highlight_strokes(app: &App) -> Vec<String> {
    let mut s = bridge_map::paint::surface::RecordingSurface::default();
    app.render_highlights(&mut s).expect("highlights draw");
    s.ops
        .into_iter()
        .filter(|o| !o.starts_with("text"))
        .collect()
}

/// The element swaps in another language's pack when the visitor changes
/// language: the selected corridor and the tour step's highlights stay.
/// Data without the selected feature drops the selection.
#[test]
fn new_data_keeps_the_selection_and_the_steps_highlights() {
    let mut sim = with_shipped_tour();
    let needs = sim.app.set_step(Some(1));
    sim.apply(needs);
    let (info, _) = sim.app.select_id(Some("titr"));
    assert_eq!(info.map(|i| i.kind), Some("corridor"));
    let before = highlight_strokes(&sim.app);
    assert!(
        before.iter().any(|o| o.starts_with("stroke")),
        "a selected corridor is stroked"
    );

    let kk: Json = serde_json::from_str(include_str!("../data/bridge.kk.json")).expect("JSON");
    sim.app.set_overlay(&kk).expect("the Kazakh pack is valid");
    let selected = sim.app.selected().expect("titr is still selected");
    assert_eq!(selected.id, "titr");
    assert!(selected.name.contains("Транскаспий"), "{}", selected.name);
    assert_eq!(sim.app.step(), Some(1));
    assert_eq!(highlight_strokes(&sim.app), before);

    let mut other: serde_json::Value = serde_json::from_str(SHIPPED).expect("JSON");
    other["features"]
        .as_array_mut()
        .expect("features")
        .retain(|f| f["id"] != "titr");
    let other: Json = serde_json::from_value(other).expect("converts");
    // The tour cites titr, so this data is invalid; either way the old
    // selection must not survive into data without it.
    let _ = sim.app.set_overlay(&other);
    assert!(sim.app.selected().is_none());
}

fn json(text: &str) -> Json {
    serde_json::from_str(text).expect("JSON")
}

/// The element draws a language's outline first and swaps in its full pack
/// after `ready`. The pack adds texts only: the rendered bitmap is kept (no
/// second full render). Another language's names, or a node moved, is
/// another picture, rendered again.
#[test]
fn texts_for_the_same_picture_keep_the_bitmap() {
    let mut sim = Sim::new();
    let needs = sim
        .app
        .set_overlay(&json(include_str!("../data/bridge.en.outline.json")))
        .expect("the English outline is valid");
    sim.apply(needs);
    assert!(
        matches!(sim.frame(), FramePlan::Render { .. }),
        "the outline renders"
    );
    sim.quiet();
    assert!(!sim.app.has_texts());

    let pack = include_str!("../data/bridge.en.json");
    let needs = sim
        .app
        .set_overlay(&json(pack))
        .expect("the English pack is valid");
    sim.apply(needs);
    assert!(sim.app.has_texts(), "the pack's texts are in");
    assert!(
        !sim.app.cache_stale(),
        "the outline's bitmap shows the pack"
    );
    let plan = sim.frame();
    assert!(!matches!(plan, FramePlan::Render { .. }), "{plan:?}");

    let needs = sim
        .app
        .set_overlay(&json(include_str!("../data/bridge.kk.json")))
        .expect("the Kazakh pack is valid");
    sim.apply(needs);
    assert!(sim.app.cache_stale(), "Kazakh names are another picture");
    assert!(matches!(sim.frame(), FramePlan::Render { .. }));

    sim.app.set_overlay(&json(pack)).expect("valid");
    sim.frame();
    let mut moved: serde_json::Value = serde_json::from_str(pack).expect("JSON");
    let khorgos = moved["features"]
        .as_array_mut()
        .expect("features")
        .iter_mut()
        .find(|f| f["id"] == "khorgos")
        .expect("the pack has Khorgos");
    khorgos["lon"] = serde_json::json!(80.0);
    let moved: Json = serde_json::from_value(moved).expect("converts");
    sim.app.set_overlay(&moved).expect("still valid");
    assert!(sim.app.cache_stale(), "Khorgos moved: another picture");
    assert!(matches!(sim.frame(), FramePlan::Render { .. }));

    // Data that fails validation clears the overlay: rendered again too.
    sim.frame();
    assert!(!sim.app.cache_stale());
    let _ = sim.app.set_overlay(&json(r#"{"features": 3}"#));
    assert!(
        sim.app.cache_stale(),
        "a cleared overlay is another picture"
    );
}

/// One wheel notch in at the centre, and the frame after it, which only
/// moves the picture.
fn wheel(sim: &mut Sim) {
    let pos = sim.center();
    sim.input(Input::Wheel {
        pos,
        delta_px: -30.0,
        pinch: false,
        modified: false,
    });
    assert!(is_moved_blit(&sim.frame()), "a wheel moves the picture");
}

/// A settle renders in stages, one a frame, the old picture moved into
/// place meanwhile; a new gesture in between gives the stages up (the next
/// settle starts again), and a change that is not a move renders whole.
#[test]
fn a_settle_renders_in_stages_and_a_new_gesture_gives_them_up() {
    let mut sim = Sim::with_overlay();
    wheel(&mut sim);
    let cached = sim.cached.expect("a picture");
    assert!(sim.app.settle());
    let moved = bridge_map::render::blit(&cached, &sim.app.view(), sim.app.viewport());
    for stage in 0..RENDER_STAGES - 1 {
        let plan = sim.frame();
        assert_eq!(
            plan,
            FramePlan::Stage {
                view: sim.app.view(),
                stage,
                transform: moved
            }
        );
        assert!(plan.draws_map());
        assert_eq!(sim.cached, Some(cached), "the old picture stays");
    }
    let plan = sim.frame();
    assert_eq!(
        plan,
        FramePlan::Render {
            view: sim.app.view(),
            transform: Blit::IDENTITY,
            from: RENDER_STAGES - 1
        }
    );
    assert_eq!(sim.cached, Some(sim.app.view()));

    // A wheel turn after the first stage: the stages are given up.
    sim.settle_armed = false;
    wheel(&mut sim);
    assert!(sim.app.settle());
    assert!(matches!(sim.frame(), FramePlan::Stage { stage: 0, .. }));
    wheel(&mut sim);
    assert!(sim.app.settle());
    let plan = sim.frame();
    assert!(
        matches!(plan, FramePlan::Stage { stage: 0, view, .. } if view == sim.app.view()),
        "the new view's stages start again: {plan:?}"
    );

    // A host moves the view a little and it settles before the next frame:
    // the stages drawn were for another view, so they start again.
    let v = sim.app.view_state();
    let needs = sim
        .app
        .set_view_state(ViewState {
            lon: v.lon + 0.5,
            ..v
        })
        .expect("a valid view");
    sim.apply(needs);
    assert!(sim.app.settle());
    let plan = sim.frame();
    assert!(
        matches!(plan, FramePlan::Stage { stage: 0, view, .. } if view == sim.app.view()),
        "stages for the host's view start again: {plan:?}"
    );

    // The layers change after the first stage: rendered whole at once.
    sim.app.set_layers(Layers::none());
    let plan = sim.frame();
    assert!(
        matches!(plan, FramePlan::Render { from: 0, .. }),
        "a stale picture is not kept waiting: {plan:?}"
    );
}

/// With a raster worker, a settle asks for one rendering and keeps moving
/// the old picture until it is back; it is shown moved to wherever the view
/// went meanwhile, and what changed meanwhile is asked for next. Nothing is
/// drawn in stages.
#[test]
fn with_a_raster_worker_a_settle_asks_once_and_shows_what_comes_back() {
    let mut sim = Sim::remote();
    wheel(&mut sim);
    let old = sim.cached.expect("a picture");
    assert!(sim.app.settle());
    let settled = sim.app.view();
    let moved = bridge_map::render::blit(&old, &settled, sim.app.viewport());
    assert_eq!(
        sim.frame(),
        FramePlan::Request {
            view: settled,
            transform: moved,
            map: true
        },
        "the settle asks for the settled view, the old picture moved"
    );
    // Still waiting: the old picture stays where it is, nothing is asked.
    assert_eq!(sim.frame(), FramePlan::Move { transform: moved });

    // The visitor turns the wheel again before it is back, and stops.
    wheel(&mut sim);
    assert!(sim.app.settle());
    let now = sim.app.view();
    let plan = sim.frame();
    assert!(
        matches!(plan, FramePlan::Move { .. }),
        "a second rendering waits for the first: {plan:?}"
    );
    sim.arrive();
    let plan = sim.frame();
    assert_eq!(
        plan,
        FramePlan::Show {
            view: settled,
            transform: bridge_map::render::blit(&settled, &now, sim.app.viewport())
        },
        "what came back is shown, moved to the view of now"
    );
    assert!(plan.shows_rendering());
    assert_eq!(
        sim.frame(),
        FramePlan::Request {
            view: now,
            transform: bridge_map::render::blit(&settled, &now, sim.app.viewport()),
            map: true
        },
        "then the view of now is asked for"
    );
    sim.arrive();
    assert_eq!(
        sim.frame(),
        FramePlan::Show {
            view: now,
            transform: Blit::IDENTITY
        }
    );
    assert!(is_at_rest(&sim.frame()));
    assert!(sim.staged.is_none(), "no stages with a worker");
}

/// A change that is not a move (layers) while a rendering is out: the
/// rendering is shown when it comes back, and the new layers are asked
/// for after it, for the same view.
#[test]
fn with_a_raster_worker_a_change_meanwhile_is_asked_for_next() {
    let mut sim = Sim::remote();
    let view = sim.app.view();
    sim.app.set_layers(Layers::none());
    assert_eq!(
        sim.frame(),
        FramePlan::Request {
            view,
            transform: Blit::IDENTITY,
            map: true
        },
        "new layers are asked for at once"
    );
    sim.app.set_layers(Layers::default());
    assert_eq!(
        sim.frame(),
        FramePlan::Move {
            transform: Blit::IDENTITY
        }
    );
    sim.arrive();
    assert!(matches!(sim.frame(), FramePlan::Show { .. }));
    assert_eq!(
        sim.frame(),
        FramePlan::Request {
            view,
            transform: Blit::IDENTITY,
            map: true
        },
        "the layers changed after the request: asked for again"
    );
    sim.arrive();
    assert!(matches!(sim.frame(), FramePlan::Show { .. }));
    assert!(is_at_rest(&sim.frame()), "now the picture is current");
}

/// The tour's flights draw ahead of themselves through the worker too,
/// and land exactly on the step's view.
#[test]
fn with_a_raster_worker_a_flight_lands_on_a_rendering_of_its_view() {
    let mut sim = Sim::remote();
    let json: Json = serde_json::from_str(SHIPPED).expect("JSON");
    let needs = sim.app.set_overlay(&json).expect("shipped data is valid");
    sim.apply(needs);
    let mut asked = 0;
    for _ in 0..3 {
        if matches!(sim.frame(), FramePlan::Request { .. }) {
            asked += 1;
            sim.arrive();
        }
    }
    assert_eq!(asked, 1, "new data: one rendering");
    let needs = sim.app.fly_to_step(Some(3));
    sim.apply(needs);
    assert!(sim.app.flying(), "motion allowed: the step flies");
    let mut shown = Vec::new();
    for _ in 0..600 {
        let plan = sim.frame();
        if let FramePlan::Request { .. } = plan {
            // The worker answers within a few frames.
            sim.frame();
            sim.frame();
            sim.arrive();
        }
        if let FramePlan::Show { view, .. } = plan {
            shown.push(view);
        }
        if !sim.app.flying() && sim.cached == Some(sim.app.view()) {
            break;
        }
    }
    assert!(!sim.app.flying(), "the flight lands");
    assert_eq!(
        shown.last(),
        Some(&sim.app.view()),
        "the last rendering shown is the landing view"
    );
}

/// With a raster worker, a selection at rest asks for its highlights alone,
/// for the view the picture shows, and the picture stays where it is.
#[test]
fn with_a_raster_worker_a_selection_asks_for_its_highlights_alone() {
    let mut sim = Sim::remote();
    let view = sim.app.view();
    let (picked, needs) = sim.app.select_id(Some("KAZ"));
    assert!(picked.is_some() && needs.frame);
    sim.apply(needs);
    assert_eq!(
        sim.frame(),
        FramePlan::Request {
            view,
            transform: Blit::IDENTITY,
            map: false
        }
    );
    assert_eq!(
        sim.frame(),
        FramePlan::Move {
            transform: Blit::IDENTITY
        },
        "waiting"
    );
    sim.arrive();
    assert_eq!(
        sim.frame(),
        FramePlan::Show {
            view,
            transform: Blit::IDENTITY
        }
    );
    assert!(is_at_rest(&sim.frame()));
    assert!(!sim.settle_armed, "a selection does not move the view");
}
