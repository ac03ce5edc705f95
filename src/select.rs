//! Choosing which candidates become findings.
//!
//! The rules, applied to the complete set of candidates of one text:
//! 1. A deviant is hidden by an approved form or an exception (of any term, in any letter case)
//!    that contains it or partly overlaps it: "community of shared future" never fires inside "community of
//!    shared future for mankind". A deviant that wholly contains an approved form is longer
//!    and still fires: "Belt and Road strategy" is flagged although "Belt and Road" is approved.
//! 2. Among the remaining deviants, leftmost-longest wins; ties go to the earlier form in the
//!    glossary.
//! 3. Among approved forms, leftmost-longest wins the same way; of the winners that are not
//!    inside a reported deviant, those of case-sensitive terms written in another letter case
//!    are reported.
//!
//! The result is sorted by position and never has two findings that overlap.

use std::cmp::Reverse;

use crate::matcher::{Candidate, Form};

/// What a selected candidate is reported as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// A deviant form.
    Deviant,
    /// An approved form that may be in the wrong letter case (the caller decides).
    Approved,
}

/// Applies the rules above. `wants_case_check(form)` says which approved winners to return.
pub fn select(
    forms: &[Form],
    mut candidates: Vec<Candidate>,
    wants_case_check: impl Fn(&Form) -> bool,
) -> Vec<(Candidate, Verdict)> {
    candidates.sort_unstable_by_key(|c| (c.start, Reverse(c.end), c.form));
    candidates.dedup_by_key(|c| (c.start, c.end, c.form));
    let (approved, deviants): (Vec<Candidate>, Vec<Candidate>) = candidates
        .into_iter()
        .partition(|c| forms[c.form].kind.hides());

    // max_end[k] = the largest end among approved[..=k]. With the approved sorted by start, a
    // deviant [s, e) is hidden iff an approved form starting before s ends after s, or one
    // starting in [s, e) ends after e (approved forms starting inside a deviant are few).
    let max_end: Vec<usize> = approved
        .iter()
        .scan(0, |m, c| {
            *m = (*m).max(c.end);
            Some(*m)
        })
        .collect();
    let hidden = |d: &Candidate| {
        let before = approved.partition_point(|a| a.start < d.start);
        let inside = approved.partition_point(|a| a.start < d.end);
        (before > 0 && max_end[before - 1] > d.start)
            || approved[before..inside].iter().any(|a| a.end > d.end)
    };

    let mut out = Vec::new();
    let mut last_end = 0;
    for c in deviants {
        if c.start < last_end || hidden(&c) {
            continue;
        }
        last_end = c.end;
        out.push((c, Verdict::Deviant));
    }
    // Reported deviants, to keep the approved forms inside them from being reported too.
    let reported: Vec<(usize, usize)> = out.iter().map(|(c, _)| (c.start, c.end)).collect();
    let in_reported = |a: &Candidate| {
        let k = reported.partition_point(|r| r.0 < a.end);
        k > 0 && reported[k - 1].1 > a.start
    };
    last_end = 0;
    for c in approved {
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        if wants_case_check(&forms[c.form]) && !in_reported(&c) {
            out.push((c, Verdict::Approved));
        }
    }
    out.sort_unstable_by_key(|(c, _)| c.start);
    out
}
