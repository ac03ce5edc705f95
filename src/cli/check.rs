//! `termlint check`: read every input, check it against its glossary, report, exit.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use termlint::{Checker, Format};

use super::Status;
use super::args::{CheckArgs, ColorWhen};
use super::glossaries::Glossaries;
use super::input::{self, Input, InputError};
use super::report::{self, Report, Summary};
use super::walk::{self, Target, Visit};

/// What checking one input came to.
struct Outcome {
    /// Sort key: the path as shown.
    display: String,
    result: Result<Checked, String>,
}

struct Checked {
    /// The rendered findings (empty if none).
    chunk: Vec<u8>,
    summary: Summary,
}

pub fn run(args: CheckArgs) -> Status {
    let stdout_color = use_color(args.color, io::stdout().is_terminal());
    let stderr_color = use_color(args.color, io::stderr().is_terminal());
    let glossaries = match Glossaries::new(args.glossary.as_deref(), stderr_color) {
        Ok(g) => g,
        Err(rendered) => {
            let _ = io::stderr().write_all(rendered.as_bytes());
            return Status::Error;
        }
    };
    let report = report::for_format(args.format, stdout_color);
    let threads = args
        .threads
        .filter(|&n| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));

    let outcomes = Mutex::new(Vec::new());
    let push = |o: Outcome| outcomes.lock().unwrap_or_else(|e| e.into_inner()).push(o);

    let implicit = args.paths.is_empty();
    let mut roots = Vec::new();
    let mut stdin = false;
    for p in if implicit {
        vec![PathBuf::from(".")]
    } else {
        args.paths
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
            if let Some(o) = check_target(&target, &glossaries, &*report) {
                push(o);
            }
        }
        Visit::Error { display, message } => push(Outcome {
            display,
            result: Err(message),
        }),
    });
    if stdin {
        let checker = std::env::current_dir()
            .ok()
            .and_then(|d| glossaries.for_dir(&d));
        let result = input::read_stdin().map_err(|e| e.to_string());
        if let Some(checker) = checker {
            push(Outcome {
                display: "-".to_string(),
                result: result
                    .map(|input| check_text("-", Path::new("-"), &input, &checker, &*report)),
            });
        }
    }

    let mut outcomes = outcomes.into_inner().unwrap_or_else(|e| e.into_inner());
    outcomes.sort_by(|a, b| Path::new(&a.display).cmp(Path::new(&b.display)));
    finish(outcomes, glossaries.into_problems(), &*report)
}

/// Checks one file. None: skipped (binary file met while walking, or no usable glossary,
/// which the glossaries report once).
fn check_target(target: &Target, glossaries: &Glossaries, report: &dyn Report) -> Option<Outcome> {
    let input = match input::read_path(&target.path) {
        Ok(input) => input,
        Err(InputError::Binary { .. }) if !target.explicit => return None,
        Err(e) => {
            return Some(Outcome {
                display: target.display.clone(),
                result: Err(e.to_string()),
            });
        }
    };
    let checker = glossaries.for_file(&target.path)?;
    Some(Outcome {
        display: target.display.clone(),
        result: Ok(check_text(
            &target.display,
            &target.path,
            &input,
            &checker,
            report,
        )),
    })
}

fn check_text(
    display: &str,
    path: &Path,
    input: &Input,
    checker: &Checker,
    report: &dyn Report,
) -> Checked {
    let prose = Format::for_path(path).prose(&input.text);
    let findings = checker.check(&prose);
    let records = report::records(display, &input.text, &findings, checker);
    let mut summary = Summary::default();
    summary.add(&records);
    let chunk = if records.is_empty() {
        Vec::new()
    } else {
        report.render_file(display, &input.text, &records)
    };
    Checked { chunk, summary }
}

/// Prints everything in order and decides the exit status.
fn finish(outcomes: Vec<Outcome>, problems: Vec<String>, report: &dyn Report) -> Status {
    let mut status = Status::Clean;
    let stderr = io::stderr();
    let mut err = stderr.lock();
    for p in &problems {
        let _ = err.write_all(p.as_bytes());
        status = Status::Error;
    }
    let mut summary = Summary::default();
    let mut chunks = Vec::new();
    for o in outcomes {
        match o.result {
            Ok(checked) => {
                summary.errors += checked.summary.errors;
                summary.warnings += checked.summary.warnings;
                summary.notes += checked.summary.notes;
                summary.files_with_findings += checked.summary.files_with_findings;
                if !checked.chunk.is_empty() {
                    chunks.push(checked.chunk);
                }
            }
            Err(message) => {
                let _ = writeln!(err, "error: {}: {message}", o.display);
                status = Status::Error;
            }
        }
    }
    drop(err);
    if summary.errors > 0 {
        status = status.max(Status::Findings);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    // A closed pipe (`termlint check | head -1`) is not an error: stop writing quietly.
    let written = report
        .write(&mut out, &chunks, &summary)
        .and_then(|()| out.flush());
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        let _ = writeln!(io::stderr(), "error: cannot write output: {e}");
        return Status::Error;
    }
    status
}

/// `auto`: colour a terminal unless NO_COLOR is set or TERM is dumb; FORCE_COLOR forces it.
fn use_color(when: ColorWhen, is_terminal: bool) -> bool {
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
