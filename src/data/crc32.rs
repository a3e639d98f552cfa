//! CRC-32 (IEEE 802.3, the checksum of zlib, PNG and `tools/build-data.mjs`)
//! that seals the geometry file.
//!
//! Byte at a time, from a 1 KiB table built at compile time. The crate
//! `crc32fast` it replaces carries 16 KiB of slice-by-16 tables, which were
//! the largest single item in the wasm (random numbers: they do not
//! compress). One pass over the 200 KB geometry file takes well under a
//! millisecond either way.

/// The table for the reflected polynomial 0xEDB88320.
const TABLE: [u32; 256] = table();

const fn table() -> [u32; 256] {
    let mut t = [0u32; 256];
    let mut i = 0;
    while i < 256 {
        let mut c = i as u32;
        let mut k = 0;
        while k < 8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            k += 1;
        }
        t[i] = c;
        i += 1;
    }
    t
}

/// The CRC-32 of `bytes`.
///
/// ```
/// use bridge_map::data::crc32::hash;
/// assert_eq!(hash(b"123456789"), 0xCBF4_3926); // the standard check value
/// assert_eq!(hash(b""), 0);
/// ```
pub fn hash(bytes: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in bytes {
        c = TABLE[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8);
    }
    !c
}
