//! The rules every way of building a glossary shares: loading a file
//! ([`Glossary::from_toml`](super::Glossary::from_toml)), merging several
//! ([`Glossary::merge`](super::Glossary::merge)) and importing a termbase
//! ([`crate::import`]). What a term id is, the id made for a term that has none, and which
//! listings of one form conflict. Each caller says in its own words what to do about a conflict
//! (an error at a span, an error naming two files, a warning and a dropped form); the rules are
//! here once, so that what imports also loads and what loads also merges.

use rustc_hash::FxHashMap as HashMap;

use crate::fold;

/// What a term id may hold, as messages say it.
pub const ID_CHARACTERS: &str = "lower-case ASCII letters, digits and '-'";

/// Whether `id` is a valid term id: not empty, only [`ID_CHARACTERS`].
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The id made for a term from its preferred rendering: `Belt and Road Initiative` ->
/// `belt-and-road-initiative`, at most 6 words; `term` when nothing ASCII is left. Always
/// [valid](is_valid_id).
pub fn id_from(rendering: &str) -> String {
    let words: Vec<String> = rendering
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .map(str::to_ascii_lowercase)
        .collect();
    if words.is_empty() {
        "term".to_string()
    } else {
        words.join("-")
    }
}

/// One listing of a form: in which term (an index the caller chooses, one per term), whether
/// it approves or flags the form, as written, whether its term is case-sensitive, and `at`:
/// whatever the caller needs to name the place (a span, a file and term id).
#[derive(Clone, Debug)]
pub struct Listing<W> {
    pub term: usize,
    pub approved: bool,
    pub written: String,
    pub case_sensitive: bool,
    pub at: W,
}

/// Two listings of one form (compared as [`fold::normalize`] compares them) that cannot both
/// stand. `first` was added before `again`.
#[derive(Clone, Debug)]
pub enum Conflict<W> {
    /// One listing approves what the other flags: the deviant would flag an approved
    /// rendering.
    ApprovedAndDeviant {
        approved: Listing<W>,
        deviant: Listing<W>,
    },
    /// One deviant under two terms: it can suggest only one rendering.
    DeviantOfTwoTerms {
        first: Listing<W>,
        again: Listing<W>,
    },
    /// A form listed twice in one term.
    Repeated {
        first: Listing<W>,
        again: Listing<W>,
    },
    /// Two terms approve a form in two letter cases and one of them is case-sensitive: it
    /// would flag the other's spelling.
    Miscased {
        first: Listing<W>,
        again: Listing<W>,
    },
}

/// Every form listed so far, to find the [`Conflict`]s of the next. Two terms may approve one
/// form (both accept it), in one letter case if either is case-sensitive.
#[derive(Debug)]
pub struct Forms<W> {
    /// Normalised form -> its listings.
    listed: HashMap<String, Listed<W>>,
}

/// The listings of one normalised form: the first, and the approving ones after it, in order
/// (a form is mostly listed once: the rest is then empty and allocates nothing).
#[derive(Debug)]
struct Listed<W> {
    first: Listing<W>,
    approving: Vec<Listing<W>>,
}

impl<W> Listed<W> {
    /// Every approving listing, in order.
    fn approving(&self) -> impl Iterator<Item = &Listing<W>> {
        std::iter::once(&self.first)
            .filter(|f| f.approved)
            .chain(&self.approving)
    }
}

impl<W> Default for Forms<W> {
    fn default() -> Self {
        Forms {
            listed: HashMap::default(),
        }
    }
}

impl<W: Clone> Forms<W> {
    /// Room for `n` forms (a glossary of 50,000 terms lists 100,000).
    pub fn with_capacity(n: usize) -> Self {
        Forms {
            listed: HashMap::with_capacity_and_hasher(n, Default::default()),
        }
    }

    /// The listing of an approved form first listed elsewhere, if any: import keeps a deviant
    /// only if no term approves it.
    pub fn approved(&self, form: &str) -> Option<&Listing<W>> {
        self.listed
            .get(&fold::normalize(form))
            .and_then(|l| l.approving().next())
    }

    /// The first listing of `form`, approved or deviant, if any.
    pub fn listed(&self, form: &str) -> Option<&Listing<W>> {
        self.listed.get(&fold::normalize(form)).map(|l| &l.first)
    }

    /// Adds `listing` and returns its conflicts with the listings before it (none, one, or a
    /// letter-case clash and one more). A listing that conflicts is still recorded if its
    /// form is new, so that each conflict is reported once.
    pub fn add(&mut self, listing: Listing<W>) -> Vec<Conflict<W>> {
        let key = fold::normalize(&listing.written);
        let listed = match self.listed.entry(key) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(Listed {
                    first: listing,
                    approving: Vec::new(),
                });
                return Vec::new();
            }
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
        };
        let mut conflicts = Vec::new();
        if listing.approved {
            // Any earlier spelling of another term: one of them case-sensitive, and the
            // spellings differ in letter case (the first such spelling is named).
            if let Some(first) = listed.approving().find(|first| {
                first.term != listing.term
                    && (first.case_sensitive || listing.case_sensitive)
                    && crate::casing::is_miscased(&listing.written, &first.written, false)
            }) {
                conflicts.push(Conflict::Miscased {
                    first: first.clone(),
                    again: listing.clone(),
                });
            }
            listed.approving.push(listing.clone());
        }
        let first = &listed.first;
        if first.approved != listing.approved {
            let (approved, deviant) = if listing.approved {
                (listing, first.clone())
            } else {
                (first.clone(), listing)
            };
            conflicts.push(Conflict::ApprovedAndDeviant { approved, deviant });
        } else if first.term == listing.term {
            conflicts.push(Conflict::Repeated {
                first: first.clone(),
                again: listing,
            });
        } else if !listing.approved {
            conflicts.push(Conflict::DeviantOfTwoTerms {
                first: first.clone(),
                again: listing,
            });
        }
        conflicts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(term: usize, approved: bool, written: &str, case_sensitive: bool) -> Listing<()> {
        Listing {
            term,
            approved,
            written: written.to_string(),
            case_sensitive,
            at: (),
        }
    }

    fn kinds(conflicts: &[Conflict<()>]) -> Vec<&'static str> {
        conflicts
            .iter()
            .map(|c| match c {
                Conflict::ApprovedAndDeviant { .. } => "approved-and-deviant",
                Conflict::DeviantOfTwoTerms { .. } => "deviant-of-two-terms",
                Conflict::Repeated { .. } => "repeated",
                Conflict::Miscased { .. } => "miscased",
            })
            .collect()
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("belt-and-road-2"));
        for bad in ["", "Belt", "belt_road", "belt road", "一带一路"] {
            assert!(!is_valid_id(bad), "{bad:?}");
        }
        assert_eq!(
            id_from("Belt and Road Initiative"),
            "belt-and-road-initiative"
        );
        assert_eq!(
            id_from("a b c d e f g h"),
            "a-b-c-d-e-f",
            "at most six words"
        );
        assert_eq!(id_from("中国"), "term");
        assert!(is_valid_id(&id_from("“Win‑Win” Cooperation")));
    }

    #[test]
    fn conflicts_between_listings() {
        let mut forms = Forms::default();
        assert!(
            forms
                .add(listing(0, true, "Belt and Road", false))
                .is_empty()
        );
        // Forms compare as normalised: case, curly quotes and spacing aside.
        assert_eq!(
            kinds(&forms.add(listing(1, false, "belt  and road", false))),
            ["approved-and-deviant"]
        );
        assert_eq!(
            kinds(&forms.add(listing(0, true, "Belt and road", false))),
            ["repeated"]
        );
        // Two terms may approve one form.
        assert!(
            forms
                .add(listing(2, true, "Belt and Road", false))
                .is_empty()
        );
        // ... but not in two letter cases when either is case-sensitive.
        assert_eq!(
            kinds(&forms.add(listing(3, true, "BELT AND ROAD", true))),
            ["miscased"]
        );
        assert!(forms.add(listing(4, false, "OBOR", false)).is_empty());
        assert_eq!(
            kinds(&forms.add(listing(5, false, "obor", false))),
            ["deviant-of-two-terms"]
        );
        // A deviant listed before the term that approves it: the conflict names both ways.
        assert!(forms.add(listing(6, false, "CPC", false)).is_empty());
        match forms.add(listing(7, true, "CPC", false)).as_slice() {
            [Conflict::ApprovedAndDeviant { approved, deviant }] => {
                assert_eq!((approved.term, deviant.term), (7, 6));
            }
            other => panic!("{:?}", kinds(other)),
        }
        assert_eq!(forms.approved("cpc").map(|l| l.term), Some(7));
        assert!(forms.approved("OBOR").is_none());
    }

    /// A case-sensitive spelling clashes with every other term's spelling in another case,
    /// not only with the first one listed.
    #[test]
    fn a_case_sensitive_spelling_clashes_with_any_other_spelling() {
        let mut forms = Forms::default();
        assert!(forms.add(listing(0, true, "CPC", false)).is_empty());
        assert!(forms.add(listing(1, true, "CPC", true)).is_empty());
        match forms.add(listing(2, true, "cpc", false)).as_slice() {
            [Conflict::Miscased { first, again }] => {
                assert_eq!((first.term, again.term), (1, 2));
            }
            other => panic!("{:?}", kinds(other)),
        }
    }
}
