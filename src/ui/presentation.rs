//! Presentation mode (F5): the map alone, full screen, with everything
//! larger, a spotlight that walks the map card by card, and a countdown
//! timer for timeboxed exercises.
//!
//! It reads the document and never changes it: the camera, board tab and
//! interface scale it touches are put back on Esc, and the selection is
//! left alone, so leaving is exactly returning to where the facilitator was.

use super::app::CredenceApp;
use super::boards::Board;
use crate::analysis::walk::spotlight_order;
use crate::edit::Selection;
use crate::model::NodeId;
use crate::render::{self, Camera, View, card_rect};
use egui::{Align2, Color32, FontId, Id, Key, RichText, Sense, Ui, WidgetInfo, vec2};

/// How much larger text and lines are than while editing, so they read
/// from the back of a room.
pub const PRESENTATION_SCALE: f32 = 1.4;
const DEFAULT_MINUTES: f64 = 5.0;

pub struct Presentation {
    /// The cards the spotlight visits, in order.
    pub order: Vec<NodeId>,
    pub index: usize,
    /// Showing the room's join slide instead of the map (J toggles it).
    pub join_slide: bool,
    pub timer: Timer,
    saved_camera: Camera,
    saved_board: Board,
    saved_zoom_factor: f32,
    was_fullscreen: bool,
}

impl Presentation {
    pub fn spotlit(&self) -> Option<NodeId> {
        self.order.get(self.index).copied()
    }
}

/// A countdown measured on egui's clock, so tests can drive it.
pub struct Timer {
    pub length: f64,
    left: f64,
    started: Option<f64>,
}

impl Default for Timer {
    fn default() -> Self {
        Self {
            length: DEFAULT_MINUTES * 60.0,
            left: DEFAULT_MINUTES * 60.0,
            started: None,
        }
    }
}

impl Timer {
    pub fn running(&self) -> bool {
        self.started.is_some()
    }

    /// Seconds left at `now`; negative once time is up.
    pub fn remaining(&self, now: f64) -> f64 {
        match self.started {
            Some(t) => self.left - (now - t),
            None => self.left,
        }
    }

    pub fn start(&mut self, now: f64) {
        if self.started.is_none() {
            if self.left <= 0.0 {
                self.left = self.length;
            }
            self.started = Some(now);
        }
    }

    pub fn pause(&mut self, now: f64) {
        self.left = self.remaining(now);
        self.started = None;
    }

    pub fn add_minute(&mut self, now: f64) {
        self.left = self.remaining(now).max(0.0) + 60.0;
        if self.started.is_some() {
            self.started = Some(now);
        }
    }

    pub fn reset(&mut self) {
        self.left = self.length;
        self.started = None;
    }

    /// `04:59`, or `-00:12` past the end.
    pub fn text(&self, now: f64) -> String {
        let left = self.remaining(now);
        let secs = left.abs().ceil() as u64;
        let sign = if left < -0.5 { "-" } else { "" };
        format!("{sign}{:02}:{:02}", secs / 60, secs % 60)
    }
}

impl CredenceApp {
    /// F5: full screen, chrome hidden, spotlight on the first card of the
    /// saved path, or of the map's own order when there is no path.
    pub fn start_presentation(&mut self, ctx: &egui::Context) {
        if self.presentation.is_some() {
            return;
        }
        let path: Vec<NodeId> = self
            .open
            .doc()
            .workshop
            .path
            .iter()
            .copied()
            .filter(|id| self.open.doc().node(*id).is_some())
            .collect();
        let order = if path.is_empty() {
            spotlight_order(self.open.doc())
        } else {
            path
        };
        let saved_zoom_factor = ctx.zoom_factor();
        let was_fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        self.doc_ui.map.cancel_edit();
        self.presentation = Some(Presentation {
            order,
            index: 0,
            // With a room open, the room joins before anything is shown.
            join_slide: self.room.is_some(),
            timer: Timer::default(),
            saved_camera: self.camera,
            saved_board: self.doc_ui.board,
            saved_zoom_factor,
            was_fullscreen,
        });
        self.doc_ui.board = Board::Map;
        ctx.set_zoom_factor(saved_zoom_factor * PRESENTATION_SCALE);
        if !was_fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        }
    }

    /// Esc: back to editing exactly as before.
    pub fn stop_presentation(&mut self, ctx: &egui::Context) {
        let Some(p) = self.presentation.take() else {
            return;
        };
        self.camera = p.saved_camera;
        self.doc_ui.board = p.saved_board;
        ctx.set_zoom_factor(p.saved_zoom_factor);
        if !p.was_fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        }
    }

    /// Moves the spotlight by `step` cards, staying within the walk.
    pub fn step_spotlight(&mut self, step: isize) {
        if let Some(p) = &mut self.presentation
            && !p.order.is_empty()
        {
            p.index = p.index.saturating_add_signed(step).min(p.order.len() - 1);
        }
    }
}

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let (back, next, first, last, leave, join) = ctx.input_mut(|i| {
        let mut any = |keys: &[Key]| {
            keys.iter()
                .any(|k| i.consume_key(egui::Modifiers::NONE, *k))
        };
        (
            any(&[Key::ArrowLeft, Key::ArrowUp, Key::PageUp, Key::Backspace]),
            any(&[
                Key::ArrowRight,
                Key::ArrowDown,
                Key::PageDown,
                Key::Space,
                Key::Enter,
            ]),
            any(&[Key::Home]),
            any(&[Key::End]),
            any(&[Key::Escape, Key::F5]),
            any(&[Key::J]),
        )
    });
    if leave {
        app.stop_presentation(&ctx);
        return;
    }
    if join
        && app.room.is_some()
        && let Some(p) = &mut app.presentation
    {
        p.join_slide = !p.join_slide;
    }
    if app.room.is_none()
        && let Some(p) = &mut app.presentation
    {
        p.join_slide = false;
    }
    if app.presentation.as_ref().is_some_and(|p| p.join_slide) {
        if next || back || first || last {
            // Moving on from the join slide starts the walk where it was.
            if let Some(p) = &mut app.presentation {
                p.join_slide = false;
            }
        } else {
            super::join_slide::show(app, ui);
            return;
        }
    }
    if back {
        app.step_spotlight(-1);
    }
    if next {
        app.step_spotlight(1);
    }
    if first {
        app.step_spotlight(isize::MIN);
    }
    if last {
        app.step_spotlight(isize::MAX);
    }

    let palette = render::Theme::Light.palette();
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE.fill(palette.canvas))
        .show(ui, |ui| {
            let rect = ui.max_rect();
            app.doc_ui.map.rect = rect;
            let background = ui.interact(rect, Id::unique("presentation"), Sense::click());
            background
                .widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, "Presentation"));
            glide_camera(app, ui, rect);
            let none = Selection::default();
            let spot = app.presentation.as_ref().and_then(Presentation::spotlit);
            // A click on a card spotlights it; a click elsewhere moves on.
            let mut clicked = None;
            for (i, node) in app.open.doc().nodes.iter().enumerate() {
                let r = card_rect(node, &View::new(app.camera, rect, &none));
                if !rect.intersects(r) {
                    continue;
                }
                let response = ui.interact(
                    r.intersect(rect),
                    Id::unique(("present", i)),
                    Sense::click(),
                );
                response.widget_info(|| super::map::card_info(node));
                if response.clicked() {
                    clicked = Some(node.id);
                }
            }
            if let (Some(id), Some(p)) = (clicked, &mut app.presentation) {
                match p.order.iter().position(|o| *o == id) {
                    Some(i) => p.index = i,
                    None => {
                        p.order.insert(p.index + 1, id);
                        p.index += 1;
                    }
                }
            } else if background.clicked() {
                app.step_spotlight(1);
            }
            let view = View {
                spotlight: spot,
                grid: false,
                ..View::new(app.camera, rect, &none)
            };
            render::paint_board(&ui.painter_at(rect), app.open.doc(), &view);
            overlay(app, ui, rect);
        });
}

/// Eases the camera onto the spotlit card, framed large with room for its
/// neighbours.
fn glide_camera(app: &mut CredenceApp, ui: &Ui, rect: egui::Rect) {
    let Some(node) = app
        .presentation
        .as_ref()
        .and_then(Presentation::spotlit)
        .and_then(|id| app.open.doc().node(id))
    else {
        return;
    };
    let target_zoom = (rect.width() * 0.4 / node.size.w)
        .min(rect.height() * 0.4 / node.size.h)
        .clamp(0.5, 3.0);
    let target = node.center();
    let dt = ui.input(|i| i.stable_dt).min(0.1);
    let t = 1.0 - (-dt * 10.0).exp();
    let c = &mut app.camera;
    c.center.x += (target.x - c.center.x) * t;
    c.center.y += (target.y - c.center.y) * t;
    c.zoom += (target_zoom - c.zoom) * t;
    let far = (target.x - c.center.x).abs() + (target.y - c.center.y).abs() > 0.5
        || (target_zoom - c.zoom).abs() > 0.002;
    if far {
        ui.ctx().request_repaint();
    } else {
        c.center = target;
        c.zoom = target_zoom;
    }
}

fn overlay(app: &mut CredenceApp, ui: &mut Ui, rect: egui::Rect) {
    let Some(p) = &mut app.presentation else {
        return;
    };
    let now = ui.input(|i| i.time);
    let painter = ui.painter_at(rect);
    let step = if p.order.is_empty() {
        "No cards to show".to_string()
    } else {
        format!("{} / {}", p.index + 1, p.order.len())
    };
    painter.text(
        rect.left_bottom() + vec2(16.0, -12.0),
        Align2::LEFT_BOTTOM,
        if app.room.is_some() {
            format!(
                "{step}  ·  arrow keys or click to move  ·  J for the join slide  ·  Esc to leave"
            )
        } else {
            format!("{step}  ·  arrow keys or click to move  ·  Esc to leave")
        },
        FontId::proportional(14.0),
        Color32::from_gray(110),
    );

    let left = p.timer.remaining(now);
    let up = left <= 0.0;
    egui::Area::new(Id::unique("presentation-timer"))
        .anchor(Align2::RIGHT_TOP, vec2(-16.0, 16.0))
        .show(ui.ctx(), |ui| {
            // The time-up cue is a slow amber pulse: visible to the room,
            // never a jolt.
            let fill = if up {
                let pulse = ((now * 2.0).sin() * 0.5 + 0.5) as f32;
                Color32::from_rgb(255, 236, 179)
                    .lerp_to_gamma(Color32::from_rgb(251, 191, 36), pulse)
            } else {
                Color32::from_white_alpha(235)
            };
            egui::Frame::new()
                .fill(fill)
                .corner_radius(12.0)
                .inner_margin(12.0)
                .stroke(egui::Stroke::new(1.0, Color32::from_gray(200)))
                .show(ui, |ui| {
                    let text = if up && p.timer.running() {
                        "Time's up".to_string()
                    } else {
                        p.timer.text(now)
                    };
                    let label = ui.add(
                        egui::Label::new(RichText::new(&text).size(44.0).monospace().strong())
                            .extend(),
                    );
                    label.widget_info(|| {
                        WidgetInfo::labeled(egui::Role::Label, true, format!("Timer {text}"))
                    });
                    ui.horizontal(|ui| {
                        let (go, tip) = if p.timer.running() {
                            ("Pause", "Pause the countdown")
                        } else {
                            ("Start", "Start the countdown")
                        };
                        if ui.button(go).on_hover_text(tip).clicked() {
                            if p.timer.running() {
                                p.timer.pause(now);
                            } else {
                                p.timer.start(now);
                            }
                        }
                        if ui.button("+1 min").on_hover_text("Add a minute").clicked() {
                            p.timer.add_minute(now);
                        }
                        if ui
                            .button("Reset")
                            .on_hover_text("Back to the full length, stopped")
                            .clicked()
                        {
                            p.timer.reset();
                        }
                        let mut minutes = ((p.timer.length / 60.0).round() as u32).max(1);
                        if ui
                            .add(
                                egui::DragValue::new(&mut minutes)
                                    .range(1..=120)
                                    .suffix(" min"),
                            )
                            .on_hover_text("Length of the timebox")
                            .changed()
                        {
                            p.timer.length = f64::from(minutes) * 60.0;
                            if !p.timer.running() {
                                p.timer.reset();
                            }
                        }
                    });
                });
        });
    if p.timer.running() {
        // Once a second is enough for the digits; the pulse wants more.
        let every = if up { 0.05 } else { 0.25 };
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs_f32(every));
    }
}

#[cfg(test)]
mod tests {
    use super::Timer;

    #[test]
    fn the_timer_counts_down_pauses_and_runs_over() {
        let mut t = Timer::default();
        assert_eq!(t.text(0.0), "05:00");
        t.start(10.0);
        assert_eq!(t.text(10.5), "05:00", "a started second still shows");
        assert_eq!(t.text(11.0), "04:59");
        t.pause(70.0);
        assert_eq!(t.text(500.0), "04:00", "paused time stands still");
        t.add_minute(500.0);
        assert_eq!(t.text(500.0), "05:00");
        t.start(600.0);
        assert_eq!(t.text(899.5), "00:01");
        assert!(t.remaining(901.0) < 0.0);
        assert_eq!(t.text(901.0), "-00:01");
        // +1 min after the end restarts a minute from now.
        t.add_minute(901.0);
        assert_eq!(t.text(901.0), "01:00");
        t.reset();
        assert!(!t.running());
        assert_eq!(t.text(2000.0), "05:00");
    }
}
