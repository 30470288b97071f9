//! HTTP headers for static hosts that read a `_headers` file (Netlify,
//! Cloudflare Pages). `deploy/nginx.conf` states the same rules; an
//! end-to-end test compares the two on real responses.

use crate::output::sink::Sink;

/// The site's documents: scripts only from the site (plus WebAssembly),
/// framed only by the site itself. Styles allow `unsafe-inline` because
/// components set `style` attributes (an image's aspect ratio).
pub const CSP_SITE: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; connect-src 'self'; frame-src 'self' https://www.youtube-nocookie.com; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

/// The iframe embed: the same, but any partner may frame it.
pub const CSP_EMBED: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https: http:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors *";

/// Media: whatever a file in `media/` holds (an SVG or HTML with a script,
/// say), it is never run as a page of the site's origin.
pub const CSP_MEDIA: &str =
    "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";

/// HTTPS only, for a year, once a reader has reached the site over it.
/// Browsers ignore it over plain http, so it is safe on a site still
/// served that way; no `includeSubDomains`, since a station's other hosts
/// may not have TLS yet. Where TLS ends (a CDN, or nginx): docs/deploy.md.
pub const HSTS: &str = "max-age=31536000";

pub const HTML_CACHE: &str = "public, max-age=0, must-revalidate";
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const SHORT_CACHE: &str = "public, max-age=300";

/// `(path pattern, headers)`; patterns do not overlap, because hosts join
/// the values of every rule that matches and two policies would both apply.
/// Every rule ends with [`HSTS`].
pub fn rules() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let mut rules = own_rules();
    for (_, headers) in &mut rules {
        headers.push(("Strict-Transport-Security", HSTS));
    }
    rules
}

fn own_rules() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    let document = |csp| {
        vec![
            ("Content-Security-Policy", csp),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("Cache-Control", HTML_CACHE),
        ]
    };
    let cors = |cache| {
        vec![
            ("Access-Control-Allow-Origin", "*"),
            ("X-Content-Type-Options", "nosniff"),
            ("Cache-Control", cache),
        ]
    };
    let script_no_cache = vec![
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", "no-cache"),
    ];
    // Named after their content: never change; never sniffed either.
    let hashed = vec![
        ("X-Content-Type-Options", "nosniff"),
        ("Cache-Control", IMMUTABLE),
    ];
    let embed = {
        let mut h = cors(SHORT_CACHE);
        h.insert(0, ("Content-Security-Policy", CSP_EMBED));
        h
    };
    vec![
        ("/", document(CSP_SITE)),
        ("/index.html", document(CSP_SITE)),
        ("/404.html", document(CSP_SITE)),
        ("/a/*", document(CSP_SITE)),
        ("/c/*", document(CSP_SITE)),
        ("/tac-gia/*", document(CSP_SITE)),
        ("/tin-moi/*", document(CSP_SITE)),
        ("/chu-de/*", document(CSP_SITE)),
        ("/tim-kiem/*", document(CSP_SITE)),
        ("/ngoai-tuyen/*", document(CSP_SITE)),
        ("/manifest.webmanifest", document(CSP_SITE)),
        ("/icon-*", document(CSP_SITE)),
        ("/vi/*", document(CSP_SITE)),
        ("/widget/*", document(CSP_SITE)),
        // The configurator's module: not hashed, so revalidated like the page.
        ("/configurator/*", document(CSP_SITE)),
        // The service worker and the offline page's script: browsers look
        // for a new worker on every visit, so never from a cache.
        ("/sw.js", script_no_cache.clone()),
        ("/offline.js", script_no_cache),
        ("/api/*", cors(SHORT_CACHE)),
        ("/embed/*", embed),
        ("/embed.js", cors(SHORT_CACHE)),
        (
            "/media/*",
            vec![
                ("Content-Security-Policy", CSP_MEDIA),
                ("X-Content-Type-Options", "nosniff"),
                // Named after their content: never change.
                ("Cache-Control", IMMUTABLE),
            ],
        ),
        ("/bantin-*", hashed.clone()),
        ("/main-*", hashed.clone()),
        ("/favicon-*", hashed.clone()),
        ("/start-*", hashed.clone()),
        ("/media-*", hashed),
    ]
}

/// The headers a path gets: those of the rule whose pattern matches it
/// (`/x/*` matches everything under `/x/`, `/x-*` every name starting so).
pub fn for_path(path: &str) -> Vec<(&'static str, &'static str)> {
    rules()
        .into_iter()
        .find(|(pattern, _)| match pattern.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == *pattern,
        })
        .map(|(_, headers)| headers)
        .unwrap_or_default()
}

/// Writes `_headers`.
pub fn write(sink: &dyn Sink) -> anyhow::Result<()> {
    sink.put("_headers", file().as_bytes())
}

/// The `_headers` file.
pub fn file() -> String {
    let mut out =
        String::from("# Written by bantin build; deploy/nginx.conf states the same rules.\n");
    for (pattern, headers) in rules() {
        out.push_str(pattern);
        out.push('\n');
        for (name, value) in headers {
            out.push_str(&format!("  {name}: {value}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_path_gets_its_rule() {
        let cache = |path| {
            for_path(path)
                .into_iter()
                .find(|(name, _)| *name == "Cache-Control")
                .map(|(_, value)| value)
        };
        let cases = [
            ("/", Some(HTML_CACHE)),
            ("/a/1/tin/", Some(HTML_CACHE)),
            ("/api/v1/site.json", Some(SHORT_CACHE)),
            ("/media/anh-640.webp", Some(IMMUTABLE)),
            ("/bantin-abc_bg.wasm", Some(IMMUTABLE)),
            ("/sw.js", Some("no-cache")),
            ("/robots.txt", None),
        ];
        for (path, want) in cases {
            assert_eq!(cache(path), want, "{path}");
        }
        assert!(for_path("/c/thoi-su/")
            .iter()
            .any(|(name, value)| *name == "Content-Security-Policy" && *value == CSP_SITE));
        for path in [
            "/bantin-abc_bg.wasm",
            "/main-abc.css",
            "/start-abc.js",
            "/favicon-abc.ico",
        ] {
            assert!(
                for_path(path).contains(&("X-Content-Type-Options", "nosniff")),
                "{path}"
            );
        }
        for (pattern, headers) in rules() {
            assert!(
                headers.contains(&("Strict-Transport-Security", HSTS)),
                "{pattern}"
            );
        }
    }

    #[test]
    fn the_file_holds_every_rule_as_a_path_line_and_indented_headers() {
        let sink = crate::output::sink::MemorySink::default();
        write(&sink).expect("written");
        let text = sink.text("_headers").expect("_headers");
        for (pattern, headers) in rules() {
            let at = text
                .lines()
                .position(|line| line == pattern)
                .unwrap_or_else(|| panic!("no line {pattern} in:\n{text}"));
            let block: Vec<&str> = text
                .lines()
                .skip(at + 1)
                .take_while(|line| line.starts_with("  "))
                .collect();
            for (name, value) in headers {
                let line = format!("  {name}: {value}");
                assert!(block.contains(&line.as_str()), "{pattern}: {line}");
            }
        }
    }
}
