//! katalog: a static-site generator for the Jakpreneur UMKM catalogue.
//!
//! The build flows one way, and the modules follow it:
//! `config` (site.yaml) → `content` (load, validate, model) → `calendar` (event dates,
//! iCalendar) → `images` (resized derivatives, cached) → `render` (theme, markdown, pages) →
//! `search` (the index of `/cari/`, from the model) → `output` (write to a staging folder,
//! publish atomically). `paths` is the URL
//! layout of the built site; `cmd` holds one file per subcommand; `main.rs` only parses the
//! command line.

// A content error is a whole `Diagnostic` (file, line, message, hint, snippet); it travels
// by value on the error path only, so its size does not matter.
#![allow(clippy::result_large_err)]

pub mod assets;
pub mod calendar;
pub mod cmd;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod images;
pub mod output;
pub mod paths;
pub mod render;
pub mod search;
pub mod serve;
