//! Every change to a document, as data.
//!
//! The UI never mutates a [`Document`](crate::model::Document) directly: it
//! builds a [`Command`] and hands it to [`History::apply`]. Each command
//! returns its exact inverse when applied, so undo, redo and dirty tracking
//! are correct by construction rather than by care.

mod command;
mod history;
mod selection;
mod snippet;

pub use command::Command;
pub use history::{History, MergeKey};
pub use selection::Selection;
pub use snippet::Snippet;
