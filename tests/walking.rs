//! Which files a run reads: walks keep the formats termlint knows and skip glossaries and
//! configuration files; named files are always read unless `--force-exclude` applies the
//! configuration's `include`/`exclude` to them too.

mod common;

use common::{GLOSSARY, project, stderr, stdout, termlint};

/// Runs `termlint check --format concise ARGS` in `dir`; the paths in its findings, one per
/// finding, in output order.
fn paths(dir: &std::path::Path, args: &[&str]) -> (Vec<String>, Option<i32>, String) {
    let out = termlint()
        .current_dir(dir)
        .args(["check", "--format", "concise"])
        .args(args)
        .output()
        .unwrap();
    let paths = stdout(&out)
        .lines()
        .map(|l| l.split(':').next().unwrap().to_string())
        .collect();
    (paths, out.status.code(), stderr(&out))
}

/// Every file below holds one deviant at error severity, so a file is read exactly when it is listed.
const DRAFT: &[u8] = b"A community of common destiny.\n";

#[test]
fn walks_read_only_known_formats_and_never_glossaries_or_configs() {
    let xliff = br#"<xliff version="1.2"><file source-language="zh" target-language="en"><body>
<trans-unit id="1"><source>x</source><target>A community of common destiny.</target></trans-unit></body></file></xliff>
"#;
    let dir = project(
        GLOSSARY,
        &[
            ("a.md", DRAFT),
            ("b.markdown", DRAFT),
            ("c.txt", DRAFT),
            ("d.TXT", DRAFT),
            (
                "e.po",
                b"msgid \"x\"\nmsgstr \"A community of common destiny.\"\n",
            ),
            (
                "f.pot",
                b"msgid \"x\"\nmsgstr \"A community of common destiny.\"\n",
            ),
            ("g.xlf", xliff),
            ("h.xliff", xliff),
            // Not drafts: data and code files, tables without `columns`, termbases, a second
            // glossary under another name (named by the configuration), configuration files.
            (
                "data.json",
                b"{\"party\": \"community of common destiny\"}\n",
            ),
            ("data.yaml", b"party: community of common destiny\n"),
            ("table.csv", b"zh,en\nx,A community of common destiny\n"),
            ("table.tsv", b"zh\ten\nx\tA community of common destiny\n"),
            (
                "team.tbx",
                b"<martif><text><body>community of common destiny</body></text></martif>\n",
            ),
            ("README", DRAFT),
            ("sub/glossary.toml", GLOSSARY.as_bytes()),
            ("sub/termlint.toml", b"# community of common destiny\n"),
            ("sub/x.md", DRAFT),
            ("other/.termlint.toml", b"# community of common destiny\n"),
            ("other/y.md", DRAFT),
        ],
    );
    let (found, code, err) = paths(dir.path(), &[]);
    assert_eq!(err, "");
    assert_eq!(
        found,
        [
            "a.md",
            "b.markdown",
            "c.txt",
            "d.TXT",
            "e.po",
            "f.pot",
            "g.xlf",
            "h.xliff",
            "other/y.md",
            "sub/x.md"
        ]
    );
    assert_eq!(code, Some(1));
    // Named on the command line, any file is read, whatever its extension.
    let (found, _, err) = paths(dir.path(), &["data.json", "README", "table.csv"]);
    assert_eq!(err, "");
    assert_eq!(found, ["README", "data.json", "table.csv"], "in path order");
}

#[test]
fn formats_in_the_configuration_add_extensions_and_tables_need_columns() {
    let dir = project(
        "",
        &[
            ("terms/main.toml", GLOSSARY.as_bytes()),
            (
                "termlint.toml",
                br#"glossary = "terms/main.toml"
[formats]
plain = ["rst"]
markdown = ["md", "mdx"]
columns = "zh,en"
"#,
            ),
            ("a.rst", DRAFT),
            ("b.mdx", DRAFT),
            ("c.csv", b"zh,en\nx,A community of common destiny\n"),
            ("d.tab", b"zh\ten\nx\tA community of common destiny\n"),
            ("e.adoc", DRAFT),
        ],
    );
    let (found, code, err) = paths(dir.path(), &[]);
    assert_eq!(err, "");
    assert_eq!(
        found,
        ["a.rst", "b.mdx", "c.csv", "d.tab"],
        "the configured glossary terms/main.toml is not read as a draft, nor e.adoc"
    );
    assert_eq!(code, Some(1));
    // --columns on the command line makes tables walked too.
    let dir = project(
        GLOSSARY,
        &[("c.csv", b"zh,en\nx,A community of common destiny\n")],
    );
    assert_eq!(paths(dir.path(), &[]).0, Vec::<String>::new());
    assert_eq!(paths(dir.path(), &["--columns", "zh,en"]).0, ["c.csv"]);
}

#[test]
fn a_glossary_given_with_a_draft_extension_is_not_walked() {
    let dir = project(
        "",
        &[
            ("terms.txt", GLOSSARY.as_bytes()),
            ("termlint.toml", b"glossary = \"terms.txt\"\n"),
            ("a.txt", DRAFT),
        ],
    );
    let (found, _, err) = paths(dir.path(), &[]);
    assert_eq!(err, "");
    assert_eq!(found, ["a.txt"]);
    let (found, _, err) = paths(dir.path(), &["--isolated", "--glossary", "terms.txt"]);
    assert_eq!(err, "");
    assert_eq!(found, ["a.txt"], "--glossary files are skipped too");
}

#[test]
fn force_exclude_applies_the_configuration_to_named_files() {
    let dir = project(
        GLOSSARY,
        &[
            (
                "termlint.toml",
                b"include = [\"docs/**\"]\nexclude = [\"docs/archive/**\"]\n",
            ),
            ("docs/a.md", DRAFT),
            ("docs/archive/old.md", DRAFT),
            ("notes.md", DRAFT),
        ],
    );
    let named = ["docs/a.md", "docs/archive/old.md", "notes.md"];
    // Named files are always checked...
    let (found, _, err) = paths(dir.path(), &named);
    assert_eq!(err, "");
    assert_eq!(found, named);
    // ...unless --force-exclude: then `exclude` and `include` apply to them as to a walk.
    let mut args = vec!["--force-exclude"];
    args.extend(named);
    let (found, code, err) = paths(dir.path(), &args);
    assert_eq!(err, "");
    assert_eq!(found, ["docs/a.md"]);
    assert_eq!(code, Some(1));
    // Every named file excluded: a clean run, exit 0.
    let (found, code, err) = paths(
        dir.path(),
        &["--force-exclude", "docs/archive/old.md", "notes.md"],
    );
    assert_eq!((found.len(), code, err.as_str()), (0, Some(0), ""));
    // From a subdirectory, the globs stay relative to termlint.toml.
    let out = termlint()
        .current_dir(dir.path().join("docs"))
        .args(["check", "--format", "concise", "--force-exclude"])
        .args(["a.md", "archive/old.md"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&out),
        "a.md:1:3: error[shared-future]: deviant rendering \"community of common destiny\": use \"community of shared future for mankind\"\n"
    );
    // Standard input is not a path: --force-exclude leaves it alone.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "--force-exclude", "-"])
        .write_stdin("A community of common destiny.\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
}
