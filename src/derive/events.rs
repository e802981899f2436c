//! Events in time, once per build: every event's dates expanded, sorted into upcoming and past
//! (against the build time) and into months, with its card and the words for its dates.
//! The event pages, month grids and feeds of `render` only read it.

use super::Catalog;
use super::cards::EventCard;
use crate::calendar::{self, Occurrence};
use crate::content::model::{Event, EventId, EventTime, VendorId};
use crate::paths;
use jiff::civil::Date;
use std::collections::BTreeMap;

/// A month of the calendar: year and month.
pub type MonthKey = (i16, i8);

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
        for (id, (event, occ)) in EventId::range(site.events.len()).zip(site.events.iter().zip(&occurrences)) {
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
        for (id, occ) in EventId::range(occurrences.len()).zip(&occurrences) {
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
        for (id, event) in EventId::range(site.events.len()).zip(&site.events) {
            for &v in &event.vendors {
                vendor_events[v].push(id);
            }
        }
        let upcoming: Vec<EventId> = upcoming.into_iter().map(|(_, _, id)| id).collect();
        let past: Vec<EventId> = past.into_iter().map(|(_, _, id)| id).collect();
        let mut place: Vec<(bool, usize)> = vec![(false, 0); site.events.len()];
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
                crate::content::rrule::Frequency::Weekly => {
                    let day = match rule.by_day.as_slice() {
                        [one] => c.weekday_name(one.weekday),
                        _ => c.weekday_name(event.start.as_datetime().date().weekday()),
                    };
                    c.theme.string("every_week").replace("{day}", &day)
                }
                crate::content::rrule::Frequency::Monthly => c.theme.string("every_month").to_string(),
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
pub fn iso(t: EventTime, tz: &jiff::tz::TimeZone) -> String {
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

    pub fn clock(&self, time: jiff::civil::Time) -> String {
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

    pub fn month_label(&self, (year, month): MonthKey) -> String {
        format!("{} {year}", self.theme.month_name(month))
    }
}
