//! A stable 64-bit hash (FNV-1a) for identities written to disk: sweep
//! points, shards, the scenario a trace or a run used.
//!
//! `std`'s `DefaultHasher` may change between Rust releases; FNV-1a is
//! fixed by its definition (offset basis 0xcbf29ce484222325, prime
//! 0x100000001b3).

/// FNV-1a of `bytes`.
///
/// ```
/// use wom::hash::fnv1a64;
/// // Published test vectors.
/// assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
/// assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A hash as 16 lower-case hex digits.
pub fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
        assert_eq!(hex(0xab), "00000000000000ab");
    }
}
