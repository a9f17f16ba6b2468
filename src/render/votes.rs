//! Vote marks on cards: the tag under a card (how many have voted while
//! the votes are hidden; a dot strip with the median and IQR once they are
//! revealed) and the dot-voting badge on its corner.
//!
//! The hidden tag shows a count and nothing else, so the big screen never
//! leaks a number before the facilitator presses Reveal.

use super::View;
use super::card::card_rect;
use crate::analysis::votes::{Spread, points};
use crate::model::{Document, DotTarget, Node, NodeId, takes_votes};
use egui::{Align2, Color32, FontId, Painter, Rect, Stroke, StrokeKind, pos2, vec2};
use std::collections::HashMap;

/// Below this on-screen height a tag is not drawn.
pub const MIN_TAG_PX: f32 = 6.0;

/// The badge colour of dot votes: not a kind hue, so it reads as an overlay.
pub const DOT_BADGE: Color32 = Color32::from_rgb(124, 58, 237);

/// What the room has said about one card.
pub struct Marks {
    /// (colour, vote) in participant order.
    pub votes: Vec<(Color32, u8)>,
    pub participants: usize,
    pub revealed: bool,
    pub dots: usize,
}

impl Marks {
    /// What the tag says, for painting and for screen readers alike.
    pub fn caption(&self) -> Option<String> {
        if self.votes.is_empty() {
            return None;
        }
        if !self.revealed {
            return Some(format!(
                "{} of {} voted",
                self.votes.len(),
                self.participants
            ));
        }
        let values: Vec<u8> = self.votes.iter().map(|v| v.1).collect();
        let s = Spread::of(&values)?;
        Some(format!(
            "median {} · IQR {}",
            points(s.median),
            points(s.iqr())
        ))
    }
}

/// Marks for every card `wanted` accepts that has any; empty (and nearly
/// free) for a map with no workshop. Painting asks only for the cards in
/// view, so a big map pays for one pass over the votes, not for a summary
/// of every card.
pub fn marks(doc: &Document, wanted: impl Fn(NodeId) -> bool) -> HashMap<NodeId, Marks> {
    let w = &doc.workshop;
    let mut out: HashMap<NodeId, Marks> = HashMap::new();
    if w.participants.is_empty() {
        return out;
    }
    let colours: HashMap<_, _> = w
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            (
                p.id,
                (i, Color32::from_rgb(p.colour.0, p.colour.1, p.colour.2)),
            )
        })
        .collect();
    let blank = || Marks {
        votes: Vec::new(),
        participants: w.participants.len(),
        revealed: w.revealed,
        dots: 0,
    };
    let mut ordered: HashMap<NodeId, Vec<(usize, Color32, u8)>> = HashMap::new();
    for v in w.votes.iter().filter(|v| wanted(v.node)) {
        if let Some(&(i, c)) = colours.get(&v.participant) {
            ordered
                .entry(v.node)
                .or_default()
                .push((i, c, v.confidence));
        }
    }
    for (node, mut votes) in ordered {
        votes.sort_by_key(|v| v.0);
        out.entry(node).or_insert_with(blank).votes =
            votes.into_iter().map(|(_, c, v)| (c, v)).collect();
    }
    if let Some(round) = &w.dot_round {
        for d in &round.dots {
            if let (DotTarget::Node(id), true) = (d.target, colours.contains_key(&d.participant))
                && wanted(id)
            {
                out.entry(id).or_insert_with(blank).dots += 1;
            }
        }
    }
    out
}

/// Marks for the cards `keep` picks within `clip` (with room for tags and
/// badges), or none when there is no room or marks are too small to draw.
/// The painter and the canvas's labelled mark widgets both ask this, so they
/// always agree on which marks exist.
pub fn marks_in_view(
    doc: &Document,
    view: &View,
    clip: Rect,
    keep: impl Fn(NodeId) -> bool,
) -> HashMap<NodeId, Marks> {
    if doc.workshop.participants.is_empty() || 22.0 * view.camera.zoom < MIN_TAG_PX {
        return HashMap::new();
    }
    let in_view: std::collections::HashSet<NodeId> = doc
        .nodes
        .iter()
        .filter(|n| keep(n.id))
        .filter(|n| clip.intersects(card_rect(n, view).expand(40.0 * view.camera.zoom)))
        .map(|n| n.id)
        .collect();
    marks(doc, |id| in_view.contains(&id))
}

/// Where the vote tag of `node` goes: under the card, as wide as it.
pub fn tag_rect(node: &Node, view: &View) -> Rect {
    let card = card_rect(node, view);
    let z = view.camera.zoom;
    Rect::from_min_size(
        card.left_bottom() + vec2(0.0, 6.0 * z),
        vec2(card.width(), 22.0 * z),
    )
}

pub fn paint_marks(painter: &Painter, node: &Node, marks: &Marks, view: &View) {
    let z = view.camera.zoom;
    let card = card_rect(node, view);
    if !painter.clip_rect().intersects(card.expand(40.0 * z)) {
        return;
    }
    // Like card text, marks drop out when too small to read: a whole
    // 10,000-card map would otherwise spend most of a frame on specks.
    if 22.0 * z < MIN_TAG_PX {
        return;
    }
    let small = 11.0 * z;
    // Captions drop out a little before card text: a tag is a detail.
    let readable = small >= 6.0;
    if takes_votes(node.kind)
        && let Some(caption) = marks.caption()
    {
        let tag = tag_rect(node, view);
        let radius = (6.0 * z).clamp(1.0, 20.0);
        painter.rect_filled(tag, radius, view.palette.paper);
        painter.rect_stroke(
            tag,
            radius,
            Stroke::new((1.0 * z).max(0.6), view.palette.bar_track),
            StrokeKind::Inside,
        );
        let pad = 8.0 * z;
        let text_left = if marks.revealed {
            paint_strip(painter, tag, marks, view, pad)
        } else {
            tag.left() + pad
        };
        if readable {
            painter.text(
                pos2(text_left, tag.center().y),
                Align2::LEFT_CENTER,
                caption,
                FontId::proportional(small * 0.92),
                view.palette.muted,
            );
        }
    }
    if marks.dots > 0 {
        let r = 11.0 * z;
        let centre = card.right_top() + vec2(-2.0 * z, 2.0 * z);
        painter.circle(
            centre,
            r,
            DOT_BADGE,
            Stroke::new(1.5 * z, view.palette.paper),
        );
        if readable {
            painter.text(
                centre,
                Align2::CENTER_CENTER,
                marks.dots.to_string(),
                FontId::proportional(small * 1.1),
                Color32::WHITE,
            );
        }
    }
}

/// The dot strip: a 0–100 track, the middle half as a band, the median as a
/// tick, one dot per person in their colour. Returns where text may start.
fn paint_strip(painter: &Painter, tag: Rect, marks: &Marks, view: &View, pad: f32) -> f32 {
    let z = view.camera.zoom;
    let track = Rect::from_min_max(
        pos2(tag.left() + pad, tag.center().y - 1.0 * z),
        pos2(tag.left() + tag.width() * 0.4, tag.center().y + 1.0 * z),
    );
    let x = |v: f32| track.left() + track.width() * v / 100.0;
    painter.rect_filled(track, 0.0, view.palette.bar_track);
    let values: Vec<u8> = marks.votes.iter().map(|v| v.1).collect();
    if let Some(s) = Spread::of(&values) {
        let band = Rect::from_min_max(
            pos2(x(s.q1), tag.center().y - 5.0 * z),
            pos2(x(s.q3).max(x(s.q1) + 1.0), tag.center().y + 5.0 * z),
        );
        painter.rect_filled(band, 2.0 * z, view.palette.muted.gamma_multiply(0.25));
        painter.line_segment(
            [
                pos2(x(s.median), tag.top() + 3.0 * z),
                pos2(x(s.median), tag.bottom() - 3.0 * z),
            ],
            Stroke::new((2.0 * z).max(1.0), view.palette.text),
        );
    }
    // Close votes would hide each other on one line, so each dot takes
    // the first of five lanes (middle, above, below, …) where it has room.
    let r = 3.5 * z;
    let lanes = [0.0, -1.0, 1.0, -2.0, 2.0];
    let mut placed: Vec<(f32, usize)> = Vec::with_capacity(marks.votes.len());
    for (colour, v) in &marks.votes {
        let cx = x(f32::from(*v));
        let lane = (0..lanes.len())
            .find(|&l| {
                !placed
                    .iter()
                    .any(|&(px, pl)| pl == l && (px - cx).abs() < 2.0 * r)
            })
            .unwrap_or(0);
        placed.push((cx, lane));
        let at = pos2(cx, tag.center().y + lanes[lane] * 3.5 * z);
        // The white rim that separates touching dots is sub-pixel when
        // zoomed out; leaving it off there halves the dots' triangles.
        if r >= 3.0 {
            painter.circle(at, r, *colour, Stroke::new(z.max(0.5), view.palette.paper));
        } else {
            painter.circle_filled(at, r, *colour);
        }
    }
    track.right() + pad
}
