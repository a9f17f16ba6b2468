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
use super::quadrant::{AXIS, BACKGROUND, HOT_FILL, dropped, paint_card, paint_quadrant};
use crate::analysis::backlog::IMPORTANT_FROM;
use crate::analysis::belief_map::{self, Height, Quadrant};
use crate::analysis::votes::points;
use crate::edit::Command;
use crate::model::{Node, NodeId};
use egui::{Align2, Color32, FontId, Id, Pos2, Rect, Sense, Stroke, Ui, WidgetInfo, pos2, vec2};
use std::collections::HashMap;

const CARD_W: f32 = 160.0;
const CARD_H: f32 = 46.0;
const TRAY_H: f32 = 64.0;
/// Room left for a quadrant's caption above the highest card.
const CAPTION_H: f32 = 22.0;
/// How long a card takes to glide to a new place.
const GLIDE_SECONDS: f32 = 0.45;
const MEASURED: Color32 = Color32::from_rgb(13, 148, 136);

/// Which of the two charts the board shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BeliefView {
    #[default]
    Convergence,
    ValueCertainty,
}

#[derive(Default)]
pub struct BeliefMapState {
    pub view: BeliefView,
    /// Also place assumptions and bets, not only beliefs.
    pub include_more: bool,
    dragging: Option<NodeId>,
}

/// Where a card belongs, as fractions of the plot from its top-left corner;
/// `None` on the belief map until it has both a stance and a height.
fn spot(view: BeliefView, node: &Node, height: Option<&Height>) -> Option<(f32, f32)> {
    match view {
        BeliefView::Convergence => {
            let stance = node.stance?;
            let c = height?.convergence;
            Some((f32::from(stance) / 100.0, 1.0 - f32::from(c) / 100.0))
        }
        BeliefView::ValueCertainty => Some((
            f32::from(node.confidence) / 100.0,
            (5.0 - f32::from(node.importance.clamp(1, 5)) + 0.5) / 5.0,
        )),
    }
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

/// One card to draw, borrowed from the shown document; edits wait until
/// the cards are drawn.
struct Card<'a> {
    node: &'a Node,
    height: Option<Height>,
    /// Measured, from a snapshot that recorded it so.
    measured_then: bool,
}

pub fn show(app: &mut CredenceApp, ui: &mut Ui) {
    app.refresh_past();
    let rect = ui.available_rect_before_wrap();
    ui.advance_cursor_after_rect(rect);
    ui.painter_at(rect).rect_filled(rect, 0.0, BACKGROUND);
    let view = app.doc_ui.belief_map.view;
    let tray_h = if view == BeliefView::Convergence {
        TRAY_H
    } else {
        0.0
    };
    let area = Rect::from_min_max(
        rect.min + vec2(70.0, 48.0),
        rect.max - vec2(20.0, 50.0 + tray_h),
    );
    if area.width() < 100.0 || area.height() < 100.0 {
        return;
    }
    controls(app, ui, rect);
    paint_axes(ui, view, area);

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
    let heights = belief_map::heights(doc);
    let include = app.doc_ui.belief_map.include_more;
    let cards: Vec<Card> = doc
        .nodes
        .iter()
        .filter(|n| belief_map::placed_kind(n.kind, include))
        .map(|n| Card {
            height: heights.get(&n.id).copied(),
            measured_then: recorded.get(&n.id).copied().unwrap_or(false),
            node: n,
        })
        .collect();

    let plot = ui.interact(area, Id::unique("belief-map-plot"), Sense::hover());
    let plot_name = match view {
        BeliefView::Convergence => "Belief map plot",
        BeliefView::ValueCertainty => "Value × certainty plot",
    };
    plot.widget_info(|| WidgetInfo::labeled(egui::Role::Canvas, true, plot_name));

    let tray = Rect::from_min_max(
        pos2(area.left(), area.bottom() + 44.0),
        pos2(area.right(), area.bottom() + 44.0 + tray_h - 8.0),
    );
    let places = place_cards(view, area, tray, &cards);
    if view == BeliefView::Convergence {
        paint_tray(ui, tray, places.iter().filter(|p| p.in_tray).count());
    }
    let pointer = ui.input(|i| i.pointer.interact_pos());
    let dragging = app.doc_ui.belief_map.dragging;
    let mut picked = None;
    let mut lifted = None;
    for (card, place) in cards.iter().zip(&places) {
        let id = card.node.id;
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
        let label = format!("{}: {}", card.node.kind.label(), card.node.title);
        response.widget_info(|| WidgetInfo::labeled(egui::Role::Button, true, &label));
        let measured = card.height.is_some_and(|h| h.measured.is_some()) || card.measured_then;
        if let Some(dot) = place.dot
            && !place.in_tray
        {
            let painter = ui.painter();
            if r.distance_to_pos(dot) > 2.0 {
                painter.line_segment([dot, r.clamp(dot)], Stroke::new(1.0, AXIS));
            }
            painter.circle_filled(dot, 3.5, AXIS);
        }
        let shown = match (dragging, pointer) {
            (Some(d), Some(p)) if d == id => Rect::from_center_size(p, r.size()),
            _ => r,
        };
        let footer = footer(view, card, measured);
        paint_card(
            ui,
            card.node,
            &footer,
            shown,
            app.doc_ui.selection.nodes.contains(&id),
            dragging == Some(id),
        );
        if measured && view == BeliefView::Convergence && !place.in_tray {
            let at = shown.right_top() + vec2(-9.0, 9.0);
            ui.painter()
                .circle(at, 5.0, MEASURED, Stroke::new(1.5, Color32::WHITE));
        }
        // Built only for the card under the pointer.
        let response = response.on_hover_ui(|ui| {
            ui.label(hover(view, card, measured, read_only));
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
        app.doc_ui.belief_map.dragging = lifted;
    }
    if let Some((id, p)) = dropped(ui, &mut app.doc_ui.belief_map.dragging) {
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
            let state = &mut app.doc_ui.belief_map;
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

fn paint_axes(ui: &Ui, view: BeliefView, area: Rect) {
    let painter = ui.painter();
    // Value × certainty splits between importance 2 and 3, so "high value"
    // means what the assumption map calls important.
    let my = match view {
        BeliefView::Convergence => area.center().y,
        BeliefView::ValueCertainty => {
            let important = f32::from(6 - IMPORTANT_FROM) / 5.0;
            area.top() + important * area.height()
        }
    };
    let mx = area.center().x;
    let quadrant = |right: bool, top: bool| {
        Rect::from_min_max(
            pos2(
                if right { mx } else { area.left() },
                if top { area.top() } else { my },
            ),
            pos2(
                if right { area.right() } else { mx },
                if top { my } else { area.bottom() },
            ),
        )
    };
    match view {
        BeliefView::Convergence => {
            for q in Quadrant::ALL {
                let (right, top) = q.sides();
                let fill = match q {
                    Quadrant::AgreeAndGood => Color32::from_rgb(233, 245, 237),
                    Quadrant::HealthyTension => Color32::from_rgb(232, 240, 252),
                    Quadrant::MustLearn => HOT_FILL,
                    Quadrant::StaleAgreement => Color32::from_rgb(250, 245, 228),
                };
                let hot = q == Quadrant::MustLearn;
                paint_quadrant(painter, quadrant(right, top), q.caption(), fill, hot);
            }
        }
        BeliefView::ValueCertainty => {
            let captions = [
                (
                    false,
                    true,
                    "Valuable and uncertain: learn here first",
                    HOT_FILL,
                    true,
                ),
                (
                    true,
                    true,
                    "Valuable and fairly certain: act on it",
                    Color32::from_rgb(233, 245, 237),
                    false,
                ),
                (
                    false,
                    false,
                    "Uncertain, less valuable: do not over-invest in learning",
                    Color32::from_rgb(242, 244, 247),
                    false,
                ),
                (
                    true,
                    false,
                    "Certain, less valuable: fine as it is",
                    Color32::from_rgb(246, 243, 236),
                    false,
                ),
            ];
            for (right, top, caption, fill, hot) in captions {
                paint_quadrant(painter, quadrant(right, top), caption, fill, hot);
            }
        }
    }
    let stroke = Stroke::new(1.5, AXIS);
    painter.line_segment([pos2(mx, area.top()), pos2(mx, area.bottom())], stroke);
    painter.line_segment([pos2(area.left(), my), pos2(area.right(), my)], stroke);
    let font = FontId::proportional(12.0);
    let (left, right, up, down, x_title) = match view {
        BeliefView::Convergence => (
            "Disrupt, challenge, shift",
            "Maintain, support, continue",
            "Convergence: we agree",
            "Divergence: we disagree",
            "Stance",
        ),
        BeliefView::ValueCertainty => (
            "Uncertain",
            "Certain",
            "High value",
            "Low value",
            "Certainty (confidence)",
        ),
    };
    let below = area.bottom() + 6.0;
    painter.text(
        pos2(area.left(), below),
        Align2::LEFT_TOP,
        left,
        font.clone(),
        AXIS,
    );
    painter.text(
        pos2(area.right(), below),
        Align2::RIGHT_TOP,
        right,
        font.clone(),
        AXIS,
    );
    painter.text(
        pos2(mx, below),
        Align2::CENTER_TOP,
        x_title,
        font.clone(),
        AXIS,
    );
    // The vertical axis reads bottom to top, written up the left margin.
    for (text, y, align) in [(down, area.bottom(), 0.0), (up, area.top(), 1.0)] {
        let galley = painter.layout_no_wrap(text.to_string(), font.clone(), AXIS);
        let start = pos2(area.left() - 62.0, y + align * galley.size().x);
        painter.add(
            egui::epaint::TextShape::new(start, galley, AXIS)
                .with_angle(-std::f32::consts::FRAC_PI_2),
        );
    }
    if view == BeliefView::ValueCertainty {
        for importance in 1..=5u8 {
            let y = area.top() + (5.0 - f32::from(importance) + 0.5) / 5.0 * area.height();
            painter.text(
                pos2(area.left() - 8.0, y),
                Align2::RIGHT_CENTER,
                format!("{importance}"),
                FontId::proportional(13.0),
                AXIS,
            );
        }
    }
}

/// A card's footer: how its place was found.
fn footer(view: BeliefView, card: &Card, measured: bool) -> String {
    match view {
        BeliefView::ValueCertainty => format!(
            "Importance {} · {}% sure",
            card.node.importance, card.node.confidence
        ),
        BeliefView::Convergence => match card.height.and_then(|h| h.measured) {
            Some(s) => format!("Measured: {} votes, IQR {}", s.count, points(s.iqr())),
            None if measured => "Measured from votes".into(),
            None if card.height.is_some() => "Placed by hand".into(),
            None => card.node.kind.label().into(),
        },
    }
}

fn hover(view: BeliefView, card: &Card, measured: bool, read_only: bool) -> String {
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

/// Placed cards bucketed by card-sized cells, so checking a slot looks at
/// the few cards near it rather than all of them (a year-old map can hold
/// thousands of beliefs).
#[derive(Default)]
struct Taken {
    cells: HashMap<(i32, i32), Vec<Rect>>,
}

impl Taken {
    fn cells_of(r: Rect) -> impl Iterator<Item = (i32, i32)> {
        let (x0, x1) = (
            (r.left() / CARD_W).floor() as i32,
            (r.right() / CARD_W).floor() as i32,
        );
        let (y0, y1) = (
            (r.top() / CARD_H).floor() as i32,
            (r.bottom() / CARD_H).floor() as i32,
        );
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }

    fn is_free(&self, r: Rect) -> bool {
        Self::cells_of(r).all(|c| {
            self.cells
                .get(&c)
                .is_none_or(|list| list.iter().all(|t| !t.intersects(r)))
        })
    }

    fn insert(&mut self, r: Rect) {
        for c in Self::cells_of(r) {
            self.cells.entry(c).or_default().push(r);
        }
    }
}

/// A card's target rectangle, and the exact point it stands for.
struct Place {
    rect: Rect,
    dot: Option<Pos2>,
    in_tray: bool,
}

/// Places every card: at its point when free, else nudged up or down to the
/// nearest free slot (a dot and a leader line keep the exact point), and
/// unplaced cards in a row along the tray.
fn place_cards(view: BeliefView, area: Rect, tray: Rect, cards: &[Card]) -> Vec<Place> {
    let mut taken = Taken::default();
    let mut tray_slot = 0usize;
    // Cards stay clear of the top quadrants' captions.
    let inner = area.shrink2(vec2(CARD_W / 2.0 + 2.0, CARD_H / 2.0 + 2.0));
    let inner = Rect::from_min_max(inner.min + vec2(0.0, CAPTION_H), inner.max);
    cards
        .iter()
        .map(|card| match spot(view, card.node, card.height.as_ref()) {
            Some((fx, fy)) => {
                let dot = area.min + vec2(fx * area.width(), fy * area.height());
                let center = inner.clamp(dot);
                let step = CARD_H + 4.0;
                let rect = (0..12)
                    .map(|k| {
                        let k = k as f32;
                        let dy = if k as i32 % 2 == 0 {
                            k / 2.0
                        } else {
                            -(k + 1.0) / 2.0
                        };
                        let c = pos2(
                            center.x,
                            (center.y + dy * step).clamp(inner.top(), inner.bottom()),
                        );
                        Rect::from_center_size(c, vec2(CARD_W, CARD_H))
                    })
                    .find(|r| taken.is_free(*r))
                    .unwrap_or_else(|| Rect::from_center_size(center, vec2(CARD_W, CARD_H)));
                taken.insert(rect);
                Place {
                    rect,
                    dot: Some(dot),
                    in_tray: false,
                }
            }
            None => {
                let per_row = ((tray.width() - 8.0) / (CARD_W + 6.0)).floor().max(1.0) as usize;
                let (col, layer) = (tray_slot % per_row, tray_slot / per_row);
                tray_slot += 1;
                let min = tray.min
                    + vec2(
                        4.0 + col as f32 * (CARD_W + 6.0) + layer as f32 * 10.0,
                        4.0 + layer as f32 * 6.0,
                    );
                Place {
                    rect: Rect::from_min_size(min, vec2(CARD_W, (tray.height() - 8.0).min(CARD_H))),
                    dot: None,
                    in_tray: true,
                }
            }
        })
        .collect()
}

fn paint_tray(ui: &Ui, tray: Rect, count: usize) {
    let painter = ui.painter();
    painter.rect(
        tray,
        6.0,
        Color32::from_rgb(241, 243, 246),
        Stroke::new(1.0, Color32::from_rgb(209, 213, 219)),
        egui::StrokeKind::Inside,
    );
    let text = if count == 0 {
        "Every card is placed. Drag one here to take it off the map."
    } else {
        "Not placed yet: drag a card onto the map to place it"
    };
    painter.text(
        tray.left_top() - vec2(0.0, 3.0),
        Align2::LEFT_BOTTOM,
        text,
        FontId::proportional(11.5),
        AXIS,
    );
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
    let include = app.doc_ui.belief_map.include_more;
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
        let (fx, fy) = spot(BeliefView::ValueCertainty, &n, None).unwrap();
        let p = area.min + vec2(fx * area.width(), fy * area.height());
        assert_eq!(values_at(BeliefView::ValueCertainty, area, p), (30, 4));
        assert!(spot(BeliefView::Convergence, &n, None).is_none());
    }
}
