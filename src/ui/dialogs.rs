//! File dialogs behind a trait, so tests script the answers and never open
//! a real window. When the desktop has no portal to show a native dialog,
//! the app falls back to typing a path (see `file_ops`).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

/// What a file dialog gave back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Picked {
    Path(PathBuf),
    Cancelled,
    /// No dialog could be shown at all (e.g. no XDG desktop portal).
    Unavailable,
}

pub trait FileDialogs {
    /// Asks for a document to open.
    fn pick_open(&mut self) -> Picked;
    /// Asks where to save, suggesting `name` in `dir`.
    fn pick_save(&mut self, dir: Option<&Path>, name: &str) -> Picked;
    /// Asks where to export, suggesting `name` in `dir`; `filter` names the
    /// format and its extension.
    fn pick_export(&mut self, dir: Option<&Path>, name: &str, filter: (&str, &str)) -> Picked;
}

/// The platform's dialogs, through rfd's XDG portal backend on Linux.
#[derive(Default)]
pub struct NativeDialogs;

impl NativeDialogs {
    /// The portal is reached over the D-Bus session bus; without one, rfd
    /// would silently answer "cancelled", leaving the user with no way to save.
    fn available() -> bool {
        if !cfg!(target_os = "linux") {
            return true;
        }
        let has_env = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some_and(|v| !v.is_empty());
        let has_socket = std::env::var_os("XDG_RUNTIME_DIR")
            .is_some_and(|dir| Path::new(&dir).join("bus").exists());
        has_env || has_socket
    }
}

fn picked(path: Option<PathBuf>) -> Picked {
    path.map_or(Picked::Cancelled, Picked::Path)
}

impl FileDialogs for NativeDialogs {
    fn pick_open(&mut self) -> Picked {
        if !Self::available() {
            return Picked::Unavailable;
        }
        picked(
            rfd::FileDialog::new()
                .set_title("Open a Credence document")
                .add_filter("Credence document", &["ron"])
                .add_filter("PNG exported by Credence", &["png"])
                .add_filter("JSON Canvas", &["canvas"])
                .add_filter("All files", &["*"])
                .pick_file(),
        )
    }

    fn pick_save(&mut self, dir: Option<&Path>, name: &str) -> Picked {
        if !Self::available() {
            return Picked::Unavailable;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Save Credence document")
            .add_filter("Credence document", &["ron"])
            .set_file_name(name);
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        picked(dialog.save_file())
    }

    fn pick_export(&mut self, dir: Option<&Path>, name: &str, filter: (&str, &str)) -> Picked {
        if !Self::available() {
            return Picked::Unavailable;
        }
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export")
            .add_filter(filter.0, &[filter.1])
            .set_file_name(name);
        if let Some(dir) = dir {
            dialog = dialog.set_directory(dir);
        }
        picked(dialog.save_file())
    }
}

/// Answers queued by a test; an empty queue answers "cancelled", or
/// "unavailable" when `unavailable` is set.
#[derive(Default)]
pub struct ScriptedDialogs {
    pub open_answers: VecDeque<PathBuf>,
    pub save_answers: VecDeque<PathBuf>,
    pub export_answers: VecDeque<PathBuf>,
    pub unavailable: bool,
}

impl ScriptedDialogs {
    fn answer(&self, next: Option<PathBuf>) -> Picked {
        match next {
            Some(path) => Picked::Path(path),
            None if self.unavailable => Picked::Unavailable,
            None => Picked::Cancelled,
        }
    }
}

impl FileDialogs for ScriptedDialogs {
    fn pick_open(&mut self) -> Picked {
        let next = self.open_answers.pop_front();
        self.answer(next)
    }

    fn pick_save(&mut self, _dir: Option<&Path>, _name: &str) -> Picked {
        let next = self.save_answers.pop_front();
        self.answer(next)
    }

    fn pick_export(&mut self, _dir: Option<&Path>, _name: &str, _filter: (&str, &str)) -> Picked {
        let next = self.export_answers.pop_front();
        self.answer(next)
    }
}
