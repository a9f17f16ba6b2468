//! Colours and strokes. Kinds are told apart by hue, edges by hue and dash,
//! so the map still reads in a greyscale printout.

use super::View;
use crate::model::{EdgeKind, NodeKind};
use egui::{Color32, Painter, pos2};

pub const CANVAS_BG: Color32 = Color32::from_rgb(248, 249, 251);
pub const GRID_DOT: Color32 = Color32::from_rgb(214, 218, 226);
pub const SELECTION: Color32 = Color32::from_rgb(37, 99, 235);
pub const TEXT: Color32 = Color32::from_rgb(17, 24, 39);
pub const MUTED: Color32 = Color32::from_rgb(100, 109, 125);
/// Traced nodes a node rests on.
pub const TRACE_UP: Color32 = Color32::from_rgb(217, 119, 6);
/// Traced nodes that rest on it.
pub const TRACE_DOWN: Color32 = Color32::from_rgb(8, 145, 178);
pub const CYCLE: Color32 = Color32::from_rgb(234, 88, 12);
pub const WARNING: Color32 = Color32::from_rgb(200, 30, 30);

pub fn kind_colour(kind: NodeKind) -> Color32 {
    match kind {
        NodeKind::Outcome => Color32::from_rgb(180, 130, 10),
        NodeKind::Belief => Color32::from_rgb(37, 99, 235),
        NodeKind::Assumption => Color32::from_rgb(217, 88, 12),
        NodeKind::Bet => Color32::from_rgb(139, 52, 220),
        NodeKind::Metric => Color32::from_rgb(13, 140, 128),
        NodeKind::Evidence => Color32::from_rgb(22, 150, 70),
        NodeKind::Question => Color32::from_rgb(205, 40, 115),
    }
}

/// Colour, width in board units, and dash (dash, gap) if dashed.
pub fn edge_style(kind: EdgeKind) -> (Color32, f32, Option<(f32, f32)>) {
    match kind {
        EdgeKind::Supports => (Color32::from_rgb(110, 122, 140), 1.8, None),
        EdgeKind::DependsOn => (Color32::from_rgb(40, 48, 66), 2.4, None),
        EdgeKind::Contradicts => (Color32::from_rgb(220, 38, 38), 2.2, Some((9.0, 6.0))),
        EdgeKind::Tests => (Color32::from_rgb(139, 52, 220), 1.8, Some((3.0, 4.0))),
        EdgeKind::Measures => (Color32::from_rgb(13, 140, 128), 1.6, None),
    }
}

/// A light tint of `c` for card fills.
pub fn tint(c: Color32, amount: f32) -> Color32 {
    let mix = |a: u8| (255.0 + (a as f32 - 255.0) * amount).round() as u8;
    Color32::from_rgb(mix(c.r()), mix(c.g()), mix(c.b()))
}

/// A dot grid that helps the eye judge distance; hidden when zoomed far out,
/// where it would be noise.
pub fn paint_background(painter: &Painter, view: &View) {
    painter.rect_filled(view.rect, 0.0, CANVAS_BG);
    let zoom = view.camera.zoom;
    if zoom < 0.45 {
        return;
    }
    let step = 40.0;
    let top_left = view.camera.to_board(view.rect, view.rect.min);
    let bottom_right = view.camera.to_board(view.rect, view.rect.max);
    let radius = (1.2 * zoom).clamp(0.8, 2.0);
    let mut x = (top_left.x / step).floor() * step;
    while x <= bottom_right.x {
        let mut y = (top_left.y / step).floor() * step;
        while y <= bottom_right.y {
            let p = view
                .camera
                .to_screen(view.rect, crate::model::Point::new(x, y));
            painter.circle_filled(pos2(p.x, p.y), radius, GRID_DOT);
            y += step;
        }
        x += step;
    }
}
