use bantin_model::{paths, CategoryRef, Site};
use leptos::prelude::*;

use crate::SearchForm;

/// The frame of every page — the reader app's, the offline page's, the
/// widget configurator's: the masthead with the site's categories,
/// `<main id="main">` holding `children`, the footer. `site` is read
/// reactively: the app may have `site.json` only after its first render.
/// `children` keep their type (no `AnyView`): the app's routes inside
/// cost no more than they did written out in place.
#[component]
pub fn Frame<S, C>(site: S, children: TypedChildren<C>) -> impl IntoView
where
    S: Fn() -> Option<Site> + Clone + Send + Sync + 'static,
    C: IntoView + 'static,
{
    let children = children.into_inner();
    let footer_site = site.clone();
    view! {
        {move || {
            let site = site();
            let categories = site.as_ref().map(Site::category_refs).unwrap_or_default();
            let (name, logo) = site.map(|s| (s.name, s.logo)).unwrap_or_default();
            view! { <SiteHeader name logo categories /> }
        }}
        <main id="main">{children()}</main>
        {move || view! { <SiteFooter name=footer_site().map(|s| s.name).unwrap_or_default() /> }}
    }
}

/// Skip link, site name and the category navigation.
#[component]
pub fn SiteHeader(
    name: String,
    logo: Option<String>,
    categories: Vec<CategoryRef>,
) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">"Bỏ qua, tới nội dung chính"</a>
        <header class="masthead">
            <div class="masthead-inner">
                <a class="brand" href="/">
                    {logo.map(|src| view! { <img class="brand-logo" src=src alt="" width="36" height="36" /> })}
                    <span class="brand-name">{name}</span>
                </a>
                <SearchForm id="q-header" name="Tìm kiếm ở đầu trang" class="header-search" />
            </div>
            <nav class="sections-nav" aria-label="Chuyên mục">
                <ul>
                    <li><a href="/">"Trang chủ"</a></li>
                    <li><a href=paths::LATEST_PAGE>"Mới nhất"</a></li>
                    {categories
                        .into_iter()
                        .map(|c| view! { <li><a href=paths::category_page(&c.slug, 0)>{c.name}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter(name: String) -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>{name}</p>
            // For partners, not readers: a page of its own, outside the app.
            <p><a href="/widget/" rel="external">"Hộp tin cho trang đối tác"</a></p>
        </footer>
    }
}
