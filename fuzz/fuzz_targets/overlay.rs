//! Fuzz target `overlay`. Overlay JSON text: read, validated (`Overlay::from_json`), placed on the basemap.
//! The body is `harness::overlay`, which tests/fuzz_corpus.rs replays on stable.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::overlay(data);
});
