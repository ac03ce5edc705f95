//! `termlint man`: manual pages generated from the command-line definition (clap_mangen), one
//! per command: termlint(1), termlint-check(1), termlint-glossary-import(1), ... `termlint man`
//! prints termlint(1) (or, with command names, that command's page); `--dir DIR` writes them
//! all. The pages for commands add what `--help` does not say: exit status, files,
//! environment, examples and the related pages.

use std::io::Write;
use std::path::Path;

use clap::CommandFactory;
use clap_mangen::Man;

use super::Status;
use super::args::{Cli, ManArgs};

/// Every page: (the command's full name, e.g. `termlint-glossary-import`, its roff text).
pub fn pages() -> Vec<(String, Vec<u8>)> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    let mut out = Vec::new();
    collect(&root, None, &mut out);
    out
}

fn visible(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

fn full_name(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_string()
}

fn collect(cmd: &clap::Command, parent: Option<&str>, out: &mut Vec<(String, Vec<u8>)>) {
    let name = full_name(cmd);
    out.push((name.clone(), page(cmd, &name, parent)));
    for sub in visible(cmd) {
        collect(sub, Some(&name), out);
    }
}

/// One command's page.
fn page(cmd: &clap::Command, name: &str, parent: Option<&str>) -> Vec<u8> {
    let cmd = cmd
        .clone()
        .disable_help_subcommand(true)
        .version(env!("CARGO_PKG_VERSION"));
    let man = Man::new(cmd.clone())
        .manual("termlint manual")
        .source(format!("termlint {}", env!("CARGO_PKG_VERSION")));
    let mut w = Vec::new();
    // Rendering into memory cannot fail.
    let _ = man.render_title(&mut w);
    let _ = man.render_name_section(&mut w);
    let _ = man.render_synopsis_section(&mut w);
    let _ = man.render_description_section(&mut w);
    if cmd
        .get_arguments()
        .any(|a| !a.is_hide_set() && a.get_id() != "help" && a.get_id() != "version")
    {
        let _ = man.render_options_section(&mut w);
    }
    if visible(&cmd).next().is_some() {
        let _ = man.render_subcommands_section(&mut w);
    }
    w.extend_from_slice(extra(name).as_bytes());
    // SEE ALSO: the parent page and the pages of the subcommands.
    let mut related: Vec<String> = parent.map(str::to_string).into_iter().collect();
    related.extend(visible(&cmd).map(full_name));
    if name != "termlint" && parent != Some("termlint") {
        related.push("termlint".to_string());
    }
    if !related.is_empty() {
        let refs: Vec<String> = related
            .iter()
            .map(|r| format!("\\fB{}\\fR(1)", r.replace('-', "\\-")))
            .collect();
        let _ = writeln!(w, ".SH \"SEE ALSO\"\n{}", refs.join(", "));
    }
    let _ = man.render_version_section(&mut w);
    once_preamble(&w)
}

/// The page with clap_mangen's two-line preamble (which each section it renders repeats) kept
/// only at the top.
fn once_preamble(page: &[u8]) -> Vec<u8> {
    const PREAMBLE: &str = ".ie \\n(.g .ds Aq \\(aq\n.el .ds Aq '\n";
    let text = String::from_utf8_lossy(page);
    let mut out = String::with_capacity(text.len());
    for (i, part) in text.split(PREAMBLE).enumerate() {
        if i == 1 {
            out.push_str(PREAMBLE);
        }
        out.push_str(part);
    }
    out.into_bytes()
}

/// Sections written by hand for some pages (roff).
fn extra(name: &str) -> &'static str {
    match name {
        "termlint" => concat!(
            ".SH \"EXIT STATUS\"\n",
            ".TP\n0\nNo finding fails the run (or \\fB\\-\\-exit\\-zero\\fR).\n",
            ".TP\n1\nAt least one finding fails the run: an error, or a warning with \\fB\\-\\-deny warnings\\fR or \\fB\\-\\-max\\-warnings\\fR.\n",
            ".TP\n2\nA usage error, an invalid or missing glossary or configuration, a file that cannot be read or does not parse, or a fix that cannot be written. Other files are still checked.\n",
            ".SH FILES\n",
            ".TP\n\\fIglossary.toml\\fR\nThe glossary: terms, their approved renderings and the deviants to flag. The nearest one in a file's directory or above it (up to the root of its git repository) applies, unless a configuration names others.\n",
            ".TP\n\\fItermlint.toml\\fR, \\fI.termlint.toml\\fR\nThe configuration: glossaries, include and exclude globs, severities, formats, output format. The nearest one above each file applies.\n",
            ".SH ENVIRONMENT\n",
            ".TP\n\\fBCOLUMNS\\fR\nThe width human output is fitted to (else the terminal's, else 100).\n",
            ".TP\n\\fBNO_COLOR\\fR, \\fBFORCE_COLOR\\fR, \\fBTERM\\fR\nWhether human output is coloured with \\fB\\-\\-color auto\\fR.\n",
            ".SH EXAMPLES\n",
            ".TP\n\\fBtermlint check\\fR\nCheck every draft below the current directory.\n",
            ".TP\n\\fBtermlint check \\-\\-fix docs/\\fR\nRewrite every fixable deviant in docs/ to its approved rendering.\n",
            ".TP\n\\fBtermlint check \\-\\-format html > termlint.html\\fR\nA report for reviewers, one self\\-contained page.\n",
            ".TP\n\\fBtermlint glossary check\\fR\nValidate the glossary and its examples.\n",
        ),
        "termlint-check" => concat!(
            ".SH \"EXIT STATUS\"\n",
            ".TP\n0\nNo finding fails the run.\n",
            ".TP\n1\nAt least one finding fails the run.\n",
            ".TP\n2\nA usage, configuration, glossary or I/O error (wins over 1).\n",
            ".SH EXAMPLES\n",
            ".TP\n\\fBtermlint check \\-\\-diff\\fR\nShow the fixes as a unified diff.\n",
            ".TP\n\\fBtermlint check \\-\\-format github\\fR\nAnnotations on a GitHub pull request.\n",
            ".TP\n\\fBtermlint check \\-\\-format markdown >> \"$GITHUB_STEP_SUMMARY\"\\fR\nA job summary.\n",
            ".TP\n\\fBtermlint check \\-\\-write\\-baseline termlint\\-baseline.json\\fR\nRecord today's findings, then report only new ones with \\fB\\-\\-baseline\\fR.\n",
        ),
        _ => "",
    }
}

pub fn run(args: &ManArgs) -> Status {
    let pages = pages();
    if let Some(dir) = &args.dir {
        return write_all(dir, &pages);
    }
    let wanted = std::iter::once("termlint".to_string())
        .chain(args.command.iter().cloned())
        .collect::<Vec<_>>()
        .join("-");
    match pages.iter().find(|(name, _)| *name == wanted) {
        Some((_, text)) => match std::io::stdout().write_all(text) {
            Ok(()) => Status::Clean,
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Status::Clean,
            Err(e) => {
                eprintln!("error: cannot write the man page: {e}");
                Status::Error
            }
        },
        None => {
            let names: Vec<&str> = pages
                .iter()
                .filter_map(|(n, _)| n.strip_prefix("termlint-"))
                .collect();
            eprintln!(
                "error: no man page for `{}`\n  = help: pages exist for: {}",
                args.command.join(" "),
                names.join(", ").replace('-', " ")
            );
            Status::Error
        }
    }
}

/// Writes every page as DIR/NAME.1, creating DIR; says what was written.
fn write_all(dir: &Path, pages: &[(String, Vec<u8>)]) -> Status {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!(
            "error: cannot create the directory {}: {}",
            dir.display(),
            super::input::describe_io(&e)
        );
        return Status::Error;
    }
    for (name, text) in pages {
        let path = dir.join(format!("{name}.1"));
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!(
                "error: cannot write {}: {}",
                path.display(),
                super::input::describe_io(&e)
            );
            return Status::Error;
        }
    }
    eprintln!(
        "termlint: wrote {} man pages to {} (termlint.1 and one per command)",
        pages.len(),
        dir.display()
    );
    Status::Clean
}
