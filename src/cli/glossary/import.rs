//! `termlint glossary import FILE...`: termbases to glossary.toml on standard output.

use std::path::Path;

use termlint::import::{self, Concept, ImportError, Options};

use super::shown;
use crate::cli::Status;
use crate::cli::args::{ImportArgs, ImportFormat};
use crate::cli::input::{self, describe_io};

pub fn run(args: &ImportArgs) -> Status {
    match convert(args) {
        Some(c) => {
            print!("{}", termlint::export::toml::write(&c.glossary));
            eprintln!("{}", c.count_line());
            Status::Clean
        }
        None => Status::Error,
    }
}

/// A glossary converted from termbases.
pub struct Converted {
    pub glossary: termlint::Glossary,
    /// Entries read, before merging.
    pub entries: usize,
    pub warnings: usize,
}

impl Converted {
    /// `imported 2 terms (zh to en) from 3 entries; 1 warning`.
    pub fn count_line(&self) -> String {
        let g = &self.glossary;
        format!(
            "imported {} term{} ({} to {}) from {} entries; {} warning{}",
            g.terms.len(),
            if g.terms.len() == 1 { "" } else { "s" },
            g.source_language.as_deref().unwrap_or("?"),
            g.target_language.as_deref().unwrap_or("?"),
            self.entries,
            self.warnings,
            if self.warnings == 1 { "" } else { "s" }
        )
    }
}

/// Reads and merges the termbases of `args`; prints warnings and errors on standard error.
/// None after an error.
pub fn convert(args: &ImportArgs) -> Option<Converted> {
    let layout = match import::table::Layout::parse(&args.termbase.columns) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: invalid --columns: {e}");
            return None;
        }
    };
    let languages = (
        args.termbase.source_lang.as_deref().unwrap_or("zh"),
        args.termbase.target_lang.as_deref().unwrap_or("en"),
    );
    let mut concepts: Vec<Concept> = Vec::new();
    // Warnings about the files read (a header row, columns not imported), before the merge's.
    let mut file_warnings: Vec<String> = Vec::new();
    for path in &args.files {
        let name = shown(path);
        let Some(format) = args.termbase.from.or_else(|| guess(path)) else {
            eprintln!(
                "error: {name}: unknown glossary format; name it with --from tbx|csv|tsv|lex"
            );
            return None;
        };
        let text = match input::regular(path)
            .map_err(|e| e.to_string())
            .and_then(|()| std::fs::read(path).map_err(|e| describe_io(&e)))
            .and_then(|bytes| input::decode(bytes).map_err(|e| e.to_string()))
        {
            Ok(input) => input.text,
            Err(e) => {
                eprintln!("error: {name}: {e}");
                return None;
            }
        };
        let mut table = |delimiter: u8| {
            import::table::read(&text, delimiter, &layout, languages).map(|t| {
                for w in t.warnings {
                    file_warnings.push(format!("{name}: {w}"));
                }
                t.concepts
            })
        };
        let read: Result<Vec<Concept>, ImportError> = match format {
            ImportFormat::Tbx => import::tbx::parse(&text),
            ImportFormat::Csv => table(b','),
            ImportFormat::Tsv => table(b'\t'),
            ImportFormat::Lex => import::lexicon::parse(&text, languages),
        };
        match read {
            Ok(c) => concepts.extend(c),
            Err(e) => {
                eprintln!("error: {name}: {e}");
                return None;
            }
        }
    }
    let options = Options {
        source_language: args.termbase.source_lang.clone(),
        target_language: args.termbase.target_lang.clone(),
        expand_alternatives: args.termbase.expand_alternatives,
    };
    let imported = match import::build(&concepts, &options) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return None;
        }
    };
    for w in file_warnings.iter().chain(&imported.warnings) {
        eprintln!("warning: {w}");
    }
    Some(Converted {
        entries: concepts.len(),
        warnings: imported.warnings.len() + file_warnings.len(),
        glossary: imported.glossary,
    })
}

fn guess(path: &Path) -> Option<ImportFormat> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "tbx" | "xml" => Some(ImportFormat::Tbx),
        "csv" => Some(ImportFormat::Csv),
        "tsv" | "tab" | "txt" => Some(ImportFormat::Tsv),
        "lex" => Some(ImportFormat::Lex),
        _ => None,
    }
}
