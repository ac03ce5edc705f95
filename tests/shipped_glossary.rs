//! The shipped glossary.toml: it loads, it is complete, and every one of its forms behaves:
//! each deviant, written alone, yields exactly one finding of its own term with the preferred
//! rendering as suggestion; each approved form yields none.

use termlint::{Checker, FindingKind, Format, Glossary};

fn shipped() -> Checker {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/glossary.toml")).unwrap();
    let glossary =
        Glossary::from_toml(&text).unwrap_or_else(|e| panic!("glossary.toml is invalid: {e:?}"));
    Checker::new(glossary).unwrap()
}

#[test]
fn has_at_least_25_documented_terms() {
    let checker = shipped();
    let terms = &checker.glossary().terms;
    assert!(terms.len() >= 25, "{} terms", terms.len());
    for t in terms {
        assert!(!t.sources.is_empty(), "{} has no source term", t.id);
        assert!(
            t.note.as_deref().is_some_and(|n| !n.is_empty()),
            "{} has no note",
            t.id
        );
        assert!(!t.deviants.is_empty(), "{} has no deviants", t.id);
    }
    for source in [
        "人类命运共同体",
        "一带一路",
        "中国共产党",
        "合作共赢",
        "新型国际关系",
        "百年未有之大变局",
        "共商共建共享",
        "求同存异",
        "一超多强",
        "讲好中国故事",
        "中国特色社会主义",
    ] {
        assert!(
            terms.iter().any(|t| t.sources.iter().any(|s| s == source)),
            "{source} missing"
        );
    }
}

#[test]
fn every_deviant_fires_once_and_every_approved_form_is_silent() {
    let checker = shipped();
    for (i, t) in checker.glossary().terms.iter().enumerate() {
        for d in &t.deviants {
            let text = format!("In the draft: {d}.");
            let f = checker.check(&Format::Plain.prose(&text));
            assert_eq!(f.len(), 1, "deviant {d:?} of {} gave {f:?}", t.id);
            assert_eq!(
                (f[0].term, f[0].kind),
                (i, FindingKind::Deviant),
                "deviant {d:?}"
            );
            assert_eq!(&text[f[0].span.clone()], d.as_str());
            assert_eq!(
                f[0].suggestion,
                termlint::casing::match_case(t.replacement_for(d), d, d)
            );
        }
        for e in &t.exceptions {
            let text = format!("In the draft: {e}.");
            let f = checker.check(&Format::Plain.prose(&text));
            assert_eq!(f, [], "exception {e:?} of {} was flagged", t.id);
        }
        for a in t.approved() {
            let text = format!("In the draft: {a}.");
            let f = checker.check(&Format::Plain.prose(&text));
            assert_eq!(f, [], "approved {a:?} of {} was flagged", t.id);
        }
    }
}

#[test]
fn variant_families_of_the_drafts_are_flagged() {
    // Sentences written for this test, with the variants found in real drafts (issue 13).
    let checker = shipped();
    let cases = [
        (
            "We seek a community for a shared future.",
            "community for a shared future",
            "community with a shared future",
        ),
        (
            "A community with a shared future for humankind is the aim.",
            "community with a shared future for humankind",
            "community with a shared future for mankind",
        ),
        (
            "It follows wide consultation, joint contribution and shared benefits.",
            "wide consultation, joint contribution and shared benefits",
            "extensive consultation, joint contribution and shared benefits",
        ),
        (
            "The world faces a great change unprecedented in a century.",
            "great change unprecedented in a century",
            "change on a scale unseen in a century",
        ),
        (
            "They spoke of Xi Jinping's thought on diplomacy.",
            "Xi Jinping's thought",
            "Xi Jinping Thought",
        ),
        (
            "Guided by President Xi Jinping's thought on diplomacy.",
            "President Xi Jinping's thought",
            "Xi Jinping Thought",
        ),
        (
            "Both towns form a shared future community.",
            "shared future community",
            "community with a shared future",
        ),
        (
            "The 21st-Century Maritime Silk Road links ports.",
            "21st-Century Maritime Silk Road",
            "21st Century Maritime Silk Road",
        ),
        (
            "Journalists are telling Chinese stories well.",
            "telling Chinese stories well",
            "telling China's stories well",
        ),
    ];
    for (text, matched, suggestion) in cases {
        let f = checker.check(&Format::Plain.prose(text));
        assert_eq!(f.len(), 1, "{text}: {f:?}");
        assert_eq!(&text[f[0].span.clone()], matched, "{text}");
        assert_eq!(f[0].suggestion, suggestion, "{text}");
    }
}
