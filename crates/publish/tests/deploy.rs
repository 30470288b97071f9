//! The change list against what a build really changed, over random
//! archives (docs/deploy.md, "Deploying only what changed"): after adding,
//! editing and deleting an article, `.dist.upload` and `.dist.delete` name
//! exactly the files whose bytes differ, appeared or went; the latest list
//! still holds every article once, newest first, from its landing page back
//! through its archive; the sitemaps list every article once; and the
//! newest article changes a bounded number of list files.
//!
//! `DEPLOY_CASES` sets the archives tried (12 by default: each is four
//! builds of up to 2 000 articles).

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use common::{build, tree};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn cases() -> u32 {
    std::env::var("DEPLOY_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(12)
}

const CATEGORIES: [&str; 2] = ["chinh-tri", "y-te"];

/// An article numbered `id`, published `hours` after 2023-01-01 00:00 in
/// Vietnam (so the archive spans months and its order is by date).
/// The topics of article `id`: two, one or none (`Chủ đề` after a rule).
fn topics(id: u32) -> &'static [&'static str] {
    match id % 3 {
        0 => &["Bóng đá", "Nông thôn mới"],
        1 => &["bong da"],
        _ => &[],
    }
}

fn article(id: u32, hours: u32, title: &str) -> (String, String) {
    article_on(id, hours, title, topics(id))
}

/// Article `id` on `topics`.
fn article_on(id: u32, hours: u32, title: &str, topics: &[&str]) -> (String, String) {
    let category = CATEGORIES[(id % 2) as usize];
    let day = 1 + (hours / 24) % 28;
    let month = 1 + (hours / (24 * 28)) % 12;
    let year = 2023 + hours / (24 * 28 * 12);
    let at = format!("{year}-{month:02}-{day:02}T{:02}:00:00+07:00", hours % 24);
    let mut text = format!(
        "{title} {id}\nPhóng viên {}\n{at}\n{at}\nhttp://h.vn/vi/news/{category}/tin-{id}.html\n\nĐài\n\nSapo {id}.\nThân bài {id}.\n",
        id % 7
    );
    if !topics.is_empty() {
        text.push_str(&format!("---\nChủ đề: {}\n", topics.join(", ")));
    }
    (format!("articles/{category}/{id}.txt"), text)
}

fn write_archive(content: &Path, hours: &[u32]) {
    let mut toml = String::from("name = \"Đài\"\nbase_url = \"https://x.vn\"\n");
    for slug in CATEGORIES {
        toml.push_str(&format!(
            "[[categories]]\nslug = \"{slug}\"\nname = \"{slug}\"\n"
        ));
        fs::create_dir_all(content.join("articles").join(slug)).expect("mkdir");
    }
    fs::write(content.join("site.toml"), toml).expect("site.toml");
    for (i, h) in hours.iter().enumerate() {
        let (path, text) = article(i as u32 + 1, *h, "Tin");
        fs::write(content.join(path), text).expect("article");
    }
}

/// Builds with `--since` the manifest of the previous build, and checks the
/// lists against the difference of the two trees. Returns the files
/// uploaded.
fn build_and_compare(tmp: &Path, content: &Path, out: &Path) -> Vec<String> {
    let before = tree(out);
    let deployed = tmp.join("deployed.manifest");
    fs::copy(tmp.join(".dist.manifest"), &deployed).expect("a manifest");
    let run = build(content, out, &["--since", &deployed.to_string_lossy()], tmp);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let after = tree(out);
    let list = |what: &str| -> Vec<String> {
        let text = fs::read_to_string(tmp.join(format!(".dist.{what}"))).expect("a list");
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    let differs = |path: &&String| before.get(*path) != after.get(*path);
    let uploaded: Vec<String> = after.keys().filter(differs).cloned().collect();
    let deleted: Vec<String> = before
        .keys()
        .filter(|p| !after.contains_key(*p))
        .cloned()
        .collect();
    assert_eq!(list("upload"), uploaded);
    assert_eq!(list("delete"), deleted);
    every_article_once(out, content);
    uploaded
}

/// The files of lists (documents, JSON, feeds) among `paths`.
fn list_files(paths: &[String]) -> Vec<&String> {
    let lists = [
        "api/v1/latest",
        "api/v1/categories/",
        "api/v1/authors/",
        "c/",
        "tac-gia/",
        "tin-moi/",
        "api/v1/topics/",
        "chu-de/",
    ];
    paths
        .iter()
        .filter(|p| lists.iter().any(|l| p.starts_with(l)))
        .collect()
}

/// The latest list's ids from its landing page back through each older
/// block, as a reader pages back; only the landing page carries a total.
fn latest_list(out: &Path) -> Vec<u32> {
    let mut listed = Vec::new();
    let mut file = out.join("api/v1/latest.json");
    loop {
        let text = fs::read_to_string(&file).expect("a list page");
        let page: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        for item in page["items"].as_array().expect("items") {
            listed.push(u32::try_from(item["id"].as_u64().expect("id")).expect("u32"));
        }
        let block = page["block"].as_u64().expect("block");
        assert_eq!(
            page.get("total").is_some(),
            block == 0,
            "totals on {file:?}"
        );
        let older = page["older"].as_u64().expect("older");
        if older == 0 {
            break;
        }
        file = out.join(format!("api/v1/latest/archive/{older}.json"));
    }
    listed
}

/// The latest list's pages, and the sitemaps, against the content's ids.
fn every_article_once(out: &Path, content: &Path) {
    let mut ids: Vec<(String, u32)> = Vec::new();
    for slug in CATEGORIES {
        for entry in fs::read_dir(content.join("articles").join(slug))
            .expect("ls")
            .flatten()
        {
            let text = fs::read_to_string(entry.path()).expect("article");
            let date = text.lines().nth(2).expect("a date").to_owned();
            let id = entry
                .path()
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .parse()
                .expect("id");
            ids.push((date, id));
        }
    }
    // Newest first; the same time, the higher id first.
    ids.sort_by(|a, b| b.cmp(a));
    let want: Vec<u32> = ids.iter().map(|(_, id)| *id).collect();
    let listed = latest_list(out);
    assert_eq!(listed, want, "the latest list");
    let mut in_sitemaps: BTreeMap<u32, usize> = BTreeMap::new();
    for (path, bytes) in tree(&out.join("sitemaps")) {
        let text = String::from_utf8(bytes).expect("UTF-8");
        let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
        for loc in doc.descendants().filter(|n| n.has_tag_name("loc")) {
            let url = loc.text().unwrap_or_default();
            if let Some(rest) = url.strip_prefix("https://x.vn/a/") {
                let id = rest
                    .split('/')
                    .next()
                    .and_then(|i| i.parse().ok())
                    .expect("an id");
                *in_sitemaps.entry(id).or_default() += 1;
            }
        }
    }
    let mut sorted = want.clone();
    sorted.sort_unstable();
    assert_eq!(in_sitemaps.keys().copied().collect::<Vec<_>>(), sorted);
    assert!(
        in_sitemaps.values().all(|n| *n == 1),
        "an article listed twice"
    );
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn the_change_list_is_exactly_what_changed(
        hours in prop::collection::vec(0u32..(24 * 28 * 24), 100..2_000),
        new_hours in 0u32..(24 * 28 * 24),
        pick in any::<prop::sample::Index>(),
        gone in any::<prop::sample::Index>(),
    ) {
        let tmp = tempfile::tempdir().expect("tmp");
        let (content, out) = (tmp.path().join("content"), tmp.path().join("dist"));
        write_archive(&content, &hours);
        let first = build(&content, &out, &[], tmp.path());
        prop_assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));

        // A new article, anywhere in time.
        let id = hours.len() as u32 + 1;
        let (path, text) = article(id, new_hours, "Tin mới");
        fs::write(content.join(path), text).expect("new");
        build_and_compare(tmp.path(), &content, &out);

        // An edited title.
        let edited = pick.index(hours.len()) as u32 + 1;
        let (path, text) = article(edited, hours[edited as usize - 1], "Tin đã sửa");
        fs::write(content.join(path), text).expect("edit");
        build_and_compare(tmp.path(), &content, &out);

        // A deleted article.
        let deleted = gone.index(hours.len()) as u32 + 1;
        let (path, _) = article(deleted, 0, "");
        fs::remove_file(content.join(path)).expect("delete");
        build_and_compare(tmp.path(), &content, &out);

        // The newest article: of each of its lists (latest, its category,
        // its author, each of its topics), the landing page and at most
        // the newest block and a new one, as JSON and as documents, and
        // the feeds of all but the latest (the site's feed is not a list).
        // Three topics: two that others have, one new.
        let on = ["Bóng đá", "Nông thôn mới", "Y tế cơ sở"];
        let newest = hours.iter().max().copied().unwrap_or(0).max(new_hours) + 1;
        let (path, text) = article_on(id + 1, newest, "Tin mới nhất", &on);
        fs::write(content.join(path), text).expect("newest");
        let uploaded = build_and_compare(tmp.path(), &content, &out);
        let lists = list_files(&uploaded);
        let named = 2 + on.len();
        prop_assert!(lists.len() <= (1 + named) * 6 + named, "{lists:#?}");
        for file in ["api/v1/topics/y-te-co-so.json", "chu-de/bong-da/rss.xml"] {
            prop_assert!(uploaded.iter().any(|p| p == file), "{file} not in {lists:#?}");
        }
        // Of the search index: the tail's shards, the newest row file (and
        // a new one), search.json; the base's too when the count reaches
        // a multiple of TAIL_DOCS (the merge).
        let index: serde_json::Value = serde_json::from_str(
            &fs::read_to_string(out.join("api/v1/search.json")).expect("search.json"),
        ).expect("JSON");
        let docs = index["docs"].as_u64().expect("docs");
        let search: Vec<&String> = uploaded.iter().filter(|p| p.starts_with("api/v1/search")).collect();
        if !docs.is_multiple_of(u64::from(bantin_model::search::TAIL_DOCS)) {
            let tail = index["segments"][0]["shards"].as_u64().expect("shards") as usize;
            prop_assert!(search.len() <= tail + 3, "{search:#?}");
        }

        // The folder, after these publishes, is what a fresh build of the
        // same content writes: appending gives what a full rebuild does.
        let fresh = tmp.path().join("fresh");
        let again = build(&content, &fresh, &[], tmp.path());
        prop_assert!(again.status.success());
        prop_assert!(tree(&out) == tree(&fresh), "the publishes differ from a fresh build");
    }
}
