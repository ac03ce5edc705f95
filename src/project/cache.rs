//! Compiled checkers, kept per set of glossary files and configuration file, so that files
//! sharing a glossary share one automaton; an entry is dropped when one of its files changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::Checker;

/// The glossary files and the configuration file (for its severity overrides) of a checker.
pub type CheckerKey = (Vec<PathBuf>, Option<PathBuf>);

/// (glossary files, config file) -> compiled checker, or None when it could not be built (its
/// problems were reported when it was tried).
#[derive(Default)]
pub struct CheckerCache {
    entries: Mutex<HashMap<CheckerKey, Option<Arc<Checker>>>>,
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl CheckerCache {
    /// The checker for `key`, built by `build` the first time. The lock is held while
    /// building, so two threads never compile the same glossary twice.
    pub fn get_or_build(
        &self,
        key: CheckerKey,
        build: impl FnOnce() -> Option<Checker>,
    ) -> Option<Arc<Checker>> {
        let mut entries = lock(&self.entries);
        if let Some(c) = entries.get(&key) {
            return c.clone();
        }
        let built = build().map(Arc::new);
        entries.insert(key, built.clone());
        built
    }

    /// Drops every checker built from `file` (a glossary or configuration file that changed);
    /// returns how many.
    pub fn invalidate(&self, file: &Path) -> usize {
        let mut entries = lock(&self.entries);
        let before = entries.len();
        entries.retain(|(glossaries, config), _| {
            !glossaries.iter().any(|g| g == file) && config.as_deref() != Some(file)
        });
        before - entries.len()
    }

    /// How many checkers (or failures) are kept.
    pub fn len(&self) -> usize {
        lock(&self.entries).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn checker() -> Option<Checker> {
        let g = crate::Glossary::from_toml(
            "[[term]]\nid = \"a\"\npreferred = \"alpha\"\ndeviants = [\"alfa\"]\n",
        )
        .ok()?;
        Checker::new(g).ok()
    }

    #[test]
    fn builds_once_and_drops_what_a_changed_file_built() {
        let cache = CheckerCache::default();
        let g1 = PathBuf::from("/p/glossary.toml");
        let g2 = PathBuf::from("/q/glossary.toml");
        let cfg = PathBuf::from("/q/termlint.toml");
        let mut builds = 0;
        let a = cache.get_or_build((vec![g1.clone()], None), || {
            builds += 1;
            checker()
        });
        let b = cache.get_or_build((vec![g1.clone()], None), || {
            builds += 1;
            checker()
        });
        assert_eq!(builds, 1);
        assert!(Arc::ptr_eq(&a.unwrap(), &b.unwrap()));
        cache.get_or_build((vec![g2.clone()], Some(cfg.clone())), checker);
        assert_eq!(cache.len(), 2);
        assert_eq!(cache.invalidate(&cfg), 1);
        assert_eq!(cache.invalidate(&g1), 1);
        assert!(cache.is_empty());
        assert_eq!(cache.invalidate(&g2), 0);
    }
}
