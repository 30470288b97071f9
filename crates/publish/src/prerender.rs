//! The page inside each document: the reader app itself (`App`, Leptos
//! `ssr`, natively) rendered at the document's route from the data the
//! document carries, so the browser hydrates exactly this markup; and that
//! data, as JSON blocks the app reads instead of fetching it again.

use bantin_app::{api, App};
use bantin_model::{paths, Site};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use serde::Serialize;

use crate::markup::{json_for_script, valid_comments};

/// Renders the documents' bodies; `site.json`, which every document
/// carries, is serialised once.
pub struct Prerender {
    site_json: String,
}

impl Prerender {
    pub fn new(site: &Site) -> Prerender {
        Prerender {
            site_json: json_for_script(site),
        }
    }

    /// What goes into a document's `<body>`: the app rendered at `route`
    /// from `site.json` and the page's API file (`api_path`, `data`), then
    /// both as data blocks (the same data, fields in the same order, as the
    /// API files).
    pub fn page(&self, route: &str, api_path: &str, data: &impl Serialize) -> String {
        self.render(route, Some((api_path, &json_for_script(data))))
    }

    /// A page that needs only `site.json` (the configurator).
    pub fn site_page(&self, route: &str) -> String {
        self.render(route, None)
    }

    fn render(&self, route: &str, page_file: Option<(&str, &str)>) -> String {
        let site_path = paths::site();
        let files = std::iter::once((site_path.as_str(), self.site_json.as_str()))
            .chain(page_file)
            .collect::<Vec<_>>();
        api::clear_preloaded();
        for (path, json) in &files {
            api::preload((*path).to_owned(), (*json).to_owned());
        }
        let mut html = valid_comments(&render_app(route));
        for (path, json) in files {
            html.push_str(&format!(
                "<script type=\"application/json\" {}=\"{path}\">{json}</script>",
                api::DATA_ATTR
            ));
        }
        html
    }
}

/// The app as the browser would render it at `route`.
fn render_app(route: &str) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(route));
        view! { <App /> }.to_html()
    })
}
