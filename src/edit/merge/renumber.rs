//! New ids from THEIRS that OURS also took.
//!
//! Both branches give a new card the next free id, so a card added on each
//! side usually carries the same number. Before merging, THEIRS's new
//! records whose ids OURS already uses get fresh ids, above every id of
//! all three documents, and every reference follows: edges, note links,
//! votes, dots, the backlog, the presentation path, snapshots, conflicts.

use crate::model::{
    Canvas, CanvasId, Document, DotTarget, EdgeId, NodeId, NoteId, ParticipantId, SectionId, Theirs,
};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// How many of THEIRS's new records were renumbered, by kind.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Renumbered {
    pub nodes: usize,
    pub edges: usize,
    pub canvases: usize,
    pub notes: usize,
    pub participants: usize,
}

impl Renumbered {
    pub fn total(&self) -> usize {
        self.nodes + self.edges + self.canvases + self.notes + self.participants
    }
}

/// Fresh numbers for THEIRS's new ids that OURS also uses, above every id
/// of the three lists and above `named`: the highest id of the kind that
/// anything in the three documents names. A deleted card's votes stay
/// behind for undo, and a fresh id equal to one would give the renumbered
/// card those votes (and two votes by one person). For the same reason
/// `ours` lists what OURS names, not only its records, where the two
/// differ.
fn clashes<K: Eq + Hash + Copy + Ord>(
    base: &[K],
    ours: &[K],
    theirs: &[K],
    named: u64,
    wrap: impl Fn(u64) -> K,
    raw: impl Fn(K) -> u64,
) -> HashMap<K, K> {
    let base: HashSet<K> = base.iter().copied().collect();
    let ours_set: HashSet<K> = ours.iter().copied().collect();
    let mut next = base
        .iter()
        .chain(ours)
        .chain(theirs)
        .map(|k| raw(*k))
        .chain([named])
        .max()
        .unwrap_or(0)
        + 1;
    let mut map = HashMap::new();
    for k in theirs {
        if !base.contains(k) && ours_set.contains(k) && !map.contains_key(k) {
            map.insert(*k, wrap(next));
            next += 1;
        }
    }
    map
}

fn mapped<K: Eq + Hash + Copy>(map: &HashMap<K, K>, k: K) -> K {
    map.get(&k).copied().unwrap_or(k)
}

/// Every participant id `doc` names: on the list, in a vote or dot kept
/// for someone taken off it, or in a conflict.
fn people_named(doc: &Document) -> Vec<ParticipantId> {
    let conflicts = doc
        .conflicts
        .iter()
        .flat_map(|c| c.theirs.participant_ids());
    doc.workshop.participant_ids().chain(conflicts).collect()
}

/// The highest canvas id and note id that dots in `docs` name (on the
/// canvas `on`, if given): a dot on a deleted note stays for undo.
fn dotted_notes(docs: [&Document; 3], on: Option<CanvasId>) -> (u64, u64) {
    let dotted = docs.into_iter().flat_map(|d| d.workshop.notes_dotted());
    dotted
        .filter(|&(canvas, _)| on.is_none_or(|c| c == canvas))
        .fold((0, 0), |(c, n), (dc, dn)| (c.max(dc.0), n.max(dn.0)))
}

/// Renumbers THEIRS's clashing new ids in place.
pub fn renumber_theirs(base: &Document, ours: &Document, theirs: &mut Document) -> Renumbered {
    let node_ids = |d: &Document| d.nodes.iter().map(|n| n.id).collect::<Vec<_>>();
    let edge_ids = |d: &Document| d.edges.iter().map(|e| e.id).collect::<Vec<_>>();
    let canvas_ids = |d: &Document| d.canvases.iter().map(|c| c.id).collect::<Vec<_>>();
    let people = |d: &Document| {
        d.workshop
            .participants
            .iter()
            .map(|p| p.id)
            .collect::<Vec<_>>()
    };
    let named_node = [base, ours, &*theirs].map(Document::highest_node_id);
    let named_person =
        [base, ours, &*theirs].map(|d| people_named(d).into_iter().map(|p| p.0).max().unwrap_or(0));
    let nodes = clashes(
        &node_ids(base),
        &ours.node_ids_named().collect::<Vec<_>>(),
        &node_ids(theirs),
        named_node.into_iter().max().unwrap_or(0),
        NodeId,
        |k| k.0,
    );
    let edges = clashes(
        &edge_ids(base),
        &edge_ids(ours),
        &edge_ids(theirs),
        0,
        EdgeId,
        |k| k.0,
    );
    let canvases = clashes(
        &canvas_ids(base),
        &canvas_ids(ours),
        &canvas_ids(theirs),
        dotted_notes([base, ours, &*theirs], None).0,
        CanvasId,
        |k| k.0,
    );
    let participants = clashes(
        &people(base),
        &people_named(ours),
        &people(theirs),
        named_person.into_iter().max().unwrap_or(0),
        ParticipantId,
        |k| k.0,
    );
    // Notes and sections are numbered within their canvas: only a canvas
    // that all three share (by its id before renumbering) can clash.
    let mut notes: HashMap<CanvasId, HashMap<NoteId, NoteId>> = HashMap::new();
    let mut sections: HashMap<CanvasId, HashMap<SectionId, SectionId>> = HashMap::new();
    for t in &theirs.canvases {
        let (Some(b), Some(o)) = (base.canvas(t.id), ours.canvas(t.id)) else {
            continue;
        };
        let ids = |c: &Canvas| c.notes.iter().map(|n| n.id).collect::<Vec<_>>();
        let named = dotted_notes([base, ours, &*theirs], Some(t.id)).1;
        let secs = |c: &Canvas| c.sections.iter().map(|s| s.id).collect::<Vec<_>>();
        notes.insert(
            t.id,
            clashes(&ids(b), &ids(o), &ids(t), named, NoteId, |k| k.0),
        );
        sections.insert(
            t.id,
            clashes(&secs(b), &secs(o), &secs(t), 0, SectionId, |k| k.0),
        );
    }
    let count = Renumbered {
        nodes: nodes.len(),
        edges: edges.len(),
        canvases: canvases.len(),
        notes: notes.values().map(HashMap::len).sum(),
        participants: participants.len(),
    };
    if count.total() == 0 && sections.values().all(HashMap::is_empty) {
        return count;
    }
    let node = |id: NodeId| mapped(&nodes, id);
    let person = |id: ParticipantId| mapped(&participants, id);
    let note_of = |canvas: CanvasId, id: NoteId| notes.get(&canvas).map_or(id, |m| mapped(m, id));
    for n in &mut theirs.nodes {
        n.id = node(n.id);
    }
    for e in &mut theirs.edges {
        e.id = mapped(&edges, e.id);
        e.from = node(e.from);
        e.to = node(e.to);
    }
    for c in &mut theirs.canvases {
        let old = c.id;
        for n in &mut c.notes {
            n.id = note_of(old, n.id);
            if let Some(m) = sections.get(&old) {
                n.section = mapped(m, n.section);
            }
            n.link = n.link.map(node);
        }
        if let Some(m) = sections.get(&old) {
            for s in &mut c.sections {
                s.id = mapped(m, s.id);
            }
        }
        c.id = mapped(&canvases, old);
    }
    let w = &mut theirs.workshop;
    for p in &mut w.participants {
        p.id = person(p.id);
    }
    for v in &mut w.votes {
        v.node = node(v.node);
        v.participant = person(v.participant);
    }
    if let Some(round) = &mut w.dot_round {
        for d in &mut round.dots {
            d.participant = person(d.participant);
            d.target = match d.target {
                DotTarget::Node(id) => DotTarget::Node(node(id)),
                DotTarget::Note { canvas, note } => DotTarget::Note {
                    note: note_of(canvas, note),
                    canvas: mapped(&canvases, canvas),
                },
            };
        }
    }
    for list in [
        &mut w.path,
        &mut w.backlog.order,
        &mut w.backlog.in_progress,
        &mut w.backlog.finished,
    ] {
        for id in list.iter_mut() {
            *id = node(*id);
        }
    }
    w.sort_votes();
    for s in &mut theirs.snapshots {
        for state in &mut s.nodes {
            state.node = node(state.node);
        }
    }
    for c in &mut theirs.conflicts {
        match &mut c.theirs {
            Theirs::Node(id, n) => {
                *id = node(*id);
                if let Some(n) = n {
                    n.id = *id;
                }
            }
            Theirs::Edge(id, e) => {
                *id = mapped(&edges, *id);
                if let Some(e) = e {
                    e.id = *id;
                    e.from = node(e.from);
                    e.to = node(e.to);
                }
            }
            Theirs::Vote {
                node: n,
                participant,
                ..
            } => {
                *n = node(*n);
                *participant = person(*participant);
            }
            Theirs::Participant(id, p) => {
                *id = person(*id);
                if let Some(p) = p {
                    p.id = *id;
                }
            }
            Theirs::Note { canvas, note, .. } => {
                *note = note_of(*canvas, *note);
                *canvas = mapped(&canvases, *canvas);
            }
            Theirs::Canvas(id, _) => *id = mapped(&canvases, *id),
            Theirs::Title(_) | Theirs::Workshop(_) => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use crate::edit::merge::merge;
    use crate::model::{Document, Node, NodeId, NodeKind};

    /// Card 4 was deleted before the branches split, and Ana's vote on it
    /// is kept for undo. Both sides add a card 3, and THEIRS's Ana votes on
    /// hers: renumbered to 4, it would carry two votes by Ana.
    #[test]
    fn a_renumbered_card_skips_ids_that_kept_votes_name() {
        let mut base = Document::default();
        for id in [1, 2] {
            base.nodes
                .push(Node::new(NodeId(id), NodeKind::Belief, "base"));
        }
        let ana = base.workshop.add_participant("Ana");
        base.workshop.set_vote(NodeId(4), ana, Some(40));
        let mut ours = base.clone();
        ours.nodes
            .push(Node::new(NodeId(3), NodeKind::Belief, "ours"));
        let mut theirs = base.clone();
        theirs
            .nodes
            .push(Node::new(NodeId(3), NodeKind::Belief, "theirs"));
        theirs.workshop.set_vote(NodeId(3), ana, Some(70));

        let merged = merge(&base, &ours, &theirs).expect("a valid merge");
        assert_eq!(merged.renumbered.nodes, 1);
        let card = merged
            .doc
            .nodes
            .iter()
            .find(|n| n.title == "theirs")
            .unwrap();
        assert_eq!(card.id, NodeId(5));
        assert_eq!(merged.doc.workshop.vote(NodeId(5), ana), Some(70));
        assert_eq!(merged.doc.workshop.vote(NodeId(4), ana), Some(40));
        assert_eq!(merged.doc.workshop.vote(NodeId(3), ana), None);
    }

    /// OURS added card 3, Ana voted on it, and OURS deleted it again: the
    /// vote stays for undo. THEIRS's own new card 3 must not inherit it.
    #[test]
    fn a_new_card_skips_an_id_our_deleted_card_left_votes_on() {
        let mut base = Document::default();
        base.nodes
            .push(Node::new(NodeId(1), NodeKind::Belief, "base"));
        let ana = base.workshop.add_participant("Ana");
        let mut ours = base.clone();
        ours.workshop.set_vote(NodeId(2), ana, Some(40));
        let mut theirs = base.clone();
        theirs
            .nodes
            .push(Node::new(NodeId(2), NodeKind::Belief, "theirs"));

        let merged = merge(&base, &ours, &theirs).expect("a valid merge");
        assert_eq!(merged.renumbered.nodes, 1);
        let card = merged.doc.nodes.iter().find(|n| n.title == "theirs");
        assert_eq!(card.map(|n| n.id), Some(NodeId(3)));
        assert_eq!(merged.doc.workshop.vote(NodeId(3), ana), None);
        assert_eq!(merged.doc.workshop.vote(NodeId(2), ana), Some(40));
    }
}
