//! `katalog schema [--out DIR]`: JSON Schemas of the content, generated from the same Rust
//! types that load it, for editors (completion and live validation in VS Code's YAML
//! extension) and for other tools. Each property of a record carries the label and hint the
//! web editor shows (`field_texts`) as its `title` and `description`.

use super::field_texts::{self, RecordKind};
use super::{SUCCESS, USAGE_OR_IO, exit};
use crate::config::SiteFile;
use crate::content::records::{
    CategoriesFile, EventRecord, PageRecord, ProductRecord, RegionsFile, RemovedRecord, VendorRecord,
};
use schemars::{JsonSchema, Schema, schema_for};
use std::path::Path;
use std::process::ExitCode;

/// The schema of one kind of record, its properties labelled for editors.
pub fn record_schema(kind: RecordKind) -> Schema {
    let mut schema = match kind {
        RecordKind::Vendor => schema_for!(VendorRecord),
        RecordKind::Product => schema_for!(ProductRecord),
        RecordKind::Event => schema_for!(EventRecord),
        RecordKind::Page => schema_for!(PageRecord),
    };
    if let Some(properties) = schema.get_mut("properties") {
        label_properties(properties, kind);
    }
    schema
}

/// The fields `kind` requires, as its schema says.
pub fn required_fields(kind: RecordKind) -> Vec<String> {
    record_schema(kind)
        .get("required")
        .and_then(|required| required.as_array())
        .map(|names| names.iter().filter_map(|name| name.as_str().map(str::to_string)).collect())
        .unwrap_or_default()
}

fn label_properties(properties: &mut serde_json::Value, kind: RecordKind) {
    for (name, text) in field_texts::fields(kind) {
        let Some(property) = properties.get_mut(*name).and_then(|p| p.as_object_mut()) else {
            panic!("{kind:?} has no field `{name}` to label");
        };
        property.insert("title".into(), text.label.into());
        if !text.hint.is_empty() {
            property.insert("description".into(), text.hint.into());
        }
    }
}

/// One schema per kind of file, by file name.
pub fn schemas() -> Vec<(&'static str, Schema)> {
    fn titled<T: JsonSchema>(title: &str, description: &str) -> Schema {
        described(schema_for!(T), title, description)
    }
    fn described(mut schema: Schema, title: &str, description: &str) -> Schema {
        schema.insert("title".into(), title.into());
        schema.insert("description".into(), description.into());
        schema
    }
    let mut products = schemars::json_schema!({
        "oneOf": [
            { "type": "array", "items": { "$ref": "#/$defs/ProductRecord" } },
            { "$ref": "#/$defs/ProductRecord" }
        ]
    });
    let product = record_schema(RecordKind::Product);
    let mut defs = product.get("$defs").cloned().unwrap_or_else(|| serde_json::json!({}));
    let mut product_def = product.as_value().clone();
    if let Some(object) = product_def.as_object_mut() {
        object.remove("$defs");
        object.remove("$schema");
    }
    defs["ProductRecord"] = product_def;
    products.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
    products.insert("$defs".into(), defs);
    products.insert("title".into(), "products.yaml".into());
    products.insert("description".into(), "A vendor's products in bulk: a list of products (or one).".into());
    vec![
        ("site.schema.json", titled::<SiteFile>("site.yaml", "Settings of a katalog site.")),
        (
            "vendor.schema.json",
            described(record_schema(RecordKind::Vendor), "Vendor", "Front matter of content/vendors/<slug>/index.md."),
        ),
        (
            "product.schema.json",
            described(
                record_schema(RecordKind::Product),
                "Product",
                "Front matter of content/vendors/<vendor>/<slug>.md.",
            ),
        ),
        ("products.schema.json", products),
        (
            "event.schema.json",
            described(
                record_schema(RecordKind::Event),
                "Event",
                "content/events/<slug>.yaml, or the front matter of <slug>.md.",
            ),
        ),
        (
            "page.schema.json",
            described(record_schema(RecordKind::Page), "Page", "Front matter of content/pages/<slug>.md."),
        ),
        ("categories.schema.json", titled::<CategoriesFile>("categories.yaml", "The category tree.")),
        ("regions.schema.json", titled::<RegionsFile>("regions.yaml", "Kota/kabupaten and their kecamatan.")),
        (
            "dihapus.schema.json",
            titled::<Vec<RemovedRecord>>(
                "dihapus.yaml",
                "Published paths whose records are gone (content/dihapus.yaml).",
            ),
        ),
    ]
}

pub fn run(out: &Path) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return exit(USAGE_OR_IO);
    }
    for (name, schema) in schemas() {
        let text = serde_json::to_string_pretty(&schema).expect("schemas serialise") + "\n";
        let path = out.join(name);
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return exit(USAGE_OR_IO);
        }
    }
    eprintln!("wrote {} JSON Schemas to {}", schemas().len(), out.display());
    exit(SUCCESS)
}
