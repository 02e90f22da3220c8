//! The reference files the properties mutate, built through the library
//! the way the binary builds them, and the mutations.

use super::*;
use std::sync::OnceLock;

/// Runs a scenario the way `wom run` does, in memory; `None` when it is
/// refused (the binary's exit 2).
pub fn run_in_memory(text: &str) -> Option<Run> {
    let scenario = wom::scenario::parse(text, Path::new("random.toml")).ok()?;
    let world = match World::generated(scenario) {
        Ok(w) => w,
        Err(SimError::Cancelled) => panic!("cancelled without a cancel"),
        Err(_) => return None,
    };
    let (results, _) = run_to_precision(&world, 3, None, |_| {}, || {}).ok()?;
    let summary = summarize(&world.scenario().policy_names(), &results);
    let execution = Execution {
        command_line: vec!["wom".into()],
        scenario_file: "random.toml".into(),
        replications: summary.replications,
        people: world.people(),
        edges: world.shared_graph().map(|g| g.edge_count()),
        threads: 1,
        elapsed_seconds: 0.5,
        shards: None,
    };
    let headline =
        |_: &wom::model::Scenario, _: &wom::results::finding::Finding| "a headline".to_owned();
    Some(
        Run::new(
            world.scenario().clone(),
            &results,
            &summary,
            None,
            execution,
            headline,
        )
        .unwrap(),
    )
}

/// The four files of `run` as the binary writes them.
pub fn texts(run: &Run) -> [Vec<u8>; 4] {
    let mut replications = Vec::new();
    rows::write_replications(
        &mut replications,
        &run.names(),
        &rows::ReplicationColumns::of(&run.scenario),
        &run.replications,
    )
    .unwrap();
    let mut periods = Vec::new();
    rows::write_periods(&mut periods, &run.names(), &run.periods).unwrap();
    [
        to_json_text(&run.metadata).unwrap().into_bytes(),
        to_json_text(&run.summary).unwrap().into_bytes(),
        replications,
        periods,
    ]
}

pub fn parse(files: &[Vec<u8>; 4]) -> Result<Run, wom::results::ResultError> {
    let (meta, summary) = (
        String::from_utf8_lossy(&files[0]),
        String::from_utf8_lossy(&files[1]),
    );
    Run::parse(RunTexts {
        metadata: (&meta, "metadata.json"),
        summary: (&summary, "summary.json"),
        replications: (Cursor::new(files[2].clone()), "replications.csv"),
        periods: (Cursor::new(files[3].clone()), "periods.csv"),
    })
}

/// A small scenario whose files are mutated.
pub const REFERENCE: &str = "periods = 3\n[population]\npeople = 200\n[network]\nmean_degree = 6\n\
    [policies.ignore]\nhandling = \"ignore\"\n[policies.recover]\nhandling = \"recover\"\n";

/// A run of the reference scenario, to mutate.
pub fn reference_files() -> &'static [Vec<u8>; 4] {
    static FILES: OnceLock<[Vec<u8>; 4]> = OnceLock::new();
    FILES.get_or_init(|| texts(&run_in_memory(REFERENCE).expect("the reference scenario runs")))
}

/// Edits applied to bytes: (where, what, byte, length).
pub fn edits() -> impl Strategy<Value = Vec<(usize, u8, u8, usize)>> {
    prop::collection::vec((any::<usize>(), 0..4u8, any::<u8>(), 1..12usize), 1..6)
}

pub fn mutate(bytes: &[u8], edits: &[(usize, u8, u8, usize)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, what, byte, len) in edits {
        let at = if out.is_empty() {
            0
        } else {
            at % (out.len() + 1)
        };
        match what {
            0 => out
                .splice(at..at, std::iter::repeat_n(byte, len))
                .for_each(drop),
            1 => out.drain(at..(at + len).min(out.len())).for_each(drop),
            2 => out.truncate(at),
            _ => {
                if let Some(b) = out.get_mut(at) {
                    *b = byte;
                }
            }
        }
    }
    out
}

/// What `wom plot` does with trace.json, and `wom sweep --resume` with a
/// point file.
pub fn read_trace_or_point(text: &str) -> bool {
    use wom::results::parse_json;
    let trace = parse_json::<wom::results::trace::TraceFile>(text, "trace.json").is_ok_and(|t| {
        t.check().is_ok()
            && t.policies
                .iter()
                .all(|p| p.rebuild(t.person, t.period).is_ok())
    });
    let point = parse_json::<wom::sweep::point::PointResult>(text, "point.json").is_ok();
    trace || point
}

/// A trace file of two policies, as `wom trace` writes one.
pub fn trace_text() -> &'static str {
    use wom::results::trace::*;
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let telling = |teller, hearer, hop, tone| Telling {
            teller,
            hearer,
            hop,
            tone,
            effect: EffectKey::Deterred,
        };
        let policy = |i: usize| PolicyTrace {
            policy: format!("p{i}"),
            policy_index: i,
            class: ClassKey::Unresolved,
            tone: ToneKey::Negative,
            people_reached: 3,
            hearings: 3,
            hops: 2,
            reached_per_hop: vec![2, 1],
            deterred: 3,
            customers_lost: 0,
            converted: 0,
            period: PeriodTotals {
                customers: 20,
                negative_tellings: 30,
                positive_tellings: 10,
                negative_originators: 2,
                positive_originators: 5,
            },
            story: vec![
                telling(4, 5, 1, ToneKey::Negative),
                telling(4, 6, 1, ToneKey::Negative),
                telling(5, 7, 2, ToneKey::Negative),
            ],
        };
        let file = TraceFile {
            scenario: "s".into(),
            scenario_identity: "0123456789abcdef".into(),
            scenario_file: "s.toml".into(),
            seed: 1,
            replication: 0,
            period: 0,
            period_label: "month".into(),
            max_hops: 3,
            wom_version: "0.1.0".into(),
            person: 4,
            segment: None,
            chosen: "given".into(),
            policies: vec![policy(0), policy(1)],
        };
        to_json_text(&file).unwrap()
    })
}

/// A sweep's point file of the reference scenario.
pub fn point_text() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let scenario = wom::scenario::parse(REFERENCE, Path::new("r.toml")).unwrap();
        let world = World::generated(scenario).unwrap();
        let (results, _) = run_to_precision(&world, 3, None, |_| {}, || {}).unwrap();
        let summary = summarize(&world.scenario().policy_names(), &results);
        let point = wom::sweep::grid::Point {
            index: 3,
            assignments: vec![("economics.margin".into(), toml::Value::Float(40.0))],
        };
        let record =
            wom::sweep::point::PointResult::new(world.scenario(), &point, 42, &summary, None);
        to_json_text(&record).unwrap()
    })
}
