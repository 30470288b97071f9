//! The build's folders must not hold one another: an output inside the
//! content would be read back as articles by the next build, content or an
//! app build inside the output would be swapped away with it.

use std::path::{Component, Path, PathBuf};

use anyhow::{bail, Result};

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

/// Refuses folders that hold one another, with a sentence naming both;
/// nothing has been touched when it fails.
pub fn check(content: &Path, out: &Path, app: Option<&Path>) -> Result<()> {
    let (c, o) = (resolve(content), resolve(out));
    if o.starts_with(&c) {
        bail!(
            "--out {} is inside --content {}: the next build would read the site as articles; choose an output folder outside the content",
            out.display(),
            content.display()
        );
    }
    if c.starts_with(&o) {
        bail!(
            "--content {} is inside --out {}: replacing the output would delete the articles; choose an output folder outside the content",
            content.display(),
            out.display()
        );
    }
    if let Some(app) = app {
        let a = resolve(app);
        if a == o {
            bail!(
                "--app {} and --out {} are the same folder: the app build would be replaced by the site; build the app into its own folder (target/app)",
                app.display(),
                out.display()
            );
        }
        if a.starts_with(&o) {
            bail!(
                "--app {} is inside --out {}: replacing the output would delete the app build; build the app outside it (target/app)",
                app.display(),
                out.display()
            );
        }
        if o.starts_with(&a) {
            bail!(
                "--out {} is inside --app {}: the next build would copy the site into itself; choose an output folder outside the app build",
                out.display(),
                app.display()
            );
        }
    }
    Ok(())
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
        let cases: [(PathBuf, PathBuf, Option<PathBuf>, Option<&str>); 8] = [
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
                Some("is inside --content"),
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
            let got = check(&content, &out, app.as_deref());
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
