//! A reader that holds an input file to what it must be while it is read:
//! UTF-8 (the first bad byte named with its line), lines of bounded length
//! (a file of NUL bytes is refused after its first long line instead of
//! being held whole), and the same file from the first byte to the last —
//! as many bytes as it had when it was opened and, at its end, the same
//! length and modification time — so a file that shrinks, grows or is
//! rewritten while being read is refused, never used as read.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The longest line of a text input wom reads line by line (result CSVs,
/// edge lists): far above any line wom writes.
pub const MAX_LINE_BYTES: usize = 1 << 20;

/// What the file was when it was opened.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Identity {
    len: u64,
    modified: Option<SystemTime>,
}

impl Identity {
    fn of(meta: &fs::Metadata) -> Self {
        Identity {
            len: meta.len(),
            modified: meta.modified().ok(),
        }
    }
}

/// A file being read, checked as it goes (see the module's comment).
#[derive(Debug)]
pub struct Guarded {
    file: fs::File,
    path: PathBuf,
    what: String,
    opened: Identity,
    read: u64,
    line: u64,
    line_len: usize,
    max_line: usize,
    /// The first bytes of a UTF-8 sequence cut by the end of a read.
    carry: Vec<u8>,
    done: bool,
}

impl Guarded {
    /// Wraps `file`, opened from `path`, whose metadata is `meta`.
    pub fn new(file: fs::File, meta: &fs::Metadata, path: &Path, what: &str) -> Self {
        Guarded {
            file,
            path: path.to_path_buf(),
            what: what.to_owned(),
            opened: Identity::of(meta),
            read: 0,
            line: 1,
            line_len: 0,
            max_line: MAX_LINE_BYTES,
            carry: Vec::new(),
            done: false,
        }
    }

    /// Allows lines of any length (a JSON file, read whole and bounded by
    /// its size).
    pub fn any_line_length(mut self) -> Self {
        self.max_line = usize::MAX;
        self
    }

    fn refuse(&self, why: String) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} {}: {why}", self.what, self.path.display()),
        )
    }

    fn changed(&self) -> io::Error {
        self.refuse(format!(
            "the file changed while it was read ({} bytes when opened, {} read); read it again once nothing is writing it",
            self.opened.len, self.read
        ))
    }

    /// Checks `chunk`, the next bytes of the file.
    fn check(&mut self, chunk: &[u8]) -> io::Result<()> {
        let mut rest = chunk;
        if !self.carry.is_empty() {
            let need = sequence_len(self.carry[0]).saturating_sub(self.carry.len());
            let take = need.min(rest.len());
            self.carry.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if take < need {
                return Ok(());
            }
            if std::str::from_utf8(&self.carry).is_err() {
                return Err(self.not_utf8(self.carry[0], 0));
            }
            self.line_len += self.carry.len();
            self.carry.clear();
        }
        let valid = match std::str::from_utf8(rest) {
            Ok(_) => rest.len(),
            Err(e) => e.valid_up_to(),
        };
        self.count_lines(&rest[..valid])?;
        if valid < rest.len() {
            let tail = &rest[valid..];
            let incomplete = tail.len() < sequence_len(tail[0])
                && std::str::from_utf8(tail).is_err_and(|e| e.error_len().is_none());
            if !incomplete {
                return Err(self.not_utf8(tail[0], 0));
            }
            self.carry = tail.to_vec();
        }
        Ok(())
    }

    fn count_lines(&mut self, text: &[u8]) -> io::Result<()> {
        for piece in text.split_inclusive(|b| *b == b'\n') {
            self.line_len += piece.len();
            if self.line_len > self.max_line {
                return Err(self.refuse(format!(
                    "line {} is longer than {} bytes; no file wom reads has such lines",
                    self.line, self.max_line
                )));
            }
            if piece.ends_with(b"\n") {
                self.line += 1;
                self.line_len = 0;
            }
        }
        Ok(())
    }

    fn not_utf8(&self, byte: u8, _: usize) -> io::Error {
        self.refuse(format!(
            "line {}: byte 0x{byte:02X} is not UTF-8 text (save the file as UTF-8)",
            self.line
        ))
    }

    /// At the end of the file: nothing cut short, and the file is still
    /// what it was when opened.
    fn finish(&mut self) -> io::Result<()> {
        if !self.carry.is_empty() {
            return Err(self.not_utf8(self.carry[0], 0));
        }
        let now = self.file.metadata().map(|m| Identity::of(&m))?;
        if self.read != self.opened.len || now != self.opened {
            return Err(self.changed());
        }
        self.done = true;
        Ok(())
    }
}

/// The length of the UTF-8 sequence that starts with `first`.
fn sequence_len(first: u8) -> usize {
    match first {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

impl Read for Guarded {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let n = self.file.read(buf)?;
        if n == 0 {
            self.finish()?;
            return Ok(0);
        }
        self.read += n as u64;
        if self.read > self.opened.len {
            return Err(self.changed());
        }
        self.check(&buf[..n])?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(bytes: &[u8], max_line: usize) -> Result<Vec<u8>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        fs::write(&path, bytes).unwrap();
        let file = fs::File::open(&path).unwrap();
        let meta = file.metadata().unwrap();
        let mut g = Guarded::new(file, &meta, &path, "result file");
        g.max_line = max_line;
        // Small reads, so UTF-8 sequences are cut at every position.
        let mut out = Vec::new();
        let mut buf = [0u8; 3];
        loop {
            match g.read(&mut buf) {
                Ok(0) => return Ok(out),
                Ok(n) => out.extend_from_slice(&buf[..n]),
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 64, failure_persistence: None, ..Default::default() })]

        /// Any UTF-8 text comes through whole, and the same text cut
        /// short at any byte after the guard was set up is refused.
        #[test]
        fn text_reads_whole_and_a_file_cut_while_read_is_refused(text in "[a-z0-9 ,é€𝄞\n]{1,200}", keep in 0usize..200) {
            proptest::prop_assert_eq!(read_all(text.as_bytes(), 1 << 20).unwrap(), text.as_bytes());
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("f.txt");
            fs::write(&path, &text).unwrap();
            let file = fs::File::open(&path).unwrap();
            let meta = file.metadata().unwrap();
            let mut g = Guarded::new(file, &meta, &path, "edge list");
            let keep = keep % text.len();
            fs::OpenOptions::new().write(true).open(&path).unwrap().set_len(keep as u64).unwrap();
            let mut out = Vec::new();
            let e = g.read_to_end(&mut out).unwrap_err().to_string();
            proptest::prop_assert!(e.contains("changed while it was read") || e.contains("not UTF-8"), "{}", e);
        }
    }

    #[test]
    fn utf8_cut_anywhere_is_read_whole() {
        let text = "a,é\nb,€,𝄞\n".repeat(5);
        assert_eq!(read_all(text.as_bytes(), 100).unwrap(), text.as_bytes());
    }

    #[test]
    fn a_latin1_byte_is_named_with_its_line() {
        let e = read_all(b"1 2\n# caf\xE9\n2 3\n", 100).unwrap_err();
        assert!(e.contains("line 2: byte 0xE9 is not UTF-8"), "{e}");
        let e = read_all(b"1 2\n\xE2\x82", 100).unwrap_err();
        assert!(e.contains("line 2"), "{e}");
    }

    #[test]
    fn long_lines_are_refused_at_their_line() {
        let e = read_all(&[0u8; 64], 10).unwrap_err();
        assert!(e.contains("line 1 is longer than 10 bytes"), "{e}");
        assert!(read_all(b"123456789\n123456789\n", 10).is_ok());
    }

    #[test]
    fn a_file_that_shrinks_or_grows_while_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("edges.txt");
        fs::write(&path, "0 1\n1 2\n2 3\n3 4\n").unwrap();
        for grow in [false, true] {
            let file = fs::File::open(&path).unwrap();
            let meta = file.metadata().unwrap();
            let mut g = Guarded::new(file, &meta, &path, "edge list");
            let mut buf = [0u8; 4];
            g.read_exact(&mut buf).unwrap();
            if grow {
                let mut f = fs::OpenOptions::new().append(true).open(&path).unwrap();
                f.write_all(b"4 5\n5 6\n").unwrap();
            } else {
                fs::OpenOptions::new()
                    .write(true)
                    .open(&path)
                    .unwrap()
                    .set_len(8)
                    .unwrap();
            }
            let mut rest = Vec::new();
            let e = g.read_to_end(&mut rest).unwrap_err().to_string();
            assert!(e.contains("changed while it was read"), "{grow}: {e}");
        }
    }
}
