//! Files: reading and writing Credence documents.
//!
//! Documents are RON with a top-level `version`. Loading is strict: a
//! malformed file, a file from a newer Credence, duplicate ids, dangling
//! edges, non-finite numbers or an unknown (say, misspelt) field are
//! refused with a [`LoadError`] that names the file, line and column, and
//! nothing on disk is touched. Only regular files are read, never past the
//! size limit ([`bounded`]). Saving is atomic (see [`atomic`]), so a crash
//! or a full disk leaves the previous file intact; it follows symlinks,
//! keeps permissions and refuses read-only files and non-files.
//!
//! [`load`] also opens a PNG exported by Credence (the document rides in an
//! iTXt chunk, see [`png_doc`]) and a JSON Canvas file ([`json_canvas`]).
//! Those are imports: [`Origin`] tells the app not to save RON over them.
//! Canvas templates load and save through [`templates`].

pub mod atomic;
pub mod bounded;
mod canvas_groups;
mod canvas_keys;
mod error;
mod format;
pub mod json_canvas;
mod locate;
pub mod png_doc;
pub mod recovery;
mod ron_error;
mod suggest;
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
///
/// Only regular files are read, and never more than [`MAX_FILE_BYTES`]:
/// a FIFO, a device or `/dev/zero` is refused before it is opened.
pub fn load_with_origin(path: &Path) -> Result<(Document, Origin), LoadError> {
    let bytes = bounded::read(path, MAX_FILE_BYTES, "file")?;
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
/// `FILE.bak` (e.g. `map.ron.bak`), itself written atomically. A read-only
/// file is refused (see [`SaveOptions`]); see [`atomic`] for symlinks,
/// permissions and files that are not regular files.
pub fn save(path: &Path, doc: &Document) -> Result<(), SaveError> {
    save_with(path, doc, &SaveOptions::default(), |_| Ok(()))
}

/// What [`save_with`] may do beyond a plain save.
#[derive(Clone, Copy, Debug, Default)]
pub struct SaveOptions {
    /// Replace a read-only file: the user was asked and said yes.
    pub replace_read_only: bool,
}

/// Extensions of formats Credence reads or exports that are not RON: saving
/// RON under one of them would destroy a picture or an Obsidian canvas.
const NOT_RON: &[&str] = &["png", "canvas", "svg", "md", "mmd", "dot", "json"];

/// Whether `path` names a Credence document by its extension.
pub fn is_ron_path(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
}

/// [`save`] with options, and a hook between writing and renaming, for
/// failure tests.
pub fn save_with(
    path: &Path,
    doc: &Document,
    options: &SaveOptions,
    before_rename: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<(), SaveError> {
    let fail = |e: std::io::Error| SaveError::new(path, &e);
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if NOT_RON.contains(&ext.as_str()) {
        return Err(SaveError::refused(
            path,
            format!("a Credence document is RON; name it .ron, not .{ext}"),
        ));
    }
    let text = to_ron(doc);
    // What the write would refuse (a FIFO, a device, a read-only file) is
    // refused here, before the `.bak` is touched.
    let (real, existing) = atomic::check(path, options.replace_read_only).map_err(fail)?;
    // The previous version, only from a regular file of a sane size.
    let previous = existing
        .filter(|m| m.len() <= MAX_FILE_BYTES)
        .and_then(|meta| {
            let file = std::fs::File::open(&real).ok()?;
            let bytes = bounded::read_capped(file, MAX_FILE_BYTES).ok()??;
            Some((meta, bytes))
        });
    let write_options = atomic::Options {
        replace_read_only: options.replace_read_only,
        permissions_from: None,
    };
    if let Some((meta, bytes)) = previous
        && bytes != text.as_bytes()
    {
        let keep = atomic::Options {
            replace_read_only: true,
            permissions_from: Some(meta),
        };
        atomic::write_with(&backup_path(&real), &bytes, &keep, |_| Ok(())).map_err(fail)?;
    }
    atomic::write_with(&real, text.as_bytes(), &write_options, before_rename).map_err(fail)
}

/// Where [`save`] keeps the previous version of `path`.
pub fn backup_path(path: &Path) -> std::path::PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_owned();
    name.push(".bak");
    path.with_file_name(name)
}
