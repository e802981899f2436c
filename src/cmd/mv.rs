//! `katalog mv vendor OLD NEW` and `katalog mv product VENDOR/OLD VENDOR2/NEW`: rename a
//! record (or move a product to another vendor) and, in the same step, record its old path
//! as an alias, so every printed QR code keeps working; references follow (the vendor lists
//! of events). The site is checked afterwards as `katalog check` would.
//!
//! Edits are made to the text the editor wrote, line by line, so comments and layout stay.

use super::{CONTENT_ERRORS, SUCCESS, USAGE_OR_IO, exit};
use crate::content::records::ProductRecord;
use crate::paths;
use crate::source::slug::{is_slug, slugify};
use std::path::Path;
use std::process::ExitCode;

/// What to move.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum Move {
    /// Rename a vendor's folder: content/vendors/OLD → content/vendors/NEW
    Vendor { old: String, new: String },
    /// Rename a product, or move it to another vendor: VENDOR/OLD → VENDOR2/NEW
    Product { old: String, new: String },
}

pub fn run(site_dir: &Path, what: &Move) -> ExitCode {
    let moved = match what {
        Move::Vendor { old, new } => move_vendor(site_dir, old, new),
        Move::Product { old, new } => move_product(site_dir, old, new),
    };
    match moved {
        Ok(done) => {
            eprintln!("{done}");
            // The site must still build: say so now, not in CI.
            let check = crate::content::load_site(
                site_dir,
                None,
                crate::content::LoadOptions { drafts: true, git_dates: false, bodies: crate::content::Bodies::Dropped },
            );
            match check {
                Ok(_) => exit(SUCCESS),
                Err(diagnostics) => {
                    eprint!("{}", diagnostics.render());
                    exit(CONTENT_ERRORS)
                }
            }
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit(USAGE_OR_IO)
        }
    }
}

fn slug_ok(slug: &str, what: &str) -> Result<(), String> {
    if is_slug(slug) {
        Ok(())
    } else {
        Err(format!("`{slug}` is not a valid {what} slug: use lowercase letters, digits and dashes"))
    }
}

fn move_vendor(site: &Path, old: &str, new: &str) -> Result<String, String> {
    slug_ok(new, "vendor")?;
    let vendors = site.join("content/vendors");
    let (from, to) = (vendors.join(old), vendors.join(new));
    if !from.join("index.md").is_file() {
        return Err(format!("no vendor `{old}` (no content/vendors/{old}/index.md)"));
    }
    if to.exists() {
        return Err(format!("content/vendors/{new} already exists"));
    }
    std::fs::rename(&from, &to).map_err(|e| format!("cannot rename content/vendors/{old}: {e}"))?;
    let index = to.join("index.md");
    edit(&index, |text| add_alias_to_front_matter(text, &paths::vendor(old)))?;
    let mut events = 0;
    for entry in std::fs::read_dir(site.join("content/events")).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md" || e == "yaml") {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if let Some(changed) = rename_participant(&text, old, new) {
                std::fs::write(&path, changed).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
                events += 1;
            }
        }
    }
    Ok(format!(
        "moved content/vendors/{old} to content/vendors/{new}; `umkm/{old}/` (and its products) now lead there; {events} event(s) updated"
    ))
}

fn move_product(site: &Path, old: &str, new: &str) -> Result<String, String> {
    let split = |both: &str| -> Result<(String, String), String> {
        both.split_once('/')
            .map(|(v, p)| (v.to_string(), p.to_string()))
            .ok_or_else(|| format!("`{both}`: write the vendor and the product, VENDOR/PRODUCT"))
    };
    let ((old_vendor, old_slug), (new_vendor, new_slug)) = (split(old)?, split(new)?);
    slug_ok(&new_slug, "product")?;
    let vendors = site.join("content/vendors");
    let from = vendors.join(&old_vendor).join(format!("{old_slug}.md"));
    let target_dir = vendors.join(&new_vendor);
    let to = target_dir.join(format!("{new_slug}.md"));
    if !target_dir.join("index.md").is_file() {
        return Err(format!("no vendor `{new_vendor}` (no content/vendors/{new_vendor}/index.md)"));
    }
    if to.exists() {
        return Err(format!("content/vendors/{new_vendor}/{new_slug}.md already exists"));
    }
    if !from.is_file() {
        return rename_in_products_yaml(&vendors.join(&old_vendor), &old_vendor, &old_slug, &new_vendor, &new_slug);
    }
    let text = std::fs::read_to_string(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    // Moving to another vendor: the pictures it names come along (copied: others may use them).
    if old_vendor != new_vendor {
        for image in image_names(&text) {
            let (source, target) = (vendors.join(&old_vendor).join(&image), target_dir.join(&image));
            match std::fs::read(&target) {
                Ok(bytes) if std::fs::read(&source).is_ok_and(|s| s == bytes) => {}
                Ok(_) => {
                    return Err(format!(
                        "content/vendors/{new_vendor}/{image} exists and is another picture: rename one first"
                    ));
                }
                Err(_) => {
                    if let Some(parent) = target.parent() {
                        std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
                    }
                    std::fs::copy(&source, &target).map_err(|e| format!("cannot copy {image}: {e}"))?;
                }
            }
        }
    }
    std::fs::write(&to, add_alias_to_front_matter(&text, &paths::product(&old_vendor, &old_slug)))
        .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
    std::fs::remove_file(&from).map_err(|e| format!("cannot remove {}: {e}", from.display()))?;
    Ok(format!(
        "moved content/vendors/{old_vendor}/{old_slug}.md to content/vendors/{new_vendor}/{new_slug}.md; `{}` now leads there",
        paths::product(&old_vendor, &old_slug)
    ))
}

/// Renames a product of `products.yaml` in place: its `slug` set (or added) and the old path
/// added as its `aliases`, the rest of the file as the editor wrote it.
fn rename_in_products_yaml(dir: &Path, vendor: &str, old: &str, new_vendor: &str, new: &str) -> Result<String, String> {
    let by_hand = |why: &str| {
        format!(
            "{why}: in content/vendors/{vendor}/products.yaml set its `slug: {new}` and add `aliases: [{}]` by hand",
            paths::product(vendor, old)
        )
    };
    let file = dir.join("products.yaml");
    let Ok(text) = std::fs::read_to_string(&file) else {
        return Err(format!(
            "no product `{old}` of vendor `{vendor}` (no content/vendors/{vendor}/{old}.md, no products.yaml)"
        ));
    };
    if new_vendor != vendor {
        return Err(by_hand("a product of products.yaml moves to another vendor by hand (copy its entry)"));
    }
    let items: Vec<serde_saphyr::Spanned<ProductRecord>> =
        crate::source::yaml::parse_document(&text, Path::new("products.yaml"), "a list of products")
            .map_err(|_| by_hand("products.yaml does not read as a list of products"))?;
    let slug_of = |r: &ProductRecord| r.slug.as_ref().map_or_else(|| slugify(&r.name), |s| s.value.clone());
    let item = items
        .iter()
        .find(|item| slug_of(&item.value) == old)
        .ok_or_else(|| format!("no product `{old}` in content/vendors/{vendor}/products.yaml (nor a file {old}.md)"))?;
    if !item.value.aliases.is_empty() {
        return Err(by_hand("the product has aliases already"));
    }
    let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
    let (line, column) = (item.referenced.line() as usize, item.referenced.column() as usize);
    if line == 0 || lines.get(line - 1).is_none_or(|l| l.chars().nth(column.saturating_sub(1)) == Some('{')) {
        return Err(by_hand("the product is written on one line"));
    }
    let indent = " ".repeat(column.saturating_sub(1));
    let alias = format!("{indent}aliases: [{}]\n", paths::product(vendor, old));
    match &item.value.slug {
        Some(slug) => {
            let at = slug.referenced.line() as usize - 1;
            lines[at] = lines[at].replacen(&slug.value, new, 1);
            lines.insert(line, alias);
        }
        None => {
            lines.insert(line, alias);
            lines.insert(line, format!("{indent}slug: {new}\n"));
        }
    }
    std::fs::write(&file, lines.concat()).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    Ok(format!(
        "renamed `{old}` to `{new}` in content/vendors/{vendor}/products.yaml; `{}` now leads there",
        paths::product(vendor, old)
    ))
}

fn edit(path: &Path, change: impl FnOnce(&str) -> String) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    std::fs::write(path, change(&text)).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// `text` (a markdown file with front matter) with `alias` added to its `aliases`: appended to
/// a list that is there, else a new `aliases:` line before the front matter closes.
fn add_alias_to_front_matter(text: &str, alias: &str) -> String {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "---").map(|i| i + 1);
    let Some(close) = close else { return text.to_string() };
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    if let Some(at) = (1..close).find(|&i| lines[i].starts_with("aliases:")) {
        let value = lines[at]["aliases:".len()..].trim();
        if let Some(inner) = value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let items = if inner.trim().is_empty() { alias.to_string() } else { format!("{}, {alias}", inner.trim()) };
            out[at] = format!("aliases: [{items}]\n");
        } else {
            // A block list: after its last item.
            let mut last = at;
            while last + 1 < close && lines[last + 1].trim_start().starts_with("- ") {
                last += 1;
            }
            out.insert(last + 1, format!("  - {alias}\n"));
        }
    } else {
        out.insert(close, format!("aliases: [{alias}]\n"));
    }
    out.concat()
}

/// `text` with the vendor `old` renamed `new` in its `vendors` list (flow or block), or
/// `None` when the list does not name it.
fn rename_participant(text: &str, old: &str, new: &str) -> Option<String> {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(String::from).collect();
    let at = lines.iter().position(|l| l.starts_with("vendors:"))?;
    let same = |item: &str| item.trim().trim_matches(['"', '\'']) == old;
    let mut changed = false;
    let value = lines[at]["vendors:".len()..].trim_end().to_string();
    if let Some(inner) = value.trim().strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let items: Vec<String> = inner
            .split(',')
            .map(|item| {
                if same(item) {
                    changed = true;
                    new.to_string()
                } else {
                    item.trim().to_string()
                }
            })
            .collect();
        lines[at] = format!("vendors: [{}]\n", items.join(", "));
    } else {
        for line in lines.iter_mut().skip(at + 1) {
            let Some(item) = line.trim_start().strip_prefix("- ") else { break };
            if same(item.split('#').next().unwrap_or_default()) {
                let indent = &line[..line.len() - line.trim_start().len()];
                *line = format!("{indent}- {new}\n");
                changed = true;
            }
        }
    }
    changed.then(|| lines.concat())
}

/// The picture files a product's front matter names (`images` and their `src`).
fn image_names(text: &str) -> Vec<String> {
    let front = text.split("\n---").next().unwrap_or_default();
    let Ok(value) =
        serde_saphyr::from_str::<serde_json::Value>(front.trim_start_matches("---").trim_start_matches('\n'))
    else {
        return Vec::new();
    };
    value["images"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|image| image.as_str().or_else(|| image["src"].as_str()).map(String::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_alias_joins_the_list_there_is_or_starts_one() {
        let plain = "---\nname: Kopi\n---\nBody.\n";
        assert_eq!(add_alias_to_front_matter(plain, "umkm/a/"), "---\nname: Kopi\naliases: [umkm/a/]\n---\nBody.\n");
        let flow = "---\nname: Kopi\naliases: [umkm/a/]\n---\n";
        assert_eq!(add_alias_to_front_matter(flow, "umkm/b/"), "---\nname: Kopi\naliases: [umkm/a/, umkm/b/]\n---\n");
        let block = "---\naliases:\n  - umkm/a/\nname: Kopi\n---\n";
        assert_eq!(
            add_alias_to_front_matter(block, "umkm/b/"),
            "---\naliases:\n  - umkm/a/\n  - umkm/b/\nname: Kopi\n---\n"
        );
        let crlf = "---\r\nname: Kopi\r\n---\r\n";
        assert!(add_alias_to_front_matter(crlf, "umkm/a/").contains("aliases: [umkm/a/]\n---\r\n"));
    }

    #[test]
    fn participants_are_renamed_in_flow_and_block_lists() {
        assert_eq!(
            rename_participant("title: B\nvendors: [kopi-tebet, batik-ayu]\n", "kopi-tebet", "kopi-baru").as_deref(),
            Some("title: B\nvendors: [kopi-baru, batik-ayu]\n")
        );
        assert_eq!(
            rename_participant(
                "vendors:\n  - batik-ayu\n  - kopi-tebet  # kopi\nvenue: X\n",
                "kopi-tebet",
                "kopi-baru"
            )
            .as_deref(),
            Some("vendors:\n  - batik-ayu\n  - kopi-baru\nvenue: X\n")
        );
        assert_eq!(rename_participant("vendors: [kopi-tebet-raya]\n", "kopi-tebet", "x"), None);
    }
}
