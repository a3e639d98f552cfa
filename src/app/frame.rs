//! Frame planning: what one animation frame redraws, decided without a
//! browser.
//!
//! The web layer keeps, in one *picture* element, the map canvas with the
//! last rendering of the basemap (the *bitmap*: expensive, tens of
//! thousands of vertices), the highlights above it and the flow particles'
//! layer on top; and a CSS transform on the picture. On every
//! `requestAnimationFrame` it describes the moment in a [`FrameState`],
//! asks [`plan_frame`] what to do, and carries out the [`FramePlan`]; it
//! decides nothing itself. (The flow particles are compositor animations
//! that need no frames: their layer is planned by
//! [`crate::app::flow::plan_dots`] in the same frames.)
//!
//! * While the view moves — by any path: drag, wheel, pinch, double-click,
//!   keys, the zoom buttons, a tour flight, a permalink or `el.view` — the
//!   picture of the last full rendering is moved and scaled by the
//!   compositor with a CSS transform ([`FramePlan::Move`]): no pixel is
//!   drawn on the main thread. That lasts as long as the rendering still
//!   covers the view well enough ([`blit_covers`]; [`flight_covers`] for a
//!   flight). Once the view settles, or when layers, language, palette or
//!   data change, the basemap is drawn again and the transform reset in
//!   the same frame ([`FramePlan::Render`]). The app marks every view
//!   change as moving and asks for a settle after a quiet period, whatever
//!   its source, so the web layer never has to tell them apart.
//! * A rendering after the view settles is drawn in [`RENDER_STAGES`]
//!   stages, one a frame ([`FramePlan::Stage`], then a [`FramePlan::Render`]
//!   that draws the last and shows it), while the picture keeps showing the
//!   old bitmap, moved to the settled view. In software raster one full
//!   rendering costs two or three frames of main thread; drawn whole it
//!   blocks input and animation for that long, drawn in stages no frame
//!   waits for more than one stage. Any change in between (a new gesture,
//!   new data) abandons the stages. A first rendering, a stale bitmap, a
//!   picture that no longer covers the view and a tour flight render whole:
//!   what the screen would show meanwhile is not good enough to wait on.
//! * While the picture is moved, what the map draws over the basemap
//!   (highlights, hover, the particles) moves and scales with it; a change
//!   to them shows at the next full rendering. At rest, a highlight change
//!   redraws only the highlights, on their own canvas ([`FramePlan::Redraw`]).
//! * A map with no size yet (hidden since it was created), or a frame with
//!   no change, draws nothing ([`FramePlan::Skip`]).
//! * With a raster worker ([`FrameState::remote`]), every rendering above
//!   is drawn off the main thread instead: the frame that would draw it
//!   asks for it ([`FramePlan::Request`]) and keeps moving the old picture;
//!   the first frame after it comes back shows it ([`FramePlan::Show`]),
//!   moved to the view of that moment. The highlights are drawn there too,
//!   with each rendering, or alone when only they changed. One drawing is
//!   asked for at a time: a later change waits for it, and is asked for
//!   once it is shown. The main thread then only writes the drawings down;
//!   the worker rasterises them and allocates their bitmaps, which is most
//!   of a rendering's cost in software raster.

use crate::app::flight::Flight;
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
    covers_at_least(b, vp, MAX_BLIT_SCALE, MIN_BLIT_COVERAGE)
}

/// During a tour flight the rendering must cover at least this share of
/// the screen. Nobody steers a flight, so the water a moved picture leaves
/// at the edges would read as the map missing, not as "more to come": a
/// flight renders again (ahead of itself, see
/// [`crate::app::flight::Flight::render_view`]) before much shows.
pub const FLIGHT_MIN_COVERAGE: f64 = 0.97;

/// The largest magnification at which a rendering drawn ahead of a tour
/// flight may first appear (one zoom level). Nobody steers a flight, so its
/// frames are looked at, not through: a picture that turns from sharp to
/// blown up more than twice reads as a blur. Once shown, it may grow to
/// [`MAX_BLIT_SCALE`] as the flight zooms in, gradually, as in a gesture.
pub const FLIGHT_FRESH_SCALE: f64 = 2.0;

/// [`blit_covers`] for a tour flight: at most [`MAX_BLIT_SCALE`], and at
/// least [`FLIGHT_MIN_COVERAGE`] of the screen.
pub fn flight_covers(b: &Blit, vp: Viewport) -> bool {
    covers_at_least(b, vp, MAX_BLIT_SCALE, FLIGHT_MIN_COVERAGE)
}

/// Whether a rendering moved by `b` may *replace* the picture of a flight:
/// [`flight_covers`], magnified at most [`FLIGHT_FRESH_SCALE`].
pub fn flight_fresh(b: &Blit, vp: Viewport) -> bool {
    covers_at_least(b, vp, FLIGHT_FRESH_SCALE, FLIGHT_MIN_COVERAGE)
}

fn covers_at_least(b: &Blit, vp: Viewport, max_scale: f64, share: f64) -> bool {
    // The tolerances keep exactly one level out, or two in, on the fast
    // path despite rounding.
    b.scale <= max_scale * (1.0 + 1e-9) && blit_coverage(b, vp) >= share - 1e-9
}

/// How many stages a rendering drawn over several frames has (see the
/// module's notes): one per [`crate::render::Stage`].
pub const RENDER_STAGES: usize = crate::render::STAGES.len();

/// A rendering drawn in stages, under way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Staged {
    /// The view it is drawn for.
    pub view: View,
    /// How many of its stages are drawn (1 to `RENDER_STAGES - 1`).
    pub done: usize,
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
    /// The view the cached basemap bitmap (and so the picture on screen)
    /// shows; `None` when there is no usable bitmap (first frame, or the
    /// canvases were resized).
    pub cached: Option<View>,
    /// The cached bitmap shows other layers, language, palette or data.
    pub cache_stale: bool,
    /// The view has stopped moving (its quiet period passed, or a gesture
    /// ended): it is final and must be drawn sharply.
    pub settled: bool,
    /// The tour flight under way, if any. Its picture may keep showing the
    /// old layers until the flight renders (at its landing, or on the way
    /// when the picture no longer covers the view), and a rendering on the
    /// way is drawn ahead of it ([`Flight::render_view`]).
    pub flight: Option<Flight>,
    /// The hover, selection or tour highlights differ from those drawn on
    /// the picture.
    pub highlights_changed: bool,
    /// The rendering drawn in stages that earlier frames began, if any.
    pub staged: Option<Staged>,
    /// The raster worker's side, when renderings are drawn off the main
    /// thread; `None` draws them here, in stages.
    pub remote: Option<Remote>,
}

/// Renderings drawn by a raster worker: the one asked for and the one that
/// came back.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Remote {
    /// The view of the rendering asked for that has not come back yet.
    pub pending: Option<View>,
    /// The view of a rendering that came back and is not shown yet.
    pub arrived: Option<View>,
}

/// What one frame draws. The web layer executes it step by step.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FramePlan {
    /// Draw nothing.
    Skip,
    /// Draw the basemap on the map canvas and the highlights on theirs,
    /// both for `view`, and set the picture's transform to `transform`,
    /// all in one frame (no blank frame, no jump). `view` is the current
    /// view and `transform` the identity, except when a flight renders
    /// ahead of itself.
    Render {
        /// The view to draw.
        view: View,
        /// Where the compositor shows that drawing for the current view.
        transform: Blit,
        /// The first stage to draw: 0 for a whole rendering, else the
        /// stages before it were drawn by earlier frames
        /// ([`FramePlan::Stage`]) and this one draws the rest.
        from: usize,
    },
    /// Draw stage `stage` (not the last) of a rendering of `view` off
    /// screen; the picture keeps the old bitmap, moved by `transform` as in
    /// [`FramePlan::Move`].
    Stage {
        /// The view being drawn.
        view: View,
        /// Which stage, from 0.
        stage: usize,
        /// Where the picture (the old bitmap) lands for the current view.
        transform: Blit,
    },
    /// Ask the raster worker for the highlights of `view` and, when `map`,
    /// for a rendering of it; meanwhile the picture keeps the old bitmap,
    /// moved by `transform` as in [`FramePlan::Move`] (the identity when
    /// there is none). Without `map`, `view` is the one the picture shows
    /// and only the highlights changed ([`FramePlan::Redraw`] here).
    Request {
        /// The view to draw.
        view: View,
        /// Where the picture (the old bitmap) lands for the current view.
        transform: Blit,
        /// The basemap is drawn too, not only the highlights.
        map: bool,
    },
    /// Show what the raster worker sent back for `view` (a rendering and
    /// its highlights, or the highlights alone) and set the picture's
    /// transform to `transform`: the identity, unless the view moved
    /// since it was asked for.
    Show {
        /// The view the rendering was drawn for.
        view: View,
        /// Where the compositor shows it for the current view.
        transform: Blit,
    },
    /// The view is the one the map canvas shows and only the highlights
    /// changed: draw them again and reset the transform.
    Redraw,
    /// The compositor moves the picture by `transform` (a CSS transform of
    /// the wrapper holding the map canvas and the particle layer); nothing
    /// is drawn.
    Move {
        /// Where the picture lands for the current view.
        transform: Blit,
    },
}

impl FramePlan {
    /// True when the plan changes what the map shows (a *full* frame): the
    /// only frames after which the host hears `viewchange` and `ready`.
    pub fn draws_map(&self) -> bool {
        matches!(
            self,
            FramePlan::Render { .. }
                | FramePlan::Redraw
                | FramePlan::Move { .. }
                | FramePlan::Stage { .. }
                | FramePlan::Request { .. }
                | FramePlan::Show { .. }
        )
    }

    /// True when the plan puts a new rendering of the basemap on screen:
    /// the first such frame is when the host hears `ready`.
    pub fn shows_rendering(&self) -> bool {
        matches!(self, FramePlan::Render { .. } | FramePlan::Show { .. })
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
///     cache_stale: true, settled: true, flight: None, highlights_changed: true,
///     staged: None, remote: None,
/// };
/// assert!(matches!(plan_frame(&first), FramePlan::Render { .. }));
/// ```
pub fn plan_frame(s: &FrameState) -> FramePlan {
    let Some(remote) = s.remote else {
        return plan_here(s);
    };
    if !s.sized || !s.dirty {
        return FramePlan::Skip;
    }
    let moved = |from: &View| {
        if *from == s.view {
            Blit::IDENTITY
        } else {
            blit(from, &s.view, s.viewport)
        }
    };
    if let Some(at) = remote.arrived {
        return FramePlan::Show {
            view: at,
            transform: moved(&at),
        };
    }
    // What drawing here would do, with the drawing asked of the worker.
    let (view, map) = match plan_here(s) {
        FramePlan::Render { view, .. } | FramePlan::Stage { view, .. } => (view, true),
        // The picture shows the view: only its highlights changed.
        FramePlan::Redraw => (s.view, false),
        other => return other,
    };
    let old = s.cached.map(|c| moved(&c));
    if remote.pending.is_some() {
        // One rendering at a time: the old picture stays until it is back.
        return old.map_or(FramePlan::Skip, |transform| FramePlan::Move { transform });
    }
    FramePlan::Request {
        view,
        transform: old.unwrap_or(Blit::IDENTITY),
        map,
    }
}

/// [`plan_frame`] for a map that draws its renderings itself, in stages.
fn plan_here(s: &FrameState) -> FramePlan {
    if !s.sized {
        // Hidden since creation: there is nothing to draw into yet. The
        // resize observer draws the first frame once the map is shown.
        return FramePlan::Skip;
    }
    if !s.dirty {
        return FramePlan::Skip;
    }
    let vp = s.viewport;
    let render = || {
        let at = match &s.flight {
            Some(f) => f.render_view(
                &s.view,
                vp,
                |r, v| flight_fresh(&blit(r, v, vp), vp),
                |r, v| flight_covers(&blit(r, v, vp), vp),
            ),
            None => s.view,
        };
        let transform = if at == s.view {
            // Exactly, not up to rounding: the web layer drops the
            // transform altogether.
            Blit::IDENTITY
        } else {
            blit(&at, &s.view, vp)
        };
        FramePlan::Render {
            view: at,
            transform,
            from: 0,
        }
    };
    // A flight keeps moving a picture with the old layers: it renders at
    // its landing anyway, so the switch costs no extra rendering.
    let flying = s.flight.is_some();
    let Some(cached) = s.cached.filter(|_| !s.cache_stale || flying) else {
        return render();
    };
    if cached == s.view {
        // The bitmap is exact: draw the highlights again if they changed,
        // else only put the picture back in place (a flight that rendered
        // its landing view on the way lands so).
        return if s.highlights_changed {
            FramePlan::Redraw
        } else {
            FramePlan::Move {
                transform: Blit::IDENTITY,
            }
        };
    }
    let b = blit(&cached, &s.view, s.viewport);
    let covered = if flying {
        flight_covers(&b, s.viewport)
    } else {
        blit_covers(&b, s.viewport)
    };
    if !covered {
        return render();
    }
    if s.settled {
        // A settle with a picture that still covers the view: it may wait
        // for a rendering drawn in stages. (A flight in the air is never
        // settled: its renderings on the way are drawn whole.)
        let done = s.staged.filter(|j| j.view == s.view).map_or(0, |j| j.done);
        return if done + 1 >= RENDER_STAGES {
            FramePlan::Render {
                view: s.view,
                transform: Blit::IDENTITY,
                from: done,
            }
        } else {
            FramePlan::Stage {
                view: s.view,
                stage: done,
                transform: b,
            }
        };
    }
    FramePlan::Move { transform: b }
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
            flight: None,
            highlights_changed: false,
            staged: None,
            remote: None,
        }
    }

    /// The state with the view moved to `v` (mid-gesture).
    fn moving_to(v: View) -> FrameState {
        FrameState {
            view: v,
            settled: false,
            ..state()
        }
    }

    fn is_render_here(p: FramePlan, v: View) -> bool {
        matches!(p, FramePlan::Render { view, transform, .. } if view == v && transform == Blit::IDENTITY)
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
        assert_eq!(
            plan_frame(&s),
            FramePlan::Render {
                view: view(),
                transform: Blit::IDENTITY,
                from: 0,
            }
        );
        assert!(plan_frame(&s).draws_map());
    }

    #[test]
    fn a_stale_bitmap_is_rendered_again_even_mid_gesture() {
        let s = FrameState {
            cache_stale: true,
            ..moving_to(view().panned(10.0, 0.0))
        };
        assert!(is_render_here(plan_frame(&s), s.view));
    }

    #[test]
    fn a_settled_new_view_renders_sharply_in_stages() {
        let s = FrameState {
            settled: true,
            ..moving_to(view().panned(30.0, 0.0))
        };
        let moved = blit(&view(), &s.view, s.viewport);
        assert_eq!(
            plan_frame(&s),
            FramePlan::Stage {
                view: s.view,
                stage: 0,
                transform: moved
            }
        );
        let mut done = 1;
        while done < RENDER_STAGES - 1 {
            let next = FrameState {
                staged: Some(Staged { view: s.view, done }),
                ..s
            };
            assert_eq!(
                plan_frame(&next),
                FramePlan::Stage {
                    view: s.view,
                    stage: done,
                    transform: moved
                }
            );
            done += 1;
        }
        let last = FrameState {
            staged: Some(Staged { view: s.view, done }),
            ..s
        };
        assert_eq!(
            plan_frame(&last),
            FramePlan::Render {
                view: s.view,
                transform: Blit::IDENTITY,
                from: done
            }
        );
        // Stages drawn for another view are not continued.
        let other = FrameState {
            staged: Some(Staged {
                view: view().panned(20.0, 0.0),
                done,
            }),
            ..s
        };
        assert!(matches!(
            plan_frame(&other),
            FramePlan::Stage { stage: 0, .. }
        ));
        // Nor over a picture that has gone stale.
        let stale = FrameState {
            cache_stale: true,
            ..last
        };
        assert!(is_render_here(plan_frame(&stale), s.view));
    }

    #[test]
    fn a_settle_far_from_the_picture_renders_whole_at_once() {
        // Panned by more than three quarters of the width: the picture
        // would leave the screen mostly water while the stages are drawn.
        let s = FrameState {
            settled: true,
            ..moving_to(view().panned(700.0, 0.0))
        };
        assert!(is_render_here(plan_frame(&s), s.view));
    }

    #[test]
    fn a_gesture_moves_the_picture_with_the_view() {
        let s = moving_to(view().panned(30.0, -12.0));
        match plan_frame(&s) {
            FramePlan::Move { transform, .. } => {
                assert!((transform.scale - 1.0).abs() < 1e-12);
                assert!((transform.dx - 30.0).abs() < 1e-9 && (transform.dy + 12.0).abs() < 1e-9);
            }
            other => panic!("expected a move, got {other:?}"),
        }
        assert!(
            plan_frame(&s).draws_map(),
            "a move is a frame the host hears of"
        );
    }

    #[test]
    fn a_zoom_in_scales_the_picture() {
        let vp = Viewport::new(800.0, 600.0);
        let s = moving_to(view().zoomed_by(1.0, vp.center(), vp));
        match plan_frame(&s) {
            FramePlan::Move { transform, .. } => {
                assert!((transform.scale - 2.0).abs() < 1e-9);
                assert!((transform.dx + 400.0).abs() < 1e-9 && (transform.dy + 300.0).abs() < 1e-9);
            }
            other => panic!("expected a move, got {other:?}"),
        }
    }

    #[test]
    fn one_level_out_still_moves_but_further_renders() {
        let vp = Viewport::new(800.0, 600.0);
        let out = |dz: f64| moving_to(view().zoomed_by(-dz, vp.center(), vp));
        assert!(matches!(plan_frame(&out(1.0)), FramePlan::Move { .. }));
        let far = out(1.2);
        assert!(is_render_here(plan_frame(&far), far.view));
    }

    #[test]
    fn a_picture_magnified_past_the_limit_is_rendered_again() {
        let vp = Viewport::new(800.0, 600.0);
        let z = |dz: f64| moving_to(view().zoomed_by(dz, vp.center(), vp));
        assert!(matches!(plan_frame(&z(2.0)), FramePlan::Move { .. }));
        assert!(matches!(plan_frame(&z(2.2)), FramePlan::Render { .. }));
    }

    #[test]
    fn a_pan_past_the_coverage_limit_renders_mid_motion() {
        let near = moving_to(view().panned(590.0, 0.0));
        assert!(matches!(plan_frame(&near), FramePlan::Move { .. }));
        let far = moving_to(view().panned(610.0, 0.0));
        assert!(matches!(plan_frame(&far), FramePlan::Render { .. }));
    }

    #[test]
    fn a_flight_keeps_the_screen_covered_and_may_render_ahead() {
        let vp = Viewport::new(800.0, 600.0);
        // A flight far to the east and back in: it zooms out on the way.
        let to = View {
            center: World::new(0.1 + 3000.0 / view().scale(), 0.2),
            zoom: 3.5,
        };
        let mut f = Flight::new(view(), to, vp);
        let mut now = 0.0;
        let mut v = f.step(now);
        // Fly until the first picture no longer covers the view.
        while flight_covers(&blit(&view(), &v, vp), vp) {
            now += 1000.0 / 60.0;
            v = f.step(now);
        }
        // Fine for a gesture: a gesture would still move the picture.
        assert!(matches!(plan_frame(&moving_to(v)), FramePlan::Move { .. }));
        let flying = FrameState {
            flight: Some(f),
            ..moving_to(v)
        };
        match plan_frame(&flying) {
            FramePlan::Render {
                view: at,
                transform,
                from: 0,
            } => {
                assert!(
                    at.zoom < v.zoom,
                    "drawn further out, ahead of the flight: {at:?} for {v:?}"
                );
                assert_eq!(transform, blit(&at, &v, vp));
                assert!(flight_covers(&transform, vp), "and it covers the view now");
            }
            other => panic!("expected a render ahead, got {other:?}"),
        }
        // A small step of a flight moves the picture even though the
        // layers changed: they switch at the flight's next rendering.
        let step = FrameState {
            flight: Some(Flight::new(view(), to, vp)),
            cache_stale: true,
            ..moving_to(view().panned(5.0, 0.0))
        };
        assert!(matches!(plan_frame(&step), FramePlan::Move { .. }));
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
        assert!(blit_covers(&half, vp) && !flight_covers(&half, vp));
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
    fn a_highlight_change_at_rest_redraws_over_the_exact_bitmap() {
        // Hover or selection changed; the view did not: no re-render.
        let s = FrameState {
            highlights_changed: true,
            ..state()
        };
        assert_eq!(plan_frame(&s), FramePlan::Redraw);
        // Nothing changed that the picture shows: it is only put in place.
        assert_eq!(
            plan_frame(&state()),
            FramePlan::Move {
                transform: Blit::IDENTITY,
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
        let mid = FrameState {
            view: view().panned(20.0, 0.0),
            settled: false,
            ..s
        };
        assert_eq!(plan_frame(&mid), FramePlan::Skip);
    }
}
