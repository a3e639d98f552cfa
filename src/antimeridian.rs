//! Splitting geometry at the projection's seam, so nothing smears across the map.
//!
//! Every conic has a cut: the meridian opposite its centre (here 105°W,
//! rotated longitude ±180°). A line that steps over it would otherwise be
//! drawn as a stroke right across the fan; a polygon that straddles it would
//! be filled across the whole map. This is the job d3-geo's
//! `clipAntimeridian` does, done once when the basemap is prepared:
//!
//! * lines are broken where they cross the cut, with the crossing latitude
//!   interpolated so each half ends exactly on its edge of the fan;
//! * polygons are unwrapped in rotated longitude (each step < 180°) and
//!   intersected with the strips left and right of the cut using geo's
//!   boolean operations, and each piece is projected on its own side.
//!
//! Note what is *not* a seam: 180°E. Natural Earth splits Russia and Fiji
//! there, but in a projection centred on 75°E both halves meet seamlessly,
//! so Chukotka joins the rest of Russia.
//!
//! Rings that wind around a pole (Antarctica) cannot be unwrapped into a
//! closed ring; [`cut_polygon`] returns `None` for them.

use crate::coords::{LonLat, World};
use crate::projection::Projection;
use geo::{coord, BooleanOps, LineString, Polygon, Rect};

/// Rotated longitudes made continuous: each step is moved by ±360° so it is
/// at most 180° long.
fn unwrap(proj: &Projection, points: &[LonLat]) -> Vec<(f64, f64)> {
    let mut out = Vec::with_capacity(points.len());
    let mut prev: Option<f64> = None;
    for p in points {
        let mut l = proj.rotated_lon(p.lon);
        if let Some(q) = prev {
            while l - q > 180.0 {
                l -= 360.0;
            }
            while l - q < -180.0 {
                l += 360.0;
            }
        }
        prev = Some(l);
        out.push((l, p.lat));
    }
    out
}

/// Projects a polyline, breaking it wherever it crosses the cut.
///
/// ```
/// use bridge_map::{antimeridian::split_line, coords::LonLat, projection::Projection};
/// let p = Projection::bridge();
/// // Along 50°N from 110°W to 100°W: crosses the cut at 105°W.
/// let parts = split_line(&p, &[LonLat::new(-110.0, 50.0), LonLat::new(-100.0, 50.0)]);
/// assert_eq!(parts.len(), 2);
/// // Along 66°N across 180° (Chukotka): no cut, one piece.
/// let parts = split_line(&p, &[LonLat::new(178.0, 66.0), LonLat::new(-178.0, 66.0)]);
/// assert_eq!(parts.len(), 1);
/// ```
pub fn split_line(proj: &Projection, points: &[LonLat]) -> Vec<Vec<World>> {
    let unwrapped = unwrap(proj, points);
    let mut parts: Vec<Vec<World>> = Vec::new();
    let mut current: Vec<World> = Vec::new();
    // The strip the current piece lives in: rotated longitude within
    // [-180 + 360k, 180 + 360k].
    let strip_of = |l: f64| ((l + 180.0) / 360.0).floor();
    let mut strip = match unwrapped.first() {
        Some(&(l, _)) => strip_of(l),
        None => return parts,
    };
    for (i, &(l, lat)) in unwrapped.iter().enumerate() {
        let s = strip_of(l);
        if i > 0 && s != strip {
            let (l0, lat0) = unwrapped[i - 1];
            // Boundary between the two strips in unwrapped degrees.
            let edge = 360.0 * strip.max(s) - 180.0;
            let t = (edge - l0) / (l - l0);
            let cross_lat = lat0 + t * (lat - lat0);
            let out_edge = edge - 360.0 * strip;
            current.push(proj.rotated_to_world(out_edge, cross_lat));
            parts.push(std::mem::take(&mut current));
            let in_edge = edge - 360.0 * s;
            current.push(proj.rotated_to_world(in_edge, cross_lat));
            strip = s;
        }
        current.push(proj.rotated_to_world(l - 360.0 * strip, lat));
    }
    if current.len() > 1 {
        parts.push(current);
    }
    parts.retain(|p| p.len() > 1);
    parts
}

/// A projected polygon: its first ring is the outline, the rest are holes.
pub type WorldPolygon = Vec<Vec<World>>;

/// Projects a polygon (outer ring then holes), splitting it at the cut.
///
/// Returns `None` when a ring winds around a pole and so has no closed form
/// in rotated longitude.
///
/// ```
/// use bridge_map::{antimeridian::cut_polygon, coords::LonLat, projection::Projection};
/// let p = Projection::bridge();
/// let square = |w: f64, e: f64| vec![vec![
///     LonLat::new(w, 40.0), LonLat::new(e, 40.0), LonLat::new(e, 50.0),
///     LonLat::new(w, 50.0), LonLat::new(w, 40.0)]];
/// assert_eq!(cut_polygon(&p, &square(60.0, 80.0)).unwrap().len(), 1);
/// assert_eq!(cut_polygon(&p, &square(-110.0, -100.0)).unwrap().len(), 2);
/// ```
pub fn cut_polygon(proj: &Projection, rings: &[Vec<LonLat>]) -> Option<Vec<WorldPolygon>> {
    let mut unwrapped = Vec::with_capacity(rings.len());
    for ring in rings {
        let u = unwrap(proj, ring);
        if let (Some(a), Some(b)) = (u.first(), u.last()) {
            if (a.0 - b.0).abs() > 1e-9 {
                return None;
            }
        }
        unwrapped.push(u);
    }
    // Align every hole with the outline's strip, so a hole is not shifted a
    // full turn away from the ring it punches.
    let base = unwrapped
        .first()
        .and_then(|r| r.first())
        .map(|p| p.0)
        .unwrap_or(0.0);
    for ring in unwrapped.iter_mut().skip(1) {
        if let Some(first) = ring.first() {
            let shift = ((base - first.0) / 360.0).round() * 360.0;
            ring.iter_mut().for_each(|p| p.0 += shift);
        }
    }
    let inside = unwrapped
        .iter()
        .flatten()
        .all(|&(l, _)| (-180.0..=180.0).contains(&l));
    if inside {
        let poly = unwrapped
            .iter()
            .map(|r| {
                r.iter()
                    .map(|&(l, lat)| proj.rotated_to_world(l, lat))
                    .collect()
            })
            .collect();
        return Some(vec![poly]);
    }

    let to_ls = |r: &Vec<(f64, f64)>| {
        LineString::from(
            r.iter()
                .map(|&(x, y)| coord! {x: x, y: y})
                .collect::<Vec<_>>(),
        )
    };
    let polygon = Polygon::new(
        to_ls(&unwrapped[0]),
        unwrapped[1..].iter().map(to_ls).collect(),
    );
    let mut out = Vec::new();
    for k in [-1.0f64, 0.0, 1.0] {
        let shift = 360.0 * k;
        let strip = Rect::new(
            coord! {x: -180.0 + shift, y: -90.0},
            coord! {x: 180.0 + shift, y: 90.0},
        )
        .to_polygon();
        for piece in polygon.intersection(&strip) {
            let project = |ls: &LineString<f64>| -> Vec<World> {
                ls.coords()
                    .map(|c| proj.rotated_to_world(c.x - shift, c.y))
                    .collect()
            };
            let mut rings = vec![project(piece.exterior())];
            rings.extend(piece.interiors().iter().map(project));
            out.push(rings);
        }
    }
    Some(out)
}
