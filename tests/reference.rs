//! A reference model of the matching contract, written out plainly (no automaton, no anchors,
//! every form tried at every position), and property tests that require the engine's findings
//! to equal the model's exactly on random glossaries and texts: case changes, line breaks,
//! NBSP, curly quotes, hyphen variants, plurals, glued words and overlapping forms.

use proptest::prelude::*;
use termlint::{Checker, FindingKind, Format, Glossary};

// ---------------------------------------------------------------------------------------
// The model.

fn fold(c: char) -> char {
    match c {
        '‘' | '’' | '‛' => '\'',
        '“' | '”' | '‟' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' => '-',
        c => {
            let l: Vec<char> = c.to_lowercase().collect();
            if l.len() == 1 { l[0] } else { c }
        }
    }
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}')
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() && !is_cjk(c)
}

fn breaks(c: char) -> usize {
    match c {
        '\n' | '\u{2028}' | '\u{85}' => 1,
        '\u{2029}' => 2,
        _ => 0,
    }
}

/// The form as the text must spell it: folded characters, `None` for a whitespace run.
fn form_pattern(form: &str) -> Vec<Option<char>> {
    let mut out: Vec<Option<char>> = Vec::new();
    for c in form.trim().chars() {
        if c.is_whitespace() {
            if out.last() != Some(&None) {
                out.push(None);
            }
        } else {
            out.push(Some(fold(c)));
        }
    }
    out
}

/// Tries to match `pattern` at char index `i` of `text`; returns the char index after it.
fn match_at(text: &[char], i: usize, pattern: &[Option<char>]) -> Option<usize> {
    let mut j = i;
    for (n, p) in pattern.iter().enumerate() {
        match p {
            None => {
                let start = j;
                let mut nl = 0;
                while j < text.len() && text[j].is_whitespace() {
                    nl += breaks(text[j]);
                    if nl > 1 {
                        return None;
                    }
                    j += 1;
                }
                if j == start {
                    return None;
                }
            }
            Some('-') => {
                // A hyphen, and a line break right after it (a compound split at a line end),
                // unless a space follows in the form: the space takes the line break.
                if j >= text.len() || fold(text[j]) != '-' {
                    return None;
                }
                j += 1;
                if pattern.get(n + 1) == Some(&None) {
                    continue;
                }
                let mut k = j;
                let mut nl = 0;
                while k < text.len() && text[k].is_whitespace() {
                    nl += breaks(text[k]);
                    k += 1;
                }
                if nl == 1 {
                    j = k;
                }
            }
            Some(c) => {
                if j >= text.len() || fold(text[j]) != *c {
                    return None;
                }
                j += 1;
            }
        }
    }
    Some(j)
}

#[derive(Clone, Debug)]
struct Form {
    term: usize,
    approved: bool,
    /// As the glossary writes it.
    text: String,
    /// As the text must spell it: `text`, or `text` with its first word inflected, or with
    /// hyphens for its spaces.
    spelled: String,
    inflected: bool,
    hyphenated: bool,
}

/// The forms of a glossary, each followed by its spellings with an inflected first word
/// (those not listed as forms themselves).
fn forms_of(glossary: &Glossary) -> Vec<Form> {
    let key = |s: &str| form_pattern(s);
    let listed: Vec<Vec<Option<char>>> = glossary
        .terms
        .iter()
        .flat_map(|t| {
            t.approved()
                .chain(t.deviants.iter().map(String::as_str))
                .map(key)
        })
        .collect();
    let mut forms = Vec::new();
    for (ti, t) in glossary.terms.iter().enumerate() {
        let all = t
            .approved()
            .map(|a| (a, true))
            .chain(t.deviants.iter().map(|d| (d.as_str(), false)));
        for (text, approved) in all {
            forms.push(Form {
                term: ti,
                approved,
                text: text.to_string(),
                spelled: text.to_string(),
                inflected: false,
                hyphenated: false,
            });
            let words: Vec<&str> = text.split_whitespace().collect();
            let wordy = |w: &str| {
                w.chars()
                    .all(|c| is_word(c) || matches!(fold(c), '\'' | '-'))
            };
            if words.len() >= 3 && words.iter().all(|w| wordy(w)) {
                let spelled = words.join("-");
                if !listed.contains(&key(&spelled)) {
                    forms.push(Form {
                        term: ti,
                        approved,
                        text: text.to_string(),
                        spelled,
                        inflected: false,
                        hyphenated: true,
                    });
                }
            }
            if words.len() < 2 {
                continue;
            }
            let rest = text.trim()[words[0].len()..].trim_start();
            for v in termlint::inflect::variants(words[0]) {
                let spelled = format!("{v} {rest}");
                if !listed.contains(&key(&spelled)) {
                    forms.push(Form {
                        term: ti,
                        approved,
                        text: text.to_string(),
                        spelled,
                        inflected: true,
                        hyphenated: false,
                    });
                }
            }
        }
    }
    forms
}

/// The first word (leading letters and digits) of `s`.
fn head(s: &str) -> &str {
    let n = s
        .char_indices()
        .find(|(_, c)| !is_word(*c))
        .map_or(s.len(), |(i, _)| i);
    &s[..n]
}

/// A suggestion for a match with an inflected first word: the text's first word in place
/// of the suggestion's when that is the form's; None otherwise (no fix).
fn carry(sugg: &str, form: &str, matched: &str) -> Option<String> {
    let same = |a: &str, b: &str| a.chars().map(fold).eq(b.chars().map(fold));
    let said = head(sugg);
    (!said.is_empty() && same(said, head(form)))
        .then(|| format!("{}{}", head(matched), &sugg[said.len()..]))
}

#[derive(Clone, Copy, Debug)]
struct Cand {
    form: usize,
    start: usize,
    stem_end: usize,
    end: usize,
    plural: bool,
}

/// Every match of every form at every position.
fn candidates(text: &[char], forms: &[Form]) -> Vec<Cand> {
    let mut out = Vec::new();
    for (fi, f) in forms.iter().enumerate() {
        let pat = form_pattern(&f.spelled);
        let first_word = matches!(pat.first(), Some(Some(c)) if is_word(*c));
        let last = match pat.last() {
            Some(Some(c)) => Some(*c),
            _ => None,
        };
        let last_word = last.is_some_and(is_word);
        let last_word_len = pat
            .iter()
            .rev()
            .take_while(|p| matches!(p, Some(c) if is_word(*c)))
            .count();
        let plural = last.is_some_and(|c| c.is_alphabetic()) && last_word_len >= 2;
        // -es after s, x, z, ch, sh or o, and after any letter beyond ASCII.
        let before_last = pat.len().checked_sub(2).and_then(|i| pat[i]);
        let takes_es = last.is_some_and(|c| {
            !c.is_ascii()
                || matches!(c, 's' | 'x' | 'z' | 'o')
                || (c == 'h' && matches!(before_last, Some('c' | 's')))
        });
        for i in 0..=text.len() {
            if first_word && i > 0 && is_word(text[i - 1]) {
                continue;
            }
            // (ending, characters of the ending that belong to the stem), longest first.
            let (body, endings): (&[Option<char>], Vec<(&str, usize)>) =
                if plural && last == Some('y') {
                    (&pat[..pat.len() - 1], vec![("ies", 0), ("ys", 1), ("y", 1)])
                } else if plural && takes_es {
                    (&pat[..], vec![("es", 0), ("s", 0), ("", 0)])
                } else if plural {
                    (&pat[..], vec![("s", 0), ("", 0)])
                } else {
                    (&pat[..], vec![("", 0)])
                };
            let Some(j) = match_at(text, i, body) else {
                continue;
            };
            for (ending, stem_chars) in endings {
                let e: Vec<char> = ending.chars().collect();
                if j + e.len() > text.len() || (0..e.len()).any(|k| fold(text[j + k]) != e[k]) {
                    continue;
                }
                let end = j + e.len();
                if last_word && end < text.len() && is_word(text[end]) {
                    continue;
                }
                out.push(Cand {
                    form: fi,
                    start: i,
                    stem_end: j + stem_chars,
                    end,
                    plural: e.len() > stem_chars,
                });
                break;
            }
        }
    }
    out
}

fn letters(s: &str) -> Vec<char> {
    s.chars().filter(|c| c.is_alphabetic()).collect()
}

fn all_caps(s: &str) -> bool {
    let l = letters(s);
    l.len() >= 2 && l.iter().all(|c| !c.is_lowercase())
}

fn capitalise(s: &str) -> String {
    match s.char_indices().find(|(_, c)| c.is_alphabetic()) {
        Some((i, c)) => format!("{}{}{}", &s[..i], c.to_uppercase(), &s[i + c.len_utf8()..]),
        None => s.to_string(),
    }
}

const MINOR: &[&str] = &[
    "a", "an", "and", "for", "in", "of", "on", "the", "to", "with",
];

fn title_split(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || fold(c) == '-')
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect()
}

/// Title Case: two or more words other than minor words, each with a capital first letter.
fn title(s: &str) -> bool {
    if all_caps(s) {
        return false;
    }
    let mut major = 0;
    for (i, w) in title_split(s).into_iter().enumerate() {
        if i > 0 && MINOR.iter().any(|m| w.eq_ignore_ascii_case(m)) {
            continue;
        }
        if !letters(w).first().is_some_and(|c| c.is_uppercase()) {
            return false;
        }
        major += 1;
    }
    major >= 2
}

fn to_title(s: &str) -> String {
    let mut out = String::new();
    let mut first = true;
    let mut at_start = true;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() || fold(c) == '-' {
            at_start = true;
            out.push(c);
            continue;
        }
        if at_start && c.is_alphabetic() {
            let word: String = chars[i..]
                .iter()
                .take_while(|c| !(c.is_whitespace() || fold(**c) == '-'))
                .collect();
            let minor = MINOR.iter().any(|m| word.eq_ignore_ascii_case(m));
            if first || !minor {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
            first = false;
            at_start = false;
            continue;
        }
        at_start = false;
        out.push(c);
    }
    out
}

fn recase(suggestion: &str, matched: &str, form: &str) -> String {
    if all_caps(matched) && !all_caps(form) {
        return suggestion.to_uppercase();
    }
    if title(matched) && !title(form) {
        return to_title(suggestion);
    }
    let first_upper = |s: &str| letters(s).first().is_some_and(|c| c.is_uppercase());
    if first_upper(matched) && !first_upper(form) {
        capitalise(suggestion)
    } else {
        suggestion.to_string()
    }
}

fn pluralise(s: &str) -> String {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    let word = &s[start..];
    let lower = word.to_lowercase();
    let sfx = |x: &str| {
        if all_caps(word) {
            x.to_uppercase()
        } else {
            x.to_string()
        }
    };
    let before_y = lower.chars().rev().nth(1);
    if lower.ends_with('y') && before_y.is_some_and(|c| !"aeiou".contains(c)) {
        format!("{}{}{}", &s[..start], &word[..word.len() - 1], sfx("ies"))
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        format!("{s}{}", sfx("es"))
    } else {
        format!("{s}{}", sfx("s"))
    }
}

/// The last run of letters and digits of `s`.
fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
}

/// The plural of a suggestion for text `matched` (without its ending) that matched `form`: an
/// acronym takes a small "s" unless the text shouts where the form does not. None when the
/// suggestion's last word need not be the plural's: both are phrases ending in different
/// words, and one has a preposition or conjunction, or the suggestion ends in a mass noun.
fn plural_of(sugg: &str, matched: &str, form: &str) -> Option<String> {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (said, own) = (words(sugg), words(form));
    let linking = [
        "and", "as", "at", "by", "for", "in", "of", "on", "or", "to", "with",
    ];
    let mass = [
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
    let linked = |w: &[String]| w.iter().any(|x| linking.contains(&x.as_str()));
    if said.len() > 1
        && own.len() > 1
        && said.last() != own.last()
        && (linked(&said) || linked(&own) || mass.contains(&said[said.len() - 1].as_str()))
    {
        return None;
    }
    let shouted = all_caps(matched) && !all_caps(form);
    Some(if !shouted && all_caps(last_word(sugg)) {
        format!("{sugg}s")
    } else {
        pluralise(sugg)
    })
}

fn sentence_start(text: &[char], i: usize) -> bool {
    for &c in text[..i].iter().rev() {
        if c.is_whitespace() || "\"'“‘([«*_".contains(c) {
            continue;
        }
        return ".!?…:#".contains(c);
    }
    true
}

/// Words next to a span, for the fitting rules: (start char, end char, folded word, line
/// breaks in the whitespace before it), read outward from `at`; whitespace must separate
/// them, punctuation ends the run.
fn words_out(
    text: &[char],
    at: usize,
    forward: bool,
    max: usize,
) -> Vec<(usize, usize, String, usize)> {
    let joiner = |c: char| matches!(c, '-' | '\'' | '’' | '\u{2010}' | '\u{2011}' | '\u{2013}');
    let mut out = Vec::new();
    let mut i = at;
    while out.len() < max {
        let mut nl = 0;
        let mut spaced = false;
        loop {
            let c = if forward {
                text.get(i)
            } else {
                i.checked_sub(1).map(|j| &text[j])
            };
            match c {
                Some(c) if c.is_whitespace() => {
                    nl += breaks(*c);
                    spaced = true;
                    if forward { i += 1 } else { i -= 1 }
                }
                _ => break,
            }
        }
        if !spaced {
            break;
        }
        // The word: word characters with joiners inside, joiners at its ends left out.
        let mut chars = Vec::new();
        let mut j = i;
        loop {
            let c = if forward {
                text.get(j)
            } else {
                j.checked_sub(1).map(|k| &text[k])
            };
            match c {
                Some(c) if is_word(*c) || (!chars.is_empty() && joiner(*c)) => {
                    chars.push(*c);
                    if forward { j += 1 } else { j -= 1 }
                }
                _ => break,
            }
        }
        if chars.is_empty() {
            break;
        }
        if !forward {
            chars.reverse();
        }
        let (lo, hi) = if forward { (i, j) } else { (j, i) };
        let lead = chars.iter().take_while(|c| joiner(**c)).count();
        let trail = chars.iter().rev().take_while(|c| joiner(**c)).count();
        let word: String = chars[lead..chars.len() - trail]
            .iter()
            .map(|c| fold(*c))
            .collect();
        out.push((lo + lead, hi - trail, word, nl));
        i = j;
        let next = if forward {
            text.get(i)
        } else {
            i.checked_sub(1).map(|k| &text[k])
        };
        if next.is_some_and(|c| !c.is_whitespace()) {
            break;
        }
    }
    out
}

fn vowel_sound(word: &str) -> bool {
    termlint::casing::starts_with_vowel_sound(word)
}

/// The fitting rules: the span takes in the words after (before) it that the suggestion ends
/// (starts) with; then, if the fix applies, an "a"/"an" before it that does not fit the
/// suggestion's first sound.
/// The deviants selected in `chars` (hidden by overlapping approved forms, then
/// leftmost-longest), before any fitting.
fn raw_deviants(chars: &[char], forms: &[Form]) -> Vec<Cand> {
    let mut cands = candidates(chars, forms);
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.form));
    let approved: Vec<Cand> = cands
        .iter()
        .copied()
        .filter(|c| forms[c.form].approved)
        .collect();
    let mut out = Vec::new();
    let mut last_end = 0;
    for d in cands.iter().filter(|c| !forms[c.form].approved) {
        let hidden = approved
            .iter()
            .any(|a| a.start < d.end && d.start < a.end && !(d.start <= a.start && a.end <= d.end));
        if hidden || d.start < last_end {
            continue;
        }
        last_end = d.end;
        out.push(*d);
    }
    out
}

/// A fix that would make a deviant with the words around it (within 80 bytes and the
/// bounds) takes in the rest of that deviant and suggests that deviant's replacement.
fn absorb_new_deviant(
    chars: &[char],
    (s, e, sugg): (usize, usize, String),
    (lo, hi): (usize, usize),
    forms: &[Form],
    glossary: &Glossary,
) -> (usize, usize, String) {
    let byte = |i: usize| chars[..i].iter().map(|c| c.len_utf8()).sum::<usize>();
    // The char index at or before a byte offset, and at or after one.
    let floor = |b: usize| (0..=chars.len()).rev().find(|&i| byte(i) <= b).unwrap_or(0);
    let ceil = |b: usize| {
        (0..=chars.len())
            .find(|&i| byte(i) >= b)
            .unwrap_or(chars.len())
    };
    let a = floor(byte(s).saturating_sub(80).max(byte(lo))).min(s);
    let z = ceil((byte(e) + 80).min(byte(hi)).max(byte(e)));
    let sc: Vec<char> = sugg.chars().collect();
    let mut snippet: Vec<char> = chars[a..s].to_vec();
    let rs = snippet.len();
    snippet.extend(&sc);
    let re = snippet.len();
    snippet.extend(&chars[e..z]);
    for c in raw_deviants(&snippet, forms) {
        if c.start <= rs && c.end >= re && c.end - c.start > re - rs {
            let (ns, ne) = (a + c.start, e + (c.end - re));
            let f = &forms[c.form];
            let term = &glossary.terms[f.term];
            let stem: String = snippet[c.start..c.stem_end].iter().collect();
            let mut new = recase(term.replacement_for(&f.text), &stem, &f.text);
            if f.inflected {
                match carry(&new, &f.text, &stem) {
                    Some(c) => new = c,
                    None => return (s, e, sugg),
                }
            }
            if c.plural {
                match plural_of(&new, &stem, &f.text) {
                    Some(p) => new = p,
                    None => return (s, e, sugg),
                }
            }
            return (ns, ne, new);
        }
    }
    (s, e, sugg)
}

fn fit(
    chars: &[char],
    (start, end, sugg): (usize, usize, String),
    (lo, hi): (usize, usize),
    forms: &[Form],
    glossary: &Glossary,
    fixable: bool,
) -> (usize, usize, String) {
    let sw: Vec<String> = sugg
        .split_whitespace()
        .map(|w| w.chars().map(fold).collect())
        .collect();
    let (mut s, mut e, mut sugg) = (start, end, sugg);
    let mut nl = chars[s..e].iter().filter(|c| **c == '\n').count();
    if sw.len() >= 2 {
        let after = words_out(chars, e, true, sw.len() - 1);
        for k in (1..=after.len()).rev() {
            let tail = &sw[sw.len() - k..];
            let same = (0..k - 1).all(|i| after[i].2 == tail[i]);
            let exact = after[k - 1].2 == tail[k - 1];
            let plural = !exact && after[k - 1].2 == pluralise(&tail[k - 1]);
            let add: usize = after[..k].iter().map(|w| w.3).sum();
            if same && (exact || plural) && after[k - 1].1 <= hi && nl + add <= 1 {
                e = after[k - 1].1;
                if plural {
                    sugg = pluralise(&sugg);
                }
                nl += add;
                break;
            }
        }
        let before = words_out(chars, s, false, sw.len() - 1);
        for k in (1..=before.len()).rev() {
            let same = (0..k).all(|i| before[k - 1 - i].2 == sw[i]);
            let add: usize = before[..k].iter().map(|w| w.3).sum();
            if same && before[k - 1].0 >= lo && nl + add <= 1 {
                s = before[k - 1].0;
                nl += add;
                break;
            }
        }
    }
    let text: String = chars.iter().collect();
    let byte = |i: usize| chars[..i].iter().map(|c| c.len_utf8()).sum::<usize>();
    if !fixable || termlint::quotes::quotation(&text, byte(s)..byte(e)).is_some() {
        return (s, e, sugg);
    }
    let (s, e, sugg) = absorb_new_deviant(chars, (s, e, sugg), (lo, hi), forms, glossary);
    if let Some((a0, a1, w, n)) = words_out(chars, s, false, 1).into_iter().next()
        && (w == "a" || w == "an")
    {
        let first = sugg.split_whitespace().next().unwrap_or("").to_string();
        let wants_an = vowel_sound(&first);
        let written: String = chars[a0..a1].iter().collect();
        if wants_an != (w == "an") && a0 >= lo && nl + n <= 1 {
            let corrected = match (written.as_str(), wants_an) {
                ("A", true) => "An",
                ("AN", false) | ("An", false) => "A",
                (w, true) if w.chars().all(char::is_uppercase) => "AN",
                (_, true) => "an",
                (_, false) => "a",
            };
            let gap: String = chars[a1..s].iter().collect();
            return (a0, e, format!("{corrected}{gap}{sugg}"));
        }
    }
    (s, e, sugg)
}

/// Whether the deviant at chars `s..e` stands inside an approved form of its term with one
/// word inserted between two of its words.
fn inserted(chars: &[char], s: usize, e: usize, term: &termlint::Term) -> bool {
    let words = termlint::inserted::words;
    let inner = words(&chars[s..e].iter().collect::<String>());
    term.approved().any(|a| {
        let form = words(a);
        if form.len() < 2 || inner.is_empty() || inner.len() > form.len() + 1 {
            return false;
        }
        let reach = form.len() + 1 - inner.len();
        let before = words_out(chars, s, false, reach);
        let after = words_out(chars, e, true, reach);
        let mut window: Vec<String> = before.iter().rev().map(|w| w.2.clone()).collect();
        let p = window.len();
        window.extend(inner.iter().cloned());
        let q = window.len();
        window.extend(after.iter().map(|w| w.2.clone()));
        let n = form.len() + 1;
        (0..=p)
            .filter(|i| i + n >= q && i + n <= window.len())
            .any(|i| {
                (i + 1..i + n - 1)
                    .filter(|skip| !(p..q).contains(skip))
                    .any(|skip| {
                        let rest: Vec<&String> = (i..i + n)
                            .filter(|k| *k != skip)
                            .map(|k| &window[k])
                            .collect();
                        rest.iter().zip(&form).enumerate().all(|(k, (w, f))| {
                            *w == f || (k + 1 == form.len() && **w == pluralise(f))
                        })
                    })
            })
    })
}

/// (term, kind, start char, end char, suggestion), by the contract.
type Row = (usize, &'static str, usize, usize, String);

fn model(text: &str, glossary: &Glossary) -> Vec<Row> {
    let chars: Vec<char> = text.chars().collect();
    let forms = forms_of(glossary);
    let mut cands = candidates(&chars, &forms);
    cands.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end), c.form));
    let approved: Vec<Cand> = cands
        .iter()
        .copied()
        .filter(|c| forms[c.form].approved)
        .collect();
    let s = |a: usize, b: usize| chars[a..b].iter().collect::<String>();

    let mut out = Vec::new();
    let mut last_end = 0;
    let mut reported: Vec<(usize, usize)> = Vec::new();
    // Deviants with an inflection their suggestion cannot carry: never fixed.
    let mut unsure: Vec<usize> = Vec::new();
    for d in cands.iter().filter(|c| !forms[c.form].approved) {
        let hidden = approved
            .iter()
            .any(|a| a.start < d.end && d.start < a.end && !(d.start <= a.start && a.end <= d.end));
        if hidden || d.start < last_end {
            continue;
        }
        last_end = d.end;
        reported.push((d.start, d.end));
        let f = &forms[d.form];
        if inserted(&chars, d.start, d.end, &glossary.terms[f.term]) {
            continue;
        }
        let stem = s(d.start, d.stem_end);
        let mut sugg = recase(&glossary.terms[f.term].preferred, &stem, &f.text);
        if f.inflected {
            match carry(&sugg, &f.text, &stem) {
                Some(c) => sugg = c,
                None => unsure.push(d.start),
            }
        }
        if d.plural {
            match plural_of(&sugg, &stem, &f.text) {
                Some(p) => sugg = p,
                None => unsure.push(d.start),
            }
        }
        if f.hyphenated {
            match hyphenated(&sugg) {
                Some(h) => sugg = h,
                None => unsure.push(d.start),
            }
        }
        out.push((f.term, "deviant", d.start, d.end, sugg));
    }
    // The starts of everything selected (deviants, and approved winners the engine looks
    // at for letter case), which bound how far a fitted span may reach.
    let mut starts: Vec<usize> = out.iter().map(|r| r.2).collect();
    last_end = 0;
    for a in &approved {
        if a.start < last_end {
            continue;
        }
        last_end = a.end;
        if glossary.terms[forms[a.form].term].case_sensitive
            && !reported.iter().any(|r| r.0 < a.end && a.start < r.1)
        {
            starts.push(a.start);
        }
    }
    starts.sort();
    last_end = 0;
    for a in &approved {
        if a.start < last_end {
            continue;
        }
        last_end = a.end;
        let f = &forms[a.form];
        if !glossary.terms[f.term].case_sensitive
            || reported.iter().any(|r| r.0 < a.end && a.start < r.1)
        {
            continue;
        }
        let ss = sentence_start(&chars, a.start);
        let stem = s(a.start, a.stem_end);
        // With an inflected first word, the word is compared on its own: lower case (a
        // capital at a sentence start), then the rest letter by letter.
        let (stem_rest, form_rest, fixed_head) = if f.inflected {
            let h = head(&stem);
            let mut fixed = h.to_lowercase();
            if ss && h.chars().next().is_some_and(char::is_uppercase) {
                fixed = capitalise(&fixed);
            }
            (
                &stem[h.len()..],
                &f.text.trim()[head(f.text.trim()).len()..],
                Some((fixed.clone(), fixed != h)),
            )
        } else {
            (stem.as_str(), f.text.as_str(), None)
        };
        let (m, g) = (letters(stem_rest), letters(form_rest));
        let rest_miscased = m.iter().zip(&g).enumerate().any(|(i, (m, g))| {
            let first = i == 0 && fixed_head.is_none();
            m != g && !(first && ss && g.is_lowercase() && g.to_uppercase().eq([*m]))
        });
        let miscased = rest_miscased || fixed_head.as_ref().is_some_and(|h| h.1);
        // An acronym's plural ending in capitals ("CPUS").
        let shouted_ending = a.plural
            && all_caps(last_word(&f.text))
            && s(a.stem_end, a.end).chars().any(char::is_uppercase)
            // "(BRIS)" alone in parentheses is an abbreviation being defined.
            && !(a.start > 0 && chars[a.start - 1] == '(' && chars.get(a.end) == Some(&')'));
        if miscased || shouted_ending {
            let mut base = match &fixed_head {
                Some((h, _)) => format!("{h}{form_rest}"),
                None => f.text.clone(),
            };
            // A hyphenated modifier's fix is hyphenated the same way, as a deviant's is.
            if f.hyphenated
                && let Some(h) = hyphenated(&base)
            {
                base = h;
            }
            let sugg = if a.plural {
                plural_of(&base, &stem, &f.text).unwrap_or(base)
            } else {
                base
            };
            out.push((f.term, "miscased", a.start, a.end, sugg));
        }
    }
    out.sort_by_key(|r| r.2);
    let mut prev_end = 0;
    for r in out.iter_mut() {
        if r.1 == "deviant" {
            let next = starts
                .iter()
                .copied()
                .find(|&x| x > r.2)
                .unwrap_or(chars.len());
            let (s, e, sugg) = fit(
                &chars,
                (r.2, r.3, r.4.clone()),
                (prev_end, next),
                &forms,
                glossary,
                !unsure.contains(&r.2),
            );
            (r.2, r.3, r.4) = (s, e, sugg);
        }
        prev_end = r.3;
    }
    out
}

/// A suggestion written with hyphens for its spaces, as a hyphenated modifier is fixed; None
/// where it has punctuation besides apostrophes and hyphens.
fn hyphenated(suggestion: &str) -> Option<String> {
    let words: Vec<&str> = suggestion.split_whitespace().collect();
    words
        .iter()
        .all(|w| {
            w.chars()
                .all(|c| is_word(c) || matches!(fold(c), '\'' | '-'))
        })
        .then(|| words.join("-"))
}

fn engine(text: &str, checker: &Checker) -> Vec<Row> {
    let char_at = |byte: usize| text[..byte].chars().count();
    checker
        .check(&Format::Plain.prose(text))
        .into_iter()
        .map(|f| {
            let kind = if f.kind == FindingKind::Deviant {
                "deviant"
            } else {
                "miscased"
            };
            (
                f.term,
                kind,
                char_at(f.span.start),
                char_at(f.span.end),
                f.suggestion,
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// Generators: a small vocabulary so that forms overlap, share prefixes and nest.

const WORDS: &[&str] = &[
    "key", "policy", "road", "win", "com", "shared", "share", "future", "ccp", "a", "of", "toy",
];

fn word() -> impl Strategy<Value = String> {
    (prop::sample::select(WORDS), 0..4u8).prop_map(|(w, case)| match case {
        1 => capitalise(w),
        2 if w.len() > 1 => w.to_uppercase(),
        _ => w.to_string(),
    })
}

fn form() -> impl Strategy<Value = String> {
    prop::collection::vec(
        (word(), prop::sample::select(vec![" ", " ", "-", "'"])),
        1..4,
    )
    .prop_map(|parts| {
        let mut s = String::new();
        for (i, (w, sep)) in parts.iter().enumerate() {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(w);
        }
        s
    })
}

/// A deviant: any form, or one that contains the preferred form (so that containment and
/// overlap between approved and deviant forms come up often).
fn deviant(preferred: String) -> impl Strategy<Value = String> {
    let (p1, p2) = (preferred.clone(), preferred);
    prop_oneof![
        2 => form(),
        1 => word().prop_map(move |w| format!("{w} {p1}")),
        1 => word().prop_map(move |w| format!("{p2} {w}")),
    ]
}

fn term() -> impl Strategy<Value = (String, Vec<String>, Vec<String>, bool)> {
    form().prop_flat_map(|p| {
        (
            Just(p.clone()),
            prop::collection::vec(form(), 0..2),
            prop::collection::vec(deviant(p), 1..3),
            any::<bool>(),
        )
    })
}

fn glossary() -> impl Strategy<Value = String> {
    prop::collection::vec(term(), 1..4).prop_map(|terms| {
        let q = |s: &str| format!("{s:?}");
        let mut toml = String::new();
        for (i, (preferred, admitted, deviants, cs)) in terms.iter().enumerate() {
            let list = |v: &Vec<String>| v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
            toml.push_str(&format!(
                "[[term]]\nid = \"t{i}\"\npreferred = {}\nadmitted = [{}]\ndeviants = [{}]\ncase_sensitive = {cs}\n\n",
                q(preferred),
                list(admitted),
                list(deviants)
            ));
        }
        toml
    })
}

fn text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        4 => word(),
        1 => prop::sample::select(vec!["policies", "Keys", "roads", "wins", "toys", "TOYS", "shareS", "ccpa", "中", "CCP中"]).prop_map(String::from),
        1 => prop::sample::select(vec!["won", "Winning", "sharing", "Shared", "keyed", "toying", "TOYED", "futures", "roading", "roades", "comes", "Wines"]).prop_map(String::from),
    ];
    let sep = prop::sample::select(vec![
        " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\n \n", "\u{a0}", "\u{3000}", "\t", "-",
        "\u{2011}", "\u{2013}", "'", "’", "‘", "“", "”", "\"", ". ", ", ", "! ", "", "\u{2029}",
    ]);
    prop::collection::vec((token, sep), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(t, s)| t + s).collect())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn engine_equals_the_model(toml in glossary(), text in text()) {
        let glossary = Glossary::from_toml(&toml);
        prop_assume!(glossary.is_ok());
        let glossary = glossary.unwrap();
        let checker = Checker::new(glossary.clone()).unwrap();
        prop_assert_eq!(engine(&text, &checker), model(&text, &glossary), "glossary:\n{}\ntext: {:?}", toml, text);
    }
}

#[test]
fn the_model_itself_follows_the_contract() {
    // A few fixed cases, so that the model is checked against the contract too.
    let g = Glossary::from_toml(
        "[[term]]\nid = \"t\"\npreferred = \"shared future\"\ndeviants = [\"key policy\", \"shared\"]\n",
    )
    .unwrap();
    assert_eq!(
        model("Key Policies", &g),
        [(0, "deviant", 0, 12, "Shared Futures".to_string())]
    );
    assert_eq!(model("a shared future", &g), []);
    assert_eq!(
        model("shared\n\nfuture", &g),
        [(0, "deviant", 0, 6, "shared future".to_string())]
    );
    assert_eq!(
        model("keypolicy key\u{a0}policy", &g),
        [(0, "deviant", 10, 20, "shared future".to_string())]
    );
    // A first word inflected: the suggestion carries it where it starts with the same word.
    let g = Glossary::from_toml(
        "[[term]]\nid = \"t\"\npreferred = \"share road\"\ndeviants = [\"share key\", \"toy key\"]\n",
    )
    .unwrap();
    let checker = Checker::new(g.clone()).unwrap();
    for (text, want) in [
        (
            "Sharing key",
            vec![(0, "deviant", 0, 11, "Sharing road".to_string())],
        ),
        (
            "shared keys",
            vec![(0, "deviant", 0, 11, "shared roads".to_string())],
        ),
        (
            "toyed key",
            vec![(0, "deviant", 0, 9, "share road".to_string())],
        ),
        ("sharing road", vec![]),
    ] {
        assert_eq!(model(text, &g), want, "{text}");
        assert_eq!(engine(text, &checker), want, "{text}");
    }
}

// ---------------------------------------------------------------------------------------
// Patterns: a deviant written as a pattern stands for exactly the plain forms the model
// lists, and the engine finds each of them as it finds a listed form.

/// One piece of a pattern: a word, an optional word `[w]`, or a choice `(a|b)`.
#[derive(Clone, Debug)]
enum Piece {
    Word(&'static str),
    Optional(&'static str),
    Choice(&'static str, &'static str),
}

fn piece() -> impl Strategy<Value = Piece> {
    let w = || prop::sample::select(WORDS);
    prop_oneof![
        2 => w().prop_map(Piece::Word),
        1 => w().prop_map(Piece::Optional),
        1 => (w(), w()).prop_map(|(a, b)| Piece::Choice(a, b)),
    ]
}

/// The plain forms of a pattern, by the model: every combination, words joined by one space,
/// without repeats, in order.
fn expansions(pieces: &[Piece]) -> Vec<String> {
    let mut out: Vec<Vec<&str>> = vec![Vec::new()];
    for p in pieces {
        let options: Vec<Option<&str>> = match p {
            Piece::Word(w) => vec![Some(w)],
            Piece::Optional(w) => vec![Some(w), None],
            Piece::Choice(a, b) => vec![Some(a), Some(b)],
        };
        out = out
            .iter()
            .flat_map(|done| {
                options.iter().map(move |o| {
                    let mut d = done.clone();
                    d.extend(o);
                    d
                })
            })
            .collect();
    }
    let mut forms: Vec<String> = Vec::new();
    for words in out {
        let f = words.join(" ");
        if !forms.contains(&f) {
            forms.push(f);
        }
    }
    forms
}

fn written(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .map(|p| match p {
            Piece::Word(w) => w.to_string(),
            Piece::Optional(w) => format!("[{w}]"),
            Piece::Choice(a, b) => format!("({a}|{b})"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn patterns_stand_for_the_model_expansions(pieces in prop::collection::vec(piece(), 1..5)) {
        let want = expansions(&pieces);
        let toml = format!(
            "[[term]]\nid = \"t\"\npreferred = \"approved zz\"\ndeviants = [\"{}\"]\n",
            written(&pieces)
        );
        let loaded = Glossary::from_toml(&toml);
        // An empty expansion (only optional words) is an error; so are two choices alike
        // when folded (a form listed twice cannot happen within one pattern: repeats go).
        if want.iter().any(String::is_empty) {
            prop_assert!(loaded.is_err(), "{toml}");
            return Ok(());
        }
        let glossary = loaded.unwrap();
        prop_assert_eq!(&glossary.terms[0].deviants, &want, "{}", toml);
        // Each expansion, alone in a text, is one finding whose words are the expansion (or
        // a longer expansion starting at the same place, leftmost-longest).
        let checker = Checker::new(glossary.clone()).unwrap();
        for form in &want {
            let text = format!("x {form} x");
            let findings = checker.check(&Format::Plain.prose(&text));
            prop_assert!(!findings.is_empty(), "{} in {:?}", toml, text);
            prop_assert_eq!(model(&text, &glossary), engine(&text, &checker), "{}", toml);
        }
    }
}
