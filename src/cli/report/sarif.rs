//! `--format sarif`: SARIF 2.1.0, for GitHub code scanning and other static-analysis viewers.
//! One rule per glossary term that has findings (with its preferred rendering and note as
//! help), one result per finding, columns counted in Unicode code points as termlint counts
//! them.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde_json::{Value, json};

use super::{Record, Report, Summary, UNUSED_SUPPRESSION, one_line};

/// A SARIF log is one JSON document whose rules come before its results, so the results are
/// kept (as compact JSON lines) until the end.
#[derive(Default)]
pub struct Sarif {
    lines: std::sync::Mutex<Vec<u8>>,
}

impl Report for Sarif {
    /// One JSON line per record: its rule and its result, assembled by `write`.
    fn render_file(&self, _path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            let line = json!({ "rule": rule(r), "result": result(r) });
            let _ = serde_json::to_writer(&mut out, &line);
            out.push(b'\n');
        }
        out
    }

    fn chunk(&self, _out: &mut dyn Write, chunk: &[u8], _first: bool) -> io::Result<()> {
        self.lines
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(chunk);
        Ok(())
    }

    fn finish(&self, out: &mut dyn Write, _summary: &Summary, _any: bool) -> io::Result<()> {
        let mut rules: BTreeMap<String, Value> = BTreeMap::new();
        let mut results = Vec::new();
        let lines = std::mem::take(&mut *self.lines.lock().unwrap_or_else(|e| e.into_inner()));
        for chunk in [lines] {
            for line in chunk.split(|&b| b == b'\n').filter(|l| !l.is_empty()) {
                let mut v: Value = serde_json::from_slice(line).map_err(io::Error::other)?;
                let rule = v["rule"].take();
                let id = rule["id"].as_str().unwrap_or_default().to_string();
                rules.entry(id).or_insert(rule);
                results.push(v["result"].take());
            }
        }
        let index: BTreeMap<&str, usize> = rules
            .keys()
            .enumerate()
            .map(|(i, k)| (k.as_str(), i))
            .collect();
        for r in &mut results {
            let i = r["ruleId"].as_str().and_then(|id| index.get(id)).copied();
            r["ruleIndex"] = json!(i);
        }
        let doc = json!({
            "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "termlint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.into_values().collect::<Vec<_>>(),
                }},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }],
        });
        // `From` keeps an I/O error's kind, so a closed pipe stays quiet as in other formats.
        serde_json::to_writer_pretty(&mut *out, &doc).map_err(io::Error::from)?;
        writeln!(out)
    }
}

fn rule(r: &Record<'_>) -> Value {
    if r.term == UNUSED_SUPPRESSION {
        return json!({
            "id": UNUSED_SUPPRESSION,
            "name": "UnusedSuppression",
            "shortDescription": { "text": "A termlint suppression directive that suppresses nothing." },
            "help": { "text": "Remove the directive, or correct the term ids it names." },
            "defaultConfiguration": { "level": "warning" },
        });
    }
    let source = if r.source.is_empty() {
        String::new()
    } else {
        format!(" ({})", r.source.join(", "))
    };
    let mut help = format!("Use \"{}\"{source}.", r.preferred);
    if !r.admitted.is_empty() {
        help.push_str(&format!(
            " Also accepted: {}.",
            r.admitted
                .iter()
                .map(|a| format!("\"{a}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if let Some(note) = r.note {
        help.push(' ');
        help.push_str(note);
    }
    let mut rule = json!({
        "id": r.term,
        "name": pascal_case(r.term),
        "shortDescription": { "text": format!("Render{source} as \"{}\".", r.preferred) },
        "help": { "text": help },
    });
    if let Some(note) = r.note {
        rule["fullDescription"] = json!({ "text": note });
    }
    rule
}

fn result(r: &Record<'_>) -> Value {
    let mut result = json!({
        "ruleId": r.term,
        "level": r.severity.as_str(),
        "message": { "text": one_line(r) },
        "locations": [{ "physicalLocation": {
            "artifactLocation": { "uri": uri(r.path) },
            "region": {
                "startLine": r.line,
                "startColumn": r.column,
                "endLine": r.end_line,
                "endColumn": r.end_column,
                "snippet": { "text": r.matched },
            },
        }}],
    });
    if r.fixable && !r.suggestion.is_empty() {
        result["fixes"] = json!([{
            "description": { "text": format!("Replace with \"{}\"", r.suggestion) },
            "artifactChanges": [{
                "artifactLocation": { "uri": uri(r.path) },
                "replacements": [{
                    "deletedRegion": {
                        "startLine": r.line, "startColumn": r.column,
                        "endLine": r.end_line, "endColumn": r.end_column,
                    },
                    "insertedContent": { "text": r.suggestion },
                }],
            }],
        }]);
    }
    result
}

/// `shared-future` -> `SharedFuture`, `cpc` -> `CpcTerm`: SARIF wants a rule's name to differ
/// from its id, ignoring case.
fn pascal_case(id: &str) -> String {
    let name: String = id
        .split('-')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
        })
        .collect();
    if name.eq_ignore_ascii_case(id) {
        format!("{name}Term")
    } else {
        name
    }
}

/// A relative path as a URI reference: forward slashes, reserved bytes percent-encoded.
fn uri(path: &str) -> String {
    let mut out = String::new();
    for b in path.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
