//! `termlint init`: termlint.toml and glossary.toml (empty with examples, or imported from
//! termbases), the next steps and the CI snippets; never overwriting a file.

mod common;

use std::fs;
use std::path::Path;

use common::{stderr, stdout, termlint};

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    termlint().current_dir(dir).args(args).output().unwrap()
}

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join(".git")).unwrap();
    dir
}

#[test]
fn init_writes_a_configuration_and_a_glossary_with_examples() {
    let dir = repo();
    let out = run(dir.path(), &["init"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let said = stdout(&out);
    assert!(said.starts_with(
        "Created termlint.toml and glossary.toml (no terms yet: add them from the examples in it).\n\nNext:\n  termlint glossary check       validate the glossary\n"
    ), "{said}");
    for snippet in [
        "      hooks:\n        - id: termlint\n        - id: termlint-glossary\n",
        "        - run: termlint check --format github\n",
        "          run: termlint check --format markdown --exit-zero >> \"$GITHUB_STEP_SUMMARY\"\n",
    ] {
        assert!(said.contains(snippet), "{snippet}");
    }
    // Both load: the configuration names the glossary, which has no terms yet.
    let out = run(dir.path(), &["config"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("glossary = [\"glossary.toml\"]\nterms = 0\n"),
        "{}",
        stdout(&out)
    );
    let out = run(dir.path(), &["glossary", "check"]);
    assert_eq!(
        stdout(&out),
        "glossary.toml: 0 terms, 0 forms, 0 examples: no problems\n"
    );
    // The commented examples are a valid glossary whose examples pass.
    let glossary = fs::read_to_string(dir.path().join("glossary.toml")).unwrap();
    assert!(glossary.contains("source_language = \"zh\"\ntarget_language = \"en\"\n"));
    let examples: String = glossary
        .lines()
        .skip_while(|l| !l.starts_with("# [[term]]"))
        .map(|l| {
            l.strip_prefix("# ")
                .unwrap_or(l.strip_prefix('#').unwrap_or(l))
        })
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(dir.path().join("glossary.toml"), examples).unwrap();
    let out = run(dir.path(), &["glossary", "check"]);
    assert_eq!(
        stdout(&out),
        "glossary.toml: 2 terms, 9 forms, 2 examples: no problems\n",
        "{}",
        stderr(&out)
    );
    fs::write(dir.path().join("draft.txt"), "The OBOR summit.\n").unwrap();
    let out = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(
        stdout(&out),
        "draft.txt:1:5: error[belt-and-road]: deviant rendering \"OBOR\": use \"Belt and Road Initiative\"\n"
    );
}

#[test]
fn init_imports_termbases_given_on_the_command_line() {
    let dir = repo();
    fs::write(
        dir.path().join("terms.csv"),
        "zh,en,old\n一带一路,Belt and Road Initiative,One Belt One Road\n",
    )
    .unwrap();
    let out = run(
        dir.path(),
        &[
            "init",
            "terms.csv",
            "--columns",
            "zh,en,deviants=old",
            "--dir",
            "project",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "no such directory yet");
    assert_eq!(
        stderr(&out),
        "error: project is not a directory; create it first, or run termlint init inside the project\n"
    );
    fs::create_dir(dir.path().join("project")).unwrap();
    let out = run(
        dir.path(),
        &[
            "init",
            "terms.csv",
            "--columns",
            "zh,en,deviants=old",
            "--dir",
            "project",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "imported 1 term (zh to en) from 1 entries; 0 warnings\n"
    );
    assert!(stdout(&out).starts_with(
        "Created project/termlint.toml and project/glossary.toml (1 term imported).\n"
    ));
    let glossary = fs::read_to_string(dir.path().join("project/glossary.toml")).unwrap();
    assert!(glossary.starts_with(
        "# Imported by `termlint init` from terms.csv; review it, then run `termlint glossary check`.\nversion = 1\n"
    ), "{glossary}");
    fs::write(
        dir.path().join("project/a.txt"),
        "The One Belt One Road forum.\n",
    )
    .unwrap();
    let out = run(
        &dir.path().join("project"),
        &["check", "--format", "concise"],
    );
    assert_eq!(
        stdout(&out),
        "a.txt:1:5: error[belt-and-road-initiative]: deviant rendering \"One Belt One Road\": use \"Belt and Road Initiative\"\n"
    );
}

#[test]
fn init_never_overwrites_and_writes_nothing_on_error() {
    for existing in ["termlint.toml", "glossary.toml", ".termlint.toml"] {
        let dir = repo();
        fs::write(dir.path().join(existing), "# mine\n").unwrap();
        let out = run(dir.path(), &["init"]);
        assert_eq!(out.status.code(), Some(2), "{existing}");
        assert_eq!(
            stderr(&out),
            format!(
                "error: ./{existing} already exists; termlint init never overwrites a file\n  = help: edit it, or move it away and run termlint init again\n"
            )
        );
        assert_eq!(stdout(&out), "");
        assert_eq!(
            fs::read_to_string(dir.path().join(existing)).unwrap(),
            "# mine\n"
        );
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, [".git", existing], "nothing else written");
    }
    // A termbase that does not parse: an error, and no file.
    let dir = repo();
    fs::write(
        dir.path().join("terms.tbx"),
        "<martif><text><body><termEntry>",
    )
    .unwrap();
    let out = run(dir.path(), &["init", "terms.tbx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: terms.tbx: "),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).ends_with("termlint init: nothing was written\n"));
    assert!(!dir.path().join("glossary.toml").exists());
    assert!(!dir.path().join("termlint.toml").exists());
}
