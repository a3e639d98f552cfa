//! The fuzzers' corpus, replayed on stable Rust: every committed input of
//! every target (`fuzz/corpus/<target>/`, and the inputs that once crashed,
//! `fuzz/regressions/<target>/`) goes through the target's own body
//! (`fuzz/harness.rs`), so a crash fixed once stays fixed in `cargo test`
//! without nightly or cargo-fuzz. See README.md, "Fuzzing".
#![cfg(not(target_arch = "wasm32"))]

#[path = "../fuzz/harness.rs"]
mod harness;

use harness::Outcome;
use std::path::{Path, PathBuf};

/// Every file in `fuzz/<dir>/<target>/`, sorted; none if it is not there.
fn inputs(dir: &str, target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz")
        .join(dir)
        .join(target);
    let mut files: Vec<PathBuf> = match std::fs::read_dir(&root) {
        Ok(entries) => entries
            .map(|e| e.expect("a readable entry").path())
            .filter(|p| p.is_file())
            .collect(),
        Err(_) => Vec::new(),
    };
    files.sort();
    files
}

/// Replays a target's corpus and regressions and tallies what they came to.
fn replay(target: &str, run: fn(&[u8]) -> Outcome) -> (usize, usize, usize) {
    let corpus = inputs("corpus", target);
    assert!(
        corpus.len() >= 5,
        "fuzz/corpus/{target} has {} inputs: was the corpus committed?",
        corpus.len()
    );
    let (mut unread, mut rejected, mut accepted) = (0, 0, 0);
    for path in corpus.iter().chain(&inputs("regressions", target)) {
        let data = std::fs::read(path).expect("a readable input");
        // A panic here names the input through the test's output.
        eprintln!("{target}: {}", path.display());
        match run(&data) {
            Outcome::Unread => unread += 1,
            Outcome::Rejected(_) => rejected += 1,
            Outcome::Accepted => accepted += 1,
        }
    }
    (unread, rejected, accepted)
}

#[test]
fn overlay_corpus_replays_without_a_panic() {
    let (_, rejected, accepted) = replay("overlay", harness::overlay);
    // The corpus reaches past the JSON reader both ways: data the validator
    // refuses, and data it accepts and the scene places.
    assert!(
        rejected > 0 && accepted > 0,
        "{rejected} rejected, {accepted} accepted"
    );
}

#[test]
fn basemap_corpus_replays_without_a_panic() {
    let (_, rejected, accepted) = replay("basemap", harness::basemap);
    assert!(
        rejected > 0 && accepted > 0,
        "{rejected} rejected, {accepted} accepted"
    );
}

#[test]
fn detail_corpus_replays_without_a_panic() {
    let (_, rejected, accepted) = replay("detail", harness::detail);
    assert!(
        rejected > 0 && accepted > 0,
        "{rejected} rejected, {accepted} accepted"
    );
}

#[test]
fn fine_corpus_replays_without_a_panic() {
    let (_, rejected, accepted) = replay("fine", harness::fine);
    assert!(
        rejected > 0 && accepted > 0,
        "{rejected} rejected, {accepted} accepted"
    );
}

/// The harness's own small files are what it says they are: the base
/// decodes, its detail and fine files fit it, and one byte flipped behind a
/// resealed checksum is refused with a structural error, not the checksum.
#[test]
fn the_harness_seeds_fit_their_base() {
    let (bytes, base) = harness::tiny_base();
    assert_eq!(harness::basemap(bytes), Outcome::Accepted);
    assert_eq!(harness::detail(&harness::tiny_detail()), Outcome::Accepted);
    assert_eq!(harness::fine(&harness::tiny_fine()), Outcome::Accepted);
    assert!(base.countries.iter().any(|c| c.id.as_str() == "KAZ"));
    // Another base's detail file: refused as belonging elsewhere.
    let mut other = harness::tiny_detail();
    other[40] ^= 1; // the base's CRC the detail file names
    assert_eq!(
        harness::detail(&other),
        Outcome::Rejected("DetailMismatch".into())
    );
    // The magic number broken: refused before the checksum.
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert_eq!(harness::basemap(&bad), Outcome::Rejected("BadMagic".into()));
}
