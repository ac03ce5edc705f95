//! A long text is checked a window at a time (`Checker::lint_windows`), so that memory holds
//! one window's findings. The windows are cut where no term reaches across: what they find
//! together is what the whole text gives (apart from the rules that read a few words across
//! a blank line, at a cut; see `Checker::lint_windows`).

mod common;

use std::ops::ControlFlow;
use std::path::Path;

use termlint::{Checker, Finding, Format, Glossary, Linted, Prose};

fn shipped() -> Checker {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("glossary.toml")).unwrap();
    Checker::new(Glossary::from_toml(&text).unwrap()).unwrap()
}

/// The findings of every window, in order, and how many windows there were.
fn windowed(checker: &Checker, prose: &Prose<'_>, size: usize) -> (Vec<Finding>, usize) {
    let mut all = Vec::new();
    let mut windows = 0;
    checker.lint_windows_of(prose, size, |linted: Linted| {
        windows += 1;
        all.extend(linted.findings);
        ControlFlow::Continue(())
    });
    (all, windows)
}

#[test]
fn windows_find_what_the_whole_text_gives_in_every_fixture() {
    let checker = shipped();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .chain(std::fs::read_dir(root.join("translations")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let mut cut = 0;
    for path in files {
        let format = Format::for_path(&path);
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue; // the Word document, read by its own reader
        };
        let Ok(prose) = format.read(&text) else {
            continue; // termlint.toml
        };
        let whole = checker.lint(&prose).findings;
        for size in [1, 16, 100, 1000] {
            let (found, windows) = windowed(&checker, &prose, size);
            assert_eq!(
                found,
                whole,
                "{} in windows of {size} bytes",
                path.display()
            );
            if windows > 1 {
                cut += 1;
            }
        }
    }
    assert!(cut >= 10, "only {cut} runs were cut into windows");
}

#[test]
fn a_long_text_is_cut_at_paragraphs_and_sentence_ends_and_finds_the_same() {
    let checker = shipped();
    // Paragraphs of wrapped lines with a deviant now and then, a quotation, a term split over
    // a line break; then a stretch without a blank line, cut only after a sentence's end.
    let mut text = String::new();
    for i in 0..8_000 {
        text.push_str("The delegates met again on the question of trade.\n");
        if i % 7 == 0 {
            text.push_str("They spoke of the One Belt,\nOne Road and of the CCP.\n");
        }
        if i % 11 == 0 {
            text.push_str("\"A community of common destiny\", he said.\n\n");
        }
    }
    for _ in 0..12_000 {
        text.push_str("The CCP met in a community of common\ndestiny. ");
    }
    let prose = Prose::whole(&text);
    let whole = checker.lint(&prose).findings;
    assert!(whole.len() > 20_000, "{} findings", whole.len());
    let (found, windows) = windowed(&checker, &prose, 64 << 10);
    assert!(windows >= 5, "{windows} windows");
    assert_eq!(found.len(), whole.len());
    assert!(found == whole, "the windows found otherwise");
    // Each window ends at a paragraph or after a sentence's end, never inside a term.
    for r in prose.window_ranges(64 << 10, true) {
        let before = text[..r.end].trim_end_matches([' ', '\n']);
        assert!(
            r.end == text.len() || text[..r.end].ends_with("\n\n") || before.ends_with('.'),
            "a window ends at {:?}",
            &text[r.end.saturating_sub(20)..r.end]
        );
    }
}

#[test]
fn prose_with_directives_or_units_comes_whole() {
    let checker = shipped();
    let text = format!(
        "{}<!-- termlint-disable cpc -->\nThe CCP.\n",
        "The CCP.\n\n".repeat(1000)
    );
    let prose = Format::Markdown.read(&text).unwrap();
    let mut calls = Vec::new();
    checker.lint_windows_of(&prose, 100, |linted| {
        calls.push((linted.findings.len(), linted.suppressed));
        ControlFlow::Continue(())
    });
    assert_eq!(calls, [(1000, 1)]);
}

#[test]
fn a_window_can_stop_the_check() {
    let checker = shipped();
    let text = "The CCP.\n\n".repeat(1000);
    let prose = Prose::whole(&text);
    let mut windows = 0;
    checker.lint_windows_of(&prose, 100, |_| {
        windows += 1;
        if windows == 3 {
            ControlFlow::Break(())
        } else {
            ControlFlow::Continue(())
        }
    });
    assert_eq!(windows, 3);
}

/// The CLI: a file of more than a window whose findings outgrow what a worker renders is
/// reported a window at a time; every finding is there once, at its line and column, and the
/// file counts once.
#[test]
fn the_cli_reports_a_long_file_window_by_window() {
    // 4.6 MiB: 96,000 lines, a deviant on every fourth (24,000 findings), a blank line every
    // 1,000 lines; the last line has a non-ASCII character before its deviant.
    let mut text = String::new();
    let mut want = Vec::new();
    for i in 0..96_000 {
        let line = i + 1;
        if i % 4 == 0 {
            text.push_str("So the CCP met again on the question of trade, as before.\n");
            want.push(format!(
                "d.txt:{line}:8-{line}:11 cpc deviant warning \"CCP\" -> \"Communist Party of China\""
            ));
        } else if i % 1000 == 999 {
            text.push('\n');
        } else {
            text.push_str("The delegates met again on the question of trade, as before.\n");
        }
    }
    text.push_str("Ça: the CCP.\n");
    want.push(
        "d.txt:96001:9-96001:12 cpc deviant warning \"CCP\" -> \"Communist Party of China\""
            .to_string(),
    );
    assert!(text.len() > termlint::Checker::WINDOW);
    let dir = common::project(common::GLOSSARY, &[("d.txt", text.as_bytes())]);
    let out = common::termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "--deny", "warnings", "d.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", common::stderr(&out));
    let rows = common::rows(&out);
    assert_eq!(rows.len(), want.len());
    assert!(rows == want, "the rows differ");
    let out = common::termlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "d.txt"])
        .output()
        .unwrap();
    let human = common::stdout(&out);
    assert!(
        human.ends_with("\n24001 warnings in 1 file\n"),
        "{}",
        &human[human.len() - 200..]
    );
    assert!(human.contains("96001 │ Ça: the CCP.\n"));
}

/// A form with sentence punctuation in it ("Pres. Xi") may run across a line break after
/// that punctuation: the glossary then allows no cut there, and the form is found.
#[test]
fn no_cut_at_a_sentence_end_when_a_form_has_sentence_punctuation() {
    let g = "[[term]]\nid = \"xi\"\npreferred = \"President Xi\"\ndeviants = [\"Pres. Xi\"]\n";
    let checker = Checker::new(Glossary::from_toml(g).unwrap()).unwrap();
    let text = "A line.\nThen Pres.\nXi met them.\n".repeat(50);
    let prose = Prose::whole(&text);
    let whole = checker.lint(&prose).findings;
    assert_eq!(whole.len(), 50);
    let (found, _) = windowed(&checker, &prose, 5);
    assert_eq!(found, whole);
    // Prose itself cuts after a sentence's end only when told it may.
    assert!(prose.window_ranges(5, true).len() > 50);
    assert_eq!(prose.window_ranges(5, false).len(), 1);
}

/// Lines of spaces that are not blank lines (an ideographic space) are no sentence ends, and
/// reading them is linear: 400,000 such lines are cut in an instant.
#[test]
fn long_runs_of_wide_spaces_are_cut_in_linear_time() {
    let text = format!("x.{}", "\u{3000}\n".repeat(400_000));
    let prose = Prose::whole(&text);
    let started = std::time::Instant::now();
    let ranges = prose.window_ranges(1000, true);
    assert_eq!(ranges.len(), 1, "no cut: no blank line, no sentence end");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}
