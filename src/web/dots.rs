//! Layer 7, web: the flow particles as compositor animations.
//!
//! The layer is one element stacked over the map canvas (the shell's
//! `part="particles"`). For every dot the core describes
//! ([`FlowDots`]), it holds one small element with a Web Animations
//! `transform` animation along the dot's track: Chromium, Firefox and
//! Safari run such animations on the compositor thread, so a moving dot
//! costs the main thread nothing between builds. The core decides when
//! the layer is built, moved with the map, cleared, paused and played
//! ([`crate::app::flow`]); this module only carries that out, and removes
//! every element and cancels every animation it made when it is cleared
//! or dropped.

use crate::geo::view::View;
use crate::paint::surface::{css_matrix, push_number, DrawError};
use crate::render::Blit;
use crate::scene::flow::{FlowDots, Track};
use js_sys::{Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Animation, Document, HtmlElement};

/// Turns what a throwing DOM call threw into a [`DrawError`].
fn failed(call: &'static str) -> impl Fn(JsValue) -> DrawError {
    move |e| DrawError::Dom {
        call,
        message: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}")),
    }
}

/// The dot layer and what it holds.
pub struct DotLayer {
    layer: HtmlElement,
    document: Document,
    /// One animation per dot, in the order the dots were made.
    animations: Vec<Animation>,
    /// The view the dots were built for; `None` when there are none, or
    /// they no longer fit the map (it was resized).
    pub built: Option<View>,
    /// Whether the animations play (else they hold still).
    playing: bool,
}

impl DotLayer {
    /// Takes over `layer`, removing anything an earlier map left in it.
    pub fn new(layer: HtmlElement) -> Result<DotLayer, DrawError> {
        let document = layer.owner_document().ok_or(DrawError::Dom {
            call: "ownerDocument",
            message: "the particle layer is not in a document".into(),
        })?;
        let mut dots = DotLayer {
            layer,
            document,
            animations: Vec::new(),
            built: None,
            playing: true,
        };
        dots.clear();
        Ok(dots)
    }

    /// How many dots the layer holds.
    pub fn len(&self) -> usize {
        self.animations.len()
    }

    /// True when the layer holds no dots.
    pub fn is_empty(&self) -> bool {
        self.animations.is_empty()
    }

    /// Removes every dot and cancels its animation; the layer stands still
    /// and empty.
    pub fn clear(&mut self) {
        for a in self.animations.drain(..) {
            a.cancel();
        }
        self.layer.set_text_content(None);
        self.place(Blit::IDENTITY);
        self.built = None;
    }

    /// Shows the dots moved and scaled like the map's bitmap (`screen =
    /// built * scale + (dx, dy)`), while the view moves.
    pub fn place(&self, b: Blit) {
        let style = self.layer.style();
        let result = if b == Blit::IDENTITY {
            style.remove_property("transform").map(|_| ())
        } else {
            style.set_property("transform", &css_matrix(b.scale, b.dx, b.dy))
        };
        if let Err(e) = result {
            web_sys::console::error_2(&"bridge-map: moving the flow layer failed".into(), &e);
        }
    }

    /// Replaces the dots with `dots`, built for `view`, playing or held.
    pub fn build(&mut self, dots: &FlowDots, view: View, playing: bool) -> Result<(), DrawError> {
        self.clear();
        self.playing = playing;
        self.built = Some(view);
        if dots.tracks.is_empty() {
            return Ok(());
        }
        self.layer
            .style()
            .set_property("--dot-fill", &dots.fill.css())
            .map_err(failed("setProperty"))?;
        for track in &dots.tracks {
            let group = self.track(track)?;
            self.layer
                .append_child(&group)
                .map_err(failed("appendChild"))?;
        }
        Ok(())
    }

    /// One track's dots, in a group that carries their outline colour.
    fn track(&mut self, track: &Track) -> Result<HtmlElement, DrawError> {
        let group = self.element("div")?;
        group
            .style()
            .set_property("--dot-stroke", &track.stroke.css())
            .map_err(failed("setProperty"))?;
        // The keyframes once per track, parsed by the browser: one call
        // across the wasm boundary instead of two per keyframe.
        let mut json = String::with_capacity(track.points.len() * 48 + 2);
        json.push('[');
        for (i, (p, o)) in track.points.iter().zip(&track.offsets).enumerate() {
            if i > 0 {
                json.push(',');
            }
            // Hundredths of a pixel, millionths of the track, written by
            // hand: `{}` on a float would bring core's float printing into
            // the wasm (README, Download size).
            json.push_str(r#"{"transform":"translate("#);
            push_number(&mut json, p.x, 2);
            json.push_str("px,");
            push_number(&mut json, p.y, 2);
            json.push_str(r#"px)","offset":"#);
            push_number(&mut json, *o, 6);
            json.push('}');
        }
        json.push(']');
        let keyframes = js_sys::JSON::parse(&json)
            .map_err(failed("JSON.parse"))?
            .dyn_into::<Object>()
            .map_err(failed("JSON.parse"))?;
        // One options object for the track; `animate` reads it at once, so
        // each dot only changes its delay and direction.
        let options = Object::new();
        let set = |key: &str, value: JsValue| {
            Reflect::set(&options, &JsValue::from_str(key), &value)
                .map(|_| ())
                .map_err(failed("Reflect.set"))
        };
        set("duration", track.period_ms.into())?;
        set("iterations", f64::INFINITY.into())?;
        set("easing", "linear".into())?;
        // `Element.animate`, called through the prototype: web-sys only
        // binds its options dictionary behind its unstable-API flag.
        let animate = Reflect::get(&group, &JsValue::from_str("animate"))
            .map_err(failed("animate"))?
            .dyn_into::<Function>()
            .map_err(|_| DrawError::Dom {
                call: "animate",
                message: "this browser has no Web Animations".into(),
            })?;
        for dot in &track.dots {
            let el = self.element("i")?;
            set("delay", dot.delay_ms.into())?;
            set(
                "direction",
                if dot.reverse { "reverse" } else { "normal" }.into(),
            )?;
            let animation: Animation = animate
                .call2(&el, &keyframes, &options)
                .map_err(failed("animate"))?
                .unchecked_into();
            if !self.playing {
                animation.pause().map_err(failed("pause"))?;
            }
            self.animations.push(animation);
            group.append_child(&el).map_err(failed("appendChild"))?;
        }
        Ok(group)
    }

    fn element(&self, tag: &str) -> Result<HtmlElement, DrawError> {
        self.document
            .create_element(tag)
            .map_err(failed("createElement"))?
            .dyn_into::<HtmlElement>()
            .map_err(|_| DrawError::Dom {
                call: "createElement",
                message: format!("<{tag}> is not an HTML element"),
            })
    }

    /// Plays or holds every dot (a held dot stays where it is).
    pub fn set_playing(&mut self, on: bool) {
        if on == self.playing {
            return;
        }
        self.playing = on;
        for a in &self.animations {
            let result = if on { a.play() } else { a.pause() };
            if let Err(e) = result {
                web_sys::console::error_2(&"bridge-map: pausing the flow failed".into(), &e);
                break;
            }
        }
    }
}

impl Drop for DotLayer {
    fn drop(&mut self) {
        self.clear();
    }
}
