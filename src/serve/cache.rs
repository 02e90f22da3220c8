//! The last few answers, by request: a run depends only on its settings
//! and replications (fixed seed, common random numbers), so moving a slider
//! back, or pressing "Back to the scenario", answers at once and takes no
//! simulation slot.

use super::engine::{RunOutput, Setting};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Answers kept.
pub const CAPACITY: usize = 16;

/// A small most-recently-used cache of run outputs.
#[derive(Debug, Default)]
pub struct Cache(Mutex<VecDeque<(String, Arc<RunOutput>)>>);

/// The cache key of a request: its settings in order, and replications.
pub fn key(set: &[Setting], replications: u32) -> String {
    let mut k = format!("{replications}");
    for s in set {
        k.push_str(&format!("\n{}={}", s.key.trim(), s.value));
    }
    k
}

impl Cache {
    /// The output stored under `key`, now the most recent.
    pub fn get(&self, key: &str) -> Option<Arc<RunOutput>> {
        let mut entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let at = entries.iter().position(|(k, _)| k == key)?;
        let entry = entries.remove(at)?;
        let out = entry.1.clone();
        entries.push_front(entry);
        Some(out)
    }

    /// Stores `out` under `key`, forgetting the least recent beyond
    /// [`CAPACITY`].
    pub fn put(&self, key: String, out: Arc<RunOutput>) {
        let mut entries = self.0.lock().unwrap_or_else(|e| e.into_inner());
        entries.retain(|(k, _)| *k != key);
        entries.push_front((key, out));
        entries.truncate(CAPACITY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(n: u32) -> Arc<RunOutput> {
        Arc::new(RunOutput {
            summary: serde_json::json!(n),
            view: Default::default(),
            charts: Vec::new(),
            report_html: String::new(),
            scenario_toml: String::new(),
        })
    }

    #[test]
    fn keeps_the_most_recent() {
        let cache = Cache::default();
        for n in 0..=CAPACITY as u32 {
            cache.put(key(&[], n), output(n));
        }
        assert!(cache.get(&key(&[], 0)).is_none(), "the oldest went");
        assert_eq!(cache.get(&key(&[], 1)).unwrap().summary, 1);
        let setting = |value| Setting {
            key: "a".into(),
            value,
            text: String::new(),
        };
        let set = [setting(toml::Value::Float(1.0))];
        let int = [setting(toml::Value::Integer(1))];
        assert_ne!(
            key(&set, 5),
            key(&int, 5),
            "1.0 and 1 are different settings"
        );
    }
}
