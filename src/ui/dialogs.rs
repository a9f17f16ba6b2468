//! Native file dialogs behind a trait, so tests script the answers and
//! never open a real window.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

pub trait FileDialogs {
    /// Asks for a document to open; `None` if the user cancelled.
    fn pick_open(&mut self) -> Option<PathBuf>;
    /// Asks where to save, suggesting `name` in `dir`.
    fn pick_save(&mut self, dir: Option<&Path>, name: &str) -> Option<PathBuf>;
}

/// The platform's dialogs, through rfd's XDG portal backend on Linux.
#[derive(Default)]
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        rfd::FileDialog::new()
            .set_title("Open a Credence document")
            .add_filter("Credence document", &["ron"])
            .add_filter("All files", &["*"])
            .pick_file()
    }

    fn pick_save(&mut self, dir: Option<&Path>, name: &str) -> Option<PathBuf> {
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save Credence document")
            .add_filter("Credence document", &["ron"])
            .set_file_name(name);
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        dialog.save_file()
    }
}

/// Answers queued by a test; an empty queue answers "cancelled".
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open_answers: VecDeque<PathBuf>,
    pub save_answers: VecDeque<PathBuf>,
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self) -> Option<PathBuf> {
        self.open_answers.pop_front()
    }

    fn pick_save(&mut self, _dir: Option<&Path>, _name: &str) -> Option<PathBuf> {
        self.save_answers.pop_front()
    }
}
