//! `termlint check`: read every input, check it against its glossary, fix, report, exit.
//!
//! The paths are walked first (in parallel), then sorted; the files are checked on worker
//! threads ([`super::ordered`]) and reported on this thread in path order, each as soon as its
//! turn comes, a batch of findings at a time. So output streams, is the same on every run,
//! and memory holds a few files and their findings at a time, never the whole run's.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::io::{self, IsTerminal, Write};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use termlint::baseline::{self, Baseline};
use termlint::{Checker, Fix, Format, Linted, Locator, Severity};

use super::Status;
use super::args::{CheckArgs, ColorWhen, Deny, OutputFormat};
use super::baseline::{self as baseline_file, Existing};
use super::fix;
use super::input::{self, Input, InputError};
use super::ordered;
use super::replace;
use super::report::{self, Records, Report, Summary, UNUSED_SUPPRESSION, statistics, terminal};
use super::walk::{self, Target, Visit};
use termlint::project::{Project, Settings};

/// Records rendered at a time: a file with millions of findings streams in batches.
const BATCH: usize = 1024;

/// What to do with fixable findings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Report,
    Fix,
    Diff,
}

/// Everything a worker thread needs.
struct Context<'a> {
    resolver: &'a Project,
    /// `--stdin-filename`: standard input is read as this file.
    stdin_name: Option<PathBuf>,
    mode: Mode,
    /// `--force-exclude`: include/exclude globs apply to named files too.
    force_exclude: bool,
    /// `--columns` was given: named files that are not tables are told it does not apply.
    columns_given: bool,
    reporting: Reporting<'a>,
    /// Directories already cleared of temporary files left by an interrupted run.
    swept: Mutex<HashSet<PathBuf>>,
}

/// One input to check, in the order of the output.
enum Job {
    File(Target),
    Stdin,
    /// A path that could not be walked or looked at.
    Failed {
        display: String,
        message: String,
    },
}

impl Job {
    fn display(&self) -> &str {
        match self {
            Job::File(t) => &t.display,
            Job::Stdin => "-",
            Job::Failed { display, .. } => display,
        }
    }
}

/// What checking one input came to.
struct Outcome {
    /// The path as shown.
    display: String,
    /// The exact bytes of a path that is not UTF-8, in Base64 (see [`report::Record`]).
    path_base64: Option<String>,
    result: Result<Checked, String>,
}

/// A checked file, ready to be reported.
struct Checked {
    body: Body,
    /// Findings fixed (or that `--diff` would fix).
    fixed: usize,
    /// `--diff` output, or the fixed text of standard input.
    fixed_output: Option<String>,
    /// An error that did not stop the check (a fix that could not be written, a file that
    /// does not parse).
    error: Option<String>,
    /// Things done on the way that the user should hear of (left-over files removed).
    notices: Vec<String>,
}

/// A checked file's findings: rendered on the worker (most files: few findings, rendered in
/// parallel, the text freed at once), or, for a file with very many, kept to be rendered in
/// batches straight into the output.
enum Body {
    /// Not checked (it does not parse).
    Nothing,
    Rendered {
        chunks: Vec<Vec<u8>>,
        tally: Tally,
    },
    Deferred {
        /// The text the findings point into: the file's, or after `--fix` the fixed text.
        text: String,
        linted: Linted,
        checker: Arc<Checker>,
    },
    /// A long text with more findings than a worker renders, checked again on the output
    /// thread a window at a time ([`Checker::lint_windows`]), each window's findings written
    /// as they come: memory holds one window's findings, not the file's.
    Windowed {
        text: String,
        format: Format,
        checker: Arc<Checker>,
    },
}

/// Files with more findings than this are rendered on the output thread, a batch at a time.
const RENDER_ON_WORKER: usize = 16 * BATCH;

/// A Word document is read, never rewritten: its fixes are reported as not applied.
fn read_only(linted: &mut Linted) {
    for f in &mut linted.findings {
        if matches!(f.fix, Fix::Replace(_)) {
            f.fix = Fix::ReadOnlyFormat;
        }
    }
}

impl Checked {
    fn failed(error: String) -> Checked {
        Checked {
            body: Body::Nothing,
            fixed: 0,
            fixed_output: None,
            error: Some(error),
            notices: Vec::new(),
        }
    }
}

/// What reporting one file counted.
#[derive(Default)]
struct Tally {
    summary: Summary,
    /// term -> findings by severity, for `--statistics`.
    stats: BTreeMap<String, statistics::TermCount>,
    /// The file's findings for `--write-baseline`.
    recorded: Baseline,
}

impl Tally {
    fn merge(&mut self, o: Tally) {
        let (s, t) = (&mut self.summary, o.summary);
        s.errors += t.errors;
        s.warnings += t.warnings;
        s.notes += t.notes;
        s.files_with_findings += t.files_with_findings;
        s.baseline_hidden += t.baseline_hidden;
        s.suppressed += t.suppressed;
        for (term, count) in o.stats {
            match self.stats.get_mut(&term) {
                Some(c) => c.merge(&count),
                None => {
                    self.stats.insert(term, count);
                }
            }
        }
        self.recorded.merge(o.recorded);
    }
}

/// How findings become output, on any thread.
struct Reporting<'a> {
    report: &'a dyn Report,
    /// Whether records are rendered at all (not for `--statistics` or `--diff`).
    render: bool,
    /// `--baseline`: findings it holds are not reported.
    baseline: Option<&'a Mutex<Baseline>>,
    /// `--write-baseline`: every finding reported is recorded.
    record: bool,
}

impl Reporting<'_> {
    /// Applies the baseline to a file's records, counts them and renders them a batch at a
    /// time, handing each non-empty chunk to `sink`.
    fn file(
        &self,
        display: &str,
        path_base64: Option<&str>,
        text: &str,
        mut records: Records<'_>,
        suppressed: usize,
        sink: &mut dyn FnMut(Vec<u8>),
    ) -> Tally {
        let mut tally = Tally::default();
        tally.summary.suppressed = suppressed;
        let whole = self.report.whole_files();
        let mut reported = 0;
        loop {
            let mut batch = records.batch(if whole { usize::MAX } else { BATCH });
            let last = whole || batch.len() < BATCH;
            if self.record || self.baseline.is_some() {
                let key =
                    |r: &report::Record<'_>| baseline::line_hash(text, r.offset..r.end_offset);
                if self.record {
                    for r in batch.iter().filter(|r| r.term != UNUSED_SUPPRESSION) {
                        tally.recorded.add(display, r.term, key(r));
                    }
                }
                if let Some(b) = self.baseline {
                    let mut b = b.lock().unwrap_or_else(|e| e.into_inner());
                    let before = batch.len();
                    batch.retain(|r| {
                        r.term == UNUSED_SUPPRESSION || !b.take(display, r.term, &key(r))
                    });
                    tally.summary.baseline_hidden += before - batch.len();
                }
            }
            for r in &mut batch {
                r.path_base64 = path_base64;
                tally.summary.add(r.severity);
                match tally.stats.get_mut(r.term) {
                    Some(c) => c.add(r.severity),
                    None => {
                        let mut c = statistics::TermCount::new(r.preferred);
                        c.add(r.severity);
                        tally.stats.insert(r.term.to_string(), c);
                    }
                }
            }
            reported += batch.len();
            if self.render {
                let chunk = self.report.render_file(display, text, &batch);
                if !chunk.is_empty() {
                    sink(chunk);
                }
            }
            if last {
                break;
            }
        }
        if reported > 0 {
            tally.summary.files_with_findings += 1;
        }
        tally
    }
}

pub fn run(mut args: CheckArgs) -> Status {
    if args.stdin_filename.is_some() && args.paths.is_empty() {
        args.paths.push(PathBuf::from("-"));
    }
    let stderr_color = use_color(args.color, io::stderr().is_terminal());
    let resolver = Project::new(super::problems::options(
        &args.settings,
        args.columns.clone(),
        args.strict_count,
    ));
    let cwd = std::env::current_dir().unwrap_or_default();
    let format = args
        .format
        .or_else(|| resolver.config_for_dir(&cwd).and_then(|c| c.format))
        .unwrap_or(OutputFormat::Human);
    let stdin_fix = args.fix && args.paths.iter().any(|p| p.as_os_str() == "-");
    // With `--fix -`, standard output carries the fixed text and the report goes to stderr.
    // A closed standard output is reopened on /dev/null by Rust's start-up code: either way
    // the fixed text would be lost unseen.
    if stdin_fix && stdout_discards() {
        let _ = writeln!(
            io::stderr(),
            "error: standard output is closed (or /dev/null), and `--fix -` writes the fixed text there; nothing was fixed"
        );
        return Status::Error;
    }
    let report_is_tty = if stdin_fix {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let warnings_fail = args.deny.contains(&Deny::Warnings) || args.max_warnings.is_some();
    let report = report::for_format(
        format,
        use_color(args.color, report_is_tty) && format == OutputFormat::Human,
        if warnings_fail {
            Severity::Warning
        } else {
            Severity::Error
        },
        report::human::width(stdin_fix),
    );
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Report
    };
    // A baseline is never written over a draft, a glossary or anything else that is not one:
    // refused before any file is checked or fixed.
    let previous_baseline = match &args.write_baseline {
        Some(path) => match baseline_file::writable(path) {
            Ok(existing) => Some(existing),
            Err(e) => {
                let _ = writeln!(io::stderr(), "error: {e}");
                return Status::Error;
            }
        },
        None => None,
    };
    let baseline = match &args.baseline {
        Some(path) => match baseline_file::load(
            path,
            args.write_baseline
                .as_ref()
                .is_some_and(|w| same_path(w, path)),
        ) {
            Ok(b) => Some(Mutex::new(b)),
            Err(e) => {
                let _ = writeln!(io::stderr(), "error: {e}");
                return Status::Error;
            }
        },
        None => None,
    };
    let threads = args
        .threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let jobs = jobs(&args, threads);
    let ctx = Context {
        resolver: &resolver,
        stdin_name: args.stdin_filename.clone(),
        mode,
        force_exclude: args.force_exclude,
        columns_given: args.columns.is_some(),
        reporting: Reporting {
            report: &*report,
            render: !args.statistics && !args.diff,
            baseline: baseline.as_ref(),
            record: args.write_baseline.is_some(),
        },
        swept: Mutex::default(),
    };
    let mut emitter = Emitter {
        args: &args,
        format,
        out: io::BufWriter::with_capacity(64 << 10, io::stdout()),
        stdin_fix,
        tally: Tally::default(),
        any_chunk: false,
        status: Status::Clean,
        output_closed: false,
        checked: BTreeSet::new(),
    };
    ordered::run(
        jobs,
        threads,
        threads * 16,
        |job| check_job(job, &ctx),
        |outcome| {
            if let Some(o) = outcome {
                emitter.emit(o, &ctx.reporting);
            }
        },
    );
    let problems = resolver.take_problem_groups();
    // What the project built (a large glossary's compiled forms) is left to the process's
    // exit: freeing 50,000 forms one allocation at a time took a tenth of such a run.
    std::mem::forget(resolver);
    for p in problems {
        let rendered = super::problems::render_all(&p, stderr_color);
        let _ = io::stderr().write_all(rendered.as_bytes());
        emitter.status = Status::Error;
    }
    let stale = baseline
        .map(|b| b.into_inner().unwrap_or_else(|e| e.into_inner()))
        .map_or(0, |b| b.stale(&|p| emitter.checked.contains(p)));
    let mut status = emitter.finish(&*report, stale, previous_baseline);
    if status != Status::Error && args.exit_zero {
        status = Status::Clean;
    }
    status
}

/// The inputs, in output order: the paths walked (in parallel), standard input as `-`.
fn jobs(args: &CheckArgs, threads: usize) -> Vec<Job> {
    let found = Mutex::new(Vec::new());
    let push = |j: Job| found.lock().unwrap_or_else(|e| e.into_inner()).push(j);
    let implicit = args.paths.is_empty();
    let mut roots = Vec::new();
    for p in if implicit {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    } {
        if p.as_os_str() == "-" {
            push(Job::Stdin);
        } else if let Err(e) = std::fs::symlink_metadata(&p) {
            push(Job::Failed {
                display: p.display().to_string(),
                message: input::describe_io(&e),
            });
        } else {
            roots.push(p);
        }
    }
    walk::walk(&roots, threads, implicit, &|visit| match visit {
        Visit::File(target) => push(Job::File(target)),
        Visit::Error { display, message } => push(Job::Failed { display, message }),
    });
    let mut jobs = found.into_inner().unwrap_or_else(|e| e.into_inner());
    if jobs.iter().all(|j| separated_plainly(j.display())) {
        jobs.sort_by(|a, b| by_components(a.display(), b.display()));
    } else {
        jobs.sort_by(|a, b| Path::new(a.display()).cmp(Path::new(b.display())));
    }
    jobs
}

/// Whether `path` has no `.` or `..` component and no doubled or trailing separator: then its
/// components are what lies between its separators, and [`by_components`] orders it as
/// `Path::cmp` does.
fn separated_plainly(path: &str) -> bool {
    !path.is_empty()
        && !path.ends_with('/')
        && !path.contains("//")
        && path
            .split('/')
            .all(|component| component != "." && component != "..")
}

/// The order of `Path::cmp` (component by component) for paths [`separated_plainly`]: the
/// bytes compared with the separator lowest, so that a component that is a prefix of another
/// comes first ("a/z" before "a-b/c"). Sorting the paths of a large walk with `Path::cmp`,
/// which splits both paths into components at every comparison, took a tenth of a run over
/// many small files (bench/NOTES.md).
fn by_components(a: &str, b: &str) -> std::cmp::Ordering {
    let key = |c: u8| if c == b'/' { 0 } else { c };
    let (a, b) = (a.as_bytes(), b.as_bytes());
    match a.iter().zip(b).position(|(x, y)| x != y) {
        Some(i) => key(a[i]).cmp(&key(b[i])),
        None => a.len().cmp(&b.len()),
    }
}

/// Checks one input on a worker thread. None: skipped (binary while walking, excluded by
/// configuration, or without usable settings, reported once at the end).
fn check_job(job: Job, ctx: &Context<'_>) -> Option<Outcome> {
    match job {
        Job::Failed { display, message } => Some(Outcome {
            display,
            path_base64: None,
            result: Err(message),
        }),
        Job::Stdin => {
            let Some(name) = &ctx.stdin_name else {
                let cwd = std::env::current_dir().unwrap_or_default();
                let settings = ctx.resolver.for_dir(&cwd)?;
                return Some(Outcome {
                    display: "-".to_string(),
                    path_base64: None,
                    result: input::read_stdin().map_err(|e| e.to_string()).map(|input| {
                        let mut checked =
                            check_text("-", Path::new("-"), true, None, input, &settings, ctx);
                        if ctx.columns_given {
                            checked.notices.push(columns_ignored("-", &Format::Plain));
                        }
                        checked
                    }),
                });
            };
            // As the file it stands for: its settings, its format, its name.
            let settings = ctx.resolver.for_file(name)?;
            let display = name.display().to_string();
            let read = if settings.format_for(name) == Format::Docx {
                input::read_stdin_docx()
            } else {
                input::read_stdin()
            };
            Some(Outcome {
                result: read.map_err(|e| e.to_string()).map(|input| {
                    let mut checked = check_text(&display, name, true, None, input, &settings, ctx);
                    let format = settings.format_for(name);
                    if ctx.columns_given && !matches!(format, Format::Table(_)) {
                        checked.notices.push(columns_ignored(&display, &format));
                    }
                    checked
                }),
                display,
                path_base64: None,
            })
        }
        Job::File(target) => check_target(&target, ctx),
    }
}

/// Checks one file met while walking or named on the command line.
fn check_target(target: &Target, ctx: &Context<'_>) -> Option<Outcome> {
    let base64 = base64_if_not_utf8(&target.path);
    let outcome = |result| Outcome {
        display: target.display.clone(),
        path_base64: base64.clone(),
        result,
    };
    // A path named on the command line that is not a readable regular file is reported
    // before settings are looked up. A walked one was a regular file when its directory was
    // read; reading it checks again, on the open file.
    if target.explicit
        && let Err(e) = input::regular(&target.path)
    {
        return Some(outcome(Err(e.to_string())));
    }
    let settings = ctx.resolver.for_file(&target.path)?;
    if (!target.explicit || ctx.force_exclude) && !settings.accepts(&target.path) {
        return None;
    }
    if !target.explicit && !settings.walks(&target.path) {
        return None;
    }
    let read = if settings.format_for(&target.path) == Format::Docx {
        input::read_docx(&target.path, target.explicit)
    } else {
        input::read_path(&target.path, target.explicit)
    };
    match read {
        Ok(input) => {
            let mut checked = check_text(
                &target.display,
                &target.path,
                false,
                base64.as_deref(),
                input,
                &settings,
                ctx,
            );
            let format = settings.format_for(&target.path);
            if ctx.columns_given && target.explicit && !matches!(format, Format::Table(_)) {
                checked
                    .notices
                    .push(columns_ignored(&target.display, &format));
            }
            Some(outcome(Ok(checked)))
        }
        Err(InputError::Binary { .. }) if !target.explicit => None,
        Err(e) => Some(outcome(Err(e.to_string()))),
    }
}

/// The warning for a file named with `--columns` that is not a table.
fn columns_ignored(display: &str, format: &Format) -> String {
    format!(
        "warning: {}: --columns applies to .tsv and .csv tables only; this file was read as {}",
        terminal(display),
        format.name()
    )
}

/// The exact bytes of a path whose name is not UTF-8, in standard Base64.
fn base64_if_not_utf8(path: &Path) -> Option<String> {
    use base64::Engine;
    use std::os::unix::ffi::OsStrExt;
    path.to_str()
        .is_none()
        .then(|| base64::engine::general_purpose::STANDARD.encode(path.as_os_str().as_bytes()))
}

/// Checks the text of `path` (`stdin`: read from standard input, for which `path` is `-` or
/// the `--stdin-filename`).
fn check_text(
    display: &str,
    path: &Path,
    stdin: bool,
    path_base64: Option<&str>,
    input: Input,
    settings: &Settings,
    ctx: &Context<'_>,
) -> Checked {
    let checker = &settings.checker;
    let format = if stdin && path == Path::new("-") {
        Format::Plain
    } else {
        settings.format_for(path)
    };
    let prose = match checker.read(&format, &input.text) {
        Ok(prose) => prose,
        Err(e) => {
            // Not checked: say where the file stops parsing, or why it is not read (line 0:
            // about the whole file, such as entities that expand too far).
            return Checked::failed(if e.line == 0 {
                format!("not checked: {}", e.message)
            } else {
                format!(
                    "not checked: malformed {} at line {}, column {}: {}",
                    format.name(),
                    e.line,
                    e.column,
                    e.message
                )
            });
        }
    };
    // A long text is reported a window at a time: when its findings outgrow what a worker
    // renders, the output thread checks it again, window by window (see Body::Windowed).
    let streamed = ctx.mode == Mode::Report && !ctx.reporting.report.whole_files();
    let mut linted = if streamed && checker.checks_in_windows(&prose) {
        let mut all = Linted::default();
        let mut outgrown = false;
        checker.lint_windows(&prose, |window| {
            all.findings.extend(window.findings);
            outgrown = all.findings.len() > RENDER_ON_WORKER;
            if outgrown {
                ControlFlow::Break(())
            } else {
                ControlFlow::Continue(())
            }
        });
        if outgrown {
            drop(all);
            drop(prose);
            return Checked {
                body: Body::Windowed {
                    text: input.text,
                    format,
                    checker: Arc::clone(checker),
                },
                fixed: 0,
                fixed_output: None,
                error: None,
                notices: Vec::new(),
            };
        }
        all
    } else {
        checker.lint(&prose)
    };
    drop(prose);
    if format == Format::Docx {
        read_only(&mut linted);
    }
    let edits: Vec<(std::ops::Range<usize>, &str)> = linted
        .findings
        .iter()
        .filter_map(|f| match &f.fix {
            Fix::Replace(with) => Some((f.span.clone(), with.as_str())),
            _ => None,
        })
        .collect();
    let fixed = edits.len();
    let mut checked = Checked {
        body: Body::Nothing,
        fixed: 0,
        fixed_output: None,
        error: None,
        notices: Vec::new(),
    };
    if ctx.mode == Mode::Report || edits.is_empty() {
        if stdin && ctx.mode == Mode::Fix {
            checked.fixed_output = Some(input.with_bom(&input.text));
        }
        drop(edits);
        checked.body = body(display, path_base64, input.text, linted, checker, ctx);
        return checked;
    }
    let fixed_text = termlint::fix::apply(&input.text, &edits);
    drop(edits);
    if ctx.mode == Mode::Diff {
        checked.fixed_output = Some(fix::diff(display, &input.text, &fixed_text));
        checked.fixed = fixed;
        checked.body = body(display, path_base64, input.text, linted, checker, ctx);
        return checked;
    }
    if stdin {
        checked.fixed_output = Some(input.with_bom(&fixed_text));
    } else {
        checked.notices = sweep_once(path, ctx);
        if let Err(e) = fix::write(path, input.bom, &input.text, &fixed_text) {
            // Nothing was written: report the findings as they are in the file.
            checked.error = Some(e);
            checked.body = body(display, path_base64, input.text, linted, checker, ctx);
            return checked;
        }
    }
    // Report what is left, at its place in the fixed text; the original is no longer needed.
    // (The fixed text parses: a fix only replaces words inside strings.)
    drop(linted);
    drop(input);
    checked.fixed = fixed;
    let left = checker.lint(&format.prose(&fixed_text));
    checked.body = body(display, path_base64, fixed_text, left, checker, ctx);
    checked
}

/// Renders a file's findings here, on the worker, unless there are very many.
fn body(
    display: &str,
    path_base64: Option<&str>,
    text: String,
    linted: Linted,
    checker: &Arc<Checker>,
    ctx: &Context<'_>,
) -> Body {
    if linted.findings.len() + linted.directive_problems.len() > RENDER_ON_WORKER {
        return Body::Deferred {
            text,
            linted,
            checker: Arc::clone(checker),
        };
    }
    let mut chunks = Vec::new();
    let tally = ctx.reporting.file(
        display,
        path_base64,
        &text,
        Records::new(display, &text, &linted, checker),
        linted.suppressed,
        &mut |c| chunks.push(c),
    );
    Body::Rendered { chunks, tally }
}

/// Removes, once per directory and run, the temporary files an interrupted `--fix` left next
/// to `path`; returns a notice for each.
fn sweep_once(path: &Path, ctx: &Context<'_>) -> Vec<String> {
    let dir = std::fs::canonicalize(path)
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    let Some(dir) = dir else { return Vec::new() };
    if !ctx
        .swept
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .insert(dir.clone())
    {
        return Vec::new();
    }
    replace::sweep(&dir)
        .into_iter()
        .map(|p| {
            format!(
                "termlint: removed {}, a temporary file left by an interrupted termlint",
                terminal(&p.display().to_string())
            )
        })
        .collect()
}

/// Writes checked files in order, as they come: findings to the output, errors to stderr,
/// counts for the summary, statistics and baseline.
struct Emitter<'a> {
    args: &'a CheckArgs,
    format: OutputFormat,
    out: io::BufWriter<io::Stdout>,
    stdin_fix: bool,
    tally: Tally,
    any_chunk: bool,
    status: Status,
    /// The reader went away (`termlint check | head -1`): checking goes on, output stops.
    output_closed: bool,
    /// Paths checked, for stale baseline entries.
    checked: BTreeSet<String>,
}

impl Emitter<'_> {
    fn emit(&mut self, o: Outcome, reporting: &Reporting<'_>) {
        let checked = match o.result {
            Ok(c) => c,
            Err(message) => {
                let _ = writeln!(io::stderr(), "error: {}: {message}", terminal(&o.display));
                self.status = Status::Error;
                return;
            }
        };
        self.checked.insert(o.display.clone());
        for n in &checked.notices {
            let _ = writeln!(io::stderr(), "{n}");
        }
        if let Some(e) = &checked.error {
            let _ = writeln!(io::stderr(), "error: {}: {e}", terminal(&o.display));
            self.status = Status::Error;
        }
        if let Some(f) = &checked.fixed_output {
            self.fixed_output(f);
        }
        if matches!(checked.body, Body::Nothing) {
            return;
        }
        self.tally.summary.files_checked += 1;
        if checked.error.is_none() && checked.fixed > 0 {
            self.tally.summary.fixed += checked.fixed;
            self.tally.summary.fixed_files += 1;
        }
        match checked.body {
            Body::Nothing => {}
            Body::Rendered { chunks, tally } => {
                self.tally.merge(tally);
                for c in chunks {
                    self.chunk(reporting.report, &c);
                }
            }
            Body::Deferred {
                text,
                linted,
                checker,
            } => {
                let mut sink = |c: Vec<u8>| self.chunk(reporting.report, &c);
                let tally = reporting.file(
                    &o.display,
                    o.path_base64.as_deref(),
                    &text,
                    Records::new(&o.display, &text, &linted, &checker),
                    linted.suppressed,
                    &mut sink,
                );
                self.tally.merge(tally);
            }
            Body::Windowed {
                text,
                format,
                checker,
            } => {
                // The worker read it: reading it again gives the same prose.
                let Ok(prose) = checker.read(&format, &text) else {
                    return;
                };
                let mut locator = Locator::new(&text);
                let mut file = Tally::default();
                let mut sink = |c: Vec<u8>| self.chunk(reporting.report, &c);
                checker.lint_windows(&prose, |mut window| {
                    if format == Format::Docx {
                        read_only(&mut window);
                    }
                    let mut records = Records::new(&o.display, &text, &window, &checker);
                    if let Some(f) = window.findings.first() {
                        let at = f.span.start;
                        records = records.starting_at(at, locator.locate(at));
                    }
                    file.merge(reporting.file(
                        &o.display,
                        o.path_base64.as_deref(),
                        &text,
                        records,
                        window.suppressed,
                        &mut sink,
                    ));
                    ControlFlow::Continue(())
                });
                // One file, however many windows had findings.
                file.summary.files_with_findings = file.summary.files_with_findings.min(1);
                self.tally.merge(file);
            }
        }
    }

    /// Writes one rendered chunk (to stderr with `--fix -`, whose stdout is the fixed text).
    fn chunk(&mut self, report: &dyn Report, chunk: &[u8]) {
        if self.output_closed {
            return;
        }
        let first = !self.any_chunk;
        self.any_chunk = true;
        let written = if self.stdin_fix {
            report.chunk(&mut io::stderr().lock(), chunk, first)
        } else {
            report.chunk(&mut self.out, chunk, first)
        };
        self.written(written);
    }

    /// `--diff` output, or the fixed text of `--fix -`, which must not be lost quietly.
    fn fixed_output(&mut self, text: &str) {
        if self.args.diff {
            if !self.output_closed {
                let written = self.out.write_all(text.as_bytes());
                self.written(written);
            }
            return;
        }
        let delivered = self
            .out
            .write_all(text.as_bytes())
            .and_then(|()| self.out.flush());
        if let Err(e) = delivered {
            let _ = writeln!(
                io::stderr(),
                "error: cannot write the fixed text to standard output: {}",
                input::describe_io(&e)
            );
            self.status = Status::Error;
        }
    }

    /// Notes a write to the output: a closed pipe ends the output quietly; another error is
    /// reported once.
    fn written(&mut self, result: io::Result<()>) {
        if let Err(e) = result {
            if e.kind() != io::ErrorKind::BrokenPipe && !self.output_closed {
                let _ = writeln!(io::stderr(), "error: cannot write output: {e}");
                self.status = Status::Error;
            }
            self.output_closed = true;
        }
    }

    /// Stale baseline entries, the baseline written, the statistics or the format's closing,
    /// and the exit status.
    fn finish(
        mut self,
        report: &dyn Report,
        stale: usize,
        previous_baseline: Option<Existing>,
    ) -> Status {
        let mut err = io::stderr().lock();
        if stale > 0 {
            let (entries, verb) = if stale == 1 {
                ("entry", "matches")
            } else {
                ("entries", "match")
            };
            let _ = writeln!(
                err,
                "warning: {stale} baseline {entries} no longer {verb} any finding; regenerate it with --write-baseline"
            );
        }
        if let (Some(path), Some(previous)) = (&self.args.write_baseline, previous_baseline) {
            let recorded = std::mem::take(&mut self.tally.recorded);
            match baseline_file::write(path, previous, recorded) {
                Ok(w) => {
                    let dropped = if w.dropped > 0 {
                        format!(
                            "; dropped {} stale entr{}",
                            w.dropped,
                            if w.dropped == 1 { "y" } else { "ies" }
                        )
                    } else {
                        String::new()
                    };
                    let _ = writeln!(
                        err,
                        "termlint: wrote baseline {} ({} finding{}{dropped})",
                        path.display(),
                        w.recorded,
                        s(w.recorded)
                    );
                }
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    self.status = Status::Error;
                }
            }
        }
        drop(err);
        let mut summary = self.tally.summary;
        summary.had_errors = self.status == Status::Error;
        let failing = summary.errors > 0
            || (self.args.deny.contains(&Deny::Warnings) && summary.warnings > 0)
            || self
                .args
                .max_warnings
                .is_some_and(|max| summary.warnings > max);
        if failing {
            self.status = self.status.max(Status::Findings);
            // Say why warnings alone failed the run; errors speak for themselves.
            if summary.errors == 0 {
                let w = summary.warnings;
                let why = match self.args.max_warnings {
                    Some(max) if w > max => format!(", more than --max-warnings {max} allows"),
                    _ => ", and --deny warnings makes warnings fail the run".to_string(),
                };
                let _ = writeln!(io::stderr(), "termlint: failed: {w} warning{}{why}", s(w));
            }
        }
        if !self.output_closed {
            let written = if self.args.statistics {
                statistics::write(&mut self.out, self.format, &self.tally.stats, &summary)
            } else if self.args.diff {
                Ok(())
            } else if self.stdin_fix {
                report.finish(&mut io::stderr().lock(), &summary, self.any_chunk)
            } else {
                report.finish(&mut self.out, &summary, self.any_chunk)
            };
            let written = written.and_then(|()| self.out.flush());
            self.written(written);
        }
        if self.args.diff && summary.fixed > 0 {
            let _ = writeln!(
                io::stderr(),
                "termlint: would fix {} finding{} in {} file{}",
                summary.fixed,
                s(summary.fixed),
                summary.fixed_files,
                s(summary.fixed_files)
            );
        }
        self.status
    }
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether standard output is closed or the null device.
fn stdout_discards() -> bool {
    match rustix::fs::fstat(io::stdout()) {
        Err(_) => true,
        Ok(st) => {
            rustix::fs::FileType::from_raw_mode(st.st_mode) == rustix::fs::FileType::CharacterDevice
                && rustix::fs::major(st.st_rdev) == 1
                && rustix::fs::minor(st.st_rdev) == 3
        }
    }
}

/// Whether two paths name the same file (or, when neither exists, the same path).
fn same_path(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => std::path::absolute(a).ok() == std::path::absolute(b).ok(),
    }
}

/// `auto`: colour a terminal unless NO_COLOR is set or TERM is dumb; FORCE_COLOR forces it.
pub fn use_color(when: ColorWhen, is_terminal: bool) -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty() && v != "0");
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if set("FORCE_COLOR") {
                true
            } else if set("NO_COLOR") || std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
                false
            } else {
                is_terminal
            }
        }
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// [`super::by_components`] orders plainly separated paths as `Path::cmp` does.
        #[test]
        fn paths_sort_by_components(
            a in "(/?)([a-c.\\-]{1,3}/){0,3}[a-c.\\-]{1,3}",
            b in "(/?)([a-c.\\-]{1,3}/){0,3}[a-c.\\-]{1,3}",
        ) {
            if super::separated_plainly(&a) && super::separated_plainly(&b) {
                proptest::prop_assert_eq!(
                    super::by_components(&a, &b),
                    std::path::Path::new(&a).cmp(std::path::Path::new(&b)),
                    "{} {}", a, b
                );
            }
        }
    }
}
