//! Layer 7, web: the raster worker, which draws the basemap off the main
//! thread.
//!
//! In software raster (most phones' browsers in power-saving mode, every
//! CI machine) turning a rendering's paths into 2560×1600 pixels costs
//! tens of milliseconds, and the first drawing after a hand-over allocates
//! a fresh bitmap, which costs as much again. Both happen on the thread
//! that draws. So the main thread only writes the rendering down (a
//! [`DisplayList`]: paths, colours, labels) and posts it, its numbers
//! transferred, not copied, to `www/bridge-map-raster.js`, which replays
//! it on an `OffscreenCanvas` of its own and posts back an `ImageBitmap`,
//! shown through the map canvas's `bitmaprenderer` context. The
//! highlights go the same way, on a second canvas of the worker's, with
//! each rendering or alone: so the main thread never holds a bitmap of the
//! map's size. The frame planner ([`crate::app::frame`]) decides when to
//! ask and when to show.
//!
//! A worker that cannot start (a host's CSP without `worker-src`, a
//! browser without `OffscreenCanvas` in workers), that fails, or that does
//! not answer within 5 seconds is given up (the JS side keeps the clock
//! and tells the console why): the map then draws on the main thread, as
//! it does without one.

use crate::paint::display_list::DisplayList;
use crate::paint::surface::DrawError;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::ImageBitmap;

// The worker's plumbing is a few lines of JS beside the path helper: from
// here it is three calls, which keeps the wasm small.
#[wasm_bindgen(module = "/www/bridge-map-path.js")]
extern "C" {
    /// Starts the module worker at `url`; `on_reply(id, map, lit, ms,
    /// error)` hears each answer (an `error` string on failure).
    #[wasm_bindgen(js_name = rasterStart, catch)]
    fn raster_start(url: &str, on_reply: &js_sys::Function) -> Result<JsValue, JsValue>;

    /// Posts one request: the ops are copied out of wasm memory and moved
    /// to the worker; each drawing's strings come each ended by a NUL
    /// ([`DisplayList::joined_strings`]). Without `map`, its ops are empty
    /// and only the highlights are drawn.
    #[wasm_bindgen(js_name = rasterPost, catch)]
    #[allow(clippy::too_many_arguments)]
    fn raster_post(
        worker: &JsValue,
        id: u32,
        width: u32,
        height: u32,
        dpr: f64,
        map: bool,
        map_ops: &[f64],
        map_strings: &str,
        lit_ops: &[f64],
        lit_strings: &str,
    ) -> Result<(), JsValue>;

    /// Stops the worker and drops its handlers.
    #[wasm_bindgen(js_name = rasterStop)]
    fn raster_stop(worker: &JsValue);
}

/// What the worker answered.
pub enum Reply {
    /// The drawings asked for as `id`, drawn.
    Drawn {
        /// The request's number.
        id: u32,
        /// The basemap's pixels, when a rendering was asked for.
        map: Option<ImageBitmap>,
        /// The highlights' pixels; `None` when there were none to draw.
        lit: Option<ImageBitmap>,
        /// The worker's ms for them (replay and raster).
        ms: f64,
    },
    /// The worker could not draw, failed altogether or did not answer in
    /// time (the console has been told why).
    Failed,
}

/// The JS callback a worker's answers arrive on.
type ReplyCallback = Closure<dyn FnMut(u32, JsValue, JsValue, f64, JsValue)>;

/// A running raster worker.
pub struct RasterWorker {
    worker: JsValue,
    next_id: u32,
    _on_reply: ReplyCallback,
}

impl RasterWorker {
    /// Starts the worker script at `url` (a module worker); `on_reply`
    /// hears every answer. Fails when the browser refuses the worker at
    /// once (a CSP blocks it, or the URL is invalid); a refusal that comes
    /// later arrives as [`Reply::Failed`].
    pub fn start(url: &str, on_reply: Box<dyn Fn(Reply)>) -> Result<RasterWorker, JsValue> {
        let callback = ReplyCallback::new(
            move |id: u32, map: JsValue, lit: JsValue, ms: f64, error: JsValue| {
                on_reply(match error.is_null() {
                    false => Reply::Failed,
                    true => Reply::Drawn {
                        id,
                        map: map.dyn_into().ok(),
                        lit: lit.dyn_into().ok(),
                        ms,
                    },
                });
            },
        );
        let worker = raster_start(url, callback.as_ref().unchecked_ref())?;
        Ok(RasterWorker {
            worker,
            next_id: 0,
            _on_reply: callback,
        })
    }

    /// A handle on the worker, to stop it from outside (teardown).
    pub fn handle(&self) -> JsValue {
        self.worker.clone()
    }

    /// Posts `map` (when a rendering is wanted) and `lit` (the
    /// highlights, maybe empty) to be drawn on `width`×`height` canvases
    /// at `dpr` device pixels per CSS pixel; returns the request's number,
    /// which its [`Reply::Drawn`] carries.
    pub fn request(
        &mut self,
        map: Option<&DisplayList>,
        lit: &DisplayList,
        width: u32,
        height: u32,
        dpr: f64,
    ) -> Result<u32, DrawError> {
        self.next_id = self.next_id.wrapping_add(1);
        let id = self.next_id;
        raster_post(
            &self.worker,
            id,
            width,
            height,
            dpr,
            map.is_some(),
            map.map_or(&[], DisplayList::ops),
            &map.map(DisplayList::joined_strings).unwrap_or_default(),
            lit.ops(),
            &lit.joined_strings(),
        )
        .map_err(|e| DrawError::Canvas {
            call: "postMessage",
            message: e.as_string().unwrap_or_else(|| "it threw".to_owned()),
        })?;
        Ok(id)
    }
}

/// Stops a worker by its handle (teardown, even mid-frame).
pub fn stop(worker: &JsValue) {
    raster_stop(worker);
}

impl Drop for RasterWorker {
    fn drop(&mut self) {
        raster_stop(&self.worker);
    }
}
