//! The `bantin` binary as an editor runs it: check messages, the built
//! files (snapshotted), determinism and atomicity.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use common::{bantin, build, fixture, synthetic_content, tree, walk};

#[test]
fn check_reports_every_problem_at_its_line() {
    let dir = fixture("broken");
    let out = bantin(&["check", "--content", "."], &dir);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    let want = [
        "./articles/bad-author.txt:2: the author \"???\" has no letter or digit to name their page (/tac-gia/…/) by — write the author's name in letters, e.g. `Ánh Tuyết`; separate co-authors with `,`, `-` or ` và `",
        "./articles/bad-date.txt:3: the published date \"05/07/2024\" is not a valid date — write it as RFC 3339 with the offset, like 2024-07-05T14:40:29+07:00",
        "./articles/bad-image.txt:6: the image \"ftp://example.org/a.jpg\" is neither an http(s) URL nor a relative path — give an http(s) URL, a path under content/ like media/anh.jpg, or leave the line empty",
        "./articles/duplicate-b.txt:5: article id 14 is already used by ./articles/duplicate-a.txt — each article needs its own id: fix the number at the end of the source URL",
        "./articles/empty-lead.txt:9: the lead (sapo) is empty — write the summary paragraph on line 9, right after the source logo line",
        "./articles/empty-title.txt:1: the title is empty — write the headline on the first line",
        "./articles/image-outside-media.txt:6: the image \"anh/a.jpg\" is not in the media folder — move the file into content/media/ and write media/… here",
        "./articles/missing-image.txt:6: the image file ./media/khong-co.jpg does not exist — check the spelling, or add the file to the media folder",
        "./articles/modified-before.txt:4: the modified date 2024-07-01T00:00:00+07:00 is earlier than the published date 2024-07-05T14:40:29+07:00 — an article cannot change before it is published: fix one of the two dates",
        "./articles/not-utf8.txt:1: the file is not UTF-8 text — save it as UTF-8 (in most editors: Save with encoding → UTF-8)",
        "./articles/too-short.txt:3: the file ends after 3 line(s); an article needs at least 9 (title, byline, published, modified, source URL, image, source name, source logo, lead) — add the missing lines; leave the image or logo line empty if there is none",
        "./articles/unknown-category.txt:5: unknown category \"kinh-te\"; the known categories are: chinh-tri, y-te, the-thao — fix the category in the source URL, or add it to content/site.toml",
        "./articles/url-without-id.txt:5: the source URL \"http://duytien.hanamtv.vn/vi/news/chinh-tri/tin-khong-so.html\" does not give a category and a numeric id — it should look like http://host/vi/news/chinh-tri/ten-bai-viet-1678.html",
        "./site.toml:3: the logo file ./media/logo.png does not exist — check the spelling, or add the file to the media folder",
        "14 problem(s) found",
    ];
    let got: Vec<&str> = stderr.lines().collect();
    assert_eq!(got, want);
}

#[test]
fn check_passes_on_the_sample_newsroom() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let out = bantin(
        &["check", "--content", &content.to_string_lossy()],
        Path::new("."),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // What the folder holds, counted here: the sample may grow.
    let articles = walk(&content)
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter(|p| {
            !p.strip_prefix(&content)
                .is_ok_and(|r| r.starts_with("drafts"))
        })
        .count();
    let site = fs::read_to_string(content.join("site.toml")).expect("site.toml");
    let categories = site.matches("[[categories]]").count();
    let want = format!("{articles} articles in {categories} categories, no problems");
    assert!(articles > 0 && categories > 0);
    assert!(
        String::from_utf8_lossy(&out.stdout).contains(&want),
        "{want} in {}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn build_refuses_broken_content_and_writes_nothing() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("dist");
    let out = build(&fixture("broken"), &out_dir, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(!out_dir.exists());
    // Only the lock file (see hardening.rs), which is locked, never removed.
    let left: Vec<String> = fs::read_dir(tmp.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, [".dist.lock"], "no staging left behind");
}

/// The built tree as one reviewable text: JSON pretty-printed, other files by size.
/// The JSON API, the contract the snapshot holds: every file's path, and
/// each JSON file pretty-printed. Other files are listed, and checked by
/// what they must contain ([`assert_other_files`]), so that a change there
/// fails with its reason instead of a byte count.
fn render_tree(files: &BTreeMap<String, Vec<u8>>) -> String {
    let mut text = String::new();
    for (path, bytes) in files {
        text.push_str(&format!("==> {path}\n"));
        if path.ends_with(".json") {
            let value: serde_json::Value = serde_json::from_slice(bytes).expect("valid JSON");
            text.push_str(&serde_json::to_string_pretty(&value).expect("pretty"));
            text.push('\n');
        }
    }
    text
}

/// What each file outside the JSON API must be.
fn assert_other_files(files: &BTreeMap<String, Vec<u8>>, base_url: &str) {
    let text = |path: &str| String::from_utf8(files[path].clone()).expect("utf-8");
    assert_eq!(text("_headers"), bantin_publish::render::headers::file());
    assert_eq!(
        text("robots.txt"),
        format!("User-agent: *\nAllow: /\nDisallow: /embed/\n\nSitemap: {base_url}/sitemap.xml\n")
    );
    for (path, bytes) in files {
        let what = path.rsplit_once('.').map_or("", |(_, ext)| ext);
        match what {
            "json" | "txt" => {}
            "xml" => {
                let xml = String::from_utf8(bytes.clone()).expect("utf-8");
                let doc =
                    roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{path}: {e}"));
                let root = doc.root_element().tag_name().name();
                let want = if path == "sitemap.xml" {
                    "sitemapindex"
                } else if path.starts_with("sitemaps/") {
                    "urlset"
                } else {
                    "rss"
                };
                assert_eq!(root, want, "{path}");
                assert!(xml.contains(base_url), "{path} links to the site");
            }
            "jpg" => assert!(bytes.starts_with(&[0xFF, 0xD8]), "{path} is a JPEG"),
            "webp" => assert!(bytes.starts_with(b"RIFF"), "{path} is a WebP"),
            "" if path == "_headers" || path == "_redirects" => {}
            _ => panic!(
                "{path}: a kind of file the build did not write before; say what it must hold"
            ),
        }
    }
}

#[test]
fn build_output_snapshot() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("dist");
    let out = build(&fixture("small"), &out_dir, &[], tmp.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = tree(&out_dir);
    // Text stays text: markup in a title is escaped JSON text, never raw HTML.
    let article = String::from_utf8(files["api/v1/articles/1.json"].clone()).expect("utf-8");
    assert!(article.contains(r#""title":"Tin <script>alert(\"x\")</script> & \"nóng\"""#));
    insta::assert_snapshot!(render_tree(&files));
    assert_other_files(&files, "https://thu.example.vn");
}

#[test]
fn build_with_base_url_override() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("dist");
    let out = build(
        &fixture("small"),
        &out_dir,
        &["--base-url", "http://127.0.0.1:8080/"],
        tmp.path(),
    );
    assert!(out.status.success());
    let site: serde_json::Value =
        serde_json::from_slice(&fs::read(out_dir.join("api/v1/site.json")).expect("site"))
            .expect("json");
    assert_eq!(site["base_url"], "http://127.0.0.1:8080");
}

/// Copies a content tree, creating files in reverse order so that the file
/// system lists them differently.
fn copy_reversed(from: &Path, to: &Path) {
    let mut files = walk(from);
    files.sort();
    files.reverse();
    for file in files {
        let target = to.join(file.strip_prefix(from).expect("inside"));
        fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        fs::copy(&file, &target).expect("copy");
    }
}

#[test]
fn build_is_deterministic_across_threads_and_file_order() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let tmp = tempfile::tempdir().expect("tmp");
    let reversed = tmp.path().join("content-reversed");
    copy_reversed(&content, &reversed);
    let mut trees = Vec::new();
    // The photos: encoded (an empty cache), then from that cache, then
    // encoded again into another: the same bytes each time.
    let (cache, other_cache) = (tmp.path().join("cache"), tmp.path().join("cache-2"));
    for (threads, source, cache) in [
        ("1", &content, &cache),
        ("4", &content, &cache),
        ("3", &reversed, &other_cache),
    ] {
        let out_dir = tmp.path().join(format!("out-{threads}"));
        let status = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .args([
                "build",
                "--content",
                &source.to_string_lossy(),
                "--out",
                &out_dir.to_string_lossy(),
                "--cache",
                &cache.to_string_lossy(),
            ])
            .env("RAYON_NUM_THREADS", threads)
            .status()
            .expect("run");
        assert!(status.success());
        trees.push(tree(&out_dir));
    }
    assert!(trees[0].len() > 60, "a real site was written");
    assert!(
        trees[0] == trees[1],
        "thread count or the cache changed the output"
    );
    assert!(trees[0] == trees[2], "file order changed the output");
}

#[test]
#[allow(
    clippy::too_many_lines,
    reason = "one scenario: three sites built, then kills spread over a build, each outcome checked in turn"
)]
fn a_killed_build_leaves_the_previous_site_intact() {
    let tmp = tempfile::tempdir().expect("tmp");
    let old_content = tmp.path().join("old");
    let new_content = tmp.path().join("new");
    synthetic_content(&old_content, 3000, "Bản cũ");
    synthetic_content(&new_content, 3000, "Bản mới");
    let out_dir = tmp.path().join("dist");
    let run_build = |content: &Path| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bantin"));
        command.args([
            "build",
            "--content",
            &content.to_string_lossy(),
            "--out",
            &out_dir.to_string_lossy(),
        ]);
        command
    };
    assert!(run_build(&old_content).status().expect("run").success());
    let old = tree(&out_dir);

    // How long a whole build takes here, to spread the kills over it.
    let started = Instant::now();
    assert!(run_build(&new_content).status().expect("run").success());
    let full = started.elapsed();
    let new = tree(&out_dir);
    assert!(old != new);
    assert!(run_build(&old_content).status().expect("run").success());

    // The output holds the old site and the spare (the staging folder the
    // next build rewrites) a third one, so a build of the new content
    // rewrites every file of the spare: a kill while it writes leaves the
    // spare neither the third site nor the new one.
    let other_content = tmp.path().join("other");
    synthetic_content(&other_content, 3000, "Bản khác");
    let staging = tmp.path().join(".dist.staging");
    let reset = || {
        assert!(run_build(&other_content).status().expect("run").success());
        assert!(run_build(&old_content).status().expect("run").success());
        tree(&staging)
    };
    let spare = reset();
    let mut killed_mid_build = 0;
    // Kills spread over the build, until two have landed while the spare
    // was being rewritten: that phase is a part of the build whose share
    // depends on the machine and on what else runs.
    // Sixty steps: the rewrite is a small share of the build, and twenty
    // steps sometimes put only one kill in it.
    for step in 1..=59u32 {
        if killed_mid_build >= 2 {
            break;
        }
        let mut child = run_build(&new_content).spawn().expect("spawn");
        std::thread::sleep(full * step / 60);
        child.kill().expect("kill");
        let finished = child.wait().expect("wait").success();
        let now = tree(&out_dir);
        // Killed or not, the site is whole: the old one, or the new one if
        // the swap had happened.
        assert!(
            now == old || now == new,
            "a build killed after {step}/60 of its time left a mixed site"
        );
        if finished {
            assert!(now == new, "a finished build wrote the whole new site");
        }
        let half_written = tree(&staging);
        if now == old && half_written != spare && half_written != new {
            killed_mid_build += 1;
        }
        if now != old || half_written != spare {
            assert!(reset() == spare);
        }
    }
    assert!(
        killed_mid_build >= 2,
        "only {killed_mid_build} kills landed while files were being written"
    );

    // The next build cleans up what the killed ones left.
    assert!(run_build(&new_content).status().expect("run").success());
    assert!(tree(&out_dir) == new);
    // The lock file stays (locked, never removed, by each build), the
    // manifest of the output (`output/changes.rs`), and the spare: the
    // previous site, rewritten in place by the next build; and at most one
    // file index per folder (`output/index.rs`); and the record of the
    // search index's base (`output/prior.rs`: the fixture has a base).
    let mut left: Vec<String> = fs::read_dir(tmp.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with(".dist."))
        .collect();
    left.sort();
    let manifests = left
        .iter()
        .filter(|n| n.starts_with(".dist.files-"))
        .count();
    assert!(manifests <= 2, "{left:?}");
    left.retain(|n| !n.starts_with(".dist.files-"));
    assert_eq!(
        left,
        [
            ".dist.lock",
            ".dist.manifest",
            ".dist.search-base",
            ".dist.staging"
        ]
    );
    assert!(tree(&staging) == old, "the spare is the site swapped out");
}

#[test]
fn build_refuses_to_replace_a_folder_it_did_not_write() {
    let tmp = tempfile::tempdir().expect("tmp");
    let precious = tmp.path().join("photos");
    fs::create_dir_all(&precious).expect("mkdir");
    fs::write(precious.join("family.jpg"), b"not ours").expect("write");
    let out = build(&fixture("small"), &precious, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a bantin output"));
    assert_eq!(
        fs::read(precious.join("family.jpg")).expect("kept"),
        b"not ours"
    );
}

/// Builds the small fixture with a stand-in app build (its index.html is
/// shaped like Trunk's).
fn build_small_site(tmp: &Path) -> PathBuf {
    let out_dir = tmp.join("dist");
    let out = build(
        &fixture("small"),
        &out_dir,
        &["--app", &fixture("app").to_string_lossy()],
        tmp,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out_dir
}

#[test]
fn article_document_snapshot_and_escaping() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = build_small_site(tmp.path());
    let html = fs::read_to_string(site.join("a/1/tin-script-alert-x-script-nong/index.html"))
        .expect("document");
    insta::assert_snapshot!(html);
    // Text is text: the title's markup is escaped everywhere in the head.
    assert!(
        !html.contains("<script>alert"),
        "raw markup in the document"
    );
    assert!(html.contains("<title>Tin &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;nóng&quot; – Đài Thử nghiệm</title>"));
    // The JSON-LD is valid JSON that cannot close its script element early.
    let start = html
        .find(r#"<script type="application/ld+json" data-bantin-head>"#)
        .expect("json-ld")
        + r#"<script type="application/ld+json" data-bantin-head>"#.len();
    let end = start + html[start..].find("</script>").expect("end");
    let graph: serde_json::Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
    let ld = &graph["@graph"][0];
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(
        ld["headline"],
        "Tin <script>alert(\"x\")</script> & \"nóng\""
    );
    assert_eq!(ld["datePublished"], "2024-07-05T14:40:29+07:00");
    assert_eq!(ld["dateModified"], "2024-07-06T09:00:00+07:00");
    assert_eq!(ld["author"][1]["name"], "Văn Nam");
    // The photo pipeline's files, named after their content.
    let url = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_owned();
    assert!(
        url(&ld["publisher"]["logo"]["url"]).starts_with("https://thu.example.vn/media/"),
        "{}",
        ld["publisher"]["logo"]["url"]
    );
    assert!(
        url(&ld["image"][0]).starts_with("https://thu.example.vn/media/")
            && url(&ld["image"][0]).ends_with("-40.jpg"),
        "{}",
        ld["image"][0]
    );
    // Trunk's inline start-up script became a file, for the CSP.
    assert!(!html.contains("await init"));
    let start_script = fs::read_dir(&site)
        .expect("ls")
        .flatten()
        .find(|e| e.file_name().to_string_lossy().starts_with("start-"))
        .expect("start script");
    assert!(fs::read_to_string(start_script.path())
        .expect("read")
        .contains("await init"));
}

/// Every text node of an XML document, checking it is well-formed.
fn xml_texts(xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(xml).expect("well-formed XML");
    doc.descendants()
        .filter(|n| n.is_element())
        .filter_map(|n| n.text())
        .map(str::to_owned)
        .collect()
}

/// The texts of the sitemap index and of every sitemap it lists.
fn sitemap_texts(site: &Path, base_url: &str) -> Vec<String> {
    let index = xml_texts(&fs::read_to_string(site.join("sitemap.xml")).expect("sitemap"));
    let mut texts = index.clone();
    for child in index.iter().filter(|t| t.ends_with(".xml")) {
        let path = child.strip_prefix(base_url).expect("a sitemap on the site");
        let file = site.join(path.trim_start_matches('/'));
        texts.extend(xml_texts(
            &fs::read_to_string(&file).expect("a child sitemap"),
        ));
    }
    texts
}

#[test]
fn feeds_sitemap_and_redirects() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = build_small_site(tmp.path());
    let rss = fs::read_to_string(site.join("rss.xml")).expect("rss");
    let texts = xml_texts(&rss);
    assert!(
        texts.contains(&"Tin <script>alert(\"x\")</script> & \"nóng\"".to_owned()),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"https://thu.example.vn/a/1/tin-script-alert-x-script-nong/".to_owned())
    );
    assert!(
        texts.contains(&"Fri, 5 Jul 2024 14:40:29 +0700".to_owned()),
        "{texts:?}"
    );
    let category =
        xml_texts(&fs::read_to_string(site.join("c/y-te/rss.xml")).expect("category feed"));
    assert!(category.contains(&"Tin y tế".to_owned()));
    assert!(!category.iter().any(|t| t.starts_with("Tin <script>")));
    let sitemap = sitemap_texts(&site, "https://thu.example.vn");
    for url in [
        "https://thu.example.vn/",
        "https://thu.example.vn/c/the-thao/",
        "https://thu.example.vn/a/2/tin-y-te/",
    ] {
        assert!(sitemap.contains(&url.to_owned()), "{url} in {sitemap:?}");
    }
    assert!(fs::read_to_string(site.join("robots.txt"))
        .expect("robots")
        .contains("Sitemap: https://thu.example.vn/sitemap.xml"));
    let redirect = fs::read_to_string(site.join("a/2/index.html")).expect("short link");
    assert!(redirect.contains(r#"<meta http-equiv="refresh" content="0; url=/a/2/tin-y-te/">"#));
    let old = fs::read_to_string(site.join("vi/news/y-te/tin-y-te-2.html")).expect("old link");
    assert_eq!(old, redirect);
    let rules = fs::read_to_string(site.join("_redirects")).expect("_redirects");
    assert!(rules.contains("/vi/news/y-te/tin-y-te-2.html /a/2/tin-y-te/ 301\n"));
}

#[test]
fn authors_get_pages_feeds_and_sitemap_entries() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = common::fixture_copy("small", tmp.path());
    // Thu Hà signs two articles; once spelled without marks (one page,
    // the newest spelling).
    common::set_line(&content, "tin/2.txt", 2, "Minh Huệ, Thu Ha");
    let site = tmp.path().join("dist");
    let app = fixture("app");
    let out = build(
        &content,
        &site,
        &["--app", &app.to_string_lossy()],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let json = fs::read_to_string(site.join("api/v1/authors/thu-ha.json")).expect("author JSON");
    let page: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        page["author"],
        serde_json::json!({ "slug": "thu-ha", "name": "Thu Hà" })
    );
    assert_eq!(page["total"], 2);
    let ids: Vec<u64> = page["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|i| i["id"].as_u64())
        .collect();
    assert_eq!(ids, [1, 2], "newest first");
    assert!(page.get("category").is_none());

    let html = fs::read_to_string(site.join("tac-gia/thu-ha/index.html")).expect("author page");
    assert!(
        html.contains("<title>Thu Hà – Đài Thử nghiệm</title>"),
        "{html}"
    );
    assert!(html.contains(r#"<link rel="canonical" href="https://thu.example.vn/tac-gia/thu-ha/""#));
    assert!(html.contains(r#"href="https://thu.example.vn/tac-gia/thu-ha/rss.xml""#));
    assert!(html.contains(r#"href="/a/2/tin-y-te/""#));
    let article =
        fs::read_to_string(site.join("a/3/tin-thu-ba-khong-co-anh/index.html")).expect("article");
    assert!(
        article.contains(r#"<a href="/tac-gia/anh-tuyet/">Ánh Tuyết</a>"#),
        "byline links"
    );

    let feed = xml_texts(&fs::read_to_string(site.join("tac-gia/thu-ha/rss.xml")).expect("feed"));
    assert!(
        feed.contains(&"https://thu.example.vn/a/2/tin-y-te/".to_owned()),
        "{feed:?}"
    );
    assert!(
        feed.contains(&"Thu Hà – Đài Thử nghiệm".to_owned()),
        "{feed:?}"
    );
    let sitemap = sitemap_texts(&site, "https://thu.example.vn");
    for slug in ["thu-ha", "van-nam", "minh-hue", "anh-tuyet", "xuan-thang"] {
        let url = format!("https://thu.example.vn/tac-gia/{slug}/");
        assert!(sitemap.contains(&url), "{url} in {sitemap:?}");
    }
    assert!(!site.join("tac-gia/thu-ha-2").exists());
}

#[test]
fn topics_get_pages_feeds_sitemap_entries_and_article_links() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = common::fixture_copy("small", tmp.path());
    // Article 2 on the topic of 1 and 3, spelled its own way (one page,
    // named as in the oldest article, 3).
    let two = content.join("tin/2.txt");
    let text = fs::read_to_string(&two).expect("2.txt");
    fs::write(&two, format!("{text}\n---\nChủ đề: Nông Thôn Mới\n")).expect("write");
    let site = tmp.path().join("dist");
    let app = fixture("app");
    let out = build(
        &content,
        &site,
        &["--app", &app.to_string_lossy()],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let json =
        fs::read_to_string(site.join("api/v1/topics/nong-thon-moi.json")).expect("topic JSON");
    let page: serde_json::Value = serde_json::from_str(&json).expect("JSON");
    assert_eq!(
        page["topic"],
        serde_json::json!({ "slug": "nong-thon-moi", "name": "nông thôn MỚI" })
    );
    assert_eq!(page["total"], 3);

    let html =
        fs::read_to_string(site.join("chu-de/nong-thon-moi/index.html")).expect("topic page");
    assert!(
        html.contains("<title>nông thôn MỚI – Đài Thử nghiệm</title>"),
        "{html}"
    );
    assert!(html
        .contains(r#"<link rel="canonical" href="https://thu.example.vn/chu-de/nong-thon-moi/""#));
    assert!(html.contains(r#"href="https://thu.example.vn/chu-de/nong-thon-moi/rss.xml""#));
    let article = fs::read_to_string(site.join("a/1/tin-script-alert-x-script-nong/index.html"))
        .expect("article");
    assert!(
        article.contains(r#"<a href="/chu-de/nong-thon-moi/">nông thôn MỚI</a>"#),
        "topic links on the article"
    );
    let sitemap = sitemap_texts(&site, "https://thu.example.vn");
    for url in [
        "https://thu.example.vn/chu-de/nong-thon-moi/",
        "https://thu.example.vn/chu-de/bau-cu-b-2026-b-x/",
    ] {
        assert!(sitemap.contains(&url.to_owned()), "{url} in {sitemap:?}");
    }
    // Related: article 3 shares the topic with 1 and 2.
    let three: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(site.join("api/v1/articles/3.json")).expect("3.json"),
    )
    .expect("JSON");
    let related: Vec<u64> = three["related"]
        .as_array()
        .expect("related")
        .iter()
        .filter_map(|r| r["id"].as_u64())
        .collect();
    assert_eq!(related, [1, 2]);
}

#[test]
fn a_hostile_topic_is_text_in_its_page_link_and_feed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = build_small_site(tmp.path());
    // A hostile topic is text in its page, its link and its feed.
    let hostile = "chu-de/bau-cu-b-2026-b-x/";
    let html = fs::read_to_string(site.join(hostile).join("index.html")).expect("topic page");
    assert!(!html.contains("<b>2026</b>"), "{html}");
    assert!(
        html.contains("Bầu cử &lt;b&gt;2026&lt;/b&gt; &amp;"),
        "{html}"
    );
    let raw = fs::read_to_string(site.join(hostile).join("rss.xml")).expect("feed");
    assert!(!raw.contains("<b>"), "{raw}");
    let feed = xml_texts(&raw);
    assert!(
        feed.contains(&"Bầu cử <b>2026</b> & \"x\" – Đài Thử nghiệm".to_owned()),
        "{feed:?}"
    );
    assert!(
        feed.contains(&"https://thu.example.vn/a/1/tin-script-alert-x-script-nong/".to_owned()),
        "{feed:?}"
    );
}

#[test]
fn topic_slugs_one_letter_apart_are_a_warning_on_their_line() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = common::fixture_copy("small", tmp.path());
    let two = content.join("tin/2.txt");
    let text = fs::read_to_string(&two).expect("2.txt");
    fs::write(&two, format!("{text}\n---\nChủ đề: Nông thôn mái\n")).expect("write");
    let out = bantin(
        &["check", "--content", &content.to_string_lossy()],
        tmp.path(),
    );
    assert!(out.status.success(), "a warning, not an error");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("tin/2.txt:13: warning: the topic /chu-de/nong-thon-mai/ is one letter from /chu-de/nong-thon-moi/"),
        "{err}"
    );
}

/// The `BUILD` line of a built site's service worker.
fn worker_build(site: &Path) -> String {
    let worker = fs::read_to_string(site.join("sw.js")).expect("sw.js");
    worker
        .lines()
        .find(|l| l.starts_with("const BUILD = "))
        .expect("a BUILD line")
        .to_owned()
}

#[test]
fn offline_reading_files_and_a_build_id_that_follows_the_shell() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = common::fixture_copy("small", tmp.path());
    let app = fixture("app").to_string_lossy().into_owned();
    let site = |name: &str| {
        let out = tmp.path().join(name);
        let run = build(&content, &out, &["--app", &app], tmp.path());
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        out
    };
    let first = site("one");
    let again = site("two");
    assert_eq!(
        worker_build(&first),
        worker_build(&again),
        "same input, same id"
    );
    // Articles alone leave sw.js as it was: returning readers do not
    // reinstall the worker for every publish.
    common::set_line(&content, "tin/2.txt", 1, "Tin y tế đã sửa");
    let changed = site("three");
    assert_eq!(
        fs::read(first.join("sw.js")).expect("sw.js"),
        fs::read(changed.join("sw.js")).expect("sw.js"),
        "an article changed sw.js"
    );
    // A change to the shell (the offline page shows the site's name) is a
    // new build.
    let toml = fs::read_to_string(content.join("site.toml")).expect("site.toml");
    let renamed = toml.replacen("name = \"", "name = \"Mới: ", 1);
    assert_ne!(renamed, toml);
    fs::write(content.join("site.toml"), renamed).expect("site.toml");
    let reshelled = site("four");
    assert_ne!(
        worker_build(&first),
        worker_build(&reshelled),
        "the shell changed"
    );
}

#[test]
fn offline_reading_files() {
    let tmp = tempfile::tempdir().expect("tmp");
    let first = build_small_site(tmp.path());
    let worker = fs::read_to_string(first.join("sw.js")).expect("sw.js");
    for kept in [
        "\"/main-0123456789abcdef.css\"",
        "\"/ngoai-tuyen/\"",
        "\"/offline.js\"",
    ] {
        assert!(worker.contains(kept), "{kept} in the shell");
    }
    assert!(
        !worker.contains("index.html"),
        "documents are not the shell"
    );
    let offline = fs::read_to_string(first.join("ngoai-tuyen/index.html")).expect("offline page");
    assert!(offline.contains("<title>Bạn đang ngoại tuyến – Đài Thử nghiệm</title>"));
    assert!(offline.contains(r#"<meta name="robots" content="noindex""#));
    assert!(offline.contains(r#"<script type="module" src="/offline.js"></script>"#));
    assert!(first.join("offline.js").is_file());
    let manifest: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(first.join("manifest.webmanifest")).expect("manifest"),
    )
    .expect("JSON");
    assert_eq!(manifest["lang"], "vi");
    assert_eq!(manifest["start_url"], "/");
    assert_eq!(manifest["icons"][1]["sizes"], "512x512");
}

#[test]
fn timings_name_every_stage_in_order() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out = build(
        &fixture("small"),
        &tmp.path().join("dist"),
        &["--timings"],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    // `             stage     0.12 s`, one line a stage.
    let stages: Vec<&str> = stderr
        .lines()
        .filter(|l| l.ends_with(" s"))
        .filter_map(|l| l.trim().rsplit_once("  ").map(|(stage, _)| stage.trim()))
        .collect();
    assert_eq!(
        stages,
        [
            "load and check",
            "search index",
            "search files",
            "JSON API",
            "feeds and sitemap",
            "photos and recordings linked",
            "commit"
        ],
        "{stderr}"
    );
}

/// A list bantin wrote beside the output `dist` in `parent`.
fn beside_list(parent: &Path, what: &str) -> Vec<String> {
    fs::read_to_string(parent.join(format!(".dist.{what}")))
        .expect("a list beside the output")
        .lines()
        .map(str::to_owned)
        .collect()
}

/// What docs/deploy.md says to do with the lists: copy, then delete.
fn deploy_changes(out: &Path, served: &Path, upload: &[String], delete: &[String]) {
    for path in upload {
        let to = served.join(path);
        fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        fs::copy(out.join(path), &to).expect("copy");
    }
    for path in delete {
        fs::remove_file(served.join(path)).expect("delete");
    }
}

/// The fixture's third article as a fourth, a newer one.
fn a_new_article(content: &Path) {
    let third = fs::read_to_string(content.join("tin/3.txt")).expect("3.txt");
    let fourth = third
        .replacen("Tin thứ ba không có ảnh", "Tin thứ tư", 1)
        .replace("2024-06-01T08:00:00+00:00", "2024-08-01T08:00:00+00:00")
        .replace("tin-thu-ba-3.html", "tin-thu-tu-4.html");
    fs::write(content.join("tin/4.txt"), fourth).expect("4.txt");
}

/// The fixture's third article with its lead edited.
fn an_edit(content: &Path) {
    let third = fs::read_to_string(content.join("tin/3.txt")).expect("3.txt");
    let edited = third.replace("Sapo ba.", "Sapo ba, sửa lại.");
    fs::write(content.join("tin/3.txt"), edited).expect("edit");
}

/// `bantin build --app (the fixture app) [extra…]`, which must succeed;
/// what it printed.
fn build_with_app(content: &Path, out: &Path, extra: &[&str], cwd: &Path) -> String {
    let app = fixture("app").to_string_lossy().into_owned();
    let mut args = vec!["--app", app.as_str()];
    args.extend_from_slice(extra);
    let result = build(content, out, &args, cwd);
    assert!(
        result.status.success(),
        "{}",
        String::from_utf8_lossy(&result.stderr)
    );
    String::from_utf8_lossy(&result.stdout).into_owned()
}

/// The deploy of docs/deploy.md: the change list since the deployed
/// manifest, applied to the served copy alone (copies and deletions),
/// gives the new build exactly, even after a build that was not deployed.
#[test]
fn the_change_list_since_the_deployed_build_is_exactly_what_changed() {
    let tmp = tempfile::tempdir().expect("tmp");
    let (content, out, served) = (
        tmp.path().join("content"),
        tmp.path().join("dist"),
        tmp.path().join("served"),
    );
    copy_reversed(&fixture("small"), &content);
    let run = |extra: &[&str]| build_with_app(&content, &out, extra, tmp.path());
    run(&[]);
    copy_reversed(&out, &served);
    let deployed = tmp.path().join("deployed.manifest");
    fs::copy(tmp.path().join(".dist.manifest"), &deployed).expect("the manifest beside the output");

    // A new article, and an edit, built twice: the first build was never deployed.
    a_new_article(&content);
    run(&[]);
    an_edit(&content);
    let said = run(&["--since", &deployed.to_string_lossy()]);
    assert!(said.contains("since the deployed build:"), "{said}");

    let (upload, delete) = (
        beside_list(tmp.path(), "upload"),
        beside_list(tmp.path(), "delete"),
    );
    assert!(upload.iter().any(|p| p.starts_with("a/4/")), "{upload:?}");
    assert!(
        upload.iter().any(|p| p == "api/v1/articles/3.json"),
        "{upload:?}"
    );
    let purge = beside_list(tmp.path(), "purge");
    for url in [
        "https://thu.example.vn/",
        "https://thu.example.vn/index.html",
    ] {
        assert!(purge.contains(&url.to_owned()), "{url} in {purge:?}");
    }
    deploy_changes(&out, &served, &upload, &delete);
    let (want, got) = (tree(&out), tree(&served));
    // The lists are beside the output, never in the folder deployed.
    assert!(!want
        .keys()
        .any(|k| k.ends_with(".manifest") || k.ends_with(".upload")));
    assert_eq!(
        want.keys().collect::<Vec<_>>(),
        got.keys().collect::<Vec<_>>()
    );
    assert!(want == got, "a served file differs from the build");
    // Less than the whole site: the rest was left alone.
    assert!(
        upload.len() < want.len(),
        "{} of {}",
        upload.len(),
        want.len()
    );
}

#[test]
fn a_bad_deployed_manifest_is_refused_before_the_build_changes_anything() {
    let tmp = tempfile::tempdir().expect("tmp");
    let site = build_small_site(tmp.path());
    let before = tree(&site);
    let bad = tmp.path().join("deployed.manifest");
    fs::write(
        &bad,
        "bantin-manifest v1\n0000000000000001 ../../etc/passwd\n",
    )
    .expect("write");
    let bad_arg = bad.to_string_lossy().into_owned();
    let out = build(
        &fixture("small"),
        &site,
        &[
            "--app",
            &fixture("app").to_string_lossy(),
            "--since",
            &bad_arg,
            "--base-url",
            "https://other.example.vn",
        ],
        tmp.path(),
    );
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("deployed.manifest:2:") && said.contains("not a path inside"),
        "{said}"
    );
    assert!(tree(&site) == before, "the output changed");
}
