//! `cargo xtask bench`: the product measured the way readers, partners and
//! editors meet it, written to docs/benchmarks.md. Exits non-zero when a
//! budget is broken. Slow and machine-dependent: not part of `xtask test`.
//! One module per benchmark; each returns typed results, and the budgets
//! come from `crate::budgets`.

mod lighthouse;
pub mod list;
mod navigation;
mod photos;
mod properties;
mod publish;
mod search;
mod serve;

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::setup::{self, Needs};
use crate::tasks::{self, Nginx};
use crate::util::{output_of, root};
use crate::{budgets, sizes};

use lighthouse::Page;

const PORT: &str = "18090";
const PARTNER_PORT: &str = "18091";
/// Cases per property in the benchmark (the test command runs 10 000).
const PROPERTY_CASES: u32 = 1_000_000;

/// `--counts 10000,100000` (default: 10 000 and the budgets' size).
fn counts(args: &[String]) -> Result<Vec<usize>> {
    match args.iter().position(|a| a == "--counts") {
        Some(i) => args
            .get(i + 1)
            .context("--counts takes a list like 10000,100000")?
            .split(',')
            .map(|n| n.parse().context("--counts takes numbers"))
            .collect(),
        None => Ok(vec![10_000, budgets::PUBLISH_ARTICLES]),
    }
}

pub fn run_bench(args: &[String]) -> Result<()> {
    let counts = counts(args)?;
    setup::all(Needs::Everything)?;
    setup::apt(&[("hugo", "/usr/bin/hugo"), ("time", "/usr/bin/time")])?;
    let lighthouse_cli = lighthouse::install()?;

    let site_dir = root().join("target/bench-site");
    let base = format!("http://127.0.0.1:{PORT}");
    // The sample newsroom plus an article whose photo is a 16 MB camera file.
    let content = tasks::with_camera_photo(&root().join("target/bench-content"))?;
    tasks::site_of(&content, &site_dir, Some(&base))?;
    let mut failures = Vec::new();
    let mut report = String::new();

    // Transfer sizes.
    let rows = sizes::rows(&site_dir)?;
    report.push_str("## Transfer sizes\n\n");
    report.push_str(&sizes::table(&rows));
    failures.extend(sizes::broken(&rows).map(|(_, line)| line));

    // Lighthouse on real pages behind nginx with the shipped config.
    let server = Nginx::start_with(&site_dir, PORT, &partner_site()?)?;
    lighthouse_pages(
        &lighthouse_cli,
        &base,
        &site_dir,
        &mut report,
        &mut failures,
    )?;
    widget_on_partner_page(&lighthouse_cli, &mut report)?;
    // Client-side navigation against document loads, throttled.
    let nav = navigation::run(&base)?;
    let _ = write!(
        report,
        "\n## Navigation in the app against document loads (150 ms RTT, 1.6 Mbps, 4× CPU; median of {})\n\n\
         From the click (or Enter) until the new page's heading is in the document; the document load is the \
         same page's `loadEventEnd` from a warm HTTP cache. Goal: with hover ≤ 0.5, without ≤ 1.0.\n\n{}",
        nav.runs,
        nav.table()
    );
    failures.extend(nav.failures());
    drop(server);

    // List rendering against vanilla JS.
    let list = list::run()?;
    let _ = write!(
        report,
        "\n## Rendering {} headlines: Leptos against vanilla JS (headless Chromium, {} runs each, alternating)\n\n{}",
        list.rows,
        list.runs,
        list.table()
    );

    // The publisher against Hugo.
    let (text, broken) = publish_report(&counts)?;
    report.push_str(&text);
    failures.extend(broken);

    // The preview: from a saved edit to the new data served.
    let (text, broken) = serve::report()?;
    report.push_str(&text);
    failures.extend(broken);

    // Photos: cold encode against Hugo, and a warm rebuild.
    let (text, broken) = photos_report()?;
    report.push_str(&text);
    failures.extend(broken);

    // Search: the index, per-query costs, against Pagefind.
    report.push_str(&search::run()?);

    // The source format's property tests, at a million cases each.
    let properties = properties::run(PROPERTY_CASES)?;
    let _ = write!(
        report,
        "\n## Property tests of the source format (`crates/publish/tests/properties.rs`)\n\n\
         {} properties × {} cases each, optimised build: {:.1} s, no failure.\n",
        properties.properties, properties.cases, properties.seconds
    );

    write_doc(args, &report, &failures)
}

/// The partner pages Lighthouse measures, on their own port: nginx's
/// extra server block.
fn partner_site() -> Result<String> {
    let partner_dir = root().join("target/bench-partner");
    let _ = fs::remove_dir_all(&partner_dir);
    fs::create_dir_all(&partner_dir)?;
    for page in ["plain.html", "with-widget.html"] {
        let text = fs::read_to_string(root().join("tests/e2e/partner").join(page))?;
        fs::write(
            partner_dir.join(page),
            text.replace("127.0.0.1:18080", &format!("127.0.0.1:{PORT}")),
        )?;
    }
    let partner = format!(
        "server {{ listen 127.0.0.1:{PARTNER_PORT}; root {}; }}",
        partner_dir.display()
    );
    Ok(partner)
}

/// Lighthouse on the home, a category, the camera article and an author.
fn lighthouse_pages(
    lighthouse_cli: &Path,
    base: &str,
    site_dir: &Path,
    report: &mut String,
    failures: &mut Vec<String>,
) -> Result<()> {
    let article = lighthouse::article_path(site_dir, tasks::CAMERA_ARTICLE)?;
    let _ = write!(
        report,
        "\n## Lighthouse {} (mobile defaults: simulated slow 4G, 4× CPU slowdown), median of {}\n\n\
         | page | performance | accessibility | best practices | SEO | LCP | TBT | CLS | FCP |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        lighthouse::VERSION,
        lighthouse::RUNS
    );
    for (page, path) in [
        (Page::Home, "/".to_owned()),
        (Page::Category, "/c/chinh-tri/".to_owned()),
        (Page::Article, article),
        // The camera article's byline, Thu Hà (`tasks::with_camera_photo`).
        (Page::Author, "/tac-gia/thu-ha/".to_owned()),
    ] {
        let m = lighthouse::median(lighthouse_cli, &format!("{base}{path}"))?;
        let _ = writeln!(
            report,
            "| {} (`{path}`) | {:.0} | {:.0} | {:.0} | {:.0} | {:.2} s | {:.0} ms | {:.3} | {:.2} s |",
            page.name(),
            m.performance,
            m.accessibility,
            m.best_practices,
            m.seo,
            m.lcp_ms / 1000.0,
            m.tbt_ms,
            m.cls,
            m.fcp_ms / 1000.0
        );
        if page == Page::Article {
            failures.extend(m.article_failures());
        }
        if page == Page::Author && m.accessibility < 100.0 {
            failures.push(format!(
                "author page accessibility {:.0} < 100",
                m.accessibility
            ));
        }
    }
    Ok(())
}

/// What the script embed adds to a plain partner page.
fn widget_on_partner_page(lighthouse_cli: &Path, report: &mut String) -> Result<()> {
    let _ = write!(
        report,
        "\n## The widget on a partner page (Lighthouse, median of {})\n\n\
         | partner page | transfer | TBT | LCP | CLS |\n|---|---:|---:|---:|---:|\n",
        lighthouse::RUNS
    );
    let plain = lighthouse::median(
        lighthouse_cli,
        &format!("http://127.0.0.1:{PARTNER_PORT}/plain.html"),
    )?;
    let with_widget = lighthouse::median(
        lighthouse_cli,
        &format!("http://127.0.0.1:{PARTNER_PORT}/with-widget.html"),
    )?;
    for (name, m) in [("plain.html", plain), ("with-widget.html", with_widget)] {
        let _ = writeln!(
            report,
            "| {name} | {:.1} KB | {:.0} ms | {:.2} s | {:.3} |",
            m.bytes / 1000.0,
            m.tbt_ms,
            m.lcp_ms / 1000.0,
            m.cls
        );
    }
    let _ = writeln!(
        report,
        "| added by the widget | {:.1} KB | {:.0} ms | | |",
        (with_widget.bytes - plain.bytes) / 1000.0,
        with_widget.tbt_ms - plain.tbt_ms
    );
    Ok(())
}

/// `docs/benchmarks.md`: the report under its heading, and the budgets
/// broken (an error if any is).
fn write_doc(args: &[String], report: &str, failures: &[String]) -> Result<()> {
    let commit = output_of("git", &["rev-parse", "--short", "HEAD"]).unwrap_or_default();
    let date = output_of("date", &["-u", "+%Y-%m-%d %H:%M UTC"]).unwrap_or_default();
    let command = std::iter::once("cargo xtask bench".to_owned())
        .chain(args.iter().cloned())
        .collect::<Vec<_>>()
        .join(" ");
    let mut doc = format!(
        "# Benchmarks\n\nWritten by `{command}` on {date} at commit `{commit}`, on this project's \
         machine (2 cores, 24 GiB). Budgets: {}.\n\n",
        budgets::summary()
    );
    doc.push_str(report);
    doc.push_str(
        "\nWall times of `bantin build` depend mostly on how fast this machine's disk creates \
         files: the same 100 000-article data-only build took 7.9 s writing to tmpfs and 21–52 s \
         to the disk in other runs. What the app's bytes are: \
         [size-analysis.md](size-analysis.md).\n",
    );
    if failures.is_empty() {
        doc.push_str("\nEvery budget holds.\n");
    } else {
        let _ = write!(
            doc,
            "\n## Budgets broken\n\n{}\n",
            failures
                .iter()
                .map(|f| format!("- {f}"))
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    fs::write(root().join("docs/benchmarks.md"), &doc)?;
    println!("{doc}");
    if !failures.is_empty() {
        bail!("{} budget(s) broken", failures.len());
    }
    Ok(())
}

/// The photo section of the report, and the budgets it breaks.
fn photos_report() -> Result<(String, Vec<String>)> {
    let mut report = String::new();
    let mut failures = Vec::new();
    let bantin = publish::cli_binary()?;
    let p = photos::run(&bantin)?;
    let _ = write!(
        report,
        "\n## Photos: the pipeline against Hugo's image processing\n\n\
         The {} JPEGs of mate-backgrounds ({:.1} MB), WebP at 240–1600 px (none wider than the source), quality 72, \
         cold (no cache):\n\n| tool | wall | photos/s | WebP bytes |\n|---|---:|---:|---:|\n\
         | `bantin build` (also the JPEG fallbacks, share cards, colours) | {:.2} s | {:.2} | {:.1} MB |\n\
         | Hugo 0.111 `.Resize \"Nx webp q72\"` | {:.2} s | {:.2} | {:.1} MB |\n\
         | ratio Hugo / bantin | {:.2}× | | {:.2}× |\n\n\
         A warm rebuild of {} articles with {} cached photos: {:.2} s, against {:.2} s for the same articles \
         without photos (+{:.2} s; medians of 5 alternating runs).\n",
        p.photos,
        p.source_bytes as f64 / 1e6,
        p.bantin_s,
        p.photos as f64 / p.bantin_s,
        p.bantin_webp_bytes as f64 / 1e6,
        p.hugo_s,
        p.photos as f64 / p.hugo_s,
        p.hugo_webp_bytes as f64 / 1e6,
        p.hugo_s / p.bantin_s,
        p.hugo_webp_bytes as f64 / p.bantin_webp_bytes.max(1) as f64,
        p.warm_photos,
        p.warm_photos,
        p.warm_with_s,
        p.warm_without_s,
        p.warm_with_s - p.warm_without_s
    );
    if p.warm_with_s - p.warm_without_s > budgets::WARM_PHOTOS_SECONDS {
        failures.push(format!(
            "a warm rebuild of {} cached photos adds {:.2} s > {} s",
            p.warm_photos,
            p.warm_with_s - p.warm_without_s,
            budgets::WARM_PHOTOS_SECONDS
        ));
    }
    Ok((report, failures))
}

/// `cargo xtask bench-photos`: only the photo section, printed.
pub fn photos_command() -> Result<()> {
    setup::all(Needs::Everything)?;
    setup::apt(&[("hugo", "/usr/bin/hugo")])?;
    let (report, failures) = photos_report()?;
    println!("{report}");
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(())
}

pub use search::command as search_command;

/// The publisher against Hugo at each size, paired runs: the report's
/// section and what broke a budget.
fn publish_report(counts: &[usize]) -> Result<(String, Vec<String>)> {
    let mut text = String::from(
        "\n## Publishing: `bantin build` against Hugo 0.111 (paired, alternating runs)\n\n\
         On this machine's disk (ext4, no journal, on /dev/vda). Each pair runs both tools one after the other, \
         the order alternating from pair to pair; the ratio is bantin's full site over Hugo's minimal theme \
         (one page per article and a home list), pair by pair, and its median. *New article*: one article newer \
         than all others added to both corpora before each pair, then each tool builds into its previous output \
         (Hugo writes over `public/`; bantin rewrites what changed in its spare and swaps it in) — the editor's \
         rebuild, which the budgets apply to. *Rebuild*: the same with nothing changed. \
         *Fresh*: a new empty folder, the previous pair's folders deleted and the disk left alone 35 s first \
         (see `xtask/src/bench/publish.rs`). Written: what the output folder holds after the run.\n\n\
         | articles | situation | tool | wall, median (each run) | peak memory | written | files |\n|---:|---|---|---:|---:|---:|---:|\n",
    );
    let mut failures = Vec::new();
    let mut stages = String::new();
    for &count in counts {
        let pairs = if count <= 10_000 { 5 } else { 2 };
        let report = publish::measure(count, pairs)?;
        text.push_str(&report.table());
        stages.push_str(&report.stage_table());
        failures.extend(report.failures());
    }
    text.push_str(&stages);
    Ok((text, failures))
}

/// `cargo xtask bench-publish [--counts 10000]`: only the publisher against
/// Hugo, printed.
pub fn publish_command(args: &[String]) -> Result<()> {
    setup::apt(&[("hugo", "/usr/bin/hugo"), ("time", "/usr/bin/time")])?;
    let counts = counts(args)?;
    tasks::ensure_app()?;
    let (text, failures) = publish_report(&counts)?;
    println!("{text}");
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(())
}

/// `cargo xtask bench-serve`: only the preview's edit-to-visible latency.
pub fn serve_command() -> Result<()> {
    tasks::ensure_app()?;
    let (text, failures) = serve::report()?;
    println!("{text}");
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(())
}

/// `cargo xtask bench-navigation`: only the navigation comparison, printed.
pub fn navigation_command() -> Result<()> {
    setup::all(Needs::Everything)?;
    let site_dir = root().join("target/bench-site");
    let base = format!("http://127.0.0.1:{PORT}");
    tasks::site(&site_dir, Some(&base))?;
    let _server = Nginx::start(&site_dir, PORT)?;
    let nav = navigation::run(&base)?;
    println!("{}", nav.table());
    let failures = nav.failures();
    if !failures.is_empty() {
        bail!("{}", failures.join("\n"));
    }
    Ok(())
}
