//! The `termlint` command. All the work is in the `cli` module (I/O, walking, rendering) and
//! the `termlint` library (matching); this file only starts it.

/// mimalloc rather than the system's allocator. Loading a large glossary is mostly small
/// allocations (the TOML document, then the matcher's forms and tables). glibc's consolidated
/// and unmapped freed blocks and faulted them in again: 50,000 forms loaded in 0.88x the time
/// with its thresholds raised by mallopt, and in 0.80x of that with mimalloc. Built without
/// transparent huge pages: with them, zeroing a huge page for a few small blocks made the
/// same scan take from 0.65 to 1.25 s (bench/NOTES.md item 15).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;
mod lsp;

fn main() -> std::process::ExitCode {
    cli::main()
}
