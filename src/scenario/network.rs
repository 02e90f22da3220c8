//! `[network]`: the chosen kind's parameters, with their defaults, checked
//! by the one network validator ([`GeneratorSpec::validate_as`]); only the
//! chosen kind's parameters may be given.

use super::check::Check;
use super::defaults as d;
use super::error::{ErrorKind, ScenarioError};
use super::raw::{RawNetwork, RawNetworkKind};
use crate::graph::{Generator, GeneratorSpec};
use crate::model::{Network, NetworkKind};

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
                kind.key(),
                own.join(", ")
            ),
        }));
    }
    let resample = raw.resample.unwrap_or(d::RESAMPLE);
    let degree = raw.mean_degree.unwrap_or(f64::from(d::MEAN_DEGREE));
    let generator = match kind {
        RawNetworkKind::WattsStrogatz => Generator::WattsStrogatz {
            mean_degree: degree,
            rewire: raw.rewire.unwrap_or(d::REWIRE),
        },
        RawNetworkKind::BarabasiAlbert => Generator::BarabasiAlbert {
            attach: raw.attach.unwrap_or(d::ATTACH),
        },
        RawNetworkKind::ErdosRenyi => Generator::ErdosRenyi {
            mean_degree: degree,
        },
        RawNetworkKind::StrongWeakTies => Generator::StrongWeakTies {
            cluster_size: raw.cluster_size.unwrap_or(d::CLUSTER_SIZE),
            strong_ties: raw.strong_ties.unwrap_or(d::STRONG_TIES),
            weak_ties: raw.weak_ties.unwrap_or(d::WEAK_TIES),
        },
        RawNetworkKind::File => return file(c, raw, resample),
    };
    GeneratorSpec::new(people, generator.clone())
        .validate_as("population.people")
        .map_err(|e| {
            let key = match e.param {
                "nodes" => "population.people".to_owned(),
                param => format!("network.{param}"),
            };
            c.invalid(&key, e.value, &e.allowed)
        })?;
    Ok(Network {
        kind: NetworkKind::Generated(generator),
        weak_ties_churn: raw.weak_ties_churn.unwrap_or(d::WEAK_TIES_CHURN),
        resample,
    })
}

/// `kind = "file"`: a path and the only format.
fn file(c: Check, raw: RawNetwork, resample: bool) -> Result<Network, ScenarioError> {
    if resample {
        return Err(c.error(ErrorKind::NotApplicable {
            key: "network.resample".into(),
            reason: "a file network is fixed; resampling applies to generated kinds only".into(),
        }));
    }
    let format = raw.format.unwrap_or_else(|| d::NETWORK_FORMAT.to_owned());
    if format != d::NETWORK_FORMAT {
        return Err(c.invalid("network.format", format!("{format:?}"), r#""edgelist""#));
    }
    let allowed = "the path of an edge list file, relative to the scenario file's directory";
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
        Some(p) => c.path(&c.text("network.path", Some(p), "")?),
    };
    Ok(Network {
        kind: NetworkKind::File { path },
        weak_ties_churn: false,
        resample: false,
    })
}
