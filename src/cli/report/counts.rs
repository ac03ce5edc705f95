//! Findings counted per term and per file, by severity, for the reports that open with a
//! summary (Markdown, HTML). Counted as files are rendered, on any thread.

use std::collections::BTreeMap;
use std::sync::Mutex;

use termlint::Severity;

use super::Record;

/// Findings by severity: note, warning, error.
pub type BySeverity = [usize; 3];

#[derive(Default)]
pub struct Counts {
    inner: Mutex<Tables>,
}

#[derive(Default, Clone)]
pub struct Tables {
    /// term -> (preferred rendering, counts).
    pub terms: BTreeMap<String, (String, BySeverity)>,
    /// path -> counts.
    pub files: BTreeMap<String, BySeverity>,
}

impl Counts {
    pub fn add(&self, records: &[Record<'_>]) {
        let mut t = self.inner.lock().unwrap_or_else(|e| e.into_inner());
        for r in records {
            let i = r.severity as usize;
            match t.terms.get_mut(r.term) {
                Some(e) => e.1[i] += 1,
                None => {
                    let mut c = [0; 3];
                    c[i] += 1;
                    t.terms
                        .insert(r.term.to_string(), (r.preferred.to_string(), c));
                }
            }
            match t.files.get_mut(r.path) {
                Some(c) => c[i] += 1,
                None => {
                    let mut c = [0; 3];
                    c[i] += 1;
                    t.files.insert(r.path.to_string(), c);
                }
            }
        }
    }

    pub fn tables(&self) -> Tables {
        self.inner.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

/// Severities from the most serious, with their index in [`BySeverity`].
pub const SEVERITIES: [(Severity, usize); 3] = [
    (Severity::Error, 2),
    (Severity::Warning, 1),
    (Severity::Note, 0),
];

/// A link to a line of the repository, when run in GitHub Actions (from GITHUB_SERVER_URL,
/// GITHUB_REPOSITORY and GITHUB_SHA); None elsewhere.
pub fn line_link(path: &str, line: usize) -> Option<String> {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let (server, repo, sha) = (
        var("GITHUB_SERVER_URL")?,
        var("GITHUB_REPOSITORY")?,
        var("GITHUB_SHA")?,
    );
    let path = path.strip_prefix("./").unwrap_or(path);
    if path == "-" || path.starts_with('/') || path.split('/').any(|c| c == "..") {
        return None;
    }
    // Path segments percent-encoded but for the characters URLs keep as they are.
    let encoded: String = path
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    Some(format!(
        "{}/{repo}/blob/{sha}/{encoded}#L{line}",
        server.trim_end_matches('/')
    ))
}
