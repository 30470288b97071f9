use bantin_model::{paths, Site};
use bantin_views::Frame;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::pages::{ArticlePage, HomePage, ListPage, NotFound, SearchPage};

/// `site.json`, as every page of the render has it.
#[derive(Clone)]
pub struct SiteData(pub Option<Site>);

/// Every page of the reader, as the build renders it into the documents
/// (natively, at each route). `preloaded`: the API files the render uses
/// (`site.json` and the page's own).
#[component]
pub fn App(#[prop(optional)] preloaded: Vec<(String, String)>) -> impl IntoView {
    provide_context(api::Preloaded::new(preloaded));
    let site: Option<Site> = api::preloaded(&paths::site());
    provide_context(SiteData(site.clone()));
    view! {
        <Router>
            <Frame site=move || site.clone()>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/a/:id/:slug?") view=ArticlePage />
                    <Route path=path!("/tim-kiem") view=SearchPage />
                    // Last, as routes match in order: every list, and what
                    // names nothing (`ListPage`).
                    <Route path=path!("/*any") view=ListPage />
                </Routes>
            </Frame>
        </Router>
    }
}

/// The site's absolute address of a path, for canonical links and sharing.
pub fn absolute(site: Option<&Site>, path: &str) -> String {
    site.map_or_else(|| path.to_owned(), |site| site.absolute(path))
}
