//! Tour flights: the view carried from one step's place to the next over
//! time, instead of a jump.
//!
//! The path is van Wijk and Nuij's "smooth and efficient zooming and
//! panning" (2003), the one d3's `interpolateZoom` follows: it zooms out
//! while it pans and back in as it arrives, so the visitor keeps seeing
//! where the map goes, at a steady perceived speed. Time runs through a
//! cubic ease in and out, so the flight leaves and lands gently.
//!
//! A flight is a value: [`Flight::view_at`] is a pure function of the time,
//! which ends *exactly* on the target view. The app steps it once per
//! animation frame; the frame planner moves the last full rendering with a
//! CSS transform meanwhile, and [`Flight::render_view`] chooses where a
//! rendering that the flight cannot avoid should be drawn, so that one
//! rendering serves as many of the following frames as it can.

use crate::geo::coords::{World, WorldRect};
use crate::geo::view::{scale_for_zoom, View, Viewport};

/// The path's curvature: how far it zooms out on the way (van Wijk and
/// Nuij's ρ; √2 is their and d3's choice).
pub const RHO: f64 = std::f64::consts::SQRT_2;

/// Milliseconds per unit of path length (the path's length `S` counts
/// screen widths travelled, in van Wijk and Nuij's metric): d3's rate.
pub const MS_PER_UNIT: f64 = 1000.0;

/// The shortest flight: shorter ones read as a jerk, not a move, and
/// leave no time to see where the map went.
pub const MIN_FLIGHT_MS: f64 = 800.0;

/// The longest flight, however far the steps are apart: a tour step
/// should not keep the reader waiting.
pub const MAX_FLIGHT_MS: f64 = 2000.0;

/// Below this distance (in Earth radii, squared) two centres count as one
/// and the path is a pure zoom.
const SAME_CENTRE_SQ: f64 = 1e-18;

/// Samples of the rest of a flight that [`Flight::render_view`] weighs.
const LOOKAHEAD_SAMPLES: usize = 48;

/// The van Wijk–Nuij path between two views, parameterised by the share of
/// its length travelled, from 0 (the start) to 1 (the end).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ZoomPath {
    from: View,
    to: View,
    /// The width that `w` measures against (the viewport's larger side), in
    /// CSS pixels.
    span_px: f64,
    w0: f64,
    dx: f64,
    dy: f64,
    d1: f64,
    r0: f64,
    /// The signed length `S`; for a pure zoom, `ln(w1 / w0) / ρ`.
    length: f64,
}

impl ZoomPath {
    /// The path from `from` to `to` for a map of size `vp`.
    pub fn new(from: View, to: View, vp: Viewport) -> ZoomPath {
        let span_px = vp.width.max(vp.height);
        // `w` is how much of the plane the view spans, in Earth radii.
        let w0 = span_px / from.scale();
        let w1 = span_px / to.scale();
        let (dx, dy) = (to.center.x - from.center.x, to.center.y - from.center.y);
        let d2 = dx * dx + dy * dy;
        let rho2 = RHO * RHO;
        let rho4 = rho2 * rho2;
        let (d1, r0, length) = if d2 < SAME_CENTRE_SQ {
            (0.0, 0.0, (w1 / w0).ln() / RHO)
        } else {
            let d1 = d2.sqrt();
            let b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2.0 * w0 * rho2 * d1);
            let b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2.0 * w1 * rho2 * d1);
            let r0 = ((b0 * b0 + 1.0).sqrt() - b0).ln();
            let r1 = ((b1 * b1 + 1.0).sqrt() - b1).ln();
            (d1, r0, (r1 - r0) / RHO)
        };
        ZoomPath {
            from,
            to,
            span_px,
            w0,
            dx,
            dy,
            d1,
            r0,
            length,
        }
    }

    /// How long the path is, in screen widths (never negative; 0 when the
    /// two views are the same).
    pub fn length(&self) -> f64 {
        if self.length.is_finite() {
            self.length.abs()
        } else {
            0.0
        }
    }

    /// The view after the share `s` (0 to 1, clamped) of the path; exactly
    /// the end view at 1.
    pub fn at(&self, s: f64) -> View {
        if !s.is_finite() || s <= 0.0 {
            return self.from;
        }
        if s >= 1.0 || self.length() == 0.0 {
            return self.to;
        }
        let (u, w) = if self.d1 == 0.0 {
            (s, self.w0 * (RHO * s * self.length).exp())
        } else {
            let rs = RHO * s * self.length + self.r0;
            let cosh_r0 = self.r0.cosh();
            let u = self.w0 / (RHO * RHO * self.d1) * (cosh_r0 * rs.tanh() - self.r0.sinh());
            (u, self.w0 * cosh_r0 / rs.cosh())
        };
        let zoom = zoom_for_scale(self.span_px / w);
        if !(u.is_finite() && zoom.is_finite()) {
            return self.to;
        }
        View {
            center: World::new(
                self.from.center.x + u * self.dx,
                self.from.center.y + u * self.dy,
            ),
            zoom,
        }
    }
}

/// The zoom level at which one Earth radius is `scale` CSS pixels (the
/// inverse of [`scale_for_zoom`]).
fn zoom_for_scale(scale: f64) -> f64 {
    (scale / scale_for_zoom(0.0)).log2()
}

/// Cubic ease in and out: slow start, steady middle, slow landing.
fn ease(t: f64) -> f64 {
    let t = t.clamp(0.0, 1.0);
    if t < 0.5 {
        4.0 * t * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(3) / 2.0
    }
}

/// A flight in progress: a path, a duration and, once the first frame has
/// come, the time it started.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flight {
    path: ZoomPath,
    duration_ms: f64,
    /// The animation-frame time of the flight's start; `None` until the
    /// first frame, so the flight never starts before it can be seen.
    started_ms: Option<f64>,
    /// The time of the frame the flight was last stepped to.
    now_ms: f64,
}

impl Flight {
    /// A flight from `from` to `to` for a map of size `vp`; its duration
    /// grows with the path's length, between [`MIN_FLIGHT_MS`] and
    /// [`MAX_FLIGHT_MS`].
    pub fn new(from: View, to: View, vp: Viewport) -> Flight {
        let path = ZoomPath::new(from, to, vp);
        Flight {
            path,
            duration_ms: (path.length() * MS_PER_UNIT).clamp(MIN_FLIGHT_MS, MAX_FLIGHT_MS),
            started_ms: None,
            now_ms: f64::NEG_INFINITY,
        }
    }

    /// Where the flight lands.
    pub fn target(&self) -> View {
        self.path.to
    }

    /// How long the flight takes, in milliseconds.
    pub fn duration_ms(&self) -> f64 {
        self.duration_ms
    }

    /// Steps the flight to the animation frame at `now_ms` and returns the
    /// view to show. The clock starts at the first frame, counted as one
    /// display frame in, so it already shows movement.
    pub fn step(&mut self, now_ms: f64) -> View {
        if self.started_ms.is_none() && now_ms.is_finite() {
            self.started_ms = Some(now_ms - 1000.0 / 60.0);
        }
        self.now_ms = self.now_ms.max(now_ms);
        self.view_at(self.now_ms)
    }

    /// The time of the frame the flight was last stepped to.
    pub fn now_ms(&self) -> f64 {
        self.now_ms
    }

    /// The share of the path travelled at `now_ms`, 0 to 1, never going
    /// back as time goes on. Before the first [`Flight::step`] it is 0.
    pub fn progress(&self, now_ms: f64) -> f64 {
        match self.started_ms {
            Some(t0) if now_ms.is_finite() => ease((now_ms - t0) / self.duration_ms),
            _ => 0.0,
        }
    }

    /// True once the flight has landed.
    pub fn done(&self, now_ms: f64) -> bool {
        self.started_ms
            .is_some_and(|t0| now_ms.is_finite() && now_ms - t0 >= self.duration_ms)
    }

    /// The view at `now_ms`: the start view before the clock starts,
    /// exactly the target once the flight is over.
    pub fn view_at(&self, now_ms: f64) -> View {
        if self.done(now_ms) {
            return self.path.to;
        }
        self.path.at(self.progress(now_ms))
    }

    /// Where to draw a full rendering the flight needs when the one on
    /// screen no longer covers `current` (the view shown at the frame the
    /// flight was last stepped to).
    ///
    /// The candidates are the views still ahead and, for each of them, the
    /// smallest view that frames the whole stretch of the flight from here
    /// to there. The one chosen may replace the picture for the current
    /// view (`fresh(rendered, shown)`, which bounds the magnification it
    /// first appears at) and then keeps covering (`covers`) the longest
    /// stretch of the flight after it; among equals, the closest in (the
    /// sharpest). So a flight renders on its way only once or twice.
    pub fn render_view(
        &self,
        current: &View,
        vp: Viewport,
        fresh: impl Fn(&View, &View) -> bool,
        covers: impl Fn(&View, &View) -> bool,
    ) -> View {
        let current = *current;
        let p = self.progress(self.now_ms);
        let ahead: Vec<View> = (1..=LOOKAHEAD_SAMPLES)
            .map(|i| {
                self.path
                    .at(p + (1.0 - p) * i as f64 / LOOKAHEAD_SAMPLES as f64)
            })
            .collect();
        let reach = |r: &View| ahead.iter().take_while(|v| covers(r, v)).count();
        let mut best = current;
        let mut best_reach = reach(&current);
        let mut frame = current.visible(vp);
        for v in &ahead {
            frame = union(&frame, &v.visible(vp));
            for cand in [*v, framing(&frame, vp)] {
                if !fresh(&cand, &current) {
                    continue;
                }
                let n = reach(&cand);
                if n > best_reach || (n == best_reach && cand.zoom > best.zoom) {
                    best = cand;
                    best_reach = n;
                }
            }
        }
        best
    }
}

/// The smallest rectangle holding both.
fn union(a: &WorldRect, b: &WorldRect) -> WorldRect {
    WorldRect {
        min: World::new(a.min.x.min(b.min.x), a.min.y.min(b.min.y)),
        max: World::new(a.max.x.max(b.max.x), a.max.y.max(b.max.y)),
    }
}

/// The view that shows all of `area` and no more than it needs.
fn framing(area: &WorldRect, vp: Viewport) -> View {
    let scale = (vp.width / area.width()).min(vp.height / area.height());
    View {
        center: area.center(),
        zoom: zoom_for_scale(scale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vp() -> Viewport {
        Viewport::new(1280.0, 800.0)
    }

    fn a() -> View {
        View {
            center: World::new(-0.2, 0.05),
            zoom: 4.0,
        }
    }

    /// Two screen widths east of `a` and half a level in.
    fn b() -> View {
        View {
            center: World::new(-0.2 + 2560.0 / scale_for_zoom(4.0), -0.1),
            zoom: 4.5,
        }
    }

    #[test]
    fn the_path_starts_at_a_and_ends_exactly_at_b() {
        let p = ZoomPath::new(a(), b(), vp());
        assert_eq!(p.at(0.0), a());
        assert_eq!(p.at(1.0), b());
        // Continuous at both ends.
        let near0 = p.at(1e-9);
        let near1 = p.at(1.0 - 1e-9);
        assert!(
            (near0.center.x - a().center.x).abs() < 1e-6 && (near0.zoom - a().zoom).abs() < 1e-6
        );
        assert!(
            (near1.center.x - b().center.x).abs() < 1e-6 && (near1.zoom - b().zoom).abs() < 1e-6
        );
    }

    #[test]
    fn a_long_pan_zooms_out_on_the_way() {
        let p = ZoomPath::new(a(), b(), vp());
        let lowest = (0..=100)
            .map(|i| p.at(f64::from(i) / 100.0).zoom)
            .fold(f64::INFINITY, f64::min);
        assert!(
            lowest < a().zoom.min(b().zoom) - 0.2,
            "lowest zoom {lowest}"
        );
    }

    #[test]
    fn a_pure_zoom_keeps_the_centre() {
        let to = View { zoom: 6.0, ..a() };
        let p = ZoomPath::new(a(), to, vp());
        assert!(p.length() > 0.0);
        let mid = p.at(0.5);
        assert_eq!(mid.center, a().center);
        assert!(
            (mid.zoom - 5.0).abs() < 1e-9,
            "halfway in zoom levels: {}",
            mid.zoom
        );
        assert_eq!(p.at(1.0), to);
    }

    #[test]
    fn the_same_view_is_a_path_of_length_zero() {
        let p = ZoomPath::new(a(), a(), vp());
        assert_eq!(p.length(), 0.0);
        assert_eq!(p.at(0.5), a());
    }

    #[test]
    fn easing_is_monotone_and_pinned_at_the_ends() {
        assert_eq!(ease(0.0), 0.0);
        assert_eq!(ease(1.0), 1.0);
        assert_eq!(ease(-1.0), 0.0);
        assert_eq!(ease(2.0), 1.0);
        let mut last = 0.0;
        for i in 0..=1000 {
            let e = ease(f64::from(i) / 1000.0);
            assert!(e >= last);
            last = e;
        }
    }
}
