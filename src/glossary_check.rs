//! `termlint glossary check`: what loading cannot see. Every deviant must be reportable on its
//! own, no deviant may contain another term's approved rendering (unless the preferred form
//! contains it too, so that a fix keeps it), and each term's examples
//! must behave: every bad example yields exactly one finding of its term, every good one none.
//! Like prh's specs, this keeps a glossary edit from silently breaking a rule.

use std::ops::Range;

use crate::glossary::GlossaryError;
use crate::{Checker, FindingKind, Format};

/// The problems, in glossary order; each points at the value in the glossary file.
pub fn check(checker: &Checker) -> Vec<GlossaryError> {
    let glossary = checker.glossary();
    let mut problems = Vec::new();
    let problem = |span: Option<&Range<usize>>, message: String, help: &str| GlossaryError {
        message,
        span: span.cloned(),
        related: None,
        help: Some(help.to_string()),
    };
    // One source term, two preferred renderings: which one to suggest is not decided.
    let mut sources: std::collections::HashMap<String, usize> = Default::default();
    for (index, term) in glossary.terms.iter().enumerate() {
        for source in &term.sources {
            let key = source.trim().to_lowercase();
            match sources.get(&key) {
                Some(&first)
                    if crate::fold::normalize(&glossary.terms[first].preferred)
                        != crate::fold::normalize(&term.preferred) =>
                {
                    let other = &glossary.terms[first];
                    problems.push(GlossaryError {
                        message: format!(
                            "source term \"{}\" has two preferred renderings: \"{}\" (term \"{}\") and \"{}\" (term \"{}\")",
                            source.trim(),
                            other.preferred,
                            other.id,
                            term.preferred,
                            term.id
                        ),
                        span: term.spans.forms.first().cloned(),
                        related: other
                            .spans
                            .forms
                            .first()
                            .map(|s| (s.clone(), format!("term \"{}\" prefers this", other.id))),
                        help: Some(
                            "give both terms the same preferred rendering, or merge them into one term"
                                .to_string(),
                        ),
                    });
                }
                Some(_) => {}
                None => {
                    sources.insert(key, index);
                }
            }
        }
    }
    for (index, term) in glossary.terms.iter().enumerate() {
        let n_approved = term.approved().count();
        for (k, deviant) in term.deviants.iter().enumerate() {
            let span = term.spans.forms.get(n_approved + k);
            let findings = checker.check(&Format::Plain.prose(deviant));
            let whole = findings.len() == 1
                && findings[0].term == index
                && findings[0].kind == FindingKind::Deviant
                && findings[0].span == (0..deviant.len());
            if !whole {
                problems.push(problem(
                    span,
                    format!("deviant \"{deviant}\" of term \"{}\" is never reported on its own", term.id),
                    "it reads as a URL or e-mail address, or another form hides it; remove or reword it",
                ));
            }
            // Approved renderings of other terms inside the preferred form survive a fix.
            let kept: Vec<usize> = checker
                .occurrences(&term.preferred)
                .into_iter()
                .filter(|o| o.1)
                .map(|o| o.0)
                .collect();
            for (other, approved, range) in checker.occurrences(deviant) {
                if approved && other != index && !kept.contains(&other) {
                    problems.push(problem(
                        span,
                        format!(
                            "deviant \"{deviant}\" of term \"{}\" contains \"{}\", an approved rendering of term \"{}\"",
                            term.id,
                            &deviant[range],
                            glossary.terms[other].id
                        ),
                        "a fix would replace an approved rendering; narrow the deviant",
                    ));
                }
            }
        }
        for (k, exception) in term.exceptions.iter().enumerate() {
            let hides = checker
                .occurrences(exception)
                .iter()
                .any(|(other, approved, _)| *other == index && !approved);
            if !hides {
                problems.push(problem(
                    term.spans.exceptions.get(k),
                    format!(
                        "exception \"{exception}\" of term \"{}\" contains none of its deviants",
                        term.id
                    ),
                    "an exception hides the deviants inside it; without one it does nothing",
                ));
            }
        }
        for (k, bad) in term.examples.bad.iter().enumerate() {
            let own = checker
                .check(&Format::Plain.prose(bad))
                .iter()
                .filter(|f| f.term == index)
                .count();
            if own != 1 {
                problems.push(problem(
                    term.spans.bad.get(k),
                    format!("bad example of term \"{}\" gives {own} findings of it, not 1", term.id),
                    "a bad example must contain exactly one deviant (or miscased) rendering of its term",
                ));
            }
        }
        for (k, good) in term.examples.good.iter().enumerate() {
            let own = checker
                .check(&Format::Plain.prose(good))
                .iter()
                .filter(|f| f.term == index)
                .count();
            if own != 0 {
                problems.push(problem(
                    term.spans.good.get(k),
                    format!(
                        "good example of term \"{}\" gives {own} finding{} of it",
                        term.id,
                        if own == 1 { "" } else { "s" }
                    ),
                    "a good example must be clean for its term",
                ));
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Glossary;

    fn problems(toml: &str) -> Vec<String> {
        let checker = Checker::new(Glossary::from_toml(toml).unwrap()).unwrap();
        check(&checker).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn finds_what_loading_cannot() {
        let g = r#"
[[term]]
id = "cpc"
preferred = "Communist Party of China"
deviants = ["CCP", "www.ccp"]
examples = { good = ["The Communist Party of China met."], bad = ["The CCP met.", "Nothing wrong."] }

[[term]]
id = "party"
preferred = "CCP of China congress"
deviants = ["party congress"]
examples = { good = ["The CCP met."] }
"#;
        assert_eq!(
            problems(g),
            [
                "deviant \"www.ccp\" of term \"cpc\" is never reported on its own",
                "bad example of term \"cpc\" gives 0 findings of it, not 1",
            ]
        );
        let clean = "[[term]]\nid = \"a\"\npreferred = \"alpha\"\ndeviants = [\"beta\"]\nexamples = { bad = [\"beta\"], good = [\"alpha\"] }\n";
        assert_eq!(problems(clean), Vec::<String>::new());
        let contains = "[[term]]\nid = \"a\"\npreferred = \"Belt and Road\"\ndeviants = [\"x\"]\n\n[[term]]\nid = \"b\"\npreferred = \"y\"\ndeviants = [\"Belt and Road strategy\"]\n";
        assert_eq!(
            problems(contains),
            [
                "deviant \"Belt and Road strategy\" of term \"b\" contains \"Belt and Road\", an approved rendering of term \"a\""
            ]
        );
    }
}
