//! What the integration tests share: the fixtures and running `bantin`.
#![allow(dead_code)] // each test file uses its own part

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The photo cache the tests use, so that none is written beside the
/// fixtures (a test that is about the cache passes its own `--cache`).
pub fn test_cache() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("bantin-cache")
}

pub fn bantin(args: &[&str], cwd: &Path) -> Output {
    let cache = test_cache();
    let mut args = args.to_vec();
    let cache_arg = cache.to_string_lossy().into_owned();
    if matches!(args.first(), Some(&"check" | &"build")) && !args.contains(&"--cache") {
        args.extend(["--cache", &cache_arg]);
    }
    Command::new(env!("CARGO_BIN_EXE_bantin"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run bantin")
}

/// `bantin build --content CONTENT --out OUT [extra…]`, run from `cwd`.
pub fn build(content: &Path, out: &Path, extra: &[&str], cwd: &Path) -> Output {
    let (content, out) = (content.to_string_lossy(), out.to_string_lossy());
    let mut args = vec!["build", "--content", &content, "--out", &out];
    args.extend_from_slice(extra);
    bantin(&args, cwd)
}

/// Every file of a tree: relative path → bytes.
pub fn tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walk(root) {
        let rel = entry
            .strip_prefix(root)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        files.insert(rel, fs::read(&entry).expect("read"));
    }
    files
}

pub fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

/// Writes `count` valid articles into `dir`, with `title` in each title.
pub fn synthetic_content(dir: &Path, count: u32, title: &str) {
    fs::create_dir_all(dir.join("articles")).expect("mkdir");
    fs::write(dir.join("site.toml"), "name = \"Đài\"\nbase_url = \"https://x.vn\"\n[[categories]]\nslug = \"chinh-tri\"\nname = \"Chính trị\"\n").expect("site");
    let body = "Một đoạn thân bài đủ dài để tệp có kích thước như bài thật. ".repeat(20);
    for id in 1..=count {
        let text = format!(
            "{title} số {id}\nPhóng viên\n2024-07-05T14:40:29+07:00\n2024-07-05T14:40:29+07:00\nhttp://h.vn/vi/news/chinh-tri/tin-{id}.html\n\nĐài\n\nSapo {id}.\n{body}\n{body}\n"
        );
        fs::write(dir.join("articles").join(format!("{id}.txt")), text).expect("article");
    }
}
