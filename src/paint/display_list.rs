//! Layer 3, paint: a drawing written down to be drawn elsewhere.
//!
//! A [`DisplayList`] is a [`Surface`] drawing encoded as numbers and
//! strings, in the form a raster worker (`www/bridge-map-raster.js`)
//! replays on its own `OffscreenCanvas`: the map then rasterises its
//! basemap off the main thread, which in software raster at 2560×1600
//! costs tens of milliseconds a rendering. The canvas adapter on the main
//! thread (`src/web/canvas.rs`) draws through the same lists and the same
//! JS replay (`www/bridge-map-path.js`), so a rendering looks the same
//! wherever it is drawn. `tests/vocabulary.rs` writes [`DrawOp::ALL`]'s
//! codes and operand counts into that file, so no JS keeps its own copy.
//!
//! Everything but measuring text is written down; [`Encoder`] measures on
//! a real surface (label placement needs real font metrics), and
//! [`DisplayList::replay`] draws a list back on any surface, which is how
//! the tests prove nothing is lost on the way.

use crate::geo::coords::Screen;
use crate::paint::surface::{DrawError, Ends, Font, Rgba, StrokeStyle, Surface};

/// One operation of a [`DisplayList`], and the number that stands for it.
/// Each is followed by a fixed number of operands (see [`DrawOp::operands`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum DrawOp {
    /// `x y`: starts a subpath.
    Move = 0,
    /// `x y`: a straight segment.
    Line = 1,
    /// Closes the subpath.
    Close = 2,
    /// `x y r`: a full circle as a closed subpath.
    Circle = 3,
    /// Starts a new path.
    Begin = 4,
    /// `colour`: fills the path (non-zero rule).
    Fill = 5,
    /// `colour width ends dash gap`: strokes the path; `ends` is 0 for
    /// round joins and caps, 1 for bevel joins and flat caps; a dash of 0
    /// is a solid line.
    Stroke = 6,
    /// Saves the state and clips to the path (even–odd rule).
    Clip = 7,
    /// Restores the state the last clip saved.
    Unclip = 8,
    /// `colour`: paints the whole canvas.
    Clear = 9,
    /// `text x y font colour halo`: text centred on `x y`; `halo` is a
    /// colour, or -1 for none.
    Text = 10,
}

impl DrawOp {
    /// Every op, in code order.
    pub const ALL: [DrawOp; 11] = [
        DrawOp::Move,
        DrawOp::Line,
        DrawOp::Close,
        DrawOp::Circle,
        DrawOp::Begin,
        DrawOp::Fill,
        DrawOp::Stroke,
        DrawOp::Clip,
        DrawOp::Unclip,
        DrawOp::Clear,
        DrawOp::Text,
    ];

    /// The op's name in the shell's vocabulary (`drawOps`).
    pub const fn name(self) -> &'static str {
        match self {
            DrawOp::Move => "move",
            DrawOp::Line => "line",
            DrawOp::Close => "close",
            DrawOp::Circle => "circle",
            DrawOp::Begin => "begin",
            DrawOp::Fill => "fill",
            DrawOp::Stroke => "stroke",
            DrawOp::Clip => "clip",
            DrawOp::Unclip => "unclip",
            DrawOp::Clear => "clear",
            DrawOp::Text => "text",
        }
    }

    /// How many numbers follow the op code.
    pub const fn operands(self) -> usize {
        match self {
            DrawOp::Close | DrawOp::Begin | DrawOp::Clip | DrawOp::Unclip => 0,
            DrawOp::Fill | DrawOp::Clear => 1,
            DrawOp::Move | DrawOp::Line => 2,
            DrawOp::Circle => 3,
            DrawOp::Stroke => 5,
            DrawOp::Text => 6,
        }
    }

    /// The op's code as it is written in the list.
    pub const fn code(self) -> f64 {
        self as u8 as f64
    }

    /// The op a code stands for, if any.
    pub fn from_code(code: f64) -> Option<DrawOp> {
        DrawOp::ALL.into_iter().find(|op| op.code() == code)
    }
}

/// What a string of the list stands for, kept so that
/// [`DisplayList::replay`] can hand a surface typed values again.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Entry {
    Color(Rgba),
    Font(Font),
    Text,
}

/// Why a list could not be replayed: only a list not written by
/// [`DisplayList`] itself can fail so.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReplayError {
    /// A number that is no op code, at this index.
    UnknownOp(usize),
    /// The op at this index has fewer operands than it needs.
    Truncated(usize),
    /// An operand at this index names no string of the right kind.
    BadString(usize),
}

impl std::fmt::Display for ReplayError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReplayError::UnknownOp(i) => write!(f, "no draw op has the code at {i}"),
            ReplayError::Truncated(i) => write!(f, "the draw op at {i} is cut short"),
            ReplayError::BadString(i) => write!(f, "the operand at {i} names no string"),
        }
    }
}

impl std::error::Error for ReplayError {}

/// A drawing written down: op codes with their operands, and the strings
/// (CSS colours, CSS fonts, label texts) the operands point to.
#[derive(Clone, Debug, Default)]
pub struct DisplayList {
    ops: Vec<f64>,
    strings: Vec<String>,
    entries: Vec<Entry>,
}

impl DisplayList {
    /// An empty list.
    pub fn new() -> DisplayList {
        DisplayList::default()
    }

    /// Empties the list, keeping its capacity (a list reused frame after
    /// frame allocates nothing once warm).
    pub fn clear(&mut self) {
        self.ops.clear();
        self.strings.clear();
        self.entries.clear();
    }

    /// The op codes and operands, back to back.
    pub fn ops(&self) -> &[f64] {
        &self.ops
    }

    /// The strings the operands point to.
    pub fn strings(&self) -> &[String] {
        &self.strings
    }

    /// The strings as one, each ended by a NUL, as the worker reads them
    /// (one string crosses to JS faster than many). A NUL inside a string
    /// (a name in a host's data) becomes U+FFFD, so it cannot shift the
    /// others.
    pub fn joined_strings(&self) -> String {
        let mut out = String::with_capacity(self.strings.iter().map(|s| s.len() + 1).sum());
        for s in &self.strings {
            out.extend(s.chars().map(|c| if c == '\0' { '\u{fffd}' } else { c }));
            out.push('\0');
        }
        out
    }

    /// True when nothing has been drawn into the list.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty()
    }

    fn op(&mut self, op: DrawOp, operands: &[f64]) {
        debug_assert_eq!(operands.len(), op.operands());
        self.ops.push(op.code());
        self.ops.extend_from_slice(operands);
    }

    /// The index of a colour's string, written once per list.
    fn color(&mut self, c: Rgba) -> f64 {
        self.intern(Entry::Color(c), || c.css())
    }

    fn font(&mut self, f: &Font) -> f64 {
        self.intern(Entry::Font(*f), || f.css())
    }

    fn intern(&mut self, entry: Entry, css: impl FnOnce() -> String) -> f64 {
        let i = match self.entries.iter().position(|e| *e == entry) {
            Some(i) => i,
            None => {
                self.entries.push(entry);
                self.strings.push(css());
                self.entries.len() - 1
            }
        };
        i as f64
    }

    fn text(&mut self, text: &str) -> f64 {
        self.entries.push(Entry::Text);
        self.strings.push(text.to_owned());
        (self.entries.len() - 1) as f64
    }

    /// Draws the list on `s`, call for call as it was written.
    pub fn replay(&self, s: &mut dyn Surface) -> Result<Result<(), DrawError>, ReplayError> {
        let ops = &self.ops;
        let mut i = 0;
        while i < ops.len() {
            let op = DrawOp::from_code(ops[i]).ok_or(ReplayError::UnknownOp(i))?;
            let a = ops
                .get(i + 1..i + 1 + op.operands())
                .ok_or(ReplayError::Truncated(i))?;
            let color = |k: usize| match self.entries.get(a[k] as usize) {
                Some(Entry::Color(c)) if a[k] >= 0.0 => Ok(*c),
                _ => Err(ReplayError::BadString(i + 1 + k)),
            };
            let drawn = match op {
                DrawOp::Move => {
                    s.move_to(Screen::new(a[0], a[1]));
                    Ok(())
                }
                DrawOp::Line => {
                    s.line_to(Screen::new(a[0], a[1]));
                    Ok(())
                }
                DrawOp::Close => {
                    s.close_path();
                    Ok(())
                }
                DrawOp::Circle => s.circle(Screen::new(a[0], a[1]), a[2]),
                DrawOp::Begin => {
                    s.begin_path();
                    Ok(())
                }
                DrawOp::Fill => {
                    s.fill(color(0)?);
                    Ok(())
                }
                DrawOp::Stroke => {
                    let ends = if a[2] == 0.0 { Ends::Round } else { Ends::Flat };
                    let style = StrokeStyle {
                        color: color(0)?,
                        width: a[1],
                        dash: [a[3], a[4]],
                        ends,
                    };
                    s.stroke(&style)
                }
                DrawOp::Clip => {
                    s.clip();
                    Ok(())
                }
                DrawOp::Unclip => {
                    s.unclip();
                    Ok(())
                }
                DrawOp::Clear => {
                    s.clear(color(0)?);
                    Ok(())
                }
                DrawOp::Text => {
                    let text = match self.entries.get(a[0] as usize) {
                        Some(Entry::Text) => &self.strings[a[0] as usize],
                        _ => return Err(ReplayError::BadString(i + 1)),
                    };
                    let font = match self.entries.get(a[3] as usize) {
                        Some(Entry::Font(f)) => *f,
                        _ => return Err(ReplayError::BadString(i + 4)),
                    };
                    let halo = if a[5] < 0.0 { None } else { Some(color(5)?) };
                    s.fill_text(text, Screen::new(a[1], a[2]), &font, color(4)?, halo)
                }
            };
            if let Err(e) = drawn {
                return Ok(Err(e));
            }
            i += 1 + op.operands();
        }
        Ok(Ok(()))
    }
}

/// Draws into a [`DisplayList`], measuring text on `measure` (a real
/// surface: the labels are placed by their drawn widths).
pub struct Encoder<'a> {
    /// Where the drawing is written.
    pub list: &'a mut DisplayList,
    /// Where text is measured; nothing is drawn on it.
    pub measure: &'a mut dyn Surface,
}

impl Surface for Encoder<'_> {
    fn clear(&mut self, color: Rgba) {
        let c = self.list.color(color);
        self.list.op(DrawOp::Clear, &[c]);
    }
    fn begin_path(&mut self) {
        self.list.op(DrawOp::Begin, &[]);
    }
    fn move_to(&mut self, p: Screen) {
        self.list.op(DrawOp::Move, &[p.x, p.y]);
    }
    fn line_to(&mut self, p: Screen) {
        self.list.op(DrawOp::Line, &[p.x, p.y]);
    }
    fn close_path(&mut self) {
        self.list.op(DrawOp::Close, &[]);
    }
    fn circle(&mut self, center: Screen, radius: f64) -> Result<(), DrawError> {
        // The worker's `arc` would throw; refuse it here, as the canvas
        // adapter does, where the caller hears of it.
        if radius < 0.0 || radius.is_nan() {
            return Err(DrawError::Canvas {
                call: "arc",
                message: "the radius is negative".to_owned(),
            });
        }
        self.list.op(DrawOp::Circle, &[center.x, center.y, radius]);
        Ok(())
    }
    fn fill(&mut self, color: Rgba) {
        let c = self.list.color(color);
        self.list.op(DrawOp::Fill, &[c]);
    }
    fn clip(&mut self) {
        self.list.op(DrawOp::Clip, &[]);
    }
    fn unclip(&mut self) {
        self.list.op(DrawOp::Unclip, &[]);
    }
    fn stroke(&mut self, style: &StrokeStyle) -> Result<(), DrawError> {
        let c = self.list.color(style.color);
        let ends = match style.ends {
            Ends::Round => 0.0,
            Ends::Flat => 1.0,
        };
        let [dash, gap] = if style.is_dashed() {
            style.dash
        } else {
            [0.0, 0.0]
        };
        self.list
            .op(DrawOp::Stroke, &[c, style.width, ends, dash, gap]);
        Ok(())
    }
    fn measure_text(&mut self, text: &str, font: &Font) -> Result<f64, DrawError> {
        self.measure.measure_text(text, font)
    }
    fn fill_text(
        &mut self,
        text: &str,
        at: Screen,
        font: &Font,
        color: Rgba,
        halo: Option<Rgba>,
    ) -> Result<(), DrawError> {
        let t = self.list.text(text);
        let f = self.list.font(font);
        let c = self.list.color(color);
        let h = halo.map_or(-1.0, |h| self.list.color(h));
        self.list.op(DrawOp::Text, &[t, at.x, at.y, f, c, h]);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::paint::surface::RecordingSurface;

    #[test]
    fn codes_are_their_positions_and_names_are_unique() {
        for (i, op) in DrawOp::ALL.iter().enumerate() {
            assert_eq!(op.code(), i as f64, "{op:?}");
            assert_eq!(DrawOp::from_code(i as f64), Some(*op));
        }
        let mut names: Vec<_> = DrawOp::ALL.iter().map(|o| o.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DrawOp::ALL.len());
        assert_eq!(DrawOp::from_code(11.0), None);
    }

    #[test]
    fn colours_and_fonts_are_written_once_texts_each_time() {
        let mut list = DisplayList::new();
        let mut m = RecordingSurface::default();
        let mut e = Encoder {
            list: &mut list,
            measure: &mut m,
        };
        let red = Rgba::hex(0xff0000);
        let font = Font {
            size: 12.0,
            weight: 400,
            italic: false,
        };
        e.fill(red);
        e.fill(red);
        e.fill_text("Astana", Screen::new(1.0, 2.0), &font, red, None)
            .unwrap();
        e.fill_text("Astana", Screen::new(1.0, 2.0), &font, red, Some(red))
            .unwrap();
        assert_eq!(list.strings().len(), 4, "{:?}", list.strings());
        assert_eq!(list.strings()[0], red.css());
    }

    #[test]
    fn a_replayed_list_draws_what_was_written() {
        let mut list = DisplayList::new();
        let mut m = RecordingSurface::default();
        let mut direct = RecordingSurface::default();
        let draw = |s: &mut dyn Surface| -> Result<(), DrawError> {
            s.clear(Rgba::hex(0x102030));
            s.begin_path();
            s.move_to(Screen::new(1.0, 2.0));
            s.line_to(Screen::new(3.5, 4.25));
            s.close_path();
            s.circle(Screen::new(5.0, 6.0), 2.5)?;
            s.fill(Rgba::hex(0xabcdef).with_alpha(0.5));
            s.clip();
            s.stroke(&StrokeStyle::dashed(Rgba::hex(0x112233), 1.5, 6.0, 4.0))?;
            s.stroke(&StrokeStyle::solid(Rgba::hex(0x112233), 0.75).flat())?;
            s.unclip();
            let font = Font {
                size: 11.0,
                weight: 600,
                italic: true,
            };
            s.fill_text(
                "Каспий",
                Screen::new(7.0, 8.0),
                &font,
                Rgba::hex(0),
                Some(Rgba::hex(0xffffff)),
            )
        };
        draw(&mut direct).unwrap();
        draw(&mut Encoder {
            list: &mut list,
            measure: &mut m,
        })
        .unwrap();
        let mut replayed = RecordingSurface::default();
        list.replay(&mut replayed).unwrap().unwrap();
        assert_eq!(replayed.ops, direct.ops);
        // Recordings leave the ends out: check them in the numbers.
        let mut strokes = Vec::new();
        let mut i = 0;
        while let Some(op) = list.ops().get(i).and_then(|c| DrawOp::from_code(*c)) {
            if op == DrawOp::Stroke {
                strokes.push(list.ops()[i + 3]);
            }
            i += 1 + op.operands();
        }
        assert_eq!(i, list.ops().len());
        assert!(
            strokes.contains(&1.0),
            "a flat stroke keeps its ends: {strokes:?}"
        );
    }

    #[test]
    fn strings_cross_joined_and_a_nul_inside_one_cannot_shift_the_others() {
        let mut list = DisplayList::new();
        let mut m = RecordingSurface::default();
        let mut e = Encoder {
            list: &mut list,
            measure: &mut m,
        };
        let font = Font {
            size: 12.0,
            weight: 400,
            italic: false,
        };
        e.fill_text("", Screen::new(0.0, 0.0), &font, Rgba::hex(0), None)
            .unwrap();
        e.fill_text("a\0b", Screen::new(0.0, 0.0), &font, Rgba::hex(0), None)
            .unwrap();
        let joined = list.joined_strings();
        let parts: Vec<&str> = joined.split('\0').collect();
        // Each string ends in a NUL: the last part is empty.
        assert_eq!(parts.len(), list.strings().len() + 1, "{joined:?}");
        assert_eq!(parts[0], "");
        assert_eq!(parts[3], "a\u{fffd}b");
        assert_eq!(parts.last(), Some(&""));
    }

    #[test]
    fn a_negative_radius_is_refused_before_the_worker_sees_it() {
        let mut list = DisplayList::new();
        let mut m = RecordingSurface::default();
        let mut e = Encoder {
            list: &mut list,
            measure: &mut m,
        };
        assert!(e.circle(Screen::new(0.0, 0.0), -1.0).is_err());
        assert!(list.is_empty());
    }

    #[test]
    fn a_list_cut_short_or_with_a_stranger_code_is_refused() {
        let mut list = DisplayList::new();
        let mut m = RecordingSurface::default();
        let mut e = Encoder {
            list: &mut list,
            measure: &mut m,
        };
        e.move_to(Screen::new(1.0, 1.0));
        let mut cut = list.clone();
        cut.ops.pop();
        assert_eq!(
            cut.replay(&mut RecordingSurface::default()),
            Err(ReplayError::Truncated(0))
        );
        let mut odd = list.clone();
        odd.ops[0] = 42.0;
        assert_eq!(
            odd.replay(&mut RecordingSurface::default()),
            Err(ReplayError::UnknownOp(0))
        );
        let mut fill = DisplayList::new();
        fill.op(DrawOp::Fill, &[3.0]);
        assert_eq!(
            fill.replay(&mut RecordingSurface::default()),
            Err(ReplayError::BadString(1))
        );
    }
}
