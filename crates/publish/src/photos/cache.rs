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
    /// Entries ignored because they were not what bantin writes: the
    /// file, and why.
    warnings: Mutex<Vec<(PathBuf, String)>>,
    /// A build's cache takes new photos; `bantin check` only reads one.
    writes: bool,
}

/// A key or file stem as bantin writes it: 16 lower-case hex digits.
pub fn is_key(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// A colour as bantin writes it, `#rrggbb`: it goes into a `style`.
fn is_color(text: &str) -> bool {
    text.strip_prefix('#').is_some_and(|hex| {
        hex.len() == 6 && hex.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    })
}

/// Why a cached photo's facts cannot be trusted, if they cannot. The
/// cache may come from elsewhere (restored by CI from another job), so
/// every field that becomes a path or markup is checked.
fn untrusted(key: &str, photo: &Photo) -> Option<&'static str> {
    if photo.key != key || !is_key(&photo.key) {
        Some("its key is not its file's name (16 hex digits)")
    } else if !is_color(&photo.color) {
        Some("its colour is not #rrggbb")
    } else if photo.width == 0 || photo.height == 0 {
        Some("it has no size")
    } else {
        None
    }
}

impl Cache {
    /// The build's cache: photos not in it yet are encoded into it.
    pub fn open(dir: &Path) -> Result<Cache, PhotoError> {
        fs::create_dir_all(dir.join(LAYOUT))
            .map_err(|e| PhotoError::Cache(format!("{}: {e}", dir.join(LAYOUT).display())))?;
        Ok(Cache::read(dir, true))
    }

    /// `bantin check`'s view of the cache: what is in it is used, nothing
    /// is written (a photo not in it is decoded to be checked, not
    /// encoded), and a missing folder is an empty cache.
    pub fn read_only(dir: &Path) -> Cache {
        Cache::read(dir, false)
    }

    /// Whether new photos are encoded and kept.
    pub fn writes(&self) -> bool {
        self.writes
    }

    fn read(dir: &Path, writes: bool) -> Cache {
        let dir = dir.join(LAYOUT);
        let mut warnings = Vec::new();
        let index = fs::read_to_string(dir.join("index.tsv"))
            .unwrap_or_default()
            .lines()
            .filter_map(|line| line.rsplit_once('\t'))
            .filter(|(_, key)| {
                let ok = is_key(key);
                if !ok {
                    warnings.push((
                        dir.join("index.tsv"),
                        format!("an entry's key {key:?} is not 16 hex digits; ignored"),
                    ));
                }
                ok
            })
            .map(|(stamp, key)| (stamp.to_owned(), key.to_owned()))
            .collect();
        Cache {
            dir,
            settings: encode::settings(),
            index: Mutex::new(index),
            encoded: AtomicUsize::new(0),
            warnings: Mutex::new(warnings),
            writes,
        }
    }

    /// What was ignored as untrustworthy, for the build's warnings.
    pub fn warnings(&self) -> Vec<(PathBuf, String)> {
        self.warnings.lock().map(|w| w.clone()).unwrap_or_default()
    }

    fn warn(&self, file: PathBuf, why: String) {
        if let Ok(mut warnings) = self.warnings.lock() {
            warnings.push((file, why));
        }
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
            bantin_model::fnv::fnv1a_64(self.settings.as_bytes())
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
        if !is_key(key) {
            return None;
        }
        let path = self.dir.join(format!("{key}.json"));
        let text = fs::read_to_string(&path).ok()?;
        let photo: Photo = serde_json::from_str(&text).ok()?;
        if let Some(why) = untrusted(key, &photo) {
            self.warn(path, format!("{why}; ignored, the photo is encoded again"));
            return None;
        }
        photo
            .files()
            .iter()
            .all(|f| self.file(f).is_file())
            .then_some(photo)
    }

    pub fn remember(&self, path: &Path, photo: &Photo) {
        self.remember_key(path, &photo.key);
    }

    /// The key an unchanged source (same path, size and time) was stored
    /// under: the recordings' index is this one.
    pub fn known_key(&self, path: &Path) -> Option<String> {
        let stamp = self.stamp(path)?;
        self.index.lock().ok()?.get(&stamp).cloned()
    }

    pub fn remember_key(&self, path: &Path, key: &str) {
        if let (Some(stamp), Ok(mut index)) = (self.stamp(path), self.index.lock()) {
            index.insert(stamp, key.to_owned());
        }
    }

    /// Records that this run stored something new (a photo encoded, a
    /// recording read).
    pub fn count_new(&self) {
        self.encoded.fetch_add(1, Ordering::Relaxed);
    }

    /// An entry ignored as untrustworthy, for the build's warnings.
    pub fn warn_about(&self, file: PathBuf, why: String) {
        self.warn(file, why);
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
        self.count_new();
        let json = serde_json::to_vec(photo).map_err(|e| PhotoError::Cache(e.to_string()))?;
        self.store(&format!("{}.json", photo.key), &json)
    }

    /// Saves the index (sorted: the cache folder is deterministic too);
    /// nothing for a read-only cache.
    pub fn save_index(&self) -> Result<(), PhotoError> {
        let Ok(index) = self.index.lock() else {
            return Ok(());
        };
        if !self.writes {
            return Ok(());
        }
        let mut lines: Vec<String> = index
            .iter()
            .map(|(stamp, key)| format!("{stamp}\t{key}"))
            .collect();
        lines.sort();
        self.store("index.tsv", (lines.join("\n") + "\n").as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(key: &str, color: &str) -> Photo {
        Photo {
            key: key.to_owned(),
            width: 800,
            height: 600,
            has_alpha: false,
            color: color.to_owned(),
        }
    }

    #[test]
    fn only_what_bantin_writes_is_trusted() {
        let key = "3f9c2a1e7b0d5c44";
        // (facts, trusted)
        let cases = [
            (photo(key, "#6b7a5e"), true),
            (photo("../../x/pwn", "#6b7a5e"), false),
            (photo("3f9c2a1e7b0d5c45", "#6b7a5e"), false),
            (photo("3F9C2A1E7B0D5C44", "#6b7a5e"), false),
            (photo(key, "red;background:url(//evil)"), false),
            (photo(key, "#6b7a5e\"><b>"), false),
            (photo(key, "#6b7"), false),
            (
                Photo {
                    width: 0,
                    ..photo(key, "#6b7a5e")
                },
                false,
            ),
        ];
        for (facts, trusted) in cases {
            assert_eq!(untrusted(key, &facts).is_none(), trusted, "{facts:?}");
        }
    }

    #[test]
    fn a_poisoned_entry_is_ignored_with_a_warning() {
        let dir = tempfile::tempdir().expect("tmp");
        // Deep enough that the planted `../../x` stays inside the tmp dir.
        let root = dir.path().join("ci/cache");
        let cache = Cache::open(&root).expect("cache");
        let key = "3f9c2a1e7b0d5c44";
        let poisoned = photo("../../x/pwn", "#6b7a5e");
        // The files its name would need, planted to match.
        for name in poisoned.files() {
            let planted = cache.file(&name);
            fs::create_dir_all(planted.parent().expect("parent")).expect("mkdir");
            fs::write(planted, b"x").expect("plant");
        }
        let json = serde_json::to_vec(&poisoned).expect("json");
        cache.store(&format!("{key}.json"), &json).expect("store");
        assert_eq!(cache.photo(key), None);
        assert!(cache.photo("../../x/pwn").is_none());
        let warnings = cache.warnings();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].1.contains("its key is not its file's name"),
            "{warnings:?}"
        );
        // A bad key in the index is dropped when the cache is opened.
        fs::write(
            root.join(LAYOUT).join("index.tsv"),
            "a\t1\t2\t3\t../../x/pwn\nb\t1\t2\t3\t3f9c2a1e7b0d5c44\n",
        )
        .expect("index");
        let reopened = Cache::open(&root).expect("cache");
        assert_eq!(reopened.index.lock().expect("index").len(), 1);
        assert_eq!(reopened.warnings().len(), 1);
    }
}
