//! Markdown, read through pulldown-cmark's source offsets.
//!
//! Checked: the text of paragraphs, headings, list items, table cells, block quotes, emphasis
//! and link text. Not checked: code spans and blocks, raw HTML, link destinations, math and
//! front matter (YAML `---` or TOML `+++`). Inline markup inside a paragraph does not break a
//! term (`community of *common destiny*` is found, its span covering the original bytes);
//! block boundaries, code spans and HTML do.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::fold::is_word_char;
use crate::prose::{Gap, Piece, Prose};
use crate::suppress;

pub fn prose(text: &str) -> Prose<'_> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
        | Options::ENABLE_MATH
        | Options::ENABLE_GFM;
    let mut pieces = Vec::new();
    let mut directives = Vec::new();
    // Inside a code block, HTML block or front matter: nothing is prose.
    let mut skip_depth = 0usize;
    // Whether the next piece continues the current paragraph.
    let mut joined = false;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        match event {
            Event::Text(_) if skip_depth == 0 => {
                pieces.push(Piece {
                    start: range.start,
                    end: range.end,
                    joined,
                    gap: Gap::Markup,
                });
                joined = true;
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::MetadataBlock(_)) => {
                skip_depth += 1;
                joined = false;
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::MetadataBlock(_)) => {
                skip_depth = skip_depth.saturating_sub(1);
                joined = false;
            }
            // Inline markup is transparent: the paragraph goes on across it.
            Event::Start(
                Tag::Emphasis
                | Tag::Strong
                | Tag::Strikethrough
                | Tag::Superscript
                | Tag::Subscript
                | Tag::Link { .. }
                | Tag::Image { .. },
            )
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Superscript
                | TagEnd::Subscript
                | TagEnd::Link
                | TagEnd::Image,
            )
            | Event::SoftBreak
            | Event::HardBreak => {}
            Event::Html(html) | Event::InlineHtml(html) => {
                // An HTML block's range ends after its newline; the comment does not.
                let end = range.start + text[range.clone()].trim_end().len();
                directives.extend(html_directives(&html, range.start..end));
                joined = false;
            }
            // Everything else (block boundaries, code spans, inline HTML, math, footnote
            // references, task markers, rules) is a barrier.
            _ => joined = false,
        }
    }
    let mut prose = Prose::from_pieces(text, pieces);
    prose.directives = directives;
    prose
}

/// Whether inline markup in `text` might join two words into one (`**C**CP`, `CC[P](url)`):
/// a byte that starts inline syntax between two pieces of a paragraph (emphasis,
/// strikethrough, super- and subscript, a link, an image or an autolink) right after a word
/// character, with a word character later in the same run of non-whitespace. (An escape is
/// always followed by punctuation, and an entity is read as part of the text around it.) Used
/// to skip parsing files in which nothing could match (see [`crate::Checker::read`]).
pub fn may_split_words(text: &str) -> bool {
    let bytes = text.as_bytes();
    let joins = |i: usize| {
        i > 0
            && (bytes[i] != b'!' || bytes.get(i + 1) == Some(&b'['))
            && text[..i].chars().next_back().is_some_and(is_word_char)
            && text[i + 1..]
                .chars()
                .take_while(|c| !c.is_whitespace())
                .any(is_word_char)
    };
    // Three vectorised passes for the nine bytes: most texts have few of them.
    let [a, b, c, d, e, f, g, h, i] = INLINE_MARKUP;
    memchr::memchr3_iter(a, b, c, bytes).any(joins)
        || memchr::memchr3_iter(d, e, f, bytes).any(joins)
        || memchr::memchr3_iter(g, h, i, bytes).any(joins)
}

/// The bytes that start inline markup a reader takes out from between two pieces of one
/// paragraph: emphasis, strikethrough, super- and subscript (`* _ ~ ^`), link and image syntax
/// (`[ ] ! <`) and an autolink's end (`>`). [`may_split_words`] looks for them inside a word.
const INLINE_MARKUP: [u8; 9] = [b'*', b'_', b'[', b']', b'<', b'>', b'~', b'^', b'!'];

/// Whether byte `b` may be markup that a reader takes out from between two words of one
/// paragraph, joining them: [`INLINE_MARKUP`], a block quote's marker on a continued line
/// (`>`), a backslash (an escape, a hard line break), an entity (`&`), and the `)` that ends
/// a link's destination (read backward from the words after a link, it comes before the
/// destination's words). Code spans, math and HTML end the paragraph's run of words instead.
pub fn is_markup_byte(b: u8) -> bool {
    INLINE_MARKUP.contains(&b) || matches!(b, b'\\' | b'&' | b')')
}

/// Directives in HTML comments: `<!-- termlint-disable-next-line cpc -->`.
fn html_directives(html: &str, range: std::ops::Range<usize>) -> Option<suppress::Directive> {
    let open = html.find("<!--")?;
    let body = &html[open + 4..];
    let body = &body[..body.find("-->")?];
    suppress::parse(body, range)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose_text(md: &str) -> Vec<String> {
        let p = prose(md);
        let mut paragraphs: Vec<String> = Vec::new();
        for piece in p.pieces() {
            let s = &md[piece.start..piece.end];
            match paragraphs.last_mut() {
                Some(last) if piece.joined => {
                    last.push('|');
                    last.push_str(s);
                }
                _ => paragraphs.push(s.to_string()),
            }
        }
        paragraphs
    }

    #[test]
    fn words_that_markup_might_split() {
        for md in [
            "**C**CP",
            "C*C*P",
            "CC[P](u)",
            "x_y",
            "[CC](http://x)P",
            "C![x](y)",
            "é*é*",
        ] {
            assert!(may_split_words(md), "{md}");
        }
        let never = [
            "Plain prose, no markup: R&D, 3 > 2.",
            "*emphasis* and **strong**.",
            "_a_ b",
            "x ]y",
            "late!\u{201D}",
            "",
        ];
        for md in never {
            assert!(!may_split_words(md), "{md}");
        }
        // What the shortcut relies on: an escape is followed by punctuation, and an entity is
        // part of the text around it, never a join between words.
        assert_eq!(prose_text("AT&amp;T a&#98;c"), ["AT&amp;T a&#98;c"]);
        assert_eq!(prose_text("a\\*b"), ["a|*b"]);
    }

    #[test]
    fn a_file_is_parsed_only_if_its_raw_text_could_match() {
        let glossary = crate::Glossary::from_toml(
            "[[term]]\nid = \"cpc\"\npreferred = \"CPC\"\ndeviants = [\"CCP\", \"Communist Party of China\"]\ncase_sensitive = true\n\n[[term]]\nid = \"k\"\npreferred = \"core policy\"\ndeviants = [\"key policy\", \"C#\"]\n",
        )
        .unwrap();
        let checker = crate::Checker::new(glossary).unwrap();
        let cases = [
            // A link's destination and title between the words (read backward, `)` comes
            // first); markup between a word and the form's edge punctuation.
            ("See the [key](# \"top\") policy.\n", true),
            ("Written in **C**#.\n", true),
            ("Written in C\\#.\n", true),
            ("A key (top) policy.\n", true),
            ("A key top policy, in C.\n", false),
            ("Nothing to see here.\n", false),
            ("The **CCP** said.\n", true),
            ("The **C**CP said.\n", true),
            ("`CCP` in code only.\n", true),
            ("Communist *Party* of\nChina.\n", true),
            ("<!-- termlint-disable cpc -->\nNothing.\n", true),
            ("The cpc, the CPC.\n", true),
            // A form's anchor word with no match and no markup among the words it spans.
            (
                "The Communist Party of Chile and a party of China.\n",
                false,
            ),
            ("*Emphasis* far away. Communist Party of Chile.\n", false),
            // Markup among those words: a match may cross it.
            ("> Communist Party of\n> China.\n", true),
            ("[Communist Party](x) of China.\n", true),
            ("Communist Party of\\\nChina.\n", true),
            ("Communist Party of Chile*s*.\n", true),
        ];
        for (md, parsed) in cases {
            let fast = checker.read(&crate::Format::Markdown, md).unwrap();
            let full = crate::Format::Markdown.read(md).unwrap();
            assert_eq!(!fast.pieces().is_empty(), parsed, "{md}");
            assert_eq!(
                format!("{:?}", checker.lint(&fast)),
                format!("{:?}", checker.lint(&full)),
                "{md}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Skipping the parse of a text whose raw words hold no match, and no markup among
        /// a form's words, never changes what is found.
        #[test]
        fn skipping_the_parse_never_changes_the_findings(
            parts in proptest::collection::vec((
                proptest::sample::select(vec![
                    "Communist Party of China", "of Chile", "CCP", "Party of Chile", "CP",
                    "key policy", "C #", "\" one China \"", "the key policy",
                ]),
                proptest::collection::vec(proptest::sample::select(vec![
                    " ", " ", "\n", "\n\n", "*", " *", "* ", "**", "_", " _", "~~", "^", "[",
                    " [", "](u) ", "](u)", "![", "\n> ", "> ", "\\\n", "\\", "&amp;", "`",
                    "<b>", "<", ">", "-", ", ", ".", "\n- ", "\n    ", "#", "|", "s",
                    "](#) ", "](# \"t\") ", "]( u ) ", "\"", "", "", "(", ")",
                ]), 8),
            ), 1..4)
        ) {
            // Each part: a form's words with a separator (whitespace or markup) between them.
            let md: String = parts
                .iter()
                .map(|(form, seps)| {
                    let mut out = seps[0].to_string();
                    for (i, word) in form.split(' ').enumerate() {
                        if i > 0 {
                            out.push_str(seps[i]);
                        }
                        out.push_str(word);
                    }
                    out.push_str(seps[7]);
                    out
                })
                .collect();
            let glossary = crate::Glossary::from_toml(
                "[[term]]\nid = \"cpc\"\npreferred = \"CPC\"\ndeviants = [\"CCP\", \"Communist Party of China\"]\ncase_sensitive = true\n\n[[term]]\nid = \"p\"\npreferred = \"party\"\ndeviants = [\"of Chile\"]\n\n[[term]]\nid = \"k\"\npreferred = \"core policy\"\ndeviants = [\"key policy\", \"C#\", \"\\\"one China\\\"\"]\n",
            )
            .unwrap();
            let checker = crate::Checker::new(glossary).unwrap();
            let fast = checker.read(&crate::Format::Markdown, &md).unwrap();
            let full = crate::Format::Markdown.read(&md).unwrap();
            proptest::prop_assert_eq!(
                format!("{:?}", checker.lint(&fast)),
                format!("{:?}", checker.lint(&full)),
                "{:?}", md
            );
        }
    }

    #[test]
    fn prose_pieces_and_barriers() {
        let md = "---\ntitle: CCP\n---\n# Head\n\nOne *two* `code` three\n\n```\ncode\n```\n\n[link](http://x) tail\n";
        assert_eq!(
            prose_text(md),
            ["Head", "One |two| ", " three", "link| tail"]
        );
    }
}
