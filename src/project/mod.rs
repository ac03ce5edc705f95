//! The project API, shared by the command line and the language server: what applies to each
//! file (its configuration file, its glossaries merged and compiled once, its format readers,
//! its include/exclude globs), with every problem as data ([`Problem`]) that each front end
//! renders its own way. This is the library's resolution layer: it reads settings files (or
//! the unsaved text an editor holds for them), and never prints.
//!
//! Resolution for a file in directory D:
//! 1. configuration: none with `--isolated`; the `--config` file; else the nearest
//!    termlint.toml or .termlint.toml in D or above (not above the repository root);
//! 2. glossaries: `--glossary` files; else the configuration's `glossary`; else the nearest
//!    glossary.toml in D or above;
//! 3. severity overrides from the configuration are applied before compiling.
//!
//! Every result is cached per directory, and every problem is recorded once. An editor
//! tells the project when a settings file changes ([`Project::changed`]) or holds unsaved
//! text for one ([`Project::set_overlay`]); what was built from it is dropped.

pub mod cache;
pub mod config;
pub mod discovery;
pub mod problem;
pub mod read;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use globset::{Glob, GlobSet, GlobSetBuilder};

use crate::formats::FormatError;
use crate::formats::table::Columns;
use crate::{Checker, Format, Glossary, Linted};
pub use cache::CheckerCache;
pub use config::OutputFormat;
use config::{Config, Formats};
pub use problem::{Problem, ProblemKind};

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

    /// Reads `text` (the file at `path`, or an editor's unsaved buffer for it) in the file's
    /// format and checks it. Err: it does not parse as that format.
    pub fn check_text(&self, path: &Path, text: &str) -> Result<(Format, Linted), FormatError> {
        let format = self.format_for(path);
        let prose = self.checker.read(&format, text)?;
        Ok((format, self.checker.lint(&prose)))
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

/// Which configuration file applies.
#[derive(Clone, Debug, Default)]
pub enum ConfigMode {
    /// The nearest termlint.toml or .termlint.toml above each file.
    #[default]
    Nearest,
    /// None (`--isolated`).
    Isolated,
    /// This one for every file (`--config`).
    Explicit(PathBuf),
}

/// How a project resolves settings: what a front end's options say.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Glossary files for every file (`--glossary`), absolute; empty: from the configuration
    /// or the nearest glossary.toml.
    pub glossaries: Vec<PathBuf>,
    pub config: ConfigMode,
    /// Bilingual table columns for every table (`--columns`).
    pub columns: Option<Columns>,
    /// One rendering per occurrence of a source term (`--strict-count`).
    pub strict_count: bool,
    /// Paths in messages are shown relative to this directory when they are below it.
    pub base: Option<PathBuf>,
}

/// A project's settings, resolved per directory and cached, with the problems met.
pub struct Project {
    glossary_args: Vec<PathBuf>,
    mode: ConfigMode,
    base: Option<PathBuf>,
    /// The working directory when the project was made, against which relative paths are
    /// made absolute: asking the system for it once per file was a syscall per file.
    cwd: Option<PathBuf>,
    /// `--columns` and `--strict-count` of `termlint check`.
    columns: Option<Columns>,
    strict_count: bool,
    by_dir: Mutex<HashMap<PathBuf, Option<Arc<Settings>>>>,
    configs: Mutex<HashMap<PathBuf, Option<Arc<Config>>>>,
    checkers: CheckerCache,
    /// Unsaved text of settings files open in an editor, read instead of the file.
    overlays: Mutex<HashMap<PathBuf, String>>,
    problems: Mutex<BTreeMap<String, Vec<Problem>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Project {
    pub fn new(options: Options) -> Project {
        Project {
            glossary_args: options.glossaries,
            mode: options.config,
            base: options.base,
            cwd: std::env::current_dir().ok(),
            columns: options.columns,
            strict_count: options.strict_count,
            by_dir: Mutex::default(),
            configs: Mutex::default(),
            checkers: CheckerCache::default(),
            overlays: Mutex::default(),
            problems: Mutex::default(),
        }
    }

    /// A path as shown in messages.
    pub fn shown(&self, path: &Path) -> String {
        discovery::shown_from(self.base.as_deref(), path)
    }

    /// A settings file (glossary or configuration) changed on disk, was created or deleted:
    /// everything built from it, and every directory's resolution, is dropped, and its
    /// problems are forgotten so that they are reported again if they remain.
    pub fn changed(&self, path: &Path) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        lock(&self.by_dir).clear();
        // A configuration that extends the file changes with it.
        let mut configs = lock(&self.configs);
        for c in configs.values().flatten() {
            if c.extends.contains(&path) {
                self.checkers.invalidate(&c.path);
            }
        }
        configs.clear();
        drop(configs);
        self.checkers.invalidate(&path);
        lock(&self.problems).clear();
    }

    /// An editor's unsaved text for a settings file (None: the file on disk again), read
    /// instead of the file; what was built from it is dropped ([`Project::changed`]).
    pub fn set_overlay(&self, path: &Path, text: Option<String>) {
        let path = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        match text {
            Some(t) => lock(&self.overlays).insert(path.clone(), t),
            None => lock(&self.overlays).remove(&path),
        };
        self.changed(&path);
    }

    /// A settings file's text: the editor's unsaved text, else the file's.
    fn read_settings(&self, path: &Path) -> Result<String, String> {
        if let Some(t) = lock(&self.overlays).get(path) {
            return Ok(t.clone());
        }
        read::read_settings(path)
    }

    /// The glossary at `path`, loaded and validated.
    pub fn load_glossary(&self, path: &Path) -> Result<Glossary, Vec<Problem>> {
        let shown = self.shown(path);
        let text = self.read_settings(path).map_err(|e| {
            vec![
                Problem::new(
                    ProblemKind::Read,
                    &shown,
                    format!("cannot read glossary {shown}: {e}"),
                )
                .at(path.to_path_buf(), None, None),
            ]
        })?;
        discovery::load(path, &shown, &text)
    }

    /// The configuration file at `path`, loaded and validated, with the files it extends.
    pub fn load_config(&self, path: &Path) -> Result<Config, Box<Problem>> {
        self.load_config_in(path, &mut Vec::new())
    }

    /// Loads a configuration file that `chain` extends (a cycle is an error).
    fn load_config_in(
        &self,
        path: &Path,
        chain: &mut Vec<PathBuf>,
    ) -> Result<Config, Box<Problem>> {
        let shown = self.shown(path);
        let text = self.read_settings(path).map_err(|e| {
            Box::new(
                Problem::new(
                    ProblemKind::Read,
                    &shown,
                    format!("cannot read configuration {shown}: {e}"),
                )
                .at(path.to_path_buf(), None, None),
            )
        })?;
        chain.push(config::normalize(path));
        let loaded = Config::load(path, &shown, &text, &mut |parent: &Path| {
            if chain.iter().any(|c| c == parent) {
                let mut files: Vec<String> = chain.iter().map(|c| self.shown(c)).collect();
                files.push(self.shown(parent));
                return Err(config::ParentError::Cycle(files));
            }
            self.read_settings(parent)
                .map_err(config::ParentError::Read)?;
            self.load_config_in(parent, chain)
                .map_err(config::ParentError::Invalid)
        });
        chain.pop();
        loaded
    }

    /// The settings for a file, or None if they cannot be had (the problem is recorded).
    pub fn for_file(&self, file: &Path) -> Option<Arc<Settings>> {
        let abs = match &self.cwd {
            Some(cwd) if file.is_relative() => std::path::absolute(cwd.join(file)),
            _ => std::path::absolute(file),
        }
        .unwrap_or_else(|_| file.to_path_buf());
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
            match discovery::discover(dir) {
                Some(g) => vec![g],
                None => {
                    self.problem("missing glossary".into(), vec![discovery::missing(dir)]);
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
            .or_insert_with(|| match self.load_config(path) {
                Ok(c) => Some(Arc::new(c)),
                Err(problem) => {
                    self.problem(path.display().to_string(), vec![*problem]);
                    None
                }
            })
            .clone()
    }

    /// Loads, merges and compiles glossaries with the configuration's severity overrides.
    fn checker(&self, files: &[PathBuf], config: Option<&Config>) -> Option<Arc<Checker>> {
        let key = (files.to_vec(), config.map(|c| c.path.clone()));
        self.checkers
            .get_or_build(key, || self.build(files, config))
    }

    fn build(&self, files: &[PathBuf], config: Option<&Config>) -> Option<Checker> {
        let mut parts = Vec::new();
        let mut failed = false;
        for f in files {
            match self.load_glossary(f) {
                Ok(g) => parts.push((self.shown(f), g)),
                Err(problems) => {
                    self.problem(f.display().to_string(), problems);
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
                    let problems = errors
                        .iter()
                        .map(|e| {
                            Problem::new(
                                ProblemKind::Conflict,
                                "",
                                format!("glossaries conflict: {e}"),
                            )
                        })
                        .collect();
                    self.problem(format!("merge {files:?}"), problems);
                    return None;
                }
            }
        };
        if let Some(c) = config {
            for (id, severity) in &c.severity {
                match glossary.terms.iter_mut().find(|t| &t.id == id) {
                    Some(t) => t.severity = *severity,
                    None => {
                        let problem = c.error_at(
                            c.severity_spans.get(id).cloned(),
                            &format!("severity override for unknown term `{id}`"),
                            "the [severity] table takes term ids from the glossary",
                        );
                        self.problem(format!("{} severity {id}", c.path.display()), vec![problem]);
                        return None;
                    }
                }
            }
        }
        match Checker::new(glossary) {
            Ok(c) => Some(
                c.strict_count(self.strict_count)
                    .fuzzy_severity(config.map_or(Some(crate::Severity::Note), |c| {
                        c.formats.po_fuzzy.severity()
                    }))
                    .ignore(config.map(|c| c.ignore.clone()).unwrap_or_default()),
            ),
            Err(e) => {
                self.problem(
                    format!("build {files:?}"),
                    vec![Problem::new(ProblemKind::Build, "", e.to_string())],
                );
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
            root: c.glob_root.clone(),
            include: (!c.include.is_empty()).then(|| set(&c.include)),
            exclude: set(&c.exclude),
        })
    }

    fn problem(&self, key: String, problems: Vec<Problem>) {
        lock(&self.problems).entry(key).or_insert(problems);
    }

    /// Every problem met and not taken yet, in a stable order; the problems of one file (a
    /// glossary with several mistakes) come together.
    pub fn take_problem_groups(&self) -> Vec<Vec<Problem>> {
        std::mem::take(&mut *lock(&self.problems))
            .into_values()
            .collect()
    }

    /// The problems met since the last call, in a stable order; each is reported once until
    /// a settings file changes.
    pub fn take_problems(&self) -> Vec<Problem> {
        let mut problems = lock(&self.problems);
        let taken: Vec<Problem> = problems.values_mut().flat_map(std::mem::take).collect();
        taken
    }
}
