//! The hostile-input corpus: one test per case. Each ends either in a located content error
//! (exit 1, the previous output untouched, nothing left behind) or in a safe published site.
//! Cases already covered elsewhere are listed in docs/security.md (validation.rs for YAML
//! syntax, unknown fields, missing fields, non-UTF-8, paths leaving the site, image symlinks;
//! images.rs for corrupt, truncated, huge and pixel-bomb images; serve.rs for URL traversal).

use crate::common;

use common::{Site, katalog, stderr};
use std::time::{Duration, Instant};

const PRODUCT: &str = "content/vendors/kopi-tebet/kopi-susu.md";

/// Builds the good site, applies `breakage`, rebuilds: exit 1, `expected` (a location and
/// message) in the report, the output as it was, no staging folder left; `check` agrees.
fn refused(breakage: impl FnOnce(&Site), expected: &str) -> String {
    let site = Site::new("basic");
    site.build(&[]).success();
    let before = site.output_files();
    breakage(&site);
    let started = Instant::now();
    let report = stderr(&site.build(&[]).code(1));
    assert!(started.elapsed() < Duration::from_secs(20), "took {:?}", started.elapsed());
    assert!(report.contains(expected), "expected `{expected}` in:\n{report}");
    assert!(report.contains("hint") || report.contains("help"), "no hint in:\n{report}");
    assert_eq!(site.output_files(), before, "a failed build changed the output");
    assert_eq!(site.leftovers(), Vec::<String>::new(), "staging folders left behind");
    let check = stderr(&katalog().arg("check").arg(site.root()).assert().code(1));
    assert!(check.contains(expected), "check: expected `{expected}` in:\n{check}");
    report
}

#[test]
fn front_matter_cut_off_inside_a_quoted_value() {
    refused(|s| s.write(PRODUCT, "---\nname: \"Kopi Susu\nprice: 5\n"), PRODUCT);
}

#[test]
fn front_matter_that_never_closes_its_list() {
    refused(|s| s.write(PRODUCT, "---\nname: Kopi\ntags: [a, b\n"), PRODUCT);
}

#[test]
fn an_empty_file() {
    refused(|s| s.write(PRODUCT, ""), PRODUCT);
}

#[test]
fn a_file_of_only_whitespace_and_dashes() {
    refused(|s| s.write(PRODUCT, "---\n---\n   \n"), PRODUCT);
}

#[test]
fn an_alias_expansion_bomb() {
    let mut yaml = String::from("---\nname: Kopi\nprice: 5\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = i - 1;
        yaml.push_str(&format!(
            "x{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
        ));
    }
    yaml.push_str("---\n");
    refused(|s| s.write(PRODUCT, yaml), PRODUCT);
}

#[test]
fn deeply_nested_flow_collections() {
    let depth = 100_000;
    let yaml = format!("---\nname: Kopi\ntags: {}{}\n---\n", "[".repeat(depth), "]".repeat(depth));
    refused(|s| s.write(PRODUCT, yaml), PRODUCT);
}

#[test]
fn wrong_types_in_every_kind_of_field() {
    refused(|s| s.write(PRODUCT, "---\nname: [Kopi]\nprice: 5\n---\n"), &format!("{PRODUCT}:2:7"));
    refused(|s| s.write(PRODUCT, "---\nname: Kopi\navailable: ya\n---\n"), &format!("{PRODUCT}:3:12"));
    refused(|s| s.write(PRODUCT, "---\nname: Kopi\ntags: {a: 1}\n---\n"), &format!("{PRODUCT}:3:7"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_without_reading_it() {
    refused(
        |s| {
            let path = s.root().join(PRODUCT);
            let file = std::fs::File::create(path).unwrap();
            // Sparse: 100 MB on paper, nothing on disk.
            file.set_len(100 * 1024 * 1024).unwrap();
        },
        PRODUCT,
    );
}

#[test]
fn ten_thousand_tags_build_in_bounded_time() {
    let site = Site::new("basic");
    let tags: Vec<String> = (0..10_000).map(|i| format!("tag{i}")).collect();
    site.write(PRODUCT, format!("---\nname: Kopi Susu\nprice: 5\ntags: [{}]\n---\nBody.\n", tags.join(", ")));
    let started = Instant::now();
    site.build(&[]).success();
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
    assert!(site.page("umkm/kopi-tebet/kopi-susu/index.html").contains("tag9999"));
}

#[test]
fn pathological_markdown_builds_in_bounded_time() {
    let site = Site::new("basic");
    let mut body = String::new();
    body.push_str(&"[".repeat(200_000));
    body.push_str(&"*_".repeat(100_000));
    body.push_str(&"<".repeat(100_000));
    body.push_str(&"> ".repeat(50_000));
    body.push_str(&"`".repeat(50_000));
    site.write(PRODUCT, format!("---\nname: Kopi Susu\nprice: 5\n---\n{body}\n"));
    let started = Instant::now();
    site.build(&[]).success();
    assert!(started.elapsed() < Duration::from_secs(30), "took {:?}", started.elapsed());
}

#[test]
fn a_slug_with_dot_dot() {
    refused(
        |s| s.write("content/vendors/kopi-tebet/products.yaml", "- name: Keluar\n  slug: ../../keluar\n  price: 5\n"),
        "content/vendors/kopi-tebet/products.yaml:2:9",
    );
}

#[test]
fn a_folder_name_with_a_unicode_look_alike() {
    // `kоpi` with a Cyrillic о: it looks like `kopi` but is not a URL-safe slug.
    refused(
        |s| {
            s.write(
                "content/vendors/k\u{043e}pi-palsu/index.md",
                "---\nname: Kopi Palsu\ncategory: kopi\nregion: jakarta-selatan\n---\n",
            )
        },
        "k\u{043e}pi-palsu",
    );
}

#[test]
fn a_vendor_folder_that_is_a_symlink_out_of_the_site() {
    refused(
        |s| {
            let outside = s.tmp.path().join("di-luar");
            std::fs::create_dir_all(&outside).unwrap();
            std::fs::write(outside.join("index.md"), "---\nname: Luar\ncategory: kopi\nregion: jakarta-selatan\n---\n")
                .unwrap();
            std::os::unix::fs::symlink(&outside, s.root().join("content/vendors/di-luar")).unwrap();
        },
        "content/vendors/di-luar",
    );
}

#[test]
fn a_record_file_that_is_a_symlink_to_a_system_file() {
    refused(
        |s| {
            let path = s.root().join(PRODUCT);
            std::fs::remove_file(&path).unwrap();
            std::os::unix::fs::symlink("/etc/passwd", path).unwrap();
        },
        PRODUCT,
    );
}

#[test]
fn a_bom_and_crlf_file_builds() {
    let site = Site::new("basic");
    site.write(PRODUCT, "\u{feff}---\r\nname: Kopi Susu CRLF\r\nprice: 18000\r\n---\r\nBadan teks.\r\n");
    site.build(&[]).success();
    let page = site.page("umkm/kopi-tebet/kopi-susu/index.html");
    assert!(page.contains("Kopi Susu CRLF") && !page.contains('\u{feff}'));
}

/// Text that tries to break out of every context it can land in.
const EVIL: &str = r#"<script>alert(1)</script>"'><img src=x onerror=alert(2)></textarea>]]>{{ 7*7 }}"#;

#[test]
fn injected_markup_is_inert_everywhere_it_lands() {
    let site = Site::new("basic");
    let q = |s: &str| format!("'{}'", s.replace('\'', "''"));
    site.write(
        "content/vendors/kopi-tebet/index.md",
        format!(
            "---\nname: {}\nowner: {}\ncategory: kopi\nregion: jakarta-selatan\naddress: {}\ninstagram: {}\nwebsite: {}\nlogo: logo.png\nlogo_alt: {}\n---\n{}\n\n[klik](javascript:alert(3))\n",
            q(&format!("Kopi {EVIL}")),
            q(EVIL),
            q(EVIL),
            q("https://instagram.com/\"><script>alert(4)</script>"),
            q("javascript:alert(5)"),
            q(EVIL),
            EVIL
        ),
    );
    site.write(
        PRODUCT,
        format!(
            "---\nname: {}\nprice: 5\ntags:\n  - {}\nvariants:\n  - name: {}\n    price: 1\nimages:\n  - src: kopi-susu.png\n    alt: {}\n---\n{EVIL}\n",
            q(&format!("Susu {EVIL}")),
            q(EVIL),
            q(EVIL),
            q(EVIL)
        ),
    );
    site.write(
        "content/events/bazar-tebet.md",
        format!(
            "---\ntitle: {}\nstart: 2023-08-29\nvenue: {}\naddress: {}\norganizer: {}\nvendors: [kopi-tebet]\n---\n{EVIL}\n",
            q(&format!("Bazar {EVIL}\r\nATTACH:http://evil.example/x")),
            q(&format!("Lapangan\nX-INJECTED:1 {EVIL}")),
            q(EVIL),
            q(EVIL)
        ),
    );
    site.write("content/pages/tentang.md", format!("---\ntitle: {}\ndescription: {}\n---\n{EVIL}\n", q(EVIL), q(EVIL)));
    let report = stderr(&site.build(&[]).success());
    assert!(report.contains("built "), "{report}");
    let files = site.output_files();
    let mut seen_html = 0;
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if path.ends_with(".html") {
            seen_html += 1;
            let lower = text.to_lowercase();
            for bad in ["<script>alert", "<img src=x", "<textarea"] {
                if let Some(at) = lower.find(bad) {
                    let context = &text[at.saturating_sub(150)..(at + 60).min(text.len())];
                    panic!("raw `{bad}` in {path}: …{context}…");
                }
            }
            // Breaking out of an attribute needs a raw quote from the content; a link to
            // script needs a raw `javascript:` URL.
            for bad in ["\"'><", "href=\"javascript:", "src=\"javascript:", "href='javascript:"] {
                assert!(!lower.contains(bad), "`{bad}` in {path}");
            }
            // JSON-LD stays one script element: its text never closes the tag.
            for block in lower.split("<script type=\"application/ld+json\">").skip(1) {
                let json = &block[..block.find("</script>").unwrap()];
                assert!(!json.contains('<'), "raw `<` inside JSON-LD of {path}");
                serde_json::from_str::<serde_json::Value>(json).unwrap_or_else(|e| panic!("{path}: {e}"));
            }
        }
        if path.ends_with(".ics") {
            for line in text.lines() {
                assert!(!line.starts_with("ATTACH") && !line.starts_with("X-INJECTED"), "{path}: `{line}`");
            }
        }
        if path.ends_with(".json") {
            let value: serde_json::Value = serde_json::from_slice(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
            let _ = value;
            assert!(!text.contains("<script"), "raw `<script` in {path}");
        }
    }
    assert!(seen_html > 10);
    // The text itself survives, as text.
    let vendor = site.page("umkm/kopi-tebet/index.html");
    assert!(vendor.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "escaped, not dropped");
    assert!(vendor.contains("{{ 7*7 }}"), "template syntax in content is text, never evaluated");
    let data = site.page("data/katalog.json");
    assert!(data.contains("alert(1)"), "open data keeps the text");
}

#[test]
fn every_page_carries_a_strict_csp_and_needs_no_inline_script_or_style() {
    let site = Site::new("basic");
    site.build(&["--drafts"]).success();
    let mut pages = 0;
    for (path, bytes) in site.output_files() {
        if !path.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8(bytes).unwrap();
        assert!(
            html.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'">"#),
            "{path} lacks the CSP"
        );
        for (i, _) in html.match_indices("<script") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            assert!(
                tag.contains(" src=")
                    || tag.contains(r#"type="application/ld+json""#)
                    || tag.contains(r#"type="application/json""#),
                "inline script in {path}: {tag}"
            );
        }
        assert!(!html.contains(" style=\"") && !html.contains("<style"), "inline style in {path}");
        let lower = html.to_lowercase();
        for handler in [" onclick=", " onload=", " onerror=", " onsubmit=", " onchange="] {
            assert!(!lower.contains(handler), "event handler attribute in {path}");
        }
        // External links open without giving the new page a handle on this one.
        for (i, _) in html.match_indices("<a href=\"http") {
            let tag = &html[i..i + html[i..].find('>').unwrap()];
            let internal = tag.contains("href=\"https://katalog.example.go.id/");
            assert!(internal || tag.contains("noopener"), "external link without rel=noopener in {path}: {tag}");
        }
    }
    assert!(pages > 20);
}
