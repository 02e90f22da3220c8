//! Tests of the desk: calendar waits, first come first served against a
//! naive reference, busy time, backlog, reset and refusals.

use super::*;
use crate::rng::{Purpose, StreamKey, WomRng};
use crate::staffing::{DurationDist, DurationSampler};
use rand::RngExt;

const MONDAY: f64 = 0.0;
const TUESDAY: f64 = 24.0;
const FRIDAY: f64 = 96.0;
const NEXT_MONDAY: f64 = 168.0;

fn office() -> Calendar {
    Calendar::new(5, 8.0).unwrap()
}

/// The same queue by brute force: the free agent is found by a linear scan
/// over a plain list, `O(c)` per complaint.
fn naive_starts(agents: usize, cal: &Calendar, jobs: &[(f64, f64)]) -> Vec<f64> {
    let mut free = vec![0.0f64; agents];
    jobs.iter()
        .map(|&(arrival, handle)| {
            let (i, _) = free
                .iter()
                .enumerate()
                .min_by(|a, b| a.1.total_cmp(b.1))
                .unwrap();
            let start = cal.next_open(arrival.max(free[i]));
            free[i] = cal.add_open_hours(start, handle);
            start
        })
        .collect()
}

/// `n` complaints at uniform random times in `[0, horizon)`, sorted, each
/// with an exponential handling time of mean `mean_handle`.
fn random_jobs(rng: &mut WomRng, n: usize, horizon: f64, mean_handle: f64) -> Vec<(f64, f64)> {
    let handle = DurationSampler::new(&DurationDist::exponential(mean_handle).unwrap()).unwrap();
    let mut arrivals: Vec<f64> = (0..n).map(|_| horizon * rng.random::<f64>()).collect();
    arrivals.sort_by(f64::total_cmp);
    arrivals
        .into_iter()
        .map(|a| (a, handle.sample(rng)))
        .collect()
}

#[test]
fn a_thousand_agents_always_open_never_keep_anyone_waiting() {
    // 20,000 complaints in 30 days with half an hour's work each: about 14
    // busy at a time, far below 1,000, so every response time is exactly 0.
    let mut rng = StreamKey::new(11).replication(0).rng(Purpose::Handle);
    let jobs = random_jobs(&mut rng, 20_000, 720.0, 0.5);
    let mut desk = Desk::new(1_000, Calendar::always_open()).unwrap();
    for &(arrival, handle) in &jobs {
        let s = desk.serve(arrival, handle).unwrap();
        assert_eq!(s.wait_hours, 0.0);
        assert_eq!(s.start_hours, arrival);
    }
    assert_eq!(desk.backlog_at(720.0).unwrap(), 0);
}

#[test]
fn monday_evening_complaint_waits_until_tuesday_morning() {
    // Closed at night, whether 5 or 7 days a week: 20:00 → 09:00 next day.
    for days in [5, 7] {
        let mut desk = Desk::new(3, Calendar::new(days, 8.0).unwrap()).unwrap();
        let s = desk.serve(MONDAY + 20.0, 0.5).unwrap();
        assert_eq!(s.start_hours, TUESDAY + 9.0);
        assert_eq!(s.wait_hours, 13.0);
    }
}

#[test]
fn friday_evening_complaint_waits_until_monday_morning() {
    let mut desk = Desk::new(2, office()).unwrap();
    let s = desk.serve(FRIDAY + 20.0, 0.5).unwrap();
    assert_eq!(s.start_hours, NEXT_MONDAY + 9.0);
    assert_eq!(s.wait_hours, 61.0);
    // A seven-day desk answers on Saturday morning instead.
    let mut weekend = Desk::new(2, Calendar::new(7, 8.0).unwrap()).unwrap();
    assert_eq!(weekend.serve(FRIDAY + 20.0, 0.5).unwrap().wait_hours, 13.0);
}

#[test]
fn first_come_first_served_by_the_first_free_agent() {
    let mut desk = Desk::new(3, Calendar::always_open()).unwrap();
    let starts: Vec<f64> = [
        (0.0, 5.0),
        (0.0, 1.0),
        (0.0, 3.0),
        (0.5, 1.0),
        (0.6, 1.0),
        (0.7, 1.0),
    ]
    .iter()
    .map(|&(a, h)| desk.serve(a, h).unwrap().start_hours)
    .collect();
    // Agents free at 5, 1, 3; then 2, 3, 3 in turn.
    assert_eq!(starts, vec![0.0, 0.0, 0.0, 1.0, 2.0, 3.0]);
}

#[test]
fn the_heap_desk_matches_a_naive_queue() {
    // Random streams, several desk sizes and calendars (including a late
    // shift past midnight): identical start times, complaint by complaint.
    let calendars = [
        Calendar::always_open(),
        office(),
        Calendar::new(6, 20.0).unwrap(),
    ];
    for (k, cal) in calendars.iter().enumerate() {
        for agents in [1, 2, 7, 40] {
            let key = StreamKey::new(23)
                .replication(k as u64)
                .sub(u64::from(agents));
            let jobs = random_jobs(&mut key.rng(Purpose::Handle), 3_000, 2_000.0, 1.5);
            let expected = naive_starts(agents as usize, cal, &jobs);
            let mut desk = Desk::new(agents, *cal).unwrap();
            for (&(a, h), want) in jobs.iter().zip(expected) {
                assert_eq!(desk.serve(a, h).unwrap().start_hours, want);
            }
        }
    }
}

#[test]
fn service_pauses_overnight_and_the_backlog_carries_over() {
    let mut desk = Desk::new(1, office()).unwrap();
    let a = desk.serve(MONDAY + 9.0, 2.0).unwrap(); // 09:00–11:00
    let b = desk.serve(MONDAY + 16.0, 2.0).unwrap(); // 16:00–17:00, Tue 09:00–10:00
    let c = desk.serve(MONDAY + 16.5, 1.0).unwrap(); // waits: Tue 10:00–11:00
    assert_eq!((a.start_hours, a.finish_hours), (9.0, 11.0));
    assert_eq!((b.start_hours, b.finish_hours), (16.0, TUESDAY + 10.0));
    assert_eq!(
        (c.start_hours, c.finish_hours),
        (TUESDAY + 10.0, TUESDAY + 11.0)
    );
    assert_eq!(desk.backlog_at(MONDAY + 17.0).unwrap(), 1);
    assert_eq!(desk.backlog_at(TUESDAY + 10.0).unwrap(), 0);

    let monday = desk.end_span(TUESDAY).unwrap();
    assert_eq!(monday.backlog, 1);
    assert_eq!(monday.open_agent_hours, 8.0);
    assert!((monday.busy_open_hours - 3.0).abs() < 1e-12, "{monday:?}");
    assert!((monday.utilisation - 3.0 / 8.0).abs() < 1e-12);
    let tuesday = desk.end_span(TUESDAY + 24.0).unwrap();
    assert_eq!((tuesday.from_hours, tuesday.backlog), (TUESDAY, 0));
    assert!((tuesday.busy_open_hours - 2.0).abs() < 1e-12, "{tuesday:?}");
    assert!((tuesday.utilisation - 2.0 / 8.0).abs() < 1e-12);
    // The weekend has no open hours: utilisation 0, not NaN.
    desk.end_span(FRIDAY + 24.0).unwrap();
    let weekend = desk.end_span(NEXT_MONDAY).unwrap();
    assert_eq!((weekend.open_agent_hours, weekend.utilisation), (0.0, 0.0));
    assert!((desk.work_done_until(NEXT_MONDAY).unwrap() - 5.0).abs() < 1e-12);
}

#[test]
fn busy_time_of_each_span_matches_a_brute_force_count() {
    // Two agents, a desk open 6 × 10 hours, a long random stream cut into
    // weekly spans. Brute force: each complaint occupies the open-hour
    // interval [F(start), F(start) + handle) (F = open hours since hour 0),
    // and a span's busy time is the sum of their overlaps with
    // [F(from), F(to)). The desk gets the same from free times alone.
    let cal = Calendar::new(6, 10.0).unwrap();
    let jobs = random_jobs(
        &mut StreamKey::new(5).rng(Purpose::Handle),
        4_000,
        50.0 * 168.0,
        1.5,
    );
    let mut desk = Desk::new(2, cal).unwrap();
    let mut served: Vec<(f64, f64)> = Vec::new();
    let mut next = 0;
    let mut max_backlog = 0;
    for week in 1..=60 {
        let (from, to) = (f64::from(week - 1) * 168.0, f64::from(week) * 168.0);
        while next < jobs.len() && jobs[next].0 < to {
            let s = desk.serve(jobs[next].0, jobs[next].1).unwrap();
            served.push((cal.open_hours_until(s.start_hours), jobs[next].1));
            next += 1;
        }
        let span = desk.end_span(to).unwrap();
        let (lo, hi) = (cal.open_hours_until(from), cal.open_hours_until(to));
        let brute: f64 = served
            .iter()
            .map(|&(f, h)| ((f + h).min(hi) - f.max(lo)).max(0.0))
            .sum();
        assert!(
            (span.busy_open_hours - brute).abs() < 1e-6,
            "week {week}: {span:?} vs {brute}"
        );
        assert!((span.utilisation - brute / (2.0 * 60.0)).abs() < 1e-9);
        assert!(span.utilisation <= 1.0);
        max_backlog = max_backlog.max(span.backlog);
    }
    // The load (4,000 × 1.5 h over 50 weeks, 120 h/week capacity) keeps the
    // desk busy, with some weeks ending in a backlog.
    assert!(max_backlog > 0);
}

#[test]
fn reset_replays_exactly() {
    let jobs = random_jobs(&mut StreamKey::new(9).rng(Purpose::Handle), 500, 300.0, 2.0);
    let mut desk = Desk::new(2, office()).unwrap();
    let run = |desk: &mut Desk| -> Vec<Served> {
        jobs.iter()
            .map(|&(a, h)| desk.serve(a, h).unwrap())
            .collect()
    };
    let first = run(&mut desk);
    let first_span = desk.end_span(400.0).unwrap();
    desk.reset();
    assert_eq!(run(&mut desk), first);
    assert_eq!(desk.end_span(400.0).unwrap(), first_span);
    // Reconfigured to another desk and back, it replays exactly too.
    desk.reset_to(5, Calendar::always_open()).unwrap();
    assert_eq!(desk.agents(), 5);
    let other: Vec<Served> = run(&mut desk);
    assert_ne!(other, first);
    assert_eq!(desk.reset_to(0, office()), Err(DeskError::NoAgents));
    assert_eq!(
        desk.agents(),
        5,
        "a refused reset leaves the desk as it was"
    );
    desk.reset_to(2, office()).unwrap();
    assert_eq!(run(&mut desk), first);
}

#[test]
fn bad_requests_are_refused_and_leave_the_desk_unchanged() {
    assert_eq!(Desk::new(0, office()).unwrap_err(), DeskError::NoAgents);
    let mut desk = Desk::new(1, office()).unwrap();
    desk.serve(10.0, 1.0).unwrap();
    assert!(matches!(desk.serve(f64::NAN, 1.0), Err(DeskError::BadArrival(x)) if x.is_nan()));
    assert!(matches!(
        desk.serve(-1.0, 1.0),
        Err(DeskError::BadArrival(_))
    ));
    assert_eq!(
        desk.serve(9.0, 1.0),
        Err(DeskError::OutOfOrder {
            arrival_hours: 9.0,
            previous_hours: 10.0
        })
    );
    assert_eq!(desk.serve(11.0, -2.0), Err(DeskError::BadHandling(-2.0)));
    assert!(matches!(
        desk.serve(11.0, f64::INFINITY),
        Err(DeskError::BadHandling(_))
    ));
    assert!(matches!(
        desk.backlog_at(9.5),
        Err(DeskError::TooEarly { .. })
    ));
    assert!(matches!(
        desk.work_done_until(f64::NAN),
        Err(DeskError::TooEarly { .. })
    ));
    desk.end_span(12.0).unwrap();
    assert!(matches!(
        desk.end_span(11.0),
        Err(DeskError::TooEarly { .. })
    ));
    // None of the refusals changed anything: the agent is free at 11:00.
    assert_eq!(desk.serve(12.0, 1.0).unwrap().start_hours, 12.0);
    let text = DeskError::OutOfOrder {
        arrival_hours: 9.0,
        previous_hours: 10.0,
    }
    .to_string();
    assert!(text.contains("arrival order"), "{text}");
}
