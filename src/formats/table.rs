//! Bilingual tables: TSV and CSV files with a source column and a translation column, chosen
//! with `--columns SOURCE,TARGET` (header names, or 1-based numbers for a file without a
//! header). Each translation cell is checked; its row's source cell feeds the source-aware
//! checks. Cells never join: a term cannot run from one cell into the next. A row with a cell
//! `# termlint-disable-next-line [ids]` (any directive, `#` optional) suppresses like a comment.
//!
//! Hand-written rather than with the `csv` crate, which reports positions per record only;
//! termlint needs the byte range of every cell, and of every `""` escape inside one, to report
//! findings at their place in the file. CSV follows RFC 4180 (quoted cells may hold commas,
//! quotes as `""` and line breaks); TSV cells are taken as written, as in the IANA TSV format.

use std::fmt;
use std::ops::Range;

use super::FormatError;
use crate::prose::{Gap, Piece, Prose, Segment};
use crate::suppress;

/// Which columns hold the source and the translation, and optionally the document each row
/// belongs to (renderings are compared for consistency within one document).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    pub source: Column,
    pub target: Column,
    pub document: Option<Column>,
}

/// A column by header name or by 1-based number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Name(String),
    Number(usize),
}

/// As written in a column list: the name, or the 1-based number.
impl fmt::Display for Column {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Column::Name(n) => f.write_str(n),
            Column::Number(n) => write!(f, "{n}"),
        }
    }
}

/// `SOURCE,TARGET[,document=COLUMN]`, as [`Columns::parse`] reads it.
impl fmt::Display for Columns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{}", self.source, self.target)?;
        match &self.document {
            Some(d) => write!(f, ",document={d}"),
            None => Ok(()),
        }
    }
}

impl Column {
    /// One column of the list `spec`: a 1-based number, else a header name.
    pub fn parse(s: &str, spec: &str) -> Result<Column, String> {
        let s = s.trim();
        match s.parse::<usize>() {
            Ok(0) => Err("column numbers start at 1".to_string()),
            Ok(n) => Ok(Column::Number(n)),
            Err(_) if s.is_empty() => Err(format!("empty column name in `{spec}`")),
            Err(_) => Ok(Column::Name(s.to_string())),
        }
    }

    /// The 0-based index of this column, given the header row (empty for a file without one).
    pub fn index(&self, header: &[String]) -> Result<usize, FormatError> {
        match self {
            Column::Number(n) => Ok(n - 1),
            Column::Name(name) => header.iter().position(|h| h == name).ok_or_else(|| {
                let names: Vec<String> = header.iter().map(|h| format!("`{h}`")).collect();
                FormatError {
                    line: 1,
                    column: 1,
                    message: format!(
                        "no column named `{name}` in the header (it has {}); name a column of the first row or give its number",
                        names.join(", ")
                    ),
                }
            }),
        }
    }
}

impl Columns {
    /// Parses `SOURCE,TARGET[,document=COLUMN]`, for example `zh,en`, `2,3` or
    /// `zh,en,document=doc`.
    pub fn parse(spec: &str) -> Result<Columns, String> {
        let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
        let usage = "two columns, SOURCE,TARGET, and optionally document=COLUMN (for example `zh,en` or `2,3,document=1`)";
        let (source, target, document) = match parts[..] {
            [source, target] => (source, target, None),
            [source, target, extra] => match extra.split_once('=') {
                Some((key, column)) if key.trim() == "document" => {
                    (source, target, Some(Column::parse(column, spec)?))
                }
                _ => {
                    return Err(format!(
                        "unknown column `{extra}` in `{spec}`: expected {usage}"
                    ));
                }
            },
            _ => return Err(format!("expected {usage}, got `{spec}`")),
        };
        Ok(Columns {
            source: Column::parse(source, spec)?,
            target: Column::parse(target, spec)?,
            document,
        })
    }
}

/// A table format: its delimiter and its columns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// `b'\t'` (TSV, no quoting) or `b','` (CSV, RFC 4180 quoting).
    pub delimiter: u8,
    pub columns: Columns,
}

/// One cell: the pieces of its content (quotes and `""` escapes left out).
struct Cell {
    pieces: Vec<Piece>,
}

impl Cell {
    fn text(&self, text: &str) -> String {
        let mut out = String::new();
        for (i, p) in self.pieces.iter().enumerate() {
            if i > 0 {
                out.push('"');
            }
            out.push_str(&text[p.start..p.end]);
        }
        out
    }
}

pub fn read<'a>(text: &'a str, table: &Table) -> Result<Prose<'a>, FormatError> {
    let rows = parse(text, table.delimiter)?;
    if rows.is_empty() {
        // An empty file (or one of blank lines) has nothing to check, header or not.
        return Ok(Prose::from_pieces(text, []));
    }
    let named = matches!(table.columns.source, Column::Name(_))
        || matches!(table.columns.target, Column::Name(_))
        || matches!(table.columns.document, Some(Column::Name(_)));
    let header: Vec<String> = match rows.first() {
        Some(cells) if named => cells
            .iter()
            .map(|c| c.text(text).trim().to_string())
            .collect(),
        _ => Vec::new(),
    };
    let source = table.columns.source.index(&header)?;
    let target = table.columns.target.index(&header)?;
    let document = match &table.columns.document {
        Some(c) => Some(c.index(&header)?),
        None => None,
    };
    // The document of the row before: rows of one document share its name.
    let mut last_document: Option<std::sync::Arc<str>> = None;
    let mut pieces = Vec::new();
    let mut segments = Vec::new();
    let mut directives = Vec::new();
    for cells in rows.iter().skip(usize::from(named)) {
        // A row whose cell is a directive (`termlint-disable-next-line bri`, optionally after
        // `#`) is not data: it suppresses findings like a comment line.
        let directive = cells.iter().find_map(|c| {
            let span = c.pieces.first()?.start..c.pieces.last()?.end;
            let t = c.text(text);
            suppress::parse(t.trim().trim_start_matches('#'), span)
        });
        if let Some(d) = directive {
            directives.push(d);
            continue;
        }
        let Some(cell) = cells.get(target) else {
            continue;
        };
        let start = pieces.len();
        for (i, p) in cell.pieces.iter().enumerate() {
            pieces.push(Piece {
                joined: i > 0,
                gap: if i > 0 { Gap::Char('"') } else { Gap::Markup },
                ..*p
            });
        }
        let own = &pieces[start..];
        let span = match (own.iter().find(|p| p.start < p.end), own.last()) {
            (Some(f), Some(l)) => f.start..l.end,
            _ => 0..0,
        };
        let document = document.map(|d| {
            let name = cells.get(d).map(|c| c.text(text)).unwrap_or_default();
            let name = name.trim();
            match &last_document {
                Some(last) if &**last == name => last.clone(),
                _ => last_document.insert(name.into()).clone(),
            }
        });
        segments.push(Segment {
            source: cells
                .get(source)
                .map(|c| c.text(text))
                .unwrap_or_default()
                .into(),
            target: span,
            document,
        });
    }
    let mut prose = Prose::from_pieces(text, pieces);
    prose.segments = segments;
    prose.directives = directives;
    Ok(prose)
}

/// The cells of every row, decoded (quotes and `""` escapes resolved); blank lines left out.
pub fn rows(text: &str, delimiter: u8) -> Result<Vec<Vec<String>>, FormatError> {
    Ok(parse(text, delimiter)?
        .iter()
        .map(|cells| cells.iter().map(|c| c.text(text)).collect())
        .collect())
}

/// The rows of the table, blank lines left out.
fn parse(text: &str, delimiter: u8) -> Result<Vec<Vec<Cell>>, FormatError> {
    let bytes = text.as_bytes();
    let quoting = delimiter == b',';
    let mut rows = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let mut cells = Vec::new();
        loop {
            // One cell, starting at i.
            if quoting && bytes.get(i) == Some(&b'"') {
                let open = i;
                let mut pieces = Vec::new();
                let mut run = i + 1;
                i += 1;
                loop {
                    match bytes.get(i) {
                        None => {
                            let (line, column) = line_column(text, open);
                            return Err(FormatError {
                                line,
                                column,
                                message: "unterminated quoted cell: add the closing `\"`"
                                    .to_string(),
                            });
                        }
                        Some(b'"') if bytes.get(i + 1) == Some(&b'"') => {
                            pieces.push(piece(run..i));
                            i += 2;
                            run = i;
                        }
                        Some(b'"') => {
                            pieces.push(piece(run..i));
                            i += 1;
                            break;
                        }
                        Some(_) => i += 1,
                    }
                }
                // Anything between the closing quote and the delimiter is kept out.
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') && bytes[i] != delimiter
                {
                    i += 1;
                }
                cells.push(Cell { pieces });
            } else {
                let start = i;
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') && bytes[i] != delimiter
                {
                    i += 1;
                }
                cells.push(Cell {
                    pieces: vec![piece(start..i)],
                });
            }
            match bytes.get(i) {
                Some(&d) if d == delimiter => i += 1,
                _ => break,
            }
        }
        if bytes.get(i) == Some(&b'\r') {
            i += 1;
        }
        if bytes.get(i) == Some(&b'\n') {
            i += 1;
        }
        let blank = cells.len() == 1 && cells[0].pieces.iter().all(|p| p.start == p.end);
        if !blank {
            rows.push(cells);
        }
    }
    Ok(rows)
}

fn piece(range: Range<usize>) -> Piece {
    Piece {
        start: range.start,
        end: range.end,
        ..Piece::default()
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(delimiter: u8, spec: &str) -> Table {
        Table {
            delimiter,
            columns: Columns::parse(spec).unwrap(),
        }
    }

    #[test]
    fn tsv_by_header_names() {
        let tsv = "id\tzh\ten\n1\t一带一路\tthe One Belt, One Road\n2\t\t\n";
        let p = read(tsv, &table(b'\t', "zh,en")).unwrap();
        assert_eq!(p.segments.len(), 2);
        assert_eq!(&*p.segments[0].source, "一带一路");
        assert_eq!(&tsv[p.segments[0].target.clone()], "the One Belt, One Road");
        assert!(p.segments[1].target.is_empty());
    }

    #[test]
    fn csv_quotes_and_escapes() {
        let csv = "zh,en\n一带一路,\"the \"\"One Belt, One Road\"\"\nplan\"\n";
        let p = read(csv, &table(b',', "1,2")).unwrap();
        let s = &p.segments[1];
        assert_eq!(&*s.source, "一带一路");
        let first = p.piece_at(s.target.start).unwrap();
        let words: String = p.forward(first, s.target.start).map(|(_, c)| c).collect();
        assert_eq!(words, "the \"One Belt, One Road\"\nplan");
    }

    #[test]
    fn errors_say_where_and_what() {
        let e = read("zh,en\na,\"open\n", &table(b',', "zh,en")).unwrap_err();
        assert_eq!((e.line, e.column), (2, 3));
        let e = read("doc\tzh\n", &table(b'\t', "zh,en")).unwrap_err();
        assert!(e.message.contains("no column named `en`"), "{}", e.message);
        assert!(Columns::parse("zh").is_err());
        assert!(Columns::parse("0,1").is_err());
    }
}
