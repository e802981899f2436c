//! What editors and CI use besides build: `katalog new`, `check --format`, dates from Git,
//! and the build's progress lines and summary (`cms-config`: cms.rs).

use crate::common;
use common::{Site, katalog, stderr};
use std::process::Command;

fn stdout(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stdout).into_owned()
}

#[test]
fn new_records_are_ready_to_check_and_never_overwrite() {
    let site = Site::new("basic");
    let new = |args: &[&str]| katalog().arg("new").args(args).arg("--site").arg(site.root()).assert();
    new(&["vendor", "toko-baru"]).success();
    new(&["product", "toko-baru", "kopi-hitam"]).success();
    new(&["event", "bazar-baru"]).success();
    let vendor = std::fs::read_to_string(site.root().join("content/vendors/toko-baru/index.md")).unwrap();
    let today = jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::get("Asia/Jakarta").unwrap()).date();
    assert!(vendor.contains(&format!("joined: {today}")), "today's date: {vendor}");
    assert!(vendor.contains("jakarta-selatan: tebet, cilandak"), "the site's own regions are offered");
    // The examples `new` wrote are marked: `check` refuses each record until they are replaced.
    let report = stderr(&katalog().arg("check").arg(site.root()).assert().code(1));
    for (file, shown) in [
        ("content/vendors/toko-baru/index.md:4:", "`name: Nama Usaha` is a placeholder from `katalog new`"),
        ("content/vendors/toko-baru/kopi-hitam.md:4:", "`name: Nama Produk` is a placeholder from `katalog new`"),
        ("content/events/bazar-baru.md:4:", "`title: Nama Acara` is a placeholder from `katalog new`"),
    ] {
        assert!(report.contains(file) && report.contains(shown), "{file} {shown} in:\n{report}");
    }
    assert!(report.contains("error: 3 content errors found"), "{report}");
    for file in [
        "content/vendors/toko-baru/index.md",
        "content/vendors/toko-baru/kopi-hitam.md",
        "content/events/bazar-baru.md",
    ] {
        let text = std::fs::read_to_string(site.root().join(file)).unwrap();
        let filled: String = text
            .lines()
            .filter(|l| !l.starts_with("<!-- GANTI"))
            .map(|l| match l.split_once("# GANTI") {
                Some((value, _)) => value.trim_end().to_string() + "\n",
                None => format!("{l}\n"),
            })
            .collect();
        site.write(file, filled.replace("Nama Usaha", "Toko Baru").replace("Jl. …", "Jl. Baru No. 1"));
    }
    katalog().arg("check").arg(site.root()).assert().success();
    let vendor = std::fs::read_to_string(site.root().join("content/vendors/toko-baru/index.md")).unwrap();
    // Refusals: an existing record, a slug that is not one, a vendor that does not exist.
    let again = new(&["vendor", "toko-baru"]).code(2);
    assert!(stderr(&again).contains("never overwrites"));
    assert!(stderr(&new(&["event", "bazar-baru"]).code(2)).contains("never overwrites"));
    assert!(stderr(&new(&["vendor", "Toko Lama"]).code(2)).contains("use `toko-lama`"));
    assert!(stderr(&new(&["product", "kopi-tebett", "x"]).code(2)).contains("did you mean `kopi-tebet`?"));
    // Slugs katalog uses for its own pages, refused as `check` would refuse them.
    for args in
        [&["vendor", "halaman"][..], &["product", "kopi-tebet", "kartu-qr"], &["product", "kopi-tebet", "halaman"]]
    {
        let refused = stderr(&new(args).code(2));
        assert!(refused.contains("is a name katalog uses for its own pages"), "{args:?}: {refused}");
    }
    assert!(!site.root().join("content/vendors/halaman").exists());
    assert!(!site.root().join("content/vendors/kopi-tebet/kartu-qr.md").exists());
    assert_eq!(std::fs::read_to_string(site.root().join("content/vendors/toko-baru/index.md")).unwrap(), vendor);
}

fn broken_site() -> Site {
    let site = Site::new("basic");
    let path = "content/vendors/kopi-tebet/kopi-susu.md";
    site.write(path, "---\nname: Kopi, Susu\nprise: 18000\n---\n");
    site
}

#[test]
fn check_prints_github_annotations() {
    let site = broken_site();
    let assert = katalog().arg("check").arg(site.root()).args(["--format", "github"]).assert().code(1);
    assert_eq!(
        stdout(&assert).trim(),
        "::error file=content/vendors/kopi-tebet/kopi-susu.md,line=3,col=1,endColumn=6,title=katalog::unknown field `prise`%0Ahint: did you mean `price`?"
    );
}

#[test]
fn check_prints_json_lines() {
    let site = broken_site();
    let assert = katalog().arg("check").arg(site.root()).args(["--format", "json"]).assert().code(1);
    let lines: Vec<serde_json::Value> = stdout(&assert).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["file"], "content/vendors/kopi-tebet/kopi-susu.md");
    assert_eq!(lines[0]["line"], 3);
    assert_eq!(lines[0]["column"], 1);
    assert_eq!(lines[0]["message"], "unknown field `prise`");
    assert_eq!(lines[0]["hint"], "did you mean `price`?");
    // A good site prints nothing on stdout.
    let good = Site::new("basic");
    assert!(stdout(&katalog().arg("check").arg(good.root()).args(["--format", "json"]).assert().success()).is_empty());
}

#[test]
fn build_prints_content_errors_in_the_format_asked_for() {
    let site = broken_site();
    // The same annotation as `check`'s, and the output is not touched.
    let assert = site.build(&["--format", "github"]).code(1);
    assert_eq!(
        stdout(&assert).trim(),
        "::error file=content/vendors/kopi-tebet/kopi-susu.md,line=3,col=1,endColumn=6,title=katalog::unknown field `prise`%0Ahint: did you mean `price`?"
    );
    assert!(
        common::stderr(&assert).contains("error: 1 content error found; ")
            && common::stderr(&assert).contains("was not changed"),
        "{}",
        common::stderr(&assert)
    );
    assert!(!site.out().exists());
    let assert = site.build(&["--format", "json"]).code(1);
    let line: serde_json::Value = serde_json::from_str(stdout(&assert).trim()).unwrap();
    assert_eq!((line["line"].as_u64(), line["hint"].as_str()), (Some(3), Some("did you mean `price`?")));
    // For people: on stderr, nothing on stdout.
    let assert = site.build(&[]).code(1);
    assert!(stdout(&assert).is_empty());
    assert!(common::stderr(&assert).contains("kopi-susu.md:3:1: error: unknown field `prise`"));
}

fn git(dir: &std::path::Path, args: &[&str], date: &str) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.go.id", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

#[test]
fn pages_are_dated_by_their_last_commit() {
    let site = Site::new("basic");
    let root = site.root();
    git(&root, &["init", "-q", "-b", "main"], "2024-01-01T00:00:00+07:00");
    git(&root, &["add", "."], "2024-01-01T00:00:00+07:00");
    git(&root, &["commit", "-q", "-m", "first"], "2024-01-10T12:00:00+07:00");
    site.write(
        "content/vendors/kopi-tebet/kopi-susu.md",
        "---\nname: Kopi Susu Gula Aren\nprice: 19000\n---\nNaik harga.\n",
    );
    git(&root, &["commit", "-q", "-am", "price"], "2024-03-05T08:00:00+07:00");
    let assert = site.build(&[]).success();
    assert!(stderr(&assert).contains("git dates for"), "{}", stderr(&assert));
    let product = site.page("umkm/kopi-tebet/kopi-susu/index.html");
    assert!(product.contains(r#"Diperbarui <time datetime="2024-03-05">5 Maret 2024</time>"#), "{product}");
    assert!(site.page("umkm/kopi-tebet/index.html").contains(r#"<time datetime="2024-01-10">"#));
    let sitemap = site.page("sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://katalog.example.go.id/umkm/kopi-tebet/kopi-susu/</loc><lastmod>2024-03-05</lastmod>"
        )
    );
    // Turned off: no dates anywhere.
    site.build(&["--no-git-dates"]).success();
    assert!(!site.page("umkm/kopi-tebet/kopi-susu/index.html").contains("Diperbarui"));
    assert!(!site.page("sitemap.xml").contains("lastmod"));
    // A shallow clone falls back cleanly, and says so.
    let clone = site.tmp.path().join("clone");
    let url = format!("file://{}", root.display());
    let out = Command::new("git").args(["clone", "-q", "--depth", "1", &url]).arg(&clone).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let shallow =
        katalog().arg("build").arg(&clone).arg("-o").arg(site.tmp.path().join("shallow-out")).assert().success();
    assert!(stderr(&shallow).contains("no git dates: shallow clone"), "{}", stderr(&shallow));
    assert!(!std::fs::read_to_string(site.tmp.path().join("shallow-out/sitemap.xml")).unwrap().contains("lastmod"));
}

#[test]
fn a_folder_outside_git_builds_without_dates() {
    let site = Site::new("basic");
    let assert = site.build(&[]).success();
    let report = stderr(&assert);
    assert!(
        report.contains("no git dates: not a Git checkout") || report.contains("git dates for 0 files"),
        "{report}"
    );
    assert!(report.starts_with("loading "), "plain progress lines when not on a terminal: {report}");
    assert!(report.contains("; rendering\n"));
    assert!(report.contains("built 31 pages"), "{report}");
}
