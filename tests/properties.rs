//! Property tests: any document (canvases and workshop included) survives save/load
//! unchanged, and any sequence of edits on any board undoes back to the
//! start and redoes to the end.

use credence::edit::{Command, History, MergeKey};
use credence::model::{
    Backlog, Canvas, CanvasHeader, CanvasId, Document, Edge, EdgeId, EdgeKind, EvidenceStrength,
    Horizon, LearningCard, LearningPrompts, Node, NodeId, NodeKind, NodeState, Note, Point, Rgb,
    Size, Snapshot, Status, TestCard, Workshop,
};
use proptest::prelude::*;
use std::path::Path;

fn text() -> impl Strategy<Value = String> {
    // Quotes, backslashes, newlines, RON syntax and non-Latin scripts included.
    proptest::string::string_regex("[a-zA-Z0-9 \"\\\\\n,():\\[\\]éß中🙂-]{0,24}").unwrap()
}

fn finite() -> impl Strategy<Value = f32> {
    -1.0e6f32..1.0e6f32
}

fn node(id: u64) -> impl Strategy<Value = Node> {
    (
        (
            prop::sample::select(NodeKind::ALL.to_vec()),
            text(),
            text(),
            0u8..=100,
            1u8..=5,
            prop::sample::select(EvidenceStrength::ALL.to_vec()),
            prop::sample::select(Status::ALL.to_vec()),
        ),
        (
            text(),
            prop::sample::select(Horizon::ALL.to_vec()),
            prop::collection::vec(text(), 0..3),
            prop::option::of(any::<(u8, u8, u8)>()),
            (text(), text(), text(), text()),
            (finite(), finite(), 1.0f32..1000.0, 1.0f32..1000.0),
        ),
        (
            prop::option::of(0u8..=100),
            prop::option::of(0u8..=100),
            (text(), text(), text(), text()),
            (text(), text(), text(), text()),
            any::<bool>(),
        ),
    )
        .prop_map(
            move |(
                (kind, title, notes, confidence, importance, evidence, status),
                (owner, horizon, tags, colour, prompts, (x, y, w, h)),
                (stance, convergence, test, learned, pinned),
            )| Node {
                id: NodeId(id),
                kind,
                title,
                notes,
                confidence,
                importance,
                evidence,
                status,
                owner,
                horizon,
                tags,
                colour: colour.map(|(r, g, b)| Rgb(r, g, b)),
                stance,
                convergence,
                prompts: LearningPrompts {
                    allows_us_to: prompts.0,
                    value_of_less_wrong: prompts.1,
                    cost_of_being_wrong: prompts.2,
                    progress_looks_like: prompts.3,
                },
                test_card: TestCard {
                    we_believe: test.0,
                    to_verify: test.1,
                    measure: test.2,
                    right_if: test.3,
                },
                learning_card: LearningCard {
                    believed: learned.0,
                    observed: learned.1,
                    learned: learned.2,
                    therefore: learned.3,
                },
                pos: Point::new(x, y),
                size: Size { w, h },
                pinned,
            },
        )
}

/// A canvas from one of the built-in templates, with notes that may link
/// to the document's nodes (ids `1, 4, 7, …`, some of them missing).
fn canvas(id: u64) -> impl Strategy<Value = Canvas> {
    (
        0usize..3,
        (text(), text(), text(), text()),
        prop::collection::vec(
            (
                any::<usize>(),
                text(),
                prop::option::of(any::<(u8, u8, u8)>()),
                prop::option::of(0u64..40),
            ),
            0..12,
        ),
    )
        .prop_map(move |(template, (name, focus, owner, horizon), notes)| {
            let t = &credence::io::templates::built_in()[template];
            let mut c = t.instantiate(CanvasId(id), &name);
            c.header = CanvasHeader {
                focus,
                owner,
                horizon,
            };
            for (i, (section, text, colour, link)) in notes.into_iter().enumerate() {
                let section = c.sections[section % c.sections.len()].id;
                c.notes.push(Note {
                    id: credence::model::NoteId(i as u64 + 1),
                    section,
                    text,
                    colour: colour.map(|(r, g, b)| Rgb(r, g, b)),
                    link: link.map(NodeId),
                });
            }
            c
        })
}

/// Up to four people voting on nodes `1, 4, 7, …` (the ids `document`
/// gives), a dot round, and snapshots; some votes name nodes that do not
/// exist, as they do after a delete.
fn workshop(n: usize) -> impl Strategy<Value = (Workshop, Vec<Snapshot>)> {
    (
        prop::collection::vec(text(), 0..4),
        prop::collection::vec((0..n + 1, 0usize..4, 0u8..=100), 0..10),
        any::<bool>(),
        prop::option::of((
            1u8..5,
            any::<bool>(),
            prop::collection::vec((0usize..4, 0..n + 1), 0..6),
        )),
        prop::collection::vec((text(), any::<u32>(), 0u8..=100), 0..3),
        any::<bool>(),
        (
            prop::collection::vec(0..n + 1, 0..4),
            prop::collection::vec(0..n + 1, 0..3),
            prop::collection::vec(0..n + 1, 0..3),
            1u8..=99,
        ),
    )
        .prop_map(
            move |(names, votes, revealed, round, snaps, on_save, backlog)| {
                let mut w = Workshop::default();
                for name in &names {
                    w.add_participant(name);
                    // add_participant trims; keep the generated name as is.
                    w.participants.last_mut().unwrap().name = name.clone();
                }
                let node = |i: usize| NodeId(i as u64 * 3 + 1);
                if !w.participants.is_empty() {
                    for (i, p, v) in votes {
                        let p = w.participants[p % w.participants.len()].id;
                        w.set_vote(node(i), p, Some(v));
                    }
                }
                w.revealed = revealed;
                if let Some((per, open, dots)) = round {
                    w.dot_round = Some(credence::model::DotRound {
                        per_person: per,
                        open: true,
                        dots: Vec::new(),
                    });
                    for (p, i) in dots {
                        if let Some(p) = w.participants.get(p).map(|p| p.id) {
                            let _ = w.place_dot(p, credence::model::DotTarget::Node(node(i)));
                        }
                    }
                    w.dot_round.as_mut().unwrap().open = open;
                }
                w.path = (0..n).step_by(2).map(node).collect();
                w.snapshot_on_save = on_save;
                let (order, in_progress, finished, wip_limit) = backlog;
                w.backlog = Backlog {
                    order: order.into_iter().map(node).collect(),
                    in_progress: in_progress.into_iter().map(node).collect(),
                    finished: finished.into_iter().map(node).collect(),
                    wip_limit,
                };
                let snapshots = snaps
                    .into_iter()
                    .map(|(label, taken, c)| Snapshot {
                        label,
                        taken: u64::from(taken),
                        nodes: (0..n)
                            .map(|i| NodeState {
                                node: node(i),
                                confidence: c,
                                status: Status::Testing,
                                evidence: EvidenceStrength::Weak,
                                importance: (i % 2 == 0).then_some(1 + (c % 5)),
                                stance: (i % 3 == 0).then_some(c),
                                convergence: (i % 3 != 2).then_some(100 - c),
                                measured: i % 3 == 1,
                            })
                            .collect(),
                    })
                    .collect();
                (w, snapshots)
            },
        )
}

fn document() -> impl Strategy<Value = Document> {
    (1usize..12)
        .prop_flat_map(|n| {
            let nodes: Vec<_> = (0..n as u64).map(|i| node(i * 3 + 1)).collect();
            let edges = prop::collection::vec(
                (
                    0..n,
                    0..n,
                    prop::sample::select(EdgeKind::ALL.to_vec()),
                    text(),
                ),
                0..n * 2,
            );
            let canvases =
                (0usize..3).prop_flat_map(|k| (1..=k as u64).map(canvas).collect::<Vec<_>>());
            (nodes, edges, text(), canvases, workshop(n))
        })
        .prop_map(|(nodes, edges, title, canvases, (workshop, snapshots))| {
            let edges = edges
                .into_iter()
                .enumerate()
                .map(|(i, (a, b, kind, label))| Edge {
                    id: EdgeId(i as u64 + 100),
                    from: nodes[a].id,
                    to: nodes[b].id,
                    kind,
                    label,
                })
                .collect();
            Document {
                title,
                nodes,
                edges,
                canvases,
                workshop,
                snapshots,
                conflicts: Vec::new(),
            }
        })
}

/// One user-level edit, with indices resolved against the document at the
/// time it is applied.
#[derive(Clone, Debug)]
enum Op {
    Add(Box<Node>),
    Remove(usize),
    Move(usize, f32, f32),
    Retitle(usize, String),
    Connect(usize, usize, EdgeKind),
    RemoveEdge(usize),
    Drag(usize, Vec<(f32, f32)>),
    /// On canvas `.0`: add a note to section `.1`, typed as several merged steps.
    TypeNote(usize, usize, Vec<String>),
    /// On canvas `.0`: move note `.1` to section `.2` at slot `.3`.
    MoveNote(usize, usize, usize, usize),
    DeleteNote(usize, usize),
    AddCanvas(usize),
    RemoveCanvas(usize),
    /// Person `.0` types vote `.2` on node `.1` digit by digit (merged steps).
    Vote(usize, usize, u8),
    AddParticipant(String),
    RemoveParticipant(usize),
    ToggleReveal,
    Snapshot(String),
    RemoveSnapshot(usize),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        node(0).prop_map(|n| Op::Add(Box::new(n))),
        any::<usize>().prop_map(Op::Remove),
        (any::<usize>(), finite(), finite()).prop_map(|(i, x, y)| Op::Move(i, x, y)),
        (any::<usize>(), text()).prop_map(|(i, t)| Op::Retitle(i, t)),
        (
            any::<usize>(),
            any::<usize>(),
            prop::sample::select(EdgeKind::ALL.to_vec())
        )
            .prop_map(|(a, b, k)| Op::Connect(a, b, k)),
        any::<usize>().prop_map(Op::RemoveEdge),
        (
            any::<usize>(),
            prop::collection::vec((finite(), finite()), 1..5)
        )
            .prop_map(|(i, steps)| Op::Drag(i, steps)),
        (
            any::<usize>(),
            any::<usize>(),
            prop::collection::vec(text(), 1..4)
        )
            .prop_map(|(c, s, t)| Op::TypeNote(c, s, t)),
        any::<(usize, usize, usize, usize)>().prop_map(|(c, n, s, i)| Op::MoveNote(c, n, s, i)),
        any::<(usize, usize)>().prop_map(|(c, n)| Op::DeleteNote(c, n)),
        (0usize..3).prop_map(Op::AddCanvas),
        any::<usize>().prop_map(Op::RemoveCanvas),
        (any::<usize>(), any::<usize>(), 0u8..=100).prop_map(|(p, n, v)| Op::Vote(p, n, v)),
        text().prop_map(Op::AddParticipant),
        any::<usize>().prop_map(Op::RemoveParticipant),
        Just(Op::ToggleReveal),
        text().prop_map(Op::Snapshot),
        any::<usize>().prop_map(Op::RemoveSnapshot),
    ]
}

/// The canvas at `i` (mod the count), changed by `change`, as a command.
fn change_canvas(doc: &Document, i: usize, change: impl FnOnce(&mut Canvas)) -> Option<Command> {
    if doc.canvases.is_empty() {
        return None;
    }
    let mut c = doc.canvases[i % doc.canvases.len()].clone();
    change(&mut c);
    Some(Command::ReplaceCanvas(c))
}

fn apply(doc: &mut Document, history: &mut History, op: Op, gesture: usize) {
    let pick = |len: usize, i: usize| (len > 0).then(|| i % len);
    match op {
        Op::Add(mut node) => {
            node.id = doc.next_node_id();
            history.apply(doc, Command::add(doc, vec![*node], vec![]));
        }
        Op::Remove(i) => {
            if let Some(i) = pick(doc.nodes.len(), i) {
                let id = doc.nodes[i].id;
                history.apply(
                    doc,
                    Command::Remove {
                        nodes: vec![id],
                        edges: vec![],
                    },
                );
            }
        }
        Op::Move(i, x, y) => {
            if let Some(i) = pick(doc.nodes.len(), i) {
                let id = doc.nodes[i].id;
                history.apply(doc, Command::Move(vec![(id, Point::new(x, y))]));
            }
        }
        Op::Retitle(i, title) => {
            if let Some(i) = pick(doc.nodes.len(), i) {
                let mut node = doc.nodes[i].clone();
                node.title = title;
                history.apply(doc, Command::UpdateNodes(vec![node]));
            }
        }
        Op::Connect(a, b, kind) => {
            if let (Some(a), Some(b)) = (pick(doc.nodes.len(), a), pick(doc.nodes.len(), b)) {
                let edge = Edge::new(doc.next_edge_id(), doc.nodes[a].id, doc.nodes[b].id, kind);
                history.apply(doc, Command::add(doc, vec![], vec![edge]));
            }
        }
        Op::RemoveEdge(i) => {
            if let Some(i) = pick(doc.edges.len(), i) {
                let id = doc.edges[i].id;
                history.apply(
                    doc,
                    Command::Remove {
                        nodes: vec![],
                        edges: vec![id],
                    },
                );
            }
        }
        Op::Drag(i, steps) => {
            if let Some(i) = pick(doc.nodes.len(), i) {
                let id = doc.nodes[i].id;
                let key = MergeKey(format!("drag-{gesture}"));
                for (x, y) in steps {
                    history.apply_merged(
                        doc,
                        Command::Move(vec![(id, Point::new(x, y))]),
                        key.clone(),
                    );
                }
                history.seal();
            }
        }
        Op::TypeNote(c, section, texts) => {
            let key = MergeKey(format!("note-{gesture}"));
            let mut note = None;
            for text in texts {
                let command = change_canvas(doc, c, |canvas| {
                    let id = *note.get_or_insert_with(|| canvas.next_note_id());
                    let section = canvas.sections[section % canvas.sections.len()].id;
                    match canvas.notes.iter_mut().find(|n| n.id == id) {
                        Some(n) => n.text = text,
                        None => canvas.notes.push(Note {
                            id,
                            section,
                            text,
                            ..Note::default()
                        }),
                    }
                });
                if let Some(command) = command {
                    history.apply_merged(doc, command, key.clone());
                }
            }
            history.seal();
        }
        Op::MoveNote(c, n, s, slot) => {
            let command = change_canvas(doc, c, |canvas| {
                if let Some(i) = pick(canvas.notes.len(), n) {
                    let note = canvas.notes[i].id;
                    let section = canvas.sections[s % canvas.sections.len()].id;
                    canvas.move_note(note, section, slot % 8);
                }
            });
            if let Some(command) = command {
                history.apply(doc, command);
            }
        }
        Op::DeleteNote(c, n) => {
            let command = change_canvas(doc, c, |canvas| {
                if let Some(i) = pick(canvas.notes.len(), n) {
                    canvas.notes.remove(i);
                }
            });
            if let Some(command) = command {
                history.apply(doc, command);
            }
        }
        Op::AddCanvas(template) => {
            let t = &credence::io::templates::built_in()[template];
            let canvas = t.instantiate(doc.next_canvas_id(), "New");
            let index = doc.canvases.len();
            history.apply(doc, Command::InsertCanvas { index, canvas });
        }
        Op::RemoveCanvas(i) => {
            if let Some(i) = pick(doc.canvases.len(), i) {
                let id = doc.canvases[i].id;
                history.apply(doc, Command::RemoveCanvas(id));
            }
        }
        Op::Vote(p, n, v) => {
            if let (Some(p), Some(n)) = (
                pick(doc.workshop.participants.len(), p),
                pick(doc.nodes.len(), n),
            ) {
                let (p, n) = (doc.workshop.participants[p].id, doc.nodes[n].id);
                let key = MergeKey(format!("vote-{gesture}"));
                // "7", then "75": two keystrokes, one step.
                for typed in [v / 10, v] {
                    let mut w = doc.workshop.clone();
                    w.set_vote(n, p, Some(typed));
                    history.apply_merged(doc, Command::ReplaceWorkshop(w), key.clone());
                }
                history.seal();
            }
        }
        Op::AddParticipant(name) => {
            let mut w = doc.workshop.clone();
            w.add_participant(&name);
            history.apply(doc, Command::ReplaceWorkshop(w));
        }
        Op::RemoveParticipant(i) => {
            if let Some(i) = pick(doc.workshop.participants.len(), i) {
                let mut w = doc.workshop.clone();
                w.remove_participant(w.participants[i].id);
                history.apply(doc, Command::ReplaceWorkshop(w));
            }
        }
        Op::ToggleReveal => {
            let mut w = doc.workshop.clone();
            w.revealed = !w.revealed;
            history.apply(doc, Command::ReplaceWorkshop(w));
        }
        Op::Snapshot(label) => {
            let snapshot = credence::analysis::belief_map::snapshot(doc, label, 1_800_000_000);
            let index = doc.snapshots.len();
            history.apply(doc, Command::InsertSnapshot { index, snapshot });
        }
        Op::RemoveSnapshot(i) => {
            if let Some(i) = pick(doc.snapshots.len(), i) {
                history.apply(doc, Command::RemoveSnapshot(i));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn save_then_load_is_identity(doc in document()) {
        let text = credence::io::to_ron(&doc);
        let back = credence::io::from_ron(&text, Path::new("prop.ron"));
        prop_assert_eq!(back, Ok(doc));
    }

    #[test]
    fn undo_all_restores_and_redo_all_replays(start in document(), ops in prop::collection::vec(op(), 0..30)) {
        let mut doc = start.clone();
        let mut history = History::default();
        let start_state = history.state();
        for (i, op) in ops.into_iter().enumerate() {
            apply(&mut doc, &mut history, op, i);
            prop_assert!(doc.validate().is_ok(), "{:?}", doc.validate());
        }
        let end = doc.clone();
        let end_state = history.state();
        while history.undo(&mut doc) {}
        prop_assert_eq!(&doc, &start);
        prop_assert_eq!(history.state(), start_state);
        while history.redo(&mut doc) {}
        prop_assert_eq!(&doc, &end);
        prop_assert_eq!(history.state(), end_state);
    }
}

/// Random edits on two branches of one document, as two people make them.
fn branches() -> impl Strategy<Value = (Document, Document, Document)> {
    (
        document(),
        prop::collection::vec(op(), 0..15),
        prop::collection::vec(op(), 0..15),
    )
        .prop_map(|(base, a, b)| {
            let edit = |ops: Vec<Op>| {
                let mut doc = base.clone();
                let mut history = History::default();
                for (i, op) in ops.into_iter().enumerate() {
                    apply(&mut doc, &mut history, op, i);
                }
                doc
            };
            let (ours, theirs) = (edit(a), edit(b));
            (base, ours, theirs)
        })
}

/// Edits that touch different cards or different fields: OURS re-rates
/// the cards at even places, gives every card an owner, and adds cards
/// resting on base cards; THEIRS retitles the cards at odd places, sets
/// every card testing, adds its own cards (with the same new ids), and
/// links a note to one of them.
#[derive(Clone, Debug)]
struct Disjoint {
    base: Document,
    ratings: Vec<u8>,
    titles: Vec<String>,
    ours_new: Vec<usize>,
    theirs_new: Vec<usize>,
}

fn disjoint() -> impl Strategy<Value = Disjoint> {
    document()
        .prop_filter("a map with cards", |d| !d.nodes.is_empty())
        .prop_flat_map(|base| {
            let n = base.nodes.len();
            (
                Just(base),
                prop::collection::vec(0u8..=100, n),
                prop::collection::vec("[a-z]{1,12}", n),
                prop::collection::vec(0..n, 0..4),
                prop::collection::vec(0..n, 0..4),
            )
        })
        .prop_map(|(base, ratings, titles, ours_new, theirs_new)| Disjoint {
            base,
            ratings,
            titles,
            ours_new,
            theirs_new,
        })
}

/// `doc` with new cards titled `{side} {i}`, each resting on the base card
/// at `rests_on[i]`, with the next free ids.
fn add_cards(doc: &mut Document, side: &str, rests_on: &[usize], base: &Document) {
    for (i, &at) in rests_on.iter().enumerate() {
        let id = doc.next_node_id();
        doc.nodes
            .push(Node::new(id, NodeKind::Assumption, format!("{side} {i}")));
        let edge = Edge::new(
            doc.next_edge_id(),
            id,
            base.nodes[at].id,
            EdgeKind::DependsOn,
        );
        doc.edges.push(edge);
    }
}

/// The new card (not in `base`) titled `title`.
fn new_card<'a>(doc: &'a Document, base: &Document, title: &str) -> Vec<&'a Node> {
    doc.nodes
        .iter()
        .filter(|n| base.node(n.id).is_none() && n.title == title)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn merging_with_one_side_unchanged_gives_the_other((base, changed, _) in branches()) {
        let ours = credence::edit::merge::merge(&base, &changed, &base).unwrap();
        prop_assert_eq!(&ours.doc, &changed);
        let theirs = credence::edit::merge::merge(&base, &base, &changed).unwrap();
        prop_assert_eq!(&theirs.doc, &changed);
        prop_assert!(theirs.new_conflicts.is_empty());
    }

    #[test]
    fn any_two_branches_merge_to_a_valid_document((base, ours, theirs) in branches()) {
        let merged = credence::edit::merge::merge(&base, &ours, &theirs);
        let merged = merged.map_err(|e| TestCaseError::fail(format!("{e}")))?;
        prop_assert!(merged.doc.validate().is_ok());
        // Saved and read back, it is the same document: the conflicts
        // survive the file too.
        let text = credence::io::to_ron(&merged.doc);
        prop_assert_eq!(credence::io::from_ron(&text, Path::new("m.ron")), Ok(merged.doc.clone()));
        // What only one side changed is as that side left it.
        for n in &merged.doc.nodes {
            let (b, o, t) = (base.node(n.id), ours.node(n.id), theirs.node(n.id));
            if b.is_some() && b == t && o.is_some() {
                prop_assert_eq!(Some(n), o);
            }
        }
        // Every conflict can be taken either way, and each is undoable.
        for i in 0..merged.doc.conflicts.len() {
            let mut doc = merged.doc.clone();
            let mine = credence::edit::merge::keep_mine(&doc, i).unwrap();
            let undo = mine.apply(&mut doc);
            prop_assert_eq!(doc.conflicts.len(), merged.doc.conflicts.len() - 1);
            undo.apply(&mut doc);
            prop_assert_eq!(&doc, &merged.doc);
            if let Some(take) = credence::edit::merge::take_theirs(&doc, i) {
                let undo = take.apply(&mut doc);
                prop_assert!(doc.validate().is_ok());
                undo.apply(&mut doc);
                prop_assert_eq!(&doc, &merged.doc);
            }
        }
    }

    #[test]
    fn disjoint_edits_merge_to_a_document_holding_both(d in disjoint()) {
        let base = &d.base;
        let mut ours = base.clone();
        let mut theirs = base.clone();
        for (i, n) in ours.nodes.iter_mut().enumerate() {
            n.owner = "Ana".into();
            if i % 2 == 0 {
                n.confidence = d.ratings[i];
            }
        }
        for (i, n) in theirs.nodes.iter_mut().enumerate() {
            n.status = Status::Testing;
            if i % 2 == 1 {
                n.title = d.titles[i].clone();
            }
        }
        add_cards(&mut ours, "ours", &d.ours_new, base);
        add_cards(&mut theirs, "theirs", &d.theirs_new, base);
        // A note on THEIRS's first new card, where THEIRS has a canvas.
        let linked = theirs.nodes.len() > base.nodes.len() && !theirs.canvases.is_empty()
            && !theirs.canvases[0].sections.is_empty();
        if linked {
            let target = theirs.nodes[base.nodes.len()].id;
            let c = &mut theirs.canvases[0];
            let id = credence::model::NoteId(c.notes.iter().map(|n| n.id.0 + 1).max().unwrap_or(1));
            let section = c.sections[0].id;
            c.notes.push(Note { id, section, text: "theirs note".into(), colour: None, link: Some(target) });
        }
        let merged = credence::edit::merge::merge(base, &ours, &theirs).unwrap();
        let doc = &merged.doc;
        prop_assert!(doc.validate().is_ok());
        prop_assert!(merged.new_conflicts.is_empty(), "{:?}", merged.new_conflicts);
        for (i, b) in base.nodes.iter().enumerate() {
            let n = doc.node(b.id).unwrap();
            prop_assert_eq!((&n.owner[..], n.status), ("Ana", Status::Testing));
            if i % 2 == 0 {
                prop_assert_eq!(n.confidence, d.ratings[i]);
                prop_assert_eq!(&n.title, &b.title);
            } else {
                prop_assert_eq!(&n.title, &d.titles[i]);
                prop_assert_eq!(n.confidence, b.confidence);
            }
        }
        prop_assert_eq!(doc.nodes.len(), base.nodes.len() + d.ours_new.len() + d.theirs_new.len());
        // Each new card is there once, still resting on the card it rested on.
        for (side, rests_on) in [("ours", &d.ours_new), ("theirs", &d.theirs_new)] {
            for (i, &at) in rests_on.iter().enumerate() {
                let found = new_card(doc, base, &format!("{side} {i}"));
                prop_assert_eq!(found.len(), 1, "{} {}", side, i);
                let id = found[0].id;
                let rests = doc.edges.iter().any(|e| e.from == id && e.to == base.nodes[at].id);
                prop_assert!(rests, "{} {} lost its edge", side, i);
            }
        }
        if linked {
            let note = doc.canvases[0].notes.iter().find(|n| n.text == "theirs note").unwrap();
            let target = doc.node(note.link.unwrap()).unwrap();
            prop_assert_eq!(&target.title, "theirs 0");
        }
        if !d.ours_new.is_empty() && !d.theirs_new.is_empty() {
            prop_assert!(merged.renumbered.nodes > 0, "both sides took the same new ids");
        }
    }

    #[test]
    fn a_document_diffed_with_itself_has_no_changes(doc in document()) {
        prop_assert!(credence::edit::diff::diff(&doc, &doc).is_empty());
    }
}
