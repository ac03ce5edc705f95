//! Choosing which candidates become findings.
//!
//! The rules, applied to the complete set of candidates of one text:
//! 1. A deviant is hidden by any approved form (of any term, in any letter case) that it
//!    overlaps: "community of shared future" never fires inside "community of shared future for
//!    mankind".
//! 2. Among the remaining deviants, leftmost-longest wins; ties go to the earlier form in the
//!    glossary.
//! 3. Among approved forms, leftmost-longest wins the same way; of the winners, those of
//!    case-sensitive terms written in another letter case are reported.
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
        .partition(|c| forms[c.form].kind.is_approved());

    // max_end[k] = the largest end among approved[..=k]: with the approved sorted by start,
    // a span [s, e) overlaps an approved form iff some approved starting before e ends after s.
    let max_end: Vec<usize> = approved
        .iter()
        .scan(0, |m, c| {
            *m = (*m).max(c.end);
            Some(*m)
        })
        .collect();
    let overlaps_approved = |c: &Candidate| {
        let k = approved.partition_point(|a| a.start < c.end);
        k > 0 && max_end[k - 1] > c.start
    };

    let mut out = Vec::new();
    let mut last_end = 0;
    for c in deviants {
        if c.start < last_end || overlaps_approved(&c) {
            continue;
        }
        last_end = c.end;
        out.push((c, Verdict::Deviant));
    }
    last_end = 0;
    for c in approved {
        if c.start < last_end {
            continue;
        }
        last_end = c.end;
        if wants_case_check(&forms[c.form]) {
            out.push((c, Verdict::Approved));
        }
    }
    out.sort_unstable_by_key(|(c, _)| c.start);
    out
}
