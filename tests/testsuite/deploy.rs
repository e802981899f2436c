//! `katalog deploy` against a real S3-protocol server: s3rver (npm, pinned in
//! tests/tools/package.json, installed by scripts/setup), started by each test on its own
//! folder and port. It keeps objects on disk (so a killed server comes back with its
//! bucket), stores each object's Content-Type, Cache-Control and website redirect, checks
//! request signatures, and answers as an S3 website endpoint (index documents, 301s).

use crate::common::{Site, katalog, stderr};
use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const BUCKET: &str = "katalog";
const OBJECT: &str = "._S3rver_object";

/// A running s3rver with one bucket configured as a website.
struct Server {
    child: Child,
    data: tempfile::TempDir,
    port: u16,
}

fn s3rver() -> PathBuf {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/node_modules/.bin/s3rver");
    assert!(bin.exists(), "{} is missing: run scripts/setup (it installs the pinned test tools)", bin.display());
    bin
}

impl Server {
    fn start() -> Server {
        let data = tempfile::tempdir().unwrap();
        let (child, port) = spawn(data.path(), 0);
        Server { child, data, port }
    }

    /// Kills the server at once (no clean shutdown), as a crash or a network cut would.
    fn kill(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }

    /// Starts it again on the same folder and port.
    fn restart(&mut self) {
        let (child, _) = spawn(self.data.path(), self.port);
        self.child = child;
    }

    fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Every object of the bucket but katalog's own records: key → bytes.
    fn objects(&self) -> BTreeMap<String, Vec<u8>> {
        let root = self.data.path().join(BUCKET);
        let mut objects = BTreeMap::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let name = entry.path().to_string_lossy().into_owned();
            if let Some(path) = name.strip_suffix(OBJECT) {
                let key = Path::new(path).strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
                if !key.starts_with(".katalog/") {
                    objects.insert(key, std::fs::read(entry.path()).unwrap());
                }
            }
        }
        objects
    }

    /// The stored headers of the object at `key`.
    fn metadata(&self, key: &str) -> serde_json::Value {
        let path = self.data.path().join(BUCKET).join(format!("{key}._S3rver_metadata.json"));
        serde_json::from_slice(&std::fs::read(&path).unwrap_or_else(|e| panic!("{key}: {e}"))).unwrap()
    }

    /// Progress notes of a deploy under way, in the bucket.
    fn notes(&self) -> usize {
        let dir = self.data.path().join(BUCKET).join(".katalog/progress");
        std::fs::read_dir(dir)
            .map(|d| d.filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(OBJECT)).count())
            .unwrap_or(0)
    }

    /// GET `path` from the bucket's website endpoint (no redirect followed): status and
    /// `Location`.
    fn website_get(&self, path: &str) -> (u16, Option<String>) {
        let agent = ureq::Agent::config_builder().max_redirects(0).http_status_as_error(false).build().new_agent();
        let response = agent
            .get(format!("{}{path}", self.endpoint()))
            .header("Host", format!("{BUCKET}.s3-website-us-east-1.amazonaws.com"))
            .call()
            .unwrap();
        let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_string());
        (response.status().as_u16(), location)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts s3rver on `data` (port 0: any) and waits until it listens; the child and its port.
fn spawn(data: &Path, port: u16) -> (Child, u16) {
    let website = data.join("website.xml");
    std::fs::write(
        &website,
        r#"<WebsiteConfiguration xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><IndexDocument><Suffix>index.html</Suffix></IndexDocument><ErrorDocument><Key>404.html</Key></ErrorDocument></WebsiteConfiguration>"#,
    )
    .unwrap();
    let mut child = Command::new(s3rver())
        .arg("-d")
        .arg(data)
        .args(["-a", "127.0.0.1", "-p", &port.to_string(), "--configure-bucket", BUCKET])
        .arg(&website)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stdout.take().unwrap()).lines();
    let started = Instant::now();
    let mut listening = None;
    while listening.is_none() && started.elapsed() < Duration::from_secs(30) {
        let Some(Ok(line)) = lines.next() else { break };
        if let Some(at) = line.find("listening on 127.0.0.1:") {
            listening = line[at + "listening on 127.0.0.1:".len()..].trim().parse::<u16>().ok();
        }
    }
    let Some(port) = listening else {
        let _ = child.kill();
        let _ = child.wait();
        panic!("s3rver did not start");
    };
    // Drain the rest of its log so that it never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    (child, port)
}

/// The fixture site with a deploy target on `server`.
fn site_for(server: &Server) -> Site {
    let site = Site::new("basic");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write(
        "site.yaml",
        format!(
            "{config}deploy:\n  targets:\n    - name: uji\n      url: s3://{BUCKET}\n      endpoint: {}\n      store_redirects: true\n",
            server.endpoint()
        ),
    );
    site
}

/// `katalog deploy SITE -o OUT ARGS…` with the server's keys.
fn deploy(site: &Site, out: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    katalog()
        .arg("deploy")
        .arg(site.root())
        .arg("-o")
        .arg(out)
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "S3RVER")
        .env("AWS_SECRET_ACCESS_KEY", "S3RVER")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_ENDPOINT")
        .env_remove("AWS_ENDPOINT_URL")
        .assert()
}

/// The number of files a deploy says it uploaded.
fn uploaded(assert: &assert_cmd::assert::Assert) -> usize {
    let text = stderr(assert);
    let summary = text.lines().find(|l| l.starts_with("deploy to ")).unwrap_or_else(|| panic!("no summary in: {text}"));
    let at = summary.find(" upload").unwrap();
    let count = summary[at..].split(' ').nth(2).unwrap();
    count.parse().unwrap_or_else(|_| panic!("no count in: {text}"))
}

/// The files of a built site that a bucket should hold: all but katalog's own records and
/// the host recipes that a bucket does not read.
fn published(out: &Path) -> BTreeMap<String, Vec<u8>> {
    crate::common::all_files(out)
        .into_iter()
        .filter(|(path, _)| !(path.starts_with(".katalog") || path == "_headers" || path == "_redirects"))
        .collect()
}

fn assert_bucket_equals(server: &Server, out: &Path) {
    let objects = server.objects();
    let files = published(out);
    let missing: Vec<&String> = files.keys().filter(|k| !objects.contains_key(*k)).collect();
    let extra: Vec<&String> = objects.keys().filter(|k| !files.contains_key(*k)).collect();
    let differ: Vec<&String> =
        files.iter().filter(|(k, v)| objects.get(*k).is_some_and(|o| o != *v)).map(|(k, _)| k).collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "bucket ≠ build: missing {missing:?}, extra {extra:?}, different {differ:?}"
    );
}

#[test]
fn first_deploy_then_nothing_then_only_what_an_edit_changed_even_from_a_fresh_build() {
    let server = Server::start();
    let site = site_for(&server);
    site.build(&[]).success();
    let first = deploy(&site, &site.out(), &[]).success();
    let total = published(&site.out()).len();
    assert_eq!(uploaded(&first), total, "{}", stderr(&first));
    assert_bucket_equals(&server, &site.out());

    // Types and caching as docs/deploy.md sets them.
    let html = server.metadata("umkm/kopi-tebet/index.html");
    assert_eq!(html["content-type"], "text/html; charset=utf-8");
    assert_eq!(html["cache-control"], "public, max-age=0, must-revalidate");
    assert_eq!(server.metadata("acara/kalender.ics")["content-type"], "text/calendar; charset=utf-8");
    let qr = published(&site.out()).into_keys().find(|k| k.ends_with("qr.svg")).expect("a QR code");
    assert_eq!(server.metadata(&qr)["content-type"], "image/svg+xml");
    let image = published(&site.out()).into_keys().find(|k| k.starts_with("gambar/") && k.ends_with(".webp"));
    let image = image.expect("a published WebP image");
    assert_eq!(server.metadata(&image)["content-type"], "image/webp");
    assert_eq!(server.metadata(&image)["cache-control"], "public, max-age=31536000, immutable");
    // Folder URLs work on the website endpoint.
    assert_eq!(server.website_get("/umkm/kopi-tebet/").0, 200);

    // Nothing changed: nothing goes up.
    let again = deploy(&site, &site.out(), &[]).success();
    assert_eq!(uploaded(&again), 0, "{}", stderr(&again));

    // One product's text edited: its page and the few listing and search files that show it.
    let product = site.root().join("content/vendors/kopi-tebet/kopi-susu.md");
    let text = std::fs::read_to_string(&product).unwrap();
    std::fs::write(&product, format!("{text}\nKini dengan gula aren pilihan.\n")).unwrap();
    site.build(&[]).success();
    let planned = deploy(&site, &site.out(), &["--dry-run"]).success();
    let kept_count = uploaded(&planned);
    assert!(stderr(&planned).contains("would upload"), "{}", stderr(&planned));
    assert!(server.objects() != published(&site.out()), "a dry run changes nothing");

    // The same edit built from scratch into a new folder (a fresh CI runner): the same few.
    let fresh = site.tmp.path().join("fresh");
    katalog().arg("build").arg(site.root()).arg("-o").arg(&fresh).assert().success();
    let from_fresh = deploy(&site, &fresh, &["--prune"]).success();
    assert_eq!(uploaded(&from_fresh), kept_count, "{}", stderr(&from_fresh));
    assert!(kept_count >= 1 && kept_count < total / 4, "{kept_count} of {total} files uploaded for one edit");
    assert_bucket_equals(&server, &fresh);
    assert_eq!(
        server.objects()["umkm/kopi-tebet/kopi-susu/index.html"],
        std::fs::read(fresh.join("umkm/kopi-tebet/kopi-susu/index.html")).unwrap()
    );
}

#[test]
fn a_removed_vendor_stays_until_prune_and_a_renamed_one_redirects_in_the_store() {
    let server = Server::start();
    let site = site_for(&server);
    site.write(
        "content/vendors/toko-sementara/index.md",
        "---\nname: Toko Sementara\ncategory: batik\nregion: jakarta-pusat\ndistrict: gambir\n---\nHanya sebentar.\n",
    );
    site.build(&[]).success();
    deploy(&site, &site.out(), &[]).success();
    assert!(server.objects().contains_key("umkm/toko-sementara/index.html"));

    site.remove("content/vendors/toko-sementara");
    katalog().args(["mv", "vendor", "batik-ayu", "batik-ayu-gambir", "--site"]).arg(site.root()).assert().success();
    site.build(&[]).success();
    let kept = deploy(&site, &site.out(), &[]).success();
    assert!(stderr(&kept).contains("no longer in the site (kept: --prune deletes them)"), "{}", stderr(&kept));
    assert!(server.objects().contains_key("umkm/toko-sementara/index.html"), "kept without --prune");

    let pruned = deploy(&site, &site.out(), &["--prune"]).success();
    assert!(stderr(&pruned).contains("deleted"), "{}", stderr(&pruned));
    assert_bucket_equals(&server, &site.out());

    // The old vendor URL: a redirect page for any host, and the store's own 301.
    let old = server.metadata("umkm/batik-ayu/index.html");
    assert_eq!(old["x-amz-website-redirect-location"], "/umkm/batik-ayu-gambir/", "{old}");
    assert_eq!(server.website_get("/umkm/batik-ayu/"), (301, Some("/umkm/batik-ayu-gambir/".to_string())));
    assert_eq!(server.website_get("/umkm/batik-ayu-gambir/").0, 200);
}

#[test]
fn a_deploy_cut_by_a_dying_server_finishes_on_the_rerun_without_uploading_twice() {
    let mut server = Server::start();
    let site = site_for(&server);
    // Enough files for several progress notes at one upload at a time.
    for n in 0..40 {
        site.write(
            &format!("content/vendors/kopi-tebet/varian-{n:02}.md"),
            format!("---\nname: Varian {n}\nprice: {}\n---\nRasa ke-{n}.\n", 10_000 + n),
        );
    }
    site.build(&[]).success();
    let total = published(&site.out()).len();
    let mut running = std::process::Command::new(assert_cmd::cargo::cargo_bin("katalog"))
        .arg("deploy")
        .arg(site.root())
        .arg("-o")
        .arg(site.out())
        .args(["--jobs", "1", "--retry-for", "1"])
        .env("AWS_ACCESS_KEY_ID", "S3RVER")
        .env("AWS_SECRET_ACCESS_KEY", "S3RVER")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while server.notes() == 0 {
        assert!(running.try_wait().unwrap().is_none(), "the deploy ended before it was cut");
        assert!(started.elapsed() < Duration::from_secs(120), "no progress note after 2 minutes");
        std::thread::sleep(Duration::from_millis(20));
    }
    server.kill();
    let status = running.wait().unwrap();
    assert_eq!(status.code(), Some(2), "a deploy whose server died fails");
    let before = server.objects().len();
    assert!(before < total, "the cut deploy was not complete ({before} of {total})");

    server.restart();
    let rerun = deploy(&site, &site.out(), &[]).success();
    let text = stderr(&rerun);
    assert!(text.contains("already up from an interrupted deploy"), "{text}");
    assert!(uploaded(&rerun) < total, "the rerun uploaded everything again: {text}");
    assert_bucket_equals(&server, &site.out());
    assert_eq!(server.notes(), 0, "the finished deploy leaves no progress notes");
    assert_eq!(uploaded(&deploy(&site, &site.out(), &[]).success()), 0);
}

#[test]
fn bad_credentials_damaged_or_foreign_records_and_unknown_targets_fail_clearly_and_change_nothing() {
    let server = Server::start();
    let site = site_for(&server);
    site.build(&[]).success();

    let wrong = katalog()
        .arg("deploy")
        .arg(site.root())
        .arg("-o")
        .arg(site.out())
        .args(["--retry-for", "1"])
        .env("AWS_ACCESS_KEY_ID", "TIDAK-ADA")
        .env("AWS_SECRET_ACCESS_KEY", "salah")
        .assert()
        .code(2);
    assert!(stderr(&wrong).contains("credentials"), "{}", stderr(&wrong));
    assert!(server.objects().is_empty(), "nothing uploaded with wrong keys");

    let unknown = deploy(&site, &site.out(), &["--target", "produksi"]).code(2);
    assert!(stderr(&unknown).contains("no deploy target named `produksi`"), "{}", stderr(&unknown));
    let no_output = deploy(&site, &site.tmp.path().join("belum-dibangun"), &[]).code(2);
    assert!(stderr(&no_output).contains("is not a site built by katalog"), "{}", stderr(&no_output));

    deploy(&site, &site.out(), &[]).success();
    let before = server.objects();

    // A damaged record: refused, nothing changed; --force uploads everything again.
    let agent = ureq::Agent::new_with_defaults();
    agent.put(format!("{}/{BUCKET}/.katalog/deploy-manifest.gz", server.endpoint())).send(&b"rusak"[..]).unwrap();
    let damaged = deploy(&site, &site.out(), &[]).code(2);
    assert!(stderr(&damaged).contains("is damaged; nothing was changed"), "{}", stderr(&damaged));
    assert_eq!(server.objects(), before);
    let forced = deploy(&site, &site.out(), &["--force"]).success();
    assert_eq!(uploaded(&forced), published(&site.out()).len());

    // A file changed after the build is not published as if the build had made it.
    let product = site.root().join("content/vendors/kopi-tebet/kopi-susu.md");
    let text = std::fs::read_to_string(&product).unwrap();
    std::fs::write(&product, format!("{text}\nKini dengan gula aren pilihan.\n")).unwrap();
    site.build(&[]).success();
    std::fs::write(site.out().join("umkm/kopi-tebet/kopi-susu/index.html"), b"diubah setelah build").unwrap();
    let before = server.objects();
    let changed = deploy(&site, &site.out(), &[]).code(2);
    assert!(stderr(&changed).contains("changed since the site was built"), "{}", stderr(&changed));
    assert!(server.objects()["umkm/kopi-tebet/kopi-susu/index.html"] != b"diubah setelah build");
    assert_eq!(server.objects().len(), before.len());
    std::fs::remove_dir_all(site.out()).unwrap();
    site.build(&[]).success();
    deploy(&site, &site.out(), &["--prune"]).success();
    assert_bucket_equals(&server, &site.out());

    // Another site's bucket: refused.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", config.replace("https://katalog.example.go.id/", "https://lain.example.go.id/"));
    let foreign = deploy(&site, &site.out(), &[]).code(2);
    assert!(stderr(&foreign).contains("holds the site https://katalog.example.go.id/"), "{}", stderr(&foreign));
}

/// Writes `vendors` generated vendors (two products each, some with long or awkward names,
/// some files with Windows line ends) and a few bazars, each with dozens of them, into `site`.
fn add_vendors(site: &Site, vendors: usize) {
    let places = [
        ("kopi", "jakarta-selatan", "tebet"),
        ("keripik", "jakarta-selatan", "cilandak"),
        ("batik", "jakarta-pusat", "gambir"),
    ];
    for v in 0..vendors {
        let (category, region, district) = places[v % places.len()];
        let slug = format!("umkm-{v:04}");
        let name = match v % 7 {
            0 => format!("Usaha Mikro Kecil Menengah Bersama Warga Kelurahan Nomor {v} \"Sejahtera\" & Mandiri"),
            1 => format!("Toko <b>{v}</b>"),
            _ => format!("UMKM {v}"),
        };
        let end = if v % 5 == 0 { "\r\n" } else { "\n" };
        let index = format!(
            "---\nname: '{}'\ncategory: {category}\nregion: {region}\ndistrict: {district}\n---\nUsaha nomor {v}, berdiri sejak {}.\n",
            name.replace('\'', "''"),
            2000 + v % 20
        );
        site.write(&format!("content/vendors/{slug}/index.md"), index.replace('\n', end));
        for p in 0..2 {
            let product = format!(
                "---\nname: Produk {p} dari {name:?}\nprice: {}\ntags: [oleh-oleh]\n---\nDeskripsi produk {p} milik usaha {v}.\n",
                10_000 + v * 7 + p
            );
            site.write(&format!("content/vendors/{slug}/produk-{p}.md"), product.replace('\n', end));
        }
    }
    for e in 0..6 {
        let participants: Vec<String> =
            (0..vendors).filter(|v| v % 6 == e || v % 25 == 0).take(40).map(|v| format!("umkm-{v:04}")).collect();
        site.write(
            &format!("content/events/bazar-{e}.md"),
            format!(
                "---\ntitle: Bazar Kelurahan {e}\nstart: 2026-0{}-1{e}\nvenue: Lapangan {e}\nregion: jakarta-selatan\ndistrict: tebet\nvendors: [{}]\n---\nBazar.\n",
                1 + e % 9,
                participants.join(", ")
            ),
        );
    }
}

#[test]
fn a_delta_build_from_the_cache_alone_deploys_the_same_bucket_as_a_whole_build() {
    // Two buckets: one brought up to date by delta builds, one by whole builds.
    let (delta_server, whole_server) = (Server::start(), Server::start());
    let site = site_for(&delta_server);
    add_vendors(&site, 1000);
    let cache = site.tmp.path().join("cache");
    let whole_out = site.tmp.path().join("whole");
    let build = |out: &Path, cache: &Path, delta: bool| {
        let mut command = katalog();
        command.arg("build").arg(site.root()).arg("-o").arg(out).args(["--no-git-dates", "--now", "2026-06-01T00:00"]);
        command.arg("--cache-dir").arg(cache);
        if delta {
            command.arg("--delta");
        }
        command.assert().success()
    };
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    let second = format!("    - name: whole\n      url: s3://{BUCKET}\n      endpoint: {}\n", whole_server.endpoint());
    site.write("site.yaml", format!("{config}{second}"));

    // The first merge: a whole build (nothing in the cache yet), deployed.
    build(&site.out(), &cache, false);
    deploy(&site, &site.out(), &[]).success();
    let mut previous = crate::common::all_files(&site.out());

    // Each later merge on a fresh runner: no output folder, the cache restored.
    let product = site.root().join("content/vendors/umkm-0123/produk-1.md");
    type Edit<'a> = (&'static str, Box<dyn Fn() + 'a>);
    let edits: [Edit; 3] = [
        (
            "a product renamed",
            Box::new(|| {
                let text = std::fs::read_to_string(&product).unwrap();
                std::fs::write(&product, text.replacen("name: Produk 1", "name: Produk Satu", 1)).unwrap();
            }),
        ),
        ("a vendor removed", Box::new(|| site.remove("content/vendors/umkm-0456"))),
        (
            "a vendor added to a bazar",
            Box::new(|| {
                site.write(
                    "content/vendors/umkm-baru/index.md",
                    "---\nname: UMKM Baru\ncategory: kopi\nregion: jakarta-selatan\ndistrict: tebet\n---\nBaru.\n",
                );
                let bazar = site.root().join("content/events/bazar-2.md");
                let text = std::fs::read_to_string(&bazar).unwrap();
                std::fs::write(&bazar, text.replacen("vendors: [", "vendors: [umkm-baru, ", 1)).unwrap();
            }),
        ),
    ];
    for (what, edit) in edits {
        edit();
        std::fs::remove_dir_all(site.out()).unwrap();
        let built = build(&site.out(), &cache, true);
        assert!(stderr(&built).contains("delta: "), "{what}: {}", stderr(&built));
        let in_delta = crate::common::all_files(&site.out());
        let deployed = deploy(&site, &site.out(), &["--prune"]).success();
        assert!(uploaded(&deployed) > 0, "{what}: {}", stderr(&deployed));

        // The same content built whole, from nothing, and deployed whole to a new bucket.
        let _ = std::fs::remove_dir_all(&whole_out);
        build(&whole_out, &site.tmp.path().join(format!("cache-{what}")), false);
        assert_eq!(
            std::fs::read(site.out().join(".katalog-manifest")).unwrap(),
            std::fs::read(whole_out.join(".katalog-manifest")).unwrap(),
            "{what}: the delta's manifest is the whole build's"
        );
        assert_bucket_equals(&delta_server, &whole_out);
        // The delta held only files that differ from the previous build, a handful of the
        // site's 10,000.
        // The delta held exactly the files whose bytes differ from the previous build's
        // (and `_redirects`, which deploy reads), each as the whole build wrote it.
        let whole = crate::common::all_files(&whole_out);
        let changed: Vec<&String> = whole
            .iter()
            .filter(|(path, bytes)| !path.starts_with(".katalog") && previous.get(*path) != Some(*bytes))
            .map(|(path, _)| path)
            .collect();
        let written: Vec<&String> = in_delta.keys().filter(|path| !path.starts_with(".katalog")).collect();
        let redirects_file = String::from("_redirects");
        let expected: Vec<&String> = changed
            .iter()
            .copied()
            .chain(whole.contains_key("_redirects").then_some(&redirects_file))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(written, expected, "{what}");
        assert!(written.len() * 4 < whole.len(), "{what}: {} of {} files written", written.len(), whole.len());
        for path in written {
            assert_eq!(in_delta[path], whole[path], "{what}: {path}");
        }
        previous = whole;
    }
    // And the bucket a whole deploy fills from nothing is the same, byte for byte.
    deploy(&site, &whole_out, &["--target", "whole"]).success();
    assert_eq!(delta_server.objects(), whole_server.objects());
}

#[test]
fn a_delta_build_refuses_to_deploy_to_a_bucket_it_was_not_made_against() {
    let server = Server::start();
    let site = site_for(&server);
    let cache = site.tmp.path().join("cache");
    site.build_fresh(&cache, &[]).success();
    // Built, but never deployed: the bucket is empty.
    let product = site.root().join("content/vendors/kopi-tebet/kopi-susu.md");
    let text = std::fs::read_to_string(&product).unwrap();
    std::fs::write(&product, text.replacen("Kopi Susu Gula Aren", "Kopi Susu Aren", 1)).unwrap();
    site.build_fresh(&cache, &["--delta"]).success();
    let refused = deploy(&site, &site.out(), &[]).code(2);
    let text = stderr(&refused);
    assert!(text.contains("is a delta build") && text.contains("build without --delta"), "{text}");
    assert!(server.objects().is_empty(), "nothing was uploaded");

    // With no earlier build of this output in the cache, --delta writes the whole site.
    let empty = site.tmp.path().join("empty-cache");
    let whole = site.build_fresh(&empty, &["--delta"]).success();
    assert!(stderr(&whole).contains("every file is written"), "{}", stderr(&whole));
    assert!(!site.out().join(".katalog-delta").exists());
    deploy(&site, &site.out(), &[]).success();
    assert_bucket_equals(&server, &site.out());
}
