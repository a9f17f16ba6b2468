//! The one owner of the open document.
//!
//! Everything that changes a document — a panel, a shortcut, a background
//! job, and the room's phones over the network — queues an [`Edit`] here.
//! [`OpenDocument::drain`] applies the queue once a frame, in order, in one
//! place, so undo, dirty tracking, autosave and the room see every change
//! and no two sources race. Readers get `&Document` only.
//!
//! Edits from other threads go through an [`EditSender`]. Each carries the
//! generation it was meant for: once another document is opened, an edit
//! still in flight for the old one is dropped, never applied to the new one.
//!
//! Modelled on rerun's `command_sender`: queued, then drained once a frame.
//! This part knows no egui, so a headless room can own a document too.

use super::{Command, History, MergeKey};
use crate::model::Document;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// What a [`Compute`] edit decided, from the document as it was when the
/// queue reached it.
pub struct Computed {
    /// The change, if any (a refused request makes none).
    pub command: Option<Command>,
    /// Runs once the change is applied and published, to answer whoever
    /// asked (the room answers a phone only when the document holds it).
    pub then: Option<Box<dyn FnOnce() + Send>>,
}

/// An edit made from the document as it is when it is applied, not as it
/// was when it was sent: two phones joining at once must not both take the
/// same participant id, nor one overwrite the other's workshop.
pub type Compute = Box<dyn FnOnce(&Document) -> Computed + Send>;

/// One change to the open document, as queued.
pub enum Edit {
    /// A command as its own undo step.
    Apply(Command),
    /// A command folded into the previous step with the same key (one drag,
    /// one field being typed in).
    Merge(Command, MergeKey),
    /// Ends the current gesture: the next command starts a new step.
    Seal,
    Undo,
    Redo,
    /// A command made at drain time; see [`Compute`]. These come from the
    /// room, so they are recorded as room steps, which the facilitator's
    /// Undo and Redo pass over (see [`History`]).
    Compute(Compute),
}

impl std::fmt::Debug for Edit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Edit::Apply(c) => f.debug_tuple("Apply").field(c).finish(),
            Edit::Merge(c, k) => f.debug_tuple("Merge").field(c).field(k).finish(),
            Edit::Seal => f.write_str("Seal"),
            Edit::Undo => f.write_str("Undo"),
            Edit::Redo => f.write_str("Redo"),
            Edit::Compute(_) => f.write_str("Compute(..)"),
        }
    }
}

/// Told the document after each drain that changed it.
/// With the document, its drawing's identity: equal values mean equal
/// documents apart from marks (votes, dots, participants, the reveal), so a
/// publisher may keep what it copied of the rest.
pub type Publisher = Box<dyn FnMut(&Document, Drawing) + Send>;

/// Which document and which of its drawn states ([`History::drawn_state`]).
pub type Drawing = (u64, u64);

/// Called when an edit arrives from another thread, so whoever drains the
/// queue wakes up: the window repaints, the headless room's loop runs.
pub type Waker = std::sync::Arc<dyn Fn() + Send + Sync>;

/// Sends edits from another thread (a background job, the room's server).
#[derive(Clone)]
pub struct EditSender {
    generation: u64,
    tx: mpsc::Sender<(u64, Edit)>,
    waker: std::sync::Arc<std::sync::Mutex<Option<Waker>>>,
}

impl EditSender {
    /// Queues `edit`; false once the owner is gone. An edit for a document
    /// that has since been replaced is accepted here and dropped there.
    pub fn send(&self, edit: Edit) -> bool {
        let sent = self.tx.send((self.generation, edit)).is_ok();
        if sent && let Some(wake) = self.waker.lock().ok().and_then(|w| w.clone()) {
            wake();
        }
        sent
    }

    /// Wakes whoever drains the queue, with an edit that changes nothing:
    /// the headless room's loop sees a signal, the window a count it shows
    /// that is not in the document (the room's waiting notes).
    pub fn nudge(&self) -> bool {
        self.send(Edit::Compute(Box::new(|_| Computed {
            command: None,
            then: None,
        })))
    }
}

/// What one [`OpenDocument::drain`] did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Drained {
    /// Any edit ran (so the window should repaint).
    pub changed: bool,
    /// Something may have been removed (so selections should be checked).
    pub may_remove: bool,
}

/// The open document, its file, its history and the queue of edits to it.
pub struct OpenDocument {
    doc: Document,
    path: Option<PathBuf>,
    history: History,
    /// Bumped whenever a different document is opened, so caches keyed by
    /// history state never mix two documents.
    generation: u64,
    /// The history state last saved (`u64::MAX`: never, as for recovered
    /// work).
    saved_state: u64,
    queue: Vec<Edit>,
    tx: mpsc::Sender<(u64, Edit)>,
    rx: mpsc::Receiver<(u64, Edit)>,
    /// Edits from other threads already taken off the channel by
    /// [`wait`](Self::wait), still to be applied.
    arrived: Vec<(u64, Edit)>,
    waker: std::sync::Arc<std::sync::Mutex<Option<Waker>>>,
    /// Told the document after every drain that changed it, before any
    /// [`Computed::then`] runs: the room's published view.
    publisher: Option<Publisher>,
}

impl std::fmt::Debug for OpenDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenDocument")
            .field("path", &self.path)
            .field("generation", &self.generation)
            .field("queued", &self.queue.len())
            .finish_non_exhaustive()
    }
}

impl OpenDocument {
    pub fn new(doc: Document, path: Option<PathBuf>) -> Self {
        let (tx, rx) = mpsc::channel();
        let history = History::default();
        Self {
            saved_state: history.state(),
            doc,
            path,
            history,
            generation: 0,
            queue: Vec::new(),
            tx,
            rx,
            arrived: Vec::new(),
            waker: Default::default(),
            publisher: None,
        }
    }

    /// Who to wake when another thread sends an edit.
    pub fn set_waker(&mut self, waker: Option<Waker>) {
        if let Ok(mut slot) = self.waker.lock() {
            *slot = waker;
        }
    }

    /// Who to tell the document after each drain that changed it (and once
    /// now).
    pub fn set_publisher(&mut self, publisher: Option<Publisher>) {
        self.publisher = publisher;
        self.publish();
    }

    /// Blocks until an edit arrives from another thread or `timeout` passes;
    /// true if one came. For an owner with no window to wake (the headless
    /// room).
    pub fn wait(&mut self, timeout: std::time::Duration) -> bool {
        match self.rx.recv_timeout(timeout) {
            Ok(edit) => {
                self.arrived.push(edit);
                true
            }
            Err(_) => false,
        }
    }

    pub fn doc(&self) -> &Document {
        &self.doc
    }

    /// Where the document was loaded from or last saved to.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn history(&self) -> &History {
        &self.history
    }

    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// Whether edits wait to be applied: what they add is not in
    /// [`doc`](Self::doc) yet.
    pub fn has_pending(&self) -> bool {
        !self.queue.is_empty()
    }

    /// Queues an edit from this thread.
    pub fn queue(&mut self, edit: Edit) {
        self.queue.push(edit);
    }

    /// A sender for another thread, bound to the document open now.
    pub fn sender(&self) -> EditSender {
        EditSender {
            generation: self.generation,
            tx: self.tx.clone(),
            waker: self.waker.clone(),
        }
    }

    /// Applies every queued edit, in order: this thread's first (they were
    /// made against what the window showed), then other threads'.
    pub fn drain(&mut self) -> Drained {
        let mut drained = Drained::default();
        let local = std::mem::take(&mut self.queue);
        let generation = self.generation;
        let remote: Vec<Edit> = std::mem::take(&mut self.arrived)
            .into_iter()
            .chain(self.rx.try_iter())
            .filter(|(g, _)| *g == generation)
            .map(|(_, edit)| edit)
            .collect();
        let mut answers = Vec::new();
        for edit in local.into_iter().chain(remote) {
            drained.changed = true;
            match edit {
                Edit::Apply(command) => {
                    drained.may_remove |= command.may_remove();
                    self.history.apply(&mut self.doc, command);
                }
                Edit::Merge(command, key) => {
                    drained.may_remove |= command.may_remove();
                    self.history.apply_merged(&mut self.doc, command, key);
                }
                Edit::Seal => self.history.seal(),
                Edit::Undo => {
                    self.history.undo(&mut self.doc);
                    drained.may_remove = true;
                }
                Edit::Redo => {
                    self.history.redo(&mut self.doc);
                    drained.may_remove = true;
                }
                Edit::Compute(compute) => {
                    let computed = compute(&self.doc);
                    if let Some(command) = computed.command {
                        drained.may_remove |= command.may_remove();
                        self.history.apply_room(&mut self.doc, command);
                    }
                    answers.extend(computed.then);
                }
            }
        }
        if drained.changed {
            self.publish();
        }
        for answer in answers {
            answer();
        }
        drained
    }

    /// Opens another document in place of this one: a fresh history and
    /// generation, clean, and nothing queued for the old one survives.
    pub fn replace(&mut self, doc: Document, path: Option<PathBuf>) {
        self.doc = doc;
        self.path = path;
        self.history = History::default();
        self.saved_state = self.history.state();
        self.generation += 1;
        self.queue.clear();
        self.publish();
    }

    /// Tells the publisher the document as it is now.
    fn publish(&mut self) {
        if let Some(publish) = &mut self.publisher {
            publish(&self.doc, (self.generation, self.history.drawn_state()));
        }
    }

    /// The document was written to `path` as it is now.
    pub fn mark_saved(&mut self, path: PathBuf) {
        self.path = Some(path);
        self.saved_state = self.history.state();
    }

    /// The document differs from its file whatever the history says, as
    /// recovered work does.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = u64::MAX;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Node, NodeId, NodeKind};

    fn card(id: u64) -> Node {
        Node::new(NodeId(id), NodeKind::Belief, "A belief")
    }

    #[test]
    fn edits_wait_for_the_drain_and_then_undo_as_queued() {
        let mut open = OpenDocument::new(Document::default(), None);
        open.queue(Edit::Apply(Command::add(open.doc(), vec![card(1)], vec![])));
        assert!(
            open.doc().nodes.is_empty(),
            "nothing applies before the drain"
        );
        assert!(open.has_pending());
        let drained = open.drain();
        assert!(drained.changed);
        assert_eq!(open.doc().nodes.len(), 1);
        assert!(open.is_dirty());
        open.queue(Edit::Undo);
        assert!(open.drain().may_remove);
        assert!(open.doc().nodes.is_empty());
        assert!(!open.is_dirty());
    }

    #[test]
    fn an_edit_sent_for_a_closed_document_never_reaches_the_next_one() {
        let mut open = OpenDocument::new(Document::default(), None);
        let sender = open.sender();
        let late = Command::add(open.doc(), vec![card(7)], vec![]);
        open.replace(Document::default(), None);
        assert!(sender.send(Edit::Apply(late.clone())));
        assert!(!open.drain().changed);
        assert!(open.doc().nodes.is_empty());
        assert!(open.sender().send(Edit::Apply(late)));
        open.drain();
        assert_eq!(open.doc().nodes.len(), 1, "a current sender's edit applies");
    }

    #[test]
    fn edits_from_another_thread_apply_after_this_threads() {
        let mut open = OpenDocument::new(Document::default(), None);
        let sender = open.sender();
        let doc = open.doc().clone();
        std::thread::spawn(move || {
            sender.send(Edit::Apply(Command::add(&doc, vec![card(2)], vec![])));
        })
        .join()
        .unwrap();
        open.queue(Edit::Apply(Command::add(open.doc(), vec![card(1)], vec![])));
        open.drain();
        let mut ids: Vec<u64> = open.doc().nodes.iter().map(|n| n.id.0).collect();
        ids.sort();
        assert_eq!(ids, [1, 2]);
        // This thread's edit ran first: undoing once takes the other's out.
        open.queue(Edit::Undo);
        open.drain();
        let ids: Vec<u64> = open.doc().nodes.iter().map(|n| n.id.0).collect();
        assert_eq!(ids, [1]);
    }
}
