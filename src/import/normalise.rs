//! Cell values to record values, the way an editor would tidy them by hand (docs/import.md):
//! `JAKARTA TIMUR` and `Jaktim` to `jakarta-timur`; kecamatan and category names, as the
//! taxonomy files spell them or as slugs, matched without regard to case or accents;
//! `Rp 15.000`, `15.000` and `15000` to 15000; `+62 812-…`, `0812…` and `62812…` to one form.
//! A value that cannot be tidied is an error with a hint, never a guess.

use super::table::Cell;
use crate::content::model::{Taxonomy, TermId};
use crate::diagnostics::did_you_mean;
use crate::words::words;

/// Why a cell cannot be used: the message and the hint.
pub type Refusal = (String, String);

/// Words that name the kind of a region, not the region (`Kota Administrasi Jakarta Timur`).
const REGION_KIND_WORDS: &[&str] = &["kota", "kabupaten", "kab", "administrasi", "adm", "dki", "provinsi", "madya"];

/// Short names Jakartans write for the five kota and the kabupaten.
const REGION_SHORT_NAMES: &[(&str, &str)] = &[
    ("jakpus", "jakarta-pusat"),
    ("jakut", "jakarta-utara"),
    ("jakbar", "jakarta-barat"),
    ("jaksel", "jakarta-selatan"),
    ("jaktim", "jakarta-timur"),
    ("kepseribu", "kepulauan-seribu"),
    ("pulau seribu", "kepulauan-seribu"),
    ("kep seribu", "kepulauan-seribu"),
];

fn region_words(text: &str) -> String {
    words(text).filter(|w| !REGION_KIND_WORDS.contains(&w.as_str())).collect::<Vec<_>>().join(" ")
}

/// Text as it must be: a date or a formula in a text column is refused (a spreadsheet turned
/// `1-2` into a date, or a cell holds a calculation, not the value).
pub fn text(cell: &Cell) -> Result<String, Refusal> {
    match cell {
        Cell::Date(_) => Err((
            format!("a date ({}) where text is expected", cell.shown()),
            "format the column as Text in the spreadsheet and type the value again".into(),
        )),
        Cell::Formula { formula, .. } => Err((
            format!("a formula (`={formula}`) where text is expected"),
            "copy the column and paste it back as values only".into(),
        )),
        Cell::Error(e) => Err((format!("the cell shows the error `{e}`"), "fix the cell in the spreadsheet".into())),
        other => Ok(other.shown()),
    }
}

/// A kota/kabupaten by name (`Jakarta Timur`, `KOTA ADM. JAKARTA TIMUR`), short name
/// (`Jaktim`) or slug.
pub fn region(value: &str, regions: &Taxonomy) -> Result<TermId, Refusal> {
    let wanted = region_words(value);
    let compact: String = wanted.split(' ').collect();
    let top = || regions.top_level();
    if let Some((id, _)) = top().find(|(_, t)| t.slug == value.trim() || region_words(&t.name) == wanted) {
        return Ok(id);
    }
    if let Some((_, slug)) = REGION_SHORT_NAMES.iter().find(|(short, _)| *short == wanted || *short == compact)
        && let Some(id) = regions.find(slug)
    {
        return Ok(id);
    }
    if let Some(id) = regions.find(&crate::source::slug::slugify(value))
        && regions.terms[id].parent.is_some()
    {
        let parent = regions.terms[id].parent.expect("a kecamatan has a kota");
        return Err((
            format!("`{value}` is a kecamatan, not a kota/kabupaten"),
            format!(
                "put `{}` in the kota/kabupaten column and `{value}` in the kecamatan column",
                regions.terms[parent].name
            ),
        ));
    }
    let names: Vec<&str> = top().map(|(_, t)| t.name.as_str()).collect();
    let hint = match did_you_mean(value, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("write one of: {}", names.join(", ")),
    };
    Err((format!("`{value}` is not a kota/kabupaten of DKI Jakarta"), hint))
}

/// A kecamatan of `region`, by name or slug.
pub fn district(value: &str, region: TermId, regions: &Taxonomy) -> Result<TermId, Refusal> {
    let wanted = words(value).filter(|w| w != "kecamatan" && w != "kec").collect::<Vec<_>>().join(" ");
    let matches = |id: TermId| {
        let term = &regions.terms[id];
        term.slug == value.trim() || words(&term.name).collect::<Vec<_>>().join(" ") == wanted
    };
    if let Some(&id) = regions.terms[region].children.iter().find(|&&c| matches(c)) {
        return Ok(id);
    }
    let elsewhere = regions.top_level().flat_map(|(_, t)| t.children.iter().copied()).find(|&c| matches(c));
    if let Some(id) = elsewhere {
        let parent = regions.terms[id].parent.expect("a kecamatan has a kota");
        return Err((
            format!("kecamatan `{value}` is not in {}", regions.terms[region].name),
            format!("`{value}` is in {}; correct the kota/kabupaten or the kecamatan", regions.terms[parent].name),
        ));
    }
    let own: Vec<&str> = regions.terms[region].children.iter().map(|&c| regions.terms[c].name.as_str()).collect();
    let hint = match did_you_mean(value, own.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("the kecamatan of {} are: {}", regions.terms[region].name, own.join(", ")),
    };
    Err((format!("kecamatan `{value}` is not in {}", regions.terms[region].name), hint))
}

/// A category by name (`Keripik & Makanan Ringan`) or slug, without regard to case or accents.
pub fn category(value: &str, categories: &Taxonomy) -> Result<TermId, Refusal> {
    let wanted = words(value).collect::<Vec<_>>().join(" ");
    let found = categories
        .terms
        .iter()
        .position(|t| t.slug == value.trim() || words(&t.name).collect::<Vec<_>>().join(" ") == wanted)
        .or_else(|| categories.find(&crate::source::slug::slugify(value)).map(|id| id.index()));
    if let Some(index) = found {
        return Ok(TermId(index));
    }
    let names: Vec<&str> = categories.terms.iter().map(|t| t.name.as_str()).collect();
    let hint = match did_you_mean(value, names.iter().copied()) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "use a category of content/categories.yaml (its name or its slug), or add it there".to_string(),
    };
    Err((format!("unknown category `{value}`"), hint))
}

/// A price in whole rupiah: a number cell, or text such as `Rp 15.000`, `15.000,-`, `15000`.
pub fn price(cell: &Cell) -> Result<u64, Refusal> {
    let not_a_number = |shown: String| {
        (
            format!("price `{shown}` is not a number"),
            "write the price in digits, e.g. `15000` or `Rp 15.000`".to_string(),
        )
    };
    match cell {
        Cell::Number(n) if *n >= 0.0 && *n < 1e13 => Ok(n.round() as u64),
        Cell::Number(n) => Err((format!("price {n} is out of range"), "write a price in whole rupiah".into())),
        Cell::Formula { value, .. } => price(value),
        Cell::Text(text) => match crate::content::records::price_in_text(text) {
            Some(crate::content::records::PriceText::Amount(amount)) => Ok(amount),
            Some(crate::content::records::PriceText::Range(..)) => Err((
                format!("price `{text}` is a range"),
                "import one price per product (the lowest), and write the range in the record by hand".into(),
            )),
            None => Err(not_a_number(text.clone())),
        },
        other => Err(not_a_number(other.shown())),
    }
}

/// A mobile number in one form, `+62…`, from `+62 812-…`, `0812…`, `62812…` or a number cell
/// (which lost its leading 0).
pub fn whatsapp(cell: &Cell) -> Result<String, Refusal> {
    let written = match cell {
        // A number cell lost the leading 0 of `0812…`; `62812…` needs none.
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 => {
            let digits = (*n as u64).to_string();
            if digits.starts_with('8') { format!("0{digits}") } else { digits }
        }
        other => text(other)?,
    };
    crate::content::validate::normalise_whatsapp(&written).map(|digits| format!("+{digits}")).map_err(|message| {
        (message, "write an Indonesian mobile number such as `0812-3456-7890` or `+62 812 3456 7890`".to_string())
    })
}

/// A date: a date cell, an ISO date, or `24/05/2022` as written by hand.
pub fn date(cell: &Cell) -> Result<jiff::civil::Date, Refusal> {
    match cell {
        Cell::Date(d) => Ok(d.date()),
        Cell::Formula { value, .. } => date(value),
        other => {
            let shown = other.shown();
            let iso = crate::content::validate::as_written_locally(&shown).unwrap_or_else(|| shown.clone());
            iso.get(..10).unwrap_or(&iso).parse::<jiff::civil::Date>().map_err(|_| {
                (format!("`{shown}` is not a date"), "write the date as `2022-05-24` or `24/05/2022`".to_string())
            })
        }
    }
}

/// `ya`, `tidak`, `true`, `false`, `1`, `0`, a tick-box cell.
pub fn yes_no(cell: &Cell) -> Result<bool, Refusal> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if *n == 1.0 || *n == 0.0 => Ok(*n == 1.0),
        other => match crate::words::fold(&other.shown()).as_str() {
            "ya" | "y" | "yes" | "true" | "1" | "ada" | "tersedia" => Ok(true),
            "tidak" | "t" | "no" | "false" | "0" | "habis" | "kosong" => Ok(false),
            _ => Err((format!("`{}` is not yes or no", other.shown()), "write `ya` or `tidak`".into())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::model::Term;

    fn regions() -> Taxonomy {
        let ids: Vec<TermId> = TermId::range(4).collect();
        Taxonomy {
            terms: vec![
                Term {
                    slug: "jakarta-timur".into(),
                    name: "Jakarta Timur".into(),
                    parent: None,
                    children: vec![ids[2]],
                },
                Term {
                    slug: "kepulauan-seribu".into(),
                    name: "Kabupaten Administrasi Kepulauan Seribu".into(),
                    parent: None,
                    children: vec![ids[3]],
                },
                Term { slug: "cakung".into(), name: "Cakung".into(), parent: Some(ids[0]), children: vec![] },
                Term {
                    slug: "kepulauan-seribu-utara".into(),
                    name: "Kepulauan Seribu Utara".into(),
                    parent: Some(ids[1]),
                    children: vec![],
                },
            ],
        }
    }

    #[test]
    fn regions_as_jakartans_write_them() {
        let regions = regions();
        for written in
            ["Jakarta Timur", "JAKARTA TIMUR", "Jaktim", "jakarta-timur", "Kota Adm. Jakarta Timur", "JAK TIM"]
        {
            assert_eq!(regions.terms[region(written, &regions).unwrap()].slug, "jakarta-timur", "{written}");
        }
        assert_eq!(regions.terms[region("Kepulauan Seribu", &regions).unwrap()].slug, "kepulauan-seribu");
        assert_eq!(regions.terms[region("Kab. Kep. Seribu", &regions).unwrap()].slug, "kepulauan-seribu");
        let (message, hint) = region("Jakarta Timr", &regions).unwrap_err();
        assert!(message.contains("not a kota/kabupaten") && hint.contains("Jakarta Timur"), "{hint}");
        assert!(region("Cakung", &regions).unwrap_err().0.contains("is a kecamatan"));
    }

    #[test]
    fn kecamatan_by_name_in_their_kota() {
        let regions = regions();
        let timur = region("Jakarta Timur", &regions).unwrap();
        assert_eq!(regions.terms[district("CAKUNG", timur, &regions).unwrap()].slug, "cakung");
        assert_eq!(regions.terms[district("Kec. Cakung", timur, &regions).unwrap()].slug, "cakung");
        let (message, hint) = district("Kepulauan Seribu Utara", timur, &regions).unwrap_err();
        assert!(message.contains("is not in Jakarta Timur") && hint.contains("Kepulauan Seribu"), "{hint}");
        assert!(district("Cakungg", timur, &regions).unwrap_err().1.contains("did you mean `Cakung`?"));
    }

    #[test]
    fn prices_phones_dates_and_yes_no() {
        for cell in [Cell::Text("Rp 15.000".into()), Cell::Text("15.000".into()), Cell::Number(15000.0)] {
            assert_eq!(price(&cell), Ok(15000), "{cell:?}");
        }
        assert!(price(&Cell::Text("lima belas ribu".into())).unwrap_err().0.contains("is not a number"));
        for written in ["+62 812-3456-7890", "081234567890", "6281234567890"] {
            assert_eq!(whatsapp(&Cell::Text(written.into())).unwrap(), "+6281234567890", "{written}");
        }
        assert_eq!(whatsapp(&Cell::Number(81234567890.0)).unwrap(), "+6281234567890");
        assert_eq!(whatsapp(&Cell::Number(6281234567890.0)).unwrap(), "+6281234567890");
        assert_eq!(yes_no(&Cell::Text("1".into())), Ok(true));
        assert_eq!(date(&Cell::Text("24/05/2022".into())).unwrap().to_string(), "2022-05-24");
        assert_eq!(yes_no(&Cell::Text("Tidak".into())), Ok(false));
        assert!(text(&Cell::Formula { formula: "A1&B1".into(), value: Box::new(Cell::Text("x".into())) }).is_err());
    }
}
