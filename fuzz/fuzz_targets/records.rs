//! Any text as the front matter of each record kind: parsing gives a record or a located
//! diagnostic (within the file's lines), never a panic, a hang or unbounded memory.
#![no_main]
use katalog::content::records::{EventRecord, PageRecord, ProductRecord, VendorRecord};
use katalog::content::yaml::parse;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = Path::new("content/vendors/x/index.md");
    let file = format!("---\n{text}\n---\n");
    let lines = file.lines().count();
    let check = |result: Result<(), katalog::diagnostics::Diagnostic>| {
        if let Err(d) = result {
            assert!(d.line <= lines + 1, "line {} of {lines}", d.line);
            drop(d.to_string());
        }
    };
    check(parse::<VendorRecord>(text, &file, 1, path).map(drop));
    check(parse::<ProductRecord>(text, &file, 1, path).map(drop));
    check(parse::<EventRecord>(text, &file, 1, path).map(drop));
    check(parse::<PageRecord>(text, &file, 1, path).map(drop));
    check(parse::<Vec<ProductRecord>>(text, &file, 1, path).map(drop));
});
