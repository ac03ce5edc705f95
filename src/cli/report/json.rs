//! `--format json`: one JSON array of findings, in path, line, column order.

use std::io::{self, Write};

use super::{Record, Report, Summary};

pub struct Json;

impl Report for Json {
    fn render_file(&self, _path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, r) in records.iter().enumerate() {
            if i > 0 {
                out.extend_from_slice(b",\n");
            }
            out.extend_from_slice(b"  ");
            // Serialising plain data into memory cannot fail.
            serde_json::to_writer(&mut out, r).expect("a record serialises");
        }
        out
    }

    fn chunk(&self, out: &mut dyn Write, chunk: &[u8], first: bool) -> io::Result<()> {
        out.write_all(if first { b"[\n" } else { b",\n" })?;
        out.write_all(chunk)
    }

    fn finish(&self, out: &mut dyn Write, _summary: &Summary, any: bool) -> io::Result<()> {
        out.write_all(if any { b"\n]\n" } else { b"[]\n" })
    }
}
