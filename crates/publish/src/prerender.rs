//! The page inside each document, rendered by the same `bantin-views`
//! components the app runs (Leptos `ssr`, natively), and the page's data as
//! a JSON block the app reads instead of fetching it again.

use bantin_model::{paths, Article, ArticleSummary, Home, Page, Site};
use bantin_views::{
    ArticleView, CategoryView, FontSizeControl, HomeView, NavCategory, SiteFooter, SiteHeader,
    FONT_SCALE_DEFAULT,
};
use leptos::prelude::*;
use serde::Serialize;

use crate::html::json_for_script;

/// The attribute naming the API path a data block holds.
pub const DATA_ATTR: &str = "data-bantin-api";

/// The body around a page: the same header, `main` and footer the app renders.
fn shell(site: &Site, main: String) -> String {
    let categories = site
        .categories
        .iter()
        .map(|c| NavCategory {
            slug: c.slug.clone(),
            name: c.name.clone(),
        })
        .collect();
    let header =
        view! { <SiteHeader name=site.name.clone() logo=site.logo.clone() categories /> }.to_html();
    let footer = view! { <SiteFooter name=site.name.clone() /> }.to_html();
    format!("{header}<main id=\"main\">{main}</main>{footer}")
}

pub fn article(site: &Site, article: &Article) -> String {
    let url = site.absolute(&article.path);
    // The text-size control works before the app starts (the start script
    // handles it), so it is there from the first paint.
    let tools = || {
        view! { <FontSizeControl index=RwSignal::new(FONT_SCALE_DEFAULT) /> }
    };
    let main = view! {
        <ArticleView article=article.clone() url tools=ToChildren::to_children(tools) />
    }
    .to_html();
    shell(site, main)
}

pub fn category(site: &Site, page: &Page<ArticleSummary>, slug: &str, name: &str) -> String {
    let main =
        view! { <CategoryView page=page.clone() slug=slug.to_owned() name=name.to_owned() /> }
            .to_html();
    shell(site, main)
}

pub fn home(site: &Site, home: &Home) -> String {
    let main = view! { <HomeView home=home.clone() site_name=site.name.clone() /> }.to_html();
    shell(site, main)
}

/// `site.json` and the page's own file, as JSON blocks the app reads
/// instead of fetching them: the same data, fields in the same order, as
/// the API files.
pub fn data_block(site: &Site, page_path: &str, page: &impl Serialize) -> String {
    let block = |path: &str, json: String| {
        format!("<script type=\"application/json\" {DATA_ATTR}=\"{path}\">{json}</script>")
    };
    block(&paths::site(), json_for_script(site)) + &block(page_path, json_for_script(page))
}
