//! Letter case: re-casing suggestions like the text they replace, pluralising them like it,
//! and deciding whether an approved form is written in the wrong case.

/// Re-cases `suggestion` where the text `matched` differs in case from the glossary `form`
/// it matched: ALL CAPS text gives an ALL CAPS suggestion; a capital first letter where the
/// form has a small one gives a capitalised suggestion; otherwise the suggestion is kept as
/// written ("CCP" suggests "Communist Party of China").
pub fn match_case(suggestion: &str, matched: &str, form: &str) -> String {
    if is_all_caps(matched) && !is_all_caps(form) {
        return suggestion.to_uppercase();
    }
    if is_title_case(matched) && !is_title_case(form) {
        return title_case(suggestion);
    }
    let first_upper = |s: &str| {
        s.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_uppercase)
    };
    if first_upper(matched) && !first_upper(form) {
        return capitalize(suggestion);
    }
    suggestion.to_string()
}

/// Words that Title Case leaves in lower case unless they come first.
pub const MINOR_WORDS: &[&str] = &[
    "a", "an", "and", "for", "in", "of", "on", "the", "to", "with",
];

fn is_minor(word: &str) -> bool {
    MINOR_WORDS.iter().any(|m| word.eq_ignore_ascii_case(m))
}

/// The words of `s` for Title Case: split at whitespace and hyphens, without those that have
/// no letter.
fn title_words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || crate::fold::fold(c) == '-')
        .filter(|w| w.chars().any(char::is_alphabetic))
}

/// Whether `s` is written in Title Case: at least two words that are not minor words, each
/// word that is not a minor word starting with a capital (minor words in either case), and
/// not in capitals throughout.
pub fn is_title_case(s: &str) -> bool {
    if is_all_caps(s) {
        return false;
    }
    let mut major = 0;
    for (i, w) in title_words(s).enumerate() {
        if i > 0 && is_minor(w) {
            continue;
        }
        let first = w.chars().find(|c| c.is_alphabetic());
        if !first.is_some_and(char::is_uppercase) {
            return false;
        }
        major += 1;
    }
    major >= 2
}

/// `s` in Title Case: each word (after whitespace or a hyphen) starts with a capital, except
/// minor words that are not first; the other letters are kept as written ("BRI" stays).
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut word_start = true;
    let mut first_word = true;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() || crate::fold::fold(c) == '-' {
            word_start = true;
            out.push(c);
            continue;
        }
        if word_start && c.is_alphabetic() {
            let word: &str = s[i..]
                .split(|c: char| c.is_whitespace() || crate::fold::fold(c) == '-')
                .next()
                .unwrap_or("");
            if first_word || !is_minor(word) {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            first_word = false;
            word_start = false;
            continue;
        }
        word_start = false;
        out.push(c);
    }
    out
}

/// Whether `word` is read starting with a vowel sound, so takes "an": by letter names for an
/// acronym ("an FTA", "a BRI"), by the usual exceptions for words ("a university", "a
/// European", "a one-off", "an hour", "an honest"), otherwise by its first letter. Digits:
/// "an 8", "an 11", "an 18".
pub fn starts_with_vowel_sound(word: &str) -> bool {
    let word = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(first) = word.chars().next() else {
        return false;
    };
    if first.is_ascii_digit() {
        let digits: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
        return digits.starts_with('8')
            || ((digits.starts_with("11") || digits.starts_with("18")) && digits.len() % 3 == 2);
    }
    let letters: String = word.chars().take_while(|c| c.is_alphabetic()).collect();
    // An acronym: two or more letters, all capitals, read letter by letter. (Acronyms read as
    // words, like NATO or OBOR, start with the same sound either way when their first letter
    // is a vowel; the few that do not, like UNESCO, are in the list below.)
    let acronym = letters.chars().count() >= 2 && letters.chars().all(char::is_uppercase);
    let lower = letters.to_lowercase();
    const CONSONANT_SOUND: &[&str] = &[
        "uni", "use", "usu", "uti", "uto", "ura", "ure", "uri", "euro", "eu", "ewe", "one", "once",
        "ubiq", "ukr", "unesco", "unicef",
    ];
    const NOT_CONSONANT: &[&str] = &["unin", "unim", "unid"];
    const VOWEL_SOUND: &[&str] = &["hour", "honest", "honor", "honour", "heir"];
    if acronym && !CONSONANT_SOUND.iter().any(|p| lower == *p) {
        return "AEFHILMNORSX".contains(first.to_ascii_uppercase());
    }
    if VOWEL_SOUND.iter().any(|p| lower.starts_with(p)) {
        return true;
    }
    if CONSONANT_SOUND.iter().any(|p| lower.starts_with(p))
        && !NOT_CONSONANT.iter().any(|p| lower.starts_with(p))
    {
        return false;
    }
    matches!(lower.chars().next(), Some('a' | 'e' | 'i' | 'o' | 'u'))
}

/// At least two letters, none of them lower case.
fn is_all_caps(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.clone().count() >= 2 && letters.all(|c| !c.is_lowercase())
}

/// Upper-cases the first letter.
pub fn capitalize(s: &str) -> String {
    match s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => {
            let mut out = String::with_capacity(s.len() + 2);
            out.push_str(&s[..i]);
            out.extend(c.to_uppercase());
            out.push_str(&s[i + c.len_utf8()..]);
            out
        }
        None => s.to_string(),
    }
}

/// The English plural of the last word of `s`: -ies after a consonant and y, -es after
/// s, x, z, ch and sh, -s otherwise; in capitals if the word is in capitals.
pub fn pluralize(s: &str) -> String {
    let word_start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    let word = &s[word_start..];
    let lower = word.to_lowercase();
    let caps = is_all_caps(word);
    let suffix = |x: &str| {
        if caps {
            x.to_uppercase()
        } else {
            x.to_string()
        }
    };
    let before_y = lower.chars().rev().nth(1);
    if lower.ends_with('y') && before_y.is_some_and(|c| !"aeiou".contains(c)) {
        let y = word.len() - 1;
        format!("{}{}{}", &s[..word_start], &word[..y], suffix("ies"))
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{s}{}", suffix("es"))
    } else {
        format!("{s}{}", suffix("s"))
    }
}

/// Nouns of the glossary's field that take no plural ("cooperation", not "cooperations").
const MASS_NOUNS: &[&str] = &[
    "cooperation",
    "development",
    "progress",
    "governance",
    "prosperity",
    "security",
    "peace",
    "rejuvenation",
    "modernization",
    "modernisation",
    "openness",
    "innovation",
    "connectivity",
    "mankind",
    "humanity",
    "infrastructure",
    "information",
    "stability",
    "harmony",
    "justice",
];

/// The plural of a suggestion for text that matched `form` with a plural ending, `matched`
/// being the text without that ending; None when it is not sure to be good English. The text
/// made the form's last word plural, so the suggestion's last word is made plural when it
/// is that word again ("Belt and Roads"), when one side is a single word, which then stands
/// for the whole ("central processing units" → "CPUs", "OBORs" → "Belt and Road
/// Initiatives"), or when both are compounds whose last word is their head ("core benefits"
/// → "core interests"). Otherwise there is none: in a phrase with a preposition or a
/// conjunction the plural may belong to another word ("community of common destinies" is
/// not "… for mankinds"), and a mass noun takes none ("win-win cooperations"). An acronym takes a small "s" ("CPUs", "BRIs"), unless
/// the text is written in capitals where the form is not, so the suggestion was put in
/// capitals too ("ONE BELT ONE ROADS" → "BELT AND ROADS"); other words take [`pluralize`].
pub fn pluralize_suggestion(suggestion: &str, matched: &str, form: &str) -> Option<String> {
    let words = |s: &str| {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let (said, own) = (words(suggestion), words(form));
    if said.len() > 1 && own.len() > 1 && said.last() != own.last() {
        // A phrase with a preposition or conjunction may have its head before the last word
        // ("community of shared future for mankind"); a mass noun takes no plural.
        let linked = |w: &[String]| {
            w.iter().any(|x| {
                crate::inserted::FUNCTION_WORDS.contains(&x.as_str())
                    && !matches!(x.as_str(), "a" | "an" | "the")
            })
        };
        let mass = said
            .last()
            .is_some_and(|w| MASS_NOUNS.contains(&w.as_str()));
        if linked(&said) || linked(&own) || mass {
            return None;
        }
    }
    let shouted = is_all_caps(matched) && !is_all_caps(form);
    let last = suggestion
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    Some(if !shouted && is_all_caps(last) {
        format!("{suggestion}s")
    } else {
        pluralize(suggestion)
    })
}

/// Whether the plural ending `ending` after an approved form is in the wrong letter case: an
/// acronym's plural takes a small "s" ("CPUs", not "CPUS").
pub fn is_miscased_ending(ending: &str, form: &str) -> bool {
    let last = form
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    is_all_caps(last) && ending.chars().any(char::is_uppercase)
}

/// Whether `matched` (the text of an approved form, without a plural ending) is written in
/// another letter case than `form`. A capital first letter at the start of a sentence is not
/// a difference.
pub fn is_miscased(matched: &str, form: &str, sentence_start: bool) -> bool {
    letters(matched)
        .zip(letters(form))
        .enumerate()
        .any(|(i, (m, f))| {
            let capitalised =
                i == 0 && sentence_start && f.is_lowercase() && f.to_uppercase().eq([m]);
            m != f && !capitalised
        })
}

fn letters(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_the_writers_case() {
        let p = "community of shared future for mankind";
        assert_eq!(
            match_case(
                p,
                "community of common destiny",
                "community of common destiny"
            ),
            p
        );
        assert_eq!(
            match_case(
                p,
                "Community of common destiny",
                "community of common destiny"
            ),
            "Community of shared future for mankind"
        );
        assert_eq!(
            match_case(
                p,
                "COMMUNITY OF COMMON DESTINY",
                "community of common destiny"
            ),
            "COMMUNITY OF SHARED FUTURE FOR MANKIND"
        );
        assert_eq!(
            match_case("Communist Party of China", "CCP", "CCP"),
            "Communist Party of China"
        );
    }

    #[test]
    fn title_case_suggestions() {
        let p = "community of shared future for mankind";
        assert_eq!(
            match_case(
                p,
                "Community of Common Destiny",
                "community of common destiny"
            ),
            "Community of Shared Future for Mankind"
        );
        assert_eq!(
            match_case(
                "Belt and Road Initiative",
                "One Belt, One Road",
                "One Belt, One Road"
            ),
            "Belt and Road Initiative"
        );
        assert_eq!(
            match_case(
                "major-country diplomacy",
                "Great-Power Diplomacy",
                "great-power diplomacy"
            ),
            "Major-Country Diplomacy"
        );
        assert!(!is_title_case("Community of common destiny"));
        assert!(!is_title_case("China"));
        assert!(is_title_case("Toward a Community Of Common Destiny"));
        assert_eq!(title_case("a community of BRI"), "A Community of BRI");
    }

    #[test]
    fn vowel_sounds() {
        for w in [
            "OBOR",
            "FTA",
            "ecological",
            "hour",
            "honest",
            "MOU",
            "8th",
            "11",
            "18000",
            "Asian",
            "SCO",
        ] {
            assert!(starts_with_vowel_sound(w), "{w}");
        }
        for w in [
            "BRI",
            "university",
            "one",
            "European",
            "CPC",
            "green",
            "Belt",
            "unilateral",
            "UNESCO",
            "usual",
            "180",
            "1",
            "history",
        ] {
            assert!(!starts_with_vowel_sound(w), "{w}");
        }
        assert!(starts_with_vowel_sound("uninformed"));
    }

    #[test]
    fn plurals() {
        assert_eq!(pluralize("core interest"), "core interests");
        assert_eq!(pluralize("key policy"), "key policies");
        assert_eq!(pluralize("holiday"), "holidays");
        assert_eq!(pluralize("approach"), "approaches");
        assert_eq!(pluralize("CORE INTEREST"), "CORE INTERESTS");
        // Acronyms take a small "s" unless the whole text is shouted.
        let plural = |s, m, f| pluralize_suggestion(s, m, f);
        assert_eq!(plural("CPU", "cpu", "CPU").as_deref(), Some("CPUs"));
        assert_eq!(plural("CPU", "CPU", "CPU").as_deref(), Some("CPUs"));
        assert_eq!(
            plural("CPU", "central processing unit", "central processing unit").as_deref(),
            Some("CPUs")
        );
        assert_eq!(
            plural("BELT AND ROAD", "ONE BELT ONE ROAD", "One Belt One Road").as_deref(),
            Some("BELT AND ROADS")
        );
        assert_eq!(
            plural("key policy", "key policy", "key policy").as_deref(),
            Some("key policies")
        );
        assert_eq!(
            plural("Belt and Road Initiative", "OBOR", "OBOR").as_deref(),
            Some("Belt and Road Initiatives")
        );
        // Two phrases ending in different words: which word the plural belongs to is not sure.
        let destiny = "community of common destiny";
        let mankind = "community of shared future for mankind";
        assert_eq!(plural(mankind, destiny, destiny), None);
        assert_eq!(
            plural(
                "win-win cooperation",
                "win-win partnership",
                "win-win partnership"
            ),
            None
        );
        assert!(is_miscased_ending("S", "CPU") && is_miscased_ending("ES", "x CPU"));
        assert!(!is_miscased_ending("s", "CPU") && !is_miscased_ending("S", "Core interest"));
    }

    #[test]
    fn miscasing() {
        let f = "Belt and Road Initiative";
        assert!(!is_miscased("Belt and Road Initiative", f, false));
        assert!(is_miscased("belt and road initiative", f, true));
        assert!(is_miscased(
            "Community of shared",
            "community of shared",
            false
        ));
        assert!(!is_miscased(
            "Community of shared",
            "community of shared",
            true
        ));
    }
}
