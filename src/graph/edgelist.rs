//! Reading and writing networks as edge lists, as people have them: one
//! edge a line, its two nodes separated by a comma, a tab or spaces (what
//! networkx's `write_edgelist`, Gephi's CSV export, a CRM export or a SNAP
//! file write); `#` (or `%`) comments and blank lines ignored; an optional
//! header line (`source,target`, `from,to`, `u,v`, `node1,node2`, any
//! case), whose further columns (`weight`, `type`, …) are ignored, as are
//! further fields on any line (weights, timestamps). A field may be
//! wrapped in double quotes.
//!
//! A node is named by any token. A token that is a non-negative integer is
//! a node id compared as a number (`007` and `7` are one node), so integer
//! files are read exactly as before; nodes get dense ids in order of first
//! appearance. The names are kept ([`LoadedGraph::names`]) so traces,
//! customer lists and per-person output name people as the file does.

use super::{BuildCounts, Graph, GraphError, NodeId};
use std::collections::HashMap;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Header lines recognised (first two fields, compared without case).
const HEADERS: [(&str, &str); 5] = [
    ("source", "target"),
    ("from", "to"),
    ("u", "v"),
    ("node1", "node2"),
    ("src", "dst"),
];

/// An edge-list problem, naming the source and line.
#[derive(Debug, Error)]
pub enum EdgeListError {
    /// A line that is not two node names.
    #[error("{}:{line}: {message} (found {found:?}); expected two node names a line (`u v`, `u,v` or `u<TAB>v`), optionally after a `source,target` header", source_name.display())]
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
    /// `names[dense]` is the node's name in the file (an integer id in its
    /// decimal form).
    pub names: Vec<String>,
    /// Self loops and duplicate edges dropped.
    pub counts: BuildCounts,
    /// Lines with an edge.
    pub edge_lines: u64,
    /// The header's columns after the two nodes, ignored (empty without a
    /// header or with a two-column one).
    pub ignored_columns: Vec<String>,
}

impl LoadedGraph {
    /// Maps the file's node names to dense ids. `O(nodes)`.
    pub fn name_map(&self) -> HashMap<&str, NodeId> {
        self.names
            .iter()
            .enumerate()
            .map(|(dense, name)| (name.as_str(), dense as NodeId))
            .collect()
    }

    /// A note for people about what was ignored, if anything.
    pub fn note(&self) -> Option<String> {
        (!self.ignored_columns.is_empty()).then(|| {
            format!(
                "the header's column{} {} ignored: the network's edges are unweighted",
                if self.ignored_columns.len() == 1 {
                    ""
                } else {
                    "s"
                },
                self.ignored_columns
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
                    + if self.ignored_columns.len() == 1 {
                        " is"
                    } else {
                        " are"
                    }
            )
        })
    }
}

/// A node's name as the file writes it: an integer token in its decimal
/// form (so `007` is `7`), anything else as it is.
pub fn canonical_name(token: &str) -> String {
    match token.parse::<u64>() {
        Ok(id) => id.to_string(),
        Err(_) => token.to_owned(),
    }
}

/// The fields of a line: split at commas if it has one, else at tabs and
/// spaces; each trimmed and without surrounding double quotes.
pub fn fields(content: &str) -> Vec<&str> {
    if content.contains(',') {
        content.split(',').map(unquote).collect()
    } else {
        content.split_whitespace().map(unquote).collect()
    }
}

/// A field trimmed and without surrounding double quotes.
fn unquote(f: &str) -> &str {
    let f = f.trim();
    f.strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(f)
}

/// Whether the first two fields are a header's.
fn is_header(fields: &[&str]) -> bool {
    let (Some(a), Some(b)) = (fields.first(), fields.get(1)) else {
        return false;
    };
    HEADERS
        .iter()
        .any(|(x, y)| a.eq_ignore_ascii_case(x) && b.eq_ignore_ascii_case(y))
}

/// Reads an edge list; `source_name` is used in error messages only.
///
/// # Errors
/// [`EdgeListError`] naming the source and the line of the first problem.
pub fn read(reader: impl BufRead, source_name: &Path) -> Result<LoadedGraph, EdgeListError> {
    let mut names: Vec<String> = Vec::new();
    let mut dense: HashMap<String, NodeId> = HashMap::new();
    let mut edges: Vec<(NodeId, NodeId)> = Vec::new();
    let mut ignored_columns = Vec::new();
    let mut line_no = 0u64;
    let mut first_content = true;
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
        let fields = fields(content);
        if std::mem::take(&mut first_content) && is_header(&fields) {
            ignored_columns = fields[2..]
                .iter()
                .filter(|f| !f.is_empty())
                .map(|f| (*f).to_owned())
                .collect();
            continue;
        }
        let (Some(&a), Some(&b)) = (fields.first(), fields.get(1)) else {
            return Err(malformed(line_no, "a line needs two node names", content));
        };
        let mut node = |text: &str| -> Result<NodeId, EdgeListError> {
            if text.is_empty() {
                return Err(malformed(line_no, "a node name is empty", content));
            }
            let name = canonical_name(text);
            if let Some(&d) = dense.get(&name) {
                return Ok(d);
            }
            let d = NodeId::try_from(names.len()).map_err(|_| EdgeListError::TooManyNodes {
                source_name: source_name.to_path_buf(),
                line: line_no,
            })?;
            names.push(name.clone());
            dense.insert(name, d);
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
        Graph::from_edges(names.len() as u32, &edges).map_err(|error| EdgeListError::Graph {
            source_name: source_name.to_path_buf(),
            error,
        })?;
    Ok(LoadedGraph {
        graph,
        names,
        counts,
        edge_lines,
        ignored_columns,
    })
}

/// Writes `graph` as an edge list (each edge once, `u < v`), with a comment
/// header. `names`, when given, maps dense ids back to the file's names.
///
/// # Errors
/// Any write error.
pub fn write(
    graph: &Graph,
    names: Option<&[String]>,
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
    for (u, v) in graph.edges() {
        match names {
            Some(names) => writeln!(out, "{} {}", names[u as usize], names[v as usize])?,
            None => writeln!(out, "{u} {v}")?,
        }
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
        assert_eq!(g.names, vec!["10", "20", "30"]);
        assert_eq!((g.counts.self_loops, g.counts.duplicates), (1, 1));
        assert_eq!(g.name_map()["30"], 2);
        assert!(g.note().is_none());
    }

    #[test]
    fn integer_ids_compare_as_numbers() {
        let g = parse("007 8\n7 9\n").unwrap();
        assert_eq!(g.names, vec!["7", "8", "9"]);
        assert_eq!(g.graph.edge_count(), 2);
    }

    #[test]
    fn names_headers_and_separators() {
        // networkx write_edgelist (spaces, a data dict), Gephi CSV, tabs.
        for text in [
            "alice bob {'weight': 2}\nbob carol {}\ncarol alice {}\n",
            "Source,Target,Type,Weight\nalice,bob,Undirected,1\nbob,carol,Undirected,1\n\"carol\",\"alice\",Undirected,2\n",
            "source\ttarget\nalice\tbob\nbob\tcarol\ncarol\talice\n",
        ] {
            let g = parse(text).unwrap();
            assert_eq!(g.names, vec!["alice", "bob", "carol"], "{text:?}");
            assert_eq!(g.graph.edge_count(), 3, "{text:?}");
        }
        let gephi = parse("Source,Target,Type,Weight\na,b,Undirected,1\n").unwrap();
        assert_eq!(gephi.ignored_columns, vec!["Type", "Weight"]);
        let note = gephi.note().unwrap();
        assert!(note.contains("`Type`, `Weight` are ignored"), "{note}");
        let plain = parse("source,target\na,b\n").unwrap();
        assert!(plain.note().is_none());
    }

    #[test]
    fn errors_name_file_and_line() {
        for (text, needle) in [
            ("1 2\n3\n", "net.txt:2: a line needs two node names"),
            ("a,b\n,c\n", "net.txt:2: a node name is empty"),
            ("source,target\n", "no edges"),
            ("# only comments\n", "no edges"),
        ] {
            let message = parse(text).unwrap_err().to_string();
            assert!(message.contains(needle), "{message:?} lacks {needle:?}");
        }
    }

    #[test]
    fn write_then_read_round_trips() {
        for text in ["5 7\n7 9\n9 5\n1 5\n", "x,y\ny,z\nz,x\nw,x\n"] {
            let g = parse(text).unwrap();
            let mut buf = Vec::new();
            write(&g.graph, Some(&g.names), "test", &mut buf).unwrap();
            let back = parse(std::str::from_utf8(&buf).unwrap()).unwrap();
            assert_eq!(back.graph.edge_count(), 4);
            let pairs = |l: &LoadedGraph| {
                let mut v: Vec<(String, String)> = l
                    .graph
                    .edges()
                    .map(|(u, v)| (l.names[u as usize].clone(), l.names[v as usize].clone()))
                    .map(|(u, v)| if u < v { (u, v) } else { (v, u) })
                    .collect();
                v.sort();
                v
            };
            assert_eq!(pairs(&g), pairs(&back));
        }
    }
}
