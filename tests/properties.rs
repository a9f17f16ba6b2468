//! Property tests: any document survives save/load unchanged, and any
//! sequence of edits undoes back to the start and redoes to the end.

use credence::edit::{Command, History, MergeKey};
use credence::model::{
    BetPrompts, Document, Edge, EdgeId, EdgeKind, EvidenceStrength, Horizon, Node, NodeId,
    NodeKind, Point, Rgb, Size, Status,
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
            (text(), text()),
            (finite(), finite(), 1.0f32..1000.0, 1.0f32..1000.0),
        ),
    )
        .prop_map(
            move |(
                (kind, title, notes, confidence, importance, evidence, status),
                (owner, horizon, tags, colour, prompts, (x, y, w, h)),
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
                prompts: BetPrompts {
                    allows_us_to: prompts.0,
                    value_of_less_wrong: prompts.1,
                },
                pos: Point::new(x, y),
                size: Size { w, h },
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
            (nodes, edges, text())
        })
        .prop_map(|(nodes, edges, title)| {
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
                canvases: Vec::new(),
            }
        })
}

/// One user-level edit, with indices resolved against the document at the
/// time it is applied.
#[derive(Clone, Debug)]
enum Op {
    Add(Node),
    Remove(usize),
    Move(usize, f32, f32),
    Retitle(usize, String),
    Connect(usize, usize, EdgeKind),
    RemoveEdge(usize),
    Drag(usize, Vec<(f32, f32)>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        node(0).prop_map(Op::Add),
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
    ]
}

fn apply(doc: &mut Document, history: &mut History, op: Op, gesture: usize) {
    let pick = |len: usize, i: usize| (len > 0).then(|| i % len);
    match op {
        Op::Add(mut node) => {
            node.id = doc.next_node_id();
            history.apply(doc, Command::add(doc, vec![node], vec![]));
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
