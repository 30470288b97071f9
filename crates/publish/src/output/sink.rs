//! Where the renderers put the site's files: a [`Sink`]. The build's is
//! the staging folder ([`super::staging::Staging`]); tests use a [`MemorySink`]. The
//! renderers know nothing of disks, locks or staging.

#[cfg(test)]
use std::collections::BTreeMap;
#[cfg(test)]
use std::sync::Mutex;

use anyhow::Result;

/// Where the build's files go: the staging folder, or memory in tests.
pub trait Sink: Sync {
    /// `path` is relative to the site root, with `/` separators.
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()>;

    /// Puts `bytes`, made from `recipe` ([`crate::render::recipe`]), so
    /// that the next build can [`Sink::reuse`] them.
    fn put_made(&self, path: &str, _recipe: u64, bytes: &[u8]) -> Result<()> {
        self.put(path, bytes)
    }

    /// Keeps the file at `path` as the last build made it, if that build
    /// made it from `recipe` and nothing touched it since: then the caller
    /// need not make it again. False when it must (no record, another
    /// recipe, an edited file, or a sink that keeps nothing).
    fn reuse(&self, _path: &str, _recipe: u64) -> bool {
        false
    }

    /// Files are about to be written under `folder`, a new name for what
    /// a folder beside it held (a search segment's next version): where
    /// the spare has such a folder, not one of `keep` (folders this build
    /// writes), and none by the new name, it is renamed, so its files are
    /// rewritten in place instead of created anew and the old ones
    /// deleted (each new inode is costly on some disks; what is not
    /// rewritten is removed at commit).
    fn reuse_folder(&self, _folder: &str, _keep: &[String]) {}
}

/// Files kept in memory, for tests of a renderer.
#[cfg(test)]
#[derive(Default)]
pub struct MemorySink {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

#[cfg(test)]
impl MemorySink {
    /// The files put so far, by path.
    pub fn files(&self) -> BTreeMap<String, Vec<u8>> {
        self.files.lock().map(|f| f.clone()).unwrap_or_default()
    }

    /// One file's text, if it was put.
    pub fn text(&self, path: &str) -> Option<String> {
        let files = self.files.lock().ok()?;
        files
            .get(path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
    }
}

#[cfg(test)]
impl Sink for MemorySink {
    fn put(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let mut files = self
            .files
            .lock()
            .map_err(|_| anyhow::anyhow!("a writer thread panicked"))?;
        files.insert(path.to_owned(), bytes.to_vec());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memory_sink_keeps_the_last_bytes_of_each_path() {
        let sink = MemorySink::default();
        sink.put("a/b.json", b"1").expect("put");
        sink.put("a/b.json", b"2").expect("put");
        sink.put("c.txt", "chữ".as_bytes()).expect("put");
        assert_eq!(sink.files().len(), 2);
        assert_eq!(sink.text("a/b.json").as_deref(), Some("2"));
        assert_eq!(sink.text("c.txt").as_deref(), Some("chữ"));
        assert_eq!(sink.text("d"), None);
    }
}
