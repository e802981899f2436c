//! Slugs: the names of folders and files that become URL segments.
//!
//! A slug is `[a-z0-9]+(-[a-z0-9]+)*`. Anything else is an error whose hint is the fixed slug,
//! made by transliterating to ASCII (`Kué Lapis` → `kue-lapis`).

/// Whether `s` is a valid slug.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

/// The slug an editor most likely meant for `s` (may be empty if `s` has no letters or digits).
pub fn slugify(s: &str) -> String {
    let ascii = deunicode::deunicode(s).to_ascii_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut pending_dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(c);
        } else {
            pending_dash = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_only_lowercase_dash_separated() {
        assert!(is_slug("kopi-tebet"));
        assert!(is_slug("a1"));
        for bad in ["", "-a", "a-", "a--b", "Kopi", "kopi_tebet", "kopi tebet", "kopí", "../x"] {
            assert!(!is_slug(bad), "{bad:?}");
        }
    }

    #[test]
    fn suggests_fixed_slugs() {
        assert_eq!(slugify("Kopi Tebet"), "kopi-tebet");
        assert_eq!(slugify("Kué  Lapis!"), "kue-lapis");
        assert_eq!(slugify("__Batik_Tulis__"), "batik-tulis");
        assert_eq!(slugify("!!!"), "");
    }
}
