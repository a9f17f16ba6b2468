//! The application state and the frame layout.

use super::auto_layout::LayoutAnimation;
use super::autosave::Autosave;
use super::boards::{self, Board};
use super::canvas::{self, CanvasState};
use super::dialogs::FileDialogs;
use super::file_ops::{PathPrompt, Pending};
use super::insight::Insights;
use super::notice::{self, Notice};
use super::{
    assumption_map, belief_map, canvas_board, canvas_inspector, insights_panel, inspector, menu,
    shortcuts,
};
use crate::analysis::risk::Risk;
use crate::edit::{Command, History, MergeKey, Selection, Snippet};
use crate::layout::Flow;
use crate::model::NodeId;
use crate::model::{Document, NodeKind};
use crate::render;
use crate::render::Camera;
use crate::render::TraceHighlight;
use std::path::PathBuf;

/// Everything the window shows. Fields are public so tests can assert on
/// the document and selection after driving the UI.
pub struct CredenceApp {
    pub doc: Document,
    pub history: History,
    pub selection: Selection,
    pub camera: Camera,
    /// Where the document was loaded from or last saved to.
    pub path: Option<PathBuf>,
    pub notice: Option<Notice>,
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    /// The kind a double-click on the background creates.
    pub new_kind: NodeKind,
    pub(crate) saved_state: u64,
    pub(crate) dialogs: Box<dyn FileDialogs>,
    pub(crate) canvas: CanvasState,
    pub(crate) clipboard: Option<Snippet>,
    pub(crate) pending: Option<Pending>,
    pub(crate) path_prompt: Option<PathPrompt>,
    pub(crate) close_confirmed: bool,
    /// The node being traced (T), if any.
    pub trace_focus: Option<NodeId>,
    pub layout_flow: Flow,
    pub show_insights: bool,
    pub(crate) layout_animation: Option<LayoutAnimation>,
    /// Bumped when a different document is loaded, so caches keyed by
    /// history state never mix two documents.
    pub(crate) generation: u64,
    pub(crate) insights: Option<Insights>,
    pub(crate) autosave: Option<Autosave>,
    /// The file as we last read or wrote it, to notice outside changes.
    pub(crate) disk_fingerprint: Option<super::file_ops::Fingerprint>,
    pub(crate) save_conflict: bool,
    /// A save refused because the file is read-only, held while the user
    /// decides whether to replace it anyway.
    pub(crate) read_only_save: Option<PathBuf>,
    /// Recovery copies from earlier runs, still to be offered.
    pub(crate) recoveries: Vec<crate::io::recovery::Recovered>,
    /// The Export dialog's choices.
    pub export: super::export_dialog::ExportSettings,
    pub(crate) export_open: bool,
    pub(crate) export_job: Option<super::export_dialog::ExportJob>,
    /// The board tab on show.
    pub board: super::boards::Board,
    pub canvas_board: super::canvas_board::CanvasBoardState,
    pub assumption_map: super::assumption_map::AssumptionMapState,
    pub belief_map: super::belief_map::BeliefMapState,
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
    /// The Ctrl+F search window, while open.
    pub(crate) search: Option<super::search::SearchState>,
    pub show_workshop: bool,
    pub show_backlog: bool,
    pub backlog_ui: super::backlog::BacklogUi,
    pub workshop_ui: super::workshop::WorkshopUi,
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
            doc,
            history: History::default(),
            selection: Selection::default(),
            camera: Camera::default(),
            path,
            notice: None,
            recent: Vec::new(),
            new_kind: NodeKind::Belief,
            saved_state: 0,
            dialogs,
            canvas: CanvasState::new(),
            clipboard: None,
            pending: None,
            path_prompt: None,
            close_confirmed: false,
            trace_focus: None,
            layout_flow: Flow::Down,
            show_insights: false,
            layout_animation: None,
            generation: 0,
            insights: None,
            autosave: None,
            export: Default::default(),
            export_open: false,
            export_job: None,
            board: Default::default(),
            canvas_board: Default::default(),
            assumption_map: Default::default(),
            belief_map: Default::default(),
            templates: None,
            template_name: String::new(),
            template_dir: crate::io::templates::user_dir(),
            search: None,
            show_workshop: false,
            show_backlog: false,
            backlog_ui: Default::default(),
            workshop_ui: Default::default(),
            presentation: None,
            background: None,
            background_open_bytes: super::background::OPEN_IN_BACKGROUND_BYTES,
            background_layout_nodes: super::background::LAYOUT_IN_BACKGROUND_NODES,
            disk_fingerprint: None,
            save_conflict: false,
            read_only_save: None,
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

    /// Applies a command as its own undo step.
    pub fn apply(&mut self, command: Command) {
        let removes = command.may_remove();
        self.history.apply(&mut self.doc, command);
        if removes {
            self.selection.retain_existing(&self.doc);
        }
    }

    /// Applies a command that folds into the previous step with the same key.
    pub fn apply_merged(&mut self, command: Command, key: MergeKey) {
        let removes = command.may_remove();
        self.history.apply_merged(&mut self.doc, command, key);
        if removes {
            self.selection.retain_existing(&self.doc);
        }
    }

    pub fn undo(&mut self) {
        self.canvas.cancel_edit();
        self.history.undo(&mut self.doc);
        self.selection.retain_existing(&self.doc);
    }

    pub fn redo(&mut self) {
        self.canvas.cancel_edit();
        self.history.redo(&mut self.doc);
        self.selection.retain_existing(&self.doc);
    }

    pub(crate) fn refresh_insights(&mut self) {
        Insights::refresh(
            &mut self.insights,
            &self.doc,
            self.generation,
            self.history.state(),
        );
    }

    pub(crate) fn insights_ref(&self) -> Option<&Insights> {
        self.insights.as_ref()
    }

    /// The assumptions, riskiest first.
    pub fn risks(&mut self) -> Vec<Risk> {
        self.refresh_insights();
        let insights = self.insights.as_mut().expect("just refreshed");
        insights.risks(&self.doc).to_vec()
    }

    /// What the current trace lights up.
    pub fn trace_highlight(&mut self) -> Option<TraceHighlight> {
        let focus = self.trace_focus.filter(|id| self.doc.node(*id).is_some())?;
        self.refresh_insights();
        self.insights.as_ref().map(|i| i.trace(focus))
    }

    /// T: trace `id`, or stop tracing it if it already is.
    pub fn toggle_trace(&mut self, id: NodeId) {
        self.trace_focus = if self.trace_focus == Some(id) {
            None
        } else {
            Some(id)
        };
    }

    /// Selects a node and centres the view on it.
    pub fn jump_to(&mut self, id: NodeId) {
        if let Some(node) = self.doc.node(id) {
            self.camera.center = node.center();
            self.selection.only_node(id);
            self.canvas.focus_pending = true;
        }
    }

    /// Selects nodes and frames them all.
    pub fn select_and_frame(&mut self, ids: &[NodeId]) {
        self.selection.clear();
        self.selection.nodes.extend(ids.iter().copied());
        let bounds = ids
            .iter()
            .filter_map(|id| self.doc.node(*id))
            .map(canvas::board_rect)
            .reduce(|a, b| a.union(b));
        if let Some(bounds) = bounds {
            let zoom = self.camera.zoom;
            self.camera.fit(self.canvas.rect, bounds);
            self.camera.zoom = self.camera.zoom.max(zoom.min(1.0));
        }
        self.canvas.focus_pending = true;
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
            .show(ui, |ui| match self.board {
                Board::Canvas(id) => {
                    egui::ScrollArea::vertical()
                        .show(ui, |ui| canvas_inspector::show(self, ui, id));
                }
                _ => inspector::show(self, ui),
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
                match self.board {
                    Board::Map => {
                        self.step_layout_animation(ui.ctx());
                        canvas::show(self, ui);
                        super::workshop::history_banner(self, ui);
                    }
                    Board::Canvas(id) => canvas_board::show(self, ui, id),
                    Board::Assumptions => assumption_map::show(self, ui),
                    Board::Beliefs => belief_map::show(self, ui),
                }
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
        self.update_window_title(ui.ctx());
        self.canvas.finish_frame(ui.ctx());
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
