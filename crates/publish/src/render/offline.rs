//! Reading offline (docs/offline.md): the service worker, the page it
//! shows for an address never kept, and the web app manifest. Written
//! with the app only, the worker last: its build id is a hash of the app
//! shell it keeps, so articles alone never change `sw.js`.

use anyhow::Result;
use bantin_model::{head, Site};
use bantin_views::Frame;
use leptos::prelude::*;
use serde_json::json;

use crate::js::{self, Value};
use crate::markup::valid_comments;
use crate::output::sink::Sink;
use crate::render::html::template::{compact_js, Document, Program, Template, OFFLINE_SCRIPT};
use crate::render::RenderContext;

pub const WORKER: &str = "sw.js";
pub const OFFLINE_PAGE: &str = "/ngoai-tuyen/";
pub const MANIFEST: &str = "manifest.webmanifest";
/// The home-screen icons the app build carries (`assets/icon-*.png`).
pub const ICONS: [(&str, u32); 2] = [("icon-192.png", 192), ("icon-512.png", 512)];
/// The theme colour: the site's accent (`style/main.css`).
pub const THEME: &str = "#a3201a";

/// Kept articles: the cache both scripts name, and which site paths are an
/// article's (its document or its JSON, the id in either group).
const ARTICLES_CACHE: &str = "bantin-articles";
const ARTICLE_PATH: &str = r"/^\/(?:a\/(\d+)\/[^/]+\/|api\/v1\/articles\/(\d+)\.json)$/";

/// The whole stage, after the documents: the offline page, its script, the
/// manifest, then the worker. `app_files` are the app build's files copied
/// in (site-relative); `build_id` hashes the files it is given (site-relative,
/// written before), asked for once the rest of this stage is written.
pub fn write(
    cx: &RenderContext,
    template: &Template,
    app_files: &[String],
    sink: &dyn Sink,
    build_id: impl FnOnce(&[String]) -> u64,
) -> Result<()> {
    write_pages(&cx.site, template, sink)?;
    let shell: Vec<String> = app_files
        .iter()
        .chain(template.start_script.iter().map(|(name, _)| name))
        .filter(|relative| is_shell(relative))
        .map(|relative| format!("/{relative}"))
        .chain([
            format!("/{OFFLINE_SCRIPT}"),
            format!("/{MANIFEST}"),
            OFFLINE_PAGE.to_owned(),
        ])
        .collect();
    // Last: the worker names its build by the shell it keeps.
    let files: Vec<String> = shell.iter().map(|path| file_of(path)).collect();
    sink.put(WORKER, worker(&shell, build_id(&files))?.as_bytes())
}

/// The file a site path is served from: `/a/` → `a/index.html`.
fn file_of(path: &str) -> String {
    let relative = path.trim_start_matches('/');
    if relative.is_empty() || relative.ends_with('/') {
        format!("{relative}index.html")
    } else {
        relative.to_owned()
    }
}

/// Our script with the names it shares with the worker, and `more`,
/// filled in.
fn script(code: &str, more: Vec<(&str, Value)>) -> Result<String> {
    let mut values = vec![
        ("ARTICLES_CACHE", Value::text(ARTICLES_CACHE)),
        ("ARTICLE_PATH", Value::Code(ARTICLE_PATH)),
    ];
    values.extend(more);
    js::fill(&compact_js(code), &values)
}

/// The offline page, its script and the manifest.
fn write_pages(site: &Site, template: &Template, sink: &dyn Sink) -> Result<()> {
    sink.put(
        OFFLINE_SCRIPT,
        script(include_str!("../js/offline.js"), Vec::new())?.as_bytes(),
    )?;
    let head = head::offline(site);
    let body = offline_body(site);
    let html = template.render(
        &Document {
            head: &head,
            extra_head: "",
            route: None,
            body: &body,
            program: Program::Offline,
        },
        &site.name,
    );
    sink.put(
        &format!("{}index.html", OFFLINE_PAGE.trim_start_matches('/')),
        html.as_bytes(),
    )?;
    sink.put(MANIFEST, manifest(site).as_bytes())
}

fn offline_body(site: &Site) -> String {
    let site = site.clone();
    let body = Owner::new().with(move || {
        view! {
            <Frame site=move || Some(site.clone())>
                <section class="offline">
                    <h1 class="page-title">{head::OFFLINE_TITLE}</h1>
                    <p>"Trang này chưa được lưu trên máy. Khi có mạng trở lại, hãy tải lại trang."</p>
                    <h2>"Bài đã lưu để đọc khi không có mạng"</h2>
                    <ul id="saved-articles" class="saved-list"></ul>
                    <p id="saved-none">"Chưa có bài nào được lưu: những bài bạn đã đọc sẽ được giữ lại ở đây."</p>
                </section>
            </Frame>
        }
        .to_html()
    });
    valid_comments(&body)
}

/// `manifest.webmanifest`: enough for "Thêm vào màn hình chính".
pub fn manifest(site: &Site) -> String {
    // A home screen shows about twelve characters: a long name keeps its
    // last two words (`Đài Truyền thanh Thị xã Duy Tiên` → `Duy Tiên`).
    let words: Vec<&str> = site.name.split_whitespace().collect();
    let short = if site.name.chars().count() > 12 && words.len() > 2 {
        words[words.len() - 2..].join(" ")
    } else {
        site.name.clone()
    };
    let icons: Vec<_> = ICONS
        .iter()
        .map(|(file, size)| {
            json!({ "src": format!("/{file}"), "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": "any maskable" })
        })
        .collect();
    let manifest = json!({
        "name": site.name,
        "short_name": short,
        "description": site.description,
        "lang": site.language,
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME,
        "background_color": "#fbfaf7",
        "icons": icons,
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// `sw.js`: `shell` are the site paths kept per build (the hashed app, its
/// style sheet, icons, the start script, the offline page); `build` names
/// this build.
pub fn worker(shell: &[String], build: u64) -> Result<String> {
    script(
        include_str!("../js/sw.js"),
        vec![
            ("BUILD", Value::text(&format!("{build:016x}"))),
            ("SHELL", Value::Json(json!(shell))),
            ("OFFLINE", Value::text(OFFLINE_PAGE)),
        ],
    )
}

/// Which of the app build's files (site-relative, `/`-separated) are the
/// app shell: the top-level assets, named after their content, and icons.
pub fn is_shell(relative: &str) -> bool {
    !relative.contains('/')
        && ["bantin-", "main-", "favicon-", "icon-", "start-"]
            .iter()
            .any(|p| relative.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shell_files() {
        let cases = [
            ("bantin-0123456789abcdef.js", true),
            ("bantin-0123456789abcdef_bg.wasm", true),
            ("main-0123.css", true),
            ("icon-192.png", true),
            ("start-00ff.js", true),
            ("index.html", false),
            ("embed.js", false),
            ("embed/bantin_widget.js", false),
            ("configurator/start.js", false),
        ];
        for (file, want) in cases {
            assert_eq!(is_shell(file), want, "{file}");
        }
    }

    #[test]
    fn the_worker_names_its_build_and_shell() {
        let js = worker(
            &["/main-1.css".to_owned(), "/ngoai-tuyen/".to_owned()],
            0xab,
        )
        .expect("filled");
        assert!(js.contains("const BUILD = \"00000000000000ab\";"), "{js}");
        assert!(js.contains(r#"const SHELL = ["/main-1.css","/ngoai-tuyen/"];"#));
        assert!(!js.contains("__"), "every placeholder filled");
        assert!(js.contains(r"const ARTICLE = /^\/(?:a\/(\d+)\/"), "{js}");
        let offline = script(include_str!("../js/offline.js"), Vec::new()).expect("filled");
        assert!(
            !offline.contains("__"),
            "every placeholder filled: {offline}"
        );
        assert!(offline.contains(r#"caches.open("bantin-articles")"#));
    }

    #[test]
    fn the_stage_writes_the_page_its_script_the_manifest_and_the_worker_last() {
        let fixture = crate::testing::Fixture::small();
        let cx = fixture.context();
        let html = include_str!("../../tests/fixtures/app/index.html");
        let template = Template::parse(html).expect("the fixture app");
        let sink = crate::output::sink::MemorySink::default();
        let app_files = [
            "main-0123456789abcdef.css".to_owned(),
            "nested/x.js".to_owned(),
        ];
        let mut written_before_the_worker = None;
        write(&cx, &template, &app_files, &sink, |_| {
            written_before_the_worker = Some(sink.files().len());
            0x7
        })
        .expect("offline stage");
        let files = sink.files();
        assert_eq!(
            files.keys().map(String::as_str).collect::<Vec<_>>(),
            [
                "manifest.webmanifest",
                "ngoai-tuyen/index.html",
                "offline.js",
                "sw.js"
            ]
        );
        assert_eq!(
            written_before_the_worker,
            Some(3),
            "the build id is taken before sw.js"
        );
        let worker = sink.text("sw.js").expect("sw.js");
        assert!(
            worker.contains("const BUILD = \"0000000000000007\";"),
            "{worker}"
        );
        // The shell: top-level hashed files, the start script, the offline trio.
        let start = &template.start_script.as_ref().expect("a start script").0;
        let shell = format!(
            r#"const SHELL = ["/main-0123456789abcdef.css","/{start}","/offline.js","/manifest.webmanifest","/ngoai-tuyen/"];"#
        );
        assert!(worker.contains(&shell), "{worker}");
        let page = sink
            .text("ngoai-tuyen/index.html")
            .expect("the offline page");
        assert!(
            page.contains("<script type=\"module\" src=\"/offline.js\"></script>"),
            "{page}"
        );
        assert!(
            page.contains(&cx.site.name),
            "the page frame names the site"
        );
        let manifest: serde_json::Value =
            serde_json::from_str(&sink.text("manifest.webmanifest").expect("manifest"))
                .expect("JSON");
        assert_eq!(manifest["lang"], "vi");
    }

    #[test]
    fn the_build_id_is_of_the_shells_files() {
        let fixture = crate::testing::Fixture::small();
        let html = include_str!("../../tests/fixtures/app/index.html");
        let template = Template::parse(html).expect("the fixture app");
        let sink = crate::output::sink::MemorySink::default();
        let app_files = ["main-0123456789abcdef.css".to_owned()];
        let mut hashed = Vec::new();
        write(&fixture.context(), &template, &app_files, &sink, |shell| {
            hashed = shell.to_vec();
            0x7
        })
        .expect("offline stage");
        // The offline page by its document, not its address.
        let start = &template.start_script.as_ref().expect("a start script").0;
        let want = [
            "main-0123456789abcdef.css",
            start.as_str(),
            "offline.js",
            "manifest.webmanifest",
            "ngoai-tuyen/index.html",
        ];
        assert_eq!(hashed, want);
    }
}
