//! Vietnamese date lines. Vietnam keeps UTC+7 all year (no daylight saving),
//! so a fixed offset is exact and no time-zone database is needed.

use chrono::{DateTime, Datelike, FixedOffset, Timelike, Weekday};

pub const VIETNAM_OFFSET_SECS: i32 = 7 * 3600;

/// The same instant on Vietnam's wall clock, whatever offset it was written with.
pub fn to_vietnam_time(dt: &DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    // `east_opt` only fails outside ±24h; 7h is always valid.
    match FixedOffset::east_opt(VIETNAM_OFFSET_SECS) {
        Some(vn) => dt.with_timezone(&vn),
        None => *dt,
    }
}

fn weekday_vi(day: Weekday) -> &'static str {
    match day {
        Weekday::Sun => "Chủ nhật",
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
    }
}

/// `Thứ Sáu, 05/07/2024, 14:40 (GMT+7)`, for article pages.
pub fn date_line(dt: &DateTime<FixedOffset>) -> String {
    let vn = to_vietnam_time(dt);
    format!(
        "{}, {:02}/{:02}/{}, {:02}:{:02} (GMT+7)",
        weekday_vi(vn.weekday()),
        vn.day(),
        vn.month(),
        vn.year(),
        vn.hour(),
        vn.minute()
    )
}

/// `05/07/2024 14:40`, for lists.
pub fn date_short(dt: &DateTime<FixedOffset>) -> String {
    let vn = to_vietnam_time(dt);
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        vn.day(),
        vn.month(),
        vn.year(),
        vn.hour(),
        vn.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("test date")
    }

    #[test]
    fn long_and_short_lines() {
        let cases = [
            // (input, long, short)
            (
                "2024-07-05T14:40:29+07:00",
                "Thứ Sáu, 05/07/2024, 14:40 (GMT+7)",
                "05/07/2024 14:40",
            ),
            (
                "2024-07-07T08:05:00+07:00",
                "Chủ nhật, 07/07/2024, 08:05 (GMT+7)",
                "07/07/2024 08:05",
            ),
            (
                "2024-07-08T00:00:00+07:00",
                "Thứ Hai, 08/07/2024, 00:00 (GMT+7)",
                "08/07/2024 00:00",
            ),
            (
                "2024-07-09T23:59:59+07:00",
                "Thứ Ba, 09/07/2024, 23:59 (GMT+7)",
                "09/07/2024 23:59",
            ),
            (
                "2024-07-10T09:00:00+07:00",
                "Thứ Tư, 10/07/2024, 09:00 (GMT+7)",
                "10/07/2024 09:00",
            ),
            (
                "2024-07-11T09:00:00+07:00",
                "Thứ Năm, 11/07/2024, 09:00 (GMT+7)",
                "11/07/2024 09:00",
            ),
            (
                "2024-07-13T09:00:00+07:00",
                "Thứ Bảy, 13/07/2024, 09:00 (GMT+7)",
                "13/07/2024 09:00",
            ),
            // Written in UTC late on the 31st: already the 1st in Vietnam.
            (
                "2024-12-31T20:30:00+00:00",
                "Thứ Tư, 01/01/2025, 03:30 (GMT+7)",
                "01/01/2025 03:30",
            ),
            // Written with another offset: shown on Vietnam's clock.
            (
                "2024-02-29T10:00:00-05:00",
                "Thứ Năm, 29/02/2024, 22:00 (GMT+7)",
                "29/02/2024 22:00",
            ),
        ];
        for (input, long, short) in cases {
            let dt = at(input);
            assert_eq!(date_line(&dt), long, "long line of {input}");
            assert_eq!(date_short(&dt), short, "short line of {input}");
        }
    }

    #[test]
    fn vietnam_time_is_the_same_instant() {
        let dt = at("2024-12-31T20:30:00Z");
        let vn = to_vietnam_time(&dt);
        assert_eq!(vn, dt);
        assert_eq!(vn.offset().local_minus_utc(), VIETNAM_OFFSET_SECS);
    }
}
