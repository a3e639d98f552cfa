//! No heap allocation per frame on the hot paths (issue 10): while a drag,
//! a wheel, a pinch, the keys or a host's `el.view` move the map, and while
//! the mouse hovers it, each event and each frame's planning must not touch
//! the allocator — a gesture runs 60 times a second, and garbage there is
//! jank later. A counting global allocator, armed only on the test's own
//! thread, counts every `alloc` and `realloc` between warm-up and the end
//! of each scenario.
//!
//! Native only: in the wasm the crate sets its own global allocator (talc,
//! in `web`), which a test binary cannot replace; and its `#[test]`s are
//! not run by the browser runner anyway.
#![cfg(not(target_arch = "wasm32"))]

use bridge_map::app::frame::plan_frame;
use bridge_map::app::input::{Input, Key, PointerKind};
use bridge_map::app::{App, ViewState};
use bridge_map::data::json::Json;
use bridge_map::data::overlay::Mode;
use bridge_map::geo::coords::{LonLat, Screen};
use bridge_map::geo::view::{View, Viewport};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Counts allocations made on a thread while its `ARMED` flag is set.
struct Counting;

thread_local! {
    static ARMED: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the allocator may run while thread locals are torn down.
    let _ = ARMED.try_with(|a| {
        if a.get() {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note();
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` with the counter armed; returns how many allocations it made.
fn allocations(f: impl FnOnce()) -> usize {
    COUNT.with(|c| c.set(0));
    ARMED.with(|a| a.set(true));
    f();
    ARMED.with(|a| a.set(false));
    COUNT.with(|c| c.get())
}

const GEOMETRY: &[u8] = include_bytes!("../data/countries.bmap");
const DETAIL: &[u8] = include_bytes!("../data/countries-50m.bmap");
const OVERLAY: &str = include_str!("../data/bridge.json");

/// The shipped map at 1280×800 with its full detail and the shipped
/// overlay, first frame drawn.
fn map() -> (App, Option<View>) {
    let mut app = App::new(GEOMETRY, Viewport::new(1280.0, 800.0)).expect("shipped geometry");
    app.add_detail(DETAIL)
        .expect("the shipped detail fits the shipped geometry");
    let json: Json = serde_json::from_str(OVERLAY).expect("bridge.json is JSON");
    app.set_overlay(&json).expect("bridge.json is valid");
    let cached = frame(&mut app, None);
    app.settle();
    (app, cached)
}

/// One animation frame as the web layer plans it; returns the cached view.
fn frame(app: &mut App, cached: Option<View>) -> Option<View> {
    // Gestures that do not settle: no rendering in stages under way.
    let plan = plan_frame(&app.frame_state(true, true, cached, None, None));
    match plan {
        bridge_map::app::frame::FramePlan::Render { view, .. } => {
            app.cache_rendered();
            Some(view)
        }
        bridge_map::app::frame::FramePlan::Redraw => {
            app.highlights_drawn();
            cached
        }
        _ => cached,
    }
}

/// Astana on screen, where the gestures happen (corridors and markers under
/// the pointer make hover and pick do real work).
fn astana(app: &App) -> Screen {
    app.project(LonLat::new(71.45, 51.17))
        .expect("Astana is on screen")
}

fn mouse(id: i32, pos: Screen) -> (i32, Screen, PointerKind) {
    (id, pos, PointerKind::Mouse)
}

fn down((id, pos, kind): (i32, Screen, PointerKind)) -> Input {
    Input::PointerDown { id, pos, kind }
}

fn mv((id, pos, kind): (i32, Screen, PointerKind)) -> Input {
    Input::PointerMove { id, pos, kind }
}

#[test]
fn a_drag_allocates_nothing_per_frame() {
    let (mut app, mut cached) = map();
    let at = astana(&app);
    app.handle(down(mouse(1, at)));
    // Warm-up: past the click slop, the first pan.
    for k in 1..4 {
        app.handle(mv(mouse(1, Screen::new(at.x + 8.0 * k as f64, at.y))));
        cached = frame(&mut app, cached);
    }
    let n = allocations(|| {
        for k in 4..124 {
            let x = at.x + 8.0 * ((k % 40) as f64 - 20.0);
            app.handle(mv(mouse(1, Screen::new(x, at.y + (k % 7) as f64))));
            cached = frame(&mut app, cached);
        }
    });
    assert_eq!(n, 0, "120 drag frames allocated {n} times");
}

#[test]
fn a_wheel_allocates_nothing_per_frame() {
    let (mut app, mut cached) = map();
    let at = astana(&app);
    let wheel = |d: f64| Input::Wheel {
        pos: at,
        delta_px: d,
        pinch: false,
        modified: false,
    };
    app.handle(wheel(-40.0));
    cached = frame(&mut app, cached);
    let n = allocations(|| {
        for k in 0..60 {
            app.handle(wheel(if k < 30 { -40.0 } else { 40.0 }));
            cached = frame(&mut app, cached);
        }
    });
    assert_eq!(n, 0, "60 wheel frames allocated {n} times");
}

#[test]
fn a_pinch_allocates_nothing_per_frame() {
    let (mut app, mut cached) = map();
    let c = astana(&app);
    let touch = |id: i32, dx: f64| (id, Screen::new(c.x + dx, c.y), PointerKind::Touch);
    app.handle(down(touch(1, -60.0)));
    app.handle(down(touch(2, 60.0)));
    app.handle(mv(touch(2, 70.0)));
    cached = frame(&mut app, cached);
    let n = allocations(|| {
        for k in 0..60 {
            let spread = 60.0 + 2.0 * (k % 30) as f64;
            app.handle(mv(touch(1, -spread)));
            app.handle(mv(touch(2, spread)));
            cached = frame(&mut app, cached);
        }
    });
    assert_eq!(n, 0, "60 pinch frames allocated {n} times");
}

#[test]
fn the_keys_allocate_nothing_per_frame() {
    let (mut app, mut cached) = map();
    app.handle(Input::Key(Key::ZoomIn));
    cached = frame(&mut app, cached);
    let keys = [
        Key::ZoomIn,
        Key::from_dom("ArrowLeft").expect("a key"),
        Key::from_dom("ArrowUp").expect("a key"),
        Key::from_dom("ArrowRight").expect("a key"),
        Key::from_dom("ArrowDown").expect("a key"),
        Key::ZoomOut,
    ];
    let n = allocations(|| {
        for k in 0..60 {
            app.handle(Input::Key(keys[k % keys.len()]));
            cached = frame(&mut app, cached);
        }
    });
    assert_eq!(n, 0, "60 key frames allocated {n} times");
}

#[test]
fn a_host_setting_the_view_allocates_nothing_per_frame() {
    let (mut app, mut cached) = map();
    let start = app.view_state();
    let n = allocations(|| {
        for k in 0..60 {
            let t = k as f64 / 60.0;
            let v = ViewState {
                lon: start.lon + 4.0 * t,
                lat: start.lat - 2.0 * t,
                zoom: start.zoom + 0.5 * t,
            };
            app.set_view_state(v).expect("a view inside the limits");
            cached = frame(&mut app, cached);
        }
    });
    assert_eq!(n, 0, "60 el.view frames allocated {n} times");
}

/// Hovers `n` moves within a pixel of `at`, after a first move that finds
/// the target (and may allocate to tell the host); returns the target and
/// the allocations of the later moves.
fn hover_allocations(
    app: &mut App,
    cached: &mut Option<View>,
    at: Screen,
    n: usize,
) -> (Option<String>, usize) {
    let hover = |dx: f64| mv((1, Screen::new(at.x + dx, at.y), PointerKind::Mouse));
    app.handle(hover(0.0));
    *cached = frame(app, *cached);
    let target = app.pick(at, None).map(|t| t.id);
    let count = allocations(|| {
        for k in 0..n {
            app.handle(hover(0.01 * (k % 4) as f64));
            *cached = frame(app, *cached);
        }
    });
    (target, count)
}

#[test]
fn hovering_a_country_or_a_corridor_allocates_nothing_per_move() {
    let (mut app, mut cached) = map();
    // The Gobi in Mongolia: no overlay line near, the country lookup runs.
    let gobi = app
        .project(LonLat::new(103.0, 44.0))
        .expect("the Gobi is on screen");
    let (target, n) = hover_allocations(&mut app, &mut cached, gobi, 60);
    assert_eq!(target.as_deref(), Some("MNG"), "the Gobi is in Mongolia");
    assert_eq!(n, 0, "60 hover moves over Mongolia allocated {n} times");
    // On the Middle Corridor's line over the Caspian, far from any marker:
    // the overlay's line pick runs.
    let caspian = {
        let o = app.overlay().expect("the overlay is loaded");
        let leg = o
            .legs
            .iter()
            .find(|l| o.overlay.features[l.feature].id == "titr" && l.mode == Mode::Sea)
            .expect("the Middle Corridor crosses the Caspian by sea");
        app.view()
            .world_to_screen(leg.points[leg.points.len() / 2], app.viewport())
    };
    let (target, n) = hover_allocations(&mut app, &mut cached, caspian, 60);
    assert_eq!(
        target.as_deref(),
        Some("titr"),
        "mid-Caspian on the ferry line"
    );
    assert_eq!(
        n, 0,
        "60 hover moves over the Middle Corridor allocated {n} times"
    );
}
