//! Frame planning across the app: every path that moves the view — drag,
//! wheel, pinch, double-click, keys, the zoom buttons, a tour step, a
//! permalink or `el.view` — shows the cached bitmap moved while the view
//! moves and renders the basemap once it settles; changes that are not a
//! move (layers, language, palette, data) render at once.

mod common;

use bridge_map::app::frame::{plan_frame, FramePlan};
use bridge_map::app::input::{Input, Key, PointerKind};
use bridge_map::app::{App, Needs, ViewState};
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Layer;
use bridge_map::data::topology::Lang;
use bridge_map::geo::coords::Screen;
use bridge_map::geo::view::{View, Viewport};
use bridge_map::scene::overlay_scene::Layers;

const MIN: &str = include_str!("fixtures/overlay-min.json");

/// The web layer's part, reduced to what planning needs: the view its
/// bitmap shows and whether a settle timer is armed. It carries plans out
/// as `web::Runner` does.
struct Sim {
    app: App,
    cached: Option<View>,
    settle_armed: bool,
}

impl Sim {
    /// A map whose first frame is drawn and settled.
    fn new() -> Sim {
        let app = App::new(common::GEOMETRY, Viewport::new(1280.0, 800.0)).expect("geometry");
        let mut sim = Sim {
            app,
            cached: None,
            settle_armed: false,
        };
        assert!(
            matches!(sim.frame(), FramePlan::Render),
            "the first frame renders"
        );
        sim
    }

    fn with_overlay() -> Sim {
        let mut sim = Sim::new();
        let json: Json = serde_json::from_str(MIN).expect("fixture is JSON");
        let needs = sim.app.set_overlay(&json).expect("fixture is valid");
        sim.apply(needs);
        assert!(matches!(sim.frame(), FramePlan::Render), "new data renders");
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

    /// One animation frame.
    fn frame(&mut self) -> FramePlan {
        let plan = plan_frame(&self.app.frame_state(true, true, self.cached));
        if let FramePlan::Render = plan {
            self.app.cache_rendered();
            self.cached = Some(self.app.view());
        }
        plan
    }

    /// The settle timer fires (the view was quiet): the frame it asks for.
    fn settle(&mut self) -> FramePlan {
        assert!(self.settle_armed, "a view change arms the settle timer");
        self.settle_armed = false;
        assert!(self.app.settle(), "the view was moving until now");
        self.frame()
    }

    /// Lets any pending settle happen.
    fn quiet(&mut self) {
        if std::mem::take(&mut self.settle_armed) && self.app.settle() {
            self.frame();
        }
    }

    fn center(&self) -> Screen {
        self.app.viewport().center()
    }
}

fn is_moved_blit(p: &FramePlan) -> bool {
    matches!(p, FramePlan::Blit { blit, .. } if *blit != bridge_map::render::Blit::IDENTITY)
}

/// The common assertion: the frames while the view moves blit the bitmap
/// (no basemap render), and the settle renders it once for the new view.
fn moves_on_the_fast_path(sim: &mut Sim, what: &str) {
    let plan = sim.frame();
    assert!(
        is_moved_blit(&plan),
        "{what}: expected a moved blit, got {plan:?}"
    );
    assert!(!sim.app.settled(), "{what}: the view is moving");
    let plan = sim.settle();
    assert!(
        matches!(plan, FramePlan::Render),
        "{what}: settle renders, got {plan:?}"
    );
    assert_eq!(
        sim.cached,
        Some(sim.app.view()),
        "{what}: the bitmap shows the final view"
    );
    // Nothing more to do: the next frame reuses the sharp bitmap as is.
    assert!(
        matches!(sim.frame(), FramePlan::Blit { blit, .. } if blit == bridge_map::render::Blit::IDENTITY)
    );
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
    // The release is the end of the gesture: sharp at once, no wait.
    assert!(sim.app.settled());
    assert!(matches!(sim.frame(), FramePlan::Render));
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
    assert!(matches!(sim.frame(), FramePlan::Render));
    let plan = sim.settle();
    assert!(
        matches!(plan, FramePlan::Blit { blit, .. } if blit == bridge_map::render::Blit::IDENTITY),
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
    assert!(matches!(sim.frame(), FramePlan::Render));
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
            let json: Json = serde_json::from_str(MIN).expect("fixture is JSON");
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
            matches!(plan, FramePlan::Render),
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
    assert!(
        matches!(
            plan,
            FramePlan::Blit { blit, clear_edges: false, .. } if blit == bridge_map::render::Blit::IDENTITY
        ),
        "got {plan:?}"
    );
    assert!(!sim.settle_armed, "a selection does not move the view");
}

#[test]
fn a_resize_renders_at_once_and_arms_no_settle() {
    let mut sim = Sim::new();
    let needs = sim.app.resize(Viewport::new(900.0, 700.0));
    assert!(needs.frame && !needs.settle_later);
    // The web layer drops its bitmap when the canvases change size.
    sim.cached = None;
    assert!(matches!(sim.frame(), FramePlan::Render));
    assert!(sim.app.settled());
}
