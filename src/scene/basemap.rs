//! The prepared basemap: countries projected once, simplified per zoom level
//! and indexed, ready to be culled, drawn and hit-tested.
//!
//! Second step of the pipeline, after [`crate::data::topology`]. It holds two
//! [`Level`]s of the same topology: the *coarse* level from the base file,
//! there from the first frame and drawn below [`COARSE_ZOOM`], and the full
//! *detail*, added when the detail file arrives and drawn from
//! [`COARSE_ZOOM`] up. The projection is fixed (panning and zooming only move
//! the view over the projected plane), so all trigonometry happens here,
//! once per level, when it loads:
//!
//! 1. every TopoJSON arc is projected to [`World`] space and split at the
//!    conic's cut if it crosses it ([`crate::geo::antimeridian`]);
//! 2. each projected polyline (*piece*) is simplified with geo's
//!    Douglas–Peucker for each level of detail. Rings are rebuilt from
//!    simplified arcs, so neighbouring countries keep sharing exact vertices
//!    and no gaps open between them at any zoom;
//! 3. arcs are classified as coastline (used by one country) or border (used
//!    by two); arcs Natural Earth adds along 180°E to split Russia and Fiji
//!    are used twice by the same country and are not stroked at all;
//! 4. polygons and strokes keep their bounding boxes, for viewport culling
//!    and hit-testing by a scan (a few thousand boxes: microseconds, and
//!    about 5.5 KB less gzipped wasm than rstar's trees).

use crate::data::error::DataError;
use crate::data::topology::{ArcRef, CountryId, CountryRecord, Names, Topology};
use crate::geo::antimeridian::{cut_polygon, split_line};
use crate::geo::coords::{LonLat, World, WorldRect};
use crate::geo::projection::Projection;
use crate::geo::view::scale_for_zoom;
use crate::scene::sort::sort_by;
use geo::{Area, BoundingRect, LineString, Polygon, SimplifyIdx};
use std::sync::OnceLock;

/// The country the map is about (ISO 3166-1 alpha-3): filled gold, its
/// routes and markers drawn stronger, its name labelled first.
pub const KAZAKHSTAN: &str = "KAZ";

/// Below this zoom the coarse level is drawn, even once the full detail has
/// arrived: it is simplified for this zoom (`tools/build-data.mjs`
/// `COARSE_ZOOM`), and it is much cheaper to draw.
pub const COARSE_ZOOM: f64 = 4.0;

/// From this zoom the fine level (Natural Earth 1:10m for the corridors'
/// region, `data/countries-10m.bmap`) is drawn, once it has arrived, in
/// views that lie inside its region; elsewhere the full 1:50m detail.
pub const FINE_ZOOM: f64 = 5.0;

/// Zoom levels with their own simplified geometry, made at run time from
/// each level's points. Drawing at zoom `z` uses the first level at or
/// above `z`; above the last one the level's own points are used.
pub const LOD_ZOOMS: [f64; 6] = [2.0, 3.0, 4.0, 5.0, 6.0, 7.0];

/// Largest allowed deviation of simplified geometry, in CSS pixels at the
/// level's own zoom. Below half a pixel the eye cannot see the difference.
pub const LOD_TOLERANCE_PX: f64 = 0.35;

/// A projected polyline with one simplified version per level of detail
/// (index `LOD_ZOOMS.len()` and above is the level's own points).
///
/// Simplified versions are made on first use: the first frame only pays
/// for the level it draws, and levels never visited are never computed.
/// Douglas–Peucker keeps a subset of the points, so a version is kept as
/// the indices of the points it keeps (4 bytes each), not as copies of
/// them (16 bytes each): they stay in memory for the life of the map, and
/// filled in as a visitor pans and zooms everywhere, every version the map
/// can draw of the shipped detail and fine levels would take 4.3 MB as
/// copies, 1.1 MB as indices (`tests/levels.rs`).
#[derive(Clone, Debug)]
pub struct Piece {
    full: Vec<World>,
    /// The points' bounding box.
    pub bbox: WorldRect,
    lods: [OnceLock<Vec<u32>>; LOD_ZOOMS.len()],
}

impl Piece {
    fn new(points: Vec<World>) -> Piece {
        let bbox = WorldRect::around(points.iter().copied()).unwrap_or(WorldRect {
            min: World::default(),
            max: World::default(),
        });
        Piece {
            full: points,
            bbox,
            lods: Default::default(),
        }
    }

    /// The points at a level of detail (see [`lod_for_zoom`]).
    pub fn points(&self, lod: usize) -> Points<'_> {
        let kept = match (self.lods.get(lod), LOD_ZOOMS.get(lod)) {
            (Some(cell), Some(&zoom)) => Some(
                cell.get_or_init(|| {
                    let eps = LOD_TOLERANCE_PX / scale_for_zoom(zoom);
                    let line =
                        LineString::from(self.full.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>());
                    // A piece has far fewer than 2³² points.
                    line.simplify_idx(eps)
                        .into_iter()
                        .map(|i| i as u32)
                        .collect()
                })
                .as_slice(),
            ),
            _ => None,
        };
        Points {
            full: &self.full,
            kept,
        }
    }

    /// Every point, as the level's own file has them.
    pub fn full(&self) -> &[World] {
        &self.full
    }

    /// Heap bytes of the simplified versions made so far.
    pub fn simplified_bytes(&self) -> usize {
        self.lods
            .iter()
            .filter_map(OnceLock::get)
            .map(|k| k.capacity() * std::mem::size_of::<u32>())
            .sum()
    }
}

/// A piece's points at one level of detail ([`Piece::points`]): all of
/// them, or those the level keeps.
#[derive(Clone, Copy, Debug)]
pub struct Points<'a> {
    full: &'a [World],
    /// The indices of the kept points; `None`: all of them.
    kept: Option<&'a [u32]>,
}

impl<'a> Points<'a> {
    /// How many points there are.
    pub fn len(&self) -> usize {
        self.kept.map_or(self.full.len(), <[u32]>::len)
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th point; `i` must be below [`Points::len`].
    pub fn at(&self, i: usize) -> World {
        self.full[self.kept.map_or(i, |k| k[i] as usize)]
    }

    /// The points, in order (reversible).
    pub fn iter(self) -> impl DoubleEndedIterator<Item = World> + ExactSizeIterator + 'a {
        (0..self.len()).map(move |i| self.at(i))
    }
}

/// Which level of detail to draw at a zoom.
///
/// ```
/// use bridge_map::scene::basemap::{lod_for_zoom, LOD_ZOOMS};
/// assert_eq!(lod_for_zoom(1.0), 0);
/// assert_eq!(lod_for_zoom(3.0), 1);
/// assert_eq!(lod_for_zoom(3.2), 2);
/// assert_eq!(lod_for_zoom(12.0), LOD_ZOOMS.len());
/// ```
pub fn lod_for_zoom(zoom: f64) -> usize {
    LOD_ZOOMS
        .iter()
        .position(|&z| z >= zoom - 1e-9)
        .unwrap_or(LOD_ZOOMS.len())
}

/// A piece used forwards or backwards inside a ring.
#[derive(Clone, Copy, Debug)]
pub struct PieceRef {
    /// Index into [`Level::pieces`].
    pub piece: usize,
    /// True when the ring runs along the piece backwards.
    pub reversed: bool,
}

/// One ring of a polygon: its pieces, and the box around them.
#[derive(Clone, Debug)]
pub struct FillRing {
    /// The pieces, in order.
    pub pieces: Vec<PieceRef>,
    /// The ring's bounding box, for culling.
    pub bbox: WorldRect,
}

/// One polygon of a country: rings of piece references, outline first.
#[derive(Clone, Debug)]
pub struct FillPolygon {
    /// The outline, then the holes.
    pub rings: Vec<FillRing>,
    /// The outline's bounding box.
    pub bbox: WorldRect,
}

/// Where a country's label goes, and how much room it has there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LabelAnchor {
    /// Where the label's centre goes.
    pub at: World,
    /// Width of the country along the horizontal line through `at`, in
    /// world units; labels wider than this on screen would spill over.
    pub room: f64,
}

/// A country: who it is, and what its coarse level says about its size and
/// where its name goes (the same before and after the detail arrives, so
/// labels never jump).
#[derive(Clone, Debug)]
pub struct Country {
    /// The country's three-letter id.
    pub id: CountryId,
    /// Its names.
    pub names: Names,
    /// The box around every polygon.
    pub bbox: WorldRect,
    /// Area on the projection in square Earth radii (equal-area, so it ranks
    /// countries by real size).
    pub area: f64,
    /// Where its name goes, if it has room anywhere.
    pub label: Option<LabelAnchor>,
}

/// Whether a stroked line is a coastline or a land border.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineKind {
    /// A coastline: one country on one side.
    Coast,
    /// A land border between two countries.
    Border,
}

/// A stroked line and the countries on either side.
#[derive(Clone, Debug)]
pub struct Line {
    /// Index into [`Level::pieces`].
    pub piece: usize,
    /// Coast or border.
    pub kind: LineKind,
    /// The one or two countries it bounds, by index (none for a lake's
    /// shore).
    pub countries: [Option<usize>; 2],
}

/// One level of detail of every country: pieces, polygons, lines and the
/// shapes to hit-test them.
pub struct Level {
    /// Every projected polyline, with its simplified copies.
    pub pieces: Vec<Piece>,
    /// Every country's polygons (same order as [`Basemap::countries`]), cut
    /// at the seam where needed.
    pub polygons: Vec<Vec<FillPolygon>>,
    /// All the land as rings, for one fill: the coasts chained into closed
    /// rings, without the borders between countries, which two neighbours
    /// would each trace once more and which cancel out. It covers the lakes
    /// too, which are painted over it.
    pub land: Vec<FillRing>,
    /// Every lake's polygons (the shore, then its islands), in file order:
    /// water painted over the land.
    pub lakes: Vec<FillPolygon>,
    /// Coasts, lake shores and borders to stroke.
    pub lines: Vec<Line>,
    shapes: Vec<Vec<Polygon<f64>>>,
    lake_shapes: Vec<Polygon<f64>>,
    /// For each of [`Level::lakes`], the box round its whole lake.
    lake_boxes: Vec<WorldRect>,
}

/// The whole prepared basemap: the countries, the coarse level from the
/// base file and, once it has arrived, the full detail.
pub struct Basemap {
    /// The projection every point was projected with.
    pub projection: Projection,
    /// Every country, in file order.
    pub countries: Vec<Country>,
    /// The base file's level: coarse when the file has a detail file.
    pub coarse: Level,
    /// The full detail, once [`Basemap::add_detail`] has it.
    pub detail: Option<Level>,
    /// The fine level, once [`Basemap::add_fine`] has it.
    pub fine: Option<Level>,
    /// Where the fine level is exact (its file's kept region).
    fine_region: Vec<WorldRect>,
    /// Meridians and parallels every 10°, thinned per zoom like the arcs
    /// (meridians are straight on this conic, parallels gentle arcs).
    pub graticule: Vec<Piece>,
    /// Every country's area, for hit-testing's tie-break.
    areas: Vec<f64>,
    /// The base file has a detail file, so its own level is the coarse one,
    /// simplified for [`COARSE_ZOOM`] (else it may be anything, even full
    /// detail, and is thinned at run time like the detail).
    coarse_for_zoom: bool,
}

fn to_geo_ring(points: &[World]) -> LineString<f64> {
    LineString::from(points.iter().map(|p| (p.x, p.y)).collect::<Vec<_>>())
}

impl Level {
    /// Projects, splits and indexes `arcs` as the rings of `topo`'s
    /// countries use them.
    // Never inlined: the largest function of the geometry, called for the
    // base, the detail and the fine file; a copy in any caller would only
    // add to the wasm.
    #[inline(never)]
    fn build(topo: &Topology, arcs: &[Vec<LonLat>], projection: &Projection) -> Level {
        let mut pieces: Vec<Piece> = Vec::new();
        // arc index → its pieces (one unless the arc crosses the cut)
        let arc_pieces: Vec<Vec<usize>> = arcs
            .iter()
            .map(|arc| {
                split_line(projection, arc)
                    .into_iter()
                    .map(|pts| {
                        pieces.push(Piece::new(pts));
                        pieces.len() - 1
                    })
                    .collect()
            })
            .collect();

        // Who uses each arc, for coast/border classification.
        let mut arc_users: Vec<Vec<usize>> = vec![Vec::new(); arcs.len()];
        for (ci, c) in topo.countries.iter().enumerate() {
            for r in c.polygons.iter().flatten().flatten() {
                if let Some(users) = arc_users.get_mut(r.index()) {
                    users.push(ci);
                }
            }
        }
        let ring_lonlat = |ring: &[ArcRef]| -> Vec<LonLat> {
            let mut out: Vec<LonLat> = Vec::new();
            for r in ring {
                let Some(arc) = arcs.get(r.index()) else {
                    continue;
                };
                let skip = usize::from(!out.is_empty());
                if r.reversed() {
                    out.extend(arc.iter().rev().skip(skip));
                } else {
                    out.extend(arc.iter().skip(skip));
                }
            }
            out
        };

        let mut all_polygons = Vec::with_capacity(topo.countries.len());
        let mut all_shapes = Vec::with_capacity(topo.countries.len());
        // For the land as one fill: how often whole polygons run along each
        // arc, and which way; the rings of polygons cut at the seam.
        let mut land_uses: Vec<Vec<bool>> = vec![Vec::new(); arcs.len()];
        let mut land_cut: Vec<Vec<PieceRef>> = Vec::new();
        for record in &topo.countries {
            let mut polygons = Vec::new();
            let mut shapes = Vec::new();
            for poly in &record.polygons {
                let whole = poly
                    .iter()
                    .flatten()
                    .all(|r| arc_pieces.get(r.index()).is_some_and(|p| p.len() == 1));
                if whole {
                    for r in poly.iter().flatten() {
                        land_uses[r.index()].push(r.reversed());
                    }
                    let rings: Vec<Vec<PieceRef>> = poly
                        .iter()
                        .map(|ring| {
                            ring.iter()
                                .map(|r: &ArcRef| PieceRef {
                                    piece: arc_pieces[r.index()][0],
                                    reversed: r.reversed(),
                                })
                                .collect()
                        })
                        .collect();
                    let full: Vec<Vec<World>> = rings
                        .iter()
                        .map(|ring| ring_points(&pieces, ring, LOD_ZOOMS.len()))
                        .collect();
                    push_polygon(&mut polygons, &mut shapes, rings, &full);
                } else {
                    let lonlat: Vec<Vec<LonLat>> =
                        poly.iter().map(|ring| ring_lonlat(ring)).collect();
                    // None: a pole-enclosing ring, which this conic cannot show.
                    for cut in cut_polygon(projection, &lonlat).unwrap_or_default() {
                        let rings: Vec<Vec<PieceRef>> = cut
                            .iter()
                            .map(|ring| {
                                pieces.push(Piece::new(ring.clone()));
                                vec![PieceRef {
                                    piece: pieces.len() - 1,
                                    reversed: false,
                                }]
                            })
                            .collect();
                        land_cut.extend(rings.iter().cloned());
                        push_polygon(&mut polygons, &mut shapes, rings, &cut);
                    }
                }
            }
            all_polygons.push(polygons);
            all_shapes.push(shapes);
        }

        // The lakes: not part of the land's fill, painted over it. Every
        // ring is one arc; a lake the conic's cut splits (none: they are
        // all in Asia, and tools/build-data.mjs refuses others) is left out.
        let mut lakes = Vec::new();
        let mut lake_shapes = Vec::new();
        let mut lake_boxes: Vec<WorldRect> = Vec::new();
        let mut lake_record: Vec<usize> = Vec::new();
        let mut lake_arc = vec![false; arcs.len()];
        'lakes: for (poly, record) in topo
            .lakes
            .iter()
            .enumerate()
            .flat_map(|(i, l)| l.polygons.iter().map(move |p| (p, i)))
        {
            let mut rings = Vec::with_capacity(poly.len());
            for r in poly {
                let Some([piece]) = arc_pieces.get(r.index()).map(Vec::as_slice) else {
                    continue 'lakes;
                };
                rings.push(vec![PieceRef {
                    piece: *piece,
                    reversed: r.reversed(),
                }]);
            }
            let mut full = Vec::with_capacity(rings.len());
            for (ring, r) in rings.iter().zip(poly) {
                lake_arc[r.index()] = true;
                full.push(ring_points(&pieces, ring, LOD_ZOOMS.len()));
            }
            // A polygon without rings (the format allows one) adds no
            // lake, and so no record: `lake_record` stays in step with
            // `lakes`.
            if push_polygon(&mut lakes, &mut lake_shapes, rings, &full) {
                lake_record.push(record);
            }
        }
        // Each polygon's lake's box: the whole Aral, not the basin a name
        // stands on. A lake's polygons are one run of records (they are
        // added in file order), so one pass finds every box: a scan per
        // polygon made a file of many small lakes take quadratic time.
        let mut first = 0;
        for run in lake_record.chunk_by(|a, b| a == b) {
            let polygons = &lakes[first..first + run.len()];
            first += run.len();
            if let Some(whole) =
                WorldRect::around(polygons.iter().flat_map(|p| [p.bbox.min, p.bbox.max]))
            {
                lake_boxes.extend(std::iter::repeat_n(whole, run.len()));
            }
        }

        let mut lines = Vec::new();
        for (arc, users) in arc_users.iter().enumerate() {
            let kind = match users.as_slice() {
                [_] => LineKind::Coast,
                [a, b] if a != b => LineKind::Border,
                // A lake's shore is stroked like a coast.
                [] if lake_arc[arc] => LineKind::Coast,
                // Natural Earth's 180° seams (same country twice) and arcs
                // no country uses: nothing to stroke.
                _ => continue,
            };
            for &piece in &arc_pieces[arc] {
                lines.push(Line {
                    piece,
                    kind,
                    countries: [users.first().copied(), users.get(1).copied()],
                });
            }
        }

        let land = land_rings(&pieces, &arc_pieces, &land_uses, land_cut);
        Level {
            pieces,
            polygons: all_polygons,
            land,
            lakes,
            lines,
            shapes: all_shapes,
            lake_shapes,
            lake_boxes,
        }
    }

    /// Heap bytes of the pieces' simplified versions made so far (see
    /// [`Piece`]).
    pub fn simplified_bytes(&self) -> usize {
        self.pieces.iter().map(Piece::simplified_bytes).sum()
    }

    /// Points of a ring at a level of detail, shared arc ends once.
    pub fn ring(&self, ring: &[PieceRef], lod: usize) -> Vec<World> {
        ring_points(&self.pieces, ring, lod)
    }

    /// Polygons whose bounding box meets `area`, as (country, polygon).
    pub fn polygons_in(&self, area: &WorldRect) -> impl Iterator<Item = (usize, usize)> + '_ {
        let area = *area;
        self.polygons
            .iter()
            .enumerate()
            .flat_map(move |(ci, polygons)| {
                polygons
                    .iter()
                    .enumerate()
                    .filter(move |(_, p)| p.bbox.intersects(&area))
                    .map(move |(pi, _)| (ci, pi))
            })
    }

    /// Lines whose bounding box meets `area`.
    pub fn lines_in(&self, area: &WorldRect) -> impl Iterator<Item = &Line> + '_ {
        let area = *area;
        self.lines
            .iter()
            .filter(move |l| self.pieces[l.piece].bbox.intersects(&area))
    }

    /// True when a point of the projected plane is on a lake's water (not
    /// on one of its islands).
    pub fn lake_at_world(&self, w: World) -> bool {
        self.lake_box_at_world(w).is_some()
    }

    /// The box round the whole lake (all its basins) whose water holds a
    /// point of the plane.
    pub fn lake_box_at_world(&self, w: World) -> Option<WorldRect> {
        let at = WorldRect { min: w, max: w };
        self.lakes
            .iter()
            .zip(&self.lake_shapes)
            .zip(&self.lake_boxes)
            .find(|((p, s), _)| p.bbox.intersects(&at) && inside(s, w))
            .map(|(_, b)| *b)
    }

    /// The country whose land holds a point of the projected plane, if
    /// any: its polygons, lakes in them included (see
    /// [`Basemap::country_at_world`] for what the map shows there).
    pub fn country_at_world(&self, w: World, area: &[f64]) -> Option<usize> {
        // Enclaves (Lesotho in South Africa) sit inside a hole of their
        // host, so at most one country contains the point; if the data ever
        // overlaps, the smaller feature is the one under the pointer. Folded
        // without collecting: hover runs this on every pointer move.
        self.polygons_in(&WorldRect { min: w, max: w })
            .filter(|&(ci, pi)| {
                self.shapes
                    .get(ci)
                    .and_then(|s| s.get(pi))
                    .is_some_and(|s| inside(s, w))
            })
            .map(|(ci, _)| ci)
            .min_by(|&a, &b| area[a].total_cmp(&area[b]))
    }
}

impl Basemap {
    /// Projects, splits, simplifies and indexes a decoded base file.
    pub fn build(topo: &Topology, projection: Projection) -> Basemap {
        let coarse = Level::build(topo, &topo.arcs, &projection);
        let countries = topo
            .countries
            .iter()
            .zip(&coarse.polygons)
            .zip(&coarse.shapes)
            .map(|((record, polygons), shapes)| Country {
                id: record.id,
                names: record.names.clone(),
                bbox: WorldRect::around(polygons.iter().flat_map(|p| [p.bbox.min, p.bbox.max]))
                    .unwrap_or(WorldRect {
                        min: World::default(),
                        max: World::default(),
                    }),
                area: shapes.iter().map(|s| s.unsigned_area()).sum(),
                label: label_anchor(shapes),
            })
            .collect::<Vec<_>>();
        let graticule = graticule(&projection).into_iter().map(Piece::new).collect();
        let areas = countries.iter().map(|c| c.area).collect();
        Basemap {
            projection,
            countries,
            coarse,
            detail: None,
            fine: None,
            fine_region: Vec::new(),
            graticule,
            areas,
            coarse_for_zoom: !topo.detail.is_empty(),
        }
    }

    /// Adds the full detail: `arcs` are the base file's arcs from its detail
    /// file ([`crate::data::topology::decode_detail`]), used by the same
    /// rings.
    pub fn add_detail(&mut self, topo: &Topology, arcs: &[Vec<LonLat>]) {
        self.detail = Some(Level::build(topo, arcs, &self.projection));
    }

    /// Adds the fine level from a decoded fine file: its countries are
    /// matched to the base's by id (one it does not have gets no polygons
    /// there, and its region should not reach it).
    pub fn add_fine(&mut self, mut fine: Topology) -> Result<(), DataError> {
        // Once only (the shell asks once): a level is never replaced.
        if self.fine.is_some() {
            return Ok(());
        }
        // Its countries, moved into the base's order.
        let mut countries: Vec<CountryRecord> = self
            .countries
            .iter()
            .map(|c| CountryRecord {
                id: c.id,
                names: Names::default(),
                polygons: Vec::new(),
            })
            .collect();
        for record in fine.countries.drain(..) {
            let at = self
                .countries
                .iter()
                .position(|c| c.id == record.id)
                .ok_or_else(|| DataError::FineMismatch(record.id.as_str().to_owned()))?;
            countries[at].polygons = record.polygons;
        }
        fine.countries = countries;
        self.fine = Some(Level::build(&fine, &fine.arcs, &self.projection));
        self.fine_region = fine.keep;
        Ok(())
    }

    /// The level drawn at a zoom over `area` (the view's drawn area, or a
    /// point), and its level of detail: from [`FINE_ZOOM`] the fine level
    /// where it covers `area`; else the coarse level below [`COARSE_ZOOM`]
    /// or until the detail arrives, else the detail.
    pub fn level(&self, zoom: f64, area: &WorldRect) -> (&Level, usize) {
        let lod = lod_for_zoom(zoom);
        if let Some(fine) = &self.fine {
            let inside = |r: &WorldRect| {
                r.min.x <= area.min.x
                    && r.min.y <= area.min.y
                    && area.max.x <= r.max.x
                    && area.max.y <= r.max.y
            };
            if zoom >= FINE_ZOOM - 1e-9 && self.fine_region.iter().any(inside) {
                return (fine, lod);
            }
        }
        match &self.detail {
            Some(d) if zoom >= COARSE_ZOOM - 1e-9 => (d, lod),
            // A coarse level made for COARSE_ZOOM keeps every point at a
            // run-time level for that zoom or closer, so that level is never
            // computed; a farther one still thins it.
            _ if self.coarse_for_zoom && LOD_ZOOMS.get(lod).is_none_or(|&z| z >= COARSE_ZOOM) => {
                (&self.coarse, LOD_ZOOMS.len())
            }
            _ => (&self.coarse, lod),
        }
    }

    /// The most detailed level there is.
    pub fn finest(&self) -> &Level {
        self.detail.as_ref().unwrap_or(&self.coarse)
    }

    /// The index of a country by id.
    pub fn country_index(&self, id: &str) -> Option<usize> {
        // A scan of a few hundred three-byte ids, a few times a frame at
        // most: cheaper in the wasm than a hash map's code (ids are unique,
        // `decode` checks).
        let id = CountryId::parse(id)?;
        self.countries.iter().position(|c| c.id == id)
    }

    /// The country at a point of the projected plane, as drawn at `zoom`
    /// (so what you click is what you see highlighted); none on the sea or
    /// a lake.
    pub fn country_at_zoom(&self, w: World, zoom: f64) -> Option<usize> {
        let level = self.level(zoom, &WorldRect { min: w, max: w }).0;
        if level.lake_at_world(w) {
            return None;
        }
        level.country_at_world(w, &self.areas)
    }

    /// True when a point of the projected plane is on a lake's water as
    /// drawn at `zoom`.
    pub fn lake_at_zoom(&self, w: World, zoom: f64) -> bool {
        self.lake_box_at_zoom(w, zoom).is_some()
    }

    /// The box round the lake under a point of the plane, as drawn at
    /// `zoom`.
    pub fn lake_box_at_zoom(&self, w: World, zoom: f64) -> Option<WorldRect> {
        self.level(zoom, &WorldRect { min: w, max: w })
            .0
            .lake_box_at_world(w)
    }

    /// The country at a point of the projected plane, at the finest level
    /// there is; none on the sea or a lake.
    pub fn country_at_world(&self, w: World) -> Option<usize> {
        let level = self.finest();
        if level.lake_at_world(w) {
            return None;
        }
        level.country_at_world(w, &self.areas)
    }

    /// The country at a geographic point, at the finest level there is.
    ///
    /// Checked in projected space, exactly as drawn.
    pub fn country_at(&self, p: LonLat) -> Option<usize> {
        self.country_at_world(self.projection.lonlat_to_world(p)?)
    }
}

/// The land's rings. An arc two whole polygons run along (a border, once
/// each way, or Natural Earth's seam at 180°) adds nothing to a fill that
/// covers both, so only arcs used once are kept. They still meet end to end
/// with as many arcs leaving every point as arriving, so they chain into
/// closed rings; any pairing at a point where more meet fills the same. The
/// rings of polygons cut at the seam are kept whole: a border they share
/// with a whole polygon then appears once each way, and cancels.
fn land_rings(
    pieces: &[Piece],
    arc_pieces: &[Vec<usize>],
    uses: &[Vec<bool>],
    cut: Vec<Vec<PieceRef>>,
) -> Vec<FillRing> {
    let edges: Vec<PieceRef> = uses
        .iter()
        .enumerate()
        .filter_map(
            |(arc, u)| match (u.as_slice(), arc_pieces.get(arc)?.as_slice()) {
                ([reversed], [piece]) => Some(PieceRef {
                    piece: *piece,
                    reversed: *reversed,
                }),
                _ => None,
            },
        )
        .collect();
    let key = |w: World| (w.x.to_bits(), w.y.to_bits());
    let ends = |e: &PieceRef| {
        let pts = &pieces[e.piece].full;
        let (a, b) = (pts[0], pts[pts.len() - 1]);
        if e.reversed {
            (b, a)
        } else {
            (a, b)
        }
    };
    // The edges by the point they leave from, ties in edge order: a sorted
    // index, not a hash map, whose code would cost the wasm more than this.
    let leaves = |i: usize| key(ends(&edges[i]).0);
    let mut leaving: Vec<usize> = (0..edges.len()).collect();
    sort_by(&mut leaving, |&a, &b| leaves(a).cmp(&leaves(b)));
    let mut used = vec![false; edges.len()];
    let mut rings: Vec<Vec<PieceRef>> = Vec::new();
    for first in 0..edges.len() {
        if used[first] {
            continue;
        }
        used[first] = true;
        let start = ends(&edges[first]).0;
        let mut ring = vec![edges[first]];
        let mut at = ends(&edges[first]).1;
        while key(at) != key(start) {
            // The first unused edge leaving `at`, in edge order.
            let from = leaving.partition_point(|&i| leaves(i) < key(at));
            let next = leaving[from..]
                .iter()
                .take_while(|&&i| leaves(i) == key(at))
                .copied()
                .find(|&i| !used[i]);
            let Some(next) = next else { break };
            used[next] = true;
            ring.push(edges[next]);
            at = ends(&edges[next]).1;
        }
        rings.push(ring);
    }
    rings
        .into_iter()
        .chain(cut)
        .filter_map(|ring| {
            let pts = ring_points(pieces, &ring, LOD_ZOOMS.len());
            Some(FillRing {
                bbox: WorldRect::around(pts)?,
                pieces: ring,
            })
        })
        .collect()
}

fn ring_points(pieces: &[Piece], ring: &[PieceRef], lod: usize) -> Vec<World> {
    // Made at its size at once: grown piece by piece, the largest ring
    // (27,000 points) would pass through copies of itself.
    let total: usize = ring.iter().map(|r| pieces[r.piece].points(lod).len()).sum();
    let mut out: Vec<World> = Vec::with_capacity(total);
    for r in ring {
        let pts = pieces[r.piece].points(lod);
        let n = pts.len();
        // A plain loop: iterator adapters here cost the wasm half a KB.
        for i in usize::from(!out.is_empty())..n {
            out.push(pts.at(if r.reversed { n - 1 - i } else { i }));
        }
    }
    out
}

/// Adds a polygon and its shape; false, adding nothing, for a polygon
/// without an outline.
fn push_polygon(
    polygons: &mut Vec<FillPolygon>,
    shapes: &mut Vec<Polygon<f64>>,
    rings: Vec<Vec<PieceRef>>,
    full: &[Vec<World>],
) -> bool {
    let Some(bbox) = full
        .first()
        .and_then(|outline| WorldRect::around(outline.iter().copied()))
    else {
        return false;
    };
    let shape = Polygon::new(
        to_geo_ring(&full[0]),
        full[1..].iter().map(|r| to_geo_ring(r)).collect(),
    );
    let rings = rings
        .into_iter()
        .zip(full)
        .map(|(pieces, points)| FillRing {
            pieces,
            bbox: WorldRect::around(points.iter().copied()).unwrap_or(bbox),
        })
        .collect();
    polygons.push(FillPolygon { rings, bbox });
    shapes.push(shape);
    true
}

/// Whether `p` is inside `shape`: the even–odd rule over all its rings, a
/// ray cast to the right. Points exactly on an edge may count either way,
/// which a pointer never notices. (geo's `Contains` is exact there, with
/// robust predicates whose code costs the wasm about 1.3 KB gzipped.)
fn inside(shape: &Polygon<f64>, p: World) -> bool {
    let mut odd = false;
    for ring in std::iter::once(shape.exterior()).chain(shape.interiors()) {
        for seg in ring.lines() {
            let (a, b) = (seg.start, seg.end);
            if (a.y <= p.y) != (b.y <= p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
                odd = !odd;
            }
        }
    }
    odd
}

/// A label point inside the largest polygon: the middle of the widest
/// horizontal run across it, scanning 15 lines and favouring central ones,
/// with the run's width as the room available for text. (geo's
/// `InteriorPoint` would do, but it pulls geo's whole `relate` engine into
/// the wasm for this one call.)
fn label_anchor(shapes: &[Polygon<f64>]) -> Option<LabelAnchor> {
    let largest = shapes
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    let rect = largest.bounding_rect()?;
    const LINES: usize = 15;
    let mut best: Option<(f64, LabelAnchor)> = None;
    let mut xs: Vec<f64> = Vec::new();
    for k in 1..=LINES {
        let t = k as f64 / (LINES + 1) as f64;
        let y = rect.min().y + t * rect.height();
        xs.clear();
        for ring in std::iter::once(largest.exterior()).chain(largest.interiors()) {
            for seg in ring.lines() {
                let (a, b) = (seg.start, seg.end);
                if (a.y <= y) != (b.y <= y) {
                    xs.push(a.x + (y - a.y) / (b.y - a.y) * (b.x - a.x));
                }
            }
        }
        sort_by(&mut xs, f64::total_cmp);
        for run in xs.chunks_exact(2) {
            let width = run[1] - run[0];
            let score = width * (1.0 - 0.6 * (t - 0.5).abs());
            if best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((
                    score,
                    LabelAnchor {
                        at: World::new((run[0] + run[1]) / 2.0, y),
                        room: width,
                    },
                ));
            }
        }
    }
    best.map(|(_, a)| a)
}

/// Meridians and parallels every 10°, split at the cut like everything else.
fn graticule(projection: &Projection) -> Vec<Vec<World>> {
    let mut lines = Vec::new();
    for lon in (-180..180).step_by(10) {
        let pts: Vec<LonLat> = (-80..=80)
            .step_by(2)
            .map(|lat| LonLat::new(lon as f64, lat as f64))
            .collect();
        lines.extend(split_line(projection, &pts));
    }
    for lat in (-80..=80).step_by(10) {
        let pts: Vec<LonLat> = (-180..=180)
            .map(|lon| LonLat::new(lon as f64, lat as f64))
            .collect();
        lines.extend(split_line(projection, &pts));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Contains;

    /// The even–odd test agrees with geo's exact `Contains` off the edges,
    /// holes included.
    #[test]
    fn inside_agrees_with_geo_contains() {
        let square =
            |a: f64, b: f64| LineString::from(vec![(a, a), (b, a), (b, b), (a, b), (a, a)]);
        let shape = Polygon::new(square(0.0, 10.0), vec![square(4.0, 6.0)]);
        for i in 0..=48 {
            for j in 0..=48 {
                let (x, y) = (i as f64 * 0.25 - 0.9, j as f64 * 0.25 - 0.9);
                let exact = shape.contains(&geo::Point::new(x, y));
                assert_eq!(inside(&shape, World::new(x, y)), exact, "at ({x}, {y})");
            }
        }
    }
}
