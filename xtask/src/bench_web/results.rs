//! What `cargo xtask bench web` prints at the end: each page's figures,
//! then every target of issue #13, met or not.

use super::{Kind, Measured, Page};

/// Issue #13's targets, in bytes (1 KB = 1,000 bytes), scores (0–100),
/// milliseconds and CLS.
const BOOKING_PAGE_BYTES: f64 = 150_000.0;
const CALL_PAGE_EXTRA_BYTES: f64 = 300_000.0;
const LCP_MS: f64 = 2_000.0;
const CLS: f64 = 0.02;
const TBT_MS: f64 = 100.0;

pub(super) fn print_pages(rows: &[(Page, Measured)]) {
    println!();
    println!(
        "| page | transferred (Lighthouse) | sent by the server (br, fetched again) | requests | performance | LCP | CLS | TBT | accessibility |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (page, m) in rows {
        println!(
            "| `{}` | {:.1} KB | {:.1} KB | {} | {} | {:.2} s | {:.3} | {:.0} ms | {} |",
            page.path,
            m.lighthouse_bytes / 1000.0,
            m.replayed_bytes as f64 / 1000.0,
            m.requests,
            m.performance,
            m.lcp_ms / 1000.0,
            m.cls,
            m.tbt_ms,
            m.accessibility
        );
    }
}

pub(super) fn print_targets(rows: &[(Page, Measured)]) {
    let mut lines: Vec<(String, String, bool)> = Vec::new();
    let largest_booking = rows
        .iter()
        .filter(|(page, _)| page.kind == Kind::Booking)
        .map(|(_, m)| m.lighthouse_bytes)
        .fold(0.0, f64::max);
    let sessions = rows
        .iter()
        .find(|(page, _)| page.path == "/sessions")
        .map(|(_, m)| m.lighthouse_bytes);
    for (page, m) in rows {
        match page.kind {
            Kind::Booking => lines.push((
                format!("`{}` ≤ 150 KB transferred", page.path),
                format!("{:.1} KB", m.lighthouse_bytes / 1000.0),
                m.lighthouse_bytes <= BOOKING_PAGE_BYTES,
            )),
            Kind::Call => {
                let extra = m.lighthouse_bytes - sessions.unwrap_or(largest_booking);
                lines.push((
                    format!("`{}` ≤ 300 KB more than `/sessions`", page.path),
                    format!("{:+.1} KB", extra / 1000.0),
                    extra <= CALL_PAGE_EXTRA_BYTES,
                ));
            }
        }
        if let Some(target) = page.performance_target {
            lines.push((
                format!("`{}` performance ≥ {target}", page.path),
                format!("{}", m.performance),
                m.performance >= target,
            ));
            if page.kind == Kind::Booking {
                lines.push((
                    format!("`{}` LCP ≤ 2.0 s", page.path),
                    format!("{:.2} s", m.lcp_ms / 1000.0),
                    m.lcp_ms <= LCP_MS,
                ));
                lines.push((
                    format!("`{}` CLS ≤ 0.02", page.path),
                    format!("{:.3}", m.cls),
                    m.cls <= CLS,
                ));
                lines.push((
                    format!("`{}` TBT ≤ 100 ms", page.path),
                    format!("{:.0} ms", m.tbt_ms),
                    m.tbt_ms <= TBT_MS,
                ));
            }
        }
        lines.push((
            format!("`{}` accessibility 100", page.path),
            format!("{}", m.accessibility),
            m.accessibility >= 100.0,
        ));
    }
    println!();
    println!("| target (issue #13) | measured | |");
    println!("|---|---:|---|");
    for (target, measured, met) in &lines {
        println!(
            "| {target} | {measured} | {} |",
            if *met { "met" } else { "NOT met" }
        );
    }
    let met = lines.iter().filter(|(_, _, met)| *met).count();
    println!();
    println!("{met} of {} targets met", lines.len());
}
