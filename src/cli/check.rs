//! `credence check FILE...`: "ok" lines on stdout, errors on stderr.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    for path in files {
        match check_one(path) {
            Ok(line) => println!("{line}"),
            Err(line) => {
                eprintln!("credence: {line}");
                ok = false;
            }
        }
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn check_one(path: &Path) -> Result<String, String> {
    let doc = credence::io::load(path).map_err(|e| e.to_string())?;
    let mut line = format!(
        "{}: ok, {} nodes, {} edges",
        path.display(),
        doc.nodes.len(),
        doc.edges.len()
    );
    let w = &doc.workshop;
    for (count, one, many) in [
        (doc.canvases.len(), "canvas", "canvases"),
        (w.participants.len(), "participant", "participants"),
        (w.votes.len(), "vote", "votes"),
        (doc.snapshots.len(), "snapshot", "snapshots"),
        (
            credence::analysis::backlog::items(&doc).len(),
            "item to learn",
            "items to learn",
        ),
        (
            doc.conflicts.len(),
            "merge conflict to resolve",
            "merge conflicts to resolve",
        ),
    ] {
        match count {
            0 => {}
            1 => line.push_str(&format!(", 1 {one}")),
            n => line.push_str(&format!(", {n} {many}")),
        }
    }
    let cycles = credence::analysis::cycles(&doc).len();
    if cycles > 0 {
        let s = if cycles == 1 { "" } else { "s" };
        line.push_str(&format!("; warning: {cycles} cycle{s}"));
    }
    Ok(line)
}
