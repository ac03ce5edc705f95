//! gettext PO files: translations only, at their place in the file.

mod common;

use common::{GLOSSARY, project, read, rows, stderr, termlint};

const PO: &str = r#"# A translation catalogue.
msgid ""
msgstr ""
"Project-Id-Version: CCP tools\n"
"Language: en\n"

#. The source mentions the CCP; only translations are checked.
msgid "中国共产党"
msgstr "the CCP"

# termlint-disable-next-line cpc
msgid "引用"
msgstr "the CCP, as quoted"

#, fuzzy
msgid "人类命运共同体"
msgstr "a community of "
"common destiny"

msgid "一带一路"
msgid_plural "一带一路"
msgstr[0] "the OBOR"
msgstr[1] "One Belt,\nOne Road"

#~ msgid "旧"
#~ msgstr "the OBOR"
"#;

#[test]
fn translations_are_checked_at_their_place() {
    let dir = project(GLOSSARY, &[("zh_en.po", PO.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [
            r#"zh_en.po:9:13-9:16 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"zh_en.po:17:11-18:16 shared-future deviant note "community of \"\n\"common destiny" -> "community of shared future for mankind""#,
            r#"zh_en.po:22:16-22:20 bri deviant error "OBOR" -> "Belt and Road Initiative""#,
            r#"zh_en.po:23:12-23:31 bri deviant error "One Belt,\\nOne Road" -> "Belt and Road Initiative""#,
        ],
        "header, msgid, comments and obsolete entries are not checked; the fuzzy entry is a note; \
         the commented entry is suppressed; strings join and escapes read as what they stand for"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "zh_en.po"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("deviant rendering \"One Belt, One Road\""),
        "messages show the words as read"
    );
}

#[test]
fn malformed_po_is_a_clear_error_and_the_run_goes_on() {
    let dir = project(
        GLOSSARY,
        &[
            ("bad.po", b"msgid \"a\"\nmsgstr \"never closed\n"),
            ("ok.po", b"msgid \"a\"\nmsgstr \"the CCP\"\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: bad.po: not checked: malformed PO at line 2, column 8: unterminated string\n"
    );
    assert_eq!(
        rows(&out),
        [r#"ok.po:2:13-2:16 cpc deviant warning "CCP" -> "Communist Party of China""#]
    ); // Even with --fix, a file that does not parse is left exactly as it was.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&dir, "bad.po"), "msgid \"a\"\nmsgstr \"never closed\n");
}

#[test]
fn the_shared_po_samples_parse() {
    if let Some(n) = common::parse_shared_samples(&["po"], termlint::Format::Po) {
        assert_eq!(n, 3);
    }
}

#[test]
fn fuzzy_severity_is_configurable() {
    for (setting, expected) in [
        ("error", Some("error")),
        ("warning", Some("warning")),
        ("note", Some("note")),
        ("skip", None),
    ] {
        let config = format!("[formats]\npo_fuzzy = \"{setting}\"\n");
        let dir = project(
            GLOSSARY,
            &[
                ("zh_en.po", PO.as_bytes()),
                ("termlint.toml", config.as_bytes()),
            ],
        );
        let out = termlint()
            .current_dir(dir.path())
            .args(["check", "--format", "jsonl"])
            .output()
            .unwrap();
        assert_eq!(stderr(&out), "");
        let fuzzy: Vec<String> = rows(&out)
            .into_iter()
            .filter(|r| r.starts_with("zh_en.po:17:"))
            .collect();
        match expected {
            Some(severity) => assert_eq!(
                fuzzy,
                [format!(
                    r#"zh_en.po:17:11-18:16 shared-future deviant {severity} "community of \"\n\"common destiny" -> "community of shared future for mankind""#
                )]
            ),
            None => assert_eq!(
                fuzzy,
                Vec::<String>::new(),
                "skip: the fuzzy entry is not checked"
            ),
        }
    }
    let dir = project(
        GLOSSARY,
        &[
            ("zh_en.po", PO.as_bytes()),
            ("termlint.toml", b"[formats]\npo_fuzzy = \"maybe\"\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown variant `maybe`"),
        "{}",
        stderr(&out)
    );
}
