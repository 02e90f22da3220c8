//! `[uncertainty]` end to end: validation errors exit 2 naming the file,
//! line, key and what is allowed; 1 and 2 threads and any split into
//! shards give byte-identical files; draws.csv and summary.json's
//! `uncertainty`; `wom sensitivity --global`.

use super::wom;
use std::path::Path;

pub const BASE: &str = r#"replications = 40
seed = 4
[population]
people = 600
[policies.ignore]
handling = "ignore"
[policies.recover]
handling = "recover"

[uncertainty]
replications_per_draw = 10
"effects.deter" = { uniform = [0.25, 0.75] }
"experience.complaint_rate" = { beta = { mean = 0.25, sd = 0.08 } }
"economics.margin" = { lognormal = { median = 50, sigma = 0.2 } }
"outcomes.silent.tells" = { between = [{ uniform = [9, 10] }, { uniform = [20, 24] }] }
"#;

pub fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn mistakes_in_uncertainty_exit_2_naming_file_line_key_and_what_is_allowed() {
    let dir = tempfile::tempdir().unwrap();
    let swap = |from: &str, to: &str| BASE.replace(from, to);
    let cases = [
        (
            swap("[0.25, 0.75]", "[0.25, 1.2]"),
            ":12:1: `uncertainty.\"effects.deter\"` = a uniform distribution reaching 1.2 is not allowed; expected a distribution whose every draw `effects.deter` allows (`effects.deter` takes a probability in [0, 1])",
        ),
        (
            swap(
                "{ lognormal = { median = 50, sigma = 0.2 } }",
                "{ beta = { mean = 0.5, sd = 0.1 } }",
            ),
            "a beta only on a probability or fraction in [0, 1], which `economics.margin` is not",
        ),
        (
            swap(
                "{ beta = { mean = 0.25, sd = 0.08 } }",
                "{ lognormal = { median = 0.2, sigma = 0.1 } }",
            ),
            "a log-normal is unbounded above, and `experience.complaint_rate` is bounded",
        ),
        (
            swap("\"effects.deter\"", "\"effects.detr\""),
            "did you mean `deter`?",
        ),
        (swap("sd = 0.08", "sd = 0.9"), "0 < s < sqrt(m (1 - m))"),
        (
            swap("replications = 40", "replications = 45"),
            "replications must be a multiple of replications_per_draw",
        ),
        (
            swap("\"effects.deter\"", "\"network.mean_degree\""),
            "needs network.resample = true",
        ),
        (
            swap("{ uniform = [0.25, 0.75] }", "{ normal = [0.25, 0.75] }"),
            "expected one distribution: { uniform = [lo, hi] }",
        ),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let file = write(dir.path(), &format!("bad{i}.toml"), text);
        let out = wom().arg("validate").arg(&file).assert().code(2);
        let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
        assert!(stderr.contains(&format!("bad{i}.toml")), "{stderr}");
        assert!(stderr.contains(message), "case {i}: {stderr}");
    }
}

#[test]
fn a_draws_file_is_read_and_its_mistakes_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let scenario = BASE.replace(
        "\"effects.deter\" = { uniform = [0.25, 0.75] }",
        "draws_file = \"posterior.csv\"",
    );
    let file = write(dir.path(), "joint.toml", &scenario);
    let cases = [
        ("effects.deter,weight\n0.3,1\n0.6,3\n", None),
        (
            "effects.deter,weight\n0.3,-1\n",
            Some("posterior.csv: line 2, column weight: -1 is not allowed"),
        ),
        (
            "effects.deter,weight\n0.3,0\n",
            Some("the weights sum to 0"),
        ),
        (
            "effects.deter\ninf\n",
            Some("line 2, column effects.deter: inf is not allowed; expected a finite number"),
        ),
        ("effects.detr\n0.3\n", Some("did you mean `deter`?")),
        (
            "effects.deter\n1.5\n",
            Some("takes a probability in [0, 1]"),
        ),
        ("effects.deter\n0.3,0.4\n", Some("posterior.csv: line 2")),
    ];
    for (csv, error) in cases {
        std::fs::write(dir.path().join("posterior.csv"), csv).unwrap();
        let run = wom().arg("validate").arg(&file).assert();
        match error {
            None => {
                run.success();
            }
            Some(message) => {
                let out = run.code(2);
                let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
                assert!(stderr.contains(message), "{csv}: {stderr}");
            }
        }
    }
    std::fs::remove_file(dir.path().join("posterior.csv")).unwrap();
    let out = wom().arg("validate").arg(&file).assert().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(stderr.contains("posterior.csv"), "{stderr}");
}

#[test]
fn threads_and_shards_give_identical_files_with_draws() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "u.toml", BASE);
    let run = |out: &str, extra: &[&str]| {
        wom()
            .arg("run")
            .arg(&file)
            .arg("--out")
            .arg(dir.path().join(out))
            .args(["--quiet", "--no-charts"])
            .args(extra)
            .assert()
            .success();
    };
    run("one", &["--threads", "1"]);
    run("two", &["--threads", "2"]);
    for k in 0..3 {
        run(
            &format!("s{k}"),
            &["--shard", &format!("{k}/3"), "--threads", "1"],
        );
    }
    wom()
        .arg("merge")
        .args((0..3).map(|k| dir.path().join(format!("s{k}"))))
        .arg("--out")
        .arg(dir.path().join("merged"))
        .args(["--quiet", "--no-charts"])
        .assert()
        .success();
    for f in [
        "summary.json",
        "replications.csv",
        "periods.csv",
        "draws.csv",
    ] {
        let one = std::fs::read(dir.path().join("one").join(f)).unwrap();
        for other in ["two", "merged"] {
            let got = std::fs::read(dir.path().join(other).join(f)).unwrap();
            assert!(one == got, "{other}/{f} differs from one thread's");
        }
    }
    let draws = std::fs::read_to_string(dir.path().join("one/draws.csv")).unwrap();
    let mut lines = draws.lines();
    assert_eq!(
        lines.next(),
        Some(
            "draw,effects.deter,experience.complaint_rate,economics.margin,outcomes.silent.tells,difference.recover"
        )
    );
    assert_eq!(lines.count(), 4);
    let summary: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("one/summary.json")).unwrap(),
    )
    .unwrap();
    let u = &summary["uncertainty"];
    assert_eq!(u["draws"], 4);
    assert_eq!(u["replications_per_draw"], 10);
    assert_eq!(u["keys"].as_array().unwrap().len(), 4);
    let c = &u["comparisons"][0];
    for field in [
        "uncertainty_interval95",
        "probability_better",
        "evppi",
        "sobol_first",
        "sobol_total",
    ] {
        assert!(!c[field].is_null(), "{field}");
    }
    // --precision cannot group replications into draws.
    wom()
        .arg("run")
        .arg(&file)
        .args(["--precision", "0.1", "--quiet", "--no-charts", "--out"])
        .arg(dir.path().join("p"))
        .assert()
        .code(2);
}

#[test]
fn a_file_without_uncertainty_writes_no_draws_and_no_uncertainty() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE.split("[uncertainty]").next().unwrap();
    let file = write(dir.path(), "plain.toml", text);
    wom()
        .arg("run")
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("o"))
        .args(["--quiet", "--no-charts"])
        .assert()
        .success();
    assert!(!dir.path().join("o/draws.csv").exists());
    let summary = std::fs::read_to_string(dir.path().join("o/summary.json")).unwrap();
    assert!(!summary.contains("\"uncertainty\""));
}

#[test]
fn global_sensitivity_writes_indices_with_standard_errors() {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "u.toml", BASE);
    let out = wom()
        .args([
            "sensitivity",
            "--global",
            "--samples",
            "8",
            "--replications",
            "2",
        ])
        .arg(&file)
        .arg("--out")
        .arg(dir.path().join("g"))
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        stdout.contains("48 design points (8 samples × (4 keys + 2))"),
        "{stdout}"
    );
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("g/sobol.json")).unwrap())
            .unwrap();
    let keys = file["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 4);
    for k in keys {
        assert!(k["first_se"].as_f64().unwrap() >= 0.0);
        assert!(k["total"].as_f64().unwrap().is_finite());
    }
}
