//! Choosing which labels to show and where, with no overlaps.
//!
//! Runs once per settled view (not per animation frame). Candidates are
//! taken in priority order — Kazakhstan, then corridor nodes (those in
//! Kazakhstan first), then Kazakhstan's neighbours, then other countries by
//! area — and a label is placed only where its box is inside the viewport,
//! clear of every label placed before it and of every marker. Important
//! labels that collide try a few nearby positions before giving up;
//! ordinary ones drop out and come back as you zoom in.

use crate::data::overlay::Kind;
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
}

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
}

struct Candidate {
    of: LabelOf,
    rank: u8,
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
/// Right of the marker, then left, above, below.
const BESIDE: &[(f64, f64)] = &[(0.5, 0.0), (-0.5, 0.0), (0.0, -0.9), (0.0, 0.9)];

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
            0
        } else if neighbours.contains(&ci) {
            2
        } else {
            3
        };
        let room_px = anchor.room * scale;
        let text = c.names.get(lang);
        let font = match rank {
            0 => style.kazakhstan_font,
            // A neighbour too narrow for its bold name gets the small face,
            // so the name can stay on its own land.
            2 if measure(text, &style.neighbour_font) <= room_px => style.neighbour_font,
            2 => Font {
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
            text: c.names.get(lang).to_owned(),
            font,
            color: if rank == 0 {
                style.kazakhstan_label
            } else {
                style.label
            },
            base: to.apply(anchor.at),
            positions: if rank < 3 { nearby() } else { CENTRED },
            shift: 0.0,
            // Kazakhstan and its neighbours are named even when small.
            room: (rank == 3).then_some(room_px * 0.9),
        });
    }

    // Markers are obstacles: no label may cover one.
    let mut placed_boxes: Vec<Bounds> = Vec::new();
    if let Some((scene, layers)) = overlay {
        for m in scene
            .markers
            .iter()
            .filter(|m| layers.shows(scene.overlay.features[m.feature].layer))
        {
            let c = scene.marker_screen(m, view, vp);
            let r = scene.marker_radius(m) + 1.5;
            placed_boxes.push(Bounds::around(c, 2.0 * r, 2.0 * r));
            let f = &scene.overlay.features[m.feature];
            if f.kind == Kind::Node {
                candidates.push(Candidate {
                    of: LabelOf::Node(m.feature),
                    rank: 1,
                    weight: if m.in_kazakhstan { 1.0 } else { 0.0 },
                    text: short_name(f.name.get(lang)),
                    font: style.node_font,
                    color: style.label,
                    base: c,
                    positions: BESIDE,
                    shift: r + 3.0,
                    room: None,
                });
            }
        }
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
        };
        // A country's name should sit on that country: try positions whose
        // centre is on its land first, then any free position nearby.
        let on_own_land = |at: Screen| match c.of {
            LabelOf::Country(ci) => {
                // The level drawn at this zoom: placement never depends on
                // whether the detail has arrived yet.
                basemap.country_at_zoom(view.screen_to_world(at, vp), view.zoom) == Some(ci)
            }
            LabelOf::Node(_) => true,
        };
        let chosen = c
            .positions
            .iter()
            .map(|&(fx, fy)| box_at(fx, fy))
            .find(|(at, b)| fits(b) && on_own_land(*at))
            .or_else(|| {
                c.positions
                    .iter()
                    .map(|&(fx, fy)| box_at(fx, fy))
                    .find(|(_, b)| fits(b))
            });
        if let Some((at, bounds)) = chosen {
            placed.push(PlacedLabel {
                of: c.of,
                text: c.text,
                at,
                font: c.font,
                color: c.color,
                bounds,
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
