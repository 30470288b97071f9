//! The widget on a partner page: what the script embed adds to a plain
//! page of a partner's, measured by Lighthouse on its own port.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Result;

use super::{lighthouse, Section, PORT};
use crate::util::root;

/// The partner pages' port: nginx's extra server block.
pub const PARTNER_PORT: &str = "18091";

/// The partner pages Lighthouse measures, on their own port: nginx's
/// extra server block.
pub fn server_block() -> Result<String> {
    let partner_dir = root().join("target/bench-partner");
    let _ = fs::remove_dir_all(&partner_dir);
    fs::create_dir_all(&partner_dir)?;
    for page in ["plain.html", "with-widget.html"] {
        let text = fs::read_to_string(root().join("tests/e2e/partner").join(page))?;
        fs::write(
            partner_dir.join(page),
            text.replace("127.0.0.1:18080", &format!("127.0.0.1:{PORT}")),
        )?;
    }
    let partner = format!(
        "server {{ listen 127.0.0.1:{PARTNER_PORT}; root {}; }}",
        partner_dir.display()
    );
    Ok(partner)
}

/// What the script embed adds to a plain partner page.
pub fn section(lighthouse_cli: &Path) -> Result<Section> {
    let mut report = String::new();
    let _ = write!(
        &mut report,
        "\n## The widget on a partner page (Lighthouse, median of {})\n\n\
         | partner page | transfer | TBT | LCP | CLS |\n|---|---:|---:|---:|---:|\n",
        lighthouse::RUNS
    );
    let plain = lighthouse::median(
        lighthouse_cli,
        &format!("http://127.0.0.1:{PARTNER_PORT}/plain.html"),
    )?
    .metrics;
    let with_widget = lighthouse::median(
        lighthouse_cli,
        &format!("http://127.0.0.1:{PARTNER_PORT}/with-widget.html"),
    )?
    .metrics;
    for (name, m) in [("plain.html", plain), ("with-widget.html", with_widget)] {
        let _ = writeln!(
            &mut report,
            "| {name} | {:.1} KB | {:.0} ms | {:.2} s | {:.3} |",
            m.bytes / 1000.0,
            m.tbt_ms,
            m.lcp_ms / 1000.0,
            m.cls
        );
    }
    let _ = writeln!(
        &mut report,
        "| added by the widget | {:.1} KB | {:.0} ms | | |",
        (with_widget.bytes - plain.bytes) / 1000.0,
        with_widget.tbt_ms - plain.tbt_ms
    );
    Ok(Section::text(report))
}
