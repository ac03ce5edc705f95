//! Text the draft reports rather than renders: `ignore` patterns.
//!
//! A project can say which text is not the translator's own: a journalist's question in a
//! press-conference transcript ("Q: ... the Chinese Communist Party ..."), a reference list
//! keeping published titles. Each pattern is a regular expression over the text of a file
//! (the `regex` crate's syntax; `^` and `$` match at line starts and ends). Text a pattern
//! matches is still read (a term there still counts as a rendering in bilingual files), but
//! no finding that starts inside a match is reported.

use std::ops::Range;

use regex::{Regex, RegexBuilder};

/// Compiled `ignore` patterns.
#[derive(Clone, Debug, Default)]
pub struct Ignore {
    patterns: Vec<Regex>,
}

/// A pattern that does not compile: its index and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatternError {
    pub index: usize,
    pub message: String,
}

impl Ignore {
    /// Compiles the patterns, each in multi-line mode.
    pub fn new(patterns: &[String]) -> Result<Ignore, PatternError> {
        let patterns = patterns
            .iter()
            .enumerate()
            .map(|(index, p)| {
                RegexBuilder::new(p)
                    .multi_line(true)
                    // Patterns come from a project's own configuration, but a runaway one must
                    // still fail to compile rather than eat the memory.
                    .size_limit(1 << 22)
                    .build()
                    .map_err(|e| PatternError {
                        index,
                        message: e.to_string(),
                    })
            })
            .collect::<Result<_, _>>()?;
        Ok(Ignore { patterns })
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// The ranges of `text` the patterns match, sorted by start (they may overlap).
    pub fn ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = self
            .patterns
            .iter()
            .flat_map(|p| p.find_iter(text).map(|m| m.range()))
            .filter(|r| !r.is_empty())
            .collect();
        out.sort_unstable_by_key(|r| r.start);
        out
    }
}

/// Whether `offset` lies in one of `ranges` (sorted by start).
pub fn covers(ranges: &[Range<usize>], offset: usize) -> bool {
    // Ranges may overlap, so look at every range starting at or before `offset` whose end
    // could reach it: the running maximum of ends decides.
    let k = ranges.partition_point(|r| r.start <= offset);
    ranges[..k].iter().any(|r| r.end > offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_errors() {
        let ig = Ignore::new(&["^Q:.*$".to_string(), r"(?i)reuters:".to_string()]).unwrap();
        let text = "A: fine.\nQ: the CCP said\nReuters: x";
        let r = ig.ranges(text);
        assert_eq!(r, [9..24, 25..33]);
        assert!(covers(&r, 12) && !covers(&r, 3) && covers(&r, 25));
        let e = Ignore::new(&["ok".to_string(), "(unclosed".to_string()]).unwrap_err();
        assert_eq!(e.index, 1);
        assert!(e.message.contains("unclosed group"), "{}", e.message);
    }
}
