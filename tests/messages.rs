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

#[test]
fn statistics_label_each_severity_and_print_a_total() {
    // "OBOR" quoted whole is a mention: a note; unquoted, an error. Both are counted, each
    // under its own severity.
    let dir = project(
        GLOSSARY,
        &[
            ("a.txt", b"The OBOR and the OBOR met the CCP.\n"),
            ("b.txt", "Once called \u{201c}OBOR\u{201d}.\n".as_bytes()),
        ],
    );
    let out = run(dir.path(), &["check", "--statistics"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stdout(&out),
        concat!(
            "     2  error    bri  use \"Belt and Road Initiative\"\n",
            "     1  warning  cpc  use \"Communist Party of China\"\n",
            "     1  note     bri  use \"Belt and Road Initiative\"\n",
            "     4  total    2 errors, 1 warning, 1 note in 2 files\n",
        )
    );

    let out = run(dir.path(), &["check", "--statistics", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        v,
        serde_json::json!({
            "statistics": [
                {"term": "bri", "severity": "error", "count": 2, "preferred": "Belt and Road Initiative"},
                {"term": "cpc", "severity": "warning", "count": 1, "preferred": "Communist Party of China"},
                {"term": "bri", "severity": "note", "count": 1, "preferred": "Belt and Road Initiative"},
            ],
            "total": 4, "errors": 2, "warnings": 1, "notes": 1,
            "files_with_findings": 2, "files_checked": 2,
            "fixed": 0, "suppressed": 0, "baseline_hidden": 0,
        })
    );
}

#[test]
fn fix_with_statistics_counts_what_is_left_and_what_was_fixed() {
    // A mention (a quoted deviant) is not fixed: it is what is left.
    let dir = project(
        GLOSSARY,
        &[("a.txt", "The OBOR, once \u{201c}OBOR\u{201d}.\n".as_bytes())],
    );
    let out = run(dir.path(), &["check", "--fix", "--statistics"]);
    assert_eq!(
        stdout(&out),
        "     1  note     bri  use \"Belt and Road Initiative\"\n     1  total    1 note in 1 file; fixed 1 finding in 1 file\n"
    );
    assert_eq!(out.status.code(), Some(0));
    let dir = project(GLOSSARY, &[("a.txt", b"The OBOR met.\n")]);
    let out = run(dir.path(), &["check", "--fix", "--statistics"]);
    assert_eq!(
        stdout(&out),
        "All checks passed! (fixed 1 finding in 1 file)\n"
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_clean_run_says_so_on_standard_output() {
    // ruff prints "All checks passed!" on standard output, for its full and concise formats.
    let dir = project(GLOSSARY, &[("a.txt", b"All is well.\n")]);
    for format in ["human", "concise"] {
        let out = run(dir.path(), &["check", "--format", format]);
        assert_eq!(out.status.code(), Some(0));
        assert_eq!(stdout(&out), "All checks passed!\n", "{format}");
        assert_eq!(stderr(&out), "", "{format}");
    }
    let out = run(dir.path(), &["check", "--statistics"]);
    assert_eq!(stdout(&out), "All checks passed!\n");
    // Machine formats stay machine-readable.
    let out = run(dir.path(), &["check", "--format", "json"]);
    assert_eq!(stdout(&out), "[]\n");
    // Findings hidden by a directive are said to be.
    let dir = project(
        GLOSSARY,
        &[("a.txt", b"# termlint-disable-next-line cpc\nThe CCP met.\n")],
    );
    let out = run(dir.path(), &["check"]);
    assert_eq!(
        stdout(&out),
        "All checks passed! (1 suppressed by directives)\n"
    );
}

#[test]
fn columns_on_a_file_that_is_not_a_table_is_warned_of() {
    let dir = project(
        GLOSSARY,
        &[
            ("a.txt", b"The CCP met.\n"),
            ("t.tsv", b"zh\ten\n\xe4\xb8\xad\xe5\x9b\xbd\xe5\x85\xb1\xe4\xba\xa7\xe5\x85\x9a\tThe CCP met.\n"),
        ],
    );
    let out = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--columns",
            "zh,en",
            "a.txt",
            "t.tsv",
        ],
    );
    assert_eq!(
        stderr(&out),
        "warning: a.txt: --columns applies to .tsv and .csv tables only; this file was read as text\n"
    );
    assert_eq!(
        stdout(&out),
        "a.txt:1:5: warning[cpc]: deviant rendering \"CCP\": use \"Communist Party of China\"\nt.tsv:2:11: warning[cpc]: deviant rendering \"CCP\": use \"Communist Party of China\"\n"
    );
    assert_eq!(out.status.code(), Some(0));
    // Walking a directory: only named files are warned about.
    let out = run(
        dir.path(),
        &["check", "--format", "concise", "--columns", "zh,en"],
    );
    assert_eq!(stderr(&out), "");
}

#[test]
fn help_texts_say_what_each_command_does() {
    let dir = project("", &[("a.txt", b"text\n")]);
    let out = run(dir.path(), &["--help"]);
    assert!(
        stdout(&out).contains(
            "  glossary     Check a glossary, import termbases into one, find renderings it lacks, or export it\n"
        ),
        "{}",
        stdout(&out)
    );
    let out = run(dir.path(), &["terms", "--help"]);
    let help = stdout(&out);
    assert!(
        help.contains("-g, --glossary <FILE>  The glossary to list (repeat to merge several)"),
        "{help}"
    );
    assert!(!help.contains("each file"), "{help}");
    // The glossary subcommands take the glossary as an argument, not as --glossary.
    for (command, takes) in [
        (
            &["glossary", "check"][..],
            "or give its path: termlint glossary check FILE\n",
        ),
        (
            &["glossary", "export"][..],
            "or give its path: termlint glossary export FILE\n",
        ),
        (&["terms"][..], "or pass --glossary FILE\n"),
        (&["check"][..], "or pass --glossary FILE\n"),
    ] {
        let out = run(dir.path(), command);
        assert_eq!(out.status.code(), Some(2), "{command:?}");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: no glossary.toml found in "),
            "{err}"
        );
        assert!(err.ends_with(takes), "{command:?}: {err}");
    }
}

#[test]
fn baseline_and_write_baseline_on_one_new_file_start_from_empty() {
    let dir = project(GLOSSARY, &[("a.txt", b"The CCP met. The OBOR.\n")]);
    let out = run(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--baseline",
            "b.json",
            "--write-baseline",
            "b.json",
        ],
    );
    // First run: every finding is new and reported; the baseline is written and said so.
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout(&out).lines().count(), 2, "{}", stdout(&out));
    assert_eq!(
        stderr(&out),
        "termlint: wrote baseline b.json (2 findings)\n"
    );
    // Second run: all known.
    let out = run(
        dir.path(),
        &["check", "--format", "concise", "--baseline", "b.json"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "All checks passed!\n");
}

#[test]
fn glossary_check_counts_problems_and_terms_separately() {
    let glossary = "[[term]]\nid = \"a\"\npreferred = \"alpha\"\ndeviants = [\"beta\"]\nexamples = { bad = [\"no deviant here\"], good = [\"beta\"] }\n\n[[term]]\nid = \"b\"\npreferred = \"gamma\"\n\n[[term]]\nid = \"c\"\npreferred = \"delta\"\n";
    let dir = project(glossary, &[]);
    let out = run(dir.path(), &["glossary", "check", "--color", "never"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).ends_with("glossary.toml: 2 problems (the glossary has 3 terms)\n"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_run_with_errors_does_not_say_all_checks_passed() {
    let dir = project(
        GLOSSARY,
        &[("a.txt", b"All is well.\n"), ("b.txt", b"\xff\xfeU\x00")],
    );
    let out = run(dir.path(), &["check", "a.txt", "b.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "no findings in the file checked, but not everything could be checked: see the errors above\n"
    );
    assert!(stderr(&out).starts_with("error: b.txt: UTF-16 text is not supported"));
    let out = run(
        dir.path(),
        &["check", "--format", "concise", "a.txt", "b.txt"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
}
