//! Events in time: their dates (recurrences expanded), what is upcoming at build time, month
//! grids, and iCalendar feeds.
//!
//! All content times are local to the site's time zone (`Asia/Jakarta`, WIB, by default).
//! "Upcoming" is decided against the build time ([`BuildTime`]), which comes from `--now` or
//! `SOURCE_DATE_EPOCH` when given, so a build is reproducible.

pub mod ics;

use crate::content::model::{Event, EventTime};
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};

/// One date (or span of dates) on which an event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Occurrence {
    pub start: EventTime,
    /// Inclusive: the last day of an all-day occurrence, or the end time of a timed one.
    pub end: EventTime,
}

impl Occurrence {
    /// The instant the occurrence begins.
    pub fn start_instant(&self, tz: &TimeZone) -> Timestamp {
        local_instant(self.start.as_datetime(), tz)
    }

    /// The instant the occurrence is over (the midnight after the last day, for all-day ones).
    pub fn end_instant(&self, tz: &TimeZone) -> Timestamp {
        match self.end {
            EventTime::Date(d) => local_instant(next_day(d).to_datetime(Time::midnight()), tz),
            EventTime::DateTime(dt) => local_instant(dt, tz),
        }
    }

    /// Every calendar day the occurrence touches.
    pub fn days(&self) -> Vec<Date> {
        let (first, last) = (self.start.as_datetime().date(), self.end.as_datetime().date());
        let mut days = vec![first];
        while let Some(&day) = days.last() {
            if day >= last || days.len() > 366 {
                break;
            }
            days.push(next_day(day));
        }
        days
    }
}

pub fn next_day(date: Date) -> Date {
    date.tomorrow().unwrap_or(date)
}

pub fn local_instant(dt: DateTime, tz: &TimeZone) -> Timestamp {
    tz.to_ambiguous_timestamp(dt).compatible().unwrap_or(Timestamp::UNIX_EPOCH)
}

/// Every occurrence of `event`, in order: one, or the dates of its recurrence rule.
pub fn occurrences(event: &Event) -> Vec<Occurrence> {
    let start = event.start;
    let end = event.end.unwrap_or(start);
    let first = start.as_datetime().date();
    let dates = match &event.recurrence {
        Some(rule) => rule.dates(first),
        None => vec![first],
    };
    let length: SignedDuration = end.as_datetime().duration_since(start.as_datetime());
    dates
        .into_iter()
        .filter_map(|date| {
            let shift = date.to_datetime(Time::midnight()).duration_since(first.to_datetime(Time::midnight()));
            let moved = |t: EventTime| -> Option<EventTime> {
                match t {
                    EventTime::Date(d) => {
                        d.to_datetime(Time::midnight()).checked_add(shift).ok().map(|x| EventTime::Date(x.date()))
                    }
                    EventTime::DateTime(dt) => dt.checked_add(shift).ok().map(EventTime::DateTime),
                }
            };
            let start = moved(start)?;
            let end = match start {
                EventTime::Date(d) => EventTime::Date(d.to_datetime(Time::midnight()).checked_add(length).ok()?.date()),
                EventTime::DateTime(dt) => EventTime::DateTime(dt.checked_add(length).ok()?),
            };
            Some(Occurrence { start, end })
        })
        .collect()
}

/// When the site was built: the moment "upcoming" is measured from, and DTSTAMP of feeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildTime(pub Timestamp);

impl BuildTime {
    /// From `--now` (RFC 3339, or a local `YYYY-MM-DD[THH:MM]`), else `SOURCE_DATE_EPOCH`
    /// (seconds), else the start of today in the site's time zone (so builds on one day match).
    pub fn resolve(now: Option<&str>, source_date_epoch: Option<&str>, tz: &TimeZone) -> Result<BuildTime, String> {
        if let Some(text) = now {
            return parse_now(text, tz).map(BuildTime);
        }
        if let Some(epoch) = source_date_epoch.filter(|e| !e.trim().is_empty()) {
            let seconds: i64 =
                epoch.trim().parse().map_err(|_| format!("SOURCE_DATE_EPOCH=`{epoch}` is not a number of seconds"))?;
            return Timestamp::from_second(seconds).map(BuildTime).map_err(|e| format!("SOURCE_DATE_EPOCH: {e}"));
        }
        let today = Timestamp::now().to_zoned_datetime(tz.clone()).date();
        Ok(BuildTime(local_instant(today.to_datetime(Time::midnight()), tz)))
    }
}

fn parse_now(text: &str, tz: &TimeZone) -> Result<Timestamp, String> {
    let text = text.trim();
    if let Ok(ts) = text.parse::<Timestamp>() {
        return Ok(ts);
    }
    if let Ok(dt) = text.parse::<DateTime>() {
        return Ok(local_instant(dt, tz));
    }
    if let Ok(d) = text.parse::<Date>() {
        return Ok(local_instant(d.to_datetime(Time::midnight()), tz));
    }
    Err(format!("--now `{text}` is not a time; write e.g. 2024-05-01T09:00 (local) or 2024-05-01T02:00:00Z"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::rrule::Rule;
    use jiff::civil::date;

    fn event(start: EventTime, end: Option<EventTime>, rule: Option<&str>) -> Event {
        Event {
            updated: None,
            slug: "e".into(),
            title: "E".into(),
            start,
            end,
            venue: "V".into(),
            address: None,
            region: None,
            district: None,
            organizer: None,
            vendors: vec![],
            recurrence: rule.map(|r| Rule::parse(r).unwrap()),
            cancelled: false,
            aliases: Vec::new(),
            draft: false,
            body: String::new(),
            source: "e.md".into(),
        }
    }

    fn jakarta() -> TimeZone {
        TimeZone::get("Asia/Jakarta").unwrap()
    }

    #[test]
    fn multi_day_all_day_event_ends_the_midnight_after_its_last_day() {
        let e = event(EventTime::Date(date(2023, 8, 29)), Some(EventTime::Date(date(2023, 8, 31))), None);
        let occ = occurrences(&e);
        assert_eq!(occ.len(), 1);
        assert_eq!(occ[0].days().len(), 3);
        assert_eq!(occ[0].end_instant(&jakarta()).to_string(), "2023-08-31T17:00:00Z");
    }

    #[test]
    fn recurring_timed_event_keeps_its_hours() {
        let start = EventTime::DateTime(date(2022, 3, 4).at(9, 0, 0, 0));
        let end = EventTime::DateTime(date(2022, 3, 4).at(15, 0, 0, 0));
        let occ = occurrences(&event(start, Some(end), Some("FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325")));
        assert_eq!(occ.len(), 4);
        assert_eq!(occ[3].start, EventTime::DateTime(date(2022, 3, 25).at(9, 0, 0, 0)));
        assert_eq!(occ[3].end, EventTime::DateTime(date(2022, 3, 25).at(15, 0, 0, 0)));
        assert_eq!(occ[0].start_instant(&jakarta()).to_string(), "2022-03-04T02:00:00Z");
    }

    #[test]
    fn build_time_sources() {
        let tz = jakarta();
        assert_eq!(
            BuildTime::resolve(Some("2024-05-01T09:00"), None, &tz).unwrap().0.to_string(),
            "2024-05-01T02:00:00Z"
        );
        assert_eq!(BuildTime::resolve(None, Some("1700000000"), &tz).unwrap().0.as_second(), 1_700_000_000);
        assert_eq!(
            BuildTime::resolve(Some("2024-05-01"), Some("1"), &tz).unwrap().0.to_string(),
            "2024-04-30T17:00:00Z"
        );
        assert!(BuildTime::resolve(Some("besok"), None, &tz).is_err());
        assert!(BuildTime::resolve(None, Some("kemarin"), &tz).is_err());
    }
}
