// The raster worker (src/web/raster.rs): draws the core's display lists
// off the main thread.
//
// The main thread writes a rendering and its highlights down
// (src/paint/display_list.rs) and posts {id, width, height, dpr, map, lit},
// each drawing {ops, strings} (map null when only the highlights changed;
// strings joined, each ended by a NUL);
// this worker replays each on an OffscreenCanvas of its own and posts back
// {id, map, lit, ms}, the bitmaps transferred, not copied (null for an
// empty drawing). Any failure is posted as {id, error}:
// the map then draws on the main thread. Replaying follows the canvas
// adapter (src/web/canvas.rs) call for call, so a rendering looks the same
// whichever thread drew it. Op codes: DRAW_OPS, written from the core
// into bridge-map-path.js.

import { isLost, replay, resetContext } from "./bridge-map-path.js";

/** The worker's canvases, by drawing: the basemap's and the highlights'. */
const canvases = { map: null, lit: null };

/**
 * Draws one `{ops, strings}` drawing on the worker's canvas `name` and
 * returns its pixels, or null when the drawing is empty. `again` is set on
 * the second try, after the first canvas was lost.
 */
function draw(name, drawing, width, height, dpr, again = false) {
  if (!drawing.ops.length) return null;
  let c = canvases[name];
  if (!c) {
    const canvas = new OffscreenCanvas(width, height);
    c = canvases[name] = canvas.getContext("2d");
    if (!c) throw new Error("the worker's canvas has no 2D context");
  }
  if (c.canvas.width !== width) c.canvas.width = width;
  if (c.canvas.height !== height) c.canvas.height = height;
  resetContext(c);
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
  replay(c, drawing.ops, drawing.strings, width / dpr, height / dpr);
  if (isLost(c)) {
    // The browser took the canvas away while it was drawn on (a GPU reset,
    // memory pressure): the drawing went with it, and the context comes
    // back only if the browser chooses. Once more on a fresh canvas; lost
    // twice running, the worker fails and the map draws on the main thread.
    canvases[name] = null;
    if (again) throw new Error("the worker's canvas was lost twice running");
    return draw(name, drawing, width, height, dpr, true);
  }
  const bitmap = c.canvas.transferToImageBitmap();
  // The next drawing needs a fresh bitmap: allocate it now, between
  // requests, off the main thread.
  setTimeout(() => c.clearRect(0, 0, 1, 1), 0);
  return bitmap;
}

self.onmessage = (e) => {
  const { id, width, height, dpr, map, lit } = e.data;
  try {
    const started = performance.now();
    const out = { id, map: map ? draw("map", map, width, height, dpr) : null, lit: draw("lit", lit, width, height, dpr) };
    out.ms = performance.now() - started;
    self.postMessage(out, [out.map, out.lit].filter(Boolean));
  } catch (err) {
    self.postMessage({ id, error: String((err && err.message) || err) });
  }
};
