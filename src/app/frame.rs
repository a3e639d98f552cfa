//! Frame planning: what one animation frame redraws, decided without a
//! browser.
//!
//! The web layer keeps two canvases: the map on screen and an off-screen
//! bitmap of the basemap (expensive: tens of thousands of vertices). On
//! every `requestAnimationFrame` it describes the moment in a
//! [`FrameState`], asks [`plan_frame`] what to do, and carries out the
//! [`FramePlan`]; it decides nothing itself. (The flow particles above the
//! map are compositor animations that need no frames: their layer is
//! planned by [`crate::app::flow::plan_dots`] in the same frames.)
//!
//! * While the view moves — by any path: drag, wheel, pinch, double-click,
//!   keys, the zoom buttons, a tour step, a permalink or `el.view` — the
//!   cached bitmap is copied shifted and scaled ([`FramePlan::Blit`]), as
//!   long as it still covers the view well enough ([`blit_covers`]); once
//!   the view settles, or when layers, language, palette or data change,
//!   the basemap is drawn again ([`FramePlan::Render`]). The app marks
//!   every view change as moving and asks for a settle after a quiet
//!   period, whatever its source, so the web layer never has to tell them
//!   apart.
//! * A map with no size yet (hidden since it was created), or a frame with
//!   no change, draws nothing ([`FramePlan::Skip`]).

use crate::geo::view::{View, Viewport};
use crate::render::{blit, Blit};

/// A moving view may show the cached bitmap only while it covers at least
/// this share of the screen: a quarter, what one zoom level out leaves (so
/// the `-` key and button stay on the fast path too), or a pan by three
/// quarters of the width. Past it the screen would be mostly water, and a
/// fresh render, which then serves the next frames, is worth its cost.
pub const MIN_BLIT_COVERAGE: f64 = 0.25;

/// The largest magnification of the cached bitmap shown while the view
/// moves (two zoom levels). Beyond it the picture is too blurry to read
/// even briefly, so the basemap is rendered for the new view instead.
pub const MAX_BLIT_SCALE: f64 = 4.0;

/// The share of the screen, from 0 to 1, that the cached bitmap covers once
/// moved by `b`.
pub fn blit_coverage(b: &Blit, vp: Viewport) -> f64 {
    let (w, h) = (vp.width, vp.height);
    if !(w > 0.0 && h > 0.0 && b.scale.is_finite() && b.dx.is_finite() && b.dy.is_finite()) {
        return 0.0;
    }
    let x = (b.dx + w * b.scale).min(w) - b.dx.max(0.0);
    let y = (b.dy + h * b.scale).min(h) - b.dy.max(0.0);
    (x.max(0.0) * y.max(0.0)) / (w * h)
}

/// Whether the cached bitmap moved by `b` is good enough to show while the
/// view moves: not magnified past [`MAX_BLIT_SCALE`], and covering at
/// least [`MIN_BLIT_COVERAGE`] of the screen. The settle renders sharply
/// in any case.
pub fn blit_covers(b: &Blit, vp: Viewport) -> bool {
    // The tolerances keep exactly one level out, or two in, on the fast
    // path despite rounding.
    b.scale <= MAX_BLIT_SCALE * (1.0 + 1e-9) && blit_coverage(b, vp) >= MIN_BLIT_COVERAGE - 1e-9
}

/// What the planner needs to know about one frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FrameState {
    /// The canvases have a real size (the resize observer has reported one).
    pub sized: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// The view to show.
    pub view: View,
    /// The map's size in CSS pixels.
    pub viewport: Viewport,
    /// The view the cached basemap bitmap shows; `None` when there is no
    /// usable bitmap (first frame, or the canvases were resized).
    pub cached: Option<View>,
    /// The cached bitmap shows other layers, language, palette or data.
    pub cache_stale: bool,
    /// The view has stopped moving (its quiet period passed, or a gesture
    /// ended): it is final and must be drawn sharply.
    pub settled: bool,
}

/// What one frame draws. The web layer executes it step by step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FramePlan {
    /// Draw nothing.
    Skip,
    /// Draw the basemap into the cached bitmap for the current view, copy it
    /// to the screen unchanged, then draw the highlights.
    Render,
    /// Copy the cached bitmap to the screen moved by `blit`, then draw the
    /// highlights.
    Blit {
        /// Where the cached bitmap lands for the current view.
        blit: Blit,
        /// Paint the screen with water first, because the moved bitmap
        /// leaves edges uncovered (never the previous frame's pixels).
        clear_edges: bool,
    },
}

impl FramePlan {
    /// True when the plan composites the map canvas (a *full* frame): the
    /// only frames after which the host hears `viewchange` and `ready`.
    pub fn draws_map(&self) -> bool {
        matches!(self, FramePlan::Render | FramePlan::Blit { .. })
    }
}

/// Decides what a frame redraws.
///
/// ```
/// use bridge_map::app::frame::{plan_frame, FramePlan, FrameState};
/// use bridge_map::geo::{coords::World, view::{View, Viewport}};
/// let view = View { center: World::new(0.0, 0.0), zoom: 3.0 };
/// let first = FrameState {
///     sized: true, dirty: true, view,
///     viewport: Viewport::new(800.0, 600.0), cached: None,
///     cache_stale: true, settled: true,
/// };
/// assert_eq!(plan_frame(&first), FramePlan::Render);
/// ```
pub fn plan_frame(s: &FrameState) -> FramePlan {
    if !s.sized {
        // Hidden since creation: there is nothing to draw into yet. The
        // resize observer draws the first frame once the map is shown.
        return FramePlan::Skip;
    }
    if !s.dirty {
        return FramePlan::Skip;
    }
    let Some(cached) = s.cached.filter(|_| !s.cache_stale) else {
        return FramePlan::Render;
    };
    if cached == s.view {
        // Only highlights (or the flow) changed: the bitmap is exact.
        return FramePlan::Blit {
            blit: Blit::IDENTITY,
            clear_edges: false,
        };
    }
    let b = blit(&cached, &s.view, s.viewport);
    if s.settled || !blit_covers(&b, s.viewport) {
        return FramePlan::Render;
    }
    FramePlan::Blit {
        blit: b,
        // A tolerance, so rounding on a zoom in does not cost a full fill.
        clear_edges: blit_coverage(&b, s.viewport) < 1.0 - 1e-9,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::coords::World;

    fn view() -> View {
        View {
            center: World::new(0.1, 0.2),
            zoom: 3.0,
        }
    }

    /// A settled, sized map whose bitmap shows the current view.
    fn state() -> FrameState {
        FrameState {
            sized: true,
            dirty: true,
            view: view(),
            viewport: Viewport::new(800.0, 600.0),
            cached: Some(view()),
            cache_stale: false,
            settled: true,
        }
    }

    #[test]
    fn a_map_without_a_size_draws_nothing() {
        let s = FrameState {
            sized: false,
            cached: None,
            ..state()
        };
        assert_eq!(plan_frame(&s), FramePlan::Skip);
        assert!(!plan_frame(&s).draws_map());
    }

    #[test]
    fn the_first_frame_renders_the_basemap() {
        let s = FrameState {
            cached: None,
            ..state()
        };
        assert_eq!(plan_frame(&s), FramePlan::Render);
        assert!(plan_frame(&s).draws_map());
    }

    #[test]
    fn a_stale_bitmap_is_rendered_again_even_mid_gesture() {
        let s = FrameState {
            cache_stale: true,
            settled: false,
            ..state()
        };
        assert!(matches!(plan_frame(&s), FramePlan::Render));
    }

    #[test]
    fn a_settled_new_view_renders_sharply() {
        let s = FrameState {
            view: view().panned(30.0, 0.0),
            ..state()
        };
        assert!(matches!(plan_frame(&s), FramePlan::Render));
    }

    #[test]
    fn a_gesture_blits_the_cached_bitmap_moved_with_the_view() {
        let s = FrameState {
            view: view().panned(30.0, -12.0),
            settled: false,
            ..state()
        };
        match plan_frame(&s) {
            FramePlan::Blit {
                blit, clear_edges, ..
            } => {
                assert!((blit.scale - 1.0).abs() < 1e-12);
                assert!((blit.dx - 30.0).abs() < 1e-9 && (blit.dy + 12.0).abs() < 1e-9);
                assert!(
                    clear_edges,
                    "a moved bitmap leaves edges to fill with water"
                );
            }
            other => panic!("expected a blit, got {other:?}"),
        }
    }

    #[test]
    fn a_zoom_in_blits_without_filling_the_edges() {
        let vp = Viewport::new(800.0, 600.0);
        let s = FrameState {
            view: view().zoomed_by(1.0, vp.center(), vp),
            settled: false,
            ..state()
        };
        match plan_frame(&s) {
            FramePlan::Blit {
                blit, clear_edges, ..
            } => {
                assert!((blit.scale - 2.0).abs() < 1e-9);
                assert!(!clear_edges, "a zoomed-in bitmap covers the screen");
            }
            other => panic!("expected a blit, got {other:?}"),
        }
    }

    #[test]
    fn one_level_out_still_blits_but_further_renders() {
        let vp = Viewport::new(800.0, 600.0);
        let out = |dz: f64| FrameState {
            view: view().zoomed_by(-dz, vp.center(), vp),
            settled: false,
            ..state()
        };
        assert!(matches!(
            plan_frame(&out(1.0)),
            FramePlan::Blit {
                clear_edges: true,
                ..
            }
        ));
        assert!(matches!(plan_frame(&out(1.2)), FramePlan::Render));
    }

    #[test]
    fn a_bitmap_magnified_past_the_limit_is_rendered_again() {
        let vp = Viewport::new(800.0, 600.0);
        let z = |dz: f64| FrameState {
            view: view().zoomed_by(dz, vp.center(), vp),
            settled: false,
            ..state()
        };
        assert!(matches!(plan_frame(&z(2.0)), FramePlan::Blit { .. }));
        assert!(matches!(plan_frame(&z(2.2)), FramePlan::Render));
    }

    #[test]
    fn a_pan_past_the_coverage_limit_renders_mid_motion() {
        let near = FrameState {
            view: view().panned(590.0, 0.0),
            settled: false,
            ..state()
        };
        assert!(matches!(plan_frame(&near), FramePlan::Blit { .. }));
        let far = FrameState {
            view: view().panned(610.0, 0.0),
            ..near
        };
        assert!(matches!(plan_frame(&far), FramePlan::Render));
    }

    #[test]
    fn coverage_is_the_share_of_the_screen_under_the_bitmap() {
        let vp = Viewport::new(800.0, 600.0);
        assert!((blit_coverage(&Blit::IDENTITY, vp) - 1.0).abs() < 1e-12);
        let half = Blit {
            scale: 1.0,
            dx: 400.0,
            dy: 0.0,
        };
        assert!((blit_coverage(&half, vp) - 0.5).abs() < 1e-12);
        let gone = Blit {
            scale: 1.0,
            dx: -900.0,
            dy: 0.0,
        };
        assert_eq!(blit_coverage(&gone, vp), 0.0);
        let nan = Blit {
            scale: f64::NAN,
            dx: 0.0,
            dy: 0.0,
        };
        assert_eq!(blit_coverage(&nan, vp), 0.0);
        assert!(!blit_covers(&nan, vp));
    }

    #[test]
    fn a_highlight_change_blits_the_bitmap_in_place() {
        // Hover or selection changed; the view did not: no re-render.
        assert_eq!(
            plan_frame(&state()),
            FramePlan::Blit {
                blit: Blit::IDENTITY,
                clear_edges: false,
            }
        );
    }

    #[test]
    fn a_frame_with_no_change_draws_nothing() {
        // Nothing asks for frames while idle: the flow particles run on
        // the compositor.
        let s = FrameState {
            dirty: false,
            ..state()
        };
        assert_eq!(plan_frame(&s), FramePlan::Skip);
    }
}
