//! Ties and thresholds in the titles of a sweep's charts: grid points that
//! give the very same value are named together, never one of them as if it
//! were best, and a swept answer time says where its value steps.

use super::sweep_lines::Line;

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

/// For a swept answer time: the value steps where answers stop counting as
/// quick; the straight line between two swept points is not a slope.
pub fn threshold_note(key: &str) -> &'static str {
    if key.ends_with(".response_hours") && !key.contains("tolerance") {
        "; the value steps just past quick_hours (24 h by default), not along the line"
    } else {
        ""
    }
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
