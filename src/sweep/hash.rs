//! The identity of a sweep point on disk, by the stable hash of
//! [`crate::hash`], so `--resume` recognises finished points across runs.

use super::grid::Point;
pub use crate::hash::{fnv1a64, hex};
use crate::sim::precision::Precision;

/// The identity of a sweep point for `--resume`: FNV-1a of the JSON of
/// the wom version, the resolved scenario of the point (every default
/// filled in, the point's values and the seed applied: see
/// [`crate::scenario::resolved::to_table`]), the point's values,
/// the replications it starts with and the precision target. Any change to
/// one of these gives another hash, so a stale point is never reused.
///
/// A network read from a file is identified by its path, not its content.
pub fn point_hash(
    resolved: &toml::Table,
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
        "scenario": resolved,
        "values": values,
        "start_replications": start_replications,
        "precision": precision,
    });
    fnv1a64(identity.to_string().as_bytes())
}
