//! Transfer sizes of what readers and partners download, against budgets.
//! A size script, not a timed test: the numbers are exact and repeatable.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

/// Sizes of one asset or group of assets, in bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct Size {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

impl std::ops::Add for Size {
    type Output = Size;
    fn add(self, o: Size) -> Size {
        Size {
            raw: self.raw + o.raw,
            gzip: self.gzip + o.gzip,
            brotli: self.brotli + o.brotli,
        }
    }
}

pub fn measure(bytes: &[u8]) -> Result<Size> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let gzip = gz.finish()?.len();
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(Size {
        raw: bytes.len(),
        gzip,
        brotli: br.len(),
    })
}

fn measure_files(files: &[PathBuf]) -> Result<Size> {
    files.iter().try_fold(Size::default(), |total, file| {
        let bytes = fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
        Ok(total + measure(&bytes)?)
    })
}

/// Files in `dir` whose names start with `prefix` and end with one of `exts`.
fn find(dir: &Path, prefix: &str, exts: &[&str]) -> Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).with_context(|| format!("cannot read {}", dir.display()))? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with(prefix) && exts.iter().any(|e| name.ends_with(e)) {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// One row of the table: a name, its size, and its brotli budget if any.
pub struct Row {
    pub name: String,
    pub size: Size,
    pub budget: Option<usize>,
}

const KB: usize = 1000;

/// Measures a built site (`bantin build --app` output).
pub fn rows(site: &Path) -> Result<Vec<Row>> {
    let app = find(site, "bantin-", &[".js", "_bg.wasm"])?;
    if app.len() != 2 {
        bail!(
            "expected the app's .js and _bg.wasm in {}, found {app:?}",
            site.display()
        );
    }
    let css = find(site, "main-", &[".css"])?;
    let mut rows = vec![
        Row {
            name: "app wasm + JS".into(),
            size: measure_files(&app)?,
            budget: Some(150 * KB),
        },
        Row {
            name: "app CSS".into(),
            size: measure_files(&css)?,
            budget: Some(12 * KB),
        },
    ];
    let widget = find(&site.join("embed"), "bantin_widget", &[".js", "_bg.wasm"])?;
    if widget.len() != 2 {
        bail!(
            "expected the widget's .js and _bg.wasm in {}/embed, found {widget:?}",
            site.display()
        );
    }
    rows.push(Row {
        name: "widget wasm + JS".into(),
        size: measure_files(&widget)?,
        budget: Some(40 * KB),
    });
    rows.push(Row {
        name: "embed.js".into(),
        size: measure_files(&[site.join("embed.js")])?,
        budget: Some(3 * KB),
    });
    rows.push(Row {
        name: "headlines/all.json (20 items)".into(),
        size: measure_files(&[site.join("api/v1/headlines/all.json")])?,
        budget: Some(6 * KB),
    });
    let article = fs::read_dir(site.join("api/v1/articles"))?
        .flatten()
        .map(|e| e.path())
        .min()
        .context("no article JSON")?;
    rows.push(Row {
        name: "an article's JSON".into(),
        size: measure_files(&[article])?,
        budget: None,
    });
    let first = fs::read_dir(site.join("a"))?
        .flatten()
        .map(|e| e.path())
        .min()
        .context("no article page")?;
    let document = fs::read_dir(&first)?
        .flatten()
        .map(|e| e.path().join("index.html"))
        .find(|p| p.is_file())
        .context("no article document")?;
    rows.push(Row {
        name: "an article's HTML document".into(),
        size: measure_files(&[document])?,
        budget: None,
    });
    rows.push(Row {
        name: "home.json".into(),
        size: measure_files(&[site.join("api/v1/home.json")])?,
        budget: None,
    });
    Ok(rows)
}

pub fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| asset | raw | gzip | brotli | brotli budget |\n|---|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let budget = row.budget.map_or("–".to_owned(), |b| {
            format!("{:.1} KB", b as f64 / KB as f64)
        });
        out.push_str(&format!(
            "| {} | {:.1} KB | {:.1} KB | {:.1} KB | {budget} |\n",
            row.name,
            row.size.raw as f64 / KB as f64,
            row.size.gzip as f64 / KB as f64,
            row.size.brotli as f64 / KB as f64,
        ));
    }
    out
}

/// Budgets the test command reports without failing, and why. The app's is
/// broken by the framework it is built on, which the design has to decide
/// about (docs/size-analysis.md); `cargo xtask sizes` and `bench` still fail.
const REPORTED_ONLY: &[(&str, &str)] = &[("app wasm + JS", "see docs/size-analysis.md")];

fn broken(rows: &[Row]) -> impl Iterator<Item = (&Row, String)> {
    rows.iter().filter_map(|r| {
        let budget = r.budget?;
        (r.size.brotli > budget).then(|| {
            let line = format!("{}: {} B brotli > {} B", r.name, r.size.brotli, budget);
            (r, line)
        })
    })
}

/// Prints the table; fails if any budget is broken.
pub fn check(site: &Path) -> Result<()> {
    let rows = rows(site)?;
    println!("{}", table(&rows));
    let broken: Vec<String> = broken(&rows).map(|(_, line)| line).collect();
    if !broken.is_empty() {
        bail!("size budget broken:\n{}", broken.join("\n"));
    }
    Ok(())
}

/// The test command's size check: prints the table and fails on a broken
/// budget, except those in [`REPORTED_ONLY`], which it warns about.
pub fn report(site: &Path) -> Result<()> {
    let rows = rows(site)?;
    println!("{}", table(&rows));
    let (warnings, failing) = triage(&rows);
    for line in warnings {
        eprintln!("warning: size budget broken: {line}");
    }
    if !failing.is_empty() {
        bail!("size budget broken:\n{}", failing.join("\n"));
    }
    Ok(())
}

/// Broken budgets as (reported only, failing).
fn triage(rows: &[Row]) -> (Vec<String>, Vec<String>) {
    let mut warnings = Vec::new();
    let mut failing = Vec::new();
    for (row, line) in broken(rows) {
        match REPORTED_ONLY.iter().find(|(name, _)| *name == row.name) {
            Some((_, why)) => warnings.push(format!("{line} ({why})")),
            None => failing.push(line),
        }
    }
    (warnings, failing)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, brotli: usize, budget: Option<usize>) -> Row {
        Row {
            name: name.into(),
            size: Size {
                raw: brotli * 3,
                gzip: brotli * 2,
                brotli,
            },
            budget,
        }
    }

    #[test]
    fn only_the_listed_budgets_are_reported_without_failing() {
        let cases: [(Vec<Row>, usize, usize); 4] = [
            (vec![row("app wasm + JS", 100, Some(150))], 0, 0),
            (vec![row("app wasm + JS", 200, Some(150))], 1, 0),
            (vec![row("widget wasm + JS", 41, Some(40))], 0, 1),
            (
                vec![
                    row("embed.js", 4, Some(3)),
                    row("an article's JSON", 9000, None),
                    row("app wasm + JS", 200, Some(150)),
                ],
                1,
                1,
            ),
        ];
        for (rows, warnings, failing) in cases {
            let (w, f) = triage(&rows);
            assert_eq!((w.len(), f.len()), (warnings, failing), "{w:?} {f:?}");
        }
    }
}
