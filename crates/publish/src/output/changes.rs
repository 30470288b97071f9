//! What a build wrote, and what changed since a deployed build: the
//! manifest `.{out}.manifest` kept beside the output (never in it: the
//! folder is deployed), and with `bantin build --since DEPLOYED` the change
//! list beside it: `.{out}.upload` (new and changed files, one path a
//! line, for `rsync --files-from`), `.{out}.delete` (files gone) and
//! `.{out}.purge` (the URLs a CDN must forget). docs/deploy.md shows the
//! commands.
//!
//! The deployed manifest is input a person hands over, perhaps edited or
//! from another version: every line is checked, and a path that could
//! leave the output folder (`..`, absolute, control characters) is an
//! error at its line, since the delete list feeds a removal.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Component, Path};

use anyhow::{bail, Context, Result};

const HEADER: &str = "bantin-manifest v1";

/// Every file of a build, by path relative to the output, with a hash of
/// its path and bytes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest(pub BTreeMap<String, u64>);

impl Manifest {
    /// `bantin-manifest v1`, then `{hash, 16 hex digits} {path}` a line,
    /// sorted by path.
    pub fn to_text(&self) -> String {
        let mut text = format!("{HEADER}\n");
        for (path, hash) in &self.0 {
            let _ = writeln!(text, "{hash:016x} {path}");
        }
        text
    }

    /// Reads a manifest; `name` is how errors name it.
    pub fn parse(text: &str, name: &str) -> Result<Manifest> {
        let hint = "pass the .{out}.manifest that bantin wrote beside the deployed build";
        let mut lines = text.lines().enumerate();
        if lines.next().map(|(_, l)| l) != Some(HEADER) {
            bail!("{name}:1: not a bantin manifest (its first line is not {HEADER:?}) — {hint}");
        }
        let mut files = BTreeMap::new();
        for (i, line) in lines {
            let at = i + 1;
            let Some((hash, path)) = line.split_once(' ') else {
                bail!("{name}:{at}: want 16 hex digits, a space and a path — {hint}");
            };
            if hash.len() != 16 || !hash.bytes().all(|b| b.is_ascii_hexdigit()) {
                bail!("{name}:{at}: {hash:?} is not 16 hex digits — {hint}");
            }
            let hash = u64::from_str_radix(hash, 16)
                .with_context(|| format!("{name}:{at}: {hash:?} is not a hash"))?;
            if !is_inside(path) {
                bail!("{name}:{at}: {path:?} is not a path inside the output folder — {hint}");
            }
            if files.insert(path.to_owned(), hash).is_some() {
                bail!("{name}:{at}: {path} is listed twice — {hint}");
            }
        }
        Ok(Manifest(files))
    }
}

/// Whether `path` names a file inside a folder: relative, plain names
/// only, no control characters.
fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.chars().any(char::is_control)
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// What changed between a deployed build and this one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Changes {
    pub fn between(deployed: &Manifest, built: &Manifest) -> Changes {
        let mut changes = Changes::default();
        for (path, hash) in &built.0 {
            match deployed.0.get(path) {
                None => changes.added.push(path.clone()),
                Some(old) if old != hash => changes.changed.push(path.clone()),
                Some(_) => {}
            }
        }
        changes.removed = deployed
            .0
            .keys()
            .filter(|p| !built.0.contains_key(*p))
            .cloned()
            .collect();
        changes
    }

    /// The URLs a CDN must forget: each changed or removed file's, and for
    /// a document (`…/index.html`) its folder's too, the address readers
    /// use. New files are not listed: no cache has them (a CDN that keeps
    /// "not found" answers should be told to keep them briefly).
    pub fn purge(&self, base_url: &str) -> Vec<String> {
        let base = base_url.trim_end_matches('/');
        let mut urls = Vec::new();
        for path in self.changed.iter().chain(&self.removed) {
            let folder = if path == "index.html" {
                Some("")
            } else {
                path.strip_suffix("/index.html")
            };
            if let Some(folder) = folder {
                let slash = if folder.is_empty() { "" } else { "/" };
                urls.push(format!("{base}/{folder}{slash}"));
            }
            urls.push(format!("{base}/{path}"));
        }
        urls
    }
}

/// How many, for the build's closing message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub added: usize,
    pub changed: usize,
    pub removed: usize,
    pub purge: usize,
}

/// `.{name}.{what}` beside the output.
pub fn beside(parent: &Path, name: &str, what: &str) -> std::path::PathBuf {
    parent.join(format!(".{name}.{what}"))
}

/// Reads the manifest of a deployed build (`--since`), before the build
/// changes anything.
pub fn read(path: &Path) -> Result<Manifest> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow::anyhow!("{}: not UTF-8 text", path.display()))?;
    Manifest::parse(&text, &path.display().to_string())
}

/// Writes the change list since `deployed` beside the output `name`.
pub fn write_list(
    parent: &Path,
    name: &str,
    deployed: &Manifest,
    built: &Manifest,
    base_url: &str,
) -> Result<Counts> {
    let changes = Changes::between(deployed, built);
    let purge = changes.purge(base_url);
    let lines = |list: &[String]| list.iter().fold(String::new(), |t, l| t + l + "\n");
    let upload: Vec<String> = changes
        .added
        .iter()
        .chain(&changes.changed)
        .cloned()
        .collect();
    for (what, text) in [
        ("upload", lines(&upload)),
        ("delete", lines(&changes.removed)),
        ("purge", lines(&purge)),
    ] {
        let file = beside(parent, name, what);
        super::beside::write_new(&file, text.as_bytes())
            .with_context(|| format!("cannot write {}", file.display()))?;
    }
    Ok(Counts {
        added: changes.added.len(),
        changed: changes.changed.len(),
        removed: changes.removed.len(),
        purge: purge.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manifest(files: &[(&str, u64)]) -> Manifest {
        Manifest(files.iter().map(|(p, h)| ((*p).to_owned(), *h)).collect())
    }

    #[test]
    fn a_manifest_reads_back_what_was_written() {
        let m = manifest(&[("index.html", 1), ("a/1/x/index.html", u64::MAX)]);
        assert_eq!(Manifest::parse(&m.to_text(), "m").expect("parses"), m);
    }

    #[test]
    fn bad_manifests_are_refused_at_their_line() {
        let cases = [
            ("", "m:1: not a bantin manifest"),
            ("bantin-files v2\n", "m:1: not a bantin manifest"),
            (
                "bantin-manifest v1\nindex.html\n",
                "m:2: want 16 hex digits",
            ),
            (
                "bantin-manifest v1\n12 index.html\n",
                "m:2: \"12\" is not 16 hex digits",
            ),
            (
                "bantin-manifest v1\n000000000000000g a\n",
                "is not 16 hex digits",
            ),
            (
                "bantin-manifest v1\n0000000000000001 ../etc/passwd\n",
                "m:2: \"../etc/passwd\" is not a path inside",
            ),
            (
                "bantin-manifest v1\n0000000000000001 /etc/passwd\n",
                "is not a path inside",
            ),
            ("bantin-manifest v1\n0000000000000001 a/./b\n", ""),
            (
                "bantin-manifest v1\n0000000000000001 a\u{7}\n",
                "is not a path inside",
            ),
            (
                "bantin-manifest v1\n0000000000000001 a\n0000000000000002 a\n",
                "m:3: a is listed twice",
            ),
        ];
        for (text, want) in cases {
            let got = Manifest::parse(text, "m");
            if want.is_empty() {
                // `a/./b` is `a/b` to the file system: still inside.
                assert!(got.is_ok(), "{text:?}: {got:?}");
            } else {
                let error = got.expect_err(text).to_string();
                assert!(error.contains(want), "{text:?}: {error}");
            }
        }
    }

    #[test]
    fn changes_and_the_urls_to_purge() {
        let deployed = manifest(&[("index.html", 1), ("a/1/x/index.html", 2), ("old.json", 3)]);
        let built = manifest(&[
            ("index.html", 9),
            ("a/1/x/index.html", 2),
            ("a/2/y/index.html", 4),
        ]);
        let changes = Changes::between(&deployed, &built);
        assert_eq!(
            changes,
            Changes {
                added: vec!["a/2/y/index.html".to_owned()],
                changed: vec!["index.html".to_owned()],
                removed: vec!["old.json".to_owned()],
            }
        );
        assert_eq!(
            changes.purge("https://x.vn/"),
            [
                "https://x.vn/",
                "https://x.vn/index.html",
                "https://x.vn/old.json"
            ]
        );
        assert_eq!(Changes::between(&built, &built), Changes::default());
        // A document's folder is purged with a trailing slash; a file
        // merely named like one is only itself.
        let touched = Changes {
            changed: vec![
                "c/y-te/2/index.html".to_owned(),
                "x/my-index.html".to_owned(),
            ],
            ..Changes::default()
        };
        assert_eq!(
            touched.purge("https://x.vn"),
            [
                "https://x.vn/c/y-te/2/",
                "https://x.vn/c/y-te/2/index.html",
                "https://x.vn/x/my-index.html"
            ]
        );
    }
}
