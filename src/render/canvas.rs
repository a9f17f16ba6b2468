//! Drawing a canvas board: header, the grid of sections, sticky notes. The
//! canvas tab and export both call [`paint_canvas`], so an exported canvas
//! looks like the screen. [`canvas_layout`] gives the same rectangles to the
//! UI for hit-testing.

use super::{Palette, fit_text};
use crate::model::{Canvas, Document, Note, NoteId, Rgb, SectionId};
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Rect, Stroke, StrokeKind, pos2, vec2};

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
/// A sticky note at full size, as it follows the pointer in a drag.
pub const NOTE_SIZE: egui::Vec2 = vec2(NOTE_W, NOTE_H);
const NOTE_GAP: f32 = 8.0;
const TITLE_H: f32 = 30.0;
/// Notes shrink to fit a crowded section, down to this scale.
const MIN_NOTE_SCALE: f32 = 0.45;

/// The size a canvas is exported at, in board units: roomy cells, so notes
/// keep their full size in a typical workshop.
pub fn page_size(canvas: &Canvas) -> egui::Vec2 {
    vec2(
        f32::from(canvas.columns) * 420.0 + 24.0,
        f32::from(canvas.rows) * 300.0 + HEADER_H + 24.0,
    )
}

pub struct SectionLayout {
    pub id: SectionId,
    pub rect: Rect,
    pub notes: Vec<(NoteId, Rect)>,
}

/// Where everything goes when the canvas fills `rect`.
pub fn canvas_layout(canvas: &Canvas, rect: Rect) -> Vec<SectionLayout> {
    let grid = Rect::from_min_max(
        rect.min + vec2(12.0, HEADER_H + 12.0),
        rect.max - vec2(12.0, 12.0),
    );
    let cw = grid.width() / f32::from(canvas.columns.max(1));
    let rh = grid.height() / f32::from(canvas.rows.max(1));
    canvas
        .sections
        .iter()
        .map(|s| {
            let c = s.cells;
            let min = grid.min + vec2(f32::from(c.col) * cw, f32::from(c.row) * rh);
            let size = vec2(f32::from(c.cols) * cw, f32::from(c.rows) * rh);
            let srect = Rect::from_min_size(min, size).shrink(GAP / 2.0);
            let notes: Vec<&Note> = canvas.notes_in(s.id).collect();
            let rects = note_rects(srect, &notes);
            SectionLayout {
                id: s.id,
                rect: srect,
                notes: notes.iter().map(|n| n.id).zip(rects).collect(),
            }
        })
        .collect()
}

/// Rows of notes that wrap, each row as tall as its longest note needs
/// (up to six lines, as cards grow), shrunk until they fit the section.
fn note_rects(section: Rect, notes: &[&Note]) -> Vec<Rect> {
    let area = Rect::from_min_max(
        section.min + vec2(10.0, TITLE_H),
        section.max - vec2(10.0, 8.0),
    );
    let mut scale: f32 = 1.0;
    loop {
        let w = (NOTE_W * scale).min(area.width());
        let per_row = (((area.width() + NOTE_GAP) / (w + NOTE_GAP)).floor() as usize).max(1);
        let rows: Vec<f32> = notes
            .chunks(per_row)
            .map(|row| {
                row.iter()
                    .map(|n| note_height(n, w, NOTE_H * scale))
                    .fold(0.0, f32::max)
            })
            .collect();
        let needed: f32 = rows.iter().map(|h| h + NOTE_GAP).sum();
        if needed <= area.height() + NOTE_GAP || scale <= MIN_NOTE_SCALE {
            let mut top = area.min.y;
            let mut rects = Vec::with_capacity(notes.len());
            for (r, h) in rows.iter().enumerate() {
                let in_row = per_row.min(notes.len() - r * per_row);
                rects.extend((0..in_row).map(|c| {
                    Rect::from_min_size(
                        pos2(area.min.x + c as f32 * (w + NOTE_GAP), top),
                        vec2(w, *h),
                    )
                }));
                top += h + NOTE_GAP;
            }
            return rects;
        }
        scale *= 0.85;
    }
}

/// A note's text: its size, and its padding above and below.
const NOTE_TEXT: f32 = 13.0;
const NOTE_PAD: f32 = 6.0;
/// The linked card's line along a note's bottom.
const NOTE_LINK_H: f32 = 14.0;

/// The height at which `note` shows its whole text (up to six lines) at
/// width `w`, never below `base`.
fn note_height(note: &Note, w: f32, base: f32) -> f32 {
    let lines =
        fit_text::fitted_lines(&note.text, NOTE_TEXT, w - 2.0 * NOTE_PAD).min(fit_text::MAX_LINES);
    let link = if note.link.is_some() {
        NOTE_LINK_H
    } else {
        0.0
    };
    (2.0 * NOTE_PAD + link + lines as f32 * NOTE_TEXT * fit_text::LINE + 0.5).max(base)
}

/// How the screen differs from a plain drawing of the canvas.
#[derive(Clone, Copy)]
pub struct CanvasView {
    pub palette: &'static Palette,
    pub background: Option<Color32>,
    pub selected: Option<NoteId>,
    /// Drawn without its text: a text field sits on top.
    pub editing: Option<NoteId>,
    /// Left out: it follows the pointer.
    pub dragging: Option<NoteId>,
}

impl CanvasView {
    pub fn plain(palette: &'static Palette) -> Self {
        Self {
            palette,
            background: Some(palette.canvas),
            selected: None,
            editing: None,
            dragging: None,
        }
    }
}

pub fn paint_canvas(
    painter: &Painter,
    doc: &Document,
    canvas: &Canvas,
    rect: Rect,
    view: &CanvasView,
) {
    let p = view.palette;
    if let Some(bg) = view.background {
        painter.rect_filled(rect, 0.0, bg);
    }
    let header = rect.min + vec2(16.0, 8.0);
    painter.text(
        header,
        Align2::LEFT_TOP,
        &canvas.name,
        FontId::proportional(20.0),
        p.text,
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
        header + vec2(0.0, 28.0),
        Align2::LEFT_TOP,
        format!(
            "Focus: {}    Owner: {}    Horizon: {}",
            dash(&h.focus),
            dash(&h.owner),
            dash(&h.horizon)
        ),
        FontId::proportional(13.0),
        p.muted,
    );
    for section in canvas_layout(canvas, rect) {
        let Some(s) = canvas.section(section.id) else {
            continue;
        };
        painter.rect(
            section.rect,
            CornerRadius::same(8),
            p.paper,
            Stroke::new(1.0, p.grid_dot),
            StrokeKind::Inside,
        );
        painter.text(
            section.rect.left_top() + vec2(10.0, 8.0),
            Align2::LEFT_TOP,
            &s.title,
            FontId::proportional(14.0),
            p.text,
        );
        if section.notes.is_empty() && !s.prompt.is_empty() {
            let galley = painter.layout(
                s.prompt.clone(),
                FontId::proportional(12.5),
                p.muted,
                section.rect.width() - 20.0,
            );
            painter.galley(
                section.rect.left_top() + vec2(10.0, TITLE_H),
                galley,
                p.muted,
            );
        }
        for (id, nrect) in section.notes {
            if view.dragging == Some(id) {
                continue;
            }
            if let Some(note) = canvas.note(id) {
                paint_note(
                    painter,
                    doc,
                    note,
                    nrect,
                    view.selected == Some(id),
                    view.editing == Some(id),
                );
                let dots = doc.workshop.dots_on(crate::model::DotTarget::Note {
                    canvas: canvas.id,
                    note: id,
                });
                if dots > 0 {
                    let centre = nrect.right_top() + vec2(-2.0, 2.0);
                    painter.circle(centre, 10.0, super::DOT_BADGE, Stroke::new(1.5, p.paper));
                    painter.text(
                        centre,
                        Align2::CENTER_CENTER,
                        dots.to_string(),
                        FontId::proportional(12.0),
                        Color32::WHITE,
                    );
                }
            }
        }
    }
}

/// One sticky note; its linked card's kind, confidence and status along the
/// bottom.
pub fn paint_note(
    painter: &Painter,
    doc: &Document,
    note: &Note,
    rect: Rect,
    selected: bool,
    editing: bool,
) {
    let c = note.colour.unwrap_or(NOTE_COLOURS[0].1);
    let fill = Color32::from_rgb(c.0, c.1, c.2);
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
            Stroke::new(2.5, super::style::SELECTION),
            StrokeKind::Outside,
        );
    }
    if editing {
        return;
    }
    let linked = note.link.map(|id| doc.node(id));
    let text_bottom = if linked.is_some() {
        rect.bottom() - NOTE_PAD - NOTE_LINK_H
    } else {
        rect.bottom() - NOTE_PAD
    };
    let format = egui::text::TextFormat::simple(
        FontId::proportional(NOTE_TEXT),
        Color32::from_rgb(30, 30, 30),
    );
    let galley = fit_text::fit_galley(
        &note.text,
        &format,
        rect.width() - 2.0 * NOTE_PAD,
        text_bottom - rect.top() - NOTE_PAD,
        1.0,
        |job| painter.layout_job(job),
    );
    painter.galley(rect.min + vec2(NOTE_PAD, NOTE_PAD), galley, Color32::BLACK);
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
