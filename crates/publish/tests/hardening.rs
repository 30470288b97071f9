//! What nothing an editor's file, a flag or a second build may break
//! (docs/security.md): each test is named after what it protects.

mod common;

use std::fs;

use common::{bantin, build, fixture, fixture_copy, ok, set_line, stderr, synthetic_content, tree};

#[test]
fn invisible_characters_are_errors_at_their_column() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    set_line(&content, "tin/2.txt", 1, "Tin\u{b}y tế");
    set_line(&content, "tin/3.txt", 9, "Sapo\u{202e} ba.");
    let out = bantin(
        &["check", "--content", &content.to_string_lossy()],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    for want in [
        "tin/2.txt:1:4: invisible character U+000B — delete it",
        "tin/3.txt:9:5: invisible character U+202E — delete it",
    ] {
        assert!(text.contains(want), "{want} in:\n{text}");
    }
}

#[test]
fn huge_fields_and_files_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    set_line(&content, "tin/2.txt", 1, &"Tin dài ".repeat(500_000));
    set_line(&content, "tin/3.txt", 9, &"Sapo ".repeat(400));
    let out = bantin(
        &["check", "--content", &content.to_string_lossy()],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(text.contains("tin/2.txt: the file is 4500"), "{text}");
    assert!(text.contains("may be at most 1000000 bytes"), "{text}");
    assert!(
        text.contains("tin/3.txt:9: the lead is 1999 characters long; at most 1500"),
        "{text}"
    );
}

#[test]
fn feeds_and_sitemap_stay_valid_xml_whatever_the_text() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // Everything that is allowed and odd: markup, entities, a CDATA end,
    // zero-width and directional marks, a line separator, emoji, a tab.
    let odd = "Tin ]]> &amp; <![CDATA[ \u{200b}\u{200f}\u{2028} 😀\tcuối";
    set_line(&content, "tin/2.txt", 1, odd);
    set_line(&content, "tin/2.txt", 9, odd);
    let out_dir = tmp.path().join("dist");
    let out = build(&content, &out_dir, &[], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    for feed in ["rss.xml", "c/y-te/rss.xml", "sitemap.xml"] {
        let xml = fs::read_to_string(out_dir.join(feed)).expect("feed");
        let doc =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed} is not XML: {e}"));
        if feed.ends_with("rss.xml") {
            let titles: Vec<&str> = doc
                .descendants()
                .filter(|n| n.has_tag_name("title"))
                .filter_map(|n| n.text())
                .collect();
            let want = odd.replace('\t', " ");
            assert!(titles.contains(&want.as_str()), "{feed}: {titles:?}");
        }
    }
}

/// The HTML entities `markup::escape` writes, undone.
fn html_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn feed_descriptions_are_text_never_markup() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let lead =
        "Giá <5% & <img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">bấm</a> ]]> hết";
    set_line(&content, "tin/2.txt", 9, lead);
    // The site's own description, in the home feed's channel.
    let site = fs::read_to_string(content.join("site.toml")).expect("site");
    fs::write(
        content.join("site.toml"),
        format!("description = \"Tin <b>nhanh</b> & đúng\"\n{site}"),
    )
    .expect("site");
    let out_dir = tmp.path().join("dist");
    let out = build(&content, &out_dir, &[], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    for feed in ["rss.xml", "c/y-te/rss.xml"] {
        let xml = fs::read_to_string(out_dir.join(feed)).expect("feed");
        let doc = roxmltree::Document::parse(&xml).expect("XML");
        let descriptions: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("item"))
            .filter_map(|item| item.children().find(|n| n.has_tag_name("description")))
            .filter_map(|n| n.text())
            .collect();
        assert!(!descriptions.is_empty(), "{feed} has no descriptions");
        // Readers parse a description as HTML, where every element starts
        // with `<`: with none, an HTML parser finds text only.
        let every: Vec<&str> = doc
            .descendants()
            .filter(|n| n.has_tag_name("description"))
            .filter_map(|n| n.text())
            .collect();
        for html in &every {
            assert!(!html.contains('<'), "{feed}: markup in {html:?}");
        }
        if feed == "rss.xml" {
            assert!(
                every
                    .iter()
                    .any(|html| html_unescape(html) == "Tin <b>nhanh</b> & đúng"),
                "{every:?}"
            );
        }
        // …and that text is what the editor wrote, character for character.
        assert!(
            descriptions.iter().any(|html| html_unescape(html) == lead),
            "{feed}: {descriptions:?}"
        );
    }
}

#[test]
fn base_urls_that_are_not_addresses_are_refused() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("dist");
    for bad in [
        "javascript:alert(1)//",
        "https://x.vn/\"><b>",
        "duytien.example.vn",
        "https://x.vn\nDisallow: /",
    ] {
        let out = build(
            &fixture("small"),
            &out_dir,
            &["--base-url", bad],
            tmp.path(),
        );
        assert_eq!(out.status.code(), Some(1), "{bad:?}");
        assert!(stderr(&out).contains("--base-url"), "{}", stderr(&out));
        assert!(!out_dir.exists(), "{bad:?} wrote something");
    }
    // site.toml's own is held to the same rule.
    let content = fixture_copy("small", tmp.path());
    let site = fs::read_to_string(content.join("site.toml")).expect("site");
    let base = site
        .lines()
        .find(|l| l.starts_with("base_url"))
        .expect("base_url line")
        .to_owned();
    fs::write(
        content.join("site.toml"),
        site.replace(&base, "base_url = \"javascript:alert(1)//\""),
    )
    .expect("write");
    let out = bantin(
        &["check", "--content", &content.to_string_lossy()],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("base_url \"javascript:alert(1)//\" is not an absolute"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_written_url_is_http_or_site_relative() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("dist");
    let out = build(&fixture("small"), &out_dir, &[], tmp.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let mut checked = 0;
    for (file, bytes) in tree(&out_dir) {
        if !file.ends_with(".json") {
            continue;
        }
        let value: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        let mut stack = vec![(String::new(), &value)];
        while let Some((key, v)) = stack.pop() {
            match v {
                serde_json::Value::Object(map) => {
                    stack.extend(map.iter().map(|(k, v)| (k.clone(), v)));
                }
                serde_json::Value::Array(items) => {
                    stack.extend(items.iter().map(|v| (key.clone(), v)));
                }
                serde_json::Value::String(s)
                    if ["url", "src", "path", "logo", "base_url", "image"]
                        .contains(&key.as_str()) =>
                {
                    let fine = s.starts_with("https://")
                        || s.starts_with("http://")
                        || (s.starts_with('/') && !s.starts_with("//"));
                    assert!(fine, "{file}: {key} = {s:?}");
                    checked += 1;
                }
                _ => {}
            }
        }
    }
    assert!(checked > 30, "only {checked} URLs were found to check");
}

#[test]
fn nested_folders_are_refused_and_nothing_is_touched() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let before = tree(&content);
    let inside = content.join("dist");
    let out = build(&content, &inside, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is inside --content"),
        "{}",
        stderr(&out)
    );
    assert!(!inside.exists());
    let app = tmp.path().join("app");
    fs::create_dir_all(&app).expect("app");
    fs::write(app.join("index.html"), "<title>x</title>").expect("index");
    let out = build(
        &content,
        &app,
        &["--app", &app.to_string_lossy()],
        tmp.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("are the same folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        fs::read_dir(&app).expect("ls").count(),
        1,
        "the app build was touched"
    );
    let out = build(&content, &content, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(tree(&content) == before, "the content was changed");
}

#[test]
fn a_second_build_fails_at_once_while_one_writes() {
    let tmp = tempfile::tempdir().expect("tmp");
    let out_dir = tmp.path().join("dist");
    assert!(build(&fixture("small"), &out_dir, &[], tmp.path())
        .status
        .success());
    let site = tree(&out_dir);
    // A build in progress holds the lock beside the output.
    let lock = fs::OpenOptions::new()
        .write(true)
        .open(tmp.path().join(".dist.lock"))
        .expect("the lock file");
    lock.lock().expect("lock");
    fs::write(tmp.path().join(".dist.lock"), "4242").expect("pid");
    let started = std::time::Instant::now();
    let out = build(&fixture("small"), &out_dir, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("another bantin build is writing")
            && stderr(&out).contains("(pid 4242)"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed().as_secs() < 10, "it waited for the lock");
    assert!(tree(&out_dir) == site, "the site was touched");
    drop(lock);
    assert!(build(&fixture("small"), &out_dir, &[], tmp.path())
        .status
        .success());
}

#[test]
fn a_commit_cut_between_its_two_renames_is_repaired() {
    let tmp = tempfile::tempdir().expect("tmp");
    let old_content = tmp.path().join("old");
    synthetic_content(&old_content, 3, "Bản cũ");
    let out_dir = tmp.path().join("dist");
    assert!(build(&old_content, &out_dir, &[], tmp.path())
        .status
        .success());
    let site = tree(&out_dir);
    // Killed after moving the old site aside, before moving the new one in.
    let aside = tmp.path().join(".dist.old");
    fs::rename(&out_dir, &aside).expect("aside");
    fs::create_dir_all(tmp.path().join(".dist.staging/api")).expect("half-written");
    // The next build puts the previous site back first: even one that then
    // stops on a problem in its content leaves it in place…
    let broken = tmp.path().join("broken");
    synthetic_content(&broken, 1, "Tin");
    fs::write(broken.join("articles/1.txt"), "").expect("empty article");
    let out = build(&broken, &out_dir, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(tree(&out_dir) == site, "the previous site was not put back");
    // …and a good one replaces it, leaving only the spare behind.
    assert!(build(&old_content, &out_dir, &[], tmp.path())
        .status
        .success());
    assert!(tree(&out_dir) == site);
    let leftovers: Vec<String> = fs::read_dir(tmp.path())
        .expect("ls")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".dist.") && n != ".dist.lock")
        // The file index of each folder (`output/index.rs`) and the
        // output's manifest (`output/changes.rs`) are not leftovers.
        .filter(|n| !n.starts_with(".dist.files-") && n != ".dist.manifest")
        .collect();
    assert_eq!(leftovers, [".dist.staging"]);
}

#[test]
fn a_rebuild_rewrites_the_spare_in_place_and_never_writes_through_a_photo() {
    use std::os::unix::fs::MetadataExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let cache = tmp.path().join("cache");
    let cache_arg = cache.to_string_lossy().into_owned();
    let out_dir = tmp.path().join("dist");
    let run =
        |out: &std::path::Path| ok(&build(&content, out, &["--cache", &cache_arg], tmp.path()));
    run(&out_dir);
    run(&out_dir);
    let spare = tmp.path().join(".dist.staging");
    let inode = |path: &std::path::Path| fs::metadata(path).expect("stat").ino();
    let kept = inode(&spare.join("api/v1/articles/1.json"));
    let cached = tree(&cache);
    // Article 3 goes, article 1's title changes: the spare becomes the site.
    fs::remove_file(content.join("tin/3.txt")).expect("rm");
    set_line(&content, "tin/1.txt", 1, "Tiêu đề mới của bài một");
    run(&out_dir);
    let fresh = tmp.path().join("fresh");
    run(&fresh);
    assert!(
        tree(&out_dir) == tree(&fresh),
        "the rebuilt site is a fresh build's"
    );
    assert_eq!(
        inode(&out_dir.join("api/v1/articles/1.json")),
        kept,
        "rewritten in place, not a new file"
    );
    assert!(!out_dir.join("api/v1/articles/3.json").exists());
    assert!(
        tree(&cache) == cached,
        "a photo linked from the cache was written through"
    );
    let photo = common::walk(&out_dir.join("media"))
        .into_iter()
        .next()
        .expect("a photo");
    assert!(
        fs::metadata(photo).expect("stat").nlink() > 1,
        "linked, not copied"
    );
}

#[test]
fn a_new_or_edited_article_leaves_unrelated_documents_as_they_were() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let cache = tmp.path().join("cache").to_string_lossy().into_owned();
    let app = fixture("app").to_string_lossy().into_owned();
    let out_dir = tmp.path().join("dist");
    let run = || {
        ok(&build(
            &content,
            &out_dir,
            &["--app", &app, "--cache", &cache],
            tmp.path(),
        ));
        tree(&out_dir)
    };
    let before = run();
    // Article 2 is the only one in Y tế, by an author of its own.
    let article: serde_json::Value =
        serde_json::from_slice(&before["api/v1/articles/2.json"]).expect("JSON");
    let document = format!(
        "{}index.html",
        article["path"]
            .as_str()
            .expect("path")
            .trim_start_matches('/')
    );
    assert!(before.contains_key(&document), "{document}");
    // A new newest article in another category: the counts, the lead story
    // and the search index change; article 2's document does not.
    fs::write(
        content.join("tin/4.txt"),
        "Tin mới nhất\nThu Hà\n2024-08-01T08:00:00+07:00\n2024-08-01T08:00:00+07:00\n\
         http://duytien.hanamtv.vn/vi/news/chinh-tri/tin-moi-4.html\n\nĐài Thử nghiệm\n\n\
         Sapo bốn.\nThân bài bốn.\n",
    )
    .expect("article 4");
    let added = run();
    assert!(added.contains_key("api/v1/articles/4.json"));
    for changed in ["api/v1/site.json", "api/v1/search.json"] {
        assert_ne!(before[changed], added[changed], "{changed}");
    }
    assert!(
        before[&document] == added[&document],
        "article 2's document changed with an article in another category"
    );
    // An edited title elsewhere: the search index changes, not article 2.
    set_line(&content, "tin/1.txt", 1, "Tiêu đề đã sửa");
    let edited = run();
    assert_ne!(added["api/v1/search.json"], edited["api/v1/search.json"]);
    assert!(added[&document] == edited[&document]);
}

#[test]
fn a_file_edited_in_the_output_is_rewritten_when_that_folder_is_the_spare_again() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let cache = tmp.path().join("cache").to_string_lossy().into_owned();
    let out_dir = tmp.path().join("dist");
    let run = |out: &std::path::Path| ok(&build(&content, out, &["--cache", &cache], tmp.path()));
    run(&out_dir);
    run(&out_dir);
    // A deploy step edits a file of the output in place, same length; its
    // manifest still names the bytes bantin wrote.
    let edited = out_dir.join("api/v1/articles/2.json");
    let original = fs::read(&edited).expect("read");
    let mut changed = original.clone();
    changed[0] = b' ';
    assert_ne!(changed, original);
    std::thread::sleep(std::time::Duration::from_millis(20));
    fs::write(&edited, &changed).expect("edit");
    // Twice: the edited folder is the spare of the second build.
    run(&out_dir);
    run(&out_dir);
    let fresh = tmp.path().join("fresh");
    run(&fresh);
    assert!(
        tree(&out_dir) == tree(&fresh),
        "the edited file was trusted to the manifest"
    );
}

#[test]
fn a_symlinked_out_is_built_beside_its_real_folder_and_stays_a_link() {
    let tmp = tempfile::tempdir().expect("tmp");
    let www = tmp.path().join("www");
    fs::create_dir_all(www.join("site")).expect("web root");
    let dist = tmp.path().join("dist");
    std::os::unix::fs::symlink(www.join("site"), &dist).expect("link");
    for title in ["Tin một", "Tin hai"] {
        let content = fixture_copy("small", tmp.path());
        set_line(&content, "tin/1.txt", 1, title);
        ok(&build(&content, &dist, &[], tmp.path()));
        assert!(
            fs::symlink_metadata(&dist).expect("dist").is_symlink(),
            "the link became a folder"
        );
        let json = fs::read_to_string(www.join("site/api/v1/articles/1.json")).expect("json");
        assert!(json.contains(title), "{json}");
        // The build's own files are beside the real folder, not the link.
        assert!(www.join(".site.lock").is_file());
        assert!(!tmp.path().join(".dist.lock").exists());
        assert!(!tmp.path().join(".dist.staging").exists());
    }
    assert!(
        www.join(".site.staging/api/v1/site.json").is_file(),
        "the spare"
    );
    // A link to nothing, or to a file: a sentence, nothing written.
    let dangling = tmp.path().join("gone");
    std::os::unix::fs::symlink(tmp.path().join("nowhere"), &dangling).expect("link");
    let out = build(&fixture("small"), &dangling, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("is a symbolic link to nothing"),
        "{}",
        stderr(&out)
    );
    assert!(!tmp.path().join("nowhere").exists());
}

#[test]
fn links_at_the_staging_and_lock_names_are_never_followed() {
    let tmp = tempfile::tempdir().expect("tmp");
    // Someone else's folder and file, and links to them at bantin's names.
    let victim = tmp.path().join("victim");
    fs::create_dir(&victim).expect("victim");
    fs::write(victim.join("keep.txt"), "not bantin's").expect("keep");
    let precious = tmp.path().join("precious.txt");
    fs::write(&precious, "do not truncate").expect("precious");
    let dist = tmp.path().join("dist");
    std::os::unix::fs::symlink(&victim, tmp.path().join(".dist.staging")).expect("link");
    ok(&build(&fixture("small"), &dist, &[], tmp.path()));
    assert_eq!(
        tree(&victim).len(),
        1,
        "the build wrote into the link's folder"
    );
    assert_eq!(
        fs::read_to_string(victim.join("keep.txt")).expect("kept"),
        "not bantin's"
    );
    assert!(dist.join("api/v1/site.json").is_file());
    // The lock: a link to a file is refused, the file left whole.
    let lock = tmp.path().join(".dist.lock");
    fs::remove_file(&lock).expect("unlink");
    std::os::unix::fs::symlink(&precious, &lock).expect("link");
    let out = build(&fixture("small"), &dist, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("lock file"), "{}", stderr(&out));
    assert_eq!(
        fs::read_to_string(&precious).expect("precious"),
        "do not truncate"
    );
}

#[test]
fn a_drafts_folder_in_another_case_is_never_published() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // `Drafts/` is `drafts/` on a case-insensitive disk.
    fs::create_dir_all(content.join("Drafts")).expect("mkdir");
    fs::rename(content.join("tin/3.txt"), content.join("Drafts/3.txt")).expect("move");
    let dist = tmp.path().join("dist");
    ok(&build(&content, &dist, &[], tmp.path()));
    assert!(dist.join("api/v1/articles/1.json").is_file());
    assert!(
        !dist.join("api/v1/articles/3.json").exists(),
        "a draft was published"
    );
    // `draft/` is a near miss: refused, not published.
    fs::create_dir_all(content.join("draft")).expect("mkdir");
    fs::rename(content.join("Drafts/3.txt"), content.join("draft/3.txt")).expect("move");
    let out = build(&content, &dist, &[], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out)
            .contains("draft/3.txt: this file is in draft/, which is not the drafts folder"),
        "{}",
        stderr(&out)
    );
}
