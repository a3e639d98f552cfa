//! The thin web layer: the exported `BridgeMap` class the `<bridge-map>`
//! element drives.
//!
//! It owns the browser resources — the map canvas, the highlight canvas
//! and the *picture* element that holds them with the layer of flow
//! particles, DOM listeners, a `ResizeObserver`, one
//! `requestAnimationFrame`, one settle timer, one flow-pause timer and one
//! warm-up timer — and forwards everything else to the pure [`App`]. Every
//! closure handle is kept and dropped on
//! [`BridgeMap::destroy`] (or when JS calls `free()`), never forgotten.
//!
//! Frame policy: input only marks state dirty and asks for a frame; at most
//! one frame is pending at a time. What a frame draws is decided by the pure
//! [`plan_frame`] in the core; this layer only carries the plan out. While
//! the view moves that is usually one CSS transform on the picture element,
//! which the compositor applies without a repaint. Every view change,
//! whatever its source, asks for a settle ([`Needs`]); when the view has
//! been quiet for [`SETTLE_MS`] the core marks it settled, so the next plan
//! redraws the basemap sharply and resets the transform.
//!
//! The DOM it expects (the element's shell builds it): the map canvas, the
//! highlight canvas right after it and the particle layer inside one
//! picture element, the one the transform moves, inside a *stage* element
//! that never moves and takes the input.
//!
//! Renderings are drawn by a raster worker off the main thread when the
//! shell gives one ([`raster`]); the planner then asks for them and shows
//! them when they come back. Without one, or when it fails, they are
//! drawn here, in stages.
//!
//! The flow particles need no frames: they are compositor animations
//! ([`dots`]), built in the frames the core plans ([`plan_dots`]). After
//! every change of state the flow is synced ([`Shared::sync_flow`]): the
//! core's flow clock starts or stops, the dots play or hold, the shell
//! hears the flow state, and one timer waits for the idle pause the core
//! schedules.

pub mod canvas;
pub mod dots;
pub mod events;
pub mod raster;
pub mod value;

use crate::app::flow::{plan_dots, DotPlan};
use crate::app::frame::{plan_frame, FramePlan, Remote, Staged, RENDER_STAGES};
use crate::app::input::Input;
use crate::app::{App, MapEvent, Needs, ViewState};
use crate::data::error::DataError;
use crate::data::kazakh_latin::to_latin;
use crate::data::overlay::{Kind, Layer};
use crate::data::topology::Lang;
use crate::geo::coords::{LonLat, Screen};
use crate::geo::view::{View, Viewport};
use crate::paint::display_list::{DisplayList, Encoder};
use crate::paint::surface::DrawError;
use crate::render::{blit, Blit};
use crate::scene::describe;
use crate::scene::overlay_scene::Layers;
use canvas::{CanvasSurface, ShownCanvas};
use dots::DotLayer;
use events::{install_input, Listener};
use raster::{RasterWorker, Reply};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, ImageBitmap, ResizeObserver, ResizeObserverEntry};

/// The allocator: talc instead of std's dlmalloc, for a smaller wasm (and
/// faster allocation). It grows the memory as needed, like dlmalloc, and
/// reuses freed blocks.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The CSS property that moves the picture.
const TRANSFORM: &str = "transform";

/// How long the view must stay still, after a change by any path, before
/// the basemap is re-rendered sharply.
pub const SETTLE_MS: i32 = 140;

/// Logs a browser call that failed where nothing can be handed back (a
/// teardown, a panic): the failure is at least visible in the console.
fn log_failure(what: &str, result: Result<(), JsValue>) {
    if let Err(e) = result {
        web_sys::console::error_2(&format!("bridge-map: {what} failed").into(), &e);
    }
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or(0.0)
}

thread_local! {
    /// Every live map, so a panic can unsubscribe them all.
    static LIVE: RefCell<Vec<Weak<Shared>>> = const { RefCell::new(Vec::new()) };
}

/// After a panic the maps it may have left half-changed are dead: each
/// drops its DOM listeners, observer, frame and timer callbacks, so nothing
/// calls into it again, and is told (a `bridge-map-panic` event on its
/// canvas, which its element hears). Those are the maps whose state the
/// panicking call held (a frame, an input, a method: each holds its map's
/// runner while it works); the others keep working, as they share nothing
/// with it but the module. A panic that held no map's state (or struck
/// while the list of maps was being changed) may have broken anything:
/// then every map is dead, and the event goes to the window.
fn fail_maps(msg: &str) {
    let tell = |target: &web_sys::EventTarget| {
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&msg.into());
        if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict("bridge-map-panic", &init) {
            log_failure(
                "telling the page about the crash",
                target.dispatch_event(&ev).map(|_| ()),
            );
        }
    };
    // Taken out while it is looked at; a list held by the panicking call
    // (in `new` or `destroy`) reads as empty.
    let maps = LIVE.with(|live| {
        live.try_borrow_mut()
            .map(|mut l| std::mem::take(&mut *l))
            .unwrap_or_default()
    });
    let mut others = Vec::new();
    let mut struck = false;
    for weak in maps {
        let Some(map) = weak.upgrade() else { continue };
        if map.runner.try_borrow_mut().is_err() {
            struck = true;
            map.unsubscribe();
            tell(&map.canvas);
        } else {
            others.push(weak);
        }
    }
    if struck {
        LIVE.with(|live| {
            if let Ok(mut live) = live.try_borrow_mut() {
                live.extend(others);
            }
        });
    } else {
        for map in others.iter().filter_map(Weak::upgrade) {
            map.unsubscribe();
        }
        if let Some(w) = web_sys::window() {
            tell(&w);
        }
    }
}

/// Installs, once, a panic hook that logs a readable message and fails
/// the maps the panic struck ([`fail_maps`]).
pub fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let msg = format!("Bridge Map crashed: {info}");
            web_sys::console::error_1(&msg.clone().into());
            fail_maps(&msg);
        }));
    });
}

/// Counters a host or test can read to check the frame policy.
#[derive(Clone, Debug, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Stats {
    frames: u32,
    basemap_renders: u32,
    /// Flow dots on the layer (each an element with one animation).
    dots: u32,
    /// Decoding and preparing the geometry (projection, LOD, indexes).
    load_ms: f64,
    /// The last rendering's main-thread ms, all its stages together.
    last_basemap_ms: f64,
    last_frame_ms: f64,
    /// Stages of renderings drawn (a whole rendering counts all of its):
    /// `stages - basemap_renders * RENDER_STAGES` are stages drawn for
    /// renderings that were given up.
    stages: u32,
    /// The full-detail geometry is in use.
    detail: bool,
    /// Decoding and preparing the full-detail geometry.
    detail_ms: f64,
    /// The fine geometry (1:10m, the corridors' region) is in use.
    fine: bool,
    /// Decoding and preparing the fine geometry.
    fine_ms: f64,
    /// Where renderings are drawn: `"worker"` (a raster worker, off the
    /// main thread) or `"main"`.
    raster: &'static str,
    /// Renderings asked of the raster worker.
    requests: u32,
    /// The raster worker's ms for the last rendering it sent back (replay
    /// and raster, off the main thread).
    worker_ms: f64,
    /// The picture shows a sharp rendering of the current view, layers,
    /// language, palette, data and highlights, and nothing is being drawn
    /// (filled by `stats()`): with the raster worker a rendering shown may
    /// be one asked for before the last change, so a count of renderings
    /// alone does not say the map is done.
    current: bool,
    /// The languages of the overlay data in use (filled by `stats()`): a
    /// host switching `lang` sees here when the new language's pack is in.
    languages: Vec<&'static str>,
    /// The overlay's summaries, figures and sources are in (filled by
    /// `stats()`): false without data and while the first download, an
    /// outline, is in use.
    texts: bool,
}

struct Runner {
    app: App,
    /// Where the basemap is drawn, off screen; [`Runner::map`] shows it.
    screen: CanvasSurface,
    /// The map canvas on the page.
    map: ShownCanvas,
    /// The element holding the map canvas, its highlights and the flow
    /// particles' layer, which a CSS transform moves while the view moves.
    picture: web_sys::HtmlElement,
    /// The transform the picture has now (identity: none).
    transform: Blit,
    /// The layer of flow particles, inside the picture above the highlights.
    dots: DotLayer,
    /// Where the hover, selection and tour highlights are drawn, off
    /// screen: a highlight change redraws them alone, and the map canvas
    /// keeps the clean rendering (no copy).
    highlights: CanvasSurface,
    /// The transparent canvas between the map and the particles that shows
    /// them.
    highlights_canvas: ShownCanvas,
    /// The highlight canvas has something on it (it is hidden otherwise,
    /// so the compositor has one layer less to blend).
    highlights_shown: bool,
    /// Off-screen canvases handed over since they were last warmed up
    /// ([`CanvasSurface::warm_up`]): the map's, the highlights'.
    cold: (bool, bool),
    /// The view the map canvas was rendered for; `None` forces a render.
    cache_view: Option<View>,
    /// A rendering drawn in stages ([`FramePlan::Stage`]) under way on the
    /// off-screen canvas, and the main-thread ms its stages took so far.
    staged: Option<Staged>,
    staged_ms: f64,
    /// This frame showed a rendering drawn in stages: the dots are built
    /// in the next one, which it asks for.
    shown_staged: bool,
    first_frame: bool,
    /// A failed draw has been reported: the host hears of it once.
    error_reported: bool,
    /// Something changed since the last frame.
    dirty: bool,
    /// The canvases have been given a real size by the resize observer.
    sized: bool,
    /// The raster worker, when renderings are drawn off the main thread.
    raster: Option<RasterWorker>,
    /// The last rendering written down for the worker (reused, so writing
    /// one allocates nothing once warm).
    list: DisplayList,
    /// The last highlights written down for the worker.
    lit_list: DisplayList,
    /// The drawing asked of the worker that has not come back.
    pending: Option<Pending>,
    /// What the worker sent back, not shown yet.
    arrived: Option<Arrival>,
    /// The map's last observed size: CSS pixels and device pixel ratio.
    size: Option<(f64, f64, f64)>,
    /// The shell has not yet said how to draw ([`BridgeMap::use_raster`]):
    /// until it does, renderings are drawn here at one pixel per CSS pixel
    /// ([`SOFT_DPR`]), a quarter of the work at the usual ratio of 2, so
    /// the first frame comes sooner; the sharp rendering follows once the
    /// shell has decided.
    soft: bool,
    /// The browser took an off-screen canvas away while the map drew on it
    /// (a GPU reset, memory pressure): the drawing was not shown, the
    /// canvas has been replaced, and the next frame draws it again.
    redraw: bool,
    stats: Stats,
}

/// The pixel ratio of the renderings drawn before the shell says how to
/// draw (see [`Runner::soft`]).
const SOFT_DPR: f64 = 1.0;

/// A rendering asked of the raster worker.
#[derive(Clone, Copy, Debug)]
struct Pending {
    /// The request's number, which the answer carries.
    id: u32,
    /// The view it draws.
    view: View,
    /// The canvas size it was asked for, in device pixels.
    device: (u32, u32),
    /// Main-thread ms spent writing it down and posting it.
    ms: f64,
    /// A rendering of the basemap was asked for, not only highlights.
    map: bool,
}

/// What the raster worker sent back for a [`Pending`] request.
struct Arrival {
    /// The view it was drawn for.
    view: View,
    /// The rendering, when one was asked for.
    map: Option<ImageBitmap>,
    /// The highlights; `None` when there are none.
    lit: Option<ImageBitmap>,
    /// Main-thread ms spent asking for it.
    ms: f64,
}

impl Arrival {
    /// Lets the browser free the pixels of an arrival not shown.
    fn close(self) {
        for b in [self.map, self.lit].into_iter().flatten() {
            b.close();
        }
    }
}

type Outbox = Vec<(&'static str, JsValue)>;

/// The `detail` of the `error` map event.
#[derive(Serialize)]
struct ErrorDetail {
    message: String,
}

/// Serialises to plain JS objects (`null` for `None`): JSON-compatible, so
/// flattened structs become objects, not `Map`s.
fn to_js<T: Serialize>(v: &T) -> JsValue {
    v.serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or(JsValue::NULL)
}

impl Runner {
    /// Draws one frame as [`plan_frame`] decides. Returns events to deliver
    /// once the borrow is released.
    ///
    /// A rendering draws the basemap on the map canvas and the highlights
    /// on theirs; a moving view only changes the picture's transform; then
    /// the frame does what the core plans for the dot layer.
    fn frame(&mut self, out: &mut Outbox, time_ms: f64) {
        if let Err(e) = self.try_frame(out, time_ms) {
            self.report(e, out);
        }
    }

    /// The next frame has work of the runner's own: a stage of a rendering,
    /// or the dots after one.
    fn wants_frame(&self) -> bool {
        self.staged.is_some() || self.shown_staged || self.redraw
    }

    /// Replaces the map's off-screen canvas after the browser took its
    /// context away (see [`Runner::redraw`]); what the picture shows stays
    /// until the fresh canvas has been drawn on.
    fn renew_screen(&mut self) -> Result<(), DrawError> {
        web_sys::console::warn_1(
            &"bridge-map: the browser took the map's canvas away; it is drawn again on a fresh one"
                .into(),
        );
        self.screen.renew()?;
        self.cache_view = None;
        self.redraw = true;
        Ok(())
    }

    /// Tells the host, once, that drawing failed: an `error` map event
    /// with `{message}`. Later frames keep trying, silently.
    fn report(&mut self, e: DrawError, out: &mut Outbox) {
        if std::mem::replace(&mut self.error_reported, true) {
            return;
        }
        out.push((
            "error",
            to_js(&ErrorDetail {
                message: e.to_string(),
            }),
        ));
    }

    /// Sizes the two off-screen canvases; true when the map's changed size
    /// (which clears it).
    fn resize_canvases(&mut self, css_w: f64, css_h: f64, dpr: f64) -> Result<bool, DrawError> {
        let before = self
            .size
            .map(|(w, h, d)| (CanvasSurface::device_size(w, h, d), d));
        self.size = Some((css_w, css_h, dpr));
        // With a worker the off-screen canvases here only measure text: they
        // stay 1×1 and never hold a bitmap of the map's size.
        if self.raster.is_some() {
            return Ok(before != Some((CanvasSurface::device_size(css_w, css_h, dpr), dpr)));
        }
        let dpr = self.drawn_dpr(dpr);
        let screen = self.screen.resize(css_w, css_h, dpr)?;
        self.highlights.resize(css_w, css_h, dpr)?;
        Ok(screen)
    }

    /// The pixel ratio renderings are drawn at here, for a screen of `dpr`.
    fn drawn_dpr(&self, dpr: f64) -> f64 {
        if self.soft {
            dpr.min(SOFT_DPR)
        } else {
            dpr
        }
    }

    /// The shell has said how to draw: from now on at the screen's own
    /// pixel ratio. A picture drawn at a lower one is drawn again, here
    /// or, once [`Runner::use_worker`] has run, by the worker.
    fn sharpen(&mut self) {
        if !std::mem::replace(&mut self.soft, false) {
            return;
        }
        let Some((_, _, dpr)) = self.size else {
            return; // nothing drawn yet: the first rendering will be sharp
        };
        if dpr <= SOFT_DPR {
            return; // it was drawn at the screen's ratio already
        }
        self.draw_again_sharp();
    }

    /// Forces a new rendering and highlights at the screen's pixel ratio:
    /// drawn here (the off-screen canvases sized for it first) or, with a
    /// worker, there.
    fn draw_again_sharp(&mut self) {
        if let (None, Some((w, h, dpr))) = (&self.raster, self.size) {
            let resized = self
                .screen
                .resize(w, h, dpr)
                .and_then(|_| self.highlights.resize(w, h, dpr));
            if let Err(e) = resized {
                log_failure(
                    "resizing the map canvas",
                    Err(JsValue::from_str(&e.to_string())),
                );
            }
        }
        self.app.highlights_lost();
        self.cache_view = None;
        self.dirty = true;
    }

    /// The map canvas's size in device pixels, once observed.
    fn device(&self) -> Option<(u32, u32)> {
        self.size
            .map(|(w, h, d)| CanvasSurface::device_size(w, h, d))
    }

    /// See [`Stats::current`]: the planner, asked now, would only leave the
    /// picture where it is, and no drawing is under way.
    fn current(&self) -> bool {
        let state = self
            .app
            .frame_state(true, true, self.cache_view, self.staged, self.remote());
        self.sized
            && !self.soft
            && self.pending.is_none()
            && self.arrived.is_none()
            && self.transform == Blit::IDENTITY
            && plan_frame(&state)
                == FramePlan::Move {
                    transform: Blit::IDENTITY,
                }
    }

    /// The raster worker's side of the next frame, when there is one.
    fn remote(&self) -> Option<Remote> {
        self.raster.as_ref().map(|_| Remote {
            pending: self.pending.map(|p| p.view),
            arrived: self.arrived.as_ref().map(|a| a.view),
        })
    }

    /// Draws through `worker` from now on. The off-screen canvases here
    /// give up their bitmaps (they only measure text now); what the map
    /// shows stays until the worker's first rendering replaces it, and a
    /// rendering drawn in stages here is asked of the worker instead.
    fn use_worker(&mut self, worker: RasterWorker) {
        self.raster = Some(worker);
        self.stats.raster = "worker";
        for canvas in [&mut self.screen, &mut self.highlights] {
            if let Err(e) = canvas.resize(1.0, 1.0, 1.0) {
                log_failure("resizing a canvas", Err(JsValue::from_str(&e.to_string())));
            }
        }
        self.cold = (false, false);
        if self.staged.take().is_some() {
            self.dirty = true;
        }
    }

    /// Writes the highlights of `view` down, and its rendering when `map`,
    /// and posts them to the worker.
    fn request(&mut self, view: View, map: bool) -> Result<(), DrawError> {
        let started = now_ms();
        let (Some(device), Some((_, _, dpr))) = (self.device(), self.size) else {
            return Err(DrawError::NoContext);
        };
        if map {
            self.list.clear();
            let mut encoder = Encoder {
                list: &mut self.list,
                measure: &mut self.screen,
            };
            for stage in 0..RENDER_STAGES {
                self.app.render_stage(&mut encoder, &view, stage)?;
            }
        }
        self.lit_list.clear();
        if self.app.has_highlights() {
            let mut encoder = Encoder {
                list: &mut self.lit_list,
                measure: &mut self.screen,
            };
            self.app.render_highlights_at(&mut encoder, &view)?;
        }
        let worker = self.raster.as_mut().ok_or(DrawError::NoContext)?;
        let id = worker.request(
            map.then_some(&self.list),
            &self.lit_list,
            device.0,
            device.1,
            dpr,
        )?;
        let now = now_ms();
        self.pending = Some(Pending {
            id,
            view,
            device,
            ms: now - started,
            map,
        });
        if map {
            self.app.rendering_requested();
        }
        self.app.highlights_drawn();
        self.stats.requests += 1;
        Ok(())
    }

    /// Shows the highlights that came back, or hides their canvas when
    /// there are none.
    fn show_lit(&mut self, lit: Option<ImageBitmap>) -> Result<(), DrawError> {
        let any = lit.is_some();
        if let Some(b) = lit {
            self.highlights_canvas.show_bitmap(&b);
        }
        if any != self.highlights_shown {
            canvas::set_visible(&self.highlights_canvas.canvas, any)?;
            self.highlights_shown = any;
        }
        Ok(())
    }

    /// Takes in the worker's answer. A rendering for another size, or one
    /// no longer waited for, is dropped; a failure gives the worker up.
    fn reply(&mut self, reply: Reply) {
        match reply {
            Reply::Drawn { id, map, lit, ms } => {
                let arrival = Arrival {
                    view: self.pending.map_or(self.app.view(), |p| p.view),
                    map,
                    lit,
                    ms: self.pending.map_or(0.0, |p| p.ms),
                };
                match self.pending {
                    Some(p) if p.id == id => {
                        self.pending = None;
                        self.stats.worker_ms = ms;
                        if p.map && arrival.map.is_none() {
                            arrival.close();
                            self.give_up_worker();
                        } else if Some(p.device) == self.device() {
                            if let Some(old) = self.arrived.replace(arrival) {
                                old.close();
                            }
                        } else {
                            // Drawn for the size before a resize: asked again.
                            arrival.close();
                        }
                    }
                    _ => arrival.close(),
                }
            }
            Reply::Failed => self.give_up_worker(),
        }
    }

    /// Draws on the main thread from now on: the worker failed, or did not
    /// answer in time. The map stays usable; the worker's plumbing has told
    /// the console why.
    fn give_up_worker(&mut self) {
        if self.raster.take().is_none() {
            return;
        }
        self.pending = None;
        if let Some(a) = self.arrived.take() {
            a.close();
        }
        self.stats.raster = "main";
        self.draw_again_sharp();
    }

    /// Draws the highlights over a rendering made for `view` on their own
    /// canvas, in place of what was there; the canvas is hidden while
    /// there are none.
    fn draw_highlights(&mut self, view: &View) -> Result<(), DrawError> {
        let any = self.app.has_highlights();
        if any {
            // The off-screen canvas is empty since its last hand-over.
            self.highlights.reset_transform()?;
            self.app.render_highlights_at(&mut self.highlights, view)?;
            if self.highlights.lost() {
                // Drawn again on a fresh canvas in the next frame.
                self.highlights.renew()?;
                self.app.highlights_lost();
                self.redraw = true;
                return Ok(());
            }
            self.highlights_canvas.show(&self.highlights)?;
            self.cold.1 = true;
        }
        if any != self.highlights_shown {
            canvas::set_visible(&self.highlights_canvas.canvas, any)?;
            self.highlights_shown = any;
        }
        self.app.highlights_drawn();
        Ok(())
    }

    /// Moves the picture element by `b` with a CSS transform (CSS pixels,
    /// about its top-left corner), or removes the transform at identity.
    /// Written only when it changes.
    fn set_transform(&mut self, b: Blit) -> Result<(), DrawError> {
        if b == self.transform {
            return Ok(());
        }
        let style = self.picture.style();
        let result = if b == Blit::IDENTITY {
            style.remove_property(TRANSFORM).map(|_| ())
        } else {
            style.set_property(
                TRANSFORM,
                &crate::paint::surface::css_matrix(b.scale, b.dx, b.dy),
            )
        };
        result.map_err(|e| DrawError::Canvas {
            call: "style.transform",
            message: e.as_string().unwrap_or_else(|| "it threw".to_owned()),
        })?;
        self.transform = b;
        Ok(())
    }

    fn try_frame(&mut self, out: &mut Outbox, time_ms: f64) -> Result<(), DrawError> {
        if self.app.advance(time_ms) {
            self.dirty = true;
        }
        let plan = plan_frame(&self.app.frame_state(
            self.sized,
            self.dirty,
            self.cache_view,
            self.staged,
            self.remote(),
        ));
        // Stages drawn for a view the plan no longer continues are dropped:
        // the next rendering starts by clearing the canvas.
        self.staged = None;
        self.shown_staged = false;
        self.redraw = false;
        if plan == FramePlan::Skip {
            return Ok(());
        }
        let started = now_ms();
        self.stats.frames += 1;
        match plan {
            FramePlan::Render {
                view,
                transform,
                from,
            } => {
                // Drawn off screen (the rest of it, when earlier frames drew
                // its first stages) and handed to the map canvas whole, in
                // the same task as the new transform.
                if from == 0 {
                    self.screen.reset_transform()?;
                }
                for stage in from..RENDER_STAGES {
                    self.app.render_stage(&mut self.screen, &view, stage)?;
                }
                if self.screen.lost() {
                    // Showing it would blank the map.
                    return self.renew_screen();
                }
                self.map.show(&self.screen)?;
                self.cold.0 = true;
                self.app.cache_rendered();
                self.cache_view = Some(view);
                self.stats.basemap_renders += 1;
                self.stats.stages += (RENDER_STAGES - from) as u32;
                // A staged rendering's time is that of all its stages.
                let earlier = if from == 0 { 0.0 } else { self.staged_ms };
                self.shown_staged = from > 0;
                self.stats.last_basemap_ms = earlier + now_ms() - started;
                self.draw_highlights(&view)?;
                // In the same frame as the new pixels: no jump, no blank.
                self.set_transform(transform)?;
                // The dots sit in the picture: their step to it changed.
                self.place_dots();
            }
            FramePlan::Stage {
                view,
                stage,
                transform,
            } => {
                if stage == 0 {
                    self.screen.reset_transform()?;
                }
                self.app.render_stage(&mut self.screen, &view, stage)?;
                if self.screen.lost() {
                    // The stages drawn so far went with the canvas.
                    return self.renew_screen();
                }
                // The browser rasterises now, in this frame, not all the
                // stages at once when the drawing is shown.
                self.screen.flush();
                self.stats.stages += 1;
                let earlier = if stage == 0 { 0.0 } else { self.staged_ms };
                self.staged_ms = earlier + now_ms() - started;
                self.staged = Some(Staged {
                    view,
                    done: stage + 1,
                });
                self.set_transform(transform)?;
            }
            FramePlan::Request {
                view,
                transform,
                map,
            } => {
                self.request(view, map)?;
                self.set_transform(transform)?;
            }
            FramePlan::Show { view, transform } => {
                let Some(a) = self.arrived.take() else {
                    return Ok(());
                };
                let rendering = a.map.is_some();
                if let Some(bitmap) = &a.map {
                    self.map.show_bitmap(bitmap);
                    self.cache_view = Some(view);
                    self.stats.basemap_renders += 1;
                    self.stats.stages += RENDER_STAGES as u32;
                }
                self.show_lit(a.lit)?;
                self.set_transform(transform)?;
                if rendering {
                    self.place_dots();
                    // The dots are built in the next frame, as after stages.
                    self.shown_staged = true;
                    self.stats.last_basemap_ms = a.ms + now_ms() - started;
                }
            }
            FramePlan::Redraw => {
                let view = self.app.view();
                self.draw_highlights(&view)?;
                self.set_transform(Blit::IDENTITY)?;
            }
            FramePlan::Move { transform } => self.set_transform(transform)?,
            FramePlan::Skip => return Ok(()),
        }
        // A rendering drawn in stages goes on in the next frame, and the
        // dots wait for the frame after it is shown.
        self.dirty = self.wants_frame();
        // A failure in the dot layer is reported, but the map is drawn:
        // the host still hears `viewchange` and `ready`.
        let dots = self.frame_dots();
        self.stats.last_frame_ms = now_ms() - started;
        if self.app.take_view_changed() {
            out.push(("viewchange", to_js(&self.app.view_state())));
        }
        if !self.first_frame && plan.shows_rendering() {
            self.first_frame = true;
            out.push(("ready", JsValue::NULL));
        }
        dots
    }

    /// Carries out the core's plan for the dot layer: built for a settled
    /// view (with the phases of the flow clock now, playing or held as the
    /// flow is), moved with the map while the view moves, or cleared.
    fn frame_dots(&mut self) -> Result<(), DrawError> {
        let busy = self.staged.is_some() || self.shown_staged || self.pending.is_some();
        match plan_dots(&self.app.dot_state(self.dots.built, busy)) {
            DotPlan::Keep => Ok(()),
            DotPlan::Clear => {
                self.dots.clear();
                Ok(())
            }
            DotPlan::Move(_) => {
                self.place_dots();
                Ok(())
            }
            DotPlan::Build => {
                let flow = self.app.flow_dots(now_ms());
                let playing = self.app.flow_running();
                self.app.dots_built();
                let built = self.dots.build(&flow, self.app.view(), playing);
                self.place_dots();
                built
            }
        }
    }

    /// The dots sit in the picture, which the compositor already moves from
    /// the view the map canvas shows to the current one: they need only the
    /// step from the view they were built for to the canvas's.
    fn place_dots(&self) {
        if let (Some(built), Some(shown)) = (self.dots.built, self.cache_view) {
            self.dots.place(blit(&built, &shown, self.app.viewport()));
        }
    }

    fn events(&self, events: Vec<MapEvent>, out: &mut Outbox) {
        for e in events {
            match e {
                MapEvent::Hover(f) => out.push(("hover", to_js(&f))),
                MapEvent::Select(f) => out.push(("select", to_js(&f))),
                MapEvent::Hint(h) => out.push((
                    "hint",
                    JsValue::from_str(match h {
                        crate::app::input::Hint::Wheel => "wheel",
                        crate::app::input::Hint::Touch => "touch",
                    }),
                )),
                MapEvent::TourStep(step) => out.push(("tourstep", to_js(&step))),
                MapEvent::LayersChanged(layers) => out.push(("layerschange", to_js(&layers))),
            }
        }
    }
}

/// The `requestAnimationFrame` callback; its argument is the frame's time in ms.
type FrameCallback = Closure<dyn FnMut(f64)>;

/// Browser resources that must be released on teardown.
struct Shared {
    runner: RefCell<Runner>,
    /// Read by the wheel listener: embedded maps leave plain wheels to the page.
    cooperative: Rc<Cell<bool>>,
    on_event: js_sys::Function,
    raf: RefCell<Option<FrameCallback>>,
    timer: RefCell<Option<Closure<dyn FnMut()>>>,
    /// The pending `requestAnimationFrame` id. Kept outside the runner so a
    /// panic mid-frame (runner borrowed for good) can still cancel it.
    frame_pending: Cell<Option<i32>>,
    /// The pending settle timeout id, outside the runner for the same reason.
    settle_timer: Cell<Option<i32>>,
    /// The callback of the flow-pause timer.
    flow_cb: RefCell<Option<Closure<dyn FnMut()>>>,
    /// The pending flow-pause timeout id, outside the runner too.
    flow_timer: Cell<Option<i32>>,
    /// When (page clock, ms) the pending flow-pause timeout fires.
    flow_due: Cell<Option<f64>>,
    /// Warms up the off-screen canvases after a frame handed them over.
    warm: RefCell<Option<Closure<dyn FnMut()>>>,
    /// The pending warm-up timeout id.
    warm_timer: Cell<Option<i32>>,
    /// DOM listeners and the resize observer; `None` once unsubscribed.
    handles: RefCell<Option<Handles>>,
    /// The raster worker, to stop it on teardown even mid-frame.
    worker: RefCell<Option<JsValue>>,
    /// The map canvas, outside the runner: after a panic its element is
    /// told through it ([`fail_maps`]).
    canvas: HtmlCanvasElement,
}

impl Shared {
    /// Tells the host about state changes the core queued (tour steps,
    /// layers the visitor switched), in the order they happened.
    fn deliver_state_events(&self) {
        let mut out = Outbox::new();
        {
            let mut r = self.runner.borrow_mut();
            let events = r.app.take_events();
            r.events(events, &mut out);
        }
        self.deliver(out);
    }

    fn deliver(&self, out: Outbox) {
        for (kind, detail) in out {
            if let Err(e) = self
                .on_event
                .call2(&JsValue::NULL, &JsValue::from_str(kind), &detail)
            {
                web_sys::console::error_2(&"bridge-map event handler failed".into(), &e);
            }
        }
    }

    /// Something changed: the next frame must composite the basemap again,
    /// and the flow may have started, paused or stopped.
    fn request_frame(&self) {
        self.runner.borrow_mut().dirty = true;
        self.request_animation();
        self.sync_flow();
    }

    /// Brings the flow up to date with the core's state, at once (not in
    /// the next frame: a hidden page gets none): the flow clock starts or
    /// stops, the dots play or hold, the shell hears a new flow state, and
    /// the timer is set for the idle pause the core schedules (none while
    /// the flow does not run).
    fn sync_flow(&self) {
        let now = now_ms();
        let (change, deadline) = {
            let mut r = self.runner.borrow_mut();
            r.app.flow_sync(now);
            let running = r.app.flow_running();
            r.dots.set_playing(running);
            (r.app.take_flow_change(), r.app.flow_deadline(now))
        };
        let Some(w) = web_sys::window() else { return };
        // A pending check that comes no later than the deadline stays: if
        // it is early (the visitor interacted since), it re-arms. So a
        // gesture's stream of inputs does not reset the timer each time.
        let keep = matches!((deadline, self.flow_due.get()), (Some(d), Some(due)) if due <= d);
        if keep && self.flow_timer.get().is_some() {
            self.deliver_flow(change);
            return;
        }
        if let Some(t) = self.flow_timer.take() {
            w.clear_timeout_with_handle(t);
        }
        self.flow_due.set(deadline);
        if let (Some(due), Some(cb)) = (deadline, self.flow_cb.borrow().as_ref()) {
            // setTimeout takes an i32 of ms; a later check re-arms.
            let ms = (due - now).clamp(0.0, f64::from(i32::MAX)).ceil() as i32;
            match w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                ms,
            ) {
                Ok(id) => self.flow_timer.set(Some(id)),
                Err(e) => log_failure("setTimeout", Err(e)),
            }
        }
        self.deliver_flow(change);
    }

    /// Tells the shell a new flow state, if there is one.
    fn deliver_flow(&self, change: Option<crate::app::flow::FlowState>) {
        if let Some(state) = change {
            self.deliver(vec![("flow", JsValue::from_str(state.as_str()))]);
        }
    }

    /// Asks for one animation frame (at most one is ever pending).
    fn request_animation(&self) {
        if self.frame_pending.get().is_some() {
            return;
        }
        if let (Some(w), Some(cb)) = (web_sys::window(), self.raf.borrow().as_ref()) {
            match w.request_animation_frame(cb.as_ref().unchecked_ref()) {
                Ok(id) => self.frame_pending.set(Some(id)),
                Err(e) => log_failure("requestAnimationFrame", Err(e)),
            }
        }
    }

    /// After a frame that handed a drawing over, warms the emptied
    /// off-screen canvases up in a task of their own, between frames.
    fn arm_warm_up(&self) {
        if self.warm_timer.get().is_some() {
            return;
        }
        let cold = self
            .runner
            .try_borrow()
            .map(|r| r.cold != (false, false))
            .unwrap_or(false);
        let Some(w) = web_sys::window().filter(|_| cold) else {
            return;
        };
        if let Some(cb) = self.warm.borrow().as_ref() {
            match w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                0,
            ) {
                Ok(id) => self.warm_timer.set(Some(id)),
                Err(e) => log_failure("setTimeout", Err(e)),
            }
        }
    }

    /// Starts the raster worker at `url` and draws through it.
    fn start_worker(self: &Rc<Self>, url: &str) {
        let weak: Weak<Shared> = Rc::downgrade(self);
        let on_reply = Box::new(move |reply: Reply| {
            if let Some(s) = weak.upgrade() {
                s.raster_reply(reply);
            }
        });
        match RasterWorker::start(url, on_reply) {
            Ok(worker) => {
                *self.worker.borrow_mut() = Some(worker.handle());
                self.runner.borrow_mut().use_worker(worker);
            }
            Err(e) => web_sys::console::warn_2(
                &"bridge-map: no raster worker, drawing on the main thread:".into(),
                &e,
            ),
        }
    }

    /// Takes in an answer of the raster worker and asks for the frame that
    /// shows it (or, after a failure, draws here).
    fn raster_reply(&self, reply: Reply) {
        {
            let Ok(mut r) = self.runner.try_borrow_mut() else {
                return; // torn down by a panic: nothing to show it on
            };
            let failed = matches!(reply, Reply::Failed);
            r.reply(reply);
            if failed {
                self.worker.borrow_mut().take();
            }
        }
        self.request_frame();
    }

    fn arm_settle(&self) {
        let Some(w) = web_sys::window() else { return };
        if let Some(t) = self.settle_timer.take() {
            w.clear_timeout_with_handle(t);
        }
        if let Some(cb) = self.timer.borrow().as_ref() {
            match w.set_timeout_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                SETTLE_MS,
            ) {
                Ok(id) => self.settle_timer.set(Some(id)),
                Err(e) => log_failure("setTimeout", Err(e)),
            }
        }
    }

    /// Cancels the pending frame and timer and drops every listener,
    /// observer and callback. Borrows only with `try_`, so it also works
    /// from the panic hook while a frame or input handler is running.
    fn unsubscribe(&self) {
        if let Ok(mut h) = self.handles.try_borrow_mut() {
            if let Some(h) = h.take() {
                h.observer.disconnect();
                // Dropping `h` removes every DOM listener.
            }
        }
        if let Some(w) = web_sys::window() {
            if let Some(id) = self.frame_pending.take() {
                log_failure("cancelAnimationFrame", w.cancel_animation_frame(id));
            }
            if let Some(t) = self.settle_timer.take() {
                w.clear_timeout_with_handle(t);
            }
            if let Some(t) = self.flow_timer.take() {
                w.clear_timeout_with_handle(t);
            }
            if let Some(t) = self.warm_timer.take() {
                w.clear_timeout_with_handle(t);
            }
        }
        if let Ok(mut worker) = self.worker.try_borrow_mut() {
            if let Some(worker) = worker.take() {
                raster::stop(&worker);
            }
        }

        if let Ok(mut warm) = self.warm.try_borrow_mut() {
            warm.take();
        }
        if let Ok(mut raf) = self.raf.try_borrow_mut() {
            raf.take();
        }
        if let Ok(mut timer) = self.timer.try_borrow_mut() {
            timer.take();
        }
        if let Ok(mut cb) = self.flow_cb.try_borrow_mut() {
            cb.take();
        }
    }

    fn apply(&self, needs: Needs) {
        if needs.settle_later {
            self.arm_settle();
        }
        if needs.frame {
            self.request_frame();
        }
    }

    /// Any input is an interaction: it ends an idle pause of the flow.
    fn input(&self, input: Input) {
        let mut out = Outbox::new();
        let needs = {
            let mut r = self.runner.borrow_mut();
            let mut needs = r.app.activity(now_ms());
            let (events, more) = r.app.handle(input);
            needs |= more;
            r.events(events, &mut out);
            needs
        };
        self.apply(needs);
        self.deliver(out);
    }

    /// Resizes both canvases and redraws at once, inside the observer
    /// callback, so the browser never paints a cleared canvas.
    fn resize(&self, css_w: f64, css_h: f64) {
        if css_w < 1.0 || css_h < 1.0 {
            return; // hidden: keep the last state until shown again
        }
        let dpr = web_sys::window()
            .map(|w| w.device_pixel_ratio())
            .unwrap_or(1.0)
            .max(0.5);
        let mut out = Outbox::new();
        {
            let mut r = self.runner.borrow_mut();
            r.sized = true;
            let changed = match r.resize_canvases(css_w, css_h, dpr) {
                Ok(changed) => changed,
                Err(e) => {
                    r.report(e, &mut out);
                    true
                }
            };
            r.app.resize(Viewport::new(css_w, css_h));
            if changed || !r.first_frame {
                r.cache_view = None;
                // The dots' keyframes were for the old size.
                r.dots.built = None;
                if let (Some(id), Some(w)) = (self.frame_pending.take(), web_sys::window()) {
                    log_failure("cancelAnimationFrame", w.cancel_animation_frame(id));
                }
                r.dirty = true;
                r.frame(&mut out, now_ms());
            }
        }
        self.arm_warm_up();
        self.deliver(out);
    }
}

struct Handles {
    _listeners: Vec<Listener>,
    observer: ResizeObserver,
    _observer_cb: Closure<dyn FnMut(js_sys::Array)>,
}

/// Writes Cyrillic Kazakh `text` in the Latin alphabet of 2021: the
/// core's one transliteration ([`to_latin`]), through which the shell
/// writes its own Kazakh (UI text, dates) for `kk-Latn`.
#[wasm_bindgen(js_name = kazakhLatin)]
pub fn kazakh_latin(text: &str) -> String {
    to_latin(text)
}

/// One interactive map on one canvas. Created by the `<bridge-map>` element.
#[wasm_bindgen]
pub struct BridgeMap {
    shared: Rc<Shared>,
}

#[wasm_bindgen]
impl BridgeMap {
    /// Decodes the geometry, attaches to `canvas` (with `particles`, an
    /// element stacked above it that holds the flow animation's dots) and
    /// starts listening. The canvas's parent is the picture element the
    /// compositor moves while the view moves; its parent in turn, which
    /// never moves, takes the input.
    ///
    /// `on_event(type, detail)` receives `"ready"` after the first frame,
    /// `"viewchange"`, `"hover"`, `"select"`, `"hint"`, `"flow"` with the
    /// flow state, and `"error"` with `{message}` the first time drawing
    /// fails. Fails with a readable message if the geometry is missing or
    /// corrupt.
    #[wasm_bindgen(constructor)]
    pub fn new(
        canvas: HtmlCanvasElement,
        particles: HtmlElement,
        geometry: &[u8],
        on_event: js_sys::Function,
    ) -> Result<BridgeMap, JsError> {
        install_panic_hook();
        let started = now_ms();
        let picture = canvas
            .parent_element()
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
            .ok_or_else(|| JsError::new("the map canvas needs a picture element around it"))?;
        let stage = picture
            .parent_element()
            .and_then(|p| p.dyn_into::<web_sys::HtmlElement>().ok())
            .ok_or_else(|| JsError::new("the map's picture element needs a stage around it"))?;
        let css_w = f64::from(canvas.client_width());
        let css_h = f64::from(canvas.client_height());
        let app = App::new(geometry, Viewport::new(css_w.max(1.0), css_h.max(1.0)))
            .map_err(|e| JsError::new(&format!("Could not load the map geometry: {e}.")))?;
        let js = |e: DrawError| JsError::new(&e.to_string());
        let screen = CanvasSurface::offscreen().map_err(js)?;
        let map = ShownCanvas::new(canvas.clone()).map_err(js)?;
        let dots = DotLayer::new(particles).map_err(js)?;
        let highlights = canvas
            .next_element_sibling()
            .filter(|e| e.class_name().split_whitespace().any(|c| c == "highlights"))
            .and_then(|e| e.dyn_into::<HtmlCanvasElement>().ok())
            .ok_or_else(|| {
                JsError::new("the map canvas needs a highlights canvas right after it")
            })?;
        let highlights_canvas = ShownCanvas::new(highlights).map_err(js)?;
        let highlights = CanvasSurface::offscreen().map_err(js)?;
        let stats = Stats {
            load_ms: now_ms() - started,
            raster: "main",
            ..Stats::default()
        };
        let runner = Runner {
            app,
            screen,
            map,
            picture,
            transform: Blit::IDENTITY,
            dots,
            highlights,
            highlights_canvas,
            highlights_shown: true,
            cold: (false, false),
            cache_view: None,
            staged: None,
            staged_ms: 0.0,
            shown_staged: false,
            first_frame: false,
            error_reported: false,
            dirty: true,
            sized: false,
            raster: None,
            list: DisplayList::new(),
            lit_list: DisplayList::new(),
            pending: None,
            arrived: None,
            size: None,
            soft: true,
            redraw: false,
            stats,
        };
        let shared = Rc::new(Shared {
            runner: RefCell::new(runner),
            cooperative: Rc::new(Cell::new(false)),
            on_event,
            raf: RefCell::new(None),
            timer: RefCell::new(None),
            frame_pending: Cell::new(None),
            settle_timer: Cell::new(None),
            flow_cb: RefCell::new(None),
            flow_timer: Cell::new(None),
            flow_due: Cell::new(None),
            warm: RefCell::new(None),
            warm_timer: Cell::new(None),
            handles: RefCell::new(None),
            worker: RefCell::new(None),
            canvas: canvas.clone(),
        });

        let weak: Weak<Shared> = Rc::downgrade(&shared);
        *shared.raf.borrow_mut() = Some(Closure::new(move |t: f64| {
            if let Some(s) = weak.upgrade() {
                let mut out = Outbox::new();
                s.frame_pending.set(None);
                let animating = {
                    let mut r = s.runner.borrow_mut();
                    r.frame(&mut out, t);
                    r.app.flying() || r.wants_frame()
                };
                if animating {
                    s.request_animation();
                }
                s.arm_warm_up();
                s.deliver(out);
            }
        }));
        let weak: Weak<Shared> = Rc::downgrade(&shared);
        *shared.flow_cb.borrow_mut() = Some(Closure::new(move || {
            if let Some(s) = weak.upgrade() {
                s.flow_timer.set(None);
                let needs = s.runner.borrow_mut().app.flow_tick(now_ms());
                if needs.frame {
                    s.request_frame();
                } else {
                    // Someone interacted since: wait for the new deadline.
                    s.sync_flow();
                }
            }
        }));
        let weak: Weak<Shared> = Rc::downgrade(&shared);
        *shared.warm.borrow_mut() = Some(Closure::new(move || {
            if let Some(s) = weak.upgrade() {
                s.warm_timer.set(None);
                let mut r = s.runner.borrow_mut();
                // A rendering in stages has begun on the canvas: it is warm,
                // and clearing a pixel would leave a hole in it.
                if r.staged.is_some() {
                    r.cold.0 = false;
                }
                let (map, lit) = std::mem::take(&mut r.cold);
                let warmed = (if map { r.screen.warm_up() } else { Ok(()) }).and_then(|_| {
                    if lit {
                        r.highlights.warm_up()
                    } else {
                        Ok(())
                    }
                });
                if let Err(e) = warmed {
                    log_failure(
                        "warming up a canvas",
                        Err(JsValue::from_str(&e.to_string())),
                    );
                }
            }
        }));
        let weak: Weak<Shared> = Rc::downgrade(&shared);
        *shared.timer.borrow_mut() = Some(Closure::new(move || {
            if let Some(s) = weak.upgrade() {
                s.settle_timer.set(None);
                let changed = s.runner.borrow_mut().app.settle();
                if changed {
                    s.request_frame();
                }
            }
        }));

        let weak: Weak<Shared> = Rc::downgrade(&shared);
        let listeners = install_input(&stage, &canvas, shared.cooperative.clone(), move |input| {
            if let Some(s) = weak.upgrade() {
                s.input(input);
            }
        })
        .map_err(|_| JsError::new("could not listen for input on the map's canvas"))?;

        let weak: Weak<Shared> = Rc::downgrade(&shared);
        let observer_cb =
            Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
                let Some(s) = weak.upgrade() else { return };
                if let Some(entry) = entries
                    .iter()
                    .last()
                    .and_then(|e| e.dyn_into::<ResizeObserverEntry>().ok())
                {
                    let rect = entry.content_rect();
                    s.resize(rect.width(), rect.height());
                }
            });
        let observer = ResizeObserver::new(observer_cb.as_ref().unchecked_ref())
            .map_err(|_| JsError::new("this browser has no ResizeObserver"))?;
        observer.observe(&canvas);
        // The observer fires once on observe(), which draws the first frame.

        *shared.handles.borrow_mut() = Some(Handles {
            _listeners: listeners,
            observer,
            _observer_cb: observer_cb,
        });
        LIVE.with(|live| live.borrow_mut().push(Rc::downgrade(&shared)));
        Ok(BridgeMap { shared })
    }

    /// Says how to draw from now on: off the main thread in the raster
    /// worker at `url` (`bridge-map-raster.js`, [`raster`]), or here when
    /// `url` is null or the worker cannot run (the console then says why).
    /// The shell calls it after the first frame, which is drawn here at one
    /// pixel per CSS pixel so that it comes sooner ([`Runner::soft`]); the
    /// sharp rendering follows, drawn where this says. Once only.
    #[wasm_bindgen(js_name = useRaster)]
    pub fn use_raster(&self, url: Option<String>) {
        if self.shared.worker.borrow().is_none() {
            if let Some(url) = url.filter(|u| !u.is_empty()) {
                self.shared.start_worker(&url);
            }
        }
        self.shared.runner.borrow_mut().sharpen();
        self.shared.request_frame();
    }

    /// `{x, y}` in CSS pixels from the map's top-left, or `null`.
    pub fn project(&self, lon: f64, lat: f64) -> JsValue {
        let r = self.shared.runner.borrow();
        r.app
            .project(LonLat::new(lon, lat))
            .map(|p| to_js(&p))
            .unwrap_or(JsValue::NULL)
    }

    /// `{lon, lat}` under a point, or `null` off the globe.
    pub fn unproject(&self, x: f64, y: f64) -> JsValue {
        let r = self.shared.runner.borrow();
        r.app
            .unproject(Screen::new(x, y))
            .map(|p| to_js(&p))
            .unwrap_or(JsValue::NULL)
    }

    /// The topmost feature at a point (of `kind`, if given), or `null`.
    pub fn pick(&self, x: f64, y: f64, kind: Option<String>) -> JsValue {
        let r = self.shared.runner.borrow();
        r.app
            .pick(Screen::new(x, y), kind.as_deref())
            .map(|f| to_js(&f))
            .unwrap_or(JsValue::NULL)
    }

    /// The view as `{lon, lat, zoom}`.
    #[wasm_bindgen(getter)]
    pub fn view(&self) -> JsValue {
        to_js(&self.shared.runner.borrow().app.view_state())
    }

    /// Moves to `{lon, lat, zoom}`; missing fields keep their current value.
    #[wasm_bindgen(setter = view)]
    pub fn set_view(&self, v: JsValue) -> Result<(), JsError> {
        let [lon, lat, zoom] =
            value::view(&v).map_err(|e| JsError::new(&format!("invalid view: {e}")))?;
        let needs = {
            let mut r = self.shared.runner.borrow_mut();
            let cur = r.app.view_state();
            let next = ViewState {
                lon: lon.unwrap_or(cur.lon),
                lat: lat.unwrap_or(cur.lat),
                zoom: zoom.unwrap_or(cur.zoom),
            };
            r.app
                .set_view_state(next)
                .map_err(|e| JsError::new(&e.to_string()))?
        };
        self.shared.apply(needs);
        Ok(())
    }

    /// Acts as if a DOM key (`"+"`, `"-"`, `"0"`, `"ArrowLeft"`, …) was
    /// pressed on the map; the zoom buttons use this. Returns false for keys
    /// the map does not use.
    pub fn press(&self, key: &str) -> bool {
        match crate::app::input::Key::from_dom(key) {
            Some(k) => {
                self.shared.input(Input::Key(k));
                true
            }
            None => false,
        }
    }

    /// Returns to the home view (what `0` and Home do).
    pub fn reset(&self) {
        let needs = self.shared.runner.borrow_mut().app.reset();
        self.shared.apply(needs);
    }

    /// Switches the language of names: `en`, `kk`, `kk-Latn` or `ru`, as
    /// the element's `langOf` gives it (a tag such as `kk-KZ` is the
    /// element's to read: `Lang::parse` is not carried in the wasm).
    #[wasm_bindgen(js_name = setLang)]
    pub fn set_lang(&self, tag: &str) -> Result<(), JsError> {
        let lang = Lang::from_word(tag).ok_or_else(|| {
            JsError::new(&format!(
                "unsupported language \"{tag}\": use {}",
                Lang::WORDS.join(", ")
            ))
        })?;
        let needs = self.shared.runner.borrow_mut().app.set_lang(lang);
        self.shared.apply(needs);
        Ok(())
    }

    /// Selects a country by id (or clears with `null`); returns the feature.
    pub fn select(&self, id: Option<String>) -> JsValue {
        let (f, needs) = self.shared.runner.borrow_mut().app.select_id(id.as_deref());
        self.shared.apply(needs);
        let detail = to_js(&f);
        self.shared.deliver(vec![("select", detail.clone())]);
        detail
    }

    /// The selected feature, or `null`.
    #[wasm_bindgen(getter)]
    pub fn selected(&self) -> JsValue {
        to_js(&self.shared.runner.borrow().app.selected())
    }

    /// Frame counters: `{frames, basemapRenders, dots, loadMs,
    /// lastBasemapMs, lastFrameMs, stages, detail, detailMs, fine, fineMs,
    /// raster, requests, workerMs, current, languages, texts}`.
    pub fn stats(&self) -> JsValue {
        let r = self.shared.runner.borrow();
        to_js(&Stats {
            dots: u32::try_from(r.dots.len()).unwrap_or(u32::MAX),
            detail: r.app.has_detail(),
            fine: r.app.has_fine(),
            languages: r.app.data_languages().iter().map(|l| l.as_str()).collect(),
            texts: r.app.has_texts(),
            current: r.current(),
            ..r.stats.clone()
        })
    }

    /// Where the full-detail geometry is, relative to the geometry file's
    /// URL, until it has been added; `undefined` when there is none.
    #[wasm_bindgen(js_name = detailUrl)]
    pub fn detail_url(&self) -> Option<String> {
        self.shared
            .runner
            .borrow()
            .app
            .detail_url()
            .map(str::to_owned)
    }

    /// Adds the full-detail geometry (the bytes of the file `detailUrl`
    /// names). Throws if it does not belong to this map's geometry; the map
    /// then keeps its coarse level.
    #[wasm_bindgen(js_name = addDetail)]
    pub fn add_detail(&self, bytes: &[u8]) -> Result<(), JsError> {
        self.add_geometry(bytes, "detailed", App::add_detail, |s| &mut s.detail_ms)
    }

    /// Where the fine geometry is, relative to the geometry file's URL,
    /// once the view is close enough to want it and until it has been
    /// added; `undefined` otherwise (the shell asks again as the view
    /// changes).
    #[wasm_bindgen(js_name = fineUrl)]
    pub fn fine_url(&self) -> Option<String> {
        self.shared
            .runner
            .borrow()
            .app
            .fine_url()
            .map(str::to_owned)
    }

    /// Adds the fine geometry (the bytes of the file `fineUrl` names).
    /// Throws if it does not fit this map's geometry; the map then keeps
    /// the full detail.
    #[wasm_bindgen(js_name = addFine)]
    pub fn add_fine(&self, bytes: &[u8]) -> Result<(), JsError> {
        self.add_geometry(bytes, "fine", App::add_fine, |s| &mut s.fine_ms)
    }

    /// Adds the bytes of a geometry file the base file names, timing the
    /// work into the counter `ms` picks.
    fn add_geometry(
        &self,
        bytes: &[u8],
        what: &str,
        add: fn(&mut App, &[u8]) -> Result<Needs, DataError>,
        ms: fn(&mut Stats) -> &mut f64,
    ) -> Result<(), JsError> {
        let needs = {
            let mut r = self.shared.runner.borrow_mut();
            let started = now_ms();
            let needs = add(&mut r.app, bytes)
                .map_err(|e| JsError::new(&format!("Could not add the {what} geometry: {e}.")))?;
            *ms(&mut r.stats) = now_ms() - started;
            needs
        };
        self.shared.apply(needs);
        Ok(())
    }

    /// Sets the overlay data: an object in the `data/bridge.json` format
    /// (the element parses JSON text and fetches URLs). Invalid data throws
    /// an error that lists the first problems with their paths; the overlay
    /// is then empty and the basemap keeps working. `null` removes it.
    #[wasm_bindgen(js_name = setData)]
    pub fn set_data(&self, data: JsValue) -> Result<(), JsError> {
        let result = if data.is_null() || data.is_undefined() {
            self.shared.runner.borrow_mut().app.clear_overlay();
            Ok(())
        } else {
            // What the walk refuses and what the validator finds read alike.
            value::json(&data)
                .and_then(|json| self.shared.runner.borrow_mut().app.set_overlay(&json))
                .map(|_| ())
        };
        self.shared.request_frame();
        result.map_err(|e| JsError::new(&e.to_string()))
    }

    /// Overlay features as `{kind, id, name, layer, lon?, lat?, mode?, status?, date?}`,
    /// all or of one kind (`corridor`, `node`, `event`), names in the current language.
    pub fn features(&self, kind: Option<String>) -> Result<JsValue, JsError> {
        let r = self.shared.runner.borrow();
        let kind = match kind.as_deref() {
            None => None,
            Some(k) => Some(Kind::parse(k).ok_or_else(|| {
                JsError::new(&format!(
                    "unknown kind \"{k}\": use corridor, node or event"
                ))
            })?),
        };
        let list = r
            .app
            .overlay()
            .map(|o| describe::features(&o.overlay, kind, r.app.lang()))
            .unwrap_or_default();
        Ok(to_js(&list))
    }

    /// Everything the info panel shows about a feature, or `null`.
    pub fn details(&self, id: &str) -> JsValue {
        let r = self.shared.runner.borrow();
        r.app
            .overlay()
            .and_then(|o| describe::details(o, &r.app.basemap, id, r.app.lang()))
            .map(|d| to_js(&d))
            .unwrap_or(JsValue::NULL)
    }

    /// The tour steps `{id, title, text, layers}` in the current language.
    pub fn tour(&self) -> JsValue {
        let r = self.shared.runner.borrow();
        to_js(
            &r.app
                .overlay()
                .map(|o| describe::tour(&o.overlay, r.app.lang()))
                .unwrap_or_default(),
        )
    }

    /// Goes to tour step `index` (0-based), or leaves the tour with `null`.
    /// With `fly` the map flies there (unless the visitor prefers reduced
    /// motion); without, it jumps, as a permalink does.
    #[wasm_bindgen(js_name = setStep)]
    pub fn set_step(&self, index: Option<u32>, fly: Option<bool>) {
        let step = index.map(|i| i as usize);
        let needs = {
            let mut r = self.shared.runner.borrow_mut();
            if fly == Some(true) {
                r.app.fly_to_step(step)
            } else {
                r.app.set_step(step)
            }
        };
        self.shared.apply(needs);
        self.shared.deliver_state_events();
    }

    /// The current tour step, or `undefined`.
    #[wasm_bindgen(getter)]
    pub fn step(&self) -> Option<u32> {
        self.shared.runner.borrow().app.step().map(|s| s as u32)
    }

    /// The shown layers, e.g. `["trade", "energy"]`.
    #[wasm_bindgen(getter)]
    pub fn layers(&self) -> JsValue {
        to_js(&self.shared.runner.borrow().app.layers().list())
    }

    /// Shows exactly these layers: `"trade,energy"` (the element joins a
    /// page's array, so the core never reads a page's object).
    #[wasm_bindgen(setter = layers)]
    pub fn set_layers(&self, text: &str) -> Result<(), JsError> {
        let parsed = Layers::parse(text).map_err(|w| {
            JsError::new(&format!(
                "unknown layer \"{w}\": use {}",
                Layer::WORDS.join(", ")
            ))
        })?;
        let needs = self.shared.runner.borrow_mut().app.set_layers(parsed);
        self.shared.apply(needs);
        Ok(())
    }

    /// The visitor switched one layer in the layers panel; the core then
    /// fires `layerschange` with the layers now shown.
    #[wasm_bindgen(js_name = toggleLayer)]
    pub fn toggle_layer(&self, layer: &str, on: bool) -> Result<(), JsError> {
        let layer = Layer::parse(layer).ok_or_else(|| {
            JsError::new(&format!(
                "unknown layer \"{layer}\": use {}",
                Layer::WORDS.join(", ")
            ))
        })?;
        let needs = self.shared.runner.borrow_mut().app.toggle_layer(layer, on);
        self.shared.apply(needs);
        self.shared.deliver_state_events();
        Ok(())
    }

    /// Turns flow animation on or off (off for `prefers-reduced-motion`).
    #[wasm_bindgen(js_name = setMotion)]
    pub fn set_motion(&self, on: bool) {
        let needs = self.shared.runner.borrow_mut().app.set_motion(on);
        self.shared.apply(needs);
    }

    /// The flow animation's state: `"playing"`, `"paused"` or `"off"`.
    #[wasm_bindgen(getter)]
    pub fn flow(&self) -> String {
        self.shared
            .runner
            .borrow()
            .app
            .flow_state()
            .as_str()
            .to_owned()
    }

    /// Plays (`true`) or pauses the flow animation, as the pause button or
    /// the host asks; a pause lasts until play is asked for.
    #[wasm_bindgen(js_name = setFlow)]
    pub fn set_flow(&self, play: bool) {
        let needs = self.shared.runner.borrow_mut().app.set_flow(play, now_ms());
        self.shared.apply(needs);
    }

    /// Seconds of running without interaction before the flow pauses;
    /// `null`, `0` or less never pause.
    #[wasm_bindgen(js_name = setFlowPause)]
    pub fn set_flow_pause(&self, seconds: Option<f64>) {
        let ms = seconds.filter(|s| *s > 0.0).map(|s| s * 1000.0);
        self.shared.runner.borrow_mut().app.set_flow_pause(ms);
        self.shared.sync_flow();
    }

    /// The visitor interacted with the map's panels or buttons (input on
    /// the map itself is seen by the core already): an idle pause ends.
    pub fn interacted(&self) {
        let needs = self.shared.runner.borrow_mut().app.activity(now_ms());
        self.shared.apply(needs);
    }

    /// `true` for the night palette, `false` for the day one.
    #[wasm_bindgen(js_name = setDark)]
    pub fn set_dark(&self, dark: bool) {
        let needs = self.shared.runner.borrow_mut().app.set_dark(dark);
        self.shared.apply(needs);
    }

    /// A non-interactive map ignores gestures and keys (a static figure).
    #[wasm_bindgen(js_name = setInteractive)]
    pub fn set_interactive(&self, on: bool) {
        self.shared.runner.borrow_mut().app.set_interactive(on);
    }

    /// Cooperative gestures for maps embedded in scrolling pages: a plain
    /// wheel and one finger scroll the page (a `hint` event says so);
    /// Ctrl/⌘ + wheel and two fingers move the map.
    #[wasm_bindgen(js_name = setCooperative)]
    pub fn set_cooperative(&self, on: bool) {
        self.shared.cooperative.set(on);
        self.shared.runner.borrow_mut().app.set_cooperative(on);
    }

    /// Highlights a feature as if hovered (the text twin has keyboard focus
    /// on it); `null` clears. Exported as `focusFeature` for the element.
    #[wasm_bindgen(js_name = focusFeature)]
    pub fn hover_feature(&self, id: Option<String>) -> JsValue {
        let (f, needs) = self.shared.runner.borrow_mut().app.hover_id(id.as_deref());
        self.shared.apply(needs);
        to_js(&f)
    }

    /// A representative `{lon, lat}` of a feature or country, or `null`.
    pub fn anchor(&self, id: &str) -> JsValue {
        to_js(&self.shared.runner.borrow().app.anchor(id))
    }

    /// Every source the overlay cites, for the About panel.
    pub fn sources(&self) -> JsValue {
        let r = self.shared.runner.borrow();
        to_js(
            &r.app
                .overlay()
                .map(|o| describe::all_sources(&o.overlay))
                .unwrap_or_default(),
        )
    }

    /// Draws the current view, with its highlights, into `canvas` at
    /// `scale` device pixels per CSS pixel (for PNG export).
    #[wasm_bindgen(js_name = renderTo)]
    pub fn render_to(&self, canvas: HtmlCanvasElement, scale: f64) -> Result<(), JsError> {
        let r = self.shared.runner.borrow();
        let vp = r.app.viewport();
        let draw = || -> Result<(), DrawError> {
            let mut surface = CanvasSurface::new(canvas)?;
            surface.resize(vp.width, vp.height, scale.clamp(0.5, 4.0))?;
            r.app.render_basemap(&mut surface)?;
            r.app.render_highlights(&mut surface)
        };
        draw().map_err(|e| JsError::new(&e.to_string()))
    }

    /// The screen's pixel ratio changed (the page zoomed, the window moved
    /// to another screen), which the resize observer does not report: the
    /// map is drawn again, sharp at the new ratio. The shell watches it.
    #[wasm_bindgen(js_name = ratioChanged)]
    pub fn ratio_changed(&self) {
        let size = self.shared.runner.borrow().size;
        if let Some((w, h, _)) = size {
            self.shared.resize(w, h);
        }
    }

    /// Tells the map whether it can be seen (on screen, in a page that is
    /// not hidden); unseen maps hold their flow still.
    #[wasm_bindgen(js_name = setVisible)]
    pub fn set_visible(&self, visible: bool) {
        let needs = self.shared.runner.borrow_mut().app.set_visible(visible);
        self.shared.apply(needs);
    }

    /// The strokes the legend shows: `[{key, color, width, dash}]`.
    pub fn legend(&self) -> JsValue {
        to_js(&describe::legend(&self.shared.runner.borrow().app.style))
    }

    /// Releases listeners, observer, timers and frame callbacks, and
    /// removes the flow dots and their animations. Safe to call twice;
    /// `free()` calls it too.
    pub fn destroy(&mut self) {
        self.shared.unsubscribe();
        if let Ok(mut r) = self.shared.runner.try_borrow_mut() {
            r.dots.clear();
        }
        let me = Rc::downgrade(&self.shared);
        LIVE.with(|live| {
            // Held only while a map is created or a panic drains it.
            if let Ok(mut live) = live.try_borrow_mut() {
                live.retain(|w| w.strong_count() > 0 && !w.ptr_eq(&me));
            }
        });
    }
}

/// For the browser tests only (debug builds; a release build has no such
/// export): a panic inside the module, as a bug mid-frame would raise,
/// with this map's state held.
#[cfg(debug_assertions)]
#[wasm_bindgen]
impl BridgeMap {
    /// Panics while holding this map's runner.
    #[wasm_bindgen(js_name = panicForTest)]
    pub fn panic_for_test(&self) {
        let _held = self.shared.runner.borrow_mut();
        panic!("a panic forced by a test");
    }
}

impl Drop for BridgeMap {
    fn drop(&mut self) {
        self.destroy();
    }
}
