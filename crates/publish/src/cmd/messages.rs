//! Everything the CLI prints, in one place: what a command did, what it
//! held back, what it noticed, and why it failed. Problems and notes go to
//! standard error, the outcome to standard output.

use std::path::Path;

use crate::build::BuildReport;
use crate::check::{Held, HeldBack, Newsroom};
use crate::problem::{Problem, Problems};

/// Warnings and notes: printed, never a failure.
pub fn notes(notes: &[Problem]) {
    for note in notes {
        eprintln!("{note}");
    }
}

/// What the build or check held back, for the editor.
pub fn held(held: &[HeldBack]) {
    for h in held {
        let what = match h.why {
            Held::Draft => "draft, not published".to_owned(),
            Held::Scheduled => format!(
                "scheduled: published at {} (Vietnam time)",
                bantin_model::date_short(&h.article.published)
            ),
        };
        eprintln!("{}: {what} — «{}»", h.path.display(), h.article.title);
    }
}

/// `bantin check` found nothing wrong.
pub fn checked(content: &Path, newsroom: &Newsroom) {
    notes(&newsroom.notes);
    held(&newsroom.held);
    println!(
        "{}: {} articles in {} categories, no problems",
        content.display(),
        newsroom.articles.len(),
        newsroom.site.categories.len()
    );
}

/// `bantin build` wrote the site.
pub fn built(out: &Path, report: &BuildReport) {
    notes(&report.notes);
    held(&report.held);
    println!(
        "wrote {}: {} articles in {} categories, {} photos ({} encoded, the others from the cache), search index {:.1} MB built in {:.2} s{}",
        out.display(),
        report.articles,
        report.categories,
        report.photos,
        report.encoded,
        report.search_bytes as f64 / 1e6,
        report.search_time.as_secs_f64(),
        if report.search_base_reused {
            " (its base as the last build wrote it)"
        } else {
            ""
        }
    );
    if let Some((counts, upload)) = &report.changes {
        println!(
            "since the deployed build: {} new and {} changed files to upload ({}), {} to delete, {} URLs to purge",
            counts.added,
            counts.changed,
            upload.display(),
            counts.removed,
            counts.purge
        );
    }
}

/// `--timings`: each stage of a build that finished, and the process's
/// peak memory (a failed build's too: what a bad input cost is worth
/// knowing).
pub fn timings(report: Option<&BuildReport>) {
    for (stage, time) in report.map(|r| r.timings.stages()).unwrap_or_default() {
        eprintln!("{:>18}  {:>7.2} s", stage.name(), time.as_secs_f64());
    }
    if let Some(kb) = peak_memory_kb() {
        eprintln!("{:>18}  {:>7} MB", "peak memory", kb / 1024);
    }
}

/// The process's peak resident memory (`VmHWM`), where the system tells.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Why a command failed: every problem on its line, or the error.
pub fn failure(err: &anyhow::Error, building: bool) {
    let Some(problems) = err.downcast_ref::<Problems>() else {
        eprintln!("error: {err:#}");
        return;
    };
    for problem in &problems.0 {
        eprintln!("{problem}");
    }
    let outcome = if building {
        "; nothing was written"
    } else {
        ""
    };
    eprintln!("{} problem(s) found{outcome}", problems.0.len());
}
