use bantin_model::paths;
use leptos::prelude::*;

use crate::SearchForm;

/// A category in the site navigation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NavCategory {
    pub slug: String,
    pub name: String,
}

impl NavCategory {
    /// The site's categories, in its order: one list for the documents,
    /// the offline page and the app.
    pub fn of(site: &bantin_model::Site) -> Vec<NavCategory> {
        site.categories
            .iter()
            .map(|c| NavCategory {
                slug: c.slug.clone(),
                name: c.name.clone(),
            })
            .collect()
    }
}

/// Skip link, site name and the category navigation.
#[component]
pub fn SiteHeader(
    name: String,
    logo: Option<String>,
    categories: Vec<NavCategory>,
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
                    {categories
                        .into_iter()
                        .map(|c| view! { <li><a href=paths::category_page(&c.slug, 1)>{c.name}</a></li> })
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
