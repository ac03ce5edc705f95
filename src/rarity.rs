//! How good a word of a form is as its anchor: the matcher looks a form up by one of its
//! words (see [`crate::words`]), and every occurrence of that word in a text costs a
//! verification of each form it stands for. So the anchor should be a word that is rare in
//! running text and shared by few forms. (A word paired with the word before it, which the
//! matcher prefers where a form has one, is verified only after that word; among such
//! words, and among single words, the choice is made here.)
//!
//! Rarity in text is judged by a short list of the most frequent English words (function
//! words, the commonest verbs, nouns and adjectives and their inflections), written for this
//! project; any other word counts as rare, a longer one as rarer.

/// The commonest words of English prose, lower case, sorted (checked by a test).
const COMMON: &[&str] = &[
    "a",
    "about",
    "above",
    "across",
    "after",
    "again",
    "against",
    "ago",
    "air",
    "all",
    "almost",
    "along",
    "already",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "anything",
    "are",
    "around",
    "as",
    "asked",
    "at",
    "away",
    "back",
    "bad",
    "be",
    "became",
    "because",
    "become",
    "been",
    "before",
    "began",
    "behind",
    "being",
    "believe",
    "best",
    "better",
    "between",
    "big",
    "both",
    "boy",
    "brought",
    "but",
    "by",
    "call",
    "called",
    "came",
    "can",
    "case",
    "certain",
    "change",
    "child",
    "children",
    "city",
    "close",
    "come",
    "comes",
    "coming",
    "could",
    "country",
    "course",
    "day",
    "days",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "door",
    "down",
    "during",
    "each",
    "early",
    "end",
    "enough",
    "even",
    "ever",
    "every",
    "eyes",
    "face",
    "fact",
    "far",
    "father",
    "felt",
    "few",
    "find",
    "first",
    "five",
    "for",
    "form",
    "found",
    "four",
    "friend",
    "from",
    "full",
    "gave",
    "general",
    "get",
    "give",
    "given",
    "go",
    "going",
    "gone",
    "good",
    "got",
    "great",
    "group",
    "had",
    "half",
    "hand",
    "hands",
    "has",
    "have",
    "having",
    "he",
    "head",
    "heard",
    "her",
    "here",
    "herself",
    "high",
    "him",
    "himself",
    "his",
    "home",
    "house",
    "how",
    "however",
    "i",
    "if",
    "important",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "keep",
    "kind",
    "knew",
    "know",
    "known",
    "land",
    "large",
    "last",
    "later",
    "least",
    "left",
    "less",
    "let",
    "life",
    "light",
    "like",
    "line",
    "little",
    "long",
    "look",
    "looked",
    "made",
    "make",
    "making",
    "man",
    "many",
    "may",
    "me",
    "mean",
    "men",
    "might",
    "mind",
    "more",
    "most",
    "mother",
    "mr",
    "mrs",
    "much",
    "must",
    "my",
    "myself",
    "name",
    "near",
    "need",
    "never",
    "new",
    "next",
    "night",
    "no",
    "not",
    "nothing",
    "now",
    "number",
    "of",
    "off",
    "often",
    "old",
    "on",
    "once",
    "one",
    "only",
    "open",
    "or",
    "order",
    "other",
    "others",
    "our",
    "out",
    "over",
    "own",
    "part",
    "people",
    "perhaps",
    "place",
    "point",
    "power",
    "present",
    "put",
    "rather",
    "read",
    "really",
    "right",
    "room",
    "said",
    "same",
    "saw",
    "say",
    "says",
    "second",
    "see",
    "seem",
    "seemed",
    "seen",
    "set",
    "several",
    "shall",
    "she",
    "should",
    "show",
    "side",
    "since",
    "small",
    "so",
    "some",
    "something",
    "soon",
    "still",
    "such",
    "sure",
    "take",
    "taken",
    "tell",
    "than",
    "that",
    "the",
    "their",
    "them",
    "themselves",
    "then",
    "there",
    "therefore",
    "these",
    "they",
    "thing",
    "things",
    "think",
    "this",
    "those",
    "though",
    "thought",
    "three",
    "through",
    "thus",
    "time",
    "times",
    "to",
    "today",
    "together",
    "told",
    "too",
    "took",
    "toward",
    "towards",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "use",
    "used",
    "very",
    "want",
    "was",
    "water",
    "way",
    "we",
    "well",
    "went",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whole",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "woman",
    "women",
    "word",
    "words",
    "work",
    "world",
    "would",
    "year",
    "years",
    "yes",
    "yet",
    "you",
    "young",
    "your",
];

/// Whether `word` (folded, as in a glossary form) is one of the commonest words of English,
/// or a single character (the "s" of "China's", the "t" of "don't").
pub fn is_common(word: &str) -> bool {
    // A hash set: the anchors of a large glossary ask for hundreds of thousands of words.
    static SET: std::sync::LazyLock<rustc_hash::FxHashSet<&str>> =
        std::sync::LazyLock::new(|| COMMON.iter().copied().collect());
    word.chars().nth(1).is_none() || SET.contains(word)
}

/// [`is_common`] of a word as a form's folded characters, without making a string of it
/// (a glossary of 50,000 forms asks for hundreds of thousands of words).
fn is_common_chars(word: &[char]) -> bool {
    // The longest common word has 10 letters.
    let mut buf = [0u8; 12];
    if word.len() < 2 {
        return true;
    }
    if word.len() > buf.len() || !word.iter().all(char::is_ascii) {
        return false;
    }
    for (b, c) in buf.iter_mut().zip(word) {
        *b = *c as u8;
    }
    std::str::from_utf8(&buf[..word.len()]).is_ok_and(is_common)
}

/// Forms sharing an anchor word up to this many are cheap: each occurrence of the word verifies
/// them all (after a one-character check of the neighbouring words).
pub const SHARED_CHEAPLY: usize = 64;

/// The preference among a form's words for its anchor: greater is better. `word` is the
/// word's folded characters; `shared` the number of forms of the glossary that contain it;
/// `index` its position among the form's words (earlier wins a tie).
pub fn anchor_key(word: &[char], shared: usize, index: usize) -> (bool, bool, usize, usize) {
    (
        !is_common_chars(word),
        shared <= SHARED_CHEAPLY,
        word.len(),
        usize::MAX - index,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_lower_case_and_unique() {
        assert!(COMMON.windows(2).all(|w| w[0] < w[1]));
        assert!(COMMON.iter().all(|w| *w == w.to_lowercase()));
    }

    #[test]
    fn rare_words_win_over_common_and_long_over_short() {
        let key = |w: &str, shared, index| {
            let chars: Vec<char> = w.chars().collect();
            anchor_key(&chars, shared, index)
        };
        let have = key("have", 1, 0);
        let fun = key("fun", 1, 1);
        assert!(fun > have, "\"have fun\" is anchored on fun");
        let approved = key("approved", 50_000, 0);
        let number = key("123", 1, 1);
        assert!(
            number > approved,
            "a word shared by thousands of forms is avoided"
        );
        assert!(key("destiny", 1, 3) > key("shared", 1, 0));
        assert!(key("world", 1, 0) > key("s", 1, 1), "world's");
        assert!(
            key("something", 1, 0) < key("sometime", 1, 1),
            "common up to 10 letters"
        );
    }

    #[test]
    fn the_longest_common_word_fits_the_buffer() {
        assert!(COMMON.iter().all(|w| w.len() <= 12));
        for w in COMMON {
            let chars: Vec<char> = w.chars().collect();
            assert!(is_common_chars(&chars), "{w}");
        }
        assert!(!is_common_chars(
            &"développement".chars().collect::<Vec<_>>()
        ));
    }
}
