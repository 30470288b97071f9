//! Stage 4: the output folder, replaced atomically. The new site is written
//! into a staging folder beside `--out` and swapped in at the end, so a
//! failure or a kill at any moment leaves the previous site as it was.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// A file every bantin output has; its absence means `--out` is someone
/// else's folder, which we must not replace.
const MARKER: &str = "api/v1/site.json";

pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    /// Prepares an empty staging folder beside `out`, after removing ones
    /// that killed builds left behind.
    pub fn create(out: &Path) -> Result<Staging> {
        let name = out
            .file_name()
            .with_context(|| format!("--out {} must name a folder", out.display()))?
            .to_string_lossy()
            .into_owned();
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        if out.exists() && !out.join(MARKER).is_file() && !is_empty_dir(out) {
            bail!(
                "refusing to replace {}: it is not a bantin output (it has no {MARKER}); remove it or choose another --out",
                out.display()
            );
        }
        let prefix = format!(".{name}.staging-");
        if let Ok(entries) = fs::read_dir(&parent) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&prefix) {
                    // Best effort: a leftover only costs disk space.
                    let _ = fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = parent.join(format!("{prefix}{}", std::process::id()));
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            out: out.to_path_buf(),
            committed: false,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Copies a file into the staging folder at `relative`.
    pub fn copy(&self, from: &Path, relative: &str) -> Result<()> {
        let to = self.dir.join(relative);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::copy(from, &to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
        Ok(())
    }

    /// Swaps the staging folder in place of `out`.
    pub fn commit(mut self) -> Result<()> {
        if self.out.exists() {
            match rustix::fs::renameat_with(
                rustix::fs::CWD,
                &self.dir,
                rustix::fs::CWD,
                &self.out,
                rustix::fs::RenameFlags::EXCHANGE,
            ) {
                Ok(()) => {}
                // No atomic exchange on this system or file system: two
                // renames, with a window of a few microseconds.
                Err(_) => {
                    let old = self.dir.with_extension("old");
                    fs::rename(&self.out, &old)
                        .with_context(|| format!("cannot move {} aside", self.out.display()))?;
                    fs::rename(&self.dir, &self.out).with_context(|| {
                        format!("cannot move the new site to {}", self.out.display())
                    })?;
                    fs::rename(&old, &self.dir)?;
                }
            }
            // `dir` now holds the previous site.
            fs::remove_dir_all(&self.dir).with_context(|| {
                format!("cannot remove the previous site at {}", self.dir.display())
            })?;
        } else {
            fs::rename(&self.dir, &self.out)
                .with_context(|| format!("cannot move the new site to {}", self.out.display()))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Where the build's files go: the staging folder, or memory in tests.
pub trait Sink: Sync {
    /// `path` is relative to the site root, with `/` separators.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let to = self.dir.join(path);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        fs::write(&to, bytes).with_context(|| format!("cannot write {}", to.display()))
    }
}

fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}

/// Every file under `root`, as sorted `/`-separated relative paths.
pub fn files_under(root: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", root.display()))?;
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(root)
                .with_context(|| {
                    format!("{} is outside {}", entry.path().display(), root.display())
                })?
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((entry.into_path(), relative));
        }
    }
    Ok(files)
}
