//! `extend` in termlint.toml (ruff's model): a nested configuration replaces its parent's
//! settings unless it extends one; then each key it sets replaces that key. A missing file and
//! a cycle are errors at the value.

mod common;

use common::{project, rows, stderr, termlint};

const TERMS: &str = r#"
[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
deviants = ["One Belt, One Road"]
"#;

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    termlint().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn a_nested_config_that_extends_keeps_its_parents_other_settings() {
    let dir = project(
        "",
        &[
            ("terms.toml", TERMS.as_bytes()),
            (
                "termlint.toml",
                b"glossary = \"terms.toml\"\nexclude = [\"**/old.txt\"]\n[severity]\nbri = \"note\"\n",
            ),
            (
                "team/termlint.toml",
                b"extend = \"../termlint.toml\"\n[severity]\nbri = \"warning\"\n",
            ),
            ("team/a.txt", b"the One Belt, One Road\n"),
            ("team/old.txt", b"the One Belt, One Road\n"),
            ("a.txt", b"One Belt, One Road\n"),
        ],
    );
    let out = run(dir.path(), &["check", "--format", "jsonl", "a.txt", "team"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        rows(&out),
        [
            r#"a.txt:1:1-1:19 bri deviant note "One Belt, One Road" -> "Belt and Road Initiative""#,
            // The glossary and the exclusion (relative to the parent's directory) are the
            // parent's; the severity is the team's.
            r#"team/a.txt:1:5-1:23 bri deviant warning "One Belt, One Road" -> "Belt and Road Initiative""#,
        ]
    );
}

#[test]
fn a_nested_config_without_extend_replaces_its_parent() {
    let dir = project(
        "",
        &[
            ("terms.toml", TERMS.as_bytes()),
            ("termlint.toml", b"glossary = \"terms.toml\"\n"),
            ("team/termlint.toml", b"[severity]\nbri = \"warning\"\n"),
            ("team/a.txt", b"the One Belt, One Road\n"),
        ],
    );
    let out = run(dir.path(), &["check", "team/a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: no glossary.toml found in "),
        "{}",
        stderr(&out)
    );
}

#[test]
fn extending_a_missing_file_is_an_error_at_the_value() {
    let dir = project(
        TERMS,
        &[
            ("team/termlint.toml", b"extend = \"../nope.toml\"\n"),
            ("team/a.txt", b"the One Belt, One Road\n"),
        ],
    );
    let out = run(dir.path(), &["check", "team/a.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: invalid configuration: cannot extend `../nope.toml`: no such file or directory\n  \
         ┌─ team/termlint.toml:1:10\n  │\n1 │ extend = \"../nope.toml\"\n  │          ^^^^^^^^^^^^^^\n  \
         │\n  = help: `extend` takes the path of another termlint.toml, relative to this file\n\n"
    );
}

#[test]
fn a_cycle_of_extends_is_an_error_naming_the_files() {
    let dir = project(
        TERMS,
        &[
            ("a/termlint.toml", b"extend = \"../b/termlint.toml\"\n"),
            (
                "b/termlint.toml",
                b"format = \"concise\"\nextend = \"../a/termlint.toml\"\n",
            ),
            ("a/x.txt", b"the One Belt, One Road\n"),
        ],
    );
    let out = run(dir.path(), &["check", "a/x.txt"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(
            "error: invalid configuration: `extend` makes a cycle: a/termlint.toml -> \
             b/termlint.toml -> a/termlint.toml\n  ┌─ b/termlint.toml:2:10\n"
        ),
        "{err}"
    );
    assert!(
        err.contains("= help: remove `extend` from one of these files"),
        "{err}"
    );
}
