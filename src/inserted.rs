//! Approved forms with one word inserted.
//!
//! "profound global changes unseen in a century" is the approved "profound changes unseen in a
//! century" with one word added; the deviant "changes unseen in a century" inside it is not a
//! deviation. The rule: when every word of an approved form of the deviant's own term stands
//! around the deviant, in order, with exactly one extra word (not one of the deviant's own)
//! between two of them, the deviant is hidden. Words are read through the prose cursors next to the deviant, separated by
//! whitespace only (punctuation ends the run: "profound. Changes unseen…" is two sentences),
//! and compared folded; the last word may be plural.
//!
//! The source-aware check reads renderings more loosely still ([`loosely_rendered`]): a
//! translation that holds an approved form's content words in order, split by commas or with
//! one other content word inserted ("reform, opening up, and …", "profound changes of a kind
//! unseen in a century"), renders the term; it is not reported as missing.

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

/// Words a rendering may drop, add or move without changing what it renders.
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
];

/// A token of a translation for [`loosely_rendered`]: a folded word, or a break where a
/// rendering cannot run across (sentence punctuation, a line break, brackets).
enum Token {
    Word(String),
    Break,
}

fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in s.chars() {
        let f = fold(c);
        // A hyphen splits words here: "opening-up" renders "opening up".
        if is_word_char(c) || (f == '\'' && !word.is_empty()) {
            word.push(f);
            continue;
        }
        if !word.is_empty() {
            out.push(Token::Word(std::mem::take(&mut word)));
        }
        if matches!(
            f,
            '.' | '!' | '?' | ';' | ':' | '\n' | '(' | ')' | '[' | ']' | '"' | '。' | '；' | '：'
        ) {
            out.push(Token::Break);
        }
    }
    if !word.is_empty() {
        out.push(Token::Word(word));
    }
    out
}

/// Whether word `w` of a translation is word `f` of a form, or its plural.
fn same_word(w: &str, f: &str) -> bool {
    let w = w.trim_end_matches("'s").trim_end_matches('\'');
    w == f || w == casing::pluralize(f)
}

/// Whether `translation` renders the approved form whose words are `form` (as [`words`]
/// reads them) loosely: the form's content words (all but [`FUNCTION_WORDS`]) stand in order
/// within one sentence, with function words and punctuation such as commas anywhere between
/// them, and no more than four words in all beyond the form's own. A form of four content
/// words or more may also have one other content word inserted ("profound changes of a kind
/// unseen in a century"); in a shorter one, an inserted content word makes another phrase
/// ("deepen reform and expand opening-up" is two verb phrases, not "reform and opening up").
/// A form needs two content words for this; a shorter one renders only as itself.
pub fn loosely_rendered(translation: &str, form: &[String]) -> bool {
    let content: Vec<String> = form
        .iter()
        .flat_map(|w| w.split('-'))
        .filter(|w| !w.is_empty() && !FUNCTION_WORDS.contains(w))
        .map(str::to_string)
        .collect();
    if content.len() < 2 {
        return false;
    }
    let reach = form.iter().map(|w| w.split('-').count()).sum::<usize>() + 4;
    let may_insert = if content.len() >= 4 { 1 } else { 0 };
    let toks = tokens(translation);
    (0..toks.len()).any(|start| {
        let mut next = 0;
        let mut inserted = 0;
        for (used, tok) in toks[start..].iter().enumerate() {
            if used >= reach {
                return false;
            }
            let Token::Word(w) = tok else { return false };
            if same_word(w, &content[next]) {
                next += 1;
                if next == content.len() {
                    return true;
                }
            } else if next == 0 {
                return false;
            } else if !FUNCTION_WORDS.contains(&w.as_str()) {
                inserted += 1;
                if inserted > may_insert {
                    return false;
                }
            }
        }
        false
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

    #[test]
    fn loose_renderings() {
        let loose = |t: &str, f: &str| loosely_rendered(t, &words(f));
        let reform = "reform and opening up";
        assert!(loose(
            "carry on reform, opening up, and modernization.",
            reform
        ));
        assert!(loose("Reform and opening-up began.", reform));
        // Reversed order is another wording, not this one; nor is a verb inserted into a short
        // form.
        assert!(!loose("opening-up and reform", reform));
        assert!(!loose("deepen reform and expand opening-up", reform));
        let changes = "profound changes unseen in a century";
        assert!(loose(
            "amid profound changes of a kind unseen in a century",
            changes
        ));
        // Two content words inserted, or a sentence between, are not one rendering.
        assert!(!loose(
            "profound changes of a new kind never unseen in a century",
            changes
        ));
        assert!(loose(
            "profound changes of a kind unseen in a century",
            changes
        ));
        assert!(!loose("profound changes. Unseen in a century", changes));
        let future = "community of shared future for mankind";
        assert!(loose("communities of a shared future for mankind", future));
        assert!(!loose(
            "community of shared future for all humankind",
            future
        ));
        // One content word is too little to read loosely.
        assert!(!loose("the reform of 1978", "reform"));
        assert!(!loose("", reform));
    }
}
