//! `credence merge BASE OURS THEIRS [-o OUT]`: a three-way merge by stable
//! id, and git's merge driver (`credence merge %O %A %B`).

use super::sides::load_side;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Exit 0 for a clean merge, 1 when conflicts were recorded (git then
/// marks the file conflicted), 2 when nothing could be written.
pub fn run(base: &Path, ours: &Path, theirs: &Path, output: Option<&Path>) -> ExitCode {
    let mut docs = Vec::with_capacity(3);
    for path in [base, ours, theirs] {
        match load_side(path) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("credence: {e}; nothing was written");
                return ExitCode::from(2);
            }
        }
    }
    let merged = match credence::edit::merge::merge(&docs[0], &docs[1], &docs[2]) {
        Ok(merged) => merged,
        Err(invalid) => {
            eprintln!(
                "credence merge: the merged document would be invalid: {invalid}; nothing was written"
            );
            return ExitCode::from(2);
        }
    };
    let text = credence::io::to_ron(&merged.doc);
    let out: PathBuf = output.unwrap_or(ours).to_path_buf();
    let written = if out == Path::new("-") {
        std::io::stdout().write_all(text.as_bytes())
    } else {
        credence::io::atomic::write(&out, text.as_bytes())
    };
    if let Err(e) = written {
        eprintln!("credence: {}: {e}", out.display());
        return ExitCode::from(2);
    }
    let r = &merged.renumbered;
    if r.total() > 0 {
        let parts: Vec<String> = [
            (r.nodes, "card"),
            (r.edges, "edge"),
            (r.canvases, "canvas"),
            (r.notes, "note"),
            (r.participants, "participant"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}{}", if n == 1 { "" } else { "s" }))
        .collect();
        eprintln!(
            "credence merge: renumbered {} new in THEIRS whose ids OURS had taken",
            parts.join(", ")
        );
    }
    let found = &merged.new_conflicts;
    if found.is_empty() {
        eprintln!("credence merge: merged cleanly");
        return ExitCode::SUCCESS;
    }
    let s = if found.len() == 1 { "" } else { "s" };
    eprintln!(
        "credence merge: {} conflict{s}, OURS kept and THEIRS recorded; resolve them in Credence's Insights panel:",
        found.len()
    );
    for c in found {
        eprintln!("  {}", c.describe(&merged.doc));
    }
    ExitCode::from(1)
}
