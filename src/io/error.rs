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

/// Why a save failed. The previous file is always still there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SaveError {
    pub path: PathBuf,
    pub message: String,
}

impl SaveError {
    pub fn new(path: &Path, err: &std::io::Error) -> Self {
        Self {
            path: path.to_owned(),
            message: err.to_string(),
        }
    }
}

impl fmt::Display for SaveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: could not save: {}; the previous file is unchanged",
            self.path.display(),
            self.message
        )
    }
}

impl std::error::Error for SaveError {}
