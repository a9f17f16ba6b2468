//! Files: reading and writing Credence documents.
//!
//! Documents are RON with a top-level `version`. Loading is strict: a
//! malformed file, a file from a newer Credence, duplicate ids, dangling
//! edges or non-finite numbers are refused with a [`LoadError`] that names
//! the file, line and column, and nothing on disk is touched. Saving is
//! atomic (see [`atomic`]), so a crash or a full disk leaves the previous
//! file intact.
//!
//! [`load`] also opens a PNG exported by Credence (the document rides in an
//! iTXt chunk, see [`png_doc`]) and a JSON Canvas file ([`json_canvas`]).
//! Those are imports: [`Origin`] tells the app not to save RON over them.
//! Canvas templates load and save through [`templates`].

pub mod atomic;
mod canvas_groups;
mod error;
mod format;
pub mod json_canvas;
mod locate;
pub mod png_doc;
pub mod recovery;
pub mod templates;

pub use error::{LoadError, SaveError};
pub use format::{CURRENT_VERSION, MAX_FILE_BYTES, from_ron, to_ron};

use crate::model::Document;
use std::path::Path;

/// The built-in example board, the same text as `examples/north-star.ron`.
pub const EXAMPLE_RON: &str = include_str!("../../examples/north-star.ron");

/// The example board that `cargo run` opens, parsed from [`EXAMPLE_RON`].
pub fn example() -> Document {
    from_ron(EXAMPLE_RON, Path::new("north-star.ron")).expect("the bundled example is valid")
}

/// What kind of file a document was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A Credence `.ron` file: saving writes back to it.
    Ron,
    /// A PNG exported by Credence with its document embedded.
    Png,
    /// A JSON Canvas file.
    Canvas,
}

/// Reads and validates a document. Never panics, whatever the bytes.
pub fn load(path: &Path) -> Result<Document, LoadError> {
    load_with_origin(path).map(|(doc, _)| doc)
}

/// [`load`], also saying what the file was. A PNG is recognised by its
/// signature, whatever its name; a JSON Canvas file by `.canvas`.
pub fn load_with_origin(path: &Path) -> Result<(Document, Origin), LoadError> {
    let meta = std::fs::metadata(path).map_err(|e| LoadError::io(path, &e))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(LoadError::whole(
            path,
            format!(
                "the file is {} MB, over the {} MB limit",
                meta.len() / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| LoadError::io(path, &e))?;
    if png_doc::is_png(&bytes) {
        return png_doc::from_png(&bytes, path).map(|doc| (doc, Origin::Png));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        LoadError::whole(
            path,
            "not a Credence document: the file is not UTF-8 text".into(),
        )
    })?;
    let is_canvas = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("canvas"));
    if is_canvas {
        json_canvas::from_canvas(&text, path).map(|doc| (doc, Origin::Canvas))
    } else {
        from_ron(&text, path).map(|doc| (doc, Origin::Ron))
    }
}

/// A folder of Credence's own data: `$override_var` when set, else `name`
/// under `$XDG_DATA_HOME/credence`, else under `~/.local/share/credence`.
pub fn data_dir(override_var: &str, name: &str) -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os(override_var) {
        return Some(dir.into());
    }
    let data = std::env::var_os("XDG_DATA_HOME")
        .map(std::path::PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".local/share")))?;
    Some(data.join("credence").join(name))
}

/// Writes `doc` to `path` atomically, keeping the previous version as
/// `FILE.bak` (e.g. `map.ron.bak`), itself written atomically.
pub fn save(path: &Path, doc: &Document) -> Result<(), SaveError> {
    save_with_hook(path, doc, |_| Ok(()))
}

/// [`save`] with a hook between writing and renaming, for failure tests.
pub fn save_with_hook(
    path: &Path,
    doc: &Document,
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let text = to_ron(doc);
    if let Ok(previous) = std::fs::read(path)
        && previous != text.as_bytes()
    {
        atomic::write(&backup_path(path), &previous).map_err(|e| SaveError::new(path, &e))?;
    }
    atomic::write_with_hook(path, text.as_bytes(), before_rename)
        .map_err(|e| SaveError::new(path, &e))
}

/// Where [`save`] keeps the previous version of `path`.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".bak");
    path.with_file_name(name)
}
