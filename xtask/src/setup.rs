//! Installs what the project needs and skips what is there. Versions are
//! pinned so that nothing downloads a tool of its own at build time.

use std::fs;
use std::path::Path;

use anyhow::{bail, Context, Result};

use crate::util::{cmd, output_of, root, run};

pub const TRUNK_VERSION: &str = "0.21.14";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Building and serving the site.
    Serve,
    /// Serving plus the browsers for tests.
    Everything,
}

pub fn all(needs: Needs) -> Result<()> {
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_tools()?;
    let mut packages = vec![("nginx", "/usr/sbin/nginx")];
    if needs == Needs::Everything {
        packages.push(("chromium", "/usr/bin/chromium"));
        packages.push(("chromium-driver", "/usr/bin/chromedriver"));
        // For the W3C Nu Html Checker (npm vnu-jar).
        packages.push(("default-jre-headless", "/usr/bin/java"));
        // xmllint: the sitemaps against their XML schemas.
        packages.push(("libxml2-utils", "/usr/bin/xmllint"));
        // Real photos for the photo pipeline's tests (16 JPEGs, up to 16 MB).
        packages.push((
            "mate-backgrounds",
            "/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg",
        ));
        // Test recordings are made at test time (ffmpeg, lame), never
        // downloaded; ffprobe and mediainfo are the outside measure of
        // their durations.
        packages.push(("ffmpeg", "/usr/bin/ffmpeg"));
        packages.push(("lame", "/usr/bin/lame"));
        packages.push(("mediainfo", "/usr/bin/mediainfo"));
        // A real feed parser reads the podcast feed in the tests.
        packages.push((
            "python3-feedparser",
            "/usr/lib/python3/dist-packages/feedparser/__init__.py",
        ));
    }
    apt(&packages)
}

fn wasm_target() -> Result<()> {
    let installed = output_of("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    run(cmd("rustup", &["target", "add", "wasm32-unknown-unknown"]))
}

fn trunk() -> Result<()> {
    let have = output_of("trunk", &["--version"]).unwrap_or_default();
    if have == format!("trunk {TRUNK_VERSION}") {
        return Ok(());
    }
    eprintln!("installing trunk {TRUNK_VERSION} (about 15 minutes on 2 cores, once)");
    run(cmd(
        "cargo",
        &["install", "--locked", &format!("trunk@{TRUNK_VERSION}")],
    ))
}

/// The `wasm-bindgen` version in Cargo.lock: the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = fs::read_to_string(root().join("Cargo.lock")).context("cannot read Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_owned());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package")
}

fn wasm_bindgen() -> Result<()> {
    let version = locked_wasm_bindgen()?;
    let trunk_toml =
        fs::read_to_string(root().join("Trunk.toml")).context("cannot read Trunk.toml")?;
    let pinned = format!("wasm_bindgen = \"{version}\"");
    if !trunk_toml.contains(&pinned) {
        bail!("Trunk.toml must pin `{pinned}` to match Cargo.lock (Trunk would otherwise download its own)");
    }
    let have = output_of("wasm-bindgen", &["--version"]).unwrap_or_default();
    if have == format!("wasm-bindgen {version}") {
        return Ok(());
    }
    // Not --locked: one of the CLI's locked dependencies is gone from the registry.
    run(cmd(
        "cargo",
        &["install", "wasm-bindgen-cli", "--version", &version],
    ))
}

fn npm_tools() -> Result<()> {
    let root = root();
    let ready = [
        "playwright-core",
        "binaryen",
        "axe-core",
        "vnu-jar",
        "sitemap",
    ]
    .iter()
    .all(|p| root.join("node_modules").join(p).is_dir());
    let lock_newer = modified(&root.join("package-lock.json"))
        > modified(&root.join("node_modules/.package-lock.json"));
    if ready && !lock_newer {
        return Ok(());
    }
    // No install scripts: vnu-jar's would download a Java (Debian's is used).
    run(cmd(
        "npm",
        &["ci", "--no-audit", "--no-fund", "--ignore-scripts"],
    ))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    fs::metadata(path).and_then(|m| m.modified()).ok()
}

pub fn apt(packages: &[(&str, &str)]) -> Result<()> {
    let missing: Vec<&str> = packages
        .iter()
        .filter(|(_, binary)| !Path::new(binary).exists())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    if output_of("id", &["-u"]).as_deref() != Some("0") {
        bail!(
            "missing {}: install them with `sudo apt-get install {}`",
            missing.join(", "),
            missing.join(" ")
        );
    }
    run(cmd("apt-get", &["update", "-q"]))?;
    let mut install = cmd(
        "apt-get",
        &["install", "-y", "-q", "--no-install-recommends"],
    );
    install
        .args(&missing)
        .env("DEBIAN_FRONTEND", "noninteractive");
    run(install)
}
