//! JSON Schemas in schemas/: glossary.toml, termlint.toml and the JSON output. With
//! TERMLINT_CHECK_JSONSCHEMA naming the `check-jsonschema` executable (PyPI; .ci/run installs
//! it), the schemas are checked against their metaschema, and the shipped glossary, the
//! fixtures, the README's configuration example and real JSON output are validated against
//! them; so are files that must fail.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command as Process;

use common::{GLOSSARY, project, stderr, termlint};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn schema(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(root().join("schemas").join(name)).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Runs check-jsonschema on `files`; whether they validate, and its output.
fn validate(tool: &str, schema: &str, files: &[&Path]) -> (bool, String) {
    let out = Process::new(tool)
        .arg("--schemafile")
        .arg(root().join("schemas").join(schema))
        .args(files)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn tool() -> Option<String> {
    let t = std::env::var("TERMLINT_CHECK_JSONSCHEMA").ok();
    if t.is_none() {
        eprintln!("skipped: set TERMLINT_CHECK_JSONSCHEMA to check-jsonschema (.ci/run does)");
    }
    t
}

#[test]
fn every_output_format_the_configuration_schema_lists_is_accepted() {
    let formats = schema("termlint.schema.json")["properties"]["format"]["enum"].clone();
    let formats: Vec<&str> = formats
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(formats.len(), 9);
    let dir = project(GLOSSARY, &[("a.txt", b"Fine.\n")]);
    for f in formats {
        let out = termlint()
            .current_dir(dir.path())
            .args(["check", "--format", f])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{f}: {}", stderr(&out));
    }
}

#[test]
fn schemas_are_valid_and_describe_the_shipped_files() {
    let Some(tool) = tool() else { return };
    let out = Process::new(&tool)
        .arg("--check-metaschema")
        .args(
            ["glossary", "termlint", "findings"]
                .map(|n| root().join("schemas").join(format!("{n}.schema.json"))),
        )
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    let (ok, said) = validate(
        &tool,
        "glossary.schema.json",
        &[&root().join("glossary.toml")],
    );
    assert!(ok, "{said}");
    let (ok, said) = validate(
        &tool,
        "termlint.schema.json",
        &[&root().join("fixtures/translations/termlint.toml")],
    );
    assert!(ok, "{said}");

    // The test glossary and the README's configuration example, every key set.
    let dir = tempfile::tempdir().unwrap();
    let glossary = dir.path().join("glossary.toml");
    std::fs::write(&glossary, GLOSSARY).unwrap();
    let config = dir.path().join("termlint.toml");
    std::fs::write(
        &config,
        r#"glossary = ["glossary.toml", "../shared-terms.toml"]
include = ["drafts/**"]
exclude = ["drafts/archive/**"]
format = "concise"
ignore = ['^Q:.*$']
[formats]
markdown = ["md", "markdown", "mdx"]
po = ["po", "pot"]
xliff = ["xlf", "xliff"]
tmx = ["tmx"]
docx = ["docx"]
tsv = ["tsv", "tab"]
csv = ["csv"]
plain = ["txt"]
columns = "zh,en,document=doc"
po_fuzzy = "note"
[severity]
cpc = "warning"
"#,
    )
    .unwrap();
    let (ok, said) = validate(&tool, "glossary.schema.json", &[&glossary]);
    assert!(ok, "{said}");
    let (ok, said) = validate(&tool, "termlint.schema.json", &[&config]);
    assert!(ok, "{said}");
}

#[test]
fn schemas_reject_what_termlint_rejects() {
    let Some(tool) = tool() else { return };
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "unknown-key.toml",
            "[[term]]\nid = \"a\"\npreferred = \"A\"\nprefered = \"B\"\n",
        ),
        (
            "bad-id.toml",
            "[[term]]\nid = \"Bad Id\"\npreferred = \"A\"\n",
        ),
        ("no-preferred.toml", "[[term]]\nid = \"a\"\n"),
        (
            "bad-severity.toml",
            "[[term]]\nid = \"a\"\npreferred = \"A\"\nseverity = \"fatal\"\n",
        ),
        (
            "bad-deviant.toml",
            "[[term]]\nid = \"a\"\npreferred = \"A\"\ndeviants = [{ form = \"B\" }]\n",
        ),
        ("version-2.toml", "version = 2\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (ok, said) = validate(&tool, "glossary.schema.json", &[&path]);
        assert!(!ok, "{name} validated: {said}");
        // termlint rejects it too.
        let out = termlint()
            .args(["glossary", "check"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}: {}", stderr(&out));
    }
    for (name, text) in [
        ("unknown.toml", "glosary = \"g.toml\"\n"),
        ("format.toml", "format = \"xml\"\n"),
        ("fuzzy.toml", "[formats]\npo_fuzzy = \"maybe\"\n"),
        ("columns.toml", "[formats]\ncolumns = \"zh,en,notes=3\"\n"),
        ("severity.toml", "[severity]\ncpc = \"fatal\"\n"),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        let (ok, said) = validate(&tool, "termlint.schema.json", &[&path]);
        assert!(!ok, "{name} validated: {said}");
    }
}

#[test]
fn real_json_output_matches_its_schema() {
    let Some(tool) = tool() else { return };
    use std::os::unix::ffi::OsStrExt;
    // Every kind of finding and field: deviants, a miscased form, a quotation, an unused
    // directive, a file name that is not UTF-8, and the bilingual fixtures (missing and
    // inconsistent renderings).
    let dir = project(
        GLOSSARY,
        &[
            (
                "a.txt",
                "The CCP and the obor met. \u{201c}OBOR\u{201d}.\n# termlint-disable-next-line bri\nNothing here.\n"
                    .as_bytes(),
            ),
        ],
    );
    let odd = dir.path().join(std::ffi::OsStr::from_bytes(b"b\xff.txt"));
    std::fs::write(&odd, "The CCP met.\n").unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    for field in [
        "\"path_base64\"",
        "\"kind\":\"unused-suppression\"",
        "\"quotation\":\"whole\"",
    ] {
        assert!(json.contains(field), "{field}: {json}");
    }
    let file = dir.path().join("out.json");
    std::fs::write(&file, &json).unwrap();
    let (ok, said) = validate(&tool, "findings.schema.json", &[&file]);
    assert!(ok, "{said}");

    let out = termlint()
        .current_dir(root())
        .args(["check", "--format", "json", "fixtures"])
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    for kind in [
        "\"kind\":\"missing\"",
        "\"kind\":\"inconsistent\"",
        "\"related\"",
    ] {
        assert!(json.contains(kind), "{kind}");
    }
    std::fs::write(&file, &json).unwrap();
    let (ok, said) = validate(&tool, "findings.schema.json", &[&file]);
    assert!(ok, "{said}");

    // A finding with a field the schema does not know fails: the schema is strict.
    let mut v: serde_json::Value = serde_json::from_str(&json).unwrap();
    v[0]["extra"] = serde_json::json!(1);
    std::fs::write(&file, v.to_string()).unwrap();
    let (ok, _) = validate(&tool, "findings.schema.json", &[&file]);
    assert!(!ok);
}
