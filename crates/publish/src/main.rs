use std::path::PathBuf;
use std::process::ExitCode;

use bantin_publish::validate::{Held, HeldBack};
use bantin_publish::{api::RenderOptions, build, check, clock, new, BuildOptions, Problems};
use chrono::{DateTime, FixedOffset};
use clap::{Parser, Subcommand};

/// Checks a newsroom's articles and publishes them as a static site.
#[derive(Parser)]
#[command(name = "bantin", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate every article and the site settings; print every problem.
    Check {
        /// The content folder (site.toml, articles, media).
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// Encoded photos kept between runs (default: .bantin-cache beside the content).
        #[arg(long)]
        cache: Option<PathBuf>,
        /// The time scheduled articles are compared with (RFC 3339; default: now).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<FixedOffset>>,
    },
    /// Start a draft: content/drafts/{category}/{id}.txt, with the next free
    /// id and the current Vietnam time; prints its path.
    New {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The category's slug, as in site.toml.
        #[arg(long)]
        category: String,
        /// The byline: "Thu Hà, Văn Nam".
        #[arg(long, default_value = "")]
        by: String,
        /// The title, in quotes.
        title: String,
    },
    /// Preview the site while you write: builds it (drafts and scheduled
    /// articles included, with a banner), serves it on 127.0.0.1, rebuilds
    /// on every save and reloads open pages.
    Serve {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// A Trunk release build (e.g. target/app); without it only the
        /// data is served.
        #[arg(long)]
        app: Option<PathBuf>,
        /// 0 picks a free port.
        #[arg(long, default_value_t = 8080)]
        port: u16,
        #[arg(long)]
        cache: Option<PathBuf>,
        /// The time scheduled articles are compared with (default: the clock).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<FixedOffset>>,
    },
    /// Write the whole site into the output folder, replacing it atomically.
    Build {
        #[arg(long, default_value = "content")]
        content: PathBuf,
        /// The output folder; bantin is its only writer.
        #[arg(long, default_value = "dist")]
        out: PathBuf,
        /// A Trunk release build (e.g. target/app) to copy in; without it
        /// only the data is written.
        #[arg(long)]
        app: Option<PathBuf>,
        /// The site's public address, instead of site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
        /// Encoded photos kept between builds (default: .bantin-cache beside the content).
        #[arg(long)]
        cache: Option<PathBuf>,
        /// Print the wall time of each stage of the build (to stderr).
        #[arg(long)]
        timings: bool,
        /// Articles published after this time are held back (RFC 3339,
        /// e.g. 2024-12-12T06:00:00+07:00; default: now).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<FixedOffset>>,
    },
}

/// The process's peak resident memory (`VmHWM`), where the system tells.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// `--now`, read like an article's dates (one parser, one hint).
fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    bantin_model::rfc3339::parse(text)
        .ok_or_else(|| format!("{text:?} is not a date: {}", bantin_model::rfc3339::HINT))
}

/// What the build or check held back, for the editor.
fn print_held(held: &[HeldBack]) {
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

fn main() -> ExitCode {
    let cli = Cli::parse();
    let building = matches!(cli.command, Command::Build { .. });
    let result = match cli.command {
        Command::Check {
            content,
            cache,
            now,
        } => check(&content, cache.as_deref(), now.unwrap_or_else(clock))
            .map(|newsroom| {
                print_notes(&newsroom.notes);
                print_held(&newsroom.held);
                println!(
                    "{}: {} articles in {} categories, no problems",
                    content.display(),
                    newsroom.articles.len(),
                    newsroom.site.categories.len()
                );
            })
            .map_err(anyhow::Error::from),
        Command::Build {
            content,
            out,
            app,
            base_url,
            cache,
            timings,
            now,
        } => {
            let options = BuildOptions {
                content,
                out: out.clone(),
                app,
                cache,
                render: RenderOptions { base_url },
                now: now.unwrap_or_else(clock),
                preview: false,
            };
            let built = build(&options);
            // Failed builds too: what a bad input cost is worth knowing.
            if timings {
                if let Ok(report) = &built {
                    for (stage, time) in report.timings.stages() {
                        eprintln!("{stage:>18}  {:>7.2} s", time.as_secs_f64());
                    }
                }
                if let Some(kb) = peak_memory_kb() {
                    eprintln!("{:>18}  {:>7} MB", "peak memory", kb / 1024);
                }
            }
            built.map(|report| {
                print_notes(&report.notes);
                print_held(&report.held);
                println!(
                    "wrote {}: {} articles in {} categories, {} photos ({} encoded, the others from the cache), search index {:.1} MB built in {:.2} s",
                    out.display(),
                    report.articles,
                    report.categories,
                    report.photos,
                    report.encoded,
                    report.search_bytes as f64 / 1e6,
                    report.search_time.as_secs_f64()
                );
            })
        }
        Command::Serve {
            content,
            app,
            port,
            cache,
            now,
        } => bantin_publish::serve::run(bantin_publish::serve::ServeOptions {
            content,
            app,
            cache,
            port,
            now,
        }),
        Command::New {
            content,
            category,
            by,
            title,
        } => new::draft(&new::NewDraft {
            content: &content,
            category: &category,
            by: &by,
            title: &title,
            now: clock(),
        })
        .map(|path| println!("{}", path.display())),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            if let Some(problems) = err.downcast_ref::<Problems>() {
                for problem in &problems.0 {
                    eprintln!("{problem}");
                }
                let outcome = if building {
                    "; nothing was written"
                } else {
                    ""
                };
                eprintln!("{} problem(s) found{outcome}", problems.0.len());
            } else {
                eprintln!("error: {err:#}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Warnings and notes: printed, never a failure.
fn print_notes(notes: &[bantin_publish::Problem]) {
    for note in notes {
        eprintln!("{note}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_read_like_an_articles_dates() {
        let at = parse_now("2024-12-12T06:00:00+07:00").expect("a date");
        assert_eq!(
            bantin_model::rfc3339::format(&at),
            "2024-12-12T06:00:00+07:00"
        );
        for bad in ["hôm nay", "2024-12-12", "2024-02-30T06:00:00+07:00"] {
            let error = parse_now(bad).expect_err(bad);
            assert!(error.ends_with(bantin_model::rfc3339::HINT), "{error}");
        }
    }
}
