//! Real drafts from `../shared` (third-party text, read in place, never copied here).
//!
//! These tests run only when TERMLINT_SHARED names that folder; `.ci/run` sets it and fails if
//! the folder is missing, so in CI they cannot skip silently.

use std::path::PathBuf;

use assert_cmd::Command;
use termlint::fold::normalize;
use termlint::{Checker, FindingKind, Format, Glossary};

fn shared() -> Option<PathBuf> {
    match std::env::var_os("TERMLINT_SHARED") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            assert!(
                dir.join("corpus").is_dir(),
                "TERMLINT_SHARED={} has no corpus/",
                dir.display()
            );
            Some(dir)
        }
        None => {
            eprintln!("skipped: set TERMLINT_SHARED=../shared to run the real-corpus tests");
            None
        }
    }
}

fn shipped() -> Checker {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/glossary.toml")).unwrap();
    Checker::new(Glossary::from_toml(&text).unwrap()).unwrap()
}

/// The seed article: its real deviations, each at its place.
#[test]
fn seed_article_deviations() {
    let Some(shared) = shared() else { return };
    let path = shared.join("seed/community-of-shared-future-article.txt");
    let out = Command::cargo_bin("termlint")
        .unwrap()
        .args(["check", "--format", "jsonl", "-g", "glossary.toml"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let rows: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            format!(
                "{}:{}-{}:{} {} {}",
                v["line"],
                v["column"],
                v["end_line"],
                v["end_column"],
                v["term"].as_str().unwrap(),
                v["matched"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            "2:26-2:100 xi-thought Xi Jinping Thought on socialism with Chinese characteristics for a new era",
            "3:1066-3:1090 belt-and-road Belt and Road initiative",
            "11:2191-11:2213 belt-and-road Belt and Road Strategy",
            "11:3950-11:3972 belt-and-road Belt and Road Strategy",
            "14:625-14:652 changes-unseen-in-a-century changes unseen in a century",
            "15:397-15:428 one-superpower one super and many major powers",
            "29:284-29:312 china-story Telling well China’s stories",
            "31:93-31:120 shared-future community of common destiny",
            "31:196-31:223 shared-future community of shared destiny",
            "31:564-31:591 shared-future community of common destiny",
            "31:599-31:626 shared-future community of shared destiny",
            "39:2204-39:2231 changes-unseen-in-a-century changes unseen in a century",
        ]
    );
}

/// Every finding's text, with whitespace collapsed and characters folded, is a form of its
/// term (plus a plural ending), so no finding can be at the wrong place.
fn assert_findings_are_forms(checker: &Checker, text: &str, format: Format) -> (usize, usize) {
    let findings = checker.check(&format.prose(text));
    let mut wrapped = 0;
    for f in &findings {
        let term = &checker.glossary().terms[f.term];
        let matched = normalize(
            &text[f.span.clone()]
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
        );
        let forms: Vec<&String> = match f.kind {
            FindingKind::Deviant => term.deviants.iter().collect(),
            FindingKind::Miscased => std::iter::once(&term.preferred)
                .chain(&term.admitted)
                .collect(),
            kind => panic!("{kind:?} in a monolingual file"),
        };
        let ok = forms.iter().any(|form| {
            let form = normalize(form);
            let stem = form.strip_suffix('y').unwrap_or(&form);
            matched == form
                || ["s", "es"].iter().any(|e| matched == format!("{form}{e}"))
                || (form.ends_with('y') && matched == format!("{stem}ies"))
        });
        assert!(
            ok,
            "finding {matched:?} at {:?} is not a form of {}",
            f.span, term.id
        );
        wrapped += usize::from(text[f.span.clone()].contains('\n'));
    }
    (findings.len(), wrapped)
}

/// The hard-wrapped textbook: terms split across line breaks are found.
#[test]
fn hard_wrapped_textbook() {
    let Some(shared) = shared() else { return };
    let text =
        std::fs::read_to_string(shared.join("corpus/drafts/xi_thought_textbook_en.md")).unwrap();
    let (total, wrapped) = assert_findings_are_forms(&shipped(), &text, Format::Markdown);
    assert_eq!((total, wrapped), (485, 36));
}

/// Foreign Ministry transcripts use the admitted "community with a shared future for mankind"
/// 131 times: none of them is flagged, and every finding is a real form.
#[test]
fn press_conferences_keep_admitted_forms_quiet() {
    let Some(shared) = shared() else { return };
    let checker = shipped();
    let mut admitted = 0;
    let mut total = 0;
    for part in ["part1", "part2"] {
        let path = shared.join(format!(
            "corpus/drafts/mfa_press_conferences_en_{part}.jsonl"
        ));
        for line in std::fs::read_to_string(path).unwrap().lines() {
            let record: serde_json::Value = serde_json::from_str(line).unwrap();
            let text = record["text"].as_str().unwrap();
            admitted += text
                .to_lowercase()
                .matches("community with a shared future for mankind")
                .count();
            let findings = checker.check(&Format::Plain.prose(text));
            assert!(
                findings
                    .iter()
                    .all(|f| checker.glossary().terms[f.term].id != "shared-future"),
                "an admitted form was flagged in {}",
                record["url"]
            );
            total += assert_findings_are_forms(&checker, text, Format::Plain).0;
        }
    }
    assert_eq!(admitted, 131);
    assert_eq!(total, 35);
}

/// The bilingual speeches (zh and en columns): with the shipped rules for 人类命运共同体,
/// 一带一路 and 精准扶贫, every deviant, missing and inconsistent rendering at its place.
#[test]
fn bilingual_speeches_source_aware() {
    let Some(shared) = shared() else { return };
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/glossary.toml")).unwrap();
    let mut glossary = Glossary::from_toml(&text).unwrap();
    glossary.terms.retain(|t| {
        [
            "shared-future",
            "belt-and-road",
            "targeted-poverty-alleviation",
        ]
        .contains(&t.id.as_str())
    });
    let checker = Checker::new(glossary).unwrap();
    let tsv =
        std::fs::read_to_string(shared.join("corpus/drafts/bilingual_gwr_speeches_zh_en.tsv"))
            .unwrap();
    let format = Format::Table(termlint::formats::table::Table {
        delimiter: b'\t',
        columns: termlint::formats::table::Columns::parse("zh,en").unwrap(),
    });
    let prose = format.read(&tsv).unwrap();
    assert_eq!(
        prose.segments.len(),
        797,
        "one segment per row after the header"
    );
    let findings = checker.lint(&prose).findings;
    let mut at = termlint::Locator::new(&tsv);
    let rows: Vec<String> = findings
        .iter()
        .map(|f| {
            let p = at.locate(f.span.start);
            let id = &checker.glossary().terms[f.term].id;
            format!("{}:{} {} {id}", p.line, p.column, f.kind.as_str())
        })
        .collect();
    assert_eq!(
        rows,
        [
            "13:556 inconsistent belt-and-road",
            "93:300 missing targeted-poverty-alleviation",
            "122:1111 deviant shared-future",
            "229:347 missing shared-future",
            "239:187 missing belt-and-road",
            "337:264 missing shared-future",
            "348:359 deviant targeted-poverty-alleviation",
            "354:792 deviant targeted-poverty-alleviation",
            "361:1247 inconsistent shared-future",
            "374:603 deviant targeted-poverty-alleviation",
            "519:208 missing belt-and-road",
        ]
    );
    let bri = findings
        .iter()
        .find(|f| f.kind == FindingKind::Inconsistent)
        .unwrap();
    assert_eq!(
        bri.related.len(),
        9 + 20 + 5,
        "every use of 一带一路's renderings is listed"
    );
    // Strict counting finds no segment with fewer renderings than source occurrences here
    // beyond those with none.
    let strict = checker.clone().strict_count(true).lint(&prose).findings;
    assert_eq!(strict.len(), findings.len());
}
