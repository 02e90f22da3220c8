//! Shards: the K/N rule, the round trip through text, and the checks of
//! a shard on its own and of a set of shards.

use super::*;
use crate::results::merge::{Member, MergeError, check_set, merge_runs};
use crate::sim::World;
use std::path::Path;

#[test]
fn the_shards_of_any_split_cover_every_item_once_and_differ_by_at_most_one() {
    for total in [1u64, 2, 7, 40, 1000, 1_000_003, u64::MAX / 3] {
        for count in [1u64, 2, 3, 7, 16, 1000] {
            if count > total {
                assert!(
                    ShardSpec { index: 0, count }
                        .check_count(total, "x")
                        .is_err()
                );
                continue;
            }
            let mut next = 0;
            let (mut shortest, mut longest) = (u64::MAX, 0);
            for index in 0..count {
                let r = ShardSpec { index, count }.range(total);
                assert_eq!(r.start, next, "consecutive ({index}/{count} of {total})");
                let len = r.end - r.start;
                (shortest, longest) = (shortest.min(len), longest.max(len));
                next = r.end;
            }
            assert_eq!(next, total);
            assert!(longest - shortest <= 1 && shortest >= 1);
        }
    }
}

#[test]
fn k_over_n_is_read_strictly() {
    let spec = ShardSpec::parse("2/7").unwrap();
    assert_eq!(spec, ShardSpec { index: 2, count: 7 });
    assert_eq!(spec.to_string(), "2/7");
    for bad in [
        "3/3", "0/0", "7", "-1/3", "1/3/4", "a/3", "1/", " /2", "1/+3", "1.0/3",
    ] {
        assert!(ShardSpec::parse(bad).is_err(), "{bad} accepted");
    }
    assert!(
        ShardSpec::parse("4/3")
            .unwrap_err()
            .contains("numbered 0 to 2")
    );
}

const SCENARIO: &str = "periods = 3\nreplications = 9\nseed = 5\n\
    [population]\npeople = 300\n[network]\nmean_degree = 6\n\
    [policies.ignore]\nhandling = \"ignore\"\n[policies.recover]\nhandling = \"recover\"\n";

/// Shard `spec` of a small scenario, simulated.
fn shard(spec: ShardSpec) -> Shard {
    let scenario = crate::scenario::parse(SCENARIO, Path::new("s.toml")).unwrap();
    let world = World::generated(scenario.clone()).unwrap();
    let results = world.run(spec.range(9), || {}).unwrap();
    let run = ShardExecution {
        people: 300,
        edges: Some(900),
        scenario_file: "s.toml".into(),
        command_line: vec!["wom".into()],
        threads: 1,
        elapsed_seconds: 0.5,
    };
    Shard::new(scenario, spec, 9, results, run).unwrap()
}

/// The three files of a shard, as text.
fn texts(s: &Shard) -> [String; 3] {
    let (mut reps, mut periods) = (Vec::new(), Vec::new());
    s.write_replications(&mut reps).unwrap();
    s.write_periods(&mut periods).unwrap();
    [
        s.header_text().unwrap(),
        String::from_utf8(reps).unwrap(),
        String::from_utf8(periods).unwrap(),
    ]
}

fn parse(texts: &[String; 3]) -> Result<Shard, ResultError> {
    Shard::parse(ShardTexts {
        header: (&texts[0], "shard.json"),
        replications: (texts[1].as_bytes(), "shard-replications.csv"),
        periods: (texts[2].as_bytes(), "shard-periods.csv"),
        responses: None,
    })
}

#[test]
fn a_shard_read_back_from_its_text_is_the_shard_bit_for_bit() {
    let original = shard(ShardSpec { index: 1, count: 2 });
    assert_eq!(original.header.range, [4, 9]);
    assert_eq!(original.results.len(), 5);
    let read = parse(&texts(&original)).unwrap();
    assert_eq!(read, original);
    // Bit for bit, not just equal as numbers (0.0 and -0.0 are equal).
    let bits = |s: &Shard| -> Vec<u64> {
        s.results
            .iter()
            .flat_map(|r| &r.policies)
            .flat_map(|p| p.outputs.0.iter().chain(p.periods.iter().flatten()))
            .map(|x| x.to_bits())
            .collect()
    };
    assert_eq!(bits(&read), bits(&original));
}

#[test]
fn an_edited_shard_is_refused_naming_the_file_and_what_is_wrong() {
    let t = texts(&shard(ShardSpec { index: 0, count: 2 }));
    let edit = |i: usize, from: &str, to: &str| {
        let mut t = t.clone();
        assert!(t[i].contains(from), "{from}");
        t[i] = t[i].replacen(from, to, 1);
        parse(&t).unwrap_err().to_string()
    };
    let e = edit(
        0,
        "\"range\": [\n    0,\n    4\n  ]",
        "\"range\": [\n    0,\n    5\n  ]",
    );
    assert!(e.contains("shard.json at `range`"), "{e}");
    let e = edit(0, "\"seed\": 5,", "\"seed\": 6,");
    assert!(e.contains("seed 6"), "{e}");
    let e = edit(0, "\"shards\": 2,", "\"shards\": 10,");
    assert!(e.contains("not a shard of 9 replications"), "{e}");
    let e = edit(0, "\"margin\": 50.0", "\"margin\": 5.0");
    assert!(e.contains("is not the identity"), "{e}");
    let e = edit(1, "\n3,recover,", "\n3,ignore,");
    assert!(e.contains("row 8 is replication 3 of `ignore`"), "{e}");
    let e = edit(2, "\n0,ignore,1,", "\n0,ignore,2,");
    assert!(e.contains("shard-periods.csv: row 2 is period 2"), "{e}");
    let mut cut = t.clone();
    let lines: Vec<&str> = t[2].lines().collect();
    cut[2] = lines[..lines.len() - 1].join("\n") + "\n";
    let e = parse(&cut).unwrap_err().to_string();
    assert!(e.contains("23 rows, expected 24"), "{e}");
}

fn member(dir: &str, index: u64, count: u64, seed: &str) -> Member {
    Member {
        directory: dir.into(),
        spec: ShardSpec { index, count },
        version: env!("CARGO_PKG_VERSION").into(),
        identity: vec![("the seed", seed.into())],
    }
}

#[test]
fn a_set_of_shards_is_taken_in_shard_order_whatever_the_order_given() {
    let set = [
        member("c", 2, 3, "1"),
        member("a", 0, 3, "1"),
        member("b", 1, 3, "1"),
    ];
    assert_eq!(check_set(&set, |s| s.to_string()).unwrap(), [1, 2, 0]);
    let describe = |s: ShardSpec| format!("items of {s}");
    let e = check_set(&set[..2], describe).unwrap_err();
    assert_eq!(
        e,
        MergeError::Missing {
            missing: "shard 1/3 (items of 1/3)".into(),
            count: 1
        }
    );
    let twice = [
        set[0].clone(),
        set[1].clone(),
        set[2].clone(),
        member("d", 1, 3, "1"),
    ];
    let e = check_set(&twice, describe).unwrap_err().to_string();
    assert_eq!(e, "b and d are both shard 1/3: give each shard once");
    let other = [set[1].clone(), member("x", 1, 3, "2"), set[0].clone()];
    let e = check_set(&other, describe).unwrap_err().to_string();
    assert!(
        e.contains("a and x are shards of different runs: the seed is 1 in one and 2 in the other"),
        "{e}"
    );
    let mut old = member("o", 1, 3, "1");
    old.version = "0.0.1".into();
    let e = check_set(&[set[1].clone(), old], describe)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("o was written by wom 0.0.1"), "{e}");
    assert_eq!(check_set(&[], describe), Err(MergeError::Empty));
    let many: Vec<Member> = vec![member("z", 0, 20, "1")];
    let e = check_set(&many, describe).unwrap_err().to_string();
    assert!(e.contains("and 11 more shards; run them"), "{e}");
}

#[test]
fn merged_shards_hold_every_replication_of_the_whole_run_in_order() {
    let whole = shard(ShardSpec { index: 0, count: 1 });
    for count in [2, 3, 9] {
        let parts: Vec<(String, Shard)> = (0..count)
            .rev()
            .map(|index| (format!("s{index}"), shard(ShardSpec { index, count })))
            .collect();
        let merged = merge_runs(parts).unwrap();
        assert_eq!(merged.results, whole.results, "{count} shards");
        assert_eq!(merged.scenario, whole.scenario);
        let e = merged.execution(Some(vec!["wom".into(), "merge".into()]));
        assert_eq!(e.shards.as_ref().map(Vec::len), Some(count as usize));
        assert_eq!(e.elapsed_seconds, 0.5 * count as f64);
    }
}
