//! The build's folders must not hold one another: an output inside the
//! content would be read back as articles by the next build, content or an
//! app build inside the output would be swapped away with it.

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Context, Result};

/// `path` made absolute, with `.`, `..` and symbolic links resolved as far
/// as the path exists (an output folder may not exist yet).
pub fn resolve(path: &Path) -> PathBuf {
    if let Ok(real) = path.canonicalize() {
        return real;
    }
    let absolute = std::env::current_dir()
        .map(|cwd| cwd.join(path))
        .unwrap_or_else(|_| path.to_path_buf());
    // The deepest part that exists, resolved; the rest added lexically.
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        match Path::new(&name).components().next() {
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::CurDir) | None => {}
            Some(_) => resolved.push(name),
        }
    }
    resolved
}

/// The build's folders (`--content`, `--out`, `--app`, `--cache`).
pub struct Folders<'a> {
    pub content: &'a Path,
    pub out: &'a Path,
    pub app: Option<&'a Path>,
    pub cache: Option<&'a Path>,
}

/// Refuses folders that hold one another, with a sentence naming both;
/// nothing has been touched when it fails.
pub fn check(folders: &Folders) -> Result<()> {
    let named: Vec<(&str, &Path, PathBuf)> = [
        ("--content", Some(folders.content)),
        ("--out", Some(folders.out)),
        ("--app", folders.app),
        ("--cache", folders.cache),
    ]
    .into_iter()
    .filter_map(|(flag, path)| path.map(|p| (flag, p, resolve(p))))
    .collect();
    for (i, (flag_a, a, real_a)) in named.iter().enumerate() {
        for (flag_b, b, real_b) in &named[i + 1..] {
            if real_a == real_b {
                bail!(
                    "{flag_a} {} and {flag_b} {} are the same folder; each needs its own",
                    a.display(),
                    b.display()
                );
            }
            for (inner_flag, inner, outer_flag, outer, real_inner, real_outer) in [
                (flag_a, a, flag_b, b, real_a, real_b),
                (flag_b, b, flag_a, a, real_b, real_a),
            ] {
                if real_inner.starts_with(real_outer) {
                    bail!(
                        "{inner_flag} {} is inside {outer_flag} {}: {}; choose folders outside one another",
                        inner.display(),
                        outer.display(),
                        why(inner_flag, outer_flag)
                    );
                }
            }
        }
    }
    Ok(())
}

/// What would go wrong with `inner` inside `outer`.
fn why(inner: &str, outer: &str) -> &'static str {
    match (inner, outer) {
        ("--out", "--content") => "the next build would read the site as articles",
        (_, "--out") => "replacing the output would delete it",
        ("--out", "--app") => "the next build would copy the site into itself",
        (_, "--content") => "the build would read it as content",
        _ => "one build would overwrite the other's files",
    }
}

/// Every file under `root`, as sorted `/`-separated relative paths.
pub fn files_under(root: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", root.display()))?;
        if entry.file_type().is_file() {
            let relative = entry
                .path()
                .strip_prefix(root)
                .with_context(|| {
                    format!("{} is outside {}", entry.path().display(), root.display())
                })?
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((entry.into_path(), relative));
        }
    }
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_folders_are_refused() {
        let dir = tempfile::tempdir().expect("tmp");
        let root = dir.path();
        std::fs::create_dir_all(root.join("content/media")).expect("content");
        std::fs::create_dir_all(root.join("app")).expect("app");
        let p = |s: &str| root.join(s);
        let cases: [(PathBuf, PathBuf, Option<PathBuf>, Option<&str>); 9] = [
            (p("content"), p(".bantin-cache/dist"), None, Some("--out")),
            (p("content"), p("dist"), Some(p("app")), None),
            (
                p("content"),
                p("content/dist"),
                None,
                Some("is inside --content"),
            ),
            (
                p("content"),
                p("content/../content/x/../dist"),
                None,
                Some("is inside --content"),
            ),
            (
                p("content"),
                p("content"),
                None,
                Some("are the same folder"),
            ),
            (p("dist/content"), p("dist"), None, Some("--content")),
            (
                p("content"),
                p("app"),
                Some(p("app")),
                Some("are the same folder"),
            ),
            (p("content"), p("dist"), Some(p("dist/app")), Some("--app")),
            (
                p("content"),
                p("app/dist"),
                Some(p("app")),
                Some("is inside --app"),
            ),
        ];
        for (content, out, app, want) in cases {
            let got = check(&Folders {
                content: &content,
                out: &out,
                app: app.as_deref(),
                cache: Some(&root.join(".bantin-cache")),
            });
            match want {
                None => assert!(got.is_ok(), "{got:?}"),
                Some(want) => {
                    let message = got.expect_err("refused").to_string();
                    assert!(message.contains(want), "{message}");
                }
            }
        }
    }
}
