//! Output formats for CI: concise, GitHub annotations, SARIF 2.1.0 (checked with the official
//! validator when CI provides it) and JUnit XML. Each one is snapshot-tested.

mod common;

use std::process::Command as StdCommand;

use common::{GLOSSARY, project, stdout, termlint};

const DRAFT: &str = "A community of common\ndestiny, the CCP, 50% & <more>.\n“the OBOR”\n";

fn output(format: &str) -> String {
    let dir = project(
        GLOSSARY,
        &[("draft.md", DRAFT.as_bytes()), ("clean.md", b"Fine.\n")],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", format])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    stdout(&out)
}

#[test]
fn concise() {
    insta::assert_snapshot!(output("concise"));
}

#[test]
fn github() {
    insta::assert_snapshot!(output("github"));
}

#[test]
fn junit() {
    let xml = output("junit");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), 2, "one test case per checked file");
    assert_eq!(
        doc.descendants()
            .filter(|n| n.has_tag_name("failure"))
            .count(),
        1
    );
    insta::assert_snapshot!(xml);
}

#[test]
fn sarif() {
    let text = output("sarif");
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], "2.1.0");
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    insta::assert_snapshot!(text);
}

/// SARIF validated by Microsoft's SARIF Multitool (npm @microsoft/sarif-multitool-linux),
/// whose path `.ci/run` puts in TERMLINT_SARIF_MULTITOOL: no schema or rule errors, and no
/// warnings but the one about a missing informationUri (termlint has no web site).
#[test]
fn sarif_passes_the_official_validator() {
    let Some(tool) = std::env::var_os("TERMLINT_SARIF_MULTITOOL") else {
        eprintln!("skipped: set TERMLINT_SARIF_MULTITOOL to the Sarif.Multitool binary");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sarif = dir.path().join("fixtures.sarif");
    let out = termlint()
        .args(["check", "--format", "sarif", "fixtures"])
        .output()
        .unwrap();
    std::fs::write(&sarif, &out.stdout).unwrap();
    let log = dir.path().join("validation.sarif");
    let run = StdCommand::new(tool)
        .arg("validate")
        .arg(&sarif)
        .arg("-o")
        .arg(&log)
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&run.stdout).into_owned();
    assert!(run.status.success(), "{printed}");
    let problems: Vec<&str> = printed
        .lines()
        .filter(|l| {
            l.contains(": error ") || (l.contains(": warning ") && !l.contains("SARIF2005"))
        })
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // The validator must really have read the file: one run, results checked.
    let log: serde_json::Value = serde_json::from_slice(&std::fs::read(&log).unwrap()).unwrap();
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
}

#[test]
fn sarif_validator_is_real() {
    // The same validator must reject a broken file, or the test above proves nothing.
    let Some(tool) = std::env::var_os("TERMLINT_SARIF_MULTITOOL") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.sarif");
    std::fs::write(&bad, r#"{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"message":{"text":"m"},"ruleId":"r","locations":[{"physicalLocation":{"region":{"startLine":0}}}]}]}]}"#).unwrap();
    let run = StdCommand::new(tool)
        .arg("validate")
        .arg(&bad)
        .arg("-o")
        .arg(dir.path().join("v.sarif"))
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&run.stdout).contains(": error JSON1008"));
}
