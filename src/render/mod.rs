//! Building a frame: basemap, highlights and labels drawn onto a [`Surface`].
//!
//! Last step of the pipeline. It reads the [`Basemap`] and a [`View`] and
//! writes path calls; it never changes state. Two entry points match the
//! two layers the web layer composites:
//!
//! * [`draw_basemap`] draws water, graticule, land, Kazakhstan, lakes,
//!   coasts, borders and the labels. It is expensive (tens of thousands of
//!   vertices), so the web layer renders it into an off-screen bitmap only
//!   when the view settles, and blits that bitmap while a gesture runs.
//! * [`draw_highlight`] draws one country's hover or selection outline on
//!   top, cheap enough for every frame.
//!
//! Only polygons and lines whose boxes meet the viewport are visited (a
//! scan of their boxes), at the level of detail for the current zoom; holes
//! off screen are skipped, the off-screen runs of a ring are folded onto the
//! screen's edge, and off-screen segments of coasts and borders are left out.

use crate::data::places::PLACES;
use crate::geo::coords::{World, WorldRect};
use crate::geo::view::{ToScreen, View, Viewport};
use crate::paint::style::{Style, HAIRLINE};
use crate::paint::surface::DrawError;
use crate::paint::surface::{Rgba, StrokeStyle, Surface};
use crate::scene::basemap::{
    lod_for_zoom, Basemap, FillPolygon, Level, LineKind, Points, KAZAKHSTAN,
};
use crate::scene::labels::{place_radius, LabelOf, PlacedLabel};

/// Scale and offset that map a bitmap rendered for `cached` onto the screen
/// for `current`: `screen = cached_screen * scale + (dx, dy)`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Blit {
    /// How much larger the bitmap is drawn than it was rendered.
    pub scale: f64,
    /// Where the bitmap's left edge lands, in CSS pixels.
    pub dx: f64,
    /// Where the bitmap's top edge lands, in CSS pixels.
    pub dy: f64,
}

impl Blit {
    /// The bitmap copied where it was drawn: the view has not moved.
    pub const IDENTITY: Blit = Blit {
        scale: 1.0,
        dx: 0.0,
        dy: 0.0,
    };
}

/// How to reuse a bitmap drawn for one view while showing another.
///
/// ```
/// use bridge_map::{geo::coords::World, render::blit, geo::view::{View, Viewport}};
/// let vp = Viewport::new(800.0, 600.0);
/// let v = View { center: World::new(0.0, 0.0), zoom: 3.0 };
/// let b = blit(&v, &v.panned(10.0, -5.0), vp);
/// assert!((b.scale - 1.0).abs() < 1e-12 && (b.dx - 10.0).abs() < 1e-9 && (b.dy + 5.0).abs() < 1e-9);
/// ```
pub fn blit(cached: &View, current: &View, vp: Viewport) -> Blit {
    let scale = current.scale() / cached.scale();
    // Where the cached bitmap's top-left corner lands now.
    let corner = cached.screen_to_world(crate::geo::coords::Screen::new(0.0, 0.0), vp);
    let at = current.world_to_screen(corner, vp);
    Blit {
        scale,
        dx: at.x,
        dy: at.y,
    }
}

/// Emits one ring as a subpath that ends where it starts, its off-screen
/// runs folded onto the edge of `area` (see [`fold_offscreen`]); skips
/// rings with fewer than three points.
///
/// The ring is closed with a last `line_to` to its first point, never with
/// `close_path`: Chromium's `closePath` costs time in proportion to the
/// whole path so far, which made tracing the two thousand rings of the land
/// into one path quadratic (150 ms for 2,000 small rings on a 2560×1600
/// canvas, against 1–10 ms without it). A fill closes every subpath anyway,
/// and with round joins and caps a stroke looks the same.
fn trace_ring(s: &mut dyn Surface, pts: &[World], to: &ToScreen, area: &WorldRect) {
    if pts.len() < 3 {
        return;
    }
    let folded = fold_offscreen(pts, area);
    let mut iter = folded.iter().map(|&p| to.apply(p));
    if let Some(first) = iter.next() {
        s.move_to(first);
        for p in iter {
            s.line_to(p);
        }
        if folded.last() != folded.first() {
            s.line_to(first);
        }
    }
}

/// True when segment a–b certainly misses `area`: its box lies beyond one
/// of the area's sides.
fn segment_misses(a: World, b: World, area: &WorldRect) -> bool {
    a.x.max(b.x) < area.min.x
        || a.x.min(b.x) > area.max.x
        || a.y.max(b.y) < area.min.y
        || a.y.min(b.y) > area.max.y
}

/// A ring with every point whose two segments both miss `area` moved to
/// the nearest point of `area`'s edge, and runs along one edge reduced to
/// their ends. Such a segment lies beyond one side of `area`, so moving its
/// ends onto that side never sweeps across the area: the ring winds around
/// every point inside `area` as before, and fills the screen exactly as the
/// whole ring would, with far fewer points when most of it is off screen.
pub fn fold_offscreen(pts: &[World], area: &WorldRect) -> Vec<World> {
    let n = pts.len();
    // A closed ring repeats its first point; treat it as a cycle.
    let closed = n > 1 && pts[0] == pts[n - 1];
    let m = if closed { n - 1 } else { n };
    if m < 3 {
        return pts.to_vec();
    }
    let prev = |i: usize| pts[(i + m - 1) % m];
    let next = |i: usize| pts[(i + 1) % m];
    // Not `f64::clamp`: with bounds known only at run time its assert
    // prints floats, which brings core's float formatting into the wasm.
    let clamp = |p: World| {
        World::new(
            p.x.max(area.min.x).min(area.max.x),
            p.y.max(area.min.y).min(area.max.y),
        )
    };
    // Grown as needed, not made for all `m` points at once: at a close view
    // most of a ring is off screen, and its folded runs collapse to a few
    // points. (The fine level's largest ring, Eurasia's coast, has 27,000
    // points: 650 KB for nothing, which grew the wasm memory.)
    let mut out: Vec<(World, bool)> = Vec::new();
    for (i, &p) in pts.iter().enumerate().take(m) {
        let free = segment_misses(prev(i), p, area) && segment_misses(p, next(i), area);
        let q = if free { clamp(p) } else { p };
        if out.last().is_some_and(|&(last, _)| last == q) {
            continue;
        }
        out.push((q, free));
    }
    // On one edge: same x on a vertical side, or same y on a horizontal one.
    let on_edge = |a: World, b: World, c: World| {
        [area.min.x, area.max.x]
            .iter()
            .any(|&x| a.x == x && b.x == x && c.x == x)
            || [area.min.y, area.max.y]
                .iter()
                .any(|&y| a.y == y && b.y == y && c.y == y)
    };
    let k = out.len();
    if k < 3 {
        return out.into_iter().map(|(p, _)| p).collect();
    }
    // A point is dropped only between its neighbours as they end up: the
    // last point kept and the next one. Judged against its neighbours in
    // `out` instead, a corner could be dropped as part of a run along one
    // side and the point after it as part of a run along the other, which
    // joined the two runs by a chord across the screen (half of it then
    // lost its land: the top-left of the map over Kazakhstan at zoom 6.5).
    // The first point is always kept, so the ring closes where it began.
    let (first, first_folded) = out[0];
    let mut kept: Vec<World> = Vec::with_capacity(k + 1);
    kept.push(first);
    // Whether the last point kept was folded onto the edge.
    let mut last_folded = first_folded;
    for i in 1..k {
        let (p, folded) = out[i];
        let a = kept[kept.len() - 1];
        let (c, fc) = out[(i + 1) % k];
        if folded && last_folded && fc && on_edge(a, p, c) {
            continue;
        }
        kept.push(p);
        last_folded = folded;
    }
    if closed {
        if let Some(&first) = kept.first() {
            kept.push(first);
        }
    }
    kept
}

/// Strokes a polyline, leaving out segments that miss `area`.
fn trace_line(s: &mut dyn Surface, pts: Points, to: &ToScreen, area: &WorldRect) {
    let mut pen_down = false;
    if pts.is_empty() {
        return;
    }
    let mut a = pts.at(0);
    for i in 1..pts.len() {
        let b = pts.at(i);
        if segment_misses(a, b, area) {
            pen_down = false;
        } else {
            if !pen_down {
                s.move_to(to.apply(a));
                pen_down = true;
            }
            s.line_to(to.apply(b));
        }
        a = b;
    }
}

/// Traces every polygon of one country into the current path.
fn trace_country(
    s: &mut dyn Surface,
    bm: &Basemap,
    country: usize,
    view: &View,
    to: &ToScreen,
    area: &WorldRect,
) {
    let (level, lod) = bm.level(view.zoom, area);
    let min_size = 0.5 / view.scale();
    for poly in level.polygons.get(country).into_iter().flatten() {
        if !poly.bbox.intersects(area)
            || (poly.bbox.width() < min_size && poly.bbox.height() < min_size)
        {
            continue;
        }
        trace_polygon(s, level, poly, lod, to, area);
    }
}

/// Traces one polygon's rings, skipping holes wholly off screen.
fn trace_polygon(
    s: &mut dyn Surface,
    level: &Level,
    poly: &FillPolygon,
    lod: usize,
    to: &ToScreen,
    area: &WorldRect,
) {
    for ring in poly.rings.iter().filter(|r| r.bbox.intersects(area)) {
        trace_ring(s, &level.ring(&ring.pieces, lod), to, area);
    }
}

/// Starts a path and traces the lakes that meet `area` and are at least
/// half a pixel across; false when there are none, and the path is left
/// empty.
fn trace_lakes(
    s: &mut dyn Surface,
    bm: &Basemap,
    view: &View,
    to: &ToScreen,
    area: &WorldRect,
) -> bool {
    let (level, lod) = bm.level(view.zoom, area);
    let min_size = 0.5 / view.scale();
    let mut any = false;
    s.begin_path();
    for poly in level.lakes.iter().filter(|p| {
        p.bbox.intersects(area) && (p.bbox.width() >= min_size || p.bbox.height() >= min_size)
    }) {
        trace_polygon(s, level, poly, lod, to, area);
        any = true;
    }
    any
}

/// A faint stroke made thinner and as much more opaque, so it puts the
/// same ink on the page: width × alpha is kept. A line at most one device
/// pixel wide is a hairline to the canvas (Skia draws it directly, its
/// alpha scaled by its width), several times cheaper to rasterise than a
/// wider one, which is stroked as an outline and filled: the graticule's
/// 49 screen-long lines cost 10–13 ms of software raster at 2560×1600 as
/// 1.2 px strokes, 2–5 ms as hairlines. Only for faint lines, whose width
/// the eye does not read; a stroke already that thin, or one whose alpha
/// would pass 1, is kept.
fn hairline(st: &StrokeStyle) -> StrokeStyle {
    let alpha = f64::from(st.color.a) * st.width / HAIRLINE;
    if st.width <= HAIRLINE || alpha > 1.0 {
        return *st;
    }
    StrokeStyle {
        color: st.color.with_alpha(alpha as f32),
        width: HAIRLINE,
        ..*st
    }
}

/// The part of the plane a frame draws: the viewport and a 4 px margin, so
/// strokes along the edge are whole.
pub fn drawn_area(view: &View, vp: Viewport) -> WorldRect {
    view.visible(vp).inflate(4.0 / view.scale())
}

/// The parts of a rendering of the expensive layer, in drawing order. A
/// rendering drawn over several frames ([`crate::app::frame`]) draws one
/// part a frame; in software raster at 2560×1600 each costs 10–15 ms of
/// main thread, a third of the whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Water, graticule, land, Kazakhstan's fill and the lakes.
    Ground,
    /// Coasts and lake shores, borders and Kazakhstan's outline, then the
    /// overlay's routes and markers.
    Lines,
    /// Every label.
    Labels,
}

/// Every [`Stage`], in drawing order.
pub const STAGES: [Stage; 3] = [Stage::Ground, Stage::Lines, Stage::Labels];

/// Draws the basemap layer and its labels: the two basemap stages, then
/// the labels.
pub fn draw_basemap(
    s: &mut dyn Surface,
    bm: &Basemap,
    view: &View,
    vp: Viewport,
    style: &Style,
    labels: &[PlacedLabel],
) -> Result<(), DrawError> {
    draw_basemap_stage(s, bm, view, vp, style, Stage::Ground)?;
    draw_basemap_stage(s, bm, view, vp, style, Stage::Lines)?;
    draw_labels(s, labels, style)
}

/// Draws the basemap's part of one stage: all of [`Stage::Ground`], the
/// basemap's lines of [`Stage::Lines`] (the overlay and the labels are
/// drawn by their owners).
pub fn draw_basemap_stage(
    s: &mut dyn Surface,
    bm: &Basemap,
    view: &View,
    vp: Viewport,
    style: &Style,
    stage: Stage,
) -> Result<(), DrawError> {
    let area = drawn_area(view, vp);
    let (level, lod) = bm.level(view.zoom, &area);
    let kazakhstan = bm.country_index(KAZAKHSTAN);
    let to = view.to_screen(vp);
    let min_size = 0.5 / to.scale;
    match stage {
        Stage::Ground => {
            s.clear(style.water);

            // The graticule's lines go round the globe: only what can be seen.
            s.begin_path();
            let graticule_lod = lod_for_zoom(view.zoom);
            for line in bm.graticule.iter().filter(|l| l.bbox.intersects(&area)) {
                trace_line(s, line.points(graticule_lod), &to, &area);
            }
            s.stroke(&hairline(&style.graticule))?;

            // All the land at once, Kazakhstan's too (it is filled again on
            // top): the coasts chained into rings, without the borders.
            s.begin_path();
            for ring in level.land.iter().filter(|r| {
                r.bbox.intersects(&area)
                    && (r.bbox.width() >= min_size || r.bbox.height() >= min_size)
            }) {
                trace_ring(s, &level.ring(&ring.pieces, lod), &to, &area);
            }
            s.fill(style.land);

            if let Some(k) = kazakhstan {
                s.begin_path();
                trace_country(s, bm, k, view, &to, &area);
                s.fill(style.kazakhstan_fill);
            }

            // The lakes, water over the land (Kazakhstan's too): the
            // countries' polygons cover them. Their shores are stroked with
            // the coasts.
            if trace_lakes(s, bm, view, &to, &area) {
                s.fill(style.water);
            }
        }
        Stage::Lines => {
            for (kind, stroke) in [
                (LineKind::Coast, &style.coast),
                (LineKind::Border, &style.border),
            ] {
                s.begin_path();
                for line in level.lines_in(&area).filter(|l| l.kind == kind) {
                    let piece = &level.pieces[line.piece];
                    // An island's coast under half a pixel: its fill is
                    // skipped too.
                    if piece.bbox.width() < min_size && piece.bbox.height() < min_size {
                        continue;
                    }
                    trace_line(s, piece.points(lod), &to, &area);
                }
                s.stroke(stroke)?;
            }

            if let Some(k) = kazakhstan {
                s.begin_path();
                trace_country(s, bm, k, view, &to, &area);
                s.stroke(&style.kazakhstan_outline)?;
            }
        }
        Stage::Labels => {}
    }
    Ok(())
}

/// Draws placed labels with their halo, and the dots of the places among
/// them first, so no dot covers a name.
pub fn draw_labels(
    s: &mut dyn Surface,
    labels: &[PlacedLabel],
    style: &Style,
) -> Result<(), DrawError> {
    for label in labels {
        let (Some(at), LabelOf::Place(i)) = (label.dot, label.of) else {
            continue;
        };
        let Some(place) = PLACES.get(i) else { continue };
        // A dot in the label's colour with a ring of the halo's, which
        // keeps it readable on land, water and the overlay's lines.
        s.begin_path();
        s.circle(at, place_radius(place.class))?;
        s.fill(label.color);
        s.stroke(&StrokeStyle::solid(style.halo, 1.2))?;
    }
    for label in labels {
        s.fill_text(
            &label.text,
            label.at,
            &label.font,
            label.color,
            Some(style.halo),
        )?;
    }
    Ok(())
}

/// Draws a hover or selection highlight for one country.
pub fn draw_highlight(
    s: &mut dyn Surface,
    bm: &Basemap,
    country: usize,
    view: &View,
    vp: Viewport,
    fill: Rgba,
    outline: &StrokeStyle,
) -> Result<(), DrawError> {
    if country >= bm.countries.len() {
        return Ok(());
    }
    let area = drawn_area(view, vp);
    let to = view.to_screen(vp);
    // The tint stays off the country's lakes (Balkhash in Kazakhstan, the
    // Aral's part of it): the fill is clipped to the drawn area less the
    // lakes in view, even–odd, so a lake's islands are tinted again. The
    // outline is whole.
    let clipped = trace_lakes(s, bm, view, &to, &area);
    if clipped {
        let corners = [
            World::new(area.min.x, area.min.y),
            World::new(area.max.x, area.min.y),
            World::new(area.max.x, area.max.y),
            World::new(area.min.x, area.max.y),
        ];
        trace_ring(s, &corners, &to, &area);
        s.clip();
    }
    s.begin_path();
    trace_country(s, bm, country, view, &to, &area);
    s.fill(fill);
    if clipped {
        s.unclip();
    }
    s.stroke(outline)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_relative_eq;

    #[test]
    fn the_graticule_becomes_a_hairline_with_the_same_ink() {
        let g = Style::light().graticule;
        let h = hairline(&g);
        assert_relative_eq!(h.width, HAIRLINE);
        assert_relative_eq!(
            f64::from(h.color.a) * h.width,
            f64::from(g.color.a) * g.width,
            max_relative = 1e-6
        );
        assert_eq!(
            (h.color.r, h.color.g, h.color.b),
            (g.color.r, g.color.g, g.color.b)
        );
        // A stroke already a hairline is kept as it is.
        let coast = Style::light().coast;
        assert_eq!(hairline(&coast), coast);
        // One whose alpha would pass 1 too.
        let outline = Style::light().kazakhstan_outline;
        assert_eq!(hairline(&outline), outline);
    }
}
