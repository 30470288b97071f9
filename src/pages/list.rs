use bantin_model::{archive, head, paths, ArticleSummary, Page};
use bantin_views::{ListSkeleton, ListView};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::{focus_when_shown, page_data, page_head};

/// Every list: `/c/{slug}/`, `/tac-gia/{slug}/`, `/chu-de/{slug}/`,
/// `/tin-moi/`, each with
/// `luu-tru-{n}/` and the old `{n}/`. One wildcard route for the three
/// (and for what names nothing, shown as not found): each route costs the
/// app its own matching and view code (docs/size-analysis.md).
#[component]
pub fn ListPage() -> impl IntoView {
    let params = use_params_map();
    list_page(move || params.read().get_str("any").and_then(list_address))
}

/// Whose articles a list page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Category,
    Author,
    Topic,
    Latest,
}

/// A list page an address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAddress {
    pub list: List,
    /// The category's or author's slug; empty for the latest list.
    pub slug: String,
    pub at: Address,
}

/// The list page a path below the root names (`c/y-te/luu-tru-2/`, the
/// route's wildcard), the reverse of `paths::{category,author,topic,latest}_page`;
/// `None` for a path that names none.
pub fn list_address(path: &str) -> Option<ListAddress> {
    let path = path.trim_start_matches('/');
    let mut parts = path.strip_suffix('/').unwrap_or(path).split('/');
    let (list, slug) = match parts.next()? {
        "c" => (List::Category, parts.next()?),
        "tac-gia" => (List::Author, parts.next()?),
        "chu-de" => (List::Topic, parts.next()?),
        "tin-moi" => (List::Latest, ""),
        _ => return None,
    };
    let at = address(parts.next())?;
    let known = parts.next().is_none() && (list == List::Latest || !slug.is_empty());
    known.then(|| ListAddress {
        list,
        slug: slug.to_owned(),
        at,
    })
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

/// A list's page: one copy in the app for every kind of list.
fn list_page(
    target: impl Fn() -> Option<ListAddress> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    page_data(
        move || {
            let ListAddress { list, slug, at } = target()?;
            // An old address reads the landing page, which knows the total.
            let block = match at {
                Address::Block(n) => n,
                Address::Old(_) => 0,
            };
            Some(match list {
                List::Category => paths::category(&slug, block),
                List::Author => paths::author(&slug, block),
                List::Topic => paths::topic(&slug, block),
                List::Latest => paths::latest(block),
            })
        },
        || view! { <ListSkeleton /> },
        move |page: Page<ArticleSummary>| {
            // Untracked: the page is rendered for the data it was given.
            let Some(ListAddress { list, slug, at }) = untrack(target) else {
                return view! { <ListSkeleton /> }.into_any();
            };
            let (first, name, empty) = match list {
                List::Category => (
                    paths::category_page(&slug, 0),
                    page.category.as_ref().map(|c| c.name.clone()),
                    "Chưa có bài viết nào trong mục này.",
                ),
                List::Author => (
                    paths::author_page(&slug, 0),
                    page.author.as_ref().map(|a| a.name.clone()),
                    "Chưa có bài viết nào của tác giả này.",
                ),
                List::Topic => (
                    paths::topic_page(&slug, 0),
                    page.topic.as_ref().map(|t| t.name.clone()),
                    "Chưa có bài viết nào về chủ đề này.",
                ),
                List::Latest => (
                    paths::LATEST_PAGE.to_owned(),
                    Some(paths::LATEST_NAME.to_owned()),
                    "Chưa có bài viết nào.",
                ),
            };
            if let Address::Old(n) = at {
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
            view! { <ListView page first name=name.unwrap_or(slug) empty /> }.into_any()
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

    #[wasm_bindgen_test]
    fn reads_the_list_from_the_path() {
        let at = |list, slug: &str, at| {
            Some(ListAddress {
                list,
                slug: slug.to_owned(),
                at,
            })
        };
        // What the publisher writes reads back as the same page.
        let written = [
            (
                paths::category_page("y-te", 0),
                at(List::Category, "y-te", Address::Block(0)),
            ),
            (
                paths::category_page("y-te", 4),
                at(List::Category, "y-te", Address::Block(4)),
            ),
            (
                paths::author_page("thu-ha", 2),
                at(List::Author, "thu-ha", Address::Block(2)),
            ),
            (
                paths::latest_page(0),
                at(List::Latest, "", Address::Block(0)),
            ),
            (
                paths::latest_page(9),
                at(List::Latest, "", Address::Block(9)),
            ),
        ];
        for (path, want) in written {
            assert_eq!(list_address(&path), want, "{path}");
        }
        let cases = [
            ("c/y-te", at(List::Category, "y-te", Address::Block(0))),
            ("c/y-te/7/", at(List::Category, "y-te", Address::Old(7))),
            ("tin-moi", at(List::Latest, "", Address::Block(0))),
            ("", None),
            ("c/", None),
            ("c//", None),
            ("tac-gia/", None),
            ("chu-de/", None),
            ("c/y-te/luu-tru-2/x/", None),
            ("c/y-te/luu-tru-0/", None),
            ("tin-moi/y-te/", None),
            ("khong-co-trang-nay/", None),
            ("a/", None),
        ];
        for (path, want) in cases {
            assert_eq!(list_address(path), want, "{path:?}");
        }
    }
}
