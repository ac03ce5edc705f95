//! `glossary import` of tables with the default columns (`1,2`): a first row that names the
//! language columns is a header, not a term, and every column with text that is not imported
//! is warned of.

mod common;

use common::{stderr, stdout, termlint};

fn import(name: &str, content: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), content).unwrap();
    termlint()
        .current_dir(dir.path())
        .args(["glossary", "import", name])
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn a_header_row_naming_the_languages_is_not_a_term() {
    for (header, shown) in [
        ("zh,en", "`zh`, `en`"),
        ("zh-CN,EN-us", "`zh-CN`, `EN-us`"),
        ("Chinese,English", "`Chinese`, `English`"),
        ("中文,英文", "`中文`, `英文`"),
        ("source,target", "`source`, `target`"),
    ] {
        let out = import(
            "t.csv",
            &format!("{header}\n一带一路,Belt and Road Initiative\n"),
            &[],
        );
        assert_eq!(out.status.code(), Some(0), "{header}");
        assert_eq!(
            stdout(&out),
            "version = 1\nsource_language = \"zh\"\ntarget_language = \"en\"\n\n[[term]]\nid = \"belt-and-road-initiative\"\nsource = \"一带一路\"\npreferred = \"Belt and Road Initiative\"\n",
            "{header}"
        );
        assert_eq!(
            stderr(&out),
            format!(
                "warning: t.csv: line 1 ({shown}) names the language columns: read as a header, not as a term\nimported 1 term (zh to en) from 1 entries; 1 warning\n"
            ),
            "{header}"
        );
    }
}

#[test]
fn a_first_row_of_terms_is_imported() {
    // Neither cell names a language: the first row is data.
    let out = import(
        "t.tsv",
        "中国共产党\tCommunist Party of China\n一带一路\tBelt and Road Initiative\n",
        &[],
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "imported 2 terms (zh to en) from 2 entries; 0 warnings\n"
    );
    // Only one cell names its language: still data.
    let out = import("t.csv", "zh,Belt and Road Initiative\n", &[]);
    assert_eq!(
        stderr(&out),
        "imported 1 term (zh to en) from 1 entries; 0 warnings\n"
    );
    // Other languages are matched by the tags given.
    let out = import(
        "t.csv",
        "en,fr\nBelt and Road Initiative,Initiative la Ceinture et la Route\n",
        &["--source-lang", "en", "--target-lang", "fr"],
    );
    assert!(
        stderr(&out).starts_with("warning: t.csv: line 1 (`en`, `fr`) names the language columns"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn every_column_that_is_not_imported_is_warned_of() {
    let table = "zh,en,notes,alt,empty\n\
                 人类命运共同体,community of shared future for mankind,official,community with a shared future,\n\
                 一带一路,Belt and Road Initiative,,BRI,\n";
    let out = import("t.csv", table, &[]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "warning: t.csv: line 1 (`zh`, `en`, `notes`, `alt`, `empty`) names the language columns: read as a header, not as a term\n\
         warning: t.csv: column 3 (`notes`) is not imported (1 non-empty cell); to import it, give it a role in --columns: admitted=notes, deviants=notes, note=notes or subject=notes\n\
         warning: t.csv: column 4 (`alt`) is not imported (2 non-empty cells); to import it, give it a role in --columns: admitted=alt, deviants=alt, note=alt or subject=alt\n\
         imported 2 terms (zh to en) from 2 entries; 3 warnings\n"
    );
    // Given roles, they are imported and nothing is said.
    let out = import(
        "t.csv",
        table,
        &["--columns", "zh,en,note=notes,admitted=alt"],
    );
    assert_eq!(
        stderr(&out),
        "imported 2 terms (zh to en) from 2 entries; 0 warnings\n"
    );
    assert!(
        stdout(&out).contains("admitted = [\"BRI\"]"),
        "{}",
        stdout(&out)
    );
    // Without a header, columns are named by number.
    let out = import("t.tsv", "一带一路\tBelt and Road Initiative\tBRI\n", &[]);
    assert_eq!(
        stderr(&out),
        "warning: t.tsv: column 3 is not imported (1 non-empty cell); to import it, give it a role in --columns: admitted=3, deviants=3, note=3 or subject=3\n\
         imported 1 term (zh to en) from 1 entries; 1 warning\n"
    );
}
