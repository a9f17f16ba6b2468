//! `credence export FILE -o OUT …` and `credence import FILE.canvas -o OUT.ron`

use super::output::{check_target, fail, is_stdout, write};
use super::trace::find;
use credence::export::{self, Background, Format, Options, Scope};
use credence::model::{CanvasId, Document};
use credence::render::Theme;
use credence::render::quadrants::{QuadrantBoard, QuadrantSpec};
use std::path::Path;
use std::process::ExitCode;

/// The name the belief map answers to in `--board`.
const MAP: &str = "belief map";

/// A board `--board` can name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Named {
    Map,
    Canvas(CanvasId),
    Quadrants(QuadrantBoard),
}

/// The board named `board`: the belief map, a 2×2 by its name, or a canvas
/// by its name (any case; dashes and underscores count as spaces, and `×`
/// as `x`). An unknown name is answered with every name there is.
fn find_board(doc: &Document, board: &str) -> Result<Named, String> {
    let norm = |s: &str| {
        s.replace(['-', '_'], " ")
            .replace('×', "x")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let wanted = norm(board);
    if wanted == MAP {
        return Ok(Named::Map);
    }
    if let Some(q) = QuadrantBoard::ALL.into_iter().find(|q| q.name() == wanted) {
        return Ok(Named::Quadrants(q));
    }
    if let Some(c) = doc.canvases.iter().find(|c| norm(&c.name) == wanted) {
        return Ok(Named::Canvas(c.id));
    }
    let mut names = vec![format!("\"{MAP}\"")];
    names.extend(
        QuadrantBoard::ALL
            .iter()
            .map(|q| format!("\"{}\"", q.name())),
    );
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
    /// Pixels wide and high to fit an image into, instead of `scale`.
    pub width: Option<u32>,
    pub height: Option<u32>,
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
    if !(req.scale.is_finite() && (0.1..=16.0).contains(&req.scale))
        && req.width.is_none()
        && req.height.is_none()
    {
        return fail(format!(
            "--scale {} is out of range; use a value from 0.1 to 16",
            req.scale
        ));
    }
    let doc = match credence::io::load(req.file) {
        Ok(doc) => doc,
        Err(e) => return fail(e),
    };
    let named = match req.board {
        None => Named::Map,
        Some(board) => match find_board(&doc, board) {
            Ok(named) => named,
            Err(message) => return fail(message),
        },
    };
    if req.selection && named != Named::Map {
        return fail("--scope selection applies to the belief map, not to another board");
    }
    let scope = if let Named::Canvas(id) = named {
        Scope::Canvas(id)
    } else if let Named::Quadrants(board) = named {
        Scope::Quadrants(QuadrantSpec {
            board,
            include_more: false,
        })
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
    let mut options = Options {
        scope,
        scale: req.scale,
        background: req.background,
        theme: req.theme,
        ..Options::default()
    };
    // Said once the image is written, not for a board refused anyway.
    let mut fitted = None;
    if format.is_image() {
        let fit = export::fit(&doc, &options, req.width, req.height);
        fitted = fit.over_limit.map(|[w, h]| {
            format!(
                "credence: {}: the image would be {w} × {h} px, over the {} px limit; \
                 fitted to {} × {} px (scale {:.3})",
                req.output.display(),
                export::MAX_SIDE,
                fit.size[0],
                fit.size[1],
                fit.scale
            )
        });
        options.scale = fit.scale;
    }
    let bytes = match export::render(&doc, format, &options, &mut |_| {}) {
        Ok(bytes) => bytes,
        Err(e) => return fail(format!("{}: {e}", req.output.display())),
    };
    if let Err(message) = write(req.output, &bytes) {
        return fail(message);
    }
    if let Some(notice) = fitted {
        eprintln!("{notice}");
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
