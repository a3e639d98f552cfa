//! Decoding the `BMAP` geometry file into arcs and countries.
//!
//! This is the first step of the pipeline. `tools/build-data.mjs` turns
//! Natural Earth's TopoJSON (npm `world-atlas`) and lakes into two files,
//! which this module reads back: the *base* file `data/countries.bmap` (the
//! countries, their names, the lakes and the coarse level of every arc,
//! loaded before the first frame) and the *detail* file
//! `data/countries-50m.bmap` (the same arcs at full 1:50m detail, loaded
//! after it). Both keep TopoJSON's topology: every
//! border is stored once as an *arc* and countries list the arcs of their
//! rings, so neighbours share exactly the same vertices and the borders can
//! later be told apart from coastlines. See `data/SOURCE.md` for the layout.

use crate::data::crc32;
use crate::data::error::DataError;
use crate::data::kazakh_latin::to_latin;
use crate::geo::coords::{LonLat, World, WorldRect};
use std::borrow::Cow;

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

/// The languages the map speaks: English, Kazakh in its two scripts, and
/// Russian. The data stores texts in three of them ([`Lang::STORED`]);
/// Latin Kazakh is read from the Cyrillic Kazakh text through
/// [`crate::data::kazakh_latin::to_latin`], never written down twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    /// English.
    En,
    /// Kazakh in the Cyrillic script (`kk`).
    Kk,
    /// Russian.
    Ru,
    /// Kazakh in the Latin alphabet of 2021 (`kk-Latn`).
    KkLatn,
}

impl Lang {
    /// Parses a BCP 47 tag such as `kk`, `ru-RU`, `en` or `kk-Latn`: the
    /// primary language subtag and, when there is one, the script subtag
    /// (`kk-Cyrl` is `kk`; `kk-Latn-KZ` is `kk-Latn`). Unknown tags, and a
    /// script the map does not write the language in (`ru-Latn`), give `None`.
    ///
    /// ```
    /// use bridge_map::data::topology::Lang;
    /// assert_eq!(Lang::parse("kk-KZ"), Some(Lang::Kk));
    /// assert_eq!(Lang::parse("kk_latn"), Some(Lang::KkLatn));
    /// assert_eq!(Lang::parse("fr"), None);
    /// ```
    pub fn parse(tag: &str) -> Option<Lang> {
        let mut parts = tag.split(['-', '_']);
        let primary = parts.next()?;
        let script = parts
            .next()
            .filter(|s| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic()));
        Lang::ALL.into_iter().find(|l| {
            l.primary().eq_ignore_ascii_case(primary)
                && match script {
                    None => l.as_str() == l.primary(),
                    Some(s) => l.script().eq_ignore_ascii_case(s),
                }
        })
    }

    /// Every language, in menu order.
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Kk, Lang::KkLatn, Lang::Ru];

    /// Every language's BCP 47 tag, in the order of [`Lang::ALL`].
    pub const WORDS: &'static [&'static str] = &["en", "kk", "kk-Latn", "ru"];

    /// The languages the data stores texts in, in the order of [`Names`]'
    /// fields and of the geometry file's name tables.
    pub const STORED: [Lang; 3] = [Lang::En, Lang::Kk, Lang::Ru];

    /// Their tags: what overlay data may list in its `languages`.
    pub const STORED_WORDS: &'static [&'static str] = &["en", "kk", "ru"];

    /// The language's BCP 47 tag (`kk-Latn` for Latin Kazakh).
    pub fn as_str(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Kk => "kk",
            Lang::Ru => "ru",
            Lang::KkLatn => "kk-Latn",
        }
    }

    /// The primary language subtag: `kk` for both Kazakh scripts.
    pub fn primary(self) -> &'static str {
        self.stored().as_str()
    }

    /// The ISO 15924 script the language is written in.
    pub fn script(self) -> &'static str {
        match self {
            Lang::En | Lang::KkLatn => "Latn",
            Lang::Kk | Lang::Ru => "Cyrl",
        }
    }

    /// The stored language whose texts this one reads: Cyrillic Kazakh for
    /// Latin Kazakh, else the language itself.
    pub fn stored(self) -> Lang {
        match self {
            Lang::KkLatn => Lang::Kk,
            other => other,
        }
    }

    /// A stored text of [`Lang::stored`], in this language's script.
    pub fn write<'a>(self, stored: &'a str) -> Cow<'a, str> {
        match self {
            Lang::KkLatn => Cow::Owned(to_latin(stored)),
            Lang::En | Lang::Kk | Lang::Ru => Cow::Borrowed(stored),
        }
    }

    /// The language whose tag is exactly `tag` (`kk` or `kk-Latn`, not `kk-KZ`).
    pub fn from_word(tag: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str() == tag)
    }

    /// The stored language whose tag is exactly `tag` (`en`, `kk` or `ru`).
    pub fn stored_from_word(tag: &str) -> Option<Lang> {
        Lang::from_word(tag).filter(|l| l.stored() == *l)
    }
}

/// A name in the three stored languages.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Names {
    /// English.
    pub en: String,
    /// Kazakh (Cyrillic).
    pub kk: String,
    /// Russian.
    pub ru: String,
}

impl Names {
    /// The stored text of one stored language (Latin Kazakh reads the
    /// Cyrillic: see [`Names::get`]).
    pub fn stored(&self, lang: Lang) -> &str {
        match lang.stored() {
            Lang::En => &self.en,
            Lang::Kk | Lang::KkLatn => &self.kk,
            Lang::Ru => &self.ru,
        }
    }

    /// The name in one language, in its script.
    ///
    /// ```
    /// use bridge_map::data::topology::{Lang, Names};
    /// let n = Names { en: "Kazakhstan".into(), kk: "Қазақстан".into(), ru: "Казахстан".into() };
    /// assert_eq!(n.get(Lang::KkLatn), "Qazaqstan");
    /// ```
    pub fn get(&self, lang: Lang) -> Cow<'_, str> {
        lang.write(self.stored(lang))
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

/// One lake as stored: polygons → rings (the shore, then its islands),
/// each ring one closed arc. The countries' polygons cover it as land; the
/// map paints it as water on top and finds no country there.
#[derive(Clone, Debug, PartialEq)]
pub struct LakeRecord {
    /// Its polygons (the Aral Sea has several); each is its rings' arcs.
    pub polygons: Vec<Vec<ArcRef>>,
}

/// Everything the base geometry file holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Topology {
    /// Every border, coast and lake shore, once, as points in degrees (the
    /// coarse level, in a base file with a detail file).
    pub arcs: Vec<Vec<LonLat>>,
    /// Every country.
    pub countries: Vec<CountryRecord>,
    /// Every lake drawn as water over the land (none in a version 2 file).
    pub lakes: Vec<LakeRecord>,
    /// Where the same arcs at full detail are, relative to this file's URL
    /// (empty: there is no detail file).
    pub detail: String,
    /// Where the fine file is, relative to this file's URL: a base-kind
    /// file of its own, finer geometry for part of the map, drawn close up
    /// (empty: there is none; always so before version 4).
    pub fine: String,
    /// The region of the projected plane where the geometry is exact, as
    /// rectangles; outside it the file may leave things out. Empty: the
    /// file claims nothing.
    pub keep: Vec<WorldRect>,
    /// The file's CRC-32, which its detail file repeats.
    pub crc: u32,
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
/// The version written: 3 added the lakes to the base file, 4 the name of
/// the fine file.
pub const VERSION: u16 = 4;
/// The oldest version read: a version 2 base file has no lakes section.
pub const OLDEST_VERSION: u16 = 2;
/// The file kind of the base file: countries, names and the coarse arcs.
const KIND_BASE: u8 = 1;
/// The file kind of the detail file: the same arcs at full detail.
const KIND_DETAIL: u8 = 2;
/// "BMAP", version, kind, reserved byte, four f64, and the CRC trailer.
const MIN_LEN: usize = 4 + 2 + 1 + 1 + 32 + 4;

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

    fn u8(&mut self) -> Result<u8, DataError> {
        Ok(self.take(1)?[0])
    }

    fn u32(&mut self) -> Result<u32, DataError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
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
            let b = self.u8()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(DataError::BadInteger { offset: start })
    }

    fn svarint(&mut self) -> Result<i64, DataError> {
        Ok(unzigzag(self.varint()?))
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

fn unzigzag(v: u64) -> i64 {
    ((v >> 1) as i64) ^ -((v & 1) as i64)
}

/// The checked header of either kind of file: the reader (past the header,
/// before the CRC trailer), the file's version and kind, its quantisation
/// (`lon = qx·sx + tx`, `lat = qy·sy + ty`) and its CRC.
struct Opened<'a> {
    r: Reader<'a>,
    version: u16,
    kind: u8,
    transform: [f64; 4],
    crc: u32,
}

fn open(bytes: &[u8]) -> Result<Opened<'_>, DataError> {
    if bytes.is_empty() {
        return Err(DataError::Empty);
    }
    if bytes.len() < 4 || &bytes[..4] != MAGIC {
        // A file cut inside its magic is cut, not foreign.
        if MAGIC.starts_with(bytes) {
            return Err(DataError::Truncated {
                offset: bytes.len(),
            });
        }
        return Err(DataError::BadMagic);
    }
    if bytes.len() < MIN_LEN {
        return Err(DataError::Truncated {
            offset: bytes.len(),
        });
    }
    let (body, trailer) = bytes.split_at(bytes.len() - 4);
    let mut r = Reader {
        bytes: body,
        pos: 4,
    };
    let version = u16::from_le_bytes([body[4], body[5]]);
    r.pos = 6;
    if !(OLDEST_VERSION..=VERSION).contains(&version) {
        return Err(DataError::UnsupportedVersion(version));
    }
    let expected = u32::from_le_bytes([trailer[0], trailer[1], trailer[2], trailer[3]]);
    let actual = crc32::hash(body);
    if expected != actual {
        return Err(DataError::ChecksumMismatch { expected, actual });
    }
    let kind = r.u8()?;
    let _reserved = r.u8()?;
    let transform = [r.f64()?, r.f64()?, r.f64()?, r.f64()?];
    Ok(Opened {
        r,
        version,
        kind,
        transform,
        crc: expected,
    })
}

/// The arcs block: a count, every arc's point count, then all x deltas and
/// all y deltas. The first point of an arc is relative to the last point of
/// the arc before it (of (0, 0) for the first arc).
fn read_arcs(
    r: &mut Reader<'_>,
    [sx, sy, tx, ty]: [f64; 4],
) -> Result<Vec<Vec<LonLat>>, DataError> {
    let n_arcs = r.count(1)?;
    let mut lens = Vec::with_capacity(n_arcs);
    let mut total: usize = 0;
    for arc in 0..n_arcs {
        let n = r.count(2)?;
        if n < 2 {
            return Err(DataError::BadArc { arc });
        }
        total = total.saturating_add(n);
        lens.push(n);
    }
    // Every point takes at least one byte per axis.
    if total.saturating_mul(2) > r.bytes.len() - r.pos {
        return Err(DataError::Truncated {
            offset: r.bytes.len(),
        });
    }
    let mut xs = Vec::with_capacity(total);
    let mut q = 0i64;
    for _ in 0..total {
        q = q.wrapping_add(r.svarint()?);
        xs.push(q);
    }
    let mut arcs = Vec::with_capacity(n_arcs);
    let mut xs = xs.into_iter();
    q = 0;
    for (arc, n) in lens.into_iter().enumerate() {
        let mut pts = Vec::with_capacity(n);
        for qx in xs.by_ref().take(n) {
            q = q.wrapping_add(r.svarint()?);
            let p = LonLat::new(qx as f64 * sx + tx, q as f64 * sy + ty);
            // Natural Earth reaches exactly ±180/±90; allow rounding noise.
            if !(p.lon.abs() <= 180.0 + 1e-6 && p.lat.abs() <= 90.0 + 1e-6) {
                return Err(DataError::BadArc { arc });
            }
            pts.push(LonLat::new(
                p.lon.clamp(-180.0, 180.0),
                p.lat.clamp(-90.0, 90.0),
            ));
        }
        arcs.push(pts);
    }
    Ok(arcs)
}

/// Decodes a base `BMAP` file: the countries and the (coarse) arcs.
///
/// ```
/// use bridge_map::data::topology::decode;
/// use bridge_map::data::error::DataError;
/// assert_eq!(decode(b""), Err(DataError::Empty));
/// assert_eq!(decode(b"<!doctype html>"), Err(DataError::BadMagic));
/// ```
pub fn decode(bytes: &[u8]) -> Result<Topology, DataError> {
    let Opened {
        mut r,
        version,
        kind,
        transform,
        crc,
    } = open(bytes)?;
    if kind != KIND_BASE {
        return Err(DataError::WrongKind { found: kind });
    }
    let detail = r.string()?;
    let fine = if version >= 4 {
        r.string()?
    } else {
        String::new()
    };
    let n_keep = r.count(32)?;
    let mut keep = Vec::with_capacity(n_keep);
    for _ in 0..n_keep {
        let (x0, y0, x1, y1) = (r.f64()?, r.f64()?, r.f64()?, r.f64()?);
        keep.push(WorldRect {
            min: World::new(x0, y0),
            max: World::new(x1, y1),
        });
    }
    let arcs = read_arcs(&mut r, transform)?;

    let n_countries = r.count(3)?;
    let mut ids = Vec::with_capacity(n_countries);
    // One flag per possible id (26³ of them): no hash set's code in the wasm.
    let mut seen = vec![false; 26 * 26 * 26];
    for _ in 0..n_countries {
        let id_offset = r.pos;
        let id = std::str::from_utf8(r.take(3)?)
            .ok()
            .and_then(CountryId::parse)
            .ok_or(DataError::BadId { offset: id_offset })?;
        let [a, b, c] = id.0.map(|l| usize::from(l - b'A'));
        if std::mem::replace(&mut seen[(a * 26 + b) * 26 + c], true) {
            return Err(DataError::DuplicateId(id.as_str().to_owned()));
        }
        ids.push(id);
    }
    let mut names = vec![Names::default(); n_countries];
    for lang in Lang::STORED {
        for n in names.iter_mut() {
            let name = r.string()?;
            match lang {
                Lang::En => n.en = name,
                Lang::Kk | Lang::KkLatn => n.kk = name,
                Lang::Ru => n.ru = name,
            }
        }
    }
    // The shape of every country (polygons, rings, references per ring),
    // then all references.
    let mut shapes: Vec<Vec<Vec<usize>>> = Vec::with_capacity(n_countries);
    for _ in 0..n_countries {
        let n_polygons = r.count(1)?;
        let mut polygons = Vec::with_capacity(n_polygons);
        for _ in 0..n_polygons {
            let n_rings = r.count(1)?;
            let mut rings = Vec::with_capacity(n_rings);
            for _ in 0..n_rings {
                rings.push(r.count(1)?);
            }
            polygons.push(rings);
        }
        shapes.push(polygons);
    }
    // A reference is 0 for the next arc not used before, forwards (arcs are
    // numbered by first use), or zigzag(r) + 1 for any other reference r.
    let mut next: i64 = 0;
    // One past the last arc a country uses: the lakes' arcs follow.
    let mut after_countries: usize = 0;
    let mut countries = Vec::with_capacity(n_countries);
    for ((id, names), shape) in ids.into_iter().zip(names).zip(shapes) {
        let mut polygons = Vec::with_capacity(shape.len());
        for rings in shape {
            let mut out = Vec::with_capacity(rings.len());
            for n_refs in rings {
                let mut ring = Vec::with_capacity(n_refs);
                for _ in 0..n_refs {
                    let code = r.varint()?;
                    let a = if code == 0 {
                        next += 1;
                        ArcRef(next - 1)
                    } else {
                        ArcRef(unzigzag(code - 1))
                    };
                    if a.index() >= arcs.len() {
                        return Err(DataError::ArcOutOfRange {
                            country: id.as_str().to_owned(),
                            arc: a.0,
                        });
                    }
                    after_countries = after_countries.max(a.index() + 1);
                    ring.push(a);
                }
                out.push(ring);
            }
            polygons.push(out);
        }
        countries.push(CountryRecord {
            id,
            names,
            polygons,
        });
    }
    // Version 3: the lakes, each its polygons' numbers of rings. Every lake
    // ring is one closed arc of its own: the arcs after the last one a
    // country uses, in order. A count of rings past the last arc is too
    // large.
    let mut lakes = Vec::new();
    if version >= 3 {
        let n_lakes = r.count(1)?;
        let mut arc = after_countries;
        for _ in 0..n_lakes {
            let n_polygons = r.count(1)?;
            let mut polygons = Vec::with_capacity(n_polygons);
            for _ in 0..n_polygons {
                let offset = r.pos;
                let n_rings = r.varint()? as usize;
                if n_rings > arcs.len() - arc {
                    return Err(DataError::BadInteger { offset });
                }
                let mut rings = Vec::with_capacity(n_rings);
                for _ in 0..n_rings {
                    rings.push(ArcRef(arc as i64));
                    arc += 1;
                }
                polygons.push(rings);
            }
            lakes.push(LakeRecord { polygons });
        }
    }
    if r.pos != r.bytes.len() {
        return Err(DataError::TrailingBytes { offset: r.pos });
    }
    Ok(Topology {
        arcs,
        countries,
        lakes,
        detail,
        fine,
        keep,
        crc,
    })
}

/// Decodes a detail `BMAP` file: the arcs of `base` at full detail. It
/// must name `base` by its CRC and hold as many arcs.
pub fn decode_detail(bytes: &[u8], base: &Topology) -> Result<Vec<Vec<LonLat>>, DataError> {
    let Opened {
        mut r,
        kind,
        transform,
        ..
    } = open(bytes)?;
    if kind != KIND_DETAIL {
        return Err(DataError::WrongKind { found: kind });
    }
    if r.u32()? != base.crc {
        return Err(DataError::DetailMismatch);
    }
    let arcs = read_arcs(&mut r, transform)?;
    if arcs.len() != base.arcs.len() {
        return Err(DataError::DetailMismatch);
    }
    if r.pos != r.bytes.len() {
        return Err(DataError::TrailingBytes { offset: r.pos });
    }
    Ok(arcs)
}

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

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn header(out: &mut Vec<u8>, kind: u8, quantum: f64) {
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&VERSION.to_le_bytes());
    out.extend_from_slice(&[kind, 0]);
    for v in [quantum, quantum, -180.0, -90.0] {
        out.extend_from_slice(&v.to_le_bytes());
    }
}

fn write_arcs(out: &mut Vec<u8>, arcs: &[Vec<LonLat>], quantum: f64) {
    varint(out, arcs.len() as u64);
    for arc in arcs {
        varint(out, arc.len() as u64);
    }
    let quantised = |p: &LonLat| {
        (
            ((p.lon + 180.0) / quantum).round() as i64,
            ((p.lat + 90.0) / quantum).round() as i64,
        )
    };
    for axis in 0..2 {
        let mut prev = 0i64;
        for p in arcs.iter().flatten() {
            let (qx, qy) = quantised(p);
            let q = if axis == 0 { qx } else { qy };
            varint(out, zigzag(q - prev));
            prev = q;
        }
    }
}

fn seal(mut out: Vec<u8>) -> Vec<u8> {
    let crc = crc32::hash(&out);
    out.extend_from_slice(&crc.to_le_bytes());
    out
}

/// Encodes a topology as a base `BMAP` file. The build tool is the
/// canonical writer; this exists so tests can make small and deliberately
/// broken files. Every reference is written explicitly (never as "the next
/// new arc"), which the format allows.
pub fn encode(topo: &Topology, quantum: f64) -> Vec<u8> {
    let mut out = Vec::new();
    header(&mut out, KIND_BASE, quantum);
    for name in [&topo.detail, &topo.fine] {
        varint(&mut out, name.len() as u64);
        out.extend_from_slice(name.as_bytes());
    }
    varint(&mut out, topo.keep.len() as u64);
    for r in &topo.keep {
        for v in [r.min.x, r.min.y, r.max.x, r.max.y] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    write_arcs(&mut out, &topo.arcs, quantum);
    varint(&mut out, topo.countries.len() as u64);
    for c in &topo.countries {
        out.extend_from_slice(c.id.as_str().as_bytes());
    }
    for lang in Lang::STORED {
        for c in &topo.countries {
            let name = c.names.stored(lang);
            varint(&mut out, name.len() as u64);
            out.extend_from_slice(name.as_bytes());
        }
    }
    for c in &topo.countries {
        varint(&mut out, c.polygons.len() as u64);
        for poly in &c.polygons {
            varint(&mut out, poly.len() as u64);
            for ring in poly {
                varint(&mut out, ring.len() as u64);
            }
        }
    }
    for a in topo
        .countries
        .iter()
        .flat_map(|c| c.polygons.iter().flatten().flatten())
    {
        varint(&mut out, zigzag(a.0) + 1);
    }
    // The lakes: every ring's one arc must be the next after the last one
    // a country uses (the decoder numbers them so); they are not written.
    varint(&mut out, topo.lakes.len() as u64);
    for lake in &topo.lakes {
        varint(&mut out, lake.polygons.len() as u64);
        for poly in &lake.polygons {
            varint(&mut out, poly.len() as u64);
        }
    }
    seal(out)
}

/// Encodes arcs as a detail `BMAP` file for the base file whose CRC is
/// `base_crc` (for tests, like [`encode`]).
pub fn encode_detail(arcs: &[Vec<LonLat>], quantum: f64, base_crc: u32) -> Vec<u8> {
    let mut out = Vec::new();
    header(&mut out, KIND_DETAIL, quantum);
    out.extend_from_slice(&base_crc.to_le_bytes());
    write_arcs(&mut out, arcs, quantum);
    seal(out)
}
