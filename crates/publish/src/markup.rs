//! Text into markup, in one place: HTML escaping, JSON inside `<script>`,
//! and Leptos's rendered markup made valid HTML.

pub use bantin_model::head::escape;

/// JSON safe inside `<script>`: no `</script>` or `<!--` can end it early.
pub fn json_for_script(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_owned())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// Leptos marks hydration boundaries with `<!>`, which browsers parse as
/// an empty comment but HTML calls a bogus comment (a validator error).
/// `<!---->` parses to the very same empty comment, so hydration sees the
/// same tree. Every `<` of text and attribute values is escaped by then,
/// so each `<!>` in the markup is a marker.
pub fn valid_comments(html: &str) -> String {
    html.replace("<!>", "<!---->")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_cannot_close_its_script() {
        let value = json!({ "headline": "</script><script>alert(1)</script> & <!--" });
        let out = json_for_script(&value);
        assert!(!out.contains('<') && !out.contains('>'), "{out}");
        let back: serde_json::Value = serde_json::from_str(&out).expect("still JSON");
        assert_eq!(back, value);
    }

    #[test]
    fn markers_become_empty_comments() {
        let cases = [
            ("<p>a<!>b</p>", "<p>a<!---->b</p>"),
            ("<!><!>", "<!----><!---->"),
            ("<p>&lt;!&gt;</p>", "<p>&lt;!&gt;</p>"),
            ("<!---->", "<!---->"),
        ];
        for (input, want) in cases {
            assert_eq!(valid_comments(input), want);
        }
    }
}
