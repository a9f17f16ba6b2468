//! A Markdown outline to paste into a doc: outcomes first, each with what it
//! rests on nested below, then anything not under an outcome, then the
//! riskiest assumptions.
//!
//! A node that rests under two parents is written in full once and as
//! "(see above)" after that, so shared assumptions and cycles cannot blow
//! the outline up.
//!
//! Once the facilitator has revealed the votes, each voted card carries its
//! median and spread, and a "Biggest disagreements" section lists who said
//! what. Hidden votes are left out entirely, as on the screen. A dot-voting
//! round adds its ranked result.
//!
//! The learning backlog follows in rank order, each item with the learning
//! prompts, test card and learning card that are filled in, then what was
//! finished and what it taught.

use crate::analysis::backlog;
use crate::analysis::risk::riskiest_assumptions;
use crate::analysis::votes::{self, Spread};
use crate::analysis::{BeliefGraph, carries_support};
use crate::model::{Document, Node, NodeId, NodeKind, takes_votes};
use std::collections::{HashMap, HashSet};
use std::fmt::Write;

/// How many riskiest assumptions the outline lists.
const TOP_RISKS: usize = 5;

fn line(spreads: &HashMap<NodeId, Spread>, node: &Node) -> String {
    let votes = match spreads.get(&node.id) {
        Some(s) if takes_votes(node.kind) => format!(
            "; votes: median {}, IQR {} ({} votes)",
            votes::points(s.median),
            votes::points(s.iqr()),
            s.count
        ),
        _ => String::new(),
    };
    format!(
        "**{}:** {} — {}%, {}{votes}",
        node.kind.label(),
        one_line(&node.title),
        node.confidence,
        node.status.label().to_lowercase()
    )
}

/// Titles may hold newlines; a list item may not.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Outline<'a> {
    doc: &'a Document,
    /// Revealed votes only: hidden ones never reach an export.
    spreads: HashMap<NodeId, Spread>,
    index: HashMap<NodeId, usize>,
    /// Upstream neighbours of each node, in edge order.
    rests_on: HashMap<NodeId, Vec<NodeId>>,
    written: HashSet<NodeId>,
    out: String,
}

impl Outline<'_> {
    /// Depth-first with an explicit stack, so a deep chain cannot overflow.
    fn write_tree(&mut self, root: NodeId) {
        let mut stack = vec![(root, 0usize)];
        while let Some((id, depth)) = stack.pop() {
            let Some(&i) = self.index.get(&id) else {
                continue;
            };
            let indent = "  ".repeat(depth);
            let node = &self.doc.nodes[i];
            if !self.written.insert(id) {
                let _ = writeln!(
                    self.out,
                    "{indent}- {} (see above)",
                    line(&self.spreads, node)
                );
                continue;
            }
            let _ = writeln!(self.out, "{indent}- {}", line(&self.spreads, node));
            if let Some(children) = self.rests_on.get(&id) {
                for &child in children.iter().rev() {
                    stack.push((child, depth + 1));
                }
            }
        }
    }
}

pub fn to_markdown(doc: &Document) -> String {
    let mut rests_on: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    let mut has_downstream: HashSet<NodeId> = HashSet::new();
    for e in doc.edges.iter().filter(|e| carries_support(e.kind)) {
        if e.from != e.to {
            rests_on.entry(e.to).or_default().push(e.from);
            has_downstream.insert(e.from);
        }
    }
    let spreads = if doc.workshop.revealed {
        votes::votes_by_node(doc)
            .into_iter()
            .filter_map(|(id, v)| Some((id, Spread::of(&v)?)))
            .collect()
    } else {
        HashMap::new()
    };
    let mut outline = Outline {
        doc,
        spreads,
        index: doc.index(),
        rests_on,
        written: HashSet::new(),
        out: String::new(),
    };
    let title = if doc.title.trim().is_empty() {
        "Belief map"
    } else {
        doc.title.trim()
    };
    let _ = writeln!(outline.out, "# {}\n", one_line(title));

    let outcomes: Vec<NodeId> = doc
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Outcome)
        .map(|n| n.id)
        .collect();
    if !outcomes.is_empty() {
        outline.out.push_str("## Outcomes\n\n");
        for id in outcomes {
            outline.write_tree(id);
        }
        outline.out.push('\n');
    }
    // What no outcome rests on: start from the tops of those trees.
    let rest: Vec<NodeId> = doc
        .nodes
        .iter()
        .filter(|n| !outline.written.contains(&n.id) && !has_downstream.contains(&n.id))
        .map(|n| n.id)
        .collect();
    let leftovers = doc.nodes.iter().any(|n| !outline.written.contains(&n.id));
    if leftovers {
        outline.out.push_str("## Not yet linked to an outcome\n\n");
        for id in rest {
            outline.write_tree(id);
        }
        // Whatever is left sits only in cycles with no top.
        let cyclic: Vec<NodeId> = doc
            .nodes
            .iter()
            .filter(|n| !outline.written.contains(&n.id))
            .map(|n| n.id)
            .collect();
        for id in cyclic {
            if !outline.written.contains(&id) {
                outline.write_tree(id);
            }
        }
        outline.out.push('\n');
    }

    let g = BeliefGraph::new(doc);
    let risks = riskiest_assumptions(doc, &g);
    if !risks.is_empty() {
        outline.out.push_str("## Riskiest assumptions\n\n");
        for (rank, risk) in risks.iter().take(TOP_RISKS).enumerate() {
            if let Some(node) = doc.node(risk.id) {
                let _ = writeln!(
                    outline.out,
                    "{}. {} — score {:.1} (importance {}, evidence {}, {} bets/outcomes rest on it)",
                    rank + 1,
                    one_line(&node.title),
                    risk.score,
                    risk.importance,
                    node.evidence.label().to_lowercase(),
                    risk.reach
                );
            }
        }
    }
    workshop_sections(doc, &mut outline.out);
    learning_sections(doc, &mut outline.out);
    outline.out
}

/// The learning backlog in rank order, then the finished items.
fn learning_sections(doc: &Document, out: &mut String) {
    let items = backlog::items(doc);
    let b = &doc.workshop.backlog;
    if !items.is_empty() {
        let doing = backlog::in_progress(&items);
        let _ = writeln!(
            out,
            "\n## Learning backlog\n\nLearning in progress: {doing} of {}.\n",
            b.wip_limit
        );
        for (rank, item) in items.iter().enumerate() {
            let Some(node) = doc.node(item.id) else {
                continue;
            };
            let _ = writeln!(
                out,
                "{}. **{}** — {}{}",
                rank + 1,
                one_line(&node.title),
                item.source().to_lowercase(),
                if item.in_progress {
                    "; in progress"
                } else {
                    ""
                }
            );
            filled_prompts(node, out);
        }
    }
    let finished: Vec<&Node> = b.finished.iter().filter_map(|id| doc.node(*id)).collect();
    if !finished.is_empty() {
        out.push_str("\n## Learned\n\n");
        for node in finished {
            let _ = writeln!(
                out,
                "- **{}** — now {}%",
                one_line(&node.title),
                node.confidence
            );
            filled_prompts(node, out);
        }
    }
}

/// The blanks of a node's cards that are filled in, one nested line each.
fn filled_prompts(node: &Node, out: &mut String) {
    for card in node.cards() {
        for (label, text) in card.labels.iter().zip(card.texts) {
            if !text.trim().is_empty() {
                let _ = writeln!(out, "   - {label} {}", one_line(text));
            }
        }
    }
}

/// The revealed disagreements, with each person's vote, and the dot-voting
/// result.
fn workshop_sections(doc: &Document, out: &mut String) {
    let ranked = votes::disagreements(doc);
    if doc.workshop.revealed && !ranked.is_empty() {
        out.push_str("\n## Biggest disagreements\n\n");
        let people: HashMap<_, _> = doc
            .workshop
            .participants
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id, (i, one_line(&p.name))))
            .collect();
        let mut said: HashMap<NodeId, Vec<(usize, String)>> = HashMap::new();
        for v in &doc.workshop.votes {
            if let Some((i, name)) = people.get(&v.participant) {
                let entry = said.entry(v.node).or_default();
                entry.push((*i, format!("{name} {}", v.confidence)));
            }
        }
        for (rank, (id, s)) in ranked.iter().enumerate() {
            let mut who = said.remove(id).unwrap_or_default();
            who.sort_by_key(|w| w.0);
            let who: Vec<String> = who.into_iter().map(|w| w.1).collect();
            let title = doc.node(*id).map_or(String::new(), |n| one_line(&n.title));
            let _ = writeln!(
                out,
                "{}. {title} — median {}, IQR {}, range {}–{} ({})",
                rank + 1,
                votes::points(s.median),
                votes::points(s.iqr()),
                s.min,
                s.max,
                who.join(", ")
            );
        }
    }
    let tally = votes::dot_tally(doc);
    if !tally.is_empty() {
        out.push_str("\n## Dot voting\n\n");
        for (rank, (target, n)) in tally.iter().enumerate() {
            let _ = writeln!(
                out,
                "{}. {} — {n} dot{}",
                rank + 1,
                one_line(&votes::target_name(doc, *target)),
                if *n == 1 { "" } else { "s" }
            );
        }
    }
}

/// A canvas board as Markdown: its header, then each section with its
/// notes; a linked note carries its card's kind, confidence and status.
pub fn canvas_to_markdown(doc: &Document, canvas: &crate::model::Canvas) -> String {
    let mut out = format!("# {}\n\n", one_line(&canvas.name));
    let h = &canvas.header;
    for (label, value) in [
        ("Focus", &h.focus),
        ("Owner", &h.owner),
        ("Horizon", &h.horizon),
    ] {
        if !value.trim().is_empty() {
            let _ = writeln!(out, "- **{label}:** {}", one_line(value));
        }
    }
    if !h.focus.trim().is_empty() || !h.owner.trim().is_empty() || !h.horizon.trim().is_empty() {
        out.push('\n');
    }
    for section in &canvas.sections {
        let _ = writeln!(out, "## {}\n", one_line(&section.title));
        let mut any = false;
        for note in canvas.notes_in(section.id) {
            any = true;
            let link = note.link.and_then(|id| doc.node(id)).map(|n| {
                format!(
                    " ({}, {}%, {})",
                    n.kind.label().to_lowercase(),
                    n.confidence,
                    n.status.label().to_lowercase()
                )
            });
            let _ = writeln!(
                out,
                "- {}{}",
                one_line(&note.text),
                link.unwrap_or_default()
            );
        }
        if !any {
            out.push_str("- (empty)\n");
        }
        out.push('\n');
    }
    out
}
