//! Time as the wizard shows it in records: UTC, to the minute, computed
//! from epoch milliseconds without a clock or a time-zone database.

/// `2026-11-22 03:07 UTC`.
pub fn format_utc(ms: i64) -> String {
    let minutes = ms.div_euclid(60_000);
    let days = minutes.div_euclid(24 * 60);
    let minute_of_day = minutes.rem_euclid(24 * 60);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        minute_of_day / 60,
        minute_of_day % 60
    )
}

/// `2026-11-22 03:07` or `2026-11-22T03:07Z` (UTC, as [`format_utc`]
/// writes it, with or without ` UTC`) → ms since the epoch.
pub fn parse_utc(text: &str) -> Option<i64> {
    let text = text.trim();
    let text = text
        .strip_suffix(" UTC")
        .or_else(|| text.strip_suffix('Z'))
        .unwrap_or(text);
    let bytes = text.as_bytes();
    if bytes.len() != 16
        || bytes.get(4) != Some(&b'-')
        || bytes.get(7) != Some(&b'-')
        || !matches!(bytes.get(10), Some(b' ' | b'T'))
        || bytes.get(13) != Some(&b':')
    {
        return None;
    }
    let number = |from: usize, to: usize| -> Option<i64> {
        let part = text.get(from..to)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| i64::from_str_radix(part, 10).ok())?
    };
    let (year, month, day) = (number(0, 4)?, number(5, 7)?, number(8, 10)?);
    let (hour, minute) = (number(11, 13)?, number(14, 16)?);
    if !(1..=12).contains(&month) || hour > 23 || minute > 59 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    // A day past the month's end (2026-02-30) does not come back as itself.
    if civil_from_days(days) != (year, month, day) {
        return None;
    }
    Some((days * 24 * 60 + hour * 60 + minute) * 60_000)
}

/// (year, month, day) → days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// A duration as people say it: `3 h 05 min`, `45 min`, `2 d 4 h`.
pub fn format_duration(ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (days, hours, mins) = (minutes / (24 * 60), (minutes / 60) % 24, minutes % 60);
    if days > 0 && hours == 0 {
        format!("{days} d")
    } else if days > 0 {
        format!("{days} d {hours} h")
    } else if hours > 0 && mins == 0 {
        format!("{hours} h")
    } else if hours > 0 {
        format!("{hours} h {mins:02} min")
    } else {
        format!("{mins} min")
    }
}

/// Days since 1970-01-01 → (year, month, day), proleptic Gregorian
/// (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_utc(0), "1970-01-01 00:00 UTC");
        // 2026-11-22 03:07:59 UTC
        assert_eq!(format_utc(1_795_316_879_000), "2026-11-22 03:07 UTC");
        // 2024-02-29 23:59 UTC, a leap day
        assert_eq!(format_utc(1_709_251_140_000), "2024-02-29 23:59 UTC");
        assert_eq!(format_utc(-60_000), "1969-12-31 23:59 UTC");
    }

    #[test]
    fn utc_times_read_back() {
        for ms in [0, 1_795_316_820_000, 1_709_251_140_000, -60_000] {
            let text = format_utc(ms);
            assert_eq!(parse_utc(&text), Some(ms), "{text}");
        }
        assert_eq!(parse_utc("2026-11-22T03:07Z"), Some(1_795_316_820_000));
        assert_eq!(parse_utc("2026-11-22 03:07"), Some(1_795_316_820_000));
        for bad in [
            "",
            "2026-11-22",
            "2026-02-30 10:00",
            "2026-13-01 10:00",
            "2026-11-22 24:00",
            "2026-11-22 3:07",
            "+026-11-22 03:07",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(format_duration(45 * 60_000), "45 min");
        assert_eq!(format_duration(185 * 60_000), "3 h 05 min");
        assert_eq!(format_duration((2 * 24 * 60 + 4 * 60) * 60_000), "2 d 4 h");
        assert_eq!(format_duration(-5), "0 min");
        // A policy's round durations: no zero parts.
        assert_eq!(format_duration(240 * 60_000), "4 h");
        assert_eq!(format_duration(2880 * 60_000), "2 d");
    }
}
