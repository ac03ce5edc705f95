//! Hostile XML (XLIFF, TMX, Word, TBX): entities that expand without bound, nesting deep
//! enough to overflow a recursive walk, structures that make a reader quadratic or
//! exponential, and DTD entities that used to shift positions. Each is a clear error for its
//! file or is read correctly; the other files of the run are still checked, and `--fix`
//! never touches what it must not.

mod common;

use std::io::Write;
use std::time::Duration;

use common::{GLOSSARY, project, read, rows, run_within, stderr, stdout};

/// A .docx archive holding `xml` as word/document.xml, compressed as Word does.
fn docx(xml: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    zip.write_all(xml.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A DTD whose entity `b` is 255 references to the 1,000-byte `a`: each `&b;` is 255 KB.
fn bomb_dtd(root: &str) -> String {
    format!(
        "<!DOCTYPE {root} [\n<!ENTITY a \"{}\">\n<!ENTITY b \"{}\">\n]>",
        "word ".repeat(200),
        "&a;".repeat(255)
    )
}

/// An XLIFF file of one unit with this target (and a DTD before it).
fn xliff(dtd: &str, target: &str) -> String {
    format!(
        "<?xml version=\"1.0\"?>\n{dtd}\n<xliff version=\"1.2\"><file><body>\n<trans-unit id=\"1\"><source>x</source><target>{target}</target></trans-unit>\n</body></file></xliff>\n"
    )
}

const GOOD: (&str, &[u8]) = ("good.txt", b"The CCP.\n");
const GOOD_ROW: &str =
    r#"good.txt:1:5-1:8 cpc deviant warning "CCP" -> "Communist Party of China""#;

const TOO_LARGE: &str = "not checked: XML entities expand to more than 16 MiB, the limit for this file (10 times its size, at least 16 MiB, an element counting 64 bytes)";

#[test]
fn entities_that_expand_beyond_the_limit_are_refused_and_the_run_goes_on() {
    // 300 references of 255 KB: 76 MB from a 4 KB file; the deviant after them was missed.
    let bomb = xliff(
        &bomb_dtd("xliff"),
        &format!("{} the CCP", "&b;".repeat(300)),
    );
    // 16 million elements from a 3 KB file took 13 s and 1.1 GB: an element counts 64 bytes.
    let elements = xliff(
        &format!(
            "<!DOCTYPE xliff [<!ENTITY a \"{}\"><!ENTITY b \"{}\">]>",
            "<x/>".repeat(250),
            "&a;".repeat(255)
        ),
        &"&b;".repeat(255),
    );
    let looped = xliff(
        "<!DOCTYPE xliff [<!ENTITY a \"the CCP &b;\"><!ENTITY b \"&a;\">]>",
        "&a;",
    );
    let document = format!(
        "<?xml version=\"1.0\"?>{}<w:document xmlns:w=\"{W}\"><w:body><w:p><w:r><w:t>{} the CCP</w:t></w:r></w:p></w:body></w:document>",
        bomb_dtd("w:document"),
        "&b;".repeat(300)
    );
    let docx = docx(&document);
    assert!(docx.len() < 700, "a {}-byte Word document", docx.len());
    let dir = project(
        GLOSSARY,
        &[
            ("bomb.xlf", bomb.as_bytes()),
            ("elements.xlf", elements.as_bytes()),
            ("looped.xlf", looped.as_bytes()),
            ("bomb.docx", &docx),
            GOOD,
        ],
    );
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: bomb.docx: not checked: word/document.xml: XML entities expand to more than 16 MiB, the limit for this file (10 times its size, at least 16 MiB, an element counting 64 bytes)\n\
             error: bomb.xlf: {TOO_LARGE}\n\
             error: elements.xlf: {TOO_LARGE}\n\
             error: looped.xlf: not checked: XML entity \"a\" refers to itself (in its own text or through other entities)\n"
        )
    );
    assert_eq!(rows(&out), [GOOD_ROW], "nothing of the refused files");
    // --fix writes none of them.
    let out = run_within(dir.path(), &["check", "--fix"], Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&dir, "bomb.xlf"), bomb);
    assert_eq!(read(&dir, "elements.xlf"), elements);
    assert_eq!(read(&dir, "looped.xlf"), looped);
    assert_eq!(std::fs::read(dir.path().join("bomb.docx")).unwrap(), docx);
    assert_eq!(read(&dir, "good.txt"), "The Communist Party of China.\n");
}

#[test]
fn entities_just_under_the_limit_are_read() {
    // 65 references of 255 KB: 16.6 MB, within 16 MiB.
    let text = xliff(&bomb_dtd("xliff"), &format!("{} the CCP", "&b;".repeat(65)));
    let dir = project(GLOSSARY, &[("big.xlf", text.as_bytes())]);
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [r#"big.xlf:7:246-7:249 cpc deviant warning "CCP" -> "Communist Party of China""#]
    );
}

#[test]
fn an_entity_bomb_in_a_termbase_is_refused() {
    let tbx = format!(
        "<?xml version=\"1.0\"?>{}<martif><text><body><termEntry><langSet xml:lang=\"zh\"><tig><term>中国共产党</term></tig></langSet><langSet xml:lang=\"en\"><tig><term>{}</term></tig></langSet></termEntry></body></text></martif>",
        bomb_dtd("martif"),
        "&b;".repeat(300)
    );
    let dir = project("", &[("bomb.tbx", tbx.as_bytes())]);
    let out = run_within(
        dir.path(),
        &["glossary", "import", "bomb.tbx"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: bomb.tbx: XML entities expand to more than 16 MiB, the limit for this file (10 times its size, at least 16 MiB, an element counting 64 bytes)\n"
    );
    assert_eq!(stdout(&out), "");
}

#[test]
fn deep_nesting_is_read_without_overflowing_the_stack() {
    let deep_xliff = xliff(
        "",
        &format!(
            "{}the CCP{}",
            "<g id=\"1\">".repeat(8_000),
            "</g>".repeat(8_000)
        ),
    );
    let deep_tmx = format!(
        "<tmx version=\"1.4\"><header srclang=\"zh\"/><body><tu><tuv xml:lang=\"zh\"><seg>中国共产党</seg></tuv><tuv xml:lang=\"en\"><seg>{}the CCP{}</seg></tuv></tu></body></tmx>\n",
        "<hi>".repeat(10_000),
        "</hi>".repeat(10_000)
    );
    let deep_docx = docx(&format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"{W}\"><w:body><w:p>{}<w:t>the CCP</w:t>{}</w:p></w:body></w:document>",
        "<w:r>".repeat(100_000),
        "</w:r>".repeat(100_000)
    ));
    let dir = project(
        GLOSSARY,
        &[
            ("deep.xlf", deep_xliff.as_bytes()),
            ("deep.tmx", deep_tmx.as_bytes()),
            ("deep.docx", &deep_docx),
            GOOD,
        ],
    );
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [
            r#"deep.docx:1:5-1:8 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"deep.tmx:1:40121-1:40124 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"deep.xlf:4:80050-4:80053 cpc deviant warning "CCP" -> "Communist Party of China""#,
            GOOD_ROW,
        ]
    );
    let out = run_within(dir.path(), &["check", "--fix"], Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&dir, "deep.xlf"),
        deep_xliff.replace("the CCP", "the Communist Party of China")
    );
    assert_eq!(
        std::fs::read(dir.path().join("deep.docx")).unwrap(),
        deep_docx
    );
}

#[test]
fn nested_codes_and_sibling_targets_take_linear_time() {
    // Each `sub` inside a code was read once per enclosing code: 2^26 times here.
    let nested = xliff(
        "",
        &format!(
            "{}the CCP{}",
            "<ph id=\"1\"><sub>a ".repeat(26),
            "</sub></ph>".repeat(26)
        ),
    );
    // Each of 100,000 targets of one unit looked through all of them for the source.
    let siblings = format!(
        "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\">{}<source>s</source></trans-unit></body></file></xliff>\n",
        "<target>x</target>".repeat(100_000)
    );
    // Each of 50,000 nested entries of a termbase read all the ones inside it.
    let entries = format!(
        "<martif><text><body><termEntry><langSet xml:lang=\"zh\"><tig><term>中国共产党</term></tig></langSet><langSet xml:lang=\"en\"><tig><term>Communist Party of China</term></tig></langSet>{}{}</termEntry></body></text></martif>",
        "<termEntry>".repeat(50_000),
        "</termEntry>".repeat(50_000)
    );
    let dir = project(
        GLOSSARY,
        &[
            ("nested.xlf", nested.as_bytes()),
            ("siblings.xlf", siblings.as_bytes()),
            ("entries.tbx", entries.as_bytes()),
            GOOD,
        ],
    );
    let out = run_within(
        dir.path(),
        &[
            "check",
            "--format",
            "jsonl",
            "nested.xlf",
            "siblings.xlf",
            "good.txt",
        ],
        Duration::from_secs(30),
    );
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [
            GOOD_ROW,
            r#"nested.xlf:4:518-4:521 cpc deviant warning "CCP" -> "Communist Party of China""#,
        ]
    );
    let out = run_within(
        dir.path(),
        &["glossary", "import", "entries.tbx"],
        Duration::from_secs(30),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("preferred = \"Communist Party of China\""),
        "{}",
        stdout(&out)
    );
}

/// Positions with DTD entities: the text after a reference is checked where it is, and a
/// deviant inside an entity is reported at the reference and never fixed.
const ENTITIES: &str = r#"<?xml version="1.0"?>
<!DOCTYPE xliff [
<!ENTITY co "Acme">
<!ENTITY party "the CCP">
<!ENTITY sf "community of shared future for mankind">
]>
<xliff version="1.2"><file><body>
<trans-unit id="1"><source>x</source><target>&co; sells to the CCP.</target></trans-unit>
<trans-unit id="2"><source>x</source><target>Ask &party; about the CCP.</target></trans-unit>
<trans-unit id="3"><source>人类命运共同体</source><target>A &sf;.</target></trans-unit>
<trans-unit id="4"><source>人类命运共同体</source><target>&co; and &party;</target></trans-unit>
</body></file></xliff>
"#;

#[test]
fn dtd_entities_keep_positions_and_are_never_fixed() {
    let tmx = "<?xml version=\"1.0\"?>\n<!DOCTYPE tmx [<!ENTITY co \"Acme\"><!ENTITY party \"the CCP\">]>\n<tmx version=\"1.4\"><header srclang=\"zh\"/><body><tu><tuv xml:lang=\"zh\"><seg>x</seg></tuv><tuv xml:lang=\"en\"><seg>&co; and &party; and the CCP</seg></tuv></tu></body></tmx>\n";
    // Ten thousand deviants in one entity: one finding per reference.
    let only = xliff(
        &format!(
            "<!DOCTYPE xliff [<!ENTITY party \"{}\">]>",
            "the CCP ".repeat(10_000)
        ),
        "&party; &party;",
    );
    let dir = project(
        GLOSSARY,
        &[
            ("entities.xlf", ENTITIES.as_bytes()),
            ("entities.tmx", tmx.as_bytes()),
            ("only.xlf", only.as_bytes()),
        ],
    );
    let out = run_within(
        dir.path(),
        &["check", "--format", "jsonl"],
        Duration::from_secs(30),
    );
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [
            r#"entities.tmx:3:122-3:129 cpc deviant warning "&party;" -> "Communist Party of China""#,
            r#"entities.tmx:3:138-3:141 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"entities.xlf:8:64-8:67 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"entities.xlf:9:50-9:57 cpc deviant warning "&party;" -> "Communist Party of China""#,
            r#"entities.xlf:9:68-9:71 cpc deviant warning "CCP" -> "Communist Party of China""#,
            // The rendering in &sf; counts: unit 3 has its term; unit 4 lacks it.
            r#"entities.xlf:11:52-11:68 shared-future missing error "&co; and &party;" -> "community of shared future for mankind""#,
            r#"entities.xlf:11:61-11:68 cpc deviant warning "&party;" -> "Communist Party of China""#,
            r#"only.xlf:4:46-4:53 cpc deviant warning "&party;" -> "Communist Party of China""#,
            r#"only.xlf:4:54-4:61 cpc deviant warning "&party;" -> "Communist Party of China""#,
        ]
    );
    let reason = "the words come from an XML entity; change its declaration in the DTD, or write the text out here";
    for line in stdout(&out).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        if v["matched"] == "&party;" {
            assert_eq!(v["fixable"], false);
            assert_eq!(v["unfixable_reason"], reason);
            assert_eq!(v["message"], "deviant rendering \"CCP\"");
        }
    }
    let out = run_within(dir.path(), &["check", "--fix"], Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    // The words after the references are fixed; the DTD and the references are not.
    assert_eq!(
        read(&dir, "entities.xlf"),
        ENTITIES
            .replace("sells to the CCP", "sells to the Communist Party of China")
            .replace("about the CCP", "about the Communist Party of China")
    );
    assert_eq!(
        read(&dir, "entities.tmx"),
        tmx.replace("and the CCP", "and the Communist Party of China")
    );
    assert_eq!(read(&dir, "only.xlf"), only);
}
