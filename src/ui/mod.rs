//! The eframe app: menu, toolbar, board tabs (belief map, canvases,
//! assumption map, belief 2×2), inspector, search, and dialogs; for
//! workshops, the Workshop panel (participants, hidden votes and their
//! reveal, dot voting, snapshots and the history slider), the Learning
//! backlog panel, and presentation mode (F5).
//!
//! The UI turns input into [`edit::Command`](crate::edit::Command)s and
//! hands them to the [`History`](crate::edit::History); it never mutates the
//! document itself. [`CredenceApp::show`] draws one frame into any `Ui`, so
//! the same code runs in the window and in the `egui_kittest` tests.

mod app;
mod assumption_map;
mod auto_layout;
mod autosave;
mod background;
mod backlinks;
mod backlog;
mod belief_map;
mod board_layers;
mod board_mesh;
mod boards;
mod canvas;
mod canvas_board;
mod canvas_inspector;
mod dialogs;
mod document_ui;
mod export_dialog;
mod file_ops;
mod insight;
mod insights_panel;
mod inspector;
mod menu;
mod notice;
mod presentation;
mod progress;
mod quadrant;
mod search;
mod shortcuts;
mod vote_fields;
mod workshop;

pub use app::CredenceApp;
pub use boards::Board;
pub use dialogs::{FileDialogs, NativeDialogs, Picked, ScriptedDialogs};
pub use document_ui::DocumentUi;
pub use export_dialog::{ExportBoard, ExportSettings, ScopeChoice};
pub use notice::{Notice, NoticeKind};
pub use workshop::{WorkshopUi, as_of, format_time};
