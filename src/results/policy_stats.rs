//! One policy's statistics in summary.json, `policies.NAME`: every metric
//! the run reports, `{mean, sd, ci95, p5, p50, p95}` each, and, when the
//! scenario has segments, the same for each segment's metrics under
//! `segments.SEGMENT.METRIC`. Without segments the object is exactly the
//! metrics, as before segments existed.

use super::ordered::Ordered;
use super::stat::Stat;
use crate::sim::summary::PolicySummary;
use crate::sim::{Metric, SegmentMetric};
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The key of the per-segment statistics inside `policies.NAME`.
pub const SEGMENTS_KEY: &str = "segments";

/// The statistics of one segment's metrics.
pub type SegmentStats = Ordered<SegmentMetric, Stat>;

/// `policies.NAME` in summary.json.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PolicyStats {
    /// Every reported metric, in file order.
    pub metrics: Ordered<Metric, Stat>,
    /// Each segment's reported metrics, segments in scenario order; empty
    /// (and not written) without segments.
    pub segments: Ordered<String, SegmentStats>,
}

impl PolicyStats {
    /// The statistics of `policy` for the reported `metrics` and, for the
    /// segments `names`, the reported `segment_metrics`.
    pub fn new(
        policy: &PolicySummary,
        metrics: &[Metric],
        names: &[String],
        segment_metrics: &[SegmentMetric],
    ) -> Self {
        let stats = metrics.iter().map(|&m| (m, Stat::from(policy.metric(m))));
        let segments = names.iter().enumerate().map(|(g, name)| {
            let stats = segment_metrics
                .iter()
                .map(|&m| (m, Stat::from(policy.segment_metric(g, m))));
            (name.clone(), Ordered(stats.collect()))
        });
        PolicyStats {
            metrics: Ordered(stats.collect()),
            segments: Ordered(segments.collect()),
        }
    }
}

impl Serialize for PolicyStats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let extra = usize::from(!self.segments.is_empty());
        let mut map = serializer.serialize_map(Some(self.metrics.0.len() + extra))?;
        for (m, stat) in &self.metrics.0 {
            map.serialize_entry(m.key(), stat)?;
        }
        if !self.segments.is_empty() {
            map.serialize_entry(SEGMENTS_KEY, &self.segments)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for PolicyStats {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Fields;
        impl<'de> Visitor<'de> for Fields {
            type Value = PolicyStats;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object of metrics (and `segments`)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut stats = PolicyStats::default();
                let mut seen_segments = false;
                while let Some(key) = map.next_key::<String>()? {
                    if key == SEGMENTS_KEY {
                        if seen_segments {
                            return Err(de::Error::custom("`segments` appears twice"));
                        }
                        seen_segments = true;
                        stats.segments = map.next_value()?;
                        continue;
                    }
                    let metric = <Metric as super::ordered::MapKey>::parse(&key)
                        .map_err(de::Error::custom)?;
                    if stats.metrics.get(&metric).is_some() {
                        return Err(de::Error::custom(format!("`{key}` appears twice")));
                    }
                    stats.metrics.0.push((metric, map.next_value()?));
                }
                Ok(stats)
            }
        }
        deserializer.deserialize_map(Fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(x: f64) -> Stat {
        Stat {
            mean: x,
            sd: 0.0,
            ci95: [x, x],
            p5: x,
            p50: x,
            p95: x,
        }
    }

    #[test]
    fn written_flat_without_segments_and_read_back() {
        let plain = PolicyStats {
            metrics: Ordered(vec![(Metric::Npv, stat(1.0))]),
            segments: Ordered::default(),
        };
        let text = serde_json::to_string(&plain).unwrap();
        assert!(
            text.starts_with("{\"npv\":{") && !text.contains("segments"),
            "{text}"
        );
        assert_eq!(serde_json::from_str::<PolicyStats>(&text).unwrap(), plain);
        let with = PolicyStats {
            segments: Ordered(vec![(
                "chronic".into(),
                Ordered(vec![(SegmentMetric::Npv, stat(2.0))]),
            )]),
            ..plain
        };
        let text = serde_json::to_string(&with).unwrap();
        assert!(
            text.contains("\"segments\":{\"chronic\":{\"npv\":"),
            "{text}"
        );
        let back: PolicyStats = serde_json::from_str(&text).unwrap();
        assert_eq!(back, with);
        let chronic = back.segments.get(&"chronic".to_owned()).unwrap();
        assert_eq!(chronic.get(&SegmentMetric::Npv), Some(&stat(2.0)));
    }

    #[test]
    fn unknown_and_repeated_keys_are_refused() {
        let one = serde_json::to_string(&stat(1.0)).unwrap();
        let bad = format!("{{\"npv\": {one}, \"npv\": {one}}}");
        let e = serde_json::from_str::<PolicyStats>(&bad).unwrap_err();
        assert!(e.to_string().contains("`npv` appears twice"), "{e}");
        let bad = format!("{{\"segments\": {{\"a\": {{\"npvv\": {one}}}}}}}");
        let e = serde_json::from_str::<PolicyStats>(&bad).unwrap_err();
        assert!(
            e.to_string().contains("unknown segment metric `npvv`"),
            "{e}"
        );
    }
}
