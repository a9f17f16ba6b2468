//! Drawing shared by the 2×2 boards (assumption map, belief map, value ×
//! certainty): the small cards and the quadrant backgrounds, so the three
//! views read as one family.

use crate::model::{Node, NodeId};
use crate::render::kind_colour;
use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Painter, Rect, Stroke, StrokeKind, Ui, pos2, vec2,
};

/// The 2×2 boards' background, behind the quadrants.
pub const BACKGROUND: Color32 = Color32::from_rgb(248, 249, 251);
pub const AXIS: Color32 = Color32::from_rgb(90, 98, 112);
/// The corner each board asks the team to act on first.
pub const HOT_FILL: Color32 = Color32::from_rgb(254, 232, 222);
pub const HOT_TEXT: Color32 = Color32::from_rgb(194, 65, 12);
pub const HOT_STROKE: Color32 = Color32::from_rgb(234, 88, 12);

/// Fills one quadrant and writes its caption in its top-left corner; the
/// highlighted one gets a stronger caption and an outline.
pub fn paint_quadrant(painter: &Painter, q: Rect, caption: &str, fill: Color32, hot: bool) {
    painter.rect_filled(q, 0.0, fill);
    let (colour, size) = if hot {
        (HOT_TEXT, 14.0)
    } else {
        (Color32::from_rgb(110, 118, 132), 12.5)
    };
    let mut job = egui::text::LayoutJob::simple(
        caption.to_string(),
        FontId::proportional(size),
        colour,
        (q.width() - 16.0).max(40.0),
    );
    job.wrap.max_rows = 2;
    let galley = painter.layout_job(job);
    painter.galley(q.left_top() + vec2(8.0, 6.0), galley, colour);
    if hot {
        painter.rect_stroke(q, 0.0, Stroke::new(2.0, HOT_STROKE), StrokeKind::Inside);
    }
}

/// A card on a 2×2: title (two lines at most) and a footer line. A lifted
/// card is drawn above everything while it is dragged.
pub fn paint_card(ui: &Ui, node: &Node, footer: &str, r: Rect, selected: bool, lifted: bool) {
    let painter = if lifted {
        ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            Id::unique("quadrant-drag"),
        ))
    } else {
        ui.painter().clone()
    };
    let accent = kind_colour(node.kind);
    painter.rect_filled(
        r.translate(vec2(0.0, 2.0)),
        CornerRadius::same(6),
        Color32::from_black_alpha(20),
    );
    painter.rect(
        r,
        CornerRadius::same(6),
        Color32::WHITE,
        Stroke::new(
            if selected { 2.5 } else { 1.2 },
            if selected {
                Color32::from_rgb(37, 99, 235)
            } else {
                accent
            },
        ),
        StrokeKind::Inside,
    );
    let mut job = egui::text::LayoutJob::simple(
        node.title.clone(),
        FontId::proportional(12.5),
        Color32::from_rgb(17, 24, 39),
        r.width() - 12.0,
    );
    job.wrap.max_rows = 2;
    job.wrap.overflow_character = Some('…');
    let galley = painter.layout_job(job);
    painter
        .with_clip_rect(r.shrink(2.0))
        .galley(r.min + vec2(6.0, 4.0), galley, Color32::BLACK);
    painter.with_clip_rect(r.shrink(2.0)).text(
        pos2(r.left() + 6.0, r.bottom() - 4.0),
        Align2::LEFT_BOTTOM,
        footer,
        FontId::proportional(10.0),
        accent,
    );
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
