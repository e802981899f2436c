//! Any text as an event's `recurrence`: a parsed rule expands to a bounded list of dates in
//! order, and writes back as iCalendar text without line breaks.
#![no_main]
use katalog::content::rrule::{MAX_OCCURRENCES, Rule};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(rule) = Rule::parse(text) else { return };
    let first = jiff::civil::date(2024, 2, 29);
    let dates = rule.dates(first);
    assert!(dates.len() <= MAX_OCCURRENCES);
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "dates in order");
    let ical = rule.to_ical(None);
    assert!(!ical.contains(['\r', '\n']));
});
