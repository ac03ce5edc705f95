//! `termlint glossary export [FILE] --to tbx|toml`: a glossary for other tools.

use std::io::IsTerminal;
use std::path::Path;

use crate::cli::Status;
use crate::cli::args::ExportFormat;
use crate::cli::check::use_color;

pub fn run(file: Option<&Path>, to: ExportFormat) -> Status {
    let color = use_color(
        crate::cli::args::ColorWhen::Auto,
        std::io::stderr().is_terminal(),
    );
    let glossary = match super::given_or_nearest(file, "export", color) {
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
