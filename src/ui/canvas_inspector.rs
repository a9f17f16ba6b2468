//! The inspector for a canvas board: the selected note (text, colour, link
//! to a belief-map node, promote to a node), or else the canvas itself
//! (name, header, grid, sections, save as template).

use super::app::CredenceApp;
use super::boards::Board;
use super::notice::Notice;
use crate::edit::Edit;
use crate::edit::{Command, MergeKey};
use crate::model::{
    Canvas, CanvasId, Cells, DotTarget, MAX_GRID, Node, NodeKind, NoteId, Point, Section,
    SectionId, Template,
};
use crate::render::NOTE_COLOURS;
use egui::{Color32, RichText, Ui};

pub fn show(app: &mut CredenceApp, ui: &mut Ui, canvas: CanvasId) {
    match app.doc_ui.canvas_board.selected {
        Some(note)
            if app
                .open
                .doc()
                .canvas(canvas)
                .and_then(|c| c.note(note))
                .is_some() =>
        {
            note_fields(app, ui, canvas, note)
        }
        _ => canvas_fields(app, ui, canvas),
    }
}

fn note_fields(app: &mut CredenceApp, ui: &mut Ui, canvas: CanvasId, note_id: NoteId) {
    let Some(note) = app
        .open
        .doc()
        .canvas(canvas)
        .and_then(|c| c.note(note_id))
        .cloned()
    else {
        return;
    };
    ui.heading("Note");
    let label = ui.label("Text");
    let mut text = note.text.clone();
    let response = ui
        .add(egui::TextEdit::multiline(&mut text).desired_rows(3))
        .labelled_by(label.id);
    if response.changed() {
        app.edit_canvas(
            canvas,
            Some(MergeKey(format!("note-text-{}-{}", canvas.0, note_id.0))),
            |c| {
                if let Some(n) = c.notes.iter_mut().find(|n| n.id == note_id) {
                    n.text = text;
                }
            },
        );
    }
    if response.lost_focus() {
        app.open.queue(Edit::Seal);
    }

    if app
        .open
        .doc()
        .workshop
        .dot_round
        .as_ref()
        .is_some_and(|r| r.open)
    {
        ui.add_space(6.0);
        super::vote_fields::dot_buttons(
            app,
            ui,
            DotTarget::Note {
                canvas,
                note: note_id,
            },
        );
    }

    ui.add_space(6.0);
    ui.label("Colour");
    ui.horizontal_wrapped(|ui| {
        for (name, rgb) in NOTE_COLOURS {
            let fill = Color32::from_rgb(rgb.0, rgb.1, rgb.2);
            let current = note.colour.unwrap_or(NOTE_COLOURS[0].1) == rgb;
            let button = egui::Button::new(RichText::new(if current { "✔" } else { " " }))
                .fill(fill)
                .min_size(egui::vec2(26.0, 22.0));
            let response = ui.add(button).on_hover_text(name);
            response.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{name} note"))
            });
            if response.clicked() {
                app.edit_canvas(canvas, None, |c| {
                    if let Some(n) = c.notes.iter_mut().find(|n| n.id == note_id) {
                        n.colour = Some(rgb);
                    }
                });
            }
        }
    });

    ui.add_space(8.0);
    ui.heading("Link to the belief map");
    match note.link.and_then(|id| app.open.doc().node(id)).cloned() {
        Some(node) => {
            ui.label(format!(
                "{}: {} ({}%, {})",
                node.kind.label(),
                node.title,
                node.confidence,
                node.status.label().to_lowercase()
            ));
            ui.horizontal(|ui| {
                if ui
                    .button("Go to card")
                    .on_hover_text("Show this card on the belief map")
                    .clicked()
                {
                    app.open_board(Board::Map);
                    app.jump_to(node.id);
                }
                if ui.button("Unlink").clicked() {
                    set_link(app, canvas, note_id, None);
                }
            });
        }
        None => {
            if note.link.is_some() {
                ui.label(RichText::new("The linked card was deleted.").weak());
            }
            let label = ui.label("Link to an existing card");
            let mut chosen = None;
            egui::ComboBox::from_id_salt("note-link")
                .selected_text("Choose a card…")
                .width(220.0)
                .show_ui(ui, |ui| {
                    for n in &app.open.doc().nodes {
                        let text = format!("{}: {}", n.kind.label(), n.title);
                        if ui.selectable_label(false, text).clicked() {
                            chosen = Some(n.id);
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            if let Some(id) = chosen {
                set_link(app, canvas, note_id, Some(id));
            }
            ui.add_space(4.0);
            ui.label("Or promote the note to a new card:");
            ui.horizontal_wrapped(|ui| {
                for kind in [
                    NodeKind::Assumption,
                    NodeKind::Bet,
                    NodeKind::Belief,
                    NodeKind::Outcome,
                    NodeKind::Metric,
                    NodeKind::Question,
                ] {
                    if ui
                        .button(format!("Promote to {}", kind.label().to_lowercase()))
                        .on_hover_text(
                            "Adds a card with this text to the belief map and links the note to it",
                        )
                        .clicked()
                    {
                        promote(app, canvas, note_id, kind);
                    }
                }
            });
        }
    }
    ui.add_space(8.0);
    if ui.button("Delete note").clicked() {
        app.delete_note(canvas, note_id);
    }
}

fn set_link(
    app: &mut CredenceApp,
    canvas: CanvasId,
    note: NoteId,
    link: Option<crate::model::NodeId>,
) {
    app.edit_canvas(canvas, None, |c| {
        if let Some(n) = c.notes.iter_mut().find(|n| n.id == note) {
            n.link = link;
        }
    });
}

/// A new node from the note's text, placed right of the map, linked: one
/// undo step.
fn promote(app: &mut CredenceApp, canvas: CanvasId, note: NoteId, kind: NodeKind) {
    let Some(c) = app.open.doc().canvas(canvas) else {
        return;
    };
    let Some(text) = c.note(note).map(|n| n.text.clone()) else {
        return;
    };
    let id = app.open.doc().next_node_id();
    let right = app
        .open
        .doc()
        .nodes
        .iter()
        .map(|n| n.pos.x + n.size.w)
        .fold(0.0f32, f32::max);
    let top = app
        .open
        .doc()
        .nodes
        .iter()
        .map(|n| n.pos.y)
        .fold(f32::INFINITY, f32::min);
    let mut node = crate::render::fitted(Node::new(
        id,
        kind,
        if text.trim().is_empty() {
            "Untitled"
        } else {
            text.trim()
        },
    ));
    node.pos = Point::new(right + 80.0, if top.is_finite() { top } else { 0.0 });
    let mut linked = c.clone();
    if let Some(n) = linked.notes.iter_mut().find(|n| n.id == note) {
        n.link = Some(id);
    }
    app.apply(Command::Batch(vec![
        Command::add(app.open.doc(), vec![node], Vec::new()),
        Command::ReplaceCanvas(linked),
    ]));
    app.notice = Some(Notice::info(format!(
        "Added a {} to the belief map, linked to this note",
        kind.label().to_lowercase()
    )));
}

fn canvas_fields(app: &mut CredenceApp, ui: &mut Ui, id: CanvasId) {
    let Some(canvas) = app.open.doc().canvas(id).cloned() else {
        return;
    };
    ui.heading("Canvas");
    if ui
        .button("Delete canvas")
        .on_hover_text("Remove this canvas board (undo brings it back)")
        .clicked()
    {
        app.apply(Command::RemoveCanvas(id));
        app.open_board(Board::Map);
        return;
    }
    let key = |what: &str| Some(MergeKey(format!("canvas-{what}-{}", id.0)));
    let field = |ui: &mut Ui,
                 app: &mut CredenceApp,
                 label: &str,
                 value: &str,
                 set: fn(&mut crate::model::Canvas, String)| {
        text_field(app, ui, id, label, value, label, f32::INFINITY, |c, t| {
            set(c, t)
        });
    };
    field(ui, app, "Canvas name", &canvas.name, |c, t| c.name = t);
    field(ui, app, "Focus area", &canvas.header.focus, |c, t| {
        c.header.focus = t
    });
    field(ui, app, "Owner", &canvas.header.owner, |c, t| {
        c.header.owner = t
    });
    field(ui, app, "Horizon", &canvas.header.horizon, |c, t| {
        c.header.horizon = t
    });

    ui.add_space(8.0);
    ui.horizontal(|ui| {
        let mut columns = canvas.columns;
        let mut rows = canvas.rows;
        let l = ui.label("Grid");
        let a = ui
            .add(
                egui::DragValue::new(&mut columns)
                    .range(1..=MAX_GRID)
                    .suffix(" columns"),
            )
            .labelled_by(l.id);
        let b = ui.add(
            egui::DragValue::new(&mut rows)
                .range(1..=MAX_GRID)
                .suffix(" rows"),
        );
        if (a.changed() || b.changed()) && fits_all(&canvas.sections, columns, rows) {
            app.edit_canvas(id, key("grid"), |c| {
                c.columns = columns;
                c.rows = rows;
            });
        }
    });

    ui.add_space(10.0);
    ui.heading("Template");
    let l = ui.label("Template name");
    ui.add(egui::TextEdit::singleline(&mut app.template_name).hint_text(canvas.name.clone()))
        .labelled_by(l.id);
    if ui
        .button("Save layout as template")
        .on_hover_text("Keeps the grid and sections (not the notes) for \"+ Canvas\"")
        .clicked()
    {
        let name = if app.template_name.trim().is_empty() {
            canvas.name.clone()
        } else {
            app.template_name.trim().to_owned()
        };
        save_template(app, &Template::from_canvas(&canvas, &name));
    }
    ui.add_space(10.0);
    ui.heading("Sections");
    if ui
        .button("Add section")
        .on_hover_text("A new section in the first free cell; the grid grows a row if it is full")
        .clicked()
    {
        app.edit_canvas(id, None, |c| {
            let free = (0..c.rows)
                .flat_map(|r| (0..c.columns).map(move |col| Cells::new(col, r, 1, 1)))
                .find(|cell| c.sections.iter().all(|s| !s.cells.overlaps(cell)));
            let cells = match free {
                Some(cells) => cells,
                None if c.rows < MAX_GRID => {
                    c.rows += 1;
                    Cells::new(0, c.rows - 1, c.columns, 1)
                }
                None => return,
            };
            let sid = c.next_section_id();
            c.sections.push(Section {
                id: sid,
                title: format!("Section {}", sid.0),
                prompt: String::new(),
                cells,
            });
        });
    }

    ui.label(RichText::new("Column, row, width and height in grid cells.").weak());
    let mut remove = None;
    for section in &canvas.sections {
        ui.separator();
        let sid = section.id;
        let width = ui.spacing().text_edit_width;
        let title_key = format!("section-title-{}", sid.0);
        text_field(
            app,
            ui,
            id,
            "Section title",
            &section.title,
            &title_key,
            width,
            |c, t| {
                if let Some(s) = section_mut(c, sid) {
                    s.title = t;
                }
            },
        );
        let prompt_key = format!("section-prompt-{}", sid.0);
        text_field(
            app,
            ui,
            id,
            "Prompt when empty",
            &section.prompt,
            &prompt_key,
            width,
            |c, t| {
                if let Some(s) = section_mut(c, sid) {
                    s.prompt = t;
                }
            },
        );
        ui.horizontal(|ui| {
            let mut cells = section.cells;
            let mut changed = false;
            for (value, hint) in [
                (&mut cells.col, "column"),
                (&mut cells.row, "row"),
                (&mut cells.cols, "width"),
                (&mut cells.rows, "height"),
            ] {
                changed |= ui
                    .add(egui::DragValue::new(value).range(0..=MAX_GRID))
                    .on_hover_text(hint)
                    .changed();
            }
            let others: Vec<Section> = canvas
                .sections
                .iter()
                .filter(|s| s.id != sid)
                .cloned()
                .collect();
            let free = cells.fits(canvas.columns, canvas.rows)
                && others.iter().all(|o| !o.cells.overlaps(&cells));
            if changed && free {
                app.edit_canvas(id, key(&format!("section-cells-{}", sid.0)), |c| {
                    if let Some(s) = c.sections.iter_mut().find(|s| s.id == sid) {
                        s.cells = cells;
                    }
                });
            }
            if ui
                .button("Remove")
                .on_hover_text("Remove this section and its notes")
                .clicked()
            {
                remove = Some(sid);
            }
        });
    }
    if let Some(sid) = remove {
        app.edit_canvas(id, None, |c| {
            c.sections.retain(|s| s.id != sid);
            c.notes.retain(|n| n.section != sid);
        });
    }
}

fn section_mut(c: &mut Canvas, id: SectionId) -> Option<&mut Section> {
    c.sections.iter_mut().find(|s| s.id == id)
}

/// A labelled one-line field for a text of canvas `id`. Typing in it is one
/// undo step (merged under `what` and the canvas, sealed when the field lets
/// go).
#[allow(clippy::too_many_arguments)]
fn text_field(
    app: &mut CredenceApp,
    ui: &mut Ui,
    id: CanvasId,
    label: &str,
    value: &str,
    what: &str,
    width: f32,
    set: impl FnOnce(&mut Canvas, String),
) {
    let l = ui.label(label);
    let mut text = value.to_owned();
    let response = ui
        .add(egui::TextEdit::singleline(&mut text).desired_width(width))
        .labelled_by(l.id);
    if response.changed() {
        let key = MergeKey(format!("canvas-{what}-{}", id.0));
        app.edit_canvas(id, Some(key), |c| set(c, text));
    }
    if response.lost_focus() {
        app.open.queue(Edit::Seal);
    }
}

fn fits_all(sections: &[Section], columns: u8, rows: u8) -> bool {
    sections.iter().all(|s| s.cells.fits(columns, rows))
}

fn save_template(app: &mut CredenceApp, template: &Template) {
    let Some(dir) = app.template_dir.clone() else {
        app.notice = Some(Notice::error("No folder for templates: HOME is not set"));
        return;
    };
    match crate::io::templates::save(&dir, template) {
        Ok(path) => {
            app.templates = None;
            app.notice = Some(Notice::info(format!(
                "Saved template \"{}\" to {}",
                template.name,
                path.display()
            )));
        }
        Err(err) => app.notice = Some(Notice::error(err.to_string())),
    }
}
