//! The events section: `/acara/`, month grids, event pages, and the iCalendar feeds.
//!
//! [`EventIndex`] expands every event's dates once per build and sorts them into upcoming
//! and past (against the build time) and into months; the page functions only read it.

use super::context::*;
use super::pages::Page;
use super::{Catalog, RenderError, Rendered, markdown};
use crate::calendar::{self, Occurrence, ics};
use crate::content::model::{Event, EventTime, VendorId};
use crate::output::Staging;
use crate::paths;
use jiff::civil::Date;
use rayon::prelude::*;
use std::collections::BTreeMap;

pub type EventId = usize;
type MonthKey = (i16, i8);

/// Events sorted in time, computed once per build.
#[derive(Default)]
pub struct EventIndex {
    pub occurrences: Vec<Vec<Occurrence>>,
    /// One card per event: about its next occurrence if it is upcoming, else its last.
    pub cards: Vec<EventCard>,
    /// Events with an occurrence not yet over, by that occurrence's start.
    pub upcoming: Vec<EventId>,
    /// Events that are over, most recent first.
    pub past: Vec<EventId>,
    /// Every month with an occurrence: the (event, occurrence) pairs touching it.
    pub months: BTreeMap<MonthKey, Vec<(EventId, usize)>>,
    /// The events of each vendor.
    pub vendor_events: Vec<Vec<EventId>>,
    /// Where each event stands in `upcoming` (`(false, i)`) or `past` (`(true, i)`).
    place: Vec<(bool, usize)>,
}

impl EventIndex {
    pub fn new(c: &Catalog) -> EventIndex {
        let site = c.site;
        let tz = &site.config.timezone;
        let now = c.now;
        let occurrences: Vec<Vec<Occurrence>> = site.events.iter().map(calendar::occurrences).collect();
        let mut upcoming = Vec::new();
        let mut past = Vec::new();
        let mut cards = Vec::with_capacity(site.events.len());
        for (id, (event, occ)) in site.events.iter().zip(&occurrences).enumerate() {
            let next = occ.iter().position(|o| o.end_instant(tz) >= now);
            let shown = next.unwrap_or(occ.len().saturating_sub(1));
            match next {
                Some(i) => upcoming.push((occ[i].start_instant(tz), event.slug.clone(), id)),
                None => past.push((occ.last().map(|o| o.start_instant(tz)), event.slug.clone(), id)),
            }
            cards.push(event_card(c, event, occ, shown));
        }
        upcoming.sort();
        past.sort_by(|a, b| b.cmp(a));
        let mut months: BTreeMap<MonthKey, Vec<(EventId, usize)>> = BTreeMap::new();
        for (id, occ) in occurrences.iter().enumerate() {
            for (i, o) in occ.iter().enumerate() {
                let mut keys: Vec<MonthKey> = o.days().iter().map(|d| (d.year(), d.month())).collect();
                keys.dedup();
                for key in keys {
                    months.entry(key).or_default().push((id, i));
                }
            }
        }
        for list in months.values_mut() {
            list.sort_by_key(|&(id, i)| (occurrences[id][i].start, site.events[id].slug.clone()));
        }
        let mut vendor_events = vec![Vec::new(); site.vendors.len()];
        for (id, event) in site.events.iter().enumerate() {
            for &v in &event.vendors {
                vendor_events[v].push(id);
            }
        }
        let upcoming: Vec<EventId> = upcoming.into_iter().map(|(_, _, id)| id).collect();
        let past: Vec<EventId> = past.into_iter().map(|(_, _, id)| id).collect();
        let mut place = vec![(false, 0); site.events.len()];
        for (i, &id) in upcoming.iter().enumerate() {
            place[id] = (false, i);
        }
        for (i, &id) in past.iter().enumerate() {
            place[id] = (true, i);
        }
        EventIndex { occurrences, cards, upcoming, past, months, vendor_events, place }
    }

    pub fn months(&self) -> impl Iterator<Item = MonthKey> + '_ {
        self.months.keys().copied()
    }

    /// A vendor's events split into upcoming and past, each in list order.
    /// (Costs the vendor's own events, not the whole calendar: every vendor page asks.)
    pub fn of_vendor(&self, vendor: VendorId) -> (Vec<&EventCard>, Vec<&EventCard>) {
        let mut mine = self.vendor_events[vendor].clone();
        mine.sort_by_key(|&id| self.place[id]);
        let split = mine.partition_point(|&id| !self.place[id].0);
        let cards = |ids: &[EventId]| ids.iter().map(|&id| &self.cards[id]).collect();
        (cards(&mine[..split]), cards(&mine[split..]))
    }
}

fn event_card(c: &Catalog, event: &Event, occ: &[Occurrence], shown: usize) -> EventCard {
    let tz = &c.site.config.timezone;
    let o = occ.get(shown).copied().unwrap_or(Occurrence { start: event.start, end: event.end.unwrap_or(event.start) });
    let recurrence = match &event.recurrence {
        Some(rule) if occ.len() > 1 => {
            let every = match rule.frequency {
                calendar::rrule::Frequency::Weekly => {
                    let day = match rule.by_day.as_slice() {
                        [one] => c.weekday_name(one.weekday),
                        _ => c.weekday_name(event.start.as_datetime().date().weekday()),
                    };
                    c.theme.string("every_week").replace("{day}", &day)
                }
                calendar::rrule::Frequency::Monthly => c.theme.string("every_month").to_string(),
            };
            format!("{every} · {}", c.theme.string("dates_n").replace("{n}", &occ.len().to_string()))
        }
        _ => String::new(),
    };
    EventCard {
        slug: event.slug.clone(),
        title: event.title.clone(),
        url: c.url(&paths::event(&event.slug)),
        when: c.when(&o),
        start_iso: iso(o.start, tz),
        end_iso: occ
            .last()
            .map(|last| last.end_instant(tz))
            .unwrap_or(c.now)
            .strftime("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        venue: event.venue.clone(),
        region: event.region.map(|r| c.region_link(r)),
        district: event.district.map(|d| c.region_link(d)),
        cancelled: event.cancelled,
        recurrence,
    }
}

/// `2022-05-24` for a date, `2022-05-24T08:00:00+07:00` for a local time.
fn iso(t: EventTime, tz: &jiff::tz::TimeZone) -> String {
    match t {
        EventTime::Date(d) => d.to_string(),
        EventTime::DateTime(dt) => {
            let ts = calendar::local_instant(dt, tz);
            ts.to_zoned_datetime(tz.clone()).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        }
    }
}

impl Catalog<'_> {
    pub fn weekday_name(&self, weekday: jiff::civil::Weekday) -> String {
        self.theme.list_item("weekdays", weekday.to_monday_zero_offset() as usize).to_string()
    }

    /// `Selasa, 29 Agustus 2023`.
    pub fn long_date(&self, date: Date) -> String {
        format!(
            "{}, {}",
            self.weekday_name(date.weekday()),
            super::format::date_text(date, self.theme.month_name(date.month()))
        )
    }

    fn clock(&self, time: jiff::civil::Time) -> String {
        format!("{:02}{}{:02}", time.hour(), self.theme.string("time_sep"), time.minute())
    }

    /// When an occurrence happens, in words: `Sabtu, 24 Mei 2022, 08.00–21.00 WIB`.
    pub fn when(&self, o: &Occurrence) -> String {
        let zone = self.theme.string("timezone_label");
        match (o.start, o.end) {
            (EventTime::Date(a), EventTime::Date(b)) if a == b => self.long_date(a),
            (EventTime::Date(a), EventTime::Date(b)) => format!("{} – {}", self.long_date(a), self.long_date(b)),
            (EventTime::DateTime(a), EventTime::DateTime(b)) if a == b => {
                format!("{}, {} {zone}", self.long_date(a.date()), self.clock(a.time()))
            }
            (EventTime::DateTime(a), EventTime::DateTime(b)) if a.date() == b.date() => {
                format!("{}, {}–{} {zone}", self.long_date(a.date()), self.clock(a.time()), self.clock(b.time()))
            }
            (EventTime::DateTime(a), EventTime::DateTime(b)) => format!(
                "{}, {} – {}, {} {zone}",
                self.long_date(a.date()),
                self.clock(a.time()),
                self.long_date(b.date()),
                self.clock(b.time())
            ),
            (a, _) => self.long_date(a.as_datetime().date()),
        }
    }

    fn month_label(&self, (year, month): MonthKey) -> String {
        format!("{} {year}", self.theme.month_name(month))
    }
}

pub fn render_event_list(c: &Catalog) -> Result<Rendered, RenderError> {
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
    Page::new(c, paths::EVENTS.to_string(), meta)
        .set("upcoming", &upcoming)
        .set("past", &past)
        .set("months", &months)
        .set("ics_url", &c.url(paths::EVENTS_FEED))
        .render("event_list.html")
}

pub fn render_month(c: &Catalog, key: MonthKey) -> Result<Rendered, RenderError> {
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
    Page::new(c, path, meta)
        .set("month", &MonthView { label, year, month })
        .set("weekdays", &weekdays)
        .set("weeks", &weeks)
        .set("occurrences", &occurrences)
        .set("prev", &prev)
        .set("next", &next)
        .set("index_url", &c.url(paths::EVENTS))
        .render("month.html")
}

pub fn render_event(c: &Catalog, id: EventId) -> Result<Rendered, RenderError> {
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
    Page::new(c, path, meta).set("event", &view).render("event.html")
}

/// Writes `/acara/kalender.ics`, one `acara.ics` per event, and a `kalender.ics` for each
/// vendor that takes part in events.
pub fn write_feeds(c: &Catalog, staging: &Staging) -> Result<usize, RenderError> {
    let site = c.site;
    let host = url::Url::parse(c.base).ok().and_then(|u| u.host_str().map(str::to_string)).unwrap_or_default();
    let event_url = |slug: &str| c.absolute(&paths::event(slug));
    let description = |e: &Event| markdown::to_plain_text(&e.body, 2000);
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
