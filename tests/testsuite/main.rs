//! The integration tests, in one test binary (one link after each change, not one per
//! file): the real `katalog` binary on fixture sites from `tests/fixtures/`, and the library
//! where a test needs to look inside a build. Each file is one area; `common` holds the
//! helpers. The browser tests are in `tests/browser/` (node, headless Chromium).

mod common;

mod aliases;
mod cms;
mod demo;
mod deploy;
mod docs;
mod editors;
mod events;
mod faults;
mod fingerprints;
mod hostile;
mod html_valid;
mod images;
mod import;
mod incremental;
mod layers;
mod mistakes;
mod qr;
mod schema;
mod search;
mod serve;
mod site;
mod validation;
