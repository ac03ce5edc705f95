//! XLIFF 1.2 and 2.0: targets only, at their place in the file.

mod common;

use common::{GLOSSARY, project, read, rows, stderr, termlint};

const XLF: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="zh" target-language="en" datatype="plaintext" original="t">
<body>
<trans-unit id="1">
  <source>中国共产党 CCP</source>
  <target>the <g id="1">CCP</g> met</target>
</trans-unit>
<trans-unit id="2" translate="no"><target>the OBOR</target></trans-unit>
<!-- termlint-disable-next-line cpc -->
<trans-unit id="3"><target>the CCP again</target></trans-unit>
<trans-unit id="4">
  <target>a community&#160;of <x id="1"/>common
destiny</target>
  <alt-trans><target>the OBOR</target></alt-trans>
</trans-unit>
</body></file></xliff>
"#;

const XLF2: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="zh" trgLang="en">
<file id="f1"><unit id="1">
  <segment><source>一带一路</source><target>One Belt, <pc id="1">One Road</pc></target></segment>
  <ignorable><source> </source><target> OBOR </target></ignorable>
</unit></file></xliff>
"#;

#[test]
fn targets_are_checked_at_their_place() {
    let dir = project(
        GLOSSARY,
        &[("a.xlf", XLF.as_bytes()), ("b.xliff", XLF2.as_bytes())],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(stderr(&out), "");
    assert_eq!(
        rows(&out),
        [
            r#"a.xlf:7:25-7:28 cpc deviant warning "CCP" -> "Communist Party of China""#,
            "a.xlf:13:13-14:8 shared-future deviant error \"community&#160;of <x id=\\\"1\\\"/>common\\ndestiny\" -> \"community of shared future for mankind\"",
            r#"b.xliff:4:41-4:70 bri deviant error "One Belt, <pc id=\"1\">One Road" -> "Belt and Road Initiative""#,
        ],
        "sources, translate=\"no\", alt-trans and ignorable are not checked; codes and entities \
         do not break a term; the XML comment suppresses the next unit"
    );
}

#[test]
fn malformed_xml_is_a_clear_error_and_the_run_goes_on() {
    let dir = project(
        GLOSSARY,
        &[
            ("bad.xlf", b"<xliff>\n<target>the CCP</xliff>\n"),
            ("ok.md", b"The CCP.\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("error: bad.xlf: not checked: malformed XLIFF at line 2, column "),
        "{}",
        stderr(&out)
    );
    assert_eq!(rows(&out).len(), 1); // Even with --fix, a file that does not parse is left exactly as it was.
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(read(&dir, "bad.xlf"), "<xliff>\n<target>the CCP</xliff>\n");
}

#[test]
fn the_shared_xliff_samples_parse() {
    if let Some(n) = common::parse_shared_samples(&["xliff12", "xliff20"], termlint::Format::Xliff)
    {
        assert_eq!(n, 7);
    }
}
