//! Any text as a vendor's `qris` payload: it is accepted only with a valid structure and
//! checksum, and an accepted payload is returned exactly (it is printed as a QR code).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match katalog::content::qris::parse(text) {
        Ok(qris) => {
            assert_eq!(qris.payload, text.trim());
            assert!(qris.payload.is_ascii());
        }
        Err(e) => drop(format!("{e:?}")),
    }
});
