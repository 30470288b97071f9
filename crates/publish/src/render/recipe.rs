//! A file's recipe: one hash of everything its bytes are made from, so
//! that a file the last build made from the same recipe is kept as it is
//! instead of made again ([`Sink::reuse`](crate::output::sink::Sink::reuse)).
//!
//! Every recipe starts from this program's identity (its version and its
//! executable file), so another bantin — a new release, or a rebuilt
//! binary of the same version — never reuses what an earlier one made.
//! A renderer adds every input its output depends on; the cached-build
//! property test (`tests/incremental.rs`) compares the result with a
//! build from nothing.

use std::os::unix::fs::MetadataExt;
use std::sync::OnceLock;

use xxhash_rust::xxh3::Xxh3;

/// This program: its version, and its executable's size, modification
/// time and inode. `None` when the executable cannot be found (then no
/// file is reused).
fn program() -> Option<u64> {
    static PROGRAM: OnceLock<Option<u64>> = OnceLock::new();
    *PROGRAM.get_or_init(|| {
        let meta = std::env::current_exe().ok()?.metadata().ok()?;
        let mut hasher = Xxh3::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        for word in [meta.len(), meta.ino(), meta.dev()] {
            hasher.update(&word.to_le_bytes());
        }
        hasher.update(&meta.mtime().to_le_bytes());
        hasher.update(&meta.mtime_nsec().to_le_bytes());
        Some(hasher.digest())
    })
}

/// A recipe being written: [`Recipe::add`] each input, then [`Recipe::finish`].
pub struct Recipe {
    hasher: Xxh3,
    program: Option<u64>,
}

impl Recipe {
    /// A recipe for a kind of file (`kind` keeps two renderers' recipes
    /// apart).
    pub fn new(kind: &str) -> Recipe {
        Recipe::of_program(program(), kind)
    }

    fn of_program(program: Option<u64>, kind: &str) -> Recipe {
        let mut recipe = Recipe {
            hasher: Xxh3::new(),
            program,
        };
        recipe.add(&program.unwrap_or_default().to_le_bytes());
        recipe.add(kind.as_bytes());
        recipe
    }

    /// One input. Each is framed by its length, so that no two lists of
    /// inputs read the same.
    pub fn add(&mut self, input: &[u8]) -> &mut Recipe {
        self.hasher.update(&(input.len() as u64).to_le_bytes());
        self.hasher.update(input);
        self
    }

    /// The recipe; never 0, which means "none", unless the program is
    /// unknown.
    pub fn finish(&self) -> u64 {
        match self.program {
            None => 0,
            Some(_) => self.hasher.digest().max(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(program: Option<u64>, kind: &str, inputs: &[&str]) -> u64 {
        let mut recipe = Recipe::of_program(program, kind);
        for input in inputs {
            recipe.add(input.as_bytes());
        }
        recipe.finish()
    }

    #[test]
    fn a_recipe_changes_with_any_input_its_framing_kind_and_program() {
        let base = of(Some(1), "doc", &["ab", "c"]);
        assert_eq!(base, of(Some(1), "doc", &["ab", "c"]));
        for other in [
            of(Some(1), "doc", &["a", "bc"]),
            of(Some(1), "doc", &["ab", "c", ""]),
            of(Some(1), "doc", &["ab", "d"]),
            of(Some(1), "api", &["ab", "c"]),
            of(Some(2), "doc", &["ab", "c"]),
        ] {
            assert_ne!(base, other);
        }
        assert_ne!(base, 0);
        // Without a known program nothing is reused.
        assert_eq!(of(None, "doc", &["ab", "c"]), 0);
    }

    #[test]
    fn this_program_is_known() {
        assert!(Recipe::new("doc").finish() != 0);
    }
}
