//! Command-line arguments (clap).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "termlint",
    version,
    about = "Checks translations against a terminology glossary",
    long_about = "Checks English drafts against a glossary of approved renderings \
                  (glossary.toml) and reports every deviant rendering, rustc-style.\n\n\
                  Exit codes: 0 no error-severity finding, 1 at least one, 2 usage, glossary \
                  or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files for deviant renderings of glossary terms.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check (directories recursively, honouring .gitignore and
    /// .ignore); `-` reads standard input. Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// The glossary for every file. Default: the nearest glossary.toml in each file's
    /// directory or above it (for standard input, above the current directory).
    #[arg(short, long, value_name = "FILE")]
    pub glossary: Option<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human, value_name = "FORMAT")]
    pub format: OutputFormat,

    /// When to colour human output. `auto` colours a terminal unless NO_COLOR is set or TERM is
    /// dumb; FORCE_COLOR forces colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Threads for walking and checking (default: one per core).
    #[arg(short = 'j', long, value_name = "N")]
    pub threads: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Compiler-style diagnostics with the offending words underlined.
    Human,
    /// One JSON array of findings.
    Json,
    /// One JSON object per finding, one per line.
    Jsonl,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
