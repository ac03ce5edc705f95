//! The few lines a diagnostic shows, cut out of the file, for codespan-reporting.
//!
//! codespan's `SimpleFile` indexes every line of the whole file and prints whole lines: on a
//! 100 MiB file of one line that is 100 MiB of output per finding. An [`Excerpt`] holds only
//! the lines of one finding, cut to a window around it, and tells codespan their real line
//! and column numbers, so the header (`file:line:col`) stays exact. Control and invisible
//! formatting characters in those lines are shown escaped (`\u{1b}`), with the underline
//! still under the right words and the columns still those of the file.

use std::ops::Range;

use codespan_reporting::files::{Error, Files};

/// How much of a line to show on either side of a finding.
const CONTEXT: usize = 120;

pub struct Excerpt<'a> {
    name: std::borrow::Cow<'a, str>,
    /// The lines shown, escaped.
    source: std::borrow::Cow<'a, str>,
    /// Where escaping moved offsets: (offset in `source`, offset in the file's lines) after
    /// each escaped character; empty when nothing is escaped.
    moved: Vec<(usize, usize)>,
    /// The lines as they are in the file.
    lines: &'a str,
    /// Where the excerpt starts in the file.
    pub offset: usize,
    /// Offsets of the excerpt's line starts, relative to the excerpt.
    starts: Vec<usize>,
    /// The real line number and column of the excerpt's first byte.
    first_line: usize,
    first_column: usize,
}

impl<'a> Excerpt<'a> {
    /// The excerpt for `span`, which starts at `line`:`column` of `text`.
    pub fn new(
        name: &'a str,
        text: &'a str,
        span: Range<usize>,
        line: usize,
        column: usize,
    ) -> Excerpt<'a> {
        let mut lo = span.start.saturating_sub(CONTEXT);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let start = text[lo..span.start].rfind('\n').map_or(lo, |i| lo + i + 1);
        let mut hi = (span.end + CONTEXT).min(text.len());
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let end = text[span.end..hi].find('\n').map_or(hi, |i| span.end + i);
        let lines = &text[start..end];
        // Line ends (`\n`, `\r\n`) are not escaped; every other control character is.
        let shown = |i: usize, c: char| {
            c == '\n' || (c == '\r' && matches!(lines.as_bytes().get(i + 1), None | Some(b'\n')))
        };
        let (source, moved) = if lines
            .char_indices()
            .any(|(i, c)| !shown(i, c) && super::needs_escape(c))
        {
            let mut escaped = String::with_capacity(lines.len() + 16);
            let mut moved = Vec::new();
            for (i, c) in lines.char_indices() {
                if !shown(i, c) && super::needs_escape(c) {
                    escaped.push_str(&super::terminal(&c.to_string()));
                    moved.push((escaped.len(), i + c.len_utf8()));
                } else {
                    escaped.push(c);
                }
            }
            (std::borrow::Cow::Owned(escaped), moved)
        } else {
            (std::borrow::Cow::Borrowed(lines), Vec::new())
        };
        let starts = std::iter::once(0)
            .chain(source.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Excerpt {
            name: super::terminal(name),
            source,
            moved,
            lines,
            offset: start,
            starts,
            first_line: line,
            first_column: column - text[start..span.start].chars().count(),
        }
    }

    /// The offset in the excerpt of byte `offset` of the file.
    pub fn place(&self, offset: usize) -> usize {
        let at = offset - self.offset;
        let i = self.moved.partition_point(|&(_, orig)| orig <= at);
        match i.checked_sub(1).map(|i| self.moved[i]) {
            Some((escaped, orig)) => escaped + (at - orig),
            None => at,
        }
    }

    /// The offset in the file's lines of an offset in the excerpt (inside an escape: the
    /// escaped character's).
    fn original(&self, index: usize) -> usize {
        let i = self.moved.partition_point(|&(escaped, _)| escaped <= index);
        match i.checked_sub(1).map(|i| self.moved[i]) {
            Some((escaped, orig)) => orig + (index - escaped),
            None => index,
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
        let line = self.line_range((), line_index)?;
        let index = byte_index.clamp(line.start, line.end);
        let chars = if self.moved.is_empty() {
            self.source[line.start..index].chars().count()
        } else {
            // Columns count the file's characters, not the escapes shown for them.
            self.lines[self.original(line.start)..self.original(index)]
                .chars()
                .count()
        };
        Ok(if line_index == 0 {
            self.first_column + chars
        } else {
            chars + 1
        })
    }
}
