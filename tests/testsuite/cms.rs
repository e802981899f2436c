//! `katalog cms-config`: the Decap CMS configuration uses only names Decap documents, stays
//! the same size whatever the number of vendors, picks taxonomy slugs from lists, labels
//! its fields as `katalog schema` does, loads Decap where it works (in `<body>`, an exact
//! version, an integrity hash) and is still written when records have errors. The editor
//! working in the real Decap is tests/cms/cms.test.mjs.

use crate::common;
use common::{Site, katalog, stderr};
use serde_json::Value;

/// Decap CMS's documented configuration names (docs/examples/decap-notes.md, section 13).
const TOP_LEVEL: &[&str] = &[
    "backend",
    "local_backend",
    "publish_mode",
    "default_workflow_status",
    "media_folder",
    "public_folder",
    "media_library",
    "site_url",
    "display_url",
    "logo",
    "logo_url",
    "locale",
    "show_preview_links",
    "search",
    "slug",
    "issue_reports",
    "collections",
    "editor",
    "i18n",
];
const COLLECTION: &[&str] = &[
    "name",
    "identifier_field",
    "label",
    "label_singular",
    "description",
    "files",
    "folder",
    "filter",
    "create",
    "publish",
    "hide",
    "delete",
    "extension",
    "format",
    "frontmatter_delimiter",
    "slug",
    "preview_path",
    "preview_path_date_field",
    "fields",
    "editor",
    "summary",
    "sortable_fields",
    "view_filters",
    "view_groups",
    "path",
    "media_folder",
    "public_folder",
    "nested",
    "meta",
    "i18n",
];
const FIELD: &[&str] = &[
    "name",
    "label",
    "widget",
    "default",
    "required",
    "hint",
    "pattern",
    "comment",
    "i18n",
    "value_type",
    "min",
    "max",
    "step",
    "prefix",
    "suffix",
    "format",
    "date_format",
    "time_format",
    "picker_utc",
    "options",
    "multiple",
    "allow_add",
    "collapsed",
    "summary",
    "minimize_collapsed",
    "label_singular",
    "field",
    "fields",
    "add_to_top",
    "media_library",
    "allow_multiple",
    "config",
    "media_folder",
    "public_folder",
    "choose_url",
    "collection",
    "value_field",
    "search_fields",
    "file",
    "display_fields",
    "options_length",
    "filters",
    "minimal",
    "buttons",
    "editor_components",
    "modes",
    "sanitize_preview",
];
const WIDGETS: &[&str] = &[
    "boolean", "code", "color", "datetime", "file", "hidden", "image", "list", "map", "markdown", "number", "object",
    "relation", "richtext", "select", "string", "text",
];

fn check_fields(fields: &serde_json::Value, collection: &str) {
    for field in fields.as_array().unwrap() {
        for key in field.as_object().unwrap().keys() {
            assert!(FIELD.contains(&key.as_str()), "{collection}: field key `{key}` is not documented by Decap");
        }
        let widget = field["widget"].as_str().unwrap();
        assert!(WIDGETS.contains(&widget), "{collection}: widget `{widget}`");
        if let Some(inner) = field.get("fields") {
            check_fields(inner, collection);
        }
    }
}

fn generate(site: &Site) -> (String, Value) {
    katalog().arg("cms-config").arg(site.root()).assert().success();
    let text = std::fs::read_to_string(site.root().join("static/admin/config.yml")).unwrap();
    let config = serde_saphyr::from_str(&text).expect("valid YAML");
    (text, config)
}

fn collection<'a>(config: &'a Value, name: &str) -> &'a Value {
    config["collections"].as_array().unwrap().iter().find(|c| c["name"] == name).unwrap()
}

fn field<'a>(collection: &'a Value, name: &str) -> &'a Value {
    collection["fields"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap()
}

fn option_values(field: &Value) -> Vec<&str> {
    field["options"].as_array().unwrap().iter().map(|o| o["value"].as_str().unwrap()).collect()
}

#[test]
fn cms_config_is_valid_decap_yaml_generated_from_the_site() {
    let site = Site::new("basic");
    let (_, config) = generate(&site);
    for key in config.as_object().unwrap().keys() {
        assert!(TOP_LEVEL.contains(&key.as_str()), "top-level key `{key}` is not documented by Decap");
    }
    assert_eq!(config["site_url"], "https://katalog.example.go.id/");
    let collections = config["collections"].as_array().unwrap();
    let names: Vec<&str> = collections.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["vendors", "products", "events", "events-yaml", "pages"]);
    for c in collections {
        let name = c["name"].as_str().unwrap();
        for key in c.as_object().unwrap().keys() {
            assert!(COLLECTION.contains(&key.as_str()), "{name}: collection key `{key}` is not documented");
        }
        assert!(c["folder"].as_str().unwrap().starts_with("content/"));
        check_fields(&c["fields"], name);
    }
    // Vendors and products share content/vendors; katalog's format marks which is which.
    let (vendors, products) = (collection(&config, "vendors"), collection(&config, "products"));
    assert_eq!(
        (&vendors["folder"], &vendors["path"]),
        (&Value::from("content/vendors"), &Value::from("{{slug}}/index"))
    );
    assert_eq!(vendors["filter"], serde_json::json!({ "field": "katalog_record", "value": "vendor" }));
    assert_eq!(
        (&products["folder"], &products["path"]),
        (&Value::from("content/vendors"), &Value::from("{{vendor}}/{{slug}}"))
    );
    assert_eq!(products["filter"], serde_json::json!({ "field": "katalog_record", "value": "product" }));
    for c in [vendors, products] {
        assert_eq!(
            (&c["media_folder"], &c["public_folder"]),
            (&Value::from(""), &Value::from("")),
            "images next to the record"
        );
        assert_eq!(c["format"], "katalog-content");
    }
    // Taxonomy slugs are chosen from lists, vendors from the vendors collection.
    assert_eq!(option_values(field(vendors, "category")), ["kuliner", "kopi", "keripik", "fashion", "batik"]);
    assert_eq!(option_values(field(products, "category")), ["kuliner", "kopi", "keripik", "fashion", "batik"]);
    assert_eq!(option_values(field(vendors, "region")), ["jakarta-selatan", "jakarta-pusat"]);
    assert_eq!(option_values(field(vendors, "district")), ["tebet", "cilandak", "gambir"]);
    let events = collection(&config, "events");
    assert_eq!(option_values(field(events, "district")), ["tebet", "cilandak", "gambir"]);
    for (c, name) in [(events, "vendors"), (products, "vendor")] {
        let picker = field(c, name);
        assert_eq!((&picker["widget"], &picker["collection"]), (&Value::from("relation"), &Value::from("vendors")));
    }
    assert_eq!(field(events, "vendors")["multiple"], true);
    // Records written the way Decap writes cleared fields still pass katalog check.
    site.write(
        "content/vendors/kopi-tebet/index.md",
        "---\nname: Kopi Tebet\ncategory: kopi\nregion: jakarta-selatan\ndistrict: ''\nwhatsapp: ''\nlogo: ''\nqris: ''\ncertifications: null\njoined: ''\n---\n",
    );
    site.write("content/events/bazar-tebet.md", "---\ntitle: Bazar\nstart: 2023-08-29\nend: ''\nvenue: Lapangan\nvendors: null\nrecurrence: ''\nregion: ''\n---\n");
    katalog().arg("check").arg(site.root()).assert().success();
}

#[test]
fn cms_config_does_not_grow_with_the_number_of_vendors() {
    let site = Site::new("basic");
    let (before, _) = generate(&site);
    for i in 0..200 {
        site.write(
            &format!("content/vendors/toko-{i}/index.md"),
            format!("---\nname: Toko {i}\ncategory: kopi\nregion: jakarta-pusat\n---\n"),
        );
        site.write(&format!("content/vendors/toko-{i}/kopi.md"), "---\nname: Kopi\nprice: 10000\n---\n");
    }
    katalog().arg("check").arg(site.root()).assert().success();
    let (after, config) = generate(&site);
    assert_eq!(after, before, "200 more vendors change nothing in the configuration");
    assert_eq!(config["collections"].as_array().unwrap().len(), 5);
}

/// The JSON Schema `katalog schema` writes for `file`.
fn schema(name: &str) -> Value {
    let tmp = tempfile::tempdir().unwrap();
    katalog().arg("schema").arg("--out").arg(tmp.path()).assert().success();
    serde_json::from_str(&std::fs::read_to_string(tmp.path().join(name)).unwrap()).unwrap()
}

#[test]
fn cms_fields_carry_the_schemas_labels_hints_and_required_flags() {
    let site = Site::new("basic");
    let (_, config) = generate(&site);
    for (collection_name, schema_file) in [
        ("vendors", "vendor.schema.json"),
        ("products", "product.schema.json"),
        ("events", "event.schema.json"),
        ("events-yaml", "event.schema.json"),
        ("pages", "page.schema.json"),
    ] {
        let schema = schema(schema_file);
        let required: Vec<&str> = schema["required"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
        let mut compared = 0;
        for field in collection(&config, collection_name)["fields"].as_array().unwrap() {
            let name = field["name"].as_str().unwrap();
            let Some(property) = schema["properties"].get(name) else {
                assert!(
                    ["body", "vendor"].contains(&name),
                    "{collection_name}: `{name}` is not a field of {schema_file}"
                );
                continue;
            };
            assert_eq!(field["label"], property["title"], "{collection_name}.{name}: label");
            assert_eq!(field.get("hint"), property.get("description"), "{collection_name}.{name}: hint");
            assert_eq!(field["required"], required.contains(&name), "{collection_name}.{name}: required");
            compared += 1;
        }
        assert!(compared >= 3, "{collection_name}: {compared} fields compared");
        for name in &required {
            assert!(
                field_exists(collection(&config, collection_name), name),
                "{collection_name}: required `{name}` has a field"
            );
        }
    }
}

fn field_exists(collection: &Value, name: &str) -> bool {
    collection["fields"].as_array().unwrap().iter().any(|f| f["name"] == name)
}

#[test]
fn the_admin_page_loads_decap_in_its_body_at_an_exact_version_with_integrity() {
    let site = Site::new("basic");
    generate(&site);
    let admin = site.root().join("static/admin");
    let page = std::fs::read_to_string(admin.join("index.html")).unwrap();
    let body = page.find("<body>").expect("a body");
    let scripts: Vec<&str> =
        page.match_indices("<script").map(|(at, _)| &page[at..at + page[at..].find("</script>").unwrap()]).collect();
    assert_eq!(scripts.len(), 3, "{page}");
    assert!(
        page.match_indices("<script").all(|(at, _)| at > body),
        "every script is inside <body>: Decap needs it to exist"
    );
    assert!(scripts[0].contains(r#"src="https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js""#), "{}", scripts[0]);
    for script in &scripts[..2] {
        assert!(script.contains(r#"integrity="sha384-"#) && script.contains(r#"crossorigin="anonymous""#), "{script}");
        assert!(
            !script.contains('^') && !script.contains('~') && !script.contains("@latest"),
            "an exact version: {script}"
        );
    }
    assert!(scripts[2].contains(r#"src="katalog-cms.js""#));
    let additions = std::fs::read_to_string(admin.join("katalog-cms.js")).unwrap();
    for format in ["katalog-content", "katalog-page", "katalog-event", "katalog-event-yaml"] {
        assert!(additions.contains(&format!("registerCustomFormat(\"{format}\"")), "{format} is registered");
    }
    assert!(additions.contains("registerPreviewStyle("), "the preview uses the site's CSS");
}

#[test]
fn cms_config_is_written_for_a_catalogue_with_content_errors_and_names_them() {
    let site = Site::new("basic");
    site.write("content/vendors/kopi-tebet/kopi-susu.md", "---\nname: Kopi Susu\nprise: 18000\n---\n");
    site.write(
        "content/vendors/batik-ayu/index.md",
        "---\nname: Batik Ayu\ncategory: tidak-ada\nregion: jakarta-pusat\n---\n",
    );
    let report = stderr(&katalog().arg("cms-config").arg(site.root()).assert().success());
    assert!(site.root().join("static/admin/config.yml").is_file());
    assert!(report.contains("nothing was skipped"), "{report}");
    for file in ["content/vendors/kopi-tebet/kopi-susu.md", "content/vendors/batik-ayu/index.md"] {
        assert!(report.contains(file), "{file} is named in:\n{report}");
    }
    // Without taxonomies there are no options to offer: nothing is written.
    let site = Site::new("basic");
    site.write("content/categories.yaml", "kuliner: [\n");
    let report = stderr(&katalog().arg("cms-config").arg(site.root()).assert().code(1));
    assert!(report.contains("categories.yaml") && report.contains("no configuration written"), "{report}");
    assert!(!site.root().join("static/admin/config.yml").exists());
}
