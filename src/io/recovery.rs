//! Crash recovery. While a document has unsaved changes, the app keeps a
//! recovery copy in the user's data folder (never next to, or instead of,
//! the user's file). A copy left behind after a crash or kill is offered
//! back on the next start; nothing is deleted until the user chooses.

use super::{LoadError, MAX_FILE_BYTES, atomic, from_ron, to_ron};
use crate::model::Document;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One recovery file: where the document came from, when it was written,
/// and the document in its normal saved form.
#[derive(Serialize, Deserialize)]
struct RecoveryFile {
    original: Option<PathBuf>,
    written_at: u64,
    document: String,
}

/// A recovery copy found on disk.
#[derive(Debug)]
pub struct Recovered {
    pub key: String,
    pub original: Option<PathBuf>,
    pub written_at: SystemTime,
    pub doc: Document,
    /// The original file as it is on disk now, for comparison.
    pub on_disk: Option<Document>,
}

impl Recovered {
    /// How much newer the copy is than the original file, if that exists.
    pub fn newer_by(&self) -> Option<Duration> {
        let original = self.original.as_ref()?;
        let modified = std::fs::metadata(original).ok()?.modified().ok()?;
        self.written_at.duration_since(modified).ok()
    }
}

#[derive(Clone, Debug)]
pub struct RecoveryStore {
    dir: PathBuf,
}

impl RecoveryStore {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// `$CREDENCE_RECOVERY_DIR`, else `$XDG_DATA_HOME/credence/recovery`,
    /// else `~/.local/share/credence/recovery`.
    pub fn default_dir() -> Option<PathBuf> {
        super::data_dir("CREDENCE_RECOVERY_DIR", "recovery")
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file name stem for a document: one per saved file, one per
    /// untitled document of this session.
    pub fn key_for(original: Option<&Path>, session: &str) -> String {
        match original {
            Some(path) => {
                let mut h = DefaultHasher::new();
                path.hash(&mut h);
                let name = path
                    .file_stem()
                    .map(|s| {
                        s.to_string_lossy()
                            .chars()
                            .filter(|c| c.is_alphanumeric())
                            .take(24)
                            .collect()
                    })
                    .unwrap_or_else(String::new);
                format!("{name}-{:016x}", h.finish())
            }
            None => format!("untitled-{session}"),
        }
    }

    fn file(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.recovery.ron"))
    }

    /// Writes (atomically) the recovery copy for `key`.
    pub fn write(&self, key: &str, original: Option<&Path>, doc: &Document) -> std::io::Result<()> {
        std::fs::create_dir_all(&self.dir)?;
        let file = RecoveryFile {
            original: original.map(Path::to_owned),
            written_at: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            document: to_ron(doc),
        };
        let text = ron::ser::to_string_pretty(&file, ron::ser::PrettyConfig::new())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        atomic::write(&self.file(key), text.as_bytes())
    }

    pub fn remove(&self, key: &str) {
        let _ = std::fs::remove_file(self.file(key));
    }

    pub fn exists(&self, key: &str) -> bool {
        self.file(key).exists()
    }

    /// Every readable recovery copy, oldest first. Unreadable ones are
    /// reported, not deleted.
    pub fn list(&self) -> Vec<Result<Recovered, LoadError>> {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut found: Vec<Result<Recovered, LoadError>> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.to_string_lossy().ends_with(".recovery.ron"))
            .map(|p| read(&p))
            .collect();
        found.sort_by_key(|r| r.as_ref().map(|r| r.written_at).ok());
        found
    }
}

fn read(path: &Path) -> Result<Recovered, LoadError> {
    let bytes = super::bounded::read(path, MAX_FILE_BYTES * 2, "recovery copy")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| LoadError::whole(path, "the recovery copy is not UTF-8 text".into()))?;
    let file: RecoveryFile = ron::from_str(&text).map_err(|e| {
        let (line, col, message) = super::ron_error::describe(&e, "damaged recovery copy");
        LoadError::at(path, line, col, message)
    })?;
    let doc = from_ron(&file.document, path)?;
    let key = path
        .file_name()
        .map(|n| {
            n.to_string_lossy()
                .trim_end_matches(".recovery.ron")
                .to_owned()
        })
        .unwrap_or_default();
    let on_disk = file.original.as_deref().and_then(|p| super::load(p).ok());
    Ok(Recovered {
        key,
        on_disk,
        original: file.original,
        written_at: UNIX_EPOCH + Duration::from_secs(file.written_at),
        doc,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_list_remove() {
        let dir = tempfile::tempdir().unwrap();
        let store = RecoveryStore::new(dir.path().join("rec"));
        let doc = crate::io::example();
        let key = RecoveryStore::key_for(Some(Path::new("/maps/plan.ron")), "s1");
        assert!(key.starts_with("plan-"));
        store
            .write(&key, Some(Path::new("/maps/plan.ron")), &doc)
            .unwrap();
        let found = store.list();
        assert_eq!(found.len(), 1);
        let r = found[0].as_ref().unwrap();
        assert_eq!(r.doc, doc);
        assert_eq!(r.key, key);
        assert_eq!(r.original.as_deref(), Some(Path::new("/maps/plan.ron")));
        store.remove(&key);
        assert!(store.list().is_empty());
    }
}
