//! What a build keeps for the next one besides its files: records beside
//! the output (`.{out}.{what}`), such as the search index's base segment
//! (`search-base`, the render stage's `search::PriorBase`), which lets the
//! next build take the segment's files back from the output instead of
//! indexing the same articles again.
//!
//! Like the file index, a record is taken (read and deleted) before the
//! build changes anything and written after the commit, so a killed build
//! leaves none. A record is untrusted: whoever reads it checks what it
//! names against the output (docs/architecture.md, "Incremental builds").

use std::path::Path;

use anyhow::{Context, Result};

use super::beside;
use super::changes;

/// The record `what` the last build kept beside the output, taken: the
/// next take finds none until a build keeps one again.
pub fn take(parent: &Path, name: &str, what: &str) -> Option<Vec<u8>> {
    let file = changes::beside(parent, name, what);
    let bytes = beside::read(&file).ok();
    let _ = std::fs::remove_file(&file);
    bytes
}

/// Writes the record `what` for the next build (after the commit).
pub fn keep(parent: &Path, name: &str, what: &str, bytes: &[u8]) -> Result<()> {
    let file = changes::beside(parent, name, what);
    beside::write_new(&file, bytes).with_context(|| format!("cannot write {}", file.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_taken_once() {
        let tmp = tempfile::tempdir().expect("tmp");
        keep(tmp.path(), "dist", "search-base", b"one").expect("keep");
        assert!(tmp.path().join(".dist.search-base").is_file());
        assert_eq!(
            take(tmp.path(), "dist", "search-base").as_deref(),
            Some(&b"one"[..])
        );
        // Taken: a second build (or one after a kill) finds none.
        assert_eq!(take(tmp.path(), "dist", "search-base"), None);
        keep(tmp.path(), "dist", "search-base", b"two").expect("keep again");
        assert_eq!(
            take(tmp.path(), "dist", "search-base").as_deref(),
            Some(&b"two"[..])
        );
    }
}
