//! Decoding the `BMAP` geometry file into arcs and countries.
//!
//! This is the first step of the pipeline. `tools/build-data.mjs` turns
//! Natural Earth's TopoJSON (npm `world-atlas`) into `data/countries-50m.bmap`;
//! this module reads it back. The file keeps TopoJSON's topology: every
//! border is stored once as an *arc* and countries list the arcs of their
//! rings, so neighbours share exactly the same vertices and the borders can
//! later be told apart from coastlines. See `data/SOURCE.md` for the layout.

use crate::data::crc32;
use crate::data::error::DataError;
use crate::geo::coords::LonLat;
use std::collections::HashSet;

/// A reference from a ring to an arc; negative values mean "reversed",
/// TopoJSON style (`!index`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArcRef(pub i64);

impl ArcRef {
    /// Index of the arc in [`Topology::arcs`].
    pub fn index(self) -> usize {
        if self.0 >= 0 {
            self.0 as usize
        } else {
            (!self.0) as usize
        }
    }

    /// True when the ring runs along the arc backwards.
    pub fn reversed(self) -> bool {
        self.0 < 0
    }
}

/// A three-letter country id (ISO 3166-1 alpha-3, or Natural Earth's code
/// for places without one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CountryId([u8; 3]);

impl CountryId {
    /// Parses three ASCII capital letters.
    ///
    /// ```
    /// use bridge_map::data::topology::CountryId;
    /// assert_eq!(CountryId::parse("KAZ").unwrap().as_str(), "KAZ");
    /// assert!(CountryId::parse("kaz").is_none());
    /// ```
    pub fn parse(s: &str) -> Option<CountryId> {
        let b = s.as_bytes();
        (b.len() == 3 && b.iter().all(u8::is_ascii_uppercase))
            .then(|| CountryId([b[0], b[1], b[2]]))
    }

    /// The three letters.
    pub fn as_str(&self) -> &str {
        // Constructed only from ASCII capitals.
        std::str::from_utf8(&self.0).unwrap_or("???")
    }
}

/// The languages the map speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    /// English.
    En,
    /// Kazakh.
    Kk,
    /// Russian.
    Ru,
}

impl Lang {
    /// Parses a BCP 47 tag such as `kk`, `ru-RU` or `en`; unknown tags give `None`.
    ///
    /// ```
    /// use bridge_map::data::topology::Lang;
    /// assert_eq!(Lang::parse("kk-KZ"), Some(Lang::Kk));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.as_str() == primary)
    }

    /// Every language, in menu order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Kk, Lang::Ru];

    /// The language's BCP 47 primary tag.
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Kk => "kk",
            Lang::Ru => "ru",
        }
    }
}

/// A name in the three languages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Names {
    /// English.
    pub en: String,
    /// Kazakh.
    pub kk: String,
    /// Russian.
    pub ru: String,
}

impl Names {
    /// The name in one language.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Kk => &self.kk,
            Lang::Ru => &self.ru,
        }
    }
}

/// One country as stored: polygons → rings → arc references.
#[derive(Clone, Debug, PartialEq)]
pub struct CountryRecord {
    /// The country's three-letter id.
    pub id: CountryId,
    /// Its names.
    pub names: Names,
    /// Its polygons; each is rings, each ring is arc references.
    pub polygons: Vec<Vec<Vec<ArcRef>>>,
}

/// Everything the geometry file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Topology {
    /// Every border and coast, once, as points in degrees.
    pub arcs: Vec<Vec<LonLat>>,
    /// Every country.
    pub countries: Vec<CountryRecord>,
}

impl Topology {
    /// The points of one ring, in order, with shared arc end points once.
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<LonLat> {
        let mut out: Vec<LonLat> = Vec::new();
        for r in ring {
            let arc = &self.arcs[r.index()];
            let pts: Box<dyn Iterator<Item = &LonLat>> = if r.reversed() {
                Box::new(arc.iter().rev())
            } else {
                Box::new(arc.iter())
            };
            for (i, p) in pts.enumerate() {
                if i == 0 && !out.is_empty() {
                    continue;
                }
                out.push(*p);
            }
        }
        out
    }
}

const MAGIC: &[u8; 4] = b"BMAP";
const VERSION: u16 = 1;

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], DataError> {
        let end = self.pos.checked_add(n).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or(DataError::Truncated {
            offset: self.bytes.len(),
        })?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u16(&mut self) -> Result<u16, DataError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn f64(&mut self) -> Result<f64, DataError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_le_bytes(a))
    }

    fn varint(&mut self) -> Result<u64, DataError> {
        let start = self.pos;
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = *self
                .take(1)?
                .first()
                .ok_or(DataError::Truncated { offset: self.pos })?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DataError::BadInteger { offset: start })
    }

    fn svarint(&mut self) -> Result<i64, DataError> {
        let v = self.varint()?;
        Ok(((v >> 1) as i64) ^ -((v & 1) as i64))
    }

    /// A count, checked against the bytes left so a corrupt count cannot
    /// make us allocate gigabytes. Every counted item takes at least
    /// `min_item_bytes` bytes.
    fn count(&mut self, min_item_bytes: usize) -> Result<usize, DataError> {
        let offset = self.pos;
        let n = self.varint()?;
        let left = (self.bytes.len() - self.pos) as u64;
        if n.saturating_mul(min_item_bytes as u64) > left {
            return Err(DataError::BadInteger { offset });
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Result<String, DataError> {
        let offset = self.pos;
        let n = self.count(1)?;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| DataError::BadName { offset })
    }
}

/// Decodes a `BMAP` file.
///
/// ```
/// use bridge_map::data::topology::decode;
/// use bridge_map::data::error::DataError;
/// assert_eq!(decode(b""), Err(DataError::Empty));
/// assert_eq!(decode(b"<!doctype html>"), Err(DataError::BadMagic));
/// ```
pub fn decode(bytes: &[u8]) -> Result<Topology, DataError> {
    if bytes.is_empty() {
        return Err(DataError::Empty);
    }
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        return Err(DataError::BadMagic);
    }
    if bytes.len() < 4 + 4 + 32 + 4 {
        return Err(DataError::Truncated {
            offset: bytes.len(),
        });
    }
    let (body, trailer) = bytes.split_at(bytes.len() - 4);
    let mut r = Reader {
        bytes: body,
        pos: 4,
    };
    let version = r.u16()?;
    if version != VERSION {
        return Err(DataError::UnsupportedVersion(version));
    }
    let expected = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let actual = crc32::hash(body);
    if expected != actual {
        return Err(DataError::ChecksumMismatch { expected, actual });
    }
    let _reserved = r.u16()?;
    let (sx, sy, tx, ty) = (r.f64()?, r.f64()?, r.f64()?, r.f64()?);

    let n_arcs = r.count(2)?;
    let mut arcs = Vec::with_capacity(n_arcs);
    for arc_index in 0..n_arcs {
        let n = r.count(2)?;
        if n < 2 {
            return Err(DataError::BadArc { arc: arc_index });
        }
        let (mut qx, mut qy) = (0i64, 0i64);
        let mut pts = Vec::with_capacity(n);
        for _ in 0..n {
            qx += r.svarint()?;
            qy += r.svarint()?;
            let p = LonLat::new(qx as f64 * sx + tx, qy as f64 * sy + ty);
            // Natural Earth reaches exactly ±180/±90; allow rounding noise.
            if !(p.lon.abs() <= 180.0 + 1e-6 && p.lat.abs() <= 90.0 + 1e-6) {
                return Err(DataError::BadArc { arc: arc_index });
            }
            pts.push(LonLat::new(
                p.lon.clamp(-180.0, 180.0),
                p.lat.clamp(-90.0, 90.0),
            ));
        }
        arcs.push(pts);
    }

    let n_countries = r.count(3)?;
    let mut countries = Vec::with_capacity(n_countries);
    let mut seen = HashSet::new();
    for _ in 0..n_countries {
        let id_offset = r.pos;
        let id_bytes = r.take(3)?;
        let id = std::str::from_utf8(id_bytes)
            .ok()
            .and_then(CountryId::parse)
            .ok_or(DataError::BadId { offset: id_offset })?;
        if !seen.insert(id) {
            return Err(DataError::DuplicateId(id.as_str().to_owned()));
        }
        let names = Names {
            en: r.string()?,
            kk: r.string()?,
            ru: r.string()?,
        };
        let n_polygons = r.count(1)?;
        let mut polygons = Vec::with_capacity(n_polygons);
        for _ in 0..n_polygons {
            let n_rings = r.count(1)?;
            let mut rings = Vec::with_capacity(n_rings);
            for _ in 0..n_rings {
                let n_refs = r.count(1)?;
                let mut ring = Vec::with_capacity(n_refs);
                for _ in 0..n_refs {
                    let a = ArcRef(r.svarint()?);
                    if a.index() >= arcs.len() {
                        return Err(DataError::ArcOutOfRange {
                            country: id.as_str().to_owned(),
                            arc: a.0,
                        });
                    }
                    ring.push(a);
                }
                rings.push(ring);
            }
            polygons.push(rings);
        }
        countries.push(CountryRecord {
            id,
            names,
            polygons,
        });
    }
    if r.pos != body.len() {
        return Err(DataError::TrailingBytes { offset: r.pos });
    }
    Ok(Topology { arcs, countries })
}

/// Encodes a topology in the `BMAP` layout. The build tool is the canonical
/// writer; this exists so tests can make small and deliberately broken files.
pub fn encode(topo: &Topology, quantum: f64) -> Vec<u8> {
    fn varint(out: &mut Vec<u8>, mut v: u64) {
        loop {
            let b = (v & 0x7f) as u8;
            v >>= 7;
            if v == 0 {
                out.push(b);
                return;
            }
            out.push(b | 0x80);
        }
    }
    fn svarint(out: &mut Vec<u8>, v: i64) {
        varint(out, ((v << 1) ^ (v >> 63)) as u64);
    }
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    for v in [quantum, quantum, -180.0, -90.0] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    varint(&mut out, topo.arcs.len() as u64);
    for arc in &topo.arcs {
        varint(&mut out, arc.len() as u64);
        let (mut px, mut py) = (0i64, 0i64);
        for p in arc {
            let qx = ((p.lon + 180.0) / quantum).round() as i64;
            let qy = ((p.lat + 90.0) / quantum).round() as i64;
            svarint(&mut out, qx - px);
            svarint(&mut out, qy - py);
            (px, py) = (qx, qy);
        }
    }
    varint(&mut out, topo.countries.len() as u64);
    for c in &topo.countries {
        out.extend_from_slice(c.id.as_str().as_bytes());
        for name in [&c.names.en, &c.names.kk, &c.names.ru] {
            varint(&mut out, name.len() as u64);
            out.extend_from_slice(name.as_bytes());
        }
        varint(&mut out, c.polygons.len() as u64);
        for poly in &c.polygons {
            varint(&mut out, poly.len() as u64);
            for ring in poly {
                varint(&mut out, ring.len() as u64);
                for a in ring {
                    svarint(&mut out, a.0);
                }
            }
        }
    }
    let crc = crc32::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}
