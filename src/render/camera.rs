//! Our own pan/zoom camera. `egui::Scene` scales a rendered layer, which
//! blurs text when zoomed in; laying text out at `size * zoom` does not.

use crate::model::Point;
use egui::{Pos2, Rect, Vec2, pos2};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Camera {
    /// The board point shown at the centre of the canvas.
    pub center: Point,
    pub zoom: f32,
}

impl Default for Camera {
    fn default() -> Self {
        Self {
            center: Point::new(0.0, 0.0),
            zoom: 1.0,
        }
    }
}

impl Camera {
    pub const MIN_ZOOM: f32 = 0.1;
    pub const MAX_ZOOM: f32 = 4.0;

    pub fn to_screen(&self, rect: Rect, p: Point) -> Pos2 {
        let c = rect.center();
        pos2(
            c.x + (p.x - self.center.x) * self.zoom,
            c.y + (p.y - self.center.y) * self.zoom,
        )
    }

    pub fn to_board(&self, rect: Rect, p: Pos2) -> Point {
        let c = rect.center();
        Point::new(
            self.center.x + (p.x - c.x) / self.zoom,
            self.center.y + (p.y - c.y) / self.zoom,
        )
    }

    /// Moves the board with the pointer by a screen delta.
    pub fn pan(&mut self, screen_delta: Vec2) {
        self.center.x -= screen_delta.x / self.zoom;
        self.center.y -= screen_delta.y / self.zoom;
    }

    /// Zooms by `factor`, keeping the board point under `anchor` still.
    pub fn zoom_around(&mut self, rect: Rect, anchor: Pos2, factor: f32) {
        let fixed = self.to_board(rect, anchor);
        self.zoom = (self.zoom * factor).clamp(Self::MIN_ZOOM, Self::MAX_ZOOM);
        let c = rect.center();
        self.center = Point::new(
            fixed.x - (anchor.x - c.x) / self.zoom,
            fixed.y - (anchor.y - c.y) / self.zoom,
        );
    }

    /// Frames `content` (board units) in `rect` with a margin, never past 100%
    /// so a small map does not blow up to poster size.
    pub fn fit(&mut self, rect: Rect, content: Rect) {
        let margin = 40.0;
        let avail = (rect.size() - Vec2::splat(2.0 * margin)).max(Vec2::splat(1.0));
        let size = content.size().max(Vec2::splat(1.0));
        self.zoom = (avail.x / size.x)
            .min(avail.y / size.y)
            .clamp(Self::MIN_ZOOM, 1.0);
        self.center = Point::new(content.center().x, content.center().y);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zoom_keeps_anchor_still() {
        let rect = Rect::from_min_size(pos2(10.0, 20.0), Vec2::new(800.0, 600.0));
        let mut cam = Camera::default();
        let anchor = pos2(100.0, 500.0);
        let before = cam.to_board(rect, anchor);
        cam.zoom_around(rect, anchor, 2.5);
        let after = cam.to_board(rect, anchor);
        assert!((before.x - after.x).abs() < 1e-3 && (before.y - after.y).abs() < 1e-3);
        assert_eq!(cam.zoom, 2.5);
    }

    #[test]
    fn screen_and_board_are_inverse() {
        let rect = Rect::from_min_size(pos2(0.0, 0.0), Vec2::new(640.0, 480.0));
        let cam = Camera {
            center: Point::new(37.0, -12.0),
            zoom: 0.4,
        };
        let p = Point::new(123.0, 456.0);
        let back = cam.to_board(rect, cam.to_screen(rect, p));
        assert!((back.x - p.x).abs() < 1e-3 && (back.y - p.y).abs() < 1e-3);
    }
}
