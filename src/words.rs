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

use rustc_hash::FxHashMap as HashMap;
use std::ops::ControlFlow;

use crate::fold::{fold, is_word_char};

/// Where a word's entries are in `entries`: `count` of them from `first`, its single-word
/// anchors (`singles`) first, then its anchors paired with a word before it.
#[derive(Clone, Copy, Debug, Default)]
struct Span {
    first: u32,
    count: u32,
    singles: u32,
}

/// A table slot: an ASCII word of up to 16 bytes, folded and zero-padded, and its entries
/// (`span.count == 0`: empty).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    lo: u64,
    hi: u64,
    span: Span,
}

/// A slot of the pair table: the entries of a word paired with a word before it, both named
/// by their [`Word::key`]; `count == 0`: empty.
#[derive(Clone, Copy, Debug, Default)]
struct PairSlot {
    prev: u64,
    word: u64,
    first: u32,
    count: u32,
}

/// Anchor words and what each stands for (`T`: the matcher's entry for one form).
///
/// An entry may be *paired*: it stands for its word only where a given word comes right
/// before it (the matcher decides where that can be read off the text; see
/// [`crate::matcher`]). Fifty thousand forms made of ordinary words share nearly every word
/// of a text with a dozen others, but hardly ever a pair of adjacent words. Pairs are looked
/// up by the two words' keys alone: a text word that anchors only paired entries costs
/// hashing the word before and two bitmap reads, and a probe of the pair table only where
/// the pair filter lets the pair through (where the matcher cannot read the word before, it
/// asks for all of the word's paired entries, from the word table).
#[derive(Debug)]
pub(crate) struct WordIndex<T> {
    /// Two bits per hash value (its top bits) of the ASCII words: whether some word with that
    /// hash has single entries, and whether some has paired ones. Most text words are not
    /// anchors, and this small bitmap says so without touching the larger table.
    filter: Vec<u64>,
    filter_shift: u32,
    /// Bit `b & 31` of `starts[n]`: some ASCII word of `n` bytes (n <= 16) in the index
    /// begins with byte `b`. Two loads turn away most text words of a small glossary before
    /// any hashing.
    starts: [u32; 17],
    slots: Vec<Slot>,
    /// Every word, for the text words the table does not hold (non-ASCII or long).
    all: HashMap<String, Span>,
    /// Sorted by (word key, paired, key of the word before, order given), so that a word's
    /// entries and those of each of its pairs are runs.
    entries: Vec<T>,
    /// The paired entries by (word before, word), behind a blocked Bloom filter: three bits
    /// of one 64-bit word per pair (see [`pair_mask`]).
    pair_filter: Vec<u64>,
    pair_shift: u32,
    pair_slots: Vec<PairSlot>,
}

/// A text word that may be in the index (see [`WordIndex::probe`]).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Probe {
    /// The word's [`Word::key`].
    pub key: u64,
    lo: u64,
    hi: u64,
    /// The word's entries, when they were found already (a word outside the table).
    span: Option<Span>,
    /// Whether the word may have single entries.
    pub singles: bool,
    /// Whether the word may have paired entries.
    pub pairs: bool,
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
/// What a byte between two words says of a form anchored on the pair of them.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum PairGap {
    /// ASCII whitespace or a hyphen: the pair may be the form's.
    Plain,
    /// Part of a character beyond ASCII (a dash or a space, perhaps): the pair may be the
    /// form's, but its words are not read off the text.
    BeyondAscii,
    /// Any other ASCII byte: no paired form matches across it.
    Rules,
}

/// [`PairGap`] of each byte, for the word loop's screen and for [`crate::matcher`].
pub(crate) const GAP: [PairGap; 256] = {
    let mut t = [PairGap::Rules; 256];
    t[b' ' as usize] = PairGap::Plain;
    t[b'\t' as usize] = PairGap::Plain;
    t[b'\n' as usize] = PairGap::Plain;
    t[b'\r' as usize] = PairGap::Plain;
    t[0x0B] = PairGap::Plain;
    t[0x0C] = PairGap::Plain;
    t[b'-' as usize] = PairGap::Plain;
    let mut b = 0x80;
    while b < 256 {
        t[b] = PairGap::BeyondAscii;
        b += 1;
    }
    t
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

/// The bits of a multiplication are mixed upward only: the top half is folded into the
/// bottom, which indexes the tables (the words of a glossary share their first letters).
fn hash(lo: u64, hi: u64) -> u64 {
    let h = (lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ hi).wrapping_mul(0xFF51_AFD7_ED55_8CCD);
    h ^ (h >> 32)
}

/// A folded word of an index: up to 16 ASCII bytes, zero-padded, as the word table holds it,
/// or any other word as a string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    Short(u64, u64),
    Long(String),
}

impl Word {
    /// The word of folded characters `chars` (made without a string for a short ASCII word:
    /// a glossary of 50,000 forms has hundreds of thousands of them).
    pub fn new(chars: impl IntoIterator<Item = char>) -> Word {
        let mut buf = [0u8; 16];
        let mut chars = chars.into_iter();
        for (n, c) in chars.by_ref().enumerate() {
            if !c.is_ascii() || n == 16 {
                let mut s: String = buf[..n].iter().map(|&b| char::from(b)).collect();
                s.push(c);
                s.extend(chars);
                return Word::Long(s);
            }
            buf[n] = c as u8;
        }
        let (lo, hi) = buf.split_at(8);
        Word::Short(
            u64::from_le_bytes(lo.try_into().unwrap_or_default()),
            u64::from_le_bytes(hi.try_into().unwrap_or_default()),
        )
    }

    /// The word's key: [`hash`] of a short word, FNV-1a of any other.
    pub fn key(&self) -> u64 {
        match self {
            Word::Short(lo, hi) => hash(*lo, *hi),
            Word::Long(s) => long_key(s),
        }
    }
}

/// The key of a word (folded, made of word characters) for the pair table: the hash the
/// word table uses for a short ASCII word, and FNV-1a for any other (a collision only costs
/// a verification: the matcher verifies every entry it is given). See [`Word::key`].
#[cfg(test)]
pub(crate) fn word_key(word: &str) -> u64 {
    Word::new(word.chars()).key()
}

fn long_key(word: &str) -> u64 {
    let mut h = 0xCBF2_9CE4_8422_2325u64;
    for &b in word.as_bytes() {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3);
    }
    hash(h, !0)
}

/// The folded bytes of a text word of up to 16 ASCII bytes as two little-endian words,
/// zero-padded (as [`Word::new`] makes them of a folded word); None for any other word.
#[inline(always)]
fn text_key(bytes: &[u8], start: usize, end: usize) -> Option<(u64, u64)> {
    let len = end - start;
    if len > 16 {
        return None;
    }
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
    (high == 0).then(|| ((lo | LOWER) & MASK_LO[len], (hi | LOWER) & MASK_HI[len]))
}

/// [`Word::key`] of the text word `text[start..end]`, folded.
pub(crate) fn text_word_key(text: &str, start: usize, end: usize) -> u64 {
    match text_key(text.as_bytes(), start, end) {
        Some((lo, hi)) => hash(lo, hi),
        None => Word::new(text[start..end].chars().map(fold)).key(),
    }
}

/// A bitmap of about `bits_per_key` bits per key, between 512 bytes and `cap` bits, and the
/// shift that turns a hash into its bit. The word filter is read for nearly every word of a
/// text: at its cap (256 KiB) it fits a 512 KiB L2 cache, where a larger one made the scan of
/// 50,000 forms slower although it filtered out more words; below the cap, more bits per key
/// cost nothing and turn away more words (bench/NOTES.md item 14).
fn bitmap(keys: usize, bits_per_key: usize, cap: usize) -> (Vec<u64>, u32) {
    let bits = (keys * bits_per_key)
        .next_power_of_two()
        .clamp(1 << 12, cap);
    (vec![0u64; bits / 64], 64 - bits.trailing_zeros())
}

/// The word filter's cap: 2^21 bits, 256 KiB.
const WORD_FILTER_BITS: usize = 1 << 21;

/// The pair filter's cap: 2^22 bits, 512 KiB. It is read only for words that anchor pairs,
/// and a pair it lets through costs a probe of the pair table, tens of megabytes for 50,000
/// forms and so a cache miss: at 256 KiB with one bit per pair it let 18 % of such words
/// through; at 512 KiB with three bits, 1.6 % (bench/NOTES.md item 15).
const PAIR_FILTER_BITS: usize = 1 << 22;

/// A blocked Bloom filter's bits for hash `h`: three bits of one 64-bit word, from the low
/// bits of the hash (its top bits choose the word), so that a test is one load.
#[inline(always)]
fn pair_mask(h: u64) -> u64 {
    1 << (h & 63) | 1 << ((h >> 6) & 63) | 1 << ((h >> 12) & 63)
}

#[inline(always)]
fn set_bit(filter: &mut [u64], f: usize) {
    filter[f / 64] |= 1 << (f % 64);
}

#[inline(always)]
fn has_bit(filter: &[u64], f: usize) -> bool {
    filter[f / 64] & (1 << (f % 64)) != 0
}

impl<T: Copy> WordIndex<T> {
    /// An index of `(word, word before, entry)`: words are folded and made of word
    /// characters; an entry with a word before it (its [`Word::key`]) is paired.
    pub fn new(mut items: Vec<(Word, Option<u64>, T)>) -> WordIndex<T> {
        // Sorted by integers, so that 400,000 entries sort without comparing strings; words
        // with one key (a collision) share their entries, which costs verifications only.
        let mut order: Vec<(u64, bool, u64, u32)> = items
            .iter()
            .enumerate()
            .map(|(i, (w, prev, _))| (w.key(), prev.is_some(), prev.unwrap_or(0), i as u32))
            .collect();
        order.sort_unstable();
        let keys = 1 + order.windows(2).filter(|w| w[0].0 != w[1].0).count();
        // Each short word once, with its key and span: distinct words may share a key.
        let mut short: Vec<(u64, u64, u64, Span)> = Vec::with_capacity(keys);
        // Two bits per hash value, about 32 values per word (up to the cap).
        let (mut filter, filter_shift) = bitmap(keys, 64, WORD_FILTER_BITS);
        let mut starts = [0u32; 17];
        let mut all: HashMap<String, Span> = HashMap::default();
        // (word before, word, first, count) of each run of paired entries.
        // (At most one per paired entry, reserved at once rather than grown by copying.)
        let mut groups: Vec<(u64, u64, u32, u32)> =
            Vec::with_capacity(order.iter().filter(|o| o.1).count());
        // Read in place, in key order: a copy of the words and one of the entries in the given
        // order took 44 bytes per entry more at the load's peak (31 MB for 50,000 forms).
        let mut sorted = Vec::with_capacity(items.len());
        let mut from = 0;
        // One key's run of entries at a time: its span, then its words.
        while from < order.len() {
            let key = order[from].0;
            let to = from + order[from..].iter().take_while(|o| o.0 == key).count();
            let first = sorted.len() as u32;
            let mut span = Span {
                first,
                count: (to - from) as u32,
                singles: 0,
            };
            for &(_, paired, prev, i) in &order[from..to] {
                let at = sorted.len() as u32;
                sorted.push(items[i as usize].2);
                if !paired {
                    span.singles += 1;
                    continue;
                }
                match groups.last_mut() {
                    Some(g) if g.0 == prev && g.1 == key => g.3 += 1,
                    _ => groups.push((prev, key, at, 1)),
                }
            }
            let run = short.len();
            for &(_, _, _, i) in &order[from..to] {
                match &mut items[i as usize].0 {
                    // Nearly always one word per key: a short scan.
                    &mut Word::Short(lo, hi)
                        if !short[run..].iter().any(|w| (w.0, w.1) == (lo, hi)) =>
                    {
                        short.push((lo, hi, key, span));
                    }
                    Word::Long(s) => {
                        all.entry(std::mem::take(s)).or_insert(span);
                    }
                    Word::Short(..) => {}
                }
            }
            if short.len() > run {
                let f = (key >> filter_shift) as usize & !1;
                if span.singles > 0 {
                    set_bit(&mut filter, f);
                }
                if span.count > span.singles {
                    set_bit(&mut filter, f + 1);
                }
            }
            from = to;
        }
        // Freed before the tables are made, which can then reuse their memory.
        drop((items, order));
        let entries = sorted;
        // Load factor at most a half: a probe mostly ends at the first slot, and most probes
        // are stopped by the filter before they reach the table.
        let size = (short.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![Slot::default(); size];
        for &(lo, hi, key, span) in &short {
            let len = 16 - (u128::from(lo) | u128::from(hi) << 64).leading_zeros() as usize / 8;
            starts[len] |= 1 << (lo & 31);
            let mut at = key as usize & (size - 1);
            while slots[at].span.count != 0 {
                at = (at + 1) & (size - 1);
            }
            slots[at] = Slot { lo, hi, span };
        }
        // Load factor at most three quarters: the table is reached only past the filter.
        let pair_size = (groups.len() * 4 / 3 + 1).next_power_of_two().max(16);
        let mut pair_slots = vec![PairSlot::default(); pair_size];
        // About 32 bits per pair (up to the cap); the shift chooses a 64-bit word.
        let (mut pair_filter, pair_shift) = bitmap(groups.len(), 32, PAIR_FILTER_BITS);
        let pair_shift = pair_shift + 6;
        for &(prev, word, first, count) in &groups {
            let h = hash(prev, word);
            pair_filter[(h >> pair_shift) as usize] |= pair_mask(h);
            let mut i = h as usize & (pair_size - 1);
            while pair_slots[i].count != 0 {
                i = (i + 1) & (pair_size - 1);
            }
            pair_slots[i] = PairSlot {
                prev,
                word,
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
            pair_filter,
            pair_shift,
            pair_slots,
        }
    }
}

impl<T> WordIndex<T> {
    /// The text word `text[start..end]`, if it may be in the index: None turns most words
    /// away after a couple of loads.
    #[inline(always)]
    pub fn probe(&self, text: &str, start: usize, end: usize) -> Option<Probe> {
        let len = end - start;
        if let Some((lo, hi)) = text_key(text.as_bytes(), start, end) {
            if self.starts[len] & (1 << (lo & 31)) == 0 {
                return None;
            }
            let h = hash(lo, hi);
            let f = (h >> self.filter_shift) as usize & !1;
            let (singles, pairs) = (has_bit(&self.filter, f), has_bit(&self.filter, f + 1));
            return (singles || pairs).then_some(Probe {
                key: h,
                lo,
                hi,
                span: None,
                singles,
                pairs,
            });
        }
        // Beyond ASCII or long: folded, it may still be a short ASCII word ("ＣＰＣ").
        let word = Word::new(text[start..end].chars().map(fold));
        let key = word.key();
        let span = match &word {
            Word::Short(lo, hi) => self.span(&Probe {
                key,
                lo: *lo,
                hi: *hi,
                span: None,
                singles: true,
                pairs: true,
            }),
            Word::Long(s) => self.all.get(s).copied().unwrap_or_default(),
        };
        (span.count > 0).then_some(Probe {
            key,
            lo: 0,
            hi: 0,
            span: Some(span),
            singles: span.singles > 0,
            pairs: span.count > span.singles,
        })
    }

    /// For the word loop: whether the text word `text[start..end]` can be turned away at
    /// once (`Some(false)`), may have entries (`Some(true)`), or is not a short ASCII word
    /// (None: ask [`WordIndex::probe`]). `before` is the word before it in its piece, if any
    /// that a paired form may read (not the first word of the piece).
    ///
    /// Both filters are read for every word that passes the first-letter test, and the
    /// answer is combined without branching on either: a branch on the word filter's bits,
    /// which 44 % of a text's words pass for 50,000 forms, was mispredicted so often that the
    /// two cache misses of a word could not overlap with the next word's.
    #[inline(always)]
    pub fn screen(
        &self,
        text: &str,
        start: usize,
        end: usize,
        before: Option<(usize, usize)>,
    ) -> Option<bool> {
        let bytes = text.as_bytes();
        let len = end - start;
        let (lo, hi) = text_key(bytes, start, end)?;
        if self.starts[len] & (1 << (lo & 31)) == 0 {
            return Some(false);
        }
        let h = hash(lo, hi);
        let f = (h >> self.filter_shift) as usize & !1;
        let bits = self.filter[f / 64] >> (f % 64);
        let singles = bits & 1 != 0;
        let pairs = bits & 2 != 0;
        // The word before, if one plain gap byte (a space, tab, line end or hyphen) separates
        // it from this one and it is a short ASCII word: then its pair with this word is
        // tested in the pair filter. After any other ASCII byte no paired form matches; any
        // other gap is left to `probe`.
        let (ps, pe) = before.unwrap_or((start, start));
        let gap = GAP[bytes[pe.min(start.saturating_sub(1))] as usize];
        let ruled_out = before.is_some() & (gap == PairGap::Rules);
        let (simple, pk) = match text_key(bytes, ps, pe) {
            Some((plo, phi)) => (
                before.is_some() & (pe + 1 == start) & (gap == PairGap::Plain),
                hash(plo, phi),
            ),
            None => (false, 0),
        };
        let ph = hash(pk, h);
        let m = pair_mask(ph);
        let pair_hit = self.pair_filter[(ph >> self.pair_shift) as usize] & m == m;
        Some(singles | (pairs & !ruled_out & (!simple | pair_hit)))
    }

    /// Where the entries of a probed word are (none: the filter let a word through that the
    /// index does not hold).
    fn span(&self, p: &Probe) -> Span {
        if let Some(span) = p.span {
            return span;
        }
        let size = self.slots.len();
        let mut i = p.key as usize & (size - 1);
        loop {
            let s = &self.slots[i];
            if s.span.count == 0 || (s.lo == p.lo && s.hi == p.hi) {
                return s.span;
            }
            i = (i + 1) & (size - 1);
        }
    }

    fn range(&self, first: u32, count: u32) -> &[T] {
        &self.entries[first as usize..(first + count) as usize]
    }

    /// Every entry of a probed word, paired or not.
    pub fn all(&self, p: &Probe) -> &[T] {
        let s = self.span(p);
        self.range(s.first, s.count)
    }

    /// The entries of a probed word that stand for it whatever comes before it.
    #[inline]
    pub fn singles(&self, p: &Probe) -> &[T] {
        if !p.singles {
            return &[];
        }
        let s = self.span(p);
        self.range(s.first, s.singles)
    }

    /// Every paired entry of a probed word, whatever its word before.
    pub fn all_paired(&self, p: &Probe) -> &[T] {
        if !p.pairs {
            return &[];
        }
        let s = self.span(p);
        self.range(s.first + s.singles, s.count - s.singles)
    }

    /// The entries of a probed word paired with the word before it whose [`Word::key`] is
    /// `prev`.
    #[inline]
    pub fn paired(&self, p: &Probe, prev: u64) -> &[T] {
        if !p.pairs {
            return &[];
        }
        let h = hash(prev, p.key);
        if !self.pair_filter_passes(h) {
            return &[];
        }
        let size = self.pair_slots.len();
        let mut i = h as usize & (size - 1);
        loop {
            let s = &self.pair_slots[i];
            if s.count == 0 {
                return &[];
            }
            if s.prev == prev && s.word == p.key {
                return self.range(s.first, s.count);
            }
            i = (i + 1) & (size - 1);
        }
    }

    /// Whether the pair filter lets through the pair whose hash is `h` (the [`hash`] of the
    /// keys of the word before and the word).
    #[inline(always)]
    fn pair_filter_passes(&self, h: u64) -> bool {
        let m = pair_mask(h);
        self.pair_filter[(h >> self.pair_shift) as usize] & m == m
    }

    /// How many words the index holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.all.len() + self.slots.iter().filter(|s| s.span.count != 0).count()
    }

    /// Every entry of a word already folded (a word read across markup).
    pub fn lookup_folded(&self, word: &str) -> &[T] {
        let span = match Word::new(word.chars()) {
            Word::Short(lo, hi) => self.span(&Probe {
                key: hash(lo, hi),
                lo,
                hi,
                span: None,
                singles: true,
                pairs: true,
            }),
            Word::Long(s) => self.all.get(&s).copied().unwrap_or_default(),
        };
        self.range(span.first, span.count)
    }
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

    fn w(word: &str) -> Word {
        Word::new(word.chars())
    }

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
            (w("road"), None, 1),
            (w("roads"), None, 2),
            (w("café"), None, 3),
            (w(long), None, 4),
        ]);
        let text = format!("ROAD Roads CAFÉ {} roadx ＲＯＡＤ", long.to_uppercase());
        let found: Vec<Vec<i32>> = words(&text)
            .iter()
            .map(|w| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                match index.probe(&text, start, start + w.len()) {
                    Some(p) => index.all(&p).to_vec(),
                    None => Vec::new(),
                }
            })
            .collect();
        assert_eq!(
            found,
            [vec![1], vec![2], vec![3], vec![4], vec![], vec![1]],
            "full-width letters fold to a short ASCII word"
        );
        assert_eq!(index.lookup_folded("road"), [1]);
        assert_eq!(index.lookup_folded(long), [4]);
        assert_eq!(index.lookup_folded("café"), [3]);
        assert_eq!(index.lookup_folded("cafe"), [0; 0]);
        assert_eq!(index.len(), 4);
    }

    #[test]
    fn words_are_keyed_alike_from_chars_strings_and_text() {
        for word in [
            "a",
            "road",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "café",
            "ccp中",
        ] {
            let made = w(word);
            assert_eq!(
                matches!(made, Word::Short(..)),
                word.is_ascii() && word.len() <= 16,
                "{word}"
            );
            // The key the word table reads off text bytes, or the string hash.
            let expected = if word.is_ascii() && word.len() <= 16 {
                let mut buf = [0u8; 16];
                buf[..word.len()].copy_from_slice(word.as_bytes());
                let (lo, hi) = buf.split_at(8);
                hash(
                    u64::from_le_bytes(lo.try_into().unwrap()),
                    u64::from_le_bytes(hi.try_into().unwrap()),
                )
            } else {
                long_key(word)
            };
            assert_eq!(made.key(), expected, "{word}");
            let upper = word.to_uppercase();
            assert_eq!(
                text_word_key(&upper, 0, upper.len()),
                word_key(word),
                "{word}"
            );
        }
    }

    #[test]
    fn words_that_share_a_key_each_get_a_slot() {
        // Short words whose (lo, hi) hash alike: hi = lo * C ^ T. Forty of them once filled a
        // table sized by distinct keys, and inserting the seventeenth never ended.
        let collide = |lo: u64| (lo, lo.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x1234_5678);
        let items: Vec<(Word, Option<u64>, i32)> = (1..=40u64)
            .map(|n| {
                let (lo, hi) = collide(n);
                (Word::Short(lo, hi), None, n as i32)
            })
            .collect();
        assert!(items.windows(2).all(|w| w[0].0.key() == w[1].0.key()));
        let index = WordIndex::new(items);
        assert_eq!(index.len(), 40);
        for n in 1..=40u64 {
            let (lo, hi) = collide(n);
            let probe = Probe {
                key: hash(lo, hi),
                lo,
                hi,
                span: None,
                singles: true,
                pairs: false,
            };
            // One key: the words share their entries (the matcher verifies each).
            assert_eq!(index.all(&probe).len(), 40);
        }
    }

    #[test]
    fn a_full_pair_filter_finds_every_pair_and_lets_few_others_through() {
        // More pairs than the filter has room for at 32 bits each: it is at its cap.
        let n: u64 = 300_000;
        let key = |i: u64| hash(i.wrapping_mul(0x2545_F491_4F6C_DD1D), !i);
        let index = WordIndex::new(
            (0..n)
                .map(|i| (Word::Short(i % 5_000 + 1, 0), Some(key(i)), i as u32))
                .collect(),
        );
        assert_eq!(index.pair_filter.len() * 64, PAIR_FILTER_BITS);
        for i in (0..n).step_by(7) {
            let word = Word::Short(i % 5_000 + 1, 0).key();
            assert!(
                index.pair_filter_passes(hash(key(i), word)),
                "pair {i} filtered out"
            );
        }
        // Pairs that are not in the index: one bit per pair in 256 KiB let 13 % through.
        let through = (n..n + 100_000)
            .filter(|&i| {
                index.pair_filter_passes(hash(key(i), Word::Short(i % 5_000 + 1, 0).key()))
            })
            .count();
        assert!(
            through < 2_000,
            "{through} of 100,000 absent pairs let through"
        );
    }

    #[test]
    fn paired_entries_are_found_by_the_word_before() {
        let long = "internationalisation";
        let index = WordIndex::new(vec![
            (w("road"), Some(word_key("belt")), 1),
            (w("road"), None, 2),
            (w("road"), Some(word_key("silk")), 3),
            (w("road"), Some(word_key("belt")), 4),
            (w("road"), Some(word_key(long)), 5),
            (w("road"), Some(word_key("café")), 6),
            (w("way"), Some(word_key("belt")), 7),
        ]);
        let text = format!("BELT Silk {} CAFÉ road way", long.to_uppercase());
        let at = |w: &str| text.find(w).unwrap();
        let road = index.probe(&text, at("road"), at("road") + 4).unwrap();
        assert!(road.singles && road.pairs);
        assert_eq!(index.singles(&road), [2]);
        assert_eq!(index.all(&road).len(), 6);
        let before: Vec<Vec<i32>> = words(&text)[..4]
            .iter()
            .map(|w| {
                let start = w.as_ptr() as usize - text.as_ptr() as usize;
                let key = text_word_key(&text, start, start + w.len());
                index.paired(&road, key).to_vec()
            })
            .collect();
        assert_eq!(before, [vec![1, 4], vec![3], vec![5], vec![6]]);
        assert_eq!(index.paired(&road, word_key("way")), [0; 0]);
        let way = index.probe(&text, at("way"), at("way") + 3).unwrap();
        assert!(!way.singles && way.pairs);
        assert_eq!(index.singles(&way), [0; 0]);
        assert_eq!(index.paired(&way, word_key("belt")), [7]);
        assert_eq!(index.paired(&way, word_key("road")), [0; 0]);
        let mut paired = index.all_paired(&road).to_vec();
        paired.sort_unstable();
        assert_eq!(paired, [1, 3, 4, 5, 6]);
    }
}
