//! Unit tests of the domain types.

use super::*;

#[test]
fn class_index_matches_all_order_and_keys_are_distinct() {
    for (i, class) in OutcomeClass::ALL.iter().enumerate() {
        assert_eq!(class.index(), i);
    }
    let keys: std::collections::HashSet<_> = OutcomeClass::ALL.iter().map(|c| c.key()).collect();
    assert_eq!(keys.len(), OutcomeClass::ALL.len());
    assert!(OutcomeClass::PARTED.iter().all(|c| c.is_parted()));
    assert!(!OutcomeClass::Unresolved.is_parted());
    for m in Manner::BOTH {
        assert!(m.class().is_parted());
    }
}

#[test]
fn tell_dist_means() {
    assert_eq!(TellDist::Fixed(3).mean(), 3.0);
    assert_eq!(TellDist::Uniform { lo: 1, hi: 2 }.mean(), 1.5);
    assert_eq!(TellDist::Poisson { mean: 2.5 }.mean(), 2.5);
    let nb = TellDist::NegativeBinomial {
        mean: 4.0,
        dispersion: 0.5,
    };
    assert_eq!(nb.mean(), 4.0);
    let emp = TellDist::Empirical {
        values: vec![0, 10],
        weights: vec![3.0, 1.0],
    };
    assert_eq!(emp.mean(), 2.5);
}

#[test]
fn initial_customers_round_to_nearest() {
    assert_eq!(InitialCustomers::Fraction(0.15).resolve(10), 2);
    assert_eq!(InitialCustomers::Fraction(0.14).resolve(10), 1);
    assert_eq!(InitialCustomers::Fraction(1.0).resolve(u32::MAX), u32::MAX);
}

fn policy(handling: Handling) -> Policy {
    Policy {
        name: "p".into(),
        handling,
        resolve_rate: 0.8,
        handoffs: 2,
        handoff_penalty: 0.5,
        response_hours: 24.0,
        handoff_hours: 0.0,
        staffing: None,
        quick_hours: 24.0,
        compensation: 0.0,
        handling_cost: 0.0,
        part_with: None,
    }
}

#[test]
fn resolve_probability_and_quickness() {
    assert_eq!(policy(Handling::Ignore).resolve_probability(), 0.0);
    assert!((policy(Handling::Recover).resolve_probability() - 0.2).abs() < 1e-15);
    let mut p = policy(Handling::Recover);
    assert!(p.is_quick());
    p.response_hours = 48.0;
    assert!(!p.is_quick());
    assert_eq!(p.always_quick(false), Some(false));
    assert_eq!(p.always_quick(true), None);
}

#[test]
fn handoffs_add_their_hours_to_a_fixed_response() {
    let mut p = policy(Handling::Recover);
    p.response_hours = 20.0;
    p.handoff_hours = 2.5;
    assert_eq!(p.fixed_response_hours(), Some(25.0)); // 20 + 2 × 2.5
    assert!(!p.is_quick()); // 25 > 24
    p.staffing = Some(Staffing {
        agents: 2,
        handle_minutes: crate::staffing::DurationDist::fixed(10.0).unwrap(),
        calendar: crate::staffing::Calendar::always_open(),
        agent_cost: 3000.0,
    });
    assert_eq!(p.fixed_response_hours(), None);
    assert!(!p.is_quick());
    assert_eq!(p.always_quick(false), None);
    assert_eq!(p.staffing.as_ref().unwrap().cost_per_period(), 6000.0);
}
