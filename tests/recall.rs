//! Recall: letter case in every script, acronym plurals, conflicting approved spellings,
//! patterns in forms, inflections and hyphenated forms. Each rule is shown through the binary:
//! the finding's place and suggestion, and what `--fix` writes.

mod common;

use common::{project, read, rows, stderr, termlint};

/// The findings in `text` under `glossary` (as [`rows`] writes them, for file `d.txt`), and
/// the text after `--fix`.
fn check(glossary: &str, text: &str) -> (Vec<String>, String) {
    let dir = project(glossary, &[("d.txt", text.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "d.txt"])
        .output()
        .unwrap();
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    let found = rows(&out);
    let fix = termlint()
        .current_dir(dir.path())
        .args(["check", "--fix", "d.txt"])
        .output()
        .unwrap();
    assert!(matches!(fix.status.code(), Some(0 | 1)), "{}", stderr(&fix));
    (found, read(&dir, "d.txt"))
}

/// The load error of `glossary`, without colour.
fn load_error(glossary: &str) -> String {
    let dir = project(glossary, &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "check", "--color", "never"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    stderr(&out)
}

#[test]
fn acronym_plurals_take_a_small_s() {
    let g = "[[term]]\nid = \"gpu\"\npreferred = \"GPU\"\ncase_sensitive = true\n";
    let (found, fixed) = check(g, "Two gpus. Four GPUS, eight GPUs and a Gpu.\n");
    assert_eq!(
        found,
        [
            "d.txt:1:5-1:9 gpu miscased error \"gpus\" -> \"GPUs\"",
            "d.txt:1:16-1:20 gpu miscased error \"GPUS\" -> \"GPUs\"",
            "d.txt:1:39-1:42 gpu miscased error \"Gpu\" -> \"GPU\"",
        ]
    );
    assert_eq!(fixed, "Two GPUs. Four GPUs, eight GPUs and a GPU.\n");
    // A word alone in parentheses is an abbreviation being defined (a ticker, a name).
    assert_eq!(
        check(g, "Shares of Gpu Bank (GPUS) fell.\n").0,
        ["d.txt:1:11-1:14 gpu miscased error \"Gpu\" -> \"GPU\""]
    );
    // Admitting the plural changes nothing.
    let g2 = format!("{g}admitted = [\"GPUs\"]\n");
    assert_eq!(
        check(&g2, "Two gpus. Four GPUS, eight GPUs.\n").1,
        "Two GPUs. Four GPUs, eight GPUs.\n"
    );
    // A deviant whose suggestion is an acronym: the plural is the acronym's.
    let g3 = "[[term]]\nid = \"gpu\"\npreferred = \"GPU\"\ndeviants = [\"graphics chip\"]\n";
    let (found, fixed) = check(g3, "New graphics chips.\nNEW GRAPHICS CHIPS.\n");
    assert_eq!(
        found,
        [
            "d.txt:1:5-1:19 gpu deviant error \"graphics chips\" -> \"GPUs\"",
            "d.txt:2:5-2:19 gpu deviant error \"GRAPHICS CHIPS\" -> \"GPUS\"",
        ]
    );
    assert_eq!(fixed, "New GPUs.\nNEW GPUS.\n");
}

#[test]
fn letter_case_holds_in_every_cased_script() {
    let g = r#"
[[term]]
id = "ru"
preferred = "ключ"
deviants = ["добавлении"]

[[term]]
id = "el"
preferred = "δρόμος"
deviants = ["οδος"]

[[term]]
id = "hy"
preferred = "ճանապարհ"
deviants = ["ուղի"]
"#;
    let text = "Добавлении. ДОБАВЛЕНИИ добавлении дОБАВЛЕНИИ\nΟΔΟΣ Οδος οδος\nՈւղի ՈՒՂԻ\n";
    let (found, _) = check(g, text);
    let words: Vec<&str> = found.iter().map(|r| r.split('"').nth(1).unwrap()).collect();
    assert_eq!(
        words,
        [
            "Добавлении",
            "ДОБАВЛЕНИИ",
            "добавлении",
            "дОБАВЛЕНИИ",
            "ΟΔΟΣ",
            "Οδος",
            "οδος",
            "Ուղի",
            "ՈՒՂԻ",
        ]
    );
    assert_eq!(
        found[0],
        "d.txt:1:1-1:11 ru deviant error \"Добавлении\" -> \"Ключ\""
    );
    assert_eq!(
        found[4],
        "d.txt:2:1-2:5 el deviant error \"ΟΔΟΣ\" -> \"ΔΡΌΜΟΣ\""
    );
}

#[test]
fn full_width_latin_matches_ascii() {
    let g = "[[term]]\nid = \"jq\"\npreferred = \"jQuery\"\ndeviants = [\"JQ lib\", \"ＪＱＵＥＲＹ２\"]\n";
    let (found, fixed) = check(g, "ｊｑ ｌｉｂ, Ｊｑ lib and jquery2 or ｊＱｕｅｒｙ２.\n");
    assert_eq!(
        found,
        [
            "d.txt:1:1-1:7 jq deviant error \"ｊｑ ｌｉｂ\" -> \"jQuery\"",
            "d.txt:1:9-1:15 jq deviant error \"Ｊｑ lib\" -> \"jQuery\"",
            "d.txt:1:20-1:27 jq deviant error \"jquery2\" -> \"jQuery\"",
            "d.txt:1:31-1:38 jq deviant error \"ｊＱｕｅｒｙ２\" -> \"jQuery\"",
        ]
    );
    assert_eq!(fixed, "jQuery, jQuery and jQuery or jQuery.\n");
}

#[test]
fn approved_spellings_that_differ_only_in_case_are_a_load_error() {
    let g = "[[term]]\nid = \"wp\"\npreferred = \"WordPress\"\ncase_sensitive = true\n\n[[term]]\nid = \"blog\"\npreferred = \"blog engine\"\nadmitted = [\"wordpress\"]\n";
    let err = load_error(g);
    assert!(
        err.contains("error: invalid glossary: approved form \"wordpress\" of term \"blog\" differs only in letter case from \"WordPress\" of term \"wp\"\n  ┌─ glossary.toml:9:13\n"),
        "{err}"
    );
    assert!(err.contains("3 │ preferred = \"WordPress\"\n"), "{err}");
    assert!(err.contains("term \"wp\" is case-sensitive"), "{err}");
    // The same spelling twice, or two spellings with neither term case-sensitive, is fine.
    for ok in [
        g.replace("admitted = [\"wordpress\"]", "admitted = [\"WordPress\"]"),
        g.replace("case_sensitive = true\n", ""),
    ] {
        let dir = project(&ok, &[]);
        let out = termlint()
            .current_dir(dir.path())
            .args(["glossary", "check"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    }
}

/// A conflict names the terms it is between, also after a term that could not be loaded
/// (term indexes and glossary positions then differ).
#[test]
fn conflicts_name_their_terms_after_a_term_that_did_not_load() {
    let g = "[[term]]\nid = \"skip\"\n\n[[term]]\nid = \"a\"\npreferred = \"A\"\ndeviants = [\"OBOR\", \"CPC\"]\n\n[[term]]\nid = \"b\"\npreferred = \"CPC\"\ndeviants = [\"OBOR\"]\n";
    let err = load_error(g);
    assert!(
        err.contains("deviant \"OBOR\" is listed under two terms, \"a\" and \"b\""),
        "{err}"
    );
    assert!(
        err.contains("deviant \"CPC\" is an approved rendering of term \"b\""),
        "{err}"
    );
}

#[test]
fn approved_spellings_in_two_glossary_files_that_differ_in_case_conflict() {
    let dir = project(
        "",
        &[
            (
                "a.toml",
                b"[[term]]\nid = \"wp\"\npreferred = \"WordPress\"\ncase_sensitive = true\n",
            ),
            (
                "b.toml",
                b"[[term]]\nid = \"wp2\"\npreferred = \"wordpress\"\n",
            ),
            ("d.txt", b"wordpress\n"),
        ],
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "-g", "a.toml", "-g", "b.toml", "d.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("approved forms differ only in letter case and a term is case-sensitive: \"WordPress\" (term \"wp\" in a.toml) and \"wordpress\" (term \"wp2\" in b.toml)"),
        "{}",
        stderr(&out)
    );
}

const LAKE: &str = r#"
[[term]]
id = "lake"
preferred = "lake of calm water"
admitted = ["lake with [a] calm water"]
deviants = [
  "lake (of|with) [a] (still|quiet) water",
  { form = "pond (of|with) calm water", use = "lake with calm water" },
  "lake with a calm water (for swans|for geese)",
  "Widget \\(WG\\) lake",
  "Gadget (GD) lake",
]
"#;

#[test]
fn patterns_expand_into_plain_forms() {
    let text = "A lake of still water.\nA lake with a quiet\nwater, a pond with calm water,\na lake with a calm water for swans and a Widget (WG) lake.\nThe lake with calm water stays. A Gadget (GD) lake.\n";
    let (found, fixed) = check(LAKE, text);
    assert_eq!(
        found,
        [
            "d.txt:1:3-1:22 lake deviant error \"lake of still water\" -> \"lake of calm water\"",
            "d.txt:2:3-3:6 lake deviant error \"lake with a quiet\\nwater\" -> \"lake of calm water\"",
            "d.txt:3:10-3:30 lake deviant error \"pond with calm water\" -> \"lake with calm water\"",
            // The listed longer deviant wins over the admitted prefix.
            "d.txt:4:3-4:35 lake deviant error \"lake with a calm water for swans\" -> \"lake of calm water\"",
            "d.txt:4:42-4:58 lake deviant error \"Widget (WG) lake\" -> \"lake of calm water\"",
            // Parentheses without alternatives are text.
            "d.txt:5:35-5:51 lake deviant error \"Gadget (GD) lake\" -> \"lake of calm water\"",
        ]
    );
    assert_eq!(
        fixed,
        "A lake of calm water.\nA lake of calm\nwater, a lake with calm water,\na lake of calm water and a lake of calm water.\nThe lake with calm water stays. A lake of calm water.\n"
    );
}

#[test]
fn patterns_show_as_written_in_terms_and_toml_export() {
    let dir = project(LAKE, &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["terms", "still"])
        .output()
        .unwrap();
    assert_eq!(
        common::stdout(&out),
        "lake  \n    use:    lake of calm water\n    also:   lake with [a] calm water\n    not:    lake (of|with) [a] (still|quiet) water; pond (of|with) calm water; lake with a calm water (for swans|for geese); Widget (WG) lake; Gadget (GD) lake\n"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "export", "--to", "toml"])
        .output()
        .unwrap();
    let toml = common::stdout(&out);
    assert!(
        toml.contains("admitted = [\"lake with [a] calm water\"]"),
        "{toml}"
    );
    assert!(
        toml.contains("form = \"pond (of|with) calm water\""),
        "{toml}"
    );
    // An escape that is not needed is not kept.
    assert!(toml.contains("\"Widget (WG) lake\""), "{toml}");
    // Read back, it is the same glossary.
    let again = termlint::Glossary::from_toml(&toml).unwrap();
    let first = termlint::Glossary::from_toml(LAKE).unwrap();
    assert_eq!(again.terms[0].deviants, first.terms[0].deviants);
    assert_eq!(again.terms[0].admitted, first.terms[0].admitted);
    assert_eq!(again.terms[0].deviant_use, first.terms[0].deviant_use);
    assert!(toml.contains("\"Gadget (GD) lake\""), "{toml}");
    assert_eq!(first.terms[0].deviants.len(), 4 * 2 + 2 + 2 + 1 + 1);
}

#[test]
fn bad_patterns_are_load_errors_at_their_line() {
    let term = |deviant: &str| {
        format!(
            "[[term]]\nid = \"t\"\npreferred = \"lake of calm water\"\nadmitted = [\"calm lake\"]\ndeviants = [\n  \"x\",\n  {deviant},\n]\n"
        )
    };
    let cases = [
        (
            "\"lake (of|with water\"",
            "error: invalid glossary: deviant \"lake (of|with water\" of term \"t\": unbalanced bracket: `(` is never closed\n  ┌─ glossary.toml:7:3\n",
        ),
        (
            "\"lake of] water\"",
            "error: invalid glossary: deviant \"lake of] water\" of term \"t\": unbalanced bracket: `]` closes nothing\n  ┌─ glossary.toml:7:3\n",
        ),
        (
            "\"lake (|) water\"",
            "error: invalid glossary: deviant \"lake (|) water\" of term \"t\": empty `()` in a pattern\n",
        ),
        (
            "\"[a] [b] [c] [d] [e] [f] [g] [h] [i] lake\"",
            "error: invalid glossary: deviant \"[a] [b] [c] [d] [e] [f] [g] [h] [i] lake\" of term \"t\": pattern stands for 512 forms, more than 256\n",
        ),
        (
            "\"(calm|still) lake\"",
            "error: invalid glossary: deviant \"calm lake\" (from the pattern \"(calm|still) lake\") is an approved rendering of term \"t\"\n  ┌─ glossary.toml:7:3\n",
        ),
        (
            "\"[y]\"",
            "error: invalid glossary: empty deviant form in term \"t\"",
        ),
    ];
    for (deviant, want) in cases {
        let err = load_error(&term(deviant));
        assert!(err.contains(want), "{deviant}: {err}");
    }
    // An expansion equal to an approved form names both places.
    let err = load_error(&term("\"(calm|still) lake\""));
    assert!(err.contains("4 │ admitted = [\"calm lake\"]"), "{err}");
    // `preferred` is written out, never a pattern.
    let err = load_error("[[term]]\nid = \"t\"\npreferred = \"lake [of] water\"\n");
    assert!(
        err.contains("the preferred form of term \"t\" is a pattern"),
        "{err}"
    );
}

const GARDEN: &str = r#"
[[term]]
id = "garden"
preferred = "plant of shared roots"
admitted = ["plant with shared roots"]
deviants = ["plant of common soil", "grow the garden story well", "soil plant"]

[[term]]
id = "tale"
preferred = "tell the garden's tales well"
deviants = ["tell the garden story well", "narrate the garden well"]
"#;

#[test]
fn the_first_word_may_be_plural_or_singular() {
    let text = "Plants of common soil grow.\nOne plant of common soil.\nThe plants with shared roots stay.\n";
    let (found, fixed) = check(GARDEN, text);
    assert_eq!(
        found,
        [
            "d.txt:1:1-1:22 garden deviant error \"Plants of common soil\" -> \"Plants of shared roots\"",
            "d.txt:2:5-2:25 garden deviant error \"plant of common soil\" -> \"plant of shared roots\"",
        ]
    );
    assert_eq!(
        fixed,
        "Plants of shared roots grow.\nOne plant of shared roots.\nThe plants with shared roots stay.\n"
    );
}

#[test]
fn an_inflected_first_verb_is_carried_into_the_suggestion() {
    let text = "She is telling the garden story well.\nHe told the garden story well; they tell the garden story well.\nIt tells the garden story well, growing the garden story well.\n";
    let (found, fixed) = check(GARDEN, text);
    assert_eq!(
        found,
        [
            "d.txt:1:8-1:37 tale deviant error \"telling the garden story well\" -> \"telling the garden's tales well\"",
            "d.txt:2:4-2:30 tale deviant error \"told the garden story well\" -> \"told the garden's tales well\"",
            "d.txt:2:37-2:63 tale deviant error \"tell the garden story well\" -> \"tell the garden's tales well\"",
            "d.txt:3:4-3:31 tale deviant error \"tells the garden story well\" -> \"tells the garden's tales well\"",
            // The suggestion starts with another word: reported, not fixed.
            "d.txt:3:33-3:62 garden deviant error \"growing the garden story well\" -> \"plant of shared roots\"",
        ]
    );
    assert_eq!(
        fixed,
        "She is telling the garden's tales well.\nHe told the garden's tales well; they tell the garden's tales well.\nIt tells the garden's tales well, growing the garden story well.\n"
    );
}

/// A first word that ends like an inflected one: a base verb ("embed") keeps its verb forms,
/// a noun in -ed ("hotbed") its plural.
#[test]
fn first_words_that_look_inflected_keep_their_forms() {
    let glossary = r#"
[[term]]
id = "picture"
preferred = "embed the picture"
deviants = ["embed the image"]

[[term]]
id = "dissent"
preferred = "hotbed of dissent"
deviants = ["hotbed of unrest"]
"#;
    let text = "It embeds the image.\nTwo hotbeds of unrest remain.\nWe are embedding the image.\n";
    let (found, fixed) = check(glossary, text);
    assert_eq!(
        found,
        [
            "d.txt:1:4-1:20 picture deviant error \"embeds the image\" -> \"embeds the picture\"",
            "d.txt:2:5-2:22 dissent deviant error \"hotbeds of unrest\" -> \"hotbeds of dissent\"",
            "d.txt:3:8-3:27 picture deviant error \"embedding the image\" -> \"embedding the picture\"",
        ]
    );
    assert_eq!(
        fixed,
        "It embeds the picture.\nTwo hotbeds of dissent remain.\nWe are embedding the picture.\n"
    );
}

/// Whether a final consonant doubles depends on stress and on the variety of English: both
/// spellings match, and the fix keeps the one the text has.
#[test]
fn a_final_consonant_matches_doubled_or_not() {
    let glossary = r#"
[[term]]
id = "goods"
preferred = "label the merchandise"
deviants = ["label the goods"]
"#;
    let text = "They labelled the goods.\nShe is labeling the goods.\n";
    let (found, fixed) = check(glossary, text);
    assert_eq!(
        found,
        [
            "d.txt:1:6-1:24 goods deviant error \"labelled the goods\" -> \"labelled the merchandise\"",
            "d.txt:2:8-2:26 goods deviant error \"labeling the goods\" -> \"labeling the merchandise\"",
        ]
    );
    assert_eq!(
        fixed,
        "They labelled the merchandise.\nShe is labeling the merchandise.\n"
    );
}

/// A last word takes -es only where English does: after s, x, z, ch, sh and o. Elsewhere a
/// word in -es is another word ("notes" is no plural of "not", "cares" none of "car").
#[test]
fn a_plural_in_es_follows_a_sibilant_or_an_o() {
    let glossary = r#"
[[term]]
id = "road"
preferred = "silk way"
deviants = ["silk road", "silk tax", "silk hero", "silk church", "silk car"]
"#;
    let text = "Silk roads. Silk roades. Silk taxes. Silk heroes. Silk churches.\n\
                Silk cars. Silk cares. Silk cares for.\n";
    let (found, _) = check(glossary, text);
    assert_eq!(
        found,
        [
            "d.txt:1:1-1:11 road deviant error \"Silk roads\" -> \"Silk ways\"",
            "d.txt:1:26-1:36 road deviant error \"Silk taxes\" -> \"Silk ways\"",
            "d.txt:1:38-1:49 road deviant error \"Silk heroes\" -> \"Silk ways\"",
            "d.txt:1:51-1:64 road deviant error \"Silk churches\" -> \"Silk ways\"",
            "d.txt:2:1-2:10 road deviant error \"Silk cars\" -> \"Silk ways\"",
        ]
    );
}

#[test]
fn an_inflection_the_suggestion_cannot_carry_says_why_it_is_not_fixed() {
    let dir = project(GARDEN, &[("d.txt", b"They narrated the garden well.\n")]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "d.txt"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["matched"], "narrated the garden well");
    assert_eq!(v[0]["fixable"], false);
    assert_eq!(
        v[0]["unfixable_reason"],
        "the text inflects the term's first word and the suggestion starts with another word; inflect it by hand"
    );
}

/// A plural on the last word goes into the suggestion only where it is sure to be English.
#[test]
fn a_plural_the_suggestion_cannot_carry_is_reported_and_not_fixed() {
    let text = "The plants of common soils grow.\nTwo soil plants stay.\nThe CPUs run.\n";
    let g = format!(
        "{GARDEN}\n[[term]]\nid = \"cpu\"\npreferred = \"central processing unit\"\ndeviants = [\"CPU\"]\n"
    );
    let (found, fixed) = check(&g, text);
    assert_eq!(
        found,
        [
            // "plants of shared rootses"? The last words differ: not fixed.
            "d.txt:1:5-1:27 garden deviant error \"plants of common soils\" -> \"plants of shared roots\"",
            "d.txt:2:5-2:16 garden deviant error \"soil plants\" -> \"plant of shared roots\"",
            // One word stands for the whole: its plural is the phrase's.
            "d.txt:3:5-3:9 cpu deviant error \"CPUs\" -> \"central processing units\"",
        ]
    );
    assert_eq!(
        fixed,
        "The plants of common soils grow.\nTwo soil plants stay.\nThe central processing units run.\n"
    );
    let dir = project(&g, &[("d.txt", text.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json", "d.txt"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[1]["fixable"], false);
    assert_eq!(
        v[1]["unfixable_reason"],
        "the text makes the last word plural and the suggestion ends in another word; make the right word plural by hand"
    );
}

#[test]
fn a_missing_rendering_says_what_the_translation_has_instead() {
    let g = "[[term]]\nid = \"pond\"\nsource = \"池塘\"\npreferred = \"pond of still water\"\ndeviants = [\"puddle of rain\"]\n";
    let po = "msgid \"池塘很大\"\nmsgstr \"The still-water pond is large.\"\n\nmsgid \"池塘\"\nmsgstr \"Nothing like it.\"\n";
    let dir = project(g, &[("t.po", po.as_bytes())]);
    let run = |format: &str| {
        termlint()
            .current_dir(dir.path())
            .args(["check", "--color", "never", "--format", format, "t.po"])
            .output()
            .unwrap()
    };
    let human = common::stdout(&run("human"));
    assert!(
        human.contains("2 │ msgstr \"The still-water pond is large.\"\n  │         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ expected \"pond of still water\" in this translation\n  │\n  = source term: 池塘\n  = note: rendered here as \"still-water pond\"\n"),
        "{human}"
    );
    let lines: Vec<serde_json::Value> = common::stdout(&run("jsonl"))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["found"], "still-water pond");
    assert_eq!(
        (lines[0]["line"].clone(), lines[0]["column"].clone()),
        (2.into(), 9.into())
    );
    // Nothing close: no `found` field at all.
    assert!(lines[1].get("found").is_none(), "{}", lines[1]);
    let json: serde_json::Value = serde_json::from_str(&common::stdout(&run("json"))).unwrap();
    assert_eq!(json[0]["found"], "still-water pond");
}

#[test]
fn an_en_dash_between_words_reads_as_a_hyphen() {
    let g =
        "[[term]]\nid = \"tt\"\npreferred = \"afternoon tea\"\ndeviants = [\"tea-time snack\"]\n";
    let (found, fixed) = check(
        g,
        "A tea–time snack, a tea‑time snack and a tea — time snack.\n",
    );
    assert_eq!(
        found,
        [
            // The article is corrected with it.
            "d.txt:1:1-1:17 tt deviant error \"A tea–time snack\" -> \"An afternoon tea\"",
            "d.txt:1:19-1:35 tt deviant error \"a tea‑time snack\" -> \"an afternoon tea\"",
        ]
    );
    assert_eq!(
        fixed,
        "An afternoon tea, an afternoon tea and a tea — time snack.\n"
    );
}

const MODIFIERS: &str = r#"
[[term]]
id = "lake"
preferred = "lake of calm water"
deviants = ["pond of still water", "mud-style bath"]

[[term]]
id = "path"
preferred = "Road and Rail Plan"
admitted = ["Road and Rail"]
deviants = [{ form = "One Road One Rail", use = "Road and Rail" }]

[[term]]
id = "talk"
preferred = "talks, visits and trade"
deviants = ["talk and visit and trade"]
"#;

#[test]
fn hyphenated_modifiers_match_and_are_fixed_hyphenated() {
    let text = "A pond-of-still-water view and a One-Road-One-Rail scheme.\nA talk-and-visit-and-trade rule.\n";
    let (found, fixed) = check(MODIFIERS, text);
    assert_eq!(
        found,
        [
            "d.txt:1:3-1:22 lake deviant error \"pond-of-still-water\" -> \"lake-of-calm-water\"",
            "d.txt:1:34-1:51 path deviant error \"One-Road-One-Rail\" -> \"Road-and-Rail\"",
            // The suggestion has a comma: not hyphenated, not fixed.
            "d.txt:2:3-2:27 talk deviant error \"talk-and-visit-and-trade\" -> \"talks, visits and trade\"",
        ]
    );
    assert_eq!(
        fixed,
        "A lake-of-calm-water view and a Road-and-Rail scheme.\nA talk-and-visit-and-trade rule.\n"
    );
    let dir = project(MODIFIERS, &[("d.txt", text.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "jsonl", "d.txt"])
        .output()
        .unwrap();
    let last: serde_json::Value =
        serde_json::from_str(common::stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(
        last["unfixable_reason"],
        "the words are a hyphenated modifier and the suggestion has punctuation; rephrase it by hand"
    );
}

#[test]
fn a_hyphen_at_a_line_end_joins_the_compound() {
    let text = "They like a mud-\nstyle bath.\nA mud-\n\nstyle bath is two paragraphs.\n";
    let (found, fixed) = check(MODIFIERS, text);
    assert_eq!(
        found,
        ["d.txt:1:13-2:11 lake deviant error \"mud-\\nstyle bath\" -> \"lake of calm water\""]
    );
    assert_eq!(
        fixed,
        "They like a lake\nof calm water.\nA mud-\n\nstyle bath is two paragraphs.\n"
    );
}
