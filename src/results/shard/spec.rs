//! `--shard K/N`: which share of the replications (or sweep points) a
//! shard takes.

use std::ops::Range;

/// `--shard K/N`: the K-th of N shares of some work, K counted from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ShardSpec {
    /// K, below `count`.
    pub index: u64,
    /// N, at least 1.
    pub count: u64,
}

impl ShardSpec {
    /// Reads `K/N`.
    ///
    /// ```
    /// use wom::results::shard::ShardSpec;
    /// assert_eq!(ShardSpec::parse("2/4").unwrap().range(10), 5..7);
    /// assert!(ShardSpec::parse("3/3").is_err());
    /// assert!(ShardSpec::parse("0/0").is_err());
    /// ```
    ///
    /// # Errors
    /// A sentence saying what is allowed.
    pub fn parse(text: &str) -> Result<ShardSpec, String> {
        let form = "expected K/N with N ≥ 1 and K from 0 to N−1, e.g. 0/4 (the first of 4 shards)";
        let (k, n) = text
            .split_once('/')
            .ok_or_else(|| format!("{text:?}: {form}"))?;
        let whole = |s: &str| -> Option<u64> {
            let s = s.trim();
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        let (Some(index), Some(count)) = (whole(k), whole(n)) else {
            return Err(format!("{text:?}: {form}"));
        };
        if count == 0 {
            return Err(format!("{text:?}: N is 0; there is at least 1 shard"));
        }
        if index >= count {
            return Err(format!(
                "{text:?}: K is {index}, but the shards of N = {count} are numbered 0 to {}",
                count - 1
            ));
        }
        Ok(ShardSpec { index, count })
    }

    /// The items `[⌊K·total/N⌋, ⌊(K+1)·total/N⌋)` of `0..total` this shard
    /// takes: the N ranges are consecutive, cover `0..total` exactly once,
    /// and differ in length by at most one.
    pub fn range(&self, total: u64) -> Range<u64> {
        let at = |k: u64| (u128::from(k) * u128::from(total) / u128::from(self.count)) as u64;
        at(self.index)..at(self.index + 1)
    }

    /// Checks that every one of the N shards of `total` items gets at
    /// least one.
    ///
    /// # Errors
    /// A sentence naming the flag, for N above `total`.
    pub fn check_count(&self, total: u64, items: &str) -> Result<(), String> {
        if self.count > total {
            return Err(format!(
                "--shard {self}: {} shards of {total} {items} would leave some shards with none; use at most {total} shards",
                self.count
            ));
        }
        Ok(())
    }
}

impl std::fmt::Display for ShardSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}
