//! The built site: every path of a good fixture, drafts, determinism, subpath deployment,
//! escaping of hostile content, and what the pages say.

use crate::common;
use common::{Site, katalog, stderr};

const EXPECTED_PATHS: &[&str] = &[
    "index.html",
    "404.html",
    "cari/index.html",
    "cari/indeks.json",
    "sitemap.xml",
    "robots.txt",
    "data/katalog.json",
    "aset/katalog.css",
    "favicon.svg",
    "umkm/index.html",
    "umkm/kopi-tebet/index.html",
    "umkm/kopi-tebet/kopi-susu/index.html",
    "umkm/kopi-tebet/kopi-bubuk-robusta/index.html",
    "umkm/kopi-tebet/keripik-kopi/index.html",
    "umkm/batik-ayu/index.html",
    "umkm/batik-ayu/kemeja-batik/index.html",
    "kategori/index.html",
    "kategori/kuliner/index.html",
    "kategori/kuliner/halaman/2/index.html",
    "kategori/kopi/index.html",
    "kategori/keripik/index.html",
    "kategori/fashion/index.html",
    "kategori/batik/index.html",
    "wilayah/index.html",
    "wilayah/jakarta-selatan/index.html",
    "wilayah/jakarta-selatan/tebet/index.html",
    "wilayah/jakarta-selatan/cilandak/index.html",
    "wilayah/jakarta-pusat/index.html",
    "wilayah/jakarta-pusat/gambir/index.html",
    "tentang/index.html",
    "acara/index.html",
    "acara/2022/03/index.html",
    "acara/2023/08/index.html",
    "acara/bazar-tebet/index.html",
    "acara/jumat-beli-lokal/index.html",
    "acara/kalender.ics",
    "acara/bazar-tebet/acara.ics",
    "acara/jumat-beli-lokal/acara.ics",
    "umkm/kopi-tebet/kalender.ics",
    "umkm/batik-ayu/kalender.ics",
    "aset/acara.js",
    "aset/cetak.css",
    "umkm/kopi-tebet/kartu-qr/index.html",
    "umkm/batik-ayu/kartu-qr/index.html",
    "umkm/kopi-tebet/qris.svg",
    "umkm/kopi-tebet/kopi-susu/qr.svg",
    "umkm/kopi-tebet/kopi-susu/qr.png",
    "umkm/batik-ayu/kemeja-batik/qr.png",
];

#[test]
fn a_good_site_builds_every_page_kind() {
    let site = Site::new("basic");
    let assert = site.build(&[]).success();
    assert!(stderr(&assert).contains("built "));
    let files = site.output_files();
    for path in EXPECTED_PATHS {
        assert!(files.contains_key(*path), "missing {path}; have {:?}", files.keys().collect::<Vec<_>>());
    }
    // Two tiny sources (8 pixels wide), each published at its own width as WebP and JPEG.
    let images: Vec<_> = files.keys().filter(|k| k.starts_with("gambar/")).collect();
    assert_eq!(images.len(), 4, "{images:?}");
    let html_pages = files.keys().filter(|k| k.ends_with(".html")).count();
    assert_eq!(html_pages, EXPECTED_PATHS.iter().filter(|p| p.ends_with(".html")).count(), "unexpected extra pages");
}

#[test]
fn drafts_appear_nowhere_unless_asked_for() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let files = site.output_files();
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for secret in ["Rahasia", "rahasia", "kopi-rahasia", "rencana"] {
            assert!(!text.contains(secret), "draft `{secret}` leaked into {path}");
        }
    }
    assert!(!files.contains_key("umkm/rahasia/index.html"));
    site.build(&["--drafts"]).success();
    assert!(site.page("umkm/rahasia/index.html").contains("UMKM Rahasia"));
    assert!(site.page("umkm/rahasia/produk-rahasia/index.html").contains("Produk Rahasia"));
    assert!(site.page("umkm/kopi-tebet/kopi-rahasia/index.html").contains("Kopi Rahasia"));
    assert!(site.page("rencana/index.html").contains("Rencana"));
    assert!(site.page("sitemap.xml").contains("umkm/rahasia/"));
    assert!(site.page("data/katalog.json").contains("\"rahasia\""));
    let indexed = |word: &str| {
        site.output_files().iter().any(|(p, b)| p.starts_with("cari/k/") && String::from_utf8_lossy(b).contains(word))
    };
    assert!(indexed("[\"rahasia\","), "with --drafts, drafts are searchable");
}

#[test]
fn same_content_gives_byte_identical_output() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let first = site.output_files();
    site.build(&[]).success();
    assert_eq!(first, site.output_files());
    // A copy of the site in another folder builds the same bytes too.
    let other = Site::new("basic");
    other.build(&[]).success();
    assert_eq!(first, other.output_files());
}

#[test]
fn a_subpath_base_url_prefixes_every_internal_link() {
    let site = Site::new("basic");
    site.build(&["--base-url", "https://example.org/katalog/"]).success();
    let page = site.page("umkm/kopi-tebet/kopi-susu/index.html");
    assert!(page.contains(r#"<link rel="canonical" href="https://example.org/katalog/umkm/kopi-tebet/kopi-susu/">"#));
    for (path, bytes) in site.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        for attr in ["href=\"", "src=\""] {
            for link in text.split(attr).skip(1).map(|rest| rest.split('"').next().unwrap()) {
                let ok = link.starts_with("/katalog/") || link.starts_with("https://") || link.starts_with('#');
                assert!(ok, "{path}: link `{link}` ignores the base path");
            }
        }
    }
    assert!(site.page("sitemap.xml").contains("<loc>https://example.org/katalog/umkm/</loc>"));
    assert!(site.page("robots.txt").contains("Sitemap: https://example.org/katalog/sitemap.xml"));
}

#[test]
fn a_bad_base_url_is_a_usage_error() {
    let site = Site::new("basic");
    let assert = site.build(&["--base-url", "katalog.example"]).code(2);
    assert!(stderr(&assert).contains("--base-url"));
}

#[test]
fn product_page_shows_price_variants_order_link_and_json_ld() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let page = site.page("umkm/kopi-tebet/kopi-susu/index.html");
    assert!(page.contains("Rp 18.000"));
    assert!(page.contains("Rp 65.000"));
    assert!(page.contains("Segelas kopi susu"), "alt text from the record");
    assert!(page.contains(r#"href="https://wa.me/6281234567890?text=Halo%20Kopi%20Tebet%2C%20saya%20ingin%20memesan%20Kopi%20Susu%20Gula%20Aren."#), "{page}");
    let jsonld =
        page.split(r#"<script type="application/ld+json">"#).nth(1).unwrap().split("</script>").next().unwrap();
    let value: serde_json::Value = serde_json::from_str(jsonld).unwrap();
    assert_eq!(value["@type"], "Product");
    assert_eq!(value["offers"]["priceCurrency"], "IDR");
    assert_eq!(value["offers"]["price"], "18000");
    assert!(page.contains(r#"<meta property="og:type" content="product">"#));
    assert!(page.contains(r#"<meta name="description" content="Kopi susu dengan gula aren asli.">"#));
    let range = site.page("umkm/kopi-tebet/kopi-bubuk-robusta/index.html");
    assert!(range.contains("Rp 35.000 – Rp 120.000"));
    let sold_out = site.page("umkm/kopi-tebet/keripik-kopi/index.html");
    assert!(sold_out.contains("Habis"));
    assert!(!sold_out.contains("wa.me/6281234567890?text"), "no order link for an unavailable product");
}

#[test]
fn vendor_page_shows_contact_certificates_and_local_business() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let page = site.page("umkm/kopi-tebet/index.html");
    assert!(page.contains(r#"href="https://wa.me/6281234567890""#));
    assert!(page.contains("+62 812-3456-7890"));
    assert!(page.contains(r#"href="https://www.instagram.com/kopitebet/""#));
    assert!(page.contains("Halal") && page.contains("P-IRT"));
    assert!(page.contains("17 Mei 2021"));
    assert!(page.contains("<strong>kopi</strong>"));
    assert!(page.contains(r#""@type":"LocalBusiness""#));
    assert!(page.contains("Kopi Susu Gula Aren"), "the vendor lists its products");
}

#[test]
fn listings_include_children_and_paginate() {
    let site = Site::new("basic");
    site.build(&[]).success();
    // kuliner holds kopi and keripik products: 3 products, 2 per page.
    let first = site.page("kategori/kuliner/index.html");
    let second = site.page("kategori/kuliner/halaman/2/index.html");
    let names = ["Keripik Kopi", "Kopi Bubuk Robusta", "Kopi Susu Gula Aren"];
    assert!(first.contains(names[0]) && first.contains(names[1]) && !first.contains(names[2]));
    assert!(second.contains(names[2]));
    assert!(first.contains(r#"href="/kategori/kuliner/halaman/2/" rel="next""#));
    let tebet = site.page("wilayah/jakarta-selatan/tebet/index.html");
    assert!(tebet.contains("Kopi Tebet") && !tebet.contains("Batik Ayu"));
}

#[test]
fn open_data_lists_public_vendors_and_products() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let data: serde_json::Value = serde_json::from_str(&site.page("data/katalog.json")).unwrap();
    let vendors = data["vendors"].as_array().unwrap();
    assert_eq!(vendors.len(), 2);
    assert_eq!(vendors[0]["slug"], "batik-ayu");
    let kopi = &vendors[1];
    assert_eq!(kopi["url"], "https://katalog.example.go.id/umkm/kopi-tebet/");
    assert_eq!(kopi["whatsapp"], "+6281234567890");
    assert_eq!(kopi["products"].as_array().unwrap().len(), 3);
    assert_eq!(kopi["products"][1]["price"]["min"], 35000);
}

#[test]
fn hostile_names_and_markdown_are_escaped_everywhere() {
    let site = Site::new("basic");
    let evil = r#"Kopi <script>alert(1)</script> "quoted" & 'single' </script>"#;
    site.write(
        "content/vendors/kopi-tebet/kopi-susu.md",
        format!(
            "---\nname: '{}'\nprice: 18000\ntags: ['<img src=x onerror=alert(2)>']\nvariants: [{{ name: '<b onmouseover=alert(3)>', price: 1 }}]\n---\n<script>alert(4)</script>\n\n<img src=x onerror=alert(5)>\n\n[klik](javascript:alert(6))\n\n<a href=\"https://x.example\" onclick=\"alert(7)\">x</a>\n",
            evil.replace('\'', "''")
        ),
    );
    site.build(&[]).success();
    for (path, bytes) in site.output_files() {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".json") {
            assert!(!text.contains('<'), "markup reached {path}");
            continue;
        }
        for bad in ["<script>alert", "javascript:alert", "<b onmouse", "<img src=x"] {
            assert!(!text.contains(bad), "`{bad}` reached {path}");
        }
        for handler in ["onerror=", "onmouseover=", "onclick="] {
            assert!(!inside_a_tag(&text, handler), "live `{handler}` in {path}");
        }
        if path.ends_with(".html") {
            // Only the JSON-LD block may contain a script element, and it is closed once.
            assert_eq!(text.matches("<script").count(), text.matches("</script>").count(), "{path}");
        }
    }
    let page = site.page("umkm/kopi-tebet/kopi-susu/index.html");
    assert!(page.contains("Kopi &lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;"));
    assert!(page.contains("\\u003c/script\\u003e"), "JSON-LD escapes </script>");
    let json = site.page("data/katalog.json");
    assert!(json.contains("\\u003cscript\\u003e"), "JSON escapes markup too");
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["vendors"][1]["products"][2]["name"], evil);
}

#[test]
fn crlf_and_bom_files_are_accepted() {
    let site = Site::new("basic");
    let path = "content/vendors/batik-ayu/kemeja-batik.md";
    site.write(path, "\u{feff}---\r\nname: Kemeja Batik CRLF\r\nprice: 250000\r\n---\r\nKain **tulis**.\r\n");
    site.build(&[]).success();
    let page = site.page("umkm/batik-ayu/kemeja-batik/index.html");
    assert!(page.contains("Kemeja Batik CRLF") && page.contains("<strong>tulis</strong>"));
    // Errors in CRLF files are still located on the file's own lines.
    site.write(path, "---\r\nname: X\r\n\r\nprise: 1\r\n---\r\n");
    let report = stderr(&site.build(&[]).code(1));
    assert!(report.contains(&format!("{path}:4:1: error: unknown field `prise`")), "{report}");
}

#[test]
fn english_ui_when_the_site_says_so() {
    let site = Site::new("basic");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", config.replace("language: id", "language: en"));
    site.build(&[]).success();
    let page = site.page("umkm/index.html");
    assert!(page.contains(r#"<html lang="en">"#));
    assert!(page.contains("All businesses"), "English title");
    assert!(site.page("umkm/kopi-tebet/index.html").contains("17 May 2021"));
}

#[test]
fn check_validates_without_writing() {
    let site = Site::new("basic");
    let assert = katalog().arg("check").arg(site.root()).assert().success();
    assert!(stderr(&assert).contains("ok: 3 vendors, 6 products, 2 events, 2 pages"), "{}", stderr(&assert));
    assert!(!site.out().exists() && !site.root().join("public").exists());
}

#[test]
fn exit_codes_for_usage_and_missing_sites() {
    katalog().arg("build").arg("--no-such-flag").assert().code(2);
    katalog().arg("frobnicate").assert().code(2);
    katalog().arg("check").arg("/nonexistent/site").assert().code(2);
    katalog().arg("build").arg("/nonexistent/site").assert().code(2);
    for command in ["build", "check", "init"] {
        let assert = katalog().arg(command).arg("--help").assert().success();
        let help = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
        assert!(help.contains("Usage: katalog"), "{help}");
    }
}

#[test]
fn refuses_an_output_folder_that_would_replace_the_site() {
    let site = Site::new("basic");
    katalog().arg("build").arg(site.root()).arg("-o").arg(site.root()).assert().code(2);
    katalog().arg("build").arg(site.root()).arg("-o").arg(site.root().join("content/out")).assert().code(2);
    assert!(site.root().join("content/vendors/kopi-tebet/index.md").exists());
}

#[test]
fn init_creates_a_site_that_builds() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("baru");
    katalog().arg("init").arg(&dir).assert().success();
    katalog().arg("check").arg(&dir).assert().success();
    katalog().arg("build").arg(&dir).assert().success();
    assert!(dir.join("public/umkm/kopi-contoh-tebet/kopi-susu-gula-aren/index.html").exists());
    let regions = std::fs::read_to_string(dir.join("content/regions.yaml")).unwrap();
    let kecamatan = regions.lines().filter(|l| l.starts_with("    ") && l.contains(": ")).count();
    assert_eq!(kecamatan, 44);
    let ignored = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(ignored.contains("/public/") && ignored.contains("/.katalog-cache/"), "{ignored}");
    assert!(dir.join(".katalog-cache").is_dir() || !dir.join("public/gambar").exists());
    // What the guide promises beside the content: schemas as `katalog schema` writes them,
    // the editor settings that map them, a README, and the guides the README names.
    let schemas = tmp.path().join("skema");
    katalog().arg("schema").arg("--out").arg(&schemas).assert().success();
    for entry in std::fs::read_dir(&schemas).unwrap() {
        let name = entry.unwrap().file_name();
        assert_eq!(
            std::fs::read(dir.join("schemas").join(&name)).ok(),
            std::fs::read(schemas.join(&name)).ok(),
            "{name:?}"
        );
    }
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(".vscode/settings.json")).unwrap()).unwrap();
    for (schema, _) in settings["yaml.schemas"].as_object().unwrap() {
        assert!(dir.join(schema).is_file(), "{schema} is mapped but missing");
    }
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap();
    for guide in ["docs/panduan-editor.md", "docs/content.md"] {
        assert!(readme.contains(guide) && dir.join(guide).is_file(), "{guide}");
    }
    let site_yaml = std::fs::read_to_string(dir.join("site.yaml")).unwrap();
    assert!(site_yaml.contains("docs/content.md") && dir.join("docs/content.md").is_file());
    // Links between the copied guides lead somewhere; links to guides not copied are text.
    for guide in ["docs/panduan-editor.md", "docs/content.md", "docs/theme.md", "docs/search.md"] {
        let text = std::fs::read_to_string(dir.join(guide)).unwrap();
        for (at, _) in text.match_indices("](") {
            let target = text[at + 2..].split(')').next().unwrap().split('#').next().unwrap();
            if target.ends_with(".md") && !target.contains("://") {
                assert!(dir.join("docs").join(target).is_file(), "{guide} links to missing {target}");
            }
        }
    }
    // It never overwrites.
    katalog().arg("init").arg(&dir).assert().code(2);
}

/// Whether `needle` occurs inside a raw tag (after a `<` with no `>` since), where it would be
/// an attribute rather than escaped text.
fn inside_a_tag(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(i, _)| {
        let before = &text[..i];
        before.rfind('<') > before.rfind('>')
    })
}

#[test]
fn static_folder_is_copied_verbatim_and_wins() {
    let site = Site::new("basic");
    site.write("static/unduhan/brosur.txt", "brosur");
    site.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    site.write("static/.rahasia", "hidden");
    site.build(&[]).success();
    assert_eq!(site.page("unduhan/brosur.txt"), "brosur");
    assert_eq!(site.page("robots.txt"), "User-agent: *\nDisallow: /\n");
    assert!(!site.out().join(".rahasia").exists());
}

#[test]
fn vendor_list_is_grouped_a_to_z_with_a_letter_index() {
    let site = Site::new("basic");
    site.write(
        "content/vendors/zaitun/index.md",
        "---\nname: \"'Zaitun' Catering\"\ncategory: kuliner\nregion: jakarta-pusat\n---\n",
    );
    site.write(
        "content/vendors/toko-123/index.md",
        "---\nname: 123 Kopi\ncategory: kopi\nregion: jakarta-pusat\n---\n",
    );
    site.build(&[]).success();
    let first = site.page("umkm/index.html");
    let second = site.page("umkm/halaman/2/index.html");
    // `#` (digits) first, then B, K, Z; quotes are ignored for sorting.
    assert!(first.contains(r#"<h2 id="huruf-lain">#</h2>"#) && first.contains(r#"<h2 id="huruf-b">B</h2>"#));
    assert!(second.contains(r#"<h2 id="huruf-k">K</h2>"#) && second.contains(r#"<h2 id="huruf-z">Z</h2>"#));
    assert!(first.contains(r#"href="/umkm/halaman/2/#huruf-z""#), "the letter index links to the page of each letter");
    assert!(second.contains(r#"href="/umkm/#huruf-b""#));
}

#[test]
fn refuses_to_replace_a_folder_katalog_did_not_write() {
    let site = Site::new("basic");
    let precious = site.tmp.path().join("dokumen");
    std::fs::create_dir(&precious).unwrap();
    std::fs::write(precious.join("skripsi.docx"), "bab 1").unwrap();
    let assert = katalog().arg("build").arg(site.root()).arg("-o").arg(&precious).assert().code(2);
    assert!(stderr(&assert).contains("was not written by katalog"));
    assert_eq!(std::fs::read_to_string(precious.join("skripsi.docx")).unwrap(), "bab 1");
    // Its own output it replaces, build after build.
    site.build(&[]).success();
    site.build(&[]).success();
}

#[test]
fn products_yaml_may_hold_a_single_product() {
    let site = Site::new("basic");
    site.write("content/vendors/batik-ayu/products.yaml", "# one product only\nname: Selendang Batik\nprice: 90000\n");
    site.build(&[]).success();
    assert!(site.page("umkm/batik-ayu/selendang-batik/index.html").contains("Rp 90.000"));
}

#[test]
fn check_also_checks_the_theme() {
    let site = Site::new("basic");
    site.write("themes/default/templates/base.html", "{% if %}");
    let assert = katalog().arg("check").arg(site.root()).assert().code(1);
    assert!(stderr(&assert).contains("template error"), "{}", stderr(&assert));
}
