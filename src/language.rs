//! Language tags (BCP 47), as termbases and translation files write them.

/// Whether two tags name the same language: case does not matter, and a bare language matches
/// its regional variants (`zh` matches `zh-CN`, `en-us` matches `en-GB`).
pub fn same_language(a: &str, b: &str) -> bool {
    let primary = |s: &str| {
        s.split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase()
    };
    a.eq_ignore_ascii_case(b) || primary(a) == primary(b)
}
