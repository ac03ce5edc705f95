//! `termlint glossary check` and `termlint terms`.

mod common;

use common::{GLOSSARY, project, stderr, stdout, termlint};

#[test]
fn the_shipped_glossary_passes_its_own_check() {
    let out = termlint()
        .args(["glossary", "check", "glossary.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "glossary.toml: 34 terms, 206 forms, 10 examples: no problems\n"
    );
}

#[test]
fn failing_examples_and_deviants_are_reported_at_their_place() {
    let g = r#"
[[term]]
id = "cpc"
preferred = "Communist Party of China"
deviants = ["CCP", "www.ccp"]
examples = { bad = ["The CCP met.", "Nothing wrong here."], good = ["The CCP met again."] }

[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road"]
deviants = ["OBOR"]

[[term]]
id = "other"
preferred = "something"
deviants = ["Belt and Road plan"]
"#;
    let dir = project(g, &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "check", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!(stderr(&out));
}

#[test]
fn an_invalid_glossary_exits_2() {
    let dir = project("[[term]]\nid = \"x\"\n", &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "check", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("term \"x\" has no `preferred` rendering"),
        "{}",
        stderr(&out)
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "check", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read glossary missing.toml: no such file or directory\n"
    );
}

#[test]
fn terms_lists_and_searches() {
    let dir = project(GLOSSARY, &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["terms", "DESTINY"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "shared-future  人类命运共同体\n    use:    community of shared future for mankind\n    not:    community of common destiny\n"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["terms", "--json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["shared-future", "cpc", "bri"]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["terms", "人类命运"])
        .output()
        .unwrap();
    assert!(stdout(&out).starts_with("shared-future"));
    let out = termlint()
        .current_dir(dir.path())
        .args(["terms", "nothing like this"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "no match");
    assert_eq!(stdout(&out), "");
}
