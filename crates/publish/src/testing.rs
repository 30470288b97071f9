//! What renderers' unit tests share: the small fixture newsroom, checked,
//! and the API's view of it, to render into a `MemorySink`.

use std::path::Path;

use bantin_model::Site;

use crate::api::{self, RenderOptions};
use crate::Newsroom;

/// `crates/publish/tests/fixtures/small`, checked at a fixed time; its
/// photos go through a cache in a temporary folder, kept with it.
pub struct Fixture {
    pub newsroom: Newsroom,
    pub site: Site,
    _cache: tempfile::TempDir,
}

impl Fixture {
    pub fn small() -> Fixture {
        let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small");
        let cache = tempfile::tempdir().expect("a temporary folder");
        let now = bantin_model::rfc3339::parse("2030-01-01T00:00:00+07:00").expect("a date");
        let newsroom =
            crate::check(&content, Some(cache.path()), now).expect("the fixture is valid");
        let site = api::site(&newsroom, &RenderOptions { base_url: None });
        Fixture {
            newsroom,
            site,
            _cache: cache,
        }
    }

    pub fn catalog(&self) -> api::Catalog<'_> {
        api::Catalog::new(&self.newsroom)
    }
}
