//! Messages that tell CI users why: a run failed by warnings says so, JUnit fails only on
//! findings that fail the run, contradictory or impossible options are refused, and an empty
//! `terms` search says what it looked for.

mod common;

use common::{GLOSSARY, project, stderr, stdout, termlint};

fn run(dir: &std::path::Path, args: &[&str]) -> std::process::Output {
    termlint().current_dir(dir).args(args).output().unwrap()
}

#[test]
fn a_run_failed_by_warnings_says_why() {
    // `cpc` is a warning in the test glossary.
    let dir = project(GLOSSARY, &[("a.txt", b"The CCP met.\n")]);
    let out = run(
        dir.path(),
        &["check", "--format", "concise", "--max-warnings", "0"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "termlint: failed: 1 warning, more than --max-warnings 0 allows\n"
    );
    let out = run(
        dir.path(),
        &["check", "--format", "concise", "--deny", "warnings"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "termlint: failed: 1 warning, and --deny warnings makes warnings fail the run\n"
    );
    let out = run(dir.path(), &["check", "--format", "concise"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn junit_fails_only_on_findings_that_fail_the_run() {
    let dir = project(GLOSSARY, &[("a.txt", b"The CCP met.\n")]);
    let out = run(dir.path(), &["check", "--format", "junit"]);
    assert_eq!(out.status.code(), Some(0));
    let xml = stdout(&out);
    assert!(!xml.contains("<failure"), "{xml}");
    assert!(xml.contains("failures=\"0\""), "{xml}");
    assert!(
        xml.contains("<system-out>a.txt:1:5: warning[cpc]: deviant rendering &quot;CCP&quot;"),
        "{xml}"
    );
    let out = run(
        dir.path(),
        &["check", "--format", "junit", "--deny", "warnings"],
    );
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    assert!(
        xml.contains("<failure type=\"termlint\" message=\"1 finding\">"),
        "{xml}"
    );
    assert!(xml.contains("failures=\"1\""), "{xml}");
}

#[test]
fn impossible_options_are_refused() {
    let dir = project(GLOSSARY, &[("a.txt", b"The CCP met.\n")]);
    let out = run(dir.path(), &["check", "-j", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out)
            .contains("invalid value '0' for '--threads <N>': at least one thread is needed"),
        "{}",
        stderr(&out)
    );
    for other in [["--deny", "warnings"], ["--max-warnings", "3"]] {
        let out = run(dir.path(), &["check", "--exit-zero", other[0], other[1]]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("the argument '--exit-zero' cannot be used with"),
            "{}",
            stderr(&out)
        );
    }
}

#[test]
fn terms_says_when_nothing_matches() {
    let dir = project(GLOSSARY, &[]);
    let out = run(dir.path(), &["terms", "nosuchthing"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "termlint: no term matches \"nosuchthing\" (by id, source term or rendering)\n"
    );
}
