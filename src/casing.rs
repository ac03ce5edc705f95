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
    fn plurals() {
        assert_eq!(pluralize("core interest"), "core interests");
        assert_eq!(pluralize("key policy"), "key policies");
        assert_eq!(pluralize("holiday"), "holidays");
        assert_eq!(pluralize("approach"), "approaches");
        assert_eq!(pluralize("CORE INTEREST"), "CORE INTERESTS");
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
