//! What a folder bantin committed holds, so that the build which later
//! rewrites it as its spare need not read its files back to learn which
//! are unchanged (gigabytes of reads on a large archive, from disk when
//! another program had used the page cache in between: docs/benchmarks.md).
//!
//! Kept beside the folder, not in it (the folder is deployed), as
//! `.{name}.files-{inode}`: one per folder, which the exchange at commit
//! does not change. It holds the folder's birth time too, so a folder made
//! again with a reused inode number is not mistaken for the old one. A
//! build takes (reads and deletes) its spare's before changing anything,
//! so a build that is killed leaves no stale one: the next reads files.
//! Each entry also keeps the file's size and modification time, and a file
//! changed since (a deploy step that edits the output in place) is read.

use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use rustc_hash::FxHashMap;

const MAGIC: &[u8; 16] = b"bantin-files v3\n";
/// Bytes per entry: path key, hash, size, mtime, ctime, recipe.
const ENTRY_BYTES: usize = 64;

/// A file as bantin wrote it: its hash (of path and bytes), size,
/// modification time and change time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub hash: u64,
    pub len: u64,
    pub mtime_ns: i128,
    /// The inode's change time: no tool can set it, so an edit that keeps
    /// size and modification time (`cp -p`, `rsync -t`, `touch -r`) still
    /// changes it.
    pub ctime_ns: i128,
    /// What the file was made from ([`crate::render::recipe`]), when its
    /// renderer said; 0 for none. The same recipe makes the same bytes, so
    /// a file whose recipe has not changed need not be made again.
    pub recipe: u64,
}

impl Entry {
    /// The entry of a file bantin has just written, `meta` its metadata.
    pub fn of(hash: u64, recipe: u64, meta: &fs::Metadata) -> Entry {
        Entry {
            hash,
            len: meta.len(),
            mtime_ns: mtime_ns(meta),
            ctime_ns: ctime_ns(meta),
            recipe,
        }
    }

    /// Whether `meta` is still the file this entry describes.
    pub fn matches(&self, meta: &fs::Metadata) -> bool {
        meta.is_file()
            && meta.nlink() == 1
            && meta.len() == self.len
            && mtime_ns(meta) == self.mtime_ns
            && ctime_ns(meta) == self.ctime_ns
    }
}

fn mtime_ns(meta: &fs::Metadata) -> i128 {
    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
}

fn ctime_ns(meta: &fs::Metadata) -> i128 {
    i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
}

/// A folder's identity: its inode, and its birth time where the file
/// system keeps one (without it there is no file index).
fn identity(dir: &Path) -> Option<(u64, i128)> {
    let meta = fs::metadata(dir).ok()?;
    let born = meta
        .created()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some((meta.ino(), born.as_nanos() as i128))
}

fn path(parent: &Path, name: &str, inode: u64) -> PathBuf {
    parent.join(format!(".{name}.files-{inode}"))
}

/// The entries of `dir` (the spare of the output `name` in `parent`), by
/// path key; the file index is deleted. Empty when there is none or it does
/// not describe this folder.
pub fn take(parent: &Path, name: &str, dir: &Path) -> FxHashMap<u64, Entry> {
    let Some((inode, born)) = identity(dir) else {
        return FxHashMap::default();
    };
    let file = path(parent, name, inode);
    let bytes = crate::output::beside::read(&file).unwrap_or_default();
    // Deleted before the spare changes: a killed build leaves none.
    let _ = fs::remove_file(&file);
    decode(&bytes, inode, born).unwrap_or_default()
}

fn decode(bytes: &[u8], inode: u64, born: i128) -> Option<FxHashMap<u64, Entry>> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (head, entries) = rest.split_at_checked(24)?;
    let ino = u64::from_le_bytes(head[..8].try_into().ok()?);
    let birth = i128::from_le_bytes(head[8..].try_into().ok()?);
    if (ino, birth) != (inode, born) || entries.len() % ENTRY_BYTES != 0 {
        return None;
    }
    let word = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or_default());
    let time = |b: &[u8]| i128::from_le_bytes(b.try_into().unwrap_or_default());
    Some(
        entries
            .chunks_exact(ENTRY_BYTES)
            .map(|e| {
                let entry = Entry {
                    hash: word(&e[8..16]),
                    len: word(&e[16..24]),
                    mtime_ns: time(&e[24..40]),
                    ctime_ns: time(&e[40..56]),
                    recipe: word(&e[56..64]),
                };
                (word(&e[..8]), entry)
            })
            .collect(),
    )
}

/// Writes the file index of `dir` (about to become the output `name`).
pub fn write<'a>(
    parent: &Path,
    name: &str,
    dir: &Path,
    entries: impl Iterator<Item = (&'a u64, &'a Entry)>,
) -> Result<()> {
    let Some((inode, born)) = identity(dir) else {
        return Ok(());
    };
    let mut bytes = MAGIC.to_vec();
    bytes.extend(inode.to_le_bytes());
    bytes.extend(born.to_le_bytes());
    for (key, entry) in entries {
        bytes.extend(key.to_le_bytes());
        bytes.extend(entry.hash.to_le_bytes());
        bytes.extend(entry.len.to_le_bytes());
        bytes.extend(entry.mtime_ns.to_le_bytes());
        bytes.extend(entry.ctime_ns.to_le_bytes());
        bytes.extend(entry.recipe.to_le_bytes());
    }
    let file = path(parent, name, inode);
    crate::output::beside::write_new(&file, &bytes)
        .with_context(|| format!("cannot write {}", file.display()))
}

/// Removes the file indexes of folders that are no longer the output or its
/// spare.
pub fn clean(parent: &Path, name: &str, folders: &[&Path]) {
    let keep: Vec<PathBuf> = folders
        .iter()
        .filter_map(|dir| identity(dir))
        .map(|(inode, _)| path(parent, name, inode))
        .collect();
    let prefix = format!(".{name}.files-");
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let is_index = entry.file_name().to_string_lossy().starts_with(&prefix);
        if is_index && !keep.contains(&entry.path()) {
            // Best effort: a leftover is a few megabytes, and ignored.
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_index_describes_only_its_own_folder_and_is_read_once() {
        let tmp = tempfile::tempdir().expect("tmp");
        let dir = tmp.path().join("site");
        fs::create_dir(&dir).expect("mkdir");
        let entry = Entry {
            hash: 7,
            len: 3,
            mtime_ns: -5,
            ctime_ns: 11,
            recipe: 13,
        };
        let entries = FxHashMap::from_iter([(1u64, entry), (2, Entry { hash: 9, ..entry })]);
        write(tmp.path(), "dist", &dir, entries.iter()).expect("write");
        assert_eq!(take(tmp.path(), "dist", &dir), entries);
        // Taken: a second build (or one after a kill) reads files.
        assert!(take(tmp.path(), "dist", &dir).is_empty());
        // A folder made again is another folder, whatever its inode.
        write(tmp.path(), "dist", &dir, entries.iter()).expect("write");
        fs::remove_dir(&dir).expect("rmdir");
        std::thread::sleep(std::time::Duration::from_millis(10));
        fs::create_dir(&dir).expect("mkdir");
        assert!(take(tmp.path(), "dist", &dir).is_empty());
        // Cut or foreign bytes describe nothing.
        assert!(decode(b"bantin-files v3\nshort", 1, 1).is_none());
        // An older layout describes nothing either: its files are read.
        assert!(decode(b"bantin-files v1\n", 1, 1).is_none());
        assert!(decode(b"bantin-files v2\n", 1, 1).is_none());
        assert!(decode(b"", 1, 1).is_none());
    }
}

#[cfg(test)]
mod edits {
    use super::*;

    #[test]
    fn an_edit_that_keeps_size_and_mtime_is_seen() {
        let tmp = tempfile::tempdir().expect("tmp");
        let file = tmp.path().join("index.html");
        fs::write(&file, b"<p>tin</p>").expect("write");
        let entry = Entry::of(1, 0, &fs::metadata(&file).expect("meta"));
        assert!(entry.matches(&fs::metadata(&file).expect("meta")));
        // `cp -p`: same size, the old modification time put back.
        let mtime = fs::metadata(&file)
            .expect("meta")
            .modified()
            .expect("mtime");
        std::thread::sleep(std::time::Duration::from_millis(20));
        fs::write(&file, b"<p>TIN</p>").expect("edit");
        fs::File::options()
            .write(true)
            .open(&file)
            .expect("open")
            .set_modified(mtime)
            .expect("set mtime");
        let meta = fs::metadata(&file).expect("meta");
        assert_eq!((meta.len(), mtime_ns(&meta)), (entry.len, entry.mtime_ns));
        assert!(!entry.matches(&meta), "the edit went unseen");
    }
}
