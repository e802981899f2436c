//! One fixture per validation failure: each breaks the basic site in one way and checks
//! that the build exits 1, names the file, line and column, says what is wrong, hints at
//! the fix, and leaves the previous output untouched.

use crate::common;
use common::{Site, stderr};

/// Builds the good site, applies `breakage`, rebuilds, and checks the report and the output.
fn fails_with(breakage: impl FnOnce(&Site), location: &str, message: &str, hint: &str) -> String {
    let site = Site::new("basic");
    site.build(&[]).success();
    let before = site.output_files();
    breakage(&site);
    let assert = site.build(&[]).code(1);
    let report = stderr(&assert);
    let expected_head = format!("{location}: error: {message}");
    assert!(report.contains(&expected_head), "expected `{expected_head}` in:\n{report}");
    assert!(
        report.lines().any(|l| l.starts_with("  = hint: ") && l.contains(hint)),
        "expected hint `{hint}` in:\n{report}"
    );
    assert!(report.contains("content error"), "no count in:\n{report}");
    assert_eq!(site.output_files(), before, "a failed build changed the output");
    let leftovers = site.leftovers();
    assert!(leftovers.is_empty(), "staging folders left behind: {leftovers:?}");
    // `check` reports the same and writes nothing.
    let check = common::katalog().arg("check").arg(site.root()).assert().code(1);
    assert!(stderr(&check).contains(&expected_head));
    report
}

const PRODUCT: &str = "content/vendors/kopi-tebet/kopi-susu.md";
const VENDOR: &str = "content/vendors/kopi-tebet/index.md";
const EVENT: &str = "content/events/bazar-tebet.md";

fn product_with(line: &str) -> String {
    format!("---\nname: Kopi Susu\n{line}\n---\nBody.\n")
}

fn vendor_with(replace: &str, with: &str) -> impl FnOnce(&Site) {
    let (replace, with) = (replace.to_string(), with.to_string());
    move |site: &Site| {
        let text = std::fs::read_to_string(site.root().join(VENDOR)).unwrap();
        assert!(text.contains(&replace));
        site.write(VENDOR, text.replacen(&replace, &with, 1));
    }
}

#[test]
fn yaml_syntax_error() {
    let report = fails_with(
        |s| s.write(PRODUCT, "---\nname: Kopi Susu\ntags: [kopi, susu\nprice: 5\n---\n"),
        &format!("{PRODUCT}:3:7"),
        "`[` is not closed on this line",
        "close it where the list ends: `tags: [kopi, susu]`",
    );
    assert!(report.contains("3 | tags: [kopi, susu\n"), "{report}");
}

#[test]
fn price_written_in_words() {
    let report = fails_with(
        |s| s.write(PRODUCT, product_with("price: lima belas ribu")),
        &format!("{PRODUCT}:3:8"),
        "a price must be a number, not the text `lima belas ribu`",
        "write",
    );
    assert!(report.contains("3 | price: lima belas ribu\n  |        ^"), "{report}");
}

#[test]
fn price_with_thousands_separator() {
    fails_with(
        |s| s.write(PRODUCT, product_with("price: 15.000")),
        &format!("{PRODUCT}:3:8"),
        "a price must be a whole number of rupiah",
        "write thousands without a separator: `15000`",
    );
}

#[test]
fn unknown_field_suggests_the_right_one() {
    fails_with(
        |s| s.write(PRODUCT, product_with("prise: 18000")),
        &format!("{PRODUCT}:3:1"),
        "unknown field `prise`",
        "did you mean `price`?",
    );
}

#[test]
fn missing_required_field() {
    fails_with(
        |s| s.write(VENDOR, "---\ncategory: kopi\nregion: jakarta-selatan\n---\n"),
        &format!("{VENDOR}:1:1"),
        "missing required field `name`",
        "add a line `name: …` between the two `---` lines",
    );
}

#[test]
fn folder_name_that_is_not_a_slug() {
    fails_with(
        |s| {
            s.write(
                "content/vendors/Toko Baru/index.md",
                "---\nname: Toko Baru\ncategory: kopi\nregion: jakarta-selatan\n---\n",
            )
        },
        "content/vendors/Toko Baru",
        "vendor folder name `Toko Baru` is not a valid slug (lowercase letters, digits and dashes)",
        "rename it to `toko-baru`",
    );
}

#[test]
fn product_file_name_that_is_not_a_slug() {
    fails_with(
        |s| s.write("content/vendors/kopi-tebet/Kopi_Hitam.md", product_with("price: 5000")),
        "content/vendors/kopi-tebet/Kopi_Hitam.md",
        "file name `Kopi_Hitam` is not a valid slug",
        "rename it to `kopi-hitam`",
    );
}

#[test]
fn unknown_category() {
    fails_with(
        vendor_with("category: kopi", "category: kopii"),
        &format!("{VENDOR}:4:11"),
        "unknown category `kopii`",
        "did you mean `kopi`?",
    );
}

#[test]
fn unknown_region() {
    fails_with(
        vendor_with("region: jakarta-selatan", "region: jakarta-selatn"),
        &format!("{VENDOR}:5:9"),
        "unknown region `jakarta-selatn`",
        "did you mean `jakarta-selatan`?",
    );
}

#[test]
fn kecamatan_given_as_region() {
    fails_with(
        vendor_with("region: jakarta-selatan", "region: tebet"),
        &format!("{VENDOR}:5:9"),
        "`tebet` is a kecamatan, not a kota/kabupaten",
        "write `region: jakarta-selatan` and `district: tebet`",
    );
}

#[test]
fn district_not_in_region() {
    fails_with(
        vendor_with("district: tebet", "district: gambir"),
        &format!("{VENDOR}:6:11"),
        "kecamatan `gambir` is not in `jakarta-selatan`",
        "`gambir` is in `jakarta-pusat`",
    );
}

#[test]
fn unknown_vendor_in_event() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join(EVENT)).unwrap();
            s.write(EVENT, text.replace("[kopi-tebet, batik-ayu]", "[kopi-tebet, batik-ayuu]"));
        },
        &format!("{EVENT}:8:23"),
        "unknown vendor `batik-ayuu`",
        "did you mean `batik-ayu`?",
    );
}

#[test]
fn duplicate_jakpreneur_id_names_both_files() {
    let report = fails_with(
        |s| {
            let path = "content/vendors/batik-ayu/index.md";
            let text = std::fs::read_to_string(s.root().join(path)).unwrap();
            s.write(path, text.replace("JP-2020-000002", "JP-2021-000001"));
        },
        &format!("{VENDOR}:12:16"),
        "jakpreneur_id `JP-2021-000001` is already used by another vendor",
        "registration numbers are unique",
    );
    assert!(report.contains("= note: first used in content/vendors/batik-ayu/index.md:6"), "{report}");
}

#[test]
fn event_ending_before_it_starts() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join(EVENT)).unwrap();
            s.write(EVENT, text.replace("end: 2023-08-31", "end: 2023-08-28"));
        },
        &format!("{EVENT}:4:6"),
        "the event ends (2023-08-28) before it starts (2023-08-29)",
        "`end` must be the same as or after `start`",
    );
}

#[test]
fn image_that_does_not_exist() {
    fails_with(
        |s| s.write(PRODUCT, product_with("images: [kopi-susuu.png]")),
        &format!("{PRODUCT}:3:10"),
        "image `kopi-susuu.png` not found (content/vendors/kopi-tebet/kopi-susuu.png)",
        "did you mean `kopi-susu.png`?",
    );
}

#[test]
fn image_path_leaving_the_site() {
    fails_with(
        |s| s.write(PRODUCT, product_with("images: [../../../../../etc/passwd.png]")),
        &format!("{PRODUCT}:3:10"),
        "image path `../../../../../etc/passwd.png` leaves the site",
        "remove the `..` parts",
    );
}

#[test]
fn absolute_image_path() {
    fails_with(
        |s| s.write(PRODUCT, product_with("images: [/etc/passwd.png]")),
        &format!("{PRODUCT}:3:10"),
        "image path `/etc/passwd.png` must be relative to the record's folder",
        "write the file name",
    );
}

#[cfg(unix)]
#[test]
fn image_symlink_pointing_outside_the_site() {
    fails_with(
        |s| {
            let outside = s.tmp.path().join("outside.png");
            std::fs::write(&outside, b"not in the site").unwrap();
            std::os::unix::fs::symlink(&outside, s.root().join("content/vendors/kopi-tebet/luar.png")).unwrap();
            s.write(PRODUCT, product_with("images: [luar.png]"));
        },
        &format!("{PRODUCT}:3:10"),
        "image `luar.png` is outside the site",
        "a symlink must not point outside it",
    );
}

#[test]
fn file_that_is_not_utf8() {
    fails_with(
        |s| s.write(VENDOR, b"---\nname: Kafe Caf\xE9\ncategory: kopi\nregion: jakarta-selatan\n---\n".as_slice()),
        &format!("{VENDOR}:2:15"),
        "file is not valid UTF-8 (byte 0xE9)",
        "save the file as UTF-8",
    );
}

#[test]
fn front_matter_not_closed() {
    fails_with(
        |s| s.write(PRODUCT, "---\nname: Kopi\nprice: 5\n\nKopi enak.\n"),
        &format!("{PRODUCT}:1:1"),
        "front matter is not closed: no second line `---` was found",
        "add a line `---` after the last field",
    );
}

#[test]
fn all_errors_are_reported_together() {
    let site = Site::new("basic");
    site.write(PRODUCT, product_with("prise: 1"));
    let text = std::fs::read_to_string(site.root().join(VENDOR)).unwrap();
    site.write(VENDOR, text.replace("category: kopi", "category: kopii"));
    site.write("content/vendors/batik-ayu/kemeja-batik.md", product_with("price: mahal"));
    let report = stderr(&site.build(&[]).code(1));
    assert!(report.contains("unknown field `prise`"));
    assert!(report.contains("unknown category `kopii`"));
    assert!(report.contains("not the text `mahal`"));
    assert!(
        report.ends_with("error: 3 content errors found; ") || report.contains("error: 3 content errors found; "),
        "{report}"
    );
    assert!(report.contains("was not changed"), "{report}");
    assert!(!site.out().exists());
}

#[test]
fn event_date_that_is_not_a_date() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join(EVENT)).unwrap();
            s.write(EVENT, text.replace("start: 2023-08-29", "start: besok"));
        },
        &format!("{EVENT}:3:8"),
        "`besok` is not a date or a local date-time",
        "write `2023-08-29` for an all-day event",
    );
}

#[test]
fn recurrence_rule_outside_the_subset() {
    fails_with(
        |s| {
            let path = "content/events/jumat-beli-lokal.yaml";
            let text = std::fs::read_to_string(s.root().join(path)).unwrap();
            s.write(path, text.replace("FREQ=WEEKLY", "FREQ=DAILY"));
        },
        "content/events/jumat-beli-lokal.yaml:5:13",
        "FREQ=DAILY is not supported; use WEEKLY or MONTHLY",
        "FREQ=WEEKLY;BYDAY=FR;UNTIL=20220325",
    );
}

#[test]
fn qris_payload_with_a_wrong_checksum() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join(VENDOR)).unwrap();
            s.write(VENDOR, text.replacen("5910KOPI TEBET", "5910KOPI TEBAT", 1));
        },
        &format!("{VENDOR}:15:7"),
        "the QRIS checksum is wrong: field 63 says `FD19`",
        "copy it again from the QRIS provider",
    );
}

#[test]
fn qris_payload_that_is_cut_short() {
    fails_with(
        |s| {
            let text = std::fs::read_to_string(s.root().join(VENDOR)).unwrap();
            s.write(VENDOR, text.replacen("6304FD19", "6304FD", 1));
        },
        &format!("{VENDOR}:15:7"),
        "QRIS field 63 says it is 4 characters long, but the payload ends before that",
        "copy the payload again",
    );
}
