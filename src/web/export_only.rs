//! The wasm of "Download data", built on its own with `--features
//! export-only` (`pkg/bridge_map_export_bg.wasm`) and loaded only when a
//! visitor first asks for the data: [`crate::data::export`]'s writers, the
//! overlay's validation and the walk of a page's object, without the map.
//! The map's own wasm, which every visitor downloads first, holds none of it.

use crate::data::export::Format;
use crate::data::overlay::Overlay;
use wasm_bindgen::prelude::*;

#[path = "value.rs"]
mod value;

/// The same allocator as the map's wasm (see `web`), for a smaller module.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The overlay `data` (an object in the `data/bridge.json` format) as a file
/// of `format` (`geojson` or `csv`) exported on `date` (`YYYY-MM-DD`):
/// `[name, media type, text]`. Throws with the format words for another
/// format, and with the validator's list of problems for bad data.
#[wasm_bindgen(js_name = exportData)]
pub fn export_data(data: JsValue, format: &str, date: &str) -> Result<js_sys::Array, JsError> {
    let f = Format::parse(format).ok_or_else(|| {
        JsError::new(&format!(
            "unknown format \"{format}\": use {}",
            Format::WORDS.join(" or ")
        ))
    })?;
    let overlay = value::json(&data)
        .and_then(|json| Overlay::from_json(&json))
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(js_sys::Array::of3(
        &f.file_name(date).into(),
        &f.media_type().into(),
        &f.write(&overlay, date).into(),
    ))
}
