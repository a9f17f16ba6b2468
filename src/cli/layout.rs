//! `credence layout FILE [-o OUT] [--direction down|right] [--from-scratch]
//! [--style layered|compact] [--aspect W:H]`
//!
//! In place only over a Credence `.ron` file: a `.canvas` or a PNG would
//! be replaced by RON that neither Obsidian nor an image viewer can open,
//! so those need `-o`. OUT's extension picks what is written: `.ron`, or
//! `.canvas` to keep a JSON Canvas; `-` writes RON to standard output.

use super::output::{check_target, fail, is_stdout, write};
use credence::edit::Command;
use credence::io::{Origin, is_ron_path};
use credence::layout::{LayoutOptions, layout};
use std::path::Path;
use std::process::ExitCode;

/// What OUT is written as.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Written {
    Ron,
    Canvas,
}

fn written_as(out: &Path) -> Option<Written> {
    if is_stdout(out) || is_ron_path(out) {
        return Some(Written::Ron);
    }
    out.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("canvas"))
        .then_some(Written::Canvas)
}

pub fn run(file: &Path, out: Option<&Path>, options: &LayoutOptions) -> ExitCode {
    let target = out.unwrap_or(file);
    let Some(written) = written_as(target) else {
        return fail(match out {
            Some(_) => format!(
                "{}: layout writes a Credence document (.ron), a JSON Canvas (.canvas) or - \
                 for standard output",
                target.display()
            ),
            None => in_place_refusal(file),
        });
    };
    if let Err(message) = check_target(target) {
        return fail(message);
    }
    let (mut doc, origin) = match credence::io::load_with_origin(file) {
        Ok(loaded) => loaded,
        Err(err) => return fail(err),
    };
    if out.is_none() && origin != Origin::Ron {
        // Named .ron, but a PNG inside: writing RON over it loses the image.
        return fail(in_place_refusal(file));
    }
    let moves = layout(&doc, None, options);
    Command::Move(moves).apply(&mut doc);
    let result = match written {
        Written::Ron if is_stdout(target) => write(target, credence::io::to_ron(&doc).as_bytes()),
        Written::Ron => credence::io::save(target, &doc).map_err(|e| e.to_string()),
        Written::Canvas => write(
            target,
            credence::io::json_canvas::to_canvas(&doc).as_bytes(),
        ),
    };
    match result {
        Ok(()) if is_stdout(target) => ExitCode::SUCCESS,
        Ok(()) => {
            println!("{}: laid out {} nodes", target.display(), doc.nodes.len());
            ExitCode::SUCCESS
        }
        Err(message) => fail(message),
    }
}

fn in_place_refusal(file: &Path) -> String {
    format!(
        "{}: not a Credence .ron file, so it is not replaced; give -o OUT.ron, or -o OUT.canvas \
         to keep a JSON Canvas",
        file.display()
    )
}
