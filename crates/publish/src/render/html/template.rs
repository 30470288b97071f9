//! The document template: the app's `index.html` (a Trunk release build),
//! made into the shell of every document the build writes.

use anyhow::{Context, Result};
use bantin_model::head::Head;

use crate::js::Value;
use crate::markup::escape;

/// The attribute on `<body>` naming the route a document was rendered for
/// (the app hydrates the page only there).
pub use bantin_app::ROUTE_ATTR;

/// Where a document's script goes in the template.
const SCRIPT_SLOT: &str = "\u{0}script\u{0}";

/// The configurator's loader, copied in with the app (`cargo xtask site`).
pub const CONFIGURATOR_START: &str = "configurator/start.js";

/// The app's `index.html`, split where a document's own head goes.
#[derive(Debug, Clone)]
pub struct Template {
    before_title: String,
    after_title: String,
    /// Trunk's inline start-up script, moved to a file so that the
    /// Content-Security-Policy needs no `unsafe-inline`: (file name, code).
    pub start_script: Option<(String, String)>,
    /// The recordings' and videos' script, which the start script loads
    /// only on an article that has them: (file name, code).
    pub media_script: (String, String),
}

/// Which program a document starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// The reader app.
    App,
    /// The partners' configurator, its own small module.
    Configurator,
    /// The offline page's script (the service worker serves the page).
    Offline,
}

/// The offline page's script (`offline.rs` writes it).
pub const OFFLINE_SCRIPT: &str = "offline.js";

/// One document: its head, the pre-rendered page and what it runs.
pub struct Document<'a> {
    pub head: &'a Head,
    /// Head markup beyond the shared head (an article's JSON-LD).
    pub extra_head: &'a str,
    /// The route the page was rendered for, if one was.
    pub route: Option<&'a str>,
    pub body: &'a str,
    pub program: Program,
}

/// Moves `<script type="module">…</script>` without `src` into a file and
/// leaves [`SCRIPT_SLOT`] where it was.
fn extract_start_script(html: &str) -> Result<(String, Option<(String, String)>)> {
    const OPEN: &str = "<script type=\"module\">";
    let Some(start) = html.find(OPEN) else {
        return Ok((html.to_owned(), None));
    };
    let Some(len) = html[start..].find("</script>") else {
        return Ok((html.to_owned(), None));
    };
    let app = dynamic_imports(html[start + OPEN.len()..start + len].trim());
    let app = islands_script(&app)?;
    let media = media_script();
    let code = crate::js::fill(
        &compact_js(include_str!("../../js/start.js")),
        &[
            (
                "SCALES",
                Value::Json(serde_json::json!(bantin_views::FONT_SCALES)),
            ),
            ("KEY", Value::text(bantin_views::FONT_SCALE_KEY)),
            (
                "DEFAULT",
                Value::Json(bantin_views::FONT_SCALE_DEFAULT.into()),
            ),
            ("APP", Value::Code(&app)),
            ("MEDIA", Value::text(&format!("/{}", media.0))),
        ],
    )?;
    let name = format!(
        "start-{:016x}.js",
        bantin_model::fnv::fnv1a_64(code.as_bytes())
    );
    let rest = &html[start + len + "</script>".len()..];
    Ok((
        format!("{}{SCRIPT_SLOT}{rest}", &html[..start]),
        Some((name, code)),
    ))
}

/// The start script's part that runs the page (docs/architecture.md,
/// "Islands"): Trunk's `load` code, run only where a page has an island,
/// and the document swap.
fn islands_script(load: &str) -> Result<String> {
    crate::js::fill(
        &compact_js(include_str!("../../js/islands.js")),
        &[
            ("LOAD", Value::Code(load)),
            ("PAGE_SIZE", Value::Json(bantin_model::PAGE_SIZE.into())),
            ("ARCHIVE", Value::text(bantin_model::paths::ARCHIVE)),
            (
                "SWAP",
                Value::Code(&compact_js(include_str!("../../js/swap.js"))),
            ),
        ],
    )
}

/// `media.js`, named after its code.
pub fn media_script() -> (String, String) {
    let code = compact_js(include_str!("../../js/media.js"));
    let name = format!(
        "media-{:016x}.js",
        bantin_model::fnv::fnv1a_64(code.as_bytes())
    );
    (name, code)
}

/// Trunk's `import init, * as bindings from '/bantin-….js';` as a
/// dynamic import where it stands. A static import is loaded before any
/// of the start script runs, so an app that fails to load would stop
/// everything before it, the service worker's kill switch included
/// (docs/offline.md); a dynamic one fails only from its own line on.
fn dynamic_imports(code: &str) -> String {
    code.lines()
        .map(|line| {
            let parsed = line
                .trim()
                .strip_prefix("import ")
                .and_then(|rest| rest.strip_suffix(';'))
                .and_then(|rest| rest.split_once(" from "))
                .and_then(|(names, from)| {
                    let (default, all) = names.split_once(", * as ")?;
                    let ident = |s: &str| {
                        !s.is_empty()
                            && s.chars()
                                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
                    };
                    let quoted = from.starts_with('\'') && from.ends_with('\'') && from.len() > 2;
                    (ident(default) && ident(all) && quoted).then_some((default, all, from))
                });
            match parsed {
                Some((default, all, from)) => {
                    format!("const {all} = await import({from});\nconst {default} = {all}.default;")
                }
                None => line.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Our own scripts without their comment lines and indentation (a third
/// less to download, no minifier in the build). Safe for the files it is
/// used on: no line of them is inside a multi-line string or comment.
pub fn compact_js(code: &str) -> String {
    code.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

/// Keeps each `<link …>` tag for which `keep` returns its (possibly
/// rewritten) text.
fn edit_links(html: &str, keep: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link ") {
        let Some(end) = rest[at..].find('>') else {
            break;
        };
        out.push_str(&rest[..at]);
        if let Some(tag) = keep(&rest[at..at + end + 1]) {
            out.push_str(&tag);
        }
        rest = &rest[at + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Trunk's links, fit for the documents: its `modulepreload` and wasm
/// `preload` tags go (they would fetch the app ahead of the page's own
/// images), and `integrity`, which HTML allows on scripts and style
/// sheets only, leaves the icon.
fn fit_links(tag: &str) -> Option<String> {
    let preload = tag.contains("rel=\"modulepreload\"")
        || (tag.contains("rel=\"preload\"") && tag.contains(".wasm"));
    if preload {
        return None;
    }
    if !tag.contains("rel=\"icon\"") {
        return Some(tag.to_owned());
    }
    let Some(at) = tag.find(" integrity=\"") else {
        return Some(tag.to_owned());
    };
    let value_end = tag[at + " integrity=\"".len()..]
        .find('"')
        .map_or(tag.len() - 1, |i| at + " integrity=\"".len() + i + 1);
    Some(format!("{}{}", &tag[..at], &tag[value_end..]))
}

/// Drops `<!-- … -->` comments: the template's notes are for developers.
fn drop_comments(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<!--") {
        out.push_str(&rest[..at]);
        match rest[at..].find("-->") {
            Some(end) => rest = &rest[at + end + "-->".len()..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    // The blank lines the comments stood on.
    out.lines()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

impl Template {
    pub fn parse(html: &str) -> Result<Template> {
        let html = drop_comments(html);
        let (html, start_script) = extract_start_script(&html)?;
        let html = edit_links(&html, fit_links);
        let start = html
            .find("<title>")
            .context("the app's index.html has no <title>")?;
        let end = html[start..]
            .find("</title>")
            .map(|i| start + i + "</title>".len())
            .context("the app's index.html has an unclosed <title>")?;
        Ok(Template {
            before_title: html[..start].to_owned(),
            after_title: html[end..].to_owned(),
            start_script,
            media_script: media_script(),
        })
    }

    /// Everything a document takes from the template, as a recipe's input
    /// ([`crate::render::recipe`]).
    pub fn identity(&self) -> Vec<u8> {
        let mut parts = vec![self.before_title.as_str(), self.after_title.as_str()];
        if let Some((name, code)) = &self.start_script {
            parts.extend([name.as_str(), code.as_str()]);
        }
        parts.extend([self.media_script.0.as_str(), self.media_script.1.as_str()]);
        let mut recipe = crate::render::recipe::Recipe::new("template");
        for part in parts {
            recipe.add(part.as_bytes());
        }
        recipe.finish().to_le_bytes().to_vec()
    }

    /// The document: the head's title and tags, the program's script, and
    /// the body (the pre-rendered page and its data) at the start of the
    /// template's `<body>`.
    pub fn render(&self, document: &Document, site_name: &str) -> String {
        let script = match (document.program, &self.start_script) {
            (Program::App, Some((name, _))) => {
                format!("<script type=\"module\" src=\"/{name}\"></script>")
            }
            (Program::App, None) => String::new(),
            (Program::Configurator, _) => {
                format!("<script type=\"module\" src=\"/{CONFIGURATOR_START}\"></script>")
            }
            (Program::Offline, _) => format!(
                "<script type=\"module\" src=\"/{}\"></script>",
                OFFLINE_SCRIPT
            ),
        };
        let after = self.after_title.replace(SCRIPT_SLOT, &script);
        let after = match after.find("<body>") {
            Some(i) => {
                let open = match document.route {
                    Some(route) => format!("<body {ROUTE_ATTR}=\"{}\">", escape(route)),
                    None => "<body>".to_owned(),
                };
                format!(
                    "{}{open}{}{}",
                    &after[..i],
                    document.body,
                    &after[i + "<body>".len()..]
                )
            }
            None => format!("{after}{}", document.body),
        };
        let mut head = document.head.tags(site_name);
        if !document.extra_head.is_empty() {
            head.push_str("\n    ");
            head.push_str(document.extra_head);
        }
        format!(
            "{}<title>{}</title>\n    {head}{after}",
            self.before_title,
            escape(&document.head.document_title(site_name)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_scripts_lose_comment_lines_and_indentation_only() {
        let cases = [
            (
                "// note\nconst a = 1; // kept\n\n  if (a) {\n    b();\n  }\n",
                "const a = 1; // kept\nif (a) {\nb();\n}\n",
            ),
            ("const url = 'http://x/';\n", "const url = 'http://x/';\n"),
        ];
        for (code, want) in cases {
            assert_eq!(compact_js(code), want);
        }
    }

    #[test]
    fn the_app_is_imported_where_it_stands() {
        let cases = [
            (
                "import init, * as bindings from '/bantin-1.js';\nawait init();",
                "const bindings = await import('/bantin-1.js');\nconst init = bindings.default;\nawait init();",
            ),
            // Anything else is left as it is.
            ("import x from '/y.js';", "import x from '/y.js';"),
            ("const a = 1;", "const a = 1;"),
        ];
        for (code, want) in cases {
            assert_eq!(dynamic_imports(code), want);
        }
    }

    fn document<'a>(head: &'a Head, program: Program) -> Document<'a> {
        Document {
            head,
            extra_head: "",
            route: Some("/"),
            body: "<p>page</p>",
            program,
        }
    }

    const TRUNK: &str = "<!doctype html>\n<html><head>\n<title>Bản tin</title>\n\
        <link rel=\"icon\" href=\"/favicon-1.svg\" integrity=\"sha384-abc\"/>\n\
        <link rel=\"stylesheet\" href=\"/main-1.css\" integrity=\"sha384-def\"/>\n\
        <!-- for developers -->\n\
        <link rel=\"modulepreload\" href=\"/bantin-1.js\">\n\
        <script type=\"module\">\nimport init from '/bantin-1.js';\n</script>\n\
        </head><body></body></html>";

    #[test]
    fn documents_get_their_head_and_program() {
        let template = Template::parse(TRUNK).expect("template");
        let head = Head {
            title: "A & B".into(),
            canonical: "https://x.vn/".into(),
            og_type: "website",
            ..Head::default()
        };
        let app = template.render(&document(&head, Program::App), "Đài");
        assert!(app.contains("<title>A &amp; B – Đài</title>"), "{app}");
        assert!(app.contains(r#"<link rel="canonical" href="https://x.vn/" data-bantin-head>"#));
        assert_eq!(app.matches("<title>").count(), 1);
        let (name, code) = template.start_script.clone().expect("start script");
        assert!(code.contains("import init from '/bantin-1.js';"));
        assert!(app.contains(&format!(
            "<script type=\"module\" src=\"/{name}\"></script>"
        )));
        assert!(app.contains("<body data-bantin-path=\"/\"><p>page</p></body>"));

        let configurator = template.render(&document(&head, Program::Configurator), "Đài");
        assert!(configurator.contains("src=\"/configurator/start.js\""));
        assert!(!configurator.contains("start-"), "{configurator}");
    }

    #[test]
    fn trunk_markup_is_made_valid() {
        let template = Template::parse(TRUNK).expect("template");
        let head = Head::default();
        let html = template.render(&document(&head, Program::App), "Đài");
        assert!(
            html.contains("<link rel=\"icon\" href=\"/favicon-1.svg\"/>"),
            "{html}"
        );
        assert!(
            html.contains("integrity=\"sha384-def\""),
            "style sheets keep theirs"
        );
        assert!(!html.contains("<!--"), "{html}");
        assert!(!html.contains("modulepreload"), "{html}");
        assert!(!html.contains('\u{0}'));
    }
}
