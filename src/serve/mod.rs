//! The preview server of `katalog serve`: the built site over HTTP (loopback by default),
//! with live reload and an error overlay that exist only here, never in a built site.
//!
//! - Files are served from the output folder only: the URL path is decoded segment by
//!   segment, `..`, `.` and separators inside a segment are refused, and the resolved file
//!   must lie inside the output folder (symlinks included). Missing paths get `404.html`.
//! - HTML responses get `<script src="/__katalog/reload.js?g=N">` before `</body>`.
//! - `/__katalog/events` is a server-sent-event stream: `hello` (the current build number) on
//!   connect, then `reload` after each successful build and `errors` after a failed one;
//!   `/__katalog/errors` returns the failed build's report as JSON for the overlay.
//! - Pages are reloaded as soon as a rebuild has written them; the site-wide files it writes
//!   afterwards (search index, open data, feeds, sitemaps) are held back from requests until
//!   they are complete, so a reloaded search page never reads the previous index.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tiny_http::{Header, Request, Response, StatusCode};

const RELOAD_JS: &str = include_str!("reload.js");

/// What the server shares with the watcher that rebuilds the site.
pub(crate) struct Shared {
    /// The built site.
    pub(crate) output: PathBuf,
    /// The URL path the site lives under (`/` or `/katalog/`).
    pub(crate) root: String,
    state: Mutex<State>,
    /// Whether a rebuild is writing its site-wide files, and the signal that it is done.
    site_files_pending: Mutex<bool>,
    site_files_done: Condvar,
}

#[derive(Default)]
struct State {
    /// The report of the last build, when it failed.
    errors: Option<String>,
    /// How many successful builds there have been.
    generation: u64,
    clients: Vec<Sender<&'static str>>,
}

impl Shared {
    pub(crate) fn new(output: PathBuf, root: String) -> Arc<Shared> {
        Arc::new(Shared {
            output,
            root,
            state: Mutex::new(State::default()),
            site_files_pending: Mutex::new(false),
            site_files_done: Condvar::new(),
        })
    }

    /// A rebuild has written every page and now writes the site-wide files: reload the open
    /// pages, and hold requests for those files until [`Shared::site_files_written`].
    pub(crate) fn pages_written(&self) {
        *self.site_files_pending.lock().expect("never poisoned") = true;
        self.built();
    }

    /// The rebuild is over (whether its site-wide files were written or not).
    pub(crate) fn site_files_written(&self) {
        *self.site_files_pending.lock().expect("never poisoned") = false;
        self.site_files_done.notify_all();
    }

    /// Waits (a minute at most) while a rebuild writes the site-wide files.
    fn wait_for_site_files(&self) {
        let pending = self.site_files_pending.lock().expect("never poisoned");
        let _ = self.site_files_done.wait_timeout_while(pending, Duration::from_secs(60), |pending| *pending);
    }

    /// A build succeeded: clear the errors and reload every open page.
    pub(crate) fn built(&self) {
        let mut state = self.state.lock().expect("the server state is never poisoned");
        state.errors = None;
        state.generation += 1;
        state.clients.retain(|c| c.send("reload").is_ok());
    }

    /// The site is again the last good build: clear the errors, and reload the pages that
    /// showed them.
    pub(crate) fn clear_errors(&self) {
        let had_errors = self.state.lock().expect("the server state is never poisoned").errors.is_some();
        if had_errors {
            self.built();
        }
    }

    /// A build failed: keep serving the last good site and show `report` over it.
    pub(crate) fn failed(&self, report: String) {
        let mut state = self.state.lock().expect("the server state is never poisoned");
        state.errors = Some(report);
        state.clients.retain(|c| c.send("errors").is_ok());
    }

    fn subscribe(&self) -> (u64, Receiver<&'static str>) {
        let (tx, rx) = mpsc::channel();
        let mut state = self.state.lock().expect("the server state is never poisoned");
        state.clients.push(tx);
        (state.generation, rx)
    }

    fn errors_json(&self) -> String {
        let state = self.state.lock().expect("the server state is never poisoned");
        serde_json::json!({ "errors": state.errors }).to_string()
    }

    fn generation(&self) -> u64 {
        self.state.lock().expect("the server state is never poisoned").generation
    }
}

/// Answers requests until the process ends, each on its own thread.
pub(crate) fn run(server: tiny_http::Server, shared: Arc<Shared>) {
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || handle(request, &shared));
    }
}

fn handle(request: Request, shared: &Shared) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/").to_string();
    let method = request.method().clone();
    if !matches!(method, tiny_http::Method::Get | tiny_http::Method::Head) {
        let _ = request.respond(text(405, "only GET and HEAD"));
        return;
    }
    let response = match path.as_str() {
        "/__katalog/events" => return events(request, shared),
        "/__katalog/reload.js" => bytes(200, "text/javascript; charset=utf-8", RELOAD_JS.as_bytes().to_vec()),
        "/__katalog/errors" => bytes(200, "application/json", shared.errors_json().into_bytes()),
        _ => file_response(shared, &path),
    };
    let _ = request.respond(response);
}

/// The file for URL `path`, a redirect to the folder form, or the site's 404 page.
fn file_response(shared: &Shared, path: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    let not_found = || {
        let page = std::fs::read(shared.output.join("404.html")).unwrap_or_else(|_| b"404".to_vec());
        bytes(404, "text/html; charset=utf-8", inject(page, shared.generation()))
    };
    let Some(inside) = path.strip_prefix(shared.root.as_str()).or_else(|| {
        // `/katalog` for a site under `/katalog/`.
        (format!("{path}/") == shared.root).then_some("")
    }) else {
        return not_found();
    };
    let Some(relative) = safe_relative(inside) else { return not_found() };
    if written_after_pages(&relative.to_string_lossy().replace('\\', "/")) {
        shared.wait_for_site_files();
    }
    let mut file = shared.output.join(&relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            let mut redirect = bytes(301, "text/plain", Vec::new());
            redirect.add_header(header("Location", &format!("{path}/")));
            return redirect;
        }
        file = file.join("index.html");
    }
    if !inside_output(&shared.output, &file) {
        return not_found();
    }
    match std::fs::read(&file) {
        Ok(body) => {
            let kind = content_type(&file);
            let body = if kind.starts_with("text/html") { inject(body, shared.generation()) } else { body };
            let mut response = bytes(200, kind, body);
            response.add_header(header("Cache-Control", "no-store"));
            response
        }
        Err(_) => not_found(),
    }
}

/// The URL path below the site root as a relative file path, or `None` when a segment is
/// `..`, `.`, empty inside the path, or hides a separator or NUL once decoded.
pub(crate) fn safe_relative(inside: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    let segments: Vec<&str> = inside.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        let decoded = percent_encoding::percent_decode_str(segment).decode_utf8().ok()?;
        if decoded.is_empty() {
            // Only a trailing slash may leave an empty segment.
            if i + 1 == segments.len() {
                continue;
            }
            return None;
        }
        if decoded == ".." || decoded == "." || decoded.contains(['/', '\\', '\0', ':']) {
            return None;
        }
        out.push(decoded.as_ref());
    }
    Some(out)
}

/// Whether the site path `inside` is a site-wide file, which a build writes after the pages
/// (see `build::write_site_files`).
fn written_after_pages(inside: &str) -> bool {
    let search_data = inside.starts_with(crate::paths::SEARCH) && !inside.ends_with(".html");
    search_data
        || inside == crate::output::opendata::PATH
        || inside == "robots.txt"
        || (inside.starts_with("sitemap") && inside.ends_with(".xml"))
        || inside.ends_with(".ics")
}

/// Whether `file`, with symlinks resolved, is inside `output`.
fn inside_output(output: &Path, file: &Path) -> bool {
    match (output.canonicalize(), file.canonicalize()) {
        (Ok(root), Ok(real)) => real.starts_with(root) && real.is_file(),
        _ => false,
    }
}

/// Adds the live-reload script to an HTML page.
fn inject(mut page: Vec<u8>, generation: u64) -> Vec<u8> {
    let script = format!("<script src=\"/__katalog/reload.js?g={generation}\"></script>");
    match page.windows(7).rposition(|w| w == b"</body>") {
        Some(at) => {
            page.splice(at..at, script.bytes());
        }
        None => page.extend_from_slice(script.as_bytes()),
    }
    page
}

/// The server-sent-event stream of one page: `hello`, then `reload` or `errors` as builds end.
fn events(request: Request, shared: &Shared) {
    let (generation, rx) = shared.subscribe();
    let mut writer = request.into_writer();
    let head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n";
    let hello = format!("retry: 500\nevent: hello\ndata: {generation}\n\n");
    if writer
        .write_all(head.as_bytes())
        .and_then(|_| writer.write_all(hello.as_bytes()))
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(event) => format!("event: {event}\ndata: {event}\n\n"),
            // A comment now and then: a closed page shows up as a failed write.
            Err(mpsc::RecvTimeoutError::Timeout) => ": ping\n\n".to_string(),
            Err(mpsc::RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(message.as_bytes()).and_then(|_| writer.flush()).is_err() {
            return;
        }
    }
}

/// The content type of a file by its extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    crate::output::content_type::of(&path.to_string_lossy())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("header names and values are ASCII")
}

fn bytes(status: u16, kind: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body).with_status_code(StatusCode(status)).with_header(header("Content-Type", kind))
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(status, "text/plain; charset=utf-8", message.as_bytes().to_vec())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_and_odd_segments_are_refused() {
        assert_eq!(safe_relative("umkm/kopi/"), Some(PathBuf::from("umkm/kopi")));
        assert_eq!(safe_relative("gambar/a%20b.webp"), Some(PathBuf::from("gambar/a b.webp")));
        for bad in
            ["../etc/passwd", "a/../../b", "%2e%2e/x", "a/%2e%2e/b", "a%2fb", "a%5cb", "a%00b", "a//b", "c:/x", "./a"]
        {
            assert_eq!(safe_relative(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_reload_script_goes_before_the_end_of_body() {
        let page = inject(b"<html><body><p>x</p></body></html>".to_vec(), 3);
        assert_eq!(
            String::from_utf8(page).unwrap(),
            "<html><body><p>x</p><script src=\"/__katalog/reload.js?g=3\"></script></body></html>"
        );
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type(Path::new("a/kalender.ics")), "text/calendar; charset=utf-8");
        assert_eq!(content_type(Path::new("gambar/x-320.webp")), "image/webp");
        assert_eq!(content_type(Path::new("qr.svg")), "image/svg+xml");
    }
}
