//! Text helpers for source files: normalisation, slugs, author lists.

use unicode_normalization::UnicodeNormalization;

/// NFC with tabs as spaces and trailing white space removed: exported
/// files arrive decomposed (NFD) and with stray spaces and tabs, and all
/// of it breaks comparisons and slugs.
pub fn normalize(line: &str) -> String {
    let untabbed;
    let line = if line.contains('\t') {
        untabbed = line.replace('\t', " ");
        untabbed.trim_end()
    } else {
        line.trim_end()
    };
    // Most lines already are NFC; the quick checks skip the rewrite.
    if surely_nfc(line) {
        return line.to_owned();
    }
    match unicode_normalization::is_nfc_quick(line.chars()) {
        unicode_normalization::IsNormalized::Yes => line.to_owned(),
        _ => line.nfc().collect(),
    }
}

/// Whether every character of `line` is one that NFC keeps as it is and
/// never combines with a neighbour: Latin up to the combining marks,
/// Vietnamese's precomposed letters, dashes and quotes. A range test per
/// character, where the full quick check looks up two tables: a
/// Vietnamese archive is mostly such lines.
fn surely_nfc(line: &str) -> bool {
    line.chars().all(|c| {
        let u = u32::from(c);
        u < 0x300 || (0x1EA0..0x1EFA).contains(&u) || (0x2010..0x2028).contains(&u)
    })
}

/// The first character of `line` no article may hold
/// ([`is_forbidden`]), with its column (in characters, from 1). Only the
/// bytes that can begin one are decoded: a control character's, `C2`
/// (U+0080–U+009F), `E2` (U+2000–U+2FFF, the bidirectional marks) and
/// `EF` (U+F000–U+FFFF, the noncharacters); each is a character's first
/// byte in UTF-8.
pub fn first_forbidden(line: &str) -> Option<(usize, char)> {
    let bytes = line.as_bytes();
    let mut from = 0;
    while let Some(i) = bytes[from..]
        .iter()
        .position(|&b| (b < 0x20 && b != b'\t') || matches!(b, 0x7F | 0xC2 | 0xE2 | 0xEF))
    {
        let at = from + i;
        let c = line[at..].chars().next()?;
        if is_forbidden(c) {
            return Some((line[..at].chars().count() + 1, c));
        }
        from = at + c.len_utf8();
    }
    None
}

/// Characters no article may hold (docs/architecture.md, “Source format”): control characters other
/// than tab, the noncharacters U+FFFE and U+FFFF (invalid in XML), and the
/// bidirectional overrides and isolates, which reorder what readers see.
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\t')
        || matches!(c, '\u{FFFE}' | '\u{FFFF}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// How to fix a forbidden character, wherever it was pasted.
pub const INVISIBLE_HINT: &str = "delete it (it often comes with text pasted from another program)";

/// `{what} is N characters long; at most {max} are allowed`, when `text`
/// is over `max` characters: the one wording of every length limit.
pub fn too_long(what: &str, text: &str, max: usize) -> Option<String> {
    let n = text.chars().count();
    (n > max).then(|| format!("{what} is {n} characters long; at most {max} are allowed"))
}

/// Longest slug, in bytes (slugs are ASCII).
pub const SLUG_MAX: usize = 80;

/// `Ban chỉ đạo 35…` → `ban-chi-dao-35-…`: diacritics folded (`đ` → `d`),
/// lower case, words joined by `-`, at most [`SLUG_MAX`] characters, cut at a
/// word boundary.
pub fn slugify(title: &str) -> String {
    let ascii = deunicode::deunicode(title).to_ascii_lowercase();
    let mut slug = String::with_capacity(SLUG_MAX);
    for word in ascii.split(|c: char| !c.is_ascii_alphanumeric()) {
        if word.is_empty() {
            continue;
        }
        let extra = if slug.is_empty() { 0 } else { 1 } + word.len();
        if slug.len() + extra > SLUG_MAX {
            if slug.is_empty() {
                // One giant word: cutting inside it is the only way.
                slug.push_str(&word[..SLUG_MAX]);
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    slug
}

/// Co-authors as written in a byline: `Ánh Tuyết-Xuân Thắng`,
/// `Thu Hà, Văn Nam`, `Thu Hà và Văn Nam`.
pub fn split_authors(byline: &str) -> Vec<String> {
    byline
        .split(" và ")
        .flat_map(|part| part.split([',', '-', '–', ';']))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_composes_and_trims() {
        let cases = [
            // NFD "Tiên" (e + combining circumflex) becomes one code point.
            ("Duy Tie\u{0302}n  ", "Duy Tiên"),
            ("Thu\u{031B}\u{0301}c \t", "Thức"),
            ("already NFC", "already NFC"),
            ("Tin\tmới", "Tin mới"),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(normalize(input), want, "{input:?}");
        }
    }

    #[test]
    fn forbidden_characters() {
        let forbidden = [
            '\u{0}', '\u{b}', '\u{c}', '\r', '\u{7f}', '\u{85}', '\u{fffe}', '\u{ffff}',
            '\u{202e}', '\u{2067}',
        ];
        let allowed = [
            '\t', ' ', 'đ', '\u{200b}', '\u{200f}', '\u{2028}', '😀', '\u{fffd}',
        ];
        for c in forbidden {
            assert!(is_forbidden(c), "{c:?}");
        }
        for c in allowed {
            assert!(!is_forbidden(c), "{c:?}");
        }
    }

    #[test]
    fn slugs() {
        let sample = "Ban chỉ đạo 35 thị xã Duy Tiên tổ chức sơ kết hoạt động 6 tháng đầu năm, triển khai nhiệm vụ trọng tâm 6 tháng cuối năm 2024";
        let cases = [
            (
                sample,
                "ban-chi-dao-35-thi-xa-duy-tien-to-chuc-so-ket-hoat-dong-6-thang-dau-nam-trien",
            ),
            ("Đường Đông Đô", "duong-dong-do"),
            ("  Giá lúa: tăng 5%!  ", "gia-lua-tang-5"),
            ("<script>alert(1)</script>", "script-alert-1-script"),
            ("Ưu đãi “Xuân 2025” — Hà Nam", "uu-dai-xuan-2025-ha-nam"),
            ("!!!", ""),
        ];
        for (title, want) in cases {
            assert_eq!(slugify(title), want, "{title:?}");
        }
    }

    #[test]
    fn slug_is_bounded_and_cut_at_a_word() {
        let long = "một ".repeat(100);
        let slug = slugify(&long);
        assert!(slug.len() <= SLUG_MAX);
        assert!(slug.split('-').all(|w| w == "mot"), "{slug}");
        let one_word = "a".repeat(200);
        assert_eq!(slugify(&one_word).len(), SLUG_MAX);
    }

    #[test]
    fn authors() {
        let cases: [(&str, &[&str]); 6] = [
            ("Ánh Tuyết-Xuân Thắng", &["Ánh Tuyết", "Xuân Thắng"]),
            ("Thu Hà và Văn Nam", &["Thu Hà", "Văn Nam"]),
            (
                "Thu Hà, Văn Nam và Minh Đức",
                &["Thu Hà", "Văn Nam", "Minh Đức"],
            ),
            ("Hồng Nhung", &["Hồng Nhung"]),
            ("Thanh Tâm - Quốc Việt", &["Thanh Tâm", "Quốc Việt"]),
            ("", &[]),
        ];
        for (byline, want) in cases {
            assert_eq!(split_authors(byline), want, "{byline:?}");
        }
    }

    #[test]
    fn the_sure_nfc_characters_are_nfc_alone_and_never_combine() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{is_nfc_quick, IsNormalized};
        let sure = (0..0x300).chain(0x1EA0..0x1EFA).chain(0x2010..0x2028);
        for u in sure {
            let Some(c) = char::from_u32(u) else { continue };
            assert!(surely_nfc(&c.to_string()), "U+{u:04X}");
            assert_eq!(canonical_combining_class(c), 0, "U+{u:04X}");
            assert_eq!(
                is_nfc_quick(std::iter::once(c)),
                IsNormalized::Yes,
                "U+{u:04X}"
            );
        }
        // A decomposed letter or an en quad (NFC maps it) is not sure.
        for line in ["Vie\u{0302}\u{0323}t", "a\u{2000}b", "Ω"] {
            assert!(!surely_nfc(line), "{line:?}");
        }
        assert_eq!(normalize("Vie\u{0302}\u{0323}t Nam \t"), "Việt Nam");
    }

    #[test]
    fn first_forbidden_finds_what_a_scan_of_every_character_finds() {
        // Every character, alone and after Vietnamese text.
        for u in 0..=0x10FFFF {
            let Some(c) = char::from_u32(u) else { continue };
            let line = format!("Tin “mới” – {c}x");
            let want = line
                .chars()
                .enumerate()
                .find(|&(_, c)| is_forbidden(c))
                .map(|(i, c)| (i + 1, c));
            assert_eq!(first_forbidden(&line), want, "U+{u:04X}");
        }
        assert_eq!(first_forbidden("a\u{202E}b\u{0}"), Some((2, '\u{202E}')));
        assert_eq!(first_forbidden("\ttab ok"), None);
    }
}
