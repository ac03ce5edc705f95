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

/// The entries of a table; `languages` are the tags given to the source and target columns.
pub fn parse(
    text: &str,
    delimiter: u8,
    layout: &Layout,
    languages: (&str, &str),
) -> Result<Vec<Concept>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let rows = rows(text, delimiter)?;
    let named = layout.all().any(|c| matches!(c, Column::Name(_)));
    let header: Vec<String> = match rows.first() {
        Some(first) if named => first.iter().map(|h| h.trim().to_string()).collect(),
        _ => Vec::new(),
    };
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
    let mut out = Vec::new();
    for row in rows.iter().skip(usize::from(named)) {
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
    Ok(out)
}
