use bantin_model::{paths, Site};
use bantin_views::{NavCategory, SiteFooter, SiteHeader};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api::{self, ApiError};
use crate::components::provide_reader_scale;
use crate::pages::{ArticlePage, CategoryPage, HomePage, NotFound};

/// `site.json`, shared by every page: from the document, or fetched once.
pub type SiteResource = RwSignal<Option<Result<Site, ApiError>>, LocalStorage>;

#[component]
pub fn App() -> impl IntoView {
    provide_reader_scale();
    let site: SiteResource = RwSignal::new_local(api::preloaded(&paths::site()).map(Ok));
    if site.read_untracked().is_none() {
        leptos::task::spawn_local(async move { site.set(Some(api::site().await)) });
    }
    provide_context(site);
    let loaded = move || site.get().and_then(Result::ok);
    let site_name = move || loaded().map(|s| s.name).unwrap_or_default();

    view! {
        <Router>
            {move || {
                let site = loaded();
                let categories = site
                    .as_ref()
                    .map(|s| {
                        s.categories
                            .iter()
                            .map(|c| NavCategory { slug: c.slug.clone(), name: c.name.clone() })
                            .collect()
                    })
                    .unwrap_or_default();
                view! {
                    <SiteHeader
                        name=site.as_ref().map(|s| s.name.clone()).unwrap_or_default()
                        logo=site.as_ref().and_then(|s| s.logo.clone())
                        categories
                    />
                }
            }}
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/c/:slug") view=CategoryPage />
                    <Route path=path!("/c/:slug/:page") view=CategoryPage />
                    <Route path=path!("/a/:id/:slug") view=ArticlePage />
                    <Route path=path!("/a/:id") view=ArticlePage />
                </Routes>
            </main>
            {move || view! { <SiteFooter name=site_name() /> }}
        </Router>
    }
}

/// The site's absolute address of a path, for canonical links and sharing;
/// the path itself until `site.json` has arrived.
pub fn absolute(site: Option<&Site>, path: &str) -> String {
    site.map_or_else(|| path.to_owned(), |site| site.absolute(path))
}
