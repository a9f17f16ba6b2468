//! New, Open, Save, Save As, and the "unsaved changes" question.

use super::app::CredenceApp;
use super::dialogs::Picked;
use super::notice::Notice;
use crate::io::Origin;
use crate::model::Document;
use std::path::{Path, PathBuf};

/// What the file on disk looked like when we last read or wrote it.
pub(crate) type Fingerprint = (Option<std::time::SystemTime>, u64);

pub(crate) fn fingerprint(path: &Path) -> Option<Fingerprint> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.modified().ok(), meta.len()))
}

/// A path being typed because no native file dialog is available.
#[derive(Clone, Debug, PartialEq)]
pub struct PathPrompt {
    pub purpose: PromptPurpose,
    pub text: String,
}

/// What a typed path is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromptPurpose {
    Open,
    Save,
    Export,
}

/// An action that would lose unsaved changes, held while the user decides.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    Close,
    New,
    Open(Option<PathBuf>),
}

impl CredenceApp {
    pub fn is_dirty(&self) -> bool {
        self.open.is_dirty()
    }

    /// The name shown in the title bar.
    pub fn file_name(&self) -> String {
        self.open
            .path()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".into())
    }

    /// The open document's folder, else the working folder: where a typed
    /// path starts.
    fn document_dir(&self) -> PathBuf {
        self.open
            .path()
            .and_then(Path::parent)
            .map(Path::to_owned)
            .or_else(|| std::env::current_dir().ok())
            .unwrap_or_default()
    }

    /// Runs `action` now, or first asks about unsaved changes.
    pub(crate) fn request(&mut self, action: Pending) {
        if self.is_dirty() {
            self.pending = Some(action);
        } else {
            self.run(action);
        }
    }

    pub(crate) fn run(&mut self, action: Pending) {
        match action {
            Pending::Close => {
                // Saved or discarded on purpose: the recovery copy has done its job.
                self.drop_recovery();
                self.close_confirmed = true;
            }
            // The recovery copy of the old document goes at the next autosave
            // tick, once the new document is the clean one.
            Pending::New => {
                self.replace_document(Document::default(), None);
            }
            Pending::Open(Some(path)) => self.open_interactive(&path),
            Pending::Open(None) => match self.dialogs.pick_open() {
                Picked::Path(path) => self.open_interactive(&path),
                Picked::Cancelled => {}
                Picked::Unavailable => {
                    self.path_prompt = Some(PathPrompt {
                        purpose: PromptPurpose::Open,
                        text: format!("{}/", self.document_dir().display()),
                    });
                }
            },
        }
    }

    /// Loads `path` into the window. On failure the current document stays
    /// open and untouched, and the error is shown with file, line and column.
    ///
    /// A PNG or JSON Canvas file opens as a new, unsaved document, so Save
    /// asks where to put the `.ron` instead of writing RON over the picture.
    pub fn open_path(&mut self, path: &Path) -> bool {
        let loaded = crate::io::load_with_origin(path);
        self.adopt_loaded(path, loaded)
    }

    /// Opens `path` from a dialog or the recent list: on this thread when
    /// the file is small, else on a worker with a progress window, so a
    /// huge map never freezes the window.
    pub(crate) fn open_interactive(&mut self, path: &Path) {
        let big = std::fs::metadata(path).is_ok_and(|m| m.len() >= self.background_open_bytes);
        if big {
            self.start_open_job(path.to_owned());
        } else {
            self.open_path(path);
        }
    }

    /// Puts a loaded document (or its error) in the window.
    pub(crate) fn adopt_loaded(
        &mut self,
        path: &Path,
        loaded: Result<(Document, Origin), crate::io::LoadError>,
    ) -> bool {
        match loaded {
            Ok((doc, Origin::Ron)) => {
                let conflicts = doc.conflicts.len();
                self.replace_document(doc, Some(path.to_owned()));
                self.disk_fingerprint = fingerprint(path);
                self.remember_recent(path.to_owned());
                self.notice = None;
                if conflicts > 0 {
                    // A merged map: say so, and show where to choose.
                    self.show_insights = true;
                    let s = if conflicts == 1 { "" } else { "s" };
                    self.notice = Some(Notice::info(format!(
                        "This map has {conflicts} merge conflict{s}: choose under Problems in the Insights panel"
                    )));
                }
                true
            }
            Ok((doc, origin)) => {
                self.replace_document(doc, None);
                self.disk_fingerprint = None;
                self.remember_recent(path.to_owned());
                let what = match origin {
                    Origin::Png => "the document embedded in",
                    _ => "",
                };
                let name = path.file_name().unwrap_or_default().to_string_lossy();
                self.notice = Some(Notice::info(
                    format!("Opened {what} {name}; Save keeps it as a Credence document (.ron)")
                        .replace("  ", " "),
                ));
                true
            }
            Err(err) => {
                self.notice = Some(Notice::error(err.to_string()));
                false
            }
        }
    }

    /// Opens recovered work: unsaved, and under its original path so Save
    /// puts it back where it came from.
    pub(crate) fn adopt_recovered(&mut self, doc: Document, path: Option<PathBuf>) {
        self.disk_fingerprint = path.as_deref().and_then(fingerprint);
        self.replace_document(doc, path);
        self.open.mark_unsaved();
    }

    /// The one way another document comes in (New, Open, Recover, Reload):
    /// both halves are rebuilt, the owner with a fresh history and
    /// generation, and the UI half whole, so nothing of the old document's
    /// UI (its voter, snapshot on show, selection, edit in progress, board
    /// tab) carries over. Only where the map sits in the window is kept.
    fn replace_document(&mut self, doc: Document, path: Option<PathBuf>) {
        // The room's people and tokens belong to the old document.
        self.close_room();
        self.open.replace(doc, path);
        let rect = self.doc_ui.map.rect;
        self.doc_ui = super::document_ui::DocumentUi::default();
        self.doc_ui.map.rect = rect;
    }

    /// Saves to the current path, asking for one if there is none. If
    /// another program changed the file since we read it, asks first.
    pub fn save(&mut self) -> bool {
        match self.open.path().map(Path::to_owned) {
            Some(path) => {
                let now = fingerprint(&path);
                if now.is_some() && self.disk_fingerprint.is_some() && now != self.disk_fingerprint
                {
                    self.save_conflict = true;
                    return false;
                }
                self.save_to(&path)
            }
            None => self.save_as(),
        }
    }

    pub fn save_as(&mut self) -> bool {
        let dir = self.open.path().and_then(Path::parent).map(Path::to_owned);
        let name = match &self.open.path() {
            Some(_) => self.file_name(),
            None => "Untitled.ron".into(),
        };
        match self.dialogs.pick_save(dir.as_deref(), &name) {
            Picked::Path(path) => self.save_to(&path),
            Picked::Cancelled => false,
            Picked::Unavailable => {
                self.path_prompt = Some(PathPrompt {
                    purpose: PromptPurpose::Save,
                    text: self.document_dir().join(name).display().to_string(),
                });
                false
            }
        }
    }

    fn save_to(&mut self, path: &Path) -> bool {
        self.save_with(path, crate::io::SaveOptions::default())
    }

    fn save_with(&mut self, path: &Path, options: crate::io::SaveOptions) -> bool {
        self.doc_ui.map.commit_edit_into(&mut self.open);
        // A save writes every edit made so far, this frame's included.
        self.apply_queued(None);
        if self.open.doc().workshop.snapshot_on_save {
            self.snapshot_if_changed();
            self.apply_queued(None);
        }
        match crate::io::save_with(path, self.open.doc(), &options, |_| Ok(())) {
            Ok(()) => {
                self.open.mark_saved(path.to_owned());
                self.disk_fingerprint = fingerprint(path);
                self.remember_recent(path.to_owned());
                self.notice = Some(Notice::info(format!("Saved {}", path.display())));
                true
            }
            Err(err) if err.read_only => {
                self.read_only_save = Some(path.to_owned());
                false
            }
            Err(err) => {
                self.notice = Some(Notice::error(err.to_string()));
                false
            }
        }
    }

    /// "This file is read-only": Overwrite, Save As or Cancel. A read-only
    /// file was made so on purpose, so it is never replaced silently.
    pub(crate) fn show_read_only_save(&mut self, ctx: &egui::Context) {
        let Some(path) = self.read_only_save.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("credence-read-only")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("File is read-only");
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            ui.label(format!(
                "\"{name}\" is marked read-only. Replace it anyway? It stays read-only."
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Overwrite")
                    .on_hover_text("Replace the read-only file with this document")
                    .clicked()
                {
                    choice = Some("overwrite");
                }
                if ui
                    .button("Save As…")
                    .on_hover_text("Keep the read-only file: save this under another name")
                    .clicked()
                {
                    choice = Some("save-as");
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some("cancel");
                }
            });
        });
        let Some(choice) = choice else {
            return;
        };
        self.read_only_save = None;
        match choice {
            "overwrite" => {
                let options = crate::io::SaveOptions {
                    replace_read_only: true,
                };
                self.save_with(&path, options);
            }
            "save-as" => {
                self.save_as();
            }
            _ => {}
        }
    }

    /// "The file changed on disk": Reload, Overwrite or Save As.
    pub(crate) fn show_save_conflict(&mut self, ctx: &egui::Context) {
        if !self.save_conflict {
            return;
        }
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("credence-save-conflict")).show(ctx, |ui| {
            ui.set_width(440.0);
            ui.heading("File changed on disk");
            ui.label(format!(
                "\"{}\" was changed by another program since you opened it. \
                 Saving now would replace those changes.",
                self.file_name()
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button("Reload")
                    .on_hover_text("Open the file as it is now; your unsaved changes are dropped")
                    .clicked()
                {
                    choice = Some("reload");
                }
                if ui
                    .button("Overwrite")
                    .on_hover_text("Replace the file with this document")
                    .clicked()
                {
                    choice = Some("overwrite");
                }
                if ui
                    .button("Save As…")
                    .on_hover_text("Keep both: save this under another name")
                    .clicked()
                {
                    choice = Some("save-as");
                }
                if ui.button("Cancel").clicked() {
                    choice = Some("cancel");
                }
            });
        });
        let Some(choice) = choice else {
            return;
        };
        self.save_conflict = false;
        let Some(path) = self.open.path().map(Path::to_owned) else {
            return;
        };
        match choice {
            "reload" => {
                self.open_path(&path);
            }
            "overwrite" => {
                self.save_to(&path);
            }
            "save-as" => {
                self.save_as();
            }
            _ => {}
        }
    }

    /// The typed-path fallback for desktops without a file dialog.
    pub(crate) fn show_path_prompt(&mut self, ctx: &egui::Context) {
        let Some(prompt) = &mut self.path_prompt else {
            return;
        };
        let purpose = prompt.purpose;
        let mut confirmed = false;
        let mut cancelled = false;
        egui::Modal::new(egui::Id::unique("credence-path-prompt")).show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(match purpose {
                PromptPurpose::Open => "Open",
                PromptPurpose::Save => "Save as",
                PromptPurpose::Export => "Export to",
            });
            ui.label("No file dialog is available on this desktop. Type the file's path:");
            let label = ui.label("File path");
            let response = ui
                .add(egui::TextEdit::singleline(&mut prompt.text).desired_width(f32::INFINITY))
                .labelled_by(label.id);
            if !response.has_focus() && !response.lost_focus() {
                response.request_focus();
            }
            // Enter confirms: the modal holds nothing else to press it for.
            confirmed |= ui.input(|i| i.key_pressed(egui::Key::Enter));
            ui.horizontal(|ui| {
                let verb = match purpose {
                    PromptPurpose::Open => "Open",
                    PromptPurpose::Save => "Save",
                    PromptPurpose::Export => "Export",
                };
                confirmed |= ui.button(verb).clicked();
                cancelled |= ui.button("Cancel").clicked();
            });
            cancelled |= ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
        if confirmed {
            let path = PathBuf::from(prompt.text.trim());
            self.path_prompt = None;
            match purpose {
                PromptPurpose::Open => self.open_interactive(&path),
                PromptPurpose::Save => {
                    self.save_to(&path);
                }
                PromptPurpose::Export => self.start_export(path),
            }
        } else if cancelled {
            self.path_prompt = None;
        }
    }

    /// The Save / Discard / Cancel question, while one is pending.
    pub(crate) fn show_pending(&mut self, ctx: &egui::Context) {
        let Some(action) = self.pending.clone() else {
            return;
        };
        let mut choice = None;
        egui::Modal::new(egui::Id::unique("credence-unsaved")).show(ctx, |ui| {
            ui.set_width(360.0);
            ui.heading("Unsaved changes");
            ui.label(format!(
                "Save the changes to \"{}\" before {}?",
                self.file_name(),
                match action {
                    Pending::Close => "closing",
                    Pending::New => "starting a new document",
                    Pending::Open(_) => "opening another document",
                }
            ));
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("Save").clicked() {
                    choice = Some("save");
                }
                if ui.button("Discard").clicked() {
                    choice = Some("discard");
                }
                if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                    choice = Some("cancel");
                }
            });
        });
        let proceed = match choice {
            None => return,
            Some("save") => self.save(),
            Some("discard") => true,
            _ => false,
        };
        self.pending = None;
        if proceed {
            let closing = action == Pending::Close;
            self.run(action);
            if closing {
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }
}
