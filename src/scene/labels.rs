//! Choosing which labels to show and where, with no overlaps.
//!
//! Runs once per settled view (not per animation frame). Candidates are
//! taken in the order of their [`Rank`] — Kazakhstan, its capital, the
//! neighbours, the places in Kazakhstan, the corridors' other nodes and key
//! cities, the seas, other capitals, the lakes, then other countries by
//! area — and a label is placed only where its box is inside the viewport,
//! clear of every label placed before it and of every marker (the
//! overlay's and the places' own). Important labels that collide try a few
//! nearby positions before giving up; ordinary ones drop out and come back
//! as you zoom in.

use crate::data::overlay::Kind;
use crate::data::places::{PlaceClass, PLACES};
use crate::data::topology::Lang;
use crate::geo::coords::Screen;
use crate::geo::view::{View, Viewport};
use crate::paint::style::Style;
use crate::paint::surface::{Font, Rgba};
use crate::scene::basemap::{Basemap, KAZAKHSTAN};
use crate::scene::overlay_scene::{Layers, OverlayScene};
use crate::scene::sort::sort_by;

/// Kazakhstan's land neighbours, always labelled when in view.
pub const NEIGHBOURS: [&str; 5] = ["RUS", "CHN", "KGZ", "UZB", "TKM"];

/// A label box on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    /// Left edge, CSS pixels.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl Bounds {
    /// True when the two boxes share any area.
    pub fn overlaps(&self, o: &Bounds) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn around(at: Screen, width: f64, height: f64) -> Bounds {
        Bounds {
            x0: at.x - width / 2.0,
            y0: at.y - height / 2.0,
            x1: at.x + width / 2.0,
            y1: at.y + height / 2.0,
        }
    }
}

/// What a label names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LabelOf {
    /// A basemap country, by index.
    Country(usize),
    /// An overlay node (a place on a corridor), by feature index.
    Node(usize),
    /// A reference place (a city), by index in [`PLACES`].
    Place(usize),
}

/// Who wins a label collision: a label is placed before every label of a
/// later rank, so it keeps its spot and they move or drop out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// Kazakhstan's name.
    Kazakhstan,
    /// Kazakhstan's capital.
    NationalCapital,
    /// Kazakhstan's neighbours' names: they can move a long way (see
    /// [`nearby`]), so they rarely push a place's name off the map.
    Neighbour,
    /// The overlay's nodes in Kazakhstan and its key cities (Almaty).
    InKazakhstan,
    /// The overlay's other nodes (ports, border crossings, hubs,
    /// terminals) and the corridors' key cities abroad.
    KeyPlace,
    /// The seas the routes cross or skirt, where the ports leave room.
    Water,
    /// The region's other capitals, once zoomed in.
    Capital,
    /// The lakes, once zoomed in, where the capitals leave room.
    Lake,
    /// Every other country, larger first.
    Country,
}

/// The radius, in CSS pixels, of a place's dot.
pub fn place_radius(class: PlaceClass) -> f64 {
    match class {
        PlaceClass::NationalCapital => 3.6,
        PlaceClass::Major | PlaceClass::Capital => 2.6,
        PlaceClass::Sea | PlaceClass::Lake => 0.0,
    }
}

/// A place within this many CSS pixels of one of the overlay's node
/// markers is that node: the node's own label names it.
const SAME_PLACE_PX: f64 = 3.0;

/// Markers within this many CSS pixels of a place belong to it (the
/// overlay fans out the events held in one city around it).
const CLUSTER_PX: f64 = 24.0;

/// A label that made it onto the map.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    /// What it names.
    pub of: LabelOf,
    /// The text shown.
    pub text: String,
    /// Its centre on screen.
    pub at: Screen,
    /// Its face.
    pub font: Font,
    /// Its colour.
    pub color: Rgba,
    /// The box it takes, with a little padding.
    pub bounds: Bounds,
    /// Where a place's dot goes (only for [`LabelOf::Place`]): the dot is
    /// drawn only with its name.
    pub dot: Option<Screen>,
}

struct Candidate {
    of: LabelOf,
    rank: Rank,
    /// Tie-break within a rank: larger first.
    weight: f64,
    text: String,
    font: Font,
    color: Rgba,
    base: Screen,
    /// Offsets to try, in units of (label width, label height).
    positions: &'static [(f64, f64)],
    /// Extra horizontal shift in px (node labels sit beside their marker).
    shift: f64,
    /// Maximum width the text may take (countries must fit their land).
    room: Option<f64>,
    /// A place: the box of its dot, drawn at `base` with the name.
    dot: Option<Bounds>,
}

const CENTRED: &[(f64, f64)] = &[(0.0, 0.0)];
/// Offsets around the anchor, nearest first, reaching three label heights
/// and half a label width away: room to dodge the markers and routes that
/// crowd Kazakhstan's centre.
fn nearby() -> &'static [(f64, f64)] {
    static OFFSETS: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    OFFSETS.get_or_init(|| {
        let mut v: Vec<(f64, f64)> = Vec::new();
        for dy in [
            0.0, -0.5, 0.5, -1.0, 1.0, -1.5, 1.5, -2.0, 2.0, -2.5, 2.5, -3.0, 3.0,
        ] {
            for dx in [0.0, -0.3, 0.3, -0.55, 0.55, -0.8, 0.8] {
                v.push((dx, dy));
            }
        }
        // Distance in label units, with height counting double since
        // labels are wider than tall.
        sort_by(&mut v, |a, b| {
            (a.0.hypot(a.1 * 0.5)).total_cmp(&b.0.hypot(b.1 * 0.5))
        });
        v
    })
}
/// The positions of [`nearby`] within a label height and a third of its
/// width: a sea's name stays close to its point (and the check that the
/// way there is water stays cheap).
fn near_water() -> &'static [(f64, f64)] {
    static OFFSETS: std::sync::OnceLock<Vec<(f64, f64)>> = std::sync::OnceLock::new();
    OFFSETS.get_or_init(|| {
        nearby()
            .iter()
            .copied()
            .filter(|&(dx, dy)| dx.abs() <= 0.3 && dy.abs() <= 1.0)
            .collect()
    })
}

/// Right of the marker, then left, above, below, then the corners and a
/// step further out: room to clear the event markers fanned out around
/// Astana and Almaty.
const BESIDE: &[(f64, f64)] = &[
    (0.5, 0.0),
    (-0.5, 0.0),
    (0.0, -0.9),
    (0.0, 0.9),
    (0.5, -0.8),
    (-0.5, -0.8),
    (0.5, 0.8),
    (-0.5, 0.8),
    (0.5, -1.5),
    (-0.5, -1.5),
    (0.5, 1.5),
    (-0.5, 1.5),
    (0.0, -1.9),
    (0.0, 1.9),
];

/// Places country labels and, when an overlay is given, node labels.
/// `measure` returns a text's width in CSS pixels for a font.
#[allow(clippy::too_many_arguments)]
pub fn place_labels(
    basemap: &Basemap,
    overlay: Option<(&OverlayScene, &Layers)>,
    view: &View,
    vp: Viewport,
    lang: Lang,
    style: &Style,
    measure: &mut dyn FnMut(&str, &Font) -> f64,
) -> Vec<PlacedLabel> {
    let kazakhstan = basemap.country_index(KAZAKHSTAN);
    let neighbours: Vec<usize> = NEIGHBOURS
        .iter()
        .filter_map(|id| basemap.country_index(id))
        .collect();
    let visible = view.visible(vp);
    let to = view.to_screen(vp);
    let scale = to.scale;
    let mut candidates = Vec::new();

    for (ci, c) in basemap.countries.iter().enumerate() {
        let Some(anchor) = c.label else { continue };
        if !c.bbox.intersects(&visible) {
            continue;
        }
        let rank = if Some(ci) == kazakhstan {
            Rank::Kazakhstan
        } else if neighbours.contains(&ci) {
            Rank::Neighbour
        } else {
            Rank::Country
        };
        let room_px = anchor.room * scale;
        let name = c.names.get(lang);
        let text: &str = &name;
        let font = match rank {
            Rank::Kazakhstan => style.kazakhstan_font,
            // A neighbour too narrow for its bold name gets the small face,
            // so the name can stay on its own land.
            Rank::Neighbour if measure(text, &style.neighbour_font) <= room_px => {
                style.neighbour_font
            }
            Rank::Neighbour => Font {
                weight: style.neighbour_font.weight,
                ..style.small_font
            },
            _ if room_px > 160.0 => style.country_font,
            _ => style.small_font,
        };
        candidates.push(Candidate {
            of: LabelOf::Country(ci),
            rank,
            weight: c.area,
            text: name.to_string(),
            font,
            color: if rank == Rank::Kazakhstan {
                style.kazakhstan_label
            } else {
                style.label
            },
            base: to.apply(anchor.at),
            positions: if rank < Rank::Country {
                nearby()
            } else {
                CENTRED
            },
            shift: 0.0,
            // Kazakhstan and its neighbours are named even when small.
            room: (rank == Rank::Country).then_some(room_px * 0.9),
            dot: None,
        });
    }

    // Markers are obstacles: no label may cover one.
    let mut placed_boxes: Vec<Bounds> = Vec::new();
    let mut node_points: Vec<Screen> = Vec::new();
    let mut discs: Vec<(Screen, f64)> = Vec::new();
    // Every place's dot, whether or not its name is placed later: a
    // country's name, which can sit anywhere on its land, keeps off them.
    let mut area_obstacles: Vec<Bounds> = Vec::new();
    if let Some((scene, layers)) = overlay {
        for m in scene
            .markers
            .iter()
            .filter(|m| layers.shows(scene.overlay.features[m.feature].layer))
        {
            let c = scene.marker_screen(m, view, vp);
            let r = scene.marker_radius(m) + 1.5;
            placed_boxes.push(Bounds::around(c, 2.0 * r, 2.0 * r));
            discs.push((c, r));
            let f = &scene.overlay.features[m.feature];
            if f.kind == Kind::Node {
                node_points.push(c);
                candidates.push(Candidate {
                    of: LabelOf::Node(m.feature),
                    rank: if m.in_kazakhstan {
                        Rank::InKazakhstan
                    } else {
                        Rank::KeyPlace
                    },
                    weight: 0.0,
                    text: short_name(&f.name.get(lang)),
                    font: style.node_font,
                    color: style.label,
                    base: c,
                    positions: BESIDE,
                    shift: r + 3.0,
                    room: None,
                    dot: None,
                });
            }
        }
    }

    // The places named at this zoom, unless a node of the overlay stands
    // on the same spot. Their dots are obstacles too.
    let in_view = |p: Screen| p.x >= 0.0 && p.y >= 0.0 && p.x <= vp.width && p.y <= vp.height;
    for (pi, place) in PLACES.iter().enumerate() {
        if view.zoom < place.class.min_zoom() {
            continue;
        }
        let Some(w) = basemap.projection.lonlat_to_world(place.at) else {
            continue;
        };
        let c = to.apply(w);
        if !in_view(c) {
            continue;
        }
        if place.class.is_water() {
            // A sea's or lake's name: centred on the water, free to move a
            // little (but staying on that water), no dot. A lake is named
            // only once its name would not hide it: at most an eighth
            // wider than the lake at each end (the Kapchagay Reservoir
            // waits for zoom 8).
            let room = (place.class == PlaceClass::Lake).then(|| {
                basemap
                    .lake_box_at_zoom(w, view.zoom)
                    .map_or(0.0, |b| 1.25 * b.width() * scale)
            });
            candidates.push(Candidate {
                of: LabelOf::Place(pi),
                rank: if place.class == PlaceClass::Lake {
                    Rank::Lake
                } else {
                    Rank::Water
                },
                weight: 0.0,
                text: place.name(lang).into_owned(),
                font: style.water_font,
                color: style.water_label,
                base: c,
                positions: near_water(),
                shift: 0.0,
                room,
                dot: None,
            });
            continue;
        }
        if node_points
            .iter()
            .any(|n| (n.x - c.x).hypot(n.y - c.y) <= SAME_PLACE_PX)
        {
            continue;
        }
        let r = place_radius(place.class) + 1.0;
        let dot = Bounds::around(c, 2.0 * r, 2.0 * r);
        area_obstacles.push(dot);
        // Events held in the city are fanned out around it: the name goes
        // beside the whole cluster, not inside it.
        let cluster = discs
            .iter()
            .map(|&(m, mr)| ((m.x - c.x).hypot(m.y - c.y), mr))
            .filter(|&(d, _)| d <= CLUSTER_PX)
            .map(|(d, mr)| d + mr)
            .fold(r, f64::max);
        let in_kazakhstan = kazakhstan.is_some() && basemap.country_at(place.at) == kazakhstan;
        let (rank, font) = match place.class {
            PlaceClass::NationalCapital => (Rank::NationalCapital, style.neighbour_font),
            PlaceClass::Major if in_kazakhstan => (Rank::InKazakhstan, style.node_font),
            PlaceClass::Major => (Rank::KeyPlace, style.node_font),
            PlaceClass::Capital => (Rank::Capital, style.small_font),
            PlaceClass::Sea | PlaceClass::Lake => continue,
        };
        candidates.push(Candidate {
            of: LabelOf::Place(pi),
            rank,
            // Before the overlay's nodes of the same rank.
            weight: 1.0,
            text: place.name(lang).into_owned(),
            font,
            color: if rank == Rank::NationalCapital {
                style.kazakhstan_label
            } else {
                style.label
            },
            base: c,
            positions: BESIDE,
            shift: cluster + 2.0,
            room: None,
            dot: Some(dot),
        });
    }

    sort_by(&mut candidates, |a, b| {
        a.rank.cmp(&b.rank).then(b.weight.total_cmp(&a.weight))
    });
    let mut placed: Vec<PlacedLabel> = Vec::new();
    for c in candidates {
        let width = measure(&c.text, &c.font);
        if c.room.is_some_and(|room| width > room) {
            continue;
        }
        let height = c.font.size * 1.25;
        let box_at = |fx: f64, fy: f64| {
            let sx = if fx > 0.0 {
                c.shift
            } else if fx < 0.0 {
                -c.shift
            } else {
                0.0
            };
            let at = Screen::new(c.base.x + fx * width + sx, c.base.y + fy * height);
            (at, Bounds::around(at, width + 4.0, height))
        };
        let fits = |b: &Bounds| {
            let inside =
                b.x0 >= 2.0 && b.y0 >= 2.0 && b.x1 <= vp.width - 2.0 && b.y1 <= vp.height - 2.0;
            inside
                && !placed.iter().any(|p| p.bounds.overlaps(b))
                && !placed_boxes.iter().any(|o| o.overlaps(b))
                && (!matches!(c.of, LabelOf::Country(_))
                    || !area_obstacles.iter().any(|o| o.overlaps(b)))
        };
        // A country's name should sit on that country, a sea's on the
        // water and a lake's on the lake: try positions whose centre is on
        // its own ground first, then (countries only) any free position
        // nearby. The level drawn at this zoom decides: placement never
        // depends on whether the detail has arrived yet.
        let world = |at: Screen| view.screen_to_world(at, vp);
        let here = |at: Screen| basemap.country_at_zoom(world(at), view.zoom);
        let class = match c.of {
            LabelOf::Place(i) => PLACES.get(i).map(|p| p.class),
            _ => None,
        };
        let water = class.is_some_and(PlaceClass::is_water);
        let on_own_land = |at: Screen| match c.of {
            LabelOf::Country(ci) => here(at) == Some(ci),
            LabelOf::Place(_) if class == Some(PlaceClass::Lake) => {
                basemap.lake_at_zoom(world(at), view.zoom)
            }
            // On its own water: the way from the sea's point to the
            // name's centre stays on water, so a small sea's name never
            // lands on the next gulf.
            LabelOf::Place(_) if water => {
                // Every 2 px along the way.
                let steps = ((at.x - c.base.x).hypot(at.y - c.base.y) / 2.0)
                    .ceil()
                    .max(1.0);
                (0..=steps as u32).all(|k| {
                    let t = f64::from(k) / steps;
                    here(Screen::new(
                        c.base.x + (at.x - c.base.x) * t,
                        c.base.y + (at.y - c.base.y) * t,
                    ))
                    .is_none()
                })
            }
            LabelOf::Node(_) | LabelOf::Place(_) => true,
        };
        // A place's dot is drawn only with its name, so it is an obstacle
        // only once placed; it must not lie under a name placed before.
        if c.dot
            .is_some_and(|d| placed.iter().any(|p| p.bounds.overlaps(&d)))
        {
            continue;
        }
        let chosen = c
            .positions
            .iter()
            .map(|&(fx, fy)| box_at(fx, fy))
            .find(|(at, b)| fits(b) && on_own_land(*at))
            .or_else(|| {
                if water {
                    return None;
                }
                c.positions
                    .iter()
                    .map(|&(fx, fy)| box_at(fx, fy))
                    .find(|(_, b)| fits(b))
            });
        if let Some((at, bounds)) = chosen {
            placed_boxes.extend(c.dot);
            placed.push(PlacedLabel {
                of: c.of,
                text: c.text,
                at,
                font: c.font,
                color: c.color,
                bounds,
                dot: c.dot.map(|_| c.base),
            });
        }
    }
    placed
}

/// Node names can be long ("Altynkol / Khorgos (Khorgos Gateway dry port)"):
/// the map label keeps the part before any bracket or slash.
///
/// ```
/// use bridge_map::scene::labels::short_name;
/// assert_eq!(short_name("Khorgos Gateway (dry port)"), "Khorgos Gateway");
/// assert_eq!(short_name("Aktau"), "Aktau");
/// ```
pub fn short_name(name: &str) -> String {
    name.split(['(', '/', '–'])
        .next()
        .unwrap_or(name)
        .trim()
        .to_owned()
}
