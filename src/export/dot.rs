//! Graphviz DOT, for people who lay out or post-process with Graphviz.
//! Positions are not written: DOT users want `dot` to place things.

use crate::model::{Document, EdgeKind};
use crate::render::{kind_colour, tint_hex};
use std::fmt::Write;

/// A DOT double-quoted string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn hex(c: egui::Color32) -> String {
    format!("\"#{:02x}{:02x}{:02x}\"", c.r(), c.g(), c.b())
}

pub fn to_dot(doc: &Document) -> String {
    let mut out = format!("digraph {} {{\n", quoted(&doc.title));
    out.push_str("    rankdir=BT;\n");
    out.push_str(
        "    node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", margin=\"0.2,0.1\"];\n",
    );
    out.push_str("    edge [fontname=\"Helvetica\", fontsize=10];\n");
    for n in &doc.nodes {
        let c = kind_colour(n.kind);
        let _ = writeln!(
            out,
            "    n{} [label={}, color={}, fillcolor=\"{}\", tooltip={}];",
            n.id.0,
            quoted(&format!("{}\n{}%", n.title, n.confidence)),
            hex(c),
            tint_hex(c, 0.12),
            quoted(n.kind.label())
        );
    }
    for e in &doc.edges {
        let style = match e.kind {
            EdgeKind::Contradicts => "dashed",
            EdgeKind::Tests => "dotted",
            EdgeKind::DependsOn => "bold",
            EdgeKind::Supports | EdgeKind::Measures => "solid",
        };
        let text = if e.label.is_empty() {
            e.kind.label()
        } else {
            e.label.as_str()
        };
        let _ = writeln!(
            out,
            "    n{} -> n{} [label={}, style={style}];",
            e.from.0,
            e.to.0,
            quoted(text)
        );
    }
    out.push_str("}\n");
    out
}
