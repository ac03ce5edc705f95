//! Entry points for the fuzz targets in `fuzz/` and for `tests/fuzz_regressions.rs`, which
//! replays every input the fuzzers ever found. Each takes arbitrary bytes, must never panic,
//! and checks the engine's invariants on what it returns.

use crate::{Checker, Finding, Fix, Format, Glossary};

/// Glossary loading: any input is either a glossary or a list of errors with valid spans.
pub fn glossary(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    match Glossary::from_toml(&text) {
        Ok(g) => {
            let _ = Checker::new(g);
        }
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                if let Some(span) = e.span {
                    assert!(
                        span.start <= span.end && span.end <= text.len(),
                        "span {span:?} outside the glossary"
                    );
                }
            }
        }
    }
}

/// The matcher on a glossary made from the input's first part (one form per line: a
/// preferred form, then its deviants, a blank line between terms) and a text from the rest
/// (after a NUL byte), read as plain text and as Markdown, then fixed and checked again.
pub fn matcher(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let (forms, draft) = text
        .split_once('\0')
        .unwrap_or((&text, "a community of common destiny"));
    let mut toml = String::new();
    for (i, term) in forms.split("\n\n").take(32).enumerate() {
        let mut lines = term.lines().filter(|l| !l.trim().is_empty());
        let Some(preferred) = lines.next() else {
            continue;
        };
        let deviants: Vec<String> = lines.take(8).map(|d| format!("{d:?}")).collect();
        toml.push_str(&format!(
            "[[term]]\nid = \"t{i}\"\npreferred = {preferred:?}\ndeviants = [{}]\ncase_sensitive = {}\n",
            deviants.join(", "),
            i % 2 == 1
        ));
    }
    let Ok(glossary) = Glossary::from_toml(&toml) else {
        return;
    };
    let Ok(checker) = Checker::new(glossary) else {
        return;
    };
    for format in [Format::Plain, Format::Markdown] {
        check_invariants(&checker, draft, format);
    }
}

/// The format readers (Markdown, PO, XLIFF, TMX, tables, Word) with a small glossary: any input is read or refused
/// with a position, never a panic, and what is read is safe to check and fix.
pub fn formats(data: &[u8]) {
    // A Word document is read from bytes: any archive is read or refused, never a panic.
    let document = crate::formats::docx::text(data).ok();
    let text = String::from_utf8_lossy(data);
    let glossary = Glossary::from_toml(
        r#"
[[term]]
id = "shared-future"
source = ["人类命运共同体", "future"]
preferred = "community of shared future for mankind"
admitted = ["community with a shared future"]
deviants = ["community of common destiny", "community of shared future"]

[[term]]
id = "cpc"
preferred = "Communist Party of China"
deviants = ["CCP", "Chinese Communist Party"]
case_sensitive = true
"#,
    )
    .expect("a valid glossary");
    let checker = Checker::new(glossary).expect("it compiles");
    check_invariants(&checker, &text, Format::Markdown);
    let table = |delimiter, spec| {
        Format::Table(crate::formats::table::Table {
            delimiter,
            columns: crate::formats::table::Columns::parse(spec).expect("valid columns"),
        })
    };
    for format in [
        Format::Po,
        Format::Xliff,
        Format::Tmx,
        table(b'\t', "1,2"),
        table(b',', "zh,en"),
    ] {
        match format.read(&text) {
            Ok(_) => check_invariants(&checker, &text, format),
            Err(e) => assert!(
                (e.line >= 1 && e.column >= 1) || (e.line, e.column) == (0, 0),
                "an error has a position, or is about the whole file"
            ),
        }
    }
    if let Some(document) = document {
        check_invariants(&checker, &document, Format::Docx);
    }
}

/// The XML readers (XLIFF, TMX, a Word document's XML, TBX) on a document built from the
/// input, so that short inputs reach deep nesting and many entity references: a first byte
/// `k`, then up to five parts separated by NUL bytes, `head`, `open`, `middle`, `close`,
/// `tail`, make `head + open × n + middle + close × n + tail` with `n = 100 × k` (fewer if
/// that would pass 1 MB). Any document is read or refused, never a panic or a stack
/// overflow; what is read is safe to check and fix, and no fix or piece of prose lies before
/// the root element (in the DTD, whose entity declarations a fix must never rewrite).
pub fn xml(data: &[u8]) {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let rest = String::from_utf8_lossy(rest);
    let mut parts = rest.splitn(5, '\0');
    let mut part = || parts.next().unwrap_or("");
    let (head, open, middle, close, tail) = (part(), part(), part(), part(), part());
    let unit = (open.len() + close.len()).max(1);
    let n = (100 * k as usize).min((1 << 20) / unit);
    let text = [head, &open.repeat(n), middle, &close.repeat(n), tail].concat();
    // The bound itself is checked on every input; the readers only on inputs whose entities
    // stay small. Instrumented, roxmltree reads entity text at about a megabyte a second, so
    // the 16 MiB a file may expand to would take minutes per input; tests/hostile_xml.rs reads
    // such files in full, uninstrumented.
    if crate::formats::dtd::check_within(&text, 1 << 20).is_err() {
        assert!(
            text.contains("<!ENTITY"),
            "a file without entities is never refused"
        );
        return;
    }
    let glossary = Glossary::from_toml(
        r#"
[[term]]
id = "shared-future"
source = ["人类命运共同体"]
preferred = "community of shared future for mankind"
deviants = ["community of common destiny"]

[[term]]
id = "cpc"
preferred = "Communist Party of China"
deviants = ["CCP"]
"#,
    )
    .expect("a valid glossary");
    let checker = Checker::new(glossary).expect("it compiles");
    // Where the body starts, by a parse of its own, made only once a reader accepted the text
    // (and so bounded its entities): unbounded, roxmltree expands whatever the input declares.
    let mut body = None;
    for format in [Format::Xliff, Format::Tmx] {
        match format.read(&text) {
            Ok(prose) => {
                let body = *body.get_or_insert_with(|| {
                    roxmltree::Document::parse_with_options(
                        &text,
                        roxmltree::ParsingOptions {
                            allow_dtd: true,
                            ..Default::default()
                        },
                    )
                    .expect("what a reader reads, roxmltree parses")
                    .root_element()
                    .range()
                    .start
                });
                assert!(
                    prose.pieces().iter().all(|p| p.start >= body),
                    "prose in the DTD"
                );
                for f in checker.lint(&prose).findings {
                    if matches!(f.fix, Fix::Replace(_)) {
                        assert!(f.span.start >= body, "a fix in the DTD");
                    }
                }
                check_invariants(&checker, &text, format);
            }
            Err(e) => assert!(
                (e.line >= 1 && e.column >= 1) || (e.line, e.column) == (0, 0),
                "an error has a position, or is about the whole file"
            ),
        }
    }
    let _ = crate::formats::docx::paragraphs(&text);
    let _ = crate::import::tbx::parse(&text);
}

/// Findings are sorted and lie on character boundaries, fixable ones do not overlap, and
/// fixing them gives a text whose check does not panic.
fn check_invariants(checker: &Checker, text: &str, format: Format) {
    let linted = checker.lint(&format.prose(text));
    let mut last_start = 0;
    let mut last_fix_end = 0;
    for f in &linted.findings {
        assert!(f.span.start >= last_start, "findings are unsorted");
        assert!(f.span.start < f.span.end && f.span.end <= text.len());
        assert!(text.is_char_boundary(f.span.start) && text.is_char_boundary(f.span.end));
        for r in &f.related {
            assert!(text.is_char_boundary(r.span.start) && r.span.end <= text.len());
        }
        if matches!(f.fix, Fix::Replace(_)) {
            assert!(f.span.start >= last_fix_end, "fixable findings overlap");
            last_fix_end = f.span.end;
        }
        last_start = f.span.start;
    }
    let edits: Vec<_> = linted
        .findings
        .iter()
        .filter_map(|f: &Finding| match &f.fix {
            Fix::Replace(with) => Some((f.span.clone(), with.as_str())),
            _ => None,
        })
        .collect();
    if !edits.is_empty() {
        let fixed = crate::fix::apply(text, &edits);
        let _ = checker.lint(&format.prose(&fixed));
    }
}
