//! Byte offsets to line and column numbers, computed only for the offsets that need them.
//!
//! Lines are 1-based and end at `\n` (so CRLF and LF files give the same numbers); columns
//! are 1-based and count Unicode scalar values, so a CJK character or an NBSP is one column.

/// A line and column, both 1-based.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Finds positions of offsets given in ascending order, scanning the text once in all.
pub struct Locator<'a> {
    text: &'a str,
    /// The last offset asked for and its position (kept so that many findings on one huge
    /// line do not each count the line from its start).
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Locator<'a> {
        Locator {
            text,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    /// The position of byte `offset` (clamped to the text, rounded down to a char boundary).
    /// Cheapest in ascending order; going back costs the distance moved (and, across a line
    /// break, the length of the line landed on), never a rescan from the start.
    /// A locator that knows `offset` (a char boundary) is at `position`: locating from
    /// there on does not count the lines before it again (a long text reported a window at
    /// a time).
    pub fn resume(text: &'a str, offset: usize, position: Position) -> Locator<'a> {
        Locator {
            text,
            offset,
            line: position.line,
            column: position.column,
        }
    }

    pub fn locate(&mut self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            // Bilingual findings overlap (a missing rendering spans the line a deviant is on),
            // so records ask for positions slightly out of order.
            let back = &self.text.as_bytes()[offset..self.offset];
            let newlines = memchr::memchr_iter(b'\n', back).count();
            if newlines == 0 {
                self.column -= self.text[offset..self.offset].chars().count();
            } else {
                self.line -= newlines;
                let start =
                    memchr::memrchr(b'\n', &self.text.as_bytes()[..offset]).map_or(0, |i| i + 1);
                self.column = 1 + self.text[start..offset].chars().count();
            }
            self.offset = offset;
            return Position {
                line: self.line,
                column: self.column,
            };
        }
        let bytes = &self.text.as_bytes()[self.offset..offset];
        let from = match memchr::memrchr(b'\n', bytes) {
            Some(i) => {
                self.line += memchr::memchr_iter(b'\n', bytes).count();
                self.column = 1;
                self.offset + i + 1
            }
            None => self.offset,
        };
        self.column += self.text[from..offset].chars().count();
        self.offset = offset;
        Position {
            line: self.line,
            column: self.column,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let text = "ab\r\n人a\u{a0}b\nc";
        let mut l = Locator::new(text);
        assert_eq!(l.locate(0), Position { line: 1, column: 1 });
        let b = text.find('b').unwrap();
        assert_eq!(l.locate(b), Position { line: 1, column: 2 });
        let a = text.find("a\u{a0}").unwrap();
        assert_eq!(l.locate(a), Position { line: 2, column: 2 });
        let b2 = text.rfind('b').unwrap();
        assert_eq!(l.locate(b2), Position { line: 2, column: 4 });
        assert_eq!(l.locate(text.len()), Position { line: 3, column: 2 });
        assert_eq!(l.locate(1), Position { line: 1, column: 2 }, "going back");
    }

    #[test]
    fn any_order_gives_the_positions_of_a_fresh_scan() {
        let text = "一带

ab c
人类 d
e";
        let offsets: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let fresh = |o: usize| Locator::new(text).locate(o);
        let mut l = Locator::new(text);
        // Forward, backward, and jumping about.
        for &o in offsets.iter().chain(offsets.iter().rev()) {
            assert_eq!(l.locate(o), fresh(o), "offset {o}");
        }
        for k in 0..offsets.len() {
            let o = offsets[(k * 7) % offsets.len()];
            assert_eq!(l.locate(o), fresh(o), "offset {o}");
        }
    }
}
