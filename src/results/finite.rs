//! The guard every result writer goes through: a number that is not finite
//! is refused as a failure, never written (serde_json would write `null`,
//! the CSV writer `NaN`), so a file on disk never holds one. Scenario
//! validation bounds every input so that results are finite; this catches
//! what it missed.

use serde::ser::{self, Serialize};
use std::fmt;

/// A value holds a number that is not finite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NonFinite(pub String);

impl fmt::Display for NonFinite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for NonFinite {}

impl ser::Error for NonFinite {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        NonFinite(msg.to_string())
    }
}

/// Checks that every number `value` serializes is finite.
///
/// ```
/// use wom::results::finite::check;
/// assert!(check(&[1.0, 2.0]).is_ok());
/// assert!(check(&vec![("a", f64::NAN)]).is_err());
/// ```
///
/// # Errors
/// [`NonFinite`] naming the number, for the first one that is not finite.
pub fn check<T: Serialize + ?Sized>(value: &T) -> Result<(), NonFinite> {
    value.serialize(Finite)
}

/// The largest magnitude a result file may hold: far above the most a run
/// can produce (a margin of at most 1e12 a period, times at most
/// 4,294,967,295 people, times at most 10,000 periods, is about 4.3e25),
/// and far below where arithmetic on it overflows (a chart's axis over
/// ±1e308 never ends). Every value read back is held to it.
pub const MAX_MAGNITUDE: f64 = 1e30;

/// Whether `x` is finite and at most [`MAX_MAGNITUDE`] in size.
pub fn within(x: f64) -> bool {
    x.is_finite() && x.abs() <= MAX_MAGNITUDE
}

/// Checks one number of a CSV cell.
///
/// # Errors
/// [`NonFinite`] naming `what` when `x` is NaN or infinite.
pub fn number(x: f64, what: &str) -> Result<f64, NonFinite> {
    if within(x) {
        Ok(x)
    } else {
        Err(NonFinite(format!(
            "{what} is {x:?}, not a finite number from -1e30 to 1e30; result files hold only such numbers (no run gives more than about 4.3e25)"
        )))
    }
}

/// A serializer that writes nothing and fails on a non-finite float.
#[derive(Clone, Copy)]
struct Finite;

type R = Result<(), NonFinite>;

/// Serializer methods that accept a value and check nothing: every
/// primitive but a float is finite.
macro_rules! nothing {
    ($($method:ident: $t:ty),* $(,)?) => {$(
        fn $method(self, _: $t) -> R {
            Ok(())
        }
    )*};
}

impl ser::Serializer for Finite {
    type Ok = ();
    type Error = NonFinite;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn serialize_f32(self, v: f32) -> R {
        number(f64::from(v), "a number").map(|_| ())
    }
    fn serialize_f64(self, v: f64) -> R {
        number(v, "a number").map(|_| ())
    }
    nothing!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_char: char,
        serialize_str: &str,
        serialize_bytes: &[u8],
    );
    fn serialize_none(self) -> R {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> R {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, _: &'static str) -> R {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> R {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        value: &T,
    ) -> R {
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, NonFinite> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, NonFinite> {
        Ok(self)
    }
}

/// The compound parts of a value (sequences, tuples, maps, structs): each
/// element, key or field is checked in turn, and a struct's field is named
/// in the message.
macro_rules! compound {
    ($($trait:ident :: $method:ident),* $(,)?) => {$(
        impl ser::$trait for Finite {
            type Ok = ();
            type Error = NonFinite;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
                value.serialize(Finite)
            }
            fn end(self) -> R {
                Ok(())
            }
        }
    )*};
}

macro_rules! fields {
    ($($trait:ident),* $(,)?) => {$(
        impl ser::$trait for Finite {
            type Ok = ();
            type Error = NonFinite;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> R {
                value
                    .serialize(Finite)
                    .map_err(|e| NonFinite(format!("`{key}`: {e}")))
            }
            fn end(self) -> R {
                Ok(())
            }
        }
    )*};
}

compound!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field,
);
fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Finite {
    type Ok = ();
    type Error = NonFinite;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> R {
        key.serialize(Finite)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> R {
        value.serialize(Finite)
    }
    fn end(self) -> R {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct File {
        name: String,
        stats: Vec<Option<f64>>,
        total: f64,
    }

    #[test]
    fn refuses_any_non_finite_number_naming_its_field() {
        let ok = File {
            name: "x".into(),
            stats: vec![Some(1.0), None],
            total: 2.0,
        };
        assert!(check(&ok).is_ok());
        let bad = File {
            stats: vec![Some(f64::NAN)],
            ..ok
        };
        let e = check(&bad).unwrap_err().to_string();
        assert!(e.contains("`stats`") && e.contains("NaN"), "{e}");
        assert!(check(&[f64::INFINITY]).is_err());
        assert!(number(f64::NEG_INFINITY, "cell").is_err());
    }

    #[test]
    fn every_writer_refuses_rather_than_writes_null_or_nan() {
        let stat = crate::results::summary::Stat {
            mean: f64::NAN,
            sd: 0.0,
            ci95: [0.0, 0.0],
            p5: 0.0,
            p50: 0.0,
            p95: 0.0,
        };
        let e = crate::results::to_json_text(&stat).unwrap_err().to_string();
        assert!(
            e.contains("`mean`") && e.contains("not a finite number"),
            "{e}"
        );
        let mut outputs = crate::sim::Outputs::default();
        outputs.set(crate::sim::Metric::Npv, f64::INFINITY);
        let row = crate::results::rows::ReplicationRow {
            replication: 0,
            policy: 0,
            outputs,
            segments: Vec::new(),
        };
        let mut out = Vec::new();
        let names = ["a".to_string()];
        let columns = crate::results::rows::ReplicationColumns {
            metrics: crate::sim::Metric::ALL.to_vec(),
            segments: Vec::new(),
            segment_metrics: Vec::new(),
        };
        let e = crate::results::rows::write_replications(&mut out, &names, &columns, &[row]);
        assert!(e.unwrap_err().to_string().contains("npv is inf"));
    }
}
