//! gettext PO: the translations (`msgstr`, `msgstr[n]`) are checked; `msgid`, `msgctxt`,
//! comments, the header entry and obsolete (`#~`) entries are not. A message continued over
//! several strings joins with nothing between them, and escapes (`\n`, `\t`, `\"`) read as the
//! characters they stand for, so positions stay those of the file. Fuzzy entries are reported
//! at note severity. A translator comment `# termlint-disable-next-line [ids]` suppresses the
//! findings of its own entry.
//!
//! Hand-written, because the PO crates in reach keep no positions and the common one (`polib`)
//! panics on malformed input; this one reports line and column instead.

use std::ops::Range;

use super::FormatError;
use crate::prose::{Gap, Piece, Prose, Segment};
use crate::suppress::{self, Directive};

#[derive(Default)]
struct Entry {
    fuzzy: bool,
    has_msgctxt: bool,
    /// The msgstr pieces of this entry.
    pieces: Vec<Piece>,
    directives: Vec<Directive>,
    has_msgstr: bool,
    /// The source texts, decoded.
    msgid: String,
    msgid_plural: String,
    /// For each msgstr: the index of its first piece in `pieces`.
    msgstrs: Vec<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Keyword {
    Msgctxt,
    Msgid,
    MsgidPlural,
    Msgstr,
}

pub fn read(text: &str) -> Result<Prose<'_>, FormatError> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut directives = Vec::new();
    let mut fuzzy = Vec::new();
    let mut segments = Vec::new();
    let mut entry = Entry::default();
    let mut current: Option<Keyword> = None;
    let mut flush = |entry: &mut Entry, pieces: &mut Vec<Piece>| {
        let e = std::mem::take(entry);
        let is_header = e.msgid.is_empty() && !e.has_msgctxt && e.has_msgstr;
        let range = match (e.pieces.first(), e.pieces.last()) {
            (Some(f), Some(l)) => f.start..l.end,
            _ => 0..0,
        };
        for mut d in e.directives {
            d.target = Some(range.clone());
            directives.push(d);
        }
        if is_header {
            return;
        }
        if e.fuzzy && !range.is_empty() {
            fuzzy.push(range);
        }
        for (k, &first) in e.msgstrs.iter().enumerate() {
            let last = e.msgstrs.get(k + 1).copied().unwrap_or(e.pieces.len());
            let own = &e.pieces[first..last];
            let target = match (own.iter().find(|p| p.start < p.end), own.last()) {
                (Some(f), Some(l)) => f.start..l.end,
                _ => 0..0,
            };
            let source = if k > 0 && !e.msgid_plural.is_empty() {
                e.msgid_plural.clone()
            } else {
                e.msgid.clone()
            };
            segments.push(Segment {
                source: source.into(),
                target,
                document: None,
            });
        }
        pieces.extend(e.pieces);
    };
    let mut line_start = 0;
    for (n, raw_line) in text.split_inclusive('\n').enumerate() {
        let at = line_start;
        line_start += raw_line.len();
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let indent = line.len() - line.trim_start().len();
        let body = line.trim_start();
        let err = |col: usize, message: &str| FormatError {
            line: n + 1,
            column: line[..col.min(line.len())].chars().count() + 1,
            message: message.to_string(),
        };
        if body.is_empty() {
            flush(&mut entry, &mut pieces);
            current = None;
            continue;
        }
        if body.starts_with("#~") {
            continue; // obsolete entry
        }
        if let Some(comment) = body.strip_prefix('#') {
            if entry.has_msgstr {
                flush(&mut entry, &mut pieces);
                current = None;
            }
            if let Some(flags) = comment.strip_prefix(',') {
                entry.fuzzy |= flags.split(',').any(|f| f.trim() == "fuzzy");
            } else if (comment.is_empty() || comment.starts_with(' '))
                && let Some(d) = suppress::parse(comment, at + indent..at + line.len())
            {
                entry.directives.push(d);
            }
            continue;
        }
        if body.starts_with("domain ") || body == "domain" {
            // An old-style domain line: it starts a new group of entries.
            flush(&mut entry, &mut pieces);
            current = None;
            continue;
        }
        let (keyword, rest, rest_col) = if body.starts_with('"') {
            let Some(k) = current else {
                return Err(err(indent, "a string outside any msgid or msgstr"));
            };
            (k, body, indent)
        } else {
            let word_len = body
                .find(|c: char| c.is_whitespace() || c == '"')
                .unwrap_or(body.len());
            let word = &body[..word_len];
            let keyword = match word {
                "msgctxt" => Keyword::Msgctxt,
                "msgid" => Keyword::Msgid,
                "msgid_plural" => Keyword::MsgidPlural,
                w if w == "msgstr" || (w.starts_with("msgstr[") && w.ends_with(']')) => {
                    Keyword::Msgstr
                }
                _ => {
                    return Err(err(
                        indent,
                        &format!(
                            "unexpected `{word}`: expected msgid, msgstr, a string or a comment"
                        ),
                    ));
                }
            };
            if matches!(keyword, Keyword::Msgctxt | Keyword::Msgid) && entry.has_msgstr {
                flush(&mut entry, &mut pieces);
            }
            let after = &body[word_len..];
            let rest = after.trim_start();
            (
                keyword,
                rest,
                indent + word_len + (after.len() - rest.len()),
            )
        };
        let continuation = body.starts_with('"');
        current = Some(keyword);
        let string_at = at + rest_col;
        let Some(content) = rest.strip_prefix('"') else {
            return Err(err(rest_col, "expected a string in double quotes"));
        };
        // The closing quote: the first one not escaped.
        let mut close = None;
        let mut escaped = false;
        for (i, c) in content.char_indices() {
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => {
                    close = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            return Err(err(rest_col, "unterminated string"));
        };
        if !content[close + 1..].trim().is_empty() {
            return Err(err(
                rest_col + 1 + close + 1,
                "text after the closing quote",
            ));
        }
        let inner = &content[..close];
        match keyword {
            Keyword::Msgctxt => entry.has_msgctxt = true,
            Keyword::Msgid => {
                entry.msgid.push_str(&decode(inner));
            }
            Keyword::MsgidPlural => entry.msgid_plural.push_str(&decode(inner)),
            Keyword::Msgstr => {
                entry.has_msgstr = true;
                if !continuation {
                    entry.msgstrs.push(entry.pieces.len());
                }
                string_pieces(inner, string_at + 1, continuation, &mut entry.pieces);
            }
        }
    }
    flush(&mut entry, &mut pieces);
    let mut prose = Prose::from_pieces(text, pieces);
    prose.directives = directives;
    prose.fuzzy = fuzzy;
    prose.segments = segments;
    Ok(prose)
}

/// A string's content with its escapes decoded.
fn decode(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => {}
        }
    }
    out
}

/// The pieces of one string's content starting at byte `at`: runs between escapes, each
/// escape a one-character gap. The first piece starts a new message unless `continued`.
fn string_pieces(inner: &str, at: usize, continued: bool, out: &mut Vec<Piece>) {
    let mut start = 0;
    let mut gap = if continued { Some(Gap::Glue) } else { None };
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            continue;
        }
        let Some(&(j, e)) = chars.peek() else { break };
        chars.next();
        push(out, at + start..at + i, gap);
        gap = Some(Gap::Char(match e {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            other => other,
        }));
        start = j + e.len_utf8();
    }
    push(out, at + start..at + inner.len(), gap);
}

fn push(out: &mut Vec<Piece>, range: Range<usize>, gap: Option<Gap>) {
    out.push(Piece {
        start: range.start,
        end: range.end,
        joined: gap.is_some(),
        gap: gap.unwrap_or_default(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_text(po: &str) -> Vec<String> {
        let p = read(po).unwrap();
        let mut out: Vec<String> = Vec::new();
        for piece in p.pieces() {
            let s = &po[piece.start..piece.end];
            match out.last_mut() {
                Some(last) if piece.joined => {
                    last.push('|');
                    last.push_str(s);
                }
                _ => out.push(s.to_string()),
            }
        }
        out
    }

    #[test]
    fn reads_translations_only() {
        let po = "msgid \"\"\nmsgstr \"Project-Id: CCP\\n\"\n\n#. CCP\nmsgid \"CCP\"\nmsgstr \"the \"\n\"CPC\\nand\"\n\n#~ msgid \"x\"\n#~ msgstr \"CCP\"\n\nmsgid \"a\"\nmsgid_plural \"b\"\nmsgstr[0] \"one\"\nmsgstr[1] \"two\"\n";
        assert_eq!(prose_text(po), ["the |CPC|and", "one", "two"]);
    }

    #[test]
    fn malformed_po_says_where() {
        let e = read("msgid \"a\"\nmsgstr \"unterminated\n").unwrap_err();
        assert_eq!(
            (e.line, e.column, e.message.as_str()),
            (2, 8, "unterminated string")
        );
        let e = read("msgid \"a\"\nmsgstr \"b\" extra\n").unwrap_err();
        assert_eq!(
            (e.line, e.message.as_str()),
            (2, "text after the closing quote")
        );
        let e = read("\"orphan\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 1));
        let e = read("msgid \"a\"\nmsgtxt \"b\"\n").unwrap_err();
        assert!(e.message.starts_with("unexpected `msgtxt`"));
    }
}
