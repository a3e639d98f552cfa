//! Label contrast measured on rendered pixels, in the browser (run with
//! `wasm-pack test --headless --chrome`): every label the map draws, at
//! three views, light and dark, in English and Kazakh, stands out from what
//! lies right around its letters (the halo over land, water and routes) by
//! at least WCAG's 4.5:1.
#![cfg(target_arch = "wasm32")]

use bridge_map::app::{App, ViewState};
use bridge_map::data::json::Json;
use bridge_map::data::topology::Lang;
use bridge_map::geo::view::Viewport;
use bridge_map::paint::style::Style;
use bridge_map::paint::surface::{Rgba, Surface};
use bridge_map::scene::labels::PlacedLabel;
use bridge_map::web::canvas::CanvasSurface;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement};

wasm_bindgen_test_configure!(run_in_browser);

const GEOMETRY: &[u8] = include_bytes!("../data/countries.bmap");
const DETAIL: &[u8] = include_bytes!("../data/countries-50m.bmap");
const DPR: f64 = 2.0;

/// WCAG 2 relative luminance of an sRGB colour.
fn luminance(rgb: [u8; 3]) -> f64 {
    let lin = |c: u8| {
        let c = c as f64 / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2])
}

fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

fn rgb(c: Rgba) -> [u8; 3] {
    [c.r, c.g, c.b]
}

/// A canvas of `vp` at [`DPR`], as the map's surface and as a 2D context
/// to read its pixels back.
fn surface(vp: Viewport) -> (CanvasSurface, CanvasRenderingContext2d) {
    let canvas = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("canvas")
        .unwrap()
        .dyn_into::<HtmlCanvasElement>()
        .unwrap();
    let mut s = CanvasSurface::new(canvas.clone()).unwrap();
    s.resize(vp.width, vp.height, DPR).unwrap();
    let ctx = canvas
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into::<CanvasRenderingContext2d>()
        .unwrap();
    (s, ctx)
}

#[wasm_bindgen_test]
fn every_label_reaches_4_5_to_1_against_what_lies_around_its_letters() {
    let vp = Viewport::new(1280.0, 800.0);
    let (mut s, ctx) = surface(vp);
    let (mut m, mask_ctx) = surface(vp);
    let mut app = App::new(GEOMETRY, vp).unwrap();
    app.add_detail(DETAIL).unwrap();
    let json: Json = serde_json::from_str(include_str!("../data/bridge.json")).unwrap();
    app.set_overlay(&json).unwrap();

    let canvas = ctx.canvas().unwrap();
    let (w, h) = (canvas.width() as usize, canvas.height() as usize);
    let mut labels_checked = 0;
    let mut worst = f64::INFINITY;
    for dark in [false, true] {
        app.set_dark(dark);
        for lang in [Lang::En, Lang::Kk] {
            app.set_lang(lang);
            for (lon, lat, zoom) in [(60.0, 45.0, 3.5), (79.0, 45.0, 5.5), (47.0, 41.5, 6.5)] {
                app.set_view_state(ViewState { lon, lat, zoom }).unwrap();
                app.render_basemap(&mut s).unwrap();
                let view = app.view();
                let labels = app.labels(&mut s, &view).unwrap();
                let data = ctx
                    .get_image_data(0.0, 0.0, w as f64, h as f64)
                    .unwrap()
                    .data();
                let white: Vec<PlacedLabel> = labels
                    .iter()
                    .map(|l| PlacedLabel {
                        color: Rgba::hex(0xffffff),
                        ..l.clone()
                    })
                    .collect();
                m.clear(Rgba::hex(0x000000));
                let no_halo = Style {
                    halo: Rgba::hex(0x000000).with_alpha(0.0),
                    ..app.style.clone()
                };
                bridge_map::render::draw_labels(&mut m, &white, &no_halo).unwrap();
                let mask = mask_ctx
                    .get_image_data(0.0, 0.0, w as f64, h as f64)
                    .unwrap()
                    .data();
                let px = |x: usize, y: usize| {
                    let i = 4 * (y * w + x);
                    [data[i], data[i + 1], data[i + 2]]
                };
                for label in &labels {
                    let text = rgb(label.color);
                    let b = label.bounds;
                    let (x0, y0) = (
                        (b.x0 * DPR).max(2.0) as usize,
                        (b.y0 * DPR).max(2.0) as usize,
                    );
                    let (x1, y1) = (
                        ((b.x1 * DPR) as usize).min(w - 3),
                        ((b.y1 * DPR) as usize).min(h - 3),
                    );
                    // The letters' pixels, known exactly: the same labels
                    // drawn alone in white on black, without halo, on a
                    // second canvas. Around them: pixels of the real
                    // rendering off the letters and their anti-aliased
                    // fringe (not next to any letter pixel), at most two
                    // device pixels from one, which is well inside the
                    // halo (3 CSS px wide, centred on the outline, so it
                    // reaches 3 device pixels beyond it at DPR 2).
                    let (bw, bh) = (x1 - x0, y1 - y0);
                    let at = |x: usize, y: usize| mask[4 * ((y0 + y) * w + x0 + x)];
                    let letter = |x: usize, y: usize| at(x, y) >= 128;
                    let touched = |x: usize, y: usize| at(x, y) > 0;
                    let ink = (0..bh)
                        .flat_map(|y| (0..bw).map(move |x| (x, y)))
                        .filter(|&(x, y)| letter(x, y))
                        .count();
                    let mut around: Vec<f64> = Vec::new();
                    for y in 1..bh.saturating_sub(1) {
                        for x in 1..bw.saturating_sub(1) {
                            let clear = (y - 1..=y + 1)
                                .all(|yy| (x - 1..=x + 1).all(|xx| !touched(xx, yy)));
                            let near = (y.saturating_sub(2)..(y + 3).min(bh)).any(|yy| {
                                (x.saturating_sub(2)..(x + 3).min(bw)).any(|xx| letter(xx, yy))
                            });
                            if clear && near {
                                around.push(contrast(text, px(x0 + x, y0 + y)));
                            }
                        }
                    }
                    assert!(
                        ink > 0 && !around.is_empty(),
                        "{:?} ({}, {lang:?}, zoom {zoom}): its letters were found on the canvas",
                        label.text,
                        if dark { "dark" } else { "light" }
                    );
                    around.sort_by(|a, b| a.total_cmp(b));
                    // The 2nd percentile: a stray anti-aliased pixel where
                    // two letters meet is not the background.
                    let low = around[around.len() / 50];
                    worst = worst.min(low);
                    assert!(
                        low >= 4.5,
                        "{:?} ({}, {lang:?}, zoom {zoom}): contrast {low:.2} against what lies around it",
                        label.text,
                        if dark { "dark" } else { "light" }
                    );
                    labels_checked += 1;
                }
            }
        }
    }
    assert!(labels_checked > 150, "{labels_checked} labels checked");
    web_sys::console::log_1(
        &format!("contrast: {labels_checked} labels, lowest {worst:.2}:1").into(),
    );
}
