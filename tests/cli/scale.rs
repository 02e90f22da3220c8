//! Size limits: what cannot fit is refused before any work, by `wom
//! validate` as by `wom run`, naming memory.

use super::wom;
use predicates::str::contains;

/// 4 billion people at the default mean degree 30 need about 500 GB: no
/// test machine has that, so both commands must refuse it, exit 2.
#[test]
fn validate_and_run_refuse_a_population_too_large_for_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.toml");
    std::fs::write(
        &path,
        "[population]\npeople = 4000000000\n\n[policies.ignore]\nhandling = \"ignore\"\n[policies.recover]\nhandling = \"recover\"\n",
    )
    .unwrap();
    wom()
        .arg("validate")
        .arg(&path)
        .assert()
        .code(2)
        .stderr(contains("4000000000 people"))
        .stderr(contains("GiB of memory"));
    let out = dir.path().join("out");
    wom()
        .arg("run")
        .arg(&path)
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("GiB of memory"));
    // Refused before the output directory is made or locked.
    assert!(!out.exists(), "created {} before refusing", out.display());
}
