//! The output folder, replaced atomically. The new site is written
//! into a staging folder beside `--out` and swapped in at the end, so a
//! failure or a kill at any moment leaves the previous site as it was.
//!
//! The site swapped out is kept as the next build's staging folder (the
//! spare): the next build rewrites only the files whose bytes changed, in
//! place, and removes the ones it did not write. Creating and deleting tens
//! of thousands of files is most of a build's time on a disk (ext4 looks
//! hard for a free inode after a mass delete); rewriting a file in place
//! takes none of that. The price is a second copy of the site on disk.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::changes::{self, Manifest};
use super::index::{self, Entry};
use super::lock::OutputLock;
use super::sink::Sink;

pub struct Staging {
    dir: PathBuf,
    out: PathBuf,
    /// Where the two-rename commit puts the previous site for a moment.
    aside: PathBuf,
    committed: bool,
    /// A key per path this build wrote ([`path_key`]), with what was
    /// written (none for a linked photo); the rest of the spare is
    /// removed. Hashes, not strings: hundreds of thousands of paths on a
    /// large archive.
    written: Mutex<FxHashMap<u64, Option<Entry>>>,
    /// Every file by its path, with the hash of its path and bytes: the
    /// manifest a deploy compares.
    manifest: Mutex<BTreeMap<String, u64>>,
    /// What the spare held when its build committed it (its file index).
    previous: FxHashMap<u64, Entry>,
    /// Held until the build ends; where the output is.
    lock: OutputLock,
}

impl Staging {
    /// The staging folder beside the locked output: the spare the last
    /// build swapped out, or a new empty folder.
    pub fn create(lock: OutputLock) -> Result<Staging> {
        let dir = lock.parent.join(format!(".{}.staging", lock.name));
        if !crate::output::beside::is_real_dir(&dir) {
            // A file or a link in its place is nobody's: bantin names it.
            // The link goes, never what it points to (the build would
            // otherwise rewrite that folder and delete what it did not write).
            let _ = fs::remove_file(&dir);
            fs::create_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        }
        index::clean(&lock.parent, &lock.name, &[&dir, &lock.out]);
        Ok(Staging {
            aside: lock.parent.join(format!(".{}.old", lock.name)),
            previous: index::take(&lock.parent, &lock.name, &dir),
            dir,
            out: lock.out.clone(),
            committed: false,
            written: Mutex::new(FxHashMap::default()),
            manifest: Mutex::new(BTreeMap::new()),
            lock,
        })
    }

    /// The build id of `paths` (site-relative, written before): one hash
    /// of each one's path and bytes. The service worker names its cache of
    /// the app shell with it, so it changes with the shell and not with
    /// articles (a changed `sw.js` makes every returning reader reinstall).
    pub fn build_id(&self, paths: &[String]) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        if let Ok(manifest) = self.manifest.lock() {
            for path in paths {
                hasher.update(path.as_bytes());
                hasher.update(&manifest.get(path).copied().unwrap_or(0).to_le_bytes());
            }
        }
        hasher.digest()
    }

    /// A file's hash, of its path and bytes.
    fn hash_of(relative: &str, bytes: &[u8]) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(relative.as_bytes());
        hasher.update(&[0]);
        hasher.update(bytes);
        hasher.digest()
    }

    fn list(&self, relative: &str, hash: u64) {
        if let Ok(mut manifest) = self.manifest.lock() {
            manifest.insert(relative.to_owned(), hash);
        }
    }

    fn record(&self, key: u64, entry: Option<Entry>) {
        if let Ok(mut written) = self.written.lock() {
            written.insert(key, entry);
        }
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
        let hash = Self::hash_of(relative, &[]);
        self.list(relative, hash);
        self.record(path_key(Path::new(relative)), None);
        let to = self.target(relative)?;
        if let (Ok(have), Ok(want)) = (fs::symlink_metadata(&to), fs::metadata(from)) {
            if have.ino() == want.ino() && have.dev() == want.dev() {
                return Ok(());
            }
            remove_any(&to)?;
        }
        if fs::hard_link(from, &to).is_ok() {
            return Ok(());
        }
        fs::copy(from, &to)
            .with_context(|| format!("cannot copy {} to {}", from.display(), to.display()))?;
        Ok(())
    }

    /// Where `relative` goes in the staging folder, its folder made (a
    /// file of the spare where a folder is now wanted is removed).
    fn target(&self, relative: &str) -> Result<PathBuf> {
        let to = self.dir.join(relative);
        if let Some(parent) = to.parent() {
            if fs::create_dir_all(parent).is_err() {
                for ancestor in parent.ancestors().take_while(|a| *a != self.dir) {
                    if fs::symlink_metadata(ancestor).is_ok_and(|m| !m.is_dir()) {
                        remove_any(ancestor)?;
                    }
                }
                fs::create_dir_all(parent)
                    .with_context(|| format!("cannot create {}", parent.display()))?;
            }
        }
        Ok(to)
    }

    /// Removes what the spare had and this build did not write, and the
    /// folders that leaves empty.
    fn prune(&self) -> Result<()> {
        let written = self
            .written
            .lock()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
        let mut emptied = stale_under(&self.dir, &self.dir, &written)?;
        // Deepest first; a folder that is not empty stays (the error says so).
        emptied.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
        for dir in emptied {
            for folder in dir.ancestors().take_while(|a| *a != self.dir) {
                if fs::remove_dir(folder).is_err() {
                    break;
                }
            }
        }
        Ok(())
    }

    /// Swaps the staging folder in place of `out`; the previous site stays
    /// behind as the next build's spare. Then writes the manifest of what
    /// `out` now holds beside it, and returns it.
    pub fn commit(mut self) -> Result<Manifest> {
        self.prune()?;
        {
            let written = self
                .written
                .lock()
                .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
            let files = written
                .iter()
                .filter_map(|(key, entry)| Some((key, entry.as_ref()?)));
            index::write(&self.lock.parent, &self.lock.name, &self.dir, files)?;
        }
        // The old manifest goes first: a build killed between the exchange
        // and the new one leaves none, never one of the site swapped out.
        let manifest_file = changes::beside(&self.lock.parent, &self.lock.name, "manifest");
        match fs::remove_file(&manifest_file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e)
                    .with_context(|| format!("cannot remove {}", manifest_file.display()));
            }
            _ => {}
        }
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
                    fs::rename(&self.out, &self.aside)
                        .with_context(|| format!("cannot move {} aside", self.out.display()))?;
                    fs::rename(&self.dir, &self.out).with_context(|| {
                        format!("cannot move the new site to {}", self.out.display())
                    })?;
                    fs::rename(&self.aside, &self.dir)?;
                }
            }
        } else {
            fs::rename(&self.dir, &self.out)
                .with_context(|| format!("cannot move the new site to {}", self.out.display()))?;
        }
        self.committed = true;
        let files = self
            .manifest
            .lock()
            .map(|mut m| std::mem::take(&mut *m))
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
        let manifest = Manifest(files);
        crate::output::beside::write_new(&manifest_file, manifest.to_text().as_bytes())
            .with_context(|| format!("cannot write {}", manifest_file.display()))?;
        Ok(manifest)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed && !self.out.exists() {
            // No site yet: nothing worth keeping as a spare.
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Removes the files under `dir` (in the staging folder `root`) that this
/// build did not write; returns the folders it removed files from. The
/// folders are walked in parallel: a large archive's spare holds hundreds
/// of thousands of files, and each folder is read apart from the others.
fn stale_under(
    root: &Path,
    dir: &Path,
    written: &FxHashMap<u64, Option<Entry>>,
) -> Result<Vec<PathBuf>> {
    let mut folders = Vec::new();
    let mut removed_here = false;
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let path = entry.path();
        // Not followed: a link is a file here, removed if not written.
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            folders.push(path);
            continue;
        }
        let relative = path.strip_prefix(root)?;
        if !written.contains_key(&path_key(relative)) {
            fs::remove_file(&path).with_context(|| format!("cannot remove {}", path.display()))?;
            removed_here = true;
        }
    }
    let mut emptied: Vec<PathBuf> = folders
        .par_iter()
        .map(|folder| stale_under(root, folder, written))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    if removed_here {
        emptied.push(dir.to_path_buf());
    }
    Ok(emptied)
}

/// A path's key in the set of written paths: a 64-bit hash of its
/// components (so `a//b` and `a/b` agree). Two of 445 000 paths share one
/// with a probability of about 10⁻⁸; then a stale file would stay.
fn path_key(relative: &Path) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for component in relative.components() {
        hasher.update(component.as_os_str().as_bytes());
        hasher.update(b"/");
    }
    hasher.digest()
}

/// Removes a file, link or folder.
fn remove_any(path: &Path) -> Result<()> {
    let removed = if fs::symlink_metadata(path).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(path)
    } else {
        fs::remove_file(path)
    };
    removed.with_context(|| format!("cannot remove {}", path.display()))
}

impl Sink for Staging {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        self.put_made(path, 0, bytes)
    }

    fn reuse(&self, path: &str, recipe: u64) -> bool {
        if recipe == 0 {
            return false;
        }
        let key = path_key(Path::new(path));
        let Some(entry) = self.previous.get(&key) else {
            return false;
        };
        let on_disk = fs::symlink_metadata(self.dir.join(path));
        if entry.recipe != recipe || !on_disk.is_ok_and(|m| entry.matches(&m)) {
            return false;
        }
        self.list(path, entry.hash);
        self.record(key, Some(*entry));
        true
    }

    fn put_made(&self, path: &str, recipe: u64, bytes: &[u8]) -> Result<()> {
        let hash = Self::hash_of(path, bytes);
        self.list(path, hash);
        let key = path_key(Path::new(path));
        // Unchanged since the spare's build wrote it: not read again.
        if let Some(entry) = self.previous.get(&key) {
            let on_disk = fs::symlink_metadata(self.dir.join(path));
            if entry.hash == hash && on_disk.is_ok_and(|m| entry.matches(&m)) {
                self.record(key, Some(Entry { recipe, ..*entry }));
                return Ok(());
            }
        }
        let to = self.target(path)?;
        let entry = |meta: &fs::Metadata| Entry::of(hash, recipe, meta);
        match fs::symlink_metadata(&to) {
            // The spare's own file: left alone when its bytes are these,
            // else rewritten in place (no new inode).
            Ok(meta) if meta.is_file() && meta.nlink() == 1 => {
                if meta.len() == bytes.len() as u64 && fs::read(&to).is_ok_and(|b| b == bytes) {
                    self.record(key, Some(entry(&meta)));
                    return Ok(());
                }
            }
            // A photo linked from the cache, or a folder: never written
            // through.
            Ok(_) => remove_any(&to)?,
            Err(_) => {}
        }
        let mut file =
            fs::File::create(&to).with_context(|| format!("cannot write {}", to.display()))?;
        file.write_all(bytes)
            .with_context(|| format!("cannot write {}", to.display()))?;
        let meta = file
            .metadata()
            .with_context(|| format!("cannot read {}", to.display()))?;
        self.record(key, Some(entry(&meta)));
        Ok(())
    }

    fn reuse_folder(&self, folder: &str, keep: &[String]) {
        let new = self.dir.join(folder);
        let Some(parent) = new.parent().filter(|_| !new.exists()) else {
            return;
        };
        let Ok(entries) = fs::read_dir(parent) else {
            return;
        };
        let kept = |path: &Path| keep.iter().any(|k| self.dir.join(k) == path);
        if let Some(old) = entries
            .flatten()
            .find(|e| e.path().is_dir() && !kept(&e.path()))
        {
            // Best effort: without it the files are created anew.
            let _ = fs::rename(old.path(), &new);
        }
    }
}
