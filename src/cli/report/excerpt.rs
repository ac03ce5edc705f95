//! The few lines a diagnostic shows, cut out of the file and fitted to the terminal, for
//! codespan-reporting.
//!
//! codespan's `SimpleFile` indexes every line of the whole file and prints whole lines: on a
//! 100 MiB file of one line that is 100 MiB of output per finding, and a long line wraps in the
//! terminal, splitting the underlined words from their carets. An [`Excerpt`] holds only the
//! lines of one finding, each cut to what fits in the terminal beside codespan's gutter: the
//! whole match, as much context on either side as fits (leaving room for the label after the
//! carets), cut at word boundaries and marked with "…". It tells codespan the real line and
//! column numbers, so the header (`file:line:col`) stays exact. Control and invisible
//! formatting characters are shown escaped (`\u{1b}`), with the underline still under the right
//! words and the columns still those of the file.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};
use unicode_width::UnicodeWidthChar;

/// The narrowest a line of text is cut to, however narrow the terminal.
const MIN_ROOM: usize = 24;

/// What marks a cut.
const ELLIPSIS: char = '…';

/// codespan's tab stops.
const TAB: usize = 4;

pub struct Excerpt<'a> {
    name: std::borrow::Cow<'a, str>,
    /// The lines shown: escaped, cut, marked.
    source: String,
    /// (offset in `source`, offset in the file): from each anchor on, offsets map one to one
    /// up to the next. One at the start of each line's text and after each escaped character.
    anchors: Vec<(usize, usize)>,
    text: &'a str,
    /// Offsets of the shown lines' starts in `source`.
    starts: Vec<usize>,
    /// For each shown line: the file offset of its first shown character and that
    /// character's column.
    columns: Vec<(usize, usize)>,
    /// The real line number of the first shown line.
    first_line: usize,
    /// The finding's span in `source`.
    span: Range<usize>,
}

/// One shown line: the file's text `lo..hi`, with "…" before and after where it was cut.
struct Shown {
    lo: usize,
    hi: usize,
    cut_before: bool,
    cut_after: bool,
}

/// The display width of a character as shown (escaped characters by their escape).
fn width(c: char) -> usize {
    if c == '\t' {
        TAB
    } else if super::needs_escape(c) {
        super::terminal(&c.to_string()).chars().count()
    } else {
        c.width().unwrap_or(0)
    }
}

/// Whether a cut between `before` and `after` falls between words: at a space or punctuation,
/// or beside a wide (CJK) character, where every character boundary is one.
fn boundary(before: char, after: char) -> bool {
    let word = |c: char| c.is_alphanumeric() && width(c) < 2;
    !(word(before) && word(after))
}

/// `from..to` of `text` cut from the left to at most `room` columns, at a word boundary; the
/// new start. Whitespace after the cut is dropped.
fn cut_left(text: &str, from: usize, to: usize, room: usize) -> usize {
    let mut used = 0;
    let mut at = to;
    for (i, c) in text[from..to].char_indices().rev() {
        used += width(c);
        if used > room {
            break;
        }
        at = from + i;
    }
    // Move right to the first boundary (never past `to`).
    let mut prev = text[..at].chars().next_back();
    let mut start = at;
    for (i, c) in text[at..to].char_indices() {
        if prev.is_none_or(|p| boundary(p, c)) {
            start = at + i;
            break;
        }
        prev = Some(c);
        start = at + i + c.len_utf8();
    }
    start + text[start..to].len() - text[start..to].trim_start().len()
}

/// `from..to` of `text` cut from the right to at most `room` columns, at a word boundary; the
/// new end. Whitespace before the cut is dropped.
fn cut_right(text: &str, from: usize, to: usize, room: usize) -> usize {
    let mut used = 0;
    let mut at = from;
    for (i, c) in text[from..to].char_indices() {
        used += width(c);
        if used > room {
            break;
        }
        at = from + i + c.len_utf8();
    }
    // Move left to the last boundary (never before `from`).
    let mut next = text[at..].chars().next();
    let mut end = at;
    for (i, c) in text[from..at].char_indices().rev() {
        if next.is_none_or(|n| boundary(c, n)) {
            end = from + i + c.len_utf8();
            break;
        }
        next = Some(c);
        end = from + i;
    }
    from + text[from..end].trim_end().len()
}

/// A finding in its line, for the reports that show it as text: the words before it and
/// after it on its line(s), each cut to at most `room` columns between words.
pub struct Context<'a> {
    pub before: &'a str,
    pub matched: &'a str,
    pub after: &'a str,
    /// Whether the line goes on before `before` / after `after`.
    pub cut_before: bool,
    pub cut_after: bool,
}

/// The context of `span` in `text`.
pub fn context(text: &str, span: Range<usize>, room: usize) -> Context<'_> {
    let (s, e) = (span.start, span.end.max(span.start));
    let look = room * 4 + 16;
    let mut lo = s.saturating_sub(look);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let (line_start, start_known) = match text[lo..s].rfind('\n') {
        Some(i) => (lo + i + 1, true),
        None => (lo, lo == 0),
    };
    let mut hi = (e + look).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let (mut line_end, end_known) = match text[e..hi].find('\n') {
        Some(i) => (e + i, true),
        None => (hi, hi == text.len()),
    };
    if end_known && line_end > e && text[..line_end].ends_with('\r') {
        line_end -= 1;
    }
    let line_end = e + text[e..line_end].trim_end().len();
    let from = cut_left(text, line_start, s, room);
    let to = cut_right(text, e, line_end, room);
    Context {
        before: &text[from..s],
        matched: &text[s..e],
        after: &text[e..to],
        cut_before: from > line_start || !start_known,
        cut_after: to < line_end || !end_known,
    }
}

/// The width of `from..to`, counted from the right, stopping once past `limit`.
fn width_back(text: &str, from: usize, to: usize, limit: usize) -> usize {
    let mut w = 0;
    for c in text[from..to].chars().rev() {
        w += width(c);
        if w > limit {
            break;
        }
    }
    w
}

/// The width of `from..to`, stopping once past `limit`.
fn width_forward(text: &str, from: usize, to: usize, limit: usize) -> usize {
    let mut w = 0;
    for c in text[from..to].chars() {
        w += width(c);
        if w > limit {
            break;
        }
    }
    w
}

impl<'a> Excerpt<'a> {
    /// The excerpt for `span`, which starts at `line`:`column` of `text`, fitted to a terminal
    /// `columns` wide with a label `label` columns wide after the carets.
    pub fn new(
        name: &'a str,
        text: &'a str,
        span: Range<usize>,
        line: usize,
        column: usize,
        columns: usize,
        label: usize,
    ) -> Excerpt<'a> {
        let (s, e) = (span.start, span.end.max(span.start));
        let breaks = text[s..e].matches('\n').count();
        // codespan's gutter: the line number, " │ ", and two columns for a span over lines.
        let digits = (line + breaks).to_string().len();
        let gutter = digits + 3 + if breaks > 0 { 2 } else { 0 };
        let room = columns.saturating_sub(gutter).max(MIN_ROOM);
        // How far to look for the ends of the lines: enough for `room` columns of any text.
        let look = room * 4 + 16;

        let mut lo = s.saturating_sub(look);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let (line_start, start_known) = match text[lo..s].rfind('\n') {
            Some(i) => (lo + i + 1, true),
            None => (lo, lo == 0),
        };
        let mut hi = (e + look).min(text.len());
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let (line_end, end_known) = match text[e..hi].find('\n') {
            Some(i) => (e + i, true),
            None => (hi, hi == text.len()),
        };
        // A line's end as shown: without the `\r` of a `\r\n`.
        let shown_end = |end: usize, known: bool| {
            if known && text[..end].ends_with('\r') {
                end - 1
            } else {
                end
            }
        };

        // The span's lines: the first from the span's start, the last to its end.
        let mut pieces: Vec<(usize, usize)> = Vec::new();
        let mut from = s;
        for (i, _) in text[s..e].match_indices('\n') {
            pieces.push((from, shown_end(s + i, true)));
            from = s + i + 1;
        }
        pieces.push((from, e));

        let mut shown: Vec<Shown> = pieces
            .iter()
            .map(|&(a, b)| Shown {
                lo: a,
                hi: b,
                cut_before: false,
                cut_after: false,
            })
            .collect();

        // The first line: context before the match.
        let first_match = width_forward(text, pieces[0].0, pieces[0].1, room);
        let last = pieces.len() - 1;
        let last_match = if last == 0 {
            first_match
        } else {
            width_forward(text, pieces[last].0, pieces[last].1, room)
        };
        let end = shown_end(line_end, end_known);
        let after_w = width_forward(text, e, end, room);
        let before_w = width_back(text, line_start, s, room);
        if last == 0 && first_match > room {
            // The match alone is wider than the terminal: shown from its start, cut.
            shown[0].cut_before = s > line_start || !start_known;
            let marks = 1 + usize::from(shown[0].cut_before);
            let cut = cut_right(text, s, e, room.saturating_sub(marks));
            shown[0].hi = cut.max(s + text[s..].chars().next().map_or(0, char::len_utf8));
            shown[0].cut_after = true;
        } else {
            let free_first = room.saturating_sub(first_match);
            let free_last = room.saturating_sub(last_match);
            // Before the match: leave room for the label on the carets' row if possible, but
            // keep a third of the free columns for context.
            let before_cap = if last == 0 {
                free_first
                    .saturating_sub(label)
                    .max(free_first / 3)
                    .min(free_first)
            } else {
                free_first
            };
            let before_max = before_w.min(before_cap);
            let (before, after) = if last == 0 {
                let before = if before_max + after_w <= free_first {
                    before_max
                } else {
                    before_max.min((free_first / 2).max(free_first.saturating_sub(after_w)))
                };
                (before, free_first - before)
            } else {
                (before_max, free_last)
            };
            if before_w > before || !start_known {
                shown[0].lo = cut_left(text, line_start, s, before.saturating_sub(1));
                shown[0].cut_before = true;
            } else {
                shown[0].lo = line_start;
            }
            if after_w > after || !end_known {
                shown[last].hi = cut_right(text, e, end, after.saturating_sub(1));
                shown[last].cut_after = true;
            } else {
                shown[last].hi = end;
            }
        }

        // The source: each line's text escaped, with its anchors.
        let mut source = String::new();
        let mut anchors = Vec::new();
        let mut starts = Vec::new();
        let mut columns = Vec::new();
        for (k, l) in shown.iter().enumerate() {
            if k > 0 {
                source.push('\n');
            }
            starts.push(source.len());
            if l.cut_before {
                source.push(ELLIPSIS);
            }
            anchors.push((source.len(), l.lo));
            let col = if k == 0 {
                column - text[l.lo..s].chars().count()
            } else {
                1
            };
            columns.push((l.lo, col));
            for (i, c) in text[l.lo..l.hi].char_indices() {
                if super::needs_escape(c) {
                    source.push_str(&super::terminal(&c.to_string()));
                    anchors.push((source.len(), l.lo + i + c.len_utf8()));
                } else {
                    source.push(c);
                }
            }
            if l.cut_after {
                source.push(ELLIPSIS);
            }
        }
        let mut excerpt = Excerpt {
            name: super::terminal(name),
            source,
            anchors,
            text,
            starts,
            columns,
            first_line: line,
            span: 0..0,
        };
        let start = excerpt.place(s);
        let end = if e <= shown[last].hi {
            excerpt.place(e)
        } else {
            // The match is cut: underline what is shown of it.
            excerpt.place(shown[last].hi)
        };
        excerpt.span = start..end.max(start);
        excerpt
    }

    /// The finding's span in the excerpt, for the label.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The offset in the excerpt of byte `offset` of the file (which is shown).
    fn place(&self, offset: usize) -> usize {
        let i = self.anchors.partition_point(|&(_, file)| file <= offset);
        match i.checked_sub(1).map(|i| self.anchors[i]) {
            Some((shown, file)) => shown + (offset - file),
            None => 0,
        }
    }

    /// The offset in the file of an offset in the excerpt (inside an escape or a "…": near
    /// it; only label starts are asked for, which are never inside either).
    fn original(&self, index: usize) -> usize {
        let i = self.anchors.partition_point(|&(shown, _)| shown <= index);
        match i.checked_sub(1).map(|i| self.anchors[i]) {
            Some((shown, file)) => file + (index - shown),
            None => self.anchors.first().map_or(0, |a| a.1),
        }
    }
}

impl<'a> Files<'a> for Excerpt<'a> {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.source)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        let start = *self.starts.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.starts.len() - 1,
        })?;
        let end = self
            .starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.source.len());
        Ok(start..end)
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.first_line + line_index)
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let &(lo, column) = self.columns.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: self.columns.len() - 1,
        })?;
        // Columns count the file's characters, not the escapes or marks shown for them.
        let chars = self
            .text
            .get(lo..self.original(byte_index).max(lo))
            .map_or(0, |s| s.chars().count());
        Ok(column + chars)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The display width of `s`.
    fn width_of(s: &str) -> usize {
        s.chars().map(width).sum()
    }

    /// The shown lines of the excerpt for `needle` in `text`, and the underlined text.
    fn fit(text: &str, needle: &str, columns: usize, label: usize) -> (Vec<String>, String) {
        let s = text.find(needle).unwrap();
        let line = text[..s].matches('\n').count() + 1;
        let column = text[text[..s].rfind('\n').map_or(0, |i| i + 1)..s]
            .chars()
            .count()
            + 1;
        let x = Excerpt::new("f", text, s..s + needle.len(), line, column, columns, label);
        let lines = x.source.split('\n').map(str::to_string).collect();
        (lines, x.source[x.span()].to_string())
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let (lines, under) = fit(
            "We build a community of common destiny.",
            "common destiny",
            100,
            10,
        );
        assert_eq!(lines, ["We build a community of common destiny."]);
        assert_eq!(under, "common destiny");
    }

    #[test]
    fn a_long_line_is_cut_at_words_with_ellipses_and_keeps_the_match_whole() {
        let text = "Distinguished guests, friends and colleagues from every continent, \
                    we gather here today to build together a community of common destiny \
                    that will, over the coming decades, shape how nations cooperate and \
                    trade with each other.";
        let (lines, under) = fit(text, "community of common destiny", 80, 20);
        assert_eq!(under, "community of common destiny");
        assert_eq!(lines.len(), 1);
        let shown = &lines[0];
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        // 80 columns less the gutter ("1 │ ").
        assert!(width_of(shown) <= 76, "{} > 76: {shown}", width_of(shown));
        // Cut between words: what is shown is made of whole words of the text.
        let inner = shown.trim_matches('…');
        assert!(text.contains(inner), "{inner}");
        let at = text.find(inner).unwrap();
        assert!(text[..at].ends_with(' '), "cut mid-word before: {shown}");
        assert!(
            text[at + inner.len()..].starts_with(' '),
            "cut mid-word after: {shown}"
        );
        assert_eq!(
            shown,
            "…to build together a community of common destiny that will, over the…"
        );
    }

    #[test]
    fn the_label_gets_room_on_the_carets_row() {
        let text = format!("{}the CCP said.", "word ".repeat(40));
        let (lines, under) = fit(&text, "CCP", 60, 30);
        assert_eq!(under, "CCP");
        let before = lines[0].find("CCP").unwrap();
        // The carets' row: the context before, the match and the label fit in 56 columns.
        assert!(width_of(&lines[0][..before]) + 3 + 30 <= 56, "{}", lines[0]);
        assert_eq!(lines[0], "…word word word the CCP said.");
    }

    #[test]
    fn wide_characters_count_twice_and_cut_anywhere() {
        let text = format!("{}CCP{}", "中".repeat(100), "文".repeat(100));
        let (lines, under) = fit(&text, "CCP", 44, 0);
        assert_eq!(under, "CCP");
        assert!(width_of(&lines[0]) <= 40, "{}", lines[0]);
        assert!(
            lines[0].starts_with("…中") && lines[0].ends_with("文…"),
            "{}",
            lines[0]
        );
    }

    #[test]
    fn a_span_over_two_lines_keeps_both_lines_of_the_match() {
        let text = format!(
            "{} a community of\ncommon destiny {}",
            "long ".repeat(30),
            "tail ".repeat(30)
        );
        let (lines, under) = fit(&text, "community of\ncommon destiny", 60, 10);
        assert_eq!(under, "community of\ncommon destiny");
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with('…') && lines[0].ends_with("a community of"));
        assert!(lines[1].starts_with("common destiny tail") && lines[1].ends_with('…'));
        for l in &lines {
            assert!(width_of(l) <= 60 - 6, "{l}");
        }
    }

    #[test]
    fn a_match_wider_than_the_terminal_is_cut_after_its_start() {
        let needle = "x ".repeat(60);
        let text = format!("before {needle}after");
        let (lines, under) = fit(&text, needle.trim_end(), 40, 5);
        assert!(
            lines[0].starts_with("…x x") && lines[0].ends_with('…'),
            "{}",
            lines[0]
        );
        assert!(under.starts_with("x x"));
        assert!(width_of(&lines[0]) <= 36, "{}", lines[0]);
    }

    #[test]
    fn columns_stay_those_of_the_file() {
        let text = format!("{}\u{1b}[31m the CCP", "word ".repeat(40));
        let s = text.find("CCP").unwrap();
        let column = text[..s].chars().count() + 1;
        let x = Excerpt::new("f", &text, s..s + 3, 1, column, 50, 0);
        assert_eq!(&x.source[x.span()], "CCP");
        assert_eq!(x.column_number((), 0, x.span().start).unwrap(), column);
        assert!(x.source.contains("\\u{1b}[31m"), "{}", x.source);
    }
}
