//! `credence export FILE -o OUT …` and `credence import FILE.canvas -o OUT.ron`

use super::trace::find;
use credence::export::{self, Background, Format, Options, Scope};
use credence::render::Theme;
use std::path::Path;
use std::process::ExitCode;

/// The boards a document holds; the belief map is the only one so far.
const BOARDS: [&str; 1] = ["belief map"];

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
    if let Some(board) = req.board {
        let wanted = board.replace(['-', '_'], " ").to_lowercase();
        if !BOARDS.contains(&wanted.as_str()) {
            return fail(format!(
                "no board named \"{board}\"; this document has: {}",
                BOARDS.join(", ")
            ));
        }
    }
    let doc = match credence::io::load(req.file) {
        Ok(doc) => doc,
        Err(e) => return fail(e.to_string()),
    };
    let scope = if req.selection {
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
