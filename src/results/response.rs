//! summary.json's `response_times`: how soon each policy answered its
//! complaints, over every replication — written only when the scenario
//! uses response times (a desk, customers' own tolerances or hours per
//! handoff), so other scenarios keep their summary.json byte for byte.

use super::ordered::Ordered;
use crate::model::{Handling, Scenario};
use crate::sim::response::RESPONSE_EDGES_HOURS;
use crate::sim::summary::RunSummary;
use serde::{Deserialize, Serialize};

/// One policy's answers: how many complaints it answered, and how many of
/// them within each edge of [`ResponseTimes::within_hours`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answered {
    /// Complaints answered, over every replication.
    pub complaints: u64,
    /// Of them, how many were answered within each edge (cumulative,
    /// non-decreasing, at most `complaints`).
    pub within: Vec<u64>,
}

impl Answered {
    /// The share answered within each edge (0 when nothing was answered).
    pub fn shares(&self) -> Vec<f64> {
        let n = self.complaints.max(1) as f64;
        self.within.iter().map(|&w| w as f64 / n).collect()
    }
}

/// Response times pooled over replications, for the distribution chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResponseTimes {
    /// The edges, hours (those of [`crate::sim::response::RESPONSE_EDGES_HOURS`]).
    pub within_hours: Vec<f64>,
    /// Every policy that answers complaints, in scenario order.
    pub policies: Ordered<String, Answered>,
}

impl ResponseTimes {
    /// The response times of a run of `scenario`, if it uses them.
    pub fn new(scenario: &Scenario, summary: &RunSummary) -> Option<Self> {
        if !scenario.uses_response_times() {
            return None;
        }
        let policies = scenario
            .policies
            .iter()
            .zip(&summary.policies)
            .filter(|(p, _)| p.handling == Handling::Recover)
            .map(|(p, s)| {
                let mut running = 0;
                let within = RESPONSE_EDGES_HOURS
                    .iter()
                    .enumerate()
                    .map(|(i, _)| {
                        running += s.response_counts.get(i).copied().unwrap_or(0);
                        running
                    })
                    .collect();
                let complaints = s.response_counts.iter().sum();
                (p.name.clone(), Answered { complaints, within })
            })
            .collect();
        Some(ResponseTimes {
            within_hours: RESPONSE_EDGES_HOURS.to_vec(),
            policies: Ordered(policies),
        })
    }

    /// Checks what the types cannot: present exactly when `scenario` uses
    /// response times, this version's edges, every answering policy once
    /// in order, counts that add up.
    ///
    /// # Errors
    /// The field at fault, as a dotted path, and what is wrong.
    pub fn check(this: Option<&Self>, scenario: &Scenario) -> Result<(), String> {
        let Some(r) = this else {
            return if scenario.uses_response_times() {
                Err("no `response_times`, which this scenario reports".into())
            } else {
                Ok(())
            };
        };
        if !scenario.uses_response_times() {
            return Err("response_times: this scenario does not use response times".into());
        }
        if r.within_hours != RESPONSE_EDGES_HOURS {
            return Err("response_times.within_hours: not this version's edges".into());
        }
        let answering = scenario
            .policies
            .iter()
            .filter(|p| p.handling == Handling::Recover)
            .map(|p| p.name.as_str());
        if r.policies.keys().map(String::as_str).ne(answering) {
            return Err(
                "response_times.policies: not the scenario's recover policies, in order".into(),
            );
        }
        for (name, a) in &r.policies.0 {
            let at = format!("response_times.policies.{name}.within");
            if a.within.len() != r.within_hours.len() {
                return Err(format!("{at}: one count per edge expected"));
            }
            if a.within.windows(2).any(|w| w[0] > w[1])
                || a.within.last().is_some_and(|&w| w > a.complaints)
            {
                return Err(format!(
                    "{at}: counts must grow with the hours and stay within `complaints`"
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn scenario(extra: &str) -> Scenario {
        let text = format!(
            "[policies.ignore]\nhandling = \"ignore\"\n[policies.fast]\nhandling = \"recover\"\n{extra}"
        );
        crate::scenario::parse(&text, Path::new("s.toml")).unwrap()
    }

    fn times() -> ResponseTimes {
        let mut within: Vec<u64> = vec![0; RESPONSE_EDGES_HOURS.len()];
        within[7..].fill(40); // all 40 answered within an hour
        ResponseTimes {
            within_hours: RESPONSE_EDGES_HOURS.to_vec(),
            policies: Ordered(vec![(
                "fast".to_owned(),
                Answered {
                    complaints: 40,
                    within,
                },
            )]),
        }
    }

    #[test]
    fn present_exactly_when_the_scenario_uses_response_times_and_consistent() {
        let plain = scenario("");
        let patient = scenario("[experience]\ntolerance_hours = { fixed = 2 }\n");
        assert!(ResponseTimes::check(None, &plain).is_ok());
        assert!(ResponseTimes::check(Some(&times()), &plain).is_err());
        assert!(ResponseTimes::check(None, &patient).is_err());
        assert!(ResponseTimes::check(Some(&times()), &patient).is_ok());
        assert_eq!(times().policies.0[0].1.shares()[7], 1.0);
        let mut shrinking = times();
        shrinking.policies.0[0].1.within[20] = 3;
        let e = ResponseTimes::check(Some(&shrinking), &patient).unwrap_err();
        assert!(e.contains("response_times.policies.fast.within"), "{e}");
        let mut too_many = times();
        too_many.policies.0[0].1.complaints = 39;
        assert!(ResponseTimes::check(Some(&too_many), &patient).is_err());
        let mut edges = times();
        edges.within_hours[3] = 0.2;
        assert!(ResponseTimes::check(Some(&edges), &patient).is_err());
        let mut named = times();
        named.policies.0[0].0 = "ignore".to_owned();
        assert!(ResponseTimes::check(Some(&named), &patient).is_err());
    }
}
