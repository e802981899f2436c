//! The recurrence rules events may use: a subset of RFC 5545 RRULE.
//!
//! `FREQ=WEEKLY|MONTHLY`, `BYDAY` (`FR`, or for monthly rules `1SA`, `-1FR`), `INTERVAL`,
//! `UNTIL` (a date) and `COUNT`. Expansion is always bounded: by COUNT, by UNTIL, or, when a
//! rule has neither, by [`HORIZON_DAYS`] after the first date; never more than
//! [`MAX_OCCURRENCES`] dates.

use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

/// How far an open-ended rule is expanded, from its first date.
pub const HORIZON_DAYS: i32 = 366;
/// The most dates one event can have.
pub const MAX_OCCURRENCES: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frequency {
    Weekly,
    Monthly,
}

/// A weekday, optionally the n-th (1..=5) or n-th from last (-1..=-5) of the month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DayRule {
    pub nth: Option<i8>,
    pub weekday: Weekday,
}

/// A parsed recurrence rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Rule {
    pub frequency: Frequency,
    pub interval: u32,
    pub by_day: Vec<DayRule>,
    pub until: Option<Date>,
    pub count: Option<u32>,
    /// The rule as the editor wrote it, normalised to upper case without `RRULE:`.
    pub text: String,
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("MO", Weekday::Monday),
    ("TU", Weekday::Tuesday),
    ("WE", Weekday::Wednesday),
    ("TH", Weekday::Thursday),
    ("FR", Weekday::Friday),
    ("SA", Weekday::Saturday),
    ("SU", Weekday::Sunday),
];

impl Rule {
    /// Parses a rule such as `FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325`.
    pub fn parse(text: &str) -> Result<Rule, String> {
        let text = text.trim().trim_start_matches("RRULE:").to_ascii_uppercase();
        let (mut frequency, mut interval, mut by_day, mut until, mut count) = (None, None, None, None, None);
        for part in text.split(';').filter(|p| !p.is_empty()) {
            let Some((key, value)) = part.split_once('=') else {
                return Err(format!("`{part}` in the recurrence is not KEY=VALUE"));
            };
            let (key, value) = (key.trim(), value.trim());
            let seen = match key {
                "FREQ" => frequency
                    .replace(match value {
                        "WEEKLY" => Frequency::Weekly,
                        "MONTHLY" => Frequency::Monthly,
                        other => return Err(format!("FREQ={other} is not supported; use WEEKLY or MONTHLY")),
                    })
                    .is_some(),
                "INTERVAL" => interval.replace(number(key, value)?).is_some(),
                "COUNT" => count.replace(number(key, value)?).is_some(),
                "UNTIL" => until.replace(until_date(value)?).is_some(),
                "BYDAY" => by_day.replace(days(value)?).is_some(),
                other => return Err(format!("`{other}` is not supported in a recurrence")),
            };
            if seen {
                return Err(format!("`{key}` appears twice in the recurrence"));
            }
        }
        let frequency = frequency.ok_or("the recurrence needs FREQ=WEEKLY or FREQ=MONTHLY")?;
        if until.is_some() && count.is_some() {
            return Err("a recurrence has UNTIL or COUNT, not both".into());
        }
        let by_day = by_day.unwrap_or_default();
        if frequency == Frequency::Weekly && by_day.iter().any(|d| d.nth.is_some()) {
            return Err("a weekly rule takes plain weekdays (`BYDAY=FR`), not `1FR`".into());
        }
        Ok(Rule { frequency, interval: interval.unwrap_or(1), by_day, until, count, text })
    }

    /// The dates of the event, starting with `first` (which always counts, as in RFC 5545).
    pub fn dates(&self, first: Date) -> Vec<Date> {
        let last_allowed = self.until.unwrap_or_else(|| first.checked_add(HORIZON_DAYS.days()).unwrap_or(first));
        let limit = self.count.map_or(MAX_OCCURRENCES, |c| (c as usize).min(MAX_OCCURRENCES));
        let mut dates = vec![first];
        let mut period = 0i64;
        // Each period is a week or a month; stop when a whole period lies past the end.
        while dates.len() < limit {
            let candidates = match self.frequency {
                Frequency::Weekly => self.week_dates(first, period),
                Frequency::Monthly => self.month_dates(first, period),
            };
            let Some(candidates) = candidates else { break };
            if candidates.first_day > last_allowed {
                break;
            }
            for date in candidates.dates {
                if date > first && date <= last_allowed && dates.len() < limit {
                    dates.push(date);
                }
            }
            period += i64::from(self.interval);
        }
        dates
    }

    fn week_dates(&self, first: Date, period: i64) -> Option<Candidates> {
        let monday = first.checked_sub((first.weekday().to_monday_zero_offset() as i64).days()).ok()?;
        let week_start = monday.checked_add((period * 7).days()).ok()?;
        let days: Vec<Weekday> = if self.by_day.is_empty() {
            vec![first.weekday()]
        } else {
            self.by_day.iter().map(|d| d.weekday).collect()
        };
        let mut dates: Vec<Date> = days
            .iter()
            .filter_map(|w| week_start.checked_add((w.to_monday_zero_offset() as i64).days()).ok())
            .collect();
        dates.sort();
        dates.dedup();
        Some(Candidates { first_day: week_start, dates })
    }

    fn month_dates(&self, first: Date, period: i64) -> Option<Candidates> {
        let month_start = first.first_of_month().checked_add(period.months()).ok()?;
        let mut dates = Vec::new();
        if self.by_day.is_empty() {
            if first.day() <= month_start.days_in_month() {
                dates.push(month_start.with().day(first.day()).build().ok()?);
            }
        } else {
            for rule in &self.by_day {
                match rule.nth {
                    Some(n) => {
                        if let Ok(date) = month_start.nth_weekday_of_month(n, rule.weekday) {
                            dates.push(date);
                        }
                    }
                    None => {
                        let mut day = month_start.nth_weekday_of_month(1, rule.weekday).ok()?;
                        while day.month() == month_start.month() {
                            dates.push(day);
                            day = day.checked_add(7.days()).ok()?;
                        }
                    }
                }
            }
        }
        dates.sort();
        dates.dedup();
        Some(Candidates { first_day: month_start, dates })
    }

    /// The rule for an iCalendar file: UNTIL as a UTC date-time for timed events (RFC 5545
    /// requires that when DTSTART has a time zone), or as a date for all-day events.
    pub fn to_ical(&self, until_utc: Option<String>) -> String {
        let mut parts: Vec<String> = Vec::new();
        parts.push(format!(
            "FREQ={}",
            match self.frequency {
                Frequency::Weekly => "WEEKLY",
                Frequency::Monthly => "MONTHLY",
            }
        ));
        if self.interval != 1 {
            parts.push(format!("INTERVAL={}", self.interval));
        }
        if !self.by_day.is_empty() {
            let days: Vec<String> = self
                .by_day
                .iter()
                .map(|d| {
                    let code = WEEKDAYS.iter().find(|(_, w)| *w == d.weekday).map_or("MO", |(c, _)| c);
                    match d.nth {
                        Some(n) => format!("{n}{code}"),
                        None => code.to_string(),
                    }
                })
                .collect();
            parts.push(format!("BYDAY={}", days.join(",")));
        }
        if let Some(count) = self.count {
            parts.push(format!("COUNT={count}"));
        }
        if let Some(until) = self.until {
            parts.push(format!("UNTIL={}", until_utc.unwrap_or_else(|| until.strftime("%Y%m%d").to_string())));
        }
        parts.join(";")
    }
}

struct Candidates {
    first_day: Date,
    dates: Vec<Date>,
}

fn number(key: &str, value: &str) -> Result<u32, String> {
    match value.parse::<u32>() {
        Ok(n) if (1..=1000).contains(&n) => Ok(n),
        _ => Err(format!("{key}={value} must be a number from 1 to 1000")),
    }
}

fn until_date(value: &str) -> Result<Date, String> {
    let date_part = value.get(..8).unwrap_or("");
    let rest = value.get(8..).unwrap_or("");
    let time_ok = rest.is_empty()
        || (rest.starts_with('T') && rest.get(1..7).is_some_and(|t| t.bytes().all(|b| b.is_ascii_digit())));
    match Date::strptime("%Y%m%d", date_part) {
        Ok(date) if time_ok && date_part.bytes().all(|b| b.is_ascii_digit()) => Ok(date),
        _ => Err(format!("UNTIL={value} must be a date like 20220325")),
    }
}

fn days(value: &str) -> Result<Vec<DayRule>, String> {
    value
        .split(',')
        .map(|day| {
            let day = day.trim();
            let split = day.len().saturating_sub(2);
            let (nth, name) = (day.get(..split).unwrap_or(""), day.get(split..).unwrap_or(""));
            let weekday = WEEKDAYS
                .iter()
                .find(|(code, _)| *code == name)
                .map(|(_, w)| *w)
                .ok_or_else(|| format!("BYDAY `{day}` is not a weekday (MO, TU, WE, TH, FR, SA, SU)"))?;
            let nth = match nth {
                "" => None,
                n => match n.trim_start_matches('+').parse::<i8>() {
                    Ok(n) if n != 0 && (-5..=5).contains(&n) => Some(n),
                    _ => {
                        return Err(format!("BYDAY `{day}`: the number before the weekday must be 1 to 5 or -1 to -5"));
                    }
                },
            };
            Ok(DayRule { nth, weekday })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn non_ascii_text_after_until_is_an_error_not_a_crash() {
        // Found by the `rrule` fuzz target: slicing the time part inside a multi-byte
        // character panicked.
        let error = Rule::parse("FREQ=WEEKLY;UNTIL=20250101T0\u{81}\u{81}\u{81}").unwrap_err();
        assert!(error.contains("UNTIL="), "{error}");
        assert!(Rule::parse("FREQ=WEEKLY;UNTIL=20250101T0\u{e9}\u{e9}\u{e9}").is_err());
    }

    #[test]
    fn a_weekday_listed_twice_gives_each_date_once() {
        // Found by the `rrule` fuzz target: `BYDAY=SU,SU` made every Sunday appear twice.
        for text in ["FREQ=WEEKLY;INTERVAL=2;BYDAY=SU,SU", "FREQ=MONTHLY;BYDAY=1SU,1SU,SU"] {
            let rule = Rule::parse(text).unwrap();
            let dates = rule.dates(jiff::civil::date(2024, 3, 3));
            assert!(dates.windows(2).all(|w| w[0] < w[1]), "{text}: {dates:?}");
        }
    }

    #[test]
    fn fridays_of_march_2022() {
        let rule = Rule::parse("FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325").unwrap();
        let dates = rule.dates(date(2022, 3, 4));
        assert_eq!(dates, vec![date(2022, 3, 4), date(2022, 3, 11), date(2022, 3, 18), date(2022, 3, 25)]);
    }

    #[test]
    fn first_saturday_of_six_months() {
        let rule = Rule::parse("FREQ=MONTHLY;BYDAY=1SA;COUNT=6").unwrap();
        let dates = rule.dates(date(2026, 1, 3));
        assert_eq!(dates.len(), 6);
        assert_eq!(dates[1], date(2026, 2, 7));
        assert_eq!(dates[5], date(2026, 6, 6));
        assert!(dates.iter().all(|d| d.weekday() == Weekday::Saturday && d.day() <= 7));
    }

    #[test]
    fn last_friday_every_other_month() {
        let rule = Rule::parse("FREQ=MONTHLY;INTERVAL=2;BYDAY=-1FR;COUNT=3").unwrap();
        assert_eq!(rule.dates(date(2024, 1, 26)), vec![date(2024, 1, 26), date(2024, 3, 29), date(2024, 5, 31)]);
    }

    #[test]
    fn monthly_by_day_of_month_skips_short_months() {
        let rule = Rule::parse("FREQ=MONTHLY;COUNT=3").unwrap();
        assert_eq!(rule.dates(date(2024, 1, 31)), vec![date(2024, 1, 31), date(2024, 3, 31), date(2024, 5, 31)]);
    }

    #[test]
    fn open_ended_rules_stop_at_the_horizon() {
        let rule = Rule::parse("FREQ=WEEKLY").unwrap();
        let dates = rule.dates(date(2024, 1, 5));
        assert_eq!(dates.len(), 53);
        assert!(*dates.last().unwrap() <= date(2025, 1, 5));
        let many = Rule::parse("FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU;UNTIL=21001231").unwrap();
        assert_eq!(many.dates(date(2024, 1, 1)).len(), MAX_OCCURRENCES);
    }

    #[test]
    fn invalid_rules_are_refused_with_a_reason() {
        for (rule, says) in [
            ("FREQ=DAILY", "not supported"),
            ("BYDAY=FR", "needs FREQ"),
            ("FREQ=WEEKLY;BYDAY=JU", "not a weekday"),
            ("FREQ=WEEKLY;BYDAY=1FR", "plain weekdays"),
            ("FREQ=MONTHLY;BYDAY=9FR", "1 to 5"),
            ("FREQ=WEEKLY;COUNT=3;UNTIL=20220101", "not both"),
            ("FREQ=WEEKLY;UNTIL=2022", "must be a date"),
            ("FREQ=WEEKLY;UNTIL=2022-03-25", "must be a date"),
            ("FREQ=WEEKLY;BYSETPOS=1", "not supported"),
            ("FREQ=WEEKLY;FREQ=MONTHLY", "twice"),
            ("FREQ=WEEKLY;INTERVAL=0", "1 to 1000"),
            ("FREQ", "KEY=VALUE"),
            ("FREQ=WEEKLY;BYDAY=é", "not a weekday"),
        ] {
            let err = Rule::parse(rule).unwrap_err();
            assert!(err.contains(says), "{rule}: {err}");
        }
    }

    #[test]
    fn writes_ical_rules() {
        let rule = Rule::parse("freq=weekly;byday=fr;until=20220325").unwrap();
        assert_eq!(rule.to_ical(Some("20220325T165959Z".into())), "FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325T165959Z");
        assert_eq!(rule.to_ical(None), "FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325");
        let monthly = Rule::parse("FREQ=MONTHLY;BYDAY=1SA;COUNT=6").unwrap();
        assert_eq!(monthly.to_ical(None), "FREQ=MONTHLY;BYDAY=1SA;COUNT=6");
    }
}
