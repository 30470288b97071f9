use std::path::PathBuf;
use std::process::ExitCode;

use bantin_publish::{api::RenderOptions, build, check, BuildOptions, Problems};
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
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let building = matches!(cli.command, Command::Build { .. });
    let result = match cli.command {
        Command::Check { content, cache } => check(&content, cache.as_deref())
            .map(|newsroom| {
                print_notes(&newsroom.notes);
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
        } => {
            let options = BuildOptions {
                content,
                out: out.clone(),
                app,
                cache,
                render: RenderOptions { base_url },
            };
            build(&options).map(|report| {
                print_notes(&report.notes);
                if timings {
                    for (stage, time) in report.timings.stages() {
                        eprintln!("{stage:>18}  {:>7.2} s", time.as_secs_f64());
                    }
                }
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
