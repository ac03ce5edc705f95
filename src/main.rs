//! The `termlint` command. All the work is in the `cli` module (I/O, walking, rendering) and
//! the `termlint` library (matching); this file only starts it.

mod cli;
mod lsp;

fn main() -> std::process::ExitCode {
    cli::main()
}
