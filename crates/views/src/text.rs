//! Small pure text helpers for views.

/// At most `max` characters of `text`, cut at a word, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    // Cut where a word ends: right here if the next character is a space.
    let ends_a_word = text.chars().nth(max).is_some_and(char::is_whitespace);
    let at_word = match cut.rfind(char::is_whitespace) {
        _ if ends_a_word => cut.as_str(),
        Some(i) if i > 0 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", at_word.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// Percent-encodes everything but `A-Z a-z 0-9 - _ . ! ~ * ' ( )`, like
/// JavaScript's `encodeURIComponent`, for share links.
pub fn encode_uri_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for byte in s.bytes() {
        match byte {
            b'A'..=b'Z'
            | b'a'..=b'z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'~'
            | b'*'
            | b'\''
            | b'('
            | b')' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts() {
        let cases = [
            ("Ngắn gọn.", 20, "Ngắn gọn."),
            (
                "Ban chỉ đạo 35 thị xã Duy Tiên vừa tổ chức",
                20,
                "Ban chỉ đạo 35 thị…",
            ),
            ("Một, hai, ba, bốn", 9, "Một, hai…"),
            ("Liềnmộtchữrấtdài", 5, "Liềnm…"),
        ];
        for (text, max, want) in cases {
            assert_eq!(excerpt(text, max), want, "{text:?} / {max}");
        }
    }

    #[test]
    fn uri_components() {
        let cases = [
            ("https://x.vn/a/1/s/", "https%3A%2F%2Fx.vn%2Fa%2F1%2Fs%2F"),
            ("Tin nóng & mới", "Tin%20n%C3%B3ng%20%26%20m%E1%BB%9Bi"),
            ("a-b_c.d!~*'()", "a-b_c.d!~*'()"),
        ];
        for (input, want) in cases {
            assert_eq!(encode_uri_component(input), want);
        }
    }
}
