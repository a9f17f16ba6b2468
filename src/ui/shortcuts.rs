//! Keyboard shortcuts. File and undo shortcuts work everywhere (Ctrl+S while
//! typing in the inspector must still save); map shortcuts such as Delete or
//! Tab only act while the canvas has the keyboard, so they never eat text.

use super::app::CredenceApp;
use super::file_ops::Pending;
use crate::edit::Edit;
use crate::edit::{Command, Snippet};
use crate::model::Point;
use egui::{Event, Key, KeyboardShortcut, Modifiers, Ui};

pub const NEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::N);
pub const OPEN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
pub const SAVE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::S);
pub const SAVE_AS: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::S);
pub const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
pub const FIND: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::F);
pub const UNDO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Z);
pub const REDO: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
pub const REDO_Y: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);
pub const SELECT_ALL: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::A);
pub const DUPLICATE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
pub const COPY: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::C);
pub const CUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::X);
pub const PASTE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::V);
pub const ZOOM_RESET: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Num0);
pub const ZOOM_IN: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Equals);
pub const ZOOM_OUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Minus);
pub const PRESENT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F5);

/// How far a duplicate lands from its original, in board units.
const DUPLICATE_OFFSET: f32 = 30.0;

pub fn global(app: &mut CredenceApp, ui: &mut Ui) {
    let ctx = ui.ctx().clone();
    let typing = ctx.text_edit_focused();
    // Consume the Shift variants first: a plain Ctrl+S would also match them.
    if ctx.input_mut(|i| i.consume_shortcut(&SAVE_AS)) {
        app.save_as();
    } else if ctx.input_mut(|i| i.consume_shortcut(&SAVE)) {
        app.save();
    }
    if ctx.input_mut(|i| i.consume_shortcut(&NEW)) {
        app.request(Pending::New);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&OPEN)) {
        app.request(Pending::Open(None));
    }
    if app.pending.is_some()
        || app.path_prompt.is_some()
        || app.save_conflict
        || app.read_only_save.is_some()
    {
        return;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&EXPORT)) {
        app.open_export_dialog();
    }
    if ctx.input_mut(|i| i.consume_shortcut(&FIND)) {
        app.open_search();
    }
    if app.export_open || app.doc_ui.search.is_some() {
        return;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&PRESENT)) {
        app.start_presentation(&ctx);
        return;
    }
    if !typing {
        if ctx.input_mut(|i| i.consume_shortcut(&REDO) || i.consume_shortcut(&REDO_Y)) {
            app.redo();
        } else if ctx.input_mut(|i| i.consume_shortcut(&UNDO)) {
            app.undo();
        }
    }
    if !typing {
        super::boards::kind_of(app.doc_ui.board).keyboard(app, &ctx);
    }
}

/// The belief map's keys; [`MapBoard`](super::map::MapBoard) decides when.
pub(crate) fn map_keys(app: &mut CredenceApp, ctx: &egui::Context) {
    let pressed = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    // The map on a snapshot is the past, and the past is read-only: keys
    // that would change the map do nothing (looking around still works).
    let past = app.doc_ui.workshop_ui.viewing.is_some();
    let pressed = |key: Key| !past && pressed(key);
    let pressed_any = |key: Key| ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key));
    if pressed(Key::Delete) || pressed(Key::Backspace) {
        delete_selection(app);
    }
    if pressed(Key::Tab) {
        app.create_child();
    }
    if pressed(Key::Enter) {
        app.create_sibling();
    }
    if pressed(Key::F2)
        && let Some(id) = app.doc_ui.selection.single_node()
    {
        app.start_title_edit(id);
    }
    if pressed_any(Key::Escape) {
        app.doc_ui.selection.clear();
        app.doc_ui.trace_focus = None;
    }
    if pressed_any(Key::T)
        && let Some(id) = app.doc_ui.selection.single_node()
    {
        app.toggle_trace(id);
    }
    if pressed(Key::L) {
        app.auto_layout_selection_or_all();
    }
    if pressed(Key::P) {
        app.toggle_pin_selection();
    }
    if pressed(Key::D) && app.open.doc().workshop.dot_round.is_some() {
        for id in app.doc_ui.selection.nodes.clone() {
            app.place_dot(crate::model::DotTarget::Node(id));
        }
    }
    if pressed_any(Key::F) {
        app.fit_view();
    }
    if ctx.input_mut(|i| i.consume_shortcut(&ZOOM_RESET)) {
        app.camera.zoom = 1.0;
    }
    if ctx.input_mut(|i| i.consume_shortcut(&ZOOM_IN)) {
        app.camera.zoom = (app.camera.zoom * 1.25).min(crate::render::Camera::MAX_ZOOM);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&ZOOM_OUT)) {
        app.camera.zoom = (app.camera.zoom / 1.25).max(crate::render::Camera::MIN_ZOOM);
    }
    if ctx.input_mut(|i| i.consume_shortcut(&SELECT_ALL)) {
        app.doc_ui.selection.nodes = app.open.doc().nodes.iter().map(|n| n.id).collect();
    }
    if ctx.input_mut(|i| i.consume_shortcut(&DUPLICATE)) && !past {
        let snippet = Snippet::from_selection(app.open.doc(), &app.doc_ui.selection);
        paste(app, &snippet, DUPLICATE_OFFSET, DUPLICATE_OFFSET);
    }

    // Clipboard: the window turns Ctrl+C/X/V into Copy/Cut/Paste events;
    // plain key presses (as in tests, or with shortcuts remapped) work too.
    let events = ctx.input(|i| i.events.clone());
    let mut copy = ctx.input_mut(|i| i.consume_shortcut(&COPY));
    let mut cut = ctx.input_mut(|i| i.consume_shortcut(&CUT));
    let mut paste_text = None;
    let mut paste_key = ctx.input_mut(|i| i.consume_shortcut(&PASTE));
    for event in events {
        match event {
            Event::Copy => copy = true,
            Event::Cut => cut = true,
            Event::Paste(text) => paste_text = Some(text),
            _ => {}
        }
    }
    if copy || cut {
        let snippet = Snippet::from_selection(app.open.doc(), &app.doc_ui.selection);
        if !snippet.is_empty() {
            ctx.copy_text(snippet.to_text());
            app.clipboard = Some(snippet);
            if cut && !past {
                delete_selection(app);
            }
        }
    }
    if past {
        return;
    }
    if let Some(text) = paste_text {
        if let Some(snippet) = Snippet::from_text(&text) {
            app.clipboard = Some(snippet.clone());
            paste_at_pointer(app, ctx, &snippet);
        } else if let Some(snippet) = app.clipboard.clone().filter(|_| text.trim().is_empty()) {
            paste_at_pointer(app, ctx, &snippet);
        } else {
            paste_plain_text(app, ctx, &text);
        }
        paste_key = false;
    }
    if paste_key && let Some(snippet) = app.clipboard.clone() {
        paste_at_pointer(app, ctx, &snippet);
    }
}

pub fn delete_selection(app: &mut CredenceApp) {
    if app.doc_ui.selection.is_empty() {
        return;
    }
    let nodes = app.doc_ui.selection.nodes.iter().copied().collect();
    let edges = app.doc_ui.selection.edges.iter().copied().collect();
    app.open.queue(Edit::Seal);
    app.apply(Command::Remove { nodes, edges });
    app.doc_ui.selection.clear();
}

fn paste(app: &mut CredenceApp, snippet: &crate::edit::Snippet, dx: f32, dy: f32) {
    if snippet.is_empty() {
        return;
    }
    let (command, ids) = snippet.paste(app.open.doc(), dx, dy);
    app.open.queue(Edit::Seal);
    app.apply(command);
    app.doc_ui.selection.clear();
    app.doc_ui.selection.nodes.extend(ids);
}

/// Pastes so the snippet's top-left corner lands under the pointer, or
/// beside the original when the pointer is not over the canvas.
fn paste_at_pointer(app: &mut CredenceApp, ctx: &egui::Context, snippet: &Snippet) {
    let min_x = snippet
        .nodes
        .iter()
        .map(|n| n.pos.x)
        .fold(f32::INFINITY, f32::min);
    let min_y = snippet
        .nodes
        .iter()
        .map(|n| n.pos.y)
        .fold(f32::INFINITY, f32::min);
    let rect = app.doc_ui.map.rect;
    let target = ctx
        .input(|i| i.pointer.hover_pos())
        .filter(|p| rect.contains(*p))
        .map(|p| app.camera.to_board(rect, p));
    match target {
        Some(Point { x, y }) if min_x.is_finite() => paste(app, snippet, x - min_x, y - min_y),
        _ => paste(app, snippet, DUPLICATE_OFFSET, DUPLICATE_OFFSET),
    }
}

/// Text from another program becomes a new card, as on any whiteboard.
fn paste_plain_text(app: &mut CredenceApp, ctx: &egui::Context, text: &str) {
    let title: String = text.trim().chars().take(500).collect();
    if title.is_empty() {
        return;
    }
    let rect = app.doc_ui.map.rect;
    let at = ctx
        .input(|i| i.pointer.hover_pos())
        .filter(|p| rect.contains(*p))
        .map(|p| app.camera.to_board(rect, p))
        .unwrap_or(app.camera.center);
    let mut node = crate::render::fitted(crate::model::Node::new(
        app.open.doc().next_node_id(),
        app.new_kind,
        title,
    ));
    node.pos = Point::new(at.x - node.size.w / 2.0, at.y - node.size.h / 2.0);
    let id = node.id;
    app.open.queue(Edit::Seal);
    app.apply(Command::add(app.open.doc(), vec![node], Vec::new()));
    app.doc_ui.selection.only_node(id);
}
