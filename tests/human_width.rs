//! Human output fits the terminal: `COLUMNS`, else the terminal's width, else 100 columns. The
//! excerpt keeps the whole match and its carets on one row, cut at word boundaries with "…",
//! and long notes wrap under their label.

mod common;

use common::{GLOSSARY, project, stdout, termlint};
use unicode_width::UnicodeWidthStr;

const LONG: &str = "Distinguished guests, friends and colleagues from every continent, we gather \
here today in this magnificent hall to build together a community of common destiny that will, \
over the coming decades, shape how nations cooperate and trade with each other and with us.\n";

fn human(columns: Option<&str>, draft: &str) -> String {
    let dir = project(GLOSSARY, &[("a.txt", draft.as_bytes())]);
    let mut cmd = termlint();
    cmd.current_dir(dir.path()).args(["check", "a.txt"]);
    match columns {
        Some(c) => cmd.env("COLUMNS", c),
        None => cmd.env_remove("COLUMNS"),
    };
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    stdout(&out)
}

#[test]
fn a_long_line_fits_a_120_column_terminal() {
    let out = human(Some("120"), LONG);
    assert_eq!(
        out,
        "\
error[shared-future]: deviant rendering \"community of common destiny\"
  ┌─ a.txt:1:134
  │
1 │ …this magnificent hall to build together a community of common destiny that will, over the coming decades, shape…
  │                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^ use \"community of shared future for mankind\"
  │
  = source term: 人类命运共同体
  = note: 命运 is the future people share.

1 error in 1 file
"
    );
    for line in out.lines() {
        assert!(line.width() <= 120, "{} columns: {line}", line.width());
    }
}

#[test]
fn without_columns_or_a_terminal_the_width_is_100() {
    let out = human(None, LONG);
    assert!(
        out.contains(
            "1 │ …to build together a community of common destiny that will, over the coming decades, shape…\n"
        ),
        "{out}"
    );
    assert!(out.lines().all(|l| l.width() <= 100), "{out}");
}

#[test]
fn a_narrow_terminal_keeps_the_match_and_its_carets_on_one_row() {
    let out = human(Some("40"), LONG);
    assert!(
        out.contains(
            "1 │ …a community of common destiny that…\n  │    ^^^^^^^^^^^^^^^^^^^^^^^^^^^ use"
        ),
        "{out}"
    );
}

#[test]
fn long_notes_wrap_under_their_label() {
    let glossary = GLOSSARY.replace(
        "note = \"命运 is the future people share.\"",
        "note = \"命运 is the future people share: renderings with destiny were dropped in official usage, and the handbook lists the approved ones.\"",
    );
    let dir = project(&glossary, &[("a.txt", b"A community of common destiny.\n")]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "\
error[shared-future]: deviant rendering \"community of common destiny\"
  ┌─ a.txt:1:3
  │
1 │ A community of common destiny.
  │   ^^^^^^^^^^^^^^^^^^^^^^^^^^^ use \"community of shared future for mankind\"
  │
  = source term: 人类命运共同体
  = note: 命运 is the future people share: renderings with
          destiny were dropped in official usage, and the
          handbook lists the approved ones.

1 error in 1 file
"
    );
}

#[test]
fn without_columns_a_terminal_gives_its_width() {
    // `script` (util-linux) runs termlint on a pseudo-terminal 70 columns wide.
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: `script` (util-linux) is not installed");
        return;
    }
    let dir = project(GLOSSARY, &[("a.txt", LONG.as_bytes())]);
    let bin = assert_cmd::cargo::cargo_bin("termlint");
    let out = std::process::Command::new("script")
        .current_dir(dir.path())
        .env_remove("COLUMNS")
        .args(["-q", "-e", "-c"])
        .arg(format!(
            "stty cols 70; {} check --color never a.txt",
            bin.display()
        ))
        .arg("/dev/null")
        .output()
        .unwrap();
    let shown = String::from_utf8(out.stdout).unwrap().replace("\r\n", "\n");
    assert!(
        shown.contains(
            "1 │ …together a community of common destiny that will, over the…\n  │             ^^^^^^^^^^^^^^^^^^^^^^^^^^^ use"
        ),
        "{shown}"
    );
}
