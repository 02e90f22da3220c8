//! report.html: one self-contained page — headline, assumptions with
//! sources, results, the charts as inline SVG, the method — that needs no
//! network and prints on one or two A4 pages. All text is HTML-escaped.

use super::charts::segments::segment_label;
use super::data::RunData;
use super::kit::canvas::Rendered;
use super::kit::style::policy_colour;
use super::narrative::assumptions::assumptions;
use super::narrative::findings;
use super::narrative::table::{PER_CUSTOMER, cell, rows, segment_rows};
use crate::present::format::count;
use crate::present::money::{interval, mean_and_interval, money};

/// Escapes text for HTML element content and attribute values; a control
/// character other than a newline or tab (scenario texts refuse them, a
/// path may still hold one) becomes U+FFFD, never a raw byte.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\t' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // A minus sign stays with its number: a word joiner keeps a
            // line from ending at "−".
            '−' => out.push_str("−\u{2060}"),
            c => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
body { font-family: "DejaVu Sans", Verdana, sans-serif; color: #1f1f1f; line-height: 1.45;
       max-width: 62rem; margin: 2rem auto; padding: 0 1.2rem; font-size: 15px; }
h1 { font-size: 1.7rem; margin: 0 0 .2rem; }
h2 { font-size: 1.15rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #e4e4e4; }
.lede { color: #5a5a5a; margin: 0 0 1rem; }
.headline { font-size: 1.2rem; font-weight: bold; border-left: 6px solid #D55E00;
            padding: .3rem 0 .3rem .9rem; margin: .6rem 0; }
.warning { border-left: 6px solid #E69F00; background: #fff6e0; padding: .3rem .6rem .3rem .9rem;
           margin: .6rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; }
th, td { padding: .28rem .5rem; border-bottom: 1px solid #e4e4e4; vertical-align: top; }
th { text-align: left; background: #f5f5f5; }
td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
td.src { color: #5a5a5a; font-size: .85rem; }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; }
figure { margin: 1.2rem 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; border: 1px solid #e4e4e4; }
figcaption { color: #5a5a5a; font-size: .85rem; margin-top: .3rem; }
ol.method { padding-left: 1.3rem; }
footer { color: #5a5a5a; font-size: .8rem; margin-top: 2rem; border-top: 1px solid #e4e4e4; padding-top: .5rem; }
@media print {
  @page { size: A4; margin: 10mm; }
  body { max-width: none; margin: 0; padding: 0; font-size: 7.8pt; line-height: 1.25; }
  h1 { font-size: 13pt; } h2 { font-size: 9.5pt; margin: .45rem 0 .2rem; }
  .headline { font-size: 9pt; padding: .1rem 0 .1rem .6rem; margin: .3rem 0; }
  .lede { margin: 0 0 .4rem; }
  th, td { padding: 0 .25rem; }
  td.num { white-space: normal; }
  table { font-size: 7.2pt; }
  td.src { font-size: 6.8pt; }
  .story figure { width: 60%; margin: 0 auto; }
  ol.method { margin: .2rem 0; columns: 2; column-gap: 6mm; }
  footer { margin-top: .3rem; padding-top: .2rem; }
  .grid { display: grid; grid-template-columns: 1fr 1fr 1fr; gap: 3mm; }
  figure { margin: 0; }
  figcaption { display: none; }
}
"#;

fn results_table(run: &RunData) -> String {
    let cur = run.currency();
    let mut h = String::from("<table><thead><tr><th>mean (95% CI)</th>");
    for p in &run.policies {
        h.push_str(&format!(
            "<th class=\"num\"><span class=\"swatch\" style=\"background:{}\"></span>{}</th>",
            hex(p.index),
            escape(p.name)
        ));
    }
    h.push_str("</tr></thead><tbody>");
    let reported: Vec<_> = run.policies[0].metrics.keys().copied().collect();
    for (m, label) in rows(&reported) {
        h.push_str(&format!("<tr><td>{}</td>", escape(label)));
        for p in &run.policies {
            let applies = m.applies_to(&run.scenario.policies[p.index]);
            let text = cell(m, p.metric(m), cur, applies, (" <small>(", ")</small>"));
            h.push_str(&format!(
                "<td class=\"num\">{}</td>",
                escape_keep_small(&text)
            ));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// Escapes a cell built from our own numbers, keeping its `<small>` tags.
fn escape_keep_small(cell: &str) -> String {
    escape(cell)
        .replace("&lt;small&gt;", "<small>")
        .replace("&lt;/small&gt;", "</small>")
}

fn causes_table(run: &RunData) -> String {
    let cur = run.currency();
    let mut h = String::from("<table><thead><tr><th>value lost by the baseline (95% CI)</th>");
    for c in &run.comparisons {
        h.push_str(&format!(
            "<th class=\"num\"><span class=\"swatch\" style=\"background:{}\"></span>{} against {}</th>",
            hex(c.policy_index),
            escape(c.baseline),
            escape(c.policy)
        ));
    }
    h.push_str("</tr></thead><tbody>");
    let cell = |s: &super::data::Stat| {
        escape_keep_small(&format!(
            "{} <small>({})</small>",
            money(s.mean, cur),
            interval(s.ci95[0], s.ci95[1], Some(cur))
        ))
    };
    h.push_str("<tr><td><b>total</b></td>");
    for c in &run.comparisons {
        h.push_str(&format!(
            "<td class=\"num\"><b>{}</b></td>",
            cell(c.npv_difference)
        ));
    }
    h.push_str("</tr>");
    let causes = run.comparisons.first().map_or(&[][..], |c| c.by_cause);
    for (i, (cause, _)) in causes.iter().enumerate() {
        h.push_str(&format!("<tr><td>{}</td>", escape(cause.label())));
        for c in &run.comparisons {
            h.push_str(&format!(
                "<td class=\"num\">{}</td>",
                cell(&c.by_cause[i].1)
            ));
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table>");
    h
}

/// "What each segment is worth": per segment, its NPV per customer at the
/// start, then every segment metric, under each policy.
fn segments_table(run: &RunData) -> String {
    let cur = run.currency();
    let mut h = String::from("<table><thead><tr><th>segment: mean (95% CI)</th>");
    for p in &run.policies {
        h.push_str(&format!(
            "<th class=\"num\"><span class=\"swatch\" style=\"background:{}\"></span>{}</th>",
            hex(p.index),
            escape(p.name)
        ));
    }
    h.push_str("</tr></thead><tbody>");
    let reported: Vec<_> = run
        .segments
        .first()
        .map_or_else(Vec::new, |s| s.policies[0].stats.keys().copied().collect());
    for seg in &run.segments {
        h.push_str(&format!(
            "<tr><td><b>{}</b>: {}</td>",
            escape(&segment_label(&seg.name, seg.share)),
            escape(PER_CUSTOMER)
        ));
        for sp in &seg.policies {
            let small = (" <small>(", ")</small>");
            let cell = sp.per_customer.map_or_else(
                || "—".to_owned(),
                |r| mean_and_interval(r.mean, r.ci95, Some(cur), small),
            );
            h.push_str(&format!(
                "<td class=\"num\"><b>{}</b></td>",
                escape_keep_small(&cell)
            ));
        }
        h.push_str("</tr>");
        for (m, label) in segment_rows(&reported) {
            h.push_str(&format!("<tr><td>&nbsp;&nbsp;{}</td>", escape(label)));
            for sp in &seg.policies {
                let cell = sp.stat(m).map_or_else(String::new, |s| {
                    let currency = m.is_money().then_some(cur);
                    mean_and_interval(s.mean, s.ci95, currency, (" <small>(", ")</small>"))
                });
                h.push_str(&format!(
                    "<td class=\"num\">{}</td>",
                    escape_keep_small(&cell)
                ));
            }
            h.push_str("</tr>");
        }
    }
    h.push_str("</tbody></table>");
    h
}

fn hex(index: usize) -> String {
    let c = policy_colour(index);
    format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
}

/// An inline SVG figure, labelled for screen readers.
fn figure(chart: &Rendered, folder: &str) -> String {
    let svg = chart.svg.trim_start_matches(|c: char| c != '<');
    let svg = svg
        .strip_prefix("<?xml")
        .and_then(|rest| rest.split_once("?>").map(|(_, s)| s.trim_start()))
        .unwrap_or(svg);
    let labelled = svg.replacen(
        "<svg ",
        &format!("<svg role=\"img\" aria-label=\"{}\" ", escape(&chart.title)),
        1,
    );
    format!(
        "<figure id=\"{}\">{labelled}<figcaption>{} — {folder}{}.png, {folder}{}.svg</figcaption></figure>\n",
        escape(&chart.stem),
        escape(&chart.title),
        escape(&chart.stem),
        escape(&chart.stem)
    )
}

fn method(run: &RunData) -> String {
    let s = &run.scenario;
    let desk = s.has_desk();
    let mut lines = vec![
        format!(
            "{} simulated people on a social network; some are customers, the rest prospects.",
            count(run.people)
        ),
        format!(
            "Each {}, every customer has an experience; a problem leads to silence or a complaint, which the policy ignores or resolves; the outcome sets whether the customer stays and what story they tell, and to how many contacts.",
            s.period_label
        ),
        format!(
            "Stories are retold for up to {} hops; each hearing may deter a prospect, win a referral or make a customer leave.",
            s.word_of_mouth.max_hops
        ),
        format!(
            "Value is the discounted margin of the customers kept, minus handling and compensation{}; the difference between two policies splits exactly into the causes shown.",
            if desk { " and the agents' pay" } else { "" }
        ),
        format!(
            "{} replications with common random numbers: every policy faces the same customers, problems and contacts, so differences are measured precisely (seed {}).",
            count(run.replications),
            run.seed
        ),
    ];
    if desk {
        lines.insert(
            2,
            format!(
                "A desk's complaints arrive at random moments of their {} and wait, first come first served, for the first free agent while the desk is open (work not started carries over); a resolution is quick when the answer came within the complainer's patience.",
                s.period_label
            ),
        );
    }
    let items: String = lines
        .iter()
        .map(|l| format!("<li>{}</li>", escape(l)))
        .collect();
    format!("<ol class=\"method\">{items}</ol>")
}

/// The whole page.
pub fn page(run: &RunData, charts: &[Rendered], story: Option<&super::TracedStory<'_>>) -> String {
    let s = &run.scenario;
    let mut h = String::with_capacity(200_000 + charts.iter().map(|c| c.svg.len()).sum::<usize>());
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!(
        "<title>{} — word of mouth report</title>\n",
        escape(&s.name)
    ));
    h.push_str(&format!("<style>{CSS}</style>\n</head>\n<body>\n"));
    h.push_str(&format!(
        "<header><h1>{}</h1><p class=\"lede\">Scenario {}{}</p></header>\n",
        escape(&findings::value_lost(run)),
        escape(&s.name),
        if s.description.is_empty() {
            String::new()
        } else {
            format!(": {}", escape(&s.description))
        }
    ));
    for line in run.headlines {
        h.push_str(&format!("<p class=\"headline\">{}</p>\n", escape(line)));
    }
    for line in &run.warnings {
        h.push_str(&format!("<p class=\"warning\">{}</p>\n", escape(line)));
    }
    h.push_str("<h2>Assumptions</h2>\n<table><thead><tr><th>assumption</th><th>value</th><th>source</th></tr></thead><tbody>\n");
    for a in assumptions(run) {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td class=\"src\">{}</td></tr>\n",
            escape(&a.what),
            escape(&a.value),
            escape(&a.source)
        ));
    }
    h.push_str(&format!(
        "</tbody></table>\n<p class=\"lede\">\"this scenario\": set in {}, whose comments give the reason for each number. Every default, its number and its source are described in wom's docs/model.md; the sources themselves in docs/references.md.</p>\n",
        escape(if run.scenario_file.is_empty() { "the scenario file" } else { run.scenario_file })
    ));
    h.push_str(&format!(
        "<h2>Results over {}</h2>\n{}\n",
        escape(&run.horizon()),
        results_table(run)
    ));
    if !run.comparisons.is_empty() {
        h.push_str(&format!(
            "<h2>Where the value goes</h2>\n{}\n",
            causes_table(run)
        ));
    }
    if !run.segments.is_empty() {
        h.push_str(&format!(
            "<h2>What each segment is worth</h2>\n<p class=\"lede\">{}. A segment's NPV is the margin its members brought minus the handling, compensation and refunds they caused, discounted; per customer, it is divided by the members who were customers at the start.</p>\n{}\n",
            escape(&findings::segment_worth(run)),
            segments_table(run)
        ));
    }
    h.push_str("<section class=\"charts\"><h2>Charts</h2>\n<div class=\"grid\">\n");
    for c in charts {
        h.push_str(&figure(c, "charts/"));
    }
    h.push_str("</div></section>\n");
    if let Some(story) = story {
        h.push_str(&format!(
            "<section class=\"story\"><h2>One story, traced</h2>\n<p class=\"lede\">{}</p>\n{}</section>\n",
            escape(&story.caption),
            figure(story.picture, "")
        ));
    }
    h.push_str("<h2>Method</h2>\n");
    h.push_str(&method(run));
    h.push_str(&format!(
        "\n<footer>wom {} · seed {} · {} replications · scenario file {} · drawn from summary.json, periods.csv, replications.csv and metadata.json</footer>\n</body>\n</html>\n",
        escape(run.version),
        run.seed,
        count(run.replications),
        escape(run.scenario_file)
    ));
    h
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape(r#"<b>"Tom's" & co</b>"#),
            "&lt;b&gt;&quot;Tom&#39;s&quot; &amp; co&lt;/b&gt;"
        );
        assert_eq!(escape("a\0b\u{1b}[2J\nc"), "a\u{FFFD}b\u{FFFD}[2J\nc");
        assert_eq!(escape("−$5"), "−\u{2060}$5");
    }
}
