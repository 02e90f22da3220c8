//! The sentence under a headline that says what the uncertainty means in
//! money and odds, from the typed [`UncertaintyFinding`].

use crate::present::money::money;
use wom::results::uncertainty::UncertaintyFinding;

/// What measuring a key means, in an owner's words; the key itself for
/// keys without a phrase.
pub fn key_phrase(key: &str) -> String {
    let known = [
        (
            "outcomes.silent.tells",
            "how many people unhappy customers tell",
        ),
        (
            "outcomes.unresolved.tells",
            "how many people customers whose complaint went unresolved tell",
        ),
        (
            "outcomes.satisfied.tells",
            "how many people satisfied customers tell",
        ),
        (
            "outcomes.resolved.tells",
            "how many people customers whose complaint was resolved tell",
        ),
        (
            "effects.deter",
            "how often hearing a bad story deters a prospect",
        ),
        (
            "effects.referral_conversion",
            "how often a good story wins a customer",
        ),
        (
            "effects.hearsay_churn",
            "how often a bad story makes a customer leave",
        ),
        (
            "experience.complaint_rate",
            "how many unhappy customers complain",
        ),
        (
            "experience.problem_rate",
            "how often customers have a problem",
        ),
        (
            "word_of_mouth.retell.negative",
            "how often people pass bad news on",
        ),
        (
            "word_of_mouth.retell.positive",
            "how often people pass good news on",
        ),
        (
            "outcomes.silent.stay",
            "how many unhappy customers who do not complain stay",
        ),
        (
            "outcomes.resolved_quickly.stay",
            "how many customers whose complaint was resolved quickly stay",
        ),
        ("economics.margin", "the margin a customer brings"),
    ];
    if let Some(p) = known.iter().find(|(k, _)| *k == key) {
        return p.1.to_owned();
    }
    // A segment's own numbers, `segments.NAME.FIELD`.
    let segment = |field: &str| {
        let name = key.strip_prefix("segments.")?.strip_suffix(field)?;
        Some(name.to_owned())
    };
    if let Some(name) = segment(".handle_factor") {
        return format!("how much longer a “{name}” customer's complaint takes");
    }
    if let Some(name) = segment(".resolve_factor") {
        return format!("how often a “{name}” customer's complaint can be resolved");
    }
    format!("“{key}”")
}

/// The sentence of one finding.
pub fn sentence(f: &UncertaintyFinding) -> String {
    let currency = f.currency.as_str();
    let [lo, hi] = f.interval;
    let (better, p) = if f.probability_better >= 0.5 {
        (&f.policy, f.probability_better)
    } else {
        (&f.baseline, 1.0 - f.probability_better)
    };
    let odds = format!("{:.0}%", 100.0 * p);
    let mut s = format!(
        "Given what is uncertain, “{}” is worth between {} and {} more than “{}”; “{better}” is the better policy in {odds} of plausible worlds.",
        f.policy,
        money(lo, currency),
        money(hi, currency),
        f.baseline,
    );
    match &f.measure_first {
        Some(m) => s.push_str(&format!(
            " Worth measuring first: {} (knowing it is worth up to {}).",
            key_phrase(&m.key),
            money(m.worth, currency)
        )),
        None if p >= 1.0 => s.push_str(" No uncertain number is worth measuring before choosing: the better policy is the same in every plausible world."),
        // Some worlds favour the other policy, but knowing any one input
        // (EVPPI) is worth less than one unit of money.
        None => s.push_str(&format!(
            " No single uncertain number is worth measuring before choosing: knowing any one of them is worth less than {}.",
            money(1.0, currency)
        )),
    }
    s
}

#[cfg(test)]
mod tests {
    use super::sentence;
    use wom::results::uncertainty::{MeasureFirst, UncertaintyFinding};

    fn finding(p: f64, measure_first: Option<MeasureFirst>) -> UncertaintyFinding {
        UncertaintyFinding {
            baseline: "keep".into(),
            policy: "part".into(),
            interval: [-199.0, 4837.0],
            probability_better: p,
            measure_first,
            currency: "USD".into(),
        }
    }

    /// "The same in every plausible world" only when it is; otherwise
    /// what is true of the EVPPI, or the key worth measuring.
    #[test]
    fn says_every_world_only_when_one_policy_wins_them_all() {
        let all = sentence(&finding(1.0, None));
        assert!(all.contains("in 100% of plausible worlds"), "{all}");
        assert!(all.contains("the same in every plausible world"), "{all}");
        let most = sentence(&finding(0.96, None));
        assert!(most.contains("in 96% of plausible worlds"), "{most}");
        assert!(!most.contains("every plausible world"), "{most}");
        assert!(most.contains("worth less than $1"), "{most}");
        let baseline = sentence(&finding(0.2, None));
        assert!(
            baseline.contains("“keep” is the better policy in 80%"),
            "{baseline}"
        );
        let key = MeasureFirst {
            key: "economics.margin".into(),
            worth: 120.0,
        };
        assert_eq!(
            super::key_phrase("segments.chronic.handle_factor"),
            "how much longer a “chronic” customer's complaint takes"
        );
        assert_eq!(super::key_phrase("a.b"), "“a.b”");
        let measure = sentence(&finding(0.7, Some(key)));
        assert!(
            measure.contains("Worth measuring first: the margin a customer brings (knowing it is worth up to $120)"),
            "{measure}"
        );
    }
}
