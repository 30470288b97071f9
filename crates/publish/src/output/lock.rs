//! The right to write one output folder, and the repairs a killed build
//! needs before anyone writes it again.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

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
    /// The output folder (resolved, if `--out` was a link).
    pub out: PathBuf,
    /// The folder it is in, where the lock, the spare and the file
    /// indexes are kept.
    pub parent: PathBuf,
    /// Its name, which theirs are made from.
    pub name: String,
}

impl OutputLock {
    /// Takes the lock at once or fails with a sentence naming the owner;
    /// then repairs what a killed build left (see [`recover`]) and checks
    /// that `out` is a folder bantin may replace.
    pub fn acquire(out: &Path) -> Result<OutputLock> {
        let out = &real_output(out)?;
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
        let mut file = super::beside::open_own(&path).with_context(|| {
            format!(
                "cannot open the lock file {} (bantin never follows a link there, nor writes a file with other names): remove it and build again",
                path.display()
            )
        })?;
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
        recover(&parent, &name, out);
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

/// Where the output really is. A symbolic link at `--out` (the common
/// `dist -> /var/www/site`) is resolved once, and the build works beside
/// the real folder: the exchange at commit replaces that folder
/// atomically, and the link keeps pointing at it. Replacing the link
/// itself would turn it into a folder, and alternate builds would then
/// rewrite the web root in place.
fn real_output(out: &Path) -> Result<PathBuf> {
    let is_link = fs::symlink_metadata(out).is_ok_and(|m| m.file_type().is_symlink());
    if !is_link {
        return Ok(out.to_path_buf());
    }
    let real = fs::canonicalize(out).with_context(|| {
        format!(
            "--out {} is a symbolic link to nothing that exists: create the folder it points to, or pass the real folder as --out",
            out.display()
        )
    })?;
    if !real.is_dir() {
        bail!(
            "--out {} is a symbolic link to {}, which is not a folder: pass a folder as --out",
            out.display(),
            real.display()
        );
    }
    Ok(real)
}

/// Puts back what a build killed during a two-rename commit left: the
/// previous site moved aside (`.{name}.old`) with no output in its place.
/// Then what older versions left (`.{name}.staging-{pid}`) goes; the spare
/// (`.{name}.staging`) stays, whatever state a kill left it in: the next
/// build reconciles it file by file.
fn recover(parent: &Path, name: &str, out: &Path) {
    let aside = parent.join(format!(".{name}.old"));
    // Only a real folder is put back: a link there is nobody's site.
    if !out.exists() && super::beside::is_real_dir(&aside) && aside.join(MARKER).is_file() {
        // Best effort: if it fails, the build writes a whole new site.
        let _ = fs::rename(&aside, out);
    }
    let _ = fs::remove_dir_all(&aside);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.staging-");
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with(&prefix) {
            // Best effort: a leftover only costs disk space.
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn is_empty_dir(path: &Path) -> bool {
    fs::read_dir(path).is_ok_and(|mut d| d.next().is_none())
}
