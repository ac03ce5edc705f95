//! The word index: glossary forms looked up by one of their words, word by word of the text.
//!
//! Every form with a word in it (a run of word characters, see [`crate::fold::is_word_char`])
//! is anchored on one of its words, chosen by [`crate::rarity`]. In any text the form matches,
//! that word is a whole word: the characters around it in the form are not word characters
//! (or are the edge of the form, where a boundary is required), except that a form's last
//! word may carry a plural ending. So the matcher splits the text into words and looks each
//! one up in a hash table of anchor words (plural spellings included); only a word found
//! there leads to a verification of the forms it anchors.
//!
//! Hand-written because it is the hot loop of every check: aho-corasick, which served here
//! before, has to step through every byte of the text and, for thousands of patterns, cannot
//! use a prefilter, and its automaton then outgrows the caches (measured in bench/NOTES.md).
//! Here the words are found 64 bytes at a time from bit masks, and an ASCII word of up to 16
//! bytes is looked up with two loads, a multiplication and, mostly, one probe.

use std::collections::HashMap;
use std::ops::ControlFlow;

use crate::fold::{fold, is_word_char};

/// A table slot: an ASCII word of up to 16 bytes, folded and zero-padded, and the range of
/// its entries (`count == 0`: empty).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    first: u32,
    count: u32,
}

/// Anchor words and what each stands for (`T`: the matcher's entry for one form).
#[derive(Debug)]
pub(crate) struct WordIndex<T> {
    /// One bit per hash value (its top bits) of the ASCII words: most text words are not
    /// anchors, and this small bitmap says so without touching the larger table.
    filter: Vec<u64>,
    filter_shift: u32,
    /// Bit `b & 31` of `starts[n]`: some ASCII word of `n` bytes (n <= 16) in the index
    /// begins with byte `b`. Two loads turn away most text words of a small glossary before
    /// any hashing.
    starts: [u32; 17],
    slots: Vec<Slot>,
    /// Every word, for the text words the table does not hold (non-ASCII or long).
    all: HashMap<String, (u32, u32)>,
    entries: Vec<T>,
}

/// Bit `i` of `MASK_LO[n]` / `MASK_HI[n]` covers byte `i` of the first `n` of 16 bytes.
const MASK_LO: [u64; 17] = {
    let mut m = [0u64; 17];
    let mut n = 0;
    while n <= 16 {
        m[n] = if n >= 8 { !0 } else { (1u64 << (8 * n)) - 1 };
        n += 1;
    }
    m
};
const MASK_HI: [u64; 17] = {
    let mut m = [0u64; 17];
    let mut n = 0;
    while n <= 16 {
        m[n] = if n >= 16 {
            !0
        } else if n <= 8 {
            0
        } else {
            (1u64 << (8 * (n - 8))) - 1
        };
        n += 1;
    }
    m
};
/// Sets bit 5 of every byte: lower case for ASCII letters, no change for digits.
const LOWER: u64 = 0x2020_2020_2020_2020;

/// Byte classes: bit 0 an ASCII word character, bit 1 not ASCII.
const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c >= 0x80 {
            2
        } else if c.is_ascii_alphanumeric() {
            1
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Bit `i`: byte `i` of the 8 is an ASCII letter or digit; and bit `i`: it is not ASCII.
#[inline]
fn classes8(x: u64) -> (u64, u64) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const TOP: u64 = 0x8080_8080_8080_8080;
    // Gathers the top bit of each byte into the top byte.
    const GATHER: u64 = 0x0002_0408_1020_4081;
    let high = x & TOP;
    let t = x & !TOP;
    // Each byte below 0x80 plus a constant stays below 0x100: no carries between bytes.
    let digit = (t + 0x50 * ONES) & !(t + 0x46 * ONES);
    let y = t | (0x20 * ONES);
    let letter = (y + 0x1F * ONES) & !(y + 0x05 * ONES);
    let word = (digit | letter) & !high & TOP;
    (
        word.wrapping_mul(GATHER) >> 56,
        high.wrapping_mul(GATHER) >> 56,
    )
}

/// The word and non-ASCII bit masks of up to 64 bytes.
#[inline]
fn classes(chunk: &[u8]) -> (u64, u64) {
    let mut words = 0u64;
    let mut high = 0u64;
    if chunk.len() == 64 {
        for (k, eight) in chunk.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            let (w, h) = classes8(x);
            words |= w << (8 * k);
            high |= h << (8 * k);
        }
    } else {
        for (i, &b) in chunk.iter().enumerate() {
            let class = CLASS[b as usize] as u64;
            words |= (class & 1) << i;
            high |= (class >> 1) << i;
        }
    }
    (words, high)
}

fn hash(lo: u64, hi: u64) -> u64 {
    (lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ hi).wrapping_mul(0xFF51_AFD7_ED55_8CCD)
}

impl<T> WordIndex<T> {
    /// An index of `(word, entry)` pairs; words are folded and made of word characters.
    pub fn new(mut pairs: Vec<(String, T)>) -> WordIndex<T> {
        // Grouped by word (a stable sort keeps each word's entries in the order given).
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        let mut entries = Vec::with_capacity(pairs.len());
        let mut all: HashMap<String, (u32, u32)> = HashMap::new();
        for (word, entry) in pairs {
            let first = entries.len() as u32;
            entries.push(entry);
            all.entry(word)
                .and_modify(|(_, count)| *count += 1)
                .or_insert((first, 1));
        }
        // Load factor at most a half: a probe mostly ends at the first slot, and most probes
        // are stopped by the filter before they reach the table.
        let size = (all.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size];
        // About 32 bits per word (a text word not in the index passes in 1 case of 32 or
        // fewer), between 512 bytes and 1 MiB.
        let filter_bits = (all.len() * 32).next_power_of_two().clamp(1 << 12, 1 << 23);
        let filter_shift = 64 - filter_bits.trailing_zeros();
        let mut filter = vec![0u64; filter_bits / 64];
        let mut starts = [0u32; 17];
        for (word, &(first, count)) in &all {
            let Some((lo, hi)) = ascii_key(word.as_bytes()) else {
                continue;
            };
            starts[word.len()] |= 1 << (lo & 31);
            let h = hash(lo, hi);
            let f = (h >> filter_shift) as usize;
            filter[f / 64] |= 1 << (f % 64);
            let mut i = h as usize & (size - 1);
            while slots[i].count != 0 {
                i = (i + 1) & (size - 1);
            }
            slots[i] = Slot {
                lo,
                hi,
                first,
                count,
            };
        }
        WordIndex {
            filter,
            filter_shift,
            starts,
            slots,
            all,
            entries,
        }
    }

    /// The entries of the text word `text[start..end]`.
    #[inline(always)]
    pub fn lookup(&self, text: &str, start: usize, end: usize) -> &[T] {
        let bytes = text.as_bytes();
        let len = end - start;
        if len <= 16 {
            // Two unaligned loads where the text is long enough, else a padded copy.
            let (lo, hi) = if start + 16 <= bytes.len() {
                (
                    u64::from_le_bytes(bytes[start..start + 8].try_into().unwrap_or_default()),
                    u64::from_le_bytes(bytes[start + 8..start + 16].try_into().unwrap_or_default()),
                )
            } else {
                let mut buf = [0u8; 16];
                buf[..len].copy_from_slice(&bytes[start..end]);
                (
                    u64::from_le_bytes(buf[..8].try_into().unwrap_or_default()),
                    u64::from_le_bytes(buf[8..].try_into().unwrap_or_default()),
                )
            };
            let high = ((lo & MASK_LO[len]) | (hi & MASK_HI[len])) & 0x8080_8080_8080_8080;
            if high == 0 {
                let lo = (lo | LOWER) & MASK_LO[len];
                if self.starts[len] & (1 << (lo & 31)) == 0 {
                    return &[];
                }
                let hi = (hi | LOWER) & MASK_HI[len];
                let h = hash(lo, hi);
                let f = (h >> self.filter_shift) as usize;
                if self.filter[f / 64] & (1 << (f % 64)) == 0 {
                    return &[];
                }
                let size = self.slots.len();
                let mut i = h as usize & (size - 1);
                loop {
                    let s = &self.slots[i];
                    if s.count == 0 {
                        return &[];
                    }
                    if s.lo == lo && s.hi == hi {
                        return &self.entries[s.first as usize..(s.first + s.count) as usize];
                    }
                    i = (i + 1) & (size - 1);
                }
            }
        }
        let folded: String = text[start..end].chars().map(fold).collect();
        match self.all.get(&folded) {
            Some(&(first, count)) => &self.entries[first as usize..(first + count) as usize],
            None => &[],
        }
    }

    /// How many words the index holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.all.len()
    }

    /// The entries of a word already folded (a word read across markup).
    pub fn lookup_folded(&self, word: &str) -> &[T] {
        match self.all.get(word) {
            Some(&(first, count)) => &self.entries[first as usize..(first + count) as usize],
            None => &[],
        }
    }
}

/// The folded ASCII bytes of a word of up to 16 bytes as two little-endian words.
fn ascii_key(word: &[u8]) -> Option<(u64, u64)> {
    if word.len() > 16 || !word.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 16];
    buf[..word.len()].copy_from_slice(word);
    Some((
        u64::from_le_bytes(buf[..8].try_into().ok()?),
        u64::from_le_bytes(buf[8..].try_into().ok()?),
    ))
}

/// Calls `f(start, end)` for every word (maximal run of word characters) of `text[range]`, in
/// order, until it breaks. `range` must be on character boundaries.
#[inline(always)]
pub(crate) fn for_each_word(
    text: &str,
    range: std::ops::Range<usize>,
    mut f: impl FnMut(usize, usize) -> ControlFlow<()>,
) -> ControlFlow<()> {
    let bytes = text.as_bytes();
    let end = range.end;
    let mut block = range.start;
    // Whether the byte before the block is part of a word.
    let mut carry = 0u64;
    // The start of a word still open at the end of the previous block.
    let mut open: Option<usize> = None;
    // Whether the character whose bytes are being read is a word character (for the
    // continuation bytes of a character that straddles two blocks).
    let mut in_word_char = false;
    while block < end {
        let n = (end - block).min(64);
        let chunk = &bytes[block..block + n];
        let (mut words, high) = classes(chunk);
        if high != 0 {
            // Characters beyond ASCII: decode them (a lead byte starts one).
            let mut h = high;
            while h != 0 {
                let i = h.trailing_zeros() as usize;
                h &= h - 1;
                let b = chunk[i];
                if b >= 0xC0 {
                    // U+2000 to U+203F (spaces, dashes, quotation marks) are common and are
                    // not word characters.
                    in_word_char = !(b == 0xE2 && bytes.get(block + i + 1) == Some(&0x80))
                        && text[block + i..].chars().next().is_some_and(is_word_char);
                }
                words |= (in_word_char as u64) << i;
            }
        }
        let before = (words << 1) | carry;
        let mut starts = words & !before;
        // Bit i: byte i is the first byte after a word (bit n: the word runs to the end).
        let mut ends = !words & before;
        if n == 64 {
            carry = words >> 63;
        }
        if let Some(s) = open {
            if ends != 0 {
                let e = block + ends.trailing_zeros() as usize;
                ends &= ends - 1;
                f(s, e)?;
                open = None;
            } else if n < 64 {
                f(s, end)?;
                open = None;
            }
        }
        while starts != 0 {
            let s = block + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            if ends == 0 {
                open = Some(s);
                break;
            }
            let e = block + ends.trailing_zeros() as usize;
            ends &= ends - 1;
            f(s, e)?;
        }
        block += n;
    }
    match open {
        Some(s) => f(s, end),
        None => ControlFlow::Continue(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        let _ = for_each_word(text, 0..text.len(), |s, e| {
            out.push(&text[s..e]);
            ControlFlow::Continue(())
        });
        out
    }

    #[test]
    fn words_are_runs_of_word_characters() {
        assert_eq!(
            words("China's CCP领导 café, x-y 7"),
            ["China", "s", "CCP", "café", "x", "y", "7"]
        );
        let long = "w".repeat(200);
        let text = format!("{long} a “b” {long}");
        assert_eq!(words(&text), [long.as_str(), "a", "b", long.as_str()]);
        // Words and multi-byte characters across the 64-byte blocks.
        for pad in 0..70 {
            let text = format!("{}é{} ab", " ".repeat(pad), "x".repeat(pad % 7));
            let want: Vec<String> = text
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(String::from)
                .collect();
            assert_eq!(words(&text), want, "pad {pad}");
        }
        assert_eq!(words(""), Vec::<&str>::new());
    }

    #[test]
    fn masks_agree_with_the_byte_classes() {
        let bytes: Vec<u8> = (0..=255u8).chain((0..=255u8).rev()).collect();
        for chunk in bytes.chunks(64) {
            let mut want = (0u64, 0u64);
            for (i, &b) in chunk.iter().enumerate() {
                want.0 |= u64::from(b.is_ascii_alphanumeric()) << i;
                want.1 |= u64::from(b >= 0x80) << i;
            }
            assert_eq!(classes(chunk), want);
        }
        // The shortcut for U+2000 to U+203F.
        assert!(('\u{2000}'..='\u{203F}').all(|c| !is_word_char(c)));
    }

    #[test]
    fn lookup_folds_case_and_takes_long_and_non_ascii_words() {
        let long = "internationalisation"; // over 16 bytes
        let index = WordIndex::new(vec![
            ("road".to_string(), 1),
            ("roads".to_string(), 2),
            ("café".to_string(), 3),
            (long.to_string(), 4),
        ]);
        let text = format!("ROAD Roads CAFÉ {} roadx", long.to_uppercase());
        let found: Vec<Vec<i32>> = words(&text)
            .iter()
            .map(|w| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                index.lookup(&text, start, start + w.len()).to_vec()
            })
            .collect();
        assert_eq!(found, [vec![1], vec![2], vec![3], vec![4], vec![]]);
        assert_eq!(index.lookup_folded("road"), [1]);
    }
}
