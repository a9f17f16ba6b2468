//! The belief-map canvas: painted cards, hit-tested by the canvas's one
//! widget and described to screen readers, plus the gestures on them
//! (select, drag, connect, rubber band, pan, zoom) and the in-place title
//! editor.

use super::app::CredenceApp;
use super::boards::{Board, BoardKind, Tab};
use super::export_dialog::ExportBoard;

mod layers;
mod mesh;
mod resize;
use crate::edit::{Command, Edit, MergeKey, OpenDocument};
use crate::model::{Document, Edge, EdgeKind, Node, NodeId, NodeKind, Point};
use crate::render::{self, View, card_rect, kind_colour};
use egui::{
    Color32, CursorIcon, EventFilter, FontId, Id, Key, PointerButton, Pos2, Rect, Sense, Stroke,
    StrokeKind, TextEdit, Ui, WidgetInfo, vec2,
};
use layers::{BoardLayers, Moving};
use mesh::BoardKey;

pub const CANVAS_ID: &str = "credence-canvas";
const TITLE_EDIT_ID: &str = "credence-title-edit";
/// Screen radius of the connect handle on a card's right edge.
const HANDLE_RADIUS: f32 = 7.0;

pub fn canvas_id() -> Id {
    Id::unique(CANVAS_ID)
}

#[derive(Debug)]
enum Drag {
    Nodes {
        key: MergeKey,
        start: Point,
        origins: Vec<(NodeId, Point)>,
    },
    Connect {
        from: NodeId,
    },
    Band {
        start: Pos2,
        additive: bool,
    },
    Pan,
    Resize(resize::Resize),
}

/// A title being typed into a card.
#[derive(Debug)]
pub struct TitleEdit {
    pub node: NodeId,
    pub text: String,
    /// Folds the edit into the step that created the node, so "create and
    /// name" undoes as one step.
    key: MergeKey,
    /// True for a node made for this edit; an empty title then removes it.
    created: bool,
    focused_once: bool,
}

#[derive(Debug)]
pub struct MapState {
    drag: Option<Drag>,
    pub(crate) editing: Option<TitleEdit>,
    /// The canvas rect last frame, for placing new nodes in view.
    pub(crate) rect: Rect,
    pub(crate) fit_pending: bool,
    pub(crate) focus_pending: bool,
    gestures: u64,
    /// Cards, edges and marks as last tessellated.
    board: BoardLayers,
    /// The card whose context menu is open.
    menu_card: Option<NodeId>,
}

impl Default for MapState {
    fn default() -> Self {
        Self::new()
    }
}

impl MapState {
    pub fn new() -> Self {
        Self {
            drag: None,
            editing: None,
            rect: Rect::from_min_size(Pos2::ZERO, vec2(800.0, 600.0)),
            fit_pending: true,
            focus_pending: true,
            gestures: 0,
            board: BoardLayers::default(),
            menu_card: None,
        }
    }

    pub fn fresh_key(&mut self, what: &str) -> MergeKey {
        self.gestures += 1;
        MergeKey(format!("{what}-{}", self.gestures))
    }

    pub fn cancel_edit(&mut self) {
        self.editing = None;
        self.drag = None;
    }

    /// Finishes an in-place title edit, e.g. before saving: queues what it
    /// typed (or takes a never-named new card back out).
    ///
    /// Returns false when the card goes: it was new and never named.
    pub fn commit_edit_into(&mut self, open: &mut OpenDocument) -> bool {
        let Some(edit) = self.editing.take() else {
            return true;
        };
        let text = edit.text.trim().to_owned();
        if text.is_empty() && edit.created {
            // A card that was never named is not worth keeping.
            open.queue(Edit::Undo);
            return false;
        }
        if let Some(node) = open.doc().node(edit.node)
            && node.title != text
            && !text.is_empty()
        {
            let mut node = node.clone();
            node.title = text;
            // The height follows the title in the same command, so one
            // undo restores both.
            let node = render::fitted(node);
            open.queue(Edit::Merge(Command::UpdateNodes(vec![node]), edit.key));
        }
        open.queue(Edit::Seal);
        true
    }

    pub fn is_editing(&self) -> bool {
        self.editing.is_some()
    }

    /// See [`BoardLayers::finish`].
    pub(crate) fn finish_frame(&mut self, ctx: &egui::Context) {
        self.board.finish(ctx);
    }
}

impl CredenceApp {
    /// Adds a node (and optional edges) and starts editing its title; the
    /// creation and the typed title undo as one step.
    pub(crate) fn create_node(&mut self, node: Node, edges: Vec<Edge>) {
        let key = self.doc_ui.map.fresh_key("create");
        let id = node.id;
        // The card reaches the document at the next drain; scroll now.
        self.scroll_into_view(&node);
        let command = Command::add(self.open.doc(), vec![node], edges);
        self.open.queue(Edit::Seal);
        self.apply_merged(command, key.clone());
        self.doc_ui.selection.only_node(id);
        self.doc_ui.map.editing = Some(TitleEdit {
            node: id,
            text: String::new(),
            key,
            created: true,
            focused_once: false,
        });
    }

    /// Creates a node of `kind` centred on board point `at`.
    pub fn create_node_at(&mut self, kind: NodeKind, at: Point) {
        let mut node = Node::new(self.open.doc().next_node_id(), kind, "");
        node.pos = Point::new(at.x - node.size.w / 2.0, at.y - node.size.h / 2.0);
        self.create_node(node, Vec::new());
    }

    /// Creates a node of `kind` near the middle of the view.
    pub fn create_node_in_view(&mut self, kind: NodeKind) {
        let center = self.camera.center;
        // Step aside from the last node made here, so repeated clicks fan out.
        let nudge = (self.open.doc().nodes.len() % 6) as f32 * 24.0;
        self.create_node_at(kind, Point::new(center.x + nudge, center.y + nudge));
    }

    /// Tab: a new node that the selected node rests on, placed below it.
    pub fn create_child(&mut self) {
        let Some(parent) = self
            .doc_ui
            .selection
            .single_node()
            .and_then(|id| self.open.doc().node(id))
        else {
            return;
        };
        let kind = parent.kind.child_kind();
        let siblings = self
            .open
            .doc()
            .edges
            .iter()
            .filter(|e| e.to == parent.id)
            .count();
        let mut node = Node::new(self.open.doc().next_node_id(), kind, "");
        node.pos = Point::new(
            parent.pos.x + siblings as f32 * (node.size.w + 40.0),
            parent.pos.y + parent.size.h + 120.0,
        );
        let edge = Edge::new(
            self.open.doc().next_edge_id(),
            node.id,
            parent.id,
            EdgeKind::default_between(kind, parent.kind),
        );
        self.create_node(node, vec![edge]);
    }

    /// Enter: a node of the same kind beside the selected one, resting on
    /// the same nodes with the same edge kinds.
    pub fn create_sibling(&mut self) {
        let Some(me) = self
            .doc_ui
            .selection
            .single_node()
            .and_then(|id| self.open.doc().node(id))
        else {
            return;
        };
        let mut node = Node::new(self.open.doc().next_node_id(), me.kind, "");
        node.pos = Point::new(me.pos.x + me.size.w + 40.0, me.pos.y);
        let mut next_edge = self.open.doc().next_edge_id().0;
        let edges = self
            .open
            .doc()
            .edges
            .iter()
            .filter(|e| e.from == me.id)
            .map(|e| {
                let edge = Edge::new(crate::model::EdgeId(next_edge), node.id, e.to, e.kind);
                next_edge += 1;
                edge
            })
            .collect();
        self.create_node(node, edges);
    }

    /// F2 or double-click: edit the title of an existing node.
    pub fn start_title_edit(&mut self, id: NodeId) {
        let Some(title) = self.open.doc().node(id).map(|n| n.title.clone()) else {
            return;
        };
        self.open.queue(Edit::Seal);
        self.doc_ui.map.editing = Some(TitleEdit {
            node: id,
            text: title,
            key: MergeKey(format!("title-{}", id.0)),
            created: false,
            focused_once: false,
        });
        self.doc_ui.selection.only_node(id);
    }

    /// Returns false when the card goes (new and never named).
    pub(crate) fn commit_title_edit(&mut self) -> bool {
        let kept = self.doc_ui.map.commit_edit_into(&mut self.open);
        self.doc_ui.map.focus_pending = true;
        kept
    }

    /// Pans just enough that the card is fully on screen, so a card made
    /// with Tab near the edge is not typed into blind.
    pub fn scroll_into_view(&mut self, node: &Node) {
        let card = card_rect(
            node,
            &View::new(self.camera, self.doc_ui.map.rect, &self.doc_ui.selection),
        );
        let view = self.doc_ui.map.rect.shrink(24.0);
        let dx = overshoot(card.x_range(), view.x_range());
        let dy = overshoot(card.y_range(), view.y_range());
        self.camera.pan(-vec2(dx, dy));
    }

    /// The board rect holding every card, if there are any.
    pub fn content_bounds(&self) -> Option<Rect> {
        cards_bounds(self.open.doc())
    }

    /// Where the belief map was drawn last frame, in screen points.
    pub fn canvas_rect(&self) -> Rect {
        self.doc_ui.map.rect
    }

    pub fn fit_view(&mut self) {
        if let Some(bounds) = self.content_bounds() {
            self.camera.fit(self.doc_ui.map.rect, bounds);
        }
    }
}

/// The board rect holding every card of `doc`, if there are any.
fn cards_bounds(doc: &Document) -> Option<Rect> {
    doc.nodes.iter().map(board_rect).reduce(|a, b| a.union(b))
}

/// A card's rect in board units.
pub(crate) fn board_rect(node: &Node) -> Rect {
    Rect::from_min_size(
        egui::pos2(node.pos.x, node.pos.y),
        vec2(node.size.w, node.size.h),
    )
}

/// How far `inner` sticks out of `outer` (negative: past the start).
fn overshoot(inner: egui::Rangef, outer: egui::Rangef) -> f32 {
    if inner.min < outer.min {
        inner.min - outer.min
    } else if inner.max > outer.max {
        inner.max - outer.max
    } else {
        0.0
    }
}

/// Draws the canvas and handles its gestures.
pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    let rect = ui.available_rect_before_wrap();
    app.doc_ui.map.rect = rect;
    if app.doc_ui.map.fit_pending {
        app.doc_ui.map.fit_pending = false;
        app.fit_view();
    }
    let id = canvas_id();
    let background = ui.interact(rect, id, Sense::click_and_drag());
    background.widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, "Belief map canvas"));
    ui.advance_cursor_after_rect(rect);
    // Tab and arrows belong to the map while it has focus, not to focus navigation.
    ui.memory_mut(|m| {
        m.set_focus_lock_filter(
            id,
            EventFilter {
                tab: true,
                horizontal_arrows: true,
                vertical_arrows: true,
                escape: true,
            },
        )
    });

    zoom_and_scroll(app, ui, &background);

    // The cards in view, in paint order. They are not widgets: a widget a
    // card cost egui a few hash lookups, a lock and an id check each, and a
    // map in view holds hundreds of cards, so that was a quarter of a
    // frame. The canvas's one widget takes every press, and the topmost
    // card under it is the one pressed.
    //
    // They come from the map on show: with the history slider on a
    // snapshot, only the cards it recorded can be pressed, and the past is
    // read-only (no drags, renames, new cards or connections).
    app.refresh_past();
    let past = app.doc_ui.workshop_ui.viewing.is_some();
    let view = view_of(app, rect, None);
    let cards: Vec<(NodeId, Rect)> = app
        .shown_doc()
        .nodes
        .iter()
        .map(|node| (node.id, card_rect(node, &view)))
        .filter(|(_, r)| rect.intersects(*r))
        .collect();
    let card_at = |pos: Pos2| {
        cards
            .iter()
            .rev()
            .find(|(_, r)| r.contains(pos))
            .map(|(id, _)| *id)
    };
    describe_cards(app, ui, rect, &cards);
    let hovered = background.hover_pos().and_then(card_at);
    if let Some(node) = hovered.and_then(|id| app.open.doc().node(id)) {
        let tip = format!(
            "{}: {}\nConfidence {}% · {}{}\nDouble-click or F2 to rename; drag the dot to connect",
            node.kind.label(),
            node.title,
            node.confidence,
            node.status.label(),
            if node.pinned {
                "\nPinned: auto-layout leaves it where it is (P to unpin)"
            } else {
                ""
            }
        );
        background.clone().on_hover_ui_at_pointer(|ui| {
            ui.label(tip);
        });
    }
    if !past {
        card_menu(app, &background, hovered);
    }
    vote_marks(app, ui, rect);

    // Connect handles on the hovered card and on a card selected alone (a
    // handle on every card of a big selection would bury the map), except
    // while cards are being moved: a handle would trail its card by a frame.
    let mut handles = Vec::new();
    let moving = matches!(
        app.doc_ui.map.drag,
        Some(Drag::Nodes { .. } | Drag::Resize(_))
    );
    // Grips before handles: where they overlap, the handle is on top.
    let grips = if past || moving {
        Vec::new()
    } else {
        resize::grips(app, ui, &cards)
    };
    let alone = (app.doc_ui.selection.nodes.len() == 1)
        .then(|| app.doc_ui.selection.nodes.iter().next().copied())
        .flatten();
    for (node_id, r) in &cards {
        if past || moving || (Some(*node_id) != hovered && Some(*node_id) != alone) {
            continue;
        }
        let center = egui::pos2(r.right(), r.center().y);
        let hit = Rect::from_center_size(center, vec2(HANDLE_RADIUS * 2.5, HANDLE_RADIUS * 2.5));
        let response = ui.interact(hit, Id::unique(("handle", node_id.0)), Sense::drag());
        let title = app
            .open
            .doc()
            .node(*node_id)
            .map(|n| n.title.clone())
            .unwrap_or_default();
        response.widget_info(|| {
            WidgetInfo::labeled(egui::Role::Button, true, format!("Connect from {title}"))
        });
        let response = response.on_hover_text("Drag onto another card to connect");
        if response.hovered() {
            ui.ctx().set_cursor_icon(CursorIcon::Crosshair);
        }
        handles.push((*node_id, center, response));
    }

    let modifiers = ui.input(|i| i.modifiers);
    let toggle = modifiers.shift || modifiers.command;
    let space = ui.input(|i| i.key_down(Key::Space));
    let pointer = ui.input(|i| i.pointer.interact_pos());

    // Presses on cards; what a press began on decides what it does.
    let on_card = ui
        .input(|i| i.pointer.press_origin())
        .or(pointer)
        .and_then(card_at);
    let gripped = app.use_grips(ui, rect, &grips);
    let on_card = on_card.filter(|_| !gripped);
    let activated = screen_reader_clicks(ui, &cards);
    if let Some(node_id) = on_card
        .filter(|_| background.clicked() || background.clicked_by(PointerButton::Secondary))
        .or(activated)
    {
        if app.doc_ui.map.is_editing() {
            app.commit_title_edit();
        }
        if toggle {
            app.doc_ui.selection.toggle_node(node_id);
        } else {
            app.doc_ui.selection.only_node(node_id);
        }
        app.doc_ui.map.focus_pending = true;
    }
    if let Some(node_id) = on_card.filter(|_| background.double_clicked() && !past) {
        app.start_title_edit(node_id);
    }
    if let Some(node_id) = on_card.filter(|_| {
        background.drag_started_by(PointerButton::Primary) && app.doc_ui.map.drag.is_none()
    }) {
        if app.doc_ui.map.is_editing() {
            app.commit_title_edit();
        }
        app.doc_ui.map.focus_pending = true;
        if space || past {
            app.doc_ui.map.drag = Some(Drag::Pan);
        } else {
            if !app.doc_ui.selection.nodes.contains(&node_id) {
                if !toggle {
                    app.doc_ui.selection.clear();
                }
                app.doc_ui.selection.nodes.insert(node_id);
            }
            let start = press_origin(ui, app, rect);
            let origins = app
                .open
                .doc()
                .nodes
                .iter()
                .filter(|n| app.doc_ui.selection.nodes.contains(&n.id))
                .map(|n| (n.id, n.pos))
                .collect();
            app.open.queue(Edit::Seal);
            let key = app.doc_ui.map.fresh_key("drag");
            app.doc_ui.map.drag = Some(Drag::Nodes {
                key,
                start,
                origins,
            });
        }
    }
    for (node_id, _, response) in &handles {
        if response.drag_started() {
            app.doc_ui.map.drag = Some(Drag::Connect { from: *node_id });
        }
    }

    // The background: click to select edges or clear, double-click to create,
    // drag to pan, Shift+drag to rubber-band select.
    if background.clicked() && on_card.is_none() {
        if app.doc_ui.map.is_editing() {
            app.commit_title_edit();
        }
        let view = view_of(app, rect, None);
        let edge = pointer.and_then(|p| render::edge_at(app.open.doc(), &view, p, 6.0));
        match edge {
            Some(edge) if toggle => {
                if !app.doc_ui.selection.edges.remove(&edge) {
                    app.doc_ui.selection.edges.insert(edge);
                }
            }
            Some(edge) => app.doc_ui.selection.only_edge(edge),
            None if toggle => {}
            None => app.doc_ui.selection.clear(),
        }
        app.doc_ui.map.focus_pending = true;
    }
    if background.double_clicked()
        && on_card.is_none()
        && !past
        && let Some(p) = pointer
    {
        let at = app.camera.to_board(rect, p);
        app.create_node_at(app.new_kind, at);
    }
    if background.drag_started() && app.doc_ui.map.drag.is_none() {
        app.doc_ui.map.focus_pending = true;
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(pointer)
            .unwrap_or(rect.center());
        app.doc_ui.map.drag =
            if modifiers.shift && !space && background.dragged_by(PointerButton::Primary) {
                Some(Drag::Band {
                    start: origin,
                    additive: modifiers.command,
                })
            } else {
                Some(Drag::Pan)
            };
    }

    continue_drag(app, ui, rect);
    // The map paints what the pointer just did: a dragged card must not
    // trail it by a frame. So the queue is drained once more here, between
    // reading the pointer and painting.
    app.apply_queued(Some(ui.ctx()));

    let painter = ui.painter_at(rect);
    let mut board = std::mem::take(&mut app.doc_ui.map.board);
    let editing = app.doc_ui.map.editing.as_ref().map(|e| e.node);
    let trace = app.trace_highlight();
    app.refresh_insights();
    app.refresh_past();
    let insights = app.insights_ref().expect("just refreshed");
    // No hover here: its outline goes on top of the retained board, so the
    // pointer moving across cards does not redraw it.
    let view = View {
        editing,
        trace: trace.as_ref(),
        effective: Some(&insights.effective),
        in_cycle: Some(&insights.in_cycle),
        ends: Some(&insights.ends),
        ..View::new(app.camera, rect, &app.doc_ui.selection)
    };
    render::paint_background(&painter, &view);
    let (size, fill, tessellation, pixels_per_point) = BoardKey::renderer(ui.ctx());
    let key = BoardKey {
        doc: (
            app.open.generation(),
            app.open.history().drawn_state(),
            app.doc_ui.workshop_ui.viewing,
        ),
        zoom: app.camera.zoom,
        rect,
        selection: app.doc_ui.selection.clone(),
        editing,
        trace: trace.as_ref().map(|t| t.focus),
        leaving_out: None,
        pixels_per_point,
        atlas: (size, fill),
        tessellation,
    };
    let doc = app.shown_doc();
    // Only needed when a mesh is painted, not on the frames that reuse one.
    let content = || content_on_screen(doc, &view);
    let dragged: Option<(&MergeKey, Vec<NodeId>)> = match &app.doc_ui.map.drag {
        Some(Drag::Nodes { key, origins, .. }) if app.doc_ui.workshop_ui.viewing.is_none() => {
            let mut ids: Vec<NodeId> = origins.iter().map(|(id, _)| *id).collect();
            ids.sort_unstable();
            Some((key, ids))
        }
        _ => None,
    };
    let moving = dragged.as_ref().and_then(|(gesture, nodes)| {
        let since = app.open.history().open_since(gesture)?;
        Some(Moving {
            nodes,
            gesture,
            since,
        })
    });
    let center = app.camera.center;
    board.paint(&painter, key, center, &content, doc, &view, moving);
    if let Some(node) = hovered.and_then(|id| doc.node(id)) {
        render::paint_hover(&painter, node, &view);
    }
    app.doc_ui.map.board = board;
    for (node_id, center, response) in &handles {
        let colour = app
            .open
            .doc()
            .node(*node_id)
            .map_or(Color32::GRAY, |n| kind_colour(n.kind));
        let radius = if response.hovered() {
            HANDLE_RADIUS + 2.0
        } else {
            HANDLE_RADIUS
        };
        painter.circle(*center, radius, Color32::WHITE, Stroke::new(2.0, colour));
        painter.circle_filled(*center, radius * 0.4, colour);
    }
    paint_drag_feedback(app, &painter, ui, rect);

    title_editor(app, ui, rect);

    if app.doc_ui.map.focus_pending && !app.doc_ui.map.is_editing() {
        app.doc_ui.map.focus_pending = false;
        ui.memory_mut(|m| m.request_focus(id));
    }
}

/// Where everything on the board lies on screen: its cards, with room for
/// what hangs off them (curving edges, vote tags).
/// A right-click on a card selects it (unless it is already part of the
/// selection) and opens its menu.
fn card_menu(app: &mut CredenceApp, background: &egui::Response, hovered: Option<NodeId>) {
    if background.secondary_clicked() {
        app.doc_ui.map.menu_card = hovered;
        if let Some(id) = hovered
            && !app.doc_ui.selection.nodes.contains(&id)
        {
            app.doc_ui.selection.clear();
            app.doc_ui.selection.nodes.insert(id);
        }
    }
    let Some(id) = app.doc_ui.map.menu_card else {
        return;
    };
    let Some(pinned) = app.open.doc().node(id).map(|n| n.pinned) else {
        return;
    };
    background.context_menu(|ui| {
        let label = if pinned { "Unpin" } else { "Pin" };
        if ui
            .button(label)
            .on_hover_text("Pinned cards stay put when the map is laid out (P)")
            .clicked()
        {
            app.toggle_pin_selection();
            ui.close();
        }
        if ui.button("Rename").on_hover_text("F2").clicked() {
            app.start_title_edit(id);
            ui.close();
        }
        if ui.button("Delete").on_hover_text("Delete").clicked() {
            super::shortcuts::delete_selection(app);
            ui.close();
        }
    });
}

fn content_on_screen(doc: &Document, view: &View<'_>) -> Option<Rect> {
    let cards = cards_bounds(doc)?;
    let board = cards.expand(40.0 + 0.1 * cards.size().max_elem());
    let min = view.to_screen(Point::new(board.min.x, board.min.y));
    let max = view.to_screen(Point::new(board.max.x, board.max.y));
    Some(Rect::from_min_max(min, max))
}

/// Each card's vote tag and dot badge as a widget with a label, so screen
/// readers and tests read what the room sees, and only that.
fn vote_marks(app: &CredenceApp, ui: &mut Ui, rect: Rect) {
    let doc = app.shown_doc();
    let view = view_of(app, rect, None);
    let marks = render::marks_in_view(doc, &view, rect, |_| true);
    for node in &doc.nodes {
        let Some(m) = marks.get(&node.id) else {
            continue;
        };
        // The badge sits on the card's top-right corner; a tag is below.
        let z = view.camera.zoom;
        let tagged = crate::model::takes_votes(node.kind) && !m.votes.is_empty();
        let area = if tagged {
            render::tag_rect(node, &view)
        } else if m.dots > 0 {
            Rect::from_center_size(card_rect(node, &view).right_top(), vec2(22.0, 22.0) * z)
        } else {
            continue;
        };
        if !rect.intersects(area) {
            continue;
        }
        let response = ui.interact(
            area.intersect(rect),
            Id::unique(("vote-marks", node.id.0)),
            Sense::hover(),
        );
        // The label is built only when a screen reader or test asks.
        let label = || {
            let mut parts: Vec<String> = Vec::new();
            if tagged {
                parts.extend(m.caption());
            }
            if m.dots > 0 {
                let s = if m.dots == 1 { "" } else { "s" };
                parts.push(format!("{} dot{s}", m.dots));
            }
            format!("Votes on {}: {}", node.title, parts.join(" · "))
        };
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Label, true, label()));
    }
}

/// Gives screen readers (and the GUI tests) a node for each card in view,
/// where a widget would have had one: a button named by its title.
fn describe_cards(app: &CredenceApp, ui: &Ui, rect: Rect, cards: &[(NodeId, Rect)]) {
    let ctx = ui.ctx();
    // `cards` keeps the document's order: one walk finds every card's node.
    let mut nodes = app.open.doc().nodes.iter();
    for (node_id, r) in cards {
        let Some(node) = nodes.find(|n| n.id == *node_id) else {
            continue;
        };
        let info = card_info(node);
        let r = r.intersect(rect);
        let described = ctx.accesskit_node_builder(card_id(*node_id), |b| {
            b.set_role(info.role);
            if let Some(label) = &info.label {
                b.set_label(label.as_str());
            }
            b.set_bounds(egui::accesskit::Rect {
                x0: r.min.x.into(),
                y0: r.min.y.into(),
                x1: r.max.x.into(),
                y1: r.max.y.into(),
            });
            b.add_action(egui::accesskit::Action::Click);
        });
        if described.is_none() {
            // No screen reader is listening: none of the rest would be kept.
            return;
        }
    }
}

/// The card a screen reader asked to click, if any.
fn screen_reader_clicks(ui: &Ui, cards: &[(NodeId, Rect)]) -> Option<NodeId> {
    ui.input(|i| {
        i.events.iter().find_map(|event| match event {
            egui::Event::AccessKitActionRequest(request)
                if request.action == egui::accesskit::Action::Click =>
            {
                cards
                    .iter()
                    .map(|(id, _)| *id)
                    .find(|id| card_id(*id).accesskit_id() == request.target_node)
            }
            _ => None,
        })
    })
}

fn card_id(node: NodeId) -> Id {
    Id::unique(("node", node.0))
}

/// A card's accessible name: its title, or "Untitled" (an empty name
/// would leave the card unreachable for screen readers and tests).
pub(crate) fn card_info(node: &crate::model::Node) -> WidgetInfo {
    let title = if node.title.is_empty() {
        "Untitled"
    } else {
        &node.title
    };
    WidgetInfo::labeled(egui::Role::Button, true, title)
}

fn view_of(app: &CredenceApp, rect: Rect, hovered: Option<NodeId>) -> View<'_> {
    View {
        hovered,
        ends: app.insights_ref().map(|i| &i.ends[..]),
        ..View::new(app.camera, rect, &app.doc_ui.selection)
    }
}

fn press_origin(ui: &Ui, app: &CredenceApp, rect: Rect) -> Point {
    let p = ui
        .input(|i| i.pointer.press_origin().or(i.pointer.interact_pos()))
        .unwrap_or(rect.center());
    app.camera.to_board(rect, p)
}

/// Ctrl+scroll or pinch zooms around the pointer; plain scroll pans.
fn zoom_and_scroll(app: &mut CredenceApp, ui: &Ui, background: &egui::Response) {
    let Some(hover) = ui.input(|i| i.pointer.hover_pos()) else {
        return;
    };
    if !ui.rect_contains_pointer(background.rect) {
        return;
    }
    let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta()));
    if zoom != 1.0 {
        // egui's per-notch factor is built for UI scaling; a canvas wants
        // finer steps (about 20% a notch), as in other whiteboards.
        app.camera
            .zoom_around(background.rect, hover, zoom.powf(0.5));
    }
    if scroll != egui::Vec2::ZERO {
        app.camera.pan(scroll);
    }
}

fn continue_drag(app: &mut CredenceApp, ui: &Ui, rect: Rect) {
    let (down, released, delta, latest) = ui.input(|i| {
        (
            i.pointer.any_down(),
            i.pointer.any_released(),
            i.pointer.delta(),
            i.pointer.latest_pos(),
        )
    });
    let Some(drag) = &app.doc_ui.map.drag else {
        return;
    };
    match drag {
        Drag::Pan => {
            app.camera.pan(delta);
            ui.ctx().set_cursor_icon(CursorIcon::Grabbing);
        }
        Drag::Nodes {
            key,
            start,
            origins,
        } => {
            if let Some(p) = latest {
                let now = app.camera.to_board(rect, p);
                let (dx, dy) = (now.x - start.x, now.y - start.y);
                let moves: Vec<(NodeId, Point)> = origins
                    .iter()
                    .map(|(id, o)| (*id, Point::new(o.x + dx, o.y + dy)))
                    .collect();
                let moved = moves
                    .iter()
                    .any(|(id, p)| app.open.doc().node(*id).is_some_and(|n| n.pos != *p));
                if moved {
                    let key = key.clone();
                    app.apply_merged(Command::Move(moves), key);
                }
            }
        }
        Drag::Resize(resize) => {
            ui.ctx().set_cursor_icon(resize::cursor(resize));
            if let Some(p) = latest
                && let Some(edit) = resize.step(app.open.doc(), app.camera.to_board(rect, p))
            {
                app.open.queue(edit);
            }
        }
        Drag::Connect { .. } | Drag::Band { .. } => {}
    }
    if down && !released {
        return;
    }
    // The gesture ends.
    let drag = app.doc_ui.map.drag.take().expect("checked above");
    match drag {
        Drag::Nodes { .. } | Drag::Resize(_) => app.open.queue(Edit::Seal),
        Drag::Connect { from } => {
            if let Some(p) = latest {
                connect_to_card_at(app, rect, from, p);
            }
        }
        Drag::Band { start, additive } => {
            if let Some(p) = latest {
                let band = Rect::from_two_pos(start, p);
                let view = view_of(app, rect, None);
                let inside: Vec<NodeId> = app
                    .open
                    .doc()
                    .nodes
                    .iter()
                    .filter(|n| band.intersects(card_rect(n, &view)))
                    .map(|n| n.id)
                    .collect();
                if !additive {
                    app.doc_ui.selection.clear();
                }
                app.doc_ui.selection.nodes.extend(inside);
            }
        }
        Drag::Pan => {}
    }
}

fn connect_to_card_at(app: &mut CredenceApp, rect: Rect, from: NodeId, p: Pos2) {
    let view = view_of(app, rect, None);
    let target = app
        .open
        .doc()
        .nodes
        .iter()
        .rev()
        .find(|n| card_rect(n, &view).contains(p))
        .map(|n| (n.id, n.kind));
    let (Some((to, to_kind)), Some(from_node)) = (target, app.open.doc().node(from)) else {
        return;
    };
    if to == from {
        return;
    }
    let kind = EdgeKind::default_between(from_node.kind, to_kind);
    let edge = Edge::new(app.open.doc().next_edge_id(), from, to, kind);
    let id = edge.id;
    app.open.queue(Edit::Seal);
    app.apply(Command::add(app.open.doc(), Vec::new(), vec![edge]));
    app.doc_ui.selection.only_edge(id);
}

fn paint_drag_feedback(app: &CredenceApp, painter: &egui::Painter, ui: &Ui, rect: Rect) {
    let latest = ui.input(|i| i.pointer.latest_pos());
    match (&app.doc_ui.map.drag, latest) {
        (Some(Drag::Connect { from }), Some(p)) => {
            let view = view_of(app, rect, None);
            if let Some(node) = app.open.doc().node(*from) {
                let r = card_rect(node, &view);
                let start = egui::pos2(r.right(), r.center().y);
                let colour = kind_colour(node.kind);
                painter.line_segment([start, p], Stroke::new(2.0, colour));
                painter.circle_filled(p, 4.0, colour);
            }
        }
        (Some(Drag::Band { start, .. }), Some(p)) => {
            let band = Rect::from_two_pos(*start, p);
            painter.rect(
                band,
                2.0,
                Color32::from_rgba_unmultiplied(37, 99, 235, 24),
                Stroke::new(1.0, Color32::from_rgb(37, 99, 235)),
                StrokeKind::Inside,
            );
        }
        _ => {}
    }
}

/// The text field laid over a card while its title is typed.
fn title_editor(app: &mut CredenceApp, ui: &mut Ui, rect: Rect) {
    let Some(edit) = &app.doc_ui.map.editing else {
        return;
    };
    let Some(node) = app.open.doc().node(edit.node) else {
        // A card created this frame is still in the edit queue: keep the
        // edit for it. Otherwise the card is gone (undone, deleted).
        if !app.open.has_pending() {
            app.doc_ui.map.editing = None;
        }
        return;
    };
    let view = view_of(app, rect, None);
    let card = card_rect(node, &view);
    let z = app.camera.zoom;
    // The field wraps as the card will, and grows as the card will grow
    // when the title is committed.
    let grown = render::fit_height(&edit.text, node.size.w).max(node.size.h) * z;
    let field = Rect::from_min_max(
        card.min + vec2(8.0 * z, 26.0 * z),
        egui::pos2(card.max.x - 8.0 * z, card.min.y + grown - 20.0 * z),
    );
    let hint = format!("{} title", node.kind.label());
    // Tab while typing: keep the text and go on to a child of this node.
    let tab = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Tab));
    // Enter finishes the title, as in a one-line field; a title has no
    // line breaks.
    let enter = ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, Key::Enter));
    let edit = app.doc_ui.map.editing.as_mut().expect("checked above");
    let response = ui.put(
        field,
        TextEdit::multiline(&mut edit.text)
            .return_key(None)
            .char_limit(crate::model::MAX_TEXT_CHARS)
            .id(Id::unique(TITLE_EDIT_ID))
            .font(FontId::proportional((15.0 * z).max(9.0)))
            .hint_text(hint)
            .lock_focus(true)
            .desired_rows(1)
            .desired_width(field.width()),
    );
    if !edit.focused_once {
        response.request_focus();
        edit.focused_once = true;
        return;
    }
    let escape = ui.input(|i| i.key_pressed(Key::Escape));
    if tab {
        let node = edit.node;
        if app.commit_title_edit() && app.open.doc().node(node).is_some() {
            app.doc_ui.selection.only_node(node);
            app.create_child();
        }
    } else if escape {
        let created = edit.created;
        app.doc_ui.map.editing = None;
        if created {
            // Escape on a brand-new card takes it back out.
            app.open.queue(Edit::Undo);
            app.doc_ui.selection.retain_existing(app.open.doc());
        }
        app.doc_ui.map.focus_pending = true;
    } else if enter || response.lost_focus() {
        app.commit_title_edit();
    }
}

/// The belief map's tab.
pub struct MapBoard;

impl BoardKind for MapBoard {
    fn owns(&self, board: Board) -> bool {
        board == Board::Map
    }

    fn tabs(&self, _doc: &Document) -> Vec<Tab> {
        vec![Tab {
            board: Board::Map,
            title: "Belief map".into(),
            hint: "The graph of what rests on what",
        }]
    }

    fn show(&self, app: &mut CredenceApp, ui: &mut Ui, _board: Board) {
        app.step_layout_animation(ui.ctx());
        show(app, ui);
        crate::ui::workshop::history_banner(app, ui);
    }

    fn status(&self, app: &CredenceApp, _board: Board) -> (String, &'static str) {
        (
            format!(
                "{} nodes · {} edges · zoom {:.0}%",
                app.open.doc().nodes.len(),
                app.open.doc().edges.len(),
                app.camera.zoom * 100.0
            ),
            "Double-click: new card · Tab: child · Enter: sibling · F2: rename · \
             drag the dot: connect · Shift+drag: select area · Ctrl+scroll: zoom",
        )
    }

    fn keyboard(&self, app: &mut CredenceApp, ctx: &egui::Context) {
        // The map's keys, while it (or nothing) has the keyboard focus.
        if !app.doc_ui.map.is_editing()
            && ctx.memory(|m| m.focused().is_none() || m.has_focus(canvas_id()))
        {
            crate::ui::shortcuts::map_keys(app, ctx);
        }
    }

    fn export(&self, _app: &CredenceApp, _board: Board) -> ExportBoard {
        ExportBoard::Map
    }
}
