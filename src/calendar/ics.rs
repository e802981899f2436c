//! iCalendar (RFC 5545) feeds: one event, all events, or one vendor's events.
//!
//! Built with the `icalendar` crate, which handles text escaping and CRLF line ends. Two
//! things it gets wrong are done here: its line folding can exceed 75 octets when a line holds
//! multi-byte characters (Indonesian text with `—`, say), so every feed is unfolded and folded
//! again by [`fold`]; and it writes no VTIMEZONE for `TZID=` times, so [`vtimezone`] writes it
//! (the site's zone has one fixed offset, which `config` checks). All-day events are
//! `VALUE=DATE` with an exclusive DTEND.

use super::next_day;
use crate::content::model::{Event, EventTime};
use icalendar::{Calendar, Component, EventLike, Property};
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// What every feed of a site shares.
pub(crate) struct FeedContext<'a> {
    pub(crate) site_title: &'a str,
    pub(crate) tz: &'a TimeZone,
    pub(crate) tz_name: &'a str,
    /// Host of the base URL, for stable UIDs (`<slug>@<host>`).
    pub(crate) host: &'a str,
    /// Absolute URL of an event's page, by slug.
    pub(crate) event_url: &'a (dyn Fn(&str) -> String + Sync),
    /// Plain text of an event's description.
    pub(crate) description: &'a (dyn Fn(&Event) -> String + Sync),
    pub(crate) dtstamp: Timestamp,
}

/// A feed named `name` with `events`.
pub(crate) fn feed<'e>(name: &str, events: impl IntoIterator<Item = &'e Event>, ctx: &FeedContext) -> String {
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new(
        "PRODID",
        format!("-//katalog//{}//ID", ctx.site_title.replace(['/', '\r', '\n'], " ")),
    ));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    calendar.append_property(Property::new("METHOD", "PUBLISH"));
    calendar.append_property(Property::new("X-WR-CALNAME", name));
    calendar.append_property(Property::new("X-WR-TIMEZONE", ctx.tz_name));
    for event in events {
        calendar.push(vevent(event, ctx));
    }
    let text = calendar.to_string().replace("\r\n ", "");
    let block = vtimezone(ctx);
    let text = match text.find("BEGIN:VEVENT\r\n").or_else(|| text.find("END:VCALENDAR")) {
        Some(at) => format!("{}{block}{}", &text[..at], &text[at..]),
        None => text,
    };
    fold(&text)
}

/// Folds every content line to at most 75 octets (RFC 5545, 3.1), never inside a character
/// nor beside a space: continuation lines start with one space.
pub(crate) fn fold(text: &str) -> String {
    const LIMIT: usize = 75;
    let mut out = String::with_capacity(text.len() + text.len() / 30);
    for line in text.split_terminator("\r\n") {
        let mut rest = line;
        let mut room = LIMIT;
        while rest.len() > room {
            let mut cut = room;
            // Never inside a character, and never next to a space: some readers trim the
            // physical lines they unfold, which would lose it.
            while cut > 1 && (!rest.is_char_boundary(cut) || rest[..cut].ends_with(' ') || rest[cut..].starts_with(' '))
            {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            room = LIMIT - 1;
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

fn vevent(event: &Event, ctx: &FeedContext) -> icalendar::Event {
    let mut v = icalendar::Event::new();
    v.uid(&format!("{}@{}", event.slug, ctx.host));
    v.add_property("DTSTAMP", utc(ctx.dtstamp));
    let end = event.end.unwrap_or(event.start);
    match (event.start, end) {
        (EventTime::Date(start), EventTime::Date(last_day)) => {
            v.append_property(date_property("DTSTART", start));
            v.append_property(date_property("DTEND", next_day(last_day)));
        }
        (start, end) => {
            v.append_property(local_property("DTSTART", start.as_datetime(), ctx.tz_name));
            v.append_property(local_property("DTEND", end.as_datetime(), ctx.tz_name));
        }
    }
    if let Some(rule) = &event.recurrence {
        // UNTIL is a UTC date-time when DTSTART has a time zone (RFC 5545, 3.3.10): the end of
        // the UNTIL day, local time.
        let until_utc = match (event.start, rule.until) {
            (EventTime::DateTime(_), Some(until)) => {
                let end_of_day =
                    super::local_instant(next_day(until).to_datetime(jiff::civil::Time::midnight()), ctx.tz);
                Some(utc(end_of_day - jiff::SignedDuration::from_secs(1)))
            }
            _ => None,
        };
        v.add_property("RRULE", rule.to_ical(until_utc));
    }
    v.summary(&event.title);
    let location = match &event.address {
        Some(address) if !address.trim().is_empty() => format!("{}, {}", event.venue, address),
        _ => event.venue.clone(),
    };
    v.location(&location);
    v.append_property(Property::new("URL", (ctx.event_url)(&event.slug)).add_parameter("VALUE", "URI").done());
    let description = (ctx.description)(event);
    if !description.is_empty() {
        v.description(&description);
    }
    v.status(if event.cancelled { icalendar::EventStatus::Cancelled } else { icalendar::EventStatus::Confirmed });
    v.done()
}

fn utc(ts: Timestamp) -> String {
    ts.strftime("%Y%m%dT%H%M%SZ").to_string()
}

fn date_property(key: &str, date: jiff::civil::Date) -> Property {
    Property::new(key, date.strftime("%Y%m%d").to_string()).add_parameter("VALUE", "DATE").done()
}

fn local_property(key: &str, dt: jiff::civil::DateTime, tz_name: &str) -> Property {
    Property::new(key, dt.strftime("%Y%m%dT%H%M%S").to_string()).add_parameter("TZID", tz_name).done()
}

/// The VTIMEZONE of the site's zone: one standard offset (zones with daylight saving are
/// refused by `config`).
pub(crate) fn vtimezone(ctx: &FeedContext) -> String {
    let info = ctx.tz.to_offset_info(ctx.dtstamp);
    let offset = info.offset();
    let seconds = offset.seconds();
    let sign = if seconds < 0 { '-' } else { '+' };
    let (h, m) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    let abbreviation = info.abbreviation();
    let name = if abbreviation.chars().all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-')
        && !abbreviation.is_empty()
    {
        abbreviation.to_string()
    } else {
        format!("{sign}{h:02}{m:02}")
    };
    format!(
        "BEGIN:VTIMEZONE\r\nTZID:{tz}\r\nBEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:{sign}{h:02}{m:02}\r\nTZOFFSETTO:{sign}{h:02}{m:02}\r\nTZNAME:{name}\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
        tz = ctx.tz_name
    )
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn folds_at_75_octets_on_character_boundaries() {
        let line = format!("DESCRIPTION:{}", "Kue lapis — ".repeat(20));
        let folded = fold(&format!("{line}\r\nEND:VEVENT\r\n"));
        for part in folded.split_terminator("\r\n") {
            assert!(part.len() <= 75, "{part:?}");
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{line}\r\nEND:VEVENT\r\n"));
        assert_eq!(fold("A:b\r\n"), "A:b\r\n");
    }
}
