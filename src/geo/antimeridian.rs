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
//!   clipped to the strips left and right of the cut, and each piece is
//!   projected on its own side.
//!
//! The clip is Sutherland–Hodgman against the two straight strip edges. geo's
//! `BooleanOps` would do it too, but it brings i_overlay, which made the wasm
//! about 40% larger for a cut that only touches three countries far outside
//! the map's view. For filling, Sutherland–Hodgman's one quirk — a concave
//! ring may come back joined by zero-width edges along the seam — draws
//! nothing, because those edges have no area.
//!
//! Note what is *not* a seam: 180°E. Natural Earth splits Russia and Fiji
//! there, but in a projection centred on 75°E both halves meet seamlessly,
//! so Chukotka joins the rest of Russia.
//!
//! Rings that wind around a pole (Antarctica) cannot be unwrapped into a
//! closed ring; [`cut_polygon`] returns `None` for them.

use crate::geo::coords::{LonLat, World};
use crate::geo::projection::Projection;

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
/// use bridge_map::{geo::antimeridian::split_line, geo::coords::LonLat, geo::projection::Projection};
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
/// use bridge_map::{geo::antimeridian::cut_polygon, geo::coords::LonLat, geo::projection::Projection};
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

    let mut out = Vec::new();
    for k in [-1.0f64, 0.0, 1.0] {
        let shift = 360.0 * k;
        let (lo, hi) = (-180.0 + shift, 180.0 + shift);
        let mut rings = Vec::new();
        for (i, ring) in unwrapped.iter().enumerate() {
            let clipped = clip_x(&clip_x(ring, lo, true), hi, false);
            if clipped.len() < 3 {
                if i == 0 {
                    break; // the outline is not in this strip at all
                }
                continue;
            }
            rings.push(
                clipped
                    .iter()
                    .map(|&(l, lat)| proj.rotated_to_world(l - shift, lat))
                    .collect::<Vec<World>>(),
            );
        }
        if !rings.is_empty() {
            out.push(rings);
        }
    }
    Some(out)
}

/// Sutherland–Hodgman: keeps the part of a closed ring with `x >= edge`
/// (`keep_above`) or `x <= edge`, closing the result again.
fn clip_x(ring: &[(f64, f64)], edge: f64, keep_above: bool) -> Vec<(f64, f64)> {
    let inside = |p: &(f64, f64)| if keep_above { p.0 >= edge } else { p.0 <= edge };
    let mut out: Vec<(f64, f64)> = Vec::with_capacity(ring.len() + 4);
    // A closed ring repeats its first point last; walk the distinct edges.
    let n = if ring.len() > 1 && ring.first() == ring.last() {
        ring.len() - 1
    } else {
        ring.len()
    };
    for i in 0..n {
        let a = ring[i];
        let b = ring[(i + 1) % n];
        match (inside(&a), inside(&b)) {
            (true, true) => out.push(b),
            (true, false) | (false, true) => {
                let t = (edge - a.0) / (b.0 - a.0);
                let cross = (edge, a.1 + t * (b.1 - a.1));
                out.push(cross);
                if inside(&b) {
                    out.push(b);
                }
            }
            (false, false) => {}
        }
    }
    if let Some(&first) = out.first() {
        out.push(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::clip_x;

    #[test]
    fn clip_keeps_the_inside_and_closes_the_ring() {
        let square = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (0.0, 10.0),
            (0.0, 0.0),
        ];
        let left = clip_x(&square, 4.0, false);
        assert_eq!(left.first(), left.last());
        assert!(left.iter().all(|p| p.0 <= 4.0));
        assert!(left.contains(&(4.0, 0.0)) && left.contains(&(4.0, 10.0)));
        assert!(
            clip_x(&square, 20.0, true).len() < 3,
            "nothing right of x = 20"
        );
    }
}
