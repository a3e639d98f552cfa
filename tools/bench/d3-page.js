// The d3-geo reference map for tools/bench/bench.mjs: Natural Earth 50m
// countries (world-atlas, the same source as data/countries-50m.bmap,
// Antarctica left out as the map leaves it out), the map's projection
// (d3.geoConicEqualArea().parallels([30, 60]).rotate([-75, 0]).center([0, 45]),
// which tests/projection.rs checks against ours) and the map's zoom scale
// (one Earth radius = 256·2^z/2π CSS px), drawn into a canvas at device
// resolution. Every view change re-projects and redraws everything on the
// next animation frame, as a page built on d3-geo does.
//
// It mimics the parts of <bridge-map>'s API the benchmark drives:
// el.ready, el.view (get/set {lon, lat, zoom}), el.step, el.project(),
// el.stats.frames, and drag, wheel, pinch and keys (+/- and arrows). A tour
// step flies as <bridge-map>'s does (src/app/flight.rs): d3's own
// interpolateZoom path (van Wijk and Nuij, ρ = √2), the same duration rule
// and cubic easing, so the benchmark compares the same frames.
"use strict";
(function () {
  const canvas = document.getElementById("map");
  const ctx = canvas.getContext("2d");
  const KEY_PAN_PX = 96; // as src/app/input.rs
  const MIN_ZOOM = 1, MAX_ZOOM = 9;
  const unit = d3.geoConicEqualArea().parallels([30, 60]).rotate([-75, 0]).center([0, 45]).scale(1).translate([0, 0]);
  const projection = d3.geoConicEqualArea().parallels([30, 60]).rotate([-75, 0]).center([0, 45]);
  const path = d3.geoPath(projection, ctx);
  const scaleFor = (z) => 256 * Math.pow(2, z) / (2 * Math.PI);

  let countries = [], borders = null, coast = null, tour = [];
  // The view: the centre on the unit plane (d3's y axis points down) and a zoom.
  let cx = 0, cy = 0, zoom = 3;
  let frames = 0, pending = false, width = 1, height = 1, dpr = 1;
  const stats = { frames: 0, basemapRenders: 0, lastFrameMs: 0, lastBasemapMs: 0 };

  function resize() {
    dpr = window.devicePixelRatio || 1;
    width = canvas.clientWidth; height = canvas.clientHeight;
    canvas.width = Math.round(width * dpr); canvas.height = Math.round(height * dpr);
    request();
  }

  function request() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(draw);
  }

  function draw() {
    pending = false;
    const t0 = performance.now();
    const s = scaleFor(zoom);
    projection.scale(s).translate([width / 2 - cx * s, height / 2 - cy * s]);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = "#dfe9f1";
    ctx.fillRect(0, 0, width, height);
    for (const f of countries) {
      ctx.beginPath();
      path(f);
      ctx.fillStyle = f.id === "398" ? "#e7c46a" : "#f3efe6";
      ctx.fill();
    }
    ctx.lineJoin = "round";
    ctx.beginPath(); path(borders);
    ctx.strokeStyle = "#9a9387"; ctx.lineWidth = 0.6; ctx.stroke();
    ctx.beginPath(); path(coast);
    ctx.strokeStyle = "#7f97aa"; ctx.lineWidth = 0.8; ctx.stroke();
    frames++;
    stats.frames = frames; stats.basemapRenders = frames;
    stats.lastFrameMs = stats.lastBasemapMs = performance.now() - t0;
  }

  const clampZoom = (z) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, z));
  function pan(dx, dy) {
    const s = scaleFor(zoom);
    cx -= dx / s; cy -= dy / s;
    request();
  }
  function zoomAround(z, ax, ay) {
    z = clampZoom(z);
    const s0 = scaleFor(zoom), s1 = scaleFor(z);
    const wx = (ax - width / 2) / s0 + cx, wy = (ay - height / 2) / s0 + cy;
    cx = wx - (ax - width / 2) / s1; cy = wy - (ay - height / 2) / s1;
    zoom = z;
    request();
  }
  function setView(v) {
    flight = null;
    if (typeof v.zoom === "number") zoom = clampZoom(v.zoom);
    if (typeof v.lon === "number" && typeof v.lat === "number") {
      const p = unit([v.lon, v.lat]);
      if (p) { cx = p[0]; cy = p[1]; }
    }
    request();
  }

  // Pointers: one drags, two pinch (zoom by the change of their distance
  // around their midpoint, and pan by its movement).
  const pointers = new Map();
  const mid = () => { const [a, b] = [...pointers.values()]; return { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2, d: Math.hypot(a.x - b.x, a.y - b.y) }; };
  canvas.addEventListener("pointerdown", (e) => { canvas.setPointerCapture(e.pointerId); pointers.set(e.pointerId, { x: e.offsetX, y: e.offsetY }); });
  canvas.addEventListener("pointermove", (e) => {
    const p = pointers.get(e.pointerId);
    if (!p) return;
    if (pointers.size === 1) {
      pan(e.offsetX - p.x, e.offsetY - p.y);
      p.x = e.offsetX; p.y = e.offsetY;
    } else if (pointers.size === 2) {
      const m0 = mid();
      p.x = e.offsetX; p.y = e.offsetY;
      const m1 = mid();
      if (m0.d > 0 && m1.d > 0) zoomAround(zoom + Math.log2(m1.d / m0.d), m0.x, m0.y);
      pan(m1.x - m0.x, m1.y - m0.y);
    }
  });
  const up = (e) => pointers.delete(e.pointerId);
  canvas.addEventListener("pointerup", up);
  canvas.addEventListener("pointercancel", up);
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    const px = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaY;
    zoomAround(zoom - px / 500, e.offsetX, e.offsetY);
  }, { passive: false });
  canvas.addEventListener("keydown", (e) => {
    const k = e.key;
    if (k === "+" || k === "=") zoomAround(zoom + 1, width / 2, height / 2);
    else if (k === "-" || k === "_") zoomAround(zoom - 1, width / 2, height / 2);
    else if (k === "ArrowLeft") pan(KEY_PAN_PX, 0);
    else if (k === "ArrowRight") pan(-KEY_PAN_PX, 0);
    else if (k === "ArrowUp") pan(0, KEY_PAN_PX);
    else if (k === "ArrowDown") pan(0, -KEY_PAN_PX);
    else return;
    e.preventDefault();
  });
  new ResizeObserver(resize).observe(canvas);

  // d3.interpolateZoom (d3-interpolate/src/zoom.js), on [centre x, centre y,
  // width of the view] in unit-plane units.
  const RHO = Math.SQRT2;
  function interpolateZoom(p0, p1) {
    const [ux0, uy0, w0] = p0, [ux1, uy1, w1] = p1;
    const dx = ux1 - ux0, dy = uy1 - uy0, d2 = dx * dx + dy * dy;
    let S, i;
    if (d2 < 1e-12) {
      S = Math.log(w1 / w0) / RHO;
      i = (t) => [ux0 + t * dx, uy0 + t * dy, w0 * Math.exp(RHO * t * S)];
    } else {
      const d1 = Math.sqrt(d2), r2 = RHO * RHO, r4 = r2 * r2;
      const b0 = (w1 * w1 - w0 * w0 + r4 * d2) / (2 * w0 * r2 * d1);
      const b1 = (w1 * w1 - w0 * w0 - r4 * d2) / (2 * w1 * r2 * d1);
      const r0 = Math.log(Math.sqrt(b0 * b0 + 1) - b0), r1 = Math.log(Math.sqrt(b1 * b1 + 1) - b1);
      S = (r1 - r0) / RHO;
      i = (t) => {
        const s = t * S, u = w0 / (r2 * d1) * (Math.cosh(r0) * Math.tanh(RHO * s + r0) - Math.sinh(r0));
        return [ux0 + u * dx, uy0 + u * dy, w0 * Math.cosh(r0) / Math.cosh(RHO * s + r0)];
      };
    }
    i.length_ = Math.abs(S);
    return i;
  }
  const ease = (t) => (t < 0.5 ? 4 * t * t * t : 1 - Math.pow(-2 * t + 2, 3) / 2);
  let flight = null;
  function fly(v) {
    const p = unit([v.lon, v.lat]);
    if (!p) return;
    const span = Math.max(width, height);
    const i = interpolateZoom([cx, cy, span / scaleFor(zoom)], [p[0], p[1], span / scaleFor(v.zoom)]);
    // As MS_PER_UNIT, MIN_FLIGHT_MS and MAX_FLIGHT_MS in src/app/flight.rs.
    flight = { i, end: v, ms: Math.min(2000, Math.max(800, i.length_ * 1000)), t0: null };
    requestAnimationFrame(stepFlight);
  }
  function stepFlight(now) {
    const f = flight;
    if (!f) return;
    if (f.t0 === null) f.t0 = now - 1000 / 60;
    const t = (now - f.t0) / f.ms;
    if (t >= 1) {
      flight = null;
      setView(f.end);
      return;
    }
    const [x, y, w] = f.i(ease(t));
    cx = x; cy = y; zoom = clampZoom(Math.log2(Math.max(width, height) / w / scaleFor(0)));
    request();
    requestAnimationFrame(stepFlight);
  }

  let step = null;
  Object.defineProperties(canvas, {
    view: {
      get() { const ll = unit.invert([cx, cy]); return { lon: ll[0], lat: ll[1], zoom }; },
      set(v) { setView(v || {}); },
    },
    // A tour step flies to the step's view from data/bridge.json, as
    // <bridge-map> does (unless the visitor prefers reduced motion).
    step: {
      get() { return step; },
      set(n) {
        const s = tour[Number(n) - 1];
        step = s ? Number(n) : null;
        if (!s) return;
        const v = { lon: s.view.lon, lat: s.view.lat, zoom: s.view.zoom };
        if (matchMedia("(prefers-reduced-motion: reduce)").matches) setView(v); else fly(v);
      },
    },
    stats: { get() { return { ...stats }; } },
    project: {
      value(lon, lat) {
        const s = scaleFor(zoom);
        const p = unit([lon, lat]);
        return p ? { x: (p[0] - cx) * s + width / 2, y: (p[1] - cy) * s + height / 2 } : null;
      },
    },
  });

  canvas.ready = (async () => {
    const [topo, overlay] = await Promise.all([
      fetch("/tools/node_modules/world-atlas/countries-50m.json").then((r) => r.json()),
      fetch("/data/bridge.json").then((r) => r.json()),
    ]);
    tour = overlay.tour || [];
    const obj = topo.objects.countries;
    obj.geometries = obj.geometries.filter((g) => g.id !== "010"); // Antarctica: not on the map
    countries = topojson.feature(topo, obj).features;
    borders = topojson.mesh(topo, obj, (a, b) => a !== b);
    coast = topojson.mesh(topo, obj, (a, b) => a === b);
    resize();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  })();
})();
