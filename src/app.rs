use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

use crate::api;
use crate::pages::{ArticlePage, HomePage, NotFound};

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = LocalResource::new(api::site);
    let site_name = move || {
        site.get()
            .and_then(Result::ok)
            .map(|s| s.name)
            .unwrap_or_default()
    };
    view! {
        <Title formatter=move |title: String| {
            match (title.is_empty(), site_name()) {
                (true, name) => name,
                (false, name) if name.is_empty() => title,
                (false, name) => format!("{title} – {name}"),
            }
        } />
        <Router>
            <header class="masthead">
                <a class="brand" href="/">{site_name}</a>
            </header>
            <main id="main">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/a/:id/:slug") view=ArticlePage />
                    <Route path=path!("/a/:id") view=ArticlePage />
                </Routes>
            </main>
        </Router>
    }
}
