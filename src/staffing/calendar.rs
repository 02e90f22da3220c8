//! The desk's weekly opening hours (MODEL.md, "Staffing"): time runs
//! continuously in hours from hour 0 = Monday 00:00, and the desk opens on
//! the first `days_per_week` days of each week at 09:00 for `hours_per_day`
//! hours; 7 days × 24 hours is always open.
//!
//! **Shifts past midnight.** A day's opening may run past midnight
//! (`hours_per_day` up to 24 is allowed, and 09:00 + 24 hours is 09:00 the
//! next day): the shift simply continues into the next day's early hours,
//! as a late shift does. So 5 days × 20 hours opens Monday 09:00 to Tuesday
//! 05:00, …, Friday 09:00 to Saturday 05:00. The calendar repeats every week
//! forever in both directions, so Sunday's shift of a 7-day calendar also
//! covers Monday 00:00–09:00 of the first week, and 7 × 24 is open at every
//! instant. Open spells are half-open `[opening, closing)`: at the closing
//! instant the desk is closed.
//!
//! Everything is `O(1)`: a week has at most 8 open spells (7 shifts, one of
//! them split at the week's end), stored inline.

use thiserror::Error;

/// Hours in a week.
pub const HOURS_PER_WEEK: f64 = 168.0;

/// The hour of the day at which each shift starts (09:00).
pub const OPENING_HOUR: f64 = 9.0;

/// An opening schedule that is not allowed.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalendarError {
    /// Days per week outside 1–7.
    #[error("`days_per_week` = {0} is not allowed; expected a whole number from 1 to 7")]
    DaysPerWeek(u32),
    /// Hours per day outside (0, 24] or not finite.
    #[error(
        "`hours_per_day` = {0} is not allowed; expected a number above 0 and at most 24 \
         (a shift starts at 09:00 and may run past midnight)"
    )]
    HoursPerDay(f64),
}

/// A weekly opening schedule (see the module docs).
///
/// ```
/// use wom::staffing::Calendar;
/// let office = Calendar::new(5, 8.0).unwrap(); // Monday–Friday, 09:00–17:00
/// assert!(!office.is_open(20.0));              // Monday 20:00
/// assert_eq!(office.next_open(20.0), 33.0);    // Tuesday 09:00
/// assert_eq!(office.add_open_hours(16.0, 2.0), 34.0); // 16:00 + 2 h → Tuesday 10:00
/// assert_eq!(office.open_hours_per_week(), 40.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calendar {
    /// In `1..=7`.
    days_per_week: u32,
    /// In `(0, 24]`.
    hours_per_day: f64,
    /// The open spells of one week as `[start, end)` within `[0, 168]`:
    /// sorted, disjoint and not touching (touching spells are merged);
    /// `spells[..len]` are used.
    spells: [(f64, f64); 8],
    /// Number of spells used, in `1..=8`.
    len: usize,
    /// Open hours in a week: `days_per_week × hours_per_day`.
    open_per_week: f64,
}

impl Calendar {
    /// A desk open on the first `days_per_week` days of each week from 09:00
    /// for `hours_per_day` hours.
    ///
    /// # Errors
    /// [`CalendarError::DaysPerWeek`] outside 1–7;
    /// [`CalendarError::HoursPerDay`] unless `0 < hours_per_day <= 24`.
    pub fn new(days_per_week: u32, hours_per_day: f64) -> Result<Self, CalendarError> {
        if !(1..=7).contains(&days_per_week) {
            return Err(CalendarError::DaysPerWeek(days_per_week));
        }
        if !(hours_per_day > 0.0 && hours_per_day <= 24.0) {
            return Err(CalendarError::HoursPerDay(hours_per_day));
        }
        let mut raw = [(0.0, 0.0); 8];
        let mut n = 0;
        for day in 0..days_per_week {
            let start = 24.0 * f64::from(day) + OPENING_HOUR;
            let end = start + hours_per_day;
            if end > HOURS_PER_WEEK {
                raw[n] = (start, HOURS_PER_WEEK);
                raw[n + 1] = (0.0, end - HOURS_PER_WEEK);
                n += 2;
            } else {
                raw[n] = (start, end);
                n += 1;
            }
        }
        raw[..n].sort_by(|a, b| a.0.total_cmp(&b.0));
        let mut spells = [(0.0, 0.0); 8];
        let mut len = 0;
        for &(s, e) in &raw[..n] {
            if len > 0 && s <= spells[len - 1].1 {
                spells[len - 1].1 = spells[len - 1].1.max(e);
            } else {
                spells[len] = (s, e);
                len += 1;
            }
        }
        Ok(Self {
            days_per_week,
            hours_per_day,
            spells,
            len,
            open_per_week: f64::from(days_per_week) * hours_per_day,
        })
    }

    /// A desk that never closes (7 days × 24 hours).
    pub fn always_open() -> Self {
        Self::new(7, 24.0).unwrap_or_else(|_| unreachable!("7 × 24 is a valid calendar"))
    }

    /// Days open per week, in `1..=7`.
    pub fn days_per_week(&self) -> u32 {
        self.days_per_week
    }

    /// Hours open per day, in `(0, 24]`.
    pub fn hours_per_day(&self) -> f64 {
        self.hours_per_day
    }

    /// Whether the desk is open at every instant.
    pub fn is_always_open(&self) -> bool {
        self.open_per_week >= HOURS_PER_WEEK
    }

    /// Open hours in a week.
    pub fn open_hours_per_week(&self) -> f64 {
        self.open_per_week
    }

    fn spells(&self) -> &[(f64, f64)] {
        &self.spells[..self.len]
    }

    /// The week index and the offset in it, `t = 168·week + offset`,
    /// `0 <= offset < 168`.
    fn split(t: f64) -> (f64, f64) {
        let week = (t / HOURS_PER_WEEK).floor();
        let offset = t - week * HOURS_PER_WEEK;
        if offset >= HOURS_PER_WEEK {
            (week + 1.0, offset - HOURS_PER_WEEK)
        } else {
            (week, offset.max(0.0))
        }
    }

    /// Whether the desk is open at hour `t`.
    pub fn is_open(&self, t: f64) -> bool {
        if self.is_always_open() {
            return true;
        }
        let (_, offset) = Self::split(t);
        self.spells()
            .iter()
            .any(|&(s, e)| s <= offset && offset < e)
    }

    /// The earliest instant `>= t` at which the desk is open (`t` itself
    /// when open).
    pub fn next_open(&self, t: f64) -> f64 {
        if self.is_always_open() {
            return t;
        }
        let (week, offset) = Self::split(t);
        for &(s, e) in self.spells() {
            if offset < e {
                return if offset >= s {
                    t
                } else {
                    week * HOURS_PER_WEEK + s
                };
            }
        }
        (week + 1.0) * HOURS_PER_WEEK + self.spells[0].0
    }

    /// Open hours in `[0, t)` (negative for `t < 0`, following the weekly
    /// pattern backwards). Continuous and non-decreasing in `t`.
    pub fn open_hours_until(&self, t: f64) -> f64 {
        if self.is_always_open() {
            return t;
        }
        let (week, offset) = Self::split(t);
        let in_week: f64 = self
            .spells()
            .iter()
            .map(|&(s, e)| (offset - s).clamp(0.0, e - s))
            .sum();
        week * self.open_per_week + in_week
    }

    /// Open hours in `[from, to)` (0 when `to <= from`).
    pub fn open_hours_between(&self, from: f64, to: f64) -> f64 {
        (self.open_hours_until(to) - self.open_hours_until(from)).max(0.0)
    }

    /// The instant at which `hours` of open time have passed since `start`,
    /// work pausing while the desk is closed: the finish of a handling time
    /// of `hours` started at `start`. A finish that falls exactly on a closing
    /// time is that closing time. Returns `start` for `hours <= 0`.
    pub fn add_open_hours(&self, start: f64, hours: f64) -> f64 {
        if hours <= 0.0 {
            return start;
        }
        if self.is_always_open() {
            return start + hours;
        }
        let target = self.open_hours_until(start) + hours;
        let mut week = (target / self.open_per_week).floor();
        let mut rest = target - week * self.open_per_week;
        if rest <= 0.0 {
            // Reached exactly at the last closing of the previous week.
            week -= 1.0;
            rest += self.open_per_week;
        } else if rest > self.open_per_week {
            week += 1.0;
            rest -= self.open_per_week;
        }
        let mut done = 0.0;
        let mut at = self.spells[self.len - 1].1;
        for &(s, e) in self.spells() {
            if done + (e - s) >= rest {
                at = s + (rest - done);
                break;
            }
            done += e - s;
        }
        (week * HOURS_PER_WEEK + at).max(start)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MONDAY: f64 = 0.0;
    const TUESDAY: f64 = 24.0;
    const FRIDAY: f64 = 96.0;
    const NEXT_MONDAY: f64 = 168.0;

    #[test]
    fn office_hours_open_and_close_on_time() {
        let office = Calendar::new(5, 8.0).unwrap();
        assert!(!office.is_open(MONDAY + 8.99));
        assert!(office.is_open(MONDAY + 9.0));
        assert!(office.is_open(MONDAY + 16.99));
        assert!(!office.is_open(MONDAY + 17.0));
        assert!(office.is_open(FRIDAY + 12.0));
        assert!(!office.is_open(FRIDAY + 48.0 + 12.0)); // Sunday noon
        assert_eq!(office.next_open(MONDAY + 20.0), TUESDAY + 9.0);
        assert_eq!(office.next_open(MONDAY + 17.0), TUESDAY + 9.0);
        assert_eq!(office.next_open(FRIDAY + 20.0), NEXT_MONDAY + 9.0);
        assert_eq!(office.next_open(MONDAY + 10.25), MONDAY + 10.25);
        assert_eq!(
            office.next_open(3.0 * NEXT_MONDAY + 2.0),
            3.0 * NEXT_MONDAY + 9.0
        );
    }

    #[test]
    fn work_pauses_while_closed() {
        let office = Calendar::new(5, 8.0).unwrap();
        assert_eq!(office.add_open_hours(MONDAY + 16.0, 2.0), TUESDAY + 10.0);
        // Ending exactly at closing time ends then, not at the next opening.
        assert_eq!(office.add_open_hours(MONDAY + 9.0, 8.0), MONDAY + 17.0);
        assert_eq!(office.add_open_hours(FRIDAY + 16.0, 1.0), FRIDAY + 17.0);
        assert_eq!(office.add_open_hours(FRIDAY + 16.0, 1.5), NEXT_MONDAY + 9.5);
        // A week's 40 open hours from Monday 09:00 end at Friday 17:00.
        assert_eq!(office.add_open_hours(MONDAY + 9.0, 40.0), FRIDAY + 17.0);
        assert_eq!(
            office.add_open_hours(MONDAY + 9.0, 41.0),
            NEXT_MONDAY + 10.0
        );
        assert_eq!(office.add_open_hours(MONDAY + 12.0, 0.0), MONDAY + 12.0);
        assert_eq!(office.open_hours_between(MONDAY, NEXT_MONDAY), 40.0);
        assert_eq!(
            office.open_hours_between(MONDAY + 16.0, TUESDAY + 10.0),
            2.0
        );
        assert_eq!(office.open_hours_until(10.0 * NEXT_MONDAY + 10.0), 401.0);
    }

    #[test]
    fn add_open_hours_inverts_open_hours_until() {
        // For every start and amount, the open hours between start and finish
        // are the amount.
        for (days, hours) in [(5, 8.0), (6, 10.5), (7, 20.0), (3, 24.0), (1, 0.25)] {
            let cal = Calendar::new(days, hours).unwrap();
            for i in 0..400 {
                let start = cal.next_open(f64::from(i) * 1.37);
                for work in [0.1, 1.0, 7.9, 33.3, 500.0] {
                    let end = cal.add_open_hours(start, work);
                    let got = cal.open_hours_between(start, end);
                    assert!((got - work).abs() < 1e-9, "{days}x{hours} {start} {work}");
                    assert!(end > start);
                }
            }
        }
    }

    #[test]
    fn late_shifts_run_past_midnight() {
        // 5 × 20: Monday 09:00 → Tuesday 05:00, …, Friday 09:00 → Saturday 05:00.
        let late = Calendar::new(5, 20.0).unwrap();
        assert!(late.is_open(TUESDAY + 4.5));
        assert!(!late.is_open(TUESDAY + 5.0));
        assert!(late.is_open(FRIDAY + 24.0 + 4.0)); // Saturday 04:00
        assert!(!late.is_open(FRIDAY + 24.0 + 6.0));
        assert!(!late.is_open(NEXT_MONDAY + 4.0)); // no Sunday shift
        assert_eq!(late.open_hours_between(MONDAY, NEXT_MONDAY), 100.0);
        // 7 × 20: Sunday's shift covers Monday 00:00–05:00 of every week.
        let seven = Calendar::new(7, 20.0).unwrap();
        assert!(seven.is_open(MONDAY + 1.0) && seven.is_open(NEXT_MONDAY + 1.0));
        assert!(!seven.is_open(MONDAY + 6.0));
        assert_eq!(seven.open_hours_between(MONDAY, NEXT_MONDAY), 140.0);
    }

    #[test]
    fn seven_by_twenty_four_is_always_open() {
        let all = Calendar::always_open();
        assert!(all.is_always_open());
        for t in [0.0, 8.5, 17.0, 100.25, 167.999, 1e5 + 0.1] {
            assert!(all.is_open(t));
            assert_eq!(all.next_open(t), t);
            assert_eq!(all.add_open_hours(t, 2.5), t + 2.5);
        }
        // 5 × 24 is not: it closes Saturday 09:00 until Monday 09:00.
        let weekdays = Calendar::new(5, 24.0).unwrap();
        assert!(!weekdays.is_always_open());
        assert!(weekdays.is_open(FRIDAY + 30.0)); // Saturday 06:00
        assert_eq!(weekdays.next_open(FRIDAY + 40.0), NEXT_MONDAY + 9.0);
    }

    #[test]
    fn schedules_outside_the_week_are_refused() {
        assert_eq!(Calendar::new(0, 8.0), Err(CalendarError::DaysPerWeek(0)));
        assert_eq!(Calendar::new(8, 8.0), Err(CalendarError::DaysPerWeek(8)));
        for h in [0.0, -1.0, 24.5, f64::NAN, f64::INFINITY] {
            assert!(
                matches!(Calendar::new(5, h), Err(CalendarError::HoursPerDay(_))),
                "{h}"
            );
        }
        let text = Calendar::new(5, 25.0).unwrap_err().to_string();
        assert!(
            text.contains("hours_per_day") && text.contains("at most 24"),
            "{text}"
        );
        let text = Calendar::new(9, 8.0).unwrap_err().to_string();
        assert!(
            text.contains("days_per_week") && text.contains("1 to 7"),
            "{text}"
        );
    }
}
