//! Transfer sizes of what readers and partners download, against budgets.
//! A size script, not a timed test: the numbers are exact and repeatable.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context, Result};

use crate::budgets::{
    self, APP, CONFIGURATOR, CSS, EMBED, HEADLINES, KB, MEDIA_JS, PAGE_JS, WIDGET, WORKER,
};

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
    pub name: &'static str,
    pub size: Size,
    pub budget: Option<usize>,
}

fn row(name: &'static str, size: Size) -> Row {
    Row {
        name,
        size,
        budget: budgets::transfer(name),
    }
}

/// A wasm-bindgen bundle (`{stem}*.js` and `{stem}*_bg.wasm`) in `dir`.
fn bundle(dir: &Path, stem: &str) -> Result<Size> {
    let files = find(dir, stem, &[".js", "_bg.wasm"])?;
    if files.len() != 2 {
        bail!(
            "expected one {stem} .js and _bg.wasm in {}, found {files:?}",
            dir.display()
        );
    }
    measure_files(&files)
}

/// Measures a built site (`bantin build --app` output).
pub fn rows(site: &Path) -> Result<Vec<Row>> {
    let css = find(site, "main-", &[".css"])?;
    // What every page's browser downloads: the documents' start script
    // (text size, read-aloud, navigation, the service worker's
    // registration), the service worker and the offline page's script;
    // and where a page has an island, the app's wasm and glue too.
    let page_js = measure_files(&find(site, "start-", &[".js"])?)?
        + measure_files(&[site.join("sw.js"), site.join("offline.js")])?;
    let mut rows = vec![
        row(APP, bundle(site, "bantin-")? + page_js),
        row(PAGE_JS, page_js),
        row(CSS, measure_files(&css)?),
        row(WIDGET, bundle(&site.join("embed"), "bantin_widget")?),
        row(
            CONFIGURATOR,
            bundle(&site.join("configurator"), "bantin_configurator")?,
        ),
    ];
    rows.push(row(EMBED, measure_files(&[site.join("embed.js")])?));
    rows.push(row(WORKER, measure_files(&[site.join("sw.js")])?));
    rows.push(row(
        MEDIA_JS,
        measure_files(&find(site, "media-", &[".js"])?)?,
    ));
    rows.push(row(
        HEADLINES,
        measure_files(&[site.join("api/v1/headlines/all.json")])?,
    ));
    let article = fs::read_dir(site.join("api/v1/articles"))?
        .flatten()
        .map(|e| e.path())
        .min()
        .context("no article JSON")?;
    rows.push(Row {
        name: "an article's JSON",
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
        name: "an article's HTML document",
        size: measure_files(&[document])?,
        budget: None,
    });
    rows.push(Row {
        name: "home.json",
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

/// Each row over its budget, with a line saying by how much.
pub fn broken(rows: &[Row]) -> impl Iterator<Item = (&Row, String)> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sized(name: &'static str, brotli: usize) -> Row {
        row(
            name,
            Size {
                raw: brotli * 3,
                gzip: brotli * 2,
                brotli,
            },
        )
    }

    #[test]
    fn every_broken_budget_is_reported() {
        let cases: [(Vec<Row>, usize); 4] = [
            (vec![sized(APP, 90 * KB)], 0),
            (vec![sized(APP, 90 * KB + 1)], 1),
            (
                vec![sized(CONFIGURATOR, 61 * KB), sized(WIDGET, 39 * KB)],
                1,
            ),
            (
                vec![
                    sized(EMBED, 4 * KB),
                    sized("an article's JSON", 9000 * KB),
                    sized(APP, 300 * KB),
                ],
                2,
            ),
        ];
        for (rows, want) in cases {
            let got: Vec<String> = broken(&rows).map(|(_, line)| line).collect();
            assert_eq!(got.len(), want, "{got:?}");
        }
    }
}
