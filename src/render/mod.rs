//! Building a frame: basemap, highlights and labels drawn onto a [`Surface`].
//!
//! Last step of the pipeline. It reads the [`Basemap`] and a [`View`] and
//! writes path calls; it never changes state. Two entry points match the
//! two layers the web layer composites:
//!
//! * [`draw_basemap`] draws water, graticule, land, coasts, borders,
//!   Kazakhstan and the labels. It is expensive (tens of thousands of
//!   vertices), so the web layer renders it into an off-screen bitmap only
//!   when the view settles, and blits that bitmap while a gesture runs.
//! * [`draw_highlight`] draws one country's hover or selection outline on
//!   top, cheap enough for every frame.
//!
//! Only polygons and lines whose boxes meet the viewport are visited (rstar
//! culling), at the level of detail for the current zoom.

use crate::geo::coords::{World, WorldRect};
use crate::geo::view::{View, Viewport};
use crate::paint::style::Style;
use crate::paint::surface::DrawError;
use crate::paint::surface::{trace_visible, Rgba, ScreenBox, StrokeStyle, Surface};
use crate::scene::basemap::{lod_for_zoom, Basemap, LineKind, KAZAKHSTAN};
use crate::scene::labels::PlacedLabel;

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

/// Emits one ring as a closed subpath; skips rings smaller than a pixel.
fn trace_ring(s: &mut dyn Surface, pts: &[World], view: &View, vp: Viewport) -> bool {
    if pts.len() < 3 {
        return false;
    }
    let mut iter = pts.iter().map(|&p| view.world_to_screen(p, vp));
    if let Some(first) = iter.next() {
        s.move_to(first);
        for p in iter {
            s.line_to(p);
        }
        s.close_path();
    }
    true
}

/// Traces every polygon of one country into the current path.
fn trace_country(
    s: &mut dyn Surface,
    bm: &Basemap,
    country: usize,
    view: &View,
    vp: Viewport,
    area: &WorldRect,
    lod: usize,
) {
    let min_size = 0.5 / view.scale();
    for poly in &bm.countries[country].polygons {
        if !poly.bbox.intersects(area)
            || (poly.bbox.width() < min_size && poly.bbox.height() < min_size)
        {
            continue;
        }
        for ring in &poly.rings {
            trace_ring(s, &bm.ring(ring, lod), view, vp);
        }
    }
}

/// Draws the basemap layer and its labels.
pub fn draw_basemap(
    s: &mut dyn Surface,
    bm: &Basemap,
    view: &View,
    vp: Viewport,
    style: &Style,
    labels: &[PlacedLabel],
) -> Result<(), DrawError> {
    let area = view.visible(vp).inflate(4.0 / view.scale());
    let lod = lod_for_zoom(view.zoom);
    let kazakhstan = bm.country_index(KAZAKHSTAN);
    let min_size = 0.5 / view.scale();

    s.clear(style.water);

    // The graticule's lines go round the globe: only what can be seen.
    let keep = ScreenBox::around(vp.width, vp.height, 8.0);
    s.begin_path();
    for line in &bm.graticule {
        trace_visible(s, line.iter().map(|&p| view.world_to_screen(p, vp)), keep);
    }
    s.stroke(&style.graticule)?;

    s.begin_path();
    for (ci, pi) in bm.polygons_in(&area) {
        let poly = &bm.countries[ci].polygons[pi];
        if Some(ci) == kazakhstan || (poly.bbox.width() < min_size && poly.bbox.height() < min_size)
        {
            continue;
        }
        for ring in &poly.rings {
            trace_ring(s, &bm.ring(ring, lod), view, vp);
        }
    }
    s.fill(style.land);

    if let Some(k) = kazakhstan {
        s.begin_path();
        trace_country(s, bm, k, view, vp, &area, lod);
        s.fill(style.kazakhstan_fill);
    }

    for (kind, stroke) in [
        (LineKind::Coast, &style.coast),
        (LineKind::Border, &style.border),
    ] {
        s.begin_path();
        for line in bm.lines_in(&area).filter(|l| l.kind == kind) {
            let mut it = bm.pieces[line.piece]
                .points(lod)
                .iter()
                .map(|&p| view.world_to_screen(p, vp));
            if let Some(first) = it.next() {
                s.move_to(first);
                it.for_each(|p| s.line_to(p));
            }
        }
        s.stroke(stroke)?;
    }

    if let Some(k) = kazakhstan {
        s.begin_path();
        trace_country(s, bm, k, view, vp, &area, lod);
        s.stroke(&style.kazakhstan_outline)?;
    }

    draw_labels(s, labels, style)
}

/// Draws placed labels with their halo.
pub fn draw_labels(
    s: &mut dyn Surface,
    labels: &[PlacedLabel],
    style: &Style,
) -> Result<(), DrawError> {
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
    let area = view.visible(vp).inflate(4.0 / view.scale());
    let lod = lod_for_zoom(view.zoom);
    s.begin_path();
    trace_country(s, bm, country, view, vp, &area, lod);
    s.fill(fill);
    s.stroke(outline)?;
    Ok(())
}
