use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use bantin_publish::cmd::{messages, new, serve};
use bantin_publish::render::RenderOptions;
use bantin_publish::{build, check, clock, BuildOptions};
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
        /// The build's photo cache, only read (default: .bantin-cache beside the content).
        #[arg(long)]
        cache: Option<PathBuf>,
        /// The time scheduled articles are compared with (RFC 3339; default: now).
        #[arg(long, value_parser = parse_now)]
        now: Option<DateTime<FixedOffset>>,
    },
    /// Start a draft: content/drafts/{category}/{id}.txt, with the next free
    /// id and the current Vietnam time; prints its path.
    New(NewArgs),
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
        /// The manifest of the deployed build (a copy of the .{out}.manifest
        /// written beside it): write what changed since, beside the output
        /// (.{out}.upload, .{out}.delete, .{out}.purge; docs/deploy.md).
        #[arg(long)]
        since: Option<PathBuf>,
    },
}

/// `--now`, read like an article's dates (one parser, one hint).
fn parse_now(text: &str) -> Result<DateTime<FixedOffset>, String> {
    bantin_model::rfc3339::parse(text)
        .ok_or_else(|| format!("{text:?} is not a date: {}", bantin_model::rfc3339::HINT))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let building = matches!(cli.command, Command::Build { .. });
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            messages::failure(&err, building);
            ExitCode::FAILURE
        }
    }
}

/// `bantin new`'s arguments.
#[derive(Debug, clap::Args)]
struct NewArgs {
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// The category's slug, as in site.toml.
    #[arg(long)]
    category: String,
    /// The byline: "Thu Hà, Văn Nam".
    #[arg(long, default_value = "")]
    by: String,
    /// Its topics (Chủ đề), at most 5: "Bóng đá, Nông thôn mới".
    #[arg(long, default_value = "")]
    topics: String,
    /// A recording: "~/Desktop/ban-tin.mp3" (copied into
    /// content/media/ with the .vtt captions beside it) or a file
    /// already under content/.
    #[arg(long)]
    audio: Option<PathBuf>,
    /// A video file, as --audio, or a YouTube address.
    #[arg(long)]
    video: Option<String>,
    /// The title, in quotes.
    title: String,
}

fn run(command: Command) -> Result<()> {
    match command {
        Command::Check {
            content,
            cache,
            now,
        } => {
            let newsroom = check(&content, cache.as_deref(), now.unwrap_or_else(clock))?;
            messages::checked(&content, &newsroom);
            Ok(())
        }
        Command::Build {
            content,
            out,
            app,
            base_url,
            cache,
            timings,
            now,
            since,
        } => build_site(
            &BuildOptions {
                content,
                out,
                app,
                cache,
                render: RenderOptions { base_url },
                now: now.unwrap_or_else(clock),
                preview: false,
                since,
            },
            timings,
        ),
        Command::Serve {
            content,
            app,
            port,
            cache,
            now,
        } => serve::run(serve::ServeOptions {
            content,
            app,
            cache,
            port,
            now,
        }),
        Command::New(args) => new_draft(&args),
    }
}

fn build_site(options: &BuildOptions, timings: bool) -> Result<()> {
    let built = build(options);
    if timings {
        messages::timings(built.as_ref().ok());
    }
    messages::built(&options.out, &built?);
    Ok(())
}

fn new_draft(args: &NewArgs) -> Result<()> {
    let path = new::draft(&new::NewDraft {
        content: &args.content,
        category: &args.category,
        by: &args.by,
        topics: &args.topics,
        audio: args.audio.as_deref(),
        video: args.video.as_deref(),
        title: &args.title,
        now: clock(),
    })?;
    println!("{}", path.display());
    Ok(())
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
