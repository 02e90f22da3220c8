//! `[segments.NAME]` and `policies.NAME.part_with` to validated types
//! (MODEL.md, "Segments" and "Parting with customers"): shares that sum to
//! 1, overrides in range, and a parting that names a known segment.

use super::check::{Check, Num, PROBABILITY};
use super::defaults as d;
use super::error::{ErrorKind, ScenarioError, closest};
use super::raw::{Named, RawManner, RawPartWith, RawSegment, RawSegments};
use crate::model::{Experience, Handling, MAX_SEGMENTS, Manner, PartWith, Policy, Segment};

/// How far the shares may sum from 1 (rounding of decimal shares).
const SHARE_TOLERANCE: f64 = 1e-9;

/// Validates the segments, in file order; empty without a `[segments]` table.
/// With `from_file` (`population.segments = { file = … }`) the file says
/// who is in which segment: a scenario file gives no share (each is 0
/// until the world is built, then the segment's fraction of the people in
/// the file), a resolved scenario carries those fractions.
pub(crate) fn segments(
    c: Check,
    raw: Option<RawSegments>,
    experience: &Experience,
    from_file: bool,
) -> Result<Vec<Segment>, ScenarioError> {
    let Some(Named(raw)) = raw else {
        if from_file {
            return Err(c.error(ErrorKind::Missing {
                key: "segments".into(),
                allowed: "[segments.NAME] tables naming the segments that population.segments' file assigns people to".into(),
            }));
        }
        return Ok(Vec::new());
    };
    if raw.is_empty() || raw.len() > MAX_SEGMENTS {
        let value = format!("{} segments", raw.len());
        let allowed = format!(
            "from 1 to {MAX_SEGMENTS} [segments.NAME] tables, or no [segments] table (one segment holding everyone)"
        );
        return Err(c.invalid("segments", value, &allowed));
    }
    let mut out: Vec<Segment> = Vec::with_capacity(raw.len());
    if from_file {
        for (name, r) in raw {
            c.name("segments", &name)?;
            let key = format!("segments.{name}.share");
            // A resolved scenario (a result file) carries the file's
            // fractions; a scenario file or --set may not give a share.
            if r.share.is_some() && c.join_paths {
                return Err(c.error(ErrorKind::NotApplicable {
                    key,
                    reason: "population.segments reads each person's segment from its file, so each segment's share is its fraction of the people there; leave the share out".into(),
                }));
            }
            let share = c.prob(&key, r.share, 0.0)?;
            out.push(segment(c, name, share, r, experience)?);
        }
        return Ok(out);
    }
    let mut rest: Option<usize> = None;
    for (i, (name, r)) in raw.into_iter().enumerate() {
        c.name("segments", &name)?;
        let share = match (r.share, rest) {
            (Some(x), _) => c.prob(&format!("segments.{name}.share"), Some(x), 0.0)?,
            (None, None) => {
                rest = Some(i);
                f64::NAN // the rest, filled in below
            }
            (None, Some(j)) => {
                return Err(c.error(ErrorKind::Missing {
                    key: format!("segments.{name}.share"),
                    allowed: format!(
                        "{PROBABILITY}; only one segment may leave out its share (it takes the rest), and `segments.{}` already does",
                        out[j].name
                    ),
                }));
            }
        };
        out.push(segment(c, name, share, r, experience)?);
    }
    let given: f64 = out
        .iter()
        .filter(|s| !s.share.is_nan())
        .map(|s| s.share)
        .sum::<f64>();
    let listed = || {
        out.iter()
            .filter(|s| !s.share.is_nan())
            .map(|s| format!("{} {}", s.name, Num(s.share)))
            .collect::<Vec<_>>()
            .join(" + ")
    };
    match rest {
        Some(i) if given <= 1.0 + SHARE_TOLERANCE => out[i].share = (1.0 - given).max(0.0),
        Some(i) => {
            let value = format!("shares summing to {} ({})", rounded(given), listed());
            let allowed = format!(
                "shares that sum to at most 1, since `segments.{}` takes the rest",
                out[i].name
            );
            return Err(c.invalid("segments", value, &allowed));
        }
        None if (given - 1.0).abs() > SHARE_TOLERANCE => {
            let value = format!("shares summing to {} ({})", rounded(given), listed());
            let allowed =
                "shares that sum to 1 (or leave out one segment's share: it takes the rest)";
            return Err(c.invalid("segments", value, allowed));
        }
        None => {}
    }
    Ok(out)
}

fn segment(
    c: Check,
    name: String,
    share: f64,
    r: RawSegment,
    experience: &Experience,
) -> Result<Segment, ScenarioError> {
    let key = |field: &str| format!("segments.{name}.{field}");
    let prob =
        |field: &str, v: Option<f64>| v.map(|x| c.prob(&key(field), Some(x), 0.0)).transpose();
    let factor = |field: &str, v: Option<f64>, default: f64| c.factor(&key(field), v, default);
    let base_churn = prob("base_churn", r.base_churn)?;
    if let Some(b) = base_churn {
        let paradox = experience.recovery_paradox;
        if b * paradox > 1.0 {
            return Err(c.error(ErrorKind::Conflict {
                key: key("base_churn"),
                value: Num(b).to_string(),
                other_key: "experience.recovery_paradox".into(),
                other_value: Num(paradox).to_string(),
                rule: "base_churn x recovery_paradox must be at most 1".into(),
            }));
        }
    }
    Ok(Segment {
        share,
        margin: r
            .margin
            .map(|x| c.money(&key("margin"), Some(x), 0.0))
            .transpose()?,
        problem_rate: prob("problem_rate", r.problem_rate)?,
        complaint_rate: prob("complaint_rate", r.complaint_rate)?,
        base_churn,
        resolve_factor: factor("resolve_factor", r.resolve_factor, d::RESOLVE_FACTOR)?,
        handle_factor: factor("handle_factor", r.handle_factor, d::HANDLE_FACTOR)?,
        name,
    })
}

/// Checks `part_with` at `key` (`policies.NAME.part_with`).
pub(crate) fn part_with(
    c: Check,
    key: &str,
    raw: RawPartWith,
    segments: &[Segment],
) -> Result<PartWith, ScenarioError> {
    let names: Vec<&str> = segments.iter().map(|s| s.name.as_str()).collect();
    let one_of = if names.is_empty() {
        "the name of a [segments.NAME] table, but this scenario has no [segments]".to_owned()
    } else {
        let quoted: Vec<String> = names.iter().map(|n| format!("{n:?}")).collect();
        format!("the name of a segment: one of {}", quoted.join(", "))
    };
    let field = |f: &str| format!("{key}.{f}");
    let segment = match raw.segment {
        None => {
            return Err(c.error(ErrorKind::Missing {
                key: field("segment"),
                allowed: one_of,
            }));
        }
        Some(s) if names.contains(&s.as_str()) => s,
        Some(s) => {
            return Err(c.error(ErrorKind::Invalid {
                key: field("segment"),
                value: format!("{s:?}"),
                allowed: one_of,
                suggestion: closest(&s, names.iter().copied()).map(|n| format!("{n:?}")),
            }));
        }
    };
    let after =
        "a whole number from 1 to 65535: the complaint of the horizon that ends the relationship";
    let after_complaints = match raw.after_complaints {
        None => {
            return Err(c.error(ErrorKind::Missing {
                key: field("after_complaints"),
                allowed: after.into(),
            }));
        }
        Some(n) => match u16::try_from(n) {
            Ok(n) if n >= 1 => u32::from(n),
            _ => return Err(c.invalid(&field("after_complaints"), n, after)),
        },
    };
    let manner = match raw.manner {
        None => {
            return Err(c.error(ErrorKind::Missing {
                key: field("manner"),
                allowed: MANNERS.into(),
            }));
        }
        Some(RawManner::Graceful) => Manner::Graceful,
        Some(RawManner::Abrupt) => Manner::Abrupt,
    };
    let refund = match (raw.refund, manner) {
        (Some(_), Manner::Abrupt) => {
            return Err(c.error(ErrorKind::NotApplicable {
                key: field("refund"),
                reason:
                    "a refund belongs to manner = \"graceful\"; an abrupt parting refunds nothing"
                        .into(),
            }));
        }
        (Some(x), Manner::Graceful) => Some(c.money(&field("refund"), Some(x), 0.0)?),
        (None, _) => None,
    };
    Ok(PartWith {
        segment,
        after_complaints,
        manner,
        refund,
    })
}

/// The words allowed for `part_with.manner`.
pub(crate) const MANNERS: &str = r#"one of "graceful", "abrupt""#;

/// A member's resolve probability, the policy's times the segment's
/// `resolve_factor`, must be a probability under every recover policy.
pub(crate) fn check_resolve_factors(
    c: Check,
    segments: &[Segment],
    policies: &[Policy],
) -> Result<(), ScenarioError> {
    for s in segments {
        for p in policies.iter().filter(|p| p.handling == Handling::Recover) {
            let member = p.resolve_probability() * s.resolve_factor;
            if member > 1.0 + 1e-12 {
                return Err(c.error(ErrorKind::Conflict {
                    key: format!("segments.{}.resolve_factor", s.name),
                    value: Num(s.resolve_factor).to_string(),
                    other_key: format!("policies.{}.resolve_rate", p.name),
                    other_value: Num(p.resolve_rate).to_string(),
                    rule: format!(
                        "a member's chance that a complaint is resolved, resolve_rate x (1 - handoff_penalty)^handoffs x resolve_factor = {}, must be at most 1",
                        Num(member)
                    ),
                }));
            }
        }
    }
    Ok(())
}

/// A sum of decimal shares as people wrote them: 0.7 + 0.6 is 1.3, not
/// 1.2999999999999998.
fn rounded(x: f64) -> String {
    let text = format!("{x:.12}");
    let text = text.trim_end_matches('0');
    text.strip_suffix('.').unwrap_or(text).to_owned()
}
