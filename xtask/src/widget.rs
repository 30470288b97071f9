//! Builds the partner widget: its wasm module through wasm-bindgen and
//! wasm-opt, plus embed.js and the iframe page, into `target/widget-build`,
//! which the app's Trunk build copies in (index.html's copy-dir/copy-file).

use std::fs;

use anyhow::{Context, Result};

use crate::util::{cmd, root, run, target_dir};

pub const OUT: &str = "target/widget-build";

pub fn build() -> Result<()> {
    let out = root().join(OUT);
    let embed = out.join("embed");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(embed.join("headlines"))?;

    run(cmd(
        "cargo",
        &[
            "build",
            "--release",
            "--target",
            "wasm32-unknown-unknown",
            "-p",
            "bantin-widget",
        ],
    ))?;
    let wasm = target_dir().join("wasm32-unknown-unknown/release/bantin_widget.wasm");
    run(cmd(
        "wasm-bindgen",
        &[
            "--target",
            "web",
            "--no-typescript",
            "--out-dir",
            &embed.to_string_lossy(),
            &wasm.to_string_lossy(),
        ],
    ))?;
    let bg = embed.join("bantin_widget_bg.wasm");
    let bg = bg.to_string_lossy();
    run(cmd(
        "wasm-opt",
        &[
            "-Oz",
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
            &bg,
            "-o",
            &bg,
        ],
    ))?;

    let src = root().join("crates/widget");
    let copies = [
        ("js/embed.js", out.join("embed.js")),
        ("js/frame.js", embed.join("frame.js")),
        ("static/frame.css", embed.join("frame.css")),
        ("static/icon.svg", embed.join("icon.svg")),
        (
            "static/headlines/index.html",
            embed.join("headlines/index.html"),
        ),
    ];
    for (from, to) in copies {
        fs::copy(src.join(from), &to).with_context(|| format!("cannot copy {from}"))?;
    }
    Ok(())
}
