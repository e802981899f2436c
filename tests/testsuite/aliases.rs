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
    assert!(report.contains("hint: an alias is an old path that no page uses any more"), "{report}");
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
