//! The document as pure data.
//!
//! A [`Document`] is a belief map: typed [`Node`]s joined by typed [`Edge`]s.
//! This module knows nothing of egui, files or undo, so every other layer can
//! lean on it and tests can build documents by hand.
//!
//! Edges always point from the foundation to what rests on it: `A supports B`,
//! `A depends_on B` ("B cannot hold without A"), `bet tests assumption`,
//! `metric measures outcome`. Tracing "upstream" therefore walks edges backwards.

mod colour;
mod document;
mod edge;
mod node;

pub use colour::Rgb;
pub use document::{Document, Invalid, MAX_NODES, MAX_TEXT_CHARS};
pub use edge::{Edge, EdgeId, EdgeKind};
pub use node::{
    BetPrompts, EvidenceStrength, Horizon, Node, NodeId, NodeKind, Point, Size, Status,
};
