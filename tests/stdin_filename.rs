//! `check --stdin-filename PATH`: standard input read as PATH (its format, configuration and
//! glossary), reported as PATH, for editors that lint unsaved text through the CLI.

mod common;

use common::{project, rows, stderr, stdout, termlint};

const GLOSSARY: &str = r#"
[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
deviants = ["One Belt, One Road"]
"#;

const OTHER: &str = r#"
[[term]]
id = "fund"
preferred = "Silk Road Investment Fund"
deviants = ["Silk Road Fund"]
"#;

const PO: &str =
    "msgid \"\"\nmsgstr \"\"\n\nmsgid \"One Belt, One Road\"\nmsgstr \"the One Belt, One Road\"\n";

#[test]
fn stdin_is_read_in_the_format_and_settings_of_the_named_path() {
    let dir = project(
        GLOSSARY,
        &[
            ("team/glossary.toml", OTHER.as_bytes()),
            (
                "team/termlint.toml",
                b"glossary = \"glossary.toml\"\n[severity]\nfund = \"warning\"\n",
            ),
        ],
    );
    // PO: the msgid is not checked, the msgstr is; the file need not exist.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "--stdin-filename", "zh.po"])
        .write_stdin(PO)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        rows(&out),
        [r#"zh.po:5:13-5:31 bri deviant error "One Belt, One Road" -> "Belt and Road Initiative""#]
    );
    // In team/: that directory's configuration and glossary (and its severity override).
    let out = termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "jsonl",
            "--stdin-filename",
            "team/notes.md",
            "-",
        ])
        .write_stdin("One Belt, One Road and the `Silk Road Fund` and the Silk Road Fund.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        rows(&out),
        [
            r#"team/notes.md:1:53-1:67 fund deviant warning "Silk Road Fund" -> "Silk Road Investment Fund""#
        ]
    );
}

#[test]
fn fix_with_stdin_filename_prints_the_fixed_text() {
    let dir = project(GLOSSARY, &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--stdin-filename", "zh.po"])
        .write_stdin(PO)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "msgid \"\"\nmsgstr \"\"\n\nmsgid \"One Belt, One Road\"\nmsgstr \"the Belt and Road Initiative\"\n"
    );
    assert!(!dir.path().join("zh.po").exists());
}

#[test]
fn a_named_path_without_a_glossary_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--stdin-filename", "a.md"])
        .write_stdin("One Belt, One Road\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: no glossary.toml found in "),
        "{}",
        stderr(&out)
    );
}
