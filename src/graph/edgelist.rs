//! Reading and writing networks as edge lists: one `u v` pair a line,
//! whitespace separated, `#` (or `%`) comments and blank lines ignored, node
//! ids any non-negative integers, remapped densely in order of first
//! appearance. Further columns on a line (weights, timestamps, as in SNAP or
//! KONECT files) are ignored.

use super::{BuildCounts, Graph, GraphError, NodeId};
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// An edge-list problem, naming the source and line.
#[derive(Debug, Error)]
pub enum EdgeListError {
    /// A line that is not `u v` with non-negative integer ids.
    #[error("{}:{line}: {message} (found {found:?}); expected `u v` with non-negative integer node ids", source_name.display())]
    Malformed {
        /// The file.
        source_name: PathBuf,
        /// 1-based line number.
        line: u64,
        /// What is wrong.
        message: &'static str,
        /// The offending text (truncated).
        found: String,
    },
    /// More distinct nodes than `u32` ids allow.
    #[error("{}:{line}: more than {} distinct nodes", source_name.display(), u32::MAX)]
    TooManyNodes {
        /// The file.
        source_name: PathBuf,
        /// 1-based line number.
        line: u64,
    },
    /// The file holds no edge.
    #[error("{}: no edges found (every line is blank or a comment)", source_name.display())]
    Empty {
        /// The file.
        source_name: PathBuf,
    },
    /// Reading failed.
    #[error("{}: read failed: {error}", source_name.display())]
    Io {
        /// The file.
        source_name: PathBuf,
        /// The cause.
        #[source]
        error: io::Error,
    },
    /// The graph could not be built.
    #[error("{}: {error}", source_name.display())]
    Graph {
        /// The file.
        source_name: PathBuf,
        /// The cause.
        #[source]
        error: GraphError,
    },
}

/// A network read from an edge list.
#[derive(Debug, Clone)]
pub struct LoadedGraph {
    /// The graph on dense ids.
    pub graph: Graph,
    /// `ids[dense]` is the node's id in the file.
    pub ids: Vec<u64>,
    /// Self loops and duplicate edges dropped.
    pub counts: BuildCounts,
    /// Lines with an edge.
    pub edge_lines: u64,
}

impl LoadedGraph {
    /// Maps the file's node ids to dense ids. `O(nodes)`.
    pub fn id_map(&self) -> HashMap<u64, NodeId> {
        self.ids
            .iter()
            .enumerate()
            .map(|(dense, &id)| (id, dense as NodeId))
            .collect()
    }
}

/// Reads an edge list; `source_name` is used in error messages only.
///
/// # Errors
/// [`EdgeListError`] naming the source and the line of the first problem.
pub fn read(reader: impl BufRead, source_name: &Path) -> Result<LoadedGraph, EdgeListError> {
    let mut ids: Vec<u64> = Vec::new();
    let mut dense: HashMap<u64, NodeId> = HashMap::new();
    let mut edges: Vec<(NodeId, NodeId)> = Vec::new();
    let mut line_no = 0u64;
    let malformed = |line: u64, message: &'static str, text: &str| EdgeListError::Malformed {
        source_name: source_name.to_path_buf(),
        line,
        message,
        found: text.chars().take(60).collect(),
    };
    for line in reader.lines() {
        line_no += 1;
        let line = line.map_err(|error| EdgeListError::Io {
            source_name: source_name.to_path_buf(),
            error,
        })?;
        let content = line.split(['#', '%']).next().unwrap_or("").trim();
        if content.is_empty() {
            continue;
        }
        let mut fields = content.split_whitespace();
        let (Some(a), Some(b)) = (fields.next(), fields.next()) else {
            return Err(malformed(line_no, "a line needs two node ids", content));
        };
        let mut node = |text: &str| -> Result<NodeId, EdgeListError> {
            let id: u64 = text
                .parse()
                .map_err(|_| malformed(line_no, "node id is not a non-negative integer", text))?;
            if let Some(&d) = dense.get(&id) {
                return Ok(d);
            }
            let d = NodeId::try_from(ids.len()).map_err(|_| EdgeListError::TooManyNodes {
                source_name: source_name.to_path_buf(),
                line: line_no,
            })?;
            ids.push(id);
            dense.insert(id, d);
            Ok(d)
        };
        let u = node(a)?;
        let v = node(b)?;
        edges.push((u, v));
    }
    if edges.is_empty() {
        return Err(EdgeListError::Empty {
            source_name: source_name.to_path_buf(),
        });
    }
    let edge_lines = edges.len() as u64;
    let (graph, counts) =
        Graph::from_edges(ids.len() as u32, &edges).map_err(|error| EdgeListError::Graph {
            source_name: source_name.to_path_buf(),
            error,
        })?;
    Ok(LoadedGraph {
        graph,
        ids,
        counts,
        edge_lines,
    })
}

/// Writes `graph` as an edge list (each edge once, `u < v`), with a comment
/// header. `ids`, when given, maps dense ids back to the file's ids.
///
/// # Errors
/// Any write error.
pub fn write(
    graph: &Graph,
    ids: Option<&[u64]>,
    header: &str,
    mut out: impl Write,
) -> io::Result<()> {
    for line in header.lines() {
        writeln!(out, "# {line}")?;
    }
    writeln!(
        out,
        "# nodes {} edges {}",
        graph.node_count(),
        graph.edge_count()
    )?;
    let name = |u: NodeId| ids.map_or(u64::from(u), |ids| ids[u as usize]);
    for (u, v) in graph.edges() {
        writeln!(out, "{} {}", name(u), name(v))?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<LoadedGraph, EdgeListError> {
        read(text.as_bytes(), Path::new("net.txt"))
    }

    #[test]
    fn reads_comments_blank_lines_and_sparse_ids() {
        let g = parse("# a comment\n\n10 20\n20 30 0.5\n30 10 # trailing\n10 10\n20 10\n").unwrap();
        assert_eq!(g.graph.node_count(), 3);
        assert_eq!(g.graph.edge_count(), 3);
        assert_eq!(g.ids, vec![10, 20, 30]);
        assert_eq!((g.counts.self_loops, g.counts.duplicates), (1, 1));
        assert_eq!(g.id_map()[&30], 2);
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, needle) in [
            ("1 2\n3\n", "net.txt:2: a line needs two node ids"),
            (
                "1 2\n\n1 -4\n",
                "net.txt:3: node id is not a non-negative integer",
            ),
            ("1 x\n", "net.txt:1:"),
            ("# only comments\n", "no edges"),
        ] {
            let message = parse(text).unwrap_err().to_string();
            assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        }
    }

    #[test]
    fn write_then_read_round_trips() {
        let g = parse("5 7\n7 9\n9 5\n1 5\n").unwrap();
        let mut buf = Vec::new();
        write(&g.graph, Some(&g.ids), "test", &mut buf).unwrap();
        let back = parse(std::str::from_utf8(&buf).unwrap()).unwrap();
        assert_eq!(back.graph.edge_count(), 4);
        let mut a: Vec<_> = g
            .graph
            .edges()
            .map(|(u, v)| (g.ids[u as usize], g.ids[v as usize]))
            .map(|(u, v)| (u.min(v), u.max(v)))
            .collect();
        let mut b: Vec<_> = back
            .graph
            .edges()
            .map(|(u, v)| (back.ids[u as usize], back.ids[v as usize]))
            .map(|(u, v)| (u.min(v), u.max(v)))
            .collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
    }
}
