//! Builds the partner widget: its wasm module through wasm-bindgen and
//! wasm-opt, plus embed.js and the iframe page, into `target/widget-build`,
//! which the app's Trunk build copies in (index.html's copy-dir/copy-file).

use std::fs;

use anyhow::{Context, Result};

use crate::util::{build_wasm, root};

pub const OUT: &str = "target/widget-build";

pub fn build() -> Result<()> {
    let out = root().join(OUT);
    let embed = out.join("embed");
    let _ = fs::remove_dir_all(&out);
    fs::create_dir_all(embed.join("headlines"))?;

    build_wasm("bantin-widget", &embed)?;

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
