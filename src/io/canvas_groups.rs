//! Turning JSON Canvas groups back into canvas sections, where they fit.
//!
//! Groups labelled `Canvas › Section` (as Credence writes them) gather into
//! one canvas per name; other groups into one canvas named after the file.
//! A set of groups fits when their edges, snapped together, form a grid of
//! at most [`MAX_GRID`] cells a side with no two groups sharing a cell, and
//! no edge joins two nodes inside them (sticky notes are not connected to
//! each other; a group around a connected graph is a frame, not a section).

use super::json_canvas::CanvasFile;
use crate::model::{Canvas, CanvasId, Cells, MAX_GRID, Section, SectionId};
use std::collections::HashMap;

/// Group edges closer than this are one grid line: exports leave a gap
/// between neighbouring sections.
const SNAP: f64 = 40.0;

pub struct Recovered {
    pub canvases: Vec<Canvas>,
    /// Node index in the file → (canvas index, section) for nodes that
    /// become notes.
    pub notes: HashMap<usize, (usize, SectionId)>,
}

/// Grid lines from edge coordinates: sorted, near ones merged.
fn lines(mut values: Vec<f64>) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<f64> = Vec::new();
    for v in values {
        if out.last().is_none_or(|last| v - last > SNAP) {
            out.push(v);
        }
    }
    out
}

fn line_of(lines: &[f64], v: f64) -> usize {
    lines
        .iter()
        .enumerate()
        .min_by(|a, b| (a.1 - v).abs().total_cmp(&(b.1 - v).abs()))
        .map_or(0, |(i, _)| i)
}

pub fn recover(file: &CanvasFile, stem: &str) -> Recovered {
    // Group indices by canvas name, in order of first appearance.
    let mut sets: Vec<(String, Vec<(usize, String)>)> = Vec::new();
    for (i, n) in file.nodes.iter().enumerate() {
        if n.kind != "group" {
            continue;
        }
        let label = n.label.clone().unwrap_or_default();
        let (canvas, section) = match label.split_once(" › ") {
            Some((c, s)) => (c.to_owned(), s.to_owned()),
            None => (stem.to_owned(), label),
        };
        match sets.iter_mut().find(|(name, _)| *name == canvas) {
            Some((_, groups)) => groups.push((i, section)),
            None => sets.push((canvas, vec![(i, section)])),
        }
    }
    let mut out = Recovered {
        canvases: Vec::new(),
        notes: HashMap::new(),
    };
    let inside = |node: usize, group: usize| {
        let (n, g) = (&file.nodes[node], &file.nodes[group]);
        let (cx, cy) = (n.x + n.width / 2.0, n.y + n.height / 2.0);
        cx >= g.x && cx <= g.x + g.width && cy >= g.y && cy <= g.y + g.height
    };
    for (name, groups) in sets {
        let xs = lines(
            groups
                .iter()
                .flat_map(|(i, _)| {
                    let g = &file.nodes[*i];
                    [g.x, g.x + g.width]
                })
                .collect(),
        );
        let ys = lines(
            groups
                .iter()
                .flat_map(|(i, _)| {
                    let g = &file.nodes[*i];
                    [g.y, g.y + g.height]
                })
                .collect(),
        );
        let (columns, rows) = (xs.len().saturating_sub(1), ys.len().saturating_sub(1));
        if columns == 0 || rows == 0 || columns > MAX_GRID as usize || rows > MAX_GRID as usize {
            continue;
        }
        let mut sections: Vec<Section> = Vec::new();
        let mut fits = true;
        for (k, (i, title)) in groups.iter().enumerate() {
            let g = &file.nodes[*i];
            let (c0, c1) = (line_of(&xs, g.x), line_of(&xs, g.x + g.width));
            let (r0, r1) = (line_of(&ys, g.y), line_of(&ys, g.y + g.height));
            if c1 <= c0 || r1 <= r0 {
                fits = false;
                break;
            }
            let cells = Cells::new(c0 as u8, r0 as u8, (c1 - c0) as u8, (r1 - r0) as u8);
            if sections.iter().any(|s| s.cells.overlaps(&cells)) {
                fits = false;
                break;
            }
            sections.push(Section {
                id: SectionId(k as u64 + 1),
                title: title.clone(),
                prompt: String::new(),
                cells,
            });
        }
        if !fits {
            continue;
        }
        // Which nodes sit in which section: the smallest group holding them.
        let mut members: HashMap<usize, SectionId> = HashMap::new();
        for (node, n) in file.nodes.iter().enumerate() {
            if n.kind == "group" {
                continue;
            }
            let holder = groups
                .iter()
                .enumerate()
                .filter(|(_, (g, _))| inside(node, *g))
                .min_by(|a, b| {
                    let area = |g: usize| file.nodes[g].width * file.nodes[g].height;
                    area(a.1.0).total_cmp(&area(b.1.0))
                });
            if let Some((k, _)) = holder {
                members.insert(node, SectionId(k as u64 + 1));
            }
        }
        let index = file.index();
        let joined = file.edges.iter().any(|e| {
            let end = |id: &str| index.get(id).is_some_and(|i| members.contains_key(i));
            end(&e.from_node) && end(&e.to_node)
        });
        if joined {
            continue;
        }
        let at = out.canvases.len();
        out.canvases.push(Canvas {
            id: CanvasId(at as u64 + 1),
            name,
            columns: columns as u8,
            rows: rows as u8,
            sections,
            ..Canvas::default()
        });
        for (node, section) in members {
            out.notes.entry(node).or_insert((at, section));
        }
    }
    out
}
