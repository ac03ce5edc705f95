//! Entities a document's DTD declares (`<!ENTITY co "Acme">`): how much text references to
//! them make, bounded before parsing, and what one reference reads as.
//!
//! roxmltree expands entities while it parses and bounds only their nesting (10 levels) and
//! the references inside one reference (255), not the references in the document itself: 400
//! references to an entity of 255 references to a 1 KB entity make 100 MB of text from a 3 KB
//! file, and a few more make gigabytes. So the expanded size is estimated from the
//! declarations first, and a file whose entities would expand beyond [`limit`] is refused
//! before roxmltree sees it. Hand-written: no XML crate reports the declarations of a DTD
//! without expanding them.

use std::collections::HashMap;
use std::ops::Range;

use memchr::memmem;

/// The least expansion allowed, whatever the file's size. Measured: roxmltree reads text made
/// by entities at 25 to 100 MB/s (the slower when a value holds a character reference, as
/// `&#160;`), so a file of a few KB takes at most a fifth of a second and about 40 MB.
const MIN_LIMIT: u64 = 16 << 20;

/// What an element (any `<`) in an entity's value counts for in the expansion: about what
/// roxmltree keeps in memory for a node. Measured: 65 MB of `<x/>` through entities took 13 s
/// and 1.1 GB to parse; counted this way, entities make at most a million nodes.
const ELEMENT_WEIGHT: u64 = 64;

/// The most text the entity references of a file of `len` bytes may expand to: ten times the
/// file, rounded up to whole MiB, and at least 16 MiB.
pub fn limit(len: usize) -> u64 {
    const MIB: u64 = 1 << 20;
    (len as u64)
        .saturating_mul(10)
        .div_ceil(MIB)
        .saturating_mul(MIB)
        .max(MIN_LIMIT)
}

/// Whether the entity references in `text` stay within [`limit`]`(text.len())` once
/// expanded; if not, why, in words. An over-estimate, cheap, and safe on any input:
///
/// - every `<!ENTITY` in the text counts as a declaration (one in a comment too), and a name
///   declared twice counts at its largest;
/// - an entity's size is its value's length, each `<` in it counting [`ELEMENT_WEIGHT`]
///   bytes, plus the full size of every reference in it;
/// - every reference outside the values of the DTD's declarations counts at the top level,
///   the ones in comments and CDATA sections too.
///
/// An entity that refers to itself (XML does not allow it) is refused even unused: roxmltree
/// reports such a loop only after expanding up to 255 references of it. A file without
/// `<!ENTITY` has only the predefined and character references, each shorter than what it
/// stands for: nothing to count.
pub fn check(text: &str) -> Result<(), String> {
    check_within(text, limit(text.len()))
}

/// [`check`] against a limit of `limit` bytes (the fuzz targets parse only small expansions:
/// instrumented, roxmltree reads entity text at about a megabyte a second).
pub(crate) fn check_within(text: &str, limit: u64) -> Result<(), String> {
    let bytes = text.as_bytes();
    if memmem::find(bytes, b"<!ENTITY").is_none() {
        return Ok(());
    }
    // Names, each with its largest value length and the references in its values.
    let mut names: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut own: Vec<u64> = Vec::new();
    let mut values: Vec<Vec<Range<usize>>> = Vec::new();
    for at in memmem::find_iter(bytes, b"<!ENTITY") {
        let Some(d) = declaration(text, at) else {
            continue;
        };
        let Some(value) = d.value else { continue };
        let i = *index.entry(d.name).or_insert(names.len());
        if i == names.len() {
            names.push(d.name);
            own.push(0);
            values.push(Vec::new());
        }
        let elements = memchr::memchr_iter(b'<', &bytes[value.clone()]).count() as u64;
        let weight = value.len() as u64 + elements * (ELEMENT_WEIGHT - 1);
        own[i] = own[i].max(weight);
        values[i].push(value);
    }
    let longest = names.iter().map(|n| n.len()).max().unwrap_or(0);
    let children: Vec<Vec<usize>> = values
        .iter()
        .map(|vs| {
            vs.iter()
                .flat_map(|v| references(text, v.clone(), longest))
                .filter_map(|(name, _)| index.get(name).copied())
                .collect()
        })
        .collect();
    let (size, looped) = sizes(&own, &children);
    if let Some(i) = looped {
        return Err(format!(
            "XML entity \"{}\" refers to itself (in its own text or through other entities)",
            names[i]
        ));
    }
    // The references inside the values of the DTD's own declarations count with their
    // entity, not again at the top level (a long chain would count over and over).
    let inside: Vec<Range<usize>> = internal_subset(text)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|d| d.value)
        .collect();
    let mut next_value = 0;
    let mut total: u64 = 0;
    for (name, at) in references(text, 0..text.len(), longest) {
        while inside.get(next_value).is_some_and(|v| v.end <= at.start) {
            next_value += 1;
        }
        if inside.get(next_value).is_some_and(|v| v.start <= at.start) {
            continue;
        }
        if let Some(&i) = index.get(name) {
            total = total.saturating_add(size[i]);
            if total > limit {
                return Err(format!(
                    "XML entities expand to more than {} MiB, the limit for this file (10 times its size, at least 16 MiB, an element counting {ELEMENT_WEIGHT} bytes)",
                    limit >> 20
                ));
            }
        }
    }
    Ok(())
}

/// Each entity's expanded size (saturating), by a depth-first walk without recursion (a chain
/// of a hundred thousand entities is a few megabytes of text), and an entity found to refer
/// to itself, if any.
fn sizes(own: &[u64], children: &[Vec<usize>]) -> (Vec<u64>, Option<usize>) {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let mut state = vec![NEW; own.len()];
    let mut size = own.to_vec();
    for root in 0..own.len() {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        let mut stack = vec![(root, 0)];
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&child) = children[node].get(*next) {
                *next += 1;
                match state[child] {
                    NEW => {
                        state[child] = OPEN;
                        stack.push((child, 0));
                    }
                    OPEN => return (size, Some(child)),
                    _ => size[node] = size[node].saturating_add(size[child]),
                }
                continue;
            }
            stack.pop();
            state[node] = DONE;
            if let Some(&(parent, _)) = stack.last() {
                size[parent] = size[parent].saturating_add(size[node]);
            }
        }
    }
    (size, None)
}

/// The references `&name;` in `text[range]` with a name up to `longest` bytes, as the name
/// and the reference's byte range. Character references (`&#...;`) are left out.
fn references(
    text: &str,
    range: Range<usize>,
    longest: usize,
) -> impl Iterator<Item = (&str, Range<usize>)> {
    let bytes = &text.as_bytes()[..range.end];
    memchr::memchr_iter(b'&', &bytes[range.start..]).filter_map(move |i| {
        let at = range.start + i;
        let rest = &bytes[at + 1..];
        let semi = memchr::memchr(b';', &rest[..rest.len().min(longest + 1)])?;
        let name = text.get(at + 1..at + 1 + semi)?;
        (!name.is_empty() && !name.starts_with('#')).then(|| (name, at..at + semi + 2))
    })
}

/// One `<!ENTITY` declaration.
struct Declaration<'t> {
    name: &'t str,
    /// The byte range of the value between its quotes; None for an external entity, which
    /// termlint never reads.
    value: Option<Range<usize>>,
    /// Where the declaration ends, after its `>`.
    end: usize,
}

/// The declaration at byte `at` (which starts `<!ENTITY`), read as roxmltree reads it:
/// `<!ENTITY` S (`%` S)? Name S (EntityValue | ExternalID (S NDATA S Name)?) S? `>`. A
/// parameter entity (`%`) is kept like a general one, as roxmltree does. None if malformed.
fn declaration(text: &str, at: usize) -> Option<Declaration<'_>> {
    let b = text.as_bytes();
    let mut i = at + "<!ENTITY".len();
    i = spaces(b, i, true)?;
    if b.get(i) == Some(&b'%') {
        i = spaces(b, i + 1, true)?;
    }
    let start = i;
    while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'"' | b'\'' | b'>') {
        i += 1;
    }
    let name = text.get(start..i).filter(|n| !n.is_empty())?;
    i = spaces(b, i, true)?;
    let value = match b.get(i)? {
        b'"' | b'\'' => {
            let (range, after) = quoted(b, i)?;
            i = after;
            Some(range)
        }
        _ => {
            i = external_id(b, i)?;
            let after = spaces(b, i, false)?;
            if b[after..].starts_with(b"NDATA") {
                i = spaces(b, after + 5, true)?;
                while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                    i += 1;
                }
            }
            None
        }
    };
    i = spaces(b, i, false)?;
    (b.get(i) == Some(&b'>')).then_some(Declaration {
        name,
        value,
        end: i + 1,
    })
}

/// `SYSTEM` S literal, or `PUBLIC` S literal S literal, at `i`; the index after it.
fn external_id(b: &[u8], i: usize) -> Option<usize> {
    let literals = if b[i..].starts_with(b"SYSTEM") {
        1
    } else if b[i..].starts_with(b"PUBLIC") {
        2
    } else {
        return None;
    };
    let mut i = i + 6;
    for _ in 0..literals {
        i = spaces(b, i, true)?;
        i = quoted(b, i)?.1;
    }
    Some(i)
}

/// The quoted literal at `i`: the range inside the quotes and the index after them.
fn quoted(b: &[u8], i: usize) -> Option<(Range<usize>, usize)> {
    let quote = *b.get(i).filter(|q| matches!(q, b'"' | b'\''))?;
    let end = i + 1 + memchr::memchr(quote, &b[i + 1..])?;
    Some((i + 1..end, end + 1))
}

fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n')
}

/// The index after the XML white space at `i`; None if `required` and there is none.
fn spaces(b: &[u8], mut i: usize, required: bool) -> Option<usize> {
    let start = i;
    while i < b.len() && is_space(b[i]) {
        i += 1;
    }
    (!required || i > start).then_some(i)
}

/// The general entities of a document roxmltree has parsed, for the readers: what a
/// reference reads as.
#[derive(Debug, Default)]
pub struct Entities<'t> {
    text: &'t str,
    /// Name to value range, the first declaration of a name winning, as in roxmltree.
    values: HashMap<&'t str, Range<usize>>,
}

impl<'t> Entities<'t> {
    /// The entities declared in the internal subset of `text`'s DTD, read the way roxmltree
    /// reads it (the document has parsed, so the DTD is well-formed).
    pub fn declared(text: &'t str) -> Entities<'t> {
        let mut values = HashMap::new();
        for d in internal_subset(text).unwrap_or_default() {
            if let Some(v) = d.value {
                values.entry(d.name).or_insert(v);
            }
        }
        Entities { text, values }
    }

    /// What a reference to `name` reads as: references in it expanded (10 levels deep, as
    /// roxmltree allows), character references decoded, CDATA sections as their content,
    /// tags, comments and processing instructions left out. None if `name` is not declared.
    pub fn replacement(&self, name: &str) -> Option<String> {
        let mut out = String::new();
        self.expand(name, 0, &mut out).then_some(out)
    }

    fn expand(&self, name: &str, depth: usize, out: &mut String) -> bool {
        let Some(range) = self.values.get(name) else {
            return false;
        };
        if depth > 10 {
            return true;
        }
        let value = &self.text[range.clone()];
        let mut rest = value;
        while let Some(i) = rest.find(['&', '<']) {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            if rest.starts_with('&') {
                let Some(semi) = rest.find(';') else { break };
                let name = &rest[1..semi];
                match character(name) {
                    Some(c) => out.push(c),
                    None => {
                        self.expand(name, depth + 1, out);
                    }
                }
                rest = &rest[semi + 1..];
            } else if let Some(cdata) = rest.strip_prefix("<![CDATA[") {
                let end = cdata.find("]]>").unwrap_or(cdata.len());
                out.push_str(&cdata[..end]);
                rest = cdata.get(end + 3..).unwrap_or("");
            } else {
                let close = if rest.starts_with("<!--") { "-->" } else { ">" };
                match rest.find(close) {
                    Some(end) => rest = &rest[end + close.len()..],
                    None => rest = "",
                }
            }
        }
        out.push_str(rest);
        true
    }
}

/// The entity declarations of the DTD's internal subset, read the way roxmltree reads it:
/// after an optional byte order mark, XML declaration, comments and processing instructions,
/// `<!DOCTYPE` Name ExternalID? `[`, then declarations, comments and processing instructions
/// up to `]`. None if there is no internal subset, or it is not read to its end (roxmltree
/// would not read it either).
fn internal_subset(text: &str) -> Option<Vec<Declaration<'_>>> {
    let b = text.as_bytes();
    memmem::find(b, b"<!ENTITY")?;
    let mut i = if b.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    loop {
        i = spaces(b, i, false)?;
        let rest = &b[i..];
        if rest.starts_with(b"<?") {
            i += 2 + memmem::find(&rest[2..], b"?>")? + 2;
        } else if rest.starts_with(b"<!--") {
            i += 4 + memmem::find(&rest[4..], b"-->")? + 3;
        } else {
            break;
        }
    }
    if !b[i..].starts_with(b"<!DOCTYPE") {
        return None;
    }
    i = spaces(b, i + 9, true)?;
    while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'[' | b'>') {
        i += 1;
    }
    i = spaces(b, i, false)?;
    if matches!(b.get(i), Some(b'S' | b'P')) {
        i = spaces(b, external_id(b, i)?, false)?;
    }
    if b.get(i) != Some(&b'[') {
        return None;
    }
    i += 1;
    let mut declarations = Vec::new();
    loop {
        i = spaces(b, i, false)?;
        let rest = &b[i..];
        if rest.starts_with(b"<!ENTITY") {
            let d = declaration(text, i)?;
            i = d.end;
            declarations.push(d);
        } else if rest.starts_with(b"<!--") {
            i += 4 + memmem::find(&rest[4..], b"-->")? + 3;
        } else if rest.starts_with(b"<?") {
            i += 2 + memmem::find(&rest[2..], b"?>")? + 2;
        } else if rest.starts_with(b"<!") {
            // ELEMENT, ATTLIST, NOTATION: up to the first `>`, as roxmltree skips them.
            i += memchr::memchr(b'>', rest)? + 1;
        } else if rest.starts_with(b"]") {
            return Some(declarations);
        } else {
            return None;
        }
    }
}

/// The character a predefined entity (`amp`, `lt`, `gt`, `quot`, `apos`) or a character
/// reference (`#160`, `#xA0`) stands for, given the text between `&` and `;`.
pub fn character(name: &str) -> Option<char> {
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        n if n.starts_with("#x") => u32::from_str_radix(&n[2..], 16)
            .ok()
            .and_then(char::from_u32),
        n if n.starts_with('#') => n[1..].parse().ok().and_then(char::from_u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_ok(text: &str) -> bool {
        check(text).is_ok()
    }

    fn dtd(entities: &str, body: &str) -> String {
        format!("<?xml version=\"1.0\"?>\n<!DOCTYPE r [\n{entities}\n]>\n<r>{body}</r>")
    }

    #[test]
    fn the_limit_is_ten_times_the_file_and_at_least_16_mib() {
        assert_eq!(limit(0), 16 << 20);
        assert_eq!(limit(1 << 20), 16 << 20);
        assert_eq!(limit((3 << 20) / 2), 16 << 20);
        assert_eq!(limit(2 << 20), 20 << 20);
        assert_eq!(limit(7 << 20), 70 << 20);
        assert_eq!(limit((7 << 20) + 1), 71 << 20);
    }

    #[test]
    fn sizes_multiply_through_nesting_and_loops_are_refused() {
        let a = "x".repeat(1000);
        let b = "&a;".repeat(255);
        let decls = format!("<!ENTITY a \"{a}\">\n<!ENTITY b '{b}'>");
        // About 255 KB per reference to b: 66 of them pass 16 MiB.
        assert!(check_ok(&dtd(&decls, &"&b;".repeat(65))));
        assert!(!check_ok(&dtd(&decls, &"&b;".repeat(66))));
        // A name declared twice counts at its largest; a declaration in a comment counts.
        let twice = format!("<!ENTITY b \"small\">\n{decls}\n<!-- <!ENTITY a \"{a}{a}\"> -->");
        assert!(!check_ok(&dtd(&twice, &"&b;".repeat(50))));
        // An element counts 64 bytes: a reference to b is 30 bytes and 10 of `<x/>` at 67,
        // 700 in all, and 23,968 of them pass 16 MiB.
        let elements = "<!ENTITY a \"<x/>\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">";
        assert!(check_ok(&dtd(elements, &"&b;".repeat(23_900))));
        assert!(!check_ok(&dtd(elements, &"&b;".repeat(24_000))));
        let looped = "<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">";
        assert_eq!(
            check(&dtd(looped, "no reference")),
            Err(
                "XML entity \"a\" refers to itself (in its own text or through other entities)"
                    .to_string()
            )
        );
        assert!(!check_ok(&dtd("<!ENTITY a \"x&a;\">", "&a;")));
        // A long chain is walked without recursion.
        let chain: String = (0..100_000)
            .map(|i| format!("<!ENTITY e{i} \"&e{};\">", i + 1))
            .collect();
        assert!(check_ok(&dtd(&chain, "&e0;")));
    }

    #[test]
    fn declarations_and_replacements_as_roxmltree_reads_them() {
        let text = dtd(
            "<!-- <!ENTITY co \"commented\"> --><!ELEMENT r ANY><?pi x?>\n\
             <!ENTITY co 'Acme &amp; &sub;'>\n<!ENTITY % pe \"x\">\n\
             <!ENTITY ext SYSTEM \"a>b.xml\" NDATA gif>\n\
             <!ENTITY sub \"<b>Sons</b><!-- c -->&#x21;<![CDATA[<i>]]>\">\n<!ENTITY co \"second\">",
            "&co;",
        );
        roxmltree::Document::parse_with_options(
            &text,
            roxmltree::ParsingOptions {
                allow_dtd: true,
                ..Default::default()
            },
        )
        .unwrap();
        let e = Entities::declared(&text);
        assert_eq!(e.replacement("co").as_deref(), Some("Acme & Sons!<i>"));
        assert_eq!(e.replacement("pe").as_deref(), Some("x"));
        assert_eq!(e.replacement("ext"), None);
        assert_eq!(e.replacement("nope"), None);
    }
}
