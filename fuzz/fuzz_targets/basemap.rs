//! Fuzz target `basemap`. A base geometry file: `decode`, then built into a basemap and hit-tested.
//! The body is `harness::basemap`, which tests/fuzz_corpus.rs replays on stable.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::basemap(data);
});
