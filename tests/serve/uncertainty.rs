//! The page of a scenario with `[uncertainty]` (the built-in default):
//! it runs with its uncertainty, in fewer plausible worlds than `wom run`
//! draws (the first of the same worlds), so its answer is `wom run`'s with
//! the page's replications, and it says how many worlds it drew.

use super::*;
use serde_json::json;

#[test]
fn the_page_runs_with_uncertainty_in_fewer_worlds_and_says_so() {
    // 40 replications: 4 worlds of the scenario's 10 replications each.
    let server = Server::start(&["--replications", "40"]);
    let dir = tempfile::tempdir().unwrap();
    let answer = post_run(&server, &json!({}));
    assert_eq!(answer.status, 200, "{}", answer.json);
    let cli = wom_run(
        &shipped("default.toml"),
        &["--replications".into(), "40".into()],
        &dir.path().join("a"),
    );
    assert_same_result(&answer.json, &cli);
    let u = &cli["uncertainty"];
    assert_eq!(u["draws"], 4);
    let view = &answer.json["view"]["uncertainty"];
    assert_eq!(view["draws"], 4);
    assert_eq!(view["replications_per_draw"], 10);
    assert_eq!(view["run_draws"], 200, "default.toml's 2000 replications");
    let note = view["note"].as_str().unwrap();
    assert!(
        note.contains("The page draws 4 plausible worlds, the first 4 of the 200 wom run draws"),
        "{note}"
    );
    let c = &view["comparisons"][0];
    let p = u["comparisons"][0]["probability_better"].as_f64().unwrap();
    let better = if p >= 0.5 { "recover_60min" } else { "ignore" };
    assert_eq!(c["better"], better);
    let hits = (p.max(1.0 - p) * 4.0).round();
    let shown = if hits == 4.0 {
        "all 4".to_owned()
    } else {
        format!("{:.0}%", 100.0 * p.max(1.0 - p))
    };
    assert_eq!(c["probability"], json!(shown));
    assert!(c["interval"].as_str().unwrap().contains('$'), "{c}");

    // Replications that the scenario's 10 per world do not divide: 15 are
    // 3 worlds of 5, said so; the downloaded scenario reproduces it.
    let odd = post_run(&server, &json!({ "replications": 15 }));
    assert_eq!(odd.status, 200, "{}", odd.json);
    let view = &odd.json["view"]["uncertainty"];
    assert_eq!(view["draws"], 3);
    assert_eq!(view["replications_per_draw"], 5);
    let note = view["note"].as_str().unwrap();
    assert!(note.contains("simulated 5 times instead of 10"), "{note}");
    let file = dir.path().join("what-if.toml");
    std::fs::write(&file, odd.json["scenario_toml"].as_str().unwrap()).unwrap();
    let again = wom_run(&file, &[], &dir.path().join("b"));
    assert_same_result(&odd.json, &again);
    assert!(server.wrote_nothing());
}

#[test]
fn the_page_of_a_scenario_without_uncertainty_shows_none() {
    let pinned = shipped("../tests/fixtures/pinned/scenarios/default.toml");
    let server = Server::start(&[pinned.to_str().unwrap(), "--replications", "4"]);
    let answer = post_run(&server, &json!({}));
    assert_eq!(answer.status, 200, "{}", answer.json);
    assert_eq!(answer.json["view"]["uncertainty"], json!(null));
    assert!(answer.json.get("uncertainty").is_none());
}
