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

    fn write(&self, out: &mut dyn Write, chunks: &[Vec<u8>], _summary: &Summary) -> io::Result<()> {
        if chunks.is_empty() {
            return writeln!(out, "[]");
        }
        out.write_all(b"[\n")?;
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                out.write_all(b",\n")?;
            }
            out.write_all(c)?;
        }
        out.write_all(b"\n]\n")
    }
}
