//! Reads the JS values a host page hands the map (overlay data, a view)
//! into the core's types, walking them with `js_sys`.
//!
//! `serde_wasm_bindgen::from_value` did this before. Its deserializer, with
//! serde's error machinery (which formats floats, so it pulls in all of
//! `core`'s float printing), cost about 5 KB of the gzipped wasm for two
//! calls. serde-wasm-bindgen still serialises everything the map returns
//! (see `to_js` in this module's parent).
//!
//! A page's object is not JSON text: it can refer to itself, nest without
//! end, hold a million items, or run code when read (a getter, a proxy).
//! The walk must survive all of them. Recursing without end overflowed the
//! wasm stack into the module's memory, and an exception thrown by a getter
//! unwound through the wasm call and left the map borrowed for good; either
//! way every later call failed and a re-inserted element came back dead.
//! So the walk stops at [`MAX_DEPTH`], refuses more than [`MAX_ITEMS`]
//! items before reading them, and reads a page's values only through calls
//! that catch what they throw. What it refuses is an [`OverlayError`], in
//! the validator's own words.

use crate::data::json::Json;
use crate::data::overlay::{OverlayError, Problem, Reason, MAX_DEPTH, MAX_ITEMS};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Object.entries(v)`, of an object or an array (its items keyed by
    /// index), whose getters and proxy traps are the page's code: what
    /// they throw comes back as an `Err`, not as an exception unwinding
    /// through the wasm.
    #[wasm_bindgen(js_namespace = Object, js_name = entries, catch)]
    fn entries(v: &JsValue) -> Result<js_sys::Array, JsValue>;
}

/// A JS value as a [`Json`] tree, as `JSON.parse` output or a host's own
/// object: `null` and `undefined` → `Null`; numbers (and BigInts) →
/// `Num`, NaN and infinities included (the validator names them); arrays
/// → `Arr` (holes left out); other objects → `Obj` with their own
/// enumerable string keys, in order. Functions, symbols, values that throw
/// when read, and values too deep or too long are refused, with the path
/// to the first one.
pub fn json(v: &JsValue) -> Result<Json, OverlayError> {
    json_at(v, 0).map_err(|e| {
        // The steps were collected from the culprit outwards.
        let mut path = String::new();
        for step in e.path.iter().rev() {
            match step {
                Step::Index(i) => {
                    path.push('[');
                    path.push_str(&i.to_string());
                    path.push(']');
                }
                Step::Key(k) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                }
            }
        }
        if path.is_empty() {
            path.push_str("(root)");
        }
        OverlayError(vec![Problem {
            path,
            reason: e.reason,
        }])
    })
}

/// One step of the path to a value that is refused.
enum Step {
    Index(usize),
    Key(String),
}

/// A value that is refused, and the path to it, innermost step first: the
/// path is only put together when there is an error, not for every value
/// walked (the shipped overlay has tens of thousands of them).
struct Refused {
    reason: Reason,
    path: Vec<Step>,
}

impl Refused {
    fn new(reason: Reason) -> Refused {
        Refused {
            reason,
            path: Vec::new(),
        }
    }

    /// The values the walk cannot copy: what a page's code threw, or what
    /// is not JSON.
    fn not_json(found: &'static str) -> Refused {
        Refused::new(Reason::WrongType {
            expected: "a JSON value",
            found,
        })
    }
}

/// Walks one value, `depth` levels down. Each check is a call into JS, so
/// the common leaves (strings, numbers) are tried first; the kinds are
/// disjoint, so the order does not change the result.
fn json_at(v: &JsValue, depth: usize) -> Result<Json, Refused> {
    if let Some(s) = v.as_string() {
        return Ok(Json::Str(s));
    }
    if let Some(n) = v.as_f64() {
        // `+ 0.0` turns -0 into 0, as serde's integer path did.
        return Ok(Json::Num(n + 0.0));
    }
    if v.is_object() {
        if depth >= MAX_DEPTH {
            return Err(Refused::new(Reason::TooDeep));
        }
        // Arrays and objects alike, through one catching call: an array's
        // entries are its items by index (holes left out).
        let entries = entries(v).map_err(|_| Refused::not_json("a value that throws when read"))?;
        if entries.length() as usize > MAX_ITEMS {
            return Err(Refused::new(Reason::TooMany));
        }
        let array = js_sys::Array::is_array(v);
        let mut items = Vec::new();
        let mut fields = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            let value = json_at(&entry.get(1), depth + 1).map_err(|mut e| {
                e.path.push(if array {
                    Step::Index(i)
                } else {
                    Step::Key(key.clone())
                });
                e
            })?;
            if array {
                items.push(value);
            } else {
                fields.push((key, value));
            }
        }
        return Ok(if array {
            Json::Arr(items)
        } else {
            Json::Obj(fields)
        });
    }
    if v.is_null() || v.is_undefined() {
        return Ok(Json::Null);
    }
    if let Some(b) = v.as_bool() {
        return Ok(Json::Bool(b));
    }
    if v.is_bigint() {
        return Ok(Json::Num(js_sys::Number::from(v.clone()).value_of()));
    }
    Err(Refused::not_json(if v.is_function() {
        "a function"
    } else {
        "a symbol"
    }))
}

/// The fields of a view `{lon, lat, zoom}`: each a number, or missing
/// (`undefined` or `null`) to keep the current value.
pub fn view(v: &JsValue) -> Result<[Option<f64>; 3], String> {
    if !v.is_object() {
        return Err("expected an object {lon, lat, zoom}".to_owned());
    }
    let mut out = [None; 3];
    for (slot, name) in out.iter_mut().zip(["lon", "lat", "zoom"]) {
        let field = js_sys::Reflect::get(v, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED);
        if field.is_null() || field.is_undefined() {
            continue;
        }
        *slot = Some(
            field
                .as_f64()
                .ok_or_else(|| format!("{name} must be a number"))?,
        );
    }
    Ok(out)
}
