//! The `termlint` binary end to end: every finding in `fixtures/` asserted by path, line,
//! column, end and term; exit codes; every bad input with its message and an intact file.

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command as StdCommand, Output, Stdio};

use common::{GLOSSARY, project, rows, stderr, stdout, termlint};
use tempfile::TempDir;

#[test]
fn every_finding_in_the_fixtures() {
    let out = termlint()
        .args(["check", "--format", "jsonl", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    let expected = [
        // A UTF-8 BOM is accepted and not counted as a column.
        r#"fixtures/bom.txt:1:42-1:45 cpc deviant error "CCP" -> "CPC""#,
        // Rule 4: word boundaries. Line 2 (CCPA, OBORO, xCCP, CCP2) and line 4 (URLs) are silent.
        r#"fixtures/boundaries.txt:3:21-3:24 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:27-3:30 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:34-3:37 cpc deviant note "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:40-3:43 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:47-3:50 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:54-3:57 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:63-3:66 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/boundaries.txt:3:76-3:79 cpc deviant error "CCP" -> "CPC""#,
        // Rules 1, 7, 8: case-insensitive deviants, case-sensitive terms, suggestion casing.
        r#"fixtures/casing.txt:1:1-1:28 shared-future deviant error "COMMUNITY OF COMMON DESTINY" -> "COMMUNITY OF SHARED FUTURE FOR MANKIND""#,
        r#"fixtures/casing.txt:2:1-2:28 shared-future deviant error "Community of common destiny" -> "Community of shared future for mankind""#,
        r#"fixtures/casing.txt:3:5-3:32 shared-future deviant error "community of common destiny" -> "community of shared future for mankind""#,
        r#"fixtures/casing.txt:4:5-4:29 belt-and-road miscased error "belt and road initiative" -> "Belt and Road Initiative""#,
        r#"fixtures/casing.txt:4:58-4:71 belt-and-road miscased error "belt and road" -> "Belt and Road""#,
        r#"fixtures/casing.txt:6:1-6:75 xi-thought miscased error "Xi Jinping Thought on socialism with Chinese characteristics for a new era" -> "Xi Jinping Thought on Socialism with Chinese Characteristics for a New Era""#,
        // Rule 9: CRLF gives the same lines and columns as LF; rule 2 across a CRLF break.
        r#"fixtures/crlf-notes.txt:2:5-2:28 cpc deviant error "Chinese Communist Party" -> "Communist Party of China""#,
        r#"fixtures/crlf-notes.txt:3:25-3:28 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/crlf-notes.txt:4:13-5:6 dual-circulation deviant error "dual\r\ncycle" -> "dual circulation""#,
        // Rule 5: plurals, and the suggestion carries the ending.
        r#"fixtures/plurals.txt:1:22-1:38 core-interests deviant error "kernel interests" -> "core interests""#,
        r#"fixtures/plurals.txt:1:47-1:60 core-interests deviant error "core benefits" -> "core interests""#,
        r#"fixtures/plurals.txt:2:5-2:35 targeted-poverty-alleviation deviant error "precision poverty alleviations" -> "targeted poverty alleviations""#,
        r#"fixtures/plurals.txt:2:54-2:78 new-development-philosophy deviant warning "new development concepts" -> "new development philosophies""#,
        // Markdown: prose only; markup and soft breaks do not break a term.
        r#"fixtures/press-release.md:6:14-6:41 shared-future deviant error "Community of Common Destiny" -> "Community of Shared Future for Mankind""#,
        r#"fixtures/press-release.md:10:25-11:9 belt-and-road deviant error "One Belt,\nOne Road" -> "Belt and Road""#,
        r#"fixtures/press-release.md:13:22-13:50 shared-future deviant error "community of *common destiny" -> "community of shared future for mankind""#,
        r#"fixtures/press-release.md:13:56-14:12 win-win deviant error "win win\ncooperation" -> "win-win cooperation""#,
        r#"fixtures/press-release.md:16:35-17:22 changes-unseen-in-a-century deviant error "great changes\n> unseen in a century" -> "profound changes unseen in a century""#,
        r#"fixtures/press-release.md:17:39-17:71 new-international-relations deviant error "new-type international relations" -> "new type of international relations""#,
        r#"fixtures/press-release.md:20:7-20:10 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/press-release.md:20:31-20:34 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/press-release.md:21:3-21:33 targeted-poverty-alleviation deviant error "precision poverty alleviations" -> "targeted poverty alleviations""#,
        r#"fixtures/press-release.md:25:13-25:40 shared-future deviant error "community of shared destiny" -> "community of shared future for mankind""#,
        r#"fixtures/press-release.md:26:10-26:14 belt-and-road deviant error "OBOR" -> "BRI""#,
        r#"fixtures/press-release.md:36:10-36:14 belt-and-road deviant note "OBOR" -> "BRI""#,
        // Rules 2, 3, 6 in plain text: wrapped terms, NBSP hyphen, curly quotes, approved forms
        // hiding deviants, a blank line ending a term.
        r#"fixtures/speech-draft.txt:3:44-4:15 shared-future deviant error "community of\ncommon destiny" -> "community of shared future for mankind""#,
        r#"fixtures/speech-draft.txt:5:2-5:20 belt-and-road deviant note "One Belt, One Road" -> "Belt and Road""#,
        r#"fixtures/speech-draft.txt:15:12-15:58 seek-common-ground deviant error "seek common points while reserving differences" -> "seek common ground while shelving differences""#,
        r#"fixtures/speech-draft.txt:16:14-16:42 china-story deviant warning "tell well the story of China" -> "tell China's stories well""#,
        // Translation formats: PO (a fuzzy entry is a note; a directive hides a missing term),
        // TMX (codes glue words), Word (runs joined, a tracked deletion left out), XLIFF 2.0
        // (a term across a <pc>), a TSV table (fixtures/translations/termlint.toml sets columns).
        r#"fixtures/translations/briefing.po:9:36-9:54 belt-and-road deviant error "One Belt, One Road" -> "Belt and Road""#,
        r#"fixtures/translations/briefing.po:13:9-13:51 targeted-poverty-alleviation missing error "Poverty relief has made decisive progress." -> "targeted poverty alleviation""#,
        r#"fixtures/translations/briefing.po:23:41-23:44 cpc deviant note "CCP" -> "CPC""#,
        r#"fixtures/translations/briefing.po:36:28-36:70 shared-future inconsistent warning "community with a shared future for mankind" -> "community of shared future for mankind""#,
        r#"fixtures/translations/memory.tmx:12:69-12:107 chinese-dream deviant error "China<ept i=\"1\">&lt;/i&gt;</ept> Dream" -> "Chinese Dream""#,
        r#"fixtures/translations/memory.tmx:16:31-16:59 win-win missing error "We stand for mutual benefit." -> "win-win cooperation""#,
        r#"fixtures/translations/remarks.docx:2:26-2:53 shared-future deviant error "community of common destiny" -> "community of shared future for mankind""#,
        r#"fixtures/translations/remarks.docx:4:34-4:37 cpc deviant error "CCP" -> "CPC""#,
        r#"fixtures/translations/speech.xlf:8:28-8:66 shared-future deviant error "community of <pc id=\"1\">common destiny" -> "community of shared future for mankind""#,
        r#"fixtures/translations/speech.xlf:14:17-14:67 common-prosperity missing error "We will make solid progress towards shared wealth." -> "common prosperity""#,
        r#"fixtures/translations/speeches.tsv:3:24-3:47 new-development-philosophy deviant warning "new development concept" -> "new development philosophy""#,
        r#"fixtures/translations/speeches.tsv:4:26-4:53 shared-future deviant error "community of common destiny" -> "community of shared future for mankind""#,
        r#"fixtures/translations/speeches.tsv:5:12-5:42 moderate-prosperity missing warning "building a better life for all" -> "moderately prosperous society in all respects""#,
    ];
    assert_eq!(rows(&out), expected);
}

#[test]
fn a_clean_draft_says_so_and_exits_0() {
    let out = termlint()
        .args(["check", "fixtures/clean.md", "fixtures/empty.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "All checks passed!\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn human_output_snapshot() {
    let out = termlint()
        .args([
            "check",
            "--color",
            "never",
            "fixtures/speech-draft.txt",
            "fixtures/crlf-notes.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("human_speech_draft", stdout(&out));
}

#[test]
fn json_output_snapshot() {
    let out = termlint()
        .args(["check", "--format", "json", "fixtures/casing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let parsed: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON array");
    assert_eq!(parsed.as_array().unwrap().len(), 6);
    insta::assert_snapshot!("json_casing", stdout(&out));
}

#[test]
fn json_with_no_findings_is_an_empty_array() {
    let out = termlint()
        .args(["check", "--format", "json", "fixtures/clean.md"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "[]\n");
}

#[test]
fn colour_follows_flags_and_environment() {
    let esc = |out: &Output| out.stdout.contains(&0x1b);
    let base = || {
        let mut c = termlint();
        c.args(["check", "fixtures/bom.txt"]);
        c
    };
    assert!(!esc(&base().output().unwrap()), "a pipe is not a terminal");
    assert!(esc(&base().arg("--color=always").output().unwrap()));
    assert!(esc(&base().env("FORCE_COLOR", "1").output().unwrap()));
    assert!(!esc(&base()
        .env("FORCE_COLOR", "1")
        .arg("--color=never")
        .output()
        .unwrap()));
    assert!(!esc(&base()
        .args(["--color=always", "--format=json"])
        .output()
        .unwrap()));
}

#[test]
fn exit_codes_warnings_pass_errors_fail_io_errors_win() {
    let dir = project(
        GLOSSARY,
        &[
            ("warn.txt", b"the CCP met"),
            ("err.txt", b"a community of common destiny"),
        ],
    );
    let run = |args: &[&str]| {
        termlint()
            .current_dir(dir.path())
            .arg("check")
            .args(args)
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&["warn.txt"]).status.code(),
        Some(0),
        "warnings alone pass"
    );
    assert_eq!(run(&["err.txt"]).status.code(), Some(1));
    let out = run(&["err.txt", "missing.txt", "warn.txt"]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an I/O error wins over findings"
    );
    assert_eq!(
        stderr(&out),
        "error: missing.txt: no such file or directory\n"
    );
    assert!(
        stdout(&out).contains("err.txt:1:3"),
        "the other files are still checked"
    );
    assert!(stdout(&out).contains("warn.txt:1:5"));
    assert!(
        stdout(&out).ends_with("1 error, 1 warning in 2 files\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn human_diagnostic_has_help_and_notes() {
    let dir = project(
        GLOSSARY,
        &[("a.txt", b"We build a community of\ncommon destiny.\n")],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    insta::assert_snapshot!("human_wrapped_term", stdout(&out));
}

#[test]
fn standard_input_uses_the_glossary_above_the_current_directory() {
    let dir = project(GLOSSARY, &[("sub/keep.txt", b"")]);
    let out = termlint()
        .current_dir(dir.path().join("sub"))
        .args(["check", "--format", "jsonl", "-"])
        .write_stdin("one line\nthe community of common destiny\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        rows(&out),
        [
            r#"-:2:5-2:32 shared-future deviant error "community of common destiny" -> "community of shared future for mankind""#
        ]
    );
}

#[test]
fn nearest_glossary_wins_and_explicit_glossary_overrides() {
    let nested = r#"
[[term]]
id = "nested"
preferred = "Belt and Road Initiative"
deviants = ["OBOR"]
"#;
    let dir = project(
        GLOSSARY,
        &[
            ("top.txt", b"CCP and OBOR"),
            ("sub/glossary.toml", nested.as_bytes()),
            ("sub/deeper/low.txt", b"CCP and OBOR"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        rows(&out),
        [
            r#"sub/deeper/low.txt:1:9-1:13 nested deviant error "OBOR" -> "Belt and Road Initiative""#,
            r#"top.txt:1:1-1:4 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"top.txt:1:9-1:13 bri deviant error "OBOR" -> "Belt and Road Initiative""#,
        ],
        "sub/ has its own glossary (no cpc term); glossary.toml files are not linted while walking"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--format",
            "jsonl",
            "--glossary",
            "sub/glossary.toml",
            "top.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(
        rows(&out),
        [r#"top.txt:1:9-1:13 nested deviant error "OBOR" -> "Belt and Road Initiative""#]
    );
}

#[test]
fn walking_honours_gitignore_and_skips_binary_files() {
    let dir = project(
        GLOSSARY,
        &[
            (".gitignore", b"ignored/\n"),
            ("ignored/a.txt", b"CCP"),
            ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00CCP"),
            ("kept.md", b"CCP"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [r#"kept.md:1:1-1:4 cpc deviant warning "CCP" -> "Communist Party of China""#]
    );
    // Named explicitly, an ignored file is checked.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "ignored/a.txt"])
        .output()
        .unwrap();
    assert_eq!(rows(&out).len(), 1);
}

/// Runs termlint on `files` in a project and checks that no input was modified.
fn run_untouched(dir: &TempDir, args: &[&str]) -> Output {
    let snapshot = |dir: &Path| {
        let mut v: Vec<(String, Vec<u8>, std::time::SystemTime)> = Vec::new();
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_file() {
                let m = e.metadata().unwrap();
                v.push((
                    e.file_name().to_string_lossy().into(),
                    fs::read(e.path()).unwrap(),
                    m.modified().unwrap(),
                ));
            }
        }
        v.sort();
        v
    };
    let before = snapshot(dir.path());
    let out = termlint()
        .current_dir(dir.path())
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        before,
        snapshot(dir.path()),
        "check must never write to its inputs"
    );
    out
}

#[test]
fn binary_file_named_explicitly_is_an_error() {
    let dir = project(
        GLOSSARY,
        &[("blob.bin", b"CCP\x00\x01\x02"), ("ok.txt", b"CCP")],
    );
    let out = run_untouched(&dir, &["check", "blob.bin", "ok.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: blob.bin: binary file (NUL byte at byte offset 3); termlint checks text files\n"
    );
    assert!(stdout(&out).contains("ok.txt:1:1"));
}

#[test]
fn invalid_utf8_names_the_byte_offset_and_line() {
    let dir = project(
        GLOSSARY,
        &[("latin1.txt", b"first line\nthe CCP caf\xe9\n")],
    );
    let out = run_untouched(&dir, &["check", "latin1.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: latin1.txt: not valid UTF-8 at byte offset 22 (line 2); termlint reads UTF-8 \
         (a GBK/GB18030 file converts with `iconv -f GB18030 -t UTF-8`)\n"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn utf16_is_refused_with_a_fix() {
    let dir = project(GLOSSARY, &[("u16.txt", b"\xff\xfeC\x00C\x00P\x00")]);
    let out = run_untouched(&dir, &["check", "u16.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("u16.txt: UTF-16 text is not supported; save the file as UTF-8"));
}

#[test]
fn empty_file_is_clean() {
    let dir = project(GLOSSARY, &[("empty.txt", b"")]);
    let out = run_untouched(&dir, &["check", "empty.txt"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "All checks passed!\n");
    assert_eq!(stderr(&out), "");
}

#[test]
fn huge_line_reports_exact_column() {
    let mut text = "word ".repeat(1_000_000).into_bytes(); // 5 MB on one line
    text.extend_from_slice("人 CCP end".as_bytes());
    let dir = project(GLOSSARY, &[("huge.txt", &text)]);
    let out = run_untouched(&dir, &["check", "--format", "jsonl", "huge.txt"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        rows(&out),
        [r#"huge.txt:1:5000003-1:5000006 cpc deviant warning "CCP" -> "Communist Party of China""#]
    );
}

#[test]
fn missing_path_is_an_error_and_the_run_goes_on() {
    let dir = project(GLOSSARY, &[("ok.txt", b"community of common destiny")]);
    let out = run_untouched(&dir, &["check", "nope.md", "ok.txt", "gone/"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: gone/: no such file or directory\nerror: nope.md: no such file or directory\n"
    );
    assert!(stdout(&out).contains("ok.txt:1:1"));
}

#[test]
fn no_glossary_says_how_to_create_one() {
    let dir = project("", &[("draft.txt", b"CCP")]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "draft.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("error: no glossary.toml found in "),
        "{err}"
    );
    assert!(
        err.contains("[[term]]") && err.contains("or pass --glossary FILE"),
        "{err}"
    );
    assert_eq!(err.matches("no glossary.toml").count(), 1, "reported once");
}

/// Loads a broken glossary and returns stderr; asserts exit 2, no output, and an intact file.
fn broken_glossary(glossary: &str) -> String {
    let dir = project(glossary, &[("draft.txt", b"community of common destiny")]);
    let out = run_untouched(&dir, &["check", "--color", "never", "draft.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
    assert_eq!(
        fs::read_to_string(dir.path().join("glossary.toml")).unwrap(),
        glossary
    );
    stderr(&out)
}

#[test]
fn malformed_glossary_toml_points_at_the_line() {
    let err = broken_glossary("[[term]]\nid = \"x\"\npreferred = \"a\ndeviants = []\n");
    assert!(err.starts_with("error: invalid glossary: "), "{err}");
    assert!(err.contains("┌─ glossary.toml:3:"), "{err}");
}

#[test]
fn glossary_unknown_key_suggests_the_right_one() {
    let err = broken_glossary("[[term]]\nid = \"x\"\npreferred = \"a b\"\ndeviant = [\"c d\"]\n");
    insta::assert_snapshot!("glossary_unknown_key", err);
}

#[test]
fn glossary_validation_errors_are_all_reported() {
    let err = broken_glossary(
        r#"
[[term]]
id = "a"
preferred = "community of shared future for mankind"
deviants = ["Community of  shared future for mankind", "old form", "old form"]

[[term]]
id = "a"
preferred = "other"
deviants = ["old form"]

[[term]]
preferred = "no id"

[[term]]
id = "Bad Id"

[[term]]
id = "sym"
preferred = "ok"
deviants = ["--", "   "]
"#,
    );
    insta::assert_snapshot!("glossary_validation", err);
}

#[test]
fn glossary_bad_severity_names_the_choices() {
    let err = broken_glossary("[[term]]\nid = \"x\"\npreferred = \"a\"\nseverity = \"fatal\"\n");
    assert!(
        err.contains("unknown variant `fatal`, expected one of `note`, `warning`, `error`"),
        "{err}"
    );
    assert!(err.contains("┌─ glossary.toml:4:12"), "{err}");
}

#[test]
fn glossary_errors_are_reported_once_for_many_files() {
    let dir = project(
        "[[term]]\nid = 1\n",
        &[("a.txt", b"x"), ("b.txt", b"y"), ("c/d.txt", b"z")],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).matches("error: invalid glossary").count(),
        1,
        "{}",
        stderr(&out)
    );
}

#[test]
fn explicit_glossary_that_does_not_exist() {
    let dir = project("", &[("a.txt", b"x")]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "-g", "terms.toml", "a.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: cannot read glossary terms.toml: no such file or directory\n"
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = termlint()
        .args(["check", "--format", "xml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid value 'xml'"));
}

#[test]
fn closed_output_pipe_is_not_an_error() {
    let mut child = StdCommand::new(env!("CARGO_BIN_EXE_termlint"))
        .args(["check", "--format", "jsonl", "fixtures"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // like `| head -0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(stderr(&out), "", "no panic, no error message");
    assert_eq!(out.status.code(), Some(1));
}
