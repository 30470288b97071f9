//! Who may read the preview. It holds drafts and embargoed articles, and
//! it runs on the editor's machine, where any page open in their browser
//! can send it requests. It answers only requests addressed to itself by
//! name (`Host`: a DNS-rebinding page reaches 127.0.0.1 under its own
//! host name) and, when the browser says who asks (`Origin`), only its
//! own pages. It sends no CORS headers, so no other origin can read an
//! answer either (docs/security.md).

/// The names the preview is reached by, with its port.
fn own_hosts(port: u16) -> [String; 3] {
    [
        format!("127.0.0.1:{port}"),
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
    ]
}

/// Whether a request with these `Host` and `Origin` headers may be
/// answered. A request without `Host` (HTTP/1.0) is refused too: a
/// browser always sends one.
pub fn allowed(host: Option<&str>, origin: Option<&str>, port: u16) -> bool {
    let own = own_hosts(port);
    let is_own = |name: &str| own.iter().any(|o| o.eq_ignore_ascii_case(name));
    let host_ok = host.is_some_and(|h| is_own(h.trim()));
    let origin_ok = origin.is_none_or(|o| o.trim().strip_prefix("http://").is_some_and(is_own));
    host_ok && origin_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_preview_itself() {
        // (Host, Origin, allowed)
        let cases = [
            (Some("127.0.0.1:8080"), None, true),
            (Some("localhost:8080"), None, true),
            (Some("LOCALHOST:8080"), None, true),
            (Some("[::1]:8080"), None, true),
            (Some("127.0.0.1:8080"), Some("http://127.0.0.1:8080"), true),
            (Some("localhost:8080"), Some("http://localhost:8080"), true),
            // DNS rebinding: the attacker's name resolved to 127.0.0.1.
            (Some("evil.example:8080"), None, false),
            (
                Some("evil.example:8080"),
                Some("http://evil.example:8080"),
                false,
            ),
            (Some("127.0.0.1.nip.io:8080"), None, false),
            // Another page open in the editor's browser.
            (Some("127.0.0.1:8080"), Some("https://evil.example"), false),
            (Some("127.0.0.1:8080"), Some("http://127.0.0.1:9999"), false),
            (Some("127.0.0.1:8080"), Some("null"), false),
            (
                Some("127.0.0.1:8080"),
                Some("https://127.0.0.1:8080"),
                false,
            ),
            // Another port, no port, no Host at all.
            (Some("127.0.0.1:9999"), None, false),
            (Some("127.0.0.1"), None, false),
            (None, None, false),
        ];
        for (host, origin, want) in cases {
            assert_eq!(allowed(host, origin, 8080), want, "{host:?} {origin:?}");
        }
    }
}
