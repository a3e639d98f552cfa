//! Fuzz target `detail`. A detail geometry file for a small base: `decode_detail`, then added and used.
//! The body is `harness::detail`, which tests/fuzz_corpus.rs replays on stable.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    harness::detail(data);
});
