//! Aliases: a renamed record's old paths keep leading to it. Redirect pages at each old path
//! (refresh, canonical, a visible link, no script), a vendor's alias carrying its products
//! and booth cards, `_redirects` for hosts that read it, nothing of it in the sitemap; and
//! located errors for an alias over a live page, claimed twice, or outside the site.

use crate::common::{self, Site, katalog};

const KOPI_TEBET: &str = "content/vendors/kopi-tebet/index.md";
const KOPI_SUSU: &str = "content/vendors/kopi-tebet/kopi-susu.md";

/// The basic fixture after some renames: each record lists where it used to be.
fn renamed() -> Site {
    let site = Site::new("basic");
    let add = |file: &str, after: &str, line: &str| {
        let text = std::fs::read_to_string(site.root().join(file)).unwrap();
        assert!(text.contains(after), "{file}");
        site.write(file, text.replacen(after, &format!("{after}\n{line}"), 1));
    };
    add(KOPI_TEBET, "name: Kopi Tebet", "aliases: [umkm/kopi-lama/]");
    add(KOPI_SUSU, "name: Kopi Susu Gula Aren", "aliases: [\"/umkm/kopi-tebet/kopi-susu-aren\"]");
    add(
        "content/events/bazar-tebet.md",
        "title: Bazar Tebet",
        "aliases:\n  - https://katalog.example.go.id/acara/bazar-2023/",
    );
    add("content/pages/tentang.md", "title: Tentang", "aliases: [profil/]");
    site
}

/// The old path's page: where it leads, checked the ways browsers and crawlers read it.
fn assert_redirect(site: &Site, old: &str, new: &str) {
    let html = site.page(&format!("{old}index.html"));
    assert!(html.contains(&format!(r#"<meta http-equiv="refresh" content="0; url=/{new}">"#)), "{old}: {html}");
    assert!(html.contains(&format!(r#"<link rel="canonical" href="https://katalog.example.go.id/{new}">"#)), "{old}");
    assert!(html.contains(&format!(r#"<a href="/{new}">"#)), "{old}: a visible link");
    assert!(html.contains(r#"<meta name="robots" content="noindex">"#), "{old}");
    assert!(!html.contains("<script"), "{old}: no script");
}

#[test]
fn old_paths_lead_to_the_records_where_they_are_now() {
    let site = renamed();
    site.build(&["--no-git-dates"]).success();
    assert_redirect(&site, "umkm/kopi-lama/", "umkm/kopi-tebet/");
    // The vendor's products and booth cards follow it.
    assert_redirect(&site, "umkm/kopi-lama/kopi-susu/", "umkm/kopi-tebet/kopi-susu/");
    assert_redirect(&site, "umkm/kopi-lama/keripik-kopi/", "umkm/kopi-tebet/keripik-kopi/");
    assert_redirect(&site, "umkm/kopi-lama/kartu-qr/", "umkm/kopi-tebet/kartu-qr/");
    assert_redirect(&site, "umkm/kopi-tebet/kopi-susu-aren/", "umkm/kopi-tebet/kopi-susu/");
    assert_redirect(&site, "acara/bazar-2023/", "acara/bazar-tebet/");
    assert_redirect(&site, "profil/", "tentang/");
    assert!(site.page("umkm/kopi-lama/index.html").contains("Kopi Tebet</a>"), "the link names the record");

    let redirects = site.page("_redirects");
    assert!(redirects.lines().any(|l| l == "/umkm/kopi-lama/ /umkm/kopi-tebet/ 301"), "{redirects}");
    assert!(redirects.lines().any(|l| l == "/profil/ /tentang/ 301"), "{redirects}");
    let sitemap = site.page("sitemap.xml");
    assert!(!sitemap.contains("kopi-lama") && !sitemap.contains("profil"), "old paths are not in the sitemap");
    assert!(!site.page("data/katalog.json").contains("kopi-lama"), "nor in the open data");

    // Without aliases there is no `_redirects` and no old page.
    let plain = Site::new("basic");
    plain.build(&["--no-git-dates"]).success();
    assert!(!plain.out().join("_redirects").exists());
}

/// `katalog check` on `site`: its stderr, which must fail with content errors.
fn check_fails(site: &Site) -> String {
    common::stderr(&katalog().arg("check").arg(site.root()).assert().code(1))
}

#[test]
fn an_alias_over_a_live_page_is_a_located_error() {
    let site = Site::new("basic");
    let text = std::fs::read_to_string(site.root().join(KOPI_TEBET)).unwrap();
    site.write(KOPI_TEBET, text.replacen("name: Kopi Tebet\n", "name: Kopi Tebet\naliases: [umkm/batik-ayu/]\n", 1));
    let report = check_fails(&site);
    assert!(
        report.contains(&format!("{KOPI_TEBET}:3:11: error: the alias `umkm/batik-ayu/` is a page the site still has")),
        "{report}"
    );
    assert!(report.contains("hint: an alias or a removed path is an old path that no page uses any more"), "{report}");
    // Later pages of listings and calendar months are pages too.
    site.write(KOPI_TEBET, text.replacen("name: Kopi Tebet\n", "name: Kopi Tebet\naliases: [umkm/halaman/2/]\n", 1));
    assert!(check_fails(&site).contains("the alias `umkm/halaman/2/` is a page the site still has"));
}

#[test]
fn an_alias_claimed_by_two_records_is_a_located_error() {
    let site = Site::new("basic");
    let vendor = std::fs::read_to_string(site.root().join(KOPI_TEBET)).unwrap();
    site.write(KOPI_TEBET, vendor.replacen("name: Kopi Tebet\n", "name: Kopi Tebet\naliases: [lama/]\n", 1));
    let page = "content/pages/tentang.md";
    let text = std::fs::read_to_string(site.root().join(page)).unwrap();
    site.write(page, text.replacen("title: Tentang\n", "title: Tentang\naliases:\n  - /lama\n", 1));
    let report = check_fails(&site);
    assert!(report.contains("error: the alias `lama/` is claimed twice"), "{report}");
    assert!(report.contains("also claimed in content/"), "the other claim is named: {report}");
}

#[test]
fn an_alias_outside_the_site_is_a_located_error() {
    let site = Site::new("basic");
    let text = std::fs::read_to_string(site.root().join(KOPI_SUSU)).unwrap();
    for (alias, message) in [
        ("https://toko-lain.example/kopi/", "is outside the site (another address)"),
        ("umkm/../rahasia/", "is outside the site (empty, `.` or `..` parts)"),
        ("umkm/kopi?ref=qr", "has a `?`, which is not part of a path"),
        ("kategori/kopi-lama/", "is inside `kategori/`, which the site makes itself"),
    ] {
        site.write(
            KOPI_SUSU,
            text.replacen(
                "name: Kopi Susu Gula Aren\n",
                &format!("name: Kopi Susu Gula Aren\naliases: [\"{alias}\"]\n"),
                1,
            ),
        );
        let report = check_fails(&site);
        assert!(report.contains(&format!("{KOPI_SUSU}:3:")) && report.contains(message), "{alias}: {report}");
    }
}

/// The basic fixture with records gone: a product deleted, and a vendor that left whose two
/// products had printed cards.
fn with_removals(dihapus: &str) -> Site {
    let site = renamed();
    site.remove("content/vendors/kopi-tebet/products.yaml");
    site.write("content/dihapus.yaml", dihapus);
    site
}

const DIHAPUS: &str = "\
# Alamat yang sudah terbit, catatannya dihapus.
- path: umkm/kopi-tebet/keripik-kopi/
  reason: Tidak diproduksi lagi sejak 2024.
  replacement: umkm/kopi-tebet/kopi-susu-aren/   # an alias: named directly
- path: /umkm/warung-tutup/
  products: [es-teh, nasi-uduk]
- path: acara/bazar-2019/
";

#[test]
fn removed_records_get_a_page_that_says_so_and_links_onwards() {
    let site = with_removals(DIHAPUS);
    site.build(&["--no-git-dates"]).success();
    let page = site.page("umkm/kopi-tebet/keripik-kopi/index.html");
    assert!(page.contains("<h1>Produk ini sudah tidak dijual</h1>"), "{page}");
    assert!(page.contains("Tidak diproduksi lagi sejak 2024."));
    assert!(page.contains(r#"<meta name="robots" content="noindex">"#));
    assert!(!page.contains(r#"rel="canonical""#), "a removed page names no canonical page");
    // The replacement was written as an alias: the link goes straight to the page.
    assert!(page.contains(r#"<a href="/umkm/kopi-tebet/kopi-susu/">Lihat penggantinya</a>"#), "{page}");
    assert!(page.contains(r#"<a href="/umkm/kopi-tebet/">Produk lain dari Kopi Tebet</a>"#), "{page}");
    assert!(page.contains(r#"<a href="/cari/?q=keripik%20kopi">"#), "{page}");

    let vendor = site.page("umkm/warung-tutup/index.html");
    assert!(vendor.contains("<h1>UMKM ini sudah tidak terdaftar di katalog</h1>"), "{vendor}");
    for product in ["es-teh", "nasi-uduk"] {
        let page = site.page(&format!("umkm/warung-tutup/{product}/index.html"));
        assert!(page.contains("<h1>Produk ini sudah tidak dijual</h1>"), "{product}");
        assert!(!page.contains("Produk lain dari"), "{product}: its vendor is gone too");
    }
    assert!(site.page("acara/bazar-2019/index.html").contains("<h1>Halaman ini sudah tidak tersedia</h1>"));

    // In no sitemap, search index or open data.
    let sitemap = site.page("sitemap.xml");
    assert!(!sitemap.contains("keripik-kopi") && !sitemap.contains("warung-tutup"), "{sitemap}");
    assert!(!site.page("data/katalog.json").contains("warung-tutup"));
    for (name, bytes) in site.output_files() {
        if name.starts_with("cari/") && name.ends_with(".json") {
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("warung-tutup") && !text.contains("keripik-kopi"), "{name}");
        }
    }
}

#[test]
fn removed_paths_are_checked_like_aliases() {
    // A path the site still has.
    let site = with_removals("- path: umkm/kopi-tebet/kopi-susu/\n");
    let report = check_fails(&site);
    assert!(
        report.contains("content/dihapus.yaml:1:9: error: the removed path `umkm/kopi-tebet/kopi-susu/` is a page the site still has"),
        "{report}"
    );
    // Removed and an alias at once.
    let site = with_removals("- path: umkm/kopi-lama/\n");
    let report = check_fails(&site);
    assert!(report.contains("`umkm/kopi-lama/` is claimed twice"), "{report}");
    // A replacement that is no page.
    let site = with_removals("- path: umkm/lama/\n  replacement: umkm/tidak-ada/\n");
    let report = check_fails(&site);
    assert!(
        report
            .contains("content/dihapus.yaml:2:16: error: the replacement `umkm/tidak-ada/` is not a page of the site"),
        "{report}"
    );
    // Products belong to a vendor's entry.
    let site = with_removals("- path: acara/lama/\n  products: [x]\n");
    assert!(check_fails(&site).contains("`products` belongs to a removed vendor"));
    // An empty file (comments only) removes nothing, and is no error.
    let site = with_removals("# Belum ada yang dihapus.\n");
    katalog().arg("check").arg(site.root()).assert().success();
}
