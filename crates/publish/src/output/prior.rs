//! What a build keeps for the next one besides its files: the record of
//! its search index's base segment (`.{out}.search-base`), so that the
//! next build, finding the same base articles, takes the segment's files
//! back from the output instead of indexing them again
//! ([`crate::render::search::PriorBase`]).
//!
//! Like the file index, the record is taken (read and deleted) before the
//! build changes anything and written after the commit, so a killed build
//! leaves none; what it names is read back from the output and checked
//! against the segment's version (the hash of its files), so a record
//! that is stale, cut or scrambled, or an output edited since, means the
//! base is indexed again, never a wrong one.

use std::path::Path;

use anyhow::{Context, Result};
use bantin_model::paths;

use super::beside;
use super::changes;
use crate::render::search::PriorBase;

const WHAT: &str = "search-base";

/// The last build's base segment, when its record is there and its files
/// are in `out`.
pub fn take(parent: &Path, name: &str, out: &Path) -> Option<PriorBase> {
    let file = changes::beside(parent, name, WHAT);
    let text = beside::read(&file).ok();
    let _ = std::fs::remove_file(&file);
    let (recipe, segment) = PriorBase::parse_record(std::str::from_utf8(&text?).ok()?)?;
    let shards = (0..segment.shards)
        .map(|n| {
            let path = paths::search_shard(&segment.version, n);
            beside::read(&out.join(path.trim_start_matches('/'))).ok()
        })
        .collect::<Option<Vec<_>>>()?;
    Some(PriorBase {
        recipe,
        segment,
        shards,
    })
}

/// Writes the record of the base segment the build just committed.
pub fn keep(parent: &Path, name: &str, record: &str) -> Result<()> {
    let file = changes::beside(parent, name, WHAT);
    beside::write_new(&file, record.as_bytes())
        .with_context(|| format!("cannot write {}", file.display()))
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use bantin_model::search::Segment;

    #[test]
    fn a_record_is_taken_once_with_the_files_it_names() {
        let tmp = tempfile::tempdir().expect("tmp");
        let out = tmp.path().join("dist");
        let segment = Segment {
            version: "00112233aabbccdd".into(),
            shards: 2,
            by_syllable: false,
        };
        for n in 0..2 {
            let path = out.join(paths::search_shard(&segment.version, n).trim_start_matches('/'));
            fs::create_dir_all(path.parent().expect("folder")).expect("mkdir");
            fs::write(path, format!("{{\"t{n}\":1}}")).expect("shard");
        }
        keep(tmp.path(), "dist", &PriorBase::record(7, &segment)).expect("keep");
        let prior = take(tmp.path(), "dist", &out).expect("taken");
        assert_eq!((prior.recipe, &prior.segment), (7, &segment));
        assert_eq!(prior.shards[1], b"{\"t1\":1}");
        // Taken: a second build (or one after a kill) indexes.
        assert!(take(tmp.path(), "dist", &out).is_none());
        // A record naming a file the output no longer has: nothing.
        keep(
            tmp.path(),
            "dist",
            &PriorBase::record(
                7,
                &Segment {
                    shards: 3,
                    ..segment
                },
            ),
        )
        .expect("keep");
        assert!(take(tmp.path(), "dist", &out).is_none());
    }
}
