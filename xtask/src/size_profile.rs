//! `cargo xtask size-profile`: where the reader app's wasm bytes go, per
//! crate and per function, for docs/size-analysis.md.
//!
//! The app is built as `cargo xtask site` builds it (release, `wasm-opt
//! -Oz`), but with the function names kept (`wasm-opt -g`), and read by
//! twiggy (installed with cargo on first use; not part of the test
//! command). Sizes are of the optimised wasm before compression: the
//! shares; the brotli bytes of the wasm and its JS glue (not minified, so
//! a little above what `cargo xtask sizes` counts) come first.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::{Context, Result};

use crate::sizes::measure;
use crate::util::{build_wasm_with, cmd, output_of, root, run, wasm_opt};

/// Rows of each table.
const CRATES: usize = 20;
const FUNCTIONS: usize = 30;

pub fn command() -> Result<()> {
    if output_of("twiggy", &["--version"]).is_none() {
        run(cmd("cargo", &["install", "twiggy", "--locked"]))?;
    }
    let out = root().join("target/size-profile");
    build_wasm_with("bantin", &out, true)?;
    let wasm = out.join("bantin_bg.wasm");
    // The names kept for twiggy are a custom section: stripped for the
    // brotli figure, as Trunk ships the wasm.
    let stripped = out.join("bantin_stripped.wasm");
    run(wasm_opt("--strip-debug", &wasm, &stripped))?;
    let read = |path: std::path::PathBuf| {
        std::fs::read(&path).with_context(|| format!("cannot read {}", path.display()))
    };
    let shipped =
        measure(&read(stripped)?)?.brotli + measure(&read(out.join("bantin.js"))?)?.brotli;
    println!(
        "wasm + JS glue, brotli: {:.1} KB\n",
        shipped as f64 / 1000.0
    );
    let csv = output_of(
        "twiggy",
        &[
            "top",
            "-n",
            "100000",
            "--format",
            "csv",
            &wasm.to_string_lossy(),
        ],
    )
    .context("twiggy could not read the wasm")?;
    let items = items(&csv);
    let total: u64 = items.iter().map(|(_, size)| size).sum();
    println!("{}", report(&items, total));
    Ok(())
}

/// `(name, bytes)` of each item in twiggy's CSV (`Name,ShallowSize,…`).
fn items(csv: &str) -> Vec<(String, u64)> {
    let mut lines = csv.lines();
    let columns = lines.next().map_or(0, |header| header.split(',').count());
    lines
        .filter_map(|line| {
            // The name may hold commas; the numbers after it do not.
            let mut fields: Vec<&str> = line.rsplitn(columns, ',').collect();
            fields.reverse();
            let size = fields.get(1)?.trim().parse().ok()?;
            Some((fields[0].trim_matches('"').replace("\"\"", "\""), size))
        })
        .filter(|(name, _)| !name.starts_with("Σ") && is_shipped(name))
        .collect()
}

/// The crate an item's name belongs to: the first path segment of the
/// type or function it names (`<tachys::view::X as …>::f` → `tachys`; for
/// `<T as tachys::…>` or `<f64 as core::…>`, the trait's crate); data
/// segments are "(data segments)", anything else "(unnamed)".
fn crate_of(name: &str) -> String {
    if name.starts_with("data segment") {
        return "(data segments)".to_owned();
    }
    let path = |text: &str| -> Option<String> {
        let text = text.trim_start_matches(['<', '&', '(', ' ']);
        let text = text
            .strip_prefix("mut ")
            .or_else(|| text.strip_prefix("dyn "))
            .unwrap_or(text);
        let (first, _) = text.split_once("::")?;
        let first = first.split('[').next().unwrap_or(first);
        (!first.is_empty() && first.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'))
            .then(|| first.to_owned())
    };
    let head = name.split_once(">::").map_or(name, |(head, _)| head);
    match head.split_once(" as ") {
        Some((ty, tr)) => path(ty).or_else(|| path(tr)),
        None => path(name),
    }
    .unwrap_or_else(|| "(unnamed)".to_owned())
}

/// Sections of this profiling build only (the names twiggy reads).
fn is_shipped(name: &str) -> bool {
    !(name.contains("subsection") || name.starts_with("custom section"))
}

fn report(items: &[(String, u64)], total: u64) -> String {
    let mut by_crate: BTreeMap<String, u64> = BTreeMap::new();
    for (name, size) in items {
        *by_crate.entry(crate_of(name)).or_default() += size;
    }
    let mut crates: Vec<(String, u64)> = by_crate.into_iter().collect();
    crates.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let share = |size: u64| 100.0 * size as f64 / total.max(1) as f64;
    let mut text = format!(
        "The app's wasm, `wasm-opt -Oz`, before compression: {:.1} KB.\n\n\
         | crate | KB | share |\n|---|---:|---:|\n",
        total as f64 / 1000.0
    );
    for (name, size) in crates.iter().take(CRATES) {
        let _ = writeln!(
            text,
            "| {name} | {:.1} | {:.1} % |",
            *size as f64 / 1000.0,
            share(*size)
        );
    }
    let _ = writeln!(text, "\n| function or item | KB | share |\n|---|---:|---:|");
    let mut largest: Vec<&(String, u64)> = items.iter().collect();
    largest.sort_by_key(|item| std::cmp::Reverse(item.1));
    for (name, size) in largest.into_iter().take(FUNCTIONS) {
        let shown: String = name.chars().take(110).collect();
        let _ = writeln!(
            text,
            "| `{}` | {:.1} | {:.1} % |",
            shown.replace('|', "\\|").replace('`', "'"),
            *size as f64 / 1000.0,
            share(*size)
        );
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_belong_to_the_crate_they_start_with() {
        let cases = [
            ("tachys::view::any_view::AnyView::build::h0123", "tachys"),
            (
                "<leptos_router::Routes as tachys::view::Render>::build",
                "leptos_router",
            ),
            (
                "<T as tachys::view::any_view::IntoAny>::into_any::build::h1",
                "tachys",
            ),
            ("<f64 as core[c5930c85a12de822]::fmt::Display>::fmt", "core"),
            (
                "<dlmalloc[e24a]::dlmalloc::Dlmalloc<dlmalloc[e24a]::sys::System>>::malloc",
                "dlmalloc",
            ),
            ("&mut serde_json::de::Deserializer<R>::parse", "serde_json"),
            ("core::ptr::drop_in_place<bantin::pages::Home>", "core"),
            ("data segment \".rodata\"", "(data segments)"),
            ("code[1234]", "(unnamed)"),
        ];
        for (name, want) in cases {
            assert_eq!(crate_of(name), want, "{name}");
        }
    }

    #[test]
    fn csv_rows_with_commas_in_names() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
                   \"<a::B<c, d> as e::F>::g\",1200,1.5,1200,1.5\n\
                   data[0],300,0.4,300,0.4\n\
                   \"\"\"function names\"\" subsection\",9000,9,9000,9\n";
        let short = "Name,ShallowSize,ShallowSizePercent\nf::g,10,0.1\n";
        assert_eq!(items(short), [("f::g".to_owned(), 10)]);
        assert_eq!(
            items(csv),
            [
                ("<a::B<c, d> as e::F>::g".to_owned(), 1200),
                ("data[0]".to_owned(), 300)
            ]
        );
    }
}
