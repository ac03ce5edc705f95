//! Baselines, and the flags that decide whether findings fail the run.

mod common;

use std::fs;

use common::{GLOSSARY, project, read, rows, stderr, stdout, termlint};

#[test]
fn baseline_hides_known_findings_and_survives_edits() {
    let dir = project(
        GLOSSARY,
        &[(
            "a.md",
            b"Intro.\n\nThe CCP met twice: CCP.\nA community of common destiny.\n",
        )],
    );
    let run = |args: &[&str]| {
        termlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap()
    };

    let out = run(&[
        "check",
        "--write-baseline",
        "baseline.json",
        "--format",
        "jsonl",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(rows(&out).len(), 3, "writing a baseline still reports");
    let baseline: serde_json::Value = serde_json::from_str(&read(&dir, "baseline.json")).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["entries"].as_array().unwrap();
    assert_eq!(
        entries.len(),
        2,
        "two occurrences on one line are one entry with a count"
    );
    assert!(
        entries
            .iter()
            .any(|e| e["term"] == "cpc" && e["count"] == 2 && e["path"] == "a.md")
    );

    let out = run(&["check", "--baseline", "baseline.json", "--format", "jsonl"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "");

    // Edits elsewhere (and spacing on the line) do not wake the known findings; a new one shows.
    fs::write(
        dir.path().join("a.md"),
        "# New title\n\nIntro, rewritten.\n\nThe  CCP met twice: CCP.\nA community of common destiny.\nThe OBOR is new.\n",
    )
    .unwrap();
    let out = run(&["check", "--baseline", "baseline.json", "--format", "jsonl"]);
    assert_eq!(
        rows(&out),
        [r#"a.md:7:5-7:9 bri deviant error "OBOR" -> "Belt and Road Initiative""#]
    );
    let out = run(&["check", "--baseline", "baseline.json", "--color", "never"]);
    assert!(
        stdout(&out).ends_with("1 error in 1 file; 3 hidden by the baseline\n"),
        "{}",
        stdout(&out)
    );

    // A fixed finding leaves a stale entry: reported, then dropped when rewriting.
    fs::write(dir.path().join("a.md"), "The CCP met twice: CCP.\n").unwrap();
    let out = run(&["check", "--baseline", "baseline.json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "warning: 1 baseline entry no longer matches any finding; regenerate it with --write-baseline\n"
    );
    let out = run(&[
        "check",
        "--write-baseline",
        "baseline.json",
        "--format",
        "jsonl",
    ]);
    assert_eq!(
        stderr(&out),
        "termlint: wrote baseline baseline.json (2 findings; dropped 1 stale entry)\n"
    );
    let baseline: serde_json::Value = serde_json::from_str(&read(&dir, "baseline.json")).unwrap();
    assert_eq!(baseline["entries"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_baseline_file_is_an_error() {
    let dir = project(
        GLOSSARY,
        &[("a.md", b"The CCP.\n"), ("b.json", b"{\"entries\": 3}")],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--baseline", "b.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: baseline b.json is not a termlint baseline: "),
        "{}",
        stderr(&out)
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--baseline", "none.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read baseline none.json: no such file or directory\n"
    );
}

#[test]
fn deny_warnings_max_warnings_and_exit_zero() {
    // Two warnings (cpc) and no errors.
    let dir = project(
        GLOSSARY,
        &[
            ("w.txt", b"The CCP and the CCP.\n"),
            ("e.txt", b"The OBOR.\n"),
        ],
    );
    let code = |args: &[&str]| {
        termlint()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .output()
            .unwrap()
            .status
            .code()
    };
    assert_eq!(code(&["w.txt"]), Some(0));
    assert_eq!(code(&["--deny", "warnings", "w.txt"]), Some(1));
    assert_eq!(code(&["--max-warnings", "2", "w.txt"]), Some(0));
    assert_eq!(code(&["--max-warnings", "1", "w.txt"]), Some(1));
    assert_eq!(code(&["e.txt"]), Some(1));
    assert_eq!(code(&["--exit-zero", "e.txt", "w.txt"]), Some(0));
    assert_eq!(
        code(&["--exit-zero", "e.txt", "missing.txt"]),
        Some(2),
        "errors still exit 2"
    );
}

#[test]
fn statistics_count_findings_per_term() {
    let dir = project(
        GLOSSARY,
        &[
            ("a.txt", b"The CCP, the CCP, the OBOR.\n"),
            ("b.txt", b"CCP\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--statistics"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "     3  warning  cpc  use \"Communist Party of China\"\n     1  error    bri  use \"Belt and Road Initiative\"\n     4  total    1 error, 3 warnings in 2 files\n"
    );
    assert_eq!(out.status.code(), Some(1));
}
