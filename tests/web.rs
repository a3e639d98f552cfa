//! Browser tests for the glue (run with `wasm-pack test --headless --chrome`):
//! the canvas adapter really paints, the element mounts, and `project` and
//! `pick` agree inside a real page.
#![cfg(target_arch = "wasm32")]

use bridge_map::geo::coords::Screen;
use bridge_map::paint::surface::{Rgba, Surface};
use bridge_map::web::canvas::CanvasSurface;
use bridge_map::web::BridgeMap;
use js_sys::{Function, Promise, Reflect, Uint8Array};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use web_sys::{HtmlCanvasElement, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

const GEOMETRY: &[u8] = include_bytes!("../data/countries.bmap");

#[wasm_bindgen(module = "/www/bridge-map-element.js")]
extern "C" {
    #[wasm_bindgen(js_name = defineBridgeMap)]
    fn define_bridge_map(config: &JsValue) -> JsValue;
}

// wasm-bindgen copies only the JS files a crate names into the test page's
// snippets folder. Naming the element's own modules here puts them next to
// it, so its relative imports resolve. (Each is also checked to load.)
#[wasm_bindgen(module = "/www/bridge-map-i18n.js")]
extern "C" {
    #[wasm_bindgen(js_name = langOf)]
    fn lang_of(tag: &str) -> String;
}
// The UI text, one module per language (bridge-map-i18n.js imports English
// and loads the others by URL beside itself): each named here, so the
// browser tests ship it.
#[wasm_bindgen(module = "/www/i18n/en.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = default)]
    static TEXT_EN: JsValue;
}
#[wasm_bindgen(module = "/www/i18n/kk.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = default)]
    static TEXT_KK: JsValue;
}
#[wasm_bindgen(module = "/www/i18n/ru.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = default)]
    static TEXT_RU: JsValue;
}
#[wasm_bindgen(module = "/www/bridge-map-panels.js")]
extern "C" {
    #[wasm_bindgen(js_name = h)]
    fn element_helper(tag: &str, class: &str) -> web_sys::Element;
}
#[wasm_bindgen(module = "/www/bridge-map-export.js")]
extern "C" {
    /// The module's `exportPng` export, as a value: the test checks it is a function.
    #[wasm_bindgen(thread_local_v2, js_name = exportPng)]
    static EXPORT_PNG: JsValue;
}
#[wasm_bindgen(module = "/www/bridge-map-about.js")]
extern "C" {
    /// The About box's builder, loaded when the box first opens: the test
    /// checks it is a function.
    #[wasm_bindgen(thread_local_v2, js_name = buildAbout)]
    static BUILD_ABOUT: JsValue;
}
#[wasm_bindgen(module = "/www/bridge-map-permalink.js")]
extern "C" {
    #[wasm_bindgen(js_name = formatHash)]
    fn format_hash(state: &JsValue, existing: &str) -> String;
}
#[wasm_bindgen(module = "/www/bridge-map-vocabulary.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = VOCABULARY)]
    static VOCABULARY: JsValue;
}
#[wasm_bindgen(module = "/www/bridge-map-path.js")]
extern "C" {
    /// The display-list replayer the canvas adapter and the raster worker
    /// call (src/web/canvas.rs, www/bridge-map-raster.js).
    #[wasm_bindgen(thread_local_v2, js_name = replay)]
    static REPLAY: JsValue;
}
#[wasm_bindgen(module = "/www/bridge-map-format.js")]
extern "C" {
    #[wasm_bindgen(js_name = formatPeriod)]
    fn format_period(period: &str, lang: &str) -> String;
}

// The stylesheet and the shell's controllers (www/controllers/): one export
// of each, so that wasm-bindgen copies the module, at the same relative path.
#[wasm_bindgen(module = "/www/bridge-map-styles.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = styleSheet)]
    static STYLE_SHEET: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/controller.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = Controller)]
    static CONTROLLER: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/index.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = buildShell)]
    static BUILD_SHELL: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/ready.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = ReadyGate)]
    static READY_GATE: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/about.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = AboutController)]
    static ABOUT: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/attribution.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = AttributionController)]
    static ATTRIBUTION: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/controls.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = ControlsController)]
    static CONTROLS: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/download.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = DownloadController)]
    static DOWNLOAD: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/environment.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = EnvironmentController)]
    static ENVIRONMENT: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/error-state.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = ErrorController)]
    static ERROR_STATE: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/flow.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = FlowController)]
    static FLOW: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/hint.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = HintController)]
    static HINT: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/info.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = InfoController)]
    static INFO: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/keyboard.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = KeyboardController)]
    static KEYBOARD: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/layers.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = LayersController)]
    static LAYERS: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/layout.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = LayoutController)]
    static LAYOUT: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/live.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = LiveController)]
    static LIVE: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/loader.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = LoaderController)]
    static LOADER: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/modes.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = ModesController)]
    static MODES: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/permalink.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = PermalinkController)]
    static PERMALINK: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/share.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = ShareController)]
    static SHARE: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/tooltip.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = TooltipController)]
    static TOOLTIP: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/tour.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = TourController)]
    static TOUR: JsValue;
}
#[wasm_bindgen(module = "/www/controllers/twin.js")]
extern "C" {
    #[wasm_bindgen(thread_local_v2, js_name = TwinController)]
    static TWIN: JsValue;
}

#[wasm_bindgen_test]
fn the_element_modules_load_next_to_each_other() {
    assert_eq!(lang_of("kk-KZ"), "kk");
    assert_eq!(element_helper("p", "note").class_name(), "note");
    let state = js_sys::Object::new();
    Reflect::set(&state, &"sel".into(), &"titr".into()).unwrap();
    assert_eq!(format_hash(&state, ""), "sel=titr");
    assert_eq!(format_period("2014 / 2020", "ru"), "2014 / 2020");
    assert_eq!(format_period("—", "kk"), "");
    let layers = VOCABULARY.with(|v| get(v, "layers"));
    assert_eq!(js_sys::Array::from(&layers).length(), 4);
    for (lang, text) in [("en", &TEXT_EN), ("kk", &TEXT_KK), ("ru", &TEXT_RU)] {
        assert!(
            text.with(JsValue::is_object),
            "www/i18n/{lang}.js exports its UI text as an object"
        );
    }
    assert!(
        EXPORT_PNG.with(JsValue::is_function),
        "bridge-map-export.js exports the function exportPng"
    );
    assert!(
        BUILD_ABOUT.with(JsValue::is_function),
        "bridge-map-about.js exports the function buildAbout"
    );
    assert!(
        REPLAY.with(JsValue::is_function),
        "bridge-map-path.js exports the function replay"
    );
    for (name, export) in [
        ("styleSheet", &STYLE_SHEET),
        ("Controller", &CONTROLLER),
        ("buildShell", &BUILD_SHELL),
        ("ReadyGate", &READY_GATE),
        ("AboutController", &ABOUT),
        ("AttributionController", &ATTRIBUTION),
        ("ControlsController", &CONTROLS),
        ("DownloadController", &DOWNLOAD),
        ("EnvironmentController", &ENVIRONMENT),
        ("ErrorController", &ERROR_STATE),
        ("FlowController", &FLOW),
        ("HintController", &HINT),
        ("InfoController", &INFO),
        ("KeyboardController", &KEYBOARD),
        ("LayersController", &LAYERS),
        ("LayoutController", &LAYOUT),
        ("LiveController", &LIVE),
        ("LoaderController", &LOADER),
        ("ModesController", &MODES),
        ("PermalinkController", &PERMALINK),
        ("ShareController", &SHARE),
        ("TooltipController", &TOOLTIP),
        ("TourController", &TOUR),
        ("TwinController", &TWIN),
    ] {
        assert!(
            export.with(JsValue::is_function),
            "{name} is not a function"
        );
    }
}

#[wasm_bindgen]
extern "C" {
    type MapElement;
    #[wasm_bindgen(method, getter)]
    fn ready(this: &MapElement) -> Promise;
    #[wasm_bindgen(method)]
    fn project(this: &MapElement, lon: f64, lat: f64) -> JsValue;
    #[wasm_bindgen(method)]
    fn unproject(this: &MapElement, x: f64, y: f64) -> JsValue;
    #[wasm_bindgen(method)]
    fn pick(this: &MapElement, x: f64, y: f64) -> JsValue;
    #[wasm_bindgen(method, getter)]
    fn view(this: &MapElement) -> JsValue;
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn get(v: &JsValue, key: &str) -> JsValue {
    Reflect::get(v, &key.into()).unwrap()
}

fn num(v: &JsValue, key: &str) -> f64 {
    get(v, key).as_f64().unwrap_or(f64::NAN)
}

/// One device pixel of a canvas, whatever its context (the map canvas
/// shows bitmaps through `bitmaprenderer`): copied through a scratch canvas.
fn pixel(canvas: &HtmlCanvasElement, x: f64, y: f64) -> [u8; 4] {
    let scratch = document()
        .create_element("canvas")
        .unwrap()
        .dyn_into::<HtmlCanvasElement>()
        .unwrap();
    scratch.set_width(1);
    scratch.set_height(1);
    let ctx = scratch
        .get_context("2d")
        .unwrap()
        .unwrap()
        .dyn_into::<web_sys::CanvasRenderingContext2d>()
        .unwrap();
    ctx.draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        canvas, x, y, 1.0, 1.0, 0.0, 0.0, 1.0, 1.0,
    )
    .unwrap();
    let data = ctx.get_image_data(0.0, 0.0, 1.0, 1.0).unwrap().data();
    [data[0], data[1], data[2], data[3]]
}

#[wasm_bindgen_test]
fn canvas_adapter_paints_paths_at_device_resolution() {
    let canvas = document()
        .create_element("canvas")
        .unwrap()
        .dyn_into::<HtmlCanvasElement>()
        .unwrap();
    let mut s = CanvasSurface::new(canvas.clone()).unwrap();
    assert!(
        s.resize(100.0, 50.0, 2.0).unwrap(),
        "a new size is a change"
    );
    assert_eq!(
        (canvas.width(), canvas.height()),
        (200, 100),
        "backing store is CSS size × DPR"
    );
    s.clear(Rgba::hex(0x0000ff));
    s.begin_path();
    s.move_to(Screen::new(10.0, 10.0));
    s.line_to(Screen::new(40.0, 10.0));
    s.line_to(Screen::new(40.0, 40.0));
    s.line_to(Screen::new(10.0, 40.0));
    s.close_path();
    s.fill(Rgba::hex(0xff0000));
    // CSS (25, 25) is device (50, 50): inside the square.
    assert_eq!(pixel(&canvas, 50.0, 50.0), [255, 0, 0, 255]);
    // CSS (60, 25): outside, still the cleared colour.
    assert_eq!(pixel(&canvas, 120.0, 50.0), [0, 0, 255, 255]);
    assert!(
        s.measure_text(
            "Kazakhstan",
            &bridge_map::paint::surface::Font {
                size: 12.0,
                weight: 400,
                italic: false,
            }
        )
        .unwrap()
            > 20.0
    );
}

/// Defines a `<tag>` whose wasm comes from this test build and whose
/// geometry is `bytes`; returns the closure that must outlive the element.
type Create =
    dyn FnMut(HtmlCanvasElement, HtmlElement, Uint8Array, Function) -> Result<JsValue, JsValue>;

fn define(tag: &str, bytes: &[u8]) -> Closure<Create> {
    define_keeping(tag, bytes, Rc::default())
}

/// [`define`], keeping every map the element makes in `made`.
fn define_keeping(tag: &str, bytes: &[u8], made: Rc<RefCell<Vec<JsValue>>>) -> Closure<Create> {
    let create = Closure::<Create>::new(
        move |canvas: HtmlCanvasElement,
              particles: HtmlElement,
              bytes: Uint8Array,
              on_event: Function| {
            let map = BridgeMap::new(canvas, particles, &bytes.to_vec(), on_event)
                .map(JsValue::from)
                .map_err(JsValue::from)?;
            made.borrow_mut().push(map.clone());
            Ok(map)
        },
    );
    let config = js_sys::Object::new();
    let init = Function::new_no_args("return Promise.resolve()");
    Reflect::set(&config, &"init".into(), &init).unwrap();
    Reflect::set(&config, &"createMap".into(), create.as_ref()).unwrap();
    Reflect::set(&config, &"geometryUrl".into(), &Uint8Array::from(bytes)).unwrap();
    Reflect::set(&config, &"tagName".into(), &tag.into()).unwrap();
    define_bridge_map(&config);
    create
}

/// The element's error panel (the fatal error state).
fn error_panel(el: &HtmlElement) -> HtmlElement {
    el.shadow_root()
        .unwrap()
        .query_selector(".error[role=alert]")
        .unwrap()
        .expect("the element has an error panel")
        .dyn_into::<HtmlElement>()
        .unwrap()
}

fn mount(tag: &str) -> HtmlElement {
    let el = document()
        .create_element(tag)
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap();
    el.style().set_property("width", "800px").unwrap();
    el.style().set_property("height", "500px").unwrap();
    document().body().unwrap().append_child(&el).unwrap();
    el
}

#[wasm_bindgen_test]
async fn element_mounts_and_project_agrees_with_pick() {
    let _keep = define("bridge-map-test", GEOMETRY);
    let el = mount("bridge-map-test");
    let map: &MapElement = el.unchecked_ref();
    JsFuture::from(map.ready())
        .await
        .expect("first frame drawn");

    let canvas = el
        .shadow_root()
        .unwrap()
        .query_selector("canvas")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlCanvasElement>()
        .unwrap();
    let dpr = web_sys::window().unwrap().device_pixel_ratio();
    assert_eq!(canvas.width(), (800.0 * dpr).round() as u32);

    for (lon, lat, id) in [
        (71.446, 51.18, "KAZ"),
        (76.912, 43.253, "KAZ"),
        (37.618, 55.752, "RUS"),
        (116.397, 39.907, "CHN"),
    ] {
        let p = map.project(lon, lat);
        let (x, y) = (num(&p, "x"), num(&p, "y"));
        assert!(
            (0.0..800.0).contains(&x) && (0.0..500.0).contains(&y),
            "{id} on screen at {x},{y}"
        );
        let hit = map.pick(x, y);
        assert_eq!(get(&hit, "id").as_string().as_deref(), Some(id));
        assert_eq!(get(&hit, "kind").as_string().as_deref(), Some("country"));
        let back = map.unproject(x, y);
        assert!((num(&back, "lon") - lon).abs() < 1e-6 && (num(&back, "lat") - lat).abs() < 1e-6);
    }
    let caspian = map.project(51.0, 42.0);
    assert!(
        map.pick(num(&caspian, "x"), num(&caspian, "y")).is_null(),
        "the Caspian is water"
    );
    assert!(map.project(f64::NAN, 0.0).is_null());

    // Kazakhstan is painted in its own colour. Labels and their halos may
    // cover any one spot, so sample five interior cities and require that
    // most show the exact fill.
    let fill = [0xf5, 0xc9, 0x4c];
    let cities = [
        (71.446, 51.18),
        (73.102, 49.802),
        (67.706, 47.794),
        (65.509, 44.853),
        (57.207, 50.28),
    ];
    let exact = cities
        .iter()
        .filter(|&&(lon, lat)| {
            let p = map.project(lon, lat);
            let px = pixel(
                &canvas,
                (num(&p, "x") * dpr).round(),
                (num(&p, "y") * dpr).round(),
            );
            px[..3] == fill
        })
        .count();
    assert!(
        exact >= 3,
        "Kazakhstan's fill at {exact} of 5 interior cities"
    );
    el.remove();
}

#[wasm_bindgen_test]
async fn corrupt_geometry_shows_a_readable_error() {
    let mut broken = GEOMETRY.to_vec();
    let mid = broken.len() / 2;
    broken[mid] ^= 0xff;
    let _keep = define("bridge-map-broken", &broken);
    let el = mount("bridge-map-broken");
    let map: &MapElement = el.unchecked_ref();
    let err = JsFuture::from(map.ready())
        .await
        .expect_err("ready rejects");
    let message = get(&err, "message").as_string().unwrap_or_default();
    assert!(message.contains("corrupt"), "{message}");
    let alert = error_panel(&el);
    assert!(!alert.hidden());
    assert!(alert
        .text_content()
        .unwrap_or_default()
        .contains("checksum"));
    assert_eq!(el.get_attribute("data-state").as_deref(), Some("error"));
    el.remove();
}

#[wasm_bindgen_test]
fn js_values_read_into_the_same_json_tree_as_serde_json() {
    use bridge_map::data::json::Json;
    use bridge_map::web::value;
    // What JSON.parse gives must become exactly the tree serde_json makes
    // of the same text (the shipped overlay included).
    let overlay = include_str!("../data/bridge.json");
    for text in [
        r#"{"a":[1,-0,2.5,-1e300,"x\u00e9\u049b",null,true,false,{"b":[]}],"c":{},"d":""}"#,
        overlay,
    ] {
        let js = js_sys::JSON::parse(text).unwrap();
        let expected: Json = serde_json::from_str(text).unwrap();
        assert_eq!(value::json(&js), Ok(expected));
    }
    // undefined reads as null; what a page's object can hold and JSON
    // cannot is refused with the validator's words, at its path.
    let refused = |body: &str| {
        let v = Function::new_no_args(body).call0(&JsValue::NULL).unwrap();
        value::json(&v).map_err(|e| {
            let [p] = &e.0[..] else {
                panic!("one problem: {e}")
            };
            (p.path.clone(), p.reason.to_string())
        })
    };
    let wrong = |found: &str| format!("expected a JSON value, found {found}");
    assert_eq!(
        refused("return {a: undefined, b: [1, {c: () => 2}]}"),
        Err(("b[1].c".to_owned(), wrong("a function")))
    );
    // A getter that throws: an error, not an exception through the wasm.
    assert_eq!(
        refused("return {a: [0, {get b() { throw new Error('no') }}]}"),
        Err(("a[1]".to_owned(), wrong("a value that throws when read")))
    );
    // An object that contains itself stops at the depth limit.
    let (path, reason) = refused("const o = {}; o.self = o; return o").unwrap_err();
    assert_eq!(path, vec!["self"; 32].join("."));
    assert_eq!(reason, "nested over 32 deep");
    // A list too long is refused before it is read.
    assert_eq!(
        refused("return {a: new Array(6001).fill(1)}"),
        Err(("a".to_owned(), "more than 6000 items".to_owned()))
    );
    assert!(refused("return {a: new Array(6000).fill(1)}").is_ok());
    // NaN and infinities come through, for the validator to name.
    assert_eq!(
        refused("return [NaN]")
            .map(|j| matches!(&j, Json::Arr(a) if a[0].as_f64().is_some_and(f64::is_nan))),
        Ok(true)
    );
    let v = Function::new_no_args("return {a: undefined}")
        .call0(&JsValue::NULL)
        .unwrap();
    assert_eq!(
        value::json(&v),
        Ok(Json::Obj(vec![("a".to_owned(), Json::Null)]))
    );
    // A view: numbers, or missing to keep the current value.
    let view = |text: &str| value::view(&js_sys::JSON::parse(text).unwrap());
    assert_eq!(
        view(r#"{"lon":71.4,"zoom":null}"#),
        Ok([Some(71.4), None, None])
    );
    assert_eq!(
        view(r#"{"lon":1,"lat":2,"zoom":3,"x":"y"}"#),
        Ok([Some(1.0), Some(2.0), Some(3.0)])
    );
    assert_eq!(
        view(r#"{"lat":"x"}"#),
        Err("lat must be a number".to_owned())
    );
    assert!(view("5").is_err());
    assert!(view("null").is_err());
}

/// The next animation frame.
async fn next_frame() {
    let frame = Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .request_animation_frame(&resolve)
            .unwrap();
    });
    JsFuture::from(frame).await.unwrap();
}

#[wasm_bindgen_test]
async fn a_panic_fails_the_map_it_struck_and_the_other_map_keeps_working() {
    let made: Rc<RefCell<Vec<JsValue>>> = Rc::default();
    let _keep = define_keeping("bridge-map-panic", GEOMETRY, made.clone());
    let (a, b) = (mount("bridge-map-panic"), mount("bridge-map-panic"));
    for el in [&a, &b] {
        let map: &MapElement = el.unchecked_ref();
        JsFuture::from(map.ready())
            .await
            .expect("first frame drawn");
    }
    let struck = made.borrow()[0].clone();
    let panic = Reflect::get(&struck, &"panicForTest".into())
        .unwrap()
        .dyn_into::<Function>()
        .expect("debug builds export panicForTest");
    assert!(
        panic.call0(&struck).is_err(),
        "the panic reaches the caller as an exception"
    );

    // Exactly one element is in its error state, with its button.
    let failed = |el: &HtmlElement| el.get_attribute("data-state").as_deref() == Some("error");
    assert_eq!([failed(&a), failed(&b)].iter().filter(|f| **f).count(), 1);
    let (dead, alive) = if failed(&a) { (&a, &b) } else { (&b, &a) };
    let alert = error_panel(dead);
    assert!(!alert.hidden());
    assert!(alert
        .text_content()
        .unwrap_or_default()
        .contains("a panic forced by a test"));
    assert!(alert.query_selector("button.retry").unwrap().is_some());
    // Its methods answer null instead of calling into the map it lost.
    let dead_map: &MapElement = dead.unchecked_ref();
    assert!(dead_map.pick(400.0, 250.0).is_null());
    assert!(Reflect::get(dead, &"stats".into()).unwrap().is_null());
    // Its failed ready promise is the last word; the other map still moves and picks.
    let alive_map: &MapElement = alive.unchecked_ref();
    let frames = |el: &HtmlElement| num(&Reflect::get(el, &"stats".into()).unwrap(), "frames");
    let before = frames(alive);
    let view = js_sys::Object::new();
    for (k, v) in [("lon", 71.43), ("lat", 51.13), ("zoom", 4.0)] {
        Reflect::set(&view, &k.into(), &v.into()).unwrap();
    }
    Reflect::set(alive, &"view".into(), &view).unwrap();
    for _ in 0..120 {
        if frames(alive) > before {
            break;
        }
        next_frame().await;
    }
    assert!(frames(alive) > before, "the other map draws the new view");
    let astana = alive_map.project(71.43, 51.13);
    let hit = alive_map.pick(num(&astana, "x"), num(&astana, "y"));
    assert_eq!(get(&hit, "id").as_string().as_deref(), Some("KAZ"));
    a.remove();
    b.remove();
}
