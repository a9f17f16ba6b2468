//! Non-modal messages: errors stay until dismissed, so a facilitator can
//! read them after the room stops talking; confirmations fade on their own.

use egui::{Color32, RichText};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
    /// `ui.input().time` when shown, for fading out info notices.
    pub shown_at: Option<f64>,
}

impl Notice {
    pub fn error(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Error,
            text: text.into(),
            shown_at: None,
        }
    }

    pub fn info(text: impl Into<String>) -> Self {
        Self {
            kind: NoticeKind::Info,
            text: text.into(),
            shown_at: None,
        }
    }
}

const INFO_SECONDS: f64 = 4.0;

/// Draws the notice as a banner; returns false once it should go away.
pub fn show(ui: &mut egui::Ui, notice: &mut Notice) -> bool {
    let now = ui.input(|i| i.time);
    let shown_at = *notice.shown_at.get_or_insert(now);
    if notice.kind == NoticeKind::Info && now - shown_at > INFO_SECONDS {
        return false;
    }
    if notice.kind == NoticeKind::Info {
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_millis(500));
    }
    let (fill, stroke, icon) = match notice.kind {
        NoticeKind::Error => (
            Color32::from_rgb(254, 226, 226),
            Color32::from_rgb(185, 28, 28),
            "⚠",
        ),
        NoticeKind::Info => (
            Color32::from_rgb(220, 252, 231),
            Color32::from_rgb(21, 128, 61),
            "✔",
        ),
    };
    let mut keep = true;
    egui::Frame::new()
        .fill(fill)
        .stroke(egui::Stroke::new(1.0, stroke))
        .corner_radius(6.0)
        .inner_margin(8.0)
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(icon).color(stroke));
                ui.label(RichText::new(&notice.text).color(Color32::from_rgb(30, 30, 30)));
                if ui.small_button("✖").on_hover_text("Dismiss").clicked() {
                    keep = false;
                }
            });
        });
    keep
}
