//! `categories.yaml` and `regions.yaml`: the two taxonomies records point into.
//!
//! Both are two-level trees keyed by slug (category → subcategory, kota/kabupaten →
//! kecamatan). Every slug, parent or child, is unique within its file.

use super::model::{Taxonomy, Term, TermId};
use super::records::{CategoriesFile, OrderedMap, RegionsFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::source::SourceText;
use crate::source::slug::{is_slug, slugify};
use crate::source::yaml;
use std::collections::HashMap;
use std::path::Path;

pub(crate) const CATEGORIES_FILE: &str = "content/categories.yaml";
pub(crate) const REGIONS_FILE: &str = "content/regions.yaml";

pub(crate) fn load_categories(root: &Path, diagnostics: &mut Diagnostics) -> Taxonomy {
    let Some((source, file)) = read::<CategoriesFile>(root, CATEGORIES_FILE, "the category tree", diagnostics) else {
        return Taxonomy::default();
    };
    let tree = file.0.into_iter().map(|(slug, entry)| (slug, entry.name, entry.children)).collect();
    build(tree, &source, diagnostics)
}

pub(crate) fn load_regions(root: &Path, diagnostics: &mut Diagnostics) -> Taxonomy {
    let Some((source, file)) = read::<RegionsFile>(root, REGIONS_FILE, "the regions", diagnostics) else {
        return Taxonomy::default();
    };
    let tree = file.0.into_iter().map(|(slug, entry)| (slug, entry.name, entry.districts)).collect();
    build(tree, &source, diagnostics)
}

fn read<T: serde::de::DeserializeOwned>(
    root: &Path,
    relative: &str,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> Option<(SourceText, T)> {
    let path = Path::new(relative);
    let absolute = root.join(relative);
    if !absolute.is_file() {
        diagnostics.push(
            Diagnostic::file(path, format!("{relative} not found; every site needs {what}"))
                .with_hint("`katalog init DIR` writes a complete example"),
        );
        return None;
    }
    let source = SourceText::read(&absolute, path).map_err(|d| diagnostics.push(d)).ok()?;
    let parsed = yaml::parse_document(&source.text, path, what).map_err(|d| diagnostics.push(d)).ok()?;
    Some((source, parsed))
}

type Tree = Vec<(serde_saphyr::Spanned<String>, String, OrderedMap<String>)>;

fn build(tree: Tree, source: &SourceText, diagnostics: &mut Diagnostics) -> Taxonomy {
    let mut taxonomy = Taxonomy::default();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut add =
        |slug: &serde_saphyr::Spanned<String>, name: String, parent: Option<TermId>, taxonomy: &mut Taxonomy| {
            let line = slug.referenced.line() as usize;
            let column = slug.referenced.column() as usize;
            let at = |msg: String| {
                Diagnostic::at(&source.path, &source.text, line, column, msg).with_width(slug.value.chars().count())
            };
            if !is_slug(&slug.value) {
                diagnostics.push(
                    at(format!("`{}` is not a valid slug", slug.value))
                        .with_hint(format!("use lowercase letters, digits and dashes: `{}`", slugify(&slug.value))),
                );
            }
            if let Some(first_line) = seen.insert(slug.value.clone(), line) {
                diagnostics.push(
                    at(format!("slug `{}` is used twice", slug.value))
                        .with_note(format!("first used on line {first_line}"))
                        .with_hint("every slug, parent or child, must be unique"),
                );
                return None;
            }
            let id = TermId(taxonomy.terms.len());
            taxonomy.terms.push(Term { slug: slug.value.clone(), name, parent, children: Vec::new() });
            if let Some(p) = parent {
                taxonomy.terms[p].children.push(id);
            }
            Some(id)
        };
    for (slug, name, children) in tree {
        let Some(parent) = add(&slug, name, None, &mut taxonomy) else {
            continue;
        };
        for (child, child_name) in children.0 {
            add(&child, child_name, Some(parent), &mut taxonomy);
        }
    }
    taxonomy
}
