//! Every change to a document, as data.
//!
//! The UI never mutates a [`Document`](crate::model::Document) directly: it
//! builds a [`Command`] and queues it with the document's one owner,
//! [`OpenDocument`], which applies the queue through [`History`] once a
//! frame. Each command
//! returns its exact inverse when applied, so undo, redo and dirty tracking
//! are correct by construction rather than by care.

mod command;
pub mod diff;
mod history;
pub mod merge;
mod open_document;
mod selection;
mod snippet;

pub use command::Command;
pub use history::{History, MergeKey};
pub use open_document::{
    Compute, Computed, Drained, Drawing, Edit, EditSender, OpenDocument, Publisher, Waker,
};
pub use selection::Selection;
pub use snippet::Snippet;
