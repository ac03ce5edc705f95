//! glibc's allocator tuned for one run of the command line, which builds its glossary's
//! tables once, scans, and exits.
//!
//! By default glibc gives memory back to the system as it is freed: blocks of 128 KiB and
//! more (a threshold that grows to at most 32 MiB) are mapped and unmapped one by one, and
//! the top of the heap is trimmed. Loading a large glossary frees and allocates again
//! hundreds of megabytes (the TOML document, then the matcher's tables), and every page
//! handed back and taken again is a page fault: a 50,000-form glossary took 98,000 faults
//! to load, and 65,000 with the two settings below, which load it in 0.86x the time
//! (bench/NOTES.md item 15). Memory freed stays with the process until it exits, so the
//! peak is what the run needs at most, as before.
//!
//! Not for the language server, which runs for hours and should give memory back.

/// Keeps freed memory in the heap for the rest of the run (glibc only; elsewhere nothing).
pub fn keep_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt sets two parameters of the allocator and is called before any other
    // thread is started.
    unsafe {
        // Every block from the heap, whatever its size; the heap never trimmed.
        libc::mallopt(libc::M_MMAP_THRESHOLD, i32::MAX);
        libc::mallopt(libc::M_TRIM_THRESHOLD, i32::MAX);
    }
}
