//! QRIS: checking a vendor's static payment code before it is printed on booth cards.
//!
//! A QRIS payload is EMVCo merchant-presented data: a run of TLV fields (two-digit tag,
//! two-digit length, value) that must start with the payload format indicator (`000201`),
//! carry at least one merchant account (tags 26–51), the merchant's category, currency,
//! country, name and city, and end with tag 63, a CRC-16/CCITT-FALSE of everything before
//! its value. A code that fails any of these would be refused by every payment app, so it is
//! a content error that says exactly what is wrong.

use crc::{CRC_16_IBM_3740, Crc};

/// CRC-16/CCITT-FALSE (poly 0x1021, init 0xFFFF), called CRC-16/IBM-3740 in the catalogue.
const CRC16: Crc<u16> = Crc::<u16>::new(&CRC_16_IBM_3740);

/// A checked static QRIS payload.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Qris {
    pub payload: String,
    pub merchant_name: String,
    pub merchant_city: String,
}

/// Why a payload is not a valid static QRIS code: what is wrong, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrisError {
    pub message: String,
    pub hint: String,
}

fn fail(message: impl Into<String>, hint: impl Into<String>) -> Result<Qris, QrisError> {
    Err(QrisError { message: message.into(), hint: hint.into() })
}

const COPY_HINT: &str = "copy the payload again from the QRIS provider's merchant app, exactly as given";

/// The CRC QRIS expects over `data` (everything up to and including `6304`), as 4 hex digits.
pub fn checksum(data: &str) -> String {
    format!("{:04X}", CRC16.checksum(data.as_bytes()))
}

/// Checks `payload` as a static QRIS code.
pub fn parse(payload: &str) -> Result<Qris, QrisError> {
    let payload = payload.trim();
    if payload.is_empty() {
        return fail("the QRIS payload is empty", COPY_HINT);
    }
    if let Some(bad) = payload.chars().find(|c| !(' '..='~').contains(c)) {
        return fail(
            format!("the QRIS payload contains `{}`, which a QRIS code cannot", bad.escape_default()),
            COPY_HINT,
        );
    }
    let mut fields: Vec<(&str, &str, usize)> = Vec::new();
    let mut at = 0;
    while at < payload.len() {
        let header = payload.get(at..at + 4).filter(|h| h.bytes().all(|b| b.is_ascii_digit()));
        let Some(header) = header else {
            return fail(
                format!(
                    "the QRIS payload breaks off at character {}: expected a two-digit tag and a two-digit length",
                    at + 1
                ),
                COPY_HINT,
            );
        };
        let (tag, len) = (&header[..2], header[2..].parse::<usize>().unwrap_or(0));
        let Some(value) = payload.get(at + 4..at + 4 + len) else {
            return fail(
                format!("QRIS field {tag} says it is {len} characters long, but the payload ends before that"),
                COPY_HINT,
            );
        };
        if fields.iter().any(|(t, _, _)| *t == tag) {
            return fail(format!("QRIS field {tag} appears twice"), COPY_HINT);
        }
        fields.push((tag, value, at));
        at += 4 + len;
    }
    let get = |tag: &str| fields.iter().find(|(t, _, _)| *t == tag).map(|(_, v, _)| *v);
    if fields.first().map(|(t, v, _)| (*t, *v)) != Some(("00", "01")) {
        return fail("a QRIS payload must start with `000201` (payload format indicator)", COPY_HINT);
    }
    match get("01") {
        Some("11") | None => {}
        Some("12") => {
            return fail(
                "this is a dynamic QRIS code (field 01 is `12`): it is made for one transaction and cannot be printed",
                "use the static QRIS code of the shop (field 01 `11`)",
            );
        }
        Some(other) => return fail(format!("QRIS field 01 must be `11` (static), not `{other}`"), COPY_HINT),
    }
    if !fields.iter().any(|(t, _, _)| t.parse::<u8>().is_ok_and(|n| (26..=51).contains(&n))) {
        return fail("the QRIS payload has no merchant account information (fields 26–51)", COPY_HINT);
    }
    match get("52") {
        Some(mcc) if mcc.len() == 4 && mcc.bytes().all(|b| b.is_ascii_digit()) => {}
        _ => return fail("QRIS field 52 (merchant category code) must be 4 digits", COPY_HINT),
    }
    if get("53") != Some("360") {
        return fail("QRIS field 53 (currency) must be `360`, the rupiah", COPY_HINT);
    }
    if get("58") != Some("ID") {
        return fail("QRIS field 58 (country) must be `ID`", COPY_HINT);
    }
    let merchant_name = match get("59") {
        Some(name) if !name.trim().is_empty() => name.trim().to_string(),
        _ => return fail("the QRIS payload has no merchant name (field 59)", COPY_HINT),
    };
    let merchant_city = match get("60") {
        Some(city) if !city.trim().is_empty() => city.trim().to_string(),
        _ => return fail("the QRIS payload has no merchant city (field 60)", COPY_HINT),
    };
    let Some(&(last_tag, crc_value, crc_at)) = fields.last() else {
        return fail("the QRIS payload is empty", COPY_HINT);
    };
    if last_tag != "63" || crc_value.len() != 4 {
        return fail("a QRIS payload must end with its checksum, field 63 of 4 characters (`6304…`)", COPY_HINT);
    }
    let expected = checksum(&payload[..crc_at + 4]);
    if !crc_value.eq_ignore_ascii_case(&expected) {
        return fail(
            format!("the QRIS checksum is wrong: field 63 says `{crc_value}`, the payload gives `{expected}`"),
            "a character was changed or lost when the payload was copied; copy it again from the QRIS provider",
        );
    }
    Ok(Qris { payload: payload.to_string(), merchant_name, merchant_city })
}

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A valid static payload for `name` in `city`, built field by field.
    pub fn payload(name: &str, city: &str) -> String {
        let field = |tag: &str, value: &str| format!("{tag}{:02}{value}", value.len());
        let account = format!("{}{}", field("00", "ID.CO.QRIS.WWW"), field("01", "936000140000012345"));
        let mut data = [
            field("00", "01"),
            field("01", "11"),
            field("26", &account),
            field("52", "5812"),
            field("53", "360"),
            field("58", "ID"),
            field("59", name),
            field("60", city),
            field("61", "12820"),
        ]
        .concat();
        data.push_str("6304");
        let crc = checksum(&data);
        data + &crc
    }

    #[test]
    fn crc_is_ccitt_false() {
        // The standard check value of CRC-16/CCITT-FALSE.
        assert_eq!(checksum("123456789"), "29B1");
    }

    #[test]
    fn accepts_a_valid_static_code() {
        let qris = parse(&payload("KOPI TEBET", "JAKARTA SELATAN")).unwrap();
        assert_eq!(qris.merchant_name, "KOPI TEBET");
        assert_eq!(qris.merchant_city, "JAKARTA SELATAN");
        // The checksum may be written in lower case.
        let good = payload("A", "B");
        let lower = format!("{}{}", &good[..good.len() - 4], good[good.len() - 4..].to_lowercase());
        assert!(parse(&lower).is_ok());
    }

    #[test]
    fn refuses_broken_codes_with_a_reason() {
        let good = payload("KOPI TEBET", "JAKARTA");
        let flipped = good.replacen("KOPI", "KOPO", 1);
        let cases = [
            (flipped, "checksum is wrong"),
            (good[..good.len() - 2].to_string(), "ends before"),
            (good.replacen("000201", "000202", 1), "must start with `000201`"),
            (good.replacen("010211", "010212", 1), "dynamic QRIS"),
            (format!("{good}é"), "contains"),
            (String::new(), "empty"),
            ("hello".to_string(), "breaks off"),
        ];
        for (payload, says) in cases {
            let err = parse(&payload).unwrap_err();
            assert!(err.message.contains(says), "{payload}: {}", err.message);
        }
    }

    #[test]
    fn refuses_missing_required_fields() {
        let field = |tag: &str, value: &str| format!("{tag}{:02}{value}", value.len());
        let build = |skip: &str| {
            let mut data: String = [
                ("00", "01"),
                ("26", "0014ID.CO.QRIS.WWW"),
                ("52", "5812"),
                ("53", "360"),
                ("58", "ID"),
                ("59", "A"),
                ("60", "B"),
            ]
            .iter()
            .filter(|(t, _)| *t != skip)
            .map(|(t, v)| field(t, v))
            .collect();
            data.push_str("6304");
            let crc = checksum(&data);
            data + &crc
        };
        assert!(parse(&build("")).is_ok());
        for (skip, says) in [
            ("26", "merchant account"),
            ("52", "category"),
            ("53", "currency"),
            ("58", "country"),
            ("59", "merchant name"),
            ("60", "merchant city"),
        ] {
            let err = parse(&build(skip)).unwrap_err();
            assert!(err.message.contains(says), "without {skip}: {}", err.message);
        }
    }
}
