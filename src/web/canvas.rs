//! Layer 7, web: the Canvas 2D adapter, [`Surface`] calls passed straight
//! to a 2D context — of a `<canvas>` element, or of an `OffscreenCanvas`
//! whose drawing is then shown by a [`ShownCanvas`].
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
//!
//! Why two kinds: Chromium hands a 2D `<canvas>` that fills the screen to
//! its compositor again on every commit, drawn into or not (about 3–6 ms of
//! main thread a frame at 2560×1600 in software raster), so a picture that
//! the compositor moves frame after frame must not be one. The map draws
//! off screen instead and shows the result through a `bitmaprenderer`
//! canvas, which Chromium composites as it is.

use crate::geo::coords::Screen;
use crate::paint::surface::{DrawError, Ends, Font, Rgba, StrokeStyle, Surface};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, ImageBitmapRenderingContext, OffscreenCanvas,
    OffscreenCanvasRenderingContext2d,
};

#[wasm_bindgen(module = "/www/bridge-map-path.js")]
extern "C" {
    /// Begins a new path on the 2D context `ctx` (of a `<canvas>` or an
    /// `OffscreenCanvas`) and replays the recorded `ops` into it.
    #[wasm_bindgen(js_name = tracePath)]
    fn trace_path(ctx: &JsValue, ops: &[f64]);

    /// Saves the state of `ctx`, traces `ops` as [`trace_path`] does and
    /// clips to it by the even–odd rule.
    #[wasm_bindgen(js_name = clipPath)]
    fn clip_path(ctx: &JsValue, ops: &[f64]);

    /// Restores the state of `ctx` that [`clip_path`] saved.
    fn unclip(ctx: &JsValue);

    /// Makes the browser rasterise what was drawn on `canvas` so far, now
    /// (a snapshot it closes at once).
    fn rasterise(canvas: &OffscreenCanvas);
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

/// What a [`CanvasSurface`] draws into.
enum Target {
    /// A `<canvas>` element's 2D context.
    Element(HtmlCanvasElement, CanvasRenderingContext2d),
    /// An `OffscreenCanvas`'s 2D context.
    Offscreen(OffscreenCanvas, OffscreenCanvasRenderingContext2d),
}

/// Runs the same expression on whichever 2D context the surface has (the
/// two web-sys types share their method names, not a trait).
macro_rules! ctx {
    ($target:expr, $c:ident => $e:expr) => {
        match $target {
            Target::Element(_, $c) => $e,
            Target::Offscreen(_, $c) => $e,
        }
    };
}

/// A canvas (on screen or off screen) seen as a [`Surface`].
pub struct CanvasSurface {
    target: Target,
    dpr: f64,
    font: String,
    /// The path since the last `begin_path`, as ops for `tracePath`; its
    /// capacity is kept, so recording allocates nothing once warm.
    path: Vec<f64>,
    /// The context's current path already holds all of `path`.
    traced: bool,
}

impl CanvasSurface {
    /// Wraps a `<canvas>` element; fails if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Result<CanvasSurface, DrawError> {
        let ctx = canvas
            .get_context("2d")
            .map_err(failed("getContext"))?
            .ok_or(DrawError::NoContext)?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| DrawError::NoContext)?;
        Ok(CanvasSurface::with(Target::Element(canvas, ctx)))
    }

    /// A new `OffscreenCanvas`, to be shown with [`ShownCanvas::show`].
    pub fn offscreen() -> Result<CanvasSurface, DrawError> {
        let canvas = OffscreenCanvas::new(1, 1).map_err(failed("new OffscreenCanvas"))?;
        let ctx = canvas
            .get_context("2d")
            .map_err(failed("getContext"))?
            .ok_or(DrawError::NoContext)?
            .dyn_into::<OffscreenCanvasRenderingContext2d>()
            .map_err(|_| DrawError::NoContext)?;
        Ok(CanvasSurface::with(Target::Offscreen(canvas, ctx)))
    }

    fn with(target: Target) -> CanvasSurface {
        CanvasSurface {
            target,
            dpr: 1.0,
            font: String::new(),
            path: Vec::new(),
            traced: false,
        }
    }

    /// Hands the recorded path to the context, once per change: a fill
    /// followed by a stroke of the same path replays it once.
    fn flush_path(&mut self) {
        if !self.traced {
            ctx!(&self.target, c => trace_path(c.as_ref(), &self.path));
            self.traced = true;
        }
    }

    /// Records path ops; the context sees them at the next fill or stroke.
    fn record(&mut self, ops: &[f64]) {
        self.path.extend_from_slice(ops);
        self.traced = false;
    }

    /// The backing store's size in device pixels.
    fn size(&self) -> (u32, u32) {
        match &self.target {
            Target::Element(c, _) => (c.width(), c.height()),
            Target::Offscreen(c, _) => (c.width(), c.height()),
        }
    }

    /// Sizes the backing store for a CSS size and pixel ratio. Returns true
    /// when the size changed (which clears the canvas).
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<bool, DrawError> {
        let w = (css_width * dpr).round().max(1.0) as u32;
        let h = (css_height * dpr).round().max(1.0) as u32;
        let (cw, ch) = self.size();
        let changed = cw != w || ch != h || self.dpr != dpr;
        match &self.target {
            Target::Element(c, _) => {
                if cw != w {
                    c.set_width(w);
                }
                if ch != h {
                    c.set_height(h);
                }
            }
            Target::Offscreen(c, _) => {
                if cw != w {
                    c.set_width(w);
                }
                if ch != h {
                    c.set_height(h);
                }
            }
        }
        self.dpr = dpr;
        self.font.clear();
        self.reset_transform()?;
        Ok(changed)
    }

    /// Back to "one unit = one CSS pixel".
    pub fn reset_transform(&self) -> Result<(), DrawError> {
        ctx!(&self.target, c => c.set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0))
            .map_err(failed("setTransform"))
    }

    /// Makes the whole canvas transparent again.
    pub fn clear_transparent(&self) -> Result<(), DrawError> {
        ctx!(&self.target, c => c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0))
            .map_err(failed("setTransform"))?;
        let (w, h) = self.size();
        ctx!(&self.target, c => c.clear_rect(0.0, 0.0, f64::from(w), f64::from(h)));
        self.reset_transform()
    }

    /// Device pixels per CSS pixel.
    pub fn dpr(&self) -> f64 {
        self.dpr
    }

    /// Makes the browser give an `OffscreenCanvas` its next bitmap now: the
    /// first drawing after a hand-over to a [`ShownCanvas`] allocates one
    /// (several ms at 2560×1600), which is better spent between frames
    /// than inside the next rendering. Leaves the canvas transparent.
    pub fn warm_up(&self) -> Result<(), DrawError> {
        if let Target::Offscreen(_, c) = &self.target {
            c.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
                .map_err(failed("setTransform"))?;
            c.clear_rect(0.0, 0.0, 1.0, 1.0);
            self.reset_transform()?;
        }
        Ok(())
    }

    /// Makes the browser rasterise what was drawn so far, now: Chromium
    /// records canvas calls and rasterises them when the pixels are needed,
    /// so without this every stage of a rendering drawn over several
    /// frames would be rasterised at once, when it is shown. A snapshot
    /// needs them (`www/bridge-map-path.js` `rasterise`); reading a pixel
    /// back would too, but it stalls a GPU canvas and Chromium warns of it.
    /// Nothing to do for a canvas on the page.
    pub fn flush(&self) {
        if let Target::Offscreen(canvas, _) = &self.target {
            rasterise(canvas);
        }
    }

    /// Shows or hides a `<canvas>` element (CSS `visibility`); an empty
    /// layer is best hidden, since Chromium hands a shown 2D canvas to its
    /// compositor on every commit, empty or not. Nothing to do off screen.
    pub fn set_visible(&self, on: bool) -> Result<(), DrawError> {
        match &self.target {
            Target::Element(c, _) => set_visible(c, on),
            Target::Offscreen(..) => Ok(()),
        }
    }

    fn set_font(&mut self, font: &Font) {
        let css = font.css();
        if css != self.font {
            ctx!(&self.target, c => c.set_font(&css));
            self.font = css;
        }
    }
}

/// Shows or hides a canvas element with CSS `visibility`.
pub fn set_visible(canvas: &HtmlCanvasElement, on: bool) -> Result<(), DrawError> {
    canvas
        .style()
        .set_property("visibility", if on { "visible" } else { "hidden" })
        .map_err(failed("style.visibility"))
}

/// A `<canvas>` on the page that shows what an off-screen [`CanvasSurface`]
/// drew, through its `bitmaprenderer` context: handing the drawing over
/// moves it, it does not copy it.
pub struct ShownCanvas {
    /// The canvas element on the page.
    pub canvas: HtmlCanvasElement,
    ctx: ImageBitmapRenderingContext,
}

impl ShownCanvas {
    /// Takes the canvas's `bitmaprenderer` context; fails if it already has
    /// another.
    pub fn new(canvas: HtmlCanvasElement) -> Result<ShownCanvas, DrawError> {
        let ctx = canvas
            .get_context("bitmaprenderer")
            .map_err(failed("getContext"))?
            .ok_or(DrawError::NoContext)?
            .dyn_into::<ImageBitmapRenderingContext>()
            .map_err(|_| DrawError::NoContext)?;
        Ok(ShownCanvas { canvas, ctx })
    }

    /// Shows what `from` drew; `from` is left empty and transparent, ready
    /// for the next drawing. This is where the browser rasterises the
    /// drawing.
    pub fn show(&self, from: &CanvasSurface) -> Result<(), DrawError> {
        let Target::Offscreen(canvas, _) = &from.target else {
            return Err(DrawError::NoContext);
        };
        // The canvas keeps its own size (a bitmap of another is scaled to
        // it): give it the bitmap's, so it has device pixels and reads
        // back as drawn.
        let (w, h) = (canvas.width(), canvas.height());
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        let bitmap = canvas
            .transfer_to_image_bitmap()
            .map_err(failed("transferToImageBitmap"))?;
        self.ctx.transfer_from_image_bitmap(&bitmap);
        Ok(())
    }
}

impl Surface for CanvasSurface {
    fn clear(&mut self, color: Rgba) {
        let css = color.css();
        let (w, h) = self.size();
        let (w, h) = (f64::from(w) / self.dpr, f64::from(h) / self.dpr);
        ctx!(&self.target, c => {
            c.set_fill_style_str(&css);
            c.fill_rect(0.0, 0.0, w, h);
        });
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
                // A static message: formatting the float would bring core's
                // float printing back into the wasm (see README, Download size).
                message: "the radius is negative".to_owned(),
            });
        }
        self.record(&[CIRCLE, center.x, center.y, radius]);
        Ok(())
    }
    fn fill(&mut self, color: Rgba) {
        self.flush_path();
        let css = color.css();
        ctx!(&self.target, c => {
            c.set_fill_style_str(&css);
            c.fill();
        });
    }
    fn clip(&mut self) {
        ctx!(&self.target, c => clip_path(c.as_ref(), &self.path));
        self.traced = true;
    }
    fn unclip(&mut self) {
        // The current path is not part of the state `restore` brings back.
        ctx!(&self.target, c => unclip(c.as_ref()));
    }
    fn stroke(&mut self, style: &StrokeStyle) -> Result<(), DrawError> {
        self.flush_path();
        let dash = js_sys::Array::new();
        if style.is_dashed() {
            dash.push(&style.dash[0].into());
            dash.push(&style.dash[1].into());
        }
        let css = style.color.css();
        let (join, cap) = match style.ends {
            Ends::Round => ("round", "round"),
            Ends::Flat => ("bevel", "butt"),
        };
        ctx!(&self.target, c => {
            c.set_stroke_style_str(&css);
            c.set_line_width(style.width);
            c.set_line_join(join);
            c.set_line_cap(cap);
            c.set_line_dash(&dash).map_err(failed("setLineDash"))?;
            c.stroke();
        });
        Ok(())
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError> {
        self.set_font(font);
        ctx!(&self.target, c => c.measure_text(text))
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
        let fill = color.css();
        ctx!(&self.target, c => {
            c.set_text_align("center");
            c.set_text_baseline("middle");
            if let Some(h) = halo {
                c.set_stroke_style_str(&h.css());
                c.set_line_width(3.0);
                c.set_line_join("round");
                c.stroke_text(text, at.x, at.y).map_err(failed("strokeText"))?;
            }
            c.set_fill_style_str(&fill);
            c.fill_text(text, at.x, at.y).map_err(failed("fillText"))
        })
    }
}
