//! What applies to each file: its configuration file, its glossaries (merged and compiled
//! once), its format readers and its include/exclude globs.
//!
//! Resolution for a file in directory D:
//! 1. configuration: none with `--isolated`; the `--config` file; else the nearest
//!    termlint.toml or .termlint.toml in D or above (not above the repository root);
//! 2. glossaries: `--glossary` files; else the configuration's `glossary`; else the nearest
//!    glossary.toml in D or above;
//! 3. severity overrides from the configuration are applied before compiling.
//!
//! Every result is cached per directory, and every problem is reported once.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};
use termlint::{Checker, Format, Glossary};

use super::args::SettingsArgs;
use super::config::{self, Config, Formats};
use super::glossaries;
use termlint::formats::table::Columns;

/// The settings for the files of one directory.
pub struct Settings {
    pub checker: Arc<Checker>,
    pub config: Option<Arc<Config>>,
    pub glossaries: Vec<PathBuf>,
    formats: Formats,
    filter: Option<Filter>,
}

struct Filter {
    root: PathBuf,
    include: Option<GlobSet>,
    exclude: GlobSet,
}

impl Settings {
    pub fn format_for(&self, path: &Path) -> Format {
        self.formats.for_path(path)
    }

    /// Whether a file met while walking is a draft: a format termlint reads (see
    /// [`Formats::walked`]) and not one of the glossaries in force.
    pub fn walks(&self, path: &Path) -> bool {
        if !self.formats.walked(path) {
            return false;
        }
        // The file system is asked only about a file named like a glossary in force.
        if !self
            .glossaries
            .iter()
            .any(|g| g.file_name() == path.file_name())
        {
            return true;
        }
        let Ok(real) = std::fs::canonicalize(path) else {
            return true;
        };
        !self
            .glossaries
            .iter()
            .any(|g| std::fs::canonicalize(g).is_ok_and(|g| g == real))
    }

    /// Whether a file met while walking is to be checked (include/exclude globs).
    pub fn accepts(&self, path: &Path) -> bool {
        let Some(f) = &self.filter else { return true };
        let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let rel = abs.strip_prefix(&f.root).unwrap_or(&abs);
        f.include.as_ref().is_none_or(|i| i.is_match(rel)) && !f.exclude.is_match(rel)
    }
}

/// The glossary files and the configuration file (for its severity overrides) of a checker.
type CheckerKey = (Vec<PathBuf>, Option<PathBuf>);

enum ConfigMode {
    Nearest,
    Isolated,
    Explicit(PathBuf),
}

pub struct Resolver {
    glossary_args: Vec<PathBuf>,
    mode: ConfigMode,
    color: bool,
    /// `--columns` and `--strict-count` of `termlint check`.
    columns: Option<Columns>,
    strict_count: bool,
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Settings>>>>,
    configs: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    /// (glossary files, config file) -> compiled checker.
    checkers: Mutex<HashMap<CheckerKey, Option<Arc<Checker>>>>,
    problems: Mutex<BTreeMap<String, String>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Resolver {
    pub fn new(args: &SettingsArgs, color: bool) -> Resolver {
        let cwd = std::env::current_dir().unwrap_or_default();
        Resolver {
            glossary_args: args.glossary.iter().map(|g| cwd.join(g)).collect(),
            mode: match (&args.config, args.isolated) {
                (_, true) => ConfigMode::Isolated,
                (Some(c), false) => ConfigMode::Explicit(cwd.join(c)),
                (None, false) => ConfigMode::Nearest,
            },
            color,
            columns: None,
            strict_count: false,
            by_dir: Mutex::default(),
            configs: Mutex::default(),
            checkers: Mutex::default(),
            problems: Mutex::default(),
        }
    }

    /// Applies `termlint check`'s `--columns` and `--strict-count`.
    pub fn with_check_options(mut self, columns: Option<Columns>, strict_count: bool) -> Resolver {
        self.columns = columns;
        self.strict_count = strict_count;
        self
    }

    /// The settings for a file, or None if they cannot be had (the problem is recorded).
    pub fn for_file(&self, file: &Path) -> Option<Arc<Settings>> {
        let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
        self.for_dir(abs.parent().unwrap_or(Path::new("/")))
    }

    /// The settings for the files of a directory (standard input uses the current one).
    pub fn for_dir(&self, dir: &Path) -> Option<Arc<Settings>> {
        if let Some(s) = lock(&self.by_dir).get(dir) {
            return s.clone();
        }
        let s = self.resolve(dir).map(Arc::new);
        lock(&self.by_dir).insert(dir.to_path_buf(), s.clone());
        s
    }

    fn resolve(&self, dir: &Path) -> Option<Settings> {
        let config = match &self.mode {
            ConfigMode::Isolated => None,
            ConfigMode::Explicit(path) => Some(self.config(path)?),
            ConfigMode::Nearest => match config::discover(dir) {
                Some(path) => Some(self.config(&path)?),
                None => None,
            },
        };
        let glossaries = if !self.glossary_args.is_empty() {
            self.glossary_args.clone()
        } else if let Some(c) = config.as_ref().filter(|c| !c.glossary.is_empty()) {
            c.glossary.clone()
        } else {
            match glossaries::discover(dir) {
                Some(g) => vec![g],
                None => {
                    self.problem("missing glossary".into(), glossaries::missing(dir));
                    return None;
                }
            }
        };
        let checker = self.checker(&glossaries, config.as_deref())?;
        let filter = config.as_ref().and_then(|c| self.filter(c));
        Some(Settings {
            checker,
            formats: {
                let mut f: Formats = config
                    .as_ref()
                    .map(|c| c.formats.clone())
                    .unwrap_or_default();
                if self.columns.is_some() {
                    f.columns.clone_from(&self.columns);
                }
                f
            },
            config,
            glossaries,
            filter,
        })
    }

    /// The configuration file that applies to a directory, without looking for glossaries
    /// (used for the default output format).
    pub fn config_for_dir(&self, dir: &Path) -> Option<Arc<Config>> {
        match &self.mode {
            ConfigMode::Isolated => None,
            ConfigMode::Explicit(path) => self.config(path),
            ConfigMode::Nearest => self.config(&config::discover(dir)?),
        }
    }

    fn config(&self, path: &Path) -> Option<Arc<Config>> {
        let mut configs = lock(&self.configs);
        configs
            .entry(path.to_path_buf())
            .or_insert_with(|| match Config::load(path, self.color) {
                Ok(c) => Some(Arc::new(c)),
                Err(rendered) => {
                    self.problem(path.display().to_string(), rendered);
                    None
                }
            })
            .clone()
    }

    /// Loads, merges and compiles glossaries with the configuration's severity overrides.
    fn checker(&self, files: &[PathBuf], config: Option<&Config>) -> Option<Arc<Checker>> {
        let key = (files.to_vec(), config.map(|c| c.path.clone()));
        let mut checkers = lock(&self.checkers);
        if let Some(c) = checkers.get(&key) {
            return c.clone();
        }
        let built = self.build(files, config).map(Arc::new);
        checkers.insert(key, built.clone());
        built
    }

    fn build(&self, files: &[PathBuf], config: Option<&Config>) -> Option<Checker> {
        let mut parts = Vec::new();
        let mut failed = false;
        for f in files {
            match glossaries::load(f, self.color) {
                Ok(g) => parts.push((glossaries::shown(f), g)),
                Err(rendered) => {
                    self.problem(f.display().to_string(), rendered);
                    failed = true;
                }
            }
        }
        if failed {
            return None;
        }
        let mut glossary = if parts.len() == 1 {
            parts.pop().map(|(_, g)| g).unwrap_or_default()
        } else {
            match Glossary::merge(parts) {
                Ok(g) => g,
                Err(errors) => {
                    let rendered: String = errors
                        .iter()
                        .map(|e| format!("error: glossaries conflict: {e}\n"))
                        .collect();
                    self.problem(format!("merge {files:?}"), rendered);
                    return None;
                }
            }
        };
        if let Some(c) = config {
            for (id, severity) in &c.severity {
                match glossary.terms.iter_mut().find(|t| &t.id == id) {
                    Some(t) => t.severity = *severity,
                    None => {
                        let rendered = c.error_at(
                            c.severity_spans.get(id).cloned(),
                            &format!("severity override for unknown term `{id}`"),
                            "the [severity] table takes term ids from the glossary",
                            self.color,
                        );
                        self.problem(format!("{} severity {id}", c.path.display()), rendered);
                        return None;
                    }
                }
            }
        }
        match Checker::new(glossary) {
            Ok(c) => Some(
                c.strict_count(self.strict_count)
                    .fuzzy_severity(config.map_or(Some(termlint::Severity::Note), |c| {
                        c.formats.po_fuzzy.severity()
                    }))
                    .ignore(config.map(|c| c.ignore.clone()).unwrap_or_default()),
            ),
            Err(e) => {
                self.problem(format!("build {files:?}"), format!("error: {e}\n"));
                None
            }
        }
    }

    fn filter(&self, c: &Config) -> Option<Filter> {
        if c.include.is_empty() && c.exclude.is_empty() {
            return None;
        }
        // The globs were validated when the configuration was loaded.
        let set = |globs: &[String]| {
            let mut b = GlobSetBuilder::new();
            for g in globs {
                if let Ok(g) = Glob::new(g) {
                    b.add(g);
                }
            }
            b.build().unwrap_or_else(|_| GlobSet::empty())
        };
        Some(Filter {
            root: c.path.parent().map(Path::to_path_buf).unwrap_or_default(),
            include: (!c.include.is_empty()).then(|| set(&c.include)),
            exclude: set(&c.exclude),
        })
    }

    fn problem(&self, key: String, rendered: String) {
        lock(&self.problems).entry(key).or_insert(rendered);
    }

    /// Every problem met, rendered, in a stable order.
    pub fn into_problems(self) -> Vec<String> {
        self.problems
            .into_inner()
            .unwrap_or_else(|e| e.into_inner())
            .into_values()
            .collect()
    }
}
