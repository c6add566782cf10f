//! Latencies and throughput of one phase.

use serde::Serialize;
use std::time::Duration;

/// What one phase measured.
#[derive(Debug, Clone, Serialize)]
pub struct Figures {
    pub requests: usize,
    /// Answers with the status the phase expects (201 for bookings, 200
    /// for reads).
    pub expected: usize,
    pub per_second: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

impl Figures {
    pub fn of(mut latencies: Vec<Duration>, expected: usize, elapsed: Duration) -> Self {
        latencies.sort_unstable();
        let millis = |q: usize| {
            latencies
                .get((latencies.len() * q / 100).min(latencies.len().saturating_sub(1)))
                .map_or(0.0, |d| d.as_secs_f64() * 1000.0)
        };
        Self {
            requests: latencies.len(),
            expected,
            per_second: expected as f64 / elapsed.as_secs_f64().max(f64::EPSILON),
            p50_ms: millis(50),
            p99_ms: millis(99),
        }
    }
}
