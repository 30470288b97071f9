use bantin_model::head::{Head, HEAD_MARKED};
use bantin_model::Site;
use leptos::prelude::*;

use crate::app::SiteResource;

/// Gives the page the head its document would have (`bantin_model::head`,
/// the function the build uses), once `site.json` is there. Effects run
/// only in the browser, after hydration.
pub fn page_head(make: impl Fn(&Site) -> Head + 'static) {
    boxed_page_head(Box::new(make));
}

/// One effect for every page's head: a boxed maker, not a generic copy of
/// the effect per page (the bundle is what readers download).
fn boxed_page_head(make: Box<dyn Fn(&Site) -> Head>) {
    // Outside the app (a component on its own, in tests) there is no head.
    let Some(site) = use_context::<SiteResource>() else {
        return;
    };
    Effect::new(move || {
        if let Some(Ok(site)) = site.read().as_ref() {
            apply(&make(site), &site.name);
        }
    });
}

/// Replaces the page's head elements with `head`'s. A document already
/// showing this page keeps its own (which also holds the article's JSON-LD
/// for crawlers): the same title, description and canonical mean the same head.
fn apply(head: &Head, site_name: &str) {
    let document = document();
    let title = head.document_title(site_name);
    let current = |selector: &str, attribute: &str| {
        document
            .query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.get_attribute(attribute))
    };
    let same = document.title() == title
        && current("head link[rel=canonical]", "href").as_deref() == Some(head.canonical.as_str())
        && current("head meta[name=description]", "content").as_deref()
            == Some(head.description.as_str());
    if same {
        return;
    }
    document.set_title(&title);
    if let Ok(old) = document.query_selector_all(HEAD_MARKED) {
        for i in 0..old.length() {
            if let Some(node) = old.item(i) {
                if let Some(parent) = node.parent_node() {
                    let _ = parent.remove_child(&node);
                }
            }
        }
    }
    if let Some(element) = document.head() {
        // The tags are escaped markup from the one head function.
        let _ = element.insert_adjacent_html("beforeend", &head.tags(site_name));
    }
}
