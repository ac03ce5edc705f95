//! Word documents: paragraphs checked with runs joined, tracked deletions left out, positions
//! as PARAGRAPH:COLUMN, the file never rewritten, and bad documents a clear error.

mod common;

use std::io::Write;

use common::{GLOSSARY, project, rows, stderr, termlint};

/// A .docx archive whose word/document.xml has these paragraphs (WordprocessingML body XML).
fn docx(body: &str) -> Vec<u8> {
    let xml = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
    );
    archive(&[("word/document.xml", xml.as_bytes())])
}

fn archive(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(data).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const BODY: &str = concat!(
    r#"<w:p><w:r><w:t>Title</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t xml:space="preserve">We build a community of </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>common</w:t></w:r><w:r><w:t xml:space="preserve"> destiny with the </w:t></w:r>"#,
    r#"<w:del w:id="1" w:author="r"><w:r><w:delText>CCP and </w:delText></w:r></w:del><w:r><w:t>OBOR.</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t>termlint-disable-next-line cpc</w:t></w:r></w:p>"#,
    r#"<w:p><w:r><w:t>The CCP.</w:t></w:r></w:p>"#,
);

#[test]
fn paragraphs_runs_and_tracked_changes() {
    let dir = project(GLOSSARY, &[("remarks.docx", &docx(BODY))]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        rows(&out),
        [
            r#"remarks.docx:2:12-2:39 shared-future deviant error "community of common destiny" -> "community of shared future for mankind""#,
            r#"remarks.docx:2:49-2:53 bri deviant error "OBOR" -> "Belt and Road Initiative""#,
        ],
        "{}",
        stderr(&out)
    );
}

#[test]
fn human_output_shows_the_paragraph_and_fix_leaves_the_file_alone() {
    let bytes = docx(BODY);
    let dir = project(GLOSSARY, &[("remarks.docx", &bytes)]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = common::stdout(&out);
    assert!(
        text.contains("2 │ We build a community of common destiny with the OBOR."),
        "{text}"
    );
    assert!(
        text.contains("not fixed by --fix: termlint does not rewrite Word documents"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("remarks.docx")).unwrap(),
        bytes
    );
}

#[test]
fn bad_documents_are_clear_errors_and_the_run_goes_on() {
    let dir = project(
        GLOSSARY,
        &[
            ("a-text.docx", b"OBOR, but not a zip"),
            ("b-nodoc.docx", &archive(&[("word/styles.xml", b"<x/>")])),
            ("c-broken.docx", &docx("<w:p><w:r><w:t>open</w:r></w:p>")),
            ("d-empty.docx", &docx("")),
            ("e.txt", b"the CCP"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    for expected in [
        "a-text.docx: not a Word document: not a zip archive",
        "b-nodoc.docx: not a Word document: the zip archive has no word/document.xml",
        "c-broken.docx: malformed word/document.xml at line 2, column",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        3,
        "{err}"
    );
    assert_eq!(
        rows(&out),
        [r#"e.txt:1:5-1:8 cpc deviant warning "CCP" -> "Communist Party of China""#]
    );
    // --fix leaves every document, readable or not, byte for byte as it was.
    let before: Vec<Vec<u8>> = ["a-text.docx", "b-nodoc.docx", "c-broken.docx"]
        .iter()
        .map(|f| std::fs::read(dir.path().join(f)).unwrap())
        .collect();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    for (f, b) in ["a-text.docx", "b-nodoc.docx", "c-broken.docx"]
        .iter()
        .zip(&before)
    {
        assert_eq!(&std::fs::read(dir.path().join(f)).unwrap(), b, "{f}");
    }
}
