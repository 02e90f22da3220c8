//! The warning that the network cut word of mouth short: more than 5% of
//! the tellings asked for found no contact left to tell (`tell_shortfall`).

use super::headline::horizon_of;
use crate::present::format::thousands;
use wom::graph::Generator;
use wom::model::{Manner, NetworkKind, OutcomeClass, Scenario};
use wom::results::Run;
use wom::sim::Metric;
/// The share of the tellings asked for above which a run warns that the
/// network cut word of mouth short (MODEL.md, "One period", step 5).
pub const SHORTFALL_WARNING: f64 = 0.05;

/// A warning when, for some policy, more than [`SHORTFALL_WARNING`] of the
/// tellings asked for (`negative_tellings + positive_tellings +
/// tell_shortfall`, means over replications) found no contact left to
/// tell, naming the keys that change it: the network's degree and the
/// tells whose mean is at least half the contacts people have.
pub fn shortfall_warning(run: &Run) -> Option<String> {
    let mean = |p: usize, m: Metric| run.summary.metric(p, m).map(|s| s.mean);
    let (policy, short, asked) = (0..run.names().len())
        .filter_map(|p| {
            let short = mean(p, Metric::TellShortfall)?;
            let told = mean(p, Metric::NegativeTellings)? + mean(p, Metric::PositiveTellings)?;
            Some((p, short, short + told))
        })
        .filter(|&(_, short, asked)| asked > 0.0 && short > SHORTFALL_WARNING * asked)
        .max_by(|a, b| (a.1 / a.2).total_cmp(&(b.1 / b.2)))?;
    let scenario = &run.scenario;
    let degree = match (run.metadata.edges, run.metadata.people) {
        (Some(edges), people) if people > 0 => 2.0 * edges as f64 / f64::from(people),
        _ => nominal_degree(scenario),
    };
    let network_keys = match &scenario.network.kind {
        NetworkKind::Generated(Generator::WattsStrogatz { .. } | Generator::ErdosRenyi { .. }) => {
            "network.mean_degree"
        }
        NetworkKind::Generated(Generator::BarabasiAlbert { .. }) => "network.attach",
        NetworkKind::Generated(Generator::StrongWeakTies { .. }) => {
            "network.cluster_size, network.strong_ties and network.weak_ties"
        }
        NetworkKind::File { .. } => "the edge list of network.path (a denser network)",
        NetworkKind::Generated(Generator::Star | Generator::Path) => "network.kind",
    };
    let mut tells: Vec<(String, f64)> = OutcomeClass::ALL
        .iter()
        .map(|&c| scenario.outcomes.get(c))
        .zip(OutcomeClass::ALL)
        .filter(|(spec, c)| spec.tone.is_some() && occurs(scenario, *c))
        .map(|(spec, c)| (format!("outcomes.{}.tells", c.key()), spec.tells.mean()))
        .chain([(
            "word_of_mouth.retell_tells".to_owned(),
            scenario.word_of_mouth.retell_tells.mean(),
        )])
        .collect();
    let largest = tells.iter().map(|t| t.1).fold(0.0, f64::max);
    tells.retain(|t| t.1 >= (degree / 2.0).min(largest));
    let tells: Vec<String> = tells.into_iter().map(|t| t.0).collect();
    Some(format!(
        "Warning: with “{}”, {:.0}% of the tellings asked for ({} of {} over {}) found no contact left to tell (tell_shortfall): people have about {} contacts, fewer than some customers tell. Word of mouth is undercounted; raise {network_keys}, or lower {}.",
        run.names()[policy],
        100.0 * short / asked,
        thousands(short, 0),
        thousands(asked, 0),
        horizon_of(scenario),
        thousands(degree, 0),
        tells.join(", ")
    ))
}

/// The mean degree a generated network is drawn with (a file's is known
/// only once read: 0).
fn nominal_degree(scenario: &Scenario) -> f64 {
    match &scenario.network.kind {
        NetworkKind::Generated(
            Generator::WattsStrogatz { mean_degree, .. } | Generator::ErdosRenyi { mean_degree },
        ) => *mean_degree,
        NetworkKind::Generated(Generator::BarabasiAlbert { attach }) => 2.0 * f64::from(*attach),
        NetworkKind::Generated(Generator::StrongWeakTies {
            strong_ties,
            weak_ties,
            ..
        }) => strong_ties + weak_ties,
        NetworkKind::Generated(Generator::Star | Generator::Path) => 2.0,
        NetworkKind::File { .. } => 0.0,
    }
}

/// Whether some customer of `scenario` can end a period in `class`: a
/// parting's class only under a policy that parts with customers that way.
fn occurs(scenario: &Scenario, class: OutcomeClass) -> bool {
    let manner = match class {
        OutcomeClass::PartedGraceful => Manner::Graceful,
        OutcomeClass::PartedAbrupt => Manner::Abrupt,
        _ => return true,
    };
    scenario
        .policies
        .iter()
        .any(|p| p.part_with.as_ref().is_some_and(|w| w.manner == manner))
}
