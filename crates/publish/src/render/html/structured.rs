//! Structured data (schema.org JSON-LD) in the documents, for search
//! engines: `NewsArticle` and its breadcrumb on articles, `Organization`
//! and `WebSite` on the home page, the breadcrumb on list pages. Every
//! type and property is one the schema.org vocabulary knows, and no value
//! is `null` (`tests/structured_data.rs` checks every document against
//! the vocabulary). Documents only: the app has no use for it.

use bantin_model::{head, paths, rfc3339, to_vietnam_time, Article, Site};
use chrono::{DateTime, FixedOffset};
use serde_json::{json, Value};

use crate::markup::json_for_script;
use crate::photos::Crop;

/// The visible breadcrumb's first step.
pub const HOME_CRUMB: &str = "Trang chủ";

/// The `<script>` of a document's structured data: one graph.
pub fn script(graph: Vec<Value>) -> String {
    let ld = json!({ "@context": "https://schema.org", "@graph": graph });
    format!(
        r#"<script type="application/ld+json" {}>{}</script>"#,
        head::HEAD_MARK,
        json_for_script(&ld)
    )
}

/// A date as the site shows it: Vietnam time, `+07:00`.
fn date(at: &DateTime<FixedOffset>) -> String {
    rfc3339::format(&to_vietnam_time(at))
}

/// The newsroom as a publisher; its logo only when it has one (never a
/// `null`).
fn organization(site: &Site) -> Value {
    let mut org = json!({
        "@type": "Organization",
        "@id": site.absolute("/#organization"),
        "name": site.name,
        "url": site.absolute("/"),
    });
    if let Some(logo) = &site.logo {
        org["logo"] = json!({ "@type": "ImageObject", "url": site.absolute(logo) });
    }
    org
}

/// `BreadcrumbList` of `(name, path)` steps, as the page shows them.
pub fn breadcrumb(site: &Site, steps: &[(&str, String)]) -> Value {
    let items: Vec<Value> = steps
        .iter()
        .enumerate()
        .map(|(i, (name, path))| {
            json!({
                "@type": "ListItem",
                "position": i + 1,
                "name": name,
                "item": site.absolute(path),
            })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}

/// The article's visible breadcrumb: Trang chủ › its category.
pub fn article_steps(article: &Article) -> Vec<(&str, String)> {
    vec![
        (HOME_CRUMB, "/".to_owned()),
        (
            article.category.name.as_str(),
            paths::category_page(&article.category.slug, 0),
        ),
    ]
}

/// An article: `NewsArticle` and its breadcrumb. `crops` are its photo's
/// crops by ratio; a photo without crops (remote, or too small) is listed
/// as it is.
pub fn article(site: &Site, article: &Article, crops: Option<&[Crop]>) -> Vec<Value> {
    let canonical = site.absolute(&article.path);
    let mut ld = json!({
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.lead,
        "mainEntityOfPage": canonical,
        "url": canonical,
        "datePublished": date(&article.published),
        "dateModified": date(&article.modified),
        "articleSection": article.category.name,
        "inLanguage": site.language,
        "author": article
            .authors
            .iter()
            .map(|a| json!({ "@type": "Person", "name": a.name, "url": site.absolute(&a.path) }))
            .collect::<Vec<_>>(),
        "publisher": organization(site),
    });
    if let Some(image) = &article.image {
        let urls: Vec<String> = match crops {
            Some(crops) if !crops.is_empty() => {
                crops.iter().map(|c| site.absolute(&c.path)).collect()
            }
            _ => vec![site.absolute(&image.src)],
        };
        ld["image"] = json!(urls);
    }
    vec![ld, breadcrumb(site, &article_steps(article))]
}

/// The home page: the newsroom and its site.
pub fn home(site: &Site) -> Vec<Value> {
    let mut website = json!({
        "@type": "WebSite",
        "name": site.name,
        "url": site.absolute("/"),
        "inLanguage": site.language,
        "publisher": { "@id": site.absolute("/#organization") },
    });
    if !site.description.is_empty() {
        website["description"] = json!(site.description);
    }
    vec![organization(site), website]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::Fixture;

    /// Every value of a JSON tree, to look for `null`.
    fn has_null(value: &Value) -> bool {
        match value {
            Value::Null => true,
            Value::Array(items) => items.iter().any(has_null),
            Value::Object(map) => map.values().any(has_null),
            _ => false,
        }
    }

    #[test]
    fn a_site_without_a_logo_has_no_logo_key_and_no_null() {
        let fixture = Fixture::small();
        let mut site = fixture.context().site.clone();
        assert!(
            organization(&site).get("logo").is_some(),
            "the fixture has a logo"
        );
        site.logo = None;
        let article = &fixture.newsroom.articles[0];
        for value in article_graph(&site, article)
            .iter()
            .chain(home(&site).iter())
        {
            assert!(!has_null(value), "{value}");
        }
        assert!(organization(&site).get("logo").is_none());
    }

    fn article_graph(site: &Site, a: &Article) -> Vec<Value> {
        article(site, a, None)
    }

    #[test]
    fn dates_are_in_vietnam_time_and_images_are_the_crops() {
        let fixture = Fixture::small();
        let cx = fixture.context();
        // Article 3 of the fixture is dated in UTC.
        let utc = cx
            .catalog
            .articles()
            .iter()
            .find(|a| a.id == 3)
            .expect("article 3");
        let ld = &article(&cx.site, utc, None)[0];
        assert_eq!(ld["datePublished"], "2024-06-01T15:00:00+07:00");
        let crops = [
            Crop {
                path: "/media/k-1200x675.jpg".into(),
                width: 1200,
                height: 675,
            },
            Crop {
                path: "/media/k-1200x1200.jpg".into(),
                width: 1200,
                height: 1200,
            },
        ];
        let photo = cx
            .catalog
            .articles()
            .iter()
            .find(|a| a.image.is_some())
            .expect("an article with a photo");
        let ld = &article(&cx.site, photo, Some(&crops))[0];
        assert_eq!(
            ld["image"],
            json!([
                "https://thu.example.vn/media/k-1200x675.jpg",
                "https://thu.example.vn/media/k-1200x1200.jpg"
            ])
        );
        let breadcrumb = &article(&cx.site, photo, None)[1];
        assert_eq!(breadcrumb["itemListElement"][0]["name"], HOME_CRUMB);
        assert_eq!(
            breadcrumb["itemListElement"][1]["name"],
            photo.category.name.as_str()
        );
        assert_eq!(breadcrumb["itemListElement"][1]["position"], 2);
    }
}
