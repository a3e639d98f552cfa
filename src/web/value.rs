//! Reads the JS values a host page hands the map (overlay data, a view)
//! into the core's types, walking them with `js_sys`.
//!
//! `serde_wasm_bindgen::from_value` did this before. Its deserializer, with
//! serde's error machinery (which formats floats, so it pulls in all of
//! `core`'s float printing), cost about 5 KB of the gzipped wasm for two
//! calls. serde-wasm-bindgen still serialises everything the map returns
//! (see `to_js` in this module's parent).

use crate::data::json::Json;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A JS value as a [`Json`] tree, as `JSON.parse` output or a host's own
/// object: `null` and `undefined` → `Null`; numbers (and BigInts) →
/// `Num`; arrays → `Arr` (holes are `Null`); other objects → `Obj` with
/// their own enumerable string keys, in order. Functions and symbols are
/// not JSON: the error names what was found and where.
pub fn json(v: &JsValue) -> Result<Json, String> {
    json_at(v).map_err(|e| {
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
        let at = if path.is_empty() {
            String::new()
        } else {
            format!(" at {path}")
        };
        format!("{}{at} is not a JSON value", e.what)
    })
}

/// One step of the path to a value that is not JSON.
enum Step {
    Index(usize),
    Key(String),
}

/// A value that is not JSON, and the path to it, innermost step first: the
/// path is only put together when there is an error, not for every value
/// walked (the shipped overlay has tens of thousands of them).
struct NotJson {
    what: &'static str,
    path: Vec<Step>,
}

/// Walks one value. Each check is a call into JS, so the common leaves
/// (strings, numbers) are tried first; the kinds are disjoint, so the
/// order does not change the result.
fn json_at(v: &JsValue) -> Result<Json, NotJson> {
    if let Some(s) = v.as_string() {
        return Ok(Json::Str(s));
    }
    if let Some(n) = v.as_f64() {
        // `+ 0.0` turns -0 into 0, as serde's integer path did.
        return Ok(Json::Num(n + 0.0));
    }
    if let Some(a) = v.dyn_ref::<js_sys::Array>() {
        let mut out = Vec::with_capacity(a.length() as usize);
        for (i, item) in a.iter().enumerate() {
            out.push(json_at(&item).map_err(|mut e| {
                e.path.push(Step::Index(i));
                e
            })?);
        }
        return Ok(Json::Arr(out));
    }
    if v.is_object() {
        let entries = js_sys::Object::entries(v.unchecked_ref());
        let mut out = Vec::with_capacity(entries.length() as usize);
        for entry in entries.iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let key = entry.get(0).as_string().unwrap_or_default();
            match json_at(&entry.get(1)) {
                Ok(value) => out.push((key, value)),
                Err(mut e) => {
                    e.path.push(Step::Key(key));
                    return Err(e);
                }
            }
        }
        return Ok(Json::Obj(out));
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
    Err(NotJson {
        what: if v.is_function() {
            "a function"
        } else {
            "a symbol"
        },
        path: Vec::new(),
    })
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
