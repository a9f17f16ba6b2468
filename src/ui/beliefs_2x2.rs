//! Cutler's belief map and his value × certainty chart: two 2×2 views of the
//! same document, like the assumption map.
//!
//! On the belief map a card's left–right place is its `stance`, set by
//! dragging. Its height is convergence: measured from the spread of the
//! revealed votes when there are enough (a teal marker says so, and a drag
//! then changes only the stance), else placed by hand. Cards not yet placed
//! wait in a tray under the plot; dropping one back there unplaces it. On
//! value × certainty a card sits by importance (band) and confidence, and a
//! drag sets both. Cards glide to their new place when the history slider
//! moves, so a team can watch beliefs travel round Cutler's cycle.

use super::app::CredenceApp;
use super::boards::{Board, BoardKind, Tab};
use super::export_dialog::ExportBoard;
use super::quadrant::{card_painter, dropped};
use crate::analysis::belief_map::{self, Quadrant};
use crate::analysis::votes::points;
use crate::edit::Command;
use crate::model::{Document, Node, NodeId};
use crate::render::Theme;
use crate::render::quadrants::{self, BeliefCard, QuadrantBoard, QuadrantStyle};
use egui::{Id, Pos2, Rect, Sense, Ui, WidgetInfo, pos2, vec2};
use std::collections::HashMap;

/// How long a card takes to glide to a new place.
const GLIDE_SECONDS: f32 = 0.45;

/// Which of the two charts the board shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BeliefView {
    #[default]
    Convergence,
    ValueCertainty,
}

#[derive(Default)]
pub struct Beliefs2x2State {
    pub view: BeliefView,
    /// Also place assumptions and bets, not only beliefs.
    pub include_more: bool,
    dragging: Option<NodeId>,
}

/// The values under a point of the plot: (stance, convergence) or
/// (confidence, importance).
fn values_at(view: BeliefView, area: Rect, p: Pos2) -> (u8, u8) {
    let fx = ((p.x - area.left()) / area.width()).clamp(0.0, 1.0);
    let fy = ((p.y - area.top()) / area.height()).clamp(0.0, 1.0);
    let x = (fx * 100.0).round() as u8;
    match view {
        BeliefView::Convergence => (x, ((1.0 - fy) * 100.0).round() as u8),
        BeliefView::ValueCertainty => (x, 5 - ((fy * 5.0).floor() as u8).min(4)),
    }
}

/// The 2×2 a view draws.
fn board_of(view: BeliefView) -> QuadrantBoard {
    match view {
        BeliefView::Convergence => QuadrantBoard::Beliefs,
        BeliefView::ValueCertainty => QuadrantBoard::ValueCertainty,
    }
}

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    app.refresh_past();
    let rect = ui.available_rect_before_wrap();
    ui.advance_cursor_after_rect(rect);
    let style = QuadrantStyle::new(Theme::Light.palette());
    ui.painter_at(rect).rect_filled(rect, 0.0, style.background);
    let view = app.doc_ui.beliefs_2x2.view;
    let board = board_of(view);
    let area = quadrants::plot_area(board, rect);
    if area.width() < 100.0 || area.height() < 100.0 {
        return;
    }
    controls(app, ui, rect);

    let viewing = app
        .doc_ui
        .workshop_ui
        .viewing
        .and_then(|i| app.open.doc().snapshots.get(i));
    let recorded: HashMap<NodeId, bool> = viewing
        .map(|s| s.nodes.iter().map(|n| (n.node, n.measured)).collect())
        .unwrap_or_default();
    let read_only = viewing.is_some();
    let doc = app.shown_doc();
    let include = app.doc_ui.beliefs_2x2.include_more;
    let layout = quadrants::layout(doc, board, rect, include, &recorded);
    quadrants::paint_frame(ui.painter(), &layout, &style, false);

    let plot = ui.interact(area, Id::unique("belief-map-plot"), Sense::hover());
    let plot_name = match view {
        BeliefView::Convergence => "Belief map plot",
        BeliefView::ValueCertainty => "Value × certainty plot",
    };
    plot.widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, plot_name));

    let tray = layout.tray.unwrap_or(Rect::NOTHING);
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let dragging = app.doc_ui.beliefs_2x2.dragging;
    let mut picked = None;
    let mut lifted = None;
    for place in &layout.cards {
        let id = place.id;
        let Some(node) = doc.node(id) else {
            continue;
        };
        // Glide to the target; a card just dropped lands where it was let go.
        let snap = if dragging == Some(id) {
            0.0
        } else {
            GLIDE_SECONDS
        };
        let ctx = ui.ctx();
        let center = pos2(
            ctx.animate_value_with_time(
                Id::unique(("belief-card-x", id.0)),
                place.rect.center().x,
                snap,
            ),
            ctx.animate_value_with_time(
                Id::unique(("belief-card-y", id.0)),
                place.rect.center().y,
                snap,
            ),
        );
        let r = Rect::from_center_size(center, place.rect.size());
        let response = ui.interact(
            r,
            Id::unique(("belief-card", id.0)),
            if read_only {
                Sense::click()
            } else {
                Sense::click_and_drag()
            },
        );
        let label = format!("{}: {}", node.kind.label(), node.title);
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        if let Some(dot) = place.dot
            && !place.in_tray
        {
            quadrants::paint_leader(ui.painter(), dot, r, &style);
        }
        let shown = match (dragging, pointer) {
            (Some(d), Some(p)) if d == id => Rect::from_center_size(p, r.size()),
            _ => r,
        };
        quadrants::paint_card(
            &card_painter(ui, dragging == Some(id)),
            node,
            &place.footer,
            shown,
            app.doc_ui.selection.nodes.contains(&id),
            &style,
        );
        if place.measured && view == BeliefView::Convergence && !place.in_tray {
            quadrants::paint_measured(ui.painter(), shown, &style);
        }
        // Built only for the card under the pointer.
        let response = response.on_hover_ui(|ui| {
            let card = BeliefCard {
                node,
                height: belief_map::heights(doc).get(&id).copied(),
                measured_then: recorded.get(&id).copied().unwrap_or(false),
            };
            ui.label(hover(view, &card, place.measured, read_only));
        });
        if response.clicked() || response.drag_started() {
            picked = Some(id);
        }
        if response.drag_started() {
            lifted = Some(id);
        }
    }
    if let Some(id) = picked {
        app.doc_ui.selection.only_node(id);
    }
    if lifted.is_some() {
        app.doc_ui.beliefs_2x2.dragging = lifted;
    }
    if let Some((id, p)) = dropped(ui, &mut app.doc_ui.beliefs_2x2.dragging) {
        drop_card(app, view, area, tray, id, p);
    }
    if !read_only {
        nudge(app, ui, view);
    }
    super::workshop::history_banner(app, ui);
}

/// The view switch and the "include" toggle, above the plot.
fn controls(app: &mut CredenceApp, ui: &mut Ui, rect: Rect) {
    let bar = Rect::from_min_size(rect.min + vec2(12.0, 8.0), vec2(rect.width() - 24.0, 26.0));
    ui.scope_builder(egui::UiBuilder::new().max_rect(bar), |ui| {
        ui.horizontal(|ui| {
            let state = &mut app.doc_ui.beliefs_2x2;
            ui.selectable_value(
                &mut state.view,
                BeliefView::Convergence,
                "Convergence × stance",
            )
            .on_hover_text(
                "Cutler's belief map: where we agree or diverge, and what we want to keep or shift",
            );
            ui.selectable_value(
                &mut state.view,
                BeliefView::ValueCertainty,
                "Value × certainty",
            )
            .on_hover_text("Beliefs by importance and confidence; drag to change both");
            ui.separator();
            ui.checkbox(&mut state.include_more, "Include assumptions and bets")
                .on_hover_text("Place assumptions and bets as well as beliefs");
        });
    });
}

fn hover(view: BeliefView, card: &BeliefCard, measured: bool, read_only: bool) -> String {
    let n = &card.node;
    let mut text = n.title.clone();
    match view {
        BeliefView::Convergence => {
            match (n.stance, card.height) {
                (Some(s), Some(h)) => {
                    text += &format!(
                        "\n{}\nStance {s} of 100, convergence {} of 100",
                        Quadrant::of(s, h.convergence).caption(),
                        h.convergence
                    )
                }
                _ => text += "\nNot placed yet",
            }
            if let Some(s) = card.height.and_then(|h| h.measured) {
                text += &format!(
                    "\nHeight measured from {} revealed votes: median {}, IQR {}",
                    s.count,
                    points(s.median),
                    points(s.iqr())
                );
            }
            if !read_only {
                text += if measured {
                    "\nDrag sideways to change the stance; the votes set the height."
                } else {
                    "\nDrag to place it: sideways sets the stance, up and down the convergence."
                };
            }
        }
        BeliefView::ValueCertainty => {
            text += &format!("\nImportance {}, {}% confident", n.importance, n.confidence);
            if !read_only {
                text += "\nDrag to change both.";
            }
        }
    }
    if read_only {
        text += "\nViewing a snapshot: go back to now to move cards.";
    }
    text
}

/// Arrow keys move the selected cards, as in any whiteboard: 5 points a
/// press, 1 with Shift. On the belief map left and right change the stance
/// and up and down the hand-set convergence (a measured card only moves
/// sideways); on value × certainty they change confidence and importance.
fn nudge(app: &mut CredenceApp, ui: &Ui, view: BeliefView) {
    if app.doc_ui.selection.nodes.is_empty() || ui.ctx().memory(|m| m.focused().is_some()) {
        return;
    }
    let (dx, dy, fine) = ui.input(|i| {
        let pressed = |k| i.key_pressed(k);
        (
            i32::from(pressed(egui::Key::ArrowRight)) - i32::from(pressed(egui::Key::ArrowLeft)),
            i32::from(pressed(egui::Key::ArrowUp)) - i32::from(pressed(egui::Key::ArrowDown)),
            i.modifiers.shift,
        )
    });
    if dx == 0 && dy == 0 {
        return;
    }
    let step = if fine { 1 } else { 5 };
    let shift = |v: u8, by: i32| (i32::from(v) + by).clamp(0, 100) as u8;
    let heights = belief_map::heights(app.open.doc());
    let include = app.doc_ui.beliefs_2x2.include_more;
    let changed: Vec<Node> = app
        .open
        .doc()
        .nodes
        .iter()
        .filter(|n| {
            app.doc_ui.selection.nodes.contains(&n.id) && belief_map::placed_kind(n.kind, include)
        })
        .filter_map(|n| {
            let mut c = n.clone();
            match view {
                BeliefView::Convergence => {
                    c.stance = Some(shift(n.stance.unwrap_or(50), dx * step));
                    let measured = heights.get(&n.id).is_some_and(|h| h.measured.is_some());
                    if !measured {
                        c.convergence = Some(shift(n.convergence.unwrap_or(50), dy * step));
                    }
                }
                BeliefView::ValueCertainty => {
                    c.confidence = shift(n.confidence, dx * step);
                    c.importance = (i32::from(n.importance) + dy).clamp(1, 5) as u8;
                }
            }
            (c != *n).then_some(c)
        })
        .collect();
    if !changed.is_empty() {
        app.apply(Command::UpdateNodes(changed));
    }
}

/// Turns a drop into one undoable edit of the node's fields.
fn drop_card(app: &mut CredenceApp, view: BeliefView, area: Rect, tray: Rect, id: NodeId, p: Pos2) {
    let Some(node) = app.open.doc().node(id) else {
        return;
    };
    let mut changed = node.clone();
    let (x, y) = values_at(view, area, p);
    match view {
        BeliefView::Convergence if tray.expand(4.0).contains(p) => {
            changed.stance = None;
            changed.convergence = None;
        }
        BeliefView::Convergence => {
            let measured = belief_map::heights(app.open.doc())
                .get(&id)
                .is_some_and(|h| h.measured.is_some());
            changed.stance = Some(x);
            if !measured {
                changed.convergence = Some(y);
            }
        }
        BeliefView::ValueCertainty => {
            changed.confidence = x;
            changed.importance = y;
        }
    }
    if changed != *node {
        app.apply(Command::UpdateNodes(vec![changed]));
    }
}

/// The belief 2×2's tab: Cutler's belief map and value × certainty.
pub struct Beliefs2x2Board;

impl BoardKind for Beliefs2x2Board {
    fn owns(&self, board: Board) -> bool {
        board == Board::Beliefs
    }

    fn tabs(&self, _doc: &Document) -> Vec<Tab> {
        vec![Tab {
            board: Board::Beliefs,
            title: "Belief 2×2".into(),
            hint: "Cutler's belief map: where we agree, where we must learn; and value × certainty",
        }]
    }

    fn show(&self, app: &mut CredenceApp, ui: &mut Ui, _board: Board) {
        show(app, ui);
    }

    fn status(&self, app: &CredenceApp, _board: Board) -> (String, &'static str) {
        let doc = app.open.doc();
        let beliefs = doc
            .nodes
            .iter()
            .filter(|n| n.kind == crate::model::NodeKind::Belief)
            .count();
        (
            format!(
                "{beliefs} beliefs · {} on the learning backlog",
                crate::analysis::backlog::items(doc).len()
            ),
            "Drag a card sideways to set its stance, up or down to set convergence \
             (revealed votes measure it instead) · arrows nudge the selection · \
             drop in the tray to unplace it",
        )
    }

    fn export(&self, app: &CredenceApp, _board: Board) -> ExportBoard {
        ExportBoard::Quadrants(board_of(app.doc_ui.beliefs_2x2.view))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_maps_back_to_its_values() {
        let area = Rect::from_min_size(Pos2::ZERO, vec2(400.0, 500.0));
        assert_eq!(
            values_at(BeliefView::Convergence, area, pos2(100.0, 125.0)),
            (25, 75)
        );
        assert_eq!(
            values_at(BeliefView::ValueCertainty, area, pos2(400.0, 10.0)),
            (100, 5)
        );
        assert_eq!(
            values_at(BeliefView::ValueCertainty, area, pos2(0.0, 499.0)),
            (0, 1)
        );
        let n = Node {
            importance: 4,
            confidence: 30,
            ..Node::default()
        };
        let (fx, fy) = quadrants::spot(board_of(BeliefView::ValueCertainty), &n, None).unwrap();
        let p = area.min + vec2(fx * area.width(), fy * area.height());
        assert_eq!(values_at(BeliefView::ValueCertainty, area, p), (30, 4));
        assert!(quadrants::spot(board_of(BeliefView::Convergence), &n, None).is_none());
    }
}
