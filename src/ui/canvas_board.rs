//! A canvas board: the header, the grid of sections, and sticky notes.
//!
//! Notes are painted with one `interact` each, like cards on the map, and
//! every change is a whole-canvas [`Command::ReplaceCanvas`], so undo covers
//! typing, moving, recolouring and deleting alike. Keys follow the belief
//! map: double-click a section for a note, type, Enter to finish; Enter on a
//! selected note adds the next one, F2 renames, Delete removes.

use super::app::CredenceApp;
use super::boards::{Board, BoardKind, Tab};
use super::export_dialog::ExportBoard;
use crate::edit::Edit;
use crate::edit::{Command, MergeKey};
use crate::model::{Canvas, CanvasId, DotTarget, Note, NoteId, SectionId};
use crate::render::{self, CanvasView, Theme};
use egui::{Id, Key, Pos2, Rect, Sense, TextEdit, Ui, WidgetInfo, pos2};

/// A note's text being typed in place.
pub struct NoteEdit {
    pub canvas: CanvasId,
    pub note: NoteId,
    pub text: String,
    key: MergeKey,
    /// A note made for this edit; left empty, it goes again.
    created: bool,
    focused_once: bool,
}

#[derive(Default)]
pub struct CanvasBoardState {
    pub selected: Option<NoteId>,
    pub editing: Option<NoteEdit>,
    dragging: Option<NoteId>,
    next_key: u64,
}

impl CanvasBoardState {
    fn fresh_key(&mut self, what: &str) -> MergeKey {
        self.next_key += 1;
        MergeKey(format!("canvas-{what}-{}", self.next_key))
    }
}

impl CredenceApp {
    /// The canvas shown in the current tab, if a canvas tab is open.
    pub fn current_canvas(&self) -> Option<&Canvas> {
        match self.doc_ui.board {
            super::boards::Board::Canvas(id) => self.open.doc().canvas(id),
            _ => None,
        }
    }

    /// Applies `change` to a copy of canvas `id` and records it as one
    /// command (merged under `key` when given).
    pub(crate) fn edit_canvas(
        &mut self,
        id: CanvasId,
        key: Option<MergeKey>,
        change: impl FnOnce(&mut Canvas),
    ) {
        let Some(mut canvas) = self.open.doc().canvas(id).cloned() else {
            return;
        };
        let before = canvas.clone();
        change(&mut canvas);
        if canvas == before {
            return;
        }
        let command = Command::ReplaceCanvas(canvas);
        match key {
            Some(key) => self.apply_merged(command, key),
            None => self.apply(command),
        }
    }

    /// Adds a note to `section` at `index` and starts typing its text.
    pub fn add_note(&mut self, canvas: CanvasId, section: SectionId, index: usize) {
        self.commit_note_edit();
        if self.open.doc().canvas(canvas).is_none() {
            return;
        }
        let id = self.open.doc().next_note_id(canvas);
        let key = self.doc_ui.canvas_board.fresh_key("note");
        self.edit_canvas(canvas, Some(key.clone()), |c| {
            c.notes.push(Note {
                id,
                section,
                ..Note::default()
            });
            c.move_note(id, section, index);
        });
        self.doc_ui.canvas_board.selected = Some(id);
        self.doc_ui.canvas_board.editing = Some(NoteEdit {
            canvas,
            note: id,
            text: String::new(),
            key,
            created: true,
            focused_once: false,
        });
    }

    /// Starts typing into an existing note.
    pub fn edit_note(&mut self, canvas: CanvasId, note: NoteId) {
        self.commit_note_edit();
        let Some(text) = self
            .open
            .doc()
            .canvas(canvas)
            .and_then(|c| c.note(note))
            .map(|n| n.text.clone())
        else {
            return;
        };
        let key = self.doc_ui.canvas_board.fresh_key("text");
        self.doc_ui.canvas_board.selected = Some(note);
        self.doc_ui.canvas_board.editing = Some(NoteEdit {
            canvas,
            note,
            text,
            key,
            created: false,
            focused_once: false,
        });
    }

    /// Finishes typing: a new note left empty is taken back out.
    pub fn commit_note_edit(&mut self) {
        let Some(edit) = self.doc_ui.canvas_board.editing.take() else {
            return;
        };
        if edit.text.trim().is_empty() && edit.created {
            self.undo();
            self.doc_ui.canvas_board.selected = None;
            return;
        }
        self.open.queue(Edit::Seal);
    }

    pub fn delete_note(&mut self, canvas: CanvasId, note: NoteId) {
        self.doc_ui.canvas_board.editing = None;
        self.edit_canvas(canvas, None, |c| c.notes.retain(|n| n.id != note));
        self.doc_ui.canvas_board.selected = None;
    }
}

/// The slot a note dropped at `p` takes among a section's notes.
fn drop_index(rects: &[Rect], p: Pos2) -> usize {
    rects
        .iter()
        .position(|r| p.y < r.min.y || (p.y <= r.max.y && p.x < r.center().x))
        .unwrap_or(rects.len())
}

/// Draws the canvas with id `id` into the rest of `ui`.
pub fn show(app: &mut CredenceApp, ui: &mut Ui, id: CanvasId) {
    let Some(canvas) = app.open.doc().canvas(id).cloned() else {
        return;
    };
    // The Enter that finishes typing must not also start the next note.
    let was_editing = app.doc_ui.canvas_board.editing.is_some();
    let rect = ui.available_rect_before_wrap();
    ui.advance_cursor_after_rect(rect);
    let dragging = app.doc_ui.canvas_board.dragging;
    let editing_note = app
        .doc_ui
        .canvas_board
        .editing
        .as_ref()
        .filter(|e| e.canvas == id)
        .map(|e| e.note);
    let view = CanvasView {
        selected: app.doc_ui.canvas_board.selected,
        editing: editing_note,
        dragging,
        ..CanvasView::plain(Theme::Light.palette())
    };
    render::paint_canvas(&ui.painter_at(rect), app.open.doc(), &canvas, rect, &view);

    let layout = render::canvas_layout(&canvas, rect);
    writing_badge(app, ui, id, &layout);
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let released = ui.input(|i| i.pointer.any_released());
    let mut drop: Option<(NoteId, SectionId, usize)> = None;
    for section in &layout {
        let sid = section.id;
        let title = canvas.section(sid).map_or("", |s| s.title.as_str());
        let response = ui.interact(
            section.rect,
            Id::unique(("canvas-section", id.0, sid.0)),
            Sense::click(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(egui::Role::Group, true, format!("Section {title}"))
        });
        if response.double_clicked() {
            app.add_note(id, sid, section.notes.len());
        } else if response.clicked() {
            app.commit_note_edit();
            app.doc_ui.canvas_board.selected = None;
        }
        if let (Some(note), Some(p)) = (dragging, pointer)
            && section.rect.contains(p)
            && released
        {
            let others: Vec<Rect> = section
                .notes
                .iter()
                .filter(|(n, _)| *n != note)
                .map(|(_, r)| *r)
                .collect();
            drop = Some((note, sid, drop_index(&others, p)));
        }
        for &(note_id, nrect) in &section.notes {
            let Some(note) = canvas.note(note_id) else {
                continue;
            };
            let editing = editing_note == Some(note_id);
            let response = ui.interact(
                nrect,
                Id::unique(("canvas-note", id.0, note_id.0)),
                Sense::click_and_drag(),
            );
            let label = if note.text.is_empty() {
                "Note (empty)".to_owned()
            } else {
                format!("Note: {}", note.text)
            };
            response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
            if editing {
                note_editor(app, ui, nrect);
            }
            // The linked card's line along the bottom is a link to it.
            let link_strip =
                Rect::from_min_max(pos2(nrect.left(), nrect.bottom() - 18.0), nrect.max);
            let on_link = note
                .link
                .filter(|l| app.open.doc().node(*l).is_some())
                .filter(|_| response.hover_pos().is_some_and(|p| link_strip.contains(p)));
            if on_link.is_some() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            }
            if let (Some(node), true) = (on_link, response.clicked()) {
                app.open_board(super::boards::Board::Map);
                app.jump_to(node);
                return;
            }
            if response.double_clicked() {
                app.edit_note(id, note_id);
            } else if response.clicked() {
                if !editing {
                    app.commit_note_edit();
                }
                app.doc_ui.canvas_board.selected = Some(note_id);
            }
            if response.drag_started() && !editing {
                app.commit_note_edit();
                app.doc_ui.canvas_board.dragging = Some(note_id);
                app.doc_ui.canvas_board.selected = Some(note_id);
            }
        }
    }

    // The dragged note follows the pointer; dropping it moves it.
    if let (Some(note_id), Some(p)) = (dragging, pointer)
        && let Some(note) = canvas.note(note_id)
    {
        let ghost = Rect::from_center_size(p, render::NOTE_SIZE);
        let fg = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            Id::unique("canvas-note-drag"),
        ));
        render::paint_note(&fg, app.open.doc(), note, ghost, true, false);
    }
    if released && dragging.is_some() {
        app.doc_ui.canvas_board.dragging = None;
        if let Some((note, section, index)) = drop {
            app.edit_canvas(id, None, |c| c.move_note(note, section, index));
        }
    }
    if !was_editing {
        keys(app, ui, id);
    }
}

fn keys(app: &mut CredenceApp, ui: &mut Ui, id: CanvasId) {
    if app.doc_ui.canvas_board.editing.is_some() || ui.ctx().text_edit_focused() {
        return;
    }
    let Some(note) = app.doc_ui.canvas_board.selected else {
        return;
    };
    let Some(canvas) = app.open.doc().canvas(id) else {
        return;
    };
    let Some(section) = canvas.note(note).map(|n| n.section) else {
        app.doc_ui.canvas_board.selected = None;
        return;
    };
    let index = canvas
        .notes_in(section)
        .position(|n| n.id == note)
        .unwrap_or(0);
    let pressed = |key| ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    if pressed(Key::Delete) || pressed(Key::Backspace) {
        app.delete_note(id, note);
    } else if pressed(Key::F2) {
        app.edit_note(id, note);
    } else if pressed(Key::Enter) {
        app.add_note(id, section, index + 1);
    } else if pressed(Key::Escape) {
        app.doc_ui.canvas_board.selected = None;
    } else if pressed(Key::D) && app.open.doc().workshop.dot_round.is_some() {
        app.place_dot(DotTarget::Note { canvas: id, note });
    }
}

/// On the section the room's phones write into, the one thing the big
/// screen shows of their notes before the reveal: how many are waiting.
fn writing_badge(
    app: &CredenceApp,
    ui: &Ui,
    canvas: crate::model::CanvasId,
    layout: &[render::SectionLayout],
) {
    let Some(open) = &app.room else {
        return;
    };
    let Some(writing) = open.room.writing().filter(|w| w.canvas == canvas) else {
        return;
    };
    let Some(section) = layout.iter().find(|s| s.id == writing.section) else {
        return;
    };
    let text = match open.room.waiting() {
        0 => "Phones are writing here".to_owned(),
        n => super::room_panel::waiting_text(n),
    };
    let painter = ui.painter_at(section.rect);
    let galley = painter.layout_no_wrap(
        text.clone(),
        egui::FontId::proportional(16.0),
        egui::Color32::WHITE,
    );
    let pad = egui::vec2(12.0, 6.0);
    let size = galley.size() + 2.0 * pad;
    let badge = Rect::from_min_size(
        section.rect.right_bottom() - size - egui::vec2(8.0, 8.0),
        size,
    );
    painter.rect_filled(badge, 12.0, egui::Color32::from_rgb(13, 148, 136));
    painter.galley(badge.min + pad, galley, egui::Color32::WHITE);
    ui.interact(
        badge,
        Id::unique(("writing-badge", canvas.0)),
        Sense::hover(),
    )
    .widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, text.clone()));
}

/// The text field laid over a note while it is typed.
fn note_editor(app: &mut CredenceApp, ui: &mut Ui, rect: Rect) {
    let Some(edit) = app.doc_ui.canvas_board.editing.as_mut() else {
        return;
    };
    let before = edit.text.clone();
    let response = ui.put(
        rect.shrink(4.0),
        TextEdit::singleline(&mut edit.text)
            .char_limit(crate::model::MAX_TEXT_CHARS)
            .id(Id::unique(("note-edit", edit.canvas.0, edit.note.0)))
            .hint_text("Note text")
            .lock_focus(true)
            .desired_width(rect.width() - 8.0),
    );
    if !edit.focused_once {
        response.request_focus();
        edit.focused_once = true;
    }
    if edit.text != before {
        let (canvas, note, text, key) =
            (edit.canvas, edit.note, edit.text.clone(), edit.key.clone());
        app.edit_canvas(canvas, Some(key), |c| {
            if let Some(n) = c.notes.iter_mut().find(|n| n.id == note) {
                n.text = text;
            }
        });
    }
    if response.lost_focus() {
        app.commit_note_edit();
    }
}

/// The canvas tabs, one per canvas of the document.
pub struct CanvasBoard;

impl BoardKind for CanvasBoard {
    fn owns(&self, board: Board) -> bool {
        matches!(board, Board::Canvas(_))
    }

    fn tabs(&self, doc: &crate::model::Document) -> Vec<Tab> {
        doc.canvases
            .iter()
            .map(|c| Tab {
                board: Board::Canvas(c.id),
                title: c.name.clone(),
                hint: "A canvas board",
            })
            .collect()
    }

    fn show(&self, app: &mut CredenceApp, ui: &mut Ui, board: Board) {
        if let Board::Canvas(id) = board {
            show(app, ui, id);
        }
    }

    fn inspector(&self, app: &mut CredenceApp, ui: &mut Ui, board: Board) {
        if let Board::Canvas(id) = board {
            egui::ScrollArea::vertical().show(ui, |ui| super::canvas_inspector::show(app, ui, id));
        }
    }

    fn status(&self, app: &CredenceApp, board: Board) -> (String, &'static str) {
        let notes = match board {
            Board::Canvas(id) => app.open.doc().canvas(id).map_or(0, |c| c.notes.len()),
            _ => 0,
        };
        (
            format!("{notes} notes"),
            "Double-click a section: new note · Enter: next note · F2: edit · \
             Delete: remove · drag a note to move it · Ctrl+F: search",
        )
    }

    fn export(&self, _app: &CredenceApp, board: Board) -> ExportBoard {
        match board {
            Board::Canvas(id) => ExportBoard::Canvas(id),
            _ => ExportBoard::Map,
        }
    }
}
