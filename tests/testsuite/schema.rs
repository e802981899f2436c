//! `katalog schema`: the JSON Schemas describe the content as katalog reads it. The demo
//! catalogue validates against them with an independent validator (the `jsonschema` crate),
//! typical mistakes do not, and the copies committed in `schemas/` are up to date.

use crate::common;
use common::katalog;
use std::path::{Path, PathBuf};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn written_schemas() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("schemas");
    katalog().arg("schema").arg("--out").arg(&out).assert().success();
    (tmp, out)
}

fn validator(dir: &Path, name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{name} is not a valid JSON Schema: {e}"))
}

fn yaml(text: &str) -> serde_json::Value {
    serde_saphyr::from_str::<serde_json::Value>(text).unwrap()
}

fn front_matter(path: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(path).unwrap();
    let inner = text.strip_prefix("---\n").unwrap().split("\n---").next().unwrap();
    yaml(inner)
}

fn assert_valid(validator: &jsonschema::Validator, value: &serde_json::Value, what: &Path) {
    let errors: Vec<String> = validator.iter_errors(value).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{} does not match its schema: {errors:?}", what.display());
}

#[test]
fn demo_content_validates_against_the_schemas() {
    let (_tmp, dir) = written_schemas();
    let content = repo().join("content");
    let (vendor, product, products, event, page) = (
        validator(&dir, "vendor.schema.json"),
        validator(&dir, "product.schema.json"),
        validator(&dir, "products.schema.json"),
        validator(&dir, "event.schema.json"),
        validator(&dir, "page.schema.json"),
    );
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&content).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let rel = path.strip_prefix(&content).unwrap().to_string_lossy().into_owned();
        let (validator, value) = match rel.as_str() {
            r if r.starts_with("vendors/") && r.ends_with("/index.md") => (&vendor, front_matter(path)),
            r if r.starts_with("vendors/") && r.ends_with("/products.yaml") => {
                (&products, yaml(&std::fs::read_to_string(path).unwrap()))
            }
            r if r.starts_with("vendors/") && r.ends_with(".md") => (&product, front_matter(path)),
            r if r.starts_with("events/") && r.ends_with(".md") => (&event, front_matter(path)),
            r if r.starts_with("events/") && r.ends_with(".yaml") => {
                (&event, yaml(&std::fs::read_to_string(path).unwrap()))
            }
            r if r.starts_with("pages/") => (&page, front_matter(path)),
            _ => continue,
        };
        assert_valid(validator, &value, path);
        checked += 1;
    }
    assert!(checked > 200, "only {checked} records checked");
    for (schema, file) in [
        ("site.schema.json", repo().join("site.yaml")),
        ("categories.schema.json", content.join("categories.yaml")),
        ("regions.schema.json", content.join("regions.yaml")),
    ] {
        assert_valid(&validator(&dir, schema), &yaml(&std::fs::read_to_string(&file).unwrap()), &file);
    }
}

#[test]
fn typical_mistakes_do_not_validate() {
    let (_tmp, dir) = written_schemas();
    let product = validator(&dir, "product.schema.json");
    assert!(product.is_valid(&yaml("name: Kopi\nprice: 18000\nimages: [kopi.jpg, { src: b.png, alt: B }]\n")));
    assert!(product.is_valid(&yaml("name: Kopi\nprice: { min: 1, max: 2 }\n")));
    for bad in [
        "name: Kopi\nprise: 18000\n",
        "name: Kopi\nprice: lima ribu\n",
        "name: Kopi\nprice: -5\n",
        "price: 18000\n",
        "name: Kopi\nimages: [kopi.gif]\n",
        "name: Kopi\nvariants: [{ nama: x }]\n",
    ] {
        assert!(!product.is_valid(&yaml(bad)), "accepted: {bad}");
    }
    let vendor = validator(&dir, "vendor.schema.json");
    assert!(!vendor.is_valid(&yaml("name: A\ncategory: kopi\nregion: x\ncertifications: [halall]\n")));
    let categories = validator(&dir, "categories.schema.json");
    assert!(!categories.is_valid(&yaml("Kuliner: { name: Kuliner }\n")), "keys must be slugs");
}

#[test]
fn committed_schemas_and_editor_settings_are_up_to_date() {
    let (_tmp, dir) = written_schemas();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name();
        let fresh = std::fs::read_to_string(dir.join(&name)).unwrap();
        let committed = std::fs::read_to_string(repo().join("schemas").join(&name)).unwrap_or_default();
        assert_eq!(fresh, committed, "schemas/{} is stale: run `katalog schema`", name.to_string_lossy());
    }
    let settings: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo().join(".vscode/settings.json")).unwrap()).unwrap();
    for (schema, _) in settings["yaml.schemas"].as_object().unwrap() {
        assert!(repo().join(schema).is_file(), "{schema} named in .vscode/settings.json does not exist");
    }
}
