//! The desk against Erlang C (MODEL.md, "Oracle"): always open, Poisson
//! arrivals at a steady rate and exponential handling times make it an
//! M/M/c queue, whose steady state Erlang C gives exactly.

use super::{Calendar, Desk, DurationDist, DurationSampler, Workload};
use crate::rng::{Purpose, StreamKey};
use rand_distr::{Distribution, Exp};

/// Mean and standard error of the mean of independent values.
fn mean_and_se(values: &[f64]) -> (f64, f64) {
    let n = values.len() as f64;
    let mean = values.iter().sum::<f64>() / n;
    let var = values.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / (n - 1.0);
    (mean, (var / n).sqrt())
}

#[test]
fn always_open_desk_agrees_with_erlang_c() {
    // M/M/4 with λ = 3 per hour and mean handling time 1 hour: load A = 3
    // Erlangs, occupancy 0.75. Erlang C gives P(wait > 0) = C(4, 3),
    // the mean wait C·AHT/(c − A), P(W ≤ 15 min) = 1 − C·e^{−(c−A)·0.25} and,
    // in the long run, agents busy A/c of the time.
    const AGENTS: u32 = 4;
    const RATE: f64 = 3.0;
    const AHT: f64 = 1.0;
    const WITHIN: f64 = 0.25;
    let erlang = Workload::new(RATE, AHT)
        .unwrap()
        .with_agents(AGENTS)
        .unwrap();

    // Standard errors. Successive waits in a queue are strongly correlated,
    // so the spread of waits within one run says little about the error of
    // their mean. Instead each of R = 40 independent replications (own keyed
    // streams) yields one estimate of each quantity from N = 100,000
    // complaints after a warm-up of 2,500; the R estimates are i.i.d., so
    // the error of their average is s/√R with s their sample standard
    // deviation (R = 40 makes s accurate to about ±11%). A correct desk
    // then falls outside ±4·SE with probability about 6e-5 per quantity
    // (normal tails; a Student t with 39 degrees of freedom puts 0.03% beyond
    // 4, still negligible).
    //
    // Bias. The queue starts empty, which biases early waits low. Its
    // relaxation time is of order 1/(c·μ·(1 − √ρ)²) ≈ 14 hours ≈ 40
    // arrivals here, so after 2,500 arrivals the start is forgotten to far
    // below the standard error (the bias on the N-complaint mean is of order
    // 40/100,000 of the initial deficit).
    const REPLICATIONS: u64 = 40;
    const WARM_UP: usize = 2_500;
    const MEASURED: usize = 100_000;
    let handling = DurationSampler::new(&DurationDist::exponential(AHT).unwrap()).unwrap();
    let gaps = Exp::new(RATE).unwrap();
    let mut desk = Desk::new(AGENTS, Calendar::always_open()).unwrap();
    let (mut p_wait, mut mean_wait, mut within, mut utilisation) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for r in 0..REPLICATIONS {
        let key = StreamKey::new(2024).replication(r);
        let mut arrivals_rng = key.sub(0).rng(Purpose::Arrival);
        let mut handle_rng = key.sub(1).rng(Purpose::Handle);
        desk.reset();
        let mut t = 0.0;
        let (mut waited, mut total_wait, mut answered_within) = (0usize, 0.0, 0usize);
        for i in 0..WARM_UP + MEASURED {
            t += gaps.sample(&mut arrivals_rng);
            if i == WARM_UP {
                desk.end_span(t).unwrap();
            }
            let served = desk.serve(t, handling.sample(&mut handle_rng)).unwrap();
            if i >= WARM_UP {
                waited += usize::from(served.wait_hours > 0.0);
                total_wait += served.wait_hours;
                answered_within += usize::from(served.wait_hours <= WITHIN);
            }
        }
        let n = MEASURED as f64;
        p_wait.push(waited as f64 / n);
        mean_wait.push(total_wait / n);
        within.push(answered_within as f64 / n);
        utilisation.push(desk.end_span(t).unwrap().utilisation);
    }
    let checks = [
        ("P(wait > 0)", &p_wait, erlang.p_wait()),
        ("mean wait (h)", &mean_wait, erlang.asa_hours()),
        (
            "P(wait <= 15 min)",
            &within,
            erlang.service_level(WITHIN).unwrap(),
        ),
        ("utilisation", &utilisation, erlang.occupancy()),
    ];
    for (what, values, exact) in checks {
        let (mean, se) = mean_and_se(values);
        assert!(
            (mean - exact).abs() < 4.0 * se,
            "{what}: simulated {mean} ± {se} (se), Erlang C {exact}"
        );
        // The test has power: 4 SE is under 5% of each quantity, so a desk
        // whose waits or busy time are off by 5% (lost or invented capacity,
        // a wrong agent chosen) fails.
        assert!(
            4.0 * se < 0.05 * exact,
            "{what}: se {se} too large for {exact}"
        );
    }
}
