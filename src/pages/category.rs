use bantin_model::{head, paths, ArticleSummary, Page};
use bantin_views::{ListSkeleton, ListView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{focus_when_shown, page_data, page_head};

/// `/c/{slug}/` and `/c/{slug}/{n}/`.
#[component]
pub fn CategoryPage() -> impl IntoView {
    list_page(List::Category)
}

/// Whose articles a list page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Category,
    Author,
}

/// `/{…}/{slug}/` and `/{…}/{slug}/{n}/`: `None` for a page number that is not one.
pub fn page_number(param: Option<String>) -> Option<usize> {
    match param {
        None => Some(1),
        Some(n) => n.parse::<usize>().ok().filter(|&n| n >= 1),
    }
}

/// A category's or an author's page: one copy in the app for both.
pub fn list_page(list: List) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    page_data(
        move || {
            page_number(params.read().get("page")).map(|n| match list {
                List::Category => paths::category(&slug(), n),
                List::Author => paths::author(&slug(), n),
            })
        },
        || view! { <ListSkeleton /> },
        move |page: Page<ArticleSummary>| {
            focus_when_shown();
            let (first, name, empty) = match list {
                List::Category => (
                    paths::category_page(&slug(), 1),
                    page.category.as_ref().map(|c| c.name.clone()),
                    "Chưa có bài viết nào trong mục này.",
                ),
                List::Author => (
                    paths::author_page(&slug(), 1),
                    page.author.as_ref().map(|a| a.name.clone()),
                    "Chưa có bài viết nào của tác giả này.",
                ),
            };
            let for_head = Page {
                items: Vec::new(),
                ..page.clone()
            };
            page_head(move |site| head::list(site, &for_head));
            view! { <ListView page first name=name.unwrap_or_else(slug) empty /> }
        },
    )
}
