//! `bantin`: checks a newsroom's articles and writes the static site.
//!
//! The pipeline is named after its stages: [`load`] → [`validate`] →
//! [`render`] → [`write`].

pub mod load;
pub mod problem;
pub mod render;
pub mod site;
pub mod source;
pub mod text;
pub mod validate;
pub mod write;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

pub use problem::{Problem, Problems};
pub use validate::Newsroom;

/// Loads and validates the content folder.
pub fn check(content: &Path) -> Result<Newsroom, Problems> {
    let loaded = load::load(content).map_err(|p| Problems(vec![p]))?;
    validate::validate(loaded)
}

#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub content: PathBuf,
    pub out: PathBuf,
    /// A Trunk release build whose assets are copied in.
    pub app: Option<PathBuf>,
    pub render: render::RenderOptions,
}

/// What a build wrote, for the closing message.
#[derive(Debug)]
pub struct BuildReport {
    pub articles: usize,
    pub categories: usize,
}

/// Builds the whole site into `options.out`, atomically.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let newsroom = check(&options.content)?;
    if let Some(app) = &options.app {
        anyhow::ensure!(
            app.join("index.html").is_file(),
            "{} has no index.html: build the app first (trunk build --release)",
            app.display()
        );
    }
    let staging = write::Staging::create(&options.out)?;
    render::api(&newsroom, &options.render, &staging)?;
    copy_tree(
        &staging,
        &options.content.join(validate::MEDIA_DIR),
        validate::MEDIA_DIR,
    )?;
    if let Some(app) = &options.app {
        copy_tree(&staging, app, "")?;
        // Every path the host does not know gets the app, which shows the
        // right page or its own "not found".
        staging
            .copy(&app.join("index.html"), "404.html")
            .context("cannot write 404.html")?;
    }
    staging.commit()?;
    Ok(BuildReport {
        articles: newsroom.articles.len(),
        categories: newsroom.site.categories.len(),
    })
}

fn copy_tree(staging: &write::Staging, from: &Path, prefix: &str) -> Result<()> {
    if !from.is_dir() {
        return Ok(());
    }
    for (path, relative) in write::files_under(from)? {
        let target = if prefix.is_empty() {
            relative
        } else {
            format!("{prefix}/{relative}")
        };
        staging.copy(&path, &target)?;
    }
    Ok(())
}
