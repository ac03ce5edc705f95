//! The one table from file extension to format: which reader applies to which file, with the
//! defaults termlint ships and what a termlint.toml's `[formats]` changes.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::Format;
use super::table::{Columns, Table};
use crate::Severity;

fn columns_as_text<S: serde::Serializer>(c: &Option<Columns>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_str(&c.to_string()),
        None => s.serialize_none(),
    }
}

/// What to do with the findings of PO entries marked fuzzy (draft translations).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PoFuzzy {
    #[default]
    Note,
    Warning,
    Error,
    /// Not checked at all.
    Skip,
}

impl PoFuzzy {
    pub fn severity(self) -> Option<Severity> {
        match self {
            PoFuzzy::Note => Some(Severity::Note),
            PoFuzzy::Warning => Some(Severity::Warning),
            PoFuzzy::Error => Some(Severity::Error),
            PoFuzzy::Skip => None,
        }
    }
}

/// Which extensions (lower case, without the dot) are read as which format.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Formats {
    pub markdown: Vec<String>,
    pub po: Vec<String>,
    pub xliff: Vec<String>,
    pub tmx: Vec<String>,
    pub docx: Vec<String>,
    /// Tables: read as bilingual tables when `columns` is set, as plain text otherwise.
    pub tsv: Vec<String>,
    pub csv: Vec<String>,
    pub plain: Vec<String>,
    /// `SOURCE,TARGET` columns of the tables.
    #[serde(serialize_with = "columns_as_text")]
    pub columns: Option<Columns>,
    /// The severity of findings in PO fuzzy entries, or `skip`.
    pub po_fuzzy: PoFuzzy,
}

impl Default for Formats {
    fn default() -> Formats {
        Formats {
            markdown: vec!["md".into(), "markdown".into()],
            po: vec!["po".into(), "pot".into()],
            xliff: vec!["xlf".into(), "xliff".into()],
            tmx: vec!["tmx".into()],
            docx: vec!["docx".into()],
            tsv: vec!["tsv".into(), "tab".into()],
            csv: vec!["csv".into()],
            plain: vec![],
            columns: None,
            po_fuzzy: PoFuzzy::Note,
        }
    }
}

impl Formats {
    /// Whether a directory walk reads this file: its extension is one of a format's (tables
    /// only when `columns` is set), or `txt`. Files named on the command line are read
    /// whatever their extension; to walk other extensions, list them under `[formats]`.
    pub fn walked(&self, path: &Path) -> bool {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let tables = self.columns.is_some() && (self.tsv.contains(&ext) || self.csv.contains(&ext));
        ext == "txt"
            || tables
            || [
                &self.plain,
                &self.markdown,
                &self.po,
                &self.xliff,
                &self.tmx,
                &self.docx,
            ]
            .iter()
            .any(|list| list.contains(&ext))
    }

    pub fn for_path(&self, path: &Path) -> Format {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if self.plain.contains(&ext) {
            Format::Plain
        } else if self.markdown.contains(&ext) {
            Format::Markdown
        } else if self.po.contains(&ext) {
            Format::Po
        } else if self.xliff.contains(&ext) {
            Format::Xliff
        } else if self.tmx.contains(&ext) {
            Format::Tmx
        } else if self.docx.contains(&ext) {
            Format::Docx
        } else if let (Some(columns), true) = (
            &self.columns,
            self.tsv.contains(&ext) || self.csv.contains(&ext),
        ) {
            Format::Table(Table {
                delimiter: if self.csv.contains(&ext) { b',' } else { b'\t' },
                columns: columns.clone(),
            })
        } else {
            Format::Plain
        }
    }
}
