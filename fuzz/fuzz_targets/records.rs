//! Any text as the front matter of each record kind: parsing gives a record or a located
//! diagnostic (within the file's lines), never a panic, a hang or unbounded memory.
#![no_main]
use katalog::content::records::{EventRecord, PageRecord, ProductRecord, VendorRecord};
use katalog::source::yaml::parse;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/vendors/x/index.md");
    // As loading does: decode and normalise line ends (a lone CR is a line break) first.
    let Ok(source) = katalog::source::SourceText::from_bytes(data.to_vec(), path) else { return };
    let text = source.text.as_str();
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
