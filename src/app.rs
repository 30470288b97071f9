use bantin_model::search::cut_query;
use bantin_model::{paths, Site};
use bantin_views::{search_href, Frame};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::hooks::use_navigate;
use leptos_router::path;
use wasm_bindgen::JsCast;

use crate::api::{self, ApiError};
use crate::components::provide_reader_scale;
use crate::pages::{ArticlePage, HomePage, ListPage, NotFound, SearchPage};

/// `site.json`, shared by every page: from the document, or fetched once.
pub type SiteResource = RwSignal<Option<Result<Site, ApiError>>, LocalStorage>;

/// The reader app. `preloaded`: the API files its first render may use
/// without a request (the document's data blocks; the build's data).
#[component]
pub fn App(#[prop(optional)] preloaded: Vec<(String, String)>) -> impl IntoView {
    provide_context(api::Preloaded::new(preloaded));
    provide_reader_scale();
    let site: SiteResource = RwSignal::new_local(api::preloaded(&paths::site()).map(Ok));
    if site.read_untracked().is_none() {
        crate::spawn(async move { site.set(Some(api::site().await)) });
    }
    provide_context(site);
    let loaded = move || site.get().and_then(Result::ok);

    view! {
        <Router>
            <SearchSubmits />
            <Frame site=loaded>
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

/// The site's absolute address of a path, for canonical links and sharing;
/// the path itself until `site.json` has arrived.
pub fn absolute(site: Option<&Site>, path: &str) -> String {
    site.map_or_else(|| path.to_owned(), |site| site.absolute(path))
}

/// The search forms' submits (the header's, the search page's) become
/// client-side navigations; without the app they load `/tim-kiem/?q=…`.
#[component]
fn SearchSubmits() -> impl IntoView {
    let navigate = use_navigate();
    // In the browser only (effects do not run where the build renders).
    Effect::new(move || {
        let navigate = navigate.clone();
        let listener = window_event_listener(leptos::ev::submit, move |event| {
            let Some(form) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
            else {
                return;
            };
            if !form.class_name().split(' ').any(|c| c == "search-form") {
                return;
            }
            let typed = form
                .query_selector("input[name=q]")
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                .map(|i| i.value())
                .unwrap_or_default();
            event.prevent_default();
            navigate(&search_href(cut_query(&typed), None), Default::default());
        });
        on_cleanup(move || listener.remove());
    });
}
