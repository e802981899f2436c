//! The build flows one way, and so do the modules: each top-level module of `src/` may use
//! only modules of the layers below its own (docs/architecture.md). A new import that goes up
//! or sideways — `render` using `search`, `config` using `content` — fails here, with the
//! file and line to look at.

use std::collections::BTreeMap;
use std::path::Path;

/// The layers, lowest first. A module may use the modules of lower layers only.
const LAYERS: &[&[&str]] = &[
    // Files of the cache folder, written whole and pruned by key (the image and QR caches).
    &["cache_files"],
    // Leaves: used by anyone, using nobody but the cache's files.
    &["diagnostics", "hash", "paths", "words", "markdown", "assets", "progress"],
    &["source"],
    &["config"],
    &["content"],
    &["calendar", "output", "theme"],
    &["images"],
    &["derive"],
    // Side by side: pages and the search index both read the derived catalogue.
    &["render", "search"],
    &["build", "serve", "guard", "import", "deploy"],
    &["cmd"],
    &["main"],
];

fn layer_of(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|layer| layer.contains(&module))
        .unwrap_or_else(|| panic!("the module `{module}` is in no layer of tests/testsuite/layers.rs: place it"))
}

/// The top-level module a source file belongs to (`src/render/pages.rs` → `render`).
fn module_of(relative: &Path) -> String {
    let first = relative.components().next().expect("a path under src/").as_os_str().to_string_lossy();
    first.trim_end_matches(".rs").to_string()
}

/// Every `crate::name` (and, in `main.rs`, `katalog::name`) in `text`, with its line.
fn uses(text: &str, prefix: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !name.is_empty() {
                found.push((number + 1, name));
            }
        }
    }
    found
}

/// Every import between top-level modules: (from, to) → where.
fn imports() -> BTreeMap<(String, String), String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut edges = BTreeMap::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = entry.path().strip_prefix(&src).unwrap();
        let from = module_of(relative);
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let prefix = if from == "main" { "katalog::" } else { "crate::" };
        for (line, to) in uses(&text, prefix) {
            if to != from {
                edges.entry((from.clone(), to)).or_insert_with(|| format!("src/{}:{line}", relative.display()));
            }
        }
    }
    edges
}

#[test]
fn modules_use_only_the_layers_below_them() {
    let edges = imports();
    assert!(edges.len() > 20, "too few imports found; is the parser blind? {edges:?}");
    let wrong: Vec<String> = edges
        .iter()
        .filter(|((from, to), _)| layer_of(to) >= layer_of(from))
        .map(|((from, to), at)| format!("{at}: `{from}` uses `{to}`, which is not below it"))
        .collect();
    assert!(wrong.is_empty(), "imports against the flow of the build:\n{}", wrong.join("\n"));
}

#[test]
fn no_glob_imports_across_modules() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut globs = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            // `use super::*;` in a test module and crates' preludes are fine.
            if line.starts_with("use ")
                && line.ends_with("::*;")
                && line != "use super::*;"
                && !line.contains("prelude")
            {
                globs.push(format!("{}:{}: {line}", entry.path().strip_prefix(&src).unwrap().display(), number + 1));
            }
        }
    }
    assert!(globs.is_empty(), "glob imports hide where names come from:\n{}", globs.join("\n"));
}

#[test]
fn the_parser_sees_imports_and_ignores_lookalikes() {
    let text = "use crate::content::Site;\nlet x = my_crate::thing;\n    crate::render::plan(c); crate::paths::VENDORS";
    assert_eq!(
        uses(text, "crate::"),
        [(1, "content".to_string()), (3, "render".to_string()), (3, "paths".to_string())]
    );
    assert!(layer_of("render") > layer_of("derive"));
    assert_eq!(layer_of("render"), layer_of("search"));
}
