//! End-to-end tests of `wom serve`: the real binary on port 0, a real HTTP
//! client, and a real browser (headless Chromium over the DevTools
//! protocol).

mod api;
mod browser;
mod cdp;
mod hold;
mod limits;
mod uncertainty;

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The `wom` binary.
pub fn wom_bin() -> &'static str {
    env!("CARGO_BIN_EXE_wom")
}

/// A shipped scenario.
pub fn shipped(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("scenarios")
        .join(name)
}

/// A `wom serve` process on a free port, killed when dropped.
pub struct Server {
    child: Child,
    /// `http://127.0.0.1:PORT/`.
    pub url: String,
    /// The server's working directory (empty unless it wrote a file).
    pub cwd: tempfile::TempDir,
    /// The server's temporary directory, `TMPDIR` (empty unless it wrote a
    /// temporary file).
    pub tmp: tempfile::TempDir,
}

impl Server {
    /// Starts `wom serve --port 0 ARGS…` in an empty directory, with an
    /// empty temporary directory, and reads the address it prints.
    pub fn start(args: &[&str]) -> Server {
        let cwd = tempfile::tempdir().unwrap();
        let tmp = tempfile::tempdir().unwrap();
        let mut child = Command::new(wom_bin())
            .arg("serve")
            .args(["--port", "0"])
            .args(args)
            .current_dir(cwd.path())
            .env("TMPDIR", tmp.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("wom serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .split_whitespace()
            .find(|w| w.starts_with("http://"))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server {
            child,
            url,
            cwd,
            tmp,
        }
    }

    /// The server's address joined with `path` (no leading slash).
    pub fn at(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// Whether the server wrote no file where it runs nor in its
    /// temporary directory.
    pub fn wrote_nothing(&self) -> bool {
        let empty = |d: &Path| std::fs::read_dir(d).unwrap().next().is_none();
        empty(self.cwd.path()) && empty(self.tmp.path())
    }

    /// Sends `signal` (`INT`, `TERM`) to the server and waits up to
    /// `within` for it to exit; how long it took, or `None`.
    pub fn stop_with(&mut self, signal: &str, within: Duration) -> Option<Duration> {
        let start = std::time::Instant::now();
        let sent = Command::new("kill")
            .args([format!("-{signal}"), self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success());
        while start.elapsed() < within {
            if self.child.try_wait().unwrap().is_some() {
                return Some(start.elapsed());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// Whether the process is still running.
    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An HTTP client that returns 4xx and 5xx answers instead of errors.
pub fn client(timeout: Duration) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(timeout))
        .build()
        .into()
}

/// An answer: status, `Retry-After`, JSON body.
pub struct Answer {
    /// HTTP status.
    pub status: u16,
    /// The Retry-After header, if any.
    pub retry_after: Option<String>,
    /// The body as JSON (`Null` if it is not JSON).
    pub json: Value,
}

fn answer(mut r: ureq::http::Response<ureq::Body>) -> Answer {
    let retry_after = r
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let text = r.body_mut().read_to_string().unwrap_or_default();
    Answer {
        status: r.status().as_u16(),
        retry_after,
        json: serde_json::from_str(&text).unwrap_or(Value::Null),
    }
}

/// `POST /api/run` with a JSON body.
pub fn post_run(server: &Server, body: &Value) -> Answer {
    post_raw(server, "application/json", &body.to_string())
}

/// `POST /api/run` with any content type and body.
pub fn post_raw(server: &Server, content_type: &str, body: &str) -> Answer {
    let r = client(Duration::from_secs(60))
        .post(server.at("api/run"))
        .header("Content-Type", content_type)
        .send(body)
        .expect("the server answers");
    answer(r)
}

/// `GET PATH`.
pub fn get(server: &Server, path: &str) -> Answer {
    let r = client(Duration::from_secs(30))
        .get(server.at(path))
        .call()
        .expect("the server answers");
    answer(r)
}

/// Runs `wom run SCENARIO ARGS… --out DIR --quiet --no-charts` and returns
/// its summary.json.
pub fn wom_run(scenario: &Path, args: &[String], dir: &Path) -> Value {
    let out = Command::new(wom_bin())
        .arg("run")
        .arg(scenario)
        .args(args)
        .arg("--out")
        .arg(dir)
        .args(["--quiet", "--no-charts"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_str(&std::fs::read_to_string(dir.join("summary.json")).unwrap()).unwrap()
}

/// The message `wom run SCENARIO ARGS…` fails with (stderr without the
/// leading `error: `), asserting exit code 2 (bad input).
pub fn wom_run_error(scenario: &Path, args: &[String]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(wom_bin())
        .arg("run")
        .arg(scenario)
        .args(args)
        .arg("--out")
        .arg(dir.path())
        .arg("--quiet")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let text = String::from_utf8_lossy(&out.stderr);
    text.trim_end()
        .strip_prefix("error: ")
        .unwrap_or(&text)
        .to_string()
}

/// Asserts that the answer holds summary.json of `wom run` exactly: every
/// field of the file, equal (the answer adds what the page shows).
pub fn assert_same_result(api: &Value, cli: &Value) {
    let file = cli.as_object().expect("summary.json is an object");
    for field in [
        "policies",
        "comparisons",
        "headlines",
        "seed",
        "replications",
    ] {
        assert!(file.contains_key(field), "summary.json has `{field}`");
    }
    for (field, value) in file {
        assert_eq!(&api[field], value, "`{field}` differs from wom run's");
    }
}
