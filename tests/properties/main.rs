//! Property tests of the library's input handling (small case counts, for
//! a 2-core machine): a random scenario is either refused with a scenario
//! or world error — exit 2 in the binary — or runs to finite results whose
//! files read back; random or mutated bytes as a scenario, an edge list or
//! a result file never panic. `fuzz/` runs the same entry points for
//! millions of inputs (docs/fuzzing.md).

use proptest::prelude::*;
use std::io::Cursor;
use std::path::Path;
use wom::results::metadata::Execution;
use wom::results::run::RunTexts;
use wom::results::{Run, rows, to_json_text};
use wom::sim::precision::run_to_precision;
use wom::sim::summary::summarize;
use wom::sim::{SimError, World};

/// A number drawn across the whole range a key allows, its ends included.
fn spread(lo: f64, hi: f64) -> impl Strategy<Value = f64> {
    prop_oneof![
        Just(lo),
        Just(hi),
        lo..=hi,
        (0.0..=1.0f64).prop_map(move |u| lo + (hi - lo) * u * u * u)
    ]
}

fn probability() -> impl Strategy<Value = f64> {
    spread(0.0, 1.0)
}

fn money() -> impl Strategy<Value = f64> {
    prop_oneof![spread(0.0, 100.0), spread(0.0, 1e12)]
}

/// A count distribution of any form, in TOML.
fn tells(people: u32) -> impl Strategy<Value = String> {
    let most = f64::from(people.min(60));
    prop_oneof![
        (0..=people.min(60)).prop_map(|n| format!("{{ fixed = {n} }}")),
        (0..=people.min(60), 0..=people.min(60)).prop_map(|(a, b)| format!(
            "{{ uniform = [{}, {}] }}",
            a.min(b),
            a.max(b)
        )),
        spread(0.0, most).prop_map(|m| format!("{{ poisson = {m:?} }}")),
        (spread(0.0, most), spread(0.01, 1e6)).prop_map(|(m, k)| format!(
            "{{ negative_binomial = {{ mean = {m:?}, dispersion = {k:?} }} }}"
        )),
        prop::collection::vec((0..=people.min(60), spread(0.0, 1e3)), 1..5).prop_map(|vw| {
            let (v, w): (Vec<_>, Vec<_>) = vw.into_iter().unzip();
            let w: Vec<String> = w.iter().map(|x| format!("{x:?}")).collect();
            format!(
                "{{ empirical = {{ values = {v:?}, weights = [{}] }} }}",
                w.join(", ")
            )
        }),
    ]
}

fn network(people: u32) -> impl Strategy<Value = String> {
    prop_oneof![
        (1..=20u32, probability(), any::<bool>()).prop_map(|(k, r, resample)| format!(
            "kind = \"watts_strogatz\"\nmean_degree = {}\nrewire = {r:?}\nresample = {resample}",
            2 * k
        )),
        spread(0.0, f64::from(people)).prop_map(|k| format!("kind = \"erdos_renyi\"\nmean_degree = {k:?}")),
        (1..=12u32).prop_map(|m| format!("kind = \"barabasi_albert\"\nattach = {m}")),
        (2..=12u32, spread(0.0, 11.0), spread(0.0, 6.0), any::<bool>()).prop_map(|(c, s, w, churn)| format!(
            "kind = \"strong_weak_ties\"\ncluster_size = {c}\nstrong_ties = {s:?}\nweak_ties = {w:?}\nweak_ties_churn = {churn}"
        )),
    ]
}

fn outcome(name: &'static str, people: u32) -> impl Strategy<Value = String> {
    let tone = prop_oneof![Just("positive"), Just("negative"), Just("none")];
    (probability(), tone, tells(people)).prop_map(move |(stay, tone, tells)| {
        let stay = if name == "satisfied" {
            String::new()
        } else {
            format!("stay = {stay:?}\n")
        };
        format!("[outcomes.{name}]\n{stay}tone = \"{tone}\"\ntells = {tells}\n")
    })
}

/// A duration distribution of any form over the whole range its key
/// allows: values and mean at most `max` (hours or minutes), a log-normal's
/// sigma at most 10.
fn duration(max: f64) -> impl Strategy<Value = String> {
    prop_oneof![
        spread(0.0, max).prop_map(|x| format!("{{ fixed = {x:?} }}")),
        (spread(0.0, max), spread(0.0, max)).prop_map(|(a, b)| format!(
            "{{ uniform = [{:?}, {:?}] }}",
            a.min(b),
            a.max(b)
        )),
        spread(0.0, max).prop_map(|m| format!("{{ exponential = {m:?} }}")),
        (spread(0.0, 10.0), spread(0.0, 1.0)).prop_map(move |(sigma, u)| {
            let median = u * max / (sigma * sigma / 2.0).exp();
            format!("{{ lognormal = {{ median = {median:?}, sigma = {sigma:?} }} }}")
        }),
        prop::collection::vec((spread(0.0, max), spread(0.0, 10.0)), 1..4).prop_map(|vw| {
            let v: Vec<String> = vw.iter().map(|x| format!("{:?}", x.0)).collect();
            let w: Vec<String> = vw.iter().map(|x| format!("{:?}", x.1 + 0.1)).collect();
            format!(
                "{{ empirical = {{ values = [{}], weights = [{}] }} }}",
                v.join(", "),
                w.join(", ")
            )
        }),
    ]
}

/// A desk (`staffing = { … }`) or none.
fn desk() -> impl Strategy<Value = Option<String>> {
    let agents = prop_oneof![1..=5u32, Just(1_000_000)];
    let desk = (agents, duration(6e7), 1..=7u32, spread(0.5, 24.0), money()).prop_map(
        |(n, handle, days, hours, cost)| {
            format!(
                "staffing = {{ agents = {n}, handle_minutes = {handle}, days_per_week = {days}, \
                 hours_per_day = {hours:?}, agent_cost = {cost:?} }}\n"
            )
        },
    );
    prop_oneof![Just(None), desk.prop_map(Some)]
}

fn policy(i: usize) -> impl Strategy<Value = String> {
    let handling = prop_oneof![Just("ignore"), Just("recover")];
    let hours = (spread(0.0, 1e6), spread(0.0, 1e6), spread(0.0, 1e6), desk());
    (handling, probability(), 0..6u32, probability(), hours, money(), money())
        .prop_map(move |(h, rate, handoffs, penalty, (hours, quick, handoff_hours, desk), comp, cost)| {
            // A desk answers instead of a fixed response time, and only
            // under a policy that answers.
            let answer = match desk {
                Some(desk) if h == "recover" => desk,
                _ => format!("response_hours = {hours:?}\n"),
            };
            format!(
                "[policies.p{i}]\nhandling = \"{h}\"\nresolve_rate = {rate:?}\nhandoffs = {handoffs}\n\
                 handoff_penalty = {penalty:?}\n{answer}quick_hours = {quick:?}\n\
                 handoff_hours = {handoff_hours:?}\ncompensation = {comp:?}\nhandling_cost = {cost:?}\n"
            )
        })
}

/// A scenario text with every key drawn over its allowed range (a few
/// combinations are refused, e.g. a network denser than its people).
fn scenario() -> impl Strategy<Value = String> {
    (2..=150u32)
        .prop_flat_map(|people| {
            let head = (
                1..=5u32,
                spread(0.01, 525_600.0),
                prop_oneof![spread(-0.99, 0.0), spread(0.0, 100.0)],
                prop_oneof![
                    (0.01..=1.0f64).prop_map(|f| format!("{f:?}")),
                    (0..=people).prop_map(|n| n.to_string())
                ],
                network(people),
                (
                    probability(),
                    probability(),
                    spread(0.0, 1.0),
                    spread(0.0, 3.0),
                    prop_oneof![Just(None), duration(1e6).prop_map(Some)],
                ),
            );
            let classes = (
                outcome("satisfied", people),
                outcome("silent", people),
                outcome("unresolved", people),
                outcome("resolved", people),
                outcome("resolved_quickly", people),
            );
            let spread_out = (
                1..=8u32,
                probability(),
                probability(),
                probability(),
                tells(people),
            );
            let effects = (
                probability(),
                probability(),
                probability(),
                probability(),
                money(),
            );
            let policies = prop::collection::vec(Just(()), 2..=3)
                .prop_flat_map(|n| (0..n.len()).map(policy).collect::<Vec<_>>());
            (Just(people), head, classes, spread_out, effects, policies)
        })
        .prop_map(|(people, head, classes, wom, effects, policies)| {
            let (periods, per_year, rate, initial, network, experience) = head;
            let (problem, complaint, churn, paradox, tolerance) = experience;
            let tolerance = tolerance
                .map(|t| format!("tolerance_hours = {t}\n"))
                .unwrap_or_default();
            let paradox = if churn * paradox > 1.0 { 1.0 } else { paradox };
            let (max_hops, decay, neg, pos, retell_tells) = wom;
            let (deter, referral, hearsay, organic, margin) = effects;
            let (a, b, c, d, e) = classes;
            format!(
                "periods = {periods}\nperiods_per_year = {per_year:?}\nreplications = 3\nseed = 7\n\
             [population]\npeople = {people}\ninitial_customers = {initial}\n\
             [network]\n{network}\n\
             [experience]\nproblem_rate = {problem:?}\ncomplaint_rate = {complaint:?}\n\
             base_churn = {churn:?}\nrecovery_paradox = {paradox:?}\n{tolerance}\
             {a}{b}{c}{d}{e}\
             [word_of_mouth]\nmax_hops = {max_hops}\nhop_decay = {decay:?}\n\
             retell = {{ negative = {neg:?}, positive = {pos:?} }}\nretell_tells = {retell_tells}\n\
             [effects]\ndeter = {deter:?}\nreferral_conversion = {referral:?}\n\
             hearsay_churn = {hearsay:?}\norganic_conversion = {organic:?}\n\
             [economics]\nmargin = {margin:?}\ndiscount_rate = {rate:?}\ncurrency = \"USD\"\n{}",
                policies.concat()
            )
        })
}

mod reference;
use reference::*;

/// A random scenario is refused or runs to finite results that are written
/// and read back unchanged; most random scenarios must run, or the property
/// would say little.
#[test]
fn random_scenarios_are_refused_or_run_to_finite_results() {
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    // PROPTEST_CASES explores more (e.g. 5000 on a quiet machine). The
    // generator is seeded, so the share that runs (asserted below) is the
    // same on every run instead of a coin toss near the threshold.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(64);
    let mut runner = TestRunner::new_with_rng(
        Config {
            cases,
            ..Config::default()
        },
        TestRng::deterministic_rng(RngAlgorithm::ChaCha),
    );
    let ran = std::sync::atomic::AtomicU32::new(0);
    let refusals = std::sync::Mutex::new(Vec::new());
    runner
        .run(&scenario(), |text| {
            let scenario = match wom::scenario::parse(&text, Path::new("random.toml")) {
                Ok(_) => text.as_str(),
                Err(e) => {
                    refusals.lock().unwrap().push(e.to_string());
                    return Ok(());
                }
            };
            let Some(run) = run_in_memory(scenario) else {
                return Ok(());
            };
            ran.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            wom::results::finite::check(&run.summary)
                .map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            let back =
                parse(&texts(&run)).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
            prop_assert_eq!(back.summary, run.summary);
            prop_assert_eq!(back.replications, run.replications);
            Ok(())
        })
        .unwrap();
    let ran = ran.into_inner();
    eprintln!("{ran} of {cases} random scenarios ran");
    assert!(
        ran >= cases / 2,
        "only {ran} of {cases} ran; refused: {:?}",
        refusals.into_inner()
    );
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(200),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_bytes_as_a_scenario_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), edits in edits()) {
        let _ = wom::scenario::parse(&String::from_utf8_lossy(&bytes), Path::new("x.toml"));
        let shipped = include_bytes!("../../scenarios/tarp.toml");
        let text = String::from_utf8_lossy(&mutate(shipped, &edits)).into_owned();
        let _ = wom::scenario::parse(&text, Path::new("x.toml"));
    }

    #[test]
    fn any_bytes_as_an_edge_list_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), edits in edits()) {
        let _ = wom::graph::edgelist::read(Cursor::new(&bytes), Path::new("e.txt"));
        let edited = mutate(b"# net\n0 1\n1 2\n2 0 7.5\n3 3\n\n10 2\n", &edits);
        let _ = wom::graph::edgelist::read(Cursor::new(edited), Path::new("e.txt"));
    }

    #[test]
    fn any_bytes_as_result_files_never_panic(which in 0..4usize, edits in edits(), bytes in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut files = reference_files().clone();
        files[which] = mutate(&files[which], &edits);
        let _ = parse(&files);
        files[which] = bytes;
        let _ = parse(&files);
    }

    #[test]
    fn any_bytes_as_a_trace_or_point_file_never_panic(which in 0..2usize, edits in edits(), bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let reference = [trace_text(), point_text()][which];
        for text in [String::from_utf8_lossy(&mutate(reference.as_bytes(), &edits)), String::from_utf8_lossy(&bytes)] {
            read_trace_or_point(&text);
        }
    }

    #[test]
    fn any_bytes_as_calibration_files_never_panic(which in 0..3usize, edits in edits(), bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let reference = CALIBRATION_FILES[which];
        for text in [String::from_utf8_lossy(&mutate(reference.as_bytes(), &edits)), String::from_utf8_lossy(&bytes)] {
            read_calibration_file(which, &text);
        }
    }
}

/// A counts file, a posterior.csv and a calibration.json, well formed.
const CALIBRATION_FILES: [&str; 3] = [
    "period,customers,complaints,parted\n0,150,3,0\n1,149,4,1\n",
    "weight,experience.problem_rate\n0.5,0.07\n0.5,0.09\n",
    r#"{"version":"0.1.0","scenario":"s.toml","policy":"ignore","seed":1,
        "keys":{"k":{"prior":"uniform(0, 1)","mean":0.5,"median":0.5,"interval50":[0.25,0.75],"interval90":[0.05,0.95],"ess":10.0}},
        "simulations":100,"generations":2,"tolerance":1.5,"particles":10,"stopped":"x",
        "observed":{"file":"c.csv","columns":["customers"],"periods":2},
        "history":[{"generation":1,"tolerance":1.5,"simulations":90,"acceptance":0.1}]}"#,
];

/// Reads one of the calibration files (the readers `wom calibrate` and its
/// users call); true when it reads.
fn read_calibration_file(which: usize, text: &str) -> bool {
    use wom::results::calibration::{CalibrationFile, read_posterior};
    use wom::results::calibration_counts::ObservedCounts;
    match which {
        0 => ObservedCounts::parse(text, "c.csv", 12).is_ok(),
        1 => read_posterior(text, "posterior.csv").is_ok(),
        _ => wom::results::parse_json::<CalibrationFile>(text, "calibration.json").is_ok(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(100),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// A number no run can produce (beyond ±1e30, up to ±f64::MAX) put in
    /// place of any number of summary.json, replications.csv or
    /// periods.csv is refused when read back (such values sent the charts'
    /// axis code into an endless loop).
    #[test]
    fn an_extreme_value_in_any_result_file_is_refused(which in 1..4usize, nth in 0..200usize, exponent in 31..=308i32, negative in any::<bool>()) {
        let mut files = reference_files().clone();
        let text = String::from_utf8(files[which].clone()).unwrap();
        // The starts of the numbers of the file (after `: ` in JSON, after
        // `,` in CSV).
        let mut starts = Vec::new();
        let bytes = text.as_bytes();
        for i in 1..bytes.len() {
            let before = bytes[i - 1];
            let sep = if which == 1 { before == b' ' && bytes[i - 2] == b':' } else { before == b',' };
            if sep && (bytes[i].is_ascii_digit() || bytes[i] == b'-') {
                starts.push(i);
            }
        }
        prop_assume!(!starts.is_empty());
        let at = starts[nth % starts.len()];
        let end = at + text[at..].find(|c: char| !(c.is_ascii_digit() || "-+.eE".contains(c))).unwrap_or(text.len() - at);
        let huge = format!("{}1e{exponent}", if negative { "-" } else { "" });
        let edited = format!("{}{huge}{}", &text[..at], &text[end..]);
        files[which] = edited.into_bytes();
        prop_assert!(parse(&files).is_err(), "{huge} at byte {at} of file {which} was accepted");
    }
}

#[test]
fn the_reference_files_read_back() {
    for (which, text) in CALIBRATION_FILES.iter().enumerate() {
        assert!(
            read_calibration_file(which, text),
            "calibration file {which}"
        );
    }
    parse(reference_files()).unwrap();
    assert!(read_trace_or_point(trace_text()));
    assert!(read_trace_or_point(point_text()));
}

/// Every input fuzzing found to crash, once fixed, is kept in
/// `fuzz/regressions/TARGET/` and replayed here through the target's entry
/// point (docs/fuzzing.md): none may panic again.
#[test]
fn fuzz_regressions_replay_without_a_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut replayed = 0;
    for target in [
        "scenario",
        "edgelist",
        "run_files",
        "trace_file",
        "point_file",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(target)) else {
            continue;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            let entry_name = path.file_name().unwrap_or_default().to_owned();
            let bytes = std::fs::read(&path).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            match target {
                "scenario" => {
                    let parsed = wom::scenario::parse(&text, Path::new("x.toml"));
                    // The issue's reproducers are refused at validation.
                    let name = entry_name.to_string_lossy();
                    assert!(!name.starts_with("issue15-") || parsed.is_err(), "{name}");
                }
                "edgelist" => drop(wom::graph::edgelist::read(
                    Cursor::new(&bytes),
                    Path::new("e.txt"),
                )),
                "run_files" => {
                    let mut parts = bytes.split(|&b| b == 0).map(<[u8]>::to_vec);
                    let mut next = || parts.next().unwrap_or_default();
                    drop(parse(&[next(), next(), next(), next()]));
                }
                "point_file" if entry_name.to_string_lossy().starts_with("issue22-mean") => {
                    // A value no run gives: `--resume` runs such a point
                    // again (store::sweep::complete holds it to ±1e30).
                    let point: wom::sweep::point::PointResult =
                        wom::results::parse_json(&text, "p.json").unwrap();
                    assert!(wom::results::finite::check(&point).is_err());
                }
                _ => drop(read_trace_or_point(&text)),
            }
            replayed += 1;
        }
    }
    eprintln!("{replayed} fuzz regressions replayed");
    assert!(
        replayed >= 4,
        "the issue's reproducers are in fuzz/regressions"
    );
}
