use bantin_model::{paths, ArticleSummary, Page};
use bantin_views::ListView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::components::page_data;

/// Every list: `/c/{slug}/`, `/tac-gia/{slug}/`, `/chu-de/{slug}/`,
/// `/tin-moi/`, each with `luu-tru-{n}/` and the old `{n}/`: one wildcard
/// route for them all, and for what names nothing (not found).
#[component]
pub fn ListPage() -> impl IntoView {
    let params = use_params_map();
    list_page(move || params.read().get_str("any").and_then(list_address))
}

/// A list page an address names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListAddress {
    /// The list's landing page (`/c/y-te/`).
    pub first: String,
    /// Its API files' stem (`categories/y-te`: `paths::list`).
    pub data: String,
    pub at: Address,
}

/// The list page a path below the root names (`c/y-te/luu-tru-2/`, the
/// route's wildcard), the reverse of `paths::{category,author,topic,latest}_page`;
/// `None` for a path that names none. Every kind of list the same way,
/// from its two names, so the app holds one copy of the code.
pub fn list_address(path: &str) -> Option<ListAddress> {
    let path = path.trim_start_matches('/');
    let mut parts = path.strip_suffix('/').unwrap_or(path).split('/');
    let kind = parts.next()?;
    let data = match kind {
        "c" => "categories",
        "tac-gia" => "authors",
        "chu-de" => "topics",
        "tin-moi" => "latest",
        _ => return None,
    };
    let (first, data) = if data == "latest" {
        (paths::LATEST_PAGE.to_owned(), data.to_owned())
    } else {
        let slug = parts.next().filter(|s| !s.is_empty())?;
        (format!("/{kind}/{slug}/"), format!("{data}/{slug}"))
    };
    let at = address(parts.next())?;
    parts
        .next()
        .is_none()
        .then_some(ListAddress { first, data, at })
}

/// The page of a list an address names (docs/architecture.md, "Lists").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Address {
    /// `/{…}/{slug}/` (0) or `/{…}/{slug}/luu-tru-{n}/`.
    Block(usize),
    /// `/{…}/{slug}/{n}/`, numbered newest first before the archive was:
    /// the block that now holds its oldest article
    /// (`bantin_model::archive::legacy_block`).
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

/// A list's page: one copy for every kind of list. An old address has no
/// document (`404.html`'s script finds its block), so renders as not found.
fn list_page(target: impl Fn() -> Option<ListAddress> + Copy + 'static) -> impl IntoView {
    page_data(
        move || match target()? {
            ListAddress {
                data,
                at: Address::Block(block),
                ..
            } => Some(paths::list(&data, block)),
            ListAddress {
                at: Address::Old(_),
                ..
            } => None,
        },
        move |page: Page<ArticleSummary>| {
            let first = target().map(|t| t.first).unwrap_or_default();
            let name = [&page.category, &page.author, &page.topic]
                .into_iter()
                .find_map(|named| named.as_ref().map(|n| n.name.clone()))
                .unwrap_or_else(|| paths::LATEST_NAME.to_owned());
            view! { <ListView page first name empty="Chưa có bài viết nào." /> }
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
        let at = |first: &str, data: &str, at| {
            Some(ListAddress {
                first: first.to_owned(),
                data: data.to_owned(),
                at,
            })
        };
        // What the publisher writes reads back as the same page, and the
        // API file of that page.
        let written = [
            (paths::category_page("y-te", 0), paths::category("y-te", 0)),
            (paths::category_page("y-te", 4), paths::category("y-te", 4)),
            (paths::author_page("thu-ha", 2), paths::author("thu-ha", 2)),
            (paths::topic_page("bong-da", 0), paths::topic("bong-da", 0)),
            (paths::topic_page("bong-da", 3), paths::topic("bong-da", 3)),
            (paths::latest_page(0), paths::latest(0)),
            (paths::latest_page(9), paths::latest(9)),
        ];
        for (path, api) in written {
            let found = list_address(&path).expect(&path);
            let Address::Block(block) = found.at else {
                panic!("{path}: {found:?}");
            };
            assert_eq!(paths::list_page(&found.first, block), path);
            assert_eq!(paths::list(&found.data, block), api, "{path}");
        }
        let cases = [
            (
                "c/y-te",
                at("/c/y-te/", "categories/y-te", Address::Block(0)),
            ),
            (
                "c/y-te/7/",
                at("/c/y-te/", "categories/y-te", Address::Old(7)),
            ),
            ("tin-moi", at("/tin-moi/", "latest", Address::Block(0))),
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
