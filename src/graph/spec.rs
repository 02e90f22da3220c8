//! The one description of a generated network: a [`Generator`] (the kind
//! and its parameters) on a number of nodes, checked by the one validator
//! [`GeneratorSpec::validate`] that scenario files, command-line flags and
//! the simulation all use.

use std::fmt;

use thiserror::Error;

/// A random network generator and its parameters, without the number of
/// nodes (a scenario takes that from `population.people`).
#[derive(Debug, Clone, PartialEq)]
pub enum Generator {
    /// Watts–Strogatz small world: a ring where each node links to its
    /// `mean_degree / 2` nearest neighbours on each side, each link's far end
    /// rewired to a uniform node with probability `rewire`. A rewired link
    /// that would duplicate an existing one is dropped (and counted), which
    /// removes a fraction of about `mean_degree / nodes` of the rewired links.
    WattsStrogatz {
        /// Lattice degree: an even whole number, `2 <= mean_degree < nodes`
        /// (a float so that the validator sees what the user wrote).
        mean_degree: f64,
        /// Rewiring probability in `[0, 1]`.
        rewire: f64,
    },
    /// Barabási–Albert preferential attachment: a star on `attach + 1` nodes,
    /// then each new node links to `attach` distinct existing nodes chosen
    /// with probability proportional to degree (as networkx's
    /// `barabasi_albert_graph`).
    BarabasiAlbert {
        /// Links per new node, `1 <= attach < nodes`.
        attach: u32,
    },
    /// Erdős–Rényi `G(n, p)` with `p = mean_degree / (nodes - 1)`, drawn by
    /// geometric skipping over node pairs (Batagelj & Brandes 2005).
    ErdosRenyi {
        /// Expected degree, `0 <= mean_degree <= nodes - 1`.
        mean_degree: f64,
    },
    /// Dense clusters of strong ties plus random weak ties across clusters
    /// (after Goldenberg, Libai & Muller 2001; Goldenberg et al. 2007).
    /// Nodes are grouped into consecutive clusters of `cluster_size`; inside
    /// a cluster each pair is tied with probability `strong_ties /
    /// (cluster_size - 1)`; then `nodes × weak_ties / 2` weak ties join
    /// uniform pairs of nodes in different clusters.
    StrongWeakTies {
        /// Nodes per cluster, `2 <= cluster_size <= nodes` (the last cluster
        /// may be smaller).
        cluster_size: u32,
        /// Expected strong ties per node, `0 ..= cluster_size − 1`.
        strong_ties: f64,
        /// Expected weak ties per node, `0 ..= nodes − cluster_size` (the
        /// fewest nodes outside any one's cluster).
        weak_ties: f64,
    },
    /// A star: node 0 linked to every other node (for analytic checks).
    Star,
    /// A path `0 – 1 – … – n−1` (for analytic checks).
    Path,
}

impl Generator {
    /// The name used in scenario files and on the command line.
    ///
    /// ```
    /// use wom::graph::Generator;
    /// assert_eq!(Generator::BarabasiAlbert { attach: 3 }.key(), "barabasi_albert");
    /// ```
    pub fn key(&self) -> &'static str {
        match self {
            Self::WattsStrogatz { .. } => "watts_strogatz",
            Self::BarabasiAlbert { .. } => "barabasi_albert",
            Self::ErdosRenyi { .. } => "erdos_renyi",
            Self::StrongWeakTies { .. } => "strong_weak_ties",
            Self::Star => "star",
            Self::Path => "path",
        }
    }

    /// The parameter names of this kind, as in scenario files.
    pub fn parameters(&self) -> &'static [&'static str] {
        match self {
            Self::WattsStrogatz { .. } => &["mean_degree", "rewire"],
            Self::BarabasiAlbert { .. } => &["attach"],
            Self::ErdosRenyi { .. } => &["mean_degree"],
            Self::StrongWeakTies { .. } => &["cluster_size", "strong_ties", "weak_ties"],
            Self::Star | Self::Path => &[],
        }
    }
}

/// A network to generate: a generator on `nodes` nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct GeneratorSpec {
    /// Number of nodes, `>= 2`.
    pub nodes: u32,
    /// The kind and its parameters.
    pub generator: Generator,
}

/// A generator parameter out of its range.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{param} is {value}; allowed: {allowed}")]
pub struct SpecError {
    /// The parameter (`nodes`, `mean_degree`, `rewire`, `attach`,
    /// `cluster_size`, `strong_ties`, `weak_ties`).
    pub param: &'static str,
    /// Its value as given.
    pub value: String,
    /// What is allowed, with the bounds this spec implies.
    pub allowed: String,
}

/// A float as a person wrote it (`10`, `0.25`, `nan`).
struct Shown(f64);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_finite() && self.0.fract() == 0.0 && self.0.abs() < 1e15 {
            write!(f, "{}", self.0 as i64)
        } else {
            write!(f, "{}", self.0)
        }
    }
}

fn out_of_range(param: &'static str, value: impl fmt::Display, allowed: String) -> SpecError {
    SpecError {
        param,
        value: value.to_string(),
        allowed,
    }
}

impl GeneratorSpec {
    /// The spec of `generator` on `nodes` nodes (not yet validated).
    pub fn new(nodes: u32, generator: Generator) -> Self {
        Self { nodes, generator }
    }

    /// Checks the ranges documented on [`Generator`]'s variants: the one
    /// validator of a generated network.
    ///
    /// # Errors
    /// The first parameter out of range, with its value and what is allowed.
    ///
    /// ```
    /// use wom::graph::{Generator, GeneratorSpec};
    /// let spec = GeneratorSpec::new(100, Generator::WattsStrogatz { mean_degree: 7.0, rewire: 0.1 });
    /// let err = spec.validate().unwrap_err();
    /// assert_eq!(err.param, "mean_degree");
    /// ```
    pub fn validate(&self) -> Result<(), SpecError> {
        self.validate_as("nodes")
    }

    /// [`GeneratorSpec::validate`], with the number of nodes called
    /// `nodes_name` in what is allowed (`population.people` in a scenario
    /// file, `--nodes` on the command line).
    ///
    /// # Errors
    /// As [`GeneratorSpec::validate`].
    pub fn validate_as(&self, nodes_name: &str) -> Result<(), SpecError> {
        let nodes = self.nodes;
        if nodes < 2 {
            return Err(out_of_range("nodes", nodes, "a whole number >= 2".into()));
        }
        let nodes_f = f64::from(nodes);
        let probability = |param, p: f64| {
            if (0.0..=1.0).contains(&p) {
                Ok(())
            } else {
                Err(out_of_range(
                    param,
                    Shown(p),
                    "a probability in [0, 1]".into(),
                ))
            }
        };
        match self.generator {
            Generator::WattsStrogatz {
                mean_degree: k,
                rewire,
            } => {
                let even = k.fract() == 0.0 && k % 2.0 == 0.0;
                if !(even && k >= 2.0 && k < nodes_f) {
                    let allowed = if nodes < 3 {
                        format!(
                            "an even whole number of at least 2 and below {nodes_name} = {nodes}, of which there is none: a lattice needs {nodes_name} of at least 3"
                        )
                    } else {
                        format!(
                            "an even whole number from 2 to {} (below {nodes_name} = {nodes})",
                            (nodes - 1) & !1
                        )
                    };
                    return Err(out_of_range("mean_degree", Shown(k), allowed));
                }
                probability("rewire", rewire)
            }
            Generator::BarabasiAlbert { attach } => {
                if (1..nodes).contains(&attach) {
                    Ok(())
                } else {
                    let allowed = format!(
                        "a whole number from 1 to {} (below {nodes_name} = {nodes})",
                        nodes - 1
                    );
                    Err(out_of_range("attach", attach, allowed))
                }
            }
            Generator::ErdosRenyi { mean_degree: k } => {
                if (0.0..=nodes_f - 1.0).contains(&k) {
                    Ok(())
                } else {
                    let allowed = format!("a number from 0 to {} ({nodes_name} − 1)", nodes - 1);
                    Err(out_of_range("mean_degree", Shown(k), allowed))
                }
            }
            Generator::StrongWeakTies {
                cluster_size,
                strong_ties,
                weak_ties,
            } => {
                if !(2..=nodes).contains(&cluster_size) {
                    let allowed = format!("a whole number from 2 to {nodes_name} = {nodes}");
                    return Err(out_of_range("cluster_size", cluster_size, allowed));
                }
                let hi = cluster_size - 1;
                if !(0.0..=f64::from(hi)).contains(&strong_ties) {
                    let allowed = format!("a number from 0 to {hi} (cluster_size − 1)");
                    return Err(out_of_range("strong_ties", Shown(strong_ties), allowed));
                }
                let hi = nodes - cluster_size;
                if !(0.0..=f64::from(hi)).contains(&weak_ties) {
                    let allowed = format!("a number from 0 to {hi} ({nodes_name} − cluster_size)");
                    return Err(out_of_range("weak_ties", Shown(weak_ties), allowed));
                }
                Ok(())
            }
            Generator::Star | Generator::Path => Ok(()),
        }
    }

    /// Expected number of undirected edges.
    pub fn expected_edges(&self) -> f64 {
        let n = f64::from(self.nodes);
        match self.generator {
            Generator::WattsStrogatz { mean_degree, .. } => n * (mean_degree / 2.0).floor(),
            Generator::BarabasiAlbert { attach } => {
                f64::from(self.nodes.saturating_sub(attach)) * f64::from(attach)
            }
            Generator::ErdosRenyi { mean_degree } => n * mean_degree / 2.0,
            Generator::StrongWeakTies {
                strong_ties,
                weak_ties,
                ..
            } => n * (strong_ties + weak_ties) / 2.0,
            Generator::Star | Generator::Path => f64::from(self.nodes.saturating_sub(1)),
        }
    }

    /// Edges stored while building (duplicates included), with a 2% margin
    /// over the expectation for the generators whose count is random.
    fn stored_edges_bound(&self) -> u64 {
        let margin = match self.generator {
            Generator::ErdosRenyi { .. } | Generator::StrongWeakTies { .. } => 1.02,
            _ => 1.0,
        };
        (self.expected_edges() * margin) as u64 + 64
    }

    /// Peak bytes needed to generate the network: its CSR at the peak of
    /// construction ([`super::Graph::construction_bytes`]: 8 bytes per node
    /// and per edge, no edge list beside it), plus for Barabási–Albert the
    /// 4-byte target of each edge it draws from. Used to refuse networks
    /// too large for the machine before allocating; measured against the
    /// peak resident memory at 10 and 100 million nodes in
    /// benches/README.md.
    pub fn memory_estimate_bytes(&self) -> u64 {
        let e = self.stored_edges_bound();
        let targets = match self.generator {
            Generator::BarabasiAlbert { .. } => 4 * e,
            _ => 0,
        };
        super::Graph::construction_bytes(self.nodes, e) + targets
    }

    /// Bytes of the finished graph (the CSR: an 8-byte offset per node and
    /// 8 bytes per edge, each edge stored in both directions).
    pub fn graph_bytes(&self) -> u64 {
        super::Graph::construction_bytes(self.nodes, self.stored_edges_bound())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(nodes: u32, generator: Generator) -> Result<(), SpecError> {
        GeneratorSpec::new(nodes, generator).validate()
    }

    #[test]
    fn one_validator_names_the_parameter_and_the_bound() {
        let ws = |k, rewire| Generator::WattsStrogatz {
            mean_degree: k,
            rewire,
        };
        assert!(check(100, ws(10.0, 0.1)).is_ok());
        let e = check(100, ws(9.0, 0.1)).unwrap_err();
        assert_eq!((e.param, e.value.as_str()), ("mean_degree", "9"));
        assert!(e.allowed.contains("from 2 to 98"), "{}", e.allowed);
        assert_eq!(check(100, ws(10.0, 1.5)).unwrap_err().param, "rewire");
        assert_eq!(check(100, ws(100.0, 0.0)).unwrap_err().param, "mean_degree");
        assert_eq!(check(1, Generator::Star).unwrap_err().param, "nodes");
        let swt = |size, strong, weak| Generator::StrongWeakTies {
            cluster_size: size,
            strong_ties: strong,
            weak_ties: weak,
        };
        assert!(check(100, swt(10, 9.0, 90.0)).is_ok());
        let e = check(100, swt(10, 9.0, 91.0)).unwrap_err();
        assert_eq!(e.param, "weak_ties");
        assert!(e.allowed.contains("from 0 to 90"), "{}", e.allowed);
        assert_eq!(
            check(100, swt(10, 9.5, 1.0)).unwrap_err().param,
            "strong_ties"
        );
        let er = Generator::ErdosRenyi {
            mean_degree: f64::NAN,
        };
        assert_eq!(check(100, er).unwrap_err().value, "NaN");
        let ba = Generator::BarabasiAlbert { attach: 100 };
        assert_eq!(check(100, ba).unwrap_err().param, "attach");
    }
}
