//! Mermaid flowcharts (`.mmd`) for wikis and READMEs. Causes sit below
//! effects (`flowchart BT`), as on the canvas; each kind gets a class with
//! the canvas colours, and edge kinds keep their dash and label.

use crate::model::{Document, EdgeKind, NodeKind};
use crate::render::{kind_colour, tint_hex};
use std::fmt::Write;

/// Mermaid strings cannot hold `"`; its own entity codes can.
fn label(text: &str) -> String {
    text.replace('"', "#quot;")
        .replace('\n', "<br/>")
        .replace('\r', "")
}

fn class(kind: NodeKind) -> String {
    kind.label().to_lowercase()
}

pub fn to_mermaid(doc: &Document) -> String {
    let mut out = String::from("flowchart BT\n");
    for n in &doc.nodes {
        let _ = writeln!(
            out,
            "    n{}[\"{}\"]:::{}",
            n.id.0,
            label(&n.title),
            class(n.kind)
        );
    }
    for e in &doc.edges {
        let arrow = match e.kind {
            EdgeKind::DependsOn => "==>",
            EdgeKind::Contradicts | EdgeKind::Tests => "-.->",
            EdgeKind::Supports | EdgeKind::Measures => "-->",
        };
        let text = if e.label.is_empty() {
            e.kind.label().to_owned()
        } else {
            e.label.clone()
        };
        let _ = writeln!(
            out,
            "    n{} {arrow}|\"{}\"| n{}",
            e.from.0,
            label(&text),
            e.to.0
        );
    }
    for kind in NodeKind::ALL {
        let c = kind_colour(kind);
        let _ = writeln!(
            out,
            "    classDef {} fill:{},stroke:#{:02x}{:02x}{:02x},color:#111827",
            class(kind),
            tint_hex(c, 0.12),
            c.r(),
            c.g(),
            c.b()
        );
    }
    out
}
