//! The source format's property tests at benchmark scale.

use std::time::Instant;

use anyhow::{bail, Result};

use super::Section;
use crate::util::cmd;

pub struct Outcome {
    pub properties: usize,
    pub cases: u32,
    pub seconds: f64,
}

/// Runs `crates/publish/tests/properties.rs` with `cases` cases per
/// property, optimised (the CLI's profile: it unwinds, which the
/// property runner needs), so that a million take minutes, not hours.
pub fn run(cases: u32) -> Result<Outcome> {
    let args = [
        "test",
        "--profile",
        "cli",
        "-p",
        "bantin-publish",
        "--test",
        "properties",
    ];
    // Built first, so that the time is the tests' own.
    let mut build = cmd("cargo", &args);
    build.arg("--no-run");
    crate::util::run(build)?;
    let mut test = cmd("cargo", &args);
    test.env("PROPTEST_CASES", cases.to_string());
    let started = Instant::now();
    let out = test.output()?;
    let seconds = started.elapsed().as_secs_f64();
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        bail!(
            "property tests failed:\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let properties = stdout
        .lines()
        .filter(|l| l.starts_with("test ") && l.ends_with(" ok"))
        .count();
    Ok(Outcome {
        properties,
        cases,
        seconds,
    })
}

/// Cases per property in the benchmark (the test command runs 10 000).
const CASES: u32 = 1_000_000;

/// The report's section: every property at a million cases.
pub fn section() -> Result<Section> {
    let outcome = run(CASES)?;
    Ok(Section::text(format!(
        "\n## Property tests of the source format (`crates/publish/tests/properties.rs`)\n\n\
         {} properties × {} cases each, optimised build: {:.1} s, no failure.\n",
        outcome.properties, outcome.cases, outcome.seconds
    )))
}
