//! Our scripts' placeholders (`__NAME__` in `src/js/*.js`), filled one
//! typed way: a value is inserted as JSON (a string gets its quotes, and
//! nothing in it can end a `<script>`), or as code we wrote. A placeholder
//! left unfilled, or a value with no placeholder, is an error, so a script
//! and the Rust that fills it cannot drift apart unnoticed.

use anyhow::{bail, Result};

/// What goes in place of a placeholder.
pub enum Value<'a> {
    /// A JSON value: a string, a number, a list.
    Json(serde_json::Value),
    /// JavaScript as it is: a regular expression literal, the app's
    /// start-up code.
    Code(&'a str),
}

impl Value<'_> {
    pub fn text(text: &str) -> Value<'static> {
        Value::Json(serde_json::Value::from(text))
    }
}

/// `code` with each `(name, value)` filled in, `name` without its
/// underscores (`BUILD` for `__BUILD__`).
pub fn fill(code: &str, values: &[(&str, Value)]) -> Result<String> {
    let mut out = code.to_owned();
    for (name, value) in values {
        let placeholder = format!("__{name}__");
        if !out.contains(&placeholder) {
            bail!("the script has no placeholder {placeholder}");
        }
        let text = match value {
            Value::Json(json) => crate::markup::json_for_script(json),
            Value::Code(code) => (*code).to_owned(),
        };
        out = out.replace(&placeholder, &text);
    }
    if let Some(left) = unfilled(&out) {
        bail!("the script's placeholder {left} was not filled");
    }
    Ok(out)
}

/// The first `__NAME__` (capitals and `_`) left in `code`.
fn unfilled(code: &str) -> Option<&str> {
    code.match_indices("__").find_map(|(at, _)| {
        let rest = &code[at + 2..];
        let len = rest
            .find(|c: char| !(c.is_ascii_uppercase() || c == '_'))
            .unwrap_or(rest.len());
        let name = rest[..len].strip_suffix("__")?;
        (!name.is_empty() && !name.starts_with('_')).then(|| &code[at..at + 2 + len])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_go_in_typed_and_nothing_is_left() {
        let code = "const B = __BUILD__; const S = __SHELL__; const R = __PATH__; __BUILD__;";
        let filled = fill(
            code,
            &[
                ("BUILD", Value::text("ab</script>")),
                ("SHELL", Value::Json(serde_json::json!(["/a.js", "/b.css"]))),
                ("PATH", Value::Code(r"/^\/a\/(\d+)\/$/")),
            ],
        )
        .expect("filled");
        assert_eq!(
            filled,
            r#"const B = "ab\u003c/script\u003e"; const S = ["/a.js","/b.css"]; const R = /^\/a\/(\d+)\/$/; "ab\u003c/script\u003e";"#
        );
        // A placeholder left, or a value with nowhere to go: errors.
        let left = fill(code, &[("BUILD", Value::text("x"))]).expect_err("SHELL left");
        assert!(left.to_string().contains("__SHELL__"), "{left}");
        let nowhere = fill("x", &[("BUILD", Value::text("x"))]).expect_err("no BUILD");
        assert!(nowhere.to_string().contains("__BUILD__"), "{nowhere}");
        // Other underscores are code.
        assert_eq!(
            fill("a.__proto__ = __x; ___", &[]).expect("no placeholder"),
            "a.__proto__ = __x; ___"
        );
    }
}
