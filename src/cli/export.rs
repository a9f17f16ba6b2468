//! `credence export FILE -o OUT …` and `credence import FILE.canvas -o OUT.ron`

use super::output::{check_target, fail, is_stdout, write};
use super::trace::find;
use credence::export::{self, Background, Format, Options, Scope};
use credence::model::{CanvasId, Document};
use credence::render::Theme;
use std::path::Path;
use std::process::ExitCode;

/// The name the belief map answers to in `--board`.
const MAP: &str = "belief map";

/// `None` for the belief map, or the canvas named `board` (any case;
/// dashes and underscores count as spaces).
fn find_board(doc: &Document, board: &str) -> Result<Option<CanvasId>, String> {
    let norm = |s: &str| s.replace(['-', '_'], " ").trim().to_lowercase();
    let wanted = norm(board);
    if wanted == MAP {
        return Ok(None);
    }
    if let Some(c) = doc.canvases.iter().find(|c| norm(&c.name) == wanted) {
        return Ok(Some(c.id));
    }
    let mut names = vec![MAP.to_owned()];
    names.extend(doc.canvases.iter().map(|c| format!("\"{}\"", c.name)));
    Err(format!(
        "no board named \"{board}\"; this document has: {}",
        names.join(", ")
    ))
}

pub struct Request<'a> {
    pub file: &'a Path,
    pub output: &'a Path,
    /// Overrides OUT's extension; needed for `-o -`.
    pub format: Option<Format>,
    pub scale: f32,
    pub board: Option<&'a str>,
    pub selection: bool,
    pub nodes: &'a [String],
    pub background: Background,
    pub theme: Theme,
}

pub fn run(req: &Request) -> ExitCode {
    // Check the cheap things before loading or touching a GPU.
    let format = match (req.format, is_stdout(req.output)) {
        (Some(f), _) => f,
        (None, true) => {
            return fail("-o - writes to standard output; say what to write with --format");
        }
        (None, false) => match Format::from_path(req.output) {
            Ok(f) => f,
            Err(e) => return fail(format!("{}: {e}", req.output.display())),
        },
    };
    if is_stdout(req.output) && format == Format::Png {
        return fail("a PNG is not text, so it is not written to standard output; give -o OUT.png");
    }
    if let Err(message) = check_target(req.output) {
        return fail(message);
    }
    if !(req.scale.is_finite() && (0.1..=16.0).contains(&req.scale)) {
        return fail(format!(
            "--scale {} is out of range; use a value from 0.1 to 16",
            req.scale
        ));
    }
    let doc = match credence::io::load(req.file) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    let canvas = match req.board {
        None => None,
        Some(board) => match find_board(&doc, board) {
            Ok(canvas) => canvas,
            Err(message) => return fail(message),
        },
    };
    let scope = if let Some(id) = canvas {
        if req.selection {
            return fail("--scope selection applies to the belief map, not a canvas");
        }
        Scope::Canvas(id)
    } else if req.selection {
        if req.nodes.is_empty() {
            return fail("--scope selection needs the nodes to export: --nodes ID_OR_TITLE[,…]");
        }
        let mut ids = Vec::new();
        for name in req.nodes {
            match find(&doc, name) {
                Some(id) => ids.push(id),
                None => {
                    return fail(format!(
                        "{}: no node with id or title \"{name}\"",
                        req.file.display()
                    ));
                }
            }
        }
        Scope::Nodes(ids)
    } else {
        Scope::All
    };
    let options = Options {
        scope,
        scale: req.scale,
        background: req.background,
        theme: req.theme,
        ..Options::default()
    };
    let bytes = match export::render(&doc, format, &options, &mut |_| {}) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("{}: {e}", req.output.display())),
    };
    if let Err(message) = write(req.output, &bytes) {
        return fail(message);
    }
    if !is_stdout(req.output) {
        println!(
            "{}: wrote {} ({})",
            req.file.display(),
            req.output.display(),
            format.label()
        );
    }
    ExitCode::SUCCESS
}

/// Reads a JSON Canvas file and saves it as a Credence document.
pub fn import(file: &Path, output: &Path) -> ExitCode {
    if !(credence::io::is_ron_path(output) || is_stdout(output)) {
        return fail(format!(
            "{}: the output of import is a Credence document; name it *.ron",
            output.display()
        ));
    }
    let doc = match credence::io::load(file) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    if let Err(message) = check_target(output) {
        return fail(message);
    }
    if is_stdout(output) {
        return match write(output, credence::io::to_ron(&doc).as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => fail(message),
        };
    }
    match credence::io::save(output, &doc) {
        Ok(()) => {
            println!(
                "{}: wrote {}, {} nodes, {} edges",
                file.display(),
                output.display(),
                doc.nodes.len(),
                doc.edges.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
