//! The assumption map (David Bland's 2×2): every assumption placed by
//! importance (up) and evidence (right is less known). It is a view of the
//! document, not a copy: dragging a card sets the node's importance and
//! evidence in one undoable step, and the belief map shows it at once.

use super::app::CredenceApp;
use super::quadrant::{AXIS, BACKGROUND, HOT_FILL, dropped, paint_card, paint_quadrant};
use crate::analysis::backlog::IMPORTANT_FROM;
use crate::edit::Command;
use crate::model::{EvidenceStrength, NodeId, NodeKind};
use egui::{Align2, Color32, FontId, Id, Pos2, Rect, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};

/// Evidence columns, left to right: known to unknown.
const COLUMNS: [EvidenceStrength; 4] = [
    EvidenceStrength::Strong,
    EvidenceStrength::Moderate,
    EvidenceStrength::Weak,
    EvidenceStrength::None,
];
const CARD_W: f32 = 180.0;
const CARD_H: f32 = 54.0;

#[derive(Default)]
pub struct AssumptionMapState {
    pub include_beliefs: bool,
    dragging: Option<NodeId>,
}

fn column_of(e: EvidenceStrength) -> usize {
    COLUMNS.iter().position(|c| *c == e).unwrap_or(3)
}

/// The cell for importance `i` (1–5) and evidence column `c`.
fn cell(area: Rect, importance: u8, column: usize) -> Rect {
    let (cw, rh) = (area.width() / 4.0, area.height() / 5.0);
    let row = 5 - importance.clamp(1, 5) as usize;
    Rect::from_min_size(
        area.min + vec2(column as f32 * cw, row as f32 * rh),
        vec2(cw, rh),
    )
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
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, BACKGROUND);
    let area = Rect::from_min_max(rect.min + vec2(70.0, 44.0), rect.max - vec2(20.0, 50.0));

    // Quadrants, the leap-of-faith corner highlighted.
    let split_x = area.left() + area.width() / 2.0;
    let split_y = cell(area, IMPORTANT_FROM, 0).bottom();
    let quadrants = [
        (
            Rect::from_min_max(area.min, pos2(split_x, split_y)),
            "Important, with evidence: plan around it",
            Color32::from_rgb(236, 246, 240),
        ),
        (
            Rect::from_min_max(pos2(split_x, area.top()), pos2(area.right(), split_y)),
            "Leap of faith: important, little evidence. Test these first",
            HOT_FILL,
        ),
        (
            Rect::from_min_max(pos2(area.left(), split_y), pos2(split_x, area.bottom())),
            "Less important, known",
            Color32::from_rgb(242, 244, 247),
        ),
        (
            Rect::from_min_max(pos2(split_x, split_y), area.max),
            "Less important, unknown: keep an eye on them",
            Color32::from_rgb(246, 243, 236),
        ),
    ];
    for (i, (q, caption, fill)) in quadrants.iter().enumerate() {
        paint_quadrant(&painter, *q, caption, *fill, i == 1);
    }
    let axis = AXIS;
    painter.line_segment(
        [pos2(split_x, area.top()), pos2(split_x, area.bottom())],
        Stroke::new(1.5, axis),
    );
    painter.line_segment(
        [pos2(area.left(), split_y), pos2(area.right(), split_y)],
        Stroke::new(1.5, axis),
    );
    for (i, e) in COLUMNS.iter().enumerate() {
        let c = cell(area, 1, i);
        painter.text(
            pos2(c.center().x, area.bottom() + 8.0),
            Align2::CENTER_TOP,
            format!("{} evidence", e.label()),
            FontId::proportional(12.0),
            axis,
        );
    }
    painter.text(
        pos2(area.center().x, area.bottom() + 28.0),
        Align2::CENTER_TOP,
        "Evidence: known on the left, unknown on the right",
        FontId::proportional(12.0),
        axis,
    );
    for importance in 1..=5u8 {
        let c = cell(area, importance, 0);
        painter.text(
            pos2(area.left() - 8.0, c.center().y),
            Align2::RIGHT_CENTER,
            format!("{importance}"),
            FontId::proportional(13.0),
            axis,
        );
    }
    painter.text(
        pos2(rect.left() + 12.0, area.top() - 30.0),
        Align2::LEFT_TOP,
        "Importance (5 = critical)",
        FontId::proportional(12.0),
        axis,
    );
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

    // Cards, stacked within their cell.
    let kinds: &[NodeKind] = if app.doc_ui.assumption_map.include_beliefs {
        &[NodeKind::Assumption, NodeKind::Belief]
    } else {
        &[NodeKind::Assumption]
    };
    let mut per_cell: std::collections::HashMap<(u8, usize), usize> = Default::default();
    let placed: Vec<(NodeId, Rect)> = app
        .open
        .doc()
        .nodes
        .iter()
        .filter(|n| kinds.contains(&n.kind))
        .map(|n| {
            let column = column_of(n.evidence);
            let c = cell(area, n.importance, column);
            let k = per_cell.entry((n.importance, column)).or_default();
            let slot = *k;
            *k += 1;
            let w = CARD_W.min(c.width() - 12.0);
            // Cards stack down the cell; past its height they cascade.
            let fit = (((c.height() - 22.0) / (CARD_H + 4.0)).floor() as usize).max(1);
            let (row, layer) = (slot % fit, slot / fit);
            let min = c.min
                + vec2(
                    6.0 + layer as f32 * 12.0,
                    22.0 + row as f32 * (CARD_H + 4.0) + layer as f32 * 24.0,
                );
            (n.id, Rect::from_min_size(min, vec2(w, CARD_H)))
        })
        .collect();
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let dragging = app.doc_ui.assumption_map.dragging;
    for (id, r) in &placed {
        let Some(node) = app.open.doc().node(*id) else {
            continue;
        };
        let response = ui.interact(
            *r,
            Id::unique(("assumption-card", id.0)),
            Sense::click_and_drag(),
        );
        let label = format!("{}: {}", node.kind.label(), node.title);
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let shown = match (dragging, pointer) {
            (Some(d), Some(p)) if d == *id => Rect::from_center_size(p, r.size()),
            _ => *r,
        };
        paint_card(
            ui,
            node,
            &format!("{} · {}%", node.kind.label(), node.confidence),
            shown,
            app.doc_ui.selection.nodes.contains(id),
            dragging == Some(*id),
        );
        let response = response.on_hover_text(format!(
            "{}\nImportance {}, {} evidence. Drag to change both.",
            node.title,
            node.importance,
            node.evidence.label().to_lowercase()
        ));
        if response.clicked() {
            app.doc_ui.selection.only_node(*id);
        }
        if response.drag_started() {
            app.doc_ui.assumption_map.dragging = Some(*id);
            app.doc_ui.selection.only_node(*id);
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
        let c = cell(area, 4, 2);
        assert_eq!(value_at(area, c.center()), (4, EvidenceStrength::Weak));
    }
}
