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
