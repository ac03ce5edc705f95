//! Patterns in glossary forms: a compact way to write a family of forms.
//!
//! Any form except `preferred` may hold alternatives `(of|with)` and optional words `[a]`, in
//! any combination and nested: `"community (of|with) [a] (common|shared) destiny"` stands for
//! eight plain forms. A pattern is expanded when the glossary loads, so the matcher sees only
//! plain forms (one automaton, as before). `\(`, `\)`, `\[`, `\]`, `\|` and `\\` write the
//! character itself.
//!
//! Parentheses with no `|` inside are just parentheses: `"Belt and Road Initiative (BRI)"`
//! means what it says, as it did before patterns existed.
//!
//! Rules, each a load error at the form's line when broken: brackets balance; a group or an
//! optional part is not empty throughout (`()`, `(|)`, `[]`); nesting is at most
//! [`MAX_DEPTH`] deep; a pattern expands to at most [`MAX_EXPANSIONS`] forms. Whitespace left
//! doubled by an omitted word is written once. Hand-written: the grammar is four characters,
//! and a regex crate would neither enumerate a language nor keep the forms plain.

use std::fmt;

/// The most plain forms one pattern may stand for.
pub const MAX_EXPANSIONS: usize = 256;
/// The deepest nesting of groups and optional parts.
pub const MAX_DEPTH: usize = 8;

/// What is wrong with a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub message: String,
    pub help: String,
}

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

fn error(message: impl Into<String>, help: impl Into<String>) -> PatternError {
    PatternError {
        message: message.into(),
        help: help.into(),
    }
}

/// Whether `form` uses pattern syntax (an unescaped bracket or bar).
pub fn is_pattern(form: &str) -> bool {
    let mut escaped = false;
    for c in form.chars() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if matches!(c, '(' | ')' | '[' | ']' | '|') {
            return true;
        }
    }
    false
}

/// `form` with every pattern character escaped, so it reads back as the plain form it is.
pub fn escape(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    for c in form.chars() {
        if matches!(c, '(' | ')' | '[' | ']' | '|' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// A parsed pattern: a sequence of pieces.
#[derive(Debug)]
enum Node {
    Text(String),
    /// Alternatives; an optional part is a choice with an empty alternative.
    Choice(Vec<Vec<Node>>),
}

struct Parser<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl Parser<'_> {
    /// Parses alternatives up to `close` (None: the end of the form).
    fn alternatives(
        &mut self,
        close: Option<char>,
        depth: usize,
    ) -> Result<Vec<Vec<Node>>, PatternError> {
        if depth > MAX_DEPTH {
            return Err(error(
                format!("brackets nested more than {MAX_DEPTH} deep"),
                "write the family as several simpler forms",
            ));
        }
        let mut alts = vec![Vec::new()];
        let mut text = String::new();
        loop {
            let c = self.chars.next();
            let flush = |text: &mut String, alts: &mut Vec<Vec<Node>>| {
                if !text.is_empty()
                    && let Some(seq) = alts.last_mut()
                {
                    seq.push(Node::Text(std::mem::take(text)));
                }
            };
            match c {
                None => {
                    return match close {
                        None => {
                            flush(&mut text, &mut alts);
                            Ok(alts)
                        }
                        Some(want) => Err(error(
                            format!("unbalanced bracket: `{}` is never closed", opening(want)),
                            format!(
                                "add the `{want}`, or write `\\{}` for the character itself",
                                opening(want)
                            ),
                        )),
                    };
                }
                Some('\\') => match self.chars.next() {
                    Some(e) => text.push(e),
                    None => text.push('\\'),
                },
                Some(c @ (')' | ']')) => {
                    if close == Some(c) {
                        flush(&mut text, &mut alts);
                        return Ok(alts);
                    }
                    return Err(error(
                        format!("unbalanced bracket: `{c}` closes nothing"),
                        format!("remove it, or write `\\{c}` for the character itself"),
                    ));
                }
                Some('|') => {
                    if close != Some(')') {
                        return Err(error(
                            "`|` outside a group of alternatives",
                            "alternatives go in parentheses: `(of|with)`; write `\\|` for the character itself",
                        ));
                    }
                    flush(&mut text, &mut alts);
                    alts.push(Vec::new());
                }
                Some(open @ ('(' | '[')) => {
                    flush(&mut text, &mut alts);
                    let want = if open == '(' { ')' } else { ']' };
                    let inner = self.alternatives(Some(want), depth + 1)?;
                    let empty = |seq: &Vec<Node>| {
                        seq.iter()
                            .all(|n| matches!(n, Node::Text(t) if t.trim().is_empty()))
                    };
                    if inner.iter().all(empty) {
                        return Err(error(
                            format!("empty `{open}{want}` in a pattern"),
                            "put words in it, or remove it",
                        ));
                    }
                    let mut choice = inner;
                    let Some(seq) = alts.last_mut() else {
                        continue;
                    };
                    if open == '(' && choice.len() < 2 {
                        // No alternatives: parentheses as written ("Initiative (BRI)").
                        seq.push(Node::Text("(".to_string()));
                        seq.extend(choice.pop().unwrap_or_default());
                        seq.push(Node::Text(")".to_string()));
                        continue;
                    }
                    if open == '[' {
                        choice.push(Vec::new());
                    }
                    seq.push(Node::Choice(choice));
                }
                Some(c) => text.push(c),
            }
        }
    }
}

fn opening(close: char) -> char {
    if close == ')' { '(' } else { '[' }
}

/// How many strings `seq` expands to, saturating.
fn count(seq: &[Node]) -> usize {
    seq.iter().fold(1usize, |n, node| match node {
        Node::Text(_) => n,
        Node::Choice(alts) => n.saturating_mul(
            alts.iter()
                .map(|a| count(a))
                .fold(0usize, usize::saturating_add),
        ),
    })
}

fn expand_seq(seq: &[Node], prefix: String, out: &mut Vec<String>) {
    match seq.split_first() {
        None => out.push(prefix),
        Some((Node::Text(t), rest)) => expand_seq(rest, prefix + t, out),
        Some((Node::Choice(alts), rest)) => {
            for alt in alts {
                let mut partial = Vec::new();
                expand_seq(alt, prefix.clone(), &mut partial);
                for p in partial {
                    expand_seq(rest, p, out);
                }
            }
        }
    }
}

/// Whitespace runs made one space where a word was left out (none inside parentheses or
/// before a comma), and the ends trimmed.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space: Option<char> = None;
    for c in s.trim().chars() {
        if c.is_whitespace() {
            // Keep the first whitespace character of a run (a line break stays a line break).
            space.get_or_insert(c);
            continue;
        }
        // No space inside parentheses or before a comma, where an omitted word left one.
        if let Some(sp) = space.take()
            && !matches!(c, ')' | ',')
            && !out.ends_with('(')
        {
            out.push(sp);
        }
        out.push(c);
    }
    out
}

/// The plain forms `form` stands for, in order, without repeats. A form without pattern
/// syntax is itself (its escapes undone).
pub fn expand(form: &str) -> Result<Vec<String>, PatternError> {
    let mut parser = Parser {
        chars: form.chars().peekable(),
    };
    let alts = parser.alternatives(None, 0)?;
    // The top level has exactly one alternative: a `|` there is an error above.
    let seq = alts.into_iter().next().unwrap_or_default();
    let n = count(&seq);
    if n > MAX_EXPANSIONS {
        return Err(error(
            format!(
                "pattern stands for {} forms, more than {MAX_EXPANSIONS}",
                if n == usize::MAX {
                    "too many".to_string()
                } else {
                    n.to_string()
                }
            ),
            "split it into several patterns, or list fewer alternatives",
        ));
    }
    let mut raw = Vec::with_capacity(n);
    expand_seq(&seq, String::new(), &mut raw);
    let mut out: Vec<String> = Vec::with_capacity(raw.len());
    for r in raw {
        let t = tidy(&r);
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(p: &str) -> Vec<String> {
        expand(p).unwrap()
    }

    fn err(p: &str) -> String {
        expand(p).unwrap_err().message
    }

    #[test]
    fn alternatives_and_optional_words() {
        assert_eq!(ok("plain form"), ["plain form"]);
        assert_eq!(ok("road (of|to) ruin"), ["road of ruin", "road to ruin"]);
        assert_eq!(ok("a [big] dog"), ["a big dog", "a dog"]);
        assert_eq!(ok("[the] cat"), ["the cat", "cat"]);
        assert_eq!(ok("cat [nap]"), ["cat nap", "cat"]);
        assert_eq!(
            ok("lake (of|with) [a] (red|blue) fish"),
            [
                "lake of a red fish",
                "lake of a blue fish",
                "lake of red fish",
                "lake of blue fish",
                "lake with a red fish",
                "lake with a blue fish",
                "lake with red fish",
                "lake with blue fish",
            ]
        );
        // Nested, and an alternative that is empty next to one that is not.
        assert_eq!(
            ok("tea [(hot|iced)] cup"),
            ["tea hot cup", "tea iced cup", "tea cup"]
        );
        assert_eq!(ok("pot(s|)"), ["pots", "pot"]);
        assert_eq!(ok("x [y] [y] z"), ["x y y z", "x y z", "x z"]);
        // Escapes write the character itself.
        assert_eq!(ok(r"Widget \(WG\)"), ["Widget (WG)"]);
        assert_eq!(ok(r"a \| b \\ c"), [r"a | b \ c"]);
        assert!(!is_pattern(r"Widget \(WG\)") && is_pattern("a (b|c)") && is_pattern("[a] b"));
        assert_eq!(escape("Widget (WG) [x] a|b"), r"Widget \(WG\) \[x\] a\|b");
        assert_eq!(
            ok(&escape(r"Widget (WG) [x] a|b \ ")),
            [r"Widget (WG) [x] a|b \"]
        );
    }

    #[test]
    fn bad_patterns() {
        assert_eq!(err("a (b|c"), "unbalanced bracket: `(` is never closed");
        assert_eq!(err("a [b"), "unbalanced bracket: `[` is never closed");
        assert_eq!(err("a b)"), "unbalanced bracket: `)` closes nothing");
        assert_eq!(err("a (b]"), "unbalanced bracket: `]` closes nothing");
        assert_eq!(err("a | b"), "`|` outside a group of alternatives");
        // Parentheses without alternatives are text.
        assert_eq!(ok("Initiative (BRI)"), ["Initiative (BRI)"]);
        assert_eq!(ok("x (b [c]) y"), ["x (b c) y", "x (b) y"]);
        assert_eq!(err("a () c"), "empty `()` in a pattern");
        assert_eq!(err("a (|) c"), "empty `()` in a pattern");
        assert_eq!(err("a [ ] c"), "empty `[]` in a pattern");
        // 3^6 = 729 forms.
        assert_eq!(
            err("(a|b|c) (a|b|c) (a|b|c) (a|b|c) (a|b|c) (a|b|c)"),
            "pattern stands for 729 forms, more than 256"
        );
        // 2^8 = 256 is allowed.
        assert_eq!(ok("[a] [b] [c] [d] [e] [f] [g] [h] z").len(), 256);
        let huge = "(a|b) ".repeat(200);
        assert_eq!(
            err(&huge),
            "pattern stands for too many forms, more than 256"
        );
        let deep = format!("{}x{}", "[".repeat(20), "]".repeat(20));
        assert_eq!(err(&deep), "brackets nested more than 8 deep");
    }
}
