//! Every page katalog writes is valid HTML, by the Nu Html Checker (`vnu.jar`, installed by
//! `scripts/test` from npm into tests/tools; needs Java). Checked on the demo catalogue and on
//! the fixture site with drafts and a subpath base URL.

use crate::common;
use common::{Site, katalog};
use std::path::{Path, PathBuf};
use std::process::Command;

fn vnu_jar() -> PathBuf {
    let jar = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/node_modules/vnu-jar/build/dist/vnu.jar");
    assert!(
        jar.is_file(),
        "the Nu Html Checker is not installed: run `scripts/test` (or `npm ci --prefix tests/tools`)"
    );
    jar
}

fn assert_valid_html(dir: &Path) {
    let pages = common::all_files(dir).keys().filter(|k| k.ends_with(".html")).count();
    assert!(pages > 10, "only {pages} pages to check in {}", dir.display());
    let output = Command::new("java")
        .arg("-jar")
        .arg(vnu_jar())
        .args(["--errors-only", "--skip-non-html", "--format", "gnu"])
        .arg(dir)
        .output()
        .expect("java must be installed to run the Nu Html Checker");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success() && report.trim().is_empty(), "invalid HTML in {}:\n{report}", dir.display());
}

#[test]
fn demo_catalogue_pages_are_valid_html() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    katalog().arg("build").arg(env!("CARGO_MANIFEST_DIR")).arg("-o").arg(&out).assert().success();
    assert_valid_html(&out);
}

#[test]
fn fixture_pages_with_drafts_and_a_subpath_are_valid_html() {
    let site = Site::new("basic");
    site.build(&["--drafts", "--base-url", "https://example.org/katalog/"]).success();
    assert_valid_html(&site.out());
}

/// Markdown an editor (or an attacker) may write: links whose URL the sanitiser drops, raw
/// HTML, scripts. What is left of it is still valid HTML.
#[test]
fn pages_with_hostile_markdown_are_valid_html() {
    let site = Site::new("basic");
    let text = std::fs::read_to_string(site.root().join("content/vendors/kopi-tebet/index.md")).unwrap();
    site.write(
        "content/vendors/kopi-tebet/index.md",
        text + "\n[Katalog lengkap](javascript:alert(1)) dan <a href=\"vbscript:x\" title=\"t\">ini</a>.\n\n<script>alert(2)</script><div onclick=\"x()\">kotak</div> <img src=x onerror=alert(3)>\n\n[Tautan baik](https://example.org/)\n",
    );
    site.build(&[]).success();
    let page = site.page("umkm/kopi-tebet/index.html");
    assert!(page.contains("Katalog lengkap dan ini.") && !page.contains("javascript:"), "the links' text stays");
    assert_valid_html(&site.out());
}

#[test]
fn the_checker_catches_invalid_html() {
    let tmp = tempfile::tempdir().unwrap();
    for i in 0..11 {
        std::fs::write(
            tmp.path().join(format!("p{i}.html")),
            "<!doctype html><html lang=id><title>x</title><p><div></p>",
        )
        .unwrap();
    }
    let result = std::panic::catch_unwind(|| assert_valid_html(tmp.path()));
    assert!(result.is_err(), "the checker accepted broken HTML");
}
