//! The page inside each document: the reader's pages (`App`, Leptos `ssr`,
//! natively) rendered at the document's route from its API file and
//! `site.json`; the islands among them are marked for the browser to
//! hydrate (docs/architecture.md, "Islands").

use bantin_app::App;
use bantin_model::{paths, Site};
use leptos::prelude::*;
use leptos_router::location::RequestUrl;
use serde::Serialize;

use crate::markup::valid_comments;

/// Renders the documents' bodies; `site.json`, which every page is
/// rendered with, is serialised once.
pub struct Prerender {
    site_json: String,
    site: Site,
}

impl Prerender {
    pub fn new(site: &Site) -> Prerender {
        Prerender {
            site_json: serde_json::to_string(&carried(site)).unwrap_or_default(),
            site: site.clone(),
        }
    }

    /// What goes into a document's `<body>`: the pages rendered at `route`
    /// from `site.json` and the page's API file (`api_path`, its JSON
    /// `data`).
    pub fn page(&self, route: &str, api_path: &str, data: String) -> String {
        let preloaded = vec![
            (paths::site(), self.site_json.clone()),
            (api_path.to_owned(), data),
        ];
        valid_comments(&render_app(route, preloaded))
    }

    /// The `site.json` every page is rendered with.
    pub fn site_json(&self) -> &str {
        &self.site_json
    }

    /// `404.html`'s body: the not-found page in the frame.
    pub fn not_found(&self) -> String {
        let site = self.site.clone();
        let owner = Owner::new();
        let html = owner.with(|| {
            view! {
                <bantin_views::Frame site=move || Some(site.clone())>
                    <bantin_app::pages::NotFound />
                </bantin_views::Frame>
            }
            .to_html()
        });
        valid_comments(&html)
    }
}

/// The copy of `site.json` every page is rendered with: the file without
/// what each new article changes (the lead story, the categories' counts),
/// so that no page can show them and publishing an article leaves the
/// other articles' documents byte for byte as they were
/// (`bantin_model::Site`). Fields in the file's order.
#[derive(Serialize)]
struct Carried<'a> {
    name: &'a str,
    base_url: &'a str,
    language: &'a str,
    description: &'a str,
    logo: &'a Option<String>,
    page_size: usize,
    categories: Vec<CarriedCategory<'a>>,
}

#[derive(Serialize)]
struct CarriedCategory<'a> {
    slug: &'a str,
    name: &'a str,
}

fn carried(site: &Site) -> Carried<'_> {
    let Site {
        name,
        base_url,
        language,
        description,
        logo,
        page_size,
        // Named so that a new field of `Site` is a decision here.
        lead_story: _,
        categories,
    } = site;
    Carried {
        name,
        base_url,
        language,
        description,
        logo,
        page_size: *page_size,
        categories: categories
            .iter()
            .map(|c| CarriedCategory {
                slug: &c.slug,
                name: &c.name,
            })
            .collect(),
    }
}

/// The pages as the router renders them at `route`, from their files.
fn render_app(route: &str, preloaded: Vec<(String, String)>) -> String {
    let owner = Owner::new();
    owner.with(|| {
        provide_context(RequestUrl::new(route));
        view! { <App preloaded /> }.to_html()
    })
}

#[cfg(test)]
mod tests {
    use bantin_model::Category;

    use super::*;

    #[test]
    fn the_carried_site_is_the_file_without_what_articles_change() {
        let site = Site {
            name: "Đài <Duy Tiên>".into(),
            base_url: "https://duytien.example".into(),
            language: "vi".into(),
            description: "Tin".into(),
            logo: Some("/media/logo.png".into()),
            page_size: 20,
            lead_story: Some(7),
            categories: vec![Category {
                slug: "y-te".into(),
                name: "Y tế".into(),
                count: 12,
            }],
        };
        let text = serde_json::to_string(&carried(&site)).expect("JSON");
        assert!(
            !text.contains("lead_story") && !text.contains("count"),
            "{text}"
        );
        // The app decodes it as `site.json`; all else equal, in order.
        let decoded: Site = serde_json::from_str(&text).expect("decodes as Site");
        let mut want = site.clone();
        want.lead_story = None;
        want.categories[0].count = 0;
        assert_eq!(decoded, want);
        let file = serde_json::to_string(&want).expect("JSON");
        let order = |json: &str| {
            [
                "name",
                "base_url",
                "language",
                "description",
                "logo",
                "page_size",
                "categories",
            ]
            .map(|key| json.find(&format!("\"{key}\":")).expect(key))
        };
        assert!(order(&text).is_sorted() && order(&file).is_sorted());
    }
}
