//! Vietnamese folding: one function for the indexer (native) and the app
//! (wasm). A table of the precomposed Vietnamese letters does the work, so
//! no general Unicode tables are linked into the app; decomposed input
//! (NFD, as some keyboards and Macs write it) folds the same because the
//! combining marks are simply dropped.

/// Every precomposed Vietnamese letter with a mark, upper and lower case,
/// sorted by code point: (letter, its lower case, its base ASCII letter).
const LETTERS: [(char, char, u8); 134] = [
    ('À', 'à', b'a'),
    ('Á', 'á', b'a'),
    ('Â', 'â', b'a'),
    ('Ã', 'ã', b'a'),
    ('È', 'è', b'e'),
    ('É', 'é', b'e'),
    ('Ê', 'ê', b'e'),
    ('Ì', 'ì', b'i'),
    ('Í', 'í', b'i'),
    ('Ò', 'ò', b'o'),
    ('Ó', 'ó', b'o'),
    ('Ô', 'ô', b'o'),
    ('Õ', 'õ', b'o'),
    ('Ù', 'ù', b'u'),
    ('Ú', 'ú', b'u'),
    ('Ý', 'ý', b'y'),
    ('à', 'à', b'a'),
    ('á', 'á', b'a'),
    ('â', 'â', b'a'),
    ('ã', 'ã', b'a'),
    ('è', 'è', b'e'),
    ('é', 'é', b'e'),
    ('ê', 'ê', b'e'),
    ('ì', 'ì', b'i'),
    ('í', 'í', b'i'),
    ('ò', 'ò', b'o'),
    ('ó', 'ó', b'o'),
    ('ô', 'ô', b'o'),
    ('õ', 'õ', b'o'),
    ('ù', 'ù', b'u'),
    ('ú', 'ú', b'u'),
    ('ý', 'ý', b'y'),
    ('Ă', 'ă', b'a'),
    ('ă', 'ă', b'a'),
    ('Đ', 'đ', b'd'),
    ('đ', 'đ', b'd'),
    ('Ĩ', 'ĩ', b'i'),
    ('ĩ', 'ĩ', b'i'),
    ('Ũ', 'ũ', b'u'),
    ('ũ', 'ũ', b'u'),
    ('Ơ', 'ơ', b'o'),
    ('ơ', 'ơ', b'o'),
    ('Ư', 'ư', b'u'),
    ('ư', 'ư', b'u'),
    ('Ạ', 'ạ', b'a'),
    ('ạ', 'ạ', b'a'),
    ('Ả', 'ả', b'a'),
    ('ả', 'ả', b'a'),
    ('Ấ', 'ấ', b'a'),
    ('ấ', 'ấ', b'a'),
    ('Ầ', 'ầ', b'a'),
    ('ầ', 'ầ', b'a'),
    ('Ẩ', 'ẩ', b'a'),
    ('ẩ', 'ẩ', b'a'),
    ('Ẫ', 'ẫ', b'a'),
    ('ẫ', 'ẫ', b'a'),
    ('Ậ', 'ậ', b'a'),
    ('ậ', 'ậ', b'a'),
    ('Ắ', 'ắ', b'a'),
    ('ắ', 'ắ', b'a'),
    ('Ằ', 'ằ', b'a'),
    ('ằ', 'ằ', b'a'),
    ('Ẳ', 'ẳ', b'a'),
    ('ẳ', 'ẳ', b'a'),
    ('Ẵ', 'ẵ', b'a'),
    ('ẵ', 'ẵ', b'a'),
    ('Ặ', 'ặ', b'a'),
    ('ặ', 'ặ', b'a'),
    ('Ẹ', 'ẹ', b'e'),
    ('ẹ', 'ẹ', b'e'),
    ('Ẻ', 'ẻ', b'e'),
    ('ẻ', 'ẻ', b'e'),
    ('Ẽ', 'ẽ', b'e'),
    ('ẽ', 'ẽ', b'e'),
    ('Ế', 'ế', b'e'),
    ('ế', 'ế', b'e'),
    ('Ề', 'ề', b'e'),
    ('ề', 'ề', b'e'),
    ('Ể', 'ể', b'e'),
    ('ể', 'ể', b'e'),
    ('Ễ', 'ễ', b'e'),
    ('ễ', 'ễ', b'e'),
    ('Ệ', 'ệ', b'e'),
    ('ệ', 'ệ', b'e'),
    ('Ỉ', 'ỉ', b'i'),
    ('ỉ', 'ỉ', b'i'),
    ('Ị', 'ị', b'i'),
    ('ị', 'ị', b'i'),
    ('Ọ', 'ọ', b'o'),
    ('ọ', 'ọ', b'o'),
    ('Ỏ', 'ỏ', b'o'),
    ('ỏ', 'ỏ', b'o'),
    ('Ố', 'ố', b'o'),
    ('ố', 'ố', b'o'),
    ('Ồ', 'ồ', b'o'),
    ('ồ', 'ồ', b'o'),
    ('Ổ', 'ổ', b'o'),
    ('ổ', 'ổ', b'o'),
    ('Ỗ', 'ỗ', b'o'),
    ('ỗ', 'ỗ', b'o'),
    ('Ộ', 'ộ', b'o'),
    ('ộ', 'ộ', b'o'),
    ('Ớ', 'ớ', b'o'),
    ('ớ', 'ớ', b'o'),
    ('Ờ', 'ờ', b'o'),
    ('ờ', 'ờ', b'o'),
    ('Ở', 'ở', b'o'),
    ('ở', 'ở', b'o'),
    ('Ỡ', 'ỡ', b'o'),
    ('ỡ', 'ỡ', b'o'),
    ('Ợ', 'ợ', b'o'),
    ('ợ', 'ợ', b'o'),
    ('Ụ', 'ụ', b'u'),
    ('ụ', 'ụ', b'u'),
    ('Ủ', 'ủ', b'u'),
    ('ủ', 'ủ', b'u'),
    ('Ứ', 'ứ', b'u'),
    ('ứ', 'ứ', b'u'),
    ('Ừ', 'ừ', b'u'),
    ('ừ', 'ừ', b'u'),
    ('Ử', 'ử', b'u'),
    ('ử', 'ử', b'u'),
    ('Ữ', 'ữ', b'u'),
    ('ữ', 'ữ', b'u'),
    ('Ự', 'ự', b'u'),
    ('ự', 'ự', b'u'),
    ('Ỳ', 'ỳ', b'y'),
    ('ỳ', 'ỳ', b'y'),
    ('Ỵ', 'ỵ', b'y'),
    ('ỵ', 'ỵ', b'y'),
    ('Ỷ', 'ỷ', b'y'),
    ('ỷ', 'ỷ', b'y'),
    ('Ỹ', 'ỹ', b'y'),
    ('ỹ', 'ỹ', b'y'),
];

/// Combining diacritical marks (NFD tones and vowel marks).
fn is_mark(c: char) -> bool {
    ('\u{300}'..='\u{36f}').contains(&c)
}

fn letter(c: char) -> Option<(char, u8)> {
    LETTERS
        .binary_search_by(|(l, _, _)| l.cmp(&c))
        .ok()
        .map(|i| (LETTERS[i].1, LETTERS[i].2))
}

/// Letters, digits and marks. Written as ranges of what separates (ASCII
/// and Latin-1 punctuation, the punctuation, symbol and emoji blocks)
/// rather than with `char::is_alphanumeric`, whose Unicode tables would
/// weigh on the app for text that is Vietnamese.
fn is_syllable_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    !matches!(c,
        '\u{80}'..='\u{bf}' | '\u{d7}' | '\u{f7}'
        | '\u{2000}'..='\u{2bff}'
        | '\u{3000}'..='\u{303f}'
        | '\u{fe30}'..='\u{fe6f}'
        | '\u{ff00}'..='\u{ff0f}' | '\u{ff1a}'..='\u{ff20}'
        | '\u{fff0}'..='\u{ffff}'
        | '\u{1f000}'..='\u{1faff}')
}

/// The byte spans of the syllables of `text`: runs of letters, digits and
/// combining marks; anything else separates.
pub fn syllables(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, _) = chars.by_ref().find(|&(_, c)| is_syllable_char(c))?;
        let mut end = text.len();
        while let Some(&(i, c)) = chars.peek() {
            if !is_syllable_char(c) {
                end = i;
                break;
            }
            chars.next();
        }
        Some((start, end))
    })
}

/// Lower case with the marks kept: the form a reader typed (`Bóng` → `bóng`).
/// Vietnamese and ASCII letters only: other scripts stay as written (their
/// case tables would weigh on the app).
pub fn lower(syllable: &str) -> String {
    let mut out = String::with_capacity(syllable.len());
    lower_into(syllable, &mut out);
    out
}

/// [`lower`], appended to `out` (no allocation when it has room).
pub fn lower_into(syllable: &str, out: &mut String) {
    for c in syllable.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some((lower, _)) = letter(c) {
            out.push(lower);
        } else {
            out.push(c);
        }
    }
}

/// Lower case, tone and vowel marks removed, `đ` → `d`: `Nghị` → `nghi`.
pub fn fold(syllable: &str) -> String {
    let mut out = String::with_capacity(syllable.len());
    fold_into(syllable, &mut out);
    out
}

/// [`fold`], appended to `out`.
pub fn fold_into(syllable: &str, out: &mut String) {
    for c in syllable.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some((_, base)) = letter(c) {
            out.push(char::from(base));
        } else if !is_mark(c) {
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table, written out readably: each row's letters after its base,
    /// lower and upper case in the same order.
    const ROWS: [(&str, &str); 7] = [
        ("aàáảãạăằắẳẵặâầấẩẫậ", "AÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
        ("eèéẻẽẹêềếểễệ", "EÈÉẺẼẸÊỀẾỂỄỆ"),
        ("iìíỉĩị", "IÌÍỈĨỊ"),
        ("oòóỏõọôồốổỗộơờớởỡợ", "OÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
        ("uùúủũụưừứửữự", "UÙÚỦŨỤƯỪỨỬỮỰ"),
        ("yỳýỷỹỵ", "YỲÝỶỸỴ"),
        ("dđ", "DĐ"),
    ];

    #[test]
    fn table_is_sorted_and_complete() {
        assert!(LETTERS.windows(2).all(|w| w[0].0 < w[1].0));
        let mut count = 0;
        for (lower_row, upper_row) in ROWS {
            let base = lower_row.chars().next().expect("a base letter");
            for (l, u) in lower_row.chars().zip(upper_row.chars()).skip(1) {
                assert_eq!(letter(l), Some((l, base as u8)), "{l}");
                assert_eq!(letter(u), Some((l, base as u8)), "{u}");
                assert_eq!(u.to_lowercase().next(), Some(l), "{u}");
                count += 2;
            }
        }
        assert_eq!(count, LETTERS.len());
    }

    #[test]
    fn folds() {
        let cases = [
            ("Đà", "da", "đà"),
            ("Nẵng", "nang", "nẵng"),
            ("Nghị", "nghi", "nghị"),
            ("quyết", "quyet", "quyết"),
            ("BÓNG", "bong", "bóng"),
            ("ĐÁ", "da", "đá"),
            ("bông", "bong", "bông"),
            ("2024", "2024", "2024"),
            // NFD: o + combining acute; d with stroke stays a letter.
            ("bo\u{301}ng", "bong", "bo\u{301}ng"),
            // Outside Vietnamese, letters stay as written.
            ("Ä", "Ä", "Ä"),
        ];
        for (input, folded, lowered) in cases {
            assert_eq!(fold(input), folded, "fold {input:?}");
            assert_eq!(lower(input), lowered, "lower {input:?}");
        }
    }

    #[test]
    fn splits_syllables() {
        let cases: [(&str, &[&str]); 7] = [
            ("“Bóng đá” – «vui»…", &["Bóng", "đá", "vui"]),
            ("x😀y", &["x", "y"]),
            ("Đà Nẵng", &["Đà", "Nẵng"]),
            ("  bóng-đá, 2024!", &["bóng", "đá", "2024"]),
            ("<b>x</b>", &["b", "x", "b"]),
            ("bo\u{301}ng đa\u{301}", &["bo\u{301}ng", "đa\u{301}"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = syllables(text).map(|(s, e)| &text[s..e]).collect();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
