// Permalinks: the URL hash holds the map's state, e.g.
//   #v=71.45,51.18,5.2&l=trade,energy&lang=kk&sel=titr&step=2
// A map opts in with the `permalink` attribute (the full page does; embeds
// stay out of their host's URL unless asked).

const round = (x, d) => Number(x.toFixed(d));

/** The state stored in a hash string. */
export function parseHash(hash) {
  const p = new URLSearchParams(String(hash).replace(/^#/, ""));
  const out = {};
  // The view and layers as written: the map says what is wrong with them.
  const v = p.get("v")?.split(",").map((x) => (x.trim() === "" ? NaN : Number(x)));
  if (v) out.view = { lon: v[0], lat: v[1], zoom: v[2] };
  if (p.has("l")) out.layers = p.get("l");
  if (p.get("lang")) out.lang = p.get("lang");
  if (p.get("sel")) out.sel = p.get("sel");
  const step = Number(p.get("step"));
  if (Number.isInteger(step) && step > 0) out.step = step;
  return out;
}

/** A hash string for a state (a `lang` of null means the page's own
 *  language); keys the map does not own are kept. */
export function formatHash(state, existing = "") {
  const p = new URLSearchParams(String(existing).replace(/^#/, ""));
  const set = (k, v) => (v == null || v === "" ? p.delete(k) : p.set(k, v));
  set("v", state.view ? `${round(state.view.lon, 3)},${round(state.view.lat, 3)},${round(state.view.zoom, 2)}` : null);
  set("l", state.layers ? state.layers.join(",") : null);
  set("lang", state.lang || null);
  set("sel", state.sel);
  set("step", state.step ? String(state.step) : null);
  return p.toString();
}
