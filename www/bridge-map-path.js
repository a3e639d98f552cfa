// Replays a path the core recorded (src/web/canvas.rs, CanvasSurface) on a
// 2D context in one call. The basemap has tens of thousands of vertices:
// one call across the Wasm/JS boundary per path instead of one per vertex.
// The op codes are CanvasSurface's; keep the two in step.

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
