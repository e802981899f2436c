//! Any bytes as a record file: decoding (UTF-8, BOM, CRLF) and the `---` split must either
//! succeed or give a diagnostic, and rendering that diagnostic must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/vendors/x/index.md");
    match katalog::source::SourceText::from_bytes(data.to_vec(), path) {
        Ok(source) => match katalog::source::split_front_matter(&source.text, path) {
            Ok(front) => {
                assert!(source.text.len() >= front.yaml.len() + front.body.len());
            }
            Err(diagnostic) => drop(diagnostic.to_string()),
        },
        Err(diagnostic) => drop(diagnostic.to_string()),
    }
});
