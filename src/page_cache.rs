//! The app's memory of API files, so that a page already fetched (or
//! prefetched on the reader's intent) renders at once: at most
//! [`MAX_ENTRIES`] files and [`MAX_BYTES`] of JSON, the least recently
//! used going first, each kept for [`MAX_AGE_MS`] — the API's own
//! `max-age` (`deploy/nginx.conf`), so the app is never staler than the
//! browser's HTTP cache would be after a new build.

use std::collections::VecDeque;

pub const MAX_ENTRIES: usize = 50;
pub const MAX_BYTES: usize = 2_000_000;
pub const MAX_AGE_MS: f64 = 300_000.0;

struct Entry {
    path: String,
    text: String,
    /// When it was stored (ms, the page's clock).
    at: f64,
}

/// Least recently used first.
pub struct PageCache {
    entries: VecDeque<Entry>,
    bytes: usize,
    max_entries: usize,
    max_bytes: usize,
    max_age_ms: f64,
}

impl PageCache {
    pub const fn new(max_entries: usize, max_bytes: usize, max_age_ms: f64) -> PageCache {
        PageCache {
            entries: VecDeque::new(),
            bytes: 0,
            max_entries,
            max_bytes,
            max_age_ms,
        }
    }

    fn remove(&mut self, path: &str) -> Option<Entry> {
        let index = self.entries.iter().position(|e| e.path == path)?;
        let entry = self.entries.remove(index)?;
        self.bytes -= entry.text.len();
        Some(entry)
    }

    /// The file at `path` if it is fresh at `now`; it becomes the most
    /// recently used.
    pub fn get(&mut self, path: &str, now: f64) -> Option<String> {
        let entry = self.remove(path)?;
        if now - entry.at > self.max_age_ms {
            return None;
        }
        let text = entry.text.clone();
        self.bytes += entry.text.len();
        self.entries.push_back(entry);
        Some(text)
    }

    /// Keeps a file, making room by forgetting the least recently used.
    /// A file larger than the whole cache is not kept.
    pub fn put(&mut self, path: &str, text: &str, now: f64) {
        self.remove(path);
        if text.len() > self.max_bytes || self.max_entries == 0 {
            return;
        }
        while self.entries.len() >= self.max_entries || self.bytes + text.len() > self.max_bytes {
            match self.entries.pop_front() {
                Some(old) => self.bytes -= old.text.len(),
                None => break,
            }
        }
        self.bytes += text.len();
        self.entries.push_back(Entry {
            path: path.to_owned(),
            text: text.to_owned(),
            at: now,
        });
    }

    /// Drops the file at `path`, if kept.
    pub fn forget(&mut self, path: &str) {
        self.remove(path);
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn bytes(&self) -> usize {
        self.bytes
    }

    pub fn contains(&self, path: &str) -> bool {
        self.entries.iter().any(|e| e.path == path)
    }
}
