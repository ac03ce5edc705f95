//! `--format jsonl`: one JSON object per finding, one per line, for streaming tools.

use super::{Record, Report};

pub struct Jsonl;

impl Report for Jsonl {
    fn render_file(&self, _path: &str, _text: &str, records: &[Record<'_>]) -> Vec<u8> {
        let mut out = Vec::new();
        for r in records {
            // Serialising plain data into memory cannot fail.
            serde_json::to_writer(&mut out, r).expect("a record serialises");
            out.push(b'\n');
        }
        out
    }
}
