// The canvas helpers of src/web/canvas.rs (CanvasSurface) and the raster
// worker (www/bridge-map-raster.js): one replay of the core's display lists
// (src/paint/display_list.rs) on a 2D context, wherever it is drawn.
//
// The core writes a drawing down as op codes and numbers, its strings
// (colours, fonts, texts) joined; replay draws it in one call. The basemap
// has tens of thousands of vertices: one call across the Wasm/JS boundary
// per painted path, or per rendering in the worker, not one per vertex or
// per canvas setting. The op codes are the core's, written below from it.
//
// rasterise makes the browser rasterise an OffscreenCanvas's drawing now.

// wasm-bindgen copies this file alone into pkg/snippets/, so it imports
// nothing: the codes are written here, between the markers, by
// tests/vocabulary.rs (`UPDATE_VOCABULARY=1 cargo test --test vocabulary`),
// which fails while they differ from the core.
// BEGIN DRAW_OPS (generated from src/paint/display_list.rs: do not edit)
export const DRAW_OPS = Object.freeze({
  move: 0,
  line: 1,
  close: 2,
  circle: 3,
  begin: 4,
  fill: 5,
  stroke: 6,
  clip: 7,
  unclip: 8,
  clear: 9,
  text: 10,
});
/** How many numbers follow each op code, by code. */
export const DRAW_OP_SIZES = Object.freeze([2, 2, 0, 3, 0, 1, 5, 0, 0, 1, 6]);
// END DRAW_OPS

const OP = DRAW_OPS;
const SIZE = DRAW_OP_SIZES;

/**
 * Draws a display list on `c`, whose transform maps CSS pixels to device
 * pixels; `cssW`×`cssH` is the canvas in CSS pixels (for a clear). Follows
 * the core's Surface calls exactly: the current path and the state carry
 * over from one call to the next, as on any 2D context.
 * @param {CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D} c
 * @param {Float64Array} ops
 * @param {string} joined  the list's strings, each ended by a NUL
 */
export function replay(c, ops, joined, cssW, cssH) {
  const strings = joined ? joined.split("\0") : [];
  const n = ops.length;
  let i = 0;
  while (i < n) {
    const op = ops[i];
    const size = SIZE[op];
    if (size === undefined) throw new Error(`no draw op has the code ${op} (at ${i})`);
    if (i + size >= n) throw new Error(`the draw op at ${i} is cut short`);
    const a = i + 1;
    switch (op) {
      case OP.move: c.moveTo(ops[a], ops[a + 1]); break;
      case OP.line: c.lineTo(ops[a], ops[a + 1]); break;
      case OP.close: c.closePath(); break;
      case OP.circle: {
        const x = ops[a], y = ops[a + 1], r = ops[a + 2];
        c.moveTo(x + r, y);
        c.arc(x, y, r, 0, 2 * Math.PI);
        c.closePath();
        break;
      }
      case OP.begin: c.beginPath(); break;
      case OP.fill: c.fillStyle = strings[ops[a]]; c.fill(); break;
      case OP.stroke: {
        c.strokeStyle = strings[ops[a]];
        c.lineWidth = ops[a + 1];
        const round = ops[a + 2] === 0;
        c.lineJoin = round ? "round" : "bevel";
        c.lineCap = round ? "round" : "butt";
        c.setLineDash(ops[a + 3] > 0 ? [ops[a + 3], ops[a + 4]] : []);
        c.stroke();
        break;
      }
      case OP.clip: c.save(); c.clip("evenodd"); break;
      case OP.unclip: c.restore(); break;
      case OP.clear: c.fillStyle = strings[ops[a]]; c.fillRect(0, 0, cssW, cssH); break;
      case OP.text: {
        const text = strings[ops[a]], x = ops[a + 1], y = ops[a + 2];
        setFont(c, strings[ops[a + 3]]);
        c.textAlign = "center";
        c.textBaseline = "middle";
        if (ops[a + 5] >= 0) {
          c.strokeStyle = strings[ops[a + 5]];
          c.lineWidth = 3;
          c.lineJoin = "round";
          c.strokeText(text, x, y);
        }
        c.fillStyle = strings[ops[a + 4]];
        c.fillText(text, x, y);
        break;
      }
    }
    i = a + size;
  }
}

/** The font each context was last given: setting the same again would
 *  have the browser parse it again, once per label. */
const fonts = new WeakMap();
function setFont(c, font) {
  if (fonts.get(c) !== font) {
    c.font = font;
    fonts.set(c, font);
  }
}

/** Clears `c`'s state (a clip a failed drawing left saved, its font). */
export function resetContext(c) {
  c.reset?.();
  fonts.delete(c);
}

/**
 * True when the browser took `c` away (a GPU reset, memory pressure): what
 * was drawn on its canvas is gone. A browser that cannot tell says false.
 */
export function isLost(c) {
  return c.isContextLost?.() === true;
}

/** Width of `text` in `font` (CSS pixels) on `c`. */
export function measureText(c, font, text) {
  setFont(c, font);
  return c.measureText(text).width;
}

/** Sets `c`'s transform to `dpr` device pixels per unit. */
export function scaleTo(c, dpr) {
  c.setTransform(dpr, 0, 0, dpr, 0, 0);
}

/** Makes `c`'s canvas transparent; its transform is then `dpr`. */
export function clearAll(c, dpr) {
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.clearRect(0, 0, c.canvas.width, c.canvas.height);
  scaleTo(c, dpr);
}

/**
 * Makes the browser give an OffscreenCanvas its next bitmap now (a pixel
 * cleared), between frames: after a hand-over the first drawing allocates
 * one.
 */
export function warmUp(c, dpr) {
  c.setTransform(1, 0, 0, 1, 0, 0);
  c.clearRect(0, 0, 1, 1);
  scaleTo(c, dpr);
}

/**
 * Makes the browser rasterise what was drawn on `canvas` so far, now, and
 * keeps nothing: Chromium records canvas calls and rasterises them only
 * when the pixels are needed. A snapshot needs them; unlike reading a
 * pixel back it stalls no GPU and draws no console warning. The snapshot
 * is closed as soon as it exists, so the next drawing copies nothing.
 * @param {OffscreenCanvas} canvas
 */
export function rasterise(canvas) {
  createImageBitmap(canvas).then((b) => b.close(), () => {});
}

// The raster worker's plumbing (src/web/raster.rs): start it, post it a
// request, stop it. The worker is www/bridge-map-raster.js (bundled into
// pkg/ by tools/package.mjs).

/**
 * How long a request may take before the worker is given up: a rendering
 * takes 30–100 ms on a desktop and a few hundred on a slow phone; a worker
 * silent this long is stuck, and a map waiting on it would stay frozen.
 */
const RASTER_TIMEOUT_MS = 5000;
/** Each worker's `{fail, timer}`: how to give it up, and its clock. */
const workers = new WeakMap();

/**
 * Starts the raster worker at `url`; `onReply(id, map, lit, ms, error)`
 * hears each answer: two ImageBitmaps (or null) and the worker's ms, or an
 * error message after which the worker is stopped (and the console told).
 * @param {string} url
 * @param {(id: number, map: ImageBitmap | null, lit: ImageBitmap | null, ms: number, error: string | null) => void} onReply
 */
export function rasterStart(url, onReply) {
  const worker = new Worker(url, { type: "module" });
  const fail = (why) => {
    rasterStop(worker);
    console.warn(`bridge-map: drawing off the main thread failed (${why}); drawing on the main thread instead`);
    onReply(0, null, null, NaN, why);
  };
  worker.onmessage = (e) => {
    clearTimeout(workers.get(worker)?.timer);
    const d = e.data || {};
    if (d.error != null || typeof d.id !== "number") fail(d.error != null ? String(d.error) : "it sent a message that is not a rendering");
    else onReply(d.id >>> 0, d.map || null, d.lit || null, Number(d.ms), null);
  };
  // A script that did not load or threw: kept from the page's error
  // handlers, and the map draws on the main thread instead.
  worker.onerror = (e) => {
    e.preventDefault();
    fail(e.message || "its script did not load or run");
  };
  workers.set(worker, { fail, timer: 0 });
  return worker;
}

/**
 * Posts one request: each drawing as {ops, strings}, the ops copied out of
 * wasm memory and moved, not copied again; `strings` arrive each ended by
 * a NUL. Without `map`, only the highlights are drawn.
 */
export function rasterPost(worker, id, width, height, dpr, map, mapOps, mapStrings, litOps, litStrings) {
  const transfer = [];
  const drawing = (ops, strings) => {
    const copy = ops.slice();
    transfer.push(copy.buffer);
    return { ops: copy, strings };
  };
  const message = { id, width, height, dpr, map: map ? drawing(mapOps, mapStrings) : null, lit: drawing(litOps, litStrings) };
  worker.postMessage(message, transfer);
  const state = workers.get(worker);
  if (state) state.timer = setTimeout(() => state.fail("no rendering came back in time"), RASTER_TIMEOUT_MS);
}

/** Stops the raster worker and drops its handlers. */
export function rasterStop(worker) {
  clearTimeout(workers.get(worker)?.timer);
  worker.onmessage = worker.onerror = null;
  worker.terminate();
}
