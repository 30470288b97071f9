//! The photo pipeline measured: a cold encode of the 16 mate-backgrounds
//! JPEGs against Hugo's image processing on the same photos and widths,
//! and what a warm rebuild of 1 000 cached photos adds to a build.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

use super::Section;
use crate::budgets;
use crate::gen;
use crate::setup::{self, Needs};
use crate::util::{bytes_under, root};

pub struct Outcome {
    pub photos: usize,
    pub source_bytes: u64,
    pub bantin_s: f64,
    pub bantin_webp_bytes: u64,
    pub hugo_s: f64,
    pub hugo_webp_bytes: u64,
    pub warm_photos: usize,
    pub warm_with_s: f64,
    pub warm_without_s: f64,
}

const WARM_RUNS: usize = 5;

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

/// The widths both tools write.
const WIDTHS: [u32; 5] = [240, 480, 800, 1200, 1600];

pub fn run(bantin: &Path) -> Result<Outcome> {
    let work = root().join("target/bench-photos");
    let _ = fs::remove_dir_all(&work);
    let sources = gen::mate_photos()?;
    let source_bytes = sources
        .iter()
        .map(|p| fs::metadata(p).map_or(0, |m| m.len()))
        .sum();

    // bantin, cold: every photo decoded and encoded.
    let content = work.join("content");
    gen::write(sources.len(), &content, None)?;
    gen::attach_photos(&content, sources.len(), None)?;
    let bantin_s = timed(
        Command::new(bantin)
            .arg("build")
            .arg("--content")
            .arg(&content)
            .arg("--out")
            .arg(work.join("out"))
            .arg("--cache")
            .arg(work.join("cache")),
    )?;
    let bantin_webp_bytes = bytes_under(&work.join("out/media"), Some("webp"));

    // Hugo: the same photos, resized to the same widths as WebP at the same quality.
    let hugo = work.join("hugo");
    fs::create_dir_all(hugo.join("assets/photos"))?;
    fs::create_dir_all(hugo.join("layouts"))?;
    for (i, source) in sources.iter().enumerate() {
        fs::copy(source, hugo.join(format!("assets/photos/p{i}.jpg")))?;
    }
    fs::write(hugo.join("hugo.toml"), "baseURL = \"https://x.vn/\"\ndisableKinds = [\"taxonomy\", \"term\", \"RSS\", \"sitemap\", \"robotsTXT\", \"404\"]\n")?;
    let widths = WIDTHS.map(|w| w.to_string()).join(" ");
    fs::write(
        hugo.join("layouts/index.html"),
        format!(
            "{{{{ range resources.Match \"photos/*.jpg\" }}}}{{{{ $img := . }}}}\
             {{{{ range slice {widths} }}}}{{{{ if le . $img.Width }}}}\
             <img src=\"{{{{ ($img.Resize (printf \"%dx webp q72\" .)).RelPermalink }}}}\">\
             {{{{ end }}}}{{{{ end }}}}{{{{ end }}}}\n"
        ),
    )?;
    let hugo_s = timed(
        Command::new("hugo")
            .arg("--quiet")
            .arg("-s")
            .arg(&hugo)
            .arg("-d")
            .arg(hugo.join("public")),
    )?;
    let hugo_webp_bytes = bytes_under(&hugo.join("public"), Some("webp"));

    // A warm rebuild: 1 000 articles with photos, against the same without.
    let warm_photos = 1_000;
    let with = work.join("warm-with");
    gen::write(warm_photos, &with, None)?;
    gen::attach_photos(&with, warm_photos, Some(1_100_000))?;
    let without = work.join("warm-without");
    gen::write(warm_photos, &without, None)?;
    let build = |content: &Path, out: &str| {
        timed(
            Command::new(bantin)
                .arg("build")
                .arg("--content")
                .arg(content)
                .arg("--out")
                .arg(work.join(out))
                .arg("--cache")
                .arg(work.join("warm-cache")),
        )
    };
    build(&with, "warm-out")?; // cold, fills the cache
    build(&without, "plain-out")?;
    // Alternating, median of five each: a single run of a second or less
    // is at the mercy of the disk.
    let (mut with_s, mut without_s) = (Vec::new(), Vec::new());
    for _ in 0..WARM_RUNS {
        with_s.push(build(&with, "warm-out")?);
        without_s.push(build(&without, "plain-out")?);
    }
    let (warm_with_s, warm_without_s) = (median(with_s), median(without_s));
    let _ = fs::remove_dir_all(&work);
    Ok(Outcome {
        photos: sources.len(),
        source_bytes,
        bantin_s,
        bantin_webp_bytes,
        hugo_s,
        hugo_webp_bytes,
        warm_photos,
        warm_with_s,
        warm_without_s,
    })
}

fn timed(command: &mut Command) -> Result<f64> {
    let started = Instant::now();
    let out = command
        .output()
        .with_context(|| format!("cannot run {command:?}"))?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() {
        bail!(
            "{command:?} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(seconds)
}
/// The photo section of the report, and the budgets it breaks.
pub fn section() -> Result<Section> {
    let mut report = String::new();
    let mut failures = Vec::new();
    let bantin = super::publish::cli_binary()?;
    let p = run(&bantin)?;
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
    Ok(Section {
        text: report,
        failures,
    })
}

/// `cargo xtask bench-photos`: only the photo section, printed.
pub fn command() -> Result<()> {
    setup::all(Needs::Everything)?;
    setup::apt(&[("hugo", "/usr/bin/hugo")])?;
    section()?.print()
}
