//! termlint.toml: discovery, every key, overrides from the command line, and its errors.

mod common;

use common::{GLOSSARY, project, rows, stderr, stdout, termlint};

const EXTRA: &str = r#"
[[term]]
id = "dual-circulation"
preferred = "dual circulation"
deviants = ["double cycle"]
"#;

#[test]
fn nearest_config_sets_glossaries_severity_formats_and_globs() {
    let dir = project(
        "",
        &[
            ("terms/main.toml", GLOSSARY.as_bytes()),
            ("terms/extra.toml", EXTRA.as_bytes()),
            (
                "docs/termlint.toml",
                br#"
glossary = ["../terms/main.toml", "../terms/extra.toml"]
exclude = ["archive/**"]
format = "concise"
[formats]
markdown = ["md", "mdx"]
[severity]
cpc = "error"
"#,
            ),
            (
                "docs/a.mdx",
                b"`CCP` in code, the CCP in prose, a double cycle.\n",
            ),
            ("docs/archive/old.md", b"The CCP.\n"),
            ("other/b.txt", b"The CCP.\n"),
        ],
    );
    // The output format comes from the configuration of the current directory.
    let out = termlint()
        .current_dir(dir.path().join("docs"))
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(
        stdout(&out),
        "a.mdx:1:20: error[cpc]: deviant rendering \"CCP\": use \"Communist Party of China\"\n\
         a.mdx:1:36: error[dual-circulation]: deviant rendering \"double cycle\": use \"dual circulation\"\n",
        "concise by default, .mdx read as Markdown, cpc raised to error, archive excluded"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "docs"])
        .output()
        .unwrap();
    assert_eq!(
        rows(&out).len(),
        2,
        "the same files from above, with the same configuration"
    );
    assert_eq!(out.status.code(), Some(1));
    // Named explicitly, an excluded file is checked.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "docs/archive/old.md"])
        .output()
        .unwrap();
    assert_eq!(rows(&out).len(), 1);
    // Outside docs/, no configuration and no glossary.toml: a clear error.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "other"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).starts_with("error: no glossary.toml found in "));
}

#[test]
fn explicit_config_and_isolated() {
    let dir = project(
        GLOSSARY,
        &[
            ("termlint.toml", b"[severity]\ncpc = \"error\"\n"),
            ("quiet.toml", b"[severity]\ncpc = \"note\"\n"),
            ("a.txt", b"The CCP.\n"),
        ],
    );
    let sev = |args: &[&str]| {
        let out = termlint()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .args(["--format", "jsonl", "a.txt"])
            .output()
            .unwrap();
        let v: serde_json::Value =
            serde_json::from_str(stdout(&out).lines().next().unwrap()).unwrap();
        v["severity"].as_str().unwrap().to_string()
    };
    assert_eq!(sev(&[]), "error");
    assert_eq!(sev(&["--config", "quiet.toml"]), "note");
    assert_eq!(
        sev(&["--isolated"]),
        "warning",
        "the glossary's own severity"
    );
}

#[test]
fn conflicting_glossaries_name_both_files() {
    let other = r#"
[[term]]
id = "party"
preferred = "CCP"
deviants = ["the Party of China"]
"#;
    let dir = project(
        GLOSSARY,
        &[
            ("other.toml", other.as_bytes()),
            (
                "termlint.toml",
                b"glossary = [\"glossary.toml\", \"other.toml\"]\n",
            ),
            ("a.txt", b"x\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: glossaries conflict: \"CCP\" is approved in one glossary and deviant in the other: \
         term \"cpc\" in glossary.toml, term \"party\" in other.toml\n"
    );
}

#[test]
fn config_errors_point_into_the_file() {
    let dir = project(
        GLOSSARY,
        &[
            (
                "termlint.toml",
                b"glossary = \"glossary.toml\"\nexlude = [\"x\"]\n",
            ),
            ("a.txt", b"x\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("config_unknown_key", stderr(&out));

    let dir = project(
        GLOSSARY,
        &[
            ("termlint.toml", b"[severity]\nnot-a-term = \"error\"\n"),
            ("a.txt", b"x\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    insta::assert_snapshot!("config_unknown_term", stderr(&out));
}

#[test]
fn config_command_prints_the_resolved_configuration() {
    let dir = project(
        GLOSSARY,
        &[
            (
                "sub/.termlint.toml",
                b"format = \"github\"\nexclude = [\"tmp/**\"]\n",
            ),
            ("sub/a.md", b"x\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["config", "sub/a.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    insta::assert_snapshot!(stdout(&out));
}

#[test]
fn completions_and_man_page() {
    let out = termlint().args(["completions", "bash"]).output().unwrap();
    assert!(stdout(&out).contains("termlint") && stdout(&out).contains("--max-warnings"));
    let out = termlint().arg("man").output().unwrap();
    assert!(
        stdout(&out).starts_with(".ie") || stdout(&out).contains(".TH termlint"),
        "{}",
        &stdout(&out)[..200]
    );
}
