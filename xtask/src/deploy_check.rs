//! The deploy a newsroom's host does with the change list (docs/deploy.md,
//! "Deploying only what changed"), for `cargo xtask e2e`:
//! 1. a first build, copied whole to a web root, its manifest kept as the
//!    deployed one;
//! 2. a new article, and the site built twice without deploying (a skipped
//!    deploy), the second time `--since` the deployed manifest;
//! 3. only the change list applied to the web root: the upload list copied,
//!    the delete list deleted;
//! 4. the web root must then be byte for byte what a fresh build of the
//!    same content into an empty folder writes.
//!
//! The e2e tests then read the web root behind nginx as a reader does
//! (`tests/e2e/deploy.test.mjs`): paging back through the lists and
//! searching find every article, the new one included.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{ensure, Context, Result};

use crate::util::{bantin_build, copy_dir, files_under, output_of, root, run, APP_DIR};

/// The id and title of the article the deploy adds.
pub const NEW_ARTICLE: u32 = 9100;
pub const NEW_TITLE: &str = "Đài triển khai bản tin mới bằng danh sách thay đổi";

/// Builds, deploys by change list and checks the result; returns the web
/// root to serve at `base_url`.
pub fn deployed_by_change_list(content: &Path, base_url: &str) -> Result<PathBuf> {
    let dir = root().join("target/e2e-deploy");
    let _ = fs::remove_dir_all(&dir);
    let (source, build, web) = (dir.join("content"), dir.join("build"), dir.join("web"));
    copy_dir(content, &source)?;
    // One clock for every build: what depends on time stays put.
    let now = output_of("date", &["+%Y-%m-%dT%H:%M:%S+00:00"]).context("no clock")?;
    let bantin = |out: &Path, since: Option<&Path>| -> Result<()> {
        let mut command = bantin_build(&source, out, false);
        command.args([
            "--app",
            APP_DIR,
            "--base-url",
            base_url,
            "--now",
            now.trim(),
        ]);
        if let Some(manifest) = since {
            command.arg("--since").arg(manifest);
        }
        run(command)
    };
    bantin(&build, None)?;
    copy_dir(&build, &web)?;
    let deployed = dir.join("deployed.manifest");
    fs::copy(dir.join(".build.manifest"), &deployed)?;

    add_article(&source)?;
    bantin(&build, None)?;
    bantin(&build, Some(&deployed))?;

    apply_change_list(&dir, &build, &web)?;

    let fresh = dir.join("fresh");
    bantin(&fresh, None)?;
    same_files(&web, &fresh)?;
    Ok(web)
}

/// The article the deploy adds, newer than every other.
fn add_article(source: &Path) -> Result<()> {
    Ok(fs::write(
        source.join(format!("articles/chinh-tri/{NEW_ARTICLE}.txt")),
        format!(
            "{NEW_TITLE}\nThu Hà\n2025-01-02T08:00:00+07:00\n2025-01-02T08:00:00+07:00\n\
             http://duytien.hanamtv.vn/vi/news/chinh-tri/ban-tin-moi-{NEW_ARTICLE}.html\n\n\
             Đài Truyền thanh Thị xã Duy Tiên\n\n\
             Bản tin này đến trang đọc qua danh sách thay đổi, không qua bản sao cả trang.\n\
             Đoạn thân bài.\n"
        ),
    )?)
}

/// What a host does with the change list: the upload list copied from
/// `build` to `web`, the delete list deleted from `web`.
fn apply_change_list(dir: &Path, build: &Path, web: &Path) -> Result<()> {
    let list = |what: &str| -> Result<Vec<String>> {
        let path = dir.join(format!(".build.{what}"));
        Ok(fs::read_to_string(&path)
            .with_context(|| format!("cannot read {}", path.display()))?
            .lines()
            .map(str::to_owned)
            .collect())
    };
    let (upload, delete) = (list("upload")?, list("delete")?);
    for file in &upload {
        let to = web.join(file);
        fs::create_dir_all(to.parent().context("a file at the root")?)?;
        fs::copy(build.join(file), &to).with_context(|| format!("cannot copy {file}"))?;
    }
    for file in &delete {
        fs::remove_file(web.join(file)).with_context(|| format!("cannot delete {file}"))?;
    }
    println!(
        "deployed by change list: {} files uploaded, {} deleted",
        upload.len(),
        delete.len()
    );
    Ok(())
}

/// The two folders hold the same files, byte for byte.
fn same_files(web: &Path, fresh: &Path) -> Result<()> {
    let (served, wanted) = (tree(web)?, tree(fresh)?);
    let differ: Vec<&String> = served
        .keys()
        .chain(wanted.keys())
        .filter(|p| served.get(*p) != wanted.get(*p))
        .collect();
    ensure!(
        differ.is_empty(),
        "the web root after the change list is not a fresh build: {} files differ, first {:?}",
        differ.len(),
        &differ[..differ.len().min(10)]
    );
    Ok(())
}

/// Every file of a folder: its path inside → its bytes.
fn tree(dir: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    files_under(dir)
        .into_iter()
        .map(|file| {
            let inside = file
                .strip_prefix(dir)
                .expect("under the folder")
                .to_string_lossy()
                .into_owned();
            Ok((inside, fs::read(&file)?))
        })
        .collect()
}
