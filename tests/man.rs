//! `termlint man`: one page per command, generated from the command-line definition;
//! `--dir DIR` writes them all, `termlint man [COMMAND...]` prints one. With TERMLINT_GROFF
//! naming groff (set by .ci/run), every page is typeset with warnings on.

mod common;

use std::fs;
use std::process::Command as Process;

use common::{stderr, stdout, termlint};

const PAGES: [&str; 13] = [
    "termlint-check.1",
    "termlint-completions.1",
    "termlint-config.1",
    "termlint-glossary-check.1",
    "termlint-glossary-export.1",
    "termlint-glossary-import.1",
    "termlint-glossary-suggest.1",
    "termlint-glossary.1",
    "termlint-init.1",
    "termlint-lsp.1",
    "termlint-man.1",
    "termlint-terms.1",
    "termlint.1",
];

#[test]
fn man_dir_writes_one_page_per_command() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("man/man1");
    let out = termlint()
        .args(["man", "--dir"])
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "termlint: wrote 13 man pages to {} (termlint.1 and one per command)\n",
            out_dir.display()
        )
    );
    let mut names: Vec<String> = fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, PAGES);

    for name in PAGES {
        let page = fs::read_to_string(out_dir.join(name)).unwrap();
        let title = name.trim_end_matches(".1");
        assert!(
            page.contains(&format!(
                ".TH {title} 1  \"termlint {}\" \"termlint manual\"\n",
                env!("CARGO_PKG_VERSION")
            )),
            "{name}: {page}"
        );
        assert_eq!(page.matches(".ds Aq \\(aq").count(), 1, "{name}");
        // Every page it refers to exists.
        for (i, _) in page.match_indices("termlint\\-") {
            let rest = &page[i..];
            if let Some(end) = rest.find("\\fR(1)").or_else(|| rest.find("(1)")) {
                let referred = rest[..end].replace("\\-", "-");
                if !referred.contains(' ') && !referred.contains('\\') {
                    assert!(
                        PAGES.contains(&format!("{referred}.1").as_str()),
                        "{name} refers to {referred}(1)"
                    );
                }
            }
        }
    }
    let check = fs::read_to_string(out_dir.join("termlint-check.1")).unwrap();
    for option in [
        "\\-\\-statistics",
        "\\-\\-max\\-warnings",
        "\\-\\-write\\-baseline",
        "\\-\\-columns",
        "markdown",
        "html",
        ".SH \"EXIT STATUS\"",
        ".SH EXAMPLES",
        ".SH \"SEE ALSO\"\n\\fBtermlint\\fR(1)\n",
    ] {
        assert!(check.contains(option), "termlint-check.1 lacks {option}");
    }
    let root = fs::read_to_string(out_dir.join("termlint.1")).unwrap();
    for section in [
        ".SH \"EXIT STATUS\"",
        ".SH FILES",
        ".SH ENVIRONMENT",
        ".SH EXAMPLES",
    ] {
        assert!(root.contains(section), "termlint.1 lacks {section}");
    }
    let import = fs::read_to_string(out_dir.join("termlint-glossary-import.1")).unwrap();
    assert!(
        import.contains(".SH \"SEE ALSO\"\n\\fBtermlint\\-glossary\\fR(1), \\fBtermlint\\fR(1)\n")
    );

    // `termlint man` prints the same pages.
    let printed = termlint().arg("man").output().unwrap();
    assert_eq!(stdout(&printed), root);
    let printed = termlint()
        .args(["man", "glossary", "import"])
        .output()
        .unwrap();
    assert_eq!(stdout(&printed), import);

    // groff (TERMLINT_GROFF, set by .ci/run) reads every page without a warning.
    let Ok(groff) = std::env::var("TERMLINT_GROFF") else {
        eprintln!("skipped: set TERMLINT_GROFF to groff (.ci/run does) to typeset the pages");
        return;
    };
    for name in PAGES {
        let out = Process::new(&groff)
            .args(["-man", "-Tutf8", "-ww", "-z"])
            .arg(out_dir.join(name))
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{name}");
    }
}

#[test]
fn man_refuses_unknown_commands_and_a_dir_that_is_a_file() {
    let out = termlint().args(["man", "nosuch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        "error: no man page for `nosuch`\n  = help: pages exist for: check, config, glossary, glossary check, glossary import, glossary suggest, glossary export, terms, lsp, completions, man, init\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    fs::write(&file, "mine\n").unwrap();
    let out = termlint()
        .args(["man", "--dir"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!(
            "error: cannot create the directory {}: ",
            file.display()
        )),
        "{}",
        stderr(&out)
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), "mine\n");
}
