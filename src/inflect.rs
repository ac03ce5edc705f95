//! English inflections of a form's first word, so that a glossary form matches the same words
//! inflected: "community of common destiny" also as "communities of common destiny", "tell
//! China's story well" also as "telling China's story well" or "told China's story well".
//!
//! The matcher matches a form's first word in any of these spellings, and says which
//! candidates it found so (see [`crate::matcher`]); a suggestion takes the inflection only
//! where it is sure to be good English: when its first word is the form's first word, the
//! text's own word is written back (see [`crate::Checker::check`]). Words are not tagged as
//! nouns or verbs: every spelling is generated, and those no text contains ("communitying")
//! simply never match.
//!
//! Hand-written: the English spelling rules for -s, -ed and -ing are a dozen lines, and an
//! inflection crate would bring a dictionary this needs only the irregular verbs of.

/// Common irregular verbs: (base, past, past participle).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("be", "was", "been"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("buy", "bought", "bought"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("forge", "forged", "forged"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("have", "had", "had"),
    ("hold", "held", "held"),
    ("keep", "kept", "kept"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("make", "made", "made"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("show", "showed", "shown"),
    ("speak", "spoke", "spoken"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
];

/// Words whose inflection is no inflection of a term: articles, prepositions, conjunctions,
/// pronouns and numbers.
const FIXED: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "with", "by", "at", "as", "from",
    "into", "its", "their", "our", "his", "her", "this", "that", "these", "those", "one", "two",
    "three", "four", "five", "all", "each", "every", "some", "no", "not", "both", "new", "more",
    "most",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether a final consonant doubles before -ed and -ing: a one-syllable word ending in a
/// consonant, vowel, consonant (not w, x or y): stop → stopped, plan → planning.
fn doubles(w: &[u8]) -> bool {
    let n = w.len();
    let groups = w
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(w[i - 1])))
        .count();
    n >= 3
        && groups == 1
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && is_vowel(w[n - 2])
        && !is_vowel(w[n - 3])
}

/// Whether a word of more than one syllable may double its final consonant before -ed and
/// -ing: its stress, which decides it, is not known, so both spellings are made. It ends in
/// a single vowel and a consonant ("qu" counts as a consonant), and either in an l after
/// that vowel (British English doubles it: labelled, travelling, controlled) or in an ending
/// that is often stressed (commit, refer, transfer, occur, embed, regret, equip, begin; not
/// offer or differ) or doubled anyway (benefitted, formatted, kidnapped, programmed,
/// focussed).
fn may_double(w: &[u8]) -> bool {
    const ENDINGS: &[&[u8]] = &[
        b"mit", b"cur", b"bed", b"gret", b"quip", b"gin", b"fit", b"gram", b"mat", b"nap", b"cus",
    ];
    let n = w.len();
    // "-fer" but not "-ffer": refer, prefer, confer, transfer, not offer or differ.
    let stressed_fer = n >= 5 && w.ends_with(b"fer") && w[n - 4] != b'f';
    n >= 4
        && !doubles(w)
        && !is_vowel(w[n - 1])
        && !matches!(w[n - 1], b'w' | b'x' | b'y')
        && is_vowel(w[n - 2])
        && (!is_vowel(w[n - 3]) || (n >= 5 && w[n - 3] == b'u' && w[n - 4] == b'q'))
        && (w[n - 1] == b'l' || stressed_fer || ENDINGS.iter().any(|e| w.ends_with(e)))
}

/// The -s form: a noun's plural or a verb's third person (tells, stories, matches).
pub fn plural(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|e| w.ends_with(e)) {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// The singular of a word that looks plural, if it does (stories → story, matches → match,
/// destinies → destiny, communities → community).
pub fn singular(w: &str) -> Option<String> {
    if let Some(stem) = w.strip_suffix("ies") {
        return (stem.len() >= 2).then(|| format!("{stem}y"));
    }
    for e in ["ches", "shes", "sses", "xes", "zes"] {
        if w.ends_with(e) {
            return Some(w[..w.len() - 2].to_string());
        }
    }
    // Words that end in s without being plurals.
    const NOT_PLURAL: &[&str] = &[
        "news",
        "series",
        "species",
        "means",
        "politics",
        "economics",
        "ethics",
        "physics",
        "mathematics",
        "statistics",
        "logistics",
        "headquarters",
        "lens",
        "gas",
        "bias",
        "yes",
        "always",
        "perhaps",
        "whereas",
        "thus",
        "plus",
        "various",
        "famous",
        "previous",
    ];
    if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") || NOT_PLURAL.contains(&w) {
        return None;
    }
    w.strip_suffix('s')
        .filter(|s| s.len() >= 3)
        .map(str::to_string)
}

/// The -ed form (regular verbs; irregular ones from the table).
fn past(w: &str) -> Vec<String> {
    if let Some(&(_, p, pp)) = IRREGULAR.iter().find(|(base, _, _)| *base == w) {
        return if p == pp {
            vec![p.to_string()]
        } else {
            vec![p.to_string(), pp.to_string()]
        };
    }
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('e') {
        vec![format!("{w}d")]
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        vec![format!("{}ied", &w[..n - 1])]
    } else {
        with_ending(w, "ed")
    }
}

/// The -ing form (two, where the final consonant may double).
fn gerund(w: &str) -> Vec<String> {
    let n = w.len();
    if w.ends_with("ie") {
        vec![format!("{}ying", &w[..n - 2])]
    } else if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") {
        vec![format!("{}ing", &w[..n - 1])]
    } else {
        with_ending(w, "ing")
    }
}

/// `w` with `ending` (-ed or -ing) after its final consonant: doubled, as it is, or both
/// where the doubling is not sure (see [`doubles`] and [`may_double`]).
fn with_ending(w: &str, ending: &str) -> Vec<String> {
    let b = w.as_bytes();
    let doubled = || format!("{w}{}{ending}", &w[w.len() - 1..]);
    if doubles(b) {
        vec![doubled()]
    } else if may_double(b) {
        vec![format!("{w}{ending}"), doubled()]
    } else {
        vec![format!("{w}{ending}")]
    }
}

/// The inflected spellings of a form's first word `word` (as written in the glossary), none
/// if it is not a word to inflect: it must be a lower-case ASCII word of three letters or
/// more that is no function word (a proper name or an acronym keeps its spelling). A word
/// with an adjective's ending ("-al", "-ic", "-ive") has none, one with a noun's ending
/// ("-tion", "-ment", "-ity") only its plural: fewer spellings that no text has.
pub fn variants(word: &str) -> Vec<String> {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) || FIXED.contains(&word) {
        return Vec::new();
    }
    // Adjective endings: no inflection ("economic", "national", "innovative").
    const ADJECTIVE: &[&str] = &[
        "al", "ic", "ive", "ous", "ful", "less", "ese", "ian", "ary", "ible", "able", "ern",
    ];
    // Noun endings: a plural, never a verb form ("development", "community").
    const NOUN: &[&str] = &[
        "tion", "sion", "ment", "ness", "ity", "ism", "ist", "ship", "hood", "ance", "ence", "ure",
        "ogy", "acy", "dom",
    ];
    if ADJECTIVE.iter().any(|e| word.ends_with(e)) {
        return Vec::new();
    }
    // Already inflected: a past form ("coordinated", "targeted") or a form in -ing
    // ("meeting", "building") gets its plural only, for the nouns among them ("hotbeds",
    // "hundreds", "meetings"); spellings such as "approveding" would only be compiled and
    // never found. A word is taken for a past form when the stem before "-ed" has a vowel
    // ('y' after its first letter counts) and four letters or more: a shorter stem may be a
    // base form ("embed", "imbed", "shed", "bed"), and "-eed" is one ("need", "speed"). A
    // stem before "-ing" needs a vowel ("bring", "spring" and "string" are base forms).
    let stem_with_vowel = |suffix: &str, min: usize| {
        word.strip_suffix(suffix).is_some_and(|stem| {
            stem.len() >= min
                && stem
                    .bytes()
                    .enumerate()
                    .any(|(i, b)| is_vowel(b) || (b == b'y' && i > 0))
        })
    };
    if (stem_with_vowel("ed", 4) && !word.ends_with("eed")) || stem_with_vowel("ing", 2) {
        return vec![plural(word)];
    }
    // A plural word is a noun: its singular is its one other spelling.
    if let Some(s) = singular(word) {
        return vec![s];
    }
    if NOUN.iter().any(|e| word.ends_with(e)) {
        return vec![plural(word)];
    }
    let mut out = vec![plural(word)];
    out.extend(past(word));
    out.extend(gerund(word));
    out.retain(|v| v != word);
    out.sort();
    out.dedup();
    out
}

/// The leading run of word characters of `s`.
fn first_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !crate::fold::is_word_char(*c))
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

fn same_word(a: &str, b: &str) -> bool {
    a.chars()
        .map(crate::fold::fold)
        .eq(b.chars().map(crate::fold::fold))
}

/// The suggestion for text `matched` that matched glossary form `form` with an inflected
/// first word: when the suggestion starts with the form's first word, that word is written as
/// the text writes it ("telling the China story well" → "telling China's stories well").
/// None when the suggestion starts with another word, whose inflection is not sure.
pub fn carry(suggestion: &str, form: &str, matched: &str) -> Option<String> {
    let own = first_word(form.trim_start());
    let said = first_word(suggestion);
    let written = first_word(matched);
    (!said.is_empty() && same_word(own, said))
        .then(|| format!("{written}{}", &suggestion[said.len()..]))
}

/// For an approved form of a case-sensitive term matched with an inflected first word: the
/// corrected spelling if `matched` is in another letter case than `form` (its inflected first
/// word in lower case, capitalised at a sentence start), else None.
pub fn miscased(matched: &str, form: &str, sentence_start: bool) -> Option<String> {
    let form = form.trim_start();
    let written = first_word(matched);
    let rest_form = &form[first_word(form).len()..];
    let rest_text = &matched[written.len()..];
    let mut first = written.to_lowercase();
    if sentence_start && written.chars().next().is_some_and(char::is_uppercase) {
        first = crate::casing::capitalize(&first);
    }
    let wrong = first != written || crate::casing::is_miscased(rest_text, rest_form, false);
    wrong.then(|| format!("{first}{rest_form}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelling_rules() {
        assert_eq!(variants("tell"), ["telling", "tells", "told"]);
        assert_eq!(variants("make"), ["made", "makes", "making"]);
        assert_eq!(variants("stop"), ["stopped", "stopping", "stops"]);
        assert_eq!(variants("visit"), ["visited", "visiting", "visits"]);
        assert_eq!(variants("carry"), ["carried", "carries", "carrying"]);
        assert_eq!(variants("tie"), ["tied", "ties", "tying"]);
        assert_eq!(variants("agree"), ["agreed", "agreeing", "agrees"]);
        assert_eq!(variants("write"), ["writes", "writing", "written", "wrote"]);
        assert_eq!(variants("community"), ["communities"]);
        assert_eq!(variants("development"), ["developments"]);
        assert_eq!(variants("economic"), Vec::<String>::new());
        assert_eq!(variants("national"), Vec::<String>::new());
        assert_eq!(variants("stories"), ["story"]);
        // Already inflected: no verb forms of a verb form, its plural for the nouns.
        assert_eq!(variants("coordinated"), ["coordinateds"]);
        assert_eq!(variants("hotbed"), ["hotbeds"]);
        assert_eq!(variants("hundred"), ["hundreds"]);
        assert_eq!(variants("seeking"), ["seekings"]);
        assert_eq!(variants("meeting"), ["meetings"]);
        assert_eq!(variants("flying"), ["flyings"]);
        // Base forms that look inflected keep every form.
        assert_eq!(variants("need"), ["needed", "needing", "needs"]);
        assert_eq!(variants("shed"), ["shedded", "shedding", "sheds"]);
        // Stress is not known: where the final consonant may double, both spellings.
        assert_eq!(
            variants("embed"),
            ["embedded", "embedding", "embeded", "embeding", "embeds"]
        );
        assert_eq!(
            variants("label"),
            ["labeled", "labeling", "labelled", "labelling", "labels"]
        );
        assert_eq!(
            variants("control"),
            [
                "controled",
                "controling",
                "controlled",
                "controlling",
                "controls"
            ]
        );
        assert_eq!(variants("offer"), ["offered", "offering", "offers"]);
        assert_eq!(
            variants("refer"),
            ["refered", "refering", "referred", "referring", "refers"]
        );
        assert_eq!(
            variants("transfer"),
            [
                "transfered",
                "transfering",
                "transferred",
                "transferring",
                "transfers"
            ]
        );
        assert_eq!(
            variants("equip"),
            ["equiped", "equiping", "equipped", "equipping", "equips"]
        );
        assert_eq!(variants("boil"), ["boiled", "boiling", "boils"]);
        assert_eq!(variants("bring"), ["bringing", "brings", "brought"]);
        assert!(!variants("news").contains(&"new".to_string()));
        assert_eq!(
            carry(
                "tell China's stories well",
                "tell the China story well",
                "Telling the China story well"
            )
            .as_deref(),
            Some("Telling China's stories well")
        );
        assert_eq!(
            carry(
                "narrate China well",
                "tell the China story well",
                "telling the China story well"
            ),
            None
        );
        assert_eq!(
            miscased("making Green Money", "make green money", false).as_deref(),
            Some("making green money")
        );
        assert_eq!(
            miscased("Making green money", "make green money", true),
            None
        );
        assert_eq!(
            miscased("Making green money", "make green money", false).as_deref(),
            Some("making green money")
        );
        assert_eq!(singular("matches").as_deref(), Some("match"));
        assert_eq!(singular("process"), None);
        assert_eq!(singular("consensus"), None);
        assert_eq!(plural("approach"), "approaches");
        assert_eq!(plural("day"), "days");
        // Not inflected: function words, names, acronyms, short words.
        for w in ["the", "one", "China", "BRI", "go", "win-win", "xi's"] {
            assert!(variants(w).is_empty(), "{w}");
        }
    }
}
