//! Encoded photos kept between builds (`--cache`, default `.bantin-cache/`
//! beside `content/`): the files by name, each photo's facts by key, and an
//! index from a source's path, size and modification time to its key, so
//! that an unchanged photo is not even read again.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use super::{encode, Photo, PhotoError};

/// Bumped when the layout of the cache changes.
const LAYOUT: &str = "v1";

pub struct Cache {
    dir: PathBuf,
    settings: String,
    /// "path size mtime settings" → key, loaded once, saved by [`Cache::save_index`].
    index: Mutex<HashMap<String, String>>,
    /// Photos encoded by this run (the rest came from the cache).
    encoded: AtomicUsize,
}

impl Cache {
    pub fn open(dir: &Path) -> Result<Cache, PhotoError> {
        let dir = dir.join(LAYOUT);
        fs::create_dir_all(&dir)
            .map_err(|e| PhotoError::Cache(format!("{}: {e}", dir.display())))?;
        let index = fs::read_to_string(dir.join("index.tsv"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.rsplit_once('\t'))
            .map(|(stamp, key)| (stamp.to_owned(), key.to_owned()))
            .collect();
        Ok(Cache {
            dir,
            settings: encode::settings(),
            index: Mutex::new(index),
            encoded: AtomicUsize::new(0),
        })
    }

    /// The same cache, as a build with other encoder settings sees it.
    #[cfg(test)]
    pub fn with_settings(mut self, settings: &str) -> Cache {
        self.settings = settings.to_owned();
        self
    }

    pub fn settings(&self) -> &str {
        &self.settings
    }

    /// Where an encoded file is (or will be).
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// A source as the index knows it: path, size, modification time, and
    /// the settings (a photo indexed under other settings is encoded anew).
    fn stamp(&self, path: &Path) -> Option<String> {
        let meta = fs::metadata(path).ok()?;
        let mtime = meta.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        let path = crate::folders::resolve(path);
        Some(format!(
            "{}\t{}\t{}\t{:016x}",
            path.display(),
            meta.len(),
            mtime.as_nanos(),
            crate::digest::fnv1a(self.settings.as_bytes())
        ))
    }

    /// The photo of an unchanged source (same path, size and time), with
    /// every file still in the cache.
    pub fn known(&self, path: &Path) -> Option<Photo> {
        let stamp = self.stamp(path)?;
        let key = self.index.lock().ok()?.get(&stamp)?.clone();
        self.photo(&key)
    }

    /// A photo encoded before with these settings, if all its files are here.
    pub fn photo(&self, key: &str) -> Option<Photo> {
        let text = fs::read_to_string(self.dir.join(format!("{key}.json"))).ok()?;
        let photo: Photo = serde_json::from_str(&text).ok()?;
        photo
            .files()
            .iter()
            .all(|f| self.file(f).is_file())
            .then_some(photo)
    }

    pub fn remember(&self, path: &Path, photo: &Photo) {
        if let (Some(stamp), Ok(mut index)) = (self.stamp(path), self.index.lock()) {
            index.insert(stamp, photo.key.clone());
        }
    }

    /// Writes a file atomically (a killed build leaves no half file).
    pub fn store(&self, name: &str, bytes: &[u8]) -> Result<(), PhotoError> {
        let to = self.file(name);
        let partial = self.dir.join(format!(".{name}.{}", std::process::id()));
        fs::write(&partial, bytes)
            .and_then(|()| fs::rename(&partial, &to))
            .map_err(|e| PhotoError::Cache(format!("{}: {e}", to.display())))
    }

    /// How many photos this run had to encode.
    pub fn encoded(&self) -> usize {
        self.encoded.load(Ordering::Relaxed)
    }

    pub fn save_photo(&self, photo: &Photo) -> Result<(), PhotoError> {
        self.encoded.fetch_add(1, Ordering::Relaxed);
        let json = serde_json::to_vec(photo).map_err(|e| PhotoError::Cache(e.to_string()))?;
        self.store(&format!("{}.json", photo.key), &json)
    }

    /// Saves the index (sorted: the cache folder is deterministic too).
    pub fn save_index(&self) -> Result<(), PhotoError> {
        let Ok(index) = self.index.lock() else {
            return Ok(());
        };
        let mut lines: Vec<String> = index
            .iter()
            .map(|(stamp, key)| format!("{stamp}\t{key}"))
            .collect();
        lines.sort();
        self.store("index.tsv", (lines.join("\n") + "\n").as_bytes())
    }
}
