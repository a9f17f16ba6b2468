//! The Export dialog (Ctrl+E) and the export job behind it.
//!
//! Exports run on a worker thread with a copy of the document, so a large
//! PNG never freezes the canvas in front of a room; past half a second a
//! progress window shows how far it is. The file is written atomically by
//! [`crate::export::export_to`], so a failed export leaves no half file.

use super::app::CredenceApp;
use super::dialogs::Picked;
use super::file_ops::{PathPrompt, PromptPurpose};
use super::notice::Notice;
use crate::export::{self, Background, ExportError, Format, Options, Scope};
use crate::render::Theme;
use crate::render::quadrants::{QuadrantBoard, QuadrantSpec};
use egui::{Id, Modal, RichText};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScopeChoice {
    Board,
    View,
    Selection,
}

/// Which board the Export dialog writes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportBoard {
    #[default]
    Map,
    Canvas(crate::model::CanvasId),
    Quadrants(QuadrantBoard),
}

impl ExportBoard {
    /// Whether `format` can show this board: a canvas has no graph form
    /// (Mermaid, DOT), a 2×2 is only a picture.
    pub fn allows(self, format: Format) -> bool {
        match self {
            ExportBoard::Map => true,
            ExportBoard::Canvas(_) => !matches!(format, Format::Mermaid | Format::Dot),
            ExportBoard::Quadrants(_) => format.is_image(),
        }
    }
}

/// The dialog's choices, kept between exports in one session.
#[derive(Clone, Debug)]
pub struct ExportSettings {
    /// Set to the board on show each time the dialog opens.
    pub board: ExportBoard,
    pub format: Format,
    pub scope: ScopeChoice,
    pub scale: f32,
    /// A slide width in pixels, chosen instead of a scale.
    pub width: Option<u32>,
    pub padding: f32,
    pub background: Background,
    pub theme: Theme,
}

/// Widths for slides: full HD, 4K and 8K.
const SLIDE_WIDTHS: [u32; 3] = [1920, 3840, 7680];

impl Default for ExportSettings {
    fn default() -> Self {
        let defaults = Options::default();
        Self {
            board: ExportBoard::Map,
            format: Format::Png,
            scope: ScopeChoice::Board,
            scale: defaults.scale,
            width: None,
            padding: defaults.padding,
            background: defaults.background,
            theme: defaults.theme,
        }
    }
}

/// An export in flight.
pub struct ExportJob {
    pub path: PathBuf,
    format: Format,
    started: Instant,
    progress: Arc<AtomicU32>,
    cancel: export::Cancel,
    done: Receiver<Result<(), ExportError>>,
}

impl ExportJob {
    pub fn progress(&self) -> f32 {
        f32::from_bits(self.progress.load(Ordering::Relaxed))
    }
}

impl CredenceApp {
    /// Opens the Export dialog.
    pub fn open_export_dialog(&mut self) {
        self.doc_ui.map.commit_edit_into(&mut self.open);
        self.export.board = self.board_on_show();
        self.export_open = true;
    }

    /// Stops the running export between tiles; the worker reports back
    /// and nothing is written.
    pub fn cancel_export(&mut self) {
        if let Some(job) = &self.export_job {
            job.cancel.cancel();
        }
    }

    /// Whether an export is still running.
    pub fn exporting(&self) -> bool {
        self.export_job.is_some()
    }

    /// The board on show, as the Export dialog names it.
    fn board_on_show(&self) -> ExportBoard {
        let board = self.doc_ui.board;
        super::boards::kind_of(board).export(self, board)
    }

    /// Every board the document has, for the dialog's list.
    fn export_boards(&self) -> Vec<(ExportBoard, String)> {
        let mut boards = vec![(ExportBoard::Map, "Belief map".to_owned())];
        boards.extend(
            self.open
                .doc()
                .canvases
                .iter()
                .map(|c| (ExportBoard::Canvas(c.id), format!("Canvas: {}", c.name))),
        );
        boards.extend(
            QuadrantBoard::ALL
                .into_iter()
                .map(|q| (ExportBoard::Quadrants(q), q.label().to_owned())),
        );
        boards
    }

    /// The options, with the scale a slide width or the side limit asks for.
    fn export_options(&self) -> Options {
        let mut options = self.unfitted_options();
        options.scale = export::fit(self.open.doc(), &options, self.export.width, None).scale;
        options
    }

    fn unfitted_options(&self) -> Options {
        let s = &self.export;
        let include_more = |board| match board {
            QuadrantBoard::Assumptions => self.doc_ui.assumption_map.include_beliefs,
            _ => self.doc_ui.beliefs_2x2.include_more,
        };
        let scope = match (s.board, s.scope) {
            (ExportBoard::Canvas(id), _) => Scope::Canvas(id),
            (ExportBoard::Quadrants(board), _) => Scope::Quadrants(QuadrantSpec {
                board,
                include_more: include_more(board),
            }),
            (ExportBoard::Map, scope) => match scope {
                ScopeChoice::Board => Scope::All,
                ScopeChoice::Selection => {
                    let mut ids: Vec<_> = self.doc_ui.selection.nodes.iter().copied().collect();
                    ids.sort();
                    Scope::Nodes(ids)
                }
                ScopeChoice::View => {
                    let rect = self.doc_ui.map.rect;
                    let a = self.camera.to_board(rect, rect.min);
                    let b = self.camera.to_board(rect, rect.max);
                    Scope::Region(egui::Rect::from_min_max(
                        egui::pos2(a.x, a.y),
                        egui::pos2(b.x, b.y),
                    ))
                }
            },
        };
        Options {
            scope,
            scale: s.scale,
            padding: if s.scope == ScopeChoice::View {
                0.0
            } else {
                s.padding
            },
            background: s.background,
            theme: s.theme,
            tile: None,
            cancel: Default::default(),
        }
    }

    /// Asks where to write, then starts the export.
    fn choose_export_path(&mut self) {
        let format = self.export.format;
        let stem = self
            .open
            .path()
            .and_then(Path::file_stem)
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Untitled".into());
        let name = format!("{stem}.{}", format.extension());
        let dir = self.open.path().and_then(Path::parent).map(Path::to_owned);
        match self
            .dialogs
            .pick_export(dir.as_deref(), &name, (format.label(), format.extension()))
        {
            Picked::Path(path) => self.start_export(path),
            Picked::Cancelled => {}
            Picked::Unavailable => {
                let dir = dir
                    .or_else(|| std::env::current_dir().ok())
                    .unwrap_or_default();
                self.path_prompt = Some(PathPrompt {
                    purpose: PromptPurpose::Export,
                    text: dir.join(name).display().to_string(),
                });
            }
        }
    }

    /// Exports the current document to `path` on a worker thread. A path
    /// without a known extension gets the chosen format's.
    pub(crate) fn start_export(&mut self, mut path: PathBuf) {
        if self.export_job.is_some() {
            self.notice = Some(Notice::error("An export is already running"));
            return;
        }
        let format = match Format::from_path(&path) {
            Ok(f) => f,
            Err(_) => {
                path.set_extension(self.export.format.extension());
                self.export.format
            }
        };
        let options = self.export_options();
        let cancel = options.cancel.clone();
        let doc = self.open.doc().clone();
        let progress = Arc::new(AtomicU32::new(0f32.to_bits()));
        let (tx, rx) = channel();
        let worker_progress = Arc::clone(&progress);
        let worker_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("credence-export".into())
            .spawn(move || {
                let result = export::export_to(&doc, &worker_path, &options, &mut |p| {
                    worker_progress.store(p.to_bits(), Ordering::Relaxed);
                })
                .map(|_| ());
                let _ = tx.send(result);
            });
        if let Err(err) = spawned {
            self.notice = Some(Notice::error(format!("Could not start the export: {err}")));
            return;
        }
        self.export_job = Some(ExportJob {
            path,
            format,
            started: Instant::now(),
            progress,
            cancel,
            done: rx,
        });
    }

    /// Checks on the running export; shows progress once it is slow.
    pub(crate) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.export_job else {
            return;
        };
        let finished = match job.done.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(ExportError::Stopped(
                "the export stopped unexpectedly".into(),
            ))),
        };
        match finished {
            Some(result) => {
                let name = job
                    .path
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned();
                self.notice = Some(match result {
                    Ok(()) => Notice::info(format!(
                        "Exported {name} ({}) in {:.1} s",
                        job.format.label(),
                        job.started.elapsed().as_secs_f32()
                    )),
                    Err(ExportError::Cancelled) => {
                        Notice::info(format!("Export of {name} cancelled; nothing was written"))
                    }
                    Err(err) => Notice::error(format!("Could not export {name}: {err}")),
                });
                self.export_job = None;
                // Show the notice now, not at the next mouse move.
                ctx.request_repaint();
            }
            None => {
                let name = job.path.file_name().unwrap_or_default().to_string_lossy();
                let cancel = super::progress::show(
                    ctx,
                    job.started,
                    "Exporting",
                    &format!("Exporting {name}…"),
                    Some(job.progress()),
                    job.format == Format::Png,
                );
                if cancel {
                    self.cancel_export();
                }
            }
        }
    }

    pub(crate) fn show_export_dialog(&mut self, ctx: &egui::Context) {
        if !self.export_open {
            return;
        }
        let mut export = false;
        let mut cancel = false;
        let has_selection = !self.doc_ui.selection.nodes.is_empty();
        let boards = self.export_boards();
        if !boards.iter().any(|(b, _)| *b == self.export.board) {
            self.export.board = ExportBoard::Map;
        }
        if !self.export.board.allows(self.export.format) {
            self.export.format = Format::Png;
        }
        let size_hint = (self.export.format == Format::Png).then(|| self.export_size_hint());
        let settings = &mut self.export;
        Modal::new(Id::unique("credence-export")).show(ctx, |ui| {
            ui.set_width(420.0);
            ui.heading("Export");
            ui.add_space(4.0);
            egui::Grid::new("export-grid")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    let label = ui.label("Board");
                    let shown = boards
                        .iter()
                        .find(|(b, _)| *b == settings.board)
                        .map_or("Belief map", |(_, name)| name.as_str());
                    egui::ComboBox::from_id_salt("export-board")
                        .selected_text(shown)
                        .show_ui(ui, |ui| {
                            for (board, name) in &boards {
                                ui.selectable_value(&mut settings.board, *board, name);
                            }
                        })
                        .response
                        .labelled_by(label.id)
                        .on_hover_text("Which board to write: the map, a canvas or a 2×2");
                    if !settings.board.allows(settings.format) {
                        settings.format = Format::Png;
                    }
                    ui.end_row();

                    let label = ui.label("Format");
                    egui::ComboBox::from_id_salt("export-format")
                        .selected_text(settings.format.label())
                        .show_ui(ui, |ui| {
                            for f in Format::ALL {
                                if !settings.board.allows(f) {
                                    continue;
                                }
                                ui.selectable_value(&mut settings.format, f, f.label())
                                    .on_hover_text(format!("Writes a .{} file", f.extension()));
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();

                    ui.label("Scope");
                    if settings.board != ExportBoard::Map {
                        ui.label("The whole board");
                    } else {
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.scope, ScopeChoice::Board, "Whole board")
                                .on_hover_text("Every card, framed with padding");
                            ui.radio_value(&mut settings.scope, ScopeChoice::View, "Current view")
                                .on_hover_text("Exactly what the canvas shows now");
                            ui.add_enabled_ui(has_selection, |ui| {
                                ui.radio_value(
                                    &mut settings.scope,
                                    ScopeChoice::Selection,
                                    "Selection",
                                )
                                .on_hover_text("The selected cards and the edges between them")
                                .on_disabled_hover_text("Select cards on the map first");
                            });
                        });
                    }
                    ui.end_row();

                    if settings.format.is_image() {
                        ui.label("Scale");
                        ui.horizontal(|ui| {
                            for (scale, text) in [(1.0, "1×"), (2.0, "2×"), (4.0, "4×")] {
                                let on = settings.width.is_none() && settings.scale == scale;
                                if ui
                                    .radio(on, text)
                                    .on_hover_text("Pixels per board unit; 2× is crisp on slides")
                                    .clicked()
                                {
                                    settings.scale = scale;
                                    settings.width = None;
                                }
                            }
                        });
                        ui.end_row();

                        ui.label("For slides");
                        ui.horizontal(|ui| {
                            for width in SLIDE_WIDTHS {
                                let text = format!("{} px wide", thousands(width));
                                if ui
                                    .radio(settings.width == Some(width), text)
                                    .on_hover_text(
                                        "Scaled to exactly this width, whatever the board's size",
                                    )
                                    .clicked()
                                {
                                    settings.width = Some(width);
                                }
                            }
                        });
                        ui.end_row();

                        let label = ui.label("Padding");
                        ui.add(
                            egui::DragValue::new(&mut settings.padding)
                                .range(0.0..=400.0)
                                .suffix(" units"),
                        )
                        .labelled_by(label.id)
                        .on_hover_text("Empty margin around the cards");
                        ui.end_row();

                        ui.label("Background");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.background, Background::Theme, "Theme");
                            ui.radio_value(&mut settings.background, Background::White, "White");
                            ui.radio_value(
                                &mut settings.background,
                                Background::Transparent,
                                "Transparent",
                            );
                        });
                        ui.end_row();

                        ui.label("Theme");
                        ui.horizontal(|ui| {
                            ui.radio_value(&mut settings.theme, Theme::Light, "Light");
                            ui.radio_value(&mut settings.theme, Theme::Dark, "Dark");
                        });
                        ui.end_row();
                    }
                });
            if let Some(hint) = size_hint.filter(|_| settings.format == Format::Png) {
                ui.add_space(4.0);
                ui.label(RichText::new(hint).weak());
            }
            if settings.format == Format::Png {
                ui.label(
                    RichText::new("The PNG carries the document: open it in Credence to edit.")
                        .weak(),
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                export |= ui.button("Export…").clicked();
                cancel |= ui.button("Cancel").clicked();
            });
            cancel |= ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
        if export {
            self.export_open = false;
            self.choose_export_path();
        } else if cancel {
            self.export_open = false;
        }
    }

    /// "4,464 × 2,184 px" for the PNG the current choices would write, and
    /// when a board is too big for that, that it is fitted to the limit.
    fn export_size_hint(&self) -> String {
        let fit = export::fit(
            self.open.doc(),
            &self.unfitted_options(),
            self.export.width,
            None,
        );
        let [w, h] = fit.size;
        let size = format!("{} × {} px", thousands(w), thousands(h));
        match fit.over_limit {
            Some([ow, oh]) => format!(
                "{size}: at this scale it would be {} × {} px, over the {} px limit, so it is fitted",
                thousands(ow),
                thousands(oh),
                thousands(export::MAX_SIDE)
            ),
            None => size,
        }
    }
}

/// 7680 as "7,680".
fn thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
