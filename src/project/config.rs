//! `termlint.toml` (or `.termlint.toml`): per-project settings.
//!
//! ```toml
//! glossary = ["glossary.toml", "../shared-terms.toml"]   # merged; relative to this file
//! include = ["drafts/**"]            # globs, relative to this file; default: everything
//! exclude = ["drafts/archive/**"]
//! format = "concise"                 # default output format
//! ignore = ['^Q:.*$']                 # text that is read but never reported (regular expressions)
//! extend = "../termlint.toml"         # start from that file's settings; keys here replace its keys
//! [formats]                          # which reader applies to which file extensions (walks
//!                                    # read these, `txt`, and tables when `columns` is set)
//! markdown = ["md", "markdown", "mdx"]
//! plain = ["txt"]
//! columns = "zh,en"                  # read .tsv/.csv as bilingual tables (source,translation)
//! po_fuzzy = "warning"               # findings in fuzzy PO entries: note (default), warning, error, skip
//! [severity]                         # per-term severity overrides
//! cpc = "warning"
//! ```
//!
//! The nearest file above each checked file wins (stopping at the repository root);
//! `--config FILE` replaces it for every file and `--isolated` ignores all of them. A nested
//! file replaces its parent's settings, unless it names one with `extend` (ruff's model): then
//! each key it sets replaces that key of the file it extends (`[formats]` and `[severity]` key
//! by key), and paths stay relative to the file that wrote them.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::problem::{Problem, ProblemKind};
use crate::Severity;
pub use crate::formats::extensions::{Formats, PoFuzzy};
use crate::formats::table::Columns;

pub const FILE_NAMES: [&str; 2] = ["termlint.toml", ".termlint.toml"];
const KEYS: &[&str] = &[
    "glossary", "include", "exclude", "format", "formats", "severity", "ignore", "extend",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    glossary: Option<Spanned<OneOrMany>>,
    include: Option<Vec<Spanned<String>>>,
    exclude: Option<Vec<Spanned<String>>>,
    format: Option<OutputFormat>,
    #[serde(default)]
    formats: RawFormats,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Severity>>,
    ignore: Option<Vec<Spanned<String>>>,
    extend: Option<Spanned<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFormats {
    markdown: Option<Vec<String>>,
    po: Option<Vec<String>>,
    xliff: Option<Vec<String>>,
    tmx: Option<Vec<String>>,
    docx: Option<Vec<String>>,
    tsv: Option<Vec<String>>,
    csv: Option<Vec<String>>,
    plain: Option<Vec<String>>,
    columns: Option<Spanned<String>>,
    po_fuzzy: Option<PoFuzzy>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged, expecting = "a string or an array of strings")]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

/// The output formats of `termlint check` (the `format` key).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// Compiler-style diagnostics with the offending words underlined.
    Human,
    /// One line per finding: path:line:col: severity[term]: message.
    Concise,
    /// One JSON array of findings.
    Json,
    /// One JSON object per finding, one per line.
    Jsonl,
    /// GitHub Actions workflow commands (annotations).
    Github,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML, one test case per file.
    Junit,
    /// Markdown: a summary table and the findings, for a pull-request comment or
    /// $GITHUB_STEP_SUMMARY.
    Markdown,
    /// One self-contained HTML page: summaries, findings in context, filters.
    Html,
}

/// A loaded configuration file.
#[derive(Clone, Debug, Serialize)]
pub struct Config {
    /// The file it came from.
    #[serde(skip)]
    pub path: PathBuf,
    /// Glossary files, resolved against the config file's directory.
    pub glossary: Vec<PathBuf>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub format: Option<OutputFormat>,
    pub formats: Formats,
    pub severity: BTreeMap<String, Severity>,
    /// Byte spans of the severity keys, to point at an unknown term id.
    #[serde(skip)]
    pub severity_spans: BTreeMap<String, std::ops::Range<usize>>,
    /// `ignore` patterns, compiled (they were validated at load).
    #[serde(skip)]
    pub ignore: crate::ignore::Ignore,
    /// The directory `include` and `exclude` are relative to: that of the file that set them.
    #[serde(skip)]
    pub glob_root: PathBuf,
    /// The files this one extends, nearest first.
    #[serde(skip)]
    pub extends: Vec<PathBuf>,
    #[serde(skip)]
    pub text: Arc<str>,
    /// The file as shown in messages.
    #[serde(skip)]
    pub shown: String,
}

/// Why the file a configuration extends could not be had.
pub enum ParentError {
    /// It cannot be read (the reason).
    Read(String),
    /// It extends, directly or not, the file that extends it: the files, as shown, in order.
    Cycle(Vec<String>),
    /// It is itself invalid (its problem, in it).
    Invalid(Box<Problem>),
}

impl Config {
    /// Parses a configuration file's text (`shown`: its path as shown in messages); `parent`
    /// loads the file an `extend` names. On failure, the problem.
    pub fn load(
        path: &Path,
        shown: &str,
        text: &str,
        parent: &mut dyn FnMut(&Path) -> Result<Config, ParentError>,
    ) -> Result<Config, Box<Problem>> {
        let text: Arc<str> = Arc::from(text);
        let render = |shown: &str,
                      text: &str,
                      message: &str,
                      span: Option<std::ops::Range<usize>>,
                      notes: Vec<String>| {
            Box::new(problem(path, shown, text, message, span, notes))
        };
        let raw: Raw = toml::from_str(&text).map_err(|e| {
            if let Some(p) = super::discovery::not_toml(path, shown, &text, "configuration") {
                return Box::new(p);
            }
            let mut message = e.message().trim().to_string();
            let mut notes = Vec::new();
            if let Some(field) = message
                .strip_prefix("unknown field `")
                .and_then(|r| r.split('`').next())
            {
                let field = field.to_string();
                message = format!("unknown key `{field}`");
                let known = format!(
                    "known keys: {} (and in [formats]: markdown, po, xliff, tmx, docx, tsv, csv, plain, columns, po_fuzzy)",
                    KEYS.join(", ")
                );
                notes.push(match crate::glossary::closest(&field, KEYS) {
                    Some(k) => format!("help: did you mean `{k}`? {known}"),
                    None => format!("help: {known}"),
                });
            }
            render(shown, &text, &message, e.span(), notes)
        })?;
        let dir = path.parent().unwrap_or(Path::new("."));
        let base = match &raw.extend {
            None => None,
            Some(e) => {
                let file = normalize(&dir.join(e.get_ref()));
                let at = |message: String, help: &str| {
                    render(
                        shown,
                        &text,
                        &message,
                        Some(e.span()),
                        vec![format!("help: {help}")],
                    )
                };
                if let Err(why) = inside_project(dir, &file) {
                    return Err(at(
                        format!("extend `{}` {why}", e.get_ref()),
                        "a configuration can extend only files inside its repository",
                    ));
                }
                match parent(&file) {
                    Ok(c) => Some(c),
                    Err(ParentError::Read(why)) => {
                        return Err(at(
                            format!("cannot extend `{}`: {why}", e.get_ref()),
                            "`extend` takes the path of another termlint.toml, relative to this file",
                        ));
                    }
                    Err(ParentError::Cycle(files)) => {
                        return Err(at(
                            format!("`extend` makes a cycle: {}", files.join(" -> ")),
                            "remove `extend` from one of these files",
                        ));
                    }
                    Err(ParentError::Invalid(p)) => return Err(p),
                }
            }
        };
        let mut glossary = Vec::new();
        if raw.glossary.is_none()
            && let Some(b) = &base
        {
            glossary.clone_from(&b.glossary);
        }
        if let Some(g) = raw.glossary {
            let span = g.span();
            let names = match g.into_inner() {
                OneOrMany::One(g) => vec![g],
                OneOrMany::Many(v) => v,
            };
            for name in names {
                let file = dir.join(&name);
                if let Err(why) = inside_project(dir, &file) {
                    return Err(render(
                        shown,
                        &text,
                        &format!("glossary `{name}` {why}"),
                        Some(span),
                        vec![
                            "help: glossaries named in a configuration file must be inside its \
                             repository (a committed configuration decides what every run reads); \
                             to use a file elsewhere, pass it with --glossary"
                                .to_string(),
                        ],
                    ));
                }
                glossary.push(file);
            }
        }
        for g in raw
            .include
            .iter()
            .flatten()
            .chain(raw.exclude.iter().flatten())
        {
            if let Err(e) = globset::Glob::new(g.get_ref()) {
                return Err(render(
                    shown,
                    &text,
                    &format!("invalid glob: {}", e.kind()),
                    Some(g.span()),
                    vec![],
                ));
            }
        }
        let ignore = match (&raw.ignore, &base) {
            (None, Some(b)) => b.ignore.clone(),
            (raw_ignore, _) => {
                let raw_ignore = raw_ignore.as_deref().unwrap_or_default();
                let patterns: Vec<String> =
                    raw_ignore.iter().map(|p| p.get_ref().clone()).collect();
                crate::ignore::Ignore::new(&patterns).map_err(|e| {
                    render(
                        shown,
                        &text,
                        &format!("invalid ignore pattern: {}", e.message.lines().last().unwrap_or("")),
                        Some(raw_ignore[e.index].span()),
                        vec!["help: `ignore` takes regular expressions (regex crate syntax), matched in multi-line mode".to_string()],
                    )
                })?
            }
        };
        let columns = match &raw.formats.columns {
            None => base.as_ref().and_then(|b| b.formats.columns.clone()),
            Some(c) => match Columns::parse(c.get_ref()) {
                Ok(columns) => Some(columns),
                Err(e) => {
                    return Err(render(
                        shown,
                        &text,
                        &format!("invalid columns: {e}"),
                        Some(c.span()),
                        vec![],
                    ));
                }
            },
        };
        let defaults = base
            .as_ref()
            .map_or_else(Formats::default, |b| b.formats.clone());
        let globs_here = raw.include.is_some() || raw.exclude.is_some();
        let glob_root = match &base {
            Some(b) if !globs_here => b.glob_root.clone(),
            _ => dir.to_path_buf(),
        };
        let strings = |v: Option<Vec<Spanned<String>>>, inherited: Option<&Vec<String>>| match v {
            Some(v) => v.into_iter().map(Spanned::into_inner).collect(),
            None if !globs_here => inherited.cloned().unwrap_or_default(),
            None => Vec::new(),
        };
        let mut severity = base
            .as_ref()
            .map(|b| b.severity.clone())
            .unwrap_or_default();
        let mut extends = Vec::new();
        if let Some(b) = &base {
            extends.push(b.path.clone());
            extends.extend(b.extends.iter().cloned());
        }
        let lower = |v: Vec<String>| {
            v.into_iter()
                .map(|e| e.trim_start_matches('.').to_ascii_lowercase())
                .collect()
        };
        Ok(Config {
            path: path.to_path_buf(),
            glossary,
            include: strings(raw.include, base.as_ref().map(|b| &b.include)),
            exclude: strings(raw.exclude, base.as_ref().map(|b| &b.exclude)),
            format: raw.format.or(base.as_ref().and_then(|b| b.format)),
            formats: Formats {
                markdown: raw.formats.markdown.map_or(defaults.markdown, lower),
                po: raw.formats.po.map_or(defaults.po, lower),
                xliff: raw.formats.xliff.map_or(defaults.xliff, lower),
                tmx: raw.formats.tmx.map_or(defaults.tmx, lower),
                docx: raw.formats.docx.map_or(defaults.docx, lower),
                tsv: raw.formats.tsv.map_or(defaults.tsv, lower),
                csv: raw.formats.csv.map_or(defaults.csv, lower),
                plain: raw.formats.plain.map_or(defaults.plain, lower),
                columns,
                po_fuzzy: raw.formats.po_fuzzy.unwrap_or(defaults.po_fuzzy),
            },
            severity_spans: raw
                .severity
                .iter()
                .map(|(k, v)| (k.clone(), v.span()))
                .collect(),
            severity: {
                severity.extend(raw.severity.into_iter().map(|(k, v)| (k, v.into_inner())));
                severity
            },
            ignore,
            glob_root,
            extends,
            text,
            shown: shown.to_string(),
        })
    }

    /// A problem pointing into this file.
    pub fn error_at(
        &self,
        span: Option<std::ops::Range<usize>>,
        message: &str,
        help: &str,
    ) -> Problem {
        problem(
            &self.path,
            &self.shown,
            &self.text,
            message,
            span,
            vec![format!("help: {help}")],
        )
    }
}

/// An invalid configuration. `notes` starting with `help: ` are the help.
fn problem(
    path: &Path,
    shown: &str,
    text: &str,
    message: &str,
    span: Option<std::ops::Range<usize>>,
    notes: Vec<String>,
) -> Problem {
    let mut p = Problem::new(
        ProblemKind::Config,
        shown,
        format!("invalid configuration: {message}"),
    )
    .at(path.to_path_buf(), Some(Arc::from(text)), span);
    for n in notes {
        match n.strip_prefix("help: ") {
            Some(help) => p.help = Some(help.to_string()),
            None => p.notes.push(n),
        }
    }
    p
}

/// Whether `file`, named by a configuration file in `dir`, lies inside the project: the git
/// repository holding `dir` (or `dir` itself outside any repository), both as written (`..`
/// resolved) and with symbolic links followed. Err says where it goes instead.
fn inside_project(dir: &Path, file: &Path) -> Result<(), String> {
    let dir = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    let root = dir
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&dir)
        .to_path_buf();
    let lexical = normalize(&dir.join(file));
    if !lexical.starts_with(&root) {
        return Err(format!(
            "is outside the project ({} is not under {})",
            lexical.display(),
            root.display()
        ));
    }
    if let (Ok(real), Ok(real_root)) = (std::fs::canonicalize(file), std::fs::canonicalize(&root))
        && !real.starts_with(&real_root)
    {
        return Err(format!(
            "leads outside the project through a symbolic link (to {})",
            real.display()
        ));
    }
    Ok(())
}

/// `path` with `.` and `..` resolved as written, without asking the file system.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The nearest configuration file in `dir` or above, not above the repository root.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    super::discovery::find_upward(dir, &FILE_NAMES)
}
