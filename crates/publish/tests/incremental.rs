//! A build into the previous output — which keeps what the last builds
//! made from unchanged inputs (`render::recipe`) — against a build from
//! nothing, over random archives and random sequences of an editor's
//! changes: after every step the two folders hold the same files, byte
//! for byte (docs/architecture.md, "Incremental builds").
//!
//! `INCREMENTAL_CASES` sets the sequences tried (4 by default: each is up
//! to 16 builds of up to 1 200 articles, the documents included).

mod common;

use std::fs;
use std::path::Path;

use common::{build, fixture, tree};
use proptest::prelude::*;
use proptest::test_runner::Config;

fn cases() -> u32 {
    std::env::var("INCREMENTAL_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4)
}

const CATEGORIES: [&str; 2] = ["chinh-tri", "y-te"];

/// Hours after 2023-01-01 00:00 in Vietnam as RFC 3339 (months of 28 days).
fn at(hours: u32) -> String {
    let day = 1 + (hours / 24) % 28;
    let month = 1 + (hours / (24 * 28)) % 12;
    let year = 2023 + hours / (24 * 28 * 12);
    format!("{year}-{month:02}-{day:02}T{:02}:00:00+07:00", hours % 24)
}

/// The first hour after the archive: `--now` starts here, so an article
/// published later is scheduled.
const NOW: u32 = 24 * 28 * 12;

/// One article as the editor keeps it.
#[derive(Debug, Clone)]
struct Article {
    id: u32,
    hours: u32,
    category: usize,
    title: String,
}

impl Article {
    fn path(&self) -> String {
        format!("articles/{}/{}.txt", CATEGORIES[self.category], self.id)
    }

    fn text(&self) -> String {
        let (id, category) = (self.id, CATEGORIES[self.category]);
        let topics = ["Bóng đá", "Nông thôn mới", "Y tế"];
        format!(
            "{} {id}\nPhóng viên {}\n{at}\n{at}\nhttp://h.vn/vi/news/{category}/tin-{id}.html\n\nĐài\n\nSapo {id}.\nThân bài {id}.\n---\nChủ đề: {}\n",
            self.title,
            id % 5,
            topics[id as usize % 3],
            at = at(self.hours),
        )
    }
}

/// Gives `file` back its modification time `mtime` after an edit (what
/// `cp -p` and `rsync -t` do).
fn put_back(file: &Path, mtime: std::time::SystemTime) {
    fs::File::options()
        .write(true)
        .open(file)
        .expect("open")
        .set_modified(mtime)
        .expect("set mtime");
}

/// An editor's change between two builds.
#[derive(Debug, Clone)]
enum Step {
    /// A new article at this hour (after `NOW` it is scheduled).
    Add(u32),
    /// A new title for an article.
    Edit(prop::sample::Index),
    /// A title changed in one letter, the file's size and modification
    /// time put back as they were (`cp -p`, `rsync -t`).
    EditInPlace(prop::sample::Index),
    Delete(prop::sample::Index),
    /// An article moved to the other category's folder.
    Move(prop::sample::Index),
    /// `--now` later by this many hours: scheduled articles fall due, and
    /// time windows move.
    Later(u32),
    /// The site's name in `site.toml`.
    Rename,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0u32..NOW + 24 * 20).prop_map(Step::Add),
        any::<prop::sample::Index>().prop_map(Step::Edit),
        any::<prop::sample::Index>().prop_map(Step::EditInPlace),
        any::<prop::sample::Index>().prop_map(Step::Delete),
        any::<prop::sample::Index>().prop_map(Step::Move),
        (1u32..24 * 10).prop_map(Step::Later),
        Just(Step::Rename),
    ]
}

struct Newsroom {
    content: std::path::PathBuf,
    articles: Vec<Article>,
    next_id: u32,
    now: u32,
    name: String,
}

impl Newsroom {
    /// A newsroom in `content` with an article at each of `hours`.
    fn new(content: std::path::PathBuf, hours: impl IntoIterator<Item = u32>) -> Newsroom {
        let mut newsroom = Newsroom {
            content,
            articles: Vec::new(),
            next_id: 1,
            now: NOW,
            name: "Đài".into(),
        };
        for slug in CATEGORIES {
            fs::create_dir_all(newsroom.content.join("articles").join(slug)).expect("mkdir");
        }
        newsroom.write_site();
        for hours in hours {
            newsroom.apply(&Step::Add(hours));
        }
        newsroom
    }

    fn write_site(&self) {
        let mut toml = format!("name = \"{}\"\nbase_url = \"https://x.vn\"\n", self.name);
        for slug in CATEGORIES {
            toml.push_str(&format!(
                "[[categories]]\nslug = \"{slug}\"\nname = \"{slug}\"\n"
            ));
        }
        fs::write(self.content.join("site.toml"), toml).expect("site.toml");
    }

    fn write(&self, article: &Article) {
        fs::write(self.content.join(article.path()), article.text()).expect("article");
    }

    fn apply(&mut self, step: &Step) {
        let live = self.articles.len();
        match step {
            Step::Add(hours) => {
                let article = Article {
                    id: self.next_id,
                    hours: *hours,
                    category: self.next_id as usize % 2,
                    title: "Tin mới".into(),
                };
                self.next_id += 1;
                self.write(&article);
                self.articles.push(article);
            }
            _ if live == 0 => {}
            Step::Edit(pick) => {
                let article = &mut self.articles[pick.index(live)];
                article.title = format!("Tin sửa lúc {}", self.now);
                let article = article.clone();
                self.write(&article);
            }
            Step::EditInPlace(pick) => {
                let article = &mut self.articles[pick.index(live)];
                let file = self.content.join(article.path());
                let before = fs::metadata(&file).expect("meta");
                let mtime = before.modified().expect("mtime");
                // Same length in bytes: "Tin" and "Tim" alternate.
                article.title = if article.title.starts_with("Tim") {
                    article.title.replacen("Tim", "Tin", 1)
                } else {
                    article.title.replacen("Tin", "Tim", 1)
                };
                let article = article.clone();
                self.write(&article);
                put_back(&file, mtime);
                assert_eq!(fs::metadata(&file).expect("meta").len(), before.len());
            }
            Step::Delete(pick) => {
                let article = self.articles.remove(pick.index(live));
                fs::remove_file(self.content.join(article.path())).expect("delete");
            }
            Step::Move(pick) => {
                let article = &mut self.articles[pick.index(live)];
                let from = self.content.join(article.path());
                article.category = 1 - article.category;
                fs::rename(from, self.content.join(article.path())).expect("move");
            }
            Step::Later(hours) => self.now += hours,
            Step::Rename => {
                self.name = format!("{} mới", self.name);
                self.write_site();
            }
        }
    }

    fn build(&self, out: &Path, cwd: &Path) {
        let app = fixture("app");
        let now = at(self.now);
        let run = build(
            &self.content,
            out,
            &["--app", &app.to_string_lossy(), "--now", &now],
            cwd,
        );
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

proptest! {
    #![proptest_config(Config { cases: cases(), failure_persistence: None, ..Config::default() })]

    #[test]
    fn a_build_into_the_last_output_is_a_build_from_nothing(
        hours in prop::collection::vec(0u32..NOW + 24 * 10, 200..1_200),
        steps in prop::collection::vec(step(), 4..8),
    ) {
        let tmp = tempfile::tempdir().expect("tmp");
        let mut newsroom = Newsroom::new(tmp.path().join("content"), hours);
        let out = tmp.path().join("dist");
        newsroom.build(&out, tmp.path());
        for (n, step) in steps.iter().enumerate() {
            newsroom.apply(step);
            newsroom.build(&out, tmp.path());
            let fresh = tmp.path().join(format!("fresh-{n}"));
            newsroom.build(&fresh, tmp.path());
            let (kept, made) = (tree(&out), tree(&fresh));
            let differ: Vec<&String> = kept
                .keys()
                .chain(made.keys())
                .filter(|path| kept.get(*path) != made.get(*path))
                .take(5)
                .collect();
            prop_assert!(differ.is_empty(), "after {step:?} (step {n}): {differ:?} differ");
            fs::remove_dir_all(&fresh).expect("rm fresh");
        }
    }
}

/// The file indexes beside the output (what the last builds made, with
/// their recipes) are untrusted: scrambled entries and a document of the
/// spare edited behind bantin's back (same size, same modification time)
/// still give the build from nothing.
#[test]
fn a_scrambled_index_or_an_edited_spare_is_rebuilt() {
    let tmp = tempfile::tempdir().expect("tmp");
    let mut newsroom = Newsroom::new(tmp.path().join("content"), (0..40).map(|n| n * 97));
    let out = tmp.path().join("dist");
    // Two builds: the output and its spare each have an index.
    newsroom.build(&out, tmp.path());
    newsroom.build(&out, tmp.path());
    let spare = tmp.path().join(".dist.staging");
    let document = spare.join("a/3/tin-moi-3/index.html");
    let before = fs::metadata(&document).expect("a document in the spare");
    let html = fs::read_to_string(&document).expect("read");
    fs::write(&document, html.replacen("Tin mới", "Tin giả", 1)).expect("edit");
    put_back(&document, before.modified().expect("mtime"));
    for entry in fs::read_dir(tmp.path()).expect("ls").flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with(".dist.files-") {
            let mut bytes = fs::read(entry.path()).expect("index");
            for (i, byte) in bytes.iter_mut().enumerate().skip(16 + 24) {
                *byte ^= (i % 251) as u8;
            }
            fs::write(entry.path(), bytes).expect("scramble");
        }
    }
    newsroom.articles[0].title = "Tin sửa".into();
    newsroom.write(&newsroom.articles[0]);
    newsroom.build(&out, tmp.path());
    let fresh = tmp.path().join("fresh");
    newsroom.build(&fresh, tmp.path());
    assert!(
        tree(&out) == tree(&fresh),
        "the build differs from a fresh one"
    );
    // And the edited document was made again, not kept.
    let kept = fs::read_to_string(out.join("a/3/tin-moi-3/index.html")).expect("read");
    assert!(
        !kept.contains("Tin giả"),
        "the edit behind bantin's back was kept"
    );
}
