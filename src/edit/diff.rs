//! What changed between two documents, named the way a person names
//! things: cards by their titles, edges by the titles at their ends.
//! `credence diff` prints these lines; git shows them as the diff of a
//! `.ron` file.
//!
//! Records are matched by stable id, so a card that moved in the file, or
//! whose title changed, is one change, not a deletion and an addition.

use super::merge::{fields_of, own_fields};
use crate::model::{
    Canvas, Document, DotTarget, Edge, Node, NodeId, Note, Participant, Vote, Workshop,
};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};

/// What a change is to: one count of `--stat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    Title,
    Card,
    Edge,
    Canvas,
    Note,
    Participant,
    Vote,
    Dots,
    Workshop,
    Snapshot,
    Conflict,
}

impl Part {
    fn plural(self) -> &'static str {
        match self {
            Part::Title => "title",
            Part::Card => "cards",
            Part::Edge => "edges",
            Part::Canvas => "canvases",
            Part::Note => "notes",
            Part::Participant => "participants",
            Part::Vote => "votes",
            Part::Dots => "dots",
            Part::Workshop => "workshop",
            Part::Snapshot => "snapshots",
            Part::Conflict => "conflicts",
        }
    }
}

/// One line of a diff: `+` added, `-` removed, `~` changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub sign: char,
    pub part: Part,
    pub text: String,
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.sign, self.text)
    }
}

/// Every change from `old` to `new`, in document order: removed and
/// changed records in `old`'s order, then added ones in `new`'s.
pub fn diff(old: &Document, new: &Document) -> Vec<Change> {
    let out = Out::default();
    if old.title != new.title {
        out.push(
            '~',
            Part::Title,
            format!(
                "document title {} → {}",
                quote(&old.title),
                quote(&new.title)
            ),
        );
    }
    let names = Names::of(old, new);
    keyed(
        &old.nodes,
        &new.nodes,
        |n| n.id,
        |sign, n| {
            out.push(
                sign,
                Part::Card,
                format!(
                    "{} {} ({}%)",
                    n.kind.label().to_lowercase(),
                    quote(&n.title),
                    n.confidence
                ),
            )
        },
        |o, n| card_change(&out, o, n),
    );
    keyed(
        &old.edges,
        &new.edges,
        |e| e.id,
        |sign, e| out.push(sign, Part::Edge, format!("edge {}", names.edge(e))),
        |o, n| {
            let mut parts = Vec::new();
            if o.from != n.from {
                parts.push(format!(
                    "from {} → {}",
                    names.node(o.from),
                    names.node(n.from)
                ));
            }
            if o.to != n.to {
                parts.push(format!("to {} → {}", names.node(o.to), names.node(n.to)));
            }
            if o.kind != n.kind {
                parts.push(format!("{} → {}", o.kind.label(), n.kind.label()));
            }
            if o.label != n.label {
                parts.push(format!("label {} → {}", quote(&o.label), quote(&n.label)));
            }
            out.push(
                '~',
                Part::Edge,
                format!("edge {}: {}", names.edge(n), parts.join(", ")),
            );
        },
    );
    keyed(
        &old.canvases,
        &new.canvases,
        |c| c.id,
        |sign, c| out.push(sign, Part::Canvas, format!("canvas {}", quote(&c.name))),
        |o, n| canvas_change(&out, o, n, &names),
    );
    // Notes of canvases on both sides; a canvas added or removed counts as
    // one change, not one per note.
    for n in &new.canvases {
        if let Some(o) = old.canvas(n.id) {
            notes_change(&out, o, n, &names);
        }
    }
    workshop_change(&out, &old.workshop, &new.workshop, &names);
    keyed(
        &old.snapshots,
        &new.snapshots,
        |s| (s.taken, s.label.clone()),
        |sign, s| {
            out.push(
                sign,
                Part::Snapshot,
                format!("snapshot {}", quote(&s.label)),
            )
        },
        |_, _| {},
    );
    for c in old.conflicts.iter().filter(|c| !new.conflicts.contains(c)) {
        out.push(
            '-',
            Part::Conflict,
            format!("conflict: {}", c.describe(old)),
        );
    }
    for c in new.conflicts.iter().filter(|c| !old.conflicts.contains(c)) {
        out.push(
            '+',
            Part::Conflict,
            format!("conflict: {}", c.describe(new)),
        );
    }
    out.0.into_inner()
}

/// One line: per part, how many were added, removed and changed, e.g.
/// `cards +2 -1 ~3, votes ~4`; `no changes` when there are none.
pub fn stat(changes: &[Change]) -> String {
    let mut counts: BTreeMap<Part, [usize; 3]> = BTreeMap::new();
    for c in changes {
        let slot = match c.sign {
            '+' => 0,
            '-' => 1,
            _ => 2,
        };
        counts.entry(c.part).or_default()[slot] += 1;
    }
    if counts.is_empty() {
        return "no changes".into();
    }
    counts
        .into_iter()
        .map(|(part, [add, remove, change])| {
            let mut s = part.plural().to_owned();
            for (n, sign) in [(add, '+'), (remove, '-'), (change, '~')] {
                if n > 0 {
                    s.push_str(&format!(" {sign}{n}"));
                }
            }
            s
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The lines so far. Shared, not borrowed mutably, so the closures that
/// describe additions and changes of one kind can both write to it.
#[derive(Default)]
struct Out(std::cell::RefCell<Vec<Change>>);

impl Out {
    fn push(&self, sign: char, part: Part, text: String) {
        self.0.borrow_mut().push(Change { sign, part, text });
    }
}

/// Card titles and participant names from both sides (the newer wins), for
/// naming what an edge, a vote or a dot is on.
struct Names<'a> {
    nodes: HashMap<NodeId, &'a str>,
    people: HashMap<crate::model::ParticipantId, &'a str>,
}

impl<'a> Names<'a> {
    fn of(old: &'a Document, new: &'a Document) -> Self {
        let mut nodes = HashMap::with_capacity(new.nodes.len());
        let mut people = HashMap::new();
        for d in [old, new] {
            nodes.extend(d.nodes.iter().map(|n| (n.id, n.title.as_str())));
            people.extend(
                d.workshop
                    .participants
                    .iter()
                    .map(|p| (p.id, p.name.as_str())),
            );
        }
        Self { nodes, people }
    }

    fn node(&self, id: NodeId) -> String {
        self.nodes
            .get(&id)
            .map_or_else(|| format!("card {}", id.0), |t| quote(t))
    }

    fn person(&self, id: crate::model::ParticipantId) -> String {
        self.people
            .get(&id)
            .map_or_else(|| format!("participant {}", id.0), |n| n.to_string())
    }

    fn edge(&self, e: &Edge) -> String {
        format!(
            "{} {} {}",
            self.node(e.from),
            e.kind.label(),
            self.node(e.to)
        )
    }
}

fn quote(s: &str) -> String {
    format!("{s:?}")
}

/// A note's text, shortened for a one-line mention.
fn short(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        quote(s)
    } else {
        quote(&format!("{}…", s.chars().take(MAX - 1).collect::<String>()))
    }
}

/// Calls `one('+' or '-', record)` for what only one side has and
/// `both(old, new)` for what differs, matching by `key`.
fn keyed<'a, K, T: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    key: impl Fn(&T) -> K,
    mut one: impl FnMut(char, &'a T),
    mut both: impl FnMut(&'a T, &'a T),
) where
    K: Eq + std::hash::Hash,
{
    let new_by: HashMap<K, &T> = new.iter().map(|r| (key(r), r)).collect();
    let old_by: HashMap<K, &T> = old.iter().map(|r| (key(r), r)).collect();
    for o in old {
        match new_by.get(&key(o)) {
            None => one('-', o),
            Some(n) if *n != o => both(o, n),
            Some(_) => {}
        }
    }
    for n in new {
        if !old_by.contains_key(&key(n)) {
            one('+', n);
        }
    }
}

/// A value as a diff line shows it: strings and enum names bare, lists in
/// brackets, nothing as "none".
fn show(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "none".into(),
        Some(Value::String(s)) => s.replace('_', " "),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items.iter().map(|i| show(Some(i))).collect();
            format!("[{}]", items.join(", "))
        }
        Some(Value::Object(_)) => "…".into(),
    }
}

/// How a field's change reads: its name and both values, or a word for
/// fields whose values are too long or too spatial to print.
fn field_change(field: &str, old: Option<&Value>, new: Option<&Value>) -> String {
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => quote(s),
        other => show(other),
    };
    match field {
        "pos" => "moved".into(),
        "size" => "resized".into(),
        "notes" => "notes edited".into(),
        "prompts" | "test_card" | "learning_card" | "header" | "sections" => {
            format!("{} edited", field.replace('_', " "))
        }
        "title" => format!("title → {}", text(new)),
        "owner" | "name" | "label" | "template" | "text" => {
            format!("{field} {} → {}", text(old), text(new))
        }
        "colour" => format!("colour {} → {}", colour(old), colour(new)),
        "confidence" | "stance" | "convergence" => {
            let pct = |v: Option<&Value>| match v {
                Some(Value::Number(n)) => n.to_string(),
                other => show(other),
            };
            format!("{} {} → {}", field, pct(old), pct(new))
        }
        _ => format!("{} {} → {}", field.replace('_', " "), show(old), show(new)),
    }
}

fn colour(v: Option<&Value>) -> String {
    match v.and_then(Value::as_array) {
        Some(rgb) if rgb.len() == 3 => {
            let c: Vec<u64> = rgb.iter().filter_map(Value::as_u64).collect();
            match c[..] {
                [r, g, b] => format!("#{r:02x}{g:02x}{b:02x}"),
                _ => show(v),
            }
        }
        _ => "none".into(),
    }
}

/// The fields in the order a card reads, then any others by name.
const CARD_ORDER: [&str; 18] = [
    "title",
    "kind",
    "confidence",
    "importance",
    "evidence",
    "status",
    "owner",
    "horizon",
    "tags",
    "colour",
    "stance",
    "convergence",
    "notes",
    "prompts",
    "test_card",
    "learning_card",
    "pos",
    "size",
];

/// `old` → `new` field by field, as `field a → b` phrases in `order` first.
fn fields_changed<T: serde::Serialize>(
    old: &T,
    new: &T,
    order: &[&str],
    skip: &[&str],
) -> Vec<String> {
    let (o, n) = (fields_of(old), fields_of(new));
    let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
    keys.sort_by_key(|k| {
        (
            order.iter().position(|f| f == k).unwrap_or(order.len()),
            (*k).clone(),
        )
    });
    keys.dedup();
    keys.into_iter()
        .filter(|k| !skip.contains(&k.as_str()) && o.get(*k) != n.get(*k))
        .map(|k| field_change(k, o.get(k), n.get(k)))
        .collect()
}

fn card_change(out: &Out, o: &Node, n: &Node) {
    let parts = fields_changed(o, n, &CARD_ORDER, &["id"]);
    out.push(
        '~',
        Part::Card,
        format!("{}: {}", quote(&o.title), parts.join(", ")),
    );
}

fn canvas_change(out: &Out, o: &Canvas, n: &Canvas, _names: &Names) {
    let (own_o, own_n) = (own_fields(o), own_fields(n));
    let mut parts = fields_changed(&own_o, &own_n, &["name"], &["id", "notes"]);
    // The grid reads as one size, not two numbers.
    if (o.columns, o.rows) != (n.columns, n.rows) {
        parts.retain(|p| !p.starts_with("columns ") && !p.starts_with("rows "));
        parts.push(format!(
            "grid {} × {} → {} × {}",
            o.columns, o.rows, n.columns, n.rows
        ));
    }
    if !parts.is_empty() {
        out.push(
            '~',
            Part::Canvas,
            format!("canvas {}: {}", quote(&n.name), parts.join(", ")),
        );
    }
}

fn notes_change(out: &Out, o: &Canvas, n: &Canvas, names: &Names) {
    let section = |c: &Canvas, note: &Note| {
        c.section(note.section).map_or_else(
            || format!("section {}", note.section.0),
            |s| quote(&s.title),
        )
    };
    let place = |c: &Canvas, note: &Note| format!("{} / {}", quote(&c.name), section(c, note));
    keyed(
        &o.notes,
        &n.notes,
        |x| x.id,
        |sign, note| {
            let c = if sign == '+' { n } else { o };
            out.push(
                sign,
                Part::Note,
                format!("note {} in {}", short(&note.text), place(c, note)),
            );
        },
        |a, b| {
            let mut parts = Vec::new();
            if a.text != b.text {
                parts.push(format!("text → {}", short(&b.text)));
            }
            if a.section != b.section {
                parts.push(format!("moved to {}", section(n, b)));
            }
            if a.colour != b.colour {
                parts.push("recoloured".into());
            }
            if a.link != b.link {
                parts.push(match b.link {
                    Some(id) => format!("linked to {}", names.node(id)),
                    None => "unlinked".into(),
                });
            }
            out.push(
                '~',
                Part::Note,
                format!(
                    "note {} in {}: {}",
                    short(&a.text),
                    place(o, a),
                    parts.join(", ")
                ),
            );
        },
    );
}

fn workshop_change(out: &Out, o: &Workshop, n: &Workshop, names: &Names) {
    keyed(
        &o.participants,
        &n.participants,
        |p| p.id,
        |sign, p: &Participant| {
            out.push(
                sign,
                Part::Participant,
                format!("participant {}", quote(&p.name)),
            )
        },
        |a, b| {
            let parts = fields_changed(a, b, &["name"], &["id"]);
            out.push(
                '~',
                Part::Participant,
                format!("participant {}: {}", quote(&a.name), parts.join(", ")),
            );
        },
    );
    keyed(
        &o.votes,
        &n.votes,
        |v| (v.node, v.participant),
        |sign, v: &Vote| {
            let on = format!(
                "vote: {} on {}",
                names.person(v.participant),
                names.node(v.node)
            );
            let text = if sign == '+' {
                format!("{on} {}%", v.confidence)
            } else {
                on
            };
            out.push(sign, Part::Vote, text);
        },
        |a, b| {
            out.push(
                '~',
                Part::Vote,
                format!(
                    "vote: {} on {} {}% → {}%",
                    names.person(a.participant),
                    names.node(a.node),
                    a.confidence,
                    b.confidence
                ),
            );
        },
    );
    if o.revealed != n.revealed {
        let what = if n.revealed { "revealed" } else { "hidden" };
        out.push('~', Part::Workshop, format!("votes {what}"));
    }
    match (&o.dot_round, &n.dot_round) {
        (None, Some(r)) => out.push(
            '+',
            Part::Workshop,
            format!("dot round ({} each)", r.per_person),
        ),
        (Some(_), None) => out.push('-', Part::Workshop, "dot round".into()),
        (Some(a), Some(b)) => {
            if a.per_person != b.per_person {
                out.push(
                    '~',
                    Part::Workshop,
                    format!("dot round: {} → {} each", a.per_person, b.per_person),
                );
            }
            if a.open != b.open {
                let what = if b.open { "reopened" } else { "closed" };
                out.push('~', Part::Workshop, format!("dot round {what}"));
            }
        }
        (None, None) => {}
    }
    // Dots per target, so a dot moved reads as two counts changing.
    let tally = |w: &Workshop| {
        let mut t: BTreeMap<String, usize> = BTreeMap::new();
        for d in w.dot_round.iter().flat_map(|r| &r.dots) {
            let name = match d.target {
                DotTarget::Node(id) => names.node(id),
                DotTarget::Note { canvas, note } => {
                    format!("note {} on canvas {}", note.0, canvas.0)
                }
            };
            *t.entry(name).or_default() += 1;
        }
        t
    };
    let (a, b) = (tally(o), tally(n));
    let targets: std::collections::BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    for t in targets {
        let (x, y) = (
            a.get(t).copied().unwrap_or(0),
            b.get(t).copied().unwrap_or(0),
        );
        if x != y {
            out.push('~', Part::Dots, format!("dots on {t}: {x} → {y}"));
        }
    }
    if o.path != n.path {
        out.push(
            '~',
            Part::Workshop,
            format!(
                "presentation path: {} → {} cards",
                o.path.len(),
                n.path.len()
            ),
        );
    }
    if o.backlog != n.backlog {
        let parts = fields_changed(&o.backlog, &n.backlog, &[], &[]);
        out.push(
            '~',
            Part::Workshop,
            format!("learning backlog: {}", parts.join(", ")),
        );
    }
    if o.snapshot_on_save != n.snapshot_on_save {
        let what = if n.snapshot_on_save { "on" } else { "off" };
        out.push('~', Part::Workshop, format!("snapshot on save {what}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{NodeKind, Status};

    #[test]
    fn a_document_against_itself_has_no_changes() {
        let doc = crate::io::example();
        assert!(diff(&doc, &doc).is_empty());
        assert_eq!(stat(&[]), "no changes");
    }

    #[test]
    fn cards_read_by_title() {
        let mut old = Document::default();
        old.nodes.push(Node::new(
            NodeId(1),
            NodeKind::Belief,
            "Price is the main reason deals stall",
        ));
        let mut new = old.clone();
        new.nodes[0].confidence = 65;
        new.nodes[0].status = Status::Testing;
        let mut added = Node::new(NodeId(2), NodeKind::Belief, "Teams share maps weekly");
        added.confidence = 60;
        new.nodes.push(added);
        let lines: Vec<String> = diff(&old, &new).iter().map(|c| c.to_string()).collect();
        assert_eq!(
            lines,
            [
                "~ \"Price is the main reason deals stall\": confidence 50 → 65, status untested → testing",
                "+ belief \"Teams share maps weekly\" (60%)",
            ]
        );
    }
}
