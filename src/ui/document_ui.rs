//! The UI half of the open document: every piece of window state that
//! belongs to one document and means nothing for the next.
//!
//! New, Open, Recover and Reload replace it whole ([`DocumentUi::default`])
//! together with the document, instead of resetting fields from a list
//! that someone has to remember to extend. A field added here is reset by
//! construction; a field that should outlive the document (the camera's
//! window, the recent files) belongs on the app instead.

use super::auto_layout::LayoutAnimation;
use super::backlog::BacklogUi;
use super::boards::Board;
use super::insight::Insights;
use super::map::MapState;
use super::search::SearchState;
use super::workshop::WorkshopUi;
use super::{assumption_map, beliefs_2x2, canvas_board};
use crate::edit::Selection;
use crate::model::NodeId;

#[derive(Default)]
pub struct DocumentUi {
    pub selection: Selection,
    /// The board tab on show (a canvas tab names a canvas of this document).
    pub board: Board,
    /// The belief map's title edit, drag in progress and retained meshes.
    pub(crate) map: MapState,
    /// The node being traced (T), if any.
    pub trace_focus: Option<NodeId>,
    pub(crate) layout_animation: Option<LayoutAnimation>,
    /// Derived analyses, cached by document revision.
    pub(crate) insights: Option<Insights>,
    /// The Ctrl+F search window, while open.
    pub(crate) search: Option<SearchState>,
    pub canvas_board: canvas_board::CanvasBoardState,
    pub assumption_map: assumption_map::AssumptionMapState,
    pub beliefs_2x2: beliefs_2x2::Beliefs2x2State,
    /// The voter, the snapshot on show and the past it shows.
    pub workshop_ui: WorkshopUi,
    pub backlog_ui: BacklogUi,
}
