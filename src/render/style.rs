//! Colours and strokes. Kinds are told apart by hue, edges by hue and dash,
//! so the map still reads in a greyscale printout.

use super::View;
use crate::model::{EdgeKind, NodeKind};
use egui::{Color32, Painter, pos2};

pub const SELECTION: Color32 = Color32::from_rgb(37, 99, 235);
/// Traced nodes a node rests on.
pub const TRACE_UP: Color32 = Color32::from_rgb(217, 119, 6);
/// Traced nodes that rest on it.
pub const TRACE_DOWN: Color32 = Color32::from_rgb(8, 145, 178);
pub const CYCLE: Color32 = Color32::from_rgb(234, 88, 12);
pub const WARNING: Color32 = Color32::from_rgb(200, 30, 30);

/// Light for the screen and for slides; dark for dark decks and rooms
/// with dimmed lights. Kind and edge hues are shared, so a map reads the
/// same in both.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

/// The colours that change with the theme.
pub struct Palette {
    pub canvas: Color32,
    pub grid_dot: Color32,
    pub text: Color32,
    pub muted: Color32,
    /// What card fills are tinted from.
    pub paper: Color32,
    pub bar_track: Color32,
    pub shadow: Color32,
    /// `depends_on`, the edge that must stand out most.
    pub strong_edge: Color32,
}

const LIGHT: Palette = Palette {
    canvas: Color32::from_rgb(248, 249, 251),
    grid_dot: Color32::from_rgb(214, 218, 226),
    text: Color32::from_rgb(17, 24, 39),
    muted: Color32::from_rgb(100, 109, 125),
    paper: Color32::WHITE,
    bar_track: Color32::from_gray(225),
    shadow: Color32::from_black_alpha(22),
    strong_edge: Color32::from_rgb(40, 48, 66),
};

const DARK: Palette = Palette {
    canvas: Color32::from_rgb(24, 27, 33),
    grid_dot: Color32::from_rgb(52, 58, 70),
    text: Color32::from_rgb(236, 239, 244),
    muted: Color32::from_rgb(160, 168, 182),
    paper: Color32::from_rgb(36, 40, 48),
    bar_track: Color32::from_gray(70),
    shadow: Color32::from_black_alpha(70),
    strong_edge: Color32::from_rgb(205, 212, 224),
};

impl Theme {
    pub fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }
}

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
pub fn edge_style(kind: EdgeKind, palette: &Palette) -> (Color32, f32, Option<(f32, f32)>) {
    match kind {
        EdgeKind::Supports => (Color32::from_rgb(110, 122, 140), 1.8, None),
        EdgeKind::DependsOn => (palette.strong_edge, 2.4, None),
        EdgeKind::Contradicts => (Color32::from_rgb(220, 38, 38), 2.2, Some((9.0, 6.0))),
        EdgeKind::Tests => (Color32::from_rgb(139, 52, 220), 1.8, Some((3.0, 4.0))),
        EdgeKind::Measures => (Color32::from_rgb(13, 140, 128), 1.6, None),
    }
}

/// `paper` with `amount` of `c` mixed in, for card fills.
pub fn tint(paper: Color32, c: Color32, amount: f32) -> Color32 {
    let mix = |p: u8, a: u8| (p as f32 + (a as f32 - p as f32) * amount).round() as u8;
    Color32::from_rgb(
        mix(paper.r(), c.r()),
        mix(paper.g(), c.g()),
        mix(paper.b(), c.b()),
    )
}

/// The board's fill, then a dot grid that helps the eye judge distance;
/// the grid is hidden when zoomed far out, where it would be noise.
pub fn paint_background(painter: &Painter, view: &View) {
    if let Some(fill) = view.background {
        painter.rect_filled(view.rect, 0.0, fill);
    }
    let zoom = view.camera.zoom;
    if !view.grid || zoom < 0.45 {
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
            painter.circle_filled(pos2(p.x, p.y), radius, view.palette.grid_dot);
            y += step;
        }
        x += step;
    }
}

/// A card fill as `#rrggbb`, for text formats (DOT, Mermaid) that carry
/// the canvas colours.
pub fn tint_hex(c: Color32, amount: f32) -> String {
    let t = tint(Color32::WHITE, c, amount);
    format!("#{:02x}{:02x}{:02x}", t.r(), t.g(), t.b())
}
