//! termlint: checks translations against a terminology glossary.
//!
//! This library is the engine: it loads a glossary ([`Glossary`]), compiles it into one
//! automaton ([`Checker`]), and reports every deviant rendering in a text as a [`Finding`]
//! with a byte span. It does no I/O and never prints; the `termlint` binary walks files,
//! renders diagnostics and sets the exit code.
//!
//! ```
//! use termlint::{Checker, Format, Glossary};
//!
//! let glossary = Glossary::from_toml(r#"
//!     [[term]]
//!     id = "bri"
//!     preferred = "Belt and Road Initiative"
//!     deviants = ["One Belt, One Road"]
//! "#).unwrap();
//! let checker = Checker::new(glossary).unwrap();
//! let text = "China launched the One Belt,\nOne Road in 2013.";
//! let findings = checker.check(&Format::Plain.prose(text));
//! assert_eq!(findings.len(), 1);
//! assert_eq!(&text[findings[0].span.clone()], "One Belt,\nOne Road");
//! assert_eq!(findings[0].suggestion, "Belt and Road Initiative");
//! ```
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod bilingual;
pub mod casing;
mod checker;
pub mod diagnostic;
pub mod escape;
pub mod export;
pub mod finding;
pub mod fit;
pub mod fix;
pub mod fold;
pub mod formats;
#[doc(hidden)]
pub mod fuzzing;
pub mod glossary;
pub mod glossary_check;
pub mod ignore;
pub mod import;
pub mod inflect;
pub mod inserted;
pub mod language;
pub mod matcher;
pub mod pattern;
pub mod position;
pub mod project;
pub mod prose;
pub mod quotes;
pub mod rarity;
pub mod select;
pub mod suggest;
pub mod suppress;
pub mod titles;
pub mod urls;
mod verify;
mod words;

pub use checker::{Checker, Linted};
pub use finding::{Finding, FindingKind, Fix, Quotation, Related, Severity};
pub use formats::Format;
pub use glossary::{Glossary, GlossaryError, Term};
pub use matcher::BuildError;
pub use position::{Locator, Position};
pub use prose::Prose;
pub use suppress::DirectiveProblem;
