//! A business's observed counts (the `--observed` file of `wom calibrate`):
//! a `period` column (0 = the first period) and any of `customers`,
//! `complaints`, `conversions`, `churn`, `parted`, one row per period,
//! every period from 0 to the last exactly once. Text in, values out, with
//! every error naming the file, the line and the column.

use super::ResultError;

/// A column of observed counts, named like periods.csv's series.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountColumn {
    /// Customers at the start of the period.
    Customers,
    /// Complaints received in the period.
    Complaints,
    /// New customers at the end of the period.
    Conversions,
    /// Customers lost at the end of the period (directly or to hearsay).
    Churn,
    /// Customers the business parted with at the end of the period.
    Parted,
}

impl CountColumn {
    /// Every column, in the order of the allowed list.
    pub const ALL: [CountColumn; 5] = [
        CountColumn::Customers,
        CountColumn::Complaints,
        CountColumn::Conversions,
        CountColumn::Churn,
        CountColumn::Parted,
    ];

    /// The column's name in the file.
    pub fn key(self) -> &'static str {
        match self {
            CountColumn::Customers => "customers",
            CountColumn::Complaints => "complaints",
            CountColumn::Conversions => "conversions",
            CountColumn::Churn => "churn",
            CountColumn::Parted => "parted",
        }
    }

    fn from_key(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == text)
    }
}

/// Observed counts, checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ObservedCounts {
    /// The observed columns, in file order.
    pub columns: Vec<CountColumn>,
    /// `values[c][t]`: column `c` in period `t`, whole and non-negative.
    pub values: Vec<Vec<f64>>,
}

impl ObservedCounts {
    /// Number of observed periods.
    pub fn periods(&self) -> usize {
        self.values.first().map_or(0, Vec::len)
    }

    /// Reads the counts in `text` (from `file`, for messages) for a
    /// scenario of `max_periods` periods.
    ///
    /// # Errors
    /// A [`ResultError`] naming the line and column of: an unknown,
    /// repeated or missing column, a row of the wrong length, a period that
    /// is not a whole number, repeated, missing or beyond `max_periods`,
    /// a count that is empty, not a number, not finite, negative or
    /// fractional.
    pub fn parse(text: &str, file: &str, max_periods: u32) -> Result<Self, ResultError> {
        let allowed = || {
            let mut names = vec!["period"];
            names.extend(CountColumn::ALL.map(CountColumn::key));
            names.join(", ")
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let at = |line: u64, col: usize, name: &str| {
            format!("line {line}, column {} (`{name}`)", col + 1)
        };
        let header = match records.next() {
            Some(Ok(h)) => h,
            Some(Err(e)) => return Err(ResultError::at(file, "line 1", e.to_string())),
            None => {
                return Err(ResultError::new(
                    file,
                    format!(
                        "empty; expected a header with `period` and any of {}",
                        allowed()
                    ),
                ));
            }
        };
        let mut period_col = None;
        let mut columns: Vec<(usize, CountColumn)> = Vec::new();
        for (i, name) in header.iter().enumerate() {
            if name == "period" {
                if period_col.replace(i).is_some() {
                    return Err(ResultError::at(
                        file,
                        at(1, i, name),
                        "the column `period` appears twice",
                    ));
                }
            } else if let Some(c) = CountColumn::from_key(name) {
                if columns.iter().any(|(_, d)| *d == c) {
                    return Err(ResultError::at(
                        file,
                        at(1, i, name),
                        format!("the column `{name}` appears twice"),
                    ));
                }
                columns.push((i, c));
            } else {
                return Err(ResultError::at(
                    file,
                    at(1, i, name),
                    format!("unknown column `{name}`; allowed: {}", allowed()),
                ));
            }
        }
        let Some(period_col) = period_col else {
            return Err(ResultError::at(
                file,
                "line 1",
                format!(
                    "no `period` column; the header needs `period` and any of {}",
                    allowed()
                ),
            ));
        };
        if columns.is_empty() {
            return Err(ResultError::at(
                file,
                "line 1",
                format!("no column of counts; allowed: {}", allowed()),
            ));
        }
        let width = header.len();
        let mut rows: Vec<Option<(u64, Vec<f64>)>> = Vec::new();
        for record in records {
            let record = record.map_err(|e| ResultError::new(file, e.to_string()))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() != width {
                return Err(ResultError::at(
                    file,
                    format!("line {line}"),
                    format!("{} fields; the header has {width}", record.len()),
                ));
            }
            let text = &record[period_col];
            let period: u32 = text.parse().map_err(|_| {
                ResultError::at(
                    file,
                    at(line, period_col, "period"),
                    format!("`{text}` is not a period: a whole number from 0"),
                )
            })?;
            if period >= max_periods {
                return Err(ResultError::at(
                    file,
                    at(line, period_col, "period"),
                    format!(
                        "period {period} is beyond the scenario's {max_periods} periods (0 to {})",
                        max_periods - 1
                    ),
                ));
            }
            let t = period as usize;
            if rows.len() <= t {
                rows.resize(t + 1, None);
            }
            if let Some((first, _)) = &rows[t] {
                return Err(ResultError::at(
                    file,
                    at(line, period_col, "period"),
                    format!("period {period} appears twice (first on line {first})"),
                ));
            }
            let values = columns
                .iter()
                .map(|&(i, c)| {
                    count(&record[i], c.key())
                        .map_err(|m| ResultError::at(file, at(line, i, c.key()), m))
                })
                .collect::<Result<Vec<f64>, _>>()?;
            rows[t] = Some((line, values));
        }
        if rows.is_empty() {
            return Err(ResultError::new(file, "no rows of counts after the header"));
        }
        if let Some(missing) = rows.iter().position(Option::is_none) {
            return Err(ResultError::new(
                file,
                format!(
                    "period {missing} is missing; every period from 0 to {} needs one row",
                    rows.len() - 1
                ),
            ));
        }
        let rows: Vec<Vec<f64>> = rows.into_iter().flatten().map(|(_, v)| v).collect();
        Ok(Self {
            columns: columns.iter().map(|&(_, c)| c).collect(),
            values: (0..columns.len())
                .map(|c| rows.iter().map(|r| r[c]).collect())
                .collect(),
        })
    }
}

/// A count cell: a whole number from 0.
fn count(text: &str, name: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Err(format!("empty; `{name}` needs a count in every row"));
    }
    let x: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number; `{name}` is a count (0, 1, 2, …)"))?;
    if !x.is_finite() {
        return Err(format!(
            "`{text}` is not finite; `{name}` is a count (0, 1, 2, …)"
        ));
    }
    if x < 0.0 {
        return Err(format!(
            "`{text}` is negative; `{name}` is a count (0, 1, 2, …)"
        ));
    }
    if x.fract() != 0.0 || x > 1e15 {
        return Err(format!(
            "`{text}` is not a whole number; `{name}` is a count (0, 1, 2, …)"
        ));
    }
    Ok(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ObservedCounts, String> {
        ObservedCounts::parse(text, "c.csv", 12).map_err(|e| e.to_string())
    }

    #[test]
    fn rows_in_any_order_give_the_columns_by_period() {
        let c = parse("period,complaints,customers\n1,4,95\n0,3,100\n").unwrap();
        assert_eq!(c.columns, [CountColumn::Complaints, CountColumn::Customers]);
        assert_eq!(c.values, [vec![3.0, 4.0], vec![100.0, 95.0]]);
        assert_eq!(c.periods(), 2);
    }

    #[test]
    fn each_bad_input_names_its_line_and_column() {
        for (text, wanted) in [
            (
                "period,sales\n0,1\n",
                "c.csv at line 1, column 2 (`sales`): unknown column `sales`; allowed: period, customers",
            ),
            (
                "period,churn\n0,1\n0,2\n",
                "line 3, column 1 (`period`): period 0 appears twice (first on line 2)",
            ),
            ("period,churn\n0,1\n2,2\n", "period 1 is missing"),
            (
                "period,churn\n12,1\n",
                "line 2, column 1 (`period`): period 12 is beyond the scenario's 12 periods",
            ),
            (
                "period,churn\n0,-1\n",
                "line 2, column 2 (`churn`): `-1` is negative",
            ),
            ("period,churn\n0,1.5\n", "`1.5` is not a whole number"),
            ("period,churn\n0,inf\n", "`inf` is not finite"),
            ("period,churn\n0,x\n", "`x` is not a number"),
            ("period,churn\n0.5,1\n", "`0.5` is not a period"),
            (
                "period,churn,churn\n0,1,1\n",
                "column 3 (`churn`): the column `churn` appears twice",
            ),
            ("churn\n1\n", "no `period` column"),
            ("period\n0\n", "no column of counts"),
            ("period,churn\n0\n", "line 2: 1 fields; the header has 2"),
        ] {
            let e = parse(text).unwrap_err();
            assert!(e.contains(wanted), "{text:?}: {e}");
        }
    }
}
