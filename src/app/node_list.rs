//! Lists of a network's nodes in a file — a cascade's seed nodes, a
//! business's customers, people's segments — read against the network's
//! names.

use crate::present::bad_input;
use anyhow::Result;
use std::collections::HashMap;
use std::path::Path;
use wom::graph::{NodeId, edgelist};
use wom::scenario::closest;

/// A network's nodes by name (`names`, as in the edge list) or, for a
/// generated network, by their ids `0..n`.
struct Nodes<'a> {
    map: Option<HashMap<&'a str, NodeId>>,
    names: Option<&'a [String]>,
    n: u32,
}

impl<'a> Nodes<'a> {
    fn new(names: Option<&'a [String]>, n: u32) -> Self {
        let map = names.map(|names| {
            names
                .iter()
                .enumerate()
                .map(|(d, name)| (name.as_str(), d as NodeId))
                .collect()
        });
        Self { map, names, n }
    }

    /// The dense id of `word`, or why it is not a node (`at` leads).
    fn find(&self, word: &str, at: &str) -> Result<NodeId> {
        let Some(map) = &self.map else {
            return match word.parse::<u64>() {
                Ok(id) if id < u64::from(self.n) => Ok(id as NodeId),
                _ => Err(bad_input(format!(
                    "{at}node {word} is not in the network (ids 0 to {})",
                    self.n.saturating_sub(1)
                ))),
            };
        };
        if let Some(&d) = map.get(edgelist::canonical_name(word).as_str()) {
            return Ok(d);
        }
        let names = self.names.unwrap_or_default().iter().map(String::as_str);
        let hint = closest(word, names).map_or(String::new(), |c| format!("; did you mean {c}?"));
        Err(bad_input(format!(
            "{at}node {word} is not in the network{hint}"
        )))
    }

    /// How person `d` is named in messages.
    fn name(&self, d: usize) -> String {
        self.names
            .and_then(|names| names.get(d).cloned())
            .unwrap_or_else(|| d.to_string())
    }
}

/// The dense id of the node `word` names: a name of the edge list
/// (`names`), or an id `0..n` of a generated network. Unknown, it is bad
/// input naming `what` (e.g. `--person`) and the closest name.
///
/// # Errors
/// Bad input as above.
pub fn resolve_node(word: &str, what: &str, names: Option<&[String]>, n: u32) -> Result<NodeId> {
    Nodes::new(names, n).find(word, &format!("{what}: "))
}

/// The nodes a list names (a seed file, a customer list), one a line with
/// `#` comments and blank lines ignored, each with its 1-based line: names
/// as in the edge list (`names`), or dense ids `0..n` for a generated
/// network. An unknown node, a node listed twice, or a line of more than
/// one field is bad input naming `path` and the line.
///
/// # Errors
/// Bad input as above.
pub fn resolve_nodes(
    text: &str,
    path: &Path,
    names: Option<&[String]>,
    n: u32,
) -> Result<Vec<(NodeId, usize)>> {
    let nodes = Nodes::new(names, n);
    let mut out = Vec::new();
    let mut seen: HashMap<NodeId, usize> = HashMap::new();
    for (i, content) in content_lines(text) {
        let at = format!("{}:{}: ", path.display(), i + 1);
        let words: Vec<&str> = content
            .split([',', '\t', ' '])
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() != 1 {
            return Err(bad_input(format!(
                "{at}{content:?} is not one node; expected one node name or id a line"
            )));
        }
        let word = words[0].trim_matches('"');
        let dense = nodes.find(word, &at)?;
        if let Some(first) = seen.insert(dense, i + 1) {
            return Err(bad_input(format!(
                "{at}node {word} is listed twice (first on line {first})"
            )));
        }
        out.push((dense, i + 1));
    }
    Ok(out)
}

/// Each person's segment (an index into `segments`, one per person in id
/// order) from `node,segment` rows (`population.segments = { file = … }`):
/// comma, tab or space separated, `#` comments and blank lines ignored,
/// and a first row `node,segment` taken as a header. An unknown node or
/// segment, a node listed twice, a row that is not two fields, or a
/// person of the network left without a segment is bad input naming
/// `path` (and the line).
///
/// # Errors
/// Bad input as above.
pub fn resolve_segments(
    text: &str,
    path: &Path,
    names: Option<&[String]>,
    n: u32,
    segments: &[&str],
) -> Result<Vec<u8>> {
    let nodes = Nodes::new(names, n);
    let mut line_of: Vec<usize> = vec![0; n as usize];
    let mut out: Vec<u8> = vec![0; n as usize];
    for (row, (i, content)) in content_lines(text).enumerate() {
        let at = format!("{}:{}: ", path.display(), i + 1);
        let fields = edgelist::fields(content);
        let header = |f: &[&str]| {
            f.len() == 2
                && f[0].eq_ignore_ascii_case("node")
                && f[1].eq_ignore_ascii_case("segment")
        };
        if row == 0 && header(&fields) && !segments.contains(&fields[1]) {
            continue;
        }
        let [node, segment] = fields[..] else {
            return Err(bad_input(format!(
                "{at}{content:?} is not a node and a segment; expected `node,segment` rows (a node name or id of the network, a segment name)"
            )));
        };
        let dense = nodes.find(node, &at)?;
        let Some(g) = segments.iter().position(|s| *s == segment) else {
            let quoted: Vec<String> = segments.iter().map(|s| format!("{s:?}")).collect();
            let hint = closest(segment, segments.iter().copied())
                .map_or(String::new(), |c| format!("; did you mean {c:?}?"));
            return Err(bad_input(format!(
                "{at}segment {segment:?} of node {node} is not one of the scenario's segments ({}){hint}",
                quoted.join(", ")
            )));
        };
        let first = &mut line_of[dense as usize];
        if *first != 0 {
            return Err(bad_input(format!(
                "{at}node {node} is listed twice (first on line {first})"
            )));
        }
        *first = i + 1;
        // At most MAX_SEGMENTS (16) segments, so the index fits.
        out[dense as usize] = g as u8;
    }
    let missing: Vec<usize> = (0..n as usize).filter(|&d| line_of[d] == 0).collect();
    if let Some(&d) = missing.first() {
        return Err(bad_input(format!(
            "{}: {} of the network's {} people have no segment (the first is node {}); list every node of the network with its segment",
            path.display(),
            missing.len(),
            n,
            nodes.name(d)
        )));
    }
    Ok(out)
}

/// The lines with content: `#` comments cut, trimmed, blank ones left out,
/// each with its 0-based index.
fn content_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines().enumerate().filter_map(|(i, line)| {
        let content = line.split('#').next().unwrap_or("").trim();
        (!content.is_empty()).then_some((i, content))
    })
}
