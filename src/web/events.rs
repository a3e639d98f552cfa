//! DOM events → [`Input`]: the one file that knows what a `PointerEvent` is.
//!
//! Each `install_*` function adds listeners to the map's *stage* (the
//! element around the picture that a CSS transform moves mid-gesture) and
//! returns their [`Listener`] handles; dropping a handle removes its
//! listener, so tearing the map down leaves nothing attached (no
//! `Closure::forget`).

use crate::app::input::{Input, Key, PointerKind};
use crate::geo::coords::Screen;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, Event, EventTarget, HtmlCanvasElement, HtmlElement, KeyboardEvent,
    MouseEvent, PointerEvent, WheelEvent,
};

/// A DOM listener that is removed when dropped.
pub struct Listener {
    target: EventTarget,
    kind: &'static str,
    closure: Closure<dyn FnMut(Event)>,
}

impl Drop for Listener {
    fn drop(&mut self) {
        // A drop cannot hand an error back: make the failure visible.
        if let Err(e) = self
            .target
            .remove_event_listener_with_callback(self.kind, self.closure.as_ref().unchecked_ref())
        {
            web_sys::console::error_2(
                &format!("bridge-map: could not remove the {} listener", self.kind).into(),
                &e,
            );
        }
    }
}

/// Adds a listener; `passive: false` lets the handler call `preventDefault`.
/// Fails with what the browser threw.
pub fn listen(
    target: &EventTarget,
    kind: &'static str,
    passive: bool,
    f: impl FnMut(Event) + 'static,
) -> Result<Listener, JsValue> {
    let closure = Closure::<dyn FnMut(Event)>::new(f);
    let opts = AddEventListenerOptions::new();
    opts.set_passive(passive);
    target.add_event_listener_with_callback_and_add_event_listener_options(
        kind,
        closure.as_ref().unchecked_ref(),
        &opts,
    )?;
    Ok(Listener {
        target: target.clone(),
        kind,
        closure,
    })
}

/// Logs, at debug level, a DOM call whose failure changes nothing the
/// visitor sees (so it is no warning), but should not vanish either.
fn debug_failure(what: &str, result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::debug_2(&format!("bridge-map: {what} failed").into(), &e);
    }
}

/// Where the event happened, in CSS pixels from the map's top-left.
///
/// Measured from the stage, never from the event's target: the canvas may
/// be moved and scaled by the compositor mid-gesture (its `offsetX` would
/// then be in the moved picture's pixels), and where a zoomed-out picture
/// leaves water the target is the stage itself.
fn pos(e: &MouseEvent, stage: &HtmlElement) -> Screen {
    let r = stage.get_bounding_client_rect();
    // A host page may scale the whole element with a transform of its own:
    // the box on screen is then that much larger than the map's CSS size.
    let ratio = |shown: f64, css: i32| {
        if css > 0 && shown > 0.0 {
            shown / f64::from(css)
        } else {
            1.0
        }
    };
    let (kx, ky) = (
        ratio(r.width(), stage.offset_width()),
        ratio(r.height(), stage.offset_height()),
    );
    Screen::new(
        (f64::from(e.client_x()) - r.left()) / kx,
        (f64::from(e.client_y()) - r.top()) / ky,
    )
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

/// Installs every input listener on the stage, the element that holds the
/// map's picture and never moves; the map canvas inside it has the focus
/// (keys reach the stage as they bubble). Each event becomes an [`Input`]
/// passed to `sink`. Fails if the browser refuses a listener (the ones
/// added so far are removed again as the vector drops).
///
/// `cooperative` is read on every wheel event: while it is set, a wheel
/// without Ctrl/⌘ is left to scroll the page (no `preventDefault`).
pub fn install_input(
    stage: &HtmlElement,
    canvas: &HtmlCanvasElement,
    cooperative: Rc<Cell<bool>>,
    sink: impl Fn(Input) + Clone + 'static,
) -> Result<Vec<Listener>, JsValue> {
    let target: &EventTarget = stage.as_ref();
    let mut out = Vec::new();

    let s = sink.clone();
    let c = canvas.clone();
    let st = stage.clone();
    out.push(listen(target, "pointerdown", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        if e.pointer_type() == "mouse" && e.button() != 0 {
            return;
        }
        // Keep receiving moves when the pointer leaves the map mid-drag.
        // Capture fails only for a pointer the browser has already ended;
        // the press then ends at the map's edge, as without capture.
        debug_failure("setPointerCapture", st.set_pointer_capture(e.pointer_id()));
        // Focus follows the pointer, so the keys work after a click.
        debug_failure("focus", c.focus());
        s(Input::PointerDown {
            id: e.pointer_id(),
            pos: pos(e, &st),
            kind: kind(e),
        });
    })?);
    let s = sink.clone();
    let st = stage.clone();
    out.push(listen(target, "pointermove", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        s(Input::PointerMove {
            id: e.pointer_id(),
            pos: pos(e, &st),
            kind: kind(e),
        });
    })?);
    let s = sink.clone();
    let st = stage.clone();
    out.push(listen(target, "pointerup", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        s(Input::PointerUp {
            id: e.pointer_id(),
            pos: pos(e, &st),
        });
    })?);
    let s = sink.clone();
    out.push(listen(target, "pointercancel", true, move |e| {
        let Some(e) = e.dyn_ref::<PointerEvent>() else {
            return;
        };
        s(Input::PointerCancel { id: e.pointer_id() });
    })?);
    let s = sink.clone();
    out.push(listen(target, "pointerleave", true, move |_| {
        s(Input::PointerLeave)
    })?);

    let s = sink.clone();
    let st = stage.clone();
    out.push(listen(target, "wheel", false, move |e| {
        let Some(e) = e.dyn_ref::<WheelEvent>() else {
            return;
        };
        let modified = e.ctrl_key() || e.meta_key();
        if modified || !cooperative.get() {
            e.prevent_default();
        }
        let page = f64::from(st.client_height());
        s(Input::Wheel {
            pos: pos(e, &st),
            delta_px: wheel_px(e, page),
            pinch: e.ctrl_key(),
            modified,
        });
    })?);

    let s = sink.clone();
    let st = stage.clone();
    out.push(listen(target, "dblclick", false, move |e| {
        let Some(e) = e.dyn_ref::<MouseEvent>() else {
            return;
        };
        e.prevent_default();
        s(Input::DoubleClick {
            pos: pos(e, &st),
            zoom_out: e.shift_key(),
        });
    })?);

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
    })?);
    Ok(out)
}
