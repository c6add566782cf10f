//! `cargo xtask bench web`: the first load of each page of the release
//! build, served by our API server (dev mode, so with the demo data), as a
//! phone sees it: the bytes transferred on a first visit with an empty
//! cache (Chromium asks for Brotli, also on http://127.0.0.1), and
//! Lighthouse 12.2.3's mobile performance, LCP, CLS, TBT and
//! accessibility, then every target of issue #13, met or not. It also names
//! each page's LCP element and whether the HTML or the app paints it
//! (`end2end/bench/largest-paint.bench.ts`). A benchmark,
//! not a test: it prints figures and fails only when something does not
//! run.
//!
//! The bytes are Lighthouse's `total-byte-weight` (the transfer sizes
//! Chromium saw, headers included); each resource is then fetched again
//! with `Accept-Encoding: br` and what the server sends (headers and body,
//! as sent) is added up beside it, as a check.

use std::fs;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde_json::Value;
use tandem_api::paths;

use crate::bench;
use crate::bench_web_demo as demo;
use crate::fuzz;
use crate::process::{self, Output};
use crate::release_build;
use crate::stack::Stack;
use crate::web_budget;
use crate::workspace::Workspace;

mod results;
use results::{print_pages, print_targets};

const CHROMIUM: &str = "/usr/bin/chromium";
/// The Playwright benchmark that names each page's LCP element.
const LARGEST_PAINT_BENCH: &str = "largest-paint.bench.ts";
const CHROME_FLAGS: &str = "--headless=new --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync";
/// The call page's pre-join asks for the camera and microphone.
const MEDIA_FLAGS: &str = "--use-fake-ui-for-media-stream --use-fake-device-for-media-stream";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Booking,
    Call,
}

/// One page to measure.
struct Page {
    label: &'static str,
    path: String,
    signed_in: bool,
    kind: Kind,
    /// The Lighthouse performance score it must reach, if it has a target.
    performance_target: Option<f64>,
}

/// What Lighthouse and the replay measured on one page.
#[derive(Debug, Clone)]
struct Measured {
    lighthouse_bytes: f64,
    replayed_bytes: u64,
    requests: usize,
    performance: f64,
    accessibility: f64,
    lcp_ms: f64,
    cls: f64,
    tbt_ms: f64,
}

pub struct Options {
    pub skip_build: bool,
    pub runs: u32,
}

pub fn run(workspace: &Workspace, options: &Options) -> Result<bool> {
    if options.skip_build {
        println!("bench web: using the release build in dist/ (--skip-build)");
        refuse_a_dev_build(&workspace.dist_dir())?;
        release_build::precompress(workspace)?;
    } else {
        release_build::build(workspace, "bench web")?;
    }
    let lighthouse = workspace.node_modules().join(".bin").join("lighthouse");
    if !lighthouse.exists() {
        bail!(
            "{} is missing: run `cargo xtask setup` (npm ci)",
            lighthouse.display()
        );
    }
    let budget = web_budget::measure(&workspace.dist_dir())?;

    let stack = Stack::start_with_demo_data(workspace, "bench-web")?;
    let result = demo_pages(&stack).and_then(|(client, pages)| {
        let rows = measure_all(
            workspace,
            &stack,
            &lighthouse,
            &client,
            pages,
            options.runs.max(1),
        )?;
        print_largest_paints(workspace, &stack, &client, &rows)?;
        Ok(rows)
    });
    if result.is_err() {
        stack.print_server_log_tail();
    }
    stack.stop();
    let rows = result?;

    println!();
    println!(
        "release build: what index.html loads is {} with Brotli ({} files; the test command's budget is {})",
        web_budget::format_bytes(budget.total()),
        budget.files.len(),
        web_budget::format_bytes(web_budget::BOOKING_PAGES_BUDGET_BYTES)
    );
    print_pages(&rows);
    print_targets(&rows);
    Ok(true)
}

/// `trunk serve` writes its dev build into `dist/` too; measuring that
/// instead of the release build would be meaningless.
fn refuse_a_dev_build(dist: &Path) -> Result<()> {
    let index = dist.join("index.html");
    let html =
        fs::read_to_string(&index).with_context(|| format!("reading {}", index.display()))?;
    if html.contains("__TRUNK_ADDRESS__") {
        bail!(
            "{} is a `trunk serve` build (it has Trunk's live reload): run without --skip-build",
            index.display()
        );
    }
    Ok(())
}

/// The demo client's session cookie, and the pages to measure with the
/// demo data's ids.
fn demo_pages(stack: &Stack) -> Result<(String, Vec<Page>)> {
    let client = demo::sign_in_client(&stack.base_url)?;
    let professional_id = demo::professional_id(&stack.base_url, &client)?;
    let booking_id = demo::session_under_way(&stack.base_url, &client)?;
    Ok((client, pages(&professional_id, &booking_id)))
}

fn measure_all(
    workspace: &Workspace,
    stack: &Stack,
    lighthouse: &Path,
    client: &str,
    pages: Vec<Page>,
    runs: u32,
) -> Result<Vec<(Page, Measured)>> {
    let mut rows = Vec::new();
    for page in pages {
        let cookie = page.signed_in.then_some(client);
        let mut runs_of_page = Vec::new();
        for run in 1..=runs {
            println!(
                "bench web: Lighthouse on {} (run {run} of {runs})",
                page.path
            );
            let measured = measure_once(workspace, stack, lighthouse, &page, run, cookie)?;
            runs_of_page.push(measured);
        }
        // The run with the median performance score.
        runs_of_page.sort_by(|a, b| a.performance.total_cmp(&b.performance));
        let median = runs_of_page.swap_remove(runs_of_page.len() / 2);
        rows.push((page, median));
    }
    Ok(rows)
}

/// Lighthouse runs of one page before its own failure (a broken trace,
/// `NO_NAVSTART`) is taken as the answer.
const ATTEMPTS: u32 = 3;

/// Lighthouse could not measure the page: its `runtimeError`.
#[derive(Debug)]
struct LighthouseFailed(String);

impl std::fmt::Display for LighthouseFailed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Lighthouse could not measure the page: {}", self.0)
    }
}

impl std::error::Error for LighthouseFailed {}

/// One run of Lighthouse on `page`, run again (up to [`ATTEMPTS`] in all)
/// when Lighthouse fails inside itself; any other failure is final.
fn measure_once(
    workspace: &Workspace,
    stack: &Stack,
    lighthouse: &Path,
    page: &Page,
    run: u32,
    cookie: Option<&str>,
) -> Result<Measured> {
    let mut attempt = 1;
    loop {
        let measured = run_lighthouse(workspace, stack, lighthouse, page, run, cookie)
            .and_then(|report| read_report(&report, &stack.base_url, page, cookie));
        match measured {
            Err(error) if attempt < ATTEMPTS && error.is::<LighthouseFailed>() => {
                println!("bench web: {} on {}; running it again", error, page.path);
                attempt += 1;
            }
            measured => return measured,
        }
    }
}

fn pages(professional_id: &str, booking_id: &str) -> Vec<Page> {
    let booking = |label, path: &str, signed_in, target| Page {
        label,
        path: path.to_owned(),
        signed_in,
        kind: Kind::Booking,
        performance_target: target,
    };
    vec![
        booking("home", "/", false, Some(99.0)),
        booking("sign in", "/login", false, Some(95.0)),
        booking("register", "/register", false, None),
        booking("directory", "/professionals", true, None),
        booking(
            "professional",
            &format!("/professionals/{professional_id}"),
            true,
            Some(95.0),
        ),
        booking("sessions", "/sessions", true, Some(95.0)),
        Page {
            label: "call pre-join",
            path: format!("/call/{booking_id}"),
            signed_in: true,
            kind: Kind::Call,
            performance_target: Some(90.0),
        },
    ]
}

fn run_lighthouse(
    workspace: &Workspace,
    stack: &Stack,
    lighthouse: &Path,
    page: &Page,
    run: u32,
    cookie: Option<&str>,
) -> Result<PathBuf> {
    let name = format!("{}-{run}", page.label.replace(' ', "-"));
    let report = stack.run_dir.join(format!("lighthouse-{name}.json"));
    let log = stack.run_dir.join(format!("lighthouse-{name}.log"));
    let flags = match page.kind {
        Kind::Booking => CHROME_FLAGS.to_owned(),
        Kind::Call => format!("{CHROME_FLAGS} {MEDIA_FLAGS}"),
    };
    let mut command: Command = workspace.command(lighthouse)?;
    command
        .env("CHROME_PATH", CHROMIUM)
        .arg(format!("{}{}", stack.base_url, page.path))
        .args([
            "--output=json",
            "--only-categories=performance,accessibility",
            "--form-factor=mobile",
            "--quiet",
        ])
        .arg(format!("--output-path={}", report.display()))
        .arg(format!("--chrome-flags={flags}"));
    if let Some(session) = cookie {
        let headers = serde_json::json!({ "Cookie": fuzz::session_cookie(session) });
        command.arg(format!("--extra-headers={headers}"));
    }
    let mut child = process::Guarded::spawn("lighthouse", command, Output::LogFile(log.clone()))?;
    let status = child.wait()?;
    if !status.success() || !report.exists() {
        let tail = process::log_tail(&log, 20);
        // Its own failure (a broken trace): it exits with an error and
        // writes no report.
        if let Some(line) = tail
            .lines()
            .find(|line| line.contains("Runtime error encountered"))
        {
            return Err(LighthouseFailed(line.trim().to_owned()).into());
        }
        bail!("Lighthouse failed on {} ({status}):\n{tail}", page.path);
    }
    Ok(report)
}

/// Which element is each page's LCP, and whether the HTML or the app
/// paints it (`end2end/bench/largest-paint.bench.ts`, in Playwright's
/// Chromium: Lighthouse's own audit of it fails with Debian's Chromium).
fn print_largest_paints(
    workspace: &Workspace,
    stack: &Stack,
    client: &str,
    rows: &[(Page, Measured)],
) -> Result<()> {
    let pages: Vec<Value> = rows
        .iter()
        .map(|(page, _)| serde_json::json!({ "path": page.path, "signedIn": page.signed_in }))
        .collect();
    let mut playwright = stack.playwright(workspace, bench::BENCH_CONFIG)?;
    playwright
        .arg(LARGEST_PAINT_BENCH)
        .env("BENCH_PAGES", Value::Array(pages).to_string())
        .env("BENCH_SESSION_COOKIE", fuzz::session_cookie(client));
    println!("bench web: the largest contentful paint of each page, in Playwright");
    let status = process::run("playwright", playwright)?;
    if !status.success() {
        bail!("finding each page's largest contentful paint failed ({status})");
    }
    Ok(())
}

fn read_report(
    report: &Path,
    base_url: &str,
    page: &Page,
    cookie: Option<&str>,
) -> Result<Measured> {
    let text =
        fs::read_to_string(report).with_context(|| format!("reading {}", report.display()))?;
    let lhr: Value =
        serde_json::from_str(&text).with_context(|| format!("{} is not JSON", report.display()))?;
    if let Some(error) = lhr.get("runtimeError") {
        let code = error["code"].as_str().unwrap_or("unknown");
        let message = error["message"].as_str().unwrap_or_default();
        return Err(LighthouseFailed(format!("{code} ({message})")).into());
    }
    let audit = |id: &str| -> Result<f64> {
        lhr["audits"][id]["numericValue"]
            .as_f64()
            .with_context(|| format!("no {id} in {}", report.display()))
    };
    let score = |id: &str| -> Result<f64> {
        lhr["categories"][id]["score"]
            .as_f64()
            .map(|score| (score * 100.0).round())
            .with_context(|| format!("no {id} score in {}", report.display()))
    };
    let requests = lhr["audits"]["network-requests"]["details"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if page.signed_in {
        let me = requests.iter().find(|item| {
            item["url"]
                .as_str()
                .is_some_and(|url| url.ends_with(paths::AUTH_ME))
        });
        if me.and_then(|item| item["statusCode"].as_u64()) != Some(200) {
            bail!(
                "{} was not measured signed in: {} did not answer 200",
                page.path,
                paths::AUTH_ME
            );
        }
    }
    let replayed = replay(&requests, base_url, cookie, report)?;
    Ok(Measured {
        lighthouse_bytes: audit("total-byte-weight")?,
        replayed_bytes: replayed,
        requests: requests.len(),
        performance: score("performance")?,
        accessibility: score("accessibility")?,
        lcp_ms: audit("largest-contentful-paint")?,
        cls: audit("cumulative-layout-shift")?,
        tbt_ms: audit("total-blocking-time")?,
    })
}

/// Fetches again every resource of the page from our server with
/// `Accept-Encoding: br` and adds up what it sends (status line, headers,
/// body as encoded); writes the per-resource comparison beside the report.
fn replay(requests: &[Value], base_url: &str, cookie: Option<&str>, report: &Path) -> Result<u64> {
    let agent = fuzz::agent();
    let mut total = 0;
    let mut lines = vec![format!(
        "{:>10} {:>10} {:>8}  url",
        "lighthouse", "replayed", "encoding"
    )];
    for item in requests {
        let Some(url) = item["url"].as_str() else {
            continue;
        };
        if !url.starts_with(base_url) {
            continue;
        }
        let mut request = agent.get(url).header("accept-encoding", "br");
        if let Some(session) = cookie {
            request = request.header("cookie", fuzz::session_cookie(session));
        }
        let mut response = request
            .call()
            .with_context(|| format!("fetching {url} again"))?;
        let mut head = "HTTP/1.1 200 OK\r\n".len() + 2;
        for (name, value) in response.headers() {
            head += name.as_str().len() + value.as_bytes().len() + 4;
        }
        let encoding = response
            .headers()
            .get("content-encoding")
            .and_then(|value| value.to_str().ok())
            .unwrap_or("-")
            .to_owned();
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .read_to_end(&mut body)
            .with_context(|| format!("reading {url}"))?;
        let sent = (head + body.len()) as u64;
        total += sent;
        lines.push(format!(
            "{:>10} {:>10} {:>8}  {url}",
            item["transferSize"].as_f64().unwrap_or(0.0),
            sent,
            encoding
        ));
    }
    let listing = report.with_extension("resources.txt");
    fs::write(&listing, lines.join("\n") + "\n")
        .with_context(|| format!("writing {}", listing.display()))?;
    Ok(total)
}
