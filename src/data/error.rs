//! Why a geometry asset could not be loaded.
//!
//! Each variant names one way the bytes can be wrong, with where it was
//! found, so the element's error panel can tell a web team *what* to fix.

use std::fmt;

/// A problem found while decoding a `BMAP` geometry file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DataError {
    /// The file is empty (often an HTML error page or a failed download).
    Empty,
    /// The first four bytes are not `BMAP`: this is not a Bridge Map geometry file.
    BadMagic,
    /// The file uses a format version this build cannot read.
    UnsupportedVersion(u16),
    /// The file ends in the middle of a record.
    Truncated {
        /// Byte offset where the file ended.
        offset: usize,
    },
    /// The CRC-32 trailer does not match the contents: the file was altered
    /// or cut (a cut file's last four bytes are read as its checksum).
    ChecksumMismatch {
        /// The checksum stored in the file.
        expected: u32,
        /// The checksum of the bytes read.
        actual: u32,
    },
    /// A variable-length integer is malformed or too large, or a count
    /// promises more items than the bytes left could hold.
    BadInteger {
        /// Byte offset of the integer.
        offset: usize,
    },
    /// A country id is not three ASCII capital letters.
    BadId {
        /// Byte offset of the id.
        offset: usize,
    },
    /// A name is not valid UTF-8.
    BadName {
        /// Byte offset of the name.
        offset: usize,
    },
    /// A ring refers to an arc the file does not contain.
    ArcOutOfRange {
        /// The country whose ring points at it.
        country: String,
        /// The arc reference as stored.
        arc: i64,
    },
    /// An arc has fewer than two points or decodes outside ±180°/±90°.
    BadArc {
        /// Index of the arc.
        arc: usize,
    },
    /// Two countries carry the same id.
    DuplicateId(String),
    /// Bytes remain after the last record.
    TrailingBytes {
        /// Byte offset of the first extra byte.
        offset: usize,
    },
    /// The file is a detail file where the base file (countries and the
    /// coarse level) was expected, or the other way round.
    WrongKind {
        /// The kind the file says it is (1 base, 2 detail).
        found: u8,
    },
    /// A detail file that belongs to another base file: its checksum of
    /// the base, or its number of arcs, does not match.
    DetailMismatch,
    /// A fine file with a country the base file does not have (by id).
    FineMismatch(String),
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::Empty => write!(f, "the geometry file is empty"),
            DataError::BadMagic => write!(
                f,
                "not a Bridge Map geometry file (expected it to start with \"BMAP\")"
            ),
            // The versions are written out, not formatted from the
            // decoder's constants; tests/data.rs holds them to those.
            DataError::UnsupportedVersion(v) => write!(
                f,
                "geometry format version {v} is not supported (this build reads versions 2 to 4)"
            ),
            DataError::Truncated { offset } => {
                write!(f, "the geometry file ends unexpectedly at byte {offset}")
            }
            DataError::ChecksumMismatch { expected, actual } => write!(
                f,
                "the geometry file is corrupt or cut short: checksum {actual:08x} does not match {expected:08x}"
            ),
            DataError::BadInteger { offset } => write!(
                f,
                "malformed integer at byte {offset}, or a count past the end of the file"
            ),
            DataError::BadId { offset } => write!(
                f,
                "country id at byte {offset} is not three capital letters"
            ),
            DataError::BadName { offset } => write!(f, "name at byte {offset} is not valid UTF-8"),
            DataError::ArcOutOfRange { country, arc } => {
                write!(f, "country {country} refers to missing arc {arc}")
            }
            DataError::BadArc { arc } => {
                write!(f, "arc {arc} has too few points or leaves the globe")
            }
            DataError::DuplicateId(id) => write!(f, "country id {id} appears twice"),
            DataError::TrailingBytes { offset } => {
                write!(f, "unexpected data after the last record at byte {offset}")
            }
            DataError::WrongKind { found: 2 } => write!(
                f,
                "this is a detail geometry file; the map needs its base file first"
            ),
            DataError::WrongKind { found } => write!(
                f,
                "geometry file of kind {found} is not the kind expected here"
            ),
            DataError::DetailMismatch => {
                write!(f, "the detail geometry file belongs to another base file")
            }
            DataError::FineMismatch(id) => {
                write!(
                    f,
                    "the fine geometry file has a country ({id}) the base file does not"
                )
            }
        }
    }
}

impl std::error::Error for DataError {}
