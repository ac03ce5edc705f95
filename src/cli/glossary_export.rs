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
    let cwd = std::env::current_dir().unwrap_or_default();
    let Some(path) = file
        .map(Path::to_path_buf)
        .or_else(|| glossaries::discover(&cwd))
    else {
        eprint!("{}", glossaries::missing(&cwd));
        return Status::Error;
    };
    let glossary = match glossaries::load(&path, color) {
        Ok(g) => g,
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
