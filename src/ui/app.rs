//! The application state and the frame layout.

use super::autosave::Autosave;
use super::boards;
use super::dialogs::FileDialogs;
use super::document_ui::DocumentUi;
use super::file_ops::{PathPrompt, Pending};
use super::insight::Insights;
use super::map;
use super::notice::{self, Notice};
use super::{insights_panel, menu, shortcuts};
use crate::analysis::risk::Risk;
use crate::edit::{Command, Edit, History, MergeKey, OpenDocument, Snippet};
use crate::layout::Flow;
use crate::model::NodeId;
use crate::model::{Document, NodeKind};
use crate::render;
use crate::render::Camera;
use crate::render::TraceHighlight;
use std::path::PathBuf;

/// Everything the window shows. The document itself is reached only
/// through [`OpenDocument`], its one owner: read it with
/// [`doc`](Self::doc), change it by queueing edits. The other fields are
/// public so tests can assert on the selection and view after driving the UI.
pub struct CredenceApp {
    pub(crate) open: OpenDocument,
    /// The UI state of this document, replaced with it.
    pub doc_ui: DocumentUi,
    pub camera: Camera,
    pub notice: Option<Notice>,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The kind a double-click on the background creates.
    pub new_kind: NodeKind,
    pub(crate) dialogs: Box<dyn FileDialogs>,
    pub(crate) clipboard: Option<Snippet>,
    pub(crate) pending: Option<Pending>,
    pub(crate) path_prompt: Option<PathPrompt>,
    pub(crate) close_confirmed: bool,
    pub layout_flow: Flow,
    /// Layered or Compact, for Auto-layout and Lay out from scratch.
    pub layout_style: crate::layout::Style,
    pub show_insights: bool,
    pub(crate) autosave: Option<Autosave>,
    /// The file as we last read or wrote it, to notice outside changes.
    pub(crate) disk_fingerprint: Option<super::file_ops::Fingerprint>,
    pub(crate) save_conflict: bool,
    /// A save refused because the file is read-only, held while the user
    /// decides whether to replace it anyway.
    pub(crate) read_only_save: Option<PathBuf>,
    /// The workshop room, while it is open.
    pub(crate) room: Option<super::room_panel::OpenRoom>,
    /// The port the room listens on; 0 picks a free one.
    pub room_port: u16,
    /// Where the room listens: every interface, so phones on the network
    /// reach it (benchmarks use loopback).
    pub room_bind: std::net::IpAddr,
    /// What the next room's phones vote on, when chosen before it opens.
    pub(crate) room_cards: Option<crate::room::CardChoice>,
    /// Recovery copies from earlier runs, still to be offered.
    pub(crate) recoveries: Vec<crate::io::recovery::Recovered>,
    /// The Export dialog's choices.
    pub export: super::export_dialog::ExportSettings,
    pub(crate) export_open: bool,
    pub(crate) export_job: Option<super::export_dialog::ExportJob>,
    /// Built-in and user templates, read on first use.
    pub(crate) templates: Option<Vec<crate::model::Template>>,
    /// The name typed for "Save layout as template".
    pub(crate) template_name: String,
    /// Where "Save layout as template" writes and "+ Canvas" reads the
    /// user's own templates.
    pub template_dir: Option<PathBuf>,
    /// Opening a big file or laying out a big map, while it runs.
    pub(crate) background: Option<super::background::BackgroundJob>,
    /// Files this big open on a worker thread.
    pub background_open_bytes: u64,
    /// Maps this big lay out on a worker thread.
    pub background_layout_nodes: usize,
    pub show_workshop: bool,
    pub show_backlog: bool,
    /// Presentation mode (F5), while on.
    pub presentation: Option<super::presentation::Presentation>,
    window_title: String,
    styled: bool,
}

const RECENT_KEY: &str = "credence.recent";
const MAX_RECENT: usize = 10;

impl CredenceApp {
    pub fn new(doc: Document, path: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        Self {
            open: OpenDocument::new(doc, path),
            doc_ui: DocumentUi::default(),
            camera: Camera::default(),
            notice: None,
            recent: Vec::new(),
            new_kind: NodeKind::Belief,
            dialogs,
            clipboard: None,
            pending: None,
            path_prompt: None,
            close_confirmed: false,
            layout_flow: Flow::Down,
            layout_style: crate::layout::Style::Layered,
            show_insights: false,
            autosave: None,
            export: Default::default(),
            export_open: false,
            export_job: None,
            templates: None,
            template_name: String::new(),
            template_dir: crate::io::templates::user_dir(),
            show_workshop: false,
            show_backlog: false,
            presentation: None,
            background: None,
            background_open_bytes: super::background::OPEN_IN_BACKGROUND_BYTES,
            background_layout_nodes: super::background::LAYOUT_IN_BACKGROUND_NODES,
            disk_fingerprint: None,
            save_conflict: false,
            read_only_save: None,
            room: None,
            room_port: 0,
            room_bind: std::net::IpAddr::from([0, 0, 0, 0]),
            room_cards: None,
            recoveries: Vec::new(),
            window_title: String::new(),
            styled: false,
        }
    }

    /// The app as `credence [FILE]` starts it: the file if given and
    /// readable, otherwise the built-in example (with the error shown).
    pub fn launch(file: Option<PathBuf>, dialogs: Box<dyn FileDialogs>) -> Self {
        let mut app = Self::new(crate::io::example(), None, dialogs);
        if let Some(path) = file {
            app.open_path(&path);
        }
        app
    }

    /// What `credence [FILE]` runs at start-up, in this order: open FILE (or
    /// the example board), keep recovery copies in `recovery_dir` and offer
    /// any that a crashed run left there, and restore the recent-files list.
    pub fn start(
        file: Option<PathBuf>,
        dialogs: Box<dyn FileDialogs>,
        recovery_dir: Option<PathBuf>,
        storage: Option<&dyn eframe::Storage>,
    ) -> Self {
        let mut app = Self::launch(file, dialogs);
        if let Some(dir) = recovery_dir {
            app = app.with_recovery(crate::io::recovery::RecoveryStore::new(dir));
        }
        app.restore(storage);
        app
    }

    /// Restores the recent-files list saved by a previous run.
    pub fn restore(&mut self, storage: Option<&dyn eframe::Storage>) {
        if let Some(text) = storage.and_then(|s| s.get_string(RECENT_KEY)) {
            self.recent = text.lines().map(PathBuf::from).take(MAX_RECENT).collect();
        }
    }

    pub(crate) fn remember_recent(&mut self, path: PathBuf) {
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }

    /// The open document, as of the last drain of the edit queue.
    pub fn doc(&self) -> &Document {
        self.open.doc()
    }

    /// Where the document was loaded from or last saved to.
    pub fn path(&self) -> Option<&std::path::Path> {
        self.open.path()
    }

    /// A card's title is being typed into on the map.
    pub fn is_editing_title(&self) -> bool {
        self.doc_ui.map.is_editing()
    }

    pub fn history(&self) -> &History {
        self.open.history()
    }

    /// Queues a command as its own undo step; it applies at the start of the
    /// next frame, with every other edit, in [`apply_queued`](Self::apply_queued).
    pub fn apply(&mut self, command: Command) {
        self.open.queue(Edit::Apply(command));
    }

    /// Queues a command that folds into the previous step with the same key.
    pub fn apply_merged(&mut self, command: Command, key: MergeKey) {
        self.open.queue(Edit::Merge(command, key));
    }

    pub fn undo(&mut self) {
        self.doc_ui.map.cancel_edit();
        self.open.queue(Edit::Undo);
    }

    pub fn redo(&mut self) {
        self.doc_ui.map.cancel_edit();
        self.open.queue(Edit::Redo);
    }

    /// The one place edits are applied: at the start of every frame, by the
    /// belief map between reading the pointer and painting (so a dragged
    /// card never lags it), and before anything that must see them all (a
    /// save). The UI half follows: a selection of removed cards is dropped.
    pub fn apply_queued(&mut self, ctx: Option<&egui::Context>) {
        let drained = self.open.drain();
        if drained.may_remove {
            self.doc_ui.selection.retain_existing(self.open.doc());
        }
        if drained.changed
            && let Some(ctx) = ctx
        {
            ctx.request_repaint();
        }
    }

    pub(crate) fn refresh_insights(&mut self) {
        // Keyed by the drawn state: a vote from the room changes no card or
        // edge, so it need not even hash the structure again.
        Insights::refresh(
            &mut self.doc_ui.insights,
            self.open.doc(),
            self.open.generation(),
            self.open.history().drawn_state(),
        );
    }

    pub(crate) fn insights_ref(&self) -> Option<&Insights> {
        self.doc_ui.insights.as_ref()
    }

    /// The assumptions, riskiest first.
    pub fn risks(&mut self) -> Vec<Risk> {
        self.refresh_insights();
        let insights = self.doc_ui.insights.as_mut().expect("just refreshed");
        insights.risks(self.open.doc()).to_vec()
    }

    /// What the current trace lights up.
    pub fn trace_highlight(&mut self) -> Option<TraceHighlight> {
        let focus = self
            .doc_ui
            .trace_focus
            .filter(|id| self.open.doc().node(*id).is_some())?;
        self.refresh_insights();
        self.doc_ui.insights.as_ref().map(|i| i.trace(focus))
    }

    /// T: trace `id`, or stop tracing it if it already is.
    pub fn toggle_trace(&mut self, id: NodeId) {
        self.doc_ui.trace_focus = if self.doc_ui.trace_focus == Some(id) {
            None
        } else {
            Some(id)
        };
    }

    /// Selects a node and centres the view on it.
    pub fn jump_to(&mut self, id: NodeId) {
        if let Some(node) = self.open.doc().node(id) {
            self.camera.center = node.center();
            self.doc_ui.selection.only_node(id);
            self.doc_ui.map.focus_pending = true;
        }
    }

    /// Selects nodes and frames them all.
    pub fn select_and_frame(&mut self, ids: &[NodeId]) {
        self.doc_ui.selection.clear();
        self.doc_ui.selection.nodes.extend(ids.iter().copied());
        let bounds = ids
            .iter()
            .filter_map(|id| self.open.doc().node(*id))
            .map(map::board_rect)
            .reduce(|a, b| a.union(b));
        if let Some(bounds) = bounds {
            let zoom = self.camera.zoom;
            self.camera.fit(self.doc_ui.map.rect, bounds);
            self.camera.zoom = self.camera.zoom.max(zoom.min(1.0));
        }
        self.doc_ui.map.focus_pending = true;
    }

    /// Draws one frame. The window and the tests both call this.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        if !self.styled {
            self.styled = true;
            // Ctrl+0 and Ctrl+± zoom the map, not the whole interface.
            ui.ctx().options_mut(|o| o.zoom_with_keyboard = false);
            // A whiteboard reads best light, whatever the desktop theme.
            ui.ctx().set_theme(egui::Theme::Light);
            render::set_up_text(ui.ctx());
            // Only presentation mode scales the interface, and egui saves
            // the scale with the window: a run that ended while presenting
            // must not start the next one enlarged.
            ui.ctx().set_zoom_factor(1.0);
        }
        // Last frame's edits, from every source, before anything reads the
        // document: what this frame paints and hit-tests is what it holds.
        self.apply_queued(Some(ui.ctx()));
        self.handle_close_request(ui.ctx());
        if self.presentation.is_some() {
            super::presentation::show(self, ui);
            return;
        }
        shortcuts::global(self, ui);

        egui::Panel::top("credence-menu").show(ui, |ui| menu::bar(self, ui));
        egui::Panel::top("credence-toolbar").show(ui, |ui| menu::toolbar(self, ui));
        egui::Panel::bottom("credence-status").show(ui, |ui| menu::status(self, ui));
        if self.show_workshop {
            egui::Panel::left("credence-workshop")
                .default_size(280.0)
                .min_size(220.0)
                .show(ui, |ui| super::workshop::show(self, ui));
        }
        if self.show_backlog {
            egui::Panel::left("credence-backlog")
                .default_size(300.0)
                .min_size(220.0)
                .show(ui, |ui| super::backlog::show(self, ui));
        }
        if self.show_insights {
            egui::Panel::left("credence-insights")
                .default_size(260.0)
                .min_size(200.0)
                .show(ui, |ui| insights_panel::show(self, ui));
        }
        egui::Panel::right("credence-inspector")
            .default_size(300.0)
            .min_size(240.0)
            .show(ui, |ui| {
                let board = self.doc_ui.board;
                boards::kind_of(board).inspector(self, ui, board);
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE.fill(ui.visuals().panel_fill))
            .show(ui, |ui| {
                egui::Frame::NONE
                    .fill(ui.visuals().panel_fill)
                    .inner_margin(egui::Margin::symmetric(8, 4))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        boards::tab_bar(self, ui);
                    });
                let board = self.doc_ui.board;
                boards::kind_of(board).show(self, ui, board);
                self.show_notice(ui);
            });

        self.show_pending(ui.ctx());
        self.show_path_prompt(ui.ctx());
        self.show_save_conflict(ui.ctx());
        self.show_read_only_save(ui.ctx());
        self.show_recovery_offer(ui.ctx());
        self.show_export_dialog(ui.ctx());
        super::backlog::finish_dialog(self, ui.ctx());
        super::search::show(self, ui.ctx());
        self.poll_export(ui.ctx());
        self.poll_background(ui.ctx());
        self.autosave_tick(ui.ctx());
        if self.open.has_pending() {
            // Applied at the start of the next frame, which must come.
            ui.ctx().request_repaint();
        }
        self.update_window_title(ui.ctx());
        self.doc_ui.map.finish_frame(ui.ctx());
    }

    fn show_notice(&mut self, ui: &mut egui::Ui) {
        let Some(mut current) = self.notice.take() else {
            return;
        };
        let rect = ui.max_rect().shrink(12.0);
        let keep = ui
            .scope_builder(
                egui::UiBuilder::new().max_rect(egui::Rect::from_min_size(
                    rect.min,
                    egui::vec2(rect.width(), 60.0),
                )),
                |ui| notice::show(ui, &mut current),
            )
            .inner;
        if keep && self.notice.is_none() {
            self.notice = Some(current);
        }
    }

    fn update_window_title(&mut self, ctx: &egui::Context) {
        let dirty = if self.is_dirty() { "● " } else { "" };
        let title = format!("{dirty}{} — Credence", self.file_name());
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    pub fn window_title(&self) -> &str {
        &self.window_title
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.close_confirmed
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Close);
        }
    }
}

impl eframe::App for CredenceApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let text: Vec<String> = self
            .recent
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        storage.set_string(RECENT_KEY, text.join("\n"));
    }
}
