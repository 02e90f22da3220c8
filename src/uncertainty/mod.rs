//! Honest uncertainty (MODEL.md "Uncertain inputs"): the priors of
//! uncertain inputs, a scenario's validated `[uncertainty]`, and the
//! estimators of what the uncertainty means for a decision (uncertainty
//! interval, probability best, EVPI, EVPPI, Sobol indices). No I/O.

pub mod prior;
pub mod spec;
mod special;

pub use prior::Prior;
pub use spec::{JointDraws, KeyPrior, UncertainKey, Uncertainty};
pub mod bootstrap;
pub mod design;
pub mod estimate;
pub mod saltelli;
