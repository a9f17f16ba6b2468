//! The menu bar, the toolbar and the status bar.

use super::app::CredenceApp;
use super::file_ops::Pending;
use super::shortcuts::{self, delete_selection};
use crate::layout::{Flow, Style};
use crate::model::NodeKind;
use crate::render::kind_colour;
use egui::{Button, KeyboardShortcut, RichText, Ui};

fn item(ui: &mut Ui, label: &str, shortcut: Option<&KeyboardShortcut>, enabled: bool) -> bool {
    let mut button = Button::new(label);
    if let Some(s) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(s));
    }
    ui.add_enabled(enabled, button).clicked()
}

pub fn bar(app: &mut CredenceApp, ui: &mut Ui) {
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            if item(ui, "New", Some(&shortcuts::NEW), true) {
                app.request(Pending::New);
            }
            if item(ui, "Open…", Some(&shortcuts::OPEN), true) {
                app.request(Pending::Open(None));
            }
            ui.menu_button("Open Recent", |ui| {
                if app.recent.is_empty() {
                    ui.label("No recent files");
                }
                for path in app.recent.clone() {
                    if ui
                        .button(path.display().to_string())
                        .on_hover_text("Open this file")
                        .clicked()
                    {
                        app.request(Pending::Open(Some(path)));
                    }
                }
            });
            ui.separator();
            if item(ui, "Save", Some(&shortcuts::SAVE), true) {
                app.save();
            }
            if item(ui, "Save As…", Some(&shortcuts::SAVE_AS), true) {
                app.save_as();
            }
            ui.separator();
            if item(ui, "Export…", Some(&shortcuts::EXPORT), !app.exporting()) {
                app.open_export_dialog();
            }
            ui.separator();
            if item(ui, "Quit", None, true) {
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            }
        });
        ui.menu_button("Edit", |ui| {
            if item(
                ui,
                "Undo",
                Some(&shortcuts::UNDO),
                app.open.history().can_undo(),
            ) {
                app.undo();
            }
            if item(
                ui,
                "Redo",
                Some(&shortcuts::REDO),
                app.open.history().can_redo(),
            ) {
                app.redo();
            }
            ui.separator();
            let has_selection = !app.doc_ui.selection.is_empty();
            if item(ui, "Delete", None, has_selection) {
                delete_selection(app);
            }
            if item(ui, "Find…", Some(&shortcuts::FIND), true) {
                app.open_search();
            }
            if item(ui, "Select all", Some(&shortcuts::SELECT_ALL), true) {
                app.doc_ui.selection.nodes = app.open.doc().nodes.iter().map(|n| n.id).collect();
            }
        });
        ui.menu_button("Map", |ui| {
            if ui
                .button("Auto-layout all")
                .on_hover_text(
                    "Lay out the whole map in layers, keeping the order the cards are in \
                     so they move little; pinned cards stay put (L)",
                )
                .clicked()
            {
                app.auto_layout(false);
            }
            if ui
                .button("Lay out from scratch")
                .on_hover_text(
                    "Lay out the whole map ignoring where cards are now, trying several \
                     orders for the fewest crossings; pinned cards stay put",
                )
                .clicked()
            {
                app.lay_out_from_scratch();
            }
            if ui
                .add_enabled(
                    app.doc_ui.selection.nodes.len() >= 2,
                    Button::new("Auto-layout selection"),
                )
                .on_hover_text("Lay out the selected cards; the rest stay put (L)")
                .clicked()
            {
                app.auto_layout(true);
            }
            if ui
                .button("Fit cards to text")
                .on_hover_text(
                    "Make every card tall enough to show its whole title, up to six lines; \
                     longer titles shrink to fit (one undo step)",
                )
                .clicked()
            {
                app.fit_cards_to_text();
            }
            ui.separator();
            ui.label("Layout style");
            let before = app.layout_style;
            ui.radio_value(&mut app.layout_style, Style::Layered, "Layered")
                .on_hover_text("Tiers from outcomes down to evidence, with few crossings");
            ui.radio_value(&mut app.layout_style, Style::Compact, "Compact")
                .on_hover_text(
                    "An org chart folded to the window's shape: cards resting on one card \
                     hang in a column under it, so a wide map fits the screen",
                );
            if app.layout_style != before {
                // Choosing a style lays the map out in it, as one undo step.
                app.lay_out_from_scratch();
                ui.close();
            }
            if app.layout_style == Style::Layered {
                ui.label("Layout direction");
                ui.radio_value(&mut app.layout_flow, Flow::Down, "Causes below effects");
                ui.radio_value(&mut app.layout_flow, Flow::Right, "Causes left of effects");
            }
            ui.separator();
            let selected = app.doc_ui.selection.nodes.len();
            let all_pinned = selected > 0
                && app
                    .doc_ui
                    .selection
                    .nodes
                    .iter()
                    .all(|&id| app.open.doc().node(id).is_some_and(|n| n.pinned));
            if ui
                .add_enabled(
                    selected > 0,
                    Button::new(if all_pinned {
                        "Unpin selection"
                    } else {
                        "Pin selection"
                    }),
                )
                .on_hover_text("Pinned cards stay put when the map is laid out (P)")
                .clicked()
            {
                app.toggle_pin_selection();
            }
            ui.separator();
            let single = app.doc_ui.selection.single_node();
            if ui
                .add_enabled(single.is_some(), Button::new("Trace selection"))
                .on_hover_text("Light up what it rests on and what rests on it (T)")
                .clicked()
            {
                app.doc_ui.trace_focus = single;
            }
            if ui
                .add_enabled(app.doc_ui.trace_focus.is_some(), Button::new("Clear trace"))
                .clicked()
            {
                app.doc_ui.trace_focus = None;
            }
        });
        ui.menu_button("View", |ui| {
            ui.checkbox(&mut app.show_insights, "Insights panel");
            if ui
                .button("Fit to content")
                .on_hover_text("Shortcut: F")
                .clicked()
            {
                app.fit_view();
            }
            if item(ui, "Zoom to 100%", Some(&shortcuts::ZOOM_RESET), true) {
                app.camera.zoom = 1.0;
            }
        });
    });
}

pub fn toolbar(app: &mut CredenceApp, ui: &mut Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Add").strong());
        for kind in NodeKind::ALL {
            let text = RichText::new(format!("+ {}", kind.label())).color(kind_colour(kind));
            if ui
                .button(text)
                .on_hover_text(format!(
                    "Add a {}: {}.\nDouble-click the canvas to add one where you click.",
                    kind.label().to_lowercase(),
                    kind.meaning()
                ))
                .clicked()
            {
                app.new_kind = kind;
                app.create_node_in_view(kind);
            }
        }
        ui.separator();
        if ui
            .add_enabled(app.open.history().can_undo(), Button::new("Undo"))
            .on_hover_text("Undo (Ctrl+Z)")
            .clicked()
        {
            app.undo();
        }
        if ui
            .add_enabled(app.open.history().can_redo(), Button::new("Redo"))
            .on_hover_text("Redo (Ctrl+Shift+Z or Ctrl+Y)")
            .clicked()
        {
            app.redo();
        }
        ui.separator();
        if ui
            .button("Auto-layout")
            .on_hover_text(
                "Lay out the selection, or the whole map when fewer than two cards are selected (L)",
            )
            .clicked()
        {
            app.auto_layout_selection_or_all();
        }
        ui.toggle_value(&mut app.show_insights, "Insights")
            .on_hover_text("Show problems (cycles) and the riskiest assumptions");
        ui.toggle_value(&mut app.show_workshop, "Workshop").on_hover_text(
            "Participants, hidden confidence votes and their reveal, dot voting, snapshots",
        );
        ui.toggle_value(&mut app.show_backlog, "Backlog").on_hover_text(
            "The learning backlog: what we must learn, in order, with a work-in-progress limit",
        );
        if ui
            .button("Present")
            .on_hover_text("Presentation mode: full screen, spotlight and timer (F5; Esc leaves)")
            .clicked()
        {
            let ctx = ui.ctx().clone();
            app.start_presentation(&ctx);
        }
        if ui
            .button("Fit")
            .on_hover_text("Frame the whole map (F)")
            .clicked()
        {
            app.fit_view();
        }
        if ui
            .button("100%")
            .on_hover_text("Zoom to 100% (Ctrl+0)")
            .clicked()
        {
            app.camera.zoom = 1.0;
        }
    });
}

pub fn status(app: &mut CredenceApp, ui: &mut Ui) {
    let board = app.doc_ui.board;
    let (facts, hints) = super::boards::kind_of(board).status(app, board);
    ui.horizontal(|ui| {
        ui.label(facts);
        ui.separator();
        ui.weak(hints);
    });
}
