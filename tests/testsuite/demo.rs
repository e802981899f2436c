//! The demo catalogue in this repository: it checks clean, builds, and is as big and as
//! varied as the README promises.

use crate::common;
use common::{all_files, katalog, stderr};
use std::path::Path;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn demo_catalogue_checks_and_builds() {
    katalog().arg("check").arg(repo()).assert().success();
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let assert = katalog().arg("build").arg(repo()).arg("-o").arg(&out).assert().success();
    assert!(stderr(&assert).contains("built "));

    let data: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("data/katalog.json")).unwrap()).unwrap();
    let vendors = data["vendors"].as_array().unwrap();
    assert!(vendors.len() >= 40, "{} vendors", vendors.len());
    let products: usize = vendors.iter().map(|v| v["products"].as_array().unwrap().len()).sum();
    assert!(products >= 150, "{products} products");
    let mut regions: Vec<&str> = vendors.iter().map(|v| v["region"].as_str().unwrap()).collect();
    regions.sort_unstable();
    regions.dedup();
    assert_eq!(regions.len(), 6, "vendors in every kota/kabupaten: {regions:?}");
    for top in ["kuliner", "fashion", "kerajinan"] {
        assert!(out.join(format!("kategori/{top}/index.html")).exists());
    }
    let files = all_files(&out);
    let districts = files
        .keys()
        .filter(|k| k.starts_with("wilayah/") && k.matches('/').count() == 3 && !k.contains("halaman"))
        .count();
    assert_eq!(districts, 44, "a page for each of the 44 kecamatan");
    // Each file written once (search lists shared by several words included) and counted once:
    // `…; 1318 files, 0 unchanged, …`.
    let text = stderr(&assert);
    let counted: usize = text
        .split("; ")
        .find_map(|part| part.split_once(" files, ").and_then(|(n, _)| n.parse().ok()))
        .unwrap_or_else(|| panic!("no file count in: {text}"));
    assert_eq!(counted, files.keys().filter(|k| !k.starts_with(".katalog")).count(), "{text}");
}

#[test]
fn demo_events_from_the_public_record_are_there() {
    let events = repo().join("content/events");
    let read = |name: &str| std::fs::read_to_string(events.join(name)).unwrap();
    let hut = read("bazar-umkm-hut-jakarta-495.md");
    assert!(hut.contains("Monas") && hut.contains("2022-05-24"));
    let pkk = read("bazar-up2k-pkk-balai-kota.md");
    assert!(pkk.contains("start: 2023-08-29") && pkk.contains("end: 2023-08-31") && pkk.contains("56"));
    let jbl = read("jumat-beli-lokal-jakarta-selatan.md");
    assert!(jbl.contains("FREQ=WEEKLY;BYDAY=FR") && jbl.contains("2022-03"));
}

/// The demo has a top-level `static/`, as the design lists: its `_headers` is the recipe of
/// docs/deploy.md (docs/examples/_headers) and lands at the output root, where Netlify and
/// Cloudflare Pages read it.
#[test]
fn demo_static_headers_land_at_the_output_root() {
    let recipe = std::fs::read(repo().join("docs/examples/_headers")).unwrap();
    assert_eq!(
        std::fs::read(repo().join("static/_headers")).unwrap(),
        recipe,
        "static/_headers is the documented recipe"
    );
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    katalog().arg("build").arg(repo()).arg("-o").arg(&out).assert().success();
    assert_eq!(std::fs::read(out.join("_headers")).unwrap(), recipe);
}
