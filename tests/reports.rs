//! Reports for reviewers: `--format markdown` (a pull-request comment or job summary) and
//! `--format html` (one self-contained page). Both escape everything that comes from drafts,
//! file names and glossaries. The HTML page is also opened in headless Chromium when
//! TERMLINT_CHROMIUM names the browser (set by .ci/run): the test reads the rendered DOM
//! (counts, a filter applied from the URL fragment) and keeps a screenshot under
//! target/tmp/html-report/.

mod common;

use std::path::Path;
use std::process::Command as Process;

use common::{GLOSSARY, project, stderr, stdout, termlint};

/// Drafts with findings of each severity over two files, one a hostile file name and text.
fn drafts() -> tempfile::TempDir {
    project(
        GLOSSARY,
        &[
            ("a.txt", b"We build a community of common destiny. The CCP met.\n"),
            (
                "b<img src=x onerror=alert(1)>.txt",
                "Once \u{201c}OBOR\u{201d}, now the OBOR. <script>alert(1)</script> [x](http://evil.example) @team #1 | :smile: *the CCP*\n"
                    .as_bytes(),
            ),
        ],
    )
}

fn report(dir: &Path, format: &str, extra: &[(&str, &str)]) -> String {
    let mut cmd = termlint();
    cmd.current_dir(dir)
        .args(["check", "--format", format])
        .env_remove("GITHUB_SERVER_URL")
        .env_remove("GITHUB_REPOSITORY")
        .env_remove("GITHUB_SHA");
    for (k, v) in extra {
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
    stdout(&out)
}

#[test]
fn markdown_has_a_summary_table_and_the_findings() {
    let dir = drafts();
    assert_eq!(
        report(dir.path(), "markdown", &[]),
        r#"## termlint

**2 errors, 2 warnings, 1 note in 2 files** (2 files checked)

| Term | Use | Errors | Warnings | Notes |
|---|---|--:|--:|--:|
| bri | Belt and Road Initiative | 1 | 0 | 1 |
| shared-future | community of shared future for mankind | 1 | 0 | 0 |
| cpc | Communist Party of China | 0 | 2 | 0 |

| File | Errors | Warnings | Notes |
|---|--:|--:|--:|
| a.txt | 1 | 1 | 0 |
| b&lt;img src=x onerror=alert(1)&gt;.txt | 1 | 1 | 1 |

### Findings

- **error** a.txt:1:12 `shared-future`: deviant rendering "community of common destiny"\: use "community of shared future for mankind"
  > We build a **community of common destiny**. The CCP met.
- **warning** a.txt:1:45 `cpc`: deviant rendering "CCP"\: use "Communist Party of China"
  > We build a community of common destiny. The **CCP** met.
- **note** b&lt;img src=x onerror=alert(1)&gt;.txt:1:7 `bri`: deviant rendering "OBOR"\: use "Belt and Road Initiative"
  > Once “**OBOR**”, now the OBOR. &lt;script&gt;alert(1)&lt;/script&gt; \[x\](http\://evil.…
- **error** b&lt;img src=x onerror=alert(1)&gt;.txt:1:22 `bri`: deviant rendering "OBOR"\: use "Belt and Road Initiative"
  > Once “OBOR”, now the **OBOR**. &lt;script&gt;alert(1)&lt;/script&gt; \[x\](http\://evil.example) \@team \#…
- **warning** b&lt;img src=x onerror=alert(1)&gt;.txt:1:103 `cpc`: deviant rendering "CCP"\: use "Communist Party of China"
  > …)&lt;/script&gt; \[x\](http\://evil.example) \@team \#1 \| \:smile\: \*the **CCP**\*
"#
    );
}

#[test]
fn markdown_links_each_finding_to_its_line_on_github_actions() {
    let dir = project(GLOSSARY, &[("docs/a b.txt", b"The CCP met.\n")]);
    let mut cmd = termlint();
    let out = cmd
        .current_dir(dir.path())
        .args(["check", "--format", "markdown", "docs"])
        .env("GITHUB_SERVER_URL", "https://github.com")
        .env("GITHUB_REPOSITORY", "team/drafts")
        .env("GITHUB_SHA", "0123abc")
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains(
            "- **warning** [docs/a b.txt:1:5](https://github.com/team/drafts/blob/0123abc/docs/a%20b.txt#L1) `cpc`"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_clean_run_in_markdown_and_html_says_so() {
    let dir = project(GLOSSARY, &[("a.txt", b"All is well.\n")]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out),
        "## termlint\n\n**All checks passed!** (1 file checked)\n\n"
    );
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "html"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("<p id=\"summary\">All checks passed! (1 file checked)</p>"),
        "{}",
        stdout(&out)
    );
    assert!(!stdout(&out).contains("<article"));
}

#[test]
fn html_is_one_self_contained_escaped_page() {
    let dir = drafts();
    let html = report(dir.path(), "html", &[]);
    assert!(html.starts_with("<!DOCTYPE html>\n"), "{html}");
    assert!(html.ends_with("</html>\n"));
    // Nothing is loaded: no external source, and the policy forbids any.
    assert!(html.contains(
        "content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\""
    ));
    for loads in ["src=\"", "href=\"http", "<link", "url("] {
        assert!(!html.contains(loads), "{loads}");
    }
    // The draft's and the file name's markup is text: one script (termlint's), no image.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("data-file=\"b&lt;img src=x onerror=alert(1)&gt;.txt\""));
    // Five findings, each with its context, suggestion and note, and an anchor to link to.
    assert_eq!(html.matches("<article class=\"finding").count(), 5);
    assert!(html.contains(
        "<article class=\"finding error\" id=\"La.txt-1-12\" data-term=\"shared-future\" data-severity=\"error\" data-file=\"a.txt\">\n\
         <h3><a class=\"place\" href=\"#La.txt-1-12\">a.txt:1:12</a> <span class=\"sev\">error</span> <code class=\"term\">shared-future</code> deviant rendering &quot;community of common destiny&quot;</h3>\n\
         <p class=\"context\">We build a <mark>community of common destiny</mark>. The CCP met.</p>\n\
         <p class=\"suggestion\">Use <q>community of shared future for mankind</q></p>\n\
         <p class=\"source\">Source term: 人类命运共同体</p>\n\
         <p class=\"note\">命运 is the future people share.</p>\n\
         </article>\n"
    ), "{html}");
    // Summaries per term and per file, with counts by severity.
    assert!(html.contains(
        "<tr data-term=\"cpc\"><td><a href=\"#term=cpc\">cpc</a></td><td>Communist Party of China</td><td class=\"zero\">0</td><td class=\"warning\">2</td><td class=\"zero\">0</td></tr>"
    ), "{html}");
    assert!(html.contains(
        "<tr data-file=\"a.txt\"><td><a href=\"#file=a.txt\">a.txt</a></td><td class=\"error\">1</td><td class=\"warning\">1</td><td class=\"zero\">0</td></tr>"
    ), "{html}");
    assert!(html.contains("<output id=\"shown\">5</output> of <span id=\"total\">5</span>"));
}

/// Loads `page` (with a URL fragment) in headless Chromium; the DOM after its scripts ran.
fn rendered(chromium: &str, page: &Path, fragment: &str, profile: &Path) -> String {
    let out = Process::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            &format!("--user-data-dir={}", profile.display()),
            "--dump-dom",
            &format!("file://{}#{fragment}", page.display()),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// (findings shown, findings hidden, the page's own count of those shown).
fn counts(dom: &str) -> (usize, usize, String) {
    let articles: Vec<&str> = dom
        .split("<article ")
        .skip(1)
        .map(|a| &a[..a.find('>').unwrap()])
        .collect();
    let hidden = articles.iter().filter(|a| a.contains(" hidden")).count();
    let shown = dom.split("<output id=\"shown\">").nth(1).unwrap();
    (
        articles.len() - hidden,
        hidden,
        shown[..shown.find('<').unwrap()].to_string(),
    )
}

#[test]
fn html_filters_work_in_a_real_browser() {
    let Ok(chromium) = std::env::var("TERMLINT_CHROMIUM") else {
        eprintln!("skipped: set TERMLINT_CHROMIUM to a Chromium binary (.ci/run does)");
        return;
    };
    let dir = drafts();
    let html = report(dir.path(), "html", &[]);
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("html-report");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let page = out.join("report.html");
    std::fs::write(&page, &html).unwrap();
    let profile = tempfile::tempdir().unwrap();

    // No filter: all five shown; the draft's markup did not become elements.
    let dom = rendered(&chromium, &page, "", profile.path());
    assert_eq!(counts(&dom), (5, 0, "5".to_string()));
    assert!(!dom.contains("<img"), "{dom}");
    assert_eq!(dom.matches("<script").count(), 1);

    // Filters from the URL fragment, as a link from the summary sets them.
    let dom = rendered(&chromium, &page, "severity=error", profile.path());
    assert_eq!(counts(&dom), (2, 3, "2".to_string()));
    let dom = rendered(&chromium, &page, "term=cpc", profile.path());
    assert_eq!(counts(&dom), (2, 3, "2".to_string()));
    assert!(
        dom.contains("<tr data-term=\"cpc\" class=\"selected\">"),
        "{dom}"
    );
    let dom = rendered(&chromium, &page, "term=bri&severity=note", profile.path());
    assert_eq!(counts(&dom), (1, 4, "1".to_string()));
    let file = "b%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E.txt";
    let dom = rendered(&chromium, &page, &format!("file={file}"), profile.path());
    assert_eq!(counts(&dom), (3, 2, "3".to_string()));
    // An unknown value in the fragment shows everything rather than nothing.
    let dom = rendered(&chromium, &page, "term=nosuch", profile.path());
    assert_eq!(counts(&dom), (5, 0, "5".to_string()));

    // A screenshot of a filtered view, kept as an artefact.
    let shot = out.join("report-errors.png");
    let status = Process::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1100,1400",
            &format!("--user-data-dir={}", profile.path().display()),
            &format!("--screenshot={}", shot.display()),
            &format!("file://{}#severity=error", page.display()),
        ])
        .output()
        .unwrap();
    assert!(status.status.success());
    let png = std::fs::read(&shot).unwrap();
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 10_000,
        "{} bytes",
        png.len()
    );
    eprintln!("screenshot: {}", shot.display());
}

#[test]
fn markdown_lists_at_most_200_findings_and_counts_the_rest() {
    let draft = "The CCP met.\n".repeat(205);
    let dir = project(GLOSSARY, &[("a.txt", draft.as_bytes())]);
    let out = termlint()
        .current_dir(dir.path())
        .args(["check", "--format", "markdown"])
        .output()
        .unwrap();
    let md = stdout(&out);
    assert!(md.starts_with("## termlint\n\n**205 warnings in 1 file** (1 file checked)\n"));
    assert_eq!(md.matches("\n- **warning** a.txt:").count(), 200);
    assert!(md.contains("a.txt:200:5"));
    assert!(!md.contains("a.txt:201:5"));
    assert!(
        md.ends_with("\n… and 5 more: run `termlint check` to see them all.\n"),
        "{md}"
    );
}
