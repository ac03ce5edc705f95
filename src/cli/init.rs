//! `termlint init`: scaffolds a project: termlint.toml and a glossary.toml (empty, with
//! commented examples, or imported from termbases named on the command line), then prints
//! the next steps and the pre-commit and CI snippets. It never overwrites a file: if either
//! exists, nothing is written (exit 2).

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Status;
use super::args::{ImportArgs, InitArgs};
use super::glossary::import as glossary_import;
use super::input::describe_io;

const CONFIG: &str = "termlint.toml";
const GLOSSARY: &str = "glossary.toml";

pub fn run(args: &InitArgs) -> Status {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let config_path = dir.join(CONFIG);
    let glossary_path = dir.join(GLOSSARY);
    // Refused before anything is read or written.
    for path in [&config_path, &glossary_path, &dir.join(".termlint.toml")] {
        if std::fs::symlink_metadata(path).is_ok() {
            eprintln!(
                "error: {} already exists; termlint init never overwrites a file\n  = help: edit it, or move it away and run termlint init again",
                path.display()
            );
            return Status::Error;
        }
    }
    if !dir.is_dir() {
        eprintln!(
            "error: {} is not a directory; create it first, or run termlint init inside the project",
            dir.display()
        );
        return Status::Error;
    }
    let source = args.termbase.source_lang.as_deref().unwrap_or("zh");
    let target = args.termbase.target_lang.as_deref().unwrap_or("en");
    let (glossary, terms) = if args.termbases.is_empty() {
        (empty_glossary(source, target), None)
    } else {
        let import = ImportArgs {
            files: args.termbases.clone(),
            termbase: args.termbase.clone(),
        };
        let Some(converted) = glossary_import::convert(&import) else {
            eprintln!("termlint init: nothing was written");
            return Status::Error;
        };
        eprintln!("{}", converted.count_line());
        let names: Vec<String> = args
            .termbases
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        (
            format!(
                "# Imported by `termlint init` from {}; review it, then run `termlint glossary check`.\n{}",
                names.join(", "),
                termlint::export::toml::write(&converted.glossary)
            ),
            Some(converted.glossary.terms.len()),
        )
    };
    if let Err(e) = create_new(&glossary_path, &glossary) {
        eprintln!("error: cannot write {}: {e}", glossary_path.display());
        return Status::Error;
    }
    if let Err(e) = create_new(&config_path, CONFIG_TEXT) {
        eprintln!("error: cannot write {}: {e}", config_path.display());
        // Do not leave half a project: the glossary was created a moment ago, by this run.
        let _ = std::fs::remove_file(&glossary_path);
        return Status::Error;
    }
    let what = match terms {
        Some(n) => format!("{n} term{} imported", if n == 1 { "" } else { "s" }),
        None => "no terms yet: add them from the examples in it".to_string(),
    };
    let (config_shown, glossary_shown) = match &args.dir {
        Some(_) => (
            config_path.display().to_string(),
            glossary_path.display().to_string(),
        ),
        None => (CONFIG.to_string(), GLOSSARY.to_string()),
    };
    let mut out = std::io::stdout().lock();
    let _ = write!(
        out,
        "Created {config_shown} and {glossary_shown} ({what}).\n\n{NEXT}"
    );
    Status::Clean
}

/// Writes a new file; fails if it exists (another process may have created it meanwhile).
fn create_new(path: &Path, text: &str) -> Result<(), String> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| describe_io(&e))?;
    f.write_all(text.as_bytes())
        .and_then(|()| f.sync_all())
        .map_err(|e| describe_io(&e))
}

fn empty_glossary(source: &str, target: &str) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    GLOSSARY_TEXT
        .replace("SOURCE_LANGUAGE", &quoted(source))
        .replace("TARGET_LANGUAGE", &quoted(target))
}

const GLOSSARY_TEXT: &str = r##"# termlint glossary: each [[term]] lists a source term, its approved renderings and the
# renderings to flag. See the README, "Glossary format". Check it with `termlint glossary check`.
version = 1
source_language = SOURCE_LANGUAGE
target_language = TARGET_LANGUAGE

# Examples: remove the leading "# " to use them.
#
# [[term]]
# id = "belt-and-road"                       # shown with every finding: a-z, 0-9 and -
# source = "一带一路"
# preferred = "Belt and Road Initiative"     # what termlint suggests
# admitted = ["Belt and Road", "BRI"]        # also correct: never flagged
# deviants = [                               # flagged
#   { form = "One Belt, One Road", use = "Belt and Road" },
#   "OBOR",
# ]
# note = "The official name since 2015."     # shown with every finding
# case_sensitive = true                      # "belt and road initiative" is reported too
# examples = { bad = ["The OBOR summit."], good = ["The Belt and Road Initiative."] }
#
# [[term]]
# id = "cpc"
# source = "中国共产党"
# preferred = "Communist Party of China"
# admitted = ["CPC"]
# deviants = ["Chinese Communist Party", "CCP"]
# severity = "warning"                       # error (default), warning or note
"##;

const CONFIG_TEXT: &str = r##"# termlint configuration. See the README, "Configuration: termlint.toml". Every key is optional.
glossary = "glossary.toml"

# Which files to check when walking directories (globs relative to this file):
# include = ["docs/**", "translations/**"]
# exclude = ["docs/archive/**"]

# The default output format: human, concise, json, jsonl, github, sarif, junit, markdown, html.
# format = "concise"

# Bilingual tables (.tsv, .csv): the source and translation columns.
# [formats]
# columns = "zh,en"

# Per-term severities: error, warning or note.
# [severity]
# cpc = "warning"
"##;

const NEXT: &str = r##"Next:
  termlint glossary check       validate the glossary
  termlint check                check the drafts below this directory
  termlint check --fix          rewrite fixable deviants in place

pre-commit (.pre-commit-config.yaml), see the README, "In CI and pre-commit":

  repos:
    - repo: <termlint's repository URL>
      rev: <a release tag, or a full commit hash while there is none>
      hooks:
        - id: termlint
        - id: termlint-glossary

GitHub Actions (.github/workflows/terminology.yml): annotations on the pull request and a
job summary:

  name: terminology
  on: [pull_request]
  jobs:
    termlint:
      runs-on: ubuntu-latest
      steps:
        - uses: actions/checkout@v4
        - run: cargo install --locked --git <termlint's repository URL> termlint
        - run: termlint check --format github
        - if: always()
          run: termlint check --format markdown --exit-zero >> "$GITHUB_STEP_SUMMARY"
"##;
