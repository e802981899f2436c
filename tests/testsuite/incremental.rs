//! Incremental builds: a rebuild with nothing changed touches nothing; a change rewrites only
//! the files it affects; and, above all, an incremental build is byte-identical to a clean
//! one after any sequence of edits, additions, renames and deletions.

use crate::common;

use common::{Site, all_files, katalog, stderr};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

const NOW: &str = "2023-08-01T09:00";

/// `katalog build` of `site` into `out` with its own cache folder; returns stderr.
fn build(site: &Site, out: &Path, cache: &Path) -> (bool, String) {
    build_with(site, out, cache, &[])
}

fn build_with(site: &Site, out: &Path, cache: &Path, args: &[&str]) -> (bool, String) {
    let assert = katalog()
        .arg("build")
        .arg(site.root())
        .arg("-o")
        .arg(out)
        .args(["--now", NOW, "--cache-dir"])
        .arg(cache)
        .args(args)
        .assert();
    let ok = assert.get_output().status.success();
    (ok, stderr(&assert))
}

fn mtimes(dir: &Path) -> BTreeMap<PathBuf, SystemTime> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().to_path_buf(), e.metadata().unwrap().modified().unwrap()))
        .collect()
}

#[test]
fn a_rebuild_with_nothing_changed_writes_nothing() {
    let site = Site::new("basic");
    let cache = site.tmp.path().join("cache");
    let (ok, _) = build(&site, &site.out(), &cache);
    assert!(ok);
    let before = mtimes(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    let (ok, out) = build(&site, &site.out(), &cache);
    assert!(ok && out.contains("nothing changed"), "{out}");
    assert_eq!(mtimes(&site.out()), before, "no file was rewritten");
}

#[test]
fn a_state_written_by_another_katalog_of_the_same_version_is_not_trusted() {
    let site = Site::new("basic");
    let cache = site.tmp.path().join("cache");
    assert!(build(&site, &site.out(), &cache).0);
    // What a katalog with other code but the same version number would have saved: the
    // version alone, as builds before `BUILD_ID` wrote it.
    let states: Vec<PathBuf> = walkdir::WalkDir::new(cache.join("pages"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
        .map(|e| e.path().to_path_buf())
        .collect();
    assert_eq!(states.len(), 1, "{states:?}");
    let mut state: serde_json::Value = serde_json::from_slice(&std::fs::read(&states[0]).unwrap()).unwrap();
    let id = state["version"].as_str().unwrap().to_string();
    let (version, source) = id.split_once('+').expect("version+source hash");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    assert_eq!(source.len(), 16, "{id}");
    state["version"] = version.into();
    std::fs::write(&states[0], serde_json::to_vec(&state).unwrap()).unwrap();
    let (ok, out) = build(&site, &site.out(), &cache);
    assert!(ok, "{out}");
    assert!(!out.contains("nothing changed"), "{out}");
    let counts = out.split_once("built ").and_then(|(_, rest)| rest.split_once(" rendered;")).map(|(c, _)| c);
    let (pages, rendered) = counts.and_then(|c| c.split_once(" pages (")).expect("a build summary");
    assert_eq!(pages, rendered, "every page is rendered again: {out}");
}

#[test]
fn a_change_rewrites_only_what_it_affects_and_removed_sources_lose_their_pages() {
    let site = Site::new("basic");
    let cache = site.tmp.path().join("cache");
    assert!(build(&site, &site.out(), &cache).0);
    let before = mtimes(&site.out());
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.write(
        "content/vendors/batik-ayu/kemeja-batik.md",
        "---\nname: Kemeja Batik Ondel-Ondel Baru\nprice: 275000\n---\nBatik.\n",
    );
    let (ok, out) = build(&site, &site.out(), &cache);
    assert!(ok, "{out}");
    let after = mtimes(&site.out());
    let changed: Vec<String> = after
        .iter()
        .filter(|(path, time)| before.get(*path) != Some(time))
        .map(|(p, _)| p.strip_prefix(site.out()).unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(changed.contains(&"umkm/batik-ayu/kemeja-batik/index.html".to_string()), "{changed:?}");
    assert!(changed.contains(&"umkm/batik-ayu/index.html".to_string()), "{changed:?}");
    assert!(!changed.iter().any(|p| p.starts_with("umkm/kopi-tebet/")), "another vendor's pages: {changed:?}");
    assert!(!changed.iter().any(|p| p.starts_with("gambar/") || p.starts_with("aset/")), "{changed:?}");
    assert!(changed.len() * 3 < after.len(), "{} of {} files rewritten: {changed:?}", changed.len(), after.len());
    // Removing the product removes its page and its QR files.
    site.remove("content/vendors/batik-ayu/kemeja-batik.md");
    assert!(build(&site, &site.out(), &cache).0);
    assert!(!site.out().join("umkm/batik-ayu/kemeja-batik").exists());
}

#[test]
fn a_killed_or_failed_build_is_followed_by_a_correct_one() {
    let site = Site::new("basic");
    let cache = site.tmp.path().join("cache");
    assert!(build(&site, &site.out(), &cache).0);
    // A content error: the output stays, and the state still describes it.
    site.write("content/vendors/batik-ayu/rusak.md", "---\nname: Rusak\nprice: lima\n---\n");
    let before = all_files(&site.out());
    assert!(!build(&site, &site.out(), &cache).0);
    assert_eq!(all_files(&site.out()), before);
    site.remove("content/vendors/batik-ayu/rusak.md");
    // The output was changed behind katalog's back: the marker no longer matches the
    // state, so the next build is a full one and repairs it.
    std::fs::write(site.out().join("index.html"), "tampered").unwrap();
    std::fs::write(site.out().join(".katalog-output"), "katalog\n").unwrap();
    let (ok, out) = build(&site, &site.out(), &cache);
    assert!(ok && !out.contains("nothing changed"), "{out}");
    let clean = site.tmp.path().join("clean");
    assert!(build(&site, &clean, &site.tmp.path().join("clean-cache")).0);
    assert!(all_files(&site.out()) == all_files(&clean));
}

/// A small deterministic generator (xorshift), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const CATEGORIES: &[&str] = &["kuliner", "kopi", "keripik", "fashion", "batik"];
const REGIONS: &[(&str, &str)] =
    &[("jakarta-selatan", "tebet"), ("jakarta-selatan", "cilandak"), ("jakarta-pusat", "gambir")];
const NAMES: &[&str] = &["Kopi", "Keripik", "Batik", "Sambal", "Kue", "Tas", "Anyaman", "Rendang", "Dodol", "Teh"];

/// One random edit of the site; returns what it did (for the failure message).
fn edit(site: &Site, rng: &mut Rng, vendors: &mut Vec<String>, products: &mut Vec<(String, String)>) -> String {
    let name = |rng: &mut Rng| format!("{} {} {}", rng.pick(NAMES), rng.pick(NAMES), rng.below(100));
    let product = |rng: &mut Rng| {
        let image = if rng.below(3) == 0 { "images: [../kopi-tebet/kopi-susu.png]\n" } else { "" };
        format!(
            "---\nname: {}\nprice: {}\ncategory: {}\ntags: [{}]\n{image}---\nProduk *buatan* tangan {}.\n",
            name(rng),
            1000 * (1 + rng.below(500)),
            rng.pick(CATEGORIES),
            rng.pick(NAMES).to_lowercase(),
            rng.below(1000)
        )
    };
    match rng.below(13) {
        0..=2 if !products.is_empty() => {
            let (v, p) = rng.pick(products).clone();
            site.write(&format!("content/vendors/{v}/{p}.md"), product(rng));
            format!("edit product {v}/{p}")
        }
        3 | 4 => {
            let v = rng.pick(vendors).clone();
            let p = format!("produk-{}", rng.below(10_000));
            site.write(&format!("content/vendors/{v}/{p}.md"), product(rng));
            products.push((v.clone(), p.clone()));
            format!("add product {v}/{p}")
        }
        5 if !products.is_empty() => {
            let (v, p) = products.remove(rng.below(products.len()));
            site.remove(&format!("content/vendors/{v}/{p}.md"));
            format!("delete product {v}/{p}")
        }
        6 if !products.is_empty() => {
            let i = rng.below(products.len());
            let (v, p) = products[i].clone();
            let renamed = format!("{p}-baru");
            std::fs::rename(
                site.root().join(format!("content/vendors/{v}/{p}.md")),
                site.root().join(format!("content/vendors/{v}/{renamed}.md")),
            )
            .unwrap();
            products[i].1 = renamed.clone();
            format!("rename product {v}/{p} → {renamed}")
        }
        7 | 8 => {
            let v = format!("umkm-uji-{}", rng.below(10_000));
            let (region, district) = rng.pick(REGIONS);
            let vendor_name = name(rng);
            site.write(
                &format!("content/vendors/{v}/index.md"),
                format!(
                    "---\nname: {vendor_name}\ncategory: {}\nregion: {region}\ndistrict: {district}\n---\nUMKM uji.\n",
                    rng.pick(CATEGORIES)
                ),
            );
            vendors.push(v.clone());
            format!("add vendor {v}")
        }
        9 if vendors.len() > 2 => {
            // Only vendors the test added: the fixture's events list the others.
            let i = 2 + rng.below(vendors.len() - 2);
            let v = vendors.remove(i);
            site.remove(&format!("content/vendors/{v}"));
            products.retain(|(pv, _)| *pv != v);
            format!("delete vendor {v}")
        }
        10 => {
            let title = name(rng);
            let day = 1 + rng.below(28);
            site.write(
                "content/events/bazar-tebet.md",
                format!(
                    "---\ntitle: Bazar {title}\nstart: 2023-08-{day:02}\nvenue: Lapangan Tebet\nregion: jakarta-selatan\nvendors: [kopi-tebet]\n---\nBazar.\n"
                ),
            );
            format!("edit event (day {day})")
        }
        11 => {
            let v = rng.pick(&vendors[..2]).clone();
            let path = site.root().join(format!("content/vendors/{v}/index.md"));
            let text = std::fs::read_to_string(&path).unwrap();
            let renamed: String = text
                .lines()
                .map(|l| if l.starts_with("name: ") { format!("name: {}", name(rng)) } else { l.to_string() })
                .collect::<Vec<_>>()
                .join("\n");
            std::fs::write(&path, renamed + "\n").unwrap();
            format!("rename vendor {v}")
        }
        _ => {
            let title = name(rng);
            site.write("content/pages/tentang.md", format!("---\ntitle: {title}\n---\nTentang {title}.\n"));
            format!("edit page ({title})")
        }
    }
}

#[test]
fn incremental_builds_equal_clean_builds_after_random_edits() {
    for seed in [0x5eed_u64, 0xbeef, 0x1234_5678] {
        let site = Site::new("basic");
        let cache = site.tmp.path().join("cache");
        let mut rng = Rng(seed);
        let mut vendors = vec!["kopi-tebet".to_string(), "batik-ayu".to_string()];
        let mut products = Vec::new();
        assert!(build(&site, &site.out(), &cache).0);
        // The way `katalog serve` updates its preview: in place, with its own state.
        let in_place = site.tmp.path().join("in-place");
        let in_place_cache = site.tmp.path().join("in-place-cache");
        assert!(build_with(&site, &in_place, &in_place_cache, &["--in-place"]).0);
        let mut history = Vec::new();
        let mut partial = 0;
        for step in 0..14 {
            for _ in 0..1 + rng.below(3) {
                history.push(edit(&site, &mut rng, &mut vendors, &mut products));
            }
            let (ok, out) = build(&site, &site.out(), &cache);
            assert!(ok, "seed {seed:x} step {step} after {history:?}: {out}");
            if let Some(counts) = out.split("pages (").nth(1) {
                let rendered: usize = counts.split(' ').next().unwrap().parse().unwrap();
                let total: usize = out.split("built ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
                partial += usize::from(rendered < total);
            }
            let clean = site.tmp.path().join(format!("clean-{step}"));
            let clean_cache = site.tmp.path().join(format!("clean-cache-{step}"));
            assert!(build(&site, &clean, &clean_cache).0);
            let (incremental, fresh) = (all_files(&site.out()), all_files(&clean));
            if incremental != fresh {
                let differ: Vec<&String> =
                    fresh.keys().chain(incremental.keys()).filter(|k| incremental.get(*k) != fresh.get(*k)).collect();
                panic!("seed {seed:x} step {step}: incremental ≠ clean in {differ:?} after {history:?}");
            }
            assert!(build_with(&site, &in_place, &in_place_cache, &["--in-place"]).0);
            let updated = all_files(&in_place);
            if updated != fresh {
                let differ: Vec<&String> =
                    fresh.keys().chain(updated.keys()).filter(|k| updated.get(*k) != fresh.get(*k)).collect();
                panic!("seed {seed:x} step {step}: in place ≠ clean in {differ:?} after {history:?}");
            }
            let folders_left_empty = walkdir::WalkDir::new(&in_place)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_dir() && std::fs::read_dir(e.path()).unwrap().next().is_none())
                .count();
            assert_eq!(folders_left_empty, 0, "seed {seed:x} step {step}: empty folders after {history:?}");
            std::fs::remove_dir_all(&clean).unwrap();
            std::fs::remove_dir_all(&clean_cache).unwrap();
        }
        assert!(partial > 5, "seed {seed:x}: the incremental path rendered everything too often ({partial})");
    }
}

/// What a running `katalog serve` says: its stderr lines and its live-reload events.
enum News {
    Line(String),
    Event(String),
}

/// `katalog serve` of a site, killed when dropped.
struct Serving {
    child: std::process::Child,
    /// `127.0.0.1:PORT`.
    addr: String,
    /// `http://127.0.0.1:PORT/`.
    url: String,
    news: std::sync::mpsc::Receiver<News>,
}

impl Serving {
    fn start(site: &Site) -> Serving {
        use std::io::{BufRead, BufReader, Write};
        let (child, url, lines) = common::spawn_serve(&site.root(), &[]);
        let addr = url.strip_prefix("http://").unwrap().trim_end_matches('/').to_string();
        let (tx, news) = std::sync::mpsc::channel();
        let to_lines = tx.clone();
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                let _ = to_lines.send(News::Line(line));
            }
        });
        let mut events = std::net::TcpStream::connect(&addr).unwrap();
        write!(events, "GET /__katalog/events HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
        let mut events = BufReader::new(events);
        let mut line = String::new();
        while !line.starts_with("event: hello") {
            line.clear();
            assert!(events.read_line(&mut line).unwrap() > 0, "the event stream ended");
        }
        std::thread::spawn(move || {
            for line in events.lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    let _ = tx.send(News::Event(name.to_string()));
                }
            }
        });
        Serving { child, addr, url, news }
    }

    /// The body of a GET of `path`.
    fn get(&self, path: &str) -> Vec<u8> {
        use std::io::{Read, Write};
        let mut stream = std::net::TcpStream::connect(&self.addr).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.addr).unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let split = response.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        response[split + 4..].to_vec()
    }

    /// The files of a clean `katalog build` of `site` for this server's URL, into `name`,
    /// less its manifest.
    fn clean_build(&self, site: &Site, name: &str) -> BTreeMap<String, Vec<u8>> {
        let clean = site.tmp.path().join(name);
        let assert = katalog()
            .arg("build")
            .arg(site.root())
            .arg("-o")
            .arg(&clean)
            .args(["--no-git-dates", "--base-url", &self.url, "--cache-dir"])
            .arg(site.tmp.path().join("clean-cache"))
            .assert();
        assert!(assert.get_output().status.success(), "{}", stderr(&assert));
        // Less the manifest, which only `katalog deploy` reads and serve does not record for
        // its folder: a served folder holding one differs from this.
        let mut files = all_files(&clean);
        assert!(files.remove(".katalog-manifest").is_some());
        files
    }

    /// The news until serve has said nothing for a second.
    fn settle(&self) -> Vec<News> {
        let mut news = Vec::new();
        while let Ok(item) = self.news.recv_timeout(std::time::Duration::from_secs(1)) {
            news.push(item);
        }
        news
    }

    /// The next news, or a failure after 30 s of silence.
    fn next(&self, waiting_for: &str) -> News {
        self.news
            .recv_timeout(std::time::Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("katalog serve said nothing while waiting for {waiting_for}"))
    }
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// `katalog serve` keeps the parsed records and the output's state in memory and re-reads
/// only the folders the watcher names. After random edits its preview must still equal a
/// clean build byte for byte, and a site-wide file asked for as soon as the page reloads
/// must already be the new one (the server holds it until it is written).
#[test]
fn serve_equals_clean_builds_after_random_edits() {
    for seed in [0x5eed_u64, 0xc0ffee] {
        let site = Site::new("basic");
        let serving = Serving::start(&site);
        let preview = site.root().join(".katalog-cache/serve/site");
        let mut rng = Rng(seed);
        let mut vendors = vec!["kopi-tebet".to_string(), "batik-ayu".to_string()];
        let mut products = Vec::new();
        let mut history = Vec::new();
        let mut reloads = 0;
        for step in 0..10 {
            for _ in 0..1 + rng.below(3) {
                history.push(edit(&site, &mut rng, &mut vendors, &mut products));
            }
            // A reload and the summary line (in either order), or "nothing changed".
            let (mut early_index, mut built) = (None, false);
            while !(early_index.is_some() && built) {
                match serving.next("the rebuild") {
                    News::Event(name) if name == "reload" => {
                        reloads += 1;
                        early_index = Some(serving.get("/cari/indeks.json"));
                    }
                    // A save the watcher saw half-way (`fs::write` empties the file before the
                    // new text lands) shows an error until the next rebuild, as it does for an
                    // editor; what must hold is the site after that rebuild, compared below.
                    News::Event(name) if name == "errors" => {}
                    News::Event(name) => panic!("seed {seed:x} step {step}: event {name} after {history:?}"),
                    News::Line(line) if line.starts_with("built ") => built = true,
                    News::Line(line) if line.starts_with("nothing changed") => break,
                    News::Line(_) => {}
                }
            }
            // A burst of edits can take two rebuilds when the writes pause longer than serve's
            // debounce (a loaded CI machine): compare once serve has been quiet for a while.
            for news in serving.settle() {
                if matches!(&news, News::Event(name) if name == "reload") {
                    reloads += 1;
                    early_index = Some(serving.get("/cari/indeks.json"));
                }
            }
            let fresh = serving.clean_build(&site, &format!("clean-{seed:x}-{step}"));
            let served = all_files(&preview);
            if served != fresh {
                let differ: Vec<&String> =
                    fresh.keys().chain(served.keys()).filter(|k| served.get(*k) != fresh.get(*k)).collect();
                panic!("seed {seed:x} step {step}: serve ≠ clean in {differ:?} after {history:?}");
            }
            if let Some(early) = early_index {
                assert!(
                    early == fresh["cari/indeks.json"],
                    "seed {seed:x} step {step}: the search index served right after the reload was the old one"
                );
            }
        }
        assert!(reloads >= 8, "seed {seed:x}: only {reloads} reloads in 10 steps");
    }
}

/// Another writer of serve's preview folder (a second `serve` of the same site, say) makes
/// the first one's state in memory stale: its next rebuild must not trust it.
#[test]
fn serve_does_not_trust_its_state_after_another_build_wrote_its_folder() {
    let site = Site::new("basic");
    let serving = Serving::start(&site);
    let preview = site.root().join(".katalog-cache/serve/site");
    let other = katalog()
        .arg("build")
        .arg(site.root())
        .arg("-o")
        .arg(&preview)
        .args(["--no-git-dates", "--in-place", "--base-url", "http://127.0.0.1:1/", "--cache-dir"])
        .arg(site.root().join(".katalog-cache"))
        .assert();
    assert!(other.get_output().status.success(), "{}", stderr(&other));
    assert!(std::fs::read_to_string(preview.join("umkm/kopi-tebet/index.html")).unwrap().contains("127.0.0.1:1/"));
    site.write("content/vendors/batik-ayu/kemeja-batik.md", "---\nname: Kemeja Batik Monas\nprice: 250000\n---\n");
    loop {
        match serving.next("the rebuild") {
            News::Line(line) if line.starts_with("built ") => break,
            News::Line(line) if line.starts_with("error") => panic!("{line}"),
            _ => {}
        }
    }
    let (served, fresh) = (all_files(&preview), serving.clean_build(&site, "clean"));
    let differ: Vec<&String> = fresh.keys().chain(served.keys()).filter(|k| served.get(*k) != fresh.get(*k)).collect();
    assert!(differ.is_empty(), "serve ≠ clean in {differ:?}");
}
