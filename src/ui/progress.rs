//! The progress window shared by every piece of work that runs off the UI
//! thread (export, opening a big file, laying out a big map).

use egui::ProgressBar;
use std::time::{Duration, Instant};

/// Quick work finishes without a progress window flashing up.
const SHOW_AFTER: Duration = Duration::from_millis(500);

/// Keeps frames coming while work runs, and once it has run for half a
/// second shows `label` with a bar (`fraction`) or, when how far it is is
/// unknown, a spinner. With `cancellable`, the window has a Cancel button
/// (Esc too); returns whether it was pressed.
pub fn show(
    ctx: &egui::Context,
    started: Instant,
    title: &str,
    label: &str,
    fraction: Option<f32>,
    cancellable: bool,
) -> bool {
    ctx.request_repaint_after(Duration::from_millis(50));
    if started.elapsed() < SHOW_AFTER {
        return false;
    }
    let mut cancel = false;
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            match fraction {
                Some(fraction) => {
                    ui.label(label);
                    ui.add(
                        ProgressBar::new(fraction)
                            .show_percentage()
                            .desired_width(280.0),
                    );
                }
                None => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(label);
                    });
                }
            }
            if cancellable {
                cancel = ui
                    .button("Cancel")
                    .on_hover_text("Stop; nothing is written (Esc)")
                    .clicked()
                    || ui.input(|i| i.key_pressed(egui::Key::Escape));
            }
        });
    cancel
}
