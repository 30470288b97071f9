//! The sitemaps against their XML schemas, with `xmllint` (Debian
//! `libxml2-utils`): sitemaps.org's `sitemap.xsd` (npm `sitemap`, which the
//! test command installs) and the news extension's schema in
//! `tests/fixtures/xsd`. And the news sitemap's 48-hour window, which
//! follows `--now`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{build, fixture};

/// sitemaps.org's schema, as npm installed it at the repository's root.
fn sitemap_xsd() -> PathBuf {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../node_modules/sitemap/schema/sitemap.xsd")
        .canonicalize()
        .expect("node_modules/sitemap/schema/sitemap.xsd: run `cargo xtask setup` (npm ci)");
    path
}

/// One schema for a urlset with news entries: the core and the extension,
/// imported by absolute path (the core's `processContents="strict"` needs
/// the extension's declarations to check `news:news`).
fn news_xsd(dir: &Path) -> PathBuf {
    let news = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xsd/sitemap-news.xsd");
    let both = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<xsd:schema xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <xsd:import namespace="http://www.sitemaps.org/schemas/sitemap/0.9" schemaLocation="{}"/>
  <xsd:import namespace="http://www.google.com/schemas/sitemap-news/0.9" schemaLocation="{}"/>
</xsd:schema>
"#,
        sitemap_xsd().display(),
        news.display()
    );
    let path = dir.join("sitemap-and-news.xsd");
    fs::write(&path, both).expect("write the schema");
    path
}

/// `xmllint --schema` on `file`; panics with its words when invalid.
fn assert_valid(schema: &Path, file: &Path) {
    let out = Command::new("xmllint")
        .args(["--noout", "--nonet", "--schema"])
        .arg(schema)
        .arg(file)
        .output()
        .expect("xmllint: install libxml2-utils (`cargo xtask setup` does)");
    assert!(
        out.status.success(),
        "{} is not valid against {}:\n{}",
        file.display(),
        schema.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The small fixture built at `now` into a new folder.
fn built_at(now: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("site");
    let result = build(&fixture("small"), &out, &["--now", now], dir.path());
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    (dir, out)
}

/// The `<loc>`s of a sitemap file.
fn locs(file: &Path) -> Vec<String> {
    let text = fs::read_to_string(file).expect("read");
    let doc = roxmltree::Document::parse(&text).expect("XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

const NEWEST: &str = "https://thu.example.vn/a/1/";
const OLDER: &str = "https://thu.example.vn/a/2/";

#[test]
fn the_news_sitemap_is_valid_and_its_window_follows_now() {
    // Article 1 is published 2024-07-05 14:40, article 2 2024-07-01 08:00,
    // article 3 2024-06-01 (all +07:00 but 3, UTC).
    // (now, the articles listed, by address prefix)
    let cases: [(&str, &[&str]); 4] = [
        // 21 hours after article 1: it alone.
        ("2024-07-06T12:00:00+07:00", &[NEWEST]),
        // Article 1 is still scheduled (held back): never listed.
        ("2024-07-02T08:00:00+07:00", &[OLDER]),
        // 47 h 59 min after article 1, in Hà Nội time given as UTC.
        ("2024-07-07T07:39:00+00:00", &[NEWEST]),
        // 48 hours after it: nothing is recent.
        ("2024-07-07T14:40:29+07:00", &[]),
    ];
    for (now, want) in cases {
        let (dir, out) = built_at(now);
        let news = out.join("sitemap-news.xml");
        let robots = fs::read_to_string(out.join("robots.txt")).expect("robots.txt");
        let named = robots.contains("Sitemap: https://thu.example.vn/sitemap-news.xml\n");
        if want.is_empty() {
            assert!(!news.exists(), "at {now}: a news sitemap without news");
            assert!(!named, "at {now}: robots.txt names a missing file");
            continue;
        }
        assert!(named, "at {now}: robots.txt does not name it:\n{robots}");
        assert_valid(&news_xsd(dir.path()), &news);
        let listed = locs(&news);
        assert_eq!(listed.len(), want.len(), "at {now}: {listed:?}");
        for (loc, prefix) in listed.iter().zip(want.iter()) {
            assert!(loc.starts_with(prefix), "at {now}: {loc} is not {prefix}…");
        }
    }
}

#[test]
fn the_news_entries_carry_the_publication_date_and_title_as_text() {
    let (_dir, out) = built_at("2024-07-06T12:00:00+07:00");
    let text = fs::read_to_string(out.join("sitemap-news.xml")).expect("read");
    let doc = roxmltree::Document::parse(&text).expect("XML");
    let value = |tag: &str| -> Vec<String> {
        doc.descendants()
            .filter(|n| n.tag_name().name() == tag)
            .filter_map(|n| n.text().map(str::to_owned))
            .collect()
    };
    assert_eq!(value("name"), ["Đài Thử nghiệm"]);
    assert_eq!(value("language"), ["vi"]);
    assert_eq!(value("publication_date"), ["2024-07-05T14:40:29+07:00"]);
    // The title as the editor wrote it, markup characters escaped.
    assert_eq!(
        value("title"),
        ["Tin <script>alert(\"x\")</script> & \"nóng\""]
    );
    assert!(!text.contains("<script>"), "{text}");
}

#[test]
fn every_urlset_sitemap_is_valid() {
    let (_dir, out) = built_at("2030-01-01T00:00:00+07:00");
    let mut files: Vec<PathBuf> = common::walk(&out.join("sitemaps"));
    files.sort();
    assert!(!files.is_empty());
    for file in files {
        assert_valid(&sitemap_xsd(), &file);
    }
}
