//! `bantin serve`, run as an editor runs it: a real process on a free
//! port, files edited on disk, answers read over HTTP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{fixture, fixture_copy, set_line, test_cache};

/// The preview, stopped (SIGKILL) if a test fails before it stops it.
struct Preview {
    child: Child,
    port: u16,
    /// The preview's own `TMPDIR`, so that its folder can be found.
    tmp: tempfile::TempDir,
}

impl Preview {
    fn start(content: &Path, extra: &[&str]) -> Preview {
        let cache = test_cache();
        let tmp = tempfile::tempdir().expect("tmp");
        let mut child = Command::new(env!("CARGO_BIN_EXE_bantin"))
            .env("TMPDIR", tmp.path())
            .args(["serve", "--port", "0", "--content"])
            .arg(content)
            .arg("--cache")
            .arg(&cache)
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start bantin serve");
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("bantin serve printed its address")
                .expect("a line");
            if let Some(rest) = line.strip_prefix("bantin serve: http://127.0.0.1:") {
                break rest.trim_end_matches('/').parse().expect("a port");
            }
        };
        // Keep reading, so the preview never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Preview { child, port, tmp }
    }

    /// `(status, headers, body)` of a GET, as the browser sends it.
    fn get(&self, path: &str) -> (u16, String, String) {
        let host = format!("127.0.0.1:{}", self.port);
        self.get_from(path, &host, None)
    }

    /// A GET with this `Host` and maybe an `Origin`.
    fn get_from(&self, path: &str, host: &str, origin: Option<&str>) -> (u16, String, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        let origin = origin.map_or(String::new(), |o| format!("Origin: {o}\r\n"));
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\n{origin}Connection: close\r\n\r\n"
        )
        .expect("request");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("answer");
        let (head, body) = answer.split_once("\r\n\r\n").expect("a head");
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("a status");
        (status, head.to_owned(), body.to_owned())
    }

    /// Polls `path` (up to 30 s) until its body satisfies `ready`.
    fn wait_for(&self, path: &str, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let (_, _, body) = self.get(path);
            if ready(&body) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(30),
                "{path} never changed: {body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The preview's working folder: the one folder in its `TMPDIR`.
    fn folder(&self) -> std::path::PathBuf {
        let mut folders: Vec<_> = std::fs::read_dir(self.tmp.path())
            .expect("tmp")
            .flatten()
            .map(|e| e.path())
            .collect();
        assert_eq!(folders.len(), 1, "{folders:?}");
        folders.remove(0)
    }

    fn problems(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/_bantin/problems").2).expect("JSON")
    }
}

impl Drop for Preview {
    /// SIGTERM, so the preview removes its temporary folder (a killed one
    /// would leave it in the machine's temp dir); SIGKILL if it hangs.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        for _ in 0..50 {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn title_of(json: &str) -> String {
    let value: serde_json::Value = serde_json::from_str(json).expect("article JSON");
    value["title"].as_str().expect("a title").to_owned()
}

#[test]
fn an_edit_shows_a_broken_edit_keeps_the_last_good_site_and_sigterm_stops_it() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let preview = Preview::start(&content, &[]);
    let before = preview.wait_for("/api/v1/articles/1.json", |b| b.contains("\"title\""));
    // Otherwise the wait below would be met before any edit.
    assert_ne!(title_of(&before), "Tiêu đề vừa sửa");
    assert_eq!(preview.problems()["ok"], true);

    // An edit: the JSON follows.
    set_line(&content, "tin/1.txt", 1, "Tiêu đề vừa sửa");
    preview.wait_for("/api/v1/articles/1.json", |b| {
        title_of(b) == "Tiêu đề vừa sửa"
    });

    // A broken edit: its problem at /_bantin/problems, the last good site served.
    set_line(&content, "tin/1.txt", 3, "hôm qua");
    let started = Instant::now();
    let problems = loop {
        let problems = preview.problems();
        if problems["ok"] == false {
            break problems;
        }
        assert!(started.elapsed() < Duration::from_secs(30), "{problems}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let errors = problems["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let error = errors[0].as_str().expect("a line");
    assert!(error.contains("tin/1.txt:3:"), "{error}");
    let (status, _, body) = preview.get("/api/v1/articles/1.json");
    assert_eq!(status, 200);
    assert_eq!(title_of(&body), "Tiêu đề vừa sửa");

    // Without --app: the data, and a page saying how to add the app.
    let (status, head, home) = preview.get("/");
    assert_eq!(status, 200);
    assert!(head.contains("Cache-Control: no-store"), "{head}");
    assert!(home.contains("--app"), "{home}");

    // SIGTERM: a clean exit, its folder gone.
    let folder = preview.folder();
    assert!(folder.is_dir());
    let mut preview = preview;
    let killed = Command::new("kill")
        .args(["-TERM", &preview.child.id().to_string()])
        .status()
        .expect("kill");
    assert!(killed.success());
    let status = preview.child.wait().expect("wait");
    assert!(status.success(), "{status:?}");
    assert!(!folder.exists(), "the preview's folder was left behind");
}

#[test]
fn drafts_and_scheduled_articles_are_previewed_with_their_banner() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // Article 2 scheduled for 06:00 on 12/12/2030, Vietnam time.
    set_line(&content, "tin/2.txt", 3, "2030-12-12T06:00:00+07:00");
    set_line(&content, "tin/2.txt", 4, "2030-12-12T06:00:00+07:00");
    let draft = common::bantin(
        &[
            "new",
            "--content",
            &content.to_string_lossy(),
            "--category",
            "chinh-tri",
            "Bản nháp xem trước",
        ],
        tmp.path(),
    );
    assert!(draft.status.success(), "{}", common::stderr(&draft));
    let preview = Preview::start(&content, &["--app", &fixture("app").to_string_lossy()]);
    preview.wait_for("/_bantin/problems", |b| b.contains("\"ok\":true"));
    let problems = preview.problems();
    let mut banners: Vec<(String, String)> = problems["banners"]
        .as_array()
        .expect("banners")
        .iter()
        .map(|b| {
            (
                b["path"].as_str().expect("path").to_owned(),
                b["label"].as_str().expect("label").to_owned(),
            )
        })
        .collect();
    banners.sort();
    assert_eq!(banners.len(), 2, "{banners:?}");
    assert!(banners[0].0.starts_with("/a/2/"), "{banners:?}");
    assert_eq!(banners[0].1, "Hẹn giờ đăng 06:00 12/12/2030");
    assert!(banners[1].0.starts_with("/a/4/"), "{banners:?}");
    assert_eq!(banners[1].1, "Bản nháp");
    // Both are built, as pages with the preview's script and the site's CSP.
    for (path, _) in &banners {
        let (status, head, page) = preview.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("<script src=\"/_bantin/live.js\""), "{path}");
        assert!(
            head.contains("Content-Security-Policy: default-src 'self'"),
            "{head}"
        );
    }
    let (status, _, script) = preview.get("/_bantin/live.js");
    assert_eq!(status, 200);
    assert!(script.contains("EventSource"));
    // Never a service worker, even though the build wrote one.
    assert_eq!(preview.get("/sw.js").0, 404);
}

#[test]
fn a_first_build_that_fails_still_starts_and_says_why() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    set_line(&content, "tin/1.txt", 3, "hôm qua");
    let preview = Preview::start(&content, &[]);
    let problems = preview.problems();
    assert_eq!(problems["ok"], false);
    assert!(problems["errors"][0]
        .as_str()
        .is_some_and(|e| e.contains("tin/1.txt:3:")));
    let (status, _, page) = preview.get("/a/1/");
    assert_eq!(status, 200);
    assert!(page.contains("Chưa dựng được trang") && page.contains("/_bantin/live.js"));
    // Fixed: the site appears.
    set_line(&content, "tin/1.txt", 3, "2024-07-05T14:40:29+07:00");
    preview.wait_for("/api/v1/articles/1.json", |b| b.contains("\"title\""));
}

#[test]
fn another_origin_or_host_name_cannot_read_an_embargoed_story() {
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    // Article 2 is embargoed until 06:00 on 12/12/2030: the preview shows it.
    set_line(&content, "tin/2.txt", 3, "2030-12-12T06:00:00+07:00");
    set_line(&content, "tin/2.txt", 4, "2030-12-12T06:00:00+07:00");
    let preview = Preview::start(&content, &[]);
    preview.wait_for("/api/v1/articles/2.json", |b| b.contains("\"title\""));
    let own = format!("127.0.0.1:{}", preview.port);
    let (status, head, _) = preview.get("/api/v1/articles/2.json");
    assert_eq!(status, 200);
    assert!(!head.contains("Access-Control-Allow-Origin"), "{head}");
    // Its own pages (the browser sends Origin on some requests): answered.
    let own_origin = format!("http://localhost:{}", preview.port);
    let localhost = format!("localhost:{}", preview.port);
    let (status, _, _) = preview.get_from("/api/v1/articles/2.json", &localhost, Some(&own_origin));
    assert_eq!(status, 200);
    // A page of another site open in the editor's browser.
    for path in [
        "/api/v1/articles/2.json",
        "/embed.js",
        "/_bantin/problems",
        "/_bantin/events",
    ] {
        let (status, head, body) = preview.get_from(path, &own, Some("https://evil.example"));
        assert_eq!(status, 403, "{path}: {head}");
        assert!(!body.contains("title"), "{path}: {body}");
    }
    // DNS rebinding: the attacker's host name, resolved to 127.0.0.1.
    let rebound = format!("evil.example:{}", preview.port);
    for path in ["/api/v1/articles/2.json", "/_bantin/problems", "/"] {
        let (status, _, body) = preview.get_from(path, &rebound, None);
        assert_eq!(status, 403, "{path}");
        assert!(!body.contains("title"), "{path}: {body}");
    }
}

#[test]
fn the_preview_folder_is_private_and_new() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("tmp");
    let content = fixture_copy("small", tmp.path());
    let preview = Preview::start(&content, &[]);
    preview.wait_for("/_bantin/problems", |b| b.contains("\"ok\":true"));
    let folder = preview.folder();
    let mode = std::fs::metadata(&folder)
        .expect("folder")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o700, "{}: {mode:o}", folder.display());
    // Not the predictable name another user could have made first.
    let name = folder
        .file_name()
        .expect("name")
        .to_string_lossy()
        .into_owned();
    assert!(name.starts_with("bantin-serve-"), "{name}");
    assert_ne!(name, format!("bantin-serve-{}", preview.child.id()));
}
