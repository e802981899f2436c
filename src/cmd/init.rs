//! `katalog init DIR`: a new site with everything a first build needs.
//!
//! Writes `site.yaml`, the two taxonomies (all 44 kecamatan of DKI Jakarta), one vendor with
//! one product, one event and one free page; and what the editor guide promises beside them:
//! the JSON Schemas and VS Code settings that check YAML as it is typed, a short README, and
//! the guides themselves in `docs/`, as they were for this version of katalog. Refuses to
//! touch a folder that is not empty.

use super::{SUCCESS, USAGE_OR_IO, exit};
use std::path::Path;
use std::process::ExitCode;

/// The full list of DKI Jakarta's kota/kabupaten and kecamatan (shared with the demo site).
const REGIONS: &str = include_str!("../../content/regions.yaml");

const SITE: &str = "\
# Settings of this catalogue. Every field: docs/content.md, section 1.
title: Katalog UMKM
base_url: https://katalog.example.go.id/   # where the site will be published
language: id                               # id (Bahasa Indonesia) or en
timezone: Asia/Jakarta
theme: default
paginate: 24
images: { widths: [320, 640, 1280], formats: [webp, jpeg], quality: 80 }
";

const CATEGORIES: &str = "\
# Category tree: slug -> name and optional children. Every slug is unique.
kuliner: { name: Kuliner, children: { kopi: Kopi, keripik: Keripik & Makanan Ringan } }
fashion: { name: Fashion, children: { batik: Batik, kaos: Kaos } }
kerajinan: { name: Kerajinan Tangan }
";

const VENDOR: &str = "\
---
name: Kopi Contoh Tebet
owner: Siti Rahma
category: kopi
region: jakarta-selatan
district: tebet
address: Jl. Tebet Raya No. 1, Jakarta Selatan
whatsapp: 0812-0000-0000
instagram: \"@kopicontoh\"
certifications: [halal, pirt]
joined: 2024-01-15
---
Kopi Contoh Tebet menyangrai biji kopi dari petani Jawa Barat setiap minggu.
Ganti teks ini dengan profil usaha Anda.
";

const PRODUCT: &str = "\
---
name: Kopi Susu Gula Aren
price: 18000
tags: [kopi, susu, gula aren]
variants:
  - { name: 250 ml, price: 18000 }
  - { name: 1 liter, price: 65000 }
---
Kopi susu dengan gula aren asli, dibuat segar setiap pagi.
";

const EVENT: &str = "\
---
title: Bazar UMKM Contoh
start: 2026-12-05T09:00
end: 2026-12-05T16:00
venue: Lapangan Tebet
address: Jl. Tebet Barat Dalam, Jakarta Selatan
region: jakarta-selatan
district: tebet
organizer: Suku Dinas PPKUKM Jakarta Selatan
vendors: [kopi-contoh-tebet]
---
Bazar contoh. Ganti dengan acara Anda.
";

/// The README of the new site's repository.
const README: &str = "\
# Katalog UMKM

The content of a catalogue built with katalog: vendors (UMKM), their products, events and
pages, as text files an editor can change and review in Git.

- **Editors:** read `docs/panduan-editor.md` (in Bahasa Indonesia): where each record goes,
  every field, and what each error message means.
- **Reference:** `docs/content.md` lists every field and rule; `docs/import.md` brings the
  programme's spreadsheets in; `docs/theme.md` and `docs/search.md` cover the templates and
  the search.
- **Check** your changes with `katalog check`; **preview** with `katalog serve`; **build**
  the site into `public/` with `katalog build`.
- In VS Code with the YAML extension, the files under `schemas/` check the YAML files as you
  type (`.vscode/settings.json` maps them).

The guides in `docs/` are those of the katalog version that created this site; a newer
katalog ships newer guides.
";

/// The guides copied into a new site, with their links to guides not copied made plain text.
const GUIDES: [(&str, &str); 5] = [
    ("docs/panduan-editor.md", include_str!("../../docs/panduan-editor.md")),
    ("docs/content.md", include_str!("../../docs/content.md")),
    ("docs/import.md", include_str!("../../docs/import.md")),
    ("docs/theme.md", include_str!("../../docs/theme.md")),
    ("docs/search.md", include_str!("../../docs/search.md")),
];

const PAGE: &str = "\
---
title: Tentang katalog ini
description: Apa itu katalog UMKM ini dan siapa yang mengelolanya.
---
Katalog ini memuat UMKM binaan dan produk mereka.
";

pub fn run(dir: &Path) -> ExitCode {
    if dir.exists() {
        let empty = std::fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            eprintln!(
                "error: {} already exists and is not empty; katalog init only writes into a new or empty folder",
                dir.display()
            );
            return exit(USAGE_OR_IO);
        }
    }
    let schemas: Vec<(String, String)> = super::schema::schemas()
        .into_iter()
        .map(|(name, schema)| {
            (format!("schemas/{name}"), serde_json::to_string_pretty(&schema).expect("schemas serialise") + "\n")
        })
        .collect();
    let guides: Vec<(String, String)> =
        GUIDES.iter().map(|(path, text)| (path.to_string(), plain_links_outside(text))).collect();
    let extra = schemas.iter().chain(&guides).map(|(path, text)| (path.as_str(), text.as_str()));
    let files: [(&str, &str); 10] = [
        ("site.yaml", SITE),
        (".gitignore", "# Built by `katalog build`; never commit them.\n/public/\n/.katalog-cache/\n"),
        ("content/categories.yaml", CATEGORIES),
        ("content/regions.yaml", REGIONS),
        ("content/vendors/kopi-contoh-tebet/index.md", VENDOR),
        ("content/vendors/kopi-contoh-tebet/kopi-susu-gula-aren.md", PRODUCT),
        ("content/events/bazar-umkm-contoh.md", EVENT),
        ("content/pages/tentang.md", PAGE),
        ("README.md", README),
        (".vscode/settings.json", include_str!("../../.vscode/settings.json")),
    ];
    for (path, text) in files.into_iter().chain(extra) {
        let target = dir.join(path);
        let written =
            target.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|_| std::fs::write(&target, text));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", target.display());
            return exit(USAGE_OR_IO);
        }
    }
    let _ = std::fs::create_dir_all(dir.join("static"));
    eprintln!(
        "created a new catalogue in {}\nnext: katalog build {}   (the site goes to {}/public)",
        dir.display(),
        dir.display(),
        dir.display()
    );
    exit(SUCCESS)
}

/// `[text](other.md)` becomes `text` when `other.md` is not one of [`GUIDES`].
fn plain_links_outside(text: &str) -> String {
    let copied = |target: &str| {
        let file = target.split('#').next().unwrap_or(target);
        !file.ends_with(".md") || GUIDES.iter().any(|(path, _)| path.strip_prefix("docs/") == Some(file))
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("](") {
        let Some(open) = rest[..start].rfind('[') else {
            out.push_str(&rest[..start + 2]);
            rest = &rest[start + 2..];
            continue;
        };
        let Some(close) = rest[start + 2..].find(')') else { break };
        let target = &rest[start + 2..start + 2 + close];
        if copied(target) || target.contains("://") {
            out.push_str(&rest[..start + 3 + close]);
        } else {
            out.push_str(&rest[..open]);
            out.push_str(&rest[open + 1..start]);
        }
        rest = &rest[start + 3 + close..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::plain_links_outside;

    #[test]
    fn links_to_guides_not_copied_become_text() {
        assert_eq!(
            plain_links_outside(
                "See [the search](search.md) and [speed](performance.md#search), [web](https://x.id/a.md)."
            ),
            "See [the search](search.md) and speed, [web](https://x.id/a.md)."
        );
    }
}
