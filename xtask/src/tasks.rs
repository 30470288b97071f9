use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command};

use anyhow::{bail, Context, Result};

use crate::setup::{self, Needs};
use crate::util::{bantin_build, cmd, copy_dir, root, run, APP_DIR};

pub fn serve(args: &[String]) -> Result<()> {
    let port = flag(args, "--port").unwrap_or("8080").to_owned();
    setup::all(Needs::Serve)?;
    let out = root().join("dist");
    site(&out, Some(&format!("http://127.0.0.1:{port}")))?;
    let mut server = Nginx::start(&out, &port)?;
    eprintln!(
        "\nserving {} at http://127.0.0.1:{port}/ — Ctrl-C to stop",
        out.display()
    );
    let status = server.child.wait()?;
    bail!("nginx stopped ({status})")
}

pub fn site_command(args: &[String]) -> Result<()> {
    setup::all(Needs::Serve)?;
    let out = flag(args, "--out").map_or_else(|| root().join("dist"), PathBuf::from);
    site(&out, flag(args, "--base-url"))
}

/// The deployable folder: the app's release build, then the site around it.
/// `base_url` overrides site.toml's, e.g. for serving locally.
pub fn site(out: &Path, base_url: Option<&str>) -> Result<()> {
    site_of(&root().join("content"), out, base_url)
}

/// [`site`] of another content folder.
pub fn site_of(content: &Path, out: &Path, base_url: Option<&str>) -> Result<()> {
    build_app()?;
    let out = out.to_string_lossy();
    let content = content.to_string_lossy();
    let mut build = bantin_build(Path::new(&*content), Path::new(&*out), false);
    build.args(["--app", APP_DIR]);
    if let Some(url) = base_url {
        build.args(["--base-url", url]);
    }
    run(build)
}

/// The app's release build, unless `target/app` has one already.
pub fn ensure_app() -> Result<()> {
    if root().join(APP_DIR).join("index.html").is_file() {
        return Ok(());
    }
    setup::all(Needs::Serve)?;
    build_app()
}

/// The reader app's release build in `target/app` (with the partner
/// bundles it carries).
pub fn build_app() -> Result<()> {
    crate::widget::build()?;
    run(cmd("trunk", &["build", "--release", "--offline"]))?;
    minify_app_glue()
}

/// Trunk leaves wasm-bindgen's JS glue as generated; minified by terser
/// it is smaller for every reader (docs/size-analysis.md). The documents drop
/// Trunk's `modulepreload` link, the only one carrying the file's
/// `integrity`, so the hash going stale there does not matter.
fn minify_app_glue() -> Result<()> {
    let app = root().join(APP_DIR);
    for entry in fs::read_dir(&app).with_context(|| format!("cannot read {}", app.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        if name.starts_with("bantin-") && name.ends_with(".js") {
            let file = path.to_string_lossy();
            run(cmd(
                "node_modules/.bin/terser",
                &[
                    &file,
                    "--module",
                    "--compress",
                    "--mangle",
                    "--output",
                    &file,
                ],
            ))?;
        }
    }
    Ok(())
}

#[rustfmt::skip]
const NATIVE: [&str; 12] = [
    "-p", "bantin-model", "-p", "bantin-views", "-p", "bantin-publish", "-p", "bantin-widget", "-p", "bantin-configurator", "-p", "xtask",
];

pub fn test() -> Result<()> {
    setup::all(Needs::Everything)?;
    run(cmd("cargo", &["fmt", "--all", "--check"]))?;
    // No import circles, no module importing a later stage.
    crate::layers::check()?;

    let mut clippy = cmd(
        "cargo",
        &["clippy", "--all-targets", "--features", "bantin-views/ssr"],
    );
    clippy.args(NATIVE).args(["--", "-D", "warnings"]);
    run(clippy)?;
    // The wasm packages one at a time, so that no feature of one (the CLI's
    // `ssr`) leaks into another.
    for package in [
        "bantin",
        "bantin-model",
        "bantin-views",
        "bantin-widget",
        "bantin-configurator",
        "bantin-bench-list",
    ] {
        run(cmd(
            "cargo",
            &[
                "clippy",
                "--target",
                "wasm32-unknown-unknown",
                "--all-targets",
                "-p",
                package,
                "--",
                "-D",
                "warnings",
            ],
        ))?;
    }

    let mut tests = cmd("cargo", &["test", "--features", "bantin-views/ssr"]);
    tests.args(NATIVE);
    run(tests)?;

    // The search index of a 19 967-article newsroom (base and tail): file
    // sizes, bytes and requests per query, the top 10 of one whole index,
    // recall against a brute-force ranking.
    crate::search_check::command()?;

    // The app's interactive pieces in headless Chromium.
    let mut wasm_tests = cmd(
        "cargo",
        &["test", "--target", "wasm32-unknown-unknown", "-p", "bantin"],
    );
    wasm_tests
        .env("CHROMEDRIVER", "/usr/bin/chromedriver")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    run(wasm_tests)?;

    e2e()
}

/// The same site after edits (the camera article's title, the site's
/// description), for the offline tests: a new build deployed under a
/// reader's service worker.
fn next_site(content: &Path, port: &str) -> Result<PathBuf> {
    let next_dir = root().join("target/e2e-site-next");
    let mut next = bantin_build(&next_content(content)?, &next_dir, false);
    next.args([
        "--app",
        APP_DIR,
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
    ]);
    run(next)?;
    Ok(next_dir)
}

/// A copy of `content` with the camera article's title and the site's
/// description changed.
fn next_content(content: &Path) -> Result<PathBuf> {
    let next_content = root().join("target/e2e-content-next");
    let _ = fs::remove_dir_all(&next_content);
    copy_dir(content, &next_content)?;
    let edited = next_content.join(format!("articles/kinh-te/{CAMERA_ARTICLE}.txt"));
    let text = fs::read_to_string(&edited)?;
    let (_, rest) = text
        .split_once('\n')
        .context("the camera article has no lines")?;
    fs::write(
        &edited,
        format!("Đàn voi đã rời vùng đệm, người dân yên tâm sản xuất\n{rest}"),
    )?;
    // And a new site description: the web app manifest, part of the app
    // shell, changes, so the service worker has a new build to take up
    // (articles alone leave `sw.js` as it was).
    let site_toml = next_content.join("site.toml");
    let config = fs::read_to_string(&site_toml)?;
    fs::write(
        &site_toml,
        config.replacen("description = \"", "description = \"Bản mới. ", 1),
    )?;
    Ok(next_content)
}

/// The end-to-end suites against the built site behind nginx.
pub fn e2e() -> Result<()> {
    let site_dir = root().join("target/e2e-site");
    let port = "18080";
    // The sample newsroom plus an article with a real 16 MB camera photo,
    // and older articles enough for a category's archive block.
    let content = with_camera_photo(&root().join("target/e2e-content"))?;
    with_old_articles(&content)?;
    with_broadcast(&content)?;
    site_of(
        &content,
        &site_dir,
        Some(&format!("http://127.0.0.1:{port}")),
    )?;
    crate::sizes::check(&site_dir)?;
    let next_dir = next_site(&content, port)?;
    // Partner pages on another origin, for the widget's tests, in a folder
    // the tests may add pages to (a snippet pasted from /widget/).
    let partner_dir = root().join("target/e2e-partner");
    let _ = fs::remove_dir_all(&partner_dir);
    fs::create_dir_all(&partner_dir)?;
    for entry in fs::read_dir(root().join("tests/e2e/partner"))? {
        let entry = entry?;
        fs::copy(entry.path(), partner_dir.join(entry.file_name()))?;
    }
    // The sample deployed to a second web root by change list only, served
    // as a plain static host serves it.
    let deploy_url = "http://127.0.0.1:18082";
    let deployed = crate::deploy_check::deployed_by_change_list(&content, deploy_url)?;
    let partner = format!(
        "server {{ listen 127.0.0.1:18081; root {}; }}\nserver {{ listen 127.0.0.1:18082; root {}; }}",
        partner_dir.display(),
        deployed.display()
    );
    // A copy of the newsroom for the preview's tests to edit.
    let preview_content = root().join("target/e2e-content-preview");
    let _ = fs::remove_dir_all(&preview_content);
    copy_dir(&content, &preview_content)?;
    fs::create_dir_all(root().join("target/screenshots"))?;
    let _server = Nginx::start_with(&site_dir, port, &partner)?;
    let mut e2e = cmd("node", &["--test", "--test-concurrency=1", "tests/e2e/"]);
    e2e.env("BASE_URL", format!("http://127.0.0.1:{port}"))
        .env("PARTNER_URL", "http://127.0.0.1:18081")
        .env("DEPLOY_URL", deploy_url)
        .env(
            "DEPLOY_ARTICLE",
            format!(
                "{}\t{}",
                crate::deploy_check::NEW_ARTICLE,
                crate::deploy_check::NEW_TITLE
            ),
        )
        .env("PARTNER_DIR", &partner_dir)
        .env("SITE_DIR", &site_dir)
        .env("NEXT_SITE_DIR", &next_dir)
        .env("CHANGED_ARTICLE", CAMERA_ARTICLE.to_string())
        // `cargo run` built it for the second site above.
        .env("BANTIN", crate::util::target_dir().join("debug/bantin"))
        .env("APP_DIR", root().join(APP_DIR))
        .env("PREVIEW_CONTENT", &preview_content);
    run(e2e)
}

fn flag<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}

/// Debian's nginx with the project's shipped server block, in the
/// foreground, stopped when dropped.
pub struct Nginx {
    child: Child,
}

impl Nginx {
    pub fn start(site: &Path, port: &str) -> Result<Nginx> {
        Nginx::start_with(site, port, "")
    }

    /// With `extra` server blocks (the tests' partner site).
    pub fn start_with(site: &Path, port: &str, extra: &str) -> Result<Nginx> {
        let site =
            fs::canonicalize(site).with_context(|| format!("{} does not exist", site.display()))?;
        let shipped = fs::read_to_string(root().join("deploy/nginx.conf"))
            .context("cannot read deploy/nginx.conf")?;
        let server = shipped
            .replace("listen 8080;", &format!("listen 127.0.0.1:{port};"))
            .replace(
                "root /srv/bantin/dist;",
                &format!("root {};", site.display()),
            );
        let dir = root().join("target/nginx");
        fs::create_dir_all(dir.join("tmp"))?;
        let conf = format!(
            "daemon off;\nmaster_process off;\nworker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\n\
             events {{ worker_connections 256; }}\n\
             http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log {dir}/access.log;\n\
             client_body_temp_path {dir}/tmp; proxy_temp_path {dir}/tmp; fastcgi_temp_path {dir}/tmp; uwsgi_temp_path {dir}/tmp; scgi_temp_path {dir}/tmp;\n\
             {server}\n{extra}\n}}\n",
            dir = dir.display()
        );
        let conf_path = dir.join("nginx.conf");
        fs::write(&conf_path, conf)?;
        let child = Command::new("nginx")
            .args([
                "-c",
                &conf_path.to_string_lossy(),
                "-e",
                &dir.join("error.log").to_string_lossy(),
            ])
            .env("PATH", crate::util::tool_path() + ":/usr/sbin")
            .spawn()
            .context("cannot start nginx")?;
        let mut server = Nginx { child };
        // Wait until it answers, or report why not.
        for _ in 0..50 {
            if std::net::TcpStream::connect(format!("127.0.0.1:{port}")).is_ok() {
                return Ok(server);
            }
            if let Some(status) = server.child.try_wait()? {
                let log = fs::read_to_string(dir.join("error.log")).unwrap_or_default();
                bail!("nginx exited ({status}):\n{log}");
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        bail!("nginx did not answer on port {port}")
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The id of the article [`with_camera_photo`] adds.
pub const CAMERA_ARTICLE: u32 = 9001;
/// Debian's mate-backgrounds: a 5640×3172 JPEG of 16 MB.
pub const CAMERA_PHOTO: &str = "/usr/share/backgrounds/mate/abstract/Elephants_5640x3172.jpg";

/// A copy of `content/` in `dir` with one more article whose photo is a
/// 16 MB camera file (not committed: it comes from mate-backgrounds).
pub fn with_camera_photo(dir: &Path) -> Result<PathBuf> {
    let _ = fs::remove_dir_all(dir);
    copy_dir(&root().join("content"), dir)?;
    fs::copy(CAMERA_PHOTO, dir.join("media/voi-rung.jpg")).with_context(|| {
        format!("cannot copy {CAMERA_PHOTO}: install mate-backgrounds (cargo xtask setup)")
    })?;
    let id = CAMERA_ARTICLE;
    fs::write(
        dir.join(format!("articles/kinh-te/{id}.txt")),
        format!(
            "Đàn voi về vùng đệm, người dân được hướng dẫn cách ứng xử an toàn\n\
             Thu Hà\n2024-01-10T09:30:00+07:00\n2024-01-10T09:30:00+07:00\n\
             http://duytien.hanamtv.vn/vi/news/kinh-te/dan-voi-ve-vung-dem-{id}.html\n\
             media/voi-rung.jpg\nĐài Truyền thanh Thị xã Duy Tiên\n\n\
             Một ảnh chụp bằng máy ảnh, 16 MB, để đo trang bài viết trên điện thoại.\n\
             Đoạn thân bài thứ nhất.\nĐoạn thân bài thứ hai.\n\
             ---\nChủ đề: Động vật hoang dã, Môi trường\n"
        ),
    )?;
    Ok(dir.to_path_buf())
}

/// The ids of the articles [`with_broadcast`] adds: a bulletin with its
/// recording and a video report (both with captions), and a YouTube video.
pub const BULLETIN_ARTICLE: u32 = 9101;
pub const YOUTUBE_ARTICLE: u32 = 9102;

/// A radio station's day in `dir`: a recording and a video made with
/// Debian's ffmpeg and lame (never downloaded), captions, a podcast cover
/// and `[podcast]` in `site.toml`, and the two articles that carry them,
/// dated before the sample's so no list's first page changes.
pub fn with_broadcast(dir: &Path) -> Result<()> {
    let media = dir.join("media");
    let run_in = |program: &str, args: &[&str]| {
        let mut command = cmd(program, args);
        command.current_dir(&media);
        run(command).with_context(|| format!("{program}: install it (cargo xtask setup)"))
    };
    let ffmpeg = |args: &str| {
        let mut all = vec!["-hide_banner", "-loglevel", "error", "-y"];
        all.extend(args.split_whitespace());
        run_in("ffmpeg", &all)
    };
    ffmpeg("-f lavfi -i sine=frequency=330:duration=6 -ac 1 -ar 44100 ban-tin.wav")?;
    run_in(
        "lame",
        &["--quiet", "-b", "64", "ban-tin.wav", "ban-tin.mp3"],
    )?;
    fs::remove_file(media.join("ban-tin.wav"))?;
    ffmpeg(
        "-f lavfi -i testsrc=size=320x180:rate=25:duration=4 -f lavfi -i sine=duration=4 \
         -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest -movflags +faststart phong-su.mp4",
    )?;
    ffmpeg("-f lavfi -i color=c=0x1f6f8b:s=1400x1400 -frames:v 1 podcast.png")?;
    let captions = "WEBVTT\n\n00:00.000 --> 00:02.000\nXin chào quý vị\n\n00:02.000 --> 00:04.000\nBản tin thời sự\n";
    fs::write(media.join("ban-tin.vtt"), captions)?;
    fs::write(media.join("phong-su.vtt"), captions)?;
    let mut site = fs::read_to_string(dir.join("site.toml"))?;
    site.push_str("\n[podcast]\ncover = \"media/podcast.png\"\nowner = \"Đài Truyền thanh Thị xã Duy Tiên\"\nemail = \"dai@duytien.example.vn\"\ncategory = \"News\"\n");
    fs::write(dir.join("site.toml"), site)?;
    let article = |id: u32, title: &str, image: &str, fields: &str| {
        format!(
            "{title}\nThu Hà\n2023-12-0{n}T18:00:00+07:00\n2023-12-0{n}T18:00:00+07:00\n\
             http://duytien.hanamtv.vn/vi/news/van-hoa-xa-hoi/ban-tin-{id}.html\n{image}\n\
             Đài Truyền thanh Thị xã Duy Tiên\n\nBản tin của đài, nghe và xem ngay trên trang.\n\
             Đoạn thân bài.\n---\n{fields}\n",
            n = id - 9100
        )
    };
    fs::write(
        dir.join(format!("articles/van-hoa-xa-hoi/{BULLETIN_ARTICLE}.txt")),
        article(
            BULLETIN_ARTICLE,
            "Bản tin thời sự tối: nghe và xem phóng sự",
            "",
            "Âm thanh: media/ban-tin.mp3\nVideo: media/phong-su.mp4",
        ),
    )?;
    fs::write(
        dir.join(format!("articles/van-hoa-xa-hoi/{YOUTUBE_ARTICLE}.txt")),
        article(
            YOUTUBE_ARTICLE,
            "Phóng sự trên kênh YouTube của đài",
            "media/voi-rung.jpg",
            "Video: https://youtu.be/dQw4w9WgXcQ?t=30",
        ),
    )?;
    Ok(())
}

/// Articles of 2020 in `chinh-tri` (22 in the sample): with them the
/// category has 42, so its landing page shows 22 and one archive block the
/// oldest 20, and an old `/c/chinh-tri/2/` has a block to go to. The odd
/// ones are on the topic "Bản tin lưu trữ".
pub const OLD_ARTICLES: u32 = 20;

pub fn with_old_articles(dir: &Path) -> Result<()> {
    for n in 1..=OLD_ARTICLES {
        let id = 8000 + n;
        let topics = if n % 2 == 1 {
            "---\nChủ đề: Bản tin lưu trữ\n"
        } else {
            ""
        };
        fs::write(
            dir.join(format!("articles/chinh-tri/{id}.txt")),
            format!(
                "Bản tin lưu trữ số {n} năm 2020\n\
                 Thu Hà\n2020-02-{n:02}T08:00:00+07:00\n2020-02-{n:02}T08:00:00+07:00\n\
                 http://duytien.hanamtv.vn/vi/news/chinh-tri/ban-tin-luu-tru-{id}.html\n\n\
                 Đài Truyền thanh Thị xã Duy Tiên\n\n\
                 Bản tin số {n} của đài, giữ lại trong mục lưu trữ.\n\
                 Đoạn thân bài.\n{topics}"
            ),
        )?;
    }
    Ok(())
}
