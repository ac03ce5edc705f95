//! Writing a glossary out: as termlint's own TOML ([`toml`], what `glossary import` prints)
//! or as TBX-Basic v3 ([`tbx`]) for terminology tools.

pub mod tbx;
pub mod toml;
