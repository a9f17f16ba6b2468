//! `credence export FILE -o OUT …` and `credence import FILE.canvas -o OUT.ron`

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
    pub scale: f32,
    pub board: Option<&'a str>,
    pub selection: bool,
    pub nodes: &'a [String],
    pub background: Background,
    pub theme: Theme,
}

fn fail(message: String) -> ExitCode {
    eprintln!("credence: {message}");
    ExitCode::FAILURE
}

pub fn run(req: &Request) -> ExitCode {
    // Check the cheap things before loading or touching a GPU.
    let format = match Format::from_path(req.output) {
        Ok(f) => f,
        Err(e) => return fail(format!("{}: {e}", req.output.display())),
    };
    if !(req.scale.is_finite() && (0.1..=16.0).contains(&req.scale)) {
        return fail(format!(
            "--scale {} is out of range; use a value from 0.1 to 16",
            req.scale
        ));
    }
    let doc = match credence::io::load(req.file) {
        Ok(doc) => doc,
        Err(e) => return fail(e.to_string()),
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
            return fail("--scope selection applies to the belief map, not a canvas".into());
        }
        Scope::Canvas(id)
    } else if req.selection {
        if req.nodes.is_empty() {
            return fail(
                "--scope selection needs the nodes to export: --nodes ID_OR_TITLE[,…]".into(),
            );
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
    match export::export_to(&doc, req.output, &options, &mut |_| {}) {
        Ok(_) => {
            println!(
                "{}: wrote {} ({})",
                req.file.display(),
                req.output.display(),
                format.label()
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{}: {e}", req.output.display())),
    }
}

/// Reads a JSON Canvas file and saves it as a Credence document.
pub fn import(file: &Path, output: &Path) -> ExitCode {
    let is_ron = output
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if !is_ron {
        return fail(format!(
            "{}: the output of import is a Credence document; name it *.ron",
            output.display()
        ));
    }
    let doc = match credence::io::load(file) {
        Ok(doc) => doc,
        Err(e) => return fail(e.to_string()),
    };
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
        Err(e) => fail(e.to_string()),
    }
}
