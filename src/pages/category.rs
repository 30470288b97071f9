use bantin_model::{paths, ArticleSummary, CategoryRef, Page};
use bantin_views::{CategoryView, ListSkeleton};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::app::{absolute, SiteResource};
use crate::components::{focus_heading_after_navigation, page_data};
use crate::pages::meta::PageMeta;

/// `/c/{slug}/` and `/c/{slug}/{n}/`: `None` for a page number that is not one.
pub fn page_number(param: Option<String>) -> Option<usize> {
    match param {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|&n| n >= 1),
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let site = expect_context::<SiteResource>();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    page_data(
        move || page_number(params.read().get("page")).map(|n| paths::category(&slug(), n)),
        || view! { <ListSkeleton /> },
        move |page: Page<ArticleSummary>| {
            Effect::new(move |_| focus_heading_after_navigation());
            let site = site.get().and_then(Result::ok);
            let category = page.category.clone().unwrap_or_else(|| CategoryRef {
                slug: slug(),
                name: slug(),
            });
            let path = paths::category_page(&category.slug, page.page);
            let title = if page.page > 1 {
                format!("{} – trang {}", category.name, page.page)
            } else {
                category.name.clone()
            };
            let description = format!("Tin {} mới nhất", category.name);
            view! {
                <PageMeta title description canonical=absolute(site.as_ref(), &path) />
                <CategoryView page slug=category.slug name=category.name />
            }
        },
    )
}
