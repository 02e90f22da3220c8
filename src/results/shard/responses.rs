//! `shard-responses.csv`: each replication's response-time counts (see
//! [`crate::sim::PolicyRun::response_counts`]), so that a merge rebuilds
//! summary.json's `response_times` exactly. Written only when the scenario
//! uses response times (a desk, `tolerance_hours` or `handoff_hours`), so
//! other shards keep their three files.
//!
//! `replication,policy,answered_0,…,answered_29`: one row per replication ×
//! policy that answered complaints (policies that answer none have empty
//! counts and no row), in replication then policy order; column `i` counts
//! the complaints in bin `i` of
//! [`crate::sim::response::RESPONSE_EDGES_HOURS`].

use super::super::error::ResultError;
use super::super::rows;
use crate::model::Scenario;
use crate::sim::ReplicationResult;
use crate::sim::response::RESPONSE_EDGES_HOURS;
use std::io::{Read, Write};

/// The file.
pub const RESPONSES: &str = "shard-responses.csv";

/// Bins per row: one per edge and one for the longer ones.
const BINS: usize = RESPONSE_EDGES_HOURS.len() + 1;

/// The columns of shard-responses.csv.
pub fn responses_header() -> Vec<String> {
    let mut header = vec!["replication".to_owned(), "policy".to_owned()];
    header.extend((0..BINS).map(|i| format!("answered_{i}")));
    header
}

/// Writes the response counts of `results`, policies named by `names`.
///
/// # Errors
/// When writing fails.
pub fn write(
    out: &mut dyn Write,
    names: &[String],
    results: &[ReplicationResult],
) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(responses_header())?;
    for r in results {
        for (policy, run) in r.policies.iter().enumerate() {
            if run.response_counts.is_empty() {
                continue;
            }
            let mut record = vec![r.replication.to_string(), names[policy].clone()];
            record.extend(run.response_counts.iter().map(u64::to_string));
            w.write_record(&record)?;
        }
    }
    w.flush()?;
    Ok(())
}

/// Reads shard-responses.csv, when given, into `results`: required
/// exactly when `scenario` uses response times.
///
/// # Errors
/// A [`ResultError`] naming the file at fault, or the file missing.
pub fn attach<R: Read>(
    file: Option<(R, &str)>,
    scenario: &Scenario,
    names: &[String],
    results: &mut [ReplicationResult],
) -> Result<(), ResultError> {
    match (file, scenario.uses_response_times()) {
        (Some((input, file)), true) => read(input, file, names, results),
        (None, false) => Ok(()),
        (None, true) => Err(ResultError::new(
            RESPONSES,
            "missing: the scenario uses response times, so the shard holds their counts".to_owned(),
        )),
        (Some((_, file)), false) => Err(ResultError::new(
            file,
            "the scenario does not use response times, so this file does not belong".to_owned(),
        )),
    }
}

/// Reads the counts into `results` (replications in order, every policy's
/// counts empty), checking that rows come in order and name replications
/// of the shard.
///
/// # Errors
/// A [`ResultError`] naming the file, line and column at fault.
pub fn read(
    input: impl Read,
    file: &str,
    names: &[String],
    results: &mut [ReplicationResult],
) -> Result<(), ResultError> {
    let first = results.first().map_or(0, |r| r.replication);
    let rows = rows::read_csv(input, file, names, responses_header(), |c, r, line| {
        let mut counts = Vec::with_capacity(BINS);
        for i in 0..BINS {
            counts.push(c.whole::<u64>(r, line, 2 + i)?);
        }
        Ok((c.whole::<u64>(r, line, 0)?, c.policy(r, line, 1)?, counts))
    })?;
    let mut last: Option<(u64, usize)> = None;
    for (k, (replication, policy, counts)) in rows.into_iter().enumerate() {
        let slot = replication
            .checked_sub(first)
            .and_then(|i| results.get_mut(i as usize));
        let in_order = last.is_none_or(|l| (replication, policy) > l);
        let Some(slot) = slot.filter(|_| in_order) else {
            return Err(ResultError::new(
                file,
                format!(
                    "row {} is replication {replication} of `{}`: not a replication of this shard after the row before",
                    k + 1,
                    names[policy]
                ),
            ));
        };
        slot.policies[policy].response_counts = counts;
        last = Some((replication, policy));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Shard, ShardExecution, ShardSpec, ShardTexts};
    use crate::results::merge::merge_runs;
    use crate::sim::World;
    use std::path::Path;

    const DESK: &str = "periods = 3\nreplications = 9\nseed = 5\n\
        [population]\npeople = 600\n[network]\nmean_degree = 6\n\
        [experience]\nproblem_rate = 0.3\ntolerance_hours = { exponential = 8.0 }\n\
        [policies.ignore]\nhandling = \"ignore\"\n\
        [policies.desk]\nhandling = \"recover\"\n\
        staffing = { agents = 1, handle_minutes = { exponential = 90.0 } }\n";

    fn shard(spec: ShardSpec) -> Shard {
        let scenario = crate::scenario::parse(DESK, Path::new("s.toml")).unwrap();
        let world = World::generated(scenario.clone()).unwrap();
        let results = world.run(spec.range(9), || {}).unwrap();
        let run = ShardExecution {
            people: 600,
            edges: None,
            scenario_file: "s.toml".into(),
            command_line: vec!["wom".into()],
            threads: 1,
            elapsed_seconds: 0.5,
        };
        Shard::new(scenario, spec, 9, results, run).unwrap()
    }

    fn texts(s: &Shard) -> [String; 4] {
        let (mut reps, mut periods, mut responses) = (Vec::new(), Vec::new(), Vec::new());
        s.write_replications(&mut reps).unwrap();
        s.write_periods(&mut periods).unwrap();
        s.write_responses(&mut responses).unwrap();
        [
            s.header_text().unwrap(),
            String::from_utf8(reps).unwrap(),
            String::from_utf8(periods).unwrap(),
            String::from_utf8(responses).unwrap(),
        ]
    }

    fn parse(t: &[String; 4], with_responses: bool) -> Result<Shard, String> {
        Shard::parse(ShardTexts {
            header: (&t[0], "shard.json"),
            replications: (t[1].as_bytes(), "shard-replications.csv"),
            periods: (t[2].as_bytes(), "shard-periods.csv"),
            responses: with_responses.then_some((t[3].as_bytes(), "shard-responses.csv")),
        })
        .map_err(|e| e.to_string())
    }

    #[test]
    fn a_desk_shard_keeps_its_response_counts_and_merges_into_the_whole_run() {
        let whole = shard(ShardSpec { index: 0, count: 1 });
        assert!(whole.has_responses());
        // The desk answers and records; the ignore policy does not.
        assert!(
            whole
                .results
                .iter()
                .all(|r| r.policies[0].response_counts.is_empty())
        );
        assert!(
            whole
                .results
                .iter()
                .all(|r| !r.policies[1].response_counts.is_empty())
        );
        let parts: Vec<(String, Shard)> = (0..3)
            .map(|index| {
                let s = shard(ShardSpec { index, count: 3 });
                let read = parse(&texts(&s), true).unwrap();
                assert_eq!(read, s, "shard {index} through its text");
                (format!("s{index}"), read)
            })
            .collect();
        let merged = merge_runs(parts).unwrap();
        assert_eq!(merged.results, whole.results);
    }

    #[test]
    fn a_missing_misplaced_or_shuffled_responses_file_is_refused() {
        let t = texts(&shard(ShardSpec { index: 1, count: 2 }));
        let e = parse(&t, false).unwrap_err();
        assert!(
            e.contains("shard-responses.csv") && e.contains("missing"),
            "{e}"
        );
        let mut lines: Vec<&str> = t[3].lines().collect();
        lines.swap(1, 2);
        let mut shuffled = t.clone();
        shuffled[3] = lines.join("\n") + "\n";
        let e = parse(&shuffled, true).unwrap_err();
        assert!(
            e.contains("shard-responses.csv") && e.contains("row 2"),
            "{e}"
        );
        let mut outside = t.clone();
        outside[3] = t[3].replacen("\n4,desk,", "\n2,desk,", 1);
        assert!(parse(&outside, true).is_err());
    }
}
