//! Events and calendars: pages, month grids, "upcoming" against the build time, and
//! iCalendar feeds checked with an independent parser (the `ical` crate).

use crate::common;
use common::{Site, stderr};
use std::collections::BTreeMap;

/// A parsed VEVENT: property name → (parameters, value), the value unescaped.
type Props = BTreeMap<String, (Vec<(String, Vec<String>)>, String)>;

fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Parses a feed, checking the RFC 5545 line rules the parser forgives.
fn parse_feed(text: &str) -> (ical::parser::ical::component::IcalCalendar, Vec<Props>) {
    assert!(text.ends_with("\r\n"), "CRLF line ends");
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "line longer than 75 octets: {line:?}");
    }
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("parses");
    assert!(parser.next().is_none());
    let events = calendar
        .events
        .iter()
        .map(|e| {
            e.properties
                .iter()
                .map(|p| {
                    (p.name.clone(), (p.params.clone().unwrap_or_default(), unescape(p.value.as_deref().unwrap_or(""))))
                })
                .collect()
        })
        .collect();
    (calendar, events)
}

fn value<'a>(props: &'a Props, name: &str) -> &'a str {
    props.get(name).map(|(_, v)| v.as_str()).unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

fn param(props: &Props, name: &str, key: &str) -> Option<String> {
    props.get(name)?.0.iter().find(|(k, _)| k == key).map(|(_, v)| v.join(","))
}

fn site_with_cancelled_event() -> Site {
    let site = Site::new("basic");
    site.write(
        "content/events/bazar-batal.md",
        "---\ntitle: 'Bazar; Batal, Maaf \\ Ya'\nstart: 2024-02-10T19:00\nend: 2024-02-10T22:00\nvenue: Gedung A\naddress: Jl. Satu, No. 2; Blok C\nregion: jakarta-pusat\norganizer: Sudin PPKUKM\ncancelled: true\nvendors: [batik-ayu]\n---\nAcara dibatalkan karena hujan, maaf.\n",
    );
    site
}

#[test]
fn all_day_event_feed_has_an_exclusive_end_and_a_stable_uid() {
    let site = Site::new("basic");
    site.build(&["--now", "2023-08-01T00:00:00Z"]).success();
    let (calendar, events) = parse_feed(&site.page("acara/bazar-tebet/acara.ics"));
    assert_eq!(events.len(), 1);
    let e = &events[0];
    assert_eq!(value(e, "DTSTART"), "20230829");
    assert_eq!(param(e, "DTSTART", "VALUE").as_deref(), Some("DATE"));
    assert_eq!(value(e, "DTEND"), "20230901", "the 29–31 August bazaar ends on 1 September (exclusive)");
    assert_eq!(value(e, "UID"), "bazar-tebet@katalog.example.go.id");
    assert_eq!(value(e, "DTSTAMP"), "20230801T000000Z");
    assert_eq!(value(e, "SUMMARY"), "Bazar Tebet");
    assert_eq!(value(e, "URL"), "https://katalog.example.go.id/acara/bazar-tebet/");
    assert_eq!(value(e, "DESCRIPTION"), "Bazar tiga hari.");
    assert_eq!(value(e, "STATUS"), "CONFIRMED");
    assert_eq!(calendar.timezones.len(), 1);
    let tz = &calendar.timezones[0];
    assert!(tz.properties.iter().any(|p| p.name == "TZID" && p.value.as_deref() == Some("Asia/Jakarta")));
    let offsets: Vec<_> = tz.transitions[0].properties.iter().filter(|p| p.name.starts_with("TZOFFSET")).collect();
    assert!(offsets.iter().all(|p| p.value.as_deref() == Some("+0700")));
    // The same UID in every feed, and the same bytes on a rebuild.
    let (_, all) = parse_feed(&site.page("acara/kalender.ics"));
    assert!(all.iter().any(|e| value(e, "UID") == "bazar-tebet@katalog.example.go.id"));
    let before = site.output_files();
    site.build(&["--now", "2023-08-01T00:00:00Z"]).success();
    assert_eq!(before, site.output_files());
}

#[test]
fn recurring_timed_event_carries_its_rule_with_a_utc_until() {
    let site = Site::new("basic");
    site.build(&["--now", "2022-01-01"]).success();
    let (_, events) = parse_feed(&site.page("acara/jumat-beli-lokal/acara.ics"));
    let e = &events[0];
    assert_eq!(value(e, "DTSTART"), "20220304T090000");
    assert_eq!(param(e, "DTSTART", "TZID").as_deref(), Some("Asia/Jakarta"));
    assert_eq!(value(e, "DTEND"), "20220304T150000");
    assert_eq!(value(e, "RRULE"), "FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325T165959Z");
    assert_eq!(value(e, "DTSTAMP"), "20211231T170000Z", "--now is local time");
}

#[test]
fn cancelled_event_keeps_its_place_with_status_cancelled_and_escaped_text() {
    let site = site_with_cancelled_event();
    site.build(&["--now", "2024-01-01"]).success();
    let (_, events) = parse_feed(&site.page("acara/bazar-batal/acara.ics"));
    let e = &events[0];
    assert_eq!(value(e, "STATUS"), "CANCELLED");
    assert_eq!(value(e, "SUMMARY"), "Bazar; Batal, Maaf \\ Ya");
    assert_eq!(value(e, "LOCATION"), "Gedung A, Jl. Satu, No. 2; Blok C");
    let raw = site.page("acara/bazar-batal/acara.ics");
    assert!(raw.contains("SUMMARY:Bazar\\; Batal\\, Maaf \\\\ Ya"), "{raw}");
    // Vendor feeds: batik-ayu takes part in two events.
    let (_, vendor_events) = parse_feed(&site.page("umkm/batik-ayu/kalender.ics"));
    assert_eq!(vendor_events.len(), 2);
    let page = site.page("acara/bazar-batal/index.html");
    assert!(page.contains("https://schema.org/EventCancelled"));
    let jsonld =
        page.split(r#"<script type="application/ld+json">"#).nth(1).unwrap().split("</script>").next().unwrap();
    let value: serde_json::Value = serde_json::from_str(jsonld).unwrap();
    assert_eq!(value["@type"], "Event");
    assert_eq!(value["startDate"], "2024-02-10T19:00:00+07:00");
    assert_eq!(value["location"]["@type"], "Place");
    assert_eq!(value["location"]["name"], "Gedung A");
    assert_eq!(value["organizer"]["name"], "Sudin PPKUKM");
}

#[test]
fn long_descriptions_are_folded_on_character_boundaries() {
    let site = Site::new("basic");
    let long = "Kue lapis legit — ".repeat(40);
    site.write(
        "content/events/bazar-tebet.md",
        format!("---\ntitle: Bazar Tebet\nstart: 2023-08-29\nend: 2023-08-31\nvenue: Lapangan Tebet\nvendors: [kopi-tebet]\n---\n{long}\n"),
    );
    site.build(&["--now", "2023-08-01"]).success();
    let (_, events) = parse_feed(&site.page("acara/bazar-tebet/acara.ics"));
    assert_eq!(value(&events[0], "DESCRIPTION"), long.trim_end());
}

#[test]
fn upcoming_depends_on_the_build_time() {
    let site = Site::new("basic");
    // During the bazaar it is upcoming (still on); a year later it is past.
    site.build(&["--now", "2023-08-30T10:00"]).success();
    let list = site.page("acara/index.html");
    let (upcoming, past) = list.split_once("data-past").unwrap();
    assert!(upcoming.contains("Bazar Tebet") && !past.contains("Bazar Tebet"));
    assert!(site.page("index.html").contains("Bazar Tebet"), "home lists upcoming events");
    assert!(site.page("umkm/kopi-tebet/index.html").contains("Bazar Tebet"));
    site.build(&["--now", "2024-09-01"]).success();
    let list = site.page("acara/index.html");
    let (upcoming, past) = list.split_once("data-past").unwrap();
    assert!(!upcoming.contains("Bazar Tebet") && past.contains("Bazar Tebet"));
    // SOURCE_DATE_EPOCH gives the same result as --now.
    let with_epoch = common::katalog()
        .env("SOURCE_DATE_EPOCH", "1725123600") // 2024-08-31T17:00:00Z = 1 Sep 00:00 WIB
        .arg("build")
        .arg(site.root())
        .arg("-o")
        .arg(site.tmp.path().join("epoch"))
        .assert()
        .success();
    assert!(stderr(&with_epoch).contains("built"));
    assert_eq!(
        std::fs::read(site.tmp.path().join("epoch/acara/index.html")).unwrap(),
        std::fs::read(site.out().join("acara/index.html")).unwrap()
    );
}

#[test]
fn month_grids_cover_every_month_with_an_occurrence() {
    let site = Site::new("basic");
    site.build(&["--now", "2022-01-01"]).success();
    let march = site.page("acara/2022/03/index.html");
    for day in ["2022-03-04", "2022-03-11", "2022-03-18", "2022-03-25"] {
        assert!(march.contains(day), "{day} in March 2022");
    }
    assert!(march.matches("Jumat Beli Lokal").count() >= 8, "grid and list view");
    assert!(march.contains("<table"), "a grid");
    assert!(march.contains("<ol"), "and a list view");
    assert!(march.contains("href=\"/acara/2023/08/\""), "next month with events");
    let august = site.page("acara/2023/08/index.html");
    assert!(august.contains("href=\"/acara/2022/03/\""), "previous month with events");
    assert!(august.matches("Bazar Tebet").count() >= 3, "one entry per day of the three-day bazaar");
    assert!(!site.out().join("acara/2022/04/index.html").exists(), "no page for an empty month");
    assert!(site.page("sitemap.xml").contains("https://katalog.example.go.id/acara/2022/03/"));
}

#[test]
fn event_page_shows_when_where_who_and_the_calendar_link() {
    let site = Site::new("basic");
    site.build(&["--now", "2022-03-10"]).success();
    let page = site.page("acara/jumat-beli-lokal/index.html");
    assert!(page.contains("Jumat, 4 Maret 2022, 09.00–15.00 WIB"), "{page}");
    assert!(page.contains("Jumat, 25 Maret 2022"));
    assert!(page.contains("href=\"/acara/jumat-beli-lokal/acara.ics\""));
    assert!(page.contains("Kopi Tebet"), "participating vendors as cards");
    assert!(page.contains("Setiap Jumat · 4 tanggal"));
    let bazaar = site.page("acara/bazar-tebet/index.html");
    assert!(bazaar.contains("Selasa, 29 Agustus 2023 – Kamis, 31 Agustus 2023"));
    let vendor = site.page("umkm/kopi-tebet/index.html");
    assert!(vendor.contains("href=\"/umkm/kopi-tebet/kalender.ics\""));
    assert!(vendor.contains("aset/acara.js?v="), "the events script is loaded");
}

#[test]
fn build_time_errors_are_usage_errors() {
    let site = Site::new("basic");
    let assert = site.build(&["--now", "besok"]).code(2);
    assert!(stderr(&assert).contains("--now"));
}
