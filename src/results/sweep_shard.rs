//! A shard of a sweep: `wom sweep … --shard K/N` runs the whole points
//! K, K+N, K+2N, … (every N-th point, so that each shard gets a share of
//! every part of the grid and shards take about as long as each other),
//! and keeps them as the sweep keeps its points — `points/NNNNN-HASH.json`,
//! one [`PointResult`] each — beside a header, `sweep-shard.json`
//! ([`SweepShardHeader`]). A merge joins the points of the N shards and
//! rebuilds the sweep's files from them, exactly as the sweep itself does.
//! Text in, values out; the directory is the binary's `store::shard`.

use super::error::{ResultError, parse_json, to_json_text};
use super::merge::{IDENTITY, Member, MergeError, check_set, with_difference};
use super::metadata::ShardRecord;
use super::shard::ShardSpec;
use super::sweep::{SweepHeader, SweepMetadata};
use crate::sim::precision::Precision;
use crate::sweep::point::PointResult;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The header file of a sweep shard.
pub const SWEEP_HEADER: &str = "sweep-shard.json";

/// Whether shard `spec` runs point `index`: every N-th point, from K.
pub fn holds(spec: ShardSpec, index: usize) -> bool {
    index as u64 % spec.count == spec.index
}

/// The points of a sweep of `total` points that shard `spec` runs.
pub fn points_of(spec: ShardSpec, total: usize) -> Vec<usize> {
    (0..total).filter(|&i| holds(spec, i)).collect()
}

/// sweep-shard.json.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SweepShardHeader {
    /// The wom version that ran it.
    pub wom_version: String,
    /// The sweep as its files describe it.
    pub sweep: SweepHeader,
    /// The identity of the base scenario (seed applied).
    pub scenario_hash: String,
    /// `--replications`, if given.
    pub replications: Option<u32>,
    /// The precision target per point, if any.
    pub precision: Option<Precision>,
    /// N: the shards of the sweep.
    pub shards: u64,
    /// K: this shard, from 0.
    pub shard: u64,
    /// The identity of every point of the sweep, by index (see
    /// `wom::sweep::hash::point_hash`): the same list in every shard.
    pub point_hashes: Vec<String>,
    /// The command line, word by word.
    pub command_line: Vec<String>,
    /// Worker threads.
    pub threads: usize,
    /// Wall-clock seconds.
    pub elapsed_seconds: f64,
    /// The base scenario as resolved (as in the sweep's metadata.json).
    pub scenario_resolved: toml::Table,
}

impl SweepShardHeader {
    /// K/N.
    pub fn spec(&self) -> ShardSpec {
        ShardSpec {
            index: self.shard,
            count: self.shards,
        }
    }

    /// The text of sweep-shard.json.
    ///
    /// # Errors
    /// When serialization fails (it does not for these types).
    pub fn text(&self) -> Result<String, serde_json::Error> {
        to_json_text(self)
    }

    /// The name of point `index`'s file in `points/`.
    pub fn point_file(&self, index: usize) -> Option<String> {
        let hash = self.point_hashes.get(index)?;
        Some(format!("{index:05}-{hash}.json"))
    }
}

/// A sweep shard: its header and its points.
#[derive(Debug, Clone, PartialEq)]
pub struct SweepShard {
    /// sweep-shard.json.
    pub header: SweepShardHeader,
    /// Its points, by index.
    pub points: BTreeMap<usize, PointResult>,
}

impl SweepShard {
    /// Parses and checks a sweep shard: its header (`(text, name)`) and the
    /// files of its `points/` directory (`(file name, text)`), which must
    /// be exactly the points K, K+N, … each with its identity.
    ///
    /// # Errors
    /// A [`ResultError`] naming the file and what is wrong.
    pub fn parse(
        header: (&str, &str),
        points_dir: &str,
        files: &[(String, String)],
    ) -> Result<SweepShard, ResultError> {
        let (text, file) = header;
        let header: SweepShardHeader = parse_json(text, file)?;
        let total = header.sweep.points_total;
        if header.point_hashes.len() != total {
            return Err(ResultError::at(
                file,
                "`point_hashes`",
                format!("{} hashes for {total} points", header.point_hashes.len()),
            ));
        }
        let spec = header.spec();
        if spec.count == 0 || spec.index >= spec.count || spec.count > total as u64 {
            return Err(ResultError::at(
                file,
                "`shard`",
                format!(
                    "shard {} of {} is not a shard of {total} points (K from 0 to N−1, N from 1 to the points)",
                    spec.index, spec.count
                ),
            ));
        }
        let mut points = BTreeMap::new();
        for index in points_of(spec, total) {
            let name = header.point_file(index).unwrap_or_default();
            let Some((_, text)) = files.iter().find(|(n, _)| *n == name) else {
                return Err(ResultError::new(
                    format!("{points_dir}/{name}"),
                    format!("missing: shard {spec} holds point {index}"),
                ));
            };
            let at = format!("{points_dir}/{name}");
            let point: PointResult = parse_json(text, &at)?;
            if point.index != index || point.hash != header.point_hashes[index] {
                return Err(ResultError::new(
                    at,
                    format!(
                        "holds point {} with identity {}, not the point its name says",
                        point.index, point.hash
                    ),
                ));
            }
            points.insert(index, point);
        }
        if let Some((extra, _)) = files.iter().find(|(n, _)| {
            !points
                .keys()
                .any(|&i| header.point_file(i).as_deref() == Some(n.as_str()))
        }) {
            return Err(ResultError::new(
                format!("{points_dir}/{extra}"),
                format!("not a point of shard {spec} (it holds points {})", {
                    let held: Vec<String> = points.keys().map(usize::to_string).collect();
                    held.join(", ")
                }),
            ));
        }
        Ok(SweepShard { header, points })
    }
}

/// What a sweep's shards add up to.
#[derive(Debug, Clone)]
pub struct MergedSweep {
    /// The sweep as its files describe it (from the first shard).
    pub header: SweepHeader,
    /// Every point, by index.
    pub points: BTreeMap<usize, PointResult>,
    /// The first shard's header, for the sweep's metadata.
    first: SweepShardHeader,
    /// The shards merged, in shard order.
    records: Vec<ShardRecord>,
}

/// Checks that `shards` (each with its directory) are the N shards of one
/// sweep and joins their points.
///
/// # Errors
/// A [`MergeError`] naming the directories at fault, or the points
/// missing.
pub fn merge_sweeps(shards: Vec<(String, SweepShard)>) -> Result<MergedSweep, MergeError> {
    let members: Vec<Member> = shards
        .iter()
        .map(|(directory, s)| {
            let h = &s.header;
            Member {
                directory: directory.clone(),
                spec: h.spec(),
                version: h.wom_version.clone(),
                identity: vec![
                    ("the scenario", format!("`{}`", h.sweep.scenario)),
                    ("the seed", h.sweep.seed.to_string()),
                    ("--replications", shown(&h.replications)),
                    (IDENTITY, h.scenario_hash.clone()),
                    ("the precision target", shown(&h.precision)),
                    ("the swept keys", h.sweep.keys.join(", ")),
                    ("the way keys combine", h.sweep.combine.clone()),
                    ("the points", h.sweep.points_total.to_string()),
                    (
                        "the points' identities",
                        crate::hash::hex(crate::hash::fnv1a64(h.point_hashes.join(",").as_bytes())),
                    ),
                ],
            }
        })
        .collect();
    let total = shards
        .first()
        .map_or(0, |(_, s)| s.header.sweep.points_total);
    let order = check_set(&members, |spec| {
        let points: Vec<String> = points_of(spec, total)
            .iter()
            .map(usize::to_string)
            .collect();
        match points.len() {
            1 => format!("point {}", points[0]),
            n if n <= 6 => format!("points {}", points.join(", ")),
            n => format!("{n} points ({}, …)", points[..3].join(", ")),
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
    let mut slots: Vec<Option<(String, SweepShard)>> = shards.into_iter().map(Some).collect();
    let mut points = BTreeMap::new();
    let mut records = Vec::new();
    let mut first = None;
    for i in order {
        if let Some((directory, shard)) = slots[i].take() {
            let h = &shard.header;
            records.push(ShardRecord {
                directory,
                shard: h.spec().to_string(),
                command_line: h.command_line.clone(),
                threads: h.threads,
                elapsed_seconds: h.elapsed_seconds,
            });
            points.extend(shard.points);
            first.get_or_insert(shard.header);
        }
    }
    let first = first.ok_or(MergeError::Empty)?;
    Ok(MergedSweep {
        header: first.sweep.clone(),
        points,
        first,
        records,
    })
}

impl MergedSweep {
    /// The merged sweep's metadata.json: the merge's `command_line`, the
    /// most threads of any shard, the shards' seconds added up, and the
    /// list of shards.
    pub fn metadata(&self, command_line: Vec<String>) -> SweepMetadata {
        let h = &self.first;
        SweepMetadata {
            wom_version: h.wom_version.clone(),
            command_line,
            scenario_file: h.sweep.scenario_file.clone(),
            seed: h.sweep.seed,
            keys: h.sweep.keys.clone(),
            combine: h.sweep.combine.clone(),
            points_total: h.sweep.points_total,
            points_resumed: 0,
            replications: h.replications,
            precision: h.precision,
            threads: self.records.iter().map(|r| r.threads).max().unwrap_or(1),
            elapsed_seconds: Some(self.records.iter().map(|r| r.elapsed_seconds).sum()),
            points_done: self.points.len(),
            complete: self.points.len() == h.sweep.points_total,
            scenario: h.scenario_resolved.clone(),
            shards: Some(self.records.clone()),
        }
    }

    /// How many shards were merged.
    pub fn shard_count(&self) -> usize {
        self.records.len()
    }
}

/// An optional setting as a merge message shows it.
fn shown<T: Serialize>(value: &Option<T>) -> String {
    match value {
        None => "none".to_owned(),
        Some(v) => serde_json::to_string(v).unwrap_or_default(),
    }
}
