//! Choosing which country labels to show and where, with no overlaps.
//!
//! Runs once per settled view (not per animation frame). Labels are taken in
//! priority order — Kazakhstan, then its neighbours, then by area — and a
//! label is placed only where its box is inside the viewport and clear of
//! every label placed before it. High-priority labels that collide try a few
//! nearby positions before giving up; ordinary ones simply drop out, and
//! come back as you zoom in.

use crate::basemap::Basemap;
use crate::coords::Screen;
use crate::style::Style;
use crate::surface::{Font, Rgba};
use crate::topology::Lang;
use crate::view::{View, Viewport};

/// The country the map is about.
pub const FOCUS: &str = "KAZ";

/// Kazakhstan's land neighbours, always labelled when in view.
pub const NEIGHBOURS: [&str; 5] = ["RUS", "CHN", "KGZ", "UZB", "TKM"];

/// A label box on screen.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Bounds {
    pub fn overlaps(&self, o: &Bounds) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }
}

/// A label that made it onto the map.
#[derive(Clone, Debug, PartialEq)]
pub struct PlacedLabel {
    pub country: usize,
    pub text: String,
    pub at: Screen,
    pub font: Font,
    pub color: Rgba,
    pub bounds: Bounds,
}

/// Places country labels for a view. `measure` returns a text's width in
/// CSS pixels for a font (the canvas measures; tests approximate).
pub fn place_country_labels(
    basemap: &Basemap,
    view: &View,
    vp: Viewport,
    lang: Lang,
    style: &Style,
    measure: &mut dyn FnMut(&str, &Font) -> f64,
) -> Vec<PlacedLabel> {
    let focus = basemap.country_index(FOCUS);
    let neighbours: Vec<usize> = NEIGHBOURS
        .iter()
        .filter_map(|id| basemap.country_index(id))
        .collect();
    let visible = view.visible(vp);
    let scale = view.scale();

    let mut order: Vec<(u8, usize)> = basemap
        .countries
        .iter()
        .enumerate()
        .filter(|(_, c)| c.label.is_some() && c.bbox.intersects(&visible))
        .map(|(i, _)| {
            let rank = if Some(i) == focus {
                0
            } else if neighbours.contains(&i) {
                1
            } else {
                2
            };
            (rank, i)
        })
        .collect();
    order.sort_by(|a, b| {
        a.0.cmp(&b.0).then(
            basemap.countries[b.1]
                .area
                .total_cmp(&basemap.countries[a.1].area),
        )
    });

    let mut placed: Vec<PlacedLabel> = Vec::new();
    for (rank, ci) in order {
        let country = &basemap.countries[ci];
        let Some(anchor) = country.label else {
            continue;
        };
        let room_px = anchor.room * scale;
        let font = match rank {
            0 => style.focus_font,
            1 => style.neighbour_font,
            _ if room_px > 160.0 => style.country_font,
            _ => style.small_font,
        };
        let text = country.names.get(lang).to_owned();
        let width = measure(&text, &font);
        // Ordinary labels need the country to be wide enough to hold them;
        // the focus and its neighbours are named even when small.
        if rank == 2 && width > room_px * 0.9 {
            continue;
        }
        let height = font.size * 1.25;
        let base = view.world_to_screen(anchor.at, vp);
        let candidates: &[(f64, f64)] = if rank < 2 {
            &[
                (0.0, 0.0),
                (0.0, -1.0),
                (0.0, 1.0),
                (-0.6, 0.0),
                (0.6, 0.0),
                (0.0, -2.0),
                (0.0, 2.0),
            ]
        } else {
            &[(0.0, 0.0)]
        };
        for &(fx, fy) in candidates {
            let at = Screen::new(base.x + fx * width, base.y + fy * height);
            let bounds = Bounds {
                x0: at.x - width / 2.0 - 2.0,
                y0: at.y - height / 2.0,
                x1: at.x + width / 2.0 + 2.0,
                y1: at.y + height / 2.0,
            };
            let inside = bounds.x0 >= 2.0
                && bounds.y0 >= 2.0
                && bounds.x1 <= vp.width - 2.0
                && bounds.y1 <= vp.height - 2.0;
            if inside && !placed.iter().any(|p| p.bounds.overlaps(&bounds)) {
                let color = if rank == 0 {
                    style.focus_label
                } else {
                    style.label
                };
                placed.push(PlacedLabel {
                    country: ci,
                    text,
                    at,
                    font,
                    color,
                    bounds,
                });
                break;
            }
        }
    }
    placed
}
