//! The eframe app: menu, toolbar, board tabs (belief map, canvases,
//! assumption map, belief 2×2), inspector, search, and dialogs; for
//! workshops, the Workshop panel (participants, hidden votes and their
//! reveal, dot voting, snapshots and the history slider), the Learning
//! backlog panel, and presentation mode (F5).
//!
//! The UI turns input into [`edit::Command`](crate::edit::Command)s and
//! queues them with the document's owner,
//! [`OpenDocument`](crate::edit::OpenDocument), which applies them once a
//! frame; it never mutates the document itself. Per-document UI state lives
//! in [`DocumentUi`], replaced whole when another document comes in. Boards
//! implement `boards::BoardKind`, listed once in `boards::KINDS`.
//! [`CredenceApp::show`] draws one frame into any `Ui`, so the same code
//! runs in the window and in the `egui_kittest` tests.

mod app;
mod assumption_map;
mod auto_layout;
mod autosave;
mod background;
mod backlinks;
mod backlog;
mod beliefs_2x2;
mod boards;
mod canvas_board;
mod canvas_inspector;
mod card_fit;
mod conflicts;
mod dialogs;
mod document_ui;
mod export_dialog;
mod file_ops;
mod insight;
mod insights_panel;
mod inspector;
mod join_slide;
mod map;
mod menu;
mod notice;
mod pins;
mod presentation;
mod progress;
mod quadrant;
mod room_panel;
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
