//! A stable 64-bit hash of anything hashable, for fingerprints: of pages (what each reads),
//! of the theme's templates and of the site as a whole. The same input gives the same number
//! in every build of the same katalog, so fingerprints kept from one build compare with the
//! next.

use std::hash::{DefaultHasher, Hash, Hasher};

/// SipHash with fixed keys, of `value`.
pub fn hash_one<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}
