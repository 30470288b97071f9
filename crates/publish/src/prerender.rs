//! The page inside each document: the reader app itself (`App`, Leptos
//! `ssr`, natively) rendered at the document's route from the data the
//! document carries, so the browser hydrates exactly this markup; and that
//! data, as JSON blocks the app reads instead of fetching it again.

use bantin_app::{api, App};
use bantin_model::{paths, Site};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use serde::Serialize;

use crate::html::json_for_script;

/// The attribute naming the API path a data block holds.
pub const DATA_ATTR: &str = "data-bantin-api";

/// What goes into a document's `<body>`: the app rendered at `route` from
/// `site.json` and the page's API file (`api_path`, `data`), then the two
/// files as data blocks (the same data, fields in the same order, as the
/// API files).
pub fn page(site: &Site, route: &str, api_path: &str, data: &impl Serialize) -> String {
    let mut files = vec![(paths::site(), json_for_script(site))];
    // A page that needs only `site.json` (the configurator) carries it once.
    if api_path != files[0].0 {
        files.push((api_path.to_owned(), json_for_script(data)));
    }
    api::clear_preloaded();
    for (path, json) in &files {
        api::preload(path.clone(), json.clone());
    }
    let mut html = render_app(route);
    api::clear_preloaded();
    for (path, json) in files {
        html.push_str(&format!(
            "<script type=\"application/json\" {DATA_ATTR}=\"{path}\">{json}</script>"
        ));
    }
    html
}

/// The app as the browser would render it at `route`.
fn render_app(route: &str) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(route));
        view! { <App /> }.to_html()
    })
}
