//! `bantin serve`: the editor's preview. Builds the site (drafts and
//! scheduled articles included, marked by a banner) into a private
//! temporary folder, serves it on 127.0.0.1 to its own pages only (see
//! `guard`) with the production headers less CORS and HSTS, rebuilds
//! when a file under `content/` (or the app) changes, and reloads open
//! pages through server-sent events. A broken edit keeps the last good
//! site and shows its problems over it.

mod guard;
mod respond;
mod status;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use chrono::{DateTime, FixedOffset};
use notify::{EventKind, RecursiveMode, Watcher};

use crate::build::{build, clock, BuildOptions};
use crate::problem::Problems;
use crate::render::RenderOptions;
use respond::LIVE_SCRIPT;
use status::{lines, Banner, Shared};

pub struct ServeOptions {
    pub content: PathBuf,
    pub app: Option<PathBuf>,
    pub cache: Option<PathBuf>,
    /// 0: any free port (the address is printed).
    pub port: u16,
    /// A fixed clock for scheduled articles (default: the clock, read at
    /// every build).
    pub now: Option<DateTime<FixedOffset>>,
}

/// Runs until SIGTERM or SIGINT, then removes its folder and exits.
pub fn run(options: ServeOptions) -> Result<()> {
    let server = tiny_http::Server::http(("127.0.0.1", options.port)).map_err(|e| {
        anyhow::anyhow!(
            "cannot listen on 127.0.0.1:{}: {e} — choose another --port",
            options.port
        )
    })?;
    let port = server
        .server_addr()
        .to_ip()
        .map(|a| a.port())
        .context("the server has no TCP address")?;
    // Drafts and embargoed stories: a folder of its own, created fresh
    // (never one someone else made first) and readable by this user only.
    let work = tempfile::Builder::new()
        .prefix("bantin-serve-")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o700))
        .tempdir()
        .context("cannot create the preview's folder in the temporary directory")?
        .keep();
    stop_on_signal(work.clone())?;
    let site = work.join("site");
    let shared = Arc::new(Shared::default());
    let preview = Preview {
        options,
        site: site.clone(),
        base_url: format!("http://127.0.0.1:{port}"),
        shared: shared.clone(),
    };
    preview.rebuild();
    let content = preview.options.content.clone();
    let has_app = preview.options.app.is_some();
    // Watching before the address is out: a save right after is seen.
    let _watcher = preview.watch()?;
    println!("bantin serve: http://127.0.0.1:{port}/");
    println!(
        "watching {} — save a file and open pages reload; Ctrl+C stops",
        content.display()
    );
    if !has_app {
        println!("{}", NO_APP.join(" "));
    }

    for request in server.incoming_requests() {
        let (shared, site) = (shared.clone(), site.clone());
        std::thread::spawn(move || {
            if is_allowed(&request, port) {
                answer(request, &site, &shared, has_app);
            } else {
                let _ = request.respond(
                    tiny_http::Response::from_string(
                        "forbidden: the preview answers only its own address",
                    )
                    .with_status_code(403),
                );
            }
        });
    }
    Ok(())
}

const NO_APP: [&str; 2] = [
    "Only the data is served (api/v1/…, feeds): there is no --app.",
    "To preview the pages, build the app once (trunk build --release --dist target/app) and run bantin serve --app target/app.",
];

struct Preview {
    options: ServeOptions,
    site: PathBuf,
    base_url: String,
    shared: Arc<Shared>,
}

impl Preview {
    fn rebuild(&self) {
        let started = Instant::now();
        let options = BuildOptions {
            content: self.options.content.clone(),
            out: self.site.clone(),
            app: self.options.app.clone(),
            cache: self.options.cache.clone(),
            render: RenderOptions {
                base_url: Some(self.base_url.clone()),
            },
            now: self.options.now.unwrap_or_else(clock),
            preview: true,
            since: None,
        };
        let result = build(&options);
        let seconds = started.elapsed().as_secs_f64();
        self.shared.update(|status| match result {
            Ok(report) => {
                status.ok = true;
                status.shown = status.build;
                status.errors.clear();
                status.warnings = lines(&report.notes);
                status.banners = report.held.iter().map(Banner::of).collect();
                println!(
                    "build {}: {} articles in {seconds:.2} s{}",
                    status.build,
                    report.articles,
                    if report.held.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " ({} not published: drafts, scheduled — shown with a banner)",
                            report.held.len()
                        )
                    }
                );
                for warning in &status.warnings {
                    eprintln!("{warning}");
                }
            }
            Err(err) => {
                status.ok = false;
                status.errors = match err.downcast_ref::<Problems>() {
                    Some(problems) => lines(&problems.0),
                    None => vec![format!("error: {err:#}")],
                };
                eprintln!(
                    "build {}: {} problem(s); the last good site is still served",
                    status.build,
                    status.errors.len()
                );
                for error in &status.errors {
                    eprintln!("{error}");
                }
            }
        });
    }

    /// Watches the content (and the app) and rebuilds after each burst of
    /// changes, on a thread of its own.
    fn watch(self) -> Result<notify::RecommendedWatcher> {
        let (changed, changes) = mpsc::channel();
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if let Ok(event) = event {
                    if is_edit(&event) {
                        let _ = changed.send(());
                    }
                }
            })
            .context("cannot watch the content folder")?;
        for folder in std::iter::once(&self.options.content).chain(&self.options.app) {
            watcher
                .watch(folder, RecursiveMode::Recursive)
                .with_context(|| format!("cannot watch {}", folder.display()))?;
        }
        std::thread::spawn(move || {
            while changes.recv().is_ok() {
                // An editor's save is often several events (write, rename,
                // attributes): build once they stop.
                let burst = Instant::now();
                loop {
                    match changes.recv_timeout(Duration::from_millis(40)) {
                        Ok(()) if burst.elapsed() < Duration::from_millis(400) => {}
                        Ok(()) | Err(RecvTimeoutError::Timeout) => break,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                self.rebuild();
            }
        });
        Ok(watcher)
    }
}

/// A change to a file an editor saved: not a read (the build's own reads
/// are events too), not an editor's hidden swap or backup file.
fn is_edit(event: &notify::Event) -> bool {
    let kind = matches!(
        event.kind,
        EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
    ) && !matches!(
        event.kind,
        EventKind::Modify(notify::event::ModifyKind::Metadata(_))
    );
    kind && event.paths.iter().any(|path| {
        path.file_name()
            .map(|n| n.to_string_lossy())
            .is_some_and(|name| !name.starts_with('.') && !name.ends_with('~'))
    })
}

/// The request's `Host` and `Origin`, judged by [`guard::allowed`].
fn is_allowed(request: &tiny_http::Request, port: u16) -> bool {
    fn header<'r>(request: &'r tiny_http::Request, name: &'static str) -> Option<&'r str> {
        request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str())
    }
    guard::allowed(header(request, "Host"), header(request, "Origin"), port)
}

fn answer(request: tiny_http::Request, site: &Path, shared: &Shared, has_app: bool) {
    let url = request.url().to_owned();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_owned();
    let shown = shared.shown();
    let reply = match path.as_str() {
        "/_bantin/events" => return events(request, shared),
        "/_bantin/problems" => respond::json(&shared.status().to_json()),
        LIVE_SCRIPT => respond::live_script(),
        _ if shown == 0 => respond::page(
            "Chưa dựng được trang",
            &["Sửa các lỗi hiện bên dưới; trang tự tải lại khi dựng xong.".to_owned()],
            shown,
        ),
        "/" if !has_app => respond::page("Xem trước dữ liệu", &NO_APP.map(str::to_owned), shown),
        _ => respond::file(site, &url, shown),
    };
    let mut response = tiny_http::Response::from_data(reply.body).with_status_code(reply.status);
    for (name, value) in reply.headers {
        if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            response.add_header(header);
        }
    }
    // A page that went away mid-answer is no one's problem.
    let _ = request.respond(response);
}

/// `/_bantin/events`: the current build at once, then each new one, as
/// server-sent events, until the page goes away.
fn events(request: tiny_http::Request, shared: &Shared) {
    let (page, builds) = mpsc::channel();
    let first = shared.status().event();
    shared.listen(page);
    let mut writer = request.into_writer();
    let mut send = |text: &str| -> std::io::Result<()> {
        writer.write_all(text.as_bytes())?;
        writer.flush()
    };
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    if send(head).and_then(|()| send(&first)).is_err() {
        return;
    }
    loop {
        let sent = match builds.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => send(&event),
            // A comment now and then finds a page that went away.
            Err(RecvTimeoutError::Timeout) => send(": still here\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

/// SIGTERM or SIGINT: the temporary folder goes, the process exits 0.
fn stop_on_signal(work: PathBuf) -> Result<()> {
    let mut signals = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
    ])
    .context("cannot handle signals")?;
    std::thread::spawn(move || {
        if signals.forever().next().is_some() {
            let _ = std::fs::remove_dir_all(&work);
            println!("bantin serve: stopped");
            std::process::exit(0);
        }
    });
    Ok(())
}
