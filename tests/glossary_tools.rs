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
        "glossary.toml: 35 terms, 262 forms, 15 examples: no problems\n"
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

#[test]
fn a_use_that_is_not_approved_exits_2_at_its_line() {
    let g = "[[term]]\nid = \"cpc\"\npreferred = \"Communist Party of China\"\nadmitted = [\"CPC\"]\ndeviants = [\n  { form = \"CCP\", use = \"CP\" },\n]\nexceptions = [\"Select Committee on the Chinese Party\"]\n";
    let dir = project(g, &[("draft.txt", b"The CCP met.\n")]);
    for args in [
        &["glossary", "check", "--color", "never"][..],
        &["check", "--color", "never", "draft.txt"][..],
    ] {
        let out = termlint()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(
            err.contains("`use = \"CP\"` for deviant \"CCP\" is not an approved form of term \"cpc\"")
                && err.contains("glossary.toml:6:3")
                && err.contains("`use` must be the preferred or an admitted form: \"Communist Party of China\", \"CPC\""),
            "{err}"
        );
    }
    assert_eq!(read_draft(&dir), "The CCP met.\n");
}

#[test]
fn an_exception_without_a_deviant_is_reported_by_glossary_check() {
    let g = "[[term]]\nid = \"cpc\"\npreferred = \"Communist Party of China\"\ndeviants = [\"CCP\"]\nexceptions = [\"Select Committee on the Chinese Party\"]\n";
    let dir = project(g, &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "check", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("exception \"Select Committee on the Chinese Party\" of term \"cpc\" contains none of its deviants")
            && err.contains("glossary.toml:5:15"),
        "{err}"
    );
}

fn read_draft(dir: &tempfile::TempDir) -> String {
    std::fs::read_to_string(dir.path().join("draft.txt")).unwrap()
}

/// `glossary suggest` on the fixtures: the phrases that translate a source term where no form
/// of it is used, as TOML lines with their count and first place; valid TOML once the comments
/// are read as comments.
#[test]
fn suggest_lists_unlisted_renderings_as_toml() {
    let out = termlint()
        .args(["glossary", "suggest", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let entries: Vec<&str> = text.lines().filter(|l| l.starts_with("  \"")).collect();
    assert_eq!(
        entries,
        [
            "  \"mutual benefit\",  # once, translating the source; fixtures/translations/memory.tmx:16:44: We stand for mutual benefit",
            "  \"Poverty relief\",  # once, translating the source; fixtures/translations/briefing.po:13:9: Poverty relief has made decisive progress",
        ]
    );
    assert!(
        text.contains("# term id = \"win-win\"\ndeviants = [\n"),
        "{text}"
    );
    // Each term's block parses as TOML.
    for block in text.split("\n\n").filter(|b| b.contains("deviants = [")) {
        let v: toml::Value = toml::from_str(block).unwrap_or_else(|e| panic!("{e}\n{block}"));
        assert!(v["deviants"].as_array().is_some_and(|a| !a.is_empty()));
    }
    // 14 drafts: fixtures/translations/termlint.toml is a configuration file, never walked.
    assert_eq!(
        stderr(&out),
        "termlint: 2 unlisted renderings of 2 terms in 14 files\n"
    );
}

/// A term variant in running text, one word away from a form, is suggested with its count;
/// a phrase sharing only common words, or written with a listed form, is not.
#[test]
fn suggest_finds_variants_in_running_text() {
    let glossary = r#"
[[term]]
id = "core-interests"
preferred = "core interests"
deviants = ["kernel interests"]
"#;
    let dir = project(
        glossary,
        &[
            (
                "a.md",
                "Our core national interests matter.\n\nTheir core national interests too; the core interests stay.\n".as_bytes(),
            ),
            ("b.txt", b"A new interest rate. The kernel interests."),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "suggest"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let entries: Vec<String> = stdout(&out)
        .lines()
        .filter(|l| l.starts_with("  \""))
        .map(String::from)
        .collect();
    assert_eq!(
        entries,
        ["  \"core national interests\",  # 2 times; a.md:1:5: Our core national interests matter"]
    );
}

/// `glossary suggest` given drafts it cannot read: one clear line for each (a missing path
/// first, then the others in path order), exit 2, the readable draft still read, and every
/// file as it was.
#[test]
fn suggest_names_each_unreadable_draft_and_reads_the_rest() {
    let g = "[[term]]\nid = \"sf\"\npreferred = \"community of shared future\"\ndeviants = [\"community of common destiny\"]\n";
    let files: &[(&str, &[u8])] = &[
        ("ok.txt", b"a community of common destiny\n"),
        ("utf16.txt", b"\xff\xfec\x00o\x00"),
        ("latin1.txt", b"caf\xe9 community\n"),
    ];
    let dir = project(g, files);
    rustix::fs::mknodat(
        rustix::fs::CWD,
        dir.path().join("fifo.txt"),
        rustix::fs::FileType::Fifo,
        rustix::fs::Mode::from_raw_mode(0o644),
        0,
    )
    .unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args([
            "glossary",
            "suggest",
            "ok.txt",
            "missing.txt",
            "utf16.txt",
            "latin1.txt",
            "fifo.txt",
        ])
        .timeout(std::time::Duration::from_secs(30))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "error: missing.txt: no such file or directory\n\
         error: fifo.txt: not a regular file (a FIFO); termlint reads files, or standard input as `-`\n\
         error: latin1.txt: not valid UTF-8 at byte offset 3 (line 1); termlint reads UTF-8 (a GBK/GB18030 file converts with `iconv -f GB18030 -t UTF-8`)\n\
         error: utf16.txt: UTF-16 text is not supported; save the file as UTF-8 (for example `iconv -f UTF-16 -t UTF-8`)\n\
         termlint: 0 unlisted renderings of 0 terms in 1 file\n"
    );
    for (name, content) in files {
        assert_eq!(&std::fs::read(dir.path().join(name)).unwrap(), content);
    }
}
