//! Lists of a network's nodes in a file — a cascade's seed nodes, a
//! business's customers, people's segments — read against the network's
//! names.

use crate::present::bad_input;
use anyhow::Result;
use std::collections::HashMap;
use std::path::Path;
use wom::graph::{NodeId, edgelist};

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
    let map: Option<HashMap<&str, NodeId>> = names.map(|names| {
        names
            .iter()
            .enumerate()
            .map(|(d, name)| (name.as_str(), d as NodeId))
            .collect()
    });
    let mut nodes = Vec::new();
    let mut seen: HashMap<NodeId, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let content = line.split('#').next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let at = format!("{}:{}", path.display(), i + 1);
        let words: Vec<&str> = content
            .split([',', '\t', ' '])
            .filter(|w| !w.is_empty())
            .collect();
        if words.len() != 1 {
            return Err(bad_input(format!(
                "{at}: {content:?} is not one node; expected one node name or id a line"
            )));
        }
        let word = words[0].trim_matches('"');
        let dense = match &map {
            Some(map) => *map
                .get(edgelist::canonical_name(word).as_str())
                .ok_or_else(|| bad_input(format!("{at}: node {word} is not in the network")))?,
            None => match word.parse::<u64>() {
                Ok(id) if id < u64::from(n) => id as NodeId,
                _ => {
                    return Err(bad_input(format!(
                        "{at}: node {word} is not in the network (ids 0 to {})",
                        n.saturating_sub(1)
                    )));
                }
            },
        };
        if let Some(first) = seen.insert(dense, i + 1) {
            return Err(bad_input(format!(
                "{at}: node {word} is listed twice (first on line {first})"
            )));
        }
        nodes.push((dense, i + 1));
    }
    Ok(nodes)
}
