//! The events section: `/acara/`, month grids, event pages, and the iCalendar feeds.
//!
//! They read the derived [`EventIndex`](crate::derive::events::EventIndex): every event's
//! dates expanded once per build, sorted into upcoming, past and months.

use super::context::{Day, DayEvent, EventView, MonthLink, MonthOccurrence, MonthView, OccurrenceView};
use super::pages::PageContext;
use super::{RenderError, Rendered, Renderer};
use crate::calendar::{Occurrence, ics};
use crate::content::model::{Event, EventId, EventTime, VendorId};
use crate::derive::Catalog;
use crate::derive::cards::{EventCard, NamedLink};
use crate::derive::events::{MonthKey, iso};
use crate::markdown;
use crate::output::Staging;
use crate::paths;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

pub(super) fn render_event_list(c: &Renderer, template: &str) -> Result<Rendered, RenderError> {
    let ev = &c.events;
    let title = c.theme.string("title_events").to_string();
    let mut meta = c.meta("event_list", paths::EVENTS, title.clone(), c.listing_description(&title));
    meta.breadcrumbs = vec![c.home_crumb()];
    let upcoming: Vec<&EventCard> = ev.upcoming.iter().map(|&id| &ev.cards[id]).collect();
    let past: Vec<&EventCard> = ev.past.iter().map(|&id| &ev.cards[id]).collect();
    let months: Vec<MonthLink> = ev
        .months
        .iter()
        .map(|(&key, list)| MonthLink {
            label: c.month_label(key),
            url: c.url(&paths::event_month(key.0, key.1)),
            count: list.len(),
        })
        .collect();
    PageContext::new(c, paths::EVENTS.to_string(), meta)
        .set("upcoming", &upcoming)
        .set("past", &past)
        .set("months", &months)
        .set("ics_url", &c.url(paths::EVENTS_FEED))
        .render(template)
}

pub(super) fn render_month(c: &Renderer, key: MonthKey, template: &str) -> Result<Rendered, RenderError> {
    let ev = &c.events;
    let (year, month) = key;
    let path = paths::event_month(year, month);
    let label = c.month_label(key);
    let title = c.theme.string("title_month").replace("{month}", &label);
    let mut meta = c.meta("month", &path, title.clone(), c.listing_description(&title));
    meta.breadcrumbs = vec![c.home_crumb(), c.crumb("title_events", paths::EVENTS)];
    let list = &ev.months[&key];
    let first = jiff::civil::date(year, month, 1);
    let mut by_day: BTreeMap<Date, Vec<DayEvent>> = BTreeMap::new();
    for &(id, i) in list {
        let event = &c.site.events[id];
        let o = &ev.occurrences[id][i];
        for day in o.days().into_iter().filter(|d| d.year() == year && d.month() == month) {
            let time = match o.start {
                EventTime::DateTime(dt) if dt.date() == day => c.clock(dt.time()),
                _ => String::new(),
            };
            by_day.entry(day).or_default().push(DayEvent {
                title: &event.title,
                url: &ev.cards[id].url,
                time,
                cancelled: event.cancelled,
            });
        }
    }
    let lead = first.weekday().to_monday_zero_offset() as usize;
    let mut cells: Vec<Day> =
        (0..lead).map(|_| Day { day: None, date_iso: String::new(), events: Vec::new() }).collect();
    for n in 1..=first.days_in_month() {
        let date = jiff::civil::date(year, month, n);
        cells.push(Day { day: Some(n), date_iso: date.to_string(), events: by_day.remove(&date).unwrap_or_default() });
    }
    while !cells.len().is_multiple_of(7) {
        cells.push(Day { day: None, date_iso: String::new(), events: Vec::new() });
    }
    let mut weeks: Vec<Vec<Day>> = Vec::new();
    let mut cells = cells.into_iter().peekable();
    while cells.peek().is_some() {
        weeks.push(cells.by_ref().take(7).collect());
    }
    let occurrences: Vec<MonthOccurrence> = list
        .iter()
        .map(|&(id, i)| {
            let event = &c.site.events[id];
            let o = &ev.occurrences[id][i];
            MonthOccurrence {
                when: c.when(o),
                date_iso: o.start.as_datetime().date().to_string(),
                title: &event.title,
                url: &ev.cards[id].url,
                venue: &event.venue,
                cancelled: event.cancelled,
            }
        })
        .collect();
    let link = |k: MonthKey| NamedLink { name: c.month_label(k), url: c.url(&paths::event_month(k.0, k.1)) };
    let prev = ev.months.range(..key).next_back().map(|(&k, _)| link(k));
    let next =
        ev.months.range((std::ops::Bound::Excluded(key), std::ops::Bound::Unbounded)).next().map(|(&k, _)| link(k));
    let weekdays: Vec<String> = (0..7).map(|i| c.theme.list_item("weekdays_short", i).to_string()).collect();
    PageContext::new(c, path, meta)
        .set("month", &MonthView { label, year, month })
        .set("weekdays", &weekdays)
        .set("weeks", &weeks)
        .set("occurrences", &occurrences)
        .set("prev", &prev)
        .set("next", &next)
        .set("index_url", &c.url(paths::EVENTS))
        .render(template)
}

pub(super) fn render_event(c: &Renderer, id: EventId, template: &str) -> Result<Rendered, RenderError> {
    let ev = &c.events;
    let event = &c.site.events[id];
    let card = &ev.cards[id];
    let tz = &c.site.config.timezone;
    let path = paths::event(&event.slug);
    let text = markdown::to_plain_text(&event.body, 160);
    let description =
        if text.is_empty() { format!("{} — {}, {}", event.title, card.when, event.venue) } else { text.clone() };
    let mut meta = c.meta("event", &path, event.title.clone(), description);
    meta.breadcrumbs = vec![c.home_crumb(), c.crumb("title_events", paths::EVENTS)];
    c.dated(&mut meta, event.updated);
    let occ = &ev.occurrences[id];
    let first =
        occ.first().copied().unwrap_or(Occurrence { start: event.start, end: event.end.unwrap_or(event.start) });
    meta.jsonld = super::jsonld::event(&super::jsonld::EventData {
        name: &event.title,
        description: &text,
        url: &meta.canonical,
        start: &iso(first.start, tz),
        end: &iso(first.end, tz),
        venue: &event.venue,
        address: event.address.as_deref(),
        region: event.region.map(|r| c.site.regions.terms[r].name.as_str()),
        organizer: event.organizer.as_deref(),
        cancelled: event.cancelled,
    });
    let occurrences = if occ.len() > 1 {
        occ.iter()
            .map(|o| OccurrenceView { when: c.when(o), start_iso: iso(o.start, tz), past: o.end_instant(tz) < c.now })
            .collect()
    } else {
        Vec::new()
    };
    let view = EventView {
        card,
        body_html: markdown::to_html(&event.body),
        address: event.address.as_deref(),
        organizer: event.organizer.as_deref(),
        ics_url: c.url(&paths::event_feed(&event.slug)),
        occurrences,
        vendors: event.vendors.iter().map(|&v| &c.vendor_cards[v]).collect(),
    };
    PageContext::new(c, path, meta).set("event", &view).render(template)
}

/// Writes `/acara/kalender.ics`, one `acara.ics` per event, and a `kalender.ics` for each
/// vendor that takes part in events.
pub(crate) fn write_feeds(c: &Catalog, staging: &Staging) -> Result<usize, RenderError> {
    let site = c.site;
    let host = url::Url::parse(c.base).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
    let event_url = |slug: &str| c.absolute(&paths::event(slug));
    // Each event is in the all-events feed, its own, and the feed of every vendor at its
    // booths (8 to 40 at a bazaar): its description is made once, not once a feed.
    let descriptions: HashMap<&str, String> =
        site.events.par_iter().map(|e| (e.slug.as_str(), markdown::to_plain_text(&e.body, 2000))).collect();
    let description = |e: &Event| descriptions[e.slug.as_str()].clone();
    let ctx = ics::FeedContext {
        site_title: &site.config.title,
        tz: &site.config.timezone,
        tz_name: &site.config.timezone_name,
        host: &host,
        event_url: &event_url,
        description: &description,
        dtstamp: c.now,
    };
    let all_name = format!("{} — {}", site.config.title, c.theme.string("title_events"));
    staging.write(paths::EVENTS_FEED, ics::feed(&all_name, &site.events, &ctx).as_bytes())?;
    let mut written = 1;
    for event in &site.events {
        staging.write(&paths::event_feed(&event.slug), ics::feed(&event.title, [event], &ctx).as_bytes())?;
        written += 1;
    }
    let vendor_feeds: Vec<(VendorId, String)> = c
        .events
        .vendor_events
        .par_iter()
        .enumerate()
        .filter(|(_, events)| !events.is_empty())
        .map(|(v, events)| {
            let v = VendorId(v);
            let vendor = &site.vendors[v];
            let name = format!("{} — {}", vendor.name, c.theme.string("title_events"));
            (v, ics::feed(&name, events.iter().map(|&e| &site.events[e]), &ctx))
        })
        .collect();
    for (v, text) in vendor_feeds {
        staging.write(&paths::vendor_feed(&site.vendors[v].slug), text.as_bytes())?;
        written += 1;
    }
    Ok(written)
}
