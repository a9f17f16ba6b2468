//! The on-disk shape of a document, version by version.
//!
//! Each past shape stays here as `FileVn`, and `impl From<FileVn> for
//! FileVn+1` migrates it, tested against a fixture file per version under
//! `tests/fixtures/migrations/`. A file is read as its own version, then
//! migrated step by step to the current one.
//!
//! - Version 1: title, nodes, edges (the belief map alone).
//! - Version 2: adds `canvases`. The version changed, rather than the field
//!   just appearing, so an older Credence refuses a file with canvases
//!   instead of silently dropping them on save.
//! - Version 3: adds `workshop` (participants, votes, dot round, spotlight
//!   path) and `snapshots`, for the same reason.
//! - Version 4: nodes gain the belief map's `stance` and `convergence`,
//!   Cutler's four learning prompts, and test and learning cards; the
//!   workshop gains the learning `backlog`; snapshots record importance,
//!   stance and convergence. Every new field has a default, so the
//!   migration only renumbers, but an older Credence must refuse the file
//!   rather than drop the new fields on save.
//! - Version 5: adds `conflicts`, what `credence merge` could not combine.
//!   It is written only when there are some, so a file without conflicts
//!   differs from version 4 by its version line alone.
//! - Version 6: nodes gain `pinned`, which auto-layout keeps in place. It
//!   is written only for pinned cards, so the migration only renumbers, but
//!   an older Credence must refuse the file rather than drop the pins.

use super::LoadError;
use super::locate::{Locator, line_col};
use crate::model::{Canvas, Conflict, Document, Edge, Node, Snapshot, Workshop};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// The format version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 6;

/// Larger files are refused before they are read, so a stray video or disk
/// image cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

#[derive(Serialize)]
struct FileOut<'a> {
    version: u32,
    title: &'a str,
    nodes: &'a [Node],
    edges: &'a [Edge],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV1 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV2 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
    #[serde(default)]
    canvases: Vec<Canvas>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV3 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
    #[serde(default)]
    canvases: Vec<Canvas>,
    #[serde(default)]
    workshop: Workshop,
    #[serde(default)]
    snapshots: Vec<Snapshot>,
}

/// Version 3 had the same top-level fields; what changed lies inside
/// nodes, the workshop and snapshots, all with defaults.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV4 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
    #[serde(default)]
    canvases: Vec<Canvas>,
    #[serde(default)]
    workshop: Workshop,
    #[serde(default)]
    snapshots: Vec<Snapshot>,
}

/// Version 5 had the same top-level fields; what changed lies inside
/// nodes, with a default.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV5 {
    #[allow(dead_code)]
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
    #[serde(default)]
    canvases: Vec<Canvas>,
    #[serde(default)]
    workshop: Workshop,
    #[serde(default)]
    snapshots: Vec<Snapshot>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// The current shape.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FileV6 {
    version: u32,
    #[serde(default)]
    title: String,
    #[serde(default)]
    nodes: Vec<Node>,
    #[serde(default)]
    edges: Vec<Edge>,
    #[serde(default)]
    canvases: Vec<Canvas>,
    #[serde(default)]
    workshop: Workshop,
    #[serde(default)]
    snapshots: Vec<Snapshot>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

/// Version 5 had no pins: every card was free to move.
impl From<FileV5> for FileV6 {
    fn from(v5: FileV5) -> Self {
        FileV6 {
            version: 6,
            title: v5.title,
            nodes: v5.nodes,
            edges: v5.edges,
            canvases: v5.canvases,
            workshop: v5.workshop,
            snapshots: v5.snapshots,
            conflicts: v5.conflicts,
        }
    }
}

/// Version 4 had no merge, so nothing was left unresolved.
impl From<FileV4> for FileV5 {
    fn from(v4: FileV4) -> Self {
        FileV5 {
            version: 5,
            title: v4.title,
            nodes: v4.nodes,
            edges: v4.edges,
            canvases: v4.canvases,
            workshop: v4.workshop,
            snapshots: v4.snapshots,
            conflicts: Vec::new(),
        }
    }
}

/// Version 3 had no belief-map fields, prompts beyond two, cards or backlog;
/// their defaults (unplaced, empty, limit 3) are what version 3 meant.
impl From<FileV3> for FileV4 {
    fn from(v3: FileV3) -> Self {
        FileV4 {
            version: 4,
            title: v3.title,
            nodes: v3.nodes,
            edges: v3.edges,
            canvases: v3.canvases,
            workshop: v3.workshop,
            snapshots: v3.snapshots,
        }
    }
}

/// Version 2 had no workshop and no snapshots.
impl From<FileV2> for FileV3 {
    fn from(v2: FileV2) -> Self {
        FileV3 {
            version: 3,
            title: v2.title,
            nodes: v2.nodes,
            edges: v2.edges,
            canvases: v2.canvases,
            workshop: Workshop::default(),
            snapshots: Vec::new(),
        }
    }
}

/// Version 1 had no canvases.
impl From<FileV1> for FileV2 {
    fn from(v1: FileV1) -> Self {
        FileV2 {
            version: 2,
            title: v1.title,
            nodes: v1.nodes,
            edges: v1.edges,
            canvases: Vec::new(),
        }
    }
}

/// Only the version, read first so a newer file gets a clear "update
/// Credence" message instead of a confusing field error.
#[derive(Deserialize)]
struct VersionProbe {
    /// 0 when absent; real versions start at 1.
    #[serde(default)]
    version: u32,
}

/// Pretty RON, nested just deep enough that each node is a block and its
/// small parts (position, tags) stay on one line. Canvases nest one level
/// deeper, so they are written with their own depth: one line per section
/// and per note, which keeps diffs of a workshop's notes readable.
pub fn to_ron(doc: &Document) -> String {
    let config = |depth| {
        ron::ser::PrettyConfig::new()
            .depth_limit(depth)
            .indentor("    ".to_string())
    };
    let file = FileOut {
        version: CURRENT_VERSION,
        title: &doc.title,
        nodes: &doc.nodes,
        edges: &doc.edges,
    };
    let mut text = ron::ser::to_string_pretty(&file, config(3))
        .expect("a document always serialises: it holds only strings, numbers and enums");
    // Splice the later fields in before the closing `)`, each at the depth
    // that gives one line per section, note, participant and node state.
    let end = text.rfind(')').expect("a struct ends with )");
    text.truncate(end);
    splice(&mut text, "canvases", &doc.canvases, config(4));
    splice(&mut text, "workshop", &doc.workshop, config(2));
    splice(&mut text, "snapshots", &doc.snapshots, config(3));
    if !doc.conflicts.is_empty() {
        splice(&mut text, "conflicts", &doc.conflicts, config(2));
    }
    text.push_str(")\n");
    text
}

/// Appends `name: value,` indented one level.
fn splice<T: Serialize>(text: &mut String, name: &str, value: &T, config: ron::ser::PrettyConfig) {
    let value = ron::ser::to_string_pretty(value, config)
        .expect("document parts hold only strings, numbers and enums");
    text.push_str("    ");
    text.push_str(name);
    text.push_str(": ");
    for (i, line) in value.lines().enumerate() {
        if i > 0 {
            text.push_str("\n    ");
        }
        text.push_str(line);
    }
    text.push_str(",\n");
}

/// Parses and validates `text`; `path` only names the file in errors.
pub fn from_ron(text: &str, path: &Path) -> Result<Document, LoadError> {
    let ron_error = |err: ron::error::SpannedError, what: &str| {
        let (line, col, message) = super::ron_error::describe(&err, what);
        LoadError::at(path, line, col, message)
    };
    // A current file, the common case, is parsed once. Anything else (an
    // older version, a mistake) takes the careful path below, which finds
    // the version first so it can name what is wrong and where.
    if let Ok(file) = ron::from_str::<FileV6>(text)
        && file.version == CURRENT_VERSION
    {
        return into_document(file, text, path);
    }
    let probe: VersionProbe = ron::from_str(text).map_err(|e| {
        if (e.span.start.line, e.span.start.col) == (1, 1) {
            LoadError::at(
                path,
                1,
                1,
                "not a Credence document: expected a RON document starting with `(`".into(),
            )
        } else {
            ron_error(e, "syntax error")
        }
    })?;
    let locator = Locator::new(text);
    let version = probe.version;
    if locator.key("version").is_none() {
        return Err(LoadError::at(
            path,
            1,
            1,
            "not a Credence document: it has no `version` field".into(),
        ));
    }
    if version > CURRENT_VERSION {
        let (line, col) = locator.key("version").unwrap_or((1, 1));
        return Err(LoadError::at(
            path,
            line,
            col,
            format!(
                "this file has format version {version}, but this Credence reads up to version \
                 {CURRENT_VERSION}; update Credence to open it"
            ),
        ));
    }
    if version == 0 {
        let (line, col) = locator.key("version").unwrap_or((1, 1));
        return Err(LoadError::at(
            path,
            line,
            col,
            "format version 0 does not exist".into(),
        ));
    }
    let invalid = |e| ron_error(e, "invalid document");
    let file: FileV6 = match version {
        1 => FileV5::from(FileV4::from(FileV3::from(FileV2::from(
            ron::from_str::<FileV1>(text).map_err(invalid)?,
        ))))
        .into(),
        2 => FileV5::from(FileV4::from(FileV3::from(
            ron::from_str::<FileV2>(text).map_err(invalid)?,
        )))
        .into(),
        3 => FileV5::from(FileV4::from(
            ron::from_str::<FileV3>(text).map_err(invalid)?,
        ))
        .into(),
        4 => FileV5::from(ron::from_str::<FileV4>(text).map_err(invalid)?).into(),
        5 => ron::from_str::<FileV5>(text).map_err(invalid)?.into(),
        _ => ron::from_str(text).map_err(invalid)?,
    };
    into_document(file, text, path)
}

/// The document in `file`, checked; a broken one is reported at the place
/// in `text` that explains it.
fn into_document(file: FileV6, text: &str, path: &Path) -> Result<Document, LoadError> {
    let mut doc = Document {
        title: file.title,
        nodes: file.nodes,
        edges: file.edges,
        canvases: file.canvases,
        workshop: file.workshop,
        snapshots: file.snapshots,
        conflicts: file.conflicts,
    };
    doc.workshop.sort_votes();
    if let Err(invalid) = doc.validate() {
        let position = Locator::new(text).invalid(&invalid);
        let message = invalid.to_string();
        return Err(match position {
            Some(offset) => {
                let (line, col) = line_col(text, offset);
                LoadError::at(path, line, col, message)
            }
            None => LoadError::whole(path, message),
        });
    }
    Ok(doc)
}
