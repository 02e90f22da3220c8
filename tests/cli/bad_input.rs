//! Every class of bad input exits with code 2 and a message naming the
//! problem (table-driven).

use super::{fixture, wom};

/// (arguments, text the error must contain).
fn cases() -> Vec<(Vec<String>, &'static str)> {
    let f = |name: &str| fixture(name).to_string_lossy().into_owned();
    let s = |items: &[&str]| items.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let net = [
        "--network",
        "erdos_renyi",
        "--nodes",
        "100",
        "--mean-degree",
        "3",
    ];
    vec![
        (s(&["cascade", "--bogus"]), "unexpected argument '--bogus'"),
        (
            s(&[&net[..], &["--p", "1.5", "--seeds", "2"]].concat())
                .into_iter()
                .fold(s(&["cascade"]), |mut a, x| {
                    a.push(x);
                    a
                }),
            "1.5 is not allowed; expected a probability in [0, 1]",
        ),
        (
            s(&[
                &["cascade"][..],
                &net[..],
                &["--p", "0.1", "--seeds", "101"],
            ]
            .concat()),
            "--seeds is 101; allowed: 1 to the network's 100 nodes",
        ),
        (
            s(&[
                "cascade",
                "--graph",
                &f("triangle.txt"),
                "--p",
                "0.1",
                "--seed-file",
                &f("unknown_seed.txt"),
            ]),
            "unknown_seed.txt:2: node 99 is not in the network",
        ),
        (
            s(&[
                "cascade",
                "--graph",
                &f("one_field.txt"),
                "--p",
                "0.1",
                "--seeds",
                "1",
            ]),
            "one_field.txt:3: a line needs two node names",
        ),
        (
            s(&[
                "cascade",
                "--graph",
                &f("missing.txt"),
                "--p",
                "0.1",
                "--seeds",
                "1",
            ]),
            "cannot read edge list",
        ),
        (
            s(&[
                "graph",
                "--network",
                "barabasi_albert",
                "--nodes",
                "4000000000",
                "--attach",
                "500",
            ]),
            "needs about",
        ),
        (
            s(&[
                "graph",
                "--network",
                "watts_strogatz",
                "--nodes",
                "100",
                "--mean-degree",
                "5",
            ]),
            "an even whole number from 2 to 98 (below --nodes = 100)",
        ),
        (s(&["run", &f("missing.toml")]), "cannot read scenario"),
        (s(&["run", &f("triangle.txt")]), "triangle.txt"),
    ]
}

#[test]
fn bad_input_exits_2_with_a_message() {
    for (args, needle) in cases() {
        let out = wom().args(&args).output().expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?} exited {:?}: {stderr}",
            out.status.code()
        );
        assert!(
            stderr.contains(needle),
            "{args:?}: {stderr:?} lacks {needle:?}"
        );
    }
}

/// Scenario mistakes: (TOML added to a valid scenario, text the error must contain).
const SCENARIO_CASES: [(&str, &str); 7] = [
    ("[experience]\ncomplaint_rat = 0.3\n", "complaint_rate"),
    (
        "[experience]\nproblem_rate = 1.5\n",
        "experience.problem_rate",
    ),
    (
        "[experience]\nproblem_rate = nan\n",
        "experience.problem_rate",
    ),
    (
        "[outcomes.silent]\ntells = { uniform = [5, 2] }\n",
        "outcomes.silent.tells",
    ),
    ("[economics]\nmargin = -3.0\n", "economics.margin"),
    (
        "[network]\nkind = \"watts_strogatz\"\nattach = 3\n",
        "network.attach",
    ),
    (
        "[policies.third]\nresolve_rate = 0.5\n",
        "policies.third.handling",
    ),
];

#[test]
fn scenario_mistakes_exit_2_naming_the_key() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (extra, key)) in SCENARIO_CASES.iter().enumerate() {
        let path = dir.path().join(format!("case{i}.toml"));
        let text = format!(
            "[policies.a]\nhandling = \"ignore\"\n[policies.b]\nhandling = \"recover\"\n{extra}"
        );
        std::fs::write(&path, text).unwrap();
        for command in ["run", "validate"] {
            let out = wom().arg(command).arg(&path).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{command} {extra:?}: {stderr}");
            assert!(
                stderr.contains(key),
                "{command} {extra:?}: {stderr:?} lacks {key:?}"
            );
            assert!(
                stderr.contains(&format!("case{i}.toml")),
                "{stderr:?} does not name the file"
            );
        }
    }
}
