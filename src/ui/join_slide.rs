//! Presentation mode's join slide: the room's QR code filling half the
//! screen, so the back row can scan it, with the address and code beside
//! it for anyone whose camera will not.

use super::app::CredenceApp;
use egui::{Color32, RichText, Ui, WidgetInfo, vec2};

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    let Some(open) = &app.room else {
        return;
    };
    let joined = open.room.held().len();
    let people = app.open.doc().workshop.participants.len();
    egui::CentralPanel::default()
        .frame(egui::Frame::NONE.fill(Color32::WHITE))
        .show(ui, |ui| {
            let rect = ui.max_rect();
            ui.interact(rect, egui::Id::unique("join-slide"), egui::Sense::hover())
                .widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, "Join slide"));
            // Half the screen: the larger of half the width and the height
            // that fits, less a margin.
            let side = (rect.width() / 2.0).min(rect.height()) - 48.0;
            let qr_rect = egui::Rect::from_center_size(
                egui::pos2(rect.left() + rect.width() / 4.0, rect.center().y),
                vec2(side, side),
            );
            let mut left = ui.new_child(egui::UiBuilder::new().max_rect(qr_rect));
            super::room_panel::paint_qr(&mut left, open, side);
            let text_rect = egui::Rect::from_min_max(
                egui::pos2(rect.center().x + 24.0, rect.top() + 48.0),
                egui::pos2(rect.right() - 48.0, rect.bottom() - 48.0),
            );
            let mut right = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(text_rect)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            right.add_space((text_rect.height() / 2.0 - 180.0).max(0.0));
            let ink = Color32::from_gray(20);
            right.label(
                RichText::new("Join from your phone")
                    .size(44.0)
                    .strong()
                    .color(ink),
            );
            right.add_space(16.0);
            right.label(
                RichText::new("Scan the code, or open this address on the same network:")
                    .size(22.0)
                    .color(Color32::from_gray(90)),
            );
            right.add_space(8.0);
            right.add(
                egui::Label::new(RichText::new(&open.url).size(26.0).monospace().color(ink)).wrap(),
            );
            right.add_space(24.0);
            right.label(
                RichText::new(format!("Room code  {}", open.room.code()))
                    .size(40.0)
                    .monospace()
                    .strong()
                    .color(ink),
            );
            right.add_space(24.0);
            let count = match joined {
                1 => "1 phone has joined".to_owned(),
                n => format!("{n} phones have joined"),
            };
            right.label(
                RichText::new(format!("{count}  ·  {people} on the list"))
                    .size(22.0)
                    .color(Color32::from_rgb(13, 148, 136)),
            );
            ui.painter().text(
                rect.left_bottom() + vec2(16.0, -12.0),
                egui::Align2::LEFT_BOTTOM,
                "J or an arrow key for the map  ·  Esc to leave",
                egui::FontId::proportional(14.0),
                Color32::from_gray(110),
            );
        });
    // Joins arrive from phones while nobody touches the mouse.
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(500));
}
