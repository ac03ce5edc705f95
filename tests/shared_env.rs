//! `common::shared`, the gate of the tests that read ../shared: a relative TERMLINT_SHARED is
//! taken from the repository root whatever the working directory, a missing folder fails
//! with a message saying so, and unset or empty skips. This binary holds one test, as it
//! changes the process's environment and working directory.

mod common;

use std::path::Path;

#[test]
fn termlint_shared_is_resolved_from_the_repository_root() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::env::set_current_dir(std::env::temp_dir()).unwrap();
    // SAFETY: the only test of this binary; no other thread reads the environment.
    unsafe { std::env::set_var("TERMLINT_SHARED", "fixtures") };
    assert_eq!(common::shared(), Some(root.join("fixtures")));
    unsafe { std::env::set_var("TERMLINT_SHARED", root.join("src")) };
    assert_eq!(
        common::shared(),
        Some(root.join("src")),
        "absolute, as given"
    );

    unsafe { std::env::set_var("TERMLINT_SHARED", "no/such/folder") };
    let message = *std::panic::catch_unwind(common::shared)
        .unwrap_err()
        .downcast::<String>()
        .unwrap();
    assert_eq!(
        message,
        format!(
            "TERMLINT_SHARED=no/such/folder: {} is not a directory (a relative path is taken \
             from the repository root, {}); point it at the shared data folder, or unset it to \
             skip termlint_shared_is_resolved_from_the_repository_root",
            root.join("no/such/folder").display(),
            root.display()
        )
    );

    unsafe { std::env::set_var("TERMLINT_SHARED", "") };
    assert_eq!(common::shared(), None);
    unsafe { std::env::remove_var("TERMLINT_SHARED") };
    assert_eq!(common::shared(), None);
}
