//! The search index the real binary writes for the `search` fixture (the browser tests in
//! tests/browser/search.test.mjs query it): what is in it, how it is split, what a site can
//! configure, and that record text in it cannot be read as markup.

use crate::common;
use common::*;
use serde_json::Value;

fn root_file(site: &Site) -> Value {
    serde_json::from_str(&site.page("cari/indeks.json")).unwrap()
}

/// Every dictionary entry (`[key, count, list, common?]`) of a section (`w` words, `p` prefixes).
fn entries(site: &Site, section: &str) -> Vec<Value> {
    let root = root_file(site);
    let mut out = Vec::new();
    for shard in root["shards"].as_array().unwrap() {
        let text = site.page(&format!("cari/k/{}.json", shard[1].as_str().unwrap()));
        let shard: Value = serde_json::from_str(&text).unwrap();
        out.extend(shard[section].as_array().unwrap().iter().cloned());
    }
    out
}

/// The path of result-card file `n`.
fn cards_file(site: &Site, n: usize) -> String {
    let root = root_file(site);
    let per_folder = root["files_per_folder"].as_u64().unwrap() as usize;
    format!("cari/d/{}/{n}.json", root["cards"][n / per_folder].as_str().unwrap())
}

fn entry(site: &Site, section: &str, key: &str) -> Option<Value> {
    entries(site, section).into_iter().find(|e| e[0] == key)
}

#[test]
fn the_index_holds_public_records_numbered_in_facet_order() {
    let site = Site::new("search");
    site.build(&[]).success();
    let root = root_file(&site);
    // 13 public products (one draft left out), 4 vendors, 1 event.
    assert_eq!(root["documents"], 18);
    assert_eq!(root["categories"][0], serde_json::json!(["kuliner", "Kuliner", -1]));
    assert_eq!(root["places"][1], serde_json::json!(["tebet", "Tebet", 0]));
    // Cards: products first, by category (keripik before kue), then vendors, then the event.
    let cards: Vec<Value> = serde_json::from_str(&site.page(&cards_file(&site, 0))).unwrap();
    assert_eq!(cards.len(), 18);
    let kinds: Vec<i64> = cards.iter().map(|c| c[0].as_i64().unwrap()).collect();
    assert_eq!(kinds, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2]);
    // Within a category and district, by price.
    let first: Vec<&str> = cards[..4].iter().map(|c| c[2].as_str().unwrap()).collect();
    assert_eq!(first, ["Kripik Tempe", "Keripik Singkong Balado", "Rempeyek Kacang", "Rendang Kering"]);
    assert_eq!(cards[17][2], "Bazar Keripik Nusantara");
    assert!(!site.output_files().values().any(|b| String::from_utf8_lossy(b).contains("Keripik Rahasia")));
}

#[test]
fn words_are_folded_and_variants_share_one_list() {
    let site = Site::new("search");
    site.build(&[]).success();
    // `Kripik` and `Keripik` are one word; `Kueh` is `kue`; the site's `randang` is `rendang`.
    let keripik = entry(&site, "w", "keripik").expect("keripik is indexed");
    assert!(entry(&site, "w", "kripik").is_none(), "variants are indexed under the canonical word");
    assert!(entry(&site, "w", "kueh").is_none());
    assert!(entry(&site, "w", "kue").is_some());
    // The two products named keripik/kripik are name matches (tier 0) in the inline list.
    let names = keripik[2].as_array().unwrap().iter().filter(|p| p.as_u64().unwrap() % 4 == 0).count();
    assert_eq!(names, 3, "two products and the event: {keripik}");
    let variants = &root_file(&site)["variants"];
    assert_eq!(variants["kripik"], "keripik");
    assert_eq!(variants["randang"], "rendang", "the site's own variant");
    // Prefixes of names have lists of their own, under every spelling of the word;
    // descriptions do not make prefixes.
    assert!(entry(&site, "p", "sing").is_some());
    let krip = entry(&site, "p", "krip").expect("a variant spelling's prefix");
    assert_eq!(krip[2], entry(&site, "p", "kerip").unwrap()[2], "the same documents as `kerip`");
    assert!(entry(&site, "p", "pilih").is_none(), "`pilihan` is only in a description");
    assert!(entry(&site, "w", "pilihan").is_some());
}

#[test]
fn record_text_in_the_index_cannot_be_read_as_markup() {
    let site = Site::new("search");
    site.write(
        "content/vendors/kue-bu-harti/products.yaml",
        "- name: '</script><img src=x onerror=alert(1)>'\n  price: 1000\n",
    );
    site.build(&[]).success();
    for (path, bytes) in site.output_files() {
        if path.starts_with("cari/") && path.ends_with(".json") {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains('<') && !text.contains('>'), "{path} has raw markup characters");
        }
    }
    let cards = site.page(&cards_file(&site, 0));
    assert!(cards.contains(r"\u003c/script\u003e\u003cimg src=x onerror=alert(1)\u003e"), "{cards}");
}

#[test]
fn long_lists_are_blocks_with_per_run_counts() {
    let site = Site::new("search");
    let mut items = String::new();
    for i in 0..5000 {
        items.push_str(&format!("- name: Keripik Ubi {i}\n  price: 10000\n  description: Renyah dan gurih.\n"));
    }
    site.write("content/vendors/dapur-renyah/products.yaml", items);
    site.build(&[]).success();
    let keripik = entry(&site, "w", "keripik").unwrap();
    assert_eq!(keripik[1], 5002);
    let gzipped = site.output_files()[&format!("cari/i/{}.bin", keripik[2].as_str().unwrap())].clone();
    let mut header = Vec::new();
    std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(gzipped.as_slice()), &mut header).unwrap();
    // total 5002 (LEB128: 0x8a 0x27), blocks: names in two (4096 + 904), then context ones.
    assert_eq!(&header[..2], &[0x8a, 0x27]);
    assert!(header[2] >= 2, "several blocks");
    assert!(header.len() < 300, "a header is small: {} bytes", header.len());
    // `dan` is in 5,000 descriptions (over 1,000 and 5 %): common, listed without them, but
    // kept in the dictionary so the script knows not to require it.
    let dan = entry(&site, "w", "dan").expect("a common word keeps its entry");
    assert_eq!(dan[3], 1, "{dan}");
    assert_eq!(dan[2], serde_json::json!([]), "{dan}");
    // `renyah` is in their vendor's name too, which outranks the description: not common.
    let renyah = entry(&site, "w", "renyah").unwrap();
    assert!(renyah.get(3).is_none(), "{renyah}");
    assert!(renyah[1].as_u64().unwrap() > 5000, "{renyah}");
}

#[test]
fn an_edit_that_keeps_the_numbering_keeps_the_card_folder() {
    let site = Site::new("search");
    site.build(&[]).success();
    let before = root_file(&site)["cards"].clone();
    // A new description: same documents in the same order.
    site.write(
        "content/vendors/kue-bu-harti/index.md",
        "---\nname: Kue Bu Harti\ncategory: kue\nregion: jakarta-timur\ndistrict: matraman\n---\nKue basah.\n",
    );
    site.build(&[]).success();
    assert_eq!(root_file(&site)["cards"], before);
    // A new product renumbers: a new folder, the old one gone.
    site.write("content/vendors/kue-bu-harti/onde.md", "---\nname: Onde-Onde\nprice: 5000\n---\n");
    site.build(&[]).success();
    let after = root_file(&site)["cards"].clone();
    assert_ne!(after, before);
    assert!(!site.output_files().keys().any(|p| p.starts_with(&format!("cari/d/{}/", before[0].as_str().unwrap()))));
}

#[test]
fn a_variant_must_be_one_word() {
    let site = Site::new("search");
    site.write(
        "site.yaml",
        "title: T\nbase_url: https://example.org/\nsearch:\n  variants:\n    empek: [empek empek]\n",
    );
    let assert = site.build(&[]).code(1);
    let report = stderr(&assert);
    assert!(report.contains("site.yaml:5:12"), "{report}");
    assert!(report.contains("`empek empek` is not one word"), "{report}");
}

#[test]
fn every_page_has_the_search_form_and_the_search_page_has_its_script() {
    let site = Site::new("search");
    site.build(&[]).success();
    let form = r#"<form class="site-search" action="/cari/" method="get" role="search" aria-label="Cari di katalog">"#;
    for page in ["index.html", "umkm/dapur-renyah/index.html", "acara/index.html", "404.html"] {
        assert!(site.page(page).contains(form), "{page}");
    }
    let search = site.page("cari/index.html");
    assert!(search.contains(r#"data-index="/cari/indeks.json""#));
    assert!(search.contains(r#"<script src="/aset/cari.js?v="#));
    assert!(search.contains(r#""search_more":"Tampilkan lebih banyak""#));
    // No other page loads it.
    assert!(!site.page("index.html").contains("cari.js"));
}

#[test]
fn a_rename_that_moves_a_document_within_its_range_renames_only_that_card_folder() {
    let site = Site::new("search");
    // 1,100 products at one price: folders of 1,024 documents, ordered by name in the run.
    site.write(
        "content/vendors/toko-massal/index.md",
        "---\nname: Toko Massal\ncategory: kue\nregion: jakarta-timur\ndistrict: matraman\n---\nBanyak.\n",
    );
    for i in 0..1100 {
        site.write(
            &format!("content/vendors/toko-massal/p{i:04}.md"),
            format!("---\nname: Barang {i:04}\nprice: 10000\n---\n"),
        );
    }
    site.build(&[]).success();
    let before = root_file(&site)["cards"].as_array().unwrap().clone();
    assert!(before.len() >= 2, "{before:?}");
    site.write("content/vendors/toko-massal/p0005.md", "---\nname: Barang 0010a\nprice: 10000\n---\n");
    site.build(&[]).success();
    let after = root_file(&site)["cards"].as_array().unwrap().clone();
    let renamed: Vec<usize> = (0..before.len()).filter(|k| before[*k] != after[*k]).collect();
    assert_eq!(renamed.len(), 1, "one folder renamed: {before:?} → {after:?}");
    // The renamed product's card is in the renamed folder, found where the root says.
    let cards = std::fs::read_to_string(site.out().join(cards_file(&site, renamed[0] * 32))).unwrap();
    assert!(!cards.is_empty());
    let all = site.output_files();
    let card_text: String = all
        .iter()
        .filter(|(p, _)| p.starts_with("cari/d/"))
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    assert!(card_text.contains("Barang 0010a") && !card_text.contains("Barang 0005\""));
}
