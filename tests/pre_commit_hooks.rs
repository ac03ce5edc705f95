//! .pre-commit-hooks.yaml against the binary: the `termlint` hook passes exactly the files a
//! directory walk reads (and the flags exist), and `termlint-glossary` can take several files,
//! as pre-commit passes them. tests/pre-commit/run.sh runs the hooks with the real pre-commit.

mod common;

use common::{GLOSSARY, project, stderr, stdout, termlint};

/// The value of `key:` in the hook `id`, read line by line (the manifest is flat).
fn hook_field(id: &str, key: &str) -> String {
    let manifest = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(".pre-commit-hooks.yaml"),
    )
    .unwrap();
    let start = manifest
        .find(&format!("\n- id: {id}\n"))
        .unwrap_or_else(|| panic!("no hook {id}"));
    let hook = &manifest[start + 1..];
    let hook = &hook[..hook[1..].find("\n- id:").map_or(hook.len(), |e| e + 1)];
    let line = hook
        .lines()
        .find_map(|l| l.trim().strip_prefix(&format!("{key}: ")))
        .unwrap_or_else(|| panic!("hook {id} has no {key}"));
    line.trim_matches('\'').to_string()
}

#[test]
fn the_hook_passes_the_files_a_walk_reads() {
    let files = regex::Regex::new(&hook_field("termlint", "files")).unwrap();
    let drafts = [
        "a.md",
        "b.markdown",
        "c.mdx",
        "d.txt",
        "e.po",
        "f.pot",
        "g.xlf",
        "h.xliff",
        "i.tmx",
        "j.tsv",
        "k.tab",
        "l.csv",
        "M.MD",
        "sub/n.Po",
    ];
    let others = [
        "glossary.toml",
        "termlint.toml",
        "team.tbx",
        "data.json",
        "a.yaml",
        "main.rs",
        "README",
        "notes.md.orig",
    ];
    for f in drafts {
        assert!(files.is_match(f), "the hook skips {f}");
    }
    for f in others {
        assert!(!files.is_match(f), "the hook passes {f}");
    }
    // The same files, walked (tables with columns, .mdx configured as Markdown): every draft
    // the hook passes is one a walk reads, and no other. A file read shows up in the output,
    // by a finding ("x" is a deviant) or by an error (the .tmx is not TMX).
    let po = b"msgid \"a\"\nmsgstr \"x\"\n";
    let xliff = b"<xliff version=\"1.2\"><file><body><trans-unit id=\"1\"><source>a</source><target>x</target></trans-unit></body></file></xliff>\n";
    let content = |f: &str| -> &[u8] {
        match f.rsplit('.').next().unwrap().to_ascii_lowercase().as_str() {
            "po" | "pot" => po,
            "xlf" | "xliff" => xliff,
            "csv" => b"a,x\n",
            "tsv" | "tab" => b"a\tx\n",
            _ => b"x\n",
        }
    };
    let mut contents: Vec<(&str, &[u8])> = drafts.iter().map(|f| (*f, content(f))).collect();
    contents.extend(others.iter().map(|f| (*f, &b"x\n"[..])));
    contents.push((
        "terms/g.toml",
        b"[[term]]\nid = \"x\"\npreferred = \"z\"\ndeviants = [\"x\"]\n",
    ));
    let dir = project("", &contents);
    std::fs::write(
        dir.path().join("termlint.toml"),
        "glossary = \"terms/g.toml\"\n[formats]\nmarkdown = [\"md\", \"markdown\", \"mdx\"]\ncolumns = \"1,2\"\n",
    )
    .unwrap();
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "concise"])
        .output()
        .unwrap();
    let output = format!("{}{}", stdout(&out), stderr(&out));
    let read: Vec<&str> = drafts
        .iter()
        .chain(&others)
        .copied()
        .filter(|f| output.lines().any(|l| l.contains(&format!("{f}:"))))
        .collect();
    assert_eq!(read, drafts, "{output}");
}

#[test]
fn the_hooks_flags_exist() {
    assert_eq!(
        hook_field("termlint", "entry"),
        "termlint check --force-exclude"
    );
    assert_eq!(
        hook_field("termlint-glossary", "entry"),
        "termlint glossary check"
    );
    let files = regex::Regex::new(&hook_field("termlint-glossary", "files")).unwrap();
    for (f, passed) in [
        ("glossary.toml", true),
        ("docs/glossary.toml", true),
        ("my-glossary.toml", false),
        ("termlint.toml", false),
    ] {
        assert_eq!(files.is_match(f), passed, "{f}");
    }
}

#[test]
fn glossary_check_takes_several_files() {
    let bad = "[[term]]\nid = \"t\"\npreferred = \"a b\"\ndeviants = [\"c\"]\nexamples = { bad = [\"no deviant here\"] }\n";
    let dir = project(
        GLOSSARY,
        &[
            ("b/glossary.toml", bad.as_bytes()),
            ("c/glossary.toml", b"[[term]\n"),
        ],
    );
    let run = |files: &[&str]| {
        let out = termlint()
            .current_dir(dir.path())
            .args(["glossary", "check", "--color", "never"])
            .args(files)
            .output()
            .unwrap();
        (out.status.code(), stdout(&out), stderr(&out))
    };
    let (code, out, err) = run(&["glossary.toml"]);
    assert_eq!((code, err.as_str()), (Some(0), ""));
    assert!(out.starts_with("glossary.toml: 3 terms"), "{out}");
    // A clean glossary and one with a problem: both reported, exit 1.
    let (code, out, err) = run(&["glossary.toml", "b/glossary.toml"]);
    assert_eq!(code, Some(1), "{err}");
    assert!(out.starts_with("glossary.toml: 3 terms"), "{out}");
    assert!(err.contains("b/glossary.toml"), "{err}");
    // One that does not load wins: exit 2, and the others are still checked.
    let (code, out, err) = run(&["c/glossary.toml", "glossary.toml"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("c/glossary.toml"), "{err}");
    assert!(out.starts_with("glossary.toml: 3 terms"), "{out}");
}

/// The hooks of a manifest without comments, blank lines and `language`.
fn hooks_without_language(path: &str) -> String {
    std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty() && !l.contains("language:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_python_mirror_has_the_same_hooks_and_pins_this_version() {
    assert_eq!(
        hooks_without_language("packaging/pre-commit-mirror/.pre-commit-hooks.yaml"),
        hooks_without_language(".pre-commit-hooks.yaml")
    );
    let pyproject = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("packaging/pre-commit-mirror/pyproject.toml"),
    )
    .unwrap();
    assert!(
        pyproject.contains(&format!(
            "dependencies = [\"termlint=={}\"]",
            env!("CARGO_PKG_VERSION")
        )),
        "the mirror must pin the version in Cargo.toml"
    );
}
