//! Drawing the 2×2 boards: Bland's assumption map, Cutler's belief map
//! (convergence × stance) and value × certainty.
//!
//! The board tabs and export both go through here, so an exported 2×2
//! looks like the screen: [`layout`] places the quadrants and the cards,
//! [`paint_frame`] draws the quadrants, axes and tray, and [`paint_card`]
//! each card. The tabs add what only a screen has on top (drags, gliding,
//! hover text); [`paint_quadrant_board`] draws a whole board for export.
//!
//! The three read as one family: the same small cards, the corner to act on
//! first highlighted in orange, captions in its top-left.

use super::style::{SELECTION, kind_colour, tint};
use super::{Palette, fit_text};
use crate::analysis::backlog::IMPORTANT_FROM;
use crate::analysis::belief_map::{self, Height, Quadrant};
use crate::analysis::votes::points;
use crate::model::{Document, EvidenceStrength, Node, NodeId, NodeKind};
use egui::text::TextFormat;
use egui::{Align2, Color32, CornerRadius, FontId, Painter, Pos2, Rect, Stroke, StrokeKind};
use egui::{pos2, vec2};
use std::collections::HashMap;

/// Which 2×2 a board is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum QuadrantBoard {
    /// Bland's assumption map: importance × evidence.
    Assumptions,
    /// Cutler's belief map: convergence × stance.
    Beliefs,
    /// Cutler's value × certainty: importance × confidence.
    ValueCertainty,
}

impl QuadrantBoard {
    pub const ALL: [QuadrantBoard; 3] = [
        QuadrantBoard::Assumptions,
        QuadrantBoard::Beliefs,
        QuadrantBoard::ValueCertainty,
    ];

    /// The name `--board` and the Export dialog know it by.
    pub fn name(self) -> &'static str {
        match self {
            QuadrantBoard::Assumptions => "assumption map",
            QuadrantBoard::Beliefs => "belief 2x2",
            QuadrantBoard::ValueCertainty => "value x certainty",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            QuadrantBoard::Assumptions => "Assumption map",
            QuadrantBoard::Beliefs => "Belief 2×2",
            QuadrantBoard::ValueCertainty => "Value × certainty",
        }
    }

    /// Whether the cards of `kind` are placed; `include_more` adds beliefs
    /// to the assumption map, and assumptions and bets to the belief boards.
    pub fn places(self, kind: NodeKind, include_more: bool) -> bool {
        match self {
            QuadrantBoard::Assumptions => {
                kind == NodeKind::Assumption || (include_more && kind == NodeKind::Belief)
            }
            _ => belief_map::placed_kind(kind, include_more),
        }
    }

    fn has_tray(self) -> bool {
        self == QuadrantBoard::Beliefs
    }
}

/// A 2×2's page when exported, in board units: about what a laptop's
/// board area shows.
pub const PAGE: egui::Vec2 = vec2(1200.0, 800.0);

const TRAY_H: f32 = 64.0;
/// Room left for a quadrant's caption above the highest card.
const CAPTION_H: f32 = 22.0;
/// The smallest cards, each with room for two title lines and the footer;
/// a longer title makes its card taller (see [`card_height`]).
const BELIEF_CARD: egui::Vec2 = vec2(160.0, 50.0);
const ASSUMPTION_CARD: egui::Vec2 = vec2(180.0, 54.0);
/// A 2×2 card's title: its size and the padding around it, and the
/// footer line below it.
const CARD_TITLE: f32 = 12.5;
const CARD_PAD: f32 = 6.0;
/// The title's right margin: clear of the "measured" mark in the card's
/// top-right corner, on every card, so a card does not rewrap when votes
/// measure it.
const CARD_TITLE_RIGHT: f32 = 16.0;
const CARD_TITLE_TOP: f32 = 4.0;
const CARD_FOOTER_H: f32 = 14.0;

/// How tall a card `base` wide must be to show `title` whole (up to six
/// lines), never below `base`'s height: the belief map's rule, at the 2×2's
/// card width.
fn card_height(base: egui::Vec2, title: &str, width: f32) -> f32 {
    let lines = fit_text::fitted_lines(title, CARD_TITLE, width - CARD_PAD - CARD_TITLE_RIGHT)
        .min(fit_text::MAX_LINES);
    (CARD_TITLE_TOP + lines as f32 * CARD_TITLE * fit_text::LINE + CARD_FOOTER_H + 0.5).max(base.y)
}

/// Evidence columns of the assumption map, left to right: known to unknown.
pub const COLUMNS: [EvidenceStrength; 4] = [
    EvidenceStrength::Strong,
    EvidenceStrength::Moderate,
    EvidenceStrength::Weak,
    EvidenceStrength::None,
];

/// The colours of a 2×2, for a theme. Light is what the boards have always
/// been; dark keeps each quadrant's hue over the dark canvas.
pub struct QuadrantStyle {
    dark: bool,
    pub background: Color32,
    pub axis: Color32,
    caption: Color32,
    pub hot_fill: Color32,
    hot_text: Color32,
    hot_stroke: Color32,
    paper: Color32,
    text: Color32,
    shadow: Color32,
    tray_fill: Color32,
    tray_stroke: Color32,
    pub measured: Color32,
}

impl QuadrantStyle {
    pub fn new(palette: &Palette) -> Self {
        let dark = palette.paper != Color32::WHITE;
        let light = |c: Color32| {
            if dark {
                tint(palette.canvas, c, 0.14)
            } else {
                c
            }
        };
        Self {
            dark,
            // The theme's canvas, so an export's backdrop (which may be
            // cleared by the GPU to that colour) meets the board seamlessly.
            background: palette.canvas,
            axis: if dark {
                palette.muted
            } else {
                Color32::from_rgb(90, 98, 112)
            },
            caption: if dark {
                palette.muted
            } else {
                Color32::from_rgb(110, 118, 132)
            },
            hot_fill: if dark {
                tint(palette.canvas, Color32::from_rgb(234, 88, 12), 0.28)
            } else {
                Color32::from_rgb(254, 232, 222)
            },
            hot_text: if dark {
                Color32::from_rgb(253, 186, 116)
            } else {
                Color32::from_rgb(194, 65, 12)
            },
            hot_stroke: Color32::from_rgb(234, 88, 12),
            paper: palette.paper,
            text: palette.text,
            shadow: if dark {
                palette.shadow
            } else {
                Color32::from_black_alpha(20)
            },
            tray_fill: light(Color32::from_rgb(241, 243, 246)),
            tray_stroke: if dark {
                palette.grid_dot
            } else {
                Color32::from_rgb(209, 213, 219)
            },
            measured: Color32::from_rgb(13, 148, 136),
        }
    }

    /// A calm quadrant's fill, given as its light-theme colour.
    fn fill(&self, light: Color32) -> Color32 {
        if self.dark {
            tint(self.background, light, 0.10)
        } else {
            light
        }
    }
}

/// Where a card goes on a 2×2.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    pub id: NodeId,
    pub rect: Rect,
    /// The exact point the card stands for, when it was nudged off it to
    /// stay clear of its neighbours (a leader line joins them).
    pub dot: Option<Pos2>,
    /// Not placed yet: waiting in the tray (belief map only).
    pub in_tray: bool,
    /// How its place was found, or its kind and confidence.
    pub footer: String,
    /// Its height comes from the spread of revealed votes.
    pub measured: bool,
}

/// A board's quadrants and cards, in screen points.
#[derive(Clone, Debug)]
pub struct QuadrantLayout {
    pub board: QuadrantBoard,
    /// The whole board.
    pub rect: Rect,
    /// The plot inside its axes and labels.
    pub plot: Rect,
    pub tray: Option<Rect>,
    pub cards: Vec<Placed>,
}

/// The plot of `board` drawn into `rect`: what is left inside the margins
/// for the axes, their labels and the controls above.
pub fn plot_area(board: QuadrantBoard, rect: Rect) -> Rect {
    match board {
        QuadrantBoard::Assumptions => {
            Rect::from_min_max(rect.min + vec2(70.0, 44.0), rect.max - vec2(20.0, 50.0))
        }
        _ => {
            let tray_h = if board.has_tray() { TRAY_H } else { 0.0 };
            Rect::from_min_max(
                rect.min + vec2(70.0, 48.0),
                rect.max - vec2(20.0, 50.0 + tray_h),
            )
        }
    }
}

/// The tray of not-yet-placed cards under the belief map's plot.
fn tray_of(plot: Rect) -> Rect {
    Rect::from_min_max(
        pos2(plot.left(), plot.bottom() + 44.0),
        pos2(plot.right(), plot.bottom() + 44.0 + TRAY_H - 8.0),
    )
}

/// The assumption map's cell for importance `i` (1–5) and evidence column.
pub fn assumption_cell(plot: Rect, importance: u8, column: usize) -> Rect {
    let (cw, rh) = (plot.width() / 4.0, plot.height() / 5.0);
    let row = 5 - importance.clamp(1, 5) as usize;
    Rect::from_min_size(
        plot.min + vec2(column as f32 * cw, row as f32 * rh),
        vec2(cw, rh),
    )
}

fn column_of(e: EvidenceStrength) -> usize {
    COLUMNS.iter().position(|c| *c == e).unwrap_or(3)
}

/// Places the cards of `doc` on `board` drawn into `rect`. `recorded` says
/// which cards a snapshot on show recorded as measured from votes.
pub fn layout(
    doc: &Document,
    board: QuadrantBoard,
    rect: Rect,
    include_more: bool,
    recorded: &HashMap<NodeId, bool>,
) -> QuadrantLayout {
    let plot = plot_area(board, rect);
    let tray = board.has_tray().then(|| tray_of(plot));
    let nodes = doc
        .nodes
        .iter()
        .filter(|n| board.places(n.kind, include_more));
    let cards = match board {
        QuadrantBoard::Assumptions => place_assumptions(plot, nodes),
        _ => {
            let heights = belief_map::heights(doc);
            let cards: Vec<BeliefCard> = nodes
                .map(|n| BeliefCard {
                    height: heights.get(&n.id).copied(),
                    measured_then: recorded.get(&n.id).copied().unwrap_or(false),
                    node: n,
                })
                .collect();
            place_beliefs(board, plot, tray.unwrap_or(plot), &cards)
        }
    };
    QuadrantLayout {
        board,
        rect,
        plot,
        tray,
        cards,
    }
}

/// Cards stacked within their cell; past its height they cascade.
fn place_assumptions<'a>(plot: Rect, nodes: impl Iterator<Item = &'a Node>) -> Vec<Placed> {
    // Per cell: how far down the current stack reaches, and its layer.
    let mut per_cell: HashMap<(u8, usize), (f32, usize)> = HashMap::new();
    nodes
        .map(|n| {
            let column = column_of(n.evidence);
            let c = assumption_cell(plot, n.importance, column);
            let w = ASSUMPTION_CARD.x.min(c.width() - 12.0);
            let h = card_height(ASSUMPTION_CARD, &n.title, w);
            let (y, layer) = per_cell.entry((n.importance, column)).or_insert((22.0, 0));
            // A card that would run past the cell's bottom starts a new
            // layer, unless it is the first of its layer.
            if *y > 22.0 && *y + h > c.height() {
                *y = 22.0;
                *layer += 1;
            }
            let min = c.min + vec2(6.0 + *layer as f32 * 12.0, *y + *layer as f32 * 24.0);
            *y += h + 4.0;
            Placed {
                id: n.id,
                rect: Rect::from_min_size(min, vec2(w, h)),
                dot: None,
                in_tray: false,
                footer: format!("{} · {}%", n.kind.label(), n.confidence),
                measured: false,
            }
        })
        .collect()
}

/// One belief-board card, borrowed from the document on show.
pub struct BeliefCard<'a> {
    pub node: &'a Node,
    pub height: Option<Height>,
    /// Measured, from a snapshot that recorded it so.
    pub measured_then: bool,
}

impl BeliefCard<'_> {
    pub fn measured(&self) -> bool {
        self.height.is_some_and(|h| h.measured.is_some()) || self.measured_then
    }
}

/// Where a card belongs, as fractions of the plot from its top-left corner;
/// `None` on the belief map until it has both a stance and a height.
pub fn spot(board: QuadrantBoard, node: &Node, height: Option<&Height>) -> Option<(f32, f32)> {
    match board {
        QuadrantBoard::ValueCertainty => Some((
            f32::from(node.confidence) / 100.0,
            (5.0 - f32::from(node.importance.clamp(1, 5)) + 0.5) / 5.0,
        )),
        _ => {
            let stance = node.stance?;
            let c = height?.convergence;
            Some((f32::from(stance) / 100.0, 1.0 - f32::from(c) / 100.0))
        }
    }
}

/// A belief card's footer: how its place was found.
fn belief_footer(board: QuadrantBoard, card: &BeliefCard) -> String {
    match board {
        QuadrantBoard::ValueCertainty => format!(
            "Importance {} · {}% sure",
            card.node.importance, card.node.confidence
        ),
        _ => match card.height.and_then(|h| h.measured) {
            Some(s) => format!("Measured: {} votes, IQR {}", s.count, points(s.iqr())),
            None if card.measured() => "Measured from votes".into(),
            None if card.height.is_some() => "Placed by hand".into(),
            None => card.node.kind.label().into(),
        },
    }
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
            (r.left() / BELIEF_CARD.x).floor() as i32,
            (r.right() / BELIEF_CARD.x).floor() as i32,
        );
        let (y0, y1) = (
            (r.top() / BELIEF_CARD.y).floor() as i32,
            (r.bottom() / BELIEF_CARD.y).floor() as i32,
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

/// Places every belief card: at its point when free, else nudged up or down
/// to the nearest free slot (a dot and a leader line keep the exact point),
/// and unplaced cards in a row along the tray.
fn place_beliefs(
    board: QuadrantBoard,
    plot: Rect,
    tray: Rect,
    cards: &[BeliefCard],
) -> Vec<Placed> {
    let (card_w, card_h) = (BELIEF_CARD.x, BELIEF_CARD.y);
    let mut taken = Taken::default();
    let mut tray_slot = 0usize;
    // Where a card's centre may go: the whole card inside the plot, clear
    // of the top quadrants' captions.
    let inner = |size: egui::Vec2| {
        let inner = plot.shrink2(size / 2.0 + vec2(2.0, 2.0));
        Rect::from_min_max(inner.min + vec2(0.0, CAPTION_H), inner.max)
    };
    cards
        .iter()
        .map(|card| {
            let footer = belief_footer(board, card);
            let measured = card.measured();
            let id = card.node.id;
            let size = vec2(card_w, card_height(BELIEF_CARD, &card.node.title, card_w));
            match spot(board, card.node, card.height.as_ref()) {
                Some((fx, fy)) => {
                    let dot = plot.min + vec2(fx * plot.width(), fy * plot.height());
                    let inner = inner(size);
                    let center = inner.clamp(dot);
                    let step = size.y + 4.0;
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
                            Rect::from_center_size(c, size)
                        })
                        .find(|r| taken.is_free(*r))
                        .unwrap_or_else(|| Rect::from_center_size(center, size));
                    taken.insert(rect);
                    Placed {
                        id,
                        rect,
                        dot: Some(dot),
                        in_tray: false,
                        footer,
                        measured,
                    }
                }
                None => {
                    let per_row = ((tray.width() - 8.0) / (card_w + 6.0)).floor().max(1.0) as usize;
                    let (col, layer) = (tray_slot % per_row, tray_slot / per_row);
                    tray_slot += 1;
                    let min = tray.min
                        + vec2(
                            4.0 + col as f32 * (card_w + 6.0) + layer as f32 * 10.0,
                            4.0 + layer as f32 * 6.0,
                        );
                    Placed {
                        id,
                        rect: Rect::from_min_size(
                            min,
                            vec2(card_w, (tray.height() - 8.0).min(card_h)),
                        ),
                        dot: None,
                        in_tray: true,
                        footer,
                        measured,
                    }
                }
            }
        })
        .collect()
}

/// The board's background, quadrants, axes with their labels, and the
/// tray. `background: false` leaves the board's fill out (a transparent
/// export).
pub fn paint_frame(painter: &Painter, layout: &QuadrantLayout, style: &QuadrantStyle, fill: bool) {
    if fill {
        painter.rect_filled(layout.rect, 0.0, style.background);
    }
    match layout.board {
        QuadrantBoard::Assumptions => paint_assumption_axes(painter, layout, style),
        board => paint_belief_axes(painter, board, layout.plot, style),
    }
    if let Some(tray) = layout.tray {
        let waiting = layout.cards.iter().filter(|c| c.in_tray).count();
        paint_tray(painter, tray, waiting, style);
    }
}

/// Fills one quadrant and writes its caption in its top-left corner; the
/// highlighted one gets a stronger caption and an outline.
fn paint_quadrant(
    painter: &Painter,
    q: Rect,
    caption: &str,
    fill: Color32,
    hot: bool,
    style: &QuadrantStyle,
) {
    painter.rect_filled(q, 0.0, fill);
    let (colour, size) = if hot {
        (style.hot_text, 14.0)
    } else {
        (style.caption, 12.5)
    };
    let mut job = egui::text::LayoutJob::simple(
        caption.to_string(),
        FontId::proportional(size),
        colour,
        (q.width() - 16.0).max(40.0),
    );
    job.wrap.max_rows = 2;
    let galley = painter.layout_job(job);
    painter.galley(q.left_top() + vec2(8.0, 6.0), galley, colour);
    if hot {
        painter.rect_stroke(
            q,
            0.0,
            Stroke::new(2.0, style.hot_stroke),
            StrokeKind::Inside,
        );
    }
}

fn paint_assumption_axes(painter: &Painter, layout: &QuadrantLayout, style: &QuadrantStyle) {
    let (rect, area) = (layout.rect, layout.plot);
    // Quadrants, the leap-of-faith corner highlighted.
    let split_x = area.left() + area.width() / 2.0;
    let split_y = assumption_cell(area, IMPORTANT_FROM, 0).bottom();
    let quadrants = [
        (
            Rect::from_min_max(area.min, pos2(split_x, split_y)),
            "Important, with evidence: plan around it",
            style.fill(Color32::from_rgb(236, 246, 240)),
        ),
        (
            Rect::from_min_max(pos2(split_x, area.top()), pos2(area.right(), split_y)),
            "Leap of faith: important, little evidence. Test these first",
            style.hot_fill,
        ),
        (
            Rect::from_min_max(pos2(area.left(), split_y), pos2(split_x, area.bottom())),
            "Less important, known",
            style.fill(Color32::from_rgb(242, 244, 247)),
        ),
        (
            Rect::from_min_max(pos2(split_x, split_y), area.max),
            "Less important, unknown: keep an eye on them",
            style.fill(Color32::from_rgb(246, 243, 236)),
        ),
    ];
    for (i, (q, caption, fill)) in quadrants.iter().enumerate() {
        paint_quadrant(painter, *q, caption, *fill, i == 1, style);
    }
    let axis = style.axis;
    painter.line_segment(
        [pos2(split_x, area.top()), pos2(split_x, area.bottom())],
        Stroke::new(1.5, axis),
    );
    painter.line_segment(
        [pos2(area.left(), split_y), pos2(area.right(), split_y)],
        Stroke::new(1.5, axis),
    );
    for (i, e) in COLUMNS.iter().enumerate() {
        let c = assumption_cell(area, 1, i);
        painter.text(
            pos2(c.center().x, area.bottom() + 8.0),
            Align2::CENTER_TOP,
            format!("{} evidence", e.label()),
            FontId::proportional(12.0),
            axis,
        );
    }
    painter.text(
        pos2(area.center().x, area.bottom() + 28.0),
        Align2::CENTER_TOP,
        "Evidence: known on the left, unknown on the right",
        FontId::proportional(12.0),
        axis,
    );
    for importance in 1..=5u8 {
        let c = assumption_cell(area, importance, 0);
        painter.text(
            pos2(area.left() - 8.0, c.center().y),
            Align2::RIGHT_CENTER,
            format!("{importance}"),
            FontId::proportional(13.0),
            axis,
        );
    }
    painter.text(
        pos2(rect.left() + 12.0, area.top() - 30.0),
        Align2::LEFT_TOP,
        "Importance (5 = critical)",
        FontId::proportional(12.0),
        axis,
    );
}

fn paint_belief_axes(painter: &Painter, board: QuadrantBoard, area: Rect, style: &QuadrantStyle) {
    // Value × certainty splits between importance 2 and 3, so "high value"
    // means what the assumption map calls important.
    let my = match board {
        QuadrantBoard::ValueCertainty => {
            let important = f32::from(6 - IMPORTANT_FROM) / 5.0;
            area.top() + important * area.height()
        }
        _ => area.center().y,
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
    if board == QuadrantBoard::ValueCertainty {
        let captions = [
            (
                false,
                true,
                "Valuable and uncertain: learn here first",
                style.hot_fill,
                true,
            ),
            (
                true,
                true,
                "Valuable and fairly certain: act on it",
                style.fill(Color32::from_rgb(233, 245, 237)),
                false,
            ),
            (
                false,
                false,
                "Uncertain, less valuable: do not over-invest in learning",
                style.fill(Color32::from_rgb(242, 244, 247)),
                false,
            ),
            (
                true,
                false,
                "Certain, less valuable: fine as it is",
                style.fill(Color32::from_rgb(246, 243, 236)),
                false,
            ),
        ];
        for (right, top, caption, fill, hot) in captions {
            paint_quadrant(painter, quadrant(right, top), caption, fill, hot, style);
        }
    } else {
        for q in Quadrant::ALL {
            let (right, top) = q.sides();
            let fill = match q {
                Quadrant::AgreeAndGood => style.fill(Color32::from_rgb(233, 245, 237)),
                Quadrant::HealthyTension => style.fill(Color32::from_rgb(232, 240, 252)),
                Quadrant::MustLearn => style.hot_fill,
                Quadrant::StaleAgreement => style.fill(Color32::from_rgb(250, 245, 228)),
            };
            let hot = q == Quadrant::MustLearn;
            paint_quadrant(painter, quadrant(right, top), q.caption(), fill, hot, style);
        }
    }
    let stroke = Stroke::new(1.5, style.axis);
    painter.line_segment([pos2(mx, area.top()), pos2(mx, area.bottom())], stroke);
    painter.line_segment([pos2(area.left(), my), pos2(area.right(), my)], stroke);
    let font = FontId::proportional(12.0);
    let (left, right, up, down, x_title) = match board {
        QuadrantBoard::ValueCertainty => (
            "Uncertain",
            "Certain",
            "High value",
            "Low value",
            "Certainty (confidence)",
        ),
        _ => (
            "Disrupt, challenge, shift",
            "Maintain, support, continue",
            "Convergence: we agree",
            "Divergence: we disagree",
            "Stance",
        ),
    };
    let axis = style.axis;
    let below = area.bottom() + 6.0;
    painter.text(
        pos2(area.left(), below),
        Align2::LEFT_TOP,
        left,
        font.clone(),
        axis,
    );
    painter.text(
        pos2(area.right(), below),
        Align2::RIGHT_TOP,
        right,
        font.clone(),
        axis,
    );
    painter.text(
        pos2(mx, below),
        Align2::CENTER_TOP,
        x_title,
        font.clone(),
        axis,
    );
    // The vertical axis reads bottom to top, written up the left margin.
    for (text, y, align) in [(down, area.bottom(), 0.0), (up, area.top(), 1.0)] {
        let galley = painter.layout_no_wrap(text.to_string(), font.clone(), axis);
        let start = pos2(area.left() - 62.0, y + align * galley.size().x);
        painter.add(
            egui::epaint::TextShape::new(start, galley, axis)
                .with_angle(-std::f32::consts::FRAC_PI_2),
        );
    }
    if board == QuadrantBoard::ValueCertainty {
        for importance in 1..=5u8 {
            let y = area.top() + (5.0 - f32::from(importance) + 0.5) / 5.0 * area.height();
            painter.text(
                pos2(area.left() - 8.0, y),
                Align2::RIGHT_CENTER,
                format!("{importance}"),
                FontId::proportional(13.0),
                axis,
            );
        }
    }
}

fn paint_tray(painter: &Painter, tray: Rect, waiting: usize, style: &QuadrantStyle) {
    painter.rect(
        tray,
        6.0,
        style.tray_fill,
        Stroke::new(1.0, style.tray_stroke),
        StrokeKind::Inside,
    );
    let text = if waiting == 0 {
        "Every card is placed. Drag one here to take it off the map."
    } else {
        "Not placed yet: drag a card onto the map to place it"
    };
    painter.text(
        tray.left_top() - vec2(0.0, 3.0),
        Align2::LEFT_BOTTOM,
        text,
        FontId::proportional(11.5),
        style.axis,
    );
}

/// The leader line from a nudged card to the point it stands for.
pub fn paint_leader(painter: &Painter, dot: Pos2, card: Rect, style: &QuadrantStyle) {
    if card.distance_to_pos(dot) > 2.0 {
        painter.line_segment([dot, card.clamp(dot)], Stroke::new(1.0, style.axis));
    }
    painter.circle_filled(dot, 3.5, style.axis);
}

/// The teal mark on a card whose height the votes measured.
pub fn paint_measured(painter: &Painter, card: Rect, style: &QuadrantStyle) {
    let at = card.right_top() + vec2(-9.0, 9.0);
    painter.circle(at, 5.0, style.measured, Stroke::new(1.5, Color32::WHITE));
}

/// A card on a 2×2: its title, fitted by the belief map's rule, and a
/// footer line.
pub fn paint_card(
    painter: &Painter,
    node: &Node,
    footer: &str,
    r: Rect,
    selected: bool,
    style: &QuadrantStyle,
) {
    let accent = kind_colour(node.kind);
    painter.rect_filled(
        r.translate(vec2(0.0, 2.0)),
        CornerRadius::same(6),
        style.shadow,
    );
    painter.rect(
        r,
        CornerRadius::same(6),
        style.paper,
        Stroke::new(
            if selected { 2.5 } else { 1.2 },
            if selected { SELECTION } else { accent },
        ),
        StrokeKind::Inside,
    );
    let format = TextFormat::simple(FontId::proportional(CARD_TITLE), style.text);
    let galley = fit_text::fit_galley(
        &node.title,
        &format,
        r.width() - CARD_PAD - CARD_TITLE_RIGHT,
        r.height() - CARD_TITLE_TOP - CARD_FOOTER_H,
        1.0,
        |job| painter.layout_job(job),
    );
    painter.galley(
        r.min + vec2(CARD_PAD, CARD_TITLE_TOP),
        galley,
        Color32::BLACK,
    );
    painter.with_clip_rect(r.shrink(2.0)).text(
        pos2(r.left() + 6.0, r.bottom() - 4.0),
        Align2::LEFT_BOTTOM,
        footer,
        FontId::proportional(10.0),
        accent,
    );
}

/// One placed card with its leader line and measured mark, as the board
/// shows it at rest.
pub fn paint_placed(
    painter: &Painter,
    board: QuadrantBoard,
    node: &Node,
    placed: &Placed,
    card: Rect,
    selected: bool,
    style: &QuadrantStyle,
) {
    if let Some(dot) = placed.dot
        && !placed.in_tray
    {
        paint_leader(painter, dot, card, style);
    }
    paint_card(painter, node, &placed.footer, card, selected, style);
    if placed.measured && board == QuadrantBoard::Beliefs && !placed.in_tray {
        paint_measured(painter, card, style);
    }
}

/// Which 2×2 to draw, and what it places.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct QuadrantSpec {
    pub board: QuadrantBoard,
    /// Beliefs on the assumption map; assumptions and bets on the others.
    pub include_more: bool,
}

/// A whole 2×2 of `doc` drawn into `rect`, every card at rest: what export
/// writes. `fill: false` leaves the background out (a transparent image).
pub fn paint_quadrant_board(
    painter: &Painter,
    doc: &Document,
    spec: QuadrantSpec,
    rect: Rect,
    palette: &Palette,
    fill: bool,
) {
    let style = QuadrantStyle::new(palette);
    let layout = layout(doc, spec.board, rect, spec.include_more, &HashMap::new());
    paint_frame(painter, &layout, &style, fill);
    for placed in &layout.cards {
        if let Some(node) = doc.node(placed.id) {
            paint_placed(
                painter,
                spec.board,
                node,
                placed,
                placed.rect,
                false,
                &style,
            );
        }
    }
}
