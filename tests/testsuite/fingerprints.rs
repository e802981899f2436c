//! A page's fingerprint covers everything the page shows. One input at a time is changed in
//! a copy of the fixture site — a record field, a body, an image, a taxonomy name, a setting,
//! a template, a UI string, the build time — and every page of every kind is rendered before
//! and after: a page whose output changed must have a new fingerprint, or an incremental
//! build would keep it stale. (The converse may fail: fingerprints err on the side of
//! re-rendering.)

use katalog::build::Quiet;
use katalog::content::{Bodies, LoadOptions, load_site};
use katalog::derive::Catalog;
use katalog::images::{self, cache::Cache};
use katalog::theme::Theme;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

/// The template of every page kind: each must be rendered by the fixture.
const KINDS: &[&str] = &[
    "home.html",
    "404.html",
    "category_index.html",
    "region_index.html",
    "search.html",
    "vendor_list.html",
    "vendor.html",
    "kartu_qr.html",
    "product.html",
    "category.html",
    "region.html",
    "page.html",
    "event_list.html",
    "month.html",
    "event.html",
    "redirect.html",
    "removed.html",
];

/// Every page of a build: key → (template, fingerprint, hash of its HTML and files).
type Pages = BTreeMap<String, (&'static str, u64, u64)>;

fn render_all(site_dir: &Path, now: &str) -> Pages {
    let options = LoadOptions { drafts: false, git_dates: false, bodies: Bodies::InMemory };
    let site = load_site(site_dir, None, options).unwrap_or_else(|d| panic!("{}", d.render()));
    let theme = Theme::load(&site.root, &site.config.theme, &site.config.language).expect("the theme loads");
    let cache = Cache::open(&site_dir.join(".katalog-cache")).unwrap();
    let Ok(images) = images::prepare(&site, &cache, &Quiet) else { panic!("the images are prepared") };
    let catalog = Catalog::new(&site, &theme, &images.images, now.parse().unwrap());
    let plan = katalog::render::plan(&catalog);
    let mut pages = Pages::new();
    for ((job, key), fingerprint) in plan.jobs.iter().zip(&plan.keys).zip(&plan.fingerprints) {
        let rendered = plan.renderer.render(*job).unwrap_or_else(|e| panic!("{key}: {e}"));
        assert_eq!(job.kind().path(&catalog), rendered.path, "{key}: the kind's path is the rendered page's");
        let mut hasher = DefaultHasher::new();
        (&rendered.path, &rendered.html, &rendered.files, &rendered.lastmod).hash(&mut hasher);
        pages.insert(key.clone(), (job.kind().template(), *fingerprint, hasher.finish()));
    }
    pages
}

/// A copy of the fixture, with the default theme as the site's own (so it can be edited).
fn fixture_copy() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for (from, to) in [
        (root.join("tests/fixtures/basic"), dir.path().to_path_buf()),
        (root.join("themes/default"), dir.path().join("themes/default")),
    ] {
        for entry in walkdir::WalkDir::new(&from) {
            let entry = entry.unwrap();
            let target = to.join(entry.path().strip_prefix(&from).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
    }
    // A renamed vendor: its old path leads to it (a redirect page, and one per product).
    let vendor = dir.path().join("content/vendors/batik-ayu/index.md");
    let text = std::fs::read_to_string(&vendor).unwrap();
    std::fs::write(&vendor, text.replacen("name: Batik Ayu\n", "name: Batik Ayu\naliases: [umkm/batik-lama/]\n", 1))
        .unwrap();
    // A product no longer sold: its page says so, and links to its vendor.
    let removed = "- path: umkm/kopi-tebet/kopi-lama/\n  reason: Tidak dijual lagi.\n";
    std::fs::write(dir.path().join("content/dihapus.yaml"), removed).unwrap();
    dir
}

/// One change to the site: in `file`, the first `from` becomes `to`.
struct Edit {
    what: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
}

const fn edit(what: &'static str, file: &'static str, from: &'static str, to: &'static str) -> Edit {
    Edit { what, file, from, to }
}

const KOPI_SUSU: &str = "content/vendors/kopi-tebet/kopi-susu.md";
const KOPI_TEBET: &str = "content/vendors/kopi-tebet/index.md";
const PRODUCTS_YAML: &str = "content/vendors/kopi-tebet/products.yaml";
const BAZAR: &str = "content/events/bazar-tebet.md";
const JUMAT: &str = "content/events/jumat-beli-lokal.yaml";

const EDITS: &[Edit] = &[
    edit("a product's name", KOPI_SUSU, "name: Kopi Susu Gula Aren", "name: Es Kopi Susu"),
    edit("a product's price", KOPI_SUSU, "price: 18000\nimages", "price: 19000\nimages"),
    edit("a product's body", KOPI_SUSU, "gula aren asli.", "gula aren pilihan."),
    edit("a product's image text", KOPI_SUSU, "alt: Segelas kopi susu", "alt: Secangkir kopi susu"),
    edit("a product's tags", KOPI_SUSU, "tags: [kopi, susu]", "tags: [kopi]"),
    edit("a variant", KOPI_SUSU, "name: 1 liter", "name: 2 liter"),
    edit("availability in products.yaml", PRODUCTS_YAML, "available: false", "available: true"),
    edit("a price range", PRODUCTS_YAML, "max: 120000", "max: 125000"),
    edit("a product's category", PRODUCTS_YAML, "category: keripik", "category: kopi"),
    edit("a vendor's name", KOPI_TEBET, "name: Kopi Tebet", "name: Warung Kopi Tebet"),
    edit("a vendor's body", KOPI_TEBET, "sejak 2019.", "sejak 2018."),
    edit("a vendor's district", KOPI_TEBET, "district: tebet", "district: cilandak"),
    edit("a vendor's category", KOPI_TEBET, "category: kopi", "category: keripik"),
    edit("a vendor's WhatsApp", KOPI_TEBET, "0812-3456-7890", "0812-3456-7891"),
    edit("a vendor's owner", KOPI_TEBET, "owner: Budi Santoso", "owner: Budi"),
    edit("A–Z order", "content/vendors/batik-ayu/index.md", "name: Batik Ayu", "name: Ayu Batik"),
    edit("a removed product's reason", "content/dihapus.yaml", "Tidak dijual lagi.", "Sudah habis."),
    edit(
        "a product's name under a vendor's alias",
        "content/vendors/batik-ayu/kemeja-batik.md",
        "name: Kemeja Batik",
        "name: Kemeja Batik Tulis",
    ),
    edit("an event's title", BAZAR, "title: Bazar Tebet", "title: Bazar Raya Tebet"),
    edit("an event's dates", BAZAR, "end: 2023-08-31", "end: 2023-09-02"),
    edit("an event's vendors", BAZAR, "vendors: [kopi-tebet, batik-ayu]", "vendors: [batik-ayu]"),
    edit("an event's body", BAZAR, "Bazar tiga hari.", "Bazar tiga hari penuh."),
    edit("a recurrence", JUMAT, "UNTIL=20220325", "UNTIL=20220318"),
    edit("a free page's body", "content/pages/tentang.md", "Katalog uji.", "Katalog percobaan."),
    edit("a free page's title", "content/pages/tentang.md", "title: Tentang", "title: Tentang Kami"),
    edit("a category's name", "content/categories.yaml", "kopi: Kopi", "kopi: Kopi Seduh"),
    edit("a district's name", "content/regions.yaml", "tebet: Tebet", "tebet: Tebet Raya"),
    edit("the site's title", "site.yaml", "title: Katalog Uji", "title: Katalog Coba"),
    edit("pagination", "site.yaml", "paginate: 2", "paginate: 3"),
    edit("the base URL", "site.yaml", "https://katalog.example.go.id/", "https://katalog.example.go.id/uji/"),
    edit("a UI string", "themes/default/i18n/id.yaml", "nav_home: \"Beranda\"", "nav_home: \"Depan\""),
    edit(
        "a page template",
        "themes/default/templates/product.html",
        "<h1>{{ product.name }}</h1>",
        "<h1 class=\"judul\">{{ product.name }}</h1>",
    ),
    edit(
        "a macro template",
        "themes/default/templates/macros.html",
        "<p class=\"price\">",
        "<p class=\"price harga\">",
    ),
    edit(
        "the base template",
        "themes/default/templates/base.html",
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer kaki\">",
    ),
    edit("a theme asset", "themes/default/static/aset/katalog.css", "", "/* diubah */\n"),
];

const NOW: &str = "2023-08-30T10:00:00+07:00";

/// Pages whose output changed without their fingerprint; and how many outputs changed.
fn stale_pages(before: &Pages, after: &Pages) -> (Vec<String>, usize) {
    let mut stale = Vec::new();
    let mut changed = 0;
    for (key, (_, fingerprint, output)) in after {
        if let Some((_, old_fingerprint, old_output)) = before.get(key)
            && old_output != output
        {
            changed += 1;
            if old_fingerprint == fingerprint {
                stale.push(key.clone());
            }
        }
    }
    (stale, changed)
}

#[test]
fn every_page_kind_is_rendered() {
    let dir = fixture_copy();
    let kinds: BTreeSet<&str> = render_all(dir.path(), NOW).values().map(|(kind, ..)| *kind).collect();
    assert_eq!(kinds, KINDS.iter().copied().collect(), "every page kind, rendered from the fixture");
}

#[test]
fn a_page_whose_output_changes_changes_its_fingerprint() {
    let dir = fixture_copy();
    let before = render_all(dir.path(), NOW);
    let mut failures = Vec::new();
    for edit in EDITS {
        let path = dir.path().join(edit.file);
        let original = std::fs::read_to_string(&path).unwrap();
        assert!(original.contains(edit.from), "{}: `{}` is not in {}", edit.what, edit.from, edit.file);
        std::fs::write(&path, original.replacen(edit.from, edit.to, 1)).unwrap();
        let after = render_all(dir.path(), NOW);
        std::fs::write(&path, &original).unwrap();
        let (stale, changed) = stale_pages(&before, &after);
        assert!(changed > 0, "{}: the edit changed no page, so it tests nothing", edit.what);
        if !stale.is_empty() {
            failures.push(format!("{}: changed output, same fingerprint: {}", edit.what, stale.join(", ")));
        }
    }
    assert!(failures.is_empty(), "stale pages:\n{}", failures.join("\n"));
}

#[test]
fn an_image_file_and_the_build_time_are_inputs_too() {
    let dir = fixture_copy();
    let before = render_all(dir.path(), NOW);
    // Another picture under the same name: new derivatives, new file names on the pages.
    let photo = dir.path().join("content/vendors/kopi-tebet/kopi-susu.png");
    std::fs::copy(dir.path().join("content/vendors/kopi-tebet/logo.png"), &photo).unwrap();
    let (stale, changed) = stale_pages(&before, &render_all(dir.path(), NOW));
    assert!(changed > 0 && stale.is_empty(), "a replaced image: {changed} pages changed, stale: {stale:?}");
    // Later: the bazaar is over, so what is upcoming changes.
    let before = render_all(dir.path(), NOW);
    let (stale, changed) = stale_pages(&before, &render_all(dir.path(), "2023-09-05T10:00:00+07:00"));
    assert!(changed > 0 && stale.is_empty(), "a later build time: {changed} pages changed, stale: {stale:?}");
}
