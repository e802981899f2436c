//! Why a build failed, kept structured until it is printed: content diagnostics stay
//! diagnostics (so `build --format github|json` can print them as `check` does), and every
//! I/O failure says what was being done.

use crate::diagnostics::Diagnostics;
use crate::render::RenderError;
use std::fmt;

/// A failed build. The previous output is untouched in every case but an in-place update
/// (`katalog serve`), which then makes the next build a full one.
#[derive(Debug)]
pub enum BuildError {
    /// The content has errors, each located in its file: the editor's to fix.
    Content(Diagnostics),
    /// The theme failed while rendering a page (a template error), or a page could not be
    /// made from its record (a text too long for a QR code).
    Render(RenderError),
    /// A wrong option or output folder (`--base-url`, `--now`, `-o`).
    Usage(String),
    /// The file system failed us while `doing` something, outside the new output (the image
    /// cache, publishing).
    Io { doing: String, error: std::io::Error },
    /// Writing the new output failed while `doing` something; the previous output is as it
    /// was (but for an in-place update).
    Write { doing: String, error: std::io::Error },
    /// A record's file could not be read again, or changed during the build.
    Source(std::io::Error),
}

impl BuildError {
    pub(crate) fn io(doing: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
        let doing = doing.into();
        move |error| BuildError::Io { doing, error }
    }

    pub(crate) fn write(doing: impl Into<String>) -> impl FnOnce(std::io::Error) -> BuildError {
        let doing = doing.into();
        move |error| BuildError::Write { doing, error }
    }

    /// Whether the content (records or theme) is at fault, rather than the machine or the
    /// command line: exit status 1 rather than 2.
    pub fn is_content(&self) -> bool {
        match self {
            BuildError::Content(_) => true,
            BuildError::Render(e) => matches!(e, RenderError::Template { .. } | RenderError::Qr { .. }),
            BuildError::Usage(_) | BuildError::Io { .. } | BuildError::Write { .. } | BuildError::Source(_) => false,
        }
    }

    /// Whether the build had begun writing when it failed (worth saying that the output is
    /// untouched).
    pub fn while_writing(&self) -> bool {
        matches!(self, BuildError::Write { .. } | BuildError::Source(_) | BuildError::Render(RenderError::Io(_)))
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::Content(diagnostics) => write!(f, "{}", diagnostics.render().trim_end()),
            BuildError::Render(e) => write!(f, "{e}"),
            BuildError::Usage(message) => write!(f, "{message}"),
            BuildError::Io { doing, error } | BuildError::Write { doing, error } => write!(f, "{doing}: {error}"),
            BuildError::Source(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BuildError::Render(e) => Some(e),
            BuildError::Io { error, .. } | BuildError::Write { error, .. } | BuildError::Source(error) => Some(error),
            BuildError::Content(_) | BuildError::Usage(_) => None,
        }
    }
}

impl From<Diagnostics> for BuildError {
    fn from(diagnostics: Diagnostics) -> Self {
        BuildError::Content(diagnostics)
    }
}

impl From<RenderError> for BuildError {
    fn from(e: RenderError) -> Self {
        match e {
            RenderError::Source(error) => BuildError::Source(error),
            other => BuildError::Render(other),
        }
    }
}
