//! Faults: a build killed at any moment, a full disk, an output folder that cannot be
//! written. Each leaves the previous site as it was, and the next build correct.

use crate::common;

use common::{Site, all_files, katalog, stderr};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The basic fixture with `n` more vendors of three products each, so a build takes a while.
fn bigger_site(n: usize) -> Site {
    let site = Site::new("basic");
    for v in 0..n {
        let dir = format!("content/vendors/umkm-{v:04}");
        site.write(
            &format!("{dir}/index.md"),
            format!(
                "---\nname: UMKM {v}\ncategory: kopi\nregion: jakarta-selatan\ndistrict: tebet\n---\nProfil {v}.\n"
            ),
        );
        for p in 0..3 {
            site.write(
                &format!("{dir}/produk-{p}.md"),
                format!(
                    "---\nname: Produk {v} {p}\nprice: {}\ntags: [uji]\n---\nDeskripsi produk {v} {p}.\n",
                    1000 + p
                ),
            );
        }
    }
    site
}

fn build_command(site: &Site) -> Command {
    let mut command = Command::new(assert_cmd::cargo::cargo_bin("katalog"));
    command.arg("build").arg(site.root()).arg("-o").arg(site.out()).args(["--now", "2023-08-01"]);
    command
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_build_is_correct() {
    let site = bigger_site(150);
    assert!(build_command(&site).stderr(Stdio::null()).status().unwrap().success());
    // Time one full build to spread the kills over it.
    site.write("content/pages/tentang.md", "---\ntitle: Tentang 0\n---\nVersi 0.\n");
    let started = Instant::now();
    assert!(build_command(&site).stderr(Stdio::null()).status().unwrap().success());
    let duration = started.elapsed();
    let mut previous = all_files(&site.out());
    for round in 1..=12u32 {
        // A change every page shows (the site title), so no build is a no-op.
        let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
        let config: String = config
            .lines()
            .map(|l| if l.starts_with("title:") { format!("title: Katalog {round}") } else { l.into() })
            .collect::<Vec<_>>()
            .join("\n");
        site.write("site.yaml", config + "\n");
        let mut child = build_command(&site).stderr(Stdio::null()).spawn().unwrap();
        std::thread::sleep(duration * round / 12);
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        let now = all_files(&site.out());
        if finished {
            // It completed before the kill: the new site, whole.
            assert!(
                now.get("index.html").is_some_and(|h| String::from_utf8_lossy(h).contains(&format!("Katalog {round}")))
            );
        } else {
            // Killed before the swap: the old site. Killed after it (while saving the build
            // state, or exiting): the new site, whole. Never a mix of the two.
            assert!(
                now == previous || is_whole_site_titled(&now, &previous, round),
                "round {round}: a killed build left a partial site"
            );
        }
        previous = now;
    }
    // The next build after all that is what a clean build gives.
    assert!(build_command(&site).stderr(Stdio::null()).status().unwrap().success());
    let clean = site.tmp.path().join("clean");
    katalog()
        .arg("build")
        .arg(site.root())
        .arg("-o")
        .arg(&clean)
        .args(["--now", "2023-08-01", "--cache-dir"])
        .arg(site.tmp.path().join("clean-cache"))
        .assert()
        .success();
    assert!(all_files(&site.out()) == all_files(&clean), "the build after the kills differs from a clean one");
    let leftovers = site.leftovers();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// Whether `now` has the same files as `previous` and every page carries the title of
/// `round`: the new site, published whole.
fn is_whole_site_titled(
    now: &std::collections::BTreeMap<String, Vec<u8>>,
    previous: &std::collections::BTreeMap<String, Vec<u8>>,
    round: u32,
) -> bool {
    let title = format!("Katalog {round}");
    now.keys().eq(previous.keys())
        && now
            .iter()
            .filter(|(name, _)| name.ends_with(".html"))
            .all(|(_, page)| String::from_utf8_lossy(page).contains(&title))
}

#[test]
fn a_full_disk_gives_a_clear_error_and_no_partial_site() {
    let site = Site::new("basic");
    site.build(&[]).success();
    let before = all_files(&site.out());
    // A new site title: every page is rendered again.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).unwrap();
    site.write("site.yaml", config.replace("title: Katalog Uji", "title: Katalog Baru"));
    // The file-size limit makes the first large write fail with EFBIG, as a full disk fails
    // with ENOSPC: the same error path. (SIGXFSZ is ignored, so the write returns an error.)
    let binary = assert_cmd::cargo::cargo_bin("katalog");
    let script = format!(
        "trap '' XFSZ; ulimit -f 4; exec '{}' build '{}' -o '{}'",
        binary.display(),
        site.root().display(),
        site.out().display()
    );
    let output = Command::new("bash").args(["-c", &script]).output().unwrap();
    let report = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{report}");
    assert!(report.contains("File too large") && report.contains("was not changed"), "{report}");
    assert!(all_files(&site.out()) == before, "the published site changed");
    assert_eq!(site.leftovers(), Vec::<String>::new(), "a partial staging folder was left");
    // Space again: the build succeeds.
    site.build(&[]).success();
}

#[test]
fn an_output_folder_that_cannot_be_written_is_a_clear_error() {
    let site = Site::new("basic");
    // A read-only file system (procfs), and a path under a regular file.
    site.write("berkas.txt", "bukan folder");
    for out in ["/proc/katalog-keluaran".into(), site.root().join("berkas.txt/public")] {
        let assert = katalog().arg("build").arg(site.root()).arg("-o").arg(&out).assert().code(2);
        let report = stderr(&assert);
        assert!(report.contains("cannot prepare the output folder"), "{report}");
    }
}

#[test]
fn a_build_never_runs_forever_on_a_recurrence_without_end() {
    let site = Site::new("basic");
    site.write(
        "content/events/selamanya.md",
        "---\ntitle: Setiap Hari Selamanya\nstart: 2023-01-06T16:00\nend: 2023-01-06T21:00\nvenue: Taman\nrecurrence: FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR,SA,SU\n---\n",
    );
    let started = Instant::now();
    let assert = site.build(&[]);
    assert!(started.elapsed() < Duration::from_secs(30));
    let report = stderr(&assert);
    assert!(assert.get_output().status.code().is_some(), "{report}");
}
