//! Edge geometry and painting. The same sampled curve is used to draw an
//! edge and to hit-test it, so clicks land where the line is.

use super::View;
use super::card::card_rect;
use super::style::{SELECTION, edge_style};
use crate::model::{Document, Edge, EdgeId, Node};
use egui::{Align2, Color32, FontId, Painter, Pos2, Rect, Shape, Stroke, Vec2, epaint::PathStroke};

const SAMPLES: usize = 24;

/// Where the ray from the centre of `rect` towards `toward` leaves it.
fn border_point(rect: Rect, toward: Pos2) -> Pos2 {
    let c = rect.center();
    let d = toward - c;
    if d.x.abs() < 1e-6 && d.y.abs() < 1e-6 {
        return c;
    }
    let tx = if d.x.abs() > 1e-6 {
        rect.width() / 2.0 / d.x.abs()
    } else {
        f32::INFINITY
    };
    let ty = if d.y.abs() > 1e-6 {
        rect.height() / 2.0 / d.y.abs()
    } else {
        f32::INFINITY
    };
    c + d * tx.min(ty)
}

/// The edge as a polyline on screen, from the source card's border to the
/// target card's border, curving along the dominant direction.
pub fn edge_points(doc: &Document, edge: &Edge, view: &View) -> Option<Vec<Pos2>> {
    Some(points_between(
        doc.node(edge.from)?,
        doc.node(edge.to)?,
        view,
    ))
}

/// Fewer samples when zoomed out: the curve is a few pixels long anyway.
fn samples(view: &View) -> usize {
    if view.camera.zoom < 0.3 { 8 } else { SAMPLES }
}

fn points_between(from: &Node, to: &Node, view: &View) -> Vec<Pos2> {
    let samples = samples(view);
    let a = card_rect(from, view);
    let b = card_rect(to, view);
    if from.id == to.id {
        // A self-loop: a small arc over the card's top-right corner.
        let r = 18.0 * view.camera.zoom;
        let c = a.right_top();
        return (0..=samples)
            .map(|i| {
                let t = std::f32::consts::PI * (0.5 + 1.5 * i as f32 / samples as f32);
                c + Vec2::new(t.cos(), -t.sin()) * r
            })
            .collect();
    }
    if hangs(from, to) {
        return elbow(a, b, view.camera.zoom);
    }
    if in_row_under(from, to) {
        return bus(a, b);
    }
    if let Some(left) = beside_line(from, to) {
        return to_line(a, b, left);
    }
    let p0 = border_point(a, b.center());
    let p3 = border_point(b, a.center());
    let d = p3 - p0;
    let (c1, c2) = if d.y.abs() >= d.x.abs() {
        let k = d.y * 0.45;
        (p0 + Vec2::new(0.0, k), p3 - Vec2::new(0.0, k))
    } else {
        let k = d.x * 0.45;
        (p0 + Vec2::new(k, 0.0), p3 - Vec2::new(k, 0.0))
    };
    (0..=samples)
        .map(|i| {
            let t = i as f32 / samples as f32;
            let u = 1.0 - t;
            let p = p0.to_vec2() * (u * u * u)
                + c1.to_vec2() * (3.0 * u * u * t)
                + c2.to_vec2() * (3.0 * u * t * t)
                + p3.to_vec2() * (t * t * t);
            p.to_pos2()
        })
        .collect()
}

/// Whether `from` hangs in a column under `to`, as the compact layout
/// places a card resting on `to`: below it, indented by the column's
/// indent. Such an edge is drawn down the indent instead of as a curve,
/// which would run through the cards above it in the column.
fn hangs(from: &Node, to: &Node) -> bool {
    let indent = from.pos.x - to.pos.x;
    (indent - crate::layout::compact::INDENT).abs() < 0.5
        && from.pos.y >= to.pos.y + to.size.h - 0.5
}

/// From the middle of `a`'s left side, left to the middle of the indent,
/// then up to `b`'s bottom: sampled along both legs, so the label, the
/// arrowhead and hit-testing work as on a curve.
fn elbow(a: Rect, b: Rect, zoom: f32) -> Vec<Pos2> {
    let bus = b.left() + crate::layout::compact::INDENT / 2.0 * zoom;
    let start = egui::pos2(a.left(), a.center().y);
    let corner = egui::pos2(bus, a.center().y);
    let end = egui::pos2(bus, b.bottom());
    let leg = |p: Pos2, q: Pos2, n: usize| (0..n).map(move |i| p + (q - p) * (i as f32 / n as f32));
    // The label sits at the middle point: the corner, beside the card.
    leg(start, corner, 6)
        .chain(leg(corner, end, 5))
        .chain(std::iter::once(end))
        .collect()
}

/// Whether `from` hangs beside the line down from `to`'s middle, as the
/// compact layout places the cards that rest on a card in two columns:
/// `Some(true)` in the left column, `Some(false)` in the right.
fn beside_line(from: &Node, to: &Node) -> Option<bool> {
    use crate::layout::compact::SIDE_GAP;
    if from.pos.y < to.pos.y + to.size.h - 0.5 {
        return None;
    }
    let middle = to.pos.x + to.size.w / 2.0;
    if (from.pos.x + from.size.w - (middle - SIDE_GAP / 2.0)).abs() < 0.5 {
        Some(true)
    } else if (from.pos.x - (middle + SIDE_GAP / 2.0)).abs() < 0.5 {
        Some(false)
    } else {
        None
    }
}

/// From the middle of `a`'s side facing the line (its right side in the
/// left column), across to the line under `b`'s middle, then up into `b`.
fn to_line(a: Rect, b: Rect, left: bool) -> Vec<Pos2> {
    let side = if left { a.right() } else { a.left() };
    let start = egui::pos2(side, a.center().y);
    let corner = egui::pos2(b.center().x, a.center().y);
    let end = egui::pos2(b.center().x, b.bottom());
    let leg = |p: Pos2, q: Pos2, n: usize| (0..n).map(move |i| p + (q - p) * (i as f32 / n as f32));
    leg(start, corner, 6)
        .chain(leg(corner, end, 5))
        .chain(std::iter::once(end))
        .collect()
}

/// Whether `from` sits in a row under `to`, as the compact layout places
/// children side by side: its top exactly the row gap below `to`.
fn in_row_under(from: &Node, to: &Node) -> bool {
    let gap = from.pos.y - (to.pos.y + to.size.h);
    (gap - crate::layout::compact::ROW_GAP).abs() < 0.5
}

/// Up from the middle of `a`'s top to the middle of the gap, along it to
/// under `b`'s middle, and up into `b`: every child of a row shares the
/// line along the gap, so no edge runs through a sibling.
fn bus(a: Rect, b: Rect) -> Vec<Pos2> {
    let mid = (a.top() + b.bottom()) / 2.0;
    let start = egui::pos2(a.center().x, a.top());
    let under_child = egui::pos2(a.center().x, mid);
    let under_parent = egui::pos2(b.center().x, mid);
    let end = egui::pos2(b.center().x, b.bottom());
    let leg = |p: Pos2, q: Pos2, n: usize| (0..n).map(move |i| p + (q - p) * (i as f32 / n as f32));
    // The label sits at the middle point: just above the child.
    leg(start, under_child, 6)
        .chain(leg(under_child, under_parent, 4))
        .chain(leg(under_parent, end, 2))
        .chain(std::iter::once(end))
        .collect()
}

/// Paints `edge` from `from` to `to`. The curve stays inside the box of its
/// two cards, so edges off screen are skipped before any curve is sampled.
pub fn paint_edge(painter: &Painter, edge: &Edge, from: &Node, to: &Node, view: &View) {
    let span = card_rect(from, view).union(card_rect(to, view));
    if !painter.clip_rect().intersects(span.expand(20.0)) {
        return;
    }
    let points = points_between(from, to, view);
    let z = view.camera.zoom;
    let (colour, width, dash) = edge_style(edge.kind, view.palette);
    let selected = view.selection.edges.contains(&edge.id);
    let lit = view
        .trace
        .is_some_and(|t| t.lights(edge.from) && t.lights(edge.to));
    let colour = if selected {
        SELECTION
    } else if (view.trace.is_some() && !lit) || (view.unlit(edge.from) && view.unlit(edge.to)) {
        colour.gamma_multiply(0.15)
    } else {
        colour
    };
    let width = (width * z).clamp(1.0, 8.0) + if selected { 1.5 } else { 0.0 };
    let stroke = Stroke::new(width, colour);
    match dash {
        Some((on, off)) => {
            let (on, off) = ((on * z).max(2.0), (off * z).max(2.0));
            painter.extend(Shape::dashed_line(&points, stroke, on, off));
        }
        None => {
            painter.add(Shape::line(points.clone(), PathStroke::from(stroke)));
        }
    }
    // Arrowhead at the target end.
    let tip = points[points.len() - 1];
    let back = points[points.len() - 3];
    let dir = (tip - back).normalized();
    let size = (10.0 * z).clamp(5.0, 24.0);
    let side = Vec2::new(-dir.y, dir.x) * size * 0.5;
    let base = tip - dir * size;
    painter.add(Shape::convex_polygon(
        vec![tip, base + side, base - side],
        colour,
        Stroke::NONE,
    ));
    // Kind label at the middle, once there is room to read it.
    let label_size = 10.5 * z;
    if label_size >= 7.0 || selected {
        let text = if edge.label.is_empty() {
            edge.kind.label()
        } else {
            edge.label.as_str()
        };
        let mid = points[points.len() / 2];
        let font = FontId::proportional(label_size.max(9.0));
        let galley = painter.layout_no_wrap(
            text.to_owned(),
            font,
            if selected {
                SELECTION
            } else {
                view.palette.muted
            },
        );
        let rect = Align2::CENTER_CENTER
            .anchor_size(mid, galley.size())
            .expand(2.0);
        let bg = view.palette.canvas;
        painter.rect_filled(
            rect,
            3.0,
            Color32::from_rgba_unmultiplied(bg.r(), bg.g(), bg.b(), 230),
        );
        painter.galley(rect.min + Vec2::splat(2.0), galley, view.palette.muted);
    }
}

/// The edge whose line passes within `tolerance` screen points of `pos`.
pub fn edge_at<'a>(
    doc: &'a Document,
    view: &View<'a>,
    pos: Pos2,
    tolerance: f32,
) -> Option<EdgeId> {
    let ends = view.ends_for(doc);
    let mut best: Option<(f32, EdgeId)> = None;
    for (edge, end) in doc.edges.iter().zip(ends.iter()) {
        let Some((a, b)) = *end else {
            continue;
        };
        let (from, to) = (&doc.nodes[a as usize], &doc.nodes[b as usize]);
        if !card_rect(from, view)
            .union(card_rect(to, view))
            .expand(tolerance)
            .contains(pos)
        {
            continue;
        }
        let points = points_between(from, to, view);
        if !Rect::from_points(&points).expand(tolerance).contains(pos) {
            continue;
        }
        let d = points
            .windows(2)
            .map(|w| distance_to_segment(pos, w[0], w[1]))
            .fold(f32::INFINITY, f32::min);
        if d <= tolerance && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, edge.id));
        }
    }
    best.map(|(_, id)| id)
}

fn distance_to_segment(p: Pos2, a: Pos2, b: Pos2) -> f32 {
    let ab = b - a;
    let len2 = ab.length_sq();
    if len2 < 1e-9 {
        return p.distance(a);
    }
    let t = ((p - a).dot(ab) / len2).clamp(0.0, 1.0);
    p.distance(a + ab * t)
}
