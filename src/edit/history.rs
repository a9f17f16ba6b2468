//! Undo and redo.
//!
//! Continuous gestures (a drag, typing in one field) arrive as many commands
//! but must undo as one step. They carry a [`MergeKey`]: while the key stays
//! the same and the step is not sealed, each new command folds into the last
//! step instead of pushing a new one.

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
}

#[derive(Debug, Default)]
pub struct History {
    done: Vec<Step>,
    undone: Vec<Step>,
    /// Identifies the document's current state; equal ids mean equal documents.
    current: u64,
    next_state: u64,
}

impl History {
    /// An id for the current document state. Saving remembers it; the
    /// document is dirty exactly when the current id differs.
    pub fn state(&self) -> u64 {
        self.current
    }

    pub fn can_undo(&self) -> bool {
        !self.done.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.undone.is_empty()
    }

    pub fn apply(&mut self, doc: &mut Document, command: Command) {
        self.push(doc, command, None);
    }

    /// Applies `command`, folding it into the previous step when that step
    /// has the same key and is not sealed.
    pub fn apply_merged(&mut self, doc: &mut Document, command: Command, key: MergeKey) {
        let mergeable = self
            .done
            .last()
            .is_some_and(|s| !s.sealed && s.key.as_ref() == Some(&key));
        if !mergeable {
            self.push(doc, command, Some(key));
            return;
        }
        let inverse = command.clone().apply(doc);
        let after = self.fresh_state();
        let step = self.done.last_mut().expect("mergeable implies a step");
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
        let step = self.done.last()?;
        (!step.sealed && step.key.as_ref() == Some(key) && step.after == self.current)
            .then_some(step.before)
    }

    /// Ends the current gesture: the next command starts a new step.
    pub fn seal(&mut self) {
        if let Some(step) = self.done.last_mut() {
            step.sealed = true;
        }
    }

    pub fn undo(&mut self, doc: &mut Document) -> bool {
        let Some(mut step) = self.done.pop() else {
            return false;
        };
        let undo = std::mem::replace(&mut step.undo, Command::Batch(Vec::new()));
        step.redo = undo.apply(doc);
        step.undo = Command::Batch(Vec::new());
        step.sealed = true;
        self.current = step.before;
        self.undone.push(step);
        true
    }

    pub fn redo(&mut self, doc: &mut Document) -> bool {
        let Some(mut step) = self.undone.pop() else {
            return false;
        };
        let redo = std::mem::replace(&mut step.redo, Command::Batch(Vec::new()));
        step.undo = redo.apply(doc);
        self.current = step.after;
        self.done.push(step);
        true
    }

    fn push(&mut self, doc: &mut Document, command: Command, key: Option<MergeKey>) {
        let before = self.current;
        let undo = command.clone().apply(doc);
        let after = self.fresh_state();
        self.done.push(Step {
            redo: command,
            undo,
            key,
            sealed: false,
            before,
            after,
        });
        self.current = after;
        self.undone.clear();
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
}
