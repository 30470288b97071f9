//! The editor's day from the command line: `bantin new`, drafts, scheduled
//! articles (`--now`), and that what is held back leaves no trace.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{bantin, build, fixture_copy, ok, set_line, stderr, tree};

/// `bantin check --content CONTENT`.
fn check(content: &Path) -> std::process::Output {
    bantin(
        &["check", "--content", &content.to_string_lossy()],
        Path::new("."),
    )
}

fn new_draft(content: &Path, category: &str, title: &str) -> std::process::Output {
    let content = content.to_string_lossy();
    bantin(
        &[
            "new",
            "--content",
            &content,
            "--category",
            category,
            "--by",
            "Thu Hà, Văn Nam",
            title,
        ],
        Path::new("."),
    )
}

/// Files of `site` holding any of `needles`, as `file: needle`.
fn traces(site: &Path, needles: &[&str]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, bytes) in tree(site) {
        let text = String::from_utf8_lossy(&bytes);
        for needle in needles {
            if text.contains(needle) || file.contains(needle) {
                found.push(format!("{file}: {needle}"));
            }
        }
    }
    found
}

#[test]
fn new_writes_a_draft_with_the_next_id_that_blocks_nothing_and_is_not_published() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let first = PathBuf::from(ok(&new_draft(&content, "y-te", "Tiêm chủng mùa đông")).trim());
    let second = PathBuf::from(ok(&new_draft(&content, "y-te", "Một bài nữa")).trim());
    // The fixture's ids are 1–3: drafts count too, so no two collide.
    assert_eq!(first, content.join("drafts/y-te/4.txt"));
    assert_eq!(second, content.join("drafts/y-te/5.txt"));
    let text = fs::read_to_string(&first).expect("draft");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "Tiêm chủng mùa đông");
    assert_eq!(lines[1], "Thu Hà, Văn Nam");
    assert!(lines[2].ends_with("+07:00"), "Vietnam time: {}", lines[2]);
    assert_eq!(lines[2], lines[3]);
    assert_eq!(
        lines[4],
        "https://thu.example.vn/vi/news/y-te/tiem-chung-mua-dong-4.html"
    );
    assert_eq!(lines[6], "Đài Thử nghiệm");

    let checked = check(&content);
    let text = stderr(&checked);
    ok(&checked);
    assert!(
        text.contains("drafts/y-te/4.txt:9: warning (draft, not published): the lead is still the placeholder `bantin new` wrote — write the summary paragraph (sapo) in its place"),
        "{text}"
    );
    // A draft without problems is named as held back.
    set_line(&content, "drafts/y-te/5.txt", 9, "Sapo của bài nữa.");
    set_line(&content, "drafts/y-te/5.txt", 10, "Thân bài của bài nữa.");
    let checked = check(&content);
    let text = stderr(&checked);
    ok(&checked);
    assert!(
        text.contains("5.txt: draft, not published — «Một bài nữa»"),
        "{text}"
    );
    assert!(!text.contains("5.txt:9:"), "{text}");

    let site = tmp.path().join("dist");
    ok(&build(&content, &site, &[], tmp.path()));
    assert_eq!(
        traces(
            &site,
            &["Tiêm chủng", "Một bài nữa", "/a/4/", "/a/5/", "tiem-chung"]
        ),
        Vec::<String>::new()
    );
}

#[test]
fn new_writes_the_topics_as_their_keyed_field_and_refuses_bad_ones() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let dir = content.to_string_lossy().into_owned();
    let new = |topics: &str| {
        bantin(
            &[
                "new",
                "--content",
                &dir,
                "--category",
                "y-te",
                "--topics",
                topics,
                "Tin có chủ đề",
            ],
            Path::new("."),
        )
    };
    let path = PathBuf::from(ok(&new(" Bóng đá ;Nông thôn mới ")).trim());
    let text = fs::read_to_string(&path).expect("draft");
    assert!(
        text.ends_with("\n\n---\nChủ đề: Bóng đá, Nông thôn mới\n"),
        "{text}"
    );
    // The draft's only problems are the placeholders: the topics read.
    set_line(&content, "drafts/y-te/4.txt", 9, "Sapo.");
    set_line(&content, "drafts/y-te/4.txt", 10, "Thân bài.");
    let checked = check(&content);
    ok(&checked);
    assert!(
        stderr(&checked).contains("4.txt: draft, not published"),
        "{}",
        stderr(&checked)
    );
    for (topics, want) in [
        ("Y tế,,Bóng đá", "--topics: topic 2 is empty"),
        ("a, b, c, d, e, f", "6 topics are given; at most 5"),
        ("2024", "/chu-de/2024/, which reads as a page number"),
    ] {
        let out = new(topics);
        assert_eq!(out.status.code(), Some(1), "{topics}");
        assert!(stderr(&out).contains(want), "{topics}: {}", stderr(&out));
    }
}

#[test]
fn new_refuses_an_unknown_category_or_an_empty_title() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let out = new_draft(&content, "kinh-te", "Tin");
    assert_eq!(out.status.code(), Some(1));
    let text = stderr(&out);
    assert!(
        text.contains(
            "unknown category \"kinh-te\"; the known categories are: chinh-tri, y-te, the-thao"
        ),
        "{text}"
    );
    let out = new_draft(&content, "y-te", "   ");
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("the title is empty"));
    assert!(!content.join("drafts").exists(), "nothing written");
}

#[test]
fn a_draft_moved_out_of_drafts_is_checked_then_published() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let draft = PathBuf::from(ok(&new_draft(&content, "y-te", "Tiêm chủng mùa đông")).trim());
    let published = content.join("tin/4.txt");
    fs::rename(&draft, &published).expect("move");
    // Out of drafts, the placeholders are errors.
    let checked = check(&content);
    assert_eq!(checked.status.code(), Some(1));
    let text = stderr(&checked);
    assert!(
        text.contains("tin/4.txt:9: the lead is still the placeholder"),
        "{text}"
    );
    assert!(
        text.contains("tin/4.txt:10: this paragraph is still the placeholder"),
        "{text}"
    );

    set_line(&content, "tin/4.txt", 9, "Sapo về tiêm chủng.");
    set_line(&content, "tin/4.txt", 10, "Thân bài về tiêm chủng.");
    ok(&check(&content));
    let site = tmp.path().join("dist");
    ok(&build(&content, &site, &[], tmp.path()));
    assert!(site.join("api/v1/articles/4.json").is_file());
}

#[test]
fn a_scheduled_article_is_held_back_until_its_time_and_builds_stay_deterministic() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // Article 2 (the only one in Y tế, by Minh Huệ) for 06:00 on 12/12/2030.
    set_line(&content, "tin/2.txt", 3, "2030-12-12T06:00:00+07:00");
    set_line(&content, "tin/2.txt", 4, "2030-12-12T06:00:00+07:00");
    let before = ["--now", "2030-12-12T05:59:59+07:00"];
    let early = tmp.path().join("early");
    let out = build(&content, &early, &before, tmp.path());
    ok(&out);
    let text = stderr(&out);
    assert!(
        text.contains(
            "tin/2.txt: scheduled: published at 12/12/2030 06:00 (Vietnam time) — «Tin y tế»"
        ),
        "{text}"
    );
    assert_eq!(
        traces(
            &early,
            &[
                "Tin y tế",
                "Sapo y tế",
                "/a/2/",
                "articles/2.json",
                "minh-hue",
                "tin-y-te"
            ]
        ),
        Vec::<String>::new()
    );
    let site: serde_json::Value =
        serde_json::from_slice(&fs::read(early.join("api/v1/site.json")).expect("site.json"))
            .expect("JSON");
    let y_te = site["categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["slug"] == "y-te")
        .expect("y-te");
    assert_eq!(y_te["count"], 0, "not counted");

    // The same input and --now: the same bytes.
    let again = tmp.path().join("again");
    ok(&build(&content, &again, &before, tmp.path()));
    assert!(tree(&early) == tree(&again), "deterministic with --now");

    // At its time, it is published.
    let on_time = tmp.path().join("on-time");
    ok(&build(
        &content,
        &on_time,
        &["--now", "2030-12-12T06:00:00+07:00"],
        tmp.path(),
    ));
    assert!(on_time.join("api/v1/articles/2.json").is_file());
    // Its author's list too (a data-only build: the JSON, no documents).
    assert!(on_time.join("api/v1/authors/minh-hue.json").is_file());
}
