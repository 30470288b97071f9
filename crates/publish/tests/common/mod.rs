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

/// A copy of the fixture `name` in `dir/content`, to change.
pub fn fixture_copy(name: &str, dir: &Path) -> PathBuf {
    let from = fixture(name);
    let content = dir.join("content");
    for path in walk(&from) {
        let to = content.join(path.strip_prefix(&from).expect("inside"));
        fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        fs::copy(&path, &to).expect("copy");
    }
    content
}

/// Rewrites line `n` (1-based) of the file `file` under `content`.
pub fn set_line(content: &Path, file: &str, n: usize, value: &str) {
    let path = content.join(file);
    let text = fs::read_to_string(&path).expect("read");
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines[n - 1] = value.to_owned();
    fs::write(&path, lines.join("\n")).expect("write");
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A run that must succeed (its output shown if not); its stdout.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{}\n{}", stdout(out), stderr(out));
    stdout(out)
}
