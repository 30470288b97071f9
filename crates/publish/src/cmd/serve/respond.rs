//! What the preview answers for a path: a file of the built site with the
//! production headers (but nothing kept in a cache, so an edit shows at
//! once), HTML documents with the preview's script added.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::markup::escape;
use crate::render::headers;

/// The preview's own script (reload, problems, banners), a file, so the
/// site's CSP (`script-src 'self'`) allows it.
pub const LIVE_SCRIPT: &str = "/_bantin/live.js";

/// One answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Vec<u8>) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body,
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// The file `url` (path and query, as requested) names under `site`, the
/// way a static host answers: `/x/` is `x/index.html`, `/x` a redirect to
/// `/x/` when that is a folder, anything else `404.html` with status 404.
/// `build` is written into the live script's tag, so a page knows which
/// build it shows.
pub fn file(site: &Path, url: &str, build: u64) -> Reply {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let Some(relative) = decode(path) else {
        return Reply::new(400, "text/plain; charset=utf-8", b"bad path".to_vec());
    };
    // Never a worker in the preview; a worker an earlier visit left sees
    // the 404 and unregisters itself (the kill switch, docs/offline.md).
    if path == "/sw.js" {
        return Reply::new(
            404,
            "text/plain; charset=utf-8",
            b"no service worker in the preview".to_vec(),
        );
    }
    let on_disk = site.join(&relative);
    let found = if path.ends_with('/') {
        Some(on_disk.join("index.html"))
    } else if on_disk.is_dir() {
        let query = url.strip_prefix(path).unwrap_or("");
        let mut reply = Reply::new(301, "text/plain; charset=utf-8", Vec::new());
        reply
            .headers
            .push(("Location", format!("{}{query}", folder_location(path))));
        return reply;
    } else {
        Some(on_disk)
    };
    match found.and_then(|f| fs::read(&f).ok().map(|bytes| (f, bytes))) {
        Some((file, bytes)) => served(200, path, &file, bytes, build),
        None => {
            let page = site.join("404.html");
            match fs::read(&page) {
                Ok(bytes) => served(404, "/404.html", &page, bytes, build),
                Err(_) => Reply::new(404, "text/plain; charset=utf-8", b"not found".to_vec()),
            }
        }
    }
}

/// Where a folder's path without its `/` redirects: the same path,
/// normalised (no empty or `.` parts), ending in `/`. Built from the parts,
/// never from the request as written: `//api` would otherwise answer
/// `Location: //api/`, which a browser reads as the host `api`.
fn folder_location(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if parts.is_empty() {
        "/".to_owned()
    } else {
        format!("/{}/", parts.join("/"))
    }
}

/// A file's reply: its type, the site's headers for `path`, and in HTML
/// the live script.
fn served(status: u16, path: &str, file: &Path, bytes: Vec<u8>, build: u64) -> Reply {
    let kind = content_type(file);
    let html = kind.starts_with("text/html");
    let mut reply = Reply::new(
        status,
        kind,
        if html {
            with_live_script(&bytes, build)
        } else {
            bytes
        },
    );
    // Hashed names never change; everything else may at the next save.
    let mut cache = "no-store";
    for (name, value) in headers::for_path(path) {
        match name {
            "Cache-Control" if value == headers::IMMUTABLE => cache = value,
            "Cache-Control" => {}
            // The preview holds drafts and embargoed articles: no other
            // site may read it (production's `*` lets partners read the
            // published data), and it is plain http on loopback.
            "Access-Control-Allow-Origin" | "Strict-Transport-Security" => {}
            _ => reply.headers.push((name, value.to_owned())),
        }
    }
    reply.headers.push(("Cache-Control", cache.to_owned()));
    if html && reply.header("Content-Security-Policy").is_none() {
        reply
            .headers
            .push(("Content-Security-Policy", headers::CSP_SITE.to_owned()));
    }
    reply
}

/// The document with `<script src=/_bantin/live.js>` before `</head>`.
fn with_live_script(html: &[u8], build: u64) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_SCRIPT}\" data-build=\"{build}\" defer></script>");
    let text = String::from_utf8_lossy(html);
    match text.find("</head>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{tag}{text}").into_bytes(),
    }
}

/// A page of the preview's own (no site yet, or no app): a title and
/// paragraphs, as text.
pub fn page(title: &str, paragraphs: &[String], build: u64) -> Reply {
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<p>{}</p>", escape(p)))
        .collect();
    let html = format!(
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{0}</title></head><body style=\"font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem\"><h1>{0}</h1>{body}</body></html>",
        escape(title)
    );
    let mut reply = Reply::new(
        200,
        "text/html; charset=utf-8",
        with_live_script(html.as_bytes(), build),
    );
    reply
        .headers
        .push(("Content-Security-Policy", headers::CSP_SITE.to_owned()));
    reply.headers.push(("Cache-Control", "no-store".to_owned()));
    reply
}

/// JSON, never cached.
pub fn json(value: &serde_json::Value) -> Reply {
    let mut reply = Reply::new(200, "application/json", value.to_string().into_bytes());
    reply.headers.push(("Cache-Control", "no-store".to_owned()));
    reply
}

/// The live script itself.
pub fn live_script() -> Reply {
    let mut reply = Reply::new(
        200,
        "text/javascript; charset=utf-8",
        include_bytes!("../../js/live.js").to_vec(),
    );
    reply.headers.push(("Cache-Control", "no-store".to_owned()));
    reply
}

/// `/a/%C4%91/` → `a/đ/`; `None` for anything that would leave the site
/// (`..`, an absolute part) or is not UTF-8.
fn decode(path: &str) -> Option<PathBuf> {
    let mut bytes = Vec::with_capacity(path.len());
    let mut rest = path.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'%' && tail.len() >= 2 {
            let hex = std::str::from_utf8(&tail[..2]).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(b);
            rest = tail;
        }
    }
    let text = String::from_utf8(bytes).ok()?;
    // Browsers read `\` as `/` in addresses: no path of ours holds one.
    if text.contains('\\') {
        return None;
    }
    let relative = PathBuf::from(text.trim_start_matches('/'));
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(relative)
}

fn content_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        _ => "text/plain; charset=utf-8",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("tmp");
        let put = |path: &str, text: &str| {
            let file = dir.path().join(path);
            fs::create_dir_all(file.parent().expect("parent")).expect("mkdir");
            fs::write(file, text).expect("write");
        };
        put(
            "index.html",
            "<html><head><title>Trang chủ</title></head><body></body></html>",
        );
        put(
            "a/1/tin/index.html",
            "<html><head></head><body>Tin</body></html>",
        );
        put(
            "404.html",
            "<html><head></head><body>Không tìm thấy</body></html>",
        );
        put("api/v1/site.json", "{}");
        put("media/anh-640.webp", "webp");
        put("sw.js", "self.x = 1;");
        dir
    }

    #[test]
    fn paths_are_answered_like_a_static_host() {
        let dir = site();
        // (url, status, content type starts, Location)
        let cases = [
            ("/", 200, "text/html", None),
            ("/a/1/tin/", 200, "text/html", None),
            ("/a/1/tin", 301, "text/plain", Some("/a/1/tin/")),
            ("/a/1/tin?x=1", 301, "text/plain", Some("/a/1/tin/?x=1")),
            ("/tim-kiem/?q=th%E1%BB%9Di", 404, "text/html", None),
            ("/api/v1/site.json?v=2", 200, "application/json", None),
            ("/media/anh-640.webp", 200, "image/webp", None),
            ("/sw.js", 404, "text/plain", None),
            ("/../etc/passwd", 400, "text/plain", None),
            ("/a/%2e%2e/%2e%2e/x", 400, "text/plain", None),
            // Never a redirect to another host.
            ("//api", 301, "text/plain", Some("/api/")),
            ("///api?x=1", 301, "text/plain", Some("/api/?x=1")),
            ("/./api", 400, "text/plain", None),
            ("/a//1/./tin", 301, "text/plain", Some("/a/1/tin/")),
            ("/\\api", 400, "text/plain", None),
            ("/%5Capi", 400, "text/plain", None),
            ("/khong-co", 404, "text/html", None),
        ];
        for (url, status, kind, location) in cases {
            let reply = file(dir.path(), url, 3);
            assert_eq!(reply.status, status, "{url}");
            assert!(
                reply
                    .header("Content-Type")
                    .is_some_and(|t| t.starts_with(kind)),
                "{url}: {:?}",
                reply.header("Content-Type")
            );
            assert_eq!(reply.header("Location"), location, "{url}");
        }
    }

    #[test]
    fn documents_carry_the_live_script_and_the_site_headers_but_no_cache() {
        let dir = site();
        let page = file(dir.path(), "/a/1/tin/", 7);
        let text = String::from_utf8(page.body).expect("utf-8");
        assert!(text
            .contains("<script src=\"/_bantin/live.js\" data-build=\"7\" defer></script></head>"));
        assert_eq!(
            page.headers
                .iter()
                .filter(|(n, _)| *n == "Cache-Control")
                .count(),
            1
        );
        assert!(page
            .headers
            .iter()
            .any(|(n, v)| *n == "Content-Security-Policy" && v == headers::CSP_SITE));
        let data = file(dir.path(), "/api/v1/site.json", 7);
        assert_eq!(data.header("Cache-Control"), Some("no-store"));
        assert_eq!(data.header("X-Content-Type-Options"), Some("nosniff"));
        // Drafts and embargoes: no other origin may read the preview.
        for path in ["/api/v1/site.json", "/embed/headlines/", "/embed.js", "/"] {
            let reply = file(dir.path(), path, 7);
            assert_eq!(reply.header("Access-Control-Allow-Origin"), None, "{path}");
            assert_eq!(reply.header("Strict-Transport-Security"), None, "{path}");
        }
        assert_eq!(data.body, b"{}", "data is never rewritten");
        let photo = file(dir.path(), "/media/anh-640.webp", 7);
        assert_eq!(photo.header("Cache-Control"), Some(headers::IMMUTABLE));
        let missing = String::from_utf8(file(dir.path(), "/khong-co/", 7).body).expect("utf-8");
        assert!(missing.contains("Không tìm thấy") && missing.contains(LIVE_SCRIPT));
    }

    #[test]
    fn own_pages_show_text_as_text() {
        let reply = page("Xem trước", &["<b>đậm</b> & x".to_owned()], 1);
        let text = String::from_utf8(reply.body).expect("utf-8");
        assert!(text.contains("<p>&lt;b&gt;đậm&lt;/b&gt; &amp; x</p>"));
        assert!(text.contains(LIVE_SCRIPT));
    }
}
