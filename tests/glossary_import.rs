//! `termlint glossary import` and `export`: TBX v2/v3 (DCA and DCT), tables and lexicons to
//! glossary.toml, and TBX out again with nothing lost.

mod common;

use common::{project, stderr, stdout, termlint};
use termlint::Glossary;

fn import(dir: &tempfile::TempDir, args: &[&str]) -> std::process::Output {
    termlint()
        .current_dir(dir.path())
        .args(["glossary", "import"])
        .args(args)
        .output()
        .unwrap()
}

/// TBX v2 (martif), DCA style, with a BOM, a DTD, every status and notes at three levels.
const TBX_V2: &str = "\u{feff}<?xml version='1.0'?>
<!DOCTYPE martif SYSTEM \"TBXcoreStructV02.dtd\">
<martif type=\"TBX\" xml:lang=\"en\"><martifHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></martifHeader>
<text><body>
<termEntry id=\"bri\">
  <descrip type=\"subjectField\">foreign policy</descrip>
  <note>Proposed in 2013.</note>
  <langSet xml:lang=\"zh-CN\"><tig><term>一带一路</term></tig></langSet>
  <langSet xml:lang=\"en\">
    <tig><term>the Belt and Road Initiative</term><termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>Belt and Road</term><termNote type=\"administrativeStatus\">admittedTerm-admn-sts</termNote></termGrp></ntig>
    <tig><term>One Belt, One Road</term><termNote type=\"administrativeStatus\">supersededTerm-admn-sts</termNote><note>Dropped in 2015.</note></tig>
    <tig><term>OBOR</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></tig>
  </langSet>
</termEntry>
<termEntry id=\"E 2\">
  <langSet xml:lang=\"zh\"><tig><term>“一带一路”倡议</term></tig></langSet>
  <langSet xml:lang=\"en\"><tig><term>BRI</term></tig><tig><term>Belt and Road</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></tig></langSet>
</termEntry>
<termEntry id=\"only-source\"><langSet xml:lang=\"zh\"><tig><term>孤</term></tig></langSet></termEntry>
</body></text></martif>";

/// TBX v3, DCT style, with namespace prefixes on the data categories.
const TBX_V3_DCT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
<tbxHeader><fileDesc><sourceDesc><p>t</p></sourceDesc></fileDesc></tbxHeader>
<text><body>
<conceptEntry id="c1">
  <min:subjectField>economy</min:subjectField>
  <langSec xml:lang="zh"><termSec><term>精准扶贫</term></termSec></langSec>
  <langSec xml:lang="en">
    <termSec><term>precision poverty alleviation</term><min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus></termSec>
    <termSec><term>targeted poverty alleviation</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus><note>Official.</note></termSec>
  </langSec>
</conceptEntry>
</body></text></tbx>"#;

#[test]
fn tbx_v2_dca_statuses_notes_merging() {
    let dir = project("", &[("terms.tbx", TBX_V2.as_bytes())]);
    let out = import(&dir, &["terms.tbx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let toml = stdout(&out);
    let g = Glossary::from_toml(&toml).expect("the output loads as a glossary");
    assert_eq!(g.terms.len(), 2, "{toml}");
    let bri = &g.terms[0];
    assert_eq!(bri.id, "bri");
    assert_eq!(bri.sources, ["一带一路"]);
    // A leading lower-case article is dropped: running text has its own.
    assert_eq!(bri.preferred, "Belt and Road Initiative");
    assert_eq!(bri.admitted, ["Belt and Road"]);
    assert_eq!(bri.deviants, ["One Belt, One Road", "OBOR"]);
    assert_eq!(
        bri.note.as_deref(),
        Some("Proposed in 2013. Dropped in 2015.")
    );
    assert_eq!(bri.subject.as_deref(), Some("foreign policy"));
    // "E 2" is not a valid id: one is made from the preferred rendering. Its deviant "Belt
    // and Road" is approved by the first entry, so it is dropped, with a warning.
    let second = &g.terms[1];
    assert_eq!(second.id, "bri-2");
    assert_eq!(second.sources, ["“一带一路”倡议"]);
    assert!(second.deviants.is_empty());
    let err = stderr(&out);
    assert!(
        err.contains(r#"warning: dropped deviant "Belt and Road" of “一带一路”倡议 ("BRI"): it is an approved rendering of 一带一路 ("Belt and Road Initiative")"#),
        "{err}"
    );
    assert!(
        err.ends_with("imported 2 terms (zh-CN to en) from 3 entries; 1 warning\n"),
        "{err}"
    );
}

#[test]
fn tbx_v3_dct_with_prefixed_categories() {
    let dir = project("", &[("t.tbx", TBX_V3_DCT.as_bytes())]);
    let out = import(&dir, &["t.tbx"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = Glossary::from_toml(&stdout(&out)).unwrap();
    let t = &g.terms[0];
    assert_eq!(
        (t.id.as_str(), t.preferred.as_str(), &t.deviants[..]),
        (
            "c1",
            "targeted poverty alleviation",
            &["precision poverty alleviation".to_string()][..]
        )
    );
    assert_eq!(t.note.as_deref(), Some("Official."));
    assert_eq!(t.subject.as_deref(), Some("economy"));
}

#[test]
fn entries_sharing_a_source_merge_across_files() {
    let dir = project(
        "",
        &[
            (
                "a.lex",
                "# first\n一带一路|the Belt and Road\n中国梦|Chinese Dream\n".as_bytes(),
            ),
            ("b.lex", "一带一路|One Belt One Road\n".as_bytes()),
        ],
    );
    let out = import(&dir, &["a.lex", "b.lex"]);
    let g = Glossary::from_toml(&stdout(&out)).unwrap();
    assert_eq!(g.terms.len(), 2);
    assert_eq!(g.terms[0].preferred, "Belt and Road");
    assert_eq!(g.terms[0].admitted, ["One Belt One Road"]);
    assert!(
        stderr(&out).contains(r#"warning: 一带一路: merged two entries that prefer "Belt and Road" and "One Belt One Road"; kept the first as preferred"#),
        "{}",
        stderr(&out)
    );
}

#[test]
fn csv_columns_with_roles() {
    let csv = "domain,zh,en,alt,wrong\n\
               economy,精准扶贫,targeted poverty alleviation,targeted poverty reduction,\"precision poverty alleviation; accurate poverty alleviation\"\n\
               ,新发展理念,\"new development philosophy\",,new development concept\n";
    let dir = project("", &[("g.csv", csv.as_bytes())]);
    let out = import(
        &dir,
        &[
            "g.csv",
            "--columns",
            "zh,en,wrong,admitted=alt,subject=domain",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let g = Glossary::from_toml(&stdout(&out)).unwrap();
    let t = &g.terms[0];
    assert_eq!(t.admitted, ["targeted poverty reduction"]);
    assert_eq!(
        t.deviants,
        [
            "precision poverty alleviation",
            "accurate poverty alleviation"
        ]
    );
    assert_eq!(t.subject.as_deref(), Some("economy"));
    assert_eq!(g.terms[1].deviants, ["new development concept"]);
}

#[test]
fn handbook_notation_expands_on_request() {
    let tsv = "zh\ten\n中国式现代化\tChinese (path to) modernization\n";
    let dir = project("", &[("h.tsv", tsv.as_bytes())]);
    let plain =
        Glossary::from_toml(&stdout(&import(&dir, &["h.tsv", "--columns", "zh,en"]))).unwrap();
    assert_eq!(plain.terms[0].preferred, "Chinese (path to) modernization");
    let out = import(
        &dir,
        &["h.tsv", "--columns", "zh,en", "--expand-alternatives"],
    );
    let g = Glossary::from_toml(&stdout(&out)).unwrap();
    assert_eq!(g.terms[0].preferred, "Chinese path to modernization");
    assert_eq!(g.terms[0].admitted, ["Chinese modernization"]);
}

#[test]
fn bad_input_is_a_clear_error_with_exit_2() {
    let dir = project(
        "",
        &[
            ("broken.tbx", b"<martif><text><body><termEntry></body></text></martif>"),
            ("other.tbx", b"<xliff version=\"1.2\"/>"),
            ("bad.lex", "一带一路|Belt and Road\njust a line\n".as_bytes()),
            ("cols.tsv", b"zh\ten\n"),
            ("notes.md", b"# notes"),
            ("multi.tbx", b"<tbx><text><body><conceptEntry><langSec xml:lang=\"fr\"><termSec><term>a</term></termSec></langSec><langSec xml:lang=\"de\"><termSec><term>b</term></termSec></langSec><langSec xml:lang=\"it\"><termSec><term>c</term></termSec></langSec></conceptEntry></body></text></tbx>"),
        ],
    );
    for (args, message) in [
        (
            &["broken.tbx"][..],
            "error: broken.tbx: line 1, column 32: malformed TBX: expected 'termEntry' tag, not 'body'",
        ),
        (
            &["other.tbx"][..],
            "error: other.tbx: line 1, column 1: not a TBX file: the root element is <xliff>",
        ),
        (
            &["bad.lex"][..],
            "error: bad.lex: line 2, column 1: expected `source|rendering`, found `just a line`",
        ),
        (
            &["cols.tsv", "--columns", "zh,english"][..],
            "error: cols.tsv: line 1, column 1: no column named `english` in the header (it has `zh`, `en`)",
        ),
        (
            &["cols.tsv", "--columns", "zh"][..],
            "error: invalid --columns: expected SOURCE,TARGET[,DEVIANTS]",
        ),
        (
            &["notes.md"][..],
            "error: notes.md: unknown glossary format; name it with --from tbx|csv|tsv|lex",
        ),
        (
            &["missing.tbx"][..],
            "error: missing.tbx: no such file or directory",
        ),
        (
            &["multi.tbx"][..],
            "error: which language is the target? The file has `fr`, `de`, `it`; pass --target-lang",
        ),
        (
            &["multi.tbx", "--target-lang", "de"][..],
            "error: which language is the source? The file has `fr`, `de`, `it`; pass --source-lang",
        ),
    ] {
        let out = import(&dir, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            stderr(&out).starts_with(message),
            "{args:?}: {}",
            stderr(&out)
        );
        assert_eq!(stdout(&out), "", "nothing half-written on standard output");
    }
    let out = import(
        &dir,
        &["multi.tbx", "--target-lang", "de", "--source-lang", "fr"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn export_to_tbx_round_trips_the_shipped_glossary_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let shipped = concat!(env!("CARGO_MANIFEST_DIR"), "/glossary.toml");
    let tbx = termlint()
        .args(["glossary", "export", "--to", "tbx", shipped])
        .output()
        .unwrap();
    assert_eq!(tbx.status.code(), Some(0));
    // Well-formed XML, TBX v3 in the DCA style.
    let text = stdout(&tbx);
    let doc = roxmltree::Document::parse(&text).unwrap();
    assert_eq!(doc.root_element().attribute("style"), Some("dca"));
    std::fs::write(dir.path().join("out.tbx"), &text).unwrap();
    let back = import(&dir, &["out.tbx"]);
    assert_eq!(back.status.code(), Some(0), "{}", stderr(&back));
    let original = Glossary::from_toml(&std::fs::read_to_string(shipped).unwrap()).unwrap();
    let imported = Glossary::from_toml(&stdout(&back)).unwrap();
    let strip = |g: &Glossary| {
        g.terms
            .iter()
            .map(|t| termlint::Term {
                spans: Default::default(),
                ..t.clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&imported), strip(&original));
    // And the TOML printed is the same as exporting to TOML directly.
    let toml = termlint()
        .args(["glossary", "export", "--to", "toml", shipped])
        .output()
        .unwrap();
    assert_eq!(stdout(&back), stdout(&toml));
}

use common::shared;

/// The imported glossary loads as termlint's own, compiles, and `glossary check` finds nothing.
fn loads_cleanly(imported: &termlint::import::Imported) -> usize {
    let toml = termlint::export::toml::write(&imported.glossary);
    let g = Glossary::from_toml(&toml).unwrap_or_else(|e| panic!("{e:?}"));
    let n = g.terms.len();
    let checker = termlint::Checker::new(g).unwrap();
    assert_eq!(termlint::glossary_check::check(&checker), vec![]);
    n
}

#[test]
fn real_glossaries_import() {
    use termlint::import::{self, Options, table::Layout};
    let Some(shared) = shared() else { return };
    let dir = shared.join("corpus/glossaries");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    // The two handbook files: 718 + 60 entries, 59 of them in both.
    let layout = Layout::parse("zh,en,admitted=en_alt").unwrap();
    let mut concepts = Vec::new();
    for f in [
        "understanding_contemporary_china_modern_terms.tsv",
        "understanding_contemporary_china_core_terms.tsv",
    ] {
        concepts.extend(import::table::parse(&read(f), b'\t', &layout, ("zh", "en")).unwrap());
    }
    assert_eq!(concepts.len(), 778);
    let options = Options {
        expand_alternatives: true,
        ..Options::default()
    };
    let handbook = import::build(&concepts, &options).unwrap();
    assert_eq!(loads_cleanly(&handbook), 719);
    let t = handbook
        .glossary
        .terms
        .iter()
        .find(|t| t.sources.contains(&"中国式现代化".to_string()))
        .unwrap();
    assert_eq!(t.preferred, "Chinese path to modernization");
    assert!(t.admitted.contains(&"Chinese modernization".to_string()));
    // The lexicons: the same source with different renderings in two files is merged and said.
    let mut concepts = Vec::new();
    for f in [
        "iflytek_g6pro_cnen.lex",
        "iflytek_g6pro_entity_cnen.lex",
        "iflytek_g6pro_inst_cnen.lex",
    ] {
        concepts.extend(import::lexicon::parse(&read(f), ("zh", "en")).unwrap());
    }
    let lex = import::build(&concepts, &Options::default()).unwrap();
    assert_eq!(loads_cleanly(&lex), 6143);
    assert!(
        lex.warnings
            .iter()
            .any(|w| w.starts_with("一带一路: merged two entries"))
    );
    // The legacy list, with its domain as the subject field.
    let layout = Layout::parse("zh,en,subject=domain").unwrap();
    let concepts = import::table::parse(
        &read("fanyipigai_legacy_terms_43.tsv"),
        b'\t',
        &layout,
        ("zh", "en"),
    )
    .unwrap();
    let legacy = import::build(&concepts, &Options::default()).unwrap();
    assert_eq!(loads_cleanly(&legacy), 43);
}

#[test]
fn shared_tbx_samples_parse_and_import() {
    use termlint::import::{self, Options};
    let Some(shared) = shared() else { return };
    let mut seen = Vec::new();
    for e in std::fs::read_dir(shared.join("samples/tbx")).unwrap() {
        let path = e.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("tbx") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let concepts =
            import::tbx::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Each sample has English and one other language at least; import into English from
        // the first other language found.
        let other = concepts
            .iter()
            .flat_map(|c| &c.languages)
            .map(|(l, _)| l.clone())
            .find(|l| !import::same_language(l, "en"))
            .unwrap();
        let options = Options {
            source_language: Some(other),
            ..Options::default()
        };
        let imported = import::build(&concepts, &options).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        seen.push(format!(
            "{name}: {} entries, {} terms",
            concepts.len(),
            loads_cleanly(&imported)
        ));
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "ltac_basic_astronomy_dca.tbx: 45 entries, 39 terms",
            "ltac_basic_astronomy_dct.tbx: 45 entries, 39 terms",
            "ltac_core_structure_good.tbx: 45 entries, 39 terms",
            "ltac_min_good.tbx: 45 entries, 39 terms",
            "okapi_ibm_tbx.tbx: 5 entries, 5 terms",
            "okapi_maryland.tbx: 1 entries, 1 terms",
            "okapi_test01.tbx: 1 entries, 1 terms",
        ]
    );
}

#[test]
fn shared_table_samples_parse() {
    use termlint::import::{self, table::Layout};
    let Some(shared) = shared() else { return };
    let dir = shared.join("samples/tbx");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap();
    let layout = Layout::parse("1,2").unwrap();
    let csv = import::table::parse(
        &read("okapi_glossary_test01.csv"),
        b',',
        &layout,
        ("en", "fr"),
    )
    .unwrap();
    assert_eq!(csv.len(), 4);
    // Quoted cells keep their inner spaces until the glossary trims them.
    assert_eq!(csv[3].languages[0].1[0].0, "source 3");
    let tsv = import::table::parse(
        &read("okapi_blacklist_simple.tsv"),
        b'\t',
        &layout,
        ("en", "fr"),
    )
    .unwrap();
    assert_eq!(tsv.len(), 13);
}

#[test]
fn export_of_a_glossary_that_does_not_load_is_an_error() {
    let dir = project("[[term]]\nid = \"x\"\n", &[]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "export", "--to", "tbx"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("term \"x\" has no `preferred` rendering"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "", "no half-written TBX");
    let out = termlint()
        .current_dir(dir.path())
        .args(["glossary", "export", "missing.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout(&out), "");
}
