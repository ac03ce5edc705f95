//! Precision on real drafts (issue 11): one test per class of error, each asserting the exact
//! finding (span, severity, suggestion) and the exact text `--fix` writes. The examples are
//! made up for these tests.

mod common;

use termlint::{Checker, Fix, Format, Glossary};

const GLOSSARY: &str = r#"
[[term]]
id = "shared-future"
preferred = "community of shared future for mankind"
admitted = ["community with a shared future for mankind"]
deviants = ["community of common destiny", "community of shared destiny"]

[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road", "BRI"]
deviants = ["One Belt, One Road", "OBOR"]

[[term]]
id = "eco"
preferred = "ecological civilization"
deviants = ["green civilization"]

[[term]]
id = "fta"
preferred = "FTA"
deviants = ["free-trade pact"]

[[term]]
id = "cpc"
preferred = "Communist Party of China"
admitted = ["CPC"]
deviants = ["Chinese Communist Party", "CCP"]

[[term]]
id = "poverty"
preferred = "targeted poverty alleviation"
deviants = ["precise poverty alleviation"]

[[term]]
id = "changes"
preferred = "profound changes unseen in a century"
deviants = ["changes unseen in a century"]
"#;

/// Each finding as `start..end severity "matched" -> "suggestion"`, then the fixed text.
fn run_with(glossary: &str, format: Format, text: &str) -> (Vec<String>, String) {
    let checker = Checker::new(Glossary::from_toml(glossary).unwrap()).unwrap();
    let findings = checker.check(&format.prose(text));
    let rows = findings
        .iter()
        .map(|f| {
            format!(
                "{}..{} {} {:?} -> {:?}{}",
                f.span.start,
                f.span.end,
                f.severity,
                &text[f.span.clone()],
                f.suggestion,
                match f.fix.reason() {
                    Some(r) => format!(" (not fixed: {r})"),
                    None => String::new(),
                }
            )
        })
        .collect();
    let edits: Vec<_> = findings
        .iter()
        .filter_map(|f| match &f.fix {
            Fix::Replace(with) => Some((f.span.clone(), with.as_str())),
            _ => None,
        })
        .collect();
    (rows, termlint::fix::apply(text, &edits))
}

fn run(text: &str) -> (Vec<String>, String) {
    run_with(GLOSSARY, Format::Plain, text)
}

// Class 1: a fix never repeats words that are already there.

#[test]
fn class1_the_span_takes_in_words_the_suggestion_ends_with() {
    let (rows, fixed) = run("Leaders hailed the community of shared destiny for Mankind.");
    assert_eq!(
        rows,
        [
            r#"19..58 error "community of shared destiny for Mankind" -> "community of shared future for mankind""#
        ]
    );
    assert_eq!(
        fixed,
        "Leaders hailed the community of shared future for mankind."
    );

    let (rows, fixed) = run("Ports of the One Belt, One Road initiative\ngrew.");
    assert_eq!(
        rows,
        [r#"13..42 error "One Belt, One Road initiative" -> "Belt and Road Initiative""#]
    );
    assert_eq!(fixed, "Ports of the Belt and Road Initiative\ngrew.");

    // A plural last word: the suggestion becomes plural.
    let (rows, fixed) = run("Two OBOR Initiatives were signed.");
    assert_eq!(
        rows,
        [r#"4..20 error "OBOR Initiatives" -> "Belt and Road Initiatives""#]
    );
    assert_eq!(fixed, "Two Belt and Road Initiatives were signed.");

    // Words the suggestion starts with, before the span; across one line break.
    let (rows, fixed) = run("Delegates of the Communist Party\nCCP met.");
    assert_eq!(
        rows,
        [r#"17..36 error "Communist Party\nCCP" -> "Communist Party of China""#]
    );
    assert_eq!(fixed, "Delegates of the Communist Party of\nChina met.");
}

#[test]
fn class1_punctuation_and_markup_end_the_words_taken_in() {
    let (rows, fixed) = run("OBOR; Initiative talks");
    assert_eq!(rows, [r#"0..4 error "OBOR" -> "Belt and Road Initiative""#]);
    assert_eq!(fixed, "Belt and Road Initiative; Initiative talks");

    // Markup ends the words taken in; the word after it would then be said twice, so the
    // finding is left unfixed (rule 3 of src/fit.rs).
    let (rows, fixed) = run_with(GLOSSARY, Format::Markdown, "OBOR *Initiative* talks\n");
    assert_eq!(
        rows,
        [
            r#"0..4 error "OBOR" -> "Belt and Road Initiative" (not fixed: the suggestion would repeat a word that stands next to it; reword the sentence by hand)"#
        ]
    );
    assert_eq!(fixed, "OBOR *Initiative* talks\n");
}

/// A word the suggestion brings in that already stands a few words away: the fix would say
/// it twice, so the finding is reported and the text left to be reworded.
#[test]
fn class1_a_fix_that_would_repeat_a_nearby_word_is_left_to_a_person() {
    let (rows, fixed) = run("For mankind is a community of common destiny, we said.");
    assert_eq!(
        rows,
        [
            r#"17..44 error "community of common destiny" -> "community of shared future for mankind" (not fixed: the suggestion would repeat a word that stands next to it; reword the sentence by hand)"#
        ]
    );
    assert_eq!(
        fixed,
        "For mankind is a community of common destiny, we said."
    );

    let text = "We moved from precise poverty alleviation to targeted poverty alleviation.";
    let (rows, fixed) = run(text);
    assert_eq!(
        rows,
        [
            r#"14..41 error "precise poverty alleviation" -> "targeted poverty alleviation" (not fixed: the suggestion would repeat a word that stands next to it; reword the sentence by hand)"#
        ]
    );
    assert_eq!(fixed, text);

    // Punctuation ends the run of words: beyond it, the fix is made.
    let (rows, fixed) = run("Mankind; a community of common destiny.");
    assert_eq!(
        rows,
        [
            r#"11..38 error "community of common destiny" -> "community of shared future for mankind""#
        ]
    );
    assert_eq!(fixed, "Mankind; a community of shared future for mankind.");
    // Words the deviant has itself, and function words, are no repeat.
    let (rows, _) = run("a community of shared destiny for the community");
    assert_eq!(
        rows,
        [
            r#"2..29 error "community of shared destiny" -> "community of shared future for mankind""#
        ]
    );
}

// Class 3: suggestions that fit the sentence.

#[test]
fn class3_the_article_fits_the_sound_of_the_suggestion() {
    let (rows, fixed) = run("It was an OBOR port and a green civilization.");
    assert_eq!(
        rows,
        [
            r#"7..14 error "an OBOR" -> "a Belt and Road Initiative""#,
            r#"24..44 error "a green civilization" -> "an ecological civilization""#,
        ]
    );
    assert_eq!(
        fixed,
        "It was a Belt and Road Initiative port and an ecological civilization."
    );
    // Acronyms go by their letter names; a capital article stays a capital.
    let (rows, fixed) = run("A free-trade pact was signed.");
    assert_eq!(rows, [r#"0..17 error "A free-trade pact" -> "An FTA""#]);
    assert_eq!(fixed, "An FTA was signed.");
    // An article that already fits is left alone.
    let (rows, _) = run("a One Belt, One Road port");
    assert_eq!(
        rows,
        [r#"2..20 error "One Belt, One Road" -> "Belt and Road Initiative""#]
    );
}

#[test]
fn class3_title_case_gives_title_case() {
    let (rows, fixed) = run("# Toward a Community of Common Destiny\n");
    assert_eq!(
        rows,
        [
            r#"11..38 error "Community of Common Destiny" -> "Community of Shared Future for Mankind""#
        ]
    );
    assert_eq!(fixed, "# Toward a Community of Shared Future for Mankind\n");
    // A capital at the start of a sentence is not Title Case.
    let (rows, _) = run("Community of common destiny, they said.");
    assert_eq!(
        rows,
        [
            r#"0..27 error "Community of common destiny" -> "Community of shared future for mankind""#
        ]
    );
}

// Class 4: quotations that run too far.

#[test]
fn class4_quotations_stop_at_cells_segments_and_long_line_breaks() {
    // A table cell: the mark opened in the first cell does not reach the second.
    let text = "| Said | Note |\n|---|---|\n| “We agree | a community of common destiny” |\n";
    let (rows, fixed) = run_with(GLOSSARY, Format::Markdown, text);
    assert_eq!(
        rows,
        [
            r#"44..71 error "community of common destiny" -> "community of shared future for mankind""#
        ]
    );
    assert!(fixed.contains("| a community of shared future for mankind” |"));

    // PO segments: a mark opened in one msgstr does not reach the next.
    let po = "msgid \"a\"\nmsgstr \"“We agree\"\nmsgid \"b\"\nmsgstr \"an OBOR port”\"\n";
    let (rows, fixed) = run_with(GLOSSARY, Format::Po, po);
    assert_eq!(
        rows,
        [r#"49..56 error "an OBOR" -> "a Belt and Road Initiative""#]
    );
    assert!(fixed.ends_with("msgstr \"a Belt and Road Initiative port”\"\n"));

    // One paragraph per line (a news export): a stray mark does not swallow the next line.
    let para = "The minister spoke at length about trade and investment. ".repeat(5);
    let text = format!("{para}“Jokowi“ met him.\n{para}They discussed OBOR projects.\n");
    let (rows, fixed) = run(&text);
    let at = text.find("OBOR").unwrap();
    assert_eq!(
        rows,
        [format!(
            r#"{at}..{} error "OBOR" -> "Belt and Road Initiative""#,
            at + 4
        )]
    );
    assert!(fixed.contains("They discussed Belt and Road Initiative projects."));

    // An apostrophe written with an opening mark opens nothing.
    let (rows, fixed) = run("President Xi‘s OBOR plan.");
    assert_eq!(
        rows,
        [r#"17..21 error "OBOR" -> "Belt and Road Initiative""#]
    );
    assert_eq!(fixed, "President Xi‘s Belt and Road Initiative plan.");

    // What is right stays right: a quoted mention is a note, not fixed.
    let (rows, _) = run("The term “One Belt, One Road” was dropped.");
    assert_eq!(
        rows,
        [
            r#"12..30 note "One Belt, One Road" -> "Belt and Road Initiative" (not fixed: inside a quotation, which keeps its published wording)"#
        ]
    );
}

// Class 2: an approved form with one word inserted is not a deviation.

#[test]
fn class2_one_inserted_word_in_an_approved_form_hides_the_deviant() {
    let (rows, fixed) = run("We face profound global changes unseen in a century.");
    assert_eq!(rows, Vec::<String>::new());
    assert_eq!(
        fixed,
        "We face profound global changes unseen in a century."
    );
    let (rows, _) = run("We face Profound Economic\nChanges Unseen in a Century");
    assert_eq!(rows, Vec::<String>::new());
    // The inserted word must stand outside the deviant: "targeted precise poverty
    // alleviation" is a deviant with a word before it (which the fix takes in).
    let (rows, fixed) = run("a targeted\nprecise poverty alleviation drive");
    assert_eq!(
        rows,
        [
            r#"2..38 error "targeted\nprecise poverty alleviation" -> "targeted poverty alleviation""#
        ]
    );
    assert_eq!(fixed, "a targeted\npoverty alleviation drive");
    // Two inserted words, or a sentence break, and it is a deviant again.
    let (rows, fixed) = run("It was profound. Changes unseen in a century followed.");
    assert_eq!(
        rows,
        [r#"17..44 error "Changes unseen in a century" -> "Profound changes unseen in a century""#]
    );
    assert_eq!(
        fixed,
        "It was profound. Profound changes unseen in a century followed."
    );
    // Two words inserted: the deviant stands, but "profound" before it would be said twice
    // by the fix, which is left to a person.
    let text = "profound and lasting changes unseen in a century";
    let (rows, fixed) = run(text);
    assert_eq!(
        rows,
        [
            r#"21..48 error "changes unseen in a century" -> "profound changes unseen in a century" (not fixed: the suggestion would repeat a word that stands next to it; reword the sentence by hand)"#
        ]
    );
    assert_eq!(fixed, text);
}

// Glossary keys: `use` on deviants, `exceptions`, `qualified`.

const KEYS: &str = r#"
[[term]]
id = "cpc"
source = "中国共产党"
preferred = "Communist Party of China"
admitted = ["CPC"]
deviants = ["Chinese Communist Party", { form = "CCP", use = "CPC" }]
exceptions = ["Select Committee on the Chinese Communist Party"]

[[term]]
id = "bri"
preferred = "Belt and Road Initiative"
admitted = ["Belt and Road", "BRI"]
deviants = [{ form = "One Belt, One Road", use = "Belt and Road" }, "Belt and Road strategy"]

[[term]]
id = "shared-future"
preferred = "community of shared future for mankind"
admitted = ["community with a shared future"]
deviants = ["community of common destiny", "community of shared destiny"]
qualified = { use = "community with a shared future", words = ["regional", "cross-Straits"] }
"#;

#[test]
fn class3_deviants_name_their_replacement() {
    let (rows, fixed) = run_with(
        KEYS,
        Format::Plain,
        "The CCP and the Chinese Communist Party.",
    );
    assert_eq!(
        rows,
        [
            r#"4..7 error "CCP" -> "CPC""#,
            r#"16..39 error "Chinese Communist Party" -> "Communist Party of China""#,
        ]
    );
    assert_eq!(fixed, "The CPC and the Communist Party of China.");
}

#[test]
fn class5_exceptions_are_never_reported_and_are_not_renderings() {
    let text = "A hearing of the House Select Committee on the Chinese\nCommunist Party; the Chinese Communist Party replied.";
    let (rows, fixed) = run_with(KEYS, Format::Plain, text);
    assert_eq!(
        rows,
        [r#"76..99 error "Chinese Communist Party" -> "Communist Party of China""#]
    );
    assert!(fixed.ends_with("the Communist Party of China replied."));
    // In a bilingual segment the exception does not render 中国共产党.
    let po =
        "msgid \"中国共产党\"\nmsgstr \"the Select Committee on the Chinese Communist Party\"\n";
    let checker = Checker::new(Glossary::from_toml(KEYS).unwrap()).unwrap();
    let findings = checker.check(&Format::Po.prose(po));
    let kinds: Vec<_> = findings.iter().map(|f| f.kind.as_str()).collect();
    assert_eq!(kinds, ["missing"]);
}

#[test]
fn class3_qualified_uses_get_the_qualified_form() {
    let text = "a China-ASEAN community of common destiny, a regional Community of Shared Destiny,\na cross-Straits community of shared destiny. And a community of common destiny.";
    let (rows, fixed) = run_with(KEYS, Format::Plain, text);
    assert_eq!(
        rows,
        [
            r#"14..41 error "community of common destiny" -> "community with a shared future""#,
            r#"54..81 error "Community of Shared Destiny" -> "Community with a Shared Future""#,
            r#"99..126 error "community of shared destiny" -> "community with a shared future""#,
            r#"134..161 error "community of common destiny" -> "community of shared future for mankind""#,
        ]
    );
    assert_eq!(
        fixed,
        "a China-ASEAN community with a shared future, a regional Community with a Shared Future,\na cross-Straits community with a shared future. And a community of shared future for mankind."
    );
}

/// A qualifier elsewhere in the sentence (after the term, or on a headline line above it):
/// a fix that would widen the term to mankind's is not sure, so it is reported and left; a
/// fix that only rewords, or a sentence with no qualifier, is fixed.
#[test]
fn class3_a_qualifier_elsewhere_in_the_sentence_leaves_the_fix_to_a_person() {
    let reason = "a word in the sentence may make this a bilateral or regional use, which takes the term's qualified form; choose the form by hand";
    let text = "Let a community of common destiny grow among regional partners.\n\nTalks with cross-Straits groups\nThe leaders spoke of a community of shared destiny.\n\nWe build a community of common destiny. Regional talks follow.\n";
    let (rows, fixed) = run_with(KEYS, Format::Plain, text);
    assert_eq!(
        rows,
        [
            format!(r#"6..33 error "community of common destiny" -> "community of shared future for mankind" (not fixed: {reason})"#),
            format!(r#"120..147 error "community of shared destiny" -> "community of shared future for mankind" (not fixed: {reason})"#),
            r#"161..188 error "community of common destiny" -> "community of shared future for mankind""#.to_string(),
        ]
    );
    assert_eq!(
        fixed,
        text.replace(
            "We build a community of common destiny.",
            "We build a community of shared future for mankind."
        )
    );
    // A qualifier right before the term still gets the qualified form, fixed.
    let (rows, _) = run_with(
        KEYS,
        Format::Plain,
        "A regional community of common destiny in regional talks.",
    );
    assert_eq!(
        rows,
        [r#"11..38 error "community of common destiny" -> "community with a shared future""#]
    );
    // A fix that rewords without widening ("for humanity" -> "for mankind") stays a fix.
    let glossary = format!(
        "{KEYS}\n[[term]]\nid = \"tail\"\npreferred = \"tail of shared future for mankind\"\nadmitted = [\"tail with a shared future\"]\ndeviants = [\"tail of shared future for humanity\"]\nqualified = {{ use = \"tail with a shared future\", words = [\"regional\"] }}\n"
    );
    let (rows, fixed) = run_with(
        &glossary,
        Format::Plain,
        "A tail of shared future for humanity among regional partners.",
    );
    assert_eq!(
        rows,
        [
            r#"2..36 error "tail of shared future for humanity" -> "tail of shared future for mankind""#
        ]
    );
    assert_eq!(
        fixed,
        "A tail of shared future for mankind among regional partners."
    );

    // Away from the term only the listed words count, possessive or not: a hyphenated proper
    // adjective elsewhere is as often a compound ("High-Quality").
    let glossary = KEYS.replace(
        r#"words = ["regional", "cross-Straits"]"#,
        r#"words = ["ASEAN"]"#,
    );
    let text = "High-Quality Growth and a Community of Common Destiny\n\nASEAN's leaders spoke of a community of common destiny.\n\nThe ASEAN’s community of common destiny.\n";
    let (rows, fixed) = run_with(&glossary, Format::Plain, text);
    assert_eq!(
        rows,
        [
            r#"26..53 error "Community of Common Destiny" -> "Community of Shared Future for Mankind""#.to_string(),
            format!(r#"82..109 error "community of common destiny" -> "community of shared future for mankind" (not fixed: {reason})"#),
            r#"126..153 error "community of common destiny" -> "community with a shared future""#.to_string(),
        ]
    );
    assert!(
        fixed.starts_with("High-Quality Growth and a Community of Shared Future for Mankind\n")
    );
    assert!(fixed.ends_with("The ASEAN’s community with a shared future.\n"));
}

#[test]
fn the_new_keys_are_validated_at_their_line() {
    let err = |toml: &str| {
        Glossary::from_toml(toml)
            .unwrap_err()
            .into_iter()
            .map(|e| {
                let line = toml[..e.span.unwrap().start].matches('\n').count() + 1;
                format!("{line}: {}", e.message)
            })
            .collect::<Vec<_>>()
    };
    let head =
        "[[term]]\nid = \"cpc\"\npreferred = \"Communist Party of China\"\nadmitted = [\"CPC\"]\n";
    assert_eq!(
        err(&format!(
            "{head}deviants = [\n  \"Chinese Communist Party\",\n  {{ form = \"CCP\", use = \"CP\" }},\n]\n"
        )),
        ["7: `use = \"CP\"` for deviant \"CCP\" is not an approved form of term \"cpc\""]
    );
    assert_eq!(
        err(&format!(
            "{head}deviants = [{{ form = \"CCP\", usage = \"CPC\" }}]\n"
        )),
        ["5: unknown key `usage` in a deviant of term \"cpc\""]
    );
    assert_eq!(
        err(&format!("{head}deviants = [{{ use = \"CPC\" }}, 3]\n")),
        [
            "5: a deviant table of term \"cpc\" needs `form` and `use`, both strings",
            "5: a deviant of term \"cpc\" must be a string or a table"
        ]
    );
    assert_eq!(
        err(&format!(
            "{head}deviants = [\"CCP\"]\nexceptions = [\"ccp\", \"--\"]\n"
        )),
        [
            "6: exception \"ccp\" of term \"cpc\" is also listed as a form",
            "6: exception \"--\" of term \"cpc\" has no letter or digit"
        ]
    );
    assert_eq!(
        err(&format!(
            "{head}deviants = [\"CCP\"]\nqualified = {{ use = \"the Party\" }}\n"
        )),
        ["6: `qualified.use = \"the Party\"` is not an approved form of term \"cpc\""]
    );
}

#[test]
fn the_new_keys_survive_toml_and_tbx_export() {
    let g = Glossary::from_toml(KEYS).unwrap();
    let toml = termlint::export::toml::write(&g);
    assert!(
        toml.contains(r#"deviants = ["Chinese Communist Party", { form = "CCP", use = "CPC" }]"#),
        "{toml}"
    );
    let strip = |g: &Glossary| {
        g.terms
            .iter()
            .map(|t| termlint::Term {
                spans: Default::default(),
                ..t.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&Glossary::from_toml(&toml).unwrap()), strip(&g));
    let tbx = termlint::export::tbx::write(&g);
    let concepts = termlint::import::tbx::parse(&tbx).unwrap();
    let back = termlint::import::build(&concepts, &Default::default()).unwrap();
    assert_eq!(strip(&back.glossary), strip(&g));
}

// Class 7: text the draft reports rather than renders.

#[test]
fn class7_ignore_patterns_read_but_never_report() {
    use common::{project, read, rows, stderr, termlint};
    let config = "ignore = ['^Q:.*$', '^Reuters:.*$']\n";
    let draft = "Q: The Chinese Communist Party said so, did it not?\nA: The CCP and the Chinese Communist Party.\nReuters: CCP loans grew.\n";
    let dir = project(
        KEYS,
        &[
            ("termlint.toml", config.as_bytes()),
            ("briefing.txt", draft.as_bytes()),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "--fix", "briefing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        read(&dir, "briefing.txt"),
        "Q: The Chinese Communist Party said so, did it not?\nA: The CPC and the Communist Party of China.\nReuters: CCP loans grew.\n"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "briefing.txt"])
        .output()
        .unwrap();
    assert_eq!(rows(&out), Vec::<String>::new());

    // A pattern that does not compile: exit 2, at its place, the draft untouched.
    let dir = project(
        KEYS,
        &[
            (
                "termlint.toml",
                b"ignore = [\n  '^Q:',\n  '(unclosed',\n]\n",
            ),
            ("briefing.txt", draft.as_bytes()),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--color", "never", "--fix", "briefing.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("invalid ignore pattern: error: unclosed group")
            && err.contains("termlint.toml:3:3"),
        "{err}"
    );
    assert_eq!(read(&dir, "briefing.txt"), draft);
}

// Class 6: two terms, one approved form.

#[test]
fn class6_any_approved_form_of_any_term_with_the_source_renders_it() {
    use common::{project, rows, stderr, termlint};
    let a = "[[term]]\nid = \"bri\"\nsource = \"一带一路\"\npreferred = \"Belt and Road Initiative\"\ndeviants = [\"OBOR\"]\n";
    let b = "[[term]]\nid = \"bri-full\"\nsource = [\"一带一路\", \"丝路\"]\npreferred = \"Belt and Road Initiative\"\nadmitted = [\"Belt and Road Initiative (BRI)\", \"the Silk Road\"]\n";
    let po = "msgid \"共建一带一路\"\nmsgstr \"Building the Belt and Road Initiative (BRI)\"\n\nmsgid \"一带一路\"\nmsgstr \"Nothing here\"\n";
    let dir = project(
        "",
        &[
            ("a.toml", a.as_bytes()),
            ("b.toml", b.as_bytes()),
            ("t.po", po.as_bytes()),
        ],
    );
    for order in [["a.toml", "b.toml"], ["b.toml", "a.toml"]] {
        let out = termlint()
            .current_dir(dir.path())
            .args([
                "check",
                "--isolated",
                "--format",
                "jsonl",
                "-g",
                order[0],
                "-g",
                order[1],
                "t.po",
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let first = if order[0] == "a.toml" {
            "bri"
        } else {
            "bri-full"
        };
        assert_eq!(
            rows(&out),
            [format!(
                r#"t.po:5:9-5:21 {first} missing error "Nothing here" -> "Belt and Road Initiative""#
            )],
            "{order:?}"
        );
    }
    // One source term, two preferred renderings: an error at load naming both places.
    let c = "[[term]]\nid = \"bri-short\"\nsource = \"一带一路\"\npreferred = \"Belt and Road\"\n";
    std::fs::write(dir.path().join("c.toml"), c).unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args([
            "check",
            "--isolated",
            "-g",
            "a.toml",
            "-g",
            "c.toml",
            "t.po",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("error: glossaries conflict: source term \"一带一路\" has two preferred renderings: \"Belt and Road Initiative\" (term \"bri\" in a.toml) and \"Belt and Road\" (term \"bri-short\" in c.toml)"),
        "{}",
        stderr(&out)
    );
    // In one glossary, glossary check reports it at the second term's preferred form.
    std::fs::write(dir.path().join("both.toml"), format!("{a}\n{c}")).unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "check", "--color", "never", "both.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("source term \"一带一路\" has two preferred renderings: \"Belt and Road Initiative\" (term \"bri\") and \"Belt and Road\" (term \"bri-short\")")
            && err.contains("both.toml:10:13"),
        "{err}"
    );
}

#[test]
fn class3_a_fix_never_writes_a_new_deviant() {
    // "One Belt, One Road" -> "Belt and Road" would make "Belt and Road strategy", itself a
    // deviant: the span takes in "strategy" and the suggestion is that deviant's.
    let (rows, fixed) = run_with(
        KEYS,
        Format::Plain,
        "They debated the One Belt, One Road strategy and the One Belt, One Road forum.",
    );
    assert_eq!(
        rows,
        [
            r#"17..44 error "One Belt, One Road strategy" -> "Belt and Road Initiative""#,
            r#"53..71 error "One Belt, One Road" -> "Belt and Road""#,
        ]
    );
    assert_eq!(
        fixed,
        "They debated the Belt and Road Initiative and the Belt and Road forum."
    );
}

#[test]
fn a_translation_cut_off_mid_sentence_reports_no_missing_rendering() {
    let g =
        "[[term]]\nid = \"bri\"\nsource = \"一带一路\"\npreferred = \"Belt and Road Initiative\"\n";
    let format = Format::Table(termlint::formats::table::Table {
        delimiter: b'\t',
        columns: termlint::formats::table::Columns::parse("zh,en").unwrap(),
    });
    let tsv = "zh\ten\n我们共建一带一路。\tWe will keep building\n我们共建一带一路。\tWe will keep building roads.\n";
    let (rows, _) = run_with(g, format, tsv);
    assert_eq!(
        rows,
        [
            r#"84..112 error "We will keep building roads." -> "Belt and Road Initiative" (not fixed: it needs a translator's decision)"#
        ]
    );
}

#[test]
fn class5_a_deviant_in_a_cited_title_is_a_note_never_fixed() {
    let md = "The report *Countering the CCP at Sea* (2021) and [Why the CCP Matters](https://example.org)\nare cited; the CCP met.\n";
    let (rows, fixed) = run_with(KEYS, Format::Markdown, md);
    assert_eq!(
        rows,
        [
            r#"27..30 note "CCP" -> "CPC" (not fixed: inside a cited title, which keeps its published wording)"#,
            r#"59..62 note "CCP" -> "CPC" (not fixed: inside a cited title, which keeps its published wording)"#,
            r#"108..111 error "CCP" -> "CPC""#,
        ]
    );
    assert_eq!(
        fixed,
        "The report *Countering the CCP at Sea* (2021) and [Why the CCP Matters](https://example.org)\nare cited; the CPC met.\n"
    );
    // The whole emphasis being the deviant is emphasis, not a title.
    let (rows, _) = run_with(KEYS, Format::Markdown, "The *CCP* met.\n");
    assert_eq!(rows, [r#"5..8 error "CCP" -> "CPC""#]);
    let (rows, _) = run_with(KEYS, Format::Plain, "他读了《The CCP Papers》。\n");
    assert_eq!(
        rows,
        [
            r#"16..19 note "CCP" -> "CPC" (not fixed: inside a cited title, which keeps its published wording)"#
        ]
    );
}
