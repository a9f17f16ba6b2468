//! `credence layout FILE [-o OUT] [--direction down|right]`

use credence::edit::Command;
use credence::layout::{Flow, LayoutOptions, layout};
use std::path::Path;
use std::process::ExitCode;

pub fn run(file: &Path, out: Option<&Path>, flow: Flow) -> ExitCode {
    let mut doc = match credence::io::load(file) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{err}");
            return ExitCode::FAILURE;
        }
    };
    let options = LayoutOptions {
        flow,
        ..Default::default()
    };
    let moves = layout(&doc, None, &options);
    Command::Move(moves).apply(&mut doc);
    let target = out.unwrap_or(file);
    match credence::io::save(target, &doc) {
        Ok(()) => {
            println!("{}: laid out {} nodes", target.display(), doc.nodes.len());
            ExitCode::SUCCESS
        }
        Err(err) => {
            eprintln!("{err}");
            ExitCode::FAILURE
        }
    }
}
