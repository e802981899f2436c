//! Helpers shared by the integration tests: fixture sites in temporary folders, and the
//! real `katalog` binary.
#![allow(dead_code)]

use assert_cmd::Command;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The `katalog` binary built by cargo for this test run.
pub fn katalog() -> Command {
    Command::cargo_bin("katalog").unwrap()
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fresh copy of fixture site `name` in a temporary folder (the folder is `site/` inside it).
pub struct Site {
    pub tmp: tempfile::TempDir,
}

impl Site {
    pub fn new(name: &str) -> Site {
        let tmp = tempfile::tempdir().unwrap();
        copy_dir(&fixtures_dir().join(name), &tmp.path().join("site"));
        Site { tmp }
    }

    pub fn root(&self) -> PathBuf {
        self.tmp.path().join("site")
    }

    pub fn out(&self) -> PathBuf {
        self.tmp.path().join("public")
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.root().join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    pub fn remove(&self, relative: &str) {
        let path = self.root().join(relative);
        if path.is_dir() {
            std::fs::remove_dir_all(path).unwrap();
        } else {
            std::fs::remove_file(path).unwrap();
        }
    }

    /// `katalog build SITE -o OUT` plus `args`.
    pub fn build(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        katalog().arg("build").arg(self.root()).arg("-o").arg(self.out()).args(args).assert()
    }

    /// `build` plus `args` into a new output folder (the previous one deleted first), with
    /// the cache in `cache`: a CI runner that restored its cache folder.
    pub fn build_fresh(&self, cache: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
        let _ = std::fs::remove_dir_all(self.out());
        katalog()
            .arg("build")
            .arg(self.root())
            .arg("-o")
            .arg(self.out())
            .args(args)
            .env("KATALOG_CACHE_DIR", cache)
            .assert()
    }

    pub fn page(&self, relative: &str) -> String {
        std::fs::read_to_string(self.out().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"))
    }

    pub fn output_files(&self) -> BTreeMap<String, Vec<u8>> {
        all_files(&self.out())
    }

    /// Staging and old-output folders a build left beside the output (there should be none).
    pub fn leftovers(&self) -> Vec<String> {
        std::fs::read_dir(self.tmp.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("katalog-"))
            .collect()
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir`, by forward-slash relative path.
pub fn all_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

pub fn stderr(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&assert.get_output().stderr).into_owned()
}

/// Starts `katalog serve SITE --port 0 ARGS…` and waits until it says where it serves: the
/// process, that URL (`http://127.0.0.1:PORT/…`), and the rest of its stderr, line by line.
pub fn spawn_serve(
    site: &Path,
    args: &[&str],
) -> (std::process::Child, String, std::io::Lines<std::io::BufReader<std::process::ChildStderr>>) {
    use std::io::BufRead;
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("katalog"))
        .arg("serve")
        .arg(site)
        .args(["--port", "0"])
        .args(args)
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let url = loop {
        let line = lines.next().expect("katalog serve printed its URL").unwrap();
        if let Some(url) = line.strip_prefix("serving ") {
            break url.split(' ').next().unwrap().to_string();
        }
    };
    (child, url, lines)
}
