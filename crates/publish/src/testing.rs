//! What renderers' unit tests share: the small fixture newsroom, checked,
//! and the API's view of it, to render into a `MemorySink`.

use std::path::Path;

use crate::check::Newsroom;
use crate::render::RenderOptions;
use crate::render::{search, RenderContext};

/// `crates/publish/tests/fixtures/small`, checked at a fixed time; its
/// photos go through a cache in a temporary folder, kept with it.
pub struct Fixture {
    pub newsroom: Newsroom,
    _cache: tempfile::TempDir,
}

impl Fixture {
    pub fn small() -> Fixture {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let cache = tempfile::tempdir().expect("a temporary folder");
        let now = bantin_model::rfc3339::parse("2030-01-01T00:00:00+07:00").expect("a date");
        let newsroom =
            crate::build::check(&content, Some(cache.path()), now).expect("the fixture is valid");
        Fixture {
            newsroom,
            _cache: cache,
        }
    }

    /// What the renderers read, as a build makes it.
    pub fn context(&self) -> RenderContext<'_> {
        let search = search::index(&self.newsroom.articles, None).expect("the index");
        RenderContext::new(
            &self.newsroom,
            &RenderOptions { base_url: None },
            search.into_meta(),
        )
    }
}
