//! `katalog import`: exports as spreadsheets write them (Windows-1252 CSV with `;`, XLSX with
//! merged header cells, dates and formulas) into records that build; idempotent re-imports
//! that keep an editor's work; every bad input a located error with nothing written.

use crate::common::{Site, all_files, katalog, stderr};
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::{Path, PathBuf};

/// A CSV as Excel saves it for an Indonesian locale: `;`, CRLF, Windows-1252.
fn excel_csv(dir: &Path, name: &str, rows: &[&str]) -> PathBuf {
    let text = rows.join("\r\n") + "\r\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "the fixture must be Windows-1252");
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

const HEADER: &str =
    "Nomor Registrasi;Nama Usaha;Nama Pemilik;Kategori;Kota/Kabupaten;Kecamatan;Alamat;No. HP/WA;Instagram";

fn import(site: &Site, file: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    katalog().arg("import").arg(file).arg(site.root()).args(extra).assert()
}

fn content(site: &Site) -> std::collections::BTreeMap<String, Vec<u8>> {
    all_files(&site.root().join("content"))
}

#[test]
fn an_excel_csv_imports_builds_and_a_second_import_writes_nothing() {
    let site = Site::new("basic");
    let csv = excel_csv(
        site.tmp.path(),
        "daftar.csv",
        &[
            HEADER,
            "JP-2019-000101;Kafé Gambir;Siti Aminah;Kopi;JAKARTA PUSAT;Gambir;Jl. Veteran: No. 3;0812-1111-2222;@kafegambir",
            "JP-2019-000102;Keripik Bu Tini;Tini;Keripik;Jaksel;cilandak;\"Jl. Fatmawati; Blok A\";+62 813 2222 3333;",
            "JP-2019-000103;Batik Ayu Cilandak;Ayu;batik;Jakarta Selatan;Kec. Cilandak;;6281344445555;https://instagram.com/batikayu",
        ],
    );
    let assert = import(&site, &csv, &[]).success();
    assert!(stderr(&assert).contains("added 3 records"), "{}", stderr(&assert));
    let kafe = std::fs::read_to_string(site.root().join("content/vendors/kafe-gambir/index.md")).unwrap();
    assert_eq!(
        kafe,
        "---\nname: Kafé Gambir\nowner: Siti Aminah\ncategory: kopi\nregion: jakarta-pusat\ndistrict: gambir\naddress: \"Jl. Veteran: No. 3\"\nwhatsapp: \"+6281211112222\"\ninstagram: \"@kafegambir\"\njakpreneur_id: JP-2019-000101\n---\n"
    );
    let tini = std::fs::read_to_string(site.root().join("content/vendors/keripik-bu-tini/index.md")).unwrap();
    assert!(tini.contains("region: jakarta-selatan\ndistrict: cilandak\naddress: \"Jl. Fatmawati; Blok A\""), "{tini}");
    site.build(&[]).success();
    assert!(site.page("umkm/kafe-gambir/index.html").contains("Kafé Gambir"));
    // The same file again: nothing written.
    let before = content(&site);
    let again = import(&site, &csv, &[]).success();
    assert!(stderr(&again).contains("added 0 records, changed 0, 3 unchanged; 0 files written"), "{}", stderr(&again));
    assert_eq!(content(&site), before);
}

#[test]
fn a_reimport_changes_only_the_fields_the_map_owns() {
    let site = Site::new("basic");
    let dir = site.tmp.path();
    let first =
        excel_csv(dir, "v1.csv", &[HEADER, "JP-1;Kafé Gambir;Siti;Kopi;Jakarta Pusat;Gambir;Jl. Lama 1;081211112222;"]);
    import(&site, &first, &[]).success();
    // An editor writes a profile, a comment and a field the export does not have.
    let path = site.root().join("content/vendors/kafe-gambir/index.md");
    let edited = std::fs::read_to_string(&path)
        .unwrap()
        .replace("owner: Siti\n", "owner: Siti   # pemilik sejak 2019\ncertifications: [halal]\n")
        + "Kafé Gambir menyeduh kopi Aceh sejak 2019.\n";
    std::fs::write(&path, &edited).unwrap();
    let second = excel_csv(
        dir,
        "v2.csv",
        &[HEADER, "JP-1;Kafé Gambir;Siti;Kopi;Jakarta Pusat;Gambir;Jl. Baru 2;0812-1111-2222;"],
    );
    let dry = import(&site, &second, &["--dry-run"]).success();
    let said = stderr(&dry);
    assert!(said.contains("~ content/vendors/kafe-gambir/index.md\n    address: Jl. Lama 1 → Jl. Baru 2"), "{said}");
    assert!(!said.contains("whatsapp"), "the same number in another form is no change: {said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited, "--dry-run wrote");
    import(&site, &second, &[]).success();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), edited.replace("Jl. Lama 1", "Jl. Baru 2"));
    // A vendor missing from a later export is listed, never removed.
    let third = excel_csv(dir, "v3.csv", &[HEADER, "JP-2;Toko Dua;Dua;Kopi;Jakarta Pusat;Gambir;;;"]);
    let assert = import(&site, &third, &[]).success();
    assert!(stderr(&assert).contains("are not in this file and were left as they are"), "{}", stderr(&assert));
    assert!(path.exists());
}

#[test]
fn folder_names_are_unique_and_stay_put_across_imports() {
    let site = Site::new("basic");
    let csv = excel_csv(
        site.tmp.path(),
        "sama.csv",
        &[HEADER, "JP-7;Kopi Tebet;A;Kopi;Jakarta Selatan;Tebet;;;", "JP-8;Kopi Tebet;B;Kopi;Jakarta Selatan;Tebet;;;"],
    );
    // The fixture's own `kopi-tebet` has another number: both rows get new folders.
    import(&site, &csv, &[]).success();
    for (folder, owner) in [("kopi-tebet-2", "A"), ("kopi-tebet-3", "B")] {
        let text = std::fs::read_to_string(site.root().join(format!("content/vendors/{folder}/index.md"))).unwrap();
        assert!(text.contains(&format!("owner: {owner}\n")), "{folder}: {text}");
    }
    let before = content(&site);
    import(&site, &csv, &[]).success();
    assert_eq!(content(&site), before, "the second import found the same folders by number");
    katalog().arg("check").arg(site.root()).assert().success();
}

/// An XLSX as a programme office makes it: a merged title over the headers, a registration
/// date, phone numbers typed as numbers, a price computed by a formula, vendors and products
/// in one sheet.
fn workbook(path: &Path, edit: impl FnOnce(&mut rust_xlsxwriter::Worksheet)) {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Pendaftaran").unwrap();
    let bold = Format::new().set_bold();
    sheet.merge_range(0, 0, 0, 8, "Data UMKM Binaan Jakpreneur 2022", &bold).unwrap();
    let headers = [
        "Jenis Baris",
        "Nomor Registrasi",
        "Nama Usaha",
        "Kategori",
        "Kota/Kabupaten",
        "Kecamatan",
        "No. HP/WA",
        "Tanggal Daftar",
        "Nama Produk",
        "Harga",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(1, c as u16, *h, &bold).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write_string(2, 0, "UMKM").unwrap();
    sheet.write_string(2, 1, "JP-2022-000777").unwrap();
    sheet.write_string(2, 2, "Dapur Bu Ratna").unwrap();
    sheet.write_string(2, 3, "Keripik").unwrap();
    sheet.write_string(2, 4, "Jakarta Selatan").unwrap();
    sheet.write_string(2, 5, "Tebet").unwrap();
    sheet.write_number(2, 6, 81255556666.0).unwrap();
    sheet.write_datetime_with_format(2, 7, ExcelDateTime::from_ymd(2022, 5, 24).unwrap(), &date).unwrap();
    sheet.write_string(3, 0, "Produk").unwrap();
    sheet.write_string(3, 1, "JP-2022-000777").unwrap();
    sheet.write_string(3, 8, "Keripik Pisang Cokelat").unwrap();
    sheet.write_formula(3, 9, Formula::new("=15*1000").set_result("15000")).unwrap();
    sheet.write_string(4, 0, "Produk").unwrap();
    sheet.write_string(4, 1, "JP-2022-000777").unwrap();
    sheet.write_string(4, 8, "Keripik Tempe").unwrap();
    sheet.write_string(4, 9, "Rp 12.500").unwrap();
    edit(sheet);
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_with_merged_headers_dates_and_formulas_imports() {
    let site = Site::new("basic");
    let path = site.tmp.path().join("pendaftaran.xlsx");
    workbook(&path, |_| {});
    let assert = import(&site, &path, &[]).success();
    assert!(stderr(&assert).contains("added 3 records"), "{}", stderr(&assert));
    let vendor = std::fs::read_to_string(site.root().join("content/vendors/dapur-bu-ratna/index.md")).unwrap();
    assert!(
        vendor.contains("whatsapp: \"+6281255556666\"\njakpreneur_id: JP-2022-000777\njoined: 2022-05-24\n"),
        "{vendor}"
    );
    let product =
        std::fs::read_to_string(site.root().join("content/vendors/dapur-bu-ratna/keripik-pisang-cokelat.md")).unwrap();
    assert_eq!(product, "---\nname: Keripik Pisang Cokelat\nprice: 15000\n---\n");
    assert!(
        std::fs::read_to_string(site.root().join("content/vendors/dapur-bu-ratna/keripik-tempe.md"))
            .unwrap()
            .contains("price: 12500\n")
    );
    katalog().arg("check").arg(site.root()).assert().success();
    let before = content(&site);
    import(&site, &path, &[]).success();
    assert_eq!(content(&site), before);
}

/// Imports `file` into a fresh basic site, expecting it refused with `code`: the report, and
/// proof that nothing was written.
fn refused(file: impl FnOnce(&Path) -> PathBuf, extra: &[&str], code: i32) -> String {
    let site = Site::new("basic");
    let path = file(site.tmp.path());
    let before = content(&site);
    let report = stderr(&import(&site, &path, extra).code(code));
    assert_eq!(content(&site), before, "a refused import wrote:\n{report}");
    assert!(report.contains("nothing was imported"), "{report}");
    report
}

#[test]
fn bad_cells_are_located_all_at_once_and_nothing_is_written() {
    let report = refused(
        |dir| {
            excel_csv(
                dir,
                "data.csv",
                &[
                    HEADER,
                    "JP-1;Kafé Gambir;Siti;Kopi;Jakarta Pusat;Gambir;;;",
                    "JP-2;Toko Dua;Dua;Kopii;Jakarta Selatan;Tebet;;0215550000;",
                    "JP-3;;Tiga;Kopi;Jakarta Selatan;Tebet;;;",
                    "JP-1;Kafé Gambir Lagi;Siti;Kopi;Jakarta Pusat;Gambir;;;",
                    "JP-5;Toko Lima;Lima;Kopi;Bandung;;;;",
                    "JP-6;Toko Enam;Enam;Kopi;Jakarta Selatan;Cilandakk;;;",
                ],
            )
        },
        &[],
        1,
    );
    for expected in [
        "data.csv:7:6: error: kecamatan `Cilandakk` is not in Jakarta Selatan\n  = hint: did you mean `Cilandak`?",
        "data.csv:3:4: error: unknown category `Kopii`",
        "data.csv:3:8: error: `0215550000` is not an Indonesian mobile number",
        "data.csv:4:2: error: `Nama Usaha` is empty\n  = hint: every vendor needs its name",
        "data.csv:5: error: registration number `JP-1` is in the file twice\n  = note: first in row 2",
        "data.csv:6:5: error: `Bandung` is not a kota/kabupaten of DKI Jakarta",
    ] {
        assert!(report.contains(expected), "expected\n{expected}\nin\n{report}");
    }
    assert!(report.contains("error: 6 content errors found; nothing was imported"), "{report}");
}

#[test]
fn skip_invalid_imports_the_good_rows_and_lists_the_bad() {
    let site = Site::new("basic");
    let csv = excel_csv(
        site.tmp.path(),
        "data.csv",
        &[
            HEADER,
            "JP-1;Kafé Gambir;Siti;Kopi;Jakarta Pusat;Gambir;;;",
            "JP-2;Toko Dua;Dua;Kopi;Jakarta Pusat;Gambirr;;;",
        ],
    );
    let report = stderr(&import(&site, &csv, &["--skip-invalid"]).success());
    assert!(report.contains("data.csv:3:6: error: kecamatan `Gambirr` is not in Jakarta Pusat"), "{report}");
    assert!(report.contains("added 1 records"), "{report}");
    assert!(site.root().join("content/vendors/kafe-gambir/index.md").exists());
    assert!(!site.root().join("content/vendors/toko-dua").exists());
}

#[test]
fn prices_in_words_formulas_and_dates_in_text_columns_are_refused_in_place() {
    let report = refused(
        |dir| {
            let path = dir.join("daftar.xlsx");
            workbook(&path, |sheet| {
                sheet.write_string(4, 9, "lima belas ribu").unwrap();
                sheet.write_formula(2, 2, Formula::new("=\"Dapur \"&\"Ratna\"").set_result("Dapur Ratna")).unwrap();
                sheet
                    .write_datetime_with_format(
                        3,
                        8,
                        ExcelDateTime::from_ymd(2022, 1, 2).unwrap(),
                        &Format::new().set_num_format("d-mmm"),
                    )
                    .unwrap();
            });
            path
        },
        &[],
        1,
    );
    for expected in [
        "daftar.xlsx:Pendaftaran!J5: error: price `lima belas ribu` is not a number",
        "daftar.xlsx:Pendaftaran!C3: error: a formula (`=\"Dapur \"&\"Ratna\"`) where text is expected\n  = hint: copy the column and paste it back as values only",
        "daftar.xlsx:Pendaftaran!I4: error: a date (2022-01-02) where text is expected",
    ] {
        assert!(report.contains(expected), "expected\n{expected}\nin\n{report}");
    }
}

#[test]
fn files_that_are_not_exports_are_refused_within_bounds() {
    // A picture named .csv, a PNG, a CSV over the size limit (sparse: nothing is read).
    let binary = refused(|dir| write(dir, "data.csv", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), &[], 2);
    assert!(binary.contains("data.csv: error: this is not a CSV text file"), "{binary}");
    let other = refused(|dir| write(dir, "daftar.ods", b"PK\x03\x04\x14\0\0\0mimetypeapplication/vnd.oasis"), &[], 2);
    assert!(other.contains("`.ods` files are not read"), "{other}");
    let huge = refused(
        |dir| {
            let path = dir.join("besar.csv");
            std::fs::File::create(&path).unwrap().set_len(1100 * 1024 * 1024).unwrap();
            path
        },
        &[],
        2,
    );
    assert!(huge.contains("a CSV may be at most 1024 MB"), "{huge}");
    let fake = refused(|dir| write(dir, "daftar.xlsx", b"Nama Usaha;Kategori\n"), &[], 2);
    assert!(fake.contains("this `.xlsx` file is not an Excel workbook"), "{fake}");
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn a_zip_bomb_is_refused_before_it_inflates() {
    let report = refused(
        |dir| {
            // An honest zip whose one part inflates to 2.1 GB of zeros (a few MB on disk).
            let path = dir.join("bom.xlsx");
            let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(1))
                .large_file(true);
            zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
            let block = vec![0u8; 1 << 20];
            for _ in 0..2100 {
                std::io::Write::write_all(&mut zip, &block).unwrap();
            }
            zip.finish().unwrap();
            path
        },
        &[],
        2,
    );
    assert!(report.contains("the workbook's parts inflate to 2100 MB, over the limit of 2048 MB"), "{report}");
}

#[test]
fn a_map_names_columns_and_init_map_starts_one() {
    let site = Site::new("basic");
    let dir = site.tmp.path();
    let csv = excel_csv(
        dir,
        "ekspor.csv",
        &[
            "ID;Usaha;Kategori Usaha;Wilayah Kota;Kecamatan;Catatan",
            "JP-9;Toko Sembilan;Kopi;Jakarta Pusat;Gambir;arsip",
        ],
    );
    // Headers the defaults do not know: one error for the file, naming what is missing.
    let missing = stderr(&import(&site, &csv, &[]).code(2));
    assert!(missing.contains("no column gives `name` (the vendor's), `region` (the vendor's)"), "{missing}");
    assert_eq!(missing.matches("error:").count(), 2, "one error, and the last line: {missing}");
    let map = dir.join("peta.yaml");
    katalog().arg("import").arg(&csv).arg(site.root()).arg("--init-map").arg(&map).assert().success();
    let written = std::fs::read_to_string(&map).unwrap();
    assert!(written.contains("\"Kategori Usaha\": category") && written.contains("\"Usaha\": ~"), "{written}");
    // The editor fixes the map; a typo in a field is located.
    std::fs::write(
        &map,
        written
            .replace("\"Usaha\": ~", "\"Usaha\": nama")
            .replace("\"ID\": ~", "\"ID\": jakpreneur_id")
            .replace("\"Wilayah Kota\": ~", "\"Wilayah Kota\": region"),
    )
    .unwrap();
    let typo = stderr(&import(&site, &csv, &["--map", map.to_str().unwrap()]).code(2));
    assert!(typo.contains("unknown field `nama`") && typo.contains("did you mean `name`?"), "{typo}");
    std::fs::write(&map, std::fs::read_to_string(&map).unwrap().replace("\"Usaha\": nama", "\"Usaha\": name")).unwrap();
    let done = stderr(&import(&site, &csv, &["--map", map.to_str().unwrap()]).success());
    assert!(done.contains("note: columns not imported: Catatan"), "{done}");
    assert!(site.root().join("content/vendors/toko-sembilan/index.md").exists());
    // --init-map never overwrites.
    katalog().arg("import").arg(&csv).arg(site.root()).arg("--init-map").arg(&map).assert().code(2);
}

#[test]
fn rows_without_a_number_find_their_folder_again() {
    let site = Site::new("basic");
    // No registration numbers; the fixture's `kopi-tebet` has one, so the row gets a folder
    // of its own, and finds it again on the next import.
    let csv = excel_csv(
        site.tmp.path(),
        "tanpa-id.csv",
        &["Nama Usaha;Kategori;Kota/Kabupaten", "Kopi Tebet;Kopi;Jakarta Selatan"],
    );
    import(&site, &csv, &[]).success();
    assert!(site.root().join("content/vendors/kopi-tebet-2/index.md").exists());
    let before = content(&site);
    let again = stderr(&import(&site, &csv, &[]).success());
    assert!(again.contains("0 files written"), "{again}");
    assert_eq!(content(&site), before);
}

#[test]
fn products_find_their_vendor_by_number_or_by_a_name_only_one_vendor_has() {
    let site = Site::new("basic");
    let dir = site.tmp.path();
    let vendors = excel_csv(dir, "umkm.csv", &[HEADER, "JP-7;Kopi Tebet;A;Kopi;Jakarta Selatan;Tebet;;;"]);
    import(&site, &vendors, &[]).success();
    // Two vendors are now named Kopi Tebet: a product naming it by name is refused, by number
    // it goes to the right folder.
    let by_name = excel_csv(dir, "produk-nama.csv", &["Nama Usaha;Nama Produk;Harga", "Kopi Tebet;Es Kopi;Rp 15.000"]);
    let refused = stderr(&import(&site, &by_name, &[]).code(1));
    assert!(
        refused.contains("2 vendors are named `Kopi Tebet`") && refused.contains("kopi-tebet, kopi-tebet-2"),
        "{refused}"
    );
    let by_number = excel_csv(dir, "produk-id.csv", &["Nomor Registrasi;Nama Produk;Harga", "JP-7;Es Kopi;Rp 15.000"]);
    import(&site, &by_number, &[]).success();
    assert!(site.root().join("content/vendors/kopi-tebet-2/es-kopi.md").exists());
    assert!(!site.root().join("content/vendors/kopi-tebet/es-kopi.md").exists());
    // A price range the editor wrote stays; a number unknown is an error, not a guess.
    let path = site.root().join("content/vendors/kopi-tebet-2/es-kopi.md");
    std::fs::write(&path, "---\nname: Es Kopi\nprice: { min: 12000, max: 18000 }\n---\n").unwrap();
    let kept = stderr(&import(&site, &by_number, &[]).success());
    assert!(kept.contains("0 files written"), "{kept}");
    let unknown = excel_csv(dir, "produk-x.csv", &["Nomor Registrasi;Nama Produk;Harga", "JP-99;Es Teh;5000"]);
    assert!(stderr(&import(&site, &unknown, &[]).code(1)).contains("no vendor `JP-99` in the site or in this file"));
}

#[test]
fn a_record_the_import_cannot_read_is_never_replaced() {
    let site = Site::new("basic");
    // A profile saved by Notepad in Windows-1252: not UTF-8.
    let path = site.root().join("content/vendors/kopi-tebet/index.md");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes.extend_from_slice(b"Caf\xe9 kecil di Tebet.\n");
    std::fs::write(&path, &bytes).unwrap();
    let csv = excel_csv(
        site.tmp.path(),
        "data.csv",
        &[HEADER, "JP-2021-000001;Kopi Tebet;Budi;Kopi;Jakarta Selatan;Tebet;Jl. Baru;;"],
    );
    let report = stderr(&import(&site, &csv, &[]).code(2));
    assert!(report.contains("cannot read this record"), "{report}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_key_written_twice_is_found_even_when_one_row_has_another_error() {
    let report = refused(
        |dir| {
            excel_csv(
                dir,
                "data.csv",
                &[
                    HEADER,
                    "JP-1;Kafé Gambir;Siti;Kopi;Jakarta Pusat;Gambirr;;;",
                    "JP-1;Kafé Gambir;Siti;Kopi;Jakarta Pusat;Gambir;;;",
                ],
            )
        },
        &[],
        1,
    );
    assert!(report.contains("data.csv:3: error: registration number `JP-1` is in the file twice"), "{report}");
    assert!(report.contains("data.csv:2:6: error: kecamatan `Gambirr` is not in Jakarta Pusat"), "{report}");
}

#[test]
fn sheets_and_lines_too_wide_to_be_exports_are_refused_in_bounded_memory() {
    let wide = refused(
        |dir| {
            let line = vec!["x"; 600].join(";");
            excel_csv(dir, "lebar.csv", &[HEADER, &line])
        },
        &[],
        2,
    );
    assert!(wide.contains("line 2 has 600 columns; at most 512 are read"), "{wide}");
    // One cell at the last column and row of a sheet: calamine's dense range would ask for
    // 17 billion cells; the import streams cells and stops at the column limit.
    let far = refused(
        |dir| {
            let path = dir.join("jauh.xlsx");
            workbook(&path, |sheet| {
                sheet.write_string(1_048_575, 16_383, "x").unwrap();
            });
            path
        },
        &[],
        2,
    );
    assert!(far.contains("Pendaftaran!XFD1048576: error: a cell in column XFD; at most 512 columns are read"), "{far}");
}
