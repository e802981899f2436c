//! How search reads text: folding, words, spelling variants. The search script in the theme
//! (`static/aset/cari.js`) applies the same rules to queries, so both sides must agree:
//!
//! 1. fold: Unicode NFD, combining marks dropped, lower case (`Kué` → `kue`);
//! 2. words: runs of letters and digits (`Ondel-Ondel` → `ondel`, `ondel`);
//! 3. variants: a word listed as a spelling variant becomes its canonical form (`kripik` →
//!    `keripik`), so either spelling finds both. The list is data: `variants.yaml` beside this
//!    file, extended by the site's `search.variants` (docs/search.md).

use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Combining marks dropped by folding: the blocks of combining diacritics (the script drops
/// the same ranges).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// `text` folded: decomposed, without combining marks, lower case.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.nfd().filter(|&c| !is_combining_mark(c)).flat_map(char::to_lowercase).collect()
}

/// The folded words of `text`, in order (repeats kept).
pub fn words(text: &str) -> impl Iterator<Item = String> + use<> {
    fold(text)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect::<Vec<_>>()
        .into_iter()
}

/// The variant list: each variant spelling → its canonical word.
#[derive(Debug, Clone, Default)]
pub struct Variants {
    canonical: BTreeMap<String, String>,
    /// Canonical word → its other spellings.
    spellings: BTreeMap<String, Vec<String>>,
}

/// The list shipped with katalog: `canonical: [variant, …]`.
const DEFAULT_VARIANTS: &str = include_str!("variants.yaml");

impl Variants {
    /// katalog's own list, then the site's groups (`canonical → variants`). Groups that
    /// share a spelling are one group, whatever the order they are listed in; its canonical
    /// word is the site's when the site names one, so a site can turn `keripik: [kripik]`
    /// around as `kripik: [keripik]` without making the two spellings swap places.
    pub fn new(site: &[(String, Vec<String>)]) -> Variants {
        let builtin: BTreeMap<String, Vec<String>> =
            serde_saphyr::from_str(DEFAULT_VARIANTS).expect("the built-in variant list is valid YAML");
        // Union-find over folded spellings; `preferred` is each group's canonical word.
        let mut parent: BTreeMap<String, String> = BTreeMap::new();
        fn root(parent: &mut BTreeMap<String, String>, word: &str) -> String {
            let mut at = word.to_string();
            while let Some(up) = parent.get(&at).filter(|up| **up != at) {
                at = up.clone();
            }
            at
        }
        let mut preferred: BTreeMap<String, String> = BTreeMap::new();
        for (canonical, spellings) in builtin.iter().chain(site.iter().map(|(c, v)| (c, v))) {
            let canonical = fold(canonical);
            parent.entry(canonical.clone()).or_insert_with(|| canonical.clone());
            let mut group = root(&mut parent, &canonical);
            for spelling in spellings {
                let spelling = fold(spelling);
                parent.entry(spelling.clone()).or_insert_with(|| spelling.clone());
                let other = root(&mut parent, &spelling);
                if other != group {
                    parent.insert(other.clone(), group.clone());
                    preferred.remove(&other);
                }
                group = root(&mut parent, &canonical);
            }
            preferred.insert(group, canonical);
        }
        let mut variants = Variants::default();
        let words: Vec<String> = parent.keys().cloned().collect();
        for word in words {
            let group = root(&mut parent, &word);
            let canonical = preferred.get(&group).cloned().unwrap_or(group);
            if word != canonical {
                variants.spellings.entry(canonical.clone()).or_default().push(word.clone());
                variants.canonical.insert(word, canonical);
            }
        }
        variants
    }

    /// The canonical form of a folded word.
    pub fn canonical<'a>(&'a self, word: &'a str) -> &'a str {
        self.canonical.get(word).map_or(word, String::as_str)
    }

    /// The other spellings of a canonical word.
    pub fn spellings(&self, canonical: &str) -> &[String] {
        self.spellings.get(canonical).map_or(&[], Vec::as_slice)
    }

    /// Every variant → canonical pair, sorted (published for the script).
    pub fn pairs(&self) -> &BTreeMap<String, String> {
        &self.canonical
    }
}

/// Whether `text` can be a variant: one word of letters and digits once folded.
pub fn is_one_word(text: &str) -> bool {
    let folded = fold(text);
    !folded.is_empty() && folded.chars().all(char::is_alphanumeric)
}

/// The canonical words of `text`.
pub fn terms<'a>(text: &str, variants: &'a Variants) -> impl Iterator<Item = String> + 'a {
    words(text).map(move |w| variants.canonical(&w).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Kué Lapis LEGIT"), "kue lapis legit");
        assert_eq!(fold("Crème brûlée"), "creme brulee");
        assert_eq!(fold("Ñasi"), "nasi");
    }

    #[test]
    fn words_split_on_anything_but_letters_and_digits() {
        let w: Vec<String> = words("Ondel-Ondel 2 rasa, <b>Kopi</b>&amp;Teh").collect();
        assert_eq!(w, ["ondel", "ondel", "2", "rasa", "b", "kopi", "b", "amp", "teh"]);
    }

    #[test]
    fn builtin_variants_map_to_their_canonical_word() {
        let v = Variants::new(&[]);
        assert_eq!(v.canonical("kripik"), "keripik");
        assert_eq!(v.canonical("kueh"), "kue");
        assert_eq!(v.canonical("baso"), "bakso");
        assert_eq!(v.canonical("keripik"), "keripik");
        assert_eq!(v.canonical("kopi"), "kopi");
    }

    #[test]
    fn groups_that_share_a_spelling_are_one_and_the_site_names_the_canonical_word() {
        // Turned around: both spellings still land on one word, the site's.
        let v = Variants::new(&[("kripik".into(), vec!["keripik".into()])]);
        assert_eq!(v.canonical("keripik"), "kripik");
        assert_eq!(v.canonical("kerepik"), "kripik");
        assert_eq!(v.canonical("kripik"), "kripik");
        // Chained through a built-in variant: kawa → coffee → kopi.
        let v = Variants::new(&[("coffee".into(), vec!["kawa".into()])]);
        assert_eq!(v.canonical("kawa"), "coffee");
        assert_eq!(v.canonical("kopi"), "coffee");
        assert_eq!(v.canonical("kofi"), "coffee");
    }

    #[test]
    fn a_variant_is_one_folded_word() {
        assert!(is_one_word("Réndang"));
        for bad in ["randang.", "-kripik", "empek empek", "", "__proto__"] {
            assert!(!is_one_word(bad), "{bad}");
        }
    }

    #[test]
    fn a_site_extends_the_list() {
        let v = Variants::new(&[("rendang".into(), vec!["randang".into(), "Réndang".into()])]);
        assert_eq!(v.canonical("randang"), "rendang");
        assert_eq!(v.canonical("kripik"), "keripik");
        let t: Vec<String> = terms("Kripik Randang", &v).collect();
        assert_eq!(t, ["keripik", "rendang"]);
    }
}
