//! Engine benchmarks (not timed tests): decisions and policy loads.
//! Run: `cargo bench --bench engine`. Prints a table of medians and p99s.
// Benchmarks are not in the bundle: its size rules do not apply.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::disallowed_methods
)]

use std::hint::black_box;
use std::time::Instant;

use hotgate::decision::decide;
use hotgate::incident::{Answer, Incident, validate};
use hotgate::outcome::outcome;
use hotgate::policy;

mod baseline;

/// A small deterministic generator (xorshift64*), so every run sees the
/// same incidents.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn bool(&mut self) -> bool {
        self.next() & 1 == 1
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Pseudo-random valid incidents for the default policy.
fn incidents(n: usize) -> Vec<Incident> {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    (0..n)
        .map(|i| {
            let severity = ["P1", "P2", "P3", "P4"][rng.below(4) as usize];
            let mut answers = vec![
                ("title".to_string(), Answer::Text(format!("Incident {i}"))),
                ("severity".to_string(), Answer::Text(severity.to_string())),
            ];
            for id in [
                "security_vulnerability",
                "actively_exploited",
                "customer_facing",
                "data_loss",
                "regulated",
                "workaround_available",
                "has_rollback_plan",
                "automated_tests_available",
            ] {
                answers.push((id.to_string(), Answer::Bool(rng.bool())));
            }
            answers.push((
                "affected_users".to_string(),
                Answer::Int(rng.below(100_000) as i64),
            ));
            answers.push((
                "change_size_lines".to_string(),
                Answer::Int(rng.below(1_000) as i64),
            ));
            Incident { answers }
        })
        .collect()
}

struct Stats {
    median: f64,
    p99: f64,
}

/// Per-call times in µs: median and 99th percentile.
fn stats(mut samples: Vec<f64>) -> Stats {
    samples.sort_by(f64::total_cmp);
    let at = |q: f64| samples[((samples.len() - 1) as f64 * q).round() as usize];
    Stats {
        median: at(0.5),
        p99: at(0.99),
    }
}

/// Per-item times in µs from batches of `BATCH` consecutive items, for
/// operations too fast to time one by one (a clock read costs ~20 ns).
fn time_batched<T>(items: &[T], mut f: impl FnMut(&T)) -> Stats {
    const BATCH: usize = 50;
    items.iter().for_each(&mut f);
    let samples = items
        .chunks(BATCH)
        .map(|chunk| {
            let start = Instant::now();
            chunk.iter().for_each(&mut f);
            start.elapsed().as_secs_f64() * 1e6 / chunk.len() as f64
        })
        .collect();
    stats(samples)
}

/// Rounds of [`time_paired`].
const PAIRED_ROUNDS: usize = 20;

/// Two operations over the same incidents, timed in batches of 50, in
/// rounds: each round draws a new order of the incidents, then times `a`
/// over all of them, then `b` in the same order. Many rounds make the
/// medians steady on a busy machine, and both see the same machine. A new
/// order each round keeps the branch predictor from learning the sequence:
/// repeating one order made the 15-cycle baseline twice as fast and the
/// ratio 14×, and timing each once, one after the other, gave 6.3× to
/// 9.9× from run to run.
fn time_paired<A, B>(
    a_items: &[A],
    mut a: impl FnMut(&A),
    b_items: &[B],
    mut b: impl FnMut(&B),
) -> (Stats, Stats) {
    const BATCH: usize = 50;
    a_items.iter().for_each(&mut a);
    b_items.iter().for_each(&mut b);
    let (mut a_samples, mut b_samples) = (Vec::new(), Vec::new());
    let mut rng = Rng(0x05ee_d0f0_2de5);
    let mut order: Vec<usize> = (0..a_items.len().min(b_items.len())).collect();
    for _ in 0..PAIRED_ROUNDS {
        // A new order each round: repeating one sequence lets the branch
        // predictor learn it, which flatters the smaller function.
        for i in (1..order.len()).rev() {
            order.swap(i, rng.below(i as u64 + 1) as usize);
        }
        for chunk in order.chunks(BATCH) {
            let start = Instant::now();
            chunk.iter().for_each(|&i| a(&a_items[i]));
            a_samples.push(start.elapsed().as_secs_f64() * 1e6 / chunk.len() as f64);
        }
        for chunk in order.chunks(BATCH) {
            let start = Instant::now();
            chunk.iter().for_each(|&i| b(&b_items[i]));
            b_samples.push(start.elapsed().as_secs_f64() * 1e6 / chunk.len() as f64);
        }
    }
    (stats(a_samples), stats(b_samples))
}

fn time_each<T>(items: &[T], mut f: impl FnMut(&T)) -> Stats {
    // One warm-up pass, then one timed pass.
    items.iter().for_each(&mut f);
    let samples = items
        .iter()
        .map(|item| {
            let start = Instant::now();
            f(item);
            start.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    stats(samples)
}

fn main() {
    let source = std::fs::read_to_string("policies/default.toml").unwrap();
    // `PROFILE=load` only loads the default policy, for a profiler.
    if std::env::var("PROFILE").as_deref() == Ok("parts") {
        let runs: Vec<&str> = vec![&source; 500];
        let toml = time_each(&runs, |t| {
            black_box(hotgate::toml::parse(black_box(t)));
        });
        let hash = time_each(&runs, |t| {
            black_box(hotgate::policy::fnv1a_hex(black_box(t)));
        });
        let lines = time_each(&runs, |t| {
            black_box(hotgate::diagnostic::LineIndex::new(black_box(t)));
        });
        println!(
            "toml {:.1} µs, hash {:.1} µs, line index {:.1} µs",
            toml.median, hash.median, lines.median
        );
        return;
    }
    if std::env::var("PROFILE").as_deref() == Ok("outcome") {
        let policy = policy::load(&source).unwrap();
        let facts: Vec<_> = incidents(10_000)
            .iter()
            .map(|i| validate(&policy, i).facts)
            .collect();
        for _ in 0..300 {
            for f in &facts {
                black_box(outcome(&policy, black_box(f)));
            }
        }
        return;
    }
    if std::env::var("PROFILE").as_deref() == Ok("load") {
        for _ in 0..5_000 {
            black_box(policy::load(black_box(&source)).unwrap());
        }
        return;
    }
    let policy = policy::load(&source).unwrap();
    let incidents = incidents(10_000);

    println!("| measurement (default policy, 10,000 incidents) | median µs | p99 µs |");
    println!("|---|---:|---:|");
    let facts: Vec<_> = incidents
        .iter()
        .map(|i| validate(&policy, i).facts)
        .collect();
    let typed: Vec<_> = incidents.iter().map(baseline::Typed::from).collect();
    let (base, engine) = time_paired(
        &typed,
        |t| {
            black_box(baseline::decide(black_box(t)));
        },
        &facts,
        |f| {
            black_box(outcome(&policy, black_box(f)));
        },
    );
    println!(
        "| baseline: hand-written Rust, verdict and requirement ids ({PAIRED_ROUNDS} rounds in shuffled order, batches of 50) | {:.4} | {:.4} |",
        base.median, base.p99
    );
    println!(
        "| engine: verdict and requirement ids (`outcome`, the same rounds) | {:.4} | {:.4} |",
        engine.median, engine.p99
    );
    println!(
        "| engine ÷ baseline (medians) | {:.1}× | |",
        engine.median / base.median
    );
    if std::env::var_os("HOT").is_some() {
        let one: Vec<_> = (0..10_000).map(|i| &facts[i % 16]).collect();
        let hot = time_batched(&one, |f| {
            black_box(outcome(&policy, black_box(f)));
        });
        println!(
            "| hot: the same 16 incidents | {:.4} | {:.4} |",
            hot.median, hot.p99
        );
    }
    // The engine and the baseline must agree, or the comparison means nothing.
    for (f, t) in facts.iter().zip(&typed) {
        baseline::assert_same(&outcome(&policy, f), &baseline::decide(t), &policy);
    }
    let full = time_each(&incidents, |incident| {
        let validated = validate(&policy, black_box(incident));
        black_box(decide(&policy, &validated.facts));
    });
    println!(
        "| validate + decide (complete decision) | {:.3} | {:.3} |",
        full.median, full.p99
    );
    let facts: Vec<_> = incidents
        .iter()
        .map(|i| validate(&policy, i).facts)
        .collect();
    let decide_only = time_each(&facts, |facts| {
        black_box(decide(&policy, black_box(facts)));
    });
    println!(
        "| decide only | {:.3} | {:.3} |",
        decide_only.median, decide_only.p99
    );
    let validate_only = time_each(&incidents, |incident| {
        black_box(validate(&policy, black_box(incident)));
    });
    println!(
        "| validate only | {:.3} | {:.3} |",
        validate_only.median, validate_only.p99
    );

    println!();
    println!("| policy load (parse + type-check), 500 loads | median µs | p99 µs |");
    println!("|---|---:|---:|");
    for name in ["default", "enterprise", "small-team"] {
        let text = std::fs::read_to_string(format!("policies/{name}.toml")).unwrap();
        let runs: Vec<&str> = vec![&text; 500];
        let load = time_each(&runs, |text| {
            black_box(policy::load(black_box(text)).unwrap());
        });
        println!(
            "| {name}.toml ({} bytes) | {:.1} | {:.1} |",
            text.len(),
            load.median,
            load.p99
        );
    }
}
