//! The Canvas 2D adapter: [`Surface`] calls passed straight to a
//! `CanvasRenderingContext2d`.
//!
//! The only thing it adds is device pixels: the context's transform is set
//! to `devicePixelRatio`, so the core keeps drawing in CSS pixels and lines
//! stay sharp on HiDPI screens. Style strings are cached so a path of
//! thousands of points costs no repeated string conversions.

use crate::geo::coords::Screen;
use crate::paint::surface::{Font, Rgba, StrokeStyle, Surface};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

/// A canvas (on screen or off screen) seen as a [`Surface`].
pub struct CanvasSurface {
    pub canvas: HtmlCanvasElement,
    pub ctx: CanvasRenderingContext2d,
    dpr: f64,
    font: String,
}

impl CanvasSurface {
    /// Wraps a canvas; fails if it has no 2D context.
    pub fn new(canvas: HtmlCanvasElement) -> Result<CanvasSurface, String> {
        let ctx = canvas
            .get_context("2d")
            .map_err(|_| "the canvas refused a 2D context".to_string())?
            .ok_or("the browser has no 2D canvas")?
            .dyn_into::<CanvasRenderingContext2d>()
            .map_err(|_| "unexpected canvas context type".to_string())?;
        Ok(CanvasSurface {
            canvas,
            ctx,
            dpr: 1.0,
            font: String::new(),
        })
    }

    /// Sizes the backing store for a CSS size and pixel ratio. Returns true
    /// when the size changed (which clears the canvas).
    pub fn resize(&mut self, css_width: f64, css_height: f64, dpr: f64) -> bool {
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
        self.reset_transform();
        changed
    }

    /// Back to "one unit = one CSS pixel".
    pub fn reset_transform(&self) {
        let _ = self
            .ctx
            .set_transform(self.dpr, 0.0, 0.0, self.dpr, 0.0, 0.0);
    }

    /// Makes the whole canvas transparent again.
    pub fn clear_transparent(&self) {
        let _ = self.ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
        self.ctx.clear_rect(
            0.0,
            0.0,
            f64::from(self.canvas.width()),
            f64::from(self.canvas.height()),
        );
        self.reset_transform();
    }

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
    ) {
        let _ = self.ctx.draw_image_with_html_canvas_element_and_dw_and_dh(
            source,
            dx,
            dy,
            css_w * scale,
            css_h * scale,
        );
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
        self.ctx.begin_path();
    }
    fn move_to(&mut self, p: Screen) {
        self.ctx.move_to(p.x, p.y);
    }
    fn line_to(&mut self, p: Screen) {
        self.ctx.line_to(p.x, p.y);
    }
    fn close_path(&mut self) {
        self.ctx.close_path();
    }
    fn circle(&mut self, center: Screen, radius: f64) {
        self.ctx.move_to(center.x + radius, center.y);
        let _ = self
            .ctx
            .arc(center.x, center.y, radius, 0.0, std::f64::consts::TAU);
        self.ctx.close_path();
    }
    fn fill(&mut self, color: Rgba) {
        self.ctx.set_fill_style_str(&color.css());
        self.ctx.fill();
    }
    fn stroke(&mut self, style: &StrokeStyle) {
        self.ctx.set_stroke_style_str(&style.color.css());
        self.ctx.set_line_width(style.width);
        self.ctx.set_line_join("round");
        self.ctx.set_line_cap("round");
        let dash = js_sys::Array::new();
        if style.is_dashed() {
            dash.push(&style.dash[0].into());
            dash.push(&style.dash[1].into());
        }
        let _ = self.ctx.set_line_dash(&dash);
        self.ctx.stroke();
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> f64 {
        self.set_font(font);
        self.ctx
            .measure_text(text)
            .map(|m| m.width())
            .unwrap_or(text.len() as f64 * font.size * 0.6)
    }
    fn fill_text(&mut self, text: &str, at: Screen, font: &Font, color: Rgba, halo: Option<Rgba>) {
        self.set_font(font);
        self.ctx.set_text_align("center");
        self.ctx.set_text_baseline("middle");
        if let Some(h) = halo {
            self.ctx.set_stroke_style_str(&h.css());
            self.ctx.set_line_width(3.0);
            self.ctx.set_line_join("round");
            let _ = self.ctx.stroke_text(text, at.x, at.y);
        }
        self.ctx.set_fill_style_str(&color.css());
        let _ = self.ctx.fill_text(text, at.x, at.y);
    }
}

impl CanvasSurface {
    fn set_font(&mut self, font: &Font) {
        let css = font.css();
        if css != self.font {
            self.ctx.set_font(&css);
            self.font = css;
        }
    }
}
