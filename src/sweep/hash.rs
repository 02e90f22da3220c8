//! A stable 64-bit hash (FNV-1a) for naming sweep points on disk.
//!
//! `std`'s `DefaultHasher` may change between Rust releases, which would
//! make `--resume` recompute every point; FNV-1a is fixed by its
//! definition (offset basis 0xcbf29ce484222325, prime 0x100000001b3).

use super::grid::Point;
use crate::model::Scenario;
use crate::sim::precision::Precision;

/// FNV-1a of `bytes`.
///
/// ```
/// use wom::sweep::hash::fnv1a64;
/// // Published test vectors.
/// assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
/// assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
/// ```
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The identity of a sweep point for `--resume`: FNV-1a of the JSON of
/// the wom version, the resolved scenario of the point (every default
/// filled in, the point's values and the seed applied), the point's values,
/// the replications it starts with and the precision target. Any change to
/// one of these gives another hash, so a stale point is never reused.
///
/// A network read from a file is identified by its path, not its content.
pub fn point_hash(
    scenario: &Scenario,
    point: &Point,
    start_replications: u64,
    precision: Option<Precision>,
) -> u64 {
    let values: Vec<(String, String)> = point
        .assignments
        .iter()
        .map(|(k, v)| (k.clone(), super::value_text(v)))
        .collect();
    let identity = serde_json::json!({
        "wom_version": env!("CARGO_PKG_VERSION"),
        "scenario": scenario,
        "values": values,
        "start_replications": start_replications,
        "precision": precision,
    });
    fnv1a64(identity.to_string().as_bytes())
}

/// The hash as 16 lower-case hex digits.
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
