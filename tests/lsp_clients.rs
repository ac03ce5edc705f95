//! `termlint lsp` driven by real LSP clients: the pytest-lsp suite (tests/lsp/test_lsp.py) and
//! Neovim's built-in client (tests/nvim/fix_draft.lua). .ci/run installs both and sets
//! TERMLINT_PYTEST_LSP (a Python with pytest-lsp) and TERMLINT_NVIM (the nvim binary); without
//! them these tests say they skipped.

use std::path::Path;
use std::process::Command;

fn tool(var: &str) -> Option<String> {
    match std::env::var(var) {
        Ok(v) if !v.is_empty() => Some(v),
        _ => {
            eprintln!("skipped: {var} is not set (.ci/run installs the LSP clients and sets it)");
            None
        }
    }
}

#[test]
fn pytest_lsp_suite() {
    let Some(python) = tool("TERMLINT_PYTEST_LSP") else {
        return;
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lsp");
    let out = Command::new(python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "."])
        .current_dir(&dir)
        .env("TERMLINT_BIN", env!("CARGO_BIN_EXE_termlint"))
        .output()
        .expect("pytest runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "pytest-lsp suite failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("7 passed"), "{stdout}");
}

#[test]
fn neovim_applies_the_quick_fix_and_writes_the_file() {
    let Some(nvim) = tool("TERMLINT_NVIM") else {
        return;
    };
    let project = tempfile::tempdir().unwrap();
    let root = project.path();
    std::fs::create_dir(root.join(".git")).unwrap();
    std::fs::write(
        root.join("glossary.toml"),
        "[[term]]\nid = \"bri\"\nsource = \"一带一路\"\npreferred = \"Belt and Road Initiative\"\n\
         admitted = [\"Belt and Road\"]\ndeviants = [\"One Belt, One Road\"]\n",
    )
    .unwrap();
    std::fs::write(
        root.join("draft.md"),
        "# 一带一路\n\n一带一路 😀 The One Belt, One Road plan.\n",
    )
    .unwrap();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/nvim/fix_draft.lua");
    let out = Command::new(nvim)
        .args(["--headless", "-n", "-i", "NONE", "-u"])
        .arg(&script)
        .env("TERMLINT_BIN", env!("CARGO_BIN_EXE_termlint"))
        .env("PROJECT", root)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("nvim runs");
    let log = std::fs::read_to_string(root.join("nvim.log")).unwrap_or_default();
    assert!(
        out.status.success(),
        "nvim failed ({}):\n{log}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        log,
        "diagnostic: deviant rendering \"One Belt, One Road\": use \"Belt and Road Initiative\" [bri]\n\
         action: Use \"Belt and Road Initiative\"\nok\n"
    );
    // The fix landed on the right characters after the CJK text and the emoji.
    assert_eq!(
        std::fs::read_to_string(root.join("draft.md")).unwrap(),
        "# 一带一路\n\n一带一路 😀 The Belt and Road Initiative plan.\n"
    );
}
