//! The reader app: routes, pages and data fetching around `bantin-views`.

pub mod api;
mod app;
pub mod components;
pub mod pages;

pub use app::App;

/// Replaces the page `bantin build` pre-rendered with the app: reads its
/// data first, then empties the body for the app to mount into. Both happen
/// before the browser paints again, so the reader sees no change.
pub fn take_over_prerendered_page() {
    api::preload_from_document();
    if let Some(body) = leptos::prelude::document().body() {
        while let Some(child) = body.first_child() {
            let _ = body.remove_child(&child);
        }
    }
}

/// The build writes each document's head tags for crawlers and share cards;
/// the app sets its own as the reader navigates, so it drops the static
/// ones first rather than show two of each.
pub fn remove_prerendered_head() {
    if let Ok(nodes) = leptos::prelude::document().query_selector_all("head [data-bantin-head]") {
        for i in 0..nodes.length() {
            if let Some(node) = nodes.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
}
