//! `termlint glossary export [FILE] --to tbx|toml`: a glossary for other tools.

use std::io::IsTerminal;
use std::path::Path;

use super::Status;
use super::args::ExportFormat;
use super::check::use_color;
use super::glossaries;

pub fn run(file: Option<&Path>, to: ExportFormat) -> Status {
    let color = use_color(
        super::args::ColorWhen::Auto,
        std::io::stderr().is_terminal(),
    );
    let glossary = match glossaries::given_or_nearest(file, "export", color) {
        Ok((_, g)) => g,
        Err(rendered) => {
            eprint!("{rendered}");
            return Status::Error;
        }
    };
    print!(
        "{}",
        match to {
            ExportFormat::Tbx => termlint::export::tbx::write(&glossary),
            ExportFormat::Toml => termlint::export::toml::write(&glossary),
        }
    );
    Status::Clean
}
