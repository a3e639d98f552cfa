//! The view is a value: where the map looks and how close.
//!
//! Input never mutates the map directly; gestures compute a *new* [`View`],
//! the app stores it, and the renderer reads it. All conversions between
//! [`World`] and [`Screen`] go through here.
//!
//! Zoom follows web-map habit: at zoom `z` the equator of a Web Mercator map
//! would be `256·2^z` CSS pixels long, so one Earth radius is
//! `256·2^z / 2π` pixels ([`scale_for_zoom`]). Zoom 3 shows Eurasia on a
//! laptop screen, zoom 6 a region such as the Caspian shore.

use crate::geo::coords::{LonLat, Screen, World, WorldRect};
use crate::geo::projection::Projection;
use std::f64::consts::PI;

/// CSS pixels per Earth radius at a zoom level.
///
/// ```
/// use bridge_map::geo::view::scale_for_zoom;
/// assert!((scale_for_zoom(1.0) / scale_for_zoom(0.0) - 2.0).abs() < 1e-12);
/// ```
pub fn scale_for_zoom(zoom: f64) -> f64 {
    256.0 * zoom.exp2() / (2.0 * PI)
}

/// The size of the map on the page, in CSS pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// Width in CSS pixels.
    pub width: f64,
    /// Height in CSS pixels.
    pub height: f64,
}

impl Viewport {
    /// A viewport, at least one pixel each way.
    pub fn new(width: f64, height: f64) -> Viewport {
        Viewport {
            width: width.max(1.0),
            height: height.max(1.0),
        }
    }

    /// The middle of the map on screen.
    pub fn center(&self) -> Screen {
        Screen::new(self.width / 2.0, self.height / 2.0)
    }
}

/// Where the map looks: a centre on the projected plane and a zoom level.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct View {
    /// The plane point shown in the middle of the map.
    pub center: World,
    /// The zoom level (see [`scale_for_zoom`]).
    pub zoom: f64,
}

impl View {
    /// CSS pixels per Earth radius at this zoom.
    pub fn scale(&self) -> f64 {
        scale_for_zoom(self.zoom)
    }

    /// ```
    /// use bridge_map::{geo::coords::{Screen, World}, geo::view::{View, Viewport}};
    /// let v = View { center: World::new(0.0, 0.0), zoom: 3.0 };
    /// let vp = Viewport::new(800.0, 600.0);
    /// assert_eq!(v.world_to_screen(World::new(0.0, 0.0), vp), Screen::new(400.0, 300.0));
    /// // North is up: a point north of the centre is higher on screen.
    /// assert!(v.world_to_screen(World::new(0.0, 0.1), vp).y < 300.0);
    /// ```
    pub fn world_to_screen(&self, w: World, vp: Viewport) -> Screen {
        self.to_screen(vp).apply(w)
    }

    /// The plane→screen map of this view, worked out once: drawing calls
    /// [`ToScreen::apply`] per point instead of [`View::world_to_screen`],
    /// which pays for the zoom's `exp2` every time (tens of thousands of
    /// points a frame).
    ///
    /// ```
    /// use bridge_map::{geo::coords::World, geo::view::{View, Viewport}};
    /// let v = View { center: World::new(0.3, 0.7), zoom: 4.5 };
    /// let vp = Viewport::new(1280.0, 800.0);
    /// let w = World::new(0.31, 0.69);
    /// assert_eq!(v.to_screen(vp).apply(w), v.world_to_screen(w, vp));
    /// ```
    pub fn to_screen(&self, vp: Viewport) -> ToScreen {
        ToScreen {
            scale: self.scale(),
            center: self.center,
            half_width: vp.width / 2.0,
            half_height: vp.height / 2.0,
        }
    }

    /// The plane point under a screen point.
    pub fn screen_to_world(&self, p: Screen, vp: Viewport) -> World {
        let s = self.scale();
        World::new(
            (p.x - vp.width / 2.0) / s + self.center.x,
            self.center.y - (p.y - vp.height / 2.0) / s,
        )
    }

    /// The part of the plane the viewport shows.
    pub fn visible(&self, vp: Viewport) -> WorldRect {
        let a = self.screen_to_world(Screen::new(0.0, 0.0), vp);
        let b = self.screen_to_world(Screen::new(vp.width, vp.height), vp);
        WorldRect {
            min: World::new(a.x.min(b.x), a.y.min(b.y)),
            max: World::new(a.x.max(b.x), a.y.max(b.y)),
        }
    }

    /// The view after the content was dragged by `(dx, dy)` CSS pixels.
    ///
    /// ```
    /// use bridge_map::{geo::coords::World, geo::view::View};
    /// let v = View { center: World::new(0.1, -0.2), zoom: 4.0 };
    /// let back = v.panned(37.0, -12.5).panned(-37.0, 12.5);
    /// assert!((back.center.x - v.center.x).abs() < 1e-12);
    /// ```
    pub fn panned(&self, dx: f64, dy: f64) -> View {
        let s = self.scale();
        View {
            center: World::new(self.center.x - dx / s, self.center.y + dy / s),
            zoom: self.zoom,
        }
    }

    /// The view at zoom `zoom`, keeping the plane point under `anchor` where
    /// it is on screen.
    pub fn zoomed_to(&self, zoom: f64, anchor: Screen, vp: Viewport) -> View {
        let fixed = self.screen_to_world(anchor, vp);
        let s = scale_for_zoom(zoom);
        View {
            center: World::new(
                fixed.x - (anchor.x - vp.width / 2.0) / s,
                fixed.y + (anchor.y - vp.height / 2.0) / s,
            ),
            zoom,
        }
    }

    /// `zoomed_to` by a relative amount.
    pub fn zoomed_by(&self, dz: f64, anchor: Screen, vp: Viewport) -> View {
        self.zoomed_to(self.zoom + dz, anchor, vp)
    }
}

/// A view's plane→screen map (see [`View::to_screen`]): a scale about the
/// view's centre, north up, with the centre in the middle of the viewport.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ToScreen {
    /// CSS pixels per Earth radius.
    pub scale: f64,
    center: World,
    half_width: f64,
    half_height: f64,
}

impl ToScreen {
    /// Where a plane point is on screen, in CSS pixels.
    #[inline]
    pub fn apply(&self, w: World) -> Screen {
        Screen::new(
            (w.x - self.center.x) * self.scale + self.half_width,
            (self.center.y - w.y) * self.scale + self.half_height,
        )
    }
}

/// How far the view may go: zoom range, the region the centre must stay in,
/// and the kept region the visible area must stay in.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limits {
    /// The farthest one may zoom out.
    pub min_zoom: f64,
    /// The closest one may zoom in.
    pub max_zoom: f64,
    /// The region the view's centre must stay in.
    pub bounds: WorldRect,
    /// The rectangles the whole visible area must stay inside (one of
    /// them), for this viewport: the map never shows what the geometry
    /// file leaves out (see [`extent`]). `None`: no such limit.
    pub extent: Option<Extent>,
}

/// The kept region as the view limits use it: its rectangles and the
/// viewport whose visible area must fit inside one of them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Extent {
    /// The kept region, a union of rectangles of the projected plane.
    pub rects: [WorldRect; EXTENT_RECTS],
    /// The map's size on the page.
    pub viewport: Viewport,
}

/// Float slack when checking that a visible area fits a rectangle.
const FIT_SLACK: f64 = 1e-9;

impl Extent {
    /// Half the visible width and height, in world units, at a zoom.
    fn half(&self, zoom: f64) -> (f64, f64) {
        let s = scale_for_zoom(zoom);
        (
            self.viewport.width / 2.0 / s,
            self.viewport.height / 2.0 / s,
        )
    }

    /// The lowest zoom at which the viewport fits inside one of the
    /// rectangles.
    pub fn fit_zoom(&self) -> f64 {
        self.rects
            .iter()
            .map(|r| fit_zoom(*r, self.viewport))
            .fold(f64::INFINITY, f64::min)
    }

    /// The centre nearest `c` whose visible area at `zoom` lies inside one
    /// of the rectangles, or `None` when the viewport fits none of them.
    fn nearest_center(&self, c: World, zoom: f64) -> Option<World> {
        let (hw, hh) = self.half(zoom);
        self.rects
            .iter()
            .filter(|r| {
                2.0 * hw <= r.width() * (1.0 + FIT_SLACK)
                    && 2.0 * hh <= r.height() * (1.0 + FIT_SLACK)
            })
            .map(|r| {
                let axis = |v: f64, lo: f64, hi: f64| {
                    if lo <= hi {
                        within(v, lo, hi)
                    } else {
                        (lo + hi) / 2.0
                    }
                };
                World::new(
                    axis(c.x, r.min.x + hw, r.max.x - hw),
                    axis(c.y, r.min.y + hh, r.max.y - hh),
                )
            })
            .min_by(|a, b| {
                let d = |p: &World| (p.x - c.x).hypot(p.y - c.y);
                d(a).total_cmp(&d(b))
            })
    }
}

/// The zoom at which a viewport exactly fills a rectangle's width or
/// height, whichever comes first.
fn fit_zoom(r: WorldRect, vp: Viewport) -> f64 {
    (f64::max(vp.width / r.width(), vp.height / r.height()) / scale_for_zoom(0.0)).log2()
}

impl Limits {
    /// The view moved back inside the limits: the zoom into its range, the
    /// centre into the bounds, then, if there is an extent, to the nearest
    /// centre whose visible area lies inside the kept region.
    ///
    /// ```
    /// use bridge_map::{geo::coords::{World, WorldRect}, geo::view::{Limits, View}};
    /// let l = Limits { min_zoom: 1.0, max_zoom: 8.0,
    ///     bounds: WorldRect { min: World::new(-1.0, -1.0), max: World::new(1.0, 1.0) }, extent: None };
    /// let v = l.constrain(View { center: World::new(5.0, 0.0), zoom: 20.0 });
    /// assert_eq!(v, View { center: World::new(1.0, 0.0), zoom: 8.0 });
    /// ```
    pub fn constrain(&self, v: View) -> View {
        let mut zoom = if v.zoom.is_finite() {
            within(v.zoom, self.min_zoom, self.max_zoom)
        } else {
            self.min_zoom
        };
        let c = if v.center.x.is_finite() && v.center.y.is_finite() {
            v.center
        } else {
            self.bounds.center()
        };
        let mut center = World::new(
            within(c.x, self.bounds.min.x, self.bounds.max.x),
            within(c.y, self.bounds.min.y, self.bounds.max.y),
        );
        if let Some(e) = &self.extent {
            // `min_zoom` is never below the extent's fit zoom, so a centre
            // is found; zooming in to the fit zoom covers limits built by hand.
            let found = e.nearest_center(center, zoom).or_else(|| {
                zoom = zoom.max(e.fit_zoom());
                e.nearest_center(center, zoom)
            });
            if let Some(found) = found {
                center = found;
            }
        }
        View { center, zoom }
    }

    /// Zooms around an anchor, clamping the zoom first so the anchor stays
    /// put even when a limit is hit, then keeps the centre in bounds.
    pub fn zoom_around(&self, v: View, dz: f64, anchor: Screen, vp: Viewport) -> View {
        let target = within(v.zoom + dz, self.min_zoom, self.max_zoom);
        self.constrain(v.zoomed_to(target, anchor, vp))
    }
}

/// `x.clamp(lo, hi)` for bounds known only at run time. `f64::clamp`
/// asserts `lo <= hi` with a message that prints both floats, and that one
/// message brought all of `core`'s float printing (about 8 KB gzipped)
/// into the wasm. Same result for `lo <= hi`, NaN included.
fn within(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// `x.rem_euclid(period)` for a positive `period`, in `[0, period)`,
/// without `%` on floats: that is libm's exact `fmod`, whose 128-bit integer
/// division costs the wasm about 1 KB gzipped. Exact to within rounding of
/// `x / period`, plenty for the pixel lengths and times it wraps.
///
/// ```
/// use bridge_map::geo::view::wrap;
/// assert_eq!(wrap(7.5, 2.0), 1.5);
/// assert_eq!(wrap(-0.5, 2.0), 1.5);
/// assert!(wrap(1.0, 0.0).is_nan());
/// ```
pub fn wrap(x: f64, period: f64) -> f64 {
    let r = x - (x / period).floor() * period;
    // Rounding may land exactly on `period` (or just below 0).
    if r >= period {
        r - period
    } else if r < 0.0 {
        r + period
    } else {
        r
    }
}

/// How many rectangles make up the kept region ([`extent`]).
pub const EXTENT_RECTS: usize = 3;

/// The widest viewport (width / height) the kept region is made for: a
/// 16:9 screen, 4K included, sees the whole home view. A wider one sees
/// less than the home region's height.
pub const WIDEST_ASPECT: f64 = 16.0 / 9.0;

/// The tallest viewport, at least [`NARROW_PX`] wide, that sees the whole
/// home region's width: a square. A portrait tablet sees a little less.
pub const SQUARE_ASPECT: f64 = 1.0;

/// The tallest phone the kept region is made for (9:21); its home view
/// frames the corridors' core ([`core_region`]).
pub const TALLEST_ASPECT: f64 = 9.0 / 21.0;

/// How far beyond the framed views the kept region reaches, in Earth
/// radii: a little room to zoom out and pan.
pub const EXTENT_MARGIN: f64 = 0.1;

/// The closest zoom.
const MAX_ZOOM: f64 = 9.0;

/// The zooms a view may ask for, from overlay data (a tour step) or a page
/// (`el.view`, the `view` attribute); the map then clamps them to its
/// [`Limits`]. Beyond this range a zoom is a mistake (a typo, `1e308`),
/// refused with an error rather than quietly clamped. Its lower end is
/// below any map's limit but a thumbnail's (under 50 px wide). The error
/// messages spell the range out (no float formatting in the wasm):
/// `tests/view.rs` holds them to it.
pub const ZOOMS: std::ops::RangeInclusive<f64> = -2.0..=12.0;

/// How far the view's centre may go beyond the home region, in Earth radii.
const BOUNDS_MARGIN: f64 = 0.15;

/// Margin of the home view around its region, as a share of the viewport.
const HOME_MARGIN: f64 = 0.04;

/// The part of the plane a viewport of `aspect` (width / height) shows when
/// it frames `region` as the home view does.
fn framed(region: WorldRect, aspect: f64) -> WorldRect {
    let (mut w, mut h) = (
        region.width() / (1.0 - 2.0 * HOME_MARGIN),
        region.height() / (1.0 - 2.0 * HOME_MARGIN),
    );
    if w / h > aspect {
        h = w / aspect;
    } else {
        w = h * aspect;
    }
    let c = region.center();
    WorldRect {
        min: World::new(c.x - w / 2.0, c.y - h / 2.0),
        max: World::new(c.x + w / 2.0, c.y + h / 2.0),
    }
}

/// The kept region: what any allowed view can show, as three rectangles of
/// the projected plane. The geometry file keeps only what meets them
/// (`tools/build-data.mjs`; `tests/crop.rs` checks the file covers them).
///
/// 1. the home view of a 16:9 screen;
/// 2. the home view of a square screen;
/// 3. the home view of a 9:21 phone, which frames the corridors' core.
///
/// Each grows by [`EXTENT_MARGIN`]; the first two hold the centre's bounds,
/// so a close view can go wherever the centre may. Every viewport between these shapes sees
/// its whole home view; a wider or taller one is zoomed in until its view
/// fits one of them. The Americas, the south Atlantic, Australia's south and
/// the Pacific beyond Japan and New Guinea are outside.
pub fn extent(projection: &Projection) -> [WorldRect; EXTENT_RECTS] {
    let region = home_region(projection);
    [
        framed(region, WIDEST_ASPECT).inflate(EXTENT_MARGIN),
        framed(region, SQUARE_ASPECT).inflate(EXTENT_MARGIN),
        framed(core_region(projection), TALLEST_ASPECT).inflate(EXTENT_MARGIN),
    ]
}

/// The home view and limits for a viewport: the region fitted with a margin.
///
/// ```
/// use bridge_map::{geo::projection::Projection, geo::view::{home, Viewport}};
/// let (v, limits) = home(&Projection::bridge(), Viewport::new(1280.0, 800.0));
/// assert!(v.zoom > 2.0 && v.zoom < 4.0);
/// assert!(limits.min_zoom < v.zoom && v.zoom < limits.max_zoom);
/// ```
pub fn home(projection: &Projection, vp: Viewport) -> (View, Limits) {
    let fit = |region: WorldRect| {
        let zx =
            (vp.width * (1.0 - 2.0 * HOME_MARGIN) / region.width() / scale_for_zoom(0.0)).log2();
        let zy =
            (vp.height * (1.0 - 2.0 * HOME_MARGIN) / region.height() / scale_for_zoom(0.0)).log2();
        View {
            center: region.center(),
            zoom: zx.min(zy),
        }
    };
    let region = home_region(projection);
    let whole = fit(region);
    // A narrow map fitting the whole continent's width would show
    // Kazakhstan tiny in a sea of margin: it frames the corridors' core, and
    // the taller it is, the closer to Central Asia (see [`portrait_blend`]).
    let view = if vp.width < NARROW_PX {
        let core = fit(core_region(projection));
        let central = fit(central_asia_region(projection));
        let t = portrait_blend(vp);
        View {
            center: World::new(
                core.center.x + (central.center.x - core.center.x) * t,
                core.center.y + (central.center.y - core.center.y) * t,
            ),
            zoom: core.zoom + (central.zoom - core.zoom) * t,
        }
    } else {
        whole
    };
    let extent = Extent {
        rects: extent(projection),
        viewport: vp,
    };
    let limits = Limits {
        // One level below the home view, unless the map would then show
        // more than the kept region.
        min_zoom: (whole.zoom - 1.0).max(extent.fit_zoom()).min(MAX_ZOOM),
        max_zoom: MAX_ZOOM,
        bounds: region.inflate(BOUNDS_MARGIN),
        extent: Some(extent),
    };
    (limits.constrain(view), limits)
}

/// Below this width (CSS px) the home view frames [`core_region`].
pub const NARROW_PX: f64 = 640.0;

/// The aspect (width / height) from which a narrow map frames
/// [`central_asia_region`] alone: a phone held upright (9:18 and taller).
pub const PORTRAIT_ASPECT: f64 = 0.5;

/// The aspect down to which a narrow map frames the corridors' core alone
/// (4:3 and wider): their band of land, Moscow to the Gulf, fills its
/// height.
pub const LANDSCAPE_ASPECT: f64 = 4.0 / 3.0;

/// How far a narrow map's home view has gone from the corridors' core
/// (0, a map of [`LANDSCAPE_ASPECT`] or wider) to Central Asia (1, a phone
/// of [`PORTRAIT_ASPECT`] or taller), linear in the logarithm of the aspect.
///
/// A tall frame fitted to the core's width (Black Sea to Yellow Sea) is two
/// to three times taller than the corridors' band of land: on a 390×844
/// phone the Arctic beyond the pole filled its top and the Indian Ocean its
/// lower 40%, with Kazakhstan a third of the width. Fitted to Central
/// Asia's width instead, its height falls on land from Siberia to India.
///
/// ```
/// use bridge_map::geo::view::{portrait_blend, Viewport};
/// assert_eq!(portrait_blend(Viewport::new(600.0, 360.0)), 0.0);
/// assert_eq!(portrait_blend(Viewport::new(390.0, 844.0)), 1.0);
/// let t = portrait_blend(Viewport::new(320.0, 420.0));
/// assert!(t > 0.5 && t < 0.6);
/// ```
pub fn portrait_blend(vp: Viewport) -> f64 {
    let aspect = vp.width / vp.height;
    within(
        (aspect / LANDSCAPE_ASPECT).log2() / (PORTRAIT_ASPECT / LANDSCAPE_ASPECT).log2(),
        0.0,
        1.0,
    )
}

fn region_of(projection: &Projection, edges: &[(f64, f64)]) -> WorldRect {
    let pts = edges
        .iter()
        .filter_map(|&(lon, lat)| projection.lonlat_to_world(LonLat::new(lon, lat)));
    WorldRect::around(pts).unwrap_or(WorldRect {
        min: World::new(-1.0, -1.0),
        max: World::new(1.0, 1.0),
    })
}

/// The map size a tour step's zoom is written for (`tour[].view.zoom` in
/// the overlay data): the middle of a 1280×800 page, clear of the tour card.
pub const STEP_VIEWPORT: Viewport = Viewport {
    width: 960.0,
    height: 600.0,
};

/// The zoom at which a map of `vp` shows a tour step's subject: the step's
/// own `zoom` on a map of [`STEP_VIEWPORT`] or larger; a smaller map zooms
/// out until it shows as much ground across its tighter side, so a
/// sidebar does not show a tenth of what the step is about.
///
/// ```
/// use bridge_map::geo::view::{step_zoom, Viewport};
/// assert_eq!(step_zoom(4.29, Viewport::new(1280.0, 800.0)), 4.29);
/// // Half as wide: one level out.
/// assert!((step_zoom(4.29, Viewport::new(480.0, 900.0)) - 3.29).abs() < 1e-12);
/// ```
pub fn step_zoom(zoom: f64, vp: Viewport) -> f64 {
    let shrink = f64::min(
        vp.width / STEP_VIEWPORT.width,
        vp.height / STEP_VIEWPORT.height,
    );
    zoom + shrink.log2().min(0.0)
}

/// The corridors' core, for narrow screens: the Black Sea to the Yellow Sea,
/// Moscow to the Gulf.
pub fn core_region(projection: &Projection) -> WorldRect {
    region_of(
        projection,
        &[
            (28.0, 44.0),
            (37.6, 55.8),
            (82.9, 55.0),
            (119.2, 34.6),
            (56.3, 27.2),
            (44.0, 38.0),
        ],
    )
}

/// Central Asia, for phones held upright: Kazakhstan from the Volga to
/// Ürümqi, Petropavl in the north, down to Mashhad and Termez.
pub fn central_asia_region(projection: &Projection) -> WorldRect {
    region_of(
        projection,
        &[
            (44.5, 48.7), // Volgograd, on the Volga west of the Caspian's north shore
            (87.6, 43.8), // Ürümqi, beyond the Dzungarian Gate
            (69.1, 54.9), // Petropavl, Kazakhstan's north
            (59.6, 36.3), // Mashhad, below the Kopet Dag
            (67.3, 37.2), // Termez, on the Amu Darya
        ],
    )
}

/// The frame of the home view: Atlantic to Pacific, Arctic coast to the
/// Indian Ocean, with North Africa and Arabia for context.
pub fn home_region(projection: &Projection) -> WorldRect {
    const EDGES: [(f64, f64); 10] = [
        (-24.0, 66.0),  // Iceland, the Atlantic edge
        (-17.0, 28.0),  // Canary Islands off North Africa
        (32.0, 22.0),   // Egypt–Sudan border
        (54.0, 12.0),   // Socotra, the Arabian Sea
        (80.0, 5.0),    // Sri Lanka's south, the Indian Ocean
        (125.0, 5.0),   // Mindanao
        (145.0, 35.0),  // Japan, the Pacific edge
        (-170.0, 66.0), // Chukotka, east of 180°
        (105.0, 78.0),  // Taymyr, the Arctic coast
        (25.0, 72.0),   // North Cape
    ];
    let pts = EDGES
        .iter()
        .filter_map(|&(lon, lat)| projection.lonlat_to_world(LonLat::new(lon, lat)));
    WorldRect::around(pts).unwrap_or(WorldRect {
        min: World::new(-1.0, -1.0),
        max: World::new(1.0, 1.0),
    })
}
