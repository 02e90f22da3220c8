//! The scenarios of `[uncertainty]`'s parameter draws: a point of the
//! unit cube set on the scenario the way `--set` does, then validated.

use super::error::ScenarioError;
use super::uncertainty::whole;
use crate::model::Scenario;
use std::path::Path;

/// The scenario of one point `u` of the unit cube (one uniform per
/// dimension of `s`'s uncertainty): its values set the way `--set` does,
/// then validated. Without `[uncertainty]`, `s` itself. The result has no
/// `[uncertainty]`.
///
/// # Errors
/// The validation error of the values (the file named `draw`), which the
/// checks of the support make rare (two keys whose draws contradict).
pub fn scenario_at(s: &Scenario, u: &[f64], draw: &str) -> Result<Scenario, ScenarioError> {
    let mut base = s.clone();
    let Some(unc) = base.uncertainty.take() else {
        return Ok(base);
    };
    let mut table = super::resolved::to_table(&base)?;
    for (key, value) in unc.values(u, |k| whole(&table, k)) {
        super::set_key(&mut table, &key, value)?;
    }
    super::resolved::from_resolved(&table, Path::new(draw))
}

/// How many parameter draws `s` has: `replications / replications_per_draw`,
/// 0 without `[uncertainty]`.
pub fn draw_count(s: &Scenario) -> u64 {
    s.uncertainty
        .as_ref()
        .map_or(0, |u| u64::from(s.replications / u.replications_per_draw))
}

/// The scenario of parameter draw `d` of `s`, from the stream (seed, draw
/// d, uncertainty); `s` itself without `[uncertainty]`.
///
/// # Errors
/// As [`scenario_at`], naming the draw.
pub fn draw_scenario(s: &Scenario, d: u64) -> Result<Scenario, ScenarioError> {
    match &s.uncertainty {
        Some(u) => scenario_at(s, &u.uniforms(s.seed, d), &format!("parameter draw {d}")),
        None => Ok(s.clone()),
    }
}

/// The scenario of every parameter draw of `s` ([`draw_count`] of them,
/// each [`draw_scenario`]); empty without `[uncertainty]`.
///
/// # Errors
/// As [`scenario_at`], naming the draw.
pub fn draw_scenarios(s: &Scenario) -> Result<Vec<Scenario>, ScenarioError> {
    (0..draw_count(s)).map(|d| draw_scenario(s, d)).collect()
}

/// What `--set KEY=VALUE` does to an uncertain `KEY`: the value is stated,
/// so the key is no longer uncertain. Removes from `table`'s
/// `[uncertainty]` every key that `key` sets (the key itself, a key inside
/// it, or the table holding it) and, when no uncertain key and no
/// `draws_file` is left, the section; returns whether it removed any.
/// Keys of `[uncertainty]` itself (`uncertainty.…`) are left alone.
pub fn release(table: &mut toml::Table, key: &str) -> bool {
    let key = key.trim();
    if key == "uncertainty" || key.starts_with("uncertainty.") {
        return false;
    }
    let Some(toml::Value::Table(u)) = table.get_mut("uncertainty") else {
        return false;
    };
    let set = |k: &str| {
        let k = k.trim().trim_matches('"');
        k == key || k.starts_with(&format!("{key}.")) || key.starts_with(&format!("{k}."))
    };
    let before = u.len();
    u.retain(|k, _| k == "replications_per_draw" || k == "draws_file" || !set(k));
    let removed = u.len() < before;
    if removed && u.keys().all(|k| k == "replications_per_draw") {
        table.remove("uncertainty");
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::release;

    #[test]
    fn a_stated_value_is_no_longer_uncertain() {
        let mut t: toml::Table = toml::from_str(
            "[uncertainty]\nreplications_per_draw = 5\n\"effects.deter\" = { uniform = [0.2, 0.4] }\n\"outcomes.silent.tells\" = { between = [{ uniform = [1, 2] }, { uniform = [3, 4] }] }\n",
        )
        .unwrap();
        assert!(!release(&mut t, "economics.margin"));
        assert!(!release(&mut t, "uncertainty.replications_per_draw"));
        assert!(release(&mut t, "outcomes.silent.tells.mean"));
        let u = t["uncertainty"].as_table().unwrap();
        assert!(u.contains_key("effects.deter") && !u.contains_key("outcomes.silent.tells"));
        assert!(release(&mut t, "effects"));
        assert!(!t.contains_key("uncertainty"), "nothing uncertain is left");
    }
}
