//! The command-line interface: everything that touches files, the terminal and exit codes.

mod args;
mod baseline;
mod check;
mod fix;
mod glossary;
mod init;
mod input;
mod man;
mod ordered;
mod problems;
mod replace;
mod report;
mod show_config;
mod terms;
mod walk;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// termlint's exit codes, for CI and pre-commit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    /// No finding at error severity.
    Clean = 0,
    /// At least one finding at error severity.
    Findings = 1,
    /// A usage, glossary or I/O error (wins over findings).
    Error = 2,
}

impl From<Status> for ExitCode {
    fn from(s: Status) -> ExitCode {
        ExitCode::from(s as u8)
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => check::run(*args).into(),
        Command::Config(args) => show_config::run(&args).into(),
        Command::Glossary {
            command: args::GlossaryCommand::Check { files, color },
        } => {
            // Several files (as pre-commit passes them): each is checked and reported on its
            // own; the worst status wins.
            if files.is_empty() {
                glossary::check::check(None, color).into()
            } else {
                files
                    .iter()
                    .map(|f| glossary::check::check(Some(f), color))
                    .max()
                    .unwrap_or(Status::Clean)
                    .into()
            }
        }
        Command::Glossary {
            command: args::GlossaryCommand::Import(args),
        } => glossary::import::run(&args).into(),
        Command::Glossary {
            command: args::GlossaryCommand::Suggest(args),
        } => glossary::suggest::run(&args).into(),
        Command::Glossary {
            command: args::GlossaryCommand::Export { file, to },
        } => glossary::export::run(file.as_deref(), to).into(),
        Command::Terms(args) => terms::run(&args).into(),
        Command::Lsp => match crate::lsp::run() {
            Ok(()) => Status::Clean.into(),
            Err(e) => {
                eprintln!("error: termlint lsp: {e}");
                Status::Error.into()
            }
        },
        Command::Completions { shell } => {
            let mut cmd = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(shell, &mut cmd, "termlint", &mut std::io::stdout());
            Status::Clean.into()
        }
        Command::Man(args) => man::run(&args).into(),
        Command::Init(args) => init::run(&args).into(),
    }
}
