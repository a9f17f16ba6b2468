//! Errors that name where the problem is, in the `FILE:LINE:COL: message`
//! form editors and terminals already know how to follow.

use std::fmt;
use std::path::{Path, PathBuf};

/// Why a file could not be opened. `line` and `col` are 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl LoadError {
    pub fn at(path: &Path, line: usize, col: usize, message: String) -> Self {
        Self {
            path: path.to_owned(),
            position: Some((line, col)),
            message,
        }
    }

    pub fn whole(path: &Path, message: String) -> Self {
        Self {
            path: path.to_owned(),
            position: None,
            message,
        }
    }

    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        Self::whole(path, format!("cannot read: {err}"))
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, col)) => {
                write!(f, "{}:{line}:{col}: {}", self.path.display(), self.message)
            }
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for LoadError {}

/// Why a save failed. Nothing was replaced: the previous file, if there was
/// one, is still there as it was.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
    /// The file is read-only: the app asks, then saves with permission.
    pub read_only: bool,
    /// Whether a file was there before, so the message can promise it is
    /// unchanged only when there is one.
    pub had_previous: bool,
}

impl SaveError {
    pub fn new(path: &Path, err: &std::io::Error) -> Self {
        let refusal = super::atomic::refusal(err);
        Self {
            path: path.to_owned(),
            message: err.to_string(),
            read_only: refusal == Some(&super::atomic::Refusal::ReadOnly),
            had_previous: had_previous(path),
        }
    }

    /// A refusal in our own words, before anything was touched.
    pub fn refused(path: &Path, message: String) -> Self {
        Self {
            path: path.to_owned(),
            message,
            read_only: false,
            had_previous: had_previous(path),
        }
    }
}

/// Whether `path` holds a file that a failed save would have left alone (a
/// device or FIFO there is not a "previous file").
fn had_previous(path: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| m.is_file())
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: could not save: {}",
            self.path.display(),
            self.message
        )?;
        if self.had_previous {
            f.write_str("; the previous file is unchanged")?;
        }
        Ok(())
    }
}

impl std::error::Error for SaveError {}
