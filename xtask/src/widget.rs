//! Builds what partners use, apart from the reader app: the widget's wasm
//! module (wasm-bindgen, wasm-opt) with embed.js and the iframe page, and
//! the `/widget/` configurator's module, into `target/widget-build`, which
//! the app's Trunk build copies in (index.html's copy-dir/copy-file).

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
    let configurator = out.join("configurator");
    build_wasm("bantin-configurator", &configurator)?;

    fs::copy(
        root().join("crates/configurator/js/start.js"),
        configurator.join("start.js"),
    )
    .context("cannot copy the configurator's start.js")?;

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
