//! The matching contract, rule by rule, through the library API. Every finding is asserted by
//! line, column, end and term; every rule has a case that must fire and one that must not.

use termlint::{Checker, Format, Glossary, Locator};

const GLOSSARY: &str = r#"
[[term]]
id = "shared-future"
source = "人类命运共同体"
preferred = "community of shared future for mankind"
admitted = ["community with a shared future for mankind", "global community of shared future"]
deviants = ["community of common destiny", "community of shared destiny", "community of shared future"]

[[term]]
id = "bri"
source = ["一带一路", "一带一路倡议"]
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road"]
deviants = ["One Belt, One Road", "OBOR"]
case_sensitive = true

[[term]]
id = "cpc"
source = "中国共产党"
preferred = "Communist Party of China"
admitted = ["CPC"]
deviants = ["CCP", "Chinese Communist Party"]
severity = "warning"

[[term]]
id = "great-changes"
source = "百年未有之大变局"
preferred = "profound changes unseen in a century"
deviants = ["changes unseen in a century", "great changes unseen in a century"]

[[term]]
id = "win-win"
source = "合作共赢"
preferred = "win-win cooperation"
deviants = ["win win cooperation", "mutually beneficial cooperation"]

[[term]]
id = "core-interests"
source = "核心利益"
preferred = "core interest"
deviants = ["key interest", "vital interest"]

[[term]]
id = "key-policy"
preferred = "major policy"
deviants = ["key policy"]
"#;

/// (line, column, end_line, end_column, term, matched, suggestion)
type Row = (usize, usize, usize, usize, String, String, String);

fn check_as(text: &str, format: Format) -> Vec<Row> {
    let glossary = Glossary::from_toml(GLOSSARY).expect("test glossary is valid");
    let checker = Checker::new(glossary).unwrap();
    let findings = checker.check(&format.prose(text));
    let mut loc = Locator::new(text);
    findings
        .iter()
        .map(|f| {
            let s = loc.locate(f.span.start);
            let e = loc.locate(f.span.end);
            (
                s.line,
                s.column,
                e.line,
                e.column,
                checker.glossary().terms[f.term].id.clone(),
                f.matched.clone(),
                f.suggestion.clone(),
            )
        })
        .collect()
}

/// `term id: text of the span` for each finding of `text` against the glossary `g`.
fn ids_and_spans(g: &str, text: &str) -> Vec<String> {
    let checker = Checker::new(Glossary::from_toml(g).unwrap()).unwrap();
    checker
        .check(&Format::Plain.prose(text))
        .iter()
        .map(|f| {
            format!(
                "{}: {}",
                checker.glossary().terms[f.term].id,
                &text[f.span.clone()]
            )
        })
        .collect()
}

fn check(text: &str) -> Vec<Row> {
    check_as(text, Format::Plain)
}

fn row(l: usize, c: usize, el: usize, ec: usize, term: &str, matched: &str, sugg: &str) -> Row {
    (l, c, el, ec, term.into(), matched.into(), sugg.into())
}

#[test]
fn rule1_deviants_match_case_insensitively() {
    assert_eq!(
        check("We build a Community Of Common Destiny."),
        [row(
            1,
            12,
            1,
            39,
            "shared-future",
            "Community Of Common Destiny",
            "Community of Shared Future for Mankind"
        )]
    );
    assert_eq!(
        check("the obor plan"),
        [row(1, 5, 1, 9, "bri", "obor", "Belt and Road Initiative")]
    );
}

#[test]
fn rule2_spaces_match_whitespace_runs_and_one_line_break() {
    let text = "a community of\ncommon\u{a0}\u{a0}destiny and a community\tof\u{3000}shared\u{202f}destiny";
    assert_eq!(
        check(text),
        [
            row(
                1,
                3,
                2,
                16,
                "shared-future",
                "community of\ncommon\u{a0}\u{a0}destiny",
                "community of shared future for mankind"
            ),
            row(
                2,
                23,
                2,
                50,
                "shared-future",
                "community\tof\u{3000}shared\u{202f}destiny",
                "community of shared future for mankind"
            ),
        ]
    );
    // A blank line ends a term, also with CRLF and trailing spaces on the empty line.
    assert_eq!(check("a community of common\n\ndestiny"), []);
    assert_eq!(check("a community of common\r\n  \r\ndestiny"), []);
    // A space in a form needs some whitespace in the text.
    assert_eq!(check("communityof common destiny"), []);
}

#[test]
fn rule3_typographic_variants_fold_and_hyphen_is_not_space() {
    assert_eq!(check("win\u{2011}win cooperation is approved"), []);
    assert_eq!(
        check("win win cooperation"),
        [row(
            1,
            1,
            1,
            20,
            "win-win",
            "win win cooperation",
            "win-win cooperation"
        )]
    );
    // "win-win cooperation" (approved) must not be read as "win win cooperation".
    assert_eq!(check("win-win cooperation"), []);
    let g = r#"
[[term]]
id = "china-story"
preferred = "tell China's stories well"
deviants = ["tell China's story well"]
"#;
    let checker = Checker::new(Glossary::from_toml(g).unwrap()).unwrap();
    let text = "We tell China’s story well.";
    let f = checker.check(&Format::Plain.prose(text));
    assert_eq!(f.len(), 1);
    assert_eq!(&text[f[0].span.clone()], "tell China’s story well");
}

/// A hyphen at a line end joins the halves of a compound whatever the indentation of the next
/// line, and a form's hyphen followed by a space ("short- and") lets the space take the line
/// break. Both hold whichever word of the form the matcher finds first.
#[test]
fn rule3_hyphens_at_line_ends() {
    let g = r#"
[[term]]
id = "shared-future"
preferred = "shared future"
deviants = ["community of common destiny"]

[[term]]
id = "terms"
preferred = "both terms"
deviants = ["short- and long-term", "New York- headquartered"]
"#;
    assert_eq!(
        ids_and_spans(g, "A community-of-common-\n            destiny narrative."),
        ["shared-future: community-of-common-\n            destiny"],
        "indented past the first few characters"
    );
    assert_eq!(
        ids_and_spans(g, "A community\n   -of-common-destiny narrative."),
        ["shared-future: community\n   -of-common-destiny"]
    );
    assert_eq!(
        ids_and_spans(g, "We set short-\nand long-term goals."),
        ["terms: short-\nand long-term"]
    );
    assert_eq!(
        ids_and_spans(g, "A New York-\nheadquartered bank."),
        ["terms: New York-\nheadquartered"]
    );
    assert_eq!(
        ids_and_spans(g, "A New York-\n\nheadquartered bank."),
        Vec::<String>::new(),
        "a blank line still ends it"
    );
}

#[test]
fn rule4_word_boundaries() {
    assert_eq!(
        check("The CCPA and OBORO are unrelated; so is xCCP and CCP2."),
        []
    );
    assert_eq!(
        check("the CCP's plan, the CCP’s plan, (CCP), CCP-led, CCP中国"),
        [
            row(1, 5, 1, 8, "cpc", "CCP", "Communist Party of China"),
            row(1, 21, 1, 24, "cpc", "CCP", "Communist Party of China"),
            row(1, 34, 1, 37, "cpc", "CCP", "Communist Party of China"),
            row(1, 40, 1, 43, "cpc", "CCP", "Communist Party of China"),
            row(1, 49, 1, 52, "cpc", "CCP", "Communist Party of China"),
        ]
    );
}

#[test]
fn rule5_plural_of_the_last_word() {
    assert_eq!(
        check("their key interests and vital interest, and Key Policies"),
        [
            row(
                1,
                7,
                1,
                20,
                "core-interests",
                "key interests",
                "core interests"
            ),
            row(
                1,
                25,
                1,
                39,
                "core-interests",
                "vital interest",
                "core interest"
            ),
            row(1, 45, 1, 57, "key-policy", "Key Policies", "Major Policies"),
        ]
    );
    assert_eq!(check("key interestsx"), []);
}

#[test]
fn rule6_approved_forms_hide_the_deviants_they_contain_or_overlap() {
    assert_eq!(check("a community of shared future for mankind"), []);
    assert_eq!(check("a community of shared\nfuture for mankind"), []);
    assert_eq!(check("the profound changes unseen in a century"), []);
    assert_eq!(
        check("great changes unseen in a century"),
        [row(
            1,
            1,
            1,
            34,
            "great-changes",
            "great changes unseen in a century",
            "profound changes unseen in a century"
        )]
    );
    assert_eq!(
        check("changes unseen in a century; a community of shared future."),
        [
            row(
                1,
                1,
                1,
                28,
                "great-changes",
                "changes unseen in a century",
                "profound changes unseen in a century"
            ),
            row(
                1,
                32,
                1,
                58,
                "shared-future",
                "community of shared future",
                "community of shared future for mankind"
            ),
        ]
    );
}

#[test]
fn rule6_a_deviant_that_contains_an_approved_form_still_fires() {
    let g = r#"
[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road"]
deviants = ["Belt and Road strategy"]
case_sensitive = true
"#;
    let checker = Checker::new(Glossary::from_toml(g).unwrap()).unwrap();
    let text = "the Belt and Road strategy, the belt and road strategy, the Belt and Road";
    let found: Vec<(&str, String)> = checker
        .check(&Format::Plain.prose(text))
        .into_iter()
        .map(|f| (&text[f.span.clone()], f.suggestion))
        .collect();
    assert_eq!(
        found,
        [
            (
                "Belt and Road strategy",
                "Belt and Road Initiative".to_string()
            ),
            (
                "belt and road strategy",
                "Belt and Road Initiative".to_string()
            ),
        ]
    );
}

#[test]
fn rule7_case_sensitive_terms_flag_miscased_approved_forms() {
    assert_eq!(
        check("the belt and road initiative"),
        [row(
            1,
            5,
            1,
            29,
            "bri",
            "belt and road initiative",
            "Belt and Road Initiative"
        )]
    );
    assert_eq!(
        check("the Belt and Road Initiative and the Belt and Road"),
        []
    );
    // A capital first letter at the start of a sentence is fine; the rest still counts.
    let g = r#"
[[term]]
id = "xi-thought"
preferred = "socialism with Chinese characteristics"
deviants = ["socialism with Chinese character"]
case_sensitive = true
"#;
    let checker = Checker::new(Glossary::from_toml(g).unwrap()).unwrap();
    let f = |t: &str| checker.check(&Format::Plain.prose(t)).len();
    assert_eq!(f("Socialism with Chinese characteristics is the path."), 0);
    assert_eq!(f("We follow Socialism with Chinese characteristics."), 1);
    assert_eq!(f("We follow socialism with chinese characteristics."), 1);
}

#[test]
fn rule8_suggestion_casing() {
    assert_eq!(
        check("COMMUNITY OF COMMON DESTINY\nCommunity of common destiny\nCCP"),
        [
            row(
                1,
                1,
                1,
                28,
                "shared-future",
                "COMMUNITY OF COMMON DESTINY",
                "COMMUNITY OF SHARED FUTURE FOR MANKIND"
            ),
            row(
                2,
                1,
                2,
                28,
                "shared-future",
                "Community of common destiny",
                "Community of shared future for mankind"
            ),
            row(3, 1, 3, 4, "cpc", "CCP", "Communist Party of China"),
        ]
    );
}

#[test]
fn rule9_positions_count_scalar_values_and_crlf_equals_lf() {
    let lf = "人类命运共同体：\u{a0}community of common destiny\nsecond line CCP\n";
    let crlf = lf.replace('\n', "\r\n");
    let expected = [
        row(
            1,
            10,
            1,
            37,
            "shared-future",
            "community of common destiny",
            "community of shared future for mankind",
        ),
        row(2, 13, 2, 16, "cpc", "CCP", "Communist Party of China"),
    ];
    assert_eq!(check(lf), expected);
    assert_eq!(check(&crlf), expected);
}

#[test]
fn leftmost_longest_among_deviants_and_glossary_order_on_ties() {
    let g = r#"
[[term]]
id = "first"
preferred = "alpha"
deviants = ["shared destiny"]

[[term]]
id = "second"
preferred = "beta"
deviants = ["common shared destiny", "destiny"]
"#;
    let text = "common shared destiny; shared destiny; destiny";
    assert_eq!(
        ids_and_spans(g, text),
        [
            "second: common shared destiny",
            "first: shared destiny",
            "second: destiny"
        ]
    );
}

#[test]
fn urls_and_emails_are_never_checked() {
    assert_eq!(
        check("see https://example.org/CCP and ccp@example.org or www.ccp.example"),
        []
    );
}

#[test]
fn markdown_prose_only_and_markup_does_not_break_terms() {
    let md = "\
---
title: community of common destiny
---
# A community of shared destiny

We build a community of *common destiny*
and the `CCP` code, <span>CCP</span> (text between HTML tags is prose).

```
community of common destiny
```

> a community of common
> destiny in a quote

| CCP | [CCP](https://example.org/CCP) |
|---|---|
";
    assert_eq!(
        check_as(md, Format::Markdown),
        [
            row(
                4,
                5,
                4,
                32,
                "shared-future",
                "community of shared destiny",
                "community of shared future for mankind"
            ),
            row(
                6,
                12,
                6,
                40,
                "shared-future",
                "community of *common destiny",
                "community of shared future for mankind"
            ),
            row(7, 27, 7, 30, "cpc", "CCP", "Communist Party of China"),
            row(
                13,
                5,
                14,
                10,
                "shared-future",
                "community of common\n> destiny",
                "community of shared future for mankind"
            ),
            row(16, 3, 16, 6, "cpc", "CCP", "Communist Party of China"),
            row(16, 10, 16, 13, "cpc", "CCP", "Communist Party of China"),
        ]
    );
}

#[test]
fn a_form_whose_anchor_is_a_prefix_of_another_anchor_is_still_found() {
    // "roads ahead" is anchored on "roads", "road" on "road": at "roads" the automaton reports
    // only the longer anchor, which must stand for the shorter one too.
    let g = r#"
[[term]]
id = "ahead"
preferred = "way forward"
deviants = ["roads ahead"]

[[term]]
id = "road"
preferred = "path"
deviants = ["road"]
"#;
    let text = "many roads here; the roads ahead; a road";
    assert_eq!(
        ids_and_spans(g, text),
        ["road: roads", "ahead: roads ahead", "road: road"]
    );
}

/// A word split inside by markup, a PO string continuation or an XLIFF inline code is still
/// one word: `**C**CP`, `"communi"` `"ty"`, `CC<g>P</g>`.
#[test]
fn words_split_inside_by_markup_strings_or_codes() {
    let row = |l, c, el, ec, id: &str, m: &str, s: &str| {
        (l, c, el, ec, id.to_string(), m.to_string(), s.to_string())
    };
    // The matched text is as written, markup included.
    assert_eq!(
        check_as(
            "The **C**CP and a communi*ty of common* destiny.\n",
            Format::Markdown
        ),
        [
            row(1, 7, 1, 12, "cpc", "C**CP", "Communist Party of China"),
            row(
                1,
                19,
                1,
                48,
                "shared-future",
                "communi*ty of common* destiny",
                "community of shared future for mankind"
            ),
        ]
    );
    assert_eq!(
        check_as(
            "msgid \"a\"\nmsgstr \"the CC\"\n\"P and a communi\"\n\"ty of common destiny\"\n",
            Format::Po
        ),
        [
            row(2, 13, 3, 3, "cpc", "CC\"\n\"P", "Communist Party of China"),
            row(
                3,
                10,
                4,
                22,
                "shared-future",
                "communi\"\n\"ty of common destiny",
                "community of shared future for mankind"
            ),
        ]
    );
    assert_eq!(
        check_as(
            "<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><target>the CC<g id=\"1\">P</g> met</target></trans-unit></body></file></xliff>",
            Format::Xliff
        ),
        [row(
            1,
            65,
            1,
            78,
            "cpc",
            "CC<g id=\"1\">P",
            "Communist Party of China"
        )]
    );
    // The word before the anchor split by markup ("common" before "destiny"): read whole
    // through the markup, not as the "mon" its piece starts with.
    assert_eq!(
        check_as("A community of **com**mon destiny.\n", Format::Markdown),
        [row(
            1,
            3,
            1,
            34,
            "shared-future",
            "community of **com**mon destiny",
            "community of shared future for mankind"
        )]
    );
    // Not inside another word: CC**P**A is CCPA.
    assert_eq!(check_as("The CC**P**A applies.\n", Format::Markdown), []);
}
