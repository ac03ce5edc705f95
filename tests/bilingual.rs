//! Source-aware checks in bilingual files (PO, XLIFF, TMX, TSV/CSV tables): a source term whose
//! translation has no approved rendering, and one term rendered in different ways.

mod common;

use common::{project, rows, stderr, termlint};

/// Two terms whose sources nest (人类命运共同体 contains 命运共同体), a term with an
/// admitted form, and a term written in Latin script on the source side.
const GLOSSARY: &str = r#"
[[term]]
id = "shared-future"
source = "人类命运共同体"
preferred = "community of shared future for mankind"
admitted = ["community with a shared future for mankind"]
deviants = ["community of common destiny"]

[[term]]
id = "shared-future-bilateral"
source = "命运共同体"
preferred = "community of shared future"
deviants = ["community of destiny"]

[[term]]
id = "bri"
source = "一带一路"
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road"]
deviants = ["One Belt, One Road"]

[[term]]
id = "wto"
source = "WTO"
preferred = "World Trade Organization"
"#;

fn check(files: &[(&str, &[u8])], args: &[&str]) -> std::process::Output {
    let dir = project(GLOSSARY, files);
    let mut cmd = termlint();
    cmd.current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .args(args);
    cmd.output().unwrap()
}

#[test]
fn missing_terms_in_a_po_file_with_the_longest_source_term_winning() {
    let po = "msgid \"构建人类命运共同体\"\nmsgstr \"build a community with a shared future for mankind\"\n\n\
              msgid \"中巴命运共同体\"\nmsgstr \"a China-Pakistan community\"\n\n\
              msgid \"WTO规则\"\nmsgstr \"the rules of the World Trade Organization\"\n\n\
              msgid \"WTOs\"\nmsgstr \"untouched\"\n\n\
              msgid \"一带一路\"\nmsgstr \"\"\n";
    let out = check(&[("zh_en.po", po.as_bytes())], &[]);
    assert_eq!(
        rows(&out),
        // 人类命运共同体 is one term, not also 命运共同体; WTOs is not WTO; an untranslated
        // entry is not checked.
        [
            r#"zh_en.po:5:9-5:35 shared-future-bilateral missing error "a China-Pakistan community" -> "community of shared future""#
        ],
        "{}",
        stderr(&out)
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn strict_count_wants_one_rendering_per_occurrence() {
    let xlf = r#"<xliff version="1.2"><file source-language="zh" target-language="en"><body>
<trans-unit id="1"><source>一带一路……一带一路</source>
<target>the Belt and Road Initiative, and more</target></trans-unit>
<trans-unit id="2"><source>一带一路……一带一路</source>
<target>the Belt and Road Initiative and the <g id="1">Belt and Road Initiative</g></target></trans-unit>
</body></file></xliff>"#;
    let out = check(&[("a.xlf", xlf.as_bytes())], &[]);
    assert_eq!(rows(&out), Vec::<String>::new());
    assert_eq!(out.status.code(), Some(0));
    let out = check(&[("a.xlf", xlf.as_bytes())], &["--strict-count"]);
    assert_eq!(
        rows(&out),
        [
            r#"a.xlf:3:9-3:47 bri missing error "the Belt and Road Initiative, and more" -> "Belt and Road Initiative""#
        ]
    );
    let v: serde_json::Value =
        serde_json::from_str(common::stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        v["message"],
        "missing rendering of 一带一路 (2 in the source, 1 rendered)"
    );
}

#[test]
fn a_deviant_counts_as_a_rendering_and_is_reported_once() {
    let tsv = "zh\ten\n一带一路\tthe One Belt, One Road\n";
    let out = check(&[("t.tsv", tsv.as_bytes())], &["--columns", "zh,en"]);
    assert_eq!(
        rows(&out),
        [r#"t.tsv:2:10-2:28 bri deviant error "One Belt, One Road" -> "Belt and Road Initiative""#]
    );
}

#[test]
fn inconsistent_renderings_list_every_use() {
    let tmx = r#"<?xml version="1.0"?>
<tmx version="1.4"><header srclang="zh"/><body>
<tu><tuv xml:lang="zh"><seg>人类命运共同体</seg></tuv><tuv xml:lang="en"><seg>a community of shared future for mankind</seg></tuv></tu>
<tu><tuv xml:lang="zh"><seg>人类命运共同体</seg></tuv><tuv xml:lang="en"><seg>a community with a shared future for mankind</seg></tuv></tu>
<tu><tuv xml:lang="zh"><seg>人类命运共同体</seg></tuv><tuv xml:lang="en"><seg>the community of shared future for mankind</seg></tuv></tu>
</body></tmx>"#;
    let out = check(&[("m.tmx", tmx.as_bytes())], &[]);
    assert_eq!(
        rows(&out),
        [
            r#"m.tmx:4:74-4:116 shared-future inconsistent warning "community with a shared future for mankind" -> "community of shared future for mankind""#
        ]
    );
    // A warning: the run passes unless warnings are denied.
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value =
        serde_json::from_str(common::stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        v["message"],
        r#"人类命运共同体 is rendered 2 ways in this file: "community of shared future for mankind" (2 times), "community with a shared future for mankind" (1 time)"#
    );
    let places: Vec<String> = v["related"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            format!(
                "{}:{} {}",
                r["line"],
                r["column"],
                r["label"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        places,
        [
            r#"3:74 "community of shared future for mankind""#,
            r#"5:76 "community of shared future for mankind""#,
            r#"4:74 "community with a shared future for mankind""#
        ]
    );
}

/// A full name, its short form and its acronym are one way of rendering a term (the full name
/// on first mention, the short one after it, is a style); a different wording is another way,
/// and the message groups the forms of each way.
#[test]
fn short_forms_and_acronyms_are_one_rendering() {
    let glossary = GLOSSARY.replace(
        r#"admitted = ["Belt and Road"]"#,
        r#"admitted = ["Belt and Road", "BRI", "Silk Road Economic Belt"]"#,
    );
    let tsv = "zh\ten\n一带一路\tthe Belt and Road Initiative\n一带一路\tBelt and Road partners\n一带一路\tBRI projects\n一带一路\tBelt and Road cooperation\n";
    let dir = project(&glossary, &[("t.tsv", tsv.as_bytes())]);
    let run = |files: &[&str]| {
        termlint()
            .current_dir(dir.path())
            .args(["check", "--format", "jsonl", "--columns", "zh,en"])
            .args(files)
            .output()
            .unwrap()
    };
    let out = run(&["t.tsv"]);
    assert_eq!(rows(&out), Vec::<String>::new(), "{}", stderr(&out));
    std::fs::write(
        dir.path().join("u.tsv"),
        format!("{tsv}一带一路\tthe Silk Road Economic Belt\n"),
    )
    .unwrap();
    let out = run(&["u.tsv"]);
    assert_eq!(
        rows(&out),
        [
            r#"u.tsv:6:10-6:33 bri inconsistent warning "Silk Road Economic Belt" -> "Belt and Road Initiative""#
        ]
    );
    let v: serde_json::Value =
        serde_json::from_str(common::stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        v["message"],
        r#"一带一路 is rendered 2 ways in this file: "Belt and Road Initiative" / "Belt and Road" / "BRI" (4 times), "Silk Road Economic Belt" (1 time)"#
    );
}

/// With a document column, renderings are compared within each document: two speeches may
/// each keep their own wording.
#[test]
fn consistency_is_per_document_with_a_document_column() {
    let tsv = "doc\tzh\ten\n\
a\t人类命运共同体\tcommunity of shared future for mankind\n\
b\t人类命运共同体\tcommunity with a shared future for mankind\n\
b\t人类命运共同体\tcommunity with a shared future for mankind\n\
a\t人类命运共同体\ta community with a shared future for mankind\n";
    let out = check(
        &[("t.tsv", tsv.as_bytes())],
        &["--columns", "zh,en,document=doc"],
    );
    assert_eq!(
        rows(&out),
        [
            r#"t.tsv:5:13-5:55 shared-future inconsistent warning "community with a shared future for mankind" -> "community of shared future for mankind""#
        ]
    );
    let v: serde_json::Value =
        serde_json::from_str(common::stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        v["message"],
        r#"人类命运共同体 is rendered 2 ways in document `a`: "community of shared future for mankind" (1 time), "community with a shared future for mankind" (1 time)"#
    );
    // Without the document column, the file is one document: one finding, at row 3.
    let out = check(&[("t.tsv", tsv.as_bytes())], &["--columns", "zh,en"]);
    assert_eq!(
        rows(&out),
        [
            r#"t.tsv:3:11-3:53 shared-future inconsistent warning "community with a shared future for mankind" -> "community of shared future for mankind""#
        ]
    );
    // By number too (the header row is then a row of its own document, `doc`); a document
    // column that is not there is an error naming the columns.
    let out = check(
        &[("t.tsv", tsv.as_bytes())],
        &["--columns", "2,3,document=1"],
    );
    assert_eq!(
        rows(&out),
        [
            r#"t.tsv:5:13-5:55 shared-future inconsistent warning "community with a shared future for mankind" -> "community of shared future for mankind""#
        ]
    );
    let out = check(
        &[("t.tsv", tsv.as_bytes())],
        &["--columns", "zh,en,document=file"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no column named `file` in the header (it has `doc`, `zh`, `en`)"),
        "{}",
        stderr(&out)
    );
    // A third column that is not `document=...` is refused with the syntax.
    let out = check(&[("t.tsv", tsv.as_bytes())], &["--columns", "zh,en,doc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown column `doc` in `zh,en,doc`: expected two columns, SOURCE,TARGET, and optionally document=COLUMN"),
        "{}",
        stderr(&out)
    );
}

/// An XLIFF file with several `<file>` elements holds several documents.
#[test]
fn xliff_files_are_documents() {
    let unit = |id: &str, en: &str| {
        format!(
            r#"<trans-unit id="{id}"><source>人类命运共同体</source><target>{en}</target></trans-unit>"#
        )
    };
    let file = |name: &str, a: &str, b: &str| {
        format!(
            "<file original=\"{name}\" source-language=\"zh\" target-language=\"en\" datatype=\"plaintext\"><body>\n{}\n{}\n</body></file>\n",
            unit("1", a),
            unit("2", b)
        )
    };
    let of = "community of shared future for mankind";
    let with = "community with a shared future for mankind";
    let xlf = |one: String, two: String| {
        format!("<?xml version=\"1.0\"?>\n<xliff version=\"1.2\">\n{one}{two}</xliff>\n")
    };
    let out = check(
        &[(
            "s.xlf",
            xlf(file("one.txt", of, of), file("two.txt", with, with)).as_bytes(),
        )],
        &[],
    );
    assert_eq!(rows(&out), Vec::<String>::new(), "{}", stderr(&out));
    let out = check(
        &[(
            "s.xlf",
            xlf(file("one.txt", of, of), file("two.txt", with, of)).as_bytes(),
        )],
        &[],
    );
    let v: serde_json::Value =
        serde_json::from_str(common::stdout(&out).lines().next().unwrap()).unwrap();
    assert_eq!(
        v["message"],
        r#"人类命运共同体 is rendered 2 ways in document `two.txt`: "community with a shared future for mankind" (1 time), "community of shared future for mankind" (1 time)"#
    );
}

/// An approved form written loosely (split by commas, a function word or one other word
/// inserted) renders its term; a paraphrase or a reordering does not.
#[test]
fn loose_approved_forms_are_renderings() {
    let tsv = "zh\ten\n\
人类命运共同体\tbuilding a community of a shared future for all mankind\n\
人类命运共同体\tbuilding a shared future for mankind\n\
人类命运共同体\ta future shared by the community of mankind\n";
    let out = check(&[("t.tsv", tsv.as_bytes())], &["--columns", "zh,en"]);
    assert_eq!(
        rows(&out),
        [
            r#"t.tsv:3:9-3:45 shared-future missing error "building a shared future for mankind" -> "community of shared future for mankind""#,
            r#"t.tsv:4:9-4:52 shared-future missing error "a future shared by the community of mankind" -> "community of shared future for mankind""#
        ]
    );
}

#[test]
fn csv_columns_by_number_with_quoted_cells() {
    let csv = "一带一路,\"the \"\"One Belt,\nOne Road\"\"\"\n命运共同体,\"a shared\"\n";
    let out = check(&[("t.csv", csv.as_bytes())], &["--columns", "1,2"]);
    assert_eq!(
        rows(&out),
        [
            r#"t.csv:1:13-2:9 bri deviant error "One Belt,\nOne Road" -> "Belt and Road Initiative""#,
            r#"t.csv:3:8-3:16 shared-future-bilateral missing error "a shared" -> "community of shared future""#,
        ]
    );
}

#[test]
fn tables_without_columns_are_plain_text() {
    let tsv = "zh\ten\n一带一路\tthe Belt and Road\n命运共同体\tsomething\n";
    let out = check(&[("t.tsv", tsv.as_bytes())], &[]);
    assert_eq!(rows(&out), Vec::<String>::new());
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn bad_tables_are_clear_errors_and_other_files_still_run() {
    let out = check(
        &[
            ("a.tsv", "doc\tzh\n1\t一带一路\n".as_bytes()),
            ("b.csv", b"zh,en\n\"unterminated,x\n"),
            (
                "c.po",
                b"msgid \"\\u4e00\"\nmsgstr \"One Belt, One Road\"\n",
            ),
        ],
        &["--columns", "zh,en"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("a.tsv: not checked: malformed TSV at line 1, column 1: no column named `en` in the header (it has `doc`, `zh`)"),
        "{err}"
    );
    assert!(
        err.contains(
            "b.csv: not checked: malformed CSV at line 2, column 1: unterminated quoted cell"
        ),
        "{err}"
    );
    assert_eq!(rows(&out).len(), 1, "c.po is still checked");
    // With --fix, the files that do not parse are left exactly as they were.
    let dir = project(
        GLOSSARY,
        &[
            (
                "b.csv",
                b"zh,en
\"OBOR,x\n",
            ),
            ("t.tmx", b"<tmx><body><tu>OBOR</body></tmx>"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--columns", "zh,en"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(common::read(&dir, "b.csv"), "zh,en\n\"OBOR,x\n");
    assert_eq!(
        common::read(&dir, "t.tmx"),
        "<tmx><body><tu>OBOR</body></tmx>"
    );
    let out = termlint()
        .args(["check", "--columns", "zh", "fixtures"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected two columns, SOURCE,TARGET"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn shared_tmx_samples_parse() {
    if let Some(n) = common::parse_shared_samples(&["tmx"], termlint::Format::Tmx) {
        assert_eq!(n, 1);
    }
}

#[test]
fn suppressions_in_tables_and_translation_memories() {
    let tsv = "zh\ten\n# termlint-disable-next-line bri\n一带一路\tthe One Belt, One Road\n一带一路\tOne Belt, One Road\n";
    let tmx = r#"<tmx version="1.4"><header srclang="zh"/><body>
<!-- termlint-disable-next-line bri -->
<tu><tuv xml:lang="zh"><seg>一带一路</seg></tuv><tuv xml:lang="en"><seg>OBOR and One Belt, One Road</seg></tuv></tu>
<tu><tuv xml:lang="zh"><seg>一带一路</seg></tuv><tuv xml:lang="en"><seg>a plan</seg></tuv></tu>
</body></tmx>"#;
    let out = check(
        &[("t.tsv", tsv.as_bytes()), ("m.tmx", tmx.as_bytes())],
        &["--columns", "zh,en"],
    );
    assert_eq!(
        rows(&out),
        [
            r#"m.tmx:4:69-4:75 bri missing error "a plan" -> "Belt and Road Initiative""#,
            r#"t.tsv:4:6-4:24 bri deviant error "One Belt, One Road" -> "Belt and Road Initiative""#,
        ],
        "{}",
        stderr(&out)
    );
}

#[test]
fn malformed_tmx_is_a_clear_error_and_the_run_goes_on() {
    let out = check(
        &[
            (
                "a.tmx",
                b"<tmx version=\"1.4\"><body><tu><tuv><seg>open</tuv></tu></body></tmx>",
            ),
            ("b.tmx", b"<xliff/>"),
            ("c.txt", b"One Belt, One Road"),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: a.tmx: not checked: malformed TMX at line 1, column 44: expected 'seg' tag, not 'tuv'\n\
         error: b.tmx: not checked: malformed TMX at line 1, column 1: expected a <tmx> document, found <xliff>\n"
    );
    assert_eq!(rows(&out).len(), 1, "c.txt is still checked");
}

#[test]
fn an_empty_table_has_nothing_to_check() {
    let out = check(
        &[("empty.tsv", b""), ("blank.csv", b"\n\n")],
        &["--columns", "zh,en"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(rows(&out), Vec::<String>::new());
}

#[test]
fn invalid_columns_in_the_configuration_point_at_the_line() {
    let out = check(
        &[
            ("termlint.toml", b"[formats]\ncolumns = \"zh\"\n"),
            ("t.tsv", b"zh\ten\n"),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("invalid columns: expected two columns, SOURCE,TARGET"),
        "{err}"
    );
    assert!(err.contains("2 │ columns = \"zh\""), "{err}");
}

/// A glossary that only approves renderings (an imported lexicon) checks translations against
/// their sources, and has nothing to flag in a monolingual draft.
#[test]
fn a_glossary_without_deviants_checks_translations_and_flags_no_draft() {
    let lexicon = "[[term]]\nid = \"bri\"\nsource = \"一带一路\"\npreferred = \"Belt and Road Initiative\"\nadmitted = [\"Belt and Road\"]\n";
    let po = "msgid \"一带一路\"\nmsgstr \"One Belt, One Road\"\n\nmsgid \"一带一路倡议\"\nmsgstr \"the Belt and Road\"\n";
    let md = "The Belt and Road, the BELT AND ROAD *Initiative* and One Belt, One Road.\n";
    let dir = project(
        lexicon,
        &[
            ("t.po", po.as_bytes()),
            ("d.md", md.as_bytes()),
            ("d.txt", md.as_bytes()),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "t.po", "d.md", "d.txt"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [r#"t.po:2:9-2:27 bri missing error "One Belt, One Road" -> "Belt and Road Initiative""#]
    );
}
