//! FNV-1a, the project's one non-cryptographic hash, at both widths: 32
//! bits for the search files' shard numbers (part of their format, which
//! the app computes too), 64 bits for content-addressed file names. Stable
//! across versions and machines, fast, no crate; not for security.

/// The 64-bit offset basis: the hash of no bytes.
pub const OFFSET_64: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME_64: u64 = 0x0100_0000_01b3;
const OFFSET_32: u32 = 0x811c_9dc5;
const PRIME_32: u32 = 0x0100_0193;

pub fn fnv1a_64(bytes: &[u8]) -> u64 {
    fnv1a_64_from(OFFSET_64, bytes)
}

/// Continues a 64-bit hash with more bytes.
pub fn fnv1a_64_from(hash: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(hash, |h, &b| (h ^ u64::from(b)).wrapping_mul(PRIME_64))
}

pub fn fnv1a_32(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .fold(OFFSET_32, |h, &b| (h ^ u32::from(b)).wrapping_mul(PRIME_32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        // The published FNV-1a test vectors.
        assert_eq!(fnv1a_64(b""), OFFSET_64);
        assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a_64_from(fnv1a_64(b"fo"), b"o"), fnv1a_64(b"foo"));
        assert_eq!(fnv1a_32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a_32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a_32(b"foobar"), 0xbf9c_f968);
    }
}
