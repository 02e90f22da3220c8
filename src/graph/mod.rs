//! Immutable undirected simple graphs in compressed sparse row (CSR) form
//! with `u32` node ids, their generators, the edge-list reader and summary
//! statistics.

mod csr;
pub mod edgelist;
pub mod generate;
pub mod hint;
pub mod measure;
mod narrow;
mod spec;

pub use csr::{BuildCounts, EmitEdges, Graph, GraphError, NodeId};
pub use generate::generate;
pub use narrow::Narrow;
pub use spec::{Generator, GeneratorSpec, SpecError};
#[cfg(test)]
mod equivalence_tests;
