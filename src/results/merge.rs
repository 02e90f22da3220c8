//! Whether a set of shards belongs together and covers its work exactly
//! once, and a run's shards merged into one run's replications, in order.
//!
//! A set is merged only when every shard names the same work (the same
//! scenario identity, seed, replications or sweep points, number of
//! shards) and this wom version, no shard appears twice, and none is
//! missing. Shards are taken in shard order whatever order they were
//! given in, so the merged files do not depend on it.

use super::metadata::{Execution, ShardRecord};
use super::shard::{Shard, ShardSpec};
use crate::model::Scenario;
use crate::sim::ReplicationResult;
use thiserror::Error;

/// Why shards cannot be merged: always the user's input.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MergeError {
    /// No shard was given.
    #[error("no shard directories given")]
    Empty,
    /// A shard of another wom version.
    #[error(
        "{directory} was written by wom {version}; this is wom {ours}: merge with the version that ran the shards (results may differ between versions)"
    )]
    Version {
        /// The shard.
        directory: String,
        /// Its version.
        version: String,
        /// This version.
        ours: String,
    },
    /// Two shards of different work.
    #[error("{0}")]
    Mismatch(Box<Mismatch>),
    /// The same shard twice.
    #[error("{first} and {second} are both shard {spec}: give each shard once")]
    Duplicate {
        /// K/N.
        spec: String,
        /// One directory.
        first: String,
        /// The other.
        second: String,
    },
    /// Shards missing.
    #[error("missing: {missing}; run {} and merge again", if *.count == 1 { "it" } else { "them" })]
    Missing {
        /// What is missing, for people.
        missing: String,
        /// How many shards.
        count: usize,
    },
}

/// Two shards of different work: what differs.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "{first} and {second} are shards of different runs: {field} is {first_value} in one and {second_value} in the other{detail}"
)]
pub struct Mismatch {
    /// The field that differs.
    pub field: &'static str,
    /// One shard.
    pub first: String,
    /// Its value.
    pub first_value: String,
    /// The other shard.
    pub second: String,
    /// Its value.
    pub second_value: String,
    /// Where the two differ, when that can be said (else empty).
    pub detail: String,
}

/// One shard as a merge compares it.
#[derive(Debug, Clone)]
pub struct Member {
    /// Its directory, for messages.
    pub directory: String,
    /// K/N.
    pub spec: ShardSpec,
    /// The wom version that wrote it.
    pub version: String,
    /// What must be equal in every shard, `(field, value)`, in the order
    /// to compare (N is compared first).
    pub identity: Vec<(&'static str, String)>,
}

/// The field of a scenario's identity hash in messages.
pub const IDENTITY: &str = "the scenario's identity";

/// A mismatch of scenario identities, with the first key where the two
/// resolved scenarios (`table(directory)`) differ.
pub fn with_difference<'a>(
    e: MergeError,
    table: impl Fn(&str) -> Option<&'a toml::Table>,
) -> MergeError {
    match e {
        MergeError::Mismatch(mut m) if m.field == IDENTITY => {
            if let (Some(a), Some(b)) = (table(&m.first), table(&m.second))
                && let Some((key, x, y)) = first_difference(a, b, "")
            {
                m.detail = format!(" (`{key}` is {x} in one and {y} in the other)");
            }
            MergeError::Mismatch(m)
        }
        other => other,
    }
}

/// The first dotted key at which two tables differ, with both values
/// (`none` where a key is absent).
fn first_difference(
    a: &toml::Table,
    b: &toml::Table,
    at: &str,
) -> Option<(String, String, String)> {
    let keys = a.keys().chain(b.keys().filter(|k| !a.contains_key(*k)));
    for key in keys {
        let path = if at.is_empty() {
            key.clone()
        } else {
            format!("{at}.{key}")
        };
        match (a.get(key), b.get(key)) {
            (Some(toml::Value::Table(x)), Some(toml::Value::Table(y))) => {
                if let Some(found) = first_difference(x, y, &path) {
                    return Some(found);
                }
            }
            (x, y) if x != y => {
                let show = |v: Option<&toml::Value>| v.map_or("none".to_owned(), |v| v.to_string());
                return Some((path, show(x), show(y)));
            }
            _ => {}
        }
    }
    None
}

/// Most missing shards named one by one in a message.
const MISSING_NAMED: usize = 8;

/// Checks that `members` are the N shards of one piece of work, each
/// once; `describe(spec)` says what a shard holds ("replications 10 to
/// 19"). Returns the members' positions in shard order.
///
/// # Errors
/// The first problem found, in this order: none given, another version,
/// a differing field, a duplicate, missing shards.
pub fn check_set(
    members: &[Member],
    describe: impl Fn(ShardSpec) -> String,
) -> Result<Vec<usize>, MergeError> {
    let mut order: Vec<usize> = (0..members.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&members[a], &members[b]);
        (a.spec.index, &a.directory).cmp(&(b.spec.index, &b.directory))
    });
    let Some(&first) = order.first() else {
        return Err(MergeError::Empty);
    };
    let ours = env!("CARGO_PKG_VERSION");
    for &i in &order {
        let m = &members[i];
        if m.version != ours {
            return Err(MergeError::Version {
                directory: m.directory.clone(),
                version: m.version.clone(),
                ours: ours.to_owned(),
            });
        }
    }
    let reference = &members[first];
    for &i in &order[1..] {
        let m = &members[i];
        let count = |m: &Member| ("shards (N)", m.spec.count.to_string());
        let fields = std::iter::once((count(reference), count(m))).chain(
            reference
                .identity
                .iter()
                .cloned()
                .zip(m.identity.iter().cloned()),
        );
        for ((field, a), (_, b)) in fields {
            if a != b {
                return Err(MergeError::Mismatch(Box::new(Mismatch {
                    field,
                    first: reference.directory.clone(),
                    first_value: a,
                    second: m.directory.clone(),
                    second_value: b,
                    detail: String::new(),
                })));
            }
        }
    }
    for pair in order.windows(2) {
        let (a, b) = (&members[pair[0]], &members[pair[1]]);
        if a.spec == b.spec {
            return Err(MergeError::Duplicate {
                spec: a.spec.to_string(),
                first: a.directory.clone(),
                second: b.directory.clone(),
            });
        }
    }
    let n = reference.spec.count;
    let missing: Vec<ShardSpec> = (0..n)
        .filter(|&k| !order.iter().any(|&i| members[i].spec.index == k))
        .map(|index| ShardSpec { index, count: n })
        .collect();
    if !missing.is_empty() {
        let mut named: Vec<String> = missing
            .iter()
            .take(MISSING_NAMED)
            .map(|&s| format!("shard {s} ({})", describe(s)))
            .collect();
        if missing.len() > MISSING_NAMED {
            named.push(format!("and {} more shards", missing.len() - MISSING_NAMED));
        }
        return Err(MergeError::Missing {
            missing: named.join(", "),
            count: missing.len(),
        });
    }
    Ok(order)
}

/// What a run's shards add up to.
#[derive(Debug, Clone)]
pub struct MergedRun {
    /// The scenario (that of the first shard; all have its identity).
    pub scenario: Scenario,
    /// Every replication, in order.
    pub results: Vec<ReplicationResult>,
    /// The shards' headers and directories, in shard order.
    shards: Vec<(String, super::shard::ShardHeader)>,
}

/// Checks that `shards` (each with its directory) are the N shards of one
/// run and joins their replications in order.
///
/// # Errors
/// A [`MergeError`] naming the directories at fault, or the replications
/// missing.
pub fn merge_runs(shards: Vec<(String, Shard)>) -> Result<MergedRun, MergeError> {
    let members: Vec<Member> = shards
        .iter()
        .map(|(directory, s)| {
            let h = &s.header;
            Member {
                directory: directory.clone(),
                spec: h.spec(),
                version: h.wom_version.clone(),
                identity: vec![
                    ("the scenario", format!("`{}`", h.scenario)),
                    ("the seed", h.seed.to_string()),
                    ("the replications (R)", h.replications.to_string()),
                    (IDENTITY, h.scenario_hash.clone()),
                ],
            }
        })
        .collect();
    let replications = shards.first().map_or(0, |(_, s)| s.header.replications);
    let order = check_set(&members, |spec| {
        let r = spec.range(replications);
        if r.end - r.start == 1 {
            format!("replication {}", r.start)
        } else {
            format!("replications {} to {}", r.start, r.end - 1)
        }
    })
    .map_err(|e| {
        let table = |dir: &str| {
            shards
                .iter()
                .find(|(d, _)| d == dir)
                .map(|(_, s)| &s.header.scenario_resolved)
        };
        with_difference(e, table)
    })?;
    let mut slots: Vec<Option<(String, Shard)>> = shards.into_iter().map(Some).collect();
    let mut scenario = None;
    let mut results = Vec::new();
    let mut headers = Vec::new();
    for i in order {
        if let Some((directory, shard)) = slots[i].take() {
            scenario.get_or_insert(shard.scenario);
            results.extend(shard.results);
            headers.push((directory, shard.header));
        }
    }
    Ok(MergedRun {
        scenario: scenario.ok_or(MergeError::Empty)?,
        results,
        shards: headers,
    })
}

impl MergedRun {
    /// How the run went, for metadata.json: a single shard `0/1` (a run
    /// on one machine, `merge_command` `None`) is described as it ran;
    /// a merge by `merge_command`, the most threads of any shard, the
    /// shards' seconds added up, and the list of shards.
    pub fn execution(&self, merge_command: Option<Vec<String>>) -> Execution {
        let first = &self.shards[0].1;
        let (command_line, shards) = match merge_command {
            None => (first.command_line.clone(), None),
            Some(command) => {
                let records = self
                    .shards
                    .iter()
                    .map(|(directory, h)| ShardRecord {
                        directory: directory.clone(),
                        shard: h.spec().to_string(),
                        command_line: h.command_line.clone(),
                        threads: h.threads,
                        elapsed_seconds: h.elapsed_seconds,
                    })
                    .collect();
                (command, Some(records))
            }
        };
        Execution {
            command_line,
            scenario_file: first.scenario_file.clone(),
            replications: self.results.len() as u64,
            people: first.people,
            edges: first.edges,
            threads: self
                .shards
                .iter()
                .map(|(_, h)| h.threads)
                .max()
                .unwrap_or(1),
            elapsed_seconds: self.shards.iter().map(|(_, h)| h.elapsed_seconds).sum(),
            shards,
        }
    }

    /// How many shards were merged.
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }
}
