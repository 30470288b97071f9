//! Property tests of the source format (docs/architecture.md, “Source format”): whatever an
//! editor's file holds, `bantin` answers with an article or with
//! `path:line` problems, never a panic; and a valid article is read the
//! same however it was saved, and survives the JSON API unchanged.
//!
//! `PROPTEST_CASES` sets the cases per property (10 000 by default here;
//! `cargo xtask bench` runs a million).

use std::path::Path;

use bantin_model::Article;
use bantin_publish::check;
use bantin_publish::content::source::{self, SourceArticle};
use bantin_publish::content::{load, site};
use proptest::prelude::*;
use proptest::test_runner::Config;
use unicode_normalization::UnicodeNormalization;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000)
}

const CATEGORIES: [&str; 3] = ["chinh-tri", "y-te", "the-thao"];

fn site_config() -> site::SiteConfig {
    let mut toml = String::from("name = \"Đài\"\nbase_url = \"https://x.vn\"\n");
    for slug in CATEGORIES {
        toml.push_str(&format!(
            "[[categories]]\nslug = \"{slug}\"\nname = \"{slug}\"\n"
        ));
    }
    site::parse(Path::new("site.toml"), &toml).expect("site")
}

/// Text as editors write it: Vietnamese letters (some decomposed), markup
/// characters, punctuation, emoji, spaces and tabs.
fn words() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Tin",
        "mới",
        "Duy",
        "Tiên",
        "đường",
        "Nghị",
        "quyết",
        "bóng",
        "đá",
        "Thu Hà",
        "Tie\u{302}n",
        "<b>",
        "&amp;",
        "\"",
        "'",
        "]]>",
        "😀",
        "\u{200b}",
        "35",
        "–",
        ",",
        ".",
        "\t",
        "Ánh",
        "Tuyết-Xuân",
        "và",
        "Tác giả bài viết:",
    ]);
    prop::collection::vec(pieces, 1..12).prop_map(|w| w.join(" "))
}

/// A byline: none, one or a few names (with markup and entities, which
/// stay text), joined the ways bylines are.
fn byline() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec![
        "Ánh Tuyết",
        "Xuân Thắng",
        "Thu <b>Hà</b>",
        "Minh &amp; Đức",
        "PV",
        "Nguyễn Văn \"Nam\"",
    ]);
    let separator = prop::sample::select(vec![", ", "-", " và ", " – "]);
    (prop::collection::vec(name, 0..4), separator).prop_map(|(names, sep)| names.join(sep))
}

fn date() -> impl Strategy<Value = (String, String)> {
    (
        2000..2030i32,
        1..=12u32,
        1..=24u32,
        0..24u32,
        0..60u32,
        0..60u32,
        0..3usize,
        0..5u32,
    )
        .prop_map(|(y, mo, d, h, mi, s, zone, later)| {
            let offset = ["+07:00", "Z", "-05:30"][zone];
            let published = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{offset}");
            // Modified on the same day or up to four days later.
            let modified = format!(
                "{y:04}-{mo:02}-{:02}T{h:02}:{mi:02}:{s:02}{offset}",
                d + later
            );
            (published, modified)
        })
}

/// A valid source file, as its lines.
fn valid_lines() -> impl Strategy<Value = Vec<String>> {
    (
        words(),
        byline(),
        date(),
        (0..3usize, 1..1_000_000_000u32, "[a-z0-9-]{0,12}"),
        prop::sample::select(vec![
            "",
            "https://x.vn/anh.jpg",
            "http://h.vn/uploads/a.png",
        ]),
        words(),
        words(),
        prop::collection::vec(words(), 0..6),
    )
        .prop_filter_map(
            "a title or lead that is only spaces",
            |(title, byline, (published, modified), (cat, id, slug), image, name, lead, body)| {
                if title.trim().is_empty() || lead.trim().is_empty() {
                    return None;
                }
                let mut lines = vec![
                    title,
                    byline,
                    published,
                    modified,
                    format!(
                        "https://duytien.hanamtv.vn/vi/news/{}/{slug}-{id}.html",
                        CATEGORIES[cat]
                    ),
                    image.to_owned(),
                    name,
                    String::new(),
                    lead,
                ];
                lines.extend(body);
                Some(lines)
            },
        )
}

/// What can happen to a file on its way from the old site or an editor.
#[derive(Debug, Clone)]
enum Mutation {
    Swap(usize, usize),
    Cut(usize),
    Double(usize),
    Flip(usize, u8),
    Delete(usize),
    Insert(usize, char),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..20usize, 0..20usize).prop_map(|(a, b)| Mutation::Swap(a, b)),
        (0..4000usize).prop_map(Mutation::Cut),
        (0..20usize).prop_map(Mutation::Double),
        (0..4000usize, any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (0..20usize).prop_map(Mutation::Delete),
        (0..4000usize, any::<char>()).prop_map(|(at, c)| Mutation::Insert(at, c)),
    ]
}

fn apply(lines: &[String], mutations: &[Mutation]) -> Vec<u8> {
    let mut lines = lines.to_vec();
    let mut bytes: Option<Vec<u8>> = None;
    for m in mutations {
        let n = lines.len().max(1);
        match *m {
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Double(a) if !lines.is_empty() => {
                let line = lines[a % n].clone();
                lines.insert(a % n, line);
            }
            Mutation::Delete(a) if !lines.is_empty() => {
                lines.remove(a % n);
            }
            Mutation::Cut(at) => {
                let b = bytes.get_or_insert_with(|| lines.join("\n").into_bytes());
                b.truncate(at % (b.len() + 1));
            }
            Mutation::Flip(at, value) => {
                let b = bytes.get_or_insert_with(|| lines.join("\n").into_bytes());
                if !b.is_empty() {
                    let i = at % b.len();
                    b[i] = value;
                }
            }
            Mutation::Insert(at, c) => {
                let b = bytes.get_or_insert_with(|| lines.join("\n").into_bytes());
                let i = at % (b.len() + 1);
                let mut buf = [0; 4];
                b.splice(i..i, c.encode_utf8(&mut buf).bytes());
            }
            _ => {}
        }
    }
    bytes.unwrap_or_else(|| lines.join("\n").into_bytes())
}

/// Decoding then parsing, as `bantin check` does with a file's bytes.
fn read(bytes: &[u8]) -> Result<SourceArticle, Vec<bantin_publish::Problem>> {
    let path = Path::new("x.txt");
    load::decode(path, bytes).and_then(|text| source::parse(path, &text))
}

fn article(source: SourceArticle) -> Article {
    check::to_article(
        &site_config(),
        source,
        None,
        None,
        check::Attached::default(),
    )
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn a_valid_article_survives_the_json_api_unchanged(lines in valid_lines()) {
        let source = read(lines.join("\n").as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let article = article(source);
        let json = serde_json::to_string(&article).expect("serialise");
        let back: Article = serde_json::from_str(&json).expect("parse");
        prop_assert_eq!(back, article);
    }

    #[test]
    fn how_a_file_was_saved_changes_nothing(lines in valid_lines(), nfd in any::<bool>(), crlf in any::<bool>(), bom in any::<bool>(), trailing in any::<bool>()) {
        let plain = lines.join("\n");
        let mut text = if nfd { plain.nfd().collect::<String>() } else { plain.clone() };
        if trailing {
            text = text.lines().map(|l| format!("{l}  ")).collect::<Vec<_>>().join("\n");
        }
        if crlf {
            text = text.replace('\n', "\r\n");
        }
        if bom {
            text.insert(0, '\u{feff}');
        }
        let want = read(plain.as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        let got = read(text.as_bytes()).map_err(|p| TestCaseError::fail(format!("{p:?}")))?;
        prop_assert_eq!(got, want);
    }

    #[test]
    fn a_damaged_file_gives_an_article_or_located_problems(lines in valid_lines(), mutations in prop::collection::vec(mutation(), 1..4)) {
        let bytes = apply(&lines, &mutations);
        if let Err(problems) = read(&bytes) {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(p.line >= 1, "{}", p);
                prop_assert!(p.to_string().starts_with("x.txt:"), "{}", p);
            }
        }
    }

    #[test]
    fn any_bytes_give_an_article_or_located_problems(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        if let Err(problems) = read(&bytes) {
            prop_assert!(!problems.is_empty());
            for p in &problems {
                prop_assert!(p.line >= 1, "{}", p);
            }
        }
    }
}
