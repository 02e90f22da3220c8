//! `wom validate`, `wom scenarios` and `wom init`.

use super::format::count;
use super::{bad_input, files, scenario};
use crate::cli::run::{InitArgs, ScenariosArgs, ValidateArgs};
use anyhow::Result;
use wom::model::NetworkKind;
use wom::scenario::template::TEMPLATE;

/// The shipped scenarios, embedded so `wom scenarios` works anywhere:
/// (file name, text).
pub const SHIPPED: [(&str, &str); 6] = [
    ("default.toml", include_str!("../../scenarios/default.toml")),
    ("tarp.toml", include_str!("../../scenarios/tarp.toml")),
    ("cafe.toml", include_str!("../../scenarios/cafe.toml")),
    (
        "real_estate.toml",
        include_str!("../../scenarios/real_estate.toml"),
    ),
    (
        "support_team.toml",
        include_str!("../../scenarios/support_team.toml"),
    ),
    (
        "strong_weak_ties.toml",
        include_str!("../../scenarios/strong_weak_ties.toml"),
    ),
];

/// Runs `wom validate`: parses, validates and, for file networks, reads
/// the network.
pub fn validate(args: &ValidateArgs) -> Result<()> {
    let (_, s) = scenario::load(&args.scenario)?;
    let people = match &s.network.kind {
        NetworkKind::File { path } => {
            let loaded = super::network::load_file(path)?;
            let n = loaded.graph.node_count();
            let wanted = s.population.initial_customers.resolve(n);
            if wanted > n {
                return Err(bad_input(format!(
                    "population.initial_customers is {wanted}, but {} has only {n} people",
                    path.display()
                )));
            }
            n
        }
        _ => s.population.people,
    };
    let names: Vec<&str> = s.policies.iter().map(|p| p.name.as_str()).collect();
    println!(
        "{}: ok — scenario `{}`, {} people, {} {}s, {} replications, seed {}; policies {} (baseline `{}`)",
        args.scenario.display(),
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
pub fn scenarios(_args: &ScenariosArgs) -> Result<()> {
    println!("Shipped scenarios (in scenarios/; run one with `wom run scenarios/NAME.toml`):\n");
    for (file, text) in SHIPPED {
        let s = wom::scenario::parse(text, std::path::Path::new(file))?;
        println!("  {file:<24} {}", s.description);
    }
    Ok(())
}

/// Runs `wom init`.
pub fn init(args: &InitArgs) -> Result<()> {
    let Some(path) = &args.file else {
        print!("{TEMPLATE}");
        return Ok(());
    };
    if path.exists() && !args.force {
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
