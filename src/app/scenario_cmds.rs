//! `wom validate`, `wom scenarios` and `wom init`.

use super::scenario::{self, ScenarioInput};
use crate::present::bad_input;
use crate::present::format::count;
use crate::store::files;
use anyhow::Result;
use std::path::Path;
use wom::model::{InitialCustomers, NetworkKind};
use wom::scenario::shipped::SHIPPED;
use wom::scenario::template::TEMPLATE;

/// Runs `wom validate`: parses, validates and, for file networks, reads
/// the network and checks the initial customers against it; for generated
/// networks, checks without building anything that the network and the
/// default number of workers fit in memory (as `wom run` would).
///
/// # Errors
/// Bad input naming the file, the key and what is allowed.
pub fn validate(path: &Path) -> Result<()> {
    let input = ScenarioInput {
        path: path.to_owned(),
        overrides: Vec::new(),
        seed: None,
        replications: None,
    };
    let s = scenario::load(&input)?.scenario;
    // Lists in files (customers, segments) are read, as a run reads them.
    let lists = matches!(s.population.initial_customers, InitialCustomers::File(_))
        || s.population.segments_file.is_some();
    let (people, s) = match &s.network.kind {
        NetworkKind::File { path } => {
            let graph = super::network::load_file(path)?.graph;
            let world = scenario::file_world(s.clone(), graph.into())?;
            (world.people(), world.scenario().clone())
        }
        NetworkKind::Generated(_) => {
            let threads = super::limits::SystemFiles::system().default_threads();
            super::network::check_fits(&s, threads, 1)?;
            let people = s.population.people;
            if lists {
                (people, scenario::build_world(s, 1)?.scenario().clone())
            } else {
                (people, s)
            }
        }
    };
    let names: Vec<&str> = s.policies.iter().map(|p| p.name.as_str()).collect();
    let segments: Vec<String> = s
        .segments
        .iter()
        .map(|g| crate::report::segment_label(&g.name, g.share))
        .collect();
    let segments = if segments.is_empty() {
        String::new()
    } else {
        format!("; segments {}", segments.join(", "))
    };
    println!(
        "{}: ok — scenario “{}”, {} people, {} {}s, {} replications, seed {}; policies {} (baseline “{}”){segments}",
        path.display(),
        s.name,
        count(u64::from(people)),
        s.periods,
        s.period_label,
        count(u64::from(s.replications)),
        s.seed,
        names.join(", "),
        names[0]
    );
    Ok(())
}

/// Runs `wom scenarios`.
///
/// # Errors
/// A failure if a shipped scenario does not parse (a broken build).
pub fn scenarios() -> Result<()> {
    println!("Shipped scenarios (in scenarios/; run one with `wom run scenarios/NAME.toml`):\n");
    for (file, text) in SHIPPED {
        let s = wom::scenario::parse(text, Path::new(file))?;
        println!("  {file:<24} {}", s.description);
    }
    Ok(())
}

/// Runs `wom init [FILE] [--force]`.
///
/// # Errors
/// Bad input when FILE exists without `--force`; a failure when it cannot
/// be written.
pub fn init(file: Option<&Path>, force: bool) -> Result<()> {
    let Some(path) = file else {
        print!("{TEMPLATE}");
        return Ok(());
    };
    if path.exists() && !force {
        return Err(bad_input(format!(
            "{} exists; use --force to overwrite it",
            path.display()
        )));
    }
    files::write_atomic(path, |out| Ok(out.write_all(TEMPLATE.as_bytes())?))?;
    println!(
        "Wrote {}: every key with its default and source. Check it with `wom validate {}`.",
        path.display(),
        path.display()
    );
    Ok(())
}
