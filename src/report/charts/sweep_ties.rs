//! Ties and thresholds in the titles of a sweep's charts: grid points that
//! give the very same value are named together, never one of them as if it
//! were best, and a swept answer time says where its value steps.

use super::sweep_lines::{Line, Step};
use crate::report::kit::axes::tick;
use wom::model::{Handling, Scenario};

/// "1, 12 or 24".
pub fn or_list(items: &[&str]) -> String {
    match items {
        [init @ .., last] if !init.is_empty() => format!("{} or {last}", init.join(", ")),
        _ => items.join(""),
    }
}

/// "1, 12 and 24".
fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Why values of `key` tie, when the model says: answer times up to a
/// policy's `quick_hours` all count as quick.
pub fn tie_reason(key: &str) -> &'static str {
    if key.ends_with(".response_hours") {
        " (answers within quick_hours all count as quick)"
    } else {
        ""
    }
}

/// For a swept answer time `policies.NAME.response_hours` of the base
/// scenario `base`: the answer time past which the policy's answers stop
/// counting as quick, where its value steps (its `quick_hours` less the
/// hours its handoffs add). Below it every answer is quick, above it none
/// is, so the value is flat on each side. `None` when the value is no such
/// step: the customers' own patience decides (`experience.tolerance_hours`),
/// the policy waits at a desk or does not answer, another of its keys or
/// the patience is swept too (`others`: the other swept keys with several
/// values), or the axis is not numeric.
pub fn quick_step(
    key: &str,
    numeric: bool,
    base: Option<&Scenario>,
    others: &[&str],
) -> Option<Step> {
    let name = key
        .strip_prefix("policies.")?
        .strip_suffix(".response_hours")?;
    let base = base?;
    let policy = base.policies.iter().find(|p| p.name == name)?;
    let own = format!("policies.{name}.");
    let moved = others
        .iter()
        .any(|k| k.starts_with(&own) || k.starts_with("experience.tolerance"));
    if !numeric
        || moved
        || base.experience.tolerance_hours.is_some()
        || policy.handling != Handling::Recover
    {
        return None;
    }
    let delay = policy.fixed_response_hours()? - policy.response_hours;
    let x = policy.quick_hours - delay;
    let hours = tick(x);
    let limit = if delay > 0.0 {
        "quick_hours less the handoffs' hours"
    } else {
        "quick_hours"
    };
    let label = format!(
        "{hours} h ({limit}), past which answers stop counting as quick: the value is flat on each side and steps there"
    );
    (x >= 0.0).then_some(Step { x, label })
}

/// The guide's note on a drawn step: where the dashed line is and why.
pub fn step_note(step: Option<&Step>) -> String {
    step.map_or_else(String::new, |s| format!("; dashed: {}", s.label))
}

/// The runs of neighbouring values of the x axis at which every line has
/// the very same mean (bit-identical results, not merely close ones), as
/// "VALUES give the same value"; empty when no two neighbours tie.
pub fn ties_note(
    key: &str,
    short: &str,
    texts: &[String],
    x_of: impl Fn(&str) -> f64,
    lines: &[Line],
) -> String {
    let n = texts.len();
    let mean_at = |l: &Line, i: usize| {
        let xi = x_of(&texts[i]);
        l.points
            .iter()
            .find(|p| p.x == xi)
            .map(|p| p.mean.to_bits())
    };
    let same = |i: usize| {
        !lines.is_empty()
            && lines
                .iter()
                .all(|l| mean_at(l, i).is_some() && mean_at(l, i) == mean_at(l, i + 1))
    };
    let mut groups: Vec<Vec<&str>> = Vec::new();
    let mut i = 0;
    while i + 1 < n {
        if same(i) {
            let mut group = vec![texts[i].as_str()];
            while i + 1 < n && same(i) {
                group.push(texts[i + 1].as_str());
                i += 1;
            }
            groups.push(group);
        }
        i += 1;
    }
    if groups.is_empty() {
        return String::new();
    }
    let said: Vec<String> = groups.iter().map(|g| and_list(g)).collect();
    let values = match said.as_slice() {
        [one] => format!("{one} give the same value"),
        [first, rest @ ..] => format!("{first} give one value, {} another", rest.join(", ")),
        [] => String::new(),
    };
    format!("; {short} = {values}{}", tie_reason(key))
}

/// Where a heatmap's largest value `m` lies, at `(a, b)` of the axes
/// `(short name, key)`: every cell of `cells` (`(mean, x, y)`) with the
/// very same value is named, "complaint_rate = 0.5 and response_hours = 1,
/// 12 or 24, tied (…)".
pub fn tied_cells(
    cells: &[(f64, &str, &str)],
    (m, a, b): (f64, &str, &str),
    (xs, xkey): (&str, &str),
    (ys, ykey): (&str, &str),
) -> String {
    let tied: Vec<(&str, &str)> = cells
        .iter()
        .filter(|c| c.0.to_bits() == m.to_bits())
        .map(|c| (c.1, c.2))
        .collect();
    let xs_tied: Vec<&str> = tied.iter().map(|t| t.0).collect();
    let ys_tied: Vec<&str> = tied.iter().map(|t| t.1).collect();
    if tied.len() < 2 {
        format!("{xs} = {a} and {ys} = {b}")
    } else if ys_tied.iter().all(|y| *y == b) {
        format!(
            "{ys} = {b} and {xs} = {}, tied{}",
            or_list(&xs_tied),
            tie_reason(xkey)
        )
    } else if xs_tied.iter().all(|x| *x == a) {
        format!(
            "{xs} = {a} and {ys} = {}, tied{}",
            or_list(&ys_tied),
            tie_reason(ykey)
        )
    } else {
        format!("{} settings, tied", tied.len())
    }
}

#[cfg(test)]
mod tests {
    use super::quick_step;
    use std::path::Path;

    fn scenario(extra: &str) -> wom::model::Scenario {
        let text = format!(
            "[policies.ignore]\nhandling = \"ignore\"\n[policies.fast]\nhandling = \"recover\"\nresponse_hours = 1.0\n{extra}"
        );
        wom::scenario::parse(&text, Path::new("s.toml")).unwrap()
    }

    #[test]
    fn an_answer_time_steps_at_quick_hours_less_the_handoffs() {
        let key = "policies.fast.response_hours";
        let s = scenario("");
        assert_eq!(
            quick_step(key, true, Some(&s), &[]).map(|s| s.x),
            Some(24.0)
        );
        let s = scenario("quick_hours = 12.0\nhandoffs = 2\nhandoff_hours = 3.0\n");
        let step = quick_step(key, true, Some(&s), &[]).unwrap();
        assert_eq!(step.x, 6.0);
        assert!(step.label.starts_with("6 h"), "{}", step.label);
    }

    #[test]
    fn no_step_where_the_value_is_not_one() {
        let key = "policies.fast.response_hours";
        let s = scenario("");
        assert!(quick_step("economics.margin", true, Some(&s), &[]).is_none());
        assert!(
            quick_step(key, false, Some(&s), &[]).is_none(),
            "categorical axis"
        );
        assert!(
            quick_step(key, true, None, &[]).is_none(),
            "no base scenario"
        );
        let quick_swept = ["policies.fast.quick_hours"];
        assert!(quick_step(key, true, Some(&s), &quick_swept).is_none());
        let patience = scenario(
            "[experience]\ntolerance_hours = { empirical = { values = [1.0, 48.0], weights = [1.0, 1.0] } }\n",
        );
        assert!(quick_step(key, true, Some(&patience), &[]).is_none());
    }
}
