//! The partner headlines widget (docs/architecture.md, “The partner widget”): renders a site's latest
//! headlines into a shadow root on a partner's page or in the iframe embed.
//! Every failure ends in a plain link to the site, never in an exception.

pub use bantin_model::widget::{Layout, Options, Theme, DEFAULT_LIMIT, HEADER_HEIGHT, MAX_LIMIT};

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element, Node};

const STYLE: &str = include_str!("style.css");

/// `category=…&limit=…` (no percent-decoding needed: every valid value is
/// plain ASCII, and anything else falls back to the default anyway).
pub fn parse_query(query: &str) -> Options {
    let pairs: Vec<(&str, &str)> = query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .collect();
    Options::parse(|name| {
        pairs
            .iter()
            .rev()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| *v)
    })
}

/// The height the box will have, for embed.js to reserve before it loads.
#[wasm_bindgen]
pub fn reserved_height(query: &str) -> u32 {
    parse_query(query).reserved_height() + 2
}

/// The widget's CSS. The loader adopts it as a constructed style sheet, which
/// a partner's `style-src` policy does not block the way it blocks `<style>`.
#[wasm_bindgen]
pub fn widget_css() -> String {
    STYLE.to_owned()
}

/// Where a link opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// `_blank`, with `rel="noopener"`.
    NewTab,
    /// `_self`: the partner's page.
    SameTab,
    /// `_top`: in the iframe embed, the whole tab, not the frame (which
    /// the site's own pages refuse to be shown in).
    WholeTab,
}

impl Target {
    pub fn of(options: &Options, in_frame: bool) -> Target {
        match (options.new_tab, in_frame) {
            (true, _) => Target::NewTab,
            (false, false) => Target::SameTab,
            (false, true) => Target::WholeTab,
        }
    }
}

/// Renders the widget into `root` (a shadow root or any node), with data
/// from `origin` (e.g. `https://site.vn`). Resolves when done; never rejects.
#[wasm_bindgen]
pub async fn render(root: Node, origin: String, query: String) {
    render_into(root, origin, query, false).await;
}

/// [`render`], for the iframe embed's own page.
#[wasm_bindgen]
pub async fn render_in_frame(root: Node, origin: String, query: String) {
    render_into(root, origin, query, true).await;
}

async fn render_into(root: Node, origin: String, query: String, in_frame: bool) {
    let options = parse_query(&query);
    let target = Target::of(&options, in_frame);
    let Some(document) = root
        .owner_document()
        .or_else(|| web_sys::window()?.document())
    else {
        return;
    };
    clear(&root);
    let result = match fetch(&options.data_url(&origin)).await {
        Ok(data) => build(&document, &options, target, &data),
        Err(e) => Err(e),
    };
    let view = match result {
        Ok(view) => Some(view),
        Err(_) => fallback(&document, &options, target, &origin).ok(),
    };
    if let Some(view) = view {
        let _ = root.append_child(&view);
    }
}

fn clear(root: &Node) {
    while let Some(child) = root.first_child() {
        let _ = root.remove_child(&child);
    }
}

/// The fields of `bantin_model::Headlines` the widget reads. The browser's
/// own JSON parser decodes them: serde_json would cost more than the rest
/// of the widget together (see the test that ties these names to the model).
mod field {
    pub const SITE: &str = "site";
    pub const URL: &str = "url";
    pub const CATEGORY: &str = "category";
    pub const ITEMS: &str = "items";
    pub const TITLE: &str = "title";
    pub const DATETIME: &str = "datetime";
    pub const DATE: &str = "date";
    pub const IMAGE: &str = "image";
    pub const MEDIA: &str = "media";
}

/// A headlines file, decoded.
struct Data {
    site: String,
    url: String,
    category: Option<String>,
    items: Vec<Item>,
}

struct Item {
    title: String,
    url: String,
    datetime: String,
    date: String,
    image: Option<String>,
    /// A recording or a video: marked "▶".
    media: bool,
}

fn text(object: &JsValue, key: &str) -> Option<String> {
    Reflect::get(object, &JsValue::from_str(key))
        .ok()?
        .as_string()
}

fn decode(value: &JsValue) -> Option<Data> {
    let items = Reflect::get(value, &JsValue::from_str(field::ITEMS)).ok()?;
    if !Array::is_array(&items) {
        return None;
    }
    let items = Array::from(&items)
        .iter()
        .map(|item| {
            Some(Item {
                title: text(&item, field::TITLE)?,
                url: text(&item, field::URL)?,
                datetime: text(&item, field::DATETIME)?,
                date: text(&item, field::DATE)?,
                image: text(&item, field::IMAGE),
                media: Reflect::get(&item, &JsValue::from_str(field::MEDIA))
                    .is_ok_and(|m| m.is_truthy()),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Data {
        site: text(value, field::SITE)?,
        url: text(value, field::URL)?,
        category: text(value, field::CATEGORY),
        items,
    })
}

async fn fetch(url: &str) -> Result<Data, JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str(url))
        .await?
        .dyn_into()?;
    if !response.ok() {
        return Err(JsValue::from(response.status()));
    }
    let json = JsFuture::from(response.json()?).await?;
    decode(&json).ok_or_else(|| JsValue::from_str("unexpected data"))
}

fn element(document: &Document, tag: &str, class: &str) -> Result<Element, JsValue> {
    let el = document.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Ok(el)
}

/// An `http(s)` address, or none: whatever the data file says, no other
/// scheme (`javascript:`, `data:`) reaches a partner's page.
pub fn web_address(url: &str) -> Option<&str> {
    (url.starts_with("https://") || url.starts_with("http://")).then_some(url)
}

fn link(document: &Document, target: Target, href: &str, class: &str) -> Result<Element, JsValue> {
    let a = element(document, "a", class)?;
    if let Some(href) = web_address(href) {
        a.set_attribute("href", href)?;
    }
    match target {
        Target::NewTab => {
            a.set_attribute("target", "_blank")?;
            a.set_attribute("rel", "noopener")?;
        }
        Target::SameTab => a.set_attribute("target", "_self")?,
        Target::WholeTab => a.set_attribute("target", "_top")?,
    }
    Ok(a)
}

fn frame(document: &Document, options: &Options, label: &str) -> Result<Element, JsValue> {
    let section = element(
        document,
        "section",
        &format!(
            "box {} {}{}",
            options.theme_class(),
            options.layout_class(),
            if options.show_date { "" } else { " nodate" }
        ),
    )?;
    section.set_attribute("aria-label", label)?;
    Ok(section)
}

/// The box: a header linking to the site, then one row per headline.
/// Every field goes in as text, never as markup.
fn build(
    document: &Document,
    options: &Options,
    target: Target,
    data: &Data,
) -> Result<Element, JsValue> {
    let heading = match &data.category {
        Some(category) => format!("{} – {}", data.site, category),
        None => data.site.clone(),
    };
    let section = frame(document, options, &format!("Tin mới: {heading}"))?;
    let header = link(document, target, &options.link(&data.url), "h")?;
    header.set_text_content(Some(&heading));
    section.append_child(&header)?;
    let list = element(document, "ul", "")?;
    for item in data.items.iter().take(options.limit) {
        let li = element(document, "li", "")?;
        let a = link(document, target, &options.link(&item.url), "")?;
        if options.layout == Layout::Thumbs {
            let img = element(
                document,
                if item.image.as_deref().and_then(web_address).is_some() {
                    "img"
                } else {
                    "span"
                },
                "i",
            )?;
            if let Some(src) = item.image.as_deref().and_then(web_address) {
                img.set_attribute("src", src)?;
                img.set_attribute("alt", "")?;
                img.set_attribute("loading", "lazy")?;
                img.set_attribute("width", "80")?;
                img.set_attribute("height", "60")?;
            }
            a.append_child(&img)?;
        }
        let text = element(document, "span", "x")?;
        // "▶" before the title (style.css), read out as words.
        let title = element(document, "span", if item.media { "t m" } else { "t" })?;
        title.set_text_content(Some(&item.title));
        text.append_child(&title)?;
        if options.show_date {
            let time = element(document, "time", "")?;
            time.set_attribute("datetime", &item.datetime)?;
            time.set_text_content(Some(&item.date));
            text.append_child(&time)?;
        }
        a.append_child(&text)?;
        li.append_child(&a)?;
        list.append_child(&li)?;
    }
    section.append_child(&list)?;
    Ok(section)
}

/// When the data cannot be had: a plain link to the site.
fn fallback(
    document: &Document,
    options: &Options,
    target: Target,
    origin: &str,
) -> Result<Element, JsValue> {
    let section = frame(document, options, "Tin mới")?;
    let host = origin.split("://").nth(1).unwrap_or(origin);
    let a = link(document, target, &format!("{origin}/"), "fallback")?;
    a.set_text_content(Some(&format!("Xem tin mới nhất tại {host}")));
    section.append_child(&a)?;
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_loaders_fallback_frame_is_sandboxed_like_the_snippet() {
        // embed.js is plain JavaScript: it cannot read the model's constants.
        let loader = include_str!("../js/embed.js");
        let want = format!("var SANDBOX = '{}';", bantin_model::widget::FRAME_SANDBOX);
        assert!(
            loader.contains(&want),
            "embed.js drifted from FRAME_SANDBOX"
        );
        let referrer = format!(
            "f.referrerPolicy = '{}';",
            bantin_model::widget::FRAME_REFERRER
        );
        assert!(
            loader.contains(&referrer),
            "embed.js drifted from FRAME_REFERRER"
        );
    }

    #[test]
    fn links_open_where_the_partner_asked() {
        let same = parse_query("target=_self");
        let new = parse_query("target=_blank");
        let cases = [
            (&new, false, Target::NewTab),
            (&new, true, Target::NewTab),
            (&same, false, Target::SameTab),
            // The iframe embed: the whole tab, never the frame.
            (&same, true, Target::WholeTab),
        ];
        for (options, in_frame, want) in cases {
            assert_eq!(Target::of(options, in_frame), want);
        }
    }

    #[test]
    fn only_web_addresses_reach_the_page() {
        let cases = [
            ("https://s.vn/a/1/", true),
            ("http://s.vn/a/1/", true),
            ("javascript:alert(1)", false),
            ("JAVASCRIPT:alert(1)", false),
            ("data:text/html,x", false),
            ("//evil.example/", false),
            ("", false),
        ];
        for (url, ok) in cases {
            assert_eq!(web_address(url).is_some(), ok, "{url}");
        }
    }

    #[test]
    fn query_strings() {
        let o = parse_query("?category=y-te&limit=3&theme=dark&layout=compact&show-date=false&partner=p1&target=_self");
        assert_eq!(o.category.as_deref(), Some("y-te"));
        assert_eq!(
            (o.limit, o.theme, o.layout, o.show_date, o.new_tab),
            (3, Theme::Dark, Layout::Compact, false, false)
        );
        assert_eq!(o.partner.as_deref(), Some("p1"));
        assert_eq!(parse_query(""), Options::default());
        assert_eq!(parse_query("limit"), Options::default());
    }

    #[test]
    fn reads_the_fields_the_model_writes() {
        let data = bantin_model::Headlines {
            site: "Đài".into(),
            url: "https://s.vn/".into(),
            category: Some("Y tế".into()),
            items: vec![bantin_model::Headline {
                title: "T".into(),
                url: "https://s.vn/a/1/t/".into(),
                datetime: "2024-07-05T14:40:29+07:00".into(),
                date: "05/07/2024 14:40".into(),
                image: None,
                media: true,
            }],
        };
        let json = serde_json::to_value(&data).expect("json");
        for key in [field::SITE, field::URL, field::CATEGORY, field::ITEMS] {
            assert!(json.get(key).is_some(), "{key}");
        }
        for key in [
            field::TITLE,
            field::URL,
            field::DATETIME,
            field::DATE,
            field::IMAGE,
            field::MEDIA,
        ] {
            assert!(json[field::ITEMS][0].get(key).is_some(), "{key}");
        }
    }

    #[test]
    fn reserved_heights_follow_rows() {
        assert_eq!(reserved_height("limit=5"), 44 + 5 * 76 + 2);
        assert_eq!(reserved_height("limit=5&show-date=false"), 44 + 5 * 58 + 2);
        assert_eq!(reserved_height("limit=3&layout=compact"), 44 + 3 * 36 + 2);
        assert_eq!(reserved_height("limit=2&layout=thumbs"), 44 + 2 * 76 + 2);
    }
}
