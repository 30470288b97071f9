//! Every document's JSON-LD against the schema.org vocabulary (its
//! published data file, `tests/fixtures/schemaorg`): no unknown type or
//! property, each property on a type its domain allows, each value of a
//! type its range allows, no `null`. And what search engines ask of a news
//! site on top: the article's fields, the breadcrumb, the home page's
//! organisation and site.

mod common;

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::Path;

use common::{build, fixture, fixture_copy, walk};
use serde_json::Value;

/// The vocabulary's classes (with their direct superclasses) and
/// properties (with their domains and ranges), pending and retired terms
/// left out.
struct Vocabulary {
    classes: HashMap<String, Vec<String>>,
    properties: HashMap<String, (Vec<String>, Vec<String>)>,
}

/// `schema:X` → `X`, from `{"@id": …}` or a list of them.
fn ids(value: Option<&Value>) -> Vec<String> {
    let one = |v: &Value| {
        v.get("@id")
            .or(Some(v))
            .and_then(Value::as_str)
            .map(|s| s.trim_start_matches("schema:").to_owned())
    };
    match value {
        Some(Value::Array(items)) => items.iter().filter_map(one).collect(),
        Some(v) => one(v).into_iter().collect(),
        None => Vec::new(),
    }
}

impl Vocabulary {
    fn load() -> Vocabulary {
        let path = fixture("schemaorg/schemaorg-current-https.jsonld");
        let text = fs::read_to_string(&path).expect("the vocabulary");
        let data: Value = serde_json::from_str(&text).expect("JSON-LD");
        let mut vocabulary = Vocabulary {
            classes: HashMap::new(),
            properties: HashMap::new(),
        };
        for node in data["@graph"].as_array().expect("a graph") {
            let part_of = ids(node.get("schema:isPartOf"));
            if part_of
                .iter()
                .any(|p| p.contains("pending") || p.contains("attic"))
                || node.get("schema:supersededBy").is_some()
            {
                continue;
            }
            let Some(id) = node["@id"].as_str().and_then(|i| i.strip_prefix("schema:")) else {
                continue;
            };
            let types = ids(node.get("@type"));
            if types.iter().any(|t| t == "rdf:Property") {
                vocabulary.properties.insert(
                    id.to_owned(),
                    (
                        ids(node.get("schema:domainIncludes")),
                        ids(node.get("schema:rangeIncludes")),
                    ),
                );
            } else if types.iter().any(|t| t == "rdfs:Class" || t == "DataType") {
                let mut supers = ids(node.get("rdfs:subClassOf"));
                if types.iter().any(|t| t == "DataType") {
                    supers.push("DataType".to_owned());
                }
                vocabulary.classes.insert(id.to_owned(), supers);
            }
        }
        vocabulary
    }

    /// Whether `class` is `of` or one of its subclasses.
    fn is_a(&self, class: &str, of: &str) -> bool {
        let mut seen = HashSet::new();
        let mut todo = vec![class.to_owned()];
        while let Some(c) = todo.pop() {
            if c == of {
                return true;
            }
            if seen.insert(c.clone()) {
                todo.extend(self.classes.get(&c).cloned().unwrap_or_default());
            }
        }
        false
    }

    fn data_type_in(&self, ranges: &[String], of: &[&str]) -> bool {
        ranges.iter().any(|r| of.iter().any(|o| self.is_a(r, o)))
    }

    /// What is wrong with a node and everything in it, at `at`.
    fn check_node(&self, node: &Value, at: &str, problems: &mut Vec<String>) {
        let Some(map) = node.as_object() else {
            problems.push(format!("{at}: a node that is not an object"));
            return;
        };
        let types = ids(map.get("@type"));
        if types.is_empty() {
            // A reference to a node described elsewhere.
            if map.keys().any(|k| k != "@id") || !is_url(map.get("@id")) {
                problems.push(format!("{at}: a node without @type"));
            }
            return;
        }
        for t in &types {
            if !self.classes.contains_key(t) {
                problems.push(format!("{at}: unknown type {t}"));
            }
        }
        for (key, value) in map {
            if key.starts_with('@') {
                continue;
            }
            let at = format!("{at}.{key}");
            let Some((domains, ranges)) = self.properties.get(key) else {
                problems.push(format!("{at}: unknown property"));
                continue;
            };
            if !types
                .iter()
                .any(|t| domains.iter().any(|d| self.is_a(t, d)))
            {
                problems.push(format!("{at}: not a property of {types:?}"));
            }
            let values = match value {
                Value::Array(items) => items.iter().collect(),
                v => vec![v],
            };
            for (i, value) in values.into_iter().enumerate() {
                self.check_value(value, ranges, &format!("{at}[{i}]"), problems);
            }
        }
    }

    fn check_value(&self, value: &Value, ranges: &[String], at: &str, problems: &mut Vec<String>) {
        match value {
            Value::Null => problems.push(format!("{at}: null")),
            Value::Object(map) => {
                for t in ids(map.get("@type")) {
                    if !ranges.iter().any(|r| self.is_a(&t, r)) {
                        problems.push(format!("{at}: a {t} where {ranges:?} is wanted"));
                    }
                }
                self.check_node(value, at, problems);
            }
            Value::String(text) => {
                let dates = ["Date", "DateTime"];
                if self.data_type_in(ranges, &["Text", "Time"]) {
                    return;
                }
                if self.data_type_in(ranges, &dates) {
                    if bantin_model::rfc3339::parse(text).is_none() {
                        problems.push(format!("{at}: {text:?} is no date"));
                    }
                    return;
                }
                // Text is no value of a node type, but a node's address is.
                if !is_url(Some(value)) {
                    problems.push(format!("{at}: text {text:?} where {ranges:?} is wanted"));
                }
            }
            Value::Number(_) => {
                if !self.data_type_in(ranges, &["Number"]) {
                    problems.push(format!("{at}: a number where {ranges:?} is wanted"));
                }
            }
            Value::Bool(_) => {
                if !self.data_type_in(ranges, &["Boolean"]) {
                    problems.push(format!("{at}: a boolean where {ranges:?} is wanted"));
                }
            }
            Value::Array(_) => problems.push(format!("{at}: a list in a list")),
        }
    }

    /// What is wrong with one `<script type="application/ld+json">`.
    fn check(&self, ld: &Value) -> Vec<String> {
        let mut problems = Vec::new();
        if ld["@context"] != "https://schema.org" {
            problems.push(format!("@context is {}", ld["@context"]));
        }
        match ld.get("@graph").and_then(Value::as_array) {
            Some(graph) => {
                for (i, node) in graph.iter().enumerate() {
                    self.check_node(node, &format!("@graph[{i}]"), &mut problems);
                }
            }
            None => self.check_node(ld, "", &mut problems),
        }
        problems
    }
}

fn is_url(value: Option<&Value>) -> bool {
    value
        .and_then(Value::as_str)
        .is_some_and(|s| s.starts_with("https://") || s.starts_with("http://"))
}

/// The JSON-LD blocks of a document.
fn json_ld(html: &str) -> Vec<Value> {
    let mut blocks = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(r#"<script type="application/ld+json""#) {
        let after = &rest[start..];
        let open = after.find('>').expect("a tag") + 1;
        let close = after.find("</script>").expect("closed");
        blocks.push(serde_json::from_str(&after[open..close]).expect("JSON"));
        rest = &after[close..];
    }
    blocks
}

#[test]
fn the_checker_finds_what_is_wrong() {
    let vocabulary = Vocabulary::load();
    assert!(vocabulary.classes.len() > 500 && vocabulary.properties.len() > 1000);
    // (JSON-LD, a word of the problem it must report)
    let cases = [
        (
            r#"{"@type":"NewsArtcle","headline":"x"}"#,
            "unknown type NewsArtcle",
        ),
        (
            r#"{"@type":"NewsArticle","headlin":"x"}"#,
            "unknown property",
        ),
        (r#"{"@type":"Person","headline":"x"}"#, "not a property"),
        (r#"{"@type":"Organization","logo":null}"#, "null"),
        (
            r#"{"@type":"NewsArticle","author":{"@type":"ListItem"}}"#,
            "a ListItem where",
        ),
        (
            r#"{"@type":"NewsArticle","datePublished":"hôm qua"}"#,
            "is no date",
        ),
        (
            r#"{"@type":"NewsArticle","publisher":"Đài"}"#,
            "text \"Đài\"",
        ),
        (
            r#"{"@type":"NewsArticle","wordCount":"nhiều"}"#,
            "text \"nhiều\"",
        ),
        (
            r#"{"@type":"NewsArticle","author":{"name":"x"}}"#,
            "without @type",
        ),
    ];
    for (json, want) in cases {
        let mut ld: Value = serde_json::from_str(json).expect("JSON");
        ld["@context"] = "https://schema.org".into();
        let problems = vocabulary.check(&ld);
        assert!(
            problems.iter().any(|p| p.contains(want)),
            "{json}: {problems:?}"
        );
    }
    let good = r#"{"@context":"https://schema.org","@type":"NewsArticle","headline":"x","datePublished":"2024-07-05T14:40:29+07:00","image":["https://x.vn/a.jpg"],"author":[{"@type":"Person","name":"A","url":"https://x.vn/tac-gia/a/"}],"publisher":{"@id":"https://x.vn/#organization"}}"#;
    let problems = vocabulary.check(&serde_json::from_str(good).expect("JSON"));
    assert!(problems.is_empty(), "{problems:?}");
}

/// The documents of `content`, built with the test app into `dir/site`.
fn documents(dir: &Path, content: &Path) -> Vec<(String, String)> {
    let out = dir.join("site");
    let app = fixture("app").to_string_lossy().into_owned();
    let run = build(
        content,
        &out,
        &["--app", &app, "--now", "2030-01-01T00:00:00+07:00"],
        dir,
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut documents: Vec<(String, String)> = walk(&out)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p
                .strip_prefix(&out)
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            (name, fs::read_to_string(&p).expect("read"))
        })
        .collect();
    documents.sort();
    documents
}

/// The nodes of a document's graphs, by type.
fn nodes<'a>(blocks: &'a [Value], of: &str) -> Vec<&'a Value> {
    blocks
        .iter()
        .flat_map(|b| b["@graph"].as_array().into_iter().flatten())
        .filter(|n| n["@type"] == of)
        .collect()
}

#[test]
fn every_documents_structured_data_is_in_the_vocabulary() {
    let vocabulary = Vocabulary::load();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let (mut articles, mut lists) = (0, 0);
    for (name, html) in documents(dir.path(), &fixture("small")) {
        let blocks = json_ld(&html);
        for ld in &blocks {
            let problems = vocabulary.check(ld);
            assert!(problems.is_empty(), "{name}: {problems:#?}\n{ld:#}");
        }
        if name == "index.html" {
            assert_eq!(nodes(&blocks, "Organization").len(), 1, "{name}");
            assert_eq!(nodes(&blocks, "WebSite").len(), 1, "{name}");
        }
        let crumbs = nodes(&blocks, "BreadcrumbList");
        let is_list = ["c/", "tac-gia/", "chu-de/", "tin-moi/"]
            .iter()
            .any(|list| name.starts_with(list));
        if is_list || !crumbs.is_empty() {
            assert_eq!(crumbs.len(), 1, "{name}");
            assert_shown(&name, &html, crumbs[0]);
            lists += usize::from(is_list);
        }
        let news = nodes(&blocks, "NewsArticle");
        if news.is_empty() {
            continue;
        }
        articles += 1;
        let article = news[0];
        assert!(
            article["headline"].as_str().is_some_and(|h| !h.is_empty()),
            "{name}"
        );
        for key in ["datePublished", "dateModified"] {
            assert!(
                article[key].as_str().is_some_and(|d| d.ends_with("+07:00")),
                "{name}: {key} {}",
                article[key]
            );
        }
        for author in article["author"].as_array().expect("authors") {
            assert_eq!(author["@type"], "Person", "{name}");
            assert!(is_url(author.get("url")), "{name}: {author}");
        }
        let publisher = &article["publisher"];
        assert_eq!(publisher["@type"], "Organization", "{name}");
        assert_eq!(publisher["logo"]["@type"], "ImageObject", "{name}");
        assert_eq!(nodes(&blocks, "BreadcrumbList").len(), 1, "{name}");
        assert!(
            html.contains(r#"<meta name="robots" content="max-image-preview:large""#),
            "{name}"
        );
    }
    assert_eq!(articles, 3, "the fixture's three articles");
    // Three categories (one empty, with its page all the same), five
    // authors, two topics, "Mới nhất".
    assert_eq!(lists, 11, "the list pages");
}

/// An HTML text node's text (what the JSON holds unescaped).
fn unescape(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The breadcrumb's steps are the visible breadcrumb's links, in order.
fn assert_shown(name: &str, html: &str, crumbs: &Value) {
    let items = crumbs["itemListElement"].as_array().expect("items");
    let visible = html
        .split(r#"class="breadcrumb">"#)
        .nth(1)
        .unwrap_or_else(|| panic!("{name}: no visible breadcrumb"));
    let visible = &visible[..visible.find("</nav>").expect("closed")];
    let links: Vec<(String, String)> = visible
        .split("<a href=\"")
        .skip(1)
        .map(|a| {
            let (href, rest) = a.split_once("\">").expect("a link");
            let text = rest.split("</a>").next().unwrap_or_default();
            (href.to_owned(), unescape(text))
        })
        .collect();
    let want: Vec<(String, String)> = items
        .iter()
        .map(|i| {
            let url = i["item"].as_str().expect("an address");
            let path = url
                .strip_prefix("https://thu.example.vn")
                .expect("on the site");
            (
                path.to_owned(),
                i["name"].as_str().expect("a name").to_owned(),
            )
        })
        .collect();
    assert_eq!(links, want, "{name}");
    assert_eq!(items[0]["name"], "Trang chủ", "{name}");
}

#[test]
fn a_photo_is_listed_as_its_three_crops() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    // Article 1's photo, as a camera would make it: 1600×1000.
    let content = fixture_copy("small", dir.path());
    let photo = image::RgbImage::from_fn(1600, 1000, |x, y| {
        image::Rgb([(x % 251) as u8, (y % 241) as u8, 90])
    });
    photo.save(content.join("media/anh.png")).expect("a photo");
    let documents = documents(dir.path(), &content);
    let (_, html) = documents
        .iter()
        .find(|(name, _)| name.starts_with("a/1/") && name.len() > "a/1/index.html".len())
        .expect("article 1's document");
    let blocks = json_ld(html);
    let images: Vec<&str> = nodes(&blocks, "NewsArticle")[0]["image"]
        .as_array()
        .expect("images")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let suffixes: Vec<&str> = images
        .iter()
        .map(|u| u.rsplit('-').next().unwrap_or_default())
        .collect();
    assert_eq!(
        suffixes,
        ["1200x675.jpg", "1200x900.jpg", "1000x1000.jpg"],
        "{images:?}"
    );
    // The largest crop of each ratio, scaled to 1200 wide (never up).
    let want = [(1200, 675), (1200, 900), (1000, 1000)];
    for (url, (want_w, want_h)) in images.into_iter().zip(want) {
        let path = url
            .strip_prefix("https://thu.example.vn/")
            .expect("on the site");
        let file = dir.path().join("site").join(path);
        let decoded = image::open(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        assert_eq!(
            (decoded.width(), decoded.height()),
            (want_w, want_h),
            "{url}"
        );
    }
}
