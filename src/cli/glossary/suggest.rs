//! `termlint glossary suggest [PATH]...`: renderings found in drafts that the glossary does
//! not list, per term, printed as TOML lines to paste into `deviants` (see
//! [`termlint::suggest`]).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use termlint::suggest::{Suggester, Suggestion};
use termlint::{Checker, Format, Locator};

use crate::cli::Status;
use crate::cli::args::SuggestArgs;
use crate::cli::check::use_color;
use crate::cli::input::{self, InputError};
use crate::cli::walk::{self, Visit};
use termlint::project::Project;

/// One glossary's findings: its checker, the suggestions, where each was first found.
struct Collected {
    checker: Arc<Checker>,
    glossaries: Vec<PathBuf>,
    suggestions: Vec<Suggestion>,
    places: HashMap<(usize, usize), (usize, usize)>,
}

pub fn run(args: &SuggestArgs) -> Status {
    let color = use_color(args.color, std::io::stderr().is_terminal());
    let resolver = Project::new(crate::cli::problems::options(
        &args.settings,
        args.columns.clone(),
        false,
    ));
    let implicit = args.paths.is_empty();
    let roots = if implicit {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    // Files in walk order, read one at a time: a draft's text is dropped once it is read.
    let targets = Mutex::new(Vec::new());
    walk::walk(&roots, 1, implicit, &|v| {
        if let Ok(mut t) = targets.lock() {
            t.push(v);
        }
    });
    let mut targets = targets.into_inner().unwrap_or_default();
    targets.sort_by(|a, b| key(a).cmp(&key(b)));
    let mut status = Status::Clean;
    let mut displays: Vec<String> = Vec::new();
    // One collection per glossary in force (per checker).
    let mut collections: Vec<(Collected, Suggester)> = Vec::new();
    let mut files = 0;
    for visit in targets {
        let target = match visit {
            Visit::File(t) => t,
            Visit::Error { display, message } => {
                eprintln!("error: {display}: {message}");
                status = Status::Error;
                continue;
            }
        };
        if let Err(e) = input::regular(&target.path) {
            eprintln!("error: {}: {e}", target.display);
            status = Status::Error;
            continue;
        }
        let Some(settings) = resolver.for_file(&target.path) else {
            status = Status::Error;
            continue;
        };
        if !target.explicit && !settings.accepts(&target.path) {
            continue;
        }
        // While walking, only drafts: not glossaries, termbases, JSON, YAML or code.
        if !target.explicit && !settings.walks(&target.path) {
            continue;
        }
        let format = settings.format_for(&target.path);
        let read = if format == Format::Docx {
            input::read_docx(&target.path, target.explicit)
        } else {
            input::read_path(&target.path, target.explicit)
        };
        let input = match read {
            Ok(i) => i,
            Err(InputError::Binary { .. }) if !target.explicit => continue,
            Err(e) => {
                eprintln!("error: {}: {e}", target.display);
                status = Status::Error;
                continue;
            }
        };
        let prose = match format.read(&input.text) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("error: {}: {e}", target.display);
                status = Status::Error;
                continue;
            }
        };
        let k = match collections
            .iter()
            .position(|(c, _)| Arc::ptr_eq(&c.checker, &settings.checker))
        {
            Some(k) => k,
            None => {
                collections.push((
                    Collected {
                        checker: settings.checker.clone(),
                        glossaries: settings.glossaries.clone(),
                        suggestions: Vec::new(),
                        places: HashMap::new(),
                    },
                    Suggester::new(&settings.checker),
                ));
                collections.len() - 1
            }
        };
        let doc = displays.len();
        displays.push(target.display.clone());
        files += 1;
        let (collected, suggester) = &mut collections[k];
        suggester.add(&collected.checker, doc, &prose);
        let mut at = Locator::new(&input.text);
        let mut firsts = suggester.first_in(doc);
        firsts.sort_by_key(|r| r.start);
        for span in firsts {
            let p = at.locate(span.start);
            collected
                .places
                .insert((doc, span.start), (p.line, p.column));
        }
    }
    for p in resolver.take_problem_groups() {
        eprint!("{}", crate::cli::problems::render_all(&p, color));
        status = Status::Error;
    }
    let mut total = 0;
    let mut terms_with = 0;
    let mut out = String::new();
    out.push_str(
        "# Renderings in the drafts that no form of the glossary lists, per term, most found\n\
         # first (those read as the translation of the term's source in a bilingual file\n\
         # before those that only look like a form). Review each: paste the deviations into the\n\
         # term's `deviants`, the acceptable ones into its `admitted`.\n",
    );
    for (mut collected, suggester) in collections {
        collected.suggestions = suggester.finish();
        let terms = &collected.checker.glossary().terms;
        if collected.suggestions.is_empty() {
            continue;
        }
        let names: Vec<String> = collected
            .glossaries
            .iter()
            .map(|g| super::shown(g))
            .collect();
        out.push_str(&format!("\n# glossary: {}\n", names.join(", ")));
        let mut by_term: Vec<(usize, Vec<&Suggestion>)> = Vec::new();
        for s in &collected.suggestions {
            if s.count < args.min_count {
                continue;
            }
            match by_term.last_mut() {
                Some((t, list)) if *t == s.term => list.push(s),
                _ => by_term.push((s.term, vec![s])),
            }
        }
        for (t, list) in by_term {
            let term = &terms[t];
            terms_with += 1;
            let sources = if term.sources.is_empty() {
                String::new()
            } else {
                format!(" ({})", term.sources.join(", "))
            };
            out.push_str(&format!(
                "\n# {}{sources}: preferred {}\n",
                term.id,
                toml_string(&term.preferred)
            ));
            out.push_str(&format!("# term id = {}\n", toml_string(&term.id)));
            out.push_str("deviants = [\n");
            for s in list.iter().take(args.top) {
                total += 1;
                let (line, column) = collected
                    .places
                    .get(&(s.first.0, s.first.1.start))
                    .copied()
                    .unwrap_or((0, 0));
                let times = if s.count == 1 {
                    "once".to_string()
                } else {
                    format!("{} times", s.count)
                };
                let how = if s.from_source {
                    ", translating the source"
                } else {
                    ""
                };
                out.push_str(&format!(
                    "  {},  # {times}{how}; {}:{line}:{column}: {}\n",
                    toml_string(&s.phrase),
                    displays[s.first.0],
                    s.context.replace('\n', " ")
                ));
            }
            out.push_str("]\n");
        }
    }
    if total > 0 {
        print!("{out}");
    }
    eprintln!(
        "termlint: {total} unlisted rendering{} of {terms_with} term{} in {files} file{}",
        if total == 1 { "" } else { "s" },
        if terms_with == 1 { "" } else { "s" },
        if files == 1 { "" } else { "s" }
    );
    status
}

/// The walk's visits in path order, errors first.
fn key(v: &Visit) -> (u8, &str) {
    match v {
        Visit::File(t) => (1, t.display.as_str()),
        Visit::Error { display, .. } => (0, display.as_str()),
    }
}

/// `s` as a TOML basic string.
fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}
