//! `termlint check`: read every input, check it against its glossary, fix, report, exit.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use termlint::baseline::{self, Baseline, Entry};
use termlint::{Checker, Fix, Format, Linted, Severity};

use super::Status;
use super::args::{CheckArgs, ColorWhen, Deny, OutputFormat};
use super::fix;
use super::input::{self, Input, InputError};
use super::report::{self, Record, Report, Summary, UNUSED_SUPPRESSION};
use super::settings::{Resolver, Settings};
use super::walk::{self, Target, Visit};

/// What to do with fixable findings.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Report,
    Fix,
    Diff,
}

/// Everything a worker thread needs.
struct Context<'a> {
    resolver: &'a Resolver,
    report: &'a dyn Report,
    mode: Mode,
    baseline: Option<&'a Mutex<Baseline>>,
    collect_baseline: bool,
}

/// What checking one input came to.
struct Outcome {
    /// Sort key: the path as shown.
    display: String,
    result: Result<Checked, String>,
}

#[derive(Default)]
struct Checked {
    /// The rendered findings (empty if none).
    chunk: Vec<u8>,
    summary: Summary,
    /// `--diff` output, or the fixed text of standard input.
    fixed_output: Option<String>,
    /// An error that did not stop the check (a fix that could not be written).
    error: Option<String>,
    /// Baseline entries for `--write-baseline`.
    entries: Vec<Entry>,
    /// (term, severity, preferred) of each finding reported, for `--statistics`.
    stats: Vec<(String, Severity, String)>,
}

pub fn run(args: CheckArgs) -> Status {
    let stderr_color = use_color(args.color, io::stderr().is_terminal());
    let resolver = Resolver::new(&args.settings, stderr_color)
        .with_check_options(args.columns.clone(), args.strict_count);
    let cwd = std::env::current_dir().unwrap_or_default();
    let format = args
        .format
        .or_else(|| resolver.config_for_dir(&cwd).and_then(|c| c.format))
        .unwrap_or(OutputFormat::Human);
    let stdin_fix = args.fix && args.paths.iter().any(|p| p.as_os_str() == "-");
    // With `--fix -`, standard output carries the fixed text and the report goes to stderr.
    let report_is_tty = if stdin_fix {
        io::stderr().is_terminal()
    } else {
        io::stdout().is_terminal()
    };
    let report = report::for_format(
        format,
        use_color(args.color, report_is_tty) && format == OutputFormat::Human,
    );
    let mode = if args.fix {
        Mode::Fix
    } else if args.diff {
        Mode::Diff
    } else {
        Mode::Report
    };
    let baseline = match &args.baseline {
        Some(path) => match load_baseline(path) {
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
    let ctx = Context {
        resolver: &resolver,
        report: &*report,
        mode,
        baseline: baseline.as_ref(),
        collect_baseline: args.write_baseline.is_some(),
    };

    let outcomes = Mutex::new(Vec::new());
    let push = |o: Outcome| outcomes.lock().unwrap_or_else(|e| e.into_inner()).push(o);
    let implicit = args.paths.is_empty();
    let mut roots = Vec::new();
    let mut stdin = false;
    for p in if implicit {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    } {
        if p.as_os_str() == "-" {
            stdin = true;
        } else if let Err(e) = std::fs::symlink_metadata(&p) {
            push(Outcome {
                display: p.display().to_string(),
                result: Err(input::describe_io(&e)),
            });
        } else {
            roots.push(p);
        }
    }
    walk::walk(&roots, threads, implicit, &|visit| match visit {
        Visit::File(target) => {
            if let Some(o) = check_target(&target, &ctx) {
                push(o);
            }
        }
        Visit::Error { display, message } => push(Outcome {
            display,
            result: Err(message),
        }),
    });
    if stdin && let Some(settings) = resolver.for_dir(&cwd) {
        let result = input::read_stdin().map_err(|e| e.to_string());
        push(Outcome {
            display: "-".to_string(),
            result: result.map(|input| check_text("-", Path::new("-"), &input, &settings, &ctx)),
        });
    }

    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    outcomes.sort_by(|a, b| Path::new(&a.display).cmp(Path::new(&b.display)));
    let checked: BTreeSet<String> = outcomes
        .iter()
        .filter(|o| o.result.is_ok())
        .map(|o| o.display.clone())
        .collect();
    let stale = baseline
        .map(|b| b.into_inner().unwrap_or_else(|e| e.into_inner()))
        .map_or(0, |b| b.stale(&|p| checked.contains(p)));
    let mut status = finish(
        outcomes,
        resolver.into_problems(),
        &*report,
        &args,
        stdin_fix,
        stale,
    );
    if status == Status::Error {
        return status;
    }
    if args.exit_zero {
        status = Status::Clean;
    }
    status
}

/// Checks one file met while walking or named on the command line. None: skipped (binary
/// while walking, excluded by configuration, or without usable settings, reported once).
fn check_target(target: &Target, ctx: &Context<'_>) -> Option<Outcome> {
    // A path that is not a readable regular file is reported before settings are looked up.
    if let Err(e) = input::regular(&target.path) {
        return Some(Outcome {
            display: target.display.clone(),
            result: Err(e.to_string()),
        });
    }
    let settings = ctx.resolver.for_file(&target.path)?;
    if !target.explicit && !settings.accepts(&target.path) {
        return None;
    }
    let read = if settings.format_for(&target.path) == Format::Docx {
        input::read_docx(&target.path)
    } else {
        input::read_path(&target.path)
    };
    let input = match read {
        Ok(input) => input,
        Err(InputError::Binary { .. }) if !target.explicit => return None,
        Err(e) => {
            return Some(Outcome {
                display: target.display.clone(),
                result: Err(e.to_string()),
            });
        }
    };
    Some(Outcome {
        display: target.display.clone(),
        result: Ok(check_text(
            &target.display,
            &target.path,
            &input,
            &settings,
            ctx,
        )),
    })
}

fn check_text(
    display: &str,
    path: &Path,
    input: &Input,
    settings: &Settings,
    ctx: &Context<'_>,
) -> Checked {
    let checker: &Checker = &settings.checker;
    let format = if path == Path::new("-") {
        Format::Plain
    } else {
        settings.format_for(path)
    };
    let prose = match checker.read(&format, &input.text) {
        Ok(prose) => prose,
        Err(e) => {
            // Not checked: say where the file stops parsing.
            return Checked {
                error: Some(format!(
                    "not checked: malformed {} at line {}, column {}: {}",
                    format.name(),
                    e.line,
                    e.column,
                    e.message
                )),
                ..Checked::default()
            };
        }
    };
    let mut linted = checker.lint(&prose);
    if format == Format::Docx {
        for f in &mut linted.findings {
            if matches!(f.fix, Fix::Replace(_)) {
                f.fix = Fix::ReadOnlyFormat;
            }
        }
    }
    let mut checked = Checked::default();
    let edits: Vec<(std::ops::Range<usize>, &str)> = linted
        .findings
        .iter()
        .filter_map(|f| match &f.fix {
            Fix::Replace(with) => Some((f.span.clone(), with.as_str())),
            _ => None,
        })
        .collect();
    if ctx.mode == Mode::Report || edits.is_empty() {
        if path == Path::new("-") && ctx.mode == Mode::Fix {
            checked.fixed_output = Some(input.text.clone());
        }
        render(display, &input.text, &linted, checker, ctx, &mut checked);
        return checked;
    }
    let fixed_text = termlint::fix::apply(&input.text, &edits);
    checked.summary.fixed = edits.len();
    checked.summary.fixed_files = 1;
    if ctx.mode == Mode::Diff {
        checked.fixed_output = Some(fix::diff(display, &input.text, &fixed_text));
        render(display, &input.text, &linted, checker, ctx, &mut checked);
        return checked;
    }
    if path == Path::new("-") {
        checked.fixed_output = Some(fixed_text.clone());
    } else if let Err(e) = fix::write(
        path,
        &input.bytes_of(&input.text),
        &input.bytes_of(&fixed_text),
    ) {
        // Nothing was written: report the findings as they are in the file.
        checked.error = Some(e);
        checked.summary.fixed = 0;
        checked.summary.fixed_files = 0;
        render(display, &input.text, &linted, checker, ctx, &mut checked);
        return checked;
    }
    // Report what is left, at its place in the fixed text.
    let left = checker.lint(&format.prose(&fixed_text));
    // (The fixed text parses: a fix only replaces words inside strings.)
    render(display, &fixed_text, &left, checker, ctx, &mut checked);
    checked
}

/// Turns a file's findings into records, applies the baseline, and renders them.
fn render(
    display: &str,
    text: &str,
    linted: &Linted,
    checker: &Checker,
    ctx: &Context<'_>,
    out: &mut Checked,
) {
    let mut records: Vec<Record<'_>> = report::records(display, text, linted, checker);
    out.summary.suppressed += linted.suppressed;
    if ctx.collect_baseline || ctx.baseline.is_some() {
        let key = |r: &Record<'_>| baseline::line_hash(text, r.offset..r.end_offset);
        if ctx.collect_baseline {
            out.entries = records
                .iter()
                .filter(|r| r.term != UNUSED_SUPPRESSION)
                .map(|r| Entry {
                    path: display.to_string(),
                    term: r.term.to_string(),
                    line_hash: key(r),
                    count: 1,
                })
                .collect();
        }
        if let Some(b) = ctx.baseline {
            let mut b = b.lock().unwrap_or_else(|e| e.into_inner());
            let before = records.len();
            records.retain(|r| r.term == UNUSED_SUPPRESSION || !b.take(display, r.term, &key(r)));
            out.summary.baseline_hidden += before - records.len();
        }
    }
    out.summary.add(&records);
    out.stats = records
        .iter()
        .map(|r| (r.term.to_string(), r.severity, r.preferred.to_string()))
        .collect();
    out.chunk = ctx.report.render_file(display, text, &records);
}

/// Prints everything in order, writes the baseline, and decides the exit status.
fn finish(
    outcomes: Vec<Outcome>,
    problems: Vec<String>,
    report: &dyn Report,
    args: &CheckArgs,
    stdin_fix: bool,
    stale: usize,
) -> Status {
    let mut status = Status::Clean;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in &problems {
        let _ = err.write_all(p.as_bytes());
        status = Status::Error;
    }
    let mut summary = Summary::default();
    let mut chunks = Vec::new();
    let mut fixed_outputs = Vec::new();
    let mut entries = Vec::new();
    let mut stats: BTreeMap<String, (usize, Severity, String)> = BTreeMap::new();
    for o in outcomes {
        match o.result {
            Ok(checked) => {
                summary.merge(&checked.summary);
                if let Some(e) = checked.error {
                    let _ = writeln!(err, "error: {}: {e}", o.display);
                    status = Status::Error;
                }
                if !checked.chunk.is_empty() {
                    chunks.push(checked.chunk);
                }
                fixed_outputs.extend(checked.fixed_output);
                entries.extend(checked.entries);
                for (term, severity, preferred) in checked.stats {
                    let e = stats.entry(term).or_insert((0, severity, preferred));
                    e.0 += 1;
                    e.1 = e.1.max(severity);
                }
            }
            Err(message) => {
                let _ = writeln!(err, "error: {}: {message}", o.display);
                status = Status::Error;
            }
        }
    }
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
    if let Some(path) = &args.write_baseline {
        match write_baseline(path, entries) {
            Ok(dropped) if dropped > 0 => {
                let _ = writeln!(
                    err,
                    "termlint: dropped {dropped} stale entr{} from {}",
                    if dropped == 1 { "y" } else { "ies" },
                    path.display()
                );
            }
            Ok(_) => {}
            Err(e) => {
                let _ = writeln!(err, "error: {e}");
                status = Status::Error;
            }
        }
    }
    drop(err);

    let failing = summary.errors > 0
        || (args.deny.contains(&Deny::Warnings) && summary.warnings > 0)
        || args.max_warnings.is_some_and(|max| summary.warnings > max);
    if failing {
        status = status.max(Status::Findings);
    }

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = (|| -> io::Result<()> {
        if args.diff || stdin_fix {
            for f in &fixed_outputs {
                out.write_all(f.as_bytes())?;
            }
        }
        if args.statistics {
            return statistics(&mut out, &stats);
        }
        if stdin_fix {
            out.flush()?;
            report.write(&mut io::stderr().lock(), &chunks, &summary)
        } else if args.diff {
            Ok(())
        } else {
            report.write(&mut out, &chunks, &summary)
        }
    })()
    .and_then(|()| out.flush());
    // A closed pipe (`termlint check | head -1`) is not an error: stop writing quietly.
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        let _ = writeln!(io::stderr(), "error: cannot write output: {e}");
        return Status::Error;
    }
    if args.diff && summary.fixed > 0 {
        let _ = writeln!(
            io::stderr(),
            "termlint: would fix {} finding{} in {} file{}",
            summary.fixed,
            s(summary.fixed),
            summary.fixed_files,
            s(summary.fixed_files)
        );
    }
    status
}

fn s(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// `--statistics`: the number of findings per term, most frequent first.
fn statistics(
    out: &mut dyn Write,
    stats: &BTreeMap<String, (usize, Severity, String)>,
) -> io::Result<()> {
    let mut rows: Vec<_> = stats.iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let width = rows.iter().map(|(t, _)| t.len()).max().unwrap_or(0);
    for (term, (n, severity, preferred)) in rows {
        if preferred.is_empty() {
            writeln!(out, "{n:>6}  {:<7}  {term}", severity.as_str())?;
        } else {
            writeln!(
                out,
                "{n:>6}  {:<7}  {term:<width$}  use \"{preferred}\"",
                severity.as_str()
            )?;
        }
    }
    Ok(())
}

fn load_baseline(path: &Path) -> Result<Baseline, String> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        format!(
            "cannot read baseline {}: {}",
            path.display(),
            input::describe_io(&e)
        )
    })?;
    Baseline::from_json(&text).map_err(|e| {
        format!(
            "baseline {} is not a termlint baseline: {e}",
            path.display()
        )
    })
}

/// Writes the baseline atomically; returns how many entries of the previous one were dropped.
fn write_baseline(path: &Path, entries: Vec<Entry>) -> Result<usize, String> {
    let new = Baseline::from_entries(entries);
    let dropped = match std::fs::read_to_string(path) {
        Ok(old) => {
            // Entries of the old baseline that the new one does not cover.
            let mut old = Baseline::from_json(&old).unwrap_or_default();
            for e in new.entries() {
                for _ in 0..e.count {
                    old.take(&e.path, &e.term, &e.line_hash);
                }
            }
            old.len()
        }
        Err(_) => 0,
    };
    let text = new.to_json();
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let fail = |e: io::Error| {
        format!(
            "cannot write baseline {}: {}",
            path.display(),
            input::describe_io(&e)
        )
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".termlint-baseline-")
        .tempfile_in(dir)
        .map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(dropped)
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
