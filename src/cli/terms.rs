//! `termlint terms [QUERY]`: look terms up in the glossary in force, as a translator would in a
//! term base.

use std::io::Write;

use serde::Serialize;
use termlint::fold::normalize;

use super::Status;
use super::args::TermsArgs;

/// Forms as the glossary writes them: a pattern once, not its plain forms.
fn written(term: &termlint::Term, forms: &[String]) -> String {
    term.written(forms)
        .into_iter()
        .map(|w| w.0)
        .collect::<Vec<_>>()
        .join("; ")
}

#[derive(Serialize)]
struct Shown<'a> {
    #[serde(skip)]
    term: &'a termlint::Term,
    id: &'a str,
    source: &'a [String],
    preferred: &'a str,
    admitted: &'a [String],
    deviants: &'a [String],
    severity: termlint::Severity,
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subject: Option<&'a str>,
}

pub fn run(args: &TermsArgs) -> Status {
    let resolver = super::problems::project(&args.settings);
    let cwd = std::env::current_dir().unwrap_or_default();
    let Some(settings) = resolver.for_dir(&cwd) else {
        for p in resolver.take_problem_groups() {
            eprint!("{}", super::problems::render_all(&p, false));
        }
        return Status::Error;
    };
    let query = args.query.as_deref().map(normalize);
    let matches = |t: &termlint::Term| {
        query.as_deref().is_none_or(|q| {
            std::iter::once(t.id.as_str())
                .chain(t.sources.iter().map(String::as_str))
                .chain(t.approved())
                .chain(t.deviants.iter().map(String::as_str))
                .chain(t.subject.as_deref())
                .any(|s| normalize(s).contains(q))
        })
    };
    let terms: Vec<Shown<'_>> = settings
        .checker
        .glossary()
        .terms
        .iter()
        .filter(|t| matches(t))
        .map(|t| Shown {
            term: t,
            id: &t.id,
            source: &t.sources,
            preferred: &t.preferred,
            admitted: &t.admitted,
            deviants: &t.deviants,
            severity: t.severity,
            note: t.note.as_deref(),
            subject: t.subject.as_deref(),
        })
        .collect();
    let mut out = std::io::stdout().lock();
    let written = if args.json {
        serde_json::to_writer_pretty(&mut out, &terms)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        terms.iter().try_for_each(|t| {
            match t.subject {
                Some(s) => writeln!(out, "{}  {}  [{s}]", t.id, t.source.join(", "))?,
                None => writeln!(out, "{}  {}", t.id, t.source.join(", "))?,
            }
            writeln!(out, "    use:    {}", t.preferred)?;
            if !t.admitted.is_empty() {
                writeln!(out, "    also:   {}", written(t.term, t.admitted))?;
            }
            writeln!(out, "    not:    {}", written(t.term, t.deviants))
        })
    };
    if written.is_err() {
        return Status::Clean; // a closed pipe: nothing more to say
    }
    if terms.is_empty() {
        if let Some(q) = &args.query {
            eprintln!("termlint: no term matches \"{q}\" (by id, source term or rendering)");
        }
        Status::Findings
    } else {
        Status::Clean
    }
}
