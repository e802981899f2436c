//! `sitemap.xml` and `robots.txt`: what search engines need from the host.
//!
//! A sitemap holds at most 50,000 URLs; a larger site gets `sitemap-N.xml` files and
//! `sitemap.xml` becomes their index, as the sitemaps protocol asks.

use super::Staging;
use std::fmt::Write as _;
use std::io;

pub(crate) const MAX_URLS_PER_SITEMAP: usize = 50_000;

/// Writes the sitemap(s) for `urls` (absolute, with an optional `lastmod` date; any order,
/// written sorted).
pub(crate) fn write_sitemaps(
    staging: &Staging,
    base_url: &str,
    mut urls: Vec<(String, Option<String>)>,
) -> io::Result<()> {
    urls.sort_unstable();
    urls.dedup();
    if urls.len() <= MAX_URLS_PER_SITEMAP {
        return staging.write("sitemap.xml", urlset(&urls).as_bytes());
    }
    let mut index = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (i, chunk) in urls.chunks(MAX_URLS_PER_SITEMAP).enumerate() {
        let name = format!("sitemap-{}.xml", i + 1);
        staging.write(&name, urlset(chunk).as_bytes())?;
        let _ = writeln!(index, "<sitemap><loc>{}</loc></sitemap>", xml_escape(&format!("{base_url}{name}")));
    }
    index.push_str("</sitemapindex>\n");
    staging.write("sitemap.xml", index.as_bytes())
}

fn urlset(urls: &[(String, Option<String>)]) -> String {
    let mut xml = String::with_capacity(64 + urls.len() * 80);
    xml.push_str(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, lastmod) in urls {
        match lastmod {
            Some(date) => {
                let _ = writeln!(xml, "<url><loc>{}</loc><lastmod>{date}</lastmod></url>", xml_escape(url));
            }
            None => {
                let _ = writeln!(xml, "<url><loc>{}</loc></url>", xml_escape(url));
            }
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

pub(crate) fn robots_txt(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}

pub(crate) fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&apos;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_large_sitemaps_into_an_index() {
        let tmp = tempfile::tempdir().unwrap();
        let staging = Staging::create(&tmp.path().join("out")).unwrap();
        let urls: Vec<(String, Option<String>)> =
            (0..MAX_URLS_PER_SITEMAP + 1).map(|i| (format!("https://x.id/p{i:06}/"), None)).collect();
        write_sitemaps(&staging, "https://x.id/", urls).unwrap();
        staging.publish().unwrap();
        let index = std::fs::read_to_string(tmp.path().join("out/sitemap.xml")).unwrap();
        assert!(index.contains("<sitemapindex"));
        assert!(index.contains("https://x.id/sitemap-2.xml"));
        let second = std::fs::read_to_string(tmp.path().join("out/sitemap-2.xml")).unwrap();
        assert_eq!(second.matches("<url>").count(), 1);
    }
}
