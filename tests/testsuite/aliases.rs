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
  category: keripik
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
    assert!(page.contains(r#"<a href="/kategori/keripik/">Keripik</a>"#), "the category given: {page}");

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
    // A category that does not exist.
    let site = with_removals("- path: umkm/lama/\n  category: kripik\n");
    let report = check_fails(&site);
    assert!(report.contains("content/dihapus.yaml:2:13: error: unknown category `kripik`"), "{report}");
    assert!(report.contains("hint: did you mean `keripik`?"), "{report}");
    // Products belong to a vendor's entry.
    let site = with_removals("- path: acara/lama/\n  products: [x]\n");
    assert!(check_fails(&site).contains("`products` belongs to a removed vendor"));
    // An empty file (comments only) removes nothing, and is no error.
    let site = with_removals("# Belum ada yang dihapus.\n");
    katalog().arg("check").arg(site.root()).assert().success();
}

/// `katalog check SITE --against OLD` plus `args`.
fn check_against(site: &Site, old: &std::path::Path, args: &[&str]) -> assert_cmd::assert::Assert {
    katalog().arg("check").arg(site.root()).arg("--against").arg(old).args(args).assert()
}

/// The basic fixture built once, its output moved aside as "the published site".
fn published(site: &Site) -> std::path::PathBuf {
    site.build(&["--no-git-dates"]).success();
    let old = site.tmp.path().join("published");
    std::fs::rename(site.out(), &old).unwrap();
    old
}

#[test]
fn the_guard_refuses_a_change_that_drops_a_published_url() {
    let site = Site::new("basic");
    let old = published(&site);
    check_against(&site, &old, &[]).success();

    // A product deleted without a word: its URL (in the sitemap, and on its QR code) is lost.
    site.remove(KOPI_SUSU);
    let assert = check_against(&site, &old, &[]).code(1);
    let report = common::stderr(&assert);
    assert!(
        report.contains("content/vendors/kopi-tebet/kopi-susu.md: error: https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu/ was published and now leads nowhere"),
        "{report}"
    );
    assert!(report.contains("note: published in sitemap.xml"), "{report}");
    assert!(report.contains("list `umkm/kopi-tebet/kopi-susu/` in content/dihapus.yaml"), "{report}");
    // As a pull-request annotation, too.
    let github =
        String::from_utf8_lossy(&check_against(&site, &old, &["--format", "github"]).code(1).get_output().stdout)
            .into_owned();
    assert!(
        github.starts_with("::error file=content/vendors/kopi-tebet/kopi-susu.md,title=katalog::https://"),
        "{github}"
    );
    // Listed as removed: the URL leads to the removal page.
    site.write("content/dihapus.yaml", "- path: umkm/kopi-tebet/kopi-susu/\n");
    check_against(&site, &old, &[]).success();
    // The sitemap file alone works as well as the folder.
    check_against(&site, &old.join("sitemap.xml"), &[]).success();
}

#[test]
fn the_guard_follows_a_renamed_vendor_through_its_alias() {
    let site = Site::new("basic");
    let old = published(&site);
    let from = site.root().join("content/vendors/kopi-tebet");
    std::fs::rename(&from, site.root().join("content/vendors/kopi-tebet-raya")).unwrap();
    let events = std::fs::read_to_string(site.root().join("content/events/bazar-tebet.md")).unwrap();
    site.write("content/events/bazar-tebet.md", events.replace("kopi-tebet,", "kopi-tebet-raya,"));
    let jumat = std::fs::read_to_string(site.root().join("content/events/jumat-beli-lokal.yaml")).unwrap();
    site.write("content/events/jumat-beli-lokal.yaml", jumat.replace("[kopi-tebet]", "[kopi-tebet-raya]"));
    let report = common::stderr(&check_against(&site, &old, &[]).code(1));
    for lost in ["umkm/kopi-tebet/", "umkm/kopi-tebet/kopi-susu/", "umkm/kopi-tebet/kartu-qr/"] {
        assert!(report.contains(&format!("https://katalog.example.go.id/{lost} was published")), "{lost}: {report}");
    }
    // One alias on the vendor carries its products and booth cards.
    let vendor = "content/vendors/kopi-tebet-raya/index.md";
    let text = std::fs::read_to_string(site.root().join(vendor)).unwrap();
    site.write(vendor, text.replacen("name: Kopi Tebet\n", "name: Kopi Tebet\naliases: [umkm/kopi-tebet/]\n", 1));
    check_against(&site, &old, &[]).success();
}

#[test]
fn the_guard_reads_the_urls_of_printed_qr_codes() {
    let site = Site::new("basic");
    let old = published(&site);
    // A sitemap that forgot the product: its QR code still carries the URL.
    std::fs::write(old.join("sitemap.xml"), "<?xml version=\"1.0\"?>\n<urlset></urlset>\n").unwrap();
    site.remove(KOPI_SUSU);
    let report = common::stderr(&check_against(&site, &old, &[]).code(1));
    assert!(report.contains("umkm/kopi-tebet/kopi-susu/ was published and now leads nowhere"), "{report}");
    assert!(report.contains("note: published in umkm/kopi-tebet/kopi-susu/qr.png"), "{report}");
}

#[test]
fn the_guard_fetches_the_sitemap_of_the_published_site() {
    use std::io::BufRead;
    let site = Site::new("basic");
    let old = published(&site);
    // The published site, served over HTTP on this machine by Python's own file server.
    let mut server = std::process::Command::new("python3")
        .args(["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory"])
        .arg(&old)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("python3 runs");
    let mut line = String::new();
    std::io::BufReader::new(server.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let port = line.split("port ").nth(1).and_then(|rest| rest.split_whitespace().next()).expect("the port");
    let address = format!("http://127.0.0.1:{port}/");
    let ok = check_against(&site, std::path::Path::new(&address), &[]).try_success();
    site.remove(KOPI_SUSU);
    let lost = check_against(&site, std::path::Path::new(&address), &[]).try_code(1);
    server.kill().unwrap();
    let _ = server.wait();
    ok.expect("every published URL leads somewhere");
    let report = common::stderr(&lost.expect("a lost URL fails the check"));
    assert!(report.contains("umkm/kopi-tebet/kopi-susu/ was published and now leads nowhere"), "{report}");
}

/// `katalog mv ARGS --site SITE`.
fn mv(site: &Site, args: &[&str]) -> assert_cmd::assert::Assert {
    katalog().arg("mv").args(args).arg("--site").arg(site.root()).assert()
}

/// The URL a QR code image carries.
fn decode_qr(png: &std::path::Path) -> String {
    let mut prepared = rqrr::PreparedImage::prepare(image::open(png).expect("a PNG").to_luma8());
    let grids = prepared.detect_grids();
    grids[0].decode().expect("a readable QR code").1
}

#[test]
fn mv_renames_a_vendor_and_every_printed_code_still_leads_to_it() {
    let site = Site::new("basic");
    let old = published(&site);
    mv(&site, &["vendor", "kopi-tebet", "kopi-tebet-raya"]).success();
    assert!(!site.root().join("content/vendors/kopi-tebet").exists());
    let index = std::fs::read_to_string(site.root().join("content/vendors/kopi-tebet-raya/index.md")).unwrap();
    assert!(index.contains("aliases: [umkm/kopi-tebet/]\n---\n"), "{index}");
    let bazar = std::fs::read_to_string(site.root().join("content/events/bazar-tebet.md")).unwrap();
    assert!(bazar.contains("vendors: [kopi-tebet-raya, batik-ayu]"), "{bazar}");
    // Nothing published is lost, and the site builds.
    check_against(&site, &old, &[]).success();
    site.build(&["--no-git-dates"]).success();
    // The old booth card's QR code leads to a page that sends the phone to the product.
    let printed = decode_qr(&old.join("umkm/kopi-tebet/kopi-susu/qr.png"));
    assert_eq!(printed, "https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu/");
    assert_redirect(&site, "umkm/kopi-tebet/kopi-susu/", "umkm/kopi-tebet-raya/kopi-susu/");
    // A name that is taken, or no vendor: refused, nothing moved.
    mv(&site, &["vendor", "kopi-tebet-raya", "batik-ayu"]).code(2);
    mv(&site, &["vendor", "tidak-ada", "baru"]).code(2);
}

#[test]
fn mv_moves_a_product_to_another_vendor_with_its_pictures() {
    let site = Site::new("basic");
    let old = published(&site);
    mv(&site, &["product", "kopi-tebet/kopi-susu", "batik-ayu/kopi-susu-batik"]).success();
    let moved = std::fs::read_to_string(site.root().join("content/vendors/batik-ayu/kopi-susu-batik.md")).unwrap();
    assert!(moved.contains("aliases: [umkm/kopi-tebet/kopi-susu/]"), "{moved}");
    assert!(site.root().join("content/vendors/batik-ayu/kopi-susu.png").is_file(), "its picture came along");
    assert!(site.root().join("content/vendors/kopi-tebet/kopi-susu.png").is_file(), "and stays for others");
    check_against(&site, &old, &[]).success();
    site.build(&["--no-git-dates"]).success();
    assert_redirect(&site, "umkm/kopi-tebet/kopi-susu/", "umkm/batik-ayu/kopi-susu-batik/");
    // Products of products.yaml are renamed in place: an explicit slug, and one from the name.
    mv(&site, &["product", "kopi-tebet/keripik-kopi", "kopi-tebet/keripik"]).success();
    mv(&site, &["product", "kopi-tebet/kopi-bubuk-robusta", "kopi-tebet/robusta"]).success();
    let bulk = std::fs::read_to_string(site.root().join("content/vendors/kopi-tebet/products.yaml")).unwrap();
    assert!(bulk.contains("  slug: keripik\n"), "{bulk}");
    assert!(
        bulk.contains(
            "- name: Kopi Bubuk Robusta\n  slug: robusta\n  aliases: [umkm/kopi-tebet/kopi-bubuk-robusta/]\n"
        ),
        "{bulk}"
    );
    check_against(&site, &old, &[]).success();
    site.build(&["--no-git-dates"]).success();
    assert_redirect(&site, "umkm/kopi-tebet/keripik-kopi/", "umkm/kopi-tebet/keripik/");
    assert_redirect(&site, "umkm/kopi-tebet/kopi-bubuk-robusta/", "umkm/kopi-tebet/robusta/");
    // Moving one to another vendor is by hand: the message says how.
    let report = common::stderr(&mv(&site, &["product", "kopi-tebet/robusta", "batik-ayu/robusta"]).code(2));
    assert!(
        report.contains("set its `slug: robusta` and add `aliases: [umkm/kopi-tebet/robusta/]` by hand"),
        "{report}"
    );
}
