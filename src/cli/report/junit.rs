//! `--format junit`: JUnit XML, one test case per checked file, failing when the file has
//! findings; CI systems show it as a test report.

use std::io::{self, Write};

use super::concise::concise_line;
use super::{Record, Report, Summary};

pub struct Junit;

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

    fn write(&self, out: &mut dyn Write, chunks: &[Vec<u8>], summary: &Summary) -> io::Result<()> {
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
        for c in chunks {
            out.write_all(c)?;
        }
        writeln!(out, "  </testsuite>\n</testsuites>")
    }
}
