//! DOM events → [`Input`]: the one file that knows what a `PointerEvent` is.
//!
//! Each `install_*` function adds listeners to the canvas and returns their
//! [`Listener`] handles; dropping a handle removes its listener, so tearing
//! the map down leaves nothing attached (no `Closure::forget`).

use crate::app::input::{Input, Key, PointerKind};
use crate::geo::coords::Screen;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, Event, EventTarget, HtmlCanvasElement, KeyboardEvent, MouseEvent,
    PointerEvent, WheelEvent,
};

/// A DOM listener that is removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        let _ = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref());
    }
}

/// Adds a listener; `passive: false` lets the handler call `preventDefault`.
pub fn listen(
    target: &EventTarget,
    kind: &'static str,
    passive: bool,
    f: impl FnMut(Event) + 'static,
) -> Listener {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let opts = AddEventListenerOptions::new();
    opts.set_passive(passive);
    let _ = target.add_event_listener_with_callback_and_add_event_listener_options(
        kind,
        closure.as_ref().unchecked_ref(),
        &opts,
    );
    Listener {
        target: target.clone(),
        kind,
        closure,
    }
}

fn pos(e: &MouseEvent) -> Screen {
    // offsetX/Y are relative to the canvas's padding edge, i.e. the map.
    Screen::new(f64::from(e.offset_x()), f64::from(e.offset_y()))
}

fn kind(e: &PointerEvent) -> PointerKind {
    match e.pointer_type().as_str() {
        "touch" => PointerKind::Touch,
        "pen" => PointerKind::Pen,
        _ => PointerKind::Mouse,
    }
}

/// Wheel deltas in CSS pixels, whatever unit the browser reports.
fn wheel_px(e: &WheelEvent, page_height: f64) -> f64 {
    match e.delta_mode() {
        WheelEvent::DOM_DELTA_LINE => e.delta_y() * 16.0,
        WheelEvent::DOM_DELTA_PAGE => e.delta_y() * page_height,
        _ => e.delta_y(),
    }
}

/// Installs every input listener on the canvas; each event becomes an
/// [`Input`] passed to `sink`.
///
/// `cooperative` is read on every wheel event: while it is set, a wheel
/// without Ctrl/⌘ is left to scroll the page (no `preventDefault`).
pub fn install_input(
    canvas: &HtmlCanvasElement,
    cooperative: Rc<Cell<bool>>,
    sink: impl Fn(Input) + Clone + 'static,
) -> Vec<Listener> {
    let target: &EventTarget = canvas.as_ref();
    let mut out = Vec::new();

    let s = sink.clone();
    let c = canvas.clone();
    out.push(listen(target, "pointerdown", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        if e.pointer_type() == "mouse" && e.button() != 0 {
            return;
        }
        // Keep receiving moves when the pointer leaves the canvas mid-drag.
        let _ = c.set_pointer_capture(e.pointer_id());
        // Focus follows the pointer, so the keys work after a click.
        let _ = c.focus();
        s(Input::PointerDown {
            id: e.pointer_id(),
            pos: pos(e),
            kind: kind(e),
        });
    }));
    let s = sink.clone();
    out.push(listen(target, "pointermove", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        s(Input::PointerMove {
            id: e.pointer_id(),
            pos: pos(e),
            kind: kind(e),
        });
    }));
    let s = sink.clone();
    out.push(listen(target, "pointerup", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        s(Input::PointerUp {
            id: e.pointer_id(),
            pos: pos(e),
        });
    }));
    let s = sink.clone();
    out.push(listen(target, "pointercancel", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        s(Input::PointerCancel { id: e.pointer_id() });
    }));
    let s = sink.clone();
    out.push(listen(target, "pointerleave", true, move |_| {
        s(Input::PointerLeave)
    }));

    let s = sink.clone();
    let c = canvas.clone();
    out.push(listen(target, "wheel", false, move |e| {
        let Some(e) = e.dyn_ref::<WheelEvent>() else {
            return;
        };
        let modified = e.ctrl_key() || e.meta_key();
        if modified || !cooperative.get() {
            e.prevent_default();
        }
        let page = f64::from(c.client_height());
        s(Input::Wheel {
            pos: pos(e),
            delta_px: wheel_px(e, page),
            pinch: e.ctrl_key(),
            modified,
        });
    }));

    let s = sink.clone();
    out.push(listen(target, "dblclick", false, move |e| {
        let Some(e) = e.dyn_ref::<MouseEvent>() else {
            return;
        };
        e.prevent_default();
        s(Input::DoubleClick {
            pos: pos(e),
            zoom_out: e.shift_key(),
        });
    }));

    let s = sink;
    out.push(listen(target, "keydown", false, move |e| {
        let Some(e) = e.dyn_ref::<KeyboardEvent>() else {
            return;
        };
        if e.ctrl_key() || e.meta_key() || e.alt_key() {
            return; // leave browser shortcuts (Ctrl +, Ctrl 0) alone
        }
        if let Some(k) = Key::from_dom(&e.key()) {
            e.prevent_default();
            s(Input::Key(k));
        }
    }));
    out
}
