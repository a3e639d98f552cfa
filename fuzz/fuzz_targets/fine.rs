//! Fuzz target `fine`. A fine geometry file for a small base: `decode`, then `Basemap::add_fine` and used.
//! The body is `harness::fine`, which tests/fuzz_corpus.rs replays on stable.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::fine(data);
});
