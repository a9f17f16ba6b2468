//! Reading the documents `credence diff` and `credence merge` compare.

use credence::model::Document;
use std::path::Path;

/// A document to compare, or an empty one where git gives no file: its
/// `/dev/null`, or the empty file that stands for a missing common
/// ancestor. Any other file must be a valid document.
pub fn load_side(path: &Path) -> Result<Document, String> {
    if path == Path::new("/dev/null") {
        return Ok(Document::default());
    }
    if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Ok(Document::default());
    }
    credence::io::load(path).map_err(|e| e.to_string())
}
