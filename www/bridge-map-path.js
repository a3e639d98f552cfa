// The canvas helpers of src/web/canvas.rs (CanvasSurface).
//
// tracePath replays a path the core recorded on a 2D context in one call.
// The basemap has tens of thousands of vertices: one call across the
// Wasm/JS boundary per path instead of one per vertex. The op codes are
// CanvasSurface's; keep the two in step.
//
// rasterise makes the browser rasterise an OffscreenCanvas's drawing now.

const MOVE = 0;
const LINE = 1;
const CLOSE = 2;
const CIRCLE = 3;

/**
 * Begins a new path on `ctx` and adds the recorded segments: `ops` holds
 * `MOVE x y`, `LINE x y`, `CLOSE` and `CIRCLE x y r` entries back to back.
 * @param {CanvasRenderingContext2D} ctx
 * @param {Float64Array} ops
 */
export function tracePath(ctx, ops) {
  ctx.beginPath();
  const n = ops.length;
  let i = 0;
  while (i < n) {
    switch (ops[i]) {
      case MOVE: ctx.moveTo(ops[i + 1], ops[i + 2]); i += 3; break;
      case LINE: ctx.lineTo(ops[i + 1], ops[i + 2]); i += 3; break;
      case CLOSE: ctx.closePath(); i += 1; break;
      case CIRCLE: {
        const x = ops[i + 1], y = ops[i + 2], r = ops[i + 3];
        ctx.moveTo(x + r, y);
        ctx.arc(x, y, r, 0, 2 * Math.PI);
        ctx.closePath();
        i += 4;
        break;
      }
      default: throw new Error(`tracePath: unknown op ${ops[i]} at ${i}`);
    }
  }
}

// clipPath saves ctx's state and clips to the path in ops (even–odd);
// unclip restores the state (the current path stays).
export function clipPath(ctx, ops) {
  ctx.save();
  tracePath(ctx, ops);
  ctx.clip("evenodd");
}
export function unclip(ctx) {
  ctx.restore();
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
