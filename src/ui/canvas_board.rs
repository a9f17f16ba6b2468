//! A canvas board: the header, the grid of sections, and sticky notes.
//!
//! Notes are painted with one `interact` each, like cards on the map, and
//! every change is a whole-canvas [`Command::ReplaceCanvas`], so undo covers
//! typing, moving, recolouring and deleting alike. Keys follow the belief
//! map: double-click a section for a note, type, Enter to finish; Enter on a
//! selected note adds the next one, F2 renames, Delete removes.

use super::app::CredenceApp;
use crate::edit::{Command, MergeKey};
use crate::model::{Canvas, CanvasId, Note, NoteId, Rgb, Section, SectionId};
use egui::{
    Align2, Color32, CornerRadius, FontId, Id, Key, Pos2, Rect, Sense, Stroke, StrokeKind,
    TextEdit, Ui, WidgetInfo, pos2, vec2,
};

/// The sticky colours offered in the inspector; the first is the default.
pub const NOTE_COLOURS: [(&str, Rgb); 6] = [
    ("Yellow", Rgb(0xff, 0xf1, 0xa8)),
    ("Pink", Rgb(0xfb, 0xcf, 0xe8)),
    ("Blue", Rgb(0xc7, 0xe0, 0xfe)),
    ("Green", Rgb(0xc8, 0xf0, 0xcf)),
    ("Orange", Rgb(0xfe, 0xd7, 0xaa)),
    ("Purple", Rgb(0xe2, 0xd4, 0xfd)),
];

const HEADER_H: f32 = 54.0;
const GAP: f32 = 8.0;
const NOTE_W: f32 = 150.0;
const NOTE_H: f32 = 78.0;
const NOTE_GAP: f32 = 8.0;
const TITLE_H: f32 = 30.0;

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
        match self.board {
            super::boards::Board::Canvas(id) => self.doc.canvas(id),
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
        let Some(mut canvas) = self.doc.canvas(id).cloned() else {
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
        let Some(c) = self.doc.canvas(canvas) else {
            return;
        };
        let id = c.next_note_id();
        let key = self.canvas_board.fresh_key("note");
        self.edit_canvas(canvas, Some(key.clone()), |c| {
            c.notes.push(Note {
                id,
                section,
                ..Note::default()
            });
            c.move_note(id, section, index);
        });
        self.canvas_board.selected = Some(id);
        self.canvas_board.editing = Some(NoteEdit {
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
            .doc
            .canvas(canvas)
            .and_then(|c| c.note(note))
            .map(|n| n.text.clone())
        else {
            return;
        };
        let key = self.canvas_board.fresh_key("text");
        self.canvas_board.selected = Some(note);
        self.canvas_board.editing = Some(NoteEdit {
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
        let Some(edit) = self.canvas_board.editing.take() else {
            return;
        };
        if edit.text.trim().is_empty() && edit.created {
            self.undo();
            self.canvas_board.selected = None;
            return;
        }
        self.history.seal();
    }

    pub fn delete_note(&mut self, canvas: CanvasId, note: NoteId) {
        self.canvas_board.editing = None;
        self.edit_canvas(canvas, None, |c| c.notes.retain(|n| n.id != note));
        self.canvas_board.selected = None;
    }
}

/// The screen rect of each section.
fn section_rects(canvas: &Canvas, grid: Rect) -> Vec<(SectionId, Rect)> {
    let cw = grid.width() / f32::from(canvas.columns.max(1));
    let rh = grid.height() / f32::from(canvas.rows.max(1));
    canvas
        .sections
        .iter()
        .map(|s| {
            let c = s.cells;
            let min = grid.min + vec2(f32::from(c.col) * cw, f32::from(c.row) * rh);
            let size = vec2(f32::from(c.cols) * cw, f32::from(c.rows) * rh);
            (s.id, Rect::from_min_size(min, size).shrink(GAP / 2.0))
        })
        .collect()
}

/// Where `count` notes go in a section: rows that wrap, shrunk to fit.
fn note_rects(section: Rect, count: usize) -> Vec<Rect> {
    let area = Rect::from_min_max(
        section.min + vec2(10.0, TITLE_H),
        section.max - vec2(10.0, 8.0),
    );
    let mut scale: f32 = 1.0;
    loop {
        let (w, h) = (NOTE_W * scale, NOTE_H * scale);
        let per_row = (((area.width() + NOTE_GAP) / (w + NOTE_GAP)).floor() as usize).max(1);
        let rows = count.div_ceil(per_row);
        let needed = rows as f32 * (h + NOTE_GAP);
        if needed <= area.height() + NOTE_GAP || scale <= 0.45 {
            return (0..count)
                .map(|i| {
                    let (r, c) = (i / per_row, i % per_row);
                    Rect::from_min_size(
                        area.min + vec2(c as f32 * (w + NOTE_GAP), r as f32 * (h + NOTE_GAP)),
                        vec2(w.min(area.width()), h),
                    )
                })
                .collect();
        }
        scale *= 0.85;
    }
}

/// The slot a note dropped at `p` takes among a section's notes.
fn drop_index(rects: &[Rect], p: Pos2) -> usize {
    rects
        .iter()
        .position(|r| p.y < r.min.y || (p.y <= r.max.y && p.x < r.center().x))
        .unwrap_or(rects.len())
}

fn colour(c: Rgb) -> Color32 {
    Color32::from_rgb(c.0, c.1, c.2)
}

/// Draws the canvas with id `id` into the rest of `ui`.
pub fn show(app: &mut CredenceApp, ui: &mut Ui, id: CanvasId) {
    let Some(canvas) = app.doc.canvas(id).cloned() else {
        return;
    };
    // The Enter that finishes typing must not also start the next note.
    let was_editing = app.canvas_board.editing.is_some();
    let rect = ui.available_rect_before_wrap();
    ui.advance_cursor_after_rect(rect);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, Color32::from_rgb(244, 245, 248));

    // Header: name, then focus, owner and horizon.
    let header = Rect::from_min_size(
        rect.min + vec2(16.0, 8.0),
        vec2(rect.width() - 32.0, HEADER_H),
    );
    painter.text(
        header.left_top(),
        Align2::LEFT_TOP,
        &canvas.name,
        FontId::proportional(20.0),
        Color32::from_rgb(17, 24, 39),
    );
    let h = &canvas.header;
    let dash = |s: &str| {
        if s.trim().is_empty() {
            "–".to_owned()
        } else {
            s.to_owned()
        }
    };
    painter.text(
        header.left_top() + vec2(0.0, 28.0),
        Align2::LEFT_TOP,
        format!(
            "Focus: {}    Owner: {}    Horizon: {}",
            dash(&h.focus),
            dash(&h.owner),
            dash(&h.horizon)
        ),
        FontId::proportional(13.0),
        Color32::from_rgb(90, 98, 112),
    );

    let grid = Rect::from_min_max(
        rect.min + vec2(12.0, HEADER_H + 12.0),
        rect.max - vec2(12.0, 12.0),
    );
    let sections = section_rects(&canvas, grid);
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let mut clicked_note = false;
    let mut drop: Option<(NoteId, SectionId, usize)> = None;
    let dragging = app.canvas_board.dragging;

    for (sid, srect) in &sections {
        let Some(section) = canvas.section(*sid) else {
            continue;
        };
        let notes: Vec<&Note> = canvas.notes_in(*sid).collect();
        let rects = note_rects(*srect, notes.len());
        paint_section(&painter, section, *srect, notes.is_empty());
        let response = ui.interact(
            *srect,
            Id::unique(("canvas-section", id.0, sid.0)),
            Sense::click(),
        );
        response.widget_info(|| {
            WidgetInfo::labeled(
                egui::Role::Group,
                true,
                format!("Section {}", section.title),
            )
        });
        if response.double_clicked() {
            app.add_note(id, *sid, notes.len());
        } else if response.clicked() {
            app.commit_note_edit();
            app.canvas_board.selected = None;
        }
        if let (Some(note), Some(p)) = (dragging, pointer)
            && srect.contains(p)
            && ui.input(|i| i.pointer.any_released())
        {
            let others: Vec<Rect> = notes
                .iter()
                .zip(&rects)
                .filter(|(n, _)| n.id != note)
                .map(|(_, r)| *r)
                .collect();
            drop = Some((note, *sid, drop_index(&others, p)));
        }
        for (note, nrect) in notes.iter().zip(&rects) {
            let editing = app
                .canvas_board
                .editing
                .as_ref()
                .is_some_and(|e| e.note == note.id && e.canvas == id);
            let response = ui.interact(
                *nrect,
                Id::unique(("canvas-note", id.0, note.id.0)),
                Sense::click_and_drag(),
            );
            let label = if note.text.is_empty() {
                "Note (empty)".to_owned()
            } else {
                format!("Note: {}", note.text)
            };
            response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
            let selected = app.canvas_board.selected == Some(note.id);
            if dragging != Some(note.id) {
                paint_note(&painter, app, note, *nrect, selected, editing);
            }
            if editing {
                note_editor(app, ui, *nrect);
            }
            if response.double_clicked() {
                app.edit_note(id, note.id);
                clicked_note = true;
            } else if response.clicked() {
                if !editing {
                    app.commit_note_edit();
                }
                app.canvas_board.selected = Some(note.id);
                clicked_note = true;
            }
            if response.drag_started() && !editing {
                app.commit_note_edit();
                app.canvas_board.dragging = Some(note.id);
                app.canvas_board.selected = Some(note.id);
            }
        }
    }
    let _ = clicked_note;

    // The dragged note follows the pointer; dropping it moves it.
    if let (Some(note_id), Some(p)) = (dragging, pointer)
        && let Some(note) = canvas.note(note_id)
    {
        let ghost = Rect::from_center_size(p, vec2(NOTE_W, NOTE_H));
        let fg = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            Id::unique("canvas-note-drag"),
        ));
        paint_note(&fg, app, note, ghost, true, false);
    }
    if ui.input(|i| i.pointer.any_released()) && dragging.is_some() {
        app.canvas_board.dragging = None;
        if let Some((note, section, index)) = drop {
            app.edit_canvas(id, None, |c| c.move_note(note, section, index));
        }
    }
    if !was_editing {
        keys(app, ui, id);
    }
}

fn keys(app: &mut CredenceApp, ui: &mut Ui, id: CanvasId) {
    if app.canvas_board.editing.is_some() || ui.ctx().text_edit_focused() {
        return;
    }
    let Some(note) = app.canvas_board.selected else {
        return;
    };
    let Some(canvas) = app.doc.canvas(id) else {
        return;
    };
    let Some(section) = canvas.note(note).map(|n| n.section) else {
        app.canvas_board.selected = None;
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
        app.canvas_board.selected = None;
    }
}

fn paint_section(painter: &egui::Painter, section: &Section, rect: Rect, empty: bool) {
    painter.rect(
        rect,
        CornerRadius::same(8),
        Color32::WHITE,
        Stroke::new(1.0, Color32::from_rgb(214, 218, 226)),
        StrokeKind::Inside,
    );
    painter.text(
        rect.left_top() + vec2(10.0, 8.0),
        Align2::LEFT_TOP,
        &section.title,
        FontId::proportional(14.0),
        Color32::from_rgb(17, 24, 39),
    );
    if empty && !section.prompt.is_empty() {
        let galley = painter.layout(
            section.prompt.clone(),
            FontId::proportional(12.5),
            Color32::from_rgb(140, 147, 160),
            rect.width() - 20.0,
        );
        painter.galley(rect.left_top() + vec2(10.0, TITLE_H), galley, Color32::GRAY);
    }
}

fn paint_note(
    painter: &egui::Painter,
    app: &CredenceApp,
    note: &Note,
    rect: Rect,
    selected: bool,
    editing: bool,
) {
    let fill = colour(note.colour.unwrap_or(NOTE_COLOURS[0].1));
    painter.rect_filled(
        rect.translate(vec2(0.0, 2.0)),
        CornerRadius::same(4),
        Color32::from_black_alpha(24),
    );
    painter.rect_filled(rect, CornerRadius::same(4), fill);
    if selected {
        painter.rect_stroke(
            rect,
            CornerRadius::same(4),
            Stroke::new(2.5, Color32::from_rgb(37, 99, 235)),
            StrokeKind::Outside,
        );
    }
    if editing {
        return;
    }
    let linked = note.link.map(|id| app.doc.node(id));
    let text_bottom = if linked.is_some() {
        rect.bottom() - 20.0
    } else {
        rect.bottom() - 6.0
    };
    let galley = painter.layout(
        note.text.clone(),
        FontId::proportional(13.0),
        Color32::from_rgb(30, 30, 30),
        rect.width() - 12.0,
    );
    let clip = Rect::from_min_max(rect.min, pos2(rect.right(), text_bottom));
    painter
        .with_clip_rect(clip.intersect(painter.clip_rect()))
        .galley(rect.min + vec2(6.0, 6.0), galley, Color32::BLACK);
    if let Some(node) = linked {
        let text = match node {
            Some(n) => format!(
                "{} · {}% · {}",
                n.kind.label(),
                n.confidence,
                n.status.label().to_lowercase()
            ),
            None => "linked card was deleted".to_owned(),
        };
        painter.text(
            pos2(rect.left() + 6.0, rect.bottom() - 6.0),
            Align2::LEFT_BOTTOM,
            text,
            FontId::proportional(10.5),
            Color32::from_rgb(60, 70, 90),
        );
    }
}

/// The text field laid over a note while it is typed.
fn note_editor(app: &mut CredenceApp, ui: &mut Ui, rect: Rect) {
    let Some(edit) = app.canvas_board.editing.as_mut() else {
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
