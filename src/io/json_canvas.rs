//! JSON Canvas (`.canvas`), the open format Obsidian uses: export and
//! import. <https://jsoncanvas.org/spec/1.0/>
//!
//! Export writes one text node per card: its title, a blank line, then a
//! line `Kind · 80% · Untested`. Import reads that line back when present,
//! so Credence → canvas → Credence keeps kinds, confidence and status; a
//! hand-written card may instead start with `Belief:`, `Assumption:` and so
//! on. File and link nodes are kept as text (their path or URL) and are
//! never opened: a document can never make Credence read a file or touch the
//! network.
//!
//! Canvas boards go below the map: each section becomes a group labelled
//! `Canvas › Section`, each sticky note a text node inside it, and a note's
//! link to a card an edge labelled `links to`. Import turns groups back into
//! canvas sections where they fit a grid (no overlaps, at most 12 cells a
//! side); nodes inside them become notes. Groups that do not fit are left
//! out and what they hold stays on the belief map.

use super::LoadError;
use crate::model::{
    Canvas, Document, Edge, EdgeId, EdgeKind, Node, NodeId, NodeKind, Note, NoteId, Point, Rgb,
    SectionId, Size, Status,
};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::path::Path;

#[derive(Serialize, Deserialize, Debug, Default)]
pub struct CanvasFile {
    #[serde(default)]
    pub nodes: Vec<CanvasNode>,
    #[serde(default)]
    pub edges: Vec<CanvasEdge>,
}

impl CanvasFile {
    /// Each node's position in `nodes`, by its id.
    pub fn index(&self) -> HashMap<&str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect()
    }
}

#[derive(Serialize, Deserialize, Debug)]
pub struct CanvasNode {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

#[derive(Serialize, Deserialize, Debug)]
pub struct CanvasEdge {
    pub id: String,
    #[serde(rename = "fromNode")]
    pub from_node: String,
    #[serde(rename = "toNode")]
    pub to_node: String,
    #[serde(rename = "fromSide", default, skip_serializing_if = "Option::is_none")]
    pub from_side: Option<String>,
    #[serde(rename = "toSide", default, skip_serializing_if = "Option::is_none")]
    pub to_side: Option<String>,
    #[serde(rename = "toEnd", default, skip_serializing_if = "Option::is_none")]
    pub to_end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
}

/// The spec's six preset colours, chosen near each kind's own hue so the
/// canvas reads like the map: 1 red, 2 orange, 3 yellow, 4 green, 5 cyan,
/// 6 purple.
fn preset(kind: NodeKind) -> &'static str {
    match kind {
        NodeKind::Outcome => "3",
        NodeKind::Belief => "5",
        NodeKind::Assumption => "2",
        NodeKind::Bet => "6",
        NodeKind::Metric | NodeKind::Evidence => "4",
        NodeKind::Question => "1",
    }
}

/// The line under the title that carries what a canvas has no field for.
fn meta_line(node: &Node) -> String {
    format!(
        "{} · {}% · {}",
        node.kind.label(),
        node.confidence,
        node.status.label()
    )
}

/// The board as JSON Canvas text.
pub fn to_canvas(doc: &Document) -> String {
    let nodes = doc
        .nodes
        .iter()
        .map(|n| CanvasNode {
            id: format!("n{}", n.id.0),
            kind: "text".into(),
            x: n.pos.x.round() as f64,
            y: n.pos.y.round() as f64,
            width: n.size.w.round() as f64,
            height: n.size.h.round() as f64,
            color: Some(match n.colour {
                Some(c) => c.to_string(),
                None => preset(n.kind).to_owned(),
            }),
            text: Some(format!("{}\n\n{}", n.title, meta_line(n))),
            file: None,
            url: None,
            label: None,
        })
        .collect();
    let edges = doc
        .edges
        .iter()
        .map(|e| CanvasEdge {
            id: format!("e{}", e.id.0),
            from_node: format!("n{}", e.from.0),
            to_node: format!("n{}", e.to.0),
            from_side: None,
            to_side: None,
            to_end: None,
            color: None,
            label: Some(if e.label.is_empty() {
                e.kind.label().to_owned()
            } else {
                format!("{}: {}", e.kind.label(), e.label)
            }),
        })
        .collect();
    let mut file = CanvasFile { nodes, edges };
    let mut top = doc
        .nodes
        .iter()
        .map(|n| (n.pos.y + n.size.h).round() as f64)
        .fold(f64::NEG_INFINITY, f64::max);
    top = if top.is_finite() { top + 200.0 } else { 0.0 };
    for canvas in &doc.canvases {
        top += canvas_into(&mut file, doc, canvas, 0.0, top, true) + 200.0;
    }
    pretty(&file)
}

fn pretty(file: &CanvasFile) -> String {
    let mut text =
        serde_json::to_string_pretty(file).expect("a canvas holds only strings and numbers");
    text.push('\n');
    text
}

/// One canvas board alone, as JSON Canvas.
pub fn canvas_to_canvas(doc: &Document, canvas: &Canvas) -> String {
    let mut file = CanvasFile::default();
    canvas_into(&mut file, doc, canvas, 0.0, 0.0, false);
    pretty(&file)
}

/// Grid cell and note sizes for canvases written as groups.
const CELL_W: f64 = 440.0;
const CELL_H: f64 = 320.0;
const NOTE_W: f64 = 190.0;
const NOTE_H: f64 = 100.0;
const LINK_LABEL: &str = "links to";

/// Appends `canvas` at (`x`, `y`) as groups and text nodes; returns its
/// height. With `links`, notes linked to cards get an edge to them.
fn canvas_into(
    file: &mut CanvasFile,
    doc: &Document,
    canvas: &Canvas,
    x: f64,
    y: f64,
    links: bool,
) -> f64 {
    for section in &canvas.sections {
        let c = section.cells;
        let gx = x + f64::from(c.col) * CELL_W;
        let gy = y + f64::from(c.row) * CELL_H;
        let gw = f64::from(c.cols) * CELL_W - 20.0;
        let gh = f64::from(c.rows) * CELL_H - 20.0;
        file.nodes.push(CanvasNode {
            id: format!("c{}s{}", canvas.id.0, section.id.0),
            kind: "group".into(),
            x: gx,
            y: gy,
            width: gw,
            height: gh,
            color: None,
            text: None,
            file: None,
            url: None,
            label: Some(format!("{} › {}", canvas.name, section.title)),
        });
        let per_row = (((gw - 20.0) / (NOTE_W + 10.0)).floor() as usize).max(1);
        for (i, note) in canvas.notes_in(section.id).enumerate() {
            let (r, col) = (i / per_row, i % per_row);
            let id = format!("c{}n{}", canvas.id.0, note.id.0);
            file.nodes.push(CanvasNode {
                id: id.clone(),
                kind: "text".into(),
                x: gx + 10.0 + col as f64 * (NOTE_W + 10.0),
                y: gy + 40.0 + r as f64 * (NOTE_H + 10.0),
                width: NOTE_W,
                height: NOTE_H,
                color: note.colour.map(|c| c.to_string()),
                text: Some(note.text.clone()),
                file: None,
                url: None,
                label: None,
            });
            if links && let Some(node) = note.link.filter(|id| doc.node(*id).is_some()) {
                file.edges.push(CanvasEdge {
                    id: format!("c{}l{}", canvas.id.0, note.id.0),
                    from_node: id,
                    to_node: format!("n{}", node.0),
                    from_side: None,
                    to_side: None,
                    to_end: None,
                    color: None,
                    label: Some(LINK_LABEL.into()),
                });
            }
        }
    }
    f64::from(canvas.rows) * CELL_H
}

/// `Kind: rest` with a known kind, case-insensitively.
fn kind_prefix(line: &str) -> Option<(NodeKind, &str)> {
    let (head, rest) = line.split_once(':')?;
    let kind = NodeKind::ALL
        .into_iter()
        .find(|k| k.label().eq_ignore_ascii_case(head.trim()))?;
    Some((kind, rest.trim_start()))
}

/// `Kind · 80% · Status`, as [`to_canvas`] writes it.
fn parse_meta(line: &str) -> Option<(NodeKind, u8, Status)> {
    let mut parts = line.split(" · ");
    let kind = parts.next()?;
    let kind = NodeKind::ALL.into_iter().find(|k| k.label() == kind)?;
    let confidence = parts.next()?.strip_suffix('%')?.parse::<u8>().ok()?;
    let status = parts.next()?;
    let status = Status::ALL.into_iter().find(|s| s.label() == status)?;
    (parts.next().is_none() && confidence <= 100).then_some((kind, confidence, status))
}

/// A node's fields from a text node's markdown.
fn node_from_text(node: &mut Node, text: &str) {
    let mut body = text.trim_end();
    if let Some((head, last)) = body.rsplit_once("\n\n")
        && let Some((kind, confidence, status)) = parse_meta(last.trim())
    {
        node.kind = kind;
        node.confidence = confidence;
        node.status = status;
        body = head;
    }
    match kind_prefix(body) {
        Some((kind, rest)) => {
            node.kind = kind;
            node.title = rest.to_owned();
        }
        None => node.title = body.to_owned(),
    }
}

fn edge_kind(label: Option<&str>, from: NodeKind, to: NodeKind) -> (EdgeKind, String) {
    let label = label.unwrap_or("").trim();
    let known = |s: &str| {
        EdgeKind::ALL
            .into_iter()
            .find(|k| k.label().eq_ignore_ascii_case(s.trim()))
    };
    if let Some(kind) = known(label) {
        return (kind, String::new());
    }
    if let Some((head, rest)) = label.split_once(':')
        && let Some(kind) = known(head)
    {
        return (kind, rest.trim().to_owned());
    }
    (EdgeKind::default_between(from, to), label.to_owned())
}

/// The smallest card a canvas node becomes, so a zero-size node stays
/// clickable.
const MIN_SIDE: f32 = 20.0;

/// Reads a JSON Canvas file as a belief map. Errors name `path`, and JSON
/// errors their line and column.
pub fn from_canvas(text: &str, path: &Path) -> Result<Document, LoadError> {
    let file: CanvasFile = serde_json::from_str(text).map_err(|e| {
        // The position goes in front, as for every load error.
        let message = e.to_string();
        let message = message
            .rfind(" at line ")
            .map_or(message.as_str(), |i| &message[..i]);
        LoadError::at(
            path,
            e.line(),
            e.column(),
            format!("not a valid JSON Canvas file: {message}"),
        )
    })?;
    super::canvas_keys::check(text, path)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut seen = HashSet::new();
    for cn in &file.nodes {
        let numbers = [cn.x, cn.y, cn.width, cn.height];
        if numbers.iter().any(|v| !v.is_finite() || v.abs() > 1e9) {
            return Err(LoadError::whole(
                path,
                format!(
                    "node \"{}\" has a position or size that is not a number",
                    cn.id
                ),
            ));
        }
        if !matches!(cn.kind.as_str(), "group" | "text" | "file" | "link") {
            return Err(LoadError::whole(
                path,
                format!("node \"{}\" has unknown type \"{}\"", cn.id, cn.kind),
            ));
        }
        if !seen.insert(cn.id.as_str()) {
            return Err(LoadError::whole(
                path,
                format!("two nodes share the id \"{}\"", cn.id),
            ));
        }
    }
    let index = file.index();
    for ce in &file.edges {
        for end in [&ce.from_node, &ce.to_node] {
            if !index.contains_key(end.as_str()) {
                return Err(LoadError::whole(
                    path,
                    format!("edge \"{}\" points to a missing node \"{end}\"", ce.id),
                ));
            }
        }
    }
    let recovered = super::canvas_groups::recover(&file, &stem);
    let mut doc = Document {
        title: stem,
        canvases: recovered.canvases,
        ..Document::default()
    };
    let content = |cn: &CanvasNode| match cn.kind.as_str() {
        "text" => cn.text.clone().unwrap_or_default(),
        "file" => cn.file.clone().unwrap_or_default(),
        _ => cn.url.clone().unwrap_or_default(),
    };
    // Cards: every node that is neither a group nor a note.
    let mut ids: HashMap<usize, NodeId> = HashMap::new();
    for (i, cn) in file.nodes.iter().enumerate() {
        if cn.kind == "group" || recovered.notes.contains_key(&i) {
            continue;
        }
        let id = NodeId(i as u64 + 1);
        ids.insert(i, id);
        let mut node = Node::new(id, NodeKind::Belief, "");
        if cn.kind == "text" {
            node_from_text(&mut node, &content(cn));
        } else {
            node.kind = NodeKind::Evidence;
            node.title = content(cn);
        }
        node.pos = Point::new(cn.x as f32, cn.y as f32);
        node.size = Size {
            w: (cn.width as f32).max(MIN_SIDE),
            h: (cn.height as f32).max(MIN_SIDE),
        };
        node.colour = cn.color.as_deref().and_then(Rgb::from_hex);
        doc.nodes.push(node);
    }
    // Notes, in reading order within each section.
    let mut notes: Vec<(&usize, &(usize, SectionId))> = recovered.notes.iter().collect();
    notes.sort_by(|a, b| {
        let (na, nb) = (&file.nodes[*a.0], &file.nodes[*b.0]);
        (na.y, na.x)
            .partial_cmp(&(nb.y, nb.x))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    let mut note_ids: HashMap<usize, (usize, NoteId)> = HashMap::new();
    for (&i, &(canvas, section)) in notes {
        let c = &mut doc.canvases[canvas];
        let id = c.next_note_id();
        let cn = &file.nodes[i];
        c.notes.push(Note {
            id,
            section,
            text: content(cn),
            colour: cn.color.as_deref().and_then(Rgb::from_hex),
            link: None,
        });
        note_ids.insert(i, (canvas, id));
    }
    for (i, ce) in file.edges.iter().enumerate() {
        let (a, b) = (index[ce.from_node.as_str()], index[ce.to_node.as_str()]);
        match (ids.get(&a), ids.get(&b), note_ids.get(&a)) {
            (Some(&from), Some(&to), _) => {
                let kind_of = |id: NodeId| doc.node(id).map_or(NodeKind::Belief, |n| n.kind);
                let (kind, label) = edge_kind(ce.label.as_deref(), kind_of(from), kind_of(to));
                let mut edge = Edge::new(EdgeId(i as u64 + 1), from, to, kind);
                edge.label = label;
                doc.edges.push(edge);
            }
            // A note's edge to a card is its link.
            (None, Some(&to), Some(&(canvas, note))) => {
                if let Some(n) = doc.canvases[canvas].notes.iter_mut().find(|n| n.id == note) {
                    n.link.get_or_insert(to);
                }
            }
            // Edges to or from groups carry nothing a document holds.
            _ => {}
        }
    }
    doc.validate()
        .map_err(|invalid| LoadError::whole(path, invalid.to_string()))?;
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_line_round_trips() {
        let mut n = Node::new(NodeId(1), NodeKind::Bet, "x");
        n.confidence = 42;
        n.status = Status::Testing;
        assert_eq!(
            parse_meta(&meta_line(&n)),
            Some((NodeKind::Bet, 42, Status::Testing))
        );
        assert_eq!(parse_meta("Bet · 142% · Testing"), None);
        assert_eq!(parse_meta("just words"), None);
    }

    #[test]
    fn a_kind_prefix_sets_the_kind() {
        let mut n = Node::new(NodeId(1), NodeKind::Belief, "");
        node_from_text(&mut n, "assumption: Users read the weekly digest");
        assert_eq!(n.kind, NodeKind::Assumption);
        assert_eq!(n.title, "Users read the weekly digest");
    }
}
