//! Layer 7, web: the Canvas 2D adapter, [`Surface`] calls passed straight
//! to a `CanvasRenderingContext2d`.
//!
//! It adds device pixels: the context's transform is set to
//! `devicePixelRatio`, so the core keeps drawing in CSS pixels and lines
//! stay sharp on HiDPI screens. It batches paths: `move_to`, `line_to` and
//! `circle` are recorded in a reused buffer and replayed by one call to
//! `www/bridge-map-path.js` when the path is filled or stroked, so a basemap
//! of tens of thousands of vertices costs a handful of Wasm→JS calls, not
//! one per vertex. Font strings are cached so a frame of many labels costs
//! no repeated font parsing. Every canvas call that can throw returns a
//! [`DrawError`] naming the call, so a failed frame is reported.

use crate::geo::coords::Screen;
use crate::paint::surface::{DrawError, Font, Rgba, StrokeStyle, Surface};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

#[wasm_bindgen(module = "/www/bridge-map-path.js")]
extern "C" {
    /// Begins a new path on `ctx` and replays the recorded `ops` into it.
    #[wasm_bindgen(js_name = tracePath)]
    fn trace_path(ctx: &CanvasRenderingContext2d, ops: &[f64]);
}

/// Op codes of the recorded path, as `www/bridge-map-path.js` reads them.
const MOVE: f64 = 0.0;
const LINE: f64 = 1.0;
const CLOSE: f64 = 2.0;
const CIRCLE: f64 = 3.0;

/// Turns what a throwing canvas call threw into a [`DrawError`].
fn failed(call: &'static str) -> impl Fn(JsValue) -> DrawError {
    move |e| DrawError::Canvas {
        call,
        message: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| format!("{e:?}")),
    }
}

/// A canvas (on screen or off screen) seen as a [`Surface`].
pub struct CanvasSurface {
    /// The canvas element drawn into.
    pub canvas: HtmlCanvasElement,
    /// Its 2D context.
    pub ctx: CanvasRenderingContext2d,
    dpr: f64,
    font: String,
    /// The path since the last `begin_path`, as ops for `tracePath`; its
    /// capacity is kept, so recording allocates nothing once warm.
    path: Vec<f64>,
    /// The context's current path already holds all of `path`.
    traced: bool,
}

impl CanvasSurface {
    /// Wraps a canvas; fails if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Result<CanvasSurface, DrawError> {
        let ctx = canvas
            .get_context("2d")
            .map_err(failed("getContext"))?
            .ok_or(DrawError::NoContext)?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| DrawError::NoContext)?;
        Ok(CanvasSurface {
            canvas,
            ctx,
            dpr: 1.0,
            font: String::new(),
            path: Vec::new(),
            traced: false,
        })
    }

    /// Sizes the backing store for a CSS size and pixel ratio. Returns true
    /// when the size changed (which clears the canvas).
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<bool, DrawError> {
        let w = (css_width * dpr).round().max(1.0) as u32;
        let h = (css_height * dpr).round().max(1.0) as u32;
        let changed = self.canvas.width() != w || self.canvas.height() != h || self.dpr != dpr;
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        self.dpr = dpr;
        self.font.clear();
        self.reset_transform()?;
        Ok(changed)
    }

    /// Back to "one unit = one CSS pixel".
    pub fn reset_transform(&self) -> Result<(), DrawError> {
        self.ctx
            .set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0)
            .map_err(failed("setTransform"))
    }

    /// Makes the whole canvas transparent again.
    pub fn clear_transparent(&self) -> Result<(), DrawError> {
        self.ctx
            .set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
            .map_err(failed("setTransform"))?;
        self.ctx.clear_rect(
            0.0,
            0.0,
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        self.reset_transform()
    }

    /// Device pixels per CSS pixel.
    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    /// Copies another canvas onto this one at `(dx, dy)` scaled by `scale`, in
    /// CSS pixels. This is the whole cost of a frame during a gesture.
    pub fn blit(
        &self,
        source: &HtmlCanvasElement,
        scale: f64,
        dx: f64,
        dy: f64,
        css_w: f64,
        css_h: f64,
    ) -> Result<(), DrawError> {
        self.ctx
            .draw_image_with_html_canvas_element_and_dw_and_dh(
                source,
                dx,
                dy,
                css_w * scale,
                css_h * scale,
            )
            .map_err(failed("drawImage"))
    }

    /// Hands the recorded path to the context, once per change: a fill
    /// followed by a stroke of the same path replays it once.
    fn flush_path(&mut self) {
        if !self.traced {
            trace_path(&self.ctx, &self.path);
            self.traced = true;
        }
    }

    /// Records path ops; the context sees them at the next fill or stroke.
    fn record(&mut self, ops: &[f64]) {
        self.path.extend_from_slice(ops);
        self.traced = false;
    }

    fn set_font(&mut self, font: &Font) {
        let css = font.css();
        if css != self.font {
            self.ctx.set_font(&css);
            self.font = css;
        }
    }
}

impl Surface for CanvasSurface {
    fn clear(&mut self, color: Rgba) {
        self.ctx.set_fill_style_str(&color.css());
        let w = f64::from(self.canvas.width()) / self.dpr;
        let h = f64::from(self.canvas.height()) / self.dpr;
        self.ctx.fill_rect(0.0, 0.0, w, h);
    }
    fn begin_path(&mut self) {
        self.path.clear();
        self.traced = false;
    }
    fn move_to(&mut self, p: Screen) {
        self.record(&[MOVE, p.x, p.y]);
    }
    fn line_to(&mut self, p: Screen) {
        self.record(&[LINE, p.x, p.y]);
    }
    fn close_path(&mut self) {
        self.record(&[CLOSE]);
    }
    fn circle(&mut self, center: Screen, radius: f64) -> Result<(), DrawError> {
        // `arc` throws on a negative radius when replayed; refuse it here,
        // where the caller can still hear of it.
        if radius < 0.0 {
            return Err(DrawError::Canvas {
                call: "arc",
                message: format!("the radius {radius} is negative"),
            });
        }
        self.record(&[CIRCLE, center.x, center.y, radius]);
        Ok(())
    }
    fn fill(&mut self, color: Rgba) {
        self.flush_path();
        self.ctx.set_fill_style_str(&color.css());
        self.ctx.fill();
    }
    fn stroke(&mut self, style: &StrokeStyle) -> Result<(), DrawError> {
        self.flush_path();
        self.ctx.set_stroke_style_str(&style.color.css());
        self.ctx.set_line_width(style.width);
        self.ctx.set_line_join("round");
        self.ctx.set_line_cap("round");
        let dash = js_sys::Array::new();
        if style.is_dashed() {
            dash.push(&style.dash[0].into());
            dash.push(&style.dash[1].into());
        }
        self.ctx
            .set_line_dash(&dash)
            .map_err(failed("setLineDash"))?;
        self.ctx.stroke();
        Ok(())
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError> {
        self.set_font(font);
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .map_err(failed("measureText"))
    }
    fn fill_text(
        &mut self,
        text: &str,
        at: Screen,
        font: &Font,
        color: Rgba,
        halo: Option<Rgba>,
    ) -> Result<(), DrawError> {
        self.set_font(font);
        self.ctx.set_text_align("center");
        self.ctx.set_text_baseline("middle");
        if let Some(h) = halo {
            self.ctx.set_stroke_style_str(&h.css());
            self.ctx.set_line_width(3.0);
            self.ctx.set_line_join("round");
            self.ctx
                .stroke_text(text, at.x, at.y)
                .map_err(failed("strokeText"))?;
        }
        self.ctx.set_fill_style_str(&color.css());
        self.ctx
            .fill_text(text, at.x, at.y)
            .map_err(failed("fillText"))
    }
}
