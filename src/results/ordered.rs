//! A JSON object whose keys keep their order and are typed: policy names,
//! metrics, causes. Written as an object; read back with unknown or
//! repeated keys refused, naming the key and what is allowed.

use crate::sim::summary::Cause;
use crate::sim::{Metric, SegmentMetric};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// A key of an [`Ordered`] object.
pub trait MapKey: Sized + PartialEq {
    /// The key as written.
    fn text(&self) -> &str;
    /// Reads a key.
    ///
    /// # Errors
    /// What is allowed instead, when the key is unknown.
    fn parse(text: &str) -> Result<Self, String>;
}

impl MapKey for String {
    fn text(&self) -> &str {
        self
    }
    fn parse(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

fn allowed<'a>(keys: impl Iterator<Item = &'a str>) -> String {
    keys.collect::<Vec<_>>().join(", ")
}

impl MapKey for Metric {
    fn text(&self) -> &str {
        self.key()
    }
    fn parse(text: &str) -> Result<Self, String> {
        Metric::from_key(text).ok_or_else(|| {
            format!(
                "unknown metric `{text}`; known: {}",
                allowed(Metric::ALL.iter().map(|m| m.key()))
            )
        })
    }
}

impl MapKey for SegmentMetric {
    fn text(&self) -> &str {
        self.key()
    }
    fn parse(text: &str) -> Result<Self, String> {
        SegmentMetric::from_key(text).ok_or_else(|| {
            format!(
                "unknown segment metric `{text}`; known: {}",
                allowed(SegmentMetric::ALL.iter().map(|m| m.key()))
            )
        })
    }
}

impl MapKey for Cause {
    fn text(&self) -> &str {
        self.key()
    }
    fn parse(text: &str) -> Result<Self, String> {
        Cause::from_key(text).ok_or_else(|| {
            format!(
                "unknown cause `{text}`; known: {}",
                allowed(Cause::ALL.iter().map(|c| c.key()))
            )
        })
    }
}

/// Entries in order, written as one JSON object.
#[derive(Debug, Clone, PartialEq)]
pub struct Ordered<K, V>(pub Vec<(K, V)>);

impl<K: MapKey, V> Ordered<K, V> {
    /// The value at `key`, if present.
    pub fn get(&self, key: &K) -> Option<&V> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &K> {
        self.0.iter().map(|(k, _)| k)
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<K, V> Default for Ordered<K, V> {
    fn default() -> Self {
        Ordered(Vec::new())
    }
}

impl<K: MapKey, V: Serialize> Serialize for Ordered<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k.text(), v)?;
        }
        map.end()
    }
}

impl<'de, K: MapKey, V: Deserialize<'de>> Deserialize<'de> for Ordered<K, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct InOrder<K, V>(PhantomData<(K, V)>);
        impl<'de, K: MapKey, V: Deserialize<'de>> Visitor<'de> for InOrder<K, V> {
            type Value = Ordered<K, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(K, V)> = Vec::new();
                // Repeats found by text in a hash set: a hand-made file
                // with a million keys costs a million steps, not 10^12.
                let mut seen = std::collections::HashSet::new();
                while let Some(text) = map.next_key::<String>()? {
                    let key = K::parse(&text).map_err(de::Error::custom)?;
                    if !seen.insert(key.text().to_owned()) {
                        return Err(de::Error::custom(format!("`{text}` appears twice")));
                    }
                    entries.push((key, map.next_value()?));
                }
                Ok(Ordered(entries))
            }
        }
        deserializer.deserialize_map(InOrder(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_refuses_unknown_and_repeated_keys() {
        let text = r#"{"pv_cost": 1, "npv": 2}"#;
        let m: Ordered<Metric, u32> = serde_json::from_str(text).unwrap();
        assert_eq!(m.0, vec![(Metric::PvCost, 1), (Metric::Npv, 2)]);
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            r#"{"pv_cost":1,"npv":2}"#
        );
        let e = serde_json::from_str::<Ordered<Metric, u32>>(r#"{"npvv": 1}"#).unwrap_err();
        assert!(e.to_string().contains("unknown metric `npvv`"), "{e}");
        let e = serde_json::from_str::<Ordered<String, u32>>(r#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(e.to_string().contains("appears twice"), "{e}");
    }
}
