//! Reads `site.toml` and every `*.txt` article under the content folder.

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::content::site::{self, SiteConfig};
use crate::content::source::{self, SourceArticle};
use crate::problem::Problem;

/// Everything read from the content folder; per-file problems are kept so
/// that `check` can report all of them at once.
#[derive(Debug)]
pub struct Loaded {
    pub content: PathBuf,
    pub site: Result<SiteConfig, Vec<Problem>>,
    /// Sorted by path, so that everything after is independent of the
    /// order the file system lists files in.
    pub articles: Vec<(PathBuf, Result<SourceArticle, Vec<Problem>>)>,
}

pub const SITE_FILE: &str = "site.toml";

pub fn load(content: &Path) -> Result<Loaded, Problem> {
    if !content.is_dir() {
        return Err(Problem::new(
            content,
            0,
            "the content folder does not exist",
            "run bantin from the folder that holds content/, or pass --content DIR",
        ));
    }
    let site_path = content.join(SITE_FILE);
    let site = match std::fs::read(&site_path) {
        Ok(bytes) => decode(&site_path, &bytes).and_then(|text| site::parse(&site_path, &text)),
        Err(err) => Err(vec![Problem::new(
            &site_path,
            0,
            format!("cannot read the site settings: {err}"),
            "create content/site.toml with name, base_url and [[categories]]",
        )]),
    };

    let mut files = Vec::new();
    let mut walk_problems = Vec::new();
    for entry in walkdir::WalkDir::new(content).sort_by_file_name() {
        match entry {
            Ok(e)
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt") =>
            {
                files.push(e.into_path());
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().unwrap_or(content).to_path_buf();
                walk_problems.push((
                    path.clone(),
                    Err(vec![Problem::new(
                        &path,
                        0,
                        format!("cannot read: {err}"),
                        "check the file's permissions",
                    )]),
                ));
            }
        }
    }
    files.sort();

    let mut articles: Vec<_> = files
        .into_par_iter()
        .map(|path| {
            let parsed = read_article(&path)
                .and_then(|bytes| decode(&path, &bytes))
                .and_then(|text| source::parse(&path, &text));
            (path, parsed)
        })
        .collect();
    articles.extend(walk_problems);
    articles.sort_by(|a, b| a.0.cmp(&b.0));

    Ok(Loaded {
        content: content.to_path_buf(),
        site,
        articles,
    })
}

/// An article file's bytes, refused unread when it is over the size limit.
fn read_article(path: &Path) -> Result<Vec<u8>, Vec<Problem>> {
    let unreadable = |err: std::io::Error| {
        vec![Problem::new(
            path,
            0,
            format!("cannot read the file: {err}"),
            "check that it exists and is readable",
        )]
    };
    let size = std::fs::metadata(path).map_err(unreadable)?.len();
    if size > source::FILE_MAX {
        return Err(vec![Problem::new(
            path,
            0,
            format!(
                "the file is {size} bytes; an article file may be at most {} bytes (1 MB)",
                source::FILE_MAX
            ),
            "an article is text only: remove pasted material, or split it into several articles",
        )]);
    }
    std::fs::read(path).map_err(unreadable)
}

/// UTF-8 text, or a problem at the line of the first bad byte.
pub fn decode(path: &Path, bytes: &[u8]) -> Result<String, Vec<Problem>> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => {
            let good = &bytes[..err.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            Err(vec![Problem::new(
                path,
                line,
                "the file is not UTF-8 text",
                "save it as UTF-8 (in most editors: Save with encoding → UTF-8)",
            )])
        }
    }
}
