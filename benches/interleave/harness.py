#!/usr/bin/env python3
"""Adds the interleaving harness to a copy of the tree (see README.md).

    python3 benches/interleave/harness.py COPY

COPY is a scratch copy of the project (a `git worktree`, never the tree
you commit from). The harness adds `src/sim/exp.rs`, whose `on()` is true
on odd replications (even ones with WOM_FLIP set), times every
replication with the time-stamp counter, and prints, when WOM_EXP is set,
the trimmed means (10% cut at each end) of both halves and their ratio.
Running it twice on the same copy changes nothing. x86_64 only (rdtsc).
"""
import pathlib
import sys

src = pathlib.Path(sys.argv[1]) / "src"
if (src / "sim/exp.rs").exists():
    sys.exit(0)

(src / "sim/exp.rs").write_text(r'''//! Interleaving harness (benches/interleave): not part of wom.
use std::cell::Cell;
use std::sync::Mutex;

thread_local! { static ON: Cell<bool> = const { Cell::new(false) }; }
static TIMES: Mutex<Vec<(bool, u64)>> = Mutex::new(Vec::new());

/// Whether this replication runs the new code.
#[inline(always)]
pub fn on() -> bool {
    ON.with(|c| c.get())
}

pub fn set(replication: u64) {
    let flip = std::env::var_os("WOM_FLIP").is_some();
    ON.with(|c| c.set((replication % 2 == 1) ^ flip));
}

pub fn now() -> u64 {
    // SAFETY: rdtsc has no preconditions on x86_64.
    unsafe { core::arch::x86_64::_rdtsc() }
}

pub fn record(cycles: u64) {
    TIMES.lock().unwrap().push((on(), cycles));
}

pub fn report() {
    if std::env::var_os("WOM_EXP").is_none() {
        return;
    }
    let times = TIMES.lock().unwrap();
    let trimmed = |side: bool| {
        let mut x: Vec<u64> = times.iter().filter(|p| p.0 == side).map(|p| p.1).collect();
        x.sort_unstable();
        let cut = x.len() / 10;
        let kept = &x[cut..x.len() - cut];
        kept.iter().sum::<u64>() as f64 / kept.len() as f64
    };
    let (new, old) = (trimmed(true), trimmed(false));
    eprintln!("EXP on {new:.0} off {old:.0} ratio on/off {:.4}", new / old);
}
''')

def patch(path, old, new):
    text = (src / path).read_text()
    if old not in text:
        sys.exit(f"harness: {path} has changed; look for: {old!r}")
    (src / path).write_text(text.replace(old, new, 1))

patch("sim/mod.rs", "mod experience;", "mod experience;\npub mod exp;")
patch(
    "sim/world.rs",
    """    ) -> Result<ReplicationResult, SimError> {
        let (graph, weak, key) = self.prepare(replication, scratch)?;""",
    """    ) -> Result<ReplicationResult, SimError> {
        super::exp::set(replication);
        let t0 = super::exp::now();
        let (graph, weak, key) = self.prepare(replication, scratch)?;""",
)
patch(
    "sim/world.rs",
    """            .collect();
        if cancel.load(Ordering::Relaxed) {""",
    """            .collect();
        super::exp::record(super::exp::now() - t0);
        if cancel.load(Ordering::Relaxed) {""",
)
patch(
    "main.rs",
    "    match cli::run() {",
    "    let r = cli::run();\n    wom::sim::exp::report();\n    match r {",
)
