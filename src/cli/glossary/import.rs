//! `termlint glossary import FILE...`: termbases to glossary.toml on standard output.

use std::path::Path;

use termlint::import::{self, Concept, ImportError, Options};

use super::shown;
use crate::cli::Status;
use crate::cli::args::{ImportArgs, ImportFormat};
use crate::cli::input::{self, describe_io};

pub fn run(args: &ImportArgs) -> Status {
    let layout = match import::table::Layout::parse(&args.columns) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("error: invalid --columns: {e}");
            return Status::Error;
        }
    };
    let languages = (
        args.source_lang.as_deref().unwrap_or("zh"),
        args.target_lang.as_deref().unwrap_or("en"),
    );
    let mut concepts: Vec<Concept> = Vec::new();
    for path in &args.files {
        let name = shown(path);
        let Some(format) = args.from.or_else(|| guess(path)) else {
            eprintln!(
                "error: {name}: unknown glossary format; name it with --from tbx|csv|tsv|lex"
            );
            return Status::Error;
        };
        let text = match input::regular(path)
            .map_err(|e| e.to_string())
            .and_then(|()| std::fs::read(path).map_err(|e| describe_io(&e)))
            .and_then(|bytes| input::decode(bytes).map_err(|e| e.to_string()))
        {
            Ok(input) => input.text,
            Err(e) => {
                eprintln!("error: {name}: {e}");
                return Status::Error;
            }
        };
        let read: Result<Vec<Concept>, ImportError> = match format {
            ImportFormat::Tbx => import::tbx::parse(&text),
            ImportFormat::Csv => import::table::parse(&text, b',', &layout, languages),
            ImportFormat::Tsv => import::table::parse(&text, b'\t', &layout, languages),
            ImportFormat::Lex => import::lexicon::parse(&text, languages),
        };
        match read {
            Ok(c) => concepts.extend(c),
            Err(e) => {
                eprintln!("error: {name}: {e}");
                return Status::Error;
            }
        }
    }
    let options = Options {
        source_language: args.source_lang.clone(),
        target_language: args.target_lang.clone(),
        expand_alternatives: args.expand_alternatives,
    };
    let imported = match import::build(&concepts, &options) {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return Status::Error;
        }
    };
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    print!("{}", termlint::export::toml::write(&imported.glossary));
    let g = &imported.glossary;
    eprintln!(
        "imported {} term{} ({} to {}) from {} entries; {} warning{}",
        g.terms.len(),
        if g.terms.len() == 1 { "" } else { "s" },
        g.source_language.as_deref().unwrap_or("?"),
        g.target_language.as_deref().unwrap_or("?"),
        concepts.len(),
        imported.warnings.len(),
        if imported.warnings.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    Status::Clean
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
