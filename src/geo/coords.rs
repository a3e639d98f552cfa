//! The three coordinate spaces every other module speaks in.
//!
//! The pipeline is `LonLat` → (projection) → [`World`] → (view) → [`Screen`].
//! Keeping them as distinct types means the compiler catches a screen point
//! handed to a function that wants degrees.
//!
//! | space    | unit                    | origin                         | axes                         |
//! |----------|-------------------------|--------------------------------|------------------------------|
//! | `LonLat` | degrees (WGS84)         | Greenwich / equator            | lon east-positive, lat north-positive |
//! | `World`  | Earth radii (unit sphere) | projection centre, 45°N 75°E | x east, y **north** (up)     |
//! | `Screen` | CSS pixels              | top-left of the map element    | x right, y **down**          |
//!
//! Device pixels appear only inside the canvas adapter, which multiplies by
//! `devicePixelRatio`; nothing in the core knows about them.

use serde::Serialize;

/// A geographic position in degrees.
///
/// ```
/// use bridge_map::geo::coords::LonLat;
/// let astana = LonLat::new(71.446, 51.180);
/// assert!(astana.is_valid());
/// assert!(!LonLat::new(200.0, 0.0).is_valid());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct LonLat {
    /// Longitude, degrees east.
    pub lon: f64,
    /// Latitude, degrees north.
    pub lat: f64,
}

impl LonLat {
    /// A position from longitude and latitude in degrees.
    pub const fn new(lon: f64, lat: f64) -> Self {
        Self { lon, lat }
    }

    /// True when both values are finite and inside ±180° / ±90°.
    pub fn is_valid(&self) -> bool {
        self.lon.is_finite()
            && self.lat.is_finite()
            && (-180.0..=180.0).contains(&self.lon)
            && (-90.0..=90.0).contains(&self.lat)
    }
}

/// A point on the projected plane, in Earth radii, y pointing north.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct World {
    /// East, Earth radii.
    pub x: f64,
    /// North, Earth radii.
    pub y: f64,
}

impl World {
    /// A point on the projected plane.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }
}

/// A point in CSS pixels relative to the map's top-left corner, y pointing down.
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize)]
pub struct Screen {
    /// Right, CSS pixels.
    pub x: f64,
    /// Down, CSS pixels.
    pub y: f64,
}

impl Screen {
    /// A point on screen.
    pub const fn new(x: f64, y: f64) -> Self {
        Self { x, y }
    }

    /// Euclidean distance to another screen point, in CSS pixels.
    pub fn distance(&self, other: Screen) -> f64 {
        (self.x - other.x).hypot(self.y - other.y)
    }

    /// The point halfway between two screen points.
    pub fn midpoint(&self, other: Screen) -> Screen {
        Screen::new((self.x + other.x) / 2.0, (self.y + other.y) / 2.0)
    }

    /// Distance to the segment `a → b` (to `a` when the segment is a point),
    /// in CSS pixels: picking a line, simplifying a flow.
    ///
    /// ```
    /// use bridge_map::geo::coords::Screen;
    /// let (a, b) = (Screen::new(0.0, 0.0), Screen::new(10.0, 0.0));
    /// assert_eq!(Screen::new(5.0, 3.0).distance_to_segment(a, b), 3.0);
    /// assert_eq!(Screen::new(13.0, 4.0).distance_to_segment(a, b), 5.0);
    /// ```
    pub fn distance_to_segment(&self, a: Screen, b: Screen) -> f64 {
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len2 = dx * dx + dy * dy;
        let t = if len2 > 0.0 {
            (((self.x - a.x) * dx + (self.y - a.y) * dy) / len2).clamp(0.0, 1.0)
        } else {
            0.0
        };
        self.distance(Screen::new(a.x + t * dx, a.y + t * dy))
    }
}

/// An axis-aligned rectangle on the projected plane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WorldRect {
    /// The south-west corner.
    pub min: World,
    /// The north-east corner.
    pub max: World,
}

impl WorldRect {
    /// The smallest rectangle holding every point, or `None` for no points.
    ///
    /// ```
    /// use bridge_map::geo::coords::{World, WorldRect};
    /// let r = WorldRect::around([World::new(1.0, 2.0), World::new(-1.0, 0.5)]).unwrap();
    /// assert_eq!(r.width(), 2.0);
    /// assert_eq!(r.height(), 1.5);
    /// ```
    pub fn around(points: impl IntoIterator<Item = World>) -> Option<WorldRect> {
        let mut it = points.into_iter();
        let first = it.next()?;
        let mut r = WorldRect {
            min: first,
            max: first,
        };
        for p in it {
            r.min.x = r.min.x.min(p.x);
            r.min.y = r.min.y.min(p.y);
            r.max.x = r.max.x.max(p.x);
            r.max.y = r.max.y.max(p.y);
        }
        Some(r)
    }

    /// East-west extent.
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// North-south extent.
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    /// The middle point.
    pub fn center(&self) -> World {
        World::new(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// True when the two rectangles share any point.
    pub fn intersects(&self, other: &WorldRect) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }

    /// The rectangle grown by `by` on every side.
    pub fn inflate(&self, by: f64) -> WorldRect {
        WorldRect {
            min: World::new(self.min.x - by, self.min.y - by),
            max: World::new(self.max.x + by, self.max.y + by),
        }
    }
}
