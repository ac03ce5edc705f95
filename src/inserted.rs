//! Approved forms with one word inserted.
//!
//! "profound global changes unseen in a century" is the approved "profound changes unseen in a
//! century" with one word added; the deviant "changes unseen in a century" inside it is not a
//! deviation. The rule: when every word of an approved form of the deviant's own term stands
//! around the deviant, in order, with exactly one extra word (not one of the deviant's own)
//! between two of them, the deviant is hidden. Words are read through the prose cursors next to the deviant, separated by
//! whitespace only (punctuation ends the run: "profound. Changes unseen…" is two sentences),
//! and compared folded; the last word may be plural.

use crate::casing;
use crate::fit::{words_after, words_before};
use crate::fold::{fold, is_word_char};
use crate::prose::Prose;

/// The words of `s`: runs of word characters, with hyphens and apostrophes inside them.
pub fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let joiner = matches!(fold(c), '-' | '\'')
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|&n| is_word_char(n));
        if is_word_char(c) || joiner {
            word.push(fold(c));
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Whether `window` is `form` with exactly one word inserted between two of its words, the
/// inserted word not in `deviant` (its range in `window`: a deviant that is itself an approved
/// form with a word inserted, like "one country with two systems", stays a deviant). The last
/// word of `window` may be the plural of the form's last word.
fn one_inserted(window: &[&str], form: &[String], deviant: std::ops::Range<usize>) -> bool {
    if window.len() != form.len() + 1 || form.len() < 2 {
        return false;
    }
    let same = |w: &str, f: &String, last: bool| w == f || (last && w == casing::pluralize(f));
    (1..window.len() - 1)
        .filter(|skip| !deviant.contains(skip))
        .any(|skip| {
            window
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, w)| *w)
                .zip(form)
                .enumerate()
                .all(|(k, (w, f))| same(w, f, k + 1 == form.len()))
        })
}

/// Whether the deviant at `span` stands inside one of `approved` (each a form's words) with
/// one word inserted.
pub fn hidden(prose: &Prose<'_>, span: std::ops::Range<usize>, approved: &[Vec<String>]) -> bool {
    let longest = approved.iter().map(Vec::len).max().unwrap_or(0);
    if longest < 2 {
        return false;
    }
    let inner: String = match prose.piece_at(span.start) {
        Some(piece) => prose
            .forward(piece, span.start)
            .take_while(|(i, _)| *i < span.end)
            .map(|(_, c)| c)
            .collect(),
        None => prose.text()[span.clone()].to_string(),
    };
    let inner = words(&inner);
    if inner.is_empty() || inner.len() > longest + 1 {
        return false;
    }
    let reach = longest + 1 - inner.len();
    let before = words_before(prose, span.start, reach);
    let after = words_after(prose, span.end, reach);
    let mut window: Vec<&str> = before.iter().rev().map(|w| w.folded.as_str()).collect();
    let p = window.len();
    window.extend(inner.iter().map(String::as_str));
    let q = window.len();
    window.extend(after.iter().map(|w| w.folded.as_str()));
    approved.iter().any(|form| {
        let n = form.len() + 1;
        (0..=p).any(|i| {
            i + n >= q
                && i + n <= window.len()
                && one_inserted(&window[i..i + n], form, p - i..q - i)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hides(text: &str, deviant: &str, approved: &str) -> bool {
        let s = text.find(deviant).unwrap();
        hidden(
            &Prose::whole(text),
            s..s + deviant.len(),
            &[words(approved)],
        )
    }

    #[test]
    fn one_word_inserted() {
        let a = "profound changes unseen in a century";
        let d = "changes unseen in a century";
        assert!(hides(
            "amid profound global changes unseen in a century.",
            d,
            a
        ));
        assert!(hides(
            "Profound Global\nChanges unseen in a century",
            "Changes unseen in a century",
            a
        ));
        assert!(!hides(
            "amid profound, global changes unseen in a century",
            d,
            a
        ));
        assert!(!hides(
            "amid profound and global changes unseen in a century",
            d,
            a
        ));
        assert!(!hides("amid changes unseen in a century", d, a));
        assert!(!hides(
            "profound changes unseen in a century global",
            d,
            "changes unseen"
        ));
        assert_eq!(
            words("China’s win-win, (BRI) -x"),
            ["china's", "win-win", "bri", "x"]
        );
    }
}
