//! katalog: a static-site generator for the Jakpreneur UMKM catalogue.
//!
//! The build flows one way, and the modules follow it (docs/architecture.md draws it):
//!
//! - leaves, used by all: `diagnostics` (located content errors), `source` (reading a file,
//!   YAML with located errors, slugs), `words` (folding and spelling variants), `markdown`,
//!   `hash`, `paths` (the URL layout of the built site), `assets` (QR codes), `progress`;
//! - `config` (site.yaml) → `content` (load, validate, the model) → `calendar` (event dates,
//!   iCalendar) → `images` (resized derivatives, cached) and `theme` (templates, UI strings);
//! - `derive` (what pages and search share: cards, listings, events in time) → `render`
//!   (every page, incrementally) and `search` (the index of `/cari/`), side by side;
//! - `output` (staging folder and atomic publish, build state, sitemaps, open data);
//! - `build`, the orchestrator that runs the stages in order; `serve` (the preview server);
//!   `guard` (`check --against`); `import` (spreadsheets into records); `deploy` (the
//!   output to object storage, only what changed);
//!   `cmd`, one file per subcommand, turning arguments into a call and an exit status.
//!
//! `tests/testsuite/layers.rs` fails when a module imports one above it.

// A content error is a whole `Diagnostic` (file, line, message, hint, snippet); it travels
// by value on the error path only, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod build;
pub mod cache_files;
pub mod calendar;
pub mod cmd;
pub mod config;
pub mod content;
pub mod deploy;
pub mod derive;
pub mod diagnostics;
pub mod guard;
pub mod hash;
pub mod images;
pub mod import;
pub mod markdown;
pub mod output;
pub mod paths;
pub mod progress;
pub mod render;
pub mod search;
pub mod serve;
pub mod source;
pub mod theme;
pub mod words;
