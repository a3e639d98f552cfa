//! Input interpretation: the map's own event type and a pure gesture
//! state machine that turns it into view changes, hovers and clicks.
//!
//! The web layer (`web::events`) converts DOM events into [`Input`] and
//! nothing else; every decision — drag slop, pinch maths, wheel speed, key
//! bindings — lives here and is tested natively.

use crate::geo::coords::Screen;
use crate::geo::view::{Limits, View, Viewport};

/// Which device a pointer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PointerKind {
    /// A mouse: hovers, and its main button drags.
    Mouse,
    /// A finger: never hovers; two fingers pinch.
    Touch,
    /// A pen or stylus, treated like a mouse.
    Pen,
}

/// Map-level keys, after DOM key names have been interpreted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Key {
    /// Zoom in one level around the map's centre.
    ZoomIn,
    /// Zoom out one level around the map's centre.
    ZoomOut,
    /// Move the view by this many CSS pixels (positive x looks east).
    Look {
        /// Horizontal move in CSS pixels.
        dx: f64,
        /// Vertical move in CSS pixels (positive looks south).
        dy: f64,
    },
    /// Back to the home view.
    Home,
}

/// How far one arrow-key press moves the view.
pub const KEY_PAN_PX: f64 = 96.0;

impl Key {
    /// Interprets a DOM `KeyboardEvent.key`.
    ///
    /// ```
    /// use bridge_map::app::input::Key;
    /// assert_eq!(Key::from_dom("+"), Some(Key::ZoomIn));
    /// assert_eq!(Key::from_dom("Home"), Some(Key::Home));
    /// assert_eq!(Key::from_dom("a"), None);
    /// ```
    pub fn from_dom(key: &str) -> Option<Key> {
        Some(match key {
            "+" | "=" | "Add" => Key::ZoomIn,
            "-" | "_" | "Subtract" => Key::ZoomOut,
            "ArrowLeft" | "Left" => Key::Look {
                dx: -KEY_PAN_PX,
                dy: 0.0,
            },
            "ArrowRight" | "Right" => Key::Look {
                dx: KEY_PAN_PX,
                dy: 0.0,
            },
            "ArrowUp" | "Up" => Key::Look {
                dx: 0.0,
                dy: -KEY_PAN_PX,
            },
            "ArrowDown" | "Down" => Key::Look {
                dx: 0.0,
                dy: KEY_PAN_PX,
            },
            "0" | "Home" => Key::Home,
            _ => return None,
        })
    }
}

/// Everything the map reacts to, in map terms.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Input {
    /// A pointer went down on the map.
    PointerDown {
        /// The browser's pointer id.
        id: i32,
        /// Where, in CSS pixels from the map's top-left.
        pos: Screen,
        /// Which device.
        kind: PointerKind,
    },
    /// A pointer moved (pressed or hovering).
    PointerMove {
        /// The browser's pointer id.
        id: i32,
        /// Where, in CSS pixels from the map's top-left.
        pos: Screen,
        /// Which device.
        kind: PointerKind,
    },
    /// A pointer was released.
    PointerUp {
        /// The browser's pointer id.
        id: i32,
        /// Where, in CSS pixels from the map's top-left.
        pos: Screen,
    },
    /// The browser took the pointer away (a scroll, a system gesture).
    PointerCancel {
        /// The browser's pointer id.
        id: i32,
    },
    /// The pointer left the map (hover ends).
    PointerLeave,
    /// Wheel scroll in CSS pixels (positive = towards the user = zoom out).
    /// `pinch` is a trackpad pinch, which browsers report as a wheel with
    /// Ctrl; `modified` is Ctrl or ⌘ held (what an embedded map asks for).
    Wheel {
        /// Where the pointer is, in CSS pixels.
        pos: Screen,
        /// Scroll distance in CSS pixels.
        delta_px: f64,
        /// A trackpad pinch (a wheel with Ctrl, as browsers report it).
        pinch: bool,
        /// Ctrl or ⌘ held.
        modified: bool,
    },
    /// A double click or double tap.
    DoubleClick {
        /// Where, in CSS pixels.
        pos: Screen,
        /// Shift held: zoom out instead of in.
        zoom_out: bool,
    },
    /// A map key, already interpreted.
    Key(Key),
}

/// What the app should do in response.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Command {
    /// Show this view. `settled` is false while a continuous gesture is
    /// still running, so the renderer may reuse its cached bitmap.
    View {
        /// The view to show.
        view: View,
        /// False while the gesture runs on.
        settled: bool,
    },
    /// Hover moved to a point, or ended.
    Hover(Option<Screen>),
    /// A click or tap at a point.
    Select(Screen),
    /// Go back to the home view.
    Home,
    /// The gesture was left to the page (cooperative mode): tell the
    /// visitor how to move the map instead.
    Hint(Hint),
}

/// Which hint an embedded map shows when it lets a gesture scroll the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hint {
    /// "Use Ctrl + scroll to zoom the map."
    Wheel,
    /// "Use two fingers to move the map."
    Touch,
}

/// Movement below this many CSS pixels is still a click, not a drag.
pub const CLICK_SLOP_PX: f64 = 5.0;

/// Wheel pixels per zoom level (a mouse notch is ~100 px: a third of a level).
const WHEEL_PX_PER_LEVEL: f64 = 300.0;
/// Trackpad pinches report small deltas; they need a higher gain.
const PINCH_PX_PER_LEVEL: f64 = 100.0;

#[derive(Clone, Copy, Debug)]
struct Press {
    start: Screen,
    moved: bool,
    multi: bool,
    touch: bool,
    hinted: bool,
}

/// The gesture state machine: which pointers are down and what they mean.
///
/// In *cooperative* mode (a map embedded in a scrolling page) the page keeps
/// the gestures that scroll it: a wheel without Ctrl/⌘ and a one-finger
/// drag do not move the map but produce a [`Hint`]; Ctrl/⌘ + wheel and two
/// fingers do.
#[derive(Clone, Debug, Default)]
pub struct Gestures {
    pointers: Vec<(i32, Screen)>,
    press: Option<Press>,
    /// Embedded mode: plain wheels and one finger scroll the page, not the map.
    pub cooperative: bool,
}

/// What a gesture needs to know about the map right now.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// The view now.
    pub view: View,
    /// The map's size.
    pub viewport: Viewport,
    /// How far the view may go.
    pub limits: Limits,
}

impl Gestures {
    /// True while any pointer is down on the map.
    pub fn active(&self) -> bool {
        !self.pointers.is_empty()
    }

    /// Feeds one input; returns what to do, if anything. One input never
    /// means two commands, and an `Option` costs no allocation per event.
    pub fn handle(&mut self, input: Input, cx: &Context) -> Option<Command> {
        let Context {
            view,
            viewport: vp,
            limits,
        } = *cx;
        match input {
            Input::PointerDown { id, pos, kind } => {
                self.pointers.retain(|p| p.0 != id);
                self.pointers.push((id, pos));
                match self.pointers.len() {
                    1 => {
                        let touch = kind == PointerKind::Touch;
                        self.press = Some(Press {
                            start: pos,
                            moved: false,
                            multi: false,
                            touch,
                            hinted: false,
                        });
                        None
                    }
                    _ => {
                        if let Some(p) = &mut self.press {
                            p.multi = true;
                        }
                        Some(Command::Hover(None))
                    }
                }
            }
            Input::PointerMove { id, pos, kind } => {
                let Some(i) = self.pointers.iter().position(|p| p.0 == id) else {
                    return if kind == PointerKind::Touch || self.active() {
                        None
                    } else {
                        Some(Command::Hover(Some(pos)))
                    };
                };
                let old = self.pointers[i].1;
                match self.pointers.len() {
                    1 => {
                        let Some(press) = &mut self.press else {
                            self.pointers[i].1 = pos;
                            return None;
                        };
                        if !press.moved && press.start.distance(pos) < CLICK_SLOP_PX {
                            // Within the slop the pointer has not "moved": keep the
                            // recorded position so the first pan includes the slop.
                            return None;
                        }
                        if self.cooperative && press.touch {
                            // One finger belongs to the page's scrolling.
                            press.moved = true;
                            let first = !press.hinted;
                            press.hinted = true;
                            return if first {
                                Some(Command::Hint(Hint::Touch))
                            } else {
                                None
                            };
                        }
                        press.moved = true;
                        self.pointers[i].1 = pos;
                        let next = limits.constrain(view.panned(pos.x - old.x, pos.y - old.y));
                        Some(Command::View {
                            view: next,
                            settled: false,
                        })
                    }
                    _ => {
                        let j = if i == 0 { 1 } else { 0 };
                        let other = self.pointers[j].1;
                        self.pointers[i].1 = pos;
                        if let Some(p) = &mut self.press {
                            p.moved = true;
                        }
                        let (d0, d1) = (old.distance(other), pos.distance(other));
                        let (m0, m1) = (old.midpoint(other), pos.midpoint(other));
                        let dz = if d0 > 1.0 && d1 > 1.0 {
                            (d1 / d0).log2()
                        } else {
                            0.0
                        };
                        let zoomed = limits.zoom_around(view, dz, m0, vp);
                        let next = limits.constrain(zoomed.panned(m1.x - m0.x, m1.y - m0.y));
                        Some(Command::View {
                            view: next,
                            settled: false,
                        })
                    }
                }
            }
            Input::PointerUp { id, pos } => {
                let was_tracked = self.pointers.iter().any(|p| p.0 == id);
                self.pointers.retain(|p| p.0 != id);
                if !was_tracked {
                    return None;
                }
                if !self.pointers.is_empty() {
                    return None;
                }
                match self.press.take() {
                    Some(p) if !p.moved && !p.multi => Some(Command::Select(pos)),
                    Some(p) if p.moved => Some(Command::View {
                        view,
                        settled: true,
                    }),
                    _ => None,
                }
            }
            Input::PointerCancel { id } => {
                self.pointers.retain(|p| p.0 != id);
                if self.pointers.is_empty() && self.press.take().is_some_and(|p| p.moved) {
                    Some(Command::View {
                        view,
                        settled: true,
                    })
                } else {
                    None
                }
            }
            Input::PointerLeave => {
                if self.active() {
                    None
                } else {
                    Some(Command::Hover(None))
                }
            }
            Input::Wheel {
                pos,
                delta_px,
                pinch,
                modified,
            } => {
                if self.cooperative && !modified {
                    return Some(Command::Hint(Hint::Wheel));
                }
                let per_level = if pinch {
                    PINCH_PX_PER_LEVEL
                } else {
                    WHEEL_PX_PER_LEVEL
                };
                let dz = (-delta_px / per_level).clamp(-1.0, 1.0);
                if dz == 0.0 || !dz.is_finite() {
                    return None;
                }
                Some(Command::View {
                    view: limits.zoom_around(view, dz, pos, vp),
                    settled: false,
                })
            }
            Input::DoubleClick { pos, zoom_out } => {
                let dz = if zoom_out { -1.0 } else { 1.0 };
                Some(Command::View {
                    view: limits.zoom_around(view, dz, pos, vp),
                    settled: true,
                })
            }
            Input::Key(key) => match key {
                Key::ZoomIn => Some(Command::View {
                    view: limits.zoom_around(view, 1.0, vp.center(), vp),
                    settled: true,
                }),
                Key::ZoomOut => Some(Command::View {
                    view: limits.zoom_around(view, -1.0, vp.center(), vp),
                    settled: true,
                }),
                Key::Look { dx, dy } => Some(Command::View {
                    view: limits.constrain(view.panned(-dx, -dy)),
                    settled: true,
                }),
                Key::Home => Some(Command::Home),
            },
        }
    }
}
