//! The assumption map (David Bland's 2×2): every assumption placed by
//! importance (up) and evidence (right is less known). It is a view of the
//! document, not a copy: dragging a card sets the node's importance and
//! evidence in one undoable step, and the belief map shows it at once.

use super::app::CredenceApp;
use super::boards::{Board, BoardKind, Tab};
use super::export_dialog::ExportBoard;
use super::quadrant::{card_painter, dropped};
use crate::edit::Command;
use crate::model::{Document, EvidenceStrength, NodeId, NodeKind};
use crate::render::Theme;
use crate::render::quadrants::{self, COLUMNS, QuadrantBoard, QuadrantStyle};
use egui::{Id, Pos2, Rect, Sense, Ui, WidgetInfo, pos2, vec2};

#[derive(Default)]
pub struct AssumptionMapState {
    pub include_beliefs: bool,
    dragging: Option<NodeId>,
}

/// Importance and evidence under a point of the plot.
fn value_at(area: Rect, p: Pos2) -> (u8, EvidenceStrength) {
    let column = (((p.x - area.left()) / (area.width() / 4.0)).floor() as i32).clamp(0, 3) as usize;
    let row = (((p.y - area.top()) / (area.height() / 5.0)).floor() as i32).clamp(0, 4) as u8;
    (5 - row, COLUMNS[column])
}

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    let rect = ui.available_rect_before_wrap();
    ui.advance_cursor_after_rect(rect);
    let board = QuadrantBoard::Assumptions;
    let style = QuadrantStyle::new(Theme::Light.palette());
    let include = app.doc_ui.assumption_map.include_beliefs;
    let layout = quadrants::layout(app.open.doc(), board, rect, include, &Default::default());
    quadrants::paint_frame(&ui.painter_at(rect), &layout, &style, true);
    let area = layout.plot;
    let toggle = Rect::from_min_size(
        pos2(area.right() - 150.0, rect.top() + 8.0),
        vec2(150.0, 24.0),
    );
    ui.put(
        toggle,
        egui::Checkbox::new(
            &mut app.doc_ui.assumption_map.include_beliefs,
            "Include beliefs",
        ),
    )
    .on_hover_text("Also place beliefs on the map");

    let plot = ui.interact(area, Id::unique("assumption-map-plot"), Sense::hover());
    plot.widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, "Assumption map plot"));

    let pointer = ui.input(|i| i.pointer.interact_pos());
    let dragging = app.doc_ui.assumption_map.dragging;
    for placed in &layout.cards {
        let (id, r) = (placed.id, placed.rect);
        let Some(node) = app.open.doc().node(id) else {
            continue;
        };
        let response = ui.interact(
            r,
            Id::unique(("assumption-card", id.0)),
            Sense::click_and_drag(),
        );
        let label = format!("{}: {}", node.kind.label(), node.title);
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let shown = match (dragging, pointer) {
            (Some(d), Some(p)) if d == id => Rect::from_center_size(p, r.size()),
            _ => r,
        };
        quadrants::paint_card(
            &card_painter(ui, dragging == Some(id)),
            node,
            &placed.footer,
            shown,
            app.doc_ui.selection.nodes.contains(&id),
            &style,
        );
        let response = response.on_hover_text(format!(
            "{}\nImportance {}, {} evidence. Drag to change both.",
            node.title,
            node.importance,
            node.evidence.label().to_lowercase()
        ));
        if response.clicked() {
            app.doc_ui.selection.only_node(id);
        }
        if response.drag_started() {
            app.doc_ui.assumption_map.dragging = Some(id);
            app.doc_ui.selection.only_node(id);
        }
    }
    if let Some((id, p)) = dropped(ui, &mut app.doc_ui.assumption_map.dragging)
        && let Some(node) = app.open.doc().node(id)
    {
        let (importance, evidence) = value_at(area, p);
        if (importance, evidence) != (node.importance, node.evidence) {
            let mut changed = node.clone();
            changed.importance = importance;
            changed.evidence = evidence;
            app.apply(Command::UpdateNodes(vec![changed]));
        }
    }
}

/// The assumption map's tab.
pub struct AssumptionBoard;

impl BoardKind for AssumptionBoard {
    fn owns(&self, board: Board) -> bool {
        board == Board::Assumptions
    }

    fn tabs(&self, _doc: &Document) -> Vec<Tab> {
        vec![Tab {
            board: Board::Assumptions,
            title: "Assumption map".into(),
            hint: "Every assumption by importance and evidence; drag to change them",
        }]
    }

    fn show(&self, app: &mut CredenceApp, ui: &mut Ui, _board: Board) {
        show(app, ui);
    }

    fn status(&self, app: &CredenceApp, _board: Board) -> (String, &'static str) {
        let assumptions = app
            .open
            .doc()
            .nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Assumption)
            .count();
        (
            format!("{assumptions} assumptions"),
            "Drag a card to set its importance and evidence · click to edit it",
        )
    }

    fn export(&self, _app: &CredenceApp, _board: Board) -> ExportBoard {
        ExportBoard::Quadrants(QuadrantBoard::Assumptions)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_maps_to_its_cell() {
        let area = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 500.0));
        assert_eq!(
            value_at(area, pos2(10.0, 10.0)),
            (5, EvidenceStrength::Strong)
        );
        assert_eq!(
            value_at(area, pos2(390.0, 490.0)),
            (1, EvidenceStrength::None)
        );
        let c = quadrants::assumption_cell(area, 4, 2);
        assert_eq!(value_at(area, c.center()), (4, EvidenceStrength::Weak));
    }
}
