//! Baselines: findings recorded once, so that only new ones are reported.
//!
//! An entry is keyed by path, term id and a hash of the normalised text of the line(s) the
//! finding is on (case, quotes and spacing folded), never by offset or line number, so it
//! survives edits elsewhere in the file. Equal keys are counted: two occurrences on one line
//! need two entries.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::fold::normalize;

/// The key of a finding at `span` in `text`: the hash of its whole line(s), normalised.
pub fn line_hash(text: &str, span: Range<usize>) -> String {
    let start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    format!("{:016x}", fnv1a(normalize(&text[start..end]).as_bytes()))
}

/// FNV-1a, 64 bits: stable across Rust versions and platforms, unlike std's hasher, which a
/// file kept in a repository needs. Written out because it is four lines.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub path: String,
    pub term: String,
    pub line_hash: String,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

fn is_one(n: &usize) -> bool {
    *n == 1
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: u32,
    entries: Vec<Entry>,
}

/// A baseline being matched against the findings of a run.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Baseline {
    /// (path, term, line hash) -> how many findings it still covers.
    remaining: BTreeMap<(String, String, String), usize>,
}

impl Baseline {
    /// Parses a baseline file's text.
    pub fn from_json(text: &str) -> Result<Baseline, String> {
        let file: File = serde_json::from_str(text).map_err(|e| e.to_string())?;
        if file.version != 1 {
            return Err(format!("unsupported baseline version {}", file.version));
        }
        let mut b = Baseline::default();
        for e in file.entries {
            *b.remaining
                .entry((e.path, e.term, e.line_hash))
                .or_default() += e.count;
        }
        Ok(b)
    }

    /// Builds a baseline from entries (one per finding).
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>) -> Baseline {
        let mut b = Baseline::default();
        for e in entries {
            *b.remaining
                .entry((e.path, e.term, e.line_hash))
                .or_default() += e.count;
        }
        b
    }

    /// Adds the entries of `other`.
    pub fn merge(&mut self, other: Baseline) {
        for (key, n) in other.remaining {
            *self.remaining.entry(key).or_default() += n;
        }
    }

    /// Records one finding.
    pub fn add(&mut self, path: &str, term: &str, line_hash: String) {
        let key = (path.to_string(), term.to_string(), line_hash);
        *self.remaining.entry(key).or_default() += 1;
    }

    /// The file text, sorted, so that a regenerated baseline diffs cleanly.
    pub fn to_json(&self) -> String {
        let entries = self.entries().collect();
        let mut s = serde_json::to_string_pretty(&File {
            version: 1,
            entries,
        })
        .expect("a baseline serialises");
        s.push('\n');
        s
    }

    /// Whether a finding is in the baseline; if so, it uses up one count of its entry.
    pub fn take(&mut self, path: &str, term: &str, line_hash: &str) -> bool {
        match self
            .remaining
            .get_mut(&(path.to_string(), term.to_string(), line_hash.to_string()))
        {
            Some(n) if *n > 0 => {
                *n -= 1;
                true
            }
            _ => false,
        }
    }

    /// Entries (counts) not used up, for the given paths: stale, their findings are gone.
    pub fn stale(&self, paths: &dyn Fn(&str) -> bool) -> usize {
        self.remaining
            .iter()
            .filter(|((p, _, _), _)| paths(p))
            .map(|(_, n)| n)
            .sum()
    }

    /// The entries with counts left.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        self.remaining
            .iter()
            .filter(|(_, n)| **n > 0)
            .map(|((path, term, line_hash), n)| Entry {
                path: path.clone(),
                term: term.clone(),
                line_hash: line_hash.clone(),
                count: *n,
            })
    }

    pub fn len(&self) -> usize {
        self.remaining.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_survive_edits_elsewhere_and_reflow_of_spaces() {
        let a = "intro\nthe CCP met\nend";
        let b = "a new first line\n\nintro changed\nthe  CCP met\nend";
        let ka = line_hash(a, 10..13);
        let kb = line_hash(b, b.find("CCP").unwrap()..b.find("CCP").unwrap() + 3);
        assert_eq!(ka, kb);
        assert_ne!(ka, line_hash("the CCP left", 4..7));
    }

    #[test]
    fn counts_are_used_up() {
        let e = |n| Entry {
            path: "a.md".into(),
            term: "cpc".into(),
            line_hash: "h".into(),
            count: n,
        };
        let mut b = Baseline::from_json(&Baseline::from_entries([e(1), e(1)]).to_json()).unwrap();
        assert!(b.take("a.md", "cpc", "h") && b.take("a.md", "cpc", "h"));
        assert!(!b.take("a.md", "cpc", "h"));
        assert_eq!(b.stale(&|_| true), 0);
        assert!(Baseline::from_json("{\"version\": 2, \"entries\": []}").is_err());
    }
}
