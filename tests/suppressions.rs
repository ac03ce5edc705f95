//! Inline suppression directives, in Markdown (HTML comments) and plain text (lines of their
//! own), and the warnings for directives that suppress nothing.

mod common;

use common::{GLOSSARY, project, rows, termlint};

fn check(name: &str, text: &str) -> Vec<String> {
    let dir = project(GLOSSARY, &[(name, text.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", name])
        .output()
        .unwrap();
    rows(&out)
}

#[test]
fn markdown_next_line_range_and_file_directives() {
    let md = "\
The CCP met.
<!-- termlint-disable-next-line cpc -->
The CCP met, and the OBOR.
<!-- termlint-disable shared-future -->
A community of common destiny, and the CCP.

A community of common destiny again.
<!-- termlint-enable shared-future -->
A community of common destiny.
";
    assert_eq!(
        check("d.md", md),
        [
            r#"d.md:1:5-1:8 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"d.md:3:22-3:26 bri deviant error "OBOR" -> "Belt and Road Initiative""#,
            r#"d.md:5:40-5:43 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"d.md:9:3-9:30 shared-future deviant error "community of common destiny" -> "community of shared future for mankind""#,
        ]
    );
    let whole = "<!-- termlint-disable-file -->\nThe CCP and the OBOR.\n";
    assert_eq!(check("w.md", whole), Vec::<String>::new());
}

#[test]
fn plain_text_directives_are_lines_of_their_own() {
    let txt = "\
termlint-disable-next-line cpc
The CCP met.
# termlint-disable-next-line
The OBOR and the CCP.
The CCP again; termlint-disable-next-line cpc is not a directive inside a sentence.
The CCP.
";
    assert_eq!(
        check("d.txt", txt),
        [
            r#"d.txt:5:5-5:8 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"d.txt:6:5-6:8 cpc deviant warning "CCP" -> "Communist Party of China""#,
        ]
    );
}

#[test]
fn directives_that_suppress_nothing_are_reported() {
    let md = "\
<!-- termlint-disable-next-line cpc -->
Nothing to see.
<!-- termlint-disable-next-line no-such-term -->
The CCP.
<!-- termlint-enable -->
";
    assert_eq!(
        check("u.md", md),
        [
            r#"u.md:1:1-1:40 unused-suppression unused-suppression warning "<!-- termlint-disable-next-line cpc -->" -> """#,
            r#"u.md:3:1-3:49 unused-suppression unused-suppression warning "<!-- termlint-disable-next-line no-such-term -->" -> """#,
            r#"u.md:4:5-4:8 cpc deviant warning "CCP" -> "Communist Party of China""#,
            r#"u.md:5:1-5:25 unused-suppression unused-suppression warning "<!-- termlint-enable -->" -> """#,
        ]
    );
    let dir = project(GLOSSARY, &[("u.md", md.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise", "u.md"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "u.md:1:1: warning[unused-suppression]: unused termlint-disable-next-line: no finding of cpc on the next line\n\
         u.md:3:1: warning[unused-suppression]: termlint-disable-next-line names unknown term `no-such-term`\n\
         u.md:4:5: warning[cpc]: deviant rendering \"CCP\": use \"Communist Party of China\"\n\
         u.md:5:1: warning[unused-suppression]: termlint-enable without a termlint-disable before it\n"
    );
}

#[test]
fn suppressions_survive_edits_above_them() {
    let base = "<!-- termlint-disable-next-line cpc -->\nThe CCP met.\n";
    assert_eq!(check("a.md", base), Vec::<String>::new());
    let edited =
        format!("# A new title\n\nA new paragraph of several lines,\nadded above.\n\n{base}");
    assert_eq!(check("a.md", &edited), Vec::<String>::new());
}
