//! What the 2×2 tabs share beyond drawing (which is `render::quadrants`):
//! a lifted card's painter and the end of a drag.

use crate::model::NodeId;
use egui::{Id, Painter, Ui};

/// Where a card is painted: above everything while it is dragged, so it
/// never slides under its neighbours.
pub fn card_painter(ui: &Ui, lifted: bool) -> Painter {
    if lifted {
        ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            Id::unique("quadrant-drag"),
        ))
    } else {
        ui.painter().clone()
    }
}

/// Where a dragged card was dropped, if it was: the node and the pointer.
pub fn dropped(ui: &Ui, dragging: &mut Option<NodeId>) -> Option<(NodeId, egui::Pos2)> {
    let id = (*dragging)?;
    if !ui.input(|i| i.pointer.any_released()) {
        ui.ctx().request_repaint();
        return None;
    }
    *dragging = None;
    ui.input(|i| i.pointer.interact_pos()).map(|p| (id, p))
}
