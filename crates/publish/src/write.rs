//! Stage 4: the output folder, replaced atomically. The new site is written
//! into a staging folder beside `--out` and swapped in at the end, so a
//! failure or a kill at any moment leaves the previous site as it was.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use anyhow::{bail, Context, Result};

/// A file every bantin output has; its absence means `--out` is someone
/// else's folder, which we must not replace.
const MARKER: &str = "api/v1/site.json";

/// The right to write one output folder, for the whole build: an
/// exclusive advisory lock on `.{name}.lock` beside it (not inside: the
/// folder is swapped), released by the system when the build ends,
/// however it ends. The lock file holds the owner's pid, for the message.
pub struct OutputLock {
    _file: fs::File,
    out: PathBuf,
    parent: PathBuf,
    name: String,
}

impl OutputLock {
    /// Takes the lock at once or fails with a sentence naming the owner;
    /// then repairs what a killed build left (see [`recover`]) and checks
    /// that `out` is a folder bantin may replace.
    pub fn acquire(out: &Path) -> Result<OutputLock> {
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
        let path = parent.join(format!(".{name}.lock"));
        let mut file = fs::OpenOptions::new()
            .create(true)
            .read(true)
            .write(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                bail!(
                    "another bantin build is writing {} (pid {}); wait for it to finish, or build into another --out",
                    out.display(),
                    pid.trim()
                );
            }
            Err(fs::TryLockError::Error(err)) => {
                return Err(err).with_context(|| format!("cannot lock {}", path.display()));
            }
        }
        file.set_len(0)?;
        write!(file, "{}", std::process::id())?;
        recover(&parent, &format!(".{name}.staging-"), out);
        if out.exists() && !out.join(MARKER).is_file() && !is_empty_dir(out) {
            bail!(
                "refusing to replace {}: it is not a bantin output (it has no {MARKER}); remove it or choose another --out",
                out.display()
            );
        }
        Ok(OutputLock {
            _file: file,
            out: out.to_path_buf(),
            parent,
            name,
        })
    }
}

/// Puts back what a build killed during a two-rename commit left: the
/// previous site moved aside (`….old`) with no output in its place. Then
/// every leftover of dead builds goes (the caller holds the lock, so no
/// live build owns any of them).
fn recover(parent: &Path, prefix: &str, out: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let mut leftovers: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect();
    leftovers.sort();
    if !out.exists() {
        if let Some(old) = leftovers
            .iter()
            .find(|p| p.extension().is_some_and(|x| x == "old") && p.join(MARKER).is_file())
        {
            // Best effort: if it fails, the build writes a whole new site.
            let _ = fs::rename(old, out);
        }
    }
    for leftover in leftovers {
        // Best effort: a leftover only costs disk space.
        let _ = fs::remove_dir_all(leftover);
    }
}

pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    committed: bool,
    /// A digest of everything written: the sum of each file's hash (of its
    /// path and bytes), the same whatever order threads write in.
    digest: AtomicU64,
    /// Held until the build ends.
    _lock: OutputLock,
}

impl Staging {
    /// An empty staging folder beside the locked output.
    pub fn create(lock: OutputLock) -> Result<Staging> {
        let dir = lock
            .parent
            .join(format!(".{}.staging-{}", lock.name, std::process::id()));
        fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        Ok(Staging {
            dir,
            out: lock.out.clone(),
            committed: false,
            digest: AtomicU64::new(0),
            _lock: lock,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The digest of every file written so far (a build's id).
    pub fn digest(&self) -> u64 {
        self.digest.load(Ordering::Relaxed)
    }

    fn add_to_digest(&self, relative: &str, bytes: &[u8]) {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(relative.as_bytes());
        hasher.update(&[0]);
        hasher.update(bytes);
        self.digest.fetch_add(hasher.digest(), Ordering::Relaxed);
    }

    /// Copies a file into the staging folder at `relative`.
    pub fn copy(&self, from: &Path, relative: &str) -> Result<()> {
        let bytes = fs::read(from).with_context(|| format!("cannot read {}", from.display()))?;
        self.put(relative, &bytes)
    }

    /// Links a file into the staging folder at `relative` (a hard link:
    /// the cache's photos take no space twice), or copies it where links
    /// cannot be made (another file system).
    pub fn link(&self, from: &Path, relative: &str) -> Result<()> {
        // Linked files are named after their content: the name says it all.
        self.add_to_digest(relative, &[]);
        let to = self.target(relative)?;
        if fs::hard_link(from, &to).is_ok() {
            return Ok(());
        }
        fs::copy(from, &to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
        Ok(())
    }

    /// Where `relative` goes in the staging folder, its folder made.
    fn target(&self, relative: &str) -> Result<PathBuf> {
        let to = self.dir.join(relative);
        if let Some(parent) = to.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        Ok(to)
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
        self.add_to_digest(path, bytes);
        let to = self.target(path)?;
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
