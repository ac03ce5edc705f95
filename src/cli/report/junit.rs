//! `--format junit`: JUnit XML, one test case per checked file, failing when the file has
//! findings; CI systems show it as a test report.

use std::io::{self, Write};

use super::concise::concise_line;
use super::{Record, Report, Summary};

/// JUnit's header counts every test case, so the test cases are kept until the end: one
/// short element per file.
#[derive(Default)]
pub struct Junit {
    cases: std::sync::Mutex<Vec<u8>>,
}

impl Report for Junit {
    fn render_file(&self, path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = String::new();
        let name = termlint::export::xml_escape(path);
        if records.is_empty() {
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"termlint\" file=\"{name}\"/>\n"
            ));
        } else {
            let n = records.len();
            out.push_str(&format!(
                "    <testcase name=\"{name}\" classname=\"termlint\" file=\"{name}\">\n"
            ));
            out.push_str(&format!(
                "      <failure type=\"termlint\" message=\"{n} finding{}\">",
                if n == 1 { "" } else { "s" }
            ));
            for r in records {
                out.push_str(&termlint::export::xml_escape(&concise_line(r)));
                out.push('\n');
            }
            out.push_str("</failure>\n    </testcase>\n");
        }
        out.into_bytes()
    }

    fn whole_files(&self) -> bool {
        true
    }

    fn chunk(&self, _out: &mut dyn Write, chunk: &[u8], _first: bool) -> io::Result<()> {
        self.cases
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .extend_from_slice(chunk);
        Ok(())
    }

    fn finish(&self, out: &mut dyn Write, summary: &Summary, _any: bool) -> io::Result<()> {
        let tests = summary.files_checked;
        let failures = summary.files_with_findings;
        writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>")?;
        writeln!(
            out,
            "<testsuites name=\"termlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        )?;
        writeln!(
            out,
            "  <testsuite name=\"termlint\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\">"
        )?;
        out.write_all(&self.cases.lock().unwrap_or_else(|e| e.into_inner()))?;
        writeln!(out, "  </testsuite>\n</testsuites>")
    }
}
