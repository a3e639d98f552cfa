//! The gesture state machine: drags, clicks, pinches, wheel, keys.

use approx::assert_relative_eq;
use bridge_map::app::input::{
    Command, Context, Gestures, Input, Key, PointerKind, CLICK_SLOP_PX, KEY_PAN_PX,
};
use bridge_map::geo::coords::{Screen, World, WorldRect};
use bridge_map::geo::view::{Limits, View, Viewport};

fn cx(view: View) -> Context {
    Context {
        view,
        viewport: Viewport::new(1000.0, 600.0),
        limits: Limits {
            min_zoom: 1.0,
            max_zoom: 9.0,
            bounds: WorldRect {
                min: World::new(-10.0, -10.0),
                max: World::new(10.0, 10.0),
            },
            extent: None,
        },
    }
}

fn start() -> View {
    View {
        center: World::new(0.0, 0.0),
        zoom: 3.0,
    }
}

/// Feeds inputs, threading the view through, and returns the final view
/// and every command.
fn run(inputs: &[Input]) -> (View, Vec<Command>) {
    let mut g = Gestures::default();
    let mut view = start();
    let mut all = Vec::new();
    for &i in inputs {
        if let Some(c) = g.handle(i, &cx(view)) {
            if let Command::View { view: v, .. } = c {
                view = v;
            }
            all.push(c);
        }
    }
    (view, all)
}

fn down(id: i32, x: f64, y: f64) -> Input {
    Input::PointerDown {
        id,
        pos: Screen::new(x, y),
        kind: PointerKind::Touch,
    }
}
fn mv(id: i32, x: f64, y: f64) -> Input {
    Input::PointerMove {
        id,
        pos: Screen::new(x, y),
        kind: PointerKind::Touch,
    }
}
fn up(id: i32, x: f64, y: f64) -> Input {
    Input::PointerUp {
        id,
        pos: Screen::new(x, y),
    }
}

#[test]
fn a_drag_pans_by_the_full_distance_including_the_slop() {
    let (view, cmds) = run(&[
        down(1, 100.0, 100.0),
        mv(1, 102.0, 100.0),
        mv(1, 150.0, 130.0),
        mv(1, 180.0, 160.0),
        up(1, 180.0, 160.0),
    ]);
    let expected = start().panned(80.0, 60.0);
    assert_relative_eq!(view.center.x, expected.center.x, epsilon = 1e-12);
    assert_relative_eq!(view.center.y, expected.center.y, epsilon = 1e-12);
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::Select(_))),
        "a drag is not a click"
    );
    assert!(
        matches!(cmds.last(), Some(Command::View { settled: true, .. })),
        "release settles"
    );
}

#[test]
fn a_press_without_movement_is_a_click() {
    let (view, cmds) = run(&[
        down(1, 300.0, 200.0),
        mv(1, 301.0, 201.0),
        up(1, 301.0, 201.0),
    ]);
    assert_eq!(view, start());
    assert_eq!(cmds, vec![Command::Select(Screen::new(301.0, 201.0))]);
    // Just past the slop it is a drag.
    let (_, cmds) = run(&[
        down(1, 0.0, 0.0),
        mv(1, CLICK_SLOP_PX + 0.5, 0.0),
        up(1, CLICK_SLOP_PX + 0.5, 0.0),
    ]);
    assert!(!cmds.iter().any(|c| matches!(c, Command::Select(_))));
}

#[test]
fn pinch_spreading_fingers_zooms_in_around_their_midpoint() {
    let vp = Viewport::new(1000.0, 600.0);
    let mid = Screen::new(400.0, 300.0);
    let fixed = start().screen_to_world(mid, vp);
    // Fingers 100 px apart spread symmetrically to 200 px: one zoom level.
    let (view, cmds) = run(&[
        down(1, 350.0, 300.0),
        down(2, 450.0, 300.0),
        mv(1, 300.0, 300.0),
        mv(2, 500.0, 300.0),
        up(1, 300.0, 300.0),
        up(2, 500.0, 300.0),
    ]);
    assert_relative_eq!(view.zoom, 4.0, epsilon = 1e-9);
    let now = view.world_to_screen(fixed, vp);
    assert_relative_eq!(now.x, mid.x, epsilon = 1e-6);
    assert_relative_eq!(now.y, mid.y, epsilon = 1e-6);
    assert!(
        !cmds.iter().any(|c| matches!(c, Command::Select(_))),
        "a pinch is not a tap"
    );
}

#[test]
fn wheel_zooms_around_the_pointer() {
    let vp = Viewport::new(1000.0, 600.0);
    let at = Screen::new(800.0, 120.0);
    let fixed = start().screen_to_world(at, vp);
    let (view, cmds) = run(&[Input::Wheel {
        pos: at,
        delta_px: -300.0,
        pinch: false,
        modified: false,
    }]);
    assert_relative_eq!(view.zoom, 4.0, epsilon = 1e-12);
    let now = view.world_to_screen(fixed, vp);
    assert_relative_eq!(now.x, at.x, epsilon = 1e-9);
    assert_relative_eq!(now.y, at.y, epsilon = 1e-9);
    assert!(
        matches!(cmds[0], Command::View { settled: false, .. }),
        "wheel is continuous"
    );
    // Scrolling towards the user zooms out.
    let (view, _) = run(&[Input::Wheel {
        pos: at,
        delta_px: 150.0,
        pinch: false,
        modified: false,
    }]);
    assert!(view.zoom < 3.0);
}

#[test]
fn keys_zoom_pan_and_reset() {
    let (view, _) = run(&[
        Input::Key(Key::ZoomIn),
        Input::Key(Key::ZoomIn),
        Input::Key(Key::ZoomOut),
    ]);
    assert_relative_eq!(view.zoom, 4.0);
    let (view, _) = run(&[Input::Key(Key::from_dom("ArrowRight").unwrap())]);
    // Looking east moves content left by one step.
    let w = World::new(0.0, 0.0);
    let vp = Viewport::new(1000.0, 600.0);
    assert_relative_eq!(
        view.world_to_screen(w, vp).x,
        500.0 - KEY_PAN_PX,
        epsilon = 1e-9
    );
    let (_, cmds) = run(&[Input::Key(Key::from_dom("0").unwrap())]);
    assert_eq!(cmds, vec![Command::Home]);
}

#[test]
fn double_click_zooms_in_and_shift_double_click_zooms_out() {
    let (view, _) = run(&[Input::DoubleClick {
        pos: Screen::new(10.0, 10.0),
        zoom_out: false,
    }]);
    assert_relative_eq!(view.zoom, 4.0);
    let (view, _) = run(&[Input::DoubleClick {
        pos: Screen::new(10.0, 10.0),
        zoom_out: true,
    }]);
    assert_relative_eq!(view.zoom, 2.0);
}

#[test]
fn mouse_hover_is_reported_but_not_while_dragging() {
    let mouse_move = |x: f64| Input::PointerMove {
        id: 1,
        pos: Screen::new(x, 5.0),
        kind: PointerKind::Mouse,
    };
    let (_, cmds) = run(&[mouse_move(5.0)]);
    assert_eq!(cmds, vec![Command::Hover(Some(Screen::new(5.0, 5.0)))]);
    let (_, cmds) = run(&[Input::PointerLeave]);
    assert_eq!(cmds, vec![Command::Hover(None)]);
    // A touch that is not down reports nothing.
    let (_, cmds) = run(&[mv(9, 5.0, 5.0)]);
    assert!(cmds.is_empty());
}

#[test]
fn cancelled_pointer_ends_the_gesture() {
    let mut g = Gestures::default();
    let c = cx(start());
    g.handle(down(1, 0.0, 0.0), &c);
    g.handle(mv(1, 50.0, 0.0), &c);
    assert!(g.active());
    let cmds = g.handle(Input::PointerCancel { id: 1 }, &c);
    assert!(!g.active());
    assert!(matches!(cmds, Some(Command::View { settled: true, .. })));
}

#[test]
fn cooperative_mode_leaves_scrolling_to_the_page() {
    use bridge_map::app::input::Hint;
    let mut g = Gestures::default();
    g.cooperative = true;
    let c = cx(start());
    let at = Screen::new(300.0, 200.0);
    // A plain wheel scrolls the page: no view change, a hint instead.
    assert_eq!(
        g.handle(
            Input::Wheel {
                pos: at,
                delta_px: -100.0,
                pinch: false,
                modified: false
            },
            &c
        ),
        Some(Command::Hint(Hint::Wheel))
    );
    // Ctrl/⌘ + wheel zooms.
    assert!(matches!(
        g.handle(
            Input::Wheel {
                pos: at,
                delta_px: -100.0,
                pinch: false,
                modified: true
            },
            &c
        ),
        Some(Command::View { .. })
    ));
    // One finger: a single hint, never a pan.
    g.handle(down(1, 100.0, 100.0), &c);
    assert_eq!(
        g.handle(mv(1, 100.0, 140.0), &c),
        Some(Command::Hint(Hint::Touch))
    );
    assert!(g.handle(mv(1, 100.0, 180.0), &c).is_none());
    assert!(!matches!(
        g.handle(up(1, 100.0, 180.0), &c),
        Some(Command::Select(_))
    ));
    // Two fingers still pinch.
    g.handle(down(1, 350.0, 300.0), &c);
    g.handle(down(2, 450.0, 300.0), &c);
    let cmds = g.handle(mv(2, 550.0, 300.0), &c);
    assert!(matches!(cmds, Some(Command::View { view, .. }) if view.zoom > 3.0));
    // A mouse drag is not affected.
    let mut g = Gestures::default();
    g.cooperative = true;
    g.handle(
        Input::PointerDown {
            id: 7,
            pos: at,
            kind: PointerKind::Mouse,
        },
        &c,
    );
    let cmds = g.handle(
        Input::PointerMove {
            id: 7,
            pos: Screen::new(340.0, 200.0),
            kind: PointerKind::Mouse,
        },
        &c,
    );
    assert!(matches!(cmds, Some(Command::View { .. })));
}
