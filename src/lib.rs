//! The reader app: routes, pages and data fetching around `bantin-views`.

pub mod api;
mod app;
pub mod components;
pub mod pages;

pub use app::App;

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
