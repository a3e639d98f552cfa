//! Layer 7, web: the Canvas 2D adapter: [`Surface`] calls drawn on a 2D
//! context — of a `<canvas>` element, or of an `OffscreenCanvas` whose
//! drawing is then shown by a [`ShownCanvas`].
//!
//! It writes the calls down as a [`DisplayList`], the form the raster
//! worker draws too, and has them drawn by one replay in
//! `www/bridge-map-path.js` per painted path: a basemap of tens of
//! thousands of vertices costs a handful of Wasm→JS calls, not one per
//! vertex or per canvas setting, and the main thread and the worker draw a
//! rendering the same way, with the same code. It adds device pixels: the
//! context's transform is set to `devicePixelRatio`, so the core keeps
//! drawing in CSS pixels and lines stay sharp on HiDPI screens. Every
//! replay that can throw returns a [`DrawError`], so a failed frame is
//! reported.
//!
//! Why two kinds: Chromium hands a 2D `<canvas>` that fills the screen to
//! its compositor again on every commit, drawn into or not (about 3–6 ms of
//! main thread a frame at 2560×1600 in software raster), so a picture that
//! the compositor moves frame after frame must not be one. The map draws
//! off screen instead and shows the result through a `bitmaprenderer`
//! canvas, which Chromium composites as it is.

use crate::geo::coords::Screen;
use crate::paint::display_list::{DisplayList, Encoder};
use crate::paint::surface::{DrawError, Font, Rgba, StrokeStyle, Surface};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlCanvasElement, ImageBitmap, ImageBitmapRenderingContext, OffscreenCanvas};

#[wasm_bindgen(module = "/www/bridge-map-path.js")]
extern "C" {
    /// Draws a display list (`ops`, and its strings joined) on the 2D
    /// context `ctx`, whose canvas is `css_w`×`css_h` CSS pixels.
    #[wasm_bindgen(catch)]
    fn replay(
        ctx: &JsValue,
        ops: &[f64],
        joined: &str,
        css_w: f64,
        css_h: f64,
    ) -> Result<(), JsValue>;

    /// True when the browser took the 2D context `ctx` away (a GPU reset,
    /// memory pressure), and with it what was drawn.
    #[wasm_bindgen(js_name = isLost)]
    fn is_lost(ctx: &JsValue) -> bool;

    /// Width of `text` in the CSS font `font` on `ctx`.
    #[wasm_bindgen(js_name = measureText, catch)]
    fn measure_text(ctx: &JsValue, font: &str, text: &str) -> Result<f64, JsValue>;

    /// Sets the transform of `ctx` to `dpr` device pixels per unit.
    #[wasm_bindgen(js_name = scaleTo)]
    fn scale_to(ctx: &JsValue, dpr: f64);

    /// Makes the canvas of `ctx` transparent, its transform then `dpr`.
    #[wasm_bindgen(js_name = clearAll)]
    fn clear_all(ctx: &JsValue, dpr: f64);

    /// Clears one pixel of the canvas of `ctx`: it gets its next bitmap now.
    #[wasm_bindgen(js_name = warmUp)]
    fn warm_up(ctx: &JsValue, dpr: f64);

    /// Makes the browser rasterise what was drawn on `canvas` so far, now
    /// (a snapshot it closes at once).
    fn rasterise(canvas: &OffscreenCanvas);
}

/// Turns what a throwing canvas call threw into a [`DrawError`].
fn failed(call: &'static str) -> impl Fn(JsValue) -> DrawError {
    move |e| DrawError::Canvas {
        call,
        message: e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "it threw".to_owned()),
    }
}

/// What a [`CanvasSurface`] draws into.
enum Target {
    /// A `<canvas>` element.
    Element(HtmlCanvasElement),
    /// An `OffscreenCanvas`.
    Offscreen(OffscreenCanvas),
}

/// Measures text on a 2D context for the [`Encoder`]; draws nothing.
struct Meter(JsValue);

impl Surface for Meter {
    fn clear(&mut self, _: Rgba) {}
    fn begin_path(&mut self) {}
    fn move_to(&mut self, _: Screen) {}
    fn line_to(&mut self, _: Screen) {}
    fn close_path(&mut self) {}
    fn circle(&mut self, _: Screen, _: f64) -> Result<(), DrawError> {
        Ok(())
    }
    fn fill(&mut self, _: Rgba) {}
    fn clip(&mut self) {}
    fn unclip(&mut self) {}
    fn stroke(&mut self, _: &StrokeStyle) -> Result<(), DrawError> {
        Ok(())
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError> {
        measure_text(&self.0, &font.css(), text).map_err(failed("measureText"))
    }
    fn fill_text(
        &mut self,
        _: &str,
        _: Screen,
        _: &Font,
        _: Rgba,
        _: Option<Rgba>,
    ) -> Result<(), DrawError> {
        Ok(())
    }
}

/// A canvas (on screen or off screen) seen as a [`Surface`].
pub struct CanvasSurface {
    target: Target,
    /// The canvas's 2D context (either kind), which measures text too.
    meter: Meter,
    dpr: f64,
    /// What was drawn since the last replay: the path being built, then
    /// the call that paints it. Its capacity is kept, so drawing allocates
    /// nothing once warm.
    list: DisplayList,
}

impl CanvasSurface {
    /// Wraps a `<canvas>` element; fails if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Result<CanvasSurface, DrawError> {
        let ctx = canvas
            .get_context("2d")
            .map_err(failed("getContext"))?
            .ok_or(DrawError::NoContext)?;
        Ok(CanvasSurface::with(Target::Element(canvas), ctx.into()))
    }

    /// A new `OffscreenCanvas`, to be shown with [`ShownCanvas::show`].
    pub fn offscreen() -> Result<CanvasSurface, DrawError> {
        let canvas = OffscreenCanvas::new(1, 1).map_err(failed("new OffscreenCanvas"))?;
        let ctx = canvas
            .get_context("2d")
            .map_err(failed("getContext"))?
            .ok_or(DrawError::NoContext)?;
        Ok(CanvasSurface::with(Target::Offscreen(canvas), ctx.into()))
    }

    fn with(target: Target, ctx: JsValue) -> CanvasSurface {
        CanvasSurface {
            target,
            meter: Meter(ctx),
            dpr: 1.0,
            list: DisplayList::new(),
        }
    }

    /// Writes one call down.
    fn encoder(&mut self) -> Encoder<'_> {
        Encoder {
            list: &mut self.list,
            measure: &mut self.meter,
        }
    }

    /// Draws what was written down since the last replay, and forgets it.
    fn replay(&mut self) -> Result<(), DrawError> {
        let (w, h) = self.size();
        let drawn = replay(
            &self.meter.0,
            self.list.ops(),
            &self.list.joined_strings(),
            f64::from(w) / self.dpr,
            f64::from(h) / self.dpr,
        );
        self.list.clear();
        drawn.map_err(failed("replay"))
    }

    /// The browser took this canvas's context away (a GPU reset, memory
    /// pressure): what was drawn on it since the last hand-over is gone.
    pub fn lost(&self) -> bool {
        is_lost(&self.meter.0)
    }

    /// Replaces an off-screen canvas whose context was lost by a fresh one
    /// of the same size and ratio: a lost context comes back only when the
    /// browser chooses, and may never. An element's canvas stays (the page
    /// holds it); its context comes back by itself.
    pub fn renew(&mut self) -> Result<(), DrawError> {
        if let Target::Offscreen(old) = &self.target {
            let canvas = OffscreenCanvas::new(old.width(), old.height())
                .map_err(failed("new OffscreenCanvas"))?;
            let ctx = canvas
                .get_context("2d")
                .map_err(failed("getContext"))?
                .ok_or(DrawError::NoContext)?;
            self.target = Target::Offscreen(canvas);
            self.meter = Meter(ctx.into());
            self.list.clear();
        }
        self.reset_transform()
    }

    /// The backing store's size in device pixels.
    fn size(&self) -> (u32, u32) {
        match &self.target {
            Target::Element(c) => (c.width(), c.height()),
            Target::Offscreen(c) => (c.width(), c.height()),
        }
    }

    /// The backing store's size in device pixels for a CSS size and pixel
    /// ratio: what [`CanvasSurface::resize`] gives it.
    pub fn device_size(css_width: f64, css_height: f64, dpr: f64) -> (u32, u32) {
        let w = (css_width * dpr).round().max(1.0) as u32;
        let h = (css_height * dpr).round().max(1.0) as u32;
        (w, h)
    }

    /// Sizes the backing store for a CSS size and pixel ratio. Returns true
    /// when the size changed (which clears the canvas).
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> Result<bool, DrawError> {
        let (w, h) = CanvasSurface::device_size(css_width, css_height, dpr);
        let (cw, ch) = self.size();
        let changed = cw != w || ch != h || self.dpr != dpr;
        match &self.target {
            Target::Element(c) => {
                if cw != w {
                    c.set_width(w);
                }
                if ch != h {
                    c.set_height(h);
                }
            }
            Target::Offscreen(c) => {
                if cw != w {
                    c.set_width(w);
                }
                if ch != h {
                    c.set_height(h);
                }
            }
        }
        self.dpr = dpr;
        self.reset_transform()?;
        Ok(changed)
    }

    /// Back to "one unit = one CSS pixel".
    pub fn reset_transform(&self) -> Result<(), DrawError> {
        scale_to(&self.meter.0, self.dpr);
        Ok(())
    }

    /// Makes the whole canvas transparent again.
    pub fn clear_transparent(&self) -> Result<(), DrawError> {
        clear_all(&self.meter.0, self.dpr);
        Ok(())
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
        if let Target::Offscreen(_) = &self.target {
            warm_up(&self.meter.0, self.dpr);
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
        if let Target::Offscreen(canvas) = &self.target {
            rasterise(canvas);
        }
    }

    /// Shows or hides a `<canvas>` element (CSS `visibility`); an empty
    /// layer is best hidden, since Chromium hands a shown 2D canvas to its
    /// compositor on every commit, empty or not. Nothing to do off screen.
    pub fn set_visible(&self, on: bool) -> Result<(), DrawError> {
        match &self.target {
            Target::Element(c) => set_visible(c, on),
            Target::Offscreen(_) => Ok(()),
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
        let Target::Offscreen(canvas) = &from.target else {
            return Err(DrawError::NoContext);
        };
        let bitmap = canvas
            .transfer_to_image_bitmap()
            .map_err(failed("transferToImageBitmap"))?;
        self.show_bitmap(&bitmap);
        Ok(())
    }

    /// Shows `bitmap` (drawn here or by the raster worker); it is moved,
    /// not copied, and unusable afterwards.
    pub fn show_bitmap(&self, bitmap: &ImageBitmap) {
        // The canvas keeps its own size (a bitmap of another is scaled to
        // it): give it the bitmap's, so it has device pixels and reads
        // back as drawn.
        let (w, h) = (bitmap.width(), bitmap.height());
        if self.canvas.width() != w {
            self.canvas.set_width(w);
        }
        if self.canvas.height() != h {
            self.canvas.set_height(h);
        }
        self.ctx.transfer_from_image_bitmap(bitmap);
    }
}

impl Surface for CanvasSurface {
    fn clear(&mut self, color: Rgba) {
        self.encoder().clear(color);
        // A clear cannot throw.
        let _ = self.replay();
    }
    fn begin_path(&mut self) {
        self.encoder().begin_path();
    }
    fn move_to(&mut self, p: Screen) {
        self.encoder().move_to(p);
    }
    fn line_to(&mut self, p: Screen) {
        self.encoder().line_to(p);
    }
    fn close_path(&mut self) {
        self.encoder().close_path();
    }
    fn circle(&mut self, center: Screen, radius: f64) -> Result<(), DrawError> {
        self.encoder().circle(center, radius)
    }
    fn fill(&mut self, color: Rgba) {
        self.encoder().fill(color);
        // Building a path and filling it cannot throw.
        let _ = self.replay();
    }
    fn clip(&mut self) {
        self.encoder().clip();
        let _ = self.replay();
    }
    fn unclip(&mut self) {
        // The current path is not part of the state `restore` brings back.
        self.encoder().unclip();
        let _ = self.replay();
    }
    fn stroke(&mut self, style: &StrokeStyle) -> Result<(), DrawError> {
        self.encoder().stroke(style)?;
        self.replay()
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError> {
        self.meter.measure_text(text, font)
    }
    fn fill_text(
        &mut self,
        text: &str,
        at: Screen,
        font: &Font,
        color: Rgba,
        halo: Option<Rgba>,
    ) -> Result<(), DrawError> {
        self.encoder().fill_text(text, at, font, color, halo)?;
        self.replay()
    }
}
