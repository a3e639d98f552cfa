//! The narrow drawing interface the renderer talks to.
//!
//! Shaped like the Canvas 2D path API (as d3-geo's context and plotters'
//! backends are), so the browser adapter in `web::canvas` is a thin
//! pass-through, while tests draw into a [`RecordingSurface`] and compare
//! rounded coordinates instead of pixels.

use crate::geo::coords::Screen;
use crate::geo::view::wrap;
use std::fmt;

/// A colour with alpha.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rgba {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
    /// Opacity, 0–1.
    pub a: f32,
}

impl Rgba {
    /// An opaque colour from `0xRRGGBB`.
    pub const fn hex(rgb: u32) -> Rgba {
        Rgba {
            r: (rgb >> 16) as u8,
            g: (rgb >> 8) as u8,
            b: rgb as u8,
            a: 1.0,
        }
    }

    /// The same colour with another opacity.
    pub const fn with_alpha(self, a: f32) -> Rgba {
        Rgba { a, ..self }
    }

    /// CSS colour string.
    ///
    /// ```
    /// use bridge_map::paint::surface::Rgba;
    /// assert_eq!(Rgba::hex(0x0a141e).css(), "rgb(10,20,30)");
    /// assert_eq!(Rgba::hex(0xffffff).with_alpha(0.5).css(), "rgba(255,255,255,0.5)");
    /// assert_eq!(Rgba::hex(0x1f6f9a).with_alpha(0.14).css(), "rgba(31,111,154,0.14)");
    /// assert_eq!(Rgba::hex(0).with_alpha(0.0).css(), "rgba(0,0,0,0)");
    /// ```
    pub fn css(&self) -> String {
        if self.a >= 1.0 {
            format!("rgb({},{},{})", self.r, self.g, self.b)
        } else {
            let mut s = format!("rgba({},{},{},", self.r, self.g, self.b);
            push_decimal(&mut s, f64::from(self.a));
            s.push(')');
            s
        }
    }
}

/// Appends `x` rounded to 4 decimals, without trailing zeros: `0.5`, `12`,
/// `11.25`. For CSS colours and font sizes, instead of `{}`: formatting a
/// float with `core::fmt` brings its shortest-round-trip machinery and
/// tables (about 10 KB of the gzipped wasm), and 4 decimals are finer than
/// any alpha (8 bits) or font size the canvas can show. It writes what
/// `{}` writes for every value with at most 4 decimals, which is every
/// colour and font in the palette.
fn push_decimal(out: &mut String, x: f64) {
    push_number(out, x, 4);
}

/// Appends `x` rounded to `decimals` places (at most 9), without trailing
/// zeros, for numbers the web layer writes into CSS and keyframes (see
/// [`push_decimal`] for why not `{}`). A non-finite `x` is written as `0`.
pub fn push_number(out: &mut String, x: f64, decimals: u32) {
    use std::fmt::Write;
    let decimals = decimals.min(9);
    let unit = 10u64.pow(decimals);
    let scaled = (x.abs() * unit as f64).round();
    if !scaled.is_finite() {
        out.push('0');
        return;
    }
    if x < 0.0 && scaled > 0.0 {
        out.push('-');
    }
    let scaled = scaled as u64;
    let (int, mut frac) = (scaled / unit, scaled % unit);
    let _ = write!(out, "{int}");
    if frac > 0 {
        out.push('.');
        let mut digit = unit / 10;
        while frac > 0 {
            out.push(char::from(b'0' + (frac / digit) as u8));
            frac %= digit;
            digit /= 10;
        }
    }
}

/// A CSS `matrix()` that scales by `scale` about the top-left corner, then
/// moves by `(dx, dy)` CSS pixels.
///
/// ```
/// use bridge_map::paint::surface::css_matrix;
/// assert_eq!(css_matrix(2.0, -10.5, 3.25), "matrix(2,0,0,2,-10.5,3.25)");
/// ```
pub fn css_matrix(scale: f64, dx: f64, dy: f64) -> String {
    let mut s = String::with_capacity(48);
    s.push_str("matrix(");
    push_number(&mut s, scale, 6);
    s.push_str(",0,0,");
    push_number(&mut s, scale, 6);
    s.push(',');
    push_number(&mut s, dx, 3);
    s.push(',');
    push_number(&mut s, dy, 3);
    s.push(')');
    s
}

/// How a path is stroked.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StrokeStyle {
    /// The line's colour.
    pub color: Rgba,
    /// Width in CSS pixels.
    pub width: f64,
    /// Dash and gap lengths in CSS pixels; `[0.0, 0.0]` is a solid line.
    pub dash: [f64; 2],
    /// How corners and ends are drawn.
    pub ends: Ends,
}

/// How a stroke's corners (joins) and open ends (caps) are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ends {
    /// Round joins and caps: routes and outlines, wide enough to show them.
    Round,
    /// Bevel joins and butt caps, for lines under a CSS pixel wide (coasts,
    /// borders): there the shapes differ by a fraction of a device pixel,
    /// and software raster strokes them about a quarter faster than with
    /// round corners, whose arcs add edges at every vertex.
    Flat,
}

impl StrokeStyle {
    /// A solid line.
    pub const fn solid(color: Rgba, width: f64) -> StrokeStyle {
        StrokeStyle {
            color,
            width,
            dash: [0.0, 0.0],
            ends: Ends::Round,
        }
    }

    /// A dashed line.
    pub const fn dashed(color: Rgba, width: f64, dash: f64, gap: f64) -> StrokeStyle {
        StrokeStyle {
            color,
            width,
            dash: [dash, gap],
            ends: Ends::Round,
        }
    }

    /// The same line with [`Ends::Flat`] corners and ends.
    pub const fn flat(self) -> StrokeStyle {
        StrokeStyle {
            ends: Ends::Flat,
            ..self
        }
    }

    /// True for a dashed or dotted line.
    pub fn is_dashed(&self) -> bool {
        self.dash[0] > 0.0
    }
}

/// The font families of every text the map draws, and of the shell's panels
/// (through the generated vocabulary). Fixed so Kazakh letters always have a
/// glyph: Noto Sans and DejaVu Sans both cover Ә Ғ Қ Ң Ө Ұ Ү Һ І.
pub const FONT_FAMILIES: &str = "\"Noto Sans\", \"DejaVu Sans\", system-ui, sans-serif";

/// A font for labels, in [`FONT_FAMILIES`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    /// Size in CSS pixels.
    pub size: f64,
    /// CSS weight, 100–900.
    pub weight: u16,
    /// Slanted: the names of seas and lakes.
    pub italic: bool,
}

impl Font {
    /// CSS font shorthand.
    ///
    /// ```
    /// use bridge_map::paint::surface::Font;
    /// assert!(Font { size: 12.0, weight: 600, italic: false }.css().starts_with("600 12px "));
    /// assert!(Font { size: 10.5, weight: 400, italic: false }.css().starts_with("400 10.5px "));
    /// assert!(Font { size: 11.0625, weight: 400, italic: false }.css().starts_with("400 11.0625px "));
    /// assert!(Font { size: 12.0, weight: 500, italic: true }.css().starts_with("italic 500 12px "));
    /// ```
    pub fn css(&self) -> String {
        let mut s = String::new();
        if self.italic {
            s.push_str("italic ");
        }
        s.push_str(&format!("{} ", self.weight));
        push_decimal(&mut s, self.size);
        s.push_str("px ");
        s.push_str(FONT_FAMILIES);
        s
    }
}

/// Why a drawing call failed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DrawError {
    /// The canvas has no 2D context: the browser refused one, or the canvas
    /// already holds another kind of context.
    NoContext,
    /// A canvas call threw: which call, and what the browser said.
    Canvas {
        /// The Canvas 2D method that threw, e.g. `"arc"`.
        call: &'static str,
        /// The browser's message.
        message: String,
    },
    /// A DOM call for the layer of flow particles threw.
    Dom {
        /// The DOM method that threw, e.g. `"animate"`.
        call: &'static str,
        /// The browser's message.
        message: String,
    },
}

impl fmt::Display for DrawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DrawError::NoContext => write!(f, "the canvas has no 2D drawing context"),
            DrawError::Canvas { call, message } => {
                write!(
                    f,
                    "drawing the map failed: canvas {call}() threw: {message}"
                )
            }
            DrawError::Dom { call, message } => {
                write!(f, "animating the flows failed: {call}() threw: {message}")
            }
        }
    }
}

impl std::error::Error for DrawError {}

/// Where a drawing goes: a canvas in the browser, a recording in tests.
///
/// Path building and fills cannot fail on a Canvas 2D context; the calls
/// that can throw (arcs, dashes, text) return a [`DrawError`].
pub trait Surface {
    /// Paints the whole surface one colour.
    fn clear(&mut self, color: Rgba);
    /// Starts a new path.
    fn begin_path(&mut self);
    /// Starts a subpath at `p`.
    fn move_to(&mut self, p: Screen);
    /// Adds a straight segment to `p`.
    fn line_to(&mut self, p: Screen);
    /// Closes the current subpath.
    fn close_path(&mut self);
    /// Adds a full circle as a closed subpath.
    fn circle(&mut self, center: Screen, radius: f64) -> Result<(), DrawError>;
    /// Fills the current path (non-zero rule).
    fn fill(&mut self, color: Rgba);
    /// Limits every later drawing to the inside of the current path, by
    /// the even–odd rule, until [`Surface::unclip`].
    fn clip(&mut self);
    /// Lifts the limit of the last [`Surface::clip`]; the current path
    /// stays.
    fn unclip(&mut self);
    /// Strokes the current path, dashed if the style says so.
    fn stroke(&mut self, style: &StrokeStyle) -> Result<(), DrawError>;
    /// Width of `text` in CSS pixels.
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError>;
    /// Draws text centred on `at`, with an optional halo behind it.
    fn fill_text(
        &mut self,
        text: &str,
        at: Screen,
        font: &Font,
        color: Rgba,
        halo: Option<Rgba>,
    ) -> Result<(), DrawError>;
}

/// A box on screen, in CSS pixels: what a polyline must meet to be traced
/// by [`trace_visible`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScreenBox {
    /// Top-left corner.
    pub min: Screen,
    /// Bottom-right corner.
    pub max: Screen,
}

impl ScreenBox {
    /// The map's area, `width` × `height` CSS pixels, grown by `margin` on
    /// every side (wide enough that a stroke's caps and joins at the
    /// margin never reach the map).
    pub fn around(width: f64, height: f64, margin: f64) -> ScreenBox {
        ScreenBox {
            min: Screen::new(-margin, -margin),
            max: Screen::new(width + margin, height + margin),
        }
    }

    /// True when the segment from `a` to `b` may cross the box (their
    /// bounding boxes meet).
    fn meets(&self, a: Screen, b: Screen) -> bool {
        a.x.max(b.x) >= self.min.x
            && a.x.min(b.x) <= self.max.x
            && a.y.max(b.y) >= self.min.y
            && a.y.min(b.y) <= self.max.y
    }
}

/// Traces an open polyline, already in screen space, leaving out the
/// segments that cannot cross `keep`: a line that leaves the map and comes
/// back becomes two subpaths. Rasterising a stroke costs for its whole
/// length, on screen or not, so a graticule line round the globe or a
/// route far out of view should cost nothing. The breaks lie outside
/// `keep`, so their caps are never seen; only for solid strokes, since a
/// dash pattern would start again at every break.
///
/// ```
/// use bridge_map::geo::coords::Screen;
/// use bridge_map::paint::surface::{trace_visible, RecordingSurface, ScreenBox};
/// let mut s = RecordingSurface::default();
/// let line = [(-500.0, 10.0), (-400.0, 10.0), (50.0, 10.0), (60.0, 10.0), (900.0, 10.0), (990.0, 10.0)];
/// trace_visible(&mut s, line.iter().map(|&(x, y)| Screen::new(x, y)), ScreenBox::around(100.0, 100.0, 10.0));
/// assert_eq!(s.ops, ["M -400.0,10.0", "L 50.0,10.0", "L 60.0,10.0", "L 900.0,10.0"]);
/// ```
pub fn trace_visible(s: &mut dyn Surface, pts: impl IntoIterator<Item = Screen>, keep: ScreenBox) {
    let mut prev: Option<Screen> = None;
    let mut open = false;
    for p in pts {
        if let Some(a) = prev {
            if keep.meets(a, p) {
                if !open {
                    s.move_to(a);
                    open = true;
                }
                s.line_to(p);
            } else {
                open = false;
            }
        }
        prev = Some(p);
    }
}

/// [`trace_visible`] for a dashed stroke whose pattern repeats every
/// `period` CSS pixels: where a stretch starts again after a part left
/// out, its subpath begins the left-out length (modulo the period) earlier
/// on the line, so the dashes fall exactly where they would on the whole
/// line. `keep` must reach at least a `period` beyond the map, so that
/// this lead-in, which lies outside `keep`, is never seen.
///
/// ```
/// use bridge_map::geo::coords::Screen;
/// use bridge_map::paint::surface::{trace_visible_dashed, RecordingSurface, ScreenBox};
/// let mut s = RecordingSurface::default();
/// // 470 px left out: the stretch starts 470 mod 12 = 2 px before (-30, 10).
/// let line = [(-500.0, 10.0), (-30.0, 10.0), (50.0, 10.0)];
/// trace_visible_dashed(&mut s, line.iter().map(|&(x, y)| Screen::new(x, y)), ScreenBox::around(100.0, 100.0, 20.0), 12.0);
/// assert_eq!(s.ops, ["M -32.0,10.0", "L -30.0,10.0", "L 50.0,10.0"]);
/// ```
pub fn trace_visible_dashed(
    s: &mut dyn Surface,
    pts: impl IntoIterator<Item = Screen>,
    keep: ScreenBox,
    period: f64,
) {
    if !(period.is_finite() && period > 0.0) {
        let mut it = pts.into_iter();
        if let Some(first) = it.next() {
            s.move_to(first);
            it.for_each(|p| s.line_to(p));
        }
        return;
    }
    let mut prev: Option<Screen> = None;
    let mut open = false;
    // Length of the line up to `prev`.
    let mut along = 0.0;
    for p in pts {
        if let Some(a) = prev {
            let len = a.distance(p);
            if keep.meets(a, p) {
                if !open {
                    let lead = wrap(along, period);
                    if lead > 1e-9 && len > 0.0 {
                        // Back along this segment's direction, outside `keep`.
                        let k = lead / len;
                        s.move_to(Screen::new(a.x - (p.x - a.x) * k, a.y - (p.y - a.y) * k));
                        s.line_to(a);
                    } else {
                        s.move_to(a);
                    }
                    open = true;
                }
                s.line_to(p);
            } else {
                open = false;
            }
            along += len;
        }
        prev = Some(p);
    }
}

/// A surface that writes every call as a line of text, with coordinates
/// rounded to 0.1 px so tests are stable across platforms. Nothing a call
/// carries is left out: a stroke records its colour, width and, when
/// dashed, its dash and gap (`stroke rgb(…) 2.4 dash 7,5`).
#[derive(Default, Debug)]
pub struct RecordingSurface {
    /// Every call, in order, one line each.
    pub ops: Vec<String>,
}

impl RecordingSurface {
    fn pt(p: Screen) -> String {
        format!("{:.1},{:.1}", p.x, p.y)
    }

    /// All recorded calls whose text starts with `prefix`.
    pub fn calls(&self, prefix: &str) -> impl Iterator<Item = &String> {
        let prefix = prefix.to_owned();
        self.ops.iter().filter(move |o| o.starts_with(&prefix))
    }
}

impl Surface for RecordingSurface {
    fn clear(&mut self, color: Rgba) {
        self.ops.push(format!("clear {}", color.css()));
    }
    fn begin_path(&mut self) {
        self.ops.push("begin".into());
    }
    fn move_to(&mut self, p: Screen) {
        self.ops.push(format!("M {}", Self::pt(p)));
    }
    fn line_to(&mut self, p: Screen) {
        self.ops.push(format!("L {}", Self::pt(p)));
    }
    fn close_path(&mut self) {
        self.ops.push("Z".into());
    }
    fn circle(&mut self, center: Screen, radius: f64) -> Result<(), DrawError> {
        self.ops
            .push(format!("O {} {:.1}", Self::pt(center), radius));
        Ok(())
    }
    fn fill(&mut self, color: Rgba) {
        self.ops.push(format!("fill {}", color.css()));
    }
    fn clip(&mut self) {
        self.ops.push("clip".into());
    }
    fn unclip(&mut self) {
        self.ops.push("unclip".into());
    }
    fn stroke(&mut self, style: &StrokeStyle) -> Result<(), DrawError> {
        let dash = if style.is_dashed() {
            format!(" dash {},{}", style.dash[0], style.dash[1])
        } else {
            String::new()
        };
        self.ops.push(format!(
            "stroke {} {}{dash}",
            style.color.css(),
            style.width
        ));
        Ok(())
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError> {
        // A stand-in metric: average glyph width of a sans-serif face.
        Ok(text.chars().count() as f64 * font.size * 0.58)
    }
    fn fill_text(
        &mut self,
        text: &str,
        at: Screen,
        font: &Font,
        color: Rgba,
        halo: Option<Rgba>,
    ) -> Result<(), DrawError> {
        let halo = halo
            .map(|h| format!(" halo {}", h.css()))
            .unwrap_or_default();
        self.ops.push(format!(
            "text {:?} {} {} {}{halo}",
            text,
            Self::pt(at),
            font.size,
            color.css()
        ));
        Ok(())
    }
}
