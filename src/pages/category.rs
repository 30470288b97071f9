use bantin_model::{head, paths, ArticleSummary, CategoryRef, Page};
use bantin_views::{CategoryView, Eager, ListSkeleton};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{focus_when_shown, page_data, page_head};

/// `/c/{slug}/` and `/c/{slug}/{n}/`: `None` for a page number that is not one.
pub fn page_number(param: Option<String>) -> Option<usize> {
    match param {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|&n| n >= 1),
    }
}

#[component]
pub fn CategoryPage() -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    Eager(page_data(
        move || page_number(params.read().get("page")).map(|n| paths::category(&slug(), n)),
        || view! { <ListSkeleton /> },
        move |page: Page<ArticleSummary>| {
            focus_when_shown();
            let category = page.category.clone().unwrap_or_else(|| CategoryRef {
                slug: slug(),
                name: slug(),
            });
            let for_head = Page {
                items: Vec::new(),
                category: Some(category.clone()),
                ..page.clone()
            };
            page_head(move |site| head::category(site, &for_head));
            view! { <CategoryView page slug=category.slug name=category.name /> }
        },
    ))
}
