//! `credence diff OLD NEW`: what changed, by card title; and git's external
//! diff for `.ron` files (seven arguments).

use super::sides::load_side;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit 0 when the documents are equal, 1 when they differ, 2 when one
/// cannot be read; as git's external diff, 0 unless a file cannot be read.
pub fn run(files: &[PathBuf], stat: bool) -> ExitCode {
    let (old, new, git_path) = match files {
        [old, new] => (old, new, None),
        // PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE
        [path, old, _, _, new, _, _] => (old, new, Some(path)),
        _ => {
            eprintln!("credence diff: give OLD and NEW, or git's seven external-diff arguments");
            return ExitCode::from(2);
        }
    };
    let (old_doc, new_doc) = match (load_side(old), load_side(new)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("credence: {e}");
            return ExitCode::from(2);
        }
    };
    let changes = credence::edit::diff::diff(&old_doc, &new_doc);
    if let Some(path) = git_path {
        print_git_header(path);
    }
    if stat {
        println!("{}", credence::edit::diff::stat(&changes));
    } else {
        for change in &changes {
            println!("{change}");
        }
    }
    match (git_path, changes.is_empty()) {
        (Some(_), _) | (None, true) => ExitCode::SUCCESS,
        (None, false) => ExitCode::from(1),
    }
}

fn print_git_header(path: &Path) {
    println!("credence diff a/{0} b/{0}", path.display());
}
