//! The partner widget's options (docs/architecture.md, “The partner widget”): attribute or query values in,
//! a valid configuration out; unknown or invalid values fall back to the
//! default. Shared by the widget and the app's configurator page.

pub const DEFAULT_LIMIT: usize = 5;
pub const MAX_LIMIT: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Theme {
    Light,
    Dark,
    Auto,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    List,
    Compact,
    Thumbs,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub category: Option<String>,
    pub limit: usize,
    pub theme: Theme,
    pub layout: Layout,
    pub show_date: bool,
    pub partner: Option<String>,
    /// Open links in a new tab (`_blank`, with `rel="noopener"`).
    pub new_tab: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            category: None,
            limit: DEFAULT_LIMIT,
            theme: Theme::Auto,
            layout: Layout::List,
            show_date: true,
            partner: None,
            new_tab: true,
        }
    }
}

/// A slug or an id: ASCII letters, digits, `-` and `_`, at most 64.
fn token(value: &str, allow_upper: bool) -> Option<String> {
    let v = value.trim();
    let ok = !v.is_empty()
        && v.len() <= 64
        && v.bytes().all(|b| {
            b.is_ascii_lowercase()
                || b.is_ascii_digit()
                || b == b'-'
                || (allow_upper && (b.is_ascii_uppercase() || b == b'_'))
        });
    ok.then(|| v.to_owned())
}

impl Options {
    /// Reads options by name (`category`, `limit`, `theme`, `layout`,
    /// `show-date`, `partner`, `target`).
    pub fn parse<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Options {
        let d = Options::default();
        Options {
            category: get("category").and_then(|v| token(v, false)),
            limit: get("limit")
                .and_then(|v| v.trim().parse::<i64>().ok())
                .map_or(d.limit, |n| n.clamp(1, MAX_LIMIT as i64) as usize),
            theme: match get("theme").map(str::trim) {
                Some("light") => Theme::Light,
                Some("dark") => Theme::Dark,
                _ => d.theme,
            },
            layout: match get("layout").map(str::trim) {
                Some("compact") => Layout::Compact,
                Some("thumbs") => Layout::Thumbs,
                _ => d.layout,
            },
            show_date: !matches!(get("show-date").map(str::trim), Some("false")),
            partner: get("partner").and_then(|v| token(v, true)),
            new_tab: !matches!(get("target").map(str::trim), Some("_self")),
        }
    }

    /// The data file for these options, on the site's origin.
    pub fn data_url(&self, origin: &str) -> String {
        crate::paths::headlines(self.category.as_deref()).replacen('/', &format!("{origin}/"), 1)
    }

    /// An article link, with the partner's UTM parameters when it has an id.
    pub fn link(&self, url: &str) -> String {
        match &self.partner {
            None => url.to_owned(),
            Some(id) => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}utm_source={id}&utm_medium=widget")
            }
        }
    }

    pub fn theme_class(&self) -> &'static str {
        match self.theme {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }

    pub fn layout_class(&self) -> &'static str {
        match self.layout {
            Layout::List => "list",
            Layout::Compact => "compact",
            Layout::Thumbs => "thumbs",
        }
    }

    /// The options that differ from the defaults, as `(name, value)` pairs:
    /// the `data-…` attributes of the script embed and the iframe's query.
    pub fn pairs(&self) -> Vec<(&'static str, String)> {
        let d = Options::default();
        let mut pairs = Vec::new();
        if let Some(category) = &self.category {
            pairs.push(("category", category.clone()));
        }
        pairs.push(("limit", self.limit.to_string()));
        if self.theme != d.theme {
            pairs.push(("theme", self.theme_class().to_owned()));
        }
        if self.layout != d.layout {
            pairs.push(("layout", self.layout_class().to_owned()));
        }
        if !self.show_date {
            pairs.push(("show-date", "false".to_owned()));
        }
        if let Some(partner) = &self.partner {
            pairs.push(("partner", partner.clone()));
        }
        if !self.new_tab {
            pairs.push(("target", "_self".to_owned()));
        }
        pairs
    }

    /// `category=…&limit=…` (every value is a plain ASCII token).
    pub fn query(&self) -> String {
        self.pairs()
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The box's height in pixels once filled, reserved before the data
    /// arrives so that nothing on the partner's page moves.
    pub fn reserved_height(&self) -> u32 {
        let row = match (self.layout, self.show_date) {
            (Layout::Compact, _) => 36,
            (Layout::Thumbs, _) => 76,
            (Layout::List, true) => 76,
            (Layout::List, false) => 58,
        };
        HEADER_HEIGHT + row * self.limit as u32
    }
}

impl Options {
    /// The two embed snippets (script, iframe) for a site at `site_url`,
    /// with the box's height reserved so that the partner's page does not
    /// move when the headlines arrive.
    pub fn snippets(&self, site_url: &str) -> (String, String) {
        let height = self.reserved_height() + 2;
        let attributes: String = self
            .pairs()
            .iter()
            .map(|(k, v)| format!(" data-{k}=\"{v}\""))
            .collect();
        // `data-site`: on a page that embeds several newsrooms, each
        // script mounts only the boxes naming its own site.
        let script = format!(
            "<div data-bantin-headlines data-site=\"{site_url}\"{attributes} style=\"min-height:{height}px\"></div>\n\
             <script async src=\"{site_url}/embed.js\"></script>"
        );
        let iframe = format!(
            "<iframe src=\"{site_url}/embed/headlines/?{}\"\n        title=\"Tin mới\" loading=\"lazy\" style=\"border:0;width:100%;height:{height}px\"\n        sandbox=\"{FRAME_SANDBOX}\"\n        referrerpolicy=\"{FRAME_REFERRER}\"></iframe>",
            self.query()
        );
        (script, iframe)
    }

    /// The live preview's inline style: the height the snippets reserve.
    pub fn preview_style(&self) -> String {
        format!(
            "border:0;width:100%;height:{}px",
            self.reserved_height() + 2
        )
    }
}

/// The configurator page's element ids: rendered by `bantin_views`, run by
/// `bantin-configurator`, named once here.
pub mod ids {
    pub const FORM: &str = "w-form";
    pub const CATEGORY: &str = "w-category";
    pub const LIMIT: &str = "w-limit";
    pub const THEME: &str = "w-theme";
    pub const LAYOUT: &str = "w-layout";
    pub const SHOW_DATE: &str = "w-show-date";
    pub const NEW_TAB: &str = "w-new-tab";
    pub const PARTNER: &str = "w-partner";
    pub const PREVIEW: &str = "w-preview";
    pub const SCRIPT: &str = "w-script";
    pub const IFRAME: &str = "w-iframe";
}

/// The iframe embed's sandbox: scripts run (the widget is wasm), links
/// open a new tab that is not sandboxed (`_blank`) or the whole tab on a
/// reader's click (`_self`); no same-origin access, forms, modals,
/// downloads, or navigating the partner's page without a click. The
/// frame's height reaches the page by `postMessage`, which needs nothing.
pub const FRAME_SANDBOX: &str = "allow-scripts allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation";

/// The iframe embed tells the site the partner's origin, not the page.
pub const FRAME_REFERRER: &str = "strict-origin";

/// The header row's height in pixels (see the widget's CSS).
pub const HEADER_HEIGHT: u32 = 44;

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(pairs: &[(&'static str, &'static str)]) -> Options {
        Options::parse(|name| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| *v))
    }

    #[test]
    fn snippets_carry_the_options_and_reserve_the_height() {
        let options = parse(&[("category", "y-te"), ("limit", "2"), ("partner", "p-1")]);
        let (script, iframe) = options.snippets("https://x.vn");
        assert_eq!(
            script,
            "<div data-bantin-headlines data-site=\"https://x.vn\" data-category=\"y-te\" data-limit=\"2\" data-partner=\"p-1\" style=\"min-height:198px\"></div>\n<script async src=\"https://x.vn/embed.js\"></script>"
        );
        assert!(iframe.starts_with(
            "<iframe src=\"https://x.vn/embed/headlines/?category=y-te&limit=2&partner=p-1\""
        ));
        assert!(
            iframe.contains(" sandbox=\"allow-scripts allow-popups"),
            "{iframe}"
        );
        assert!(!iframe.contains("allow-same-origin"), "{iframe}");
        assert!(
            iframe.contains(" referrerpolicy=\"strict-origin\""),
            "{iframe}"
        );
        assert!(iframe.contains("height:198px\"\n"), "{iframe}");
        assert!(iframe.ends_with("></iframe>"), "{iframe}");
        assert_eq!(options.preview_style(), "border:0;width:100%;height:198px");
    }

    #[test]
    fn defaults() {
        assert_eq!(parse(&[]), Options::default());
    }

    #[test]
    #[allow(
        clippy::too_many_lines,
        reason = "a table: one row per value and fallback"
    )]
    fn values_and_fallbacks() {
        let cases: Vec<(&[(&str, &str)], Options)> = vec![
            (
                &[("category", "chinh-tri")],
                Options {
                    category: Some("chinh-tri".into()),
                    ..Options::default()
                },
            ),
            (&[("category", "../site")], Options::default()),
            (&[("category", "Chính trị")], Options::default()),
            (
                &[("limit", "12")],
                Options {
                    limit: 12,
                    ..Options::default()
                },
            ),
            (
                &[("limit", "0")],
                Options {
                    limit: 1,
                    ..Options::default()
                },
            ),
            (
                &[("limit", "99")],
                Options {
                    limit: 20,
                    ..Options::default()
                },
            ),
            (&[("limit", "năm")], Options::default()),
            (
                &[("theme", "dark")],
                Options {
                    theme: Theme::Dark,
                    ..Options::default()
                },
            ),
            (&[("theme", "neon")], Options::default()),
            (
                &[("layout", "thumbs")],
                Options {
                    layout: Layout::Thumbs,
                    ..Options::default()
                },
            ),
            (&[("layout", "grid")], Options::default()),
            (
                &[("show-date", "false")],
                Options {
                    show_date: false,
                    ..Options::default()
                },
            ),
            (&[("show-date", "no")], Options::default()),
            (
                &[("partner", "truong_thpt-B")],
                Options {
                    partner: Some("truong_thpt-B".into()),
                    ..Options::default()
                },
            ),
            (&[("partner", "x\"><script>")], Options::default()),
            (
                &[("target", "_self")],
                Options {
                    new_tab: false,
                    ..Options::default()
                },
            ),
            (&[("target", "_top")], Options::default()),
        ];
        for (pairs, want) in cases {
            assert_eq!(parse(pairs), want, "{pairs:?}");
        }
    }

    #[test]
    fn pairs_round_trip_through_a_query() {
        let cases = [
            Options::default(),
            parse(&[
                ("category", "y-te"),
                ("limit", "9"),
                ("theme", "dark"),
                ("layout", "thumbs"),
            ]),
            parse(&[
                ("show-date", "false"),
                ("partner", "p_1"),
                ("target", "_self"),
            ]),
        ];
        for options in cases {
            let query = options.query();
            let pairs: Vec<(String, String)> = query
                .split('&')
                .filter_map(|p| p.split_once('='))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect();
            let back = Options::parse(|name| {
                pairs
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            });
            assert_eq!(back, options, "{query}");
        }
        assert_eq!(Options::default().query(), "limit=5");
    }

    #[test]
    fn links_and_data() {
        let plain = Options::default();
        assert_eq!(plain.link("https://s.vn/a/1/x/"), "https://s.vn/a/1/x/");
        let partner = parse(&[("partner", "thpt-a"), ("category", "y-te")]);
        assert_eq!(
            partner.link("https://s.vn/a/1/x/"),
            "https://s.vn/a/1/x/?utm_source=thpt-a&utm_medium=widget"
        );
        assert_eq!(
            partner.data_url("https://s.vn"),
            "https://s.vn/api/v1/headlines/y-te.json"
        );
        assert_eq!(
            plain.data_url("https://s.vn"),
            "https://s.vn/api/v1/headlines/all.json"
        );
    }
}
