//! Helpers shared by the integration tests: running the binary, temporary projects, and
//! findings as one comparable line each.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use tempfile::TempDir;
use termlint::Format;

/// The binary, with colour-related environment cleared and human output 100 columns wide
/// (its width when no terminal says), whatever the terminal running the tests.
pub fn termlint() -> Command {
    let mut cmd = Command::cargo_bin("termlint").unwrap();
    cmd.env_remove("NO_COLOR")
        .env_remove("FORCE_COLOR")
        .env_remove("TERM")
        .env("COLUMNS", "100");
    cmd
}

/// Each JSON-lines finding as `path:line:col-end_line:end_col term kind severity "matched" -> "suggestion"`.
pub fn rows(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{}:{}:{}-{}:{} {} {} {} {:?} -> {:?}",
                v["path"].as_str().unwrap(),
                v["line"],
                v["column"],
                v["end_line"],
                v["end_column"],
                v["term"].as_str().unwrap(),
                v["kind"].as_str().unwrap(),
                v["severity"].as_str().unwrap(),
                v["matched"].as_str().unwrap(),
                v["suggestion"].as_str().unwrap(),
            )
        })
        .collect()
}

/// Runs termlint in `dir` and fails the test if it takes longer than `limit` or panics.
pub fn run_within(dir: &Path, args: &[&str], limit: std::time::Duration) -> Output {
    let start = std::time::Instant::now();
    let out = termlint()
        .current_dir(dir)
        .args(args)
        .timeout(limit)
        .output()
        .unwrap();
    assert!(
        start.elapsed() < limit,
        "termlint took {:?}",
        start.elapsed()
    );
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    out
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).unwrap()
}

pub fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// A temporary project: a glossary and files, with a `.git` folder that stops discovery.
pub fn project(glossary: &str, files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    if !glossary.is_empty() {
        fs::write(dir.path().join("glossary.toml"), glossary).unwrap();
    }
    for (name, content) in files {
        write(dir.path(), name, content);
    }
    dir
}

pub fn write(dir: &Path, name: &str, content: &[u8]) {
    let p = dir.join(name);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, content).unwrap();
}

pub fn read(dir: &TempDir, name: &str) -> String {
    fs::read_to_string(dir.path().join(name)).unwrap()
}

/// A small glossary for tests: an error term, a warning term, a case-sensitive term.
pub const GLOSSARY: &str = r#"
[[term]]
id = "shared-future"
source = "人类命运共同体"
preferred = "community of shared future for mankind"
deviants = ["community of common destiny"]
note = "命运 is the future people share."

[[term]]
id = "cpc"
preferred = "Communist Party of China"
deviants = ["CCP"]
severity = "warning"

[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
deviants = ["OBOR", "One Belt, One Road"]
case_sensitive = true
"#;

/// The shared data folder (`../shared`: real drafts, corpora, samples) named by
/// TERMLINT_SHARED; a relative path is taken from the repository root, so the README's
/// `TERMLINT_SHARED=../shared cargo test` works whatever directory a test runs in.
///
/// Unset (or empty): None, after a "skipped" line naming the test. It is written to the
/// process's standard error directly, not with `eprintln!`, which the test harness captures
/// and shows only for failing tests: a skip must be visible in `cargo test`'s output.
/// Set to a folder that does not exist: the test fails, saying so.
pub fn shared() -> Option<PathBuf> {
    let test = std::thread::current()
        .name()
        .unwrap_or("this test")
        .to_string();
    let value = std::env::var_os("TERMLINT_SHARED").filter(|v| !v.is_empty());
    let Some(value) = value else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: TERMLINT_SHARED unset ({test} reads ../shared; run `TERMLINT_SHARED=../shared cargo test`)"
        );
        return None;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join(&value);
    assert!(
        dir.is_dir(),
        "TERMLINT_SHARED={}: {} is not a directory (a relative path is taken from the \
         repository root, {}); point it at the shared data folder, or unset it to skip {test}",
        Path::new(&value).display(),
        dir.display(),
        root.display()
    );
    Some(dir)
}

/// Reads every file in the given folders of `$TERMLINT_SHARED/samples` as `format`, failing
/// on the first that does not parse; returns how many were read, or None (skipped) when
/// TERMLINT_SHARED is not set.
pub fn parse_shared_samples(dirs: &[&str], format: Format) -> Option<usize> {
    let shared = shared()?;
    let mut n = 0;
    for dir in dirs {
        let folder = shared.join("samples").join(dir);
        let entries = fs::read_dir(&folder).unwrap_or_else(|e| panic!("{}: {e}", folder.display()));
        for e in entries {
            let path = e.unwrap().path();
            let text =
                fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            format
                .read(text)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            n += 1;
        }
    }
    Some(n)
}
