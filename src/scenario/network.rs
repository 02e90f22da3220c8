//! `[network]`: checks that only the chosen kind's parameters are given and
//! that each is in range for the population.

use super::convert::{Check, resolve_path};
use super::defaults as d;
use super::error::{ErrorKind, ScenarioError};
use super::raw::{RawNetwork, RawNetworkKind};
use crate::model::{Network, NetworkKind};

/// The scenario-file name of a kind.
fn kind_key(kind: RawNetworkKind) -> &'static str {
    match kind {
        RawNetworkKind::WattsStrogatz => "watts_strogatz",
        RawNetworkKind::BarabasiAlbert => "barabasi_albert",
        RawNetworkKind::ErdosRenyi => "erdos_renyi",
        RawNetworkKind::StrongWeakTies => "strong_weak_ties",
        RawNetworkKind::File => "file",
    }
}

/// The parameter keys that belong to a kind (besides `kind` and `resample`).
fn parameters(kind: RawNetworkKind) -> &'static [&'static str] {
    match kind {
        RawNetworkKind::WattsStrogatz => &["mean_degree", "rewire"],
        RawNetworkKind::BarabasiAlbert => &["attach"],
        RawNetworkKind::ErdosRenyi => &["mean_degree"],
        RawNetworkKind::StrongWeakTies => &[
            "cluster_size",
            "strong_ties",
            "weak_ties",
            "weak_ties_churn",
        ],
        RawNetworkKind::File => &["path", "format"],
    }
}

/// Validates `[network]` for a population of `people` persons (ignored for
/// `kind = "file"`, whose size comes from the file).
///
/// Decisions where MODEL.md is silent: a parameter of another kind is an
/// error, not ignored; `resample = true` with a file network is an error,
/// since a file has only one network to draw.
pub(crate) fn network(c: Check, raw: RawNetwork, people: u32) -> Result<Network, ScenarioError> {
    let kind = raw.kind.unwrap_or(RawNetworkKind::WattsStrogatz);
    let given = [
        ("mean_degree", raw.mean_degree.is_some()),
        ("rewire", raw.rewire.is_some()),
        ("attach", raw.attach.is_some()),
        ("cluster_size", raw.cluster_size.is_some()),
        ("strong_ties", raw.strong_ties.is_some()),
        ("weak_ties", raw.weak_ties.is_some()),
        ("weak_ties_churn", raw.weak_ties_churn.is_some()),
        ("path", raw.path.is_some()),
        ("format", raw.format.is_some()),
    ];
    let own = parameters(kind);
    if let Some((key, _)) = given
        .iter()
        .find(|(key, present)| *present && !own.contains(key))
    {
        return Err(c.error(ErrorKind::NotApplicable {
            key: format!("network.{key}"),
            reason: format!(
                "it is not a parameter of network.kind = \"{}\", whose parameters are {}",
                kind_key(kind),
                own.join(", ")
            ),
        }));
    }
    let resample = raw.resample.unwrap_or(d::RESAMPLE);
    let people_f = f64::from(people);
    let kind = match kind {
        RawNetworkKind::WattsStrogatz => {
            let k = raw.mean_degree.unwrap_or(f64::from(d::MEAN_DEGREE));
            let ok = k.fract() == 0.0 && k >= 2.0 && k < people_f && k % 2.0 == 0.0;
            let allowed = format!("an even whole number >= 2 and < population.people ({people})");
            let mean_degree = c.float("network.mean_degree", k, ok, &allowed)? as u32;
            let rewire = c.prob("network.rewire", raw.rewire, d::REWIRE)?;
            NetworkKind::WattsStrogatz {
                mean_degree,
                rewire,
            }
        }
        RawNetworkKind::BarabasiAlbert => {
            let hi = people - 1;
            let attach = c.whole("network.attach", raw.attach, d::ATTACH, 1, hi)?;
            NetworkKind::BarabasiAlbert { attach }
        }
        RawNetworkKind::ErdosRenyi => {
            let k = raw.mean_degree.unwrap_or(f64::from(d::MEAN_DEGREE));
            let hi = people_f - 1.0;
            let allowed = format!("a number from 0 to population.people - 1 ({hi})");
            let mean_degree =
                c.float("network.mean_degree", k, (0.0..=hi).contains(&k), &allowed)?;
            NetworkKind::ErdosRenyi { mean_degree }
        }
        RawNetworkKind::StrongWeakTies => {
            let size = c.whole(
                "network.cluster_size",
                raw.cluster_size,
                d::CLUSTER_SIZE,
                2,
                people,
            )?;
            let strong = raw.strong_ties.unwrap_or(d::STRONG_TIES);
            let hi = f64::from(size - 1);
            let allowed = format!("a number from 0 to network.cluster_size - 1 ({hi})");
            let strong_ties = c.float(
                "network.strong_ties",
                strong,
                (0.0..=hi).contains(&strong),
                &allowed,
            )?;
            let weak = raw.weak_ties.unwrap_or(d::WEAK_TIES);
            let hi = f64::from(people - size);
            let allowed =
                format!("a number from 0 to population.people - network.cluster_size ({hi})");
            let weak_ties = c.float(
                "network.weak_ties",
                weak,
                (0.0..=hi).contains(&weak),
                &allowed,
            )?;
            let weak_ties_churn = raw.weak_ties_churn.unwrap_or(d::WEAK_TIES_CHURN);
            NetworkKind::StrongWeakTies {
                cluster_size: size,
                strong_ties,
                weak_ties,
                weak_ties_churn,
            }
        }
        RawNetworkKind::File => {
            if resample {
                return Err(c.error(ErrorKind::NotApplicable {
                    key: "network.resample".into(),
                    reason: "a file network is fixed; resampling applies to generated kinds only"
                        .into(),
                }));
            }
            let format = raw.format.unwrap_or_else(|| d::NETWORK_FORMAT.to_owned());
            if format != d::NETWORK_FORMAT {
                return Err(c.invalid("network.format", format!("{format:?}"), r#""edgelist""#));
            }
            let allowed =
                "the path of an edge list file, relative to the scenario file's directory";
            let path = match raw.path {
                None => {
                    return Err(c.error(ErrorKind::Missing {
                        key: "network.path".into(),
                        allowed: allowed.into(),
                    }));
                }
                Some(p) if p.trim().is_empty() => {
                    return Err(c.invalid("network.path", format!("{p:?}"), allowed));
                }
                Some(p) => resolve_path(c.file, &p),
            };
            NetworkKind::File { path }
        }
    };
    Ok(Network { kind, resample })
}
