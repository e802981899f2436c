//! The theme: tera templates, UI strings and static assets.
//!
//! A site's own `themes/<name>/` folder wins; without one, the `default` theme embedded in
//! the binary is used, so `katalog` works standalone after `cargo install`. Templates are
//! loaded at run time either way, so editors can change them without recompiling.

use crate::diagnostics::Diagnostic;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The default theme's files, embedded at compile time (paths relative to `themes/default/`).
macro_rules! embed {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)) as &[u8])),*]
    };
}

pub const DEFAULT_THEME: &[(&str, &[u8])] = embed![
    "i18n/en.yaml",
    "i18n/id.yaml",
    "static/aset/acara.js",
    "static/aset/cari.js",
    "static/aset/cetak.css",
    "static/aset/katalog.css",
    "static/favicon.svg",
    "templates/404.html",
    "templates/base.html",
    "templates/category.html",
    "templates/category_index.html",
    "templates/event.html",
    "templates/event_list.html",
    "templates/home.html",
    "templates/kartu_qr.html",
    "templates/macros.html",
    "templates/month.html",
    "templates/page.html",
    "templates/product.html",
    "templates/redirect.html",
    "templates/region.html",
    "templates/region_index.html",
    "templates/removed.html",
    "templates/search.html",
    "templates/vendor.html",
    "templates/vendor_list.html",
];

/// Templates every theme must provide.
/// Templates a site's own theme may lack: katalog takes the default theme's (page kinds added
/// after themes were written).
const NEWER_TEMPLATES: &[&str] = &["redirect.html", "removed.html"];

pub const REQUIRED_TEMPLATES: &[&str] = &[
    "404.html",
    "base.html",
    "category.html",
    "category_index.html",
    "event.html",
    "event_list.html",
    "home.html",
    "kartu_qr.html",
    "month.html",
    "page.html",
    "product.html",
    "region.html",
    "region_index.html",
    "vendor.html",
    "vendor_list.html",
];

/// A loaded theme.
pub struct Theme {
    pub tera: tera::Tera,
    /// The UI strings of the site's language, as given to templates (`t`).
    pub strings: serde_json::Value,
    /// The strings `macros.html` uses (`tm`): tera copies every macro argument, so passing
    /// this subset instead of the whole `t` keeps a card or a pager cheap.
    pub macro_strings: serde_json::Value,
    /// Static files to copy to the output root, by output path.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// A hash of what every page uses: the UI strings and the static files.
    pub shared_fingerprint: u64,
    /// A hash of each template with every template it extends, includes or imports.
    pub template_fingerprints: HashMap<String, u64>,
}

impl Theme {
    /// Loads theme `name` for `language`, from `site_root/themes/<name>/` or the embedded default.
    pub fn load(site_root: &Path, name: &str, language: &str) -> Result<Theme, Diagnostic> {
        let dir = site_root.join("themes").join(name);
        let files: Vec<(String, Vec<u8>)> = if dir.is_dir() {
            read_dir_files(&dir)?
        } else if name == "default" {
            DEFAULT_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect()
        } else {
            return Err(Diagnostic::file("site.yaml", format!("theme `{name}` not found (no folder themes/{name}/)"))
                .with_hint("use `theme: default`, or create the theme folder"));
        };
        let origin = if dir.is_dir() { format!("themes/{name}/") } else { "(embedded default theme) ".to_string() };
        let mut files = files;
        // Templates of page kinds newer than a site's own theme come from the default one.
        for template in NEWER_TEMPLATES {
            let path = format!("templates/{template}");
            if !files.iter().any(|(p, _)| *p == path)
                && let Some((_, bytes)) = DEFAULT_THEME.iter().find(|(p, _)| *p == path)
            {
                files.push((path, bytes.to_vec()));
            }
        }
        Self::from_files(files, language, &origin)
    }

    fn from_files(files: Vec<(String, Vec<u8>)>, language: &str, origin: &str) -> Result<Theme, Diagnostic> {
        let mut templates = Vec::new();
        let mut strings = None;
        let mut static_files = BTreeMap::new();
        for (path, bytes) in files {
            if let Some(name) = path.strip_prefix("templates/") {
                let text = String::from_utf8(bytes)
                    .map_err(|_| Diagnostic::file(format!("{origin}{path}"), "template is not UTF-8"))?;
                templates.push((name.to_string(), text));
            } else if path == format!("i18n/{language}.yaml") {
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let rel = PathBuf::from(format!("{origin}{path}"));
                strings = Some(crate::source::yaml::parse_document::<serde_json::Value>(&text, &rel, "UI strings")?);
            } else if let Some(out) = path.strip_prefix("static/") {
                static_files.insert(out.to_string(), bytes);
            }
        }
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str()))).map_err(|e| {
            Diagnostic::file(format!("{origin}templates"), format!("template error: {}", tera_error_chain(&e)))
        })?;
        for required in REQUIRED_TEMPLATES {
            if !tera.get_template_names().any(|n| n == *required) {
                return Err(Diagnostic::file(
                    format!("{origin}templates/{required}"),
                    "template missing from the theme",
                )
                .with_hint("copy it from the default theme"));
            }
        }
        let strings = strings.ok_or_else(|| {
            Diagnostic::file(format!("{origin}i18n/{language}.yaml"), "the theme has no UI strings for this language")
        })?;
        if !strings.is_object() {
            return Err(Diagnostic::file(
                format!("{origin}i18n/{language}.yaml"),
                "UI strings must be a mapping `key: text`",
            ));
        }
        let macro_keys: std::collections::BTreeSet<String> = templates
            .iter()
            .filter(|(name, _)| name == "macros.html")
            .flat_map(|(_, text)| referenced_keys(text))
            .collect();
        let macro_strings = serde_json::Value::Object(
            strings
                .as_object()
                .map(|all| {
                    all.iter().filter(|(k, _)| macro_keys.contains(*k)).map(|(k, v)| (k.clone(), v.clone())).collect()
                })
                .unwrap_or_default(),
        );
        let shared_fingerprint = crate::hash::hash_one(&(language, strings.to_string(), &static_files));
        let template_fingerprints = template_fingerprints(&templates);
        Ok(Theme { tera, strings, macro_strings, static_files, shared_fingerprint, template_fingerprints })
    }

    /// The fingerprint of template `name` and those it uses.
    pub fn template_fingerprint(&self, name: &str) -> u64 {
        self.template_fingerprints.get(name).copied().unwrap_or_default()
    }

    /// A UI string by key (empty if the theme lacks it).
    pub fn string(&self, key: &str) -> &str {
        self.strings.get(key).and_then(|v| v.as_str()).unwrap_or("")
    }

    /// Month names for dates, January first.
    pub fn month_name(&self, month: i8) -> &str {
        self.list_item("months", (month - 1) as usize)
    }

    /// Item `index` of a list of UI strings (`months`, `weekdays`…); empty if missing.
    pub fn list_item(&self, key: &str, index: usize) -> &str {
        self.strings.get(key).and_then(|list| list.get(index)).and_then(|v| v.as_str()).unwrap_or("")
    }
}

/// The keys a template reads from its `t` argument (`t.sold_out` → `sold_out`).
fn referenced_keys(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    for (i, _) in text.match_indices("t.") {
        let boundary =
            i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_' || bytes[i - 1] == b'.');
        if !boundary {
            continue;
        }
        let key: String = text[i + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if !key.is_empty() {
            keys.push(key);
        }
    }
    keys
}

fn read_dir_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Diagnostic> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| Diagnostic::file(dir, format!("cannot read theme: {e}")))?;
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.split('/').any(|part| part.starts_with('.')) {
            continue;
        }
        let bytes =
            std::fs::read(entry.path()).map_err(|e| Diagnostic::file(entry.path(), format!("cannot read: {e}")))?;
        files.push((rel, bytes));
    }
    Ok(files)
}

/// HTML escaping for text and quoted attributes; unlike tera's default it leaves `/` alone,
/// so URLs stay readable.
///
/// Every value a template prints goes through here, so it copies the runs between the five
/// characters whole rather than one `char` at a time. They are ASCII, and no byte of a
/// multi-byte UTF-8 character is ASCII, so each index found is a character boundary.
pub fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut start = 0;
    for (i, byte) in input.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[start..i]);
        out.push_str(entity);
        start = i + 1;
    }
    out.push_str(&input[start..]);
    out
}

/// A tera error with its causes, which hold the useful part (template name, line).
pub fn tera_error_chain(err: &tera::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Each template's fingerprint: its text and, transitively, the texts of the templates it
/// names in `extends`, `include` or `import`, so a change to `macros.html` re-renders every
/// page that imports it and a change to `event.html` only the event pages.
fn template_fingerprints(templates: &[(String, String)]) -> HashMap<String, u64> {
    let texts: HashMap<&str, &str> = templates.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let uses = |text: &str| -> Vec<String> {
        let mut out = Vec::new();
        for keyword in ["extends", "include", "import"] {
            for (i, _) in text.match_indices(keyword) {
                let rest = text[i + keyword.len()..].trim_start();
                if let Some(quote @ ('"' | '\'')) = rest.chars().next()
                    && let Some(end) = rest[1..].find(quote)
                {
                    out.push(rest[1..1 + end].to_string());
                }
            }
        }
        out
    };
    texts
        .keys()
        .map(|&name| {
            let mut seen = std::collections::BTreeSet::new();
            let mut todo = vec![name.to_string()];
            while let Some(next) = todo.pop() {
                if let Some(text) = texts.get(next.as_str())
                    && seen.insert(next.clone())
                {
                    todo.extend(uses(text));
                }
            }
            let closure: Vec<(&String, &str)> = seen.iter().map(|n| (n, texts[n.as_str()])).collect();
            (name.to_string(), crate::hash::hash_one(&closure))
        })
        .collect()
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_list_matches_the_theme_folder() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = read_dir_files(&dir).unwrap().into_iter().map(|(p, _)| p).collect();
        let embedded: Vec<String> = DEFAULT_THEME.iter().map(|(p, _)| p.to_string()).collect();
        assert_eq!(on_disk, embedded, "update DEFAULT_THEME in src/theme.rs");
    }

    #[test]
    fn embedded_theme_loads_in_both_languages() {
        for lang in ["id", "en"] {
            let files = DEFAULT_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
            let theme = Theme::from_files(files, lang, "").unwrap();
            assert!(!theme.string("title_vendors").is_empty());
            assert!(!theme.month_name(12).is_empty());
            assert!(theme.static_files.contains_key("aset/katalog.css"));
        }
    }

    #[test]
    fn both_languages_have_the_same_keys() {
        let keys = |lang: &str| {
            let files = DEFAULT_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
            let theme = Theme::from_files(files, lang, "").unwrap();
            theme.strings.as_object().unwrap().keys().cloned().collect::<Vec<_>>()
        };
        assert_eq!(keys("id"), keys("en"));
    }

    #[test]
    fn macro_strings_are_the_keys_macros_read() {
        assert_eq!(referenced_keys("{{ t.sold_out }} {{ x.t.no }} {{ p.price }} {{t.next}}"), ["sold_out", "next"]);
        let files = DEFAULT_THEME.iter().map(|(p, b)| (p.to_string(), b.to_vec())).collect();
        let theme = Theme::from_files(files, "id", "").unwrap();
        assert!(theme.macro_strings.get("sold_out").is_some());
        assert!(theme.macro_strings.get("home_description").is_none());
    }

    #[test]
    fn escapes_markup_but_not_slashes() {
        assert_eq!(escape_html(r#"<a href="/x">'&'</a>"#), "&lt;a href=&quot;/x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    #[test]
    fn escaping_keeps_multibyte_text_whole() {
        let reference = |input: &str| {
            input.chars().fold(String::new(), |mut out, c| {
                match c {
                    '&' => out.push_str("&amp;"),
                    '<' => out.push_str("&lt;"),
                    '>' => out.push_str("&gt;"),
                    '"' => out.push_str("&quot;"),
                    '\'' => out.push_str("&#39;"),
                    c => out.push(c),
                }
                out
            })
        };
        for input in [
            "",
            "&",
            "tanpa tanda",
            "Kue & Jajanan — \"Bu Siti\" <Sejak 1998>",
            "≥ 10 pcs & < Rp 50.000'",
            "é&ü<😀>\"'",
            "ends with é",
        ] {
            assert_eq!(escape_html(input), reference(input), "{input}");
        }
    }
}
