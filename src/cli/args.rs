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
                  Exit codes: 0 no failing finding, 1 findings that fail the run, 2 usage, \
                  configuration, glossary or I/O error."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files for deviant renderings of glossary terms.
    Check(Box<CheckArgs>),
    /// Print the configuration that applies to a file or directory.
    Config(ConfigArgs),
    /// Check a glossary, import termbases into one, find renderings it lacks, or export it.
    Glossary {
        #[command(subcommand)]
        command: GlossaryCommand,
    },
    /// List the terms of the glossary in force, or those matching QUERY.
    Terms(TermsArgs),
    /// Run the language server (LSP over standard input and output) for editors.
    Lsp,
    /// Print a shell completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a man page (roff), or write them all with --dir.
    Man(ManArgs),
    /// Start a project: write termlint.toml and glossary.toml (empty with examples, or
    /// imported from termbases), then print the pre-commit and CI snippets. Never overwrites.
    Init(InitArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Termbases to import into glossary.toml (TBX, CSV/TSV, lexicons; as `glossary import`).
    /// None: an empty glossary with commented examples.
    #[arg(value_name = "TERMBASE")]
    pub termbases: Vec<PathBuf>,

    /// Where to create the files (default: the current directory).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,

    #[command(flatten)]
    pub termbase: TermbaseArgs,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `check` or `glossary import` (default: the page
    /// of termlint itself).
    #[arg(value_name = "COMMAND", conflicts_with = "dir")]
    pub command: Vec<String>,

    /// Write every page into DIR (created if need be): termlint.1 and one per command, such as
    /// termlint-check.1 and termlint-glossary-import.1.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum GlossaryCommand {
    /// Validate a glossary without checking any draft: the loading checks, then deviants that
    /// can never be reported, deviants containing another term's approved rendering, and each
    /// term's `examples` (every bad one must give exactly one finding, every good one none).
    /// Exit codes: 0 clean, 1 problems, 2 the glossary does not load.
    Check {
        /// The glossaries, each checked on its own (default: the nearest glossary.toml above
        /// the current directory).
        #[arg(value_name = "FILE")]
        files: Vec<PathBuf>,
        /// When to colour the diagnostics.
        #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
        color: ColorWhen,
    },
    /// Convert termbases to a glossary.toml, printed on standard output: TBX (v2 and v3),
    /// CSV/TSV tables and `source|target` lexicons. Several files are merged, the first winning
    /// on conflict; what was merged or dropped is listed on standard error.
    Import(ImportArgs),
    /// Find renderings in drafts that the glossary does not list: per term, the phrases that
    /// translate its source in bilingual files where no form of it is used, and phrases in any
    /// draft that share all but one of a form's words. Printed as TOML lines to paste into
    /// `deviants` (or `admitted`), with counts and a context each.
    Suggest(SuggestArgs),
    /// Print a glossary as TBX-Basic v3 (or as normalised TOML), for terminology tools.
    Export {
        /// The glossary (default: the nearest glossary.toml above the current directory).
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Tbx, value_name = "FORMAT")]
        to: ExportFormat,
    },
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// Files and directories to read (directories recursively, as `check` walks them).
    /// Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub settings: SettingsArgs,

    /// Read .tsv and .csv files as bilingual tables, as `check --columns` does.
    #[arg(long, value_name = "SOURCE,TARGET[,document=COL]", value_parser = termlint::formats::table::Columns::parse)]
    pub columns: Option<termlint::formats::table::Columns>,

    /// Only phrases found at least N times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: usize,

    /// At most N phrases per term.
    #[arg(long, value_name = "N", default_value_t = 10)]
    pub top: usize,

    /// When to colour error messages.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The files to import.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,

    #[command(flatten)]
    pub termbase: TermbaseArgs,
}

/// How termbases are read: by `glossary import`, and by `init` for the glossary it writes.
#[derive(Clone, Debug, Args)]
pub struct TermbaseArgs {
    /// The files' format (default: from the extension: .tbx/.xml, .csv, .tsv/.tab/.txt, .lex).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub from: Option<ImportFormat>,

    /// For tables: SOURCE,TARGET[,DEVIANTS] then role=COLUMN items (admitted, deviants, note,
    /// subject); columns by header name or 1-based number. Example: `zh,en,admitted=en_alt`.
    #[arg(long, value_name = "SPEC", default_value = "1,2")]
    pub columns: String,

    /// The source language (default: the file's other language, else zh).
    #[arg(long, value_name = "LANG")]
    pub source_lang: Option<String>,

    /// The target language (default: en if the file has it).
    #[arg(long, value_name = "LANG")]
    pub target_lang: Option<String>,

    /// Read handbook notation in renderings: `a/b` is either word, `(x)` is optional; each
    /// reading becomes a form, the fullest preferred.
    #[arg(long)]
    pub expand_alternatives: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// TBX v2 (martif) or v3 (tbx), DCA or DCT style.
    Tbx,
    /// Comma-separated values (RFC 4180 quoting).
    Csv,
    /// Tab-separated values.
    Tsv,
    /// `source|rendering` lines, `#` comments.
    Lex,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// TBX-Basic v3, DCA style.
    Tbx,
    /// termlint's glossary.toml, normalised.
    Toml,
}

#[derive(Debug, Args)]
#[command(
    mut_arg("glossary", |a| a.help(
        "The glossary to list (repeat to merge several). Default: from the nearest termlint.toml \
         above the current directory, else the nearest glossary.toml there or above"
    )),
    mut_arg("config", |a| a.help(
        "Use this configuration file (for its glossaries and severities) instead of the nearest \
         termlint.toml or .termlint.toml above the current directory"
    )),
    mut_arg("isolated", |a| a.help(
        "Ignore all configuration files: list the nearest glossary.toml or the --glossary files"
    )),
)]
pub struct TermsArgs {
    /// Show only terms whose id, source term or any rendering contains this (ignoring case,
    /// quotes and spacing).
    #[arg(value_name = "QUERY")]
    pub query: Option<String>,

    /// Print JSON (one array of terms) instead of text.
    #[arg(long)]
    pub json: bool,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

/// Where settings come from; shared by `check` and `config`.
#[derive(Debug, Args)]
pub struct SettingsArgs {
    /// The glossary for every file (repeat to merge several). Default: from the nearest
    /// termlint.toml, else the nearest glossary.toml in each file's directory or above it (for
    /// standard input, above the current directory).
    #[arg(short, long, value_name = "FILE")]
    pub glossary: Vec<PathBuf>,

    /// Use this configuration file for every file, instead of the nearest termlint.toml or
    /// .termlint.toml above each file.
    #[arg(long, value_name = "FILE", conflicts_with = "isolated")]
    pub config: Option<PathBuf>,

    /// Ignore all configuration files.
    #[arg(long)]
    pub isolated: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and directories to check (directories recursively, honouring .gitignore and
    /// .ignore); `-` reads standard input. Default: the current directory.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub settings: SettingsArgs,

    /// Apply `include` and `exclude` of termlint.toml to files named on the command line too
    /// (they are otherwise always checked). For pre-commit and editors, which name each file.
    #[arg(long)]
    pub force_exclude: bool,

    /// Output format (default: `format` in termlint.toml, else human).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<OutputFormat>,

    /// When to colour human output. `auto` colours a terminal unless NO_COLOR is set or TERM is
    /// dumb; FORCE_COLOR forces colour.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,

    /// Threads for walking and checking (default: one per core).
    #[arg(short = 'j', long, value_name = "N", value_parser = threads)]
    pub threads: Option<usize>,

    /// Rewrite each fixable deviant to its suggestion, in place (for `-`: print the fixed text).
    #[arg(long, conflicts_with = "diff")]
    pub fix: bool,

    /// Print the fixes as a unified diff instead of writing them.
    #[arg(long)]
    pub diff: bool,

    /// Report only findings that are not in this baseline file.
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,

    /// Record the current findings in this baseline file (and report stale entries dropped).
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Make warnings fail the run too.
    #[arg(long, value_enum, value_name = "WHAT")]
    pub deny: Vec<Deny>,

    /// Fail the run if there are more than N warnings.
    #[arg(long, value_name = "N")]
    pub max_warnings: Option<usize>,

    /// Exit with 0 even when findings would fail the run (errors still exit with 2).
    #[arg(long, conflicts_with_all = ["deny", "max_warnings"])]
    pub exit_zero: bool,

    /// Print the number of findings per term and severity instead of the findings, then a
    /// total (as JSON with `--format json`).
    #[arg(long)]
    pub statistics: bool,

    /// Read .tsv and .csv files as bilingual tables: the source and translation columns, by
    /// header name or 1-based number (`zh,en`, `2,3`), and optionally the column naming each
    /// row's document (`zh,en,document=doc`: consistency is checked per document). Overrides
    /// `columns` in termlint.toml.
    #[arg(long, value_name = "SOURCE,TARGET[,document=COL]", value_parser = termlint::formats::table::Columns::parse)]
    pub columns: Option<termlint::formats::table::Columns>,

    /// In bilingual files, require a rendering for every occurrence of a source term, not one
    /// per segment.
    #[arg(long)]
    pub strict_count: bool,

    /// Read standard input as the file PATH: in PATH's format, with PATH's configuration and
    /// glossary, reported as PATH (for editors that lint unsaved text). Reads standard input
    /// when no path is given; with --fix the fixed text goes to standard output.
    #[arg(long, value_name = "PATH")]
    pub stdin_filename: Option<PathBuf>,
}

/// `-j N`: a whole number of at least 1.
fn threads(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("at least one thread is needed".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err("expected a whole number of threads".to_string()),
    }
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file or directory whose configuration to show (default: the current directory).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,

    #[command(flatten)]
    pub settings: SettingsArgs,
}

pub use termlint::project::config::OutputFormat;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run.
    Warnings,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        super::Cli::command().debug_assert();
    }
}
