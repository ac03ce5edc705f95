//! What termlint prints cannot be turned against the reader: control characters and
//! bidirectional overrides from drafts and file names are escaped, file names that are not
//! UTF-8 reach JSON losslessly, and a closed pipe ends every format quietly.

mod common;

use std::ffi::OsStr;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::process::Command as Std;

use common::{GLOSSARY, project, stderr, stdout, termlint};

#[test]
fn control_characters_in_a_draft_are_escaped_in_human_output() {
    let dir = project(
        GLOSSARY,
        &[(
            "a.txt",
            "Red \x1b[31mtext\x1b[0m, then \u{202e}the CCP met.\n".as_bytes(),
        )],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .output()
        .unwrap();
    let shown = stdout(&out);
    assert!(!shown.contains('\x1b'), "{shown:?}");
    assert!(!shown.contains('\u{202e}'), "{shown:?}");
    // Columns are those of the file (the CCP is at character 30), and the carets stand
    // under the word as shown.
    assert!(shown.contains("┌─ a.txt:1:30"), "{shown}");
    let line = shown
        .lines()
        .find(|l| l.contains("CCP met"))
        .expect("the excerpt line");
    assert!(
        line.ends_with("1 │ Red \\u{1b}[31mtext\\u{1b}[0m, then \\u{202e}the CCP met."),
        "{line}"
    );
    let carets = shown.lines().find(|l| l.contains("^^^")).expect("carets");
    let column = |s: &str, pat: &str| s[..s.find(pat).unwrap()].chars().count();
    assert_eq!(
        column(carets, "^^^"),
        column(line, "CCP"),
        "carets under CCP:\n{line}\n{carets}"
    );
}

#[test]
fn control_characters_in_file_names_are_escaped() {
    let dir = project(GLOSSARY, &[]);
    let name = "evil\x1b]0;title\x07.txt";
    fs::write(dir.path().join(name), "The CCP met.\n").unwrap();
    for format in ["human", "concise"] {
        let out = termlint()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "--format", format, name])
            .output()
            .unwrap();
        let shown = stdout(&out);
        assert!(
            !shown.contains('\x1b') && !shown.contains('\x07'),
            "{format}: {shown:?}"
        );
        assert!(
            shown.contains("evil\\u{1b}]0;title\\u{7}.txt:1:5"),
            "{format}: {shown}"
        );
    }
    // Errors name the file escaped too.
    fs::write(dir.path().join(name), b"bad \xff byte\n").unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", name])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: evil\\u{1b}]0;title\\u{7}.txt: not valid UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_file_name_that_is_not_utf8_is_kept_exactly_in_json() {
    let dir = project(GLOSSARY, &[]);
    let name = OsStr::from_bytes(b"caf\xe9.txt");
    fs::write(dir.path().join(name), "The CCP met.\n").unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .arg(name)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert_eq!(v["path"], "caf\u{fffd}.txt");
    assert_eq!(
        v["path_base64"], "Y2Fm6S50eHQ=",
        "base64 of b\"caf\\xe9.txt\""
    );
    // A UTF-8 name has no such field.
    fs::write(dir.path().join("ok.txt"), "The CCP met.\n").unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "ok.txt"])
        .output()
        .unwrap();
    assert!(!stdout(&out).contains("path_base64"));
}

#[test]
fn every_format_into_a_closed_pipe_ends_quietly() {
    // Enough findings that the output outgrows the pipe after its reader is gone.
    let draft = "The CCP met.\n".repeat(5_000);
    let dir = project(GLOSSARY, &[("a.txt", draft.as_bytes())]);
    let bin = assert_cmd::cargo::cargo_bin("termlint");
    for format in [
        "human", "concise", "json", "jsonl", "github", "sarif", "junit",
    ] {
        let out = Std::new("sh")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "{} check --color never --format {format} a.txt | head -c 10 >/dev/null; echo \"${{PIPESTATUS:-}}\"",
                bin.display()
            ))
            .output()
            .unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "{format}: nothing on stderr"
        );
    }
}
