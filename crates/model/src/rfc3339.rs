//! RFC 3339 dates as the API writes them (`2024-07-05T14:40:29+07:00`,
//! `Z` for UTC), read and written by hand: chrono's general parser and
//! formatter would be most of chrono's weight in the wasm bundles.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Offset, TimeZone, Timelike};
use serde::{Deserialize, Deserializer, Serializer};

/// `2024-07-05T14:40:29+07:00`; a fraction of a second only when there
/// is one, in 3, 6 or 9 digits.
pub fn format(dt: &DateTime<FixedOffset>) -> String {
    let mut out = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    // Milli-, micro- or nanoseconds, as chrono writes them (`AutoSi`).
    let nanos = dt.nanosecond() % 1_000_000_000;
    if nanos == 0 {
        // No fraction.
    } else if nanos.is_multiple_of(1_000_000) {
        out.push_str(&format!(".{:03}", nanos / 1_000_000));
    } else if nanos.is_multiple_of(1_000) {
        out.push_str(&format!(".{:06}", nanos / 1_000));
    } else {
        out.push_str(&format!(".{nanos:09}"));
    }
    let offset = dt.offset().fix().local_minus_utc();
    if offset == 0 {
        out.push('Z');
    } else {
        let sign = if offset < 0 { '-' } else { '+' };
        let minutes = offset.unsigned_abs() / 60;
        out.push_str(&format!("{sign}{:02}:{:02}", minutes / 60, minutes % 60));
    }
    out
}

/// The digits of `s[range]` as a number, if they are all digits.
fn number(s: &[u8], from: usize, len: usize) -> Option<u32> {
    let digits = s.get(from..from + len)?;
    digits.iter().try_fold(0u32, |n, &b| {
        b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
    })
}

/// How to write a date, for an editor's error.
pub const HINT: &str = "write it as RFC 3339 with the offset, like 2024-07-05T14:40:29+07:00";

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` (`t` or a space may
/// stand for `T`, `z` for `Z`); `None` for anything else, or a date that
/// does not exist.
pub fn parse(s: &str) -> Option<DateTime<FixedOffset>> {
    let b = s.as_bytes();
    let separators = [(4, b'-'), (7, b'-'), (13, b':'), (16, b':')];
    if b.len() < 20 || separators.iter().any(|&(i, c)| b[i] != c) {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let date = NaiveDate::from_ymd_opt(
        i32::try_from(number(b, 0, 4)?).ok()?,
        number(b, 5, 2)?,
        number(b, 8, 2)?,
    )?;
    let (hour, minute, second) = (number(b, 11, 2)?, number(b, 14, 2)?, number(b, 17, 2)?);
    let mut at = 19;
    let mut nanos = 0;
    if b[at] == b'.' {
        let digits = b[at + 1..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if digits == 0 {
            return None;
        }
        // Nanoseconds: the first nine digits, padded.
        for i in 0..9 {
            let digit = if i < digits { b[at + 1 + i] - b'0' } else { 0 };
            nanos = nanos * 10 + u32::from(digit);
        }
        at += 1 + digits;
    }
    let offset = match b.get(at..)? {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), _, _, b':', _, _] => {
            let minutes = number(b, at + 1, 2)? * 60 + number(b, at + 4, 2)?;
            let seconds = i32::try_from(minutes * 60).ok()?;
            if *sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let time = date.and_hms_nano_opt(hour, minute, second, nanos)?;
    FixedOffset::east_opt(offset)?
        .from_local_datetime(&time)
        .single()
}

/// `#[serde(with = "crate::rfc3339")]`: the API's date fields.
pub fn serialize<S: Serializer>(
    dt: &DateTime<FixedOffset>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(dt))
}

pub fn deserialize<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<DateTime<FixedOffset>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse(&text).ok_or_else(|| serde::de::Error::custom("not an RFC 3339 date"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_chrono() {
        let cases = [
            "2024-07-05T14:40:29+07:00",
            "2024-06-01T08:00:00Z",
            "1999-12-31T23:59:59-05:30",
            "2024-02-29T00:00:00.5+07:00",
            "2024-02-29T00:00:00.000250+07:00",
            "2024-02-29T00:00:00.123456789+07:00",
        ];
        for case in cases {
            let ours = parse(case).expect(case);
            let theirs = DateTime::parse_from_rfc3339(case).expect(case);
            assert_eq!(ours, theirs, "{case}");
            assert_eq!(ours.offset(), theirs.offset(), "{case}");
            assert_eq!(
                format(&ours),
                theirs.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
                "{case}"
            );
        }
    }

    #[test]
    fn untidy_forms_read_like_chrono() {
        for case in ["2024-07-05t14:40:29z", "2024-07-05 14:40:29+00:00"] {
            assert_eq!(
                parse(case),
                DateTime::parse_from_rfc3339(case).ok(),
                "{case}"
            );
        }
    }

    #[test]
    fn not_dates() {
        let cases = [
            "",
            "2024-07-05",
            "2024-07-05T14:40:29",
            "2024-02-30T00:00:00Z",
            "2024-07-05T25:00:00Z",
            "2024-07-05T14:40:29+0700",
            "2024-07-05T14:40:29.Z",
            "2024-07-05T14:40:29+07:00 ",
            "２０２４-07-05T14:40:29Z",
            "2024-07-05T14:40:29+24:00",
        ];
        for case in cases {
            assert_eq!(parse(case), None, "{case:?}");
        }
    }

    #[test]
    fn serde_round_trip() {
        #[derive(Serialize, Deserialize, PartialEq, Debug)]
        struct T {
            #[serde(with = "crate::rfc3339")]
            at: DateTime<FixedOffset>,
        }
        let json = r#"{"at":"2024-07-05T14:40:29+07:00"}"#;
        let t: T = serde_json::from_str(json).expect("parse");
        assert_eq!(serde_json::to_string(&t).expect("serialise"), json);
        assert!(serde_json::from_str::<T>(r#"{"at":"hôm qua"}"#).is_err());
    }
    use serde::Serialize;
}
