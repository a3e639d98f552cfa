//! Flow particles as keyframes: the dots that travel along operating
//! corridors, described once per settled view for the browser's compositor.
//!
//! Drawing the dots on a canvas every frame cost the main thread about a
//! quarter of every second (a full-canvas clear, redraw and upload at each
//! step). Instead each dot is one small element that the browser moves
//! itself, with a `transform` animation running on the compositor thread.
//! This module computes what those animations are: for every stretch of a
//! flow that is on screen, a [`Track`] (the projected polyline as keyframe
//! positions, offsets proportional to arc length so the speed is constant)
//! and its [`Dot`]s (a phase each, as a negative delay, and a direction).
//!
//! The dots keep the canvas version's look and motion: [`SPACING_PX`] apart
//! along the line, [`SPEED_PX_PER_S`] on screen at any zoom, both ways on
//! trade routes (alternate dots go back) and source to market elsewhere.
//!
//! A flow much longer than the screen (zoomed in) is not animated whole:
//! only *windows* around the stretches that are on screen get dots. A window
//! is a whole number of dot spacings long, so a dot leaving its end and
//! coming back at its start (both off screen) keeps the spacing, and the
//! phase is tied to the position along the whole flow, so two windows, or
//! two builds of the same window after a pan, show the same dots.

use crate::geo::coords::Screen;
use crate::geo::view::{wrap, Viewport};
use crate::paint::surface::Rgba;

/// Distance between consecutive dots along a flow, in CSS pixels.
pub const SPACING_PX: f64 = 70.0;

/// How fast dots travel, in CSS pixels per second, whatever the zoom.
pub const SPEED_PX_PER_S: f64 = 36.0;

/// Radius of a dot's path, in CSS pixels; its outline is drawn on it.
pub const DOT_RADIUS_PX: f64 = 2.6;

/// Width of a dot's outline, in CSS pixels (half inside, half outside).
pub const DOT_STROKE_PX: f64 = 1.6;

/// How far beyond the screen's edge a dot is still looked for: more than a
/// dot's outer radius, so no dot pops in or out where it can be seen.
const MARGIN_PX: f64 = 6.0;

/// Keyframe paths are simplified to this tolerance (CSS px): great-circle
/// legs have a point every 50 km, far more than a dot's path needs at low
/// zoom, and every keyframe costs the browser work when it is created.
const SIMPLIFY_PX: f64 = 0.2;

/// One dot on a [`Track`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Dot {
    /// Animation delay in ms, zero or negative: how far into its period the
    /// dot already is when its animation starts.
    pub delay_ms: f64,
    /// The dot runs from the track's last keyframe to its first.
    pub reverse: bool,
}

/// A path dots travel along, with the dots on it. Every dot loops over the
/// whole track in [`Track::period_ms`].
#[derive(Clone, Debug, PartialEq)]
pub struct Track {
    /// The dots' outline: the corridor's mode colour.
    pub stroke: Rgba,
    /// Keyframe positions, screen CSS px, in travel order.
    pub points: Vec<Screen>,
    /// Keyframe offsets from 0 to 1, proportional to the distance along
    /// the track, one per point.
    pub offsets: Vec<f64>,
    /// Time for one pass over the track, ms.
    pub period_ms: f64,
    /// The dots, each at its own phase.
    pub dots: Vec<Dot>,
}

/// Everything the flow layer shows for one view: the dots' fill and the
/// tracks. Empty when nothing animates.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowDots {
    /// The fill of every dot (the theme's particle colour).
    pub fill: Rgba,
    /// The tracks, each with its dots.
    pub tracks: Vec<Track>,
}

impl FlowDots {
    /// How many dots there are on all tracks.
    pub fn dot_count(&self) -> usize {
        self.tracks.iter().map(|t| t.dots.len()).sum()
    }
}

/// One flow as the screen shows it: its projected polyline and the
/// distance along it at each point, in CSS pixels.
#[derive(Clone, Copy, Debug)]
pub struct ScreenFlow<'a> {
    /// The polyline, in travel order (source to market for one-way flows).
    pub points: &'a [Screen],
    /// Cumulative distance at each point, starting at 0.
    pub along: &'a [f64],
    /// Dots go both ways (trade routes): every other dot runs back.
    pub both_ways: bool,
    /// The dots' outline colour.
    pub stroke: Rgba,
}

/// Adds the tracks of one flow at flow time `time_ms` (the clock that
/// moves the dots; see `app::flow`) to `out`.
///
/// ```
/// use bridge_map::geo::{coords::Screen, view::Viewport};
/// use bridge_map::paint::surface::Rgba;
/// use bridge_map::scene::flow::{tracks, ScreenFlow, SPACING_PX};
/// // A straight 700 px flow across an 800 px wide screen.
/// let points = [Screen::new(50.0, 100.0), Screen::new(750.0, 100.0)];
/// let flow = ScreenFlow { points: &points, along: &[0.0, 700.0], both_ways: false, stroke: Rgba::hex(0xc0392b) };
/// let mut out = Vec::new();
/// tracks(&flow, Viewport::new(800.0, 600.0), 0.0, &mut out);
/// assert_eq!(out.len(), 1);
/// assert_eq!(out[0].dots.len(), (700.0 / SPACING_PX) as usize);
/// ```
pub fn tracks(flow: &ScreenFlow, vp: Viewport, time_ms: f64, out: &mut Vec<Track>) {
    let (points, along) = (flow.points, flow.along);
    let Some(&len) = along.last() else { return };
    if points.len() < 2 || points.len() != along.len() || len.is_nan() || len < SPACING_PX {
        return;
    }
    // Along one direction, dots follow each other this far apart.
    let lane = if flow.both_ways {
        2.0 * SPACING_PX
    } else {
        SPACING_PX
    };
    let travelled = SPEED_PX_PER_S * time_ms / 1000.0;
    for (a, b) in visible_runs(points, along, vp, 2.0 * lane + 2.0 * MARGIN_PX) {
        let (start, end) = window(a, b, len, lane);
        let span = end - start;
        let n = (span / SPACING_PX + 1e-9).floor() as usize;
        if n == 0 {
            continue;
        }
        let (points, offsets) = keyframes(points, along, start, end);
        let delay = |u: f64| -wrap(u, span) / SPEED_PX_PER_S * 1000.0;
        let mut dots = Vec::with_capacity(n);
        // Forward dots sit at `travelled` (mod lane) along the whole flow;
        // backward ones at `len − spacing − travelled`, as the canvas had
        // them (dot k at k·spacing, odd k reversed).
        let forward = if flow.both_ways { n.div_ceil(2) } else { n };
        for j in 0..forward {
            dots.push(Dot {
                delay_ms: delay(j as f64 * lane + travelled - start),
                reverse: false,
            });
        }
        for j in 0..n - forward {
            dots.push(Dot {
                delay_ms: delay(j as f64 * lane + travelled + SPACING_PX + end - len),
                reverse: true,
            });
        }
        out.push(Track {
            stroke: flow.stroke,
            points,
            offsets,
            period_ms: span / SPEED_PX_PER_S * 1000.0,
            dots,
        });
    }
}

/// The stretches `[a, b]` (distances along the flow) that pass over the
/// screen grown by [`MARGIN_PX`]; stretches less than `join` apart are
/// merged, so the windows grown round them cannot overlap on screen.
fn visible_runs(points: &[Screen], along: &[f64], vp: Viewport, join: f64) -> Vec<(f64, f64)> {
    let (x0, y0) = (-MARGIN_PX, -MARGIN_PX);
    let (x1, y1) = (vp.width + MARGIN_PX, vp.height + MARGIN_PX);
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for (i, w) in points.windows(2).enumerate() {
        let Some((u0, u1)) = clip_segment(w[0], w[1], x0, y0, x1, y1) else {
            continue;
        };
        let (s0, s1) = (along[i], along[i + 1]);
        let (a, b) = (s0 + (s1 - s0) * u0, s0 + (s1 - s0) * u1);
        match runs.last_mut() {
            Some(last) if a - last.1 < join => last.1 = last.1.max(b),
            _ => runs.push((a, b)),
        }
    }
    runs
}

/// Liang–Barsky: the part `[u0, u1]` of the segment `p → q` (as fractions
/// of it) inside the rectangle, or `None`.
fn clip_segment(p: Screen, q: Screen, x0: f64, y0: f64, x1: f64, y1: f64) -> Option<(f64, f64)> {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let (mut u0, mut u1) = (0.0_f64, 1.0_f64);
    for (den, num) in [
        (-dx, p.x - x0),
        (dx, x1 - p.x),
        (-dy, p.y - y0),
        (dy, y1 - p.y),
    ] {
        if den == 0.0 {
            if num < 0.0 {
                return None;
            }
        } else {
            let r = num / den;
            if den < 0.0 {
                u0 = u0.max(r);
            } else {
                u1 = u1.min(r);
            }
        }
    }
    (u0 <= u1 && u0.is_finite() && u1.is_finite()).then_some((u0, u1))
}

/// The window of the flow animated for the run `[a, b]`: grown evenly to a
/// whole number of `lane`s, kept inside `[0, len]`; the whole flow when it
/// is too short for that.
fn window(a: f64, b: f64, len: f64, lane: f64) -> (f64, f64) {
    let width = ((b - a) / lane - 1e-9).ceil().max(1.0) * lane;
    if width >= len {
        return (0.0, len);
    }
    let start = (a - (width - (b - a)) / 2.0).min(len - width).max(0.0);
    (start, start + width)
}

/// The flow's polyline between distances `start` and `end`, simplified,
/// with offsets from 0 to 1 proportional to distance along it.
fn keyframes(points: &[Screen], along: &[f64], start: f64, end: f64) -> (Vec<Screen>, Vec<f64>) {
    let at = |d: f64| {
        let i = along.partition_point(|&s| s < d).clamp(1, points.len() - 1);
        let (s0, s1) = (along[i - 1], along[i]);
        let u = if s1 > s0 { (d - s0) / (s1 - s0) } else { 0.0 };
        let (p, q) = (points[i - 1], points[i]);
        Screen::new(p.x + (q.x - p.x) * u, p.y + (q.y - p.y) * u)
    };
    let mut path = vec![at(start)];
    path.extend(
        along
            .iter()
            .zip(points)
            .filter(|(&s, _)| s > start && s < end)
            .map(|(_, &p)| p),
    );
    path.push(at(end));
    let path = simplify(&path, SIMPLIFY_PX);
    let mut offsets = Vec::with_capacity(path.len());
    let mut d = 0.0;
    offsets.push(0.0);
    for w in path.windows(2) {
        d += w[0].distance(w[1]);
        offsets.push(d);
    }
    let total = d;
    for o in &mut offsets {
        *o = if total > 0.0 { *o / total } else { 0.0 };
    }
    if let Some(last) = offsets.last_mut() {
        *last = 1.0;
    }
    (path, offsets)
}

/// Douglas–Peucker: the points of `path` needed to stay within `tolerance`
/// of it (the first and last always kept).
fn simplify(path: &[Screen], tolerance: f64) -> Vec<Screen> {
    if path.len() < 3 {
        return path.to_vec();
    }
    let mut keep = vec![false; path.len()];
    keep[0] = true;
    keep[path.len() - 1] = true;
    let mut stack = vec![(0, path.len() - 1)];
    while let Some((i, j)) = stack.pop() {
        let (a, b) = (path[i], path[j]);
        let far = (i + 1..j)
            .map(|k| (k, path[k].distance_to_segment(a, b)))
            .max_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((k, d)) = far {
            if d > tolerance {
                keep[k] = true;
                stack.push((i, k));
                stack.push((k, j));
            }
        }
    }
    path.iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(p, _)| *p)
        .collect()
}

/// Where a dot of `track` is at `time_ms` after its animation started, as
/// the browser computes it: for tests, and to check the keyframes against
/// the flow they were made from.
pub fn dot_position(track: &Track, dot: &Dot, time_ms: f64) -> Screen {
    let progress = wrap((time_ms - dot.delay_ms) / track.period_ms, 1.0);
    let progress = if dot.reverse {
        1.0 - progress
    } else {
        progress
    };
    let i = track
        .offsets
        .partition_point(|&o| o < progress)
        .clamp(1, track.points.len() - 1);
    let (o0, o1) = (track.offsets[i - 1], track.offsets[i]);
    let u = if o1 > o0 {
        (progress - o0) / (o1 - o0)
    } else {
        0.0
    };
    let (p, q) = (track.points[i - 1], track.points[i]);
    Screen::new(p.x + (q.x - p.x) * u, p.y + (q.y - p.y) * u)
}

#[cfg(test)]
mod tests {
    use super::*;
    use approx::assert_abs_diff_eq;

    const RED: Rgba = Rgba::hex(0xc0392b);

    /// A straight horizontal flow from x = `x0`, `len` px long, at y = 100.
    fn line(x0: f64, len: f64) -> (Vec<Screen>, Vec<f64>) {
        let n = 50;
        let pts = (0..=n)
            .map(|i| Screen::new(x0 + len * f64::from(i) / f64::from(n), 100.0))
            .collect();
        let along = (0..=n).map(|i| len * f64::from(i) / f64::from(n)).collect();
        (pts, along)
    }

    fn build(x0: f64, len: f64, both_ways: bool, time_ms: f64) -> Vec<Track> {
        let (points, along) = line(x0, len);
        let flow = ScreenFlow {
            points: &points,
            along: &along,
            both_ways,
            stroke: RED,
        };
        let mut out = Vec::new();
        tracks(&flow, Viewport::new(800.0, 600.0), time_ms, &mut out);
        out
    }

    /// Positions (x) of all dots of `tracks`, `dt` ms after they started.
    fn xs(tracks: &[Track], dt: f64) -> Vec<f64> {
        let mut v: Vec<f64> = tracks
            .iter()
            .flat_map(|t| t.dots.iter().map(move |d| dot_position(t, d, dt).x))
            .collect();
        v.sort_by(f64::total_cmp);
        v
    }

    #[test]
    fn a_flow_on_screen_gets_the_canvas_dots_spacing_speed_and_directions() {
        // 700 px, both ways: 10 dots, 5 each way, like draw_particles had.
        let t = build(50.0, 700.0, true, 0.0);
        assert_eq!(t.len(), 1);
        let track = &t[0];
        assert_eq!(track.dots.len(), 10);
        assert_eq!(track.dots.iter().filter(|d| d.reverse).count(), 5);
        assert_abs_diff_eq!(
            track.period_ms,
            700.0 / SPEED_PX_PER_S * 1000.0,
            epsilon = 1e-6
        );
        // At time 0: forward dot k at k·70 px, backward dot k at 700 − k·70.
        let fwd: Vec<f64> = track
            .dots
            .iter()
            .filter(|d| !d.reverse)
            .map(|d| dot_position(track, d, 0.0).x - 50.0)
            .collect();
        for (j, x) in fwd.iter().enumerate() {
            assert_abs_diff_eq!(*x, j as f64 * 140.0, epsilon = 1e-6);
        }
        let back: Vec<f64> = track
            .dots
            .iter()
            .filter(|d| d.reverse)
            .map(|d| dot_position(track, d, 0.0).x - 50.0)
            .collect();
        for (j, x) in back.iter().enumerate() {
            assert_abs_diff_eq!(*x, 700.0 - (j as f64 * 140.0 + 70.0), epsilon = 1e-6);
        }
        // One second later forward dots moved 36 px right, backward 36 left.
        let d = track.dots[1];
        let moved = dot_position(track, &d, 1000.0).x - dot_position(track, &d, 0.0).x;
        assert_abs_diff_eq!(moved, SPEED_PX_PER_S, epsilon = 1e-6);
        let r = *track
            .dots
            .iter()
            .find(|d| d.reverse)
            .expect("a backward dot");
        let moved = dot_position(track, &r, 1000.0).x - dot_position(track, &r, 0.0).x;
        assert_abs_diff_eq!(moved, -SPEED_PX_PER_S, epsilon = 1e-6);
    }

    #[test]
    fn one_way_flows_run_source_to_market_only() {
        let t = build(50.0, 700.0, false, 0.0);
        assert_eq!(t[0].dots.len(), 10);
        assert!(t[0].dots.iter().all(|d| !d.reverse));
    }

    #[test]
    fn flows_shorter_than_the_spacing_and_off_screen_get_no_dots() {
        assert!(build(50.0, 60.0, true, 0.0).is_empty());
        assert!(
            build(900.0, 700.0, true, 0.0).is_empty(),
            "right of the screen"
        );
    }

    #[test]
    fn delays_are_never_positive_and_stay_within_a_period() {
        for time in [0.0, 1234.5, 98765.0] {
            for t in build(-300.0, 5000.0, true, time) {
                for d in &t.dots {
                    assert!(d.delay_ms <= 0.0 && d.delay_ms > -t.period_ms, "{d:?}");
                }
            }
        }
    }

    #[test]
    fn a_long_flow_is_animated_only_round_the_screen() {
        // 40,000 px, the screen shows 800 of it: a window of whole lanes
        // just over the screen, not 570 dots.
        let t = build(-20_000.0, 40_000.0, true, 0.0);
        assert_eq!(t.len(), 1);
        let track = &t[0];
        let first = track.points.first().expect("points").x;
        let last = track.points.last().expect("points").x;
        assert!(
            first < -MARGIN_PX && first > -140.0,
            "window starts just off screen: {first}"
        );
        assert!(
            last > 800.0 + MARGIN_PX && last < 940.0,
            "window ends just off screen: {last}"
        );
        let span = last - first;
        assert_abs_diff_eq!((span / 140.0).round() * 140.0, span, epsilon = 1e-6);
        assert_eq!(track.dots.len(), (span / SPACING_PX).round() as usize);
        // The straight line needs only its two ends as keyframes.
        assert_eq!(track.points.len(), 2);
    }

    #[test]
    fn windows_show_the_dots_the_whole_flow_would() {
        // The same stretch of a flow, animated whole (short flow, wide
        // screen) and windowed (long flow): the dots on screen coincide.
        let time = 4321.0;
        let (points, along) = line(0.0, 2800.0);
        let flow = ScreenFlow {
            points: &points,
            along: &along,
            both_ways: true,
            stroke: RED,
        };
        let mut whole = Vec::new();
        tracks(&flow, Viewport::new(3000.0, 600.0), time, &mut whole);
        let mut part = Vec::new();
        tracks(&flow, Viewport::new(800.0, 600.0), time, &mut part);
        assert!(part[0].dots.len() < whole[0].dots.len());
        let on_screen = |v: Vec<f64>| -> Vec<f64> {
            v.into_iter().filter(|x| (0.0..800.0).contains(x)).collect()
        };
        for dt in [0.0, 500.0, 2000.0] {
            let a = on_screen(xs(&whole, dt));
            let b = on_screen(xs(&part, dt));
            assert_eq!(
                a.len(),
                b.len(),
                "same number of dots on screen at +{dt} ms"
            );
            for (x, y) in a.iter().zip(&b) {
                assert_abs_diff_eq!(x, y, epsilon = 1e-6);
            }
        }
    }

    #[test]
    fn a_pan_rebuilds_the_same_dots() {
        // Built at one view, then 100 px further left at the same moment:
        // every dot on screen has moved by exactly the pan.
        let time = 777.0;
        let a = build(-5000.0, 20_000.0, true, time);
        let b = build(-5100.0, 20_000.0, true, time);
        let on = |v: Vec<f64>, shift: f64| -> Vec<f64> {
            v.into_iter()
                .map(|x| x + shift)
                .filter(|x| (50.0..700.0).contains(x))
                .collect()
        };
        let (xa, xb) = (on(xs(&a, 0.0), -100.0), on(xs(&b, 0.0), 0.0));
        assert!(!xa.is_empty());
        assert_eq!(xa.len(), xb.len());
        for (x, y) in xa.iter().zip(&xb) {
            assert_abs_diff_eq!(x, y, epsilon = 1e-6);
        }
    }

    #[test]
    fn a_flow_leaving_and_coming_back_gets_one_window_per_visit() {
        // Out to the right for 2000 px, back, then out again.
        let pts = vec![
            Screen::new(100.0, 100.0),
            Screen::new(3000.0, 100.0),
            Screen::new(100.0, 300.0),
        ];
        let l1 = pts[0].distance(pts[1]);
        let along = vec![0.0, l1, l1 + pts[1].distance(pts[2])];
        let flow = ScreenFlow {
            points: &pts,
            along: &along,
            both_ways: false,
            stroke: RED,
        };
        let mut out = Vec::new();
        tracks(&flow, Viewport::new(800.0, 600.0), 0.0, &mut out);
        assert_eq!(out.len(), 2);
        let dots: usize = out.iter().map(|t| t.dots.len()).sum();
        assert!(dots < 30, "{dots} dots for two visits of under 800 px");
    }

    #[test]
    fn keyframe_offsets_follow_distance_and_simplify_straight_parts() {
        let pts = vec![
            Screen::new(0.0, 0.0),
            Screen::new(50.0, 0.0),
            Screen::new(100.0, 0.0),
            Screen::new(100.0, 300.0),
        ];
        let along = vec![0.0, 50.0, 100.0, 400.0];
        let (p, o) = keyframes(&pts, &along, 0.0, 400.0);
        assert_eq!(p, vec![pts[0], pts[2], pts[3]]);
        assert_eq!(o, vec![0.0, 0.25, 1.0]);
        // A window inside: interpolated ends.
        let (p, o) = keyframes(&pts, &along, 25.0, 250.0);
        assert_eq!(p.first(), Some(&Screen::new(25.0, 0.0)));
        assert_eq!(p.last(), Some(&Screen::new(100.0, 150.0)));
        assert_abs_diff_eq!(o[1], 75.0 / 225.0, epsilon = 1e-9);
    }

    #[test]
    fn segments_are_clipped_to_the_rectangle() {
        let c = |p, q| clip_segment(p, q, 0.0, 0.0, 100.0, 100.0);
        let (u0, u1) = c(Screen::new(-50.0, 50.0), Screen::new(150.0, 50.0)).expect("crosses");
        assert_abs_diff_eq!(u0, 0.25);
        assert_abs_diff_eq!(u1, 0.75);
        assert_eq!(
            c(Screen::new(-50.0, 150.0), Screen::new(150.0, 150.0)),
            None
        );
        assert_eq!(
            c(Screen::new(10.0, 10.0), Screen::new(10.0, 10.0)),
            Some((0.0, 1.0))
        );
    }
}
