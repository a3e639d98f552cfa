//! Scene building through the recording surface: labels, culling, LOD, app events.

mod common;

use bridge_map::app::flow::FlowState;
use bridge_map::app::input::{Input, PointerKind};
use bridge_map::app::{App, MapEvent, ViewState};
use bridge_map::data::topology::Lang;
use bridge_map::geo::coords::{LonLat, Screen};
use bridge_map::geo::view::{home, Viewport};
use bridge_map::paint::style::Style;
use bridge_map::paint::surface::{Font, RecordingSurface, Surface};
use bridge_map::scene::labels::{place_labels, LabelOf, NEIGHBOURS};

fn app(w: f64, h: f64) -> App {
    App::new(common::GEOMETRY, Viewport::new(w, h)).expect("geometry loads")
}

fn measure(t: &str, f: &Font) -> f64 {
    RecordingSurface::default()
        .measure_text(t, f)
        .expect("the recording surface measures")
}

#[test]
fn kazakhstan_and_all_its_neighbours_are_labelled_at_home_in_every_language() {
    let bm = common::basemap();
    for (w, h) in [(1280.0, 800.0), (1920.0, 1080.0), (1024.0, 768.0)] {
        let vp = Viewport::new(w, h);
        let (view, _) = home(&bm.projection, vp);
        for lang in [Lang::En, Lang::Kk, Lang::Ru] {
            let labels = place_labels(bm, None, &view, vp, lang, &Style::light(), &mut measure);
            for id in std::iter::once("KAZ").chain(NEIGHBOURS) {
                let ci = bm.country_index(id).unwrap();
                assert!(
                    labels.iter().any(|l| l.of == LabelOf::Country(ci)),
                    "{id} labelled at {w}x{h} in {lang:?}"
                );
            }
            let kaz = labels
                .iter()
                .find(|l| l.of == LabelOf::Country(bm.country_index("KAZ").unwrap()))
                .unwrap();
            assert_eq!(
                kaz.text,
                bm.countries[bm.country_index("KAZ").unwrap()]
                    .names
                    .get(lang)
            );
        }
    }
}

#[test]
fn labels_never_overlap_and_stay_inside_the_map() {
    let bm = common::basemap();
    let vp = Viewport::new(1280.0, 800.0);
    let (home_view, limits) = home(&bm.projection, vp);
    let mut views = vec![home_view];
    for (lon, lat) in [
        (71.4, 51.2),
        (51.0, 42.0),
        (28.9, 41.0),
        (116.4, 39.9),
        (10.0, 50.0),
        (45.0, 25.0),
    ] {
        let c = bm
            .projection
            .lonlat_to_world(LonLat::new(lon, lat))
            .unwrap();
        for z in [limits.min_zoom, 3.5, 4.5, 5.5, 7.0] {
            views.push(bridge_map::geo::view::View { center: c, zoom: z });
        }
    }
    let mut checked = 0;
    for v in &views {
        for lang in [Lang::En, Lang::Ru] {
            let labels = place_labels(bm, None, v, vp, lang, &Style::light(), &mut measure);
            for (i, a) in labels.iter().enumerate() {
                assert!(
                    a.bounds.x0 >= 0.0
                        && a.bounds.x1 <= vp.width
                        && a.bounds.y0 >= 0.0
                        && a.bounds.y1 <= vp.height
                );
                for b in &labels[i + 1..] {
                    assert!(
                        !a.bounds.overlaps(&b.bounds),
                        "{:?} overlaps {:?} at {v:?}",
                        a.text,
                        b.text
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(
        checked > 1000,
        "enough label pairs were compared ({checked})"
    );
}

#[test]
fn basemap_draws_water_then_land_then_kazakhstan_and_its_labels() {
    let a = app(1280.0, 800.0);
    let mut s = RecordingSurface::default();
    a.render_basemap(&mut s).expect("draws");
    let style = Style::light();
    assert_eq!(s.ops[0], format!("clear {}", style.water.css()));
    let fills: Vec<&String> = s.calls("fill").collect();
    // The lakes (Balkhash, the Aral, ...) are water over the land and
    // over Kazakhstan's gold.
    assert_eq!(
        fills[..3],
        [
            &format!("fill {}", style.land.css()),
            &format!("fill {}", style.kazakhstan_fill.css()),
            &format!("fill {}", style.water.css())
        ]
    );
    // Then the named places' dots, Astana's in Kazakhstan's label colour
    // first (its rank is highest), one circle each.
    let dots = &fills[3..];
    assert_eq!(dots.len(), s.calls("O ").count());
    assert!(
        dots.len() >= 5,
        "Astana, Almaty, Tashkent, Moscow, Istanbul at least"
    );
    assert_eq!(dots[0], &format!("fill {}", style.kazakhstan_label.css()));
    assert!(dots[1..]
        .iter()
        .all(|f| *f == &format!("fill {}", style.label.css())));
    assert!(s.calls("text \"Astana\"").count() == 1);
    assert!(s
        .calls("stroke")
        .any(|o| o.starts_with(&format!("stroke {}", style.kazakhstan_outline.color.css()))));
    assert!(s.calls("text \"Kazakhstan\"").count() == 1);
}

#[test]
fn lower_zoom_draws_fewer_vertices_and_culling_skips_the_unseen() {
    let mut a = app(1280.0, 800.0);
    a.add_detail(common::DETAIL)
        .expect("the shipped detail fits the base file");
    let count = |a: &mut App| {
        let mut s = RecordingSurface::default();
        a.render_basemap(&mut s).expect("draws");
        s.calls("L ").count()
    };
    let at_home = count(&mut a);
    // The same scene at full resolution: every ring filled, every line stroked.
    let detail = a.basemap.detail.as_ref().expect("detail added");
    let fills: usize = detail
        .polygons
        .iter()
        .flatten()
        .flat_map(|p| &p.rings)
        .map(|r| detail.ring(&r.pieces, usize::MAX).len())
        .sum();
    let strokes: usize = detail
        .lines
        .iter()
        .map(|l| detail.pieces[l.piece].points(usize::MAX).len())
        .sum();
    let full_res = fills + strokes;
    assert!(
        at_home * 2 < full_res,
        "home view draws {at_home} of {full_res} vertices"
    );
    // Zoomed into the Caspian: only nearby geometry is visited, and the
    // off-screen runs of the rings around it are folded onto the edge.
    a.set_view_state(ViewState {
        lon: 51.0,
        lat: 42.0,
        zoom: 7.0,
    })
    .unwrap();
    let zoomed = count(&mut a);
    assert!(
        zoomed * 3 < at_home,
        "zoomed view draws {zoomed}, home {at_home}"
    );
}

#[test]
fn hover_and_click_report_the_country_under_the_pointer() {
    let mut a = app(1280.0, 800.0);
    let astana = a.project(LonLat::new(71.446, 51.18)).unwrap();
    let (events, needs) = a.handle(Input::PointerMove {
        id: 1,
        pos: astana,
        kind: PointerKind::Mouse,
    });
    assert!(needs.frame);
    match events.as_slice() {
        [MapEvent::Hover(Some(f))] => assert_eq!(
            (f.kind, f.id.as_str(), f.name.as_str()),
            ("country", "KAZ", "Kazakhstan")
        ),
        other => panic!("unexpected {other:?}"),
    }
    // Moving within Kazakhstan is not a new hover.
    let (events, _) = a.handle(Input::PointerMove {
        id: 1,
        pos: Screen::new(astana.x + 2.0, astana.y),
        kind: PointerKind::Mouse,
    });
    assert!(events.is_empty());
    let caspian = a.project(LonLat::new(51.0, 42.0)).unwrap();
    let (events, _) = a.handle(Input::PointerMove {
        id: 1,
        pos: caspian,
        kind: PointerKind::Mouse,
    });
    assert_eq!(events, vec![MapEvent::Hover(None)]);

    let beijing = a.project(LonLat::new(116.397, 39.907)).unwrap();
    a.handle(Input::PointerDown {
        id: 1,
        pos: beijing,
        kind: PointerKind::Mouse,
    });
    let (events, _) = a.handle(Input::PointerUp {
        id: 1,
        pos: beijing,
    });
    assert!(matches!(events.as_slice(), [MapEvent::Select(Some(f))] if f.id == "CHN"));
    assert_eq!(a.selected().map(|f| f.id), Some("CHN".into()));
}

#[test]
fn project_and_pick_agree_and_languages_switch_names() {
    let mut a = app(1280.0, 800.0);
    let p = a.project(LonLat::new(76.912, 43.253)).unwrap();
    assert_eq!(a.pick(p, None).map(|f| f.id), Some("KAZ".into()));
    assert_eq!(a.pick(p, Some("country")).map(|f| f.id), Some("KAZ".into()));
    assert_eq!(a.pick(p, Some("corridor")), None);
    let back = a.unproject(p).unwrap();
    assert!((back.lon - 76.912).abs() < 1e-9 && (back.lat - 43.253).abs() < 1e-9);
    a.set_lang(Lang::Kk);
    assert_eq!(a.pick(p, None).map(|f| f.name), Some("Қазақстан".into()));
}

#[test]
fn host_views_are_validated_and_resize_refits_until_the_user_moves() {
    let mut a = app(1280.0, 800.0);
    assert!(a
        .set_view_state(ViewState {
            lon: 200.0,
            lat: 0.0,
            zoom: 3.0
        })
        .is_err());
    assert!(a
        .set_view_state(ViewState {
            lon: 70.0,
            lat: 45.0,
            zoom: f64::NAN
        })
        .is_err());
    let before = a.view();
    a.resize(Viewport::new(600.0, 900.0));
    let (refit, _) = home(&a.basemap.projection, Viewport::new(600.0, 900.0));
    assert_eq!(a.view(), refit, "untouched map re-fits on resize");
    assert_ne!(a.view(), before);
    a.set_view_state(ViewState {
        lon: 70.0,
        lat: 45.0,
        zoom: 5.0,
    })
    .unwrap();
    a.resize(Viewport::new(800.0, 800.0));
    let v = a.view_state();
    assert!(
        (v.lon - 70.0).abs() < 1e-9 && (v.lat - 45.0).abs() < 1e-9 && (v.zoom - 5.0).abs() < 1e-12
    );
}

#[test]
fn with_the_shipped_overlay_kazakhstan_and_its_neighbours_keep_their_labels() {
    use bridge_map::data::json::Json;
    use bridge_map::data::overlay::Overlay;
    use bridge_map::scene::overlay_scene::{Layers, OverlayScene};
    let bm = common::basemap();
    let json: Json = serde_json::from_str(include_str!("../data/bridge.json")).unwrap();
    let scene = OverlayScene::build(Overlay::from_json(&json).unwrap(), bm);
    let layers = Layers::default();
    for (w, h) in [(1280.0, 800.0), (1920.0, 1080.0)] {
        let vp = Viewport::new(w, h);
        let (view, _) = home(&bm.projection, vp);
        for lang in [Lang::En, Lang::Kk, Lang::Ru] {
            let labels = place_labels(
                bm,
                Some((&scene, &layers)),
                &view,
                vp,
                lang,
                &Style::light(),
                &mut measure,
            );
            for id in std::iter::once("KAZ").chain(NEIGHBOURS) {
                let ci = bm.country_index(id).unwrap();
                assert!(
                    labels.iter().any(|l| l.of == LabelOf::Country(ci)),
                    "{id} labelled at {w}x{h} in {lang:?} with the overlay"
                );
            }
            for (i, a) in labels.iter().enumerate() {
                for b in &labels[i + 1..] {
                    assert!(
                        !a.bounds.overlaps(&b.bounds),
                        "{:?} overlaps {:?}",
                        a.text,
                        b.text
                    );
                }
            }
            // Some corridor nodes are named too.
            assert!(
                labels
                    .iter()
                    .filter(|l| matches!(l.of, LabelOf::Node(_)))
                    .count()
                    >= 5
            );
        }
    }
}

#[test]
fn corridor_strokes_follow_their_layer_and_particles_follow_motion() {
    use bridge_map::data::json::Json;
    use bridge_map::data::overlay::Layer;
    use bridge_map::scene::overlay_scene::Layers;
    let (rail_color, sea_color) = (Style::light().routes.rail, Style::light().routes.sea);
    let mut a = app(1280.0, 800.0);
    let json: Json = serde_json::from_str(include_str!("../data/bridge.json")).unwrap();
    a.set_overlay(&json).unwrap();
    let draw = |a: &mut App| {
        let mut s = RecordingSurface::default();
        a.render_basemap(&mut s).expect("draws");
        s
    };
    let rail = format!("stroke {}", rail_color.css());
    let sea = format!("stroke {}", sea_color.css());
    assert!(
        draw(&mut a).calls(&rail).count() > 0,
        "rail legs drawn with Trade on"
    );
    let mut no_trade = Layers::default();
    no_trade.set(Layer::Trade, false);
    a.set_layers(no_trade);
    let s = draw(&mut a);
    assert_eq!(s.calls(&rail).count(), 0, "no rail strokes with Trade off");
    // Energy still shows: the Caspian tanker leg to Baku is a sea leg.
    assert!(s.calls(&sea).count() > 0, "energy's sea leg still drawn");
    a.set_layers(Layers::none());
    assert_eq!(draw(&mut a).calls(&sea).count(), 0);

    // Particles: never drawn on the canvas (they are compositor
    // animations), and there are dots only while motion is allowed.
    a.set_layers(Layers::default());
    assert_eq!(a.flow_state(), FlowState::Playing);
    let moving = draw(&mut a);
    assert!(
        a.flow_dots(1500.0).dot_count() > 20,
        "dots on the corridors"
    );
    a.set_motion(false);
    assert_eq!(a.flow_state(), FlowState::Off);
    assert_eq!(
        a.flow_dots(1500.0).dot_count(),
        0,
        "no particles with reduced motion"
    );
    assert_eq!(
        draw(&mut a).ops,
        moving.ops,
        "the canvas is the same with and without motion"
    );
}

#[test]
fn corridors_nodes_and_events_are_picked_before_countries() {
    use bridge_map::data::json::Json;
    let mut a = app(1280.0, 800.0);
    let json: Json = serde_json::from_str(include_str!("../data/bridge.json")).unwrap();
    a.set_overlay(&json).unwrap();
    // Zhezkazgan→Saksaulskiy is a documented Middle Corridor rail leg.
    let mid = a
        .project(LonLat::new(
            (67.706 + 61.152) / 2.0,
            (47.794 + 47.082) / 2.0,
        ))
        .unwrap();
    let hit = a.pick(mid, None).expect("something at the leg");
    assert_eq!((hit.kind, hit.id.as_str()), ("corridor", "titr"));
    assert_eq!(
        a.pick(mid, Some("country")).map(|f| f.id),
        Some("KAZ".into())
    );
    let aktau = a.project(LonLat::new(51.174, 43.661)).unwrap();
    assert_eq!(
        a.pick(aktau, Some("node")).map(|f| f.id),
        Some("aktau".into())
    );
    // Selecting by id opens the corridor; layers off make it unpickable.
    let (f, _) = a.select_id(Some("titr"));
    assert_eq!(f.map(|f| f.kind), Some("corridor"));
    a.set_layers(bridge_map::scene::overlay_scene::Layers::none());
    assert_eq!(a.selected(), None, "hidden features cannot stay selected");
    assert_eq!(a.pick(mid, None).map(|f| f.kind), Some("country"));
}

#[test]
fn an_indicative_leg_records_its_dash() {
    use bridge_map::data::json::Json;
    use bridge_map::data::overlay::Mode;
    // The fixture's corridor runs Khorgos → Almaty → Aktau by rail through a
    // point no source puts on the route (`r: "ind"`), then by sea to Baku.
    let mut a = app(1280.0, 800.0);
    let json: Json =
        serde_json::from_str(include_str!("fixtures/overlay-min.json")).expect("fixture is JSON");
    a.set_overlay(&json).expect("fixture is valid");
    let mut s = RecordingSurface::default();
    a.render_basemap(&mut s).expect("draws");
    let style = Style::light();
    let stroke = |st: bridge_map::paint::surface::StrokeStyle| {
        format!(
            "stroke {} {} dash {},{}",
            st.color.css(),
            st.width,
            st.dash[0],
            st.dash[1]
        )
    };
    let indicative = style.leg_stroke(Mode::Rail, true, false, true);
    assert!(indicative.is_dashed());
    assert_eq!(
        s.calls(&stroke(indicative)).count(),
        1,
        "the indicative rail legs in Kazakhstan are one dashed stroke: {:#?}",
        s.calls("stroke").collect::<Vec<_>>()
    );
    let sea = style.leg_stroke(Mode::Sea, false, false, false);
    assert_eq!(s.calls(&stroke(sea)).count(), 1, "the sea leg is dotted");
    // Solid strokes carry no dash: the casing under the legs, for one.
    assert!(s.calls("stroke").any(|o| !o.contains(" dash ")
        && o.starts_with(&format!("stroke {}", style.routes.casing.css()))));
}

/// The core, not the shell, decides that a tour step or a layer switch
/// happened: each state change queues exactly one event, and a change that
/// changes nothing (the same step again, a host setting the layers) none.
#[test]
fn tour_steps_and_layer_switches_are_events_of_the_core() {
    use bridge_map::app::TourStepInfo;
    use bridge_map::data::json::Json;
    use bridge_map::data::overlay::Layer;
    use bridge_map::scene::overlay_scene::Layers;
    let mut a = app(1280.0, 800.0);
    let json: Json =
        serde_json::from_str(include_str!("../data/bridge.json")).expect("shipped data is JSON");
    a.set_overlay(&json).expect("shipped data is valid");
    a.take_events();
    a.set_step(Some(1));
    assert_eq!(
        a.take_events(),
        [MapEvent::TourStep(Some(TourStepInfo {
            step: 2,
            id: "middle-corridor".into()
        }))]
    );
    a.set_step(Some(1));
    assert!(a.take_events().is_empty(), "the same step again is no news");
    a.set_step(None);
    assert_eq!(a.take_events(), [MapEvent::TourStep(None)]);
    a.set_step(None);
    assert!(
        a.take_events().is_empty(),
        "ending an ended tour is no news"
    );

    a.set_layers(Layers::default());
    assert!(
        a.take_events().is_empty(),
        "a host setting the layers fires nothing"
    );
    a.toggle_layer(Layer::Energy, false);
    assert_eq!(
        a.take_events(),
        [MapEvent::LayersChanged(vec!["trade", "diplomacy", "plans"])]
    );
    a.toggle_layer(Layer::Energy, false);
    assert!(
        a.take_events().is_empty(),
        "switching off a hidden layer changes nothing"
    );
}

#[test]
fn css_colours_and_fonts_read_as_core_fmt_writes_them() {
    // Rgba::css and Font::css print numbers without core::fmt's float
    // formatting (it is too big for the wasm); for every value with up to
    // 4 decimals they must write exactly what `{}` writes.
    use bridge_map::paint::surface::Rgba;
    for i in 0..10_000u32 {
        let a = i as f32 / 10_000.0;
        let c = Rgba::hex(0x1f6f9a).with_alpha(a);
        assert_eq!(c.css(), format!("rgba(31,111,154,{a})"), "alpha {a}");
    }
    // Alphas computed at run time (a halo at 60 %) round to 4 decimals.
    let halo = Rgba::hex(0x7cc4ee).with_alpha(0.45);
    assert_eq!(
        halo.with_alpha(halo.a * 0.6).css(),
        "rgba(124,196,238,0.27)"
    );
    for i in 0..=64 * 16 {
        let size = f64::from(i) / 16.0;
        let f = Font {
            size,
            weight: 600,
            italic: false,
        };
        assert!(
            f.css().starts_with(&format!("600 {size}px ")),
            "{}",
            f.css()
        );
    }
}

#[test]
fn scene_sort_is_std_stable_sort() {
    // The scene's own merge sort must order exactly as slice::sort_by does,
    // ties included, on every length and on lists full of ties.
    let mut seed = 7u32;
    let mut rnd = |m: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % m
    };
    for len in 0..300 {
        let v: Vec<(u32, usize)> = (0..len).map(|i| (rnd(len as u32 / 3 + 1), i)).collect();
        let (mut ours, mut std) = (v.clone(), v);
        bridge_map::scene::sort::sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
        std.sort_by(|a, b| a.0.cmp(&b.0));
        assert_eq!(ours, std, "length {len}");
    }
}

/// Whether a screen point is inside the recorded subpaths (`M`/`L` ops) by
/// the even–odd rule: crossings of a ray to the right, counted over all.
fn even_odd(ops: &[String], p: Screen) -> bool {
    let pt = |o: &str| {
        let (x, y) = o[2..].split_once(',').unwrap();
        Screen::new(x.parse().unwrap(), y.parse().unwrap())
    };
    let mut rings: Vec<Vec<Screen>> = Vec::new();
    for o in ops {
        if o.starts_with("M ") {
            rings.push(vec![pt(o)]);
        } else if o.starts_with("L ") {
            rings.last_mut().unwrap().push(pt(o));
        }
    }
    let mut odd = false;
    for ring in &mut rings {
        ring.push(ring[0]);
        for s in ring.windows(2) {
            let (a, b) = (s[0], s[1]);
            if (a.y <= p.y) != (b.y <= p.y) && p.x < a.x + (p.y - a.y) / (b.y - a.y) * (b.x - a.x) {
                odd = !odd;
            }
        }
    }
    odd
}

#[test]
fn a_highlighted_country_leaves_its_lakes_untinted() {
    use bridge_map::geo::view::View;
    use bridge_map::render::draw_highlight;
    let bm = common::basemap();
    let vp = Viewport::new(1280.0, 800.0);
    let world = |lon, lat| {
        bm.projection
            .lonlat_to_world(LonLat::new(lon, lat))
            .unwrap()
    };
    let view = View {
        center: world(70.0, 46.0),
        zoom: 5.5,
    };
    let screen = |lon, lat| view.world_to_screen(world(lon, lat), vp);
    let style = Style::light();
    let highlight = |id: &str| {
        let mut s = RecordingSurface::default();
        let c = bm.country_index(id).unwrap();
        draw_highlight(
            &mut s,
            bm,
            c,
            &view,
            vp,
            style.selected_fill,
            &style.selected_outline,
        )
        .unwrap();
        s.ops
    };
    let ops = highlight("KAZ");
    let at = |op: &str| ops.iter().position(|o| o.starts_with(op)).unwrap();
    let (clip, fill, unclip, stroke) = (
        at("clip"),
        at(&format!("fill {}", style.selected_fill.css())),
        at("unclip"),
        at("stroke"),
    );
    assert!(
        clip < fill && fill < unclip && unclip < stroke,
        "the fill is clipped, the outline is not"
    );
    let clip_path = &ops[..clip];
    for (name, lon, lat) in [
        ("Lake Balkhash", 74.5, 46.2),
        ("the North Aral", 60.8, 46.4),
    ] {
        assert!(
            !even_odd(clip_path, screen(lon, lat)),
            "{name} is not tinted"
        );
    }
    for (name, lon, lat) in [
        ("Karaganda", 73.102, 49.802),
        ("south of Balkhash", 75.5, 45.5),
        ("the Aral's dry bed", 60.0, 45.0),
    ] {
        assert!(even_odd(clip_path, screen(lon, lat)), "{name} is tinted");
    }
    // With no lake in view, the fill is not clipped.
    let far = View {
        center: world(13.4, 52.5),
        zoom: 7.0,
    };
    let mut s = RecordingSurface::default();
    let deu = bm.country_index("DEU").unwrap();
    draw_highlight(
        &mut s,
        bm,
        deu,
        &far,
        vp,
        style.selected_fill,
        &style.selected_outline,
    )
    .unwrap();
    assert!(s.calls("fill").count() == 1 && !s.ops.iter().any(|o| o == "clip"));
}

/// A rendering written down for the raster worker (the display list the
/// main thread sends it) draws, replayed, exactly what drawing it directly
/// draws: every path, colour, stroke, clip and label of the shipped map, at
/// home and close over Kazakhstan.
#[test]
fn a_rendering_written_down_for_the_raster_worker_replays_call_for_call() {
    use bridge_map::data::json::Json;
    use bridge_map::paint::display_list::{DisplayList, Encoder};
    let mut a = app(1280.0, 800.0);
    let json: Json = serde_json::from_str(include_str!("../data/bridge.json")).unwrap();
    a.set_overlay(&json).expect("shipped data is valid");
    let home_view = a.view();
    let close = ViewState {
        lon: 71.4,
        lat: 51.1,
        zoom: home_view.zoom + 3.0,
    };
    let close = {
        a.set_view_state(close).expect("a valid view");
        a.view()
    };
    for view in [home_view, close] {
        let mut direct = RecordingSurface::default();
        a.render_basemap_at(&mut direct, &view).expect("drawn");
        let mut list = DisplayList::new();
        let mut measure = RecordingSurface::default();
        a.render_basemap_at(
            &mut Encoder {
                list: &mut list,
                measure: &mut measure,
            },
            &view,
        )
        .expect("written down");
        assert!(
            measure.ops.is_empty(),
            "nothing is drawn on the measuring surface"
        );
        let mut replayed = RecordingSurface::default();
        list.replay(&mut replayed)
            .expect("a list the encoder wrote")
            .expect("drawn");
        assert!(
            direct.ops.len() > 1000,
            "a real rendering: {} calls",
            direct.ops.len()
        );
        assert!(
            direct.calls("text \"Astana\"").count() + direct.calls("text \"Kazakhstan\"").count()
                > 0
        );
        assert_eq!(replayed.ops, direct.ops);
    }
}
