//! Where a subcommand's result goes, and how it reports failure.
//!
//! Every error goes to stderr as `credence: FILE:LINE:COL: message` (or
//! `credence: FILE: message`), so scripts can keep stdout for results. An
//! output path is checked before any work is done, so a long export is not
//! wasted on a path that will be refused.

use std::fmt::Display;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Prints `credence: message` to stderr and returns the failure code.
pub fn fail(message: impl Display) -> ExitCode {
    eprintln!("credence: {message}");
    ExitCode::FAILURE
}

/// Whether OUT is `-`, standard output.
pub fn is_stdout(path: &Path) -> bool {
    path == Path::new("-")
}

/// Refuses OUT when writing there would be refused anyway: it exists and is
/// not a regular file (or a symlink to one), or it is read-only.
pub fn check_target(path: &Path) -> Result<(), String> {
    if is_stdout(path) {
        return Ok(());
    }
    credence::io::atomic::check(path, false)
        .map(|_| ())
        .map_err(|e| format!("{}: cannot write here: {e}", path.display()))
}

/// Writes `bytes` to stdout, or atomically to `path`.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if is_stdout(path) {
        let mut out = std::io::stdout().lock();
        return out
            .write_all(bytes)
            .and_then(|()| out.flush())
            .map_err(|e| format!("could not write to standard output: {e}"));
    }
    credence::io::atomic::write(path, bytes)
        .map_err(|e| format!("{}: could not write: {e}", path.display()))
}
