//! The flow animation's clock, its pause, and what each frame does to the
//! layer of moving dots — decided without a browser.
//!
//! The dots themselves are compositor animations (see
//! [`crate::scene::flow`]): once built for a settled view they move with no
//! work on the main thread. What remains to plan is *when* they are built,
//! moved with the map, cleared, paused and played:
//!
//! * [`plan_dots`] says, for a frame, whether the dot layer is kept, built
//!   for the current view (the view settled, or layers, theme or data
//!   changed), moved with the map while the view moves (the same
//!   [`Blit`] the map's bitmap gets), or cleared (no motion: reduced
//!   motion, no moving layer shown, no data).
//! * [`FlowClock`] keeps the flow time that sets every dot's phase — it
//!   runs only while the dots do, so dots built after a pause carry on
//!   where the paused ones stopped — and the pause: after
//!   [`PAUSE_AFTER_MS`] of running without any interaction the flow holds
//!   still ([`Hold::Idle`]) until the visitor interacts or presses play; a
//!   pause the visitor or host asked for ([`Hold::Asked`]) lasts until they
//!   ask for play.

use crate::app::frame::blit_covers;
use crate::geo::view::{View, Viewport};
use crate::paint::vocabulary::FLOW_STATES;
use crate::render::{blit, Blit};

/// How long the flow runs without any interaction before it pauses: one
/// minute. That is long enough for a visitor reading an info panel or a
/// tour step (a step's text takes 20–40 s to read) to keep seeing the
/// flows, and short enough that a forgotten tab or a kiosk stops asking the
/// compositor for frames, which costs battery even when the main thread is
/// idle. Only time the dots actually run counts (not while the map is off
/// screen or the page hidden), so a map scrolled back into view still moves.
pub const PAUSE_AFTER_MS: f64 = 60_000.0;

/// What the flow animation is doing, as the shell and the host see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlowState {
    /// The dots move (or will, once the map is on screen).
    Playing,
    /// The dots hold still, after idleness or because someone asked.
    Paused,
    /// No dots: reduced motion, no moving layer shown, or no data.
    Off,
}

impl FlowState {
    /// The state's word: `"playing"`, `"paused"` or `"off"`
    /// ([`FLOW_STATES`], the vocabulary's home for them).
    ///
    /// ```
    /// use bridge_map::app::flow::FlowState;
    /// assert_eq!(FlowState::Paused.as_str(), "paused");
    /// ```
    pub fn as_str(self) -> &'static str {
        FLOW_STATES[self as usize]
    }
}

/// Why a flow that could move holds still.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hold {
    /// Nobody interacted for [`PAUSE_AFTER_MS`]: any interaction resumes.
    Idle,
    /// The visitor (the pause button) or the host (`el.flow`) asked: only
    /// asking for play resumes.
    Asked,
}

/// The flow time and the pause. Times are the page's clock in ms
/// (`performance.now()`); the flow time advances only while the dots run.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowClock {
    /// Flow time gathered before the current run.
    banked_ms: f64,
    /// When the current run started, if the dots are running.
    running_since: Option<f64>,
    /// The flow time at the last interaction.
    at_activity_ms: f64,
    /// Running time without interaction after which the flow pauses;
    /// `None` never pauses.
    pause_after_ms: Option<f64>,
    /// Why the flow holds still, if it does.
    hold: Option<Hold>,
}

impl Default for FlowClock {
    fn default() -> Self {
        FlowClock {
            banked_ms: 0.0,
            running_since: None,
            at_activity_ms: 0.0,
            pause_after_ms: Some(PAUSE_AFTER_MS),
            hold: None,
        }
    }
}

impl FlowClock {
    /// The flow time at `now`: how long the dots have run, in ms.
    pub fn time_ms(&self, now: f64) -> f64 {
        self.banked_ms + self.running_since.map_or(0.0, |s| (now - s).max(0.0))
    }

    /// Starts or stops the flow time: `running` is whether the dots move
    /// from `now` on.
    pub fn sync(&mut self, now: f64, running: bool) {
        match (running, self.running_since) {
            (true, None) => self.running_since = Some(now),
            (false, Some(_)) => {
                self.banked_ms = self.time_ms(now);
                self.running_since = None;
            }
            _ => {}
        }
    }

    /// Why the flow holds still, if it does.
    pub fn hold(&self) -> Option<Hold> {
        self.hold
    }

    /// The visitor interacted at `now`: the idle countdown starts again,
    /// and an idle pause ends. True when it ended one.
    pub fn activity(&mut self, now: f64) -> bool {
        self.at_activity_ms = self.time_ms(now);
        if self.hold == Some(Hold::Idle) {
            self.hold = None;
            return true;
        }
        false
    }

    /// The visitor or host asked for play (`true`) or pause. True when the
    /// hold changed.
    pub fn ask(&mut self, play: bool, now: f64) -> bool {
        let before = self.hold;
        if play {
            self.hold = None;
            self.at_activity_ms = self.time_ms(now);
        } else {
            self.hold = Some(Hold::Asked);
        }
        self.hold != before
    }

    /// Sets the running time without interaction after which the flow
    /// pauses (`None`: never).
    pub fn set_pause_after(&mut self, ms: Option<f64>) {
        self.pause_after_ms = ms.filter(|m| m.is_finite() && *m >= 0.0);
    }

    /// When (page clock, ms) the idle pause is due, if the dots run and
    /// nothing holds them: the time to check back with [`FlowClock::tick`].
    pub fn deadline(&self, now: f64) -> Option<f64> {
        let after = self.pause_after_ms?;
        if self.hold.is_some() || self.running_since.is_none() {
            return None;
        }
        let left = self.at_activity_ms + after - self.time_ms(now);
        Some(now + left.max(0.0))
    }

    /// Pauses the flow if it ran for the pause period without interaction
    /// (interactions since the deadline was set only moved it later). True
    /// when it paused now.
    pub fn tick(&mut self, now: f64) -> bool {
        match self.deadline(now) {
            Some(due) if due <= now => {
                self.hold = Some(Hold::Idle);
                true
            }
            _ => false,
        }
    }
}

/// What a frame does to the layer of moving dots.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DotPlan {
    /// Leave it as it is.
    Keep,
    /// Remove every dot and its animation.
    Clear,
    /// Replace the dots with those of the current view (and no offset).
    Build,
    /// Move and scale the whole layer like the map's bitmap: the dots were
    /// built for another view, and the view is still moving.
    Move(Blit),
}

/// What [`plan_dots`] needs to know.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DotState {
    /// The flow is not [`FlowState::Off`]: there are dots to show.
    pub shown: bool,
    /// The view the layer's dots were built for; `None` when it is empty
    /// (first frame, cleared, or resized).
    pub built: Option<View>,
    /// The layers, theme or data changed since the dots were built.
    pub stale: bool,
    /// The view to show.
    pub view: View,
    /// The map's size in CSS pixels.
    pub viewport: Viewport,
    /// The view has stopped moving.
    pub settled: bool,
    /// A rendering drawn in stages is under way, or was shown in this frame
    /// ([`crate::app::frame::FramePlan::Stage`]): building waits for the
    /// next frame, so that no frame does both.
    pub busy: bool,
}

/// Decides what a frame does to the dot layer. Building costs main-thread
/// work (an element and an animation per dot), so it happens when the view
/// settles, not while it moves: meanwhile the built dots move with the map,
/// like its bitmap, as long as that still looks right.
///
/// ```
/// use bridge_map::app::flow::{plan_dots, DotPlan, DotState};
/// use bridge_map::geo::{coords::World, view::{View, Viewport}};
/// let view = View { center: World::new(0.0, 0.0), zoom: 3.0 };
/// let s = DotState { shown: true, built: None, stale: false, view,
///     viewport: Viewport::new(800.0, 600.0), settled: true, busy: false };
/// assert_eq!(plan_dots(&s), DotPlan::Build);
/// assert_eq!(plan_dots(&DotState { built: Some(view), ..s }), DotPlan::Keep);
/// ```
pub fn plan_dots(s: &DotState) -> DotPlan {
    if !s.shown {
        return if s.built.is_some() {
            DotPlan::Clear
        } else {
            DotPlan::Keep
        };
    }
    if s.busy {
        // The dots stay in the picture, which the compositor moves.
        return DotPlan::Keep;
    }
    let Some(built) = s.built else {
        // Nothing shown yet: the first dots come with a settled view.
        return if s.settled {
            DotPlan::Build
        } else {
            DotPlan::Keep
        };
    };
    if s.stale {
        return DotPlan::Build;
    }
    if built == s.view {
        return DotPlan::Keep;
    }
    let b = blit(&built, &s.view, s.viewport);
    if s.settled || !blit_covers(&b, s.viewport) {
        DotPlan::Build
    } else {
        DotPlan::Move(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geo::coords::World;
    use approx::assert_abs_diff_eq;

    fn view() -> View {
        View {
            center: World::new(0.1, 0.2),
            zoom: 3.0,
        }
    }

    fn state() -> DotState {
        DotState {
            shown: true,
            built: Some(view()),
            stale: false,
            view: view(),
            viewport: Viewport::new(800.0, 600.0),
            settled: true,
            busy: false,
        }
    }

    #[test]
    fn dots_are_built_once_the_view_settles_and_moved_with_it_meanwhile() {
        assert_eq!(plan_dots(&state()), DotPlan::Keep);
        let moving = DotState {
            view: view().panned(30.0, -12.0),
            settled: false,
            ..state()
        };
        match plan_dots(&moving) {
            DotPlan::Move(b) => {
                assert_abs_diff_eq!(b.dx, 30.0, epsilon = 1e-9);
                assert_abs_diff_eq!(b.dy, -12.0, epsilon = 1e-9);
                assert_abs_diff_eq!(b.scale, 1.0, epsilon = 1e-12);
            }
            other => panic!("expected a move, got {other:?}"),
        }
        let settled = DotState {
            settled: true,
            ..moving
        };
        assert_eq!(plan_dots(&settled), DotPlan::Build);
    }

    #[test]
    fn dots_magnified_past_the_bitmap_limit_are_built_again_mid_motion() {
        let vp = Viewport::new(800.0, 600.0);
        let zoomed = |dz: f64| DotState {
            view: view().zoomed_by(dz, vp.center(), vp),
            settled: false,
            ..state()
        };
        assert!(matches!(plan_dots(&zoomed(1.0)), DotPlan::Move(_)));
        assert_eq!(plan_dots(&zoomed(2.5)), DotPlan::Build);
    }

    #[test]
    fn no_motion_clears_the_layer_once() {
        let off = DotState {
            shown: false,
            ..state()
        };
        assert_eq!(plan_dots(&off), DotPlan::Clear);
        let empty = DotState { built: None, ..off };
        assert_eq!(plan_dots(&empty), DotPlan::Keep);
    }

    #[test]
    fn changed_layers_rebuild_at_once_and_a_first_build_waits_for_a_settled_view() {
        let stale = DotState {
            stale: true,
            settled: false,
            view: view().panned(5.0, 0.0),
            ..state()
        };
        assert_eq!(plan_dots(&stale), DotPlan::Build);
        let first_mid_gesture = DotState {
            built: None,
            settled: false,
            ..state()
        };
        assert_eq!(plan_dots(&first_mid_gesture), DotPlan::Keep);
    }

    #[test]
    fn the_flow_time_runs_only_while_the_dots_do() {
        let mut c = FlowClock::default();
        assert_eq!(c.time_ms(500.0), 0.0);
        c.sync(1000.0, true);
        assert_abs_diff_eq!(c.time_ms(1500.0), 500.0);
        c.sync(2000.0, false);
        assert_abs_diff_eq!(c.time_ms(9000.0), 1000.0, epsilon = 1e-9);
        c.sync(10_000.0, true);
        c.sync(10_000.0, true); // no change: still one run
        assert_abs_diff_eq!(c.time_ms(10_250.0), 1250.0, epsilon = 1e-9);
    }

    #[test]
    fn the_flow_pauses_after_a_minute_of_running_without_interaction() {
        let mut c = FlowClock::default();
        c.sync(0.0, true);
        assert_eq!(c.deadline(0.0), Some(PAUSE_AFTER_MS));
        assert!(!c.tick(PAUSE_AFTER_MS - 1.0));
        // An interaction half-way moves the deadline; the early check
        // pauses nothing and tells when to look again.
        c.activity(30_000.0);
        assert!(!c.tick(PAUSE_AFTER_MS));
        assert_eq!(c.deadline(PAUSE_AFTER_MS), Some(90_000.0));
        assert!(c.tick(90_000.0));
        assert_eq!(c.hold(), Some(Hold::Idle));
        assert_eq!(c.deadline(90_000.0), None, "a held flow has no deadline");
        // Any interaction ends an idle pause, with a fresh minute.
        c.sync(90_000.0, false);
        assert!(c.activity(100_000.0));
        assert_eq!(c.hold(), None);
        c.sync(100_000.0, true);
        assert_eq!(c.deadline(100_000.0), Some(160_000.0));
    }

    #[test]
    fn time_off_screen_does_not_count_towards_the_pause() {
        let mut c = FlowClock::default();
        c.sync(0.0, true);
        c.sync(50_000.0, false); // scrolled away after 50 s
        assert_eq!(c.deadline(500_000.0), None);
        assert!(!c.tick(500_000.0));
        c.sync(500_000.0, true); // back: 10 s left
        assert_eq!(c.deadline(500_000.0), Some(510_000.0));
    }

    #[test]
    fn a_pause_asked_for_outlasts_interactions() {
        let mut c = FlowClock::default();
        c.sync(0.0, true);
        assert!(c.ask(false, 1000.0));
        assert_eq!(c.hold(), Some(Hold::Asked));
        assert!(
            !c.activity(2000.0),
            "interaction does not override the visitor"
        );
        assert_eq!(c.hold(), Some(Hold::Asked));
        assert!(c.ask(true, 3000.0));
        assert_eq!(c.hold(), None);
        assert!(!c.ask(true, 3000.0), "already playing");
    }

    #[test]
    fn the_pause_can_be_turned_off() {
        let mut c = FlowClock::default();
        c.set_pause_after(None);
        c.sync(0.0, true);
        assert_eq!(c.deadline(0.0), None);
        assert!(!c.tick(1e9));
        c.set_pause_after(Some(f64::NAN));
        assert_eq!(c.deadline(0.0), None, "a bad period never pauses");
        c.set_pause_after(Some(5000.0));
        assert!(c.tick(5000.0));
    }

    #[test]
    fn flow_states_have_their_vocabulary_words() {
        let all = [FlowState::Playing, FlowState::Paused, FlowState::Off];
        let words: Vec<&str> = all.iter().map(|s| s.as_str()).collect();
        assert_eq!(words, FLOW_STATES);
    }
}
