//! Undo and redo.
//!
//! Continuous gestures (a drag, typing in one field) arrive as many commands
//! but must undo as one step. They carry a [`MergeKey`]: while the key stays
//! the same and the step is not sealed, each new command folds into the last
//! step instead of pushing a new one.
//!
//! Edits from the room (a phone's vote, dot or join) are recorded as *room
//! steps*, which Undo and Redo pass over: the facilitator's Ctrl+Z takes
//! back the facilitator's own last change and never a participant's vote.
//! To undo a step that room steps came after, those are taken off, the
//! step is undone, and they are applied again on top. That is exact because
//! room commands are small and absolute (this vote is now 60, this dot is
//! placed), never a whole-workshop replace that would carry old votes back.

use super::Command;
use crate::model::{Document, Node, NodeId, Point};
use std::collections::BTreeMap;

/// Names one continuous gesture, e.g. "drag 17" or "title of node 3".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeKey(pub String);

#[derive(Debug)]
struct Step {
    redo: Command,
    undo: Command,
    key: Option<MergeKey>,
    sealed: bool,
    before: u64,
    after: u64,
    /// Came from the room: Undo and Redo pass over it.
    room: bool,
}

#[derive(Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// Identifies the document's current state; equal ids mean equal documents.
    current: u64,
    /// The state whose drawing (everything but vote and dot marks) the
    /// document shares: a vote leaves it, so the map's retained mesh stays.
    drawn: u64,
    next_state: u64,
}

impl History {
    /// An id for the current document state. Saving remembers it; the
    /// document is dirty exactly when the current id differs.
    pub fn state(&self) -> u64 {
        self.current
    }

    /// Equal ids mean the documents draw the same, marks aside: every
    /// card, edge and field the board paints is equal (see [`Command::marks_only`]).
    pub fn drawn_state(&self) -> u64 {
        self.drawn
    }

    pub fn can_undo(&self) -> bool {
        self.done.iter().any(|s| !s.room)
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    pub fn apply(&mut self, doc: &mut Document, command: Command) {
        self.push(doc, command, None, false);
    }

    /// Applies `command`, folding it into the previous step when that step
    /// has the same key and is not sealed.
    ///
    /// Room steps that arrived during the gesture do not split it: a drag
    /// while phones vote is still one step.
    pub fn apply_merged(&mut self, doc: &mut Document, command: Command, key: MergeKey) {
        let own = self.done.iter().rposition(|s| !s.room);
        let mergeable =
            own.is_some_and(|i| !self.done[i].sealed && self.done[i].key.as_ref() == Some(&key));
        let Some(own) = own.filter(|_| mergeable) else {
            self.push(doc, command, Some(key), false);
            return;
        };
        let after = self.next_for(&command);
        let inverse = command.clone().apply(doc);
        let step = &mut self.done[own];
        let redo = std::mem::replace(&mut step.redo, Command::Batch(Vec::new()));
        let undo = std::mem::replace(&mut step.undo, Command::Batch(Vec::new()));
        step.redo = combine(redo, command);
        step.undo = combine(inverse, undo);
        step.after = after;
        self.current = after;
        self.undone.clear();
    }

    /// The state before the gesture `key`, while it is the latest step and
    /// still open: the document is that state plus only this gesture's
    /// commands. A drag's unmoved cards look as they did in that state.
    pub fn open_since(&self, key: &MergeKey) -> Option<u64> {
        let own = self.done.iter().rposition(|s| !s.room)?;
        let step = &self.done[own];
        // Votes that came in during the gesture change only marks, which
        // are painted apart, so the still parts stay as they were.
        // An unsealed step is the live gesture: undo and redo seal theirs.
        let above = &self.done[own + 1..];
        (!step.sealed
            && step.key.as_ref() == Some(key)
            && above.iter().all(|s| s.redo.marks_only()))
        .then_some(step.before)
    }

    /// Ends the current gesture: the next command starts a new step.
    pub fn seal(&mut self) {
        if let Some(step) = self.done.iter_mut().rev().find(|s| !s.room) {
            step.sealed = true;
        }
    }

    /// Records an edit from the room: it changes the document (so it is
    /// dirty and autosaved) but is no undo step of the facilitator's, and
    /// it leaves their Redo alone.
    pub fn apply_room(&mut self, doc: &mut Document, command: Command) {
        self.push(doc, command, None, true);
    }

    /// Takes back the facilitator's last own step; room steps stay.
    pub fn undo(&mut self, doc: &mut Document) -> bool {
        let Some(own) = self.done.iter().rposition(|s| !s.room) else {
            return false;
        };
        let room = self.lift_room_steps(doc, own + 1);
        let mut step = self.done.pop().expect("own indexes a step");
        let undo = std::mem::replace(&mut step.undo, Command::Batch(Vec::new()));
        step.redo = undo.apply(doc);
        step.undo = Command::Batch(Vec::new());
        step.sealed = true;
        self.current = step.before;
        self.drawn = self.current;
        self.undone.push(step);
        self.replay_room_steps(doc, room);
        true
    }

    pub fn redo(&mut self, doc: &mut Document) -> bool {
        let Some(mut step) = self.undone.pop() else {
            return false;
        };
        // Room steps taken since the undo go back on top of the redone one.
        let from = self.done.iter().rposition(|s| !s.room).map_or(0, |i| i + 1);
        let room = self.lift_room_steps(doc, from);
        let redo = std::mem::replace(&mut step.redo, Command::Batch(Vec::new()));
        step.undo = redo.apply(doc);
        self.current = step.after;
        self.drawn = self.current;
        self.done.push(step);
        self.replay_room_steps(doc, room);
        true
    }

    /// Undoes the room steps from `from` up, newest first, and hands them
    /// back (each holding its redo) for [`replay_room_steps`](Self::replay_room_steps).
    fn lift_room_steps(&mut self, doc: &mut Document, from: usize) -> Vec<Step> {
        let mut room = self.done.split_off(from);
        for step in room.iter_mut().rev() {
            let undo = std::mem::replace(&mut step.undo, Command::Batch(Vec::new()));
            step.redo = undo.apply(doc);
        }
        if let Some(first) = room.first() {
            self.current = first.before;
        }
        room
    }

    /// Applies lifted room steps again, in their order, on what is now the
    /// document: each is a new state, so a save before it is dirty after.
    fn replay_room_steps(&mut self, doc: &mut Document, room: Vec<Step>) {
        for mut step in room {
            let redo = std::mem::replace(&mut step.redo, Command::Batch(Vec::new()));
            step.undo = redo.clone().apply(doc);
            step.redo = redo;
            step.before = self.current;
            step.after = self.next_for(&step.redo);
            self.current = step.after;
            self.done.push(step);
        }
    }

    /// A new step; a room step is sealed (nothing merges into it) and
    /// keeps the facilitator's Redo.
    fn push(&mut self, doc: &mut Document, command: Command, key: Option<MergeKey>, room: bool) {
        let before = self.current;
        let after = self.next_for(&command);
        let undo = command.clone().apply(doc);
        self.done.push(Step {
            redo: command,
            undo,
            key,
            sealed: room,
            before,
            after,
            room,
        });
        self.current = after;
        if !room {
            self.undone.clear();
        }
    }

    /// The id of the state `command` is about to make; the drawn state
    /// moves with it unless the command changes only marks.
    fn next_for(&mut self, command: &Command) -> u64 {
        let next = self.fresh_state();
        if !command.marks_only() {
            self.drawn = next;
        }
        next
    }

    fn fresh_state(&mut self) -> u64 {
        self.next_state += 1;
        self.next_state
    }
}

/// `first` then `second` as one command; for absolute commands on ids the
/// result stays flat (later values win), so a long drag stays one small step.
fn combine(first: Command, second: Command) -> Command {
    match (first, second) {
        (Command::Move(a), Command::Move(b)) => {
            let mut order: Vec<NodeId> = a.iter().map(|(id, _)| *id).collect();
            let mut map: BTreeMap<NodeId, Point> = a.into_iter().collect();
            for (id, pos) in b {
                if map.insert(id, pos).is_none() {
                    order.push(id);
                }
            }
            Command::Move(order.into_iter().map(|id| (id, map[&id])).collect())
        }
        (Command::UpdateNodes(a), Command::UpdateNodes(b)) => {
            let mut out: Vec<Node> = a;
            for node in b {
                match out.iter_mut().find(|n| n.id == node.id) {
                    Some(slot) => *slot = node,
                    None => out.push(node),
                }
            }
            Command::UpdateNodes(out)
        }
        // Later replaces of the same canvas win, so typing a note stays
        // one small step.
        (Command::ReplaceCanvas(a), Command::ReplaceCanvas(b)) if a.id == b.id => {
            Command::ReplaceCanvas(b)
        }
        (Command::ReplaceWorkshop(_), Command::ReplaceWorkshop(b)) => Command::ReplaceWorkshop(b),
        (first, second) => Command::Batch(vec![first, second]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeId, NodeKind, Point};

    /// One card, a history, and a command moving the card to `x`.
    fn setup() -> (Document, History, impl Fn(f32) -> Command) {
        let doc = Document {
            nodes: vec![Node::new(NodeId(1), NodeKind::Belief, "a")],
            ..Document::default()
        };
        let to = |x| Command::Move(vec![(NodeId(1), Point::new(x, 0.0))]);
        (doc, History::default(), to)
    }

    #[test]
    fn open_since_names_the_state_a_gesture_began_from_while_it_is_open() {
        let (mut doc, mut history, to) = setup();
        let drag = MergeKey("drag-1".into());
        assert_eq!(history.open_since(&drag), None, "nothing applied yet");
        let before = history.state();
        history.apply_merged(&mut doc, to(5.0), drag.clone());
        history.apply_merged(&mut doc, to(9.0), drag.clone());
        assert_eq!(history.open_since(&drag), Some(before));
        assert_eq!(history.open_since(&MergeKey("drag-2".into())), None);
        history.seal();
        assert_eq!(history.open_since(&drag), None, "the gesture ended");
    }

    #[test]
    fn a_step_after_the_gesture_hides_it_until_undone() {
        let (mut doc, mut history, to) = setup();
        let drag = MergeKey("drag-1".into());
        let before = history.state();
        history.apply_merged(&mut doc, to(5.0), drag.clone());
        history.apply(&mut doc, to(1.0));
        assert_eq!(history.open_since(&drag), None, "another step came after");
        history.undo(&mut doc);
        assert_eq!(
            history.open_since(&drag),
            Some(before),
            "the document is again that state plus the gesture"
        );
        history.undo(&mut doc);
        assert_eq!(history.open_since(&drag), None, "and then not even that");
    }

    /// A phone's vote on card 1 by participant 1.
    fn vote(value: u8) -> Command {
        Command::SetVotes(vec![(
            NodeId(1),
            crate::model::ParticipantId(1),
            Some(value),
        )])
    }

    fn vote_of(doc: &Document) -> Option<u8> {
        doc.workshop.vote(NodeId(1), crate::model::ParticipantId(1))
    }

    #[test]
    fn undo_takes_back_the_facilitators_step_and_keeps_the_phones_vote() {
        let (mut doc, mut history, to) = setup();
        // The facilitator's own workshop edit, as the panel makes it: a
        // whole replace, whose undo would carry the old (voteless) workshop.
        let mut w = doc.workshop.clone();
        w.path = vec![NodeId(1)];
        history.apply(&mut doc, Command::ReplaceWorkshop(w));
        history.apply(&mut doc, to(5.0));
        history.apply_room(&mut doc, vote(70));
        assert!(history.undo(&mut doc));
        assert_eq!(doc.nodes[0].pos.x, 0.0, "the move was undone");
        assert!(history.undo(&mut doc));
        assert!(doc.workshop.path.is_empty(), "the workshop edit was undone");
        assert_eq!(vote_of(&doc), Some(70), "the phone's vote stayed");
        assert!(!history.can_undo(), "only the room's step is left");
        assert!(!history.undo(&mut doc));
        assert_eq!(vote_of(&doc), Some(70));
        history.apply_room(&mut doc, vote(20));
        assert!(history.can_redo(), "a phone's vote leaves Redo alone");
        assert!(history.redo(&mut doc));
        assert_eq!(doc.workshop.path, vec![NodeId(1)]);
        assert!(history.redo(&mut doc));
        assert_eq!(doc.nodes[0].pos.x, 5.0);
        assert_eq!(vote_of(&doc), Some(20), "the latest vote, after both redos");
    }

    #[test]
    fn a_vote_mid_drag_does_not_split_the_drag() {
        let (mut doc, mut history, to) = setup();
        let drag = MergeKey("drag-1".into());
        history.apply_merged(&mut doc, to(5.0), drag.clone());
        history.apply_room(&mut doc, vote(40));
        history.apply_merged(&mut doc, to(9.0), drag.clone());
        history.seal();
        assert!(history.undo(&mut doc));
        assert_eq!(doc.nodes[0].pos.x, 0.0, "one undo takes the whole drag");
        assert!(!history.can_undo());
        assert_eq!(vote_of(&doc), Some(40));
    }

    #[test]
    fn votes_during_a_drag_keep_its_still_parts_and_their_drawing() {
        let (mut doc, mut history, to) = setup();
        let drag = MergeKey("drag-1".into());
        let before = history.state();
        history.apply_merged(&mut doc, to(5.0), drag.clone());
        let drawn = history.drawn_state();
        history.apply_room(&mut doc, vote(40));
        assert_eq!(history.drawn_state(), drawn, "a vote changes only marks");
        assert_ne!(history.state(), drawn, "but it is a new state");
        history.apply_merged(&mut doc, to(9.0), drag.clone());
        assert_eq!(history.open_since(&drag), Some(before));
        assert_ne!(history.drawn_state(), drawn, "the card moved");
        history.apply_room(
            &mut doc,
            Command::UpdateNodes(vec![Node::new(
                NodeId(1),
                crate::model::NodeKind::Belief,
                "b",
            )]),
        );
        assert_eq!(
            history.open_since(&drag),
            None,
            "a room edit that draws differently"
        );
    }

    #[test]
    fn undo_past_a_vote_makes_a_state_the_save_did_not_see() {
        let (mut doc, mut history, to) = setup();
        history.apply(&mut doc, to(5.0));
        let saved = history.state();
        history.apply_room(&mut doc, vote(40));
        history.undo(&mut doc);
        history.redo(&mut doc);
        assert_ne!(history.state(), saved, "the vote is not in the saved file");
    }

    proptest::proptest! {
        /// Whatever the facilitator undoes and redoes, the votes are what
        /// the phones last sent, and the card is where the facilitator's
        /// steps still done put it.
        #[test]
        fn undo_and_redo_never_touch_the_rooms_votes(
            ops in proptest::collection::vec((0u8..4, 0u8..100), 0..60)
        ) {
            let (mut doc, mut history, to) = setup();
            let mut phones: std::collections::BTreeMap<u64, u8> = Default::default();
            let mut done: Vec<f32> = Vec::new();
            let mut undone: Vec<f32> = Vec::new();
            for (op, value) in ops {
                match op {
                    0 => {
                        let node = u64::from(value % 3) + 1;
                        history.apply_room(&mut doc, Command::SetVotes(vec![(
                            NodeId(node),
                            crate::model::ParticipantId(1),
                            Some(value),
                        )]));
                        phones.insert(node, value);
                    }
                    1 => {
                        // Alternately a move and a whole-workshop replace.
                        if value % 2 == 0 {
                            history.apply(&mut doc, to(f32::from(value)));
                        } else {
                            let mut w = doc.workshop.clone();
                            w.snapshot_on_save = !w.snapshot_on_save;
                            history.apply(&mut doc, Command::ReplaceWorkshop(w));
                        }
                        done.push(f32::from(value));
                        undone.clear();
                    }
                    2 => {
                        if history.undo(&mut doc) {
                            undone.push(done.pop().expect("an own step was done"));
                        }
                    }
                    _ => {
                        if history.redo(&mut doc) {
                            done.push(undone.pop().expect("an own step was undone"));
                        }
                    }
                }
                let votes: std::collections::BTreeMap<u64, u8> = doc
                    .workshop
                    .votes
                    .iter()
                    .map(|v| (v.node.0, v.confidence))
                    .collect();
                proptest::prop_assert_eq!(&votes, &phones);
                let x = done.iter().rev().find(|v| *v % 2.0 == 0.0).copied().unwrap_or(0.0);
                proptest::prop_assert_eq!(doc.nodes[0].pos.x, x);
                proptest::prop_assert_eq!(history.can_undo(), !done.is_empty());
            }
        }
    }
}
