//! Glossaries kept in spreadsheets, exported as CSV or TSV. `--columns` names the columns:
//! `SOURCE,TARGET[,DEVIANTS]`, then any of `admitted=COL`, `deviants=COL`, `note=COL`,
//! `subject=COL`; a column is a header name or a 1-based number (with numbers only, the first
//! row is data). A cell may hold several renderings separated by `|` or `;`.

use super::{Concept, ImportError, Status};
use crate::formats::table::{Column, rows};

/// Which columns hold what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub source: Column,
    pub target: Column,
    pub admitted: Vec<Column>,
    pub deviants: Vec<Column>,
    pub note: Option<Column>,
    pub subject: Option<Column>,
}

impl Layout {
    pub fn parse(spec: &str) -> Result<Layout, String> {
        let column = |s: &str| Column::parse(s, spec);
        let parts: Vec<&str> = spec.split(',').collect();
        if parts.len() < 2 || parts[..2].iter().any(|p| p.contains('=')) {
            return Err(format!(
                "expected SOURCE,TARGET[,DEVIANTS] then role=COLUMN items (for example `zh,en` or `zh,en,admitted=en_alt`), got `{spec}`"
            ));
        }
        let mut layout = Layout {
            source: column(parts[0])?,
            target: column(parts[1])?,
            admitted: Vec::new(),
            deviants: Vec::new(),
            note: None,
            subject: None,
        };
        for (i, part) in parts.iter().enumerate().skip(2) {
            match part.split_once('=') {
                None if i == 2 => layout.deviants.push(column(part)?),
                None => {
                    return Err(format!(
                        "`{part}`: after the third column, write role=COLUMN"
                    ));
                }
                Some((role, col)) => match role.trim() {
                    "admitted" => layout.admitted.push(column(col)?),
                    "deviants" => layout.deviants.push(column(col)?),
                    "note" => layout.note = Some(column(col)?),
                    "subject" => layout.subject = Some(column(col)?),
                    other => {
                        return Err(format!(
                            "unknown role `{other}`: use admitted, deviants, note or subject"
                        ));
                    }
                },
            }
        }
        Ok(layout)
    }

    fn all(&self) -> impl Iterator<Item = &Column> {
        [&self.source, &self.target]
            .into_iter()
            .chain(&self.admitted)
            .chain(&self.deviants)
            .chain(&self.note)
            .chain(&self.subject)
    }
}

/// A table read: its entries, and what the user should hear of (a header row recognised,
/// columns not imported).
#[derive(Debug, Default)]
pub struct Table {
    pub concepts: Vec<Concept>,
    pub warnings: Vec<String>,
}

/// The entries of a table; `languages` are the tags given to the source and target columns.
pub fn parse(
    text: &str,
    delimiter: u8,
    layout: &Layout,
    languages: (&str, &str),
) -> Result<Vec<Concept>, ImportError> {
    read(text, delimiter, layout, languages).map(|t| t.concepts)
}

/// Whether a header cell names the column of `language`: its tag (`zh`, `zh-CN`, `EN`), its
/// English or own name for a few common languages, or the generic `source` / `target`.
fn names_language(cell: &str, language: &str, generic: &[&str]) -> bool {
    let cell = cell.trim().to_lowercase();
    let tag_like = !cell.is_empty()
        && cell.len() <= 16
        && cell
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if tag_like && crate::language::same_language(&cell, language) {
        return true;
    }
    const NAMES: &[(&str, &[&str])] = &[
        (
            "zh",
            &["chinese", "中文", "汉语", "漢語", "简体中文", "繁體中文"],
        ),
        ("en", &["english", "英文", "英语", "英語"]),
        ("fr", &["french", "français", "francais"]),
        ("de", &["german", "deutsch"]),
        ("es", &["spanish", "español", "espanol"]),
        ("ja", &["japanese", "日本語"]),
        ("ko", &["korean", "한국어"]),
        ("ru", &["russian", "русский"]),
        ("ar", &["arabic", "العربية"]),
    ];
    NAMES.iter().any(|(tag, names)| {
        crate::language::same_language(tag, language) && names.contains(&cell.as_str())
    }) || generic.contains(&cell.as_str())
}

/// The entries of a table and its warnings. With columns given by number, a first row whose
/// source and target cells name the two languages (`zh`, `en`; `Chinese`, `English`) is read
/// as a header, not as a term. Every column that holds text but is not imported is warned of.
pub fn read(
    text: &str,
    delimiter: u8,
    layout: &Layout,
    languages: (&str, &str),
) -> Result<Table, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = rows(text, delimiter)?;
    let mut warnings = Vec::new();
    let named = layout.all().any(|c| matches!(c, Column::Name(_)));
    let detected = !named
        && match (&layout.source, &layout.target, rows.first()) {
            (Column::Number(s), Column::Number(t), Some(first)) => {
                first.get(s - 1).is_some_and(|c| {
                    names_language(c, languages.0, &["source", "source term", "term"])
                }) && first.get(t - 1).is_some_and(|c| {
                    names_language(c, languages.1, &["target", "target term", "translation"])
                })
            }
            _ => false,
        };
    let has_header = named || detected;
    let header: Vec<String> = match rows.first() {
        Some(first) if has_header => first.iter().map(|h| h.trim().to_string()).collect(),
        _ => Vec::new(),
    };
    if detected {
        let cells: Vec<String> = header.iter().map(|h| format!("`{h}`")).collect();
        warnings.push(format!(
            "line 1 ({}) names the language columns: read as a header, not as a term",
            cells.join(", ")
        ));
    }
    let index =
        |c: &Column| -> Result<usize, ImportError> { c.index(&header).map_err(ImportError::from) };
    let source = index(&layout.source)?;
    let target = index(&layout.target)?;
    let admitted = layout
        .admitted
        .iter()
        .map(index)
        .collect::<Result<Vec<_>, _>>()?;
    let deviants = layout
        .deviants
        .iter()
        .map(index)
        .collect::<Result<Vec<_>, _>>()?;
    let note = layout.note.as_ref().map(index).transpose()?;
    let subject = layout.subject.as_ref().map(index).transpose()?;
    let cell = |row: &[String], i: usize| row.get(i).map_or("", |c| c.trim()).to_string();
    let split = |v: String| -> Vec<String> {
        v.split(['|', ';'])
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Columns that hold text but are not imported.
    let used: Vec<usize> = [source, target]
        .into_iter()
        .chain(admitted.iter().copied())
        .chain(deviants.iter().copied())
        .chain(note)
        .chain(subject)
        .collect();
    let data = &rows[usize::from(has_header).min(rows.len())..];
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    for i in (0..width).filter(|i| !used.contains(i)) {
        let filled = data
            .iter()
            .filter(|r| r.get(i).is_some_and(|c| !c.trim().is_empty()))
            .count();
        if filled == 0 {
            continue;
        }
        let (what, name) = match header.get(i).filter(|h| !h.is_empty()) {
            Some(h) => (format!("column {} (`{h}`)", i + 1), h.clone()),
            None => (format!("column {}", i + 1), (i + 1).to_string()),
        };
        warnings.push(format!(
            "{what} is not imported ({filled} non-empty cell{}); to import it, give it a role in --columns: admitted={name}, deviants={name}, note={name} or subject={name}",
            if filled == 1 { "" } else { "s" }
        ));
    }
    let mut out = Vec::new();
    for row in rows.iter().skip(usize::from(has_header)) {
        let mut targets: Vec<(String, Status)> = split(cell(row, target))
            .into_iter()
            .enumerate()
            .map(|(k, t)| {
                (
                    t,
                    if k == 0 {
                        Status::Preferred
                    } else {
                        Status::Admitted
                    },
                )
            })
            .collect();
        for &i in &admitted {
            targets.extend(
                split(cell(row, i))
                    .into_iter()
                    .map(|t| (t, Status::Admitted)),
            );
        }
        for &i in &deviants {
            targets.extend(
                split(cell(row, i))
                    .into_iter()
                    .map(|t| (t, Status::Deviant)),
            );
        }
        let sources: Vec<(String, Status)> = split(cell(row, source))
            .into_iter()
            .map(|s| (s, Status::Unspecified))
            .collect();
        if sources.is_empty() && targets.is_empty() {
            continue;
        }
        out.push(Concept {
            languages: vec![
                (languages.0.to_string(), sources),
                (languages.1.to_string(), targets),
            ],
            note: note.map(|i| cell(row, i)).filter(|n| !n.is_empty()),
            subject: subject.map(|i| cell(row, i)).filter(|s| !s.is_empty()),
            ..Concept::default()
        });
    }
    Ok(Table {
        concepts: out,
        warnings,
    })
}
