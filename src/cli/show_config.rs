//! `termlint config [PATH]`: the configuration that applies to a file or directory, resolved,
//! as TOML, so that users can see which termlint.toml and which glossaries are in force.

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use super::Status;
use super::args::ConfigArgs;
use super::glossary::shown;
use termlint::project::config::Formats;

#[derive(Serialize)]
struct Shown {
    path: String,
    config: String,
    glossary: Vec<String>,
    terms: usize,
    format: String,
    include: Vec<String>,
    exclude: Vec<String>,
    formats: Formats,
    severity: std::collections::BTreeMap<String, termlint::Severity>,
}

pub fn run(args: &ConfigArgs) -> Status {
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let resolver = super::problems::project(&args.settings);
    let settings = if path.is_dir() {
        resolver.for_dir(&std::path::absolute(&path).unwrap_or(path.clone()))
    } else {
        resolver.for_file(&path)
    };
    let Some(s) = settings else {
        for p in resolver.take_problem_groups() {
            eprint!("{}", super::problems::render_all(&p, false));
        }
        return Status::Error;
    };
    let config = s.config.as_deref();
    let shown = Shown {
        path: path.display().to_string(),
        config: config.map_or("(none)".to_string(), |c| self::shown(&c.path)),
        glossary: s.glossaries.iter().map(|g| self::shown(g)).collect(),
        terms: s.checker.glossary().terms.len(),
        format: config
            .and_then(|c| c.format)
            .map_or("human".to_string(), |f| format!("{f:?}").to_lowercase()),
        include: config.map(|c| c.include.clone()).unwrap_or_default(),
        exclude: config.map(|c| c.exclude.clone()).unwrap_or_default(),
        formats: config.map(|c| c.formats.clone()).unwrap_or_default(),
        severity: config.map(|c| c.severity.clone()).unwrap_or_default(),
    };
    let text = toml::to_string(&shown).unwrap_or_default();
    let _ = std::io::stdout().write_all(text.as_bytes());
    Status::Clean
}
