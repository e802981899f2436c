//! `_redirects`: the old paths of renamed records as real redirects, for hosts that read the
//! file (`from to 301` a line: Cloudflare Pages answers with it; Netlify and GitLab Pages
//! serve the redirect page at the same path first). Every host also gets
//! a redirect page at each old path (`render::kinds::RedirectPage`), so this file is a
//! bonus, never the only way. A `static/_redirects` of the site replaces it (static files are
//! copied last): merge its lines by hand then.

/// The file's path in the output.
pub const PATH: &str = "_redirects";

/// The file for `redirects` (site paths, old → new) on a site whose base path is `root`
/// (`/` or `/katalog/`); `None` when there are none.
pub fn file<'a>(root: &str, redirects: impl Iterator<Item = (&'a str, &'a str)>) -> Option<String> {
    let lines: Vec<String> = redirects.map(|(from, to)| format!("{root}{from} {root}{to} 301\n")).collect();
    (!lines.is_empty()).then(|| lines.concat())
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_line_a_redirect_with_the_base_path() {
        let redirects = [("umkm/lama/", "umkm/baru/"), ("umkm/lama/kopi/", "umkm/baru/kopi/")];
        assert_eq!(
            super::file("/katalog/", redirects.into_iter()).as_deref(),
            Some(
                "/katalog/umkm/lama/ /katalog/umkm/baru/ 301\n/katalog/umkm/lama/kopi/ /katalog/umkm/baru/kopi/ 301\n"
            )
        );
        assert_eq!(super::file("/", std::iter::empty()), None);
    }
}
