//! `site.yaml`: the site's configuration, read and checked once.
//!
//! The base URL decides every link: its path (for a site served from
//! `https://example.org/katalog/`, the root is `/katalog/`) prefixes every internal link, and
//! the full URL makes the absolute ones (canonical, sitemap, Open Graph, JSON-LD).

use crate::diagnostics::Diagnostic;
use crate::source::yaml;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

pub const CONFIG_FILE: &str = "site.yaml";

/// The checked configuration of a site.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub timezone: jiff::tz::TimeZone,
    pub timezone_name: String,
    pub theme: String,
    pub paginate: usize,
    pub images: ImagesConfig,
    /// Query appended to the URL in product QR codes (`src=qr`), so visits from booth cards
    /// can be counted; empty for none.
    pub qr_query: String,
    /// The site's own spelling variants for search: canonical word → other spellings.
    pub search_variants: Vec<(String, Vec<String>)>,
    /// Where `katalog deploy` publishes the output (`deploy.targets`), first the default.
    pub deploy_targets: Vec<DeployTarget>,
}

/// A place `katalog deploy` publishes to. Credentials never come from here: only from the
/// store's usual environment variables (`AWS_ACCESS_KEY_ID`, `GOOGLE_APPLICATION_CREDENTIALS`,
/// `AZURE_STORAGE_ACCOUNT_KEY`, …).
#[derive(Debug, Clone, Deserialize, schemars::JsonSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DeployTarget {
    /// The target's name (`katalog deploy --target NAME`).
    pub name: String,
    /// `s3://bucket`, `gs://bucket` or `az://container`, with an optional folder
    /// (`s3://bucket/katalog`).
    pub url: String,
    /// The endpoint of an S3-compatible store (Cloudflare R2, MinIO, …); `http://` is allowed
    /// only for a store on this machine.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// The S3 region (else `AWS_REGION`, else `us-east-1`).
    #[serde(default)]
    pub region: Option<String>,
    /// S3 only: also store each redirect page with the store's own redirect
    /// (`x-amz-website-redirect-location`), which S3 website endpoints answer with a 301.
    /// Default: on for `s3://` targets without an `endpoint`, off otherwise.
    #[serde(default)]
    pub store_redirects: Option<bool>,
}

#[derive(Debug, Default, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct DeployConfig {
    #[serde(default)]
    targets: Vec<DeployTarget>,
}

/// The languages the default theme speaks.
pub const LANGUAGES: &[&str] = &["id", "en"];

#[derive(Debug, Clone, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ImagesConfig {
    #[serde(default = "default_widths")]
    pub widths: Vec<u32>,
    #[serde(default = "default_formats")]
    pub formats: Vec<ImageFormat>,
    #[serde(default = "default_quality")]
    pub quality: u8,
    /// Source images larger than this are refused (a pixel bomb costs memory before anything
    /// else can be checked).
    #[serde(default = "default_max_megapixels")]
    pub max_megapixels: u32,
}

#[derive(Debug, Clone, Copy, Deserialize, serde::Serialize, schemars::JsonSchema, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum ImageFormat {
    Webp,
    Jpeg,
    Avif,
}

fn default_widths() -> Vec<u32> {
    vec![320, 640, 1280]
}
fn default_formats() -> Vec<ImageFormat> {
    vec![ImageFormat::Webp, ImageFormat::Jpeg]
}
fn default_quality() -> u8 {
    80
}
fn default_max_megapixels() -> u32 {
    50
}

impl Default for ImagesConfig {
    fn default() -> Self {
        ImagesConfig {
            widths: default_widths(),
            formats: default_formats(),
            quality: default_quality(),
            max_megapixels: default_max_megapixels(),
        }
    }
}

/// `site.yaml` as written (its JSON Schema is published by `katalog schema`).
#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SiteFile {
    title: String,
    #[serde(default)]
    description: Option<String>,
    #[schemars(with = "String")]
    base_url: Spanned<String>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    language: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    timezone: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    theme: Option<Spanned<String>>,
    #[serde(default)]
    #[schemars(with = "Option<u32>")]
    paginate: Option<Spanned<u32>>,
    #[serde(default)]
    images: Option<ImagesConfig>,
    #[serde(default)]
    qr: Option<QrConfig>,
    #[serde(default)]
    search: Option<SearchConfig>,
    #[serde(default)]
    deploy: Option<DeployConfig>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct SearchConfig {
    /// Spelling variants: `canonical: [variant, …]`; searching any of them finds all.
    #[serde(default)]
    #[schemars(with = "std::collections::BTreeMap<String, Vec<String>>")]
    variants: std::collections::BTreeMap<String, Spanned<Vec<String>>>,
}

#[derive(Debug, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
struct QrConfig {
    #[serde(default)]
    #[schemars(with = "Option<String>")]
    query: Option<Spanned<String>>,
}

/// An absolute http(s) base URL, always ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org/katalog/`
    pub absolute: String,
    /// `/katalog/`
    pub root: String,
}

impl BaseUrl {
    pub fn parse(text: &str) -> Result<BaseUrl, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| format!("`{text}` is not an absolute URL ({e})"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(format!("`{text}` must be an http:// or https:// URL with a host"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(format!("`{text}` must not have a query or fragment"));
        }
        let mut absolute = url.to_string();
        if !absolute.ends_with('/') {
            absolute.push('/');
        }
        let mut root = url.path().to_string();
        if !root.ends_with('/') {
            root.push('/');
        }
        Ok(BaseUrl { absolute, root })
    }

    /// The absolute URL of a root-relative path such as `/katalog/umkm/`.
    pub fn absolute_of(&self, root_relative: &str) -> String {
        let path = root_relative.strip_prefix(&self.root).unwrap_or(root_relative.trim_start_matches('/'));
        format!("{}{}", self.absolute, path)
    }
}

impl SiteConfig {
    /// Loads `site.yaml` from `site_dir`. Errors are located content errors.
    pub fn load(site_dir: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let path = Path::new(CONFIG_FILE);
        let absolute = site_dir.join(CONFIG_FILE);
        if !absolute.is_file() {
            return Err(vec![
                Diagnostic::file(path, "site.yaml not found")
                    .with_hint(format!("is `{}` a katalog site? `katalog init DIR` creates one", site_dir.display())),
            ]);
        }
        let source = crate::source::SourceText::read(&absolute, path).map_err(|d| vec![d])?;
        let file: SiteFile = yaml::parse_document(&source.text, path, "the site settings").map_err(|d| vec![d])?;
        Self::check(file, &source.text, path)
    }

    fn check(file: SiteFile, text: &str, path: &Path) -> Result<SiteConfig, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let at = |s: &serde_saphyr::Location, msg: String| {
            Diagnostic::at(path, text, s.line() as usize, s.column() as usize, msg)
        };
        let base_url = match BaseUrl::parse(&file.base_url.value) {
            Ok(url) => Some(url),
            Err(msg) => {
                errors.push(
                    at(&file.base_url.referenced, msg).with_hint("write it like `https://katalog.example.go.id/`"),
                );
                None
            }
        };
        let language = match file.language {
            None => "id".to_string(),
            Some(lang) if LANGUAGES.contains(&lang.value.as_str()) => lang.value,
            Some(lang) => {
                errors.push(
                    at(&lang.referenced, format!("unsupported language `{}`", lang.value))
                        .with_hint("use `id` (Bahasa Indonesia) or `en` (English)"),
                );
                "id".into()
            }
        };
        let (timezone, timezone_name) = match &file.timezone {
            None => (jiff::tz::TimeZone::get("Asia/Jakarta").ok(), "Asia/Jakarta".to_string()),
            Some(tz) => match jiff::tz::TimeZone::get(&tz.value) {
                Ok(zone) if !has_fixed_offset(&zone) => {
                    errors.push(
                        at(&tz.referenced, format!("time zone `{}` changes its offset (daylight saving)", tz.value))
                            .with_hint("katalog supports zones with one offset all year, such as `Asia/Jakarta`, `Asia/Makassar` or `Asia/Jayapura`"),
                    );
                    (None, String::new())
                }
                Ok(zone) => (Some(zone), tz.value.clone()),
                Err(_) => {
                    errors.push(
                        at(&tz.referenced, format!("unknown time zone `{}`", tz.value))
                            .with_hint("use an IANA name such as `Asia/Jakarta`"),
                    );
                    (None, String::new())
                }
            },
        };
        let paginate = match file.paginate {
            None => 24,
            Some(p) if (1..=1000).contains(&p.value) => p.value as usize,
            Some(p) => {
                errors.push(at(&p.referenced, format!("`paginate` must be between 1 and 1000, not {}", p.value)));
                24
            }
        };
        let theme = match file.theme {
            None => "default".to_string(),
            Some(t) if crate::source::slug::is_slug(&t.value) => t.value,
            Some(t) => {
                errors.push(
                    at(&t.referenced, format!("theme name `{}` is not a folder name katalog accepts", t.value))
                        .with_hint(format!("name the folder themes/{}", crate::source::slug::slugify(&t.value))),
                );
                "default".into()
            }
        };
        let images = file.images.unwrap_or_default();
        if images.widths.is_empty() || images.widths.iter().any(|w| !(16..=8192).contains(w)) {
            errors.push(Diagnostic::file(path, "`images.widths` must list widths between 16 and 8192 pixels"));
        }
        if images.formats.is_empty() || !(1..=100).contains(&images.quality) {
            errors.push(Diagnostic::file(path, "`images` needs at least one format and a quality from 1 to 100"));
        }
        if images.formats.contains(&ImageFormat::Avif) {
            errors.push(
                Diagnostic::file(path, "`images.formats`: AVIF is not built into this katalog")
                    .with_hint("list `webp` and `jpeg`; every current browser shows WebP"),
            );
        }
        if images.max_megapixels == 0 {
            errors.push(Diagnostic::file(path, "`images.max_megapixels` must be at least 1"));
        }
        let qr_query = match file.qr.and_then(|q| q.query) {
            None => String::new(),
            Some(q) => {
                let text = q.value.trim().trim_start_matches('?').to_string();
                let ok = text.chars().all(|c| c.is_ascii_alphanumeric() || "-._~=&%+".contains(c));
                if !ok {
                    errors.push(
                        at(&q.referenced, format!("`{}` is not a URL query", q.value))
                            .with_hint("write it like `src=qr` (letters, digits, `=`, `&`, `-`, `_`, `.`)"),
                    );
                }
                text
            }
        };
        let mut search_variants = Vec::new();
        for (canonical, spellings) in file.search.map(|s| s.variants).unwrap_or_default() {
            let mut all = std::iter::once(&canonical).chain(&spellings.value);
            if let Some(bad) = all.find(|w| !crate::words::is_one_word(w)) {
                errors.push(
                    at(&spellings.referenced, format!("`search.variants`: `{bad}` is not one word"))
                        .with_hint("each spelling is one word of letters and digits, like `rendang: [randang]`"),
                );
            }
            search_variants.push((canonical, spellings.value));
        }
        let deploy_targets = file.deploy.unwrap_or_default().targets;
        let mut names = std::collections::HashSet::new();
        for target in &deploy_targets {
            if !names.insert(target.name.as_str()) {
                errors
                    .push(Diagnostic::file(path, format!("`deploy.targets`: two targets are named `{}`", target.name)));
            }
            if !["s3://", "gs://", "az://"].iter().any(|scheme| target.url.starts_with(scheme)) {
                errors.push(
                    Diagnostic::file(path, format!("`deploy.targets`: target `{}` has the URL `{}`", target.name, target.url))
                        .with_hint("write `s3://bucket`, `gs://bucket` or `az://container`, optionally with a folder: `s3://bucket/katalog`"),
                );
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(SiteConfig {
            title: file.title,
            description: file.description.unwrap_or_default(),
            base_url: base_url.expect("checked above"),
            language,
            timezone: timezone.expect("checked above"),
            timezone_name,
            theme,
            paginate,
            images,
            qr_query,
            search_variants,
            deploy_targets,
        })
    }
}

/// Whether `zone` keeps one UTC offset all year (from 2000 on), as every Indonesian zone does.
fn has_fixed_offset(zone: &jiff::tz::TimeZone) -> bool {
    let offset_at = |year: i16, month: i8| {
        let local = jiff::civil::date(year, month, 1).to_datetime(jiff::civil::Time::midnight());
        zone.to_ambiguous_timestamp(local).compatible().ok().map(|ts| zone.to_offset(ts))
    };
    let first = offset_at(2000, 1);
    (2000..2040).all(|year| offset_at(year, 1) == first && offset_at(year, 7) == first)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_root_and_absolute() {
        let url = BaseUrl::parse("https://example.org/katalog").unwrap();
        assert_eq!(url.absolute, "https://example.org/katalog/");
        assert_eq!(url.root, "/katalog/");
        assert_eq!(url.absolute_of("/katalog/umkm/"), "https://example.org/katalog/umkm/");
        assert_eq!(BaseUrl::parse("http://x.id/").unwrap().root, "/");
        assert!(BaseUrl::parse("/katalog/").is_err());
        assert!(BaseUrl::parse("ftp://x.id/").is_err());
        assert!(BaseUrl::parse("javascript:alert(1)").is_err());
    }

    fn load(text: &str) -> Result<SiteConfig, Vec<Diagnostic>> {
        let file: SiteFile = yaml::parse_document(text, Path::new("site.yaml"), "x").map_err(|d| vec![d])?;
        SiteConfig::check(file, text, Path::new("site.yaml"))
    }

    #[test]
    fn defaults_apply() {
        let c = load("title: T\nbase_url: https://x.id/\n").unwrap();
        assert_eq!((c.language.as_str(), c.paginate, c.theme.as_str()), ("id", 24, "default"));
        assert_eq!(c.images.widths, vec![320, 640, 1280]);
    }

    #[test]
    fn time_zones_with_daylight_saving_are_refused() {
        assert!(load("title: T\nbase_url: https://x.id/\ntimezone: Asia/Makassar\n").is_ok());
        let errs = load("title: T\nbase_url: https://x.id/\ntimezone: Europe/Amsterdam\n").unwrap_err();
        assert!(errs[0].message.contains("daylight saving"), "{}", errs[0].message);
    }

    #[test]
    fn bad_values_are_located() {
        let errs = load("title: T\nbase_url: katalog.id\nlanguage: jv\n").unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!((errs[0].line, errs[0].column), (2, 11));
        assert_eq!(errs[1].line, 3);
    }
}
