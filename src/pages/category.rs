use bantin_model::{archive, head, paths, ArticleSummary, Page};
use bantin_views::{ListSkeleton, ListView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{focus_when_shown, page_data, page_head};

/// `/c/{slug}/`, `/c/{slug}/luu-tru-{n}/`, and old `/c/{slug}/{n}/`.
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

/// The page of a list an address names (docs/architecture.md, "Lists").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    /// `/{…}/{slug}/` (0) or `/{…}/{slug}/luu-tru-{n}/`.
    Block(usize),
    /// `/{…}/{slug}/{n}/`, numbered newest first before the archive was:
    /// shown as the block that now holds its oldest article.
    Old(usize),
}

/// The address from the route's optional segment; `None` for one that
/// names no page.
pub fn address(segment: Option<&str>) -> Option<Address> {
    let number = |s: &str| s.parse::<usize>().ok().filter(|&n| n >= 1);
    match segment {
        None | Some("1") => Some(Address::Block(0)),
        Some(s) => match s.strip_prefix(paths::ARCHIVE) {
            Some(n) => number(n).map(Address::Block),
            None => number(s).map(Address::Old),
        },
    }
}

/// A category's or an author's page: one copy in the app for both.
pub fn list_page(list: List) -> impl IntoView {
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let at = move || address(params.read().get_str("page"));
    page_data(
        move || {
            // An old address reads the landing page, which knows the total.
            let block = match at()? {
                Address::Block(n) => n,
                Address::Old(_) => 0,
            };
            Some(match list {
                List::Category => paths::category(&slug(), block),
                List::Author => paths::author(&slug(), block),
            })
        },
        || view! { <ListSkeleton /> },
        move |page: Page<ArticleSummary>| {
            let (first, name, empty) = match list {
                List::Category => (
                    paths::category_page(&slug(), 0),
                    page.category.as_ref().map(|c| c.name.clone()),
                    "Chưa có bài viết nào trong mục này.",
                ),
                List::Author => (
                    paths::author_page(&slug(), 0),
                    page.author.as_ref().map(|a| a.name.clone()),
                    "Chưa có bài viết nào của tác giả này.",
                ),
            };
            if let Some(Address::Old(n)) = untrack(at) {
                // A document load, not the router: an old address is rare,
                // and the router's navigation costs the app more bytes.
                let block = archive::legacy_block(page.total.unwrap_or(0), n);
                let _ = window()
                    .location()
                    .replace(&paths::list_page(&first, block));
                return view! { <ListSkeleton /> }.into_any();
            }
            focus_when_shown();
            let for_head = Page {
                items: Vec::new(),
                ..page.clone()
            };
            page_head(move |site| head::list(site, &for_head));
            view! { <ListView page first name=name.unwrap_or_else(slug) empty /> }.into_any()
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    // In the wasm test binary (`cargo test --target wasm32…`): a plain
    // #[test] there is never run.
    #[wasm_bindgen_test]
    fn reads_the_address() {
        let cases = [
            (None, Some(Address::Block(0))),
            (Some("luu-tru-3"), Some(Address::Block(3))),
            (Some("luu-tru-0"), None),
            (Some("luu-tru-"), None),
            (Some("luu-tru"), None),
            (Some("1"), Some(Address::Block(0))),
            (Some("7"), Some(Address::Old(7))),
            (Some("0"), None),
            (Some("x"), None),
        ];
        for (segment, want) in cases {
            assert_eq!(address(segment), want, "{segment:?}");
        }
    }
}
