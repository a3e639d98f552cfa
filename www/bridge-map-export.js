// "Download PNG": the current view at 2×, with a title, the legend and the
// attribution drawn on, as a person would want to paste it into a slide.

import { VOCABULARY } from "./bridge-map-vocabulary.js";

/** One legend row's stroke over its casing, as the canvas draws the route. */
function drawSwatch(ctx, s, x, y, casing) {
  ctx.save();
  ctx.lineCap = "round";
  ctx.strokeStyle = casing;
  ctx.lineWidth = s.width + 2;
  ctx.setLineDash([]);
  ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 30, y); ctx.stroke();
  ctx.strokeStyle = s.color;
  ctx.lineWidth = s.width;
  ctx.setLineDash(s.dash[0] > 0 ? s.dash : []);
  ctx.beginPath(); ctx.moveTo(x, y); ctx.lineTo(x + 30, y); ctx.stroke();
  ctx.restore();
}

/**
 * Renders the map into a new canvas at `scale` and decorates it.
 * @returns {Promise<Blob>}
 */
export async function exportPng(map, { width, height, scale = 2, t, legend, dark }) {
  const canvas = document.createElement("canvas");
  map.renderTo(canvas, scale);
  const ctx = canvas.getContext("2d");
  ctx.setTransform(scale, 0, 0, scale, 0, 0);
  // The map renderer leaves its own text settings behind (centred labels).
  ctx.textAlign = "left";
  ctx.setLineDash([]);
  const font = (weight, size) => `${weight} ${size}px ${VOCABULARY.fontFamilies}`;
  const panel = dark ? "rgba(16,24,31,0.92)" : "rgba(255,255,255,0.92)";
  const palette = VOCABULARY.palette[dark ? "dark" : "light"];
  const ink = palette["node-stroke"];

  // Title, top left.
  ctx.font = font(700, 20);
  const tw = ctx.measureText(t.pngTitle).width;
  ctx.fillStyle = panel;
  ctx.fillRect(12, 12, tw + 28, 40);
  ctx.fillStyle = ink;
  ctx.textBaseline = "middle";
  ctx.fillText(t.pngTitle, 26, 32);

  // Legend, bottom left.
  const rows = legend.filter((s) => t.legend[s.key]);
  ctx.font = font(500, 12);
  const lw = Math.max(...rows.map((s) => ctx.measureText(t.legend[s.key]).width)) + 60;
  const lh = rows.length * 18 + 34;
  const ly = height - lh - 30;
  ctx.fillStyle = panel;
  ctx.fillRect(12, ly, lw, lh);
  ctx.fillStyle = ink;
  ctx.font = font(700, 12);
  ctx.fillText(t.legendTitle, 24, ly + 14);
  ctx.font = font(500, 12);
  rows.forEach((s, i) => {
    const y = ly + 34 + i * 18;
    drawSwatch(ctx, s, 24, y, palette.casing);
    ctx.fillStyle = ink;
    ctx.fillText(t.legend[s.key], 62, y);
  });

  // Attribution, bottom right.
  ctx.font = font(500, 11);
  const aw = ctx.measureText(t.attribution).width + 12;
  ctx.fillStyle = panel;
  ctx.fillRect(width - aw, height - 18, aw, 18);
  ctx.fillStyle = ink;
  ctx.fillText(t.attribution, width - aw + 6, height - 9);

  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
}
