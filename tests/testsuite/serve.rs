//! `katalog serve` through the real binary: content types, 404, a subpath base URL, path
//! traversal, loopback binding, live-reload events, and errors kept out of the way of the
//! last good site. (The browser side is tests/browser/serve.test.mjs.)

use crate::common;

use common::Site;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Child;
use std::time::{Duration, Instant};

/// A running `katalog serve` on a free port; killed when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// The site root path (`/` or `/katalog/`).
    root: String,
}

impl Server {
    fn start(site: &Site) -> Server {
        let (child, url, lines) = common::spawn_serve(&site.root(), &[]);
        // Keep draining stderr so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        let rest = url.strip_prefix("http://").unwrap();
        let (addr, path) = rest.split_at(rest.find('/').unwrap());
        Server { child, addr: addr.to_string(), root: path.to_string() }
    }

    /// A raw GET of `target` exactly as written (no normalisation): (status, headers, body).
    fn get(&self, target: &str) -> (u16, String, Vec<u8>) {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8_lossy(&response[..split]).into_owned();
        let status = head.split(' ').nth(1).unwrap().parse().unwrap();
        (status, head, response[split + 4..].to_vec())
    }

    fn text(&self, target: &str) -> String {
        String::from_utf8(self.get(target).2).unwrap()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads server-sent events until one named `name` arrives (or the time is up).
fn wait_for_event(stream: &mut BufReader<TcpStream>, name: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(20);
    let mut line = String::new();
    while Instant::now() < deadline {
        line.clear();
        match stream.read_line(&mut line) {
            Ok(0) => return false,
            Ok(_) if line.trim() == format!("event: {name}") => return true,
            _ => {}
        }
    }
    false
}

fn events(server: &Server) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(stream, "GET /__katalog/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    assert!(wait_for_event(&mut reader, "hello"));
    reader
}

#[test]
fn an_idle_server_does_not_rebuild() {
    let site = Site::new("basic");
    let server = Server::start(&site);
    std::thread::sleep(Duration::from_millis(1500));
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", server.child.id())).unwrap();
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap().split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // Reading files raises access events; a watcher that took them for changes would rebuild
    // in a loop and burn a core.
    assert!(ticks < 50, "{ticks} clock ticks of CPU in 1.5 s of idling");
}

#[test]
fn serves_pages_feeds_images_and_a_404_with_the_right_types() {
    let site = Site::new("basic");
    let server = Server::start(&site);
    assert!(server.addr.starts_with("127.0.0.1:"), "loopback by default: {}", server.addr);
    let (status, head, body) = server.get("/umkm/kopi-tebet/");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/html; charset=utf-8"), "{head}");
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("<script src=\"/__katalog/reload.js?g=1\"></script></body>"), "reload script injected");
    let (status, head, _) = server.get("/acara/kalender.ics");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: text/calendar"), "{head}");
    let (status, head, _) = server.get("/umkm/kopi-tebet/kopi-susu/qr.svg");
    assert_eq!(status, 200);
    assert!(head.contains("Content-Type: image/svg+xml"), "{head}");
    let webp = html.split("srcset=\"").nth(1).unwrap().split(' ').next().unwrap().to_string();
    let (status, head, _) = server.get(&webp);
    assert_eq!(status, 200, "{webp}");
    assert!(head.contains("Content-Type: image/webp"), "{head}");
    let (status, _, body) = server.get("/tidak-ada/");
    assert_eq!(status, 404);
    assert_eq!(
        String::from_utf8(body).unwrap().replace("<script src=\"/__katalog/reload.js?g=1\"></script>", ""),
        std::fs::read_to_string(site.root().join(".katalog-cache/serve/site/404.html")).unwrap(),
        "the site's own 404 page"
    );
    assert_eq!(server.get("/umkm").0, 301, "a folder without its slash redirects");
    // Nothing deploys serve's folder: no manifest is recorded for it (a saved file would
    // otherwise wait for a record of each of the site's files before the reload).
    assert!(!site.root().join(".katalog-cache/serve/site/.katalog-manifest").exists());
    assert!(server.text("/__katalog/reload.js").contains("EventSource"));
    // A build for publishing never carries the reload script.
    site.build(&[]).success();
    for (path, bytes) in site.output_files() {
        assert!(!String::from_utf8_lossy(&bytes).contains("__katalog"), "{path}");
    }
}

#[test]
fn nothing_outside_the_output_folder_is_served() {
    let site = Site::new("basic");
    site.write("rahasia.txt", "kata sandi");
    let server = Server::start(&site);
    for target in [
        "/../rahasia.txt",
        "/../../site.yaml",
        "/%2e%2e/rahasia.txt",
        "/umkm/%2e%2e/%2e%2e/rahasia.txt",
        "/umkm/..%2f..%2frahasia.txt",
        "/..%5c..%5crahasia.txt",
        "//etc/passwd",
        "/umkm%00/",
    ] {
        let (status, _, body) = server.get(target);
        let body = String::from_utf8_lossy(&body);
        assert!(status == 404 || status == 400, "{target}: {status}");
        assert!(!body.contains("kata sandi") && !body.contains("root:"), "{target} leaked a file");
    }
    // A symlink inside the output that points out of it is not followed.
    std::os::unix::fs::symlink(
        site.root().join("rahasia.txt"),
        site.root().join(".katalog-cache/serve/site/bocor.txt"),
    )
    .unwrap();
    assert_eq!(server.get("/bocor.txt").0, 404);
}

#[test]
fn a_subpath_base_url_is_served_under_its_path() {
    let site = Site::new("basic");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", config.replace("https://katalog.example.go.id/", "https://example.org/katalog/"));
    let server = Server::start(&site);
    assert_eq!(server.root, "/katalog/");
    let html = server.text("/katalog/umkm/kopi-tebet/");
    assert!(html.contains("href=\"/katalog/umkm/kopi-tebet/kopi-susu/\""), "links carry the subpath");
    assert_eq!(server.get("/umkm/kopi-tebet/").0, 404, "nothing outside the subpath");
    assert_eq!(server.get("/katalog").0, 301);
}

#[test]
fn an_edit_rebuilds_and_reloads_and_an_error_keeps_the_last_good_site() {
    let site = Site::new("basic");
    let server = Server::start(&site);
    let mut stream = events(&server);
    let product = "content/vendors/batik-ayu/kemeja-batik.md";
    site.write(product, "---\nname: Kemeja Batik Monas\nprice: 250000\n---\n");
    assert!(wait_for_event(&mut stream, "reload"), "a reload after the edit");
    assert!(server.text("/umkm/batik-ayu/kemeja-batik/").contains("Kemeja Batik Monas"));
    assert!(server.text("/umkm/batik-ayu/kemeja-batik/").contains("reload.js?g=2"));

    site.write(product, "---\nname: Kemeja Batik Monas\nprice: dua ratus ribu\n---\n");
    assert!(wait_for_event(&mut stream, "errors"));
    let errors: serde_json::Value = serde_json::from_str(&server.text("/__katalog/errors")).unwrap();
    let report = errors["errors"].as_str().unwrap();
    assert!(report.contains("content/vendors/batik-ayu/kemeja-batik.md:3:8"), "{report}");
    assert!(server.text("/umkm/batik-ayu/kemeja-batik/").contains("Kemeja Batik Monas"), "the last good site");

    // Undoing the typo returns to the last good build exactly: the errors clear too.
    site.write(product, "---\nname: Kemeja Batik Monas\nprice: 250000\n---\n");
    assert!(wait_for_event(&mut stream, "reload"));
    let errors: serde_json::Value = serde_json::from_str(&server.text("/__katalog/errors")).unwrap();
    assert!(errors["errors"].is_null());

    site.write(product, "---\nname: Kemeja Batik Ondel-Ondel\nprice: 250000\n---\n");
    assert!(wait_for_event(&mut stream, "reload"));
    assert!(server.text("/umkm/batik-ayu/kemeja-batik/").contains("Kemeja Batik Ondel-Ondel"));
}
