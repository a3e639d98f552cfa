//! The map projection: `LonLat` ↔ [`World`].
//!
//! Bridge Map uses an **Albers equal-area conic** on the unit sphere with
//! standard parallels 30°N and 60°N, central meridian 75°E and origin 45°N.
//!
//! Why this projection:
//! * It is *equal-area*, so Kazakhstan, Russia and China keep honest relative
//!   sizes — the map argues about geography, so it must not inflate the north
//!   the way Web Mercator does.
//! * The standard parallels bracket the band from the Gulf to the Arctic
//!   coast where almost all of Eurasia lies, so shapes stay recognisable from
//!   Lisbon to Vladivostok.
//! * Centring it on 75°E / 45°N puts Kazakhstan in the middle of the fan, with
//!   Europe on one wing and the Pacific on the other.
//!
//! The parameters match d3-geo's
//! `geoConicEqualArea().parallels([30, 60]).rotate([-75, 0]).center([0, 45])`
//! exactly; `tests/projection.rs` checks our numbers against d3's.
//!
//! A conic has one seam: the meridian opposite the centre, 105°W, which we
//! call the *cut*. Longitudes are first rotated so the central meridian is 0°;
//! the cut is then at rotated longitude ±180°. Points at 180°E (Chukotka) are
//! nowhere near it, so Russia stays in one piece; anything that crosses the
//! cut (North America) is split by [`crate::geo::antimeridian`].

use crate::geo::coords::{LonLat, World};
use std::f64::consts::PI;

/// Albers equal-area conic on the unit sphere.
#[derive(Clone, Debug, PartialEq)]
pub struct Projection {
    /// Central meridian in degrees (becomes rotated longitude 0).
    lon0: f64,
    n: f64,
    c: f64,
    r0: f64,
    /// Raw y of the origin parallel, so the origin maps to y = 0.
    y_origin: f64,
}

impl Projection {
    /// The projection the map uses: parallels 30°/60°, centred on 75°E 45°N.
    pub fn bridge() -> Self {
        Self::albers(30.0, 60.0, 75.0, 45.0)
    }

    /// An Albers equal-area conic with the given standard parallels, central
    /// meridian and origin latitude, all in degrees.
    ///
    /// ```
    /// use bridge_map::geo::projection::Projection;
    /// use bridge_map::geo::coords::LonLat;
    /// let p = Projection::albers(30.0, 60.0, 75.0, 45.0);
    /// let origin = p.lonlat_to_world(LonLat::new(75.0, 45.0)).unwrap();
    /// assert!(origin.x.abs() < 1e-12 && origin.y.abs() < 1e-12);
    /// ```
    pub fn albers(parallel1: f64, parallel2: f64, lon0: f64, lat0: f64) -> Self {
        let sy0 = parallel1.to_radians().sin();
        let n = (sy0 + parallel2.to_radians().sin()) / 2.0;
        let c = 1.0 + sy0 * (2.0 * n - sy0);
        let r0 = c.sqrt() / n;
        let mut p = Self {
            lon0,
            n,
            c,
            r0,
            y_origin: 0.0,
        };
        p.y_origin = p.raw(0.0, lat0.to_radians()).1;
        p
    }

    /// Longitude relative to the central meridian, wrapped into [-180, 180].
    /// The cut lies at ±180.
    pub fn rotated_lon(&self, lon: f64) -> f64 {
        let mut l = lon - self.lon0;
        if l.abs() > 180.0 {
            l -= (l / 360.0).round() * 360.0;
        }
        l
    }

    /// Inverse of [`Projection::rotated_lon`], wrapped into [-180, 180].
    pub fn unrotated_lon(&self, rotated: f64) -> f64 {
        let mut l = rotated + self.lon0;
        if l.abs() > 180.0 {
            l -= (l / 360.0).round() * 360.0;
        }
        l
    }

    fn raw(&self, lambda: f64, phi: f64) -> (f64, f64) {
        let r = (self.c - 2.0 * self.n * phi.sin()).max(0.0).sqrt() / self.n;
        let a = lambda * self.n;
        (r * a.sin(), self.r0 - r * a.cos())
    }

    /// Projects a geographic point. Returns `None` for invalid coordinates.
    ///
    /// ```
    /// use bridge_map::geo::projection::Projection;
    /// use bridge_map::geo::coords::LonLat;
    /// let p = Projection::bridge();
    /// let astana = p.lonlat_to_world(LonLat::new(71.446, 51.180)).unwrap();
    /// let moscow = p.lonlat_to_world(LonLat::new(37.618, 55.752)).unwrap();
    /// assert!(astana.y > 0.0);          // north of 45°N
    /// assert!(moscow.x < astana.x);     // west of Astana
    /// ```
    pub fn lonlat_to_world(&self, p: LonLat) -> Option<World> {
        if !p.is_valid() {
            return None;
        }
        Some(self.rotated_to_world(self.rotated_lon(p.lon), p.lat))
    }

    /// Projects a point given in *rotated* degrees without wrapping the
    /// longitude, so ±180 land on opposite edges of the fan. The antimeridian
    /// cutter relies on this to place both halves of a split polygon.
    pub fn rotated_to_world(&self, rotated_lon: f64, lat: f64) -> World {
        let (x, y) = self.raw(rotated_lon.to_radians(), lat.to_radians());
        World::new(x, y - self.y_origin)
    }

    /// Inverse projection. Returns `None` for points outside the projected
    /// sphere (beyond the pole circles or the fan's edges) or non-finite input.
    ///
    /// ```
    /// use bridge_map::geo::projection::Projection;
    /// use bridge_map::geo::coords::LonLat;
    /// let p = Projection::bridge();
    /// let w = p.lonlat_to_world(LonLat::new(76.912, 43.253)).unwrap();
    /// let back = p.world_to_lonlat(w).unwrap();
    /// assert!((back.lon - 76.912).abs() < 1e-9 && (back.lat - 43.253).abs() < 1e-9);
    /// ```
    pub fn world_to_lonlat(&self, w: World) -> Option<LonLat> {
        if !w.x.is_finite() || !w.y.is_finite() {
            return None;
        }
        let x = w.x;
        let y = w.y + self.y_origin;
        let r0y = self.r0 - y;
        let mut l = x.atan2(r0y.abs()) * r0y.signum();
        if r0y * self.n < 0.0 {
            l -= PI * x.signum() * r0y.signum();
        }
        let lambda = l / self.n;
        let s = (self.c - (x * x + r0y * r0y) * self.n * self.n) / (2.0 * self.n);
        if lambda.abs() > PI + 1e-9 || !(-1.0 - 1e-9..=1.0 + 1e-9).contains(&s) {
            return None;
        }
        let phi = s.clamp(-1.0, 1.0).asin();
        Some(LonLat::new(
            self.unrotated_lon(lambda.to_degrees()),
            phi.to_degrees(),
        ))
    }
}

impl Default for Projection {
    fn default() -> Self {
        Self::bridge()
    }
}
